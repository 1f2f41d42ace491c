"""Unique reach across surfaces: each surface's reach joins the ones before it within its
population, and a reach that joins nothing is counted exactly."""

from __future__ import annotations

import numpy as np

from igalgo.domain import Surface
from igalgo.world.interaction import account_model
from igalgo.world.model import DEFAULT_PARAMS
from igalgo.world.surfaces import reels
from igalgo.world.surfaces.registry import SURFACES, unique_reach
from tests.engine_helpers import make_account

MODEL = account_model(make_account(1_000, 0.02), DEFAULT_PARAMS)


def reached(values: dict[Surface, float]) -> dict[Surface, np.ndarray]:
    return {s: np.full((2, 3), values.get(s, 0.0), dtype=np.float32) for s in SURFACES}


def test_a_side_on_one_surface_is_that_surface_s_reach_exactly() -> None:
    followers = reached({Surface.FEED: 123.456})
    others = reached({Surface.EXPLORE: 7.25, Surface.STORIES: 99.0})
    eligible = {s: np.array([True, True]) for s in SURFACES}
    eligible[Surface.STORIES] = np.array([False, False])
    unique = unique_reach(followers, others, eligible, MODEL, DEFAULT_PARAMS)
    assert np.array_equal(unique, np.float32(123.456) + np.float32(7.25) + np.zeros((2, 3)))


def test_two_surfaces_on_a_side_overlap_as_independent_draws_in_its_population() -> None:
    followers = reached({Surface.FEED: 400.0, Surface.REELS: 200.0})
    others = reached({Surface.EXPLORE: 300.0, Surface.REELS: 600.0})
    eligible = {s: np.array([s is not Surface.STORIES, False]) for s in SURFACES}
    unique = unique_reach(followers, others, eligible, MODEL, DEFAULT_PARAMS)
    everyone = float(MODEL.tiers.sum())
    pool = reels.non_follower_pool(MODEL, DEFAULT_PARAMS)
    expected = 400 + 200 * (1 - 400 / everyone) + 300 + 600 * (1 - 300 / pool)
    assert np.allclose(unique[0], expected, rtol=1e-5)
    assert np.array_equal(unique[1], np.zeros(3))  # a row no surface shows reaches nobody
