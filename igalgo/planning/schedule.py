"""Where posts go: the account's drafts (or the template) in concrete hours of the planned
weeks, then moved until the drivers' own rule has nothing left to move.

:func:`schedule_drafts` keeps a dated draft at its date (it competes with the others) and
places the undated ones greedily (:func:`igalgo.planning.placement.place_drafts`): as many as
fit, each at an hour where its typical reach on the surfaces in question, scored on its own, is
large, at most ``per_week`` a week, inside a draft's window, and at the spacing rule
(:func:`igalgo.advice.moves.required_gap`) from every other post. Several surfaces are planned
lane by lane (reels, then feed posts, then stories), each lane kept apart from the posts
already placed. Then :func:`igalgo.planning.settle.settle` moves the placed posts while that
raises the whole schedule's typical reach, so that ``igalgo score`` finds no time or spacing
change in it; the posts carry their content drivers only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from types import MappingProxyType
from zoneinfo import ZoneInfo

import numpy as np

from igalgo.advice.drivers import DEFAULT_DRIVER_PARAMS, DriverParams, drivers
from igalgo.advice.moves import (
    post_mean,
    post_value,
    required_gap,
    spacing_surfaces,
    typical_post,
    typical_values,
)
from igalgo.advice.reasons import ZERO_BELOW, zero_reasons
from igalgo.advice.templates import local_time, template_draft
from igalgo.domain import (
    FORMAT_SURFACES,
    Draft,
    DraftEstimate,
    Driver,
    Format,
    Surface,
)
from igalgo.planning.params import DEFAULT_PLAN_PARAMS, PlanParams
from igalgo.planning.placement import FloatArray, place_drafts
from igalgo.planning.settle import settle
from igalgo.planning.slots import DAYS_PER_WEEK, HOURS_PER_DAY, SLOTS_PER_WEEK, Slot, slot_time
from igalgo.world.model import Simulation

LANE_ORDER: tuple[Surface, ...] = (Surface.REELS, Surface.FEED, Surface.STORIES, Surface.EXPLORE)
"""The order lanes are placed in: reels first (they also go to the feed, so feed posts are
placed around them), stories last (they share no surface with the others)."""


@dataclass(frozen=True)
class PlannedPost:
    """One post of the schedule: a draft (or the template) at its planned time."""

    draft: Draft
    """The draft with ``publish_at`` set to the planned time (``pinned`` when dated)."""
    week: int
    """0 for the first planned week."""
    slot: Slot
    estimate: DraftEstimate
    """As ``score`` estimates it within the schedule (``compete=True``)."""
    drivers: tuple[Driver, ...]
    """Content changes that would raise its reach, best first (never a time or spacing
    change: the schedule has none left)."""


@dataclass(frozen=True)
class Placement:
    """How the undated drafts were placed (:func:`igalgo.planning.placement.place_drafts`)
    and moved (:func:`igalgo.planning.settle.settle`)."""

    objective: float
    """What the placement aims at: the sum of the placed drafts' typical reach on the
    surfaces, each scored on its own at its hour (the spacing rule stands in for
    competition), summed over the lanes."""
    moves: int = 0
    """Posts moved afterwards because the schedule, its posts competing, reached more."""
    gain: float = 0.0
    """Typical reach those moves added (accounts)."""


@dataclass(frozen=True)
class Schedule:
    """Posts placed in the planned weeks."""

    surfaces: frozenset[Surface]
    """The surfaces planned for; reach is summed over them (unique accounts for all four)."""
    start: date
    weeks: int
    per_week: Mapping[Surface, int]
    """Most posts a week per lane (feed posts, reels, stories; one lane for one surface)."""
    spacing_hours: Mapping[Surface, float]
    """The spacing rule of each lane."""
    posts: tuple[PlannedPost, ...]
    """In publication order."""
    unplaced: tuple[Draft, ...]
    """Undated drafts that found no room (more drafts than ``weeks x per_week``, or the
    spacing leaves no slot)."""
    ineligible: tuple[Draft, ...]
    """Drafts whose format never reaches the surfaces (e.g. a story for Explore)."""
    no_reach: tuple[Draft, ...]
    """Drafts that can reach the surfaces but that the model gives no typical reach there at
    any hour (e.g. a watermarked reel on Explore): a slot would be wasted."""
    placement: Placement | None
    """How the drafts were placed; None for the template schedule of a plan without drafts."""
    outside: tuple[Draft, ...] = ()
    """Dated drafts outside the planned weeks, and undated ones whose window misses them."""
    reasons: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Why each draft of :attr:`no_reach` reaches nobody, by draft id (e.g. ``not
    recommended: another app's watermark``)."""

    @property
    def typical_reach(self) -> float:
        """Sum of the posts' median reach on the surfaces, scored together (they compete)."""
        return sum(post_value(post.estimate, self.surfaces) for post in self.posts)

    @property
    def expected_reach(self) -> float:
        """Sum of the posts' mean reach on the surfaces, scored together."""
        return sum(post_mean(post.estimate, self.surfaces) for post in self.posts)


