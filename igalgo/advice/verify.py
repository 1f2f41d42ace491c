"""Candidate moves verified in their schedules: every moved and unmoved schedule scored in
one engine call (:meth:`igalgo.world.model.Simulation.score_schedules`), only the posts near a move
sampled, and the schedule's typical reach compared (the rule of :mod:`igalgo.advice.moves`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from igalgo.advice.moves import (
    Competing,
    Move,
    MoveCache,
    MoveParams,
    competition_window,
    context_positions,
)
from igalgo.domain import (
    ALL_SURFACES,
    FORMAT_SURFACES,
    Draft,
    DraftEstimate,
    Driver,
    Lever,
    Surface,
)
from igalgo.engine.arrays import FloatArray

if TYPE_CHECKING:
    from igalgo.world.model import Simulation


class Schedule:
    """Posts in a fixed order, as a key hashed once (a tuple of drafts hashes all their
    fields at every lookup). ``hashed`` is the hash when the caller has it from the drafts'
    own hashes, found once for many schedules that share them."""

    __slots__ = ("_hash", "drafts")

    def __init__(self, drafts: tuple[Draft, ...], hashed: int | None = None) -> None:
        self.drafts = drafts
        self._hash = hash(drafts) if hashed is None else hashed

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Schedule) and (
            self.drafts is other.drafts
            or (self._hash == other._hash and self.drafts == other.drafts)
        )


_T = TypeVar("_T")

_Key = tuple[Schedule, int]
"""A schedule and the position of its moved post (-1: the schedule unmoved)."""


@dataclass(frozen=True)
class Trial:
    """A candidate move: the post at ``index`` as ``moved``, in words."""

    index: int
    moved: Draft
    change: str
    lever: Lever


def medians_of(estimate: DraftEstimate) -> FloatArray:
    """An estimate's medians as one row of a
    :meth:`~igalgo.world.model.Simulation.score_schedules` array."""
    return np.array(
        [
            estimate.total.p50,
            *(
                estimate.surfaces[s].reach.p50 if estimate.surfaces[s].eligible else 0.0
                for s in Surface
            ),
        ]
    )


def verify_all(
    trials: Sequence[Trial],
    drafts: Sequence[Draft],
    order: Sequence[int],
    competing: Competing | None,
    surfaces: frozenset[Surface],
    move_params: MoveParams,
    simulation: Simulation,
    cache: MoveCache,
) -> list[Move | None]:
    """Each trial's move, when the schedule with it reaches enough more on ``surfaces``; else
    None (``order``: the positions by publication time, ties by id). Every variant schedule
    not in ``cache`` is scored in one call of ``simulation``; without ``competing`` the
    unmoved posts are scored there too, in the whole schedule."""
    window = competition_window(simulation.model_params)
    reach = window.total_seconds()
    times = [drafts[p].publish_at for p in order]
    stamps = np.array([d.publish_at.timestamp() for d in drafts])
    shown_on = np.array([_surface_bits(FORMAT_SURFACES[d.format]) for d in drafts])
    hashes = [hash(d) for d in drafts]  # each draft hashed once for all the variants' keys
    plans: list[tuple[list[int], list[int], _Key]] = []
    for trial in trials:
        old, new = drafts[trial.index].publish_at, trial.moved.publish_at
        low, high = min(old, new), max(old, new)
        positions = context_positions(
            drafts, order, low - 2 * window, high + 2 * window, times, by_id=True
        )
        if trial.index not in positions:
            positions.append(trial.index)
        # Only posts within a competition window of the old or the new hour can change, and
        # only those that share a surface with the moved post (posts compete per surface).
        at = stamps[positions]
        apart = np.minimum(np.abs(at - old.timestamp()), np.abs(at - new.timestamp()))
        shares = (shown_on[positions] & _surface_bits(FORMAT_SURFACES[trial.moved.format])) != 0
        near = np.flatnonzero((apart <= reach) & shares).tolist()
        moved_at = positions.index(trial.index)
        schedule = _taken(drafts, positions, moved_at, trial.moved)
        hashed = hash(_taken(hashes, positions, moved_at, hash(trial.moved)))
        plans.append((positions, near, (Schedule(schedule, hashed), moved_at)))
    # The unmoved posts are scored in the whole schedule, once for all trials.
    whole = Schedule(tuple(drafts), hash(tuple(hashes)))
    wanted: dict[_Key, list[int]] = {}
    for _, near, variant in plans:
        if variant not in cache.verified:
            wanted[variant] = near
    if competing is None:
        needed = {positions[k] for positions, near, _ in plans for k in near}
        missing = sorted(p for p in needed if (whole, p) not in cache.baseline)
        if missing:
            wanted[whole, -1] = missing
    if wanted:
        keys = list(wanted)
        scored = simulation.score_schedules(
            [key[0].drafts for key in keys], [wanted[key] for key in keys]
        )
        for key, table in zip(keys, scored, strict=True):
            if key[1] < 0:
                for p, row in zip(wanted[key], table, strict=True):
                    cache.baseline[whole, p] = row
            else:
                cache.verified[key] = table
    out: list[Move | None] = []
    for trial, (positions, near, variant) in zip(trials, plans, strict=True):
        after = cache.verified[variant]
        if competing is None:
            before = np.array([cache.baseline[whole, positions[k]] for k in near])
        else:
            before = np.array([medians_of(competing[positions[k]]) for k in near])
        own = near.index(positions.index(trial.index))
        out.append(judge(trial, after, before, own, surfaces, move_params))
    return out


def _taken(values: Sequence[_T], positions: list[int], at: int, instead: _T) -> tuple[_T, ...]:
    """``values`` at ``positions``, with ``instead`` at place ``at`` (one C-level gather
    for the hundreds of posts of a crowded schedule)."""
    taken = list(itemgetter(*positions)(values)) if len(positions) > 1 else [values[positions[0]]]
    taken[at] = instead
    return tuple(taken)


def _surface_bits(surfaces: frozenset[Surface]) -> int:
    """The surfaces as bits, one per :class:`Surface` in its order."""
    return sum(1 << k for k, surface in enumerate(Surface) if surface in surfaces)


def judge(
    trial: Trial,
    after: FloatArray,
    before: FloatArray,
    own: int,
    surfaces: frozenset[Surface],
    move_params: MoveParams,
) -> Move | None:
    """The move, when the posts near it (their medians ``after`` the move and ``before`` it,
    the moved post's at row ``own``) reach enough more on ``surfaces``; else None."""
    columns = [1 + k for k, s in enumerate(Surface) if s in surfaces]

    def value(rows: FloatArray) -> FloatArray:
        found: FloatArray = rows[..., 0] if surfaces >= ALL_SURFACES else rows[..., columns].sum(-1)
        return found

    gain = float((value(after) - value(before)).sum())
    base = max(float(value(before[own])), move_params.min_base_reach)
    if gain < move_params.min_effect * base:
        return None
    if not surfaces >= ALL_SURFACES:
        unique = float((after[:, 0] - before[:, 0]).sum())
        if unique < -move_params.max_total_loss * float(before[own, 0]):
            return None
    moved = trial.moved
    everywhere = list(Surface)
    reachable = [s for s in everywhere if s in surfaces & FORMAT_SURFACES[moved.format]]
    if not reachable:
        return None
    per_surface = {
        s: float((after[:, 1 + everywhere.index(s)] - before[:, 1 + everywhere.index(s)]).sum())
        for s in reachable
    }
    surface = max(reachable, key=lambda s: (per_surface[s], -reachable.index(s)))
    own_reach = float(before[own, 1 + everywhere.index(surface)])
    effect = per_surface[surface] / max(own_reach, move_params.min_base_reach)
    return Move(trial.index, moved, Driver(trial.change, surface, effect, trial.lever), gain)
