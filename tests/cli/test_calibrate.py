"""``igalgo calibrate`` through the command line: the report, the calibrated profile
that validate accepts and score uses, ``--output -``, JSON, and bad input (exit 2, a located
message, nothing written, an existing output file untouched)."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from docs.tools.calibration_schema import calibration_schema
from igalgo.inputs.loader import parse_account_text
from tests.cli.running import run_in_process
from tests.conftest import PROFILES, RunCli, igalgo_executable, schema_errors
from tests.inputs.exports_helpers import write
from tests.inputs.synthetic_exports import business_suite_csv, synthetic_posts

POSTS = synthetic_posts()
DEMO = "profiles/demo-drafts.yaml"
SUMMARY = f"calibrated on {len(POSTS)} posts, {POSTS[0].published_at:%Y-%m-%d} to"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the synthetic English export."""
    path = tmp_path_factory.mktemp("calibrate")
    business_suite_csv(path / "content.csv", POSTS)
    return path


@pytest.fixture(scope="module")
def calibrated(folder: Path) -> tuple[str, str, Path]:
    """stdout, stderr and the profile of one calibration with --output and --backtest, run in
    ``folder`` (module-wide: it is the slowest run)."""
    done = run_in_process(
        "calibrate", "content.csv", "--account", "bakery",
        "--output", "bakery-calibrated.yaml", "--seed", "0", cwd=folder,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout, done.stderr, folder / "bakery-calibrated.yaml"


def test_the_report_and_the_written_profile(calibrated: tuple[str, str, Path]) -> None:
    stdout, stderr, output = calibrated
    assert stderr == ""
    words = " ".join(stdout.split())
    for shown in (
        f"bakery: {SUMMARY}",
        "Exports",
        f"content.csv business-suite-csv utf-8 {len(POSTS)}",
        "level model kept P10-P90",
        "Interaction engagement rate 0.00468 before",
        "their own rate, as Later or Metricool compute it: 0.0",
        "In sample",
        "posts predicted from 5 rolling origins",
        "Verdict: ",
        "Calibrated profile written to bakery-calibrated.yaml: igalgo score --account "
        "bakery-calibrated.yaml",
    ):
        assert shown in words, shown
    assert "\x1b[" not in stdout
    text = output.read_text(encoding="utf-8")
    assert text.startswith((PROFILES / "bakery.yaml").read_text(encoding="utf-8"))
    calibration = parse_account_text(text, "x").calibration
    assert calibration is not None and calibration.checked_on == "backtest"
    assert "# reels typically reach " in text and "  verdict: {sentence: " in text


def test_validate_accepts_the_profile_and_score_uses_it(
    run_cli: RunCli, calibrated: tuple[str, str, Path]
) -> None:
    output = calibrated[2]
    done = run_cli("validate", str(output))
    assert done.returncode == 0 and ': ok (profile "Bakkerij Zon")' in done.stdout
    table = run_cli("score", DEMO, "--account", str(output), "--samples", "64")
    assert table.returncode == 0, table.stderr
    assert SUMMARY in " ".join(table.stdout.split()[:40])
    totals = {}
    for profile in ("bakery", str(output)):
        done = run_cli("score", DEMO, "--account", profile, "--samples", "64", "--format", "json")
        data = json.loads(done.stdout)
        totals[profile] = [d["total"]["reach"]["p50"] for d in data["files"][0]["drafts"]]
        calibration = data["files"][0]["account"]["calibration"]
        assert (calibration is None) == (profile == "bakery")
    assert totals["bakery"] != totals[str(output)]
    plan = run_cli("plan", "--surface", "reels", "--account", str(output), "--samples", "64")
    assert plan.returncode == 0, plan.stderr
    assert SUMMARY in " ".join(plan.stdout.split()[:40])


def test_json_is_a_versioned_contract_and_deterministic(run_cli: RunCli, folder: Path) -> None:
    args = (
        "calibrate", str(folder / "content.csv"), "--account", "bakery", "--format", "json",
        "--no-backtest",
    )  # fmt: skip
    first, second = run_cli(*args), run_cli(*args)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout and first.stderr == ""
    data = json.loads(first.stdout)
    assert schema_errors(data, calibration_schema()) == []
    assert data["written_to"] is None and data["backtest"] is None
    assert data["calibration"]["summary"].startswith(SUMMARY)


def test_output_dash_writes_the_profile_to_stdout_and_the_report_to_stderr(
    run_cli: RunCli, folder: Path, tmp_path: Path
) -> None:
    daily = business_suite_csv(
        tmp_path / "diario.csv", POSTS, language="spanish", encoding="utf-16"
    )
    done = run_cli("calibrate", str(daily), "--account", "bakery", "--output", "-")
    assert done.returncode == 0, done.stderr
    account = parse_account_text(done.stdout, "stdout")
    assert account.calibration is not None and account.name == "Bakkerij Zon"
    assert "utf-16-le" in done.stderr and "The calibrated profile went to stdout." in done.stderr
    json_too = run_cli("calibrate", str(daily), "--account", "bakery", "--output", "-",
                       "--format", "json")  # fmt: skip
    assert json_too.returncode == 2 and "--output FILE" in json_too.stderr


def test_the_profile_on_stdout_is_utf8_whatever_the_terminal(
    run_cli: RunCli, folder: Path, tmp_path: Path
) -> None:
    profile = tmp_path / "zoe.yaml"
    profile.write_text("name: Bakkerij Zoé\nfollowers: 4200\n", encoding="utf-8")
    done = subprocess.run(
        [igalgo_executable(), "calibrate", str(folder / "content.csv"), "--account", str(profile),
         "--output", "-"],
        capture_output=True, env={**os.environ, "PYTHONIOENCODING": "ascii"}, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8").startswith("name: Bakkerij Zoé\n")


def test_an_input_is_never_overwritten(run_cli: RunCli, folder: Path, tmp_path: Path) -> None:
    export = folder / "content.csv"
    before = export.read_bytes()
    done = run_cli("calibrate", str(export), "--account", "bakery", "--output", str(export))
    assert done.returncode == 2 and "is an input of this run" in done.stderr
    profile = tmp_path / "me.yaml"
    profile.write_text("name: Zon\nfollowers: 4200\n", encoding="utf-8")
    done = run_cli("calibrate", str(export), "--account", str(profile), "--output", str(profile))
    assert done.returncode == 2 and "is an input of this run" in done.stderr
    assert export.read_bytes() == before
    assert profile.read_text(encoding="utf-8") == "name: Zon\nfollowers: 4200\n"


# --- bad input ---------------------------------------------------------------------------

HEADER = "Post ID,Account ID,Publish time,Post type,Reach,Likes"


def _rows(count: int, **changes: str) -> list[str]:
    """``count`` good rows of reels, a day apart."""
    rows = [
        f"{100 + i},1784,03/{i + 1:02d}/2025 18:00,IG reel,{900 + 10 * i},40" for i in range(count)
    ]
    return [changes.get(str(i), row) for i, row in enumerate(rows)]


BAD_EXPORTS: dict[str, tuple[list[str], str, str]] = {
    # name: (file lines, code, where "LINE:COL")
    "missing-column": (
        ["Post ID,Publish time,Reach", "1,03/01/2025 18:00,9"], "missing-column", "1:1"
    ),
    "near-miss-header": (
        ["Post ID,Publsh time,Post type,Reach", "1,03/01/2025 18:00,IG reel,9"],
        "missing-column",
        "1:9",
    ),
    "unparseable-number": ([HEADER, *_rows(6, **{"2": "102,1784,03/03/2025 18:00,IG reel,lots,4"})],
                           "invalid-number", "4:35"),
    "duplicate-id": ([HEADER, *_rows(6, **{"3": "100,1784,03/04/2025 18:00,IG reel,950,4"})],
                     "duplicate-post", "5:1"),
    "future-post": ([HEADER, *_rows(6, **{"5": "105,1784,03/06/2031 18:00,IG reel,950,4"})],
                    "future-post", "7:10"),
    "mixed-accounts": ([HEADER, *_rows(6, **{"4": "104,9999,03/05/2025 18:00,IG reel,950,4"})],
                       "mixed-accounts", "6:5"),
    "empty-export": ([HEADER], "empty-export", "1:1"),
}  # fmt: skip


def _located(stderr: str, code: str, where: str) -> None:
    first = stderr.splitlines()[0]
    assert re.match(rf"^\S+:{where}: error\[{code}\]: ", first), stderr
    assert "Traceback" not in stderr


@pytest.fixture
def kept(tmp_path: Path) -> Path:
    """An existing output file that a failed run must leave as it was."""
    path = tmp_path / "out.yaml"
    path.write_text("keep me\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("name", list(BAD_EXPORTS))
def test_a_bad_export_exits_2_located_and_writes_nothing(
    run_cli: RunCli, tmp_path: Path, kept: Path, name: str
) -> None:
    lines, code, where = BAD_EXPORTS[name]
    export = write(tmp_path / "e.csv", "\n".join(lines) + "\n")
    done = run_cli("calibrate", str(export), "--account", "bakery", "--output", str(kept))
    assert done.returncode == 2, done.stderr
    _located(done.stderr, code, where)
    assert done.stdout == "" and kept.read_text(encoding="utf-8") == "keep me\n"
    if name == "near-miss-header":
        assert "did you mean `Publish time`?" in done.stderr


def test_a_history_too_short_says_how_many_posts_are_needed(
    run_cli: RunCli, tmp_path: Path, kept: Path
) -> None:
    export = write(tmp_path / "e.csv", "\n".join([HEADER, *_rows(3)]) + "\n")
    done = run_cli("calibrate", str(export), "--account", "bakery", "--output", str(kept))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "error[history-too-short]" in done.stderr and "at least 5 posts" in done.stderr
    assert kept.read_text(encoding="utf-8") == "keep me\n"


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (["--backtest", "--holdout-share", "1.5"], "--holdout-share: expected a share between 0"),
        (["--backtest", "--holdout-share", "0"], "--holdout-share: expected a share between 0"),
        (["--no-backtest", "--holdout-share", "0.2"], "--holdout-share applies to the backtest"),
        (["--columns", "reach"], "--columns: expected HEADER=NAME"),
        (["--columns", "reah=Bereik"], "did you mean 'reach'?"),
        (["--views-per-reach", "-1"], "--views-per-reach: expected a number from 0.1 to 1000"),
        (["--timezone", "Europe/Amsterdm"], "error[invalid-timezone]"),
        (["--format", "yaml"], "'yaml' is not one of 'table', 'json'"),
    ],
)
def test_a_bad_option_exits_2_and_writes_nothing(
    run_cli: RunCli, folder: Path, kept: Path, options: list[str], said: str
) -> None:
    done = run_cli(
        "calibrate", str(folder / "content.csv"), "--account", "bakery", "--output", str(kept),
        *options,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert said in done.stderr and "Traceback" not in done.stderr
    assert kept.read_text(encoding="utf-8") == "keep me\n"


def test_an_output_that_cannot_be_written_is_refused_before_the_fit(
    run_cli: RunCli, folder: Path, tmp_path: Path
) -> None:
    export = str(folder / "content.csv")
    done = run_cli(
        "calibrate", export, "--account", "bakery", "--output", str(tmp_path / "no" / "x")
    )
    assert done.returncode == 2 and "no such directory" in done.stderr
    done = run_cli("calibrate", export, "--account", "bakery", "--output", str(tmp_path))
    assert done.returncode == 2 and "is a directory" in done.stderr


def test_a_bad_profile_is_located(run_cli: RunCli, folder: Path, tmp_path: Path) -> None:
    profile = write(tmp_path / "me.yaml", "name: Zon\nfollowers: lots\n")
    done = run_cli("calibrate", str(folder / "content.csv"), "--account", str(profile))
    assert done.returncode == 2
    _located(done.stderr, "wrong-type", "2:12")
    drafts = run_cli("calibrate", str(folder / "content.csv"), "--account", DEMO)
    assert drafts.returncode == 2 and "error[wrong-file-kind]" in drafts.stderr


def test_a_profile_given_as_an_export_is_not_an_export(run_cli: RunCli) -> None:
    done = run_cli("calibrate", "profiles/bakery.yaml", "--account", "bakery")
    assert done.returncode == 2 and "error[" in done.stderr and "Traceback" not in done.stderr
