"""The score use case: chunks, neighbours, publish order, sorting and --fail-under gates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import igalgo.world.model
from igalgo.app.score import (
    NEIGHBOUR_WINDOW,
    DraftResult,
    Gate,
    assess,
    assess_file,
    failed_gates,
    parse_gate,
    publish_order,
)
from igalgo.domain import Account, Draft, DraftEstimate, DraftsFile, Format, Surface
from igalgo.engine.settings import EngineSettings
from igalgo.errors import UsageError
from tests.handmade import PHOTO, REEL, STORY, estimate

ZONE = ZoneInfo("Europe/Amsterdam")
ACCOUNT = Account("Bakkerij Zon", 4200, timezone="Europe/Amsterdam")


def draft(draft_id: str, day: int, hour: int, minute: int = 0) -> Draft:
    when = datetime(2026, 12, day, hour, minute, tzinfo=ZONE)
    return Draft(draft_id, Format.PHOTO, when, caption="A caption long enough to count")


# --- gates -------------------------------------------------------------------------------------


def test_parse_gate() -> None:
    assert parse_gate("reels=1000") == Gate("reels", 1000.0)
    assert parse_gate(" Feed = 2.5e3") == Gate("feed", 2500.0)
    assert parse_gate("total=0") == Gate("total", 0.0)


@pytest.mark.parametrize("text", ["reels", "tiktok=5", "feed=", "feed=-1", "feed=lots", "feed=nan"])
def test_parse_gate_refuses_with_a_usage_error(text: str) -> None:
    with pytest.raises(UsageError, match="--fail-under"):
        parse_gate(text)


def test_failed_gates_name_draft_and_surface_and_skip_unreachable_surfaces() -> None:
    results = [DraftResult(estimate(d), ()) for d in (STORY, REEL, PHOTO)]
    failures = failed_gates("week.yaml", results, [Gate("feed", 500), Gate("reels", 100)])
    # The story cannot reach feed or reels; the photo cannot reach reels; the reel passes.
    assert [(f.draft_id, f.gate.where) for f in failures] == [("new-loaf-photo", "feed")]
    assert failures[0].message() == (
        "week.yaml: draft 'new-loaf-photo': feed median reach 410 is under 500 (--fail-under)"
    )
    total = failed_gates("w", results, [Gate("total", 400)])
    assert [f.draft_id for f in total] == ["opening-hours-story"]


# --- order and chunks -----------------------------------------------------------------------


def test_publish_order_is_by_time_then_file_order() -> None:
    drafts = [draft("late", 3, 9), draft("early", 1, 9), draft("tie-a", 2, 9), draft("tie-b", 2, 9)]
    assert [drafts[i].id for i in publish_order(drafts)] == ["early", "tie-a", "tie-b", "late"]


class Recorder:
    """Wraps the engine and records the batches it is called with."""

    def __init__(self) -> None:
        self.calls: list[tuple[list[str], bool]] = []
        self.engine = igalgo.world.model.score_drafts

    def __call__(
        self, account: Account, drafts: Sequence[Draft], **options: Any
    ) -> list[DraftEstimate]:
        self.calls.append(([d.id for d in drafts], options["compete"]))
        return self.engine(account, drafts, **options)


def test_chunks_are_scored_with_their_neighbours(monkeypatch: pytest.MonkeyPatch) -> None:
    recorder = Recorder()
    monkeypatch.setattr(igalgo.world.model, "score_drafts", recorder)
    drafts = (draft("c", 20, 9), draft("a", 1, 9), draft("b", 1, 9, 30))
    results = list(
        assess(DraftsFile("f", ACCOUNT, drafts), settings=EngineSettings(samples=50), chunk_size=1)
    )
    assert [r.estimate.draft.id for r in results] == ["a", "b", "c"]
    competing = [ids for ids, compete in recorder.calls if compete]
    # 'a' and 'b' are 30 min apart: each one's chunk includes the other; 'c' is alone.
    assert competing == [["a", "b"], ["a", "b"], ["c"]]
    # For each chunk: the hour search (plain templates), then one call for its drivers, led
    # by the chunk's own (unchanged) draft.
    alone = [ids for ids, compete in recorder.calls if not compete]
    searches, changes = alone[0::2], alone[1::2]
    assert all(i.startswith("photo-2026") for ids in searches for i in ids)
    assert [ids[0] for ids in changes] == ["a", "b", "c"]


def test_neighbour_window_is_at_least_a_day() -> None:
    assert timedelta(hours=24) <= NEIGHBOUR_WINDOW


def test_assess_file_sorts_by_reach_and_keeps_a_checklist() -> None:
    drafts = (draft("dawn", 2, 4), draft("evening", 2, 19), draft("noon", 3, 12))
    report = assess_file(
        DraftsFile("f", ACCOUNT, drafts), settings=EngineSettings(samples=100), sort_by="feed"
    )
    medians = [r.estimate.surfaces[Surface.FEED].reach.p50 for r in report.results]
    assert medians == sorted(medians, reverse=True)
    assert len(report.checklist) == 8
    assert (report.seed, report.samples, report.source) == (0, 100, "f")


def test_chunk_size_must_be_positive() -> None:
    with pytest.raises(ValueError, match="chunk_size"):
        list(
            assess(
                DraftsFile("f", ACCOUNT, (draft("a", 1, 9),)),
                settings=EngineSettings(samples=10),
                chunk_size=0,
            )
        )
