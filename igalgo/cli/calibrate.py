"""``igalgo calibrate``: options in, :func:`igalgo.app.calibrate.calibrate_account`, the report
and the calibrated profile out.

The report goes to stdout in ``--format``; the calibrated profile to ``--output FILE``
(atomically), or to stdout with ``--output -`` (the report then goes to stderr). Without
``--output`` nothing but the report is written (docs/decisions/0120-calibrate-outputs.md).
"""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager, nullcontext
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from igalgo.cli.options import LangOption, SeedOption, today_override, use_language
from igalgo.errors import UsageError

if TYPE_CHECKING:
    from igalgo.output.calibration_report import CalibrationReport


class CalibrateFormat(StrEnum):
    """What ``igalgo calibrate`` writes its report as."""

    TABLE = "table"
    JSON = "json"


DEFAULT_HOLDOUT_SHARE = 0.6
"""igalgo.app.calibrate.DEFAULT_HOLDOUT_SHARE, written out for ``--help`` (which imports no
fit); a test keeps them equal."""

EPILOG = """\
\b
Examples:
  igalgo calibrate content.csv --account bakery --output bakery-calibrated.yaml
  igalgo calibrate 2024.csv 2025.csv --account me.yaml --no-backtest
  igalgo calibrate media.json --account me.yaml --format json > calibration.json
  igalgo calibrate export.csv --account me.yaml --columns reach=Bereik,views=Weergaven
  igalgo calibrate nl.csv --account me.yaml --columns Soort=type --values Reel=reel
  igalgo calibrate nl.csv --account me.yaml --mapping nl-mapping.txt
  igalgo calibrate posts.json reels.json --account me.yaml --output - > calibrated.yaml

Fits the account's own level per format (recent posts weigh more; how much more, the
history's own errors choose), how much of the model's post-to-post variation its history
supports, its range and how fast its level drifts, and its interaction level. The report
says what was read, each fitted value, and the rolling backtest's verdict (on by default;
--no-backtest skips it): fitted on the posts before several cuts, it predicts the newest
--holdout-share of the posts and compares them with the uncalibrated model and with the
account's own median (the median of the format's earlier posts), e.g. "beats your own
median by 18 % (90 %: 9-26 %): use it", "no better than your own median" or "too few
posts to tell".

Outputs: the report goes to stdout (--format json: a versioned contract, igalgo schema
calibration). --output FILE writes the calibrated profile, atomically: the profile's own
text with a commented calibration: mapping added (or replaced), which igalgo validate
accepts and igalgo score --account FILE and igalgo plan --account FILE use. Without
--output only the report is written. --output - writes the profile to stdout instead,
and the report (a table) to stderr. FILE may not be one of the run's inputs.

Exports (told apart by content, not name): Meta Business Suite content exports (CSV, UTF-8
with or without a BOM, or UTF-16 with a sep= and a title line; commas, semicolons or tabs;
MM/DD/YYYY, DD/MM/YYYY, DD-MM-YYYY or DD.MM.YYYY dates, the order decided over the whole
column; decimal points or commas; English, Spanish, Portuguese and Dutch headers, any other
language with --columns, --values and --mapping), Graph API media pages with insights
(JSON), and "Download your information" past_instagram_insights/posts.json and reels.json.
Business Suite's publish times are US Pacific time (or --timezone), converted to the
profile's zone; Graph API and Download-your-information times carry their own. Every problem is
printed on stderr as FILE:LINE:COL: error[CODE]: message with a hint; the codes are in
docs/formats.md.

No post may be published after now (IGALGO_TODAY=YYYY-MM-DD sets the day igalgo takes as
today). Exit codes: 0 ok; 2 usage error or invalid input (an export, the profile, an option),
and nothing is written; 3 internal error.
"""


