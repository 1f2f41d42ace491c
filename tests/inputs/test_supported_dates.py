"""The supported dates (1971-01-01 to 9990-12-31): refused outside with a located error that
says the range, and everything igalgo does with a date inside works, to the last day."""

from __future__ import annotations

from pathlib import Path

import pytest

from igalgo.errors import InputError
from igalgo.inputs.formats import EARLIEST_DATE, LATEST_DATE, SUPPORTED_DATES, ErrorCode
from igalgo.inputs.loader import parse_drafts_text
from tests.conftest import RunCli

FAST = ("--samples", "32")


def drafts_text(*times: str, zone: str = "Europe/Amsterdam") -> str:
    """A drafts file with an inline account in ``zone`` and one draft per time, a reel, a
    story and a photo in turn (so that every surface has a draft)."""
    lines = [f"account: {{name: Zon, followers: 4200, timezone: {zone}}}", "drafts:"]
    kinds = ["format: reel, duration_s: 20", "format: story", "format: photo"]
    for index, when in enumerate(times):
        lines.append(f'  - {{id: d{index}, {kinds[index % 3]}, publish_at: "{when}"}}')
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "when",
    [
        "9999-12-31 12:00",
        "0001-01-01 00:00",
        "9999-12-31T23:59:00-14:00",
        "0001-01-01T00:00:00+14:00",
        "1970-12-31 23:59",
        "9991-01-01 00:00",
    ],
)
def test_a_date_outside_the_range_is_a_located_error_naming_the_range(when: str) -> None:
    text = drafts_text(when)
    with pytest.raises(InputError) as caught:
        parse_drafts_text(text, "d.yaml", None)
    (problem,) = caught.value.problems
    assert problem.code == ErrorCode.OUT_OF_RANGE
    column = text.splitlines()[2].index('"') + 1
    assert problem.location is not None
    assert (problem.location.line, problem.location.column) == (3, column)
    assert problem.path == "drafts[0].publish_at"
    assert SUPPORTED_DATES in problem.message and when in problem.message


def test_the_range_is_the_documented_one() -> None:
    assert (EARLIEST_DATE.isoformat(), LATEST_DATE.isoformat()) == ("1971-01-01", "9990-12-31")
    assert SUPPORTED_DATES in (Path(__file__).parents[2] / "docs" / "formats.md").read_text()


@pytest.mark.parametrize(
    "times, zone",
    [
        (("9990-12-31 23:59", "9990-12-31 22:00", "9990-12-30 12:00"), "Europe/Amsterdam"),
        (("9990-12-31T23:59:00-14:00",) * 3, "Pacific/Kiritimati"),
        (("1971-01-01 00:00", "1971-01-01 00:30", "1971-01-02 09:00"), "Pacific/Kiritimati"),
        (("1971-01-01T00:00:00+14:00",) * 3, "Pacific/Pago_Pago"),
    ],
    ids=["last day", "last minute at -14:00", "first day at +14:00", "first minute at +14:00"],
)
def test_validate_score_and_plan_work_at_the_ends_of_the_range(
    run_cli: RunCli, tmp_path: Path, times: tuple[str, ...], zone: str
) -> None:
    drafts = tmp_path / "ends.yaml"
    drafts.write_text(drafts_text(*times, zone=zone))
    assert run_cli("validate", str(drafts)).returncode == 0
    scored = run_cli("score", str(drafts), *FAST)
    assert scored.returncode == 0, scored.stderr
    planned = run_cli("plan", "--surface", "feed", "--drafts", str(drafts), *FAST)
    assert planned.returncode == 0, planned.stderr


@pytest.mark.parametrize("surface", ["feed", "stories", "explore", "reels"])
def test_plan_works_from_the_last_supported_start_for_a_year(run_cli: RunCli, surface: str) -> None:
    result = run_cli(
        "plan", "--surface", surface, "--account", "bakery", "--start", "9990-12-31",
        "--weeks", "52", "--format", "ics", *FAST,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("start", ["9999-01-01", "0001-01-01", "9991-01-01", "1970-12-31"])
def test_plan_start_outside_the_range_is_a_usage_error_naming_the_range(
    run_cli: RunCli, start: str
) -> None:
    result = run_cli("plan", "--surface", "feed", "--account", "bakery", "--start", start)
    assert result.returncode == 2
    assert result.stderr == f"--start: igalgo supports dates {SUPPORTED_DATES}, got {start}\n"
