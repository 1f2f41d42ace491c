"""A :class:`~igalgo.app.plan.Plan` as versioned plain data, JSON and CSV (``igalgo plan``).

The JSON is a contract like ``igalgo score``'s: sorted keys, a ``schema_version``, counts
rounded to whole accounts, effects to 0.001, times in ISO 8601 with the account's UTC offset;
its JSON Schema is :func:`igalgo.output.plan_schema.plan_schema` (``igalgo schema plan``,
``docs/schema/plan.schema.json``). Changing its shape bumps :data:`PLAN_SCHEMA_VERSION`.
The same inputs and seed give byte-identical output.

CSV has one row per hour of the planned weeks. Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from igalgo import __version__
from igalgo.app.plan import LanePlan, Plan
from igalgo.domain import WEEKDAYS, Quantiles, Surface
from igalgo.output.report import (
    NOTE,
    account_data,
    checklist_data,
    csv_line,
    driver_data,
    driver_sentence,
    dumps,
    local_time,
    reach_data,
    whole,
)
from igalgo.planning.frequency import Frequency
from igalgo.planning.schedule import PlannedPost, Schedule, lane_of, planned_hours
from igalgo.planning.slots import Slot, SlotGrid

PLAN_SCHEMA_VERSION = 5
"""Version of the plan output's shape; bumped on any change scripts could notice (2: lanes,
several surfaces, typical and expected totals, dated and undated posts; 3: the account's
``calibration``, null when it has none; 4: no ``optimal`` and ``upper_bound`` in
``placement``, the drafts being placed greedily; 5: each driver's ``evidence`` and, for a
move, its new ``publish_at``)."""


def surface_label(plan: Plan) -> str:
    """``feed`` for a plan of one surface, ``all`` for a plan of every surface."""
    return plan.surface.value if plan.surface is not None else "all"


def post_reach(post: PlannedPost, plan: Plan) -> Quantiles:
    """A post's reach as a plan reports it: on the plan's surface, or total unique reach for
    a plan of every surface."""
    if plan.surface is None:
        return post.estimate.total
    return post.estimate.surfaces[plan.surface].reach


def slot_data(slot: Slot) -> dict[str, Any]:
    """``{"weekday": "tue", "hour": 19}``."""
    return {"weekday": WEEKDAYS[slot.weekday], "hour": slot.hour}


def heatmap_data(grid: SlotGrid, recommended: Sequence[Slot]) -> dict[str, Any]:
    """The weekday x hour grid as a list of the week's existing hours, Monday 00:00 first."""
    marked = set(recommended)
    cells = []
    for weekday, row in enumerate(grid.median):
        for hour, value in enumerate(row):
            when = grid.publish_at[weekday][hour]
            if value is None or when is None:
                continue  # the hour clocks skip that week
            slot = Slot(weekday, hour)
            cells.append(
                {
                    **slot_data(slot),
                    "publish_at": when.isoformat(),
                    "median_reach": whole(value),
                    "recommended": slot in marked,
                }
            )
    best = max(grid.format_reach.values())
    formats = [
        {
            "format": fmt.value,
            "median_reach": whole(reach),
            "vs_best": round(reach / best - 1.0, 3) if best > 0 else 0.0,
        }
        for fmt, reach in sorted(grid.format_reach.items(), key=lambda item: -item[1])
    ]
    return {
        "format": grid.format.value,
        "week_start": grid.week_start.isoformat(),
        "timezone": grid.timezone,
        "slots": cells,
        "formats": formats,
    }


def frequency_data(curve: Frequency, per_week: int, spacing_hours: float) -> dict[str, Any]:
    """The frequency curve, the recommendation and the current habit."""
    return {
        "recommended": curve.recommended,
        "per_week": per_week,
        "current": curve.current,
        "habit": curve.habit,
        "threshold": curve.threshold,
        "spacing_hours": spacing_hours,
        "points": [
            {
                "posts_per_week": p.posts_per_week,
                "weekly_reach": whole(p.weekly_reach),
                "weekly_expected": whole(p.weekly_expected),
                "marginal_reach": whole(p.marginal_reach),
                "per_post": whole(p.per_post),
                "slots": [slot_data(s) for s in p.slots],
            }
            for p in curve.points
        ],
    }


def lane_data(lane: LanePlan, plan: Plan) -> dict[str, Any]:
    """When, how often and what for one kind of post."""
    return {
        "surface": lane.surface.value,
        "heatmap": heatmap_data(lane.grid, lane.recommended_slots),
        "recommended_slots": [slot_data(s) for s in lane.recommended_slots],
        "frequency": frequency_data(
            lane.frequency, lane.per_week, plan.schedule.spacing_hours.get(lane.surface, 0.0)
        ),
        "content": {
            "template": lane.template.id,
            "drivers": [driver_data(d, plan.account) for d in lane.content],
            "advice": [driver_sentence(d) for d in lane.content],
        },
    }


