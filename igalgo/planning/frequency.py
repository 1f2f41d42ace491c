"""How often to post: the weekly reach on one surface for 1..N posts a week in the week's
chosen slots, the account's own posts competing, and the recommended number."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from igalgo.domain import Account, Format, Surface
from igalgo.planning.params import DEFAULT_PLAN_PARAMS, PlanParams
from igalgo.planning.slots import Slot, SlotGrid
from igalgo.planning.weeks import weekly_reach
from igalgo.world.model import Simulation


@dataclass(frozen=True)
class FrequencyPoint:
    """Posting N times a week on the surface."""

    posts_per_week: int
    weekly_reach: float
    """Typical weekly reach: the sum over the week's posts of their median reach on the surface
    (accounts reached per post, added up: someone reached by two posts counts twice), the
    posts competing."""
    marginal_reach: float
    """What the N-th post adds to ``weekly_reach``: its own reach minus what it takes from the
    week's other posts (the slots of N posts are those of N - 1 and one more)."""
    slots: tuple[Slot, ...]
    """Where the N posts go, in week order."""
    weekly_expected: float = 0.0
    """The same sum with each post's mean reach (expected weekly reach)."""

    @property
    def per_post(self) -> float:
        """Typical reach per post."""
        return self.weekly_reach / self.posts_per_week


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
    capacity: int | None = None
    """What the account can produce per week for this surface (the profile's ``capacity:``);
    :attr:`recommended` never exceeds it. None: no limit said."""
    by_curve: int | None = None
    """What the curve alone recommends (:func:`recommend`); more than :attr:`recommended`
    only when the capacity holds it back. None: the same as :attr:`recommended`."""

    def at(self, posts_per_week: float) -> FrequencyPoint | None:
        """The point for a frequency rounded half up (2.5 is 3), or None outside the curve."""
        wanted = int(posts_per_week + 0.5)
        return next((p for p in self.points if p.posts_per_week == wanted), None)

    @property
    def habit(self) -> str:
        """Where the current habit lies: ``none`` (no posts), ``below`` the first point,
        ``within`` the curve or ``beyond`` its last point."""
        if self.current <= 0:
            return "none"
        if not self.points or self.current > self.points[-1].posts_per_week + 0.5:
            return "beyond"
        if self.current < 1:
            return "below"
        return "within"


def frequency(
    simulation: Simulation,
    grid: SlotGrid,
    sequence: Sequence[Slot],
    *,
    plan_params: PlanParams = DEFAULT_PLAN_PARAMS,
) -> Frequency:
    """Weekly reach on the grid's surface for 1..len(sequence) posts a week.

    The N-th point puts the template of the grid's format in the first N slots of
    ``sequence`` (:func:`igalgo.planning.weeks.slot_sequence`), three weeks in a row, scored
    together; all N in ONE engine call (:func:`igalgo.planning.weeks.weekly_reach`).
    """
    patterns = [sorted(sequence[:count]) for count in range(1, len(sequence) + 1)]
    reached = weekly_reach(
        simulation,
        grid.format,
        grid.surface,
        patterns,
        grid.week_start,
        template=plan_params.template,
    )
    points: list[FrequencyPoint] = []
    previous = 0.0
    for count, week in enumerate(reached, start=1):
        points.append(
            FrequencyPoint(count, week.typical, week.typical - previous, week.slots, week.expected)
        )
        previous = week.typical
    reels = Format.REEL in grid.format_reach
    by_curve = recommend(points, plan_params.marginal_threshold)
    capacity = capacity_per_week(simulation.account, grid.surface, reels=reels)
    return Frequency(
        points=tuple(points),
        recommended=by_curve if capacity is None else min(by_curve, capacity),
        threshold=plan_params.marginal_threshold,
        current=current_per_week(simulation.account, grid.surface, reels=reels),
        capacity=capacity,
        by_curve=by_curve,
    )


def recommend(points: Sequence[FrequencyPoint], threshold: float) -> int:
    """The largest N such that every post up to the N-th adds at least ``threshold`` times the
    weekly reach of one post a week; 0 when one post a week reaches nobody (more posts would
    only multiply nothing). A lower threshold never recommends fewer posts."""
    if not points or points[0].weekly_reach <= 0:
        return 0
    first = points[0].weekly_reach
    recommended = 1
    for point in points[1:]:
        if point.marginal_reach < threshold * first:
            break
        recommended = point.posts_per_week
    return recommended


def current_per_week(account: Account, surface: Surface, *, reels: bool = True) -> float:
    """The account's current posts per week that can reach ``surface``, from its profile.

    Feed and Explore show feed posts and reels (a reel is shared to the feed), the Reels tab
    only reels, the stories tray only stories. ``reels=False`` leaves reels out of feed and
    Explore: a plan of all surfaces plans them in a lane of their own.
    """
    posting = account.posting
    if surface is Surface.STORIES:
        return posting.stories_per_week
    if surface is Surface.REELS:
        return posting.reels_per_week
    return posting.feed_per_week + (posting.reels_per_week if reels else 0.0)


def capacity_per_week(account: Account, surface: Surface, *, reels: bool = True) -> int | None:
    """What the account can produce per week that can reach ``surface`` (the profile's
    ``capacity:``, counted as :func:`current_per_week` counts the habit), or None when the
    profile says no limit for it."""
    capacity = account.capacity
    if capacity is None:
        return None
    if surface in (Surface.STORIES, Surface.REELS):
        return capacity.get(surface)
    feed, reel = capacity.get(Surface.FEED), capacity.get(Surface.REELS)
    if feed is None or (reels and reel is None):
        return None
    return feed + ((reel or 0) if reels else 0)
