"""The search for moves: each movable post's candidate hour screened by the typical post of
its kind, then every candidate verified in its schedule in one engine call (the rule of
:mod:`igalgo.advice.moves`, the steps of its docstring)."""

from __future__ import annotations

import bisect
import dataclasses
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import numpy as np

from igalgo.advice.moves import (
    HOURS_PER_WEEK,
    SPACING_DAYS,
    Competing,
    Move,
    MoveCache,
    MoveParams,
    required_gap,
    screen_run,
    typical_post,
    typical_values,
)
from igalgo.advice.templates import day_hours
from igalgo.advice.verify import Trial, verify_all
from igalgo.advice.wording import duration_words
from igalgo.domain import FORMAT_SURFACES, Draft, DraftEstimate, Format, Lever, Surface
from igalgo.language import Moment, tr

if TYPE_CHECKING:
    from igalgo.engine.arrays import BoolArray, FloatArray, IntArray
    from igalgo.world.model import Simulation


def find_moves(
    simulation: Simulation,
    drafts: Sequence[Draft],
    competing: Competing,
    alone: Mapping[int, DraftEstimate],
    *,
    movable: Iterable[int],
    surfaces: frozenset[Surface],
    move_params: MoveParams,
    cache: MoveCache | None = None,
) -> dict[int, Move]:
    """The worthwhile move of each post at ``movable``, by the rule of
    :mod:`igalgo.advice.moves`.

    ``competing`` are the estimates of ``drafts`` scored together in ``simulation``
    (``compete=True``); ``alone`` the estimates of the movable posts on their own in the same
    run (they tell whether a close neighbour costs a post reach). Posts without a worthwhile
    move are left out. ``cache`` keeps what was scored between calls. All the candidate moves
    are verified in one engine call (each in its own schedule).
    """
    cache = cache if cache is not None else MoveCache()
    wanted = sorted(set(movable))
    if not wanted:
        return {}
    zone = ZoneInfo(simulation.account.timezone)
    order = sorted(range(len(drafts)), key=lambda p: (drafts[p].publish_at, drafts[p].id))
    times = [drafts[p].publish_at for p in order]
    posts = _Posts(
        np.array([d.publish_at.timestamp() for d in drafts]),
        np.array([FORMATS.index(d.format) for d in drafts]),
        np.array([d.placed for d in drafts], dtype=bool),
        np.array(order, dtype=np.int64),
        np.array(
            [
                [required_gap(a, b, surfaces, move_params.spacing) * 3600.0 for b in FORMATS]
                for a in FORMATS
            ]
        ),
    )
    rules = {index: _gaps(index, drafts, times, posts, move_params, zone) for index in wanted}
    far = {
        index
        for index, rule in rules.items()
        if bool((np.abs(posts.stamps[index] - rule.at) < rule.need).any())
    }
    screen = _screen(simulation, drafts, wanted, far, surfaces, move_params, cache)
    trials: list[Trial] = []
    for index in wanted:
        candidate = _candidate(
            index, drafts, screen[index], rules[index], competing, alone, surfaces, move_params,
            zone,
        )  # fmt: skip
        if candidate is None:
            continue
        when, lever, neighbour = candidate
        local = drafts[index].publish_at.astimezone(zone)
        change = tr(
            "publish at {hour}:00 instead of {time}", hour=f"{when:%H}", time=f"{local:%H:%M}"
        )
        if neighbour is not None:
            gap = duration_words(abs(neighbour.publish_at - drafts[index].publish_at))
            target = when.astimezone(zone)
            said = {"hour": f"{target:%H}", "draft": neighbour.id, "gap": gap}
            change = (
                tr(
                    "move it to {day} {hour}:00, away from '{draft}' ({gap} apart)",
                    day=Moment(target, "weekday_day"),
                    **said,
                )
                if target.date() != local.date()
                else tr("move it to {hour}:00, away from '{draft}' ({gap} apart)", **said)
            )
        moved = dataclasses.replace(drafts[index], publish_at=when)
        trials.append(Trial(index, moved, change, lever))
    verify = simulation
    if move_params.verify_samples is not None:
        verify = simulation.with_samples_at_most(move_params.verify_samples).plain()
    judged = verify_all(
        trials,
        drafts,
        order,
        competing if move_params.verify_samples is None else None,
        surfaces,
        move_params,
        verify,
        cache,
    )
    return {move.index: move for move in judged if move is not None}


@dataclass(frozen=True)
class _Day:
    """The local hours of one day a move may try."""

    day: date
    times: list[datetime]
    hours: IntArray
    """Each time's local hour of the week, 0..167 from Monday 00:00."""
    stamps: FloatArray
    """Each time in POSIX seconds."""


