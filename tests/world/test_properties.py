"""Property-based tests: any valid account and drafts give finite, non-negative, ordered
estimates, and the model's monotone promises hold whatever the inputs (the strategies in
tests/strategies.py cover every range the loader accepts)."""

from __future__ import annotations

import math
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from igalgo.domain import Account, Draft, Interaction, Surface
from igalgo.engine.settings import EngineSettings
from igalgo.world.model import score_drafts
from tests.strategies import accounts, drafts, schedules

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def finite_non_negative(value: float) -> bool:
    return math.isfinite(value) and value >= 0.0


@SETTINGS
@given(account=accounts, schedule=schedules(), compete=st.booleans(), seed=st.integers(0, 2**31))
def test_every_valid_input_gives_finite_ordered_estimates(
    account: Account, schedule: list[Draft], compete: bool, seed: int
) -> None:
    estimates = score_drafts(
        account, schedule, settings=EngineSettings(samples=32), seed=seed, compete=compete
    )
    assert [e.draft for e in estimates] == schedule
    for estimate in estimates:
        assert set(estimate.surfaces) == set(Surface)
        for part in [*estimate.surfaces.values()]:
            reach = part.reach
            assert all(map(finite_non_negative, (reach.p10, reach.p50, reach.p90, reach.mean)))
            assert reach.p10 <= reach.p50 <= reach.p90
            assert finite_non_negative(part.followers) and finite_non_negative(part.non_followers)
            assert part.followers <= max(account.followers, 0) + 1e-6
        total = estimate.total
        assert total.p10 <= total.p50 <= total.p90
        for counts in (estimate.actions.typical, estimate.actions.expected):
            assert all(map(finite_non_negative, vars(counts).values()))


@SETTINGS
@given(account=accounts, draft=drafts())
def test_total_reach_is_at_least_each_surface_and_at_most_their_sum(
    account: Account, draft: Draft
) -> None:
    estimate = score_drafts(account, [draft], settings=EngineSettings(samples=32), compete=False)[0]
    means = [part.reach.mean for part in estimate.surfaces.values()]
    assert estimate.total.mean >= max(means) * (1 - 1e-4) - 1e-3
    assert estimate.total.mean <= sum(means) * (1 + 1e-4) + 1e-3


@SETTINGS
@given(account=accounts, draft=drafts())
def test_more_engagement_never_lowers_feed_reach(account: Account, draft: Draft) -> None:
    rate = account.interaction.engagement_rate
    higher = replace(account, interaction=Interaction(min(1.0, rate * 2 + 0.001)))
    low, high = (
        score_drafts(a, [draft], settings=EngineSettings(samples=32), compete=False)[0]
        for a in (account, higher)
    )
    feed = Surface.FEED
    assert high.surfaces[feed].reach.mean >= low.surfaces[feed].reach.mean * (1 - 1e-4)
