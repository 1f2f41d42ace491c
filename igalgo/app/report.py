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

import copyreg
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from datetime import date, time
from pathlib import Path
from types import MappingProxyType
from typing import Any

from igalgo import __version__
from igalgo.app.assess import ScoreOptions, assess_file
from igalgo.app.dating import DateNote, end_of_today, now_in, past_notes, today_in
from igalgo.app.files import (
    account_input,
    command_line_inputs,
    refuse_inputs_as_outputs,
    stdin_at_most_once,
)
from igalgo.app.plan import (
    LanePlan,
    Plan,
    PlanOptions,
    lane_grid,
    lane_plan,
    lanes_needed,
    plan_account,
    plan_start,
)
from igalgo.app.report_check import PredictionCheck, recorded_check
from igalgo.app.results import AccountReport
from igalgo.domain import Account, Branding, Draft, DraftsFile, Surface
from igalgo.engine.settings import DEFAULT_SETTINGS, EngineSettings
from igalgo.errors import UsageError
from igalgo.inputs.logo import Logo, read_logo
from igalgo.inputs.sources import profile_file
from igalgo.planning.schedule import lanes
from igalgo.planning.slots import SlotGrid
from igalgo.world.interaction import account_model
from igalgo.world.model import DEFAULT_PARAMS, Simulation


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
    prepared: object = None
    """What :attr:`ReportOptions.meanwhile` returned for this report (the command line's
    charts of the drafts, drawn while the plan was made), or None."""
    prepared_lanes: object = None
    """What :attr:`ReportOptions.lanes_made` returned for this report (the command line's
    heatmaps, drawn while the rest of the plan was made), or None."""


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


@dataclass(frozen=True)
class ReportOptions:
    """How the reports are made; the defaults are ``igalgo report``'s."""

    exports: tuple[str, ...] = ()
    """Insights exports to calibrate the account on first (none: the profile as it is)."""
    weeks: int = 2
    branding: Branding = field(default_factory=Branding)
    """Given on the command line; each wins over the profile's ``report:``."""
    settings: EngineSettings = DEFAULT_SETTINGS
    seed: int = 0
    today: date | None = None
    """The day taken as today (default: today in the account's zone)."""
    clock: time | None = None
    """The time of day taken as now with ``today`` (default: the start of that day)."""
    ready: Callable[[], None] | None = None
    """Called once the drafts' scoring and the plan are handed to workers, before either is
    known (the command line imports what it draws with then); with one worker, before the
    drafts are scored here."""
    meanwhile: Callable[[AccountReport | None, Branding], object] | None = None
    """Called with the scored drafts (None without drafts) and the report's branding once the
    drafts are scored, while the plan is still being made in workers; what it returns is the
    report's :attr:`ClientReport.prepared` (the command line draws the drafts' charts then)."""
    lanes_made: Callable[[Account, tuple[LanePlan, ...], Branding], object] | None = None
    """Called after :attr:`meanwhile` with the account, the plan's lanes (in the plan's order)
    and the report's branding when workers made them and the rest of the plan is still made;
    what it returns is the report's :attr:`ClientReport.prepared_lanes` (the command line
    draws the heatmaps then). Not called when the plan is made here."""


def client_reports(
    account: str | None,
    drafts: Sequence[str] = (),
    options: ReportOptions = ReportOptions(),
    *,
    outputs: Mapping[str, Path] | None = None,
) -> Iterator[ClientReport]:
    """One report per drafts file (``account`` replaces each file's own), or one report of
    ``account`` without drafts. With ``options.exports`` the account is first calibrated on
    them (with a backtest) and scored and planned calibrated. ``outputs`` are the files the
    caller will write, by option: one that is an input is refused. Raises UsageError without
    an account, for standard input named twice or an output that is an input, InputError for
    a file that cannot be read."""
    from igalgo.inputs.loader import load_account, load_drafts

    if account is None and not drafts:
        raise UsageError("give --account PROFILE or --drafts FILE (whose account is used)")
    named = [("--account", account), *(("--drafts", d) for d in drafts)]
    stdin_at_most_once([*named, *(("--export", e) for e in options.exports)])
    written = dict(outputs or {})
    inputs = command_line_inputs([*drafts, *options.exports], account, "an input")
    refuse_inputs_as_outputs(written, inputs)
    if not drafts:
        assert account is not None
        yield _one(load_account(account), None, account, profile_file(account), options)
        return
    for source in drafts:
        drafts_file = load_drafts(source, account, today=options.today)
        refuse_inputs_as_outputs(written, account_input(drafts_file))
        profile = profile_file(account) if account is not None else None
        profile = profile or drafts_file.account_file or source
        yield _one(drafts_file.account, drafts_file, source, profile, options)


