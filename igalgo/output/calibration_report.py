"""What ``igalgo calibrate`` found, as versioned plain data and JSON (``--format json``).

A contract like ``igalgo score``'s: sorted keys, a ``schema_version``, every key always present
(null when it does not apply), reach rounded to whole accounts, levels and spreads to three
significant digits as the profile holds them, shares and errors to 0.001. Its JSON Schema is
:func:`igalgo.output.calibration_schema.calibration_schema` (``igalgo schema calibration``).
Changing its shape bumps :data:`CALIBRATION_SCHEMA_VERSION`. Nothing here prints.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from igalgo import __version__
from igalgo.app.calibrate import CalibrationRun
from igalgo.domain import Calibration
from igalgo.fitting.estimate import FORMATS, FormatFit
from igalgo.fitting.params import FitParams
from igalgo.fitting.rolling import RollingBacktest, Scores
from igalgo.inputs.exports import Notice
from igalgo.output.numbers import significant
from igalgo.output.report import account_data, dumps

CALIBRATION_SCHEMA_VERSION = 2
"""Version of the calibration report's shape; bumped on any change scripts could notice."""

CALIBRATION_NOTE = (
    "Each post is compared with the model's prediction for it as a draft file would give it "
    "(its format, time and length; the posts competing as one schedule); what the export does "
    "not say (caption, audio, quality) ends up in the fitted levels. How well the calibration "
    "predicts is the rolling backtest's to say, not the fit on the same posts."
)
"""What every calibration report says about its own numbers."""


@dataclass(frozen=True)
class CalibrationReport:
    """Everything the report of ``igalgo calibrate`` shows."""

    run: CalibrationRun
    profile: str
    """The profile as given (a path, ``-`` or a shipped name)."""
    calibration: Calibration
    """The calibration as the profile holds it (rounded)."""
    written_to: str | None
    """Where the calibrated profile went: a path, ``-`` (stdout), or None (not written)."""
    seed: int
    fit: FitParams = field(default_factory=FitParams)
    """The settings the fit ran with (for the posts a format needs)."""


