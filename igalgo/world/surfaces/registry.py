"""The registered surfaces, in the order the simulation samples them (Feed first: its early
popularity feeds the others)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np

from igalgo.domain import Surface
from igalgo.engine.arrays import BoolArray, SampleArray
from igalgo.engine.kernels import union
from igalgo.world.surfaces import explore, feed, reels, stories
from igalgo.world.surfaces.surface import SurfaceModule

if TYPE_CHECKING:
    from igalgo.world.account import AccountModel
    from igalgo.world.params import ModelParams

SURFACE_MODULES: tuple[SurfaceModule, ...] = (feed, stories, explore, reels)
"""Every surface, in sampling order (which is also ``Surface`` order)."""

SURFACES: tuple[Surface, ...] = tuple(model.SURFACE for model in SURFACE_MODULES)
"""The surfaces, in the same order."""


def competition_hours(params: ModelParams) -> float:
    """How many hours apart two of the account's posts can still change each other's numbers:
    the longest of the followers' attention window and every surface's competition window."""
    return max(
        params.attention.window_hours, *(m.competition_hours(params) for m in SURFACE_MODULES)
    )


def unique_reach(
    followers: Mapping[Surface, SampleArray],
    non_followers: Mapping[Surface, SampleArray],
    eligible: Mapping[Surface, BoolArray],
    model: AccountModel,
    params: ModelParams,
) -> SampleArray:
    """Unique accounts reached across surfaces, per draft and sample: on each side, a
    surface's reach joins that of the surfaces before it as an independent draw within its
    population (all followers; its own non-follower pool), on the drafts it can show."""
    everyone = float(model.tiers.sum())
    on_followers = [(m.SURFACE, everyone) for m in SURFACE_MODULES if m.REACHES_FOLLOWERS]
    unique = _union(followers, eligible, on_followers)
    on_others = [
        (m.SURFACE, m.non_follower_pool(model, params))
        for m in SURFACE_MODULES
        if m.REACHES_NON_FOLLOWERS
    ]
    unique += _union(non_followers, eligible, on_others)
    return unique


def _union(
    parts: Mapping[Surface, SampleArray],
    eligible: Mapping[Surface, BoolArray],
    populations: list[tuple[Surface, float]],
) -> SampleArray:
    """The union of the ``parts`` of each surface within its population, row by row over the
    drafts the surface can show (a part joining nothing is itself, exactly)."""
    result = np.zeros_like(parts[populations[0][0]])
    for surface, size in populations:
        rows = np.flatnonzero(eligible[surface])
        if rows.size == len(result):
            result = union([result, parts[surface]], size)
        elif rows.size:
            result[rows] = union([result[rows], parts[surface][rows]], size)
    return result
