"""The rolling-origin backtest and its verdict: every post after the first cut predicted once
from the posts before its cut, the paired bootstrap checked against a brute-force loop, and the
three sentences a manager reads."""

from __future__ import annotations

import numpy as np
import pytest

from igalgo.engine.randomness import resampled_rows
from igalgo.fitting.params import FitParams
from igalgo.fitting.rolling import (
    Observations,
    Outcome,
    bootstrap_gains,
    cut_rows,
    judge,
    rolling_backtest,
)

PARAMS = FitParams()


def observations(count: int, seed: int = 0, *, step: float = 0.0) -> Observations:
    rng = np.random.default_rng(seed)
    y = 7.0 + step * (np.arange(count) >= count // 2) + rng.normal(0, 0.3, count)
    x = np.full(count, 6.5)
    return Observations(
        codes=np.arange(count) % 2,
        days=np.arange(count, dtype=np.float64),
        reach=y,
        model=x,
        model_low=x - 1.0,
        model_high=x + 1.0,
    )


def test_cuts_are_rolling_origins_from_the_first_share_on() -> None:
    cuts = cut_rows(100, PARAMS)
    assert cuts == [40, 52, 64, 76, 88]
    assert cut_rows(4, PARAMS) == []


def test_each_post_after_the_first_cut_is_predicted_once_from_earlier_posts() -> None:
    seen: list[tuple[int, int]] = []
    observed = observations(60)

    def predictor(fitted: np.ndarray, held: np.ndarray):  # type: ignore[no-untyped-def]
        assert fitted.max() < held.min()
        seen.extend((int(fitted.size), int(row)) for row in held)
        return observed.levels_predictor(PARAMS)(fitted, held)

    result = rolling_backtest(observed, PARAMS, predictor)
    rows = [row for _, row in seen]
    assert rows == list(range(24, 60)) and result.predicted == 36 == result.overall.posts
    assert result.cuts == 5 and sum(s.posts for s in result.formats.values()) == 36


def test_the_bootstrap_matches_a_brute_force_loop() -> None:
    rng = np.random.default_rng(1)
    ours, theirs = rng.gamma(2.0, 0.2, 37), rng.gamma(2.0, 0.25, 37)
    gains = bootstrap_gains(ours, theirs, 300, seed=9)
    draws = resampled_rows(9, 300, 37)
    for k in range(300):
        picked = [int(i) for i in draws[k]]
        ours_median = float(np.median([ours[i] for i in picked]))
        theirs_median = float(np.median([theirs[i] for i in picked]))
        assert gains[k] == pytest.approx(1.0 - ours_median / theirs_median)


def test_the_verdict_says_use_it_only_when_the_interval_is_above_zero() -> None:
    rng = np.random.default_rng(2)
    naive = np.abs(rng.normal(0, 0.5, 200))
    better = judge(naive * 0.7, naive, PARAMS, seed=0)
    assert better.outcome is Outcome.USE and 0.2 < better.gain < 0.4
    assert better.low > 0 and better.sentence.startswith("beats your own median by 30 % (90 %: ")
    assert better.sentence.endswith(" %): use it")
    same = judge(np.abs(rng.normal(0, 0.5, 200)), naive, PARAMS, seed=0)
    assert same.outcome is Outcome.NO_BETTER and same.sentence == "no better than your own median"
    few = judge(naive[:12] * 0.5, naive[:12], PARAMS, seed=0)
    assert few.outcome is Outcome.TOO_FEW and few.sentence == "too few posts to tell"


def test_a_collapse_is_caught_by_the_calibrated_prediction() -> None:
    observed = observations(200, step=-1.8)
    result = rolling_backtest(observed, PARAMS, observed.levels_predictor(PARAMS))
    assert result.overall.calibrated < 0.7 * result.overall.naive
    assert result.verdict.outcome is Outcome.USE
