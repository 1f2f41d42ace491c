"""Moves of a post in time, judged by the schedule it is part of: the one rule behind the
timing and spacing drivers of ``igalgo score`` and the placements of ``igalgo plan``.

A move takes one post to another hour of its own local day, or, for a post closer than the
spacing rule to one that costs it reach, to an hour of the days after it (:data:`SPACING_DAYS`;
never earlier, which could be in the past). It is offered only when it raises
the schedule's **typical reach** on the surfaces in question (:func:`post_value` summed over
the posts, all of them scored together, ``compete=True``) by at least ``min_effect`` of the
post's own reach: what the post gains minus what it takes from the account's other posts.

1. **Screen**: the hours of the post's local day are valued by the typical post of its format
   and length on its own (``compete=False``), with few samples, once per account; the best
   hour that keeps the spacing rule (:func:`required_gap`) is its candidate, when it beats
   the post's own hour by ``min_effect`` or when the post is now closer than the rule allows
   to a post that costs it reach (a spacing move).
2. **Verify** (:mod:`igalgo.advice.verify`): the schedule is scored again with the post at the
   candidate hour, every candidate in one engine call. Only the posts near the move can change
   (:func:`competition_window`), so only they are sampled, with every post that competes with
   them (and, per surface, the next post beyond, so that the schedule ends where it does) as
   their schedule; their numbers are exactly those of the whole schedule. Moved and unmoved
   schedules are scored with the same samples (``MoveParams.verify_samples``).

``igalgo plan`` applies moves until none is left (:mod:`igalgo.planning.schedule`), so
``igalgo score`` finds none in a planned schedule
(docs/decisions/0100-one-objective-for-moves-and-plans.md).
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, Protocol
from zoneinfo import ZoneInfo

from igalgo.advice.templates import day_hours
from igalgo.advice.wording import duration_words
from igalgo.domain import (
    ALL_SURFACES,
    FORMAT_SURFACES,
    Account,
    Draft,
    DraftEstimate,
    Driver,
    Format,
    Lever,
    Surface,
)
from igalgo.engine.settings import EngineSettings
from igalgo.parameters import FrozenMap

if TYPE_CHECKING:
    from igalgo.advice.verify import Schedule
    from igalgo.engine.arrays import BoolArray, FloatArray, IntArray

HOURS_PER_WEEK = 168
"""Hours in a week (the longest spacing a rule may ask for)."""

MIN_SPACING_HOURS: FrozenMap[Surface, float] = FrozenMap(
    {Surface.FEED: 12, Surface.STORIES: 3, Surface.EXPLORE: 24, Surface.REELS: 24}
)
"""Shortest gap between two of the account's posts that reach the same surface, hours: the
spacing rule of moves and plans. Source: the model's own cost of posting closer
(docs/decisions/0020-min-spacing-per-surface.md); stories: assumption."""


Competing = Sequence[DraftEstimate] | Mapping[int, DraftEstimate]
"""Estimates of a schedule's posts scored together, by position: all of them, or (a mapping)
only the movable ones when moves are verified with their own samples
(:attr:`MoveParams.verify_samples`)."""


class Scorer(Protocol):
    """The shape of :func:`igalgo.world.model.score_drafts`, as advice calls it."""

    def __call__(
        self,
        account: Account,
        drafts: Sequence[Draft],
        *,
        seed: int = 0,
        compete: bool = True,
        params: Any = None,
        settings: EngineSettings | None = None,
    ) -> list[DraftEstimate]:
        """Estimates of ``drafts`` in order."""
        ...


def default_scorer() -> Scorer:
    """:func:`igalgo.world.model.score_drafts` (imported when first needed)."""
    from igalgo.world.model import score_drafts

    return score_drafts


# --- the objective ---------------------------------------------------------------------------


def post_value(estimate: DraftEstimate, surfaces: frozenset[Surface] = ALL_SURFACES) -> float:
    """A post's typical (median) reach on ``surfaces``: unique accounts over all surfaces when
    all are asked about, else the sum of the surfaces' medians."""
    if surfaces >= ALL_SURFACES:
        return estimate.total.p50
    return sum(estimate.surfaces[s].reach.p50 for s in surfaces if estimate.surfaces[s].eligible)


