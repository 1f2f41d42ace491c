"""The staged distribution that Explore and Reels share, and what they share around it.

A new post is first shown to a small test audience of non-followers; the engagement it
actually gets there (a random draw, not its expectation) decides what share of a larger next
stage it is shown, several stages deep (Meta 2024). This is what makes non-follower reach
heavy-tailed. Length caps and another app's watermark act on both surfaces' test audiences.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace

import numpy as np

from igalgo.domain import Draft, Format
from igalgo.engine.arrays import FloatArray, IntArray, SampleArray
from igalgo.engine.kernels import clip_in_place, count_factor, power, single
from igalgo.world import audience
from igalgo.world.draws import MAX_STAGES, Chunk, Draws


@dataclass(frozen=True)
class StagedParams:
    """Shape of a staged distribution: test audience, stages, growth and promotion rule."""

    test_audience_minimum: float
    """Test-audience size of an account with no followers (accounts)."""
    test_audience_per_follower: tuple[float, float, float]
    """Extra test-audience accounts per follower of each tier (accounts per follower)."""
    stages: int
    """Number of stages after the test audience."""
    stage_growth: float
    """Size of a fully promoted stage relative to the previous one (ratio)."""
    promotion_threshold: float
    """How much better than predicted a stage must react to promote half of the next (ratio)."""
    promotion_sharpness: float
    """Steepness of promotion around the threshold (exponent)."""

    @classmethod
    def of(cls, surface_params: object) -> StagedParams:
        """The staged-distribution part of a surface's parameters (same field names)."""
        return cls(*(getattr(surface_params, f.name) for f in fields(cls)))


_CAPPED = frozenset({Format.VIDEO, Format.REEL})
"""Formats whose length caps recommendation (:func:`recommendation_gates`)."""


def recommendation_gates(drafts: Sequence[Draft], max_video_s: float) -> FloatArray:
    """1 for each draft that may be recommended to non-followers, 0 for a video or reel that
    is too long."""
    seconds = np.array(
        [
            draft.duration_s if draft.format in _CAPPED and draft.duration_s is not None else 0.0
            for draft in drafts
        ],
        dtype=np.float64,
    )
    result: FloatArray = (seconds <= max_video_s).astype(np.float64)
    return result


def watermark_factors(drafts: Sequence[Draft], watermark_factor: float) -> FloatArray:
    """The watermark's reach multiplier of each draft (1 without a watermark)."""
    watermark = np.array([draft.watermark for draft in drafts], dtype=bool)
    result: FloatArray = np.where(watermark, watermark_factor, 1.0)
    return result


def staged_reach(
    entry: SampleArray,
    rate: SampleArray,
    surprise: SampleArray,
    pool: float,
    params: StagedParams,
    normals: SampleArray,
) -> SampleArray:
    """Non-follower reach of a staged distribution, per draft and sample.

    ``entry`` is the test audience (drafts, samples), ``rate`` the true interactions per
    viewer (drafts, samples) and ``surprise`` how that rate compares with the bar the post is
    judged against (true rate / bar, broadcastable to the same shape). At each stage the
    interactions of its audience n are drawn (:func:`sample_count`); with r the drawn count
    over the bar's count, the share ``r**s / (r**s + 1)`` (s = sharpness) of a ``growth``
    times larger stage is shown the post next. Reach is the sum of the stages, capped by
    ``pool``.
    """
    scratch = np.empty_like(entry)
    zeros = np.zeros_like(entry)
    audience_now = entry.copy()
    clip_in_place(audience_now, 0.0, pool, scratch)
    total = audience_now.copy()
    sharpness = params.promotion_sharpness
    growth = np.float32(params.stage_growth)
    shrink = np.subtract(np.float32(1.0), rate)
    clip_in_place(shrink, 0.0, 1.0, scratch)
    np.sqrt(shrink, out=shrink)
    relative_rate = np.broadcast_to(surprise, entry.shape)
    expected = np.empty_like(entry)
    for stage in range(min(params.stages, MAX_STAGES)):
        # Observed rate / bar = surprise * (drawn count / expected count), with the count
        # drawn as in sample_count, written out in place for speed.
        np.multiply(audience_now, rate, out=expected)
        ratio = count_factor(expected, normals[stage], shrink, scratch, zeros)
        ratio *= relative_rate
        strength = np.multiply(ratio, ratio, out=ratio) if sharpness == 2.0 else ratio**sharpness
        strength += np.float32(1.0)
        np.divide(growth, strength, out=strength)
        np.subtract(growth, strength, out=strength)  # growth x promoted share r**s / (r**s + 1)
        audience_now *= strength
        np.subtract(np.float32(pool), total, out=scratch)
        np.minimum(audience_now, scratch, out=audience_now)
        total += audience_now
    return total


