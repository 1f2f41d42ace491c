"""Results as the table report of ``igalgo score``: laid-out lines of styled text. Never prints.

Per draft: the surfaces with median reach, the P10-P90 range and a bar, followers vs
non-followers, typical actions and the top drivers. Per account: the seed's strategy checklist
with ok / improve / act. At the end: what the numbers are (model estimates of a black box).

The layout is done here, by hand, as :data:`Line` tuples of (text, style) spans: the report's
tables have fixed columns, and laying them out with rich's ``Table`` cost more time than
scoring the demo drafts. Widths are terminal cells (:func:`cell_width`): a CJK character
takes two. :func:`plain_text` turns the lines into the plain text written to pipes and files
(rich is not imported to lay them out); :func:`report_view` turns them into a rich
renderable for a colour terminal or an SVG. The CLI decides where it goes.
"""

from __future__ import annotations

import math
import re
import textwrap
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from igalgo.app.results import AccountReport, DraftResult
from igalgo.domain import (
    ALL_SURFACES,
    ChecklistItem,
    DraftEstimate,
    Quantiles,
    Status,
    Surface,
)
from igalgo.language import Moment, capitalized, gettext, localized, number
from igalgo.output.glyphs import UNICODE, Glyphs
from igalgo.output.render_words import (
    account_heading,
    checklist_name,
    driver_gain,
    file_detail,
    format_name,
    per_reach_words,
    surface_name,
    typical_words,
)
from igalgo.output.report import NOTE, local_time

if TYPE_CHECKING:
    from rich.console import RenderableType

BAR_WIDTH = 24
"""Characters of the reach bar."""

TOP_DRIVERS = 3
"""Drivers shown per draft in the table (all of them are in the JSON)."""

STATUS_STYLE = {Status.OK: "green", Status.IMPROVE: "yellow", Status.ACT: "bold red"}
"""Colour of each checklist status (dropped with NO_COLOR or in a pipe)."""

DEFAULT_WIDTH = 100
"""Columns the report is laid out for when the caller does not say."""

MIN_WRAP_WIDTH = 30
"""Narrowest column the checklist's advice is wrapped to, however narrow the screen."""

Span = tuple[str, str]
"""A piece of text and its rich style (``""`` for none)."""

Line = tuple[Span, ...]
"""One line of the report."""

Cell = tuple[Span, ...]
"""The content of one table cell (a bar has several styles)."""

_GAP = "   "
"""Between two table columns (as rich's simple tables: padding, edge, padding)."""

_EDGE = " "
"""Before the first column."""


def reach_bar(
    reach: Quantiles, top: float, width: int = BAR_WIDTH, glyphs: Glyphs = UNICODE
) -> Cell:
    """The P10-P90 range as ``━`` and the median as ``●`` on a log scale from 1 to ``top``
    (or ``glyphs``' characters).

    A log scale because reach spans orders of magnitude between surfaces (a story's few
    hundred views next to a reel's thousands) and Explore and Reels reach is heavy-tailed.
    """
    scale = math.log10(1.0 + max(top, 1.0))

    def column(value: float) -> int:
        return min(width - 1, round((width - 1) * math.log10(1.0 + max(value, 0.0)) / scale))

    low, middle, high = column(reach.p10), column(reach.p50), column(reach.p90)
    inside = "".join(
        glyphs.median if position == middle else glyphs.inside for position in range(low, high + 1)
    )
    outside = glyphs.outside
    return ((outside * low, "dim"), (inside, "cyan"), (outside * (width - high - 1), "dim"))


def text_of(spans: Iterable[Span]) -> str:
    """The text of a line or cell, without styles."""
    return "".join(text for text, _ in spans)


def plain_text(lines: Iterable[Line]) -> str:
    """The report as plain text: no styles, trailing spaces removed, one newline per line."""
    return "".join(text_of(line).rstrip() + "\n" for line in lines)


def report_view(lines: Sequence[Line]) -> RenderableType:
    """The laid-out lines as a rich renderable, styles kept (a colour terminal, an SVG)."""
    from rich.console import Group
    from rich.text import Text

    return Group(*(Text.assemble(*line) for line in lines))


@dataclass(frozen=True)
class Column:
    """A table column: its header, alignment and least width."""

    header: str
    right: bool = False
    min_width: int = 0


