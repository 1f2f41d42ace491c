"""The client report's charts, drawn by matplotlib's SVG backend and inlined in the page.

Text stays text (``svg.fonttype: none``: selectable, searchable, translatable), every chart
carries a title and an alternative text (``role="img"``, ``aria-label``, ``<title>`` and
``<desc>``), and the ids inside each chart are salted with its own name so that several charts
in one page never share one. Charts are drawn from the report's plain data (the JSON's numbers).
matplotlib is imported here only, for ``igalgo report``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from matplotlib import rc_context
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator, NullFormatter
from matplotlib.transforms import offset_copy

from igalgo.language import gettext
from igalgo.output.chart_parts import CHART, Chart, count

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.typing import RcKeyType

FONT = ["DejaVu Sans"]
"""The font the charts are laid out with (matplotlib's own, always there); the page's
stylesheet shows their text in its own font stack, so nothing is downloaded."""

FOLLOWERS_COLOUR = "#8a8f98"
"""The followers' share of a bar; the accent colour draws the non-followers'."""

INK = "#222222"


def _style(name: str) -> dict[RcKeyType, Any]:
    """matplotlib settings of one chart (ids salted with its name)."""
    return {
        "svg.fonttype": "none",
        "svg.hashsalt": name,
        "font.family": "sans-serif",
        "font.sans-serif": FONT,
        "text.parse_math": False,
        "font.size": 9,
        "axes.edgecolor": "#bbbbbb",
        "axes.labelcolor": INK,
        "xtick.color": INK,
        "ytick.color": INK,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }


def _svg(figure: Figure, name: str, title: str, description: str) -> Chart:
    """The figure as an accessible inline ``<svg>`` (call it inside the chart's settings: the
    backend reads them as it draws): no XML prologue, no fixed size, a ``<title>`` and
    ``<desc>`` first, ``role="img"`` and ``aria-label`` on the root."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r"<[^<>]+>", lambda tag: _own_ids(tag.group(), name), text)
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, count=1, flags=re.DOTALL)
    head_end = text.index(">") + 1
    head = re.sub(r'\s(width|height)="[^"]*"', "", text[:head_end])
    label = _attribute(f"{title}. {description}")
    head = head[:-1] + f' role="img" aria-label="{label}" class="chart">'
    inner = f"<title>{_text(title)}</title><desc>{_text(description)}</desc>"
    return Chart(name, title, description, head + inner + text[head_end:])


def _own_ids(tag: str, name: str) -> str:
    """One SVG tag with its ids and references to ids prefixed by the chart's name: matplotlib
    numbers ids per figure (``figure_1``, ``patch_1``), so two charts in a page would share them."""
    tag = re.sub(r'(\sid=")([^"]+)"', rf'\g<1>{name}-\2"', tag)
    return re.sub(r'(href="#|url\(#)([^")]+)', rf"\g<1>{name}-\2", tag)


def _text(value: str) -> str:
    """Text inside an SVG element."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(value: str) -> str:
    """Text inside a double-quoted attribute."""
    return _text(value).replace('"', "&quot;")


SURFACES = ("feed", "stories", "explore", "reels")
"""The surfaces, in the order the charts show them."""

WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""The plan JSON's weekday names, Monday first."""

CELL_PIXELS = 8
"""Pixels of a heatmap's image each way per cell: the cells' edges stay sharp however large a
viewer or a printer shows it (with or without ``image-rendering: pixelated``)."""


def _margin(labels: Sequence[str], width: float) -> float:
    """The left margin, as a share of ``width`` inches, that fits the longest label."""
    longest = max((len(label) for label in labels), default=4)
    return min(0.45, (0.15 + 0.065 * longest) / width)


