"""A plan's posts as an iCalendar file (RFC 5545) that calendar applications import.

One ``VEVENT`` per planned post. Times are written in UTC (``DTSTART:20261210T160000Z``),
which RFC 5545 allows without a ``VTIMEZONE`` component and every calendar shows in the
reader's own zone; the account's local time is repeated in the description, and
``X-WR-TIMEZONE`` names the account's zone for applications that use it. UIDs are stable
(surface, draft and time), so importing a revised plan updates events instead of doubling them.

``DTSTAMP`` is derived from the inputs (the plan's first day, at midnight in the account's zone)
rather than the clock, so that the same inputs and seed give a byte-identical file, as every
other format does. Text is escaped (``\\``, ``;``, ``,``, newlines) and lines are folded at 75
octets without splitting a UTF-8 character; lines end in CRLF. Nothing here prints.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from igalgo import __version__
from igalgo.app.plan import Plan
from igalgo.inputs.agency_format import tentative
from igalgo.language import Moment, gettext, localized, number
from igalgo.output.plan_report import post_reach, surface_label
from igalgo.output.report import driver_sentence
from igalgo.planning.schedule import PlannedPost

PRODID = f"-//igalgo//igalgo {__version__}//EN"
"""Who made the calendar (RFC 5545 section 3.7.3)."""

EVENT_MINUTES = 15
"""Length of each event, minutes: a reminder to publish, not a meeting. Assumption."""

MAX_OCTETS = 75
"""Longest content line before folding, in octets, CRLF excluded (RFC 5545 section 3.1)."""

_UID_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def escape_text(text: str) -> str:
    """A TEXT value escaped as RFC 5545 section 3.3.11 requires."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """One content line folded into pieces of at most 75 octets, each ending in CRLF.

    A continuation starts with one space (which counts towards its 75 octets); a piece never
    ends inside a multi-byte UTF-8 character.
    """
    pieces: list[str] = []
    current = ""
    size = 0
    limit = MAX_OCTETS
    for character in line:
        width = len(character.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size, limit = " ", 1, MAX_OCTETS
        current += character
        size += width
    pieces.append(current)
    return "".join(piece + "\r\n" for piece in pieces)


def _utc(when: datetime) -> str:
    """``20261210T160000Z``."""
    return when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _uid(plan: Plan, post: PlannedPost) -> str:
    """Stable and unique: the surface, the draft and its time."""
    draft = _UID_UNSAFE.sub("-", post.draft.id).strip("-") or "post"
    return f"igalgo-{surface_label(plan)}-{draft}-{_utc(post.draft.publish_at)}@igalgo.invalid"


def _where(plan: Plan) -> str:
    """`` on feed`` for a plan of one surface; nothing for a plan of all surfaces."""
    if plan.surface is None:
        return ""
    return gettext(" on {surface}").format(surface=gettext(plan.surface.value))


def _summary(plan: Plan, post: PlannedPost) -> str:
    """The event's title in the active language: ``Post d3 (reel) on feed``."""
    draft = post.draft
    kind = gettext(draft.format.value)
    if plan.from_drafts:
        return gettext("Post {draft} ({format})").format(draft=draft.id, format=kind) + _where(plan)
    return gettext("Post a {format}").format(format=kind) + _where(plan)


def _description(plan: Plan, post: PlannedPost) -> str:
    """What the event says, in the active language: local time, the estimate, the caption and
    the content advice (a planned post has no time or spacing change left)."""
    draft = post.draft
    local = draft.publish_at.astimezone(ZoneInfo(plan.account.timezone))
    reach = post_reach(post, plan)
    kind = gettext(draft.format.value)
    if plan.surface is None:
        planned = gettext("Planned by igalgo plan for {account} ({surfaces} surfaces).").format(
            account=plan.account.name, surfaces=gettext(surface_label(plan))
        )
        typical = gettext("Typical total unique reach: median {p50} (P10-P90 {p10}-{p90}).")
    else:
        planned = gettext("Planned by igalgo plan for {account} ({surface}).").format(
            account=plan.account.name, surface=gettext(plan.surface.value)
        )
        typical = gettext("Typical {surface} reach: median {p50} (P10-P90 {p10}-{p90}).")
    lines = [
        planned,
        gettext("Local time: {when} {zone} ({timezone}).").format(
            when=localized(Moment(local, "weekday_date_time")),
            zone=local.tzname(),
            timezone=plan.account.timezone,
        ),
        typical.format(
            surface=gettext(plan.surface.value) if plan.surface is not None else "",
            p50=number(reach.p50),
            p10=number(reach.p10),
            p90=number(reach.p90),
        ),
    ]
    if draft.pinned and plan.from_drafts:
        lines.append(gettext("Dated in the drafts file: the plan kept it at this time."))
    if not plan.from_drafts:
        lines.append(
            gettext("A {format}: the account's best format on this surface.").format(format=kind)
        )
    if draft.caption:
        lines.append(gettext("Caption: {caption}").format(caption=draft.caption))
    lines += [localized(driver_sentence(driver)) for driver in post.drivers]
    lines.append(gettext("Model estimates of a black box: read them with their interval."))
    return "\n".join(lines)


def _calendar_name(plan: Plan) -> str:
    """``igalgo plan: Bakery (feed)``, the surface in the active language."""
    return f"igalgo plan: {plan.account.name} ({gettext(surface_label(plan))})"


def _status(post: PlannedPost) -> list[str]:
    """``STATUS:CONFIRMED`` for an approved draft, ``STATUS:TENTATIVE`` for one waiting for
    approval (``status: draft`` or ``in_review``), nothing when its file does not say."""
    waiting = tentative(post.draft.status)
    if waiting is None:
        return []
    return ["STATUS:TENTATIVE" if waiting else "STATUS:CONFIRMED"]


def plan_calendar(plan: Plan, *, now: datetime | None = None) -> str:
    """The iCalendar text of the plan's posts. ``now`` stamps the events; by default the
    stamp comes from the inputs, the plan's first day at midnight in the account's zone, so
    that the same inputs give the same bytes (a calendar imported twice is not changed)."""
    first_day = datetime.combine(plan.schedule.start, time(0), ZoneInfo(plan.account.timezone))
    stamp = _utc(now or first_day)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(_calendar_name(plan))}",
        f"X-WR-TIMEZONE:{plan.account.timezone}",
    ]
    for post in plan.schedule.posts:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_uid(plan, post)}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_utc(post.draft.publish_at)}",
            f"DURATION:PT{EVENT_MINUTES}M",
            f"SUMMARY:{escape_text(_summary(plan, post))}",
            f"DESCRIPTION:{escape_text(_description(plan, post))}",
            f"CATEGORIES:igalgo,{surface_label(plan)}",
            *_status(post),
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines)
