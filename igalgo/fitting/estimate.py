"""The fit of an account's history: its interaction level, and each format's own level,
slope on the model's prediction and range (:mod:`igalgo.fitting.level`).

The model predicts every post as ``score`` predicts a draft: the post as a draft file would
give it (its format, time and length; everything else, audio included, at a draft's
defaults), the history's posts competing with each other as one schedule
(docs/decisions/0128-own-level-first.md). The interaction level is solved with the model in a
secant search so that the model's interactions per account reached match the posts'
(median of the log ratio; shrunk towards the default by ``prior_posts``); the levels are then
fitted on the model's log P50 of each post, without another model run.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

import numpy as np

from igalgo.domain import Calibration, Format, FormatCalibration
from igalgo.engine.arrays import FloatArray
from igalgo.fitting.history import ACTIONS, History
from igalgo.fitting.level import LevelFit, fit_levels
from igalgo.fitting.params import FitParams
from igalgo.fitting.rolling import Observations
from igalgo.world.account import TYPICAL_FORMATS
from igalgo.world.audience import hours_of_week
from igalgo.world.interaction import per_post_rate
from igalgo.world.model import Simulation

FORMATS = tuple(Format)
"""Formats in code order: a format's code in :class:`Observations` is its index here."""


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
    appeal: float
    """The account's typical post of the format against the model's prediction for it."""
    slope: float
    """Share of the model's variation within the format that the history supports (0-1)."""
    raw_slope: float
    """The slope before shrinkage (nan when the model's P50 does not vary)."""
    slope_se: float
    own_slope: bool
    """False: too few posts for a slope of its own; the pooled one."""
    prior_posts: float
    """How many posts the account's overall level counted for in the format's level."""
    low: float
    """log(P50 / P10) one post ahead."""
    high: float
    """log(P90 / P50) one post ahead."""
    observed_median: float = 0.0
    """Median reach of the posts."""
    default_median: float = 0.0
    """Median over the posts of the uncalibrated model's predicted median."""
    fitted_median: float = 0.0
    """Median over the posts of the calibrated predicted median."""


@dataclass(frozen=True)
class InteractionFit:
    """What the fit found for the interaction level."""

    posts: int
    """Posts (not stories) whose export gives likes."""
    before: float
    """The engagement rate the model used before (the profile's or the default), per post."""
    fitted: float | None
    """The fitted engagement rate; None when too few posts give likes."""
    observed_median: float = 0.0
    """Median interactions of those posts."""
    observed_rate: float | None = None
    """The export's own engagement rate per feed post as managers' tools compute it
    (:func:`_own_rate`); None without such posts."""


@dataclass(frozen=True)
class Fit:
    """The whole fit and how well it describes the posts it was fitted on."""

    calibration: Calibration
    formats: tuple[FormatFit, ...]
    interaction: InteractionFit
    levels: LevelFit
    observations: Observations
    """The posts and the uncalibrated model's prediction of them: what a backtest re-fits."""
    inside_p10_p90: float
    """Share of the posts inside the calibrated P10-P90 range (in sample)."""
    median_log_error: float
    """Median |log(actual / calibrated P50)| over the posts (in sample)."""


def predict(simulation: Simulation, history: History) -> Prediction:
    """The model's prediction for every post of ``history`` in ``simulation``, the posts
    competing with each other as ``score`` lets a file's drafts compete."""
    estimates = simulation.score_drafts(list(history.drafts), compete=True)
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


def observations(history: History, prediction: Prediction, zone: str) -> Observations:
    """``history`` and the model's ``prediction`` of it as the level fit's arrays (local
    hours in the account's ``zone``)."""
    first = history.posts[0].published_at if history.posts else None
    days = [
        (post.published_at - first).total_seconds() / 86400.0 if first else 0.0
        for post in history.posts
    ]
    return Observations(
        codes=np.array([FORMATS.index(f) for f in history.formats], dtype=np.int64),
        days=np.array(days, dtype=np.float64),
        reach=np.log(np.maximum(history.reach, 1.0)),
        model=np.log(np.maximum(prediction.p50, 1e-9)),
        model_low=np.log(np.maximum(prediction.p10, 1e-9)),
        model_high=np.log(np.maximum(prediction.p90, 1e-9)),
        hour_of_week=hours_of_week([d.publish_at for d in history.drafts], zone),
        timed=np.array([f is not Format.STORY for f in history.formats], dtype=bool),
    )


def _multipliers(effects: FloatArray | None) -> tuple[float, ...] | None:
    return None if effects is None else tuple(float(math.exp(e)) for e in effects)


def _median_log_ratio(actual: FloatArray, predicted: FloatArray) -> float:
    """Median of log(actual / predicted) over the entries where both are positive."""
    keep = (actual > 0) & (predicted > 0)
    return float(np.median(np.log(actual[keep] / predicted[keep]))) if keep.any() else 0.0


