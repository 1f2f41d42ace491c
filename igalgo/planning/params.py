"""The planner's own choices: spacing, the range of frequencies tried, the recommendation
threshold and the template post; the model's parameters are the engine's."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from igalgo.advice.templates import DEFAULT_TEMPLATE, TemplateShape
from igalgo.domain import Surface
from igalgo.parameters import check_integer, check_number, check_share, surface_map

HOURS_PER_WEEK = 168
"""Hours in the week the recommended slots repeat in."""

MIN_SPACING_HOURS: Mapping[Surface, float] = MappingProxyType(
    {Surface.FEED: 12, Surface.STORIES: 3, Surface.EXPLORE: 24, Surface.REELS: 24}
)
"""The default :attr:`PlanParams.min_spacing_hours`."""

MAX_POSTS_PER_WEEK: Mapping[Surface, int] = MappingProxyType(
    {Surface.FEED: 14, Surface.STORIES: 21, Surface.EXPLORE: 7, Surface.REELS: 7}
)
"""The default :attr:`PlanParams.max_posts_per_week`."""


@dataclass(frozen=True)
class PlanParams:
    """The planner's own choices; the model's parameters are the engine's."""

    min_spacing_hours: Mapping[Surface, float] = field(default_factory=lambda: MIN_SPACING_HOURS)
    """Shortest gap between two of the account's own posts on the surface, hours: a hard rule
    of the schedule and of the recommended slots. Source: the model's own cost of posting
    closer (docs/decisions/0020-min-spacing-per-surface.md); stories: assumption."""

    max_posts_per_week: Mapping[Surface, int] = field(default_factory=lambda: MAX_POSTS_PER_WEEK)
    """Largest weekly frequency the frequency curve tries (posts). Assumption: two feed posts
    or three stories a day; Explore and Reels are bounded by their 24 h spacing."""

    marginal_threshold: float = 0.5
    """The recommended frequency is the largest N at which every post up to the N-th still adds
    at least this fraction of the weekly reach one post a week gets (0.5 = half). Assumption:
    beyond that each extra post costs as much effort as the first and brings less than half."""

    template: TemplateShape = DEFAULT_TEMPLATE
    """The plain post the heatmap, the frequency curve, the template schedule and the timing
    advice score. Source: the sources and assumptions of each :class:`TemplateShape` field."""

    def __post_init__(self) -> None:
        # The maps are copied into read-only ones once here, so a caller's dict cannot
        # change the parameters afterwards.
        spacing = surface_map("min_spacing_hours", self.min_spacing_hours, _check_spacing)
        object.__setattr__(self, "min_spacing_hours", spacing)
        most = surface_map("max_posts_per_week", self.max_posts_per_week, _check_posts)
        object.__setattr__(self, "max_posts_per_week", most)
        check_share("marginal_threshold", self.marginal_threshold, "a fraction of one post's reach")
        if not isinstance(self.template, TemplateShape):
            raise ValueError(f"template must be a TemplateShape, got {self.template!r}")


def _check_spacing(name: str, value: object) -> None:
    """A spacing is positive and fits the repeating week the recommended slots live in."""
    check_number(name, value, "hours", above=0.0, at_most=HOURS_PER_WEEK)


def _check_posts(name: str, value: object) -> None:
    """A weekly frequency is a whole number of posts, at least one and at most one an hour."""
    check_integer(name, value, "posts per week", at_least=1, at_most=HOURS_PER_WEEK)


DEFAULT_PLAN_PARAMS = PlanParams()
"""The planner parameters igalgo uses unless told otherwise."""
