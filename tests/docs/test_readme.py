"""The README's excerpts are what the commands print, and its promise holds: the feed plan it
shows, written back as a drafts file and scored, gets no time or spacing change."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import PROFILES, REPO, RunCli

README = (REPO / "README.md").read_text(encoding="utf-8")

EXCERPT = re.compile(r"`(igalgo [^`]+)`[^`]{0,300}?:\n\n```\n(.*?)\n```", re.DOTALL)
"""A command in backticks, the rest of its sentence, and the block that shows its output."""

EXCERPTS = [(" ".join(command.split()), block) for command, block in EXCERPT.findall(README)]

EXPORT_COMMAND = (
    "benchmarks/bench_calibrate.py", "--write-export", "content.csv", "--rows", "120",
    "--days", "365",
)  # fmt: skip
"""How the README writes the synthetic export its calibrate excerpt reads."""


def test_the_readme_has_excerpts_of_score_and_plan() -> None:
    commands = [command for command, _ in EXCERPTS]
    assert any(c.startswith("igalgo score") for c in commands)
    assert sum(c.startswith("igalgo plan") for c in commands) >= 2


@pytest.mark.parametrize(("command", "block"), EXCERPTS, ids=[c for c, _ in EXCERPTS])
def test_every_excerpt_line_is_printed_by_its_command(
    run_cli: RunCli, command: str, block: str, tmp_path: Path
) -> None:
    """Regenerate an excerpt by running its command (seed 0, 100 columns, IGALGO_TODAY of the
    tests) and copying the lines; ``...`` marks lines left out. The calibrate excerpt runs in a
    folder with the synthetic export the README writes first."""
    folder = REPO
    if command.startswith("igalgo calibrate"):
        folder = tmp_path
        assert f"`python {' '.join(EXPORT_COMMAND)}`" in " ".join(README.split())
        subprocess.run([sys.executable, str(REPO / EXPORT_COMMAND[0]), *EXPORT_COMMAND[1:]],
                       cwd=tmp_path, check=True, capture_output=True)  # fmt: skip
    done = run_cli(*shlex.split(command)[1:], timeout=120, cwd=folder)
    assert done.returncode == 0, done.stderr
    printed = {line.rstrip() for line in done.stdout.splitlines()}
    missing = [
        line
        for line in block.splitlines()
        if line.strip() != "..." and line.rstrip() not in printed
    ]
    assert missing == [], f"stale README excerpt of `{command}`"


def entry(draft: dict[str, Any], publish_at: str) -> dict[str, Any]:
    """A draft of the demo file at its planned time (a dated draft has no window)."""
    dated = {key: value for key, value in draft.items() if key != "window"}
    dated["publish_at"] = publish_at
    return dated


def test_the_readmes_feed_plan_scored_back_gets_no_time_or_spacing_change(
    run_cli: RunCli, tmp_path: Path
) -> None:
    (command,) = [c for c, _ in EXCERPTS if c.startswith("igalgo plan --surface feed")]
    planned = run_cli(*shlex.split(command)[1:], "--format", "json", timeout=120)
    assert planned.returncode == 0, planned.stderr
    posts = json.loads(planned.stdout)["schedule"]["posts"]
    demo = yaml.safe_load((PROFILES / "demo-plan.yaml").read_text(encoding="utf-8"))
    drafts = {draft["id"]: draft for draft in demo["drafts"]}
    back = tmp_path / "planned.yaml"
    written = [entry(drafts[post["id"]], post["publish_at"]) for post in posts]
    back.write_text(yaml.safe_dump({"account": "bakery", "drafts": written}), encoding="utf-8")
    scored = run_cli("score", str(back), "--surface", "feed", "--format", "json")
    assert scored.returncode == 0, scored.stderr
    levers = [
        (draft["id"], driver["lever"], driver["change"])
        for draft in json.loads(scored.stdout)["files"][0]["drafts"]
        for driver in draft["drivers"]
    ]
    assert len(levers) > 0  # content advice is still there
    assert [lever for lever in levers if lever[1] in ("time", "spacing")] == []
