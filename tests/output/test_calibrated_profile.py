"""The calibrated profile's text: the input kept verbatim, the block replaced or appended, and
what it says loaded back exactly."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from igalgo.app.validate import validate_files
from igalgo.domain import Calibration, Format, FormatCalibration
from igalgo.errors import InputError
from igalgo.inputs.loader import parse_account_text, read_profile_source
from igalgo.output.calibrated_profile import (
    calibrated_profile_text,
    calibration_block,
    rounded_calibration,
    yaml_number,
)

CALIBRATION = Calibration(
    posts=43,
    first_post=date(2025, 1, 7),
    last_post=date(2025, 4, 25),
    igalgo_version="0.1.0",
    formats=(
        FormatCalibration(Format.PHOTO, 15, 0.82, 0.55),
        FormatCalibration(Format.REEL, 20, 1.64, 0.95),
        FormatCalibration(Format.STORY, 8, 1.2),
    ),
    engagement_rate=0.0213,
    hour_appeal=(1.0, 1.0, 1.0, 1.0, 1.1, 0.9),
    inside_p10_p90=0.78,
    median_log_error=0.35,
    checked_on="backtest",
)

PROFILE = """\
# My account, by hand.
name: Zon   # the shop
followers: 4200
timezone: Europe/Amsterdam
"""


def loaded(text: str) -> Calibration | None:
    return parse_account_text(text, "p.yaml").calibration


def test_a_shipped_profile_keeps_every_line_and_gains_the_block(tmp_path: Path) -> None:
    name, original = read_profile_source("bakery")
    text = calibrated_profile_text(original, name, CALIBRATION)
    assert text.startswith(original)
    assert loaded(text) == CALIBRATION
    path = tmp_path / "calibrated.yaml"
    path.write_text(text, encoding="utf-8")
    (result,) = validate_files([str(path)])
    assert result.ok, [p.format() for p in result.problems]
    account = parse_account_text(text, name)
    assert account.name == "Bakkerij Zon" and account.interaction.engagement_rate == 0.00468


def test_the_comments_say_what_the_values_mean() -> None:
    block = calibration_block(CALIBRATION)
    assert "# reels do 1.64x what the model predicts for an account like this, and vary more" in (
        block
    )
    assert "# followers open the stories 1.2x as often as the model predicts" in block
    assert "78 % fell inside the predicted P10-P90 range" in block
    assert "weekday_appeal" not in block  # not fitted: not written
    assert all(len(line) <= 100 for line in block.splitlines())


def test_an_existing_block_is_replaced_where_it_is() -> None:
    original = (
        PROFILE
        + "calibration:   # old\n"
        + "  igalgo_version: '0.0.9'\n  posts: 3\n\n  first_post: 2024-01-01\n"
        + "  last_post: 2024-02-01\n"
        + "# about the market\n"
        + "market: {niche: food}\n"
    )
    text = calibrated_profile_text(original, "p.yaml", CALIBRATION)
    assert text.startswith(PROFILE + "calibration:\n")
    assert text.endswith("checked_on: backtest}\n# about the market\nmarket: {niche: food}\n")
    assert "0.0.9" not in text and "# old" not in text
    assert loaded(text) == CALIBRATION
    assert parse_account_text(text, "p.yaml").market.niche.value == "food"


def test_calibrating_again_replaces_the_block_and_nothing_else() -> None:
    once = calibrated_profile_text(PROFILE, "p.yaml", CALIBRATION)
    newer = Calibration(50, date(2025, 1, 7), date(2025, 5, 1), "0.2.0")
    twice = calibrated_profile_text(once, "p.yaml", newer)
    assert twice == calibrated_profile_text(PROFILE, "p.yaml", newer)
    assert loaded(twice) == newer


def test_line_ends_and_a_missing_last_newline_are_kept() -> None:
    windows = PROFILE.replace("\n", "\r\n").rstrip("\r\n")
    text = calibrated_profile_text(windows, "p.yaml", CALIBRATION)
    assert text.startswith(windows + "\r\n\r\ncalibration:\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert loaded(text) == CALIBRATION


def test_a_document_end_marker_stays_last() -> None:
    text = calibrated_profile_text("---\n" + PROFILE + "...\n", "p.yaml", CALIBRATION)
    assert text.startswith("---\n" + PROFILE) and text.endswith("checked_on: backtest}\n...\n")
    assert loaded(text) == CALIBRATION


def test_a_flow_mapping_profile_is_refused_with_a_hint() -> None:
    with pytest.raises(InputError) as caught:
        calibrated_profile_text("{name: Zon, followers: 4200}\n", "p.yaml", CALIBRATION)
    (problem,) = caught.value.problems
    assert problem.code == "unsupported-yaml" and problem.location is not None
    assert problem.hint is not None and "key: value" in problem.hint


def test_an_invalid_profile_is_refused_with_its_own_problems() -> None:
    with pytest.raises(InputError) as caught:
        calibrated_profile_text("name: Zon\n", "p.yaml", CALIBRATION)
    assert [p.code for p in caught.value.problems] == ["missing-key"]


@given(st.floats(min_value=1e-9, max_value=1e9, allow_nan=False, allow_infinity=False))
def test_numbers_are_written_without_exponents_and_read_back_exactly(value: float) -> None:
    text = yaml_number(value)
    assert "e" not in text.lower() and "." in text
    assert float(text) == value


_POSITIVE = st.floats(min_value=0.001, max_value=999, allow_nan=False)
_FORMATS = st.lists(st.sampled_from(list(Format)), unique=True).map(
    lambda found: [f for f in Format if f in found]
)


@st.composite
def calibrations(draw: st.DrawFn) -> Calibration:
    first = draw(st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 1, 1)))
    fits = tuple(
        FormatCalibration(
            fmt,
            draw(st.integers(1, 50)),
            draw(_POSITIVE),
            None
            if fmt is Format.STORY
            else draw(st.none() | st.floats(min_value=0, max_value=5, allow_nan=False)),
        )
        for fmt in draw(_FORMATS)
    )
    optional = st.none() | _POSITIVE.map(lambda x: min(x / 1000, 1.0))
    return Calibration(
        posts=sum(f.posts for f in fits) + draw(st.integers(1, 100)),
        first_post=first,
        last_post=first + timedelta(days=draw(st.integers(0, 800))),
        igalgo_version=draw(st.sampled_from(["0.1.0", "1.10", "2.0.0rc1"])),
        formats=fits,
        engagement_rate=draw(optional),
        weekday_appeal=draw(st.none() | st.tuples(*[_POSITIVE] * 7)),
        hour_appeal=draw(st.none() | st.tuples(*[_POSITIVE] * 6)),
        inside_p10_p90=draw(st.none() | st.floats(0, 1)),
        median_log_error=draw(st.none() | st.floats(0, 10)),
        checked_on=draw(st.sampled_from([None, "backtest", "fitted posts"])),
    )


@settings(max_examples=60, deadline=None)
@given(calibrations())
def test_any_calibration_loads_back_as_it_was_rounded(calibration: Calibration) -> None:
    rounded = rounded_calibration(calibration)
    assert rounded_calibration(rounded) == rounded
    assert loaded(calibrated_profile_text(PROFILE, "p.yaml", rounded)) == rounded
