"""Every parameter of the world model, grouped per part; the defaults are the calibrated ones."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from igalgo.parameters import Declared, assumed, non_negative, published
from igalgo.world.account import InteractionParams
from igalgo.world.actions import ActionParams
from igalgo.world.attention import AttentionParams
from igalgo.world.audience import AudienceParams
from igalgo.world.demotions import DemotionParams
from igalgo.world.diversity import DiversityParams
from igalgo.world.originality import OriginalityParams
from igalgo.world.surfaces.explore import ExploreParams
from igalgo.world.surfaces.feed import FeedParams
from igalgo.world.surfaces.reels import ReelsParams
from igalgo.world.surfaces.stories import StoriesParams


@dataclass(frozen=True)
class UncertaintyParams(Declared):
    """The spread of what the model cannot know before a post goes out."""

    appeal_log_sd: Annotated[
        float, non_negative("standard deviation of a log"), published("calibrated to T19")
    ] = 0.6
    """Standard deviation of the log of a draft's unknown appeal (how viewers react relative
    to the prediction from the account's history and the draft's signals). Assumption: the
    model does not see the media itself."""

    day_activity_log_sd: Annotated[
        float, non_negative("standard deviation of a log"), assumed()
    ] = 0.1
    """Standard deviation of the log of the day's follower activity relative to the
    profile's curve. Assumption."""


@dataclass(frozen=True)
class ModelParams:
    """Every parameter of the model, grouped per part. The defaults are the calibrated ones."""

    audience: AudienceParams = field(default_factory=AudienceParams)
    """Followers' tie tiers and activity, the market's interest pool (igalgo.world.audience)."""
    interaction: InteractionParams = field(default_factory=InteractionParams)
    """Followers' interaction when the profile gives none (igalgo.world.account)."""
    actions: ActionParams = field(default_factory=ActionParams)
    """Per-viewer action predictions shared by the surfaces (igalgo.world.actions)."""
    diversity: DiversityParams = field(default_factory=DiversityParams)
    """Author diversity among the account's own posts (igalgo.world.diversity)."""
    attention: AttentionParams = field(default_factory=AttentionParams)
    """Followers' limited attention to the account over days (igalgo.world.attention)."""
    feed: FeedParams = field(default_factory=FeedParams)
    """Home feed (igalgo.world.surfaces.feed)."""
    stories: StoriesParams = field(default_factory=StoriesParams)
    """Stories tray (igalgo.world.surfaces.stories)."""
    explore: ExploreParams = field(default_factory=ExploreParams)
    """Explore (igalgo.world.surfaces.explore)."""
    reels: ReelsParams = field(default_factory=ReelsParams)
    """Reels (igalgo.world.surfaces.reels)."""
    demotions: DemotionParams = field(default_factory=DemotionParams)
    """Recommended-reach multipliers of the flags Meta names as shown less
    (igalgo.world.demotions)."""
    originality: OriginalityParams = field(default_factory=OriginalityParams)
    """Instagram's originality rule of 30 Apr 2026 (igalgo.world.originality)."""
    uncertainty: UncertaintyParams = field(default_factory=UncertaintyParams)
    """The spread of what the model cannot know before a post goes out."""
