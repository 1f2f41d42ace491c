"""``igalgo plan`` as a library: the whole plan, every shipped profile, every surface."""

from __future__ import annotations

import math
import subprocess
import sys
from datetime import date
from typing import Any

import pytest

from igalgo.advice.best_hours import week_values
from igalgo.advice.drivers import DEFAULT_DRIVER_PARAMS, MOVE_LEVERS, DriverParams
from igalgo.advice.moves import screen_run
from igalgo.advice.templates import TemplateShape
from igalgo.app.plan import (
    Plan,
    PlanOptions,
    lane_grid,
    lane_plan,
    lanes_needed,
    next_monday,
    plan_account,
)
from igalgo.app.validate import list_shipped_profiles
from igalgo.domain import ALL_SURFACES, Account, Format, Status, Surface
from igalgo.engine.settings import EngineSettings
from igalgo.inputs.loader import load_account, load_drafts
from igalgo.planning.params import PlanParams
from igalgo.planning.slots import SURFACE_FORMATS, slot_grid
from igalgo.world.model import Simulation
from tests.conftest import PROFILES, REPO

SAMPLES = 200
"""Enough for the properties below, which hold for any sample count; keeps the suite fast."""

START = date(2026, 12, 7)
"""A Monday."""


@pytest.fixture(scope="module")
def bakery() -> Account:
    """The shipped bakery profile."""
    return load_account("bakery")


def test_next_monday_is_strictly_after_today() -> None:
    assert next_monday(date(2026, 12, 7)) == date(2026, 12, 14)  # a Monday: the next one
    assert next_monday(date(2026, 12, 6)) == date(2026, 12, 7)  # Sunday
    assert next_monday(date(2026, 12, 9)) == date(2026, 12, 14)  # Wednesday


def test_an_account_nobody_sees_gets_no_recommendation_but_a_plan() -> None:
    nobody = Account("Nobody", 0, timezone="Europe/Amsterdam")
    plan = plan_account(
        nobody,
        options=PlanOptions(
            surface=Surface.FEED, start=START, weeks=1, settings=EngineSettings(samples=SAMPLES)
        ),
    )
    assert plan.lanes[0].frequency.recommended == 0
    assert all(p.weekly_reach == 0 for p in plan.lanes[0].frequency.points)
    assert plan.lanes[0].per_week == 1 and len(plan.schedule.posts) == 1


def check_plan(plan: Plan) -> None:
    """What every plan must satisfy."""
    surface, grid = plan.surface, plan.lanes[0].grid
    assert surface is not None
    assert grid.format in SURFACE_FORMATS[surface]
    assert len(grid.median) == 7 and all(len(row) == 24 for row in grid.median)
    values = [v for row in grid.median for v in row if v is not None]
    assert len(values) >= 167 and all(v >= 0 for v in values)
    assert max(values) > 0, f"{plan.account.name} reaches nobody on {surface}"
    assert 1 <= plan.lanes[0].frequency.recommended <= len(plan.lanes[0].frequency.points)
    assert plan.lanes[0].per_week == plan.lanes[0].frequency.recommended
    assert len(plan.lanes[0].recommended_slots) == plan.lanes[0].per_week
    assert all(surface in item.surfaces for item in plan.checklist)
    assert all(driver.surface is surface for driver in plan.lanes[0].content)
    assert plan.lanes[0].template.format is grid.format
    posts = plan.schedule.posts
    assert len(posts) == plan.lanes[0].per_week * plan.schedule.weeks
    # At the recommended slots, or moved within their day when the schedule gained by it.
    days = sorted(s.weekday for s in plan.lanes[0].recommended_slots) * plan.schedule.weeks
    assert sorted(p.slot.weekday for p in posts) == sorted(days)
    assert all(p.estimate.surfaces[surface].eligible for p in posts)
    assert not {d.lever for p in posts for d in p.drivers} & MOVE_LEVERS


SHIPPED = [profile.name for profile in list_shipped_profiles()]


@pytest.mark.parametrize("surface", list(Surface))
@pytest.mark.parametrize("profile", SHIPPED)
def test_every_shipped_profile_plans_every_surface(profile: str, surface: Surface) -> None:
    plan = plan_account(
        load_account(profile),
        options=PlanOptions(
            surface=surface, start=START, weeks=1, settings=EngineSettings(samples=100)
        ),
    )
    check_plan(plan)


