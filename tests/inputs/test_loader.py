"""The loader: every error code with its location and path, YAML 1.1 traps, time zones, DST."""

from __future__ import annotations

import dataclasses
import io
import sys
import textwrap
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from igalgo.domain import (
    DEFAULT_LIMITS,
    Account,
    AccountType,
    Audio,
    Draft,
    DraftsFile,
    FollowerActivity,
    Format,
    Interaction,
    Market,
    Niche,
    Posting,
    Quality,
)
from igalgo.errors import InputError, Problem
from igalgo.inputs import loader
from igalgo.inputs.declarations import Shape
from igalgo.inputs.formats import (
    DAYS,
    DRAFT,
    ERROR_CODE_MEANINGS,
    FOLLOWER_ACTIVITY,
    INTERACTION,
    MARKET,
    MAX_INPUT_BYTES,
    MAX_NODES,
    POSTING,
    PROFILE,
    ErrorCode,
)
from igalgo.inputs.loader import (
    load_account,
    load_document,
    load_drafts,
    parse_account_text,
    parse_drafts_text,
)
from igalgo.inputs.sources import profiles_directory, read_source, shipped_profiles
from tests.conftest import PROFILES, REPO

ACCOUNT_LINE = "account: {name: Zon, followers: 4200, timezone: Europe/Amsterdam}\n"
"""An inline account for drafts snippets: line 1 of every drafts case below."""


def profile_problems(text: str) -> list[Problem]:
    """The problems the loader finds in a profile text (fails if it finds none)."""
    with pytest.raises(InputError) as caught:
        parse_account_text(textwrap.dedent(text), "p.yaml")
    return caught.value.problems


def drafts_problems(text: str, base_dir: Path | None = None) -> list[Problem]:
    """The problems the loader finds in a drafts text (fails if it finds none)."""
    with pytest.raises(InputError) as caught:
        parse_drafts_text(textwrap.dedent(text), "d.yaml", base_dir)
    return caught.value.problems


def only(problems: list[Problem], code: ErrorCode) -> Problem:
    """The one problem with ``code``."""
    found = [p for p in problems if p.code == code]
    assert len(found) == 1, [p.format() for p in problems]
    return found[0]


def where(problem: Problem) -> tuple[int, int, str]:
    """(line, column, path) of a problem."""
    assert problem.location is not None
    return (problem.location.line, problem.location.column, problem.path)


# --- one case per error code found in a document's text -------------------------------------

PROFILE_CASES = [
    # code, text, (line, column, path)
    (ErrorCode.YAML_SYNTAX, "name: A\nfollowers: 1\nmarket: {niche: food\n", (4, 1, "")),
    (ErrorCode.MULTIPLE_DOCUMENTS, "name: A\nfollowers: 1\n---\nname: B\n", (3, 1, "")),
    (ErrorCode.EMPTY_FILE, "# nothing but a comment\n", (1, 1, "")),
    # the top-level mapping is level 1, so the 50th "[" (column 53) opens level 51
    (ErrorCode.TOO_DEEP, "a: " + "[" * 60 + "]" * 60 + "\n", (1, 53, "")),
    (ErrorCode.ALIAS_CYCLE, "name: A\nfollowers: 1\nx: &loop [1, *loop]\n", (3, 4, "")),
    (ErrorCode.UNSUPPORTED_YAML, "base: &b {name: A}\n<<: *b\nfollowers: 1\n", (2, 1, "")),
    (ErrorCode.DUPLICATE_KEY, "name: A\nfollowers: 1\nname: B\n", (3, 1, "name")),
    (ErrorCode.UNKNOWN_KEY, "name: A\nfollowers: 1\nfolowers: 2\n", (3, 1, "folowers")),
    (ErrorCode.MISSING_KEY, "name: A\naccount_type: business\n", (1, 1, "")),
    (ErrorCode.WRONG_TYPE, "name: A\nfollowers: many\n", (2, 12, "followers")),
    (ErrorCode.AMBIGUOUS_NUMBER, "name: A\nfollowers: 0700\n", (2, 12, "followers")),
    (ErrorCode.OUT_OF_RANGE, "name: A\nfollowers: -5\n", (2, 12, "followers")),
    (
        ErrorCode.WRONG_LENGTH,
        "name: A\nfollowers: 1\nfollower_activity:\n  hours: [1, 2, 3]\n",
        (4, 10, "follower_activity.hours"),
    ),
    (
        ErrorCode.ALL_ZERO,
        "name: A\nfollowers: 1\nfollower_activity:\n  hours: [" + ", ".join(["0"] * 24) + "]\n",
        (4, 10, "follower_activity.hours"),
    ),
    (ErrorCode.EMPTY_VALUE, 'name: "  "\nfollowers: 1\n', (1, 7, "name")),
    (
        ErrorCode.INVALID_COLOUR,
        'name: A\nfollowers: 1\nreport:\n  accent: "#12345"\n',
        (4, 11, "report.accent"),
    ),
    (ErrorCode.TOO_LONG, f"name: {'x' * 101}\nfollowers: 1\n", (1, 7, "name")),
    (ErrorCode.CONTROL_CHARACTER, 'name: "A\\e[2J"\nfollowers: 1\n', (1, 7, "name")),
    (
        ErrorCode.UNKNOWN_VALUE,
        "name: A\nfollowers: 1\nmarket:\n  niche: fod\n",
        (4, 10, "market.niche"),
    ),
    (
        ErrorCode.INVALID_TIMEZONE,
        "name: A\nfollowers: 1\ntimezone: Europe/Amsterdm\n",
        (3, 11, "timezone"),
    ),
    (
        ErrorCode.INVALID_TIME,
        'name: A\nfollowers: 1\nposting:\n  times: ["08:00", "25:00"]\n',
        (4, 20, "posting.times[1]"),
    ),
    (
        ErrorCode.INVALID_DATE,
        'name: A\nfollowers: 1\ncalibration:\n  igalgo_version: "0.1.0"\n  posts: 3\n'
        "  first_post: 2025-02-30\n  last_post: 2025-06-30\n",
        (6, 15, "calibration.first_post"),
    ),
    (
        ErrorCode.INCONSISTENT_VALUES,
        'name: A\nfollowers: 1\ncalibration:\n  igalgo_version: "0.1.0"\n  posts: 3\n'
        "  first_post: 2025-07-01\n  last_post: 2025-06-30\n",
        (7, 3, "calibration.last_post"),
    ),
]

