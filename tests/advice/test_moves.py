"""Moves in time judged by the whole schedule: the rule of the time and spacing drivers."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import pytest

from igalgo.advice.drivers import DEFAULT_DRIVER_PARAMS, DriverParams
from igalgo.advice.move_search import find_moves
from igalgo.advice.moves import (
    MIN_SPACING_HOURS,
    competition_window,
    context_positions,
    post_value,
    required_gap,
    spacing_surfaces,
)
from igalgo.domain import (
    ALL_SURFACES,
    FORMAT_SURFACES,
    Draft,
    DraftEstimate,
    Format,
    Lever,
    Surface,
)
from igalgo.engine.settings import EngineSettings
from igalgo.world.model import DEFAULT_PARAMS
from tests.advice.examples import ACCOUNT, ZONE, HandMadeSimulation, at, estimate, photo

FEED = frozenset({Surface.FEED})
SETTINGS = EngineSettings(samples=10)


@dataclasses.dataclass(frozen=True)
class CompetingSimulation(HandMadeSimulation):
    """A test double whose competition is known: a post's reach is its hour's value, times
    ``factor`` for every other post that shares a surface with it within 6 hours (when the
    posts compete). Hour values: 19:00 1000, 18:00 950, any other hour 500."""

    factor: float = 0.6

    def score_drafts(self, drafts: Sequence[Draft], *, compete: bool = True) -> list[DraftEstimate]:
        out = []
        for draft in drafts:
            hour = draft.publish_at.astimezone(ZONE).hour
            value = {19: 1000.0, 18: 950.0}.get(hour, 500.0)
            if compete:
                for other in drafts:
                    shared = FORMAT_SURFACES[draft.format] & FORMAT_SURFACES[other.format]
                    near = abs(other.publish_at - draft.publish_at) < timedelta(hours=6)
                    if other is not draft and shared and near:
                        value *= self.factor
            out.append(estimate(draft, {s: value for s in FORMAT_SURFACES[draft.format]}))
        return out


def competing(factor: float = 0.6) -> CompetingSimulation:
    return CompetingSimulation(ACCOUNT, settings=SETTINGS, factor=factor)


def moves_of(
    drafts: Sequence[Draft],
    simulation: CompetingSimulation,
    *,
    surfaces: frozenset[Surface] = FEED,
    driver_params: DriverParams = DEFAULT_DRIVER_PARAMS,
) -> dict[int, Any]:
    together = simulation.score_drafts(drafts)
    alone = dict(enumerate(simulation.score_drafts(drafts, compete=False)))
    return find_moves(
        simulation,
        drafts,
        together,
        alone,
        movable=range(len(drafts)),
        surfaces=surfaces,
        move_params=driver_params.moves(),
    )


def test_a_post_at_a_poor_hour_moves_to_the_best_one_of_its_day() -> None:
    (move,) = moves_of([photo("a", at(2, 6))], competing()).values()
    assert move.driver.lever is Lever.TIME
    assert move.draft.publish_at == at(2, 19)
    assert move.driver.change == "publish at 19:00 instead of 06:00"
    assert move.driver.effect == pytest.approx(1.0)
    assert move.gain == pytest.approx(500.0)


def test_a_move_that_takes_more_from_the_others_than_it_gains_is_not_offered() -> None:
    """B at 06:00 would reach more at 18:00 (+14 % on its own) but costs A at 19:00 more."""
    close = DriverParams(min_spacing_hours={**MIN_SPACING_HOURS, Surface.FEED: 1})
    pair = [photo("a", at(2, 19)), photo("b", at(2, 6))]
    found = moves_of(pair, competing(), driver_params=close)
    assert found == {}


def test_spacing_names_only_a_post_of_the_same_surface_that_costs_reach() -> None:
    pair = [photo("a", at(2, 19)), photo("b", at(2, 21))]
    found = moves_of(pair, competing())
    assert found[1].driver.lever is Lever.SPACING
    assert found[1].driver.change == "move it to Thu 03 Dec 19:00, away from 'a' (2 h apart)"
    assert found[1].gain > 0
    story = Draft("s", Format.STORY, at(2, 19, 30))
    with_story = moves_of([photo("a", at(2, 19)), story], competing(), surfaces=ALL_SURFACES)
    assert all(move.driver.lever is not Lever.SPACING for move in with_story.values())
    # A neighbour that costs nothing is not named, however close.
    free = moves_of(pair, competing(factor=1.0))
    assert all(move.driver.lever is not Lever.SPACING for move in free.values())


def test_a_move_never_brings_posts_closer_than_the_spacing_rule() -> None:
    found = moves_of([photo("a", at(2, 19)), photo("b", at(3, 6))], competing())
    for index, move in found.items():
        other = [photo("a", at(2, 19)), photo("b", at(3, 6))][1 - index]
        assert abs(move.draft.publish_at - other.publish_at) >= timedelta(hours=12)


def test_the_spacing_rule_between_formats_and_surfaces() -> None:
    assert required_gap(Format.PHOTO, Format.PHOTO, FEED) == 12
    assert required_gap(Format.PHOTO, Format.STORY, ALL_SURFACES) == 0
    assert required_gap(Format.REEL, Format.REEL, ALL_SURFACES) == 24  # feed and the Reels tab
    assert required_gap(Format.PHOTO, Format.CAROUSEL, ALL_SURFACES) == 12  # not Explore's 24
    assert required_gap(Format.PHOTO, Format.PHOTO, frozenset({Surface.EXPLORE})) == 24
    assert spacing_surfaces(ALL_SURFACES) == ALL_SURFACES - {Surface.EXPLORE}


def test_post_value_is_unique_reach_for_all_surfaces_and_a_sum_for_some() -> None:
    reel = estimate(photo(format=Format.REEL), {s: 100.0 for s in Surface}, total=250.0)
    assert post_value(reel, ALL_SURFACES) == 250.0
    assert post_value(reel, frozenset({Surface.FEED, Surface.REELS})) == 200.0


def test_a_part_of_a_schedule_gives_its_posts_the_whole_schedules_numbers() -> None:
    """What makes verifying a move on the posts near it exact (the real engine)."""
    from igalgo.world.model import score_drafts

    rng = random.Random(4)
    formats = [Format.PHOTO, Format.REEL, Format.STORY, Format.CAROUSEL]
    drafts = [
        dataclasses.replace(
            photo(f"d{i}", at(1, 0) + timedelta(hours=rng.randrange(24 * 28))),
            format=rng.choice(formats),
            slides=5,
            duration_s=20.0,
        )
        for i in range(40)
    ]
    drafts = [
        d if d.format is not Format.PHOTO else dataclasses.replace(d, slides=None, duration_s=None)
        for d in drafts
    ]
    drafts = [
        d if d.format is not Format.STORY else dataclasses.replace(d, slides=None, hashtags=())
        for d in drafts
    ]
    settings = EngineSettings(samples=64)
    whole = score_drafts(ACCOUNT, drafts, settings=settings)
    order = sorted(range(len(drafts)), key=lambda p: drafts[p].publish_at)
    window = competition_window(DEFAULT_PARAMS)
    middle = drafts[order[20]].publish_at
    part = context_positions(drafts, order, middle - 2 * window, middle + 2 * window)
    assert len(part) < len(drafts)
    scored = score_drafts(ACCOUNT, [drafts[p] for p in part], settings=settings)
    by_position = dict(zip(part, scored, strict=True))
    near = [p for p in part if abs(drafts[p].publish_at - middle) <= window]
    assert near and all(by_position[p] == whole[p] for p in near)
