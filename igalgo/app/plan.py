"""The use case behind ``igalgo plan``: when, how often and what to post for one account, on
one surface or across all of them, and where the account's drafts go.

:func:`plan_account` (one surface, or feed posts, reels and stories together, for total
unique reach) answers from the same model ``igalgo score`` uses (they
never estimate reach themselves). Per lane (one kind of post: feed posts, reels, stories; one
lane for one surface):

1. **When** -- :func:`igalgo.planning.slots.slot_grid`: a weekday x hour grid of the median
   reach of a plain draft of the account's best format there, its hours ranked by the hour
   measure of the drivers and the checklist, and the week's slots chosen one after the other
   among each day's best with the posts competing (:func:`igalgo.planning.weeks.slot_sequence`).
2. **How often** -- :func:`igalgo.planning.frequency.frequency`: the weekly reach for 1..N
   posts a week in those slots and the recommended number next to the account's habit.
3. **What** -- the content changes :func:`igalgo.advice.drivers.drivers` finds on a template
   draft at the best hour.

Then for the whole plan:

4. **The schedule** -- :func:`igalgo.planning.schedule.schedule_drafts`: undated drafts placed
   in the coming weeks, dated ones kept at their time; without drafts the template goes into
   the recommended slots. Either way the posts are then moved by the drivers' own rule until
   it has no move left, so ``igalgo score`` suggests none for them.
5. **The checklist** items of :func:`igalgo.advice.checklist.checklist` that concern the
   surfaces, judged on the planned posts and the heatmap.

Nothing here prints; the CLI does.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

from igalgo.advice.best_hours import hour_measure
from igalgo.advice.checklist import DEFAULT_CHECKLIST_PARAMS, ChecklistParams, checklist
from igalgo.advice.checklist_facts import Curve
from igalgo.advice.drivers import DEFAULT_DRIVER_PARAMS, DriverParams, drivers
from igalgo.advice.moves import required_gap, screen_run
from igalgo.advice.templates import template_draft
from igalgo.app.dating import (
    now_in,
    past_notes,
    start_date,
    start_warning,
    today_in,
    warning_lines,
)
from igalgo.app.files import (
    account_input,
    command_line_inputs,
    refuse_inputs_as_outputs,
    stdin_at_most_once,
    trusted_folder,
)
from igalgo.domain import (
    ALL_SURFACES,
    Account,
    ChecklistItem,
    Draft,
    Driver,
    Format,
    Surface,
)
from igalgo.engine.settings import DEFAULT_SETTINGS, EngineSettings
from igalgo.errors import UsageError
from igalgo.planning.frequency import Frequency, frequency
from igalgo.planning.params import DEFAULT_PLAN_PARAMS, PlanParams
from igalgo.planning.schedule import (
    Schedule,
    lane_of,
    lane_spacing,
    lanes,
    schedule_drafts,
    template_schedule,
)
from igalgo.planning.slots import (
    DAYS_PER_WEEK,
    SURFACE_FORMATS,
    Slot,
    SlotGrid,
    best_time,
    slot_grid,
)
from igalgo.planning.weeks import slot_sequence
from igalgo.world.model import Simulation


@dataclass(frozen=True)
class LanePlan:
    """When, how often and what to post for one kind of post (the posts of one surface)."""

    surface: Surface
    grid: SlotGrid
    recommended_slots: tuple[Slot, ...]
    """The week's first ``per_week`` chosen slots, in week order."""
    frequency: Frequency
    per_week: int
    """Posts per week the plan uses (``--per-week`` or the recommendation)."""
    content: tuple[Driver, ...]
    """Content changes the model rewards on the surface for a template draft, best first."""
    template: Draft
    """The template draft ``content`` was measured on (best format at the best slot)."""


@dataclass(frozen=True)
class Plan:
    """Everything ``igalgo plan`` says for one account."""

    account: Account
    surfaces: frozenset[Surface]
    """The surfaces planned for: one, or all four (:attr:`PlanOptions.surface` None)."""
    seed: int
    samples: int
    lanes: tuple[LanePlan, ...]
    """One per kind of post, in placing order (reels, feed posts, stories)."""
    checklist: tuple[ChecklistItem, ...]
    schedule: Schedule
    """The planned posts: the drafts given, or else the template at the recommended slots."""
    from_drafts: bool
    """True when ``schedule`` places the user's drafts."""
    params: PlanParams
    driver_params: DriverParams = DEFAULT_DRIVER_PARAMS

    @property
    def surface(self) -> Surface | None:
        """The one surface planned for, or None for a plan of all surfaces."""
        if len(self.surfaces) == 1:
            (only,) = self.surfaces
            return only
        return None

    def lane(self, surface: Surface) -> LanePlan:
        """The lane of ``surface`` (KeyError when the plan has none)."""
        for lane in self.lanes:
            if lane.surface is surface:
                return lane
        raise KeyError(surface)


