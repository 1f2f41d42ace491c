"""A report's moves as one schedule: one of two crowded posts moves, no two moves claim one
slot, story sequences stay together, and the fixpoint: following every move a report gives
and scoring again gives no time or spacing advice."""

from __future__ import annotations

import dataclasses
import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from igalgo.advice.claims import move_words, sequence_frames, settle_claims
from igalgo.advice.moves import MIN_SPACING_HOURS, Move, required_gap
from igalgo.app.assess import ScoreOptions, assess_file
from igalgo.app.results import AccountReport
from igalgo.domain import (
    ALL_SURFACES,
    UNDATED,
    Account,
    Draft,
    DraftsFile,
    Driver,
    Format,
    Lever,
    Surface,
)
from igalgo.engine.settings import EngineSettings
from igalgo.inputs.loader import load_account, load_drafts
from tests.advice.examples import at, photo
from tests.conftest import REPO

PROFILES = REPO / "profiles"
SHIPPED = sorted(p.stem for p in PROFILES.glob("*.yaml") if not p.stem.startswith("demo"))
OPTIONS = ScoreOptions(settings=EngineSettings(samples=200), today=date(2026, 11, 30))
MOVES = (Lever.TIME, Lever.SPACING)


def move(index: int, draft: Draft, when: datetime, gain: float, lever: Lever) -> Move:
    driver = Driver("move", Surface.FEED, gain / 100, lever, publish_at=when)
    return Move(index, dataclasses.replace(draft, publish_at=when), driver, gain)


def test_of_two_crowded_posts_only_the_one_that_gains_most_moves() -> None:
    drafts = [photo("a", at(6, 10)), photo("b", at(6, 10, 30))]
    moves = {
        0: move(0, drafts[0], at(9, 7), 30.0, Lever.SPACING),
        1: move(1, drafts[1], at(10, 7), 50.0, Lever.SPACING),
    }
    kept = settle_claims(drafts, moves, ALL_SURFACES, MIN_SPACING_HOURS)
    assert list(kept) == [1]


def test_an_undated_post_moves_before_a_dated_one() -> None:
    drafts = [photo("a", at(6, 10)), photo("b", at(6, 10, 30), pinned=False)]
    moves = {
        0: move(0, drafts[0], at(9, 7), 80.0, Lever.SPACING),
        1: move(1, drafts[1], at(10, 7), 20.0, Lever.SPACING),
    }
    assert list(settle_claims(drafts, moves, ALL_SURFACES, MIN_SPACING_HOURS)) == [1]


def test_no_two_moves_claim_one_slot() -> None:
    drafts = [photo("a", at(2, 6)), photo("b", at(4, 6))]
    moves = {
        0: move(0, drafts[0], at(3, 19), 40.0, Lever.TIME),
        1: move(1, drafts[1], at(3, 19, 30), 60.0, Lever.TIME),
    }
    assert list(settle_claims(drafts, moves, ALL_SURFACES, MIN_SPACING_HOURS)) == [1]


def test_frames_of_a_story_sequence_are_never_told_to_part() -> None:
    frames = [Draft(f"qa-{n}", Format.STORY, at(2, 20, 15 * n), duration_s=15.0) for n in range(3)]
    lone = Draft("lone", Format.STORY, at(3, 9), duration_s=15.0)
    drafts = [*frames, lone]
    assert sequence_frames(drafts) == frozenset({0, 1, 2})
    moves = {n: move(n, d, at(2 + n, 6), 10.0 + n, Lever.TIME) for n, d in enumerate(drafts)}
    assert list(settle_claims(drafts, moves, ALL_SURFACES, MIN_SPACING_HOURS)) == [3]


def test_a_move_is_worded_in_local_time() -> None:
    zone = ZoneInfo("Europe/Amsterdam")
    assert move_words(at(2, 6), at(2, 18), zone) == "publish at 18:00 instead of 06:00"
    assert (
        move_words(at(2, 6), at(4, 7), zone)
        == "move it to Fri 04 Dec 07:00 (from Wed 02 Dec 06:00)"
    )


def timing_advice(report: AccountReport) -> dict[str, Driver]:
    return {r.estimate.draft.id: d for r in report.results for d in r.drivers if d.lever in MOVES}


