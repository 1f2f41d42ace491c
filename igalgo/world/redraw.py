"""A chunk's reach drawn again at other appeals, for the engine's conditioned medians
(:mod:`igalgo.engine.conditioning`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from igalgo.domain import Surface
from igalgo.engine import conditioning
from igalgo.engine.arrays import SAMPLE_DTYPE, IntArray, SampleArray
from igalgo.engine.kernels import log_reach
from igalgo.world.calibrated import appeal_multipliers
from igalgo.world.draws import EARLY, FOLLOWER_COUNT, ChunkSamples, Draws
from igalgo.world.surfaces.feed import FeedLater
from igalgo.world.surfaces.reels import reel_unique
from igalgo.world.surfaces.staged import Staged


@dataclass(frozen=True)
class Redraw:
    """A chunk's reach drawn again with every random draw kept but the appeal's: the paths
    (the first samples) of :mod:`igalgo.engine.conditioning`. Each method takes chunk ``rows`` and
    returns a function from appeal normals ``z`` (rows, paths) to log reach (rows, paths)."""

    shared: Draws
    out: ChunkSamples

    def explore(self, rows: IntArray, paths: int) -> conditioning.Evaluate:
        draws, explore = self._draws(rows, paths), self._staged(Surface.EXPLORE, rows)

        def evaluate(z: conditioning.Array) -> SampleArray:
            appeal, popularity = draws(z)
            return log_reach(explore.reach(popularity, appeal, self.shared))

        return evaluate

    def reels(self, rows: IntArray, paths: int) -> conditioning.Evaluate:
        draws, reels = self._draws(rows, paths), self._staged(Surface.REELS, rows)
        followers = self.out.followers[Surface.REELS][rows, :paths]

        def evaluate(z: conditioning.Array) -> SampleArray:
            appeal, popularity = draws(z)
            reached = reels.reach(popularity, appeal, self.shared)
            reached += followers
            return log_reach(reached)

        return evaluate

    def total(self, rows: IntArray, paths: int) -> conditioning.Evaluate:
        """Unique reach of reels (see :func:`sample_chunk`)."""
        draws, later = self._draws(rows, paths), self._feed(rows, paths)
        explore = self._staged(Surface.EXPLORE, rows)
        reels = self._staged(Surface.REELS, rows)
        reels_followers = self.out.followers[Surface.REELS][rows, :paths]
        normal = self.shared.normals[FOLLOWER_COUNT]

        def evaluate(z: conditioning.Array) -> SampleArray:
            appeal, popularity = draws(z)
            on_feed, _ = later.followers(popularity, appeal, self.shared, normal, False)
            unique = reel_unique(
                on_feed,
                reels_followers,
                explore.reach(popularity, appeal, self.shared),
                reels.reach(popularity, appeal, self.shared),
                self.shared.model,
                self.shared.params.reels,
            )
            return log_reach(unique)

        return evaluate

    def post_total(self, rows: IntArray, paths: int) -> conditioning.Evaluate:
        """Unique reach of feed posts that are not reels: followers on Feed and non-followers
        on Explore."""
        draws, later = self._draws(rows, paths), self._feed(rows, paths)
        explore = self._staged(Surface.EXPLORE, rows)
        normal = self.shared.normals[FOLLOWER_COUNT]

        def evaluate(z: conditioning.Array) -> SampleArray:
            appeal, popularity = draws(z)
            unique, _ = later.followers(popularity, appeal, self.shared, normal, False)
            unique += explore.reach(popularity, appeal, self.shared)
            return log_reach(unique)

        return evaluate

    def _draws(
        self, rows: IntArray, paths: int
    ) -> Callable[[conditioning.Array], tuple[SampleArray, SampleArray]]:
        """A function from appeal normals to the appeal multipliers and the early
        popularity they draw."""
        later, params = self._feed(rows, paths), self.shared.params
        normal = self.shared.normals[EARLY]
        log_level, log_sd = self.shared.appeal_shape_of(rows)

        def draws(z: conditioning.Array) -> tuple[SampleArray, SampleArray]:
            appeal = appeal_multipliers(z.astype(SAMPLE_DTYPE), log_level, log_sd)
            return appeal, later.popularity(appeal, normal, params.feed)

        return draws

    def _feed(self, rows: IntArray, paths: int) -> FeedLater:
        index = self.out.feed_index[rows]
        if self.out.feed_later is None or (index < 0).any():
            raise ValueError("conditioned medians need drafts that are on Feed")
        later = self.out.feed_later[index]
        return replace(later, predicted=later.predicted[:, :paths])

    def _staged(self, surface: Surface, rows: IntArray) -> Staged:
        staged = self.out.staged[surface]
        return staged[np.searchsorted(staged.rows, rows)]
