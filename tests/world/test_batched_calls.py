"""The engine's batched calls give the numbers of the plain calls they stand for: many
schedules in one call (each competing only within itself), and a draft alone at many hours."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import numpy as np
import pytest

from igalgo.domain import Calibration, Draft, DraftEstimate, Format, FormatCalibration, Surface
from igalgo.engine.settings import EngineSettings
from igalgo.world.model import Simulation, score_drafts
from tests.engine_helpers import WEDNESDAY_19H, make_account, make_draft

ACCOUNT = make_account(10_000, 0.02)
SETTINGS = EngineSettings(samples=64)
FORMATS = (Format.PHOTO, Format.REEL, Format.STORY, Format.CAROUSEL, Format.VIDEO)


def schedule(count: int, step_hours: float, start_hours: float = 0.0) -> list[Draft]:
    """``count`` drafts of varied formats, ``step_hours`` apart."""
    return [
        dataclasses.replace(
            make_draft(FORMATS[k % len(FORMATS)]),
            id=f"d{k}",
            publish_at=WEDNESDAY_19H + timedelta(hours=start_hours + k * step_hours),
        )
        for k in range(count)
    ]


def medians(estimate: DraftEstimate) -> list[float]:
    return [
        estimate.total.p50,
        *(
            estimate.surfaces[s].reach.p50 if estimate.surfaces[s].eligible else 0.0
            for s in Surface
        ),
    ]


@pytest.mark.parametrize("conditioned", [True, False])
def test_schedules_scored_together_are_scored_as_if_alone(conditioned: bool) -> None:
    settings = SETTINGS if conditioned else SETTINGS.plain()
    # Overlapping in time: in one call they would compete, scored as schedules they must not.
    shared = schedule(20, 4.0)  # schedules that hold the same draft objects, as moves' do
    schedules = [
        schedule(9, 5.0), schedule(6, 3.0, 2.0), schedule(1, 1.0), schedule(12, 20.0),
        shared[:12], shared[5:], [*shared[:3], schedule(1, 1.0, 6.0)[0], *shared[3:8]],
    ]  # fmt: skip
    keep = [[0, 4, 8], [5, 1], [0], list(range(12)), [0, 11], [0, 7, 14], [3, 0, 8]]
    found = Simulation(ACCOUNT, settings=settings).score_schedules(schedules, keep)
    for drafts, kept, table in zip(schedules, keep, found, strict=True):
        alone = score_drafts(ACCOUNT, drafts, compete=True, settings=settings)
        expected = np.array([medians(alone[k]) for k in kept])
        assert table.shape == expected.shape
        np.testing.assert_allclose(table, expected, rtol=1e-12, atol=1e-9)


@pytest.mark.parametrize("conditioned", [True, False])
def test_schedule_estimates_are_those_of_each_schedule_scored_alone(conditioned: bool) -> None:
    settings = SETTINGS if conditioned else SETTINGS.plain()
    shared = schedule(14, 4.0)
    schedules = [shared, [shared[3]], schedule(6, 3.0, 2.0), [shared[9]], shared[2:9]]
    keep = [[0, 6, 13], [0], [5, 1], [0], [4, 0]]
    run = Simulation(ACCOUNT, settings=settings)
    found = run.score_schedule_estimates(schedules, keep)
    for drafts, kept, estimates in zip(schedules, keep, found, strict=True):
        together = run.score_drafts(drafts, compete=True)
        assert estimates == [together[k] for k in kept]
    # A schedule of one post is that post on its own.
    assert found[1] == run.score_drafts([shared[3]], compete=False)
    assert run.score_schedule_estimates([shared], [[]]) == [[]]


def test_a_schedule_with_nothing_kept_costs_nothing() -> None:
    found = Simulation(ACCOUNT).score_schedules([schedule(3, 5.0), schedule(2, 5.0)], [[], [1]])
    assert found[0].shape == (0, 5) and found[1].shape == (1, 5)


@pytest.mark.parametrize("calibrated", [False, True])
def test_a_draft_alone_at_many_hours_is_its_moved_copies(calibrated: bool) -> None:
    account = ACCOUNT
    if calibrated:
        formats = (
            FormatCalibration(Format.PHOTO, 10, 1.5),
            FormatCalibration(Format.REEL, 10, 0.7),
        )
        account = dataclasses.replace(
            ACCOUNT,
            calibration=Calibration(10, WEDNESDAY_19H.date(), WEDNESDAY_19H.date(), "t", formats),
        )
    drafts = schedule(5, 30.0)
    times = [[d.publish_at + timedelta(hours=h) for h in range(0, 40, 7)] for d in drafts]
    settings = SETTINGS.plain()
    tables = Simulation(account, settings=settings).typical_at(drafts, times)
    copies = [
        dataclasses.replace(d, publish_at=t)
        for d, ts in zip(drafts, times, strict=True)
        for t in ts
    ]
    expected = np.array(
        [medians(e) for e in score_drafts(account, copies, compete=False, settings=settings)]
    )
    np.testing.assert_allclose(np.concatenate(tables), expected, rtol=1e-12, atol=1e-9)


@pytest.mark.parametrize("conditioned", [True, False])
@pytest.mark.parametrize("estimated", [0, 3, 7, 12])
def test_drafts_alone_split_are_the_estimates_and_medians_of_one_call(
    conditioned: bool, estimated: int
) -> None:
    # Chunks of five drafts: the split falls inside a chunk, at its edge, or past them all.
    small = dataclasses.replace(SETTINGS, chunk_elements=5 * SETTINGS.samples)
    settings = small if conditioned else small.plain()
    drafts = schedule(12, 6.0)
    run = Simulation(ACCOUNT, settings=settings)
    estimates, table = run.score_alone_split(drafts, estimated)
    whole = run.score_drafts(drafts, compete=False)
    assert estimates == whole[:estimated]
    expected = np.array([medians(e) for e in whole[estimated:]]).reshape(-1, 1 + len(Surface))
    assert table.shape == expected.shape
    np.testing.assert_allclose(table, expected, rtol=1e-12, atol=1e-9)


def test_a_bound_run_gives_the_numbers_of_the_library_call() -> None:
    """``Simulation`` binds what ``score_drafts`` takes: the same account, parameters,
    settings and seed give the same estimates, and the posts kept are those of the whole."""
    drafts = schedule(6, 3.0)
    run = Simulation(ACCOUNT, settings=SETTINGS, seed=7)
    together = run.score_drafts(drafts)
    assert together == score_drafts(ACCOUNT, drafts, seed=7, settings=SETTINGS)
    assert run.score_kept(drafts, [4, 1]) == [together[4], together[1]]
    assert run.score_drafts(drafts, compete=False) == score_drafts(
        ACCOUNT, drafts, seed=7, compete=False, settings=SETTINGS
    )
    other = dataclasses.replace(ACCOUNT, followers=ACCOUNT.followers * 2)
    assert run.with_account(other).score_drafts(drafts) == score_drafts(
        other, drafts, seed=7, settings=SETTINGS
    )


def test_a_search_run_never_asks_for_more_samples_than_the_caller() -> None:
    run = Simulation(ACCOUNT, settings=SETTINGS)
    assert run.with_samples_at_most(16).settings.samples == 16
    assert run.with_samples_at_most(4096).settings.samples == SETTINGS.samples
    assert run.with_samples(4096).settings.samples == 4096
    assert run.plain().settings == SETTINGS.plain()
    assert run.plain().account is ACCOUNT and run.plain().seed == run.seed
