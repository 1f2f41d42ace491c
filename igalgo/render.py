"""Results as rich renderables: the table report of ``igalgo score``. Never prints.

Per draft: the surfaces with median reach, the P10-P90 range and a bar, followers vs
non-followers, expected actions and the top drivers. Per account: the seed's strategy checklist
with ok / improve / act. At the end: what the numbers are (model estimates of a black box).
The CLI decides where this goes (a terminal, plain text in a pipe, an SVG).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from igalgo.advice import ALL_SURFACES, effect_words
from igalgo.assessment import AccountReport, DraftResult
from igalgo.domain import FORMAT_SURFACES, Quantiles, Status, Surface
from igalgo.report import NOTE, local_time

BAR_WIDTH = 24
"""Characters of the reach bar."""

TOP_DRIVERS = 3
"""Drivers shown per draft in the table (all of them are in the JSON)."""

STATUS_STYLE = {Status.OK: "green", Status.IMPROVE: "yellow", Status.ACT: "bold red"}
"""Colour of each checklist status (dropped with NO_COLOR or in a pipe)."""


def reach_bar(reach: Quantiles, top: float, width: int = BAR_WIDTH) -> Text:
    """The P10-P90 range as ``━`` and the median as ``●`` on a log scale from 1 to ``top``.

    A log scale because reach spans orders of magnitude between surfaces (a story's few
    hundred views next to a reel's thousands) and Explore and Reels reach is heavy-tailed.
    """
    scale = math.log10(1.0 + max(top, 1.0))

    def column(value: float) -> int:
        return min(width - 1, round((width - 1) * math.log10(1.0 + max(value, 0.0)) / scale))

    low, middle, high = column(reach.p10), column(reach.p50), column(reach.p90)
    bar = Text()
    bar.append("·" * low, style="dim")
    for position in range(low, high + 1):
        bar.append("●" if position == middle else "━", style="cyan")
    bar.append("·" * (width - high - 1), style="dim")
    return bar


def _number(value: float) -> str:
    return f"{value:,.0f}"


def _amount(value: float) -> str:
    """An expected count: one decimal below 10 (0.4 shares is not 0), whole above."""
    return f"{value:,.1f}" if value < 10 else f"{value:,.0f}"


def draft_view(
    result: DraftResult,
    report: AccountReport,
    *,
    top: float,
    surfaces: frozenset[Surface] = ALL_SURFACES,
) -> RenderableType:
    """One draft: a reach table per surface, expected actions and top drivers."""
    estimate = result.estimate
    draft = estimate.draft
    when = local_time(draft.publish_at, report.account)
    title = Text.assemble(
        (draft.id, "bold"), f"  {draft.format.value}, {when:%a %Y-%m-%d %H:%M %Z}"
    )
    table = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", pad_edge=False)
    table.add_column("surface")
    table.add_column("median", justify="right", min_width=6)
    table.add_column("P10-P90", justify="right", min_width=13)
    table.add_column("range (log scale, ● median)", no_wrap=True, min_width=28)
    table.add_column("followers", justify="right")
    table.add_column("non-followers", justify="right")
    for surface in Surface:
        if surface not in surfaces:
            continue
        result_here = estimate.surfaces[surface]
        if not result_here.eligible:
            table.add_row(
                Text(surface.value, style="dim"),
                Text("-", style="dim"),
                "",
                Text(f"a {draft.format.value} is not shown here", style="dim"),
                "",
                "",
            )
            continue
        reach = result_here.reach
        table.add_row(
            surface.value,
            _number(reach.p50),
            f"{_number(reach.p10)}-{_number(reach.p90)}",
            reach_bar(reach, top),
            _number(result_here.followers),
            _number(result_here.non_followers),
        )
    total = estimate.total
    table.add_row(
        Text("total", style="bold"),
        Text(_number(total.p50), style="bold"),
        f"{_number(total.p10)}-{_number(total.p90)}",
        reach_bar(total, top),
        "",
        "",
        end_section=True,
    )
    actions = estimate.actions
    expected = Text.assemble(
        ("expected ", "dim"),
        f"{_amount(actions.likes)} likes, {_amount(actions.comments)} comments, "
        f"{_amount(actions.saves)} saves, {_amount(actions.shares)} shares, "
        f"{_amount(actions.profile_visits)} profile visits, {_amount(actions.follows)} follows",
    )
    notes = [expected]
    for driver in result.drivers[:TOP_DRIVERS]:
        where = "total" if driver.opens_surface else driver.surface.value
        gain = f"{where} reach {effect_words(driver.effect)}"
        if driver.opens_surface:
            gain += f" (opens {driver.surface.value})"
        notes.append(Text.assemble(("+ ", "green"), f"{driver.change}: ", (gain, "green")))
    more = len(result.drivers) - TOP_DRIVERS
    if more > 0:
        notes.append(Text(f"  ({more} more in --format json)", style="dim"))
    if not result.drivers:
        notes.append(Text("no tested change raises its reach noticeably", style="dim"))
    # Plain indented lines: far cheaper for rich to lay out than a Padding per line.
    return Group(table, *(Text("  ") + note for note in notes), Text())


def checklist_view(
    report: AccountReport, *, surfaces: frozenset[Surface] = ALL_SURFACES
) -> RenderableType:
    """The seed's strategy checklist for the account: item, status and one sentence (only
    the items that concern ``surfaces``)."""
    table = Table(
        box=box.SIMPLE_HEAD,
        title=Text("Strategy checklist", style="bold"),
        title_justify="left",
        pad_edge=False,
    )
    table.add_column("item", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("advice", ratio=1)
    for item in report.checklist:
        if not item.surfaces & surfaces:
            continue
        table.add_row(
            item.id, Text(item.status.value, style=STATUS_STYLE[item.status]), item.message
        )
    return table


def account_view(
    report: AccountReport, *, surfaces: frozenset[Surface] = ALL_SURFACES
) -> RenderableType:
    """One drafts file: a heading, every draft, then the checklist."""
    account = report.account
    heading = Text.assemble(
        (f"{account.name}", "bold underline"),
        f"  {account.followers:,} followers, {account.account_type.value}, "
        f"{account.market.niche.value} ({account.market.popularity.value} popularity), "
        f"{account.timezone}",
    )
    detail = Text(
        f"{report.source}: {len(report.results)} drafts, seed {report.seed}, "
        f"{report.samples:,} samples per draft",
        style="dim",
    )
    top = max(
        (
            max(r.estimate.total.p90, *(s.reach.p90 for s in r.estimate.surfaces.values()))
            for r in report.results
        ),
        default=1.0,
    )
    # With --surface, drafts that can never reach any of the chosen surfaces are left out.
    drafts = [
        draft_view(r, report, top=top, surfaces=surfaces)
        for r in report.results
        if FORMAT_SURFACES[r.estimate.draft.format] & surfaces
    ]
    return Group(
        heading, detail, Text(), *drafts, checklist_view(report, surfaces=surfaces), Text()
    )


def report_view(
    reports: Sequence[AccountReport], *, surfaces: frozenset[Surface] = ALL_SURFACES
) -> RenderableType:
    """The whole table report: every file, then the closing note."""
    return Group(
        *(account_view(r, surfaces=surfaces) for r in reports),
        Text(NOTE, style="italic dim"),
    )
