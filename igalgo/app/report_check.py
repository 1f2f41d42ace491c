"""How good igalgo's predictions are for one account, as the client report shows it.

:func:`prediction_check` takes the calibration's rolling-origin backtest (``igalgo calibrate``:
each of the newest posts predicted from the posts before its cut) with its verdict, and lists
each predicted post's range, what it reached, and the naive baseline (the median reach of the
same format's earlier posts). :func:`recorded_check` says what a calibrated profile keeps of
its own backtest when no export is given.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from igalgo.domain import Account, Format

if TYPE_CHECKING:  # imported only when a report calibrates on an export
    from igalgo.app.calibrate import CalibrationRun
    from igalgo.fitting.params import FitParams


@dataclass(frozen=True)
class CheckedPost:
    """One predicted post: what igalgo predicted for it and what it reached."""

    published: date
    format: Format
    p10: float
    p50: float
    p90: float
    actual: float
    naive: float
    """The median reach of the format's posts before the cut."""


@dataclass(frozen=True)
class PredictionCheck:
    """How well igalgo predicted the account's newest posts."""

    outcome: str
    """``use``, ``no better``, ``too few posts`` (the backtest's), or ``recorded`` when only
    a calibrated profile's own numbers are known."""
    sentence: str
    """The verdict as the calibration says it (``beats your own median by 18 % ...``)."""
    posts: tuple[CheckedPost, ...]
    """The predicted posts, oldest first; empty when only the profile's numbers are known."""
    median_log_error: float | None
    """Median |log(actual / P50)| of the predicted posts."""
    naive_log_error: float | None
    """The same for the naive baseline."""
    inside_p10_p90: float | None
    """Share of the posts inside their predicted P10-P90."""
    fitted_posts: int = 0


def recorded_check(account: Account) -> PredictionCheck | None:
    """What a calibrated profile records of its own backtest (no posts to chart); None when
    the profile is not calibrated or recorded no verdict."""
    calibration = account.calibration
    if calibration is None or calibration.verdict is None:
        return None
    return PredictionCheck(
        outcome="recorded",
        sentence=calibration.verdict.sentence,
        posts=(),
        median_log_error=calibration.median_log_error,
        naive_log_error=None,
        inside_p10_p90=calibration.inside_p10_p90,
        fitted_posts=calibration.posts,
    )


def prediction_check(
    run: CalibrationRun, *, predicted_share: float, fit: FitParams
) -> PredictionCheck | None:
    """The backtest of ``run`` with its predicted posts; None when it has none."""
    from igalgo.fitting.backtest import backtest_predictions

    tested = run.backtest
    if tested is None:
        return None
    found = backtest_predictions(run.fit, fit, predicted_share=predicted_share)
    observed = run.fit.observations
    posts = []
    if len(run.history.posts) == len(observed.reach):  # the fit's rows are the history's
        for index in found.rows:
            row = int(index)
            post = run.history.posts[row]
            posts.append(
                CheckedPost(
                    published=post.published_at.date(),
                    format=post.format,
                    p10=math.exp(float(found.low[row])),
                    p50=math.exp(float(found.mid[row])),
                    p90=math.exp(float(found.high[row])),
                    actual=math.exp(float(observed.reach[row])),
                    naive=math.exp(float(found.naive[row])),
                )
            )
    scores = tested.overall
    return PredictionCheck(
        outcome=tested.verdict.outcome.value,
        sentence=tested.verdict.sentence,
        posts=tuple(posts),
        median_log_error=scores.calibrated,
        naive_log_error=scores.naive,
        inside_p10_p90=scores.inside,
        fitted_posts=len(run.history.posts),
    )
