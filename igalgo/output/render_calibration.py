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
    """Per format: the fitted appeal and spread next to the defaults, and the median reach of
    the posts next to the model's before and after; what could not be fitted, and why."""
    formats = data["formats"]
    default_spread = next(
        (f["default_appeal_log_sd"] for f in formats if f["default_appeal_log_sd"] is not None),
        None,
    )
    spread_words = f", the model's {default_spread:g}" if default_spread is not None else ""
    title = Text.assemble(
        ("Formats", "bold"),
        "  appeal: times the model's prediction for an account like this (default 1); "
        f"spread: of a post's log appeal{spread_words}",
    )
    table = _table(
        glyphs, ("format", False), ("posts", True), ("appeal", True), ("spread", True),
        ("from the posts", True), ("median reach", True), ("model before", True),
        ("model after", True),
    )  # fmt: skip
    missing = []
    for row in formats:
        reach = row["median_reach"]
        if not row["fitted"]:
            missing.append(row)
            table.add_row(
                row["format"], _count(row["posts"]), "1", "-", "0 %", _count(reach["observed"]),
                _count(reach["uncalibrated"]), _count(reach["calibrated"]),
            )  # fmt: skip
            continue
        spread = row["appeal_log_sd"]
        table.add_row(
            row["format"],
            _count(row["posts"]),
            f"{row['appeal']:g}",
            "-" if spread is None else f"{spread:g}",
            _percent(row["data_weight"]),
            _count(reach["observed"]),
            _count(reach["uncalibrated"]),
            _count(reach["calibrated"]),
        )
    lines: list[RenderableType] = [title, table]
    for row in missing:
        lines.append(
            _note(
                f"{row['format']}: not fitted, {_plural(row['posts'], 'post')} with a reach; "
                f"a format needs {row['needed_posts']} (it keeps the model's defaults)"
            )
        )
    lines.append(
        _note(
            "from the posts: how much of the fitted value the posts decide (the rest is the "
            "default; few posts stay near it). median reach: of the posts; model before and "
            "after: the median of the model's medians for them. Stories' appeal is how often "
            "followers open them; their spread is the model's.",
            "dim",
        )
    )
    return Group(*lines)


def fit_view(data: dict[str, Any]) -> RenderableType:
    """The interaction level, timing effects and the fit on its own posts."""
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
    timing = data["timing"]
    found = [timing["note"]]
    if timing["weekday_appeal"] is not None:
        found.append("weekdays Mon-Sun " + ", ".join(f"{v:g}" for v in timing["weekday_appeal"]))
    if timing["hour_appeal"] is not None:
        found.append("hours 0-3 ... 20-23 " + ", ".join(f"{v:g}" for v in timing["hour_appeal"]))
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
    table.add_row("Timing", "; ".join(found))
    table.add_row("In sample", quality)
    return table


def backtest_view(data: dict[str, Any], glyphs: Glyphs = UNICODE) -> RenderableType:
    """Held-back posts per format: inside, below and above P10-P90, and the errors of the
    calibrated model, the uncalibrated one and the naive baseline."""
    tested = data["backtest"]
    if tested is None:
        return Text.assemble(
            ("Backtest", "bold"),
            "  not run: --backtest fits on the oldest posts and predicts the newest",
        )
    fitted, held = tested["fitted"], tested["held_back"]
    title = Text.assemble(
        ("Backtest", "bold"),
        f"  fitted on the oldest {fitted['posts']:,} posts ({fitted['from']} to {fitted['to']}), "
        f"predicted the newest {held['posts']:,} ({held['from']} to {held['to']})",
    )
    table = _table(
        glyphs, ("format", False), ("fitted on", True), ("held back", True), ("inside", True),
        ("below", True), ("above", True), ("off: calibrated", True), ("uncalibrated", True),
        ("naive", True),
    )  # fmt: skip
    notes: list[RenderableType] = []
    for row in tested["formats"]:
        errors, default = row["calibrated"], row["uncalibrated"]
        if errors is None or default is None:
            table.add_row(row["format"], str(row["fitted_posts"]), str(row["held_posts"]),
                          "-", "-", "-", "-", "-", "-")  # fmt: skip
        else:
            naive = row["naive_log_error"]
            table.add_row(
                row["format"], str(row["fitted_posts"]), str(row["held_posts"]),
                str(errors["inside"]), str(errors["below"]), str(errors["above"]),
                _factor(errors["median_log_error"]), _factor(default["median_log_error"]),
                _factor(naive),
            )  # fmt: skip
        if row["note"]:
            notes.append(_note(f"{row['format']}: {row['note']}"))
    overall, default = tested["calibrated"], tested["uncalibrated"]
    table.add_row(
        "all", str(fitted["posts"]), str(held["posts"]), str(overall["inside"]),
        str(overall["below"]), str(overall["above"]), _factor(overall["median_log_error"]),
        _factor(default["median_log_error"]), "",
        style="bold",
    )  # fmt: skip
    lines: list[RenderableType] = [title, table, *notes]
    if tested["note"]:
        lines.append(_note(tested["note"][:1].upper() + tested["note"][1:] + ".", "bold yellow"))
    lines.append(
        _note(
            "inside, below, above: the held-back posts against the calibrated P10-P90. off: "
            "how many times the typical post's reach was above or below the predicted median "
            "(exp of the median |log(actual / P50)|; 1.0x is exact); naive: the median reach of "
            "the format's earlier posts as the prediction.",
            "dim",
        )
    )
    return Group(*lines)


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
