"""Hostile and broken input: refused fast, with bounded memory, and only ever as InputError."""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from igalgo.errors import InputError
from igalgo.inputs.formats import MAX_INPUT_BYTES, ErrorCode
from igalgo.inputs.loader import load_account, load_drafts, parse_account_text, parse_drafts_text
from tests.conftest import RunCli

BOMB_SECONDS = 1.0
"""An alias bomb must be refused within this time."""

BOMB_PEAK_BYTES = 20 * 1024 * 1024
"""... and while allocating at most this much memory at the peak (Python allocations)."""


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    """The classic alias bomb: ``width ** levels`` strings once expanded (387,420,489 here)."""
    lines = ["a: &a [" + ", ".join(['"lol"'] * width) + "]"]
    for level in range(1, levels):
        name, previous = chr(ord("a") + level), chr(ord("a") + level - 1)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * width) + "]")
    return "\n".join(lines) + "\n"


def schema_shaped_bomb(drafts: int = 20_000, tags: int = 5) -> str:
    """Aliases aimed at what igalgo does walk: many drafts, each an alias of one draft."""
    return (
        "account: {name: Zon, followers: 1}\n"
        "tag: &t bakery\n"
        f"tags: &h [{', '.join(['*t'] * tags)}]\n"
        'one: &d {id: a, format: photo, publish_at: "2026-12-01 10:00", hashtags: *h}\n'
        f"drafts: [{', '.join(['*d'] * drafts)}]\n"
    )


