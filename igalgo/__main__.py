"""The ``igalgo`` command's entry point, also run by ``python -m igalgo``."""


def run() -> None:
    """Start the command line with the cycle collector paused while typer, numpy and the
    engine are imported (:mod:`igalgo.cli.runtime` turns it back on)."""
    from igalgo.cli import runtime

    runtime.pause_collector()
    from igalgo.cli.app import main

    main()


if __name__ == "__main__":
    run()
