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

Everything here is deterministic and vectorised over drafts; :mod:`igalgo.simulate` draws the
random parts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from igalgo.domain import Draft, Format, Quality

FloatArray = NDArray[np.float64]

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
    count = len(drafts)
    interactions = np.ones((count, len(INTERACTIONS)))
    dwell = np.ones(count)
    negative = np.ones(count)
    location = np.ones(count)
    for row, draft in enumerate(drafts):
        base = params.format_factor(draft.format) * params.quality_factor(draft.quality)
        caption = min(1.0, len(draft.caption) / params.caption_reference_chars)
        comment = 1.0 + params.caption_comment_gain * caption
        if "?" in draft.caption:
            comment += params.question_comment_gain
        interactions[row] = base
        interactions[row, 1] *= comment
        dwell[row] = params.dwell_factor(draft.format)
        if draft.quality is Quality.LOW:
            negative[row] *= params.low_quality_negative
        if draft.watermark:
            negative[row] *= params.watermark_negative
        if draft.location:
            location[row] = 1.0 + params.location_value_gain
    return DraftSignals(interactions, dwell, negative, location)


def non_follower_level(level: float, params: ActionParams) -> float:
    """Non-follower interactions per viewer relative to the reference follower rate."""
    scaled = max(level, 0.0) ** params.non_follower_interaction_elasticity
    return float(params.non_follower_interaction_ratio * scaled)


def seen_probability(
    log_value: FloatArray, inventory: FloatArray | float, depth: float, shape: float
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
    advantage += 1.0
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
    count = len(start_hours)
    result = np.ones((count, hours))
    if count < 2:
        return result
    order = np.argsort(start_hours, kind="stable")
    times = start_hours[order]
    values = np.log(np.maximum(strength[order], 1e-12))
    ok = eligible[order]
    ahead = np.zeros((count, hours))
    clock = times[:, None] + np.arange(hours)[None, :]
    own_age = clock - times[:, None]
    own_log = values[:, None] - own_age * (np.log(2.0) / half_life_hours)
    for offset in range(1, min(params.max_neighbours, count - 1) + 1):
        # Times are sorted: once no pair this far apart is within the window, none further is.
        if not np.any(times[offset:] - times[:-offset] < max(window_hours, hours)):
            break
        for step in (offset, -offset):
            other = np.arange(count) + step
            valid = (other >= 0) & (other < count)
            other = np.clip(other, 0, count - 1)
            age = clock - times[other][:, None]
            live = (age >= 0) & (age < window_hours)
            live &= (valid & ok[other] & ok)[:, None]
            other_log = values[other][:, None] - age * (np.log(2.0) / half_life_hours)
            # Ties go to the draft listed first, so two identical drafts still compete.
            wins = (other_log > own_log) | ((other_log == own_log) & (step < 0))
            ahead += live & wins
    multiplier = (1.0 - params.floor) * params.decay**ahead + params.floor
    result[order] = multiplier
    return result
