"""How often to post: the frequency curve and its recommendation, on the real engine."""

from __future__ import annotations

import dataclasses
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from igalgo.advice.templates import template_draft
from igalgo.domain import Account, Posting, Surface
from igalgo.engine.settings import EngineSettings
from igalgo.planning.frequency import (
    Frequency,
    FrequencyPoint,
    current_per_week,
    frequency,
    recommend,
)
from igalgo.planning.params import DEFAULT_PLAN_PARAMS
from igalgo.planning.slots import slot_grid
from igalgo.planning.weeks import slot_sequence
from igalgo.world.model import Simulation, score_drafts
from tests.planning.conftest import SAMPLES, START

SETTINGS = EngineSettings(samples=SAMPLES)


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


@given(
    st.lists(st.floats(-50, 200, allow_nan=False), min_size=1, max_size=12),
    st.floats(0.01, 1.0),
    st.floats(0.01, 1.0),
)
def test_a_lower_threshold_never_recommends_fewer_posts(
    adds: list[float], low: float, high: float
) -> None:
    low, high = min(low, high), max(low, high)
    first = abs(adds[0]) + 1.0
    weekly, points = 0.0, []
    for n, add in enumerate([first, *adds[1:]], start=1):
        weekly += add
        points.append(point(n, weekly, add))
    chosen = recommend(points, low)
    assert chosen >= recommend(points, high)
    # Every post up to the recommended one adds at least the threshold's share.
    assert all(p.marginal_reach >= low * first for p in points[1:chosen])


def test_where_the_habit_lies_against_the_curve() -> None:
    points = tuple(point(n, 100.0 * n, 100.0) for n in range(1, 8))

    def habit(current: float) -> str:
        return Frequency(points, 3, 0.5, current).habit

    assert [habit(c) for c in (0, 0.5, 1, 4, 7, 7.4, 8, 30)] == [
        "none",
        "below",
        "within",
        "within",
        "within",
        "within",
        "beyond",
        "beyond",
    ]
    curve = Frequency(points, 3, 0.5, 2.5)
    at = curve.at(2.5)
    assert at is not None and at.posts_per_week == 3  # halves round up, not to even


def test_current_frequency_per_surface_from_the_profile(bakery: Account) -> None:
    posting = bakery.posting
    assert current_per_week(bakery, Surface.STORIES) == posting.stories_per_week
    assert current_per_week(bakery, Surface.REELS) == posting.reels_per_week
    both = posting.feed_per_week + posting.reels_per_week
    assert (
        current_per_week(bakery, Surface.FEED) == current_per_week(bakery, Surface.EXPLORE) == both
    )
    # A plan of all surfaces plans reels in their own lane: its feed lane counts feed posts.
    assert current_per_week(bakery, Surface.FEED, reels=False) == posting.feed_per_week


def test_own_posts_compete_so_the_curve_bends(bakery: Account, bakery_run: Simulation) -> None:
    grid = slot_grid(bakery_run, Surface.FEED, START)
    count = DEFAULT_PLAN_PARAMS.max_posts_per_week[Surface.FEED]
    sequence = slot_sequence(bakery_run, grid, count, 12)
    points = frequency(bakery_run, grid, sequence).points
    assert [p.posts_per_week for p in points] == list(range(1, len(points) + 1))
    assert 2 <= len(points) <= count  # one after the other, 12 h apart, may leave no room
    for previous, current in itertools.pairwise(points):
        assert current.marginal_reach == pytest.approx(current.weekly_reach - previous.weekly_reach)
        assert set(previous.slots) < set(current.slots)  # one more post each row
    # Diminishing returns: the last post adds less than the first.
    assert points[-1].marginal_reach < points[0].weekly_reach
    # N posts alone would reach the sum of their slots; together they reach less.
    times = [grid.publish_at[s.weekday][s.hour] for s in points[-1].slots]
    alone = score_drafts(
        bakery,
        [template_draft(grid.format, t) for t in times if t is not None],
        settings=SETTINGS,
        compete=False,
    )
    assert len(alone) == len(times)
    alone_sum = sum(e.surfaces[Surface.FEED].reach.p50 for e in alone)
    assert points[-1].weekly_reach < alone_sum


def test_the_recommendation_and_the_habit_come_from_the_profile(
    bakery: Account, bakery_run: Simulation
) -> None:
    grid = slot_grid(bakery_run, Surface.STORIES, START)
    sequence = slot_sequence(bakery_run, grid, 10, 3)
    curve = frequency(bakery_run, grid, sequence)
    assert curve.recommended == recommend(curve.points, DEFAULT_PLAN_PARAMS.marginal_threshold)
    assert curve.current == bakery.posting.stories_per_week
    rare = dataclasses.replace(bakery, posting=Posting(stories_per_week=0.5))
    assert frequency(Simulation(rare, settings=SETTINGS), grid, sequence).habit == "below"
