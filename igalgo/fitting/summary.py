"""A calibration's summary and its backtest's verdict as sentences a renderer can say in the
reader's language (:class:`igalgo.language.Text`), whose English is what the calibrated profile
and the JSON reports keep. Light: imported by the score and plan headers of a calibrated
account."""

from __future__ import annotations

from datetime import datetime, time

from igalgo.domain import Calibration, Verdict
from igalgo.language import Moment, Number, Text, tr

OUTCOMES = ("use", "no better", "too few posts")
"""The verdict's outcomes (:class:`igalgo.fitting.rolling.Outcome`'s values)."""


def verdict_text(outcome: str, gain: float, low: float, high: float) -> Text:
    """``beats your own median by 18 % (90 %: 9-26 %): use it`` for ``use``, ``no better than
    your own median`` for ``no better``, ``too few posts to tell`` for ``too few posts``."""
    if outcome == "too few posts":
        return tr("too few posts to tell")
    if outcome == "no better":
        return tr("no better than your own median")
    return tr(
        "beats your own median by {gain} % (90 %: {low}-{high} %): use it",
        gain=Number(100 * gain, grouped=False),
        low=Number(100 * low, grouped=False),
        high=Number(100 * high, grouped=False),
    )


def verdict_said(verdict: Verdict) -> str:
    """A kept verdict's sentence as text said in the reader's language: rebuilt from its numbers
    when that gives the same English (a profile written by another igalgo may say it
    differently: then the sentence as kept)."""
    if isinstance(verdict.sentence, Text):
        return verdict.sentence
    for outcome in OUTCOMES:
        rebuilt = verdict_text(outcome, verdict.gain, verdict.low, verdict.high)
        if rebuilt == verdict.sentence:
            return rebuilt
    return verdict.sentence


def calibration_summary(calibration: Calibration) -> Text:
    """:meth:`Calibration.summary` as a sentence: ``calibrated on 43 posts, 2025-01-07 to
    2025-04-25`` (Dutch: ``afgestemd op 43 posts, 7 jan 2025 tot en met 25 apr 2025``) and the
    backtest's verdict when there is one."""
    c = calibration
    line = tr(
        "calibrated on {posts} posts, {first} to {last}",
        posts=c.posts,
        first=Moment(datetime.combine(c.first_post, time(0)), "date"),
        last=Moment(datetime.combine(c.last_post, time(0)), "date"),
    )
    if c.verdict is None:
        return line
    return tr("{line}; backtest: {verdict}", line=line, verdict=verdict_said(c.verdict))
