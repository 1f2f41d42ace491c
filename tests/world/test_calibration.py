"""The default model against the published figures of docs/sources.md (calibration targets).

One test per row, named after its id. Ranges are the targets' ranges; each test checks several
accounts (sizes, engagement rates, account types) so that a pass is not a lucky point.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Sequence
from dataclasses import replace

import pytest

from igalgo.domain import (
    Account,
    AccountType,
    Audio,
    Draft,
    FollowerActivity,
    Format,
    Interaction,
    Niche,
    Popularity,
    Surface,
)
from igalgo.engine.settings import EngineSettings
from igalgo.world.model import Simulation
from igalgo.world.params import ModelParams
from tests.engine_helpers import (
    TYPICAL_SLOTS,
    WEDNESDAY_19H,
    at_slots,
    interactions,
    make_account,
    make_draft,
    score,
    shifted,
    typical_rate,
)

SMALL = [(1_000, 0.01), (1_000, 0.03), (4_000, 0.01), (4_000, 0.025)]
"""(followers, engagement rate) of accounts under 5k."""

LARGE = [(150_000, 0.006), (150_000, 0.018), (500_000, 0.006), (500_000, 0.018)]
"""(followers, engagement rate) of accounts over 100k."""

TYPES = [AccountType.CREATOR, AccountType.BUSINESS]


@pytest.mark.parametrize("engagement_rate", [0.01, 0.03])
def test_t1_feed_reach_rate_falls_as_follower_count_grows(engagement_rate: float) -> None:
    rates = [
        typical_rate(make_account(n, engagement_rate), Format.PHOTO, Surface.FEED)
        for n in (1_000, 5_000, 20_000, 100_000, 500_000)
    ]
    assert all(later <= earlier for earlier, later in itertools.pairwise(rates)), rates
    assert rates[-1] < rates[0] * 0.8, rates


@pytest.mark.parametrize("account_type", TYPES)
@pytest.mark.parametrize(("followers", "engagement_rate"), SMALL)
def test_t2_image_feed_reach_rate_under_5k(
    followers: int, engagement_rate: float, account_type: AccountType
) -> None:
    account = make_account(followers, engagement_rate, account_type)
    assert 0.12 <= typical_rate(account, Format.PHOTO, Surface.FEED) <= 0.25


@pytest.mark.parametrize("account_type", TYPES)
@pytest.mark.parametrize(("followers", "engagement_rate"), LARGE)
def test_t3_image_feed_reach_rate_over_100k(
    followers: int, engagement_rate: float, account_type: AccountType
) -> None:
    account = make_account(followers, engagement_rate, account_type)
    assert 0.05 <= typical_rate(account, Format.PHOTO, Surface.FEED) <= 0.15


@pytest.mark.parametrize("account_type", TYPES)
@pytest.mark.parametrize(("followers", "engagement_rate"), SMALL)
def test_t4_story_reach_rate_under_5k(
    followers: int, engagement_rate: float, account_type: AccountType
) -> None:
    account = make_account(followers, engagement_rate, account_type)
    assert 0.05 <= typical_rate(account, Format.STORY, Surface.STORIES) <= 0.12


@pytest.mark.parametrize("account_type", TYPES)
@pytest.mark.parametrize(("followers", "engagement_rate"), LARGE)
def test_t5_story_reach_rate_over_100k(
    followers: int, engagement_rate: float, account_type: AccountType
) -> None:
    account = make_account(followers, engagement_rate, account_type)
    assert 0.025 <= typical_rate(account, Format.STORY, Surface.STORIES) <= 0.08


T6_ACCOUNTS = [
    (4_200, 0.025, AccountType.BUSINESS, Niche.FOOD, Popularity.HIGH),
    (9_400, 0.035, AccountType.CREATOR, Niche.MUSIC, Popularity.MEDIUM),
    (12_500, 0.006, AccountType.BUSINESS, Niche.B2B, Popularity.LOW),
    (38_000, 0.022, AccountType.CREATOR, Niche.FITNESS, Popularity.HIGH),
    (185_000, 0.018, AccountType.CREATOR, Niche.TRAVEL, Popularity.HIGH),
    (1_000_000, 0.006, AccountType.BUSINESS, Niche.FASHION, Popularity.HIGH),
]


@pytest.mark.parametrize(("followers", "rate", "kind", "niche", "popularity"), T6_ACCOUNTS)
def test_t6_reel_reach_is_2_to_12_times_image_reach(
    followers: int, rate: float, kind: AccountType, niche: Niche, popularity: Popularity
) -> None:
    account = make_account(followers, rate, kind, niche, popularity)
    photo, reel = score(
        account, [make_draft(Format.PHOTO), make_draft(Format.REEL, audio=Audio.ORIGINAL)]
    )
    assert 2.0 <= reel.total.p50 / photo.total.p50 <= 12.0


@pytest.mark.parametrize(("followers", "engagement_rate"), [(3_000, 0.02), (40_000, 0.012)])
def test_t7_carousel_reach_and_engagement_at_least_image(
    followers: int, engagement_rate: float
) -> None:
    account = make_account(followers, engagement_rate)
    photo, carousel = score(account, [make_draft(Format.PHOTO), make_draft(Format.CAROUSEL)])
    assert carousel.surfaces[Surface.FEED].reach.p50 >= photo.surfaces[Surface.FEED].reach.p50
    assert carousel.total.p50 >= photo.total.p50
    assert 1.0 <= interactions(carousel) / interactions(photo) <= 1.4


@pytest.mark.parametrize("followers", [20_000, 80_000, 300_000])
def test_t8_brand_interactions_per_follower_per_feed_post(followers: int) -> None:
    # Median brand engagement rate 0.47-0.67 % (Rival IQ): the middle, 0.57 %.
    brand = make_account(followers, 0.0057, AccountType.BUSINESS)
    estimates = score(brand, at_slots(make_draft(Format.PHOTO)))
    per_follower = statistics.median(interactions(e) / followers for e in estimates)
    assert 0.003 <= per_follower <= 0.010


@pytest.mark.parametrize("fmt", [Format.PHOTO, Format.CAROUSEL, Format.REEL])
def test_t9_hashtags_3_versus_20_change_median_reach_by_less_than_10_percent(
    fmt: Format,
) -> None:
    account = make_account(15_000, 0.015)
    few = make_draft(fmt, hashtags=tuple(f"tag{i}" for i in range(3)))
    many = replace(few, hashtags=tuple(f"tag{i}" for i in range(20)))
    first, second = score(account, [few, many])
    for surface, estimate in first.surfaces.items():
        if estimate.eligible:
            before, after = estimate.reach.p50, second.surfaces[surface].reach.p50
            assert abs(after - before) < 0.10 * before, surface
    assert abs(second.total.p50 - first.total.p50) < 0.10 * first.total.p50


def test_t10_weekday_changes_median_feed_reach_by_less_than_20_percent() -> None:
    flat_days = FollowerActivity(days=(1.0,) * 7)
    for followers in (2_000, 50_000):
        account = make_account(followers, 0.015, activity=flat_days)
        week = [shifted(WEDNESDAY_19H, 24.0 * day) for day in range(7)]
        medians = [
            e.surfaces[Surface.FEED].reach.p50 for e in score(account, at_slots(make_draft(), week))
        ]
        assert max(medians) < 1.2 * min(medians)


@pytest.mark.parametrize("followers", [3_000, 60_000])
def test_t11_reel_of_30_to_90_s_not_below_15_s(followers: int) -> None:
    account = make_account(followers, 0.015)
    lengths = (15.0, 30.0, 45.0, 60.0, 90.0)
    reels = score(account, [make_draft(Format.REEL, duration_s=s) for s in lengths])
    short = reels[0]
    for longer in reels[1:]:
        assert longer.surfaces[Surface.REELS].reach.p50 >= short.surfaces[Surface.REELS].reach.p50
        assert longer.total.p50 >= short.total.p50


def test_t12_story_frames_keep_83_then_88_percent_of_viewers() -> None:
    account = make_account(8_000, 0.02)
    noon = WEDNESDAY_19H.replace(hour=12)
    frames = [make_draft(Format.STORY, shifted(noon, minutes / 60)) for minutes in (0, 1, 2)]
    frames = [replace(d, id=f"frame{i}") for i, d in enumerate(frames)]
    alone = score(account, frames, compete=False)
    day = score(account, frames, compete=True)
    stories = [
        (d.surfaces[Surface.STORIES].reach.p50, a.surfaces[Surface.STORIES].reach.p50)
        for d, a in zip(day, alone, strict=True)
    ]
    retention = [in_day / on_its_own for in_day, on_its_own in stories]
    assert retention[0] == pytest.approx(1.0, abs=0.01)
    assert retention[1] / retention[0] == pytest.approx(0.83, abs=0.02)
    assert retention[2] / retention[1] == pytest.approx(0.88, abs=0.02)


@pytest.mark.parametrize(
    ("followers", "engagement_rate", "kind"),
    [
        (2_000, 0.03, AccountType.PERSONAL),
        (15_000, 0.012, AccountType.CREATOR),
        (150_000, 0.008, AccountType.BUSINESS),
    ],
)
def test_t13_explore_and_reels_far_more_dispersed_than_feed(
    followers: int, engagement_rate: float, kind: AccountType
) -> None:
    account = make_account(followers, engagement_rate, kind)
    photo, reel = score(account, [make_draft(Format.PHOTO), make_draft(Format.REEL)])

    def spread(estimate_reach: tuple[float, float]) -> float:
        p10, p90 = estimate_reach
        return p90 / p10

    feed = photo.surfaces[Surface.FEED].reach
    explore = photo.surfaces[Surface.EXPLORE].reach
    reels = reel.surfaces[Surface.REELS].reach
    assert spread((explore.p10, explore.p90)) >= 5 * spread((feed.p10, feed.p90))
    assert spread((reels.p10, reels.p90)) >= 5 * spread((feed.p10, feed.p90))


def test_typical_slots_cover_the_week() -> None:
    # Guard for the helper the rate tests rely on: several weekdays and times of day.
    assert len({slot.weekday() for slot in TYPICAL_SLOTS}) >= 5
    assert len({slot.hour for slot in TYPICAL_SLOTS}) >= 5


TIERS = (3_000, 10_000, 30_000, 100_000, 300_000, 1_000_000)
"""Follower tiers of the reel targets (T14, T15)."""


def default_account(followers: int, kind: AccountType = AccountType.CREATOR) -> Account:
    """A test account whose profile gives no engagement rate (the tier's default applies)."""
    return replace(make_account(followers, 0.01, kind), interaction=Interaction())


def plain_reel() -> Draft:
    return make_draft(Format.REEL, audio=Audio.ORIGINAL, duration_s=30.0)


@pytest.mark.parametrize("followers", [3_000, 30_000, 300_000, 1_000_000])
def test_t14_reels_reach_is_3_to_10_times_story_reach(followers: int) -> None:
    account = default_account(followers)
    reels = score(account, at_slots(plain_reel()))
    stories = score(account, at_slots(make_draft(Format.STORY)))
    for reel, story in zip(reels, stories, strict=True):  # same account, same slot
        ratio = reel.surfaces[Surface.REELS].reach.p50 / story.surfaces[Surface.STORIES].reach.p50
        assert 3.0 <= ratio <= 10.0, (reel.draft.publish_at, ratio)


def reel_rate(followers: int) -> float:
    estimates = score(default_account(followers), at_slots(plain_reel()))
    return statistics.median(e.total.p50 for e in estimates) / followers


def test_t15_reel_reach_rate_never_rises_from_one_tier_to_the_next() -> None:
    rates = [reel_rate(followers) for followers in TIERS]
    assert all(later <= earlier for earlier, later in itertools.pairwise(rates)), rates
    assert rates[-1] < 0.8 * rates[0], rates


@pytest.mark.parametrize("followers", [2_000, 5_000, 9_000])
def test_t16_plain_reel_of_an_account_under_10k_reaches_15_to_60_percent(followers: int) -> None:
    assert 0.15 <= reel_rate(followers) <= 0.60


def expected_likes_rate(account: Account) -> float:
    estimates = score(account, at_slots(make_draft(Format.PHOTO)))
    return statistics.median(e.actions.expected.likes for e in estimates) / account.followers


def test_t17_default_likes_per_follower_fall_with_size_and_depend_on_the_account_type() -> None:
    # Published like rates are averages over posts: the model's expected (mean) likes.
    sizes = (600, 3_000, 10_000, 30_000, 100_000, 300_000)
    rates = [expected_likes_rate(default_account(n)) for n in sizes]
    assert all(later <= earlier for earlier, later in itertools.pairwise(rates)), rates
    assert 0.03 <= rates[0] <= 0.12
    assert 0.01 <= rates[2] <= 0.04
    assert 0.005 <= rates[5] <= 0.025
    business = expected_likes_rate(default_account(10_000, AccountType.BUSINESS))
    assert business < 0.6 * rates[2]


@pytest.mark.parametrize("followers", [2_000, 20_000, 200_000])
def test_t18_follows_per_profile_visit_and_stories_bring_follows(followers: int) -> None:
    account = default_account(followers)
    formats = (Format.PHOTO, Format.CAROUSEL, Format.REEL)
    for estimate in score(account, [make_draft(fmt) for fmt in formats]):
        actions = estimate.actions.expected
        assert 0.15 <= actions.follows / actions.profile_visits <= 0.6, estimate.draft.format
    (story,) = score(account, [make_draft(Format.STORY)])
    assert story.actions.expected.profile_visits > 0 and story.actions.expected.follows > 0


@pytest.mark.parametrize(("followers", "engagement_rate"), [(2_000, 0.03), (40_000, 0.012)])
def test_t19_a_posts_uncertainty_is_real_and_shared_across_surfaces(
    followers: int, engagement_rate: float
) -> None:
    account = make_account(followers, engagement_rate)
    (photo,) = score(account, [make_draft(Format.PHOTO)])
    feed = photo.surfaces[Surface.FEED].reach
    assert 2.5 <= feed.p90 / feed.p10 <= 6.0
    assert 5.0 <= photo.total.p90 / photo.total.p10 <= 30.0
    # One appeal per sample feeds every surface: a post that does well in Feed does well on
    # Explore too (rank correlation over the samples).
    run = Simulation(account, ModelParams(), EngineSettings(samples=1024), seed=0)
    sampled = run.sample_reach([make_draft(Format.PHOTO)], compete=False)
    on_feed = sampled.followers[Surface.FEED][0]
    on_explore = sampled.non_followers[Surface.EXPLORE][0]
    assert spearman(on_feed, on_explore) > 0.5


def spearman(first: Sequence[float], second: Sequence[float]) -> float:
    """Rank correlation of two samples (no ties expected)."""
    order_a = {i: r for r, i in enumerate(sorted(range(len(first)), key=lambda i: first[i]))}
    order_b = {i: r for r, i in enumerate(sorted(range(len(second)), key=lambda i: second[i]))}
    a = [order_a[i] for i in range(len(first))]
    b = [order_b[i] for i in range(len(second))]
    return statistics.correlation(a, b)


def mix(account: Account, draft: Draft) -> tuple[float, float, float]:
    """Comments, saves and shares per like of a draft."""
    (estimate,) = score(account, [draft])
    actions = estimate.actions.expected
    likes = actions.likes
    return actions.comments / likes, actions.saves / likes, actions.shares / likes


def test_t20_comments_per_like_and_a_mix_that_depends_on_format_and_niche() -> None:
    for niche in (Niche.EDUCATION, Niche.ENTERTAINMENT, Niche.LIFESTYLE, Niche.FOOD):
        account = make_account(20_000, 0.015, niche=niche)
        for fmt in (Format.PHOTO, Format.CAROUSEL, Format.REEL):
            comments, _, _ = mix(account, make_draft(fmt))
            assert 0.01 <= comments <= 0.06, (niche, fmt, comments)
    educational = make_account(20_000, 0.015, niche=Niche.EDUCATION)
    entertaining = make_account(20_000, 0.015, niche=Niche.ENTERTAINMENT)
    _, carousel_saves, _ = mix(educational, make_draft(Format.CAROUSEL))
    _, photo_saves, photo_shares = mix(entertaining, make_draft(Format.PHOTO))
    _, _, reel_shares = mix(entertaining, make_draft(Format.REEL))
    assert carousel_saves > 0.5  # saves about as common as likes
    assert carousel_saves > 5 * photo_saves
    assert reel_shares > 1.3 * photo_shares
