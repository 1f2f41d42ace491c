"""Greedy placement of drafts in hours for ``igalgo plan``, before :mod:`igalgo.planning.settle`
moves the posts by the schedule's own reach.

:func:`place_drafts` takes the drafts most constrained first (fewest allowed hours, then the
most valuable) and gives each an hour still open: inside its allowed hours, at least
``spacing`` hours from every placed post and in a week with room left. It builds one such plan
per rule of :data:`RULES` (the most valuable open hour, the earliest, ...); when none fills
every hour it could, it takes a post out and places the drafts left over again while that
places more. The plan that places most drafts, then has the largest total value, is improved
while its total rises (a post moved, its hour given to a stronger draft left over, another post
moved out of its way, two posts exchanging hours). Equally valuable hours go to the one
farthest from the posts. No bound and no proof: the values are a stand-in for the schedule's
reach, which ``settle`` raises afterwards (docs/decisions/0105-greedy-placement.md).

Pure numpy, no randomness; nothing here knows about Instagram.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

_TOLERANCE = 1e-9
"""Float round-off: hours closer than ``spacing`` by less than this count as far enough, a
value must rise by more than this to count as a gain, and relative to the largest open value
it makes slots equally valuable."""


RULES = ("value", "earliest", "gentle", "scan")
"""How a draft chooses among its open slots: the most valuable; the earliest (which leaves
the most room to later drafts); the one that closes the fewest slots other drafts could take;
or, slot by slot in time order, each open slot to the draft whose allowed slots end first."""


class _Board:
    """The placed posts: which hours each one rules out and how full each week is."""

    def __init__(self, hours: FloatArray, weeks: IntArray, room: IntArray, spacing: float) -> None:
        reach = max(spacing, _TOLERANCE) - _TOLERANCE
        # Hours are sorted, so the hours too close to hour s are the range low[s]:high[s].
        self.low = np.searchsorted(hours, hours - reach, side="left")
        self.high = np.searchsorted(hours, hours + reach, side="right")
        self.hours = hours
        self.weeks = weeks
        self.room = room.copy()
        """Posts each week still has room for."""
        self.blocked = np.zeros(len(hours), dtype=np.int64)
        """Placed posts too close to each hour."""

    def copy(self) -> _Board:
        """An independent copy."""
        twin = object.__new__(_Board)
        twin.__dict__.update(self.__dict__, room=self.room.copy(), blocked=self.blocked.copy())
        return twin

    def closed(self, weight: IntArray) -> FloatArray:
        """For each slot, the ``weight`` of the slots a post there would close: those too
        close to it, and the rest of its week when that week has room for one post only."""
        total = np.concatenate([[0], np.cumsum(weight)])
        near = total[self.high] - total[self.low]
        week = np.bincount(self.weeks, weights=weight, minlength=len(self.room))[self.weeks]
        start = np.searchsorted(self.weeks, self.weeks, side="left")
        end = np.searchsorted(self.weeks, self.weeks, side="right")
        inside = total[np.minimum(self.high, end)] - total[np.maximum(self.low, start)]
        last = self.room[self.weeks] == 1
        return np.asarray(near + np.where(last, week - inside, 0), dtype=np.float64)

    def open(self) -> BoolArray:
        """Hours a new post may take."""
        return np.asarray((self.blocked == 0) & (self.room[self.weeks] > 0), dtype=np.bool_)

    def is_open(self, slot: int) -> bool:
        """Whether a new post may take ``slot``."""
        return bool(self.blocked[slot] == 0 and self.room[self.weeks[slot]] > 0)

    def take(self, slot: int, sign: int = 1) -> None:
        """Place a post at ``slot`` (``sign=-1``: remove it)."""
        self.blocked[self.low[slot] : self.high[slot]] += sign
        self.room[self.weeks[slot]] -= sign


def place_drafts(
    values: FloatArray,
    hours: FloatArray,
    weeks: IntArray,
    *,
    per_week: int | Sequence[int],
    spacing: float,
) -> tuple[int | None, ...]:
    """The slot of each draft (input row order), or None when it is not placed.

    ``values[d, s]`` is the value of draft ``d`` in slot ``s`` (NaN: not allowed; values must
    be >= 0), ``hours[s]`` the slot's time in elapsed hours (e.g. a POSIX time / 3600, so that
    a daylight-saving change is counted correctly) and ``weeks[s]`` its planned week. Every
    slot holds at most one draft, at most ``per_week`` drafts go in a week (one number for
    every week, or ``per_week[w]`` for week ``w``) and any two placed drafts are at least
    ``spacing`` hours apart. See the module docstring for the method.
    """
    values = np.asarray(values, dtype=np.float64)
    hours = np.asarray(hours, dtype=np.float64)
    weeks = np.asarray(weeks, dtype=np.int64)
    if values.ndim != 2 or not values.shape[1] == hours.shape[0] == weeks.shape[0]:
        raise ValueError("values must be drafts x slots, hours and weeks one per slot")
    if np.any(values[np.isfinite(values)] < 0):
        raise ValueError("slot values must be >= 0")
    if values.size == 0:
        return (None,) * len(values)
    order = np.argsort(hours, kind="stable")  # internal slot -> caller's slot
    value = np.where(np.isfinite(values), values, -np.inf)[:, order]
    top_week = int(weeks.max()) + 1 if weeks.size else 0
    room = np.zeros(top_week, dtype=np.int64)
    if isinstance(per_week, int):
        room[:] = per_week
    else:
        given = np.asarray(per_week, dtype=np.int64)[:top_week]
        room[: len(given)] = given
    board = _Board(hours[order], weeks[order], np.maximum(room, 0), spacing)
    drafts = _Drafts(value)
    most = min(len(values), _most_posts(np.any(drafts.allowed, axis=0), board.copy()))
    plans = []
    for rule in RULES:
        slot_of: list[int | None] = [None] * len(values)
        plans.append((slot_of, board.copy()))
        _fill(drafts, drafts.order, slot_of, plans[-1][1], rule)
    if all(len(values) - slot_of.count(None) < most for slot_of, _ in plans):
        plans = [_let_in(drafts, slot_of, taken, most) for slot_of, taken in plans]
    best, taken = max(plans, key=lambda plan: (-plan[0].count(None), drafts.total(plan[0])))
    _improve(drafts, best, taken)
    return tuple(None if slot is None else int(order[slot]) for slot in best)


class _Drafts:
    """The drafts' values with what the rules need of them, computed once."""

    def __init__(self, value: FloatArray) -> None:
        self.value = value
        """Value of each draft in each slot (slots in time order), -inf where not allowed."""
        self.allowed = np.isfinite(value)
        kinds: dict[bytes, int] = {}
        self.kind = [kinds.setdefault(row.tobytes(), len(kinds)) for row in self.allowed]
        """Drafts with the same allowed slots share a kind."""
        self.best = value.max(axis=1, initial=-np.inf)
        """Each draft's largest value."""
        count = self.allowed.sum(axis=1)
        self.order = sorted(range(len(value)), key=lambda d: (count[d], -self.best[d], d))
        """Most constrained first: fewest allowed slots, then the most valuable."""
        self.rank = np.argsort(self.order)
        """Each draft's place in :attr:`order`."""
        slots = self.allowed.shape[1]
        self.end = slots - np.argmax(self.allowed[:, ::-1], axis=1)
        """One past each draft's last allowed slot."""

    def total(self, slot_of: list[int | None]) -> float:
        """Sum of the placed drafts' values."""
        return float(sum(self.value[d, s] for d, s in enumerate(slot_of) if s is not None))


