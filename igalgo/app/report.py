"""The use case behind ``igalgo report``: everything a client report says about one account.

:func:`client_reports` reads the account (``--account``) and each drafts file, calibrates the
account on its Insights exports when given, and builds one :class:`ClientReport` per drafts
file (or one without drafts): the drafts scored as ``igalgo score`` scores them
(:func:`igalgo.app.assess.assess_file`), the coming weeks planned as ``igalgo plan`` plans them
(:func:`igalgo.app.plan.plan_account`), and how well igalgo predicted the account's newest posts
(:mod:`igalgo.app.report_check`). Nothing is estimated here that those use cases do not
estimate; the output layer writes the same data as their JSON. Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from igalgo import __version__
from igalgo.app.assess import assess_file
from igalgo.app.calibrate import calibrate_account
from igalgo.app.dating import DateNote, end_of_today, past_notes, today_in
from igalgo.app.files import (
    account_input,
    command_line_inputs,
    refuse_inputs_as_outputs,
    stdin_at_most_once,
)
from igalgo.app.plan import Plan, PlanOptions, plan_account
from igalgo.app.report_check import PredictionCheck, prediction_check, recorded_check
from igalgo.app.results import AccountReport
from igalgo.domain import Account, Branding, DraftsFile
from igalgo.engine.settings import DEFAULT_SETTINGS, EngineSettings
from igalgo.errors import UsageError
from igalgo.inputs.logo import Logo, read_logo
from igalgo.inputs.sources import profile_file


@dataclass(frozen=True)
class ClientReport:
    """What one client report shows: one account, with or without one file of drafts."""

    source: str
    """The drafts file as given, or the profile when there are no drafts."""
    account: Account
    """The account as scored and planned (calibrated when exports were given)."""
    scored: AccountReport | None
    """The drafts as ``igalgo score`` reports them; None without drafts."""
    plan: Plan
    """The coming weeks as ``igalgo plan`` plans them (with the drafts placed, if any)."""
    check: PredictionCheck | None
    """How well igalgo predicted the account's own posts; None when nothing says so."""
    branding: Branding
    logo: Logo | None
    warnings: tuple[DateNote, ...] = ()
    """Drafts dated in the past (the command line says them on stderr)."""


def branding_of(account: Account, given: Branding) -> Branding:
    """The branding options given on the command line over the profile's ``report:``."""
    own = account.report or Branding()
    return Branding(
        agency=given.agency if given.agency is not None else own.agency,
        logo=given.logo if given.logo is not None else own.logo,
        accent=given.accent if given.accent is not None else own.accent,
    )


def _logo(branding: Branding, from_option: bool, profile: str | None) -> Logo | None:
    """The logo's bytes: an option's path as given, a profile's relative to the profile."""
    if branding.logo is None:
        return None
    if from_option or profile is None:
        return read_logo(Path(branding.logo), "--logo")
    path = Path(profile).parent / branding.logo
    return read_logo(path, f"{profile}: report.logo")


def client_reports(
    account: str | None,
    drafts: Sequence[str] = (),
    *,
    exports: Sequence[str] = (),
    weeks: int = 2,
    branding: Branding | None = None,
    settings: EngineSettings = DEFAULT_SETTINGS,
    seed: int = 0,
    today: date | None = None,
    outputs: Mapping[str, Path] | None = None,
) -> Iterator[ClientReport]:
    """One report per drafts file (``account`` replaces each file's own), or one report of
    ``account`` without drafts; ``branding`` (command-line options) wins over the profile's
    ``report:``. With ``exports`` the account is first calibrated on them (with a backtest)
    and scored and planned calibrated. ``outputs`` are the files the caller will write, by
    option: one that is an input is refused. Raises UsageError without an account, for standard
    input named twice or an output that is an input, InputError for a file that cannot be read."""
    from igalgo.inputs.loader import load_account, load_drafts

    if account is None and not drafts:
        raise UsageError("give --account PROFILE or --drafts FILE (whose account is used)")
    stdin_at_most_once(
        [
            ("--account", account),
            *(("--drafts", d) for d in drafts),
            *(("--export", e) for e in exports),
        ]
    )
    written = dict(outputs or {})
    refuse_inputs_as_outputs(written, command_line_inputs([*drafts, *exports], account, "an input"))
    given = branding or Branding()
    if not drafts:
        assert account is not None
        yield _one(
            load_account(account),
            None,
            account,
            exports,
            weeks,
            given,
            settings,
            seed,
            today,
            profile_file(account),
        )
        return
    for source in drafts:
        drafts_file = load_drafts(source, account)
        refuse_inputs_as_outputs(written, account_input(drafts_file))
        profile = (
            profile_file(account) if account is not None else drafts_file.account_file or source
        )
        yield _one(
            drafts_file.account,
            drafts_file,
            source,
            exports,
            weeks,
            given,
            settings,
            seed,
            today,
            profile,
        )


def _one(
    account: Account,
    drafts_file: DraftsFile | None,
    source: str,
    exports: Sequence[str],
    weeks: int,
    given: Branding,
    settings: EngineSettings,
    seed: int,
    today: date | None,
    profile: str | None,
) -> ClientReport:
    """The report of one account and (optionally) one drafts file."""
    chosen = branding_of(account, given)
    logo = _logo(chosen, given.logo is not None, profile)
    day = today_in(account.timezone, today)
    check = recorded_check(account)
    if exports:
        run = calibrate_account(
            account,
            exports,
            version=__version__,
            run_backtest=True,
            seed=seed,
            settings=settings,
            now=end_of_today(account.timezone, today),
        )
        account = run.calibrated_account
        check = prediction_check(run, settings=settings, seed=seed)
    scored = None
    warnings: tuple[DateNote, ...] = ()
    planned = None
    if drafts_file is not None:
        drafts_file = replace(drafts_file, account=account)
        scored = assess_file(drafts_file, settings=settings, seed=seed, today=day)
        planned = drafts_file.drafts
        warnings = tuple(past_notes(account, planned, day))
    options = PlanOptions(weeks=weeks, settings=settings, seed=seed, today=day)
    plan = plan_account(account, planned, options)
    return ClientReport(source, account, scored, plan, check, chosen, logo, warnings)
