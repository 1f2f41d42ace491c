"""Feed & Stories: the connected surfaces, where followers see the account's posts.

Feed candidates are followers who open the app while the post is fresh. In each session the
post competes with the viewer's other unseen posts: its value (a weighted sum of predicted
actions, negatives subtracted) sets its rank, recency decays that value hour by hour, and the
viewer looks at only the first few posts. Early engagement (sampled in
:mod:`igalgo.world.simulation`) scales the value after the first hour.

Stories candidates are followers who open the tray within 24 h; the tray is ordered by tie
strength, and each further story frame of the day loses viewers.

This module is deterministic: it turns an account and drafts into per-follower-tier exposure
(expected number of sessions in which the post is seen), which the simulation turns into reach.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from igalgo.world.audience import FloatArray, IntArray
from igalgo.world.surfaces.ranking import ActionParams, DraftSignals, seen_probability

LN2 = math.log(2.0)


@dataclass(frozen=True)
class FeedParams:
    """The home feed's candidate window, value model and competition for attention."""

    window_hours: int = 48
    """How long a post stays a feed candidate, hours. Source: X keeps in-network candidates
    24-48 h (x-algorithm.md, Numbers); Instagram publishes none."""

    early_window_hours: int = 1
    """The early-engagement window whose sampled interactions set the post's popularity for
    the rest of its life, hours. Assumption: the seed's "first seconds" and Mosseri's "how
    quickly people are liking" give no duration (ranking-signals.md §5e)."""

    early_velocity_floor: float = 0.1
    """Early viewers who are not followers online at the hour (hashtag and profile visitors,
    late scrollers), relative to the followers online at an average hour (ratio): the floor of
    the early velocity that Explore and Reels read (see ``ExploreParams.timing_weight``), so
    that a post at an hour without followers online still starts. Assumption."""

    recency_half_life_hours: float = 6.0
    """Hours after which a post's value relative to fresh inventory has halved. Source: X's
    Earlybird age-decay half-life of 360 min (x-algorithm.md, Numbers)."""

    inventory_per_session: float = 500.0
    """Unseen candidate posts a session ranks (posts). Source: the Feed system card's
    lightweight pass keeps about 500 posts (ranking-signals.md §6)."""

    newer_inventory_per_hour: float = 0.075
    """Posts published after the draft that join its competition, per hour of its age, as a
    fraction of ``inventory_per_session`` (per hour). Assumption, calibrated so that posting
    when followers are online matters (the post competes with newer posts, model.md)."""

    session_depth: float = 245.0
    """Mean number of posts a follower looks at per session (posts; exponential).
    Assumption, calibrated to T2/T3; well under half the inventory, as Mosseri says most
    followers look at less than half of their feed (ranking-signals.md §6)."""

    value_shape: float = 1.0
    """Shape of the log-logistic distribution of competing posts' values: how sharply a
    better value turns into a better rank (dimensionless). Assumption."""

    popularity_weight: float = 0.3
    """Exponent of the early-popularity ratio (observed / predicted interactions) on the
    post's value after the early window. Assumption; smaller than Explore's, because the seed
    says popularity weighs more in Explore than in Feed."""

    popularity_prior_interactions: float = 3.0
    """Pseudo-interactions that shrink the early-popularity ratio towards 1 when the early
    audience is small (interactions). Assumption."""
    weight_dwell: float = 2.0
    """Value weight of "spends a few seconds on the post" (per probability). Assumption:
    near-equal-contribution rule, 1 / reference rate (x-algorithm.md, weights recipe)."""

    weight_like: float = 19.6
    """Value weight of a like. Assumption: 1 / reference like rate (0.06 x 0.85)."""

    weight_comment: float = 333.0
    """Value weight of a comment. Assumption: 1 / reference comment rate (0.06 x 0.05)."""

    weight_save: float = 278.0
    """Value weight of a save. Assumption: 1 / reference save rate (0.06 x 0.06)."""

    weight_share: float = 417.0
    """Value weight of a share. Assumption: 1 / reference share rate (0.06 x 0.04)."""

    weight_profile_visit: float = 100.0
    """Value weight of a tap on the profile photo. Assumption: 1 / reference rate 0.01."""

    weight_negative: float = 500.0
    """Value weight subtracted per "see fewer" / hide. Assumption: 1 / reference rate 0.002."""

    popularity_step: float = 0.5
    """Exposure after the early window is evaluated at value multipliers exp(-step), 1 and
    exp(step); in between (and out to 3 steps) the log of exposure is the quadratic in the log
    multiplier through those three points (numerical, not a model assumption)."""


