"""``--fail-under SURFACE=REACH``: gates on the median reach of every scored draft.

A gate's REACH is a number of accounts (``feed=600``) or a percentage of the account's
followers (``feed=15%``), so that one gate means the same for a 2,300- and an 85,000-follower
account. :func:`parse_gate` reads a gate as the command line writes it; :func:`gate_results`
judges one draft against every gate (passed, failed, or skipped where the draft's format cannot
reach the surface); :func:`failed_gates` lists every draft under a gate. :func:`median_reach`
is the measure gates and sorting share (:func:`sort_key` reads ``--sort-by``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from igalgo.domain import Draft, DraftEstimate, DraftsFile, Surface
from igalgo.errors import UsageError
from igalgo.inputs.agency_format import Approval

if TYPE_CHECKING:
    from igalgo.app.results import DraftResult

TOTAL = "total"
"""The name of the all-surfaces reach in gates and sorting (``--fail-under total=500``)."""

REACH_NAMES = (*(surface.value for surface in Surface), TOTAL)
"""What a gate or a sort may name: a surface or ``total``."""

COMMAND_LINE = "command line"
"""Where a ``--fail-under`` gate comes from (a profile's gate names its profile file)."""


def median_reach(estimate: DraftEstimate, where: str) -> float:
    """Median reach of ``estimate`` on a surface named ``where``, or across all (``total``)."""
    if where == TOTAL:
        return estimate.total.p50
    return estimate.surfaces[Surface(where)].reach.p50


@dataclass(frozen=True)
class Gate:
    """``--fail-under SURFACE=REACH``: every draft that can reach ``where`` must have a median
    reach there of at least ``reach`` accounts, or ``reach`` % of the account's followers when
    ``percent_of_followers``."""

    where: str
    """A surface name or ``total``."""
    reach: float
    """Accounts, or a percentage (15 for 15 %) when :attr:`percent_of_followers`."""
    percent_of_followers: bool = False
    origin: str = COMMAND_LINE
    """Where the gate comes from: :data:`COMMAND_LINE`, or the profile file whose ``gates:``
    it is (the drafts file, for an inline account)."""

    @property
    def said(self) -> str:
        """Where messages say the gate comes from: ``--fail-under feed=15%`` (an absolute
        command-line gate: ``--fail-under``), or ``gates: feed=15% of profiles/x.yaml``."""
        if self.origin != COMMAND_LINE:
            return f"gates: {self.text} of {self.origin}"
        return f"--fail-under {self.text}" if self.percent_of_followers else "--fail-under"

    @property
    def text(self) -> str:
        """The gate as the command line writes it, normalised: ``feed=600``, ``feed=15%``."""
        return f"{self.where}={self.reach:g}{'%' if self.percent_of_followers else ''}"

    def threshold(self, followers: int) -> float:
        """The least median reach, in accounts, that passes for an account of ``followers``."""
        return self.reach * followers / 100 if self.percent_of_followers else self.reach


class GateStatus(StrEnum):
    """What one gate says about one draft."""

    PASSED = "passed"
    FAILED = "failed"
    SKIPPED = "skipped"
    """The draft's format cannot reach the gate's surface (a story is never held to Explore)."""


@dataclass(frozen=True)
class GateResult:
    """One gate judged on one draft."""

    gate: Gate
    status: GateStatus
    threshold: float
    """The least median reach that passes, in accounts."""
    median: float
    """The draft's median reach where the gate looks (0 when skipped)."""


@dataclass(frozen=True)
class GateFailure:
    """One draft under one gate."""

    source: str
    draft_id: str
    gate: Gate
    median: float
    threshold: float | None = None
    """In accounts; None means the gate's own REACH (an absolute gate)."""

    def message(self) -> str:
        """``FILE: draft 'x': feed median reach 120 is under 500 (--fail-under)``; a relative
        gate says what its threshold is a percentage of."""
        threshold = self.gate.reach if self.threshold is None else self.threshold
        text = (
            f"{self.source}: draft '{self.draft_id}': {self.gate.where} median reach "
            f"{self.median:,.0f} is under {threshold:,.0f}"
        )
        if self.gate.percent_of_followers:
            return f"{text} ({self.gate.reach:g} % of followers, {self.gate.said})"
        return f"{text} ({self.gate.said})"


def did_you_mean(word: str, choices: Sequence[str]) -> str:
    """`` (did you mean 'reels'?)`` for a close choice, else ``""``."""
    import difflib

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def parse_gate(text: str) -> Gate:
    """Parse ``SURFACE=REACH`` (``reels=1000``) or ``SURFACE=PERCENT%`` (``feed=15%``, of the
    account's followers); raises UsageError with what is accepted."""
    where, equals, number = text.partition("=")
    where = where.strip().lower()
    if not equals or where not in REACH_NAMES:
        hint = did_you_mean(where, REACH_NAMES) if equals else ""
        raise UsageError(
            f"--fail-under: expected SURFACE=REACH or SURFACE=PERCENT% with SURFACE one of "
            f"{', '.join(REACH_NAMES)}, got {text!r}{hint}"
        )
    amount = number.strip()
    relative = amount.endswith("%")
    if relative:
        amount = amount[:-1].strip()
    try:
        reach = float(amount)
    except ValueError:
        reach = -1.0
    if not reach >= 0 or reach == float("inf"):
        what = "PERCENT" if relative else "REACH"
        raise UsageError(
            f"--fail-under: {what} must be a number >= 0, got {number.strip()!r}"
            + ("" if relative else " (a share of followers is written with %, e.g. feed=15%)")
        )
    return Gate(where, reach, relative)


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


def gate_results(
    estimate: DraftEstimate, gates: Sequence[Gate], followers: int
) -> list[GateResult]:
    """Every gate judged on one draft of an account with ``followers``, in the gates' order."""
    found = []
    for gate in gates:
        threshold = gate.threshold(followers)
        if gate.where != TOTAL and not estimate.surfaces[Surface(gate.where)].eligible:
            found.append(GateResult(gate, GateStatus.SKIPPED, threshold, 0.0))
            continue
        median = median_reach(estimate, gate.where)
        status = GateStatus.FAILED if median < threshold else GateStatus.PASSED
        found.append(GateResult(gate, status, threshold, median))
    return found


def failed_gates(
    source: str,
    results: Sequence[DraftResult],
    gates: Sequence[Gate],
    followers: int | None = None,
) -> list[GateFailure]:
    """Every (draft, gate) pair that fails; drafts that cannot reach the surface are skipped
    (a story is never held to an Explore gate). ``followers`` (the account's) is needed for
    gates relative to followers."""
    if followers is None and any(gate.percent_of_followers for gate in gates):
        raise ValueError("a gate relative to followers needs the account's followers")
    failures = []
    for result in results:
        estimate = result.estimate
        for judged in gate_results(estimate, gates, followers or 0):
            if judged.status is GateStatus.FAILED:
                failures.append(
                    GateFailure(
                        source, estimate.draft.id, judged.gate, judged.median, judged.threshold
                    )
                )
    return failures


def profile_gates(drafts_file: DraftsFile) -> tuple[Gate, ...]:
    """The gates of a drafts file's account (its profile's ``gates:``), each naming the
    profile file it comes from."""
    origin = drafts_file.account_file or drafts_file.source
    return tuple(
        dataclasses.replace(parse_gate(text), origin=origin) for text in drafts_file.account.gates
    )


@dataclass(frozen=True)
class Unapproved:
    """A dated draft that is not approved, under ``--require-approved``."""

    source: str
    draft_id: str
    status: str | None

    def message(self) -> str:
        """``FILE: draft 'x' is dated but not approved (status: in_review)``."""
        status = self.status if self.status is not None else "not given"
        return (
            f"{self.source}: draft '{self.draft_id}' is dated but not approved "
            f"(status: {status}; --require-approved)"
        )


def unapproved(source: str, drafts: Sequence[Draft]) -> list[Unapproved]:
    """Every draft the file dates (``publish_at``, in the coming week too) whose ``status`` is
    not ``approved``, in file order; an undated draft has no slot to approve yet."""
    return [
        Unapproved(source, draft.id, draft.status)
        for draft in drafts
        if draft.pinned and draft.status != Approval.APPROVED
    ]
