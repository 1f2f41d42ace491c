"""Advice the same for every draft of a format is said once, for the account."""

from __future__ import annotations

from igalgo.advice.shared import split_shared
from igalgo.domain import Draft, Driver, Format, Lever, Surface
from igalgo.parameters import Evidence
from tests.advice.examples import at, photo

LONGER = "make it 90 s long instead of 7 s"


def reel(n: int) -> Draft:
    return Draft(f"reel-{n}", Format.REEL, at(2 + n, 19), duration_s=7.0)


def longer(effect: float, evidence: Evidence = Evidence.ASSUMED) -> Driver:
    return Driver(LONGER, Surface.REELS, effect, Lever.DURATION, evidence=evidence)


def test_a_change_every_reel_gets_is_said_once_with_its_range() -> None:
    drafts = [reel(0), reel(1), reel(2), photo("p")]
    caption = Driver("write a caption", Surface.EXPLORE, 0.3, Lever.CAPTION)
    found = [
        (longer(0.15), caption),
        (longer(0.2, Evidence.PUBLISHED),),
        (longer(0.18),),
        (caption,),
    ]
    kept, shared = split_shared(drafts, found)
    assert kept == [(caption,), (), (), (caption,)]
    (advice,) = shared
    assert (advice.format, advice.drafts, advice.lever) == (Format.REEL, 3, Lever.DURATION)
    assert (advice.low, advice.high, advice.evidence) == (0.15, 0.2, Evidence.ASSUMED)
    assert advice.sentence() == (
        "All 3 reels: make it 90 s long instead of 7 s; the model expects reels reach +15 % to "
        "+20 % (this rests on our assumption)."
    )


def test_a_change_some_drafts_of_the_kind_lack_stays_with_the_drafts() -> None:
    drafts = [reel(0), reel(1)]
    found = [(longer(0.15),), ()]
    assert split_shared(drafts, found) == ([(longer(0.15),), ()], [])


def test_one_draft_of_a_kind_and_moves_are_never_shared() -> None:
    move = Driver("publish at 19:00 instead of 06:00", Surface.FEED, 0.4, Lever.TIME)
    drafts = [photo("a"), photo("b", at(3, 6)), reel(0)]
    found = [(move,), (move,), (longer(0.2),)]
    assert split_shared(drafts, found) == ([(move,), (move,), (longer(0.2),)], [])
