"""The JSON and NDJSON envelope of ``igalgo score`` and its schema (schema_version 4).

Built from hand-made results (tests/handmade.py), so the numbers are known exactly.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from docs.tools.score_schema import output_schema
from igalgo import __version__
from igalgo.advice.checklist import RULES
from igalgo.app.gates import Gate, GateFailure, failed_gates
from igalgo.app.results import DraftResult, FileProblem
from igalgo.domain import DraftsFile, Surface
from igalgo.errors import InputError, Location, Problem
from igalgo.output.envelope import (
    SCHEMA_VERSION,
    Run,
    Summary,
    envelope,
    json_text,
    ndjson_invalid_line,
    ndjson_lines,
    ndjson_summary_line,
)
from igalgo.output.report import file_data
from tests.conftest import schema_errors
from tests.handmade import ACCOUNT, PHOTO, REEL, STORY, report

TOP_LEVEL = [
    "files",
    "gates",
    "igalgo_version",
    "invalid_files",
    "note",
    "samples",
    "schema_version",
    "seed",
    "summary",
]
"""The envelope's keys, for one file, several or none."""

GATES = (Gate("feed", 500), Gate("reels", 10, percent_of_followers=True))
"""The photo's feed (410) is under 500; the reel's reels (4,320) is over 10 % of 4,200."""


def _invalid() -> FileProblem:
    problem = Problem("wrong-length", "the list of drafts is empty", Location("bad.yaml", 2, 9))
    return FileProblem("bad.yaml", InputError([problem]))


def _drafts_file() -> DraftsFile:
    return DraftsFile("week.yaml", ACCOUNT, (PHOTO, REEL, STORY))


def test_the_envelope_has_the_same_top_level_keys_for_none_one_or_several_files() -> None:
    run = Run(7, 500, GATES)
    shapes = [
        envelope(run, []),
        envelope(run, [report()]),
        envelope(run, [report(), report(seed=8)]),
        envelope(run, [], [_invalid()]),
    ]
    for data in shapes:
        assert sorted(data) == TOP_LEVEL
        assert schema_errors(data, output_schema()) == []
    assert [len(d["files"]) for d in shapes] == [0, 1, 2, 0]
    data = shapes[1]
    assert data["schema_version"] == SCHEMA_VERSION == 6
    assert data["igalgo_version"] == __version__
    assert (data["seed"], data["samples"]) == (7, 500)
    entry = data["files"][0]
    assert sorted(entry) == [
        "account",
        "checklist",
        "drafts",
        "gates",
        "shared_advice",
        "source",
        "warnings",
    ]
    assert entry["source"] == "week.yaml"
    assert entry["account"]["followers"] == 4200
    for draft in entry["drafts"]:
        assert list(draft["surfaces"]) == [s.value for s in Surface]
    assert [item["id"] for item in entry["checklist"]] == [rule.id for rule in RULES]


LINE, PERCENT = "command line", "percent_of_followers"


def test_each_draft_says_how_every_gate_judged_it() -> None:
    data = envelope(Run(7, 500, GATES), [report()])
    story, reel, photo = data["files"][0]["drafts"]
    assert story["gates"] == [
        {"gate": "feed=500", "status": "skipped", "threshold": 500.0, "median": 0},
        {"gate": "reels=10%", "status": "skipped", "threshold": 420.0, "median": 0},
    ]
    assert reel["gates"][1] == {
        "gate": "reels=10%",
        "status": "passed",
        "threshold": 420.0,
        "median": 4320,
    }
    assert photo["gates"][0]["status"] == "failed"
    assert data["gates"] == [
        {"gate": "feed=500", "where": "feed", "reach": 500, "unit": "accounts", "origin": LINE},
        {"gate": "reels=10%", "where": "reels", "reach": 10, "unit": PERCENT, "origin": LINE},
    ]


def test_the_summary_lists_every_failed_gate_and_the_exit_code() -> None:
    data = envelope(Run(7, 500, GATES), [report()])
    assert data["summary"] == {
        "files": 1,
        "invalid_files": 0,
        "drafts": 3,
        "failed_gates": 1,
        "failures": [
            {
                "source": "week.yaml",
                "draft": "new-loaf-photo",
                "gate": "feed=500",
                "threshold": 500.0,
                "median": 410,
                "message": "week.yaml: draft 'new-loaf-photo': feed median reach 410 is under "
                "500 (--fail-under)",
            }
        ],
        "unapproved": [],
        "warnings": 0,
        "exit_code": 1,
    }
    assert envelope(Run(7, 500), [report()])["summary"]["exit_code"] == 0
    assert envelope(Run(7, 500, GATES), [report()], [_invalid()])["summary"]["exit_code"] == 2


