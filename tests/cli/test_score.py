"""``igalgo score`` through the command line: formats, exit codes, stdin, several files,
atomic --output, NO_COLOR, gates, determinism and start-up cost.

The table golden file (tests/golden/score_demo.txt) is the demo drafts at 100 columns without
colour, seed 0; it moves when the model does. Regenerate it with
``IGALGO_UPDATE_GOLDEN=1 pytest tests/cli/test_score.py`` and review the diff.
"""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from docs.tools.score_schema import output_schema
from igalgo.app.dating import WARNINGS_SHOWN
from tests.conftest import REPO, RunCli, igalgo_executable, schema_errors

DEMO = "profiles/demo-drafts.yaml"  # relative: run_cli runs in the checkout
DEMO_DRAFTS = 10
GOLDEN = REPO / "tests" / "golden"

BROKEN = """\
account: bakery
drafts:
  - id: late
    format: photo
    publish_at: 18:30
"""


@pytest.fixture
def other_drafts(tmp_path: Path) -> Path:
    """A second valid drafts file, for another shipped account."""
    path = tmp_path / "coach.yaml"
    path.write_text(
        "account: fitness-coach\n"
        "drafts:\n"
        "  - {id: squat-reel, format: reel, publish_at: '2026-12-01 18:00', duration_s: 30}\n"
        "  - {id: plan-carousel, format: carousel, publish_at: '2026-12-02 07:00', slides: 4}\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def broken_drafts(tmp_path: Path) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    return path


def test_table_report_of_the_demo_matches_golden_file(run_cli: RunCli) -> None:
    done = run_cli("score", DEMO)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    path = GOLDEN / "score_demo.txt"
    if os.environ.get("IGALGO_UPDATE_GOLDEN"):
        path.write_text(done.stdout, encoding="utf-8")
    assert done.stdout == path.read_text(encoding="utf-8")
    assert "\x1b[" not in done.stdout  # not a terminal: plain text
    assert all(line == line.rstrip() for line in done.stdout.splitlines())


def test_json_is_the_contract_and_byte_identical(run_cli: RunCli) -> None:
    first = run_cli("score", DEMO, "--format", "json")
    second = run_cli("score", DEMO, "--format", "json")
    assert first.returncode == 0, first.stderr
    assert first.stderr == ""
    assert first.stdout == second.stdout
    data = json.loads(first.stdout)
    assert schema_errors(data, output_schema()) == []
    assert data["schema_version"] == 6
    assert (data["seed"], data["files"][0]["source"]) == (0, DEMO)
    assert len(data["files"][0]["drafts"]) == DEMO_DRAFTS
    assert data["summary"]["exit_code"] == 0 and data["invalid_files"] == []
    other_seed = run_cli("score", DEMO, "--format", "json", "--seed", "1")
    assert json.loads(other_seed.stdout)["seed"] == 1
    assert other_seed.stdout != first.stdout


def test_ndjson_is_one_valid_line_per_draft_then_a_checklist_then_the_summary(
    run_cli: RunCli,
) -> None:
    done = run_cli("score", DEMO, "--format", "ndjson", "--fail-under", "feed=10%")
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == DEMO_DRAFTS + 2
    schema = output_schema()
    records = [json.loads(line) for line in lines]
    for record in records[:-2]:
        assert schema_errors(record, schema, "draft_record") == []
    assert schema_errors(records[-2], schema, "checklist_record") == []
    assert schema_errors(records[-1], schema, "summary_record") == []
    # The same information as the JSON envelope.
    document = json.loads(
        run_cli("score", DEMO, "--format", "json", "--fail-under", "feed=10%").stdout
    )
    drafts = document["files"][0]["drafts"]
    assert [r["surfaces"] for r in records[:-2]] == [d["surfaces"] for d in drafts]
    assert [r["gates"] for r in records[:-2]] == [d["gates"] for d in drafts]
    assert records[-1]["summary"] == document["summary"]
    assert document["summary"]["exit_code"] == 1


def test_csv_is_one_row_per_draft_and_surface(run_cli: RunCli) -> None:
    done = run_cli("score", DEMO, "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert len(rows) == DEMO_DRAFTS * 4
    assert {r["surface"] for r in rows} == {"feed", "stories", "explore", "reels"}
    only = run_cli("score", DEMO, "--format", "csv", "--surface", "reels")
    assert len(list(csv.DictReader(io.StringIO(only.stdout)))) == DEMO_DRAFTS


def test_markdown_report(run_cli: RunCli) -> None:
    done = run_cli("score", DEMO, "--format", "markdown")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("## Bakkerij Zon (4,200 followers)")
    assert "### Strategy checklist" in done.stdout


def test_standard_input(run_cli: RunCli) -> None:
    text = (REPO / DEMO).read_text(encoding="utf-8")
    done = run_cli("score", "-", "--format", "json", input=text)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)["files"][0]
    assert data["source"] == "-"
    from_file = json.loads(run_cli("score", DEMO, "--format", "json").stdout)["files"][0]
    assert data["drafts"] == from_file["drafts"]


def test_account_option_overrides_the_files_account(run_cli: RunCli) -> None:
    done = run_cli("score", DEMO, "--format", "json", "--account", "fitness-coach")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["files"][0]["account"]["name"] != "Bakkerij Zon"


def test_one_file_or_several_give_the_same_envelope(run_cli: RunCli, other_drafts: Path) -> None:
    done = run_cli("score", DEMO, str(other_drafts), "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert schema_errors(data, output_schema()) == []
    assert [d["source"] for d in data["files"]] == [DEMO, str(other_drafts)]
    assert [len(d["drafts"]) for d in data["files"]] == [DEMO_DRAFTS, 2]
    assert data["summary"]["drafts"] == DEMO_DRAFTS + 2
    one = json.loads(run_cli("score", DEMO, "--format", "json").stdout)
    assert sorted(one) == sorted(data)
    assert one["files"][0] == data["files"][0]


def test_a_bad_file_is_reported_and_the_others_are_scored(
    run_cli: RunCli, other_drafts: Path, broken_drafts: Path
) -> None:
    done = run_cli("score", DEMO, str(broken_drafts), str(other_drafts), "--format", "json")
    assert done.returncode == 2
    assert f"{broken_drafts}:5:17: error[" in done.stderr
    assert "Traceback" not in done.stderr
    data = json.loads(done.stdout)
    assert [d["source"] for d in data["files"]] == [DEMO, str(other_drafts)]
    assert [d["source"] for d in data["invalid_files"]] == [str(broken_drafts)]
    assert data["invalid_files"][0]["problems"][0]["line"] == 5
    assert data["summary"]["exit_code"] == 2
    alone = run_cli("score", str(broken_drafts), "--format", "json")
    assert alone.returncode == 2
    assert json.loads(alone.stdout)["summary"] == {
        "files": 0,
        "invalid_files": 1,
        "drafts": 0,
        "failed_gates": 0,
        "failures": [],
        "unapproved": [],
        "warnings": 0,
        "exit_code": 2,
    }
    table = run_cli("score", str(broken_drafts), DEMO)
    assert table.returncode == 2
    assert "Bakkerij Zon" in table.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["score", "no-such-file.yaml"],
        ["score", DEMO, "--format", "xml"],
        ["score", DEMO, "--surface", "tiktok"],
        ["score", DEMO, "--samples", "0"],
        ["score", DEMO, "--sort-by", "likes"],
        ["score", DEMO, "--fail-under", "feed"],
        ["score", DEMO, "--fail-under", "feed=-3"],
        ["score", DEMO, "--account", "no-such-profile"],
        ["score", "-", "-"],
        ["score"],
    ],
)
def test_usage_and_input_errors_exit_2_without_traceback(run_cli: RunCli, args: list[str]) -> None:
    done = run_cli(*args, input="")
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    assert done.stderr.strip()


