"""An agency's CI, as it runs igalgo: gates in each client's profile, a trusted profiles
folder, approvals in the drafts files, past dates to the minute, the brief output of the
pre-commit hooks and a demo whose dates never pass (docs/decisions/0140-the-agency-ci.md)."""

from __future__ import annotations

import json
import os
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.conftest import PROFILES, RunCli

DEMO = str(PROFILES / "demo-drafts.yaml")

FAST = ("--samples", "64")
"""Enough samples where only the shape of the output matters."""


@pytest.fixture
def broken_drafts(tmp_path: Path) -> Path:
    """A drafts file whose publish_at is the unquoted 18:30 (line 5, column 17)."""
    path = tmp_path / "broken.yaml"
    path.write_text(
        "account: bakery\ndrafts:\n  - id: late\n    format: photo\n    publish_at: 18:30\n",
        encoding="utf-8",
    )
    return path


def _agency(root: Path, *, gates: str = "gates:\n  feed: 50%\n  reels: 100\n") -> Path:
    """A content repository: profiles/client.yaml (the bakery with ``gates``) and
    drafts/week.yaml naming it by name."""
    (root / "profiles").mkdir(parents=True)
    (root / "drafts").mkdir()
    bakery = (PROFILES / "bakery.yaml").read_text(encoding="utf-8")
    (root / "profiles" / "client.yaml").write_text(bakery + gates, encoding="utf-8")
    (root / "drafts" / "week.yaml").write_text(
        "account: client\n"
        "drafts:\n"
        "  - {id: reel, format: reel, duration_s: 20, publish_at: 'tue 19:30',"
        " status: approved, approved_by: jan}\n"
        "  - {id: photo, format: photo, publish_at: '2026-12-02 10:00', status: in_review}\n"
        "  - {id: later, format: story}\n",
        encoding="utf-8",
    )
    return root


