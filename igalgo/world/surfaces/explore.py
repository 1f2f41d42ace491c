"""Explore: recommendations of the account's posts to non-followers in its market.

Candidates are the non-followers of the market's interest pool. A new post is first shown to a
small test audience whose size grows with the post's early popularity (popularity weighs more
here than in Feed, per the seed) and with its predicted value (like, save, share, minus "see
fewer"); its staged distribution (:mod:`igalgo.world.surfaces.staged`) decides how far it is
pushed. Penalties (watermark, low quality, over-long video) act on the test audience.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated

import numpy as np

from igalgo.domain import Draft, Quality, Surface
from igalgo.engine.arrays import FloatArray, IntArray
from igalgo.engine.kernels import single
from igalgo.parameters import Declared, at_least, between, non_negative, positive, share
from igalgo.world.actions import ActionParams, DraftSignals
from igalgo.world.diversity import DiversityParams
from igalgo.world.draws import EXPLORE_STAGE, MAX_STAGES, Chunk, ChunkSamples, Draws
from igalgo.world.surfaces.staged import (
    Staged,
    StagedParams,
    early_velocity,
    market_bar,
    non_follower_rate,
    penalty_factors,
)


@dataclass(frozen=True)
class ExploreParams(Declared):
    """Explore's retrieval, value model, penalties and staged distribution."""

    test_audience_minimum: Annotated[float, non_negative("accounts")] = 30.0
    """Non-followers in the first test audience of an account with no followers (accounts).
    Assumption: Meta says new content is first shown "to a small audience" (sources.md
    §5e) without a size."""

    test_audience_per_follower: Annotated[float, non_negative("accounts per follower")] = 0.01
    """Extra test-audience accounts per follower (accounts per follower). Assumption,
    calibrated to T13."""

    stages: Annotated[int, between(0, MAX_STAGES, "stages")] = 4
    """Promotion stages after the test audience. Assumption: "a slightly wider audience, then
    ... an even wider group, and so on" (Meta 2024, sources.md §5e)."""

    stage_growth: Annotated[float, positive("ratio")] = 3.0
    """Size of a fully promoted stage relative to the previous one (ratio). Assumption."""

    promotion_threshold: Annotated[float, positive("ratio")] = 1.6
    """Interactions per viewer at which half of a stage is promoted, relative to the market's
    reference non-follower rate (ratio). Assumption."""

    promotion_sharpness: Annotated[float, positive("exponent")] = 2.0
    """Steepness of promotion around the threshold (exponent of the rate ratio). Assumption."""

    popularity_weight: Annotated[float, non_negative("exponent")] = 1.0
    """Exponent of the early feed popularity ratio on the test-audience size. Assumption; larger
    than Feed's 0.3 because the seed (and Mosseri 2021) say popularity matters much more in
    Explore (sources.md §3a)."""

    timing_weight: Annotated[float, non_negative("exponent")] = 0.25
    """Exponent of the early velocity on the test-audience size: the followers online in the
    post's early window (plus ``FeedParams.early_velocity_floor``) relative to an average hour
    of the account's week. The popularity ratio above is relative to the prediction at the
    post's own hour; this is how many interactions arrive how quickly, which Instagram says
    Explore reads ("how many and how quickly other people are liking, commenting, sharing and
    saving", sources.md §3a and §5e; the seed's early engagement). Assumption for the
    size: posting at a typical night hour instead of the evening halves the test audience."""

    value_weight: Annotated[float, non_negative("exponent")] = 1.0
    """Exponent of the predicted Explore value on the test-audience size. Assumption."""

    weight_like: Annotated[float, non_negative("value per probability")] = 19.6
    """Value weight of a like. Assumption: 1 / reference rate (near-equal contributions)."""

    weight_save: Annotated[float, non_negative("value per probability")] = 278.0
    """Value weight of a save. Assumption: 1 / reference rate."""

    weight_share: Annotated[float, non_negative("value per probability")] = 417.0
    """Value weight of a share / send. Assumption: 1 / reference rate."""

    weight_negative: Annotated[float, non_negative("value per probability")] = 500.0
    """Value weight subtracted per "see fewer posts like this". Assumption: 1 / reference
    rate; Explore's published value model subtracts it (E19, sources.md §5c)."""

    hashtag_gain: Annotated[float, non_negative("relative growth per hashtag")] = 0.01
    """Relative growth of the test audience per hashtag (up to ``hashtags_counted``).
    Assumption: hashtags have no significant influence on distribution (Socialinsider 2022,
    sources.md T9); Mosseri: "hashtags are not a way to get more reach"."""

    hashtags_counted: Annotated[int, at_least(0, "hashtags")] = 5
    """Most hashtags that count (hashtags). Source: Instagram's 5-hashtag cap, Dec 2025
    (sources.md §6)."""

    caption_gain: Annotated[float, non_negative("relative growth")] = 0.05
    """Relative growth of the test audience for a caption of 150+ characters: text helps
    content understanding and retrieval. Assumption."""

    location_gain: Annotated[float, non_negative("relative growth")] = 0.05
    """Relative growth of the test audience when a location is tagged (local discovery).
    Assumption."""

    watermark_factor: Annotated[float, share("multiplier")] = 0.3
    """Test-audience multiplier for media with another app's watermark. Source: recycled
    reels with watermarks are made "less discoverable" (Instagram Feb 2021,
    sources.md §5f); magnitude assumption."""

    low_quality_factor: Annotated[float, share("multiplier")] = 0.5
    """Test-audience multiplier for low-quality media. Source: low-quality content is held to
    the Recommendation Guidelines (sources.md §7); magnitude assumption."""

    max_recommended_video_s: Annotated[float, positive("seconds")] = 180.0
    """Longest video or reel recommended to non-followers, seconds. Source: up to 3 min is
    recommendable since 2025 (90 s in 2023; sources.md §5f)."""

    diversity_window_hours: Annotated[int, at_least(1, "hours")] = 24
    """Hours during which two of the account's recommended posts are in the same Explore
    inventory and the same-author rule applies. Assumption."""

    same_author_decay: Annotated[float, share("multiplier per post")] = 0.5
    """Same-author rule: the multiplier's excess over its floor shrinks by this factor per
    post of the account ranked ahead in the same window (ratio). Source: X's author-diversity
    decay 0.5 (sources.md X: heuristics & filters)."""

    same_author_floor: Annotated[float, share("multiplier")] = 0.94
    """Same-author rule: lowest test-audience multiplier; the first post ranked behind another
    of the account keeps 0.97 (fraction). Assumption: Explore's only published author rule is
    "do not show items from the same authors in a sequence" (E23, sources.md §5d), a
    re-ordering of the grid; its non-follower viewers have mostly not seen the account's other
    post, so, unlike X's home feed (floor 0.25), it costs a few percent."""

    def same_author(self) -> DiversityParams:
        """The same-author rule as author-diversity parameters (X's form, Explore's numbers)."""
        return DiversityParams(decay=self.same_author_decay, floor=self.same_author_floor)

    def staged(self) -> StagedParams:
        """The staged-distribution part of these parameters."""
        return StagedParams.of(self)


