"""The ``igalgo`` command line: a thin typer adapter over :mod:`igalgo.world.model`.

This is the only module that imports typer. A command body builds consoles, calls one service
function, hands the result to :mod:`igalgo.output.render` or :mod:`igalgo.output.report`, prints,
and picks
the exit code. Heavy modules (numpy, yaml) are imported inside the commands so that
``igalgo --version`` and ``igalgo --help`` start fast.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer
import typer.core

from igalgo import __version__
from igalgo.errors import ExitCode, IgalgoError, UsageError

if TYPE_CHECKING:
    from igalgo.app.plan import Plan
    from igalgo.app.score import AccountReport, DraftResult, Gate, GateFailure
    from igalgo.cli.values import ValueKind
    from igalgo.domain import Surface
    from igalgo.engine.settings import EngineSettings


class SurfaceName(StrEnum):
    """The surfaces as options name them; the same values as :class:`igalgo.domain.Surface`
    (a test pins that), declared here so that ``igalgo --help`` does not import the domain."""

    FEED = "feed"
    STORIES = "stories"
    EXPLORE = "explore"
    REELS = "reels"


class _Converter:
    """Converts one parameter's value with :mod:`igalgo.cli.values` instead of typer's
    pydantic adapters (the same contract as typer's runtime parameters)."""

    def __init__(self, kind: ValueKind) -> None:
        self.kind = kind

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        """The converted value; a usage error (exit 2) when it cannot be converted."""
        many = bool(param.multiple) or param.nargs == -1
        if value is None:
            return () if many else None
        if many and isinstance(value, str):
            raise typer.BadParameter("Value must be an iterable.", ctx=ctx, param=param)
        try:
            return self.kind.convert(value)
        except ValueError as error:
            raise typer.BadParameter(str(error), ctx=ctx, param=param) from None


def _convert_without_pydantic(command: Any, ctx: Any) -> None:
    """Give each parameter of ``command`` a :class:`_Converter` where igalgo handles its kind.

    Typer 0.29 builds a pydantic adapter for every parameter value (about 0.2 s of imports
    and schema building per run). It keeps the converter of a parameter in
    ``_runtime_param`` until first use; a parameter that already has one, or a typer
    without that attribute (older typer converts with click, without pydantic), is left
    alone, and so is any kind :func:`igalgo.cli.values.value_kind` does not handle.
    """
    from igalgo.cli.values import value_kind

    for param in command.get_params(ctx):  # with the --help option typer adds
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", False) is not None:
            continue
        info = descriptor.parameter_info
        kind = value_kind(
            descriptor.annotation,
            minimum=getattr(info, "min", None),
            maximum=getattr(info, "max", None),
            clamp=bool(getattr(info, "clamp", False)),
            case_sensitive=bool(getattr(info, "case_sensitive", True)),
            dir_okay=bool(getattr(info, "dir_okay", True)),
            readable=bool(getattr(info, "readable", True)),
            path_checks=bool(
                getattr(info, "exists", False)
                or not getattr(info, "file_okay", True)
                or getattr(info, "writable", False)
                or getattr(info, "resolve_path", False)
                or getattr(info, "path_type", None) is not None
            ),
            parser=getattr(info, "parser", None),
        )
        if kind is not None:
            param._runtime_param = _Converter(kind)


class _Command(typer.core.TyperCommand):
    """A typer command whose values igalgo converts itself (see
    :func:`_convert_without_pydantic`); help, parsing and errors stay typer's."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Install the converters, then parse as typer does."""
        _convert_without_pydantic(self, ctx)
        result: list[str] = super().parse_args(ctx, args)
        return result


class _Group(typer.core.TyperGroup):
    """The ``igalgo`` group, whose own options (``--version``) are converted as in
    :class:`_Command`."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Install the converters, then parse as typer does."""
        _convert_without_pydantic(self, ctx)
        result: list[str] = super().parse_args(ctx, args)
        return result


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
    cls=_Group,
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


CLI_WORKERS = 2
"""Worker processes the command line simulates large batches with."""


def _engine_settings(samples: int | None) -> EngineSettings:
    """The engine settings of a command: its sample count and the CLI's worker processes."""
    from igalgo.engine.settings import DEFAULT_SAMPLES, EngineSettings

    retain_freed_memory()
    return EngineSettings(samples=samples or DEFAULT_SAMPLES, workers=CLI_WORKERS)


@functools.lru_cache(maxsize=1)
def retain_freed_memory() -> bool:
    """Keep freed memory in the process for reuse (glibc's ``mallopt``); True if applied.

    Every chunk allocates and frees the same few megabytes of sample arrays; with glibc's
    defaults the freed blocks go back to the operating system and the next chunk faults them
    in again page by page. Raising the mmap threshold to 32 MiB and the trim threshold to
    256 MiB keeps them (once per process; other C libraries are left alone).
    """
    import ctypes

    try:
        # The process's own symbols include the C library's; no find_library (a subprocess).
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc: no mallopt
        return False
    mmap_threshold, trim_threshold = -3, -1  # glibc's M_MMAP_THRESHOLD, M_TRIM_THRESHOLD
    return bool(mallopt(mmap_threshold, 32 << 20)) and bool(mallopt(trim_threshold, 256 << 20))


def _imports_done() -> None:
    """Turn the cycle collector back on after a command's imports, leaving the objects made
    so far (modules, classes) out of its future passes."""
    import gc

    gc.freeze()
    gc.enable()


def _report_error(error: IgalgoError) -> int:
    """Print an expected error to stderr and return its exit code: the one place for that."""
    sys.stderr.write(f"{error}\n")
    return int(error.exit_code)


def main() -> None:
    """Run the command line (the console script and ``python -m igalgo`` call it through
    :func:`igalgo.__main__.run`).

    Maps exceptions to exit codes in one place: IgalgoError -> its code (usually 2); anything
    else is a bug -> 3 with a short message (the traceback only with ``IGALGO_DEBUG=1``).
    """
    import gc
    import os

    # numpy's OpenBLAS starts a thread per core when it is imported, which costs a short run
    # more than it ever gives back: the engine uses no BLAS routine (it runs its own threads).
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    # Importing numpy and the engine creates many long-lived objects, which the cycle
    # collector would scan again and again, during the imports and then during scoring: the
    # demo run went from 514 to 368 ms (mean) with this, the freeze in _imports_done and two
    # lazy imports. It runs again once a command has imported what it needs.
    gc.disable()
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
    finally:
        gc.enable()  # whatever the command did (main may run inside another program)
    sys.exit(ExitCode.OK)


# --- igalgo score ----------------------------------------------------------------------------


class OutputFormat(StrEnum):
    """What ``igalgo score`` writes on stdout (or into ``--output``)."""

    TABLE = "table"
    JSON = "json"
    NDJSON = "ndjson"
    CSV = "csv"
    MARKDOWN = "markdown"


PLAIN_WIDTH = 100
"""Width of the table report when it is not going to a terminal (unless COLUMNS says)."""

PROGRESS_MIN_DRAFTS = 500
"""A progress bar (stderr, terminals only) is shown from this many drafts on."""

# Options that score and plan share: declared once, so that they read the same in both.
AccountOption = Annotated[
    str | None,
    typer.Option(
        "--account",
        metavar="PROFILE",
        help="Account (shipped profile name or a path); overrides the drafts file's.",
    ),
]
SeedOption = Annotated[
    int, typer.Option("--seed", help="Seed of the Monte Carlo; same seed, same numbers.")
]
SamplesOption = Annotated[
    int | None,
    typer.Option(
        "--samples",
        min=1,
        help="Monte Carlo samples per estimate [default: igalgo.DEFAULT_SAMPLES, 1024]. At "
        "1024 the medians move by under 2 % from one --seed to another (Feed and Stories "
        "by about 1 %).",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        help="Write the results to this file instead of stdout (atomically).",
        dir_okay=False,
    ),
]


_SCORE_EPILOG = """\
\b
Examples:
  igalgo score profiles/demo-drafts.yaml
  igalgo score drafts/*.yaml --format json --output report.json
  igalgo score week.yaml --fail-under feed=500 --fail-under reels=2000
  cat week.yaml | igalgo score - --account bakery --format ndjson

On a terminal the default is the table report in colour. When stdout is not a terminal (a
pipe, a file) the default is still the table, as plain text without colour, 100 columns wide
(or COLUMNS): scripts should ask for --format json, ndjson or csv, whose shape is a versioned
contract (igalgo schema output). NO_COLOR also turns colour off.

Exit codes: 0 ok; 1 a --fail-under gate failed (each failing draft and surface named on
stderr); 2 usage error or invalid input (with several files, the valid ones are still
scored and the exit code is 2 at the end); 3 internal error.
"""


@app.command(epilog=_SCORE_EPILOG, cls=_Command)
def score(
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE",
            help="Drafts files (YAML); '-' reads standard input.",
            show_default=False,
        ),
    ],
    account: AccountOption = None,
    surface: Annotated[
        list[SurfaceName] | None,
        typer.Option(
            "--surface",
            metavar="[feed|stories|explore|reels]",
            help="Show only this surface (repeatable); JSON keeps all four surface keys.",
            case_sensitive=False,
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            help="table (default), json, ndjson (one line per draft, streams), csv, markdown.",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    seed: SeedOption = 0,
    samples: SamplesOption = None,
    sort_by: Annotated[
        str | None,
        typer.Option(
            "--sort-by",
            metavar="SURFACE",
            help="Order drafts by median reach on a surface (or 'total'), highest first; "
            "default: publish order.",
        ),
    ] = None,
    fail_under: Annotated[
        list[str] | None,
        typer.Option(
            "--fail-under",
            metavar="SURFACE=REACH",
            help="Exit 1 if a draft's median reach on SURFACE (or 'total') is below REACH "
            "(repeatable; drafts that cannot reach SURFACE are skipped).",
        ),
    ] = None,
    output: OutputOption = None,
    svg: Annotated[
        Path | None,
        typer.Option("--svg", help="Also save the table report as an SVG image.", dir_okay=False),
    ] = None,
) -> None:
    """Estimate reach per draft and surface, with drivers, advice and the strategy checklist."""
    from igalgo.app.score import TOTAL, parse_gate
    from igalgo.domain import Surface

    gates = [parse_gate(text) for text in fail_under or []]
    if sort_by is not None and sort_by.lower() not in [*(s.value for s in Surface), TOTAL]:
        raise UsageError(
            f"--sort-by: expected one of {', '.join([*(s.value for s in Surface), TOTAL])}, "
            f"got {sort_by!r}"
        )
    if files.count("-") > 1:
        raise UsageError("'-' (standard input) can be given only once")
    request = _ScoreRequest(
        files=files,
        account=account,
        surfaces=frozenset(Surface(s) for s in surface) if surface else frozenset(Surface),
        output_format=output_format or OutputFormat.TABLE,
        seed=seed,
        samples=samples,
        sort_by=sort_by.lower() if sort_by else None,
        gates=gates,
        output=output,
        svg=svg,
    )
    raise typer.Exit(_run_score(request))


@dataclass(frozen=True)
class _ScoreRequest:
    """The score command's options, checked."""

    files: list[str]
    account: str | None
    surfaces: frozenset[Surface]
    output_format: OutputFormat
    seed: int
    samples: int | None
    sort_by: str | None
    gates: list[Gate]
    output: Path | None
    svg: Path | None


def _run_score(request: _ScoreRequest) -> int:
    """Score every file, write the chosen format, report gates; return the exit code."""
    import contextlib
    import signal

    # SIGTERM becomes an exception, so an interrupted --output run removes its temporary file.
    signal.signal(signal.SIGTERM, _terminate)
    try:
        with contextlib.ExitStack() as stack:
            if request.output is not None:
                from igalgo.output.atomic import atomic_writer

                sink: TextIO = stack.enter_context(atomic_writer(request.output))
            else:
                sink = sys.stdout
            try:
                code, scored = _score_into(request, sink)
            except BrokenPipeError:
                # The reader went away (`igalgo score ... | head`): stop quietly.
                _silence_stdout()
                return int(ExitCode.OK)
            if not scored and request.output is not None:
                raise _NothingScoredError(code)  # leaves an existing --output file as it was
    except _NothingScoredError as nothing:
        return nothing.code
    return code


class _NothingScoredError(Exception):
    """No file could be scored: abandon the --output file instead of replacing it."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM handler: leave through the normal exception path (cleanup runs)."""
    raise SystemExit(128 + signum)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that Python's exit flush does not fail again."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _score_into(request: _ScoreRequest, sink: TextIO) -> tuple[int, bool]:
    """The body of ``igalgo score`` once options are checked; writes results into ``sink``.

    Returns the exit code and whether any file was scored.
    """
    import functools

    from igalgo.app.score import assess, assess_file, failed_gates
    from igalgo.errors import InputError
    from igalgo.inputs.loader import load_drafts
    from igalgo.output.report import csv_header, csv_lines, ndjson_lines

    _imports_done()
    settings = _engine_settings(request.samples)
    fmt = request.output_format
    invalid = scored = False
    failures: list[GateFailure] = []
    reports: list[AccountReport] = []
    progress = _Progress()
    header = csv_header() if fmt is OutputFormat.CSV else ""
    for source in request.files:
        try:
            drafts_file = load_drafts(source, request.account)
        except InputError as error:
            _report_error(error)
            invalid = True
            continue
        progress.add(len(drafts_file.drafts))
        scored = True
        whole = functools.partial(
            assess_file,
            drafts_file,
            settings=settings,
            seed=request.seed,
            surfaces=request.surfaces,
            sort_by=request.sort_by,
            progress=progress.advance,
        )
        if fmt not in (OutputFormat.NDJSON, OutputFormat.CSV):
            report = whole()
            failures += failed_gates(source, report.results, request.gates)
            reports.append(report)
            continue
        # Streaming formats: lines are written as chunks of drafts are scored (constant
        # memory), unless --sort-by asks for every result first.
        results: Iterable[DraftResult]
        if request.sort_by is None:
            lazily = assess(
                drafts_file,
                settings=settings,
                seed=request.seed,
                surfaces=request.surfaces,
                progress=progress.advance,
            )
            results = _watch_gates(lazily, source, request.gates, failures)
        else:
            report = whole()
            failures += failed_gates(source, report.results, request.gates)
            results = report.results
        if fmt is OutputFormat.NDJSON:
            lines = ndjson_lines(
                drafts_file,
                results,
                seed=request.seed,
                samples=settings.samples,
                surfaces=request.surfaces,
            )
        else:
            lines = csv_lines(drafts_file, results, surfaces=request.surfaces)
        sink.write(header)  # the CSV header once, before the first file's rows
        header = ""
        for line in lines:
            sink.write(line)
    progress.close()
    _write_reports(request, reports, sink)
    if request.svg is not None and reports:
        _write_svg(request, reports)
    for failure in failures:
        sys.stderr.write(f"igalgo: gate failed: {failure.message()}\n")
    if invalid:
        return int(ExitCode.INVALID_INPUT), scored
    return int(ExitCode.GATE_FAILED if failures else ExitCode.OK), scored


def _watch_gates(
    results: Iterable[DraftResult], source: str, gates: list[Gate], failures: list[GateFailure]
) -> Iterator[DraftResult]:
    """Pass results through, collecting gate failures on the way (streaming formats)."""
    from igalgo.app.score import failed_gates

    for result in results:
        failures += failed_gates(source, [result], gates)
        yield result


def _write_reports(request: _ScoreRequest, reports: list[AccountReport], sink: TextIO) -> None:
    """Write the formats that need every result first: table, json, markdown."""
    from igalgo.output.report import json_text, markdown_text

    fmt = request.output_format
    several = len(request.files) > 1
    if fmt is OutputFormat.JSON and (reports or several):
        sink.write(json_text(reports, as_list=several))
    elif fmt is OutputFormat.MARKDOWN and reports:
        sink.write(markdown_text(reports, surfaces=request.surfaces))
    elif fmt is OutputFormat.TABLE and reports:
        _write_table(request, reports, sink)


def _write_table(request: _ScoreRequest, reports: list[AccountReport], sink: TextIO) -> None:
    """The table report: colour on a terminal, plain text (no ANSI, stripped lines) otherwise."""
    import os

    from igalgo.output.render import plain_text, report_lines, report_view

    if sink is sys.stdout and sink.isatty():
        from rich.console import Console

        console = Console(file=sink, highlight=False)
        lines = report_lines(reports, surfaces=request.surfaces, width=console.width)
        console.print(report_view(lines))
        return
    # Plain text is laid out without rich: it is what scripts and CI logs read, and the
    # quickest way to the end of a run.
    width = int(os.environ.get("COLUMNS", "0") or 0) or PLAIN_WIDTH
    sink.write(plain_text(report_lines(reports, surfaces=request.surfaces, width=width)))


def _write_svg(request: _ScoreRequest, reports: list[AccountReport]) -> None:
    """``--svg``: the table report recorded by rich and exported as an SVG image."""
    import io

    from rich.console import Console

    from igalgo.output.atomic import atomic_writer
    from igalgo.output.render import report_lines, report_view

    assert request.svg is not None
    console = Console(record=True, width=PLAIN_WIDTH, file=io.StringIO(), force_terminal=True)
    console.print(report_view(report_lines(reports, surfaces=request.surfaces, width=PLAIN_WIDTH)))
    with atomic_writer(request.svg) as file:
        file.write(console.export_svg(title="igalgo score"))


class _Progress:
    """A progress bar on stderr for long runs, only when stderr is a terminal."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._task: Any = None
        self._total = 0

    def add(self, drafts: int) -> None:
        """Announce ``drafts`` more drafts to score."""
        self._total += drafts
        if self._bar is None and self._total >= PROGRESS_MIN_DRAFTS and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import Progress

            from igalgo.engine import workers

            # The bar redraws from a thread of its own; worker processes are forked before
            # it starts, so that they copy no other thread's state (see igalgo.engine.workers).
            workers.pool(CLI_WORKERS)

            self._bar = Progress(console=Console(file=sys.stderr), transient=True)
            self._bar.start()
            self._task = self._bar.add_task("scoring drafts", total=self._total)
        elif self._bar is not None:
            self._bar.update(self._task, total=self._total)

    def advance(self, drafts: int) -> None:
        """``drafts`` more drafts are done."""
        if self._bar is not None:
            self._bar.advance(self._task, drafts)

    def close(self) -> None:
        """Remove the bar."""
        if self._bar is not None:
            self._bar.stop()


# --- igalgo plan -----------------------------------------------------------------------------


class PlanFormat(StrEnum):
    """What ``igalgo plan`` writes on stdout (or into ``--output``)."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    ICS = "ics"


_PLAN_EPILOG = """\
\b
Examples:
  igalgo plan --surface reels --account fitness-coach
  igalgo plan --surface feed --drafts profiles/demo-drafts.yaml --weeks 2
  igalgo plan --surface stories --account bakery --format json > plan.json
  igalgo plan --surface feed --drafts week.yaml --format ics --output plan.ics

Shows, for one surface: a weekday x hour heatmap of the median reach of the account's best
format there (local time, recommended slots marked), the recommended posts per week from the
marginal reach of one more post (own posts compete), the content choices the model rewards,
the strategy checklist items for the surface, and the planned posts. With --drafts, each
draft is placed in an hour of the coming weeks (from --start, default next Monday in the
account's time zone) so that as many drafts as fit are placed and their total expected reach
is as high as possible, at most --per-week a week and spaced apart; drafts whose format cannot
reach the surface are listed apart. --format json is a versioned contract (igalgo schema
plan); csv has one row per hour of the planned weeks; ics is an iCalendar file (one event per
planned post) for calendar applications.

Exit codes: 0 ok; 2 usage error or invalid input; 3 internal error.
"""


@app.command(epilog=_PLAN_EPILOG, cls=_Command)
def plan(
    surface: Annotated[
        SurfaceName,
        typer.Option(
            "--surface",
            help="The surface to plan for: feed, stories, explore or reels.",
            case_sensitive=False,
            show_default=False,
        ),
    ],
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
            help="Posts per week on the surface [default: the recommended number].",
            show_default=False,
        ),
    ] = None,
    weeks: Annotated[int, typer.Option("--weeks", min=1, max=52, help="Weeks to plan.")] = 2,
    start: Annotated[
        str | None,
        typer.Option(
            "--start",
            metavar="DATE",
            help="First day of the plan, YYYY-MM-DD [default: next Monday in the account's "
            "time zone].",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        PlanFormat | None,
        typer.Option(
            "--format",
            help="table (default), json, csv (one row per hour), ics (iCalendar).",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    seed: SeedOption = 0,
    samples: SamplesOption = None,
    output: OutputOption = None,
) -> None:
    """Plan one surface: when, how often and what to post, and where drafts go."""
    import contextlib
    from datetime import date

    from igalgo.app.plan import plan_surface
    from igalgo.domain import Surface
    from igalgo.inputs.loader import load_account, load_drafts
    from igalgo.output.atomic import atomic_writer

    _imports_done()
    first_day = None
    if start is not None:
        try:
            first_day = date.fromisoformat(start)
        except ValueError:
            raise UsageError(f"--start: expected a date as YYYY-MM-DD, got {start!r}") from None
    if drafts is None and account is None:
        raise UsageError("give --account PROFILE or --drafts FILE (whose account is used)")
    if drafts is not None:
        drafts_file = load_drafts(drafts, account)
        who, planned, source = drafts_file.account, drafts_file.drafts, drafts_file.source
    else:
        assert account is not None
        who, planned, source = load_account(account), None, account
    result = plan_surface(
        who,
        Surface(surface),
        planned,
        start=first_day,
        weeks=weeks,
        per_week=per_week,
        settings=_engine_settings(samples),
        seed=seed,
    )
    with contextlib.ExitStack() as stack:
        sink: TextIO = sys.stdout
        if output is not None:
            sink = stack.enter_context(atomic_writer(output))
        try:
            _write_plan(result, source, output_format or PlanFormat.TABLE, sink)
            sink.flush()
        except BrokenPipeError:
            # The reader went away (`igalgo plan ... | head`): stop quietly, as score does.
            _silence_stdout()


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
        import os

        from rich.console import Console

        from igalgo.output.render_plan import plan_view

        view = plan_view(result, source)
        if sink is sys.stdout and sink.isatty():
            Console(file=sink, highlight=False).print(view)
            return
        width = int(os.environ.get("COLUMNS", "0") or 0) or PLAIN_WIDTH
        console = Console(width=width, no_color=True, color_system=None, highlight=False)
        with console.capture() as captured:
            console.print(view)
        for line in captured.get().splitlines():
            sink.write(line.rstrip() + "\n")


# --- igalgo validate, schema, profiles --------------------------------------------------------

_VALIDATE_EPILOG = """\
Examples:

  igalgo validate profiles/bakery.yaml profiles/demo-drafts.yaml

  igalgo validate bakery          (a shipped profile, by name)

  cat week.yaml | igalgo validate -

Each file is detected as a profile or as a drafts file (one with a top-level `drafts:` key);
a drafts file's account (shipped name, path or inline mapping) is checked as well. Every
problem is printed on stderr as FILE:LINE:COL: error[CODE]: PATH: message, followed by a
hint; the codes are explained in docs/formats.md. The field reference: igalgo schema profile.

Exit codes: 0 every file is valid; 2 at least one is not (or a usage error).
"""


@app.command(epilog=_VALIDATE_EPILOG, cls=_Command)
def validate(
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE...",
            help="Profiles or drafts files (YAML); '-' reads standard input; a shipped "
            "profile name works too.",
            show_default=False,
        ),
    ],
) -> None:
    """Check profiles and drafts files, reporting every problem with its line and column."""
    from igalgo.app.validate import validate_files

    if files.count("-") > 1:
        raise UsageError("'-' (standard input) can be given only once")
    results = validate_files(files)
    for result in results:
        if result.document is not None:
            typer.echo(f"{result.source}: ok ({_document_summary(result.document)})")
        for problem in result.problems:
            sys.stderr.write(problem.format() + "\n")
    invalid = [result for result in results if not result.ok]
    count = sum(len(result.problems) for result in invalid)
    checked = f"{len(results)} file{'s' if len(results) != 1 else ''} checked"
    if invalid:
        typer.echo(
            f"{checked}: {len(results) - len(invalid)} valid, {len(invalid)} with problems "
            f"({count} problem{'s' if count != 1 else ''})"
        )
        raise typer.Exit(ExitCode.INVALID_INPUT)
    typer.echo(f"{checked}: all valid")


