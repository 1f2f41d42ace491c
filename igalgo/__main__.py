"""The ``igalgo`` command's entry point, also run by ``python -m igalgo``."""


def run() -> None:
    """Start the command line with the cycle collector paused while typer, numpy and the
    engine are imported (:mod:`igalgo.cli.runtime` turns it back on)."""
    from igalgo.cli import runtime

    runtime.pause_collector()
    from igalgo.cli.app import main

    try:
        main()
    except SystemExit as done:
        if runtime.ended_by_signal():
            # Cleanup has run; the interpreter's own teardown would join the worker pool's
            # threads without a bound, which a pool whose workers died of the same signal can
            # keep waiting (docs/decisions/0136-hardening-round-3.md). Only in this process,
            # never in a library caller's or a test's.
            runtime.exit_now(done.code if isinstance(done.code, int) else 1)
        raise


if __name__ == "__main__":
    run()
