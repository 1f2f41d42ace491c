"""The model's numbers the strategy checklist judges from, folded one draft at a time, so
that ``igalgo score`` can judge a file of any size in constant memory."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from igalgo.domain import DraftEstimate, Driver, Format, Lever, Surface


@dataclass
class Evidence:
    """The model's numbers the checklist needs, accumulated draft by draft.

    It holds sums and maxima only, so a report over 100,000 drafts folds them in one pass in
    constant memory (``igalgo score --format ndjson``).
    """

    drafts: int = 0
    """How many estimates were added."""
    reach: dict[Surface, float] = field(default_factory=lambda: dict.fromkeys(Surface, 0.0))
    """Sum over drafts of median reach per surface."""
    followers: float = 0.0
    """Sum over drafts and surfaces of median reach among followers."""
    non_followers: float = 0.0
    """Sum over drafts and surfaces of median reach among non-followers."""
    strangers: dict[Format, float] = field(default_factory=dict)
    """Per format, the sum over its drafts and their surfaces of median reach among
    non-followers."""
    stranger_top: tuple[float, str] = (0.0, "")
    """The draft with the most median reach among non-followers: (that reach, its id)."""
    eligible: dict[Surface, int] = field(default_factory=lambda: dict.fromkeys(Surface, 0))
    """Drafts eligible for each surface (to average reach per draft there)."""
    interactions: float = 0.0
    """Sum over drafts of typical likes + comments + saves + shares."""
    dispersion: dict[Surface, tuple[float, str, float, float]] = field(default_factory=dict)
    """Per surface, the widest P90/P10 seen: (ratio, draft id, p10, p90)."""
    best_driver: dict[Lever, tuple[float, str, Driver]] = field(default_factory=dict)
    """Per lever, the largest driver seen: (effect, draft id, driver)."""
    driver_counts: dict[Lever, int] = field(default_factory=dict)
    """Per lever, how many drafts have a driver of it."""

    def add(self, estimate: DraftEstimate, found: Sequence[Driver] = ()) -> None:
        """Fold one draft's estimate and its drivers in."""
        self.drafts += 1
        draft_id = estimate.draft.id
        for surface, result in estimate.surfaces.items():
            if not result.eligible:
                continue
            reach = result.reach
            self.eligible[surface] += 1
            self.reach[surface] += reach.p50
            self.followers += result.followers
            self.non_followers += result.non_followers
            if reach.p10 > 0:
                ratio = reach.p90 / reach.p10
                # Ties go to the larger id, so the result does not depend on the order.
                if (ratio, draft_id) > self.dispersion.get(surface, (0.0, "", 0.0, 0.0))[:2]:
                    self.dispersion[surface] = (ratio, draft_id, reach.p10, reach.p90)
        strangers = sum(r.non_followers for r in estimate.surfaces.values() if r.eligible)
        fmt = estimate.draft.format
        self.strangers[fmt] = self.strangers.get(fmt, 0.0) + strangers
        if strangers > 0 and (strangers, draft_id) > self.stranger_top:
            self.stranger_top = (strangers, draft_id)
        actions = estimate.actions.typical
        self.interactions += actions.likes + actions.comments + actions.saves + actions.shares
        for driver in found:
            self.driver_counts[driver.lever] = self.driver_counts.get(driver.lever, 0) + 1
            kept = self.best_driver.get(driver.lever)
            if kept is None or (driver.effect, draft_id) > kept[:2]:
                self.best_driver[driver.lever] = (driver.effect, draft_id, driver)