def post_mean(estimate: DraftEstimate, surfaces: frozenset[Surface] = ALL_SURFACES) -> float:
    """The same with expected (mean) reach instead of the median."""
    if surfaces >= ALL_SURFACES:
        return estimate.total.mean
    return sum(estimate.surfaces[s].reach.mean for s in surfaces if estimate.surfaces[s].eligible)


def spacing_surfaces(surfaces: frozenset[Surface]) -> frozenset[Surface]:
    """The surfaces whose spacing rule applies when planning for ``surfaces``: Explore's only
    when it is planned for alone (elsewhere it is a by-product of feed posts and reels, and its
    24 h would cap feed posts at one a day)."""
    rest = surfaces - {Surface.EXPLORE}
    return rest or surfaces


def required_gap(
    first: Format,
    second: Format,
    surfaces: frozenset[Surface],
    spacing: Mapping[Surface, float] = MIN_SPACING_HOURS,
) -> float:
    """Hours two posts of these formats keep apart: the longest spacing of the surfaces (of
    :func:`spacing_surfaces`) that both reach; 0 when they share none (a story and a photo)."""
    shared = FORMAT_SURFACES[first] & FORMAT_SURFACES[second] & spacing_surfaces(surfaces)
    return max((spacing[s] for s in shared), default=0.0)


def competition_window(model_params: Any = None) -> timedelta:
    """How far apart two of an account's posts can still change each other's numbers.

    The largest span over which the engine lets posts compete (followers' attention, the
    feed's and the stories tray's candidate windows, the Explore and Reels diversity windows).
    """
    from igalgo.world.params import ModelParams

    params = model_params if model_params is not None else ModelParams()
    hours = max(
        params.attention.window_hours,
        params.feed.window_hours,
        params.stories.window_hours,
        params.explore.diversity_window_hours,
        params.reels.diversity_window_hours,
    )
    return timedelta(hours=hours)


SPACING_DAYS = 3
"""Days after its own that a spacing move may take a post to (a post 30 min from another has
no better hour on that day when the rule keeps them 12 h apart). Assumption: a post is
planned for its week; further is another plan, and earlier may be past."""


def move_context(model_params: Any = None) -> timedelta:
    """How far around a post the schedule must be known to judge a move of it exactly: the
    posts a move can change lie within a competition window of its old or new time (at most
    :data:`SPACING_DAYS` and a day later), and their own numbers depend on the posts within a
    window of them."""
    return 2 * competition_window(model_params) + timedelta(days=SPACING_DAYS + 1)


def context_positions(
    drafts: Sequence[Draft], order: Sequence[int], low: datetime, high: datetime
) -> list[int]:
    """Positions (into ``drafts``) of the posts published in ``[low, high]`` and, per surface,
    of the nearest post beyond on either side that reaches it: the engine fills the time
    outside a schedule with the account's usual posts, so a part of a schedule must end where
    the schedule does or out of reach. ``order`` lists the positions in publish order."""
    times = [drafts[p].publish_at for p in order]
    first = bisect.bisect_left(times, low)
    last = bisect.bisect_right(times, high)
    chosen = set(order[first:last])
    for surface in Surface:
        before = next(
            (p for p in reversed(order[:first]) if surface in FORMAT_SURFACES[drafts[p].format]),
            None,
        )
        after = next(
            (p for p in order[last:] if surface in FORMAT_SURFACES[drafts[p].format]), None
        )
        chosen.update(p for p in (before, after) if p is not None)
    return sorted(chosen, key=lambda p: (drafts[p].publish_at, drafts[p].id))


# --- moves -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MoveParams:
    """The thresholds a move is judged with (the drivers' own, see
    :class:`igalgo.advice.drivers.DriverParams`)."""

    min_effect: float
    min_base_reach: float
    max_total_loss: float
    screen_samples: int
    spacing: Mapping[Surface, float] = MIN_SPACING_HOURS
    verify_samples: int | None = None
    """Samples of the schedules a move is verified in, plain medians (None: the caller's
    settings, whose estimates ``competing`` are then)."""


