"""The wording of every checklist item in each status it can take, against a golden file.

Each case builds the facts one item judges (hand-made drafts, evidence, a plan's curves or the
model's reach by hour) so that the sentences do not move with the model's numbers; the golden
file shows every sentence a user can meet, to be read whole. Regenerate it with
``IGALGO_UPDATE_GOLDEN=1 pytest tests/advice/test_checklist_wording.py`` and review the diff.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
from collections.abc import Sequence
from datetime import time
from pathlib import Path

import pytest

from igalgo.advice.best_hours import HourMeasure
from igalgo.advice.checklist import RULES, checklist
from igalgo.advice.checklist_facts import Curve
from igalgo.advice.evidence import Evidence
from igalgo.domain import (
    Account,
    AccountType,
    ChecklistItem,
    Draft,
    Driver,
    Format,
    Interaction,
    Lever,
    Market,
    Popularity,
    Posting,
    Quality,
    Quantiles,
    Status,
    Surface,
    SurfaceEstimate,
)
from tests.advice.examples import ACCOUNT, at, estimate, photo

GOLDEN = Path(__file__).parent.parent / "golden" / "checklist_wording.txt"

EVENING = tuple(1.0 if 17 <= h <= 20 else 0.6 for h in range(24))
FLAT = tuple([1.0] * 24)
NOON = tuple(1.0 if 11 <= h <= 13 else 0.85 for h in range(24))


def _evidence(drafts: Sequence[Draft], drivers: dict[str, list[Driver]] | None = None) -> Evidence:
    evidence = Evidence()
    for draft in drafts:
        reach = {Surface.FEED: 400.0, Surface.EXPLORE: 100.0}
        evidence.add(estimate(draft, reach), (drivers or {}).get(draft.id, []))
    return evidence


def _item(
    name: str,
    account: Account,
    drafts: Sequence[Draft],
    evidence: Evidence | None = None,
    **options: object,
) -> ChecklistItem:
    items = checklist(account, drafts, evidence or _evidence(drafts), **options)  # type: ignore[arg-type]  # options are checklist's keywords
    (found,) = [item for item in items if item.id == name]
    return found


def _cases() -> list[tuple[str, ChecklistItem]]:
    """(case, item) for every item in every status it can take."""
    two = [photo("a", at(2, 19)), photo("b", at(4, 19))]
    cases: list[tuple[str, ChecklistItem]] = []

    def add(case: str, item: ChecklistItem) -> None:
        cases.append((case, item))

    # originality
    unoriginal = dataclasses.replace(
        ACCOUNT, posting=dataclasses.replace(ACCOUNT.posting, unoriginal_share=0.6)
    )
    add("mostly unoriginal", checklist(unoriginal, two, _evidence(two))[0])
    # market
    low = dataclasses.replace(ACCOUNT, market=Market(popularity=Popularity.LOW))
    high = dataclasses.replace(ACCOUNT, market=Market(popularity=Popularity.HIGH))
    few = Evidence(
        followers=950.0,
        non_followers=50.0,
        drafts=1,
        strangers={Format.PHOTO: 50.0},
        stranger_top=(50.0, "p"),
    )
    add("small niche, few strangers", _item("market", low, [photo()], few))
    add("crowded, few strangers", _item("market", high, [photo()], few))
    add(
        "half strangers",
        _item("market", low, [photo()], Evidence(followers=1.0, non_followers=1.0)),
    )
    add(
        "plan, half strangers",
        _item("market", low, [photo()], Evidence(followers=1.0, non_followers=1.0), template=True),
    )
    mixed = Evidence(
        followers=600.0,
        non_followers=400.0,
        drafts=3,
        strangers={Format.PHOTO: 100.0, Format.REEL: 300.0},
        stranger_top=(220.0, "reel-1"),
    )
    add("strangers mostly from reels", _item("market", high, [photo()], mixed))
    planned = dataclasses.replace(mixed, strangers={Format.REEL: 400.0})
    add("plan, strangers all from reels", _item("market", high, [photo()], planned, template=True))
    # strategy
    photos = [photo(str(d), at(d, 19)) for d in (1, 3, 5)]
    carousel = photo("c", at(5, 19), format=Format.CAROUSEL, slides=3)
    reel = photo("r", at(6, 19), format=Format.REEL, duration_s=20.0)
    add("three photos", _item("strategy", ACCOUNT, photos))
    add("no reel", _item("strategy", ACCOUNT, [*photos[:2], carousel]))
    add("mixed", _item("strategy", ACCOUNT, [*photos[:2], carousel, reel]))
    add("one draft", _item("strategy", ACCOUNT, [reel]))
    add(
        "no story for stories",
        _item("strategy", ACCOUNT, photos, surfaces=frozenset({Surface.STORIES})),
    )
    add("plan of photos", _item("strategy", ACCOUNT, photos, template=True))
    # profiling
    add(
        "watermark",
        _item("profiling", ACCOUNT, [photo("w", watermark=True), photo("x", at(3, 19))]),
    )
    bare = photo("bare", at(3, 19), caption="", quality=Quality.LOW)
    add("low and bare", _item("profiling", ACCOUNT, [bare, photo()]))
    add("all fine", _item("profiling", ACCOUNT, two))
    story = Draft("s", Format.STORY, at(3, 8))
    add("a story only", _item("profiling", ACCOUNT, [story]))
    add("plan templates", _item("profiling", ACCOUNT, two, template=True))
    # timing
    for effect, case in ((1.0, "half the best hour"), (0.25, "four fifths"), (0.05, "close")):
        move = Driver("publish at 17:00 instead of 21:00", Surface.FEED, effect, Lever.TIME)
        add(case, _item("timing", ACCOUNT, two, _evidence(two, {"a": [move]})))
    measure = HourMeasure({Format.PHOTO: EVENING}, keep_share=0.9)
    add("no move, reach by hour", _item("timing", ACCOUNT, two, hours=measure))
    add("plan, no move", _item("timing", ACCOUNT, two, template=True))
    # frequency
    close = [photo("a", at(6, 10)), photo("b", at(6, 10, 30))]
    add("30 min apart", _item("frequency", ACCOUNT, close))
    add("8 h apart", _item("frequency", ACCOUNT, [photo("a", at(6, 8)), photo("b", at(6, 16))]))
    add("one a week", _item("frequency", ACCOUNT, [photo()]))
    add("two a week", _item("frequency", ACCOUNT, two))
    frames = [Draft(f"qa-{n}", Format.STORY, at(9, 20, 15 * n)) for n in range(3)]
    add("one story sequence", _item("frequency", ACCOUNT, frames))
    curves = {
        Surface.FEED: Curve(3, 5, 3, 3.0, 120.0),
        Surface.STORIES: Curve(6, 6, None, 5.0, 40.0),
        Surface.REELS: Curve(1, 1, None, 1.0, None),
    }
    add("plan, stories off the curve", _item("frequency", ACCOUNT, two, curves=curves))
    on = {**curves, Surface.STORIES: Curve(5, 5, None, 5.0, 40.0)}
    add("plan, on the curve", _item("frequency", ACCOUNT, two, curves=on))
    # audience presence
    add("no activity", _item("audience_presence", Account("New", 800), two))
    morning = dataclasses.replace(ACCOUNT, posting=Posting(times=(time(9, 0),)))
    add("followers at 09:00", _item("audience_presence", morning, two))
    mid = dataclasses.replace(ACCOUNT, posting=Posting(times=(time(15, 0),)))
    add("followers at 15:00", _item("audience_presence", mid, two))
    add("followers at 19:00", _item("audience_presence", ACCOUNT, two))
    usual = dataclasses.replace(ACCOUNT, posting=Posting(times=(time(9, 0), time(19, 0))))
    hours = HourMeasure({Format.PHOTO: EVENING, Format.REEL: FLAT}, keep_share=0.9)
    add("reach by hour rejects 09:00", _item("audience_presence", usual, two, hours=hours))
    noon = HourMeasure({Format.PHOTO: NOON}, keep_share=0.9)
    add("reach by hour, a little short", _item("audience_presence", usual, two, hours=noon))
    kept = dataclasses.replace(ACCOUNT, posting=Posting(times=(time(18, 0), time(19, 0))))
    add("reach by hour keeps both", _item("audience_presence", kept, two, hours=hours))
    slots = {Surface.FEED: ("Tue 17:00", "Thu 18:00")}
    add(
        "plan slots",
        _item("audience_presence", usual, two, hours=hours, slots=slots, template=True),
    )
    # interaction
    from igalgo.world.account import default_engagement_rate
    from igalgo.world.model import DEFAULT_PARAMS

    business = dataclasses.replace(
        ACCOUNT, account_type=AccountType.BUSINESS, interaction=Interaction()
    )
    rate = default_engagement_rate(business, DEFAULT_PARAMS.interaction, DEFAULT_PARAMS.actions)
    for ratio, case in ((0.3, "low"), (0.6, "below"), (1.2, "healthy")):
        given = dataclasses.replace(business, interaction=Interaction(rate * ratio, "post"))
        add(case, _item("interaction", given, two))
    add("not given", _item("interaction", business, two))
    # measuring
    add("neither input", _item("measuring", Account("New", 800), two))
    wide = Evidence()
    viral = estimate(photo("viral"), {Surface.FEED: 100.0})
    reels = SurfaceEstimate(Surface.REELS, True, Quantiles(100, 600, 3000, 900), 50, 550)
    wide.add(dataclasses.replace(viral, surfaces={**viral.surfaces, Surface.REELS: reels}))
    add("wide range", _item("measuring", ACCOUNT, [photo("viral")], wide))
    add("stable", _item("measuring", ACCOUNT, two))
    add("nothing measurable", _item("measuring", ACCOUNT, two, Evidence(drafts=2)))
    return cases


def _text(cases: list[tuple[str, ChecklistItem]]) -> str:
    return "".join(
        f"{item.id} [{item.status.value}] {case}:\n  {item.message}\n" for case, item in cases
    )


def test_every_item_is_worded_in_each_status_as_the_golden_file_says() -> None:
    text = _text(_cases())
    if os.environ.get("IGALGO_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_the_cases_cover_every_status_of_every_item() -> None:
    seen = {(item.id, item.status) for _, item in _cases()}
    for rule in RULES:
        wanted = {Status.OK, Status.IMPROVE} | ({Status.ACT} if rule.id != "measuring" else set())
        assert {status for name, status in seen if name == rule.id} == wanted, rule.id
    assert ("originality", Status.ACT) in seen


@pytest.mark.parametrize("case", range(len(_cases())))
def test_every_sentence_parses_as_one_sentence(case: int) -> None:
    """Prose as written: a capital first, a full stop last, no doubled words, spaces or
    punctuation, balanced brackets."""
    name, item = _cases()[case]
    message = item.message
    assert (message[:1].isupper() or message[:1].isdigit()) and message.endswith("."), name
    assert "  " not in message and ".." not in message.replace("...", "") and " ," not in message
    assert message.count("(") == message.count(")"), name
    words = message.lower().split()
    assert all(a != b for a, b in itertools.pairwise(words) if a.isalpha()), name