def _document_summary(document: object) -> str:
    """``profile "Name"`` or ``12 drafts for "Name"``."""
    from igalgo.domain import Account, DraftsFile

    if isinstance(document, DraftsFile):
        count = len(document.drafts)
        return f'{count} draft{"s" if count != 1 else ""} for "{document.account.name}"'
    assert isinstance(document, Account)
    return f'profile "{document.name}"'


SCHEMA_NAMES = ("profile", "drafts", "output", "plan")
"""The names ``igalgo schema`` accepts, as its help lists them: the keys of
:data:`igalgo.output.schemas.SCHEMAS` (a test pins that), written out so that loading the command
line does not import the schemas."""


_SCHEMA_EPILOG = """\
Examples:

  igalgo schema profile > profile.schema.json

  igalgo schema drafts

The schemas of the input formats are also in docs/schema/. Editors that use the YAML
language server check a file whose first line is:

  # yaml-language-server: $schema=PATH/TO/profile.schema.json

igalgo validate checks more than a schema can: time zones, daylight-saving gaps, unique ids,
and the account a drafts file names.
"""


@app.command(epilog=_SCHEMA_EPILOG, cls=_Command)
def schema(
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help=f"Which format: {', '.join(SCHEMA_NAMES)}.",
            show_default=False,
        ),
    ],
) -> None:
    """Print the JSON Schema (2020-12) of one of igalgo's formats on stdout."""
    from igalgo.output.schemas import SCHEMAS, schema_text

    if name not in SCHEMAS:
        raise UsageError(f"unknown schema {name!r}; choose one of: {', '.join(SCHEMAS)}")
    sys.stdout.write(schema_text(name))


_PROFILES_EPILOG = """\
Use a shipped profile by name: write `account: bakery` in a drafts file, or pass
--account bakery to igalgo score. Copy one from the profiles/ folder to start your own.

Example:

  igalgo profiles
"""


@app.command(epilog=_PROFILES_EPILOG, cls=_Command)
def profiles() -> None:
    """List the shipped example profiles: name, account, type, followers, niche, time zone."""
    from igalgo.app.validate import list_shipped_profiles

    rows = [["NAME", "ACCOUNT", "TYPE", "FOLLOWERS", "NICHE", "TIME ZONE"]]
    for shipped in list_shipped_profiles():
        account = shipped.account
        rows.append(
            [
                shipped.name,
                account.name,
                str(account.account_type),
                f"{account.followers:,}",
                str(account.market.niche),
                account.timezone,
            ]
        )
    for line in _columns(rows, right_aligned={3}):
        typer.echo(line)


def _columns(rows: list[list[str]], right_aligned: set[int]) -> list[str]:
    """Rows as plain-text columns two spaces apart."""
    widths = [max(len(row[index]) for row in rows) for index in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            cell.rjust(width) if index in right_aligned else cell.ljust(width)
            for index, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return lines
