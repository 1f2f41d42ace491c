"""``--fail-under SURFACE=REACH``: gates on the median reach of every scored draft.

:func:`parse_gate` reads a gate as the command line writes it; :func:`failed_gates` lists
every draft under a gate. :func:`median_reach` is the measure gates and sorting share.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from igalgo.domain import DraftEstimate, Surface
from igalgo.errors import UsageError

if TYPE_CHECKING:
    from igalgo.app.score import DraftResult

TOTAL = "total"
"""The name of the all-surfaces reach in gates and sorting (``--fail-under total=500``)."""

REACH_NAMES = (*(surface.value for surface in Surface), TOTAL)
"""What a gate or a sort may name: a surface or ``total``."""


def median_reach(estimate: DraftEstimate, where: str) -> float:
    """Median reach of ``estimate`` on a surface named ``where``, or across all (``total``)."""
    if where == TOTAL:
        return estimate.total.p50
    return estimate.surfaces[Surface(where)].reach.p50


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
    where, equals, number = text.partition("=")
    where = where.strip().lower()
    if not equals or where not in REACH_NAMES:
        raise UsageError(
            f"--fail-under: expected SURFACE=REACH with SURFACE one of {', '.join(REACH_NAMES)}, "
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
