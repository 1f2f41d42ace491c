"""The words advice writes numbers, formats and durations in."""

from __future__ import annotations

from datetime import timedelta

from igalgo.advice.wording import (
    PLURALS,
    audio_words,
    count_words,
    drafts_are_words,
    drafts_words,
    duration_words,
    effect_words,
    format_count,
    percent_words,
    seconds_words,
    surfaces_words,
    weekly_words,
)
from igalgo.domain import ALL_SURFACES, Audio, Format, Surface


def test_effect_words() -> None:
    assert [effect_words(e) for e in (0.41, 0.02, -0.03, 0.999)] == [
        "+41 %",
        "+2 %",
        "-3 %",
        "+100 %",
    ]
    assert [effect_words(e) for e in (1.0, 5.2, 198.5)] == ["2.0x", "6.2x", "200x"]


def test_every_format_has_a_plural() -> None:
    assert set(PLURALS) == set(Format)
    assert PLURALS[Format.STORY] == "stories"
    assert [format_count(n, Format.STORY) for n in (1, 3)] == ["1 story", "3 stories"]


def test_counts_and_shares() -> None:
    assert (percent_words(0.414), count_words(4200.4)) == ("41 %", "4,200")
    assert [drafts_words(1, 4), drafts_words(3, 3), drafts_words(1, 1)] == [
        "1 of 4 drafts",
        "all 3 drafts",
        "the only draft",
    ]
    assert drafts_are_words(3, 3, Format.REEL) == "All 3 drafts are reels"
    assert drafts_are_words(1, 4, Format.STORY) == "1 of the 4 drafts is a story"
    assert drafts_are_words(1, 1, Format.PHOTO) == "The only draft is a photo"
    assert [weekly_words(n, "reel", "reels") for n in (1, 0.5, 3)] == [
        "1 reel",
        "0.5 reels",
        "3 reels",
    ]


def test_surfaces_sounds_and_durations() -> None:
    assert surfaces_words(ALL_SURFACES) == "any surface"
    assert surfaces_words(frozenset({Surface.EXPLORE, Surface.FEED})) == "explore or feed"
    assert (audio_words(Audio.NONE), audio_words(Audio.TRENDING)) == ("no sound", "trending audio")
    assert [seconds_words(s) for s in (25.0, 119.4, 180.0)] == ["25 s", "119 s", "3:00 min"]
    assert [duration_words(timedelta(minutes=m)) for m in (30, 119, 300)] == [
        "30 min",
        "119 min",
        "5 h",
    ]
