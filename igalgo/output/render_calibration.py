"""The report of ``igalgo calibrate`` as rich renderables: what was read, what was fitted next
to the defaults, what could not be, and how well it predicts. Never prints.

The numbers are those of :func:`igalgo.output.calibration_report.calibration_report_data`, so
the table and the JSON always agree.
"""

from __future__ import annotations

import math
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from igalgo.errors import printable
from igalgo.output.calibration_report import (
    CALIBRATION_NOTE,
    CalibrationReport,
    calibration_report_data,
)
from igalgo.output.glyphs import UNICODE, Glyphs
from igalgo.output.render_plan import ASCII_SIMPLE_HEAD

EXPECTED_INSIDE = 0.8
"""Share of posts inside a right P10-P90 range."""


def _box(glyphs: Glyphs) -> box.Box:
    return ASCII_SIMPLE_HEAD if glyphs.ascii else box.SIMPLE_HEAD


def _table(glyphs: Glyphs, *columns: tuple[str, bool]) -> Table:
    """A table in the reports' style; each column is (header, right-aligned)."""
    table = Table(box=_box(glyphs), pad_edge=False)
    for index, (header, right) in enumerate(columns):
        table.add_column(header, justify="right" if right else "left", no_wrap=right or not index)
    return table


def _count(value: int | float) -> str:
    return f"{value:,.0f}"


def _plural(number: int, word: str) -> str:
    return f"{number:,} {word}{'' if number == 1 else 's'}"


def _percent(share: float) -> str:
    return f"{share * 100:.0f} %"


def _factor(value: float | None) -> str:
    """A median |log| error as the factor it means: ``1.7x`` for 0.52."""
    if value is None:
        return "-"
    return f"{math.exp(value):.1f}x"


def _note(text: str, style: str = "") -> RenderableType:
    """A paragraph indented by two columns, wrapped lines too."""
    return Padding(Text(text, style=style), (0, 0, 0, 2))


def _heading(data: dict[str, Any]) -> RenderableType:
    account = data["account"]
    calibration = data["calibration"]
    title = Text.assemble(
        (account["name"], "bold underline"),
        f"  {account['followers']:,} followers, {account['account_type']}, "
        f"{account['niche']}, {account['timezone']}",
    )
    detail = Text(
        f"{printable(data['profile'])}: {calibration['summary']} (seed {data['seed']})", style="dim"
    )
    lines: list[RenderableType] = [title, detail]
    previous = account["calibration"]
    if previous is not None:
        lines.append(Text(f"The profile was {previous['summary']}; this replaces it."))
    return Group(*lines)


def exports_view(data: dict[str, Any], glyphs: Glyphs = UNICODE) -> RenderableType:
    """What was read: each file, the posts, ignored columns and warnings."""
    exports = data["exports"]
    table = _table(
        glyphs, ("file", False), ("kind", False), ("encoding", False), ("posts", True),
        ("ignored columns", False),
    )  # fmt: skip
    table.columns[0].no_wrap = False
    table.columns[0].overflow = "fold"  # a long path is shown whole, over several lines
    for file in exports["files"]:
        table.add_row(
            printable(file["name"]),
            file["kind"],
            file["encoding"],
            _count(file["posts"]),
            ", ".join(file["ignored_columns"]) or "-",
        )
    said = f"{_plural(exports['posts'], 'post')} read, {exports['with_reach']:,} with a reach"
    if exports["without_reach"]:
        said += f" ({exports['without_reach']:,} without one are left out)"
    lines: list[RenderableType] = [Text("Exports", style="bold"), table, _note(said + ".")]
    for file in exports["files"]:
        if file["read_as"] is not None:  # a CSV: how its delimiter, dates and numbers were read
            lines.append(_note(f"{printable(file['name'])} read as: {file['read_as']['summary']}."))
    for warning in exports["warnings"]:
        where = (
            f"{printable(warning['file'])}:{warning['line']}:{warning['column']}: "
            if warning["file"]
            else ""
        )
        text = f"{where}warning[{warning['code']}]: {warning['message']}"
        if warning["hint"]:
            text += f"\n  hint: {warning['hint']}"
        lines.append(_note(text, "yellow"))
    return Group(*lines)


