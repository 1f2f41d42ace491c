"""How problems in an input read: values described as YAML 1.1 sees them, and hints.

The number hints explain the YAML 1.1 readings that surprise: unquoted ``19:30`` is the
base-60 integer 1170, ``1e3`` is text, ``0700`` is octal.

Used by the checks (:mod:`igalgo.inputs.checks`, :mod:`igalgo.inputs.value_checks`) and by the
loader for its own messages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from igalgo.inputs.calibration_format import STORY_CALIBRATION
from igalgo.inputs.declarations import Field, Kind, Shape
from igalgo.inputs.formats import PROFILE, ErrorCode
from igalgo.inputs.nodes import (
    BOOL_TAG,
    FLOAT_TAG,
    INT_TAG,
    NULL_TAG,
    STR_TAG,
    TAG_PREFIX,
    TIMESTAMP_TAG,
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
)
from igalgo.language import N_, Text, tr

TEXT_KINDS: Final = frozenset(
    {
        Kind.TEXT,
        Kind.CHOICE,
        Kind.CLOCK_TIME,
        Kind.TIMEZONE,
        Kind.HASHTAG,
        Kind.COLOUR,
        Kind.DATETIME,
        Kind.DATE,
    }
)
"""The kinds whose value is written as YAML text."""

TYPE_CODES: Final = {
    Kind.CLOCK_TIME: ErrorCode.INVALID_TIME,
    Kind.DATETIME: ErrorCode.INVALID_DATETIME,
    Kind.DATE: ErrorCode.INVALID_DATE,
}
"""Times of the wrong type (typically unquoted 19:30, an integer) get the time's own code."""

EXPECTED: Final = {
    Kind.TEXT: N_("text"),
    Kind.CHOICE: N_("one of the listed words"),
    Kind.CLOCK_TIME: N_('a quoted time "HH:MM"'),
    Kind.TIMEZONE: N_("a time-zone name"),
    Kind.HASHTAG: N_("a hashtag"),
    Kind.COLOUR: N_('a quoted colour "#RRGGBB"'),
    Kind.DATETIME: N_('a quoted date and time "YYYY-MM-DD HH:MM"'),
    Kind.DATE: N_('a quoted date "YYYY-MM-DD"'),
    Kind.INTEGER: N_("a whole number"),
    Kind.NUMBER: N_("a number"),
    Kind.BOOLEAN: N_("true or false"),
    Kind.LIST: N_("a list"),
    Kind.MAPPING: N_("a mapping of `key: value` lines"),
    Kind.ACCOUNT: N_("a profile name, a path or a mapping"),
    Kind.REACH: N_("a number of accounts or a percentage of followers (15%)"),
}


def shown(value: object, limit: int = 40) -> str:
    """A value as one short line for messages: control characters escaped, long text cut."""
    try:
        text = str(value)
    except ValueError:  # an integer too long to print
        return "a very long number"
    text = "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def quoted(text: str) -> str:
    """A user's text in quotes for messages, shortened to one line."""
    return repr(text if len(text) <= 40 else text[:37] + "...")