DRAFTS_CASES = [
    (
        ErrorCode.INVALID_DATETIME,
        "drafts:\n  - {id: a, format: photo, publish_at: tomorrow}\n",
        (3, 40, "drafts[0].publish_at"),
    ),
    (
        ErrorCode.NONEXISTENT_TIME,
        'drafts:\n  - {id: a, format: photo, publish_at: "2026-03-29 02:30"}\n',
        (3, 40, "drafts[0].publish_at"),
    ),
    (
        ErrorCode.NOT_ALLOWED,
        'drafts:\n  - {id: a, format: photo, publish_at: "2026-12-01 10:00", slides: 3}\n',
        (3, 60, "drafts[0].slides"),
    ),
    (
        ErrorCode.INVALID_HASHTAG,
        'drafts:\n  - {id: a, format: photo, publish_at: "2026-12-01 10:00", '
        'hashtags: [ok, "not ok"]}\n',
        (3, 75, "drafts[0].hashtags[1]"),
    ),
    (
        ErrorCode.INVALID_DATE,
        'drafts:\n  - {id: a, format: photo, window: {from: "2026-12-20", to: soon}}\n',
        (3, 61, "drafts[0].window.to"),
    ),
    (
        ErrorCode.DUPLICATE_ID,
        "drafts:\n"
        '  - {id: a, format: photo, publish_at: "2026-12-01 10:00"}\n'
        '  - {id: a, format: photo, publish_at: "2026-12-02 10:00"}\n',
        (4, 10, "drafts[1].id"),
    ),
]


@pytest.mark.parametrize(
    ("code", "text", "expected"), PROFILE_CASES, ids=[str(c[0]) for c in PROFILE_CASES]
)
def test_profile_error_code_line_column_path(
    code: ErrorCode, text: str, expected: tuple[int, int, str]
) -> None:
    problem = only(profile_problems(text), code)
    assert where(problem) == expected
    assert problem.location is not None and problem.location.file == "p.yaml"
    assert "\n" not in problem.message


@pytest.mark.parametrize(
    ("code", "text", "expected"), DRAFTS_CASES, ids=[str(c[0]) for c in DRAFTS_CASES]
)
def test_drafts_error_code_line_column_path(
    code: ErrorCode, text: str, expected: tuple[int, int, str]
) -> None:
    problem = only(drafts_problems(ACCOUNT_LINE + text), code)
    assert where(problem) == expected


def test_unknown_account_is_located_with_a_suggestion(tmp_path: Path) -> None:
    text = 'account: bakeri\ndrafts:\n  - {id: a, format: photo, publish_at: "2026-12-01 10:00"}\n'
    problem = only(drafts_problems(text, tmp_path), ErrorCode.UNKNOWN_ACCOUNT)
    assert where(problem) == (1, 10, "account")
    assert problem.hint is not None and "bakery" in problem.hint


def test_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_source(str(tmp_path / "nope.yaml"))
    (problem,) = caught.value.problems
    assert problem.code == ErrorCode.FILE_NOT_FOUND
    assert "nope.yaml" in problem.format()


