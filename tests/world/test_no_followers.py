"""An account without followers: its engagement rate per post is 0, not a division by zero."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from igalgo.domain import Draft, Format, Interaction
from igalgo.engine.settings import EngineSettings
from igalgo.world.interaction import per_post_rate
from igalgo.world.model import DEFAULT_PARAMS, Simulation
from tests.engine_helpers import make_account


@pytest.mark.parametrize("per", ["post", None])
def test_an_account_without_followers_interacts_at_no_rate_and_is_scored(per: str | None) -> None:
    account = replace(make_account(0), interaction=Interaction(0.0, per=per))
    assert per_post_rate(account, DEFAULT_PARAMS) == 0.0
    draft = Draft("d", Format.PHOTO, datetime(2026, 12, 1, 19, tzinfo=UTC))
    (estimate,) = Simulation(account, settings=EngineSettings(samples=64)).score_drafts([draft])
    assert estimate.total.p50 >= 0.0
