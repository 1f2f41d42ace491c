"""A plan built by hand (no engine): fixed numbers for plan report, render and calendar tests.

The week is the one in which Europe/Amsterdam moves its clocks forward (Sunday 2027-03-28,
02:00 does not exist), so every output shows how it handles a missing hour.
"""

from __future__ import annotations

import math
from datetime import date
from types import MappingProxyType
from zoneinfo import ZoneInfo

from igalgo.advice.drivers import DEFAULT_DRIVER_PARAMS
from igalgo.advice.templates import template_draft
from igalgo.app.plan import LanePlan, Plan
from igalgo.domain import (
    FORMAT_SURFACES,
    ZERO_QUANTILES,
    Account,
    AccountType,
    ActionEstimate,
    Actions,
    ChecklistItem,
    Draft,
    DraftEstimate,
    Driver,
    Format,
    Lever,
    Quantiles,
    Status,
    Surface,
    SurfaceEstimate,
)
from igalgo.planning.frequency import Frequency, FrequencyPoint
from igalgo.planning.params import DEFAULT_PLAN_PARAMS
from igalgo.planning.schedule import Placement, PlannedPost, Schedule
from igalgo.planning.slots import Slot, SlotGrid, week_times

ZONE = ZoneInfo("Europe/Amsterdam")
START = date(2027, 3, 22)
"""Monday of the week with the spring clock change."""

ACCOUNT = Account("Bakkerij Zon", 4200, AccountType.BUSINESS, "Europe/Amsterdam")


def cell_value(weekday: int, hour: int) -> float:
    """An evening peak at 19:00, a morning bump at 08:00, busier weekends (analytic)."""
    evening = 400.0 * math.exp(-(((hour - 19) / 3.0) ** 2))
    morning = 150.0 * math.exp(-(((hour - 8) / 1.5) ** 2))
    return 60.0 + evening + morning + (25.0 if weekday >= 5 else 0.0) + 0.25 * weekday


def grid() -> SlotGrid:
    """The feed grid of a carousel for the week from :data:`START`."""
    times = week_times(START, ZONE)
    median = tuple(
        tuple(None if when is None else cell_value(w, h) for h, when in enumerate(row))
        for w, row in enumerate(times)
    )
    return SlotGrid(
        surface=Surface.FEED,
        format=Format.CAROUSEL,
        week_start=START,
        timezone=ACCOUNT.timezone,
        median=median,
        publish_at=tuple(tuple(row) for row in times),
        format_reach=MappingProxyType(
            {Format.CAROUSEL: 250.4, Format.PHOTO: 233.0, Format.REEL: 229.6, Format.VIDEO: 210.2}
        ),
        samples=256,
    )


RECOMMENDED = (Slot(1, 19), Slot(3, 19), Slot(5, 19))

FREQUENCY = Frequency(
    points=(
        FrequencyPoint(1, 520.4, 520.4, (Slot(5, 19),), 530.0),
        FrequencyPoint(2, 1010.6, 490.2, (Slot(1, 19), Slot(5, 19)), 1030.0),
        FrequencyPoint(3, 1460.0, 449.4, RECOMMENDED, 1490.0),
        FrequencyPoint(4, 1700.0, 240.0, (*RECOMMENDED, Slot(6, 19)), 1740.0),
        FrequencyPoint(5, 1880.0, 180.0, (Slot(0, 19), *RECOMMENDED, Slot(6, 19)), 1925.0),
    ),
    recommended=3,
    threshold=0.5,
    current=4.0,
)

CONTENT = (
    Driver("raise production quality to high (now standard)", Surface.FEED, 0.18, Lever.QUALITY),
    Driver("write a caption of about 125 characters", Surface.FEED, 0.043, Lever.CAPTION),
)

CHECKLIST = (
    ChecklistItem("timing", Status.OK, "Every draft goes out near the peak.",
                  frozenset({Surface.FEED, Surface.STORIES})),
    ChecklistItem("frequency", Status.IMPROVE, "Post 3 times a week, none closer than 12 h.",
                  frozenset(Surface)),
)  # fmt: skip


