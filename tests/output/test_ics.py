"""The plan as iCalendar (RFC 5545): parsed back, events and time zones checked."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from igalgo.app.plan import Plan, PlanOptions, plan_account
from igalgo.domain import Surface
from igalgo.engine.settings import EngineSettings
from igalgo.inputs.loader import load_drafts
from igalgo.output.ics import MAX_OCTETS, escape_text, fold, plan_calendar
from tests.conftest import PROFILES
from tests.handmade_plan import plan

NOW = datetime(2027, 3, 1, 9, 30, tzinfo=UTC)


@dataclass
class Component:
    """A parsed component: its name, properties (name -> values) and nested components."""

    name: str
    properties: dict[str, list[str]] = field(default_factory=dict)
    children: list[Component] = field(default_factory=list)


def unescape(value: str) -> str:
    """A TEXT value as written, unescaped (RFC 5545 section 3.3.11)."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def parse(data: bytes) -> Component:
    """A minimal RFC 5545 reader: checks line ends and lengths, unfolds, nests components."""
    assert data.endswith(b"\r\n")
    for physical in data[:-2].split(b"\r\n"):
        assert b"\n" not in physical and b"\r" not in physical, "bare line break"
        assert len(physical) <= MAX_OCTETS, f"longer than {MAX_OCTETS} octets: {physical!r}"
        physical.decode("utf-8")  # a fold never splits a UTF-8 character
    text = data.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")
    stack: list[Component] = []
    root: Component | None = None
    for line in text.split("\r\n")[:-1]:
        head, _, value = line.partition(":")
        name = head.split(";")[0].upper()
        if name == "BEGIN":
            component = Component(value)
            if stack:
                stack[-1].children.append(component)
            else:
                root = component
            stack.append(component)
        elif name == "END":
            assert stack and stack[-1].name == value, f"END:{value} does not close"
            stack.pop()
        else:
            stack[-1].properties.setdefault(name, []).append(value)
    assert not stack and root is not None
    return root


def events(calendar: Component) -> list[dict[str, list[str]]]:
    return [child.properties for child in calendar.children if child.name == "VEVENT"]


def utc(value: str) -> datetime:
    assert re.fullmatch(r"\d{8}T\d{6}Z", value), value
    return datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


def check_calendar(made: Plan, text: str) -> list[dict[str, list[str]]]:
    """The calendar of ``made`` parses, and has one event per planned post at its time."""
    calendar = parse(text.encode("utf-8"))
    assert calendar.name == "VCALENDAR"
    properties = calendar.properties
    assert properties["VERSION"] == ["2.0"]
    assert properties["PRODID"][0].startswith("-//igalgo//")
    assert properties["X-WR-TIMEZONE"] == [made.account.timezone]
    found = events(calendar)
    assert len(found) == len(made.schedule.posts)
    zone = ZoneInfo(made.account.timezone)
    for event, post in zip(found, made.schedule.posts, strict=True):
        for required in ("UID", "DTSTAMP", "DTSTART", "DURATION", "SUMMARY"):
            assert len(event[required]) == 1, required
        start = utc(event["DTSTART"][0])
        assert start == post.draft.publish_at
        local = start.astimezone(zone)
        assert (local.weekday(), local.hour) == (post.slot.weekday, post.slot.hour)
        description = unescape(event["DESCRIPTION"][0])
        assert f"Local time: {local:%a %Y-%m-%d %H:%M} {local.tzname()}" in description
        assert event["DURATION"] == ["PT15M"]
    assert len({event["UID"][0] for event in found}) == len(found)
    return found


def test_handmade_plan_parses_back() -> None:
    made = plan()
    found = check_calendar(made, plan_calendar(made, now=NOW))
    assert [unescape(e["SUMMARY"][0]) for e in found] == [
        "Post sourdough-carousel (carousel) on feed",
        "Post new-loaf-photo (photo) on feed",
        "Post reel-20270322-1200 (reel) on feed",
    ]
    assert found[0]["DTSTART"] == ["20270323T180000Z"]  # 19:00 CET
    assert found[0]["DTSTAMP"] == ["20270301T093000Z"]
    # Captions with commas and semicolons come back as written.
    assert "Caption: Five steps to our 48-hour sourdough; save this, bakers!" in unescape(
        found[0]["DESCRIPTION"][0]
    )
    assert "the model expects feed reach +18 %" in unescape(found[1]["DESCRIPTION"][0])


def test_template_plan_events_say_what_to_post() -> None:
    made = plan(from_drafts=False)
    found = check_calendar(made, plan_calendar(made, now=NOW))
    assert unescape(found[0]["SUMMARY"][0]) == "Post a carousel on feed"


def test_events_keep_their_local_time_across_a_clock_change() -> None:
    """Two weeks from the Monday before Europe's spring change: CET, then CEST (UTC+2)."""
    drafts_file = load_drafts(str(PROFILES / "demo-plan.yaml"))
    made = plan_account(
        drafts_file.account,
        drafts_file.drafts,
        PlanOptions(
            surface=Surface.FEED,
            start=date(2027, 3, 22),
            weeks=2,
            per_week=4,
            settings=EngineSettings(samples=100),
        ),
    )
    found = check_calendar(made, plan_calendar(made, now=NOW))
    offsets = {
        utc(e["DTSTART"][0]).astimezone(ZoneInfo("Europe/Amsterdam")).utcoffset() for e in found
    }
    assert len(offsets) == 2, "the plan should have posts before and after the change"


def test_text_is_escaped_and_survives_a_round_trip() -> None:
    text = 'a\\b; c, d\ne "quoted"'
    assert escape_text(text) == 'a\\\\b\\; c\\, d\\ne "quoted"'
    assert unescape(escape_text(text)) == text


@pytest.mark.parametrize("text", ["x" * 200, "é" * 100, "🥐 croissant " * 12, "ab"])
def test_folding_never_splits_a_character_and_unfolds_to_the_line(text: str) -> None:
    line = f"DESCRIPTION:{text}"
    folded = fold(line).encode("utf-8")
    for piece in folded[:-2].split(b"\r\n"):
        assert len(piece) <= MAX_OCTETS
        piece.decode("utf-8")
    assert folded.decode("utf-8").replace("\r\n ", "").removesuffix("\r\n") == line


def test_odd_draft_ids_give_valid_unique_uids() -> None:
    made = plan()
    posts = made.schedule.posts
    odd = [replace(p, draft=replace(p.draft, id=f"week 1; post,{i}")) for i, p in enumerate(posts)]
    renamed = replace(made, schedule=replace(made.schedule, posts=tuple(odd)))
    found = check_calendar(renamed, plan_calendar(renamed, now=NOW))
    for event in found:
        assert re.fullmatch(
            r"igalgo-feed-[A-Za-z0-9._-]+-\d{8}T\d{6}Z@igalgo\.invalid", event["UID"][0]
        )


def test_the_stamp_comes_from_the_inputs_so_the_same_plan_gives_the_same_bytes() -> None:
    made = plan()
    first, second = plan_calendar(made), plan_calendar(made)
    assert first == second
    zone = ZoneInfo(made.account.timezone)
    midnight = datetime.combine(made.schedule.start, datetime.min.time(), zone)
    stamp = midnight.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    found = check_calendar(made, first)
    assert {event["DTSTAMP"][0] for event in found} == {stamp}
