"""Meta Business Suite content exports (CSV), in any language the alias table knows.

Columns are found by header name, never by position, so that reordered and trimmed files read
the same; the header is the first of the file's first rows that has export columns, which skips
the ``sep=,`` line and the title line of Business Suite's UTF-16 daily files. The delimiter is
the ``sep=`` line's, else whichever of comma, semicolon and tab finds the most known columns.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from igalgo.domain import Format, PublishedPost
from igalgo.inputs.exports.aliases import (
    COLUMN_ALIASES,
    COUNT_FIELDS,
    LIFETIME_TABLE,
    POST_TYPE_TABLE,
    POST_TYPES,
    REQUIRED_FIELDS,
    closest,
    display_name,
    normal,
    preference,
)
from igalgo.inputs.exports.codes import ExportErrorCode, WarningCode
from igalgo.inputs.exports.decoding import ExportText, describe_text
from igalgo.inputs.exports.locating import CsvLocator, FileReport, Place
from igalgo.inputs.exports.model import AccountTracker, Candidate, Options
from igalgo.inputs.exports.values import (
    ValueProblemError,
    day_month,
    parse_count,
    parse_duration,
    parse_local_time,
)

HEADER_SEARCH_ROWS = 10
"""How many of a file's first rows may come before the header (a ``sep=`` line, a title)."""

_DELIMITERS = (",", ";", "\t")
_SEP_LINE = re.compile(r'"?sep=(.)"?,*')
_DATE_LIKE = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}.*")
_NO_DURATION = frozenset({Format.PHOTO, Format.CAROUSEL})


class _BrokenCsvError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Each CSV record with the physical line it starts on; raises on malformed CSV."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise _BrokenCsvError(reader.line_num, str(error)) from None
        yield start, row


@dataclass
class _Header:
    line: int
    cells: list[str]
    fields: dict[str, int] = field(default_factory=dict)
    """Field -> index of the cell that holds it."""
    ignored: list[str] = field(default_factory=list)


def read_business_suite(
    source: ExportText, options: Options, report: FileReport
) -> tuple[list[Candidate], tuple[str, ...]]:
    """The posts of a Business Suite export and its ignored columns; problems go to ``report``.

    Reports ``not-an-export`` when no row of the file's start looks like an export header.
    """
    text = source.text
    first_line = text.split("\n", 1)[0].strip()
    sep = _SEP_LINE.fullmatch(first_line)
    delimiters = (sep.group(1),) if sep else _DELIMITERS
    best: tuple[int, str, tuple[int, list[str]] | None] = (-1, ",", None)
    for delimiter in delimiters:
        score, row = _find_header(text, delimiter, options, skip_first=bool(sep))
        if score > best[0]:
            best = (score, delimiter, row)
    _, delimiter, found = best
    locator = CsvLocator(source.name, text, delimiter)
    if found is None:
        report.error(
            ExportErrorCode.NOT_AN_EXPORT,
            f"this is not a Business Suite content export: it looks like {_looks(text)}",
            locator.at(0),
            hint="expected a CSV with the columns Publish time, Post type and Reach (Business "
            "Suite: Insights > Content > Export data), or Graph API / Download-your-information "
            "JSON",
        )
        return [], ()
    header = _map_header(found, options, locator, report)
    if not _has_required(header, options, locator, report):
        return [], tuple(header.ignored)
    try:
        rows = [(line, row) for line, row in _records(text, delimiter) if line > header.line]
    except _BrokenCsvError as broken:
        report.error(
            ExportErrorCode.CSV_SYNTAX,
            f"malformed CSV: {broken.message}",
            locator.at(locator.line_offset(broken.line)),
            hint="a quote opened in a cell must close before the next delimiter",
        )
        return [], tuple(header.ignored)
    rows = [(line, row) for line, row in rows if any(cell.strip() for cell in row)]
    if not rows:
        report.error(
            ExportErrorCode.EMPTY_EXPORT,
            "the export has a header but no posts",
            (locator, (header.line, 0)),
            hint="export a date range in which the account published",
        )
        return [], tuple(header.ignored)
    reader = _Rows(source.name, header, options, locator, report)
    reader.day_first = _day_first(rows, header, locator, report)
    candidates = [post for line, row in rows if (post := reader.read(line, row)) is not None]
    if reader.unchecked_date is not None:
        report.warn(
            WarningCode.UNCHECKED_DATE,
            f"the Date column says `{reader.unchecked_date}`, not Lifetime: the numbers were "
            "read as lifetime totals",
            (locator, (header.line, header.fields["date"])),
        )
    return candidates, tuple(header.ignored)