def test_is_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_source(str(tmp_path))
    assert [p.code for p in caught.value.problems] == [ErrorCode.IS_DIRECTORY]


def test_unreadable_path() -> None:
    with pytest.raises(InputError) as caught:
        read_source("bad\0name.yaml")  # the OS refuses a path with a NUL byte
    assert [p.code for p in caught.value.problems] == [ErrorCode.UNREADABLE]


def test_file_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * (MAX_INPUT_BYTES + 1))
    with pytest.raises(InputError) as caught:
        read_source(str(path))
    (problem,) = caught.value.problems
    assert problem.code == ErrorCode.FILE_TOO_LARGE
    assert problem.location is not None and problem.location.line == 1


def test_not_utf8_is_located_at_the_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"name: Zon\nlocation: Caf\xe9\n")
    with pytest.raises(InputError) as caught:
        read_source(str(path))
    (problem,) = caught.value.problems
    assert problem.code == ErrorCode.NOT_UTF8
    assert where(problem) == (2, 14, "")
    assert "0xe9" in problem.message


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_bytes(b"  \n\n")
    with pytest.raises(InputError) as caught:
        read_source(str(path))
    assert [p.code for p in caught.value.problems] == [ErrorCode.EMPTY_FILE]


def test_too_many_nodes() -> None:
    text = "name: A\nfollowers: 1\nx: [" + ", ".join(["1"] * (MAX_NODES + 10)) + "]\n"
    problem = only(profile_problems(text), ErrorCode.TOO_MANY_NODES)
    assert problem.location is not None and problem.location.line == 3


FILE_LEVEL_CODES = {
    ErrorCode.FILE_NOT_FOUND,
    ErrorCode.IS_DIRECTORY,
    ErrorCode.UNREADABLE,
    ErrorCode.FILE_TOO_LARGE,
    ErrorCode.NOT_UTF8,
    ErrorCode.EMPTY_FILE,
    ErrorCode.TOO_MANY_NODES,
    ErrorCode.UNKNOWN_ACCOUNT,
    ErrorCode.WRONG_FILE_KIND,
    ErrorCode.ACCOUNT_OUTSIDE,  # tests/inputs/test_untrusted.py
    ErrorCode.NOT_A_FILE,  # tests/inputs/test_untrusted.py
}
"""Codes tested by the dedicated tests (here or where named) rather than by the tables."""


def test_every_error_code_has_a_test_and_a_meaning() -> None:
    tabled = {case[0] for case in PROFILE_CASES + DRAFTS_CASES}
    assert tabled | FILE_LEVEL_CODES == set(ErrorCode)
    assert set(ERROR_CODE_MEANINGS) == set(ErrorCode)


# --- every problem at once, messages and hints ---------------------------------------------


def test_every_problem_of_a_file_is_reported_in_one_run_in_line_order() -> None:
    problems = profile_problems(
        """\
        name: Zon
        followers: -1
        timezone: Nowhere/Special
        market: {niche: fod, popularity: huge}
        interaction: {engagement_rate: 12}
        """
    )
    assert [p.code for p in problems] == [
        ErrorCode.OUT_OF_RANGE,
        ErrorCode.INVALID_TIMEZONE,
        ErrorCode.UNKNOWN_VALUE,
        ErrorCode.UNKNOWN_VALUE,
        ErrorCode.OUT_OF_RANGE,
    ]
    lines = [p.location.line for p in problems if p.location]
    assert lines == sorted(lines)


def test_problem_format_is_file_line_column_code_path_message_hint() -> None:
    problem = only(profile_problems("name: A\nfollowers: 1\nfolowers: 2\n"), ErrorCode.UNKNOWN_KEY)
    assert problem.format() == (
        "p.yaml:3:1: error[unknown-key]: folowers: unknown key `folowers`\n"
        "  hint: did you mean `followers`?"
    )


def test_unknown_key_without_a_close_match_lists_the_known_keys() -> None:
    problem = only(profile_problems("name: A\nfollowers: 1\nzzz: 2\n"), ErrorCode.UNKNOWN_KEY)
    assert problem.hint is not None and "followers" in problem.hint and "market" in problem.hint


def test_unknown_niche_suggests_the_closest_and_lists_them_all() -> None:
    problem = only(
        profile_problems("name: A\nfollowers: 1\nmarket: {niche: fitnes}\n"),
        ErrorCode.UNKNOWN_VALUE,
    )
    assert problem.hint is not None
    assert "did you mean 'fitness'" in problem.hint
    assert all(niche.value in problem.hint for niche in Niche)


def test_engagement_rate_as_a_percentage_gets_a_fraction_hint() -> None:
    problem = only(
        profile_problems("name: A\nfollowers: 1\ninteraction: {engagement_rate: 1.2}\n"),
        ErrorCode.OUT_OF_RANGE,
    )
    assert problem.hint is not None and "0.012" in problem.hint