@dataclass(frozen=True)
class PlannedHour:
    """A concrete hour of the planned weeks."""

    week: int
    slot: Slot
    publish_at: datetime


def planned_hours(start: date, weeks: int, zone: ZoneInfo) -> list[PlannedHour]:
    """Every existing local hour of ``weeks`` weeks from ``start``, in time order."""
    out = []
    for week in range(weeks):
        for offset in range(DAYS_PER_WEEK):
            day = start + timedelta(days=DAYS_PER_WEEK * week + offset)
            for hour in range(HOURS_PER_DAY):
                when = local_time(day, hour, zone)
                if when is not None:
                    out.append(PlannedHour(week, Slot(day.weekday(), hour), when))
    return out


def lanes(surfaces: frozenset[Surface]) -> tuple[Surface, ...]:
    """The lanes a plan for ``surfaces`` places posts in, in placing order: one per surface
    whose spacing rule applies (:func:`igalgo.advice.moves.spacing_surfaces`)."""
    spaced = spacing_surfaces(surfaces)
    return tuple(surface for surface in LANE_ORDER if surface in spaced)


def lane_of(fmt: Format, surfaces: frozenset[Surface]) -> Surface | None:
    """The lane a post of ``fmt`` is placed in: the first lane whose surface it reaches."""
    return next((lane for lane in lanes(surfaces) if lane in FORMAT_SURFACES[fmt]), None)


def slot_values(
    simulation: Simulation, surfaces: frozenset[Surface], drafts: Sequence[Draft], start: date
) -> FloatArray:
    """Each draft's typical reach on ``surfaces`` in each hour of the week, scored on its own.

    The model has no seasons: a draft on its own depends on the local weekday and hour it
    goes out, not on the date (a test pins this), so these values serve every planned week.
    The hours' profile is the typical post's of the draft's format (one engine call for every
    format at every hour of the week from ``start``, the profile the drivers' hour screen
    uses), scaled to the draft's own typical reach at the kind's best hour (one
    row per draft in the same call): drafts x 168 values from about drafts + kinds x 168
    simulated posts. Returns a (drafts, 168) array indexed by
    :attr:`~igalgo.planning.slots.Slot.index`, NaN where the hour does not exist that week.
    """
    zone = ZoneInfo(simulation.account.timezone)
    week = planned_hours(start, 1, zone)
    values = np.full((len(drafts), SLOTS_PER_WEEK), np.nan)
    if not drafts or not week:
        return values
    kinds = sorted({d.format for d in drafts}, key=lambda fmt: fmt.value)
    times = [c.publish_at for c in week]
    columns = np.array([c.slot.index for c in week])
    typical = [typical_post(kind, times[0]) for kind in kinds]
    profiles = np.asarray(typical_values(simulation, typical, [times] * len(kinds), surfaces))
    best = {kind: int(np.argmax(profiles[k])) for k, kind in enumerate(kinds)}
    own = typical_values(
        simulation,
        list(drafts),
        [[times[best[d.format]]] for d in drafts],
        surfaces,
    )
    for row, draft in enumerate(drafts):
        k = kinds.index(draft.format)
        peak = profiles[k, best[draft.format]]
        scale = own[row][0] / peak if peak > 0 else 0.0
        values[row, columns] = profiles[k] * scale
    return values


