"""The account's own level (igalgo.fitting.level) recovers what generated a history: its level,
its drift, the slope on the model's prediction, the effect of the hour; and it chooses a short
memory only for a history that drifts."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from igalgo.engine.arrays import FloatArray, IntArray
from igalgo.fitting.level import LevelFit, fit_levels, one_step_ahead, shrunk_slope
from igalgo.fitting.params import FitParams

PARAMS = FitParams()


def history(
    count: int,
    *,
    seed: int = 0,
    level: float = 7.0,
    slope: float = 0.0,
    walk: float = 0.0,
    noise: float = 0.3,
    formats: int = 1,
    trend: float = 0.0,
) -> tuple[IntArray, FloatArray, FloatArray, FloatArray]:
    """``count`` posts two days apart: codes, days, log reach and log model P50. The account's
    level is ``level`` (+ ``trend`` per day, + a random walk of sd ``walk`` per day), each post
    varies by ``noise``; ``slope`` of the model's own variation (sd 0.4) is real."""
    rng = np.random.default_rng(seed)
    days = np.arange(count) * 2.0
    codes = np.arange(count) % formats
    x = 6.5 + 0.3 * codes + rng.normal(0.0, 0.4, count)
    path = level + trend * days + np.cumsum(rng.normal(0.0, walk * np.sqrt(2.0), count))
    y = path + 0.4 * codes + slope * (x - x.mean()) + rng.normal(0.0, noise, count)
    return codes, days, y, x


def fitted(
    data: tuple[IntArray, FloatArray, FloatArray, FloatArray], **changes: object
) -> LevelFit:
    return fit_levels(*data, replace(PARAMS, **changes))  # type: ignore[arg-type]


def test_one_step_ahead_is_the_median_of_the_earlier_values() -> None:
    values = np.array([5.0, 1.0, 3.0, 9.0, 7.0, 2.0])
    predicted = one_step_ahead(values, None)
    assert np.isnan(predicted[:3]).all()
    assert predicted[3] == 3.0 and predicted[4] in (3.0, 5.0) and predicted[6] in (3.0, 5.0)
    # With a half-life of one post the newest value weighs more than all older ones together.
    assert one_step_ahead(values, 0.5)[6] == 2.0


def test_a_stable_level_comes_back_within_a_tenth() -> None:
    fit = fitted(history(200, seed=1))
    (found,) = fit.formats.values()
    assert found.level == pytest.approx(7.0, abs=0.1)
    assert fit.half_life is None  # nothing drifts: equal weights
    assert fit.drift < 2e-4


def test_growth_is_followed_with_a_short_memory_and_a_drift() -> None:
    fit = fitted(history(200, seed=2, trend=0.004))  # x2.2 over 200 days
    (found,) = fit.formats.values()
    assert fit.half_life is not None
    # The level at the end, not the history's average (7.0 + 0.004 * 398 = 8.6).
    assert found.level == pytest.approx(8.6, abs=0.25)
    assert fit.drift > fitted(history(200, seed=2)).drift


def test_a_random_walk_drift_is_recovered_in_size() -> None:
    walks = [fitted(history(300, seed=s, walk=0.03)).drift for s in range(5)]
    # 0.03 per sqrt(day): a variance of 9e-4 per day, within a factor of three.
    assert 3e-4 < float(np.median(walks)) < 2.7e-3


@pytest.mark.parametrize(("truth", "low", "high"), [(0.0, 0.0, 0.2), (0.7, 0.45, 0.85)])
def test_the_slope_the_history_supports(truth: float, low: float, high: float) -> None:
    found = [
        next(iter(fitted(history(300, seed=s, slope=truth)).formats.values())).slope
        for s in range(4)
    ]
    assert low <= float(np.median(found)) <= high


def test_the_slope_stays_in_zero_to_one_and_shrinks_by_its_error() -> None:
    x = np.linspace(-1.0, 1.0, 50)
    assert shrunk_slope(x, -x, 0.5)[2] == 0.0
    assert shrunk_slope(x, 2.0 * x, 0.5)[2] == 1.0
    rng = np.random.default_rng(3)
    narrow = x * 0.05  # the model hardly varies: a large standard error, little kept
    slope, error, kept = shrunk_slope(narrow, 0.5 * narrow + rng.normal(0, 0.3, 50), 0.5)
    assert error > 0.5 and kept < abs(slope)


def test_a_format_with_few_posts_sits_near_the_account_s_overall_level() -> None:
    codes, days, y, x = history(120, seed=4, formats=2)
    codes = codes.copy()
    codes[:3] = 2  # three posts of a third format, far above the rest
    y = y.copy()
    y[:3] += 2.0
    fit = fit_levels(codes, days, y, x, PARAMS)
    few = fit.formats[2]
    raw = float(np.median(y[:3] - x[:3]))
    assert fit.overall < few.level - few.centre < raw
    assert not few.own_slope and few.prior_posts > 0


def test_an_hour_effect_the_model_does_not_know_is_found() -> None:
    codes, days, y, x = history(240, seed=5)
    rng = np.random.default_rng(5)
    hour_of_week = rng.choice([8, 12, 19, 20], size=codes.size) + 24 * rng.integers(
        0, 7, codes.size
    )
    evening = (hour_of_week % 24) >= 19
    y = y + np.where(evening, 0.35, -0.2)
    timed = np.ones(codes.size, dtype=bool)
    fit = fit_levels(codes, days, y, x, PARAMS, (hour_of_week, timed))
    assert fit.hours is not None and fit.hours[4] - fit.hours[2] > 0.25  # 16-19 h vs 8-11 h
    plain = fit_levels(*history(240, seed=5), PARAMS, (hour_of_week, timed))
    assert plain.hours is None


def test_intervals_hold_about_80_percent_of_later_posts() -> None:
    inside = []
    for seed in range(6):
        codes, days, y, x = history(260, seed=seed, walk=0.01)
        fit = fit_levels(codes[:200], days[:200], y[:200], x[:200], PARAMS)
        low, _, high = fit.predict(codes[200:], x[200:], days[200:])
        inside.append(((y[200:] >= low) & (y[200:] <= high)).mean())
    assert 0.7 <= float(np.mean(inside)) <= 0.9
