"""Frequency within capacity: the profile's ``capacity:`` caps the recommendation, the plan
says what one more post would add, and the frequency item is ok only where the habit sits
where the curve says it should."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from igalgo.app.plan import Plan, PlanOptions, plan_account
from igalgo.domain import Account, Posting, Status, Surface
from igalgo.engine.settings import EngineSettings
from igalgo.output.render_plan import frequency_sentence
from igalgo.parameters import FrozenMap
from igalgo.planning.frequency import capacity_per_week
from tests.conftest import RunCli
from tests.planning.conftest import SAMPLES, START

SETTINGS = EngineSettings(samples=SAMPLES)


def _plan(account: Account) -> Plan:
    return plan_account(account, options=PlanOptions(start=START, weeks=1, settings=SETTINGS))


@pytest.fixture(scope="module")
def unlimited(bakery: Account) -> Plan:
    return _plan(dataclasses.replace(bakery, capacity=None))


def _item(plan: Plan, name: str) -> tuple[Status, str]:
    (found,) = [item for item in plan.checklist if item.id == name]
    return found.status, found.message


def test_the_recommendation_never_exceeds_the_capacity(bakery: Account, unlimited: Plan) -> None:
    by_curve = {lane.surface: lane.frequency.recommended for lane in unlimited.lanes}
    assert by_curve[Surface.FEED] >= 2 and by_curve[Surface.REELS] >= 2
    capacity = FrozenMap({Surface.FEED: 1, Surface.REELS: 1, Surface.STORIES: 2})
    plan = _plan(dataclasses.replace(bakery, capacity=capacity))
    for lane in plan.lanes:
        limit = capacity_per_week(plan.account, lane.surface, reels=False)
        assert limit is not None
        curve = lane.frequency
        assert curve.recommended == min(by_curve[lane.surface], limit) == lane.per_week
        assert curve.by_curve == by_curve[lane.surface]
        if by_curve[lane.surface] > limit:
            following = curve.at(curve.recommended + 1)
            assert following is not None
            sentence = frequency_sentence(curve)
            assert "all the profile's capacity allows" in sentence
            assert f"post {following.posts_per_week} would add" in sentence
    status, message = _item(plan, "frequency")
    assert "your capacity; the curve alone would take" in message
    assert "one more post a week would add" in message
    assert status is Status.IMPROVE  # 3 feed posts a week now, 1 recommended


def test_frequency_is_ok_only_where_the_habit_sits_on_the_curve(
    bakery: Account, unlimited: Plan
) -> None:
    status, message = _item(unlimited, "frequency")
    recommended = {lane.surface: lane.frequency.recommended for lane in unlimited.lanes}
    habit = Posting(
        feed_per_week=recommended[Surface.FEED],
        reels_per_week=recommended[Surface.REELS],
        stories_per_week=recommended[Surface.STORIES],
        times=bakery.posting.times,
    )
    if recommended[Surface.FEED] != bakery.posting.feed_per_week:
        assert status is Status.IMPROVE and "Post as often as the frequency curve" in message
    matched = _plan(dataclasses.replace(bakery, posting=habit, capacity=None))
    if {lane.surface: lane.frequency.recommended for lane in matched.lanes} == recommended:
        status, message = _item(matched, "frequency")
        assert status is Status.OK and "where the frequency curve says it should" in message


def test_capacity_is_validated_as_counts_with_located_errors(
    tmp_path: Path, run_cli: RunCli
) -> None:
    profile = tmp_path / "cap.yaml"
    profile.write_text(
        "name: Cap\nfollowers: 4000\ncapacity:\n  feed_per_week: 2.5\n"
        "  reels_per_week: -1\n  story_per_week: 3\n",
        encoding="utf-8",
    )
    done = run_cli("validate", str(profile))
    assert done.returncode == 2
    assert "cap.yaml:4:18: error[wrong-type]: capacity.feed_per_week: expected a whole" in (
        done.stderr
    )
    assert "cap.yaml:5:19: error[out-of-range]: capacity.reels_per_week" in done.stderr
    assert "did you mean `stories_per_week`?" in done.stderr


def test_the_shipped_bakery_says_its_capacity(bakery: Account) -> None:
    assert bakery.capacity == {Surface.FEED: 4, Surface.REELS: 2, Surface.STORIES: 10}
    assert capacity_per_week(bakery, Surface.FEED) == 6  # a feed plan counts reels as well
    assert capacity_per_week(bakery, Surface.FEED, reels=False) == 4
    assert capacity_per_week(dataclasses.replace(bakery, capacity=None), Surface.FEED) is None
