"""The one declaration of igalgo's two input formats: the account profile and the drafts file.

Every field is declared once, with its name, kind, allowed values, range, default and
description: here, and the profile's ``calibration:`` mapping in
:mod:`igalgo.inputs.calibration_format` (how a field is declared is
:mod:`igalgo.inputs.declarations`). Three things are generated from these declarations and
nothing else:

* the loader's checks (:mod:`igalgo.inputs.loader` interprets :data:`PROFILE` and
  :data:`DRAFTS_FILE`),
* the JSON Schema 2020-12 (``docs/tools/schemas.py`` writes ``docs/schema/``, which
  ``igalgo schema profile|drafts`` prints),
* the reference documentation ``docs/formats.md`` (``docs/tools/formats_reference.py``).

Defaults are read from the domain dataclasses in :mod:`igalgo.domain` and limits from
:data:`igalgo.domain.DEFAULT_LIMITS`, so no value is written twice. The stable error codes the
loader reports are declared here too (:class:`ErrorCode`), so that the docs can list them; the
rules JSON Schema cannot say are listed by the docs tooling (docs/tools/schema_differences.py).
"""

from __future__ import annotations

import dataclasses
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from igalgo.domain import (
    DEFAULT_LIMITS,
    WEEKDAYS,
    Account,
    AccountType,
    Audio,
    Branding,
    Draft,
    FollowerActivity,
    Format,
    Market,
    Niche,
    Origin,
    Popularity,
    Posting,
    Quality,
    Window,
)
from igalgo.inputs.agency_format import GATES, Approval
from igalgo.inputs.calibration_format import CALIBRATION
from igalgo.inputs.capacity_format import CAPACITY
from igalgo.inputs.declarations import Field, Kind, Shape
from igalgo.inputs.interaction_format import INTERACTION
from igalgo.language import LANGUAGES

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

MAX_INPUT_BYTES = 1024 * 1024
"""Largest input file igalgo reads, in bytes (1 MiB). A profile is a few hundred bytes and a
drafts file with a thousand drafts about 300 KiB; anything larger is refused before parsing."""

MAX_DEPTH = 50
"""Deepest nesting of YAML collections the loader composes. igalgo's formats need four levels;
the bound keeps pathological nesting from exhausting the parser's recursion."""

MAX_NODES = 100_000
"""Most YAML values (scalars, lists, mappings) a document may have once aliases are expanded.
A legitimate file with a thousand drafts has about 25,000; an alias bomb ("billion laughs")
expands to billions and is refused as soon as the count passes this bound."""


MIN_POSTS_PER_WEEK = 0.01
"""The smallest posting frequency above zero, posts per week (one post in about two years):
the model spaces an account's usual posts 168 / frequency hours apart, which for frequencies
near the smallest floats is no longer a number (docs/decisions/0061-extreme-numbers.md)."""

EARLIEST_DATE = date(1971, 1, 1)
"""The first day igalgo accepts in a ``publish_at`` or ``plan --start``: every time from then
on, in every zone, is after the Unix epoch (docs/decisions/0060-supported-dates.md)."""

LATEST_DATE = date(9990, 12, 31)
"""The last day igalgo accepts: what it looks ahead from a date (a 48 h competition window, a
plan of up to 52 weeks and the frequency curve's weeks after it, about three years in all)
stays inside Python's calendar, which ends with the year 9999."""

SUPPORTED_DATES = f"from {EARLIEST_DATE} to {LATEST_DATE}"
"""The supported range as messages and the docs say it."""


def _defaults(cls: type[DataclassInstance]) -> dict[str, object]:
    """The default of every field of dataclass ``cls`` that has one, by field name."""
    found: dict[str, object] = {}
    for declared in dataclasses.fields(cls):
        if declared.default is not dataclasses.MISSING:
            found[declared.name] = declared.default
    return found


_MARKET = Market()
_POSTING = Posting()
_ACTIVITY = FollowerActivity()
_DRAFT_DEFAULTS = _defaults(Draft)
_ACCOUNT_DEFAULTS = _defaults(Account)