def drafts_chart(
    name: str, drafts: Sequence[dict[str, Any]], accent: str, surface_names: Mapping[str, str]
) -> Chart:
    """Each draft's reach per surface, one row per draft and one panel per surface: a bar of
    its typical reach split into followers and non-followers, and a line over the range where
    8 of 10 outcomes fall."""
    ids = [draft["id"] for draft in drafts]
    title = CHART["drafts_title"]
    parts = []
    for draft in drafts:
        total = draft["total"]["reach"]
        parts.append(
            CHART["draft_part"].format(
                draft=draft["id"],
                p50=count(total["p50"]),
                p10=count(total["p10"]),
                p90=count(total["p90"]),
            )
        )
    description = CHART["drafts_description"].format(parts="; ".join(parts))
    width, height = 7.0, 0.75 + 0.3 * len(drafts)
    with rc_context(_style(name)):
        figure = Figure(figsize=(width, height))
        left = _margin(ids, width)
        figure.subplots_adjust(
            left=left, right=0.98, top=1 - 0.45 / height, bottom=0.3 / height, wspace=0.12
        )
        rows = list(range(len(drafts)))
        for column, surface in enumerate(SURFACES):
            axes = figure.add_subplot(1, len(SURFACES), column + 1)
            shown = [(r, d["surfaces"][surface]) for r, d in zip(rows, drafts, strict=True)]
            shown = [(r, data) for r, data in shown if data["eligible"]]
            if shown:  # one call per kind of mark: a bar per draft is slow to build
                at = [r for r, _ in shown]
                typical = [data["reach"]["p50"] for _, data in shown]
                followers = [
                    data["reach"]["p50"]
                    * data["followers"]
                    / max(data["followers"] + data["non_followers"], 1)
                    for _, data in shown
                ]
                others = [t - f for t, f in zip(typical, followers, strict=True)]
                axes.barh(at, followers, height=0.55, color=FOLLOWERS_COLOUR)
                axes.barh(at, others, left=followers, height=0.55, color=accent)
                lows = [data["reach"]["p10"] for _, data in shown]
                highs = [data["reach"]["p90"] for _, data in shown]
                axes.hlines(at, lows, highs, color=INK, linewidth=1)
            # The ids label the first panel only; the others' rows line up with it (same limits).
            axes.set_yticks(rows, ids) if column == 0 else axes.set_yticks([])
            axes.set_ylim(len(drafts) - 0.5, -0.5)
            axes.set_xlim(left=0)
            axes.locator_params(axis="x", nbins=3)
            axes.tick_params(axis="y", length=0)
            axes.tick_params(axis="x", labelsize=7)
            axes.set_title(surface_names[surface], fontsize=9, color=INK)
        figure.suptitle(title, x=0.01, ha="left", fontsize=9.5, color=INK)
        return _svg(figure, name, title, description)


def heatmaps_chart(
    name: str,
    lanes: Sequence[tuple[str, dict[str, Any]]],
    accent: str,
    weekdays: Sequence[str],
) -> Chart:
    """Per kind of post, the typical reach of a plain post by weekday and hour (darker: more),
    recommended slots ringed."""
    title = CHART["heatmaps_title"].format(lanes=", ".join(lane for lane, _ in lanes))
    parts = []
    width, height = 7.0, 0.45 + 1.45 * len(lanes)
    with rc_context(_style(name)):
        figure = Figure(figsize=(width, height))
        figure.subplots_adjust(
            left=0.08, right=0.99, top=1 - 0.35 / height, bottom=0.45 / height, hspace=0.45
        )
        colours = LinearSegmentedColormap.from_list("reach", ["#f4f4f4", accent])
        for index, (lane, heatmap) in enumerate(lanes):
            grid: list[list[float]] = [[float("nan")] * 24 for _ in range(7)]
            marked = []
            best = (0, 0, -1.0)
            for cell in heatmap["slots"]:
                day, hour = WEEKDAY_KEYS.index(cell["weekday"]), cell["hour"]
                grid[day][hour] = cell["median_reach"]
                if cell["recommended"]:
                    marked.append((day, hour))
                if cell["median_reach"] > best[2]:
                    best = (day, hour, cell["median_reach"])
            parts.append(
                CHART["heatmap_part"].format(
                    lane=lane,
                    format=gettext(heatmap["format"]),
                    day=weekdays[best[0]],
                    hour=f"{best[1]:02d}:00",
                    reach=count(best[2]),
                    slots=", ".join(f"{weekdays[d]} {h:02d}:00" for d, h in sorted(marked))
                    or CHART["none"],
                )
            )
            axes = figure.add_subplot(len(lanes), 1, index + 1)
            # One image of the cells (a vector shape each made the page 27 KB a heatmap larger
            # and took longer to draw) under white lines between them.
            image = [[value for value in row for _ in range(CELL_PIXELS)] for row in grid]
            image = [row for row in image for _ in range(CELL_PIXELS)]
            axes.imshow(
                image, cmap=colours, interpolation="none", aspect="auto", extent=(0, 24, 7, 0)
            )
            axes.hlines(range(8), 0, 24, color="white", linewidth=0.4)
            axes.vlines(range(25), 0, 7, color="white", linewidth=0.4)
            axes.set_xlim(0, 24)
            if marked:
                axes.plot(
                    [h + 0.5 for _, h in marked],
                    [d + 0.5 for d, _ in marked],
                    "o",
                    markersize=4.5,
                    markerfacecolor="none",
                    markeredgecolor=INK,
                    markeredgewidth=1.1,
                )
            _grid_labels(figure, axes, weekdays)
            axes.set_ylim(7, 0)
            axes.set_title(
                CHART["heatmap_title"].format(lane=lane, reach=count(best[2])),
                loc="left",
                fontsize=8.5,
                color=INK,
            )
        axes.set_xlabel(CHART["heatmap_x"], fontsize=8, labelpad=LABEL_PAD + 7 + 4)
        return _svg(
            figure, name, title, CHART["heatmaps_description"].format(parts=" ".join(parts))
        )


