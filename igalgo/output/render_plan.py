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

from igalgo.advice.drivers import DriverParams
from igalgo.advice.wording import count_words, effect_words, evidence_label
from igalgo.app.plan import LanePlan, Plan
from igalgo.domain import WEEKDAYS, Surface
from igalgo.errors import printable
from igalgo.inputs.agency_format import tentative
from igalgo.output.glyphs import UNICODE, Glyphs
from igalgo.output.plan_report import post_reach
from igalgo.output.render import ChecklistView
from igalgo.output.report import NOTE, local_time
from igalgo.planning.frequency import Frequency, FrequencyPoint
from igalgo.planning.schedule import Placement, Schedule
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
        levels.append(f" {count_words(low + level * step)}  ")
    summary = Text(f"     max {count_words(high)}")
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


LANE_TITLES = {
    Surface.FEED: "Feed posts",
    Surface.REELS: "Reels",
    Surface.STORIES: "Stories",
    Surface.EXPLORE: "Explore",
}
"""The heading of each lane in a plan of all surfaces."""


def when_view(lane: LanePlan, plan: Plan, glyphs: Glyphs = UNICODE) -> RenderableType:
    """Section 1: the heatmap, the best format and the recommended slots."""
    grid = lane.grid
    spacing = plan.schedule.spacing_hours.get(lane.surface, 0.0)
    title = Text.assemble(
        ("When", "bold"),
        f"  median {lane.surface.value} reach of a plain {grid.format.value} per local hour "
        f"({grid.timezone}, week of {grid.week_start.isoformat()})",
    )
    slots = ", ".join(slot.label for slot in lane.recommended_slots)
    recommended = Text(
        f"Recommended slots ({lane.per_week} a week, at least {spacing:g} h apart): {slots}"
    )
    how = Text(
        "Chosen one after the other: each is the hour with which the week, its posts "
        "competing, reaches most.",
        style="dim",
    )
    return Group(
        title, heatmap(grid, lane.recommended_slots, glyphs), _format_line(grid), recommended, how
    )


def frequency_view(lane: LanePlan, glyphs: Glyphs = UNICODE) -> RenderableType:
    """Section 2: weekly reach by posts per week, the recommendation and the current habit."""
    curve = lane.frequency
    title = Text.assemble(
        ("How often", "bold"),
        f"  typical weekly {lane.surface.value} reach (sum of the posts' median reach, own "
        "posts competing)",
    )
    table = Table(box=_box(glyphs), pad_edge=False)
    table.add_column("posts/week", justify="right")
    table.add_column("weekly reach", justify="right")
    table.add_column("this post adds", justify="right")
    table.add_column("per post", justify="right")
    table.add_column("")
    shown = max(curve.recommended, int(curve.current + 0.5)) + EXTRA_FREQUENCY_ROWS
    now = curve.at(curve.current) if curve.habit == "within" else None
    for point in curve.points[:shown]:
        notes = []
        if point.posts_per_week == curve.recommended:
            notes.append("recommended")
        if now is not None and point.posts_per_week == now.posts_per_week:
            notes.append("you now")
        table.add_row(
            str(point.posts_per_week),
            count_words(point.weekly_reach),
            f"+{count_words(point.marginal_reach)}" if point.marginal_reach >= 0 else
            count_words(point.marginal_reach),
            count_words(point.per_post),
            ", ".join(notes),
        )  # fmt: skip
    explained = Text(
        "Each row adds one post to the slots of the row above; what it adds is its own reach "
        "minus what it takes from the week's other posts.",
        style="dim",
    )
    return Group(title, table, explained, Text(frequency_sentence(curve)))


def frequency_sentence(curve: Frequency) -> str:
    """Why the recommendation, and how the current habit compares, quoting the numbers; a
    recommendation that reaches fewer people a week than the habit says what it buys."""
    if not curve.points:
        return "No frequency fits the spacing rule."
    first = curve.points[0].weekly_reach
    recommended = curve.at(curve.recommended)
    if recommended is None:  # recommended 0: one post a week reaches nobody
        return (
            "The model expects no reach here for this account, however often it posts "
            "(no followers to show it to, or no audience for it): no frequency to recommend."
        )
    half = f"{100 * curve.threshold:.0f} % of what one post a week reaches ({count_words(first)})"
    following = curve.at(curve.recommended + 1)
    if following is None:
        why = (
            f"every post up to post {curve.recommended} still adds at least {half}, up to the "
            "most this plan tries"
        )
    else:
        why = f"post {following.posts_per_week} would add {count_words(following.marginal_reach)}, "
        why += f"less than {half}"
    sentence = f"Recommended: {curve.recommended} a week: {why}."
    return sentence + _habit_sentence(curve, recommended)


