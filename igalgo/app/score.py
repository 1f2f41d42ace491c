"""The use case behind ``igalgo score``: estimates, drivers and checklist for drafts files.

:func:`score_files` is what the command does, for library callers too: it applies the run's
rules (standard input read once, no output that is an input), reads each file, scores it
(:mod:`igalgo.app.assess`, a few files ahead in worker processes with :mod:`igalgo.app.batch`)
and yields a :class:`ScoredFile` (results, report or streamed checklist, gate failures, date
warnings) or a :class:`FileProblem` (the file could not be read), one per file in the order
given. The result types are in :mod:`igalgo.app.results`.

Nothing here prints; the CLI does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from igalgo.app.assess import (
    DEFAULT_SCORE_OPTIONS,
    ScoreOptions,
    assess,
    file_report,
    timing_measure,
)
from igalgo.app.batch import Read, ahead_in_workers, read_each
from igalgo.app.files import (
    command_line_inputs,
    refuse_inputs_as_outputs,
    stdin_at_most_once,
    trusted_folder,
)
from igalgo.app.gates import (
    Gate,
    GateFailure,
    failed_gates,
    profile_gates,
    sort_key,
    unapproved,
)
from igalgo.app.results import (
    Checklist,
    DraftResult,
    FileProblem,
    Progress,
    ScoredFile,
)
from igalgo.domain import ChecklistItem, Draft, DraftsFile

if TYPE_CHECKING:
    from igalgo.advice.best_hours import HourMeasure


def score_files(
    sources: Sequence[str],
    options: ScoreOptions = DEFAULT_SCORE_OPTIONS,
    *,
    account: str | None = None,
    sort_by: str | None = None,
    gates: Sequence[Gate] = (),
    lazy: bool = False,
    progress: Progress | None = None,
    outputs: Mapping[str, Path] | None = None,
    confine_accounts: bool = False,
    profiles: Path | None = None,
) -> Iterator[ScoredFile | FileProblem]:
    """Score each drafts file (path or ``-``), one after the other, as ``igalgo score`` does.

    ``account`` (a shipped profile name or a path) replaces every file's own. A file that
    cannot be read yields a :class:`FileProblem` and the next one is still scored. With
    ``lazy`` the results of a file are scored as they are read, a chunk at a time (constant
    memory; the checklist once they are all read), unless ``sort_by`` needs them all first;
    otherwise each :class:`ScoredFile` comes with its whole report. Files are read and scored
    as the iterator is advanced; dates before ``options.today`` are warned about
    (:attr:`ScoredFile.warnings`). Raises UsageError at once for a ``sort_by`` that names no
    surface and for ``-`` given twice.

    ``outputs`` are the files the caller will write, by the name messages give them
    (``--output``): one that is a drafts file or the ``account`` profile is a UsageError at
    once, and one that is the profile a drafts file names, as soon as that file is read
    (before it is scored). ``confine_accounts`` keeps a drafts file's profile paths inside
    its directory or the trusted folder ``profiles``, where a bare name finds its profile
    too (:func:`igalgo.inputs.loader.load_drafts`).

    Each file is judged by its profile's ``gates:`` and then ``gates`` (the command line's);
    with ``options.require_approved`` every draft it dates must be ``status: approved``
    (:attr:`ScoredFile.unapproved`).
    """
    sort_by = sort_key(sort_by)
    stdin_at_most_once([*(("as a FILE", s) for s in sources), ("as --account", account)])
    written = dict(outputs or {})
    profiles = trusted_folder(profiles)
    refuse_inputs_as_outputs(written, command_line_inputs(sources, account))
    read = read_each(
        list(sources),
        account,
        written,
        confine_accounts,
        progress,
        options.today,
        options.clock,
        profiles,
    )
    if len(sources) > 1 and options.settings.workers > 1:
        read = ahead_in_workers(read, options)
    return _score_each(read, options, sort_by, list(gates), lazy, progress)


def _score_each(
    read: Iterable[Read],
    options: ScoreOptions,
    sort_by: str | None,
    gates: list[Gate],
    lazy: bool,
    progress: Progress | None,
) -> Iterator[ScoredFile | FileProblem]:
    """The files of :func:`score_files`, scored as they are asked for (here, or already in a
    worker process)."""
    advance = progress.advance if progress is not None else None
    for item in read:
        if item.problem is not None:
            yield item.problem
            continue
        if item.refusal is not None:
            raise item.refusal
        drafts_file = item.drafts_file
        assert drafts_file is not None
        results: Iterable[DraftResult]
        if item.results is None:
            results = assess(drafts_file, replace(options, today=item.today), progress=advance)
        else:
            results = _counted(item.results, advance)
        file_gates = (*profile_gates(drafts_file), *gates)
        held = unapproved(item.source, drafts_file.drafts) if options.require_approved else []
        if lazy and sort_by is None:
            account = drafts_file.account
            judged = Checklist(account, options.surfaces, _timing(item, options), item.rate)
            scored = ScoredFile(drafts_file, None, iter(()), warnings=item.warnings)
            scored.gates, scored.unapproved = file_gates, held
            watched = _watch_gates(results, drafts_file, file_gates, scored.gate_failures)
            scored.results = judged.watch(watched)
            scored.checklist = judged.items
            yield scored
            continue
        timing = _timing(item, options)
        report = file_report(drafts_file, results, options, sort_by, timing, item.rate)
        report = replace(
            report, gates=file_gates, warnings=tuple(item.warnings), unapproved=tuple(held)
        )
        followers = drafts_file.account.followers
        failures = failed_gates(item.source, report.results, file_gates, followers)
        yield ScoredFile(
            drafts_file,
            report,
            iter(report.results),
            failures,
            item.warnings,
            checklist=_known(report.checklist),
            gates=file_gates,
            unapproved=held,
        )


def _timing(item: Read, options: ScoreOptions) -> Callable[[list[Draft]], HourMeasure | None]:
    """The checklist's timing measure of a file: made where its results were, when elsewhere."""
    if item.results is not None:
        hours = item.hours
        return lambda _drafts: hours
    assert item.drafts_file is not None
    return timing_measure(item.drafts_file.account, options)


def _known(items: tuple[ChecklistItem, ...]) -> Callable[[], tuple[ChecklistItem, ...]]:
    """A checklist judged already."""
    return lambda: items


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
