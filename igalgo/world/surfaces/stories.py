"""Stories: followers who open the tray within 24 h.

The tray is ordered by tie strength; each further story frame of the day loses viewers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import numpy as np

from igalgo.domain import Format, Surface
from igalgo.engine.arrays import BoolArray, FloatArray, IntArray
from igalgo.engine.kernels import binomial_draw
from igalgo.parameters import Declared, assumed, at_least, non_negative, positive, published, share
from igalgo.world import audience
from igalgo.world.actions import (
    ActionParams,
    DraftSignals,
    draft_signals_of_reference,
    negative_factor,
)
from igalgo.world.competition import seen_probability
from igalgo.world.draws import FOLLOWER_COUNT, Chunk, Draws, ReachSamples
from igalgo.world.followers import followers_reached
from igalgo.world.surfaces.surface import SurfaceContext

if TYPE_CHECKING:
    from igalgo.world.account import AccountModel
    from igalgo.world.params import ModelParams
    from igalgo.world.schedule import Schedule

LN2 = math.log(2.0)

# What the surface declares (:class:`~igalgo.world.surfaces.surface.SurfaceModule`).
SURFACE = Surface.STORIES
REACHES_FOLLOWERS = True
REACHES_NON_FOLLOWERS = True
CONDITIONED = False


@dataclass(frozen=True)
class StoriesParams(Declared):
    """The stories tray: 24 h of stories from followed accounts, ordered by tie strength."""

    window_hours: Annotated[int, at_least(1, "hours"), published("stories expire after 24 h")] = 24
    """A story's lifetime, hours. Source: stories expire after 24 h (product fact)."""

    non_follower_share: Annotated[
        float,
        share("non-followers per follower viewer"),
        assumed("so that stories bring follows, T18"),
    ] = 0.03
    """Non-followers who open a story for each follower who does: visitors of a public
    profile, viewers of a share or a mention. Assumption; it is what lets stories bring profile
    visits and follows, as a real account's stories do (sources.md T18)."""

    recency_half_life_hours: Annotated[float, positive("hours"), assumed()] = 96.0
    """Hours after which a story's tray position value has halved. Assumption: the tray is
    ordered by tie strength first (sources.md §2), recency second."""

    tray_inventory: Annotated[float, positive("accounts"), assumed()] = 40.0
    """Accounts with unseen stories in a follower's tray (accounts). Assumption."""

    newer_inventory_per_hour: Annotated[float, non_negative("fraction per hour"), assumed()] = 0.015
    """Accounts whose newer stories join the tray ahead of competition, per hour of the
    story's age, as a fraction of ``tray_inventory`` (per hour). Assumption."""

    tray_depth: Annotated[float, positive("accounts"), published("calibrated to T4, T5")] = 7.8
    """Mean number of accounts' stories a follower taps through per tray visit (accounts;
    exponential). Assumption, calibrated to T4/T5."""

    value_shape: Annotated[float, positive("shape"), assumed()] = 1.5
    """Shape of the log-logistic distribution of other accounts' tray values. Assumption."""

    frame_exit_rates: Annotated[
        tuple[float, ...], share("fraction of viewers"), published("T12")
    ] = (
        0.17,
        0.12,
        0.10,
    )
    """Share of viewers who leave after the 1st, 2nd, 3rd story of the day; later frames
    repeat the last value. Source: Socialinsider 2021, 962,402 stories (sources.md T12)."""

    weight_tap: Annotated[
        float, non_negative("value per probability"), assumed("1 / reference rate")
    ] = 12.0
    """Value weight of tapping into the story. Assumption: 1 / reference dwell rate."""

    weight_reply: Annotated[float, non_negative("value per probability"), assumed()] = 575.0
    """Value weight of a reply (a DM, the story's comment). Assumption: as a feed comment."""

    weight_like: Annotated[float, non_negative("value per probability"), assumed()] = 19.0
    """Value weight of a story like. Assumption: as a feed like."""

    weight_share: Annotated[float, non_negative("value per probability"), assumed()] = 422.0
    """Value weight of a share. Assumption: as a feed share."""

    level_weight: Annotated[float, non_negative("exponent"), published("calibrated to T4, T5")] = (
        0.5
    )
    """Exponent of a tier's interaction level in the tray value: the tray is ordered by tie
    strength (sources.md §2), for which the account's overall interaction level counts less
    than in the feed's ranking. Assumption, set so that story reach depends on the engagement
    rate about half as much as feed reach (sources.md T4, T5 hold for rates of 1-3 % and for
    an account's default rate)."""

    move_on_exponent: Annotated[
        float, non_negative("exponent"), assumed("§5c gives the form, not the size")
    ] = 100.0
    """Exponent of the chance of not moving on to the next account in the tray value, as the
    feed's ``negative_exponent`` (the log-linear form of sources.md §5c). Assumption."""


