"""The ``igalgo`` command's entry point, also run by ``python -m igalgo``."""


def run() -> None:
    """Start the command line with the cycle collector paused while typer, numpy and the
    engine are imported (~25 ms of a short run); :func:`igalgo.cli.main.main` turns it back on."""
    import gc

    gc.disable()
    from igalgo.cli.main import main

    main()


if __name__ == "__main__":
    run()
