"""How advice writes numbers, formats and surfaces, shared by the drivers, the checklist and
the renderers so that every sentence says the same thing the same way.

Plain functions from values to words; nothing here knows about estimates or rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from types import MappingProxyType

from igalgo.domain import ALL_SURFACES, Audio, Format, Surface
from igalgo.language import N_, Number, Text, tr
from igalgo.parameters import Evidence

PLURALS: Mapping[Format, str] = MappingProxyType(
    {
        Format.PHOTO: N_("photos"),
        Format.CAROUSEL: N_("carousels"),
        Format.VIDEO: N_("videos"),
        Format.REEL: N_("reels"),
        Format.STORY: N_("stories"),
    }
)
"""The plural of each format's name, as sentences use it (stories, not storys)."""

FORMAT_NAMES: Mapping[Format, str] = MappingProxyType(
    {
        Format.PHOTO: N_("photo"),
        Format.CAROUSEL: N_("carousel"),
        Format.VIDEO: N_("video"),
        Format.REEL: N_("reel"),
        Format.STORY: N_("story"),
    }
)
"""Each format's name as sentences use it."""

SURFACE_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "feed": N_("feed"),
        "stories": N_("stories"),
        "explore": N_("explore"),
        "reels": N_("reels"),
        "total": N_("total"),
    }
)
"""Each surface (and the total) as sentences name it (Explore is ``verkennen`` in Dutch)."""


CHECKLIST_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "market": N_("market"),
        "strategy": N_("strategy"),
        "profiling": N_("profiling"),
        "timing": N_("timing"),
        "frequency": N_("frequency"),
        "audience_presence": N_("audience_presence"),
        "interaction": N_("interaction"),
        "measuring": N_("measuring"),
        "originality": N_("originality"),
        "ok": N_("ok"),
        "improve": N_("improve"),
        "act": N_("act"),
    }
)
"""The checklist's item ids and statuses as the table shows them (the JSON keeps the ids)."""


def checklist_word(key: str) -> Text:
    """A checklist item id or status, said in the reader's language (ids unknown as is)."""
    return tr(CHECKLIST_NAMES[key]) if key in CHECKLIST_NAMES else tr(key)


def format_word(fmt: Format, count: int = 1) -> Text:
    """``reel`` (``reels`` when ``count`` is not 1), said in the reader's language."""
    return tr(FORMAT_NAMES[fmt] if count == 1 else PLURALS[fmt])


def surface_word(surface: Surface | str) -> Text:
    """``feed``, ``explore`` or ``total``, said in the reader's language."""
    return tr(SURFACE_NAMES[surface.value if isinstance(surface, Surface) else surface])


def effect_words(effect: float) -> Text:
    """A relative change as people say it: ``+41 %`` below doubling, ``6.2x`` or ``200x``
    from there on (``+19,849 %`` says less than ``200x``)."""
    if effect < 1.0:
        return tr("{percent} %", percent=Number(effect * 100, sign=True))
    factor = 1.0 + effect
    return tr("{factor}x", factor=Number(factor, 1 if factor < 10 else 0))


def percent_words(value: float) -> Text:
    """``41 %`` (the report's way of writing a share)."""
    return tr("{percent} %", percent=Number(value * 100))


def count_words(value: float) -> Number:
    """``4,200`` (a count of accounts or actions)."""
    return Number(value)


def drafts_words(part: int, whole: int) -> Text:
    """``1 of 4 drafts``, ``all 3 drafts`` or ``the only draft``."""
    if part == whole:
        return tr("all {whole} drafts", whole=whole) if whole != 1 else tr("the only draft")
    return tr("{part} of {whole} drafts", part=part, whole=whole)


def format_count(count: int, fmt: Format) -> Text:
    """``1 story``, ``3 stories``."""
    return tr("{count} {formats}", count=count, formats=format_word(fmt, count))


