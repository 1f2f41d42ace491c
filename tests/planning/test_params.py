"""The planner's parameters: validated on construction, maps read-only."""

from __future__ import annotations

from typing import Any

import pytest

from igalgo.advice.drivers import DriverParams
from igalgo.advice.templates import TemplateShape
from igalgo.domain import Surface
from igalgo.planning.params import (
    DEFAULT_PLAN_PARAMS,
    MAX_POSTS_PER_WEEK,
    MIN_SPACING_HOURS,
    PlanParams,
)

EVERY_SURFACE = {surface: 6 for surface in Surface}


def spacing(**hours: float) -> dict[Surface, float]:
    """A spacing map with ``hours`` changed, e.g. ``spacing(feed=0)``."""
    return {**EVERY_SURFACE, **{Surface(name): value for name, value in hours.items()}}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"max_posts_per_week": spacing(stories=0)},
            r"max_posts_per_week\[stories\] must be between 1 and 168 \(posts per week\)",
        ),
        (
            {"max_posts_per_week": spacing(feed=2.5)},
            r"max_posts_per_week\[feed\] must be a whole number \(posts per week\)",
        ),
        (
            {"marginal_threshold": 1.5},
            r"marginal_threshold must be between 0 and 1 \(fraction of one post's reach\)",
        ),
        ({"template": "reel"}, r"template must be a TemplateShape"),
    ],
)
def test_plan_params_reject_values_that_make_no_sense(
    changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        PlanParams(**changes)


def test_plan_params_maps_are_read_only_copies() -> None:
    given = dict(MAX_POSTS_PER_WEEK)
    params = PlanParams(max_posts_per_week=given, template=TemplateShape(reel_s=45.0))
    given[Surface.FEED] = 1
    assert params.max_posts_per_week[Surface.FEED] == 14  # the caller's dict was copied
    with pytest.raises(TypeError):
        params.max_posts_per_week[Surface.FEED] = 1  # type: ignore[index]  # the point of the test
    assert params == PlanParams(template=TemplateShape(reel_s=45.0))
    assert PlanParams() == DEFAULT_PLAN_PARAMS


def test_the_spacing_rule_is_the_drivers_and_its_maps_are_read_only_copies() -> None:
    """Moves and plans keep one spacing rule (DriverParams), so that score and plan agree."""
    given = dict(MIN_SPACING_HOURS)
    params = DriverParams(min_spacing_hours=given)
    given[Surface.FEED] = 1
    assert params.min_spacing_hours[Surface.FEED] == 12
    with pytest.raises(ValueError, match=r"min_spacing_hours has no value for stories"):
        DriverParams(min_spacing_hours={Surface.FEED: 12})
    with pytest.raises(ValueError, match=r"min_spacing_hours\[reels\] must be > 0 and <= 168"):
        DriverParams(min_spacing_hours=spacing(reels=200))