def _share(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _sig(value: float | None) -> float | None:
    return None if value is None else significant(value)


def _sigs(values: Sequence[float] | None) -> list[float] | None:
    return None if values is None else [significant(v) for v in values]


def calibration_mapping(calibration: Calibration) -> dict[str, Any]:
    """The profile's ``calibration:`` mapping as data, keys as in the YAML, plus ``summary``."""
    c = calibration
    return {
        "summary": c.summary(),
        "igalgo_version": c.igalgo_version,
        "posts": c.posts,
        "first_post": c.first_post.isoformat(),
        "last_post": c.last_post.isoformat(),
        "engagement_rate": c.engagement_rate,
        "formats": {
            fit.format.value: {
                "posts": fit.posts,
                "appeal": fit.appeal,
                "appeal_log_sd": fit.appeal_log_sd,
                "slope": fit.slope,
                "model_reach": fit.model_reach,
                "low": fit.low,
                "high": fit.high,
            }
            for fit in c.formats
        },
        "overall_appeal": c.overall_appeal,
        "low": c.low,
        "high": c.high,
        "drift": c.drift,
        "half_life": c.half_life,
        "verdict": None
        if c.verdict is None
        else {
            "sentence": c.verdict.sentence,
            "gain": c.verdict.gain,
            "low": c.verdict.low,
            "high": c.verdict.high,
            "posts": c.verdict.posts,
            "cuts": c.verdict.cuts,
        },
        "weekday_appeal": None if c.weekday_appeal is None else list(c.weekday_appeal),
        "hour_appeal": None if c.hour_appeal is None else list(c.hour_appeal),
        "quality": {
            "inside_p10_p90": c.inside_p10_p90,
            "median_log_error": c.median_log_error,
            "checked_on": c.checked_on,
        },
    }


def notice_data(notice: Notice) -> dict[str, Any]:
    """One warning of the reading."""
    where = notice.location
    return {
        "code": str(notice.code),
        "message": notice.message,
        "file": where.file if where else None,
        "line": where.line if where else None,
        "column": where.column if where else None,
        "hint": notice.hint,
    }


def exports_data(run: CalibrationRun) -> dict[str, Any]:
    """The files read, how many posts, and what was ignored or worth a warning."""
    reading = run.reading
    return {
        "files": [
            {
                "name": file.name,
                "kind": str(file.kind),
                "encoding": file.encoding,
                "posts": file.posts,
                "ignored_columns": list(file.ignored_columns),
            }
            for file in reading.files
        ],
        "posts": len(reading.posts),
        "with_reach": len(run.history.posts),
        "without_reach": run.without_reach,
        "warnings": [notice_data(notice) for notice in reading.warnings],
    }


def format_data(found: FormatFit, report: CalibrationReport) -> dict[str, Any]:
    """One format of the history: its level, slope, range and medians."""
    return {
        "format": found.format.value,
        "posts": found.posts,
        "appeal": significant(found.appeal),
        "slope": round(found.slope, 3),
        "raw_slope": None if math.isnan(found.raw_slope) else round(found.raw_slope, 3),
        "slope_se": None if math.isinf(found.slope_se) else round(found.slope_se, 3),
        "own_slope": found.own_slope,
        "prior_posts": round(found.prior_posts, 2),
        "p10_p90": [significant(math.exp(-found.low)), significant(math.exp(found.high))],
        "median_reach": {
            "observed": round(found.observed_median),
            "uncalibrated": round(found.default_median),
            "calibrated": round(found.fitted_median),
        },
    }


def scores_data(scores: Scores, name: str) -> dict[str, Any]:
    """The errors and coverage of some predicted posts."""
    return {
        "format": name,
        "posts": scores.posts,
        "calibrated": round(scores.calibrated, 3),
        "uncalibrated": round(scores.uncalibrated, 3),
        "naive": round(scores.naive, 3),
        "inside_p10_p90": round(scores.inside, 3),
        "inside_p10_p90_uncalibrated": round(scores.inside_uncalibrated, 3),
    }


def backtest_data(backtest: RollingBacktest) -> dict[str, Any]:
    """The rolling-origin backtest and its verdict."""
    verdict = backtest.verdict
    return {
        "cuts": backtest.cuts,
        "predicted": backtest.predicted,
        "overall": scores_data(backtest.overall, "all"),
        "formats": [
            scores_data(scores, FORMATS[code].value) for code, scores in backtest.formats.items()
        ],
        "verdict": {
            "outcome": verdict.outcome.value,
            "sentence": verdict.sentence,
            "gain": round(verdict.gain, 3),
            "low": round(verdict.low, 3),
            "high": round(verdict.high, 3),
            "posts": verdict.posts,
        },
    }


def calibration_report_data(report: CalibrationReport) -> dict[str, Any]:
    """The whole report as plain data."""
    run = report.run
    fit = run.fit
    interaction = fit.interaction
    return {
        "schema_version": CALIBRATION_SCHEMA_VERSION,
        "igalgo_version": __version__,
        "seed": report.seed,
        "profile": report.profile,
        "account": account_data(run.account),
        "exports": exports_data(run),
        "calibration": calibration_mapping(report.calibration),
        "formats": [format_data(found, report) for found in fit.formats],
        "interaction": {
            "posts": interaction.posts,
            "needed_posts": report.fit.min_posts_per_format,
            "before": significant(interaction.before),
            "fitted": _sig(interaction.fitted),
            "observed_median": round(interaction.observed_median, 1),
        },
        "levels": {
            "half_life": fit.levels.half_life,
            "half_life_errors": [
                {"half_life": life, "median_log_error": round(error, 3)}
                for life, error in fit.levels.half_life_errors.items()
            ],
            "overall_appeal": significant(math.exp(fit.levels.overall)),
            "pooled_slope": round(fit.levels.pooled_slope, 3),
            "drift_per_30_days": round(math.sqrt(fit.levels.drift * 30.0), 3),
        },
        "in_sample": {
            "posts": len(run.history.posts),
            "inside_p10_p90": round(fit.inside_p10_p90, 3),
            "median_log_error": round(fit.median_log_error, 3),
        },
        "backtest": None if run.backtest is None else backtest_data(run.backtest),
        "written_to": report.written_to,
        "note": CALIBRATION_NOTE,
    }


def calibration_json(report: CalibrationReport) -> str:
    """``--format json``: the report, indented, keys sorted, one newline at the end."""
    return dumps(calibration_report_data(report), indent=2) + "\n"