@dataclass(frozen=True)
class StoriesParams:
    """The stories tray: 24 h of stories from followed accounts, ordered by tie strength."""

    window_hours: int = 24
    """A story's lifetime, hours. Source: stories expire after 24 h (product fact)."""

    recency_half_life_hours: float = 12.0
    """Hours after which a story's tray position value has halved. Assumption: the tray is
    ordered by tie strength first (ranking-signals.md §2), recency second."""

    tray_inventory: float = 40.0
    """Accounts with unseen stories in a follower's tray (accounts). Assumption."""

    newer_inventory_per_hour: float = 0.16
    """Accounts whose newer stories join the tray ahead of competition, per hour of the
    story's age, as a fraction of ``tray_inventory`` (per hour). Assumption."""

    tray_depth: float = 23.5
    """Mean number of accounts' stories a follower taps through per tray visit (accounts;
    exponential). Assumption, calibrated to T4/T5."""

    value_shape: float = 3.0
    """Shape of the log-logistic distribution of other accounts' tray values. Assumption."""

    frame_exit_rates: tuple[float, ...] = (0.17, 0.12, 0.10)
    """Share of viewers who leave after the 1st, 2nd, 3rd story of the day; later frames
    repeat the last value. Source: Socialinsider 2021, 962,402 stories (targets.md T12)."""

    weight_tap: float = 2.0
    """Value weight of tapping into the story. Assumption: 1 / reference dwell rate."""

    weight_reply: float = 333.0
    """Value weight of a reply (DM). Assumption: same as a feed comment."""

    weight_like: float = 19.6
    """Value weight of a story like. Assumption: same as a feed like."""

    weight_share: float = 417.0
    """Value weight of a share. Assumption: same as a feed share."""

    weight_move_on: float = 500.0
    """Value weight subtracted for moving on to the next account. Assumption."""


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


def _reference_feed_value(params: FeedParams, actions: ActionParams) -> float:
    mix = actions.interaction_mix
    rate = actions.reference_interactions_per_viewer
    weights = (params.weight_like, params.weight_comment, params.weight_save, params.weight_share)
    return (
        params.weight_dwell * actions.reference_dwell_rate
        + sum(w * rate * m for w, m in zip(weights, mix, strict=True))
        + params.weight_profile_visit * actions.reference_profile_visit_rate
        - params.weight_negative * actions.reference_negative_rate
    )


def feed_log_value(
    tier_levels: FloatArray,
    signals: DraftSignals,
    priority: float,
    params: FeedParams,
    actions: ActionParams,
) -> FloatArray:
    """Log of each draft's feed value for each follower tier, relative to a reference post.

    Value = w_dwell P(dwell) + sum_a w_a P(a) + w_visit P(profile visit) - w_neg P(see fewer),
    the form Meta publishes; P(a) scales with the tier's interaction level (relative to the
    reference viewer) and the draft's content multipliers. Shape (drafts, tiers).
    """
    mix = np.asarray(actions.interaction_mix)
    rate = actions.reference_interactions_per_viewer
    weights = np.array(
        [params.weight_like, params.weight_comment, params.weight_save, params.weight_share]
    )
    per_action = (weights * mix * rate)[None, None, :] * signals.interactions[:, None, :]
    interactions = tier_levels[None, :] * per_action.sum(axis=2)
    value = (
        params.weight_dwell * actions.reference_dwell_rate * signals.dwell[:, None]
        + interactions
        + params.weight_profile_visit * actions.reference_profile_visit_rate * tier_levels[None, :]
        - params.weight_negative * actions.reference_negative_rate * signals.negative[:, None]
    )
    relative = np.maximum(value, 1e-3) / _reference_feed_value(params, actions)
    result: FloatArray = np.log(relative * priority * signals.location[:, None])
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


