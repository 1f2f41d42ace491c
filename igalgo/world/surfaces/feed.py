"""Feed: followers who open the app while the post is fresh.

In each session the post competes with the viewer's other unseen posts: its value (a weighted
sum of predicted actions, negatives subtracted) sets its rank, recency decays that value hour
by hour, and the viewer looks at only the first few posts. The interactions actually drawn in
the early window set the post's popularity for the rest of its life, and for Explore and
Reels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Annotated

import numpy as np

from igalgo.domain import Surface
from igalgo.engine.arrays import SAMPLE_DTYPE, FloatArray, IntArray, SampleArray
from igalgo.engine.kernels import binomial_draw, clip_in_place, sample_count, single
from igalgo.parameters import Declared, assumed, at_least, non_negative, positive, published, stated
from igalgo.world import audience
from igalgo.world.actions import (
    ActionParams,
    DraftSignals,
    draft_signals_of_reference,
    negative_factor,
)
from igalgo.world.competition import seen_probability
from igalgo.world.draws import EARLY, FOLLOWER_COUNT, Chunk, Draws, ReachSamples
from igalgo.world.surfaces.surface import SurfaceContext

if TYPE_CHECKING:
    from igalgo.world.account import AccountModel
    from igalgo.world.params import ModelParams
    from igalgo.world.schedule import Schedule

LN2 = math.log(2.0)

LOG_EXPOSURE_CAP = 80.0
"""Largest log of a follower's exposure after the early window: e**80 views reach every
follower for sure, and a larger exponent would overflow float32 (numerical)."""

# What the surface declares (:class:`~igalgo.world.surfaces.surface.SurfaceModule`).
SURFACE = Surface.FEED
REACHES_FOLLOWERS = True
REACHES_NON_FOLLOWERS = False
"""Non-followers see feed posts as suggestions through Explore's retrieval, which the
Explore surface models."""
CONDITIONED = False


@dataclass(frozen=True)
class FeedParams(Declared):
    """The home feed's candidate window, value model and competition for attention."""

    window_hours: Annotated[
        int, at_least(1, "hours"), assumed("X's 24-48 h; Instagram publishes none")
    ] = 48
    """How long a post stays a feed candidate, hours. Source: X keeps in-network candidates
    24-48 h (sources.md X: numbers); Instagram publishes none."""

    early_window_hours: Annotated[int, at_least(1, "hours"), assumed()] = 1
    """The early-engagement window whose sampled interactions set the post's popularity for
    the rest of its life, hours. Assumption: the seed's "first seconds" and Mosseri's "how
    quickly people are liking" give no duration (sources.md §5e)."""

    early_velocity_floor: Annotated[float, non_negative("ratio"), assumed()] = 0.1
    """Early viewers who are not followers online at the hour (hashtag and profile visitors,
    late scrollers), relative to the followers online at an average hour (ratio): the floor of
    the early velocity that Explore and Reels read (see ``ExploreParams.timing_weight``), so
    that a post at an hour without followers online still starts. Assumption."""

    recency_half_life_hours: Annotated[
        float, positive("hours"), stated("§1a: recency is a feed signal; size from X's ranker")
    ] = 6.0
    """Hours after which a post's value relative to fresh inventory has halved. Source: X's
    Earlybird age-decay half-life of 360 min (sources.md X: numbers)."""

    inventory_per_session: Annotated[
        float, positive("posts"), published("§6: about 500 candidates")
    ] = 500.0
    """Unseen candidate posts a session ranks (posts). Source: the Feed system card's
    lightweight pass keeps about 500 posts (sources.md §6)."""

    newer_inventory_per_hour: Annotated[float, non_negative("fraction per hour"), assumed()] = 0.075
    """Posts published after the draft that join its competition, per hour of its age, as a
    fraction of ``inventory_per_session`` (per hour). Assumption, calibrated so that posting
    when followers are online matters (the post competes with newer posts, model.md)."""

    session_depth: Annotated[float, positive("posts"), published("calibrated to T2, T3")] = 255.0
    """Mean number of posts a follower looks at per session (posts; exponential).
    Assumption, calibrated to T2/T3; well under half the inventory, as Mosseri says most
    followers look at less than half of their feed (sources.md §6)."""

    value_shape: Annotated[float, positive("shape"), assumed()] = 1.0
    """Shape of the log-logistic distribution of competing posts' values: how sharply a
    better value turns into a better rank (dimensionless). Assumption."""

    popularity_weight: Annotated[
        float,
        non_negative("exponent"),
        stated("seed, §3a: popularity weighs less in Feed than in Explore"),
    ] = 0.3
    """Exponent of the early-popularity ratio (observed / predicted interactions) on the
    post's value after the early window. Assumption; smaller than Explore's, because the seed
    says popularity weighs more in Explore than in Feed."""

    popularity_prior_interactions: Annotated[float, positive("interactions"), assumed()] = 3.0
    """Pseudo-interactions that shrink the early-popularity ratio towards 1 when the early
    audience is small (interactions). Assumption."""
    weight_dwell: Annotated[
        float, non_negative("value per probability"), assumed("1 / reference rate")
    ] = 2.0
    """Value weight of "spends a few seconds on the post" (per probability). Assumption:
    near-equal-contribution rule, 1 / reference rate (sources.md X: weights recipe)."""

    weight_like: Annotated[
        float, non_negative("value per probability"), assumed("1 / reference rate")
    ] = 19.0
    """Value weight of a like. Assumption: 1 / a plain photo's like rate per reference viewer
    (0.06 x 0.879, ``ActionParams.base_mix``)."""

    weight_comment: Annotated[
        float, non_negative("value per probability"), assumed("1 / reference rate")
    ] = 575.0
    """Value weight of a comment. Assumption: 1 / the reference comment rate (0.06 x 0.029)."""

    weight_save: Annotated[
        float, non_negative("value per probability"), assumed("1 / reference rate")
    ] = 316.0
    """Value weight of a save. Assumption: 1 / the reference save rate (0.06 x 0.0527)."""

    weight_share: Annotated[
        float, non_negative("value per probability"), assumed("1 / reference rate")
    ] = 422.0
    """Value weight of a share. Assumption: 1 / the reference share rate (0.06 x 0.0395)."""

    weight_profile_visit: Annotated[
        float, non_negative("value per probability"), assumed("1 / reference rate")
    ] = 250.0
    """Value weight of a tap on the profile photo. Assumption: 1 / the reference rate 0.004."""

    negative_exponent: Annotated[
        float, non_negative("exponent"), assumed("§5c gives the form, not the size")
    ] = 100.0
    """Exponent of the chance of no negative feedback ("see fewer", hide) in the value:
    value = positive part x (1 - P(negative))**exponent, the log-linear form Instagram
    published for suggested posts (sources.md §5c), which never turns a value negative.
    Assumption for the size: to first order it subtracts 100 x the positive part per unit
    of P(negative), close to the near-equal-contribution rule at the reference rate."""

    appeal_weight: Annotated[float, non_negative("exponent"), published("calibrated to T19")] = 2.5
    """Exponent of the post's appeal (how much better or worse than predicted viewers take
    to it, ``UncertaintyParams.appeal_log_sd``) on its value after the early window: Instagram
    ranks the post by what it sees in it, which igalgo, not seeing the media, knows only as an
    uncertainty. Assumption, set so that a post's feed reach P90 / P10 is 2.5-6 (a real
    account's posts vary 4x in home-feed reach, sources.md T19)."""

    popularity_step: Annotated[float, positive("log multiplier"), assumed("numerical")] = 1.0
    """Exposure after the early window is evaluated at value multipliers exp(-step), 1 and
    exp(step); in between (and out to 3 steps) the log of exposure is the quadratic in the log
    multiplier through those three points (numerical, not a model assumption)."""

    def check_relations(self) -> None:
        """The early window is part of the candidate window."""
        if self.early_window_hours >= self.window_hours:
            raise ValueError(
                "FeedParams.early_window_hours must be shorter than window_hours (hours), "
                f"got {self.early_window_hours} and {self.window_hours}"
            )


