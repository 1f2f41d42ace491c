"""Drafts files read one after the other and, with worker processes, scored a few files
ahead in them: the batch side of ``igalgo score`` (:func:`igalgo.app.score.score_files`)."""

from __future__ import annotations

import dataclasses
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from igalgo.app.assess import ScoreOptions, assess, timing_measure
from igalgo.app.dating import DateNote, now_in, past_notes, today_in
from igalgo.app.files import account_input, refuse_inputs_as_outputs
from igalgo.app.results import DraftResult, FileProblem, Progress
from igalgo.domain import DraftsFile
from igalgo.engine import workers
from igalgo.errors import InputError, UsageError

if TYPE_CHECKING:
    from concurrent.futures import Future

    from igalgo.advice.best_hours import HourMeasure

_Assessed = tuple[list[tuple[Any, ...]], tuple[dict[Any, Any], float] | None, float | None]
"""A file's results, timing measure and engagement rate as :func:`_assess_all` sends them
back."""


@dataclass(frozen=True)
class Read:
    """One drafts file as read, and its results when they were scored elsewhere."""

    source: str
    problem: FileProblem | None = None
    """Why the file could not be read."""
    refusal: UsageError | None = None
    """Why the run stops at this file (an output that is one of its inputs)."""
    drafts_file: DraftsFile | None = None
    today: date | None = None
    warnings: list[DateNote] = dataclasses.field(default_factory=list)
    results: tuple[DraftResult, ...] | None = None
    hours: HourMeasure | None = None
    """The checklist's timing measure of the results, when they were scored elsewhere (made
    there, with the hour screen's table the worker had made already)."""
    rate: float | None = None
    """The account's engagement rate as the checklist says it, when the results were scored
    elsewhere (found there, where the account's model was made already)."""


def read_each(
    sources: list[str],
    account: str | None,
    outputs: Mapping[str, Path],
    confine: bool,
    progress: Progress | None,
    today: date | None,
    clock: time | None = None,
    profiles: Path | None = None,
) -> Iterator[Read]:
    """Each source read, in order, with today's date in its account's zone and its dates
    before now (``today`` at ``clock``, or the current time); account names and paths in
    the trusted folder ``profiles`` as :func:`igalgo.inputs.loader.load_drafts` reads them."""
    from igalgo.inputs.loader import load_drafts

    for source in sources:
        try:
            drafts_file = load_drafts(
                source, account, confine_accounts=confine, profiles=profiles, today=today
            )
        except InputError as error:
            yield Read(source, problem=FileProblem(source, error))
            continue
        try:
            refuse_inputs_as_outputs(outputs, account_input(drafts_file))
        except UsageError as error:
            yield Read(source, refusal=error)
            return
        if progress is not None:
            progress.add(len(drafts_file.drafts))
        zone = drafts_file.account.timezone
        day = today_in(zone, today)
        notes = past_notes(drafts_file.account, drafts_file.drafts, now_in(zone, today, clock))
        yield Read(source, drafts_file=drafts_file, today=day, warnings=notes)


def ahead_in_workers(read: Iterator[Read], options: ScoreOptions) -> Iterator[Read]:
    """The files of ``read`` with their results, scored in the worker processes, each on one,
    as many files ahead as there are workers (the results are the same as in this process:
    the engine's numbers do not depend on where they are computed). A file whose worker died
    is scored here, and so is every file after it (by the engine's own workers)."""
    settings = options.settings
    executor = workers.pool(settings.workers)
    if executor is None:
        yield from read
        return
    from concurrent.futures.process import BrokenProcessPool

    alone = dataclasses.replace(options, settings=dataclasses.replace(settings, workers=1))
    window: deque[tuple[Read, Future[_Assessed] | None]] = deque()
    broken = False

    def finish(item: Read, future: Future[_Assessed] | None) -> Read:
        """The item with its results, or as read when its worker died (scored here then)."""
        nonlocal broken
        if future is None:
            return item
        try:
            found = future.result()
        except BrokenProcessPool:
            if not broken:
                workers.forget(executor)
                broken = True
            return item
        results, hours, rate = found
        rebuilt = tuple(_rebuilt(results))
        return dataclasses.replace(item, results=rebuilt, hours=_measure(hours), rate=rate)

    try:
        for item in read:
            future = None
            if item.drafts_file is not None and not broken:
                try:
                    future = executor.submit(_assess_all, item.drafts_file, item.today, alone)
                except BrokenProcessPool:
                    workers.forget(executor)
                    broken = True
            window.append((item, future))
            while len(window) > settings.workers:
                yield finish(*window.popleft())
        while window:
            yield finish(*window.popleft())
    finally:
        for _, future in window:  # the reader stopped early: drop the files not started
            if future is not None:
                future.cancel()


def _assess_all(drafts_file: DraftsFile, today: date | None, options: ScoreOptions) -> _Assessed:
    """Every result of a file (:func:`igalgo.app.assess.assess`), the checklist's timing
    measure of them and the account's engagement rate as the checklist says it, as plain
    tuples and mappings (a mapping proxy does not travel between processes)."""
    from igalgo.advice.measuring import account_rate

    results = list(assess(drafts_file, dataclasses.replace(options, today=today)))
    hours = timing_measure(drafts_file.account, options)([r.estimate.draft for r in results])
    found = [(r.estimate, r.drivers, r.notes, dict(r.zero)) for r in results]
    measure = None if hours is None else (dict(hours.reach), hours.keep_share)
    return found, measure, account_rate(drafts_file.account)


def _measure(found: tuple[dict[Any, Any], float] | None) -> HourMeasure | None:
    """The timing measure of :func:`_assess_all` as it was."""
    if found is None:
        return None
    from igalgo.advice.best_hours import HourMeasure

    reach, keep_share = found
    return HourMeasure(MappingProxyType(reach), keep_share)


def _rebuilt(found: list[tuple[Any, ...]]) -> Iterator[DraftResult]:
    """The results of :func:`_assess_all` as they were."""
    for estimate, changes, notes, zero in found:
        yield DraftResult(estimate, changes, notes, MappingProxyType(zero))
