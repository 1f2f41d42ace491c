"""Moves of a post in time, judged by the schedule it is part of: the one rule behind the
timing and spacing drivers of ``igalgo score`` and the placements of ``igalgo plan``.

A move takes one post to another hour of its own local day, or, for a post closer than the
spacing rule to one that costs it reach, to an hour of the days after it (:data:`SPACING_DAYS`;
never earlier, which could be in the past). It is offered only when it raises
the schedule's **typical reach** on the surfaces in question (:func:`post_value` summed over
the posts, all of them scored together, ``compete=True``) by at least ``min_effect`` of the
post's own reach: what the post gains minus what it takes from the account's other posts.

:func:`igalgo.advice.move_search.find_moves` applies the rule in two steps:

1. **Screen**: the hours of the post's local day are valued by the typical post of its format
   on its own (``compete=False``), with few samples, once per account; the best
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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from igalgo.domain import (
    ALL_SURFACES,
    FORMAT_SURFACES,
    Draft,
    DraftEstimate,
    Driver,
    Format,
    Surface,
)
from igalgo.parameters import FrozenMap

if TYPE_CHECKING:
    from igalgo.advice.verify import Schedule
    from igalgo.engine.arrays import FloatArray
    from igalgo.world.model import Simulation
    from igalgo.world.params import ModelParams

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


def competition_window(model_params: ModelParams) -> timedelta:
    """How far apart two of an account's posts can still change each other's numbers: the
    largest span over which the engine lets posts compete
    (:func:`igalgo.world.surfaces.registry.competition_hours`)."""
    from igalgo.world.surfaces.registry import competition_hours  # numpy: only when judged

    return timedelta(hours=competition_hours(model_params))


SPACING_DAYS = 3
"""Days after its own that a spacing move may take a post to (a post 30 min from another has
no better hour on that day when the rule keeps them 12 h apart). Assumption: a post is
planned for its week; further is another plan, and earlier may be past."""


def move_context(model_params: ModelParams) -> timedelta:
    """How far around a post the schedule must be known to judge a move of it exactly: the
    posts a move can change lie within a competition window of its old or new time (at most
    :data:`SPACING_DAYS` and a day later), and their own numbers depend on the posts within a
    window of them."""
    return 2 * competition_window(model_params) + timedelta(days=SPACING_DAYS + 1)


def context_positions(
    drafts: Sequence[Draft],
    order: Sequence[int],
    low: datetime,
    high: datetime,
    times: Sequence[datetime] | None = None,
    by_id: bool = False,
) -> list[int]:
    """Positions (into ``drafts``) of the posts published in ``[low, high]`` and, per surface,
    of the nearest post beyond on either side that reaches it, in publish order (ties by id):
    the engine fills the time outside a schedule with the account's usual posts, so a part of
    a schedule must end where the schedule does or out of reach. ``order`` lists the positions
    in publish order, ``by_id`` when its ties are by id already; ``times`` their publication
    times in that order, when the caller already has them (a caller asking for many parts of
    one schedule)."""
    if times is None:
        times = [drafts[p].publish_at for p in order]
    first = bisect.bisect_left(times, low)
    last = bisect.bisect_right(times, high)
    # Places in ``order`` of the nearest post beyond either end that reaches each surface.
    beyond: set[int] = set()
    for surface in Surface:
        before = next(
            (
                k
                for k in range(first - 1, -1, -1)
                if surface in FORMAT_SURFACES[drafts[order[k]].format]
            ),
            None,
        )
        after = next(
            (
                k
                for k in range(last, len(order))
                if surface in FORMAT_SURFACES[drafts[order[k]].format]
            ),
            None,
        )
        beyond.update(k for k in (before, after) if k is not None)
    if by_id:
        return [
            *(order[k] for k in sorted(k for k in beyond if k < first)),
            *order[first:last],
            *(order[k] for k in sorted(k for k in beyond if k >= last)),
        ]
    chosen = {order[k] for k in beyond}.union(order[first:last])
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
    """Samples of the schedules a move is verified in, plain medians (None: the caller's run,
    in which ``competing`` were then scored)."""


@dataclass(frozen=True)
class Move:
    """A post moved to another hour, with what it does to the schedule."""

    index: int
    """Position of the post in the drafts given to
    :func:`igalgo.advice.move_search.find_moves`."""
    draft: Draft
    """The post at its new hour."""
    driver: Driver
    """The move as advice: lever TIME or SPACING, effect the schedule's net gain on
    ``driver.surface`` relative to the post's own typical reach there."""
    gain: float
    """The schedule's typical reach gained on the surfaces in question (accounts)."""


@dataclass
class MoveCache:
    """What :func:`igalgo.advice.move_search.find_moves` already scored, for the next call on a
    changed schedule."""

    profiles: dict[frozenset[Surface], dict[Format, dict[int, float]]] = field(default_factory=dict)
    """Typical reach of the typical post of a format at each local hour of the
    week (the screen of :mod:`igalgo.advice.move_search`), by the surfaces it is summed over."""
    verified: dict[tuple[Schedule, int], FloatArray] = field(default_factory=dict)
    """A variant schedule's medians of the posts near the move (see
    :meth:`igalgo.world.model.Simulation.score_schedules`), by its drafts and the position of
    the moved post."""
    baseline: dict[tuple[Schedule, int], FloatArray] = field(default_factory=dict)
    """The medians of one post of a whole schedule, unmoved, with the verify settings, by the
    schedule and the post's position."""
    week: date | None = None
    """The first day of the week the screen's table is made for
    (:func:`igalgo.advice.best_hours.week_values`, the checklist's measure): one week for a
    whole file, so that its values do not depend on which chunk, or which process, met an hour
    first (a calibrated account's spread widens with the date). None: each hour valued when
    first needed, its typical post dated then."""


def typical_post(fmt: Format, when: datetime) -> Draft:
    """The post a screen values hours with: of the format ``fmt``, nothing else said (its
    length is the format's usual; content and length are the content drivers' job)."""
    return Draft("typical", fmt, when)


def screen_run(simulation: Simulation, samples: int) -> Simulation:
    """The run of the drivers' hour screen and of the one hour measure: at most ``samples``
    samples, plain medians (it ranks hours; what it picks is verified)."""
    return simulation.with_samples_at_most(samples).plain()


def typical_values(
    simulation: Simulation,
    typical: Sequence[Draft],
    times: Sequence[Sequence[datetime]],
    surfaces: frozenset[Surface],
) -> list[list[float]]:
    """Each typical post's typical reach on ``surfaces`` on its own at each of its times."""
    return [on_surfaces(table, surfaces) for table in simulation.typical_at(typical, times)]


def on_surfaces(table: FloatArray, surfaces: frozenset[Surface]) -> list[float]:
    """The reach on ``surfaces`` of each row of a :meth:`Simulation.typical_at` table: the
    total's median for every surface, else the sum of the surfaces' medians."""
    if surfaces >= ALL_SURFACES:
        found: list[float] = table[:, 0].tolist()
        return found
    columns = [1 + k for k, surface in enumerate(Surface) if surface in surfaces]
    summed: list[float] = table[:, columns].sum(axis=1).tolist()
    return summed
