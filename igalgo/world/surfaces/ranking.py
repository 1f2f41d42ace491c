"""Pieces every surface's ranking shares: per-viewer action predictions, competition for a
viewer's limited attention, and author diversity.

* Action predictions: for a viewer, the probability of each action (like, comment, save,
  share, profile visit) from the account's interaction level, the viewer's tie strength, the
  format and the draft's content signals (quality, caption, location).
* Competition: a viewer's session shows only the first few posts of a ranked inventory. The
  draft's value, relative to competing posts, sets its rank; the session depth decides whether
  that rank is seen.
* Author diversity: X's multiplier ``(1 - floor) * decay**k + floor`` for the k-th post of the
  same author, applied to the account's own drafts that are live at the same time.

Everything here is deterministic and vectorised over drafts; :mod:`igalgo.world.simulation` draws
the
random parts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from igalgo.domain import Draft, Format, Quality

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

INTERACTIONS: tuple[str, ...] = ("like", "comment", "save", "share")
"""The actions counted in an engagement rate, in the order of per-action arrays."""


@dataclass(frozen=True)
class ActionParams:
    """Per-viewer action predictions shared by the surfaces."""

    reference_interactions_per_viewer: float = 0.06
    """Interactions (likes + comments + saves + shares) per reached follower of a reference
    account, per feed post (interactions per viewer). Derived: a 1 % engagement rate over the
    16.85 % median reach rate of accounts under 5k (targets.md T2) is about 0.06."""

    interaction_mix: tuple[float, float, float, float] = (0.85, 0.05, 0.06, 0.04)
    """Shares of likes, comments, saves and shares in interactions (fractions, sum 1).
    Assumption: likes dominate public engagement counts; no published split."""

    max_interactions_per_viewer: float = 0.6
    """Cap on interactions per viewer (interactions per viewer). Assumption: keeps extreme
    engagement-rate inputs finite and plausible."""

    format_engagement: tuple[tuple[Format, float], ...] = (
        (Format.PHOTO, 1.0),
        (Format.CAROUSEL, 1.10),
        (Format.VIDEO, 0.83),
        (Format.REEL, 0.95),
        (Format.STORY, 0.35),
    )
    """Interactions per viewer relative to a photo, per format. Source: ER carousel 1.92 %,
    image 1.74 %, video 1.45 % (Socialinsider x Bannersnack 2020, targets.md T7): 1.10 and
    0.83. Reel 0.95 and story 0.35 (story likes and replies are rarer than feed likes) are
    assumptions."""

    format_dwell: tuple[tuple[Format, float], ...] = (
        (Format.PHOTO, 1.0),
        (Format.CAROUSEL, 1.15),
        (Format.VIDEO, 1.1),
        (Format.REEL, 1.1),
        (Format.STORY, 1.0),
    )
    """Chance to "spend a few seconds on a post" relative to a photo, per format. Assumption;
    a carousel that is not swiped gets a second chance at its second slide (Mosseri,
    ranking-signals.md §5f)."""

    quality_engagement: tuple[tuple[Quality, float], ...] = (
        (Quality.LOW, 0.8),
        (Quality.STANDARD, 1.0),
        (Quality.HIGH, 1.1),
    )
    """Interactions per viewer by production quality, relative to standard. Assumption."""

    low_quality_negative: float = 2.0
    """Multiplier on negative feedback (see fewer, skip) for low-quality media. Assumption."""

    watermark_negative: float = 3.0
    """Multiplier on negative feedback for media with another app's watermark. Assumption."""

    reference_dwell_rate: float = 0.5
    """Chance that a viewer who is shown a reference post spends a few seconds on it.
    Assumption."""

    reference_profile_visit_rate: float = 0.01
    """Profile visits (profile-photo taps) per reached follower of a reference account.
    Assumption."""

    reference_negative_rate: float = 0.002
    """"See fewer" / hide per viewer of a reference post. Assumption (rare: X notes negative
    feedback is far rarer than likes, x-algorithm.md)."""

    caption_comment_gain: float = 0.2
    """Relative increase of comments for a caption of ``caption_reference_chars`` or more.
    Assumption (the seed lists the caption as post information; no published effect)."""

    caption_reference_chars: float = 150.0
    """Caption length at which the caption's comment gain is complete, characters.
    Assumption."""

    question_comment_gain: float = 0.3
    """Relative increase of comments when the caption asks a question ("?"). Assumption."""

    location_value_gain: float = 0.03
    """Relative increase of ranking value when a location is tagged. Assumption: the seed and
    Mosseri list location as post information; no published effect size."""

    non_follower_interaction_ratio: float = 0.4
    """Interactions per non-follower viewer relative to the reference follower rate, for a
    reference account (ratio). Assumption: strangers act less than followers."""

    non_follower_interaction_elasticity: float = 0.25
    """How non-follower interactions scale with the account's follower interaction level:
    rate ~ level**elasticity. Assumption: a high engagement rate from a close following
    overstates how strangers react."""

    non_follower_profile_visit_rate: float = 0.008
    """Profile visits per non-follower viewer of a reference post. Assumption."""

    follows_per_profile_visit: float = 0.12
    """Follows per non-follower profile visit. Assumption."""

    def format_factor(self, fmt: Format) -> float:
        """Interactions per viewer of ``fmt`` relative to a photo."""
        return dict(self.format_engagement)[fmt]

    def dwell_factor(self, fmt: Format) -> float:
        """Dwell chance of ``fmt`` relative to a photo."""
        return dict(self.format_dwell)[fmt]

    def quality_factor(self, quality: Quality) -> float:
        """Interactions per viewer at ``quality`` relative to standard."""
        return dict(self.quality_engagement)[quality]


