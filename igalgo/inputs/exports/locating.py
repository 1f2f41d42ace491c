"""Where problems are: CSV cells and JSON values, located only when something is wrong.

Reading stays on the fast C parsers (:mod:`csv`, :mod:`json`), which give no positions. A
problem found while reading names its place abstractly (a CSV record's first line and a cell
index, or a JSON path); when the reading is done, each file's places are located in one pass
over its text: a small CSV tokenizer for the records concerned, a position-aware walk of the
JSON for the paths concerned (public :mod:`json` reads its keys and scalars). Valid files never
pay for that pass.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

from igalgo.errors import Location, Problem
from igalgo.inputs.exports.codes import (
    MAX_PROBLEMS_PER_FILE,
    ExportErrorCode,
    Notice,
    WarningCode,
)
from igalgo.inputs.exports.values import json_int
from igalgo.language import Number, tr

JsonPath = tuple[str | int, ...]
"""Keys and indices from a JSON document's root to a value."""


class Locator:
    """Turns abstract places in one file into locations, all at once."""

    def __init__(self, name: str, text: str, newlines: str) -> None:
        self.name = name
        self.text = text
        self._newlines = newlines

    @functools.cached_property
    def _starts(self) -> list[int]:
        """The offset of each line's first character (computed when first needed)."""
        return [0] + [match.end() for match in re.finditer(self._newlines, self.text)]

    def at(self, offset: int) -> Location:
        """The 1-based line and column of character ``offset``."""
        index = bisect.bisect_right(self._starts, offset) - 1
        return Location(self.name, index + 1, offset - self._starts[index] + 1)

    def line_offset(self, line: int) -> int:
        """The offset of the first character of 1-based ``line``."""
        return self._starts[min(max(line, 1), len(self._starts)) - 1]

    def locate(self, places: Iterable[Hashable]) -> dict[Hashable, Location]:
        """The location of every place (a place this file cannot find is at its line 1)."""
        raise NotImplementedError


class CsvLocator(Locator):
    """Places are ``(line, cell)``: a record's first physical line and a 0-based cell index."""

    def __init__(self, name: str, text: str, delimiter: str) -> None:
        super().__init__(name, text, r"\r\n|\r|\n")
        self.delimiter = delimiter

    def locate(self, places: Iterable[Hashable]) -> dict[Hashable, Location]:
        by_line: dict[int, set[int]] = {}
        for place in places:
            assert isinstance(place, tuple)
            line, cell = place
            by_line.setdefault(line, set()).add(cell)
        found: dict[Hashable, Location] = {}
        for line, cells in by_line.items():  # one walk of each row, however many problems
            offsets = self._cell_offsets(self.line_offset(line), max(cells))
            for cell in cells:
                found[(line, cell)] = self.at(offsets[min(cell, len(offsets) - 1)])
        return found

    def _cell_offsets(self, start: int, last: int) -> list[int]:
        """Where cells ``0 .. last`` of the record starting at ``start`` begin (fewer when the
        row is short: its last entry is then the end of its last cell)."""
        text, i = self.text, start
        offsets = [start]
        end_of_row = re.compile(f"[{re.escape(self.delimiter)}\n\r]")
        for _ in range(last):
            if text.startswith('"', i):
                i += 1
                while True:
                    close = text.find('"', i)
                    if close < 0:
                        return offsets + [start] * (last + 1 - len(offsets))  # unclosed
                    i = close + 1
                    if not text.startswith('"', i):
                        break
                    i += 1
            found = end_of_row.search(text, i)
            i = found.start() if found else len(text)
            if i >= len(text) or text[i] != self.delimiter:
                offsets.append(i)  # a short row: the end of its last cell
                return offsets
            i += 1
            offsets.append(i)
        return offsets


class JsonLocator(Locator):
    """Places are JSON paths; each is located at the first character of its value."""

    def __init__(self, name: str, text: str) -> None:
        super().__init__(name, text, r"\n")  # json counts lines by \n only

    def locate(self, places: Iterable[Hashable]) -> dict[Hashable, Location]:
        wanted = {place for place in places if isinstance(place, tuple)}
        offsets = value_offsets(self.text, wanted)
        return {place: self.at(offsets.get(place, 0)) for place in wanted}


