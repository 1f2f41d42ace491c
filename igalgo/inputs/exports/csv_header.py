"""The header of a Business Suite CSV: which row it is, and which cell holds which field.

The header is the first of the file's first rows that has export columns, which skips the
``sep=,`` line and the title line of Business Suite's UTF-16 daily files. Cells map to fields
through the alias table; a name that nearly matches a missing column gets a did-you-mean.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from igalgo.inputs.exports.aliases import (
    COLUMN_ALIASES,
    REQUIRED_FIELDS,
    closest,
    display_name,
    normal,
    preference,
)
from igalgo.inputs.exports.codes import ExportErrorCode, WarningCode
from igalgo.inputs.exports.decoding import describe_text
from igalgo.inputs.exports.locating import CsvLocator, FileReport
from igalgo.inputs.exports.model import Options
from igalgo.language import tr

HEADER_SEARCH_ROWS = 10
"""How many of a file's first rows may come before the header (a ``sep=`` line, a title)."""


class BrokenCsvError(Exception):
    """A malformed CSV record: the line where the csv module gave up, why, and what to do."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.hint = "a quote opened in a cell must close before the next delimiter"
        if "field larger than field limit" in message:  # the csv module's words for a long cell
            self.message = f"a cell is longer than {csv.field_size_limit():,} characters"
            self.hint = "no export has cells this long: is this file a content export?"


def records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Each CSV record with the physical line it starts on; raises on malformed CSV."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise BrokenCsvError(reader.line_num, str(error)) from None
        yield start, row


@dataclass
class Header:
    """The header row: its line, its cells, the field of each used cell, the unused cells."""

    line: int
    """The physical line the header row starts on."""
    cells: list[str]
    """The header's cells as written."""
    fields: dict[str, int] = field(default_factory=dict)
    """Field -> index of the cell that holds it."""
    ignored: list[str] = field(default_factory=list)
    """Names of the cells no field is read from (unknown or shadowed), in file order."""


def find_header(
    text: str, delimiter: str, options: Options, *, skip_first: bool
) -> tuple[int, tuple[int, list[str]] | None]:
    """The best header candidate among the first rows and its score (0 and None: none)."""
    best: tuple[int, tuple[int, list[str]] | None] = (0, None)
    seen = 0
    try:
        for line, row in records(text, delimiter):
            if (skip_first and line == 1) or not any(cell.strip() for cell in row):
                continue
            seen += 1
            if seen > HEADER_SEARCH_ROWS:
                break
            score = _header_score(row, options)
            if score > best[0]:
                best = (score, (line, row))
    except BrokenCsvError:
        pass  # a broken row later than the header is reported when the rows are read
    return best


_KEY_FIELDS = (*REQUIRED_FIELDS, "views")


def _header_score(row: list[str], options: Options) -> int:
    """How much ``row`` looks like an export header; 0 when it does not at all."""
    cells = [normal(cell) for cell in row[:200]]
    known = [options.aliases.get(cell) for cell in cells]
    recognised = sum(found is not None for found in known)
    key_hits = sum(found in _KEY_FIELDS for found in known)
    for cell, found in zip(row[:200], known, strict=False):
        if found is None and normal(cell):
            names = [name for key in _KEY_FIELDS for name in COLUMN_ALIASES[key]]
            key_hits += closest(cell, names) is not None
    if key_hits == 0 and recognised < 3:
        return 0
    return recognised + key_hits


def map_header(
    found: tuple[int, list[str]], options: Options, locator: CsvLocator, report: FileReport
) -> Header:
    """Which cell holds which field; duplicates are errors, shadowed names warnings."""
    line, cells = found
    header = Header(line, cells)
    ranks: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = normal(cell)
        if not key:
            continue
        name = options.aliases.get(key)
        if name is None:
            header.ignored.append(cell.strip())
            continue
        names = preference(name, options.columns)
        rank = names.index(key) if key in names else len(names)
        if name not in header.fields:
            header.fields[name], ranks[name] = index, rank
            continue
        kept = header.fields[name]
        if rank == ranks[name]:
            report.error(
                ExportErrorCode.DUPLICATE_COLUMN,
                f"a second `{cell.strip()}` column (the first is column {kept + 1})",
                (locator, (line, index)),
                hint="remove one of them",
            )
            continue
        loser, winner = (kept, index) if rank < ranks[name] else (index, kept)
        if rank < ranks[name]:
            header.fields[name], ranks[name] = index, rank
        header.ignored.append(cells[loser].strip())
        report.warn(
            WarningCode.SHADOWED_COLUMN,
            tr(
                "both `{used}` and `{other}` are given: `{used}` is used",
                used=cells[winner].strip(),
                other=cells[loser].strip(),
            ),
            (locator, (line, loser)),
        )
    missing = [name for name in COLUMN_ALIASES if name not in header.fields]
    wanted = [alias for name in missing for alias in COLUMN_ALIASES[name]]
    ignored = set(header.ignored)  # a set: a header may have thousands of cells
    for index, cell in enumerate(cells):
        if cell.strip() not in ignored or normal(cell) in options.aliases:
            continue
        near = closest(cell, wanted)
        if near and options.aliases.get(normal(near)) not in REQUIRED_FIELDS:
            report.warn(
                WarningCode.IGNORED_COLUMNS,
                tr("the column `{column}` is not known and is ignored", column=cell.strip()),
                (locator, (line, index)),
                hint=tr("did you mean `{near}`?", near=near),
            )
    return header


def has_required(header: Header, options: Options, locator: CsvLocator, report: FileReport) -> bool:
    """Whether the required columns are there; reports each one that is not."""
    fine = True
    for name in REQUIRED_FIELDS:
        if name in header.fields:
            continue
        if name == "reach" and "views" in header.fields:
            if options.views_per_reach is not None:
                continue
            views = header.cells[header.fields["views"]].strip()
            report.error(
                ExportErrorCode.NEEDS_VIEWS_PER_REACH,
                f"the export has no Reach column, only `{views}`",
                (locator, (header.line, header.fields["views"])),
                hint="give the account's views per reach (views_per_reach, e.g. 1.4) to derive "
                "reach as views / ratio, or export the Reach column too",
            )
            fine = False
            continue
        fine = False
        near_index, near = _near_miss(header, name)
        wanted = display_name(name, options.columns)
        if near is not None:
            hint = f"`{near}` is not a column: did you mean `{wanted}`?"
        else:
            hint = (
                f"a content export has {wanted} (Spanish: {COLUMN_ALIASES[name][1]}); for "
                f'another language name the column with --columns "HEADER={name}"'
            )
        report.error(
            ExportErrorCode.MISSING_COLUMN,
            f"no `{wanted}` column" + (" (nor Views)" if name == "reach" else ""),
            (locator, (header.line, near_index)),
            hint=hint,
        )
    return fine


def _near_miss(header: Header, name: str) -> tuple[int, str | None]:
    """The ignored header cell closest to one of ``name``'s aliases, with its index."""
    ignored = set(header.ignored)
    for index, cell in enumerate(header.cells):
        if cell.strip() in ignored and closest(cell, COLUMN_ALIASES[name]):
            return index, cell.strip()
    return 0, None


def looks(text: str) -> str:
    """What a CSV-ish text that is no export looks like, without quoting it."""
    kind = describe_text(text)
    if kind != "plain text":
        return kind
    try:
        first = next(records(text.split("\n", 1)[0], ","), (1, []))[1]
    except BrokenCsvError:  # a malformed first line is still plain text
        return kind
    if len(first) > 1:
        return f"a CSV table with {len(first)} columns, none of them an export's"
    return kind
