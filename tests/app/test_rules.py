"""The rules score, plan and calibrate share, each written once in the app layer: standard
input read once, no output that is an input, today in the account's zone, date checks and
warnings; and the checklist of streamed results, judged in the app layer."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from igalgo.app.assess import ScoreOptions
from igalgo.app.calibrate import ExportsRequest, calibrate_files
from igalgo.app.dating import end_of_today, start_date, start_warning, today_in
from igalgo.app.files import stdin_at_most_once
from igalgo.app.plan import PlanOptions, plan_inputs
from igalgo.app.results import ScoredFile
from igalgo.app.score import score_files
from igalgo.engine.settings import EngineSettings
from igalgo.errors import UsageError
from tests.conftest import PROFILES

DEMO = str(PROFILES / "demo-drafts.yaml")
BAKERY = str(PROFILES / "bakery.yaml")


@pytest.mark.parametrize(
    ("named", "message"),
    [
        ([("as a FILE", "-"), ("as a FILE", "-")], "can be given only once$"),
        ([("--drafts", "-"), ("--account", "-")], "only once: --drafts or --account$"),
        ([("an export", "x.csv"), ("an export", "-"), ("--account", "-")], "an export or"),
    ],
)
def test_standard_input_is_read_once(named: list[tuple[str, str]], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        stdin_at_most_once(named)


def test_one_standard_input_and_none_are_fine() -> None:
    stdin_at_most_once([("as a FILE", "-"), ("as --account", None), ("as a FILE", "a.yaml")])


def test_today_is_the_given_day_or_today_in_the_zone() -> None:
    assert today_in("Pacific/Kiritimati", date(2026, 11, 30)) == date(2026, 11, 30)
    east, west = today_in("Pacific/Kiritimati"), today_in("Pacific/Pago_Pago")
    assert 1 <= (east - west).days <= 2  # 25 hours apart: never the same day
    assert today_in("UTC") == datetime.now(UTC).date()


def test_dates_are_checked_once() -> None:
    assert start_date(None) is None and start_date("2026-12-07") == date(2026, 12, 7)
    with pytest.raises(UsageError, match="expected a date as YYYY-MM-DD"):
        start_date("07-12-2026")
    with pytest.raises(UsageError, match="igalgo supports dates"):
        start_date("1900-01-01")
    assert start_warning(date(2026, 12, 7), "UTC", date(2026, 12, 7)) is None
    warned = start_warning(date(2026, 12, 1), "UTC", date(2026, 12, 7))
    assert warned is not None and "is in the past (today is 2026-12-07 in UTC)" in warned
    end = end_of_today("Europe/Amsterdam", date(2026, 11, 30))
    assert end is not None and end.isoformat() == "2026-12-01T00:00:00+01:00"
    assert end_of_today("Europe/Amsterdam", None) is None
    assert end_of_today("Not/A_Zone", date(2026, 11, 30)) is None


def test_plan_inputs_warn_of_past_dates_and_refuse_what_score_refuses(tmp_path: Path) -> None:
    options = PlanOptions(today=date(2027, 6, 1))
    asked = plan_inputs(None, DEMO, options, start="2027-05-03")
    assert asked.account.name == "Bakkerij Zon" and asked.drafts
    assert asked.options.start == date(2027, 5, 3) and asked.source == DEMO
    assert asked.warnings[0].startswith("igalgo: warning: --start 2027-05-03 is in the past")
    assert len(asked.warnings) == 1  # the demo is dated in the coming week: never in the past
    dated = tmp_path / "dated.yaml"
    demo = Path(DEMO).read_text(encoding="utf-8").replace('"tue 19:30"', '"2026-12-01 19:30"')
    dated.write_text(demo.replace("account: bakery", f"account: {BAKERY}"), encoding="utf-8")
    late = plan_inputs(None, str(dated), options)
    assert late.warnings == (
        f"igalgo: warning: {dated}: draft 'croissant-reel' is dated in the past "
        "(Tue 2026-12-01 19:30)",
    )
    with pytest.raises(UsageError, match="give --account PROFILE or --drafts FILE"):
        plan_inputs(None, None)
    with pytest.raises(UsageError, match="only once: --drafts or --account"):
        plan_inputs("-", "-")
    with pytest.raises(UsageError, match=r"is an input of this run \(a drafts file\)"):
        plan_inputs(None, DEMO, outputs={"--output": Path(DEMO)})
    with pytest.raises(UsageError, match=r"is an input of this run \(the account of"):
        plan_inputs(None, DEMO, outputs={"--output": Path(BAKERY)})


def test_calibrate_refuses_an_output_that_is_an_input_before_reading() -> None:
    export = str(PROFILES / "no-such-export.csv")  # never read: the refusal comes first
    request = ExportsRequest([export], "bakery", outputs={"--output": Path(BAKERY)})
    with pytest.raises(UsageError, match=r"is an input of this run \(the profile of --account\)"):
        calibrate_files(request, version="test")
    with pytest.raises(UsageError, match="only once: an export or --account"):
        calibrate_files(ExportsRequest(["-"], "-"), version="test")


def test_the_streamed_checklist_is_the_reports() -> None:
    options = ScoreOptions(settings=EngineSettings(samples=32), today=date(2026, 11, 30))
    (streamed,) = score_files([DEMO], options, lazy=True)
    (whole,) = score_files([DEMO], options)
    assert isinstance(streamed, ScoredFile) and isinstance(whole, ScoredFile)
    assert streamed.report is None and whole.report is not None
    assert list(streamed.results) == list(whole.report.results)
    assert streamed.checklist() == whole.report.checklist == whole.checklist()


def test_a_past_date_and_an_ended_window_are_warned_in_sentences() -> None:
    from igalgo.app.dating import past_notes, warning_text
    from igalgo.domain import UNDATED, Account, Draft, Format, Window

    account = Account("Zon", 4200, timezone="Europe/Amsterdam")
    late = Draft(
        "w",
        Format.PHOTO,
        UNDATED,
        pinned=False,
        window=Window(date(2026, 11, 20), date(2026, 11, 25)),
    )
    dated = Draft("d", Format.PHOTO, datetime(2026, 11, 30, 18, tzinfo=UTC))
    notes = past_notes(account, [late, dated], date(2026, 12, 1))
    assert [warning_text("f.yaml", note) for note in notes] == [
        "igalgo: warning: f.yaml: draft 'w' is due in a window that has ended (2026-11-20 to "
        "2026-11-25)",
        "igalgo: warning: f.yaml: draft 'd' is dated in the past (Mon 2026-11-30 19:00)",
    ]
