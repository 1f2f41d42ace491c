"""The backtest: time-ordered, honest about short histories, near 80 % coverage on data the
model generated."""

from __future__ import annotations

from igalgo.domain import Format
from igalgo.engine.settings import EngineSettings
from igalgo.fitting.backtest import backtest
from igalgo.fitting.history import history_of
from igalgo.fitting.params import FitParams
from igalgo.world.model import Simulation
from igalgo.world.params import ModelParams
from tests.fitting.test_estimate import ACCOUNT, truth_posts


def run(count: int, share: float = 0.3):  # type: ignore[no-untyped-def]
    history = history_of(list(truth_posts())[:count])
    return backtest(
        Simulation(ACCOUNT, ModelParams(), EngineSettings()),
        history,
        holdout_share=share,
        fit=FitParams(),
    )


def test_fits_the_oldest_and_predicts_the_newest() -> None:
    result = run(300)
    assert result.fitted_to <= result.held_from
    held = sum(f.held_posts for f in result.formats)
    assert held == 90
    assert sum(f.fitted_posts for f in result.formats) == 210
    assert result.note == ""


def test_coverage_on_model_generated_data_is_near_80_percent() -> None:
    result = run(300)
    overall = result.overall
    share = overall.inside / (overall.inside + overall.below + overall.above)
    assert 0.7 <= share <= 0.9
    # Calibrating beats the uncalibrated model on the account the data came from.
    assert overall.median_log_error < result.overall_default.median_log_error
    story = next(f for f in result.formats if f.format is Format.STORY)
    assert story.calibrated is not None and story.default is not None
    assert story.calibrated.median_log_error < story.default.median_log_error


def test_a_short_history_says_so() -> None:
    result = run(16)
    assert "short" in result.note
    notes = [f.note for f in result.formats if f.note]
    assert notes and all("too few" in n or "earlier posts" in n for n in notes)
    for fmt in result.formats:
        if fmt.held_posts < 3:
            assert fmt.calibrated is None and fmt.naive_log_error is None
