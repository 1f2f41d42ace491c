"""The answer first: the three recommendations a client report opens with, each with what it is
expected to bring and what it rests on (:class:`igalgo.parameters.Evidence`).

They are chosen from what ``score`` and ``plan`` already said: the drafts' drivers (the largest
effect of each kind of change), the plan's frequency per kind of post, and the checklist's
items that ask for action. Advice resting on an assumption ranks below the rest; a driver's
grade is the one the advice gave it (:mod:`igalgo.advice.grades`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from igalgo.app.plan import Plan
from igalgo.app.results import AccountReport
from igalgo.domain import ChecklistItem, Driver, Lever, Status, Surface
from igalgo.parameters import Evidence

RECOMMENDATIONS = 3
"""How many recommendations the report opens with."""

CHECKLIST_EVIDENCE: dict[str, Evidence] = {
    "timing": Evidence.STATED,
    "audience_presence": Evidence.STATED,
}
"""What checklist items rest on; the others are the seed article's rules of thumb
(:attr:`Evidence.ASSUMED`)."""


@dataclass(frozen=True)
class Recommendation:
    """One recommendation: a driver of a draft, a frequency, or a checklist item."""

    evidence: Evidence
    effect: float | None
    """The expected relative gain (0.2 = +20 %) when the model measures one."""
    driver: Driver | None = None
    draft_id: str | None = None
    """The draft the driver was measured on."""
    drafts: int = 0
    """How many drafts the same kind of change helps."""
    lane: Surface | None = None
    """The kind of post of a frequency recommendation."""
    per_week: int = 0
    current: float = 0.0
    weekly_reach: float = 0.0
    """Typical weekly reach of the lane at the recommended frequency."""
    item: ChecklistItem | None = None


def _rank(recommendation: Recommendation) -> tuple[bool, float]:
    """Assumptions last, then the largest effect first (no effect: after those with one)."""
    effect = recommendation.effect if recommendation.effect is not None else -1.0
    return (recommendation.evidence is Evidence.ASSUMED, -effect)


def _from_drivers(found: Sequence[tuple[str, Driver]]) -> list[Recommendation]:
    """The strongest driver of each kind of change, with how many drafts it helps."""
    best: dict[Lever, tuple[str, Driver]] = {}
    helped: dict[Lever, set[str]] = {}
    for draft_id, driver in found:
        helped.setdefault(driver.lever, set()).add(draft_id)
        if driver.lever not in best or driver.effect > best[driver.lever][1].effect:
            best[driver.lever] = (draft_id, driver)
    return [
        Recommendation(
            evidence=driver.evidence,
            effect=driver.effect,
            driver=driver,
            draft_id=draft_id,
            drafts=len(helped[lever]),
        )
        for lever, (draft_id, driver) in best.items()
    ]


def _from_frequency(plan: Plan) -> list[Recommendation]:
    """Each kind of post whose recommended frequency differs from the account's habit."""
    found = []
    for lane in plan.lanes:
        curve = lane.frequency
        target = curve.at(curve.recommended)
        habit = curve.at(curve.current)
        if target is None or curve.recommended == round(curve.current):
            continue
        before = habit.weekly_reach if habit is not None else 0.0
        effect = target.weekly_reach / before - 1.0 if before > 0 else None
        found.append(
            Recommendation(
                evidence=Evidence.ASSUMED,
                effect=effect,
                lane=lane.surface,
                per_week=curve.recommended,
                current=curve.current,
                weekly_reach=target.weekly_reach,
            )
        )
    return found


def _from_checklist(items: Sequence[ChecklistItem]) -> list[Recommendation]:
    """The items that ask for action, then those worth improving."""
    order = {Status.ACT: 0, Status.IMPROVE: 1}
    chosen = sorted((i for i in items if i.status in order), key=lambda i: order[i.status])
    return [
        Recommendation(evidence=CHECKLIST_EVIDENCE.get(i.id, Evidence.ASSUMED), effect=None, item=i)
        for i in chosen
    ]


def recommendations(scored: AccountReport | None, plan: Plan) -> tuple[Recommendation, ...]:
    """The report's opening recommendations, best first: measured changes (drivers of the
    drafts or of the planned posts, and frequencies) ranked by :func:`_rank`, then checklist
    items to fill up to :data:`RECOMMENDATIONS`."""
    found: list[tuple[str, Driver]] = []
    if scored is not None:
        found += [(r.estimate.draft.id, d) for r in scored.results for d in r.drivers]
    found += [(p.draft.id, d) for p in plan.schedule.posts for d in p.drivers]
    measured = sorted(_from_drivers(found) + _from_frequency(plan), key=_rank)
    chosen = measured[:RECOMMENDATIONS]
    items = scored.checklist if scored is not None else plan.checklist
    chosen += _from_checklist(items)[: RECOMMENDATIONS - len(chosen)]
    return tuple(chosen)
