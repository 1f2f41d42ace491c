"""The JSON Schema (2020-12) of ``igalgo score --format json`` and ``--format ndjson``.

Built from the same enums the report uses (surfaces, formats, levers, statuses, checklist
ids, gate statuses), so it cannot list a value the code does not produce.
``docs/schema/output.schema.json`` is this schema written out (:mod:`docs.tools.schemas`;
tests/docs/test_schema_files.py keeps them equal), which ``igalgo schema output`` prints. The
root is the envelope (:mod:`igalgo.output.envelope`), the same for any number of files; the
NDJSON line shapes are under ``$defs`` (``draft_record``, ``checklist_record``,
``invalid_file_record``, ``summary_record``).
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from igalgo.advice.checklist import RULES
from igalgo.app.gates import COMMAND_LINE, REACH_NAMES, GateStatus
from igalgo.domain import Actions, Format, Lever, Status, Surface
from igalgo.inputs.agency_format import Approval
from igalgo.inputs.calibration_format import CheckedOn
from igalgo.inputs.declarations import DATE_PATTERN
from igalgo.output.envelope import ACCOUNTS, PERCENT_OF_FOLLOWERS, SCHEMA_VERSION
from igalgo.parameters import Evidence

SCHEMA_ID = "https://igalgo.invalid/schema/output.schema.json"
"""The schema's ``$id`` (a name, not a place to download from)."""

ISO_8601_WITH_OFFSET = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)$"
"""A time in ISO 8601 with its UTC offset, as every report writes it."""


def closed_object(
    properties: dict[str, Any], description: str = "", optional: tuple[str, ...] = ()
) -> dict[str, Any]:
    """A closed object whose properties are required except ``optional``."""
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "required": sorted(set(properties) - set(optional)),
        "additionalProperties": False,
    }
    if description:
        schema["description"] = description
    return schema


def count(description: str) -> dict[str, Any]:
    """A non-negative integer with a description."""
    return {"type": "integer", "minimum": 0, "description": description}


def ref(name: str) -> dict[str, str]:
    """A reference to one of the schema's ``$defs``."""
    return {"$ref": f"#/$defs/{name}"}


def reach_schema(what: str) -> dict[str, Any]:
    """The distribution of ``what`` reached (score and plan)."""
    return closed_object(
        {
            "p10": count("10th percentile of reach (accounts)."),
            "p50": count("Median reach (accounts)."),
            "p90": count("90th percentile of reach (accounts)."),
            "mean": count("Mean reach (accounts)."),
        },
        f"Distribution of {what} reached, over the Monte Carlo samples.",
    )


def account_schema() -> dict[str, Any]:
    """The account a report is for (score, plan and calibrate;
    :func:`igalgo.output.report.account_data`)."""
    return closed_object(
        {
            "name": {"type": "string"},
            "followers": {"type": "integer", "minimum": 0},
            "account_type": {"type": "string"},
            "timezone": {"type": "string"},
            "niche": {"type": "string"},
            "popularity": {"type": "string"},
            "calibration": {
                "oneOf": [{"type": "null"}, calibration_summary_schema()],
                "description": "What the profile's calibration rests on; null when the "
                "account is not calibrated (the model's defaults for an account like it).",
            },
        }
    )


def calibration_summary_schema() -> dict[str, Any]:
    """A calibration as report headers say it (:func:`igalgo.output.report.calibration_data`)."""
    share = {"type": ["number", "null"], "minimum": 0, "maximum": 1}
    return closed_object(
        {
            "summary": {
                "type": "string",
                "description": "As the table says it: calibrated on 43 posts, 2025-01-07 to "
                "2025-04-25.",
            },
            "posts": {"type": "integer", "minimum": 1},
            "first_post": {"type": "string", "pattern": DATE_PATTERN},
            "last_post": {"type": "string", "pattern": DATE_PATTERN},
            "igalgo_version": {"type": "string"},
            "formats": {
                "type": "array",
                "items": {"enum": [f.value for f in Format]},
                "description": "The fitted formats; the others keep the model's defaults.",
            },
            "checked_on": {"enum": [None, *(c.value for c in CheckedOn)]},
            "inside_p10_p90": share
            | {"description": "Share of the posts checked inside the predicted P10-P90."},
            "median_log_error": {"type": ["number", "null"], "minimum": 0},
        },
        "What an account's calibration rests on.",
    )


