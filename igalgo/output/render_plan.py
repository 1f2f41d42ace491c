"""A :class:`~igalgo.app.plan.Plan` as rich renderables (the table of ``igalgo plan``).

The heatmap is 7 rows (Monday first) x 24 local hours; each cell is a shade character from
``·░▒▓█`` (five levels between the week's lowest and highest median reach, named in the
legend), so it reads without colour; a ``●`` marks the recommended slots. With colour the
shades are tinted as well. Its cells are three characters wide (77 columns in all) where
there is room, two below 77 columns (53 in all, the hours labelled every third). The
symbols come from :mod:`igalgo.output.glyphs` (ASCII where the stream needs it). Never prints.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from igalgo.advice.wording import effect_words
from igalgo.app.plan import Plan
from igalgo.domain import WEEKDAYS
from igalgo.output.glyphs import UNICODE, Glyphs
from igalgo.output.render import ChecklistView
from igalgo.output.report import NOTE, local_time
from igalgo.planning.frequency import Frequency
from igalgo.planning.schedule import Schedule
from igalgo.planning.slots import Slot, SlotGrid

SHADES = UNICODE.shades
"""Heatmap levels, lowest first."""

SHADE_STYLES = ("grey42", "dark_cyan", "cyan3", "gold3", "orange1")
"""Colour of each level (dropped with NO_COLOR or in a pipe)."""

MARK = UNICODE.mark
"""Marks a recommended slot."""

WIDE_HEATMAP = 5 + 24 * 3
"""Columns of the heatmap with three-character cells; narrower screens get two."""

ASCII_SIMPLE_HEAD = box.Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True)
"""rich's SIMPLE_HEAD drawn with ``-`` (rich would put a full ASCII frame in its place)."""


def _box(glyphs: Glyphs) -> box.Box:
    return ASCII_SIMPLE_HEAD if glyphs.ascii else box.SIMPLE_HEAD


EXTRA_FREQUENCY_ROWS = 3
"""Rows of the frequency table shown beyond the larger of the recommended and current
frequency (all rows are in the JSON)."""


def _number(value: float) -> str:
    return f"{value:,.0f}"


def shade_level(value: float, low: float, high: float) -> int:
    """The level 0..4 of ``value`` between the week's ``low`` and ``high``."""
    if high <= low:
        return len(SHADES) - 1
    fraction = (value - low) / (high - low)
    return min(len(SHADES) - 1, max(0, int(fraction * len(SHADES))))


def heatmap(
    grid: SlotGrid, recommended: Sequence[Slot] = (), glyphs: Glyphs = UNICODE
) -> RenderableType:
    """The weekday x hour heatmap with its legend: 7 rows of 24 cells, three characters wide
    where :data:`WIDE_HEATMAP` columns fit, else two."""
    return HeatmapView(grid, tuple(recommended), glyphs)


@dataclass(frozen=True)
class HeatmapView:
    """The heatmap laid out for the width it is printed at."""

    grid: SlotGrid
    recommended: tuple[Slot, ...]
    glyphs: Glyphs = UNICODE

    def __rich_console__(self, console: Any, options: Any) -> Iterator[RenderableType]:
        """The hour header, seven rows and the legend."""
        yield from self.lines(wide=options.max_width >= WIDE_HEATMAP)

    def lines(self, *, wide: bool) -> list[RenderableType]:
        """The heatmap's lines with three-character cells (``wide``) or two."""
        grid, glyphs = self.grid, self.glyphs
        values = [v for row in grid.median for v in row if v is not None]
        low, high = (min(values), max(values)) if values else (0.0, 0.0)
        marked = set(self.recommended)
        if wide:
            hours = "".join(f"{hour:>3}" for hour in range(24))
        else:
            hours = "".join(f"{hour:<6}" for hour in range(0, 24, 3)).rstrip()
        lines: list[RenderableType] = [Text("     " + hours, style="dim")]
        for weekday, row in enumerate(grid.median):
            line = Text(f"{WEEKDAYS[weekday].capitalize():<5}")
            for hour, value in enumerate(row):
                if value is None:
                    line.append("  -" if wide else " -", style="dim")  # a skipped clock hour
                    continue
                level = shade_level(value, low, high)
                mark = glyphs.mark if Slot(weekday, hour) in marked else " "
                line.append(mark, style="bold magenta")
                line.append(glyphs.shades[level] * (2 if wide else 1), style=SHADE_STYLES[level])
            lines.append(line)
        lines.append(_legend(low, high, glyphs))
        return lines