def test_fail_under_gates(run_cli: RunCli) -> None:
    passed = run_cli("score", DEMO, "--format", "json", "--fail-under", "feed=1")
    assert passed.returncode == 0, passed.stderr
    failed = run_cli(
        "score", DEMO, "--format", "json", "--fail-under", "feed=1000000", "--fail-under", "reels=1"
    )
    assert failed.returncode == 1
    data = json.loads(failed.stdout)  # results still on stdout, complete
    messages = failed.stderr.splitlines()
    drafts = data["files"][0]["drafts"]
    feed_drafts = [d["id"] for d in drafts if d["surfaces"]["feed"]["eligible"]]
    assert len(messages) == len(feed_drafts)
    for draft_id, message in zip(feed_drafts, messages, strict=True):
        assert f"draft '{draft_id}': feed median reach" in message
    # The JSON says the same: every failure, and each draft's gate results.
    assert [f["message"] for f in data["summary"]["failures"]] == [
        m.removeprefix("igalgo: gate failed: ") for m in messages
    ]
    assert [d["id"] for d in drafts if d["gates"][0]["status"] == "failed"] == feed_drafts
    assert {d["gates"][1]["status"] for d in drafts} == {"passed", "skipped"}
    streamed = run_cli("score", DEMO, "--format", "ndjson", "--fail-under", "total=1000000")
    assert streamed.returncode == 1
    assert len(streamed.stderr.splitlines()) == DEMO_DRAFTS