MARKET = Shape(
    title="market",
    description="Which market the account is in and how popular that market is on Instagram.",
    fields=(
        Field(
            "niche",
            Kind.CHOICE,
            "The market (niche) the account's content is about.",
            choices=Niche,
            default=_MARKET.niche,
        ),
        Field(
            "popularity",
            Kind.CHOICE,
            "How popular the niche is on Instagram (size of the interested audience).",
            choices=Popularity,
            default=_MARKET.popularity,
        ),
    ),
    build=Market,
)

POSTING = Shape(
    title="posting",
    description="The account's current posting frequency and usual local posting times.",
    fields=(
        Field(
            "feed_per_week",
            Kind.NUMBER,
            "Feed posts (photos, carousels, videos) per week.",
            minimum=0,
            positive_minimum=MIN_POSTS_PER_WEEK,
            count=True,
            maximum=100,
            default=_POSTING.feed_per_week,
        ),
        Field(
            "reels_per_week",
            Kind.NUMBER,
            "Reels per week.",
            minimum=0,
            positive_minimum=MIN_POSTS_PER_WEEK,
            count=True,
            maximum=100,
            default=_POSTING.reels_per_week,
        ),
        Field(
            "stories_per_week",
            Kind.NUMBER,
            "Stories per week (Instagram allows about 100 a day).",
            minimum=0,
            positive_minimum=MIN_POSTS_PER_WEEK,
            count=True,
            maximum=700,
            default=_POSTING.stories_per_week,
        ),
        Field(
            "times",
            Kind.LIST,
            'Usual local posting times, "HH:MM" (quote them: unquoted 19:30 is a number).',
            items=Field("", Kind.CLOCK_TIME, 'A local time "HH:MM".'),
            max_items=48,
            default=_POSTING.times,
        ),
        Field(
            "unoriginal_share",
            Kind.NUMBER,
            "Share (0 to 1) of the account's photos, carousels and reels of the last 30 days "
            "that are not original (reposts, or others' material with light edits); above "
            "0.5 Instagram recommends none of its posts (originality rule of 30 Apr 2026).",
            minimum=0,
            maximum=1,
            default=_POSTING.unoriginal_share,
        ),
    ),
    build=Posting,
)


def _days(**values: float) -> tuple[float, ...]:
    """A checked ``days:`` mapping as one value per weekday, Monday first."""
    return tuple(values[day] for day in WEEKDAYS)


DAYS = Shape(
    title="days",
    description="Relative activity per weekday; all seven days are required when given.",
    fields=tuple(
        Field(day, Kind.NUMBER, f"Relative activity on {day}.", required=True, minimum=0)
        for day in WEEKDAYS
    ),
    build=_days,
)

FOLLOWER_ACTIVITY = Shape(
    title="follower_activity",
    description='When followers are online (Instagram\'s "Most active times"), relative values.',
    fields=(
        Field(
            "hours",
            Kind.LIST,
            "24 relative values, one per local hour 0..23; only their proportions matter.",
            items=Field("", Kind.NUMBER, "Relative activity in this hour.", minimum=0),
            min_items=24,
            max_items=24,
            needs_positive=True,
            default=_ACTIVITY.hours,
        ),
        Field(
            "days",
            Kind.MAPPING,
            "Relative activity per weekday, keys mon..sun.",
            shape=DAYS,
            needs_positive=True,
            default=dict(zip(WEEKDAYS, _ACTIVITY.days, strict=True)),
        ),
    ),
    build=FollowerActivity,
)

REPORT = Shape(
    title="report",
    description="An agency's branding of the client report (`igalgo report`).",
    fields=(
        Field(
            "agency",
            Kind.TEXT,
            "The agency's name, shown at the top of the report.",
            max_length=100,
        ),
        Field(
            "logo",
            Kind.TEXT,
            "A logo image (PNG, JPEG, GIF, WebP or SVG, at most 1 MiB), relative to this "
            "profile's directory; it is embedded in the report.",
            max_length=1000,
        ),
        Field(
            "accent",
            Kind.COLOUR,
            'The accent colour of headings and charts, "#RRGGBB" (quoted).',
        ),
    ),
    build=Branding,
)

