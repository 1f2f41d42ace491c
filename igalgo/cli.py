"""The ``igalgo`` command line: a thin typer adapter over :mod:`igalgo.service`.

This is the only module that imports typer. A command body builds consoles, calls one service
function, hands the result to :mod:`igalgo.render` or :mod:`igalgo.report`, prints, and picks
the exit code. Heavy modules (numpy, yaml) are imported inside the commands so that
``igalgo --version`` and ``igalgo --help`` start fast.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from igalgo import __version__
from igalgo.errors import ExitCode, IgalgoError

app = typer.Typer(
    name="igalgo",
    help=(
        "Content-strategy advisor for Instagram.\n\n"
        "igalgo reads a YAML description of an account and its post drafts, runs each draft "
        "through models of Instagram's three ranking algorithms (Feed & Stories, Explore, "
        "Reels) and estimates reach per surface, with uncertainty and advice.\n\n"
        "Start with:  igalgo profiles   then   igalgo score DRAFTS.yaml"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
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


def _report_error(error: IgalgoError) -> int:
    """Print an expected error to stderr and return its exit code: the one place for that."""
    sys.stderr.write(f"{error}\n")
    return int(error.exit_code)


def main() -> None:
    """Entry point of the console script and of ``python -m igalgo``.

    Maps exceptions to exit codes in one place: IgalgoError -> its code (usually 2); anything
    else is a bug -> 3 with a short message (the traceback only with ``IGALGO_DEBUG=1``).
    """
    import os

    try:
        # Typer (click) handles its own usage errors: message on stderr, exit 2.
        app()
    except IgalgoError as error:
        sys.exit(_report_error(error))
    except Exception as error:  # a bug: never show users a bare traceback
        if os.environ.get("IGALGO_DEBUG"):
            raise
        sys.stderr.write(
            f"igalgo: internal error: {type(error).__name__}: {error}\n"
            "  This is a bug in igalgo; rerun with IGALGO_DEBUG=1 for the traceback.\n"
        )
        sys.exit(ExitCode.INTERNAL_ERROR)
    sys.exit(ExitCode.OK)
