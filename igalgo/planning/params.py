"""The planner's own choices: spacing, the range of frequencies tried, the recommendation
threshold and the template post; the model's parameters are the engine's."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated

from igalgo.advice.templates import DEFAULT_TEMPLATE, TemplateShape
from igalgo.domain import Surface
from igalgo.parameters import Declared, FrozenMap, above_up_to, between, share

HOURS_PER_WEEK = 168
"""Hours in the week the recommended slots repeat in."""

MIN_SPACING_HOURS: FrozenMap[Surface, float] = FrozenMap(
    {Surface.FEED: 12, Surface.STORIES: 3, Surface.EXPLORE: 24, Surface.REELS: 24}
)
"""The default :attr:`PlanParams.min_spacing_hours`."""

MAX_POSTS_PER_WEEK: FrozenMap[Surface, int] = FrozenMap(
    {Surface.FEED: 14, Surface.STORIES: 21, Surface.EXPLORE: 7, Surface.REELS: 7}
)
"""The default :attr:`PlanParams.max_posts_per_week`."""


@dataclass(frozen=True)
class PlanParams(Declared):
    """The planner's own choices; the model's parameters are the engine's."""

    min_spacing_hours: Annotated[
        Mapping[Surface, float], above_up_to(0, HOURS_PER_WEEK, "hours", keys=Surface)
    ] = MIN_SPACING_HOURS
    """Shortest gap between two of the account's own posts on the surface, hours: a hard rule
    of the schedule and of the recommended slots. Source: the model's own cost of posting
    closer (docs/decisions/0020-min-spacing-per-surface.md); stories: assumption."""

    max_posts_per_week: Annotated[
        Mapping[Surface, int], between(1, HOURS_PER_WEEK, "posts per week", keys=Surface)
    ] = MAX_POSTS_PER_WEEK
    """Largest weekly frequency the frequency curve tries (posts). Assumption: two feed posts
    or three stories a day; Explore and Reels are bounded by their 24 h spacing."""

    marginal_threshold: Annotated[float, share("fraction of one post's reach")] = 0.5
    """The recommended frequency is the largest N at which every post up to the N-th still adds
    at least this fraction of the weekly reach one post a week gets (0.5 = half). Assumption:
    beyond that each extra post costs as much effort as the first and brings less than half."""

    template: TemplateShape = DEFAULT_TEMPLATE
    """The plain post the heatmap, the frequency curve, the template schedule and the timing
    advice score. Source: the sources and assumptions of each :class:`TemplateShape` field."""

    def check_relations(self) -> None:
        """The template is a template shape."""
        if not isinstance(self.template, TemplateShape):
            raise ValueError(f"PlanParams.template must be a TemplateShape, got {self.template!r}")


DEFAULT_PLAN_PARAMS = PlanParams()
"""The planner parameters igalgo uses unless told otherwise."""