Language = StrEnum("Language", {code.upper(): code for code in LANGUAGES})  # type: ignore[misc]  # the functional API: one member per shipped catalog
"""The languages a profile may name: those igalgo speaks (:data:`igalgo.language.LANGUAGES`)."""

PROFILE = Shape(
    title="igalgo account profile",
    description="One Instagram account: who it is, its market, its posting habits, its followers.",
    fields=(
        Field("name", Kind.TEXT, "The account's display name.", required=True, max_length=100),
        Field(
            "account_type",
            Kind.CHOICE,
            "Instagram account kind; personal connections are ranked first in Feed.",
            choices=AccountType,
            default=_ACCOUNT_DEFAULTS["account_type"],
        ),
        Field(
            "followers",
            Kind.INTEGER,
            "Number of followers, a whole number.",
            required=True,
            minimum=0,
            maximum=1_000_000_000,
        ),
        Field(
            "timezone",
            Kind.TIMEZONE,
            "IANA time-zone name (e.g. Europe/Amsterdam); local times are in this zone.",
            default=_ACCOUNT_DEFAULTS["timezone"],
        ),
        Field("market", Kind.MAPPING, MARKET.description, shape=MARKET),
        Field("posting", Kind.MAPPING, POSTING.description, shape=POSTING),
        Field(
            "follower_activity",
            Kind.MAPPING,
            FOLLOWER_ACTIVITY.description,
            shape=FOLLOWER_ACTIVITY,
        ),
        Field("interaction", Kind.MAPPING, INTERACTION.description, shape=INTERACTION),
        Field("calibration", Kind.MAPPING, CALIBRATION.description, shape=CALIBRATION),
        Field("report", Kind.MAPPING, REPORT.description, shape=REPORT),
        Field("capacity", Kind.MAPPING, CAPACITY.description, shape=CAPACITY),
        Field(
            "language",
            Kind.CHOICE,
            "The language of this account's reports (e.g. a client's `igalgo report` in Dutch): "
            "`en` or `nl`; `--lang` overrides it, and without it the reader's IGALGO_LANG or "
            "locale chooses.",
            choices=Language,
        ),
        Field("gates", Kind.MAPPING, GATES.description, shape=GATES),
    ),
)


def _window(**values: date) -> Window:
    """A checked ``window:`` mapping (``from`` is a Python keyword: the days come by name)."""
    return Window(values["from"], values["to"])


WINDOW = Shape(
    title="window",
    description="The local days an undated draft must go out in, both included; igalgo chooses "
    "the day and hour.",
    fields=(
        Field("from", Kind.DATE, 'First day, "YYYY-MM-DD".', required=True),
        Field("to", Kind.DATE, 'Last day, "YYYY-MM-DD", on or after `from`.', required=True),
    ),
    build=_window,
)

_DURATION_FORMATS = frozenset(
    fmt for fmt in Format if DEFAULT_LIMITS.max_duration_s(fmt) is not None
)

