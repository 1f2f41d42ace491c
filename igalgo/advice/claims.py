"""The moves of one report as one schedule: crowded posts are parted by moving one of them,
no two moves claim the same slot, and the frames of a story sequence stay together.

:func:`igalgo.advice.move_search.find_moves` finds each post's best move as if it were the
only one to move, so two posts that crowd each other are both told to leave, and two posts
may be sent to the same free hour. :func:`settle_claims` keeps the moves a user can follow
all at once: it takes them undated first (their hour is ours to choose), then by the reach
they gain, and keeps one only when

* the post is not a frame of a story sequence (stories each at most :data:`SEQUENCE_GAP`
  after the one before it): frames are one item and never told to part;
* a spacing move's crowding is still there (a neighbour already moved away parts them);
* its new hour keeps the spacing rule with every move kept before it.

:func:`settled_moves` then applies the moves kept, scores the changed schedule and looks
again, a few rounds at most, so that a report's moves, all followed, leave a schedule for
which the same rule finds no move: the advice is a schedule, not a wish per draft.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from igalgo.advice.moves import (
    SPACING_DAYS,
    Competing,
    Move,
    MoveCache,
    MoveParams,
    required_gap,
)
from igalgo.domain import Draft, DraftEstimate, Driver, Format, Lever, Surface

if TYPE_CHECKING:
    from igalgo.world.model import Simulation

__all__ = ["MOVE_ROUNDS", "SEQUENCE_GAP", "sequence_frames", "settle_claims", "settled_moves"]

MOVE_ROUNDS = 2
"""Rounds of moves :func:`settled_moves` applies and looks again after, at most."""

SEQUENCE_GAP = timedelta(hours=1)
"""Longest gap between two stories of one day that makes them frames of one sequence (a Q&A
told in frames a few minutes apart)."""


def sequence_frames(drafts: Sequence[Draft]) -> frozenset[int]:
    """Positions of the stories that are frames of a sequence of two or more."""
    stories = sorted(
        (d.publish_at, p) for p, d in enumerate(drafts) if d.format is Format.STORY and d.placed
    )
    frames: set[int] = set()
    for (before, first), (after, second) in itertools.pairwise(stories):
        if after - before <= SEQUENCE_GAP:
            frames.update((first, second))
    return frozenset(frames)


def settle_claims(
    drafts: Sequence[Draft],
    moves: Mapping[int, Move],
    surfaces: frozenset[Surface],
    spacing: Mapping[Surface, float],
) -> dict[int, Move]:
    """The moves of ``moves`` (by position in ``drafts``) that can all be followed at once."""
    frames = sequence_frames(drafts)
    order = sorted(moves, key=lambda p: (drafts[p].pinned, -moves[p].gain, drafts[p].id))
    kept: dict[int, Move] = {}
    timeline = _Timeline(drafts, spacing)
    claimed = _Timeline([], spacing)  # the new hours of the moves kept so far
    for position in order:
        move = moves[position]
        if position in frames:
            continue
        if move.driver.lever is Lever.SPACING and not _still_crowded(
            position, drafts, kept, surfaces, spacing, timeline
        ):
            continue
        if any(
            _too_close(move.draft, kept[other].draft, surfaces, spacing)
            for other in claimed.near(move.draft)
        ):
            continue
        kept[position] = move
        claimed.add(position, move.draft)
    return kept


def _too_close(
    first: Draft, second: Draft, surfaces: frozenset[Surface], spacing: Mapping[Surface, float]
) -> bool:
    """True when the two posts are closer than the spacing rule keeps them."""
    gap = required_gap(first.format, second.format, surfaces, spacing)
    return gap > 0 and abs(first.publish_at - second.publish_at) < timedelta(hours=gap)


def _still_crowded(
    position: int,
    drafts: Sequence[Draft],
    kept: Mapping[int, Move],
    surfaces: frozenset[Surface],
    spacing: Mapping[Surface, float],
    timeline: _Timeline,
) -> bool:
    """True when a post that stays where it is still crowds the post at ``position``."""
    draft = drafts[position]
    return any(
        other != position
        and other not in kept
        and drafts[other].placed
        and _too_close(draft, drafts[other], surfaces, spacing)
        for other in timeline.near(draft)
    )


class _Timeline:
    """Posts by publication time, to find those within the longest spacing of one."""

    def __init__(self, drafts: Sequence[Draft], spacing: Mapping[Surface, float]) -> None:
        self._order = sorted(range(len(drafts)), key=lambda p: drafts[p].publish_at)
        self._times = [drafts[p].publish_at for p in self._order]
        self._reach = timedelta(hours=max(spacing.values(), default=0.0))

    def add(self, position: int, draft: Draft) -> None:
        """Add the post at ``position`` at its publication time."""
        at = bisect.bisect_right(self._times, draft.publish_at)
        self._times.insert(at, draft.publish_at)
        self._order.insert(at, position)

    def near(self, draft: Draft) -> list[int]:
        """Positions of the posts published within the longest spacing of ``draft``."""
        low = bisect.bisect_left(self._times, draft.publish_at - self._reach)
        high = bisect.bisect_right(self._times, draft.publish_at + self._reach)
        return self._order[low:high]


def settled_moves(
    simulation: Simulation,
    drafts: Sequence[Draft],
    competing: Competing,
    alone: Mapping[int, DraftEstimate],
    *,
    movable: Sequence[int],
    surfaces: frozenset[Surface],
    move_params: MoveParams,
    worth: Callable[[Driver, DraftEstimate], bool],
    rescore: Simulation,
    cache: MoveCache | None = None,
) -> dict[int, Driver]:
    """Each post's move from its own time to where the report's moves, all followed, put it:
    one driver per moved post, with its new ``publish_at``.

    Round by round: the worthwhile moves of the posts at ``movable``
    (:func:`~igalgo.advice.move_search.find_moves`) that ``worth`` keeps (the post's estimate
    in the current schedule) and :func:`settle_claims` lets stand are applied, the schedule is
    scored again and the search repeated, until no move is left or after :data:`MOVE_ROUNDS`.
    After a round, ``rescore`` (the run of the content counterfactuals, fewer samples than
    ``simulation``'s) scores the changed schedule's posts near a move, and the moved posts on
    their own (what a close neighbour costs them): the next round reads only their medians and
    spread, compared with each other in one run.
    """
    from igalgo.advice.move_search import find_moves  # numpy: only when moves are searched

    cache = cache if cache is not None else MoveCache()  # each round reuses the hour screen
    posts = list(drafts)
    shown: Competing = competing
    own: dict[int, DraftEstimate] = dict(alone)
    steps: dict[int, list[Driver]] = {}
    spacing = move_params.spacing
    judged = list(movable)
    for round_number in range(MOVE_ROUNDS):
        # A frame of a story sequence is never moved (settle_claims): it is not searched.
        frames = sequence_frames(posts)
        judged = [i for i in judged if i not in frames]
        found = find_moves(
            simulation, posts, shown, own, movable=judged, surfaces=surfaces,
            move_params=move_params, cache=cache,
        )  # fmt: skip
        found = {i: m for i, m in found.items() if worth(m.driver, _estimate(shown, i))}
        kept = settle_claims(posts, found, surfaces, spacing)
        if not kept:
            break
        changed = [t for i, m in kept.items() for t in (posts[i].publish_at, m.draft.publish_at)]
        for index, move in kept.items():
            posts[index] = move.draft
            steps.setdefault(index, []).append(move.driver)
        if round_number + 1 < MOVE_ROUNDS:
            # A post's hours to try and the neighbours it keeps its spacing from lie within
            # its day, the SPACING_DAYS after it and the longest spacing: only posts that near
            # an old or new time of a move can find a move they could not find before.
            reach = timedelta(days=SPACING_DAYS + 1, hours=max(spacing.values(), default=0.0))
            judged = [
                i for i in movable if any(abs(posts[i].publish_at - t) <= reach for t in changed)
            ]
            # One engine call: the changed schedule's posts near a move, and each moved post
            # on its own (a schedule of one).
            moved = sorted(kept)
            together, *alone_again = rescore.score_schedule_estimates(
                [posts, *([posts[i]] for i in moved)], [judged, *([0] for _ in moved)]
            )
            shown = dict(zip(judged, together, strict=True))
            own.update((i, found) for i, (found,) in zip(moved, alone_again, strict=True))
    zone = ZoneInfo(simulation.account.timezone)
    out: dict[int, Driver] = {}
    for index, made in steps.items():
        before, after = drafts[index].publish_at, posts[index].publish_at
        if before == after:
            continue
        first = made[0]
        if len(made) == 1:
            out[index] = dataclasses.replace(first, publish_at=after)
            continue
        change = move_words(before, after, zone)
        effect = sum(step.effect for step in made)
        out[index] = dataclasses.replace(first, change=change, effect=effect, publish_at=after)
    return out


def _estimate(competing: Competing, index: int) -> DraftEstimate:
    """The estimate of the post at ``index`` in ``competing`` (a list or a mapping)."""
    return competing[index]


def move_words(before: datetime, after: datetime, zone: ZoneInfo) -> str:
    """A move in words, local time: ``publish at 18:00 instead of 06:00`` within a day,
    ``move it to Fri 04 Dec 18:00 (from Wed 02 Dec 06:00)`` across days."""
    old, new = before.astimezone(zone), after.astimezone(zone)
    if old.date() == new.date():
        return f"publish at {new:%H:%M} instead of {old:%H:%M}"
    return f"move it to {new:%a %d %b %H:%M} (from {old:%a %d %b %H:%M})"
