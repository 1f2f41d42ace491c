"""``igalgo plan`` through the command line: formats, exit codes, stdin, --output."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from docs.tools.plan_schema import plan_schema
from tests.conftest import PROFILES, REPO, RunCli, igalgo_executable, schema_errors
from tests.output.test_ics import events, parse

DEMO = str(PROFILES / "demo-plan.yaml")
"""The demo drafts without their dates (two with a window): the drafts plan places."""
FAST = ("--samples", "100", "--start", "2026-12-07")
"""Small sample count (the properties below hold for any) and a fixed first Monday."""


def errors(stderr: str) -> str:
    """stderr without the warning that FAST's --start is in the past (once that day is)."""
    return "".join(
        line for line in stderr.splitlines(True) if not line.startswith("igalgo: warning: --start")
    )


def plan_json(run_cli: RunCli, *args: str) -> dict[str, object]:
    result = run_cli("plan", *args, "--format", "json", *FAST)
    assert result.returncode == 0, result.stderr
    assert errors(result.stderr) == ""
    data = json.loads(result.stdout)
    assert schema_errors(data, plan_schema()) == []
    return data  # type: ignore[no-any-return]


@pytest.mark.parametrize("surface", ["feed", "stories", "explore", "reels"])
def test_every_surface_plans_for_a_shipped_profile(run_cli: RunCli, surface: str) -> None:
    data = plan_json(run_cli, "--surface", surface, "--account", "bakery")
    assert data["surface"] == surface
    assert data["source"] == "bakery"
    schedule = data["schedule"]
    assert isinstance(schedule, dict) and schedule["from_drafts"] is False
    assert schedule["weeks"] == 2 and schedule["start"] == "2026-12-07"


def test_drafts_are_placed_and_stories_listed_apart(run_cli: RunCli) -> None:
    data = plan_json(run_cli, "--surface", "feed", "--drafts", DEMO, "--per-week", "3")
    schedule = data["schedule"]
    assert isinstance(schedule, dict)
    assert sorted(schedule["ineligible"]) == ["behind-the-scenes-story", "opening-hours-story"]
    assert schedule["per_week"] == {"feed": 3}
    placed = [post["id"] for post in schedule["posts"]]
    assert len(placed) == 6 and len(placed) + len(schedule["unplaced"]) == 8
    assert set(schedule["placement"]) == {"objective", "moves", "moved_gain"}
    # A post with a window goes out on one of its days, when it is placed.
    advent = [p for p in schedule["posts"] if p["id"] == "advent-calendar-reel"]
    assert all(p["publish_at"].startswith("2026-12-07") for p in advent)
    assert all(not p["pinned"] for p in schedule["posts"])


def test_dated_drafts_stay_where_they_are_and_a_plan_of_all_surfaces(
    run_cli: RunCli, tmp_path: Path
) -> None:
    text = (
        Path(DEMO)
        .read_text(encoding="utf-8")
        .replace("  - id: team-photo\n", '  - id: team-photo\n    publish_at: "2026-12-09 12:00"\n')
    )
    drafts = tmp_path / "week.yaml"
    drafts.write_text(text, encoding="utf-8")
    data = plan_json(run_cli, "--drafts", str(drafts))
    assert data["surface"] == "all" and data["surfaces"] == ["explore", "feed", "reels", "stories"]
    posts = {p["id"]: p for p in data["schedule"]["posts"]}
    assert posts["team-photo"]["publish_at"] == "2026-12-09T12:00:00+01:00"
    assert posts["team-photo"]["pinned"] is True
    assert {p["lane"] for p in posts.values()} == {"reels", "feed", "stories"}


def test_account_option_overrides_the_drafts_file(run_cli: RunCli) -> None:
    data = plan_json(run_cli, "--surface", "reels", "--drafts", DEMO, "--account", "fitness-coach")
    account = data["account"]
    assert isinstance(account, dict) and account["name"] != "Bakkerij Zon"


