"""The table report's renderables, from hand-made results (fixed numbers, no engine).

The golden file pins the layout at 100 columns without colour; regenerate it with
``IGALGO_UPDATE_GOLDEN=1 pytest tests/output/test_render.py`` and review the diff.
"""

from __future__ import annotations

import os

import pytest
from rich.cells import cell_len
from rich.console import Console

from igalgo.domain import Quantiles, Surface
from igalgo.output.glyphs import ASCII, UNICODE, glyphs_for
from igalgo.output.render import (
    BAR_WIDTH,
    DRAFT_LAYOUTS,
    Column,
    DraftLayout,
    plain_text,
    reach_bar,
    report_lines,
    report_view,
    table,
    text_of,
    wrap_line,
)
from tests.conftest import REPO
from tests.handmade import report

GOLDEN = REPO / "tests" / "golden"


def plain(width: int = 100, **options: object) -> str:
    """The report as the CLI writes it into pipes and files: plain text, no rich."""
    return plain_text(report_lines([report()], width=width, **options))  # type: ignore[arg-type]


def check_golden(name: str, text: str) -> None:
    """Compare ``text`` with tests/golden/NAME (or write it with IGALGO_UPDATE_GOLDEN=1)."""
    path = GOLDEN / name
    if os.environ.get("IGALGO_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs; see the diff above"


def test_table_report_matches_golden_file() -> None:
    check_golden("render_handmade.txt", plain())


def test_report_shows_every_part_the_issue_asks_for() -> None:
    text = plain()
    words = " ".join(text.split())
    # per draft: surfaces with median, P10-P90, bar; followers vs non-followers
    assert "croissant-reel reel, Tue 2026-12-01 19:30 CET" in words
    assert "reels 4,320 2,707-6,954" in words
    assert "non-followers" in text
    # expected actions, top drivers, ineligible surfaces named as such
    assert "typically 58 likes, 3.6 comments, 4.0 saves, 2.8 shares" in text
    assert "+ publish at 19:00 instead of 06:00: feed reach +41 % [published figure]" in text
    assert "a story is not shown here" in text
    # once per account: the checklist; then the closing line
    assert text.count("Strategy checklist") == 1
    for item in ("market", "strategy", "profiling", "timing", "frequency"):
        assert f"\n {item} " in text or f"\n{item} " in text
    assert "model estimates of a black box" in text
    assert "P10-P90" in text.splitlines()[-1] or "P10-P90" in text.splitlines()[-2]


def test_surface_filter_drops_other_surfaces_and_unreachable_drafts() -> None:
    text = plain(surfaces=frozenset({Surface.REELS}))
    drafts_part, checklist_part = text.split("Strategy checklist")
    rows = [line.split()[0] for line in drafts_part.splitlines() if line.startswith(" ")]
    assert "reels" in rows
    assert "feed" not in rows
    items = [line.split()[0] for line in checklist_part.splitlines() if line.startswith(" ")]
    assert "timing" not in items  # a checklist item about feed and stories only
    headings = [line.split()[0] for line in text.splitlines() if line[:1].isalpha()]
    assert "croissant-reel" in headings
    assert "opening-hours-story" not in headings  # a story never reaches reels
    assert "new-loaf-photo" not in headings


def test_no_ansi_codes_without_colour() -> None:
    assert "\x1b[" not in plain()


def test_colour_when_the_console_is_a_colour_terminal() -> None:
    console = Console(width=100, force_terminal=True, color_system="standard")
    with console.capture() as captured:
        console.print(report_view(report_lines([report()])))
    assert "\x1b[" in captured.get()
    # Colour changes nothing else: without the escape codes the text is the plain report.
    console = Console(width=100, no_color=True, color_system=None, highlight=False)
    with console.capture() as captured:
        console.print(report_view(report_lines([report()])))
    assert "".join(line.rstrip() + "\n" for line in captured.get().splitlines()) == plain()


def test_reach_bar_marks_range_and_median_on_a_log_scale() -> None:
    bar = text_of(reach_bar(Quantiles(10, 100, 1000, 300), top=1000))
    assert len(bar) == BAR_WIDTH
    assert bar.count("●") == 1
    start, middle, end = bar.index("━"), bar.index("●"), bar.rindex("━")
    assert start < middle < end == BAR_WIDTH - 1
    # log scale: 100 sits about two thirds of the way to 1,000
    assert abs(middle / (BAR_WIDTH - 1) - 2 / 3) < 0.06


def test_reach_bar_of_zero_reach() -> None:
    bar = text_of(reach_bar(Quantiles(0, 0, 0, 0), top=500))
    assert bar == "●" + "·" * (BAR_WIDTH - 1)


def test_checklist_advice_wraps_to_the_width_and_keeps_every_word() -> None:
    items = report().checklist
    for width in (72, 100, 140):
        text = plain(width=width)
        rows = text.split("Strategy checklist")[1].split("These are model")[0].splitlines()
        header = next(line for line in rows if line.startswith(" item"))
        start = header.index("advice")
        body = [line for line in rows[rows.index(header) + 2 :] if line.strip()]
        assert max(cell_len(line) for line in body) <= width
        messages: list[str] = []
        for line in body:
            if line[1:start].strip():  # a new item starts on this line
                messages.append("")
            messages[-1] += " " + line[start:]
        assert [" ".join(m.split()) for m in messages] == [item.message for item in items]


def test_table_columns_line_up_and_widen_for_long_numbers() -> None:
    rows = [
        [(("feed", ""),), (("12", ""),)],
        [(("total", "bold"),), (("1,234,567", "bold"),)],
    ]
    lines = [text_of(line) for line in table([Column("surface"), Column("median", True)], rows)]
    assert lines == [
        " surface      median",
        " " + "─" * 19,
        " feed             12",
        " total     1,234,567",
    ]


def test_a_percentage_is_never_split_from_its_number() -> None:
    rows = [[(("timing", ""),), (("word " * 12 + "then feed reach +25 % and more words", ""),)]]
    for width in range(40, 90):
        lines = table([Column("item"), Column("advice")], rows, wrap_to=width)
        texts = [text_of(line).rstrip() for line in lines]
        assert not any(text.endswith("+25") for text in texts), width
        assert any("+25 %" in text for text in texts)


@pytest.mark.parametrize("width", [40, 60, 72, 80, 91, 92, 100, 120])
def test_every_line_fits_the_width_and_the_tables_drop_columns_to_fit(width: int) -> None:
    text = plain(width=width)
    assert max(cell_len(line) for line in text.splitlines()) <= width
    headers = [line.split() for line in text.splitlines() if line.startswith(" surface ")]
    assert len(headers) == 3  # every draft keeps its table, all laid out alike
    assert all(header == headers[0] for header in headers)
    has_split = "non-followers" in headers[0]
    assert has_split == (width >= 92)
    assert ("followers vs non-followers in a wider terminal" in " ".join(text.split())) == (
        not has_split
    )
    assert ("range" in headers[0]) == (width >= 58)


def test_the_100_column_layout_is_the_full_one() -> None:
    assert DRAFT_LAYOUTS[0] == DraftLayout(followers=True, bar_width=BAR_WIDTH)
    assert plain(width=100) == plain()


def test_a_narrow_checklist_puts_the_advice_under_item_and_status() -> None:
    items = report().checklist
    text = plain(width=50)
    part = text.split("Strategy checklist")[1].split("These are model")[0]
    lines = [line for line in part.splitlines() if line.strip()]
    assert lines[0].split() == ["item", "status"]
    assert max(cell_len(line) for line in lines) <= 50
    advice = " ".join(line.strip() for line in lines[2:] if line.startswith("    "))
    assert " ".join(advice.split()) == " ".join(item.message for item in items)


def test_wrap_line_keeps_styles_indents_and_percentages() -> None:
    line = (("  ", ""), ("+ ", "green"), ("move it to 19:00 from 06:00: ", ""), ("feed +41 %", "g"))
    assert wrap_line(line, 80) == [line]
    for width in range(12, 40):
        wrapped = wrap_line(line, width, indent=4)
        texts = [text_of(piece) for piece in wrapped]
        assert all(cell_len(text) <= width for text in texts), (width, texts)
        assert " ".join(" ".join(texts).split()) == " ".join(text_of(line).split())
        assert all(text.startswith("    ") for text in texts[1:])
        assert not any(text.rstrip().endswith("+41") for text in texts)
        assert ("+", "green") in wrapped[0] and ("+41 %", "g") in wrapped[-1]
    long_word = wrap_line((("x" * 30, "bold"),), 10)
    assert [text_of(piece) for piece in long_word] == ["x" * 10] * 3


def test_ascii_glyphs_give_an_ascii_report_of_the_same_layout() -> None:
    unicode = plain()
    text = plain(glyphs=ASCII)
    assert text.isascii()
    assert [len(line) for line in text.splitlines()] == [len(line) for line in unicode.splitlines()]
    assert "range (log scale, o median)" in text
    bar = text_of(reach_bar(Quantiles(10, 100, 1000, 300), top=1000, glyphs=ASCII))
    assert bar.count("o") == 1 and set(bar) == {".", "=", "o"}


@pytest.mark.parametrize(
    ("encoding", "ascii"),
    [("utf-8", False), ("UTF8", False), ("utf-16", False), ("ascii", True), ("latin-1", True),
     ("cp1252", True), ("ANSI_X3.4-1968", True), (None, True), ("no-such-codec", True)],
)  # fmt: skip
def test_glyphs_for_a_stream_encoding(encoding: str | None, ascii: bool) -> None:
    assert glyphs_for(encoding) == (ASCII if ascii else UNICODE)
    assert ASCII.ascii and not UNICODE.ascii
    assert len(ASCII.shades) == len(UNICODE.shades) == 5
