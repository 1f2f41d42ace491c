"""Writing a score run: each file's results in the chosen format, streamed or at the end, and
the summary that decides the exit code.

Streaming formats (NDJSON, CSV) are written file by file as results arrive (constant memory);
JSON and markdown once every file is scored; the table (and its SVG), which needs a terminal's
width and colours, through the caller's :attr:`ScoreWriter.table`. Date warnings and
unreadable files go to :attr:`ScoreWriter.diagnose` (stderr, escaped), and into the JSON.
The brief format (the pre-commit hooks') writes one line per problem, gate failure, draft
not approved and warning, and a summary line, instead (the table before them with
:attr:`ScoreWriter.verbose`). Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TextIO

from igalgo.app.results import AccountReport, DraftResult, FileProblem, ScoredFile
from igalgo.domain import Surface
from igalgo.output.envelope import (
    Run,
    Summary,
    json_text,
    ndjson_invalid_line,
    ndjson_lines,
    ndjson_summary_line,
)
from igalgo.output.report import csv_header, csv_lines, markdown_text

TABLE = "table"
NDJSON = "ndjson"
CSV = "csv"
JSON = "json"
MARKDOWN = "markdown"
BRIEF = "brief"
STREAMING = frozenset({NDJSON, CSV})
"""Formats written line by line as drafts are scored."""


@dataclass(frozen=True)
class ScoreWriter:
    """Writes a run's files into a text stream, in one format."""

    fmt: str
    """``table``, ``json``, ``ndjson``, ``csv`` or ``markdown``."""
    run: Run
    surfaces: frozenset[Surface]
    diagnose: Callable[[str], None]
    """Writes one diagnostic line (stderr, escaped)."""
    closed: Callable[[], None]
    """Called when the stream's reader went away: raises to stop the run, or returns to go
    on scoring (what is still written is then dropped)."""
    table: Callable[[list[AccountReport], TextIO], None]
    """Writes the reports as the table format."""
    also: Callable[[list[AccountReport]], None] | None = None
    """Writes the reports elsewhere too, once they are all scored (``--svg``)."""
    verbose: bool = False
    """With the brief format: the table report first (``-v``)."""

    def write(self, items: Iterable[ScoredFile | FileProblem], sink: TextIO) -> Summary:
        """Write each file's results into ``sink``; the run's summary."""
        summary = Summary()
        scored_files: list[ScoredFile] = []
        invalid: list[FileProblem] = []
        header = csv_header() if self.fmt == CSV else ""
        brief = self.fmt == BRIEF
        lines: list[str] = []  # the brief format's, written at the end
        for item in items:
            if isinstance(item, FileProblem):
                if brief:
                    lines += [p.format().partition("\n")[0] for p in item.problems]
                else:
                    self.diagnose(str(item.error))
                summary.invalid_files += 1
                invalid.append(item)
                if self.fmt == NDJSON:
                    self._write_or_close(sink, ndjson_invalid_line(self.run, item))
                continue
            summary.files += 1
            summary.warnings += len(item.warnings)
            scored_files.append(item)
            for line in item.warning_lines():
                if brief:
                    lines.append(line.removeprefix("igalgo: "))
                else:
                    self.diagnose(line)
            if self.fmt in STREAMING:
                try:
                    sink.write(header)  # the CSV header once, before the first file's rows
                    header = ""
                    summary.drafts += self._write_lines(item, sink)
                except BrokenPipeError:
                    self.closed()
                    summary.drafts += sum(1 for _ in item.results)  # the rest, for its gates
        for item in scored_files:
            summary.failures += item.gate_failures
            summary.unapproved += item.unapproved
        if brief:
            lines += [f"gate failed: {failure.message()}" for failure in summary.failures]
            lines += [f"not approved: {held.message()}" for held in summary.unapproved]
            lines.append(brief_summary(summary))
        if self.fmt not in STREAMING:
            reports = [item.report for item in scored_files if item.report is not None]
            summary.drafts = sum(len(report.results) for report in reports)
            if brief:
                lines[-1] = brief_summary(summary)  # now that the drafts are counted
            try:
                self._write_reports(reports, invalid, summary, sink)
                sink.write("".join(f"{line}\n" for line in lines))
            except BrokenPipeError:
                self.closed()
        elif self.fmt == NDJSON:
            self._write_or_close(sink, ndjson_summary_line(self.run, summary))
        return summary

    def _write_or_close(self, sink: TextIO, text: str) -> None:
        """Write ``text``, or handle a reader that went away."""
        try:
            sink.write(text)
        except BrokenPipeError:
            self.closed()

    def _write_lines(self, item: ScoredFile, sink: TextIO) -> int:
        """A streaming format's lines for one file, written as its results arrive; the number
        of drafts written."""
        drafts = 0

        def counted() -> Iterator[DraftResult]:
            nonlocal drafts
            for result in item.results:
                drafts += 1
                yield result

        if self.fmt == NDJSON:
            lines = ndjson_lines(
                self.run,
                item.drafts_file,
                counted(),
                item.checklist,
                item.gates or self.run.gates,
                item.warnings,
            )
        else:
            lines = csv_lines(item.drafts_file, counted(), surfaces=self.surfaces)
        for line in lines:
            sink.write(line)
        return drafts

    def _write_reports(
        self,
        reports: list[AccountReport],
        invalid: list[FileProblem],
        summary: Summary,
        sink: TextIO,
    ) -> None:
        """Write the formats that need every result first: json, markdown, table."""
        if self.fmt == JSON:
            sink.write(json_text(self.run, reports, invalid, summary))
        elif self.fmt == BRIEF and self.verbose and reports:
            self.table(reports, sink)
        elif self.fmt == MARKDOWN and reports:
            sink.write(markdown_text(reports, surfaces=self.surfaces))
        elif self.fmt == TABLE and reports:
            self.table(reports, sink)
        if self.also is not None and reports:
            self.also(reports)


def brief_summary(summary: Summary) -> str:
    """The brief format's last line: ``igalgo: 3 files, 24 drafts: 2 gate failures, ...``."""

    def counted(number: int, noun: str) -> str:
        return f"{number} {noun}{'s' if number != 1 else ''}"

    found = [
        counted(len(summary.failures), "gate failure"),
        f"{len(summary.unapproved)} not approved",
        counted(summary.invalid_files, "invalid file"),
        counted(summary.warnings, "warning"),
    ]
    verdict = "ok" if summary.exit_code == 0 else "failed"
    return (
        f"igalgo: {verdict}: {counted(summary.files + summary.invalid_files, 'file')}, "
        f"{counted(summary.drafts, 'draft')}: {', '.join(found)}"
    )