@dataclass(frozen=True)
class ExposurePlan:
    """Feed exposure of a batch of drafts, before any randomness."""

    early: FloatArray
    """Expected sessions in which the post is seen during the early window: (drafts, tiers)."""
    later: FloatArray
    """Expected sessions seen after the early window at the predicted value: (drafts, tiers)."""
    later_slope: FloatArray
    """First derivative of log(later) with respect to the log of a value multiplier."""
    later_curve: FloatArray
    """Half the second derivative of log(later) in the log multiplier: together,
    later(m) = later * exp(slope * x + curve * x**2) with x = log(m)."""


def _positive_feed_value(
    tier_levels: FloatArray, signals: DraftSignals, params: FeedParams, actions: ActionParams
) -> FloatArray:
    """The positive part of each draft's feed value per tier, (drafts, tiers)."""
    weights = np.array(
        [params.weight_like, params.weight_comment, params.weight_save, params.weight_share]
    )
    per_viewer = (
        signals.follower_interactions() @ weights * actions.reference_interactions_per_viewer
    )
    value: FloatArray = (
        params.weight_dwell * actions.reference_dwell_rate * signals.dwell[:, None]
        + tier_levels[None, :] * per_viewer[:, None]
        + params.weight_profile_visit * actions.reference_profile_visit_rate * tier_levels[None, :]
    )
    return value


