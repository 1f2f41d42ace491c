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
from igalgo.cli import calibrate, files, plan, runtime, score
from igalgo.cli.conversion import Command, Group
from igalgo.errors import ExitCode, IgalgoError, OutputClosedError, Terminated

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
app.command(epilog=files.VALIDATE_EPILOG, cls=Command)(files.validate)
app.command(epilog=files.SCHEMA_EPILOG, cls=Command)(files.schema)
app.command(epilog=files.PROFILES_EPILOG, cls=Command)(files.profiles)


def main() -> None:
    """Run the command line and exit with the code of what happened (the console script and
    ``python -m igalgo`` call it through :func:`igalgo.__main__.run`).

    The one place that maps outcomes to exit codes: an IgalgoError -> its message on stderr
    and its code; a closed stdout -> 0, quietly; SIGTERM -> 143; anything else is a bug -> 3
    with a short message (the traceback only with ``IGALGO_DEBUG=1``). Typer reports its own
    usage errors (unknown option, bad value) and exits 2, :attr:`ExitCode.INVALID_INPUT`.
    """
    with runtime.command_process():
        code = _run()
    sys.exit(code)


def _run() -> int:
    """Run the app; the exit code of what it raised."""
    try:
        app()
    except OutputClosedError:
        runtime.silence_stdout()
        return int(ExitCode.OK)
    except IgalgoError as error:
        message = str(error)
        if message:
            sys.stderr.write(f"{message}\n")
        return int(error.exit_code)
    except Terminated as stop:
        return int(stop.exit_code)
    except Exception as error:  # a bug: never show users a bare traceback
        if os.environ.get("IGALGO_DEBUG"):
            raise
        sys.stderr.write(
            f"igalgo: internal error: {type(error).__name__}: {error}\n"
            "  This is a bug in igalgo; rerun with IGALGO_DEBUG=1 for the traceback.\n"
        )
        return int(ExitCode.INTERNAL_ERROR)
    return int(ExitCode.OK)
