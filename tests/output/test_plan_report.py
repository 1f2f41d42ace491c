"""The machine output of ``igalgo plan``: JSON (with its schema) and CSV."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from docs.tools.plan_schema import plan_schema
from igalgo.app.plan import PlanOptions, plan_account
from igalgo.domain import WEEKDAYS, Surface
from igalgo.engine.settings import EngineSettings
from igalgo.inputs.loader import load_drafts
from igalgo.output.plan_report import (
    PLAN_CSV_COLUMNS,
    PLAN_SCHEMA_VERSION,
    plan_csv,
    plan_document,
    plan_json,
)
from tests.conftest import PROFILES, schema_errors
from tests.handmade_plan import RECOMMENDED, plan


def test_document_has_every_part_with_rounded_numbers() -> None:
    data = plan_document(plan(), "week.yaml")
    assert data["schema_version"] == PLAN_SCHEMA_VERSION == 8
    assert data["seed"] == 7 and data["samples"] == 500 and data["source"] == "week.yaml"
    assert data["surface"] == "feed" and data["surfaces"] == ["feed"]
    (lane,) = data["lanes"]
    assert lane["surface"] == "feed"
    heatmap = lane["heatmap"]
    assert heatmap["format"] == "carousel" and heatmap["week_start"] == "2027-03-22"
    # 168 hours minus the one the clocks skip that week.
    assert len(heatmap["slots"]) == 167
    assert {"weekday": "sun", "hour": 2} not in [
        {"weekday": c["weekday"], "hour": c["hour"]} for c in heatmap["slots"]
    ]
    first = heatmap["slots"][0]
    assert first["publish_at"] == "2027-03-22T00:00:00+01:00"
    assert isinstance(first["median_reach"], int)
    after_change = next(c for c in heatmap["slots"] if (c["weekday"], c["hour"]) == ("sun", 3))
    assert after_change["publish_at"] == "2027-03-28T03:00:00+02:00"
    marked = [(c["weekday"], c["hour"]) for c in heatmap["slots"] if c["recommended"]]
    assert marked == [(WEEKDAYS[s.weekday], s.hour) for s in RECOMMENDED]
    assert [f["format"] for f in heatmap["formats"]] == ["carousel", "photo", "reel", "video"]
    assert heatmap["formats"][1]["vs_best"] == round(233.0 / 250.4 - 1, 3)
    frequency = lane["frequency"]
    assert frequency["recommended"] == frequency["per_week"] == 3
    assert frequency["habit"] == "within" and frequency["spacing_hours"] == 12
    assert frequency["points"][0] == {
        "posts_per_week": 1,
        "weekly_reach": 520,
        "weekly_expected": 530,
        "marginal_reach": 520,
        "per_post": 520,
        "slots": [{"weekday": "sat", "hour": 19}],
    }
    assert lane["content"]["drivers"][0]["effect"] == 0.18
    assert lane["content"]["advice"][0].startswith("Raise production quality")
    assert [item["id"] for item in data["checklist"]] == ["timing", "frequency"]
    schedule = data["schedule"]
    assert [p["id"] for p in schedule["posts"]] == [
        "sourdough-carousel",
        "new-loaf-photo",
        "reel-20270322-1200",
    ]
    first = schedule["posts"][0]
    assert first["publish_at"] == "2027-03-23T19:00:00+01:00"
    assert first["reach"] == {"p10": 488, "p50": 610, "p90": 763, "mean": 623}
    assert first["surfaces"]["feed"] == first["reach"] and first["lane"] == "feed"
    assert first["pinned"] is False
    assert schedule["unplaced"] == ["team-photo"]
    assert schedule["ineligible"] == ["opening-hours-story"]
    assert schedule["no_reach"] == [{"id": "long-video", "reason": "not recommended: too long"}]
    assert schedule["outside"] == []
    assert schedule["per_week"] == {"feed": 3} and schedule["spacing_hours"] == {"feed": 12}
    # Both totals, each saying what it sums: medians (typical) and means (expected).
    assert schedule["typical_reach"] == round(610.4 + 498.5 + 702.0)
    assert schedule["expected_reach"] == round(1.02 * (610.4 + 498.5 + 702.0))
    assert schedule["placement"] == {
        "objective": 1850,
        "moves": 0,
        "moved_gain": 0,
    }


def test_a_plan_without_drafts_has_no_placement() -> None:
    schedule = plan_document(plan(from_drafts=False), "bakery")["schedule"]
    assert schedule["from_drafts"] is False and "placement" not in schedule


def test_json_is_deterministic_sorted_and_versioned() -> None:
    text = plan_json(plan(), "week.yaml")
    assert text == plan_json(plan(), "week.yaml")
    data = json.loads(text)
    assert text == json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def test_json_validates_against_the_schema() -> None:
    schema = plan_schema()
    for made in (plan(), plan(from_drafts=False)):
        assert schema_errors(json.loads(plan_json(made, "x")), schema) == []


def test_schema_rejects_broken_documents() -> None:
    schema = plan_schema()
    data = json.loads(plan_json(plan(), "x"))
    data["schema_version"] = 1
    data["surface"] = "tv"
    data["lanes"][0]["heatmap"]["slots"][0]["weekday"] = "monday"
    del data["lanes"][0]["frequency"]["recommended"]
    data["schedule"]["posts"][0]["extra"] = 1
    data["schedule"]["placement"]["optimal"] = True  # schema_version 3 had it; 4 has no claim
    problems = "\n".join(schema_errors(data, schema))
    assert f"$.schema_version: {PLAN_SCHEMA_VERSION} was expected" in problems
    assert "$.schedule.placement: Additional properties are not allowed ('optimal'" in problems
    assert "$.surface: 'tv' is not one of" in problems
    assert "$.lanes[0].heatmap.slots[0].weekday: 'monday' is not one of" in problems
    assert "$.lanes[0].frequency: 'recommended' is a required property" in problems
    assert "$.schedule.posts[0]: Additional properties are not allowed ('extra'" in problems


@pytest.mark.parametrize("surface", list(Surface))
def test_real_plans_validate_on_every_surface(surface: Surface) -> None:
    drafts_file = load_drafts(str(PROFILES / "demo-plan.yaml"))
    made = plan_account(
        drafts_file.account,
        drafts_file.drafts,
        PlanOptions(
            surface=surface, start=date(2026, 12, 7), weeks=1, settings=EngineSettings(samples=100)
        ),
    )
    assert schema_errors(json.loads(plan_json(made, drafts_file.source)), plan_schema()) == []


# --- CSV --------------------------------------------------------------------------------------


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_one_row_per_hour_of_the_planned_weeks() -> None:
    text = plan_csv(plan())
    assert text.splitlines()[0] == ",".join(PLAN_CSV_COLUMNS)
    assert text.endswith("\r\n")
    table = rows(text)
    assert len(table) == 167  # one week, minus the hour the clocks skip
    assert table[0]["publish_at"] == "2027-03-22T00:00:00+01:00"
    assert table[0]["weekday"] == "mon" and table[0]["hour"] == "0"
    assert [r["hour"] for r in table if r["date"] == "2027-03-28"][:3] == ["0", "1", "3"]
    assert {r["format"] for r in table} == {"carousel"}
    assert sum(r["recommended"] == "true" for r in table) == 3
    planned = [r for r in table if r["post"]]
    assert [(r["weekday"], r["hour"], r["post"]) for r in planned] == [
        ("tue", "19", "sourdough-carousel"),
        ("thu", "19", "new-loaf-photo"),
        ("sat", "19", "reel-20270322-1200"),
    ]
    assert planned[0]["post_reach_p50"] == "610" and planned[0]["post_format"] == "carousel"
    value = next(r for r in table if (r["weekday"], r["hour"]) == ("tue", "19"))["median_reach"]
    assert int(value) == round(plan().lanes[0].grid.median[1][19] or 0)
    assert {r["surface"] for r in table} == {"feed"}


def test_a_plan_of_all_surfaces_validates_and_has_a_row_per_hour_and_lane() -> None:
    from igalgo.app.plan import PlanOptions, plan_account

    drafts_file = load_drafts(str(PROFILES / "demo-plan.yaml"))
    made = plan_account(
        drafts_file.account,
        drafts_file.drafts,
        PlanOptions(start=date(2026, 12, 7), weeks=1, settings=EngineSettings(samples=64)),
    )
    data = json.loads(plan_json(made, drafts_file.source))
    assert schema_errors(data, plan_schema()) == []
    assert data["surface"] == "all" and [lane["surface"] for lane in data["lanes"]] == [
        "reels",
        "feed",
        "stories",
    ]
    assert all(post["reach"] == post["total"] for post in data["schedule"]["posts"])
    table = rows(plan_csv(made))
    assert len(table) == 3 * 168 and {r["surface"] for r in table} == {"reels", "feed", "stories"}
