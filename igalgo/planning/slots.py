"""When to post: the weekday x hour grid of a plain post's median reach on one surface, and
the best hours of a repeating week at the spacing rule.

:func:`slot_grid` scores a template draft (:func:`igalgo.advice.templates.template_draft`)
of every candidate format at every hour of one concrete week, each on its own
(``compete=False``), in one engine call; a cell is exactly what ``igalgo score`` estimates
for that draft at that time. Local hours that clocks skip that week have no value.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from types import MappingProxyType
from zoneinfo import ZoneInfo

import numpy as np

from igalgo.advice.best_hours import week_values
from igalgo.advice.templates import DEFAULT_TEMPLATE, TemplateShape, local_time, template_draft
from igalgo.domain import WEEKDAYS, Format, Surface
from igalgo.world.model import Simulation

HOURS_PER_DAY = 24
DAYS_PER_WEEK = 7
SLOTS_PER_WEEK = HOURS_PER_DAY * DAYS_PER_WEEK

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
    samples: int
    """Monte Carlo samples the cells were scored with."""
    ranking: tuple[float, ...] = ()
    """The 168 values (Monday 00:00 first) the plan ranks the week's hours by: the hour
    measure every timing answer reads (:func:`igalgo.advice.best_hours.week_values`) for the
    grid's format on its surface; empty: the hours are ranked by ``median``."""

    def value(self, slot: Slot) -> float | None:
        """Median reach at ``slot``."""
        return self.median[slot.weekday][slot.hour]

    def flat(self) -> list[float]:
        """The 168 values Monday 00:00 first, NaN where the hour does not exist."""
        return [math.nan if v is None else v for row in self.median for v in row]

    def ranks(self) -> list[float]:
        """What the hours are ranked by (:attr:`ranking`, else the medians), Monday 00:00
        first, NaN where the hour does not exist."""
        return list(self.ranking) if self.ranking else self.flat()


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


def slot_time(start: date, week: int, slot: Slot, zone: ZoneInfo) -> datetime | None:
    """The local time of ``slot`` in week ``week`` counted from the week of ``start``, or None
    when clocks skip that hour."""
    day = start + timedelta(days=DAYS_PER_WEEK * week + (slot.weekday - start.weekday()) % 7)
    return local_time(day, slot.hour, zone)


def slot_grid(
    simulation: Simulation,
    surface: Surface,
    week_start: date,
    *,
    template: TemplateShape = DEFAULT_TEMPLATE,
    formats: Sequence[Format] | None = None,
    measure: Simulation | None = None,
) -> SlotGrid:
    """The weekday x hour grid of median reach on ``surface`` for the best format.

    ONE engine call scores a ``template`` draft of every candidate format (``formats``,
    default :data:`SURFACE_FORMATS` of the surface) at every existing hour of the week from
    ``week_start``, each on its own (``compete=False``), in ``simulation``. The
    best format is the one with the highest average median over the week. With ``measure``
    (the drivers' hour screen's run) the hours are ranked by the hour measure of that run
    (:attr:`SlotGrid.ranking`).
    """
    account = simulation.account
    zone = ZoneInfo(account.timezone)
    times = week_times(week_start, zone)
    cells = [(w, h, t) for w, row in enumerate(times) for h, t in enumerate(row) if t is not None]
    formats = tuple(SURFACE_FORMATS[surface] if formats is None else formats)
    batch = [template_draft(fmt, t, template) for fmt in formats for _, _, t in cells]
    estimates = simulation.score_drafts(batch, compete=False)
    medians: dict[Format, list[float]] = {}
    for position, fmt in enumerate(formats):
        chunk = estimates[position * len(cells) : (position + 1) * len(cells)]
        medians[fmt] = [e.surfaces[surface].reach.p50 for e in chunk]
    average = {fmt: float(np.mean(values)) if values else 0.0 for fmt, values in medians.items()}
    best = max(formats, key=lambda fmt: (average[fmt], -formats.index(fmt)))
    grid: list[list[float | None]] = [[None] * HOURS_PER_DAY for _ in range(DAYS_PER_WEEK)]
    for (weekday, hour, _), value in zip(cells, medians[best], strict=True):
        grid[weekday][hour] = value
    ranking = () if measure is None else week_values(measure, frozenset({surface}), week_start)
    return SlotGrid(
        surface=surface,
        format=best,
        week_start=week_start,
        timezone=account.timezone,
        median=tuple(tuple(row) for row in grid),
        publish_at=tuple(tuple(row) for row in times),
        format_reach=MappingProxyType(average),
        samples=simulation.settings.samples,
        ranking=ranking[best] if ranking else (),
    )


def best_time(grid: SlotGrid) -> datetime:
    """The concrete time of the grid's single best slot by its ranking (earliest on ties)."""
    values = grid.ranks()
    index = max(
        (i for i, value in enumerate(values) if not math.isnan(value)),
        key=lambda i: (values[i], -i),
    )
    when = grid.publish_at[index // HOURS_PER_DAY][index % HOURS_PER_DAY]
    assert when is not None  # a slot with a value was scored at a real time
    return when
