"""Options that several commands share, declared once so that they read the same in each,
and the names the commands accept, written out so that ``igalgo --help`` imports no domain."""

from __future__ import annotations

import os
from datetime import date, datetime, time
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from igalgo.engine.settings import EngineSettings


class SurfaceName(StrEnum):
    """The surfaces as options name them; the same values as :class:`igalgo.domain.Surface`
    (a test pins that)."""

    FEED = "feed"
    STORIES = "stories"
    EXPLORE = "explore"
    REELS = "reels"


DEFAULT_JOBS = 2
"""Worker processes the command line simulates large batches with unless ``--jobs`` says."""

MAX_JOBS = 64
"""Most worker processes ``--jobs`` accepts (the upper bound of
:attr:`igalgo.engine.settings.EngineSettings.workers`; a test pins that)."""

MAX_SAMPLES = 1 << 20
"""Most samples ``--samples`` accepts (as :data:`igalgo.engine.settings.MAX_SAMPLES`; a test
pins that)."""

PLAIN_WIDTH = 100
"""Width of a table when it is not going to a terminal (unless COLUMNS says)."""

AccountOption = Annotated[
    str | None,
    typer.Option(
        "--account",
        metavar="PROFILE",
        help="Account (shipped profile name or a path); overrides the drafts file's.",
    ),
]
SAMPLES_DEFAULT = 1024
"""igalgo.engine.settings.DEFAULT_SAMPLES, written out for ``--help`` (which imports no
engine); a test keeps them equal."""

SURFACE_METAVAR = "[feed|stories|explore|reels]"

SeedOption = Annotated[
    int,
    typer.Option(
        "--seed",
        min=0,
        metavar="N",
        help="Seed of the Monte Carlo, 0 or more; same seed, same numbers.",
    ),
]
SamplesOption = Annotated[
    int,
    typer.Option(
        "--samples",
        min=1,
        max=MAX_SAMPLES,
        metavar="N",
        help=f"Monte Carlo samples per estimate. At {SAMPLES_DEFAULT} the medians move by "
        "under 2 % from one --seed to another (Feed and Stories by about 1 %).",
    ),
]
JobsOption = Annotated[
    int,
    typer.Option(
        "--jobs",
        min=1,
        max=MAX_JOBS,
        metavar="N",
        help="Worker processes for large batches of drafts (1: all in this process). The "
        "results are identical for any N.",
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        metavar="FILE",
        help="Write the results to this file instead of stdout ('-': stdout). A file is "
        "replaced atomically (through a symbolic link, its target); a device or FIFO is "
        "written directly; an input of the run is refused.",
        dir_okay=False,
        readable=False,
    ),
]
ConfineOption = Annotated[
    bool,
    typer.Option(
        "--confine-accounts",
        help="A drafts file's account must be a shipped profile or a file inside the drafts "
        "file's directory (for CI that checks files it does not trust).",
    ),
]
PROFILES_VARIABLE = "IGALGO_PROFILES"
"""The environment variable that names the trusted profiles folder (``--profiles``)."""

ProfilesOption = Annotated[
    Path | None,
    typer.Option(
        "--profiles",
        metavar="DIR",
        envvar=PROFILES_VARIABLE,
        help="A trusted folder of profiles: a drafts file's `account: NAME` finds DIR/NAME.yaml, "
        "and with --confine-accounts a path into DIR is allowed (links that lead out of it are "
        f"not). Default: ${PROFILES_VARIABLE}.",
        show_default=False,
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="[en|nl]",
        help="Language of the report (en or nl); else the profile's language, IGALGO_LANG or "
        "the locale (LANG), else English. JSON, NDJSON and CSV are the same in every language.",
        show_default=False,
    ),
]
ForceOption = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Replace an output file even if it is read-only (by default refused).",
    ),
]


def engine_settings(samples: int, jobs: int) -> EngineSettings:
    """The engine settings of a command: its sample count and ``--jobs`` worker processes."""
    from igalgo.cli.runtime import retain_freed_memory
    from igalgo.engine.settings import EngineSettings

    retain_freed_memory()
    return EngineSettings(samples=samples, workers=jobs)


MIN_WIDTH = 40
"""Narrowest layout igalgo attempts; a smaller COLUMNS is taken as this."""


TODAY_VARIABLE = "IGALGO_TODAY"
"""The environment variable that sets the date igalgo takes as today (``YYYY-MM-DD``), and
optionally the time (``YYYY-MM-DD HH:MM``, in each account's zone): the coming week of undated
drafts, the default start of a plan and the past-date warnings depend on it, so a test or a
reproducible run can fix it."""


def now_override() -> datetime | None:
    """The local date and time :data:`TODAY_VARIABLE` sets (midnight when it gives no time),
    or None (now in the account's zone); raises UsageError for a value that is neither."""
    text = os.environ.get(TODAY_VARIABLE, "").strip()
    if not text:
        return None
    try:
        if len(text) == len("YYYY-MM-DD"):
            return datetime.combine(date.fromisoformat(text), time())
        when = datetime.fromisoformat(text)
    except ValueError:
        when = None
    if when is None or when.tzinfo is not None:
        from igalgo.errors import UsageError

        raise UsageError(
            f"{TODAY_VARIABLE}: expected a date as YYYY-MM-DD (or YYYY-MM-DD HH:MM), got {text!r}"
        )
    return when


def today_override() -> date | None:
    """The date :data:`TODAY_VARIABLE` sets, or None (today in the account's zone); raises
    UsageError for a value that is not a date."""
    when = now_override()
    return when.date() if when is not None else None


def clock_override() -> time | None:
    """The time of day :data:`TODAY_VARIABLE` sets (None without one: the start of the day)."""
    when = now_override()
    return when.time() if when is not None and when.time() != time() else None


def plain_width() -> int:
    """The width of plain-text tables: COLUMNS when it is a whole number above zero (at least
    :data:`MIN_WIDTH`), else :data:`PLAIN_WIDTH`; ``COLUMNS=abc`` or ``-5`` is ignored, as
    rich ignores it on a terminal."""
    text = os.environ.get("COLUMNS", "").strip()
    if not text.isdigit() or int(text) == 0:
        return PLAIN_WIDTH
    return max(MIN_WIDTH, int(text))


def use_language(option: str | None, profile: str | None = None) -> str:
    """Activate the language of this run (:func:`igalgo.language.choose_language`) and return
    its code; an unknown one is a usage error naming where it came from."""
    from igalgo.errors import UsageError
    from igalgo.language import activate, choose_language

    try:
        code = choose_language(option, profile)
    except ValueError as error:
        raise UsageError(str(error)) from None
    activate(code)
    return code
