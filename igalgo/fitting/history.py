"""An account's published posts as the model sees them: drafts it can score, and the reach
and interactions they actually got."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from igalgo.domain import Draft, Format, PublishedPost
from igalgo.engine.arrays import BoolArray, FloatArray, IntArray

ACTIONS: tuple[str, ...] = ("likes", "comments", "saves", "shares")
"""The interactions an engagement rate counts, in the model's order."""

TIMED = frozenset({Format.VIDEO, Format.REEL})


@dataclass(frozen=True)
class History:
    """Posts with a measured or derived reach, oldest first."""

    posts: tuple[PublishedPost, ...]
    drafts: tuple[Draft, ...]
    """Each post as a plain draft of its format, time and length (what the model can know)."""
    reach: FloatArray
    """Unique accounts reached per post."""
    interactions: FloatArray
    """Likes + comments + saves + shares per post, of the counts the export gives (NaN when it
    gives none)."""
    counted: BoolArray
    """Which of the four actions each post's export gives (posts, 4)."""

    @property
    def formats(self) -> list[Format]:
        return [post.format for post in self.posts]

    def rows_of(self, fmt: Format) -> IntArray:
        """Rows of the posts of ``fmt``."""
        return np.flatnonzero(np.array([f is fmt for f in self.formats], dtype=bool))

    def take(self, rows: IntArray) -> History:
        """The posts at ``rows`` only, in that order."""
        return History(
            tuple(self.posts[i] for i in rows),
            tuple(self.drafts[i] for i in rows),
            self.reach[rows],
            self.interactions[rows],
            self.counted[rows],
        )


def as_draft(post: PublishedPost) -> Draft:
    """A published post as a draft file would give it: its format, time and length; what the
    export does not say (caption, hashtags, audio, quality) takes a draft's defaults, so a
    draft scored later is predicted in the same context as the posts it was fitted on, and
    the fitted levels absorb the rest."""
    timed = post.format in TIMED
    return Draft(
        id=post.id,
        format=post.format,
        publish_at=post.published_at,
        duration_s=post.duration_s if timed else None,
    )


def history_of(posts: Sequence[PublishedPost]) -> History:
    """The posts that have a reach, oldest first, as a :class:`History`."""
    kept = sorted(
        (p for p in posts if p.reach is not None and p.reach > 0), key=lambda p: p.published_at
    )
    counts = np.array(
        [[np.nan if getattr(p, a) is None else getattr(p, a) for a in ACTIONS] for p in kept],
        dtype=np.float64,
    ).reshape(-1, len(ACTIONS))
    counted = ~np.isnan(counts)
    # A post whose export gives no like count says nothing about interaction.
    total = np.where(counted[:, 0], np.nansum(counts, axis=1), np.nan)
    return History(
        posts=tuple(kept),
        drafts=tuple(as_draft(p) for p in kept),
        reach=np.array([float(p.reach or 0.0) for p in kept], dtype=np.float64),
        interactions=total,
        counted=counted,
    )
