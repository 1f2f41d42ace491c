"""A calibrated account's own appeal: each draft's level and spread by format, weekday and
hour, and its stories' level, with the engine's guarantees kept."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from igalgo.domain import Account, Calibration, Format, FormatCalibration, Surface
from igalgo.engine.settings import EngineSettings
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
    given = replace(ACCOUNT, interaction=replace(ACCOUNT.interaction, engagement_rate=0.04))
    assert score_drafts(fitted, DRAFTS)[0].total == score_drafts(given, DRAFTS)[0].total
