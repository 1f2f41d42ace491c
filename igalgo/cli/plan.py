"""``igalgo plan``: options in, :func:`igalgo.app.plan.plan_inputs` and
:func:`igalgo.app.plan.plan_account`, the plan out."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from igalgo.cli.options import (
    DEFAULT_JOBS,
    SAMPLES_DEFAULT,
    SURFACE_METAVAR,
    AccountOption,
    ConfineOption,
    ForceOption,
    JobsOption,
    LangOption,
    OutputOption,
    ProfilesOption,
    SamplesOption,
    SeedOption,
    SurfaceName,
    clock_override,
    today_override,
    use_language,
)

if TYPE_CHECKING:
    from igalgo.app.plan import Plan


class PlanFormat(StrEnum):
    """What ``igalgo plan`` writes on stdout (or into ``--output``)."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    ICS = "ics"


EPILOG = """\
\b
Examples:
  igalgo plan --account bakery
  igalgo plan --surface reels --account fitness-coach
  igalgo plan --surface feed --drafts profiles/demo-drafts.yaml --weeks 2
  igalgo plan --surface stories --account bakery --format json > plan.json
  igalgo plan --surface feed --drafts week.yaml --format ics --output plan.ics

Shows, for one surface (or, without --surface, for reels, feed posts and stories in turn):
a weekday x hour heatmap of the median reach of the account's best format there (local time,
recommended slots marked), the recommended posts per week from what one more post adds (own
posts compete), the content choices the model rewards, the strategy checklist items, and the
planned posts. With --drafts, each undated draft is placed in an hour of the coming weeks
(from --start, default next Monday in the account's time zone; within its window if it has
one) so that the schedule's typical reach is as high as possible, at most --per-week a week
and spaced apart; a dated draft keeps its time; drafts that cannot reach the surface are
listed apart. --format json is a versioned contract (igalgo schema
plan); csv has one row per hour of the planned weeks; ics is an iCalendar file (one event per
planned post) for calendar applications. A draft whose status: is draft or in_review is
marked tentative (STATUS:TENTATIVE in the calendar), an approved one STATUS:CONFIRMED.

Exit codes: 0 ok; 2 usage error, invalid input or an output that cannot be written; 3
internal error; 128+N stopped by signal N.
"""


def plan(
    surface: Annotated[
        SurfaceName | None,
        typer.Option(
            "--surface",
            metavar=SURFACE_METAVAR,
            help="The surface to plan for: feed, stories, explore or reels [default: feed "
            "posts, reels and stories together, for total unique reach].",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    account: AccountOption = None,
    drafts: Annotated[
        str | None,
        typer.Option(
            "--drafts",
            metavar="FILE",
            help="Drafts to place in the coming weeks (YAML; '-' reads standard input).",
        ),
    ] = None,
    per_week: Annotated[
        int | None,
        typer.Option(
            "--per-week",
            min=1,
            metavar="N",
            help="Posts per week on the surface (without --surface: of each kind of post) "
            "[default: the recommended number].",
            show_default=False,
        ),
    ] = None,
    weeks: Annotated[
        int, typer.Option("--weeks", min=1, max=52, metavar="N", help="Weeks to plan.")
    ] = 2,
    start: Annotated[
        str | None,
        typer.Option(
            "--start",
            metavar="DATE",
            help="First day of the plan, YYYY-MM-DD. Default: next Monday in the account's "
            "time zone.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        PlanFormat,
        typer.Option(
            "--format",
            metavar="[table|json|csv|ics]",
            help="table, json, csv (one row per hour), ics (iCalendar).",
            case_sensitive=False,
        ),
    ] = PlanFormat.TABLE,
    seed: SeedOption = 0,
    samples: SamplesOption = SAMPLES_DEFAULT,
    jobs: JobsOption = DEFAULT_JOBS,
    output: OutputOption = None,
    force: ForceOption = False,
    confine_accounts: ConfineOption = False,
    lang: LangOption = None,
    profiles: ProfilesOption = None,
) -> None:
    """Plan a week: when, how often and what to post, and where drafts go."""
    from igalgo.app.plan import PlanOptions, plan_account, plan_inputs
    from igalgo.cli import runtime
    from igalgo.cli.options import engine_settings
    from igalgo.cli.outputs import given, output_stream, output_targets
    from igalgo.domain import Surface

    runtime.imports_done()
    use_language(lang)
    targets = output_targets({"--output": output}, force=force)
    options = PlanOptions(
        surface=Surface(surface) if surface is not None else None,
        weeks=weeks,
        per_week=per_week,
        settings=engine_settings(samples, jobs),
        seed=seed,
        today=today_override(),
        clock=clock_override(),
    )
    asked = plan_inputs(
        account,
        drafts,
        options,
        start=start,
        outputs=given(targets),
        confine_accounts=confine_accounts,
        profiles=profiles,
    )
    use_language(lang, asked.account.language)  # a client's profile may name its language
    for line in asked.warnings:
        runtime.diagnose(line)
    with _status(len(asked.drafts or ()), weeks, jobs) as tell:
        made = plan_account(asked.account, asked.drafts, asked.options, progress=tell)
    json_text = output_format is PlanFormat.JSON
    with output_stream(targets.get("--output"), json_text=json_text) as stream:
        _write_plan(made, asked.source, output_format, stream)
        stream.flush()


@contextmanager
def _status(drafts: int, weeks: int, jobs: int) -> Iterator[Callable[[str], None]]:
    """A status line on stderr with the plan's current step and the time spent, for plans of
    many drafts, only when stderr is a terminal (removed when the plan is done)."""
    from igalgo.cli.score import PROGRESS_MIN_DRAFTS

    if drafts < PROGRESS_MIN_DRAFTS or not sys.stderr.isatty():
        yield lambda step: None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from igalgo.cli.runtime import start_workers

    start_workers(jobs)  # before the status line's thread
    title = f"planning {drafts:,} drafts over {weeks} weeks"
    bar = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=Console(file=sys.stderr),
        transient=True,
    )
    with bar:
        task = bar.add_task(title, total=None)
        yield lambda step: bar.update(task, description=f"{title}: {step}")


def _write_plan(result: Plan, source: str, fmt: PlanFormat, sink: TextIO) -> None:
    """Write a plan in ``fmt`` into ``sink``."""
    if fmt is PlanFormat.JSON:
        from igalgo.output.plan_report import plan_json

        sink.write(plan_json(result, source))
    elif fmt is PlanFormat.CSV:
        from igalgo.output.plan_report import plan_csv

        sink.write(plan_csv(result))
    elif fmt is PlanFormat.ICS:
        from igalgo.output.ics import plan_calendar

        sink.write(plan_calendar(result))
    else:
        from igalgo.cli.outputs import write_view
        from igalgo.output.glyphs import glyphs_for
        from igalgo.output.render_plan import plan_view

        write_view(plan_view(result, source, glyphs_for(getattr(sink, "encoding", None))), sink)
