"""igalgo.engine."""
