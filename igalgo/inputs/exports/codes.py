"""The error codes, limits and warnings of the export readers.

The codes are a separate enum rather than members of :class:`igalgo.inputs.formats.ErrorCode`
so that the readers can land while the loader's module is being reworked; the problems the
readers share with the loader (missing file, directory, empty file, time zone, skipped local
time) use the loader's codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from igalgo.errors import Location
from igalgo.language import localized

MAX_EXPORT_BYTES: Final = 50 * 1024 * 1024
"""Largest export file read, in bytes (50 MiB). A Business Suite export of 10,000 posts with
long captions is about 10 MiB; anything larger is refused before decoding."""

MAX_COUNT: Final = 10**12
"""The largest count read (a reach, a like count): a thousand billion, over a hundred times
Instagram's users; a larger one is a misreading, and would overflow the fit's arithmetic."""

LATEST_YEAR: Final = 9000
"""The last year a publish time may have: far beyond any real post, and far enough from the
calendar's end (year 9999) that no conversion between zones leaves it."""

VIEWS_PER_REACH_RANGE: Final = (0.1, 1000.0)
"""The views-per-reach ratios accepted (views per account reached is typically 1.1 to 2): a
ratio outside them is a mistake, and one near zero would make every derived reach infinite."""

MAX_POSTS: Final = 10_000
"""Most posts read from one calibration's exports, all files together: about 27 years of a
post a day. Calibrating this many takes under 1 GB of memory (benchmarks/bench_calibrate.py
--largest); a larger history is refused before its posts are read."""

MAX_JSON_OBJECTS_PER_POST: Final = 50
"""JSON objects an export may have per post before it is refused unparsed (a Graph API post
with every metric has about 20): bounds the memory of parsing a JSON export."""

MAX_PROBLEMS_PER_FILE: Final = 100
"""Most problems reported for one file; past it one more problem says how many were left out,
so that a file of the wrong kind does not print a line for each of its cells."""


class ExportErrorCode(StrEnum):
    """Stable ids of the problems the export readers report (``error[CODE]``)."""

    EXPORT_TOO_LARGE = "export-too-large"
    NOT_TEXT = "not-text"
    NOT_AN_EXPORT = "not-an-export"
    CSV_SYNTAX = "csv-syntax"
    JSON_SYNTAX = "json-syntax"
    MISSING_COLUMN = "missing-column"
    DUPLICATE_COLUMN = "duplicate-column"
    NEEDS_VIEWS_PER_REACH = "needs-views-per-reach"
    MISSING_VALUE = "missing-value"
    INVALID_NUMBER = "invalid-number"
    NEGATIVE_COUNT = "negative-count"
    INVALID_PUBLISH_TIME = "invalid-publish-time"
    UNKNOWN_POST_TYPE = "unknown-post-type"
    NOT_LIFETIME = "not-lifetime"
    WRONG_JSON_TYPE = "wrong-json-type"
    DUPLICATE_POST = "duplicate-post"
    FUTURE_POST = "future-post"
    MIXED_ACCOUNTS = "mixed-accounts"
    EMPTY_EXPORT = "empty-export"
    INVALID_OPTION = "invalid-option"
    TOO_MANY_PROBLEMS = "too-many-problems"
    TOO_MANY_POSTS = "too-many-posts"


EXPORT_ERROR_CODE_MEANINGS: Final[dict[ExportErrorCode, str]] = {
    ExportErrorCode.EXPORT_TOO_LARGE: (
        f"The export is larger than {MAX_EXPORT_BYTES:,} bytes (50 MiB)."
    ),
    ExportErrorCode.NOT_TEXT: "The file is neither UTF-8 (with or without a BOM) nor UTF-16.",
    ExportErrorCode.NOT_AN_EXPORT: "The file is none of the accepted exports (Business Suite "
    "CSV, Graph API media JSON, Download-your-information posts.json or reels.json).",
    ExportErrorCode.CSV_SYNTAX: "The CSV is malformed (an unclosed quote, text after a quote).",
    ExportErrorCode.JSON_SYNTAX: "The text is not valid JSON.",
    ExportErrorCode.MISSING_COLUMN: "A required column (publish time, post type, reach) or "
    "JSON key is absent (with a did-you-mean).",
    ExportErrorCode.DUPLICATE_COLUMN: "Two columns of one export mean the same thing.",
    ExportErrorCode.NEEDS_VIEWS_PER_REACH: "The export has views but no reach, and no "
    "views-per-reach ratio was given to derive reach from views.",
    ExportErrorCode.MISSING_VALUE: "A post without a value igalgo cannot do without (its "
    "publish time, its type).",
    ExportErrorCode.INVALID_NUMBER: f"A count that is not a whole number or is above "
    f"{MAX_COUNT:,} (or a duration that is not a number of seconds).",
    ExportErrorCode.NEGATIVE_COUNT: "A count below zero.",
    ExportErrorCode.INVALID_PUBLISH_TIME: "A publish time that is not MM/DD/YYYY HH:MM, ISO "
    f"8601 or a Unix timestamp, or is outside the years 2010 to {LATEST_YEAR}.",
    ExportErrorCode.UNKNOWN_POST_TYPE: "A post type that is not an Instagram image, carousel, "
    "reel, video or story (with a did-you-mean).",
    ExportErrorCode.NOT_LIFETIME: "A row holding one day's numbers instead of lifetime totals.",
    ExportErrorCode.WRONG_JSON_TYPE: "A JSON value of the wrong type (a list for an object).",
    ExportErrorCode.DUPLICATE_POST: "The same post id twice, in one export or across exports.",
    ExportErrorCode.FUTURE_POST: "A post published after the reading's reference time.",
    ExportErrorCode.MIXED_ACCOUNTS: "Posts of more than one account.",
    ExportErrorCode.EMPTY_EXPORT: "An export with a header but no posts.",
    ExportErrorCode.INVALID_OPTION: "A column mapping, ratio or time zone given to the reader "
    "that cannot be used.",
    ExportErrorCode.TOO_MANY_PROBLEMS: (
        f"More than {MAX_PROBLEMS_PER_FILE} problems in one file; the rest are left out."
    ),
    ExportErrorCode.TOO_MANY_POSTS: f"More than {MAX_POSTS:,} posts in the exports of one "
    "calibration (all files together).",
}
"""What each export error code means, for the reference docs."""


class WarningCode(StrEnum):
    """Stable ids of the things worth knowing about a reading that are not errors."""

    IGNORED_COLUMNS = "ignored-columns"
    SHADOWED_COLUMN = "shadowed-column"
    DAY_FIRST_DATES = "day-first-dates"
    UNCHECKED_DATE = "unchecked-date"
    FORMAT_GUESSED = "format-guessed"
    MISSING_REACH = "missing-reach"
    ZONE_DISAGREES = "zone-disagrees"
    NO_TIME_OF_DAY = "no-time-of-day"


@dataclass(frozen=True)
class Notice:
    """A warning about an export: the reading went on, but the user may want to know."""

    code: WarningCode
    """Stable machine-readable id, e.g. ``day-first-dates``."""
    message: str
    location: Location | None = None
    """Where in which file; None for the whole reading."""
    hint: str | None = None

    def format(self) -> str:
        """``FILE:LINE:COL: warning[CODE]: message`` plus a ``hint:`` line when there is one."""
        where = f"{self.location}: " if self.location else ""
        text = f"{where}warning[{self.code}]: {localized(self.message)}"
        if self.hint:
            text += f"\n  hint: {localized(self.hint)}"
        return text
