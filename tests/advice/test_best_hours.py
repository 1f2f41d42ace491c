"""One timing answer: the checklist's timing and audience items, the drivers' moves and the
plan's checklist all speak from the model's reach by hour (:mod:`igalgo.advice.best_hours`),
and name the usual times it rejects in the same words."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest

from igalgo.advice.best_hours import HourMeasure, hour_measure, rejected_words
from igalgo.advice.drivers import DEFAULT_DRIVER_PARAMS, MOVE_LEVERS
from igalgo.app.assess import ScoreOptions, assess_file
from igalgo.app.plan import PlanOptions, plan_account
from igalgo.domain import ALL_SURFACES, Format, Status
from igalgo.engine.settings import EngineSettings
from igalgo.inputs.loader import parse_drafts_text
from igalgo.world.model import Simulation

TODAY = date(2026, 12, 1)
SETTINGS = EngineSettings(samples=256)

WEBSHOP = """
account:
  name: Webshop
  account_type: business
  followers: 120000
  timezone: Europe/Amsterdam
  market: {niche: fashion, popularity: high}
  posting:
    feed_per_week: 4
    reels_per_week: 3
    stories_per_week: 7
    times: ["09:00", "12:30", "19:00", "21:00"]
  follower_activity:
    hours: [0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.2, 0.35, 0.45, 0.5, 0.5, 0.55,
            0.6, 0.55, 0.5, 0.5, 0.55, 0.7, 0.85, 1.0, 1.0, 0.85, 0.6, 0.4]
drafts:
  - {id: mon-carousel, format: carousel, publish_at: "2026-12-07 19:00", slides: 5,
     quality: high, caption: "Five looks for the holidays, swipe to find yours"}
  - {id: reel-a, format: reel, publish_at: "2026-12-08 12:30", duration_s: 7, quality: high,
     caption: "Packing orders before the holidays"}
  - {id: reel-b, format: reel, publish_at: "2026-12-09 21:00", duration_s: 7, quality: high,
     caption: "How our knitwear is made, start to finish"}
  - {id: reel-c, format: reel, publish_at: "2026-12-10 09:00", duration_s: 7, quality: high,
     caption: "Styling one coat three ways this winter"}
  - {id: photo, format: photo, publish_at: "2026-12-11 21:00", quality: standard,
     caption: "The winter coat is back in stock in every size"}
"""


@pytest.fixture(scope="module")
def webshop() -> Any:
    drafts_file = parse_drafts_text(WEBSHOP, "webshop.yaml", Path("."), None)
    report = assess_file(drafts_file, ScoreOptions(settings=SETTINGS, today=TODAY))
    return drafts_file, report


def _item(items: Any, name: str) -> Any:
    (found,) = [item for item in items if item.id == name]
    return found


def _measure(drafts_file: Any) -> HourMeasure:
    simulation = Simulation(drafts_file.account, settings=SETTINGS)
    formats = [d.format for d in drafts_file.drafts]
    samples = DEFAULT_DRIVER_PARAMS.time_search_samples
    return hour_measure(
        simulation, formats, ALL_SURFACES, date(2026, 12, 7), screen_samples=samples, keep_share=0.9
    )


def test_the_webshop_hears_one_answer_about_its_evening_routine(webshop: Any) -> None:
    """The issue's case: the audience item no longer sends the routine towards the activity
    peak while the drivers move posts away from it; it names the times the measure rejects."""
    drafts_file, report = webshop
    presence = _item(report.checklist, "audience_presence")
    assert "towards 19:00" not in presence.message
    measure = _measure(drafts_file)
    said = rejected_words(measure, drafts_file.account.posting.times)
    assert said and said in presence.message
    assert presence.status is not Status.OK
    rejected = {t for t, _ in measure.rejected(drafts_file.account.posting.times)}
    assert time(21, 0) in rejected and time(19, 0) not in rejected


def test_every_time_move_goes_where_the_measure_says_its_kind_does_better(webshop: Any) -> None:
    drafts_file, report = webshop
    measure = _measure(drafts_file)
    zone = drafts_file.account.timezone
    moved = 0
    for result in report.results:
        draft = result.estimate.draft
        for driver in result.drivers:
            if driver.lever in MOVE_LEVERS and driver.publish_at is not None:
                old = draft.publish_at.astimezone(driver.publish_at.tzinfo).hour
                new = driver.publish_at.hour
                assert measure.share(draft.format, new) >= measure.share(draft.format, old), (
                    zone,
                    draft.id,
                )
                moved += 1
    assert moved  # the photo at 21:00 is moved: the case checks something


def test_score_and_plan_name_the_rejected_times_in_the_same_words(webshop: Any) -> None:
    drafts_file, _ = webshop
    options = PlanOptions(start=date(2026, 12, 7), weeks=1, settings=SETTINGS, today=TODAY)
    plan = plan_account(drafts_file.account, list(drafts_file.drafts), options)
    planned = replace(drafts_file, drafts=tuple(p.draft for p in plan.schedule.posts))
    scored = assess_file(planned, ScoreOptions(settings=SETTINGS, today=TODAY))
    in_plan = _item(plan.checklist, "audience_presence").message
    in_score = _item(scored.checklist, "audience_presence").message
    said = rejected_words(_measure(planned), drafts_file.account.posting.times)
    assert said
    assert said in in_plan and said in in_score


def test_a_measure_rejects_a_time_only_for_the_kinds_that_lose_there() -> None:
    flat = tuple([1.0] * 24)
    evening = tuple(1.0 if 17 <= h <= 20 else 0.5 for h in range(24))
    measure = HourMeasure({Format.REEL: flat, Format.PHOTO: evening}, keep_share=0.9)
    assert measure.rejected([time(18, 0)]) == []
    ((when, short),) = measure.rejected([time(18, 0), time(9, 0)])
    assert when == time(9, 0) and short == [(Format.PHOTO, 0.5)]
    assert rejected_words(measure, [time(9, 0)]) == (
        "by the model's reach by hour, posts at your usual time 09:00 get less than 90 % of "
        "their best hour's reach (photos 50 % of 17:00's)"
    )
    assert measure.best_words() == "00:00 for reels, 17:00 for photos"
