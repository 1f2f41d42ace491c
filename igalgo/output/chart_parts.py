"""What the client report's charts are made of besides matplotlib: the :class:`Chart` record,
their words (titles, alternative texts, axes, surface and weekday names) and the number format,
in a module light enough for a process that only draws (it imports no model).

The rest of the report's sentences are in :mod:`igalgo.output.report_phrases`, which
re-exports these.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, overload

from igalgo.language import N_, gettext, number, weekday_name


@dataclass(frozen=True)
class Chart:
    """One chart as inline SVG markup, with what it shows in words."""

    name: str
    title: str
    description: str
    svg: str
    """The ``<svg>`` element, ready to be written into HTML as it is."""


class Translated(Mapping[Any, str]):
    """A mapping of message ids whose values are read in the active language."""

    def __init__(self, messages: dict[Any, str]) -> None:
        """``messages``: keys to message ids (marked with ``N_``)."""
        self._messages = messages

    def __getitem__(self, key: Any) -> str:
        """The value of ``key`` in the active language."""
        return gettext(self._messages[key])

    def __iter__(self) -> Iterator[Any]:
        """The keys, in order."""
        return iter(self._messages)

    def __len__(self) -> int:
        """How many keys."""
        return len(self._messages)


class Said(Sequence[str]):
    """A sequence whose items are said in the active language when they are read."""

    def __init__(self, items: Sequence[Any], say: Callable[[Any], str]) -> None:
        """``items`` and the function that says one of them (``gettext``, ``weekday_name``)."""
        self._items, self._say = items, say

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        """The item (or items) in the active language."""
        if isinstance(index, slice):
            return [self._say(item) for item in self._items[index]]
        return self._say(self._items[index])

    def __len__(self) -> int:
        """How many items."""
        return len(self._items)


SURFACE_WORDS = Translated(
    {
        "feed": N_("Feed"),
        "stories": N_("Stories"),
        "explore": N_("Explore"),
        "reels": N_("Reels"),
    }
)
"""A surface's name as a heading says it."""

WEEKDAY_WORDS = Said(range(7), weekday_name)
"""Weekdays, Monday first, as the calendar heads its columns."""

CHART = Translated(
    {
        "none": N_("none"),
        "drafts_title": N_("Expected reach per draft and surface"),
        "draft_part": N_("{draft} {p50} in all ({p10} to {p90})"),
        "drafts_description": N_(
            "Per surface, each draft's typical reach as a bar (followers grey, non-followers in "
            "colour) and the range where 8 of 10 outcomes fall as a line. Totals: {parts}."
        ),
        "heatmaps_title": N_("Best hours for {lanes}"),
        "heatmap_title": N_("{lane} (darkest: about {reach})"),
        "heatmap_part": N_(
            "{lane}: a {format} reaches most on {day} at {hour} ({reach}); recommended slots: "
            "{slots}."
        ),
        "heatmaps_description": N_(
            "Typical reach of a plain post by weekday and local hour. {parts}"
        ),
        "heatmap_x": N_("local hour (\u25cb recommended)"),
        "frequency_title": N_("Posts a week and the reach they bring"),
        "frequency_part": N_("{lane}: {posts} a week recommended"),
        "frequency_description": N_("Typical weekly reach for 1 to N posts a week; {parts}."),
        "frequency_x": N_("posts a week (\u25cf recommended)"),
        "frequency_y": N_("typical weekly reach"),
        "accuracy_title": N_("Predicted ranges against what the newest posts reached"),
        "accuracy_description": N_(
            "{posts} posts, oldest first: {inside} reached a number inside their predicted "
            "8-in-10 range; the grey dashes are the account's own median of earlier posts of "
            "the same format."
        ),
        "accuracy_predicted": N_("predicted (typical)"),
        "accuracy_actual": N_("actual reach"),
        "accuracy_naive": N_("own median"),
        "accuracy_y": N_("reach (log scale)"),
    }
)
"""The charts' titles, alternative texts, axes and legends."""


def count(value: float) -> str:
    """``4,200``: a count of accounts (``4.200`` in Dutch)."""
    return number(value)