def _find_header(
    text: str, delimiter: str, options: Options, *, skip_first: bool
) -> tuple[int, tuple[int, list[str]] | None]:
    """The best header candidate among the first rows and its score (0 and None: none)."""
    best: tuple[int, tuple[int, list[str]] | None] = (0, None)
    seen = 0
    try:
        for line, row in _records(text, delimiter):
            if (skip_first and line == 1) or not any(cell.strip() for cell in row):
                continue
            seen += 1
            if seen > HEADER_SEARCH_ROWS:
                break
            score = _header_score(row, options)
            if score > best[0]:
                best = (score, (line, row))
    except _BrokenCsvError:
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


def _map_header(
    found: tuple[int, list[str]], options: Options, locator: CsvLocator, report: FileReport
) -> _Header:
    line, cells = found
    header = _Header(line, cells)
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
            f"both `{cells[winner].strip()}` and `{cells[loser].strip()}` are given: "
            f"`{cells[winner].strip()}` is used",
            (locator, (line, loser)),
        )
    missing = [name for name in COLUMN_ALIASES if name not in header.fields]
    for index, cell in enumerate(cells):
        if cell.strip() not in header.ignored or normal(cell) in options.aliases:
            continue
        wanted = [alias for name in missing for alias in COLUMN_ALIASES[name]]
        near = closest(cell, wanted)
        if near and options.aliases.get(normal(near)) not in REQUIRED_FIELDS:
            report.warn(
                WarningCode.IGNORED_COLUMNS,
                f"the column `{cell.strip()}` is not known and is ignored",
                (locator, (line, index)),
                hint=f"did you mean `{near}`?",
            )
    return header


def _has_required(
    header: _Header, options: Options, locator: CsvLocator, report: FileReport
) -> bool:
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
            hint = f"did you mean `{wanted}` for `{near}`?"
        else:
            hint = (
                f"a content export has {wanted} (Spanish: {COLUMN_ALIASES[name][1]}); for "
                f"another language name the column with --columns {name}=HEADER"
            )
        report.error(
            ExportErrorCode.MISSING_COLUMN,
            f"no `{wanted}` column" + (" (nor Views)" if name == "reach" else ""),
            (locator, (header.line, near_index)),
            hint=hint,
        )
    return fine


def _near_miss(header: _Header, name: str) -> tuple[int, str | None]:
    """The ignored header cell closest to one of ``name``'s aliases, with its index."""
    for index, cell in enumerate(header.cells):
        if cell.strip() in header.ignored and closest(cell, COLUMN_ALIASES[name]):
            return index, cell.strip()
    return 0, None


def _day_first(
    rows: list[tuple[int, list[str]]], header: _Header, locator: CsvLocator, report: FileReport
) -> bool:
    """True when the publish times are DD/MM: some first number is above 12, no second one is."""
    index = header.fields["published_at"]
    pairs = [day_month(row[index]) for _, row in rows if index < len(row)]
    firsts = any(pair[0] > 12 for pair in pairs if pair)
    seconds = any(pair[1] > 12 for pair in pairs if pair)
    if firsts and not seconds:
        report.warn(
            WarningCode.DAY_FIRST_DATES,
            "the publish times are read as DD/MM/YYYY (some would be month 13 or more)",
            (locator, (header.line, index)),
        )
        return True
    return False


def _looks(text: str) -> str:
    kind = describe_text(text)
    if kind != "plain text":
        return kind
    first = next(_records(text.split("\n", 1)[0], ","), (1, []))[1]
    if len(first) > 1:
        return f"a CSV table with {len(first)} columns, none of them an export's"
    return kind


