"""``igalgo plan`` as a library: slot grid, frequency, schedule, on the real engine."""

from __future__ import annotations

import itertools
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from igalgo.app.validate import list_shipped_profiles
from igalgo.domain import FORMAT_SURFACES, Account, Draft, Format, Surface
from igalgo.engine.settings import EngineSettings
from igalgo.inputs.loader import load_account, load_drafts
from igalgo.planning.planner import (
    DEFAULT_PLAN_PARAMS,
    SURFACE_FORMATS,
    FrequencyPoint,
    Plan,
    Slot,
    best_slots,
    current_per_week,
    frequency,
    local_time,
    next_monday,
    plan_surface,
    recommend,
    schedule_drafts,
    slot_grid,
    slot_values,
    template_draft,
    week_times,
)
from igalgo.world.model import score_drafts
from tests.conftest import PROFILES, REPO

SAMPLES = 200
"""Enough for the properties below, which hold for any sample count; keeps the suite fast."""

START = date(2026, 12, 7)
"""A Monday."""

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture(scope="module")
def bakery() -> Account:
    return load_account("bakery")


# --- time ------------------------------------------------------------------------------------


def test_next_monday_is_strictly_after_today() -> None:
    assert next_monday(date(2026, 12, 7)) == date(2026, 12, 14)  # a Monday: the next one
    assert next_monday(date(2026, 12, 6)) == date(2026, 12, 7)  # Sunday
    assert next_monday(date(2026, 12, 9)) == date(2026, 12, 14)  # Wednesday


def test_week_rows_are_weekdays_whatever_the_start() -> None:
    rows = week_times(date(2026, 12, 9), AMSTERDAM)  # a Wednesday
    for weekday, row in enumerate(rows):
        assert [t.hour for t in row if t is not None] == list(range(24))
        assert {t.weekday() for t in row if t is not None} == {weekday}
    days = sorted({t.date() for row in rows for t in row if t is not None})
    assert days == [date(2026, 12, 9) + timedelta(days=n) for n in range(7)]


def test_the_hour_clocks_skip_has_no_slot_and_the_repeated_hour_is_its_first() -> None:
    # Europe/Amsterdam: 2027-03-28 02:00 does not exist; 2027-10-31 02:00 happens twice.
    assert local_time(date(2027, 3, 28), 2, AMSTERDAM) is None
    spring = week_times(date(2027, 3, 22), AMSTERDAM)
    assert spring[6][2] is None and all(t is not None for t in spring[6][:2] + spring[6][3:])
    autumn = local_time(date(2027, 10, 31), 2, AMSTERDAM)
    assert autumn is not None and autumn.fold == 0
    assert autumn.astimezone(UTC) == datetime(2027, 10, 31, 0, 0, tzinfo=UTC)


def test_grid_over_a_clock_change_leaves_the_missing_hour_empty(bakery: Account) -> None:
    grid = slot_grid(
        bakery, Surface.FEED, date(2027, 3, 22), settings=EngineSettings(samples=SAMPLES)
    )
    assert grid.median[6][2] is None
    assert sum(value is None for row in grid.median for value in row) == 1
    # Every other slot was scored at its concrete local time of that week.
    sunday_3am = grid.publish_at[6][3]
    assert sunday_3am is not None and sunday_3am.utcoffset() == timedelta(hours=2)


# --- when ------------------------------------------------------------------------------------


@pytest.mark.parametrize("surface", list(Surface))
def test_slot_value_is_what_score_estimates_for_that_draft_at_that_time(
    bakery: Account, surface: Surface
) -> None:
    """One code path: a heatmap cell equals score_drafts on the same draft, alone."""
    grid = slot_grid(bakery, surface, START, settings=EngineSettings(samples=SAMPLES), seed=3)
    for weekday, hour in [(0, 0), (1, 7), (3, 19), (5, 12), (6, 23)]:
        when = grid.publish_at[weekday][hour]
        assert when is not None
        draft = template_draft(grid.format, when)
        (alone,) = score_drafts(bakery, [draft], settings=EngineSettings(samples=SAMPLES), seed=3)
        assert grid.median[weekday][hour] == alone.surfaces[surface].reach.p50


