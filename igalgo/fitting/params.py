"""The settings of the fit: how many posts a format needs, how strongly estimates shrink
towards the model's defaults, and when timing effects count."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from igalgo.parameters import Declared, at_least, between, positive, share


@dataclass(frozen=True)
class FitParams(Declared):
    """How ``igalgo calibrate`` fits an account's history."""

    min_posts_per_format: Annotated[int, at_least(2, "posts")] = 5
    """Fewest posts of a format whose level is fitted. Assumption: with fewer, one post's luck
    (a real account's posts vary 16x in total reach, sources.md T19) is the estimate."""

    prior_posts: Annotated[float, positive("posts")] = 4.0
    """How many posts the model's default counts for: an estimate from n posts keeps the share
    n / (n + prior_posts) of its distance from the default (in logs). Assumption."""

    spread_prior_log_sd: Annotated[float, positive("standard deviation of a log")] = 0.35
    """How far, in logs, a format's fitted appeal spread is expected to lie from the model's
    (a log-normal prior on the spread around ``UncertaintyParams.appeal_log_sd``).
    Assumption."""

    spread_grid: Annotated[tuple[float, ...], positive("standard deviation of a log")] = (
        0.3,
        0.45,
        0.6,
        0.8,
        1.05,
        1.4,
    )
    """Appeal spreads at which the likelihood is computed; the maximum is refined between
    them. Numerical, not a model assumption."""

    outlier_share: Annotated[float, share("share of posts")] = 0.02
    """Share of posts the likelihood expects far outside the model's range (scored by a
    distribution four times as wide): one viral post widens the range a little instead of
    forcing a spread that fits it. Assumption."""

    min_posts_for_timing: Annotated[int, at_least(1, "posts")] = 40
    """Fewest posts with which weekday and hour effects are looked for. Assumption."""

    min_posts_per_timing_group: Annotated[int, at_least(1, "posts")] = 4
    """Fewest posts of a weekday (or block of hours) for its effect to be estimated.
    Assumption."""

    min_timing_effect: Annotated[float, between(0, 1, "log ratio")] = 0.1
    """Smallest shrunk effect (log of the appeal multiplier) that counts as a weekday or hour
    effect; below it the history shows none. Assumption."""

    fit_samples: Annotated[int, between(64, 1 << 16, "samples per post")] = 256
    """Monte Carlo samples per post while fitting (with common random numbers the fit's
    comparisons need fewer than a report). Numerical."""

    report_samples: Annotated[int, between(64, 1 << 16, "samples per post")] = 512
    """Samples per post of the backtest's predictions. Numerical."""

    level_iterations: Annotated[int, between(1, 50, "iterations")] = 6
    """Most secant steps of each level search. Numerical."""
