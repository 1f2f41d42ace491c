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
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Mapping, Sequence
from datetime import timedelta

from igalgo.advice.moves import Move, required_gap
from igalgo.domain import Draft, Format, Lever, Surface

__all__ = ["SEQUENCE_GAP", "sequence_frames", "settle_claims"]

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