class _Rows:
    """Reads the data rows of one export, given its header."""

    def __init__(
        self,
        name: str,
        header: _Header,
        options: Options,
        locator: CsvLocator,
        report: FileReport,
    ) -> None:
        self.name = name
        self.header = header
        self.options = options
        self.locator = locator
        self.report = report
        self.day_first = False
        self.unchecked_date: str | None = None
        self.accounts = AccountTracker(report)

    def read(self, line: int, row: list[str]) -> Candidate | None:
        """The post of one row, or None when the row has problems (each one reported)."""
        fields = self.header.fields
        width = len(self.header.cells)
        if len(row) > width and any(cell.strip() for cell in row[width:]):
            self._error(
                line,
                width,
                ExportErrorCode.CSV_SYNTAX,
                f"this row has {len(row)} cells, the header {width}",
                hint="a cell with the delimiter in it must be quoted",
            )
            return None
        before = len(self.report.errors)

        def cell(name: str) -> str:
            index = fields.get(name)
            return row[index] if index is not None and index < len(row) else ""

        def place(name: str) -> Place:
            return (self.locator, (line, fields.get(name, 0)))

        when = None
        try:
            when = parse_local_time(
                cell("published_at"), self.options.zone, day_first=self.day_first
            )
        except ValueProblemError as problem:
            self._problem(line, "published_at", problem)
        kind = self._format(line, cell("post_type"))
        self._check_date(line, cell("date"))
        counts: dict[str, float | None] = {}
        for name in COUNT_FIELDS:
            try:
                counts[name] = parse_count(cell(name))
            except ValueProblemError as problem:
                self._problem(line, name, problem)
        duration = None
        try:
            duration = parse_duration(cell("duration"))
        except ValueProblemError as problem:
            self._problem(line, "duration", problem)
        account_id = cell("account_id").strip() or None
        username = cell("account_username").strip().lstrip("@") or None
        account_field = "account_id" if account_id else "account_username"
        self.accounts.see(account_id, username, place(account_field))
        if len(self.report.errors) > before or when is None or kind is None:
            return None
        post_id = cell("post_id").strip()
        generated = False
        if not post_id:
            post_id = cell("permalink").strip().rstrip("/")
        if not post_id:
            post_id, generated = f"{self.name}:{line}", True
        reach, derived = counts["reach"], False
        if reach is None and counts["views"] is not None and self.options.views_per_reach:
            reach, derived = counts["views"] / self.options.views_per_reach, True
        post = PublishedPost(
            id=post_id,
            format=kind,
            published_at=when,
            account_id=account_id,
            account_username=username,
            reach=reach,
            views=counts["views"],
            likes=counts["likes"],
            comments=counts["comments"],
            saves=counts["saves"],
            shares=counts["shares"],
            follows=counts["follows"],
            profile_visits=counts["profile_visits"],
            duration_s=None if kind in _NO_DURATION or not duration else duration,
            reach_from_views=derived,
            source_file=self.name,
            source_line=line,
        )
        return Candidate(
            post,
            id_place=place("post_id" if "post_id" in fields else "permalink"),
            time_place=place("published_at"),
            account_place=place(account_field),
            id_generated=generated,
        )

    def _format(self, line: int, text: str) -> Format | None:
        value = text.strip()
        if not value:
            self._error(
                line,
                self.header.fields["post_type"],
                ExportErrorCode.MISSING_VALUE,
                "the post type is blank",
            )
            return None
        kind = POST_TYPE_TABLE.get(normal(value))
        if kind is None:
            near = closest(value, POST_TYPES)
            self._error(
                line,
                self.header.fields["post_type"],
                ExportErrorCode.UNKNOWN_POST_TYPE,
                f"`{value}` is not an Instagram post type",
                hint=f"did you mean `{near}`?"
                if near
                else "expected IG image, IG carousel, IG reel, IG video or IG story (a "
                "Facebook post is not an Instagram post)",
            )
        return kind

    def _check_date(self, line: int, text: str) -> None:
        value = text.strip()
        if not value or normal(value) in LIFETIME_TABLE:
            return
        if _DATE_LIKE.fullmatch(value):
            self._error(
                line,
                self.header.fields["date"],
                ExportErrorCode.NOT_LIFETIME,
                f"this row holds the numbers of one day ({value}), not lifetime totals",
                hint="export with the date range's Lifetime values (Date: Lifetime)",
            )
        elif self.unchecked_date is None:
            self.unchecked_date = value

    def _problem(self, line: int, name: str, problem: ValueProblemError) -> None:
        index = self.header.fields[name]
        column = self.header.cells[index].strip()
        self._error(line, index, problem.code, problem.message, problem.hint, path=column)

    def _error(
        self,
        line: int,
        index: int,
        code: str,
        message: str,
        hint: str | None = None,
        *,
        path: str = "",
    ) -> None:
        self.report.error(code, message, (self.locator, (line, index)), hint=hint, path=path)
