"""The fit recovers what generated the history: data drawn from the model with known
parameters (tests/fitting/synthetic.py) comes back within stated tolerances."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, timedelta
from functools import cache

import numpy as np
import pytest

from igalgo.domain import Calibration, Format, FormatCalibration, Interaction, PublishedPost
from igalgo.engine.settings import EngineSettings
from igalgo.fitting.estimate import Fit, fit_history
from igalgo.fitting.history import history_of
from igalgo.fitting.params import FitParams
from igalgo.world.model import Simulation
from igalgo.world.params import ModelParams
from tests.engine_helpers import make_account
from tests.fitting.synthetic import generated_posts, kind_of_history

ACCOUNT = replace(make_account(8_000, 0.02), interaction=Interaction(0.02, "post"))
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
def test_each_format_s_level_lands_on_its_posts(fmt: Format) -> None:
    found = next(f for f in truth_fit().formats if f.format is fmt)
    # The calibrated median lands on the posts' median; the uncalibrated one need not.
    assert abs(math.log(found.fitted_median / found.observed_median)) < 0.15
    assert 0.0 <= found.slope <= 1.0


def test_the_export_s_own_rate_is_its_feed_posts_mean_interactions_per_follower() -> None:
    """What Later or Metricool would show for these posts: per photo or carousel with likes,
    (likes + comments + saves + shares) / followers, averaged over them."""
    feed = [p for p in truth_posts() if p.format in (Format.PHOTO, Format.CAROUSEL) and p.likes]
    counted = [
        sum(n or 0.0 for n in (p.likes, p.comments, p.saves, p.shares)) / 8_000 for p in feed
    ]
    assert feed and truth_fit().interaction.observed_rate == pytest.approx(np.mean(counted))


def test_interaction_level_comes_back_within_a_quarter() -> None:
    found = truth_fit().interaction
    assert found.before == pytest.approx(0.02)
    assert found.fitted is not None
    assert abs(math.log(found.fitted / 0.03)) < math.log(1.25)


@pytest.mark.parametrize(("kind", "found"), [("stable", False), ("timing", True)])
def test_an_hour_effect_is_found_only_where_there_is_one(kind: str, found: bool) -> None:
    calibration = fit(kind_of_history(ACCOUNT, kind, 240, seed=4)).calibration
    assert calibration.weekday_appeal is None
    assert (calibration.hour_appeal is not None) == found
    if calibration.hour_appeal is not None:  # evenings +0.35, the rest -0.2 (in logs)
        assert calibration.hour_appeal[5] / calibration.hour_appeal[2] > 1.3


def test_a_weekend_effect_is_found_and_sized() -> None:
    weekend = replace(TRUTH, weekday_appeal=(1.0, 1.0, 1.0, 1.0, 1.0, 2.2, 2.2))
    posts = generated_posts(ACCOUNT, weekend, 300, seed=2)
    found = fit(posts).calibration.weekday_appeal
    assert found is not None
    weekday = sum(found[:5]) / 5
    assert found[5] / weekday > 1.4 and found[6] / weekday > 1.4


def test_the_model_fits_its_own_data_with_about_80_percent_inside_p10_p90() -> None:
    assert 0.7 <= truth_fit().inside_p10_p90 <= 0.9


def test_one_viral_post_moves_the_level_no_more_than_a_good_one() -> None:
    photos = [p for p in truth_posts() if p.format is Format.PHOTO][:40]
    loudest = max(photos, key=lambda p: p.reach or 0.0)
    later = photos[-1].published_at + timedelta(days=2)
    good = replace(loudest, id="good", published_at=later)
    viral = replace(good, id="viral", reach=(loudest.reach or 0.0) * 30)
    levels = [
        next(f for f in fit([*photos, post]).formats if f.format is Format.PHOTO).appeal
        for post in (good, viral)
    ]
    assert abs(math.log(levels[1] / levels[0])) < 0.02


def test_score_predicts_a_post_as_the_fit_did() -> None:
    """One context for fit and use: scoring the history's posts as drafts with the calibrated
    account (the posts competing as one file's drafts do) gives the fit's own prediction."""
    result = truth_fit()
    history = history_of(list(truth_posts()))
    levels, observed = result.levels, result.observations
    everything = np.arange(observed.codes.size)
    _, mid, _ = levels.predict(
        observed.codes, observed.model, observed.days, observed.timing(everything)
    )
    simulation = Simulation(
        replace(ACCOUNT, calibration=result.calibration), ModelParams(), EngineSettings()
    )
    run = simulation.with_samples(FitParams().fit_samples).plain()
    scored = np.array([e.total.p50 for e in run.score_drafts(list(history.drafts))])
    assert np.allclose(np.log(scored), mid, atol=1e-3)


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
