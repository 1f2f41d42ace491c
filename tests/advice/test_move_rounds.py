"""What the rounds of moves score: a frame of a story sequence is not searched, and a schedule
verified once is not scored again."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import pytest

import igalgo.advice.claims as claims
import igalgo.advice.move_search as move_search
from igalgo.advice.drivers import DEFAULT_DRIVER_PARAMS
from igalgo.advice.move_search import find_moves
from igalgo.advice.moves import Move, MoveCache
from igalgo.app.assess import ScoreOptions, assess_file
from igalgo.domain import ALL_SURFACES, Draft
from igalgo.engine.arrays import FloatArray
from igalgo.engine.settings import EngineSettings
from igalgo.inputs.loader import load_account, load_drafts
from igalgo.world.model import DEFAULT_PARAMS, Simulation
from tests.advice.test_claims import generated
from tests.conftest import REPO

OPTIONS = ScoreOptions(settings=EngineSettings(samples=200), today=date(2026, 11, 30))


def test_frames_of_a_story_sequence_are_not_searched(monkeypatch: pytest.MonkeyPatch) -> None:
    drafts_file = generated(load_account("fitness-coach"), seed=3, count=12)
    searched: list[tuple[list[Draft], list[int]]] = []

    def spied(
        simulation: Simulation, drafts: Sequence[Draft], *args: Any, **kwargs: Any
    ) -> dict[int, Move]:
        kwargs["movable"] = list(kwargs["movable"])
        searched.append((list(drafts), kwargs["movable"]))
        return find_moves(simulation, drafts, *args, **kwargs)

    monkeypatch.setattr(move_search, "find_moves", spied)
    assess_file(drafts_file, OPTIONS)
    assert searched
    for drafts, movable in searched:
        frames = claims.sequence_frames(drafts)
        assert frames, "the generated week holds a three-frame Q&A"
        assert not frames & set(movable)


def test_a_schedule_verified_once_is_not_scored_again(monkeypatch: pytest.MonkeyPatch) -> None:
    drafts_file = load_drafts(str(REPO / "profiles" / "demo-drafts.yaml"))
    simulation = Simulation(drafts_file.account, DEFAULT_PARAMS, OPTIONS.settings, 0)
    drafts = list(drafts_file.drafts)
    competing = simulation.score_drafts(drafts)
    alone = dict(enumerate(simulation.score_drafts(drafts, compete=False)))
    move_params = DEFAULT_DRIVER_PARAMS.moves()
    cache = MoveCache()
    everyone = range(len(drafts))
    first = find_moves(
        simulation, drafts, competing, alone, movable=everyone, surfaces=ALL_SURFACES,
        move_params=move_params, cache=cache,
    )  # fmt: skip
    assert cache.verified, "the demo has moves to verify"
    calls: list[int] = []
    original = Simulation.score_schedules

    def counted(
        self: Simulation, schedules: Sequence[Sequence[Draft]], keep: Sequence[Sequence[int]]
    ) -> list[FloatArray]:
        calls.append(len(schedules))
        return original(self, schedules, keep)

    monkeypatch.setattr(Simulation, "score_schedules", counted)
    again = find_moves(
        simulation, drafts, competing, alone, movable=everyone, surfaces=ALL_SURFACES,
        move_params=move_params, cache=cache,
    )  # fmt: skip
    assert calls == []
    assert again == first
