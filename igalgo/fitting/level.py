"""The account's own level per format, and how much of the model's structure its history
supports: plain arrays in, a :class:`LevelFit` out, no model run.

For the posts of one format, with ``y`` the log of a post's reach and ``x`` the log of the
model's P50 for it (docs/decisions/0128-own-level-first.md):

- the calibrated log P50 is ``level + slope * (x - centre)``, ``centre`` the mean of ``x``;
- ``slope`` is the within-format regression slope of ``y`` on ``x``, shrunk towards 0 by its
  standard error and kept in [0, 1] (formats with few posts take the pooled slope);
- ``level`` is a weighted median of ``y - slope * (x - centre)``, the weights halving every
  ``half_life`` posts of the format back from the newest (or equal), the half-life chosen by
  the history's own one-step-ahead error among :attr:`FitParams.half_lives`;
- each format's distance from the account's overall level is shrunk by empirical Bayes (the
  formats' spread around it against each level's own noise), and the overall level towards
  the model's by the defaults' known error;
- P10 and P90 lie at the one-step-ahead residuals' quantiles (the format's own with enough
  posts, never narrower than the pooled ones otherwise), widened by the level's drift over
  the days ahead.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from igalgo.engine.arrays import BoolArray, FloatArray, IntArray
from igalgo.fitting.params import FitParams
from igalgo.fitting.timing import effect_of, timing_effects

Z90 = 1.2815515655446004
"""The standard normal's 90th percentile: P10 and P90 lie this many sds from the median."""

MEDIAN_VARIANCE = math.pi / 2.0
"""Variance of a sample median relative to a sample mean's, for normal residuals."""

FIRST_PREDICTED = 3
"""Earlier posts of a format a one-step-ahead prediction needs."""


@dataclass(frozen=True)
class FormatLevel:
    """The fitted level, slope and spread of one format (a code into the caller's formats)."""

    code: int
    posts: int
    level: float
    """Calibrated log P50 of a post at ``centre`` (after shrinkage)."""
    centre: float
    """Mean log model P50 over the format's posts."""
    slope: float
    """Share of the model's within-format variation the history supports, in [0, 1]."""
    raw_slope: float
    """The slope before shrinkage (nan when the model's P50 does not vary)."""
    slope_se: float
    """Its standard error (inf when it cannot be estimated)."""
    own_slope: bool
    """False: the pooled slope (too few posts of its own)."""
    low: float
    """log(P50 / P10) one post ahead."""
    high: float
    """log(P90 / P50) one post ahead."""
    prior_posts: float
    """How many posts the overall level counted for in this format's shrinkage."""


@dataclass(frozen=True)
class LevelFit:
    """The account's levels: what a calibrated prediction needs."""

    formats: dict[int, FormatLevel]
    overall: float
    """log(actual / model P50) of a typical post, shrunk towards 0: formats without posts."""
    pooled_slope: float
    low: float
    """Pooled log(P50 / P10) one post ahead."""
    high: float
    drift: float
    """Variance per day of the level's random walk (log units squared)."""
    half_life: float | None
    """Posts of a format after which a post's weight halves; None: equal weights."""
    half_life_errors: dict[float | None, float]
    """Each candidate's median one-step-ahead |log error| inside the history."""
    last_day: float
    """Day of the newest post fitted on."""
    weekday: FloatArray | None = None
    """Log multiplier per local weekday (Monday first) where the history shows an effect."""
    hours: FloatArray | None = None
    """Log multiplier per block of local hours where the history shows an effect."""

    def predict(
        self,
        codes: IntArray,
        model_log_p50: FloatArray,
        days: FloatArray,
        timing: tuple[IntArray, BoolArray] | None = None,
    ) -> tuple[FloatArray, FloatArray, FloatArray]:
        """Log P10, P50 and P90 for posts of ``codes`` whose model log P50 is
        ``model_log_p50``, published on ``days`` (at ``timing``: hours of the week and
        whether each post has timing effects, when known)."""
        count = codes.size
        mid, low, high = np.empty(count), np.empty(count), np.empty(count)
        for row in range(count):
            fit = self.formats.get(int(codes[row]))
            if fit is None:
                mid[row] = model_log_p50[row] + self.overall
                low[row], high[row] = self.low, self.high
            else:
                mid[row] = fit.level + fit.slope * (model_log_p50[row] - fit.centre)
                low[row], high[row] = fit.low, fit.high
        if timing is not None:
            mid += effect_of(self.weekday, self.hours, *timing)
        ahead = np.maximum(days - self.last_day, 0.0)
        widen = Z90 * Z90 * self.drift * ahead
        return mid - np.sqrt(low**2 + widen), mid, mid + np.sqrt(high**2 + widen)