def _let_in(
    drafts: _Drafts, slot_of: list[int | None], board: _Board, most: int
) -> tuple[list[int | None], _Board]:
    """While it places more (up to ``most``): a post taken out and the drafts left over placed
    again, that post last, by any rule."""
    improved = True
    while improved and len(slot_of) - slot_of.count(None) < most:
        improved = False
        for draft, rule in itertools.product(drafts.order, RULES):
            slot = slot_of[draft]
            if slot is None:
                continue
            trial, trial_board = list(slot_of), board.copy()
            trial[draft] = None
            trial_board.take(slot, -1)
            last = [d for d in drafts.order if d != draft] + [draft]
            _fill(drafts, last, trial, trial_board, rule)
            if trial.count(None) < slot_of.count(None):
                slot_of, board, improved = trial, trial_board, True
                break
    return slot_of, board


def _improve(drafts: _Drafts, slot_of: list[int | None], board: _Board) -> None:
    """Raise the total value, as many drafts placed, until no step does: a post moved to its
    most valuable open slot, its place given to a draft left over that is worth more in an open
    slot, or another post moved into the slots it frees (:func:`_make_way`); two posts
    exchanging their slots."""
    value = drafts.value
    improved = True
    while improved:
        improved = False
        left = [d for d, s in enumerate(slot_of) if s is None]
        # The strongest drafts left over, as many as there are posts, are the ones to try.
        strongest = sorted(left, key=lambda d: -drafts.best[d])[: len(slot_of) - len(left)]
        rows = value[strongest]
        opened = board.open()
        reach = np.where(opened, rows, -np.inf).max(axis=1, initial=-np.inf)
        for draft, slot in enumerate(slot_of):
            if slot is None:
                continue
            board.take(slot, -1)
            now = board.open()
            freed = np.flatnonzero(now & ~opened)  # a removed post opens only these
            gain = np.maximum(reach, rows[:, freed].max(axis=1, initial=-np.inf))
            gain[[slot_of[d] is not None for d in strongest]] = -np.inf
            own = np.where(now, value[draft], -np.inf)
            other = int(np.argmax(gain)) if strongest else -1
            if other >= 0 and gain[other] > max(own.max(), value[draft, slot] + _TOLERANCE):
                slot_of[draft] = None
                taker = strongest[other]
                slot_of[taker] = slot = int(np.argmax(np.where(now, value[taker], -np.inf)))
            elif own.max() > value[draft, slot] + _TOLERANCE:
                slot_of[draft] = slot = int(np.argmax(own))
            elif (made := _make_way(drafts, draft, slot, freed, slot_of, board)) is not None:
                slot = made
            else:
                board.take(slot)
                continue
            board.take(slot)
            improved = True
            opened = board.open()
            reach = np.where(opened, rows, -np.inf).max(axis=1, initial=-np.inf)
        placed = [d for d, s in enumerate(slot_of) if s is not None]
        for a, b in itertools.combinations(placed, 2):
            slot_a, slot_b = slot_of[a], slot_of[b]
            assert slot_a is not None and slot_b is not None
            before = value[a, slot_a] + value[b, slot_b]
            if value[a, slot_b] + value[b, slot_a] > before + _TOLERANCE:
                slot_of[a], slot_of[b], improved = slot_b, slot_a, True