def test_relative_gates_are_a_share_of_each_accounts_followers(
    run_cli: RunCli, other_drafts: Path
) -> None:
    done = run_cli("score", DEMO, str(other_drafts), "--format", "json", "--fail-under", "feed=9%")
    data = json.loads(done.stdout)
    assert data["gates"] == [
        {
            "gate": "feed=9%",
            "where": "feed",
            "reach": 9,
            "unit": "percent_of_followers",
            "origin": "command line",
        }
    ]
    for entry in data["files"]:
        followers = entry["account"]["followers"]
        for draft in entry["drafts"]:
            (judged,) = draft["gates"]
            assert judged["threshold"] == round(0.09 * followers, 1)
            if judged["status"] != "skipped":
                failed = draft["surfaces"]["feed"]["reach"]["p50"] < judged["threshold"]
                assert (judged["status"] == "failed") == failed
    assert done.returncode == (1 if data["summary"]["failures"] else 0)
    assert all("% of followers, --fail-under feed=9%)" in m for m in done.stderr.splitlines())


def test_sort_by_orders_by_median_reach(run_cli: RunCli) -> None:
    done = run_cli("score", DEMO, "--format", "json", "--sort-by", "reels")
    drafts = json.loads(done.stdout)["files"][0]["drafts"]
    medians = [d["surfaces"]["reels"]["reach"]["p50"] for d in drafts]
    assert medians == sorted(medians, reverse=True)


def test_surface_option_keeps_all_four_keys_in_json(run_cli: RunCli) -> None:
    done = run_cli("score", DEMO, "--format", "json", "--surface", "reels")
    drafts = json.loads(done.stdout)["files"][0]["drafts"]
    assert all(set(d["surfaces"]) == {"feed", "stories", "explore", "reels"} for d in drafts)
    assert all(d["surface"] == "reels" for x in drafts for d in x["drivers"])
    table = run_cli("score", DEMO, "--surface", "reels")
    assert not any(line.startswith(" feed ") for line in table.stdout.splitlines())


def test_output_file_and_svg(run_cli: RunCli, tmp_path: Path) -> None:
    out, svg = tmp_path / "report.json", tmp_path / "report.svg"
    done = run_cli("score", DEMO, "--format", "json", "--output", str(out), "--svg", str(svg))
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert out.read_text(encoding="utf-8") == run_cli("score", DEMO, "--format", "json").stdout
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<svg")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json", "report.svg"]


def test_a_table_output_is_untouched_when_the_input_is_invalid(
    run_cli: RunCli, tmp_path: Path, broken_drafts: Path
) -> None:
    out = tmp_path / "report.txt"
    out.write_text("previous report\n", encoding="utf-8")
    done = run_cli("score", str(broken_drafts), "--output", str(out))
    assert done.returncode == 2
    assert out.read_text(encoding="utf-8") == "previous report\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("fmt", ["json", "ndjson"])
