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

import yaml

from igalgo.advice.drivers import MOVE_LEVERS
from igalgo.app.plan import Plan, PlanOptions, plan_account
from igalgo.app.score import ScoredFile, ScoreOptions, score_files
from igalgo.app.validate import list_shipped_profiles
from igalgo.domain import ALL_SURFACES, Draft, Format, Surface
from igalgo.engine.settings import EngineSettings
from igalgo.inputs.loader import load_account, load_drafts
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


def test_scoring_a_plans_schedule_suggests_no_time_or_spacing_change(tmp_path: Path) -> None:
    drafts = load_drafts(str(PROFILES / "demo-plan.yaml")).drafts
    found: dict[str, list[tuple[str, str]]] = {}
    for shipped in list_shipped_profiles():
        account = load_account(shipped.name)
        for surfaces in [*(frozenset({s}) for s in Surface), ALL_SURFACES]:
            for given in (drafts, None):
                options: dict[str, Any] = {"start": START, "weeks": 2, "settings": SETTINGS}
                if len(surfaces) == 1:
                    (surface,) = surfaces
                    plan = plan_account(account, given, PlanOptions(surface=surface, **options))
                else:
                    plan = plan_account(account, given, PlanOptions(**options))
                assert plan.schedule.posts, (shipped.name, sorted(surfaces))
                name = f"{shipped.name}-{'-'.join(sorted(surfaces))}-{given is None}"
                moves = scored_back(plan, shipped.name, tmp_path / f"{name}.yaml")
                if moves:
                    found[name] = moves
    assert found == {}
