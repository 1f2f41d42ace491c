"""How good igalgo's predictions are for one account, as the client report shows it.

:func:`prediction_check` takes the current calibration's backtest (``igalgo calibrate
--backtest``: fit on the oldest posts, predict the newest) and lists each held-back post's
predicted range, what it reached, and the naive baseline (the median reach of the same
format's earlier posts), with the pooled errors and :func:`verdict`. A calibration with a
verdict of its own (calibrate v2) replaces :func:`verdict` and these numbers here, in one place.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, replace
from datetime import date

from igalgo.app.calibrate import DEFAULT_HOLDOUT_SHARE, CalibrationRun
from igalgo.domain import Account, Format
from igalgo.engine.settings import EngineSettings
from igalgo.fitting.estimate import predict
from igalgo.fitting.params import FitParams
from igalgo.world.model import DEFAULT_PARAMS, Simulation

MIN_POSTS_TO_TELL = 10
"""Fewest held-back posts on which the report gives a verdict (fewer: "too few to tell")."""

CLEARLY_BETTER = 0.9
"""Error ratio (calibrated / naive) at or under which calibrated predictions are worth using."""

NO_WORSE = 1.05
"""Error ratio up to which calibrated predictions are as good as the naive baseline."""


@dataclass(frozen=True)
class CheckedPost:
    """One held-back post: what igalgo predicted for it and what it reached."""

    published: date
    format: Format
    p10: float
    p50: float
    p90: float
    actual: float
    naive: float | None
    """The median reach of the format's earlier posts; None when there were none."""


@dataclass(frozen=True)
class PredictionCheck:
    """How well igalgo predicted the account's newest posts."""

    verdict: str
    """``better``, ``same``, ``worse`` or ``too-few`` (:func:`verdict`); ``recorded`` when
    only a calibrated profile's own numbers are known."""
    posts: tuple[CheckedPost, ...]
    """The held-back posts, oldest first; empty when only the calibration's numbers are known."""
    median_log_error: float | None
    """Median |log(actual / P50)| of the held-back posts."""
    naive_log_error: float | None
    """The same for the naive baseline."""
    inside_p10_p90: float | None
    """Share of the posts inside their predicted P10-P90."""
    fitted_posts: int = 0
    held_from: date | None = None
    held_to: date | None = None


def verdict(model_error: float | None, naive_error: float | None, posts: int) -> str:
    """One word for the comparison of calibrated and naive errors on ``posts`` held-back posts:
    ``better`` (error at most :data:`CLEARLY_BETTER` times the naive one), ``same`` (up to
    :data:`NO_WORSE`), ``worse``, or ``too-few`` (fewer than :data:`MIN_POSTS_TO_TELL` posts or
    no baseline)."""
    if model_error is None or naive_error is None or posts < MIN_POSTS_TO_TELL:
        return "too-few"
    if naive_error <= 0.0:
        return "same" if model_error <= 0.0 else "worse"
    ratio = model_error / naive_error
    if ratio <= CLEARLY_BETTER:
        return "better"
    return "same" if ratio <= NO_WORSE else "worse"


def recorded_check(account: Account) -> PredictionCheck | None:
    """What a calibrated profile records of its own check (no posts to chart); None when the
    profile is not calibrated or recorded no errors."""
    calibration = account.calibration
    if calibration is None or calibration.median_log_error is None:
        return None
    return PredictionCheck(
        verdict="recorded",
        posts=(),
        median_log_error=calibration.median_log_error,
        naive_log_error=None,
        inside_p10_p90=calibration.inside_p10_p90,
        fitted_posts=calibration.posts,
    )


def prediction_check(
    run: CalibrationRun, *, settings: EngineSettings, seed: int, fit: FitParams | None = None
) -> PredictionCheck | None:
    """The held-back posts of ``run``'s backtest, predicted with the calibration fitted on the
    posts before them; None when the run has no backtest."""
    tested = run.backtest
    if tested is None:
        return None
    fit = fit or FitParams()
    fitted, held = run.history.split(tested.holdout_share or DEFAULT_HOLDOUT_SHARE)
    plain = replace(run.account, calibration=None)
    simulation = Simulation(plain, DEFAULT_PARAMS, settings, seed).with_samples(fit.report_samples)
    calibrated = replace(plain, calibration=tested.fit.calibration)
    prediction = predict(simulation.with_account(calibrated), held)
    earlier: dict[Format, list[float]] = {}
    for post, reach in zip(fitted.posts, fitted.reach, strict=True):
        earlier.setdefault(post.format, []).append(float(reach))
    posts = []
    for row, post in enumerate(held.posts):
        before = earlier.get(post.format)
        posts.append(
            CheckedPost(
                published=post.published_at.date(),
                format=post.format,
                p10=float(prediction.p10[row]),
                p50=float(prediction.p50[row]),
                p90=float(prediction.p90[row]),
                actual=float(held.reach[row]),
                naive=statistics.median(before) if before else None,
            )
        )
    model_error = _median_error([(p.actual, p.p50) for p in posts])
    naive_error = _median_error([(p.actual, p.naive) for p in posts if p.naive is not None])
    inside = sum(p.p10 <= p.actual <= p.p90 for p in posts) / len(posts) if posts else None
    return PredictionCheck(
        verdict=verdict(model_error, naive_error, len(posts)),
        posts=tuple(posts),
        median_log_error=model_error,
        naive_log_error=naive_error,
        inside_p10_p90=inside,
        fitted_posts=len(fitted.posts),
        held_from=tested.held_from,
        held_to=tested.held_to,
    )


def _median_error(pairs: list[tuple[float, float | None]]) -> float | None:
    """Median |log(actual / predicted)| of the pairs with a prediction; None for none."""
    tiny = 1e-9
    errors = [
        abs(math.log(max(actual, tiny) / max(predicted, tiny)))
        for actual, predicted in pairs
        if predicted is not None
    ]
    return statistics.median(errors) if errors else None
