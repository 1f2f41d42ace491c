"""The JSON Schema (2020-12) of ``igalgo plan --format json``.

Built from the same enums and ids the plan report uses (surfaces, formats, levers, statuses,
checklist ids, weekdays), so it cannot list a value the code does not produce.
``docs/schema/plan.schema.json`` is this schema written out (:mod:`docs.tools.schemas`;
tests/docs/test_schema_files.py keeps them equal), which ``igalgo schema plan`` prints.
"""

from __future__ import annotations

from typing import Any

from docs.tools.score_schema import (
    ISO_8601_WITH_OFFSET,
    account_schema,
    checklist_item_schema,
    closed_object,
    count,
    driver_schema,
    reach_schema,
    ref,
)
from igalgo.domain import WEEKDAYS, Format, Surface
from igalgo.inputs.agency_format import Approval
from igalgo.output.plan_report import PLAN_SCHEMA_VERSION

SCHEMA_ID = "https://igalgo.invalid/schema/plan.schema.json"
"""The schema's ``$id`` (a name, not a place to download from)."""

_DATE = r"^\d{4}-\d{2}-\d{2}$"


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
        "pattern": ISO_8601_WITH_OFFSET,
        "description": "ISO 8601 with the UTC offset of the account's time zone.",
    }
    return {
        "reach": reach_schema("accounts"),
        "slot": closed_object(_slot_properties(), "An hour of the week in the account's time."),
        "cell": closed_object(
            {
                **_slot_properties(),
                "publish_at": iso_time,
                "median_reach": count("Median reach of the template at this hour."),
                "recommended": {"type": "boolean"},
            },
            "One existing hour of the heatmap's week (an hour the clocks skip is left out).",
        ),
        "driver": driver_schema(),
        "checklist_item": checklist_item_schema(),
        "account": account_schema(),
        "point": closed_object(
            {
                "posts_per_week": {"type": "integer", "minimum": 1},
                "weekly_reach": count(
                    "Typical weekly reach: the sum of the week's posts' median reach on the "
                    "surface, posts competing (someone reached by two posts counts twice)."
                ),
                "weekly_expected": count("The same sum of the posts' mean reach."),
                "marginal_reach": {
                    "type": "integer",
                    "description": "What this post adds to weekly_reach: its reach minus what "
                    "it takes from the week's other posts (may be negative). The slots of N "
                    "posts are those of N - 1 and one more.",
                },
                "per_post": count("weekly_reach / posts_per_week."),
                "slots": _list(ref("slot"), "Where the posts go."),
            }
        ),
        "post": closed_object(
            {
                "id": {"type": "string"},
                "format": {"enum": [f.value for f in Format]},
                "lane": {
                    "enum": [s.value for s in Surface],
                    "description": "The kind of post it is planned as (its lane's surface).",
                },
                "publish_at": iso_time,
                "pinned": {
                    "type": "boolean",
                    "description": "True: the drafts file dates it, the plan kept it there.",
                },
                "status": {
                    "enum": [*(a.value for a in Approval), None],
                    "description": "The draft's approval (status:); null when its file does "
                    "not say.",
                },
                "tentative": {
                    "type": "boolean",
                    "description": "True while the draft waits for approval (draft, "
                    "in_review): the calendar event is STATUS:TENTATIVE.",
                },
                "week": {"type": "integer", "description": "0 = first planned week."},
                **_slot_properties(),
                "reach": ref("reach")
                | {
                    "description": "In the schedule, on the plan's surface (total unique "
                    "reach for a plan of all surfaces)."
                },
                "surfaces": {
                    "type": "object",
                    "additionalProperties": ref("reach"),
                    "description": "Reach on each planned surface the post can be shown on.",
                },
                "total": ref("reach") | {"description": "All surfaces, unique accounts."},
                "drivers": _list(
                    ref("driver"),
                    "Content changes only, best first: a planned post has no time or spacing "
                    "change left.",
                ),
                "advice": _list({"type": "string"}),
            }
        ),
        "lane": closed_object(
            {
                "surface": {"enum": [s.value for s in Surface]},
                "heatmap": _heatmap(),
                "recommended_slots": _list(ref("slot"), "In week order."),
                "frequency": _frequency(),
                "content": closed_object(
                    {
                        "template": {"type": "string", "description": "Id of the template."},
                        "drivers": _list(ref("driver"), "Best first."),
                        "advice": _list({"type": "string"}),
                    },
                    "What: content changes the model rewards on the surface.",
                ),
            },
            "When, how often and what for one kind of post (one surface).",
        ),
    }


