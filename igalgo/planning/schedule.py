"""Where posts go: drafts (or the template) placed in concrete hours of the planned weeks, as
many as fit and then the largest total expected reach, at the spacing rule; the placed posts
scored together as ``igalgo score`` would score the planned file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from igalgo.advice.drivers import DEFAULT_DRIVER_PARAMS, DriverParams, drivers
from igalgo.advice.templates import TemplateShape, local_time, template_draft
from igalgo.domain import FORMAT_SURFACES, Account, Draft, DraftEstimate, Driver, Surface
from igalgo.engine.settings import DEFAULT_SETTINGS, EngineSettings
from igalgo.planning.assignment import FloatArray, assign_drafts
from igalgo.planning.params import DEFAULT_PLAN_PARAMS, PlanParams
from igalgo.planning.slots import (
    DAYS_PER_WEEK,
    HOURS_PER_DAY,
    SLOTS_PER_WEEK,
    Slot,
    SlotGrid,
    slot_time,
)
from igalgo.world.model import score_drafts


@dataclass(frozen=True)
class PlannedPost:
    """One post of the schedule: a draft (or the template) at its planned time."""

    draft: Draft
    """The draft with ``publish_at`` set to the planned time."""
    week: int
    """0 for the first planned week."""
    slot: Slot
    estimate: DraftEstimate
    """As ``score`` estimates it within the schedule (``compete=True``)."""
    drivers: tuple[Driver, ...]
    """Changes that would raise its reach on the surface, best first."""


@dataclass(frozen=True)
class Placement:
    """The optimisation behind a schedule of drafts
    (:func:`igalgo.planning.assignment.assign_drafts`)."""

    optimal: bool
    """True when no placement of as many drafts has a larger ``objective``."""
    objective: float
    """What the placement maximises: the sum of the placed drafts' mean reach on the surface,
    each scored on its own at its hour (the spacing rule stands in for competition)."""
    upper_bound: float
    """No placement of as many drafts has a larger ``objective`` (equal to it when optimal)."""


@dataclass(frozen=True)
class Schedule:
    """Posts placed in the planned weeks."""

    surface: Surface
    start: date
    weeks: int
    per_week: int
    spacing_hours: float
    posts: tuple[PlannedPost, ...]
    """In publication order."""
    unplaced: tuple[Draft, ...]
    """Drafts that can reach the surface but found no room (more drafts than
    ``weeks x per_week``, or the spacing leaves no slot)."""
    ineligible: tuple[Draft, ...]
    """Drafts whose format never reaches the surface (e.g. a story for Explore)."""
    no_reach: tuple[Draft, ...]
    """Drafts whose format can reach the surface but that the model gives no reach there at
    any hour (e.g. a feed video longer than Explore recommends): a slot would be wasted."""
    placement: Placement | None
    """How the drafts were placed; None for the template schedule of a plan without drafts."""

    @property
    def expected_reach(self) -> float:
        """Sum of the posts' mean reach on the surface as scored together (they compete)."""
        return sum(post.estimate.surfaces[self.surface].reach.mean for post in self.posts)


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


def slot_values(
    account: Account,
    surface: Surface,
    drafts: Sequence[Draft],
    start: date,
    *,
    settings: EngineSettings,
    seed: int,
) -> FloatArray:
    """Each draft's mean reach on ``surface`` in each hour of the week, scored on its own.

    One engine call (``compete=False``) over every draft at every hour of the week from
    ``start`` (drafts x 168). The model has no seasons: a draft's estimate depends on the
    local weekday and hour it goes out, not on the date (a test pins this), so these values
    serve every planned week. Returns a (drafts, 168) array indexed by
    :attr:`~igalgo.planning.slots.Slot.index`, NaN where the hour does not exist that week.
    """
    zone = ZoneInfo(account.timezone)
    week = planned_hours(start, 1, zone)
    batch = [replace(d, publish_at=c.publish_at) for d in drafts for c in week]
    estimates = score_drafts(account, batch, settings=settings, seed=seed, compete=False)
    values = np.full((len(drafts), SLOTS_PER_WEEK), np.nan)
    for position, estimate in enumerate(estimates):
        row, column = divmod(position, len(week))
        values[row, week[column].slot.index] = estimate.surfaces[surface].reach.mean
    return values