def measured(action: Callable[[], object]) -> tuple[InputError, float, int]:
    """Run ``action``, which must raise InputError; return it, the seconds and the peak bytes."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(InputError) as caught:
            action()
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return caught.value, seconds, peak


@pytest.mark.parametrize(
    "parse",
    [
        lambda text: parse_account_text(text, "bomb.yaml"),
        lambda text: parse_drafts_text(text, "bomb.yaml", None),
    ],
    ids=["as profile", "as drafts"],
)
def test_billion_laughs_is_refused_fast_with_bounded_memory(
    parse: Callable[[str], object],
) -> None:
    error, seconds, peak = measured(lambda: parse(billion_laughs()))
    (problem,) = error.problems
    assert problem.code == ErrorCode.TOO_MANY_NODES
    assert problem.location is not None and problem.location.file == "bomb.yaml"
    assert seconds < BOMB_SECONDS
    assert peak < BOMB_PEAK_BYTES


def test_an_alias_bomb_shaped_like_a_drafts_file_is_refused_too() -> None:
    error, seconds, peak = measured(
        lambda: parse_drafts_text(schema_shaped_bomb(), "bomb.yaml", None)
    )
    assert [p.code for p in error.problems] == [ErrorCode.TOO_MANY_NODES]
    assert seconds < BOMB_SECONDS
    assert peak < BOMB_PEAK_BYTES


def test_a_self_referencing_alias_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        parse_account_text("name: &n [a, *n]\nfollowers: 1\n", "loop.yaml")
    assert [p.code for p in caught.value.problems] == [ErrorCode.ALIAS_CYCLE]


def test_a_file_over_the_limit_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:  # a sparse 200 MiB file: costs no disk
        handle.truncate(200 * 1024 * 1024)
    error, seconds, peak = measured(lambda: load_account(str(path)))
    assert [p.code for p in error.problems] == [ErrorCode.FILE_TOO_LARGE]
    assert peak < 4 * MAX_INPUT_BYTES
    assert seconds < BOMB_SECONDS


def test_a_file_at_the_limit_is_read(tmp_path: Path) -> None:
    text = "name: Zon\nfollowers: 1\n"
    path = tmp_path / "padded.yaml"
    path.write_text(text + "#" * (MAX_INPUT_BYTES - len(text)), encoding="utf-8")
    assert load_account(str(path)).name == "Zon"


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", ErrorCode.EMPTY_FILE),
        (b"\n  \n", ErrorCode.EMPTY_FILE),
        (b"# just a comment\n", ErrorCode.EMPTY_FILE),
        (b"~\n", ErrorCode.EMPTY_FILE),
        (b"name: Caf\xe9\n", ErrorCode.NOT_UTF8),
        ("name: Zon\n".encode("utf-16"), ErrorCode.NOT_UTF8),
        (b"name: Zon\x00\nfollowers: 1\n", ErrorCode.YAML_SYNTAX),
        (b"\tname: Zon\n", ErrorCode.YAML_SYNTAX),
        (b"name: Zon\nfollowers: 1\n...\n---\nname: B\n", ErrorCode.MULTIPLE_DOCUMENTS),
        (b"- just\n- a list\n", ErrorCode.WRONG_TYPE),
        (b"just text\n", ErrorCode.WRONG_TYPE),
        (b"[" * 100_000, ErrorCode.YAML_SYNTAX),
        (b"a:\n" + b"".join(b" " * i + b"- \n" for i in range(1, 200)), ErrorCode.TOO_DEEP),
    ],
    ids=[
        "empty",
        "blank",
        "comment",
        "null",
        "latin-1",
        "utf-16",
        "nul",
        "tab",
        "two documents",
        "list",
        "scalar",
        "deep flow",
        "deep block",
    ],
)
def test_broken_files_are_one_located_problem(tmp_path: Path, content: bytes, code: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_bytes(content)
    for load in (load_account, load_drafts):
        with pytest.raises(InputError) as caught:
            load(str(path))
        (problem,) = caught.value.problems
        assert problem.code == code
        assert problem.location is not None and problem.location.file == str(path)
        assert problem.location.line >= 1 and problem.location.column >= 1
        assert len(problem.format().splitlines()) <= 2


def test_a_byte_order_mark_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfname: Zon\nfollowers: 1\n")
    assert load_account(str(path)).name == "Zon"


def test_a_large_valid_drafts_file_loads_quickly(tmp_path: Path) -> None:
    drafts = "".join(
        f'  - {{id: d{i}, format: photo, publish_at: "2026-12-01 10:00"}}\n' for i in range(2000)
    )
    path = tmp_path / "many.yaml"
    path.write_text("account: bakery\ndrafts:\n" + drafts, encoding="utf-8")
    started = time.perf_counter()
    assert len(load_drafts(str(path)).drafts) == 2000
    assert time.perf_counter() - started < 10


# --- nothing but InputError, whatever the text ----------------------------------------------

_FRAGMENTS = st.sampled_from(
    [
        "name: ",
        "followers: ",
        "account: ",
        "drafts:\n",
        "  - ",
        "id: ",
        "format: ",
        "publish_at: ",
        "hashtags: ",
        "market: ",
        "timezone: ",
        "{",
        "}",
        "[",
        "]",
        ", ",
        ": ",
        "\n",
        "  ",
        "&a ",
        "*a",
        "!!int ",
        "!!str ",
        "<<: ",
        '"',
        "'",
        "19:30",
        "0700",
        "1e3",
        "no",
        ".nan",
        "-1",
        "reel",
        "photo",
        "Europe/Amsterdam",
        '"2026-03-29 02:30"',
        "bakery",
        "---\n",
        "? ",
        "#",
        "\x07",
        "\u00e9",
    ]
)

_YAMLISH = st.lists(_FRAGMENTS, max_size=40).map("".join)


def _only_input_error(text: str) -> None:
    for parse in (
        lambda: parse_account_text(text, "fuzz.yaml"),
        lambda: parse_drafts_text(text, "fuzz.yaml", None),
    ):
        try:
            parse()
        except InputError as error:
            assert error.problems
            for problem in error.problems:
                assert "\n" not in problem.message
                assert problem.hint is None or "\n" not in problem.hint


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_YAMLISH)
def test_yaml_like_text_never_raises_anything_but_input_error(text: str) -> None:
    _only_input_error(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_never_raises_anything_but_input_error(text: str) -> None:
    _only_input_error(text)


def test_standard_input_through_the_entry_point(run_cli: RunCli) -> None:
    ok = run_cli("validate", "-", input="name: Zon\nfollowers: 3\n")
    assert ok.returncode == 0
    assert ok.stdout.startswith('-: ok (profile "Zon")')
    bad = run_cli("validate", "-", input="name: Zon\nfollowers: 19:30\n")
    assert bad.returncode == 2
    assert bad.stderr.startswith("<stdin>:2:12: error[ambiguous-number]: followers: ")
    assert "Traceback" not in bad.stderr


def test_empty_standard_input_through_the_entry_point(run_cli: RunCli) -> None:
    result = run_cli("validate", "-", input="")
    assert result.returncode == 2
    assert "error[empty-file]" in result.stderr
