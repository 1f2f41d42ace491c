"""The score use case: files in, results out; chunks, neighbours, publish order, sorting and
--fail-under gates."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import igalgo
import igalgo.app.assess
import igalgo.world.model
from igalgo.advice.moves import SPACING_DAYS, competition_window, move_context
from igalgo.app.assess import ScoreOptions, assess, assess_file, publish_order
from igalgo.app.gates import Gate, GateStatus, failed_gates, gate_results, parse_gate
from igalgo.app.results import DraftResult, FileProblem, ScoredFile
from igalgo.app.score import score_files
from igalgo.domain import (
    Account,
    Draft,
    DraftEstimate,
    DraftsFile,
    Driver,
    Format,
    Lever,
    Surface,
)
from igalgo.engine import workers
from igalgo.engine.settings import EngineSettings
from igalgo.errors import UsageError
from igalgo.inputs.loader import load_account, load_drafts
from igalgo.world.model import DEFAULT_PARAMS, Simulation
from igalgo.world.params import ModelParams
from tests.conftest import PROFILES, REPO
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


def test_parse_gate_reads_a_share_of_followers() -> None:
    assert parse_gate("feed=15%") == Gate("feed", 15.0, percent_of_followers=True)
    assert parse_gate("Total = 2.5 %") == Gate("total", 2.5, percent_of_followers=True)
    assert parse_gate("feed=15%").text == "feed=15%"
    assert parse_gate("reels=1e3").text == "reels=1000"
    assert Gate("feed", 15, percent_of_followers=True).threshold(2300) == 345
    assert Gate("feed", 15).threshold(2300) == 15


@pytest.mark.parametrize(
    "text",
    ["reels", "tiktok=5", "feed=", "feed=-1", "feed=lots", "feed=nan", "feed=%", "feed=-5%"],
)
def test_parse_gate_refuses_with_a_usage_error(text: str) -> None:
    with pytest.raises(UsageError, match="--fail-under"):
        parse_gate(text)


def test_relative_gates_scale_with_the_accounts_followers() -> None:
    results = [DraftResult(estimate(d), ()) for d in (STORY, REEL, PHOTO)]
    gate = Gate("feed", 10, percent_of_followers=True)  # the photo's 410 vs 10 % of followers
    assert failed_gates("w", results, [gate], followers=4000) == []
    (failure,) = failed_gates("w", results, [gate], followers=4200)
    assert (failure.draft_id, failure.threshold) == ("new-loaf-photo", 420)
    assert failure.message() == (
        "w: draft 'new-loaf-photo': feed median reach 410 is under 420 "
        "(10 % of followers, --fail-under feed=10%)"
    )
    with pytest.raises(ValueError, match="followers"):
        failed_gates("w", results, [gate])
    judged = gate_results(results[0].estimate, [gate, Gate("total", 1)], 4200)
    assert [(j.status, j.threshold) for j in judged] == [
        (GateStatus.SKIPPED, 420),
        (GateStatus.PASSED, 1),
    ]


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


def test_chunks_are_scored_with_their_neighbours(monkeypatch: pytest.MonkeyPatch) -> None:
    competing: list[list[str]] = []
    kept: list[list[str]] = []
    targets: list[list[str]] = []

    class Recording(Simulation):
        """The model run, recording the schedules it samples and the posts it keeps."""

        def score_kept(self, drafts: Sequence[Draft], keep: Sequence[int]) -> list[DraftEstimate]:
            competing.append([d.id for d in drafts])
            kept.append([drafts[k].id for k in keep])
            found = super().score_kept(drafts, keep)
            # The posts kept get the numbers of the whole schedule scored together.
            together = self.score_drafts(drafts)
            assert found == [together[k] for k in keep]
            return found

    monkeypatch.setattr(igalgo.world.model, "Simulation", Recording)

    def no_drivers(
        simulation: Simulation, batch: Sequence[Draft], **options: Any
    ) -> list[tuple[()]]:
        assert isinstance(simulation, Recording)
        targets.append([batch[i].id for i in options["targets"]])
        return [() for _ in batch]

    monkeypatch.setattr(igalgo.app.assess, "drivers", no_drivers)
    drafts = (draft("c", 20, 9), draft("a", 1, 9), draft("b", 1, 9, 30))
    results = list(
        assess(
            DraftsFile("f", ACCOUNT, drafts), ScoreOptions(EngineSettings(samples=50)), chunk_size=1
        )
    )
    assert [r.estimate.draft.id for r in results] == ["a", "b", "c"]
    # 'a' and 'b' are 30 min apart: each one's chunk includes the other; 'c', 19 days later,
    # is beyond the posts a move of them could touch and ends their schedule out of reach
    # (and 'b' ends the schedule of 'c').
    assert competing == [["a", "b", "c"], ["a", "b", "c"], ["b", "c"]]
    assert targets == [["a"], ["b"], ["c"]]
    assert kept == targets  # only a chunk's own drafts are sampled


def test_the_context_of_a_chunk_covers_every_post_a_move_can_touch() -> None:
    window = competition_window(DEFAULT_PARAMS)
    assert move_context(DEFAULT_PARAMS) == 2 * window + timedelta(days=SPACING_DAYS + 1)


def test_the_competition_window_is_the_longest_span_the_model_lets_drafts_compete() -> None:
    params = ModelParams()
    assert competition_window(params) == timedelta(hours=params.attention.window_hours)
    longer = dataclasses.replace(
        params, reels=dataclasses.replace(params.reels, diversity_window_hours=200)
    )
    assert competition_window(longer) == timedelta(hours=200)


def reel(draft_id: str, hours: float) -> Draft:
    when = datetime(2026, 12, 1, 19, 0, tzinfo=ZONE) + timedelta(hours=hours)
    return Draft(draft_id, Format.REEL, when, caption="Warm from the oven", duration_s=25.0)


def by_chunk_size(drafts: tuple[Draft, ...], chunk_size: int) -> list[DraftResult]:
    return list(
        assess(
            DraftsFile("f", ACCOUNT, drafts),
            ScoreOptions(EngineSettings(samples=64)),
            chunk_size=chunk_size,
        )
    )


def test_chunk_size_changes_no_estimate_or_driver_of_reels_72_hours_apart() -> None:
    # Reels 72 h apart share followers' attention (144 h): each one's numbers depend on both
    # neighbours, and on where the schedule ends (usual posts fill the time beyond it).
    drafts = tuple(reel(f"reel-{n}", 72 * n) for n in range(4))
    assert by_chunk_size(drafts, 1) == by_chunk_size(drafts, 1000)


def test_chunk_size_changes_nothing_when_more_drafts_than_a_chunk_are_close() -> None:
    # Five drafts within two hours, one far later: with chunk_size 1, every chunk needs all
    # of its close neighbours (more than chunk_size of them), and schedules that end out of
    # reach of the late one.
    drafts = (
        *(draft(f"photo-{n}", 1, 9 + n // 3, 20 * (n % 3)) for n in range(5)),
        reel("late-reel", 24 * 9.5),
        Draft("story", Format.STORY, datetime(2026, 12, 1, 12, 0, tzinfo=ZONE)),
    )
    small, whole = by_chunk_size(drafts, 1), by_chunk_size(drafts, 1000)
    assert [r.estimate for r in small] == [r.estimate for r in whole]
    # Content drivers too; the moves of posts that crowd each other are settled together
    # within a chunk (one of them moves), so they match once a chunk holds the crowded group.
    assert [content(r) for r in small] == [content(r) for r in whole]
    assert by_chunk_size(drafts, 5) == whole


class _Dying:
    """A chunk's work that kills the worker process it runs in."""

    def __call__(self, *_: object) -> None:
        os._exit(1)