def _make_way(
    drafts: _Drafts,
    draft: int,
    slot: int,
    freed: IntArray,
    slot_of: list[int | None],
    board: _Board,
) -> int | None:
    """With ``draft`` taken out of ``slot`` (``freed`` the slots that opened), move another
    post into a freed slot and ``draft`` to its best open slot when that raises the total;
    return that slot (the board then holds the other post, not ``draft``), or None when no
    such pair of moves exists (nothing changed)."""
    value = drafts.value
    others = [d for d, at in enumerate(slot_of) if at is not None and d != draft]
    if not freed.size or not others:
        return None
    now = np.array([slot_of[d] for d in others])
    best = np.argmax(value[np.ix_(np.array(others), freed)], axis=1)
    gains = value[others, freed[best]] - value[others, now]
    for row in np.flatnonzero(gains > _TOLERANCE):
        other, at, target, gain = others[row], int(now[row]), int(freed[best[row]]), gains[row]
        board.take(at, -1)
        board.take(target)
        own = np.where(board.open(), value[draft], -np.inf)
        if gain + own.max() - value[draft, slot] > _TOLERANCE:
            slot_of[other], slot_of[draft] = target, int(np.argmax(own))
            return slot_of[draft]
        board.take(target, -1)
        board.take(at)
    return None


def _most_posts(usable: BoolArray, board: _Board) -> int:
    """Most posts any plan can hold in the ``usable`` slots of an empty ``board``: the earliest
    open slot each time, which is best when every draft could take every slot."""
    count = 0
    for slot in np.flatnonzero(usable).tolist():
        if board.is_open(slot):
            board.take(slot)
            count += 1
    return count


def _fill(
    drafts: _Drafts, order: list[int], slot_of: list[int | None], board: _Board, rule: str
) -> None:
    """Give each draft without a slot an open slot by ``rule``, in ``order`` (but for "scan")."""
    allowed, value = drafts.allowed, drafts.value
    if rule == "scan":
        unplaced = np.array([s is None for s in slot_of], dtype=bool)
        for slot in range(allowed.shape[1]):
            free = allowed[:, slot] & unplaced
            if board.is_open(slot) and free.any():
                ends = np.where(free, drafts.end, allowed.shape[1] + 1)
                draft = int(np.lexsort((drafts.rank, ends))[0])
                slot_of[draft], unplaced[draft] = slot, False
                board.take(slot)
        return
    waiting = [d for d in order if slot_of[d] is None]
    wanted = allowed[waiting].sum(axis=0) if rule == "gentle" else None
    full: set[int] = set()  # kinds of drafts that found no open slot (none opens later)
    for draft in waiting:
        if wanted is not None:
            wanted -= allowed[draft]
        if drafts.kind[draft] in full:
            continue
        options = np.where(board.open(), value[draft], -np.inf)
        if not options.size or not np.isfinite(options.max()):
            full.add(drafts.kind[draft])
            continue
        if rule == "earliest":
            slot = int(np.argmax(np.isfinite(options)))
        elif wanted is not None:
            closed = np.where(np.isfinite(options), board.closed(wanted * board.open()), np.inf)
            slot = int(np.lexsort((-options, closed))[0])
        else:
            slot = _farthest(
                np.flatnonzero(options >= options.max() * (1 - _TOLERANCE)), slot_of, board
            )
        slot_of[draft] = slot
        board.take(slot)


def _farthest(slots: IntArray, slot_of: list[int | None], board: _Board) -> int:
    """Of equally valuable ``slots``, the one farthest from every post: the values leave out
    competition, which the nearest post brings (the earliest slot when there is no post)."""
    taken = [s for s in slot_of if s is not None]
    if len(slots) == 1 or not taken:
        return int(slots[0])
    gaps = np.abs(board.hours[slots][:, None] - board.hours[taken][None, :]).min(axis=1)
    return int(slots[np.argmax(gaps)])
