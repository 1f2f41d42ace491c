"""What each driver's effect rests on: the model parameters a lever acts through, and the
weakest evidence grade among them (:class:`igalgo.parameters.Evidence`).

A driver measures a lever with the model's counterfactual, so its effect is only as good as
the parameters that carry the lever into reach. :data:`LEVER_PARAMETERS` declares them per
lever; :func:`lever_evidence` reads their :class:`~igalgo.parameters.Source` with
:func:`~igalgo.parameters.declared_sources` (a field that declares none counts as
ASSUMED) and keeps the weakest. An account calibrated on its own posts can make the effects
of a format FITTED (:func:`calibrated_evidence`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from types import MappingProxyType

from igalgo.domain import Calibration, Format, Lever
from igalgo.parameters import Evidence, declared_sources
from igalgo.world.attention import AttentionParams
from igalgo.world.audience import AudienceParams
from igalgo.world.calibrated import effect_evidence
from igalgo.world.demotions import DemotionParams
from igalgo.world.diversity import DiversityParams
from igalgo.world.surfaces.explore import ExploreParams
from igalgo.world.surfaces.feed import FeedParams
from igalgo.world.surfaces.reels import ReelsParams
from igalgo.world.surfaces.stories import StoriesParams

__all__ = [
    "LEVER_PARAMETERS",
    "STRENGTH",
    "calibrated_evidence",
    "driver_evidence",
    "lever_evidence",
    "weakest",
]

Parameter = tuple[type, str]
"""A model parameter: its parameters class and field name."""

LEVER_PARAMETERS: Mapping[Lever, tuple[Parameter, ...]] = MappingProxyType(
    {
        # The hour: followers' sessions and how fast a post ages in each surface's inventory.
        Lever.TIME: (
            (AudienceParams, "sessions_per_day"),
            (FeedParams, "recency_half_life_hours"),
            (FeedParams, "newer_inventory_per_hour"),
            (StoriesParams, "recency_half_life_hours"),
            (ReelsParams, "timing_weight"),
            (ExploreParams, "timing_weight"),
        ),
        # The distance from the account's other posts: followers' limited attention and the
        # recommenders' author diversity.
        Lever.SPACING: (
            (AttentionParams, "half_life_hours"),
            (AttentionParams, "follower_budget"),
            (AttentionParams, "stories_budget"),
            (AttentionParams, "reels_non_follower_budget"),
            (ExploreParams, "same_author_decay"),
            (DiversityParams, "decay"),
        ),
        # Photo to carousel, feed video to reel: the second chance of a carousel's slides and
        # the Reels tab's test audience.
        Lever.FORMAT: (
            (FeedParams, "weight_dwell"),
            (ReelsParams, "test_audience_minimum"),
            (ReelsParams, "test_audience_per_follower"),
        ),
        # A reel's watch is judged against reels of the same length, so length acts only
        # through the interactions a longer watch brings.
        Lever.DURATION: (
            (ReelsParams, "reference_duration_s"),
            (ReelsParams, "longest_rewarded_s"),
            (ReelsParams, "attention_seconds"),
            (ReelsParams, "watch_interaction_elasticity"),
        ),
        # Sound on a muted reel: the muted demotion, the audio page sound opens and the views
        # that no longer leave within 3 s.
        Lever.AUDIO: (
            (DemotionParams, "muted_factor"),
            (ReelsParams, "weight_audio_page"),
            (ReelsParams, "skip_odds_muted"),
            (ReelsParams, "weight_short_view"),
        ),
        Lever.QUALITY: (
            (ReelsParams, "quality_factor"),
            (ExploreParams, "quality_factor"),
            (ReelsParams, "skip_odds_low_quality"),
            (ReelsParams, "weight_short_view"),
        ),
        Lever.WATERMARK: ((ReelsParams, "watermark_factor"), (ExploreParams, "watermark_factor")),
        Lever.HASHTAGS: ((ExploreParams, "hashtag_gain"), (ExploreParams, "hashtags_counted")),
        Lever.CAPTION: ((ExploreParams, "caption_gain"),),
    }
)
"""The model parameters each lever acts through (class, field); a driver's grade is the
weakest of theirs."""

STRENGTH: Mapping[Evidence, int] = MappingProxyType(
    {grade: rank for rank, grade in enumerate(Evidence)}
)
"""Rank of each grade, 0 the strongest (the order :class:`Evidence` declares them in)."""

CALIBRATED_LEVERS = frozenset({Lever.TIME, Lever.SPACING, Lever.DURATION})
"""The levers whose effects a calibration of the account's own levels scales (hour, weekday,
length, competition: decision 0128 of the calibration)."""


@cache
def lever_evidence(lever: Lever) -> Evidence:
    """The grade of the effects of ``lever``: the weakest of its parameters'."""
    return weakest(LEVER_PARAMETERS.get(lever, ()))


def weakest(parameters: Iterable[Parameter]) -> Evidence:
    """The weakest grade among ``parameters`` (ASSUMED for a field that declares no source,
    and for none at all)."""
    grades = [_grade(cls, name) for cls, name in parameters] or [Evidence.ASSUMED]
    return max(grades, key=STRENGTH.__getitem__)


def _grade(cls: type, name: str) -> Evidence:
    """One parameter's grade; ASSUMED when it declares no source."""
    source = declared_sources(cls).get(name)
    return Evidence.ASSUMED if source is None else source.evidence


def calibrated_evidence(calibration: Calibration | None, fmt: Format) -> Evidence | None:
    """FITTED when the account's own history sets the effects of drafts of ``fmt``
    (:func:`igalgo.world.calibrated.effect_evidence`); None: the effect keeps the grade of
    its parameters."""
    return effect_evidence(calibration, fmt)


def driver_evidence(lever: Lever, calibration: Calibration | None, fmt: Format) -> Evidence:
    """The grade of a driver of ``lever`` on a draft of ``fmt``."""
    if lever in CALIBRATED_LEVERS:
        fitted = calibrated_evidence(calibration, fmt)
        if fitted is not None:
            return fitted
    return lever_evidence(lever)
