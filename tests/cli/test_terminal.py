"""``igalgo score`` and ``igalgo plan`` in any terminal: widths from COLUMNS (60, 80, 120 and
nonsense), ASCII where the stream cannot encode the report's symbols, on a pipe and on a
pseudo-terminal. Every output line's width is checked."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.conftest import REPO, RunCli, igalgo_executable

DEMO = "profiles/demo-drafts.yaml"
FAST = ("--samples", "64")
PLAN = ("plan", "--surface", "feed", "--drafts", DEMO, "--start", "2026-12-07", *FAST)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")

ASCII_ENVIRONMENTS = [
    {"PYTHONIOENCODING": "ascii"},
    {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""},
]
"""Streams that cannot encode the Unicode symbols (PYTHONIOENCODING="" means: unset)."""


def _widest(text: str) -> int:
    return max(cell_len(line) for line in text.splitlines())  # terminal cells, not characters


@pytest.mark.parametrize("width", [60, 80, 120])
def test_every_line_of_score_and_plan_fits_columns(run_cli: RunCli, width: int) -> None:
    score = run_cli("score", DEMO, *FAST, env={"COLUMNS": str(width)})
    assert score.returncode == 0, score.stderr
    assert _widest(score.stdout) <= width
    headers = [line for line in score.stdout.splitlines() if line.startswith(" surface ")]
    assert len(headers) == 10 and len(set(headers)) == 1
    assert ("non-followers" in headers[0]) == (width >= 92)
    plan = run_cli(*PLAN, env={"COLUMNS": str(width)})
    assert plan.returncode == 0, plan.stderr
    assert _widest(plan.stdout) <= width
    rows = [line for line in plan.stdout.splitlines() if line[:3] in WEEKDAYS]
    assert [row[:3] for row in rows] == list(WEEKDAYS)  # one line per weekday, never split
    assert {len(row) for row in rows} == {5 + 24 * (3 if width >= 80 else 2)}


@pytest.mark.parametrize("columns", ["abc", "-5", "0", "", " 100 "])
def test_a_columns_that_is_no_width_is_ignored(run_cli: RunCli, columns: str) -> None:
    default = run_cli("score", DEMO, *FAST)
    done = run_cli("score", DEMO, *FAST, env={"COLUMNS": columns})
    assert done.returncode == 0, done.stderr
    assert done.stdout == default.stdout
    plan = run_cli(*PLAN, env={"COLUMNS": columns})
    assert plan.returncode == 0, plan.stderr
    assert _widest(plan.stdout) <= 100


def test_a_tiny_columns_is_taken_as_the_narrowest_layout(run_cli: RunCli) -> None:
    done = run_cli("score", DEMO, *FAST, env={"COLUMNS": "5"})
    assert done.returncode == 0, done.stderr
    assert _widest(done.stdout) <= 40


@pytest.mark.parametrize("env", ASCII_ENVIRONMENTS, ids=["PYTHONIOENCODING", "LC_ALL=C"])
def test_a_stream_without_unicode_gets_ascii_tables(
    run_process: RunCli, env: dict[str, str]
) -> None:
    for args in (("score", DEMO, *FAST), PLAN, ("score", DEMO, *FAST, "--format", "markdown")):
        done = run_process(*args, env=env)
        assert done.returncode == 0, (args, done.stderr)
        assert done.stdout.isascii(), args
        assert "internal error" not in done.stderr
    table = run_process("score", DEMO, *FAST, env=env).stdout
    assert "range (log scale, o median)" in table and " ---" in table


@pytest.mark.parametrize("env", ASCII_ENVIRONMENTS, ids=["PYTHONIOENCODING", "LC_ALL=C"])
def test_json_on_an_ascii_stream_escapes_what_it_cannot_encode(
    run_cli: RunCli, run_process: RunCli, tmp_path: Path, env: dict[str, str]
) -> None:
    drafts = tmp_path / "cafe.yaml"
    drafts.write_text(
        "account: {name: Café Zoë ☕, followers: 2300}\n"
        "drafts:\n  - {id: crème-brûlée, format: photo, publish_at: '2026-12-01 18:00', "
        "caption: 'Warm 🥐'}\n",
        encoding="utf-8",
    )
    utf8 = run_cli("score", str(drafts), *FAST, "--format", "json")
    done = run_process("score", str(drafts), *FAST, "--format", "json", env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.isascii()
    assert json.loads(done.stdout) == json.loads(utf8.stdout)
    assert json.loads(done.stdout)["files"][0]["account"]["name"] == "Café Zoë ☕"
    lines = run_process("score", str(drafts), *FAST, "--format", "ndjson", env=env).stdout
    assert [json.loads(line)["record"] for line in lines.splitlines()] == [
        "draft",
        "checklist",
        "summary",
    ]
    table = run_process("score", str(drafts), *FAST, env=env)
    assert table.returncode == 0 and "Caf? Zo? ?" in table.stdout


def test_an_output_file_is_utf8_whatever_the_terminal(run_process: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "report.txt"
    done = run_process(
        "score", DEMO, *FAST, "--output", str(out), env={"PYTHONIOENCODING": "ascii"}
    )
    assert done.returncode == 0, done.stderr
    assert "●" in out.read_text(encoding="utf-8")


def _on_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run igalgo with stdout on a pseudo-terminal; what it showed, escape codes removed."""
    leader, follower = pty.openpty()
    full_env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR"}}
    full_env.update({"TERM": "xterm-256color", **env})
    process = subprocess.Popen(
        [igalgo_executable(), *args],
        stdout=follower,
        stderr=subprocess.DEVNULL,
        env=full_env,
        cwd=REPO,
    )
    os.close(follower)
    chunks: list[bytes] = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    assert process.returncode == 0
    text = b"".join(chunks).decode("utf-8", errors="replace").replace("\r\n", "\n")
    return _ANSI.sub("", text)


@pytest.mark.parametrize("width", [60, 80])
def test_on_a_terminal_every_line_fits_columns(width: int) -> None:
    score = _on_terminal(["score", DEMO, *FAST], {"COLUMNS": str(width)})
    assert "Bakkerij Zon" in score and _widest(score) <= width
    plan = _on_terminal(list(PLAN), {"COLUMNS": str(width)})
    assert _widest(plan) <= width
    rows = [line for line in plan.splitlines() if line[:3] in WEEKDAYS]
    assert len(rows) == 7


def test_on_an_ascii_terminal_the_symbols_are_ascii() -> None:
    score = _on_terminal(["score", DEMO, *FAST], {"COLUMNS": "100", "PYTHONIOENCODING": "ascii"})
    assert score.isascii() and "o median" in score
