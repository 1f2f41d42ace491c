"""Exact slot choice and draft-to-slot assignment for ``igalgo plan``.

Two optimisation problems, both solved exactly:

* :func:`best_weekly_slots` picks ``count`` hours of a repeating week (a circle of 168 hours)
  with the largest total value such that any two picked hours, the week wrapping round, are at
  least ``spacing`` hours apart. A dynamic programme, polynomial.
* :func:`assign_drafts` places drafts in concrete hours of the planned weeks so that as many
  drafts as possible are placed and, among those plans, the total value is largest; any two
  placed posts at least ``spacing`` hours apart and at most ``per_week`` posts in each week.
  With the spacing rule this is the job interval selection problem, NP-hard in general
  (Spieksma 1999), so no polynomial method is known. It is solved by branch and bound: the
  bound drops the spacing rule between hour blocks and is an assignment problem solved by the
  Hungarian method; a node limit keeps the run time bounded, and when it is hit the result says
  so (``optimal=False``) together with a proven upper bound.

Pure numpy, no randomness; nothing here knows about Instagram.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

_FORBIDDEN_COST = 1e9
"""Cost of a forbidden cell in the Hungarian matrix; values are scaled to at most 1 and a
placed draft is worth at most ``n + 2``, so this can never be chosen when anything else can."""

_TOLERANCE = 1e-9
"""Relative tolerance when comparing totals (float round-off, not a modelling choice)."""

DEFAULT_NODE_LIMIT = 1000
"""Branch-and-bound nodes explored before :func:`assign_drafts` settles for its best plan so
far and reports the proven gap. Assumption: ten times what small plans need to be proven best
(docs/decisions/0021-assignment-search-limits.md)."""

DEFAULT_WORK_LIMIT = 400_000
"""Cells of Hungarian matrices (rows x columns) solved for bounds before the search settles,
whichever of this and the node limit comes first: deterministic, unlike a time limit, and it
grows with the problem as the run time does. Assumption: it bounds a plan to about 2 s
(docs/decisions/0021-assignment-search-limits.md)."""


def hungarian(cost: FloatArray) -> IntArray:
    """Solve the rectangular assignment problem: the column for each row, minimising the sum.

    ``cost`` has shape (rows, columns) with rows <= columns and finite entries; every row gets
    a distinct column. The O(rows^2 * columns) shortest-augmenting-path method with potentials
    (Kuhn-Munkres as in Jonker and Volgenant), vectorised over the columns.
    """
    rows, columns = cost.shape
    if rows > columns:
        raise ValueError(f"hungarian needs rows <= columns, got {rows} x {columns}")
    if not np.all(np.isfinite(cost)):
        raise ValueError("hungarian needs finite costs")
    row_potential = np.zeros(rows + 1)
    column_potential = np.zeros(columns + 1)
    # owner[j] is the 1-based row matched to 1-based column j; 0 means free. Index 0 is the
    # virtual column of the row being inserted.
    owner = np.zeros(columns + 1, dtype=np.int64)
    way = np.zeros(columns + 1, dtype=np.int64)
    for row in range(1, rows + 1):
        owner[0] = row
        current = 0
        slack = np.full(columns + 1, np.inf)
        used = np.zeros(columns + 1, dtype=bool)
        while True:
            used[current] = True
            owner_row = owner[current]
            reduced = cost[owner_row - 1] - row_potential[owner_row] - column_potential[1:]
            free = ~used[1:]
            better = free & (reduced < slack[1:])
            slack[1:][better] = reduced[better]
            way[1:][better] = current
            candidates = np.where(free, slack[1:], np.inf)
            nearest = int(np.argmin(candidates)) + 1
            delta = candidates[nearest - 1]
            taken = np.flatnonzero(used)
            row_potential[owner[taken]] += delta
            column_potential[taken] -= delta
            slack[1:][free] -= delta
            current = nearest
            if owner[current] == 0:
                break
        while current != 0:  # flip the augmenting path
            previous = way[current]
            owner[current] = owner[previous]
            current = previous
    assignment = np.full(rows, -1, dtype=np.int64)
    matched = np.flatnonzero(owner[1:])
    assignment[owner[1:][matched] - 1] = matched
    return assignment


def best_weekly_slots(values: Sequence[float], count: int, spacing: int) -> tuple[int, ...]:
    """The ``count`` positions on a circle of ``len(values)`` hours with the largest total value.

    Any two chosen positions are at least ``spacing`` apart, measured both ways round the
    circle (the week repeats). NaN values are positions that cannot be chosen. Returns the
    positions in increasing order; fewer than ``count`` when not that many fit. Ties go to the
    earliest positions, so the result is deterministic.
    """
    size = len(values)
    if count <= 0 or size == 0:
        return ()
    spacing = max(1, spacing)
    value = np.asarray(values, dtype=np.float64)
    usable = np.isfinite(value)
    for fitting in range(min(count, size // spacing, int(usable.sum())), 0, -1):
        found = _circular_best(value, usable, fitting, spacing)
        if found:
            return found
    return ()


def _circular_best(
    value: FloatArray, usable: NDArray[np.bool_], count: int, spacing: int
) -> tuple[int, ...]:
    """Exactly ``count`` positions for :func:`best_weekly_slots`, or () if they do not fit."""
    size = len(value)
    # A circular choice either has exactly one position among the first `spacing` (try each as
    # the fixed first position; the rest lies in [first + spacing, first + size - spacing]) or
    # none there (then positions in [spacing, size - 1] never conflict across the wrap).
    best: tuple[float, tuple[int, ...]] | None = None
    for first in [*range(spacing), None]:
        if first is None:
            found = _linear_best(value, usable, spacing, size - 1, count, spacing)
        elif usable[first]:
            rest = _linear_best(
                value, usable, first + spacing, first + size - spacing, count - 1, spacing
            )
            found = None if rest is None else (rest[0] + value[first], (first, *rest[1]))
        else:
            found = None
        if found is not None and (best is None or found[0] > best[0] * (1 + _TOLERANCE)):
            best = found
    return () if best is None else tuple(sorted(best[1]))


def _linear_best(
    value: FloatArray, usable: NDArray[np.bool_], low: int, high: int, count: int, spacing: int
) -> tuple[float, tuple[int, ...]] | None:
    """Best ``count`` positions in ``[low, high]`` (a line, no wrap), or None if they do not fit."""
    if count == 0:
        return (0.0, ())
    if high < low:
        return None
    length = high - low + 1
    # total[k][i]: best sum of k positions among low..low+i-1 (i positions considered). The
    # recurrence total[k][i] = max(total[k][i-1], total[k-1][i-spacing] + value) is a running
    # maximum over i, so each k is one vectorised step.
    segment = np.where(usable[low : high + 1], value[low : high + 1], -np.inf)
    total = np.full((count + 1, length + 1), -np.inf)
    total[0, :] = 0.0
    take = np.zeros((count + 1, length + 1), dtype=bool)
    before = np.maximum(np.arange(1, length + 1) - spacing, 0)
    for k in range(1, count + 1):
        chosen = total[k - 1, before] + segment
        total[k, 1:] = np.maximum.accumulate(chosen)
        # Taken where choosing position i beats the best without it (ties: keep earlier).
        take[k, 1:] = chosen > total[k, :-1]
    if not np.isfinite(total[count, length]):
        return None
    positions: list[int] = []
    k, i = count, length
    while k > 0:
        if take[k, i]:
            positions.append(low + i - 1)
            i = max(0, i - spacing)
            k -= 1
        else:
            i -= 1
    return (float(total[count, length]), tuple(reversed(positions)))


@dataclass(frozen=True)
class Assignment:
    """The result of :func:`assign_drafts`."""

    slots: tuple[int | None, ...]
    """For each draft (input row order), the index of its slot, or None when it is not placed."""
    total: float
    """Sum of the values of the placed drafts."""
    optimal: bool
    """True when the plan is proven best; False when the node limit stopped the search."""
    upper_bound: float
    """A proven upper bound on the total of any plan that places as many drafts (equals
    ``total`` when ``optimal``)."""
    nodes: int
    """Branch-and-bound nodes explored (a measure of the effort)."""

    @property
    def placed(self) -> int:
        """How many drafts have a slot."""
        return sum(slot is not None for slot in self.slots)


def assign_drafts(
    values: FloatArray,
    hours: FloatArray,
    weeks: IntArray,
    *,
    per_week: int | Sequence[int],
    spacing: float,
    node_limit: int = DEFAULT_NODE_LIMIT,
    work_limit: int = DEFAULT_WORK_LIMIT,
) -> Assignment:
    """Place drafts in slots: first as many drafts as possible, then the largest total value.

    ``values[d, s]`` is the value of draft ``d`` in slot ``s`` (NaN: not allowed; values must be
    >= 0), ``hours[s]`` the slot's time in elapsed hours (e.g. a POSIX time / 3600, so that a
    daylight-saving change is counted correctly) and ``weeks[s]`` its planned week. Constraints:
    every slot holds at most one draft, every draft takes at most one slot, at most ``per_week``
    drafts per week (one number for every week, or one per week: ``per_week[w]`` for week
    ``w``), and any two placed drafts are at least ``spacing`` hours apart.
    The search stops after ``node_limit`` nodes or ``work_limit`` cells of bound work; the
    result then says ``optimal=False`` and gives the proven bound.
    """
    problem = _Problem(values, hours, weeks, per_week, spacing)
    return problem.solve(node_limit, work_limit)


class _Problem:
    """One assignment instance with its precomputed hour blocks (see :func:`assign_drafts`)."""

    def __init__(
        self,
        values: FloatArray,
        hours: FloatArray,
        weeks: IntArray,
        per_week: int | Sequence[int],
        spacing: float,
    ) -> None:
        values = np.asarray(values, dtype=np.float64)
        hours = np.asarray(hours, dtype=np.float64)
        weeks = np.asarray(weeks, dtype=np.int64)
        if values.ndim != 2 or not values.shape[1] == hours.shape[0] == weeks.shape[0]:
            raise ValueError("values must be drafts x slots, hours and weeks one per slot")
        if np.any(values[np.isfinite(values)] < 0):
            raise ValueError("slot values must be >= 0")
        self.drafts, self.slot_count = values.shape
        order = np.argsort(hours, kind="stable")
        self.order = order  # internal slot index -> caller's slot index
        self.hours = hours[order]
        self.weeks = weeks[order]
        self.raw = values[:, order]
        top_week = int(weeks.max()) + 1 if weeks.size else 0
        if isinstance(per_week, int):
            capacity = np.full(top_week, per_week, dtype=np.int64)
        else:
            capacity = np.zeros(top_week, dtype=np.int64)
            given = np.asarray(per_week, dtype=np.int64)[:top_week]
            capacity[: len(given)] = given
        self.capacity = np.maximum(capacity, 0)
        """Most posts in each week, by week number."""
        self.spacing = spacing
        finite = np.isfinite(self.raw)
        scale = float(self.raw[finite].max()) if finite.any() else 1.0
        self.scale = scale if scale > 0 else 1.0
        # Lexicographic objective as one sum: a bonus per placed draft larger than any
        # possible total of the scaled values (each <= 1) makes the count come first.
        self.bonus = float(self.drafts + 1)
        self.weight = np.where(finite, self.raw / self.scale + self.bonus, -np.inf)
        self.block_slots, self.block_weeks = self._blocks(0.0)
        self.work = 0
        """Cells of Hungarian matrices solved so far (see :data:`DEFAULT_WORK_LIMIT`)."""

    def _blocks(self, offset: float) -> tuple[IntArray, IntArray]:
        """Slots grouped into blocks ``spacing`` hours long starting ``offset`` hours in.

        Two slots in one block are always too close, so "at most one post per block" is implied
        by the spacing rule: the bound may assume it. Blocks never cross a week. Returns the
        slots of each block (padded with -1) and the week of each block.
        """
        if self.slot_count == 0:
            return np.zeros((0, 1), dtype=np.int64), np.zeros(0, dtype=np.int64)
        start = self.hours[0] - offset
        width = max(self.spacing, 1e-9)
        groups: dict[tuple[int, int], list[int]] = {}
        for slot, (week, hour) in enumerate(zip(self.weeks, self.hours, strict=True)):
            key = (int(week), math.floor((hour - start) / width + _TOLERANCE))
            groups.setdefault(key, []).append(slot)
        ordered = sorted(groups.items())
        depth = max(len(slots) for _, slots in ordered)
        block_slots = np.full((len(ordered), depth), -1, dtype=np.int64)
        for block, (_, slots) in enumerate(ordered):
            block_slots[block, : len(slots)] = slots
        return block_slots, np.array([key[0] for key, _ in ordered], dtype=np.int64)

    def _align_blocks(self) -> tuple[float, tuple[int | None, ...]]:
        """Choose the block offset whose bound is tightest; return that bound and its plan.

        Every offset gives a valid bound; the best one puts block edges where few posts want
        to be (at night rather than in the evening peak), which leaves few conflicts to branch
        on.
        """
        best: tuple[float, tuple[int | None, ...], IntArray, IntArray] | None = None
        # Up to six offsets, evenly spread over one block (each one is a valid bound).
        step = max(1.0, float(round(self.spacing / 6)))
        for offset in np.arange(0.0, max(self.spacing, 1.0), step):
            self.block_slots, self.block_weeks = self._blocks(float(offset))
            bound, slots = self._relax(frozenset())
            if best is None or bound < best[0] - _TOLERANCE:
                best = (bound, slots, self.block_slots, self.block_weeks)
        assert best is not None
        bound, slots, self.block_slots, self.block_weeks = best
        return bound, slots

    def solve(self, node_limit: int, work_limit: int) -> Assignment:
        """Best-first branch and bound over sets of forbidden slots."""
        root_bound, root_slots = self._align_blocks()
        self.work = 0  # the limits are on the search, after the root
        incumbent = self._improve(self._complete(self._repair(root_slots)))
        incumbent_total = self._value(incumbent)
        heap = [(-root_bound, 0, frozenset[int](), root_slots)]
        seen: set[frozenset[int]] = {frozenset()}
        nodes = 0
        upper = incumbent_total  # stays so when the search runs out of nodes to explore
        optimal = True
        while heap:
            negative_bound, _, forbidden, slots = heapq.heappop(heap)
            bound = -negative_bound
            if not self._improves(bound, incumbent_total):
                break  # best-first: no open node can beat the incumbent
            conflict = self._conflict(slots)
            if conflict is None:  # the relaxed plan keeps the spacing: proven best
                incumbent_total, incumbent = bound, slots
                break
            nodes += 1
            if nodes > node_limit or self.work > work_limit:
                optimal = False
                upper = bound  # the largest bound of any open node
                break
            # Any plan that keeps the spacing leaves out one of the two slots.
            for slot in conflict:
                child = forbidden | {slot}
                if child in seen:
                    continue
                seen.add(child)
                child_bound, child_slots = self._relax(child)
                candidate = self._complete(self._repair(child_slots))
                if self._value(candidate) > incumbent_total + _TOLERANCE:
                    incumbent = self._improve(candidate)
                    incumbent_total = self._value(incumbent)
                if self._improves(child_bound, incumbent_total):
                    heapq.heappush(heap, (-child_bound, nodes * 2 + len(heap), child, child_slots))
        return self._result(incumbent, optimal, max(upper, incumbent_total), nodes)

    @staticmethod
    def _improves(bound: float, incumbent_total: float) -> bool:
        """True when a node with this bound could still hold a better plan."""
        return bound > incumbent_total + _TOLERANCE * max(1.0, abs(bound))

    def _value(self, slots: tuple[int | None, ...]) -> float:
        """Objective (scaled weights with the per-draft bonus) of a plan."""
        return float(sum(self.weight[d, s] for d, s in enumerate(slots) if s is not None))

    def _result(
        self, slots: tuple[int | None, ...], optimal: bool, upper: float, nodes: int
    ) -> Assignment:
        """Translate internal slot indices and scaled weights back to the caller's terms."""
        placed = [(d, s) for d, s in enumerate(slots) if s is not None]
        total = float(sum(self.raw[d, s] for d, s in placed))
        upper_total = (upper - self.bonus * len(placed)) * self.scale
        return Assignment(
            slots=tuple(None if s is None else int(self.order[s]) for s in slots),
            total=total,
            optimal=optimal,
            upper_bound=total if optimal else max(total, upper_total),
            nodes=nodes,
        )

    def _improve(self, slots: tuple[int | None, ...]) -> tuple[int | None, ...]:
        """Local search on a feasible plan until no move gains: swap two drafts' slots, give a
        placed draft's slot to an unplaced one, or move a draft to a free slot that keeps the
        rules. Only ever raises the objective, so the plan stays feasible and the search's
        proof is untouched; it makes the plan found within the node limit better."""
        plan = list(slots)
        weight = self.weight
        improved = True
        while improved:
            improved = False
            # Swaps keep the set of used slots, hence feasibility.
            for a, b in itertools.combinations(range(self.drafts), 2):
                slot_a, slot_b = plan[a], plan[b]
                if slot_a is None and slot_b is None:
                    continue
                before = (weight[a, slot_a] if slot_a is not None else 0.0) + (
                    weight[b, slot_b] if slot_b is not None else 0.0
                )
                after = (weight[a, slot_b] if slot_b is not None else 0.0) + (
                    weight[b, slot_a] if slot_a is not None else 0.0
                )
                if after > before + _TOLERANCE:
                    plan[a], plan[b] = slot_b, slot_a
                    improved = True
            # Moves: each placed draft to the best slot that fits with the others.
            for draft in range(self.drafts):
                current = plan[draft]
                if current is None:
                    continue
                others = [s for d, s in enumerate(plan) if s is not None and d != draft]
                fits = self.capacity[self.weeks] > 0
                for other in others:
                    fits &= np.abs(self.hours - self.hours[other]) >= self.spacing - _TOLERANCE
                for week in np.unique(self.weeks[others]) if others else []:
                    if np.sum(self.weeks[others] == week) >= self.capacity[week]:
                        fits &= self.weeks != week
                options = np.where(fits, weight[draft], -np.inf)
                best = int(np.argmax(options))
                if options[best] > weight[draft, current] + _TOLERANCE:
                    plan[draft] = best
                    improved = True
        return tuple(plan)

    def _repair(self, slots: tuple[int | None, ...]) -> tuple[int | None, ...]:
        """A feasible plan from a relaxed one: keep the most valuable posts that fit together."""
        kept: list[int | None] = [None] * self.drafts
        hours: list[float] = []
        placed = sorted(
            ((d, s) for d, s in enumerate(slots) if s is not None),
            key=lambda pair: -self.weight[pair],
        )
        for draft, slot in placed:
            hour = self.hours[slot]
            if all(abs(hour - other) >= self.spacing - _TOLERANCE for other in hours):
                kept[draft] = slot
                hours.append(hour)
        return tuple(kept)

    def _complete(self, slots: tuple[int | None, ...]) -> tuple[int | None, ...]:
        """Greedily add the best remaining (draft, slot) pairs that keep a plan feasible."""
        plan = list(slots)
        if self.slot_count == 0:
            return tuple(plan)
        open_slot = self.capacity[self.weeks] > 0  # a full week has no room at all
        for slot in plan:
            if slot is not None:
                self._close_around(open_slot, slot, plan)
        while True:
            free = np.array([s is None for s in plan])
            if not free.any() or not open_slot.any():
                return tuple(plan)
            weight = np.where(free[:, None] & open_slot[None, :], self.weight, -np.inf)
            best = int(np.argmax(weight))
            draft, slot = divmod(best, self.slot_count)
            if not np.isfinite(weight[draft, slot]):
                return tuple(plan)
            plan[draft] = slot
            self._close_around(open_slot, slot, plan)

    def _close_around(
        self, open_slot: NDArray[np.bool_], slot: int, plan: list[int | None]
    ) -> None:
        """Mark slots that a post at ``slot`` rules out: too close, or its week is full."""
        hour = self.hours[slot]
        open_slot &= np.abs(self.hours - hour) >= self.spacing - _TOLERANCE
        week = self.weeks[slot]
        if sum(self.weeks[s] == week for s in plan if s is not None) >= self.capacity[week]:
            open_slot &= self.weeks != week

    def _relax(self, forbidden: frozenset[int]) -> tuple[float, tuple[int | None, ...]]:
        """The bound: at most one post per block and ``per_week`` per week, spacing ignored.

        An assignment problem with week capacities, solved by the Hungarian method after two
        exact reductions: in a block a draft takes its best slot, and a draft only ever needs
        its ``min(drafts, per_week)`` best blocks of each week (at most ``per_week - 1`` other
        posts share its week, so one of those blocks is always free to move to).
        Week capacities become "blocker" rows that must occupy all but ``per_week`` of a
        week's candidate blocks. Returns the bound and the slot per draft.
        """
        drafts = self.drafts
        none: tuple[int | None, ...] = (None,) * drafts
        if drafts == 0 or self.slot_count == 0 or not self.capacity.any():
            return 0.0, none
        weight = np.concatenate([self.weight, np.full((drafts, 1), -np.inf)], axis=1)
        if forbidden:
            weight[:, list(forbidden)] = -np.inf
        gathered = weight[:, self.block_slots]  # drafts x blocks x depth
        best_in_block = np.argmax(gathered, axis=2)
        block_value = np.take_along_axis(gathered, best_in_block[:, :, None], axis=2)[:, :, 0]
        candidate = np.zeros(len(self.block_weeks), dtype=bool)
        for week in np.unique(self.block_weeks):
            in_week = np.flatnonzero(self.block_weeks == week)
            top = min(drafts, int(self.capacity[week]), len(in_week))
            if top == 0:
                continue
            week_values = block_value[:, in_week]
            picks = np.argpartition(-week_values, top - 1, axis=1)[:, :top]
            rows = np.arange(drafts)[:, None]
            picked = in_week[picks][np.isfinite(week_values[rows, picks])]
            candidate[picked] = True
        blocks = np.flatnonzero(candidate)
        if len(blocks) == 0:
            return 0.0, none
        block_weeks = self.block_weeks[blocks]
        # At most ``most`` drafts are placed; a block's draft can always be one of its ``most``
        # best (one of those is free to swap in), so the others need no row.
        most = sum(
            min(int(self.capacity[week]), int((block_weeks == week).sum()))
            for week in np.unique(block_weeks)
        )
        rows_kept = np.arange(drafts)
        if most < drafts:
            values = block_value[:, blocks]
            top = np.argpartition(-values, most - 1, axis=0)[:most]
            ranked = np.zeros(drafts, dtype=bool)
            ranked[top[np.isfinite(np.take_along_axis(values, top, axis=0))]] = True
            rows_kept = np.flatnonzero(ranked)
        kept = len(rows_kept)
        blockers: list[int] = []
        for week in np.unique(block_weeks):
            free = int(self.capacity[week])
            blockers += [int(week)] * max(0, int((block_weeks == week).sum()) - free)
        rows_total = kept + len(blockers)
        columns = len(blocks) + kept
        cost = np.full((rows_total, columns), _FORBIDDEN_COST)
        draft_values = block_value[rows_kept][:, blocks]
        cost[:kept, : len(blocks)] = np.where(
            np.isfinite(draft_values), -draft_values, _FORBIDDEN_COST
        )
        cost[:kept, len(blocks) :] = 0.0  # leaving a draft out costs nothing
        for row, week in enumerate(blockers, start=kept):
            cost[row, : len(blocks)] = np.where(block_weeks == week, 0.0, _FORBIDDEN_COST)
        self.work += rows_total * columns
        columns_of_rows = hungarian(cost)
        if np.any(cost[np.arange(rows_total), columns_of_rows] >= _FORBIDDEN_COST):
            raise AssertionError("the relaxed assignment used a forbidden cell")
        slots: list[int | None] = [None] * drafts
        bound = 0.0
        for row, draft in enumerate(rows_kept.tolist()):
            column = int(columns_of_rows[row])
            if column >= len(blocks):
                continue
            block = int(blocks[column])
            slots[draft] = int(self.block_slots[block, best_in_block[draft, block]])
            bound += float(block_value[draft, block])
        return bound, tuple(slots)

    def _conflict(self, slots: tuple[int | None, ...]) -> tuple[int, int] | None:
        """Two placed slots closer than the spacing (the closest such neighbours), or None."""
        placed = sorted((self.hours[s], s) for s in slots if s is not None)
        worst: tuple[float, tuple[int, int]] | None = None
        for (hour_a, slot_a), (hour_b, slot_b) in itertools.pairwise(placed):
            gap = hour_b - hour_a
            if gap < self.spacing - _TOLERANCE and (worst is None or gap < worst[0]):
                worst = (gap, (slot_a, slot_b))
        return None if worst is None else worst[1]
