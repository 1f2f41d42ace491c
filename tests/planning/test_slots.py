"""When to post: the weekday x hour grid and the best slots of a week, on the real engine."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from igalgo.advice.templates import local_time, template_draft
from igalgo.domain import Account, Format, Surface
from igalgo.engine.settings import EngineSettings
from igalgo.planning.slots import SURFACE_FORMATS, slot_grid, week_times
from igalgo.world.model import Simulation, score_drafts
from tests.planning.conftest import AMSTERDAM, SAMPLES, START


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


def test_grid_over_a_clock_change_leaves_the_missing_hour_empty(bakery_run: Simulation) -> None:
    grid = slot_grid(
        bakery_run,
        Surface.FEED,
        date(2027, 3, 22),
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
    grid = slot_grid(
        Simulation(bakery, settings=EngineSettings(samples=SAMPLES), seed=3), surface, START
    )
    for weekday, hour in [(0, 0), (1, 7), (3, 19), (5, 12), (6, 23)]:
        when = grid.publish_at[weekday][hour]
        assert when is not None
        draft = template_draft(grid.format, when)
        (alone,) = score_drafts(bakery, [draft], settings=EngineSettings(samples=SAMPLES), seed=3)
        assert grid.median[weekday][hour] == alone.surfaces[surface].reach.p50


def test_best_format_is_the_best_average_of_the_candidates(bakery_run: Simulation) -> None:
    grid = slot_grid(bakery_run, Surface.FEED, START)
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
