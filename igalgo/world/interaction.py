"""The account's interaction level: from a published engagement rate to per-viewer action
rates, found by simulating a typical post with the model itself."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

import numpy as np

from igalgo.domain import Account, Draft, Format, Interaction, Niche, Posting
from igalgo.engine.randomness import random_normals
from igalgo.world import audience
from igalgo.world.account import (
    RATE_PER_POST,
    TYPICAL_FORMATS,
    TYPICAL_TIME,
    AccountModel,
    engagement_rate,
    rate_per_post,
)
from igalgo.world.actions import draft_signals, non_follower_level
from igalgo.world.draws import DIMENSIONS, Chunk
from igalgo.world.params import ModelParams
from igalgo.world.sampling import sample_chunk
from igalgo.world.schedule import ScheduleContext

CALIBRATION_SAMPLES = 8192
"""Samples of the typical-post simulation that converts an engagement rate into per-viewer
interaction levels: its interactions are a mean over heavy-tailed Explore reach, which fewer
samples make depend on the random block (docs/decisions/0005-interaction-level-calibration.md,
0132-model-v3.md)."""

TYPICAL_SLOPE = 0.9
"""How interactions per follower usually grow with the level (d log / d log L), for the
search's first step (numerical: the search converges from any slope, in fewer steps from a
good one)."""

USUAL_PER_FOLLOWER = 0.08
"""Interactions per follower a typical post of a 1,000-follower account usually collects at
level 1, for the search's first guess (numerical, like :data:`TYPICAL_SLOPE`)."""

USUAL_SIZE_EXPONENT = -0.18
"""How that number usually changes with the account's size (numerical)."""

TOLERANCE = 1e-4
"""The search stops when the typical post's interactions per follower are within this of the
engagement rate, relative (numerical)."""


CALIBRATION_SEED = 0
"""Fixed seed of that simulation, so the conversion does not depend on the caller's seed."""


@lru_cache(maxsize=64)
def account_model(account: Account, params: ModelParams) -> AccountModel:
    """The account's tiers, interaction levels, activity and market.

    An engagement rate is interactions (from followers and non-followers) per follower per
    feed post. The model splits it into reach x interactions per viewer with its own
    machinery: it finds the interaction level L (per-viewer interactions relative to the
    reference viewer; tier k gets L * propensity_k / mean propensity, non-followers
    :func:`~igalgo.world.actions.non_follower_level`) at which a post, simulated by this same
    model, collects ``engagement_rate`` interactions per follower. More interaction means
    more value and more reach, so that number grows with L and a search finds it. Which post:
    with ``per: post`` (or a calibration's rate) the account's own typical feed posts as
    managers count them (:func:`typical_rate`, decision 0138); otherwise the reference post of
    decision 0005 (:func:`reference_rate`). The level is found once for all accounts that
    agree on what the search reads (:func:`typical_account`).
    """
    actual = _unit_model(account, params)
    rated = params.interaction.smallest_rated_followers
    if account.followers < rated:
        # A very small account interacts as one of the smallest size whose rate says something.
        level = account_model(replace(account, followers=math.ceil(rated)), params).levels[0]
        level /= float(actual.levels[0])
    else:
        rate = engagement_rate(account, params.interaction, params.actions)
        level = _level(typical_account(account, rate), params)
    return replace(
        actual,
        levels=level * actual.levels,
        non_follower_level=non_follower_level(level, params.actions),
    )


def clear_caches() -> None:
    """Forget every account model and level found (for tests that change the search)."""
    account_model.cache_clear()
    _level.cache_clear()


def typical_account(account: Account, rate: float) -> Account:
    """What the level search reads of ``account`` with its engagement rate ``rate``: its
    size, market and usual frequency, and for a rate per post (:func:`rate_per_post`) also
    its type, time zone, usual times and followers' activity; accounts that differ only
    elsewhere get the same level."""
    posting = account.posting
    frequency = Posting(posting.feed_per_week, posting.reels_per_week, posting.stories_per_week)
    typical = Account(
        name="typical",
        followers=account.followers,
        market=account.market,
        posting=frequency,
        interaction=Interaction(rate),
    )
    if not rate_per_post(account):
        return typical
    return replace(
        typical,
        account_type=account.account_type,
        timezone=account.timezone,
        posting=replace(frequency, times=posting.times),
        follower_activity=account.follower_activity,
        interaction=Interaction(rate, RATE_PER_POST),
    )


