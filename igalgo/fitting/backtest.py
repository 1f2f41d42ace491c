"""How well a fit would have predicted: fit on the oldest posts, predict the newest."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import numpy as np

from igalgo.domain import Format
from igalgo.engine.arrays import FloatArray
from igalgo.fitting.estimate import Fit, Prediction, fit_history, predict
from igalgo.fitting.history import History
from igalgo.fitting.params import FitParams
from igalgo.world.model import Simulation

MIN_HELD_POSTS = 3
"""Fewest held-back posts of a format whose prediction errors are worth a number."""


@dataclass(frozen=True)
class Errors:
    """How a set of held-back posts compares with one prediction of them."""

    inside: int
    """Posts whose reach fell inside the predicted P10-P90 range."""
    below: int
    above: int
    median_log_error: float
    """Median |log(actual / predicted P50)|."""


@dataclass(frozen=True)
class FormatBacktest:
    """The held-back posts of one format."""

    format: Format
    fitted_posts: int
    """Posts of the format among those fitted on."""
    held_posts: int
    calibrated: Errors | None
    """The calibrated model's errors; None when too few posts were held back."""
    default: Errors | None
    """The uncalibrated model's errors on the same posts."""
    naive_log_error: float | None
    """Median |log(actual / median reach of the format's fitted posts)|: the baseline."""
    note: str = ""
    """Why a number is missing."""


@dataclass(frozen=True)
class Backtest:
    """A time-ordered backtest of the fit."""

    holdout_share: float
    fitted_from: date
    fitted_to: date
    held_from: date
    held_to: date
    formats: tuple[FormatBacktest, ...]
    overall: Errors
    """All held-back posts together, calibrated."""
    overall_default: Errors
    fit: Fit
    """The fit on the oldest posts."""
    note: str = ""
    """Said plainly when the history is too short to judge."""


def _errors(actual: FloatArray, prediction: Prediction, rows: np.ndarray) -> Errors:
    reach = actual[rows]
    low, mid, high = prediction.p10[rows], prediction.p50[rows], prediction.p90[rows]
    errors = np.abs(np.log(np.maximum(reach, 1e-9) / np.maximum(mid, 1e-9)))
    return Errors(
        inside=int(((reach >= low) & (reach <= high)).sum()),
        below=int((reach < low).sum()),
        above=int((reach > high).sum()),
        median_log_error=float(np.median(errors)) if rows.size else 0.0,
    )


def backtest(
    simulation: Simulation, history: History, *, holdout_share: float, fit: FitParams
) -> Backtest:
    """Fit on the oldest posts, predict the newest ``holdout_share`` of them with the fit and
    without it, and compare both with the naive baseline."""
    if len(history.posts) < 2:
        raise ValueError("a backtest needs at least 2 posts")
    fitted, held = history.split(holdout_share)
    result = fit_history(simulation, fitted, fit=fit)
    report = simulation.with_samples(fit.report_samples)
    plain = replace(simulation.account, calibration=None)
    calibrated = predict(report.with_account(replace(plain, calibration=result.calibration)), held)
    default = predict(report.with_account(plain), held)
    formats = []
    for fmt in Format:
        rows = held.rows_of(fmt)
        earlier = fitted.rows_of(fmt)
        if not rows.size:
            continue
        note = ""
        naive = None
        if earlier.size:
            baseline = float(np.median(fitted.reach[earlier]))
            naive = float(np.median(np.abs(np.log(held.reach[rows] / baseline))))
        if rows.size < MIN_HELD_POSTS:
            note = f"{rows.size} held-back posts: too few to judge (need {MIN_HELD_POSTS})"
        elif earlier.size < fit.min_posts_per_format:
            note = (
                f"only {earlier.size} earlier posts to learn from (need "
                f"{fit.min_posts_per_format}): the prediction is the model's default"
            )
        enough = rows.size >= MIN_HELD_POSTS
        formats.append(
            FormatBacktest(
                format=fmt,
                fitted_posts=int(earlier.size),
                held_posts=int(rows.size),
                calibrated=_errors(held.reach, calibrated, rows) if enough else None,
                default=_errors(held.reach, default, rows) if enough else None,
                naive_log_error=naive if enough else None,
                note=note,
            )
        )
    everything = np.arange(len(held.posts))
    short = ""
    if len(held.posts) < 10 or len(fitted.posts) < 2 * fit.min_posts_per_format:
        short = (
            f"the history is short ({len(fitted.posts)} posts fitted, {len(held.posts)} held "
            "back): these numbers say little"
        )
    return Backtest(
        holdout_share=holdout_share,
        fitted_from=fitted.posts[0].published_at.date(),
        fitted_to=fitted.posts[-1].published_at.date(),
        held_from=held.posts[0].published_at.date(),
        held_to=held.posts[-1].published_at.date(),
        formats=tuple(formats),
        overall=_errors(held.reach, calibrated, everything),
        overall_default=_errors(held.reach, default, everything),
        fit=result,
        note=short,
    )
