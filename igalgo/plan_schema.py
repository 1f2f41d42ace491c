"""The JSON Schema (2020-12) of ``igalgo plan --format json``.

Built from the same enums and ids the plan report uses (surfaces, formats, levers, statuses,
checklist ids, weekdays), so it cannot list a value the code does not produce. ``igalgo
schema plan`` prints it; ``docs/schema/plan.schema.json`` is this schema written out (a test
keeps them equal).
"""

from __future__ import annotations

from typing import Any

from igalgo.advice import RULES
from igalgo.domain import WEEKDAYS, Format, Lever, Status, Surface
from igalgo.plan_report import PLAN_SCHEMA_VERSION

SCHEMA_ID = "https://igalgo.invalid/schema/plan.schema.json"
"""The schema's ``$id`` (a name, not a place to download from)."""

_ISO_8601_WITH_OFFSET = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)$"
_DATE = r"^\d{4}-\d{2}-\d{2}$"


def _object(
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


def _count(description: str) -> dict[str, Any]:
    return {"type": "integer", "minimum": 0, "description": description}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


def _list(item: dict[str, Any], description: str = "") -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "array", "items": item}
    if description:
        schema["description"] = description
    return schema


def _slot_properties() -> dict[str, Any]:
    return {
        "weekday": {"enum": list(WEEKDAYS), "description": "Local weekday, mon..sun."},
        "hour": {"type": "integer", "minimum": 0, "description": "Local hour 0..23."},
    }


def _definitions() -> dict[str, Any]:
    """The ``$defs`` of the schema."""
    iso_time = {
        "type": "string",
        "pattern": _ISO_8601_WITH_OFFSET,
        "description": "ISO 8601 with the UTC offset of the account's time zone.",
    }
    return {
        "reach": _object(
            {
                "p10": _count("10th percentile of reach (accounts)."),
                "p50": _count("Median reach (accounts)."),
                "p90": _count("90th percentile of reach (accounts)."),
                "mean": _count("Mean reach (accounts)."),
            },
            "Distribution of accounts reached, over the Monte Carlo samples.",
        ),
        "slot": _object(_slot_properties(), "An hour of the week in the account's time."),
        "cell": _object(
            {
                **_slot_properties(),
                "publish_at": iso_time,
                "median_reach": _count("Median reach of the template at this hour."),
                "recommended": {"type": "boolean"},
            },
            "One existing hour of the heatmap's week (an hour the clocks skip is left out).",
        ),
        "driver": _object(
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
        ),
        "checklist_item": _object(
            {
                "id": {"enum": [rule.id for rule in RULES]},
                "status": {"enum": [s.value for s in Status]},
                "message": {"type": "string"},
                "surfaces": _list({"enum": [s.value for s in Surface]}) | {"minItems": 1},
            }
        ),
        "account": _object(
            {
                "name": {"type": "string"},
                "followers": {"type": "integer", "minimum": 0},
                "account_type": {"type": "string"},
                "timezone": {"type": "string"},
                "niche": {"type": "string"},
                "popularity": {"type": "string"},
            }
        ),
        "point": _object(
            {
                "posts_per_week": {"type": "integer", "minimum": 1},
                "weekly_reach": _count(
                    "Sum of the week's posts' mean reach on the surface, posts competing "
                    "(someone reached by two posts counts twice)."
                ),
                "marginal_reach": {
                    "type": "integer",
                    "description": "What this post adds to weekly_reach (may be negative).",
                },
                "slots": _list(_ref("slot"), "Where the posts go."),
            }
        ),
        "post": _object(
            {
                "id": {"type": "string"},
                "format": {"enum": [f.value for f in Format]},
                "publish_at": iso_time,
                "week": {"type": "integer", "minimum": 0, "description": "0 = first week."},
                **_slot_properties(),
                "reach": _ref("reach") | {"description": "On the plan's surface, in schedule."},
                "total": _ref("reach") | {"description": "All surfaces, unique accounts."},
                "drivers": _list(_ref("driver"), "Best first, on the plan's surface."),
                "advice": _list({"type": "string"}),
            }
        ),
    }