def next_monday(today: date) -> date:
    """The first Monday after ``today`` (a week ahead when today is a Monday)."""
    return today + timedelta(days=DAYS_PER_WEEK - today.weekday())


@dataclass(frozen=True)
class PlanOptions:
    """What a plan covers and how it is made; the defaults are ``igalgo plan``'s."""

    surface: Surface | None = None
    """The one surface to plan for; None plans feed posts, reels and stories together, for
    total unique reach."""
    start: date | None = None
    """The first day; default the Monday after ``today``."""
    weeks: int = 2
    per_week: int | None = None
    """Posts per week on the surface (of each kind of post without ``surface``); default each
    lane's recommended frequency."""
    settings: EngineSettings = DEFAULT_SETTINGS
    seed: int = 0
    params: PlanParams = DEFAULT_PLAN_PARAMS
    driver_params: DriverParams = DEFAULT_DRIVER_PARAMS
    """Every driver, of the templates and of the planned posts, is found with these."""
    checklist_params: ChecklistParams = DEFAULT_CHECKLIST_PARAMS
    today: date | None = None
    """The day taken as today (default: today in the account's time zone)."""
    clock: time | None = None
    """The time of day taken as now on ``today`` (None: its start), for the past-date warnings."""

    @property
    def surfaces(self) -> frozenset[Surface]:
        """The surfaces planned for: the one given, or all four."""
        return frozenset({self.surface}) if self.surface is not None else ALL_SURFACES


DEFAULT_PLAN_OPTIONS = PlanOptions()
"""Two weeks of every surface from next Monday, at the recommended frequencies."""


@dataclass(frozen=True)
class PlanInputs:
    """What ``igalgo plan`` plans, read and checked: the account, its drafts, the warnings."""

    account: Account
    drafts: tuple[Draft, ...] | None
    """The drafts to place; None plans the template post."""
    source: str
    """The drafts file, or else the profile, as given (``-`` for standard input)."""
    options: PlanOptions
    warnings: tuple[str, ...]
    """Lines for stderr: a start or drafts dated before today."""


def plan_inputs(
    account: str | None,
    drafts: str | None,
    options: PlanOptions = DEFAULT_PLAN_OPTIONS,
    *,
    start: str | None = None,
    outputs: Mapping[str, Path] | None = None,
    confine_accounts: bool = False,
    profiles: Path | None = None,
) -> PlanInputs:
    """Read what ``igalgo plan`` is asked to plan: the drafts file ``drafts`` (its account, or
    ``account``'s) or the profile ``account`` alone, with ``start`` (YYYY-MM-DD) as the first
    day. Raises UsageError for neither given, standard input twice, a bad ``start`` or an
    output (of ``outputs``) that is an input; InputError for a file that cannot be read."""
    from igalgo.inputs.loader import load_account, load_drafts  # yaml: only when reading

    first_day = start_date(start)
    if drafts is None and account is None:
        raise UsageError("give --account PROFILE or --drafts FILE (whose account is used)")
    stdin_at_most_once([("--drafts", drafts), ("--account", account)])
    written = dict(outputs or {})
    refuse_inputs_as_outputs(written, command_line_inputs([drafts] if drafts else [], account))
    if drafts is not None:
        drafts_file = load_drafts(
            drafts,
            account,
            confine_accounts=confine_accounts,
            profiles=trusted_folder(profiles),
            today=options.today,
        )
        refuse_inputs_as_outputs(written, account_input(drafts_file))
        who, planned, source = drafts_file.account, drafts_file.drafts, drafts_file.source
    else:
        assert account is not None
        who, planned, source = load_account(account), None, account
    today = today_in(who.timezone, options.today)
    warnings = [] if first_day is None else [start_warning(first_day, who.timezone, today)]
    if planned is not None:
        now = now_in(who.timezone, options.today, options.clock)
        warnings += warning_lines(source, past_notes(who, planned, now))
    chosen = replace(options, start=first_day) if first_day is not None else options
    return PlanInputs(who, planned, source, chosen, tuple(w for w in warnings if w))


