"""The one timing measure advice speaks from: the model's typical reach of each kind of post
by local hour, and the profile's usual ``times`` that it rejects.

The measure is the one the drivers' hour screen values hours with
(:func:`igalgo.advice.moves.typical_values`: the typical post of a format, on its own in the
account's model, so the account's usual posting competes with it, with the screen's samples),
at every hour of one week, averaged per local hour over the week's days. The checklist's
timing and audience items of ``score`` and ``plan`` and the plan's note on the usual times
all read it and word a rejected time with :func:`rejected_words`, so they give one answer.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from igalgo.advice.moves import on_surfaces, screen_run, typical_post
from igalgo.advice.templates import day_hours
from igalgo.advice.wording import format_word, percent_words
from igalgo.domain import Format, Surface
from igalgo.language import Joined, Text, tr

if TYPE_CHECKING:
    from igalgo.engine.arrays import FloatArray
    from igalgo.world.model import Simulation

HOURS = 24


@dataclass(frozen=True)
class HourMeasure:
    """Typical reach per local hour (0..23, averaged over the week) of each kind of post."""

    reach: Mapping[Format, tuple[float, ...]]
    """Per format: 24 values, the typical reach on the surfaces in question at that hour."""
    keep_share: float
    """A usual time is kept when some kind of post gets at least this share of its best
    hour's reach there (the checklist's ``timing_improve``)."""

    def best_hour(self, fmt: Format) -> int:
        """The format's best local hour (the earliest on ties)."""
        values = self.reach[fmt]
        return max(range(HOURS), key=lambda h: (values[h], -h))

    def share(self, fmt: Format, hour: int) -> float:
        """The format's reach at ``hour`` as a share of its best hour's (1 when it has none)."""
        values = self.reach[fmt]
        top = values[self.best_hour(fmt)]
        return values[hour] / top if top > 0 else 1.0

    def short(self, hour: int) -> list[tuple[Format, float]]:
        """The kinds of post that get less than ``keep_share`` of their best hour's reach at
        ``hour``, each with its share, worst first."""
        found = [(fmt, self.share(fmt, hour)) for fmt in sorted(self.reach, key=_at)]
        return sorted(((f, s) for f, s in found if s < self.keep_share), key=lambda r: r[1])

    def rejected(self, times: Sequence[time]) -> list[tuple[time, list[tuple[Format, float]]]]:
        """The usual ``times`` at which some kind of post gets less than ``keep_share`` of its
        best hour's reach, with those kinds and shares; the worst time first."""
        found = [(t, self.short(t.hour)) for t in times]
        return sorted(((t, s) for t, s in found if s), key=lambda r: (r[1][0][1], r[0]))

    def worst(self, times: Sequence[time]) -> float:
        """The smallest share any kind of post gets at one of ``times`` (1 without times)."""
        return min((s for _, short in self.rejected(times) for _, s in short), default=1.0)

    def best_words(self) -> Text:
        """``17:00 for photos and carousels, 18:00 for reels``: each kind's best hour."""
        by_hour: dict[int, list[Format]] = {}
        for fmt in sorted(self.reach, key=_at):
            by_hour.setdefault(self.best_hour(fmt), []).append(fmt)
        parts = [
            tr("{hour}:00 for {kinds}", hour=f"{hour:02d}", kinds=_and(kinds))
            for hour, kinds in sorted(by_hour.items())
        ]
        return tr("{parts}", parts=Joined(parts))


def _and(kinds: Sequence[Format]) -> Text:
    """``photos and carousels``."""
    said = format_word(kinds[0], 2)
    for fmt in kinds[1:]:
        said = tr("{first} and {second}", first=said, second=format_word(fmt, 2))
    return said


def _at(fmt: Format) -> int:
    """The format's position in the enum (a stable order for sentences)."""
    return list(Format).index(fmt)


