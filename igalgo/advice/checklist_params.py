"""Thresholds of the strategy checklist's rules (:mod:`igalgo.advice.checklist`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from igalgo.parameters import Declared, at_least, non_negative, share


@dataclass(frozen=True)
class ChecklistParams(Declared):
    """Thresholds of the checklist rules: where ``ok`` turns into ``improve`` and ``act``."""

    non_follower_share_improve: Annotated[float, share("share of median reach")] = 0.20
    """Below this share of median reach from non-followers, the market item says improve.
    Assumption: Meta says over half of what people see on Instagram is recommended (2024)."""

    non_follower_share_act: Annotated[float, share("share of median reach")] = 0.08
    """Below this share in a market of low popularity, the market item says act. Assumption."""

    activity_improve: Annotated[
        float, share("fraction of the followers online at the peak hour")
    ] = 0.80
    """A usual posting time when fewer followers are online than this fraction of the
    account's peak hour makes audience presence say improve. Assumption."""

    activity_act: Annotated[float, share("fraction of the followers online at the peak hour")] = (
        0.50
    )
    """Below this fraction of the peak, audience presence says act. Assumption."""

    timing_improve: Annotated[float, share("fraction of the best hour's median reach")] = 0.90
    """A draft that gets less than this fraction of the median reach the best hour of its day
    gives on its main surface (the model's counterfactual) makes timing say improve.
    Assumption: a tenth of the reach is worth moving a post for."""

    timing_act: Annotated[float, share("fraction of the best hour's median reach")] = 0.70
    """Below this fraction, timing says act. Assumption."""

    min_gap_h: Annotated[float, non_negative("hours")] = 3.0
    """Hours. Two drafts closer than this on a surface they share make frequency say act;
    closer than the spacing rule (:attr:`igalgo.advice.drivers.DriverParams.min_spacing_hours`)
    but not this close, improve. Assumption: feed recency decays over hours (sources.md
    brief)."""

    min_feed_posts_per_week: Annotated[float, non_negative("posts per week")] = 2.0
    """Fewer feed posts (photo, carousel, video, reel) per week than this makes frequency say
    improve. Assumption: the seed's "keep posting, give it time"."""

    min_stories_per_week: Annotated[float, non_negative("posts per week")] = 3.0
    """The same for stories, when the checklist is about stories alone. Assumption: stories
    keep followers in touch when they come several times a week."""

    min_reels_per_week: Annotated[float, non_negative("posts per week")] = 1.0
    """The same for reels, when the checklist is about the Reels tab alone. Assumption."""

    engagement_improve: Annotated[float, non_negative("ratio to the usual rate")] = 0.8
    """Engagement rate, relative to the usual rate of accounts of the same size and type
    (``InteractionParams``: the medians of sources.md T17, brands 0.5-0.7 %), below which
    interaction says improve. Assumption: a fifth under the median."""

    engagement_act: Annotated[float, non_negative("ratio to the usual rate")] = 0.4
    """The same ratio below which interaction says act: under half the usual rate.
    Assumption."""

    short_caption_chars: Annotated[int, at_least(0, "characters")] = 20
    """A caption shorter than this counts as missing for profiling. Assumption."""

    dispersion_improve: Annotated[float, at_least(1, "P90/P10")] = 5.0
    """P90/P10 of a surface's reach above which one post says little and measuring advises
    judging over several posts. Source: calibration T13 (explore and reels are heavy-tailed)."""

    dispersion_steady: Annotated[float, at_least(1, "P90/P10")] = 2.0
    """P90/P10 of a surface's reach at or below which, on every draft, measuring says that
    one post's numbers there can be judged alone. Assumption: its P10 and P90 within a factor
    of two of each other, as feed reach typically is (calibration T13)."""

    def check_relations(self) -> None:
        """Each act threshold lies at or below its improve threshold: an inverted band would
        skip "improve" and call "act" on the milder case; a steady surface is narrower than a
        wide one."""
        self.check_order("dispersion_steady", "dispersion_improve", "P90/P10")
        for prefix, unit in (
            ("non_follower_share", "share of median reach"),
            ("activity", "fraction of the followers online at the peak hour"),
            ("timing", "fraction of the best hour's median reach"),
            ("engagement", "ratio to the usual rate"),
        ):
            self.check_order(f"{prefix}_act", f"{prefix}_improve", unit)


DEFAULT_CHECKLIST_PARAMS = ChecklistParams()
"""The checklist thresholds igalgo uses unless told otherwise."""
