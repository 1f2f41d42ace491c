"""The client report's use case: the opening recommendations (assumptions last,
one per kind of change), the branding's precedence, the logo's checks, and a report built
from the same scoring and planning as ``score`` and ``plan``."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from igalgo.app import report as report_module
from igalgo.app.assess import ScoreOptions, assess_file
from igalgo.app.plan import Plan, PlanOptions, plan_account
from igalgo.app.report import ReportOptions, branding_of, client_reports
from igalgo.app.report_advice import RECOMMENDATIONS, recommendations
from igalgo.app.results import AccountReport
from igalgo.domain import Account, Branding
from igalgo.engine import workers
from igalgo.engine.settings import EngineSettings
from igalgo.errors import InputError
from igalgo.inputs.loader import load_drafts
from igalgo.inputs.logo import MAX_LOGO_BYTES, media_type, read_logo
from igalgo.parameters import Evidence
from tests.conftest import PROFILES

DEMO = str(PROFILES / "demo-drafts.yaml")
SETTINGS = EngineSettings(samples=128, workers=1)
TODAY = date(2026, 11, 29)


def test_options_win_over_the_profiles_branding() -> None:
    account = Account("a", 10, report=Branding(agency="Own", logo="own.png", accent="#111111"))
    chosen = branding_of(account, Branding(accent="#222222"))
    assert chosen == Branding(agency="Own", logo="own.png", accent="#222222")
    assert branding_of(Account("b", 10), Branding()) == Branding()


@pytest.fixture(scope="module")
def scored_and_planned() -> tuple[AccountReport, Plan, Account]:
    drafts_file = load_drafts(DEMO, today=TODAY)  # its "tue 19:30" dates count from TODAY
    scored = assess_file(drafts_file, ScoreOptions(settings=SETTINGS, today=TODAY))
    plan = plan_account(
        drafts_file.account, drafts_file.drafts, PlanOptions(settings=SETTINGS, today=TODAY)
    )
    return scored, plan, drafts_file.account


def test_three_recommendations_measured_first_assumptions_last(
    scored_and_planned: tuple[AccountReport, Plan, Account],
) -> None:
    scored, plan, _ = scored_and_planned
    chosen = recommendations(scored, plan)
    assert len(chosen) == RECOMMENDATIONS
    for item in chosen:  # a driver's recommendation rests on the grade the advice gave it
        assert item.driver is None or item.evidence is item.driver.evidence
    assumed = [item.evidence is Evidence.ASSUMED for item in chosen]
    assert assumed == sorted(assumed)  # no assumption before a stated or fitted one
    levers = [item.driver.lever for item in chosen if item.driver is not None]
    assert len(levers) == len(set(levers))
    measured = [
        item.effect
        for item in chosen
        if item.effect is not None and item.evidence is not Evidence.ASSUMED
    ]
    assert measured == sorted(measured, reverse=True)


def test_the_report_is_scored_and_planned_as_score_and_plan_do(
    scored_and_planned: tuple[AccountReport, Plan, Account],
) -> None:
    scored, plan, _ = scored_and_planned
    told: list[object] = []
    options = ReportOptions(settings=SETTINGS, today=TODAY, lanes_made=lambda *given: told)
    (made,) = client_reports(None, [DEMO], options)
    assert made.scored == scored
    assert made.plan == plan
    assert made.check is None
    assert made.prepared_lanes is None  # the plan made here: no lanes before it


def test_the_plan_made_in_workers_is_the_plan_made_here(
    scored_and_planned: tuple[AccountReport, Plan, Account],
) -> None:
    """With workers, the drafts are scored in one while the lanes' heatmaps are made at once,
    each lane as soon as its heatmap and the lanes it needs are made, and the rest of the
    plan in a worker with them; this process is told when all is handed on, and then given
    the scored drafts: the same drafts and plan."""
    scored, plan, _ = scored_and_planned
    told: list[str] = []
    options = ReportOptions(
        settings=replace(SETTINGS, workers=2),
        today=TODAY,
        ready=lambda: told.append("ready"),
        meanwhile=lambda drafts, _: told.append("scored" if drafts == scored else "other"),
        lanes_made=lambda _, lanes, __: told.append("lanes" if lanes == plan.lanes else "other"),
    )
    (made,) = client_reports(None, [DEMO], options)
    assert told == ["ready", "scored", "lanes"]
    assert made.scored == scored
    assert made.plan == plan


def _die(*_: object) -> None:
    os._exit(1)  # a worker killed in the middle of its task


@pytest.mark.parametrize("task", ["_score_here", "_grid_here", "_lane_here", "_plan_here"])
def test_a_worker_that_dies_at_any_step_leaves_the_work_to_this_process(
    scored_and_planned: tuple[AccountReport, Plan, Account],
    monkeypatch: pytest.MonkeyPatch,
    task: str,
) -> None:
    """A worker killed while it scores the drafts, makes a heatmap, a lane or the rest of the
    plan: the pool is dropped and what is left is done here, the same."""
    scored, plan, _ = scored_and_planned
    workers.stop()  # the pool is forked anew, with the step that kills its worker
    monkeypatch.setattr(report_module, task, _die)
    dropped: list[ProcessPoolExecutor] = []
    forget = workers.forget

    def dropping(pool: ProcessPoolExecutor) -> None:
        dropped.append(pool)
        forget(pool)

    monkeypatch.setattr(workers, "forget", dropping)
    options = ReportOptions(settings=replace(SETTINGS, workers=2), today=TODAY)
    try:
        (made,) = client_reports(None, [DEMO], options)
    finally:
        workers.stop()
    assert dropped and all(pool is dropped[0] for pool in dropped)  # the step's worker died
    assert made.scored == scored
    assert made.plan == plan


def test_the_logo_is_told_by_its_bytes(tmp_path: Path) -> None:
    assert media_type(b"\x89PNG\r\n\x1a\n....") == "image/png"
    assert media_type(b"\xff\xd8\xff\xe0") == "image/jpeg"
    assert media_type(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "image/webp"
    assert media_type(b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>') == (
        "image/svg+xml"
    )
    assert media_type(b"hello") is None
    big = tmp_path / "big.png"
    big.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * MAX_LOGO_BYTES)
    with pytest.raises(InputError, match="larger than"):
        read_logo(big, "--logo")
    with pytest.raises(InputError, match="no logo file"):
        read_logo(tmp_path / "missing.png", "--logo")
