"""The default model against Instagram's rules and statements of 2024-2026 (targets T21-T27 of
docs/sources.md): one test per target, named after its id, and the direction of each new draft
flag. Small sample counts where the statistic allows, to keep the file fast."""

from __future__ import annotations

import statistics
from dataclasses import replace

import pytest

from igalgo.domain import Audio, Draft, Format, Niche, Quality, Surface
from tests.engine_helpers import at_slots, make_account, make_draft, score

FLAGS = ("muted", "borders", "text_heavy", "reposted")
"""The draft flags Meta names as shown less (sources.md §8)."""


def medians(draft: Draft, followers: int = 15_000, samples: int = 600) -> dict[Surface, float]:
    """Median reach per surface of ``draft`` for a mid-sized creator."""
    (estimate,) = score(make_account(followers, 0.015), [draft], samples=samples)
    return {surface: s.reach.p50 for surface, s in estimate.surfaces.items()}


@pytest.mark.parametrize("fmt", [Format.REEL, Format.PHOTO, Format.STORY])
def test_t22_no_reach_bonus_without_evidence(fmt: Format) -> None:
    def close(first: Draft, second: Draft) -> None:
        a, b = medians(first), medians(second)
        for surface in Surface:
            if b[surface] > 0:
                assert abs(a[surface] / b[surface] - 1.0) < 0.05, (fmt, surface, a, b)

    close(make_draft(fmt, audio=Audio.TRENDING), make_draft(fmt, audio=Audio.LICENSED))
    close(make_draft(fmt, quality=Quality.HIGH), make_draft(fmt, quality=Quality.STANDARD))


def test_t22_low_quality_watermark_and_muted_stay_penalties() -> None:
    plain = medians(make_draft(Format.REEL))
    for changed in (
        make_draft(Format.REEL, quality=Quality.LOW),
        make_draft(Format.REEL, watermark=True),
        make_draft(Format.REEL, muted=True),
    ):
        assert medians(changed)[Surface.REELS] < 0.8 * plain[Surface.REELS], changed
