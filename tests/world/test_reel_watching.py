"""The Reels system card's terms (sources.md §8): watch judged against reels of the same
length, the views that leave within 3 s, and the chance a non-follower follows. Each is
checked for its direction and for reaching only the side of the audience it is about."""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from igalgo.domain import Draft, DraftEstimate, Format, Niche, Quality, Surface
from igalgo.engine.settings import EngineSettings
from igalgo.world.actions import draft_signals, follows_per_non_follower_unit
from igalgo.world.model import DEFAULT_PARAMS, Simulation, score_drafts
from igalgo.world.params import ModelParams
from igalgo.world.sampling import sample_chunk
from igalgo.world.simulation import prepare
from igalgo.world.surfaces.reels import ReelsContext, ReelsParams, reels_relative_values
from igalgo.world.surfaces.watching import (
    follow_chances,
    reel_watch,
    skip_shares,
    typical_watch_seconds,
    watch_score,
)
from tests.engine_helpers import make_account, make_draft

ACCOUNT = make_account(15_000, 0.015)
SETTINGS = EngineSettings(samples=300)
REELS = DEFAULT_PARAMS.reels
ACTIONS = DEFAULT_PARAMS.actions


def with_reels(**changes: Any) -> ModelParams:
    """The default model with some Reels parameters changed."""
    return replace(DEFAULT_PARAMS, reels=replace(REELS, **changes))


def scored(params: ModelParams, *drafts: Draft) -> list[DraftEstimate]:
    return score_drafts(ACCOUNT, list(drafts), params=params, settings=SETTINGS)


def values(drafts: list[Draft], level: float, params: ReelsParams = REELS) -> Any:
    signals = draft_signals(drafts, Niche.LIFESTYLE, ACTIONS)
    return reels_relative_values(drafts, level, signals, params, ACTIONS)


# --- Watch judged against reels of the same length -------------------------------------------


@settings(max_examples=40, deadline=None)
@given(
    st.floats(min_value=1.0, max_value=180.0),
    st.floats(min_value=1.0, max_value=180.0),
    st.floats(min_value=0.1, max_value=2.0),
)
def test_the_same_relative_watch_gives_the_same_watch_score_at_any_length(
    first: float, second: float, relative: float
) -> None:
    lengths = np.array([first, second])
    seconds = relative * typical_watch_seconds(lengths, REELS)
    assert watch_score(seconds, lengths, REELS) == pytest.approx([relative, relative])


def test_a_typical_reel_scores_one_whatever_its_length() -> None:
    lengths = np.array([5.0, 15.0, 45.0, 90.0, 180.0])
    assert watch_score(typical_watch_seconds(lengths, REELS), lengths, REELS) == pytest.approx(1.0)


def test_length_alone_neither_raises_nor_lowers_a_reels_value() -> None:
    # Without the interactions a longer watch brings, every length of a plain reel is valued
    # alike on both sides of the audience; a reel whose viewers leave sooner is below the
    # plain reel of its own length, at every length.
    flat = replace(REELS, watch_interaction_elasticity=0.0)
    lengths = (8.0, 15.0, 60.0, 150.0)
    plain = [make_draft(Format.REEL, duration_s=s) for s in lengths]
    followers, others = values(plain, 1.1, flat)
    assert followers == pytest.approx(np.full(4, followers[0]))
    assert others == pytest.approx(np.full(4, others[0]))
    skipped = [replace(draft, text_heavy=True) for draft in plain]
    _, skipped_others = values(skipped, 1.1, flat)
    assert (skipped_others < others).all()


# --- Views that leave within 3 s -------------------------------------------------------------

SKIP_FLAGS: dict[str, dict[str, Any]] = {
    "skip_odds_muted": {"muted": True},
    "skip_odds_low_quality": {"quality": Quality.LOW},
    "skip_odds_text_heavy": {"text_heavy": True},
    "skip_odds_reposted": {"reposted": True},
}
"""Each skip odds ratio and the draft flag it applies to."""


@pytest.mark.parametrize("odds", sorted(SKIP_FLAGS))
def test_each_flag_raises_the_skip_share_and_lowers_the_watch(odds: str) -> None:
    plain = make_draft(Format.REEL)
    flagged = replace(plain, **SKIP_FLAGS[odds])
    plain_watch, flagged_watch = reel_watch(plain, REELS), reel_watch(flagged, REELS)
    assert plain_watch is not None and flagged_watch is not None
    assert plain_watch.skip_share == pytest.approx(REELS.skip_share)
    assert flagged_watch.skip_share > plain_watch.skip_share
    assert flagged_watch.average_s < plain_watch.average_s


