"""``calibrate_account`` on synthetic exports of every kind: the same posts read from any export
give the same history, and the calibrated account is what score and plan use."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from igalgo.app.calibrate import (
    DEFAULT_HOLDOUT_SHARE,
    CalibrateOptions,
    CalibrationRun,
    calibrate_account,
)
from igalgo.cli.calibrate import DEFAULT_HOLDOUT_SHARE as HELP_HOLDOUT_SHARE
from igalgo.domain import Format
from igalgo.errors import InputError
from igalgo.inputs.exports import ExportKind
from igalgo.world.model import score_drafts
from tests.inputs.synthetic_exports import (
    bakery,
    business_suite_csv,
    dyi_files,
    graph_pages,
    synthetic_posts,
)

POSTS = synthetic_posts()
NOW = POSTS[-1].published_at.replace(year=2026)


def calibrated(*paths: Path, **options: object) -> CalibrationRun:
    """The bakery calibrated on ``paths`` (a reference time after the posts)."""
    return calibrate_account(
        bakery(),
        [str(path) for path in paths],
        version="test",
        options=CalibrateOptions(now=NOW, **options),  # type: ignore[arg-type]
    )


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> CalibrationRun:
    path = business_suite_csv(tmp_path_factory.mktemp("en") / "content.csv", POSTS)
    return calibrated(path)


EXPORTS = {
    "spanish-utf8-bom": lambda folder: [
        business_suite_csv(
            folder / "contenido.csv", POSTS, language="spanish", encoding="utf-8-sig"
        )
    ],
    "english-utf16-daily": lambda folder: [
        business_suite_csv(folder / "daily.csv", POSTS, encoding="utf-16")
    ],
    "graph-api-pages": lambda folder: [graph_pages(folder / "media.json", POSTS)],
}


@pytest.mark.parametrize("kind", list(EXPORTS))
def test_every_export_gives_the_same_history_and_fit(
    kind: str, english: CalibrationRun, tmp_path: Path
) -> None:
    run = calibrated(*EXPORTS[kind](tmp_path))
    assert len(run.history.posts) == len(POSTS)
    assert [p.format for p in run.history.posts] == [p.format for p in english.history.posts]
    assert (run.history.reach == english.history.reach).all()
    if kind != "graph-api-pages":  # the Graph API gives no reel lengths: other predictions
        assert run.calibration == english.calibration
    assert {f.format for f in run.calibration.formats} == {
        f.format for f in english.calibration.formats
    }


def test_a_download_of_your_information_gives_the_posts_too(tmp_path: Path) -> None:
    run = calibrated(*dyi_files(tmp_path, POSTS))
    assert [file.kind for file in run.reading.files] == [ExportKind.DYI_JSON] * 3
    assert len(run.history.posts) == len(POSTS)
    # posts.json does not tell carousels from photos: they are all photos there.
    assert Format.CAROUSEL not in run.history.formats
    assert run.calibration.of(Format.REEL) is not None


def test_what_the_fit_holds(english: CalibrationRun) -> None:
    calibration = english.calibration
    assert calibration.posts == len(POSTS) and calibration.igalgo_version == "test"
    assert calibration.first_post == POSTS[0].published_at.date()
    # The backtest runs by default; its verdict goes into the calibration.
    assert calibration.checked_on == "backtest" and calibration.verdict is not None
    fitted = {fit.format for fit in calibration.formats}
    assert fitted == {Format.PHOTO, Format.CAROUSEL, Format.REEL, Format.STORY, Format.VIDEO}
    (video,) = [f for f in english.fit.formats if f.format is Format.VIDEO]
    # One post: the pooled slope and a level near the account's overall one.
    assert not video.own_slope and video.posts == 1
    assert video.prior_posts > 0 and calibration.overall_appeal is not None
    reel = calibration.of(Format.REEL)
    photo = calibration.of(Format.PHOTO)
    assert reel is not None and photo is not None
    assert reel.appeal > 1.3 and photo.appeal < 1.0  # drawn with 2.5 and 0.6


def test_the_calibrated_account_moves_the_estimates(english: CalibrationRun) -> None:
    account = english.calibrated_account
    assert account.calibration == english.calibration
    reel = english.history.drafts[english.history.rows_of(Format.REEL)[0]]
    plain, fitted = (score_drafts(a, [reel], seed=0)[0].total.p50 for a in (bakery(), account))
    assert fitted > 1.3 * plain


def test_the_backtest_and_its_quality_figures(tmp_path: Path) -> None:
    path = business_suite_csv(tmp_path / "content.csv", POSTS)
    run = calibrated(path, holdout_share=0.25)
    assert calibrated(path, run_backtest=False).calibration.checked_on == "fitted posts"
    assert run.backtest is not None and run.calibration.checked_on == "backtest"
    held = run.backtest.overall
    assert (
        held.posts
        == run.backtest.predicted
        == sum(scores.posts for scores in run.backtest.formats.values())
    )
    assert run.calibration.inside_p10_p90 == held.inside
    assert run.calibration.verdict is not None
    assert run.calibration.verdict.sentence == run.backtest.verdict.sentence


def test_a_history_too_short_to_fit_is_refused(tmp_path: Path) -> None:
    path = business_suite_csv(tmp_path / "short.csv", POSTS[:4])
    with pytest.raises(InputError) as caught:
        calibrated(path)
    (problem,) = caught.value.problems
    assert problem.code == "history-too-short" and "at least 5 posts of one format" in (
        problem.message
    )


def test_a_profile_calibrated_before_is_fitted_from_the_defaults(
    english: CalibrationRun, tmp_path: Path
) -> None:
    path = business_suite_csv(tmp_path / "content.csv", POSTS)
    again = calibrate_account(
        replace(bakery(), calibration=english.calibration),
        [str(path)],
        version="test",
        options=CalibrateOptions(now=NOW),
    )
    assert again.calibration == english.calibration


def test_the_help_states_the_default_holdout_share() -> None:
    assert HELP_HOLDOUT_SHARE == DEFAULT_HOLDOUT_SHARE
