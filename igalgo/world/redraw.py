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
from igalgo.world.draws import EARLY, FOLLOWER_COUNT, Draws, ReachSamples
from igalgo.world.surfaces.feed import FeedLater
from igalgo.world.surfaces.registry import unique_reach
from igalgo.world.surfaces.staged import Staged


@dataclass(frozen=True)
class Redraw:
    """A chunk's reach drawn again with every random draw kept but the appeal's: the paths
    (the first samples) of :mod:`igalgo.engine.conditioning`. Each method takes chunk ``rows`` and
    returns a function from appeal normals ``z`` (rows, paths) to log reach (rows, paths)."""

    out: ReachSamples

    @property
    def shared(self) -> Draws:
        """What the chunk's samplers read."""
        return self.out.shared

    def surface(self, surface: Surface, rows: IntArray, paths: int) -> conditioning.Evaluate:
        """Reach on a staged ``surface``: its non-followers drawn again, its followers as
        drawn."""
        draws, staged = self._draws(rows, paths), self._staged(surface, rows)
        followers = self.out.followers[surface][rows, :paths]

        def evaluate(z: conditioning.Array) -> SampleArray:
            appeal, popularity = draws(z)
            reached = staged.reach(popularity, appeal, self.shared)
            reached += followers
            return log_reach(reached)

        return evaluate

    def total(self, rows: IntArray, paths: int) -> conditioning.Evaluate:
        """Unique reach (:func:`~igalgo.world.surfaces.registry.unique_reach`) with Feed's
        followers and the staged surfaces' non-followers drawn again."""
        draws, later = self._draws(rows, paths), self._feed(rows, paths)
        normal = self.shared.normals[FOLLOWER_COUNT]
        eligible = {surface: mask[rows] for surface, mask in self.out.eligible.items()}
        followers = {s: reached[rows, :paths] for s, reached in self.out.followers.items()}
        fixed = {s: reached[rows, :paths] for s, reached in self.out.non_followers.items()}
        staged = {}
        for surface in self.out.staged:
            shown = np.flatnonzero(eligible[surface])
            staged[surface] = shown, self._staged(surface, rows[shown])
        model, params = self.shared.model, self.shared.params

        def evaluate(z: conditioning.Array) -> SampleArray:
            appeal, popularity = draws(z)
            followers[Surface.FEED], _ = later.followers(
                popularity, appeal, self.shared, normal, False
            )
            others = dict(fixed)
            for surface, (shown, distribution) in staged.items():
                if shown.size == len(rows):
                    others[surface] = distribution.reach(popularity, appeal, self.shared)
                    continue
                others[surface] = np.zeros_like(popularity)
                others[surface][shown] = distribution.reach(
                    popularity[shown], appeal[shown], self.shared
                )
            return log_reach(unique_reach(followers, others, eligible, model, params))

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