def plan_account(
    account: Account,
    drafts: Sequence[Draft] | None = None,
    options: PlanOptions = DEFAULT_PLAN_OPTIONS,
    *,
    progress: Callable[[str], None] | None = None,
    grids: Mapping[Surface, SlotGrid] | None = None,
    lanes_made: Mapping[Surface, LanePlan] | None = None,
) -> Plan:
    """Plan posting for ``account`` (the steps are in the module docstring), placing
    ``drafts`` if given; ``options`` say for which surfaces, from when, for how long and how
    often. ``progress`` is told each step as it starts (for a status line). ``grids`` are
    lanes' heatmaps computed already by :func:`lane_grid`, ``lanes_made`` lanes planned
    already by :func:`lane_plan` (the report makes both in worker processes, each as soon as
    what it needs is known); the others are computed here. Raises ValueError for
    ``weeks < 1`` or ``per_week < 1``.
    """
    surfaces, weeks, per_week = options.surfaces, options.weeks, options.per_week
    settings, seed, params = options.settings, options.seed, options.params
    driver_params = options.driver_params
    tell = progress or (lambda step: None)
    if weeks < 1:
        raise ValueError(f"weeks must be at least 1, got {weeks}")
    if per_week is not None and per_week < 1:
        raise ValueError(f"per_week must be at least 1, got {per_week}")
    start = plan_start(account, options)
    simulation = Simulation(account, settings=settings, seed=seed)
    planned: list[LanePlan] = []
    tell("finding the best hours of each kind of post")
    for lane in lanes(surfaces):
        made = (lanes_made or {}).get(lane)
        if made is not None:
            planned.append(made)
            continue
        grid = (grids or {}).get(lane)
        if grid is None:
            grid = lane_grid(simulation, surfaces, lane, start, params, driver_params)
        planned.append(
            _plan_lane(simulation, surfaces, grid, planned, per_week, params, driver_params)
        )
    if drafts is None:
        schedule = template_schedule(
            simulation,
            surfaces,
            {p.surface: (p.grid.format, p.recommended_slots) for p in planned},
            start=start,
            weeks=weeks,
            plan_params=params,
            driver_params=driver_params,
        )
    else:
        schedule = schedule_drafts(
            simulation,
            surfaces,
            drafts,
            start=start,
            weeks=weeks,
            per_week={p.surface: p.per_week for p in planned},
            slots={p.surface: p.recommended_slots for p in planned},
            driver_params=driver_params,
            progress=tell,
        )
    items = checklist(
        account,
        [post.draft for post in schedule.posts],
        [post.estimate for post in schedule.posts],
        found=[post.drivers for post in schedule.posts],
        surfaces=surfaces,
        template=drafts is None,
        checklist_params=options.checklist_params,
        driver_params=driver_params,
        slots={p.surface: tuple(s.label for s in p.recommended_slots) for p in planned},
        curves={p.surface: _curve(p.frequency) for p in planned},
        hours=hour_measure(
            simulation,
            [post.draft.format for post in schedule.posts] or [p.grid.format for p in planned],
            surfaces,
            start,
            screen_samples=driver_params.time_search_samples,
            keep_share=options.checklist_params.timing_improve,
        ),
    )
    return Plan(
        account=account,
        surfaces=surfaces,
        seed=seed,
        samples=settings.samples,
        lanes=tuple(planned),
        checklist=items,
        schedule=schedule,
        from_drafts=drafts is not None,
        params=params,
        driver_params=driver_params,
    )


def plan_start(account: Account, options: PlanOptions) -> date:
    """The plan's first day: ``options.start``, or the Monday after today."""
    return options.start or next_monday(today_in(account.timezone, options.today))


def lane_grid(
    simulation: Simulation,
    surfaces: frozenset[Surface],
    lane: Surface,
    start: date,
    plan_params: PlanParams,
    driver_params: DriverParams = DEFAULT_DRIVER_PARAMS,
) -> SlotGrid:
    """The heatmap of one lane of a plan of ``surfaces`` from ``start`` (of the lane's own
    formats, at ``plan_params.heatmap_samples``), its hours ranked by the hour measure of the
    drivers' screen and the checklist (:func:`igalgo.advice.best_hours.week_values`); it
    depends on no other lane."""
    return slot_grid(
        simulation.with_samples_at_most(plan_params.heatmap_samples),
        lane,
        start,
        template=plan_params.template,
        formats=lane_formats(lane, surfaces),
        measure=screen_run(simulation, driver_params.time_search_samples),
    )


