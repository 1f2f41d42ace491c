"""Drivers (the model's counterfactuals) and the seed's strategy checklist."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from igalgo.advice.checklist import RULES, Evidence, checklist
from igalgo.advice.drivers import (
    DEFAULT_DRIVER_PARAMS,
    BestHour,
    best_hours,
    counterfactuals,
    drivers,
    measure,
)
from igalgo.domain import (
    DEFAULT_LIMITS,
    FORMAT_SURFACES,
    ZERO_QUANTILES,
    Account,
    Actions,
    Audio,
    ChecklistItem,
    Draft,
    DraftEstimate,
    Driver,
    FollowerActivity,
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
from igalgo.engine.settings import EngineSettings

ZONE = ZoneInfo("Europe/Amsterdam")
EVENING = tuple(1.0 if hour == 19 else 0.2 for hour in range(24))
ACCOUNT = Account(
    "Bakkerij Zon",
    4200,
    timezone="Europe/Amsterdam",
    follower_activity=FollowerActivity(hours=EVENING),
    interaction=Interaction(0.02),
    posting=Posting(times=(time(19, 0),)),
)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=ZONE)


def photo(draft_id: str = "p", when: datetime | None = None, **changes: Any) -> Draft:
    base = Draft(
        draft_id,
        Format.PHOTO,
        when or at(2, 6),
        caption="Our spelt and walnut loaf, out of the oven at six",
        hashtags=("bread", "utrecht"),
        quality=Quality.HIGH,
    )
    return dataclasses.replace(base, **changes)


def estimate(
    draft: Draft, reach: dict[Surface, float], total: float | None = None
) -> DraftEstimate:
    """A hand-made estimate with the given median reach per eligible surface."""
    surfaces = {}
    for surface in Surface:
        if surface in reach:
            q = Quantiles(
                reach[surface] * 0.8, reach[surface], reach[surface] * 1.2, reach[surface]
            )
            surfaces[surface] = SurfaceEstimate(surface, True, q, reach[surface], 0.0)
        else:
            surfaces[surface] = SurfaceEstimate(surface, False, ZERO_QUANTILES, 0.0, 0.0)
    whole = sum(reach.values()) if total is None else total
    return DraftEstimate(
        draft,
        surfaces,
        Quantiles(whole * 0.8, whole, whole * 1.2, whole),
        Actions(0, 0, 0, 0, 0, 0),
    )


# --- measure ---------------------------------------------------------------------------------


def test_measure_reports_the_most_raised_surface() -> None:
    base = estimate(photo(), {Surface.FEED: 400, Surface.EXPLORE: 100})
    better = estimate(photo(), {Surface.FEED: 480, Surface.EXPLORE: 150})
    found = measure(base, better, "change", Lever.TIME)
    assert found is not None
    assert (found.change, found.surface, found.lever) == ("change", Surface.EXPLORE, Lever.TIME)
    assert found.effect == pytest.approx(0.5)


def test_measure_ignores_gains_under_the_threshold_and_losses() -> None:
    base = estimate(photo(), {Surface.FEED: 400})
    assert measure(base, estimate(photo(), {Surface.FEED: 405}), "c", Lever.TIME) is None
    assert measure(base, estimate(photo(), {Surface.FEED: 300}), "c", Lever.TIME) is None


def test_measure_skips_surfaces_with_too_little_reach_for_a_ratio() -> None:
    base = estimate(photo(), {Surface.FEED: 400, Surface.EXPLORE: 1})
    changed = estimate(photo(), {Surface.FEED: 400, Surface.EXPLORE: 4})  # +300 % of nothing
    assert measure(base, changed, "c", Lever.HASHTAGS) is None


def test_measure_refuses_a_gain_that_costs_total_reach() -> None:
    base = estimate(photo(), {Surface.FEED: 1000, Surface.EXPLORE: 100})
    changed = estimate(photo(), {Surface.FEED: 700, Surface.EXPLORE: 150})
    assert measure(base, changed, "c", Lever.FORMAT) is None


def test_measure_of_a_change_that_opens_a_surface_uses_total_reach() -> None:
    video = photo(format=Format.VIDEO)
    base = estimate(video, {Surface.FEED: 400, Surface.EXPLORE: 100})
    reel = estimate(video, {Surface.FEED: 400, Surface.EXPLORE: 100, Surface.REELS: 1500})
    found = measure(base, reel, "share it as a reel", Lever.FORMAT)
    assert found is not None
    assert found.opens_surface and found.surface is Surface.REELS
    assert found.effect == pytest.approx(1500 / 500)


def test_measure_keeps_to_the_requested_surfaces() -> None:
    base = estimate(photo(), {Surface.FEED: 400, Surface.EXPLORE: 100})
    better = estimate(photo(), {Surface.FEED: 480, Surface.EXPLORE: 150})
    found = measure(base, better, "c", Lever.TIME, frozenset({Surface.FEED}))
    assert found is not None and found.surface is Surface.FEED
    assert found.effect == pytest.approx(0.2)


# --- counterfactuals (pure) -----------------------------------------------------------------


def levers(draft: Draft, account: Account = ACCOUNT) -> dict[Lever, list[Draft]]:
    found: dict[Lever, list[Draft]] = {}
    for trial in counterfactuals(account, [draft]):
        found.setdefault(trial.lever, []).append(trial.draft)
    return found


def test_time_alternative_is_the_best_hour_given_on_the_same_local_day() -> None:
    best = {0: BestHour(Surface.FEED, at(2, 18))}
    (trial,) = [
        t
        for t in counterfactuals(ACCOUNT, [photo(when=at(2, 6))], best=best)
        if t.lever is Lever.TIME
    ]
    assert trial.draft.publish_at == at(2, 18)
    assert trial.change == "publish at 18:00 instead of 06:00"
    assert trial.surfaces == frozenset({Surface.FEED})  # measured where the hour was chosen
    same_hour = counterfactuals(ACCOUNT, [photo(when=at(2, 18, 30))], best=best)
    assert Lever.TIME not in {t.lever for t in same_hour}
    assert Lever.TIME not in levers(photo(when=at(2, 6)))  # no search, no time tried


def test_best_hours_search_templates_of_each_format_and_weekday_once() -> None:
    drafts = [
        photo("a", at(2, 6)),
        photo("b", at(9, 12)),  # a week later: same weekday, same search
        photo("c", at(3, 6)),
        Draft("s", Format.STORY, at(2, 8)),
    ]
    scorer = RecordingScorer()
    found = best_hours(ACCOUNT, drafts, settings=EngineSettings(samples=16), scorer=scorer)
    (batch,) = scorer.batches
    assert len(batch) == 3 * 24  # photo Wednesday, photo Thursday, story Wednesday
    assert {d.format for d in batch} == {Format.PHOTO, Format.STORY}
    assert found[0] == BestHour(Surface.FEED, at(2, 19))  # the double's best hour
    assert found[1] == BestHour(Surface.FEED, at(9, 19))  # on the draft's own date
    assert found[3].surface is Surface.STORIES
    only_reels = best_hours(
        ACCOUNT,
        drafts,
        settings=EngineSettings(samples=16),
        scorer=RecordingScorer(),
        surfaces=frozenset({Surface.REELS}),
    )
    assert only_reels == {}  # neither photos nor stories reach the Reels tab


def test_alternatives_change_one_thing_each() -> None:
    draft = photo(quality=Quality.STANDARD, caption="", hashtags=())
    for lever, changed in levers(draft).items():
        for other in changed:
            differing = {
                f.name
                for f in dataclasses.fields(Draft)
                if getattr(other, f.name) != getattr(draft, f.name)
            }
            allowed = {"format", "slides"} if lever is Lever.FORMAT else None
            assert differing == allowed or len(differing) == 1, (lever, differing)


def test_video_over_the_reel_limit_is_cut_to_the_limit() -> None:
    video = photo(format=Format.VIDEO, duration_s=240.0, audio=Audio.LICENSED)
    found = [t for t in counterfactuals(ACCOUNT, [video]) if t.lever is Lever.FORMAT]
    assert len(found) == 1
    assert found[0].draft.format is Format.REEL
    assert found[0].draft.duration_s == DEFAULT_LIMITS.reel_max_duration_s
    assert found[0].change == "cut it to 3:00 min and share it as a reel"


def test_levers_follow_the_format_and_the_draft() -> None:
    story = Draft(
        "s", Format.STORY, at(3, 19), caption="Open until six today", quality=Quality.HIGH
    )
    assert set(levers(story)) == {Lever.AUDIO}  # no hashtags, no format change for a story
    marked = photo(format=Format.REEL, duration_s=25.0, watermark=True, audio=Audio.TRENDING)
    assert Lever.WATERMARK in levers(marked)
    assert Lever.AUDIO not in levers(marked)
    generic = photo(hashtags=("fyp", "viral", "bread"))
    trial = next(t for t in counterfactuals(ACCOUNT, [generic]) if t.lever is Lever.HASHTAGS)
    assert "#fyp, #viral" in trial.change
    assert trial.draft.hashtags[0] == "bread"
    assert not {"fyp", "viral"} & set(trial.draft.hashtags)


# --- drivers: batching ---------------------------------------------------------------------


class RecordingScorer:
    """A test double with the engine's signature: reach depends only on the draft's hour and
    format, so the expected drivers are known; it records every batch it is given."""

    def __init__(self) -> None:
        self.batches: list[list[Draft]] = []

    def __call__(
        self,
        account: Account,
        drafts: Sequence[Draft],
        *,
        seed: int = 0,
        compete: bool = True,
        params: Any = None,
        settings: Any = None,
    ) -> list[DraftEstimate]:
        self.batches.append(list(drafts))
        out = []
        for draft in drafts:
            hour = draft.publish_at.astimezone(ZONE).hour
            feed = 1000.0 if hour == 19 else 500.0
            reach: dict[Surface, float] = {
                s: feed for s in FORMAT_SURFACES[draft.format] if s is not Surface.STORIES
            }
            if draft.format is Format.STORY:
                reach = {Surface.STORIES: feed}
            out.append(estimate(draft, reach))
        return out


def test_drivers_score_drafts_and_all_their_copies_in_one_call() -> None:
    drafts = [photo("a", at(2, 6)), photo("b", at(3, 19)), photo("c", at(4, 8), caption="")]
    scorer = RecordingScorer()
    found = drivers(ACCOUNT, drafts, settings=EngineSettings(samples=10), seed=3, scorer=scorer)
    search, batch = scorer.batches
    assert all(d.id.startswith("photo-") for d in search)  # templates, as in the heatmap
    hours = best_hours(
        ACCOUNT, drafts, settings=EngineSettings(samples=16), scorer=RecordingScorer()
    )
    trials = counterfactuals(ACCOUNT, drafts, best=hours)
    assert batch == [*drafts, *(t.draft for t in trials)]
    assert [d.lever for d in found[0]] == [Lever.TIME]
    assert found[0][0].effect == pytest.approx(1.0)
    assert found[0][0].change == "publish at 19:00 instead of 06:00"
    assert found[1] == ()


def test_drivers_only_for_targets() -> None:
    drafts = [photo("a", at(2, 6)), photo("b", at(3, 6))]
    found = drivers(
        ACCOUNT, drafts, settings=EngineSettings(samples=10), targets=[1], scorer=RecordingScorer()
    )
    assert found[0] == ()
    assert [d.lever for d in found[1]] == [Lever.TIME]


def test_spacing_driver_from_the_competing_estimates() -> None:
    drafts = [photo("a", at(5, 19)), photo("b", at(5, 19, 30))]
    scorer = RecordingScorer()
    alone = scorer(ACCOUNT, drafts, settings=EngineSettings(samples=10))
    competing = [estimate(d, {Surface.FEED: 700.0, Surface.EXPLORE: 1000.0}) for d in drafts]
    found = drivers(
        ACCOUNT, drafts, settings=EngineSettings(samples=10), competing=competing, scorer=scorer
    )
    spacing = next(d for d in found[0] if d.lever is Lever.SPACING)
    assert spacing.surface is Surface.FEED
    assert spacing.effect == pytest.approx(1000 / 700 - 1)
    assert spacing.change == "space it further from 'b' (30 min apart)"
    del alone


# --- drivers: with the model ----------------------------------------------------------------


def test_model_counterfactual_of_an_unchanged_draft_is_exactly_zero() -> None:
    """Common random numbers: the same draft at the same position scores identically."""
    from igalgo.world.model import score_drafts

    drafts = [photo("a", at(2, 6)), photo("b", at(2, 19))]
    first = score_drafts(
        ACCOUNT, drafts, settings=EngineSettings(samples=200), seed=5, compete=False
    )
    again = score_drafts(
        ACCOUNT, list(drafts), settings=EngineSettings(samples=200), seed=5, compete=False
    )
    assert first == again
    assert measure(first[0], again[0], "nothing", Lever.TIME) is None
    # drivers() batches copies anywhere in one call: the draws must not depend on position.
    moved = score_drafts(
        ACCOUNT, [drafts[1], drafts[0]], settings=EngineSettings(samples=200), seed=5, compete=False
    )
    assert moved == [first[1], first[0]]


def test_model_says_publishing_at_the_best_hour_raises_feed_reach() -> None:
    found = drivers(ACCOUNT, [photo("a", at(2, 3))], settings=EngineSettings(samples=400), seed=0)
    time_driver = next((d for d in found[0] if d.lever is Lever.TIME), None)
    assert time_driver is not None, found
    assert time_driver.surface is Surface.FEED  # a photo's main surface
    assert time_driver.effect > DEFAULT_DRIVER_PARAMS.min_effect
    (best,) = best_hours(ACCOUNT, [photo("a", at(2, 3))]).values()
    assert time_driver.change == f"publish at {best.publish_at:%H}:00 instead of 03:00"


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
    assert "'early' gets 50 % of the feed reach of the best hour of its day" in act.message
    assert "publish at 18:00 instead of 06:00: feed reach 2.0x" in act.message
    assert timing_with(0.25).status is Status.IMPROVE  # 80 %
    ok = timing_with(0.05)  # 95 %
    assert ok.status is Status.OK and "at least 95 %" in ok.message
    none = timing_with(None)
    assert none.status is Status.OK and "at least 98 %" in none.message
    # Followers' activity alone no longer decides: a dawn draft without a time driver is ok.
    assert judge(ACCOUNT, [photo("dawn", at(2, 4))])["timing"].status is Status.OK


def test_frequency_flags_posts_too_close_together() -> None:
    close = [photo("a", at(6, 10)), photo("b", at(6, 10, 30))]
    item = judge(ACCOUNT, close)["frequency"]
    assert item.status is Status.ACT and "30 min apart" in item.message
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


def test_interaction_against_the_brand_median() -> None:
    def rate(value: float) -> Status:
        account = dataclasses.replace(ACCOUNT, interaction=Interaction(value))
        status: Status = judge(account, [photo()])["interaction"].status
        return status

    assert (rate(0.001), rate(0.004), rate(0.02)) == (Status.ACT, Status.IMPROVE, Status.OK)


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


def test_effect_words() -> None:
    from igalgo.advice.wording import effect_words

    assert [effect_words(e) for e in (0.41, 0.02, -0.03, 0.999)] == [
        "+41 %",
        "+2 %",
        "-3 %",
        "+100 %",
    ]
    assert [effect_words(e) for e in (1.0, 5.2, 198.5)] == ["2.0x", "6.2x", "200x"]


# --- properties ------------------------------------------------------------------------------

_FORMAT_FIELDS: dict[Format, dict[str, st.SearchStrategy[Any]]] = {
    Format.PHOTO: {},
    Format.CAROUSEL: {"slides": st.integers(2, 20)},
    Format.VIDEO: {"duration_s": st.floats(1, 3600), "audio": st.sampled_from(list(Audio))},
    Format.REEL: {"duration_s": st.floats(1, 180), "audio": st.sampled_from(list(Audio))},
    Format.STORY: {
        "duration_s": st.none() | st.floats(1, 60),
        "audio": st.sampled_from(list(Audio)),
    },
}


TAGS = ["fyp", "bread", "viral", "utrecht", "x"]


@st.composite
def any_draft(draw: st.DrawFn) -> Draft:
    fmt = draw(st.sampled_from(list(Format)))
    extra = {name: draw(strategy) for name, strategy in _FORMAT_FIELDS[fmt].items()}
    return Draft(
        draw(st.text("abc-", min_size=1, max_size=8)),
        fmt,
        at(draw(st.integers(1, 28)), draw(st.integers(0, 23)), draw(st.integers(0, 59))),
        caption=draw(st.text(max_size=40)),
        hashtags=tuple(draw(st.lists(st.sampled_from(TAGS), max_size=5, unique=True))),
        location=draw(st.none() | st.sampled_from(["Utrecht", "New York"])),
        quality=draw(st.sampled_from(list(Quality))),
        watermark=draw(st.booleans()),
        **extra,
    )  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(any_draft())
def test_every_alternative_is_a_draft_instagram_accepts(draft: Draft) -> None:
    """The counterfactuals never propose what the loader would refuse (limits are data)."""
    limits = DEFAULT_LIMITS
    for trial in counterfactuals(ACCOUNT, [draft]):
        changed = trial.draft
        assert changed.id == draft.id
        top = limits.max_duration_s(changed.format)
        if changed.duration_s is not None and top is not None:
            assert changed.duration_s <= top, trial
        if changed.format is Format.CAROUSEL:
            assert changed.slides is not None
            assert limits.carousel_min_slides <= changed.slides <= limits.carousel_max_slides
        assert len(changed.hashtags) <= limits.max_hashtags
        assert len(set(changed.hashtags)) == len(changed.hashtags)
        assert len(changed.caption) <= limits.max_caption_chars
        assert changed != draft, trial


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
