"""Explore: recommendations of the account's posts to non-followers in its market.

Candidates are the non-followers of the market's interest pool. A new post is first shown to a
small test audience whose size grows with the post's early popularity (popularity weighs more
here than in Feed, per the seed) and with its predicted value (like, save, share, minus "see
fewer"); its staged distribution (:mod:`igalgo.world.surfaces.staged`) decides how far it is
pushed. Penalties (watermark, low quality, over-long video) act on the test audience.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import numpy as np

from igalgo.domain import Draft, Quality, Surface
from igalgo.engine.arrays import FloatArray, IntArray
from igalgo.engine.kernels import single
from igalgo.parameters import (
    Declared,
    FrozenMap,
    assumed,
    at_least,
    between,
    non_negative,
    positive,
    published,
    share,
    stated,
)
from igalgo.world.actions import ActionParams, DraftSignals, draft_signals_of_reference
from igalgo.world.demotions import demotion_factors, originality_gates
from igalgo.world.diversity import DiversityParams
from igalgo.world.draws import EXPLORE_STAGE, MAX_STAGES, Chunk, Draws, ReachSamples
from igalgo.world.surfaces.staged import (
    Staged,
    StagedParams,
    early_velocity,
    market_bar,
    non_follower_rate,
    recommendation_gates,
    watermark_factors,
)
from igalgo.world.surfaces.surface import SurfaceContext

if TYPE_CHECKING:
    from igalgo.world.account import AccountModel
    from igalgo.world.params import ModelParams
    from igalgo.world.schedule import Schedule

# What the surface declares (:class:`~igalgo.world.surfaces.surface.SurfaceModule`).
SURFACE = Surface.EXPLORE
REACHES_FOLLOWERS = False
REACHES_NON_FOLLOWERS = True
CONDITIONED = True


@dataclass(frozen=True)
class ExploreParams(Declared):
    """Explore's retrieval, value model, penalties and staged distribution."""

    test_audience_minimum: Annotated[
        float,
        non_negative("accounts"),
        stated("§5e: first shown to a small audience; size assumed"),
    ] = 5.0
    """Non-followers in the first test audience of an account with no followers (accounts).
    Assumption: Meta says new content is first shown "to a small audience" (sources.md
    §5e) without a size; small, as Explore is a long shot for a typical post (T21)."""

    test_audience_per_follower: Annotated[
        tuple[float, float, float],
        non_negative("accounts per follower", length=3),
        published("calibrated to T13, T21"),
    ] = (0.02, 0.01, 0.0018)
    """Extra test-audience accounts per follower of each tier (close, regular, weak): Explore
    retrieval starts from accounts similar to the ones a viewer engaged with (sources.md §3a),
    so the account's engaged audience seeds it. Calibrated with the promotion rule below to
    T13 and T21: a typical post's test audience is small (its median Explore reach is a few
    percent of its total reach) while the promoted tail keeps Explore's share of all reach."""

    stages: Annotated[
        int,
        between(0, MAX_STAGES, "stages"),
        stated("§5e: a wider audience, and so on; count assumed"),
    ] = 4
    """Promotion stages after the test audience. Assumption: "a slightly wider audience, then
    ... an even wider group, and so on" (Meta 2024, sources.md §5e)."""

    stage_growth: Annotated[float, positive("ratio"), published("calibrated to T21")] = 4.0
    """Size of a fully promoted stage relative to the previous one (ratio). Source: calibrated
    to T21 (sources.md):
    a post Explore promotes goes much further than its test audience."""

    promotion_threshold: Annotated[
        float, positive("ratio"), published("calibrated to T13, T21")
    ] = 1.6
    """How much better than its prediction a stage's audience must react for half of the next
    stage to be shown the post (ratio; a more crowded market raises it). Meta tests a new post
    on a small audience and widens it "if it performs well" (sources.md §5e): the stages judge
    the post against what was predicted for it, so that its luck, not the account's size or
    the post's predictable signals (which set the test audience), decides how far it goes.
    Assumption for the value."""

    promotion_sharpness: Annotated[float, positive("exponent"), published("calibrated to T21")] = (
        3.0
    )
    """Steepness of promotion around the threshold (exponent of the rate ratio). Source:
    calibrated to T21 (sources.md) with :attr:`promotion_threshold`: a post that does as
    predicted is hardly promoted (its stages shrink), one that does twice as well is promoted
    stage after stage (T19's spread of total reach comes with it)."""

    popularity_weight: Annotated[
        float, non_negative("exponent"), stated("seed, §3a: popularity matters more in Explore")
    ] = 1.0
    """Exponent of the early feed popularity ratio on the test-audience size. Assumption; larger
    than Feed's 0.3 because the seed (and Mosseri 2021) say popularity matters much more in
    Explore (sources.md §3a)."""

    timing_weight: Annotated[
        float,
        non_negative("exponent"),
        stated("§3a, §5e: how quickly people interact; size assumed"),
    ] = 0.25
    """Exponent of the early velocity on the test-audience size: the followers online in the
    post's early window (plus ``FeedParams.early_velocity_floor``) relative to an average hour
    of the account's week. The popularity ratio above is relative to the prediction at the
    post's own hour; this is how many interactions arrive how quickly, which Instagram says
    Explore reads ("how many and how quickly other people are liking, commenting, sharing and
    saving", sources.md §3a and §5e; the seed's early engagement). Assumption for the
    size: posting at a typical night hour instead of the evening halves the test audience."""

    value_weight: Annotated[float, non_negative("exponent"), assumed()] = 1.0
    """Exponent of the predicted Explore value on the test-audience size. Assumption."""

    weight_like: Annotated[
        float, non_negative("value per probability"), assumed("1 / reference rate")
    ] = 19.0
    """Value weight of a like. Assumption: 1 / reference rate (near-equal contributions, as
    the feed's)."""

    weight_save: Annotated[
        float, non_negative("value per probability"), assumed("1 / reference rate")
    ] = 316.0
    """Value weight of a save. Assumption: 1 / reference rate."""

    weight_share: Annotated[
        float, non_negative("value per probability"), assumed("1 / reference rate")
    ] = 422.0
    """Value weight of a share / send. Assumption: 1 / reference rate. Explore's published
    value model also subtracts "see fewer" (E19, sources.md §5c); here the drafts' only
    sources of negative feedback, the penalties, act as their documented factors
    (:attr:`watermark_factor`, :attr:`quality_factor`) instead, so that each factor is the
    effect a user measures."""

    hashtag_gain: Annotated[
        float,
        non_negative("relative growth per hashtag"),
        published("T9: no significant influence"),
    ] = 0.01
    """Relative growth of the test audience per hashtag (up to ``hashtags_counted``).
    Assumption: hashtags have no significant influence on distribution (Socialinsider 2022,
    sources.md T9); Mosseri: "hashtags are not a way to get more reach"."""

    hashtags_counted: Annotated[
        int, at_least(0, "hashtags"), published("T26: at most 5 hashtags from 19 Dec 2025")
    ] = 5
    """Most hashtags that count (hashtags). Source: Instagram's 5-hashtag cap, Dec 2025
    (sources.md §6)."""

    caption_gain: Annotated[float, non_negative("relative growth"), assumed()] = 0.05
    """Relative growth of the test audience for a caption of 150+ characters: text helps
    content understanding and retrieval. Assumption."""

    location_gain: Annotated[float, non_negative("relative growth"), assumed()] = 0.05
    """Relative growth of the test audience when a location is tagged (local discovery).
    Assumption."""

    watermark_factor: Annotated[
        float,
        share("multiplier"),
        stated("§5f, §7: watermarked media is less discoverable; size assumed"),
    ] = 0.3
    """Explore reach multiplier for media with another app's watermark: the whole effect of
    the watermark there. Source: recycled reels with watermarks are made "less discoverable"
    (Instagram Feb 2021, sources.md §5f); magnitude assumption."""

    quality_factor: Annotated[
        Mapping[Quality, float],
        non_negative("multiplier", keys=Quality),
        stated("§7: low quality is shown less; size assumed; no bonus for high, T22"),
    ] = FrozenMap({Quality.LOW: 0.5, Quality.STANDARD: 1.0, Quality.HIGH: 1.0})
    """Explore reach multiplier per production quality: the whole effect of quality there.
    Source: low-quality content is held to the Recommendation Guidelines (sources.md §7);
    magnitude assumption. High quality gets no bonus: no source rewards it (sources.md T22)."""

    max_recommended_video_s: Annotated[
        float, positive("seconds"), published("T23: avoid reels over 3 minutes, Mar 2025")
    ] = 180.0
    """Longest video or reel recommended to non-followers, seconds. Source: up to 3 min is
    recommendable since 2025 (90 s in 2023; sources.md §5f)."""

    diversity_window_hours: Annotated[int, at_least(1, "hours"), assumed()] = 24
    """Hours during which two of the account's recommended posts are in the same Explore
    inventory and the same-author rule applies. Assumption."""

    same_author_decay: Annotated[
        float,
        share("multiplier per post"),
        stated("§5d: one author's items are not shown in a sequence; size from X"),
    ] = 0.5
    """Same-author rule: the multiplier's excess over its floor shrinks by this factor per
    post of the account ranked ahead in the same window (ratio). Source: X's author-diversity
    decay 0.5 (sources.md X: heuristics & filters)."""

    same_author_floor: Annotated[float, share("multiplier"), assumed()] = 0.94
    """Same-author rule: lowest test-audience multiplier; the first post ranked behind another
    of the account keeps 0.97 (fraction). Assumption: Explore's only published author rule is
    "do not show items from the same authors in a sequence" (E23, sources.md §5d), a
    re-ordering of the grid; its non-follower viewers have mostly not seen the account's other
    post, so, unlike X's home feed (floor 0.25), it costs a few percent."""

    def same_author(self) -> DiversityParams:
        """The same-author rule as author-diversity parameters (X's form, Explore's numbers)."""
        return DiversityParams(decay=self.same_author_decay, floor=self.same_author_floor)


