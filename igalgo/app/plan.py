"""The use case behind ``igalgo plan``: when, how often and what to post on one surface for
one account, and where the account's drafts go.

:func:`plan_surface` answers from the same model ``igalgo score`` uses (it never estimates
reach itself):

1. **When** -- :func:`igalgo.planning.slots.slot_grid`: a weekday x hour grid of the median
   reach on the surface of a plain draft of the account's best format there.
2. **How often** -- :func:`igalgo.planning.frequency.frequency`: the expected weekly reach for
   1..N posts a week in the best slots, the account's own posts competing, and the
   recommended number next to the account's current habit.
3. **What** -- the content changes :func:`igalgo.advice.drivers.drivers` finds on a template
   draft at the best hour.
4. **The checklist** items of :func:`igalgo.advice.checklist.checklist` that concern the
   surface, judged on the planned posts.
5. **With drafts** -- :func:`igalgo.planning.schedule.schedule_drafts`: each draft placed in a
   slot of the coming weeks; without drafts the template goes into the recommended slots.

Nothing here prints; the CLI does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from igalgo.advice.checklist import DEFAULT_CHECKLIST_PARAMS, ChecklistParams, checklist
from igalgo.advice.drivers import DEFAULT_DRIVER_PARAMS, DriverParams, drivers
from igalgo.advice.templates import template_draft
from igalgo.domain import Account, ChecklistItem, Draft, Driver, Surface
from igalgo.engine.settings import DEFAULT_SETTINGS, EngineSettings
from igalgo.planning.frequency import Frequency, frequency
from igalgo.planning.params import DEFAULT_PLAN_PARAMS, PlanParams
from igalgo.planning.schedule import Schedule, schedule_drafts, template_schedule
from igalgo.planning.slots import DAYS_PER_WEEK, Slot, SlotGrid, best_slots, best_time, slot_grid


@dataclass(frozen=True)
class Plan:
    """Everything ``igalgo plan`` says about one surface for one account."""

    account: Account
    surface: Surface
    seed: int
    samples: int
    grid: SlotGrid
    recommended_slots: tuple[Slot, ...]
    """The best ``per_week`` slots of the week at the spacing rule, in week order."""
    frequency: Frequency
    per_week: int
    """Posts per week the plan uses (``--per-week`` or the recommendation)."""
    content: tuple[Driver, ...]
    """Content changes the model rewards on the surface for a template draft, best first."""
    template: Draft
    """The template draft ``content`` was measured on (best format at the best slot)."""
    checklist: tuple[ChecklistItem, ...]
    schedule: Schedule
    """The planned posts: the drafts given, or else the template at the recommended slots."""
    from_drafts: bool
    """True when ``schedule`` places the user's drafts."""
    params: PlanParams


def next_monday(today: date) -> date:
    """The first Monday after ``today`` (a week ahead when today is a Monday)."""
    return today + timedelta(days=DAYS_PER_WEEK - today.weekday())


def today_in(timezone: str) -> date:
    """Today's date in ``timezone``."""
    return datetime.now(ZoneInfo(timezone)).date()


def plan_surface(
    account: Account,
    surface: Surface,
    drafts: Sequence[Draft] | None = None,
    *,
    start: date | None = None,
    weeks: int = 2,
    per_week: int | None = None,
    settings: EngineSettings = DEFAULT_SETTINGS,
    seed: int = 0,
    params: PlanParams = DEFAULT_PLAN_PARAMS,
    driver_params: DriverParams = DEFAULT_DRIVER_PARAMS,
    checklist_params: ChecklistParams = DEFAULT_CHECKLIST_PARAMS,
    today: date | None = None,
) -> Plan:
    """Plan posting on ``surface`` for ``account`` (the steps are in the module docstring).

    ``start`` defaults to the Monday after ``today`` (default: today in the account's time
    zone); ``per_week`` defaults to the recommended frequency. Every driver, of the template
    and of the planned posts, is found with ``driver_params``, and the checklist judges with
    ``checklist_params``. Raises ValueError for ``weeks < 1`` or ``per_week < 1``.
    """
    if weeks < 1:
        raise ValueError(f"weeks must be at least 1, got {weeks}")
    if per_week is not None and per_week < 1:
        raise ValueError(f"per_week must be at least 1, got {per_week}")
    if start is None:
        start = next_monday(today or today_in(account.timezone))
    grid = slot_grid(
        account, surface, start, settings=settings, seed=seed, template=params.template
    )
    curve = frequency(account, grid, settings=settings, seed=seed, params=params)
    # With no reach to gain (recommended 0), one template post a week still shows the slots.
    chosen = per_week or max(1, curve.recommended)
    spacing = params.min_spacing_hours[surface]
    slots = best_slots(grid, chosen, spacing)
    if drafts is None:
        schedule = template_schedule(
            account,
            grid,
            slots,
            start=start,
            weeks=weeks,
            settings=settings,
            seed=seed,
            params=params,
            driver_params=driver_params,
        )
    else:
        schedule = schedule_drafts(
            account,
            surface,
            drafts,
            start=start,
            weeks=weeks,
            per_week=chosen,
            settings=settings,
            seed=seed,
            params=params,
            driver_params=driver_params,
        )
    template = template_draft(grid.format, best_time(grid), params.template)
    (content,) = drivers(
        account,
        [template],
        settings=settings,
        seed=seed,
        surfaces=frozenset({surface}),
        params=driver_params,
        template=params.template,
    )
    items = checklist(
        account,
        [post.draft for post in schedule.posts],
        [post.estimate for post in schedule.posts],
        found=[post.drivers for post in schedule.posts],
        surfaces=frozenset({surface}),
        template=drafts is None,
        params=checklist_params,
        driver_params=driver_params,
    )
    return Plan(
        account=account,
        surface=surface,
        seed=seed,
        samples=settings.samples,
        grid=grid,
        recommended_slots=slots,
        frequency=curve,
        per_week=chosen,
        content=tuple(content),
        template=template,
        checklist=items,
        schedule=schedule,
        from_drafts=drafts is not None,
        params=params,
    )
