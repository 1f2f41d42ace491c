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
from datetime import datetime, time
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from igalgo.advice.drivers import DriverParams
from igalgo.advice.reasons import NO_REACH
from igalgo.advice.wording import effect_words, evidence_label, format_word, surface_word
from igalgo.app.plan import LanePlan, Plan
from igalgo.domain import Format, Surface
from igalgo.errors import printable
from igalgo.inputs.agency_format import tentative
from igalgo.language import (
    N_,
    Moment,
    decimal,
    gettext,
    localized,
    ngettext,
    number,
    tr,
    weekday_name,
)
from igalgo.output.glyphs import UNICODE, Glyphs
from igalgo.output.plan_report import post_reach
from igalgo.output.plan_words import frequency_sentence, percent
from igalgo.output.render import ChecklistView
from igalgo.output.report import NOTE, local_time
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
            line = Text(f"{weekday_name(weekday):<5}")
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
        levels.append(f" {number(low + level * step)}  ")
    summary = Text("     " + gettext("max {reach}").format(reach=number(high)))
    if low > 0:
        summary.append(
            gettext("; best hour vs worst: {change}").format(change=percent(high / low - 1))
        )
    summary.append("   ")
    summary.append(glyphs.mark, style="bold magenta")
    summary.append(" " + gettext("recommended slot"))
    return Group(levels, summary)


def _format_line(grid: SlotGrid) -> Text:
    """``Best format: carousel (photo -6 %, reel -8 %, video -14 %)``."""
    best = grid.format_reach[grid.format]
    others = [
        f"{_name(fmt)} {number(round(100 * (reach / best - 1)), sign=True)} %"
        for fmt, reach in sorted(grid.format_reach.items(), key=lambda item: -item[1])
        if fmt is not grid.format and best > 0
    ]
    text = Text.assemble(gettext("Best format here: "), (_name(grid.format), "bold"))
    if others:
        text.append(gettext(" (median reach vs it: {others})").format(others=", ".join(others)))
    return text


def _name(fmt: Format) -> str:
    """A format's name in the active language."""
    return localized(format_word(fmt))


def _surface(surface: Surface) -> str:
    """A surface's name in the active language."""
    return localized(surface_word(surface))


def _slot_label(slot: Slot) -> str:
    """``Tue 19:00`` (``di 19:00``)."""
    return f"{weekday_name(slot.weekday)} {slot.hour:02d}:00"


LANE_TITLES = {
    Surface.FEED: N_("Feed posts"),
    Surface.REELS: N_("Reels"),
    Surface.STORIES: N_("Stories"),
    Surface.EXPLORE: N_("Explore"),
}
"""The heading of each lane in a plan of all surfaces."""


def when_view(lane: LanePlan, plan: Plan, glyphs: Glyphs = UNICODE) -> RenderableType:
    """Section 1: the heatmap, the best format and the recommended slots."""
    grid = lane.grid
    spacing = plan.schedule.spacing_hours.get(lane.surface, 0.0)
    title = Text.assemble(
        (gettext("When"), "bold"),
        "  "
        + gettext(
            "median {surface} reach of a plain {format} per local hour ({zone}, week of {week}, "
            "{samples} samples)"
        ).format(
            surface=_surface(lane.surface),
            format=_name(grid.format),
            zone=grid.timezone,
            week=grid.week_start.isoformat(),
            samples=number(grid.samples),
        ),
    )
    slots = ", ".join(_slot_label(slot) for slot in lane.recommended_slots)
    recommended = Text(
        gettext("Recommended slots ({count} a week, at least {hours} h apart): {slots}").format(
            count=lane.per_week, hours=decimal(spacing), slots=slots
        )
    )
    how = Text(
        gettext(
            "Chosen one after the other: each is the hour with which the week, its posts "
            "competing, reaches most."
        ),
        style="dim",
    )
    return Group(
        title, heatmap(grid, lane.recommended_slots, glyphs), _format_line(grid), recommended, how
    )