def cell_width(text: str) -> int:
    """The terminal cells ``text`` takes, as rich counts them when it prints: two for a CJK
    character, none for a combining mark (measured with the standard library, so the plain
    table never imports rich)."""
    if text.isascii():
        return len(text)
    return sum(_character_cells(character) for character in text)


def _character_cells(character: str) -> int:
    """Cells of one character: none for a combining or format mark, two for a wide one."""
    if unicodedata.category(character) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1


def cut_to_cells(text: str, cells: int) -> str:
    """The longest start of ``text`` that fits ``cells`` (at least its first character)."""
    if text.isascii():
        return text[: max(1, cells)]
    used = 0
    for end, character in enumerate(text):
        used += cell_width(character)
        if used > cells and end:
            return text[:end]
    return text


def _pad(cell: Cell, width: int, right: bool) -> list[Span]:
    room = width - cell_width(text_of(cell))
    if room <= 0:
        return list(cell)
    return [(" " * room, ""), *cell] if right else [*cell, (" " * room, "")]


def table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    wrap_to: int | None = None,
    rule: str = UNICODE.rule,
) -> list[Line]:
    """Header, rule and rows, columns as wide as their widest cell.

    With ``wrap_to`` (the total width), the last column gets at most the room left and its
    text is wrapped into several lines; otherwise the table is as wide as its content. When
    less than :data:`MIN_WRAP_WIDTH` is left for it, the last column goes under the others
    instead, indented, so that no line passes ``wrap_to``.
    """
    widths = [
        max(
            column.min_width,
            cell_width(column.header),
            *(cell_width(text_of(row[i])) for row in rows),
        )
        for i, column in enumerate(columns)
    ]
    if wrap_to is not None:
        used = len(_EDGE) + sum(widths[:-1]) + len(_GAP) * (len(columns) - 1) + len(_EDGE)
        if wrap_to - used < MIN_WRAP_WIDTH:
            return _stacked(columns, rows, widths[:-1], wrap_to, rule)
        widths[-1] = min(widths[-1], wrap_to - used)

    def line(cells: Sequence[Cell]) -> Line:
        spans: list[Span] = [(_EDGE, "")]
        for i, (cell, column) in enumerate(zip(cells, columns, strict=True)):
            if i:
                spans.append((_GAP, ""))
            spans += _pad(cell, widths[i], column.right)
        return tuple(spans)

    header = [((column.header, "bold"),) for column in columns]
    inner = sum(widths) + len(_GAP) * (len(columns) - 1)
    out = [line(header), ((_EDGE, ""), (rule * inner, ""))]
    for row in rows:
        if wrap_to is None:
            out.append(line(row))
            continue
        *first, last = row
        style = last[0][1] if last else ""
        wrapped = _wrap(text_of(last), widths[-1]) or [""]
        blanks: list[Cell] = [() for _ in first]
        for index, piece in enumerate(wrapped):
            out.append(line([*(first if index == 0 else blanks), ((piece, style),)]))
    return out


_STACK_INDENT = "    "
"""Before the lines of a stacked table's last column."""


def _stacked(
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[int],
    wrap_to: int,
    rule: str,
) -> list[Line]:
    """A table too narrow for its last column side by side: each row's other cells on one
    line, then the last column's text wrapped under them."""
    head = table(columns[:-1], [row[:-1] for row in rows], rule=rule)
    inner = min(wrap_to - len(_EDGE), cell_width(text_of(head[1])) - len(_EDGE))
    out = [head[0], ((_EDGE, ""), (rule * inner, ""))]
    room = max(1, wrap_to - len(_STACK_INDENT))
    for row, first in zip(rows, head[2:], strict=True):
        out.append(first)
        last = row[-1]
        style = last[0][1] if last else ""
        out += [((_STACK_INDENT + piece, style),) for piece in _wrap(text_of(last), room)]
    return out


_KEEP = "\u00a0"
"""Joins a number to its unit while wrapping (textwrap does not break at a no-break space)."""

_WIDE = "\x00"
"""Follows each two-cell character while textwrap, which counts characters, wraps: then a
line's length is its width in cells. A NUL never reaches a report (errors.printable escapes
it)."""


