"""The use case behind ``igalgo calibrate``: read an account's exports, fit its parameters,
optionally backtest them, and say what the calibrated profile holds. Plain data, no printing.

:func:`calibrate_account` fits an account already loaded; :func:`calibrate_files` is what the
command does: the run's rules (standard input read once, no output that is an input, no post
after today), the profile read, then the fit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from igalgo.app.dating import end_of_today
from igalgo.app.files import command_line_inputs, refuse_inputs_as_outputs, stdin_at_most_once
from igalgo.domain import Account, Calibration, Format, Verdict
from igalgo.engine.settings import EngineSettings
from igalgo.errors import InputError, Location, Problem
from igalgo.fitting.backtest import backtest
from igalgo.fitting.estimate import Fit, fit_history
from igalgo.fitting.history import History, history_of
from igalgo.fitting.params import FitParams
from igalgo.fitting.rolling import RollingBacktest
from igalgo.inputs.exports import ExportReading, read_exports
from igalgo.world.model import Simulation
from igalgo.world.params import ModelParams

DEFAULT_HOLDOUT_SHARE = 0.6
"""Share of the newest posts the rolling backtest predicts (from several origins)."""


@dataclass(frozen=True)
class CalibrationRun:
    """Everything ``igalgo calibrate`` found, and the calibration it writes."""

    account: Account
    """The profile's account, as given."""
    reading: ExportReading
    history: History
    """The posts with a reach, oldest first (the ones the fit uses)."""
    fit: Fit
    """The fit on every post."""
    backtest: RollingBacktest | None
    calibration: Calibration
    """What the calibrated profile's ``calibration:`` holds."""

    @property
    def without_reach(self) -> int:
        """Posts of the exports that give no reach (not used)."""
        return len(self.reading.posts) - len(self.history.posts)

    @property
    def calibrated_account(self) -> Account:
        """The account with its calibration: what ``score`` and ``plan`` use."""
        return replace(self.account, calibration=self.calibration)


@dataclass(frozen=True)
class CalibrateOptions:
    """How the exports are read and the account fitted; the defaults are ``igalgo calibrate``'s."""

    timezone: str | None = None
    """The zone of Business Suite's publish times (default: US Pacific, where Business Suite
    writes them); every time is converted to the account's zone."""
    columns: Mapping[str, str] | None = None
    """Header names of a CSV in another language, by field."""
    post_types: Mapping[str, str] | None = None
    """Formats (``reel``...) of a CSV's post-type values in another language, by value."""
    views_per_reach: float | None = None
    """Views per account reached, to derive reach where an export has only views."""
    run_backtest: bool = True
    holdout_share: float = DEFAULT_HOLDOUT_SHARE
    seed: int = 0
    params: ModelParams = field(default_factory=ModelParams)
    fit: FitParams = field(default_factory=FitParams)
    settings: EngineSettings = field(default_factory=EngineSettings)
    now: datetime | None = None
    """The reference time no post may be after (default: now)."""


DEFAULT_CALIBRATE_OPTIONS = CalibrateOptions()
"""The default model and fit, the rolling backtest, Business Suite's times read as US Pacific."""


def calibrate_account(
    account: Account,
    exports: Sequence[str],
    *,
    version: str,
    options: CalibrateOptions = DEFAULT_CALIBRATE_OPTIONS,
) -> CalibrationRun:
    """Fit ``account`` to the posts of ``exports`` (paths or ``-``).

    Raises :class:`InputError` for unreadable exports, or when no format has enough posts with
    a reach to fit anything.
    """
    if not 0.0 < options.holdout_share < 1.0:
        raise ValueError("holdout_share must be between 0 and 1")
    fit = options.fit
    reading = read_exports(
        exports,
        timezone=account.timezone,
        export_timezone=options.timezone,
        columns=options.columns,
        post_types=options.post_types,
        views_per_reach=options.views_per_reach,
        now=options.now,
    )
    history = history_of(reading.posts)
    plain = replace(account, calibration=None)
    counts = Counter(post.format for post in history.posts)
    if max(counts.values(), default=0) < fit.min_posts_per_format:
        raise InputError([_too_short(reading, counts, fit)])
    simulation = Simulation(plain, options.params, options.settings, options.seed)
    result = fit_history(simulation, history, fit=fit)
    tested = None
    if options.run_backtest and len(history.posts) >= 2:
        tested = backtest(result, fit, predicted_share=options.holdout_share, seed=options.seed)
    verdict = None
    if tested is not None:
        found = tested.verdict
        verdict = Verdict(
            found.sentence, found.gain, found.low, found.high, found.posts, tested.cuts
        )
    calibration = replace(
        result.calibration,
        igalgo_version=version,
        inside_p10_p90=result.inside_p10_p90 if tested is None else tested.overall.inside,
        median_log_error=(result.median_log_error if tested is None else tested.overall.calibrated),
        checked_on="fitted posts" if tested is None else "backtest",
        verdict=verdict,
    )
    return CalibrationRun(account, reading, history, result, tested, calibration)