def post_data(post: PlannedPost, plan: Plan) -> dict[str, Any]:
    """One planned post."""
    draft = post.draft
    lane = lane_of(draft.format, plan.surfaces)
    return {
        "id": draft.id,
        "format": draft.format.value,
        "lane": lane.value if lane is not None else None,
        "publish_at": local_time(draft.publish_at, plan.account).isoformat(),
        "pinned": draft.pinned and plan.from_drafts,
        "week": post.week,
        **slot_data(post.slot),
        "reach": reach_data(post_reach(post, plan)),
        "surfaces": {
            s.value: reach_data(post.estimate.surfaces[s].reach)
            for s in sorted(plan.surfaces)
            if post.estimate.surfaces[s].eligible
        },
        "total": reach_data(post.estimate.total),
        "drivers": [driver_data(d, plan.account) for d in post.drivers],
        "advice": [driver_sentence(d) for d in post.drivers],
    }


def schedule_data(schedule: Schedule, plan: Plan) -> dict[str, Any]:
    """The planned posts, and the drafts left out with why."""
    data: dict[str, Any] = {
        "start": schedule.start.isoformat(),
        "weeks": schedule.weeks,
        "per_week": {lane.value: n for lane, n in sorted(schedule.per_week.items())},
        "spacing_hours": {lane.value: h for lane, h in sorted(schedule.spacing_hours.items())},
        "from_drafts": plan.from_drafts,
        "typical_reach": whole(schedule.typical_reach),
        "expected_reach": whole(schedule.expected_reach),
        "posts": [post_data(p, plan) for p in schedule.posts],
        "unplaced": [d.id for d in schedule.unplaced],
        "ineligible": [d.id for d in schedule.ineligible],
        "no_reach": [
            {"id": d.id, "reason": schedule.reasons.get(d.id, "no reach in the model")}
            for d in schedule.no_reach
        ],
        "outside": [d.id for d in schedule.outside],
    }
    if schedule.placement is not None:
        data["placement"] = {
            "objective": whole(schedule.placement.objective),
            "moves": schedule.placement.moves,
            "moved_gain": whole(schedule.placement.gain),
        }
    return data


def plan_document(plan: Plan, source: str) -> dict[str, Any]:
    """The JSON document of a plan; ``source`` is the drafts file or profile it came from."""
    return {
        "schema_version": PLAN_SCHEMA_VERSION,
        "igalgo_version": __version__,
        "seed": plan.seed,
        "samples": plan.samples,
        "source": source,
        "account": account_data(plan.account),
        "surface": surface_label(plan),
        "surfaces": sorted(s.value for s in plan.surfaces),
        "lanes": [lane_data(lane, plan) for lane in plan.lanes],
        "checklist": [checklist_data(item) for item in plan.checklist],
        "schedule": schedule_data(plan.schedule, plan),
        "note": NOTE,
    }


def plan_json(plan: Plan, source: str) -> str:
    """``--format json``: the document, deterministic (sorted keys, 2-space indent)."""
    return dumps(plan_document(plan, source), indent=2) + "\n"


PLAN_CSV_COLUMNS: tuple[str, ...] = (
    "account",
    "surface",
    "week",
    "date",
    "weekday",
    "hour",
    "publish_at",
    "format",
    "median_reach",
    "recommended",
    "post",
    "post_format",
    "post_reach_p50",
)
"""The CSV header: one row per existing hour of the planned weeks and lane (``surface``: the
lane's surface, one per kind of post). ``median_reach`` is the lane's heatmap value for that
weekday and hour (template of ``format``); ``post`` the post of that lane planned in that
hour, if any, with its typical reach in the schedule (on the plan's surface, or total unique
reach for a plan of all surfaces)."""


def plan_csv(plan: Plan) -> str:
    """``--format csv``: the header and one row per hour of the planned weeks and lane."""
    from zoneinfo import ZoneInfo

    schedule = plan.schedule
    zone = ZoneInfo(plan.account.timezone)
    posts: dict[tuple[Surface | None, datetime], PlannedPost] = {
        (lane_of(p.draft.format, plan.surfaces), p.draft.publish_at): p for p in schedule.posts
    }
    lines = [csv_line(PLAN_CSV_COLUMNS)]
    for lane in plan.lanes:
        recommended = set(lane.recommended_slots)
        for hour in planned_hours(schedule.start, schedule.weeks, zone):
            value = lane.grid.value(hour.slot)
            post = posts.get((lane.surface, hour.publish_at))
            lines.append(
                csv_line(
                    (
                        plan.account.name,
                        lane.surface.value,
                        hour.week,
                        hour.publish_at.date().isoformat(),
                        WEEKDAYS[hour.slot.weekday],
                        hour.slot.hour,
                        hour.publish_at.isoformat(),
                        lane.grid.format.value,
                        "" if value is None else whole(value),
                        str(hour.slot in recommended).lower(),
                        post.draft.id if post else "",
                        post.draft.format.value if post else "",
                        whole(post_reach(post, plan).p50) if post else "",
                    )
                )
            )
    return "".join(lines)