@dataclass(frozen=True)
class Move:
    """A post moved to another hour, with what it does to the schedule."""

    index: int
    """Position of the post in the drafts given to :func:`find_moves`."""
    draft: Draft
    """The post at its new hour."""
    driver: Driver
    """The move as advice: lever TIME or SPACING, effect the schedule's net gain on
    ``driver.surface`` relative to the post's own typical reach there."""
    gain: float
    """The schedule's typical reach gained on the surfaces in question (accounts)."""


@dataclass
class MoveCache:
    """What :func:`find_moves` already scored, for the next call on a changed schedule."""

    profiles: dict[frozenset[Surface], dict[tuple[Format, float | None], dict[int, float]]] = field(
        default_factory=dict
    )
    """Typical reach of the typical post of a format and length at each local hour of the
    week (see :func:`_screen`), by the surfaces it is summed over."""
    verified: dict[tuple[Schedule, int], FloatArray] = field(default_factory=dict)
    """A variant schedule's medians of the posts near the move (see :data:`ScheduleScorer`), by
    its drafts and the position of the moved post."""
    baseline: dict[tuple[Schedule, int], FloatArray] = field(default_factory=dict)
    """The medians of one post of a whole schedule, unmoved, with the verify settings, by the
    schedule and the post's position."""


def find_moves(
    account: Account,
    drafts: Sequence[Draft],
    competing: Competing,
    alone: Mapping[int, DraftEstimate],
    *,
    movable: Iterable[int],
    surfaces: frozenset[Surface],
    settings: EngineSettings,
    seed: int,
    params: MoveParams,
    model_params: Any = None,
    scorer: Scorer | None = None,
    cache: MoveCache | None = None,
) -> dict[int, Move]:
    """The worthwhile move of each post at ``movable``, by the rule of the module docstring.

    ``competing`` are the estimates of ``drafts`` scored together (``compete=True``, ``seed``,
    ``settings``); ``alone`` the estimates of the movable posts on their own with the same
    seed and settings (they tell whether a close neighbour costs a post reach). Posts without
    a worthwhile move are left out. ``cache`` keeps what was scored between calls. All the
    candidate moves are verified in one engine call (each in its own schedule).
    """
    scorer = scorer or default_scorer()
    cache = cache if cache is not None else MoveCache()
    wanted = sorted(set(movable))
    if not wanted:
        return {}
    import numpy as np

    zone = ZoneInfo(account.timezone)
    order = sorted(range(len(drafts)), key=lambda p: (drafts[p].publish_at, drafts[p].id))
    times = [drafts[p].publish_at for p in order]
    posts = _Posts(
        np.array([d.publish_at.timestamp() for d in drafts]),
        np.array([FORMATS.index(d.format) for d in drafts]),
        np.array([d.placed for d in drafts], dtype=bool),
        np.array(order, dtype=np.int64),
        np.array(
            [
                [required_gap(a, b, surfaces, params.spacing) * 3600.0 for b in FORMATS]
                for a in FORMATS
            ]
        ),
    )
    rules = {index: _gaps(index, drafts, times, posts, params, zone) for index in wanted}
    far = {
        index
        for index, rule in rules.items()
        if bool((np.abs(posts.stamps[index] - rule.at) < rule.need).any())
    }
    screen = _screen(
        account, drafts, wanted, far, surfaces, settings, seed, params, model_params, scorer, cache
    )
    from igalgo.advice.verify import Trial, schedule_scorer, verify_all

    trials: list[Trial] = []
    for index in wanted:
        candidate = _candidate(
            index, drafts, screen[index], rules[index], competing, alone, surfaces, params, zone,
            float(posts.stamps[index]),
        )  # fmt: skip
        if candidate is None:
            continue
        when, lever, neighbour = candidate
        local = drafts[index].publish_at.astimezone(zone)
        change = f"publish at {when:%H}:00 instead of {local:%H:%M}"
        if neighbour is not None:
            gap = duration_words(abs(neighbour.publish_at - drafts[index].publish_at))
            target = when.astimezone(zone)
            day = f"{target:%a %d %b} " if target.date() != local.date() else ""
            change = f"move it to {day}{target:%H}:00, away from '{neighbour.id}' ({gap} apart)"
        moved = dataclasses.replace(drafts[index], publish_at=when)
        trials.append(Trial(index, moved, change, lever))
    verify = settings
    if params.verify_samples is not None:
        verify = settings.with_samples(min(params.verify_samples, settings.samples)).plain()
    judged = verify_all(
        trials,
        drafts,
        order,
        competing if params.verify_samples is None else None,
        competition_window(model_params),
        surfaces,
        params,
        schedule_scorer(scorer, account, seed, model_params, verify),
        cache,
    )
    return {move.index: move for move in judged if move is not None}


