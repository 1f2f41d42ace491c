"""The ``igalgo`` command line (typer); :mod:`igalgo.cli.app` is its entry."""