def lane_formats(lane: Surface, surfaces: frozenset[Surface]) -> tuple[Format, ...]:
    """The formats whose posts go into ``lane`` in a plan of ``surfaces``: its heatmap's
    candidates (:func:`lane_grid`)."""
    return tuple(f for f in SURFACE_FORMATS[lane] if lane_of(f, surfaces) == lane)


def lanes_needed(
    lane: Surface, surfaces: frozenset[Surface], driver_params: DriverParams
) -> tuple[Surface, ...]:
    """The lanes placed before ``lane`` whose slots its slot search keeps its posts apart
    from (:func:`lane_plan`'s ``before``): those with a format that needs a gap from one of
    ``lane``'s. The others' slots never change ``lane``'s plan (a story and a photo keep no
    gap), so it can be made before them or beside them."""
    order = lanes(surfaces)
    rule = driver_params.min_spacing_hours
    own = lane_formats(lane, surfaces)
    return tuple(
        other
        for other in order[: order.index(lane)]
        if any(
            required_gap(mine, theirs, surfaces, rule) > 0
            for mine in own
            for theirs in lane_formats(other, surfaces)
        )
    )


def lane_plan(
    simulation: Simulation,
    grid: SlotGrid,
    before: Sequence[LanePlan],
    options: PlanOptions,
) -> LanePlan:
    """One lane of :func:`plan_account`'s plan (of ``options.surfaces``) from its heatmap
    ``grid``, made alone: ``before`` are the lanes of :func:`lanes_needed`, in lane order
    (the ones :func:`plan_account` places before it and whose slots it keeps apart from)."""
    return _plan_lane(
        simulation,
        options.surfaces,
        grid,
        before,
        options.per_week,
        options.params,
        options.driver_params,
    )


def _plan_lane(
    simulation: Simulation,
    surfaces: frozenset[Surface],
    grid: SlotGrid,
    before: Sequence[LanePlan],
    per_week: int | None,
    plan_params: PlanParams,
    driver_params: DriverParams,
) -> LanePlan:
    """Slots, frequency and content advice of the lane of ``grid``; ``before`` are the lanes
    placed already, whose slots this lane keeps the spacing rule from."""
    lane = grid.surface
    rule = driver_params.min_spacing_hours
    blocked = [
        (slot, required_gap(grid.format, other.grid.format, surfaces, rule))
        for other in before
        for slot in other.recommended_slots
    ]
    sequence = slot_sequence(
        simulation.with_samples_at_most(plan_params.search_samples).plain(),
        grid,
        plan_params.max_posts_per_week[lane],
        lane_spacing(surfaces, driver_params)[lane],
        blocked=[(slot, gap) for slot, gap in blocked if gap > 0],
        candidates_per_day=plan_params.slot_candidates_per_day,
        template=plan_params.template,
    )
    curve = frequency(simulation, grid, sequence, plan_params=plan_params)
    # With no reach to gain (recommended 0), one template post a week still shows the slots.
    chosen = per_week or max(1, curve.recommended)
    slots = tuple(sorted(sequence[:chosen]))
    when = best_time(grid) if not slots else _slot_time(grid, slots, sequence)
    template = replace(template_draft(grid.format, when, plan_params.template), pinned=False)
    (content,) = drivers(
        simulation, [template], surfaces=frozenset({lane}), driver_params=driver_params
    )
    return LanePlan(lane, grid, slots, curve, chosen, tuple(content), template)


def _slot_time(grid: SlotGrid, slots: Sequence[Slot], sequence: Sequence[Slot]) -> datetime:
    """The concrete time, in the grid's week, of the first slot chosen."""
    first = next(s for s in sequence if s in slots)
    when = grid.publish_at[first.weekday][first.hour]
    return when if when is not None else best_time(grid)


def _curve(curve: Frequency) -> Curve:
    """What the checklist's frequency item reads of a lane's curve."""
    following = curve.at(curve.recommended + 1)
    return Curve(
        recommended=curve.recommended,
        by_curve=curve.recommended if curve.by_curve is None else curve.by_curve,
        capacity=curve.capacity,
        current=curve.current,
        one_more=None if following is None else following.marginal_reach,
    )
