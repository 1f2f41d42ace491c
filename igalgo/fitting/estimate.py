"""The fit of an account's history: its interaction level, each format's appeal level and
spread, and weekday and hour effects where the history shows them.

Every estimate compares the posts with the model's own prediction for them (the post as a
plain draft of its format, time and length, scored alone amid the account's usual posts):

- levels (interaction, each format's appeal) by the median of log(actual / predicted median),
  solved with the model in a secant search, so that one viral post cannot move them;
- each format's appeal spread by maximum likelihood of the posts' reach under the model's
  sampled distribution, with a prior around the model's spread and a small share of posts
  allowed anywhere (one viral post widens the upper range a little);
- weekday and hour effects from the residuals, when their groups differ beyond luck (a
  chi-square test at 95 %), shrunk by how much they vary beyond noise.

Each estimate from n posts keeps n / (n + prior_posts) of its distance from the default.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from zoneinfo import ZoneInfo

import numpy as np

from igalgo.domain import Account, Calibration, Format, FormatCalibration
from igalgo.engine.arrays import FloatArray, IntArray, SampleArray
from igalgo.fitting.history import ACTIONS, History
from igalgo.fitting.params import FitParams
from igalgo.world.account import engagement_rate
from igalgo.world.calibrated import HOUR_BLOCKS
from igalgo.world.model import Simulation

WIDE_TAIL = 4.0
"""How many times wider than the model's samples the likelihood's tail for rare posts is."""

MEDIAN_EFFICIENCY = math.pi / 2.0
"""Variance of a sample median relative to a sample mean's, for normal residuals."""

MAX_LOG_LEVEL = math.log(30.0)
"""Largest |log| of a fitted level: beyond it the history contradicts the model itself."""


@dataclass(frozen=True)
class Prediction:
    """The model's total reach quantiles and typical interactions for each post."""

    p10: FloatArray
    p50: FloatArray
    p90: FloatArray
    interactions: FloatArray
    """Typical interactions of the actions each post's export counts."""


@dataclass(frozen=True)
class FormatFit:
    """What the fit found for one format."""

    format: Format
    posts: int
    fitted: bool
    """False when the history has fewer than ``FitParams.min_posts_per_format`` posts."""
    appeal: float = 1.0
    appeal_log_sd: float | None = None
    """None: the model's spread (stories, and formats not fitted)."""
    data_weight: float = 0.0
    """Share of the estimate that comes from the posts (the rest is the default)."""
    observed_median: float = 0.0
    """Median reach of the posts."""
    default_median: float = 0.0
    """Median over the posts of the uncalibrated model's predicted median."""
    fitted_median: float = 0.0
    """Median over the posts of the calibrated model's predicted median."""


@dataclass(frozen=True)
class InteractionFit:
    """What the fit found for the interaction level."""

    posts: int
    """Posts (not stories) whose export gives likes."""
    before: float
    """The engagement rate the model used before: the profile's or the default."""
    fitted: float | None
    """The fitted engagement rate; None when too few posts give likes."""
    observed_median: float = 0.0
    """Median interactions of those posts."""


@dataclass(frozen=True)
class TimingFit:
    """Weekday and hour effects, where the history shows them."""

    weekday: tuple[float, ...] | None
    hours: tuple[float, ...] | None
    note: str
    """Why an effect is absent, or how large the ones found are."""


@dataclass(frozen=True)
class Fit:
    """The whole fit and how well it describes the posts it was fitted on."""

    calibration: Calibration
    formats: tuple[FormatFit, ...]
    interaction: InteractionFit
    timing: TimingFit
    inside_p10_p90: float
    """Share of the posts inside the calibrated P10-P90 range (in sample)."""
    median_log_error: float
    """Median |log(actual / calibrated P50)| over the posts (in sample)."""


