"""A bakery account, its drafts and hand-made estimates, shared by the advice tests."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

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
from igalgo.engine.arrays import FloatArray
from igalgo.world.model import Simulation

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


def medians(found: DraftEstimate) -> list[float]:
    """An estimate's medians as a row of the engine's tables: total, then each surface."""
    return [
        found.total.p50,
        *(found.surfaces[s].reach.p50 if found.surfaces[s].eligible else 0.0 for s in Surface),
    ]


class HandMadeSimulation(Simulation):
    """A test double of the model run: subclasses give :meth:`score_drafts`; the other entry
    points are what the engine's give, computed from it one schedule or draft at a time."""

    def score_kept(self, drafts: Sequence[Draft], keep: Sequence[int]) -> list[DraftEstimate]:
        scored = self.score_drafts(drafts)
        return [scored[k] for k in keep]

    def score_alone_split(
        self, drafts: Sequence[Draft], estimated: int
    ) -> tuple[list[DraftEstimate], FloatArray]:
        scored = self.score_drafts(drafts, compete=False)
        rows = [medians(found) for found in scored[estimated:]]
        return scored[:estimated], np.array(rows).reshape(-1, 1 + len(Surface))

    def score_schedule_estimates(
        self, schedules: Sequence[Sequence[Draft]], keep: Sequence[Sequence[int]]
    ) -> list[list[DraftEstimate]]:
        out = []
        for schedule, kept in zip(schedules, keep, strict=True):
            scored = self.score_drafts(schedule, compete=len(schedule) > 1)
            out.append([scored[k] for k in kept])
        return out

    def score_schedules(
        self, schedules: Sequence[Sequence[Draft]], keep: Sequence[Sequence[int]]
    ) -> list[FloatArray]:
        out = []
        for schedule, kept in zip(schedules, keep, strict=True):
            scored = self.score_drafts(schedule)
            rows = [medians(scored[k]) for k in kept]
            out.append(np.array(rows).reshape(-1, 1 + len(Surface)))
        return out

    def typical_at(
        self, drafts: Sequence[Draft], times: Sequence[Sequence[datetime]]
    ) -> list[FloatArray]:
        return [
            np.array(
                [
                    medians(found)
                    for found in self.score_drafts(
                        [dataclasses.replace(draft, publish_at=t) for t in when], compete=False
                    )
                ]
            ).reshape(-1, 1 + len(Surface))
            for draft, when in zip(drafts, times, strict=True)
        ]
