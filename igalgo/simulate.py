"""Monte Carlo of a draft's reach: the only module of igalgo that uses randomness.

For every draft the simulation samples, ``samples`` times over:

* the draft's unknown appeal (how much better or worse viewers react than the prediction),
* how many followers are online that day,
* the early-engagement window: interactions actually drawn among the first hour's viewers,
  which set the post's popularity for the rest of its feed life and for Explore and Reels,
* the staged distribution on Explore and Reels: each stage's interactions are drawn, and that
  draw decides what share of the next, larger stage the post gets,
* the binomial noise of who exactly is reached.

All random numbers come from one ``np.random.default_rng(seed)`` as a fixed block of standard
normals of shape (dimension, sample), from a randomly shifted Sobol sequence (quasi-Monte
Carlo, see :func:`random_normals`). Every draft
uses the same block: with the same seed, a counterfactual (one field of a draft changed)
sees exactly the same draws, so it differs only by the change (common random numbers). Counts
are drawn from a normal variate by the Wilson-Hilferty transform (one variate per count,
whatever its mean), which keeps that property; numpy's own binomial sampler would consume a
varying number of random numbers.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from statistics import NormalDist

import numpy as np
from numpy.typing import NDArray

from igalgo import audience
from igalgo.audience import AudienceParams, FloatArray, IntArray
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
from igalgo.surfaces import explore, feed, ranking, reels
from igalgo.surfaces.explore import ExploreParams, StagedParams
from igalgo.surfaces.feed import FeedParams, StoriesParams
from igalgo.surfaces.ranking import ActionParams, DiversityParams
from igalgo.surfaces.reels import ReelsParams

SAMPLE_DTYPE = np.float32
"""Floating type of every (drafts, samples) array."""

SampleArray = NDArray[np.float32]

SURFACES: tuple[Surface, ...] = tuple(Surface)


@dataclass(frozen=True)
class SimulationParams:
    """Monte Carlo settings and the spread of what the model cannot know."""

    appeal_log_sd: float = 0.5
    """Standard deviation of the log of a draft's unknown appeal (how viewers react relative
    to the prediction from the account's history and the draft's signals). Assumption: the
    model does not see the media itself."""

    day_activity_log_sd: float = 0.1
    """Standard deviation of the log of the day's follower activity relative to the
    profile's curve. Assumption."""

    chunk_elements: int = 1 << 18
    """Drafts x samples simulated at once; bounds memory (numerical, not a model
    assumption)."""


@dataclass(frozen=True)
class ModelParams:
    """Every parameter of the model, grouped per part. The defaults are the calibrated ones."""

    audience: AudienceParams = field(default_factory=AudienceParams)
    actions: ActionParams = field(default_factory=ActionParams)
    diversity: DiversityParams = field(default_factory=DiversityParams)
    feed: FeedParams = field(default_factory=FeedParams)
    stories: StoriesParams = field(default_factory=StoriesParams)
    explore: ExploreParams = field(default_factory=ExploreParams)
    reels: ReelsParams = field(default_factory=ReelsParams)
    simulation: SimulationParams = field(default_factory=SimulationParams)


# Rows of the block of standard normals; each random quantity has its own row. The quantities
# that matter most come first: the first Sobol dimensions are the most uniform.
APPEAL = 0
EARLY = 1
MAX_STAGES = 6
EXPLORE_STAGE = 2
REELS_STAGE = EXPLORE_STAGE + MAX_STAGES
DAY = REELS_STAGE + MAX_STAGES
FOLLOWER_COUNT = DAY + 1
REELS_FOLLOWERS = DAY + 2
DIMENSIONS = DAY + 3

_SOBOL_BITS = 30
_SOBOL_POLYNOMIALS = (1, 3, 7, 11, 13, 19, 25, 37, 41, 47, 55, 59, 61, 67, 91, 97, 103)
_SOBOL_INITIAL: tuple[tuple[int, ...], ...] = (
    (1,),
    (1,),
    (1, 3),
    (1, 3, 1),
    (1, 1, 1),
    (1, 1, 3, 3),
    (1, 3, 5, 13),
    (1, 1, 5, 5, 17),
    (1, 1, 5, 5, 5),
    (1, 1, 7, 11, 19),
    (1, 1, 5, 1, 1),
    (1, 1, 1, 3, 11),
    (1, 3, 5, 5, 31),
    (1, 3, 3, 9, 7, 49),
    (1, 1, 1, 15, 21, 21),
    (1, 3, 1, 13, 27, 49),
    (1, 1, 1, 15, 7, 5),
)
"""Primitive polynomials and initial direction numbers of the first 17 Sobol dimensions:
Joe & Kuo (2008), new-joe-kuo-6.21201 (the table SciPy's ``qmc.Sobol`` uses)."""