def typical_posts(account: Account) -> list[Draft]:
    """The account's typical feed posts an engagement rate is read from: a photo and a
    carousel (the feed posts managers average over) at each of its usual times, on the
    Wednesday of :data:`TYPICAL_TIME` in its own time zone."""
    zone = ZoneInfo(account.timezone)
    day = TYPICAL_TIME.date()
    times = account.posting.times or (TYPICAL_TIME.time(),)
    return [
        Draft(f"typical-{kind.value}-{at:%H%M}", kind, datetime.combine(day, at, tzinfo=zone))
        for at in times
        for kind in TYPICAL_FORMATS
    ]


@lru_cache(maxsize=256)
def _level(typical: Account, params: ModelParams) -> float:
    """:func:`interaction_level` of a :func:`typical_account`."""
    rate = typical.interaction.engagement_rate
    assert rate is not None  # typical_account always sets it
    unit = _unit_model(typical, params)
    if typical.interaction.per == RATE_PER_POST:
        return per_post_level(rate, unit, params, typical)
    return interaction_level(rate, unit, params, typical.market.niche)


def _unit_model(account: Account, params: ModelParams) -> AccountModel:
    """The account's model at interaction level 1."""
    shares = audience.tier_shares(account.followers, params.audience)
    propensity = np.asarray(params.audience.engagement_propensity)
    relative = propensity / float((shares * propensity).sum())
    return AccountModel(
        tiers=audience.tier_sizes(account, params.audience),
        levels=relative,
        non_follower_level=non_follower_level(1.0, params.actions),
        week=audience.weekly_activity(account),
        pool=audience.interest_pool(account, params.audience),
        competition=audience.competition(account, params.audience),
        demand=audience.market_demand(account, params.audience),
        priority=params.audience.priority_of(account.account_type),
        feed_per_week=account.posting.feed_per_week + account.posting.reels_per_week,
        stories_per_week=account.posting.stories_per_week,
        reels_per_week=account.posting.reels_per_week,
        unoriginal_share=account.posting.unoriginal_share,
    )


def per_post_level(
    rate: float, actual: AccountModel, params: ModelParams, account: Account
) -> float:
    """The per-viewer interaction level L at which the typical feed posts of ``account``
    (:func:`typical_posts`, in its model ``actual`` at level 1) collect on average ``rate``
    interactions per follower (:func:`typical_rate`)."""
    return _search(rate, actual, params, lambda level: typical_rate(level, actual, params, account))


def interaction_level(
    rate: float, actual: AccountModel, params: ModelParams, niche: Niche = Niche.LIFESTYLE
) -> float:
    """The per-viewer interaction level L at which the reference post of an account in
    ``niche`` collects ``rate`` interactions per follower (:func:`reference_rate`)."""
    return _search(rate, actual, params, lambda level: reference_rate(level, actual, params, niche))


def _search(
    rate: float, actual: AccountModel, params: ModelParams, per_follower: Callable[[float], float]
) -> float:
    """The level at which ``per_follower`` (growing with the level) gives ``rate``: a secant
    search, bisection as fallback."""
    actions = params.actions
    cap = actions.max_interactions_per_viewer / actions.reference_interactions_per_viewer
    followers = float(actual.tiers.sum())
    if rate <= 0.0:
        return 0.0

    def log_per_follower(x: float) -> float:
        return math.log(max(per_follower(math.exp(x)), 1e-300))

    # Interactions per follower grow with L roughly as a power of L: a first step along the
    # usual slope, then a secant in log-log space, converge in a few steps; a bisection on
    # the bracket finishes the job if not.
    target = math.log(rate)
    low, high = math.log(1e-6), math.log(cap)
    # A first guess from the usual size of a typical post's interactions at level 1.
    usual = USUAL_PER_FOLLOWER * (max(followers, 1.0) / 1000.0) ** USUAL_SIZE_EXPONENT
    start = min(max(math.log(rate / usual) / TYPICAL_SLOPE, low), high)
    points = [(start, log_per_follower(start))]
    step = min(max(start + (target - points[0][1]) / TYPICAL_SLOPE, low), high)
    if step == start:
        step = start - math.log(1.5)
    points.append((step, log_per_follower(step)))
    for _ in range(12):
        (x0, y0), (x1, y1) = points[-2], points[-1]
        if abs(y1 - target) < TOLERANCE:
            break
        slope = (y1 - y0) / (x1 - x0) if x1 != x0 else TYPICAL_SLOPE
        x2 = min(max(x1 + (target - y1) / max(slope, 0.05), low), high)
        points.append((x2, log_per_follower(x2)))
    best_x, best_y = min(points, key=lambda point: abs(point[1] - target))
    if abs(best_y - target) > 1e-3:
        for _ in range(40):
            middle = (low + high) / 2.0
            if per_follower(math.exp(middle)) < rate:
                low = middle
            else:
                high = middle
        best_x = (low + high) / 2.0
    return min(math.exp(best_x), cap)