def _one(
    account: Account,
    drafts_file: DraftsFile | None,
    source: str,
    profile: str | None,
    options: ReportOptions,
) -> ClientReport:
    """The report of one account and (optionally) one drafts file; ``profile`` is the file a
    profile's relative logo path starts from."""
    given, settings, seed = options.branding, options.settings, options.seed
    chosen = branding_of(account, given)
    logo = _logo(chosen, given.logo is not None, profile)
    day = today_in(account.timezone, options.today)
    check = recorded_check(account)
    if options.exports:
        from igalgo.app.calibrate import CalibrateOptions, calibrate_account
        from igalgo.app.report_check import prediction_check

        calibration = CalibrateOptions(
            run_backtest=True,
            seed=seed,
            settings=settings,
            now=end_of_today(account.timezone, options.today),
        )
        run = calibrate_account(account, options.exports, version=__version__, options=calibration)
        account = run.calibrated_account
        check = prediction_check(
            run, predicted_share=calibration.holdout_share, fit=calibration.fit
        )
    warnings: tuple[DateNote, ...] = ()
    planned = drafts_file.drafts if drafts_file is not None else None
    plan_options = PlanOptions(weeks=options.weeks, settings=settings, seed=seed, today=day)
    score_options = ScoreOptions(settings=settings, seed=seed, today=day)
    if drafts_file is not None:
        drafts_file = replace(drafts_file, account=account)
        now = now_in(account.timezone, options.today, options.clock)
        warnings = tuple(past_notes(account, drafts_file.drafts, now))
    # Made before the workers fork, so that each inherits the account's model.
    account_model(account, DEFAULT_PARAMS)
    executor = _pool(settings)
    scoring = _score_in_a_worker(executor, drafts_file, score_options)
    pending = _plan_in_a_worker(executor, account, planned, plan_options)
    if options.ready is not None:
        options.ready()
    scored = _score_result(executor, scoring, drafts_file, score_options)
    prepared = options.meanwhile(scored, chosen) if options.meanwhile is not None else None
    lanes_part = None
    if pending is not None and options.lanes_made is not None:
        made = _lanes_result(pending.lanes)
        lanes_part = options.lanes_made(account, made, chosen) if made is not None else None
    plan = _plan_result(executor, pending, account, planned, plan_options)
    return ClientReport(
        source, account, scored, plan, check, chosen, logo, warnings, prepared, lanes_part
    )


@dataclass(frozen=True)
class _PlanInWorkers:
    """A plan being made in workers: its lanes once they are made, and the whole plan."""

    lanes: Future[tuple[LanePlan, ...]]
    plan: Future[Plan]


def _lanes_result(pending: Future[tuple[LanePlan, ...]]) -> tuple[LanePlan, ...] | None:
    """The plan's lanes from the workers, or None when a worker died (the plan is then
    made here, lanes and all)."""
    try:
        return pending.result()
    except BrokenProcessPool:
        return None


def _pool(settings: EngineSettings) -> ProcessPoolExecutor | None:
    """The engine's worker processes the report's work is handed to (started now, before
    the thread that hands the plan's steps on), with read-only maps made picklable for
    them; None without workers."""
    from igalgo.engine import workers

    executor = workers.pool(settings.workers)
    if executor is not None:
        copyreg.pickle(MappingProxyType, _mapping_proxy)
    return executor


def _dropped(executor: ProcessPoolExecutor | None) -> None:
    """Forget a pool whose worker died (its work is then done here)."""
    if executor is not None:
        from igalgo.engine import workers

        workers.forget(executor)


def _score_in_a_worker(
    executor: ProcessPoolExecutor | None, drafts_file: DraftsFile | None, options: ScoreOptions
) -> Future[AccountReport] | None:
    """The drafts scored in a worker, first, while this process loads what it draws with
    (:attr:`ReportOptions.ready`); None without drafts or workers, or with a broken pool."""
    if executor is None or drafts_file is None:
        return None
    alone = replace(options, settings=replace(options.settings, workers=1))
    try:
        return executor.submit(_score_here, drafts_file, alone)
    except BrokenProcessPool:
        _dropped(executor)
        return None


def _score_here(drafts_file: DraftsFile, options: ScoreOptions) -> AccountReport:
    """:func:`assess_file` in a worker, with its read-only maps made picklable there."""
    copyreg.pickle(MappingProxyType, _mapping_proxy)
    return assess_file(drafts_file, options)


def _score_result(
    executor: ProcessPoolExecutor | None,
    pending: Future[AccountReport] | None,
    drafts_file: DraftsFile | None,
    options: ScoreOptions,
) -> AccountReport | None:
    """The scored drafts from their worker, or scored here (no worker, or the worker died);
    None without drafts."""
    if drafts_file is None:
        return None
    if pending is not None:
        try:
            return pending.result()
        except BrokenProcessPool:
            _dropped(executor)
    return assess_file(drafts_file, options)