class _Fitter:
    """The state of one fit: the account, the posts and the current interaction level."""

    def __init__(self, simulation: Simulation, history: History, fit: FitParams) -> None:
        self.base = replace(simulation.account, calibration=None)
        self.history, self.fit = history, fit
        self.simulation = simulation.with_samples(fit.fit_samples).plain().with_account(self.base)
        model_params = simulation.model_params
        # The calibration's rate is per post (0138): the prior is the base's, said so.
        self.prior_rate = per_post_rate(self.base, model_params)
        self.rate = self.prior_rate
        self.rated = np.flatnonzero(
            ~np.isnan(history.interactions)
            & np.array([f is not Format.STORY for f in history.formats], dtype=bool)
        )
        self.last: Prediction | None = None

    def predict(self) -> Prediction:
        """The model's prediction of every post at the current interaction level."""
        dates = [p.published_at.date() for p in self.history.posts]
        calibration = Calibration(
            posts=len(self.history.posts),
            first_post=min(dates, default=date.min),
            last_post=max(dates, default=date.min),
            igalgo_version="",
            engagement_rate=self.rate,
        )
        account = replace(self.base, calibration=calibration)
        self.last = predict(self.simulation.with_account(account), self.history)
        return self.last

    def weight(self, posts: int) -> float:
        return posts / (posts + self.fit.prior_posts)

    def fit_rate(self) -> None:
        """The engagement rate at which the model's typical interactions per account reached
        match the posts' (the reach itself is the levels' to match)."""
        rows = self.rated
        if rows.size < self.fit.min_posts_per_format:
            return
        actual = self.history.interactions[rows] / self.history.reach[rows]

        def gap(log_rate: float) -> float:
            self.rate = math.exp(log_rate)
            predicted = self.predict()
            per_reach = predicted.interactions[rows] / np.maximum(predicted.p50[rows], 1e-9)
            return _median_log_ratio(actual, per_reach)

        # A profile may state an engagement rate of 0, which has no logarithm: the search
        # starts and shrinks from the lowest rate it considers instead.
        prior = math.log(min(max(self.prior_rate, 1e-5), 0.5))
        found = _secant(gap, prior, 1.0, self.fit.level_iterations)
        found = min(max(found, math.log(1e-5)), math.log(0.5))
        self.rate = math.exp(prior + self.weight(rows.size) * (found - prior))


def _own_rate(history: History, followers: int) -> float | None:
    """The export's own engagement rate as managers' tools compute it: interactions per
    follower averaged over its photos and carousels with likes (the posts the profile's rate
    counts, :data:`~igalgo.world.account.TYPICAL_FORMATS`); None without such posts."""
    feed = np.array([f in TYPICAL_FORMATS for f in history.formats], dtype=bool)
    rows = feed & ~np.isnan(history.interactions)
    if not rows.any():
        return None
    return float(np.mean(history.interactions[rows])) / max(followers, 1)


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


def fit_history(simulation: Simulation, history: History, *, fit: FitParams) -> Fit:
    """Fit the parameters of ``simulation``'s account to ``history`` (see the module's
    docstring); the fit scores with ``fit.fit_samples`` plain samples."""
    fitter = _Fitter(simulation, history, fit)
    before = fitter.predict()
    fitter.fit_rate()
    model = fitter.predict() if fitter.rate != fitter.prior_rate else before
    observed = observations(history, model, fitter.base.timezone)
    everything = np.arange(observed.codes.size)
    timing = observed.timing(everything)
    levels = fit_levels(observed.codes, observed.days, observed.reach, observed.model, fit, timing)
    low, mid, high = levels.predict(observed.codes, observed.model, observed.days, timing)
    reach = history.reach
    formats = []
    for code, found in levels.formats.items():
        rows = np.flatnonzero(observed.codes == code)
        formats.append(
            FormatFit(
                format=FORMATS[code],
                posts=found.posts,
                appeal=math.exp(found.level - found.centre),
                slope=found.slope,
                raw_slope=found.raw_slope,
                slope_se=found.slope_se,
                own_slope=found.own_slope,
                prior_posts=found.prior_posts,
                low=found.low,
                high=found.high,
                observed_median=float(np.median(reach[rows])),
                default_median=float(np.median(model.p50[rows])),
                fitted_median=float(np.exp(np.median(mid[rows]))),
            )
        )
    rated = fitter.rated
    interaction = InteractionFit(
        posts=int(rated.size),
        before=fitter.prior_rate,
        fitted=fitter.rate if rated.size >= fit.min_posts_per_format else None,
        observed_median=float(np.median(history.interactions[rated])) if rated.size else 0.0,
        observed_rate=_own_rate(history, fitter.base.followers),
    )
    dates = [p.published_at.date() for p in history.posts]
    calibration = Calibration(
        posts=len(history.posts),
        first_post=min(dates, default=date.min),
        last_post=max(dates, default=date.min),
        igalgo_version="",
        formats=tuple(
            FormatCalibration(
                f.format,
                f.posts,
                f.appeal,
                slope=f.slope,
                model_reach=math.exp(levels.formats[FORMATS.index(f.format)].centre),
                low=f.low,
                high=f.high,
            )
            for f in sorted(formats, key=lambda f: FORMATS.index(f.format))
        ),
        engagement_rate=interaction.fitted,
        weekday_appeal=_multipliers(levels.weekday),
        hour_appeal=_multipliers(levels.hours),
        overall_appeal=math.exp(levels.overall),
        low=levels.low,
        high=levels.high,
        drift=levels.drift,
        half_life=levels.half_life,
    )
    inside = (observed.reach >= low) & (observed.reach <= high)
    errors = np.abs(observed.reach - mid)
    return Fit(
        calibration=calibration,
        formats=tuple(sorted(formats, key=lambda f: FORMATS.index(f.format))),
        interaction=interaction,
        levels=levels,
        observations=observed,
        inside_p10_p90=float(inside.mean()) if reach.size else 0.0,
        median_log_error=float(np.median(errors)) if reach.size else 0.0,
    )