@dataclass(frozen=True)
class Staged:
    """A surface's staged distribution for the chunk's drafts it can show (``rows``), kept
    so that it can be drawn again at other appeals."""

    rows: IntArray
    entry: SampleArray
    """Test audience at popularity 1 (drafts, 1)."""
    popularity_weight: float
    rate: SampleArray
    """True interactions per viewer at appeal 1 (drafts, 1)."""
    threshold: float
    """The bar the post is judged against, relative to its own predicted rate: a post whose
    audience reacts ``threshold`` times as predicted is half promoted."""
    pool: float
    params: StagedParams
    first_normal: int
    """Row of the random block with the first stage's normals."""
    factor: SampleArray
    """Reach multiplier of each draft's penalties and quality, applied to every stage (drafts,
    1): the documented factor is the effect on reach whatever the stages do."""

    def __getitem__(self, rows: IntArray) -> Staged:
        return replace(
            self,
            rows=self.rows[rows],
            entry=self.entry[rows],
            rate=self.rate[rows],
            factor=self.factor[rows],
        )

    def reach(self, popularity: SampleArray, appeal: SampleArray, shared: Draws) -> SampleArray:
        """Non-followers reached, per draft and sample, at the given early popularity and
        appeal (samples, or drafts x samples)."""
        samples = popularity.shape[1]
        rate = self.rate * appeal
        scratch = np.empty_like(rate)
        scratch.fill(shared.params.actions.max_interactions_per_viewer)
        np.minimum(rate, scratch, out=rate)
        surprise = appeal * np.float32(1.0 / self.threshold)
        reached = staged_reach(
            self.entry * power(popularity, self.popularity_weight),
            rate,
            surprise,
            self.pool,
            self.params,
            shared.normals[self.first_normal :, :samples],
        )
        reached *= self.factor
        return reached


def early_velocity(batch: Chunk, rows: IntArray, shared: Draws, weight: float) -> FloatArray:
    """Test-audience multiplier of each draft's early velocity: ``((a + f) / (1 + f))**weight``
    with ``a`` the followers online in its early window relative to the account's average
    hour and ``f`` the floor of early viewers who are not followers online (1 at an average
    hour; an account whose curve is flat gets 1 at every hour)."""
    model, params = shared.model, shared.params
    floor = params.feed.early_velocity_floor
    window = audience.activity_after(
        model.week, batch.hour_of_week[rows], params.feed.early_window_hours
    )
    online = window.mean(axis=1) / float(model.week.mean())
    result: FloatArray = ((online + floor) / (1.0 + floor)) ** weight
    return result


def non_follower_rate(shared: Draws, rows: IntArray, factor: FloatArray) -> SampleArray:
    """True interactions per non-follower viewer at appeal 1, per draft (drafts, 1)."""
    actions = shared.params.actions
    base = actions.reference_interactions_per_viewer * shared.model.non_follower_level
    return single(base * shared.non_follower_content[rows] * factor)[:, None]


def market_bar(shared: Draws) -> float:
    """How much better than predicted a post must do to be promoted, before the surface's
    own threshold: a more crowded market raises the bar."""
    return float(shared.model.competition)
