"""One story across score and plan: a plan's schedule, written back as a drafts file and
scored, gets no time or spacing change (issue 13's acceptance test).

Every shipped profile, every surface and the plan of all surfaces, with the demo drafts
(undated, two with a window) and with the template; few samples, as the property holds for
any (score and plan run the same rule with the same samples).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from igalgo.advice.drivers import MOVE_LEVERS
from igalgo.app.assess import ScoreOptions
from igalgo.app.plan import Plan, PlanOptions, plan_account
from igalgo.app.results import ScoredFile
from igalgo.app.score import score_files
from igalgo.domain import ALL_SURFACES, Draft, Format, Surface
from igalgo.engine.settings import EngineSettings
from igalgo.inputs.loader import load_account, load_drafts
from igalgo.inputs.sources import shipped_profiles
from tests.conftest import PROFILES

SETTINGS = EngineSettings(samples=96)
START = date(2026, 12, 7)
TODAY = date(2026, 11, 30)


def draft_entry(draft: Draft) -> dict[str, Any]:
    """A draft as a drafts file writes it, dated at its planned time."""
    entry: dict[str, Any] = {
        "id": draft.id,
        "format": draft.format.value,
        "publish_at": draft.publish_at.isoformat(),
        "caption": draft.caption,
        "hashtags": list(draft.hashtags),
        "quality": draft.quality.value,
        "watermark": draft.watermark,
    }
    if draft.location:
        entry["location"] = draft.location
    if draft.format in (Format.REEL, Format.VIDEO, Format.STORY):
        entry["audio"] = draft.audio.value
    if draft.duration_s is not None:
        entry["duration_s"] = draft.duration_s
    if draft.slides is not None:
        entry["slides"] = draft.slides
    return entry


def scored_back(plan: Plan, profile: str, path: Path) -> list[tuple[str, str]]:
    """The time and spacing drivers ``score`` gives the plan's posts, written back to a file."""
    drafts = [draft_entry(post.draft) for post in plan.schedule.posts]
    path.write_text(yaml.safe_dump({"account": profile, "drafts": drafts}), encoding="utf-8")
    (item,) = score_files(
        [str(path)],
        ScoreOptions(settings=SETTINGS, seed=plan.seed, surfaces=plan.surfaces, today=TODAY),
    )
    assert isinstance(item, ScoredFile) and item.report is not None
    assert len(item.report.results) == len(plan.schedule.posts)
    return [
        (result.estimate.draft.id, driver.change)
        for result in item.report.results
        for driver in result.drivers
        if driver.lever in MOVE_LEVERS
    ]


SURFACES = {**{surface.value: frozenset({surface}) for surface in Surface}, "all": ALL_SURFACES}
"""Every surface alone, and the plan of all surfaces."""


@pytest.fixture(scope="module")
def demo_drafts() -> tuple[Draft, ...]:
    """The demo drafts without their dates (two with a window)."""
    return load_drafts(str(PROFILES / "demo-plan.yaml")).drafts


@pytest.mark.parametrize("given", ["drafts", "template"])
@pytest.mark.parametrize("surfaces", list(SURFACES))
@pytest.mark.parametrize("profile", list(shipped_profiles()))
def test_scoring_a_plans_schedule_suggests_no_time_or_spacing_change(
    tmp_path: Path, demo_drafts: tuple[Draft, ...], profile: str, surfaces: str, given: str
) -> None:
    account = load_account(profile)
    chosen = SURFACES[surfaces]
    drafts = demo_drafts if given == "drafts" else None
    options: dict[str, Any] = {"start": START, "weeks": 2, "settings": SETTINGS}
    if len(chosen) == 1:
        (surface,) = chosen
        plan = plan_account(account, drafts, PlanOptions(surface=surface, **options))
    else:
        plan = plan_account(account, drafts, PlanOptions(**options))
    assert plan.schedule.posts
    assert scored_back(plan, profile, tmp_path / "plan.yaml") == []
