"""Texts of export cells to numbers and times, or to the reason they are not.

Counts are whole numbers, possibly with thousands separators (``1,234``, ``1.234``, ``1 234``),
never negative and at most :data:`MAX_COUNT`; a blank is missing, not zero. Publish times are
Business Suite's local ``MM/DD/YYYY HH:MM`` (day first when a file proves it), ISO 8601, or
Unix seconds, between :data:`EARLIEST` and :data:`LATEST`. Every text is bounded before it is
converted (its digits counted, its year checked), so that no conversion can overflow.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from igalgo.inputs.exports.aliases import BLANKS
from igalgo.inputs.exports.codes import LATEST_YEAR, MAX_COUNT, ExportErrorCode
from igalgo.inputs.formats import ErrorCode

EARLIEST = datetime(2010, 10, 1, tzinfo=UTC)
"""No post is older than Instagram (launched October 2010); an older time is a misreading."""

MAX_COUNT_DIGITS = len(str(MAX_COUNT))
"""Digits of :data:`MAX_COUNT`: a longer run of digits is refused before it is converted."""

MAX_DURATION_S = 10**7
"""The longest duration read, in seconds (about 116 days; Instagram's longest video is hours)."""


class ValueProblemError(Exception):
    """Why a text is not the value it should be: a code, a message and perhaps a hint."""

    def __init__(self, code: str, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint


_DIGITS = re.compile(r"\d+")
_GROUPED = re.compile(r"\d{1,3}([,.\u00a0\u202f' ])\d{3}(?:\1\d{3})*")
_DECIMAL = re.compile(r"(\d+)[.,](\d+)")


def parse_count(text: str) -> float | None:
    """A count from a cell's text: None for a blank; raises :class:`ValueProblemError` otherwise."""
    body = text.strip()
    if body in BLANKS:
        return None
    negative = body[:1] in ("-", "\u2212")
    if negative:
        body = body[1:].strip()
    if _DIGITS.fullmatch(body):
        value = _bounded(body, text)
    elif _GROUPED.fullmatch(body):
        value = _bounded(re.sub(r"\D", "", body), text)
    elif (match := _DECIMAL.fullmatch(body)) and not match.group(2).strip("0"):
        value = _bounded(match.group(1), text)  # "1234.0", as spreadsheets write whole numbers
    elif _DECIMAL.fullmatch(body):
        raise ValueProblemError(
            ExportErrorCode.INVALID_NUMBER,
            f"`{text.strip()}` is not a whole number",
            "counts are whole numbers (1,234 and 1.234 are both read as 1234)",
        )
    else:
        raise ValueProblemError(ExportErrorCode.INVALID_NUMBER, f"`{_short(text)}` is not a number")
    if negative and value:
        raise ValueProblemError(ExportErrorCode.NEGATIVE_COUNT, f"{text.strip()} is below zero")
    return value


def _bounded(digits: str, text: str) -> float:
    """A run of digits as a count, refused above :data:`MAX_COUNT` (its length checked before
    it is converted: Python refuses to convert over 4,300 digits, floats end near 309)."""
    significant = digits.lstrip("0") or "0"
    if len(significant) > MAX_COUNT_DIGITS or int(significant) > MAX_COUNT:
        raise _too_large(text)
    return float(int(significant))


def _too_large(text: str) -> ValueProblemError:
    return ValueProblemError(
        ExportErrorCode.INVALID_NUMBER,
        f"`{_short(text)}` is above the largest count igalgo reads ({MAX_COUNT:,})",
        "is the column the one it is named? a count this large is a misreading",
    )


def check_count(value: object) -> float | None:
    """A count from a JSON value (a number, or a string as the DYI files write them)."""
    if value is None:
        return None
    if isinstance(value, str):
        return parse_count(value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueProblemError(
            ExportErrorCode.INVALID_NUMBER, f"expected a number, found {json_kind(value)}"
        )
    if isinstance(value, int) and abs(value) > MAX_COUNT:  # judged as an int, never a float
        if value < 0:
            raise ValueProblemError(ExportErrorCode.NEGATIVE_COUNT, "the count is below zero")
        raise _too_large(f"a number of {value.bit_length() * 3 // 10 + 1} digits or so")
    if math.isnan(value) or (math.isfinite(value) and value != int(value)):
        raise ValueProblemError(ExportErrorCode.INVALID_NUMBER, f"{value} is not a whole number")
    if value < 0:
        raise ValueProblemError(ExportErrorCode.NEGATIVE_COUNT, f"{value:g} is below zero")
    if value > MAX_COUNT:
        raise _too_large(f"{value:g}")
    return float(value)


_CLOCK = re.compile(r"(?:(\d{1,4}):)?(\d{1,6}):(\d{1,8}(?:[.,]\d{1,9})?)")
_SECONDS = re.compile(r"\d{1,8}(?:[.,]\d{1,9})?")


_THOUSANDS = {",": re.compile(r"\d{1,3}(?:\.\d{3})+"), ".": re.compile(r"\d{1,3}(?:,\d{3})+")}
"""By a file's decimal mark: a number grouped in thousands with the other mark."""


def parse_duration(text: str, decimal_mark: str | None = None) -> float | None:
    """Seconds from ``12``, ``12.5``, ``12,5``, ``0:12`` or ``1:02:03``; None for a blank.

    With the file's ``decimal_mark`` known (``,`` or ``.``), a number grouped in thousands
    with the other mark (``1.234`` in a file of decimal commas) is a whole number. The digits
    are bounded by the patterns before any conversion, and the result by
    :data:`MAX_DURATION_S`.
    """
    body = text.strip()
    if body in BLANKS:
        return None
    grouped = _THOUSANDS.get(decimal_mark or "")
    if grouped is not None and grouped.fullmatch(body) and len(body) <= 12:
        body = re.sub(r"\D", "", body)
    clock = _CLOCK.fullmatch(body)
    if clock:
        hours, minutes, seconds = clock.groups()
        value = int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds.replace(",", "."))
    elif _SECONDS.fullmatch(body):
        value = float(body.replace(",", "."))
    else:
        value = math.nan
    if not 0 <= value <= MAX_DURATION_S:
        raise ValueProblemError(
            ExportErrorCode.INVALID_NUMBER, f"`{_short(text)}` is not a duration in seconds"
        )
    return value


_LOCAL = re.compile(
    r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})"
    r"(?:,?[ T]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*([AaPp][Mm])?)?"
)
"""A local date ``NN/NN/YYYY``, ``NN-NN-YYYY`` or ``NN.NN.YYYY`` (the same separator twice),
with or without a clock time ``HH:MM`` (``HH.MM`` too, as Dutch writes it)."""

