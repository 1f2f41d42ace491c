"""The calibrated profile: the input profile's text, verbatim, with a commented ``calibration:``
block that says what each fitted value means.

The YAML of the block is written here by hand rather than dumped: the user's keys, order and
comments must stay as they are, which no dump of a parsed document keeps, and the block is a
small fixed shape of numbers, dates and format names. Every text made is loaded back with
igalgo's own loader and compared before it is returned
(docs/decisions/0121-calibrated-profile-text.md).
"""

from __future__ import annotations

import dataclasses
import math
import re
import textwrap
from collections.abc import Sequence
from decimal import Decimal

from igalgo.domain import WEEKDAYS, Account, Calibration, Format, FormatCalibration
from igalgo.errors import InputError, Location, Problem
from igalgo.inputs.formats import ErrorCode
from igalgo.inputs.loader import parse_account_text
from igalgo.output.numbers import significant
from igalgo.world.params import UncertaintyParams

_KEY = re.compile(r"""^(?:calibration|"calibration"|'calibration')[ \t]*:(?:[ \t]|$)""")
"""The top-level ``calibration:`` key at the start of a line."""

_DOCUMENT_END = re.compile(r"^\.\.\.(?:[ \t]|$)")

PLURALS = {
    Format.PHOTO: "photos",
    Format.CAROUSEL: "carousels",
    Format.VIDEO: "videos",
    Format.REEL: "reels",
    Format.STORY: "stories",
}
"""How comments name a format's posts."""

HOUR_BLOCK_NAMES = ("0-3", "4-7", "8-11", "12-15", "16-19", "20-23")
"""The local hours of each :attr:`~igalgo.domain.Calibration.hour_appeal` multiplier."""


def rounded_calibration(calibration: Calibration) -> Calibration:
    """The calibration as the profile holds it: levels, spreads, rates and multipliers to three
    significant digits, the quality shares to two decimals."""

    def rounded(values: tuple[float, ...] | None) -> tuple[float, ...] | None:
        return None if values is None else tuple(significant(v) for v in values)

    formats = tuple(
        dataclasses.replace(
            fit,
            appeal=significant(fit.appeal),
            appeal_log_sd=None if fit.appeal_log_sd is None else significant(fit.appeal_log_sd),
            slope=None if fit.slope is None else round(fit.slope, 3),
            model_reach=None if fit.model_reach is None else significant(fit.model_reach),
            low=None if fit.low is None else round(fit.low, 3),
            high=None if fit.high is None else round(fit.high, 3),
        )
        for fit in calibration.formats
    )
    verdict = calibration.verdict
    if verdict is not None:
        verdict = dataclasses.replace(
            verdict,
            gain=round(verdict.gain, 3),
            low=round(verdict.low, 3),
            high=round(verdict.high, 3),
        )
    overall = calibration.overall_appeal
    rate = calibration.engagement_rate
    inside, error = calibration.inside_p10_p90, calibration.median_log_error
    return dataclasses.replace(
        calibration,
        formats=formats,
        engagement_rate=None if rate is None else significant(rate),
        weekday_appeal=rounded(calibration.weekday_appeal),
        hour_appeal=rounded(calibration.hour_appeal),
        inside_p10_p90=None if inside is None else round(inside, 2),
        median_log_error=None if error is None else round(error, 2),
        overall_appeal=None if overall is None else significant(overall),
        low=None if calibration.low is None else round(calibration.low, 3),
        high=None if calibration.high is None else round(calibration.high, 3),
        drift=None if calibration.drift is None else significant(calibration.drift),
        verdict=verdict,
    )


def yaml_number(value: float) -> str:
    """A number as YAML 1.1 reads it back exactly: digits with a dot, never an exponent
    (``1e-05`` is text to YAML 1.1)."""
    text = format(Decimal(repr(float(value))), "f")
    return text if "." in text else text + ".0"


def _times(value: float) -> str:
    return f"{significant(value):g}x"


def _format_comment(fit: FormatCalibration, default_log_sd: float) -> str:
    """``reels do 1.64x what the model predicts for an account like this, and vary more``."""
    name = PLURALS[fit.format]
    if fit.slope is not None:
        return (
            f"{name} typically reach {_times(fit.appeal)} what the model predicts; "
            f"{fit.slope * 100:.0f} % of the model's post-to-post differences hold in the history"
        )
    if fit.format is Format.STORY:
        return f"followers open the stories {_times(fit.appeal)} as often as the model predicts"
    words = f"{name} do {_times(fit.appeal)} what the model predicts for an account like this"
    spread = fit.appeal_log_sd
    if spread is None:
        return words
    if spread > default_log_sd * 1.1:
        return words + ", and vary more"
    if spread < default_log_sd / 1.1:
        return words + ", and vary less"
    return words + ", and vary about as much"


