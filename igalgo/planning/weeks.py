"""A repeating week of posts: its reach with the posts competing, and the slots chosen one
after the other for it.

:func:`weekly_reach` scores weekly patterns of a template post: each pattern three weeks in a
row, so that the middle week's posts have their own posts of the week before and after as
neighbours, scored together (``compete=True``); the middle week's posts, the only ones
sampled, are summed. All patterns go into ONE engine call, :data:`GAP_WEEKS` empty weeks
apart, so that they do not touch each other
(docs/decisions/0022-frequency-curve-in-one-engine-call.md).

:func:`slot_sequence` chooses the week's slots one at a time: the next slot is the candidate
hour (each weekday's best free hours by the heatmap's ranking, the hour measure of the
drivers and the checklist, at the spacing rule) with which the week reaches most, its posts
competing. So the slots of N posts are those of N - 1 and one more
(the frequency curve's rows differ by one post), and posts spread over the week exactly when
the model's competition between them costs more than a better day brings
(docs/decisions/0102-slots-chosen-with-their-competition.md).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from zoneinfo import ZoneInfo

from igalgo.advice.moves import post_mean, post_value
from igalgo.advice.templates import DEFAULT_TEMPLATE, TemplateShape, template_draft
from igalgo.domain import Draft, Format, Surface
from igalgo.planning.slots import HOURS_PER_DAY, SLOTS_PER_WEEK, Slot, SlotGrid, slot_time
from igalgo.world.model import Simulation

GAP_WEEKS = 1
"""Empty weeks between the patterns of one engine call (numerical: far longer than any window
in which the account's posts compete)."""


@dataclass(frozen=True)
class WeeklyReach:
    """What a week of posts at some slots reaches on a surface, the posts competing."""

    slots: tuple[Slot, ...]
    typical: float
    """Sum of the week's posts' median reach (someone reached by two posts counts twice)."""
    expected: float
    """Sum of the week's posts' mean reach."""


def weekly_reach(
    simulation: Simulation,
    fmt: Format,
    surface: Surface,
    patterns: Sequence[Sequence[Slot]],
    start: date,
    *,
    template: TemplateShape = DEFAULT_TEMPLATE,
) -> list[WeeklyReach]:
    """The weekly reach on ``surface`` of a ``template`` post of ``fmt`` at each pattern's
    slots (weeks counted from ``start``), in one engine call."""
    zone = simulation.account.timezone
    blocks: list[list[tuple[bool, Draft]]] = []
    week = 0
    for slots in patterns:
        while True:  # the first three weeks from `week` in which every slot's hour exists
            posts = [
                (offset == 1, _template_at(fmt, start, week + offset, slot, zone, template))
                for offset in range(3)
                for slot in slots
            ]
            if all(draft is not None for _, draft in posts):
                break
            week += 1
        blocks.append([(middle, draft) for middle, draft in posts if draft is not None])
        week += 3 + GAP_WEEKS
    batch = [draft for block in blocks for _, draft in block]
    if not batch:
        return [WeeklyReach(tuple(slots), 0.0, 0.0) for slots in patterns]
    # Only the middle weeks are sampled; the weeks around them are there as their schedule.
    middle = [k for k, (kept, _) in enumerate(post for block in blocks for post in block) if kept]
    scored = iter(simulation.score_kept(batch, middle))
    on = frozenset({surface})
    out = []
    for slots, block in zip(patterns, blocks, strict=True):
        estimates = [next(scored) for kept, _ in block if kept]
        typical = sum(post_value(e, on) for e in estimates)
        expected = sum(post_mean(e, on) for e in estimates)
        out.append(WeeklyReach(tuple(slots), typical, expected))
    return out


TEMPLATES_KEPT = 8192
"""Template posts :func:`_template_at` keeps (the bakery's plan of every surface asks for
about 6,800 of about 1,500 different ones)."""


@lru_cache(maxsize=TEMPLATES_KEPT)
def _template_at(
    fmt: Format, start: date, week: int, slot: Slot, zone: str, template: TemplateShape
) -> Draft | None:
    """The ``template`` post of ``fmt`` at ``slot`` in week ``week`` from ``start``, or None
    when clocks skip that hour; kept, because the slot search's steps and the frequency
    curve put the same slots in the same weeks again and again."""
    when = slot_time(start, week, slot, ZoneInfo(zone))
    return None if when is None else template_draft(fmt, when, template)


def circular_gap(first: int, second: int) -> int:
    """Hours between two slots of a repeating week (the week wraps round)."""
    gap = abs(first - second) % SLOTS_PER_WEEK
    return min(gap, SLOTS_PER_WEEK - gap)


def slot_sequence(
    simulation: Simulation,
    grid: SlotGrid,
    count: int,
    spacing_hours: float,
    *,
    blocked: Sequence[tuple[Slot, float]] = (),
    candidates_per_day: int = 1,
    template: TemplateShape = DEFAULT_TEMPLATE,
) -> tuple[Slot, ...]:
    """Up to ``count`` slots of the week, chosen one after the other (module docstring).

    Slots are at least ``spacing_hours`` apart, also across the end of the week, and at least
    the given hours from each ``blocked`` slot (another kind of post's slots). Candidates are
    each weekday's ``candidates_per_day`` best free hours by the grid's ranking; each step is
    one engine call in ``simulation``. Stops early when no hour is free.
    """
    spacing = math.ceil(spacing_hours)
    chosen: list[Slot] = []
    for _ in range(count):
        options = _candidates(grid, chosen, spacing, blocked, candidates_per_day)
        if not options:
            break
        if len(options) == 1:
            chosen.append(options[0])
            continue
        patterns = [sorted([*chosen, option]) for option in options]
        reached = weekly_reach(
            simulation, grid.format, grid.surface, patterns, grid.week_start, template=template
        )
        best = max(range(len(options)), key=lambda i: (reached[i].typical, -options[i].index))
        chosen.append(options[best])
    return tuple(chosen)


def _candidates(
    grid: SlotGrid,
    chosen: Sequence[Slot],
    spacing: int,
    blocked: Sequence[tuple[Slot, float]],
    per_day: int,
) -> list[Slot]:
    """Each weekday's best free hours by the grid's ranking (:meth:`SlotGrid.ranks`), in week
    order: the hours with a value, not chosen, at least ``spacing`` hours from each chosen slot
    and the blocked hours from each blocked slot, round the week (:func:`circular_gap`)."""
    taken = [False] * SLOTS_PER_WEEK
    for other in chosen:
        taken[other.index] = True
        _take(taken, other.index, spacing)
    for other, gap in blocked:
        _take(taken, other.index, math.ceil(gap))
    found: list[Slot] = []
    ranks = grid.ranks()
    for weekday, row in enumerate(grid.median):
        first = weekday * HOURS_PER_DAY
        free = [
            (ranks[first + hour], -hour, hour)
            for hour, value in enumerate(row)
            if value is not None and not taken[first + hour]
        ]
        free.sort(reverse=True)
        found += [Slot(weekday, hour) for _, _, hour in free[:per_day]]
    return found


def _take(taken: list[bool], index: int, gap: int) -> None:
    """Mark the hours less than ``gap`` hours from ``index`` round the week as taken."""
    for offset in range(1 - gap, gap):
        taken[(index + offset) % SLOTS_PER_WEEK] = True
