"""The use case behind ``igalgo score``: estimates, drivers and checklist for a drafts file.

:func:`assess` scores a file's drafts as one schedule (they compete), finds each draft's
drivers and yields the results one draft at a time, in publish order. It works in chunks of
drafts, so a report over 100,000 drafts never holds more than a chunk of estimates; each
chunk is scored together with its neighbours in time, so competition does not stop at a chunk
boundary. :func:`assess_file` collects everything for the reports that need it all at once.

:func:`parse_gate` and :func:`failed_gates` implement ``--fail-under SURFACE=REACH``.
Nothing here prints; the CLI does.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from igalgo.advice.checklist import checklist
from igalgo.advice.drivers import drivers
from igalgo.advice.evidence import Evidence
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
from igalgo.engine.settings import EngineSettings
from igalgo.errors import UsageError

CHUNK_SIZE = 1000
"""Drafts scored per engine call. Files up to this size are scored in one piece."""

NEIGHBOUR_WINDOW = timedelta(hours=48)
"""How far in time around a chunk the drafts scored with it (as competition, their own
estimates discarded) reach. Assumption: at least the span over which the engine lets two of
an account's drafts compete."""

TOTAL = "total"
"""The name of the all-surfaces reach in gates and sorting (``--fail-under total=500``)."""


@dataclass(frozen=True)
class DraftResult:
    """One draft's estimate, scored in its schedule, with its drivers (best first)."""

    estimate: DraftEstimate
    drivers: tuple[Driver, ...]


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


def assess(
    drafts_file: DraftsFile,
    *,
    settings: EngineSettings,
    seed: int = 0,
    surfaces: frozenset[Surface] = ALL_SURFACES,
    chunk_size: int = CHUNK_SIZE,
    model_params: Any = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[DraftResult]:
    """Yield every draft's result in publish order, working a chunk of drafts at a time.

    Each chunk is scored with ``compete=True`` together with the drafts published within
    :data:`NEIGHBOUR_WINDOW` of it (at most ``chunk_size`` on each side), so that neighbours
    across a chunk boundary still compete; then :func:`igalgo.advice.drivers.drivers` finds the
    chunk's drivers (one more engine call), with the neighbours there for spacing.
    ``progress`` is called with the number of drafts finished after each chunk.
    """
    from igalgo.world.model import score_drafts

    if chunk_size < 1:
        raise ValueError(f"chunk_size must be at least 1, got {chunk_size}")
    account, drafts = drafts_file.account, drafts_file.drafts
    order = publish_order(drafts)
    times = [drafts[i].publish_at for i in order]
    for start in range(0, len(order), chunk_size):
        end = min(start + chunk_size, len(order))
        low = max(
            bisect.bisect_left(times, times[start] - NEIGHBOUR_WINDOW, 0, start), start - chunk_size
        )
        high = min(
            bisect.bisect_right(times, times[end - 1] + NEIGHBOUR_WINDOW, end),
            end + chunk_size,
        )
        batch = [drafts[i] for i in order[low:high]]
        estimates = score_drafts(
            account, batch, settings=settings, seed=seed, compete=True, params=model_params
        )
        targets = range(start - low, end - low)
        found = drivers(
            account,
            batch,
            settings=settings,
            seed=seed,
            competing=estimates,
            targets=targets,
            surfaces=surfaces,
            model_params=model_params,
        )
        for position in targets:
            yield DraftResult(estimates[position], found[position])
        if progress is not None:
            progress(end - start)


def assess_file(
    drafts_file: DraftsFile,
    *,
    settings: EngineSettings,
    seed: int = 0,
    surfaces: frozenset[Surface] = ALL_SURFACES,
    sort_by: str | None = None,
    chunk_size: int = CHUNK_SIZE,
    model_params: Any = None,
    progress: Callable[[int], None] | None = None,
) -> AccountReport:
    """The whole report for one file: every draft's result and the account's checklist.

    ``sort_by`` (a surface name or ``total``) orders the drafts by median reach there,
    highest first; by default they are in publish order.
    """
    evidence = Evidence()
    results = []
    for result in assess(
        drafts_file,
        settings=settings,
        seed=seed,
        surfaces=surfaces,
        chunk_size=chunk_size,
        model_params=model_params,
        progress=progress,
    ):
        evidence.add(result.estimate, result.drivers)
        results.append(result)
    if sort_by is not None:
        results.sort(key=lambda r: -median_reach(r.estimate, sort_by))
    items = checklist(drafts_file.account, drafts_file.drafts, evidence, surfaces=surfaces)
    return AccountReport(
        drafts_file.source, drafts_file.account, seed, settings.samples, tuple(results), items
    )


def median_reach(estimate: DraftEstimate, where: str) -> float:
    """Median reach of ``estimate`` on a surface named ``where``, or across all (``total``)."""
    if where == TOTAL:
        return estimate.total.p50
    return estimate.surfaces[Surface(where)].reach.p50


# --- gates -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gate:
    """``--fail-under SURFACE=REACH``: every draft that can reach ``where`` must have a median
    reach there of at least ``reach`` accounts."""

    where: str
    """A surface name or ``total``."""
    reach: float


@dataclass(frozen=True)
class GateFailure:
    """One draft under one gate."""

    source: str
    draft_id: str
    gate: Gate
    median: float

    def message(self) -> str:
        """``FILE: draft 'x': feed median reach 120 is under 500``."""
        return (
            f"{self.source}: draft '{self.draft_id}': {self.gate.where} median reach "
            f"{self.median:,.0f} is under {self.gate.reach:,.0f} (--fail-under)"
        )


def parse_gate(text: str) -> Gate:
    """Parse ``SURFACE=REACH`` (``reels=1000``); raises UsageError with what is accepted."""
    names = [s.value for s in Surface] + [TOTAL]
    where, equals, number = text.partition("=")
    where = where.strip().lower()
    if not equals or where not in names:
        raise UsageError(
            f"--fail-under: expected SURFACE=REACH with SURFACE one of {', '.join(names)}, "
            f"got {text!r}"
        )
    try:
        reach = float(number)
    except ValueError:
        reach = -1.0
    if not reach >= 0 or reach == float("inf"):
        raise UsageError(f"--fail-under: REACH must be a number >= 0, got {number.strip()!r}")
    return Gate(where, reach)


def failed_gates(
    source: str, results: Sequence[DraftResult], gates: Sequence[Gate]
) -> list[GateFailure]:
    """Every (draft, gate) pair that fails; drafts that cannot reach the surface are skipped
    (a story is never held to an Explore gate)."""
    failures = []
    for result in results:
        estimate = result.estimate
        for gate in gates:
            if gate.where != TOTAL and not estimate.surfaces[Surface(gate.where)].eligible:
                continue
            median = median_reach(estimate, gate.where)
            if median < gate.reach:
                failures.append(GateFailure(source, estimate.draft.id, gate, median))
    return failures