def _direction_numbers(polynomial: int, initial: tuple[int, ...]) -> list[int]:
    """Sobol direction numbers of one dimension, scaled to ``_SOBOL_BITS`` bits."""
    if polynomial == 1:
        numbers = [1] * _SOBOL_BITS
    else:
        degree = polynomial.bit_length() - 1
        numbers = list(initial[:degree])
        for k in range(degree, _SOBOL_BITS):
            value = numbers[k - degree] ^ (numbers[k - degree] << degree)
            for i in range(1, degree):
                if (polynomial >> (degree - i)) & 1:
                    value ^= numbers[k - i] << i
            numbers.append(value)
    return [numbers[k] << (_SOBOL_BITS - 1 - k) for k in range(_SOBOL_BITS)]


def sobol_points(samples: int, dimensions: int) -> NDArray[np.int64]:
    """The first ``samples`` points of the (unscrambled) Sobol sequence as integers in
    [0, 2**30): shape (dimensions, samples)."""
    if dimensions > len(_SOBOL_POLYNOMIALS):
        raise ValueError(f"at most {len(_SOBOL_POLYNOMIALS)} Sobol dimensions")
    directions = np.array(
        [
            _direction_numbers(poly, init)
            for poly, init in zip(_SOBOL_POLYNOMIALS[:dimensions], _SOBOL_INITIAL, strict=False)
        ],
        dtype=np.int64,
    )
    index = np.arange(samples, dtype=np.int64)
    points = np.zeros((dimensions, samples), dtype=np.int64)
    for bit in range(_SOBOL_BITS):
        digit = (index >> bit) & 1
        if not digit.any():
            break
        points ^= digit[None, :] * directions[:, bit : bit + 1]
    return points


def random_normals(seed: int, samples: int, dimensions: int = DIMENSIONS) -> SampleArray:
    """A (dimensions, samples) block of standard normals from a randomised Sobol sequence.

    Quasi-Monte Carlo: the Sobol points fill the unit cube far more evenly than independent
    draws, which makes percentiles of reach much more stable for the same number of samples.
    A random digital shift per dimension (XOR with a random 30-bit integer drawn from
    ``np.random.default_rng(seed)``) makes every point uniformly distributed, so estimates stay
    unbiased and different seeds give different, equally valid blocks.
    """
    rng = np.random.default_rng(seed)
    shifts = rng.integers(0, 1 << _SOBOL_BITS, size=(dimensions, 1), dtype=np.int64)
    points = sobol_points(samples, dimensions) ^ shifts
    uniform = (points + rng.random((dimensions, samples))) / float(1 << _SOBOL_BITS)
    inverse = np.vectorize(NormalDist().inv_cdf, otypes=[np.float64])
    result: SampleArray = inverse(np.clip(uniform, 1e-12, 1.0 - 1e-12)).astype(SAMPLE_DTYPE)
    return result


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
    safe = np.maximum(expected, 1e-12)
    root = np.sqrt(safe)
    np.multiply(root, 3.0, out=root)
    np.reciprocal(root, out=root)
    base = normal * root
    base += 1.0
    np.multiply(root, root, out=root)
    base -= root
    gamma = base * base
    gamma *= base
    gamma -= 1.0
    gamma *= shrink
    gamma += 1.0
    gamma *= safe  # safe * (1 + (cube - 1) * shrink) = safe + (gamma - safe) * shrink
    result: SampleArray = np.maximum(gamma, 0.0, out=gamma)
    return result


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
    audience_now = np.minimum(entry, pool)
    total = audience_now.copy()
    sharpness = params.promotion_sharpness
    bar = max(threshold, 1e-12)
    shrink = np.sqrt(np.clip(1.0 - rate, 0.0, 1.0))
    for stage in range(min(params.stages, MAX_STAGES)):
        counts = _count(audience_now * rate, normals[stage], shrink)
        ratio = counts / (np.maximum(audience_now, 1e-9) * bar)
        strength = ratio * ratio * ratio if sharpness == 3.0 else ratio**sharpness
        promoted = strength / (strength + 1.0)
        audience_now = np.minimum(audience_now * (params.stage_growth * promoted), pool - total)
        total += audience_now
    return total