def predict(simulation: Simulation, history: History) -> Prediction:
    """The model's prediction for every post of ``history``, scored alone in ``simulation``."""
    estimates = simulation.score_drafts(list(history.drafts), compete=False)
    quantiles = np.array([[e.total.p10, e.total.p50, e.total.p90] for e in estimates])
    typical = np.array(
        [[getattr(e.actions.typical, name) for name in ACTIONS] for e in estimates]
    ).reshape(-1, len(ACTIONS))
    return Prediction(
        p10=quantiles[:, 0],
        p50=quantiles[:, 1],
        p90=quantiles[:, 2],
        interactions=(typical * history.counted).sum(axis=1),
    )


def _median_log_ratio(actual: FloatArray, predicted: FloatArray) -> float:
    """Median of log(actual / predicted) over the entries where both are positive."""
    keep = (actual > 0) & (predicted > 0)
    return float(np.median(np.log(actual[keep] / predicted[keep]))) if keep.any() else 0.0


class _Fitter:
    """The state of one fit: the account, the posts and the current calibration."""

    def __init__(self, simulation: Simulation, history: History, fit: FitParams) -> None:
        self.base = replace(simulation.account, calibration=None)
        self.history, self.fit = history, fit
        self.simulation = simulation.with_samples(fit.fit_samples).plain().with_account(self.base)
        model_params = simulation.model_params
        self.prior_rate = engagement_rate(self.base, model_params.interaction, model_params.actions)
        self.rate = self.prior_rate
        formats = history.formats
        self.counts = {f: formats.count(f) for f in Format if f in formats}
        self.fitted = [f for f, n in self.counts.items() if n >= fit.min_posts_per_format]
        self.log_level = dict.fromkeys(self.fitted, 0.0)
        self.log_sd: dict[Format, float] = {}
        self.weekday: tuple[float, ...] | None = None
        self.hours: tuple[float, ...] | None = None
        self.rated = np.flatnonzero(
            ~np.isnan(history.interactions)
            & np.array([f is not Format.STORY for f in formats], dtype=bool)
        )

    def calibration(self, **changes: object) -> Calibration:
        """The current estimates as a calibration (with ``changes``)."""
        dates = [p.published_at.date() for p in self.history.posts]
        current = Calibration(
            posts=len(self.history.posts),
            first_post=min(dates, default=date.min),
            last_post=max(dates, default=date.min),
            igalgo_version="",
            formats=tuple(
                FormatCalibration(
                    f, self.counts[f], math.exp(self.log_level[f]), self.log_sd.get(f)
                )
                for f in Format
                if f in self.log_level
            ),
            engagement_rate=self.rate,
            weekday_appeal=self.weekday,
            hour_appeal=self.hours,
        )
        return replace(current, **changes)  # type: ignore[arg-type]

    def account(self, calibration: Calibration | None = None) -> Account:
        return replace(self.base, calibration=calibration or self.calibration())

    def predict(self, calibration: Calibration | None = None) -> Prediction:
        return predict(self.simulation.with_account(self.account(calibration)), self.history)

    def weight(self, posts: int) -> float:
        return posts / (posts + self.fit.prior_posts)

    def fit_rate(self) -> None:
        """The engagement rate at which the model's typical interactions match the posts'."""
        rows = self.rated
        if rows.size < self.fit.min_posts_per_format:
            return
        actual = self.history.interactions[rows]

        def gap(log_rate: float) -> float:
            self.rate = math.exp(log_rate)
            return _median_log_ratio(actual, self.predict().interactions[rows])

        # A profile may state an engagement rate of 0, which has no logarithm: the search
        # starts and shrinks from the lowest rate it considers instead.
        prior = math.log(min(max(self.prior_rate, 1e-5), 0.5))
        found = _secant(gap, prior, 1.0, self.fit.level_iterations)
        found = min(max(found, math.log(1e-5)), math.log(0.5))
        self.rate = math.exp(prior + self.weight(rows.size) * (found - prior))

    def fit_levels(self) -> None:
        """Each fitted format's level, so that the model's median matches the posts'."""
        if not self.fitted:
            return
        rows = {f: self.history.rows_of(f) for f in self.fitted}
        reach = self.history.reach
        estimate = {f: self.log_level[f] for f in self.fitted}
        previous: dict[Format, tuple[float, float]] = {}
        for _ in range(self.fit.level_iterations):
            self.log_level = dict(estimate)
            p50 = self.predict().p50
            gaps = {f: _median_log_ratio(reach[rows[f]], p50[rows[f]]) for f in self.fitted}
            if all(abs(g) < 0.01 for g in gaps.values()):
                break
            for f, g in gaps.items():
                # Secant: the gap closes by ``rate`` per unit of log level (1 at first).
                rate = 1.0
                if f in previous and previous[f][0] != estimate[f]:
                    rate = (previous[f][1] - g) / (estimate[f] - previous[f][0])
                    rate = min(max(rate, 0.2), 5.0)
                previous[f] = (estimate[f], g)
                estimate[f] = min(max(estimate[f] + g / rate, -MAX_LOG_LEVEL), MAX_LOG_LEVEL)
        self.log_level = {f: self.weight(rows[f].size) * estimate[f] for f in self.fitted}

    def fit_spreads(self) -> None:
        """Each fitted format's appeal spread by maximum a posteriori over a grid (stories'
        reach reads no appeal: they keep the model's)."""
        formats = [f for f in self.fitted if f is not Format.STORY]
        if not formats:
            return
        default = self.simulation.model_params.uncertainty.appeal_log_sd
        if default <= 0.0:
            return
        grid = np.asarray(self.fit.spread_grid)
        scores = np.zeros((len(formats), grid.size))
        median_log = {f: self.log_level[f] - self.log_sd.get(f, default) ** 2 / 2 for f in formats}
        for k, spread in enumerate(grid):
            # Each spread is tried at the same median appeal, so only the spread changes.
            levels = dict(self.log_level)
            levels.update({f: median_log[f] + spread**2 / 2 for f in formats})
            saved = self.log_level, self.log_sd
            self.log_level = levels
            self.log_sd = {**self.log_sd, **dict.fromkeys(formats, float(spread))}
            run = self.simulation.with_account(self.account())
            samples = run.sample_reach(list(self.history.drafts), compete=False).unique
            self.log_level, self.log_sd = saved
            likely = _log_likelihood(samples, self.history.reach, self.fit.outlier_share)
            for j, f in enumerate(formats):
                scores[j, k] = likely[self.history.rows_of(f)].sum()
        prior = -((np.log(grid) - math.log(default)) ** 2) / (2 * self.fit.spread_prior_log_sd**2)
        for j, f in enumerate(formats):
            spread = _refined_maximum(np.log(grid), scores[j] + prior)
            self.log_sd[f] = float(spread)
            self.log_level[f] = median_log[f] + spread**2 / 2

    def fit_timing(self) -> TimingFit:
        """Weekday and hour-of-day effects from the residuals of the posts (not stories)."""
        fit = self.fit
        rows = np.flatnonzero(np.array([f is not Format.STORY for f in self.history.formats]))
        if rows.size < fit.min_posts_for_timing:
            return TimingFit(
                None,
                None,
                f"weekday and hour effects need {fit.min_posts_for_timing} posts that are not "
                f"stories; the history has {rows.size}",
            )
        p50 = self.predict().p50[rows]
        residual = np.log(self.history.reach[rows] / np.maximum(p50, 1e-9))
        zone = ZoneInfo(self.base.timezone)
        local = [self.history.posts[i].published_at.astimezone(zone) for i in rows]
        weekday_groups = np.array([t.weekday() for t in local])
        hour_groups = np.array([t.hour * HOUR_BLOCKS // 24 for t in local])
        weekday = _group_effects(residual, weekday_groups, 7, fit)
        hours = _group_effects(residual, hour_groups, HOUR_BLOCKS, fit)
        found = []
        if weekday is not None:
            self.weekday = tuple(float(math.exp(e)) for e in weekday)
            found.append("weekday")
        if hours is not None:
            self.hours = tuple(float(math.exp(e)) for e in hours)
            found.append("hour of the day")
        if not found:
            return TimingFit(None, None, "no weekday or hour effect beyond the posts' luck")
        return TimingFit(self.weekday, self.hours, f"effects of the {' and '.join(found)}")


def _secant(gap: Callable[[float], float], start: float, slope: float, steps: int) -> float:
    """A root of ``gap`` (decreasing in its argument) by secant steps from ``start``."""
    x0, g0 = start, gap(start)
    if abs(g0) < 0.01:
        return x0
    x1 = x0 + g0 / slope
    for _ in range(steps):
        g1 = gap(x1)
        if abs(g1) < 0.01 or x1 == x0:
            return x1
        rate = (g0 - g1) / (x1 - x0)  # how fast the gap closes per unit of the argument
        rate = min(max(rate, 0.2), 5.0)
        x0, g0, x1 = x1, g1, x1 + g1 / rate
    return x1


def _log_likelihood(samples: SampleArray, actual: FloatArray, outlier_share: float) -> FloatArray:
    """Log density of each post's log reach under its sampled log reach (a Gaussian kernel
    estimate), mixed with a normal :data:`WIDE_TAIL` times as wide as the samples."""
    logs = np.log(np.maximum(samples.astype(np.float64), 0.5))
    spread = logs.std(axis=1)
    quartiles = np.percentile(logs, [25.0, 75.0], axis=1)
    scale = np.minimum(spread, (quartiles[1] - quartiles[0]) / 1.34)
    width = np.maximum(0.9 * np.where(scale > 0, scale, spread) * logs.shape[1] ** -0.2, 0.02)
    observed = np.log(np.maximum(actual, 0.5))
    z = (observed[:, None] - logs) / width[:, None]
    kernel = np.exp(-0.5 * z * z).mean(axis=1) / (width * math.sqrt(2.0 * math.pi))
    # The rare post far outside the samples is scored by a normal WIDE_TAIL times as wide as
    # them: it widens the spread a little instead of forcing a spread that covers it.
    wide = WIDE_TAIL * np.maximum(spread, 0.05)
    tail = np.exp(-0.5 * ((observed - logs.mean(axis=1)) / wide) ** 2)
    tail /= wide * math.sqrt(2.0 * math.pi)
    mixed = (1.0 - outlier_share) * kernel + outlier_share * tail
    result: FloatArray = np.log(np.maximum(mixed, 1e-300))
    return result


def _refined_maximum(x: FloatArray, y: FloatArray) -> float:
    """exp of the maximum of a parabola through the grid's best point and its neighbours."""
    best = int(np.argmax(y))
    if 0 < best < x.size - 1:
        x0, x1, x2 = x[best - 1 : best + 2]
        y0, y1, y2 = y[best - 1 : best + 2]
        denominator = (x0 - x1) * (x0 - x2) * (x1 - x2)
        a = (x2 * (y1 - y0) + x1 * (y0 - y2) + x0 * (y2 - y1)) / denominator
        b = (x2 * x2 * (y0 - y1) + x1 * x1 * (y2 - y0) + x0 * x0 * (y1 - y2)) / denominator
        if a < 0:
            return float(math.exp(min(max(-b / (2 * a), x0), x2)))
    return float(math.exp(x[best]))


def _group_effects(
    residual: FloatArray, groups: IntArray, count: int, fit: FitParams
) -> FloatArray | None:
    """Shrunk, centred median residual per group (log multipliers), or None when no group's
    effect reaches ``fit.min_timing_effect``."""
    noise = (1.4826 * np.median(np.abs(residual - np.median(residual)))) ** 2
    sizes = np.bincount(groups, minlength=count)
    usable = sizes >= fit.min_posts_per_timing_group
    if usable.sum() < 2 or noise <= 0:
        return None
    medians = np.array(
        [np.median(residual[groups == g]) if usable[g] else 0.0 for g in range(count)]
    )
    # A median of n residuals varies as pi/2 * noise / n around the group's effect.
    variance = MEDIAN_EFFICIENCY * noise / np.maximum(sizes, 1)
    centre = np.average(medians[usable], weights=1.0 / variance[usable])
    statistic = float((((medians - centre) ** 2 / variance)[usable]).sum())
    if statistic < _chi_square_95(int(usable.sum()) - 1):
        return None  # the groups differ no more than their luck makes them
    spread = np.average((medians[usable] - centre) ** 2, weights=sizes[usable])
    between = max(0.0, spread - float(np.mean(variance[usable])))
    shrink = np.where(usable, between / (between + variance), 0.0)
    effects = (medians - centre) * shrink
    effects -= np.average(effects, weights=np.maximum(sizes, 1e-9))
    if np.max(np.abs(effects)) < fit.min_timing_effect:
        return None
    result: FloatArray = effects
    return result


def _chi_square_95(freedom: int) -> float:
    """The 95th percentile of a chi-square distribution (Wilson-Hilferty)."""
    ratio = 2.0 / (9.0 * freedom)
    return float(freedom * (1.0 - ratio + 1.6449 * math.sqrt(ratio)) ** 3)


def fit_history(simulation: Simulation, history: History, *, fit: FitParams) -> Fit:
    """Fit the parameters of ``simulation``'s account to ``history`` (see the module's
    docstring); the fit scores with ``fit.fit_samples`` plain samples."""
    fitter = _Fitter(simulation, history, fit)
    before = predict(fitter.simulation, history)
    fitter.fit_rate()
    fitter.fit_levels()
    fitter.fit_spreads()
    fitter.fit_rate()
    fitter.fit_levels()
    timing = fitter.fit_timing()
    if timing.weekday is not None or timing.hours is not None:
        fitter.fit_levels()
    after = fitter.predict()
    reach = history.reach
    formats = []
    for f in Format:
        rows = history.rows_of(f)
        if not rows.size:
            continue
        fitted = f in fitter.log_level
        formats.append(
            FormatFit(
                format=f,
                posts=int(rows.size),
                fitted=fitted,
                appeal=math.exp(fitter.log_level[f]) if fitted else 1.0,
                appeal_log_sd=fitter.log_sd.get(f),
                data_weight=fitter.weight(rows.size) if fitted else 0.0,
                observed_median=float(np.median(reach[rows])),
                default_median=float(np.median(before.p50[rows])),
                fitted_median=float(np.median(after.p50[rows])),
            )
        )
    rated = fitter.rated
    interaction = InteractionFit(
        posts=int(rated.size),
        before=fitter.prior_rate,
        fitted=fitter.rate if rated.size >= fit.min_posts_per_format else None,
        observed_median=float(np.median(history.interactions[rated])) if rated.size else 0.0,
    )
    inside = (reach >= after.p10) & (reach <= after.p90)
    errors = np.abs(np.log(np.maximum(reach, 1e-9) / np.maximum(after.p50, 1e-9)))
    calibration = fitter.calibration(
        engagement_rate=interaction.fitted,
        formats=tuple(
            FormatCalibration(f.format, f.posts, f.appeal, f.appeal_log_sd)
            for f in formats
            if f.fitted
        ),
    )
    return Fit(
        calibration=calibration,
        formats=tuple(formats),
        interaction=interaction,
        timing=timing,
        inside_p10_p90=float(inside.mean()) if reach.size else 0.0,
        median_log_error=float(np.median(errors)) if reach.size else 0.0,
    )
