"""The fit recovers what generated the history: data drawn from the model with known
parameters (tests/fitting/synthetic.py) comes back within stated tolerances."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date
from functools import cache

import pytest

from igalgo.domain import Calibration, Format, FormatCalibration, PublishedPost
from igalgo.engine.settings import EngineSettings
from igalgo.fitting.estimate import Fit, fit_history
from igalgo.fitting.history import history_of
from igalgo.fitting.params import FitParams
from igalgo.world.model import Simulation
from igalgo.world.params import ModelParams
from tests.engine_helpers import make_account
from tests.fitting.synthetic import generated_posts

ACCOUNT = make_account(8_000, 0.02)
TRUTH = Calibration(
    posts=1,
    first_post=date(2025, 1, 1),
    last_post=date(2025, 12, 31),
    igalgo_version="truth",
    formats=(
        FormatCalibration(Format.PHOTO, 1, 0.6, 0.45),
        FormatCalibration(Format.CAROUSEL, 1, 1.0, 0.6),
        FormatCalibration(Format.REEL, 1, 1.8, 0.9),
        FormatCalibration(Format.STORY, 1, 1.3),
    ),
    engagement_rate=0.03,
)


def fit(posts: list[PublishedPost], **changes: object) -> Fit:
    return fit_history(
        Simulation(ACCOUNT, ModelParams(), EngineSettings()),
        history_of(posts),
        fit=replace(FitParams(), **changes),  # type: ignore[arg-type]
    )


@cache
def truth_posts(count: int = 300, seed: int = 1) -> tuple[PublishedPost, ...]:
    return tuple(generated_posts(ACCOUNT, TRUTH, count, seed=seed))


@cache
def truth_fit() -> Fit:
    return fit(list(truth_posts()))


@pytest.mark.parametrize("fmt", [Format.PHOTO, Format.CAROUSEL, Format.REEL, Format.STORY])
def test_levels_come_back_within_a_third_in_logs(fmt: Format) -> None:
    found = next(f for f in truth_fit().formats if f.format is fmt)
    true = TRUTH.of(fmt)
    assert true is not None and found.fitted
    assert abs(math.log(found.appeal / true.appeal)) < 0.33, (found.appeal, true.appeal)
    # The calibrated model's median lands near the posts' median. The fit matches the median
    # of per-post ratios, which departs from the ratio of medians as much as the posts differ
    # (hours, and since model v3 Explore's long shot: docs/decisions/0131-model-v3.md).
    assert abs(math.log(found.fitted_median / found.observed_median)) < 0.15


@pytest.mark.parametrize("fmt", [Format.PHOTO, Format.CAROUSEL, Format.REEL])
def test_spreads_come_back_within_a_factor_of_1_5(fmt: Format) -> None:
    found = next(f for f in truth_fit().formats if f.format is fmt)
    true = TRUTH.of(fmt)
    assert true is not None and true.appeal_log_sd is not None
    assert found.appeal_log_sd is not None
    assert abs(math.log(found.appeal_log_sd / true.appeal_log_sd)) < math.log(1.5)


def test_interaction_level_comes_back_within_a_quarter() -> None:
    found = truth_fit().interaction
    assert found.before == pytest.approx(0.02)
    assert found.fitted is not None
    assert abs(math.log(found.fitted / 0.03)) < math.log(1.25)


def test_no_timing_effect_is_found_where_there_is_none() -> None:
    timing = truth_fit().timing
    assert timing.weekday is None and timing.hours is None
    assert "luck" in timing.note


def test_a_weekend_effect_is_found_and_sized() -> None:
    weekend = replace(TRUTH, weekday_appeal=(1.0, 1.0, 1.0, 1.0, 1.0, 2.2, 2.2))
    posts = generated_posts(ACCOUNT, weekend, 300, seed=2)
    found = fit(posts).timing
    assert found.weekday is not None, found.note
    weekday = sum(found.weekday[:5]) / 5
    assert found.weekday[5] / weekday > 1.4 and found.weekday[6] / weekday > 1.4


def test_the_model_fits_its_own_data_with_about_80_percent_inside_p10_p90() -> None:
    assert 0.7 <= truth_fit().inside_p10_p90 <= 0.9


def test_one_viral_post_keeps_the_level_and_widens_the_range() -> None:
    photos = [p for p in truth_posts() if p.format is Format.PHOTO][:40]
    before = next(f for f in fit(photos).formats if f.format is Format.PHOTO)
    loudest = max(photos, key=lambda p: p.reach or 0.0)
    viral = replace(loudest, id="viral", reach=(loudest.reach or 0.0) * 30)
    after = next(f for f in fit([*photos, viral]).formats if f.format is Format.PHOTO)
    assert abs(math.log(after.appeal / before.appeal)) < 0.1
    assert before.appeal_log_sd is not None and after.appeal_log_sd is not None
    assert after.appeal_log_sd > before.appeal_log_sd


def test_few_posts_shrink_towards_the_default_and_too_few_are_not_fitted() -> None:
    posts = list(truth_posts())
    reels = [p for p in posts if p.format is Format.REEL][:6]
    stories = [p for p in posts if p.format is Format.STORY][:3]
    result = fit([*reels, *stories])
    reel = next(f for f in result.formats if f.format is Format.REEL)
    story = next(f for f in result.formats if f.format is Format.STORY)
    assert reel.fitted and reel.data_weight == pytest.approx(6 / 10)
    assert not story.fitted and story.appeal == 1.0
    assert result.calibration.of(Format.STORY) is None
    assert result.calibration.of(Format.REEL) is not None


def test_a_calibration_of_ones_at_the_models_spread_changes_nothing() -> None:
    from igalgo.world.model import score_drafts
    from tests.engine_helpers import make_draft

    drafts = [make_draft(fmt) for fmt in (Format.PHOTO, Format.REEL, Format.STORY)]
    neutral = Calibration(
        3,
        date(2025, 1, 1),
        date(2025, 2, 1),
        "t",
        tuple(FormatCalibration(d.format, 1, 1.0, 0.6) for d in drafts),
        weekday_appeal=(1.0,) * 7,
        hour_appeal=(1.0,) * 6,
    )
    plain = score_drafts(ACCOUNT, drafts)
    calibrated = score_drafts(replace(ACCOUNT, calibration=neutral), drafts)
    assert [e.total for e in plain] == [e.total for e in calibrated]
    assert [e.actions for e in plain] == [e.actions for e in calibrated]
