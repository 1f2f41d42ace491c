"""How advice writes numbers, formats and surfaces, shared by the drivers, the checklist and
the renderers so that every sentence says the same thing the same way.

Plain functions from values to words; nothing here knows about estimates or rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from types import MappingProxyType

from igalgo.domain import ALL_SURFACES, Audio, Format, Surface
from igalgo.parameters import Evidence

PLURALS: Mapping[Format, str] = MappingProxyType(
    {
        Format.PHOTO: "photos",
        Format.CAROUSEL: "carousels",
        Format.VIDEO: "videos",
        Format.REEL: "reels",
        Format.STORY: "stories",
    }
)
"""The plural of each format's name, as sentences use it (stories, not storys)."""


def effect_words(effect: float) -> str:
    """A relative change as people say it: ``+41 %`` below doubling, ``6.2x`` or ``200x``
    from there on (``+19,849 %`` says less than ``200x``)."""
    if effect < 1.0:
        return f"{effect * 100:+.0f} %"
    factor = 1.0 + effect
    return f"{factor:.1f}x" if factor < 10 else f"{factor:,.0f}x"


def percent_words(value: float) -> str:
    """``41 %`` (the report's way of writing a share)."""
    return f"{value * 100:.0f} %"


def count_words(value: float) -> str:
    """``4,200`` (a count of accounts or actions)."""
    return f"{value:,.0f}"


def drafts_words(part: int, whole: int) -> str:
    """``1 of 4 drafts``, ``all 3 drafts`` or ``the only draft``."""
    if part == whole:
        return f"all {whole} drafts" if whole != 1 else "the only draft"
    return f"{part} of {whole} drafts"


def format_count(count: int, fmt: Format) -> str:
    """``1 story``, ``3 stories``."""
    return f"{count} {fmt.value if count == 1 else PLURALS[fmt]}"


def drafts_are_words(count: int, whole: int, fmt: Format) -> str:
    """``All 3 drafts are reels``, ``1 of the 4 drafts is a story``, ``The only draft is a
    photo``."""
    if count == whole:
        if count == 2:
            return f"Both drafts are {PLURALS[fmt]}"
        return (
            f"All {count} drafts are {PLURALS[fmt]}"
            if count != 1
            else f"The only draft is a {fmt.value}"
        )
    if whole == 1:  # and count == 0
        return f"The only draft is not a {fmt.value}"
    if count == 0:
        return f"None of the {whole} drafts is a {fmt.value}"
    verb = f"is a {fmt.value}" if count == 1 else f"are {PLURALS[fmt]}"
    return f"{count} of the {whole} drafts {verb}"


def weekly_words(count: float, one: str, many: str) -> str:
    """``1 reel``, ``0.5 reels``, ``3 feed posts`` (a profile's posts per week)."""
    return f"{count:g} {one if count == 1 else many}"


def surfaces_words(surfaces: frozenset[Surface]) -> str:
    """``stories``, ``explore or feed`` (in alphabetical order), ``any surface``."""
    if surfaces >= ALL_SURFACES:
        return "any surface"
    return " or ".join(surface.value for surface in sorted(surfaces))


def audio_words(audio: Audio) -> str:
    """How a sound is named in a change sentence: ``no sound``, ``original audio``."""
    return "no sound" if audio is Audio.NONE else f"{audio.value} audio"


def seconds_words(seconds: float) -> str:
    """``25 s`` below two minutes, ``3:00 min`` from there on."""
    if seconds < 120:
        return f"{seconds:.0f} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d} min"


def duration_words(delta: timedelta) -> str:
    """``30 min`` below two hours, ``5 h`` from there on (a gap between two posts)."""
    minutes = round(delta.total_seconds() / 60)
    if minutes < 120:
        return f"{minutes} min"
    return f"{minutes / 60:.0f} h"


EVIDENCE_WORDS: Mapping[Evidence, str] = MappingProxyType(
    {
        Evidence.FITTED: "fitted to your own posts",
        Evidence.PUBLISHED: "a published figure",
        Evidence.STATED: "Instagram states the direction, the size is ours",
        Evidence.ASSUMED: "our assumption",
    }
)
"""How each grade is said after a piece of advice."""


EVIDENCE_LABELS: Mapping[Evidence, str] = MappingProxyType(
    {
        Evidence.FITTED: "fitted to your posts",
        Evidence.PUBLISHED: "published figure",
        Evidence.STATED: "stated by Instagram",
        Evidence.ASSUMED: "our assumption",
    }
)
"""The short label of each grade beside a driver in the table."""


def evidence_label(grade: Evidence) -> str:
    """The short label of ``grade`` (``our assumption``)."""
    return EVIDENCE_LABELS[grade]


def evidence_words(grade: Evidence) -> str:
    """What an effect of ``grade`` rests on, in words (``our assumption``)."""
    return EVIDENCE_WORDS[grade]