def weights_of(age: FloatArray, half_life: float | None) -> FloatArray:
    """Recency weights of posts ``age`` posts of their format older than the newest."""
    if half_life is None:
        return np.ones_like(age)
    result: FloatArray = 0.5 ** (age / half_life)
    return result


def one_step_ahead(values: FloatArray, half_life: float | None) -> FloatArray:
    """Each value's prediction from the values before it (a recency-weighted median), nan for
    the first :data:`FIRST_PREDICTED`; the last entry of the result is one longer: the
    prediction of the next value."""
    count = values.size
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    origin = np.arange(count + 1)[:, None]
    age = (origin - 1 - order[None, :]).astype(np.float64)
    weights = np.where(age >= 0, weights_of(np.maximum(age, 0.0), half_life), 0.0)
    cumulative = np.cumsum(weights, axis=1)
    total = cumulative[:, -1:]
    found = np.argmax(cumulative >= total / 2.0, axis=1)
    result: FloatArray = ordered[found].astype(np.float64)
    result[: min(FIRST_PREDICTED, count + 1)] = np.nan
    return result


def weighted_median(values: FloatArray, weights: FloatArray) -> float:
    """The weighted median of ``values``."""
    order = np.argsort(values, kind="stable")
    cumulative = np.cumsum(weights[order])
    return float(values[order][np.argmax(cumulative >= cumulative[-1] / 2.0)])


def shrunk_slope(x: FloatArray, y: FloatArray, prior_sd: float) -> tuple[float, float, float]:
    """The slope of ``y`` on ``x`` (both centred), its standard error, and the slope shrunk
    towards 0 by it (the posterior mean under a normal prior of sd ``prior_sd`` around 0) and
    kept in [0, 1]; one pass with ``y`` clipped at 2.5 robust sds of the
    first pass's residuals, so that a viral post cannot set it."""
    spread = float(np.sum(x * x))
    if x.size < 3 or spread <= 1e-12:
        return math.nan, math.inf, 0.0
    slope = float(np.sum(x * y) / spread)
    residual = y - slope * x
    scale = 1.4826 * float(np.median(np.abs(residual - np.median(residual))))
    if scale > 0:
        clipped = slope * x + np.clip(residual, -2.5 * scale, 2.5 * scale)
        slope = float(np.sum(x * clipped) / spread)
        residual = clipped - slope * x
    variance = float(np.sum(residual**2)) / max(x.size - 2, 1)
    error = math.sqrt(variance / spread)
    kept = prior_sd**2 / (prior_sd**2 + error**2)
    return slope, error, min(max(slope * kept, 0.0), 1.0)


