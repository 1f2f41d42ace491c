"""The plan's renderables, from a hand-made plan (fixed numbers, no engine).

Golden files pin the heatmap at 80 columns and the whole report at 100 columns, without
colour; regenerate with ``IGALGO_UPDATE_GOLDEN=1 pytest tests/output/test_render_plan.py`` and
review the diff.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from rich.cells import cell_len
from rich.console import Console, RenderableType

from igalgo.output.render_plan import (
    MARK,
    SHADES,
    frequency_sentence,
    heatmap,
    plan_view,
    shade_level,
)
from igalgo.planning.frequency import Frequency
from igalgo.planning.slots import Slot
from tests.handmade_plan import FREQUENCY, RECOMMENDED, cell_value, grid, plan
from tests.output.test_render import check_golden


def plain(view: RenderableType, width: int) -> str:
    """Rendered without colour, trailing spaces removed (as the CLI writes to a pipe)."""
    console = Console(width=width, no_color=True, color_system=None, highlight=False)
    with console.capture() as captured:
        console.print(view)
    return "".join(line.rstrip() + "\n" for line in captured.get().splitlines())


def coloured(view: RenderableType, width: int) -> str:
    console = Console(width=width, force_terminal=True, color_system="truecolor")
    with console.capture() as captured:
        console.print(view)
    return captured.get()


def test_heatmap_matches_golden_file() -> None:
    check_golden("plan_heatmap.txt", plain(heatmap(grid(), RECOMMENDED), width=80))


def test_plan_report_matches_golden_file() -> None:
    check_golden("plan_handmade.txt", plain(plan_view(plan(), "week.yaml"), width=100))


def heatmap_rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line[:3] in {"Mon", "Tue", "Wed", "Thu",
                                                               "Fri", "Sat", "Sun"}]  # fmt: skip


def test_heatmap_has_seven_rows_of_twenty_four_cells_in_eighty_columns() -> None:
    text = plain(heatmap(grid(), RECOMMENDED), width=80)
    rows = heatmap_rows(text)
    assert [row[:3] for row in rows] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert max(cell_len(line) for line in text.splitlines()) <= 80
    for row in rows:
        cells = re.findall(r"[ ●][·░▒▓█]{2}|  -", row[5:])
        assert len(cells) == 24, row
        assert "".join(cells) == row[5:]  # nothing but the 24 cells


def test_heatmap_reads_without_colour() -> None:
    rows = heatmap_rows(plain(heatmap(grid(), RECOMMENDED), width=80))
    # The evening peak is darkest, the night lightest, in plain characters.
    for row in rows:
        cells = [row[5 + 3 * hour : 8 + 3 * hour] for hour in range(24)]
        assert cells[19].endswith(SHADES[-1] * 2)
        assert cells[4].endswith(SHADES[0] * 2)
    # Recommended slots are marked, and only they.
    marks = [(r, c) for r, row in enumerate(rows) for c, ch in enumerate(row) if ch == MARK]
    assert sorted(marks) == sorted((s.weekday, 5 + 3 * s.hour) for s in RECOMMENDED)
    # The hour the clocks skip (Sunday 02:00 in that week) is shown as missing.
    assert rows[6][5 + 3 * 2 : 8 + 3 * 2] == "  -"


def test_heatmap_has_colour_on_a_terminal_and_none_without() -> None:
    assert "\x1b[" in coloured(heatmap(grid(), RECOMMENDED), width=80)
    assert "\x1b[" not in plain(heatmap(grid(), RECOMMENDED), width=80)


def test_legend_names_each_level_and_the_real_spread() -> None:
    text = plain(heatmap(grid(), RECOMMENDED), width=80)
    values = [cell_value(w, h) for w in range(7) for h in range(24) if (w, h) != (6, 2)]
    low, high = min(values), max(values)
    assert f"·· {low:,.0f}" in text
    assert f"max {high:,.0f}" in text
    assert f"best hour vs worst: {high / low:.1f}x" in text
    assert "● recommended slot" in text


@pytest.mark.parametrize(
    ("value", "level"), [(0.0, 0), (19.9, 0), (20.0, 1), (59.0, 2), (79.9, 3), (80.0, 4), (100, 4)]
)
def test_shade_levels_split_the_range_in_five(value: float, level: int) -> None:
    assert shade_level(value, 0.0, 100.0) == level


def test_a_flat_grid_is_all_top_level() -> None:
    assert shade_level(5.0, 5.0, 5.0) == len(SHADES) - 1


def test_frequency_sentence_quotes_the_numbers() -> None:
    sentence = frequency_sentence(FREQUENCY)
    assert "Recommended: 3 a week: post 4 would add 240, less than 50 % of what one post" in (
        sentence
    )
    assert "(520)" in sentence
    # Fewer posts than the habit reach fewer people a week: the sentence says what it buys.
    assert "You post 4 a week now: 1,700 a week (425 a post); at 3 the model expects 1,460" in (
        sentence
    )
    assert "(-14 %) with 1 fewer post, 487 a post: post 4 adds less than 50 %" in sentence


@pytest.mark.parametrize(
    ("current", "words"),
    [
        (0.0, "Your profile says you do not post here yet: at 3 the model expects 1,460 a week"),
        (0.5, "You post 0.5 a week now, less than one: at 3 the model expects 1,460 a week"),
        (2.0, "You post 2 a week now: 1,011 a week; at 3 the model expects 1,460 (+44 %)."),
        (3.0, "You post 3 a week now: 1,460 a week (487 a post), the recommended number."),
        (9.0, "You post 9 a week now, more than the 5 this plan tries"),
    ],
)
def test_frequency_sentence_fits_where_the_habit_lies(current: float, words: str) -> None:
    assert words in frequency_sentence(replace(FREQUENCY, current=current))


def test_fewer_posts_that_reach_as_much_say_so() -> None:
    flat = replace(
        FREQUENCY, points=(*FREQUENCY.points[:3], replace(FREQUENCY.points[3], weekly_reach=1400))
    )
    assert "as much with fewer posts" in frequency_sentence(flat)


def test_frequency_sentence_when_the_curve_never_falls() -> None:
    capped = replace(FREQUENCY, recommended=5)
    assert "every post up to post 5 still adds at least 50 %" in frequency_sentence(capped)
    unknown = replace(FREQUENCY, current=0.0)
    assert "do not post here yet" in frequency_sentence(unknown)
    assert frequency_sentence(Frequency((), 0, 0.5, 3.0)) == "No frequency fits the spacing rule."
    nothing = Frequency(tuple(replace(p, weekly_reach=0.0) for p in FREQUENCY.points), 0, 0.5, 3)
    assert "expects no reach here" in frequency_sentence(nothing)


def test_an_empty_schedule_says_so() -> None:
    made = plan()
    empty = replace(made, schedule=replace(made.schedule, posts=()))
    text = plain(plan_view(empty, "x"), width=100)
    assert "No posts planned." in text and " when " not in text


def test_plan_report_shows_every_part_the_issue_asks_for() -> None:
    text = plain(plan_view(plan(), "week.yaml"), width=100)
    assert text.index("When") < text.index("How often") < text.index("What")
    assert text.index("What") < text.index("Strategy checklist") < text.index("Schedule")
    assert "Recommended slots (3 a week, at least 12 h apart): Tue 19:00, Thu 19:00, Sat 19:00" in (
        text
    )
    assert "carousel (median reach vs it: photo -7 %, reel -8 %, video -16 %)" in text
    assert "+ raise production quality to high (now standard): feed reach +18 %" in text
    assert "Cannot reach feed (format): opening-hours-story" in text
    assert "No feed reach at any hour in the model: long-video (not recommended: too long)" in text
    assert "1,811 typical feed reach in all (the sum of the posts' medians; expected" in text
    assert "No room in these weeks" in text and "team-photo" in text
    assert "the drafts were placed one at a time, the most constrained first." in text
    assert "proven" not in text and "best possible" not in text
    assert "model estimates of a black box" in text


def test_a_plan_without_drafts_says_it_plans_the_template() -> None:
    text = plain(plan_view(plan(from_drafts=False), "bakery"), width=100)
    assert "a plain carousel per slot" in text
    assert "placed one at a time" not in text and "Cannot reach" not in text


def test_moves_after_the_placement_are_told() -> None:
    made = plan()
    schedule = made.schedule
    assert schedule.placement is not None
    moved = replace(schedule.placement, moves=2, gain=35.0)
    text = plain(plan_view(replace(made, schedule=replace(schedule, placement=moved)), "x"), 100)
    assert "most constrained first, then 2 posts were moved" in text
    assert "reached 35 more." in text


def test_slot_labels() -> None:
    assert Slot(1, 7).label == "Tue 07:00"
    assert Slot.of_index(Slot(6, 23).index) == Slot(6, 23)


@pytest.mark.parametrize("width", [60, 76])
def test_below_77_columns_the_heatmap_has_two_character_cells(width: int) -> None:
    text = plain(heatmap(grid(), RECOMMENDED), width=width)
    assert max(cell_len(line) for line in text.splitlines()) <= width
    rows = heatmap_rows(text)
    assert len(rows) == 7
    for row in rows:
        cells = re.findall(r"[ ●][·░▒▓█]| -", row[5:])
        assert len(cells) == 24, row
        assert "".join(cells) == row[5:]
    header = text.splitlines()[0]
    assert header.split() == [str(hour) for hour in range(0, 24, 3)]
    assert header.index("12") == 5 + 2 * 12  # above its hour's cell
    marks = [(r, c) for r, row in enumerate(rows) for c, ch in enumerate(row) if ch == MARK]
    assert sorted(marks) == sorted((s.weekday, 5 + 2 * s.hour) for s in RECOMMENDED)


def test_the_plan_in_ascii_glyphs_is_ascii_and_keeps_its_layout() -> None:
    from igalgo.output.glyphs import ASCII

    unicode = plain(plan_view(plan(), "week.yaml"), width=100)
    text = plain(plan_view(plan(), "week.yaml", ASCII), width=100)
    assert text.isascii()
    assert [len(line) for line in text.splitlines()] == [len(line) for line in unicode.splitlines()]
    assert " ---" in text and "o recommended slot" in text


@pytest.mark.parametrize("width", [60, 80, 120])
def test_every_line_of_the_plan_fits_the_width(width: int) -> None:
    text = plain(plan_view(plan(), "week.yaml"), width=width)
    assert max(cell_len(line) for line in text.splitlines()) <= width