def _wrap(text: str, width: int) -> list[str]:
    """Words wrapped to ``width`` terminal cells; a range like ``1,310-111,010`` is never
    split, nor a number from its ``%``; a word wider than a line is cut."""
    narrow = text.isascii()  # every character one cell: textwrap's count is right
    text = text.replace(" %", _KEEP + "%")
    if narrow:
        lines = textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=True)
        return [line.replace(_KEEP, " ") for line in lines]
    # Cutting long words is left to cut_to_cells, which never splits a character from its mark.
    marked = "".join(c + _WIDE * (cell_width(c) - 1) for c in text)
    out: list[str] = []
    for line in textwrap.wrap(marked, width, break_on_hyphens=False, break_long_words=False):
        rest = line.replace(_KEEP, " ").replace(_WIDE, "")
        while cell_width(rest) > width:
            piece = cut_to_cells(rest, width)
            out.append(piece)
            rest = rest[len(piece) :]
        out.append(rest)
    return out


NARROW_BAR_WIDTH = 21
"""Characters of the reach bar on a screen too narrow for :data:`BAR_WIDTH` (60 columns)."""


@dataclass(frozen=True)
class DraftLayout:
    """Which columns a draft's reach table shows, and how wide its bar is: on narrow screens
    the followers split goes first, then the bar shrinks, then it goes."""

    followers: bool
    bar_width: int
    """0: no bar column."""

    def columns(self, glyphs: Glyphs) -> tuple[Column, ...]:
        """The columns shown, headers in ``glyphs``' characters."""
        shown = [
            Column(gettext("surface")),
            Column(gettext("median"), right=True, min_width=6),
            Column("P10-P90", right=True, min_width=13),
        ]
        if self.bar_width:
            header = (
                gettext("range (log scale, {median} median)")
                if self.bar_width >= BAR_WIDTH
                else gettext("range (log, {median} median)")
            ).format(median=glyphs.median)
            least = 28 if self.bar_width >= BAR_WIDTH else self.bar_width
            shown.append(Column(header, min_width=least))
        if self.followers:
            shown += [
                Column(gettext("followers"), right=True),
                Column(gettext("non-followers"), right=True),
            ]
        return tuple(shown)


DRAFT_LAYOUTS = (
    DraftLayout(followers=True, bar_width=BAR_WIDTH),
    DraftLayout(followers=False, bar_width=BAR_WIDTH),
    DraftLayout(followers=False, bar_width=NARROW_BAR_WIDTH),
    DraftLayout(followers=False, bar_width=0),
)
"""From the widest to the narrowest; a draft's table takes the first that fits the width."""


def draft_lines(
    result: DraftResult,
    report: AccountReport,
    *,
    top: float,
    surfaces: frozenset[Surface] = ALL_SURFACES,
    width: int = DEFAULT_WIDTH,
    glyphs: Glyphs = UNICODE,
    layout: DraftLayout = DRAFT_LAYOUTS[0],
) -> list[Line]:
    """One draft: a reach table per surface in ``layout``, typical actions and top drivers,
    the text lines wrapped to ``width``."""
    estimate = result.estimate
    draft = estimate.draft
    when = local_time(draft.publish_at, report.account)
    said = localized(Moment(when, "weekday_date_time"))
    title: Line = ((draft.id, "bold"), (f"  {format_name(draft.format)}, {said} {when:%Z}", ""))
    lines = reach_table(estimate, surfaces, top, layout, glyphs, result.zero)
    notes: list[Line] = [
        (("  ", ""), (gettext("note: "), "dim"), (localized(note), "")) for note in result.notes
    ]
    notes.append((("  ", ""), (gettext("typically "), "dim"), (typical_words(estimate), "")))
    notes.append(
        (("  ", ""), (gettext("per account reached "), "dim"), (per_reach_words(estimate), ""))
    )
    for d in result.drivers[:TOP_DRIVERS]:
        change = localized(d.change) + ": "
        notes.append((("  ", ""), ("+ ", "green"), (change, ""), (driver_gain(d), "green")))
    more = len(result.drivers) - TOP_DRIVERS
    if more > 0:
        notes.append(
            (("  ", ""), (gettext("  ({more} more in --format json)").format(more=more), "dim"))
        )
    if not result.drivers:
        nothing = gettext("no tested change adds a tenth of its P10-P90 range")
        notes.append((("  ", ""), (nothing, "dim")))
    wrapped = [piece for note in notes for piece in wrap_line(note, width, indent=4)]
    return [*wrap_line(title, width, indent=2), (), *lines, (), *wrapped, ()]