def formats_view(data: dict[str, Any], glyphs: Glyphs = UNICODE) -> RenderableType:
    """Per format: the account's level against the model's, how much of the model's
    variation the history supports, the range one post ahead, and the median reach."""
    title = Text.assemble(
        ("Formats", "bold"),
        "  level: the typical post against the model's prediction; model kept: the share of "
        "the model's post-to-post differences the history supports",
    )
    table = _table(
        glyphs, ("format", False), ("posts", True), ("level", True), ("model kept", True),
        ("P10-P90", True), ("median reach", True), ("model before", True), ("after", True),
    )  # fmt: skip
    for row in data["formats"]:
        reach = row["median_reach"]
        low, high = row["p10_p90"]
        kept = _percent(row["slope"]) + ("" if row["own_slope"] else " (pooled)")
        table.add_row(
            row["format"],
            _count(row["posts"]),
            f"{row['appeal']:g}x",
            kept,
            f"{low:g}x-{high:g}x",
            _count(reach["observed"]),
            _count(reach["uncalibrated"]),
            _count(reach["calibrated"]),
        )
    levels = data["levels"]
    life = levels["half_life"]
    memory = (
        "all posts weigh the same"
        if life is None
        else f"a post's weight halves every {life:g} posts of its format"
    )
    lines: list[RenderableType] = [
        title,
        table,
        _note(
            f"Recency: {memory} (chosen by the history's own one-post-ahead errors). The "
            f"account's typical post: {levels['overall_appeal']:g}x the model's; its level "
            f"drifts by a factor of about {_factor(levels['drift_per_30_days'])} a month.",
        ),
        _note(
            "P10-P90: one post ahead, as multiples of the predicted median; it widens with the "
            "drift for drafts further ahead. median reach: of the posts; model before and "
            "after: the median of the predicted medians for them.",
            "dim",
        ),
    ]
    return Group(*lines)


def fit_view(data: dict[str, Any]) -> RenderableType:
    """The interaction level and the fit on its own posts."""
    interaction = data["interaction"]
    before = f"{interaction['before']:g}"
    if interaction["fitted"] is None:
        rate = (
            f"engagement rate {before} kept: {_plural(interaction['posts'], 'post')} give likes, "
            f"fitting it needs {interaction['needed_posts']}"
        )
    else:
        rate = (
            f"engagement rate {before} before, {interaction['fitted']:g} fitted (on "
            f"{_plural(interaction['posts'], 'post')} that give likes; their median "
            f"interactions: {interaction['observed_median']:,g})"
        )
    sample = data["in_sample"]
    quality = (
        f"{_percent(sample['inside_p10_p90'])} of the {sample['posts']:,} posts inside the "
        f"calibrated P10-P90 ({_percent(EXPECTED_INSIDE)} when the ranges are right); "
        f"typically {_factor(sample['median_log_error'])} off the calibrated median"
    )
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="bold")
    table.add_column()
    table.add_row("Interaction", rate)
    table.add_row("In sample", quality)
    return table


def backtest_view(data: dict[str, Any], glyphs: Glyphs = UNICODE) -> RenderableType:
    """The rolling backtest per format and pooled: the errors of the calibrated model, the
    uncalibrated one and the account's own median, P10-P90 coverage, and the verdict."""
    tested = data["backtest"]
    if tested is None:
        return Text.assemble(
            ("Backtest", "bold"), "  not run (--no-backtest): the fit is not judged"
        )
    verdict = tested["verdict"]
    title = Text.assemble(
        ("Backtest", "bold"),
        f"  {tested['predicted']:,} posts predicted from {tested['cuts']} rolling origins, "
        "each from the posts before it",
    )
    table = _table(
        glyphs, ("format", False), ("posts", True), ("off: calibrated", True),
        ("uncalibrated", True), ("own median", True), ("inside P10-P90", True),
    )  # fmt: skip
    for row in [*tested["formats"], tested["overall"]]:
        table.add_row(
            row["format"], str(row["posts"]), _factor(row["calibrated"]),
            _factor(row["uncalibrated"]), _factor(row["naive"]), _percent(row["inside_p10_p90"]),
            style="bold" if row["format"] == "all" else None,
        )  # fmt: skip
    return Group(
        title,
        table,
        Text.assemble(("Verdict: ", "bold"), (verdict["sentence"], "bold")),
        _note(
            "off: how many times the typical post's reach was above or below the predicted "
            "median (exp of the median |log(actual / P50)|; 1.0x is exact); own median: the "
            "median reach of the format's earlier posts as the prediction. The verdict's "
            "interval is a paired bootstrap over the predicted posts.",
            "dim",
        ),
    )


def written_view(data: dict[str, Any]) -> RenderableType:
    """Where the calibrated profile went, or how to write it."""
    target = data["written_to"]
    if target is None:
        return Text(
            "The calibrated profile is not written: add --output CALIBRATED.yaml (or --output - "
            "for stdout), then igalgo score --account CALIBRATED.yaml.",
            style="bold",
        )
    if target == "-":
        return Text("The calibrated profile went to stdout.", style="bold")
    shown = printable(target)
    return Text(
        f"Calibrated profile written to {shown}: igalgo score --account {shown}", style="bold"
    )


def calibration_view(report: CalibrationReport, glyphs: Glyphs = UNICODE) -> RenderableType:
    """The whole table report of ``igalgo calibrate``, drawn with ``glyphs``."""
    data = calibration_report_data(report)
    return Group(
        _heading(data),
        Text(),
        exports_view(data, glyphs),
        Text(),
        formats_view(data, glyphs),
        Text(),
        fit_view(data),
        Text(),
        backtest_view(data, glyphs),
        Text(),
        written_view(data),
        Text(),
        Text(CALIBRATION_NOTE, style="italic dim"),
    )