_SPACE = re.compile(r"[ \t\n\r]*")
"""JSON's white space (which always matches, possibly empty)."""

_DECODER = json.JSONDecoder(parse_int=json_int)
"""Decodes one string, number or literal where it starts (``raw_decode``) and says where it
ends: the walk below never decodes a container whole."""


@dataclass
class _Open:
    """A container the walk is inside: its path and the key or index of the current member."""

    path: JsonPath
    is_object: bool
    member: str | int


def value_offsets(text: str, wanted: set[JsonPath]) -> dict[JsonPath, int]:
    """The offset of the value at each wanted path of the valid JSON ``text``.

    An iterative walk (no recursion, so any depth json accepted is fine) that opens containers
    itself and lets :meth:`json.JSONDecoder.raw_decode` read each key and scalar; of duplicate
    keys the last counts, as in :mod:`json`.
    """
    found: dict[JsonPath, int] = {}
    containers: list[_Open] = []
    i = _skip(text, 0)
    path: JsonPath = ()
    while True:
        if path in wanted:
            found[path] = i
        if text[i] in "{[":
            is_object = text[i] == "{"
            i = _skip(text, i + 1)
            if text[i] not in "}]":  # a first member: go into it
                container = _Open(path, is_object, 0)
                containers.append(container)
                i = _enter(text, i, container)
                path = (*container.path, container.member)
                continue
            i += 1
        else:
            _, i = _DECODER.raw_decode(text, i)
        while True:  # after a value: on to the next member, or out of finished containers
            i = _skip(text, i)
            if not containers:
                return found
            if text[i] == ",":
                break
            i += 1
            containers.pop()
        container = containers[-1]
        if not container.is_object:
            assert isinstance(container.member, int)
            container.member += 1
        i = _enter(text, _skip(text, i + 1), container)
        path = (*container.path, container.member)


def _enter(text: str, i: int, container: _Open) -> int:
    """Past an object member's key and colon (noting the key) to its value; an array's item
    starts where it is."""
    if not container.is_object:
        return i
    key, i = _DECODER.raw_decode(text, i)
    assert isinstance(key, str)
    container.member = key
    return _skip(text, _skip(text, i) + 1)


def _skip(text: str, i: int) -> int:
    """The offset of the first character at or after ``i`` that is not white space."""
    space = _SPACE.match(text, i)
    return space.end() if space else i


def dotted(path: JsonPath) -> str:
    """A JSON path as written in messages: ``data[3].insights.data[0]``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


Place = Location | tuple[Locator, Hashable] | None
"""Where a problem is: known already, to be located in a file, or the whole reading."""


@dataclass(frozen=True)
class _Pending:
    """A problem or warning whose location may still have to be found."""

    code: str
    message: str
    place: Place
    """Where it is, located or still to locate."""
    hint: str | None
    path: str
    """The column (CSV) or JSON path of the value concerned; empty for a whole file."""
    value: str = ""
    """The cell's text, where a summary of many such problems lists the values (post types)."""


@dataclass
class FileReport:
    """The problems and warnings of one file (or of the reading, for option problems)."""

    name: str
    """The file as named in messages."""
    errors: list[_Pending] = field(default_factory=list)
    """Problems in the order found."""
    warnings: list[_Pending] = field(default_factory=list)
    """Warnings in the order found."""

    def error(
        self,
        code: str,
        message: str,
        place: Place,
        *,
        hint: str | None = None,
        path: str = "",
        value: str = "",
    ) -> None:
        """Record a problem at ``place`` (``value``: the cell's text, for summaries)."""
        self.errors.append(_Pending(code, message, place, hint, path, value))

    def warn(
        self, code: WarningCode, message: str, place: Place, *, hint: str | None = None
    ) -> None:
        """Record a warning at ``place``."""
        self.warnings.append(_Pending(code, message, place, hint, ""))


