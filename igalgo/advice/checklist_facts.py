"""What a checklist rule judges from, and how advice names a draft."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from igalgo.advice.best_hours import HourMeasure
from igalgo.advice.checklist_params import ChecklistParams
from igalgo.advice.drivers import DEFAULT_DRIVER_PARAMS, DriverParams
from igalgo.advice.evidence import Evidence
from igalgo.advice.wording import effect_words, format_word, surface_word
from igalgo.domain import ALL_SURFACES, Account, Draft, Lever, Surface
from igalgo.language import Moment, tr


@dataclass(frozen=True)
class Curve:
    """What a plan's frequency curve says for one lane (the frequency item's reference)."""

    recommended: int
    """Posts a week the plan recommends: the curve's number, at most the capacity."""
    by_curve: int
    """What the curve alone recommends."""
    capacity: int | None
    """The profile's capacity for the lane; None: no limit said."""
    current: float
    """The profile's habit, posts a week."""
    one_more: float | None
    """What one post more than the recommendation adds to the weekly reach (None: beyond the
    curve)."""


@dataclass(frozen=True)
class Facts:
    """What a checklist rule judges from: the profile, the drafts and the model's numbers."""

    account: Account
    drafts: Sequence[Draft]
    evidence: Evidence
    checklist_params: ChecklistParams
    surfaces: frozenset[Surface] = ALL_SURFACES
    """The surfaces the user asked about; rules speak of those (a stories plan hears about
    stories, not feed posts)."""
    template: bool = False
    """True when the drafts are the planner's plain template posts: the planner chose their
    format and left out captions, so format mix and presentation are not the user's to judge."""
    driver_params: DriverParams = DEFAULT_DRIVER_PARAMS
    """The parameters the drivers in :attr:`evidence` were found with: a change below their
    ``min_effect`` was not reported, which is what a rule may conclude from a missing driver."""
    slots: Mapping[Surface, Sequence[str]] = field(default_factory=dict)
    """A plan's recommended slots per surface, as labels (``Sat 06:00``)."""
    curves: Mapping[Surface, Curve] = field(default_factory=dict)
    """A plan's frequency curve per lane; frequency judges the habit by it when given."""
    hours: HourMeasure | None = None
    """The model's reach by hour of each kind of post (:mod:`igalgo.advice.best_hours`): the
    timing and audience items judge the usual times by it when given."""
    rate: float | None = None
    """The account's engagement rate as managers count it
    (:func:`igalgo.advice.measuring.account_rate`), when found already where the drafts were
    scored; None: found when judged."""


def named(facts: Facts, draft_id: str) -> str:
    """A draft as advice names it: its id in quotes, or for the planner's template posts
    (whose ids the user never wrote) its format and local publish time."""
    if not facts.template:
        return f"'{draft_id}'"
    draft = next((d for d in facts.drafts if d.id == draft_id), None)
    if draft is None:
        return f"'{draft_id}'"
    local = draft.publish_at.astimezone(ZoneInfo(facts.account.timezone))
    return tr(
        "the {format} of {when}",
        format=format_word(draft.format),
        when=Moment(local, "weekday_day_time"),
    )


def reach_per_draft(evidence: Evidence, surface: Surface) -> float:
    """Mean over the drafts that can be shown on ``surface`` of their median reach there."""
    count = evidence.eligible[surface]
    return evidence.reach[surface] / count if count else 0.0


def quote_driver(facts: Facts, *levers: Lever) -> str:
    """``; the model's largest gain from fixing this is feed reach +41 % ('id')`` for the
    best driver of the levers over all drafts, or an empty string when they have none."""
    found = [
        facts.evidence.best_driver[lever] for lever in levers if lever in facts.evidence.best_driver
    ]
    if not found:
        return ""
    effect, draft_id, driver = max(found, key=lambda kept: (kept[0], kept[1]))
    where = surface_word("total" if driver.opens_surface else driver.surface)
    return tr(
        "; the model's largest gain from fixing this is {surface} reach {effect} ({draft})",
        surface=where,
        effect=effect_words(effect),
        draft=named(facts, draft_id),
    )
