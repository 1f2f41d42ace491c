"""igalgo.world."""
