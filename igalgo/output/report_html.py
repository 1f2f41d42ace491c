"""A client report as one self-contained HTML page (``igalgo report``): the template
``templates/report.html`` with its stylesheet inline, the charts as inline SVG, the logo as a
data URI; nothing is fetched when the page opens.

Jinja2 renders with autoescaping on, so names, captions and ids from user files stay text.
jinja2 is imported here only, for ``igalgo report``; matplotlib only where a chart is drawn
(:func:`draw_here`).
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template
from markupsafe import Markup

from igalgo.app.plan import LanePlan
from igalgo.app.report import ClientReport
from igalgo.app.results import AccountReport
from igalgo.domain import Branding
from igalgo.inputs.logo import Logo
from igalgo.language import active_language, gettext, localized, ngettext
from igalgo.output import report_phrases as words
from igalgo.output.chart_parts import Chart
from igalgo.output.plan_report import heatmap_data
from igalgo.output.report import file_data
from igalgo.output.report_data import accent_of, report_document

Draw = Callable[[str, tuple[Any, ...]], Chart]
"""Draws one chart: the name of a chart function of :mod:`igalgo.output.report_charts` and its
arguments (plain data) in, the chart out (:func:`draw_here`, or the command line's drawing
process, which imports matplotlib while the command starts)."""


def draw_here(function: str, arguments: tuple[Any, ...]) -> Chart:
    """Draw a chart in this process (matplotlib is imported on the first call)."""
    from igalgo.output import report_charts

    chart: Chart = getattr(report_charts, function)(*arguments)
    return chart


DRAFTS_PER_CHART = 12
"""Drafts per chart: a chart of 12 rows fits half an A4 page, and a page never cuts one."""

TEMPLATES = Path(__file__).with_name("templates")
"""Where the report's template and stylesheet are (inside the package)."""


@cache
def _template() -> Template:
    """The page template, loaded once, with autoescaping and strict undefined names."""
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    # The active language's catalog, read at each call (the template is loaded once).
    environment.install_gettext_callables(  # type: ignore[attr-defined]  # added by the i18n extension
        gettext, ngettext, newstyle=True
    )
    environment.filters["count"] = words.count
    environment.filters["percent"] = words.percent
    environment.filters["said"] = localized
    return environment.get_template("report.html")


def logo_uri(logo: Logo | None) -> str | None:
    """The logo as a ``data:`` URI for an ``<img>`` (None without a logo)."""
    if logo is None:
        return None
    return f"data:{logo.media_type};base64,{base64.b64encode(logo.data).decode('ascii')}"


@dataclass(frozen=True)
class DraftsPart:
    """The part of a page that needs no plan, made while the plan is computed elsewhere: the
    drafts' charts, for one scored drafts file and one accent colour."""

    scored: AccountReport | None
    accent: str
    language: str
    """The language the charts' words are in (:func:`igalgo.language.active_language`)."""
    charts: tuple[Chart, ...]


def drafts_part(
    scored: AccountReport | None, branding: Branding, draw: Draw = draw_here
) -> DraftsPart:
    """The drafts' charts of a report (12 drafts a chart) from the score JSON's data, drawn by
    ``draw``, and the page template compiled: everything of the page that needs no plan."""
    _template()
    accent, language = accent_of(branding), active_language()
    if scored is None:
        return DraftsPart(scored, accent, language, ())
    every = file_data(scored)["drafts"]
    charts = tuple(
        draw(
            "drafts_chart",
            (f"drafts{i}", every[i : i + DRAFTS_PER_CHART], accent, words.SURFACE_WORDS),
        )
        for i in range(0, len(every), DRAFTS_PER_CHART)
    )
    return DraftsPart(scored, accent, language, charts)