LABEL_PAD = 3.5
"""Points between a heatmap and its weekday and hour labels (matplotlib's tick label pad)."""


def _grid_labels(figure: Figure, axes: Axes, weekdays: Sequence[str]) -> None:
    """A heatmap's weekdays on the left and every third hour below, as plain text where ticks
    without marks would be (a tick is several artists: 15 of them took a third of the chart's
    time)."""
    left = offset_copy(axes.get_yaxis_transform(), fig=figure, x=-LABEL_PAD, units="points")
    below = offset_copy(axes.get_xaxis_transform(), fig=figure, y=-LABEL_PAD, units="points")
    axes.set_xticks([])
    axes.set_yticks([])
    for day, weekday in enumerate(weekdays):
        axes.text(
            0, day + 0.5, weekday, transform=left, ha="right", va="center", fontsize=7, color=INK
        )
    for hour in range(0, 24, 3):
        axes.text(
            hour + 0.5,
            0,
            f"{hour:02d}",
            transform=below,
            ha="center",
            va="top",
            fontsize=7,
            color=INK,
        )


def frequency_chart(name: str, lanes: Sequence[tuple[str, dict[str, Any]]], accent: str) -> Chart:
    """Weekly reach against posts a week, one line per kind of post, the recommendation marked."""
    title = CHART["frequency_title"]
    parts = [
        CHART["frequency_part"].format(lane=lane, posts=curve["recommended"])
        for lane, curve in lanes
    ]
    description = CHART["frequency_description"].format(parts="; ".join(parts))
    styles = ["-", "--", ":"]
    with rc_context(_style(name)):
        figure = Figure(figsize=(7.0, 2.6))
        axes = figure.add_subplot()
        for index, (lane, curve) in enumerate(lanes):
            points = curve["points"]
            xs = [p["posts_per_week"] for p in points]
            ys = [p["weekly_reach"] for p in points]
            line = axes.plot(
                xs,
                ys,
                styles[index % len(styles)],
                color=accent if index == 0 else INK,
                label=lane,
                linewidth=1.5,
            )
            chosen = [p for p in points if p["posts_per_week"] == curve["recommended"]]
            if chosen:
                axes.plot(
                    [chosen[0]["posts_per_week"]],
                    [chosen[0]["weekly_reach"]],
                    "o",
                    color=line[0].get_color(),
                )
        axes.set_xlabel(CHART["frequency_x"])
        axes.set_ylabel(CHART["frequency_y"])
        axes.set_ylim(bottom=0)
        axes.legend(frameon=False, loc="upper left")
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_title(title, loc="left", fontsize=9.5, color=INK)
        figure.subplots_adjust(left=0.1, right=0.98, top=0.88, bottom=0.2)
        return _svg(figure, name, title, description)


def accuracy_chart(name: str, posts: Sequence[dict[str, Any]], accent: str) -> Chart:
    """Each held-back post: its predicted range and typical value, what it reached, and the
    account's own median of earlier posts of its format."""
    title = CHART["accuracy_title"]
    inside = sum(p["p10"] <= p["actual"] <= p["p90"] for p in posts)
    description = CHART["accuracy_description"].format(posts=len(posts), inside=inside)
    with rc_context(_style(name)):
        figure = Figure(figsize=(7.0, 2.6))
        axes = figure.add_subplot()
        xs = list(range(len(posts)))
        for x, post in zip(xs, posts, strict=True):
            axes.plot([x, x], [post["p10"], post["p90"]], color=accent, linewidth=3, alpha=0.5)
        axes.plot(
            xs,
            [p["p50"] for p in posts],
            "_",
            color=accent,
            markersize=10,
            label=CHART["accuracy_predicted"],
        )
        axes.plot(
            xs,
            [p["actual"] for p in posts],
            "o",
            color=INK,
            markersize=4,
            label=CHART["accuracy_actual"],
        )
        naive = [(x, p["naive"]) for x, p in zip(xs, posts, strict=True) if p["naive"] is not None]
        if naive:
            axes.plot(
                [x for x, _ in naive],
                [v for _, v in naive],
                "_",
                color=FOLLOWERS_COLOUR,
                markersize=10,
                label=CHART["accuracy_naive"],
            )
        axes.set_yscale("log")
        axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: count(value)))
        axes.yaxis.set_minor_formatter(NullFormatter())
        axes.set_xticks(xs, [p["published"][5:] for p in posts], rotation=90, fontsize=7)
        axes.set_ylabel(CHART["accuracy_y"])
        axes.legend(frameon=False, fontsize=8, loc="center left", bbox_to_anchor=(1.0, 0.5))
        axes.set_title(title, loc="left", fontsize=9.5, color=INK)
        figure.subplots_adjust(left=0.12, right=0.75, top=0.88, bottom=0.2)
        return _svg(figure, name, title, description)