def frequency_view(lane: LanePlan, glyphs: Glyphs = UNICODE) -> RenderableType:
    """Section 2: weekly reach by posts per week, the recommendation and the current habit."""
    curve = lane.frequency
    title = Text.assemble(
        (gettext("How often"), "bold"),
        "  "
        + gettext(
            "typical weekly {surface} reach (sum of the posts' median reach, own posts competing)"
        ).format(surface=_surface(lane.surface)),
    )
    table = Table(box=_box(glyphs), pad_edge=False)
    table.add_column(gettext("posts/week"), justify="right")
    table.add_column(gettext("weekly reach"), justify="right")
    table.add_column(gettext("this post adds"), justify="right")
    table.add_column(gettext("per post"), justify="right")
    table.add_column("")
    shown = max(curve.recommended, int(curve.current + 0.5)) + EXTRA_FREQUENCY_ROWS
    now = curve.at(curve.current) if curve.habit == "within" else None
    for point in curve.points[:shown]:
        notes = []
        if point.posts_per_week == curve.recommended:
            notes.append(gettext("recommended"))
        if now is not None and point.posts_per_week == now.posts_per_week:
            notes.append(gettext("you now"))
        table.add_row(
            str(point.posts_per_week),
            number(point.weekly_reach),
            f"+{number(point.marginal_reach)}" if point.marginal_reach >= 0 else
            number(point.marginal_reach),
            number(point.per_post),
            ", ".join(notes),
        )  # fmt: skip
    explained = Text(
        gettext(
            "Each row adds one post to the slots of the row above; what it adds is its own reach "
            "minus what it takes from the week's other posts."
        ),
        style="dim",
    )
    return Group(title, table, explained, Text(frequency_sentence(curve)))


def what_view(lane: LanePlan, params: DriverParams) -> RenderableType:
    """Section 3: the content choices the model rewards on the surface."""
    title = Text.assemble(
        (gettext("What"), "bold"),
        "  "
        + gettext("changes to a plain {format} that the model rewards on {surface}").format(
            format=_name(lane.template.format), surface=_surface(lane.surface)
        ),
    )
    lines: list[RenderableType] = [title]
    if not lane.content:
        floor = localized(effect_words(params.min_effect))
        lines.append(
            Text(
                "  "
                + gettext("No content change raises the estimate by {floor} or more.").format(
                    floor=floor
                )
            )
        )
    for driver in lane.content:
        gain = gettext("{surface} reach {effect} [{grade}]").format(
            surface=_surface(driver.surface),
            effect=localized(effect_words(driver.effect)),
            grade=localized(evidence_label(driver.evidence)),
        )
        lines.append(Text(f"  + {localized(driver.change)}: {gain}"))
    return Group(*lines)


def _surfaces_words(plan: Plan) -> str:
    """``feed`` or ``all surfaces``."""
    return _surface(plan.surface) if plan.surface is not None else gettext("all surfaces")


def checklist_view(plan: Plan, glyphs: Glyphs = UNICODE) -> RenderableType:
    """Section 4: the checklist items that concern the surfaces, laid out as in ``score``."""
    return Group(
        Text(
            gettext("Strategy checklist for {surfaces}").format(surfaces=_surfaces_words(plan)),
            style="bold",
        ),
        Text(),
        ChecklistView(plan.checklist, glyphs),
        Text(),
    )


def schedule_view(plan: Plan, glyphs: Glyphs = UNICODE) -> RenderableType:
    """Section 5: the planned posts and the drafts left out."""
    schedule = plan.schedule
    formats = ", ".join(
        gettext("a plain {format}").format(format=_name(lane.grid.format)) for lane in plan.lanes
    )
    what = (
        gettext("drafts")
        if plan.from_drafts
        else gettext("{formats} per slot").format(formats=formats)
    )
    caps = ", ".join(
        f"{n} {_surface(lane)}" if plan.surface is None else f"{n}"
        for lane, n in schedule.per_week.items()
    )
    gaps = ", ".join(
        gettext("{hours} h ({surface})").format(hours=decimal(h), surface=_surface(lane))
        if plan.surface is None
        else gettext("{hours} h").format(hours=decimal(h))
        for lane, h in schedule.spacing_hours.items()
    )
    start = localized(Moment(datetime.combine(schedule.start, time()), "weekday_date"))
    title = Text.assemble(
        (gettext("Schedule"), "bold"),
        "  "
        + ngettext(
            "{weeks} week from {start}, {what}, at most {caps} a week, at least {gaps} apart",
            "{weeks} weeks from {start}, {what}, at most {caps} a week, at least {gaps} apart",
            schedule.weeks,
        ).format(weeks=schedule.weeks, start=start, what=what, caps=caps, gaps=gaps),
    )
    reach = (
        gettext("{surface} median").format(surface=_surface(plan.surface))
        if plan.surface is not None
        else gettext("total median")
    )
    table = Table(box=_box(glyphs), pad_edge=False)
    table.add_column(gettext("when"), no_wrap=True)
    table.add_column(gettext("post"), ratio=1)
    table.add_column(gettext("format"), no_wrap=True)
    table.add_column(reach, justify="right", no_wrap=True)
    table.add_column("P10-P90", justify="right", no_wrap=True)
    for post in schedule.posts:
        quantiles = post_reach(post, plan)
        when = local_time(post.draft.publish_at, plan.account)
        dated = post.draft.pinned and plan.from_drafts
        name = post.draft.id + (gettext(" (dated)") if dated else "")
        name += gettext(" (tentative)") if tentative(post.draft.status) else ""
        table.add_row(
            localized(Moment(when, "weekday_date_time")),
            name,
            _name(post.draft.format),
            number(quantiles.p50),
            f"{number(quantiles.p10)}-{number(quantiles.p90)}",
        )
    none = Text(gettext("No posts planned."))
    parts: list[RenderableType] = [title, table if schedule.posts else none]
    parts += _left_out(plan, schedule)
    return Group(*parts)


