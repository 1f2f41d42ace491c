"""igalgo.advice.drivers."""
