"""igalgo.app."""
