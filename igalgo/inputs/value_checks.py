"""Checks of single values (text, choices, times, dates, numbers) that record problems.

:class:`ValueChecker` holds one file's problems; :class:`igalgo.inputs.checks` builds on it
for mappings, lists and whole files.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime, time, timedelta, timezone
from enum import StrEnum
from pathlib import Path
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from igalgo.domain import WEEKDAYS
from igalgo.errors import UNSAFE_CHARACTERS, InputError, Location, Problem, printable
from igalgo.inputs.declarations import (
    CLOCK_TIME_PATTERN,
    COLOUR_PATTERN,
    DATE_PATTERN,
    DATETIME_PATTERN,
    HASHTAG_PATTERN,
    REACH_PATTERN,
    WEEK_TIME_PATTERN,
    Field,
    Kind,
)
from igalgo.inputs.formats import EARLIEST_DATE, LATEST_DATE, SUPPORTED_DATES, ErrorCode
from igalgo.inputs.messages import (
    EXPECTED,
    TYPE_CODES,
    close_matches,
    describe,
    quoted,
    show_number,
    shown,
    thousands_trap,
    type_hint,
)
from igalgo.inputs.nodes import FLOAT_TAG, INT_TAG, STR_TAG, TIMESTAMP_TAG, Node, ScalarNode
from igalgo.language import Text, tr

LARGEST: Final = 10**15
"""Integers beyond this are refused before any arithmetic (no field needs more)."""

INVALID: Final = object()
"""Returned by a field check whose problem has been recorded; never reaches the domain."""


class ValueChecker:
    """Checks values of one file against their declarations and collects every problem."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []
        self.zone: ZoneInfo | None = None
        """The account's zone while drafts are checked; None when the account is unusable."""
        self.today: date | None = None
        """The day a date in the coming week (``"tue 19:30"``) counts from; None: today in
        the account's zone."""
        self.profiles: Path | None = None
        """The trusted profiles folder (``--profiles``) a drafts file's account may be in."""

    # reporting

    def report(
        self,
        code: ErrorCode,
        node: Node,
        path: str,
        message: str,
        hint: str | None = None,
    ) -> object:
        """Record a problem at ``node`` and return the invalid marker."""
        where = Location(self.name, node.line, node.column)
        self.problems.append(Problem(code, message, where, path, hint))
        return INVALID

    def fail_if_problems(self) -> None:
        """Raise everything collected so far, each file's problems in line order."""
        if self.problems:
            files: dict[str, int] = {}
            for found in self.problems:
                files.setdefault(found.location.file if found.location else "", len(files))

            def order(found: Problem) -> tuple[int, int, int]:
                where = found.location
                if where is None:
                    return (files[""], 0, 0)
                return (files[where.file], where.line, where.column)

            raise InputError(sorted(self.problems, key=order))

    # values

    def text(self, node: Node, declared: Field, path: str) -> object:
        """A YAML string (not a number, boolean, date or null that happens to look like one)."""
        if not isinstance(node, ScalarNode) or node.tag != STR_TAG:
            return self.wrong_type(node, declared, path)
        value = node.text
        if not value.strip() and declared.default != "":
            return self.report(
                ErrorCode.EMPTY_VALUE,
                node,
                path,
                "the value is empty",
                "write a value, or remove the key if it is optional",
            )
        unsafe = next(
            (m for m in UNSAFE_CHARACTERS.finditer(value) if not _allowed(m.group(), declared)),
            None,
        )
        if unsafe is not None:
            return self.report(
                ErrorCode.CONTROL_CHARACTER,
                node,
                path,
                f"character {unsafe.start() + 1} is the control character "
                f"{printable(unsafe.group())}, which could drive a terminal the text is shown on",
                "remove it"
                + (" (line breaks and tabs are fine here)" if declared.multiline else ""),
            )
        if declared.max_length is not None and len(value) > declared.max_length:
            return self.report(
                ErrorCode.TOO_LONG,
                node,
                path,
                f"{len(value)} characters, at most {declared.max_length} allowed",
                "shorten it",
            )
        return value

    def text_kind(self, node: Node, declared: Field, path: str) -> object:
        """Text, then what the kind makes of it (choice, clock time, zone, date, hashtag)."""
        kind = declared.kind
        if kind is Kind.DATETIME and isinstance(node, ScalarNode) and node.tag == TIMESTAMP_TAG:
            return self.datetime(node, node.text, path)  # read as written, not as UTC
        if kind is Kind.DATE and isinstance(node, ScalarNode) and node.tag == TIMESTAMP_TAG:
            return self.date(node, node.text, path)  # an unquoted date is a date all the same
        value = self.text(node, declared, path)
        if not isinstance(value, str):
            return value
        if kind is Kind.CHOICE:
            assert declared.choices is not None
            return self.choice(node, value, declared.choices, path)
        if kind is Kind.CLOCK_TIME:
            if not re.fullmatch(CLOCK_TIME_PATTERN, value):
                return self.report(
                    ErrorCode.INVALID_TIME,
                    node,
                    path,
                    tr('expected a local time "HH:MM", got {value}', value=quoted(value)),
                    tr('write two-digit hours and minutes, 00:00 to 23:59, e.g. "08:30"'),
                )
            return time(int(value[:2]), int(value[3:]))
        if kind is Kind.TIMEZONE:
            if zone_or_none(value) is None:
                close = close_matches(value, sorted(available_timezones()), n=1)
                hint = (
                    tr(
                        "did you mean {zone}? (like Europe/Amsterdam or America/New_York)",
                        zone=close[0],
                    )
                    if close
                    else tr("use an IANA name (like Europe/Amsterdam or America/New_York)")
                )
                return self.report(
                    ErrorCode.INVALID_TIMEZONE,
                    node,
                    path,
                    tr("unknown time zone {value}", value=quoted(value)),
                    hint,
                )
            return value
        if kind is Kind.DATETIME:
            return self.datetime(node, value, path)
        if kind is Kind.DATE:
            return self.date(node, value, path)
        if kind is Kind.HASHTAG:
            if not re.fullmatch(HASHTAG_PATTERN, value):
                return self.report(
                    ErrorCode.INVALID_HASHTAG,
                    node,
                    path,
                    f"{quoted(value)} is not one hashtag",
                    "write each hashtag as its own list item, without spaces",
                )
            return value.removeprefix("#")
        if kind is Kind.COLOUR:
            if not re.fullmatch(COLOUR_PATTERN, value):
                return self.report(
                    ErrorCode.INVALID_COLOUR,
                    node,
                    path,
                    f'expected a colour "#RRGGBB", got {quoted(value)}',
                    'write # and six hexadecimal digits, quoted (e.g. "#1f6f5c")',
                )
            return value.lower()
        return value

    def choice(self, node: Node, value: str, choices: type[StrEnum], path: str) -> object:
        """One of an enum's values, with a did-you-mean."""
        allowed = [member.value for member in choices]
        if value in allowed:
            return choices(value)
        close = close_matches(value.lower(), allowed, n=1, cutoff=0.5)
        listed = ", ".join(allowed)
        return self.report(
            ErrorCode.UNKNOWN_VALUE,
            node,
            path,
            tr("unknown value {value}", value=quoted(value)),
            tr("did you mean {close}? allowed: {allowed}", close=repr(close[0]), allowed=listed)
            if close
            else tr("allowed: {allowed}", allowed=listed),
        )

    def date(self, node: Node, value: str, path: str) -> object:
        """A day ``YYYY-MM-DD`` that the calendar has (a window's, a calibration's)."""
        raw = value.strip()
        reason = ""
        if re.fullmatch(DATE_PATTERN, raw):
            try:
                return date.fromisoformat(raw)
            except ValueError as error:
                reason = f" ({error})"
        return self.report(
            ErrorCode.INVALID_DATE,
            node,
            path,
            tr(
                'expected a date "YYYY-MM-DD", got {value}{reason}',
                value=quoted(raw),
                reason=reason,
            ),
            tr('e.g. "{example}"', example="2026-12-20"),
        )

    def datetime(self, node: Node, value: str, path: str) -> object:
        """publish_at: local time in the account's zone, or ISO 8601 with an offset."""
        raw = value.strip()
        parsed: datetime | None = None
        reason = ""
        if re.fullmatch(WEEK_TIME_PATTERN, raw):
            return next_week_time(raw, self.zone or UTC, self.today)
        if re.fullmatch(DATETIME_PATTERN, raw):
            try:
                parsed = datetime.fromisoformat(raw)
            except ValueError as error:
                reason = f" ({error})"
        if parsed is None:
            date_only = re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", raw) is not None
            return self.report(
                ErrorCode.INVALID_DATETIME,
                node,
                path,
                tr(
                    'expected "YYYY-MM-DD HH:MM" or ISO 8601 with an offset, got {value}{reason}',
                    value=quoted(raw),
                    reason=reason,
                ),
                tr('add the local time: "{value} 19:30"', value=raw)
                if date_only
                else tr('e.g. "2026-12-01 19:30" (local) or "2026-12-01T19:30:00+01:00"'),
            )
        if not EARLIEST_DATE <= parsed.date() <= LATEST_DATE:
            # Checked on the date as written, before any conversion: near the ends of the
            # calendar a conversion to another zone would overflow it.
            return self.report(
                ErrorCode.OUT_OF_RANGE,
                node,
                path,
                tr(
                    "igalgo supports dates {dates}, got {value}",
                    dates=SUPPORTED_DATES,
                    value=quoted(raw),
                ),
                tr("check the year"),
            )
        zone = self.zone
        if parsed.tzinfo is not None:
            return parsed.astimezone(zone) if zone is not None else parsed
        if zone is None:  # the account has a problem of its own; check the rest anyway
            return parsed.replace(tzinfo=UTC)
        local = parsed.replace(tzinfo=zone, fold=0)  # ambiguous (autumn) times: the first one
        on_clock = local.astimezone(UTC).astimezone(zone)
        if on_clock.replace(tzinfo=None) != parsed:
            return self.report(
                ErrorCode.NONEXISTENT_TIME,
                node,
                path,
                f"{shown(raw)} does not exist in {zone.key}: clocks jump forward then",
                f'use the time the clocks show, "{on_clock:%Y-%m-%d %H:%M}", or give an offset',
            )
        return local

    def reach(self, node: Node, declared: Field, path: str) -> object:
        """A gate's reach: accounts (a number, at least 0) or a share of followers (``15%``);
        a percentage comes back as ``(15.0, True)``, accounts as ``(600.0, False)``."""
        if isinstance(node, ScalarNode) and node.tag == STR_TAG:
            raw = node.text.strip()
            if re.fullmatch(REACH_PATTERN, raw):
                return (float(raw.rstrip("%").strip()), True)
            return self.report(
                ErrorCode.WRONG_TYPE,
                node,
                path,
                f"expected {EXPECTED[Kind.REACH]}, got {quoted(raw)}",
                "write accounts as a number (reels: 2000) or a share of followers with % "
                "(feed: 15%)",
            )
        value = self.number(node, declared, path)
        return (float(value), False) if isinstance(value, int | float) else value

    def number(self, node: Node, declared: Field, path: str) -> object:
        """An integer or a number: YAML 1.1 resolution, its traps, finiteness and range.

        A count (:attr:`Field.is_count`) is one rule: written with a thousands separator it
        is refused with the number meant (``25.000`` is not 25), and a whole-number count
        written as a decimal number (``4200.5``, ``4200.0``, ``1.5e+6``) is refused, never
        truncated.
        """
        if declared.is_count and isinstance(node, ScalarNode):
            trap = thousands_trap(node, fractions=declared.kind is Kind.NUMBER)
            if trap is not None:
                return self.report(ErrorCode.AMBIGUOUS_NUMBER, node, path, *trap)
        if not isinstance(node, ScalarNode) or node.tag not in (INT_TAG, FLOAT_TAG):
            return self.wrong_type(node, declared, path)
        raw = node.text
        value = node.value
        if value is None or isinstance(value, bool) or not isinstance(value, int | float):
            return self.wrong_type(node, declared, path)  # an explicit tag on other text
        if node.tag == INT_TAG and (":" in raw or re.fullmatch(r"[-+]?0[0-7_]+", raw)):
            what = "base-60" if ":" in raw else "octal"
            return self.report(
                ErrorCode.AMBIGUOUS_NUMBER,
                node,
                path,
                f"YAML 1.1 reads {shown(raw)} as the {what} number {shown(value)}",
                "write the plain decimal number you mean"
                + (" without the leading zero" if what == "octal" else ""),
            )
        if isinstance(value, int) and abs(value) > LARGEST:
            return self.report(ErrorCode.OUT_OF_RANGE, node, path, f"{shown(raw)} is far too large")
        if not math.isfinite(value):
            return self.report(
                ErrorCode.OUT_OF_RANGE,
                node,
                path,
                f"{shown(raw)} is not a finite number",
                "write an ordinary number",
            )
        if declared.kind is Kind.INTEGER:
            if node.tag == FLOAT_TAG:
                whole = float(value).is_integer()
                return self.report(
                    ErrorCode.WRONG_TYPE,
                    node,
                    path,
                    f"expected a whole number, got {shown(raw)}",
                    f"write {int(value)} (a count has no decimal point)"
                    if whole
                    else "a count is a whole number: drop the fraction",
                )
            value = int(value)
        else:
            value = float(value)
        return self.check_range(node, declared, path, value)

    def check_range(self, node: Node, declared: Field, path: str, value: float) -> object:
        """Report a number outside the declared minimum and maximum."""
        low, high = declared.minimum, declared.maximum
        below = low is not None and (value <= low if declared.minimum_excluded else value < low)
        if below or (high is not None and value > high):
            if declared.minimum_excluded and low is not None:
                wanted = f"above {show_number(low)}"
                if high is not None:
                    wanted += f" and at most {show_number(high)}"
            elif low is not None and high is not None:
                wanted = f"between {show_number(low)} and {show_number(high)}"
            elif low is not None:
                wanted = f"at least {show_number(low)}"
            else:
                wanted = f"at most {show_number(high or 0)}"
            hint = None
            if high == 1 and 1 < value <= 100:
                hint = f"a rate is a fraction: {value:g}% is {value / 100:g}"
            return self.report(
                ErrorCode.OUT_OF_RANGE,
                node,
                path,
                f"must be {wanted}, got {show_number(value)}",
                hint,
            )
        smallest = declared.positive_minimum
        if smallest is not None and 0 < value < smallest:
            return self.report(
                ErrorCode.OUT_OF_RANGE,
                node,
                path,
                f"must be 0 or at least {show_number(smallest)}, got {show_number(value)}",
                "write 0 for never",
            )
        return value

    def wrong_type(self, node: Node, declared: Field, path: str) -> object:
        """Report a value of the wrong type, explaining YAML 1.1's surprises."""
        expected = Text(EXPECTED[declared.kind], {})
        code = TYPE_CODES.get(declared.kind, ErrorCode.WRONG_TYPE)
        return self.report(
            code,
            node,
            path,
            tr("expected {expected}, got {value}", expected=expected, value=describe(node)),
            type_hint(node, declared),
        )


