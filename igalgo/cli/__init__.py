"""igalgo.cli.main."""
