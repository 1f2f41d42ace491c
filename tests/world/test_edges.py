"""Edge cases: every valid input gives finite, non-negative, ordered numbers."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from igalgo.domain import (
    AccountType,
    Audio,
    DraftEstimate,
    FollowerActivity,
    Format,
    Popularity,
    Quality,
    Quantiles,
    Surface,
)
from igalgo.engine.settings import EngineSettings
from igalgo.world.model import score_drafts
from tests.engine_helpers import WEDNESDAY_19H, make_account, make_draft, score

ALL_FORMATS = [make_draft(fmt) for fmt in Format]


def check_quantiles(quantiles: Quantiles) -> None:
    values = (quantiles.p10, quantiles.p50, quantiles.p90, quantiles.mean)
    assert all(math.isfinite(v) and v >= 0.0 for v in values), quantiles
    assert quantiles.p10 <= quantiles.p50 <= quantiles.p90, quantiles


def check(estimate: DraftEstimate) -> None:
    assert set(estimate.surfaces) == set(Surface)
    for surface, part in estimate.surfaces.items():
        assert part.surface is surface
        check_quantiles(part.reach)
        assert math.isfinite(part.followers) and part.followers >= 0.0
        assert math.isfinite(part.non_followers) and part.non_followers >= 0.0
    check_quantiles(estimate.total)
    for value in [
        *vars(estimate.actions.typical).values(),
        *vars(estimate.actions.expected).values(),
    ]:
        assert math.isfinite(value) and value >= 0.0


def test_zero_followers() -> None:
    account = make_account(0, 0.02)
    for estimate in score(account, ALL_FORMATS, compete=True):
        check(estimate)
        assert estimate.surfaces[Surface.FEED].followers == 0.0
        assert estimate.surfaces[Surface.STORIES].reach.p90 == 0.0


def test_zero_followers_can_still_be_recommended() -> None:
    # A new account's reel still gets a test audience of non-followers (cold start).
    reel = score(make_account(0, 0.02), [make_draft(Format.REEL)])[0]
    assert reel.surfaces[Surface.REELS].reach.p50 > 0.0


def test_zero_engagement() -> None:
    for estimate in score(make_account(5_000, 0.0), ALL_FORMATS, compete=True):
        check(estimate)
    photo = score(make_account(5_000, 0.0), [make_draft()])[0]
    assert photo.actions.expected.likes == photo.actions.typical.likes == 0.0
    assert photo.surfaces[Surface.FEED].reach.p50 > 0.0  # people still see it


def test_extreme_engagement_rate() -> None:
    for estimate in score(make_account(300, 1.0, AccountType.PERSONAL), ALL_FORMATS):
        check(estimate)
        assert estimate.surfaces[Surface.FEED].followers <= 300


def test_all_zero_activity_is_treated_as_flat() -> None:
    silent = FollowerActivity(hours=(0.0,) * 24, days=(0.0,) * 7)
    flat = FollowerActivity(hours=(1.0,) * 24, days=(1.0,) * 7)
    zero_estimates = score(make_account(5_000, 0.02, activity=silent), ALL_FORMATS)
    flat_estimates = score(make_account(5_000, 0.02, activity=flat), ALL_FORMATS)
    for zero, same in zip(zero_estimates, flat_estimates, strict=True):
        check(zero)
        assert zero.surfaces == same.surfaces


@pytest.mark.parametrize("followers", [1_000_000, 25_000_000])
def test_millions_of_followers(followers: int) -> None:
    account = make_account(followers, 0.004, AccountType.BUSINESS, popularity=Popularity.HIGH)
    for estimate in score(account, ALL_FORMATS, compete=True):
        check(estimate)
        for part in estimate.surfaces.values():
            assert part.followers <= followers


def test_story_at_three_in_the_morning() -> None:
    night = make_draft(Format.STORY, at=WEDNESDAY_19H.replace(hour=3))
    evening = make_draft(Format.STORY)
    night_estimate, evening_estimate = score(make_account(5_000, 0.02), [night, evening])
    check(night_estimate)
    assert night_estimate.surfaces[Surface.STORIES].reach.p50 > 0.0
    # Stories live 24 h, so a night story loses less than a night feed post.
    assert night_estimate.surfaces[Surface.STORIES].reach.p50 <= (
        evening_estimate.surfaces[Surface.STORIES].reach.p50
    )


def test_odd_drafts() -> None:
    account = make_account(2_000, 0.02)
    drafts = [
        make_draft(Format.REEL, duration_s=None),
        make_draft(Format.REEL, duration_s=0.5, audio=Audio.NONE, quality=Quality.LOW),
        make_draft(Format.REEL, duration_s=10_000.0, watermark=True),
        make_draft(Format.VIDEO, duration_s=3_600.0),
        make_draft(Format.CAROUSEL, slides=20, caption="?" * 2_200),
        make_draft(Format.PHOTO, hashtags=tuple(str(i) for i in range(60))),
        make_draft(Format.STORY, duration_s=60.0),
    ]
    drafts = [replace(d, id=str(i)) for i, d in enumerate(drafts)]
    for estimate in score(account, drafts, compete=True):
        check(estimate)


def test_many_drafts_at_the_same_minute() -> None:
    drafts = [replace(make_draft(fmt), id=f"{fmt}-{i}") for i in range(6) for fmt in Format]
    for estimate in score(make_account(5_000, 0.02), drafts, compete=True):
        check(estimate)


def test_one_sample_and_no_drafts() -> None:
    account = make_account(5_000, 0.02)
    assert score_drafts(account, []) == []
    for estimate in score_drafts(account, ALL_FORMATS, settings=EngineSettings(samples=1)):
        check(estimate)
    with pytest.raises(ValueError, match="samples"):
        score_drafts(account, ALL_FORMATS, settings=EngineSettings(samples=0))


def test_ineligible_surfaces_are_flagged_with_zero_reach() -> None:
    estimates = score(make_account(5_000, 0.02), ALL_FORMATS)
    for estimate in estimates:
        fmt = estimate.draft.format
        for surface, part in estimate.surfaces.items():
            expected = (
                surface
                in {
                    Format.PHOTO: {Surface.FEED, Surface.EXPLORE},
                    Format.CAROUSEL: {Surface.FEED, Surface.EXPLORE},
                    Format.VIDEO: {Surface.FEED, Surface.EXPLORE},
                    Format.REEL: {Surface.FEED, Surface.EXPLORE, Surface.REELS},
                    Format.STORY: {Surface.STORIES},
                }[fmt]
            )
            assert part.eligible is expected
            if not expected:
                assert part.reach == Quantiles(0.0, 0.0, 0.0, 0.0)
                assert part.followers == part.non_followers == 0.0


def test_results_come_back_in_draft_order() -> None:
    drafts = [replace(make_draft(fmt), id=f"d{i}") for i, fmt in enumerate(Format)]
    estimates = score(make_account(5_000, 0.02), list(reversed(drafts)), compete=True)
    assert [e.draft.id for e in estimates] == [d.id for d in reversed(drafts)]