def driver_schema() -> dict[str, Any]:
    """A driver: a change the user can make and its counterfactual effect (score and plan)."""
    return closed_object(
        {
            "change": {"type": "string"},
            "lever": {"enum": [lever.value for lever in Lever]},
            "surface": {"enum": [s.value for s in Surface]},
            "effect": {
                "type": "number",
                "minimum": 0,
                "description": "Relative change of median reach on surface (0.41 = +41 %); "
                "of total reach when opens_surface.",
            },
            "opens_surface": {"type": "boolean"},
            "evidence": {
                "enum": [grade.value for grade in Evidence],
                "description": "What the effect rests on: the account's own posts (fitted), "
                "a published figure, Instagram's statement of its direction (stated) or our "
                "assumption.",
            },
            "publish_at": {
                "type": ["string", "null"],
                "pattern": ISO_8601_WITH_OFFSET,
                "description": "The new publication time of a time or spacing change (ISO "
                "8601 with its offset); null for other changes.",
            },
        },
        "A change the user can make, with the model's counterfactual effect.",
    )


def checklist_item_schema() -> dict[str, Any]:
    """One strategy checklist item (score and plan)."""
    return closed_object(
        {
            "id": {"enum": [rule.id for rule in RULES]},
            "status": {"enum": [s.value for s in Status]},
            "message": {"type": "string"},
            "surfaces": {
                "type": "array",
                "items": {"enum": [s.value for s in Surface]},
                "minItems": 1,
            },
        }
    )


def _run() -> dict[str, Any]:
    """Keys the envelope and every NDJSON line carry."""
    return {
        "schema_version": {"const": SCHEMA_VERSION},
        "igalgo_version": {"type": "string"},
        "seed": {
            "type": "integer",
            "description": "Seed of the Monte Carlo; echo it to reproduce.",
        },
        "samples": {
            "type": "integer",
            "minimum": 1,
            "description": "Monte Carlo samples per draft.",
        },
    }


def _file() -> dict[str, Any]:
    """Keys a scored file's entry and its NDJSON lines carry."""
    return {
        "source": {"type": "string", "description": "The drafts file as given ('-' = stdin)."},
        "account": ref("account"),
    }


def _gate_schemas() -> dict[str, Any]:
    """The requested gates, their result on one draft, and a failure in the summary."""
    gate_text = {"type": "string", "description": "The gate as given, e.g. feed=600, feed=15%."}
    threshold = {
        "type": "number",
        "minimum": 0,
        "description": "Least median reach that passes, in accounts (for a relative gate its "
        "percentage of the account's followers), rounded to 0.1.",
    }
    return {
        "gate": closed_object(
            {
                "gate": gate_text,
                "where": {"enum": list(REACH_NAMES)},
                "reach": {"type": "number", "minimum": 0},
                "unit": {
                    "enum": [ACCOUNTS, PERCENT_OF_FOLLOWERS],
                    "description": "reach is a number of accounts, or a percentage of each "
                    "account's followers.",
                },
                "origin": {
                    "type": "string",
                    "description": f"Where the gate comes from: '{COMMAND_LINE}' (--fail-under) "
                    "or the profile file whose gates: it is (the drafts file, for an inline "
                    "account).",
                },
            },
            "A gate: --fail-under, or an entry of the account profile's gates:.",
        ),
        "warning": closed_object(
            {
                "draft": {"type": "string"},
                "message": {
                    "type": "string",
                    "description": "e.g. 'dated in the past (Tue 2026-12-01 10:00)', as on "
                    "stderr after 'draft ID is'.",
                },
            },
            "A date before now (to the minute, in the account's zone) or a window that ended.",
        ),
        "unapproved": closed_object(
            {
                "source": {"type": "string"},
                "draft": {"type": "string"},
                "status": {"enum": [*(a.value for a in Approval), None]},
                "message": {"type": "string", "description": "As written on stderr."},
            },
            "A dated draft that is not approved, under --require-approved.",
        ),
        "gate_result": closed_object(
            {
                "gate": gate_text,
                "status": {
                    "enum": [s.value for s in GateStatus],
                    "description": "skipped: the draft's format cannot reach the surface.",
                },
                "threshold": threshold,
                "median": count("The draft's median reach there (0 when skipped)."),
            },
            "One gate judged on one draft.",
        ),
        "failure": closed_object(
            {
                "source": {"type": "string"},
                "draft": {"type": "string"},
                "gate": gate_text,
                "threshold": threshold,
                "median": count("The draft's median reach there."),
                "message": {"type": "string", "description": "As written on stderr."},
            },
            "A draft under a gate.",
        ),
        "summary": closed_object(
            {
                "files": count("Files scored."),
                "invalid_files": count("Files that could not be read."),
                "drafts": count("Drafts scored."),
                "failed_gates": count("Failed (draft, gate) pairs."),
                "failures": {"type": "array", "items": ref("failure")},
                "unapproved": {
                    "type": "array",
                    "items": ref("unapproved"),
                    "description": "Empty without --require-approved.",
                },
                "warnings": count("Date warnings, all files together."),
                "exit_code": {
                    "enum": [0, 1, 2],
                    "description": "0 ok; 1 a gate failed or a dated draft is not approved; "
                    "2 a file was invalid.",
                },
            },
            "What the run came to.",
        ),
        "problem": closed_object(
            {
                "code": {"type": "string", "description": "Stable id (docs/formats.md)."},
                "message": {"type": "string"},
                "path": {"type": "string", "description": "Where in the document; '' for all."},
                "file": {"type": ["string", "null"]},
                "line": {"type": ["integer", "null"], "minimum": 1},
                "column": {"type": ["integer", "null"], "minimum": 1},
                "hint": {"type": ["string", "null"]},
            },
            "One problem of an input file, as igalgo validate reports it.",
        ),
        "invalid_file": closed_object(
            {
                "source": {"type": "string"},
                "problems": {"type": "array", "items": ref("problem"), "minItems": 1},
            },
            "A file that could not be read.",
        ),
    }