def quantiles(values: SampleArray) -> list[Quantiles]:
    """P10, P50, P90 (linear interpolation, as ``np.percentile``) and mean of each row."""
    ordered = np.sort(values, axis=1)
    p10, p50, p90 = (_percentile(ordered, q).tolist() for q in (10.0, 50.0, 90.0))
    means = values.mean(axis=1, dtype=np.float64).tolist()
    return [Quantiles(*row) for row in zip(p10, p50, p90, means, strict=True)]


def _percentile(ordered: SampleArray, q: float) -> FloatArray:
    """The q-th percentile of each row of an already sorted array."""
    position = q / 100.0 * (ordered.shape[1] - 1)
    lower = math.floor(position)
    upper = min(lower + 1, ordered.shape[1] - 1)
    weight = position - lower
    low = ordered[:, lower].astype(np.float64)
    result: FloatArray = low + (ordered[:, upper].astype(np.float64) - low) * weight
    return result


def _medians(values: SampleArray) -> FloatArray:
    """Median of each row."""
    return _percentile(np.sort(values, axis=1), 50.0)


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


CALIBRATION_SAMPLES = 256
"""Samples of the typical-post simulation that converts an engagement rate into per-viewer
interaction levels (numerical, not a model assumption)."""

CALIBRATION_SEED = 0
"""Fixed seed of that simulation, so the conversion does not depend on the caller's seed."""

_TYPICAL_TIME = datetime(2026, 1, 7, 12, 0, tzinfo=UTC)


def account_model(account: Account, params: ModelParams) -> AccountModel:
    """The account's tiers, interaction levels, activity and market.

    An engagement rate is interactions (from followers and non-followers) per follower per
    feed post. The model splits it into reach x interactions per viewer with its own
    machinery: it finds the interaction level L (per-viewer interactions relative to the
    reference viewer; tier k gets L * propensity_k / mean propensity, non-followers
    :func:`~igalgo.surfaces.ranking.non_follower_level`) at which a typical post, simulated
    by this same model, collects ``engagement_rate`` interactions per follower. More
    interaction means more value and more reach, so that number grows with L and a bisection
    finds it. The typical post is a standard photo at flat activity, by a creator account in
    a medium, average market, so that account type, market and timing keep their own effect.
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

    low, high = math.log(1e-4), math.log(cap)
    if per_follower(cap) <= engagement_rate:
        return cap
    for _ in range(22):
        middle = (low + high) / 2.0
        if per_follower(math.exp(middle)) < engagement_rate:
            low = middle
        else:
            high = middle
    return math.exp((low + high) / 2.0)


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

    def reach(self, surface: Surface) -> SampleArray:
        """Accounts reached on ``surface`` (followers + non-followers)."""
        return self.followers[surface] + self.non_followers[surface]


def simulate_drafts(
    account: Account,
    drafts: Sequence[Draft],
    *,
    samples: int,
    seed: int,
    compete: bool,
    params: ModelParams,
) -> list[DraftEstimate]:
    """Estimate every draft's reach per surface, total unique reach and expected actions.

    Drafts are simulated in chunks of ``params.simulation.chunk_elements // samples`` so that
    memory stays bounded whatever the number of drafts.
    """
    results: list[DraftEstimate] = []
    for batch, sampled, model in _sample_chunks(account, drafts, samples, seed, compete, params):
        results.extend(_estimates(batch, sampled, model, params))
    return results


def sample_reach(
    account: Account,
    drafts: Sequence[Draft],
    *,
    samples: int,
    seed: int,
    compete: bool,
    params: ModelParams,
) -> ReachSamples:
    """The raw samples behind :func:`simulate_drafts`, for all drafts at once (for analysis
    and tests; memory grows with drafts x samples)."""
    if not drafts:
        raise ValueError("sample_reach needs at least one draft")
    whole = replace(params, simulation=replace(params.simulation, chunk_elements=1 << 62))
    ((_, sampled, _),) = list(_sample_chunks(account, drafts, samples, seed, compete, whole))
    return sampled


def _sample_chunks(
    account: Account,
    drafts: Sequence[Draft],
    samples: int,
    seed: int,
    compete: bool,
    params: ModelParams,
) -> Iterator[tuple[_Batch, ReachSamples, AccountModel]]:
    if not drafts:
        return
    model = account_model(account, params)
    normals = random_normals(seed, samples)
    starts = np.array([d.publish_at.timestamp() / 3600.0 for d in drafts])
    hour_of_week = audience.hours_of_week([d.publish_at for d in drafts], account.timezone)
    signals = ranking.draft_signals(drafts, params.actions)
    context = _DraftContext.build(drafts, starts, model, signals, compete, params)
    chunk = max(1, params.simulation.chunk_elements // samples)
    for begin in range(0, len(drafts), chunk):
        rows = np.arange(begin, min(begin + chunk, len(drafts)))
        batch = _Batch(
            list(drafts[begin : begin + chunk]),
            rows,
            hour_of_week[rows],
            signals.interactions[rows],
        )
        yield batch, _sample_chunk(batch, model, context, normals, params), model


@dataclass(frozen=True)
class _Batch:
    """A chunk of drafts: the drafts, their rows in the whole list, their local hour of week."""

    drafts: list[Draft]
    rows: IntArray
    hour_of_week: IntArray
    interactions: FloatArray
    """Per-action content multipliers of the chunk's drafts (drafts, 4)."""