def resolve(reports: Sequence[FileReport]) -> tuple[list[Problem], list[Notice]]:
    """Every file's problems and warnings, located, in file order then line order.

    Problems of one kind in one CSV column over more than :data:`SUMMARY_AFTER` rows become
    one summary line (:func:`_summarised`). A file with more than
    :data:`MAX_PROBLEMS_PER_FILE` problems keeps its first ones and one more that says how
    many were left out.
    """
    problems: list[Problem] = []
    notices: list[Notice] = []
    for report in reports:
        errors = _summarised(_located(report.errors))
        errors.sort(key=_order)
        if len(errors) > MAX_PROBLEMS_PER_FILE:
            left = len(errors) - MAX_PROBLEMS_PER_FILE
            errors = errors[:MAX_PROBLEMS_PER_FILE]
            errors.append(
                (
                    _Pending(
                        ExportErrorCode.TOO_MANY_PROBLEMS,
                        f"{left} more problems in this file are not shown",
                        None,
                        "is this the right file? fix the problems above and read it again",
                        "",
                    ),
                    Location(report.name, errors[-1][1].line if errors[-1][1] else 1, 1),
                )
            )
        problems += [
            Problem(item.code, item.message, location, item.path, item.hint)
            for item, location in errors
        ]
        warnings = _located(report.warnings)
        warnings.sort(key=_order)
        notices += [
            Notice(WarningCode(item.code), item.message, location, item.hint)
            for item, location in warnings
        ]
    return problems, notices


SUMMARY_AFTER = 3
"""Most rows a kind of problem in one column is reported for one by one; more are one line."""

SUMMARY_LINES_NAMED = 5
"""How many lines a summary names."""


def _summarised(
    errors: list[tuple[_Pending, Location | None]],
) -> list[tuple[_Pending, Location | None]]:
    """The problems with each kind in one CSV column (the same code, column and cell) over
    more than :data:`SUMMARY_AFTER` rows made one: the first row's problem, how many rows
    have it, the first lines, and the distinct values when the problem is about a value."""
    groups: dict[tuple[str, str, Hashable], list[tuple[_Pending, Location | None]]] = {}
    for entry in errors:
        item = entry[0]
        if isinstance(item.place, tuple) and isinstance(item.place[0], CsvLocator):
            cell = item.place[1][1] if isinstance(item.place[1], tuple) else None
            groups.setdefault((item.code, item.path, cell), []).append(entry)
    kept: list[tuple[_Pending, Location | None]] = []
    summarised: set[int] = set()
    for group in groups.values():
        if len(group) <= SUMMARY_AFTER:
            continue
        group.sort(key=_order)
        summarised.update(id(entry[0]) for entry in group)
        first, where = group[0]
        lines = [str(location.line) for _, location in group if location is not None]
        named = ", ".join(lines[:SUMMARY_LINES_NAMED]) + (
            ", ..." if len(lines) > SUMMARY_LINES_NAMED else ""
        )
        message = tr(
            "{count} rows: {problem} (lines {lines})",
            count=Number(len(group)),
            problem=first.message,
            lines=named,
        )
        values = list(dict.fromkeys(item.value for item, _ in group if item.value))
        if len(values) > 1:
            listed = ", ".join(f"`{value[:40]}`" for value in values[:8])
            message = tr(
                "{problem}; the values: {values}",
                problem=message,
                values=listed + (", ..." if len(values) > 8 else ""),
            )
        kept.append((_Pending(first.code, message, first.place, first.hint, first.path), where))
    kept += [entry for entry in errors if id(entry[0]) not in summarised]
    return kept


def _located(items: list[_Pending]) -> list[tuple[_Pending, Location | None]]:
    by_locator: dict[int, tuple[Locator, set[Hashable]]] = {}
    for item in items:
        if isinstance(item.place, tuple):
            locator, place = item.place
            by_locator.setdefault(id(locator), (locator, set()))[1].add(place)
    found = {key: locator.locate(places) for key, (locator, places) in by_locator.items()}
    located: list[tuple[_Pending, Location | None]] = []
    for item in items:
        if isinstance(item.place, tuple):
            locator, place = item.place
            located.append((item, found[id(locator)][place]))
        else:
            located.append((item, item.place))
    return located


def _order(entry: tuple[_Pending, Location | None]) -> tuple[int, int]:
    location = entry[1]
    return (location.line, location.column) if location else (0, 0)
