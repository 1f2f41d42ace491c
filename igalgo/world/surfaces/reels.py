"""Reels: short videos recommended mostly to non-followers, plus the account's followers.

Retrieval is driven by watch time judged against reels of the same length, completion, sends
(shares), likes, the audio and the video's quality; for non-followers also by the views that
leave within 3 s (a negative) and the chance they follow (:mod:`igalgo.world.surfaces.watching`).
A reel first goes to a test audience of non-followers; its staged distribution
(:mod:`igalgo.world.surfaces.staged`) decides how far it is pushed, into a pool wider than the
account's market. Length caps and penalties (watermark, low quality, no sound) act as gates or
multipliers. Followers also see connected reels in the Reels tab.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import numpy as np

from igalgo.domain import Draft, Format, Quality, Surface
from igalgo.engine.arrays import FloatArray, IntArray
from igalgo.engine.kernels import binomial_draw, single
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
from igalgo.world.account import AccountModel
from igalgo.world.actions import ActionParams, DraftSignals, draft_signals_of_reference
from igalgo.world.demotions import demotion_factors, originality_gates
from igalgo.world.draws import MAX_STAGES, REELS_FOLLOWERS, REELS_STAGE, Chunk, Draws, ReachSamples
from igalgo.world.followers import followers_reached
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
from igalgo.world.surfaces.watching import (
    completion,
    durations,
    engaged_factors,
    follow_chances,
    skip_shares,
    stay_ratios,
    typical_watch_seconds,
    watch_factor,
    watch_score,
    watch_seconds,
)

if TYPE_CHECKING:
    from igalgo.world.params import ModelParams
    from igalgo.world.schedule import Schedule

# What the surface declares (:class:`~igalgo.world.surfaces.surface.SurfaceModule`).
SURFACE = Surface.REELS
REACHES_FOLLOWERS = True
REACHES_NON_FOLLOWERS = True
CONDITIONED = True


MUSIC_FORMATS = frozenset({Format.PHOTO, Format.CAROUSEL})
"""Formats that music makes eligible for the Reels tab (Mosseri 2025, sources.md T24)."""


@dataclass(frozen=True)
class ReelsParams(Declared):
    """The Reels tab's retrieval, value model, penalties and staged distribution."""

    test_audience_minimum: Annotated[
        float,
        non_negative("accounts"),
        stated("§5e: first shown to a small audience; size assumed"),
    ] = 25.0
    """Non-followers in a reel's first test audience for an account with no followers
    (accounts). Assumption: new reels are first shown "to a small audience" (Meta 2024), and
    Trial Reels go to non-followers first (sources.md §5e, §5f)."""

    test_audience_per_follower: Annotated[
        tuple[float, float, float],
        non_negative("accounts per follower", length=3),
        published("calibrated to T14-T16"),
    ] = (0.182, 0.091, 0.033)
    """Extra test-audience accounts per follower of each tier (close, regular, weak).
    Assumption: Reels finds a reel's first viewers among people like the creator's engaged
    audience (sources.md seed: "find the right audience for every creator"), which grows
    slower than the following, so the reel reach rate falls with size as every tiered study
    shows (sources.md T15); calibrated to T14-T16 (with a reel's sound, whatever its kind, at
    the former level of original audio: the audio bonuses went, T22; and a 30 s reel at the
    level its watch time carried before watch was judged against reels of the same length)."""

    stages: Annotated[
        int,
        between(0, MAX_STAGES, "stages"),
        stated("§5e: a wider audience, and so on; count assumed"),
    ] = 4
    """Promotion stages after the test audience. Assumption (Meta 2024: "and so on")."""

    stage_growth: Annotated[float, positive("ratio"), assumed()] = 3.5
    """Size of a fully promoted stage relative to the previous one (ratio). Assumption."""

    promotion_threshold: Annotated[float, positive("ratio"), published("calibrated to T13")] = 1.42
    """How much better than its prediction a stage's audience must react for half of the next
    stage to be shown the post (ratio; a more crowded market raises it). Meta tests a new post
    on a small audience and widens it "if it performs well" (sources.md §5e): the stages judge
    the post against what was predicted for it, so that its luck, not the account's size or
    the post's predictable signals (which set the test audience), decides how far it goes.
    Assumption for the value."""

    promotion_sharpness: Annotated[float, positive("exponent"), assumed()] = 2.0
    """Steepness of promotion around the threshold (exponent). Assumption."""

    popularity_weight: Annotated[float, non_negative("exponent"), assumed()] = 0.5
    """Exponent of the early feed popularity ratio on the test-audience size. Assumption: a
    reel's own test audience matters most; its followers' early reaction helps."""

    timing_weight: Annotated[float, non_negative("exponent"), assumed()] = 0.15
    """Exponent of the early velocity on the test-audience size (as Explore's
    ``timing_weight``). Assumption; smaller than Explore's: a reel's test audience is found
    mostly among non-followers (seed: Reels shows mostly accounts the viewer does not follow),
    so followers online in its first hour matter less."""

    value_weight: Annotated[float, non_negative("exponent"), assumed()] = 1.0
    """Exponent of the predicted Reels value on the test-audience size. Assumption."""

    market_weight: Annotated[float, non_negative("exponent"), assumed()] = 0.5
    """Exponent of the market's demand (``audience.market_demand``, as Explore's test audience
    uses it) on a reel's test audience: Reels serves a wider audience than the account's
    market (sources.md §4, "designed to entertain"), so its niche matters less. Assumption."""

    pool_multiplier: Annotated[float, positive("ratio"), assumed()] = 4.0
    """Reels' non-follower pool relative to the market's Explore interest pool (ratio).
    Assumption: reels are "designed to entertain" a wide audience (sources.md §4)."""

    attention_seconds: Annotated[
        float, positive("seconds"), published("calibrated to T27: average watch time 8.5 s")
    ] = 30.0
    """Mean seconds a viewer keeps watching (exponential drop-off), seconds. Assumption."""

    skip_share: Annotated[
        float,
        share("fraction of views"),
        stated("§8: the system card predicts watching less than 3 s; size assumed"),
    ] = 0.35
    """Share of a typical reel's views that leave within its first 3 seconds (the Graph API's
    ``reels_skip_rate``): the skip share of a reel without the flags below, and the one a reel
    is judged against. Source: the Reels system card predicts a view of less than 3 s as a
    negative (sources.md §8); the share is an assumption (no published rate), the same for
    every account and length, as igalgo does not see a reel's opening (a format-level term)."""

    skip_odds_muted: Annotated[
        float,
        at_least(1.0, "odds ratio"),
        stated("§7, §8: muted reels are shown less; through skips, and the size, assumed"),
    ] = 1.5
    """Odds ratio of a 3-second skip for a reel without sound (``muted``). Source: Meta names
    muted reels as shown less (sources.md §7, §8); that viewers leave them sooner, and by how
    much, is an assumption."""

    skip_odds_low_quality: Annotated[
        float,
        at_least(1.0, "odds ratio"),
        stated("§7: low-resolution reels are shown less; through skips, and the size, assumed"),
    ] = 1.5
    """Odds ratio of a 3-second skip for a low-quality reel. Source: Meta names low-resolution
    reels as shown less (sources.md §7); that viewers leave them sooner, and by how much, is an
    assumption."""

    skip_odds_text_heavy: Annotated[
        float,
        at_least(1.0, "odds ratio"),
        stated("§8: mostly-text reels are shown less; through skips, and the size, assumed"),
    ] = 1.3
    """Odds ratio of a 3-second skip for a reel that is mostly text (``text_heavy``). Source:
    Meta names majority-text reels as shown less (sources.md §8); that viewers leave them
    sooner, and by how much, is an assumption."""

    skip_odds_reposted: Annotated[
        float,
        at_least(1.0, "odds ratio"),
        stated("§8: reels already posted are shown less; through skips, and the size, assumed"),
    ] = 1.5
    """Odds ratio of a 3-second skip for a reel already posted on Instagram (``reposted``):
    part of its viewers have seen it. Source: Meta names reels already posted on Instagram as
    shown less (sources.md §8); that viewers leave them sooner, and by how much, is an
    assumption."""

    skip_seconds: Annotated[float, positive("seconds"), assumed()] = 1.5
    """Seconds a view that skips lasts on average. Assumption: half of the 3-second window."""

    reference_duration_s: Annotated[float, positive("seconds"), assumed()] = 15.0
    """Duration of the reference reel, and of a reel whose duration is not given, seconds.
    Assumption."""

    watch_interaction_elasticity: Annotated[
        float, non_negative("exponent"), published("calibrated to T11")
    ] = 0.05
    """How interactions scale with watch time: rate ~ (watch / reference watch)**elasticity.
    Assumption, calibrated so that 30-90 s reels reach more than a 15 s reel, as 30-90 s reels
    got 7,830 median views vs 6,145 under 30 s (Emplifi 2023/24, sources.md T11)."""

    weight_watch_seconds: Annotated[
        float,
        non_negative("value per second"),
        stated("§4a: watch time is a top-three signal; size assumed"),
    ] = 0.08
    """Value weight per second watched, counted at the reference reel's length: a reel's watch
    enters the value as its watch score (its seconds per view over a typical reel's of the
    same length, sources.md §8) times the reference reel's seconds per view, so that length
    alone neither raises nor lowers it. Source: watch time is one of the top three Reels
    signals (Mosseri 2025, sources.md §4a); the weight is an assumption, about 1 / the
    reference reel's watch time as first written (11.8 s)."""

    weight_completion: Annotated[
        float,
        non_negative("value per probability"),
        stated("§4b: watching to the end is predicted; size assumed"),
    ] = 1.0
    """Value weight of watching to the end (per probability), counted like the watch time
    against reels of the same length: a reel's completion relative to a typical reel's of its
    length times the reference reel's completion (0.39). Assumption: a 2021-23 prediction
    (watch "all the way through", sources.md §4b)."""

    weight_short_view: Annotated[
        float,
        non_negative("value per probability"),
        stated("§8: the system card predicts watching less than 3 s (a negative); size assumed"),
    ] = 1.0
    """Value subtracted per probability of a view that leaves within 3 s, in the value that
    recommends the reel to non-followers. Source: the IG Reels system card predicts watching
    less than 3 s as a negative (sources.md §8); size assumed: a skipped view costs what a
    view watched to the end earns (:attr:`weight_completion`)."""

    weight_follow: Annotated[
        float,
        non_negative("value per probability"),
        stated("§8: the system card predicts following the author; size assumed"),
    ] = 200.0
    """Value weight of a non-follower following the account after the reel, in the value that
    recommends the reel to non-followers (followers cannot follow again). Source: the IG Reels
    system card predicts following the author (sources.md §8); size assumed: 1 / the
    reference rate (0.005 follows per non-follower shown the reel), as likes."""

    weight_like: Annotated[
        float,
        non_negative("value per probability"),
        stated("§4a: likes are a top-three signal; size assumed"),
    ] = 19.0
    """Value weight of a like. Assumption: 1 / reference rate."""

    weight_send: Annotated[
        float,
        non_negative("value per probability"),
        stated("§4a: sends are a top-three signal; size assumed"),
    ] = 633.0
    """Value weight of a send (DM share). Assumption: 1.5 / reference rate; sends weigh more
    than likes for unconnected reach (Mosseri 2024-25, sources.md §4a). "Not interested" is
    not in the value: the drafts' only sources of it, the penalties, act as their documented
    factors (:attr:`watermark_factor`, :attr:`quality_factor`)."""

    weight_audio_page: Annotated[
        float,
        non_negative("value per probability"),
        stated("§4b: using the audio is predicted; size assumed"),
    ] = 100.0
    """Value weight of going to the audio page. Assumption: 1 / reference rate 0.01."""

    reference_audio_page_rate: Annotated[float, share("visits per viewer"), assumed()] = 0.01
    """Audio-page visits per viewer of a reel with sound, whatever its audio (a muted reel has
    none). Assumption: the system card predicts using a reel's audio (sources.md §8) but no
    source says one kind of sound draws more (sources.md T22)."""

    quality_factor: Annotated[
        Mapping[Quality, float],
        non_negative("multiplier", keys=Quality),
        stated("§7: low-resolution reels are shown less; size assumed; no bonus, T22"),
    ] = FrozenMap({Quality.LOW: 0.4, Quality.STANDARD: 1.0, Quality.HIGH: 1.0})
    """Reels reach multiplier per video quality: the whole effect of quality there. Source:
    blurry or low-resolution reels are shown less (Help Center, sources.md §7); magnitude
    assumption. High quality gets no bonus: no source rewards it (sources.md T22)."""

    music_photo_factor: Annotated[
        float,
        share("multiplier"),
        assumed("Instagram says music makes them eligible (T24), not how far they go"),
    ] = 0.3
    """Reels reach of a photo or carousel with music relative to a reel of the reference length
    (multiplier). Music makes photos and carousels eligible for the Reels tab (Mosseri 2025,
    sources.md T24); how far a still image goes among reels is an assumption: less than a reel,
    as it holds no watch time or completion of its own."""

    watermark_factor: Annotated[
        float,
        share("multiplier"),
        stated("§5f, §7: watermarked reels are less discoverable; size assumed"),
    ] = 0.3
    """Reels reach multiplier for a reel with another app's watermark: the whole effect of the
    watermark there. Source: made "less discoverable in places like the Reels tab" (Feb 2021,
    sources.md §5f); magnitude assumption."""

    follower_exposure: Annotated[
        tuple[float, float, float], non_negative("sessions", length=3), assumed()
    ] = (
        0.25,
        0.08,
        0.02,
    )
    """Expected Reels-tab sessions in which a follower of each tier (close, regular, weak)
    sees a reference reel of the account. Assumption."""

    longest_rewarded_s: Annotated[float, positive("seconds"), published("T11, T23")] = 90.0
    """Longest duration whose watch time still raises interactions
    (:attr:`watch_interaction_elasticity`): a longer reel's viewers act as a reel's of this
    length. Source: 30-90 s reels get at least the reach of shorter ones (sources.md T11); no
    source shows a gain beyond 90 s."""

    max_recommended_duration_s: Annotated[
        float, positive("seconds"), published("T23: avoid reels over 3 minutes, Mar 2025")
    ] = 180.0
    """Longest reel recommended to non-followers, seconds. Source: up to 3 min is recommendable
    since 2025 (90 s in 2023; sources.md §5f)."""

    diversity_window_hours: Annotated[int, at_least(1, "hours"), assumed()] = 24
    """Hours during which two of the account's reels compete for the same test audiences
    (X's author diversity, ``DiversityParams``, averaged over the window). Assumption."""

    def check_relations(self) -> None:
        """Some views of a typical reel last past 3 s (reels are judged against it)."""
        if self.skip_share >= 1.0:
            raise ValueError("ReelsParams.skip_share must be below 1 (fraction of views)")


