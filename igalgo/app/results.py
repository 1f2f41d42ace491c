"""What scoring drafts files gives: each draft's result, a file's report, a file scored or
a file that could not be read. Plain data; :mod:`igalgo.app.assess` makes it for one file and
:mod:`igalgo.app.score` for a run of files."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Protocol

from igalgo.advice.checklist import checklist
from igalgo.advice.evidence import Evidence
from igalgo.advice.shared import SharedAdvice
from igalgo.app.dating import DateNote, warning_lines
from igalgo.app.gates import Gate, GateFailure, Unapproved
from igalgo.domain import (
    Account,
    ChecklistItem,
    Draft,
    DraftEstimate,
    DraftsFile,
    Driver,
    Surface,
)
from igalgo.errors import InputError, Problem

if TYPE_CHECKING:
    from igalgo.advice.best_hours import HourMeasure


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
    shared: tuple[SharedAdvice, ...] = ()
    """Changes every draft of a format gets, said once instead of under each draft."""
    gates: tuple[Gate, ...] = ()
    """The gates the file's drafts were judged by: its profile's, then the command line's."""
    warnings: tuple[DateNote, ...] = ()
    """Drafts dated in the past, and windows that ended."""
    unapproved: tuple[Unapproved, ...] = ()
    """Dated drafts that are not approved, when approval was required."""


class Checklist:
    """The strategy checklist of results as they pass by: the evidence is summed on the way and
    the items judged once the last result has passed (:meth:`items`)."""

    def __init__(
        self,
        account: Account,
        surfaces: frozenset[Surface],
        measure: Callable[[list[Draft]], HourMeasure | None] | None = None,
        rate: float | None = None,
    ) -> None:
        self._account = account
        self._surfaces = surfaces
        self._measure = measure  # the model's reach by hour of the drafts' kinds of post
        self._rate = rate  # the account's engagement rate, when found where it was scored
        self._evidence = Evidence()
        self._dated: list[Draft] = []  # the drafts at the times they were scored

    def watch(self, results: Iterable[DraftResult]) -> Iterator[DraftResult]:
        """Pass ``results`` through, taking each one's evidence."""
        for result in results:
            self._evidence.add(result.estimate, result.drivers)
            self._dated.append(result.estimate.draft)
            yield result

    def items(self, order: Iterable[Draft] | None = None) -> tuple[ChecklistItem, ...]:
        """The checklist of the results watched so far; ``order`` lists the drafts in the
        report's order when it is not the order they passed in."""
        dated = list(order) if order is not None else self._dated
        hours = self._measure(dated) if self._measure is not None else None
        return checklist(
            self._account,
            dated,
            self._evidence,
            surfaces=self._surfaces,
            hours=hours,
            rate=self._rate,
        )


class Progress(Protocol):
    """What :func:`igalgo.app.score.score_files` tells about its progress (a bar, a log)."""

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
    checklist: Callable[[], tuple[ChecklistItem, ...]] = tuple
    """The file's checklist; while results stream, complete once they are all read."""
    gates: tuple[Gate, ...] = ()
    """The gates the file's drafts are judged by: its profile's, then the command line's."""
    unapproved: list[Unapproved] = field(default_factory=list)
    """Dated drafts that are not approved, when approval was required."""

    @property
    def source(self) -> str:
        """The file as given (``-`` for standard input)."""
        return self.drafts_file.source

    def warning_lines(self) -> list[str]:
        """The warnings as lines for stderr: ``igalgo: warning: FILE: draft 'x' is ...``, the
        first few and a count of the rest (:func:`~igalgo.app.dating.warning_lines`)."""
        return warning_lines(self.source, self.warnings)
