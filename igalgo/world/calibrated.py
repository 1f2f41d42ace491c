"""What an account's fitted history (:class:`~igalgo.domain.Calibration`) changes in the
simulation: the median and spread of each draft's appeal, and how often followers open its
stories."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from igalgo.domain import Calibration, Draft, Format
from igalgo.engine.arrays import FloatArray, IntArray, SampleArray

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
        return AppealShape(self.log_level[rows], self.log_sd[rows], self.story_level[rows])


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
