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

from igalgo.domain import Draft, Format, Origin
from igalgo.engine.arrays import FloatArray
from igalgo.parameters import Declared, positive, published, share, stated
from igalgo.world.account import AccountModel


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

    originality_window_days: Annotated[
        float, positive("days"), published("T25: a rolling 30 days, 30 Apr 2026")
    ] = 30.0
    """Days over which Instagram counts the account's unoriginal posts. Source: the
    originality rule of 30 Apr 2026 (sources.md T25)."""

    unoriginal_limit: Annotated[
        float, share("fraction of posts"), published("T25: accounts that mostly post unoriginal")
    ] = 0.5
    """Share of unoriginal posts above which the account is recommended to no one. Source:
    accounts that "mostly" post unoriginal content are not recommended (sources.md T25)."""


_COUNTED = frozenset({Format.PHOTO, Format.CAROUSEL, Format.REEL, Format.VIDEO})
"""Formats the originality rule counts (photos, carousels, reels; a feed video is a reel)."""


def unoriginal_share_with(
    draft: Draft, posts_per_week: float, unoriginal_share: float, params: DemotionParams
) -> float:
    """The account's share of unoriginal posts over the last 30 days when ``draft`` goes out:
    its usual posts (``posts_per_week``, feed and reels, over
    :attr:`DemotionParams.originality_window_days`, at least one), of which
    ``unoriginal_share`` are unoriginal, and the draft itself (T25)."""
    usual = max(posts_per_week * params.originality_window_days / 7.0, 1.0)
    counted = draft.format in _COUNTED
    unoriginal = unoriginal_share * usual + (counted and draft.origin is not Origin.ORIGINAL)
    return float(unoriginal / (usual + counted))


def originality_gates(
    drafts: Sequence[Draft], model: AccountModel, params: DemotionParams
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