def schedule_drafts(
    account: Account,
    surface: Surface,
    drafts: Sequence[Draft],
    *,
    start: date,
    weeks: int,
    per_week: int,
    settings: EngineSettings = DEFAULT_SETTINGS,
    seed: int = 0,
    params: PlanParams = DEFAULT_PLAN_PARAMS,
    driver_params: DriverParams = DEFAULT_DRIVER_PARAMS,
) -> Schedule:
    """Place ``drafts`` in the hours of ``weeks`` weeks from ``start`` on ``surface``.

    First as many drafts as fit, then the largest sum of their mean reach on the surface
    (each scored on its own at its hour), at most ``per_week`` a week and at least the
    surface's :attr:`~igalgo.planning.params.PlanParams.min_spacing_hours` apart. The placed
    drafts are then scored as one schedule (``compete=True``), as ``score`` would score the
    planned file, and their drivers found with ``driver_params``.
    """
    spacing = params.min_spacing_hours[surface]
    eligible = [d for d in drafts if surface in FORMAT_SURFACES[d.format]]
    ineligible = tuple(d for d in drafts if surface not in FORMAT_SURFACES[d.format])
    zone = ZoneInfo(account.timezone)
    hours = planned_hours(start, weeks, zone)
    assignment = None
    no_reach: list[Draft] = []
    if eligible and hours:
        weekly = slot_values(account, surface, eligible, start, settings=settings, seed=seed)
        reaches = np.nanmax(np.nan_to_num(weekly, nan=0.0), axis=1) > 0
        no_reach = [d for d, ok in zip(eligible, reaches, strict=True) if not ok]
        eligible = [d for d, ok in zip(eligible, reaches, strict=True) if ok]
        columns = [c.slot.index for c in hours]
        values = weekly[reaches][:, columns]
        elapsed = np.array([c.publish_at.timestamp() / 3600.0 for c in hours])
        week_of = np.array([c.week for c in hours], dtype=np.int64)
        if eligible:
            assignment = assign_drafts(values, elapsed, week_of, per_week=per_week, spacing=spacing)
    placed: list[tuple[Draft, PlannedHour]] = []
    unplaced: list[Draft] = []
    for index, draft in enumerate(eligible):
        slot = None if assignment is None else assignment.slots[index]
        if slot is None:
            unplaced.append(draft)
        else:
            placed.append((replace(draft, publish_at=hours[slot].publish_at), hours[slot]))
    placed.sort(key=lambda pair: (pair[0].publish_at, pair[0].id))
    posts = _score_schedule(
        account,
        surface,
        placed,
        settings=settings,
        seed=seed,
        template=params.template,
        driver_params=driver_params,
    )
    placement = (
        Placement(True, 0.0, 0.0)
        if assignment is None
        else Placement(assignment.optimal, assignment.total, assignment.upper_bound)
    )
    return Schedule(
        surface=surface,
        start=start,
        weeks=weeks,
        per_week=per_week,
        spacing_hours=spacing,
        posts=posts,
        unplaced=tuple(unplaced),
        ineligible=ineligible,
        no_reach=tuple(no_reach),
        placement=placement,
    )


def _score_schedule(
    account: Account,
    surface: Surface,
    placed: Sequence[tuple[Draft, PlannedHour]],
    *,
    settings: EngineSettings,
    seed: int,
    template: TemplateShape,
    driver_params: DriverParams,
) -> tuple[PlannedPost, ...]:
    """Score planned drafts together (``compete=True``) and find their drivers."""
    if not placed:
        return ()
    planned = [draft for draft, _ in placed]
    estimates = score_drafts(account, planned, settings=settings, seed=seed, compete=True)
    found = drivers(
        account,
        planned,
        settings=settings,
        seed=seed,
        competing=estimates,
        surfaces=frozenset({surface}),
        params=driver_params,
        template=template,
    )
    return tuple(
        PlannedPost(draft, where.week, where.slot, estimate, tuple(changes))
        for (draft, where), estimate, changes in zip(placed, estimates, found, strict=True)
    )


def template_schedule(
    account: Account,
    grid: SlotGrid,
    slots: Sequence[Slot],
    *,
    start: date,
    weeks: int,
    settings: EngineSettings,
    seed: int,
    params: PlanParams = DEFAULT_PLAN_PARAMS,
    driver_params: DriverParams = DEFAULT_DRIVER_PARAMS,
) -> Schedule:
    """The plan without drafts: the template of the best format at ``slots`` every week."""
    zone = ZoneInfo(account.timezone)
    placed = []
    for week in range(weeks):
        for slot in sorted(slots):
            when = slot_time(start, week, slot, zone)
            if when is not None:
                placed.append(
                    (
                        template_draft(grid.format, when, params.template),
                        PlannedHour(week, slot, when),
                    )
                )
    placed.sort(key=lambda pair: pair[0].publish_at)
    posts = _score_schedule(
        account,
        grid.surface,
        placed,
        settings=settings,
        seed=seed,
        template=params.template,
        driver_params=driver_params,
    )
    spacing = params.min_spacing_hours[grid.surface]
    return Schedule(
        surface=grid.surface,
        start=start,
        weeks=weeks,
        per_week=len(slots),
        spacing_hours=spacing,
        posts=posts,
        unplaced=(),
        ineligible=(),
        no_reach=(),
        placement=None,
    )