def _positive_story_value(
    tier_levels: FloatArray, signals: DraftSignals, params: StoriesParams, actions: ActionParams
) -> FloatArray:
    """The positive part of each story's tray value per tier, (drafts, tiers)."""
    weights = np.array([params.weight_like, params.weight_reply, 0.0, params.weight_share])
    per_viewer = (
        signals.follower_interactions() @ weights * actions.reference_interactions_per_viewer
    )
    value: FloatArray = (
        params.weight_tap * actions.reference_dwell_rate * signals.dwell[:, None]
        + tier_levels[None, :] * per_viewer[:, None]
    )
    return value


def stories_log_value(
    tier_levels: FloatArray,
    signals: DraftSignals,
    priority: float,
    params: StoriesParams,
    actions: ActionParams,
) -> FloatArray:
    """Log tray value of each story draft for each tier, relative to a reference story.

    Value = (w_tap P(tap) + w_like P(like) + w_reply P(reply) + w_share P(share)) x
    (1 - P(move on))**exponent; the like/reply/share probabilities scale with the tier's
    interaction level, which is how tie strength orders the tray. Shape (drafts, tiers).
    """
    reference_signals = draft_signals_of_reference(actions, Format.STORY)
    reference = _positive_story_value(np.ones(1), reference_signals, params, actions)[0, 0]
    reference *= negative_factor(np.ones(1), params.move_on_exponent, actions)[0]
    value = _positive_story_value(tier_levels**params.level_weight, signals, params, actions)
    value *= negative_factor(signals.negative, params.move_on_exponent, actions)[:, None]
    result: FloatArray = np.log(value / reference * priority)
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


def story_frames(start_hours: FloatArray, is_story: BoolArray, window_hours: float) -> IntArray:
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


@dataclass(frozen=True)
class StoriesContext(SurfaceContext):
    """What a story's reach takes from the rest of the schedule."""

    attention: FloatArray
    """Share of the tray's attention left to the story by the account's other stories."""
    retention: FloatArray
    """Share of the day's first-story viewers still watching at the story's frame."""


def competition_hours(params: ModelParams) -> float:
    """A story's lifetime: stories live together in the tray."""
    return params.stories.window_hours


def non_follower_pool(model: AccountModel, params: ModelParams) -> float:
    """The market's interest pool (profile visitors, viewers of a share or a mention)."""
    return model.pool


def context(schedule: Schedule) -> StoriesContext:
    """Each story's frame among the account's live stories and its share of attention."""
    params, is_story = schedule.params.stories, schedule.eligible[Surface.STORIES]
    if schedule.compete:
        frames = story_frames(schedule.starts, is_story, params.window_hours)
    else:
        frames = np.zeros(len(schedule.starts), dtype=np.int64)
    kept = [frame_retention(frame, params) for frame in range(frames.max() + 1)]
    per_week, budget = schedule.model.stories_per_week, schedule.params.attention.stories_budget
    (attention,) = schedule.attention(Surface.STORIES, per_week, params.window_hours, budget)
    return StoriesContext(
        attention=attention,
        retention=schedule.pick(np.asarray(kept)[frames]),
    )


def sample(batch: Chunk, rows: IntArray, shared: Draws, out: ReachSamples) -> None:
    """Stories: the tray within 24 h, ordered by tie strength, frame exits."""
    model, params, context = shared.model, shared.params, shared.context
    own = context.of(Surface.STORIES, StoriesContext)
    whole = batch.rows[rows]
    activity = audience.activity_after(
        model.week, batch.hour_of_week[rows], params.stories.window_hours
    )
    signals = context.signals.take(whole)
    log_value = stories_log_value(
        model.levels, signals, model.priority, params.stories, params.actions
    )
    exposure = stories_exposure(
        activity,
        log_value,
        own.attention[whole],
        np.asarray(params.audience.sessions_per_day),
        model.competition,
        params.stories,
    )
    if batch.appeal is not None:
        exposure *= batch.appeal.story_level[rows, None]  # a calibrated account's own level
    appeal = shared.appeal_of(rows)
    mean, units = followers_reached(exposure, shared, appeal, own.retention[whole])
    reached = binomial_draw(mean, shared.normals[FOLLOWER_COUNT], float(model.tiers.sum()))
    out.followers[Surface.STORIES][rows] = reached
    out.follower_units[rows] += units
    # A public account's stories are also opened by a few non-followers (from its profile,
    # a share, a mention): a share of the viewers, who visit the profile and follow like any.
    others = reached * np.float32(params.stories.non_follower_share)
    out.non_followers[Surface.STORIES][rows] = others
    others *= appeal
    others *= np.float32(model.non_follower_level)
    out.non_follower_units[rows] += others
