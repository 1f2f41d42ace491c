"""igalgo's documentation and the tools that generate parts of it (not installed)."""
