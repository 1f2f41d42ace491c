"""A calibrated account's own appeal: each draft's level and spread by format, weekday and
hour, and its stories' level, with the engine's guarantees kept."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, timedelta

import pytest

from igalgo.domain import Account, Calibration, Format, FormatCalibration, Interaction, Surface
from igalgo.engine.settings import EngineSettings
from igalgo.parameters import Evidence
from igalgo.world.calibrated import effect_evidence
from igalgo.world.model import score_drafts
from tests.engine_helpers import WEDNESDAY_19H, make_account, make_draft

ACCOUNT = make_account(10_000, 0.02)
DRAFTS = [make_draft(fmt) for fmt in (Format.PHOTO, Format.REEL, Format.STORY, Format.CAROUSEL)]


def calibrated(*formats: FormatCalibration, **changes: object) -> Account:
    calibration = Calibration(10, date(2025, 1, 1), date(2025, 3, 1), "t", formats)
    return replace(ACCOUNT, calibration=replace(calibration, **changes))  # type: ignore[arg-type]


def test_a_level_moves_its_format_on_every_surface_and_no_other_format() -> None:
    plain = score_drafts(ACCOUNT, DRAFTS)
    better = score_drafts(calibrated(FormatCalibration(Format.REEL, 10, 2.0)), DRAFTS)
    for surface in (Surface.FEED, Surface.EXPLORE, Surface.REELS):
        assert better[1].surfaces[surface].reach.p50 > plain[1].surfaces[surface].reach.p50
    assert better[1].actions.typical.likes > plain[1].actions.typical.likes
    for row in (0, 2, 3):
        assert better[row].total == plain[row].total


def test_a_wider_spread_widens_the_range() -> None:
    plain = score_drafts(ACCOUNT, DRAFTS)[0].total
    wide = score_drafts(calibrated(FormatCalibration(Format.PHOTO, 10, 1.0, 1.2)), DRAFTS)[0].total
    assert wide.p90 / wide.p10 > 1.3 * plain.p90 / plain.p10


def test_a_story_level_scales_how_often_followers_open_the_account_s_stories() -> None:
    plain = score_drafts(ACCOUNT, DRAFTS)[2].surfaces[Surface.STORIES].reach.p50
    more = score_drafts(calibrated(FormatCalibration(Format.STORY, 10, 1.5)), DRAFTS)[2]
    assert more.surfaces[Surface.STORIES].reach.p50 > 1.2 * plain


def test_weekday_and_hour_multipliers_apply_at_the_draft_s_local_time() -> None:
    wednesday = make_draft(Format.PHOTO, WEDNESDAY_19H)
    thursday = make_draft(Format.PHOTO, WEDNESDAY_19H.replace(day=5), id="thu")
    effect = calibrated(weekday_appeal=(1.0, 1.0, 2.0, 1.0, 1.0, 1.0, 1.0))
    plain = score_drafts(ACCOUNT, [wednesday, thursday])
    timed = score_drafts(effect, [wednesday, thursday])
    assert timed[0].total.p50 > 1.3 * plain[0].total.p50
    assert timed[1].total.p50 == pytest.approx(plain[1].total.p50, rel=0.02)
    evening = calibrated(hour_appeal=(1.0, 1.0, 1.0, 1.0, 1.0, 0.5))  # 20-23 h only
    assert (
        score_drafts(evening, [wednesday])[0].total == score_drafts(ACCOUNT, [wednesday])[0].total
    )
    late = make_draft(Format.PHOTO, WEDNESDAY_19H.replace(hour=21), id="late")
    assert score_drafts(evening, [late])[0].total.p50 < score_drafts(ACCOUNT, [late])[0].total.p50


def test_chunks_and_workers_do_not_change_a_calibrated_account_s_numbers() -> None:
    account = calibrated(
        FormatCalibration(Format.PHOTO, 10, 0.7, 0.4),
        FormatCalibration(Format.REEL, 10, 1.6, 1.0),
        FormatCalibration(Format.STORY, 10, 1.2),
    )
    drafts = [replace(d, id=f"{d.id}-{i}") for i in range(6) for d in DRAFTS]
    whole = score_drafts(account, drafts, settings=EngineSettings(samples=256))
    chunked = score_drafts(
        account, drafts, settings=EngineSettings(samples=256, chunk_elements=256 * 5, workers=2)
    )
    assert [e.total for e in whole] == [e.total for e in chunked]
    assert [e.actions for e in whole] == [e.actions for e in chunked]


def test_a_fitted_engagement_rate_overrides_the_profile_s() -> None:
    fitted = calibrated(engagement_rate=0.04)
    # A calibration's rate is per post (docs/decisions/0138): the profile's says so too.
    given = replace(ACCOUNT, interaction=Interaction(0.04, "post"))
    assert score_drafts(fitted, DRAFTS)[0].total == score_drafts(given, DRAFTS)[0].total


def own_levels(**changes: object) -> Account:
    """A calibration of own levels: reels at 2x a model reach of 1,000 with slope 0.5 and a
    P10-P90 of e^-0.4 to e^0.6; other formats at 0.8x the model."""
    reel = FormatCalibration(Format.REEL, 30, 2.0, slope=0.5, model_reach=1000.0, low=0.4, high=0.6)
    settings: dict[str, object] = {"overall_appeal": 0.8, "low": 0.5, "high": 0.7, "drift": 0.0}
    return calibrated(reel, last_post=WEDNESDAY_19H.date(), **{**settings, **changes})


def test_own_levels_move_a_draft_to_the_account_s_level_with_the_slope_kept() -> None:
    plain = score_drafts(ACCOUNT, DRAFTS)
    own = score_drafts(own_levels(), DRAFTS)
    m = plain[1].total.p50
    assert own[1].total.p50 == pytest.approx(2.0 * 1000.0 * (m / 1000.0) ** 0.5, rel=1e-6)
    factor = own[1].total.p50 / m
    for surface in (Surface.FEED, Surface.EXPLORE, Surface.REELS):
        mine, theirs = own[1].surfaces[surface].reach, plain[1].surfaces[surface].reach
        assert mine.p50 == pytest.approx(theirs.p50 * factor, rel=1e-6)
    assert own[1].actions.typical.likes == pytest.approx(plain[1].actions.typical.likes * factor)
    # The history's own range around the new median, not the model's.
    assert own[1].total.p10 == pytest.approx(own[1].total.p50 * math.exp(-0.4), rel=1e-6)
    assert own[1].total.p90 == pytest.approx(own[1].total.p50 * math.exp(0.6), rel=1e-6)
    # Formats without posts: the account's overall level times the model's prediction.
    for row in (0, 2, 3):
        assert own[row].total.p50 == pytest.approx(0.8 * plain[row].total.p50, rel=1e-6)
        assert own[row].total.p90 == pytest.approx(own[row].total.p50 * math.exp(0.7), rel=1e-6)


def test_own_levels_with_slope_zero_ignore_the_model_s_differences() -> None:
    flat = FormatCalibration(Format.PHOTO, 30, 1.5, slope=0.0, model_reach=600.0, low=0.3, high=0.3)
    account = calibrated(flat, overall_appeal=1.0, low=0.3, high=0.3, drift=0.0)
    morning = replace(DRAFTS[0], publish_at=WEDNESDAY_19H.replace(hour=6))
    found = score_drafts(account, [DRAFTS[0], morning], compete=False)
    assert [e.total.p50 for e in found] == pytest.approx([900.0, 900.0])


def test_drift_widens_the_range_with_the_days_ahead() -> None:
    later = replace(DRAFTS[1], publish_at=WEDNESDAY_19H + timedelta(days=100))
    steady, drifting = (
        score_drafts(own_levels(drift=drift), [DRAFTS[1], later], compete=False)
        for drift in (0.0, 0.001)
    )
    assert drifting[0].total == steady[0].total  # no day ahead of the last post
    widened = math.sqrt(0.6**2 + 1.2815515655446004**2 * 0.001 * 100)
    assert drifting[1].total.p90 / drifting[1].total.p50 == pytest.approx(math.exp(widened))
    assert steady[1].total.p90 / steady[1].total.p50 == pytest.approx(math.exp(0.6))


def test_an_own_level_grades_the_model_s_effects_as_fitted() -> None:
    own = own_levels().calibration
    assert effect_evidence(own, Format.REEL) is Evidence.FITTED
    assert effect_evidence(own, Format.PHOTO) is None  # no posts: the model's effects
    older = calibrated(FormatCalibration(Format.REEL, 10, 2.0)).calibration
    assert effect_evidence(older, Format.REEL) is None
    assert effect_evidence(None, Format.REEL) is None
