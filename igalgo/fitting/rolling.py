"""The rolling-origin backtest and its verdict: fit on the posts before each of several cuts,
predict the posts up to the next cut, and compare the calibrated prediction with the
uncalibrated model and with the account's own median (the naive baseline).

Works on plain arrays (:class:`Observations`); the predictor is a parameter, so any method
(the current fit, an older one) is judged by the same harness.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

import numpy as np

from igalgo.engine.arrays import BoolArray, FloatArray, IntArray
from igalgo.engine.randomness import resampled_rows
from igalgo.fitting.level import fit_levels
from igalgo.fitting.params import FitParams
from igalgo.fitting.summary import verdict_text
from igalgo.language import Text

Predictor = Callable[[IntArray, IntArray], tuple[FloatArray, FloatArray, FloatArray]]
"""Given the rows fitted on and the rows to predict: log P10, P50 and P90 of the latter."""


@dataclass(frozen=True)
class Observations:
    """A history as the level fit sees it, oldest first."""

    codes: IntArray
    """Format code of each post."""
    days: FloatArray
    """Days since the first post."""
    reach: FloatArray
    """log of each post's reach."""
    model: FloatArray
    """log of the uncalibrated model's P50 for each post."""
    model_low: FloatArray
    """log of its P10."""
    model_high: FloatArray
    """log of its P90."""
    hour_of_week: IntArray | None = None
    """Local hour of the week of each post (Monday 0-23 first), when known."""
    timed: BoolArray | None = None
    """Which posts can have weekday and hour effects (not stories)."""

    def timing(self, rows: IntArray) -> tuple[IntArray, BoolArray] | None:
        """The hours of the week and timing flags of ``rows``, when known."""
        if self.hour_of_week is None or self.timed is None:
            return None
        return self.hour_of_week[rows], self.timed[rows]

    def levels_predictor(self, params: FitParams) -> Predictor:
        """The level fit (:func:`igalgo.fitting.level.fit_levels`) as a predictor."""

        def predict(fitted: IntArray, held: IntArray) -> tuple[FloatArray, FloatArray, FloatArray]:
            fit = fit_levels(
                self.codes[fitted],
                self.days[fitted],
                self.reach[fitted],
                self.model[fitted],
                params,
                self.timing(fitted),
            )
            return fit.predict(
                self.codes[held], self.model[held], self.days[held], self.timing(held)
            )

        return predict


@dataclass(frozen=True)
class Scores:
    """Median |log(actual / P50)| of some predicted posts, and P10-P90 coverage."""

    posts: int
    calibrated: float
    uncalibrated: float
    naive: float
    """Against the median reach of the format's posts before the cut (of all posts before
    it when the format had none)."""
    inside: float
    """Share of the posts inside the calibrated P10-P90."""
    inside_uncalibrated: float


class Outcome(Enum):
    """What the backtest says to do."""

    USE = "use"
    NO_BETTER = "no better"
    TOO_FEW = "too few posts"


@dataclass(frozen=True)
class Verdict:
    """The backtest in one sentence a manager can act on."""

    outcome: Outcome
    gain: float
    """1 - calibrated / naive median |log error| (0.18: 18 % smaller errors)."""
    low: float
    """Lower end of the gain's 90 % paired-bootstrap interval."""
    high: float
    posts: int
    """Predicted posts the verdict rests on."""

    @property
    def sentence(self) -> Text:
        """``beats your own median by 18 % (90 %: 9-26 %): use it`` and the like (said again in
        the reader's language by :func:`igalgo.language.localized`)."""
        return verdict_text(self.outcome.value, self.gain, self.low, self.high)


@dataclass(frozen=True)
class RollingBacktest:
    """Every cut's predictions, judged together."""

    cuts: int
    predicted: int
    """Posts predicted (each once)."""
    overall: Scores
    formats: dict[int, Scores]
    """Per format code with predicted posts."""
    verdict: Verdict


def cut_rows(count: int, params: FitParams) -> list[int]:
    """Where the rolling origins fall: the first at ``first_cut_share`` of the posts, the rest
    evenly up to the end (at least one post between cuts)."""
    first = max(FIRST_FITTED, round(count * params.first_cut_share))
    if first >= count:
        return []
    cuts = np.linspace(first, count, params.backtest_cuts + 1)[:-1]
    return sorted({round(float(c)) for c in cuts})


FIRST_FITTED = 5
"""Fewest posts before a rolling origin."""


