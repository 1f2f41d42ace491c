"""What the simulation knows about an account: its followers' tiers and interaction levels,
when they are online, and its market; computed once per account
(:mod:`igalgo.world.interaction`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated

from igalgo.domain import Account, AccountType, Draft, Format
from igalgo.engine.arrays import FloatArray
from igalgo.parameters import Declared, FrozenMap, assumed, non_negative, positive, published, share
from igalgo.world.actions import ActionParams, draft_signals

TYPICAL_TIME = datetime(2026, 1, 7, 12, 0, tzinfo=UTC)
"""When the typical post an engagement rate is read from goes out (a Wednesday noon)."""

TYPICAL_FORMATS = (Format.PHOTO, Format.CAROUSEL)
"""The feed posts an engagement rate averages over, as managers' tools count them (reels are
counted apart by most; a neutral photo and carousel mix)."""


@dataclass(frozen=True)
class AccountModel:
    """What the simulation needs to know about the account, computed once."""

    tiers: FloatArray
    """Followers per tier (close, regular, weak)."""
    levels: FloatArray
    """Interaction level per tier, relative to the reference viewer."""
    non_follower_level: float
    """Non-follower interactions per viewer relative to the reference follower rate."""
    week: FloatArray
    """Relative online activity per local hour of the week."""
    pool: float
    """Non-followers in the market's interest pool."""
    competition: float
    """How crowded the market is."""
    demand: float
    """Test-audience multiplier of the market on Explore and Reels."""
    priority: float
    """Connected-ranking priority of the account type."""
    feed_per_week: float
    """The account's usual posts per week that reach the feed (feed posts and reels)."""
    stories_per_week: float
    """The account's usual stories per week."""
    reels_per_week: float
    """The account's usual reels per week."""
    unoriginal_share: float = 0.0
    """Share of the account's posts of the last 30 days that are not original."""


@dataclass(frozen=True)
class InteractionParams(Declared):
    """How much followers interact when the profile gives no engagement rate, and how small an
    account's rate is still read as its own."""

    likes_per_follower_at_reference: Annotated[
        float, share("likes per follower"), published("T17")
    ] = 0.05
    """Likes per follower of a plain photo of a creator with :attr:`reference_followers`.
    Source: like rates of about 8 % under 1k followers (Markerly 2016, sources.md T17)."""

    reference_followers: Annotated[float, positive("followers"), assumed()] = 500.0
    """The follower count at which :attr:`likes_per_follower_at_reference` holds. Assumption:
    the middle of the under-1k tier."""

    size_exponent: Annotated[float, non_negative("exponent"), published("T17")] = 0.25
    """How like rates fall with size: likes per follower ~ followers**-exponent. Derived: about
    8 % under 1k, 4 % at 1-10k, 2.4 % at 10-100k and 1.7 % at 100k-1M (Markerly 2016,
    InfluencerDB 2019, sources.md T17) fall as followers**-0.24."""

    account_type_factor: Annotated[
        Mapping[AccountType, float],
        positive("ratio to a creator", keys=AccountType),
        published("T17, T8; personal accounts assumed"),
    ] = FrozenMap({AccountType.PERSONAL: 1.0, AccountType.CREATOR: 1.0, AccountType.BUSINESS: 0.3})
    """Default interaction of each account type relative to a creator of the same size. Source:
    brands' median engagement rate of 0.5-0.7 % (Rival IQ 2022-2023, sources.md T17) against
    about 2 % for creators of brand size; personal accounts an assumption."""

    smallest_rated_followers: Annotated[float, positive("followers"), assumed()] = 100.0
    """Below this many followers an engagement rate says little (a few strangers' interactions
    outweigh the followers'), so the interaction level is that of an account of this size.
    Assumption; it also keeps reach from growing as followers fall towards 0."""


def default_engagement_rate(
    account: Account, rules: InteractionParams, actions: ActionParams
) -> float:
    """The engagement rate of ``account`` when its profile gives none: the like rate of its size
    and type (:class:`InteractionParams`) over the likes' share of its typical post."""
    followers = max(float(account.followers), rules.smallest_rated_followers)
    likes = rules.likes_per_follower_at_reference * (followers / rules.reference_followers) ** (
        -rules.size_exponent
    )
    likes *= rules.account_type_factor[account.account_type]
    mix = draft_signals(
        [Draft("typical", Format.PHOTO, TYPICAL_TIME)], account.market.niche, actions
    ).interactions[0]
    return min(float(likes * mix.sum() / mix[0]), 1.0)


def engagement_rate(account: Account, rules: InteractionParams, actions: ActionParams) -> float:
    """The account's engagement rate: its calibration's, the profile's, or the default of its
    size and type."""
    fitted = account.calibration.engagement_rate if account.calibration else None
    given = account.interaction.engagement_rate if fitted is None else fitted
    return default_engagement_rate(account, rules, actions) if given is None else given


RATE_PER_POST = "post"
"""The profile's ``interaction.per`` that says its rate is counted as managers' tools count it."""


def rate_per_post(account: Account) -> bool:
    """Whether the account's engagement rate is interactions per follower of its typical feed
    post (docs/decisions/0138): a calibration's always, the profile's with ``per: post``; a
    profile's without it and the default of size and type are the reference level (0005)."""
    if account.calibration is not None and account.calibration.engagement_rate is not None:
        return True
    return (
        account.interaction.engagement_rate is not None and account.interaction.per == RATE_PER_POST
    )