def in_two_workers(drafts: tuple[Draft, ...]) -> list[DraftResult]:
    settings = EngineSettings(samples=64, workers=2)
    return list(assess(DraftsFile("f", ACCOUNT, drafts), ScoreOptions(settings), chunk_size=2))


def spread_drafts() -> tuple[Draft, ...]:
    return (
        *(reel(f"reel-{n}", 30 * n) for n in range(4)),
        *(draft(f"photo-{n}", 2 + n, 9 + n, 0) for n in range(3)),
    )


def test_chunks_scored_in_worker_processes_are_the_chunks_scored_here() -> None:
    drafts = spread_drafts()
    workers.stop()
    try:
        assert in_two_workers(drafts) == by_chunk_size(drafts, 2)
    finally:
        workers.stop()


def test_a_chunk_whose_worker_dies_is_scored_here(monkeypatch: pytest.MonkeyPatch) -> None:
    drafts = spread_drafts()
    monkeypatch.setattr(igalgo.app.assess.ChunkWork, "alone", lambda self: _Dying())
    workers.stop()  # the pool is forked anew; its first chunk kills its worker
    try:
        assert in_two_workers(drafts) == by_chunk_size(drafts, 2)
    finally:
        workers.stop()


def content(result: DraftResult) -> tuple[Driver, ...]:
    return tuple(d for d in result.drivers if d.lever not in (Lever.TIME, Lever.SPACING))


