"""Per-viewer action predictions: how likely a viewer is to like, comment, save, share, visit
the profile or give negative feedback, from the account's interaction level, the viewer's tie
strength, the format and the draft's content signals (quality, caption, location)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated

import numpy as np

from igalgo.domain import Draft, Format, Quality
from igalgo.engine.arrays import FloatArray, IntArray
from igalgo.parameters import Declared, FrozenMap, non_negative, positive, share

INTERACTIONS: tuple[str, ...] = ("like", "comment", "save", "share")
"""The actions counted in an engagement rate, in the order of per-action arrays."""


@dataclass(frozen=True)
class ActionParams(Declared):
    """Per-viewer action predictions shared by the surfaces."""

    reference_interactions_per_viewer: Annotated[float, positive("interactions per viewer")] = 0.06
    """Interactions (likes + comments + saves + shares) per reached follower of a reference
    account, per feed post (interactions per viewer). Derived: a 1 % engagement rate over the
    16.85 % median reach rate of accounts under 5k (sources.md T2) is about 0.06."""

    interaction_mix: Annotated[
        tuple[float, float, float, float], share("fraction of interactions", length=4)
    ] = (0.85, 0.05, 0.06, 0.04)
    """Shares of likes, comments, saves and shares in interactions (fractions, sum 1).
    Assumption: likes dominate public engagement counts; no published split."""

    max_interactions_per_viewer: Annotated[float, positive("interactions per viewer")] = 0.6
    """Cap on interactions per viewer (interactions per viewer). Assumption: keeps extreme
    engagement-rate inputs finite and plausible."""

    format_engagement: Annotated[
        Mapping[Format, float], non_negative("ratio to a photo", keys=Format)
    ] = FrozenMap(
        {
            Format.PHOTO: 1.0,
            Format.CAROUSEL: 1.10,
            Format.VIDEO: 0.83,
            Format.REEL: 0.95,
            Format.STORY: 0.35,
        }
    )
    """Interactions per viewer relative to a photo, per format. Source: ER carousel 1.92 %,
    image 1.74 %, video 1.45 % (Socialinsider x Bannersnack 2020, sources.md T7): 1.10 and
    0.83. Reel 0.95 and story 0.35 (story likes and replies are rarer than feed likes) are
    assumptions."""

    format_dwell: Annotated[
        Mapping[Format, float], non_negative("ratio to a photo", keys=Format)
    ] = FrozenMap(
        {
            Format.PHOTO: 1.0,
            Format.CAROUSEL: 1.15,
            Format.VIDEO: 1.1,
            Format.REEL: 1.1,
            Format.STORY: 1.0,
        }
    )
    """Chance to "spend a few seconds on a post" (sources.md §1b) relative to a photo, per
    format. Assumption; a carousel that is not swiped gets a second chance at its second slide
    (Mosseri, sources.md §5f)."""

    quality_engagement: Annotated[
        Mapping[Quality, float], non_negative("ratio to standard", keys=Quality)
    ] = FrozenMap({Quality.LOW: 0.8, Quality.STANDARD: 1.0, Quality.HIGH: 1.1})
    """Interactions per viewer by production quality, relative to standard. Assumption."""

    low_quality_negative: Annotated[float, non_negative("multiplier")] = 2.0
    """Multiplier on negative feedback (see fewer, skip) for low-quality media. Assumption."""

    watermark_negative: Annotated[float, non_negative("multiplier")] = 3.0
    """Multiplier on negative feedback for media with another app's watermark. Assumption."""

    reference_dwell_rate: Annotated[float, share("probability")] = 0.5
    """Chance that a viewer who is shown a reference post spends a few seconds on it.
    Assumption."""

    reference_profile_visit_rate: Annotated[float, share("visits per viewer")] = 0.01
    """Profile visits (profile-photo taps) per reached follower of a reference account.
    Assumption."""

    reference_negative_rate: Annotated[float, share("per viewer")] = 0.002
    """"See fewer" / hide per viewer of a reference post. Assumption (rare: X notes negative
    feedback is far rarer than likes, sources.md X: weights recipe)."""

    caption_comment_gain: Annotated[float, non_negative("relative increase")] = 0.2
    """Relative increase of comments for a caption of ``caption_reference_chars`` or more.
    Assumption: no published effect of the caption on comments."""

    caption_reference_chars: Annotated[float, positive("characters")] = 150.0
    """Caption length at which the caption's comment gain is complete, characters.
    Assumption."""

    question_comment_gain: Annotated[float, non_negative("relative increase")] = 0.3
    """Relative increase of comments when the caption asks a question ("?"). Assumption."""

    location_value_gain: Annotated[float, non_negative("relative increase")] = 0.03
    """Relative increase of ranking value when a location is tagged. Assumption: Mosseri lists
    location as post information (sources.md §1a); no published effect size."""

    non_follower_interaction_ratio: Annotated[float, non_negative("ratio")] = 0.4
    """Interactions per non-follower viewer relative to the reference follower rate, for a
    reference account (ratio). Assumption: strangers act less than followers."""

    non_follower_interaction_elasticity: Annotated[float, non_negative("exponent")] = 0.25
    """How non-follower interactions scale with the account's follower interaction level:
    rate ~ level**elasticity. Assumption: a high engagement rate from a close following
    overstates how strangers react."""

    non_follower_profile_visit_rate: Annotated[float, share("visits per viewer")] = 0.008
    """Profile visits per non-follower viewer of a reference post. Assumption."""

    follows_per_profile_visit: Annotated[float, share("follows per visit")] = 0.12
    """Follows per non-follower profile visit. Assumption."""

    def check_relations(self) -> None:
        """The mix of interactions sums to 1; the cap is not below the reference rate."""
        if abs(sum(self.interaction_mix) - 1.0) > 1e-9:
            raise ValueError(
                f"ActionParams.interaction_mix must sum to 1 (fractions of interactions), "
                f"got {sum(self.interaction_mix):g}"
            )
        if self.max_interactions_per_viewer < self.reference_interactions_per_viewer:
            raise ValueError(
                "ActionParams.max_interactions_per_viewer must be at least "
                "reference_interactions_per_viewer (interactions per viewer)"
            )


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

    def take(self, rows: IntArray) -> DraftSignals:
        """The signals of the drafts at ``rows`` only."""
        return DraftSignals(
            interactions=self.interactions[rows],
            dwell=self.dwell[rows],
            negative=self.negative[rows],
            location=self.location[rows],
        )


def draft_signals(drafts: Sequence[Draft], params: ActionParams) -> DraftSignals:
    """The content multipliers of each draft (format, quality, caption, location)."""
    formats = [draft.format for draft in drafts]
    qualities = [draft.quality for draft in drafts]
    captions = [draft.caption for draft in drafts]
    engagement, dwell = params.format_engagement, params.format_dwell
    quality = params.quality_engagement
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
