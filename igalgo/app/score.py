"""The use case behind ``igalgo score``: estimates, drivers and checklist for drafts files.

:func:`score_files` is what the command does, for library callers too: it reads each file,
scores it, and yields a :class:`ScoredFile` (results, report, gate failures) or a
:class:`FileProblem` (the file could not be read), one per file in the order given.

:func:`assess` dates the drafts the file gives no date (their best slot of the coming week,
:mod:`igalgo.app.dating`), scores the file's drafts as one schedule (they compete), finds each
draft's drivers and yields the results one draft at a time, in publish order. It works in
chunks of drafts, so a report over 100,000 drafts holds the estimates of a chunk and its
neighbours, not of the file; each chunk is scored together with every draft that can compete
with one of its drafts or with a move of one (:func:`igalgo.advice.moves.move_context`), so
the numbers do not depend on the chunk size. :func:`assess_file` collects everything for the
reports that need it all at once.

Nothing here prints; the CLI does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Protocol
from zoneinfo import ZoneInfo

from igalgo.advice.checklist import checklist
from igalgo.advice.drivers import drivers
from igalgo.advice.evidence import Evidence
from igalgo.advice.moves import competition_window, context_positions, move_context
from igalgo.advice.reasons import zero_reasons
from igalgo.app.dating import DateNote, date_drafts
from igalgo.app.files import command_line_inputs, refuse_inputs_as_outputs
from igalgo.app.gates import (
    REACH_NAMES,
    Gate,
    GateFailure,
    did_you_mean,
    failed_gates,
    median_reach,
)
from igalgo.domain import (
    ALL_SURFACES,
    Account,
    ChecklistItem,
    Draft,
    DraftEstimate,
    DraftsFile,
    Driver,
    Surface,
)
from igalgo.engine.settings import DEFAULT_SETTINGS, EngineSettings
from igalgo.errors import InputError, Problem, UsageError

if TYPE_CHECKING:
    from igalgo.world.model import Simulation
    from igalgo.world.params import ModelParams

CHUNK_SIZE = 1000
"""Drafts scored per engine call. Files up to this size are scored in one piece."""


__all__ = [
    "CHUNK_SIZE",
    "AccountReport",
    "DraftResult",
    "FileProblem",
    "Progress",
    "ScoredFile",
    "assess",
    "assess_file",
    "competition_window",
    "file_report",
    "publish_order",
    "score_files",
    "sort_key",
    "today_in",
]


@dataclass(frozen=True)
class DraftResult:
    """One draft's estimate, scored in its schedule, with its drivers (best first)."""

    estimate: DraftEstimate
    drivers: tuple[Driver, ...]
    notes: tuple[str, ...] = ()
    """What igalgo did with the draft's date (an undated draft is scored at its best slot)."""
    zero: Mapping[Surface, str] = field(default_factory=lambda: MappingProxyType({}))
    """Why the draft typically reaches nobody on a surface it can be shown on, by surface
    (e.g. ``not recommended: watermark``)."""


@dataclass(frozen=True)
class AccountReport:
    """Everything ``igalgo score`` says about one drafts file."""

    source: str
    """The file name as given (``-`` for standard input)."""
    account: Account
    seed: int
    samples: int
    results: tuple[DraftResult, ...]
    """In publish order, or by reach with ``sort_by``."""
    checklist: tuple[ChecklistItem, ...]


def publish_order(drafts: Sequence[Draft]) -> list[int]:
    """Positions of ``drafts`` by publication time; ties keep file order."""
    return sorted(range(len(drafts)), key=lambda i: (drafts[i].publish_at, i))


def today_in(timezone: str) -> date:
    """Today's date in ``timezone``."""
    return datetime.now(ZoneInfo(timezone)).date()