VALUE_FLOOR = 0.01
"""Smallest relative value a reel keeps (of the reference reel's): the short-view term is
subtracted, and a value must stay positive to size a test audience."""


def reels_relative_values(
    drafts: Sequence[Draft],
    relative_level: float,
    signals: DraftSignals,
    params: ReelsParams,
    actions: ActionParams,
) -> tuple[FloatArray, FloatArray]:
    """Predicted Reels value of each reel relative to a reference reel: the value among its
    followers, then among non-followers.

    V = w_watch s_ref W + w_complete c_ref K + K' (w_like P(like) + w_send P(send)
    + w_audio P(audio page)), with W the watch score (seconds per view over a typical reel's
    of the same length), K the completion over a typical reel's of that length, and K' the
    share of views that stay past 3 s relative to a typical reel's (both equal here); among
    non-followers also + w_follow P(follow) - w_short P(skip within 3 s). Followers' value
    is a typical reel's watch (W = K = K' = 1): the short views and follows it ranks on are
    non-followers'. ``relative_level`` is the account's non-follower interaction rate
    relative to a reference account's.
    """
    seconds = durations(drafts, params)
    skip = skip_shares(drafts, params)
    audio = np.array([0.0 if d.muted else 1.0 for d in drafts], dtype=np.float64)
    rate = actions.reference_interactions_per_viewer
    reference_s = np.array([params.reference_duration_s])
    watch_unit = params.weight_watch_seconds * float(typical_watch_seconds(reference_s, params)[0])
    completion_unit = params.weight_completion * float(
        completion(reference_s, params.skip_share, params)[0]
    )

    def value(
        secs: FloatArray,
        skips: FloatArray,
        level: float,
        inter: FloatArray,
        audio_rel: FloatArray,
        strangers: bool,
    ) -> FloatArray:
        stay = stay_ratios(skips, params)
        engaged = watch_factor(secs, params) * stay
        interactions = level * inter * engaged[:, None]
        result: FloatArray = (
            watch_unit * watch_score(watch_seconds(secs, skips, params), secs, params)
            + completion_unit * stay
            + params.weight_like * rate * interactions[:, 0]
            + params.weight_send * rate * interactions[:, 3]
            + params.weight_audio_page * params.reference_audio_page_rate * audio_rel * stay
        )
        if strangers:
            result = result + params.weight_follow * follow_chances(level, engaged, actions)
            result = result - params.weight_short_view * skips
        return result

    typical = np.full(len(drafts), params.skip_share)
    reference_signals = draft_signals_of_reference(actions, Format.REEL)
    reference_skip = np.full(1, params.skip_share)
    values = []
    for strangers, skips in ((False, typical), (True, skip)):
        own = value(seconds, skips, relative_level, signals.interactions, audio, strangers)
        reference = value(
            reference_s, reference_skip, 1.0, reference_signals.interactions, np.ones(1), strangers
        )[0]
        values.append(np.maximum(own / reference, VALUE_FLOOR))
    return values[0], values[1]


