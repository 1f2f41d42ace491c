"""``igalgo score``: options in, :func:`igalgo.app.score.score_files`, results out.

The command checks its options, asks the app layer for each file's results, hands them to
:mod:`igalgo.output.report` or :mod:`igalgo.output.render`, writes them (stdout or an
``--output`` file written atomically) and raises what decides the exit code.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from igalgo.cli.options import (
    DEFAULT_JOBS,
    PLAIN_WIDTH,
    SAMPLES_DEFAULT,
    SURFACE_METAVAR,
    AccountOption,
    JobsOption,
    OutputOption,
    SamplesOption,
    SeedOption,
    SurfaceName,
    plain_width,
    today_override,
)

if TYPE_CHECKING:
    from igalgo.app.score import AccountReport, DraftResult, FileProblem, ScoredFile
    from igalgo.domain import Surface
    from igalgo.engine.settings import EngineSettings
    from igalgo.output.envelope import Run, Summary


class OutputFormat(StrEnum):
    """What ``igalgo score`` writes on stdout (or into ``--output``)."""

    TABLE = "table"
    JSON = "json"
    NDJSON = "ndjson"
    CSV = "csv"
    MARKDOWN = "markdown"


STREAMING = frozenset({OutputFormat.NDJSON, OutputFormat.CSV})
"""Formats written line by line as drafts are scored (constant memory)."""

PROGRESS_MIN_DRAFTS = 500
"""A progress bar (stderr, terminals only) is shown from this many drafts on."""

EPILOG = """\
\b
Examples:
  igalgo score profiles/demo-drafts.yaml
  igalgo score drafts/*.yaml --format json --output report.json
  igalgo score week.yaml --fail-under feed=15% --fail-under reels=2000
  cat week.yaml | igalgo score - --account bakery --format ndjson

On a terminal the default is the table report in colour. When stdout is not a terminal (a
pipe, a file) the default is still the table, as plain text without colour, 100 columns wide
(or COLUMNS): scripts should ask for --format json, ndjson or csv, whose shape is a versioned
contract (igalgo schema output): --format json is one object for any number of files, with
files, invalid_files, the gates and a summary of the failed ones. NO_COLOR also turns colour
off.

A draft without publish_at is scored at its best slot of the coming week (from next Monday),
or of its window, and says so; a date in the past is warned about on stderr.
IGALGO_TODAY=YYYY-MM-DD sets the day igalgo takes as today.

Exit codes: 0 ok; 1 a --fail-under gate failed (each failing draft and surface named on
stderr and in the summary); 2 usage error or invalid input (with several files, the valid
ones are still scored and the exit code is 2 at the end); 3 internal error.
"""


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
            metavar=SURFACE_METAVAR,
            help="Show only this surface (repeatable); JSON keeps all four surface keys.",
            case_sensitive=False,
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            metavar="[table|json|ndjson|csv|markdown]",
            help="table, json, ndjson (one line per draft, streams), csv, markdown.",
            case_sensitive=False,
        ),
    ] = OutputFormat.TABLE,
    seed: SeedOption = 0,
    samples: SamplesOption = SAMPLES_DEFAULT,
    jobs: JobsOption = DEFAULT_JOBS,
    sort_by: Annotated[
        str | None,
        typer.Option(
            "--sort-by",
            metavar="SURFACE",
            help="Order drafts by median reach on SURFACE (feed, stories, explore, reels or "
            "total), highest first. Default: publish order.",
            show_default=False,
        ),
    ] = None,
    fail_under: Annotated[
        list[str] | None,
        typer.Option(
            "--fail-under",
            metavar="SURFACE=REACH[%]",
            help="Exit 1 if a draft's median reach on SURFACE (or 'total') is below REACH "
            "accounts, or below REACH % of its account's followers (feed=15%). Repeatable; "
            "drafts that cannot reach SURFACE are skipped; --format json and ndjson give each "
            "draft's result and a summary of the failures.",
        ),
    ] = None,
    output: OutputOption = None,
    svg: Annotated[
        Path | None,
        typer.Option(
            "--svg",
            metavar="FILE",
            help="Also save the table report as an SVG image.",
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Estimate reach per draft and surface, with drivers, advice and the strategy checklist."""
    from igalgo.app.gates import parse_gate
    from igalgo.app.score import score_files
    from igalgo.cli import runtime
    from igalgo.cli.options import engine_settings
    from igalgo.domain import Surface
    from igalgo.errors import GateFailedError, ProblemsReportedError

    runtime.imports_done("igalgo.inputs.loader", "igalgo.output.report")
    gates = [parse_gate(text) for text in fail_under or []]
    from igalgo.output.envelope import Run

    settings = engine_settings(samples, jobs)
    request = _Request(
        files=files,
        surfaces=frozenset(Surface(s) for s in surface) if surface else frozenset(Surface),
        output_format=output_format,
        run=Run(seed, settings.samples, tuple(gates)),
        settings=settings,
        svg=svg,
    )
    progress = _Progress(jobs)
    items = score_files(
        files,
        account=account,
        settings=request.settings,
        seed=seed,
        surfaces=request.surfaces,
        sort_by=sort_by,
        gates=gates,
        lazy=request.output_format in STREAMING,
        progress=progress,
        today=today_override(),
    )
    sink: AbstractContextManager[TextIO] = nullcontext(sys.stdout)
    if output is not None:
        from igalgo.output.atomic import atomic_writer

        sink = atomic_writer(output)
    else:
        machine = request.output_format in (OutputFormat.JSON, OutputFormat.NDJSON)
        runtime.tolerate_unencodable(sys.stdout, json_text=machine)
    with sink as stream:
        try:
            summary = _write_all(request, items, stream)
        finally:
            progress.close()
        if not summary.files and output is not None:
            # Raised inside the writer, so that an existing --output file stays as it was.
            raise ProblemsReportedError(_gate_text(summary))
        stream.flush()
    if summary.invalid_files:
        raise ProblemsReportedError(_gate_text(summary))
    if summary.failures:
        raise GateFailedError(_gate_text(summary))


@dataclass(frozen=True)
class _Request:
    """What the score command writes, from its options."""

    files: list[str]
    surfaces: frozenset[Surface]
    output_format: OutputFormat
    run: Run
    settings: EngineSettings
    svg: Path | None


def _gate_text(summary: Summary) -> str:
    """One ``igalgo: gate failed:`` line per failure."""
    return "\n".join(f"igalgo: gate failed: {f.message()}" for f in summary.failures)


def _write_all(
    request: _Request, items: Iterable[ScoredFile | FileProblem], sink: TextIO
) -> Summary:
    """Write each file's results in the chosen format into ``sink``; problems go to stderr.

    Streaming formats are written file by file as results arrive; the others once every
    file is scored.
    """
    from igalgo.app.score import FileProblem
    from igalgo.output.envelope import Summary, ndjson_invalid_line, ndjson_summary_line
    from igalgo.output.report import csv_header

    fmt = request.output_format
    summary = Summary()
    scored_files: list[ScoredFile] = []
    invalid: list[FileProblem] = []
    header = csv_header() if fmt is OutputFormat.CSV else ""
    for item in items:
        if isinstance(item, FileProblem):
            sys.stderr.write(f"{item.error}\n")
            summary.invalid_files += 1
            invalid.append(item)
            if fmt is OutputFormat.NDJSON:
                sink.write(ndjson_invalid_line(request.run, item))
            continue
        summary.files += 1
        scored_files.append(item)
        for note in item.warnings:
            sys.stderr.write(
                f"igalgo: warning: {item.source}: draft '{note.draft_id}' is {note.message}\n"
            )
        if fmt in STREAMING:
            sink.write(header)  # the CSV header once, before the first file's rows
            header = ""
            summary.drafts += _write_lines(request, item, sink)
    for item in scored_files:
        summary.failures += item.gate_failures
    if fmt not in STREAMING:
        reports = [item.report for item in scored_files if item.report is not None]
        summary.drafts = sum(len(report.results) for report in reports)
        _write_reports(request, reports, invalid, summary, sink)
        if request.svg is not None and reports:
            _write_svg(request.svg, request.surfaces, reports)
    elif fmt is OutputFormat.NDJSON:
        sink.write(ndjson_summary_line(request.run, summary))
    return summary


def _write_lines(request: _Request, item: ScoredFile, sink: TextIO) -> int:
    """A streaming format's lines for one file, written as its results arrive; the number of
    drafts written."""
    from igalgo.output.envelope import ndjson_lines
    from igalgo.output.report import csv_lines

    drafts = 0

    def counted() -> Iterator[DraftResult]:
        nonlocal drafts
        for result in item.results:
            drafts += 1
            yield result

    if request.output_format is OutputFormat.NDJSON:
        lines = ndjson_lines(request.run, item.drafts_file, counted(), surfaces=request.surfaces)
    else:
        lines = csv_lines(item.drafts_file, counted(), surfaces=request.surfaces)
    for line in lines:
        sink.write(line)
    return drafts


def _write_reports(
    request: _Request,
    reports: list[AccountReport],
    invalid: list[FileProblem],
    summary: Summary,
    sink: TextIO,
) -> None:
    """Write the formats that need every result first: table, json, markdown."""
    from igalgo.output.envelope import json_text
    from igalgo.output.report import markdown_text

    fmt = request.output_format
    if fmt is OutputFormat.JSON:
        sink.write(json_text(request.run, reports, invalid, summary))
    elif fmt is OutputFormat.MARKDOWN and reports:
        sink.write(markdown_text(reports, surfaces=request.surfaces))
    elif fmt is OutputFormat.TABLE and reports:
        _write_table(request.surfaces, reports, sink)


def _write_table(surfaces: frozenset[Surface], reports: list[AccountReport], sink: TextIO) -> None:
    """The table report: colour on a terminal, plain text (no ANSI, stripped lines) otherwise;
    in ASCII where the stream cannot encode the report's symbols."""
    from igalgo.output.glyphs import glyphs_for
    from igalgo.output.render import plain_text, report_lines, report_view

    glyphs = glyphs_for(getattr(sink, "encoding", None))
    if sink is sys.stdout and sink.isatty():
        from rich.console import Console

        console = Console(file=sink, highlight=False)
        lines = report_lines(reports, surfaces=surfaces, width=console.width, glyphs=glyphs)
        console.print(report_view(lines))
        return
    # Plain text is laid out without rich: it is what scripts and CI logs read, and the
    # quickest way to the end of a run.
    lines = report_lines(reports, surfaces=surfaces, width=plain_width(), glyphs=glyphs)
    sink.write(plain_text(lines))


def _write_svg(path: Path, surfaces: frozenset[Surface], reports: list[AccountReport]) -> None:
    """``--svg``: the table report recorded by rich and exported as an SVG image."""
    import io

    from rich.console import Console

    from igalgo.output.atomic import atomic_writer
    from igalgo.output.render import report_lines, report_view

    console = Console(record=True, width=PLAIN_WIDTH, file=io.StringIO(), force_terminal=True)
    console.print(report_view(report_lines(reports, surfaces=surfaces, width=PLAIN_WIDTH)))
    with atomic_writer(path) as file:
        file.write(console.export_svg(title="igalgo score"))


class _Progress:
    """A progress bar on stderr for long runs, only when stderr is a terminal."""

    def __init__(self, jobs: int) -> None:
        self._jobs = jobs
        self._bar: Any = None
        self._task: Any = None
        self._total = 0

    def add(self, drafts: int) -> None:
        """Announce ``drafts`` more drafts to score."""
        self._total += drafts
        if self._bar is None and self._total >= PROGRESS_MIN_DRAFTS and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import Progress

            from igalgo.cli.runtime import start_workers

            start_workers(self._jobs)  # before the bar's thread
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
