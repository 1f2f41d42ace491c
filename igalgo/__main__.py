"""``python -m igalgo``: the same as the ``igalgo`` command."""

from igalgo.cli import main

main()
