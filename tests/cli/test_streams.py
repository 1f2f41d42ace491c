"""Standard streams that are closed, full or go away: a clear error and exit 2 where output was
lost, never an internal error (3) nor "gate failed" (1) for anything but a failed gate, and a
failed gate is not lost when the reader stops early."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PROFILES, TODAY, RunCli, igalgo_executable

DEMO = str(PROFILES / "demo-drafts.yaml")
FAST = ("--samples", "32")
FULL = Path("/dev/full")


def shell(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``command`` in bash with ``IGALGO`` set to the igalgo command of this tree."""
    return subprocess.run(
        ["bash", "-c", command],
        env={
            "IGALGO": igalgo_executable(),
            "PATH": "/usr/bin:/bin",
            "COLUMNS": "100",
            "IGALGO_TODAY": TODAY,
        },
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    "args", [["score", DEMO, *FAST], ["validate", DEMO], ["--help"], ["score", "--help"]]
)
def test_a_closed_stdout_is_a_clear_error(tmp_path: Path, args: list[str]) -> None:
    done = shell('"$IGALGO" ' + " ".join(args) + " >&-", tmp_path)
    assert done.returncode == 2
    assert done.stderr == "igalgo: cannot write standard output: standard output is closed\n"


def test_a_closed_stdout_is_fine_when_nothing_goes_there(tmp_path: Path) -> None:
    done = shell(f'"$IGALGO" score {DEMO} --samples 32 --output report.txt >&-', tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "report.txt").read_text().startswith("Bakkerij Zon")


@pytest.mark.skipif(not FULL.exists(), reason="no /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ["score", DEMO, *FAST],
        ["score", DEMO, "--format", "ndjson", *FAST],
        ["validate", DEMO],
        ["--help"],
        ["score", "--help"],
        ["schema", "profile"],
    ],
)
def test_a_full_disk_is_a_clear_error(tmp_path: Path, args: list[str]) -> None:
    done = shell('"$IGALGO" ' + " ".join(args) + " > /dev/full", tmp_path)
    assert done.returncode == 2
    assert done.stderr == "igalgo: cannot write standard output: No space left on device\n"


def test_a_closed_stderr_keeps_the_exit_code(tmp_path: Path) -> None:
    assert shell('"$IGALGO" score missing.yaml 2>&-', tmp_path).returncode == 2
    assert shell('"$IGALGO" validate missing.yaml 2>&-', tmp_path).returncode == 2
    if FULL.exists():
        assert shell('"$IGALGO" score missing.yaml 2>/dev/full', tmp_path).returncode == 2


def first_line_then_close(args: list[str]) -> tuple[str, int, str]:
    """Run igalgo, read one line of its stdout and close the pipe (``| head -1``); returns
    the line, the exit code and stderr."""
    process = subprocess.Popen(
        [igalgo_executable(), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "IGALGO_TODAY": TODAY},
    )
    assert process.stdout is not None and process.stderr is not None
    line = process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read()
    process.stderr.close()
    return line, process.wait(timeout=60), stderr


@pytest.fixture(scope="module")
def many_drafts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200 drafts: their NDJSON (about 400 KB) is far more than a pipe holds."""
    path = tmp_path_factory.mktemp("many") / "many.yaml"
    lines = ["account: bakery", "drafts:"]
    lines += [
        f"  - {{id: d{i}, format: photo, publish_at: '2026-12-{1 + i % 28:02d} {i % 24:02d}:00'}}"
        for i in range(200)
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize("fmt", ["ndjson", "json", "table"])
def test_a_failed_gate_survives_a_reader_that_stops_early(many_drafts: Path, fmt: str) -> None:
    gate = ("--fail-under", "feed=1000000")
    line, code, stderr = first_line_then_close(
        ["score", str(many_drafts), "--format", fmt, *gate, *FAST]
    )
    assert line
    assert code == 1
    assert stderr.count("igalgo: gate failed: ") == 200


def test_without_a_gate_a_reader_that_stops_early_ends_the_run_quietly(
    many_drafts: Path,
) -> None:
    line, code, stderr = first_line_then_close(
        ["score", str(many_drafts), "--format", "ndjson", *FAST]
    )
    assert line.startswith("{") and code == 0 and stderr == ""


@pytest.fixture(scope="module")
def profiles_3000(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """3,000 valid profiles (their "ok" lines are far more than a pipe holds)."""
    folder = tmp_path_factory.mktemp("profiles")
    paths = []
    for index in range(3000):
        path = folder / f"p{index:04d}.yaml"
        path.write_text(f"name: P{index}\nfollowers: 10\n")
        paths.append(str(path))
    return paths


def test_validate_into_head_exits_with_the_verdict(
    profiles_3000: list[str], tmp_path: Path
) -> None:
    line, code, stderr = first_line_then_close(["validate", *profiles_3000])
    assert line.endswith(': ok (profile "P0")\n') and code == 0 and stderr == ""
    broken = tmp_path / "zz-broken.yaml"
    broken.write_text("followers: x\n")
    line, code, stderr = first_line_then_close(["validate", *profiles_3000, str(broken)])
    assert code == 2 and stderr.startswith(f"{broken}:")


def test_help_into_a_reader_that_stops_early_is_not_a_failed_gate(run_cli: RunCli) -> None:
    _, code, _ = first_line_then_close(["score", "--help"])
    assert code == 0
