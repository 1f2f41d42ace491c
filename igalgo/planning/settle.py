"""Moves applied to a schedule until none is left: the step that makes a plan's posts the
ones ``igalgo score`` has no time or spacing change for.

:func:`settle` scores the schedule (its posts competing), asks the drivers' own rule for every
movable post's worthwhile move (:func:`igalgo.advice.move_search.find_moves`), applies the one that
raises the schedule's typical reach most, with every other move far enough from it and from
each other not to change what they were judged by (:func:`independent_moves`), and starts
over. Every move raises that reach by at least the drivers' ``min_effect`` of a post, so the
loop ends; when it ends, the rule finds no move, which is what ``igalgo score`` will find for
the same posts (docs/decisions/0100-one-objective-for-moves-and-plans.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from igalgo.advice.drivers import DEFAULT_DRIVER_PARAMS, DriverParams
from igalgo.advice.move_search import find_moves
from igalgo.advice.moves import Move, MoveCache, move_context
from igalgo.domain import Draft, DraftEstimate, Surface
from igalgo.world.model import Simulation

MAX_ROUNDS_PER_POST = 8
"""Moves tried per movable post before :func:`settle` stops (a bound that is never reached in
practice: each move raises the schedule's reach by a share of a post)."""


@dataclass(frozen=True)
class Settled:
    """A schedule after its moves."""

    drafts: tuple[Draft, ...]
    """The posts, in the order given, at their final times."""
    estimates: tuple[DraftEstimate, ...]
    """Their estimates scored together (``compete=True``)."""
    moves: int
    """Moves applied."""
    gain: float
    """Typical reach they added on the surfaces in question (accounts)."""
    settled: bool
    """False when :data:`MAX_ROUNDS_PER_POST` stopped the loop before the rule was satisfied."""


def settle(
    simulation: Simulation,
    drafts: Sequence[Draft],
    movable: Iterable[int],
    *,
    surfaces: frozenset[Surface],
    driver_params: DriverParams = DEFAULT_DRIVER_PARAMS,
) -> Settled:
    """Apply worthwhile moves to the posts at ``movable`` until none is left (see the module
    docstring). The other posts stay where they are and compete all the same."""
    posts = list(drafts)
    wanted = sorted(set(movable))
    apart = move_context(simulation.model_params)
    cache = MoveCache()
    alone: dict[Draft, DraftEstimate] = {}
    moves, gain = 0, 0.0
    for _ in range(MAX_ROUNDS_PER_POST * len(wanted) + 1):
        estimates = simulation.score_drafts(posts)
        if not wanted:
            return Settled(tuple(posts), tuple(estimates), 0, 0.0, True)
        missing = [posts[i] for i in wanted if posts[i] not in alone]
        if missing:
            scored = driver_params.counterfactual_run(simulation).score_drafts(
                missing, compete=False
            )
            alone.update(zip(missing, scored, strict=True))
        found = find_moves(
            simulation,
            posts,
            estimates,
            {i: alone[posts[i]] for i in wanted},
            movable=wanted,
            surfaces=surfaces,
            move_params=driver_params.moves(),
            cache=cache,
        )
        if not found:
            return Settled(tuple(posts), tuple(estimates), moves, gain, True)
        for move in independent_moves(posts, found.values(), apart):
            posts[move.index] = move.draft
            moves += 1
            gain += move.gain
    estimates = simulation.score_drafts(posts)
    return Settled(tuple(posts), tuple(estimates), moves, gain, False)


def independent_moves(
    posts: Sequence[Draft], found: Iterable[Move], apart: timedelta
) -> list[Move]:
    """The moves to apply together: the best one, then each next best whose old and new times
    are more than ``apart`` (:func:`igalgo.advice.moves.move_context`) from those of every move
    taken. No post whose numbers one move was judged by can change with another, so each
    keeps the gain it was verified with."""
    taken: list[Move] = []
    for move in sorted(found, key=lambda m: (-m.gain, m.index)):
        times = (posts[move.index].publish_at, move.draft.publish_at)
        if all(
            abs(mine - theirs) > apart
            for other in taken
            for mine in times
            for theirs in (posts[other.index].publish_at, other.draft.publish_at)
        ):
            taken.append(move)
    return taken
