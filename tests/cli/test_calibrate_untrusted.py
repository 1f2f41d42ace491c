"""``igalgo calibrate`` on hostile and extreme exports (issue 27): every case is a located
input error (exit 2) or a run that goes through, never an internal error (exit 3), a traceback
or a byte that drives the terminal. Each test is named after what it guards."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import time
from pathlib import Path

import pytest

from igalgo.inputs.exports.codes import MAX_POSTS
from tests.conftest import PROFILES, RunCli, igalgo_executable

HEADER = "Publish time,Post type,Reach"


def _rows(*cells: str, days: int = 5) -> str:
    """A CSV of ``days`` posts a day apart, each row ``time,IG image,`` and ``cells``."""
    rows = [f"06/{day:02d}/2024 10:00,IG image,{','.join(cells)}" for day in range(3, 3 + days)]
    return "\n".join(rows) + "\n"


def _calibrate(run_cli: RunCli, folder: Path, *args: str) -> tuple[int, str, str]:
    done = run_cli("calibrate", *args, cwd=folder)
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr, done.stderr
    return done.returncode, done.stdout, done.stderr


def _graph(posts: list[dict[str, object]]) -> str:
    return json.dumps({"data": posts})


def _media(index: int, **extra: object) -> dict[str, object]:
    item: dict[str, object] = {
        "id": str(index),
        "media_type": "IMAGE",
        "timestamp": f"2024-06-{3 + index:02d}T10:00:00+0000",
        "insights": {"data": [{"name": "reach", "values": [{"value": 500}]}]},
    }
    item.update(extra)
    return item


# --- item 2: escape sequences ----------------------------------------------------------------


def test_escape_sequences_from_an_export_reach_the_report_escaped(
    run_cli: RunCli, tmp_path: Path
) -> None:
    export = tmp_path / "esc\x1b[2J.csv"
    export.write_text(
        "Publish time,Post type,Reach,\x1b[2J,Date\n" + _rows("500", "x", "\x1b]0;pwned\x07")
    )
    account = tmp_path / "acc\x1b]0;t\x07.yaml"
    account.write_text((PROFILES / "bakery.yaml").read_text())
    code, out, err = _calibrate(
        run_cli, tmp_path, export.name, "--account", account.name, "--output", "out\x1bx.yaml"
    )
    assert code == 0, err
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert "\\x1b[2J" in out  # the ignored column, shown as text
    assert "\\x1b]0;pwned" in out  # the Date cell of the unchecked-date warning


def test_on_a_terminal_the_report_keeps_its_colours_and_escapes_the_export(
    tmp_path: Path,
) -> None:
    """On a terminal the view is escaped segment by segment: rich's styles still arrive, the
    export's escape sequences arrive as text."""
    (tmp_path / "esc.csv").write_text("Publish time,Post type,Reach,\x1b[2J\n" + _rows("500", "x"))
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR"}}
    process = subprocess.Popen(
        [igalgo_executable(), "calibrate", "esc.csv", "--account", "bakery"],
        stdout=follower,
        stderr=subprocess.DEVNULL,
        env={**env, "TERM": "xterm-256color", "COLUMNS": "120"},
        cwd=tmp_path,
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        shown += chunk
    process.wait(timeout=60)
    os.close(leader)
    assert process.returncode == 0
    assert re.search(rb"\x1b\[[0-9;]*m", shown)  # styles
    assert b"\x1b[2J" not in shown and b"\\x1b[2J" in shown


def test_json_keys_and_graph_metric_names_are_escaped(run_cli: RunCli, tmp_path: Path) -> None:
    posts = [_media(i, **{"\x1b[31mkey": 1}) for i in range(5)]
    posts[0]["insights"] = {
        "data": [
            {"name": "reach", "values": [{"value": 500}]},
            {"name": "\x1b]0;m\x07", "values": [{"value": 1}]},
        ]
    }
    (tmp_path / "media.json").write_text(_graph(posts))
    code, out, err = _calibrate(run_cli, tmp_path, "media.json", "--account", "bakery")
    assert code == 0, err
    assert "\x1b" not in out + err and "\\x1b[31mkey" in out


# --- item 5: duplicate columns in linear time ------------------------------------------------


def test_many_duplicate_columns_are_located_in_linear_time(run_cli: RunCli, tmp_path: Path) -> None:
    header = ",".join(["Publish time", "Post type", *["Reach"] * 20_000])  # 120 KB
    (tmp_path / "dup.csv").write_text(header + "\n" + _rows("5"))
    start = time.perf_counter()
    code, _, err = _calibrate(run_cli, tmp_path, "dup.csv", "--account", "bakery")
    took = time.perf_counter() - start
    assert code == 2 and "error[duplicate-column]" in err
    assert "dup.csv:1:36: error[duplicate-column]" in err  # the third Reach, located
    assert took < 20, f"{took:.1f} s: quadratic again (8,000 columns took 45 s)"


# --- item 6: the most posts ------------------------------------------------------------------


def test_an_export_over_the_most_posts_is_refused_before_its_posts_are_read(
    run_cli: RunCli, tmp_path: Path
) -> None:
    rows = [f"{1717408800 + 3600 * i},IG image,5" for i in range(MAX_POSTS + 1)]
    (tmp_path / "many.csv").write_text(HEADER + "\n" + "\n".join(rows) + "\n")
    code, _, err = _calibrate(run_cli, tmp_path, "many.csv", "--account", "bakery")
    assert code == 2
    assert f"many.csv:{MAX_POSTS + 2}:1: error[too-many-posts]" in err
    assert f"more than {MAX_POSTS:,} posts" in err


def test_exports_over_the_most_posts_together_are_refused(run_cli: RunCli, tmp_path: Path) -> None:
    half = MAX_POSTS // 2 + 1
    for part in range(2):
        start = 1717408800 + 3600 * half * part
        rows = [f"{start + 3600 * i},IG image,5" for i in range(half)]
        (tmp_path / f"part{part}.csv").write_text(HEADER + "\n" + "\n".join(rows) + "\n")
    code, _, err = _calibrate(run_cli, tmp_path, "part0.csv", "part1.csv", "--account", "bakery")
    assert code == 2 and "part1.csv:1:1: error[too-many-posts]" in err


def test_a_json_export_of_too_many_objects_is_refused_unparsed(
    run_cli: RunCli, tmp_path: Path
) -> None:
    (tmp_path / "many.json").write_text("[" + ",".join(["{}"] * (50 * MAX_POSTS + 1)) + "]")
    code, _, err = _calibrate(run_cli, tmp_path, "many.json", "--account", "bakery")
    assert code == 2 and "many.json:1:1: error[too-many-posts]" in err


# --- items 7 and 10: numbers bounded before conversion ---------------------------------------


@pytest.mark.parametrize(
    ("header", "cell"),
    [
        (HEADER, "9" * 400),  # OverflowError once
        (HEADER, "9" * 5000),  # the int-string limit once
        (HEADER, '"' + ",".join(["1"] + ["000"] * 200) + '"'),  # grouped
        (HEADER + ",Likes", "500,10000000000000000"),  # 1e16 likes: math.exp overflow once
        (HEADER + ",Duration", "500," + "9" * 400 + ":00:00"),  # a clock duration
    ],
    ids=["400-digits", "5000-digits", "grouped", "likes-1e16", "duration"],
)
def test_huge_numbers_in_a_csv_are_located_input_errors(
    run_cli: RunCli, tmp_path: Path, header: str, cell: str
) -> None:
    (tmp_path / "big.csv").write_text(header + "\n" + _rows(cell))
    code, _, err = _calibrate(run_cli, tmp_path, "big.csv", "--account", "bakery")
    assert code == 2 and "big.csv:2:" in err and "error[invalid-number]" in err


def test_an_even_number_of_posts_at_the_largest_reach_calibrates(
    run_cli: RunCli, tmp_path: Path
) -> None:
    (tmp_path / "top.csv").write_text(HEADER + "\n" + _rows("1000000000000", days=6))
    code, out, err = _calibrate(run_cli, tmp_path, "top.csv", "--account", "bakery")
    assert code == 0, err
    assert "calibrated on 6 posts" in out and "RuntimeWarning" not in err


@pytest.mark.parametrize(
    "document",
    [
        '{"data": [{"id": "1", "media_type": "IMAGE", "timestamp": "2024-06-03T10:00:00+0000", '
        '"insights": {"data": [{"name": "reach", "values": [{"value": ' + "9" * 5000 + "}]}]}}]}",
        _graph([_media(i, like_count="1" * 400) for i in range(5)]),
        '{"organic_insights_posts": [{"string_map_data": {"Accounts reached": {"value": "5"}}, '
        '"media_map_data": {"Media Thumbnail": {"creation_timestamp": 1' + "0" * 400 + "}}}]}",
    ],
    ids=["json-5000-digits", "like-count-400-digits", "dyi-timestamp-10e400"],
)
def test_huge_numbers_in_json_are_located_input_errors(
    run_cli: RunCli, tmp_path: Path, document: str
) -> None:
    (tmp_path / "big.json").write_text(document)
    code, _, err = _calibrate(run_cli, tmp_path, "big.json", "--account", "bakery")
    assert code == 2 and "big.json:1:" in err
    assert "error[invalid-number]" in err or "error[invalid-publish-time]" in err


@pytest.mark.parametrize("output", [(), ("--output", "out.yaml")])
def test_a_views_per_reach_near_zero_is_a_usage_error(
    run_cli: RunCli, tmp_path: Path, output: tuple[str, ...]
) -> None:
    (tmp_path / "views.csv").write_text("Publish time,Post type,Views\n" + _rows("500"))
    args = ("views.csv", "--account", "bakery", "--views-per-reach", "1e-320", *output)
    code, _, err = _calibrate(run_cli, tmp_path, *args)
    assert code == 2 and "--views-per-reach: expected a number from 0.1 to 1000" in err
    assert not (tmp_path / "out.yaml").exists()


# --- item 8: times whose UTC conversion leaves the calendar ----------------------------------


@pytest.mark.parametrize("when", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:00:00-05:00"])
def test_times_at_the_ends_of_the_calendar_are_located_input_errors(
    run_cli: RunCli, tmp_path: Path, when: str
) -> None:
    (tmp_path / "t.csv").write_text(f"{HEADER}\n{when},IG image,500\n" + _rows("500"))
    (tmp_path / "t.json").write_text(_graph([_media(0, timestamp=when), _media(1)]))
    for name in ("t.csv", "t.json"):
        code, _, err = _calibrate(run_cli, tmp_path, name, "--account", "bakery")
        assert code == 2 and "error[invalid-publish-time]" in err and "is outside" in err


# --- item 9 and 15: malformed CSV, misleading words ------------------------------------------


@pytest.mark.parametrize(
    "first", ['"a"b,Post type,Reach', '"' + "x" * 200_000 + '",Publish time,Post type,Reach']
)
def test_a_malformed_first_line_is_an_input_error(
    run_cli: RunCli, tmp_path: Path, first: str
) -> None:
    (tmp_path / "bad.csv").write_text(first + "\n" + _rows("5"))
    code, _, err = _calibrate(run_cli, tmp_path, "bad.csv", "--account", "bakery")
    assert code == 2 and "bad.csv:1:1: error[" in err


def test_a_cell_over_the_csv_limit_is_named_so_not_an_unclosed_quote(
    run_cli: RunCli, tmp_path: Path
) -> None:
    (tmp_path / "long.csv").write_text(f'{HEADER}\n06/03/2024 10:00,IG image,"{"x" * 200_000}"\n')
    code, _, err = _calibrate(run_cli, tmp_path, "long.csv", "--account", "bakery")
    assert code == 2 and "a cell is longer than 131,072 characters" in err
    assert "quote" not in err


def test_a_utf32_export_is_not_text(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "u.csv").write_bytes((HEADER + "\n" + _rows("500")).encode("utf-32"))
    code, _, err = _calibrate(run_cli, tmp_path, "u.csv", "--account", "bakery")
    assert code == 2 and "u.csv:1:1: error[not-text]: the file is UTF-32 text" in err


def test_a_too_short_history_is_located(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "short.csv").write_text(HEADER + "\n" + _rows("500", days=2))
    code, _, err = _calibrate(run_cli, tmp_path, "short.csv", "--account", "bakery")
    assert code == 2 and "short.csv:1:1: error[history-too-short]" in err


# --- item 11: a stated engagement rate of zero -----------------------------------------------


def test_a_profile_with_an_engagement_rate_of_zero_calibrates(
    run_cli: RunCli, tmp_path: Path
) -> None:
    profile = (PROFILES / "bakery.yaml").read_text()
    assert "engagement_rate: 0.00468" in profile
    (tmp_path / "zero.yaml").write_text(
        profile.replace("engagement_rate: 0.00468", "engagement_rate: 0")
    )
    (tmp_path / "likes.csv").write_text(HEADER + ",Likes\n" + _rows("500,20"))
    code, out, err = _calibrate(run_cli, tmp_path, "likes.csv", "--account", "zero.yaml")
    assert code == 0, err
    assert "engagement rate 0 before" in out


# --- item 12: a lone surrogate ---------------------------------------------------------------


@pytest.mark.parametrize("report", ["table", "json"])
def test_a_lone_surrogate_key_is_written_escaped(
    run_cli: RunCli, tmp_path: Path, report: str
) -> None:
    text = _graph([_media(i) for i in range(5)]).replace('"id"', '"\\ud800": 1, "id"')
    (tmp_path / "s.json").write_text(text)
    code, out, err = _calibrate(
        run_cli, tmp_path, "s.json", "--account", "bakery", "--format", report
    )
    assert code == 0, err
    if report == "json":
        assert json.loads(out)["exports"]["files"][0]["ignored_columns"] == ["\ud800"]
    else:
        assert "\\ud800" in out


# --- item 13: paths the system refuses -------------------------------------------------------


@pytest.mark.parametrize("kind", ["loop", "long-name", "loop-export"])
def test_paths_the_system_refuses_are_exit_2(run_cli: RunCli, tmp_path: Path, kind: str) -> None:
    (tmp_path / "ok.csv").write_text(HEADER + "\n" + _rows("500"))
    os.symlink("loop2", tmp_path / "loop1")
    os.symlink("loop1", tmp_path / "loop2")
    args = {
        "loop": ("ok.csv", "--output", "loop1"),
        "long-name": ("ok.csv", "--output", "a" * 256 + ".yaml"),
        "loop-export": ("loop1",),
    }[kind]
    code, _, err = _calibrate(run_cli, tmp_path, *args, "--account", "bakery")
    assert code == 2, err
    if kind == "loop-export":  # located at the file, as every other export problem
        assert "loop1:1:1: error[unreadable]: cannot read loop1" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root enters any directory")
def test_an_output_through_a_directory_it_may_not_enter_is_exit_2(
    run_cli: RunCli, tmp_path: Path
) -> None:
    (tmp_path / "ok.csv").write_text(HEADER + "\n" + _rows("500"))
    closed = tmp_path / "closed"
    closed.mkdir(mode=0o000)
    try:
        code, _, err = _calibrate(
            run_cli, tmp_path, "ok.csv", "--account", "bakery", "--output", "closed/x/p.yaml"
        )
    finally:
        closed.chmod(0o700)
    assert code == 2, err


# --- item 14: Unix times ---------------------------------------------------------------------


def test_unix_times_in_a_csv_are_read_as_publish_times(run_cli: RunCli, tmp_path: Path) -> None:
    rows = [f"{1717408800 + 86400 * day},IG image,500" for day in range(5)]
    (tmp_path / "unix.csv").write_text(HEADER + "\n" + "\n".join(rows) + "\n")
    code, out, err = _calibrate(run_cli, tmp_path, "unix.csv", "--account", "bakery")
    assert code == 0, err
    assert "calibrated on 5 posts, 2024-06-03 to 2024-06-07" in out


# --- item 16: the calibrated profile keeps the file's bytes ----------------------------------


@pytest.mark.parametrize(
    ("bom", "line_end"),
    [(b"\xef\xbb\xbf", b"\n"), (b"", b"\r"), (b"\xef\xbb\xbf", b"\r\n")],
    ids=["bom", "cr-only", "bom-crlf"],
)
def test_the_calibrated_profile_keeps_the_byte_order_mark_and_line_ends(
    run_cli: RunCli, tmp_path: Path, bom: bytes, line_end: bytes
) -> None:
    profile = (PROFILES / "bakery.yaml").read_bytes().replace(b"\n", line_end)
    (tmp_path / "p.yaml").write_bytes(bom + profile)
    (tmp_path / "ok.csv").write_text(HEADER + "\n" + _rows("500"))
    code, _, err = _calibrate(
        run_cli, tmp_path, "ok.csv", "--account", "p.yaml", "--output", "out.yaml"
    )
    assert code == 0, err
    written = (tmp_path / "out.yaml").read_bytes()
    assert written.startswith(bom + profile)  # the profile's own bytes first, unchanged
    added = written[len(bom + profile) :]
    others = {b"\r\n", b"\n", b"\r"} - {line_end}
    assert b"calibration:" in added
    assert not any(other in added.replace(line_end, b"") for other in others)
    assert run_cli("validate", "out.yaml", cwd=tmp_path).returncode == 0


def test_a_mixed_profile_gets_the_line_end_it_uses_most(run_cli: RunCli, tmp_path: Path) -> None:
    lines = (PROFILES / "bakery.yaml").read_bytes().split(b"\n")
    mixed = b"\r\n".join(lines[:3]) + b"\r\n" + b"\r".join(lines[3:])  # mostly CR
    (tmp_path / "p.yaml").write_bytes(mixed)
    (tmp_path / "ok.csv").write_text(HEADER + "\n" + _rows("500"))
    code, _, err = _calibrate(
        run_cli, tmp_path, "ok.csv", "--account", "p.yaml", "--output", "out.yaml"
    )
    assert code == 0, err
    added = (tmp_path / "out.yaml").read_bytes()[len(mixed) :]
    assert b"calibration:" in added and b"\n" not in added and b"\r" in added