def _reference_story_value(params: StoriesParams, actions: ActionParams) -> float:
    mix = actions.interaction_mix
    rate = actions.reference_interactions_per_viewer
    return (
        params.weight_tap * actions.reference_dwell_rate
        + params.weight_like * rate * mix[0]
        + params.weight_reply * rate * mix[1]
        + params.weight_share * rate * mix[3]
        - params.weight_move_on * actions.reference_negative_rate
    )


def stories_log_value(
    tier_levels: FloatArray,
    signals: DraftSignals,
    priority: float,
    params: StoriesParams,
    actions: ActionParams,
) -> FloatArray:
    """Log tray value of each story draft for each tier, relative to a reference story.

    Value = w_tap P(tap) + w_like P(like) + w_reply P(reply) + w_share P(share)
    - w_move_on P(move on); the like/reply/share probabilities scale with the tier's
    interaction level, which is how tie strength orders the tray. Shape (drafts, tiers).
    """
    mix = actions.interaction_mix
    rate = actions.reference_interactions_per_viewer
    like = params.weight_like * rate * mix[0] * signals.interactions[:, 0]
    reply = params.weight_reply * rate * mix[1] * signals.interactions[:, 1]
    share = params.weight_share * rate * mix[3] * signals.interactions[:, 3]
    value = (
        params.weight_tap * actions.reference_dwell_rate * signals.dwell[:, None]
        + tier_levels[None, :] * (like + reply + share)[:, None]
        - params.weight_move_on * actions.reference_negative_rate * signals.negative[:, None]
    )
    relative = np.maximum(value, 1e-3) / _reference_story_value(params, actions)
    result: FloatArray = np.log(relative * priority)
    return result


def stories_exposure(
    activity: FloatArray,
    log_value: FloatArray,
    attention: FloatArray,
    sessions_per_day: FloatArray,
    competition: float,
    params: StoriesParams,
) -> FloatArray:
    """Expected tray visits in which each tier's follower taps each story: (drafts, tiers).

    ``attention`` (drafts,) is the share of a follower's attention to the account left to the
    story by the account's stories of other days.
    """
    hours = params.window_hours
    rate = (
        sessions_per_day[None, :, None]
        / 24.0
        * (activity[:, :hours] * attention[:, None])[:, None, :]
    )
    age = np.arange(hours) + 0.5
    log_v = log_value[:, :, None] - (age * (LN2 / params.recency_half_life_hours))[None, None, :]
    growth = np.asarray(1.0 + params.newer_inventory_per_hour * age, dtype=np.float64)
    inventory = params.tray_inventory * competition * growth[None, None, :]
    seen = seen_probability(log_v, inventory, params.tray_depth, params.value_shape)
    result: FloatArray = (rate * seen).sum(axis=2)
    return result


def story_frames(
    start_hours: FloatArray, is_story: NDArray[np.bool_], window_hours: float
) -> IntArray:
    """Frame index of each story among the account's stories live before it (0 = first).

    A story is the (k+1)-th frame its viewers see when k of the account's other stories were
    published in the ``window_hours`` before it (ties: the draft listed first comes first).
    Non-story drafts get 0.
    """
    frames = np.zeros(len(start_hours), dtype=np.int64)
    story_rows = np.flatnonzero(is_story)
    order = story_rows[np.argsort(start_hours[story_rows], kind="stable")]
    times = start_hours[order]
    first_live = np.searchsorted(times, times - window_hours, side="right")
    frames[order] = np.arange(len(order)) - first_live
    return frames


def frame_retention(frame_index: int, params: StoriesParams) -> float:
    """Share of a day's first-story viewers still watching at frame ``frame_index`` (0-based)."""
    retention = 1.0
    rates = params.frame_exit_rates
    for position in range(frame_index):
        retention *= 1.0 - rates[min(position, len(rates) - 1)]
    return retention
