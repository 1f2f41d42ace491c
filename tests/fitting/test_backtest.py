"""The rolling backtest of a fitted history (igalgo.fitting.backtest) on synthetic histories of
each kind: the calibrated prediction follows growth and collapse, costs little on a stable
account, and its P10-P90 holds about 80 % of the posts it predicts."""

from __future__ import annotations

from functools import cache

import pytest

from igalgo.engine.settings import EngineSettings
from igalgo.fitting.backtest import backtest
from igalgo.fitting.estimate import fit_history
from igalgo.fitting.history import history_of
from igalgo.fitting.params import FitParams
from igalgo.fitting.rolling import Outcome, RollingBacktest
from igalgo.world.model import Simulation
from igalgo.world.params import ModelParams
from tests.fitting.synthetic import kind_of_history
from tests.fitting.test_estimate import ACCOUNT


@cache
def backtested(kind: str, share: float = 0.6, seed: int = 1) -> RollingBacktest:
    history = history_of(kind_of_history(ACCOUNT, kind, 200, seed=seed))
    simulation = Simulation(ACCOUNT, ModelParams(), EngineSettings())
    result = fit_history(simulation, history, fit=FitParams())
    return backtest(result, FitParams(), predicted_share=share)


@pytest.mark.parametrize("kind", ["growth", "collapse"])
def test_a_drifting_account_is_predicted_better_than_by_its_own_median(kind: str) -> None:
    result = backtested(kind)
    assert result.overall.calibrated < 0.85 * result.overall.naive
    assert result.verdict.outcome is Outcome.USE
    assert result.overall.calibrated < result.overall.uncalibrated


@pytest.mark.parametrize("kind", ["stable", "viral", "timing"])
def test_a_steady_account_loses_little_against_its_own_median(kind: str) -> None:
    result = backtested(kind)
    assert result.overall.calibrated <= 1.1 * result.overall.naive
    assert result.overall.calibrated < result.overall.uncalibrated


@pytest.mark.parametrize("kind", ["stable", "growth", "collapse", "viral"])
def test_about_80_percent_fall_inside_p10_p90(kind: str) -> None:
    """Coverage is a rate, so it is judged on three histories of the kind together (about 360
    predicted posts), against the issue's 70-90 %."""
    runs = [backtested(kind, seed=seed) for seed in (1, 2, 3)]
    inside = sum(run.overall.inside * run.predicted for run in runs)
    assert 0.70 <= inside / sum(run.predicted for run in runs) <= 0.90


def test_the_share_predicted_sets_the_first_cut() -> None:
    assert backtested("stable", 0.3).predicted == 60 and backtested("stable").predicted == 120


def test_a_short_history_is_too_few_posts_to_tell() -> None:
    assert backtested("few").verdict.sentence == "too few posts to tell"
