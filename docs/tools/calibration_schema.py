"""The JSON Schema (2020-12) of ``igalgo calibrate --format json``.

Built from the enums the report uses (formats, export kinds, warning codes, what quality was
measured on). ``docs/schema/calibration.schema.json`` is this schema written out
(:mod:`docs.tools.schemas`; tests/docs/test_schema_files.py keeps them equal), which ``igalgo
schema calibration`` prints.
"""

from __future__ import annotations

from typing import Any

from docs.tools.score_schema import account_schema, closed_object, count, ref
from igalgo.domain import Format
from igalgo.inputs.calibration_format import CheckedOn
from igalgo.inputs.declarations import DATE_PATTERN
from igalgo.inputs.exports import ExportKind, WarningCode
from igalgo.output.calibration_report import CALIBRATION_SCHEMA_VERSION

SCHEMA_ID = "https://igalgo.invalid/schema/calibration.schema.json"
"""The schema's ``$id`` (a name, not a place to download from)."""

_DATE = {"type": "string", "pattern": DATE_PATTERN}


def _number(description: str, *, nullable: bool = False) -> dict[str, Any]:
    kind: Any = ["number", "null"] if nullable else "number"
    return {"type": kind, "minimum": 0, "description": description}


def _share(description: str) -> dict[str, Any]:
    return {"type": ["number", "null"], "minimum": 0, "maximum": 1, "description": description}


def _multipliers(count_: int, description: str) -> dict[str, Any]:
    return {
        "oneOf": [
            {"type": "null"},
            {
                "type": "array",
                "items": {"type": "number", "exclusiveMinimum": 0},
                "minItems": count_,
                "maxItems": count_,
            },
        ],
        "description": description,
    }


def _calibration() -> dict[str, Any]:
    """The profile's calibration mapping, as data."""
    fit = closed_object(
        {
            "posts": {"type": "integer", "minimum": 1},
            "appeal": {"type": "number", "exclusiveMinimum": 0},
            "appeal_log_sd": _number("Null: the model's spread.", nullable=True),
            "slope": _share("Share of the model's variation kept; null: an older calibration."),
            "model_reach": _number("The model's typical P50 of the format.", nullable=True),
            "low": _number("log(P50 / P10) one post ahead.", nullable=True),
            "high": _number("log(P90 / P50) one post ahead.", nullable=True),
        }
    )
    verdict = closed_object(
        {
            "sentence": {"type": "string"},
            "gain": {"type": "number"},
            "low": {"type": "number"},
            "high": {"type": "number"},
            "posts": count("Posts predicted."),
            "cuts": count("Rolling origins."),
        }
    )
    return closed_object(
        {
            "summary": {"type": "string"},
            "igalgo_version": {"type": "string"},
            "posts": {"type": "integer", "minimum": 1},
            "first_post": _DATE,
            "last_post": _DATE,
            "engagement_rate": _number("Null: not fitted.", nullable=True),
            "formats": {
                "type": "object",
                "propertyNames": {"enum": [f.value for f in Format]},
                "additionalProperties": fit,
                "description": "The fitted formats only.",
            },
            "weekday_appeal": _multipliers(7, "Monday first; null when no weekday effect."),
            "hour_appeal": _multipliers(6, "Local hours 0-3 ... 20-23; null when none."),
            "overall_appeal": _number("Typical post against the model.", nullable=True),
            "low": _number("Pooled log(P50 / P10).", nullable=True),
            "high": _number("Pooled log(P90 / P50).", nullable=True),
            "drift": _number("Variance of the level per day.", nullable=True),
            "half_life": _number("Posts; null: equal weights.", nullable=True),
            "verdict": {"oneOf": [{"type": "null"}, verdict]},
            "quality": closed_object(
                {
                    "inside_p10_p90": _share("Share of the posts checked inside P10-P90."),
                    "median_log_error": _number("Median |log(actual / P50)|.", nullable=True),
                    "checked_on": {"enum": [None, *(c.value for c in CheckedOn)]},
                }
            ),
        },
        "What the calibrated profile's calibration: holds (as the profile writes it).",
    )


def _exports() -> dict[str, Any]:
    warning = closed_object(
        {
            "code": {"enum": [c.value for c in WarningCode]},
            "message": {"type": "string"},
            "file": {"type": ["string", "null"]},
            "line": {"type": ["integer", "null"], "minimum": 0},
            "column": {"type": ["integer", "null"], "minimum": 0},
            "hint": {"type": ["string", "null"]},
        }
    )
    file = closed_object(
        {
            "name": {"type": "string"},
            "kind": {"enum": [k.value for k in ExportKind]},
            "encoding": {"type": "string"},
            "posts": count("Posts the file gave."),
            "ignored_columns": {"type": "array", "items": {"type": "string"}},
            "read_as": {
                "oneOf": [
                    {"type": "null"},
                    closed_object(
                        {
                            "delimiter": {"enum": [",", ";", "\t"]},
                            "date_order": {"type": ["string", "null"]},
                            "decimal_mark": {"enum": [",", ".", None]},
                            "summary": {"type": "string"},
                        },
                        "How a CSV was written, as read (null for JSON).",
                    ),
                ]
            },
        }
    )
    return closed_object(
        {
            "files": {"type": "array", "items": file, "description": "In the order given."},
            "posts": count("Posts read from all files."),
            "with_reach": count("Posts with a reach: the ones the fit uses."),
            "without_reach": count("Posts without a reach (left out)."),
            "warnings": {"type": "array", "items": warning},
        },
        "What was read.",
    )


