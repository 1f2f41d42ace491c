"""Monte Carlo of a draft's reach.

For every draft the simulation samples, ``samples`` times over:

* the draft's unknown appeal (how much better or worse viewers react than the prediction),
* how many followers are online that day,
* the early-engagement window: interactions actually drawn among the first hour's viewers,
  which set the post's popularity for the rest of its feed life and for Explore and Reels,
* the staged distribution on Explore and Reels: each stage's interactions are drawn, and that
  draw decides what share of the next, larger stage the post gets,
* the binomial noise of who exactly is reached.

All random numbers come from one fixed block of standard normals of shape (dimension,
sample) from :mod:`igalgo.engine.randomness`: a Sobol sequence (quasi-Monte Carlo) shifted at random
by ``random.Random(seed)``. Every draft
uses the same block: with the same seed, a counterfactual (one field of a draft changed)
sees exactly the same draws, so it differs only by the change (common random numbers). Counts
are drawn from a normal variate by the Wilson-Hilferty transform (one variate per count,
whatever its mean), which keeps that property; numpy's own binomial sampler would consume a
varying number of random numbers.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from igalgo.domain import (
    FORMAT_SURFACES,
    ZERO_QUANTILES,
    Account,
    Actions,
    Draft,
    DraftEstimate,
    Format,
    Quantiles,
    Surface,
    SurfaceEstimate,
)
from igalgo.engine import conditioning, workers
from igalgo.engine.randomness import (
    APPEAL,
    DAY,
    EARLY,
    EXPLORE_STAGE,
    FOLLOWER_COUNT,
    MAX_STAGES,
    REELS_FOLLOWERS,
    REELS_STAGE,
    SAMPLE_DTYPE,
    SampleArray,
    random_normals,
)
from igalgo.engine.settings import EngineSettings
from igalgo.world import audience
from igalgo.world.audience import AudienceParams, FloatArray, IntArray
from igalgo.world.surfaces import explore, feed, ranking, reels
from igalgo.world.surfaces.explore import ExploreParams, StagedParams
from igalgo.world.surfaces.feed import FeedParams, StoriesParams
from igalgo.world.surfaces.ranking import ActionParams, AttentionParams, DiversityParams
from igalgo.world.surfaces.reels import ReelsParams

SURFACES: tuple[Surface, ...] = tuple(Surface)

_UNREACHABLE = {s: SurfaceEstimate(s, False, ZERO_QUANTILES, 0.0, 0.0) for s in SURFACES}
"""The estimate of a surface a draft's format cannot reach (immutable, so shared)."""

_FOLLOWERS_ONLY = frozenset({Surface.FEED, Surface.STORIES})
"""Surfaces whose reach the model counts among followers only (non-followers see feed posts
as suggestions through Explore's retrieval, which the Explore surface models)."""


@dataclass(frozen=True)
class UncertaintyParams:
    """The spread of what the model cannot know before a post goes out."""

    appeal_log_sd: float = 0.5
    """Standard deviation of the log of a draft's unknown appeal (how viewers react relative
    to the prediction from the account's history and the draft's signals). Assumption: the
    model does not see the media itself."""

    day_activity_log_sd: float = 0.1
    """Standard deviation of the log of the day's follower activity relative to the
    profile's curve. Assumption."""


@dataclass(frozen=True)
class ModelParams:
    """Every parameter of the model, grouped per part. The defaults are the calibrated ones."""

    audience: AudienceParams = field(default_factory=AudienceParams)
    """Followers' tie tiers and activity, the market's interest pool (igalgo.world.audience)."""
    actions: ActionParams = field(default_factory=ActionParams)
    """Per-viewer action predictions shared by the surfaces (igalgo.world.surfaces.ranking)."""
    diversity: DiversityParams = field(default_factory=DiversityParams)
    """Author diversity among the account's own posts (igalgo.world.surfaces.ranking)."""
    attention: AttentionParams = field(default_factory=AttentionParams)
    """Followers' limited attention to the account over days (igalgo.world.surfaces.ranking)."""
    feed: FeedParams = field(default_factory=FeedParams)
    """Home feed (igalgo.world.surfaces.feed)."""
    stories: StoriesParams = field(default_factory=StoriesParams)
    """Stories tray (igalgo.world.surfaces.feed)."""
    explore: ExploreParams = field(default_factory=ExploreParams)
    """Explore (igalgo.world.surfaces.explore)."""
    reels: ReelsParams = field(default_factory=ReelsParams)
    """Reels (igalgo.world.surfaces.reels)."""
    uncertainty: UncertaintyParams = field(default_factory=UncertaintyParams)
    """The spread of what the model cannot know before a post goes out."""


def sample_count(expected: SampleArray, normal: SampleArray, success: SampleArray) -> SampleArray:
    """Draw counts with mean ``expected`` and binomial variance from standard normals.

    Wilson-Hilferty: ``expected * (1 - c + z * sqrt(c))**3`` with ``c = 1 / (9 * expected)``
    is the classic normal approximation of a Gamma(expected) variable, whose mean and variance
    equal those of a Poisson count. Shrinking the deviation by ``sqrt(1 - success)`` gives
    binomial variance ``n p (1 - p)``. Negative values (rare, for small means) become 0.
    """
    return _count(expected, normal, np.sqrt(np.clip(1.0 - success, 0.0, 1.0)))


def _count(expected: SampleArray, normal: SampleArray, shrink: SampleArray) -> SampleArray:
    """:func:`sample_count` with ``sqrt(1 - success)`` precomputed."""
    factor = _count_factor(expected, normal, shrink, np.empty_like(expected), None)
    factor *= expected
    return factor


def _count_factor(
    expected: SampleArray,
    normal: SampleArray,
    shrink: SampleArray,
    scratch: SampleArray,
    zeros: SampleArray | None,
) -> SampleArray:
    """Drawn count / expected count (a new array); ``scratch`` is overwritten; ``zeros``, if
    given, is an array of zeros of the same shape (kept by callers that draw many times).

    ``max(0, 1 + ((1 - c + z sqrt(c))**3 - 1) * shrink)`` with ``c = 1 / (9 expected)``; the
    cube less one is written ``u (3 + u (3 + u))`` with ``u = sqrt(c) (z - sqrt(c))``.
    """
    root = np.multiply(expected, np.float32(9.0), out=scratch)
    root += np.float32(9e-12)  # an expected count of 0 draws 0, without dividing by zero
    np.sqrt(root, out=root)
    np.reciprocal(root, out=root)  # sqrt(c)
    base = np.subtract(normal, root)
    base *= root  # u
    cube = np.add(base, np.float32(3.0), out=root)
    cube *= base
    cube += np.float32(3.0)
    cube *= base  # (1 + u)**3 - 1
    cube *= shrink
    cube += np.float32(1.0)
    # Against an array of zeros: numpy's maximum with a scalar is several times slower.
    if zeros is None:
        zeros = base
        zeros.fill(0.0)
    np.maximum(cube, zeros, out=base)
    return base