def rejected_words(measure: HourMeasure, times: Sequence[time]) -> str:
    """The profile's usual times the measure rejects, in the words every output of igalgo
    uses for them: ``by the model's reach by hour, posts at your usual time 21:00 get less
    than 90 % of their best hour's reach (photos 62 % of 17:00's)``. Empty when none is."""
    found = measure.rejected(times)
    if not found:
        return ""
    listed = [f"{t:%H:%M}" for t, _ in found]
    which = (
        tr("your usual time {time}", time=listed[0])
        if len(listed) == 1
        else tr(
            "your usual times {times} and {last}", times=", ".join(listed[:-1]), last=listed[-1]
        )
    )
    details = []
    for when, short in found:
        kinds = Joined(
            [
                tr(
                    "{kinds} {share} of {best}:00's",
                    kinds=format_word(f, 2),
                    share=percent_words(s),
                    best=f"{measure.best_hour(f):02d}",
                )
                for f, s in short
            ]
        )
        details.append(
            kinds if len(found) == 1 else tr("{time}: {kinds}", time=f"{when:%H:%M}", kinds=kinds)
        )
    return tr(
        "by the model's reach by hour, posts at {which} get less than {share} of their best "
        "hour's reach ({details})",
        which=which,
        share=percent_words(measure.keep_share),
        details=Joined(details, "; "),
    )


def hour_measure(
    simulation: Simulation,
    formats: Sequence[Format],
    surfaces: frozenset[Surface],
    start: date,
    *,
    screen_samples: int,
    keep_share: float,
) -> HourMeasure:
    """The measure for ``formats`` on ``surfaces`` over the week from ``start``, scored with at
    most ``screen_samples`` samples (the drivers' hour screen's): :func:`week_values`
    averaged per local hour over the week's days."""
    fast = screen_run(simulation, screen_samples)
    wanted = tuple(sorted(set(formats), key=_at))
    week = week_values(fast, surfaces, start)
    zone = ZoneInfo(simulation.account.timezone)
    hours = [(when.astimezone(zone).hour, at) for when, at in _week_hours(start, zone)]
    reach = {}
    for fmt in wanted:
        sums, counts = [0.0] * HOURS, [0] * HOURS
        for hour, at in hours:
            sums[hour] += week[fmt][at]
            counts[hour] += 1
        reach[fmt] = tuple(s / c if c else 0.0 for s, c in zip(sums, counts, strict=True))
    return HourMeasure(MappingProxyType(reach), keep_share)


@lru_cache(maxsize=64)
def week_values(
    simulation: Simulation, surfaces: frozenset[Surface], start: date
) -> Mapping[Format, tuple[float, ...]]:
    """The typical post of every format on its own (:func:`igalgo.advice.moves.typical_post`,
    dated at ``start``'s first hour) valued on ``surfaces`` at every hour of the week from
    ``start`` (:func:`week_tables`, one engine call of ``simulation`` for every set of
    surfaces): per format 168 values by local hour of the week (Monday 00:00 = 0), NaN for an
    hour the clocks skip that week. The drivers' hour screen, the checklist's measure and the
    plan's slots read the same table."""
    zone = ZoneInfo(simulation.account.timezone)
    found = _week_hours(start, zone)
    out = {}
    for fmt, rows in week_tables(simulation, start).items():
        table = [math.nan] * (7 * HOURS)
        for (_, at), value in zip(found, on_surfaces(rows, surfaces), strict=True):
            table[at] = value
        out[fmt] = tuple(table)
    return MappingProxyType(out)


@lru_cache(maxsize=16)
def week_tables(simulation: Simulation, start: date) -> Mapping[Format, FloatArray]:
    """Per format, the typical post's medians (total, then each surface) at every existing
    hour of the week from ``start`` (:meth:`Simulation.typical_at`), in one engine call."""
    times = [when for when, _ in _week_hours(start, ZoneInfo(simulation.account.timezone))]
    typical = [typical_post(fmt, times[0]) for fmt in Format]
    tables = simulation.typical_at(typical, [times] * len(typical))
    return MappingProxyType(dict(zip(Format, tables, strict=True)))


def _week_hours(start: date, zone: ZoneInfo) -> list[tuple[datetime, int]]:
    """Every existing local hour of the 7 days from ``start`` with its hour of the week."""
    days = [start + timedelta(days=offset) for offset in range(7)]
    return [
        (when, day.weekday() * HOURS + when.astimezone(zone).hour)
        for day in days
        for when in day_hours(day, zone)
    ]
