"""The versioned envelope of ``igalgo score --format json`` and ``--format ndjson``.

One shape whatever the number of files, so that a script's parser does not depend on how many
files ``drafts/*.yaml`` matched (docs/decisions/0080-one-json-envelope-for-score.md):

* JSON: one object with the run (``schema_version``, ``igalgo_version``, ``seed``,
  ``samples``, the requested ``gates``), ``files`` (each scored file: ``source``,
  ``account``, ``drafts`` with their ``gates`` results, ``checklist``), ``invalid_files``
  (each file that could not be read, with its problems), ``summary`` (counts, every failed
  gate, the exit code) and ``note``.
* NDJSON: the same information line by line, as it is produced: a ``draft`` line per draft, a
  ``checklist`` line closing each file, an ``invalid_file`` line per unreadable file, and one
  ``summary`` line at the end. Every line carries ``record`` and the run's keys.

Nothing here prints: every writer returns or yields text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from igalgo import __version__
from igalgo.app.dating import DateNote
from igalgo.app.gates import Gate, GateFailure, Unapproved, failed_gates, gate_results
from igalgo.app.results import AccountReport, DraftResult, FileProblem
from igalgo.domain import ChecklistItem, DraftsFile
from igalgo.errors import ExitCode, Problem
from igalgo.output.report import NOTE, account_data, checklist_data, draft_data, dumps, file_data

SCHEMA_VERSION = 6
"""Version of the output's shape; bumped on any change scripts could notice (2: one envelope
for any number of files, with gate results and a summary; actions as typical and expected
counts; 3: the account's ``calibration``, null when it has none; 4: each draft's ``per_reach``
likes and sends and its ``watch``, null for formats that are not watched, docs/sources.md
T27; 5: each driver's ``evidence`` and, for a move, its new ``publish_at``; the file's
``shared_advice``; 6: each gate's ``origin``, the file's ``gates`` and ``warnings``, each
draft's ``status`` and ``approved_by``, the summary's ``unapproved``)."""

ACCOUNTS = "accounts"
PERCENT_OF_FOLLOWERS = "percent_of_followers"
"""The two units of a gate's ``reach`` in the JSON."""


def gate_data(gate: Gate) -> dict[str, Any]:
    """A requested gate: ``{"gate": "feed=15%", "where": "feed", "reach": 15, "unit": ...}``."""
    return {
        "gate": gate.text,
        "where": gate.where,
        "reach": gate.reach,
        "unit": PERCENT_OF_FOLLOWERS if gate.percent_of_followers else ACCOUNTS,
        "origin": gate.origin,
    }


def warning_data(note: DateNote) -> dict[str, Any]:
    """A date warning of a file: ``{"draft": "x", "message": "dated in the past (...)"}``."""
    return {"draft": note.draft_id, "message": note.message}


def unapproved_data(held: Unapproved) -> dict[str, Any]:
    """A dated draft that is not approved, in the summary."""
    return {
        "source": held.source,
        "draft": held.draft_id,
        "status": None if held.status is None else str(held.status),
        "message": held.message(),
    }


def draft_gates(result: DraftResult, gates: Sequence[Gate], followers: int) -> list[dict[str, Any]]:
    """Each gate judged on one draft: status, threshold (accounts, 0.1) and median."""
    return [
        {
            "gate": judged.gate.text,
            "status": judged.status.value,
            "threshold": round(judged.threshold, 1),
            "median": round(judged.median),
        }
        for judged in gate_results(result.estimate, gates, followers)
    ]


def problem_data(problem: Problem) -> dict[str, Any]:
    """One problem of an unreadable file, as ``igalgo validate`` prints it, in parts."""
    where = problem.location
    return {
        "code": problem.code,
        "message": problem.message,
        "path": problem.path,
        "file": where.file if where else None,
        "line": where.line if where else None,
        "column": where.column if where else None,
        "hint": problem.hint,
    }


def failure_data(failure: GateFailure) -> dict[str, Any]:
    """One failed gate in the summary."""
    threshold = failure.gate.reach if failure.threshold is None else failure.threshold
    return {
        "source": failure.source,
        "draft": failure.draft_id,
        "gate": failure.gate.text,
        "threshold": round(threshold, 1),
        "median": round(failure.median),
        "message": failure.message(),
    }


@dataclass
class Summary:
    """What a score run came to, counted as files are written: the ``summary`` object."""

    files: int = 0
    invalid_files: int = 0
    drafts: int = 0
    failures: list[GateFailure] = field(default_factory=list)
    unapproved: list[Unapproved] = field(default_factory=list)
    warnings: int = 0

    @property
    def exit_code(self) -> ExitCode:
        """The code the command exits with: invalid input first, then a failed gate or a dated
        draft not approved (``--require-approved``)."""
        if self.invalid_files:
            return ExitCode.INVALID_INPUT
        return ExitCode.GATE_FAILED if self.failures or self.unapproved else ExitCode.OK

    def data(self) -> dict[str, Any]:
        """The summary as plain data."""
        return {
            "files": self.files,
            "invalid_files": self.invalid_files,
            "drafts": self.drafts,
            "failed_gates": len(self.failures),
            "failures": [failure_data(f) for f in self.failures],
            "unapproved": [unapproved_data(u) for u in self.unapproved],
            "warnings": self.warnings,
            "exit_code": int(self.exit_code),
        }