def describe(node: Node) -> str:
    """How a value reads to YAML 1.1, for messages: ``integer 1170``, ``text 'abc'``."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    raw = node.text
    raw_shown = shown(raw)
    tag = node.tag
    value = node.value
    if tag == NULL_TAG:
        return "an empty value (null)"
    if tag in (BOOL_TAG, INT_TAG, FLOAT_TAG) and value is None:
        return f"{raw_shown!r} tagged {tag.removeprefix(TAG_PREFIX)} but not readable as one"
    if tag == BOOL_TAG:
        return f"boolean {str(value).lower()} (from {raw_shown})"
    if tag == INT_TAG:
        text = shown(value)
        return f"integer {text}" + (f" (from {raw_shown})" if text != raw else "")
    if tag == FLOAT_TAG:
        return f"number {raw_shown}"
    if tag == TIMESTAMP_TAG:
        return f"date {raw_shown}"
    if tag == STR_TAG:
        return f"text {quoted(raw)}"
    return f"a value tagged {shown(tag)}"


def type_hint(node: Node, declared: Field) -> str | None:
    """What to write instead, for the common ways a value ends up with the wrong type."""
    kind = declared.kind
    if isinstance(node, ScalarNode) and node.tag == NULL_TAG:
        return "the value is empty: write one, or remove the key to use its default"
    if kind is Kind.DATE:
        return "write the day as YYYY-MM-DD, e.g. 2025-01-07"
    if kind in TEXT_KINDS and isinstance(node, ScalarNode):
        raw = node.text
        if node.tag == INT_TAG and ":" in raw:
            return tr('unquoted {raw} is a base-60 number in YAML 1.1; quote it: "{raw}"', raw=raw)
        if node.tag == BOOL_TAG:
            return tr('unquoted {raw} is a boolean in YAML 1.1; quote it: "{raw}"', raw=raw)
        if node.tag in (INT_TAG, FLOAT_TAG, TIMESTAMP_TAG) and raw.isprintable():
            return tr('quote it: "{raw}"', raw=raw)
        return None
    if kind in (Kind.INTEGER, Kind.NUMBER) and isinstance(node, ScalarNode):
        return number_hint(node)
    if kind is Kind.BOOLEAN:
        return "write true or false"
    if kind is Kind.LIST:
        return f"write a list, e.g. {declared.name or 'key'}: [a, b], or one `- item` per line"
    if kind is Kind.MAPPING:
        return "write `key: value` lines indented under the key"
    return None


def number_hint(node: ScalarNode) -> str | None:
    """What to write instead of a scalar that is not the number it looks like."""
    raw = node.text.strip()
    if node.tag == BOOL_TAG:
        return "write a number"
    if node.tag != STR_TAG:
        return None
    if node.style in ("'", '"') and looks_numeric(raw):
        return "remove the quotes: a quoted value is text"
    if re.fullmatch(r"[-+]?[0-9]+(\.[0-9]*)?[eE][-+]?[0-9]+", raw):
        return (
            f"YAML 1.1 reads {raw} as text (a float needs a dot and a signed exponent, "
            f"like 1.0e+3); write {show_number(float(raw)).replace(',', '')} out in full"
        )
    if raw.endswith("%") and looks_numeric(raw[:-1]):
        return f"write a percentage as a fraction: {raw} is {float(raw[:-1]) / 100:g}"
    if re.fullmatch(r"[-+]?[0-9]{1,3}([,. ][0-9]{3})+", raw):
        return "write the digits without thousands separators, e.g. 4200"
    return None


_GROUPED_COUNT = re.compile(r"[-+]?[1-9][0-9]{0,2}([.,\u00a0\u202f' ])[0-9]{3}(?:\1[0-9]{3})*")
"""A count written with a thousands separator: ``25.000``, ``1.200.000``, ``25,000``,
``25 000`` (the separator the same all through)."""


def thousands_trap(node: ScalarNode, *, fractions: bool = False) -> tuple[str, str] | None:
    """``(message, hint)`` for a count written with a thousands separator, which YAML reads
    as a small decimal number (``25.000`` is 25.0) or as text (``1.200.000``, ``25,000``);
    None for any other scalar. ``fractions``: the count may have a fraction (posts per
    week), and the hint says how to write one."""
    raw = node.text.strip()
    if node.tag not in (INT_TAG, FLOAT_TAG, STR_TAG) or not _GROUPED_COUNT.fullmatch(raw):
        return None
    meant = re.sub(r"[^0-9]", "", raw)
    if raw.startswith("-"):
        meant = "-" + meant
    reading: Text
    if node.tag == FLOAT_TAG and isinstance(node.value, float):
        reading = tr("the decimal number {value}", value=f"{node.value:g}")
    elif node.tag == INT_TAG:
        reading = tr("the number {value}", value=shown(node.value))
    else:
        reading = tr("quoted text") if node.style in ("'", '"') else tr("text")
    hint = tr("did you mean {meant}? write counts without thousands separators", meant=meant)
    if fractions and node.tag == FLOAT_TAG and isinstance(node.value, float):
        hint = tr(
            "did you mean {meant}? write counts without thousands separators, and {value} as "
            "{value}",
            meant=meant,
            value=f"{node.value:g}",
        )
    return (
        tr(
            "{raw} looks like a count with a thousands separator, which YAML reads as {reading}",
            raw=shown(raw),
            reading=reading,
        ),
        hint,
    )


def show_number(number: float) -> str:
    """A number for messages: 1,000,000 rather than 1e+06; 0.012 stays 0.012."""
    if float(number).is_integer() and abs(number) < 1e15:
        return f"{int(number):,}"
    return f"{number:g}"


def looks_numeric(text: str) -> bool:
    """True when ``float()`` reads ``text``."""
    try:
        float(text)
    except ValueError:
        return False
    return True


def length_hint(declared: Field) -> str | None:
    """Why a list must have the length it is declared with, where that helps."""
    if declared.min_items == declared.max_items == 24:
        return "one value per local hour, 0 to 23"
    if declared.name == "hashtags":
        return (
            "Instagram allows at most that many hashtags since 19 Dec 2025 (docs/sources.md "
            "T26); they help search, not reach: keep the most relevant ones"
        )
    return None


def unknown_key_hint(name: str, shape: Shape) -> str:
    """A did-you-mean for an unknown key, or the keys ``shape`` knows."""
    if shape is STORY_CALIBRATION and name == "appeal_log_sd":
        return "a story's reach reads no appeal spread: stories keep the model's; remove it"
    close = close_matches(name, shape.names, n=1, cutoff=0.6)
    if close:
        return tr("did you mean `{key}`?", key=close[0])
    if name == "drafts" and shape is PROFILE:
        return "this looks like a drafts file; its profile goes under `account:`"
    return tr("known keys: {keys}", keys=", ".join(shape.names))


def close_matches(
    word: str, candidates: Sequence[str], *, n: int, cutoff: float = 0.6
) -> list[str]:
    """difflib's close matches, imported only when an error needs a suggestion."""
    import difflib

    return difflib.get_close_matches(word, candidates, n=n, cutoff=cutoff)