def _format_line(fit: FormatCalibration) -> str:
    parts = [f"posts: {fit.posts}", f"appeal: {yaml_number(fit.appeal)}"]
    if fit.appeal_log_sd is not None:
        parts.append(f"appeal_log_sd: {yaml_number(fit.appeal_log_sd)}")
    for name in ("slope", "model_reach", "low", "high"):
        value = getattr(fit, name)
        if value is not None:
            parts.append(f"{name}: {yaml_number(value)}")
    return f"{fit.format.value}: {{{', '.join(parts)}}}"


def _list(values: Sequence[float]) -> str:
    return "[" + ", ".join(yaml_number(v) for v in values) + "]"


COMMENT_WIDTH = 96
"""Columns the block's comment paragraphs are wrapped to."""


def _comment(text: str, indent: str) -> list[str]:
    """``text`` as comment lines under ``indent``, wrapped to :data:`COMMENT_WIDTH`."""
    return textwrap.wrap(
        text,
        COMMENT_WIDTH,
        initial_indent=f"{indent}# ",
        subsequent_indent=f"{indent}# ",
        break_on_hyphens=False,
    )


def _aligned(rows: Sequence[tuple[str, str]], indent: str) -> list[str]:
    """``key: value`` lines with their short comments lined up."""
    width = max(len(text) for text, _ in rows) + 2
    return [f"{indent}{text.ljust(width)}# {comment}" for text, comment in rows]


def calibration_block(calibration: Calibration, *, default_log_sd: float | None = None) -> str:
    """The ``calibration:`` mapping as commented YAML lines (``\\n`` line ends), values as
    given (round them first with :func:`rounded_calibration`)."""
    spread = UncertaintyParams().appeal_log_sd if default_log_sd is None else default_log_sd
    c = calibration
    lines = ["calibration:"]
    lines += _comment(
        "Fitted by `igalgo calibrate` to the account's own published posts: `igalgo score` and "
        "`igalgo plan` use these values instead of the model's defaults for an account like "
        "this. Run it again on a newer export to refresh them.",
        "  ",
    )
    rows = [
        (f'igalgo_version: "{c.igalgo_version}"', "the igalgo that fitted them"),
        (f"posts: {c.posts}", "published posts with a reach that the fit used"),
        (f"first_post: {c.first_post.isoformat()}", "the oldest of them"),
        (f"last_post: {c.last_post.isoformat()}", "the newest"),
    ]
    if c.engagement_rate is not None:
        rows.append(
            (
                f"engagement_rate: {yaml_number(c.engagement_rate)}",
                "interactions per follower per feed post, used instead of interaction:",
            )
        )
    lines += _aligned(rows, "  ")
    if c.formats and c.overall_appeal is not None:
        lines.append("  formats:")
        lines += _comment(
            "appeal: the typical post of the format against the model's prediction for it "
            "(model_reach: that prediction); slope: the share of the model's post-to-post "
            "differences (hour, weekday, length, competition) the history supports; low, high: "
            "log(P50 / P10) and log(P90 / P50) one post ahead. Formats without posts take "
            "overall_appeal.",
            "    ",
        )
        for fit in c.formats:
            lines += _comment(_format_comment(fit, spread), "    ")
            lines.append(f"    {_format_line(fit)}")
    elif c.formats:
        lines.append("  formats:")
        lines += _comment(
            "appeal: how many times what the model predicts for an account like this a post of "
            "the format does; appeal_log_sd: how much its posts vary (the model's: "
            f"{yaml_number(spread)}). Formats that are not here had too few posts and keep the "
            "model's defaults.",
            "    ",
        )
        for fit in c.formats:
            lines += _comment(_format_comment(fit, spread), "    ")
            lines.append(f"    {_format_line(fit)}")
    if c.weekday_appeal is not None:
        days = ", ".join(day.capitalize() for day in WEEKDAYS)
        lines += _comment(f"Appeal on each weekday ({days}); stories excepted.", "  ")
        lines.append(f"  weekday_appeal: {_list(c.weekday_appeal)}")
    if c.hour_appeal is not None:
        hours = ", ".join(HOUR_BLOCK_NAMES)
        lines += _comment(
            f"Appeal at the local hours {hours}, beyond when followers are online; stories "
            "excepted.",
            "  ",
        )
        lines.append(f"  hour_appeal: {_list(c.hour_appeal)}")
    lines += _own_level_lines(c)
    lines += _quality_lines(c)
    return "\n".join(lines) + "\n"


