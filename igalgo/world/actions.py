"""Per-viewer action predictions: how likely a viewer is to like, comment, save, share, visit
the profile or give negative feedback, from the account's interaction level, the viewer's tie
strength, the format and the draft's content signals (quality, caption, location)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Annotated

import numpy as np

from igalgo.domain import Draft, Format, Niche, Quality
from igalgo.engine.arrays import FloatArray, IntArray
from igalgo.parameters import (
    Declared,
    FrozenMap,
    assumed,
    non_negative,
    positive,
    published,
    share,
    stated,
)

_EDUCATIONAL = (1.0, 1.0, 6.0, 1.2)
_PRACTICAL = (1.0, 1.0, 4.0, 1.2)
_AVERAGE = (1.0, 1.0, 1.0, 1.0)
_ENTERTAINING = (1.0, 1.1, 0.5, 1.3)

_NICHE_ACTIONS: FrozenMap[Niche, tuple[float, float, float, float]] = FrozenMap(
    {
        Niche.ART: (1.0, 1.0, 1.5, 1.0),
        Niche.AUTOMOTIVE: _AVERAGE,
        Niche.B2B: _PRACTICAL,
        Niche.BEAUTY: (1.0, 1.0, 3.0, 1.0),
        Niche.EDUCATION: _EDUCATIONAL,
        Niche.ENTERTAINMENT: _ENTERTAINING,
        Niche.FASHION: (1.0, 1.0, 1.5, 1.0),
        Niche.FINANCE: _EDUCATIONAL,
        Niche.FITNESS: _PRACTICAL,
        Niche.FOOD: _PRACTICAL,
        Niche.GAMING: _ENTERTAINING,
        Niche.HEALTH: _PRACTICAL,
        Niche.HOME: _PRACTICAL,
        Niche.LIFESTYLE: _AVERAGE,
        Niche.LOCAL: _AVERAGE,
        Niche.MUSIC: _ENTERTAINING,
        Niche.PARENTING: (1.0, 1.2, 3.0, 1.2),
        Niche.PERSONAL: (1.0, 1.5, 0.3, 0.7),
        Niche.PETS: (1.0, 1.0, 0.6, 1.4),
        Niche.PHOTOGRAPHY: (1.0, 1.0, 1.5, 1.0),
        Niche.SPORTS: _ENTERTAINING,
        Niche.TECH: _EDUCATIONAL,
        Niche.TRAVEL: (1.0, 1.0, 2.5, 1.2),
    }
)
"""Default :attr:`ActionParams.niche_actions`: likes, comments, saves and shares per market."""


@dataclass(frozen=True)
class ActionParams(Declared):
    """Per-viewer action predictions shared by the surfaces."""

    reference_interactions_per_viewer: Annotated[
        float, positive("interactions per viewer"), published("T2")
    ] = 0.06
    """Interactions (likes + comments + saves + shares) per reached follower of a reference
    account, per feed post (interactions per viewer). Derived: a 1 % engagement rate over the
    16.85 % median reach rate of accounts under 5k (sources.md T2) is about 0.06."""

    action_ratios: Annotated[
        tuple[float, float, float, float],
        non_negative("actions per like", length=4),
        published("T20"),
    ] = (1.0, 0.033, 0.06, 0.045)
    """Likes, comments, saves and shares of a plain photo relative to its likes (actions per
    like). Source: a real account's comments per like 0.032 and shares per like 0.051
    (sources.md T20); saves per like of a photo an assumption (saves are far more common on
    educational carousels, which :attr:`format_actions` and :attr:`niche_actions` raise)."""

    max_interactions_per_viewer: Annotated[
        float, positive("interactions per viewer"), assumed()
    ] = 1.0
    """Cap on interactions per viewer (interactions per viewer). Assumption: a viewer may like,
    save and share one post, but hardly more on average; keeps extreme engagement-rate inputs
    finite and plausible."""

    format_engagement: Annotated[
        Mapping[Format, float], non_negative("ratio to a photo", keys=Format), published("T7")
    ] = FrozenMap(
        {
            Format.PHOTO: 1.0,
            Format.CAROUSEL: 1.0,
            Format.VIDEO: 0.83,
            Format.REEL: 0.95,
            Format.STORY: 0.35,
        }
    )
    """Interactions per viewer relative to a photo, per format, before the format's action mix
    (:attr:`format_actions`). Source: ER carousel 1.92 %, image 1.74 %, video 1.45 %
    (Socialinsider x Bannersnack 2020, sources.md T7): video 0.83; a carousel's extra
    interactions come from its saves and its longer dwell, so 1.0 here. Reel 0.95 and story
    0.35 (story likes and replies are rarer than feed likes) are assumptions."""

    format_actions: Annotated[
        Mapping[Format, tuple[float, float, float, float]],
        non_negative("ratio to a photo's mix", keys=Format, length=4),
        stated("T20: directions; sizes assumed"),
    ] = FrozenMap(
        {
            Format.PHOTO: (1.0, 1.0, 1.0, 1.0),
            Format.CAROUSEL: (1.0, 1.0, 2.0, 1.1),
            Format.VIDEO: (1.0, 1.0, 0.8, 1.3),
            Format.REEL: (1.0, 0.8, 1.0, 1.8),
            Format.STORY: (1.0, 1.5, 0.0, 0.6),
        }
    )
    """Likes, comments, saves and shares of each format relative to a photo's mix (after
    :attr:`format_engagement`). Source: carousels are saved far more often and reels shared
    more (Socialinsider saves studies, sources.md T20); magnitudes, and stories' replies (their
    comments) and absent saves, are assumptions."""

    niche_actions: Annotated[
        Mapping[Niche, tuple[float, float, float, float]],
        non_negative("ratio to an average market's mix", keys=Niche, length=4),
        stated("T20: directions; sizes assumed"),
    ] = _NICHE_ACTIONS
    """Likes, comments, saves and shares in each market relative to an average one. Source:
    how-to and educational content is saved far more than entertainment (Socialinsider saves
    studies, sources.md T20), entertainment shared more; magnitudes are an assumption, set so
    that an educational carousel collects about as many saves as likes."""

    format_dwell: Annotated[
        Mapping[Format, float], non_negative("ratio to a photo", keys=Format), assumed()
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
        Mapping[Quality, float],
        non_negative("ratio to standard", keys=Quality),
        stated("§7 and §8: low quality is shown less; no bonus for high"),
    ] = FrozenMap({Quality.LOW: 0.8, Quality.STANDARD: 1.0, Quality.HIGH: 1.0})
    """Followers' interactions per viewer by production quality, relative to standard (on Feed
    and Stories; on Explore and Reels quality acts through their documented quality factors).
    Low quality is a penalty Meta names (sources.md §7); high quality gets no bonus, as no
    source rewards it (sources.md T22). The size of the penalty is an assumption."""

    low_quality_negative: Annotated[
        float, non_negative("multiplier"), stated("§7: low-quality media is shown less")
    ] = 2.0
    """Multiplier on negative feedback (see fewer, skip) for low-quality media, on Feed and
    Stories. Assumption."""

    watermark_negative: Annotated[
        float, non_negative("multiplier"), stated("§7: watermarked media is shown less")
    ] = 3.0
    """Multiplier on negative feedback for media with another app's watermark, on Feed and
    Stories. Assumption."""

    reference_dwell_rate: Annotated[float, share("probability"), assumed()] = 0.5
    """Chance that a viewer who is shown a reference post spends a few seconds on it.
    Assumption."""

    reference_profile_visit_rate: Annotated[
        float, share("visits per viewer"), published("calibrated to T18")
    ] = 0.004
    """Profile visits (profile-photo taps) per reached follower of a reference account.
    Assumption: followers already know the profile, so they visit it less than strangers
    (:attr:`non_follower_profile_visit_rate`), which with :attr:`follows_per_profile_visit`
    puts follows per profile visit where a real account's are (sources.md T18)."""

    reference_negative_rate: Annotated[float, share("per viewer"), assumed()] = 0.002
    """"See fewer" / hide per viewer of a reference post. Assumption (rare: X notes negative
    feedback is far rarer than likes, sources.md X: weights recipe)."""

    caption_comment_gain: Annotated[
        float, non_negative("relative increase"), assumed("no published effect")
    ] = 0.2
    """Relative increase of comments for a caption of ``caption_reference_chars`` or more.
    Assumption: no published effect of the caption on comments."""

    caption_reference_chars: Annotated[float, positive("characters"), assumed()] = 150.0
    """Caption length at which the caption's comment gain is complete, characters.
    Assumption."""

    question_comment_gain: Annotated[float, non_negative("relative increase"), assumed()] = 0.3
    """Relative increase of comments when the caption asks a question ("?"). Assumption."""

    location_value_gain: Annotated[
        float, non_negative("relative increase"), assumed("§1a lists location, no size")
    ] = 0.03
    """Relative increase of ranking value when a location is tagged. Assumption: Mosseri lists
    location as post information (sources.md §1a); no published effect size."""

    non_follower_interaction_ratio: Annotated[float, non_negative("ratio"), assumed()] = 0.5
    """Interactions per non-follower viewer relative to the reference follower rate, for a
    reference account (ratio). Assumption: strangers act at about half the rate of followers;
    with it a reel's typical likes are about 4 % of its median reach, the low end of what
    real reels show (4-15 %)."""

    non_follower_interaction_elasticity: Annotated[float, non_negative("exponent"), assumed()] = (
        0.25
    )
    """How non-follower interactions scale with the account's follower interaction level:
    rate ~ level**elasticity. Assumption: a high engagement rate from a close following
    overstates how strangers react."""

    non_follower_profile_visit_rate: Annotated[float, share("visits per viewer"), assumed()] = 0.01
    """Profile visits per non-follower viewer of a reference post. Assumption."""

    follows_per_profile_visit: Annotated[
        float, share("follows per visit"), published("calibrated to T18")
    ] = 0.5
    """Follows per non-follower profile visit. Assumption, set so that follows per profile
    visit of feed posts and reels (followers' visits included) land around the 0.32-0.39 of a
    real account's posts (sources.md T18)."""

    def base_mix(self) -> tuple[float, float, float, float]:
        """A plain photo's likes, comments, saves and shares as shares of its interactions."""
        total = sum(self.action_ratios)
        like, comment, save, share_ = (ratio / total for ratio in self.action_ratios)
        return like, comment, save, share_

    def check_relations(self) -> None:
        """A photo gets likes; the cap is not below the reference rate."""
        if self.action_ratios[0] != 1.0:
            raise ValueError("ActionParams.action_ratios[0] must be 1 (likes per like)")
        if self.max_interactions_per_viewer < self.reference_interactions_per_viewer:
            raise ValueError(
                "ActionParams.max_interactions_per_viewer must be at least "
                "reference_interactions_per_viewer (interactions per viewer)"
            )


