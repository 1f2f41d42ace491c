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
            "fitted": {
                "type": "boolean",
                "description": "False: fewer than needed_posts posts; the defaults stay.",
            },
            "needed_posts": count("Posts a format needs to be fitted."),
            "appeal": {
                "type": "number",
                "exclusiveMinimum": 0,
                "description": "Times the model's prediction for an account like this (1: the "
                "default).",
            },
            "appeal_log_sd": _number("The fitted spread; null: the model's.", nullable=True),
            "default_appeal_log_sd": _number(
                "The model's spread (null for stories).", nullable=True
            ),
            "data_weight": _share("Share of the estimate that comes from the posts."),
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


def _errors() -> dict[str, Any]:
    return {
        "oneOf": [
            {"type": "null"},
            closed_object(
                {
                    "inside": count("Held-back posts inside the predicted P10-P90."),
                    "below": count("Below P10."),
                    "above": count("Above P90."),
                    "median_log_error": _number("Median |log(actual / predicted P50)|."),
                }
            ),
        ],
        "description": "Held-back posts against one prediction; null: too few to judge.",
    }


def _backtest() -> dict[str, Any]:
    span = closed_object({"posts": count("Posts."), "from": _DATE, "to": _DATE})
    tested = closed_object(
        {
            "format": {"enum": [f.value for f in Format]},
            "fitted_posts": count("Posts of the format fitted on."),
            "held_posts": count("Posts of the format held back."),
            "calibrated": ref("errors"),
            "uncalibrated": ref("errors"),
            "naive_log_error": _number(
                "Median |log(actual / median reach of the earlier posts)|.", nullable=True
            ),
            "note": {"type": ["string", "null"], "description": "Why a number is missing."},
        }
    )
    return {
        "oneOf": [
            {"type": "null"},
            closed_object(
                {
                    "holdout_share": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
                    "fitted": span,
                    "held_back": span,
                    "calibrated": ref("errors"),
                    "uncalibrated": ref("errors"),
                    "formats": {"type": "array", "items": tested},
                    "note": {
                        "type": ["string", "null"],
                        "description": "Said plainly when the history is too short to judge.",
                    },
                }
            ),
        ],
        "description": "Fit on the oldest posts, predict the newest; null without --backtest.",
    }


def calibration_schema() -> dict[str, Any]:
    """The schema as plain data (deterministic when dumped with sorted keys)."""
    defs = {"account": account_schema(), "errors": _errors()}
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
                }
            ),
            "timing": closed_object(
                {
                    "weekday_appeal": _multipliers(7, "Monday first; null: no weekday effect."),
                    "hour_appeal": _multipliers(6, "Null: no effect of the hour."),
                    "note": {"type": "string"},
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
