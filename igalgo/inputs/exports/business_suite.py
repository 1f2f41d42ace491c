"""Meta Business Suite content exports (CSV), in any language the alias table knows.

Columns are found by header name, never by position, so that reordered and trimmed files read
the same; the header is the first of the file's first rows that has export columns, which skips
the ``sep=,`` line and the title line of Business Suite's UTF-16 daily files (see
:mod:`~igalgo.inputs.exports.csv_header`). The delimiter is the ``sep=`` line's, else
whichever of comma, semicolon and tab finds the most known columns.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter

from igalgo.domain import Format, PublishedPost
from igalgo.inputs.exports.aliases import (
    COUNT_FIELDS,
    LIFETIME_TABLE,
    POST_TYPE_TABLE,
    POST_TYPES,
    REQUIRED_FIELDS,
    closest,
    normal,
)
from igalgo.inputs.exports.codes import MAX_POSTS, ExportErrorCode, WarningCode
from igalgo.inputs.exports.csv_header import (
    BrokenCsvError,
    Header,
    find_header,
    has_required,
    looks,
    map_header,
    records,
)
from igalgo.inputs.exports.decoding import ExportText
from igalgo.inputs.exports.locating import CsvLocator, FileReport, Place
from igalgo.inputs.exports.model import AccountTracker, Candidate, CsvConventions, Options
from igalgo.inputs.exports.shortcode import permalink_time
from igalgo.inputs.exports.values import (
    ValueProblemError,
    local_date,
    parse_count,
    parse_duration,
    parse_local_time,
)
from igalgo.inputs.messages import shown
from igalgo.language import Number, tr

_DELIMITERS = (",", ";", "\t")
_SEP_LINE = re.compile(r'"?sep=(.)"?,*')
_DATE_LIKE = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}.*")
_NO_DURATION = frozenset({Format.PHOTO, Format.CAROUSEL})


def read_business_suite(
    source: ExportText, options: Options, report: FileReport
) -> tuple[list[Candidate], tuple[str, ...], CsvConventions | None]:
    """The posts of a Business Suite export, its ignored columns and how it was written (None
    when no header was found); problems go to ``report``.

    Reports ``not-an-export`` when no row of the file's start looks like an export header:
    for a table of unknown columns, with the columns seen and a ``--columns`` to map them.
    """
    text = source.text
    first_line = text.split("\n", 1)[0].strip()
    sep = _SEP_LINE.fullmatch(first_line)
    delimiters = (sep.group(1),) if sep else _DELIMITERS
    best: tuple[int, str, tuple[int, list[str]] | None] = (-1, ",", None)
    for delimiter in delimiters:
        score, row = find_header(text, delimiter, options, skip_first=bool(sep))
        if score > best[0]:
            best = (score, delimiter, row)
    _, delimiter, found = best
    locator = CsvLocator(source.name, text, delimiter)
    if found is None:
        _no_known_headers(text, bool(sep), locator, report)
        return [], (), None
    header = map_header(found, options, locator, report)
    if not has_required(header, options, locator, report):
        return [], tuple(header.ignored), None
    rows: list[tuple[int, list[str]]] = []
    try:
        for number, cells in records(text, delimiter):
            if number <= header.line or not any(cell.strip() for cell in cells):
                continue
            if len(rows) == MAX_POSTS:  # refused at the first row too many, unread
                report.error(
                    ExportErrorCode.TOO_MANY_POSTS,
                    f"the export has more than {MAX_POSTS:,} posts, the most one calibration reads",
                    locator.at(locator.line_offset(number)),
                    hint="export the most recent years only (a few hundred posts calibrate well)",
                )
                return [], tuple(header.ignored), None
            rows.append((number, cells))
    except BrokenCsvError as broken:
        report.error(
            ExportErrorCode.CSV_SYNTAX,
            f"malformed CSV: {broken.message}",
            locator.at(locator.line_offset(broken.line)),
            hint=broken.hint,
        )
        return [], tuple(header.ignored), None
    if not rows:
        report.error(
            ExportErrorCode.EMPTY_EXPORT,
            "the export has a header but no posts",
            (locator, (header.line, 0)),
            hint="export a date range in which the account published",
        )
        return [], tuple(header.ignored), None
    reader = _Rows(source.name, header, options, locator, report)
    reader.day_first, date_order = _date_order(rows, header, locator, report)
    reader.decimal_mark = decimal_mark(rows, header)
    candidates = [post for line, row in rows if (post := reader.read(line, row)) is not None]
    if reader.unchecked_date is not None:
        report.warn(
            WarningCode.UNCHECKED_DATE,
            tr(
                "the Date column says `{value}`, not Lifetime: the numbers were read as lifetime "
                "totals",
                value=reader.unchecked_date,
            ),
            (locator, (header.line, header.fields["date"])),
        )
    _check_zone(reader, header, locator, report)
    conventions = CsvConventions(delimiter, date_order, reader.decimal_mark)
    return candidates, tuple(header.ignored), conventions


def _no_known_headers(text: str, skip_first: bool, locator: CsvLocator, report: FileReport) -> None:
    """The ``not-an-export`` problem of a CSV none of whose first rows has a known column: a
    table whose second row has a date (a publish time: an export in another language) gets
    its columns listed and a ``--columns`` that maps them; any other file is described
    without quoting it."""
    lines = [line for line in text.splitlines()[int(skip_first) : 12] if line.strip()]
    best: tuple[int, str, list[str]] = (1, ",", [])
    for delimiter in _DELIMITERS:
        try:
            cells = next(records(lines[0], delimiter), (1, []))[1] if lines else []
        except BrokenCsvError:
            continue
        if len(cells) > best[0]:
            best = (len(cells), delimiter, cells)
    _, delimiter, cells = best
    try:
        sample = next(records(lines[1], delimiter), (1, []))[1] if len(lines) > 1 else []
    except BrokenCsvError:
        sample = []
    if not cells or not any(_looks_like_time(value) for value in sample):
        # No publish time in the row below: a file that is no export, whose text stays unsaid.
        report.error(
            ExportErrorCode.NOT_AN_EXPORT,
            f"this is not a Business Suite content export: it looks like {looks(text)}",
            locator.at(0),
            hint="expected a CSV with the columns Publish time, Post type and Reach (Business "
            "Suite: Insights > Content > Export data), or Graph API / Download-your-information "
            "JSON; an export in another language: name its columns with --columns",
        )
        return
    names = [cell.strip() for cell in cells if cell.strip()]
    shown = ", ".join(f"`{name[:40]}`" for name in names[:12]) + (
        ", ..." if len(names) > 12 else ""
    )
    report.error(
        ExportErrorCode.NOT_AN_EXPORT,
        f"no known column headers: the first row has {len(cells)} columns separated by "
        f"{_DELIMITER_NAMES[delimiter]} ({shown}), none of them one igalgo reads",
        locator.at(0),
        hint="if the export is in another language, map its columns with --columns, e.g. "
        f'--columns "{_mapping_example(cells, sample)}" (names: published_at, post_type, '
        "reach, views, likes, comments, saves, shares, duration, ...)",
    )


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _looks_like_time(text: str) -> bool:
    """Whether a cell looks like a publish time: a local date, or an ISO 8601 one."""
    return local_date(text) is not None or _ISO_DATE.match(text.strip()) is not None


_DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs"}


def _mapping_example(cells: list[str], sample: list[str]) -> str:
    """A ``--columns`` value for the required columns: a header whose first value looks like
    a date for the publish time, one that looks like a post type for the type, and
    placeholders for what cannot be told."""
    found: dict[str, str] = {}
    for cell, value in zip(cells, sample, strict=False):
        text = value.strip()
        if "published_at" not in found and _looks_like_time(text):
            found["published_at"] = cell.strip()
        elif "post_type" not in found and re.search(r"(?i)reel|story|carrou?s|ig |instagram", text):
            found["post_type"] = cell.strip()
    parts = [f"{found.get(name, 'HEADER')}={name}" for name in REQUIRED_FIELDS]
    return ",".join(parts)


MIN_PERMALINKS = 3
"""Fewest permalinks whose times say anything about the zone of the publish times."""


def _check_zone(reader: _Rows, header: Header, locator: CsvLocator, report: FileReport) -> None:
    """Warn when most publish times lie a whole number of hours from the creation times their
    permalinks encode (:mod:`igalgo.inputs.exports.shortcode`): they were read in the wrong
    zone. A scheduled post was created before it went out, so only the usual gap counts."""
    if len(reader.offsets) < MIN_PERMALINKS:
        return
    # A zone's offset: a whole number of hours (two of them across a daylight-saving change).
    agreeing = [
        (line, round(hours))
        for line, hours in reader.offsets
        if abs(hours - round(hours)) <= 0.25 and 1 <= abs(round(hours)) <= 26
    ]
    if 2 * len(agreeing) < len(reader.offsets):
        return
    typical = statistics.median(whole for _, whole in agreeing)
    line = agreeing[0][0]
    zone = reader.options.export_zone.key
    report.warn(
        WarningCode.ZONE_DISAGREES,
        tr(
            "{count} of {total} publish times, read in {zone}, lie whole hours (typically "
            "{hours} h) from the times their permalinks encode",
            count=Number(len(agreeing)),
            total=Number(len(reader.offsets)),
            zone=zone,
            hours=Number(typical, sign=True),
        ),
        (locator, (line, header.fields["published_at"])),
        hint=tr(
            "give --timezone with the zone the file's times are in (read as {zone})", zone=zone
        ),
    )


def _date_order(
    rows: list[tuple[int, list[str]]], header: Header, locator: CsvLocator, report: FileReport
) -> tuple[bool, str | None]:
    """Whether the publish times are day first, decided over the whole column, and how they
    were read (``DD-MM-YYYY``; None when none is a local date).

    A first number above 12 (and no second one) proves day first, a second number above 12
    month first. When no number decides, slashes are read month first (Business Suite's own
    MM/DD/YYYY) and dashes and dots day first (as Europe writes them), and a warning says so.
    """
    index = header.fields["published_at"]
    dates = [found for _, row in rows if index < len(row) and (found := local_date(row[index]))]
    if not dates:
        written = next((row[index].strip() for _, row in rows if index < len(row)), "")
        if _ISO_DATE.match(written):
            return False, "ISO 8601"
        return False, "Unix time" if written.isdigit() else None
    separator = Counter(found.separator for found in dates).most_common(1)[0][0]
    firsts = any(found.first > 12 for found in dates)
    seconds = any(found.second > 12 for found in dates)
    place = (locator, (header.line, index))
    if firsts and not seconds:
        day_first = True
        report.warn(
            WarningCode.DAY_FIRST_DATES,
            tr(
                "the publish times are read as {order} (some would be month 13 or more)",
                order=_order_name(True, separator),
            ),
            place,
        )
    elif seconds or firsts:
        day_first = False  # month first proven, or both above 12: the rows that fail say so
    else:
        day_first = separator != "/"
        if day_first:
            report.warn(
                WarningCode.DAY_FIRST_DATES,
                tr(
                    "no day in the publish times is above 12: they are read as {order}, as dates "
                    "with dashes and dots are written outside the US",
                    order=_order_name(True, separator),
                ),
                place,
                hint=tr("if they are month first, export them with slashes (MM/DD/YYYY)"),
            )
    undated = sum(not found.has_clock for found in dates)
    if undated:
        report.warn(
            WarningCode.NO_TIME_OF_DAY,
            tr(
                "{count} of {total} publish times have no time of day and are read as midnight, "
                "so their hour says nothing",
                count=Number(undated),
                total=Number(len(dates)),
            ),
            place,
            hint=tr("export the publish times with their hour and minute"),
        )
    return day_first, _order_name(day_first, separator)


def _order_name(day_first: bool, separator: str) -> str:
    """``DD-MM-YYYY``, ``MM/DD/YYYY``..."""
    parts = ("DD", "MM", "YYYY") if day_first else ("MM", "DD", "YYYY")
    return separator.join(parts)


_FRACTION = re.compile(r"\d+([.,])(\d+)")


def decimal_mark(rows: list[tuple[int, list[str]]], header: Header) -> str | None:
    """The decimal mark of a file's numbers: the mark in the first duration or count with a
    fraction of other than three digits (three would be a thousands group); None: none seen."""
    columns = [header.fields[name] for name in ("duration", *COUNT_FIELDS) if name in header.fields]
    for _, row in rows:
        for index in columns:
            found = _FRACTION.fullmatch(row[index].strip()) if index < len(row) else None
            if found and len(found.group(2)) != 3:
                return found.group(1)
    return None


class _Rows:
    """Reads the data rows of one export, given its header."""

    def __init__(
        self,
        name: str,
        header: Header,
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
        self.decimal_mark: str | None = None
        """The file's decimal mark, when one is seen (:func:`decimal_mark`)."""
        self.unchecked_date: str | None = None
        self.offsets: list[tuple[int, float]] = []
        """Per row with a permalink: hours between its publish time and its creation time."""
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
            local = parse_local_time(
                cell("published_at"), self.options.export_zone, day_first=self.day_first
            )
            when = local.astimezone(self.options.zone)
            created = permalink_time(cell("permalink"))
            if created is not None:
                self.offsets.append((line, (when - created).total_seconds() / 3600.0))
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
            duration = parse_duration(cell("duration"), self.decimal_mark)
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
        mapped = self.options.post_types or {}
        kind = mapped.get(normal(value)) or POST_TYPE_TABLE.get(normal(value))
        if kind is None:
            near = closest(value, POST_TYPES)
            self._error(
                line,
                self.header.fields["post_type"],
                ExportErrorCode.UNKNOWN_POST_TYPE,
                tr("`{value}` is not an Instagram post type", value=shown(value)),
                hint=tr("did you mean `{near}`?", near=near)
                if near
                else tr(
                    "expected IG image, IG carousel, IG reel, IG video or IG story (a Facebook "
                    "post is not an Instagram post); for another language map the values with "
                    '--values, e.g. --values "{example}=reel"',
                    example=value[:40],
                ),
                value=value,
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
        value: str = "",
    ) -> None:
        place = (self.locator, (line, index))
        self.report.error(code, message, place, hint=hint, path=path, value=value)
