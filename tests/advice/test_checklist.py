"""The seed's strategy checklist: each rule's judgement and sentence."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import time
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from igalgo.advice.checklist import RULES, ChecklistParams, Facts, checklist
from igalgo.advice.drivers import DriverParams
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
    Origin,
    Popularity,
    Posting,
    Quality,
    Quantiles,
    Status,
    Surface,
    SurfaceEstimate,
)
from tests.advice.examples import ACCOUNT, at, estimate, photo
from tests.advice.test_evidence import public_attributes, read_attributes

# --- checklist ------------------------------------------------------------------------------


def judge(
    account: Account, drafts: Sequence[Draft], evidence: Evidence | None = None
) -> dict[str, Any]:
    items = checklist(account, drafts, evidence or Evidence())
    return {item.id: item for item in items}


def test_checklist_has_the_seeds_eight_items_in_order() -> None:
    ids = [item.id for item in checklist(ACCOUNT, [photo()], Evidence())]
    assert ids == [
        "market",
        "strategy",
        "profiling",
        "timing",
        "frequency",
        "audience_presence",
        "interaction",
        "measuring",
    ]
    assert [rule.id for rule in RULES] == ids


def test_the_originality_rule_comes_first_when_it_applies() -> None:
    # T25: mostly unoriginal posts over 30 days take the account out of recommendations.
    mostly = dataclasses.replace(
        ACCOUNT, posting=dataclasses.replace(ACCOUNT.posting, unoriginal_share=0.6)
    )
    first = checklist(mostly, [photo()], Evidence())[0]
    assert (first.id, first.status) == ("originality", Status.ACT)
    assert "30 Apr 2026" in first.message and "60%" in first.message
    half = dataclasses.replace(
        mostly, posting=dataclasses.replace(mostly.posting, unoriginal_share=0.5)
    )
    assert checklist(half, [photo()], Evidence())[0].id == "market"
    tipping = checklist(half, [photo(origin=Origin.REPOST)], Evidence())[0]
    assert tipping.id == "originality"


def test_checklist_filters_by_surface() -> None:
    items = checklist(ACCOUNT, [photo()], Evidence(), surfaces=frozenset({Surface.REELS}))
    assert "timing" not in {item.id for item in items}
    assert all(Surface.REELS in item.surfaces for item in items)


def timing_with(effect: float | None) -> ChecklistItem:
    """The timing item for two drafts, the first with a time driver of ``effect``."""
    evidence = Evidence()
    early, late = photo("early", at(2, 6)), photo("late", at(3, 19))
    move = Driver("publish at 18:00 instead of 06:00", Surface.FEED, effect or 0.0, Lever.TIME)
    evidence.add(estimate(early, {Surface.FEED: 500.0}), [move] if effect else [])
    evidence.add(estimate(late, {Surface.FEED: 500.0}))
    item: ChecklistItem = judge(ACCOUNT, [early, late], evidence)["timing"]
    return item


def test_timing_judges_by_the_best_hour_of_the_day() -> None:
    act = timing_with(1.0)  # the best hour doubles its reach: it gets 50 %
    assert act.status is Status.ACT
    assert "1 of 2 drafts would reach more at another hour" in act.message
    assert "the largest gain: 'early', publish at 18:00 instead of 06:00" in act.message
    assert "feed reach 2.0x (net of what the other posts lose)" in act.message
    assert timing_with(0.25).status is Status.IMPROVE  # 80 %
    ok = timing_with(0.05)  # 95 %
    assert ok.status is Status.OK and "within +5 % of the best hour" in ok.message
    none = timing_with(None)
    assert none.status is Status.OK and "reach by 2 % of the post or more" in none.message
    # Followers' activity alone does not decide: a dawn draft without a time driver is ok.
    assert judge(ACCOUNT, [photo("dawn", at(2, 4))])["timing"].status is Status.OK


def test_frequency_flags_posts_too_close_together() -> None:
    close = [photo("a", at(6, 10)), photo("b", at(6, 10, 30))]
    item = judge(ACCOUNT, close)["frequency"]
    assert item.status is Status.ACT and "30 min apart" in item.message
    assert "at least 12 h between" in item.message  # the spacing rule of plans and moves
    near = judge(ACCOUNT, [photo("a", at(6, 8)), photo("b", at(6, 16))])["frequency"]
    assert near.status is Status.IMPROVE and "8 h apart" in near.message
    assert "spacing rule (12 h on feed, 24 h on reels)" in near.message
    story = Draft("s", Format.STORY, at(6, 8, 30))
    apart = judge(ACCOUNT, [photo("a", at(6, 8)), story])["frequency"]
    assert apart.status is not Status.ACT  # a story shares no surface with a photo
    spread = [photo(str(d), at(d, 19)) for d in (1, 3, 5)]
    assert judge(ACCOUNT, spread)["frequency"].status is Status.OK
    lonely = [photo("a", at(1, 19)), photo("b", at(21, 19))]  # 2 posts in 3 weeks
    item = judge(ACCOUNT, lonely)["frequency"]
    assert item.status is Status.IMPROVE and "0.7 feed posts and reels per week" in item.message


def test_profiling_acts_on_watermarks_and_improves_weak_drafts() -> None:
    marked = photo("repost", format=Format.REEL, duration_s=30.0, watermark=True)
    item = judge(ACCOUNT, [marked, photo("x")])["profiling"]
    assert item.status is Status.ACT and "1 of 2 drafts ('repost')" in item.message
    weak = judge(ACCOUNT, [photo("low", quality=Quality.LOW), photo("x")])["profiling"]
    assert weak.status is Status.IMPROVE
    assert judge(ACCOUNT, [photo()])["profiling"].status is Status.OK


def test_profiling_checks_no_caption_on_a_story_and_says_what_it_checks() -> None:
    stories = [
        photo(f"story-{n}", format=Format.STORY, caption="", hashtags=(), duration_s=15.0)
        for n in range(2)
    ]
    item = judge(ACCOUNT, [*stories, photo("x")])["profiling"]
    assert item.status is Status.OK
    assert item.message == (
        "All 3 drafts are original and at least standard quality and every post is captioned."
    )
    short = photo("reel", format=Format.REEL, duration_s=30.0, caption="Yum")
    item = judge(ACCOUNT, [*stories, short, photo("x")])["profiling"]
    assert item.status is Status.IMPROVE
    assert item.message == (
        "No caption of 20 characters or more on 1 of 2 posts ('reel'): they do not show what "
        "sets you apart."
    )
    low = photo("low", format=Format.STORY, quality=Quality.LOW, caption="", duration_s=15.0)
    item = judge(ACCOUNT, [low, short])["profiling"]
    assert item.message == (
        "Low quality on 1 of 2 drafts ('low') and no caption of 20 characters or more on the "
        "only post ('reel'): they do not show what sets you apart."
    )


def test_audience_presence_compares_the_usual_time_with_the_peak_in_a_sentence() -> None:
    morning = dataclasses.replace(ACCOUNT, posting=Posting(times=(time(9, 0),)))
    item = judge(morning, [photo()])["audience_presence"]
    assert item.status is Status.ACT
    assert item.message == (
        "Move your routine: at your usual posting time 09:00, 20 % as many followers are "
        "online as at 19:00."
    )


def test_strategy_wants_mixed_formats_and_reels() -> None:
    photos = [photo(str(d), at(d, 19)) for d in (1, 3, 5)]
    assert judge(ACCOUNT, photos)["strategy"].status is Status.ACT
    mixed = [*photos[:2], photo("c", at(5, 19), format=Format.CAROUSEL, slides=3)]
    assert judge(ACCOUNT, mixed)["strategy"].status is Status.IMPROVE
    with_reel = [*mixed, photo("r", at(6, 19), format=Format.REEL, duration_s=20.0)]
    assert judge(ACCOUNT, with_reel)["strategy"].status is Status.OK


def test_market_quotes_the_non_follower_share() -> None:
    evidence = Evidence(followers=950.0, non_followers=50.0)
    niche = dataclasses.replace(ACCOUNT, market=Market(popularity=Popularity.LOW))
    item = judge(niche, [photo()], evidence)["market"]
    assert item.status is Status.ACT and "5 %" in item.message
    popular = dataclasses.replace(ACCOUNT, market=Market(popularity=Popularity.HIGH))
    assert judge(popular, [photo()], evidence)["market"].status is Status.IMPROVE
    reaching = Evidence(followers=500.0, non_followers=500.0)
    assert judge(niche, [photo()], reaching)["market"].status is Status.OK


def test_interaction_against_the_usual_rate_of_the_accounts_size_and_type() -> None:
    from igalgo.world.account import default_engagement_rate
    from igalgo.world.model import DEFAULT_PARAMS

    for kind in (AccountType.BUSINESS, AccountType.CREATOR):
        plain = dataclasses.replace(ACCOUNT, account_type=kind, interaction=Interaction())
        usual = default_engagement_rate(plain, DEFAULT_PARAMS.interaction, DEFAULT_PARAMS.actions)
        items = [
            judge(
                dataclasses.replace(plain, interaction=Interaction(usual * ratio, "post")),
                [photo()],
            )["interaction"]
            for ratio in (0.3, 0.6, 1.2)
        ]
        assert [item.status for item in items] == [Status.ACT, Status.IMPROVE, Status.OK]
        quoted = f"(published for a {kind.value} account of this size: about {usual * 100:.1f} %;"
        assert all(quoted in item.message for item in items), kind
        assumed = judge(plain, [photo()])["interaction"]
        assert assumed.status is Status.OK and assumed.message.startswith("Assumed:")
        assert f"{usual * 100:.1f} %" in assumed.message
    business = dataclasses.replace(ACCOUNT, account_type=AccountType.BUSINESS)
    creator = dataclasses.replace(ACCOUNT, account_type=AccountType.CREATOR)
    rates = [
        default_engagement_rate(a, DEFAULT_PARAMS.interaction, DEFAULT_PARAMS.actions)
        for a in (business, creator)
    ]
    assert rates[0] < rates[1]  # brands' followers interact less (T17)


def test_a_rate_without_per_post_is_said_as_its_typical_post_collects_it() -> None:
    """A profile's rate in the old meaning (the model's reference level) is said per feed post,
    as the account's typical posts collect it at that level, the number a manager compares."""
    from igalgo.world.interaction import per_post_rate
    from igalgo.world.model import DEFAULT_PARAMS

    old = dataclasses.replace(ACCOUNT, interaction=Interaction(0.025))
    said = per_post_rate(old, DEFAULT_PARAMS)
    assert said < 0.025
    message = judge(old, [photo()])["interaction"].message
    assert f"interact at {said * 100:.1f} % per feed post" in message
    marked = dataclasses.replace(ACCOUNT, interaction=Interaction(said, "post"))
    assert per_post_rate(marked, DEFAULT_PARAMS) == said