def test_the_reported_skip_share_is_the_one_reels_ranks_on() -> None:
    drafts = [
        make_draft(Format.REEL),
        make_draft(Format.REEL, muted=True, quality=Quality.LOW),
        make_draft(Format.VIDEO, text_heavy=True),
    ]
    for estimate, ranked in zip(
        scored(DEFAULT_PARAMS, *drafts), skip_shares(drafts, REELS), strict=True
    ):
        assert estimate.watch is not None
        assert estimate.watch.skip_share == ranked


@settings(max_examples=25, deadline=None)
@given(
    st.floats(min_value=0.3, max_value=3.0),
    st.floats(min_value=1.0, max_value=4.0),
    st.floats(min_value=1.0, max_value=4.0),
)
def test_more_skips_never_raise_a_reels_value(level: float, lower: float, higher: float) -> None:
    low, high = sorted((lower, higher))
    reel = [make_draft(Format.REEL, text_heavy=True)]
    followers_low, others_low = values(reel, level, replace(REELS, skip_odds_text_heavy=low))
    followers_high, others_high = values(reel, level, replace(REELS, skip_odds_text_heavy=high))
    assert others_high[0] <= others_low[0] + 1e-12
    assert followers_high[0] == followers_low[0]  # the short views are non-followers'


@pytest.mark.parametrize("odds", sorted(SKIP_FLAGS))
def test_a_higher_skip_share_never_raises_recommended_reels_reach(odds: str) -> None:
    draft = replace(make_draft(Format.REEL), **SKIP_FLAGS[odds])
    results = [scored(with_reels(**{odds: ratio}), draft)[0] for ratio in (1.0, 1.5, 3.0)]
    for before, after in itertools.pairwise(results):
        reels_before, reels_after = before.surfaces[Surface.REELS], after.surfaces[Surface.REELS]
        assert reels_after.non_followers <= reels_before.non_followers
        assert reels_after.reach.mean <= reels_before.reach.mean
        assert reels_after.followers == reels_before.followers
        assert after.surfaces[Surface.FEED].reach == before.surfaces[Surface.FEED].reach
    first, last = results[0].surfaces[Surface.REELS], results[-1].surfaces[Surface.REELS]
    assert last.non_followers < 0.95 * first.non_followers


# --- Following the author --------------------------------------------------------------------


def test_the_follow_term_only_changes_non_followers_reach() -> None:
    reel = make_draft(Format.REEL)
    (without,), (plain,), (heavy,) = (
        scored(with_reels(weight_follow=weight), reel) for weight in (0.0, 200.0, 800.0)
    )
    for other in (plain, heavy):
        for surface in Surface:
            assert other.surfaces[surface].followers == without.surfaces[surface].followers
        assert other.surfaces[Surface.FEED].reach == without.surfaces[Surface.FEED].reach
    assert heavy.surfaces[Surface.REELS].reach.mean != without.surfaces[Surface.REELS].reach.mean


def test_a_more_followable_account_gains_more_from_the_follow_term() -> None:
    reel = [make_draft(Format.REEL)]
    gains = []
    for level in (0.7, 1.0, 1.4):
        _, plain = values(reel, level, replace(REELS, weight_follow=0.0))
        _, following = values(reel, level, replace(REELS, weight_follow=400.0))
        gains.append(following[0] / plain[0])
    assert gains[0] < gains[1] < gains[2]
    assert gains[1] == pytest.approx(1.0, abs=0.01)  # about the reference account: no change


def test_the_reported_follows_of_reels_non_followers_are_the_follow_chance_ranked_on() -> None:
    drafts = [make_draft(Format.REEL), make_draft(Format.REEL, muted=True, duration_s=60.0)]
    run = Simulation(ACCOUNT, DEFAULT_PARAMS, SETTINGS)
    model, context, normals, (chunk,) = prepare(run, drafts, False)
    sampled = sample_chunk(chunk, model, context, normals, DEFAULT_PARAMS)
    appeal = sampled.shared.appeal_of(np.arange(len(drafts)))
    explore_units = sampled.non_followers[Surface.EXPLORE] * appeal * model.non_follower_level
    reels_units = sampled.non_follower_units - explore_units
    reels_views = sampled.non_followers[Surface.REELS] * appeal
    reported = reels_units.sum(axis=1) * follows_per_non_follower_unit(ACTIONS)
    engaged = context.of(Surface.REELS, ReelsContext).watch
    level = model.non_follower_level / ACTIONS.non_follower_interaction_ratio
    ranked = follow_chances(level, engaged, ACTIONS)
    assert reported / reels_views.sum(axis=1) == pytest.approx(ranked, rel=1e-4)
    assert ranked[1] < ranked[0]  # the muted reel's viewers leave sooner


def test_expected_follows_are_reported_per_draft() -> None:
    plain, muted = scored(
        DEFAULT_PARAMS, make_draft(Format.REEL), make_draft(Format.REEL, muted=True)
    )
    assert plain.actions.expected.follows > muted.actions.expected.follows > 0.0
