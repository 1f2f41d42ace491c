"""Bytes to text for exports: size limit, UTF-8 with or without a BOM, UTF-16, standard input.

Business Suite writes its daily files as UTF-16 with a BOM; everything else is UTF-8. The
encoding is found from the BOM, else from the NUL bytes UTF-16 puts beside ASCII, else UTF-8.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from igalgo.errors import InputError, Location, Problem
from igalgo.inputs.exports.codes import MAX_EXPORT_BYTES, ExportErrorCode
from igalgo.inputs.formats import ErrorCode
from igalgo.inputs.sources import STDIN, STDIN_NAME


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
    if source == STDIN:
        name = STDIN_NAME
        stream = sys.stdin.buffer if sys.stdin is not None else None
        if stream is None:
            raise _one(ErrorCode.UNREADABLE, name, "standard input is not available")
        data = stream.read(MAX_EXPORT_BYTES + 1)
    else:
        name = source
        data = _read_file(source)
    if len(data) > MAX_EXPORT_BYTES:
        raise _one(
            ExportErrorCode.EXPORT_TOO_LARGE,
            name,
            f"the file is larger than {MAX_EXPORT_BYTES:,} bytes (50 MiB), the limit for an export",
            hint="export a shorter date range, or split the file",
            located=True,
        )
    text, encoding = _decode(name, data)
    if not text.strip():
        raise _one(
            ErrorCode.EMPTY_FILE,
            name,
            "the file is empty",
            hint="export the account's content again (Business Suite: Insights > Content > "
            "Export data)",
            located=True,
        )
    return ExportText(name, text, encoding)


def _read_file(source: str) -> bytes:
    path = Path(source)
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_EXPORT_BYTES + 1)
    except FileNotFoundError:
        raise _one(
            ErrorCode.FILE_NOT_FOUND,
            source,
            f"no such file: {source}",
            hint="check the path (relative paths start in the current directory)",
        ) from None
    except IsADirectoryError:
        raise _one(
            ErrorCode.IS_DIRECTORY,
            source,
            f"{source} is a directory, not a file",
            hint="name the export files inside it (a .csv or .json file)",
        ) from None
    except (OSError, ValueError) as error:  # permissions, I/O errors, NUL in the path
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise _one(ErrorCode.UNREADABLE, source, f"cannot read {source}: {reason}") from None


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
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


def _decode(name: str, data: bytes) -> tuple[str, str]:
    encoding = _guess(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError([_undecodable(name, data, encoding, error)]) from None
    return text.removeprefix("\ufeff"), encoding


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
        code=ExportErrorCode.NOT_TEXT,
        message=message,
        location=Location(name, line, column),
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


def _one(
    code: str, name: str, message: str, *, hint: str | None = None, located: bool = False
) -> InputError:
    """An InputError with one whole-file problem (at line 1 when ``located``)."""
    location = Location(name, 1, 1) if located else None
    return InputError([Problem(code=code, message=message, location=location, hint=hint)])