def staged_reach(
    entry: SampleArray,
    rate: SampleArray,
    threshold: float,
    pool: float,
    params: StagedParams,
    normals: SampleArray,
) -> SampleArray:
    """Non-follower reach of a staged distribution, per draft and sample.

    ``entry`` is the test audience (drafts, samples), ``rate`` the true interactions per
    viewer (drafts, samples), ``threshold`` the market's bar. At each stage the interactions
    of its audience n are drawn (:func:`sample_count`); with the observed rate r, the share
    ``r**s / (r**s + threshold**s)`` (s = sharpness) of a ``growth`` times larger stage is
    shown the post next. Reach is the sum of the stages, capped by ``pool``.
    """
    scratch = np.empty_like(entry)
    zeros = np.zeros_like(entry)
    audience_now = entry.copy()
    _bound(audience_now, 0.0, pool, scratch)
    total = audience_now.copy()
    sharpness = params.promotion_sharpness
    growth = np.float32(params.stage_growth)
    shrink = np.subtract(np.float32(1.0), rate)
    _bound(shrink, 0.0, 1.0, scratch)
    np.sqrt(shrink, out=shrink)
    relative_rate = rate * np.float32(1.0 / max(threshold, 1e-12))
    expected = np.empty_like(entry)
    for stage in range(min(params.stages, MAX_STAGES)):
        # Observed rate / threshold = (rate / threshold) * (drawn count / expected count),
        # with the count drawn as in sample_count, written out in place for speed.
        np.multiply(audience_now, rate, out=expected)
        ratio = _count_factor(expected, normals[stage], shrink, scratch, zeros)
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


def _quantile_table(values: SampleArray, *, in_place: bool = False) -> FloatArray:
    """P10, P50, P90 (linear interpolation, as ``np.percentile``) and mean of each row as
    columns of a (rows, 4) array; ``in_place`` sorts ``values`` itself (for a temporary
    array) instead of a copy."""
    table = np.empty((values.shape[0], 4))
    table[:, 3] = values.mean(axis=1, dtype=np.float64)
    # A full sort, not a partition at the six ranks needed: numpy sorts float32 rows with
    # SIMD instructions, about three times faster than its multi-rank partition.
    if in_place:
        values.sort(axis=1)
        ordered = values
    else:
        ordered = np.sort(values, axis=1)
    for column, q in enumerate(_PERCENTS):
        table[:, column] = _percentile(ordered, q)
    return table


_PERCENTS = (10.0, 50.0, 90.0)
"""The reported percentiles."""


def _neighbours(q: float, size: int) -> tuple[int, int]:
    """The two ranks whose values the q-th percentile of ``size`` values interpolates."""
    lower = math.floor(q / 100.0 * (size - 1))
    return lower, min(lower + 1, size - 1)


def _percentile(ordered: SampleArray, q: float) -> FloatArray:
    """The q-th percentile of each row of an array sorted along its rows."""
    lower, upper = _neighbours(q, ordered.shape[1])
    weight = q / 100.0 * (ordered.shape[1] - 1) - lower
    low = ordered[:, lower].astype(np.float64)
    result: FloatArray = low + (ordered[:, upper].astype(np.float64) - low) * weight
    return result


def _medians(values: SampleArray) -> FloatArray:
    """Median of each row (sorts ``values`` in place: pass a temporary array)."""
    values.sort(axis=1)
    return _percentile(values, 50.0)


@dataclass(frozen=True)
class AccountModel:
    """What the simulation needs to know about the account, computed once."""

    tiers: FloatArray
    """Followers per tier (close, regular, weak)."""
    levels: FloatArray
    """Interaction level per tier, relative to the reference viewer."""
    non_follower_level: float
    """Non-follower interactions per viewer relative to the reference follower rate."""
    week: FloatArray
    """Relative online activity per local hour of the week."""
    pool: float
    """Non-followers in the market's interest pool."""
    competition: float
    """How crowded the market is."""
    demand: float
    """Test-audience multiplier of the market on Explore and Reels."""
    priority: float
    """Connected-ranking priority of the account type."""
    feed_per_week: float
    """The account's usual posts per week that reach the feed (feed posts and reels)."""
    stories_per_week: float
    """The account's usual stories per week."""
    reels_per_week: float
    """The account's usual reels per week."""


CALIBRATION_SAMPLES = 4096
"""Samples of the typical-post simulation that converts an engagement rate into per-viewer
interaction levels (numerical, not a model assumption). The typical post's interactions are a
mean over heavy-tailed Explore reach: with 256 samples the level found varied by 2.4 % (one
standard deviation) from one random block to another, with 4096 by 0.3 %; the search runs
once per account, in ~10 ms."""

CALIBRATION_SEED = 0
"""Fixed seed of that simulation, so the conversion does not depend on the caller's seed."""

_TYPICAL_TIME = datetime(2026, 1, 7, 12, 0, tzinfo=UTC)


@lru_cache(maxsize=64)
def account_model(account: Account, params: ModelParams) -> AccountModel:
    """The account's tiers, interaction levels, activity and market.

    An engagement rate is interactions (from followers and non-followers) per follower per
    feed post. The model splits it into reach x interactions per viewer with its own
    machinery: it finds the interaction level L (per-viewer interactions relative to the
    reference viewer; tier k gets L * propensity_k / mean propensity, non-followers
    :func:`~igalgo.world.surfaces.ranking.non_follower_level`) at which a typical post, simulated
    by this same model, collects ``engagement_rate`` interactions per follower. More
    interaction means more value and more reach, so that number grows with L and a bisection
    finds it. The typical post is a standard photo at flat activity, by a creator account in
    a medium, average market, so that account type, market and timing keep their own effect;
    it is published at the account's usual frequency, at which the rate was measured.
    """
    shares = audience.tier_shares(account.followers, params.audience)
    propensity = np.asarray(params.audience.engagement_propensity)
    relative = propensity / float((shares * propensity).sum())
    actual = AccountModel(
        tiers=audience.tier_sizes(account, params.audience),
        levels=relative,
        non_follower_level=ranking.non_follower_level(1.0, params.actions),
        week=audience.weekly_activity(account),
        pool=audience.interest_pool(account, params.audience),
        competition=audience.competition(account, params.audience),
        demand=audience.market_demand(account, params.audience),
        priority=params.audience.priority_of(account.account_type),
        feed_per_week=account.posting.feed_per_week + account.posting.reels_per_week,
        stories_per_week=account.posting.stories_per_week,
        reels_per_week=account.posting.reels_per_week,
    )
    level = _interaction_level(account.interaction.engagement_rate, actual, params)
    return replace(
        actual,
        levels=level * relative,
        non_follower_level=ranking.non_follower_level(level, params.actions),
    )


def _interaction_level(engagement_rate: float, actual: AccountModel, params: ModelParams) -> float:
    """The per-viewer interaction level L that reproduces ``engagement_rate`` (bisection)."""
    actions = params.actions
    cap = actions.max_interactions_per_viewer / actions.reference_interactions_per_viewer
    followers = float(actual.tiers.sum())
    if engagement_rate <= 0.0:
        return 0.0
    if followers <= 0.0:
        # No followers, no measured rate per follower: read it as per viewer of a typical
        # 15 % reach (documented assumption for new accounts).
        return min(engagement_rate / 0.15 / actions.reference_interactions_per_viewer, cap)
    typical = Draft("typical", Format.PHOTO, _TYPICAL_TIME)
    signals = ranking.draft_signals([typical], actions)
    batch = _Batch(
        [typical], np.zeros(1, dtype=np.int64), np.zeros(1, dtype=np.int64), signals.interactions
    )
    normals = random_normals(CALIBRATION_SEED, CALIBRATION_SAMPLES)
    reference = replace(
        actual, week=np.ones(audience.HOURS_PER_WEEK), competition=1.0, demand=1.0, priority=1.0
    )
    relative = actual.levels
    content = float((signals.interactions[0] * np.asarray(actions.interaction_mix)).sum())

    def per_follower(level: float) -> float:
        model = replace(
            reference,
            levels=level * relative,
            non_follower_level=ranking.non_follower_level(level, actions),
        )
        context = _DraftContext.build([typical], np.zeros(1), model, signals, False, params)
        sampled = _sample_chunk(batch, model, context, normals, params)
        units = float(sampled.follower_units[0] + sampled.non_follower_units[0])
        return units * actions.reference_interactions_per_viewer * content / followers

    # Interactions per follower grow with L roughly as a power of L: a secant in log-log
    # space converges in a few steps; a bisection on the bracket finishes the job if not.
    target = math.log(engagement_rate)
    guess = min(engagement_rate / 0.15 / actions.reference_interactions_per_viewer, cap)
    points = [(math.log(guess), math.log(max(per_follower(guess), 1e-300)))]
    step = math.log(1.5)
    points.append((points[0][0] + step, math.log(max(per_follower(guess * 1.5), 1e-300))))
    for _ in range(12):
        (x0, y0), (x1, y1) = points[-2], points[-1]
        if abs(y1 - target) < 1e-5:
            break
        slope = (y1 - y0) / (x1 - x0) if x1 != x0 else 1.0
        x2 = x1 + (target - y1) / max(slope, 0.05)
        x2 = min(max(x2, math.log(1e-6)), math.log(cap))
        points.append((x2, math.log(max(per_follower(math.exp(x2)), 1e-300))))
    best_x, best_y = min(points, key=lambda point: abs(point[1] - target))
    if abs(best_y - target) > 1e-3:
        low, high = math.log(1e-6), math.log(cap)
        for _ in range(40):
            middle = (low + high) / 2.0
            if per_follower(math.exp(middle)) < engagement_rate:
                low = middle
            else:
                high = middle
        best_x = (low + high) / 2.0
    return min(math.exp(best_x), cap)