DRAFT = Shape(
    title="draft",
    description="One planned post.",
    fields=(
        Field(
            "id",
            Kind.TEXT,
            "Your name for the draft, unique in the file; results refer to it.",
            required=True,
            max_length=100,
        ),
        Field("format", Kind.CHOICE, "What kind of post it is.", required=True, choices=Format),
        Field(
            "publish_at",
            Kind.DATETIME,
            'When it goes live: "YYYY-MM-DD HH:MM" local time in the account\'s zone, '
            'ISO 8601 with an offset ("2026-12-01T19:30:00+01:00"), or a weekday and time '
            '("tue 19:30": the next Tuesday after today at 19:30 in the account\'s zone; the '
            "report says which date). Optional: without it "
            "igalgo chooses the hour (`score`: the best one of the coming week; `plan`: a slot "
            "of the planned weeks), and `plan` keeps a dated draft at its time.",
        ),
        Field("window", Kind.MAPPING, WINDOW.description, shape=WINDOW),
        Field(
            "caption",
            Kind.TEXT,
            "The caption text.",
            max_length=DEFAULT_LIMITS.max_caption_chars,
            multiline=True,
            default=_DRAFT_DEFAULTS["caption"],
        ),
        Field(
            "hashtags",
            Kind.LIST,
            "Hashtags, with or without the leading #.",
            items=Field("", Kind.HASHTAG, "One hashtag without spaces.", max_length=100),
            max_items=DEFAULT_LIMITS.max_hashtags,
            default=_DRAFT_DEFAULTS["hashtags"],
        ),
        Field("location", Kind.TEXT, "Tagged location, if any.", max_length=100),
        Field(
            "audio",
            Kind.CHOICE,
            "The sound on a reel, video or story.",
            choices=Audio,
            default=_DRAFT_DEFAULTS["audio"],
            formats=frozenset({Format.REEL, Format.VIDEO, Format.STORY}),
        ),
        Field(
            "duration_s",
            Kind.NUMBER,
            "Length in seconds; required for reels and videos, for a story only if it is a video.",
            minimum=1,
            formats=_DURATION_FORMATS,
            required_for=frozenset({Format.REEL, Format.VIDEO}),
            maximum_for=DEFAULT_LIMITS.max_duration_s,
        ),
        Field(
            "slides",
            Kind.INTEGER,
            "Number of photos and videos in a carousel.",
            minimum=DEFAULT_LIMITS.carousel_min_slides,
            maximum=DEFAULT_LIMITS.carousel_max_slides,
            formats=frozenset({Format.CAROUSEL}),
            required_for=frozenset({Format.CAROUSEL}),
        ),
        Field(
            "quality",
            Kind.CHOICE,
            "Production quality of the media (resolution, sharpness, lighting).",
            choices=Quality,
            default=_DRAFT_DEFAULTS["quality"],
        ),
        Field(
            "watermark",
            Kind.BOOLEAN,
            "True when a visible watermark of another app is on the media.",
            default=_DRAFT_DEFAULTS["watermark"],
        ),
        Field(
            "muted",
            Kind.BOOLEAN,
            "True when the reel, video or story has no sound (replaces `audio: none`).",
            default=_DRAFT_DEFAULTS["muted"],
            formats=frozenset({Format.REEL, Format.VIDEO, Format.STORY}),
        ),
        Field(
            "borders",
            Kind.BOOLEAN,
            "True when the media sits inside borders (letterboxed or framed).",
            default=_DRAFT_DEFAULTS["borders"],
        ),
        Field(
            "text_heavy",
            Kind.BOOLEAN,
            "True when text covers most of the media.",
            default=_DRAFT_DEFAULTS["text_heavy"],
        ),
        Field(
            "reposted",
            Kind.BOOLEAN,
            "True when the media has already been posted on Instagram.",
            default=_DRAFT_DEFAULTS["reposted"],
        ),
        Field(
            "music",
            Kind.BOOLEAN,
            "True when a photo or carousel carries music: it may then be shown in the Reels tab.",
            default=_DRAFT_DEFAULTS["music"],
            formats=frozenset({Format.PHOTO, Format.CAROUSEL}),
        ),
        Field(
            "origin",
            Kind.CHOICE,
            "Whose material it is: `original` (yours), `edited` (someone else's with light "
            "edits: a border, a speed change, a credit) or `repost` (someone else's as it is).",
            choices=Origin,
            default=_DRAFT_DEFAULTS["origin"],
        ),
        Field(
            "status",
            Kind.CHOICE,
            "Where the client's approval is: `draft`, `in_review` or `approved`; "
            "`igalgo score --require-approved` fails on a dated draft that is not approved, and "
            "`igalgo plan` marks it tentative.",
            choices=Approval,
        ),
        Field("approved_by", Kind.TEXT, "Who approved the draft, as written.", max_length=100),
    ),
    exclusive=(("publish_at", "window"),),
)