def reach_factors(drafts: Sequence[Draft], params: ReelsParams) -> FloatArray:
    """Reels reach multiplier of each reel from its penalties and quality, and of a photo or
    carousel with music (:attr:`ReelsParams.music_photo_factor`)."""
    quality = np.array(
        [
            params.quality_factor[draft.quality]
            * (params.music_photo_factor if draft.format in MUSIC_FORMATS else 1.0)
            for draft in drafts
        ]
    )
    result: FloatArray = quality * watermark_factors(drafts, params.watermark_factor)
    return result


@dataclass(frozen=True)
class ReelsContext(SurfaceContext):
    """What a reel's reach takes from the rest of the schedule and from the draft."""

    value: FloatArray
    """Predicted Reels value among followers relative to a reference reel."""
    non_follower_value: FloatArray
    """Predicted Reels value among non-followers relative to a reference reel (with the
    short views and the follows of :mod:`~igalgo.world.surfaces.watching`)."""
    diversity: FloatArray
    """X's author-diversity multiplier among the account's reels (mean over the window)."""
    follower_attention: FloatArray
    """Share of followers' Reels-tab attention left by the account's other reels."""
    non_follower_attention: FloatArray
    """Share of the test audience left by the account's other reels."""
    factor: FloatArray
    """Reach multiplier from the reel's penalties and quality."""
    recommendable: FloatArray
    """1 when the reel may be recommended to non-followers, 0 when it is too long or its
    account is out of recommendations (:func:`~igalgo.world.demotions.originality_gates`)."""
    watch: FloatArray
    """Non-followers' interaction multiplier from the reel's watch time and its views that
    stay past 3 s (:func:`engaged_factors`)."""


