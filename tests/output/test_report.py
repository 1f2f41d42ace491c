"""The machine output of ``igalgo score``: plain data, JSON, NDJSON, CSV, Markdown and its schema.

Built from hand-made results (tests/handmade.py), so the numbers are known exactly and these
tests do not move when the model's parameters do.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator

import pytest

from igalgo import __version__
from igalgo.advice.checklist import RULES
from igalgo.app.score import DraftResult
from igalgo.domain import DraftsFile, Surface
from igalgo.output.report import (
    CSV_COLUMNS,
    SCHEMA_VERSION,
    csv_header,
    csv_lines,
    document,
    driver_sentence,
    json_text,
    markdown_text,
    ndjson_lines,
)
from igalgo.output.score_schema import output_schema
from tests.conftest import REPO, schema_errors
from tests.handmade import ACCOUNT, PHOTO, REEL, STORY, report

SCHEMA_FILE = REPO / "docs" / "schema" / "output.schema.json"


def _drafts_file() -> DraftsFile:
    return DraftsFile("week.yaml", ACCOUNT, (PHOTO, REEL, STORY))


def test_document_has_the_contract_header_and_every_surface() -> None:
    data = document(report(seed=7))
    assert data["schema_version"] == SCHEMA_VERSION == 2
    assert data["igalgo_version"] == __version__
    assert (data["seed"], data["samples"], data["source"]) == (7, 500, "week.yaml")
    assert data["account"]["name"] == "Bakkerij Zon"
    assert data["account"]["followers"] == 4200
    for draft in data["drafts"]:
        assert list(draft["surfaces"]) == [s.value for s in Surface]
    assert [item["id"] for item in data["checklist"]] == [rule.id for rule in RULES]


def test_numbers_are_rounded_and_ineligible_surfaces_are_zero() -> None:
    reel = document(report())["drafts"][1]
    assert reel["id"] == "croissant-reel"
    assert reel["surfaces"]["feed"]["reach"] == {"p10": 553, "p50": 622, "p90": 710, "mean": 630}
    assert reel["surfaces"]["reels"]["non_followers"] == 3879
    assert reel["surfaces"]["stories"] == {
        "eligible": False,
        "reach": {"p10": 0, "p50": 0, "p90": 0, "mean": 0},
        "followers": 0,
        "non_followers": 0,
    }
    assert reel["actions"] == {
        "typical": {
            "likes": 58.0,
            "comments": 3.6,
            "saves": 4.0,
            "shares": 2.8,
            "profile_visits": 20.5,
            "follows": 3.5,
        },
        "expected": {
            "likes": 116.0,
            "comments": 7.3,
            "saves": 8.0,
            "shares": 5.5,
            "profile_visits": 41.0,
            "follows": 7.0,
        },
    }


def test_publish_at_is_iso_8601_with_the_account_zone_offset() -> None:
    drafts = document(report())["drafts"]
    # Summer (CEST, +02:00) and winter (CET, +01:00) in Europe/Amsterdam.
    assert drafts[0]["publish_at"] == "2026-07-03T12:00:00+02:00"
    assert drafts[1]["publish_at"] == "2026-12-01T19:30:00+01:00"


def test_drivers_keep_their_order_and_round_effects() -> None:
    photo = document(report())["drafts"][2]
    assert photo["drivers"][0] == {
        "change": "publish at 19:00 instead of 06:00",
        "lever": "time",
        "surface": "feed",
        "effect": 0.412,
        "opens_surface": False,
    }
    assert photo["advice"][0] == (
        "Publish at 19:00 instead of 06:00: the model expects feed reach +41 %."
    )


def test_json_is_sorted_and_byte_identical() -> None:
    first = json_text([report()])
    assert first == json_text([report()])
    assert first.endswith("\n")
    data = json.loads(first)
    assert list(data) == sorted(data)
    assert list(data["drafts"][0]) == sorted(data["drafts"][0])


def test_json_gives_a_list_for_several_files() -> None:
    data = json.loads(json_text([report(), report(seed=8)], as_list=True))
    assert [d["seed"] for d in data] == [7, 8]
    assert json.loads(json_text([], as_list=True)) == []
    with pytest.raises(ValueError, match="one report expected"):
        json_text([report(), report()])


def test_json_output_validates_against_the_schema() -> None:
    schema = output_schema()
    assert schema_errors(json.loads(json_text([report()])), schema) == []
    listed = json.loads(json_text([report(), report()], as_list=True))
    assert schema_errors(listed, schema) == []


def test_schema_rejects_broken_documents() -> None:
    """The contract test can fail: a missing surface, an unknown status, an extra key."""
    schema = output_schema()
    data = document(report())
    del data["drafts"][0]["surfaces"]["explore"]
    data["checklist"][0]["status"] = "fine"
    data["drafts"][1]["surprise"] = 1
    data["drafts"][2]["publish_at"] = "2026-12-02 06:00"
    problems = "\n".join(schema_errors(data, schema))
    assert "$.drafts[0].surfaces: 'explore' is a required property" in problems
    assert "$.checklist[0].status: 'fine' is not one of" in problems
    assert "$.drafts[1]: Additional properties are not allowed ('surprise'" in problems
    assert "$.drafts[2].publish_at: '2026-12-02 06:00' does not match" in problems


def test_shipped_schema_file_is_the_generated_schema() -> None:
    """docs/schema/output.schema.json is output_schema() written out; regenerate with
    IGALGO_UPDATE_GOLDEN=1."""
    text = json.dumps(output_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    if os.environ.get("IGALGO_UPDATE_GOLDEN"):
        SCHEMA_FILE.write_text(text, encoding="utf-8")
    assert SCHEMA_FILE.read_text(encoding="utf-8") == text


def test_ndjson_streams_one_line_per_draft_then_the_checklist() -> None:
    rep = report()
    lines = list(
        ndjson_lines(_drafts_file(), iter(rep.results), seed=rep.seed, samples=rep.samples)
    )
    assert len(lines) == 4
    assert all(line.endswith("\n") and line.count("\n") == 1 for line in lines)
    records = [json.loads(line) for line in lines]
    assert [r["record"] for r in records] == ["draft", "draft", "draft", "checklist"]
    assert [r["id"] for r in records[:3]] == [
        "opening-hours-story",
        "croissant-reel",
        "new-loaf-photo",
    ]
    schema = output_schema()
    for record in records[:3]:
        assert schema_errors(record, schema, "draft_record") == []
    assert schema_errors(records[3], schema, "checklist_record") == []
    # The checklist line says the same as the whole report's checklist.
    assert records[3]["checklist"] == document(rep)["checklist"]


def test_ndjson_consumes_results_lazily() -> None:
    """Each line is produced before the next result is asked for (streaming)."""
    rep = report()
    taken: list[str] = []

    def results() -> Iterator[DraftResult]:
        for result in rep.results:
            taken.append(result.estimate.draft.id)
            yield result

    lines = ndjson_lines(_drafts_file(), results(), seed=1, samples=10)
    next(lines)
    assert taken == ["opening-hours-story"]


def test_csv_has_one_row_per_draft_and_surface() -> None:
    rep = report()
    text = csv_header() + "".join(csv_lines(_drafts_file(), rep.results))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 3 * 4
    photo_feed = next(r for r in rows if r["draft"] == "new-loaf-photo" and r["surface"] == "feed")
    assert photo_feed["reach_p50"] == "410"
    assert photo_feed["top_driver"] == "publish at 19:00 instead of 06:00"
    assert photo_feed["top_driver_effect"] == "0.412"
    story_feed = next(
        r for r in rows if r["draft"] == "opening-hours-story" and r["surface"] == "feed"
    )
    assert story_feed["eligible"] == "false"
    only_reels = list(csv_lines(_drafts_file(), rep.results, surfaces=frozenset({Surface.REELS})))
    assert len(only_reels) == 3


def test_markdown_has_a_row_per_draft_drivers_and_checklist() -> None:
    text = markdown_text([report()])
    assert (
        "| croissant-reel | reel | Tue 2026-12-01 19:30 | 622 (553-710) | - | 195 (115-328) |"
        in text
    )
    assert "  - Publish at 19:00 instead of 06:00: the model expects feed reach +41 %." in text
    assert "| timing | improve |" in text
    assert "model estimates of a black box" in text


def test_driver_sentence_for_a_change_that_opens_a_surface() -> None:
    from igalgo.domain import Driver, Lever

    driver = Driver("share it as a reel", Surface.REELS, 1.5, Lever.FORMAT, opens_surface=True)
    assert driver_sentence(driver) == (
        "Share it as a reel: it also reaches reels, and the model expects total reach 2.5x."
    )


def test_report_module_does_not_import_heavy_modules() -> None:
    import subprocess
    import sys

    code = (
        "import igalgo.output.report, igalgo.output.render, sys; "
        "print(sorted({'numpy', 'yaml'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