@dataclass(frozen=True)
class DraftSignals:
    """A batch of drafts' content signals as arrays (one row per draft)."""

    interactions: FloatArray
    """Expected likes, comments, saves and shares per viewer at the reference rate, shape
    (drafts, 4): a plain photo of an average market sums to 1."""
    quality: FloatArray
    """Followers' interaction multiplier from production quality, per draft."""
    dwell: FloatArray
    """Dwell multiplier per draft."""
    negative: FloatArray
    """Negative-feedback multiplier per draft (Feed and Stories)."""
    location: FloatArray
    """Ranking value multiplier from a tagged location per draft."""

    def take(self, rows: IntArray) -> DraftSignals:
        """The signals of the drafts at ``rows`` only."""
        return DraftSignals(*(getattr(self, f.name)[rows] for f in fields(self)))

    def follower_interactions(self) -> FloatArray:
        """Per-action expectations for followers, who also react to quality: (drafts, 4)."""
        result: FloatArray = self.interactions * self.quality[:, None]
        return result


def draft_signals(drafts: Sequence[Draft], niche: Niche, params: ActionParams) -> DraftSignals:
    """The content signals of each draft of an account in ``niche``: the action mix of its
    format and market, caption and question (comments), quality, location and penalties."""
    formats = [draft.format for draft in drafts]
    qualities = [draft.quality for draft in drafts]
    captions = [draft.caption for draft in drafts]
    mix = np.asarray(params.base_mix()) * np.asarray(params.niche_actions[niche])
    per_format = {
        fmt: params.format_engagement[fmt] * mix * np.asarray(params.format_actions[fmt])
        for fmt in set(formats)
    }
    interactions = np.array([per_format[f] for f in formats], dtype=np.float64).reshape(-1, 4)
    length = np.array([len(c) for c in captions], dtype=np.float64)
    comment = 1.0 + params.caption_comment_gain * np.minimum(
        1.0, length / params.caption_reference_chars
    )
    comment += params.question_comment_gain * np.array(["?" in c for c in captions])
    interactions[:, 1] *= comment
    low = np.array([q is Quality.LOW for q in qualities])
    watermark = np.array([draft.watermark for draft in drafts], dtype=bool)
    negative = np.where(low, params.low_quality_negative, 1.0)
    negative *= np.where(watermark, params.watermark_negative, 1.0)
    located = np.array([bool(draft.location) for draft in drafts], dtype=bool)
    return DraftSignals(
        interactions=interactions,
        quality=np.array([params.quality_engagement[q] for q in qualities], dtype=np.float64),
        dwell=np.array([params.format_dwell[f] for f in formats], dtype=np.float64),
        negative=negative,
        location=np.where(located, 1.0 + params.location_value_gain, 1.0),
    )


