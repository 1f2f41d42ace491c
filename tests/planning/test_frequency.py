"""How often to post: the frequency curve and its recommendation, on the real engine."""

from __future__ import annotations

import itertools

import pytest

from igalgo.advice.templates import template_draft
from igalgo.domain import Account, Surface
from igalgo.engine.settings import EngineSettings
from igalgo.planning.frequency import FrequencyPoint, current_per_week, frequency, recommend
from igalgo.planning.params import DEFAULT_PLAN_PARAMS
from igalgo.planning.slots import slot_grid
from igalgo.world.model import score_drafts
from tests.planning.conftest import SAMPLES, START


def point(n: int, weekly: float, marginal: float) -> FrequencyPoint:
    return FrequencyPoint(n, weekly, marginal, ())


def test_recommend_stops_before_the_first_post_that_adds_too_little() -> None:
    points = [point(1, 100, 100), point(2, 190, 90), point(3, 240, 50), point(4, 330, 90)]
    assert recommend(points, 0.5) == 4  # the 3rd adds 50, just enough
    assert recommend(points, 0.6) == 2  # the 3rd adds 50 < 60; later gains do not count
    assert recommend(points, 0.95) == 1
    assert recommend(points[:1], 0.5) == 1
    assert recommend([], 0.5) == 0
    # One post a week reaching nobody: no frequency is worth recommending.
    assert recommend([point(1, 0, 0), point(2, 0, 0)], 0.5) == 0


def test_current_frequency_per_surface_from_the_profile(bakery: Account) -> None:
    posting = bakery.posting
    assert current_per_week(bakery, Surface.STORIES) == posting.stories_per_week
    assert current_per_week(bakery, Surface.REELS) == posting.reels_per_week
    both = posting.feed_per_week + posting.reels_per_week
    assert (
        current_per_week(bakery, Surface.FEED) == current_per_week(bakery, Surface.EXPLORE) == both
    )


def test_own_posts_compete_so_the_curve_bends(bakery: Account) -> None:
    grid = slot_grid(bakery, Surface.FEED, START, settings=EngineSettings(samples=SAMPLES))
    points = frequency(bakery, grid, settings=EngineSettings(samples=SAMPLES)).points
    assert [p.posts_per_week for p in points] == list(range(1, len(points) + 1))
    assert len(points) == DEFAULT_PLAN_PARAMS.max_posts_per_week[Surface.FEED]
    for previous, current in itertools.pairwise(points):
        assert current.marginal_reach == pytest.approx(current.weekly_reach - previous.weekly_reach)
    # Diminishing returns: the last post adds less than the first.
    assert points[-1].marginal_reach < points[0].weekly_reach
    # N posts alone would reach the sum of their slots; together they reach less.
    times = [grid.publish_at[s.weekday][s.hour] for s in points[-1].slots]
    alone = score_drafts(
        bakery,
        [template_draft(grid.format, t) for t in times if t is not None],
        settings=EngineSettings(samples=SAMPLES),
        compete=False,
    )
    assert len(alone) == len(times)
    alone_sum = sum(e.surfaces[Surface.FEED].reach.mean for e in alone)
    assert points[-1].weekly_reach < alone_sum


@pytest.mark.parametrize("surface", list(Surface))
def test_one_engine_call_for_the_curve_equals_one_call_per_frequency(
    bakery: Account, surface: Surface
) -> None:
    """frequency() scores every N in one call, far apart in time: pin that they do not touch."""
    grid = slot_grid(bakery, surface, START, settings=EngineSettings(samples=SAMPLES))
    together = frequency(bakery, grid, settings=EngineSettings(samples=SAMPLES))
    apart = frequency(bakery, grid, settings=EngineSettings(samples=SAMPLES), batched=False)
    assert together == apart