def fitting_layout(
    estimates: Sequence[DraftEstimate],
    surfaces: frozenset[Surface],
    top: float,
    width: int,
    glyphs: Glyphs = UNICODE,
    zero: Sequence[Mapping[Surface, str]] | None = None,
) -> DraftLayout:
    """The widest of :data:`DRAFT_LAYOUTS` in which every draft's reach table (with the
    reasons ``zero`` gives per draft) fits ``width`` (the narrowest when none does), so that
    all the tables of a file look alike."""
    reasons = zero or [{}] * len(estimates)
    for layout in DRAFT_LAYOUTS[:-1]:
        if all(
            max(
                cell_width(text_of(line))
                for line in reach_table(e, surfaces, top, layout, glyphs, why)
            )
            <= width
            for e, why in zip(estimates, reasons, strict=True)
        ):
            return layout
    return DRAFT_LAYOUTS[-1]


def reach_table(
    estimate: DraftEstimate,
    surfaces: frozenset[Surface],
    top: float,
    layout: DraftLayout,
    glyphs: Glyphs = UNICODE,
    zero: Mapping[Surface, str] | None = None,
) -> list[Line]:
    """A draft's reach table: one row per surface shown, then the total, in ``layout``; a
    surface in ``zero`` (typically nobody) says why instead of its numbers."""
    draft = estimate.draft
    rows: list[list[Cell]] = []
    for surface in Surface:
        if surface not in surfaces:
            continue
        here = estimate.surfaces[surface]
        if not here.eligible:
            hidden = gettext("a {format} is not shown here").format(
                format=format_name(draft.format)
            )
            if layout.bar_width < BAR_WIDTH:
                hidden = gettext("not shown here")
            rows.append([((surface_name(surface), "dim"),), (("-", "dim"),), ((hidden, "dim"),)])
            continue
        reason = (zero or {}).get(surface)
        if reason is not None:  # typically nobody: say why instead of "0  0-0"
            said = localized(reason)
            if layout.bar_width < BAR_WIDTH:
                said = said.removeprefix(gettext("not recommended: "))
            rows.append([((surface_name(surface), ""),), (("0", ""),), ((said, "yellow"),)])
            continue
        reach = here.reach
        rows.append(
            [
                ((surface_name(surface), ""),),
                ((number(reach.p50), ""),),
                ((f"{number(reach.p10)}-{number(reach.p90)}", ""),),
                reach_bar(reach, top, layout.bar_width, glyphs),
                ((number(here.followers), ""),),
                ((number(here.non_followers), ""),),
            ]
        )
    total = estimate.total
    rows.append(
        [
            ((surface_name("total"), "bold"),),
            ((number(total.p50), "bold"),),
            ((f"{number(total.p10)}-{number(total.p90)}", ""),),
            reach_bar(total, top, layout.bar_width, glyphs),
            (),
            (),
        ]
    )
    return table(layout.columns(glyphs), [_fit_row(row, layout) for row in rows], rule=glyphs.rule)


def _fit_row(row: list[Cell], layout: DraftLayout) -> list[Cell]:
    """A row of all six cells cut to ``layout``'s columns. A surface the format cannot reach
    has three cells: its note goes where the bar is, or after the median without one."""
    if len(row) == 3:  # surface, "-" or "0", why not shown or why nobody
        surface, dash, hidden = row
        if layout.bar_width:
            return [surface, dash, (), hidden, *([(), ()] if layout.followers else [])]
        return [surface, dash, hidden]
    surface, median, interval, bar, followers, non_followers = row
    fitted = [surface, median, interval]
    if layout.bar_width:
        fitted.append(bar)
    if layout.followers:
        fitted += [followers, non_followers]
    return fitted


def wrap_line(line: Line, width: int, indent: int = 0) -> list[Line]:
    """``line`` as it is when it fits ``width``, else broken between words into lines of at
    most ``width`` (continuation lines indented by ``indent``), styles kept; a number is never
    split from its ``%``, and a word longer than a line is cut."""
    if cell_width(text_of(line)) <= width:
        return [line]
    tokens = [
        (piece, style)
        for text, style in line
        for piece in re.split(r"( +)", text.replace(" %", _KEEP + "%"))
        if piece
    ]
    out: list[Line] = []
    current: list[Span] = []
    used = 0
    words = 0
    pending: Span = ("", "")
    """Spaces between two words, written only when the next word stays on the line."""
    for piece, style in tokens:
        if piece.isspace():
            if words:
                pending = (piece, style)
            else:  # the line's own leading spaces
                current.append((piece, style))
                used += len(piece)
            continue
        while piece:
            room = width - used - len(pending[0])
            if words and cell_width(piece) > room:
                out.append(tuple(current))
                current, used, words, pending = [(" " * indent, "")], indent, 0, ("", "")
                continue
            cut = cut_to_cells(piece, room)
            if pending[0]:
                current.append(pending)
                used += len(pending[0])
                pending = ("", "")
            current.append((cut, style))
            used += cell_width(cut)
            words += 1
            piece = piece[len(cut) :]
    out.append(tuple(current))
    return [tuple((text.replace(_KEEP, " "), style) for text, style in line) for line in out]


