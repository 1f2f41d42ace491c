"""What an account's fitted history (:class:`~igalgo.domain.Calibration`) changes in the
simulation.

A calibration of own levels (``overall_appeal`` set) leaves the model's run alone and moves
each draft's numbers afterwards: its P50 becomes the account's level times the share of the
model's variation the history supports (``appeal * model_reach * (m / model_reach) **
slope``, m the model's P50), its P10 and P90 the history's own range around it, widened by the
level's drift over the days since the last post fitted (docs/decisions/0128-own-level-first.md).
An older calibration changes the median and spread of each draft's appeal, and how often
followers open its stories."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from igalgo.domain import Calibration, Draft, Format
from igalgo.engine.arrays import BoolArray, FloatArray, IntArray, SampleArray
from igalgo.parameters import Evidence

Z90 = 1.2815515655446004
"""The standard normal's 90th percentile."""

HOUR_BLOCKS = 6
"""Blocks of the local day that :attr:`Calibration.hour_appeal` gives a multiplier each."""


@dataclass(frozen=True)
class AppealShape:
    """Each draft's appeal distribution: the model's mean-1 log-normal with ``log_sd``, times
    ``exp(log_level)``."""

    log_level: FloatArray
    """Log of the appeal's multiplier per draft (0: as the model predicts for an account like
    it)."""
    log_sd: FloatArray
    """Standard deviation of the log appeal per draft."""
    story_level: FloatArray
    """Multiplier of a story's tray exposure per draft (1 for other formats)."""
    levels: OwnLevels | None = None
    """The account's own levels that replace each draft's numbers after the run (a
    calibration of own levels); None: an older calibration, or none."""

    @property
    def plain(self) -> bool:
        """True when every draft has the model's own appeal (no calibration applies)."""
        return bool(
            not self.log_level.any()
            and np.all(self.log_sd == self.log_sd[0])
            and np.all(self.story_level == 1.0)
        )

    def take(self, rows: IntArray | slice) -> AppealShape:
        """The shapes of the drafts at ``rows`` only."""
        levels = None if self.levels is None else self.levels.take(rows)
        return AppealShape(self.log_level[rows], self.log_sd[rows], self.story_level[rows], levels)


@dataclass(frozen=True)
class OwnLevels:
    """Per draft, how a calibration of own levels moves the model's numbers: log P50 becomes
    ``shift + log m + (slope - 1) * (log m - anchor)``, P10 and P90 lie ``low`` and ``high``
    (logs) from it."""

    shift: FloatArray
    slope: FloatArray
    anchor: FloatArray
    low: FloatArray
    high: FloatArray

    def take(self, rows: IntArray | slice) -> OwnLevels:
        """The drafts at ``rows`` only."""
        return OwnLevels(
            self.shift[rows], self.slope[rows], self.anchor[rows], self.low[rows], self.high[rows]
        )

    def factors(self, model_p50: FloatArray) -> FloatArray:
        """The multiplier of each draft's numbers, given its model P50."""
        log_m = np.log(np.maximum(model_p50, 1e-9))
        result: FloatArray = np.exp(self.shift + (self.slope - 1.0) * (log_m - self.anchor))
        return result


def effect_evidence(calibration: Calibration | None, fmt: Format) -> Evidence | None:
    """:attr:`Evidence.FITTED` when the account's own history sets how much of the model's
    post-to-post effects (hour, weekday, length, competition) hold for drafts of ``fmt``: a
    calibration of own levels scales each of them by the format's fitted slope. None: the
    effect keeps the grade of the model parameter behind it (no calibration, an older one, or
    a format the history has no posts of, whose drafts keep the model's effects)."""
    fit = None if calibration is None else calibration.of(fmt)
    if calibration is None or calibration.overall_appeal is None or fit is None:
        return None
    return Evidence.FITTED if fit.slope is not None else None


