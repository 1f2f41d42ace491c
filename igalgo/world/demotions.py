"""The demotions Meta names for recommended reels: muted, bordered, mostly text, or already
posted on Instagram (sources.md §8). Instagram says such reels are shown less but gives no
size, so each factor is a stated direction with an assumed magnitude. They act on the reach
Explore and Reels recommend (with the watermark and low quality, whose factors live with each
surface) and never on the followers' Feed and Stories. The originality rule of 30 Apr 2026 (T25) is
a gate of the same kind: an account whose recent posts are mostly unoriginal is recommended to
no one, while its followers still see its posts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated

import numpy as np

from igalgo.domain import Draft
from igalgo.engine.arrays import FloatArray
from igalgo.parameters import Declared, share, stated
from igalgo.world.account import AccountModel
from igalgo.world.originality import OriginalityParams, unoriginal_share_with


@dataclass(frozen=True)
class DemotionParams(Declared):
    """Recommended-reach multipliers of the draft flags Meta names as shown less."""

    muted_factor: Annotated[
        float, share("multiplier"), stated("§7, §8: muted reels are shown less; size assumed")
    ] = 0.6
    """Explore and Reels reach multiplier of a draft without sound (``muted``). Source: muted
    reels are shown less (Help Center, sources.md §7 and §8); magnitude assumption."""

    borders_factor: Annotated[
        float, share("multiplier"), stated("§8: reels with borders are shown less; size assumed")
    ] = 0.7
    """Explore and Reels reach multiplier of media inside borders (``borders``). Source: Meta
    names reels with borders as shown less (sources.md §8); magnitude assumption."""

    text_heavy_factor: Annotated[
        float, share("multiplier"), stated("§8: mostly-text reels are shown less; size assumed")
    ] = 0.7
    """Explore and Reels reach multiplier of media that is mostly text (``text_heavy``).
    Source: Meta names majority-text reels as shown less (sources.md §8); magnitude
    assumption."""

    reposted_factor: Annotated[
        float,
        share("multiplier"),
        stated("§5f, §8: reels already posted on Instagram are shown less; size assumed"),
    ] = 0.3
    """Explore and Reels reach multiplier of media already posted on Instagram (``reposted``).
    Source: Meta names reels already posted on Instagram as shown less, and Instagram replaces
    reposts with the original in recommendations (sources.md §5f and §8); magnitude
    assumption, as the watermark's (recycled content)."""


def originality_gates(
    drafts: Sequence[Draft], model: AccountModel, params: OriginalityParams
) -> FloatArray:
    """1 for each draft whose account may be recommended when it goes out, 0 when most of the
    account's posts of the last 30 days, this draft included, are not original (T25)."""
    result: FloatArray = np.array(
        [
            unoriginal_share_with(d, model.feed_per_week, model.unoriginal_share, params)
            <= params.unoriginal_limit
            for d in drafts
        ],
        dtype=np.float64,
    )
    return result


def demotion_factors(drafts: Sequence[Draft], params: DemotionParams) -> FloatArray:
    """Each draft's recommended-reach multiplier from its named demotions (1: none)."""
    result: FloatArray = np.array(
        [
            (params.muted_factor if draft.muted else 1.0)
            * (params.borders_factor if draft.borders else 1.0)
            * (params.text_heavy_factor if draft.text_heavy else 1.0)
            * (params.reposted_factor if draft.reposted else 1.0)
            for draft in drafts
        ],
        dtype=np.float64,
    )
    return result