def test_assess_file_sorts_by_reach_and_keeps_a_checklist() -> None:
    drafts = (draft("dawn", 2, 4), draft("evening", 2, 19), draft("noon", 3, 12))
    report = assess_file(
        DraftsFile("f", ACCOUNT, drafts), ScoreOptions(EngineSettings(samples=100)), sort_by="feed"
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
                ScoreOptions(EngineSettings(samples=10)),
                chunk_size=0,
            )
        )


# --- the use case, as a library caller runs it ------------------------------------------------

DEMO = str(PROFILES / "demo-drafts.yaml")


class Counting:
    """A progress listener that adds up what it is told."""

    def __init__(self) -> None:
        self.added = self.done = 0

    def add(self, drafts: int) -> None:
        self.added += drafts

    def advance(self, drafts: int) -> None:
        self.done += drafts


def test_score_files_yields_each_file_in_order_with_problems_and_gate_failures(
    tmp_path: Path,
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("account: bakery\ndrafts: []\n", encoding="utf-8")
    progress = Counting()
    settings = EngineSettings(samples=32)
    items = list(
        score_files(
            [DEMO, str(broken)],
            ScoreOptions(settings=settings),
            gates=[Gate("total", 1e9)],
            sort_by="Total",
            progress=progress,
        )
    )
    scored, problem = items
    assert isinstance(scored, ScoredFile) and isinstance(problem, FileProblem)
    assert problem.source == str(broken) and problem.problems[0].code == "wrong-length"
    assert scored.report is not None and scored.source == DEMO
    results = list(scored.results)
    assert results == list(scored.report.results)
    totals = [r.estimate.total.p50 for r in results]
    assert totals == sorted(totals, reverse=True)
    assert [f.draft_id for f in scored.gate_failures] == [r.estimate.draft.id for r in results]
    assert progress.added == progress.done == len(results)
    alone = assess_file(load_drafts(DEMO), ScoreOptions(settings), sort_by="total")
    assert dataclasses.replace(scored.report, gates=(), warnings=()) == alone


def test_lazy_results_stream_and_their_gate_failures_follow() -> None:
    settings = EngineSettings(samples=32)
    (item,) = score_files(
        [DEMO],
        ScoreOptions(settings=settings),
        account="bakery",
        gates=[Gate("total", 1e9)],
        lazy=True,
    )
    assert isinstance(item, ScoredFile) and item.report is None
    assert item.drafts_file.account.name == load_account("bakery").name
    assert item.gate_failures == []
    first = next(item.results)
    assert [f.draft_id for f in item.gate_failures] == [first.estimate.draft.id]
    rest = list(item.results)
    assert len(item.gate_failures) == 1 + len(rest)


@pytest.mark.parametrize(
    ("options", "message"),
    [({"sort_by": "tv"}, "--sort-by: expected one of"), ({"sources": ["-", "-"]}, "only once")],
)
def test_score_files_refuses_what_cannot_be_done(options: dict[str, Any], message: str) -> None:
    arguments: dict[str, Any] = {"sources": [DEMO], **options}
    with pytest.raises(UsageError, match=message):
        score_files(arguments.pop("sources"), **arguments)


def test_the_package_exports_the_library_api_without_loading_numpy() -> None:
    for name in igalgo.__all__:
        assert getattr(igalgo, name) is not None
    assert igalgo.score_files is score_files and igalgo.load_drafts is load_drafts
    code = "import sys, igalgo\nprint(sorted({'numpy', 'yaml'} & set(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert result.stdout.strip() == "[]"


# --- undated drafts, windows and dates in the past -------------------------------------------

UNDATED_FILE = """\
account: bakery
drafts:
  - {id: dated, format: photo, publish_at: "2026-12-08 19:00", caption: "Our spelt loaf is back"}
  - {id: undated, format: reel, duration_s: 30, caption: "How we fold the butter in"}
  - id: christmas
    format: carousel
    slides: 5
    window: {from: "2026-12-20", to: "2026-12-24"}
  - {id: old, format: story, publish_at: "2026-11-02 10:00"}
"""


def test_undated_drafts_are_scored_at_their_best_slot_and_say_so() -> None:
    from igalgo.inputs.loader import parse_drafts_text

    drafts_file = parse_drafts_text(UNDATED_FILE, "u.yaml", None)
    settings = EngineSettings(samples=64)
    report = assess_file(drafts_file, ScoreOptions(settings, today=date(2026, 11, 30)))
    results = {r.estimate.draft.id: r for r in report.results}
    dated, undated, christmas = results["dated"], results["undated"], results["christmas"]
    assert dated.estimate.draft.publish_at == drafts_file.drafts[0].publish_at and not dated.notes
    when = undated.estimate.draft.publish_at.date()
    assert date(2026, 12, 7) <= when <= date(2026, 12, 13)  # the coming week, from next Monday
    (note,) = undated.notes
    assert note.startswith("undated: scored at its best slot of the coming week")
    assert date(2026, 12, 20) <= christmas.estimate.draft.publish_at.date() <= date(2026, 12, 24)
    assert "of its window (2026-12-20 to 2026-12-24)" in christmas.notes[0]
    # The hour it gets is one the drivers have no move from.
    for result in (undated, christmas):
        assert not {d.lever for d in result.drivers} & {Lever.TIME, Lever.SPACING}


def test_dates_in_the_past_are_warned_about_and_still_scored(tmp_path: Path) -> None:
    path = tmp_path / "u.yaml"
    text = UNDATED_FILE.replace(
        'from: "2026-12-20", to: "2026-12-24"', 'from: "2026-12-01", to: "2026-12-02"'
    )
    path.write_text(text, encoding="utf-8")
    options = ScoreOptions(settings=EngineSettings(samples=64), today=date(2026, 12, 5))
    (item,) = score_files([str(path)], options)
    assert isinstance(item, ScoredFile)
    warned = {(note.draft_id, note.message.split(" (")[0]) for note in item.warnings}
    # 'dated' (2026-12-08) is after the day taken as today; the story and the window are not.
    assert warned == {("old", "dated in the past"), ("christmas", "due in a window that has ended")}
    assert item.report is not None and len(item.report.results) == 4


def test_a_surface_the_draft_reaches_nobody_on_says_why() -> None:
    reel = Draft(
        "repost", Format.REEL, datetime(2026, 12, 5, 14, tzinfo=ZONE), duration_s=30.0,
        watermark=True,
    )  # fmt: skip
    (result,) = assess_file(
        DraftsFile("f", ACCOUNT, (reel,)), ScoreOptions(EngineSettings(samples=64))
    ).results
    if result.estimate.surfaces[Surface.EXPLORE].reach.p50 < 0.5:
        assert result.zero[Surface.EXPLORE] == "not recommended: watermark"
    assert all(result.estimate.surfaces[s].reach.p50 < 0.5 for s in result.zero)


@pytest.mark.parametrize("lazy", [True, False])
def test_files_scored_ahead_in_the_workers_are_scored_as_here(tmp_path: Path, lazy: bool) -> None:
    """Several files with worker processes: each file goes to a worker, in order, with the
    numbers, drivers, notes, reasons and gate failures of one process; an unreadable file
    keeps its place."""
    paths = []
    for index, name in enumerate(("bakery", "fitness-coach", "fashion-brand")):
        path = tmp_path / f"f{index}.yaml"
        demo = (PROFILES / "demo-drafts.yaml").read_text(encoding="utf-8")
        path.write_text(demo.replace("account: bakery", f"account: {name}", 1), encoding="utf-8")
        paths.append(str(path))
    broken = tmp_path / "broken.yaml"
    broken.write_text("account: bakery\ndrafts: 3\n", encoding="utf-8")
    sources = [paths[0], str(broken), paths[1], paths[2]]
    gates = [parse_gate("feed=50%")]

    def run(jobs: int) -> list[Any]:
        settings = EngineSettings(samples=64, workers=jobs)
        out: list[Any] = []
        options = ScoreOptions(settings=settings, today=date(2026, 11, 30))
        items = score_files(sources, options, lazy=lazy, gates=gates)
        for item in items:
            if isinstance(item, FileProblem):
                out.append(("problem", item.source))
                continue
            results = [(r.estimate, r.drivers, r.notes, dict(r.zero)) for r in item.results]
            checklist = item.checklist()  # its timing measure made in the worker, or here
            out.append((item.source, results, checklist, list(item.gate_failures)))
        return out

    here, ahead = run(1), run(2)
    assert [entry[0] for entry in ahead] == [paths[0], "problem", paths[1], paths[2]]
    assert ahead == here