def schedule_drafts(
    simulation: Simulation,
    surfaces: frozenset[Surface],
    drafts: Sequence[Draft],
    *,
    start: date,
    weeks: int,
    per_week: Mapping[Surface, int] | None = None,
    slots: Mapping[Surface, Sequence[Slot]] | None = None,
    keep_outside: bool = False,
    driver_params: DriverParams = DEFAULT_DRIVER_PARAMS,
    progress: Callable[[str], None] | None = None,
) -> Schedule:
    """Place ``drafts`` in the hours of ``weeks`` weeks from ``start`` (see the module
    docstring) and score them as one schedule, as ``score`` would score the planned file.
    ``progress`` is told each step as it starts.

    ``per_week`` caps each lane's posts per week (dated posts count; None: no cap).
    ``slots`` are each lane's recommended slots: drafts go there first (the week the slot
    search chose with the posts competing), and only the drafts that find no room there go
    to other hours (docs/decisions/0102-slots-chosen-with-their-competition.md).
    ``keep_outside`` keeps dated drafts outside the planned weeks in the schedule (as
    ``score`` does with a file); by default they are listed in :attr:`Schedule.outside`.
    """
    tell = progress or (lambda step: None)
    zone = ZoneInfo(simulation.account.timezone)
    hours = planned_hours(start, weeks, zone)
    first = hours[0].publish_at if hours else None
    end = hours[-1].publish_at + timedelta(hours=1) if hours else None

    def planned(draft: Draft) -> bool:
        return first is not None and end is not None and first <= draft.publish_at < end

    ineligible = tuple(d for d in drafts if lane_of(d.format, surfaces) is None)
    reaching = [d for d in drafts if lane_of(d.format, surfaces) is not None]
    fixed = [d for d in reaching if d.pinned and (keep_outside or planned(d))]
    outside = [d for d in reaching if d.pinned and not (keep_outside or planned(d))]
    undated = [d for d in reaching if not d.pinned]
    caps = {lane: len(drafts) for lane in lanes(surfaces)} if per_week is None else per_week
    placed: list[Draft] = []
    unplaced: list[Draft] = []
    no_reach: list[Draft] = []
    results = []
    for lane in lanes(surfaces):
        members = [d for d in undated if lane_of(d.format, surfaces) == lane]
        if not members:
            continue
        tell(f"placing {len(members):,} drafts in the {lane.value} lane")
        preferred = None if slots is None else slots.get(lane)
        result = _place_lane(
            simulation,
            surfaces,
            lane,
            members,
            [*fixed, *placed],
            hours,
            caps.get(lane, len(drafts)),
            driver_params=driver_params,
            only=None if preferred is None else frozenset(preferred),
        )
        if preferred is not None and result.unplaced:
            rest = _place_lane(
                simulation,
                surfaces,
                lane,
                result.unplaced,
                [*fixed, *placed, *result.placed],
                hours,
                caps.get(lane, len(drafts)),
                driver_params=driver_params,
            )
            result = _Lane(
                [*result.placed, *rest.placed],
                rest.unplaced,
                [*result.no_reach, *rest.no_reach],
                [*result.outside, *rest.outside],
                result.objective + rest.objective,
            )
        placed += result.placed
        unplaced += result.unplaced
        no_reach += result.no_reach
        outside += result.outside
        results.append(result)
    posts = [*fixed, *placed]
    tell(f"moving {len(placed):,} placed posts to better hours")
    settled = settle(
        simulation,
        posts,
        range(len(fixed), len(posts)),
        surfaces=surfaces,
        driver_params=driver_params,
    )
    tell(f"finding the content drivers of {len(settled.drafts):,} posts")
    placement = Placement(
        objective=sum(r.objective for r in results),
        moves=settled.moves,
        gain=settled.gain,
    )
    return Schedule(
        reasons=_reasons(simulation, surfaces, no_reach, hours),
        surfaces=surfaces,
        start=start,
        weeks=weeks,
        per_week=MappingProxyType(dict(caps)),
        spacing_hours=lane_spacing(surfaces, driver_params),
        posts=_planned_posts(
            simulation, surfaces, settled.drafts, settled.estimates, start, driver_params
        ),
        unplaced=tuple(unplaced),
        ineligible=ineligible,
        no_reach=tuple(no_reach),
        placement=placement if undated else None,
        outside=tuple(outside),
    )  # fmt: skip


