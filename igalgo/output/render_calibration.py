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
from igalgo.language import N_, decimal, gettext, localized, ngettext, number
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
    return number(value)


def _percent(share: float) -> str:
    return f"{number(share * 100)} %"


def _factor(value: float | None) -> str:
    """A median |log| error as the factor it means: ``1.7x`` for 0.52."""
    if value is None:
        return "-"
    return f"{number(math.exp(value), 1)}x"


def _posts(count: int) -> str:
    """``1 post``, ``1,204 posts``."""
    return ngettext("{count} post", "{count} posts", count).format(count=number(count))


def _note(text: str, style: str = "") -> RenderableType:
    """A paragraph indented by two columns, wrapped lines too."""
    return Padding(Text(text, style=style), (0, 0, 0, 2))


ALL_FORMATS = N_("all")
"""The backtest's pooled row, as its format column names it."""


def _format(name: str) -> str:
    """A format's name (or ``all``) in the active language."""
    return gettext(name)


def _heading(data: dict[str, Any]) -> RenderableType:
    account = data["account"]
    calibration = data["calibration"]
    title = Text.assemble(
        (account["name"], "bold underline"),
        "  "
        + gettext("{followers} followers, {type}, {niche}, {zone}").format(
            followers=number(account["followers"]),
            type=gettext(account["account_type"]),
            niche=gettext(account["niche"]),
            zone=account["timezone"],
        ),
    )
    detail = Text(
        gettext("{profile}: {summary} (seed {seed})").format(
            profile=printable(data["profile"]),
            summary=localized(calibration["summary"]),
            seed=data["seed"],
        ),
        style="dim",
    )
    lines: list[RenderableType] = [title, detail]
    previous = account["calibration"]
    if previous is not None:
        lines.append(
            Text(
                gettext("The profile was {summary}; this replaces it.").format(
                    summary=localized(previous["summary"])
                )
            )
        )
    return Group(*lines)


def exports_view(data: dict[str, Any], glyphs: Glyphs = UNICODE) -> RenderableType:
    """What was read: each file, the posts, ignored columns and warnings."""
    exports = data["exports"]
    table = _table(
        glyphs, (gettext("file"), False), (gettext("kind"), False), (gettext("encoding"), False),
        (gettext("posts"), True), (gettext("ignored columns"), False),
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
    said = gettext("{posts} read, {with_reach} with a reach").format(
        posts=_posts(exports["posts"]), with_reach=number(exports["with_reach"])
    )
    if exports["without_reach"]:
        said += gettext(" ({count} without one are left out)").format(
            count=number(exports["without_reach"])
        )
    exported = Text(gettext("Exports"), style="bold")
    lines: list[RenderableType] = [exported, table, _note(said + ".")]
    for file in exports["files"]:
        if file["read_as"] is not None:  # a CSV: how its delimiter, dates and numbers were read
            read_as = gettext("{file} read as: {summary}.").format(
                file=printable(file["name"]), summary=localized(file["read_as"]["summary"])
            )
            lines.append(_note(read_as))
    for warning in exports["warnings"]:
        where = (
            f"{printable(warning['file'])}:{warning['line']}:{warning['column']}: "
            if warning["file"]
            else ""
        )
        text = f"{where}warning[{warning['code']}]: {localized(warning['message'])}"
        if warning["hint"]:
            text += f"\n  hint: {localized(warning['hint'])}"
        lines.append(_note(text, "yellow"))
    return Group(*lines)


def formats_view(data: dict[str, Any], glyphs: Glyphs = UNICODE) -> RenderableType:
    """Per format: the account's level against the model's, how much of the model's
    variation the history supports, the range one post ahead, and the median reach."""
    title = Text.assemble(
        (gettext("Formats"), "bold"),
        "  "
        + gettext(
            "level: the typical post against the model's prediction; model kept: the share of "
            "the model's post-to-post differences the history supports"
        ),
    )
    table = _table(
        glyphs, (gettext("format"), False), (gettext("posts"), True), (gettext("level"), True),
        (gettext("model kept"), True), ("P10-P90", True), (gettext("median reach"), True),
        (gettext("model before"), True), (gettext("after"), True),
    )  # fmt: skip
    for row in data["formats"]:
        reach = row["median_reach"]
        low, high = row["p10_p90"]
        kept = _percent(row["slope"]) + ("" if row["own_slope"] else gettext(" (pooled)"))
        table.add_row(
            _format(row["format"]),
            _count(row["posts"]),
            f"{decimal(row['appeal'])}x",
            kept,
            f"{decimal(low)}x-{decimal(high)}x",
            _count(reach["observed"]),
            _count(reach["uncalibrated"]),
            _count(reach["calibrated"]),
        )
    levels = data["levels"]
    life = levels["half_life"]
    memory = (
        gettext("all posts weigh the same")
        if life is None
        else gettext("a post's weight halves every {count} posts of its format").format(
            count=decimal(life)
        )
    )
    lines: list[RenderableType] = [
        title,
        table,
        _note(
            gettext(
                "Recency: {memory} (chosen by the history's own one-post-ahead errors). The "
                "account's typical post: {level}x the model's; its level drifts by a factor of "
                "about {drift} a month."
            ).format(
                memory=memory,
                level=decimal(levels["overall_appeal"]),
                drift=_factor(levels["drift_per_30_days"]),
            ),
        ),
        _note(
            gettext(
                "P10-P90: one post ahead, as multiples of the predicted median; it widens with "
                "the drift for drafts further ahead. median reach: of the posts; model before "
                "and after: the median of the predicted medians for them."
            ),
            "dim",
        ),
    ]
    return Group(*lines)


def fit_view(data: dict[str, Any]) -> RenderableType:
    """The interaction level and the fit on its own posts."""
    interaction = data["interaction"]
    before = decimal(interaction["before"])
    if interaction["fitted"] is None:
        rate = gettext(
            "engagement rate {before} kept: {posts} give likes, fitting it needs {needed}"
        ).format(
            before=before, posts=_posts(interaction["posts"]), needed=interaction["needed_posts"]
        )
    else:
        words = {
            "before": before,
            "fitted": decimal(interaction["fitted"]),
            "posts": _posts(interaction["posts"]),
            "median": decimal(interaction["observed_median"], grouped=True),
        }
        if interaction["observed_rate"] is None:  # no photo or carousel gives likes
            rate = gettext(
                "engagement rate {before} before, {fitted} fitted (on {posts} that give likes; "
                "their median interactions: {median})"
            ).format(**words)
        else:
            rate = gettext(
                "engagement rate {before} before, {fitted} fitted (on {posts} that give likes; "
                "their median interactions: {median}; their own rate, as Later or Metricool "
                "compute it: {own})"
            ).format(**words, own=decimal(interaction["observed_rate"]))
    sample = data["in_sample"]
    quality = gettext(
        "{share} of the {posts} posts inside the calibrated P10-P90 ({expected} when the ranges "
        "are right); typically {factor} off the calibrated median"
    ).format(
        share=_percent(sample["inside_p10_p90"]),
        posts=number(sample["posts"]),
        expected=_percent(EXPECTED_INSIDE),
        factor=_factor(sample["median_log_error"]),
    )
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="bold")
    table.add_column()
    table.add_row(gettext("Interaction"), rate)
    table.add_row(gettext("In sample"), quality)
    return table