def _screen(
    account: Account,
    drafts: Sequence[Draft],
    wanted: Sequence[int],
    far: frozenset[int] | set[int],
    surfaces: frozenset[Surface],
    settings: EngineSettings,
    seed: int,
    params: MoveParams,
    model_params: Any,
    scorer: Scorer,
    cache: MoveCache,
) -> dict[int, list[tuple[datetime, float, float]]]:
    """Each wanted post's own time and every hour of its local day (and of the
    :data:`SPACING_DAYS` after it for the posts in ``far``), valued by the typical post of its
    format and length on its own, with few samples and plain medians: (time, typical reach,
    POSIX seconds) triples, its own time first. On its own a post's estimate depends only on
    its local hour of the week, so each (format, length, hour of the week) is scored once
    per account (:func:`typical_post`) and kept in ``cache``."""
    zone = ZoneInfo(account.timezone)
    days: dict[date, list[tuple[datetime, int, float]]] = {}

    def hours_of(day: date) -> list[tuple[datetime, int, float]]:
        if day not in days:
            days[day] = [(t, _hour_of_week(t, zone), t.timestamp()) for t in day_hours(day, zone)]
        return days[day]

    spans: dict[int, list[tuple[datetime, int, float]]] = {}
    for index in wanted:
        own = drafts[index].publish_at
        day = own.astimezone(zone).date()
        reach = SPACING_DAYS if index in far else 0
        hours = [
            pair for offset in range(reach + 1) for pair in hours_of(day + timedelta(days=offset))
        ]
        first = (own, _hour_of_week(own, zone), own.timestamp())
        spans[index] = [first, *(p for p in hours if p[0] != own)]
    profiles = cache.profiles.setdefault(surfaces, {})
    needed: dict[tuple[Format, float | None], dict[int, datetime]] = {}
    for index, times in spans.items():
        kind = (drafts[index].format, drafts[index].duration_s)
        known = profiles.get(kind, {})
        for when, hour, _ in times:
            if hour not in known:
                needed.setdefault(kind, {}).setdefault(hour, when)
    if needed:
        fast = settings.with_samples(min(params.screen_samples, settings.samples)).plain()
        typical = [typical_post(kind, next(iter(hours.values()))) for kind, hours in needed.items()]
        found = typical_values(
            account, typical, [list(h.values()) for h in needed.values()], surfaces, seed,
            model_params, fast, scorer,
        )  # fmt: skip
        for (kind, first_times), values in zip(needed.items(), found, strict=True):
            profiles.setdefault(kind, {}).update(zip(first_times, values, strict=True))
    out = {}
    for index, times in spans.items():
        known = profiles[drafts[index].format, drafts[index].duration_s]
        out[index] = [(when, known[hour], stamp) for when, hour, stamp in times]
    return out


def typical_post(kind: tuple[Format, float | None], when: datetime) -> Draft:
    """The post a screen values hours with: of the format and length ``kind``, nothing else
    said (content changes are the content drivers' job)."""
    return Draft("typical", kind[0], when, duration_s=kind[1])


def _hour_of_week(when: datetime, zone: ZoneInfo) -> int:
    """The local hour of the week, 0..167 from Monday 00:00."""
    local = when.astimezone(zone)
    return local.weekday() * 24 + local.hour