def fit_levels(
    codes: IntArray,
    days: FloatArray,
    y: FloatArray,
    x: FloatArray,
    params: FitParams,
    timing: tuple[IntArray, BoolArray] | None = None,
) -> LevelFit:
    """The levels of posts ``codes`` (format codes) published on ``days`` (ascending), with
    log reach ``y`` and log model P50 ``x``; with ``timing`` (local hours of the week, and
    which posts can have timing effects) the weekday and hour effects the history shows."""
    present = sorted({int(c) for c in codes})
    rows = {c: np.flatnonzero(codes == c) for c in present}
    centre = {c: float(x[r].mean()) for c, r in rows.items()}
    dx = x - np.array([centre[int(c)] for c in codes])
    dy = y - np.array([float(y[rows[int(c)]].mean()) for c in codes])
    _, _, pooled = shrunk_slope(dx, dy, params.slope_prior_sd)
    slopes: dict[int, tuple[float, float, float, bool]] = {}
    for c, r in rows.items():
        if r.size >= params.min_posts_for_slope:
            slopes[c] = (*shrunk_slope(dx[r], dy[r], params.slope_prior_sd), True)
        else:
            slopes[c] = (math.nan, math.inf, pooled, False)
    adjusted = y - np.array([slopes[int(c)][2] for c in codes]) * dx
    # The half-life the history's own one-step-ahead errors prefer, and those errors.
    errors: dict[float | None, float] = {}
    residuals: dict[float | None, FloatArray] = {}
    for candidate in params.half_lives:
        life = candidate or None
        residual = np.full(y.size, np.nan)
        for r in rows.values():
            residual[r] = adjusted[r] - one_step_ahead(adjusted[r], life)[:-1]
        residuals[life] = residual
        known = residual[~np.isnan(residual)]
        errors[life] = float(np.median(np.abs(known))) if known.size else math.inf
    chosen = _longest_within_noise(residuals, errors, params.min_posts_for_recency)
    residual = residuals[chosen]
    weekday = hours = None
    if timing is not None:
        weekday, hours = timing_effects(residual, timing[0], timing[1], params)
        effect = effect_of(weekday, hours, *timing)
        adjusted = adjusted - effect
        residual = residual - effect
    known = ~np.isnan(residual)
    pooled_low, pooled_high = _offsets(residual[known], None)
    noise = _robust_sd(residual[known]) if known.any() else params.default_level_log_sd
    # The account's overall level against the model's, shrunk by the defaults' known error.
    weights = np.empty(y.size)
    for r in rows.values():
        weights[r] = weights_of(np.arange(r.size - 1, -1, -1, dtype=np.float64), chosen)
    overall = weighted_median(adjusted - x, weights)
    effective = float(weights.sum() ** 2 / np.sum(weights**2))
    prior = MEDIAN_VARIANCE * noise**2 / params.default_level_log_sd**2
    overall *= effective / (effective + prior)
    # Each format's distance from it, shrunk by how much formats differ beyond their noise.
    raw: dict[int, tuple[float, float]] = {}
    for c, r in rows.items():
        own = weights[r]
        level = weighted_median(adjusted[r], own)
        count = float(own.sum() ** 2 / np.sum(own**2))
        raw[c] = (level - centre[c] - overall, MEDIAN_VARIANCE * noise**2 / count)
    between = _between_variance(raw, params)
    formats = {}
    for c, r in rows.items():
        distance, variance = raw[c]
        kept = between / (between + variance)
        own_residual = residual[r][~np.isnan(residual[r])]
        low, high = _offsets(own_residual, (pooled_low, pooled_high), params)
        slope, error, shrunk, own_slope = slopes[c]
        formats[c] = FormatLevel(
            code=c,
            posts=int(r.size),
            level=centre[c] + overall + kept * distance,
            centre=centre[c],
            slope=shrunk,
            raw_slope=slope,
            slope_se=error,
            own_slope=own_slope,
            low=low,
            high=high,
            prior_posts=MEDIAN_VARIANCE * noise**2 / between,
        )
    return LevelFit(
        formats=formats,
        overall=overall,
        pooled_slope=pooled,
        low=pooled_low,
        high=pooled_high,
        drift=_drift(days, adjusted, codes, rows, noise),
        half_life=chosen,
        half_life_errors=errors,
        last_day=float(days.max()) if days.size else 0.0,
        weekday=weekday,
        hours=hours,
    )