def drafts_are_words(count: int, whole: int, fmt: Format) -> Text:
    """``All 3 drafts are reels``, ``1 of the 4 drafts is a story``, ``The only draft is a
    photo``."""
    one, many = format_word(fmt), format_word(fmt, 2)
    if count == whole:
        if count == 2:
            return tr("Both drafts are {formats}", formats=many)
        if count != 1:
            return tr("All {count} drafts are {formats}", count=count, formats=many)
        return tr("The only draft is a {format}", format=one)
    if whole == 1:  # and count == 0
        return tr("The only draft is not a {format}", format=one)
    if count == 0:
        return tr("None of the {whole} drafts is a {format}", whole=whole, format=one)
    if count == 1:
        return tr(
            "{count} of the {whole} drafts is a {format}", count=count, whole=whole, format=one
        )
    return tr("{count} of the {whole} drafts are {formats}", count=count, whole=whole, formats=many)


def weekly_words(count: float, one: str, many: str) -> Text:
    """``1 reel``, ``0.5 reels``, ``3 feed posts`` (a profile's posts per week; ``one`` and
    ``many`` are message ids)."""
    said = Number(count, len(f"{count:g}".partition(".")[2]), grouped=False)
    return tr("{count} {things}", count=said, things=tr(one if count == 1 else many))


def surfaces_words(surfaces: frozenset[Surface]) -> Text:
    """``stories``, ``explore or feed`` (in alphabetical order), ``any surface``."""
    if surfaces >= ALL_SURFACES:
        return tr("any surface")
    names = [surface_word(surface) for surface in sorted(surfaces)]
    said = names[0]
    for name in names[1:]:
        said = tr("{first} or {second}", first=said, second=name)
    return said


def audio_words(audio: Audio) -> Text:
    """How a sound is named in a change sentence: ``no sound``, ``original audio``."""
    if audio is Audio.NONE:
        return tr("no sound")
    return tr("{kind} audio", kind=tr(AUDIO_NAMES.get(audio.value, audio.value)))


AUDIO_NAMES: Mapping[str, str] = MappingProxyType(
    {"original": N_("original"), "trending": N_("trending"), "licensed": N_("licensed")}
)
"""The kinds of sound as sentences name them."""


def seconds_words(seconds: float) -> Text:
    """``25 s`` below two minutes, ``3:00 min`` from there on."""
    if seconds < 120:
        return tr("{seconds} s", seconds=Number(seconds, grouped=False))
    minutes, rest = divmod(round(seconds), 60)
    return tr("{minutes}:{rest} min", minutes=minutes, rest=f"{rest:02d}")


def duration_words(delta: timedelta) -> Text:
    """``30 min`` below two hours, ``5 h`` from there on (a gap between two posts)."""
    minutes = round(delta.total_seconds() / 60)
    if minutes < 120:
        return tr("{minutes} min", minutes=minutes)
    return tr("{hours} h", hours=Number(minutes / 60, grouped=False))


EVIDENCE_WORDS: Mapping[Evidence, str] = MappingProxyType(
    {
        Evidence.FITTED: N_("fitted to your own posts"),
        Evidence.PUBLISHED: N_("a published figure"),
        Evidence.STATED: N_("Instagram states the direction, the size is ours"),
        Evidence.ASSUMED: N_("our assumption"),
    }
)
"""How each grade is said after a piece of advice."""


EVIDENCE_LABELS: Mapping[Evidence, str] = MappingProxyType(
    {
        Evidence.FITTED: N_("fitted to your posts"),
        Evidence.PUBLISHED: N_("published figure"),
        Evidence.STATED: N_("stated by Instagram"),
        Evidence.ASSUMED: N_("our assumption"),
    }
)
"""The short label of each grade beside a driver in the table."""


def evidence_label(grade: Evidence) -> Text:
    """The short label of ``grade`` (``our assumption``)."""
    return tr(EVIDENCE_LABELS[grade])


def evidence_words(grade: Evidence) -> Text:
    """What an effect of ``grade`` rests on, in words (``our assumption``)."""
    return tr(EVIDENCE_WORDS[grade])