def _draft_properties() -> dict[str, Any]:
    surfaces = {s.value: ref("surface") for s in Surface}
    counts = {f.name: {"type": "number", "minimum": 0} for f in fields(Actions)}
    actions = {
        "typical": closed_object(
            counts, "Medians over the Monte Carlo samples: what a post like this usually gets."
        ),
        "expected": closed_object(
            counts,
            "Means over the samples: pulled far above the typical counts by the rare post that "
            "goes far on Explore or Reels.",
        ),
    }
    return {
        "id": {"type": "string"},
        "format": {"enum": [f.value for f in Format]},
        "publish_at": {
            "type": "string",
            "pattern": ISO_8601_WITH_OFFSET,
            "description": "ISO 8601 with the UTC offset of the account's time zone.",
        },
        "surfaces": closed_object(surfaces, "All four surfaces, always."),
        "total": closed_object({"reach": ref("reach")}, "Unique accounts across surfaces."),
        "actions": closed_object(actions, "Actions, all surfaces together."),
        "per_reach": closed_object(
            {
                action: closed_object(
                    {
                        "typical": {"type": "number", "minimum": 0},
                        "expected": {"type": "number", "minimum": 0},
                    },
                    f"{action.capitalize()} per account reached: typical (median {action} over "
                    f"median reach) and expected (mean over mean).",
                )
                for action in ("likes", "sends")
            },
            "Actions per account reached, as Insights reads them (sends are shares).",
        ),
        "watch": {
            "oneOf": [
                {"type": "null"},
                closed_object(
                    {
                        "average_s": {"type": "number", "minimum": 0},
                        "skip_share": {"type": "number", "minimum": 0, "maximum": 1},
                    },
                    "Average watch time per view (seconds) and the share of views that leave "
                    "within 3 s.",
                ),
            ],
            "description": "Reels and feed videos only; null for other formats.",
        },
        "drivers": {"type": "array", "items": ref("driver"), "description": "Best first."},
        "advice": {"type": "array", "items": {"type": "string"}},
        "status": {
            "enum": [*(a.value for a in Approval), None],
            "description": "The draft's approval (status:); null when its file does not say.",
        },
        "approved_by": {"type": ["string", "null"], "description": "As written in the file."},
        "notes": {
            "type": "array",
            "items": {"type": "string"},
            "description": "What igalgo did with the draft's date (an undated draft is scored "
            "at its best slot of the coming week; 'tue 19:30' became a date); only when there "
            "is something to say.",
        },
    }


