"""A calibrated account says so in every report of score and plan: the table headers, the
markdown and the JSON account (with its schema); an uncalibrated one says nothing new."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from docs.tools.plan_schema import plan_schema
from docs.tools.score_schema import output_schema
from igalgo.app.results import AccountReport
from igalgo.domain import Calibration, Format, FormatCalibration, Verdict
from igalgo.output.envelope import Run, Summary, json_text
from igalgo.output.plan_report import plan_json
from igalgo.output.render import plain_text, report_lines
from igalgo.output.render_plan import plan_view
from igalgo.output.report import account_data, markdown_text
from tests.conftest import schema_errors
from tests.handmade import report
from tests.handmade_plan import plan
from tests.output.test_render_plan import plain

CALIBRATION = Calibration(
    posts=43,
    first_post=date(2025, 1, 7),
    last_post=date(2025, 4, 25),
    igalgo_version="0.1.0",
    formats=(FormatCalibration(Format.PHOTO, 20, 0.8, 0.5), FormatCalibration(Format.REEL, 23, 2)),
    inside_p10_p90=0.7812,
    median_log_error=0.4,
    checked_on="backtest",
)
SUMMARY = "calibrated on 43 posts, 2025-01-07 to 2025-04-25"


def calibrated_report() -> AccountReport:
    plain_report = report()
    return replace(plain_report, account=replace(plain_report.account, calibration=CALIBRATION))


def test_the_score_table_header_says_the_account_is_calibrated() -> None:
    text = plain_text(report_lines([calibrated_report()], width=100))
    heading = " ".join(text.split("\n\n")[0].split())
    assert heading.startswith("Bakkerij Zon 4,200 followers")
    assert heading.endswith(f"Europe/Amsterdam; {SUMMARY} week.yaml: 3 drafts, seed 7, 500 "
                            "samples per draft")  # fmt: skip
    assert SUMMARY not in plain_text(report_lines([report()], width=100))


def test_the_markdown_says_it_too() -> None:
    assert f"The account is {SUMMARY}." in markdown_text([calibrated_report()])
    assert "calibrated" not in markdown_text([report()])


def test_the_json_account_carries_the_calibration_summary() -> None:
    data = json.loads(json_text(Run(7, 500, ()), [calibrated_report()], [], Summary(files=1)))
    assert schema_errors(data, output_schema()) == []
    assert data["files"][0]["account"]["calibration"] == {
        "summary": SUMMARY,
        "posts": 43,
        "first_post": "2025-01-07",
        "last_post": "2025-04-25",
        "igalgo_version": "0.1.0",
        "formats": ["photo", "reel"],
        "checked_on": "backtest",
        "inside_p10_p90": 0.781,
        "median_log_error": 0.4,
    }
    assert account_data(report().account)["calibration"] is None


def test_the_plan_header_and_json_say_it() -> None:
    calibrated = replace(plan(), account=replace(plan().account, calibration=CALIBRATION))

    heading = " ".join(plain(plan_view(calibrated, "bakery"), 200).splitlines()[0].split())
    assert heading.endswith(f"; {SUMMARY}")
    data = json.loads(plan_json(calibrated, "bakery"))
    assert schema_errors(data, plan_schema()) == []
    assert data["account"]["calibration"]["summary"] == SUMMARY
    assert json.loads(plan_json(plan(), "bakery"))["account"]["calibration"] is None


def test_the_backtest_s_verdict_is_in_every_header() -> None:
    verdict = Verdict(
        "beats your own median by 18 % (90 %: 9-26 %): use it", 0.18, 0.09, 0.26, 80, 5
    )
    with_verdict = replace(CALIBRATION, verdict=verdict)
    said = f"{SUMMARY}; backtest: beats your own median by 18 % (90 %: 9-26 %): use it"
    score = replace(
        calibrated_report(), account=replace(report().account, calibration=with_verdict)
    )
    assert said in " ".join(plain_text(report_lines([score], width=100)).split())
    assert f"The account is {said}." in markdown_text([score])
    planned = replace(plan(), account=replace(plan().account, calibration=with_verdict))
    heading = " ".join(plain(plan_view(planned, "bakery"), 200).splitlines()[0].split())
    assert heading.endswith(said)
    assert json.loads(plan_json(planned, "bakery"))["account"]["calibration"]["summary"] == said
