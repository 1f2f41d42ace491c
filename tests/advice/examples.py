"""A bakery account, its drafts and hand-made estimates, shared by the advice tests."""

from __future__ import annotations

import dataclasses
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from igalgo.domain import (
    ZERO_QUANTILES,
    Account,
    ActionEstimate,
    Actions,
    Draft,
    DraftEstimate,
    FollowerActivity,
    Format,
    Interaction,
    Posting,
    Quality,
    Quantiles,
    Surface,
    SurfaceEstimate,
)

ZONE = ZoneInfo("Europe/Amsterdam")
EVENING = tuple(1.0 if hour == 19 else 0.2 for hour in range(24))
ACCOUNT = Account(
    "Bakkerij Zon",
    4200,
    timezone="Europe/Amsterdam",
    follower_activity=FollowerActivity(hours=EVENING),
    interaction=Interaction(0.02),
    posting=Posting(times=(time(19, 0),)),
)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=ZONE)


def photo(draft_id: str = "p", when: datetime | None = None, **changes: Any) -> Draft:
    base = Draft(
        draft_id,
        Format.PHOTO,
        when or at(2, 6),
        caption="Our spelt and walnut loaf, out of the oven at six",
        hashtags=("bread", "utrecht"),
        quality=Quality.HIGH,
    )
    return dataclasses.replace(base, **changes)


def estimate(
    draft: Draft, reach: dict[Surface, float], total: float | None = None
) -> DraftEstimate:
    """A hand-made estimate with the given median reach per eligible surface."""
    surfaces = {}
    for surface in Surface:
        if surface in reach:
            q = Quantiles(
                reach[surface] * 0.8, reach[surface], reach[surface] * 1.2, reach[surface]
            )
            surfaces[surface] = SurfaceEstimate(surface, True, q, reach[surface], 0.0)
        else:
            surfaces[surface] = SurfaceEstimate(surface, False, ZERO_QUANTILES, 0.0, 0.0)
    whole = sum(reach.values()) if total is None else total
    return DraftEstimate(
        draft,
        surfaces,
        Quantiles(whole * 0.8, whole, whole * 1.2, whole),
        ActionEstimate(Actions(0, 0, 0, 0, 0, 0), Actions(0, 0, 0, 0, 0, 0)),
    )