def test_profile_gates_judge_their_files_and_say_where_they_come_from(
    run_cli: RunCli, tmp_path: Path
) -> None:
    root = _agency(tmp_path)
    done = run_cli(
        "score", "drafts/week.yaml", "--profiles", "profiles", "--fail-under", "total=10",
        "--format", "json", *FAST, cwd=root,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    data = json.loads(done.stdout)
    (entry,) = data["files"]
    origins = [(gate["gate"], gate["origin"]) for gate in entry["gates"]]
    assert origins == [
        ("feed=50%", "profiles/client.yaml"),
        ("reels=100", "profiles/client.yaml"),
        ("total=10", "command line"),
    ]
    assert [gate["gate"] for gate in data["gates"]] == ["total=10"]  # the command line's
    failed = {(f["draft"], f["gate"]) for f in data["summary"]["failures"]}
    assert ("photo", "feed=50%") in failed and data["summary"]["exit_code"] == 1
    assert "(50 % of followers, gates: feed=50% of profiles/client.yaml)" in done.stderr
    assert all(len(d["gates"]) == 3 for d in entry["drafts"])


def test_a_bad_gate_in_a_profile_is_a_located_problem(run_cli: RunCli, tmp_path: Path) -> None:
    root = _agency(tmp_path, gates="gates:\n  feed: lots\n  reals: 100\n")
    done = run_cli("validate", "profiles/client.yaml", cwd=root)
    assert done.returncode == 2
    assert "error[wrong-type]: gates.feed: expected a number of accounts" in done.stderr
    assert "error[unknown-key]: gates.reals" in done.stderr and "reels" in done.stderr
    good = run_cli("validate", "profiles/bakery.yaml")
    assert good.returncode == 0 and "gates" not in good.stdout
    gated = run_cli("validate", str(_agency(tmp_path / "ok") / "profiles" / "client.yaml"))
    assert "gates feed=50%, reels=100" in gated.stdout


def test_a_trusted_profiles_folder_lets_confined_drafts_name_their_client(
    run_cli: RunCli, tmp_path: Path
) -> None:
    root = _agency(tmp_path)
    confined = ("--confine-accounts", "--format", "brief", *FAST)
    refused = run_cli("score", "drafts/week.yaml", *confined, cwd=root)
    assert refused.returncode == 2 and "unknown-account" in refused.stdout
    by_name = run_cli("score", "drafts/week.yaml", "--profiles", "profiles", *confined, cwd=root)
    assert by_name.returncode == 1, by_name.stdout  # the profile's feed=50% fails
    by_variable = run_cli(
        "score", "drafts/week.yaml", *confined, cwd=root, env={"IGALGO_PROFILES": "profiles"}
    )
    assert by_variable.returncode == 1 and by_variable.stdout == by_name.stdout
    path = root / "drafts" / "path.yaml"
    text = (root / "drafts" / "week.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("account: client", "account: ../profiles/client.yaml"), "utf-8")
    inside = run_cli(
        "validate", "--confine-accounts", "--profiles", "profiles", str(path), cwd=root
    )
    assert inside.returncode == 0, inside.stderr
    outside = run_cli("validate", "--confine-accounts", str(path), cwd=root)
    assert outside.returncode == 2 and "error[account-outside]" in outside.stderr


def test_a_link_in_the_trusted_folder_that_leads_out_of_it_is_refused(
    run_cli: RunCli, tmp_path: Path
) -> None:
    root = _agency(tmp_path / "repo")
    secret = tmp_path / "secret.yaml"
    secret.write_text((PROFILES / "bakery.yaml").read_text(encoding="utf-8"), "utf-8")
    (root / "profiles" / "leak.yaml").symlink_to(secret)
    drafts = root / "drafts" / "leak.yaml"
    drafts.write_text("account: leak\ndrafts:\n  - {id: a, format: photo}\n", encoding="utf-8")
    for confine in ((), ("--confine-accounts",)):
        done = run_cli("validate", *confine, "--profiles", "profiles", "drafts/leak.yaml", cwd=root)
        assert done.returncode == 2, done.stdout
        assert "error[account-outside]" in done.stderr and "links are followed" in done.stderr
    not_a_folder = run_cli("validate", "--profiles", "drafts/week.yaml", DEMO, cwd=root)
    assert not_a_folder.returncode == 2 and "--profiles: " in not_a_folder.stderr


def test_require_approved_fails_on_dated_drafts_not_approved(
    run_cli: RunCli, tmp_path: Path
) -> None:
    root = _agency(tmp_path, gates="")
    plain = run_cli("score", "drafts/week.yaml", "--profiles", "profiles", *FAST, cwd=root)
    assert plain.returncode == 0, plain.stderr
    done = run_cli(
        "score", "drafts/week.yaml", "--profiles", "profiles", "--require-approved",
        "--format", "json", *FAST, cwd=root,
    )  # fmt: skip
    assert done.returncode == 1
    data = json.loads(done.stdout)
    assert [(u["draft"], u["status"]) for u in data["summary"]["unapproved"]] == [
        ("photo", "in_review")
    ]  # the undated story has no slot to approve yet
    assert data["summary"]["exit_code"] == 1
    drafts = {d["id"]: d for d in data["files"][0]["drafts"]}
    assert (drafts["reel"]["status"], drafts["reel"]["approved_by"]) == ("approved", "jan")
    assert "igalgo: not approved: drafts/week.yaml: draft 'photo'" in done.stderr


def test_plan_and_its_calendar_mark_drafts_waiting_for_approval_tentative(
    run_cli: RunCli, tmp_path: Path
) -> None:
    root = _agency(tmp_path, gates="")
    ics = run_cli(
        "plan", "--drafts", "drafts/week.yaml", "--profiles", "profiles", "--format", "ics",
        "--start", "2026-11-30", *FAST, cwd=root,
    )  # fmt: skip
    assert ics.returncode == 0, ics.stderr
    events = ics.stdout.split("BEGIN:VEVENT")[1:]
    status = {
        next(line for line in event.splitlines() if line.startswith("SUMMARY:")).split()[1]: [
            line for line in event.splitlines() if line.startswith("STATUS:")
        ]
        for event in events
    }
    assert status["reel"] == ["STATUS:CONFIRMED"] and status["photo"] == ["STATUS:TENTATIVE"]
    assert status["later"] == []  # no status in the file: no approval workflow
    table = run_cli(
        "plan", "--drafts", "drafts/week.yaml", "--profiles", "profiles",
        "--start", "2026-11-30", *FAST, cwd=root,
    )  # fmt: skip
    assert (
        "photo (dated) (tentative)" in table.stdout
        and "reel (dated) (tentative)" not in table.stdout
    )


def test_past_dates_are_compared_to_the_minute_everywhere(run_cli: RunCli, tmp_path: Path) -> None:
    root = _agency(tmp_path, gates="")
    args = ("drafts/week.yaml", "--profiles", "profiles")
    morning = {"IGALGO_TODAY": "2026-12-02 09:59"}
    evening = {"IGALGO_TODAY": "2026-12-02 10:01"}
    assert run_cli("validate", *args, cwd=root, env=morning).stderr == ""
    warned = run_cli("validate", *args, cwd=root, env=evening)
    said = "draft 'photo' is dated in the past (Wed 2026-12-02 10:00)"
    assert warned.returncode == 0 and said in warned.stderr
    strict = run_cli("validate", "--strict", *args, cwd=root, env=evening)
    assert strict.returncode == 1 and "1 warning (--strict)" in strict.stdout
    scored = run_cli("score", *args, "--format", "json", *FAST, cwd=root, env=evening)
    assert scored.returncode == 0 and said in scored.stderr
    data = json.loads(scored.stdout)
    assert data["files"][0]["warnings"] == [
        {"draft": "photo", "message": "dated in the past (Wed 2026-12-02 10:00)"}
    ]
    assert data["summary"]["warnings"] == 1
    planned = run_cli("plan", "--drafts", args[0], *args[1:], *FAST, cwd=root, env=evening)
    assert said in planned.stderr
    report = ("report", "--account", "profiles/client.yaml", "--drafts", args[0], *FAST)
    before = run_cli(*report, "--output", "morning.html", cwd=root, env=morning)
    assert before.returncode == 0 and said not in before.stderr, before.stderr
    after = run_cli(*report, "--output", "evening.html", cwd=root, env=evening)
    assert after.returncode == 0 and said in after.stderr, after.stderr
    bad = run_cli("validate", *args, cwd=root, env={"IGALGO_TODAY": "2026-12-02 25:00"})
    assert bad.returncode == 2 and "IGALGO_TODAY" in bad.stderr


def test_a_date_in_the_coming_week_says_which_date_it_became(
    run_cli: RunCli, tmp_path: Path
) -> None:
    root = _agency(tmp_path, gates="")
    done = run_cli(
        "score", "drafts/week.yaml", "--profiles", "profiles", "--format", "json", *FAST,
        cwd=root, env={"IGALGO_TODAY": "2027-03-23 20:00"},
    )  # fmt: skip
    reel = next(d for d in json.loads(done.stdout)["files"][0]["drafts"] if d["id"] == "reel")
    assert reel["publish_at"] == "2027-03-30T19:30:00+02:00"  # a Tuesday: the next one
    assert reel["notes"] == ["tue 19:30: the next Tuesday after today, Tue 2027-03-30 19:30"]


DEMO_DAYS = [date(2027, 1, 4) + timedelta(days=31 * i + i % 7) for i in range(12)]
"""Twelve days spread over 2027, each weekday among them (a test checks that)."""


def test_the_demo_days_cover_the_year_and_every_weekday() -> None:
    assert {day.weekday() for day in DEMO_DAYS} == set(range(7))
    assert all(day.year == 2027 for day in DEMO_DAYS) and len(set(DEMO_DAYS)) == 12


@pytest.mark.parametrize("day", DEMO_DAYS, ids=str)
def test_the_readmes_first_command_prints_no_warning_on_any_day(run_cli: RunCli, day: date) -> None:
    """The shipped demo is dated in the coming days ("tue 19:30"), so it never rots."""
    done = run_cli("score", "profiles/demo-drafts.yaml", *FAST, env={"IGALGO_TODAY": f"{day}"})
    assert done.returncode == 0
    assert done.stderr == ""
    assert "past" not in done.stdout


def test_the_brief_format_is_a_line_per_finding_and_a_summary(
    run_cli: RunCli, tmp_path: Path, broken_drafts: Path
) -> None:
    root = _agency(tmp_path)
    done = run_cli(
        "score", "drafts/week.yaml", str(broken_drafts), "--profiles", "profiles",
        "--require-approved", "--format", "brief", *FAST, cwd=root,
        env={"IGALGO_TODAY": "2026-12-02 12:00"},
    )  # fmt: skip
    assert done.returncode == 2  # an invalid file outranks the failed gates
    assert done.stderr == ""  # everything is in the lines
    lines = done.stdout.splitlines()
    assert lines[0].startswith("warning: drafts/week.yaml: draft 'photo' is dated in the past")
    assert lines[1].startswith(f"{broken_drafts}:5:17: error[")  # in the order of the files
    assert sum(line.startswith("gate failed: drafts/week.yaml: ") for line in lines) >= 1
    assert "not approved: drafts/week.yaml: draft 'photo'" in done.stdout
    assert lines[-1].startswith("igalgo: failed: 2 files, 3 drafts: ")
    assert lines[-1].endswith("1 not approved, 1 invalid file, 1 warning")
    assert len(lines) == len(set(lines)) <= 8
    verbose = run_cli(
        "score", "drafts/week.yaml", "--profiles", "profiles", "--format", "brief", "-v", *FAST,
        cwd=root,
    )  # fmt: skip
    assert verbose.returncode == 1 and "Strategy checklist" in verbose.stdout
    assert verbose.stdout.splitlines()[-1].startswith("igalgo: failed: 1 file, 3 drafts: ")


def test_the_profiles_variable_is_named_in_help(run_cli: RunCli) -> None:
    done = run_cli("score", "--help", env={"COLUMNS": "200"})
    assert "IGALGO_PROFILES" in done.stdout and "--require-approved" in done.stdout
    assert os.environ.get("IGALGO_PROFILES") is None


def test_the_brief_lines_reach_an_output_file_when_every_file_is_invalid(
    run_cli: RunCli, tmp_path: Path, broken_drafts: Path
) -> None:
    out = tmp_path / "hook.txt"
    out.write_text("old\n", encoding="utf-8")
    done = run_cli("score", str(broken_drafts), "--format", "brief", "--output", str(out))
    assert done.returncode == 2 and done.stderr == ""
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith(f"{broken_drafts}:5:17: error[") and len(lines) == 2
    assert lines[1] == (
        "igalgo: failed: 1 file, 0 drafts: 0 gate failures, 0 not approved, 1 invalid file, "
        "0 warnings"
    )