def test_audience_presence_and_measuring_notice_default_inputs() -> None:
    plain = Account("New", 800)
    items = judge(plain, [photo()])
    assert items["audience_presence"].status is Status.IMPROVE
    assert "no follower_activity" in items["audience_presence"].message
    assert items["measuring"].status is Status.IMPROVE
    assert "neither engagement_rate nor follower_activity" in items["measuring"].message
    usual_at_dawn = dataclasses.replace(ACCOUNT, posting=Posting(times=(time(6, 0),)))
    assert judge(usual_at_dawn, [photo()])["audience_presence"].status is Status.ACT


def test_measuring_points_at_wide_intervals() -> None:
    evidence = Evidence()
    wide = estimate(photo("viral"), {Surface.FEED: 100.0})
    reels = SurfaceEstimate(Surface.REELS, True, Quantiles(100, 600, 3000, 900), 50, 550)
    evidence.add(dataclasses.replace(wide, surfaces={**wide.surfaces, Surface.REELS: reels}))
    item = judge(ACCOUNT, [photo("viral")], evidence)["measuring"]
    assert item.status is Status.IMPROVE
    assert "Reels reach of 'viral' spans 100-3,000 (P10-P90, 30x)" in item.message


def test_every_message_is_one_sentence_with_a_number() -> None:
    drafts = [photo("a", at(2, 6)), photo("b", at(2, 6, 30), watermark=True)]
    for item in checklist(ACCOUNT, drafts, Evidence()):
        assert item.message.endswith("."), item
        assert any(ch.isdigit() for ch in item.message), item


