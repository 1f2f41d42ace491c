"""The ``igalgo`` command line: the typer app, its commands, and the one mapping from what a
command raises to the process's exit code.

The commands (:mod:`igalgo.cli.score`, :mod:`igalgo.cli.plan`, :mod:`igalgo.cli.calibrate`,
:mod:`igalgo.cli.files`) are
thin adapters over the app layer (:mod:`igalgo.app`) that library callers share. Heavy
modules (numpy, yaml) are imported inside the commands so that ``igalgo --version`` and
``igalgo --help`` start fast.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from igalgo import __version__
from igalgo.cli import calibrate, files, plan, report, runtime, score
from igalgo.cli.conversion import Command, Group
from igalgo.errors import (
    WRITE_ERRORS,
    ExitCode,
    IgalgoError,
    OutputClosedError,
    Terminated,
)

app = typer.Typer(
    name="igalgo",
    help=(
        "Content-strategy advisor for Instagram.\n\n"
        "igalgo reads a YAML description of an account and its post drafts, runs each draft "
        "through models of Instagram's three ranking algorithms (Feed & Stories, Explore, "
        "Reels) and estimates reach per surface, with uncertainty and advice.\n\n"
        "Start with:  igalgo profiles   then   igalgo score DRAFTS.yaml\n\n"
        "With the account's Insights exports:  igalgo calibrate EXPORT --account PROFILE "
        "--output CALIBRATED.yaml"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    cls=Group,
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"igalgo {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_show_version,
            is_eager=True,
            help="Print igalgo's version and exit.",
        ),
    ] = False,
) -> None:
    """Content-strategy advisor for Instagram."""


app.command(epilog=score.EPILOG, cls=Command)(score.score)
app.command(epilog=plan.EPILOG, cls=Command)(plan.plan)
app.command(epilog=calibrate.EPILOG, cls=Command)(calibrate.calibrate)
app.command(epilog=report.EPILOG, cls=Command)(report.report)
app.command(epilog=files.VALIDATE_EPILOG, cls=Command)(files.validate)
app.command(epilog=files.SCHEMA_EPILOG, cls=Command)(files.schema)
app.command(epilog=files.PROFILES_EPILOG, cls=Command)(files.profiles)


def main() -> None:
    """Run the command line and exit with the code of what happened (the console script and
    ``python -m igalgo`` call it through :func:`igalgo.__main__.run`).

    The one place that maps outcomes to exit codes: an IgalgoError -> its message on stderr
    and its code; a closed stdout (``| head``) -> 0, quietly; standard output that cannot be
    written (a full disk, closed before the start) -> 2 with a message; an ending signal ->
    128 + its number (SIGTERM 143, Ctrl-C 130); anything else is a bug -> 3 with a short
    message (the traceback only with ``IGALGO_DEBUG=1``). Typer reports its own usage errors
    (unknown option, bad value) and exits 2, :attr:`ExitCode.INVALID_INPUT`.
    (docs/decisions/0064-closed-and-full-outputs.md)
    """
    with runtime.command_process():
        code = _flushed(_outcome())
    sys.exit(code)


def _outcome() -> int:
    """Run the app; the exit code of what it raised."""
    try:
        app()
    except SystemExit as done:  # typer ends every run this way, help and usage errors too
        return _exit_code(done.code)
    except OutputClosedError:
        runtime.silence_stdout()
    except IgalgoError as error:
        runtime.diagnose(str(error))
        return int(error.exit_code)
    except Terminated as stop:
        return stop.exit_code
    except KeyboardInterrupt:  # SIGINT before the handlers were installed
        return 128 + 2
    except OSError as error:
        return _unwritable(error)
    except Exception as error:
        return _bug(error)
    return int(ExitCode.OK)


def _flushed(code: int) -> int:
    """Flush standard output, where a full disk or a closed pipe shows when the output fitted
    in the buffer, on every path (Python's own exit flush would fail with exit 120): a
    closed pipe keeps ``code`` (a failed gate stays 1), an unwritable output is exit 2."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        runtime.silence_stdout()
    except OSError as error:
        return _unwritable(error)
    return code


def _unwritable(error: OSError) -> int:
    """Standard output cannot be written (one of :data:`WRITE_ERRORS`; any other OSError is a
    bug): say so, drop what is left of it, exit 2."""
    if error.errno not in WRITE_ERRORS:
        return _bug(error)
    runtime.silence_stdout()
    runtime.diagnose(f"igalgo: cannot write standard output: {error.strerror or error}")
    return int(ExitCode.INVALID_INPUT)


def _exit_code(code: object) -> int:
    """The exit code of typer's SystemExit: its number, 0 for None, 2 for a message."""
    if code is None:
        return int(ExitCode.OK)
    return code if isinstance(code, int) else int(ExitCode.INVALID_INPUT)


def _bug(error: Exception) -> int:
    """A bug: a short message, never a bare traceback (unless IGALGO_DEBUG asks for it)."""
    if os.environ.get("IGALGO_DEBUG"):
        raise error
    runtime.diagnose(
        f"igalgo: internal error: {type(error).__name__}: {error}\n"
        "  This is a bug in igalgo; rerun with IGALGO_DEBUG=1 for the traceback."
    )
    return int(ExitCode.INTERNAL_ERROR)