def _longest_within_noise(
    residuals: dict[float | None, FloatArray], errors: dict[float | None, float], least: int
) -> float | None:
    """The longest half-life (equal weights first) whose one-step-ahead errors exceed the
    best candidate's by less than one standard error of their paired difference: a shorter
    memory must earn its noise (the one-standard-error rule of cross-validation). With fewer
    than ``least`` one-step-ahead errors, equal weights (when a candidate)."""
    best = min(errors, key=lambda life: errors[life])
    known = next(iter(residuals.values()))
    if None in errors and int(np.sum(~np.isnan(known))) < least:
        return None
    for life in sorted(errors, key=lambda life: -(life or math.inf)):
        difference = np.abs(residuals[life]) - np.abs(residuals[best])
        difference = difference[~np.isnan(difference)]
        if difference.size < 2:
            return life
        error = float(difference.std(ddof=1)) / math.sqrt(difference.size)
        if float(difference.mean()) <= error:
            return life
    return best


def _robust_sd(values: FloatArray) -> float:
    return 1.4826 * float(np.median(np.abs(values - np.median(values))))


def _offsets(
    residual: FloatArray,
    floor: tuple[float, float] | None,
    params: FitParams | None = None,
) -> tuple[float, float]:
    """log(P50 / P10) and log(P90 / P50) from one-step-ahead residuals: their quantiles
    around their median; with fewer than ``params.min_posts_own_spread`` of them never
    narrower than ``floor`` (the pooled ones)."""
    if residual.size < 2:
        return floor if floor is not None else (Z90 * 0.8, Z90 * 0.8)
    centre = float(np.median(residual))
    # The split-conformal quantile: 90 % of n + 1 posts, so that few residuals are not too
    # narrow a range.
    level = min(1.0, 0.9 * (residual.size + 1) / residual.size)
    low = centre - float(np.quantile(residual, 1.0 - level))
    high = float(np.quantile(residual, level)) - centre
    if floor is not None and params is not None and residual.size < params.min_posts_own_spread:
        low, high = max(low, floor[0]), max(high, floor[1])
    return max(low, 0.01), max(high, 0.01)


def _between_variance(raw: dict[int, tuple[float, float]], params: FitParams) -> float:
    """Variance of the formats' true distances from the overall level (method of moments),
    or the assumed one when fewer than two formats have enough posts."""
    usable = [(d, v) for d, v in raw.values()]
    if len(usable) < 2:
        return params.format_level_log_sd**2
    distances = np.array([d for d, _ in usable])
    noise = np.array([v for _, v in usable])
    # The distances are from a centre fitted to the same formats: k - 1 degrees of freedom.
    count = distances.size
    excess = float(np.sum(distances**2) / (count - 1) - np.mean(noise))
    return max(excess, params.min_format_level_log_sd**2)


def _drift(
    days: FloatArray, adjusted: FloatArray, codes: IntArray, rows: dict[int, IntArray], noise: float
) -> float:
    """Variance per day of the level's random walk: how much the medians of consecutive
    blocks of posts differ beyond their sampling noise, per day between them."""
    flat = adjusted.copy()
    for r in rows.values():
        flat[r] -= np.median(adjusted[r])
    size = max(5, flat.size // 8)
    blocks = flat.size // size
    if blocks < 3:
        return 0.0
    medians = np.array([np.median(flat[k * size : (k + 1) * size]) for k in range(blocks)])
    centres = np.array([np.mean(days[k * size : (k + 1) * size]) for k in range(blocks)])
    steps, gaps = np.diff(medians), np.diff(centres)
    sampling = 2.0 * MEDIAN_VARIANCE * noise**2 / size
    total_gap = float(gaps.sum())
    if total_gap <= 0:
        return 0.0
    return max(0.0, float(np.sum(steps**2 - sampling)) / total_gap)
