"""The report of ``igalgo calibrate``: its JSON (schema, rounding, keys always present) and its
table (what was fitted next to the defaults, what was not and why, the backtest)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console

from docs.tools.calibration_schema import calibration_schema
from igalgo.app.calibrate import CalibrateOptions, CalibrationRun, calibrate_account
from igalgo.output.calibrated_profile import rounded_calibration
from igalgo.output.calibration_report import (
    CALIBRATION_SCHEMA_VERSION,
    CalibrationReport,
    calibration_json,
    calibration_report_data,
)
from igalgo.output.glyphs import ASCII
from igalgo.output.render_calibration import calibration_view
from tests.conftest import schema_errors
from tests.inputs.synthetic_exports import bakery, business_suite_csv, synthetic_posts

POSTS = synthetic_posts()
BACKTEST = CalibrateOptions(run_backtest=True)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> CalibrationRun:
    """The bakery calibrated on the synthetic export, with a backtest."""
    folder = tmp_path_factory.mktemp("report")
    path = business_suite_csv(folder / "content.csv", POSTS, extra={"Category": "bread"})
    return calibrate_account(bakery(), [str(path)], version="0.1.0", options=BACKTEST)


def report(run: CalibrationRun, written_to: str | None = "calibrated.yaml") -> CalibrationReport:
    return CalibrationReport(run, "bakery", rounded_calibration(run.calibration), written_to, 0)


def text_of(
    run: CalibrationRun, written_to: str | None = "calibrated.yaml", **glyphs: object
) -> str:
    console = Console(width=100, no_color=True, color_system=None, file=None, record=True)
    with console.capture() as captured:
        console.print(calibration_view(report(run, written_to), **glyphs))  # type: ignore[arg-type]
    return " ".join(captured.get().split())


def test_the_json_follows_its_schema_and_rounds(run: CalibrationRun) -> None:
    data = json.loads(calibration_json(report(run)))
    assert schema_errors(data, calibration_schema()) == []
    assert data["schema_version"] == CALIBRATION_SCHEMA_VERSION == 3
    assert data["profile"] == "bakery" and data["written_to"] == "calibrated.yaml"
    assert data["exports"]["files"][0]["ignored_columns"] == ["Category"]
    assert data["account"]["calibration"] is None  # the shipped bakery was not calibrated
    formats = {row["format"]: row for row in data["formats"]}
    reel = formats["reel"]
    assert reel["appeal"] == data["calibration"]["formats"]["reel"]["appeal"]
    assert data["calibration"]["formats"]["reel"]["slope"] == reel["slope"]
    assert len(f"{reel['appeal']:g}".replace(".", "").lstrip("0")) <= 3
    assert reel["median_reach"]["observed"] > reel["median_reach"]["uncalibrated"]
    tested = data["backtest"]
    assert tested["predicted"] == sum(row["posts"] for row in tested["formats"])
    assert tested["verdict"]["sentence"] == data["calibration"]["verdict"]["sentence"]


def test_keys_are_present_without_a_backtest_or_an_output(run: CalibrationRun) -> None:
    plain = CalibrationReport(
        CalibrationRun(run.account, run.reading, run.history, run.fit, None, run.calibration),
        "bakery",
        rounded_calibration(run.calibration),
        None,
        0,
    )
    data = calibration_report_data(plain)
    assert data["backtest"] is None and data["written_to"] is None
    assert schema_errors(data, calibration_schema()) == []


def test_the_table_shows_fits_next_to_defaults_and_what_was_not_fitted(
    run: CalibrationRun,
) -> None:
    text = text_of(run)
    assert "Bakkerij Zon 4,200 followers, business, food, Europe/Amsterdam" in text
    assert "level model kept P10-P90" in text
    assert "Interaction engagement rate 0.00468 before" in text
    assert "posts predicted from 5 rolling origins" in text
    assert "off: calibrated uncalibrated own median inside P10-P90" in text
    assert "Verdict: " + run.backtest.verdict.sentence in text  # type: ignore[union-attr]
    assert "Calibrated profile written to calibrated.yaml" in text
    assert "not written: add --output CALIBRATED.yaml" in text_of(run, None)


def test_the_table_draws_in_ascii_where_the_stream_needs_it(run: CalibrationRun) -> None:
    assert text_of(run, glyphs=ASCII).isascii()


def test_a_short_history_says_so_plainly(tmp_path: Path) -> None:
    path = business_suite_csv(tmp_path / "short.csv", POSTS[:14])
    short = calibrate_account(bakery(), [str(path)], version="0.1.0", options=BACKTEST)
    assert "Verdict: too few posts to tell" in text_of(short)