@dataclass(frozen=True)
class DiversityParams:
    """Author diversity among the account's own posts live at the same time."""

    decay: float = 0.5
    """Value multiplier per earlier-ranked post of the same author. Source: X author diversity
    decay 0.5 (x-algorithm.md, Heuristics & filters)."""

    floor: float = 0.25
    """Lowest author-diversity multiplier. Source: X floor 0.25 (x-algorithm.md)."""

    max_neighbours: int = 8
    """Own posts considered on each side in time (count). Assumption: beyond eight the
    multiplier is at its floor anyway (0.5**8 < 0.004)."""


@dataclass(frozen=True)
class AttentionParams:
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

    half_life_hours: float = 48.0
    """Half-life of the exponential decay of another own post's claim on a follower's attention
    to the account with the time between them, hours (the weight is then shifted to reach 0
    at ``window_hours``). Assumption: a feed post stays a candidate for 48 h
    (``FeedParams.window_hours``), so posts of the last two days are what a follower's feed
    still holds of the account."""

    window_hours: float = 144.0
    """Own posts this far apart or further do not share attention, hours. Assumption: three
    half-lives, under a week, so a weekly post does not share with last week's (the planner's
    frequency curve also relies on it: it keeps its schedules an empty week apart)."""

    follower_budget: float = 6.0
    """Feed and Reels tab: the load (in posts at the same moment) at which a follower's
    exposure to each post is halved (posts). Assumption, set so that the planner's feed curve
    for the shipped profiles recommends 4-7 posts a week: X decays an author's repeated posts
    by 0.5 per repeat (x-algorithm.md) and Instagram avoids showing too many posts of one
    account (seed); neither publishes a span in days."""

    stories_budget: float = 10.0
    """Stories: the same for the tray, counting stories of other days only (stories live in
    the tray together are frames of one entry and lose viewers by ``frame_exit_rates``)
    (posts). Assumption: larger than the feed's, as a tray entry costs a follower little
    attention; the planner then recommends about 5 stories a week."""

    reels_non_follower_budget: float = 6.0
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
    members: NDArray[np.bool_],
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
    members: NDArray[np.bool_],
    per_week: float,
    covered: tuple[float, float] | None,
    half_life_hours: float,
    window_hours: float,
    min_gap_hours: float = 0.0,
) -> FloatArray:
    """Attention load of each member from the account's usual posts outside the schedule.

    The account posts ``per_week`` times a week, evenly spaced (every s = 168 / per_week
    hours), before the start and after the end of ``covered`` (the time span the schedule
    describes; None: each draft alone, so its neighbours are the usual posts around it). A
    member gets :func:`attention_weight` of the gaps ``d + k s``, k >= 1, on each side, with d
    its distance to that end of the span, counting gaps of at least ``min_gap_hours``.
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


@dataclass(frozen=True)
class DraftSignals:
    """A batch of drafts' content signals as arrays (one row per draft)."""

    interactions: FloatArray
    """Per-action content multipliers, shape (drafts, 4): like, comment, save, share."""
    dwell: FloatArray
    """Dwell multiplier per draft."""
    negative: FloatArray
    """Negative-feedback multiplier per draft."""
    location: FloatArray
    """Ranking value multiplier from a tagged location per draft."""


def draft_signals(drafts: Sequence[Draft], params: ActionParams) -> DraftSignals:
    """The content multipliers of each draft (format, quality, caption, location)."""
    formats = [draft.format for draft in drafts]
    qualities = [draft.quality for draft in drafts]
    captions = [draft.caption for draft in drafts]
    engagement, dwell = dict(params.format_engagement), dict(params.format_dwell)
    quality = dict(params.quality_engagement)
    base = np.array([engagement[f] for f in formats], dtype=np.float64) * np.array(
        [quality[q] for q in qualities], dtype=np.float64
    )
    length = np.array([len(c) for c in captions], dtype=np.float64)
    comment = 1.0 + params.caption_comment_gain * np.minimum(
        1.0, length / params.caption_reference_chars
    )
    comment += params.question_comment_gain * np.array(["?" in c for c in captions])
    interactions = np.repeat(base[:, None], len(INTERACTIONS), axis=1)
    interactions[:, 1] *= comment
    low = np.array([q is Quality.LOW for q in qualities])
    watermark = np.array([draft.watermark for draft in drafts], dtype=bool)
    negative = np.where(low, params.low_quality_negative, 1.0)
    negative *= np.where(watermark, params.watermark_negative, 1.0)
    located = np.array([bool(draft.location) for draft in drafts], dtype=bool)
    return DraftSignals(
        interactions=interactions,
        dwell=np.array([dwell[f] for f in formats], dtype=np.float64),
        negative=negative,
        location=np.where(located, 1.0 + params.location_value_gain, 1.0),
    )


