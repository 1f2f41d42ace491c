"""Where posts go: drafts placed in the planned weeks, on the real engine."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import datetime, timedelta

import numpy as np
import pytest

from igalgo.advice.templates import template_draft
from igalgo.domain import FORMAT_SURFACES, Account, Draft, Format, Surface
from igalgo.engine.settings import EngineSettings
from igalgo.planning.params import DEFAULT_PLAN_PARAMS
from igalgo.planning.schedule import schedule_drafts, slot_values
from igalgo.planning.slots import Slot
from igalgo.world.model import score_drafts
from tests.planning.conftest import AMSTERDAM, SAMPLES, START


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
    values = slot_values(
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
    values = slot_values(
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