def competition_hours(params: ModelParams) -> float:
    """Hours two of the account's reels compete for the same test audiences."""
    return params.reels.diversity_window_hours


def non_follower_pool(model: AccountModel, params: ModelParams) -> float:
    """Reels' pool, wider than the market's."""
    return model.pool * params.reels.pool_multiplier


def context(schedule: Schedule) -> ReelsContext:
    """Each reel's values, author diversity, attention shares and reel factors."""
    params, attention = schedule.params.reels, schedule.params.attention
    followers_value, others_value = (
        schedule.gather(values)
        for values in reels_relative_values(
            schedule.drafts,
            schedule.non_follower_level,
            schedule.signals,
            params,
            schedule.params.actions,
        )
    )
    window = params.diversity_window_hours
    diversity = schedule.diversity(others_value, Surface.REELS, window, schedule.params.diversity)
    followers, others = schedule.attention(
        Surface.REELS,
        schedule.model.reels_per_week,
        0.0,
        attention.follower_budget,
        attention.reels_non_follower_budget,
    )
    every = schedule.params
    return ReelsContext(
        value=schedule.pick(followers_value),
        non_follower_value=schedule.pick(others_value),
        diversity=diversity.mean(axis=1),
        follower_attention=followers,
        non_follower_attention=others,
        factor=schedule.per_draft(
            lambda drafts: reach_factors(drafts, params) * demotion_factors(drafts, every.demotions)
        ),
        recommendable=schedule.per_draft(
            lambda drafts: (
                recommendation_gates(drafts, params.max_recommended_duration_s)
                * originality_gates(drafts, schedule.model, every.originality)
            )
        ),
        watch=schedule.per_draft(lambda drafts: engaged_factors(drafts, params)),
    )