def _format() -> dict[str, Any]:
    return closed_object(
        {
            "format": {"enum": [f.value for f in Format]},
            "posts": count("Posts of the format with a reach."),
            "appeal": {
                "type": "number",
                "exclusiveMinimum": 0,
                "description": "The account's typical post against the model's prediction.",
            },
            "slope": _share("Share of the model's variation within the format kept."),
            "raw_slope": {"type": ["number", "null"], "description": "Before shrinkage."},
            "slope_se": _number("Its standard error.", nullable=True),
            "own_slope": {"type": "boolean", "description": "False: the pooled slope."},
            "prior_posts": _number("Posts the overall level counted for."),
            "p10_p90": {
                "type": "array",
                "items": {"type": "number", "minimum": 0},
                "minItems": 2,
                "maxItems": 2,
                "description": "P10 and P90 as multiples of P50, one post ahead.",
            },
            "median_reach": closed_object(
                {
                    "observed": count("Median reach of the posts."),
                    "uncalibrated": count("Median of the model's medians for them, before."),
                    "calibrated": count("The same, calibrated."),
                }
            ),
        },
        "One format of the history.",
    )


def _scores() -> dict[str, Any]:
    return closed_object(
        {
            "format": {"type": "string"},
            "posts": count("Posts predicted."),
            "calibrated": _number("Median |log(actual / calibrated P50)|."),
            "uncalibrated": _number("Median |log(actual / model P50)|."),
            "naive": _number("Median |log(actual / median of the earlier posts)|."),
            "inside_p10_p90": _share("Share inside the calibrated P10-P90."),
            "inside_p10_p90_uncalibrated": _share("Share inside the model's P10-P90."),
        }
    )


def _backtest() -> dict[str, Any]:
    verdict = closed_object(
        {
            "outcome": {"enum": ["use", "no better", "too few posts"]},
            "sentence": {"type": "string"},
            "gain": {"type": "number"},
            "low": {"type": "number"},
            "high": {"type": "number"},
            "posts": count("Posts predicted."),
        }
    )
    return {
        "oneOf": [
            {"type": "null"},
            closed_object(
                {
                    "cuts": count("Rolling origins."),
                    "predicted": count("Posts predicted, each once."),
                    "overall": ref("scores"),
                    "formats": {"type": "array", "items": ref("scores")},
                    "verdict": verdict,
                }
            ),
        ],
    }


def calibration_schema() -> dict[str, Any]:
    """The schema as plain data (deterministic when dumped with sorted keys)."""
    defs = {"account": account_schema(), "scores": _scores()}
    report = closed_object(
        {
            "schema_version": {"const": CALIBRATION_SCHEMA_VERSION},
            "igalgo_version": {"type": "string"},
            "seed": {"type": "integer"},
            "profile": {"type": "string", "description": "The profile as given."},
            "account": ref("account"),
            "exports": _exports(),
            "calibration": _calibration(),
            "formats": {"type": "array", "items": _format()},
            "interaction": closed_object(
                {
                    "posts": count("Posts (not stories) whose export gives likes."),
                    "needed_posts": count("Posts the interaction level needs to be fitted."),
                    "before": _number("The engagement rate the model used before."),
                    "fitted": _number("The fitted rate; null: too few posts.", nullable=True),
                    "observed_median": _number("Median interactions of those posts."),
                    "observed_rate": _number(
                        "Their interactions per follower averaged over them, as managers' "
                        "tools compute an engagement rate; null: no such posts.",
                        nullable=True,
                    ),
                }
            ),
            "levels": closed_object(
                {
                    "half_life": _number("Chosen half-life; null: equal weights.", nullable=True),
                    "half_life_errors": {
                        "type": "array",
                        "items": closed_object(
                            {
                                "half_life": _number("Posts; null: equal.", nullable=True),
                                "median_log_error": _number("One post ahead."),
                            }
                        ),
                    },
                    "overall_appeal": _number("Typical post against the model."),
                    "pooled_slope": _share("Slope over all formats."),
                    "drift_per_30_days": _number("Log-sd of the level's drift in 30 days."),
                }
            ),
            "in_sample": closed_object(
                {
                    "posts": count("Posts fitted on."),
                    "inside_p10_p90": _share("Share inside the calibrated P10-P90."),
                    "median_log_error": _number("Median |log(actual / calibrated P50)|."),
                },
                "How well the fit describes the posts it was fitted on.",
            ),
            "backtest": _backtest(),
            "written_to": {
                "type": ["string", "null"],
                "description": "Where the calibrated profile was written ('-': stdout); null: "
                "not written.",
            },
            "note": {"type": "string"},
        }
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "igalgo calibrate output",
        "description": f"Output of `igalgo calibrate --format json` (schema_version "
        f"{CALIBRATION_SCHEMA_VERSION}).",
        **report,
        "$defs": defs,
    }
