"""How igalgo's input formats are declared: the kinds of value, a field, a mapping's shape.

:mod:`igalgo.inputs.formats` and :mod:`igalgo.inputs.calibration_format` declare the profile and
drafts file with these; the loader's checks, the JSON Schemas and docs/formats.md read the
declarations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from igalgo.domain import Format


class Kind(StrEnum):
    """What kind of value a field holds; each kind has one check in the loader."""

    TEXT = "text"
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"
    CHOICE = "choice"
    CLOCK_TIME = "clock time"
    DATETIME = "date and time"
    DATE = "date"
    TIMEZONE = "time zone"
    HASHTAG = "hashtag"
    COLOUR = "colour"
    LIST = "list"
    MAPPING = "mapping"
    ACCOUNT = "account"
    REACH = "reach"
    """A gate's least reach: a number of accounts, or a percentage of followers (``15%``)."""


CLOCK_TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
"""A local clock time ``HH:MM``, 24-hour."""

DATETIME_PATTERN = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?"
    r"(Z|[+-][0-9]{2}(:?[0-9]{2})?)?$"
)
"""``YYYY-MM-DD HH:MM`` (seconds optional) in the account's zone, or ISO 8601 with an offset."""

WEEK_TIME_PATTERN = (
    r"^([Mm]on(day)?|[Tt]ue(sday)?|[Ww]ed(nesday)?|[Tt]hu(rsday)?|[Ff]ri(day)?|[Ss]at(urday)?"
    r"|[Ss]un(day)?) ([01][0-9]|2[0-3]):[0-5][0-9]$"
)
"""A time in the coming week: a weekday (``tue`` or ``Tuesday``) and ``HH:MM``."""

REACH_PATTERN = r"^[0-9]+(\.[0-9]+)? ?%$"
"""A gate's reach as a percentage of followers, ``15%``."""

HASHTAG_PATTERN = r"^#?[^\s#]+$"
"""One hashtag: no spaces, at most one leading ``#`` (which the loader strips)."""

COLOUR_PATTERN = r"^#[0-9A-Fa-f]{6}$"
"""A colour as six hexadecimal digits, ``#RRGGBB`` (the report's accent colour)."""

DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
"""A day ``YYYY-MM-DD`` (a window's days are in the account's zone)."""

YAML11_BOOLEAN_WORDS = tuple(
    spelling
    for word in ("yes", "no", "on", "off")
    for spelling in (word, word.capitalize(), word.upper())
)
"""Words that YAML 1.1 (igalgo) reads as booleans and YAML 1.2 (an editor) as text; the
schemas accept them where a boolean is expected, so that both judge ``watermark: yes`` alike.
(``true``/``false`` in their three spellings are booleans in both.)"""


@dataclass(frozen=True)
class Field:
    """One key of a YAML mapping: what it may hold and what it means."""

    name: str
    """The key as written in YAML (for list items: an empty string)."""
    kind: Kind
    description: str
    """One sentence for the docs and the schema."""
    required: bool = False
    default: object = None
    """The value used when the key is absent (None: no default, or the default is "none")."""
    choices: type[StrEnum] | None = None
    """For :attr:`Kind.CHOICE`: the enum whose values are allowed."""
    minimum: float | None = None
    minimum_excluded: bool = False
    """True when a number must be above :attr:`minimum`, not equal to it."""
    maximum: float | None = None
    positive_minimum: float | None = None
    """For numbers: the smallest value above zero allowed (zero itself stays allowed)."""
    max_length: int | None = None
    """For text: the most characters allowed."""
    multiline: bool = False
    """For text: whether line breaks and tabs are allowed (other control characters never
    are, :data:`igalgo.errors.UNSAFE_CHARACTERS`)."""
    items: Field | None = None
    """For :attr:`Kind.LIST`: the declaration of each item."""
    min_items: int = 0
    max_items: int | None = None
    needs_positive: bool = False
    """For lists and mappings of numbers: at least one value must be above zero."""
    count: bool = False
    """For numbers: a count of things (posts per week); every :attr:`Kind.INTEGER` field is
    one too. A count written with a thousands separator (``25.000``, ``25,000``) is refused
    with the number it probably means, never read as 25."""
    shape: Shape | None = None
    """For :attr:`Kind.MAPPING` (and the inline form of :attr:`Kind.ACCOUNT`): its fields."""
    formats: frozenset[Format] | None = None
    """Draft fields only: the formats on which the field may appear (None: all formats)."""
    required_for: frozenset[Format] = frozenset()
    """Draft fields only: the formats on which the field must appear."""
    maximum_for: Callable[[Format], float | None] | None = None
    """Draft fields only: a per-format maximum on top of :attr:`maximum`."""

    @property
    def is_count(self) -> bool:
        """Whether the value counts things: every whole number, and numbers declared
        :attr:`count` (the thousands trap is checked on these)."""
        return self.kind is Kind.INTEGER or self.count


@dataclass(frozen=True)
class Shape:
    """A YAML mapping with a closed set of keys; unknown keys are errors."""

    title: str
    description: str
    fields: tuple[Field, ...]
    exclusive: tuple[tuple[str, ...], ...] = ()
    """Groups of keys of which at most one may be given (the schema says so; the loader's
    own checks report it)."""
    build: Callable[..., Any] = dict
    """What a checked nested mapping of this shape becomes: called with its valid values by
    key name (the default keeps them as a dict)."""

    def field(self, name: str) -> Field | None:
        """The declaration of key ``name``, or None when the key is unknown."""
        for declared in self.fields:
            if declared.name == name:
                return declared
        return None

    @property
    def names(self) -> tuple[str, ...]:
        """All key names, in declaration order."""
        return tuple(declared.name for declared in self.fields)