def _habit_sentence(curve: Frequency, recommended: FrequencyPoint) -> str:
    """How the account's habit compares with the recommendation, worded for where it lies."""
    at = (
        f"at {recommended.posts_per_week} the model expects {count_words(recommended.weekly_reach)}"
    )
    each = f"{count_words(recommended.per_post)} a post"
    habit = curve.habit
    if habit == "none":
        return f" Your profile says you do not post here yet: {at} a week ({each})."
    if habit == "below":
        return f" You post {curve.current:g} a week now, less than one: {at} a week ({each})."
    if habit == "beyond":
        last = curve.points[-1]
        return (
            f" You post {curve.current:g} a week now, more than the {last.posts_per_week} this "
            f"plan tries (they reach {count_words(last.weekly_reach)} a week, "
            f"{count_words(last.per_post)} a post); {at} a week, {each}."
        )
    now = curve.at(curve.current)
    assert now is not None  # within the curve
    usual = f" You post {curve.current:g} a week now: {count_words(now.weekly_reach)} a week"
    if now.posts_per_week == recommended.posts_per_week:
        return f"{usual} ({count_words(now.per_post)} a post), the recommended number."
    change = _percent(recommended.weekly_reach / now.weekly_reach - 1) if now.weekly_reach else ""
    if now.posts_per_week < recommended.posts_per_week:
        return f"{usual}; {at} ({change})."
    if recommended.weekly_reach >= now.weekly_reach:
        return f"{usual}; {at}, as much with fewer posts ({each})."
    fewer = now.posts_per_week - recommended.posts_per_week
    extra = (
        f"post {now.posts_per_week} adds"
        if fewer == 1
        else f"posts {recommended.posts_per_week + 1} to {now.posts_per_week} each add"
    )
    return (
        f"{usual} ({count_words(now.per_post)} a post); {at} ({change}) with {fewer} fewer "
        f"post{'s' if fewer != 1 else ''}, {each}: {extra} less than "
        f"{100 * curve.threshold:.0f} % of what one post a week reaches, so the time "
        f"{'they take' if fewer != 1 else 'it takes'} buys more elsewhere."
    )


def what_view(lane: LanePlan, params: DriverParams) -> RenderableType:
    """Section 3: the content choices the model rewards on the surface."""
    title = Text.assemble(
        ("What", "bold"),
        f"  changes to a plain {lane.template.format.value} that the model rewards on "
        f"{lane.surface.value}",
    )
    lines: list[RenderableType] = [title]
    if not lane.content:
        floor = effect_words(params.min_effect)
        lines.append(Text(f"  No content change raises the estimate by {floor} or more."))
    for driver in lane.content:
        lines.append(
            Text(
                f"  + {driver.change}: {driver.surface.value} reach "
                f"{effect_words(driver.effect)} [{evidence_label(driver.evidence)}]"
            )
        )
    return Group(*lines)


def _surfaces_words(plan: Plan) -> str:
    """``feed`` or ``all surfaces``."""
    return plan.surface.value if plan.surface is not None else "all surfaces"


def checklist_view(plan: Plan, glyphs: Glyphs = UNICODE) -> RenderableType:
    """Section 4: the checklist items that concern the surfaces, laid out as in ``score``."""
    return Group(
        Text(f"Strategy checklist for {_surfaces_words(plan)}", style="bold"),
        Text(),
        ChecklistView(plan.checklist, glyphs),
        Text(),
    )


