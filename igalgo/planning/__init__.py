"""igalgo.planning."""