DRAFTS_FILE = Shape(
    title="igalgo drafts file",
    description="The account and the drafts to score or plan for it.",
    fields=(
        Field(
            "account",
            Kind.ACCOUNT,
            "A shipped profile name (see `igalgo profiles`), a path relative to this file, "
            "or the profile inline; `--account` on the command line overrides it.",
            required=True,
            shape=PROFILE,
        ),
        Field(
            "drafts",
            Kind.LIST,
            "The drafts, in any order.",
            required=True,
            items=Field("", Kind.MAPPING, DRAFT.description, shape=DRAFT),
            min_items=1,
        ),
    ),
)


class ErrorCode(StrEnum):
    """Stable ids of the problems the loader reports (``error[CODE]``)."""

    FILE_NOT_FOUND = "file-not-found"
    IS_DIRECTORY = "is-directory"
    UNREADABLE = "unreadable"
    FILE_TOO_LARGE = "file-too-large"
    NOT_UTF8 = "not-utf8"
    EMPTY_FILE = "empty-file"
    YAML_SYNTAX = "yaml-syntax"
    MULTIPLE_DOCUMENTS = "multiple-documents"
    TOO_DEEP = "too-deep"
    TOO_MANY_NODES = "too-many-nodes"
    ALIAS_CYCLE = "alias-cycle"
    UNSUPPORTED_YAML = "unsupported-yaml"
    DUPLICATE_KEY = "duplicate-key"
    UNKNOWN_KEY = "unknown-key"
    MISSING_KEY = "missing-key"
    NOT_ALLOWED = "not-allowed"
    WRONG_TYPE = "wrong-type"
    AMBIGUOUS_NUMBER = "ambiguous-number"
    OUT_OF_RANGE = "out-of-range"
    WRONG_LENGTH = "wrong-length"
    ALL_ZERO = "all-zero"
    EMPTY_VALUE = "empty-value"
    TOO_LONG = "too-long"
    UNKNOWN_VALUE = "unknown-value"
    INVALID_TIMEZONE = "invalid-timezone"
    INVALID_TIME = "invalid-time"
    INVALID_DATETIME = "invalid-datetime"
    INVALID_DATE = "invalid-date"
    NONEXISTENT_TIME = "nonexistent-time"
    INVALID_HASHTAG = "invalid-hashtag"
    INVALID_COLOUR = "invalid-colour"
    DUPLICATE_ID = "duplicate-id"
    UNKNOWN_ACCOUNT = "unknown-account"
    WRONG_FILE_KIND = "wrong-file-kind"
    ACCOUNT_OUTSIDE = "account-outside"
    CONTROL_CHARACTER = "control-character"
    NOT_A_FILE = "not-a-file"
    INCONSISTENT_VALUES = "inconsistent-values"