def typical_rate(
    level: float, actual: AccountModel, params: ModelParams, account: Account
) -> float:
    """Interactions per follower that the typical feed posts of ``account`` (its model
    ``actual`` at level 1) collect at interaction level ``level``: each post alone, its median
    over the fixed random block, averaged over the posts as a manager averages over posts (the
    median because the model's mean is set by rare viral samples that a manager's average
    over a month's posts seldom holds; docs/decisions/0138)."""
    actions = params.actions
    posts = typical_posts(account)
    signals = draft_signals(posts, account.market.niche, actions)
    batch = Chunk(
        posts,
        np.arange(len(posts), dtype=np.int64),
        audience.hours_of_week([p.publish_at for p in posts], account.timezone),
        signals.interactions,
        signals.quality,
    )
    normals = random_normals(CALIBRATION_SEED, CALIBRATION_SAMPLES, DIMENSIONS)
    model = replace(
        actual, levels=level * actual.levels, non_follower_level=non_follower_level(level, actions)
    )
    starts = np.array([p.publish_at.timestamp() / 3600.0 for p in posts])
    context = ScheduleContext.build(posts, starts, model, signals, False, params)
    sampled = sample_chunk(batch, model, context, normals, params)
    units = sampled.follower_units + sampled.non_follower_units
    content = signals.interactions.sum(axis=1)
    per_post = np.median(units, axis=1) * content
    followers = float(actual.tiers.sum())
    if followers <= 0:  # no followers: no one to interact per follower
        return 0.0
    return float(per_post.mean()) * actions.reference_interactions_per_viewer / followers


def reference_rate(level: float, actual: AccountModel, params: ModelParams, niche: Niche) -> float:
    """Interactions per follower that the reference post collects at interaction level
    ``level`` (the meaning of a profile's rate without ``per: post``, decision 0005): a
    standard photo at flat activity by a creator in a medium, average market, its mean over
    the fixed random block."""
    actions = params.actions
    typical = Draft("typical", Format.PHOTO, TYPICAL_TIME)
    signals = draft_signals([typical], niche, actions)
    batch = Chunk(
        [typical],
        np.zeros(1, dtype=np.int64),
        np.zeros(1, dtype=np.int64),
        signals.interactions,
        signals.quality,
    )
    normals = random_normals(CALIBRATION_SEED, CALIBRATION_SAMPLES, DIMENSIONS)
    reference = replace(
        actual, week=np.ones(audience.HOURS_PER_WEEK), competition=1.0, demand=1.0, priority=1.0
    )
    model = replace(
        reference,
        levels=level * actual.levels,
        non_follower_level=non_follower_level(level, actions),
    )
    context = ScheduleContext.build([typical], np.zeros(1), model, signals, False, params)
    sampled = sample_chunk(batch, model, context, normals, params)
    units = float(sampled.follower_units[0].mean() + sampled.non_follower_units[0].mean())
    content = float(signals.interactions[0].sum())
    followers = float(actual.tiers.sum())
    if followers <= 0:  # no followers: no one to interact per follower
        return 0.0
    return units * actions.reference_interactions_per_viewer * content / followers


def per_post_rate(account: Account, params: ModelParams) -> float:
    """The account's engagement rate as managers compute it (:func:`typical_rate` at its
    level), whichever meaning its profile gives the rate in."""
    rate = engagement_rate(account, params.interaction, params.actions)
    if rate_per_post(account):
        return rate
    typical = typical_account(account, rate)
    unit = _unit_model(typical, params)
    level = float(account_model(account, params).levels[0] / _unit_model(account, params).levels[0])
    return typical_rate(
        level, unit, params, replace(typical, interaction=Interaction(rate, RATE_PER_POST))
    )