def retrieval_factors(drafts: Sequence[Draft], params: ExploreParams) -> FloatArray:
    """Test-audience multiplier of each draft from its hashtags, caption and location."""
    tags = np.array([len(draft.hashtags) for draft in drafts], dtype=np.float64)
    caption = np.array([len(draft.caption) for draft in drafts], dtype=np.float64)
    located = np.array([bool(draft.location) for draft in drafts], dtype=bool)
    factors = 1.0 + params.hashtag_gain * np.minimum(tags, params.hashtags_counted)
    factors *= 1.0 + params.caption_gain * np.minimum(1.0, caption / 150.0)
    factors *= np.where(located, 1.0 + params.location_gain, 1.0)
    result: FloatArray = factors
    return result


def reach_factors(drafts: Sequence[Draft], params: ExploreParams) -> FloatArray:
    """Explore reach multiplier of each draft from its penalties and quality (0 = gated)."""
    quality = np.array([params.quality_factor[draft.quality] for draft in drafts])
    result: FloatArray = (
        quality
        * watermark_factors(drafts, params.watermark_factor)
        * recommendation_gates(drafts, params.max_recommended_video_s)
    )
    return result


def explore_relative_value(
    relative_level: float,
    signals: DraftSignals,
    params: ExploreParams,
    actions: ActionParams,
) -> FloatArray:
    """Predicted Explore value of each draft relative to a reference post, per draft.

    Value = w_like P(like) + w_save P(save) + w_share P(share) (E19/E23 form; see
    ``ExploreParams.weight_share`` on negative feedback). ``relative_level`` is the account's
    non-follower interaction rate relative to that of a reference account, so a reference
    photo has value 1.
    """
    weights = np.array([params.weight_like, 0.0, params.weight_save, params.weight_share])
    rate = actions.reference_interactions_per_viewer
    reference = float(draft_signals_of_reference(actions).interactions[0] @ weights) * rate
    value = relative_level * (signals.interactions @ weights) * rate
    result: FloatArray = value / reference
    return result


