"""``igalgo score``: options in, :func:`igalgo.app.score.score_files`, results out.

The command checks its options, asks the app layer for each file's results, hands them to
:mod:`igalgo.output.report` or :mod:`igalgo.output.render`, writes them (stdout or an
``--output`` file written atomically) and raises what decides the exit code.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from igalgo.cli.options import (
    DEFAULT_JOBS,
    PLAIN_WIDTH,
    AccountOption,
    ConfineOption,
    ForceOption,
    JobsOption,
    OutputOption,
    SamplesOption,
    SeedOption,
    SurfaceName,
    plain_width,
)

if TYPE_CHECKING:
    from igalgo.app.gates import GateFailure
    from igalgo.app.score import AccountReport, FileProblem, ScoredFile
    from igalgo.domain import Surface
    from igalgo.engine.settings import EngineSettings
    from igalgo.output.atomic import OutputTarget


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
  igalgo score week.yaml --fail-under feed=500 --fail-under reels=2000
  cat week.yaml | igalgo score - --account bakery --format ndjson

On a terminal the default is the table report in colour. When stdout is not a terminal (a
pipe, a file) the default is still the table, as plain text without colour, 100 columns wide
(or COLUMNS): scripts should ask for --format json, ndjson or csv, whose shape is a versioned
contract (igalgo schema output). NO_COLOR also turns colour off.

Exit codes: 0 ok; 1 a --fail-under gate failed (each failing draft and surface named on
stderr; also when stdout's reader stops early); 2 usage error, invalid input or an output
that cannot be written (with several files, the valid ones are still scored and the exit
code is 2 at the end); 3 internal error; 128+N stopped by signal N.
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
    jobs: JobsOption = DEFAULT_JOBS,
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
        typer.Option(
            "--svg",
            help="Also save the table report as an SVG image ('-': stdout, with --output).",
            dir_okay=False,
            readable=False,
        ),
    ] = None,
    force: ForceOption = False,
    confine_accounts: ConfineOption = False,
) -> None:
    """Estimate reach per draft and surface, with drivers, advice and the strategy checklist."""
    from igalgo.app.gates import parse_gate
    from igalgo.app.score import score_files
    from igalgo.cli import runtime
    from igalgo.cli.options import engine_settings
    from igalgo.cli.outputs import is_stdout, output_targets
    from igalgo.domain import Surface
    from igalgo.errors import GateFailedError, ProblemsReportedError

    runtime.imports_done("igalgo.inputs.loader", "igalgo.output.report")
    gates = [parse_gate(text) for text in fail_under or []]
    targets = output_targets(
        {"--output": output, "--svg": svg}, force=force, stdout_option="--output"
    )
    request = _Request(
        files=files,
        surfaces=frozenset(Surface(s) for s in surface) if surface else frozenset(Surface),
        output_format=output_format or OutputFormat.TABLE,
        seed=seed,
        settings=engine_settings(samples, jobs),
        svg=targets.get("--svg"),
        svg_to_stdout=is_stdout(svg),
        gated=bool(gates),
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
        outputs={option: target.given for option, target in targets.items()},
        confine_accounts=confine_accounts,
    )
    sink: AbstractContextManager[TextIO] = nullcontext(sys.stdout)
    if "--output" in targets:
        from igalgo.output.atomic import atomic_writer

        sink = atomic_writer(targets["--output"])
    with sink as stream:
        try:
            outcome = _write_all(request, items, stream)
        finally:
            progress.close()
        if not outcome.scored and "--output" in targets:
            # Raised inside the writer, so that an existing --output file stays as it was.
            raise ProblemsReportedError(outcome.gate_text())
        try:
            stream.flush()
        except BrokenPipeError:
            _output_closed(request)
    if outcome.invalid:
        raise ProblemsReportedError(outcome.gate_text())
    if outcome.failures:
        raise GateFailedError(outcome.gate_text())


@dataclass(frozen=True)
class _Request:
    """What the score command writes, from its options."""

    files: list[str]
    surfaces: frozenset[Surface]
    output_format: OutputFormat
    seed: int
    settings: EngineSettings
    svg: OutputTarget | None
    """The ``--svg`` file, checked before the run."""
    svg_to_stdout: bool = False
    """``--svg -``: the SVG goes to standard output (the report into ``--output``)."""
    gated: bool = False
    """``--fail-under`` was given: the run decides a verdict, even once stdout has closed."""


@dataclass
class _Outcome:
    """What scoring every file came to."""

    scored: bool = False
    invalid: bool = False
    failures: list[GateFailure] = field(default_factory=list)

    def gate_text(self) -> str:
        """One ``igalgo: gate failed:`` line per failure."""
        return "\n".join(f"igalgo: gate failed: {f.message()}" for f in self.failures)


def _write_all(
    request: _Request, items: Iterable[ScoredFile | FileProblem], sink: TextIO
) -> _Outcome:
    """Write each file's results in the chosen format into ``sink``; problems go to stderr.

    Streaming formats are written file by file as results arrive; the others once every
    file is scored.
    """
    from igalgo.app.score import FileProblem
    from igalgo.cli.runtime import diagnose
    from igalgo.output.report import csv_header

    fmt = request.output_format
    outcome = _Outcome()
    scored_files: list[ScoredFile] = []
    header = csv_header() if fmt is OutputFormat.CSV else ""
    for item in items:
        if isinstance(item, FileProblem):
            diagnose(str(item.error))
            outcome.invalid = True
            continue
        outcome.scored = True
        scored_files.append(item)
        if fmt in STREAMING:
            try:
                sink.write(header)  # the CSV header once, before the first file's rows
                header = ""
                _write_lines(request, item, sink)
            except BrokenPipeError:
                _output_closed(request)
                for _ in item.results:  # the rest of the file, for its gates
                    pass
    if fmt not in STREAMING:
        reports = [item.report for item in scored_files if item.report is not None]
        try:
            _write_reports(request, reports, sink)
            if (request.svg is not None or request.svg_to_stdout) and reports:
                _write_svg(request.svg, request.surfaces, reports)
        except BrokenPipeError:
            _output_closed(request)
    for item in scored_files:
        outcome.failures += item.gate_failures
    return outcome


def _output_closed(request: _Request) -> None:
    """Standard output's reader went away (``| head``). Without gates the run stops here
    (exit 0: the reader had what it wanted); with gates what is still written is dropped and
    scoring goes on, so that a failed gate still exits 1."""
    from igalgo.cli.runtime import silence_stdout
    from igalgo.errors import OutputClosedError

    if not request.gated:
        raise OutputClosedError()
    silence_stdout()


def _write_lines(request: _Request, item: ScoredFile, sink: TextIO) -> None:
    """A streaming format's lines for one file, written as its results arrive."""
    from igalgo.output.report import csv_lines, ndjson_lines

    if request.output_format is OutputFormat.NDJSON:
        lines = ndjson_lines(
            item.drafts_file,
            item.results,
            seed=request.seed,
            samples=request.settings.samples,
            surfaces=request.surfaces,
        )
    else:
        lines = csv_lines(item.drafts_file, item.results, surfaces=request.surfaces)
    for line in lines:
        sink.write(line)


