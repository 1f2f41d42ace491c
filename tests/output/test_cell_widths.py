"""Report widths are terminal cells: a draft id in CJK characters (two cells each) keeps the
score and plan tables within the width, as an ASCII id does."""

from __future__ import annotations

from dataclasses import replace

import pytest
from rich.cells import cell_len

from igalgo.app.plan import Plan
from igalgo.app.results import AccountReport
from igalgo.output.render import (
    Column,
    cell_width,
    cut_to_cells,
    plain_text,
    report_lines,
    table,
    text_of,
    wrap_line,
)
from igalgo.output.render_plan import plan_view
from tests.handmade import report
from tests.handmade_plan import plan
from tests.output.test_render_plan import plain

CJK_IDS = (
    "新しいクロワッサンのリール動画と週末のサワードウの焼き方を紹介する短い動画です",
    "週末のサワードウ",
    "一つのパン写真",
)
"""Draft ids of two-cell characters; the first takes 78 cells in 39 characters."""

MIXED = "ÉtéCafé한국어🥐e\u0301"
"""Text with one-cell, two-cell and zero-cell (combining) characters."""


def cjk_report() -> AccountReport:
    """The hand-made report with CJK draft ids."""
    made = report()
    results = tuple(
        replace(
            result, estimate=replace(result.estimate, draft=replace(result.estimate.draft, id=new))
        )
        for result, new in zip(made.results, CJK_IDS, strict=True)
    )
    return replace(made, results=results)


def cjk_plan() -> Plan:
    """The hand-made plan with CJK draft ids."""
    made = plan()
    posts = tuple(
        replace(post, draft=replace(post.draft, id=new))
        for post, new in zip(made.schedule.posts, CJK_IDS, strict=True)
    )
    return replace(made, schedule=replace(made.schedule, posts=posts))


def widest(text: str) -> int:
    """The widest line, in terminal cells as rich counts them."""
    return max(cell_len(line) for line in text.splitlines())


@pytest.mark.parametrize("width", [40, 60, 80, 100, 120])
def test_a_score_report_with_cjk_ids_fits_the_width_in_cells(width: int) -> None:
    text = plain_text(report_lines([cjk_report()], width=width))
    assert all(draft_id in text.replace("\n", "") or draft_id[:3] in text for draft_id in CJK_IDS)
    assert widest(text) <= width


@pytest.mark.parametrize("width", [60, 80, 100, 120])
def test_a_plan_with_cjk_ids_fits_the_width_in_cells(width: int) -> None:
    text = plain(plan_view(cjk_plan(), "week.yaml"), width=width)
    assert all(draft_id[0] in text for draft_id in CJK_IDS) or width < 80  # 60: no post column
    assert widest(text) <= width


def test_cell_width_counts_as_rich_does() -> None:
    for text in ("plain", "●━·─░▒▓█", *CJK_IDS, MIXED, ""):
        assert cell_width(text) == cell_len(text), text
    assert cell_width("新しい") == 6


def test_cut_to_cells_never_passes_the_cells_but_keeps_one_character() -> None:
    assert cut_to_cells("新しいクロワッサン", 5) == "新し"
    assert cut_to_cells("新しい", 1) == "新"
    assert cut_to_cells("abcdef", 4) == "abcd"
    for cells in range(1, 12):
        assert cell_len(cut_to_cells(MIXED, cells)) <= max(cells, 2)


def test_a_table_pads_and_wraps_cjk_cells_by_their_width() -> None:
    rows = [
        [(("新しい", ""),), (("週末 " * 20, ""),)],
        [(("abc", ""),), (("x", ""),)],
    ]
    lines = [text_of(line).rstrip() for line in table([Column("id"), Column("advice")], rows, 50)]
    assert all(cell_len(line) <= 50 for line in lines)
    starts = {
        cell_len(line[: line.index(text)])
        for line in lines
        for text in ("週末", "x")
        if text in line
    }
    assert len(starts) == 1  # the second column starts at one cell for every row
    wrapped = wrap_line((("週末のサワードウ " * 6, ""),), 20, indent=2)
    assert all(cell_len(text_of(line)) <= 20 for line in wrapped)