@dataclass(frozen=True)
class _DraftContext:
    """Per-draft quantities that depend on the whole schedule (author diversity, frames)."""

    signals: ranking.DraftSignals
    feed_log_value: FloatArray
    feed_diversity: FloatArray
    recommend_diversity: FloatArray
    story_frames: FloatArray
    explore_value: FloatArray
    reels_value: FloatArray

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
        in_feed = np.array([Surface.FEED in FORMAT_SURFACES[f] for f in formats])
        is_story = np.array([f is Format.STORY for f in formats])
        recommendable = np.array([Surface.EXPLORE in FORMAT_SURFACES[f] for f in formats])
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
            window = params.explore.diversity_window_hours
            rec_div = ranking.diversity_multipliers(
                starts,
                explore_value,
                recommendable,
                window,
                window,
                params.feed.recency_half_life_hours,
                params.diversity,
            ).mean(axis=1)
            frames = feed.story_frames(starts, is_story, params.stories.window_hours)
        else:
            feed_div = np.ones((count, hours))
            rec_div = np.ones(count)
            frames = np.zeros(count, dtype=np.int64)
        retention = np.array([feed.frame_retention(int(f), params.stories) for f in frames])
        return _DraftContext(
            signals=signals,
            feed_log_value=log_value,
            feed_diversity=feed_div,
            recommend_diversity=rec_div,
            story_frames=retention,
            explore_value=explore_value,
            reels_value=reels_value,
        )