def retrieval_factors(drafts: Sequence[Draft], params: ExploreParams) -> FloatArray:
    """Test-audience multiplier of each draft from its signals and penalties (0 = gated)."""
    tags = np.array([len(draft.hashtags) for draft in drafts], dtype=np.float64)
    caption = np.array([len(draft.caption) for draft in drafts], dtype=np.float64)
    located = np.array([bool(draft.location) for draft in drafts], dtype=bool)
    low = np.array([draft.quality is Quality.LOW for draft in drafts], dtype=bool)
    factors = 1.0 + params.hashtag_gain * np.minimum(tags, params.hashtags_counted)
    factors *= 1.0 + params.caption_gain * np.minimum(1.0, caption / 150.0)
    factors *= np.where(located, 1.0 + params.location_gain, 1.0)
    factors *= np.where(low, params.low_quality_factor, 1.0)
    result: FloatArray = factors * penalty_factors(
        drafts, params.watermark_factor, params.max_recommended_video_s
    )
    return result


def explore_relative_value(
    relative_level: float,
    signals: DraftSignals,
    params: ExploreParams,
    actions: ActionParams,
) -> FloatArray:
    """Predicted Explore value of each draft relative to a reference post, per draft.

    Value = w_like P(like) + w_save P(save) + w_share P(share) - w_neg P(see fewer)
    (E19/E23 form). ``relative_level`` is the account's non-follower interaction rate relative
    to that of a reference account, so a reference photo has value 1.
    """
    non_follower = relative_level
    rate = actions.reference_interactions_per_viewer
    mix = actions.interaction_mix
    weights = np.array([params.weight_like, 0.0, params.weight_save, params.weight_share])
    positive = (weights * np.asarray(mix) * rate)[None, :] * signals.interactions
    negative = params.weight_negative * actions.reference_negative_rate
    value = non_follower * positive.sum(axis=1) - negative * signals.negative
    reference = float((weights * np.asarray(mix) * rate).sum()) - negative
    result: FloatArray = np.maximum(value, 1e-3) / reference
    return result


def sample(batch: Chunk, rows: IntArray, shared: Draws, out: ChunkSamples) -> None:
    """Explore: a test audience sized by early popularity, then staged distribution."""
    model, params, context = shared.model, shared.params, shared.context
    whole = batch.rows[rows]
    ep = params.explore
    retrieval = context.explore_retrieval[whole]
    followers = float(model.tiers.sum())
    entry = (ep.test_audience_minimum + ep.test_audience_per_follower * followers) * (
        model.demand
        * context.explore_value[whole] ** ep.value_weight
        * retrieval
        * context.explore_diversity[whole]
    )
    entry *= early_velocity(batch, rows, shared, ep.timing_weight)
    staged = Staged(
        rows=rows,
        entry=single(entry)[:, None],
        popularity_weight=ep.popularity_weight,
        rate=non_follower_rate(shared, rows, np.ones(rows.size)),
        threshold=ep.promotion_threshold * market_bar(shared),
        pool=model.pool,
        params=ep.staged(),
        first_normal=EXPLORE_STAGE,
    )
    out.staged[Surface.EXPLORE] = staged
    reached = staged.reach(out.popularity[rows], shared.appeal, shared)
    out.non_followers[Surface.EXPLORE][rows] = reached
    weighted = (reached * shared.appeal).mean(axis=1)
    out.non_follower_units[rows] += weighted * model.non_follower_level