@dataclass(frozen=True)
class Run:
    """The keys of the run that the envelope and every NDJSON line carry."""

    seed: int
    samples: int
    gates: tuple[Gate, ...] = ()

    def header(self) -> dict[str, Any]:
        """``schema_version``, ``igalgo_version``, ``seed``, ``samples``."""
        return {
            "schema_version": SCHEMA_VERSION,
            "igalgo_version": __version__,
            "seed": self.seed,
            "samples": self.samples,
        }


def scored_file_data(report: AccountReport, gates: Sequence[Gate]) -> dict[str, Any]:
    """One entry of ``files``: the file's data with the gates it was judged by (its own, or
    else ``gates``), each draft's gate results and the file's date warnings."""
    data = file_data(report)
    gates = report.gates or tuple(gates)
    followers = report.account.followers
    for entry, result in zip(data["drafts"], report.results, strict=True):
        entry["gates"] = draft_gates(result, gates, followers)
    data["gates"] = [gate_data(gate) for gate in gates]
    data["warnings"] = [warning_data(note) for note in report.warnings]
    return data


def invalid_file_data(problem: FileProblem) -> dict[str, Any]:
    """One entry of ``invalid_files``: the file and every problem found in it."""
    return {"source": problem.source, "problems": [problem_data(p) for p in problem.problems]}


def envelope(
    run: Run,
    reports: Sequence[AccountReport],
    invalid: Sequence[FileProblem] = (),
    summary: Summary | None = None,
) -> dict[str, Any]:
    """The JSON document of a score run, for any number of files (none scored included).

    Without ``summary`` it is counted from ``reports`` and ``invalid`` (failures found again
    with :func:`igalgo.app.gates.failed_gates`'s rule).
    """
    if summary is None:
        summary = Summary(len(reports), len(invalid), sum(len(r.results) for r in reports))
        for report in reports:
            followers = report.account.followers
            gates = report.gates or run.gates
            summary.failures += failed_gates(report.source, report.results, gates, followers)
            summary.unapproved += report.unapproved
            summary.warnings += len(report.warnings)
    return {
        **run.header(),
        "gates": [gate_data(gate) for gate in run.gates],
        "files": [scored_file_data(report, run.gates) for report in reports],
        "invalid_files": [invalid_file_data(problem) for problem in invalid],
        "summary": summary.data(),
        "note": NOTE,
    }


def json_text(
    run: Run,
    reports: Sequence[AccountReport],
    invalid: Sequence[FileProblem] = (),
    summary: Summary | None = None,
) -> str:
    """``--format json``: the envelope, indented, keys sorted, one newline at the end."""
    return dumps(envelope(run, reports, invalid, summary), indent=2) + "\n"


def ndjson_lines(
    run: Run,
    drafts_file: DraftsFile,
    results: Iterable[DraftResult],
    checklist: Callable[[], Sequence[ChecklistItem]],
    gates: Sequence[Gate] | None = None,
    warnings: Sequence[DateNote] = (),
) -> Iterator[str]:
    """``--format ndjson`` for one file: one ``draft`` line per draft as results arrive, then
    its ``checklist`` line, with the items ``checklist`` gives once every result is read
    (:attr:`igalgo.app.results.ScoredFile.checklist`).

    Every line is a complete JSON object with the run's keys, ``record``, ``source`` and
    ``account``; a draft line has the draft's keys (as ``files[i].drafts[j]`` of the JSON
    envelope, gates included), the checklist line ``checklist``, the file's ``gates`` (``gates``,
    by default the run's) and its date ``warnings``.
    """
    account = drafts_file.account
    judged_by = tuple(run.gates if gates is None else gates)
    header = {
        **run.header(),
        "source": drafts_file.source,
        "account": account_data(account),
    }
    for result in results:
        line = {
            **header,
            "record": "draft",
            **draft_data(result, account),
            "gates": draft_gates(result, judged_by, account.followers),
        }
        yield dumps(line, indent=None) + "\n"
    closing = {
        **header,
        "record": "checklist",
        "checklist": [checklist_data(item) for item in checklist()],
        "gates": [gate_data(gate) for gate in judged_by],
        "warnings": [warning_data(note) for note in warnings],
    }
    yield dumps(closing, indent=None) + "\n"


def ndjson_invalid_line(run: Run, problem: FileProblem) -> str:
    """The ``invalid_file`` line of a file that could not be read."""
    line = {**run.header(), "record": "invalid_file", **invalid_file_data(problem)}
    return dumps(line, indent=None) + "\n"


def ndjson_summary_line(run: Run, summary: Summary) -> str:
    """The last line: the gates asked for, the ``summary`` and the ``note``."""
    line = {
        **run.header(),
        "record": "summary",
        "gates": [gate_data(gate) for gate in run.gates],
        "summary": summary.data(),
        "note": NOTE,
    }
    return dumps(line, indent=None) + "\n"