def test_best_format_is_the_best_average_of_the_candidates(bakery: Account) -> None:
    grid = slot_grid(bakery, Surface.FEED, START, settings=EngineSettings(samples=SAMPLES))
    assert set(grid.format_reach) == set(SURFACE_FORMATS[Surface.FEED])
    assert grid.format_reach[grid.format] == max(grid.format_reach.values())
    cells = [v for row in grid.median for v in row if v is not None]
    assert sum(cells) / len(cells) == pytest.approx(grid.format_reach[grid.format])


def test_the_model_has_no_seasons_so_weekly_values_repeat(bakery: Account) -> None:
    """schedule_drafts reuses one week's values for every planned week: pin why that is right."""
    draft = template_draft(Format.REEL, datetime(2026, 12, 8, 19, tzinfo=AMSTERDAM))
    later = [replace(draft, publish_at=draft.publish_at + timedelta(weeks=n)) for n in (1, 17)]
    first, *others = score_drafts(
        bakery, [draft, *later], settings=EngineSettings(samples=SAMPLES), compete=False
    )
    for other in others:
        assert other.surfaces == first.surfaces


def test_best_slots_respect_the_spacing_across_the_week(bakery: Account) -> None:
    grid = slot_grid(bakery, Surface.FEED, START, settings=EngineSettings(samples=SAMPLES))
    for count in (1, 3, 7, 14):
        slots = best_slots(grid, count, 12)
        assert len(slots) == count
        indices = sorted(s.index for s in slots)
        gaps = [b - a for a, b in itertools.pairwise(indices)] + [indices[0] + 168 - indices[-1]]
        assert min(gaps) >= 12 or count == 1
    (single,) = best_slots(grid, 1, 12)
    best = max(v for row in grid.median for v in row if v is not None)
    assert grid.value(single) == best


# --- how often -------------------------------------------------------------------------------


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


def test_an_account_nobody_sees_gets_no_recommendation_but_a_plan() -> None:
    nobody = Account("Nobody", 0, timezone="Europe/Amsterdam")
    plan = plan_surface(
        nobody, Surface.FEED, start=START, weeks=1, settings=EngineSettings(samples=SAMPLES)
    )
    assert plan.frequency.recommended == 0
    assert all(p.weekly_reach == 0 for p in plan.frequency.points)
    assert plan.per_week == 1 and len(plan.schedule.posts) == 1


def test_current_frequency_per_surface_from_the_profile(bakery: Account) -> None:
    posting = bakery.posting
    assert current_per_week(bakery, Surface.STORIES) == posting.stories_per_week
    assert current_per_week(bakery, Surface.REELS) == posting.reels_per_week
    both = posting.feed_per_week + posting.reels_per_week
    assert (
        current_per_week(bakery, Surface.FEED) == current_per_week(bakery, Surface.EXPLORE) == both
    )