def test_the_envelope_is_written_when_every_input_is_invalid(
    run_cli: RunCli, tmp_path: Path, broken_drafts: Path, fmt: str
) -> None:
    """A CI script reads reach.json after a failure too: the envelope replaces the old file,
    with each invalid file's located problems and the exit code the run ends with."""
    out = tmp_path / f"reach.{fmt}"
    out.write_text("previous report\n", encoding="utf-8")
    done = run_cli("score", str(broken_drafts), "--format", fmt, "--output", str(out))
    assert done.returncode == 2
    text = out.read_text(encoding="utf-8")
    records = [json.loads(text)] if fmt == "json" else [json.loads(x) for x in text.splitlines()]
    data = records[-1]
    assert data["summary"]["exit_code"] == 2 and data["summary"]["invalid_files"] == 1
    invalid = data["invalid_files"][0] if fmt == "json" else records[0]
    assert invalid["source"] == str(broken_drafts) and invalid["problems"][0]["line"] == 5
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_interrupted_output_leaves_the_old_file(tmp_path: Path) -> None:
    """SIGTERM in the middle of a long streaming run: old file intact, no temporary left."""
    many = tmp_path / "many.yaml"
    lines = ["account: bakery", "drafts:"]
    lines += [
        f"  - {{id: d{i}, format: photo, publish_at: '2026-12-{1 + i % 28:02d} {i % 24:02d}:00'}}"
        for i in range(4000)
    ]
    many.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.ndjson"
    out.write_text("old\n", encoding="utf-8")
    process = subprocess.Popen(
        [igalgo_executable(), "score", str(many), "--format", "ndjson", "--output", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(
        p.name.endswith(".tmp") for p in tmp_path.iterdir()
    ):
        time.sleep(0.02)
    time.sleep(0.3)
    assert process.poll() is None, "the run ended before it could be interrupted"
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)
    assert process.returncode == 143  # 128 + SIGTERM, as a shell reports it
    assert out.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def _drain(descriptor: int, chunks: list[bytes]) -> None:
    """Read a pseudo-terminal until its other end is closed."""
    while True:
        try:
            chunk = os.read(descriptor, 65536)
        except OSError:  # the terminal closed
            return
        if not chunk:
            return
        chunks.append(chunk)


def _run_on_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run igalgo with stdout on a pseudo-terminal; returns what it wrote there."""
    leader, follower = pty.openpty()
    full_env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR"}}
    full_env.update({"COLUMNS": "100", "TERM": "xterm-256color", **env})
    process = subprocess.Popen(
        [igalgo_executable(), *args], stdout=follower, stderr=subprocess.DEVNULL, env=full_env
    )
    os.close(follower)
    chunks: list[bytes] = []
    _drain(leader, chunks)
    process.wait(timeout=60)
    os.close(leader)
    assert process.returncode == 0
    return b"".join(chunks).decode("utf-8", errors="replace")


def test_colour_on_a_terminal_and_none_with_no_color() -> None:
    coloured = _run_on_terminal(["score", DEMO], {})
    assert "\x1b[" in coloured
    plain = _run_on_terminal(["score", DEMO], {"NO_COLOR": "1"})
    assert "Bakkerij Zon" in plain
    assert "\x1b[3" not in plain and "\x1b[9" not in plain  # no foreground colours
    assert "\x1b[38;" not in plain


def _imported_modules(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", igalgo_executable(), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stderr


def _imported(*args: str) -> set[str]:
    return {line.rsplit("|", 1)[-1].strip() for line in _imported_modules(*args).splitlines()}


@pytest.mark.parametrize(
    "args", [["--version"], ["--help"], ["score", "--help"], ["schema", "--help"]]
)
def test_version_and_help_import_neither_numpy_nor_yaml(args: list[str]) -> None:
    imported = _imported(*args)
    assert "typer" in imported
    heavy = {"numpy", "yaml", "pydantic", "rich", "igalgo.world.model", "igalgo.inputs.loader"}
    assert not heavy & imported
    assert "igalgo.domain" not in imported  # loaded by commands only


def test_score_converts_its_options_without_pydantic() -> None:
    """typer 0.29 would import pydantic for every option value (docs/decisions/0041)."""
    imported = _imported("score", DEMO, "--samples", "16", "--format", "json", "--seed", "3")
    assert "igalgo.app.score" in imported
    assert "pydantic" not in imported


def test_the_plain_table_is_laid_out_without_rich() -> None:
    """Into a pipe the table is plain text, laid out by igalgo.output.render alone (rich's table
    layout cost more than scoring the demo); rich is for colour terminals and --svg."""
    imported = _imported("score", DEMO, "--samples", "16")
    assert "igalgo.output.render" in imported
    assert not {"rich", "pydantic"} & imported


def test_a_closed_pipe_ends_quietly() -> None:
    """`igalgo score ... | head -1`: no traceback, no internal-error exit."""
    process = subprocess.Popen(
        [igalgo_executable(), "score", DEMO, "--format", "ndjson"],
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
    assert json.loads(first)["record"] == "draft"
    assert "Traceback" not in error and "internal error" not in error
    assert process.returncode == 0


def test_progress_bar_only_on_a_terminal_stderr(tmp_path: Path) -> None:
    many = tmp_path / "many.yaml"
    lines = ["account: bakery", "drafts:"]
    lines += [
        f"  - {{id: d{i}, format: story, publish_at: '2026-12-{1 + i % 28:02d} {i % 24:02d}:00'}}"
        for i in range(600)
    ]
    many.write_text("\n".join(lines) + "\n", encoding="utf-8")
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR"}}
    process = subprocess.Popen(
        [igalgo_executable(), "score", str(many), "--format", "csv"],
        stdout=subprocess.PIPE,
        stderr=follower,
        env={**env, "TERM": "xterm", "COLUMNS": "100"},
    )
    os.close(follower)
    chunks: list[bytes] = []
    reader = threading.Thread(target=_drain, args=(leader, chunks))
    reader.start()  # read the terminal while the run goes on, so it never blocks on stderr
    out, _ = process.communicate(timeout=300)
    reader.join(timeout=30)
    os.close(leader)
    assert process.returncode == 0
    assert "scoring drafts" in b"".join(chunks).decode(errors="replace")
    assert b"scoring" not in out and b"\x1b" not in out
    assert len(out.decode().splitlines()) == 1 + 600 * 4


def test_sort_by_with_streaming_formats(run_cli: RunCli) -> None:
    """--sort-by needs every result first; ndjson and csv then follow that order too."""
    lines = run_cli("score", DEMO, "--format", "ndjson", "--sort-by", "total").stdout.splitlines()
    totals = [json.loads(line)["total"]["reach"]["p50"] for line in lines[:-2]]
    assert len(totals) == DEMO_DRAFTS and totals == sorted(totals, reverse=True)
    rows = list(
        csv.DictReader(
            io.StringIO(run_cli("score", DEMO, "--format", "csv", "--sort-by", "feed").stdout)
        )
    )
    feed = [int(r["reach_p50"]) for r in rows if r["surface"] == "feed"]
    assert feed == sorted(feed, reverse=True)


@pytest.mark.parametrize(
    ("args", "start", "names"),
    [
        (
            ["score", "profiles/bakery.yaml"],
            "profiles/bakery.yaml:4:1: error[wrong-file-kind]: this is an account profile, "
            "not a drafts file",
            "--account profiles/bakery.yaml",
        ),
        (
            ["score", DEMO, "--account", DEMO],
            f"{DEMO}:5:1: error[wrong-file-kind]: this is a drafts file, not an account profile",
            "`igalgo score FILE`",
        ),
        (
            ["plan", "--surface", "feed", "--drafts", "profiles/bakery.yaml"],
            "profiles/bakery.yaml:4:1: error[wrong-file-kind]: this is an account profile",
            "igalgo plan --surface SURFACE --account profiles/bakery.yaml",
        ),
        (
            ["plan", "--surface", "feed", "--account", DEMO],
            f"{DEMO}:5:1: error[wrong-file-kind]: this is a drafts file",
            "`igalgo plan --drafts FILE`",
        ),
    ],
)
def test_a_file_of_the_other_kind_gets_one_line_saying_what_takes_it(
    run_cli: RunCli, args: list[str], start: str, names: str
) -> None:
    done = run_cli(*args)
    assert done.returncode == 2
    (line,) = done.stderr.splitlines()
    assert line.startswith(start) and names in line


def test_undated_drafts_and_dates_in_the_past(run_cli: RunCli, tmp_path: Path) -> None:
    """An undated draft is scored at its best slot of the coming week and says so; a date
    before today (IGALGO_TODAY) is warned about on stderr, and still scored."""
    path = tmp_path / "week.yaml"
    path.write_text(
        "account: bakery\n"
        "drafts:\n"
        "  - {id: someday, format: photo, caption: 'Our spelt loaf is back this week'}\n"
        "  - {id: old, format: photo, publish_at: '2026-11-02 10:00'}\n",
        encoding="utf-8",
    )
    done = run_cli("score", str(path), "--samples", "64", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert done.stderr == (
        f"igalgo: warning: {path}: draft 'old' is dated in the past (Mon 2026-11-02 10:00)\n"
    )
    drafts = {d["id"]: d for d in json.loads(done.stdout)["files"][0]["drafts"]}
    assert drafts["someday"]["publish_at"][:10] >= "2026-12-07"  # the week after 2026-11-30
    (note,) = drafts["someday"]["notes"]
    assert note.startswith("undated: scored at its best slot of the coming week")
    assert "notes" not in drafts["old"]
    table = run_cli("score", str(path), "--samples", "64")
    assert "note: undated: scored at its best slot" in table.stdout
    later = run_cli("score", str(path), "--samples", "64", env={"IGALGO_TODAY": "2026-10-01"})
    assert later.stderr == ""
    bad = run_cli("score", str(path), env={"IGALGO_TODAY": "soon"})
    assert bad.returncode == 2 and "IGALGO_TODAY" in bad.stderr


def test_many_drafts_in_the_past_are_a_few_lines_and_a_count(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """A year of drafts in the past warns about the first few and counts the rest in one
    line; the JSON lists every one, and validate prints them all."""
    path = tmp_path / "year.yaml"
    days = [f"2026-{month:02d}-{day:02d}" for month in range(1, 11) for day in (3, 17)]
    path.write_text(
        "account: bakery\ndrafts:\n"
        + "".join(
            f"  - {{id: d{i}, format: photo, publish_at: '{day} 10:00'}}\n"
            for i, day in enumerate(days)
        ),
        encoding="utf-8",
    )
    done = run_cli("score", str(path), "--samples", "16", "--format", "json")
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == WARNINGS_SHOWN + 1
    assert all("is dated in the past" in line for line in lines[:-1])
    more = len(days) - WARNINGS_SHOWN
    assert lines[-1] == (
        f"igalgo: warning: {path}: {more} more drafts are dated in the past or due in a window "
        "that has ended (igalgo validate lists them all)"
    )
    assert len(json.loads(done.stdout)["files"][0]["warnings"]) == len(days)
    checked = run_cli("validate", str(path))
    assert checked.stderr.count("is dated in the past") == len(days)


def test_a_surface_at_zero_says_why(run_cli: RunCli) -> None:
    done = run_cli("score", DEMO, "--format", "json")
    drafts = {d["id"]: d for d in json.loads(done.stdout)["files"][0]["drafts"]}
    explore = drafts["tiktok-repost-reel"]["surfaces"]["explore"]
    if explore["reach"]["p50"] == 0:
        assert explore["zero_reason"] == "not recommended: watermark"
    assert all(
        surface["reach"]["p50"] == 0
        for draft in drafts.values()
        for surface in draft["surfaces"].values()
        if "zero_reason" in surface
    )
