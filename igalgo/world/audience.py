"""Who can see a draft: followers in tie-strength tiers, when they are online, and the market.

The seed's Feed & Stories signals "how often the viewer engaged with the account" and "viewer
activity" live here as three tie-strength tiers of followers (a small close core, a regular
middle, a large weakly tied majority), each with its own app-session rate and engagement
propensity. Online activity is a weekday x hour curve in the account's time zone. Non-followers
are an interest pool whose size depends on the market (niche) and on how popular that market is
on Instagram. Everything here is deterministic; randomness lives in :mod:`igalgo.world.simulation`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated
from zoneinfo import ZoneInfo

import numpy as np
from numpy.typing import NDArray

from igalgo.domain import Account, AccountType, Niche, Popularity
from igalgo.parameters import (
    Declared,
    FrozenMap,
    assumed,
    non_negative,
    positive,
    published,
    share,
    stated,
)

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

TIERS: tuple[str, ...] = ("close", "regular", "weak")
"""Tie-strength tiers of followers, strongest first. Per-tier parameters are tuples in this
order."""

HOURS_PER_WEEK = 168

_DEFAULT_NICHE_SIZE: FrozenMap[Niche, float] = FrozenMap(
    {
        Niche.ART: 1.0,
        Niche.AUTOMOTIVE: 0.8,
        Niche.B2B: 0.4,
        Niche.BEAUTY: 1.4,
        Niche.EDUCATION: 0.8,
        Niche.ENTERTAINMENT: 1.6,
        Niche.FASHION: 1.6,
        Niche.FINANCE: 0.7,
        Niche.FITNESS: 1.3,
        Niche.FOOD: 1.4,
        Niche.GAMING: 1.1,
        Niche.HEALTH: 0.9,
        Niche.HOME: 1.0,
        Niche.LIFESTYLE: 1.3,
        Niche.LOCAL: 0.5,
        Niche.MUSIC: 1.2,
        Niche.PARENTING: 0.9,
        Niche.PERSONAL: 0.5,
        Niche.PETS: 1.2,
        Niche.PHOTOGRAPHY: 1.1,
        Niche.SPORTS: 1.3,
        Niche.TECH: 0.8,
        Niche.TRAVEL: 1.4,
    }
)


@dataclass(frozen=True)
class AudienceParams(Declared):
    """Followers' tie tiers, their activity, and the non-follower interest pool."""

    close_share_at_1k: Annotated[
        float, share("fraction of followers"), published("calibrated to T1-T3")
    ] = 0.12
    """Share of followers in the close tier for a 1,000-follower account (fraction).
    Assumption: "a small core that interacts often" (sources.md brief); calibrated to T1-T3."""

    close_share_exponent: Annotated[
        float, non_negative("exponent"), published("calibrated to T1")
    ] = 0.25
    """How fast the close tier's share shrinks with size: share ~ (followers/1000)^-exponent.
    Assumption: a core of friends and regulars grows slower than the following; this is
    what makes the feed reach rate fall with follower count (T1)."""

    regular_share_at_1k: Annotated[
        float, share("fraction of followers"), published("calibrated to T1-T3")
    ] = 0.25
    """Share of followers in the regular tier for a 1,000-follower account (fraction).
    Assumption; calibrated to T1-T3."""

    regular_share_exponent: Annotated[
        float, non_negative("exponent"), published("calibrated to T1")
    ] = 0.25
    """Shrink exponent of the regular tier's share with follower count. Assumption (T1)."""

    max_strong_share: Annotated[float, share("fraction of followers"), assumed()] = 0.8
    """Upper bound on close + regular share for very small accounts (fraction). Assumption."""

    sessions_per_day: Annotated[
        tuple[float, float, float], positive("sessions per day", length=3), assumed()
    ] = (10.0, 4.0, 1.0)
    """Mean app sessions per day of a follower in each tier (close, regular, weak), sessions
    per day. Assumption: weakly tied followers include many who rarely open Instagram."""

    engagement_propensity: Annotated[
        tuple[float, float, float],
        positive("relative chance", length=3),
        assumed("ratio borrowed from X's RealGraph"),
    ] = (2.97, 1.4, 0.6)
    """Relative chance that a follower of each tier acts on a post they see (dimensionless).
    Assumption; the close/weak ratio of about 3 follows X's RealGraph author scores, rescaled
    to [1, 2.97] (sources.md X: numbers)."""

    account_priority: Annotated[
        Mapping[AccountType, float],
        positive("multiplier", keys=AccountType),
        stated("seed: personal connections are prioritised"),
    ] = FrozenMap(
        {AccountType.PERSONAL: 1.25, AccountType.CREATOR: 1.0, AccountType.BUSINESS: 0.85}
    )
    """Multiplier on the connected-ranking value of the account's posts, per account type.
    Source: the seed ("personal connections are prioritised over business accounts");
    magnitudes are an assumption."""

    niche_pool_size: Annotated[
        Mapping[Niche, float],
        positive("relative size", keys=Niche),
        assumed("no published per-niche audience sizes"),
    ] = _DEFAULT_NICHE_SIZE
    """Relative size of each market's non-follower interest pool (1.0 = an average market).
    Assumption: no published per-niche audience sizes."""

    popularity_pool: Annotated[
        Mapping[Popularity, float], positive("multiplier", keys=Popularity), assumed()
    ] = FrozenMap({Popularity.LOW: 0.5, Popularity.MEDIUM: 1.0, Popularity.HIGH: 2.0})
    """Multiplier on the interest pool for how popular the market is on Instagram.
    Assumption (seed: a popular market has more demand)."""

    popularity_competition: Annotated[
        Mapping[Popularity, float], positive("multiplier", keys=Popularity), assumed()
    ] = FrozenMap({Popularity.LOW: 0.9, Popularity.MEDIUM: 1.0, Popularity.HIGH: 1.15})
    """Multiplier on competing inventory for how popular the market is: a popular market has
    more supply too (seed: 50 fruit stalls). Assumption."""

    pool_per_follower: Annotated[float, non_negative("accounts per follower"), assumed()] = 20.0
    """Non-followers in the interest pool per follower, before niche and popularity (accounts
    per follower). Assumption: the people who engage with similar accounts (Explore retrieval
    starts from accounts similar to the ones a viewer engaged with, sources.md §3a)."""

    pool_minimum: Annotated[float, non_negative("accounts"), assumed()] = 20_000.0
    """Smallest interest pool of an average market, accounts. Assumption: even a new account's
    market has an audience on Instagram."""

    market_demand_exponent: Annotated[float, non_negative("exponent"), assumed()] = 0.5
    """How test audiences on Explore and Reels grow with the market's interest pool: size ~
    (niche size x popularity)**exponent. Assumption: a bigger market lets retrieval find more
    matching viewers, less than proportionally."""

    def priority_of(self, account_type: AccountType) -> float:
        """The connected-ranking priority multiplier of ``account_type``."""
        return self.account_priority[account_type]


