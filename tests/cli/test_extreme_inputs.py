"""Extreme but valid numbers reach no internal error (exit 3) through the command line, and the
few that the model cannot compute with are refused at their place in the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from igalgo.domain import WEEKDAYS
from tests.conftest import RunCli

FAST = ("--samples", "32")


def profile(hours: str = "1.0", days: str = "1.0", **posting: str) -> str:
    """A profile with every hour's activity ``hours``, every day's ``days``, and ``posting``."""
    lines = ["name: Extreme", "followers: 4200", "posting:"]
    lines += [f"  {key}: {value}" for key, value in posting.items()] or ["  feed_per_week: 3"]
    lines += [
        "follower_activity:",
        f"  hours: [{', '.join([hours] * 24)}]",
        "  days: {" + ", ".join(f"{day}: {days}" for day in WEEKDAYS) + "}",
    ]
    return "\n".join(lines) + "\n"


DRAFTS = """\
account: profile.yaml
drafts:
  - {id: r, format: reel, duration_s: 20, publish_at: "2026-12-01 12:00"}
  - {id: s, format: story, publish_at: "2026-12-01 15:00"}
  - {id: p, format: photo, publish_at: "2026-12-02 12:00"}
"""


def write(folder: Path, profile_text: str) -> Path:
    (folder / "profile.yaml").write_text(profile_text)
    drafts = folder / "drafts.yaml"
    drafts.write_text(DRAFTS)
    return drafts


@pytest.mark.parametrize(
    "text",
    [
        profile(hours="1.0e+200", days="1.0e+200"),
        profile(hours="1.0e-300", days="1.0e-300"),
        profile(hours="1.7976931348623157e+308", days="5.0e-324"),
        profile(stories_per_week="0.01", reels_per_week="0.01", feed_per_week="0"),
        profile(stories_per_week="700", reels_per_week="100", feed_per_week="100"),
    ],
    ids=["activity overflows", "activity underflows", "largest and smallest", "rare", "most"],
)
def test_extreme_valid_profiles_score_and_plan(run_cli: RunCli, tmp_path: Path, text: str) -> None:
    drafts = write(tmp_path, text)
    scored = run_cli("score", str(drafts), "--format", "json", *FAST)
    assert scored.returncode == 0, scored.stderr
    assert "NaN" not in scored.stdout
    for surface in ("feed", "stories", "reels"):
        planned = run_cli("plan", "--surface", surface, "--drafts", str(drafts), *FAST)
        assert planned.returncode == 0, planned.stderr


@pytest.mark.parametrize(
    "key, value", [("stories_per_week", "5.0e-324"), ("reels_per_week", "1.0e-309")]
)
def test_a_frequency_too_small_to_compute_with_is_a_located_error(
    run_cli: RunCli, tmp_path: Path, key: str, value: str
) -> None:
    drafts = write(tmp_path, profile(**{key: value}))
    scored = run_cli("score", str(drafts), *FAST)
    assert scored.returncode == 2
    where = f"{tmp_path / 'profile.yaml'}:4:{len(key) + 5}: "
    assert scored.stderr.startswith(f"{where}error[out-of-range]: ")
    checked = run_cli("validate", str(tmp_path / "profile.yaml"))
    assert checked.returncode == 2
    first = checked.stderr.splitlines()[0]
    assert first.startswith(where)
    assert f"error[out-of-range]: posting.{key}: must be 0 or at least 0.01" in first