def _heatmap() -> dict[str, Any]:
    return closed_object(
        {
            "format": {"enum": [f.value for f in Format], "description": "Best format."},
            "samples": {
                "type": "integer",
                "minimum": 1,
                "description": "Monte Carlo samples of the cells: 256, or the run's when it "
                "has fewer (at 256 a cell is within about 3 % of its value at 1,024).",
            },
            "week_start": {"type": "string", "pattern": _DATE},
            "timezone": {"type": "string"},
            "slots": _list(ref("cell"), "Monday 00:00 first; 168 hours or one fewer."),
            "formats": _list(
                closed_object(
                    {
                        "format": {"enum": [f.value for f in Format]},
                        "median_reach": count("Average over the week of the median reach."),
                        "vs_best": {"type": "number", "description": "-0.1 = 10 % below best."},
                    }
                ),
                "Candidate formats, best first.",
            ),
        },
        "When: median reach on the surface of a template of the best format, per hour.",
    )


def _frequency() -> dict[str, Any]:
    return closed_object(
        {
            "recommended": {
                "type": "integer",
                "minimum": 0,
                "description": "Posts a week: the curve's number, at most the capacity.",
            },
            "recommended_by_curve": {
                "type": "integer",
                "minimum": 0,
                "description": "What the curve alone recommends (more than `recommended` when "
                "the profile's capacity holds it back).",
            },
            "capacity": {
                "type": ["integer", "null"],
                "minimum": 0,
                "description": "The profile's `capacity:` for this lane; null: no limit said.",
            },
            "per_week": {"type": "integer", "minimum": 1, "description": "Used by the plan."},
            "current": {"type": "number", "minimum": 0, "description": "From the profile."},
            "habit": {
                "enum": ["none", "below", "within", "beyond"],
                "description": "Where the current habit lies against the curve.",
            },
            "threshold": {"type": "number", "minimum": 0},
            "spacing_hours": {"type": "number", "minimum": 0},
            "points": _list(ref("point"), "1 .. max posts a week."),
        },
        "How often: typical weekly reach by posts per week.",
    )


def _by_lane(item: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "propertyNames": {"enum": [s.value for s in Surface]},
        "additionalProperties": item,
        "description": description,
    }


def plan_schema() -> dict[str, Any]:
    """The schema as plain data (deterministic when dumped with sorted keys)."""
    defs = _definitions()
    schedule = closed_object(
        {
            "start": {"type": "string", "pattern": _DATE},
            "weeks": {"type": "integer", "minimum": 1},
            "per_week": _by_lane({"type": "integer", "minimum": 0}, "Most posts a week per lane."),
            "spacing_hours": _by_lane({"type": "number", "minimum": 0}, "Spacing per lane."),
            "from_drafts": {
                "type": "boolean",
                "description": "True: the drafts given; false: the template at the "
                "recommended slots.",
            },
            "typical_reach": count("Sum of the posts' median reach on the surfaces, competing."),
            "expected_reach": count("Sum of the posts' mean reach on the surfaces, competing."),
            "posts": _list(ref("post"), "In publication order."),
            "unplaced": _list({"type": "string"}, "Draft ids that found no room."),
            "ineligible": _list({"type": "string"}, "Draft ids whose format never reaches it."),
            "no_reach": _list(
                closed_object({"id": {"type": "string"}, "reason": {"type": "string"}}),
                "Drafts the model gives no typical reach there, with why.",
            ),
            "outside": _list(
                {"type": "string"},
                "Dated drafts outside the planned weeks, undated ones whose window misses them.",
            ),
            "placement": closed_object(
                {
                    "objective": count("Sum of the placed drafts' typical reach, each alone."),
                    "moves": count("Posts moved afterwards, the schedule reaching more."),
                    "moved_gain": count("Typical reach those moves added."),
                },
                "Only when undated drafts were placed.",
            ),
        },
        "The planned posts.",
        optional=("placement",),
    )
    document = closed_object(
        {
            "schema_version": {"const": PLAN_SCHEMA_VERSION},
            "igalgo_version": {"type": "string"},
            "seed": {"type": "integer", "description": "Seed of the Monte Carlo."},
            "samples": {"type": "integer", "minimum": 1},
            "source": {"type": "string", "description": "Drafts file or profile planned for."},
            "account": ref("account"),
            "surface": {
                "enum": [*(s.value for s in Surface), "all"],
                "description": "The surface planned for, or all of them.",
            },
            "surfaces": _list({"enum": [s.value for s in Surface]}, "The surfaces planned for."),
            "lanes": _list(ref("lane"), "One per kind of post: reels, feed posts, stories."),
            "checklist": _list(ref("checklist_item"), "Items that concern the surfaces."),
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
            "when, how often and what to post on one surface or on all of them, and the planned "
            "posts."
        ),
        **document,
        "$defs": defs,
    }