def plan_schema() -> dict[str, Any]:
    """The schema as plain data (deterministic when dumped with sorted keys)."""
    defs = _definitions()
    surfaces = {"enum": [s.value for s in Surface]}
    heatmap = _object(
        {
            "format": {"enum": [f.value for f in Format], "description": "Best format."},
            "week_start": {"type": "string", "pattern": _DATE},
            "timezone": {"type": "string"},
            "slots": _list(_ref("cell"), "Monday 00:00 first; 168 hours or one fewer."),
            "formats": _list(
                _object(
                    {
                        "format": {"enum": [f.value for f in Format]},
                        "median_reach": _count("Average over the week of the median reach."),
                        "vs_best": {"type": "number", "description": "-0.1 = 10 % below best."},
                    }
                ),
                "Candidate formats, best first.",
            ),
        },
        "When: median reach on the surface of a template of the best format, per hour.",
    )
    frequency = _object(
        {
            "recommended": {"type": "integer", "minimum": 0},
            "per_week": {"type": "integer", "minimum": 1, "description": "Used by the plan."},
            "current": {"type": "number", "minimum": 0, "description": "From the profile."},
            "threshold": {"type": "number", "minimum": 0},
            "spacing_hours": {"type": "number", "minimum": 0},
            "points": _list(_ref("point"), "1 .. max posts a week."),
        },
        "How often: expected weekly reach by posts per week.",
    )
    schedule = _object(
        {
            "start": {"type": "string", "pattern": _DATE},
            "weeks": {"type": "integer", "minimum": 1},
            "per_week": {"type": "integer", "minimum": 0},
            "spacing_hours": {"type": "number", "minimum": 0},
            "from_drafts": {
                "type": "boolean",
                "description": "True: the drafts given; false: the template at the "
                "recommended slots.",
            },
            "expected_reach": _count("Sum of the posts' mean reach on the surface, competing."),
            "posts": _list(_ref("post"), "In publication order."),
            "unplaced": _list({"type": "string"}, "Draft ids that found no room."),
            "ineligible": _list({"type": "string"}, "Draft ids whose format never reaches it."),
            "no_reach": _list({"type": "string"}, "Draft ids the model gives no reach there."),
            "placement": _object(
                {
                    "optimal": {"type": "boolean"},
                    "objective": _count("Sum of the placed drafts' mean reach, each alone."),
                    "upper_bound": _count("No placement of as many drafts does better."),
                },
                "Only with drafts.",
            ),
        },
        "The planned posts.",
        optional=("placement",),
    )
    document = _object(
        {
            "schema_version": {"const": PLAN_SCHEMA_VERSION},
            "igalgo_version": {"type": "string"},
            "seed": {"type": "integer", "description": "Seed of the Monte Carlo."},
            "samples": {"type": "integer", "minimum": 1},
            "source": {"type": "string", "description": "Drafts file or profile planned for."},
            "account": _ref("account"),
            "surface": surfaces,
            "heatmap": heatmap,
            "recommended_slots": _list(_ref("slot"), "In week order."),
            "frequency": frequency,
            "content": _object(
                {
                    "template": {"type": "string", "description": "Id of the template draft."},
                    "drivers": _list(_ref("driver"), "Best first."),
                    "advice": _list({"type": "string"}),
                },
                "What: content changes the model rewards on the surface.",
            ),
            "checklist": _list(_ref("checklist_item"), "Items that concern the surface."),
            "schedule": schedule,
            "note": {"type": "string"},
        }
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "igalgo plan output",
        "description": (
            f"Output of `igalgo plan --format json` (schema_version {PLAN_SCHEMA_VERSION}): "
            "when, how often and what to post on one surface, and the planned posts."
        ),
        **document,
        "$defs": defs,
    }
