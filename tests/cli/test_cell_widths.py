"""``igalgo score`` and ``igalgo plan`` keep within COLUMNS in terminal cells when draft ids
are CJK text (two cells a character), where counting characters let a report pass the width."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.conftest import RunCli

DRAFTS = """\
account: bakery
drafts:
  - id: 新しいクロワッサンのリール動画と週末のサワードウの焼き方
    format: reel
    publish_at: "2026-12-08 19:30"
    duration_s: 25
  - id: 週末のサワードウ
    format: carousel
    publish_at: "2026-12-09 08:00"
    slides: 6
  - id: 一つのパン写真
    format: photo
"""


@pytest.mark.parametrize("width", [60, 100])
def test_score_and_plan_with_cjk_ids_fit_columns_in_cells(
    run_cli: RunCli, tmp_path: Path, width: int
) -> None:
    drafts = tmp_path / "cjk.yaml"
    drafts.write_text(DRAFTS, encoding="utf-8")
    env = {"COLUMNS": str(width)}
    score = run_cli("score", str(drafts), "--samples", "64", env=env)
    assert score.returncode == 0, score.stderr
    assert "週末のサワードウ" in score.stdout
    assert max(cell_len(line) for line in score.stdout.splitlines()) <= width
    plan = run_cli(
        "plan", "--surface", "feed", "--drafts", str(drafts), "--start", "2026-12-07",
        "--samples", "64", env=env,
    )  # fmt: skip
    assert plan.returncode == 0, plan.stderr
    assert max(cell_len(line) for line in plan.stdout.splitlines()) <= width