ERROR_CODE_MEANINGS: dict[ErrorCode, str] = {
    ErrorCode.FILE_NOT_FOUND: "The file does not exist (and is not a shipped profile name).",
    ErrorCode.IS_DIRECTORY: "The path is a directory, not a file.",
    ErrorCode.UNREADABLE: "The file exists but cannot be read (permissions, I/O error).",
    ErrorCode.FILE_TOO_LARGE: f"The file is larger than {MAX_INPUT_BYTES:,} bytes (1 MiB).",
    ErrorCode.NOT_UTF8: "The file contains bytes that are not UTF-8 (a UTF-8 BOM is fine).",
    ErrorCode.EMPTY_FILE: "The file is empty or holds only comments.",
    ErrorCode.YAML_SYNTAX: "The text is not valid YAML.",
    ErrorCode.MULTIPLE_DOCUMENTS: "The file holds more than one YAML document (`---`).",
    ErrorCode.TOO_DEEP: f"Collections are nested more than {MAX_DEPTH} levels deep.",
    ErrorCode.TOO_MANY_NODES: (
        f"The document has, or expands through aliases to, more than {MAX_NODES:,} values "
        '(an alias bomb, "billion laughs").'
    ),
    ErrorCode.ALIAS_CYCLE: "An alias refers to a collection that contains the alias itself.",
    ErrorCode.UNSUPPORTED_YAML: "A YAML feature igalgo does not accept: merge keys `<<`, "
    "keys that are lists or mappings.",
    ErrorCode.DUPLICATE_KEY: "The same key appears twice in one mapping.",
    ErrorCode.UNKNOWN_KEY: "A key that the format does not have (with a did-you-mean).",
    ErrorCode.MISSING_KEY: "A required key is absent.",
    ErrorCode.NOT_ALLOWED: "A key that the draft's format cannot have (`slides` on a photo).",
    ErrorCode.WRONG_TYPE: "A value of the wrong type, including YAML 1.1 surprises: unquoted "
    "`19:30` is an integer, `no`/`on` are booleans, `1e3` is text, an empty value is null.",
    ErrorCode.AMBIGUOUS_NUMBER: "A number that YAML 1.1 reads differently than it looks: "
    "`0700` is octal 448, `1:30` is base-60 90; and a count written with a thousands "
    "separator (`25.000` is 25.0, `1.200.000` and `25,000` are text), refused with the "
    "number meant.",
    ErrorCode.OUT_OF_RANGE: "A number outside its allowed range (or not finite), or a date "
    f"outside the supported range, {SUPPORTED_DATES}.",
    ErrorCode.WRONG_LENGTH: "A list with too few or too many items.",
    ErrorCode.ALL_ZERO: "Relative values that are all zero (nobody would ever be online).",
    ErrorCode.EMPTY_VALUE: "An empty text where a value is needed.",
    ErrorCode.TOO_LONG: "A text longer than its limit.",
    ErrorCode.UNKNOWN_VALUE: "A value outside the allowed list (with a did-you-mean).",
    ErrorCode.INVALID_TIMEZONE: "Not an IANA time-zone name.",
    ErrorCode.INVALID_TIME: 'Not a local clock time "HH:MM" (unquoted 19:30 is a number).',
    ErrorCode.INVALID_DATETIME: 'Not a quoted "YYYY-MM-DD HH:MM" nor ISO 8601 with an offset.',
    ErrorCode.NONEXISTENT_TIME: "A local time skipped by a daylight-saving change.",
    ErrorCode.INVALID_HASHTAG: "A hashtag with spaces or more than one `#`.",
    ErrorCode.INVALID_COLOUR: 'Not a colour "#RRGGBB" (quote it: unquoted `#` starts a '
    "YAML comment).",
    ErrorCode.DUPLICATE_ID: "Two drafts with the same id.",
    ErrorCode.WRONG_FILE_KIND: "A profile where a drafts file is expected (`igalgo score`, "
    "`plan --drafts`), or a drafts file where a profile is (`--account`, `account:`); the "
    "message says which command or option takes it.",
    ErrorCode.UNKNOWN_ACCOUNT: "The drafts file's account is neither a file nor a shipped profile "
    "(or is `-`: standard input is named on the command line only).",
    ErrorCode.ACCOUNT_OUTSIDE: "With `--confine-accounts`: the drafts file's account is a path "
    "outside the drafts file's directory and the `--profiles` folder; or a profile found in the "
    "`--profiles` folder leads out of it through a link.",
    ErrorCode.CONTROL_CHARACTER: "Text with a control character (an escape sequence, a "
    "bidirectional override, a line separator) that could drive a terminal it is shown on.",
    ErrorCode.NOT_A_FILE: "The path is not a regular file (a FIFO, a device, a socket); pass "
    "such input on standard input (`-`).",
    ErrorCode.INVALID_DATE: 'Not a date "YYYY-MM-DD" (quoted or not), or a day the calendar '
    "does not have.",
    ErrorCode.INCONSISTENT_VALUES: "Values that contradict each other: a calibration's first "
    "post after its last, or more posts in its formats than in all.",
}
"""What each error code means, for the reference docs."""
