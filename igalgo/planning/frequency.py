"""How often to post: the expected weekly reach on one surface for 1..N posts a week in the
best slots, the account's own posts competing, and the recommended number."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np

from igalgo.advice.templates import template_draft
from igalgo.domain import Account, Surface
from igalgo.engine.settings import DEFAULT_SETTINGS, EngineSettings
from igalgo.planning.params import DEFAULT_PLAN_PARAMS, PlanParams
from igalgo.planning.slots import Slot, SlotGrid, best_slots, slot_time
from igalgo.world.model import score_drafts

FREQUENCY_GAP_WEEKS = 1
"""Empty weeks between the schedules of different frequencies in :func:`frequency`'s single
engine call (numerical: far longer than any window in which the account's posts compete)."""


@dataclass(frozen=True)
class FrequencyPoint:
    """Posting N times a week on the surface."""

    posts_per_week: int
    weekly_reach: float
    """Sum over the week's posts of their mean reach on the surface (accounts reached per
    post, added up: someone reached by two posts counts twice), posts competing."""
    marginal_reach: float
    """What the N-th post adds to ``weekly_reach``."""
    slots: tuple[Slot, ...]
    """Where the N posts go (the best slots at the spacing rule)."""


@dataclass(frozen=True)
class Frequency:
    """The frequency curve, the recommendation and the account's current habit."""

    points: tuple[FrequencyPoint, ...]
    """N = 1 .. max, in order."""
    recommended: int
    threshold: float
    """The :attr:`~igalgo.planning.params.PlanParams.marginal_threshold` used."""
    current: float
    """The account's current posts per week on this surface (from its profile)."""

    def at(self, posts_per_week: float) -> FrequencyPoint | None:
        """The point for a (rounded) frequency, or None outside the curve."""
        wanted = round(posts_per_week)
        return next((p for p in self.points if p.posts_per_week == wanted), None)


def frequency(
    account: Account,
    grid: SlotGrid,
    *,
    settings: EngineSettings = DEFAULT_SETTINGS,
    seed: int = 0,
    params: PlanParams = DEFAULT_PLAN_PARAMS,
    batched: bool = True,
) -> Frequency:
    """Expected weekly reach on the grid's surface for 1..max posts a week.

    For each N the template of the grid's format goes into the N best slots of three
    consecutive weeks (so that the middle week's posts have competing neighbours on both
    sides), scored together (``compete=True``); the middle week's mean reach is summed.

    All N go into ONE engine call (``batched``), :data:`FREQUENCY_GAP_WEEKS` empty weeks
    apart, so that they do not touch each other; ``batched=False`` scores one call per N, the
    same numbers (docs/decisions/0022-frequency-curve-in-one-engine-call.md).
    """
    surface = grid.surface
    spacing = params.min_spacing_hours[surface]
    zone = ZoneInfo(account.timezone)
    patterns: list[tuple[Slot, ...]] = []
    for count in range(1, params.max_posts_per_week[surface] + 1):
        slots = best_slots(grid, count, spacing)
        if len(slots) < count:
            break  # the spacing rule leaves no room for more
        patterns.append(slots)
    blocks: list[list[tuple[bool, datetime]]] = []
    week = 0
    for slots in patterns:
        while True:  # the first three weeks from `week` in which every slot's hour exists
            times = [
                (offset == 1, slot_time(grid.week_start, week + offset, slot, zone))
                for offset in range(3)
                for slot in slots
            ]
            if all(when is not None for _, when in times):
                break
            week += 1
        blocks.append([(middle, when) for middle, when in times if when is not None])
        week += 3 + FREQUENCY_GAP_WEEKS
    drafts = [
        [template_draft(grid.format, when, params.template) for _, when in block]
        for block in blocks
    ]
    if batched:
        flat = score_drafts(
            account, [d for block in drafts for d in block], settings=settings, seed=seed
        )
        sizes = np.cumsum([0, *(len(block) for block in drafts)])
        estimates = [flat[sizes[i] : sizes[i + 1]] for i in range(len(drafts))]
    else:
        estimates = [score_drafts(account, block, settings=settings, seed=seed) for block in drafts]
    points: list[FrequencyPoint] = []
    previous = 0.0
    for slots, block, scored in zip(patterns, blocks, estimates, strict=True):
        weekly = sum(
            estimate.surfaces[surface].reach.mean
            for (middle, _), estimate in zip(block, scored, strict=True)
            if middle
        )
        points.append(FrequencyPoint(len(slots), weekly, weekly - previous, slots))
        previous = weekly
    return Frequency(
        points=tuple(points),
        recommended=recommend(points, params.marginal_threshold),
        threshold=params.marginal_threshold,
        current=current_per_week(account, surface),
    )


def recommend(points: Sequence[FrequencyPoint], threshold: float) -> int:
    """The largest N such that every post up to the N-th adds at least ``threshold`` times the
    weekly reach of one post a week; 0 when one post a week reaches nobody (more posts would
    only multiply nothing)."""
    if not points or points[0].weekly_reach <= 0:
        return 0
    first = points[0].weekly_reach
    recommended = 1
    for point in points[1:]:
        if point.marginal_reach < threshold * first:
            break
        recommended = point.posts_per_week
    return recommended


def current_per_week(account: Account, surface: Surface) -> float:
    """The account's current posts per week that can reach ``surface``, from its profile.

    Feed and Explore show feed posts and reels (a reel is shared to the feed), the Reels tab
    only reels, the stories tray only stories.
    """
    posting = account.posting
    if surface is Surface.STORIES:
        return posting.stories_per_week
    if surface is Surface.REELS:
        return posting.reels_per_week
    return posting.feed_per_week + posting.reels_per_week