def _reasons(
    simulation: Simulation,
    surfaces: frozenset[Surface],
    drafts: Sequence[Draft],
    hours: Sequence[PlannedHour],
) -> Mapping[str, str]:
    """Why each draft without reach reaches nobody on the surfaces (at the first planned hour:
    it reaches nobody at any)."""
    if not drafts or not hours:
        return MappingProxyType({})
    when = hours[0].publish_at
    moved = [replace(d, publish_at=when) for d in drafts]
    estimates = simulation.score_drafts(moved, compete=False)
    found = zero_reasons(simulation, estimates, surfaces=sorted(surfaces))
    out = {}
    for draft, reasons in zip(drafts, found, strict=True):
        words = sorted(set(reasons.values()))
        out[draft.id] = "; ".join(words) if words else "no reach in the model"
    return MappingProxyType(out)


def lane_spacing(
    surfaces: frozenset[Surface], driver_params: DriverParams
) -> Mapping[Surface, float]:
    """The spacing rule's hours between two posts of each lane."""
    out = {}
    for lane in lanes(surfaces):
        formats = [f for f in Format if lane_of(f, surfaces) == lane]
        out[lane] = max(
            required_gap(a, b, surfaces, driver_params.min_spacing_hours)
            for a in formats
            for b in formats
        )
    return MappingProxyType(out)


@dataclass(frozen=True)
class _Lane:
    """What the placement of one lane's undated drafts gave."""

    placed: list[Draft]
    unplaced: list[Draft]
    no_reach: list[Draft]
    outside: list[Draft]
    objective: float


def _place_lane(
    simulation: Simulation,
    surfaces: frozenset[Surface],
    lane: Surface,
    members: Sequence[Draft],
    fixed: Sequence[Draft],
    hours: Sequence[PlannedHour],
    cap: int,
    *,
    driver_params: DriverParams,
    only: frozenset[Slot] | None = None,
) -> _Lane:
    """Place one lane's undated drafts around the ``fixed`` posts (see :func:`place_drafts`),
    in the hours of ``only`` these weekly slots when given. Posts of the lane already fixed
    count towards each week's ``cap``; a draft with no allowed hour left is unplaced (with
    ``only``), or outside the plan when its window misses the planned weeks."""
    empty = _Lane([], [], [], [], 0.0)
    if not hours:
        return replace(empty, outside=list(members))
    start = hours[0].publish_at.date()
    weekly = slot_values(simulation, surfaces, members, start)
    values = weekly[:, [c.slot.index for c in hours]]
    zone = ZoneInfo(simulation.account.timezone)
    days = [c.publish_at.astimezone(zone).date() for c in hours]
    times = np.array([c.publish_at.timestamp() / 3600.0 for c in hours])
    outside = [
        d
        for d in members
        if d.window is not None and not any(d.window.contains(day) for day in days)
    ]
    if only is not None:
        values[:, [c.slot not in only for c in hours]] = np.nan
    for row, draft in enumerate(members):
        if draft.window is not None:
            inside = np.array([draft.window.contains(day) for day in days])
            values[row, ~inside] = np.nan
        for other in fixed:
            gap = required_gap(
                draft.format, other.format, surfaces, driver_params.min_spacing_hours
            )
            if gap > 0:
                near = np.abs(times - other.publish_at.timestamp() / 3600.0) < gap
                values[row, near] = np.nan
    # No reach is judged on every hour, whatever ``only`` and the neighbours leave.
    reaches = np.nan_to_num(weekly, nan=0.0).max(axis=1) >= ZERO_BELOW
    no_reach = [d for d, ok in zip(members, reaches, strict=True) if not ok and d not in outside]
    blocked = [
        d
        for d, row, ok in zip(members, values, reaches, strict=True)
        if ok and d not in outside and not np.isfinite(row).any()
    ]
    keep = [i for i, d in enumerate(members) if reaches[i] and d not in outside]
    keep = [i for i in keep if members[i] not in blocked]
    if not keep:
        return replace(empty, unplaced=blocked, no_reach=no_reach, outside=outside)
    week_of = np.array([c.week for c in hours], dtype=np.int64)
    weeks = int(week_of.max()) + 1
    room = [
        cap - sum(lane_of(d.format, surfaces) == lane and _week(d, hours, zone) == w for d in fixed)
        for w in range(weeks)
    ]
    spacing = lane_spacing(surfaces, driver_params)[lane]
    chosen = place_drafts(values[keep], times, week_of, per_week=room, spacing=spacing)
    placed, unplaced, total = [], list(blocked), 0.0
    for row, slot in zip(keep, chosen, strict=True):
        if slot is None:
            unplaced.append(members[row])
        else:
            placed.append(replace(members[row], publish_at=hours[slot].publish_at))
            total += float(values[row, slot])
    return _Lane(placed, unplaced, no_reach, outside, total)