def draft_signals_of_reference(params: ActionParams, fmt: Format = Format.PHOTO) -> DraftSignals:
    """The signals of a reference post: a plain, standard-quality post of ``fmt`` in an average
    market, without caption or location (one row)."""
    mix = np.asarray(params.base_mix()) * np.asarray(params.format_actions[fmt])
    return DraftSignals(
        interactions=(mix * params.format_engagement[fmt])[None, :],
        quality=np.ones(1),
        dwell=np.full(1, params.format_dwell[fmt]),
        negative=np.ones(1),
        location=np.ones(1),
    )


def negative_factor(negative: FloatArray, exponent: float, actions: ActionParams) -> FloatArray:
    """``(1 - P(negative))**exponent`` per draft: how much negative feedback keeps of a value."""
    chance = np.minimum(actions.reference_negative_rate * negative, 1.0 - 1e-9)
    result: FloatArray = np.exp(exponent * np.log1p(-chance))
    return result


def non_follower_level(level: float, params: ActionParams) -> float:
    """Non-follower interactions per viewer relative to the reference follower rate."""
    scaled = max(level, 0.0) ** params.non_follower_interaction_elasticity
    return float(params.non_follower_interaction_ratio * scaled)


def follows_per_non_follower_unit(params: ActionParams) -> float:
    """Follows per non-follower interaction unit (a non-follower reached at a reference
    account's level and appeal 1): the profile visits strangers make per unit times the follows
    per visit. What the reported follows count, and what the Reels follow term ranks on."""
    visits = params.non_follower_profile_visit_rate / params.non_follower_interaction_ratio
    return visits * params.follows_per_profile_visit
