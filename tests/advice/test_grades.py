"""Drivers graded by evidence: each lever's parameters, the weakest grade among them, the
ranking of assumptions below the rest, and the floor of a tenth of the draft's own spread."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Annotated

from igalgo.advice.drivers import DEFAULT_DRIVER_PARAMS, drivers, rank, worth_saying
from igalgo.advice.grades import LEVER_PARAMETERS, driver_evidence, lever_evidence, weakest
from igalgo.domain import Driver, Format, Lever, Quality, Surface
from igalgo.engine.settings import EngineSettings
from igalgo.parameters import Declared, Evidence, assumed, positive, published, stated
from igalgo.world.model import DEFAULT_PARAMS, Simulation
from tests.advice.examples import ACCOUNT, at, estimate, photo


@dataclass(frozen=True)
class Graded(Declared):
    """Parameters with each kind of source, and one with none."""

    figure: Annotated[float, positive("x"), published("Someone 2024")] = 1.0
    direction: Annotated[float, positive("x"), stated("Instagram 2025")] = 1.0
    ours: Annotated[float, positive("x"), assumed("a guess")] = 1.0
    silent: Annotated[float, positive("x")] = 1.0


def test_every_lever_names_parameters_that_exist() -> None:
    assert set(LEVER_PARAMETERS) == set(Lever)
    for lever, parameters in LEVER_PARAMETERS.items():
        assert parameters, lever
        for cls, name in parameters:
            assert name in {f.name for f in fields(cls)}, (lever, cls.__name__, name)


def test_a_driver_rests_on_its_weakest_parameter() -> None:
    assert weakest([(Graded, "figure")]) is Evidence.PUBLISHED
    assert weakest([(Graded, "figure"), (Graded, "direction")]) is Evidence.STATED
    assert weakest([(Graded, "direction"), (Graded, "ours")]) is Evidence.ASSUMED
    assert weakest([(Graded, "figure"), (Graded, "silent")]) is Evidence.ASSUMED  # no source
    assert weakest([]) is Evidence.ASSUMED


def test_without_a_calibration_a_driver_has_its_lever_s_grade() -> None:
    for lever in Lever:
        assert driver_evidence(lever, None, Format.REEL) is lever_evidence(lever)


def test_assumptions_rank_below_the_rest_whatever_their_size() -> None:
    big = Driver("a", Surface.FEED, 2.0, Lever.QUALITY, evidence=Evidence.ASSUMED)
    small = Driver("b", Surface.FEED, 0.1, Lever.TIME, evidence=Evidence.STATED)
    middle = Driver("c", Surface.FEED, 0.5, Lever.FORMAT, evidence=Evidence.PUBLISHED)
    assert sorted([big, small, middle], key=rank) == [middle, small, big]


def test_an_effect_below_a_tenth_of_the_spread_is_not_advice() -> None:
    # The hand-made estimate's P10-P90 is 0.8-1.2 times the median: a width of 0.4 medians.
    base = estimate(photo(), {Surface.FEED: 1000.0, Surface.EXPLORE: 100.0})
    floor = DEFAULT_DRIVER_PARAMS.min_share_of_spread * 0.4
    assert worth_saying(
        Driver("x", Surface.FEED, floor * 1.01, Lever.TIME), base, DEFAULT_DRIVER_PARAMS
    )
    assert not worth_saying(
        Driver("x", Surface.FEED, floor * 0.99, Lever.TIME), base, DEFAULT_DRIVER_PARAMS
    )


def test_real_drivers_carry_their_grade_and_clear_the_spread() -> None:
    simulation = Simulation(ACCOUNT, DEFAULT_PARAMS, EngineSettings(samples=200), 3)
    drafts = [
        photo("p1", at(2, 6), quality=Quality.LOW, caption="", hashtags=()),
        photo("p2", at(2, 6, 30)),
    ]
    alone = simulation.score_drafts(drafts, compete=False)
    together = simulation.score_drafts(drafts)
    found = drivers(simulation, drafts, competing=together)
    assert any(found)
    for draft_drivers, base, draft in zip(found, together, drafts, strict=True):
        for driver in draft_drivers:
            assert driver.evidence is driver_evidence(driver.lever, None, draft.format)
            if driver.lever not in (Lever.TIME, Lever.SPACING):
                shown = base.surfaces[driver.surface].reach
                width = shown.p90 - shown.p10
                assert driver.effect * shown.p50 >= 0.1 * width - 1e-9 or driver.opens_surface
            else:
                assert driver.publish_at is not None
        assert list(draft_drivers) == sorted(draft_drivers, key=rank)
    assert alone  # scored on their own too, for the comparison the drivers make


def test_a_calibration_of_own_levels_makes_the_time_spacing_and_length_of_its_format_fitted() -> (
    None
):
    from tests.world.test_calibrated import own_levels

    calibration = own_levels().calibration
    for lever in (Lever.TIME, Lever.SPACING, Lever.DURATION):
        assert driver_evidence(lever, calibration, Format.REEL) is Evidence.FITTED
        assert driver_evidence(lever, calibration, Format.PHOTO) is lever_evidence(lever)
    assert driver_evidence(Lever.WATERMARK, calibration, Format.REEL) is lever_evidence(
        Lever.WATERMARK
    )
