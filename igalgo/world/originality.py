"""Instagram's originality rule of 30 Apr 2026 (docs/sources.md T25): an account whose posts of
a rolling 30 days are mostly unoriginal is recommended to no one, while its followers still see
its posts. Plain Python (no numpy), so that the checklist can say when the rule applies."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from igalgo.domain import Draft, Format, Origin
from igalgo.parameters import Declared, positive, published, share


@dataclass(frozen=True)
class OriginalityParams(Declared):
    """The originality rule's window and limit."""

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
    draft: Draft, posts_per_week: float, unoriginal_share: float, params: OriginalityParams
) -> float:
    """The account's share of unoriginal posts over the last 30 days when ``draft`` goes out:
    its usual posts (``posts_per_week``, feed and reels, over
    :attr:`OriginalityParams.originality_window_days`, at least one), of which
    ``unoriginal_share`` are unoriginal, and the draft itself (T25)."""
    usual = max(posts_per_week * params.originality_window_days / 7.0, 1.0)
    counted = draft.format in _COUNTED
    unoriginal = unoriginal_share * usual + (counted and draft.origin is not Origin.ORIGINAL)
    return float(unoriginal / (usual + counted))
