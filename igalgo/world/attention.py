"""A follower's limited attention to one account over days: the cost of posting often.

Every own post near a draft in time takes a share of the attention a follower gives the
account (:class:`AttentionParams`); the loads are exact sums over the schedule and the
account's usual posts around it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Annotated

import numpy as np

from igalgo.engine.arrays import BoolArray, FloatArray
from igalgo.parameters import Declared, assumed, positive


@dataclass(frozen=True)
class AttentionParams(Declared):
    """A follower's limited attention to one account over days: the cost of posting often.

    Every own post near a draft in time takes a share of the attention a follower gives the
    account. The load of draft i is ``L_i = sum_j w(|t_i - t_j|)`` over the account's other
    posts j of the same surface, with the weight ``w`` of :func:`attention_weight` (1 at the
    same moment, decaying exponentially to 0 at ``window_hours``), and the draft keeps
    ``budget / (budget + L_i)`` of its exposure. The other posts are, over the time span the
    schedule covers (``compete=True``), its drafts; before and after that span (and around a
    draft scored on its own), the account's usual posts at its stated frequency
    (``account.posting``), evenly spaced.
    """

    half_life_hours: Annotated[float, positive("hours"), assumed()] = 48.0
    """Half-life of the exponential decay of another own post's claim on a follower's attention
    to the account with the time between them, hours (the weight is then shifted to reach 0
    at ``window_hours``). Assumption: a feed post stays a candidate for 48 h
    (``FeedParams.window_hours``), so posts of the last two days are what a follower's feed
    still holds of the account."""

    window_hours: Annotated[float, positive("hours"), assumed()] = 144.0
    """Own posts this far apart or further do not share attention, hours. Assumption: three
    half-lives, under a week, so a weekly post does not share with last week's (the planner's
    frequency curve also relies on it: it keeps its schedules an empty week apart)."""

    follower_budget: Annotated[float, positive("posts"), assumed()] = 6.0
    """Feed and Reels tab: the load (in posts at the same moment) at which a follower's
    exposure to each post is halved (posts). Assumption, set so that the planner's feed curve
    for the shipped profiles recommends 4-7 posts a week: X decays an author's repeated posts
    by 0.5 per repeat (sources.md X: heuristics & filters) and Instagram avoids showing too
    many posts of one account (sources.md seed); neither publishes a span in days."""

    stories_budget: Annotated[float, positive("posts"), assumed()] = 10.0
    """Stories: the same for the tray, counting stories of other days only (stories live in
    the tray together are frames of one entry and lose viewers by ``frame_exit_rates``)
    (posts). Assumption: larger than the feed's, as a tray entry costs a follower little
    attention; the planner then recommends about 5 stories a week."""

    reels_non_follower_budget: Annotated[float, positive("posts"), assumed()] = 6.0
    """Reels, non-followers: the load at which a reel's test audience is halved (posts).
    Assumption: Reels seeds test audiences from viewers like the creator's past engagers
    ("find the right audience for every creator", seed), so reels days apart draw on the same
    people; the planner then recommends 4-5 reels a week."""


def attention_weight(
    gap_hours: FloatArray, half_life_hours: float, window_hours: float
) -> FloatArray:
    """Claim of another own post ``gap_hours`` away on a follower's attention to the account.

    ``(2**(-gap / half_life) - 2**(-window / half_life)) / (1 - 2**(-window / half_life))``
    for gaps under ``window_hours``, else 0: 1 for a post at the same moment, an exponential
    decay shifted so that it reaches 0 at the window continuously (no step in frequency).
    """
    gap = np.abs(np.asarray(gap_hours, dtype=np.float64))
    edge = 2.0 ** (-window_hours / half_life_hours)
    weight = (2.0 ** (-gap / half_life_hours) - edge) / (1.0 - edge)
    result: FloatArray = np.where(gap < window_hours, np.maximum(weight, 0.0), 0.0)
    return result


def schedule_load(
    starts: FloatArray,
    members: BoolArray,
    half_life_hours: float,
    window_hours: float,
    min_gap_hours: float = 0.0,
) -> FloatArray:
    """Attention load of each member from the other members: the sum of
    :func:`attention_weight` over members j with ``|t_i - t_j| >= min_gap_hours``; 0 for
    non-members.

    Exact and O(n log n) whatever the density of the schedule (prefix sums of the exponential,
    rebased in blocks so that no exponential overflows).
    """
    load = np.zeros(len(starts))
    rows = np.flatnonzero(members)
    if rows.size < 2:
        return load
    order = rows[np.argsort(starts[rows], kind="stable")]
    times = starts[order].astype(np.float64)
    rate = math.log(2.0) / half_life_hours
    sum_before, count_before = _one_sided_sums(times, rate, window_hours, min_gap_hours)
    sum_after, count_after = _one_sided_sums(-times[::-1], rate, window_hours, min_gap_hours)
    load[order] = _shifted(
        sum_before + sum_after[::-1], count_before + count_after[::-1], rate, window_hours
    )
    return load


def _shifted(exponentials: FloatArray, count: FloatArray, rate: float, window: float) -> FloatArray:
    """Sum of :func:`attention_weight` from the sum of ``exp(-rate gap)`` over ``count``
    posts within the window."""
    edge = math.exp(-rate * window)
    result: FloatArray = np.maximum(exponentials - count * edge, 0.0) / (1.0 - edge)
    return result


_REBASE = 200.0
"""Largest exponent range summed on one base in :func:`_one_sided_sums` (e**200 is far from
overflow, and the smallest term kept, e**-200 times the largest, far from underflow)."""


def _one_sided_sums(
    times: FloatArray, rate: float, window_hours: float, min_gap_hours: float
) -> tuple[FloatArray, FloatArray]:
    """For sorted ``times``: over j < i with ``min_gap <= t_i - t_j < window``, the sum of
    ``exp(-rate (t_i - t_j))`` and the number of such j (ties count once, for the
    later-listed of the two)."""
    count = len(times)
    first = np.searchsorted(times, times - window_hours, side="right")
    if min_gap_hours > 0.0:
        last = np.searchsorted(times, times - min_gap_hours, side="right")
    else:
        last = np.arange(count)  # every earlier-listed post, ties included
    exponent = rate * (times - times[0])
    block = np.floor(exponent / _REBASE).astype(np.int64)
    result = np.zeros(count)
    starts = np.flatnonzero(np.diff(block, prepend=-1))
    for begin, end in zip(starts, [*starts[1:], count], strict=True):
        low = int(first[begin])
        base = exponent[begin]
        prefix = np.concatenate(([0.0], np.cumsum(np.exp(exponent[low:end] - base))))
        span = slice(begin, end)
        total = prefix[last[span] - low] - prefix[first[span] - low]
        result[span] = np.maximum(total, 0.0) * np.exp(base - exponent[span])
    return result, (last - first).astype(np.float64)


def background_load(
    starts: FloatArray,
    members: BoolArray,
    per_week: float,
    covered: tuple[float | FloatArray, float | FloatArray] | None,
    half_life_hours: float,
    window_hours: float,
    min_gap_hours: float = 0.0,
) -> FloatArray:
    """Attention load of each member from the account's usual posts outside the schedule.

    The account posts ``per_week`` times a week, evenly spaced (every s = 168 / per_week
    hours), before the start and after the end of ``covered`` (the time span the schedule
    describes, or each member's own span; None: each draft alone, so its neighbours are the
    usual posts around it). A member gets :func:`attention_weight` of the gaps ``d + k s``,
    k >= 1, on each side, with d its distance to that end of the span, counting gaps of at
    least ``min_gap_hours``.
    """
    load = np.zeros(len(starts))
    if per_week <= 0.0 or not members.any():
        return load
    spacing = 168.0 / per_week
    times = starts[members]
    if covered is None:
        before = after = np.zeros(len(times))
    else:
        before, after = times - covered[0], covered[1] - times
    rate = math.log(2.0) / half_life_hours
    sums = [
        _regular_series(distance, spacing, rate, window_hours, min_gap_hours)
        for distance in (before, after)
    ]
    load[members] = _shifted(sums[0][0] + sums[1][0], sums[0][1] + sums[1][1], rate, window_hours)
    return load


def _regular_series(
    distance: FloatArray, spacing: float, rate: float, window_hours: float, min_gap_hours: float
) -> tuple[FloatArray, FloatArray]:
    """Over k >= 1 with the gap ``distance + k spacing`` in ``[min_gap, window)``: the sum of
    ``exp(-rate gap)`` (a truncated geometric series, in closed form) and the number of k."""
    low = np.maximum(1.0, np.ceil((min_gap_hours - distance) / spacing))
    high = np.ceil((window_hours - distance) / spacing) - 1.0  # last k with gap < window
    terms = np.maximum(high - low + 1.0, 0.0)
    ratio = math.exp(-rate * spacing)
    head = np.exp(-rate * (distance + low * spacing))
    total: FloatArray = head * (-np.expm1(-rate * spacing * terms)) / (1.0 - ratio)
    return total, terms


def attention_share(load: FloatArray, budget: float) -> FloatArray:
    """Share of a post's exposure a follower still gives it under ``load``:
    ``budget / (budget + load)`` (1 with no load)."""
    result: FloatArray = budget / (budget + load)
    return result