def assess(
    drafts_file: DraftsFile,
    *,
    settings: EngineSettings = DEFAULT_SETTINGS,
    seed: int = 0,
    surfaces: frozenset[Surface] = ALL_SURFACES,
    chunk_size: int = CHUNK_SIZE,
    model_params: ModelParams | None = None,
    progress: Callable[[int], None] | None = None,
    today: date | None = None,
) -> Iterator[DraftResult]:
    """Yield every draft's result in publish order, working a chunk of drafts at a time.

    Undated drafts are first dated (:func:`igalgo.app.dating.date_drafts`, the coming week
    counted from ``today``, default today in the account's zone). Each chunk is scored with
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
    simulation = Simulation(drafts_file.account, model_params or DEFAULT_PARAMS, settings, seed)
    drafts_file, notes = _dated(drafts_file, today, surfaces, simulation)
    drafts = drafts_file.drafts
    order = publish_order(drafts)
    context = move_context(simulation.model_params)
    for start in range(0, len(order), chunk_size):
        end = min(start + chunk_size, len(order))
        low = drafts[order[start]].publish_at - context
        high = drafts[order[end - 1]].publish_at + context
        chosen = context_positions(drafts, order, low, high)
        batch = [drafts[p] for p in chosen]
        where = {p: position for position, p in enumerate(chosen)}
        targets = [where[p] for p in order[start:end]]
        kept = simulation.score_kept(batch, targets)
        estimates = dict(zip(targets, kept, strict=True))
        found = drivers(simulation, batch, competing=estimates, targets=targets, surfaces=surfaces)
        reasons = zero_reasons(simulation, [estimates[t] for t in targets])
        for position, zero in zip(targets, reasons, strict=True):
            draft_id = batch[position].id
            yield DraftResult(
                estimates[position],
                found[position],
                notes.get(draft_id, ()),
                MappingProxyType(zero),
            )
        if progress is not None:
            progress(end - start)


def _dated(
    drafts_file: DraftsFile,
    today: date | None,
    surfaces: frozenset[Surface],
    simulation: Simulation,
) -> tuple[DraftsFile, dict[str, tuple[str, ...]]]:
    """The file with its undated drafts dated, and the notes on them by draft id."""
    if all(d.placed for d in drafts_file.drafts):
        return drafts_file, {}
    day = today or today_in(drafts_file.account.timezone)
    dated, found = date_drafts(drafts_file, today=day, surfaces=surfaces, simulation=simulation)
    notes: dict[str, tuple[str, ...]] = {}
    for note in found:
        if not note.warning:
            notes[note.draft_id] = (*notes.get(note.draft_id, ()), note.message)
    return dated, notes


def assess_file(
    drafts_file: DraftsFile,
    *,
    settings: EngineSettings = DEFAULT_SETTINGS,
    seed: int = 0,
    surfaces: frozenset[Surface] = ALL_SURFACES,
    sort_by: str | None = None,
    chunk_size: int = CHUNK_SIZE,
    model_params: ModelParams | None = None,
    progress: Callable[[int], None] | None = None,
    today: date | None = None,
) -> AccountReport:
    """The whole report for one file: every draft's result and the account's checklist.

    ``sort_by`` (a surface name or ``total``) orders the drafts by median reach there,
    highest first; by default they are in publish order.
    """
    results = assess(
        drafts_file,
        settings=settings,
        seed=seed,
        surfaces=surfaces,
        chunk_size=chunk_size,
        model_params=model_params,
        progress=progress,
        today=today,
    )
    return file_report(drafts_file, results, seed, settings.samples, surfaces, sort_by)


def file_report(
    drafts_file: DraftsFile,
    results: Iterable[DraftResult],
    seed: int,
    samples: int,
    surfaces: frozenset[Surface],
    sort_by: str | None,
) -> AccountReport:
    """The report of a file from its results (see :func:`assess_file`)."""
    evidence = Evidence()
    collected = []
    for result in results:
        evidence.add(result.estimate, result.drivers)
        collected.append(result)
    if sort_by is not None:
        collected.sort(key=lambda r: -median_reach(r.estimate, sort_by))
    dated = [result.estimate.draft for result in collected]
    items = checklist(drafts_file.account, dated, evidence, surfaces=surfaces)
    return AccountReport(
        drafts_file.source, drafts_file.account, seed, samples, tuple(collected), items
    )


def sort_key(text: str | None) -> str | None:
    """``--sort-by``: a surface name or ``total`` in lower case (None: publish order);
    raises UsageError with what is accepted."""
    if text is None:
        return None
    if text.lower() not in REACH_NAMES:
        raise UsageError(
            f"--sort-by: expected one of {', '.join(REACH_NAMES)}, got {text!r}"
            + did_you_mean(text.lower(), REACH_NAMES)
        )
    return text.lower()


# --- the use case ----------------------------------------------------------------------------


class Progress(Protocol):
    """What :func:`score_files` tells about its progress (a progress bar, a log)."""

    def add(self, drafts: int) -> None:
        """A file with ``drafts`` more drafts to score was read."""

    def advance(self, drafts: int) -> None:
        """``drafts`` more drafts are scored."""


@dataclass(frozen=True)
class FileProblem:
    """A file that could not be read: its problems, each with its place in the file."""

    source: str
    error: InputError

    @property
    def problems(self) -> list[Problem]:
        """Every problem found in the file (and in a profile it refers to)."""
        return self.error.problems


@dataclass
class ScoredFile:
    """One drafts file scored: its results, its report when collected, and gate failures."""

    drafts_file: DraftsFile
    report: AccountReport | None
    """Every result and the checklist; None when the results stream (``lazy``, unsorted)."""
    results: Iterator[DraftResult]
    """The results, in publish order (or by ``sort_by``); read them once."""
    gate_failures: list[GateFailure] = field(default_factory=list)
    """Drafts under a gate; while results stream, complete once they are all read."""
    warnings: list[DateNote] = field(default_factory=list)
    """Drafts dated in the past, and windows that ended (the CLI prints them on stderr)."""

    @property
    def source(self) -> str:
        """The file as given (``-`` for standard input)."""
        return self.drafts_file.source


def score_files(
    sources: Sequence[str],
    *,
    account: str | None = None,
    settings: EngineSettings = DEFAULT_SETTINGS,
    seed: int = 0,
    surfaces: frozenset[Surface] = ALL_SURFACES,
    sort_by: str | None = None,
    gates: Sequence[Gate] = (),
    lazy: bool = False,
    progress: Progress | None = None,
    model_params: ModelParams | None = None,
    today: date | None = None,
    outputs: Mapping[str, Path] | None = None,
    confine_accounts: bool = False,
) -> Iterator[ScoredFile | FileProblem]:
    """Score each drafts file (path or ``-``), one after the other, as ``igalgo score`` does.

    ``account`` (a shipped profile name or a path) replaces every file's own. A file that
    cannot be read yields a :class:`FileProblem` and the next one is still scored. With
    ``lazy`` the results of a file are scored as they are read, a chunk at a time (constant
    memory; no checklist), unless ``sort_by`` needs them all first; otherwise each
    :class:`ScoredFile` comes with its whole report. Files are read and scored as the
    iterator is advanced. Undated drafts are scored at their best slot of the coming week
    counted from ``today`` (default: today in the account's zone), and dates before it are
    warned about (:attr:`ScoredFile.warnings`). Raises UsageError at once for a ``sort_by``
    that names no surface and for ``-`` given twice.

    ``outputs`` are the files the caller will write, by the name messages give them
    (``--output``): one that is a drafts file or the ``account`` profile is a UsageError at
    once, and one that is the profile a drafts file names, as soon as that file is read
    (before it is scored). ``confine_accounts`` keeps a drafts file's profile paths inside
    its directory (:func:`igalgo.inputs.loader.load_drafts`).
    """
    sort_by = sort_key(sort_by)
    if list(sources).count("-") > 1:
        raise UsageError("'-' (standard input) can be given only once")
    if account == "-" and "-" in sources:
        raise UsageError("'-' (standard input) can be given only once: as a FILE or as --account")
    written = dict(outputs or {})
    refuse_inputs_as_outputs(written, command_line_inputs(sources, account))
    options: dict[str, Any] = {
        "settings": settings,
        "seed": seed,
        "surfaces": surfaces,
        "model_params": model_params,
        "progress": progress.advance if progress is not None else None,
        "today": today,
    }
    options["outputs"] = written
    options["confine_accounts"] = confine_accounts
    return _score_each(list(sources), account, sort_by, list(gates), lazy, progress, options)


def _score_each(
    sources: list[str],
    account: str | None,
    sort_by: str | None,
    gates: list[Gate],
    lazy: bool,
    progress: Progress | None,
    options: dict[str, Any],
) -> Iterator[ScoredFile | FileProblem]:
    """The files of :func:`score_files`, read and scored as they are asked for: one after the
    other, or, with several files and worker processes, a few files ahead in the workers
    (:func:`igalgo.app.batch.ahead_in_workers`), each there on one process."""
    from igalgo.app.batch import ahead_in_workers, read_each

    outputs = options.pop("outputs")
    confine = options.pop("confine_accounts")
    read = read_each(sources, account, outputs, confine, progress, options["today"])
    if len(sources) > 1 and options["settings"].workers > 1:
        read = ahead_in_workers(read, options)
    for item in read:
        if item.problem is not None:
            yield item.problem
            continue
        if item.refusal is not None:
            raise item.refusal
        drafts_file = item.drafts_file
        assert drafts_file is not None
        here = {**options, "today": item.today}
        results: Iterable[DraftResult]
        if item.results is None:
            results = assess(drafts_file, **here)
        else:
            results = _counted(item.results, here["progress"])
        if lazy and sort_by is None:
            scored = ScoredFile(drafts_file, None, iter(()), warnings=item.warnings)
            scored.results = _watch_gates(results, drafts_file, gates, scored.gate_failures)
            yield scored
            continue
        settings = here["settings"]
        report = file_report(
            drafts_file, results, here["seed"], settings.samples, here["surfaces"], sort_by
        )
        followers = drafts_file.account.followers
        failures = failed_gates(item.source, report.results, gates, followers)
        yield ScoredFile(drafts_file, report, iter(report.results), failures, item.warnings)


def _counted(
    results: Sequence[DraftResult], progress: Callable[[int], None] | None
) -> Iterator[DraftResult]:
    """Results scored elsewhere, counted as done when they are read."""
    yield from results
    if progress is not None:
        progress(len(results))


def _watch_gates(
    results: Iterable[DraftResult],
    drafts_file: DraftsFile,
    gates: Sequence[Gate],
    failures: list[GateFailure],
) -> Iterator[DraftResult]:
    """Pass results through, collecting gate failures on the way."""
    source, followers = drafts_file.source, drafts_file.account.followers
    for result in results:
        failures += failed_gates(source, [result], gates, followers)
        yield result