def schedule_view(plan: Plan, glyphs: Glyphs = UNICODE) -> RenderableType:
    """Section 5: the planned posts and the drafts left out."""
    schedule = plan.schedule
    formats = ", ".join(f"a plain {lane.grid.format.value}" for lane in plan.lanes)
    what = "drafts" if plan.from_drafts else f"{formats} per slot"
    caps = ", ".join(
        f"{n} {lane.value}" if plan.surface is None else f"{n}"
        for lane, n in schedule.per_week.items()
    )
    gaps = ", ".join(
        f"{h:g} h ({lane.value})" if plan.surface is None else f"{h:g} h"
        for lane, h in schedule.spacing_hours.items()
    )
    title = Text.assemble(
        ("Schedule", "bold"),
        f"  {schedule.weeks} week{'s' if schedule.weeks != 1 else ''} from "
        f"{schedule.start:%a %Y-%m-%d}, {what}, at most {caps} a week, at least {gaps} apart",
    )
    reach = f"{plan.surface.value} median" if plan.surface is not None else "total median"
    table = Table(box=_box(glyphs), pad_edge=False)
    table.add_column("when", no_wrap=True)
    table.add_column("post", ratio=1)
    table.add_column("format", no_wrap=True)
    table.add_column(reach, justify="right", no_wrap=True)
    table.add_column("P10-P90", justify="right", no_wrap=True)
    for post in schedule.posts:
        quantiles = post_reach(post, plan)
        when = local_time(post.draft.publish_at, plan.account)
        name = post.draft.id + (" (dated)" if post.draft.pinned and plan.from_drafts else "")
        name += " (tentative)" if tentative(post.draft.status) else ""
        table.add_row(
            f"{when:%a %Y-%m-%d %H:%M}",
            name,
            post.draft.format.value,
            count_words(quantiles.p50),
            f"{count_words(quantiles.p10)}-{count_words(quantiles.p90)}",
        )
    parts: list[RenderableType] = [title, table if schedule.posts else Text("No posts planned.")]
    parts += _left_out(plan, schedule)
    return Group(*parts)


def _left_out(plan: Plan, schedule: Schedule) -> list[RenderableType]:
    """Lines for drafts not in the schedule, and what the schedule's total sums."""
    lines: list[RenderableType] = []
    where = _surfaces_words(plan)
    no_reach = ", ".join(
        f"{d.id} ({schedule.reasons.get(d.id, 'no reach in the model')})" for d in schedule.no_reach
    )
    groups = (
        (", ".join(d.id for d in schedule.ineligible), f"Cannot reach {where} (format)"),
        (no_reach, f"No {where} reach at any hour in the model"),
        (
            ", ".join(d.id for d in schedule.outside),
            "Outside these weeks (by their date or window)",
        ),
        (
            ", ".join(d.id for d in schedule.unplaced),
            "No room in these weeks (raise --weeks or --per-week)",
        ),
    )
    for ids, label in groups:
        if ids:
            lines.append(Text(f"{label}: {ids}"))
    if not schedule.posts:
        return lines
    noun = f"{where} reach" if plan.surface is not None else "reach"
    each = "medians" if plan.surface is not None else "median unique reach over all surfaces"
    total = (
        f"{count_words(schedule.typical_reach)} typical {noun} in all (the sum of the posts' "
        f"{each}; expected, the sum of their means: {count_words(schedule.expected_reach)})"
    )
    placement = schedule.placement
    if placement is None:
        lines.append(Text(f"{total}."))
    else:
        lines.append(
            Text(
                f"{total}; the drafts were placed one at a time, the most constrained first"
                f"{_moved(placement)}."
            )
        )
    return lines


def _moved(placement: Placement) -> str:
    """``, then 2 posts were moved (+35)`` when moves raised the schedule's reach."""
    if not placement.moves:
        return ""
    posts = "post was" if placement.moves == 1 else "posts were"
    return (
        f", then {placement.moves} {posts} moved as the schedule, its posts competing, "
        f"reached {count_words(placement.gain)} more"
    )


def plan_view(plan: Plan, source: str, glyphs: Glyphs = UNICODE) -> RenderableType:
    """The whole table report of ``igalgo plan``, drawn with ``glyphs``."""
    account = plan.account
    calibrated = f"; {account.calibration.summary()}" if account.calibration else ""
    heading = Text.assemble(
        (f"{account.name}", "bold underline"),
        f"  plan for {_surfaces_words(plan)}: {account.followers:,} followers, "
        f"{account.account_type.value}, {account.market.niche.value}, {account.timezone}"
        f"{calibrated}",
    )
    detail = Text(
        f"{printable(source)}: seed {plan.seed}, {plan.samples:,} samples per estimate", style="dim"
    )
    parts: list[RenderableType] = [heading, detail, Text()]
    for lane in plan.lanes:
        if plan.surface is None:
            parts += [Text(LANE_TITLES[lane.surface], style="bold underline"), Text()]
        parts += [
            when_view(lane, plan, glyphs),
            Text(),
            frequency_view(lane, glyphs),
            Text(),
            what_view(lane, plan.driver_params),
            Text(),
        ]
    return Group(
        *parts,
        checklist_view(plan, glyphs),
        schedule_view(plan, glyphs),
        Text(),
        Text(NOTE, style="italic dim"),
    )
