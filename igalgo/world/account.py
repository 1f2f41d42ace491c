"""What the simulation knows about an account: its followers' tiers and interaction levels,
when they are online, and its market; computed once per account
(:mod:`igalgo.world.interaction`)."""

from __future__ import annotations

from dataclasses import dataclass

from igalgo.engine.arrays import FloatArray


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