def _legend(low: float, high: float, glyphs: Glyphs = UNICODE) -> Group:
    """Two lines: each level's lowest value; then the maximum, how far apart the best and the
    worst hour are (the shades stretch whatever range there is), and the mark."""
    levels = Text("     ")
    step = (high - low) / len(SHADES)
    for level, shade in enumerate(glyphs.shades):
        levels.append(shade * 2, style=SHADE_STYLES[level])
        levels.append(f" {_number(low + level * step)}  ")
    summary = Text(f"     max {_number(high)}")
    if low > 0:
        summary.append(f"; best hour vs worst: {_percent(high / low - 1)}")
    summary.append("   ")
    summary.append(glyphs.mark, style="bold magenta")
    summary.append(" recommended slot")
    return Group(levels, summary)


def _percent(change: float) -> str:
    """``+41 %`` / ``-20 %`` below doubling, ``3.2x`` from there (as ``igalgo score``)."""
    return effect_words(change) if change >= 0 else f"{round(100 * change):+d} %"


def _format_line(grid: SlotGrid) -> Text:
    """``Best format: carousel (photo -6 %, reel -8 %, video -14 %)``."""
    best = grid.format_reach[grid.format]
    others = [
        f"{fmt.value} {round(100 * (reach / best - 1)):+d} %"
        for fmt, reach in sorted(grid.format_reach.items(), key=lambda item: -item[1])
        if fmt is not grid.format and best > 0
    ]
    text = Text.assemble("Best format here: ", (grid.format.value, "bold"))
    if others:
        text.append(f" (median reach vs it: {', '.join(others)})")
    return text


def when_view(plan: Plan, glyphs: Glyphs = UNICODE) -> RenderableType:
    """Section 1: the heatmap, the best format and the recommended slots."""
    grid = plan.grid
    spacing = plan.params.min_spacing_hours[plan.surface]
    title = Text.assemble(
        ("When", "bold"),
        f"  median {plan.surface.value} reach of a plain {grid.format.value} per local hour "
        f"({grid.timezone}, week of {grid.week_start.isoformat()})",
    )
    slots = ", ".join(slot.label for slot in plan.recommended_slots)
    recommended = Text(
        f"Recommended slots ({plan.per_week} a week, at least {spacing:g} h apart): {slots}"
    )
    return Group(
        title, heatmap(grid, plan.recommended_slots, glyphs), _format_line(grid), recommended
    )


def frequency_view(plan: Plan, glyphs: Glyphs = UNICODE) -> RenderableType:
    """Section 2: weekly reach by posts per week, the recommendation and the current habit."""
    curve = plan.frequency
    title = Text.assemble(
        ("How often", "bold"),
        f"  expected weekly {plan.surface.value} reach (sum of the posts' mean reach, "
        "own posts competing)",
    )
    table = Table(box=_box(glyphs), pad_edge=False)
    table.add_column("posts/week", justify="right")
    table.add_column("weekly reach", justify="right")
    table.add_column("this post adds", justify="right")
    table.add_column("")
    shown = max(curve.recommended, round(curve.current)) + EXTRA_FREQUENCY_ROWS
    for point in curve.points[:shown]:
        notes = []
        if point.posts_per_week == curve.recommended:
            notes.append("recommended")
        if point.posts_per_week == round(curve.current):
            notes.append("you now")
        table.add_row(
            str(point.posts_per_week),
            _number(point.weekly_reach),
            f"+{_number(point.marginal_reach)}" if point.marginal_reach >= 0 else
            _number(point.marginal_reach),
            ", ".join(notes),
        )  # fmt: skip
    return Group(title, table, Text(frequency_sentence(curve)))


def frequency_sentence(curve: Frequency) -> str:
    """Why the recommendation, and how the current habit compares, quoting the numbers."""
    if not curve.points:
        return "No frequency fits the spacing rule."
    first = curve.points[0].weekly_reach
    recommended = curve.at(curve.recommended)
    if recommended is None:  # recommended 0: one post a week reaches nobody
        return (
            "The model expects no reach here for this account, however often it posts "
            "(no followers to show it to, or no audience for it): no frequency to recommend."
        )
    following = curve.at(curve.recommended + 1)
    if following is None:
        why = (
            f"every post up to post {curve.recommended} still adds at least "
            f"{100 * curve.threshold:.0f} % of what one post a week reaches ({_number(first)}), "
            "up to the most this plan tries"
        )
    else:
        why = (
            f"post {following.posts_per_week} would add {_number(following.marginal_reach)}, "
            f"less than {100 * curve.threshold:.0f} % of what one post a week reaches "
            f"({_number(first)})"
        )
    sentence = f"Recommended: {curve.recommended} a week: {why}."
    current = curve.at(curve.current)
    if curve.current <= 0:
        sentence += " Your profile says you do not post here yet."
    elif current is not None:
        change = recommended.weekly_reach / current.weekly_reach - 1 if current.weekly_reach else 0
        sentence += (
            f" You post {curve.current:g} a week now: {_number(current.weekly_reach)} a week; "
            f"at {curve.recommended} the model expects {_number(recommended.weekly_reach)} "
            f"({_percent(change)})."
        )
    else:
        sentence += f" You post {curve.current:g} a week now, beyond the curve."
    return sentence