def feed_log_value(
    tier_levels: FloatArray,
    signals: DraftSignals,
    priority: float,
    params: FeedParams,
    actions: ActionParams,
) -> FloatArray:
    """Log of each draft's feed value for each follower tier, relative to a reference post.

    Value = (w_dwell P(dwell) + sum_a w_a P(a) + w_visit P(profile visit)) x
    (1 - P(see fewer))**exponent: the weighted sum Meta publishes, with negative feedback in
    the log-linear form of its suggested posts; P(a) scales with the tier's interaction level
    (relative to the reference viewer) and the draft's content signals. Shape (drafts, tiers).
    """
    reference_signals = draft_signals_of_reference(actions)
    reference = _positive_feed_value(np.ones(1), reference_signals, params, actions)[0, 0]
    reference *= negative_factor(np.ones(1), params.negative_exponent, actions)[0]
    value = _positive_feed_value(tier_levels, signals, params, actions)
    value *= negative_factor(signals.negative, params.negative_exponent, actions)[:, None]
    result: FloatArray = np.log(value / reference * priority * signals.location[:, None])
    return result


def feed_exposure(
    activity: FloatArray,
    log_value: FloatArray,
    diversity: FloatArray,
    attention: FloatArray,
    sessions_per_day: FloatArray,
    competition: float,
    params: FeedParams,
) -> ExposurePlan:
    """Expected sessions in which each tier's follower sees each draft in its feed.

    ``activity`` is relative online activity per hour after publication (drafts, hours),
    ``log_value`` the draft's log relative value per tier (drafts, tiers), ``diversity`` the
    author-diversity multiplier per hour (drafts, hours), ``attention`` the share of a
    follower's attention to the account left to the draft by the account's other posts
    (drafts,). A follower of tier k opens the app ``sessions_per_day[k] / 24 * activity`` times
    in an hour and gives the post ``attention`` of them; each shows the post with
    :func:`seen_probability` of its value decayed by age.
    """
    hours = params.window_hours
    early = params.early_window_hours
    # float32 throughout (ample for probabilities and sums of 48 hourly terms): the arrays
    # here are (drafts, tiers, hours, 3) and their memory traffic is the cost.
    single = np.float32
    rate = (activity[:, :hours] * attention[:, None]).astype(single)[:, None, :] * (
        np.asarray(sessions_per_day, dtype=single)[None, :, None] / single(24.0)
    )
    age = np.arange(hours) + 0.5
    log_v = (
        log_value[:, :, None]
        + np.log(diversity[:, None, :hours])
        - (age * (LN2 / params.recency_half_life_hours))[None, None, :]
    ).astype(single)
    growth = 1.0 + params.newer_inventory_per_hour * age
    inventory = (params.inventory_per_session * competition * growth).astype(single)
    seen_early = seen_probability(
        log_v[:, :, :early], inventory[:early], params.session_depth, params.value_shape
    )
    # Later hours at value multipliers exp(-step), 1, exp(step): exp(shape * (log v + g)) is
    # exp(shape * log v) * exp(shape * g), so one exponential serves the three.
    step = params.popularity_step
    multipliers = np.exp(params.value_shape * np.array([-step, 0.0, step])).astype(single)
    advantage = np.exp(single(params.value_shape) * log_v[:, :, early:])[..., None] * multipliers
    advantage += single(1.0)
    reach = (inventory[early:] / single(params.session_depth))[None, None, :, None]
    seen_later = np.divide(reach, advantage, out=advantage)
    np.negative(seen_later, out=seen_later)
    np.exp(seen_later, out=seen_later)
    sums = np.einsum("dkh,dkhg->dkg", rate[:, :, early:], seen_later).astype(np.float64)
    logs = np.log(np.maximum(sums, 1e-300))
    lower, middle, upper = logs[:, :, 0], logs[:, :, 1], logs[:, :, 2]
    return ExposurePlan(
        early=(rate[:, :, :early] * seen_early).sum(axis=2, dtype=np.float64),
        later=np.exp(middle),
        later_slope=(upper - lower) / (2.0 * step),
        later_curve=(upper - 2.0 * middle + lower) / (2.0 * step * step),
    )