def test_a_profile_that_is_not_a_mapping() -> None:
    (problem,) = profile_problems("- name: A\n")
    assert problem.code == ErrorCode.WRONG_TYPE
    assert "a list" in problem.message


def test_a_drafts_file_given_as_a_profile_says_so_in_one_problem() -> None:
    (problem,) = profile_problems("# week\naccount: bakery\ndrafts: []\n")
    assert problem.code == ErrorCode.WRONG_FILE_KIND
    assert where(problem) == (2, 1, "")
    assert problem.message.startswith("this is a drafts file, not an account profile")
    assert "`igalgo score FILE`" in problem.message and "--drafts" in problem.message
    assert problem.hint is None and "\n" not in problem.format()


@pytest.mark.parametrize(
    "text",
    ["name: A\nfollowers: 10\n", "account_type: creator\nfolowers: 3\n", "followers: x\n"],
)
def test_a_profile_given_as_a_drafts_file_says_so_in_one_problem(text: str) -> None:
    (problem,) = drafts_problems(text)
    assert problem.code == ErrorCode.WRONG_FILE_KIND
    assert problem.message.startswith("this is an account profile, not a drafts file")
    assert "--account d.yaml" in problem.message


def test_a_drafts_file_with_a_typo_is_still_checked_as_a_drafts_file() -> None:
    """Only a mapping with profile keys and neither `account` nor `drafts` is a profile."""
    problems = drafts_problems("account: bakery\nname: x\n")
    assert {p.code for p in problems} == {ErrorCode.UNKNOWN_KEY, ErrorCode.MISSING_KEY}


# --- YAML 1.1 traps ------------------------------------------------------------------------


def test_unquoted_time_is_the_sexagesimal_integer_and_the_hint_says_quote_it() -> None:
    problem = only(
        profile_problems("name: A\nfollowers: 1\nposting: {times: [19:30]}\n"),
        ErrorCode.INVALID_TIME,
    )
    assert "integer 1170" in problem.message
    assert problem.hint is not None and '"19:30"' in problem.hint and "base-60" in problem.hint


def test_unquoted_publish_time_is_explained_too() -> None:
    problem = only(
        drafts_problems(ACCOUNT_LINE + "drafts:\n  - {id: a, format: photo, publish_at: 19:30}\n"),
        ErrorCode.INVALID_DATETIME,
    )
    assert "integer 1170" in problem.message


@pytest.mark.parametrize("word", ["no", "on", "yes", "off", "No", "OFF"])
def test_yaml11_booleans_where_text_is_expected(word: str) -> None:
    problem = only(
        profile_problems(f"name: A\nfollowers: 1\nmarket: {{popularity: {word}}}\n"),
        ErrorCode.WRONG_TYPE,
    )
    assert "boolean" in problem.message
    assert problem.hint is not None and f'"{word}"' in problem.hint


def test_quoted_no_is_text_and_then_simply_an_unknown_value() -> None:
    problem = only(
        profile_problems('name: A\nfollowers: 1\nmarket: {popularity: "no"}\n'),
        ErrorCode.UNKNOWN_VALUE,
    )
    assert problem.path == "market.popularity"


@pytest.mark.parametrize(
    ("written", "advice"),
    [("1e3", "1000"), ("1.5e6", "1500000"), ('"4200"', "quotes")],
)
def test_numbers_that_yaml11_reads_as_text(written: str, advice: str) -> None:
    problem = only(profile_problems(f"name: A\nfollowers: {written}\n"), ErrorCode.WRONG_TYPE)
    assert problem.hint is not None and advice in problem.hint


@pytest.mark.parametrize(("written", "reading"), [("0700", "448"), ("1:30", "90")])
def test_octal_and_base60_numbers_are_refused(written: str, reading: str) -> None:
    problem = only(profile_problems(f"name: A\nfollowers: {written}\n"), ErrorCode.AMBIGUOUS_NUMBER)
    assert reading in problem.message


def test_empty_value_is_null_not_an_empty_text() -> None:
    problem = only(profile_problems("name:\nfollowers: 1\n"), ErrorCode.WRONG_TYPE)
    assert "null" in problem.message
    assert problem.hint is not None and "remove the key" in problem.hint


@pytest.mark.parametrize(
    ("written", "value"),
    [("4_200", 4200), ("0x10", 16), ("0", 0)],
)
def test_integers_as_safe_load_reads_them(written: str, value: int) -> None:
    account = parse_account_text(f"name: A\nfollowers: {written}\n", "p.yaml")
    assert account.followers == value
    assert isinstance(account.followers, int)


def test_whole_numbers_only_for_followers() -> None:
    problem = only(profile_problems("name: A\nfollowers: 10.5\n"), ErrorCode.WRONG_TYPE)
    assert "whole number" in problem.message