def _interpolate(
    grid_values: SampleArray, grid: FloatArray, log_multiplier: SampleArray
) -> SampleArray:
    """Linear interpolation of (drafts, tiers, grid) tables at (drafts, samples) points.

    The grid is evenly spaced, so a point's cell is found by arithmetic, and values are read
    with flat ``take`` (far cheaper than fancy indexing over three axes).
    """
    drafts, tiers, nodes = grid_values.shape
    step = float(grid[1] - grid[0])
    position = (log_multiplier - np.float32(grid[0])) * np.float32(1.0 / step)
    np.clip(position, 0.0, nodes - 1.0, out=position)
    lower = np.minimum(position.astype(np.int32), nodes - 2)
    frac = position - lower
    flat = grid_values.reshape(-1)
    base = lower + (np.arange(drafts, dtype=np.int32) * (tiers * nodes))[:, None]
    result = np.empty((drafts, tiers, log_multiplier.shape[1]), dtype=SAMPLE_DTYPE)
    for tier in range(tiers):
        low = flat.take(base + tier * nodes)
        high = flat.take(base + (tier * nodes + 1))
        high -= low
        high *= frac
        high += low
        result[:, tier, :] = high
    return result


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
    drafts, rows, hour_of_week = batch.drafts, batch.rows, batch.hour_of_week
    count = len(drafts)
    samples = normals.shape[1]
    sim = params.simulation
    appeal = _lognormal(normals[APPEAL], sim.appeal_log_sd)
    day = _lognormal(normals[DAY], sim.day_activity_log_sd)
    signals = context.signals
    mix = np.asarray(params.actions.interaction_mix)
    content = (batch.interactions * mix[None, :]).sum(axis=1)  # (drafts,)
    reference_rate = params.actions.reference_interactions_per_viewer
    max_rate = params.actions.max_interactions_per_viewer
    tiers = model.tiers
    followers = float(tiers.sum())
    formats = [d.format for d in drafts]
    eligible = {s: np.array([s in FORMAT_SURFACES[f] for f in formats]) for s in SURFACES}
    reached_f = {s: np.zeros((count, samples), dtype=SAMPLE_DTYPE) for s in SURFACES}
    reached_n = {s: np.zeros((count, samples), dtype=SAMPLE_DTYPE) for s in SURFACES}
    popularity = np.ones((count, samples), dtype=SAMPLE_DTYPE)
    sessions = np.asarray(params.audience.sessions_per_day)
    units_f = np.zeros(count)
    units_n = np.zeros(count)
    level_weights = _f32(tiers * model.levels)

    # --- Feed: followers online while the post is fresh, early engagement, competition ----
    feed_rows = np.flatnonzero(eligible[Surface.FEED])
    if feed_rows.size:
        chunk_rows = rows[feed_rows]
        activity = audience.activity_after(
            model.week, hour_of_week[feed_rows], params.feed.window_hours
        )
        plan = feed.feed_exposure(
            activity,
            context.feed_log_value[chunk_rows],
            context.feed_diversity[chunk_rows],
            sessions,
            model.competition,
            params.feed,
        )
        tier_rate = np.minimum(
            reference_rate * model.levels[None, :] * content[feed_rows, None], max_rate
        )
        early = _f32(plan.early)[:, :, None] * day
        early_reach = -np.expm1(-early)  # (d, K, S)
        weights = _f32(tiers[None, :] * tier_rate)
        predicted = np.einsum("dks,dk->ds", early_reach, weights)
        drawn = sample_count(
            predicted * appeal, normals[EARLY], _f32(tier_rate.mean(axis=1))[:, None]
        )
        prior = np.float32(params.feed.popularity_prior_interactions)
        ratio = (drawn + prior) / (predicted + prior)
        popularity[feed_rows] = ratio
        grid = np.asarray(params.feed.popularity_grid)
        log_multiplier = np.float32(params.feed.popularity_weight) * np.log(ratio)
        later = _interpolate(_f32(plan.later_grid), grid, log_multiplier)
        later *= day
        later += early
        reach_p = -np.expm1(-later)
        feed_f = _binomial_total(reach_p, tiers, normals[FOLLOWER_COUNT], followers)
        share_rate = _f32((tier_rate * mix[3]).mean(axis=1) * params.feed.share_recipients)
        reached_f[Surface.FEED][feed_rows] = feed_f
        feed_n = feed_f * share_rate[:, None] * appeal
        reached_n[Surface.FEED][feed_rows] = feed_n
        units_f[feed_rows] += _units(reach_p, level_weights, appeal)
        units_n[feed_rows] += (feed_n * appeal).mean(axis=1) * model.non_follower_level

    # --- Stories: the tray within 24 h, ordered by tie strength, frame exits -------------
    story_rows = np.flatnonzero(eligible[Surface.STORIES])
    if story_rows.size:
        chunk_rows = rows[story_rows]
        activity = audience.activity_after(
            model.week, hour_of_week[story_rows], params.stories.window_hours
        )
        log_value = feed.stories_log_value(
            model.levels, _take(signals, chunk_rows), model.priority, params.stories, params.actions
        )
        exposure = feed.stories_exposure(
            activity, log_value, sessions, model.competition, params.stories
        )
        retention = _f32(context.story_frames[chunk_rows])[:, None, None]
        reach_p = -np.expm1(-_f32(exposure)[:, :, None] * day) * retention
        reached_f[Surface.STORIES][story_rows] = _binomial_total(
            reach_p, tiers, normals[FOLLOWER_COUNT], followers
        )
        units_f[story_rows] += _units(reach_p, level_weights, appeal)

    nf_rate = reference_rate * model.non_follower_level
    threshold_base = reference_rate * params.actions.non_follower_interaction_ratio

    # --- Explore: test audience from early popularity, then staged distribution ----------
    explore_rows = np.flatnonzero(eligible[Surface.EXPLORE])
    if explore_rows.size:
        chunk_rows = rows[explore_rows]
        ep = params.explore
        retrieval = explore.retrieval_factors([drafts[i] for i in explore_rows], ep)
        entry = (ep.test_audience_minimum + ep.test_audience_per_follower * followers) * (
            model.demand
            * context.explore_value[chunk_rows] ** ep.value_weight
            * retrieval
            * context.recommend_diversity[chunk_rows]
        )
        entry_samples = _f32(entry)[:, None] * _power(
            popularity[explore_rows], ep.popularity_weight
        )
        rate = np.minimum(_f32(nf_rate * content[explore_rows])[:, None] * appeal, max_rate)
        explore_n = staged_reach(
            entry_samples,
            rate,
            ep.promotion_threshold * threshold_base * model.competition,
            model.pool,
            ep.staged(),
            normals[EXPLORE_STAGE:],
        )
        reached_n[Surface.EXPLORE][explore_rows] = explore_n
        units_n[explore_rows] += (explore_n * appeal).mean(axis=1) * model.non_follower_level

    # --- Reels: followers in the Reels tab, non-followers through staged distribution ----
    reels_rows = np.flatnonzero(eligible[Surface.REELS])
    if reels_rows.size:
        chunk_rows = rows[reels_rows]
        rp = params.reels
        reel_drafts = [drafts[i] for i in reels_rows]
        value = context.reels_value[chunk_rows]
        exposure = np.asarray(rp.follower_exposure)[None, :] * np.sqrt(value)[:, None]
        reach_p = -np.expm1(-_f32(exposure)[:, :, None] * day)
        reached_f[Surface.REELS][reels_rows] = _binomial_total(
            reach_p, tiers, normals[REELS_FOLLOWERS], followers
        )
        units_f[reels_rows] += _units(reach_p, level_weights, appeal)
        retrieval = reels.retrieval_factors(reel_drafts, rp)
        watch = reels.watch_factor(reels.durations(reel_drafts, rp), rp)
        entry = (rp.test_audience_minimum + rp.test_audience_per_follower * followers) * (
            model.demand
            * value**rp.value_weight
            * retrieval
            * context.recommend_diversity[chunk_rows]
        )
        entry_samples = _f32(entry)[:, None] * _power(popularity[reels_rows], rp.popularity_weight)
        rate = np.minimum(_f32(nf_rate * content[reels_rows] * watch)[:, None] * appeal, max_rate)
        reels_n = staged_reach(
            entry_samples,
            rate,
            rp.promotion_threshold * threshold_base * model.competition,
            model.pool * rp.pool_multiplier,
            rp.staged(),
            normals[REELS_STAGE:],
        )
        reached_n[Surface.REELS][reels_rows] = reels_n
        units_n[reels_rows] += (reels_n * appeal).mean(axis=1) * model.non_follower_level * watch

    unique_f = _union([reached_f[s] for s in SURFACES], followers)
    unique_n = _union([reached_n[s] for s in SURFACES], model.pool * params.reels.pool_multiplier)
    return ReachSamples(
        followers=reached_f,
        non_followers=reached_n,
        unique=unique_f + unique_n,
        popularity=popularity,
        appeal=appeal,
        eligible=eligible,
        follower_units=units_f,
        non_follower_units=units_n,
    )


