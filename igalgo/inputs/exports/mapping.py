"""A user's mapping of an export in another language: which header is which column, and which
post-type value is which format.

Written the same way on the command line and in a mapping file:

* columns: ``HEADER=NAME`` or ``NAME=HEADER`` (whichever side is a column name igalgo reads,
  :data:`~igalgo.inputs.exports.aliases.COLUMN_ALIASES`; ``type`` is short for ``post_type``):
  ``--columns "Berichttype=type,Publicatie=published_at"``;
* post-type values: ``VALUE=FORMAT``, optionally after ``post_type:`` (or ``type:``):
  ``--values "type:Reel=reel,Carrousel=carousel"``;
* a mapping file (``--mapping FILE``) holds both, one pair a line, ``#`` starting a comment; a
  line that starts with ``post_type:`` (or ``type:``) maps a value, any other line a column::

      # the columns: HEADER = NAME
      Publicatie = published_at
      Berichttype = post_type
      # the post types: post_type: VALUE = FORMAT
      post_type: Reel = reel
      post_type: Carrousel = carousel

A mistake raises :class:`~igalgo.errors.UsageError` for the command line's text and
:class:`~igalgo.errors.InputError` (located) for a file's line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from igalgo.domain import Format
from igalgo.errors import InputError, Location, Problem, UsageError
from igalgo.inputs.exports.aliases import COLUMN_ALIASES, closest
from igalgo.inputs.exports.codes import ExportErrorCode
from igalgo.inputs.sources import SizeLimit, read_bytes

NAME_SYNONYMS: Final = {"type": "post_type", "publish_time": "published_at", "time": "published_at"}
"""Short names a mapping may use for a column igalgo reads."""

_VALUES_PREFIX = re.compile(r"\s*(?:post_type|type)\s*:\s*", re.IGNORECASE)

MAPPING_LIMIT: Final = SizeLimit(
    64 * 1024,
    ExportErrorCode.EXPORT_TOO_LARGE,
    "the mapping file is larger than 65536 bytes (64 KiB)",
    "a mapping file is a few lines: one HEADER = NAME a line",
)
"""Largest mapping file read (64 KiB)."""


@dataclass
class ExportMapping:
    """Columns by name (name -> header) and post-type values (value -> format)."""

    columns: dict[str, str] = field(default_factory=dict)
    """Column name (a key of COLUMN_ALIASES) -> the export's header."""
    post_types: dict[str, str] = field(default_factory=dict)
    """A post-type value as the export writes it -> a format (``reel``...)."""


class _MappingMistakeError(Exception):
    """One pair that cannot be read, and why."""


def column_name(word: str) -> str | None:
    """The column igalgo reads that ``word`` names (a synonym too), or None."""
    word = word.strip()
    if word in COLUMN_ALIASES:
        return word
    return NAME_SYNONYMS.get(word.lower())


def _column(item: str, mapping: ExportMapping) -> None:
    """Add one ``HEADER=NAME`` (or ``NAME=HEADER``) pair."""
    left, equals, right = (part.strip() for part in item.partition("="))
    if not equals or not left or not right:
        raise _MappingMistakeError(f"expected HEADER=NAME, e.g. Bereik=reach, got {item.strip()!r}")
    name, header = column_name(left), right
    if name is None:
        name, header = column_name(right), left
    if name is None:
        near = closest(left, COLUMN_ALIASES) or closest(right, COLUMN_ALIASES)
        hint = f"did you mean {near!r}?" if near else "names: " + ", ".join(COLUMN_ALIASES)
        raise _MappingMistakeError(
            f"neither {left!r} nor {right!r} is a column igalgo reads; {hint}"
        )
    if name in mapping.columns:
        raise _MappingMistakeError(f"{name!r} is given twice")
    mapping.columns[name] = header


def _value(item: str, mapping: ExportMapping) -> None:
    """Add one ``VALUE=FORMAT`` pair."""
    value, equals, name = (part.strip() for part in item.rpartition("="))
    allowed = [fmt.value for fmt in Format]
    if not equals or not value or not name:
        raise _MappingMistakeError(f"expected VALUE=FORMAT, e.g. Reel=reel, got {item.strip()!r}")
    if name.lower() not in allowed:
        near = closest(name, allowed)
        hint = f"did you mean {near!r}? " if near else ""
        raise _MappingMistakeError(f"{name!r} is not a format; {hint}formats: {', '.join(allowed)}")
    if value in mapping.post_types:
        raise _MappingMistakeError(f"the value {value!r} is given twice")
    mapping.post_types[value] = name.lower()


def _items(text: str) -> list[str]:
    """The pairs of one option value, split at commas: a piece without ``=`` belongs to the
    pair after it (``Foto, vierkant=photo``), or at the end to the pair before it."""
    items: list[str] = []
    pending: list[str] = []
    for piece in text.split(","):
        pending.append(piece)
        if "=" in piece:
            items.append(",".join(pending))
            pending = []
    if pending and items:
        items[-1] += "," + ",".join(pending)
    elif pending:
        items.append(",".join(pending))
    return [item for item in items if item.strip()]


def parse_options(columns: Iterable[str], values: Iterable[str]) -> ExportMapping:
    """``--columns`` and ``--values`` (each repeatable) as one mapping; raises UsageError."""
    mapping = ExportMapping()
    for option, texts, add in (("--columns", columns, _column), ("--values", values, _value)):
        for text in texts:
            body = _VALUES_PREFIX.sub("", text, count=1) if option == "--values" else text
            for item in _items(body):
                try:
                    add(item, mapping)
                except _MappingMistakeError as mistake:
                    raise UsageError(f"{option}: {mistake}") from None
    return mapping


def read_mapping(source: str, into: ExportMapping | None = None) -> ExportMapping:
    """The mapping file ``source`` (a path or ``-``) added to ``into`` (the command line's);
    raises InputError with every line that cannot be read, located."""
    name, data = read_bytes(source, limit=MAPPING_LIMIT, folder_hint="name the mapping file")
    mapping = into or ExportMapping()
    problems: list[Problem] = []
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    for number, line in enumerate(text.splitlines(), start=1):
        body = line.split("#", 1)[0].strip()
        if not body:
            continue
        prefix = _VALUES_PREFIX.match(body)
        try:
            if prefix:
                _value(body[prefix.end() :], mapping)
            else:
                _column(body, mapping)
        except _MappingMistakeError as mistake:
            column = len(line) - len(line.lstrip()) + 1
            problems.append(
                Problem(
                    ExportErrorCode.INVALID_OPTION,
                    str(mistake),
                    Location(name, number, column),
                    hint="a line is HEADER = NAME, or post_type: VALUE = FORMAT",
                )
            )
    if problems:
        raise InputError(problems)
    return mapping
