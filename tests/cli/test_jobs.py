"""``--jobs N``: worker processes for score and plan, the same numbers for any N."""

from __future__ import annotations

from pathlib import Path

import pytest

from igalgo.cli.options import engine_settings
from tests.conftest import PROFILES, RunCli

DEMO = str(PROFILES / "demo-drafts.yaml")


def test_jobs_become_the_engine_settings_workers() -> None:
    assert engine_settings(1024, 1).workers == 1
    assert engine_settings(64, 5).workers == 5 and engine_settings(64, 5).samples == 64


PLAN = ["plan", "--surface", "feed", "--account", "bakery"]


@pytest.mark.parametrize("command", [["score", DEMO], PLAN])
@pytest.mark.parametrize("jobs", ["0", "65", "two"])
def test_jobs_out_of_range_is_a_usage_error(run_cli: RunCli, command: list[str], jobs: str) -> None:
    result = run_cli(*command, "--jobs", jobs)
    assert result.returncode == 2
    assert "Invalid value for '--jobs'" in result.stderr
    assert "Traceback" not in result.stderr


def test_any_number_of_jobs_gives_the_same_bytes(run_process: RunCli, tmp_path: Path) -> None:
    # 40 drafts: their drivers' counterfactuals fill several engine chunks, which go to the
    # workers when there are several.
    extra = {"photo": "", "reel": ", duration_s: 20", "story": "", "carousel": ", slides: 3"}
    lines = ["account: bakery", "drafts:"]
    for i in range(40):
        kind = tuple(extra)[i % 4]
        when = f"2026-12-{1 + i % 14:02d} {6 + i % 15:02d}:00"
        lines.append(f"  - {{id: d{i}, format: {kind}, publish_at: '{when}'{extra[kind]}}}")
    many = tmp_path / "many.yaml"
    many.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outputs = {
        jobs: run_process("score", str(many), "--format", "csv", "--jobs", jobs, timeout=120)
        for jobs in ("1", "2", "3")
    }
    assert all(done.returncode == 0 for done in outputs.values()), outputs["1"].stderr
    assert outputs["1"].stdout == outputs["2"].stdout == outputs["3"].stdout


def test_help_says_the_results_do_not_depend_on_jobs(run_cli: RunCli) -> None:
    for command in ("score", "plan"):
        text = " ".join(run_cli(command, "--help").stdout.split())
        assert "--jobs" in text and "identical for any N" in text
