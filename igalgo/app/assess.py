"""Scoring one drafts file: every draft's estimate, drivers and checklist.

:func:`assess` dates the drafts the file gives no date (their best slot of the coming week,
:mod:`igalgo.app.dating`), scores the file's drafts as one schedule (they compete), finds each
draft's drivers and yields the results one draft at a time, in publish order. It works in
chunks of drafts, so a report over 100,000 drafts holds the estimates of a chunk and its
neighbours, not of the file; each chunk is scored together with every draft that can compete
with one of its drafts or with a move of one (:func:`igalgo.advice.moves.move_context`), so
the numbers do not depend on the chunk size. :func:`assess_file` collects everything for the
reports that need it all at once. A run of files is :mod:`igalgo.app.score`'s.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, time
from types import MappingProxyType
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from igalgo.advice.drivers import drivers
from igalgo.advice.moves import MoveCache, context_positions, move_context
from igalgo.advice.reasons import zero_reasons
from igalgo.advice.shared import split_shared
from igalgo.app.dating import date_drafts, today_in, week_notes
from igalgo.app.gates import median_reach
from igalgo.app.results import AccountReport, Checklist, DraftResult
from igalgo.domain import (
    ALL_SURFACES,
    FORMAT_SURFACES,
    Account,
    Draft,
    DraftEstimate,
    DraftsFile,
    Driver,
    Format,
    Surface,
)
from igalgo.engine.chunks import map_chunks
from igalgo.engine.settings import DEFAULT_SETTINGS, EngineSettings

if TYPE_CHECKING:
    from igalgo.advice.best_hours import HourMeasure
    from igalgo.world.model import Simulation
    from igalgo.world.params import ModelParams

CHUNK_SIZE = 1000
"""Drafts scored per engine call. Files up to this size are scored in one piece."""


@dataclass(frozen=True)
class ScoreOptions:
    """How every file of a run is scored."""

    settings: EngineSettings = DEFAULT_SETTINGS
    seed: int = 0
    surfaces: frozenset[Surface] = ALL_SURFACES
    """The surfaces drivers and the checklist look at."""
    model_params: ModelParams | None = None
    today: date | None = None
    """The day taken as today (default: today in each account's zone): undated drafts are
    scored in the week after it, and dates before it are warned about."""
    clock: time | None = None
    """The time of day taken as now on ``today`` (``IGALGO_TODAY="2027-03-02 18:00"``); None:
    the start of ``today``. Dates before that minute are warned about."""
    require_approved: bool = False
    """Whether a dated draft must be approved (``status: approved``; ``--require-approved``)."""


DEFAULT_SCORE_OPTIONS = ScoreOptions()
"""Default samples and seed, every surface, the default model, today in the account's zone."""


def publish_order(drafts: Sequence[Draft]) -> list[int]:
    """Positions of ``drafts`` by publication time; ties keep file order."""
    return sorted(range(len(drafts)), key=lambda i: (drafts[i].publish_at, i))


def assess(
    drafts_file: DraftsFile,
    options: ScoreOptions = DEFAULT_SCORE_OPTIONS,
    *,
    chunk_size: int = CHUNK_SIZE,
    progress: Callable[[int], None] | None = None,
) -> Iterator[DraftResult]:
    """Yield every draft's result in publish order, working a chunk of drafts at a time.

    Undated drafts are first dated (:func:`igalgo.app.dating.date_drafts`, the coming week
    counted from ``options.today``, default today in the account's zone). Each chunk is scored with
    ``compete=True`` together with every draft published within
    :func:`igalgo.advice.moves.move_context` of it, and, for each surface, the nearest draft
    that reaches it on either side beyond that: the engine fills the time outside a schedule
    with the account's usual posts, so the schedule must end where the file's does or out of
    reach. Then :func:`igalgo.advice.drivers.drivers` finds the chunk's drivers (content
    changes, and moves judged by the schedule), with the neighbours there. The estimates and
    drivers are the same for any ``chunk_size``. ``progress`` is called with the number of
    drafts finished after each chunk.
    """
    from igalgo.world.model import DEFAULT_PARAMS, Simulation

    if chunk_size < 1:
        raise ValueError(f"chunk_size must be at least 1, got {chunk_size}")
    surfaces = options.surfaces
    simulation = Simulation(
        drafts_file.account, options.model_params or DEFAULT_PARAMS, options.settings, options.seed
    )
    drafts_file, notes = _dated(drafts_file, options.today, surfaces, simulation)
    drafts = drafts_file.drafts
    order = publish_order(drafts)
    context = move_context(simulation.model_params)
    parts = []
    for start in range(0, len(order), chunk_size):
        end = min(start + chunk_size, len(order))
        low = drafts[order[start]].publish_at - context
        high = drafts[order[end - 1]].publish_at + context
        chosen = context_positions(drafts, order, low, high)
        where = {p: position for position, p in enumerate(chosen)}
        parts.append(([drafts[p] for p in chosen], [where[p] for p in order[start:end]]))
    # The hour screen of moves values the account's typical posts by hour of the week from
    # the file's first day: once per file and process, whatever the chunks.
    work = ChunkWork(simulation, surfaces, first_day(drafts, drafts_file.account))
    for (batch, targets), found in zip(parts, in_workers(work, parts), strict=True):
        for position, (estimate, changes, zero) in zip(targets, found, strict=True):
            yield DraftResult(
                estimate, changes, notes.get(batch[position].id, ()), MappingProxyType(zero)
            )
        if progress is not None:
            progress(len(targets))


_Found = tuple[DraftEstimate, tuple[Driver, ...], dict[Surface, str]]
"""A draft's estimate, drivers and reasons for zero reach, as they travel between processes."""


@dataclass
class ChunkWork:
    """What every chunk of one file is scored with, and the hour screen its chunks share."""

    simulation: Simulation
    surfaces: frozenset[Surface]
    week: date | None
    screened: dict[frozenset[Surface], dict[Format, dict[int, float]]] = dataclasses.field(
        default_factory=dict
    )
    """The hour screen's values so far (:attr:`igalgo.advice.moves.MoveCache.profiles`)."""

    def __call__(self, batch: list[Draft], targets: list[int]) -> list[_Found]:
        """The estimates, drivers and reasons for zero reach of the drafts at ``targets`` of
        ``batch`` (a chunk and every draft that competes with one of its drafts or moves)."""
        kept = self.simulation.score_kept(batch, targets)
        estimates = dict(zip(targets, kept, strict=True))
        found = drivers(
            self.simulation,
            batch,
            competing=estimates,
            targets=targets,
            surfaces=self.surfaces,
            cache=MoveCache(profiles=self.screened, week=self.week),
        )
        reasons = zero_reasons(self.simulation, kept)
        return [(estimates[t], found[t], dict(z)) for t, z in zip(targets, reasons, strict=True)]

    def alone(self) -> ChunkWork:
        """The same work with the engine in the calling process (for a worker process)."""
        settings = dataclasses.replace(self.simulation.settings, workers=1)
        simulation = dataclasses.replace(self.simulation, settings=settings)
        return ChunkWork(simulation, self.surfaces, self.week)


def in_workers(
    work: ChunkWork, parts: Sequence[tuple[list[Draft], list[int]]]
) -> Iterator[list[_Found]]:
    """Each part's results, in order: in the worker processes when a file has several parts
    and the run several workers (each part's numbers are the same wherever it is scored), else
    here (:func:`igalgo.engine.chunks.map_chunks`, which also scores here the parts left
    when a worker dies)."""
    remote = work.alone()
    return map_chunks(
        len(parts),
        lambda index: work(*parts[index]),
        lambda index: (remote, parts[index]),
        work.simulation.settings.workers,
    )


def first_day(drafts: Sequence[Draft], account: Account) -> date | None:
    """The local day of the first of ``drafts`` (dated): the week the file's hour screen and
    timing measure are made for."""
    if not drafts:
        return None
    return min(d.publish_at for d in drafts).astimezone(ZoneInfo(account.timezone)).date()


def _dated(
    drafts_file: DraftsFile,
    today: date | None,
    surfaces: frozenset[Surface],
    simulation: Simulation,
) -> tuple[DraftsFile, dict[str, tuple[str, ...]]]:
    """The file with its undated drafts dated, and the notes on dates by draft id (undated
    drafts placed, dates in the coming week resolved)."""
    found = week_notes(drafts_file.account, drafts_file.drafts)
    dated = drafts_file
    if not all(d.placed for d in drafts_file.drafts):
        day = today_in(drafts_file.account.timezone, today)
        dated, placed = date_drafts(
            drafts_file, today=day, surfaces=surfaces, simulation=simulation
        )
        found += placed
    notes: dict[str, tuple[str, ...]] = {}
    for note in found:
        if not note.warning:
            notes[note.draft_id] = (*notes.get(note.draft_id, ()), note.message)
    return dated, notes


def timing_measure(
    account: Account, options: ScoreOptions
) -> Callable[[list[Draft]], HourMeasure | None]:
    """The model's reach by hour of the drafts' kinds of post, for the checklist
    (:func:`igalgo.advice.best_hours.hour_measure`, the measure of the drivers' hour screen),
    over the week of the first draft; None without drafts."""

    def measure(drafts: list[Draft]) -> HourMeasure | None:
        from igalgo.advice.best_hours import hour_measure
        from igalgo.advice.checklist_params import DEFAULT_CHECKLIST_PARAMS
        from igalgo.advice.drivers import DEFAULT_DRIVER_PARAMS
        from igalgo.world.model import DEFAULT_PARAMS, Simulation

        shown = [d for d in drafts if FORMAT_SURFACES[d.format] & options.surfaces]
        start = first_day(drafts, account)
        if not shown or start is None:
            return None
        simulation = Simulation(
            account, options.model_params or DEFAULT_PARAMS, options.settings, options.seed
        )
        return hour_measure(
            simulation,
            [d.format for d in shown],
            options.surfaces,
            start,
            screen_samples=DEFAULT_DRIVER_PARAMS.time_search_samples,
            keep_share=DEFAULT_CHECKLIST_PARAMS.timing_improve,
        )

    return measure


def assess_file(
    drafts_file: DraftsFile,
    options: ScoreOptions = DEFAULT_SCORE_OPTIONS,
    *,
    sort_by: str | None = None,
    chunk_size: int = CHUNK_SIZE,
    progress: Callable[[int], None] | None = None,
) -> AccountReport:
    """The whole report for one file: every draft's result and the account's checklist.

    ``sort_by`` (a surface name or ``total``) orders the drafts by median reach there,
    highest first; by default they are in publish order.
    """
    results = assess(drafts_file, options, chunk_size=chunk_size, progress=progress)
    return file_report(drafts_file, results, options, sort_by)


def file_report(
    drafts_file: DraftsFile,
    results: Iterable[DraftResult],
    options: ScoreOptions,
    sort_by: str | None,
    timing: Callable[[list[Draft]], HourMeasure | None] | None = None,
    rate: float | None = None,
) -> AccountReport:
    """The report of a file from its results, scored with ``options`` (see :func:`assess_file`);
    ``timing`` is the checklist's timing measure and ``rate`` the account's engagement rate
    (:func:`igalgo.advice.measuring.account_rate`) when made already (default: made here)."""
    account = drafts_file.account
    measure = timing if timing is not None else timing_measure(account, options)
    judged = Checklist(account, options.surfaces, measure, rate)
    collected = list(judged.watch(results))
    if sort_by is not None:
        collected.sort(key=lambda r: -median_reach(r.estimate, sort_by))
    items = judged.items(result.estimate.draft for result in collected)
    kept, shared = split_shared(
        [r.estimate.draft for r in collected], [r.drivers for r in collected]
    )
    collected = [dataclasses.replace(r, drivers=d) for r, d in zip(collected, kept, strict=True)]
    seed, samples = options.seed, options.settings.samples
    return AccountReport(
        drafts_file.source,
        drafts_file.account,
        seed,
        samples,
        tuple(collected),
        items,
        tuple(shared),
    )