@pytest.mark.parametrize("written", [".nan", ".inf", "-.inf"])
def test_non_finite_numbers_are_out_of_range(written: str) -> None:
    text = f"name: A\nfollowers: 1\ninteraction: {{engagement_rate: {written}}}\n"
    only(profile_problems(text), ErrorCode.OUT_OF_RANGE)


def test_explicit_tags_on_unreadable_text_are_type_errors_not_crashes() -> None:
    problems = profile_problems("name: !!int abc\nfollowers: !!bool maybe\n")
    assert [p.code for p in problems] == [ErrorCode.WRONG_TYPE, ErrorCode.WRONG_TYPE]


def test_an_enormous_integer_is_refused_without_arithmetic() -> None:
    problems = profile_problems("name: A\nfollowers: " + "9" * 5000 + "\n")
    assert [p.code for p in problems] == [ErrorCode.WRONG_TYPE]
    assert len(problems[0].format()) < 400


def test_yaml11_booleans_are_accepted_for_boolean_fields() -> None:
    drafts = parse_drafts_text(
        ACCOUNT_LINE
        + "drafts:\n"
        + '  - {id: a, format: photo, publish_at: "2026-12-01 10:00", watermark: yes}\n',
        "d.yaml",
        None,
    )
    assert drafts.drafts[0].watermark is True


def test_anchors_and_aliases_work_for_repeated_values() -> None:
    account = parse_account_text(
        "name: A\nfollowers: 1\nfollower_activity:\n"
        "  days: {mon: &d 1.0, tue: *d, wed: *d, thu: *d, fri: *d, sat: 1.5, sun: 1.5}\n",
        "p.yaml",
    )
    assert account.follower_activity.days == (1.0, 1.0, 1.0, 1.0, 1.0, 1.5, 1.5)


def test_keys_that_look_like_booleans_are_still_keys() -> None:
    problem = only(profile_problems("name: A\nfollowers: 1\non: 1\n"), ErrorCode.UNKNOWN_KEY)
    assert problem.path == "on"


def test_control_characters_in_keys_stay_on_one_line() -> None:
    problem = only(
        profile_problems('name: A\nfollowers: 1\n"bad\\nkey": 1\n'), ErrorCode.UNKNOWN_KEY
    )
    assert "\n" not in problem.message and "\n" not in problem.path


# --- drafts: formats, limits, publish times, accounts --------------------------------------


def draft_problem(fields: str, code: ErrorCode) -> Problem:
    """The problem ``code`` in a one-draft file whose draft has ``fields``."""
    return only(drafts_problems(f"{ACCOUNT_LINE}drafts:\n  - {{{fields}}}\n"), code)


def test_duration_over_the_format_limit_comes_from_format_limits() -> None:
    limit = DEFAULT_LIMITS.max_duration_s(Format.REEL)
    assert limit is not None
    problem = draft_problem(
        f'id: a, format: reel, publish_at: "2026-12-01 10:00", duration_s: {limit + 1}',
        ErrorCode.OUT_OF_RANGE,
    )
    assert problem.path == "drafts[0].duration_s"
    assert f"{limit:,.0f}" in problem.message


def test_a_duration_at_the_limit_is_fine() -> None:
    limit = DEFAULT_LIMITS.max_duration_s(Format.STORY)
    drafts = parse_drafts_text(
        ACCOUNT_LINE
        + "drafts:\n"
        + f'  - {{id: a, format: story, publish_at: "2026-12-01 10:00", duration_s: {limit}}}\n',
        "d.yaml",
        None,
    )
    assert drafts.drafts[0].duration_s == limit


@pytest.mark.parametrize("fmt", ["reel", "video"])
def test_reels_and_videos_need_a_duration(fmt: str) -> None:
    problem = draft_problem(
        f'id: a, format: {fmt}, publish_at: "2026-12-01 10:00"', ErrorCode.MISSING_KEY
    )
    assert "duration_s" in problem.message and problem.path == "drafts[0]"


def test_a_carousel_needs_slides_within_limits() -> None:
    draft_problem('id: a, format: carousel, publish_at: "2026-12-01 10:00"', ErrorCode.MISSING_KEY)
    problem = draft_problem(
        'id: a, format: carousel, publish_at: "2026-12-01 10:00", slides: 1',
        ErrorCode.OUT_OF_RANGE,
    )
    assert str(DEFAULT_LIMITS.carousel_min_slides) in problem.message


@pytest.mark.parametrize(("fmt", "key"), [("photo", "audio"), ("carousel", "duration_s")])
def test_keys_that_do_not_apply_to_the_format(fmt: str, key: str) -> None:
    extra = "slides: 3, " if fmt == "carousel" else ""
    problem = draft_problem(
        f'id: a, format: {fmt}, publish_at: "2026-12-01 10:00", {extra}{key}: 1',
        ErrorCode.NOT_ALLOWED,
    )
    assert problem.path == f"drafts[0].{key}"


