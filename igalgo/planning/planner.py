"""``igalgo plan``: when, how often and what to post for one surface, and where drafts go.

For one surface and one account the planner answers, from the same model ``igalgo score``
uses (:func:`igalgo.world.model.score_drafts`; this module never estimates reach itself):

1. **When** -- :func:`slot_grid`: a weekday x hour grid (7 x 24, the account's local time) of
   the median reach on the surface of a plain draft of the account's best format there. One
   batched engine call (``compete=False``) over a template draft per candidate format and
   hour of the first planned week, at the concrete dates of that week (daylight-saving
   correct: a local hour that does not exist that week has no value). A slot's value is
   exactly what ``score`` estimates for that draft at that time.
2. **How often** -- :func:`frequency`: the expected weekly reach on the surface for 1..N posts
   a week, placed in the best slots and scored together (``compete=True``, so the account's
   own posts compete), the marginal reach of each further post, the recommended number and
   the account's current habit.
3. **What** -- the content choices the model rewards there, from
   :func:`igalgo.advice.drivers.drivers` on a template draft, plus how the candidate formats
   compare.
4. **The checklist** items of :func:`igalgo.advice.drivers.checklist` that concern the surface.
5. **With drafts** -- :func:`schedule_drafts`: each draft placed in a slot of the coming weeks,
   as many drafts as fit and then the largest total expected reach, with a minimum spacing
   between the account's own posts (:mod:`igalgo.planning.assignment`, exact).

Pure library code: no printing, no typer, rich or yaml.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from types import MappingProxyType
from zoneinfo import ZoneInfo

import numpy as np

from igalgo.advice import templates
from igalgo.advice.checklist import checklist
from igalgo.advice.drivers import drivers
from igalgo.advice.templates import TemplateShape
from igalgo.advice.templates import local_time as local_time  # part of the planner's API
from igalgo.domain import (
    FORMAT_SURFACES,
    WEEKDAYS,
    Account,
    ChecklistItem,
    Draft,
    DraftEstimate,
    Driver,
    Format,
    Surface,
)
from igalgo.engine.settings import DEFAULT_SETTINGS, EngineSettings
from igalgo.planning.assignment import assign_drafts, best_weekly_slots
from igalgo.world.model import score_drafts

HOURS_PER_DAY = 24
DAYS_PER_WEEK = 7
SLOTS_PER_WEEK = HOURS_PER_DAY * DAYS_PER_WEEK

FREQUENCY_GAP_WEEKS = 1
"""Empty weeks between the schedules of different frequencies in :func:`frequency`'s single
engine call (numerical: far longer than any window in which the account's posts compete)."""


# --- parameters ------------------------------------------------------------------------------


def _per_surface(
    feed: float, stories: float, explore: float, reels: float
) -> Mapping[Surface, float]:
    return MappingProxyType(
        {
            Surface.FEED: feed,
            Surface.STORIES: stories,
            Surface.EXPLORE: explore,
            Surface.REELS: reels,
        }
    )


SURFACE_FORMATS: Mapping[Surface, tuple[Format, ...]] = MappingProxyType(
    {
        Surface.FEED: (Format.PHOTO, Format.CAROUSEL, Format.VIDEO, Format.REEL),
        Surface.STORIES: (Format.STORY,),
        Surface.EXPLORE: (Format.PHOTO, Format.CAROUSEL, Format.REEL),
        Surface.REELS: (Format.REEL,),
    }
)
"""The formats compared for each surface's heatmap. Explore leaves feed videos out: since
2022 a new feed video is a reel, which is in the list."""


@dataclass(frozen=True)
class PlanParams:
    """The planner's own choices; the model's parameters are the engine's."""

    min_spacing_hours: Mapping[Surface, float] = field(
        default_factory=lambda: _per_surface(feed=12, stories=3, explore=24, reels=24)
    )
    """Shortest gap between two of the account's own posts on the surface, hours (a hard rule
    of the schedule and of the recommended slots). Source: measured on the default model
    (bakery carousel and fitness-coach reel at 19:00 local, scored with a second one d hours
    later, ``compete=True``, mean reach of the first against it alone): feed keeps 88-89 % at
    4 h, 92-95 % at 12 h, 97-101 % at 24 h; Explore 97 %, 98 %, 100 %; Reels (author diversity
    and the followers' attention) 62 %, 75 %, 96 %. Stories: assumption; frames of one day lose
    viewers whatever the gap (calibration T12), 3 h keeps them apart in the tray."""

    max_posts_per_week: Mapping[Surface, int] = field(
        default_factory=lambda: MappingProxyType(
            {Surface.FEED: 14, Surface.STORIES: 21, Surface.EXPLORE: 7, Surface.REELS: 7}
        )
    )
    """Largest weekly frequency the frequency curve tries (posts). Assumption: two feed posts
    or three stories a day; Explore and Reels are bounded by their 24 h spacing."""

    marginal_threshold: float = 0.5
    """The recommended frequency is the largest N at which every post up to the N-th still adds
    at least this fraction of the weekly reach one post a week gets (0.5 = half). Assumption:
    beyond that each extra post costs as much effort as the first and brings less than half."""

    template_reel_s: float = 30.0
    """Length of the template reel, seconds. Source: calibration T11 (30-90 s reels do not
    fall behind shorter ones)."""

    template_video_s: float = 60.0
    """Length of the template feed video, seconds. Assumption."""

    template_story_s: float = 15.0
    """Length of the template video story, seconds. Assumption: one story frame."""

    template_slides: int = 5
    """Slides of the template carousel. Assumption (as the drivers' carousel)."""


DEFAULT_PLAN_PARAMS = PlanParams()
"""The planner parameters igalgo uses unless told otherwise."""


# --- results ---------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Slot:
    """An hour of the week in the account's local time."""

    weekday: int
    """0 = Monday ... 6 = Sunday."""
    hour: int
    """Local hour 0..23."""

    @property
    def index(self) -> int:
        """Position in a 168-hour week, Monday 00:00 = 0."""
        return self.weekday * HOURS_PER_DAY + self.hour

    @classmethod
    def of_index(cls, index: int) -> Slot:
        """The slot at ``index`` hours after Monday 00:00."""
        return cls(index // HOURS_PER_DAY, index % HOURS_PER_DAY)

    @property
    def label(self) -> str:
        """``Tue 19:00``."""
        return f"{WEEKDAYS[self.weekday].capitalize()} {self.hour:02d}:00"


@dataclass(frozen=True)
class SlotGrid:
    """Median reach on one surface of a template draft of the best format, per weekday x hour."""

    surface: Surface
    format: Format
    """The account's best format on the surface (highest average median reach over the week)."""
    week_start: date
    """First day of the week whose concrete dates were scored."""
    timezone: str
    median: tuple[tuple[float | None, ...], ...]
    """7 rows (Monday first) of 24 local hours; None where that local time does not exist in
    that week (the hour skipped when clocks go forward)."""
    publish_at: tuple[tuple[datetime | None, ...], ...]
    """The concrete local time of each cell that was scored (same shape as ``median``)."""
    format_reach: Mapping[Format, float]
    """Average over the week's hours of the median reach of each candidate format."""

    def value(self, slot: Slot) -> float | None:
        """Median reach at ``slot``."""
        return self.median[slot.weekday][slot.hour]

    def flat(self) -> list[float]:
        """The 168 values Monday 00:00 first, NaN where the hour does not exist."""
        return [math.nan if v is None else v for row in self.median for v in row]


@dataclass(frozen=True)
class FrequencyPoint:
    """Posting N times a week on the surface."""

    posts_per_week: int
    weekly_reach: float
    """Sum over the week's posts of their mean reach on the surface (accounts reached per
    post, added up: someone reached by two posts counts twice), posts competing."""
    marginal_reach: float
    """What the N-th post adds to ``weekly_reach``."""
    slots: tuple[Slot, ...]
    """Where the N posts go (the best slots at the spacing rule)."""


@dataclass(frozen=True)
class Frequency:
    """The frequency curve, the recommendation and the account's current habit."""

    points: tuple[FrequencyPoint, ...]
    """N = 1 .. max, in order."""
    recommended: int
    threshold: float
    """The :attr:`PlanParams.marginal_threshold` used."""
    current: float
    """The account's current posts per week on this surface (from its profile)."""

    def at(self, posts_per_week: float) -> FrequencyPoint | None:
        """The point for a (rounded) frequency, or None outside the curve."""
        wanted = round(posts_per_week)
        return next((p for p in self.points if p.posts_per_week == wanted), None)


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


# --- time ------------------------------------------------------------------------------------


def next_monday(today: date) -> date:
    """The first Monday after ``today`` (a week ahead when today is a Monday)."""
    return today + timedelta(days=DAYS_PER_WEEK - today.weekday())


def today_in(timezone: str) -> date:
    """Today's date in ``timezone``."""
    return datetime.now(ZoneInfo(timezone)).date()


def week_times(week_start: date, zone: ZoneInfo) -> list[list[datetime | None]]:
    """The concrete local times of the week from ``week_start``: 7 rows (Monday first) x 24.

    The row of a weekday holds the date in ``[week_start, week_start + 7 days)`` with that
    weekday, so the rows are Monday..Sunday whatever day the week starts on.
    """
    rows: list[list[datetime | None]] = [[] for _ in range(DAYS_PER_WEEK)]
    for offset in range(DAYS_PER_WEEK):
        day = week_start + timedelta(days=offset)
        rows[day.weekday()] = [local_time(day, hour, zone) for hour in range(HOURS_PER_DAY)]
    return rows


# --- templates -------------------------------------------------------------------------------


def template_draft(
    fmt: Format, publish_at: datetime, params: PlanParams = DEFAULT_PLAN_PARAMS
) -> Draft:
    """A plain draft of ``fmt`` (:func:`igalgo.advice.templates.template_draft`) shaped by
    ``params``: standard quality, no caption, hashtags or location.

    Plain on purpose: the heatmap ranks times, and the drivers measured on it show what the
    content choices add. Reels, videos and stories have original audio.
    """
    shape = TemplateShape(
        reel_s=params.template_reel_s,
        video_s=params.template_video_s,
        story_s=params.template_story_s,
        slides=params.template_slides,
    )
    return templates.template_draft(fmt, publish_at, shape)


# --- 1. when ---------------------------------------------------------------------------------


def slot_grid(
    account: Account,
    surface: Surface,
    week_start: date,
    *,
    settings: EngineSettings = DEFAULT_SETTINGS,
    seed: int = 0,
    params: PlanParams = DEFAULT_PLAN_PARAMS,
) -> SlotGrid:
    """The weekday x hour grid of median reach on ``surface`` for the best format.

    ONE engine call scores a template draft of every candidate format at every existing hour
    of the week from ``week_start``, each on its own (``compete=False``), with ``seed`` and
    ``samples``. The best format is the one with the highest average median over the week.
    """
    zone = ZoneInfo(account.timezone)
    times = week_times(week_start, zone)
    cells = [(w, h, t) for w, row in enumerate(times) for h, t in enumerate(row) if t is not None]
    formats = SURFACE_FORMATS[surface]
    batch = [template_draft(fmt, t, params) for fmt in formats for _, _, t in cells]
    estimates = score_drafts(account, batch, settings=settings, seed=seed, compete=False)
    medians: dict[Format, list[float]] = {}
    for position, fmt in enumerate(formats):
        chunk = estimates[position * len(cells) : (position + 1) * len(cells)]
        medians[fmt] = [e.surfaces[surface].reach.p50 for e in chunk]
    average = {fmt: float(np.mean(values)) if values else 0.0 for fmt, values in medians.items()}
    best = max(formats, key=lambda fmt: (average[fmt], -formats.index(fmt)))
    grid: list[list[float | None]] = [[None] * HOURS_PER_DAY for _ in range(DAYS_PER_WEEK)]
    for (weekday, hour, _), value in zip(cells, medians[best], strict=True):
        grid[weekday][hour] = value
    return SlotGrid(
        surface=surface,
        format=best,
        week_start=week_start,
        timezone=account.timezone,
        median=tuple(tuple(row) for row in grid),
        publish_at=tuple(tuple(row) for row in times),
        format_reach=MappingProxyType(average),
    )


def best_time(grid: SlotGrid) -> datetime:
    """The concrete time of the grid's single best slot (earliest on ties)."""
    values = grid.flat()
    index = max(
        (i for i, value in enumerate(values) if not math.isnan(value)),
        key=lambda i: (values[i], -i),
    )
    when = grid.publish_at[index // HOURS_PER_DAY][index % HOURS_PER_DAY]
    assert when is not None  # a slot with a value was scored at a real time
    return when


def best_slots(grid: SlotGrid, count: int, spacing_hours: float) -> tuple[Slot, ...]:
    """The ``count`` slots of the week with the largest total median reach, at least
    ``spacing_hours`` apart (also across the end of the week: the plan repeats weekly)."""
    chosen = best_weekly_slots(grid.flat(), count, math.ceil(spacing_hours))
    return tuple(Slot.of_index(index) for index in chosen)


# --- 2. how often ----------------------------------------------------------------------------


def frequency(
    account: Account,
    grid: SlotGrid,
    *,
    settings: EngineSettings = DEFAULT_SETTINGS,
    seed: int = 0,
    params: PlanParams = DEFAULT_PLAN_PARAMS,
    batched: bool = True,
) -> Frequency:
    """Expected weekly reach on the grid's surface for 1..max posts a week.

    For each N the template of the grid's format goes into the N best slots of three
    consecutive weeks (so that the middle week's posts have competing neighbours on both
    sides), scored together (``compete=True``); the middle week's mean reach is summed.

    All N go into ONE engine call (``batched``): each N's three weeks are followed by
    :data:`FREQUENCY_GAP_WEEKS` empty weeks, and the account's posts compete only within days
    (the feed's 48 h candidate window is the longest), while the model has no seasons; so the
    N do not touch each other. A test pins that this equals one call per N (``batched=False``).
    """
    surface = grid.surface
    spacing = params.min_spacing_hours[surface]
    zone = ZoneInfo(account.timezone)
    patterns: list[tuple[Slot, ...]] = []
    for count in range(1, params.max_posts_per_week[surface] + 1):
        slots = best_slots(grid, count, spacing)
        if len(slots) < count:
            break  # the spacing rule leaves no room for more
        patterns.append(slots)
    blocks: list[list[tuple[bool, datetime]]] = []
    week = 0
    for slots in patterns:
        while True:  # the first three weeks from `week` in which every slot's hour exists
            times = [
                (offset == 1, _slot_time(grid.week_start, week + offset, slot, zone))
                for offset in range(3)
                for slot in slots
            ]
            if all(when is not None for _, when in times):
                break
            week += 1
        blocks.append([(middle, when) for middle, when in times if when is not None])
        week += 3 + FREQUENCY_GAP_WEEKS
    drafts = [[template_draft(grid.format, when, params) for _, when in block] for block in blocks]
    if batched:
        flat = score_drafts(
            account, [d for block in drafts for d in block], settings=settings, seed=seed
        )
        sizes = np.cumsum([0, *(len(block) for block in drafts)])
        estimates = [flat[sizes[i] : sizes[i + 1]] for i in range(len(drafts))]
    else:
        estimates = [score_drafts(account, block, settings=settings, seed=seed) for block in drafts]
    points: list[FrequencyPoint] = []
    previous = 0.0
    for slots, block, scored in zip(patterns, blocks, estimates, strict=True):
        weekly = sum(
            estimate.surfaces[surface].reach.mean
            for (middle, _), estimate in zip(block, scored, strict=True)
            if middle
        )
        points.append(FrequencyPoint(len(slots), weekly, weekly - previous, slots))
        previous = weekly
    return Frequency(
        points=tuple(points),
        recommended=recommend(points, params.marginal_threshold),
        threshold=params.marginal_threshold,
        current=current_per_week(account, surface),
    )


def recommend(points: Sequence[FrequencyPoint], threshold: float) -> int:
    """The largest N such that every post up to the N-th adds at least ``threshold`` times the
    weekly reach of one post a week; 0 when one post a week reaches nobody (more posts would
    only multiply nothing)."""
    if not points or points[0].weekly_reach <= 0:
        return 0
    first = points[0].weekly_reach
    recommended = 1
    for point in points[1:]:
        if point.marginal_reach < threshold * first:
            break
        recommended = point.posts_per_week
    return recommended


def current_per_week(account: Account, surface: Surface) -> float:
    """The account's current posts per week that can reach ``surface``, from its profile.

    Feed and Explore show feed posts and reels (a reel is shared to the feed), the Reels tab
    only reels, the stories tray only stories.
    """
    posting = account.posting
    if surface is Surface.STORIES:
        return posting.stories_per_week
    if surface is Surface.REELS:
        return posting.reels_per_week
    return posting.feed_per_week + posting.reels_per_week


def _slot_time(start: date, week: int, slot: Slot, zone: ZoneInfo) -> datetime | None:
    """The local time of ``slot`` in week ``week`` counted from the week of ``start``."""
    day = start + timedelta(days=DAYS_PER_WEEK * week + (slot.weekday - start.weekday()) % 7)
    return local_time(day, slot.hour, zone)


# --- 5. with drafts --------------------------------------------------------------------------


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
) -> tuple[list[PlannedHour], np.ndarray]:
    """Each draft's mean reach on ``surface`` in each hour of the week, scored on its own.

    One engine call (``compete=False``) over every draft at every hour of the week from
    ``start`` (drafts x 168). The model has no seasons: a draft's estimate depends on the
    local weekday and hour it goes out, not on the date (a test pins this), so these values
    serve every planned week. Returns the week's hours and a (drafts, 168) array, NaN where
    the hour does not exist that week.
    """
    zone = ZoneInfo(account.timezone)
    week = planned_hours(start, 1, zone)
    batch = [replace(d, publish_at=c.publish_at) for d in drafts for c in week]
    estimates = score_drafts(account, batch, settings=settings, seed=seed, compete=False)
    values = np.full((len(drafts), SLOTS_PER_WEEK), np.nan)
    for position, estimate in enumerate(estimates):
        row, column = divmod(position, len(week))
        values[row, week[column].slot.index] = estimate.surfaces[surface].reach.mean
    return week, values


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
) -> Schedule:
    """Place ``drafts`` in the hours of ``weeks`` weeks from ``start`` on ``surface``.

    First as many drafts as fit, then the largest sum of their mean reach on the surface
    (each scored on its own at its hour), at most ``per_week`` a week and at least the
    surface's :attr:`PlanParams.min_spacing_hours` apart. The placed drafts are then scored
    as one schedule (``compete=True``), as ``score`` would score the planned file.
    """
    spacing = params.min_spacing_hours[surface]
    eligible = [d for d in drafts if surface in FORMAT_SURFACES[d.format]]
    ineligible = tuple(d for d in drafts if surface not in FORMAT_SURFACES[d.format])
    zone = ZoneInfo(account.timezone)
    hours = planned_hours(start, weeks, zone)
    assignment = None
    no_reach: list[Draft] = []
    if eligible and hours:
        _, weekly = slot_values(account, surface, eligible, start, settings=settings, seed=seed)
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
    posts = _score_schedule(account, surface, placed, settings=settings, seed=seed)
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
) -> Schedule:
    """The plan without drafts: the template of the best format at ``slots`` every week."""
    zone = ZoneInfo(account.timezone)
    placed = []
    for week in range(weeks):
        for slot in sorted(slots):
            when = _slot_time(start, week, slot, zone)
            if when is not None:
                placed.append(
                    (template_draft(grid.format, when, params), PlannedHour(week, slot, when))
                )
    placed.sort(key=lambda pair: pair[0].publish_at)
    posts = _score_schedule(account, grid.surface, placed, settings=settings, seed=seed)
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


# --- the whole plan --------------------------------------------------------------------------


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
    today: date | None = None,
) -> Plan:
    """Plan posting on ``surface`` for ``account``; see the module docstring.

    ``start`` defaults to the Monday after ``today`` (default: today in the account's time
    zone); ``per_week`` defaults to the recommended frequency. Raises ValueError for
    ``weeks < 1`` or ``per_week < 1``.
    """
    if weeks < 1:
        raise ValueError(f"weeks must be at least 1, got {weeks}")
    if per_week is not None and per_week < 1:
        raise ValueError(f"per_week must be at least 1, got {per_week}")
    if start is None:
        start = next_monday(today or today_in(account.timezone))
    grid = slot_grid(account, surface, start, settings=settings, seed=seed, params=params)
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
        )
    template = template_draft(grid.format, best_time(grid), params)
    (content,) = drivers(
        account, [template], settings=settings, seed=seed, surfaces=frozenset({surface})
    )
    items = checklist(
        account,
        [post.draft for post in schedule.posts],
        [post.estimate for post in schedule.posts],
        found=[post.drivers for post in schedule.posts],
        surfaces=frozenset({surface}),
        template=drafts is None,
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
