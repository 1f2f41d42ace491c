"""How a reel's viewers watch it, as the IG Reels system card predicts it (sources.md §8): the
share that leaves within 3 seconds, how long the others stay, the watch score a reel is ranked
on (its watch judged against reels of the same length) and the chance a non-follower follows.

The model does not see a reel's opening, so the skip share starts from one share for every
reel (a format-level term, :attr:`~igalgo.world.surfaces.reels.ReelsParams.skip_share`) and
moves only with the draft's flags that Meta names as shown less. The same numbers are ranked on
and reported: a reel's skip share and average watch time (T27), and its expected follows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from igalgo.domain import Draft, Format, Quality, ReelWatch
from igalgo.engine.arrays import FloatArray
from igalgo.world.actions import ActionParams, follows_per_non_follower_unit

if TYPE_CHECKING:
    from igalgo.world.surfaces.reels import ReelsParams

WATCHED = frozenset({Format.REEL, Format.VIDEO})
"""Formats whose estimates carry a watch time and skip share (T27)."""


def skip_shares(drafts: Sequence[Draft], params: ReelsParams) -> FloatArray:
    """Each draft's share of views that leave within 3 s: the typical share
    (:attr:`ReelsParams.skip_share`) with its odds multiplied by the odds ratio of each flag the
    draft carries (muted, low quality, mostly text, already posted)."""
    typical = params.skip_share
    ratios = np.array(
        [
            (params.skip_odds_muted if draft.muted else 1.0)
            * (params.skip_odds_low_quality if draft.quality is Quality.LOW else 1.0)
            * (params.skip_odds_text_heavy if draft.text_heavy else 1.0)
            * (params.skip_odds_reposted if draft.reposted else 1.0)
            for draft in drafts
        ],
        dtype=np.float64,
    ).reshape(-1)
    odds = typical / (1.0 - typical) * ratios
    result: FloatArray = odds / (1.0 + odds)
    return result


def watch_seconds(
    duration_s: FloatArray, skip: FloatArray | float, params: ReelsParams
) -> FloatArray:
    """Expected seconds watched per view: a share ``skip`` of views leaves within 3 s
    (``skip_seconds`` on average, never more than the reel), the others keep watching with an
    exponential drop-off, attention * (1 - exp(-duration / attention))."""
    tau = params.attention_seconds
    stayed = tau * (1.0 - np.exp(-duration_s / tau))
    result: FloatArray = skip * np.minimum(params.skip_seconds, duration_s) + (1.0 - skip) * stayed
    return result


def typical_watch_seconds(duration_s: FloatArray, params: ReelsParams) -> FloatArray:
    """Expected seconds watched per view of a typical reel of each length (the typical skip
    share): what a reel of that length is judged against."""
    return watch_seconds(duration_s, params.skip_share, params)


def completion(duration_s: FloatArray, skip: FloatArray | float, params: ReelsParams) -> FloatArray:
    """Chance a view lasts to the end: (1 - skip) * exp(-duration / attention)."""
    result: FloatArray = (1.0 - np.asarray(skip)) * np.exp(-duration_s / params.attention_seconds)
    return result


def watch_score(seconds: FloatArray, duration_s: FloatArray, params: ReelsParams) -> FloatArray:
    """A reel's watch judged against reels of the same length: its seconds watched per view
    over a typical reel's of that length (1: watched as long as is usual for its length,
    whatever the length)."""
    result: FloatArray = seconds / typical_watch_seconds(duration_s, params)
    return result


def stay_ratios(skip: FloatArray, params: ReelsParams) -> FloatArray:
    """Share of views that stay past 3 s relative to a typical reel's: a viewer who leaves
    within 3 s takes no other action (like, send, audio page, follow)."""
    result: FloatArray = (1.0 - skip) / (1.0 - params.skip_share)
    return result


def follow_chances(relative_level: float, engaged: FloatArray, actions: ActionParams) -> FloatArray:
    """Chance a non-follower who is shown the reel follows the account: its non-follower
    interaction level (relative to a reference account's) times the follows per non-follower
    interaction unit that the reported follows count (:func:`follows_per_non_follower_unit`)
    times ``engaged``, the reel's own multiplier (watch time, views that stay)."""
    units = relative_level * actions.non_follower_interaction_ratio
    result: FloatArray = units * follows_per_non_follower_unit(actions) * engaged
    return result


def durations(drafts: Sequence[Draft], params: ReelsParams) -> FloatArray:
    """Each reel's duration as its value counts it: the reference duration where none is
    given, at most :attr:`ReelsParams.longest_rewarded_s`."""
    reference = params.reference_duration_s
    seconds = np.array(
        [reference if d.duration_s is None else d.duration_s for d in drafts], dtype=np.float64
    )
    result: FloatArray = np.minimum(seconds, params.longest_rewarded_s)
    return result


def watch_factor(duration_s: FloatArray, params: ReelsParams) -> FloatArray:
    """Interaction multiplier from the watch time of a typical reel of each length, relative
    to the reference reel (the only way length acts on a reel's value)."""
    reference = typical_watch_seconds(np.array([params.reference_duration_s]), params)[0]
    result: FloatArray = (typical_watch_seconds(duration_s, params) / reference) ** (
        params.watch_interaction_elasticity
    )
    return result


def engaged_factors(drafts: Sequence[Draft], params: ReelsParams) -> FloatArray:
    """Non-followers' interaction multiplier of each reel: from its length's watch time
    (:func:`watch_factor`) and from its views that stay past 3 s (:func:`stay_ratios`)."""
    result: FloatArray = watch_factor(durations(drafts, params), params) * stay_ratios(
        skip_shares(drafts, params), params
    )
    return result


def reel_watch(draft: Draft, params: ReelsParams) -> ReelWatch | None:
    """The watch time and skip share a reel's or feed video's Insights would show (T27), from
    its own length (not capped at :attr:`ReelsParams.longest_rewarded_s`: a viewer can watch a
    long reel for longer) and its own skip share (the one Reels ranks it on); None for other
    formats."""
    if draft.format not in WATCHED:
        return None
    seconds = params.reference_duration_s if draft.duration_s is None else draft.duration_s
    skip = skip_shares([draft], params)
    average = float(watch_seconds(np.array([seconds]), skip, params)[0])
    return ReelWatch(average_s=average, skip_share=float(skip[0]))