@dataclass(frozen=True)
class ReachSamples:
    """Sampled reach of a batch of drafts: one (drafts, samples) array per surface."""

    followers: dict[Surface, SampleArray]
    """Followers reached on each surface."""
    non_followers: dict[Surface, SampleArray]
    """Non-followers reached on each surface."""
    unique: SampleArray
    """Unique accounts reached across surfaces."""
    popularity: SampleArray
    """Early popularity ratio: interactions drawn in the early window / predicted."""
    appeal: SampleArray
    """The sampled appeal multiplier per sample (shared by all drafts)."""
    eligible: dict[Surface, NDArray[np.bool_]]
    """Whether each draft's format can reach each surface."""
    follower_units: FloatArray
    """Expected follower interactions per draft, in units of the reference per-viewer rate
    (before the draft's content multipliers): sum over surfaces and tiers of reached x level
    x appeal, averaged over samples."""
    non_follower_units: FloatArray
    """The same for non-followers."""
    redraw: _Redraw | None = None
    """What it takes to draw the samples again at other appeals (conditioned medians)."""

    def reach(self, surface: Surface) -> SampleArray:
        """Accounts reached on ``surface`` (followers + non-followers)."""
        return self.followers[surface] + self.non_followers[surface]


def simulate_drafts(
    account: Account,
    drafts: Sequence[Draft],
    *,
    seed: int,
    compete: bool,
    params: ModelParams,
    settings: EngineSettings,
) -> list[DraftEstimate]:
    """Estimate every draft's reach per surface, total unique reach and expected actions.

    Drafts are simulated in chunks of ``settings.chunk_elements // settings.samples`` so that
    memory stays bounded whatever the number of drafts.
    """
    if not drafts:
        return []
    model, context, _, batches = _prepare(account, drafts, seed, compete, params, settings)
    summaries = _summarise_batches(batches, model, context, seed, params, settings)
    # A chunk's result objects are built as soon as its summary is back, while the workers
    # go on with the next chunks.
    return [
        estimate
        for batch, summary in zip(batches, summaries, strict=True)
        for estimate in summary.estimates(batch.drafts)
    ]


def _summarise_batches(
    batches: list[_Batch],
    model: AccountModel,
    context: _DraftContext,
    seed: int,
    params: ModelParams,
    settings: EngineSettings,
) -> Iterator[_Summary]:
    """The summaries of all chunks, in order: from worker processes when there are several
    chunks and :func:`igalgo.engine.workers.pool` has workers, else computed here. A chunk's
    numbers do not depend on where they were computed (tested)."""
    executor = workers.pool(settings.workers) if len(batches) > 1 else None
    done = 0
    if executor is not None:
        from concurrent.futures.process import BrokenProcessPool

        jobs = []
        try:
            for batch in batches:
                jobs.append(
                    executor.submit(
                        _summarise_alone, *batch.alone(context), model, seed, params, settings
                    )
                )
            for job in jobs:
                summary = job.result()
                done += 1
                yield summary
        except BrokenProcessPool:  # a worker died (killed): the rest is done here
            workers.forget(executor)
        finally:
            for job in jobs:  # after an error or an interrupt: drop the chunks not started
                job.cancel()
    if done < len(batches):
        normals = random_normals(seed, settings.samples)
        for batch in batches[done:]:
            yield _summarise_batch(batch, model, context, normals, params, settings)


def _summarise_batch(
    batch: _Batch,
    model: AccountModel,
    context: _DraftContext,
    normals: SampleArray,
    params: ModelParams,
    settings: EngineSettings,
) -> _Summary:
    sampled = _sample_chunk(batch, model, context, normals, params)
    return _summarise(batch, sampled, model, params, settings)


def _summarise_alone(
    batch: _Batch,
    context: _DraftContext,
    model: AccountModel,
    seed: int,
    params: ModelParams,
    settings: EngineSettings,
) -> _Summary:
    """:func:`_summarise_batch` in a worker process, which draws the (cached) random block
    itself instead of receiving it."""
    normals = random_normals(seed, settings.samples)
    return _summarise_batch(batch, model, context, normals, params, settings)


def sample_reach(
    account: Account,
    drafts: Sequence[Draft],
    *,
    seed: int,
    compete: bool,
    params: ModelParams,
    settings: EngineSettings,
) -> ReachSamples:
    """The raw samples behind :func:`simulate_drafts`, for all drafts at once (for analysis
    and tests; memory grows with drafts x samples)."""
    if not drafts:
        raise ValueError("sample_reach needs at least one draft")
    whole = replace(settings, chunk_elements=len(drafts) * settings.samples)
    model, context, normals, (batch,) = _prepare(account, drafts, seed, compete, params, whole)
    return _sample_chunk(batch, model, context, normals, params)