def backtest_view(data: dict[str, Any], glyphs: Glyphs = UNICODE) -> RenderableType:
    """The rolling backtest per format and pooled: the errors of the calibrated model, the
    uncalibrated one and the account's own median, P10-P90 coverage, and the verdict."""
    tested = data["backtest"]
    if tested is None:
        return Text.assemble(
            (gettext("Backtest"), "bold"),
            "  " + gettext("not run (--no-backtest): the fit is not judged"),
        )
    verdict = tested["verdict"]
    title = Text.assemble(
        (gettext("Backtest"), "bold"),
        "  "
        + gettext(
            "{posts} posts predicted from {cuts} rolling origins, each from the posts before it"
        ).format(posts=number(tested["predicted"]), cuts=tested["cuts"]),
    )
    table = _table(
        glyphs, (gettext("format"), False), (gettext("posts"), True),
        (gettext("off: calibrated"), True), (gettext("uncalibrated"), True),
        (gettext("own median"), True), (gettext("inside P10-P90"), True),
    )  # fmt: skip
    for row in [*tested["formats"], tested["overall"]]:
        table.add_row(
            _format(row["format"]), str(row["posts"]), _factor(row["calibrated"]),
            _factor(row["uncalibrated"]), _factor(row["naive"]), _percent(row["inside_p10_p90"]),
            style="bold" if row["format"] == "all" else None,
        )  # fmt: skip
    return Group(
        title,
        table,
        Text.assemble((gettext("Verdict: "), "bold"), (localized(verdict["sentence"]), "bold")),
        _note(
            gettext(
                "off: how many times the typical post's reach was above or below the predicted "
                "median (exp of the median |log(actual / P50)|; 1.0x is exact); own median: the "
                "median reach of the format's earlier posts as the prediction. The verdict's "
                "interval is a paired bootstrap over the predicted posts."
            ),
            "dim",
        ),
    )


def written_view(data: dict[str, Any]) -> RenderableType:
    """Where the calibrated profile went, or how to write it."""
    target = data["written_to"]
    if target is None:
        return Text(
            gettext(
                "The calibrated profile is not written: add --output CALIBRATED.yaml (or "
                "--output - for stdout), then igalgo score --account CALIBRATED.yaml."
            ),
            style="bold",
        )
    if target == "-":
        return Text(gettext("The calibrated profile went to stdout."), style="bold")
    shown = printable(target)
    return Text(
        gettext("Calibrated profile written to {path}: igalgo score --account {path}").format(
            path=shown
        ),
        style="bold",
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
        Text(gettext(CALIBRATION_NOTE), style="italic dim"),
    )
