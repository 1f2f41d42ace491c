"""Property-based: any valid account, on any surface, from any supported start, gets a plan
whose numbers are finite (tests/strategies.py covers every range the loader accepts)."""

from __future__ import annotations

import math
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from igalgo.app.plan import PlanOptions, plan_account
from igalgo.domain import Account, Surface
from igalgo.engine.settings import EngineSettings
from igalgo.inputs.formats import EARLIEST_DATE, LATEST_DATE
from tests.strategies import accounts

DAYS = (LATEST_DATE - EARLIEST_DATE).days


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    account=accounts,
    surface=st.sampled_from(Surface),
    start=st.integers(0, DAYS).map(lambda days: EARLIEST_DATE + timedelta(days=days)),
)
def test_every_valid_account_gets_a_finite_plan(
    account: Account, surface: Surface, start: date
) -> None:
    plan = plan_account(
        account,
        options=PlanOptions(
            surface=surface, start=start, weeks=1, settings=EngineSettings(samples=16)
        ),
    )
    assert all(math.isfinite(v) for row in plan.lanes[0].grid.median for v in row if v is not None)
    assert all(math.isfinite(p.weekly_reach) for p in plan.lanes[0].frequency.points)
    assert plan.lanes[0].frequency.recommended >= 0
    for post in plan.schedule.posts:
        assert math.isfinite(post.estimate.surfaces[surface].reach.p50)
