"""Accounts, drafts and small measurements shared by the simulation engine's tests."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from igalgo.domain import (
    Account,
    AccountType,
    Draft,
    DraftEstimate,
    FollowerActivity,
    Format,
    Interaction,
    Market,
    Niche,
    Popularity,
    Surface,
)
from igalgo.engine.settings import EngineSettings
from igalgo.world.model import score_drafts

UTC = ZoneInfo("UTC")

WEDNESDAY_19H = datetime(2026, 3, 4, 19, 0, tzinfo=UTC)
"""A Wednesday evening, the default publication time of test drafts."""

SAMPLES = 400
"""Monte Carlo samples for behaviour tests (the statistics tests use the default count)."""

TYPICAL_SLOTS: tuple[datetime, ...] = (
    datetime(2026, 3, 3, 8, 0, tzinfo=UTC),
    datetime(2026, 3, 3, 12, 0, tzinfo=UTC),
    datetime(2026, 3, 4, 17, 0, tzinfo=UTC),
    datetime(2026, 3, 5, 19, 0, tzinfo=UTC),
    datetime(2026, 3, 7, 10, 0, tzinfo=UTC),
    datetime(2026, 3, 8, 20, 0, tzinfo=UTC),
)
"""Times accounts really post at (mornings, lunch, evenings, weekend): a published median
reach rate is a median over such posts."""


def make_account(
    followers: int = 10_000,
    engagement_rate: float = 0.01,
    account_type: AccountType = AccountType.CREATOR,
    niche: Niche = Niche.LIFESTYLE,
    popularity: Popularity = Popularity.MEDIUM,
    activity: FollowerActivity | None = None,
    timezone: str = "UTC",
) -> Account:
    """An account with the given traits and igalgo's default activity curve."""
    return Account(
        name="test account",
        followers=followers,
        account_type=account_type,
        timezone=timezone,
        market=Market(niche, popularity),
        follower_activity=activity or FollowerActivity(),
        interaction=Interaction(engagement_rate),
    )


def make_draft(fmt: Format = Format.PHOTO, at: datetime = WEDNESDAY_19H, **fields: Any) -> Draft:
    """A draft of ``fmt`` at ``at``; reels and videos get 20 s and carousels 5 slides unless
    ``fields`` say otherwise."""
    duration = 20.0 if fmt in (Format.REEL, Format.VIDEO) else None
    slides = 5 if fmt is Format.CAROUSEL else None
    base = Draft(f"{fmt.value}-{at:%a%H%M}", fmt, at, duration_s=duration, slides=slides)
    return replace(base, **fields)


def score(
    account: Account,
    drafts: Sequence[Draft],
    *,
    compete: bool = False,
    samples: int = SAMPLES,
    seed: int = 0,
) -> list[DraftEstimate]:
    """Score drafts; by default each as the account's only new post."""
    return score_drafts(
        account, drafts, settings=EngineSettings(samples=samples), seed=seed, compete=compete
    )


def score_one(
    account: Account, draft: Draft, *, samples: int = SAMPLES, seed: int = 0
) -> DraftEstimate:
    """The estimate of a single draft."""
    return score(account, [draft], samples=samples, seed=seed)[0]


def at_slots(draft: Draft, slots: Sequence[datetime] = TYPICAL_SLOTS) -> list[Draft]:
    """Copies of ``draft`` published at each slot."""
    return [replace(draft, id=f"{draft.id}@{slot:%a%H}", publish_at=slot) for slot in slots]


def typical_rate(account: Account, fmt: Format, surface: Surface) -> float:
    """Median over typical slots of the median reach on a surface divided by followers."""
    estimates = score(account, at_slots(make_draft(fmt)))
    return statistics.median(e.surfaces[surface].reach.p50 for e in estimates) / account.followers


def shifted(moment: datetime, hours: float) -> datetime:
    """``moment`` plus ``hours``."""
    return moment + timedelta(hours=hours)


def interactions(estimate: DraftEstimate) -> float:
    """Likes + comments + saves + shares: what an engagement rate counts."""
    a = estimate.actions
    a = a.expected
    return a.likes + a.comments + a.saves + a.shares