@dataclass(frozen=True)
class ExploreContext(SurfaceContext):
    """What a post's Explore reach takes from the rest of the schedule and from the draft."""

    value: FloatArray
    """Predicted Explore value relative to a reference post."""
    diversity: FloatArray
    """The same-author multiplier on the test audience (mean over the diversity window)."""
    factor: FloatArray
    """Reach multiplier from the draft's penalties and quality (0 = gated)."""
    retrieval: FloatArray
    """Test-audience multiplier from the draft's hashtags, caption and location."""


def competition_hours(params: ModelParams) -> float:
    """Hours two of the account's posts share the Explore inventory."""
    return params.explore.diversity_window_hours


def non_follower_pool(model: AccountModel, params: ModelParams) -> float:
    """The market's interest pool."""
    return model.pool


def context(schedule: Schedule) -> ExploreContext:
    """Each draft's value, same-author multiplier, penalties and retrieval factors."""
    params = schedule.params.explore
    value = schedule.gather(
        explore_relative_value(
            schedule.non_follower_level, schedule.signals, params, schedule.params.actions
        )
    )
    # Only its same-author rule on the grid (a few percent).
    window = params.diversity_window_hours
    diversity = schedule.diversity(value, Surface.EXPLORE, window, params.same_author())
    every = schedule.params
    return ExploreContext(
        value=schedule.pick(value),
        diversity=diversity.mean(axis=1),
        factor=schedule.per_draft(
            lambda drafts: (
                reach_factors(drafts, params)
                * demotion_factors(drafts, every.demotions)
                * originality_gates(drafts, schedule.model, every.originality)
            )
        ),
        retrieval=schedule.per_draft(lambda drafts: retrieval_factors(drafts, params)),
    )


def sample(batch: Chunk, rows: IntArray, shared: Draws, out: ReachSamples) -> None:
    """Explore: a test audience sized by early popularity, then staged distribution."""
    model, params = shared.model, shared.params
    context = shared.context.of(Surface.EXPLORE, ExploreContext)
    whole = batch.rows[rows]
    ep = params.explore
    seeds = float(model.tiers @ np.asarray(ep.test_audience_per_follower))
    entry = (ep.test_audience_minimum + seeds) * (
        model.demand
        * context.value[whole] ** ep.value_weight
        * context.retrieval[whole]
        * context.diversity[whole]
    )
    entry *= early_velocity(batch, rows, shared, ep.timing_weight)
    staged = Staged(
        rows=rows,
        entry=single(entry)[:, None],
        popularity_weight=ep.popularity_weight,
        rate=non_follower_rate(shared, rows, np.ones(rows.size)),
        threshold=ep.promotion_threshold * market_bar(shared),
        pool=model.pool,
        params=StagedParams.of(ep),
        first_normal=EXPLORE_STAGE,
        factor=single(context.factor[whole])[:, None],
    )
    out.staged[Surface.EXPLORE] = staged
    appeal = shared.appeal_of(rows)
    reached = staged.reach(out.popularity[rows], appeal, shared)
    out.non_followers[Surface.EXPLORE][rows] = reached
    units = reached * appeal
    units *= np.float32(model.non_follower_level)
    out.non_follower_units[rows] += units