def _prepare(
    account: Account,
    drafts: Sequence[Draft],
    seed: int,
    compete: bool,
    params: ModelParams,
    settings: EngineSettings,
) -> tuple[AccountModel, _DraftContext, SampleArray, list[_Batch]]:
    """What every chunk shares (account model, schedule context, random block) and the chunks."""
    model = account_model(account, params)
    normals = random_normals(seed, settings.samples)
    starts = np.array([d.publish_at.timestamp() / 3600.0 for d in drafts])
    hour_of_week = audience.hours_of_week([d.publish_at for d in drafts], account.timezone)
    signals = ranking.draft_signals(drafts, params.actions)
    context = _DraftContext.build(drafts, starts, model, signals, compete, params)
    chunk = max(1, settings.chunk_elements // settings.samples)
    batches = [
        _Batch(
            list(drafts[begin : begin + chunk]),
            np.arange(begin, min(begin + chunk, len(drafts))),
            hour_of_week[begin : begin + chunk],
            signals.interactions[begin : begin + chunk],
        )
        for begin in range(0, len(drafts), chunk)
    ]
    return model, context, normals, batches


@dataclass(frozen=True)
class _Batch:
    """A chunk of drafts: the drafts, their rows in the whole list, their local hour of week."""

    drafts: list[Draft]
    rows: IntArray
    hour_of_week: IntArray
    interactions: FloatArray
    """Per-action content multipliers of the chunk's drafts (drafts, 4)."""

    def alone(self, context: _DraftContext) -> tuple[_Batch, _DraftContext]:
        """This chunk and the context's rows of it, as if the chunk were the whole list
        (what a worker process needs: no draft objects, no other chunk's rows)."""
        batch = _Batch([], np.arange(self.rows.size), self.hour_of_week, self.interactions)
        return batch, context.take(self.rows)


@dataclass(frozen=True)
class _DraftContext:
    """Per-draft quantities that depend on the whole schedule (author diversity, frames)."""

    signals: ranking.DraftSignals
    feed_log_value: FloatArray
    feed_diversity: FloatArray
    explore_diversity: FloatArray
    """Explore's same-author multiplier on the test audience (24-hour mean)."""
    reels_diversity: FloatArray
    """X's author-diversity multiplier among the account's reels (24-hour mean)."""
    story_frames: FloatArray
    explore_value: FloatArray
    reels_value: FloatArray
    feed_attention: FloatArray
    """Share of feed exposure left by the account's other posts (attention budget)."""
    stories_attention: FloatArray
    """The same for the stories tray."""
    reels_follower_attention: FloatArray
    """The same for followers in the Reels tab."""
    reels_non_follower_attention: FloatArray
    """Share of the Reels test audience left by the account's other reels."""
    eligible: dict[Surface, NDArray[np.bool_]]
    """Whether each draft's format can reach each surface."""
    explore_retrieval: FloatArray
    """Explore test-audience multiplier from the draft's signals and penalties (0 = gated)."""
    reels_retrieval: FloatArray
    """Reels test-audience multiplier from audio, quality and penalties (0 = gated)."""
    reels_watch: FloatArray
    """Interaction multiplier of a reel from its watch time."""

    def take(self, rows: IntArray) -> _DraftContext:
        """The context of the drafts at ``rows`` only."""
        values = {
            f.name: getattr(self, f.name)[rows]
            for f in fields(self)
            if f.name not in ("signals", "eligible")
        }
        eligible = {surface: mask[rows] for surface, mask in self.eligible.items()}
        return _DraftContext(signals=_take(self.signals, rows), eligible=eligible, **values)

    @staticmethod
    def build(
        drafts: Sequence[Draft],
        starts: FloatArray,
        model: AccountModel,
        signals: ranking.DraftSignals,
        compete: bool,
        params: ModelParams,
    ) -> _DraftContext:
        count = len(drafts)
        formats = [d.format for d in drafts]
        eligible = {
            surface: np.array([surface in FORMAT_SURFACES[f] for f in formats], dtype=bool)
            for surface in SURFACES
        }
        in_feed, is_story = eligible[Surface.FEED], eligible[Surface.STORIES]
        recommendable, is_reel = eligible[Surface.EXPLORE], eligible[Surface.REELS]
        log_value = feed.feed_log_value(
            model.levels, signals, model.priority, params.feed, params.actions
        )
        relative_nf = model.non_follower_level / params.actions.non_follower_interaction_ratio
        explore_value = explore.explore_relative_value(
            relative_nf, signals, params.explore, params.actions
        )
        reels_value = reels.reels_relative_value(
            drafts, relative_nf, signals, params.reels, params.actions
        )
        hours = params.feed.window_hours
        if compete:
            strength = np.exp(log_value[:, 1])
            feed_div = ranking.diversity_multipliers(
                starts,
                strength,
                in_feed,
                hours,
                params.feed.window_hours,
                params.feed.recency_half_life_hours,
                params.diversity,
            )
            # Explore: only its same-author rule on the grid (a few percent); Reels: X's
            # author diversity among the account's reels.
            window = params.explore.diversity_window_hours
            explore_div = ranking.diversity_multipliers(
                starts,
                explore_value,
                recommendable,
                window,
                window,
                params.feed.recency_half_life_hours,
                params.explore.same_author(),
            ).mean(axis=1)
            window = params.reels.diversity_window_hours
            reels_div = ranking.diversity_multipliers(
                starts,
                reels_value,
                is_reel,
                window,
                window,
                params.feed.recency_half_life_hours,
                params.diversity,
            ).mean(axis=1)
            frames = feed.story_frames(starts, is_story, params.stories.window_hours)
        else:
            feed_div = np.ones((count, hours))
            explore_div = reels_div = np.ones(count)
            frames = np.zeros(count, dtype=np.int64)
        kept = [feed.frame_retention(frame, params.stories) for frame in range(frames.max() + 1)]
        retention = np.asarray(kept)[frames]
        attention = params.attention

        def load(members: NDArray[np.bool_], per_week: float, min_gap: float) -> FloatArray:
            """Attention load from the schedule and, outside it, the account's usual posts."""
            return _attention_load(starts, members, per_week, min_gap, compete, attention)

        feed_load = load(in_feed, model.feed_per_week, 0.0)
        stories_load = load(is_story, model.stories_per_week, params.stories.window_hours)
        reels_load = load(is_reel, model.reels_per_week, 0.0)
        return _DraftContext(
            signals=signals,
            feed_log_value=log_value,
            feed_diversity=feed_div,
            explore_diversity=explore_div,
            reels_diversity=reels_div,
            story_frames=retention,
            explore_value=explore_value,
            reels_value=reels_value,
            feed_attention=ranking.attention_share(feed_load, attention.follower_budget),
            stories_attention=ranking.attention_share(stories_load, attention.stories_budget),
            reels_follower_attention=ranking.attention_share(reels_load, attention.follower_budget),
            reels_non_follower_attention=ranking.attention_share(
                reels_load, attention.reels_non_follower_budget
            ),
            eligible=eligible,
            explore_retrieval=explore.retrieval_factors(drafts, params.explore),
            reels_retrieval=reels.retrieval_factors(drafts, params.reels),
            reels_watch=reels.watch_factor(reels.durations(drafts, params.reels), params.reels),
        )


def _attention_load(
    starts: FloatArray,
    members: NDArray[np.bool_],
    per_week: float,
    min_gap_hours: float,
    compete: bool,
    params: AttentionParams,
) -> FloatArray:
    """Attention load of each member (see :class:`~igalgo.world.surfaces.ranking.AttentionParams`).

    With ``compete`` the members are the account's posts over the span they cover, and the
    account's usual posts (``per_week``) come before and after it; without, every draft sits
    alone among the usual posts.
    """
    covered: tuple[float, float] | None = None
    scheduled = np.zeros(len(starts))
    if compete and members.any():
        times = starts[members]
        covered = (float(times.min()), float(times.max()))
        scheduled = ranking.schedule_load(
            starts, members, params.half_life_hours, params.window_hours, min_gap_hours
        )
    background = ranking.background_load(
        starts,
        members,
        per_week,
        covered,
        params.half_life_hours,
        params.window_hours,
        min_gap_hours,
    )
    result: FloatArray = scheduled + background
    return result


@dataclass
class _ChunkSamples:
    """Per-surface sample arrays of one chunk, filled surface by surface."""

    followers: dict[Surface, SampleArray]
    non_followers: dict[Surface, SampleArray]
    popularity: SampleArray
    follower_units: FloatArray
    non_follower_units: FloatArray
    feed_index: IntArray
    """Each chunk row's row in ``feed_later`` (-1 for drafts not on Feed)."""
    feed_later: _FeedLater | None = None
    staged: dict[Surface, _Staged] = field(default_factory=dict)
    """Explore's and Reels' staged distributions, to draw again at other appeals."""


@dataclass(frozen=True)
class _Shared:
    """What every surface's sampler of a chunk reads."""

    model: AccountModel
    context: _DraftContext
    normals: SampleArray
    params: ModelParams
    appeal: SampleArray
    day: SampleArray
    content: FloatArray
    """Mix-weighted interaction multiplier of each draft of the chunk."""
    level_weights: SampleArray
    """Followers per tier times the tier's interaction level."""


def _sample_chunk(
    batch: _Batch,
    model: AccountModel,
    context: _DraftContext,
    normals: SampleArray,
    params: ModelParams,
) -> ReachSamples:
    """Sample reach on every surface for one chunk of drafts (arrays drafts x samples).

    Sample arrays are float32: reach counts need no more precision, and it halves the memory
    traffic that dominates the cost.
    """
    count, samples = batch.rows.size, normals.shape[1]
    sim = params.uncertainty
    mix = np.asarray(params.actions.interaction_mix)
    shared = _Shared(
        model=model,
        context=context,
        normals=normals,
        params=params,
        appeal=_lognormal(normals[APPEAL], sim.appeal_log_sd),
        day=_lognormal(normals[DAY], sim.day_activity_log_sd),
        content=(batch.interactions * mix[None, :]).sum(axis=1),
        level_weights=_f32(model.tiers * model.levels),
    )
    eligible = {s: context.eligible[s][batch.rows] for s in SURFACES}
    # Explore reaches no followers, Feed and Stories no non-followers: one shared, read-only
    # block of zeros stands for those.
    nobody = np.zeros((count, samples), dtype=SAMPLE_DTYPE)
    nobody.flags.writeable = False
    out = _ChunkSamples(
        followers={s: nobody if s is Surface.EXPLORE else np.zeros_like(nobody) for s in SURFACES},
        non_followers={
            s: nobody if s in _FOLLOWERS_ONLY else np.zeros_like(nobody) for s in SURFACES
        },
        popularity=np.ones((count, samples), dtype=SAMPLE_DTYPE),
        follower_units=np.zeros(count),
        non_follower_units=np.zeros(count),
        feed_index=np.full(count, -1),
    )
    samplers = (
        (Surface.FEED, _sample_feed),
        (Surface.STORIES, _sample_stories),
        (Surface.EXPLORE, _sample_explore),
        (Surface.REELS, _sample_reels),
    )
    for surface, sampler in samplers:  # Feed first: its early popularity feeds the others.
        rows = np.flatnonzero(eligible[surface])
        if rows.size:
            sampler(batch, rows, shared, out)
    # Unique reach: a format reaches followers on Feed or Stories, and non-followers on
    # Explore; only a reel adds a second surface on each side (the Reels tab).
    unique = out.followers[Surface.FEED] + out.followers[Surface.STORIES]
    unique += out.non_followers[Surface.EXPLORE]
    reel_rows = np.flatnonzero(eligible[Surface.REELS])
    if reel_rows.size:
        unique[reel_rows] = _reel_unique(
            out.followers[Surface.FEED][reel_rows],
            out.followers[Surface.REELS][reel_rows],
            out.non_followers[Surface.EXPLORE][reel_rows],
            out.non_followers[Surface.REELS][reel_rows],
            model,
            params,
        )
    return ReachSamples(
        followers=out.followers,
        non_followers=out.non_followers,
        unique=unique,
        popularity=out.popularity,
        appeal=shared.appeal,
        eligible=eligible,
        follower_units=out.follower_units,
        non_follower_units=out.non_follower_units,
        redraw=_Redraw(shared, out),
    )


def _sample_feed(batch: _Batch, rows: IntArray, shared: _Shared, out: _ChunkSamples) -> None:
    """Feed: followers online while the post is fresh, early engagement, competition."""
    model, params, day, appeal = shared.model, shared.params, shared.day, shared.appeal
    normals, context = shared.normals, shared.context
    whole = batch.rows[rows]
    activity = audience.activity_after(
        model.week, batch.hour_of_week[rows], params.feed.window_hours
    )
    plan = feed.feed_exposure(
        activity,
        context.feed_log_value[whole],
        context.feed_diversity[whole],
        context.feed_attention[whole],
        np.asarray(params.audience.sessions_per_day),
        model.competition,
        params.feed,
    )
    actions = params.actions
    tier_rate = np.minimum(
        actions.reference_interactions_per_viewer
        * model.levels[None, :]
        * shared.content[rows, None],
        actions.max_interactions_per_viewer,
    )
    # Work tier by tier on (drafts, samples) arrays: reach_p_k = 1 - exp(-exposure_k), and
    # every sum over tiers is accumulated as sum_k w_k - sum_k w_k exp(-exposure_k).
    sizes = model.tiers.tolist()
    early_weights = model.tiers[None, :] * tier_rate  # (drafts, tiers)
    early_exposure = _f32(plan.early)
    # The early window: interactions actually drawn among its viewers set the popularity.
    minus_day = -day
    missed = np.zeros((rows.size, day.size), dtype=SAMPLE_DTYPE)
    term = np.empty_like(missed)  # reused: fresh arrays cost page faults
    for k in range(len(sizes)):
        np.multiply(early_exposure[:, k : k + 1], minus_day, out=term)
        np.exp(term, out=term)
        term *= _f32(early_weights[:, k : k + 1])
        missed += term
    predicted = np.subtract(_f32(early_weights.sum(axis=1))[:, None], missed, out=missed)
    _bound(predicted, 0.0, None, term)  # rounding can leave it a hair below zero
    later = _FeedLater(
        predicted=predicted,
        success=_f32(tier_rate.mean(axis=1))[:, None],
        early=early_exposure,
        curve=_f32(plan.later_curve),
        slope=_f32(plan.later_slope),
        log_later=_f32(np.log(np.maximum(plan.later, 1e-30))),
    )
    out.feed_later = later
    out.feed_index[rows] = np.arange(rows.size)
    ratio = later.popularity(appeal, normals[EARLY], params.feed)
    out.popularity[rows] = ratio
    followers, missed_units = later.followers(ratio, shared, normals[FOLLOWER_COUNT], appeal)
    out.followers[Surface.FEED][rows] = followers
    reached_units = float(shared.level_weights.sum()) * float(appeal.mean(dtype=np.float64))
    out.follower_units[rows] += np.maximum(reached_units - missed_units, 0.0)  # as above


@dataclass(frozen=True)
class _FeedLater:
    """A feed post's early window, as its popularity and its later reach need it (rows of
    the post's feed drafts): kept so that both can be drawn again at other appeals."""

    predicted: SampleArray
    """Interactions expected in the early window at appeal 1 (drafts, samples)."""
    success: SampleArray
    """Mean interactions per viewer (drafts, 1): the binomial success rate of that count."""
    early: SampleArray
    """Exposure per tier in the early window (drafts, tiers)."""
    curve: SampleArray
    slope: SampleArray
    log_later: SampleArray
    """Later exposure per tier as ``log_later + slope x + curve x**2`` (see
    feed.ExposurePlan), each (drafts, tiers)."""

    def __getitem__(self, rows: IntArray | slice) -> _FeedLater:
        return _FeedLater(*(getattr(self, f.name)[rows] for f in fields(self)))

    def popularity(
        self, appeal: SampleArray, normal: SampleArray, params: FeedParams
    ) -> SampleArray:
        """Early popularity: interactions drawn in the early window among viewers reacting
        at ``appeal`` (samples or drafts x samples), over the prediction, both plus the
        prior."""
        samples = appeal.shape[-1]
        predicted = self.predicted[:, :samples]
        drawn = sample_count(predicted * appeal, normal[:samples], self.success)
        prior = np.float32(params.popularity_prior_interactions)
        drawn += prior
        drawn /= predicted + prior
        return drawn

    def followers(
        self,
        popularity: SampleArray,
        shared: _Shared,
        normal: SampleArray,
        appeal: SampleArray | None,
    ) -> tuple[SampleArray, FloatArray]:
        """Followers reached (a draw, given ``popularity``) and, with ``appeal``, the
        expected follower interaction units missed (per draft; zeros without it)."""
        params, model = shared.params.feed, shared.model
        samples = popularity.shape[1]
        minus_day = -shared.day[:samples]
        # After the early window, exposure at the value scaled by popularity**weight:
        # later(m) = later * exp(slope x + curve x**2), x = log m (see feed.ExposurePlan).
        limit = 3.0 * params.popularity_step
        x = np.log(popularity)
        x *= np.float32(params.popularity_weight)
        power = np.empty_like(x)
        _bound(x, -limit, limit, power)
        missed_followers = np.zeros_like(x)
        missed_units = np.zeros(x.shape[0])
        sizes = model.tiers.tolist()
        for k, size in enumerate(sizes):
            np.multiply(self.curve[:, k : k + 1], x, out=power)
            power += self.slope[:, k : k + 1]
            power *= x
            power += self.log_later[:, k : k + 1]
            np.exp(power, out=power)  # exposure after the early window
            power += self.early[:, k : k + 1]
            power *= minus_day
            np.exp(power, out=power)  # chance the follower is missed: exp(-exposure_k)
            if appeal is not None:
                missed_units += float(shared.level_weights[k]) * _sample_mean(power, appeal)
            power *= np.float32(size)
            missed_followers += power
        total = float(sum(sizes))
        mean = np.subtract(np.float32(total), missed_followers, out=missed_followers)
        return _binomial_draw(mean, normal[:samples], total), missed_units


def _sample_stories(batch: _Batch, rows: IntArray, shared: _Shared, out: _ChunkSamples) -> None:
    """Stories: the tray within 24 h, ordered by tie strength, frame exits."""
    model, params, context = shared.model, shared.params, shared.context
    whole = batch.rows[rows]
    activity = audience.activity_after(
        model.week, batch.hour_of_week[rows], params.stories.window_hours
    )
    log_value = feed.stories_log_value(
        model.levels, _take(context.signals, whole), model.priority, params.stories, params.actions
    )
    exposure = feed.stories_exposure(
        activity,
        log_value,
        context.stories_attention[whole],
        np.asarray(params.audience.sessions_per_day),
        model.competition,
        params.stories,
    )
    mean, units = _followers_reached(exposure, shared, context.story_frames[whole])
    out.followers[Surface.STORIES][rows] = _binomial_draw(
        mean, shared.normals[FOLLOWER_COUNT], float(model.tiers.sum())
    )
    out.follower_units[rows] += units


def _sample_explore(batch: _Batch, rows: IntArray, shared: _Shared, out: _ChunkSamples) -> None:
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
    entry *= _early_velocity(batch, rows, shared, ep.timing_weight)
    staged = _Staged(
        rows=rows,
        entry=_f32(entry)[:, None],
        popularity_weight=ep.popularity_weight,
        rate=_non_follower_rate(shared, rows, np.ones(rows.size)),
        threshold=ep.promotion_threshold * _market_bar(shared),
        pool=model.pool,
        params=ep.staged(),
        first_normal=EXPLORE_STAGE,
    )
    out.staged[Surface.EXPLORE] = staged
    reached = staged.reach(out.popularity[rows], shared.appeal, shared)
    out.non_followers[Surface.EXPLORE][rows] = reached
    weighted = (reached * shared.appeal).mean(axis=1)
    out.non_follower_units[rows] += weighted * model.non_follower_level


def _sample_reels(batch: _Batch, rows: IntArray, shared: _Shared, out: _ChunkSamples) -> None:
    """Reels: followers in the Reels tab, non-followers through staged distribution."""
    model, params, context = shared.model, shared.params, shared.context
    whole = batch.rows[rows]
    rp = params.reels
    value = context.reels_value[whole]
    followers = float(model.tiers.sum())
    exposure = (
        np.asarray(rp.follower_exposure)[None, :]
        * (np.sqrt(value) * context.reels_follower_attention[whole])[:, None]
    )
    mean, units = _followers_reached(exposure, shared)
    out.followers[Surface.REELS][rows] = _binomial_draw(
        mean, shared.normals[REELS_FOLLOWERS], followers
    )
    out.follower_units[rows] += units
    retrieval = context.reels_retrieval[whole]
    watch = context.reels_watch[whole]
    entry = (rp.test_audience_minimum + rp.test_audience_per_follower * followers) * (
        model.demand
        * value**rp.value_weight
        * retrieval
        * context.reels_diversity[whole]
        * context.reels_non_follower_attention[whole]
    )
    entry *= _early_velocity(batch, rows, shared, rp.timing_weight)
    staged = _Staged(
        rows=rows,
        entry=_f32(entry)[:, None],
        popularity_weight=rp.popularity_weight,
        rate=_non_follower_rate(shared, rows, watch),
        threshold=rp.promotion_threshold * _market_bar(shared),
        pool=model.pool * rp.pool_multiplier,
        params=rp.staged(),
        first_normal=REELS_STAGE,
    )
    out.staged[Surface.REELS] = staged
    reached = staged.reach(out.popularity[rows], shared.appeal, shared)
    out.non_followers[Surface.REELS][rows] = reached
    weighted = (reached * shared.appeal).mean(axis=1)
    out.non_follower_units[rows] += weighted * model.non_follower_level * watch


@dataclass(frozen=True)
class _Staged:
    """A surface's staged distribution for the chunk's drafts it can show (``rows``), kept
    so that it can be drawn again at other appeals."""

    rows: IntArray
    entry: SampleArray
    """Test audience at popularity 1 (drafts, 1)."""
    popularity_weight: float
    rate: SampleArray
    """True interactions per viewer at appeal 1 (drafts, 1)."""
    threshold: float
    pool: float
    params: StagedParams
    first_normal: int
    """Row of the random block with the first stage's normals."""

    def __getitem__(self, rows: IntArray) -> _Staged:
        return replace(self, rows=self.rows[rows], entry=self.entry[rows], rate=self.rate[rows])

    def reach(self, popularity: SampleArray, appeal: SampleArray, shared: _Shared) -> SampleArray:
        """Non-followers reached, per draft and sample, at the given early popularity and
        appeal (samples, or drafts x samples)."""
        samples = popularity.shape[1]
        rate = self.rate * appeal
        scratch = np.empty_like(rate)
        scratch.fill(shared.params.actions.max_interactions_per_viewer)
        np.minimum(rate, scratch, out=rate)
        return staged_reach(
            self.entry * _power(popularity, self.popularity_weight),
            rate,
            self.threshold,
            self.pool,
            self.params,
            shared.normals[self.first_normal :, :samples],
        )


def _early_velocity(batch: _Batch, rows: IntArray, shared: _Shared, weight: float) -> FloatArray:
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


def _non_follower_rate(shared: _Shared, rows: IntArray, factor: FloatArray) -> SampleArray:
    """True interactions per non-follower viewer at appeal 1, per draft (drafts, 1)."""
    actions = shared.params.actions
    base = actions.reference_interactions_per_viewer * shared.model.non_follower_level
    return _f32(base * shared.content[rows] * factor)[:, None]


def _market_bar(shared: _Shared) -> float:
    """Interactions per viewer at which a stage is half promoted, before the surface's own
    threshold: the reference non-follower rate, raised by the market's competition."""
    actions = shared.params.actions
    reference = actions.reference_interactions_per_viewer * actions.non_follower_interaction_ratio
    return float(reference * shared.model.competition)


def _followers_reached(
    exposure: FloatArray, shared: _Shared, retention: FloatArray | None = None
) -> tuple[SampleArray, FloatArray]:
    """Mean followers reached per draft and sample, and expected follower interaction units
    per draft, when a tier-k follower is reached with probability ``1 - exp(-D exposure_k)``
    (times ``retention``, the share of a story's viewers still watching at its frame).

    Tier by tier on (drafts, samples) arrays, as ``N - sum_k N_k exp(-D exposure_k)``: no
    (drafts, tiers, samples) array and no ``expm1`` (several times slower than ``exp``); in
    float32 the absolute error stays under 1e-7 accounts per follower.
    """
    count = exposure.shape[0]
    missed = np.zeros((count, shared.day.size), dtype=SAMPLE_DTYPE)
    missed_units = np.zeros(count)
    minus_day = -shared.day
    for k, size in enumerate(shared.model.tiers.tolist()):
        term = _f32(exposure[:, k : k + 1]) * minus_day
        np.exp(term, out=term)
        missed_units += float(shared.level_weights[k]) * _sample_mean(term, shared.appeal)
        term *= np.float32(size)
        missed += term
    mean = np.subtract(np.float32(shared.model.tiers.sum()), missed, out=missed)
    all_units = float(shared.level_weights.sum()) * float(shared.appeal.mean(dtype=np.float64))
    units = np.maximum(all_units - missed_units, 0.0)  # rounding: never below nobody
    if retention is not None:
        mean *= _f32(retention)[:, None]
        units *= retention
    return mean, units


def _sample_mean(values: SampleArray, weights: SampleArray) -> FloatArray:
    """Mean over samples of ``values * weights`` per draft (one pass; each row's sum is
    computed alike whatever the number of rows, so chunking changes nothing)."""
    result: FloatArray = np.einsum("ds,s->d", values, weights).astype(np.float64) / values.shape[1]
    return result


def _f32(values: FloatArray) -> SampleArray:
    return values.astype(SAMPLE_DTYPE)


def _lognormal(normal: SampleArray, log_sd: float) -> SampleArray:
    """A mean-1 log-normal multiplier from standard normals."""
    result: SampleArray = np.exp(np.float32(log_sd) * normal - np.float32(log_sd**2 / 2.0))
    return result


def _power(values: SampleArray, exponent: float) -> SampleArray:
    if exponent == 1.0:
        return values
    if exponent == 0.5:  # np.sqrt is several times faster than np.power
        return np.sqrt(values)
    result: SampleArray = values ** np.float32(exponent)
    return result


def _binomial_draw(mean: SampleArray, normal: SampleArray, followers: float) -> SampleArray:
    """A draw of the number of followers reached, given its mean.

    The sum of independent Bernoulli trials (one per follower) is drawn from a normal with the
    binomial variance of the mean probability, m (1 - m / n): it bounds the exact
    sum_k n_k p_k (1 - p_k) from above and needs no per-tier pass.
    """
    if followers <= 0.0:
        return np.zeros_like(mean)
    spread = mean * np.float32(-1.0 / followers)
    spread += np.float32(1.0)
    spread *= mean
    scratch = np.empty_like(spread)
    _bound(spread, 0.0, None, scratch)
    np.sqrt(spread, out=spread)
    spread *= normal
    spread += mean
    _bound(spread, 0.0, followers, scratch)
    return spread


def _bound(values: SampleArray, low: float, high: float | None, scratch: SampleArray) -> None:
    """Clip ``values`` in place to ``[low, high]`` (``scratch`` is overwritten): against
    filled arrays, as numpy's maximum and minimum with a scalar are several times slower."""
    scratch.fill(low)
    np.maximum(values, scratch, out=values)
    if high is not None:
        scratch.fill(high)
        np.minimum(values, scratch, out=values)


def _take(signals: ranking.DraftSignals, rows: IntArray) -> ranking.DraftSignals:
    return ranking.DraftSignals(
        interactions=signals.interactions[rows],
        dwell=signals.dwell[rows],
        negative=signals.negative[rows],
        location=signals.location[rows],
    )


def _reel_unique(
    on_feed: SampleArray,
    reels_followers: SampleArray,
    on_explore: SampleArray,
    reels_others: SampleArray,
    model: AccountModel,
    params: ModelParams,
) -> SampleArray:
    """Unique accounts a reel reaches: followers on Feed or in the Reels tab, non-followers
    on Explore or in Reels (each side a union within its own population)."""
    followers = float(model.tiers.sum())
    pool = model.pool * params.reels.pool_multiplier
    unique = _union([on_feed, reels_followers], followers)
    unique += _union([on_explore, reels_others], pool)
    return unique


def _union(parts: Sequence[SampleArray], size: float) -> SampleArray:
    """Unique accounts reached by several surfaces, assuming independence within ``size``:
    ``size * (1 - prod(1 - part / size))``, built up as ``u + p (1 - u / size)`` (exact in
    float32 also for tiny parts, and no logarithms)."""
    if size <= 0.0:
        return np.zeros_like(parts[0])
    result = parts[0].copy()
    for part in parts[1:]:
        left = result * np.float32(-1.0 / size)
        left += np.float32(1.0)
        left *= part
        result += left
    return result


@dataclass(frozen=True)
class _Redraw:
    """A chunk's reach drawn again with every random draw kept but the appeal's: the paths
    (the first samples) of :mod:`igalgo.engine.conditioning`. Each method takes chunk ``rows`` and
    returns a function from appeal normals ``z`` (rows, paths) to log reach (rows, paths)."""

    shared: _Shared
    out: _ChunkSamples

    def explore(self, rows: IntArray, paths: int) -> conditioning.Evaluate:
        draws, explore = self._draws(rows, paths), self._staged(Surface.EXPLORE, rows)

        def evaluate(z: conditioning.Array) -> SampleArray:
            appeal, popularity = draws(z)
            return _log(explore.reach(popularity, appeal, self.shared))

        return evaluate

    def reels(self, rows: IntArray, paths: int) -> conditioning.Evaluate:
        draws, reels = self._draws(rows, paths), self._staged(Surface.REELS, rows)
        followers = self.out.followers[Surface.REELS][rows, :paths]

        def evaluate(z: conditioning.Array) -> SampleArray:
            appeal, popularity = draws(z)
            reached = reels.reach(popularity, appeal, self.shared)
            reached += followers
            return _log(reached)

        return evaluate

    def total(self, rows: IntArray, paths: int) -> conditioning.Evaluate:
        """Unique reach of reels (see :func:`_sample_chunk`)."""
        draws, later = self._draws(rows, paths), self._feed(rows, paths)
        explore = self._staged(Surface.EXPLORE, rows)
        reels = self._staged(Surface.REELS, rows)
        reels_followers = self.out.followers[Surface.REELS][rows, :paths]
        normal = self.shared.normals[FOLLOWER_COUNT]

        def evaluate(z: conditioning.Array) -> SampleArray:
            appeal, popularity = draws(z)
            on_feed, _ = later.followers(popularity, self.shared, normal, None)
            unique = _reel_unique(
                on_feed,
                reels_followers,
                explore.reach(popularity, appeal, self.shared),
                reels.reach(popularity, appeal, self.shared),
                self.shared.model,
                self.shared.params,
            )
            return _log(unique)

        return evaluate

    def _draws(
        self, rows: IntArray, paths: int
    ) -> Callable[[conditioning.Array], tuple[SampleArray, SampleArray]]:
        """A function from appeal normals to the appeal multipliers and the early
        popularity they draw."""
        later, params = self._feed(rows, paths), self.shared.params
        normal = self.shared.normals[EARLY]

        def draws(z: conditioning.Array) -> tuple[SampleArray, SampleArray]:
            appeal = _lognormal(z.astype(SAMPLE_DTYPE), params.uncertainty.appeal_log_sd)
            return appeal, later.popularity(appeal, normal, params.feed)

        return draws

    def _feed(self, rows: IntArray, paths: int) -> _FeedLater:
        index = self.out.feed_index[rows]
        if self.out.feed_later is None or (index < 0).any():
            raise ValueError("conditioned medians need drafts that are on Feed")
        later = self.out.feed_later[index]
        return replace(later, predicted=later.predicted[:, :paths])

    def _staged(self, surface: Surface, rows: IntArray) -> _Staged:
        staged = self.out.staged[surface]
        return staged[np.searchsorted(staged.rows, rows)]


def _log(values: SampleArray) -> SampleArray:
    """Natural log of at least one hundredth of an account (never -inf)."""
    result: SampleArray = np.maximum(values, np.float32(0.01))
    return np.log(result, out=result)


@dataclass(frozen=True)
class _Summary:
    """The numbers reported for a chunk's drafts, as arrays (no Python objects per draft)."""

    tables: dict[Surface, FloatArray]
    """Per surface (drafts, 6): P10, P50, P90, mean, median followers, median non-followers;
    rows of drafts the surface cannot show are unused."""
    totals: FloatArray
    """Total unique reach (drafts, 4): P10, P50, P90, mean."""
    actions: FloatArray
    """Expected actions (drafts, 6): likes, comments, saves, shares, profile visits, follows."""
    eligible: dict[Surface, NDArray[np.bool_]]
    """Whether each draft's format can reach each surface."""

    def estimates(self, drafts: Sequence[Draft]) -> list[DraftEstimate]:
        """One :class:`DraftEstimate` per draft of the chunk."""
        tables = {surface: table.tolist() for surface, table in self.tables.items()}
        eligible = {surface: self.eligible[surface].tolist() for surface in SURFACES}
        totals, actions = self.totals.tolist(), self.actions.tolist()
        results = []
        for row, draft in enumerate(drafts):
            surfaces = {}
            for surface in SURFACES:
                if eligible[surface][row]:
                    p10, p50, p90, mean, followers_p50, others_p50 = tables[surface][row]
                    surfaces[surface] = SurfaceEstimate(
                        surface, True, Quantiles(p10, p50, p90, mean), followers_p50, others_p50
                    )
                else:
                    surfaces[surface] = _UNREACHABLE[surface]
            results.append(
                DraftEstimate(
                    draft=draft,
                    surfaces=surfaces,
                    total=Quantiles(*totals[row]),
                    actions=Actions(*actions[row]),
                )
            )
        return results


def _summarise(
    batch: _Batch,
    sampled: ReachSamples,
    model: AccountModel,
    params: ModelParams,
    settings: EngineSettings,
) -> _Summary:
    """Summaries of a chunk's samples: quantiles, follower split and expected actions."""
    count = batch.rows.size
    tables: dict[Surface, FloatArray] = {}
    for surface in SURFACES:
        rows = np.flatnonzero(sampled.eligible[surface])
        if not rows.size:
            continue
        table = np.zeros((count, 6))
        # Indexing with ``rows`` makes copies, which may be sorted in place.
        if surface in _FOLLOWERS_ONLY:
            followers = sampled.followers[surface][rows]
            table[rows, :4] = _quantile_table(followers, in_place=True)
            table[rows, 4] = table[rows, 1]
        elif surface is Surface.EXPLORE:
            non_followers = sampled.non_followers[surface][rows]
            table[rows, :4] = _quantile_table(non_followers, in_place=True)
            table[rows, 5] = table[rows, 1]
        else:  # a surface that reaches both sides needs both medians
            followers = sampled.followers[surface][rows]
            non_followers = sampled.non_followers[surface][rows]
            table[rows, :4] = _quantile_table(followers + non_followers, in_place=True)
            table[rows, 4] = _medians(followers)
            table[rows, 5] = _medians(non_followers)
        tables[surface] = table
    actions = params.actions
    reference = actions.reference_interactions_per_viewer
    per_action = batch.interactions * np.asarray(actions.interaction_mix)[None, :]
    counts = np.empty((count, 6))
    counts[:, :4] = (
        (sampled.follower_units + sampled.non_follower_units)[:, None] * reference * per_action
    )
    relative_nf = model.non_follower_level / actions.non_follower_interaction_ratio
    weighted_n = np.zeros(count)
    for surface in (Surface.EXPLORE, Surface.REELS):  # the surfaces that reach non-followers
        weighted_n += _sample_mean(sampled.non_followers[surface], sampled.appeal)
    visits_n = weighted_n * actions.non_follower_profile_visit_rate * relative_nf
    counts[:, 4] = sampled.follower_units * actions.reference_profile_visit_rate + visits_n
    counts[:, 5] = visits_n * actions.follows_per_profile_visit
    totals = _quantile_table(sampled.unique.copy(), in_place=True)
    if sampled.redraw is not None and settings.conditioned_evaluations > 0:
        _condition_medians(sampled, sampled.redraw, tables, totals, settings)
    return _Summary(tables, totals, counts, sampled.eligible)


def _condition_medians(
    sampled: ReachSamples,
    redraw: _Redraw,
    tables: dict[Surface, FloatArray],
    totals: FloatArray,
    sim: EngineSettings,
) -> None:
    """Replace the plain sample medians of Explore, Reels and total reach by medians
    conditioned on the appeal (:mod:`igalgo.engine.conditioning`), in place."""
    samples = sampled.unique.shape[1]
    paths = min(max(1, round(samples * sim.conditioned_share)), samples)
    own_z = redraw.shared.normals[APPEAL, :paths].astype(np.float64)
    on_explore = sampled.eligible[Surface.EXPLORE]
    on_reels = sampled.eligible[Surface.REELS]
    jobs: list[tuple[FloatArray, IntArray, SampleArray, Callable[..., conditioning.Evaluate]]]
    jobs = []
    if Surface.EXPLORE in tables:
        own = sampled.non_followers[Surface.EXPLORE]
        jobs.append((tables[Surface.EXPLORE], np.flatnonzero(on_explore), own, redraw.explore))
    if Surface.REELS in tables:
        rows = np.flatnonzero(on_reels)
        jobs.append((tables[Surface.REELS], rows, sampled.reach(Surface.REELS), redraw.reels))
        # The total of other formats is mostly followers on Feed: its plain median is
        # reproducible enough (tests/test_statistics.py).
        jobs.append((totals, rows, sampled.unique, redraw.total))
    for table, rows, own, evaluator in jobs:
        if not rows.size:
            continue
        quantiles = table[rows, :3]
        p10, p50, p90 = (np.maximum(quantiles[:, k], 0.01) for k in range(3))
        spread = (np.log(p90) - np.log(p10)) / (2.0 * _Z90)
        level = conditioning.conditioned_median(
            evaluator(rows, paths),
            own_z,
            _log(own[rows, :paths]),
            np.log(p50),
            spread,
            sim.conditioned_evaluations,
        )
        median = np.clip(np.exp(level), quantiles[:, 0], quantiles[:, 2])
        table[rows, 1] = np.where(quantiles[:, 1] > 0.0, median, 0.0)
    if Surface.EXPLORE in tables:
        explore = tables[Surface.EXPLORE]
        explore[:, 5] = explore[:, 1]


_Z90 = 1.2815515655446004
"""The standard normal's 90th percentile."""
