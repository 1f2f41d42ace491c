"""The machine output of ``igalgo score``: plain data, CSV and Markdown (the JSON and NDJSON
envelope: tests/output/test_envelope.py).

Built from hand-made results (tests/handmade.py), so the numbers are known exactly and these
tests do not move when the model's parameters do.
"""

from __future__ import annotations

import csv
import io

from igalgo.domain import DraftsFile, Surface
from igalgo.output.report import (
    CSV_COLUMNS,
    csv_header,
    csv_lines,
    driver_sentence,
    file_data,
    markdown_text,
)
from tests.handmade import ACCOUNT, PHOTO, REEL, STORY, report


def _drafts_file() -> DraftsFile:
    return DraftsFile("week.yaml", ACCOUNT, (PHOTO, REEL, STORY))


def test_numbers_are_rounded_and_ineligible_surfaces_are_zero() -> None:
    reel = file_data(report())["drafts"][1]
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
    drafts = file_data(report())["drafts"]
    # Summer (CEST, +02:00) and winter (CET, +01:00) in Europe/Amsterdam.
    assert drafts[0]["publish_at"] == "2026-07-03T12:00:00+02:00"
    assert drafts[1]["publish_at"] == "2026-12-01T19:30:00+01:00"


def test_drivers_keep_their_order_and_round_effects() -> None:
    photo = file_data(report())["drafts"][2]
    assert photo["drivers"][0] == {
        "change": "publish at 19:00 instead of 06:00",
        "lever": "time",
        "surface": "feed",
        "effect": 0.412,
        "opens_surface": False,
        "evidence": "published",
        "publish_at": "2026-12-02T19:00:00+01:00",
    }
    assert photo["drivers"][1]["evidence"] == "assumed"
    assert photo["drivers"][1]["publish_at"] is None
    assert photo["advice"][0] == (
        "Publish at 19:00 instead of 06:00: the model expects feed reach +41 % (this rests on "
        "a published figure)."
    )
    assert photo["advice"][1].endswith("(this rests on our assumption).")


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
    assert (
        "  - Publish at 19:00 instead of 06:00: the model expects feed reach +41 % (this rests "
        "on a published figure)." in text
    )
    assert "| timing | improve |" in text
    assert "model estimates of a black box" in text


def test_driver_sentence_for_a_change_that_opens_a_surface() -> None:
    from igalgo.domain import Driver, Lever

    driver = Driver("share it as a reel", Surface.REELS, 1.5, Lever.FORMAT, opens_surface=True)
    assert driver_sentence(driver) == (
        "Share it as a reel: it also reaches reels, and the model expects total reach 2.5x "
        "(this rests on our assumption)."
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
