"""Moves applied together in one settle round only when none can change another's gain."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from igalgo.advice.moves import Move, move_context
from igalgo.domain import Draft, Driver, Format, Lever, Surface
from igalgo.planning.settle import independent_moves
from igalgo.world.model import DEFAULT_PARAMS

START = datetime(2026, 12, 7, 9, tzinfo=ZoneInfo("Europe/Amsterdam"))


def move(posts: list[Draft], index: int, hours: float, gain: float) -> Move:
    moved = dataclasses.replace(
        posts[index], publish_at=posts[index].publish_at + timedelta(hours=hours)
    )
    return Move(index, moved, Driver("move", Surface.FEED, 0.1, Lever.TIME), gain)


def test_only_moves_far_from_every_better_one_are_taken_together() -> None:
    apart = move_context(DEFAULT_PARAMS)
    days = apart.days + 2  # a little more than a move's context apart
    posts = [
        Draft(f"p{k}", Format.PHOTO, START + timedelta(days=days * (k // 2), hours=3 * (k % 2)))
        for k in range(6)
    ]
    found = [
        move(posts, 0, 2, 50.0),  # the best
        move(posts, 1, 1, 80.0),  # better still, 3 h from p0: p0's move must wait
        move(posts, 2, 4, 10.0),  # far from both
        move(posts, 4, 1, 5.0),  # far from all
        move(posts, 5, -days * 24 + 30, 1.0),  # lands close to p2 and p3: waits
    ]
    taken = independent_moves(posts, found, apart)
    assert [m.index for m in taken] == [1, 2, 4]
    # Each taken move is more than a context apart from every other, old and new times alike.
    for a in taken:
        for b in taken:
            if a is not b:
                for x in (posts[a.index].publish_at, a.draft.publish_at):
                    for y in (posts[b.index].publish_at, b.draft.publish_at):
                        assert abs(x - y) > apart