def test_slot_value_equals_what_score_says_for_that_draft(run_cli: RunCli, tmp_path: Path) -> None:
    """One code path, end to end: a heatmap cell of `igalgo plan` is `igalgo score`'s median
    for the same plain draft at that time."""
    data = plan_json(run_cli, "--surface", "feed", "--account", "bakery")
    (lane,) = data["lanes"]
    heatmap = lane["heatmap"]
    assert isinstance(heatmap, dict)
    assert heatmap["samples"] == 100  # the run's, fewer than the heatmap's own 256
    fmt = heatmap["format"]
    extra = {
        "carousel": "    slides: 5\n",
        "reel": "    duration_s: 30\n    audio: original\n",
        "video": "    duration_s: 60\n    audio: original\n",
        "photo": "",
    }[fmt]
    for cell in heatmap["slots"][::60]:
        drafts = tmp_path / "one.yaml"
        drafts.write_text(
            f"account: bakery\ndrafts:\n  - id: probe\n    format: {fmt}\n"
            f'    publish_at: "{cell["publish_at"]}"\n{extra}',
            encoding="utf-8",
        )
        result = run_cli("score", str(drafts), "--format", "json", "--samples", "100")
        assert result.returncode == 0, result.stderr
        drafted = json.loads(result.stdout)["files"][0]["drafts"][0]
        scored = drafted["surfaces"]["feed"]["reach"]["p50"]
        assert scored == cell["median_reach"], cell


def test_the_heatmap_is_scored_at_its_own_samples_when_the_run_has_more(run_cli: RunCli) -> None:
    data = json.loads(
        run_cli(
            "plan", "--surface", "stories", "--account", "personal", "--format", "json",
            "--samples", "300", "--start", "2026-12-07",
        ).stdout
    )  # fmt: skip
    (lane,) = data["lanes"]
    assert data["samples"] == 300 and lane["heatmap"]["samples"] == 256


def test_same_seed_same_bytes_other_seed_other_numbers(run_cli: RunCli) -> None:
    args = ("plan", "--surface", "stories", "--account", "personal", "--format", "json", *FAST)
    first, again = run_cli(*args), run_cli(*args)
    assert first.stdout == again.stdout
    other = run_cli(*args, "--seed", "5")
    assert json.loads(other.stdout)["seed"] == 5
    assert json.loads(other.stdout)["lanes"] != json.loads(first.stdout)["lanes"]


def test_drafts_from_standard_input(run_cli: RunCli) -> None:
    text = Path(DEMO).read_text(encoding="utf-8")
    result = run_cli("plan", "--surface", "reels", "--drafts", "-", "--format", "json", *FAST,
                     input=text)  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["source"] == "-"
    assert {p["format"] for p in data["schedule"]["posts"]} == {"reel"}


def test_table_in_a_pipe_is_plain_text(run_cli: RunCli) -> None:
    result = run_cli("plan", "--surface", "feed", "--account", "bakery", *FAST)
    assert result.returncode == 0 and errors(result.stderr) == ""
    text = result.stdout
    assert "\x1b[" not in text
    for part in ("When", "How often", "What", "Strategy checklist for feed", "Schedule"):
        assert part in text
    rows = [line for line in text.splitlines() if line[:4] in {"Mon ", "Sun "}]
    assert len(rows) == 2 and all(len(line) <= 100 for line in text.splitlines())
    assert "●" in text  # recommended slots are marked


def test_csv_and_ics_formats(run_cli: RunCli, tmp_path: Path) -> None:
    base = ("plan", "--surface", "feed", "--drafts", DEMO, *FAST)
    table = run_cli(*base, "--format", "csv", "--weeks", "1")
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].startswith("account,surface,week,date,weekday,hour")
    assert len(lines) == 1 + 168
    # Read back as bytes (a text-mode pipe would turn the CRLF line ends into LF).
    target = tmp_path / "plan.ics"
    calendar = run_cli(*base, "--format", "ics", "--output", str(target))
    assert calendar.returncode == 0, calendar.stderr
    found = events(parse(target.read_bytes()))
    assert found and all(event["DTSTART"][0].endswith("Z") for event in found)


