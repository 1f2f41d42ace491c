"""How well a fit would have predicted: the rolling-origin backtest of a fitted history
(:mod:`igalgo.fitting.rolling`) with the fit's own observations."""

from __future__ import annotations

from dataclasses import replace

from igalgo.fitting.estimate import Fit
from igalgo.fitting.params import FitParams
from igalgo.fitting.rolling import (
    RollingBacktest,
    RollingPredictions,
    rolling_backtest,
    rolling_predictions,
)


def backtest(
    fit: Fit, params: FitParams, *, predicted_share: float, seed: int = 0
) -> RollingBacktest:
    """The rolling-origin backtest of ``fit``'s history: the newest ``predicted_share`` of
    the posts predicted from several origins, each from the posts before it. The model's own
    prediction of each post does not change with the cut, so no model runs again."""
    if not 0.0 < predicted_share < 1.0:
        raise ValueError("predicted_share must be between 0 and 1")
    params = replace(params, first_cut_share=min(max(1.0 - predicted_share, 0.1), 0.9))
    observed = fit.observations
    return rolling_backtest(observed, params, observed.levels_predictor(params), seed=seed)


def backtest_predictions(
    fit: Fit, params: FitParams, *, predicted_share: float
) -> RollingPredictions:
    """The posts :func:`backtest` predicts, each with its predicted range and the naive
    median, as the client report charts them."""
    if not 0.0 < predicted_share < 1.0:
        raise ValueError("predicted_share must be between 0 and 1")
    params = replace(params, first_cut_share=min(max(1.0 - predicted_share, 0.1), 0.9))
    observed = fit.observations
    return rolling_predictions(observed, params, observed.levels_predictor(params))
