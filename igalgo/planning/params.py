"""The planner's own choices: the range of frequencies tried, the recommendation threshold and
the template post; the spacing rule is the drivers' (it is the rule moves are judged by), the
model's parameters are the engine's."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated

from igalgo.advice.moves import HOURS_PER_WEEK, MIN_SPACING_HOURS
from igalgo.advice.templates import DEFAULT_TEMPLATE, TemplateShape
from igalgo.domain import Surface
from igalgo.parameters import Declared, FrozenMap, at_least, between, share

__all__ = [
    "DEFAULT_PLAN_PARAMS",
    "HOURS_PER_WEEK",
    "MAX_POSTS_PER_WEEK",
    "MIN_SPACING_HOURS",
    "PlanParams",
]

MAX_POSTS_PER_WEEK: FrozenMap[Surface, int] = FrozenMap(
    {Surface.FEED: 14, Surface.STORIES: 21, Surface.EXPLORE: 7, Surface.REELS: 7}
)
"""The default :attr:`PlanParams.max_posts_per_week`."""


@dataclass(frozen=True)
class PlanParams(Declared):
    """The planner's own choices; the model's parameters are the engine's."""

    max_posts_per_week: Annotated[
        Mapping[Surface, int], between(1, HOURS_PER_WEEK, "posts per week", keys=Surface)
    ] = MAX_POSTS_PER_WEEK
    """Largest weekly frequency the frequency curve tries (posts). Assumption: two feed posts
    or three stories a day; Explore and Reels are bounded by their 24 h spacing
    (:attr:`igalgo.advice.drivers.DriverParams.min_spacing_hours`)."""

    marginal_threshold: Annotated[float, share("fraction of one post's reach")] = 0.5
    """The recommended frequency is the largest N at which every post up to the N-th still adds
    at least this fraction of the weekly typical reach one post a week gets (0.5 = half).
    Assumption: beyond that each extra post costs as much effort as the first and brings less
    than half."""

    slot_candidates_per_day: Annotated[int, between(1, 24, "hours per day")] = 1
    """When the recommended slots are chosen one after the other, how many of each weekday's
    best free hours (by the heatmap) are tried for the next slot, the week's posts competing.
    Numerical choice: more finds slightly better weeks at a proportional cost."""

    search_samples: Annotated[int, at_least(1, "samples")] = 128
    """Monte Carlo samples (plain medians) of the slot search, at most the caller's. Numerical
    choice: the search only ranks candidate weeks; the frequency curve is then scored with the
    caller's samples."""

    heatmap_samples: Annotated[int, at_least(1, "samples")] = 256
    """Monte Carlo samples of the heatmap (conditioned medians, as ``igalgo score``'s), at
    most the caller's. Numerical choice: the cells stay close to their values at 1,024 samples
    for a quarter of the cost, and the hours are ranked by the drivers' hour measure, not by
    these values (docs/decisions/0146-plan-hours-from-the-hour-measure.md)."""

    template: TemplateShape = DEFAULT_TEMPLATE
    """The plain post the heatmap, the slot search, the frequency curve and the template
    schedule score. Source: the sources and assumptions of each :class:`TemplateShape` field."""

    def check_relations(self) -> None:
        """The template is a template shape."""
        if not isinstance(self.template, TemplateShape):
            raise ValueError(f"PlanParams.template must be a TemplateShape, got {self.template!r}")


DEFAULT_PLAN_PARAMS = PlanParams()
"""The planner parameters igalgo uses unless told otherwise."""