def test_plan_defaults_start_on_the_next_monday_and_is_reproducible(bakery: Account) -> None:
    first = plan_account(
        bakery,
        options=PlanOptions(
            surface=Surface.STORIES,
            today=date(2026, 12, 2),
            settings=EngineSettings(samples=SAMPLES),
        ),
    )
    assert first.schedule.start == date(2026, 12, 7)
    again = plan_account(
        bakery,
        options=PlanOptions(
            surface=Surface.STORIES,
            today=date(2026, 12, 2),
            settings=EngineSettings(samples=SAMPLES),
        ),
    )
    assert again == first
    other = plan_account(
        bakery,
        options=PlanOptions(
            surface=Surface.STORIES,
            today=date(2026, 12, 2),
            settings=EngineSettings(samples=SAMPLES),
            seed=1,
        ),
    )
    assert other.lanes[0].grid.median != first.lanes[0].grid.median


def test_plan_with_per_week_uses_it(bakery: Account) -> None:
    plan = plan_account(
        bakery,
        options=PlanOptions(
            surface=Surface.REELS, start=START, per_week=2, settings=EngineSettings(samples=SAMPLES)
        ),
    )
    assert plan.lanes[0].per_week == 2 and len(plan.lanes[0].recommended_slots) == 2


@pytest.mark.parametrize("option", ["weeks", "per_week"])
def test_plan_rejects_nonsense_numbers(bakery: Account, option: str) -> None:
    nonsense: dict[str, Any] = {option: 0}
    with pytest.raises(ValueError, match=option):
        plan_account(bakery, options=PlanOptions(surface=Surface.FEED, start=START, **nonsense))