def non_follower_level(level: float, params: ActionParams) -> float:
    """Non-follower interactions per viewer relative to the reference follower rate."""
    scaled = max(level, 0.0) ** params.non_follower_interaction_elasticity
    return float(params.non_follower_interaction_ratio * scaled)


def seen_probability(
    log_value: NDArray[np.floating[Any]],
    inventory: NDArray[np.floating[Any]] | float,
    depth: float,
    shape: float,
) -> FloatArray:
    """Chance that a post with relative value ``exp(log_value)`` is seen in one session.

    Competing posts' values follow a log-logistic distribution around the reference value
    (shape ``shape``), so a post of relative value v is outranked by a competitor with
    probability ``1 / (1 + v**shape)``; its expected rank among ``inventory`` competitors is
    ``inventory / (1 + v**shape)``. Session depth (posts looked at) is exponential with mean
    ``depth``, so the rank is reached with probability ``exp(-rank / depth)``.
    """
    # float32 is ample for a probability and halves the cost of the exponentials.
    advantage = np.exp(np.float32(shape) * log_value.astype(np.float32))
    advantage += np.float32(1.0)
    rank = np.divide(np.float32(1.0 / depth) * np.asarray(inventory, dtype=np.float32), advantage)
    result: FloatArray = np.exp(-rank).astype(np.float64)
    return result


def diversity_multipliers(
    start_hours: FloatArray,
    strength: FloatArray,
    eligible: NDArray[np.bool_],
    hours: int,
    window_hours: float,
    half_life_hours: float,
    params: DiversityParams,
) -> FloatArray:
    """Author-diversity multiplier for each draft in each hour of its life: (drafts, hours).

    ``start_hours`` are absolute publication times in hours; ``strength`` is each draft's
    ranking value. In hour t of draft i, every other eligible draft j that is live (published
    at most ``window_hours`` before) competes in the same sessions. Ranked by value decayed
    with age (half-life ``half_life_hours``), i gets X's multiplier for its position k among
    them: ``(1 - floor) * decay**k + floor``.
    """
    result = np.ones((len(start_hours), hours))
    rows = np.flatnonzero(eligible)
    if rows.size < 2:
        return result
    order = rows[np.argsort(start_hours[rows], kind="stable")]
    times = start_hours[order]
    count = len(order)
    # Both posts' values decay at the same rate, so their order does not change with the hour:
    # j ranks ahead of i whenever both are live iff log v_j + rate t_j > log v_i + rate t_i.
    rate = math.log(2.0) / half_life_hours
    rank_score = np.log(np.maximum(strength[order], 1e-12)) + rate * (times - times[0])
    index = np.arange(count)
    width = hours + 1
    cells: list[IntArray] = []
    signs: list[FloatArray] = []
    for offset in range(1, min(params.max_neighbours, count - 1) + 1):
        # Times are sorted: once no pair this far apart is within the window, none further is.
        if not np.any(times[offset:] - times[:-offset] < max(window_hours, hours)):
            break
        for step in (offset, -offset):
            own = index[max(0, -step) : count - max(0, step)]
            other = own + step
            # Ties go to the draft listed first, so two identical drafts still compete.
            wins = rank_score[other] > rank_score[own]
            if step < 0:
                wins |= rank_score[other] == rank_score[own]
            # j is live in hour h of i's life for h in [gap, gap + window).
            gap = times[other] - times[own] - 1e-9
            first = np.clip(np.ceil(gap), 0, hours).astype(np.int64)
            last = np.clip(np.ceil(gap + window_hours), 0, hours).astype(np.int64)
            keep = wins & (last > first)
            cells += [own[keep] * width + first[keep], own[keep] * width + last[keep]]
            signs += [np.ones(int(keep.sum())), -np.ones(int(keep.sum()))]
    if not cells:
        return result
    changes = np.bincount(
        np.concatenate(cells), weights=np.concatenate(signs), minlength=count * width
    )
    ahead = np.cumsum(changes.reshape(count, width)[:, :hours], axis=1)
    levels = (1.0 - params.floor) * params.decay ** np.arange(2 * params.max_neighbours + 1)
    result[order] = levels[np.rint(ahead).astype(np.int64)] + params.floor
    return result
