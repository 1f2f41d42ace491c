"""The client report's page: the drafts' charts drawn while the plan is computed elsewhere, and
the heatmaps drawn while the rest of the plan is, are the ones the page would draw itself, and
serve only the report they were drawn for."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from igalgo.app.report import ClientReport, ReportOptions, client_reports
from igalgo.domain import Branding
from igalgo.engine.settings import EngineSettings
from igalgo.language import using
from igalgo.output.report_html import DraftsPart, LanesPart, drafts_part, lanes_part, report_html
from tests.conftest import PROFILES

DEMO = str(PROFILES / "demo-drafts.yaml")
SETTINGS = EngineSettings(samples=128, workers=2)
"""Few samples keep it short; two workers make the plan in a worker while the charts are drawn."""
TODAY = date(2026, 11, 29)


@pytest.fixture(scope="module")
def made() -> ClientReport:
    options = ReportOptions(
        settings=SETTINGS,
        today=TODAY,
        meanwhile=drafts_part,
        lanes_made=lambda _, lanes, branding: lanes_part(lanes, branding),
    )
    (report,) = client_reports(None, [DEMO], options)
    return report


def test_the_drafts_charts_drawn_meanwhile_are_the_pages_own(made: ClientReport) -> None:
    assert isinstance(made.prepared, DraftsPart)
    assert made.prepared.scored is made.scored
    assert [chart.name for chart in made.prepared.charts] == ["drafts0"]
    assert report_html(made, TODAY) == report_html(replace(made, prepared=None), TODAY)


def test_charts_drawn_for_another_accent_are_drawn_again(made: ClientReport) -> None:
    recoloured = replace(made, branding=Branding(accent="#0a5c8a"))
    page = report_html(recoloured, TODAY)
    assert page == report_html(replace(recoloured, prepared=None), TODAY)
    assert page != report_html(made, TODAY)


def test_charts_drawn_in_another_language_are_drawn_again(made: ClientReport) -> None:
    with using("nl"):  # drawn in English above, shown in Dutch here
        page = report_html(made, TODAY)
        assert page == report_html(replace(made, prepared=None), TODAY)
    assert page != report_html(made, TODAY)


def _marked(part: LanesPart) -> LanesPart:
    """The same heatmaps with a mark in each chart's markup instead of its drawing."""
    return LanesPart(
        tuple((key, replace(chart, svg="<svg>marked</svg>")) for key, chart in part.heatmaps)
    )


def test_the_heatmaps_drawn_while_the_plan_is_finished_are_the_pages_own(
    made: ClientReport,
) -> None:
    assert isinstance(made.prepared_lanes, LanesPart)
    names = [key[0] for key, _ in made.prepared_lanes.heatmaps]
    assert names == [f"heat{i}" for i in range(len(made.plan.lanes))]
    page = report_html(made, TODAY)
    assert page == report_html(replace(made, prepared_lanes=None), TODAY)
    marked = replace(made, prepared_lanes=_marked(made.prepared_lanes))
    assert report_html(marked, TODAY).count("<svg>marked</svg>") == len(names)  # used as drawn


def test_heatmaps_drawn_for_another_accent_or_language_are_drawn_again(
    made: ClientReport,
) -> None:
    assert isinstance(made.prepared_lanes, LanesPart)
    marked = replace(made, prepared_lanes=_marked(made.prepared_lanes))
    recoloured = replace(marked, branding=Branding(accent="#0a5c8a"))
    assert "marked" not in report_html(recoloured, TODAY)
    with using("nl"):
        assert "marked" not in report_html(marked, TODAY)
