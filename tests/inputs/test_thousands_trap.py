"""The thousands trap: a count written the Dutch (German, Italian) way is an error with the
number meant, never 1,000 times too small; a decimal number where a count is expected is an
error, never truncated. In profiles and drafts, through the loader and ``igalgo validate``."""

from __future__ import annotations

from pathlib import Path

import pytest

from igalgo.errors import InputError, Problem
from igalgo.inputs.formats import ErrorCode
from igalgo.inputs.loader import parse_account_text, parse_drafts_text
from tests.conftest import RunCli

ACCOUNT = "account: {name: Zon, followers: 4200, timezone: Europe/Amsterdam}\n"


def problems_of(parse: object) -> list[Problem]:
    assert callable(parse)
    with pytest.raises(InputError) as caught:
        parse()
    return caught.value.problems


@pytest.mark.parametrize(
    ("written", "meant", "reading"),
    [
        ("25.000", "25000", "the decimal number 25"),
        ("1.200.000", "1200000", "text"),
        ("25,000", "25000", "text"),
        ('"25.000"', "25000", "quoted text"),
        ("4 200", "4200", "text"),
    ],
)
def test_followers_with_a_thousands_separator_are_refused_with_the_number_meant(
    written: str, meant: str, reading: str
) -> None:
    text = f"name: Bakkerij Zon\nfollowers: {written}\n"
    [problem] = problems_of(lambda: parse_account_text(text, "p.yaml"))
    assert problem.code == ErrorCode.AMBIGUOUS_NUMBER
    assert problem.path == "followers"
    assert problem.location is not None and (problem.location.line, problem.location.column) == (
        2,
        12,
    )
    assert f"YAML reads as {reading}" in problem.message
    assert problem.hint is not None and problem.hint.startswith(f"did you mean {meant}?")


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("4200.5", "drop the fraction"),
        ("4200.0", "write 4200"),
        ("1.5e+6", "write 1500000"),
    ],
)
def test_a_decimal_number_is_never_truncated_to_a_count(written: str, hint: str) -> None:
    text = f"name: Zon\nfollowers: {written}\n"
    [problem] = problems_of(lambda: parse_account_text(text, "p.yaml"))
    assert problem.code == ErrorCode.WRONG_TYPE
    assert problem.message == f"expected a whole number, got {written}"
    assert problem.hint is not None and hint in problem.hint


def test_plain_counts_still_load() -> None:
    account = parse_account_text("name: Zon\nfollowers: 25000\n", "p.yaml")
    assert account.followers == 25000
    assert parse_account_text("name: Zon\nfollowers: 25_000\n", "p.yaml").followers == 25000


def test_posts_per_week_with_a_thousands_separator_say_both_readings() -> None:
    text = "name: Zon\nfollowers: 10\nposting: {feed_per_week: 2.500}\n"
    [problem] = problems_of(lambda: parse_account_text(text, "p.yaml"))
    assert problem.code == ErrorCode.AMBIGUOUS_NUMBER
    assert problem.path == "posting.feed_per_week"
    assert problem.hint == (
        "did you mean 2500? write counts without thousands separators, and 2.5 as 2.5"
    )
    fine = "name: Zon\nfollowers: 10\nposting: {feed_per_week: 2.5, reels_per_week: 0.25}\n"
    assert parse_account_text(fine, "p.yaml").posting.feed_per_week == 2.5


def test_a_rate_with_three_decimals_is_no_count() -> None:
    text = "name: Zon\nfollowers: 10\ninteraction: {engagement_rate: 0.035}\n"
    assert parse_account_text(text, "p.yaml").interaction.engagement_rate == 0.035


@pytest.mark.parametrize(
    ("written", "code"),
    [("1.200.000", ErrorCode.AMBIGUOUS_NUMBER), ("25,000", ErrorCode.AMBIGUOUS_NUMBER)],
)
def test_an_inline_account_in_drafts_falls_into_no_trap(written: str, code: ErrorCode) -> None:
    text = (
        f"account:\n  name: Zon\n  followers: {written}\n  timezone: Europe/Amsterdam\n"
        "drafts:\n  - {id: a, format: photo}\n"
    )
    problems = problems_of(lambda: parse_drafts_text(text, "d.yaml", None))
    assert [(p.code, p.path) for p in problems] == [(code, "account.followers")]


@pytest.mark.parametrize("written", ["1.000", "4.5"])
def test_carousel_slides_are_a_count(written: str) -> None:
    text = ACCOUNT + f"drafts:\n  - {{id: a, format: carousel, slides: {written}}}\n"
    [problem] = problems_of(lambda: parse_drafts_text(text, "d.yaml", None))
    assert problem.path == "drafts[0].slides"
    if written == "1.000":
        assert problem.code == ErrorCode.AMBIGUOUS_NUMBER
        assert problem.hint is not None and problem.hint.startswith("did you mean 1000?")
    else:
        assert problem.code == ErrorCode.WRONG_TYPE


def test_validate_exits_2_with_the_hint(run_cli: RunCli, tmp_path: Path) -> None:
    profile = tmp_path / "zon.yaml"
    profile.write_text("name: Bakkerij Zon\nfollowers: 25.000\n", encoding="utf-8")
    done = run_cli("validate", str(profile))
    assert done.returncode == 2
    assert f"{profile}:2:12: error[ambiguous-number]: followers: 25.000 looks like" in done.stderr
    assert "hint: did you mean 25000?" in done.stderr
    assert "Traceback" not in done.stderr