def calibrate(
    exports: Annotated[
        list[str],
        typer.Argument(
            metavar="EXPORT",
            help="Insights exports of the account (CSV or JSON); '-' reads standard input.",
            show_default=False,
        ),
    ],
    account: Annotated[
        str,
        typer.Option(
            "--account",
            metavar="PROFILE",
            help="The account's profile (shipped profile name or a path); its keys and "
            "comments are kept in the calibrated profile.",
            show_default=False,
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            metavar="FILE",
            help="Write the calibrated profile to FILE (atomically); '-' writes it to stdout "
            "and the report to stderr. Default: the report only.",
            show_default=False,
        ),
    ] = None,
    backtest: Annotated[
        bool,
        typer.Option(
            "--backtest/--no-backtest",
            help="Judge the fit by a rolling-origin backtest (on by default; --no-backtest "
            "skips it).",
        ),
    ] = True,
    holdout_share: Annotated[
        str | None,
        typer.Option(
            "--holdout-share",
            metavar="SHARE",
            help="Share of the newest posts the backtest predicts, between 0 and 1. "
            f"Default: {DEFAULT_HOLDOUT_SHARE}.",
            show_default=False,
        ),
    ] = None,
    timezone: Annotated[
        str | None,
        typer.Option(
            "--timezone",
            metavar="TZ",
            help="IANA time zone of a Business Suite export's publish times. Default: "
            "America/Los_Angeles (Business Suite writes US Pacific time); they are converted "
            "to the profile's zone.",
            show_default=False,
        ),
    ] = None,
    columns: Annotated[
        list[str] | None,
        typer.Option(
            "--columns",
            metavar="HEADER=NAME,...",
            help="Header names of a CSV in another language, e.g. Bereik=reach,Type=type "
            "(repeatable; NAME=HEADER works too). Names: post_id, published_at, post_type "
            "(or type), reach, views, likes, comments, saves, shares, follows, "
            "profile_visits, duration, ...",
            show_default=False,
        ),
    ] = None,
    values: Annotated[
        list[str] | None,
        typer.Option(
            "--values",
            metavar="VALUE=FORMAT,...",
            help="Post-type values of a CSV in another language, e.g. "
            "type:Reel=reel,Carrousel=carousel (repeatable). Formats: photo, carousel, reel, "
            "video, story.",
            show_default=False,
        ),
    ] = None,
    mapping: Annotated[
        str | None,
        typer.Option(
            "--mapping",
            metavar="FILE",
            help="A file of columns and post-type values, one a line: 'HEADER = NAME' or "
            "'post_type: VALUE = FORMAT' (# starts a comment); adds to --columns and --values.",
            show_default=False,
        ),
    ] = None,
    views_per_reach: Annotated[
        str | None,
        typer.Option(
            "--views-per-reach",
            metavar="R",
            help="Views per account reached, to derive reach where an export has only views "
            "(typically 1.1 to 2).",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        CalibrateFormat,
        typer.Option(
            "--format",
            metavar="[table|json]",
            help="table, or json (igalgo schema calibration).",
            case_sensitive=False,
        ),
    ] = CalibrateFormat.TABLE,
    seed: SeedOption = 0,
    lang: LangOption = None,
) -> None:
    """Learn the account from its own Instagram history, and say how well that predicts."""
    from igalgo import __version__
    from igalgo.app.calibrate import CalibrateOptions, ExportsRequest, calibrate_files
    from igalgo.cli import runtime
    from igalgo.cli.outputs import STDOUT, given, output_stream, output_targets
    from igalgo.output.calibrated_profile import calibrated_profile_text, rounded_calibration
    from igalgo.output.calibration_report import CalibrationReport

    runtime.imports_done()
    use_language(lang)
    share = _holdout_share(holdout_share, backtest)
    if output == STDOUT and output_format is CalibrateFormat.JSON:
        raise UsageError(
            "--output - writes the profile to stdout, where --format json would write the "
            "report: give --output FILE for the profile"
        )
    from igalgo.inputs.exports.mapping import parse_options

    targets = output_targets({"--output": Path(output) if output else None}, force=False)
    request = ExportsRequest(
        exports, account, today=today_override(), outputs=given(targets), mapping=mapping
    )
    given_mapping = parse_options(columns or [], values or [])
    options = CalibrateOptions(
        timezone=timezone,
        columns=given_mapping.columns,
        post_types=given_mapping.post_types,
        views_per_reach=_views_per_reach(views_per_reach),
        run_backtest=backtest,
        holdout_share=share,
        seed=seed,
    )
    with _working():
        done = calibrate_files(request, options, version=__version__)
    calibration = rounded_calibration(done.run.calibration)
    report = CalibrationReport(done.run, account, calibration, output, seed)
    if output is not None:
        text = calibrated_profile_text(done.profile_text, done.profile_name, calibration)
        if output == STDOUT:
            _write_profile(text)
            _write_report(report, CalibrateFormat.TABLE, sys.stderr)
            return
        with output_stream(targets["--output"], json_text=False) as file:
            file.write(text)
    _write_report(report, output_format, sys.stdout)


def _write_profile(text: str) -> None:
    """The calibrated profile on stdout, as UTF-8 whatever the terminal's encoding: it is a
    profile file (igalgo reads UTF-8), and a name must not lose a character on the way."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
    else:
        buffer.write(text.encode("utf-8"))
        buffer.flush()


def _holdout_share(text: str | None, backtest: bool) -> float:
    """``--holdout-share`` as a number strictly between 0 and 1."""
    if text is None:
        return DEFAULT_HOLDOUT_SHARE
    if not backtest:
        raise UsageError(
            "--holdout-share applies to the backtest, which --no-backtest turns off: drop one"
        )
    percent = text.strip().endswith("%")
    value = _number(text.strip().removesuffix("%"))
    if value is not None and percent:
        value /= 100
    if value is None or not 0.0 < value < 1.0:
        raise UsageError(
            f"--holdout-share: expected a share between 0 and 1 (not 0 or 1), got {text!r}; "
            "e.g. 0.3 (or 30%) holds back the newest 30 % of the posts"
        )
    return value


def _views_per_reach(text: str | None) -> float | None:
    """``--views-per-reach`` as a number above zero."""
    if text is None:
        return None
    from igalgo.inputs.exports.codes import VIEWS_PER_REACH_RANGE

    low, high = VIEWS_PER_REACH_RANGE
    value = _number(text)
    if value is None or not low <= value <= high:
        raise UsageError(
            f"--views-per-reach: expected a number from {low:g} to {high:g}, got {text!r}; "
            "views per account reached is 1 or more, typically 1.1 to 2"
        )
    return value


def _number(text: str) -> float | None:
    """A finite number, or None."""
    import math

    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _working() -> AbstractContextManager[Any]:
    """A spinner on stderr while the fit runs, when stderr is a terminal."""
    if not sys.stderr.isatty():
        return nullcontext()
    from rich.console import Console

    return Console(file=sys.stderr).status("reading the exports and fitting the model ...")


def _write_report(report: CalibrationReport, fmt: CalibrateFormat, sink: TextIO) -> None:
    """The report in ``fmt`` into ``sink``: colour on a terminal, plain text otherwise."""
    from igalgo.cli import runtime

    if sink is sys.stdout:
        runtime.tolerate_unencodable(sink, json_text=fmt is CalibrateFormat.JSON)
    if fmt is CalibrateFormat.JSON:
        from igalgo.output.calibration_report import calibration_json

        sink.write(calibration_json(report))
        sink.flush()
        return
    from igalgo.cli.outputs import write_view
    from igalgo.output.glyphs import glyphs_for
    from igalgo.output.render_calibration import calibration_view

    write_view(calibration_view(report, glyphs_for(getattr(sink, "encoding", None))), sink)
    sink.flush()