def _write_reports(request: _Request, reports: list[AccountReport], sink: TextIO) -> None:
    """Write the formats that need every result first: table, json, markdown."""
    from igalgo.output.report import json_text, markdown_text

    fmt = request.output_format
    several = len(request.files) > 1
    if fmt is OutputFormat.JSON and (reports or several):
        sink.write(json_text(reports, as_list=several))
    elif fmt is OutputFormat.MARKDOWN and reports:
        sink.write(markdown_text(reports, surfaces=request.surfaces))
    elif fmt is OutputFormat.TABLE and reports:
        _write_table(request.surfaces, reports, sink)


def _write_table(surfaces: frozenset[Surface], reports: list[AccountReport], sink: TextIO) -> None:
    """The table report: colour on a terminal, plain text (no ANSI, stripped lines) otherwise."""
    from igalgo.output.render import plain_text, report_lines, report_view

    if sink is sys.stdout and sink.isatty():
        from rich.console import Console

        console = Console(file=sink, highlight=False)
        lines = report_lines(reports, surfaces=surfaces, width=console.width)
        console.print(report_view(lines))
        return
    # Plain text is laid out without rich: it is what scripts and CI logs read, and the
    # quickest way to the end of a run.
    sink.write(plain_text(report_lines(reports, surfaces=surfaces, width=plain_width())))


def _write_svg(
    target: OutputTarget | None, surfaces: frozenset[Surface], reports: list[AccountReport]
) -> None:
    """``--svg``: the table report recorded by rich and exported as an SVG image, into its
    file or (None) onto standard output."""
    import io

    from rich.console import Console

    from igalgo.output.atomic import atomic_writer
    from igalgo.output.render import report_lines, report_view

    console = Console(record=True, width=PLAIN_WIDTH, file=io.StringIO(), force_terminal=True)
    console.print(report_view(report_lines(reports, surfaces=surfaces, width=PLAIN_WIDTH)))
    sink: AbstractContextManager[TextIO] = nullcontext(sys.stdout)
    if target is not None:
        sink = atomic_writer(target)
    with sink as file:
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