def typical_values(
    account: Account,
    typical: Sequence[Draft],
    times: Sequence[Sequence[datetime]],
    surfaces: frozenset[Surface],
    seed: int,
    model_params: Any,
    settings: EngineSettings,
    scorer: Scorer,
) -> list[list[float]]:
    """Each typical post's typical reach on ``surfaces`` on its own at each of its times."""
    from igalgo.world.model import score_drafts, typical_at

    if scorer is score_drafts:
        tables = typical_at(
            account, typical, times, seed=seed, params=model_params, settings=settings
        )
        columns = [1 + k for k, surface in enumerate(Surface) if surface in surfaces]
        return [
            (table[:, 0] if surfaces >= ALL_SURFACES else table[:, columns].sum(axis=1)).tolist()
            for table in tables
        ]
    batch = [
        dataclasses.replace(post, publish_at=t)
        for post, ts in zip(typical, times, strict=True)
        for t in ts
    ]
    scored = iter(
        scorer(account, batch, seed=seed, compete=False, params=model_params, settings=settings)
    )
    return [[post_value(next(scored), surfaces) for _ in ts] for ts in times]


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

    drafts: list[Draft]
    at: FloatArray
    """Their publication times, POSIX seconds."""
    need: FloatArray
    """Seconds to keep from each."""


def _gaps(
    index: int,
    drafts: Sequence[Draft],
    times: Sequence[datetime],
    posts: _Posts,
    params: MoveParams,
    zone: ZoneInfo,
) -> _Neighbours:
    """The other posts the spacing rule keeps the post at ``index`` away from, with how far:
    those near enough to matter for any hour a move of it may try (``times`` are the
    publication times in ``posts.order``)."""
    draft = drafts[index]
    longest = timedelta(hours=max(params.spacing.values()))
    day = datetime.combine(draft.publish_at.astimezone(zone).date(), time(), tzinfo=zone)
    low = bisect.bisect_left(times, day - longest)
    high = bisect.bisect_right(times, day + timedelta(days=SPACING_DAYS + 1) + longest)
    nearby = posts.order[low:high]
    nearby = nearby[(nearby != index) & posts.placed[nearby]]
    need = posts.need[posts.kinds[index], posts.kinds[nearby]]
    nearby, need = nearby[need > 0], need[need > 0]
    return _Neighbours([drafts[int(p)] for p in nearby], posts.stamps[nearby], need)


def _candidate(
    index: int,
    drafts: Sequence[Draft],
    screened: Sequence[tuple[datetime, float, float]],
    gaps: _Neighbours,
    competing: Competing,
    alone: Mapping[int, DraftEstimate],
    surfaces: frozenset[Surface],
    params: MoveParams,
    zone: ZoneInfo,
    own_stamp: float,
) -> tuple[datetime, Lever, Draft | None] | None:
    """The hour to try for the post at ``index``, the lever it is, and the neighbour a spacing
    move names; None when nothing is worth trying. A move stays inside the draft's window."""
    import numpy as np

    window = drafts[index].window
    (own_time, own_value, _), *others = screened
    distance = np.abs(gaps.at - own_stamp)
    close = sorted(
        (k for k in np.flatnonzero(distance < gaps.need).tolist()),
        key=lambda k: (float(distance[k]), gaps.drafts[k].id),
    )
    costly = next(
        (
            gaps.drafts[k]
            for k in close
            if _costs_reach(index, gaps.drafts[k], competing, alone, surfaces, params)
        ),
        None,
    )
    own_day = own_time.astimezone(zone).date()
    options = [
        option
        for option in others
        if (costly is not None or option[0].astimezone(zone).date() == own_day)
        and (window is None or window.contains(option[0].astimezone(zone).date()))
    ]
    if options and gaps.drafts:
        # The spacing rule, for every option against every neighbour at once.
        when = np.array([option[2] for option in options])
        spaced = np.abs(when[:, None] - gaps.at[None, :]) >= gaps.need[None, :]
        options = [options[k] for k in np.flatnonzero(spaced.all(axis=1)).tolist()]
    if not options:
        return None
    best_time, best_value, _ = max(options, key=lambda option: (option[1], -option[2]))
    if costly is not None:
        return best_time, Lever.SPACING, costly
    if best_value > own_value * (1.0 + params.min_effect):
        return best_time, Lever.TIME, None
    return None


def _costs_reach(
    index: int,
    other: Draft,
    competing: Competing,
    alone: Mapping[int, DraftEstimate],
    surfaces: frozenset[Surface],
    params: MoveParams,
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
        if solo >= params.min_base_reach and solo >= base * (1.0 + params.min_effect):
            return True
    return False