def _left_out(plan: Plan, schedule: Schedule) -> list[RenderableType]:
    """Lines for drafts not in the schedule, and what the schedule's total sums."""
    lines: list[RenderableType] = []
    where = _surfaces_words(plan)
    no_reach = ", ".join(
        f"{d.id} ({localized(schedule.reasons.get(d.id, gettext(NO_REACH)))})"
        for d in schedule.no_reach
    )
    groups = (
        (
            ", ".join(d.id for d in schedule.ineligible),
            gettext("Cannot reach {surfaces} (format)").format(surfaces=where),
        ),
        (no_reach, gettext("No {surfaces} reach at any hour in the model").format(surfaces=where)),
        (
            ", ".join(d.id for d in schedule.outside),
            gettext("Outside these weeks (by their date or window)"),
        ),
        (
            ", ".join(d.id for d in schedule.unplaced),
            gettext("No room in these weeks (raise --weeks or --per-week)"),
        ),
    )
    for ids, label in groups:
        if ids:
            lines.append(Text(f"{label}: {ids}"))
    if not schedule.posts:
        return lines
    sums = {"typical": number(schedule.typical_reach), "expected": number(schedule.expected_reach)}
    total = (
        gettext(
            "{typical} typical {surface} reach in all (the sum of the posts' medians; expected, "
            "the sum of their means: {expected})"
        ).format(surface=where, **sums)
        if plan.surface is not None
        else gettext(
            "{typical} typical reach in all (the sum of the posts' median unique reach over all "
            "surfaces; expected, the sum of their means: {expected})"
        ).format(**sums)
    )
    placement = schedule.placement
    if placement is None:
        lines.append(Text(f"{total}."))
    else:
        lines.append(
            Text(
                gettext(
                    "{total}; the drafts were placed one at a time, the most constrained "
                    "first{moved}."
                ).format(total=total, moved=_moved(placement))
            )
        )
    return lines


def _moved(placement: Placement) -> str:
    """``, then 2 posts were moved (+35)`` when moves raised the schedule's reach."""
    if not placement.moves:
        return ""
    return ngettext(
        ", then {count} post was moved as the schedule, its posts competing, reached {gain} more",
        ", then {count} posts were moved as the schedule, its posts competing, reached {gain} more",
        placement.moves,
    ).format(count=placement.moves, gain=number(placement.gain))


def plan_view(plan: Plan, source: str, glyphs: Glyphs = UNICODE) -> RenderableType:
    """The whole table report of ``igalgo plan``, drawn with ``glyphs``."""
    account = plan.account
    calibrated = ""
    if account.calibration is not None:
        from igalgo.fitting.summary import calibration_summary  # a calibrated account's only

        calibrated = f"; {localized(calibration_summary(account.calibration))}"
    heading = Text.assemble(
        (f"{account.name}", "bold underline"),
        "  "
        + gettext("plan for {surfaces}: {followers} followers, {type}, {niche}, {zone}").format(
            surfaces=_surfaces_words(plan),
            followers=number(account.followers),
            type=localized(tr(account.account_type.value)),
            niche=localized(tr(account.market.niche.value)),
            zone=account.timezone,
        )
        + calibrated,
    )
    detail = Text(
        gettext("{source}: seed {seed}, {samples} samples per estimate").format(
            source=printable(source), seed=plan.seed, samples=number(plan.samples)
        ),
        style="dim",
    )
    parts: list[RenderableType] = [heading, detail, Text()]
    for lane in plan.lanes:
        if plan.surface is None:
            parts += [Text(gettext(LANE_TITLES[lane.surface]), style="bold underline"), Text()]
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
        Text(gettext(NOTE), style="italic dim"),
    )
