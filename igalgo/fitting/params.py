"""The settings of the fit: how many posts a format needs, how strongly estimates shrink
towards the model's defaults, and when timing effects count."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from igalgo.parameters import Declared, at_least, between, positive


@dataclass(frozen=True)
class FitParams(Declared):
    """How ``igalgo calibrate`` fits an account's history."""

    min_posts_per_format: Annotated[int, at_least(2, "posts")] = 5
    """Fewest posts of a format whose level is fitted. Assumption: with fewer, one post's luck
    (a real account's posts vary 16x in total reach, sources.md T19) is the estimate."""

    prior_posts: Annotated[float, positive("posts")] = 4.0
    """How many posts the model's default counts for in the interaction level: an estimate
    from n posts keeps the share n / (n + prior_posts) of its distance from the default (in
    logs). Assumption."""

    half_lives: Annotated[tuple[float, ...], at_least(0, "posts of the format")] = (
        0.0,
        5.0,
        10.0,
        20.0,
        40.0,
    )
    """Half-lives of the recency weights the history chooses among by its own one-step-ahead
    error (0: equal weights). Numerical choices around the ~10 posts that cut real accounts'
    rolling error (issue 21)."""

    min_posts_for_recency: Annotated[int, at_least(2, "posts")] = 30
    """Fewest one-step-ahead errors with which a half-life other than equal weights may be
    chosen: with fewer, the comparison is luck. Assumption."""

    min_posts_for_slope: Annotated[int, at_least(3, "posts")] = 10
    """Fewest posts of a format whose own slope on the model's prediction is estimated; fewer
    take the pooled slope. Assumption."""

    slope_prior_sd: Annotated[float, positive("slope")] = 0.5
    """Spread of the prior around 0 of the slope of a post's log reach on the model's log
    prediction within a format: a slope estimated with standard error se keeps the share
    prior_sd**2 / (prior_sd**2 + se**2) of itself. Assumption: real accounts' slopes were
    -0.5 +- 0.4 (issue 21), so the model's structure is not presumed."""

    default_level_log_sd: Annotated[float, positive("standard deviation of a log")] = 0.63
    """How far (rms log) the model's defaults miss a real account's level: the prior of the
    overall level's shrinkage. Measured on six real accounts (issue 21)."""

    format_level_log_sd: Annotated[float, positive("standard deviation of a log")] = 0.5
    """How far a format's level is expected to lie from the account's overall one when fewer
    than two formats tell. Assumption."""

    min_format_level_log_sd: Annotated[float, positive("standard deviation of a log")] = 0.1
    """Least spread of the formats' levels the empirical-Bayes shrinkage assumes (so that
    two formats that happen to agree are not forced together). Assumption."""

    min_posts_own_spread: Annotated[int, at_least(2, "posts")] = 10
    """Fewest one-step-ahead residuals of a format whose own P10-P90 range is used alone;
    with fewer it is never narrower than the pooled one. Assumption."""

    backtest_cuts: Annotated[int, between(1, 50, "cuts")] = 5
    """Rolling origins of the backtest, each predicting the posts up to the next. Numerical."""

    first_cut_share: Annotated[float, between(0.1, 0.9, "share of posts")] = 0.4
    """Share of the posts before the first rolling origin. Numerical."""

    bootstrap_draws: Annotated[int, between(100, 100_000, "draws")] = 2000
    """Paired bootstrap resamples of the backtest's errors. Numerical."""

    min_backtest_posts: Annotated[int, at_least(1, "posts")] = 20
    """Fewest predicted posts for a verdict; fewer are "too few posts to tell". Assumption."""

    verdict_max_width: Annotated[float, positive("share")] = 0.5
    """Widest 90 % interval of the gain that still gives a verdict; a wider one is "too few
    posts to tell". Assumption."""

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

    level_iterations: Annotated[int, between(1, 50, "iterations")] = 6
    """Most secant steps of each level search. Numerical."""