def follow_moves(drafts_file: DraftsFile, report: AccountReport) -> DraftsFile:
    """The file with every draft at the time the report scored it, or where its move puts it."""
    moved = timing_advice(report)
    drafts = []
    for result in report.results:
        draft = result.estimate.draft
        when = moved[draft.id].publish_at if draft.id in moved else draft.publish_at
        assert when is not None and when.utcoffset() is not None
        drafts.append(dataclasses.replace(draft, publish_at=when, pinned=True))
    return dataclasses.replace(drafts_file, drafts=tuple(drafts))


def assert_one_consistent_schedule(report: AccountReport) -> None:
    """No two moves point at each other or claim one slot; a move never leaves a frame."""
    moved = timing_advice(report)
    for draft_id, driver in moved.items():
        for other_id in moved:
            assert f"away from '{other_id}'" not in driver.change or other_id == draft_id
    formats = {r.estimate.draft.id: r.estimate.draft.format for r in report.results}
    claims = [(formats[i], d.publish_at) for i, d in moved.items()]
    for n, (fmt, when) in enumerate(claims):
        for other, then in claims[n + 1 :]:
            gap = timedelta(hours=required_gap(fmt, other, ALL_SURFACES, MIN_SPACING_HOURS))
            assert when is not None and then is not None
            assert abs(when - then) >= gap, (fmt, when, other, then)
    frames = sequence_frames([r.estimate.draft for r in report.results])
    drafts = [r.estimate.draft for r in report.results]
    assert not {drafts[i].id for i in frames} & set(moved)


def generated(account: Account, seed: int, count: int = 9) -> DraftsFile:
    """A week of drafts of every format at random quarter hours, some undated, with a story
    sequence, for ``account``."""
    rng = random.Random(seed)
    zone = ZoneInfo(account.timezone)
    drafts = []
    for n in range(count):
        fmt = rng.choice(list(Format))
        when = datetime(
            2026, 12, rng.randrange(1, 8), rng.randrange(6, 23), 15 * rng.randrange(4), tzinfo=zone
        )
        extra = (
            {"duration_s": float(rng.choice([7, 15, 45]))}
            if fmt in (Format.REEL, Format.VIDEO, Format.STORY)
            else {}
        )
        if fmt is Format.CAROUSEL:
            extra = {"slides": 4}
        if rng.random() < 0.2:
            when, extra = UNDATED, {**extra, "pinned": False}
        drafts.append(dataclasses.replace(Draft(f"d{n}", fmt, when), **extra))
    start = datetime(2026, 12, 3, 20, 0, tzinfo=zone)
    drafts += [
        Draft(f"qa-{n}", Format.STORY, start + timedelta(minutes=15 * n), duration_s=15.0)
        for n in range(3)
    ]
    return DraftsFile(f"{account.name}-{seed}", account, tuple(drafts))


@pytest.mark.parametrize("name", SHIPPED)
def test_following_every_move_leaves_nothing_to_move(name: str) -> None:
    drafts_file = generated(load_account(name), seed=len(name))
    first = assess_file(drafts_file, OPTIONS)
    assert_one_consistent_schedule(first)
    again = assess_file(follow_moves(drafts_file, first), OPTIONS)
    assert timing_advice(again) == {}


@pytest.mark.parametrize(
    ("followers", "zone"), [(1_500, "America/New_York"), (250_000, "Asia/Tokyo")]
)
def test_generated_accounts_reach_the_fixpoint_too(followers: int, zone: str) -> None:
    account = dataclasses.replace(load_account("bakery"), followers=followers, timezone=zone)
    drafts_file = generated(account, seed=followers)
    first = assess_file(drafts_file, OPTIONS)
    assert_one_consistent_schedule(first)
    assert timing_advice(assess_file(follow_moves(drafts_file, first), OPTIONS)) == {}


def test_the_demo_s_crowded_pair_gets_one_move() -> None:
    # The demo's week as the tests' IGALGO_TODAY dates it ("tue 19:30": 2026-12-01 19:30).
    drafts_file = load_drafts(str(PROFILES / "demo-drafts.yaml"), today=date(2026, 11, 30))
    report = assess_file(drafts_file, OPTIONS)
    assert_one_consistent_schedule(report)
    moved = timing_advice(report)
    assert not {"team-photo", "weekend-menu-carousel"} <= set(moved)
    again = assess_file(follow_moves(drafts_file, report), OPTIONS)
    assert timing_advice(again) == {}


def test_the_frames_of_a_q_and_a_get_no_move() -> None:
    drafts_file = generated(load_account("fitness-coach"), seed=1, count=0)
    report = assess_file(drafts_file, OPTIONS)
    assert timing_advice(report) == {}
