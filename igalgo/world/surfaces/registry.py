"""The registered surfaces, in the order the simulation samples them (Feed first: its early
popularity feeds the others)."""

from __future__ import annotations

from igalgo.domain import Surface
from igalgo.world.surfaces.explore import EXPLORE_MODEL
from igalgo.world.surfaces.feed import FEED_MODEL
from igalgo.world.surfaces.reels import REELS_MODEL
from igalgo.world.surfaces.stories import STORIES_MODEL
from igalgo.world.surfaces.surface import SurfaceModel

SURFACE_MODELS: tuple[SurfaceModel, ...] = (FEED_MODEL, STORIES_MODEL, EXPLORE_MODEL, REELS_MODEL)
"""Every surface, in sampling order (which is also ``Surface`` order)."""

SURFACES: tuple[Surface, ...] = tuple(model.surface for model in SURFACE_MODELS)
"""The surfaces, in the same order."""