def _week(draft: Draft, hours: Sequence[PlannedHour], zone: ZoneInfo) -> int | None:
    """The planned week a dated draft falls in, or None outside the planned weeks."""
    if not hours:
        return None
    days = (draft.publish_at.astimezone(zone).date() - hours[0].publish_at.date()).days
    week = days // DAYS_PER_WEEK
    return week if 0 <= week <= hours[-1].week else None


def _planned_posts(
    simulation: Simulation,
    surfaces: frozenset[Surface],
    drafts: Sequence[Draft],
    estimates: Sequence[DraftEstimate],
    start: date,
    driver_params: DriverParams,
) -> tuple[PlannedPost, ...]:
    """The settled posts in publication order, with their content drivers; a dated draft the
    plan keeps where it is also gets the move ``igalgo score`` would give it there."""
    if not drafts:
        return ()
    found = drivers(
        simulation,
        drafts,
        competing=estimates,
        movable=[index for index, draft in enumerate(drafts) if draft.pinned],
        surfaces=surfaces,
        driver_params=driver_params,
    )
    zone = ZoneInfo(simulation.account.timezone)
    posts = []
    for draft, estimate, changes in zip(drafts, estimates, found, strict=True):
        local = draft.publish_at.astimezone(zone)
        week = (local.date() - start).days // DAYS_PER_WEEK
        slot = Slot(local.weekday(), local.hour)
        posts.append(PlannedPost(draft, week, slot, estimate, tuple(changes)))
    posts.sort(key=lambda post: (post.draft.publish_at, post.draft.id))
    return tuple(posts)


def template_schedule(
    simulation: Simulation,
    surfaces: frozenset[Surface],
    slots: Mapping[Surface, tuple[Format, Sequence[Slot]]],
    *,
    start: date,
    weeks: int,
    plan_params: PlanParams = DEFAULT_PLAN_PARAMS,
    driver_params: DriverParams = DEFAULT_DRIVER_PARAMS,
) -> Schedule:
    """The plan without drafts: each lane's template format at its ``slots`` every week, then
    moved as a schedule of drafts is (its posts are the planner's, none is dated)."""
    zone = ZoneInfo(simulation.account.timezone)
    posts: list[Draft] = []
    for fmt, lane_slots in slots.values():
        for week in range(weeks):
            for slot in sorted(lane_slots):
                when = slot_time(start, week, slot, zone)
                if when is not None:
                    posts.append(
                        replace(template_draft(fmt, when, plan_params.template), pinned=False)
                    )
    posts.sort(key=lambda draft: draft.publish_at)
    settled = settle(
        simulation, posts, range(len(posts)), surfaces=surfaces, driver_params=driver_params
    )
    # A template's id names its time; a moved one is renamed after its new time.
    renamed = [
        replace(template_draft(d.format, d.publish_at, plan_params.template), pinned=False)
        for d in settled.drafts
    ]
    estimates = [replace(e, draft=d) for e, d in zip(settled.estimates, renamed, strict=True)]
    return Schedule(
        surfaces=surfaces,
        start=start,
        weeks=weeks,
        per_week=MappingProxyType({lane: len(s) for lane, (_, s) in slots.items()}),
        spacing_hours=lane_spacing(surfaces, driver_params),
        posts=_planned_posts(simulation, surfaces, renamed, estimates, start, driver_params),
        unplaced=(),
        ineligible=(),
        no_reach=(),
        placement=None,
    )
