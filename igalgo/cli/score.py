"""``igalgo score``: options in, :func:`igalgo.app.score.score_files`, results out.

The command checks its output options, asks the app layer for each file's results, hands
them to :class:`igalgo.output.score_writer.ScoreWriter` (stdout or an ``--output`` file
written atomically; the table and SVG laid out here, for the terminal) and raises what
decides the exit code.
"""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager, nullcontext
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from igalgo.cli.options import (
    DEFAULT_JOBS,
    PLAIN_WIDTH,
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
    plain_width,
    today_override,
    use_language,
)

if TYPE_CHECKING:
    from igalgo.app.results import AccountReport
    from igalgo.domain import Surface
    from igalgo.output.atomic import OutputTarget
    from igalgo.output.envelope import Run, Summary
    from igalgo.output.score_writer import ScoreWriter


class OutputFormat(StrEnum):
    """What ``igalgo score`` writes on stdout (or into ``--output``)."""

    TABLE = "table"
    JSON = "json"
    NDJSON = "ndjson"
    CSV = "csv"
    MARKDOWN = "markdown"
    BRIEF = "brief"


PROGRESS_MIN_DRAFTS = 500
"""A progress bar (stderr, terminals only) is shown from this many drafts on."""

EPILOG = """\
\b
Examples:
  igalgo score profiles/demo-drafts.yaml
  igalgo score drafts/*.yaml --format json --output report.json
  igalgo score week.yaml --fail-under feed=15% --fail-under reels=2000
  cat week.yaml | igalgo score - --account bakery --format ndjson
  igalgo score drafts/*.yaml --profiles profiles --require-approved --format brief

On a terminal the default is the table report in colour. When stdout is not a terminal (a
pipe, a file) the default is still the table, as plain text without colour, 100 columns wide
(or COLUMNS): scripts should ask for --format json, ndjson or csv, whose shape is a versioned
contract (igalgo schema output): --format json is one object for any number of files, with
files, invalid_files (each problem located), the gates (each with its origin: a profile's
gates: or the command line), each file's warnings and a summary of the failed ones, written
(to --output too) whatever the exit code. --format brief writes one line per problem, gate
failure, draft not approved and warning, and a summary line (the pre-commit hooks' output;
-v adds the table). NO_COLOR also turns colour off.

A draft without publish_at is scored at its best slot of the coming week (from next Monday),
or of its window, and says so; publish_at "tue 19:30" is the next Tuesday after today; a
date before now (to the minute, in the account's zone) is warned about on stderr and in the
JSON. IGALGO_TODAY=YYYY-MM-DD (or "YYYY-MM-DD HH:MM") sets the day (and time) igalgo takes
as now.

Exit codes: 0 ok; 1 a gate (--fail-under or a profile's gates:) failed, or a dated draft is
not approved with --require-approved (each failing draft and surface named on
stderr and in the summary; also when stdout's reader stops early); 2 usage error, invalid
input or an output that cannot be written (with several files, the valid ones are still
scored and the exit code is 2 at the end); 3 internal error; 128+N stopped by signal N.
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
            metavar="[table|json|ndjson|csv|markdown|brief]",
            help="table, json, ndjson (one line per draft, streams), csv, markdown, brief (a "
            "line per problem and failure, and a summary).",
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
            help="Also save the table report as an SVG image ('-': stdout, with --output).",
            dir_okay=False,
            readable=False,
        ),
    ] = None,
    force: ForceOption = False,
    confine_accounts: ConfineOption = False,
    lang: LangOption = None,
    profiles: ProfilesOption = None,
    require_approved: Annotated[
        bool,
        typer.Option(
            "--require-approved",
            help="Exit 1 when a dated draft is not `status: approved` (like a gate; in the "
            "JSON summary's unapproved too).",
        ),
    ] = False,
    verbose: Annotated[
        bool,
        typer.Option("-v", "--verbose", help="With --format brief: the table report too."),
    ] = False,
) -> None:
    """Estimate reach per draft and surface, with drivers, advice and the strategy checklist."""
    from igalgo.app.assess import ScoreOptions
    from igalgo.app.gates import parse_gate
    from igalgo.app.score import score_files
    from igalgo.cli import runtime
    from igalgo.cli.options import engine_settings
    from igalgo.cli.outputs import given, output_stream, output_targets
    from igalgo.domain import Surface
    from igalgo.errors import GateFailedError, ProblemsReportedError
    from igalgo.output.envelope import Run
    from igalgo.output.score_writer import STREAMING

    runtime.imports_done("igalgo.inputs.loader", "igalgo.output.report")
    use_language(lang)
    gates = [parse_gate(text) for text in fail_under or []]
    named = {"--output": output, "--svg": svg}
    targets = output_targets(named, force=force, stdout_option="--output")
    settings = engine_settings(samples, jobs)
    shown = frozenset(Surface(s) for s in surface) if surface else frozenset(Surface)
    progress = _Progress(jobs)
    options = ScoreOptions(
        settings,
        seed,
        shown,
        today=today_override(),
        clock=clock_override(),
        require_approved=require_approved,
    )
    items = score_files(
        files,
        options,
        account=account,
        sort_by=sort_by,
        gates=gates,
        lazy=output_format in STREAMING,
        progress=progress,
        outputs=given(targets),
        confine_accounts=confine_accounts,
        profiles=profiles,
    )
    run = Run(seed, settings.samples, tuple(gates))
    writer = _writer(output_format, run, shown, svg, targets.get("--svg"), verbose)
    machine = output_format in (OutputFormat.JSON, OutputFormat.NDJSON)
    written_anyway = machine or output_format is OutputFormat.BRIEF
    with output_stream(targets.get("--output"), json_text=machine) as stream:
        try:
            summary = writer.write(items, stream)
        finally:
            progress.close()
        if not summary.files and "--output" in targets and not written_anyway:
            # Raised inside the writer, so that an existing --output file stays as it was
            # (the JSON and NDJSON envelopes and the brief lines are written whatever the run
            # came to).
            raise ProblemsReportedError(_gate_text(summary))
        try:
            stream.flush()
        except BrokenPipeError:
            writer.closed()
    said = "" if output_format is OutputFormat.BRIEF else _gate_text(summary)
    if summary.invalid_files:
        raise ProblemsReportedError(said)
    if summary.failures or summary.unapproved:
        raise GateFailedError(said)


def _writer(
    output_format: OutputFormat,
    run: Run,
    shown: frozenset[Surface],
    svg: Path | None,
    svg_target: OutputTarget | None,
    verbose: bool = False,
) -> ScoreWriter:
    """The writer of a run's results: diagnostics escaped on stderr, the table and the SVG
    (``--svg``: into ``svg_target``, or stdout for ``-``) laid out for the terminal."""
    from igalgo.cli.runtime import diagnose
    from igalgo.output.score_writer import ScoreWriter

    return ScoreWriter(
        output_format.value,
        run,
        shown,
        diagnose,
        partial(_output_closed, gated=bool(run.gates)),
        table=partial(_write_table, shown),
        also=None if svg is None else partial(_write_svg, svg_target, shown),
        verbose=verbose,
    )


def _gate_text(summary: Summary) -> str:
    """One ``igalgo: gate failed:`` line per failure and per draft not approved."""
    return "\n".join(
        [f"igalgo: gate failed: {f.message()}" for f in summary.failures]
        + [f"igalgo: not approved: {held.message()}" for held in summary.unapproved]
    )


def _output_closed(*, gated: bool) -> None:
    """Standard output's reader went away (``| head``). Without gates the run stops here
    (exit 0: the reader had what it wanted); with gates what is still written is dropped and
    scoring goes on, so that a failed gate still exits 1."""
    from igalgo.cli.runtime import silence_stdout
    from igalgo.errors import OutputClosedError

    if not gated:
        raise OutputClosedError()
    silence_stdout()


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