def tier_shares(followers: float, params: AudienceParams) -> FloatArray:
    """Fractions of followers in the close, regular and weak tiers (they sum to 1)."""
    size = max(followers, 1.0) / 1000.0
    close = params.close_share_at_1k * size ** (-params.close_share_exponent)
    regular = params.regular_share_at_1k * size ** (-params.regular_share_exponent)
    strong = close + regular
    if strong > params.max_strong_share:
        close, regular = (
            close * params.max_strong_share / strong,
            regular * params.max_strong_share / strong,
        )
    return np.array([close, regular, 1.0 - close - regular])


def tier_sizes(account: Account, params: AudienceParams) -> FloatArray:
    """Number of followers in each tier (close, regular, weak)."""
    return tier_shares(account.followers, params) * float(account.followers)


def weekly_activity(account: Account) -> FloatArray:
    """Relative online activity per local hour of the week (168 values, Monday 00:00 first).

    Normalised to mean 1, so a value of 2 means twice the average share of followers online.
    An all-zero curve carries no information about when followers are online and is treated as
    flat (documented in docs/model.md). Any finite values work: the hours and the days are
    each scaled to a largest value of 1 before they are multiplied, so that the product can
    neither overflow (``1e200`` x ``1e200``) nor underflow to all zeros (``1e-300`` x
    ``1e-300``).
    """
    hours = np.asarray(account.follower_activity.hours, dtype=np.float64).clip(min=0.0)
    days = np.asarray(account.follower_activity.days, dtype=np.float64).clip(min=0.0)
    if not hours.max() > 0.0:
        hours = np.ones(24)
    if not days.max() > 0.0:
        days = np.ones(7)
    week: FloatArray = np.outer(days / days.max(), hours / hours.max()).ravel()
    return week / float(week.mean())


def hours_of_week(drafts_times: Sequence[datetime], timezone: str) -> IntArray:
    """Index 0..167 of the local hour of the week in ``timezone`` of each publication time."""
    zone = ZoneInfo(timezone)
    local = [t.astimezone(zone) for t in drafts_times]
    return np.array([t.weekday() * 24 + t.hour for t in local], dtype=np.int64)


def activity_after(week: FloatArray, start_hours: IntArray, hours: int) -> FloatArray:
    """Relative activity in each of the ``hours`` hours after each start: shape (drafts, hours)."""
    index = (start_hours[:, None] + np.arange(hours)[None, :]) % HOURS_PER_WEEK
    result: FloatArray = week[index]
    return result


def interest_pool(account: Account, params: AudienceParams) -> float:
    """Non-followers interested in the account's market (accounts)."""
    niche = params.niche_pool_size[account.market.niche]
    popularity = params.popularity_pool[account.market.popularity]
    base = max(params.pool_minimum, params.pool_per_follower * account.followers)
    return base * niche * popularity


def market_demand(account: Account, params: AudienceParams) -> float:
    """Test-audience multiplier of the account's market (1.0 = an average, medium market)."""
    niche = params.niche_pool_size[account.market.niche]
    popularity = params.popularity_pool[account.market.popularity]
    return float((niche * popularity) ** params.market_demand_exponent)


def competition(account: Account, params: AudienceParams) -> float:
    """How crowded the account's market is (1.0 = a medium-popularity market)."""
    return params.popularity_competition[account.market.popularity]
