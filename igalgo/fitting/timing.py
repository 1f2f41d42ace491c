"""Weekday and hour-of-day effects in an account's own history: the residuals of its posts
(not stories) grouped by local weekday and block of hours, kept only where the groups differ
beyond their luck (a chi-square test at 95 %) and shrunk by how much they vary beyond noise."""

from __future__ import annotations

import math

import numpy as np

from igalgo.engine.arrays import BoolArray, FloatArray, IntArray
from igalgo.fitting.params import FitParams
from igalgo.world.calibrated import HOUR_BLOCKS

MEDIAN_VARIANCE = math.pi / 2.0
"""Variance of a sample median relative to a sample mean's, for normal residuals."""


def timing_effects(
    residual: FloatArray, hour_of_week: IntArray, timed: BoolArray, params: FitParams
) -> tuple[FloatArray | None, FloatArray | None]:
    """Log multipliers per weekday (7, Monday first) and per block of hours
    (:data:`~igalgo.world.calibrated.HOUR_BLOCKS`), each None when the history shows none;
    from the known (not nan) residuals of the ``timed`` posts."""
    rows = np.flatnonzero(timed & ~np.isnan(residual))
    if rows.size < params.min_posts_for_timing:
        return None, None
    values, hours = residual[rows], hour_of_week[rows]
    weekday = group_effects(values, hours // 24, 7, params)
    blocks = group_effects(values, (hours % 24) * HOUR_BLOCKS // 24, HOUR_BLOCKS, params)
    return weekday, blocks


def effect_of(
    weekday: FloatArray | None, hours: FloatArray | None, hour_of_week: IntArray, timed: BoolArray
) -> FloatArray:
    """The log multiplier the effects give each post (0 for stories)."""
    effect = np.zeros(hour_of_week.size)
    if weekday is not None:
        effect += weekday[hour_of_week // 24]
    if hours is not None:
        effect += hours[(hour_of_week % 24) * HOUR_BLOCKS // 24]
    result: FloatArray = np.where(timed, effect, 0.0)
    return result


def group_effects(
    residual: FloatArray, groups: IntArray, count: int, params: FitParams
) -> FloatArray | None:
    """Shrunk, centred median residual per group (log multipliers), or None when the groups
    differ no more than luck makes them or no effect reaches ``params.min_timing_effect``."""
    noise = (1.4826 * np.median(np.abs(residual - np.median(residual)))) ** 2
    sizes = np.bincount(groups, minlength=count)
    usable = sizes >= params.min_posts_per_timing_group
    if usable.sum() < 2 or noise <= 0:
        return None
    medians = np.array(
        [np.median(residual[groups == g]) if usable[g] else 0.0 for g in range(count)]
    )
    # A median of n residuals varies as pi/2 * noise / n around the group's effect.
    variance = MEDIAN_VARIANCE * noise / np.maximum(sizes, 1)
    centre = np.average(medians[usable], weights=1.0 / variance[usable])
    statistic = float((((medians - centre) ** 2 / variance)[usable]).sum())
    if statistic < chi_square_95(int(usable.sum()) - 1):
        return None
    spread = np.average((medians[usable] - centre) ** 2, weights=sizes[usable])
    between = max(0.0, spread - float(np.mean(variance[usable])))
    shrink = np.where(usable, between / (between + variance), 0.0)
    effects = (medians - centre) * shrink
    effects -= np.average(effects, weights=np.maximum(sizes, 1e-9))
    if np.max(np.abs(effects)) < params.min_timing_effect:
        return None
    result: FloatArray = effects
    return result


def chi_square_95(freedom: int) -> float:
    """The 95th percentile of a chi-square distribution (Wilson-Hilferty)."""
    ratio = 2.0 / (9.0 * freedom)
    return float(freedom * (1.0 - ratio + 1.6449 * math.sqrt(ratio)) ** 3)