@settings(max_examples=50, deadline=None)
@given(st.permutations(range(3)))
def test_checklist_does_not_depend_on_the_order_of_estimates(order: list[int]) -> None:
    from tests.handmade import ACCOUNT as SHOP
    from tests.handmade import report

    results = report().results
    drafts = [r.estimate.draft for r in results]
    reference = checklist(
        SHOP, drafts, [r.estimate for r in results], found=[r.drivers for r in results]
    )
    shuffled = [results[i] for i in order]
    again = checklist(
        SHOP,
        [drafts[i] for i in order],
        [r.estimate for r in shuffled],
        found=[r.drivers for r in shuffled],
    )
    assert again == reference


def test_timing_without_a_time_driver_quotes_the_floor_of_the_driver_params_in_use() -> None:
    """No time driver means no hour gained ``min_effect`` or more: of the params in use."""
    default = judge(ACCOUNT, [photo()])["timing"]
    assert default.status is Status.OK and "by 2 % of the post" in default.message
    strict = DriverParams(min_effect=0.25)
    items = checklist(ACCOUNT, [photo()], Evidence(), driver_params=strict)
    (timing,) = [item for item in items if item.id == "timing"]
    assert timing.status is Status.OK and "by 25 % of the post" in timing.message


def test_every_attribute_of_the_facts_is_read() -> None:
    """A field no rule reads is dead weight handed to every judge."""
    assert public_attributes(Facts) - read_attributes() == set()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"non_follower_share_improve": 1.2},
            r"non_follower_share_improve must be between 0 and 1 \(share of median reach\)",
        ),
        (
            {"activity_act": -0.1},
            r"activity_act must be between 0 and 1 \(fraction of the followers online",
        ),
        (
            {"timing_act": 0.95},
            r"timing_act must not exceed timing_improve \(fraction of the best hour",
        ),
        ({"engagement_act": 0.9}, r"engagement_act must not exceed engagement_improve"),
        ({"min_gap_h": -1.0}, r"min_gap_h must be >= 0 \(hours\)"),
        ({"min_stories_per_week": -2}, r"min_stories_per_week must be >= 0 \(posts per week\)"),
        (
            {"short_caption_chars": 2.5},
            r"short_caption_chars must be a whole number \(characters\)",
        ),
        ({"dispersion_improve": 0.5}, r"dispersion_improve must be >= 1 \(P90/P10\)"),
    ],
)
def test_checklist_params_reject_values_that_make_no_sense(
    changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        ChecklistParams(**changes)


def test_checklist_params_are_hashable() -> None:
    assert hash(ChecklistParams()) == hash(ChecklistParams())