def test_too_many_hashtags_and_too_long_captions() -> None:
    tags = ", ".join(f"t{i}" for i in range(DEFAULT_LIMITS.max_hashtags + 1))
    problem = draft_problem(
        f'id: a, format: photo, publish_at: "2026-12-01 10:00", hashtags: [{tags}]',
        ErrorCode.WRONG_LENGTH,
    )
    assert problem.path == "drafts[0].hashtags"
    caption = "x" * (DEFAULT_LIMITS.max_caption_chars + 1)
    draft_problem(
        f'id: a, format: photo, publish_at: "2026-12-01 10:00", caption: {caption}',
        ErrorCode.TOO_LONG,
    )


def test_an_empty_drafts_list_and_a_missing_one() -> None:
    only(drafts_problems(ACCOUNT_LINE + "drafts: []\n"), ErrorCode.WRONG_LENGTH)
    problem = only(drafts_problems(ACCOUNT_LINE), ErrorCode.MISSING_KEY)
    assert "drafts" in problem.message


def test_a_missing_account_is_an_error_with_the_override_in_the_hint() -> None:
    problem = only(
        drafts_problems('drafts:\n  - {id: a, format: photo, publish_at: "2026-12-01 10:00"}\n'),
        ErrorCode.MISSING_KEY,
    )
    assert "account" in problem.message
    assert problem.hint is not None and "--account" in problem.hint


def test_a_draft_is_fully_built_with_defaults_and_hashtags_without_hash() -> None:
    drafts = parse_drafts_text(
        ACCOUNT_LINE
        + textwrap.dedent(
            """\
            drafts:
              - id: croissant-reel
                format: reel
                publish_at: "2026-12-01 19:30"
                caption: "Warm from the oven"
                hashtags: ["#bakery", croissant]
                location: Utrecht
                audio: trending
                duration_s: 25
                quality: high
              - {id: plain, format: photo, publish_at: "2026-12-02 08:00"}
            """
        ),
        "d.yaml",
        None,
    )
    reel, photo = drafts.drafts
    zone = ZoneInfo("Europe/Amsterdam")
    assert reel == Draft(
        id="croissant-reel",
        format=Format.REEL,
        publish_at=datetime(2026, 12, 1, 19, 30, tzinfo=zone),
        caption="Warm from the oven",
        hashtags=("bakery", "croissant"),
        location="Utrecht",
        audio=Audio.TRENDING,
        duration_s=25.0,
        quality=Quality.HIGH,
    )
    assert photo == Draft(
        id="plain", format=Format.PHOTO, publish_at=datetime(2026, 12, 2, 8, tzinfo=zone)
    )


def test_a_profile_is_fully_built_and_defaults_fill_the_rest() -> None:
    account = parse_account_text(
        "name: Zon\nfollowers: 4200\naccount_type: business\n"
        'market: {niche: food}\nposting: {times: ["08:00", "19:30"]}\n',
        "p.yaml",
    )
    assert account == Account(
        name="Zon",
        followers=4200,
        account_type=AccountType.BUSINESS,
        market=Market(niche=Niche.FOOD),
        posting=Posting(times=(time(8, 0), time(19, 30))),
    )
    assert account.follower_activity == FollowerActivity()
    assert account.interaction == Interaction()


# --- time zones and daylight saving ----------------------------------------------------------


def publish_at(value: str, zone: str = "Europe/Amsterdam") -> datetime:
    """The publish time the loader makes of ``value`` for an account in ``zone``."""
    text = (
        f"account: {{name: Zon, followers: 1, timezone: {zone}}}\n"
        f"drafts:\n  - {{id: a, format: photo, publish_at: {value}}}\n"
    )
    return parse_drafts_text(text, "d.yaml", None).drafts[0].publish_at


def test_local_time_is_in_the_account_zone() -> None:
    moment = publish_at('"2026-07-01 19:30"')
    assert moment.utcoffset() == timedelta(hours=2)
    assert moment.astimezone(UTC) == datetime(2026, 7, 1, 17, 30, tzinfo=UTC)


def test_dst_gap_is_an_error_that_names_the_time_to_use() -> None:
    problem = draft_problem(
        'id: a, format: photo, publish_at: "2026-03-29 02:30"', ErrorCode.NONEXISTENT_TIME
    )
    assert problem.hint is not None and "03:30" in problem.hint


def test_ambiguous_autumn_time_is_the_first_of_the_two() -> None:
    moment = publish_at('"2026-10-25 02:30"')
    assert moment.utcoffset() == timedelta(hours=2)  # still summer time: fold=0
    assert moment.fold == 0


