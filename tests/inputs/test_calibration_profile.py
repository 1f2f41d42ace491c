"""A profile's ``calibration:`` mapping: what it builds, and every bad value located."""

from __future__ import annotations

from datetime import date

import pytest

from igalgo.domain import Calibration, Format, FormatCalibration, Verdict
from igalgo.errors import InputError, Problem
from igalgo.inputs.formats import ErrorCode
from igalgo.inputs.loader import parse_account_text

HEAD = "name: Zon\nfollowers: 4200\n"

FULL = (
    HEAD
    + """\
calibration:
  igalgo_version: "0.1.0"
  posts: 176
  first_post: 2025-01-07
  last_post: 2025-06-30
  engagement_rate: 0.0213
  formats:
    story: {posts: 31, appeal: 1.2}
    reel: {posts: 70, appeal: 1.64, appeal_log_sd: 0.95}
    photo: {posts: 60, appeal: 0.82, appeal_log_sd: 0.55}
  weekday_appeal: [1.1, 1.0, 0.95, 1.0, 1.0, 0.9, 1.05]
  hour_appeal: [1, 1, 1, 1, 1.1, 0.9]
  quality: {inside_p10_p90: 0.78, median_log_error: 0.35, checked_on: backtest}
"""
)

MINIMAL = (
    HEAD
    + """\
calibration:
  igalgo_version: "0.1.0"
  posts: 12
  first_post: "2025-01-07"
  last_post: "2025-01-07"
"""
)


def problems(text: str) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        parse_account_text(text, "p.yaml")
    return caught.value.problems


def test_the_full_mapping_builds_the_calibration() -> None:
    account = parse_account_text(FULL, "p.yaml")
    assert account.calibration == Calibration(
        posts=176,
        first_post=date(2025, 1, 7),
        last_post=date(2025, 6, 30),
        igalgo_version="0.1.0",
        formats=(
            FormatCalibration(Format.PHOTO, 60, 0.82, 0.55),
            FormatCalibration(Format.REEL, 70, 1.64, 0.95),
            FormatCalibration(Format.STORY, 31, 1.2, None),
        ),
        engagement_rate=0.0213,
        weekday_appeal=(1.1, 1.0, 0.95, 1.0, 1.0, 0.9, 1.05),
        hour_appeal=(1.0, 1.0, 1.0, 1.0, 1.1, 0.9),
        inside_p10_p90=0.78,
        median_log_error=0.35,
        checked_on="backtest",
    )
    assert account.calibration is not None
    assert type(account.calibration.checked_on) is str  # not the loader's enum
    assert account.calibration.summary() == "calibrated on 176 posts, 2025-01-07 to 2025-06-30"


def test_only_the_required_keys() -> None:
    calibration = parse_account_text(MINIMAL, "p.yaml").calibration
    assert calibration == Calibration(12, date(2025, 1, 7), date(2025, 1, 7), "0.1.0")


def test_a_profile_without_calibration_has_none() -> None:
    assert parse_account_text(HEAD, "p.yaml").calibration is None


def _with(old: str, new: str) -> str:
    assert FULL.count(old) == 1, old
    return FULL.replace(old, new)


BAD = [
    # (old text, new text, code, line, column, path)
    ('"0.1.0"', "1.10", ErrorCode.WRONG_TYPE, 4, 19, "calibration.igalgo_version"),
    ("posts: 176", "posts: 0", ErrorCode.OUT_OF_RANGE, 5, 10, "calibration.posts"),
    ("posts: 176", "posts: 17.5", ErrorCode.WRONG_TYPE, 5, 10, "calibration.posts"),
    ("2025-01-07", "07/01/2025", ErrorCode.INVALID_DATE, 6, 15, "calibration.first_post"),
    ("2025-06-30", "2025-06-31", ErrorCode.INVALID_DATE, 7, 14, "calibration.last_post"),
    ("2025-06-30", "2025-01-01", ErrorCode.INCONSISTENT_VALUES, 7, 3, "calibration.last_post"),
    ("posts: 176", "posts: 100", ErrorCode.INCONSISTENT_VALUES, 9, 3, "calibration.formats"),
    ("0.0213", "0", ErrorCode.OUT_OF_RANGE, 8, 20, "calibration.engagement_rate"),
    ("0.0213", "1.5", ErrorCode.OUT_OF_RANGE, 8, 20, "calibration.engagement_rate"),
    (
        "appeal: 1.2",
        "appeal: 0",
        ErrorCode.OUT_OF_RANGE,
        10,
        32,
        "calibration.formats.story.appeal",
    ),
    ("0.95}", "-0.2}", ErrorCode.OUT_OF_RANGE, 11, 52, "calibration.formats.reel.appeal_log_sd"),
    ("    reel:", "    reels:", ErrorCode.UNKNOWN_KEY, 11, 5, "calibration.formats.reels"),
    (
        "appeal: 1.2}",
        "appeal: 1.2, appeal_log_sd: 0.5}",
        ErrorCode.UNKNOWN_KEY,
        10,
        37,
        "calibration.formats.story.appeal_log_sd",
    ),
    ("{posts: 70, ", "{", ErrorCode.MISSING_KEY, 11, 11, "calibration.formats.reel"),
    ("0.9, 1.05]", "0.9]", ErrorCode.WRONG_LENGTH, 13, 19, "calibration.weekday_appeal"),
    ("1.1, 0.9]", "1.1, 0]", ErrorCode.OUT_OF_RANGE, 14, 34, "calibration.hour_appeal[5]"),
    ("backtest}", "tested}", ErrorCode.UNKNOWN_VALUE, 15, 71, "calibration.quality.checked_on"),
    ("0.78", "78", ErrorCode.OUT_OF_RANGE, 15, 29, "calibration.quality.inside_p10_p90"),
]


