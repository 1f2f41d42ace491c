"""The JSON Schema (2020-12) of ``igalgo score --format json`` and ``--format ndjson``.

Built from the same enums the report uses (surfaces, formats, levers, statuses, checklist
ids), so it cannot list a value the code does not produce. ``igalgo schema output`` prints
it; ``docs/schema/output.schema.json`` is this schema written out (a test keeps them equal).
The root is one document (one drafts file) or a list of them (several files); the NDJSON
line shapes are under ``$defs`` (``draft_record``, ``checklist_record``).
"""

from __future__ import annotations

from typing import Any

from igalgo.advice.checklist import RULES
from igalgo.domain import Format, Lever, Status, Surface
from igalgo.output.report import SCHEMA_VERSION

SCHEMA_ID = "https://igalgo.invalid/schema/output.schema.json"
"""The schema's ``$id`` (a name, not a place to download from)."""

_ISO_8601_WITH_OFFSET = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)$"


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


def account_schema() -> dict[str, Any]:
    """The account a report is for (score and plan; :func:`igalgo.output.report.account_data`)."""
    return closed_object(
        {
            "name": {"type": "string"},
            "followers": {"type": "integer", "minimum": 0},
            "account_type": {"type": "string"},
            "timezone": {"type": "string"},
            "niche": {"type": "string"},
            "popularity": {"type": "string"},
        }
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


def _header() -> dict[str, Any]:
    """Keys every document and every NDJSON line carries."""
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
        "source": {"type": "string", "description": "The drafts file as given ('-' = stdin)."},
        "account": ref("account"),
    }


def _draft_properties() -> dict[str, Any]:
    surfaces = {s.value: ref("surface") for s in Surface}
    actions = {
        name: {"type": "number", "minimum": 0, "description": f"Expected {name}."}
        for name in ("likes", "comments", "saves", "shares", "profile_visits", "follows")
    }
    return {
        "id": {"type": "string"},
        "format": {"enum": [f.value for f in Format]},
        "publish_at": {
            "type": "string",
            "pattern": _ISO_8601_WITH_OFFSET,
            "description": "ISO 8601 with the UTC offset of the account's time zone.",
        },
        "surfaces": closed_object(surfaces, "All four surfaces, always."),
        "total": closed_object({"reach": ref("reach")}, "Unique accounts across surfaces."),
        "actions": closed_object(actions, "Expected actions, all surfaces together."),
        "drivers": {"type": "array", "items": ref("driver"), "description": "Best first."},
        "advice": {"type": "array", "items": {"type": "string"}},
        "notes": {
            "type": "array",
            "items": {"type": "string"},
            "description": "What igalgo did with the draft's date (an undated draft is scored "
            "at its best slot of the coming week); only when there is something to say.",
        },
    }


def output_schema() -> dict[str, Any]:
    """The schema as plain data (sorted, deterministic when dumped with sorted keys)."""
    defs: dict[str, Any] = {
        "reach": closed_object(
            {
                "p10": count("10th percentile of reach (accounts)."),
                "p50": count("Median reach (accounts)."),
                "p90": count("90th percentile of reach (accounts)."),
                "mean": count("Mean reach (accounts)."),
            },
            "Distribution of unique accounts reached, over the Monte Carlo samples.",
        ),
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
        "checklist_item": checklist_item_schema(),
        "account": account_schema(),
        "draft": closed_object(_draft_properties(), optional=("notes",)),
        "document": closed_object(
            {
                **_header(),
                "drafts": {"type": "array", "items": ref("draft")},
                "checklist": {"type": "array", "items": ref("checklist_item")},
                "note": {"type": "string"},
            },
            "The report of one drafts file.",
        ),
        "draft_record": closed_object(
            {**_header(), "record": {"const": "draft"}, **_draft_properties()},
            "An NDJSON line for one draft.",
            optional=("notes",),
        ),
        "checklist_record": closed_object(
            {
                **_header(),
                "record": {"const": "checklist"},
                "checklist": {"type": "array", "items": ref("checklist_item")},
                "note": {"type": "string"},
            },
            "The NDJSON line closing one drafts file.",
        ),
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "igalgo score output",
        "description": (
            f"Output of `igalgo score --format json` (schema_version {SCHEMA_VERSION}): one "
            "document per drafts file, a list of them for several files. NDJSON lines are "
            "$defs/draft_record and $defs/checklist_record."
        ),
        "oneOf": [ref("document"), {"type": "array", "items": ref("document")}],
        "$defs": defs,
    }