def test_iso_time_with_offset_is_converted_to_the_account_zone() -> None:
    moment = publish_at('"2026-12-01T10:00:00-05:00"')
    assert moment == datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
    assert moment.utcoffset() == timedelta(hours=1)
    assert publish_at('"2026-12-01T10:00Z"') == datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def test_unquoted_yaml_timestamps_are_read_as_written() -> None:
    # safe_load would make a naive UTC datetime of this; igalgo keeps it local.
    moment = publish_at("2026-12-01 19:30:00")
    assert moment.hour == 19 and moment.utcoffset() == timedelta(hours=1)
    assert publish_at("2026-12-01T19:30:00+01:00").hour == 19


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("2026-12-01", "add the local time"),
        ('"2026-13-01 10:00"', "e.g."),
        ('"01-12-2026 10:00"', "e.g."),
        ('"2026-12-01 24:00"', "e.g."),
    ],
)
def test_unparseable_publish_times(value: str, hint: str) -> None:
    problem = draft_problem(
        f"id: a, format: photo, publish_at: {value}", ErrorCode.INVALID_DATETIME
    )
    assert problem.hint is not None and hint in problem.hint


def test_a_draft_without_a_date_is_undated_and_one_with_a_window_keeps_it() -> None:
    from igalgo.domain import UNDATED, Window

    text = (
        f"{ACCOUNT_LINE}drafts:\n  - {{id: a, format: photo}}\n"
        '  - {id: b, format: photo, window: {from: 2026-12-20, to: "2026-12-24"}}\n'
    )
    first, second = parse_drafts_text(text, "d.yaml", None).drafts
    assert (first.pinned, first.placed, first.publish_at, first.window) == (
        False,
        False,
        UNDATED,
        None,
    )
    assert second.window == Window(date(2026, 12, 20), date(2026, 12, 24))
    assert second.window.contains(date(2026, 12, 24)) and not second.window.contains(
        date(2026, 12, 25)
    )


def test_a_window_is_not_given_with_a_date_nor_backwards() -> None:
    both = draft_problem(
        'id: a, format: photo, publish_at: "2026-12-01 10:00", '
        'window: {from: "2026-12-20", to: "2026-12-24"}',
        ErrorCode.NOT_ALLOWED,
    )
    assert both.path == "drafts[0].window" and "not both" in both.message
    backwards = draft_problem(
        'id: a, format: photo, window: {from: "2026-12-24", to: "2026-12-20"}',
        ErrorCode.OUT_OF_RANGE,
    )
    assert "before it starts" in backwards.message


def test_a_bad_account_still_gets_its_drafts_checked() -> None:
    problems = drafts_problems(
        "account: {name: Zon, followers: 1, timezone: Mars/Base}\n"
        'drafts:\n  - {id: a, format: photo, publish_at: "someday"}\n'
    )
    assert [p.code for p in problems] == [ErrorCode.INVALID_TIMEZONE, ErrorCode.INVALID_DATETIME]
    assert problems[0].path == "account.timezone"


# --- sources: files, names, references, stdin, detection -----------------------------------


def test_every_shipped_profile_loads_and_is_listed_by_stem() -> None:
    shipped = shipped_profiles()
    assert len(shipped) >= 6
    assert "demo-drafts" not in shipped
    assert list(shipped) == sorted(shipped)
    for name, path in shipped.items():
        assert path.stem == name
        assert isinstance(load_account(name), Account)


def test_shipped_profiles_come_from_the_repository_in_a_checkout() -> None:
    assert profiles_directory().resolve() == PROFILES.resolve()


def test_demo_drafts_cover_every_format() -> None:
    drafts = load_drafts(str(PROFILES / "demo-drafts.yaml"))
    assert len(drafts.drafts) >= 8
    assert {draft.format for draft in drafts.drafts} == set(Format)
    assert drafts.account == load_account("bakery")