@dataclass(frozen=True)
class FeedLater:
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
    ExposurePlan), each (drafts, tiers)."""
    appeal_centre: SampleArray
    """Half the variance of the log appeal (drafts, 1): added to the log appeal, it puts the
    median post at its predicted value (times a calibration's level)."""

    def __getitem__(self, rows: IntArray | slice) -> FeedLater:
        return FeedLater(*(getattr(self, f.name)[rows] for f in fields(self)))

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
        appeal: SampleArray,
        shared: Draws,
        normal: SampleArray,
        with_units: bool,
    ) -> tuple[SampleArray, SampleArray | None]:
        """Followers reached (a draw, given the early ``popularity`` and the post's
        ``appeal``) and, ``with_units``, the follower interaction units (drafts, samples)."""
        params, model = shared.params.feed, shared.model
        samples = popularity.shape[1]
        minus_day = -shared.day[:samples]
        # After the early window, exposure at the value scaled by popularity**weight and the
        # post's appeal**appeal_weight: later(m) = later * exp(slope x + curve x**2), x = log m
        # (see ExposurePlan).
        limit = 3.0 * params.popularity_step
        x = np.log(popularity)
        x *= np.float32(params.popularity_weight)
        # The appeal's log, centred: the median post keeps the predicted value (times a
        # calibration's level).
        power = np.log(appeal) + self.appeal_centre
        power *= np.float32(params.appeal_weight)
        x += power
        power = np.empty_like(x)
        clip_in_place(x, -limit, limit, power)
        missed_followers = np.zeros_like(x)
        missed_units = np.zeros_like(x) if with_units else None
        sizes = model.tiers.tolist()
        # The quadratic is used only where it rises with x: beyond its vertex it is held there,
        # so a better-received post never loses reach (the three-point fit may bend down).
        with np.errstate(divide="ignore", invalid="ignore"):
            vertex = -self.slope / (np.float32(2.0) * self.curve)
        lowest = np.where(self.curve > 0, vertex, -np.inf).astype(x.dtype)
        highest = np.where(self.curve < 0, vertex, np.inf).astype(x.dtype)
        held = np.empty_like(x)
        for k, size in enumerate(sizes):
            np.clip(x, lowest[:, k : k + 1], highest[:, k : k + 1], out=held)
            np.multiply(self.curve[:, k : k + 1], held, out=power)
            power += self.slope[:, k : k + 1]
            power *= held
            power += self.log_later[:, k : k + 1]
            np.minimum(power, LOG_EXPOSURE_CAP, out=power)
            np.exp(power, out=power)  # exposure after the early window
            power += self.early[:, k : k + 1]
            power *= minus_day
            np.exp(power, out=power)  # chance the follower is missed: exp(-exposure_k)
            if missed_units is not None:
                missed_units += shared.level_weights[k] * power
            power *= np.float32(size)
            missed_followers += power
        total = float(sum(sizes))
        units = None
        if missed_units is not None:
            units = np.subtract(shared.level_weights.sum(), missed_units, out=missed_units)
            np.maximum(units, np.float32(0.0), out=units)  # rounding: never below nobody
            units *= appeal
        mean = np.subtract(np.float32(total), missed_followers, out=missed_followers)
        return binomial_draw(mean, normal[:samples], total), units