def test_the_planner_core_imports_no_cli_rendering_or_yaml() -> None:
    """The plan use case, planning, plan_report and ics are core: typer, rich and
    yaml stay out (only cli, render and loader may use them)."""
    code = (
        "import sys\n"
        "import igalgo.app.plan, igalgo.planning.placement\n"
        "import igalgo.output.plan_report\n"
        "import igalgo.output.ics\n"
        "print(sorted(m for m in ('typer', 'rich', 'yaml', 'click') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert result.stdout.strip() == "[]"


def test_the_plan_finds_drivers_and_judges_timing_with_the_driver_params_given(
    bakery: Account,
) -> None:
    strict = DriverParams(min_effect=0.10)
    plan = plan_account(
        bakery,
        options=PlanOptions(
            surface=Surface.FEED,
            start=START,
            settings=EngineSettings(samples=SAMPLES),
            driver_params=strict,
        ),
    )
    found = [*plan.lanes[0].content, *(d for post in plan.schedule.posts for d in post.drivers)]
    assert all(driver.effect >= 0.10 for driver in found)
    (timing,) = [item for item in plan.checklist if item.id == "timing"]
    assert "by 10 % of the post" in timing.message  # the params' min_effect, not 2 %


def test_the_plan_scores_its_own_template_shape_everywhere(bakery: Account) -> None:
    shape = TemplateShape(reel_s=45.0)
    settings = EngineSettings(samples=SAMPLES)
    plan = plan_account(
        bakery,
        options=PlanOptions(
            surface=Surface.REELS,
            start=START,
            weeks=1,
            settings=settings,
            params=PlanParams(template=shape),
        ),
    )
    assert plan.lanes[0].template.duration_s == 45.0
    assert {post.draft.duration_s for post in plan.schedule.posts} == {45.0}
    simulation = Simulation(bakery, settings=settings)
    measure = screen_run(simulation, DEFAULT_DRIVER_PARAMS.time_search_samples)
    grid = slot_grid(simulation, Surface.REELS, START, template=shape, measure=measure)
    assert plan.lanes[0].grid == grid
    assert plan.lanes[0].grid != slot_grid(simulation, Surface.REELS, START, measure=measure)


def test_a_plan_of_all_surfaces_plans_feed_posts_reels_and_stories_together(
    bakery: Account,
) -> None:
    drafts = load_drafts(str(PROFILES / "demo-plan.yaml")).drafts
    plan = plan_account(
        bakery, drafts, PlanOptions(start=START, settings=EngineSettings(samples=100))
    )
    assert plan.surface is None and plan.surfaces == ALL_SURFACES
    assert [lane.surface for lane in plan.lanes] == [Surface.REELS, Surface.FEED, Surface.STORIES]
    assert plan.lane(Surface.FEED).grid.format is not Format.REEL  # reels have their own lane
    schedule = plan.schedule
    assert schedule.surfaces == ALL_SURFACES
    kinds = {post.draft.format for post in schedule.posts}
    assert Format.STORY in kinds and Format.REEL in kinds and kinds & {Format.PHOTO}
    assert schedule.typical_reach == sum(p.estimate.total.p50 for p in schedule.posts)
    assert {item.id for item in plan.checklist} >= {"timing", "frequency", "audience_presence"}
    template = plan_account(
        bakery, options=PlanOptions(start=START, weeks=1, settings=EngineSettings(samples=100))
    )
    per_lane = sum(lane.per_week for lane in template.lanes)
    assert len(template.schedule.posts) == per_lane
    (strategy,) = [item for item in template.checklist if item.id == "strategy"]
    assert "for each kind of post the format that reaches most" in strategy.message


def test_the_presence_item_judges_the_usual_times_by_the_models_reach_by_hour(
    bakery: Account,
) -> None:
    """A plan's checklist judges the usual times by the model's reach by hour and points at
    the slots it recommends, not at follower activity alone."""
    plan = plan_account(
        bakery,
        options=PlanOptions(
            surface=Surface.FEED, start=START, settings=EngineSettings(samples=100)
        ),
    )
    (presence,) = [item for item in plan.checklist if item.id == "audience_presence"]
    assert "by the model's reach by hour" in presence.message
    if presence.status is not Status.OK:
        for slot in plan.lanes[0].recommended_slots:
            assert slot.label in presence.message


def test_a_dated_draft_the_plan_keeps_gets_the_move_score_would_give() -> None:
    from dataclasses import replace

    from igalgo.app.assess import ScoreOptions, assess_file

    drafts_file = load_drafts(str(PROFILES / "demo-drafts.yaml"))
    dawn = next(d for d in drafts_file.drafts if d.id == "new-loaf-photo")
    dated = replace(dawn, publish_at=dawn.publish_at.replace(day=8, hour=23))  # Tue 23:00
    settings = EngineSettings(samples=SAMPLES)
    plan = plan_account(
        drafts_file.account,
        [dated],
        PlanOptions(start=START, weeks=1, settings=settings, today=date(2026, 12, 1)),
    )
    (post,) = [p for p in plan.schedule.posts if p.draft.id == dated.id]
    assert post.draft.publish_at == dated.publish_at  # kept where its file dates it
    planned = [d for d in post.drivers if d.lever in MOVE_LEVERS]
    schedule = replace(drafts_file, drafts=tuple(p.draft for p in plan.schedule.posts))
    scored = assess_file(schedule, ScoreOptions(settings=settings, today=date(2026, 12, 1)))
    (result,) = [r for r in scored.results if r.estimate.draft.id == dated.id]
    assert planned == [d for d in result.drivers if d.lever in MOVE_LEVERS]
    assert planned and planned[0].publish_at is not None


def test_each_lane_made_apart_with_the_lanes_it_needs_is_the_plans_own(bakery: Account) -> None:
    """The report makes a plan's lanes apart (in workers, each as soon as what it needs is
    known): a lane made with only the lanes whose slots it keeps apart from, in another order
    than the plan's, is the plan's own lane, and the plan made with them is the same plan."""
    drafts = load_drafts(str(PROFILES / "demo-plan.yaml")).drafts
    options = PlanOptions(start=START, settings=EngineSettings(samples=100))
    plan = plan_account(bakery, drafts, options)
    needed = {
        lane.surface: lanes_needed(lane.surface, options.surfaces, options.driver_params)
        for lane in plan.lanes
    }
    # A story reaches no surface a feed post or a reel reaches: no gap, so no wait.
    assert needed == {Surface.REELS: (), Surface.FEED: (Surface.REELS,), Surface.STORIES: ()}
    simulation = Simulation(bakery, settings=options.settings, seed=options.seed)
    grids = {
        lane.surface: lane_grid(simulation, options.surfaces, lane.surface, START, options.params)
        for lane in plan.lanes
    }
    made = {}
    for surface in (Surface.STORIES, Surface.REELS, Surface.FEED):
        before = [made[other] for other in needed[surface]]
        made[surface] = lane_plan(simulation, grids[surface], before, options)
        assert made[surface] == plan.lane(surface)
    assert plan_account(bakery, drafts, options, grids=grids, lanes_made=made) == plan
    for surface in Surface:  # one surface: one lane, which needs none
        (only,) = PlanOptions(surface=surface).surfaces
        assert lanes_needed(only, frozenset({surface}), options.driver_params) == ()


@pytest.mark.parametrize("surface", [Surface.FEED, Surface.STORIES, Surface.REELS])
def test_a_lanes_first_slot_is_its_days_best_hour_by_the_one_hour_measure(
    bakery: Account, surface: Surface
) -> None:
    """The plan's slots come from the measure the drivers' hour screen and the checklist read
    (advice.best_hours.week_values), not from a table of their own."""
    settings = EngineSettings(samples=SAMPLES)
    options = PlanOptions(surface=surface, start=START, weeks=1, settings=settings)
    (lane,) = plan_account(bakery, options=options).lanes
    measure = week_values(
        screen_run(
            Simulation(bakery, settings=settings), DEFAULT_DRIVER_PARAMS.time_search_samples
        ),
        frozenset({surface}),
        START,
    )[lane.grid.format]
    (first,) = lane.frequency.points[0].slots
    day = [v for v in measure[first.weekday * 24 : first.weekday * 24 + 24] if not math.isnan(v)]
    assert measure[first.index] == max(day)
    assert lane.grid.ranking == measure