@dataclass(frozen=True)
class ExportsRequest:
    """What ``igalgo calibrate`` is asked to read, besides how the exports are read and fitted."""

    exports: Sequence[str]
    """Export files (paths, or ``-`` for standard input)."""
    account: str
    """The profile: a shipped profile name, a path or ``-``."""
    today: date | None = None
    """The day taken as today (no post may be published after it); default: now."""
    outputs: Mapping[str, Path] | None = None
    """The files the caller will write, by option; none may be an input."""
    mapping: str | None = None
    """A mapping file (path or ``-``) of columns and post-type values, added to the options'
    (:mod:`igalgo.inputs.exports.mapping`)."""


@dataclass(frozen=True)
class CalibratedProfile:
    """A calibration run with the profile it started from, as read."""

    run: CalibrationRun
    profile_name: str
    """The profile file's name in messages (a shipped profile's path, ``<stdin>``)."""
    profile_text: str
    """The profile's own text, which the calibrated profile keeps (its byte-order mark too)."""


def calibrate_files(
    request: ExportsRequest,
    options: CalibrateOptions = DEFAULT_CALIBRATE_OPTIONS,
    *,
    version: str,
) -> CalibratedProfile:
    """Read the profile and exports of ``request`` and fit them (:func:`calibrate_account`);
    ``options.now`` is replaced by the end of ``request.today``.

    Raises UsageError for standard input given twice or an output that is an input, before
    anything is read; InputError for a profile or export that cannot be read.
    """
    from igalgo.inputs.exports.mapping import ExportMapping, read_mapping
    from igalgo.inputs.loader import parse_account_text, read_profile_source  # yaml

    mapping_files = [] if request.mapping is None else [("--mapping", request.mapping)]
    stdin_at_most_once(
        [
            *(("an export", e) for e in request.exports),
            ("--account", request.account),
            *mapping_files,
        ]
    )
    inputs = [
        *command_line_inputs(request.exports, request.account, "an export"),
        *((what, source) for what, source in mapping_files if source != "-"),
    ]
    refuse_inputs_as_outputs(request.outputs or {}, inputs)
    if request.mapping is not None:
        given = ExportMapping(dict(options.columns or {}), dict(options.post_types or {}))
        read = read_mapping(request.mapping, into=given)
        options = replace(options, columns=read.columns, post_types=read.post_types)
    name, text = read_profile_source(request.account, keep_bom=True)
    profile = parse_account_text(text.removeprefix("\ufeff"), name)
    now = end_of_today(profile.timezone, request.today)
    run = calibrate_account(
        profile, request.exports, version=version, options=replace(options, now=now)
    )
    return CalibratedProfile(run, name, text)


def _too_short(reading: ExportReading, counts: Counter[Format], fit: FitParams) -> Problem:
    names = ", ".join(file.name for file in reading.files) or "the exports"
    have = ", ".join(f"{count} {fmt.value}" for fmt, count in sorted(counts.items()))
    first = reading.files[0].name if reading.files else None
    return Problem(
        "history-too-short",
        f"{names}: {counts.total()} posts with a reach"
        + (f" ({have})" if have else "")
        + f"; calibrating needs at least {fit.min_posts_per_format} posts of one format",
        location=Location(first, 1, 1) if first else None,
        hint="export a longer period (Business Suite: Insights > Content > Export data)",
    )