@dataclass(frozen=True)
class LanesPart:
    """The part of a page made from the plan's lanes before the rest of the plan is known:
    one heatmap per kind of post, each with what it was drawn from."""

    heatmaps: tuple[tuple[tuple[str, str, dict[str, Any], str, str], Chart], ...]
    """Per lane in the plan's order: (chart name, lane name, heatmap data, accent, language)
    and the chart drawn from them."""


def lanes_part(lanes: Sequence[LanePlan], branding: Branding, draw: Draw = draw_here) -> LanesPart:
    """The heatmaps of the plan's ``lanes`` (in the plan's order), as the page draws them, drawn
    by ``draw``."""
    accent, language = accent_of(branding), active_language()
    drawn = []
    for i, lane in enumerate(lanes):
        inputs = (
            f"heat{i}",
            words.LANE_WORDS[lane.surface],
            heatmap_data(lane.grid, lane.recommended_slots),
            accent,
            language,
        )
        drawn.append((inputs, _heatmap(draw, *inputs[:4])))
    return LanesPart(tuple(drawn))


def _heatmap(draw: Draw, name: str, lane: str, heatmap: dict[str, Any], accent: str) -> Chart:
    """The heatmap chart of one kind of post (one figure each: a page break may fall between
    them)."""
    return draw("heatmaps_chart", (name, [(lane, heatmap)], accent, words.WEEKDAY_WORDS))


def charts_of(
    document: dict[str, Any],
    drafts: DraftsPart,
    prepared: LanesPart | None = None,
    draw: Draw = draw_here,
) -> dict[str, Any]:
    """Every chart of the page from its plain data: the drafts' (made already, ``drafts``), one
    heatmap per kind of post (those of ``prepared`` drawn from the same data are used as
    they are), the frequency curves, and the accuracy check's posts when there are any; the
    charts not made already are drawn by ``draw``."""
    accent = document["accent"]
    lanes = document["plan"]["lanes"]
    lane_names = document["lane_names"]
    made = prepared.heatmaps if prepared is not None else ()
    heatmaps = []
    for i, lane in enumerate(lanes):
        inputs = (f"heat{i}", lane_names[lane["surface"]], lane["heatmap"], accent)
        drawn = [chart for key, chart in made if key == (*inputs, active_language())]
        heatmaps.append(drawn[0] if drawn else _heatmap(draw, *inputs))
    curves = [(lane_names[lane["surface"]], lane["frequency"]) for lane in lanes]
    frequency = draw("frequency_chart", ("frequency", curves, accent))
    check = document["check"]
    accuracy = (
        draw("accuracy_chart", ("accuracy", check["posts"], accent))
        if check and check["posts"]
        else None
    )
    return {
        "drafts": list(drafts.charts),
        "heatmaps": heatmaps,
        "frequency": frequency,
        "accuracy": accuracy,
    }


def _markup(chart: Chart | None) -> Markup | None:
    """A chart's SVG as markup the template writes as it is (escaped when it was made)."""
    return None if chart is None else Markup(chart.svg)


def report_html(report: ClientReport, generated: date, draw: Draw = draw_here) -> str:
    """The whole page of one client report; ``generated`` is the date it shows; the charts
    not made already are drawn by ``draw``."""
    document = report_document(report, generated)
    part = report.prepared
    if not (
        isinstance(part, DraftsPart)
        and part.scored is report.scored
        and part.accent == document["accent"]
        and part.language == active_language()
    ):
        part = drafts_part(report.scored, report.branding, draw)
    prepared = report.prepared_lanes
    lanes = prepared if isinstance(prepared, LanesPart) else None
    charts = charts_of(document, part, lanes, draw)
    return _template().render(
        doc=document,
        charts={
            "drafts": [_markup(c) for c in charts["drafts"]],
            "heatmaps": [_markup(c) for c in charts["heatmaps"]],
            "frequency": _markup(charts["frequency"]),
            "accuracy": _markup(charts["accuracy"]),
        },
        logo=logo_uri(report.logo),
        lang=active_language(),
        words=words,
        titles=words.SECTION_TITLES,
    )