def _units(reach_p: SampleArray, level_weights: SampleArray, appeal: SampleArray) -> FloatArray:
    """Mean over samples of sum_k reach_p[:, k] * tier size * level * appeal, per draft."""
    expected = np.einsum("dks,k->ds", reach_p, level_weights)
    result: FloatArray = (expected * appeal).mean(axis=1, dtype=np.float64)
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
    result: SampleArray = values ** np.float32(exponent)
    return result


def _binomial_total(
    reach_p: SampleArray, tiers: FloatArray, normal: SampleArray, followers: float
) -> SampleArray:
    """Followers reached when tier k's members are each reached with probability reach_p[:, k].

    The sum of independent Bernoulli trials has mean sum_k n_k p_k and variance
    sum_k n_k p_k (1 - p_k); it is drawn from its normal approximation (one variate).
    """
    sizes = _f32(tiers)
    mean = np.einsum("dks,k->ds", reach_p, sizes)
    var = np.einsum("dks,k->ds", reach_p * (1.0 - reach_p), sizes)
    result: SampleArray = np.clip(mean + np.sqrt(var) * normal, 0.0, followers)
    return result


def _take(signals: ranking.DraftSignals, rows: np.ndarray) -> ranking.DraftSignals:
    return ranking.DraftSignals(
        interactions=signals.interactions[rows],
        dwell=signals.dwell[rows],
        negative=signals.negative[rows],
        location=signals.location[rows],
    )