def _file_checks() -> dict[str, Any]:
    """The gates a file was judged by and its date warnings."""
    return {
        "gates": {
            "type": "array",
            "items": ref("gate"),
            "description": "The profile's gates:, then --fail-under's, each with its origin.",
        },
        "warnings": {"type": "array", "items": ref("warning")},
    }


def _draft_gates() -> dict[str, Any]:
    return {
        "type": "array",
        "items": ref("gate_result"),
        "description": "Each gate of the file (its profile's, then --fail-under's) judged on "
        "the draft.",
    }


def output_schema() -> dict[str, Any]:
    """The schema as plain data (sorted, deterministic when dumped with sorted keys)."""
    defs: dict[str, Any] = {
        "reach": reach_schema("unique accounts"),
        "surface": closed_object(
            {
                "eligible": {
                    "type": "boolean",
                    "description": "False when the format can never reach this surface.",
                },
                "reach": ref("reach"),
                "followers": count("Median reach among followers."),
                "non_followers": count("Median reach among non-followers."),
                "zero_reason": {
                    "type": "string",
                    "description": "Why the draft typically reaches nobody here, when it does "
                    "not (e.g. 'not recommended: watermark').",
                },
            },
            optional=("zero_reason",),
        ),
        "driver": driver_schema(),
        "shared_advice": closed_object(
            {
                "format": {"enum": [f.value for f in Format]},
                "drafts": {"type": "integer", "minimum": 2},
                "lever": {"enum": [lever.value for lever in Lever]},
                "change": {"type": "string"},
                "surface": {"enum": [s.value for s in Surface]},
                "effect_low": {"type": "number", "minimum": 0},
                "effect_high": {"type": "number", "minimum": 0},
                "evidence": {"enum": [grade.value for grade in Evidence]},
                "advice": {"type": "string"},
            },
            "A change every draft of one format gets, with the range of its effect.",
        ),
        "checklist_item": checklist_item_schema(),
        "account": account_schema(),
        "draft": closed_object(
            {**_draft_properties(), "gates": _draft_gates()}, optional=("notes",)
        ),
        **_gate_schemas(),
        "file": closed_object(
            {
                **_file(),
                "drafts": {"type": "array", "items": ref("draft")},
                "checklist": {"type": "array", "items": ref("checklist_item")},
                "shared_advice": {
                    "type": "array",
                    "items": ref("shared_advice"),
                    "description": "Changes every draft of a format gets, said once instead "
                    "of in each draft's drivers.",
                },
                **_file_checks(),
            },
            "One scored drafts file.",
        ),
        "envelope": closed_object(
            {
                **_run(),
                "gates": {"type": "array", "items": ref("gate"), "description": "As asked."},
                "files": {
                    "type": "array",
                    "items": ref("file"),
                    "description": "In the order given.",
                },
                "invalid_files": {"type": "array", "items": ref("invalid_file")},
                "summary": ref("summary"),
                "note": {"type": "string"},
            },
            "The report of a score run, the same shape for any number of files.",
        ),
        "draft_record": closed_object(
            {
                **_run(),
                **_file(),
                "record": {"const": "draft"},
                **_draft_properties(),
                "gates": _draft_gates(),
            },
            "An NDJSON line for one draft.",
            optional=("notes",),
        ),
        "checklist_record": closed_object(
            {
                **_run(),
                **_file(),
                "record": {"const": "checklist"},
                "checklist": {"type": "array", "items": ref("checklist_item")},
                **_file_checks(),
            },
            "The NDJSON line closing one drafts file.",
        ),
        "invalid_file_record": closed_object(
            {
                **_run(),
                "record": {"const": "invalid_file"},
                "source": {"type": "string"},
                "problems": {"type": "array", "items": ref("problem"), "minItems": 1},
            },
            "The NDJSON line of a file that could not be read.",
        ),
        "summary_record": closed_object(
            {
                **_run(),
                "record": {"const": "summary"},
                "gates": {"type": "array", "items": ref("gate")},
                "summary": ref("summary"),
                "note": {"type": "string"},
            },
            "The last NDJSON line.",
        ),
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "igalgo score output",
        "description": (
            f"Output of `igalgo score --format json` (schema_version {SCHEMA_VERSION}): one "
            "envelope for any number of drafts files. NDJSON lines are $defs/draft_record, "
            "$defs/checklist_record, $defs/invalid_file_record and $defs/summary_record."
        ),
        "$ref": "#/$defs/envelope",
        "$defs": defs,
    }