def what_view(plan: Plan) -> RenderableType:
    """Section 3: the content choices the model rewards on the surface."""
    title = Text.assemble(
        ("What", "bold"),
        f"  changes to a plain {plan.template.format.value} that the model rewards on "
        f"{plan.surface.value}",
    )
    lines: list[RenderableType] = [title]
    if not plan.content:
        lines.append(Text("  No content change raises the estimate by 2 % or more."))
    for driver in plan.content:
        lines.append(
            Text(f"  + {driver.change}: {driver.surface.value} reach {effect_words(driver.effect)}")
        )
    return Group(*lines)


def checklist_view(plan: Plan, glyphs: Glyphs = UNICODE) -> RenderableType:
    """Section 4: the checklist items that concern the surface, laid out as in ``score``."""
    return Group(
        Text(f"Strategy checklist for {plan.surface.value}", style="bold"),
        Text(),
        ChecklistView(plan.checklist, glyphs),
        Text(),
    )


def schedule_view(plan: Plan, glyphs: Glyphs = UNICODE) -> RenderableType:
    """Section 5: the planned posts and the drafts left out."""
    schedule = plan.schedule
    what = "drafts" if plan.from_drafts else f"a plain {plan.grid.format.value} per slot"
    title = Text.assemble(
        ("Schedule", "bold"),
        f"  {schedule.weeks} week{'s' if schedule.weeks != 1 else ''} from "
        f"{schedule.start:%a %Y-%m-%d}, {what}, at most {schedule.per_week} a week, "
        f"at least {schedule.spacing_hours:g} h apart",
    )
    table = Table(box=_box(glyphs), pad_edge=False)
    table.add_column("when", no_wrap=True)
    table.add_column("post", ratio=1)
    table.add_column("format", no_wrap=True)
    table.add_column(f"{plan.surface.value} median", justify="right", no_wrap=True)
    table.add_column("P10-P90", justify="right", no_wrap=True)
    for post in schedule.posts:
        reach = post.estimate.surfaces[plan.surface].reach
        when = local_time(post.draft.publish_at, plan.account)
        table.add_row(
            f"{when:%a %Y-%m-%d %H:%M}",
            post.draft.id,
            post.draft.format.value,
            _number(reach.p50),
            f"{_number(reach.p10)}-{_number(reach.p90)}",
        )
    parts: list[RenderableType] = [title, table if schedule.posts else Text("No posts planned.")]
    parts += _left_out(plan, schedule)
    return Group(*parts)


def _left_out(plan: Plan, schedule: Schedule) -> list[RenderableType]:
    """Lines for drafts not in the schedule, and how sure the placement is."""
    lines: list[RenderableType] = []
    surface = plan.surface.value
    groups = (
        (schedule.ineligible, f"Cannot reach {surface} (format)"),
        (schedule.no_reach, f"No {surface} reach at any hour in the model"),
        (schedule.unplaced, "No room in these weeks (raise --weeks or --per-week)"),
    )
    for drafts, label in groups:
        if drafts:
            ids = ", ".join(d.id for d in drafts)
            lines.append(Text(f"{label}: {ids}"))
    placement = schedule.placement
    if placement is not None and schedule.posts:
        total = f"{_number(schedule.expected_reach)} expected {surface} reach in all"
        if placement.optimal:
            lines.append(Text(f"{total}; the placement is proven best for these drafts."))
        else:
            gap = placement.upper_bound / placement.objective - 1 if placement.objective else 0
            lines.append(Text(f"{total}; the placement is within {gap:.1%} of the best possible."))
    return lines


def plan_view(plan: Plan, source: str, glyphs: Glyphs = UNICODE) -> RenderableType:
    """The whole table report of ``igalgo plan``, drawn with ``glyphs``."""
    account = plan.account
    calibrated = f"; {account.calibration.summary()}" if account.calibration else ""
    heading = Text.assemble(
        (f"{account.name}", "bold underline"),
        f"  plan for {plan.surface.value}: {account.followers:,} followers, "
        f"{account.account_type.value}, {account.market.niche.value}, {account.timezone}"
        f"{calibrated}",
    )
    detail = Text(f"{source}: seed {plan.seed}, {plan.samples:,} samples per estimate", style="dim")
    return Group(
        heading,
        detail,
        Text(),
        when_view(plan, glyphs),
        Text(),
        frequency_view(plan, glyphs),
        Text(),
        what_view(plan),
        Text(),
        checklist_view(plan, glyphs),
        schedule_view(plan, glyphs),
        Text(),
        Text(NOTE, style="italic dim"),
    )
