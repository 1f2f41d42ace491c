"""Bytes to text for exports: UTF-8 with or without a BOM, or UTF-16, read by
:func:`igalgo.inputs.sources.read_bytes` (regular files and standard input, a size limit).

Business Suite writes its daily files as UTF-16 with a BOM; everything else is UTF-8. The
encoding is found from the BOM, else from the NUL bytes UTF-16 puts beside ASCII, else UTF-8.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from igalgo.errors import InputError, Location, Problem
from igalgo.inputs.exports.codes import MAX_EXPORT_BYTES, ExportErrorCode
from igalgo.inputs.formats import ErrorCode
from igalgo.inputs.sources import UTF8_BOM, SizeLimit, read_bytes


@dataclass(frozen=True)
class ExportText:
    """An export file's text, with the name used in messages and the encoding it had."""

    name: str
    """The path as given, or ``<stdin>``."""
    text: str
    """The decoded text, without its BOM."""
    encoding: str
    """``utf-8``, ``utf-8-sig``, ``utf-16-le`` or ``utf-16-be``."""


def read_export(source: str) -> ExportText:
    """Read and decode ``source`` (a path, or ``-`` for standard input).

    Raises :class:`InputError` with one problem for a missing, unreadable, oversized, empty or
    undecodable file.
    """
    name, data = read_bytes(
        source,
        limit=EXPORT_LIMIT,
        folder_hint="name the export files inside it (a .csv or .json file)",
    )
    text, encoding = _decode(name, data)
    if not text.strip():
        hint = (
            "export the account's content again (Business Suite: Insights > Content > Export data)"
        )
        empty = Problem(ErrorCode.EMPTY_FILE, "the file is empty", Location(name, 1, 1), hint=hint)
        raise InputError([empty])
    return ExportText(name, text, encoding)


EXPORT_LIMIT = SizeLimit(
    MAX_EXPORT_BYTES,
    ExportErrorCode.EXPORT_TOO_LARGE,
    f"the file is larger than {MAX_EXPORT_BYTES:,} bytes (50 MiB), the limit for an export",
    "export a shorter date range, or split the file",
)
"""The limit of an export file."""

_BOMS = (
    (UTF8_BOM, "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def _guess(data: bytes) -> str:
    """The encoding of ``data``: from its BOM, from UTF-16's NUL bytes, else UTF-8."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(0) * 3 >= len(sample):
        # ASCII text in UTF-16 has a NUL beside every character; which side says the order.
        odd = sample[1::2].count(0)
        even = sample[0::2].count(0)
        return "utf-16-le" if odd >= even else "utf-16-be"
    return "utf-8"


_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")


def _decode(name: str, data: bytes) -> tuple[str, str]:
    if data.startswith(_UTF32_BOMS) or _utf32_like(data):
        raise InputError(
            [
                Problem(
                    ExportErrorCode.NOT_TEXT,
                    "the file is UTF-32 text, which no export is",
                    Location(name, 1, 1),
                    hint="save the file as UTF-8 (or export it again)",
                )
            ]
        )
    encoding = _guess(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError([_undecodable(name, data, encoding, error)]) from None
    return text.removeprefix("\ufeff"), encoding


def _utf32_like(data: bytes) -> bool:
    """ASCII text in UTF-32 without a BOM: three NUL bytes beside every character."""
    sample = data[:4096]
    sample = sample[: len(sample) - len(sample) % 4]
    lanes = [sample[lane::4] for lane in range(4)]  # bytes 0, 1, 2, 3 of each character
    text = [lane for lane in lanes if lane.count(0) < len(lane)]
    return len(sample) >= 8 and len(text) == 1 and text[0] in (lanes[0], lanes[3])


def _undecodable(name: str, data: bytes, encoding: str, error: UnicodeDecodeError) -> Problem:
    """Where the first undecodable byte is, and what the file looks like instead."""
    good = data[: error.start].decode(encoding, errors="replace").removeprefix("\ufeff")
    line = good.count("\n") + 1
    column = len(good) - (good.rfind("\n") + 1) + 1
    looks = _binary_kind(data)
    if looks:
        message = f"the file is not text: it looks like {looks}"
    elif encoding.startswith("utf-16"):
        message = f"the file starts as {encoding.upper()} but is not valid UTF-16 here"
    else:
        message = f"byte 0x{data[error.start]:02x} is not valid UTF-8 (nor is the file UTF-16)"
    return Problem(
        ExportErrorCode.NOT_TEXT,
        message,
        Location(name, line, column),
        hint="export the data as CSV (Business Suite) or JSON (Graph API, Download your "
        "information), or save the file as UTF-8",
    )


def _binary_kind(data: bytes) -> str | None:
    if data.startswith(b"PK\x03\x04"):
        return "a ZIP archive (an .xlsx workbook or a zipped download)"
    if data.startswith(b"%PDF"):
        return "a PDF document"
    if data[:8] in (b"\x89PNG\r\n\x1a\n",) or data.startswith(b"\xff\xd8\xff"):
        return "an image"
    return None


def describe_text(text: str) -> str:
    """What a text that is no export looks like, in words, without quoting any of it."""
    stripped = text.lstrip()
    first = next((line for line in stripped.splitlines() if line.strip()), "")
    if stripped.startswith("<"):
        return "an HTML or XML document"
    if re.match(r"^(%YAML|---\s*$|#|[A-Za-z_][\w .-]*:(\s|$))", first):
        return "a YAML document (an igalgo profile or drafts file?)"
    if stripped.startswith(("{", "[")):
        return "a JSON document"
    return "plain text"