def test_output_is_written_atomically_and_stdout_stays_empty(
    run_cli: RunCli, tmp_path: Path
) -> None:
    target = tmp_path / "plan.ics"
    result = run_cli("plan", "--surface", "feed", "--account", "bakery", "--format", "ics",
                     "--output", str(target), *FAST)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    assert [p.name for p in tmp_path.iterdir()] == ["plan.ics"]  # no temporary file left
    # A run that fails on its input leaves an existing output as it was.
    broken = tmp_path / "broken.yaml"
    broken.write_text("account: bakery\ndrafts:\n  - id: x\n    format: gif\n", encoding="utf-8")
    before = target.read_bytes()
    failed = run_cli("plan", "--surface", "feed", "--drafts", str(broken), "--output",
                     str(target), *FAST)  # fmt: skip
    assert failed.returncode == 2
    assert "broken.yaml:4:" in failed.stderr and "error[" in failed.stderr
    assert target.read_bytes() == before
    missing = run_cli("plan", "--surface", "feed", "--account", "bakery", "--output",
                      str(tmp_path / "no" / "such" / "dir.json"), *FAST)  # fmt: skip
    assert missing.returncode == 2 and "--output" in missing.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--surface", "feed"), "give --account PROFILE or --drafts FILE"),
        (("--surface", "tv", "--account", "bakery"), "'tv' is not one of"),
        (("--surface", "feed", "--account", "bakery", "--start", "7/12/2026"), "YYYY-MM-DD"),
        (("--surface", "feed", "--account", "bakery", "--per-week", "0"), "--per-week"),
        (("--surface", "feed", "--account", "bakery", "--weeks", "0"), "--weeks"),
        (("--surface", "feed", "--account", "no-such-profile"), "error[file-not-found]"),
        (("--surface", "feed", "--account", "bakery", "--format", "pdf"), "--format"),
    ],
)
def test_bad_input_exits_2_with_a_message_and_no_output(
    run_cli: RunCli, args: tuple[str, ...], message: str
) -> None:
    result = run_cli("plan", *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def test_help_names_every_option(run_cli: RunCli) -> None:
    result = run_cli("plan", "--help")
    assert result.returncode == 0
    for option in ("--surface", "--account", "--drafts", "--per-week", "--weeks", "--start",
                   "--format", "--seed", "--output", "--samples"):  # fmt: skip
        assert option in result.stdout
    assert "Exit codes" in result.stdout


def test_schema_command_prints_the_plan_schema(run_cli: RunCli) -> None:
    result = run_cli("schema", "plan")
    assert result.returncode == 0
    assert json.loads(result.stdout) == plan_schema()


def test_a_closed_pipe_ends_quietly() -> None:
    """`igalgo plan ... | head -1`: no traceback, no error exit."""
    process = subprocess.Popen(
        [igalgo_executable(), "plan", "--surface", "feed", "--account", "bakery", *FAST],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    error = process.stderr.read().decode()
    process.stderr.close()
    process.wait(timeout=60)
    assert first.decode().startswith("Bakkerij Zon")
    assert "Traceback" not in error and "internal error" not in error
    assert process.returncode == 0


def test_a_start_in_the_past_is_planned_with_a_warning(run_cli: RunCli) -> None:
    args = ("plan", "--surface", "stories", "--account", "bakery", "--samples", "32")
    past = run_cli(*args, "--start", "2020-01-06", "--format", "json")
    assert past.returncode == 0
    (warning,) = past.stderr.splitlines()
    assert warning.startswith("igalgo: warning: --start 2020-01-06 is in the past (today is ")
    assert warning.endswith("in Europe/Amsterdam); the plan starts there anyway")
    assert json.loads(past.stdout)["schedule"]["start"].startswith("2020-01-06")
    future = run_cli(*args, "--start", "2099-01-05", "--format", "json")
    assert future.returncode == 0 and future.stderr == ""


def test_a_long_plan_shows_its_step_on_a_terminal_stderr_only(tmp_path: Path) -> None:
    import os
    import pty
    import threading

    from tests.cli.test_score import _drain
    from tests.conftest import TODAY

    many = tmp_path / "many.yaml"
    lines = ["account: bakery", "drafts:"]
    lines += [f"  - {{id: d{i}, format: photo}}" for i in range(600)]
    many.write_text("\n".join(lines) + "\n", encoding="utf-8")
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR"}}
    command = [igalgo_executable(), "plan", "--surface", "feed", "--drafts", str(many)]
    process = subprocess.Popen(
        [*command, "--weeks", "1", "--samples", "64", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=follower,
        env={**env, "TERM": "xterm", "COLUMNS": "100", "IGALGO_TODAY": TODAY},
    )
    os.close(follower)
    chunks: list[bytes] = []
    reader = threading.Thread(target=_drain, args=(leader, chunks))
    reader.start()
    out, _ = process.communicate(timeout=300)
    reader.join(timeout=30)
    os.close(leader)
    assert process.returncode == 0
    shown = b"".join(chunks).decode(errors="replace")
    assert "planning 600 drafts over 1 weeks" in shown
    assert json.loads(out)["schedule"]["posts"]  # stdout is the plan alone