@dataclass(frozen=True)
class _Screened:
    """A post's own time and the days a move of it may try, valued by the typical post of its
    kind: its own time's value and, per day, every hour's."""

    own_time: datetime
    own_value: float
    own_stamp: float
    days: list[tuple[_Day, FloatArray]]


def _screen(
    simulation: Simulation,
    drafts: Sequence[Draft],
    wanted: Sequence[int],
    far: frozenset[int] | set[int],
    surfaces: frozenset[Surface],
    move_params: MoveParams,
    cache: MoveCache,
) -> dict[int, _Screened]:
    """Each wanted post's own time and every hour of its local day (and of the
    :data:`SPACING_DAYS` after it for the posts in ``far``), valued by the typical post of its
    format on its own (the measure the checklist's timing items read), with few samples and
    plain medians. On its own a post's estimate depends only on its local hour of the week, so
    each (format, hour of the week) is scored once per account
    (:func:`igalgo.advice.moves.typical_post`) and kept in ``cache``."""
    zone = ZoneInfo(simulation.account.timezone)
    spans: dict[int, tuple[int, list[_Day]]] = {}
    for index in wanted:
        own = drafts[index].publish_at
        day = own.astimezone(zone).date()
        reach = SPACING_DAYS if index in far else 0
        spans[index] = (
            _hour_of_week(own, zone),
            [_day(day + timedelta(days=offset), zone) for offset in range(reach + 1)],
        )
    profiles = cache.profiles.setdefault(surfaces, {})
    fast = screen_run(simulation, move_params.screen_samples)
    if cache.week is not None and not profiles:
        from igalgo.advice.best_hours import week_values

        for fmt, row in week_values(fast, surfaces, cache.week).items():
            profiles[fmt] = {h: value for h, value in enumerate(row) if not math.isnan(value)}
    # The hours each format still needs, in the order first met, with a time at each.
    needed: dict[Format, dict[int, datetime]] = {}
    for index, (own_hour, span) in spans.items():
        kind = drafts[index].format
        known = profiles.get(kind, {})
        if own_hour not in known:
            needed.setdefault(kind, {}).setdefault(own_hour, drafts[index].publish_at)
        for each in span:
            for when, hour in zip(each.times, each.hours.tolist(), strict=True):
                if hour not in known:
                    needed.setdefault(kind, {}).setdefault(hour, when)
    if needed:
        typical = [
            typical_post(kind, _dated(cache.week, zone) or next(iter(hours.values())))
            for kind, hours in needed.items()
        ]
        moments = [list(hours.values()) for hours in needed.values()]
        found = typical_values(fast, typical, moments, surfaces)
        for (kind, first_times), values in zip(needed.items(), found, strict=True):
            profiles.setdefault(kind, {}).update(zip(first_times, values, strict=True))
    tables: dict[Format, FloatArray] = {}
    out = {}
    for index, (own_hour, span) in spans.items():
        kind = drafts[index].format
        if kind not in tables:
            table = np.full(HOURS_PER_WEEK, np.nan)
            for hour, value in profiles[kind].items():
                table[hour] = value
            tables[kind] = table
        table = tables[kind]
        own = drafts[index].publish_at
        out[index] = _Screened(
            own,
            float(table[own_hour]),
            own.timestamp(),
            [(each, table[each.hours]) for each in span],
        )
    return out


def _dated(week: date | None, zone: ZoneInfo) -> datetime | None:
    """The time the week's typical posts are dated: its first hour (None without a week)."""
    return None if week is None else day_hours(week, zone)[0]


@lru_cache(maxsize=4096)
def _day(day: date, zone: ZoneInfo) -> _Day:
    """The local hours of ``day`` in ``zone`` (shared: not to be changed)."""
    times = day_hours(day, zone)
    hours = np.array([_hour_of_week(t, zone) for t in times], dtype=np.int64)
    return _Day(day, times, hours, np.array([t.timestamp() for t in times]))


def _hour_of_week(when: datetime, zone: ZoneInfo) -> int:
    """The local hour of the week, 0..167 from Monday 00:00."""
    local = when.astimezone(zone)
    return local.weekday() * 24 + local.hour


FORMATS: tuple[Format, ...] = tuple(Format)
"""Formats by number, for the spacing table of :class:`_Posts`."""


@dataclass(frozen=True)
class _Posts:
    """The schedule's posts as arrays, for the spacing rule."""

    stamps: FloatArray
    """Publication time of each post, POSIX seconds."""
    kinds: IntArray
    """Each post's format, as its number in :data:`FORMATS`."""
    placed: BoolArray
    """Whether each post has a date (an undated one keeps nothing away)."""
    order: IntArray
    """Positions by publication time."""
    need: FloatArray
    """Seconds two posts of formats (a, b) keep apart (:func:`required_gap`)."""