def _union(parts: Sequence[SampleArray], size: float) -> SampleArray:
    """Unique accounts reached by several surfaces, assuming independence within ``size``."""
    if size <= 0.0:
        return np.zeros_like(parts[0])
    missed = np.ones_like(parts[0])
    for part in parts:
        missed *= 1.0 - np.minimum(part / np.float32(size), 1.0)
    result: SampleArray = np.float32(size) * (1.0 - missed)
    return result


def _estimates(
    batch: _Batch, sampled: ReachSamples, model: AccountModel, params: ModelParams
) -> list[DraftEstimate]:
    """Summaries of a chunk's samples: quantiles, follower split and expected actions."""
    drafts = batch.drafts
    count = len(drafts)
    per_surface: dict[Surface, list[Quantiles]] = {}
    median_f: dict[Surface, FloatArray] = {}
    median_n: dict[Surface, FloatArray] = {}
    for surface in SURFACES:
        rows = np.flatnonzero(sampled.eligible[surface])
        followers = sampled.followers[surface][rows]
        non_followers = sampled.non_followers[surface][rows]
        summary = quantiles(followers + non_followers)
        per_surface[surface] = [ZERO_QUANTILES] * count
        median_f[surface] = np.zeros(count)
        median_n[surface] = np.zeros(count)
        for position, row in enumerate(rows.tolist()):
            per_surface[surface][row] = summary[position]
        medians = np.array([q.p50 for q in summary])
        # A surface that reaches only one side needs no second median.
        if surface is Surface.STORIES:
            median_f[surface][rows] = medians
        elif surface is Surface.EXPLORE:
            median_n[surface][rows] = medians
        elif rows.size:
            median_f[surface][rows] = _medians(followers)
            median_n[surface][rows] = _medians(non_followers)
    totals = quantiles(sampled.unique)
    actions = params.actions
    reference = actions.reference_interactions_per_viewer
    per_action = batch.interactions * np.asarray(actions.interaction_mix)[None, :]
    interactions = (
        (sampled.follower_units + sampled.non_follower_units)[:, None] * reference * per_action
    )
    relative_nf = model.non_follower_level / actions.non_follower_interaction_ratio
    reached_n = np.zeros_like(sampled.unique)
    for surface in SURFACES:
        reached_n += sampled.non_followers[surface]
    weighted_n = (reached_n * sampled.appeal).mean(axis=1, dtype=np.float64)
    visits_f = sampled.follower_units * actions.reference_profile_visit_rate
    visits_n = weighted_n * actions.non_follower_profile_visit_rate * relative_nf
    follows = (visits_n * actions.follows_per_profile_visit).tolist()
    visits = (visits_f + visits_n).tolist()
    action_rows = interactions.tolist()
    follower_medians = {surface: median_f[surface].tolist() for surface in SURFACES}
    other_medians = {surface: median_n[surface].tolist() for surface in SURFACES}
    eligible = {surface: sampled.eligible[surface].tolist() for surface in SURFACES}
    results = []
    for row, draft in enumerate(drafts):
        surfaces = {}
        for surface in SURFACES:
            if eligible[surface][row]:
                surfaces[surface] = SurfaceEstimate(
                    surface,
                    True,
                    per_surface[surface][row],
                    follower_medians[surface][row],
                    other_medians[surface][row],
                )
            else:
                surfaces[surface] = SurfaceEstimate(surface, False, ZERO_QUANTILES, 0.0, 0.0)
        likes, comments, saves, shares = action_rows[row]
        results.append(
            DraftEstimate(
                draft=draft,
                surfaces=surfaces,
                total=totals[row],
                actions=Actions(likes, comments, saves, shares, visits[row], follows[row]),
            )
        )
    return results