@dataclass(frozen=True)
class RollingPredictions:
    """Each post after the first cut predicted from the posts before its cut (log reach);
    NaN for the posts before the first cut."""

    cuts: list[int]
    rows: IntArray
    """The predicted posts."""
    low: FloatArray
    mid: FloatArray
    high: FloatArray
    naive: FloatArray
    """The median reach of the format's posts before the cut (of all posts without one)."""


def rolling_predictions(
    observed: Observations, params: FitParams, predictor: Predictor
) -> RollingPredictions:
    """The predictions :func:`rolling_backtest` judges (the client report charts them)."""
    count = observed.codes.size
    cuts = cut_rows(count, params)
    low = np.full(count, np.nan)
    mid, high, naive = low.copy(), low.copy(), low.copy()
    for k, cut in enumerate(cuts):
        end = cuts[k + 1] if k + 1 < len(cuts) else count
        fitted, held = np.arange(cut), np.arange(cut, end)
        low[held], mid[held], high[held] = predictor(fitted, held)
        for row in held:
            same = fitted[observed.codes[fitted] == observed.codes[row]]
            naive[row] = np.median(observed.reach[same if same.size else fitted])
    rows = np.flatnonzero(~np.isnan(mid))
    return RollingPredictions(cuts, rows, low, mid, high, naive)


def rolling_backtest(
    observed: Observations, params: FitParams, predictor: Predictor, *, seed: int = 0
) -> RollingBacktest:
    """Predict each post after the first cut from the posts before its cut with
    ``predictor``; the uncalibrated model and the naive median on the same posts."""
    found = rolling_predictions(observed, params, predictor)
    cuts, rows = found.cuts, found.rows
    low, mid, high, naive = found.low, found.mid, found.high, found.naive
    scores = _scores(observed, rows, low, mid, high, naive)
    formats = {
        int(c): _scores(observed, rows[observed.codes[rows] == c], low, mid, high, naive)
        for c in np.unique(observed.codes[rows])
    }
    actual = observed.reach[rows]
    verdict = judge(np.abs(actual - mid[rows]), np.abs(actual - naive[rows]), params, seed=seed)
    return RollingBacktest(len(cuts), int(rows.size), scores, formats, verdict)


def _scores(
    observed: Observations,
    rows: IntArray,
    low: FloatArray,
    mid: FloatArray,
    high: FloatArray,
    naive: FloatArray,
) -> Scores:
    if not rows.size:
        return Scores(0, 0.0, 0.0, 0.0, 0.0, 0.0)
    actual = observed.reach[rows]
    inside = (actual >= low[rows]) & (actual <= high[rows])
    plain = (actual >= observed.model_low[rows]) & (actual <= observed.model_high[rows])
    return Scores(
        posts=int(rows.size),
        calibrated=float(np.median(np.abs(actual - mid[rows]))),
        uncalibrated=float(np.median(np.abs(actual - observed.model[rows]))),
        naive=float(np.median(np.abs(actual - naive[rows]))),
        inside=float(inside.mean()),
        inside_uncalibrated=float(plain.mean()),
    )


def bootstrap_gains(calibrated: FloatArray, naive: FloatArray, draws: int, seed: int) -> FloatArray:
    """The gain 1 - median(calibrated) / median(naive) of ``draws`` paired resamples of the
    posts (the same posts for both errors in each resample)."""
    picks = resampled_rows(seed, draws, calibrated.size)
    ours = np.median(calibrated[picks], axis=1)
    theirs = np.median(naive[picks], axis=1)
    gains: FloatArray = 1.0 - ours / np.maximum(theirs, 1e-12)
    return gains


def judge(calibrated: FloatArray, naive: FloatArray, params: FitParams, *, seed: int) -> Verdict:
    """The verdict on absolute log errors of the same posts: the gain over the naive median
    and its 90 % paired-bootstrap interval."""
    posts = int(calibrated.size)
    if posts == 0:
        return Verdict(Outcome.TOO_FEW, 0.0, 0.0, 0.0, 0)
    gain = 1.0 - float(np.median(calibrated)) / max(float(np.median(naive)), 1e-12)
    gains = bootstrap_gains(calibrated, naive, params.bootstrap_draws, seed)
    low, high = (float(v) for v in np.quantile(gains, [0.05, 0.95]))
    if posts < params.min_backtest_posts or high - low > params.verdict_max_width:
        outcome = Outcome.TOO_FEW
    elif low > 0.0:
        outcome = Outcome.USE
    else:
        outcome = Outcome.NO_BETTER
    return Verdict(outcome, gain, low, high, posts)