def _own_level_lines(c: Calibration) -> list[str]:
    """The account-wide values of a calibration of own levels, and the backtest's verdict."""
    if c.overall_appeal is None:
        return []
    rows = [(f"overall_appeal: {yaml_number(c.overall_appeal)}", "formats without posts")]
    if c.low is not None and c.high is not None:
        rows.append((f"low: {yaml_number(c.low)}", "log(P50 / P10), pooled"))
        rows.append((f"high: {yaml_number(c.high)}", "log(P90 / P50), pooled"))
    if c.drift is not None:
        rows.append((f"drift: {yaml_number(c.drift)}", "variance of the level per day"))
    if c.half_life is not None:
        rows.append((f"half_life: {yaml_number(c.half_life)}", "posts of a format"))
    lines = _aligned(rows, "  ")
    if c.verdict is not None:
        v = c.verdict
        lines += _comment(f"Rolling backtest over {v.posts} posts: {v.sentence}.", "  ")
        parts = [
            f'sentence: "{v.sentence}"',
            f"gain: {yaml_number(v.gain)}",
            f"low: {yaml_number(v.low)}",
            f"high: {yaml_number(v.high)}",
            f"posts: {v.posts}",
            f"cuts: {v.cuts}",
        ]
        lines.append(f"  verdict: {{{', '.join(parts)}}}")
    return lines


def _quality_lines(c: Calibration) -> list[str]:
    parts = []
    if c.inside_p10_p90 is not None:
        parts.append(f"inside_p10_p90: {yaml_number(c.inside_p10_p90)}")
    if c.median_log_error is not None:
        parts.append(f"median_log_error: {yaml_number(c.median_log_error)}")
    if c.checked_on is not None:
        parts.append(f"checked_on: {c.checked_on}")
    if not parts:
        return []
    what = "the posts it was fitted on"
    if c.checked_on == "backtest":
        what = "the newest posts, predicted from a fit on the older ones"
    said = []
    if c.inside_p10_p90 is not None:
        said.append(
            f"{c.inside_p10_p90 * 100:.0f} % fell inside the predicted P10-P90 range (80 % "
            "when the ranges are right)"
        )
    if c.median_log_error is not None:
        factor = significant(math.exp(c.median_log_error), 2)
        said.append(f"their reach was typically {factor:g}x off the predicted median")
    text = f"How well it predicts (for reading; igalgo does not use it): of {what}, "
    lines = _comment(text + ", and ".join(said) + ".", "  ") if said else []
    return [*lines, f"  quality: {{{', '.join(parts)}}}"]


def _block_span(lines: Sequence[str]) -> tuple[int, int] | None:
    """Where the top-level ``calibration:`` block is: its key line and the indented lines after
    it (blank lines and comments at column 0 after its last indented line are not its)."""
    for start, line in enumerate(lines):
        if not _KEY.match(line):
            continue
        end = start + 1
        for index in range(start + 1, len(lines)):
            text = lines[index]
            if not text.strip() or text.startswith("#"):
                continue
            if text[0] in " \t":
                end = index + 1
                continue
            break
        return start, end
    return None


def calibrated_profile_text(original: str, name: str, calibration: Calibration) -> str:
    """``original`` (a profile's text, ``name`` in messages) with ``calibration`` as its
    ``calibration:`` block: an existing top-level block is replaced where it is, else the
    block is appended; every other line is kept as it was, line ends included (the block's
    are the ones the file uses most), and a byte-order mark too.

    Raises :class:`~igalgo.errors.InputError` when ``original`` is no valid profile, or is
    laid out so that a block cannot be added (a flow mapping ``{...}``, an indented document).
    """
    bom = "\ufeff" if original.startswith("\ufeff") else ""  # kept, as every other byte
    original = original.removeprefix(bom)
    before = parse_account_text(original, name)
    newline = _line_end(original)
    block = calibration_block(calibration).replace("\n", newline)
    lines = original.splitlines(keepends=True)
    span = _block_span(lines)
    if span is not None:
        start, end = span
        lines[start:end] = [block]
    else:
        position = next(
            (i for i, line in enumerate(lines) if _DOCUMENT_END.match(line)), len(lines)
        )
        head = lines[:position]
        if head and not head[-1].endswith(("\n", "\r")):
            head[-1] += newline
        if head and head[-1].strip():
            head.append(newline)
        lines = [*head, block, *lines[position:]]
    text = "".join(lines)
    _check(text, name, before, calibration)
    return bom + text


def _line_end(text: str) -> str:
    """The line end ``text`` uses most (CRLF, LF or a lone CR; LF for a single line), which
    the added block uses too."""
    crlf = text.count("\r\n")
    counts = {"\r\n": crlf, "\n": text.count("\n") - crlf, "\r": text.count("\r") - crlf}
    return max(counts, key=lambda end: (counts[end], end == "\n"))


def _check(text: str, name: str, before: Account, calibration: Calibration) -> None:
    """Load ``text`` back: it must be the profile ``before`` with ``calibration``."""
    problem = Problem(
        ErrorCode.UNSUPPORTED_YAML,
        "a calibration: block cannot be added to this profile as it is laid out",
        Location(name, 1, 1),
        hint="write the profile as `key: value` lines starting at the first column (no "
        "{...} around it), then run igalgo calibrate again",
    )
    try:
        after = parse_account_text(text, name)
    except InputError:
        raise InputError([problem]) from None
    unchanged = dataclasses.replace(after, calibration=None) == dataclasses.replace(
        before, calibration=None
    )
    if after.calibration != calibration or not unchanged:
        raise InputError([problem])
