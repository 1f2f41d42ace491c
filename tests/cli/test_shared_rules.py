"""Rules that score, plan, calibrate and validate share through the app layer: one file reader
(a FIFO or a device is refused at once), one escaping path for diagnostics, standard input
read once at most.

Each run is a real process of this tree (``python -m igalgo``) with a timeout, so that a
reader that blocks again fails the test instead of hanging the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.inputs.synthetic_exports import business_suite_csv, synthetic_posts

PROFILES = Path(__file__).resolve().parents[2] / "profiles"
FAST = ("--samples", "32")
ESC_NAME = "bad\x1bname"
"""A file name with an escape byte: echoed raw, it would drive the terminal."""


def igalgo(
    *args: str, cwd: Path, today: str = "2026-11-30", stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """Run this tree's igalgo in ``cwd``; a run over 60 s fails (a blocked reader)."""
    env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR"}}
    env.update(IGALGO_TODAY=today, COLUMNS="100")
    return subprocess.run(
        [sys.executable, "-m", "igalgo", *args],
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("command", ["calibrate", "validate"])
def test_a_fifo_is_refused_at_once(tmp_path: Path, command: str) -> None:
    fifo = tmp_path / ("export.csv" if command == "calibrate" else "drafts.yaml")
    os.mkfifo(fifo)
    extra = ("--account", "bakery") if command == "calibrate" else ()
    done = igalgo(command, str(fifo), *extra, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "error[not-a-file]" in done.stderr and "is not a regular file" in done.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
@pytest.mark.parametrize("command", ["calibrate", "validate"])
def test_a_character_device_is_refused_at_once(tmp_path: Path, command: str) -> None:
    extra = ("--account", "bakery") if command == "calibrate" else ()
    done = igalgo(command, "/dev/zero", *extra, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "error[not-a-file]" in done.stderr and "/dev/zero is not a regular file" in done.stderr


def _past_drafts(tmp_path: Path) -> Path:
    """The demo drafts under a name with an escape byte, one of them at a fixed date (the demo
    dates its drafts in the coming days, never in the past)."""
    drafts = tmp_path / f"{ESC_NAME}.yaml"
    demo = (PROFILES / "demo-drafts.yaml").read_text(encoding="utf-8")
    drafts.write_text(demo.replace('"tue 19:30"', '"2026-12-01 19:30"'), encoding="utf-8")
    return drafts


@pytest.mark.parametrize(
    "command",
    [
        ("score", "{drafts}", *FAST, "--format", "json"),
        (
            "plan",
            "--surface",
            "stories",
            "--drafts",
            "{drafts}",
            "--weeks",
            "1",
            *FAST,
            "--format",
            "json",
        ),
    ],
    ids=["score", "plan"],
)
def test_a_warning_escapes_the_file_name(tmp_path: Path, command: tuple[str, ...]) -> None:
    drafts = _past_drafts(tmp_path)
    args = [part.format(drafts=drafts.name) for part in command]
    done = igalgo(*args, cwd=tmp_path, today="2027-06-01")  # every dated draft is past
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stderr
    assert "igalgo: warning: bad\\x1bname.yaml: draft '" in done.stderr
    assert "is dated in the past" in done.stderr


@pytest.mark.parametrize("command", ["score", "plan", "calibrate", "validate"])
def test_an_error_escapes_the_file_name(tmp_path: Path, command: str) -> None:
    broken = tmp_path / f"{ESC_NAME}.txt"
    broken.write_text("")  # empty: every reader refuses it, naming the file
    args = {
        "score": ("score", broken.name, *FAST),
        "plan": ("plan", "--drafts", broken.name, *FAST),
        "calibrate": ("calibrate", broken.name, "--account", "bakery"),
        "validate": ("validate", broken.name),
    }[command]
    done = igalgo(*args, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "\x1b" not in done.stderr
    assert "bad\\x1bname.txt:1:1: error[empty-file]" in done.stderr


@pytest.mark.parametrize("output", [None, "-"], ids=["report-on-stdout", "report-on-stderr"])
def test_the_calibration_report_escapes_the_file_name(tmp_path: Path, output: str | None) -> None:
    export = business_suite_csv(tmp_path / f"{ESC_NAME}.csv", synthetic_posts())
    extra = ("--output", output) if output else ()
    done = igalgo("calibrate", export.name, "--account", "bakery", *extra, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    report = done.stdout if output is None else done.stderr
    assert "bad\\x1bname.csv" in report
    assert "\x1b" not in done.stdout + done.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("score", "-", "-"), "'-' (standard input) can be given only once\n"),
        (("validate", "-", "-"), "'-' (standard input) can be given only once\n"),
        (
            ("calibrate", "-", "--account", "-"),
            "'-' (standard input) can be given only once: an export or --account\n",
        ),
        (("calibrate", "-", "-", "--account", "bakery"), "can be given only once\n"),
    ],
)
def test_standard_input_is_read_once(tmp_path: Path, args: tuple[str, ...], said: str) -> None:
    done = igalgo(*args, cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.endswith(said)
