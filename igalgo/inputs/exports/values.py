"""Texts of export cells to numbers and times, or to the reason they are not.

Counts are whole numbers, possibly with thousands separators (``1,234``, ``1.234``, ``1 234``)
and never negative; a blank is missing, not zero. Publish times are Business Suite's local
``MM/DD/YYYY HH:MM`` (day first when a file proves it), ISO 8601, or Unix seconds.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from igalgo.inputs.exports.aliases import BLANKS
from igalgo.inputs.exports.codes import ExportErrorCode
from igalgo.inputs.formats import ErrorCode

EARLIEST = datetime(2010, 10, 1, tzinfo=UTC)
"""No post is older than Instagram (launched October 2010); an older time is a misreading."""


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
        value = float(int(body))
    elif _GROUPED.fullmatch(body):
        value = float(int(re.sub(r"\D", "", body)))
    elif (match := _DECIMAL.fullmatch(body)) and not match.group(2).strip("0"):
        value = float(int(match.group(1)))  # "1234.0", as spreadsheets write whole numbers
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
    if not math.isfinite(value) or value != int(value):
        raise ValueProblemError(ExportErrorCode.INVALID_NUMBER, f"{value} is not a whole number")
    if value < 0:
        raise ValueProblemError(ExportErrorCode.NEGATIVE_COUNT, f"{value:g} is below zero")
    return float(value)


_CLOCK = re.compile(r"(?:(\d+):)?(\d+):(\d+(?:[.,]\d+)?)")


def parse_duration(text: str) -> float | None:
    """Seconds from ``12``, ``12.5``, ``12,5``, ``0:12`` or ``1:02:03``; None for a blank."""
    body = text.strip()
    if body in BLANKS:
        return None
    clock = _CLOCK.fullmatch(body)
    try:
        if clock:
            hours, minutes, seconds = clock.groups()
            value = int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds.replace(",", "."))
        else:
            value = float(body.replace(",", "."))
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0 or body.lower() in ("inf", "nan", "infinity"):
        raise ValueProblemError(
            ExportErrorCode.INVALID_NUMBER, f"`{_short(text)}` is not a duration in seconds"
        )
    return value


_LOCAL = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2}),?[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?"
)
TIME_HINT = "Business Suite writes MM/DD/YYYY HH:MM in US Pacific time; ISO 8601 also works"


def day_month(text: str) -> tuple[int, int] | None:
    """The first two numbers of a ``NN/NN/YYYY`` time, to tell month-first from day-first."""
    match = _LOCAL.fullmatch(text.strip())
    return (int(match.group(1)), int(match.group(2))) if match else None


def parse_local_time(text: str, zone: ZoneInfo, *, day_first: bool = False) -> datetime:
    """An aware datetime in ``zone`` from a Business Suite publish time (or ISO 8601)."""
    body = text.strip()
    match = _LOCAL.fullmatch(body)
    if match:
        first, second, year, hour, minute, second_s, half = match.groups()
        month, day = (int(second), int(first)) if day_first else (int(first), int(second))
        full_year = int(year) + (2000 if len(year) == 2 else 0)
        hours = int(hour)
        if half:
            if not 1 <= hours <= 12:
                raise _bad_time(text)
            hours = hours % 12 + (12 if half.lower() == "pm" else 0)
        try:
            naive = datetime(full_year, month, day, hours, int(minute), int(second_s or 0))
        except ValueError:
            raise _bad_time(text) from None
    else:
        try:
            parsed = datetime.fromisoformat(body)
        except ValueError:
            raise _bad_time(text) from None
        if parsed.tzinfo is not None:
            return _plausible(parsed.astimezone(zone), text)
        naive = parsed
    return _plausible(localize(naive, zone, text), text)


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
    return _plausible(parsed.astimezone(zone), value)


def parse_epoch(value: object, zone: ZoneInfo) -> datetime:
    """An aware datetime in ``zone`` from Unix seconds (milliseconds when the number says so)."""
    if isinstance(value, str) and _DIGITS.fullmatch(value.strip()):
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueProblemError(
            ExportErrorCode.INVALID_PUBLISH_TIME,
            f"expected a Unix timestamp (seconds), found {json_kind(value)}",
        )
    seconds = value / 1000 if value > 1e11 else value
    try:
        moment = datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        raise _bad_time(str(value)) from None
    return _plausible(moment.astimezone(zone), str(value))


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