def sample(batch: Chunk, rows: IntArray, shared: Draws, out: ReachSamples) -> None:
    """Reels: followers in the Reels tab, non-followers through staged distribution."""
    model, params = shared.model, shared.params
    context = shared.context.of(Surface.REELS, ReelsContext)
    whole = batch.rows[rows]
    rp = params.reels
    value = context.value[whole]
    followers = float(model.tiers.sum())
    exposure = (
        np.asarray(rp.follower_exposure)[None, :]
        * (np.sqrt(value) * context.follower_attention[whole])[:, None]
    )
    factor = context.factor[whole]
    mean, units = followers_reached(exposure, shared, shared.appeal_of(rows), factor)
    out.followers[Surface.REELS][rows] = binomial_draw(
        mean, shared.normals[REELS_FOLLOWERS], followers
    )
    out.follower_units[rows] += units
    watch = context.watch[whole]
    seeds = float(model.tiers @ np.asarray(rp.test_audience_per_follower))
    entry = (rp.test_audience_minimum + seeds) * (
        model.demand**rp.market_weight
        * context.non_follower_value[whole] ** rp.value_weight
        * context.diversity[whole]
        * context.non_follower_attention[whole]
    )
    entry *= early_velocity(batch, rows, shared, rp.timing_weight)
    staged = Staged(
        rows=rows,
        entry=single(entry)[:, None],
        popularity_weight=rp.popularity_weight,
        rate=non_follower_rate(shared, rows, watch),
        threshold=rp.promotion_threshold * market_bar(shared),
        pool=non_follower_pool(model, params),
        params=StagedParams.of(rp),
        first_normal=REELS_STAGE,
        factor=single(factor * context.recommendable[whole])[:, None],
    )
    out.staged[Surface.REELS] = staged
    appeal = shared.appeal_of(rows)
    reached = staged.reach(out.popularity[rows], appeal, shared)
    out.non_followers[Surface.REELS][rows] = reached
    units = reached * appeal
    units *= single(model.non_follower_level * watch)[:, None]
    out.non_follower_units[rows] += units