def test_own_posts_compete_so_the_curve_bends(bakery: Account) -> None:
    plan = plan_surface(bakery, Surface.FEED, start=START, settings=EngineSettings(samples=SAMPLES))
    points = plan.frequency.points
    assert [p.posts_per_week for p in points] == list(range(1, len(points) + 1))
    assert len(points) == DEFAULT_PLAN_PARAMS.max_posts_per_week[Surface.FEED]
    for previous, current in itertools.pairwise(points):
        assert current.marginal_reach == pytest.approx(current.weekly_reach - previous.weekly_reach)
    # Diminishing returns: the last post adds less than the first.
    assert points[-1].marginal_reach < points[0].weekly_reach
    # N posts alone would reach the sum of their slots; together they reach less.
    times = [plan.grid.publish_at[s.weekday][s.hour] for s in points[-1].slots]
    alone = score_drafts(
        bakery,
        [template_draft(plan.grid.format, t) for t in times if t is not None],
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


# --- with drafts -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo() -> tuple[Account, tuple[Draft, ...]]:
    drafts_file = load_drafts(str(PROFILES / "demo-drafts.yaml"))
    return drafts_file.account, drafts_file.drafts


@pytest.mark.parametrize("surface", list(Surface))
def test_schedule_places_every_draft_that_can_reach_the_surface(
    demo: tuple[Account, tuple[Draft, ...]], surface: Surface
) -> None:
    account, drafts = demo
    schedule = schedule_drafts(
        account,
        surface,
        drafts,
        start=START,
        weeks=2,
        per_week=5,
        settings=EngineSettings(samples=SAMPLES),
    )
    ineligible = {d.id for d in drafts if surface not in FORMAT_SURFACES[d.format]}
    assert {d.id for d in schedule.ineligible} == ineligible
    placed = [p.draft.id for p in schedule.posts]
    apart = {d.id for d in (*schedule.ineligible, *schedule.no_reach, *schedule.unplaced)}
    assert sorted([*placed, *apart]) == sorted(d.id for d in drafts)
    assert not set(placed) & apart
    # The rules: inside the planned weeks, at most per_week a week, spacing kept.
    spacing = DEFAULT_PLAN_PARAMS.min_spacing_hours[surface]
    times = [p.draft.publish_at for p in schedule.posts]
    assert times == sorted(times)
    for earlier, later in itertools.pairwise(times):
        assert (later - earlier).total_seconds() / 3600 >= spacing
    for week in range(2):
        in_week = [p for p in schedule.posts if p.week == week]
        assert len(in_week) <= 5
        for post in in_week:
            day = post.draft.publish_at.date()
            assert START + timedelta(weeks=week) <= day < START + timedelta(weeks=week + 1)
            assert post.slot == Slot(day.weekday(), post.draft.publish_at.hour)
    # Proven best, or (when the search hits its limits on near-ties) within 0.1 % of a proven
    # bound: either way far inside the Monte Carlo's own precision.
    placement = schedule.placement
    assert placement is not None
    assert placement.optimal or placement.upper_bound <= 1.001 * placement.objective
    # The estimates are score's for the planned file: the placed drafts scored together.
    planned = [p.draft for p in schedule.posts]
    if planned:
        together = score_drafts(
            account, planned, settings=EngineSettings(samples=SAMPLES), compete=True
        )
        assert [p.estimate for p in schedule.posts] == together


def test_a_draft_the_model_gives_no_reach_is_listed_apart(bakery: Account) -> None:
    when = datetime(2026, 12, 8, 19, tzinfo=AMSTERDAM)
    long_video = Draft("long", Format.VIDEO, when, duration_s=600.0)
    photo = Draft("photo", Format.PHOTO, when)
    schedule = schedule_drafts(
        bakery, Surface.EXPLORE, [long_video, photo], start=START, weeks=1, per_week=3,
        settings=EngineSettings(samples=SAMPLES),
    )  # fmt: skip
    assert [d.id for d in schedule.no_reach] == ["long"]
    assert [p.draft.id for p in schedule.posts] == ["photo"]


def test_more_drafts_than_room_leaves_the_weakest_unplaced(bakery: Account) -> None:
    when = datetime(2026, 12, 8, 19, tzinfo=AMSTERDAM)
    drafts = [
        Draft("plain", Format.PHOTO, when),
        replace(template_draft(Format.CAROUSEL, when), id="carousel"),
        replace(template_draft(Format.REEL, when), id="reel"),
    ]
    schedule = schedule_drafts(
        bakery,
        Surface.REELS,
        drafts,
        start=START,
        weeks=1,
        per_week=1,
        settings=EngineSettings(samples=SAMPLES),
    )
    assert [d.id for d in schedule.ineligible] == ["plain", "carousel"]
    assert [p.draft.id for p in schedule.posts] == ["reel"]
    schedule = schedule_drafts(
        bakery,
        Surface.FEED,
        drafts,
        start=START,
        weeks=1,
        per_week=2,
        settings=EngineSettings(samples=SAMPLES),
    )
    assert len(schedule.posts) == 2 and len(schedule.unplaced) == 1
    _, values = slot_values(
        bakery, Surface.FEED, drafts, START, settings=EngineSettings(samples=SAMPLES), seed=0
    )
    weakest = min(range(3), key=lambda row: values[row].max())
    assert schedule.unplaced[0].id == drafts[weakest].id


def test_placement_is_optimal_against_brute_force_on_engine_values(bakery: Account) -> None:
    """The whole path, on a small instance: engine values, the solver, and the plan it keeps."""
    when = datetime(2026, 12, 8, 19, tzinfo=AMSTERDAM)
    drafts = [
        replace(template_draft(Format.CAROUSEL, when), id="carousel"),
        replace(template_draft(Format.REEL, when), id="reel"),
        Draft("photo", Format.PHOTO, when),
    ]
    schedule = schedule_drafts(
        bakery,
        Surface.FEED,
        drafts,
        start=START,
        weeks=1,
        per_week=3,
        settings=EngineSettings(samples=SAMPLES),
    )
    _, values = slot_values(
        bakery, Surface.FEED, drafts, START, settings=EngineSettings(samples=SAMPLES), seed=0
    )
    spacing = DEFAULT_PLAN_PARAMS.min_spacing_hours[Surface.FEED]
    # Brute force over each draft's best hours: a post rules out at most 2 * spacing - 1
    # hours around it, so with two other posts a draft's best 2 * (2 * spacing - 1) + 1 hours
    # always hold a free one, and an optimal plan needs no other hour.
    keep = 2 * (2 * int(spacing) - 1) + 1
    best_total = 0.0
    candidates = [list(np.argsort(-values[row], kind="stable")[:keep]) for row in range(3)]
    for hours in itertools.product(*candidates):
        if len(set(hours)) < 3:
            continue
        if any(abs(a - b) < spacing for a, b in itertools.combinations(hours, 2)):
            continue
        best_total = max(best_total, sum(values[row, h] for row, h in enumerate(hours)))
    assert schedule.placement is not None
    assert schedule.placement.objective == pytest.approx(best_total)


# --- the whole plan, every shipped profile, every surface -------------------------------------


def check_plan(plan: Plan) -> None:
    """What every plan must satisfy."""
    surface, grid = plan.surface, plan.grid
    assert grid.format in SURFACE_FORMATS[surface]
    assert len(grid.median) == 7 and all(len(row) == 24 for row in grid.median)
    values = [v for row in grid.median for v in row if v is not None]
    assert len(values) >= 167 and all(v >= 0 for v in values)
    assert max(values) > 0, f"{plan.account.name} reaches nobody on {surface}"
    assert 1 <= plan.frequency.recommended <= len(plan.frequency.points)
    assert plan.per_week == plan.frequency.recommended
    assert len(plan.recommended_slots) == plan.per_week
    assert all(surface in item.surfaces for item in plan.checklist)
    assert all(driver.surface is surface for driver in plan.content)
    assert plan.template.format is grid.format
    posts = plan.schedule.posts
    assert len(posts) == plan.per_week * plan.schedule.weeks
    assert {p.slot for p in posts} == set(plan.recommended_slots)
    assert all(p.estimate.surfaces[surface].eligible for p in posts)


SHIPPED = [profile.name for profile in list_shipped_profiles()]


@pytest.mark.parametrize("surface", list(Surface))
@pytest.mark.parametrize("profile", SHIPPED)
def test_every_shipped_profile_plans_every_surface(profile: str, surface: Surface) -> None:
    plan = plan_surface(
        load_account(profile), surface, start=START, weeks=1, settings=EngineSettings(samples=100)
    )
    check_plan(plan)


def test_plan_defaults_start_on_the_next_monday_and_is_reproducible(bakery: Account) -> None:
    first = plan_surface(
        bakery, Surface.STORIES, today=date(2026, 12, 2), settings=EngineSettings(samples=SAMPLES)
    )
    assert first.schedule.start == date(2026, 12, 7)
    again = plan_surface(
        bakery, Surface.STORIES, today=date(2026, 12, 2), settings=EngineSettings(samples=SAMPLES)
    )
    assert again == first
    other = plan_surface(
        bakery,
        Surface.STORIES,
        today=date(2026, 12, 2),
        settings=EngineSettings(samples=SAMPLES),
        seed=1,
    )
    assert other.grid.median != first.grid.median


def test_plan_with_per_week_uses_it(bakery: Account) -> None:
    plan = plan_surface(
        bakery, Surface.REELS, start=START, per_week=2, settings=EngineSettings(samples=SAMPLES)
    )
    assert plan.per_week == 2 and len(plan.recommended_slots) == 2


@pytest.mark.parametrize(("option", "value"), [("weeks", 0), ("per_week", 0)])
def test_plan_rejects_nonsense_numbers(bakery: Account, option: str, value: int) -> None:
    with pytest.raises(ValueError, match=option):
        plan_surface(bakery, Surface.FEED, start=START, **{option: value})  # type: ignore[arg-type]


def test_the_planner_core_imports_no_cli_rendering_or_yaml() -> None:
    """planner, assignment, plan_report, plan_schema and ics are core: typer, rich and yaml
    stay out (only cli, render and loader may use them)."""
    code = (
        "import sys\n"
        "import igalgo.planning.planner, igalgo.planning.assignment\n"
        "import igalgo.output.plan_report, igalgo.output.plan_schema\n"
        "import igalgo.output.ics\n"
        "print(sorted(m for m in ('typer', 'rich', 'yaml', 'click') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert result.stdout.strip() == "[]"