@dataclass(frozen=True)
class FeedContext(SurfaceContext):
    """What a post's feed reach takes from the rest of the schedule."""

    log_value: FloatArray
    """Log feed value per follower tier, relative to a reference post (drafts, tiers)."""
    diversity: FloatArray
    """Author-diversity multiplier in each hour of the feed window (drafts, hours)."""
    attention: FloatArray
    """Share of feed exposure left by the account's other posts (attention budget)."""


def competition_hours(params: ModelParams) -> float:
    """How long a post stays a feed candidate."""
    return params.feed.window_hours


def non_follower_pool(model: AccountModel, params: ModelParams) -> float:
    """None: the feed reaches followers only."""
    return 0.0


def context(schedule: Schedule) -> FeedContext:
    """Each post's feed value, author diversity and share of attention."""
    params, model = schedule.params, schedule.model
    signals, priority = schedule.signals, model.priority
    log_value = schedule.gather(
        feed_log_value(model.levels, signals, priority, params.feed, params.actions)
    )
    strength = np.exp(log_value[:, 1])
    hours = params.feed.window_hours
    diversity = schedule.diversity(strength, Surface.FEED, hours, params.diversity)
    budget = params.attention.follower_budget
    (attention,) = schedule.attention(Surface.FEED, model.feed_per_week, 0.0, budget)
    return FeedContext(
        log_value=schedule.pick(log_value),
        diversity=diversity,
        attention=attention,
    )


def sample(batch: Chunk, rows: IntArray, shared: Draws, out: ReachSamples) -> None:
    """Feed: followers online while the post is fresh, early engagement, competition."""
    model, params, day = shared.model, shared.params, shared.day
    appeal = shared.appeal_of(rows)
    normals = shared.normals
    context = shared.context.of(Surface.FEED, FeedContext)
    whole = batch.rows[rows]
    activity = audience.activity_after(
        model.week, batch.hour_of_week[rows], params.feed.window_hours
    )
    plan = feed_exposure(
        activity,
        context.log_value[whole],
        context.diversity[whole],
        context.attention[whole],
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
    early_exposure = single(plan.early)
    # The early window: interactions actually drawn among its viewers set the popularity.
    minus_day = -day
    missed = np.zeros((rows.size, day.size), dtype=SAMPLE_DTYPE)
    term = np.empty_like(missed)  # reused: fresh arrays cost page faults
    for k in range(len(sizes)):
        np.multiply(early_exposure[:, k : k + 1], minus_day, out=term)
        np.exp(term, out=term)
        term *= single(early_weights[:, k : k + 1])
        missed += term
    predicted = np.subtract(single(early_weights.sum(axis=1))[:, None], missed, out=missed)
    clip_in_place(predicted, 0.0, None, term)  # rounding can leave it a hair below zero
    later = FeedLater(
        predicted=predicted,
        success=single(tier_rate.mean(axis=1))[:, None],
        early=early_exposure,
        curve=single(plan.later_curve),
        slope=single(plan.later_slope),
        log_later=single(np.log(np.maximum(plan.later, 1e-30))),
        appeal_centre=shared.appeal_shape_of(rows)[1] ** 2 / np.float32(2.0),
    )
    out.feed_later = later
    out.feed_index[rows] = np.arange(rows.size)
    ratio = later.popularity(appeal, normals[EARLY], params.feed)
    out.popularity[rows] = ratio
    followers, units = later.followers(ratio, appeal, shared, normals[FOLLOWER_COUNT], True)
    out.followers[Surface.FEED][rows] = followers
    if units is not None:
        out.follower_units[rows] += units