def test_an_invalid_file_is_in_the_envelope_with_its_problems() -> None:
    data = envelope(Run(0, 500), [report()], [_invalid()])
    assert data["invalid_files"] == [
        {
            "source": "bad.yaml",
            "problems": [
                {
                    "code": "wrong-length",
                    "message": "the list of drafts is empty",
                    "path": "",
                    "file": "bad.yaml",
                    "line": 2,
                    "column": 9,
                    "hint": None,
                }
            ],
        }
    ]
    assert (data["summary"]["files"], data["summary"]["invalid_files"]) == (1, 1)


def test_a_given_summary_is_used_as_counted() -> None:
    summary = Summary(files=2, invalid_files=0, drafts=5)
    summary.failures.append(GateFailure("a.yaml", "x", Gate("total", 9), 3.0))
    data = envelope(Run(0, 500), [report()], summary=summary)
    assert data["summary"]["drafts"] == 5
    assert data["summary"]["failures"][0]["threshold"] == 9


def test_json_is_sorted_and_byte_identical() -> None:
    first = json_text(Run(7, 500, GATES), [report()])
    assert first == json_text(Run(7, 500, GATES), [report()])
    assert first.endswith("\n")
    data = json.loads(first)
    assert list(data) == sorted(data)
    draft = data["files"][0]["drafts"][0]
    assert list(draft) == sorted(draft)


def test_publish_at_is_iso_8601_with_the_account_zone_offset() -> None:
    drafts = file_data(report())["drafts"]
    # Summer (CEST, +02:00) and winter (CET, +01:00) in Europe/Amsterdam.
    assert drafts[0]["publish_at"] == "2026-07-03T12:00:00+02:00"
    assert drafts[1]["publish_at"] == "2026-12-01T19:30:00+01:00"


def test_schema_rejects_broken_documents() -> None:
    """The contract test can fail: a missing surface, an unknown status, an extra key."""
    schema = output_schema()
    data = envelope(Run(7, 500, GATES), [report()])
    drafts = data["files"][0]["drafts"]
    del drafts[0]["surfaces"]["explore"]
    data["files"][0]["checklist"][0]["status"] = "fine"
    drafts[1]["surprise"] = 1
    drafts[2]["publish_at"] = "2026-12-02 06:00"
    drafts[2]["gates"][0]["status"] = "maybe"
    problems = "\n".join(schema_errors(data, schema))
    assert "$.files[0].drafts[0].surfaces: 'explore' is a required property" in problems
    assert "$.files[0].checklist[0].status: 'fine' is not one of" in problems
    assert "$.files[0].drafts[1]: Additional properties are not allowed ('surprise'" in problems
    assert "$.files[0].drafts[2].publish_at: '2026-12-02 06:00' does not match" in problems
    assert "$.files[0].drafts[2].gates[0].status: 'maybe' is not one of" in problems
    assert schema_errors([data], schema)  # the list of version 1 is no longer accepted


def test_ndjson_carries_the_same_information_line_by_line() -> None:
    rep = report()
    run = Run(rep.seed, rep.samples, GATES)
    lines = list(ndjson_lines(run, _drafts_file(), iter(rep.results), lambda: rep.checklist))
    lines.append(ndjson_invalid_line(run, _invalid()))
    summary = Summary(files=1, invalid_files=1, drafts=3)
    summary.failures += failed_gates("week.yaml", rep.results, GATES, ACCOUNT.followers)
    lines.append(ndjson_summary_line(run, summary))
    assert all(line.endswith("\n") and line.count("\n") == 1 for line in lines)
    records = [json.loads(line) for line in lines]
    kinds = ["draft", "draft", "draft", "checklist", "invalid_file", "summary"]
    assert [r["record"] for r in records] == kinds
    schema = output_schema()
    for record, kind in zip(records, kinds, strict=True):
        assert schema_errors(record, schema, f"{kind}_record") == [], kind
        assert record["schema_version"] == SCHEMA_VERSION and record["seed"] == rep.seed
    whole = envelope(run, [rep], [_invalid()], summary)
    assert [{k: r[k] for k in whole["files"][0]["drafts"][0]} for r in records[:3]] == whole[
        "files"
    ][0]["drafts"]
    assert records[3]["checklist"] == whole["files"][0]["checklist"]
    assert records[4]["problems"] == whole["invalid_files"][0]["problems"]
    assert records[5]["summary"] == whole["summary"]
    assert records[5]["gates"] == whole["gates"] and records[5]["note"] == whole["note"]


def test_ndjson_consumes_results_lazily() -> None:
    """Each line is produced before the next result is asked for (streaming)."""
    rep = report()
    taken: list[str] = []

    def results() -> Iterator[DraftResult]:
        for result in rep.results:
            taken.append(result.estimate.draft.id)
            yield result

    lines = ndjson_lines(Run(1, 10), _drafts_file(), results(), lambda: rep.checklist)
    next(lines)
    assert taken == ["opening-hours-story"]