TIME_HINT = (
    "Business Suite writes MM/DD/YYYY HH:MM in US Pacific time; DD-MM-YYYY HH:MM, "
    "DD.MM.YYYY and ISO 8601 also work"
)


@dataclass(frozen=True)
class LocalDate:
    """The parts of a local date as written, before the order of day and month is known."""

    first: int
    second: int
    separator: str
    """``/``, ``-`` or ``.``."""
    has_clock: bool
    """False for a date without a time of day."""


def local_date(text: str) -> LocalDate | None:
    """The first two numbers and the separator of a ``NN/NN/YYYY`` time (None for any other
    text), to tell month-first from day-first over a whole column."""
    match = _LOCAL.fullmatch(text.strip())
    if not match:
        return None
    return LocalDate(int(match.group(1)), int(match.group(3)), match.group(2), bool(match[5]))


def parse_local_time(text: str, zone: ZoneInfo, *, day_first: bool = False) -> datetime:
    """An aware datetime in ``zone`` from a Business Suite publish time (or ISO 8601); a date
    without a clock time is its midnight."""
    body = text.strip()
    if _EPOCH.fullmatch(body):  # Unix seconds (or milliseconds), as docs/formats.md promises
        return parse_epoch(body, zone)
    match = _LOCAL.fullmatch(body)
    if match:
        first, _, second, year, hour, minute, second_s, half = match.groups()
        month, day = (int(second), int(first)) if day_first else (int(first), int(second))
        full_year = int(year) + (2000 if len(year) == 2 else 0)
        hours = int(hour or 0)
        if half:
            if not 1 <= hours <= 12:
                raise _bad_time(text)
            hours = hours % 12 + (12 if half.lower() == "pm" else 0)
        try:
            naive = datetime(full_year, month, day, hours, int(minute or 0), int(second_s or 0))
        except ValueError:
            raise _bad_time(text) from None
    else:
        try:
            parsed = datetime.fromisoformat(body)
        except ValueError:
            raise _bad_time(text) from None
        if parsed.tzinfo is not None:
            return _plausible(_in_calendar(parsed, text).astimezone(zone), text)
        naive = parsed
    return _plausible(localize(_in_calendar(naive, text), zone, text), text)