def _allowed(character: str, declared: Field) -> bool:
    """Whether an unsafe character is allowed in ``declared``'s text: a multi-line text's
    line breaks and tabs."""
    return declared.multiline and character in "\n\t"


def week_day(text: str) -> int:
    """The weekday (Monday 0) a ``"tue 19:30"`` names."""
    return WEEKDAYS.index(text.strip()[:3].lower())


def next_week_time(raw: str, zone: ZoneInfo | timezone, today: date | None) -> datetime:
    """``"tue 19:30"``: the next Tuesday after ``today`` (tomorrow at the earliest, so never in
    the past; None: today in ``zone``) at 19:30 in ``zone``; a time skipped by a daylight-saving
    change is the time the clocks show then."""
    day = today if today is not None else datetime.now(zone).date()
    day += timedelta(days=(week_day(raw) - day.weekday() - 1) % 7 + 1)
    hour, minute = int(raw[-5:-3]), int(raw[-2:])
    local = datetime.combine(day, time(hour, minute), tzinfo=zone)
    return local.astimezone(UTC).astimezone(zone)


def week_time_text(node: Node | None) -> str | None:
    """The text of a ``publish_at`` written in the coming week (``"tue 19:30"``), else None."""
    if isinstance(node, ScalarNode) and re.fullmatch(WEEK_TIME_PATTERN, node.text.strip()):
        return node.text.strip()
    return None


def zone_or_none(name: str) -> ZoneInfo | None:
    """The zone called ``name``, or None when there is no such IANA zone."""
    if not name or name != name.strip():
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # unknown, malformed, a directory
        return None