@dataclass(frozen=True)
class _Neighbours:
    """The other posts the spacing rule keeps one post away from."""

    positions: list[int]
    """Their positions in the drafts."""
    at: FloatArray
    """Their publication times, POSIX seconds."""
    need: FloatArray
    """Seconds to keep from each."""


def _gaps(
    index: int,
    drafts: Sequence[Draft],
    times: Sequence[datetime],
    posts: _Posts,
    move_params: MoveParams,
    zone: ZoneInfo,
) -> _Neighbours:
    """The other posts the spacing rule keeps the post at ``index`` away from, with how far:
    those near enough to matter for any hour a move of it may try (``times`` are the
    publication times in ``posts.order``)."""
    draft = drafts[index]
    longest = timedelta(hours=max(move_params.spacing.values()))
    day = datetime.combine(draft.publish_at.astimezone(zone).date(), time(), tzinfo=zone)
    low = bisect.bisect_left(times, day - longest)
    high = bisect.bisect_right(times, day + timedelta(days=SPACING_DAYS + 1) + longest)
    nearby = posts.order[low:high]
    nearby = nearby[(nearby != index) & posts.placed[nearby]]
    need = posts.need[posts.kinds[index], posts.kinds[nearby]]
    nearby, need = nearby[need > 0], need[need > 0]
    return _Neighbours(nearby.tolist(), posts.stamps[nearby], need)


def _candidate(
    index: int,
    drafts: Sequence[Draft],
    screened: _Screened,
    gaps: _Neighbours,
    competing: Competing,
    alone: Mapping[int, DraftEstimate],
    surfaces: frozenset[Surface],
    move_params: MoveParams,
    zone: ZoneInfo,
) -> tuple[datetime, Lever, Draft | None] | None:
    """The hour to try for the post at ``index``, the lever it is, and the neighbour a spacing
    move names; None when nothing is worth trying. A move stays inside the draft's window."""
    window = drafts[index].window
    own_stamp = screened.own_stamp
    distance = np.abs(gaps.at - own_stamp)
    close = sorted(
        (k for k in np.flatnonzero(distance < gaps.need).tolist()),
        key=lambda k: (float(distance[k]), drafts[gaps.positions[k]].id),
    )
    costly = next(
        (
            drafts[gaps.positions[k]]
            for k in close
            if _costs_reach(
                index, drafts[gaps.positions[k]], competing, alone, surfaces, move_params
            )
        ),
        None,
    )
    own_day = screened.own_time.astimezone(zone).date()
    # The hours of the days a move may try (its own day, and the days after it for a spacing
    # move) within its window, its own time left out: (day, position in the day) pairs.
    days = [
        (each, values)
        for each, values in screened.days
        if (costly is not None or each.day == own_day)
        and (window is None or window.contains(each.day))
    ]
    if not days:
        return None
    stamps = np.concatenate([each.stamps for each, _ in days])
    values = np.concatenate([values for _, values in days])
    allowed = stamps != own_stamp
    if gaps.positions:
        # The spacing rule, for every hour against every neighbour at once.
        spaced = np.abs(stamps[:, None] - gaps.at[None, :]) >= gaps.need[None, :]
        allowed &= spaced.all(axis=1)
    options = np.flatnonzero(allowed)
    if options.size == 0:
        return None
    # The best value; of equal values the earliest hour.
    best_value = float(values[options].max())
    ties = options[values[options] == best_value]
    best = int(ties[np.argmin(stamps[ties])])
    times = [when for each, _ in days for when in each.times]
    best_time = times[best]
    if costly is not None:
        return best_time, Lever.SPACING, costly
    if best_value > screened.own_value * (1.0 + move_params.min_effect):
        return best_time, Lever.TIME, None
    return None


def _costs_reach(
    index: int,
    other: Draft,
    competing: Competing,
    alone: Mapping[int, DraftEstimate],
    surfaces: frozenset[Surface],
    move_params: MoveParams,
) -> bool:
    """True when the post at ``index`` reaches at least ``min_effect`` less, on a surface it
    shares with ``other``, scored in the schedule than on its own."""
    on_its_own = alone.get(index)
    if on_its_own is None:
        return False
    together = competing[index]
    shared = FORMAT_SURFACES[together.draft.format] & FORMAT_SURFACES[other.format] & surfaces
    for surface in shared:
        base = together.surfaces[surface].reach.p50
        solo = on_its_own.surfaces[surface].reach.p50
        if solo >= move_params.min_base_reach and solo >= base * (1.0 + move_params.min_effect):
            return True
    return False
