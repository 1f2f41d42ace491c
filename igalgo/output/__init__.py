"""igalgo.output."""