def _estimate(draft: Draft, p50: float) -> DraftEstimate:
    """Reach on every eligible surface around ``p50`` (fixed spread); total = feed + others."""
    surfaces = {}
    for surface in Surface:
        if surface in FORMAT_SURFACES[draft.format]:
            reach = Quantiles(0.8 * p50, p50, 1.25 * p50, 1.02 * p50)
            surfaces[surface] = SurfaceEstimate(surface, True, reach, p50, 0.0)
        else:
            surfaces[surface] = SurfaceEstimate(surface, False, ZERO_QUANTILES, 0.0, 0.0)
    total = Quantiles(*(sum(getattr(s.reach, q) for s in surfaces.values())
                        for q in ("p10", "p50", "p90", "mean")))  # fmt: skip
    counts = Actions(20.0, 1.5, 2.0, 1.0, 5.0, 0.5)
    return DraftEstimate(draft, surfaces, total, ActionEstimate(counts, counts))


def _post(slot: Slot, draft: Draft, p50: float, drivers: tuple[Driver, ...] = ()) -> PlannedPost:
    """``draft`` planned in ``slot`` of the first week."""
    when = week_times(START, ZONE)[slot.weekday][slot.hour]
    assert when is not None
    placed = Draft(draft.id, draft.format, when, caption=draft.caption, slides=draft.slides,
                   duration_s=draft.duration_s, audio=draft.audio, pinned=False)  # fmt: skip
    return PlannedPost(placed, 0, slot, _estimate(placed, p50), drivers)


_SOME_TIME = week_times(START, ZONE)[0][12]
assert _SOME_TIME is not None
CAROUSEL = Draft("sourdough-carousel", Format.CAROUSEL, _SOME_TIME, slides=6,
                 caption="Five steps to our 48-hour sourdough; save this, bakers!")  # fmt: skip
PHOTO = Draft("new-loaf-photo", Format.PHOTO, _SOME_TIME, caption="New: spelt, walnut loaf")
REEL = template_draft(Format.REEL, _SOME_TIME)
STORY = Draft("opening-hours-story", Format.STORY, _SOME_TIME)
SPARE = Draft("team-photo", Format.PHOTO, _SOME_TIME)
LONG = Draft("long-video", Format.VIDEO, _SOME_TIME, duration_s=900.0)


def schedule(from_drafts: bool = True) -> Schedule:
    """Three posts (one per recommended slot) and three drafts left out, one of each kind."""
    quality = (CONTENT[0],)
    posts = (
        _post(Slot(1, 19), CAROUSEL, 610.4),
        _post(Slot(3, 19), PHOTO, 498.5, quality),
        _post(Slot(5, 19), REEL, 702.0),
    )
    return Schedule(
        surfaces=frozenset({Surface.FEED}),
        start=START,
        weeks=1,
        per_week=MappingProxyType({Surface.FEED: 3}),
        spacing_hours=MappingProxyType(
            {Surface.FEED: DEFAULT_DRIVER_PARAMS.min_spacing_hours[Surface.FEED]}
        ),
        posts=posts,
        unplaced=(SPARE,) if from_drafts else (),
        ineligible=(STORY,) if from_drafts else (),
        no_reach=(LONG,) if from_drafts else (),
        placement=Placement(1850.2) if from_drafts else None,
        reasons=MappingProxyType({LONG.id: "not recommended: too long"} if from_drafts else {}),
    )


def plan(from_drafts: bool = True, seed: int = 7) -> Plan:
    """The hand-made plan."""
    when = week_times(START, ZONE)[5][19]
    assert when is not None
    lane = LanePlan(
        surface=Surface.FEED,
        grid=grid(),
        recommended_slots=RECOMMENDED,
        frequency=FREQUENCY,
        per_week=3,
        content=CONTENT,
        template=template_draft(Format.CAROUSEL, when),
    )
    return Plan(
        account=ACCOUNT,
        surfaces=frozenset({Surface.FEED}),
        seed=seed,
        samples=500,
        lanes=(lane,),
        checklist=CHECKLIST,
        schedule=schedule(from_drafts),
        from_drafts=from_drafts,
        params=DEFAULT_PLAN_PARAMS,
    )
