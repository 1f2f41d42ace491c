"""The profile's ``capacity:``: what the account can produce per week, per kind of post."""

from __future__ import annotations

from igalgo.domain import Surface
from igalgo.inputs.declarations import Field, Kind, Shape
from igalgo.parameters import FrozenMap

_CAPACITY_LANES = {
    "feed_per_week": Surface.FEED,
    "reels_per_week": Surface.REELS,
    "stories_per_week": Surface.STORIES,
}
"""The plan lane each ``capacity:`` key limits (named like ``posting:``'s frequencies)."""

CAPACITY = Shape(
    title="capacity",
    description="What the account can produce per week, per kind of post: `igalgo plan` "
    "never recommends more.",
    fields=tuple(
        Field(name, Kind.INTEGER, f"{what} it can produce per week.", minimum=0, maximum=most)
        for name, what, most in (
            ("feed_per_week", "Feed posts (photos, carousels, videos)", 100),
            ("reels_per_week", "Reels", 100),
            ("stories_per_week", "Stories", 700),
        )
    ),
    build=lambda **given: FrozenMap({_CAPACITY_LANES[key]: value for key, value in given.items()}),
)