def own_levels(
    drafts: Sequence[Draft], calibration: Calibration, hour_of_week: IntArray
) -> OwnLevels:
    """The own levels of each draft (see :class:`OwnLevels`), with the calibration's weekday
    and hour effects and its drift up to the draft's day."""
    count = len(drafts)
    overall = np.log(calibration.overall_appeal or 1.0)
    shift = np.full(count, overall)
    slope = np.ones(count)
    anchor = np.zeros(count)
    low = np.full(count, calibration.low or 0.0)
    high = np.full(count, calibration.high or 0.0)
    fits = {fit.format: fit for fit in calibration.formats}
    for row, draft in enumerate(drafts):
        fit = fits.get(draft.format)
        if fit is None or fit.slope is None:
            continue
        shift[row] = np.log(fit.appeal)
        slope[row] = fit.slope
        anchor[row] = np.log(fit.model_reach or 1.0)
        low[row] = fit.low if fit.low is not None else low[row]
        high[row] = fit.high if fit.high is not None else high[row]
    timed = np.array([draft.format is not Format.STORY for draft in drafts], dtype=bool)
    shift += _timing(calibration, hour_of_week, timed)
    last = calibration.last_post.toordinal()
    ahead = np.array([max(0, d.publish_at.date().toordinal() - last) for d in drafts], float)
    widen = Z90 * Z90 * (calibration.drift or 0.0) * ahead
    return OwnLevels(shift, slope, anchor, np.sqrt(low**2 + widen), np.sqrt(high**2 + widen))


def _timing(calibration: Calibration, hour_of_week: IntArray, timed: BoolArray) -> FloatArray:
    """The log of the weekday and hour effects of each draft (stories have none)."""
    effect = np.zeros(hour_of_week.size)
    if calibration.weekday_appeal is not None:
        effect += np.log(np.asarray(calibration.weekday_appeal))[hour_of_week // 24]
    if calibration.hour_appeal is not None:
        block = (hour_of_week % 24) * HOUR_BLOCKS // 24
        effect += np.log(np.asarray(calibration.hour_appeal))[block]
    result: FloatArray = np.where(timed, effect, 0.0)
    return result


def appeal_shape(
    drafts: Sequence[Draft],
    calibration: Calibration | None,
    hour_of_week: IntArray,
    default_log_sd: float,
) -> AppealShape:
    """The appeal of each draft of an account: the model's (median 1, ``default_log_sd``)
    unless its calibration fitted the draft's format, weekday or hour."""
    count = len(drafts)
    log_level = np.zeros(count)
    log_sd = np.full(count, default_log_sd)
    story_level = np.ones(count)
    if calibration is None or not count:
        return AppealShape(log_level, log_sd, story_level)
    if calibration.overall_appeal is not None:
        return AppealShape(
            log_level, log_sd, story_level, own_levels(drafts, calibration, hour_of_week)
        )
    fits = {fit.format: fit for fit in calibration.formats}
    formats = [draft.format for draft in drafts]
    for row, fmt in enumerate(formats):
        fit = fits.get(fmt)
        if fit is None:
            continue
        if fmt is Format.STORY:
            story_level[row] = fit.appeal
            continue
        log_level[row] = np.log(fit.appeal)
        if fit.appeal_log_sd is not None:
            log_sd[row] = fit.appeal_log_sd
    timed = np.array([fmt is not Format.STORY for fmt in formats])
    if calibration.weekday_appeal is not None:
        weekday = np.log(np.asarray(calibration.weekday_appeal))[hour_of_week // 24]
        log_level += np.where(timed, weekday, 0.0)
    if calibration.hour_appeal is not None:
        block = (hour_of_week % 24) * HOUR_BLOCKS // 24
        log_level += np.where(timed, np.log(np.asarray(calibration.hour_appeal))[block], 0.0)
    return AppealShape(log_level, log_sd, story_level)


def appeal_multipliers(
    normal: SampleArray, log_level: SampleArray, log_sd: SampleArray
) -> SampleArray:
    """``exp(log_level + log_sd * z - log_sd**2 / 2)``: the model's mean-1 appeal times the
    calibration's level."""
    exponent = log_sd * normal
    exponent += log_level - log_sd * log_sd / np.float32(2.0)
    result: SampleArray = np.exp(exponent)
    return result