@pytest.mark.parametrize(
    ("old", "new", "code", "line", "column", "path"), BAD, ids=[f"{c[2]}-{c[1]}" for c in BAD]
)
def test_a_bad_value_is_located(
    old: str, new: str, code: ErrorCode, line: int, column: int, path: str
) -> None:
    found = problems(_with(old, new))
    assert [p.code for p in found] == [code], [p.format() for p in found]
    problem = found[0]
    assert problem.location is not None
    assert (problem.location.line, problem.location.column, problem.path) == (line, column, path)


def test_near_misses_get_a_did_you_mean() -> None:
    (reels,) = problems(_with("    reel:", "    reels:"))
    assert reels.hint == "did you mean `reel`?"
    (missing, post) = problems(_with("  posts: 176\n", "  post: 176\n"))
    assert post.hint == "did you mean `posts`?" and post.path == "calibration.post"
    assert missing.code == ErrorCode.MISSING_KEY and "`posts`" in missing.message
    (checked,) = problems(_with("backtest}", "backtests}"))
    assert checked.hint is not None and checked.hint.startswith("did you mean 'backtest'?")


def test_a_story_spread_says_why_it_is_refused() -> None:
    (problem,) = problems(_with("appeal: 1.2}", "appeal: 1.2, appeal_log_sd: 0.5}"))
    assert problem.hint is not None and "stories keep the model's" in problem.hint


def test_an_unquoted_version_that_is_a_number_gets_the_quote_hint() -> None:
    (problem,) = problems(_with('"0.1.0"', "1.10"))
    assert problem.message == "expected text, got number 1.10"
    assert problem.hint == 'quote it: "1.10"'


def test_a_date_with_a_time_is_refused() -> None:
    (problem,) = problems(_with("2025-01-07", "2025-01-07 10:00"))
    assert problem.code == ErrorCode.INVALID_DATE
    assert problem.message == "expected a date \"YYYY-MM-DD\", got '2025-01-07 10:00'"


def test_every_problem_at_once_in_line_order() -> None:
    text = _with("posts: 176", "posts: 0").replace("0.0213", "2").replace("[1, 1, 1", "[1, 1")
    found = problems(text)
    assert [p.path for p in found] == [
        "calibration.posts",
        "calibration.engagement_rate",
        "calibration.hour_appeal",
    ]


OWN = (
    HEAD
    + """\
calibration:
  igalgo_version: "0.2.0"
  posts: 90
  first_post: 2025-01-07
  last_post: 2025-06-30
  formats:
    reel: {posts: 60, appeal: 1.8, slope: 0.25, model_reach: 1190.0, low: 1.4, high: 2.5}
    story: {posts: 30, appeal: 1.01, slope: 0.5, model_reach: 138.0, low: 0.35, high: 0.17}
  overall_appeal: 0.97
  low: 0.8
  high: 2.0
  drift: 0.0002
  half_life: 10.0
  verdict:
    sentence: "no better than your own median"
    gain: 0.057
    low: -0.16
    high: 0.231
    posts: 72
    cuts: 5
"""
)


def test_a_calibration_of_own_levels_builds_with_its_verdict() -> None:
    calibration = parse_account_text(OWN, "p.yaml").calibration
    assert calibration is not None and calibration.overall_appeal == 0.97
    reel = calibration.of(Format.REEL)
    assert reel == FormatCalibration(
        Format.REEL, 60, 1.8, slope=0.25, model_reach=1190.0, low=1.4, high=2.5
    )
    assert (calibration.drift, calibration.half_life) == (0.0002, 10.0)
    assert calibration.verdict == Verdict(
        "no better than your own median", 0.057, -0.16, 0.231, 72, 5
    )
    assert calibration.summary().endswith("; backtest: no better than your own median")


def test_an_older_calibration_keeps_loading_as_it_was() -> None:
    calibration = parse_account_text(FULL, "p.yaml").calibration
    assert calibration is not None and calibration.overall_appeal is None
    assert all(fit.slope is None for fit in calibration.formats)


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            "  overall_appeal: 0.97\n",
            "",
            "reel has a slope (an own level) but the calibration has no",
        ),
        (" model_reach: 1190.0,", "", "reel: a slope needs the model_reach it is measured from"),
        ("slope: 0.25", "slope: 1.5", "calibration.formats.reel.slope"),
    ],
)
def test_an_own_level_without_its_parts_is_refused(old: str, new: str, said: str) -> None:
    assert OWN.count(old) == 1
    found = problems(OWN.replace(old, new))
    assert len(found) == 1 and said in found[0].format()
