"""A calibration's summary and verdict as sentences: the same English as the calibrated profile
keeps (``Calibration.summary()``), and Dutch when the reader's language is Dutch, also for a
verdict read back from a profile as plain text."""

from __future__ import annotations

from datetime import date

import pytest

from igalgo.domain import Calibration, Verdict
from igalgo.fitting.summary import OUTCOMES, calibration_summary, verdict_said, verdict_text
from igalgo.language import localized, using


def _calibration(sentence: str) -> Calibration:
    verdict = Verdict(sentence, 0.183, 0.091, 0.262, 30, 4)
    return Calibration(43, date(2025, 1, 7), date(2025, 4, 25), "t", verdict=verdict)


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_a_kept_verdict_is_said_again_in_dutch(outcome: str) -> None:
    english = str(verdict_text(outcome, 0.183, 0.091, 0.262))
    kept = _calibration(english)  # as read from a profile: plain text
    summary = calibration_summary(kept)
    assert summary == kept.summary()
    assert summary.startswith("calibrated on 43 posts, 2025-01-07 to 2025-04-25; backtest: ")
    with using("nl"):
        dutch = localized(summary)
    assert dutch.startswith("afgestemd op 43 posts, 7 jan 2025 tot en met 25 apr 2025; backtest: ")
    assert english not in dutch


def test_the_use_verdict_keeps_its_numbers() -> None:
    assert verdict_text("use", 0.183, 0.091, 0.262) == (
        "beats your own median by 18 % (90 %: 9-26 %): use it"
    )
    verdict = _calibration("x").verdict
    assert verdict is not None
    with using("nl"):
        assert localized(verdict_said(verdict)) == "x"


def test_a_sentence_another_igalgo_wrote_is_kept_as_written() -> None:
    kept = _calibration("good enough, says an older igalgo")
    with using("nl"):
        assert localized(calibration_summary(kept)).endswith("good enough, says an older igalgo")