def test_account_override_replaces_the_file_account_even_a_broken_one(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(
        "account: no-such-profile\n"
        'drafts:\n  - {id: a, format: photo, publish_at: "2026-12-01 10:00"}\n',
        encoding="utf-8",
    )
    drafts = load_drafts(str(path), account="personal")
    assert drafts.account == load_account("personal")
    assert drafts.source == str(path)


def test_account_path_is_relative_to_the_drafts_file(tmp_path: Path) -> None:
    (tmp_path / "accounts").mkdir()
    (tmp_path / "accounts" / "me.yaml").write_text("name: Me\nfollowers: 7\n", encoding="utf-8")
    (tmp_path / "plans").mkdir()
    path = tmp_path / "plans" / "d.yaml"
    path.write_text(
        "account: ../accounts/me.yaml\n"
        'drafts:\n  - {id: a, format: photo, publish_at: "2026-12-01 10:00"}\n',
        encoding="utf-8",
    )
    assert load_drafts(str(path)).account.name == "Me"


def test_problems_in_a_referenced_profile_name_that_file(tmp_path: Path) -> None:
    (tmp_path / "me.yaml").write_text("name: Me\nfollowers: -7\n", encoding="utf-8")
    path = tmp_path / "d.yaml"
    path.write_text(
        'account: me.yaml\ndrafts:\n  - {id: a, format: photo, publish_at: "2026-12-01 10:00"}\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_drafts(str(path))
    (problem,) = caught.value.problems
    assert problem.location is not None
    assert problem.location.file == str(tmp_path / "me.yaml")
    assert (problem.code, problem.location.line) == (ErrorCode.OUT_OF_RANGE, 2)


def test_a_misspelt_profile_name_suggests_the_shipped_one() -> None:
    with pytest.raises(InputError) as caught:
        load_account("bakkery")
    (problem,) = caught.value.problems
    assert problem.code == ErrorCode.FILE_NOT_FOUND
    assert problem.hint is not None and "bakery" in problem.hint


def test_load_document_detects_profiles_and_drafts() -> None:
    assert isinstance(load_document("bakery"), Account)
    assert isinstance(load_document(str(PROFILES / "demo-drafts.yaml")), DraftsFile)


def test_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    data = "\ufeffname: Zon\nfollowers: 3\n".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert load_account("-") == Account(name="Zon", followers=3)


def test_the_pure_python_parser_gives_the_same_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "_PARSER", yaml.SafeLoader)
    assert parse_account_text("name: Zon\nfollowers: 3\n", "p.yaml").followers == 3
    for code, text, expected in PROFILE_CASES:
        if code is ErrorCode.TOO_DEEP:
            continue  # the Python scanner has no nesting limit of its own; ours still applies
        assert where(only(profile_problems(text), code)) == expected, code
    problem = only(profile_problems("name: caf\u00e9\x07\nfollowers: 1\n"), ErrorCode.YAML_SYNTAX)
    assert where(problem) == (1, 11, "")


def test_control_character_location_counts_characters_not_bytes() -> None:
    problem = only(profile_problems("name: caf\u00e9\x07\nfollowers: 1\n"), ErrorCode.YAML_SYNTAX)
    assert where(problem) == (1, 11, "")


# --- the declarations match the domain --------------------------------------------------------


@pytest.mark.parametrize(
    ("shape", "cls"),
    [
        (PROFILE, Account),
        (DRAFT, Draft),
        (MARKET, Market),
        (POSTING, Posting),
        (FOLLOWER_ACTIVITY, FollowerActivity),
        (INTERACTION, Interaction),
    ],
    ids=lambda value: getattr(value, "title", getattr(value, "__name__", "")),
)
def test_every_declared_key_is_a_field_of_its_domain_class(shape: Shape, cls: type) -> None:
    fields = {f.name: f for f in dataclasses.fields(cls)}
    assert set(shape.names) <= set(fields)
    for declared in shape.fields:
        domain_default = fields[declared.name].default
        if declared.required:
            assert domain_default is dataclasses.MISSING
        elif isinstance(declared.default, dict):  # days: a mapping in YAML, a tuple in Python
            assert tuple(declared.default.values()) == domain_default
        elif declared.default is not None and domain_default is not dataclasses.MISSING:
            assert declared.default == domain_default


def test_days_are_the_seven_weekdays() -> None:
    assert DAYS.names == ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def test_only_the_loader_imports_yaml() -> None:
    importers = [
        path.relative_to(REPO).as_posix()
        for path in (REPO / "igalgo").rglob("*.py")
        if any(
            line.startswith(("import yaml", "from yaml"))
            for line in path.read_text(encoding="utf-8").splitlines()
        )
    ]
    assert importers == ["igalgo/inputs/loader.py"]


def test_an_account_that_is_a_directory_is_located_at_the_reference(tmp_path: Path) -> None:
    text = 'account: .\ndrafts:\n  - {id: a, format: photo, publish_at: "2026-12-01 10:00"}\n'
    (problem,) = drafts_problems(text, tmp_path)
    assert problem.code == ErrorCode.IS_DIRECTORY
    assert where(problem) == (1, 10, "account")


def test_names_the_os_refuses_are_problems_not_crashes(tmp_path: Path) -> None:
    long_name = "x" * 5000
    text = (
        f"account: {long_name}\n"
        + 'drafts: [{id: a, format: photo, publish_at: "2026-12-01 10:00"}]\n'
    )
    problem = only(drafts_problems(text, tmp_path), ErrorCode.UNKNOWN_ACCOUNT)
    assert len(problem.message) < 200
    for load in (load_account, load_document, load_drafts):
        with pytest.raises(InputError) as caught:
            load(long_name)
        assert [p.code for p in caught.value.problems] == [ErrorCode.UNREADABLE]
