"""Options that several commands share, declared once so that they read the same in each,
and the names the commands accept, written out so that ``igalgo --help`` imports no domain."""

from __future__ import annotations

import os
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
"""Most worker processes ``--jobs`` accepts (as :class:`igalgo.engine.settings.EngineSettings`)."""

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
SeedOption = Annotated[
    int,
    typer.Option(
        "--seed",
        min=0,
        help="Seed of the Monte Carlo, 0 or more; same seed, same numbers.",
    ),
]
SamplesOption = Annotated[
    int | None,
    typer.Option(
        "--samples",
        min=1,
        max=MAX_SAMPLES,
        help="Monte Carlo samples per estimate [default: igalgo.DEFAULT_SAMPLES, 1024]. At "
        "1024 the medians move by under 2 % from one --seed to another (Feed and Stories "
        "by about 1 %).",
        show_default=False,
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
ForceOption = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Replace an output file even if it is read-only (by default refused).",
    ),
]


def engine_settings(samples: int | None, jobs: int) -> EngineSettings:
    """The engine settings of a command: its sample count and ``--jobs`` worker processes."""
    from igalgo.cli.runtime import retain_freed_memory
    from igalgo.engine.settings import DEFAULT_SAMPLES, EngineSettings

    retain_freed_memory()
    return EngineSettings(samples=samples or DEFAULT_SAMPLES, workers=jobs)


def plain_width() -> int:
    """The width of plain-text tables: COLUMNS, or :data:`PLAIN_WIDTH`."""
    return int(os.environ.get("COLUMNS", "0") or 0) or PLAIN_WIDTH