def _plan_in_a_worker(
    executor: ProcessPoolExecutor | None,
    account: Account,
    drafts: Sequence[Draft] | None,
    options: PlanOptions,
) -> _PlanInWorkers | None:
    """The plan made in the engine's worker processes while this process loads what it draws
    with and draws the drafts' charts (the numbers do not depend on where they are
    computed): the lanes' heatmaps at once (no lane's depends on another), each lane's slots,
    frequency and content as soon as its heatmap and the lanes it keeps apart from are made
    (:func:`igalgo.app.plan.lanes_needed`: in a plan of every surface the stories' lane
    beside the others), then the rest of the plan in one worker with them. None without
    workers or with a broken pool."""
    if executor is None:
        return None
    alone = replace(options, settings=replace(options.settings, workers=1))
    try:
        heatmaps = {
            lane: executor.submit(_grid_here, account, lane, alone)
            for lane in lanes(alone.surfaces)
        }
    except BrokenProcessPool:
        _dropped(executor)
        return None
    pending = _PlanInWorkers(Future(), Future())
    threading.Thread(
        target=_plan_after,
        args=(executor, heatmaps, pending, account, drafts, alone),
        name="igalgo-report-plan",
        daemon=True,  # it only waits; it never holds the program's end
    ).start()
    return pending


def _plan_after(
    executor: ProcessPoolExecutor,
    heatmaps: Mapping[Surface, Future[SlotGrid]],
    pending: _PlanInWorkers,
    account: Account,
    drafts: Sequence[Draft] | None,
    options: PlanOptions,
) -> None:
    """Have a worker plan each lane once its heatmap and the lanes it needs are made (in lane
    order when several can start), then one make the plan with them; the lanes and the plan
    (or the error, such as a worker that died) go into ``pending``."""
    try:
        order = lanes(options.surfaces)
        needed = {
            lane: lanes_needed(lane, options.surfaces, options.driver_params) for lane in order
        }
        grids: dict[Surface, SlotGrid] = {}
        made: dict[Surface, LanePlan] = {}
        running: dict[Future[Any], tuple[bool, Surface]] = {
            pending: (False, lane) for lane, pending in heatmaps.items()
        }
        started: set[Surface] = set()
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for finished in done:
                is_lane, lane = running.pop(finished)
                if is_lane:
                    made[lane] = finished.result()
                else:
                    grids[lane] = finished.result()
            for lane in order:
                if lane in started or lane not in grids:
                    continue
                if all(other in made for other in needed[lane]):
                    before = [made[other] for other in needed[lane]]
                    task = executor.submit(_lane_here, account, grids[lane], before, options)
                    running[task] = (True, lane)
                    started.add(lane)
        whole = executor.submit(_plan_here, account, drafts, options, grids, made)
        every = len(made) == len(order)  # always, as each lane needs only earlier ones
        pending.lanes.set_result(tuple(made[lane] for lane in order) if every else ())
        pending.plan.set_result(whole.result())
    except BaseException as error:  # handed on to the caller, who waits for the plan
        for waited in (pending.lanes, pending.plan):
            if not waited.done():
                waited.set_exception(error)


def _grid_here(account: Account, lane: Surface, options: PlanOptions) -> SlotGrid:
    """:func:`lane_grid` of one lane of the plan in a worker (as :func:`plan_account` makes
    it), with its read-only maps made picklable there."""
    copyreg.pickle(MappingProxyType, _mapping_proxy)
    simulation = Simulation(account, settings=options.settings, seed=options.seed)
    start = plan_start(account, options)
    return lane_grid(
        simulation, options.surfaces, lane, start, options.params, options.driver_params
    )


def _lane_here(
    account: Account, grid: SlotGrid, before: Sequence[LanePlan], options: PlanOptions
) -> LanePlan:
    """:func:`lane_plan` of the lane of ``grid`` in a worker (as :func:`plan_account` makes
    it), with its read-only maps made picklable there."""
    copyreg.pickle(MappingProxyType, _mapping_proxy)
    simulation = Simulation(account, settings=options.settings, seed=options.seed)
    return lane_plan(simulation, grid, before, options)


def _plan_here(
    account: Account,
    drafts: Sequence[Draft] | None,
    options: PlanOptions,
    grids: Mapping[Surface, SlotGrid],
    made: Mapping[Surface, LanePlan],
) -> Plan:
    """:func:`plan_account` in a worker with the lanes' heatmaps and plans made already, with
    its read-only maps made picklable there."""
    copyreg.pickle(MappingProxyType, _mapping_proxy)
    return plan_account(account, drafts, options, grids=grids, lanes_made=made)


def _mapping_proxy(proxy: MappingProxyType[Any, Any]) -> tuple[Any, tuple[dict[Any, Any]]]:
    """How a read-only map crosses to another process: rebuilt from a plain copy."""
    return _read_only, (dict(proxy),)


def _read_only(values: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    """A read-only map of ``values`` (the other end of :func:`_mapping_proxy`)."""
    return MappingProxyType(values)


def _plan_result(
    executor: ProcessPoolExecutor | None,
    pending: _PlanInWorkers | None,
    account: Account,
    drafts: Sequence[Draft] | None,
    options: PlanOptions,
) -> Plan:
    """The plan from its workers, or made here (no worker, or a worker died)."""
    if pending is not None:
        try:
            return pending.plan.result()
        except BrokenProcessPool:
            _dropped(executor)
    return plan_account(account, drafts, options)