def checklist_table(
    items: Iterable[ChecklistItem], width: int, glyphs: Glyphs = UNICODE
) -> list[Line]:
    """Checklist items as a table (item, status, advice wrapped to ``width``)."""
    rows: list[list[Cell]] = [
        [
            ((checklist_name(item.id), ""),),
            ((checklist_name(item.status.value), STATUS_STYLE[item.status]),),
            ((localized(item.message), ""),),
        ]
        for item in items
    ]
    columns = (Column(gettext("item")), Column(gettext("status")), Column(gettext("advice")))
    return table(columns, rows, wrap_to=width, rule=glyphs.rule)


@dataclass(frozen=True)
class ChecklistView:
    """Checklist items as a rich renderable laid out to the width it is printed at (the
    checklist of ``igalgo plan``; rich is imported only when it is printed)."""

    items: tuple[ChecklistItem, ...]
    glyphs: Glyphs = UNICODE

    def __rich_console__(self, console: Any, options: Any) -> Iterator[Any]:
        """The table's lines as rich text, styles kept."""
        from rich.text import Text

        for line in checklist_table(self.items, options.max_width, self.glyphs):
            yield Text.assemble(*line)


def account_lines(
    report: AccountReport,
    *,
    surfaces: frozenset[Surface] = ALL_SURFACES,
    width: int = DEFAULT_WIDTH,
    glyphs: Glyphs = UNICODE,
) -> list[Line]:
    """One drafts file: a heading, every draft, then the strategy checklist (its advice
    wrapped to ``width``)."""
    account = report.account
    heading = "  " + account_heading(account)
    detail = file_detail(report)
    top = max(
        (
            max(r.estimate.total.p90, *(s.reach.p90 for s in r.estimate.surfaces.values()))
            for r in report.results
        ),
        default=1.0,
    )
    # With --surface, drafts that can never reach any of the chosen surfaces are left out.
    shown = [r for r in report.results if r.estimate.draft.surfaces & surfaces]
    layout = fitting_layout(
        [r.estimate for r in shown], surfaces, top, width, glyphs, [r.zero for r in shown]
    )
    if not layout.followers:
        detail += gettext("; followers vs non-followers in a wider terminal or --format json")
    lines = wrap_line(((account.name, "bold underline"), (heading, "")), width, indent=2)
    lines += [((piece, "dim"),) for piece in _wrap(detail, width) or [detail]]
    lines.append(())
    for result in shown:
        lines += draft_lines(
            result, report, top=top, surfaces=surfaces, width=width, glyphs=glyphs, layout=layout
        )
    # The seed's strategy checklist: only the items that concern ``surfaces``.
    items = [item for item in report.checklist if item.surfaces & surfaces]
    checklist = checklist_table(items, width, glyphs)
    for advice in report.shared:  # changes every draft of a format gets, said once
        lines += wrap_line((("+ ", "green"), (capitalized(advice.sentence()), "")), width, indent=2)
    lines += [()] if report.shared else []
    return [*lines, ((gettext("Strategy checklist"), "bold"),), (), *checklist, (), ()]


def report_lines(
    reports: Sequence[AccountReport],
    *,
    surfaces: frozenset[Surface] = ALL_SURFACES,
    width: int = DEFAULT_WIDTH,
    glyphs: Glyphs = UNICODE,
) -> list[Line]:
    """The whole table report: every file, then the closing note; no line is wider than
    ``width``, and only ``glyphs``' characters draw."""
    lines: list[Line] = []
    for report in reports:
        lines += account_lines(report, surfaces=surfaces, width=width, glyphs=glyphs)
    lines += [((piece, "italic dim"),) for piece in _wrap(gettext(NOTE), width)]
    return lines