def parse_iso_time(value: object, zone: ZoneInfo) -> datetime:
    """An aware datetime in ``zone`` from a Graph API ``timestamp`` (ISO 8601 with an offset)."""
    if not isinstance(value, str):
        raise ValueProblemError(
            ExportErrorCode.INVALID_PUBLISH_TIME,
            f"expected an ISO 8601 time as a string, found {json_kind(value)}",
        )
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise _bad_time(value, "the Graph API writes 2025-06-12T19:20:02+0000") from None
    if parsed.tzinfo is None:
        raise ValueProblemError(
            ExportErrorCode.INVALID_PUBLISH_TIME,
            f"`{_short(value)}` has no UTC offset",
            "the Graph API writes 2025-06-12T19:20:02+0000",
        )
    return _plausible(_in_calendar(parsed, value).astimezone(zone), value)


_EPOCH = re.compile(r"\d{9,13}")
"""Unix seconds (9 or 10 digits since 2001) or milliseconds (12 or 13 digits)."""

_LATEST_EPOCH = datetime(LATEST_YEAR, 12, 31, tzinfo=UTC).timestamp()


def _in_calendar(moment: datetime, text: str) -> datetime:
    """``moment`` if its year is one a publish time may have; checked before any conversion
    between zones, which could otherwise leave the calendar (``0001-01-01T00:00+14:00``)."""
    if not EARLIEST.year <= moment.year <= LATEST_YEAR:
        raise ValueProblemError(
            ExportErrorCode.INVALID_PUBLISH_TIME,
            f"`{_short(text)}` is not a publish time: the year {moment.year} is outside "
            f"{EARLIEST.year} to {LATEST_YEAR}",
            "is the column the publish time?",
        )
    return moment


def parse_epoch(value: object, zone: ZoneInfo) -> datetime:
    """An aware datetime in ``zone`` from Unix seconds (milliseconds when the number says so)."""
    if isinstance(value, str) and _DIGITS.fullmatch(value.strip()):
        if len(value.strip()) > 20:  # checked before it is converted to a number
            raise _bad_time(value)
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueProblemError(
            ExportErrorCode.INVALID_PUBLISH_TIME,
            f"expected a Unix timestamp (seconds), found {json_kind(value)}",
        )
    shown = f"{value:.0f}" if abs(value) < 10**20 else "a number of more than 20 digits"
    seconds = value / 1000 if value > 1e11 else value
    if not 0 <= seconds <= _LATEST_EPOCH:  # compared as numbers, before any conversion
        raise _bad_time(shown)
    moment = datetime.fromtimestamp(seconds, UTC)
    return _plausible(moment.astimezone(zone), shown)


def localize(naive: datetime, zone: ZoneInfo, text: str) -> datetime:
    """``naive`` as a time in ``zone``; a time skipped by a daylight-saving change is refused.

    A repeated time (the hour the clocks go back) is taken as its first occurrence.
    """
    aware = naive.replace(tzinfo=zone)
    later = naive.replace(tzinfo=zone, fold=1)
    before, after = aware.utcoffset(), later.utcoffset()
    if before is not None and after is not None and before < after:  # PEP 495: a gap
        raise ValueProblemError(
            ErrorCode.NONEXISTENT_TIME,
            f"{text.strip()} does not exist in {zone.key} (skipped by a daylight-saving change)",
            "is the time zone given the one Business Suite showed the times in?",
        )
    return aware


def _plausible(moment: datetime, text: str) -> datetime:
    if moment < EARLIEST:
        raise ValueProblemError(
            ExportErrorCode.INVALID_PUBLISH_TIME,
            f"{_short(text)} is before Instagram existed (October 2010)",
        )
    return moment


def _bad_time(text: str, hint: str = TIME_HINT) -> ValueProblemError:
    return ValueProblemError(
        ExportErrorCode.INVALID_PUBLISH_TIME, f"`{_short(text)}` is not a publish time", hint
    )


MAX_JSON_DIGITS = 20
"""Digits of the longest whole number a JSON export's numbers are converted from; a longer one
is read as infinity (which every check refuses) without converting it."""


def json_int(digits: str) -> float | int:
    """``json.loads``'s ``parse_int``: a whole number, or infinity (with its sign) for one of
    more than :data:`MAX_JSON_DIGITS` digits, judged before it is converted."""
    if len(digits.lstrip("-")) > MAX_JSON_DIGITS:
        return -math.inf if digits.startswith("-") else math.inf
    return int(digits)


def json_kind(value: object) -> str:
    """How a JSON value's type is named in messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _short(text: str, limit: int = 40) -> str:
    """``text`` stripped and cut to ``limit`` characters for a message."""
    body = text.strip()
    return body if len(body) <= limit else body[: limit - 1] + "…"
