"""Drivers: the model's counterfactuals, one change at a time."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from igalgo.advice.drivers import (
    DEFAULT_DRIVER_PARAMS,
    DriverParams,
    counterfactuals,
    drivers,
    measure,
)
from igalgo.domain import (
    DEFAULT_LIMITS,
    FORMAT_SURFACES,
    Account,
    Audio,
    Draft,
    DraftEstimate,
    Format,
    Lever,
    Quality,
    Surface,
)
from igalgo.engine.settings import EngineSettings
from igalgo.world.model import Simulation
from tests.advice.examples import ACCOUNT, ZONE, HandMadeSimulation, at, estimate, photo

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


def test_counterfactuals_change_content_only() -> None:
    """Time is a move judged by the schedule (tests/advice/test_moves.py), not a copy."""
    assert Lever.TIME not in levers(photo(when=at(2, 3)))
    assert Lever.SPACING not in levers(photo(when=at(2, 3)))


def test_a_story_is_never_told_to_write_a_caption() -> None:
    """Stories show no caption (nor hashtags)."""
    story = Draft("s", Format.STORY, at(3, 19), quality=Quality.HIGH, muted=True)
    assert set(levers(story)) == {Lever.AUDIO}
    assert Lever.CAPTION in levers(photo(caption=""))


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
    assert set(levers(story)) == set()  # no hashtags, no format change for a story
    assert set(levers(dataclasses.replace(story, muted=True))) == {Lever.AUDIO}  # add sound
    marked = photo(format=Format.REEL, duration_s=25.0, watermark=True, audio=Audio.TRENDING)
    assert Lever.WATERMARK in levers(marked)
    assert Lever.AUDIO not in levers(marked)  # no kind of sound beats another (T22)
    generic = photo(hashtags=("fyp", "viral", "bread"))
    trial = next(t for t in counterfactuals(ACCOUNT, [generic]) if t.lever is Lever.HASHTAGS)
    assert "#fyp, #viral" in trial.change
    assert trial.draft.hashtags[0] == "bread"
    assert not {"fyp", "viral"} & set(trial.draft.hashtags)


# --- drivers: batching ---------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class RecordingSimulation(HandMadeSimulation):
    """A test double of the model run: reach depends only on the draft's hour and format, so
    the expected drivers are known; it records every batch it is given."""

    batches: list[tuple[bool, list[Draft]]] = dataclasses.field(default_factory=list)

    def score_drafts(self, drafts: Sequence[Draft], *, compete: bool = True) -> list[DraftEstimate]:
        self.batches.append((compete, list(drafts)))
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


def recording() -> RecordingSimulation:
    return RecordingSimulation(ACCOUNT, settings=EngineSettings(samples=10), seed=3)


def test_drivers_score_drafts_and_all_their_copies_in_one_call() -> None:
    drafts = [photo("a", at(2, 6)), photo("b", at(3, 19)), photo("c", at(4, 8), caption="")]
    simulation = recording()
    found = drivers(simulation, drafts)
    ((compete, batch),) = simulation.batches  # no competing estimates: content changes only
    assert compete is False
    trials = counterfactuals(ACCOUNT, drafts)
    assert batch == [*drafts, *(t.draft for t in trials)]
    assert found[0] == () and found[1] == ()
    assert [d.lever for d in found[2]] == []  # the double ignores captions


def test_drivers_with_a_schedule_move_posts_to_their_best_hour() -> None:
    drafts = [photo("a", at(2, 6)), photo("b", at(3, 19))]
    simulation = recording()
    competing = simulation.score_drafts(drafts)
    found = drivers(simulation, drafts, competing=competing)
    (move,) = found[0]
    assert (move.lever, move.change) == (Lever.TIME, "publish at 19:00 instead of 06:00")
    assert move.effect == pytest.approx(1.0)
    assert found[1] == ()
    only_b = drivers(recording(), drafts, competing=competing, movable=[1])
    assert only_b[0] == ()  # content drivers only for a post that stays where it is


def test_drivers_only_for_targets() -> None:
    drafts = [photo("a", at(2, 6)), photo("b", at(3, 6))]
    simulation = recording()
    found = drivers(simulation, drafts, targets=[1], competing=simulation.score_drafts(drafts))
    assert found[0] == ()
    assert [d.lever for d in found[1]] == [Lever.TIME]


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


def test_model_says_publishing_at_a_better_hour_raises_feed_reach() -> None:
    simulation = Simulation(ACCOUNT, settings=EngineSettings(samples=200))
    drafts = [photo("a", at(2, 3))]
    found = drivers(simulation, drafts, competing=simulation.score_drafts(drafts))
    time_driver = next((d for d in found[0] if d.lever is Lever.TIME), None)
    assert time_driver is not None, found
    assert time_driver.effect > DEFAULT_DRIVER_PARAMS.min_effect
    assert time_driver.change.endswith("instead of 03:00")


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


# --- parameters ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"min_effect": 0.0}, r"min_effect must be > 0 \(relative gain, 0\.02 = \+2 %\)"),
        ({"min_base_reach": -1.0}, r"min_base_reach must be > 0 \(accounts\)"),
        (
            {"max_total_loss": 1.5},
            r"max_total_loss must be between 0 and 1 \(share of total median reach\)",
        ),
        ({"reel_durations_s": (15.0, 0.0)}, r"reel_durations_s\[1\] must be > 0 \(seconds\)"),
        ({"story_duration_s": float("nan")}, r"story_duration_s must be > 0 \(seconds\)"),
        ({"carousel_slides": 1}, r"carousel_slides must be >= 2 \(slides\)"),
        ({"targeted_hashtags": 2.5}, r"targeted_hashtags must be a whole number \(hashtags\)"),
        ({"generic_hashtags": frozenset({"#FYP"})}, r"generic_hashtags must be lowercase"),
        ({"caption_chars": 10}, r"short_caption_chars must not exceed caption_chars"),
        ({"time_search_samples": 0}, r"time_search_samples must be >= 1 \(samples\)"),
        (
            {"min_spacing_hours": {**DEFAULT_DRIVER_PARAMS.min_spacing_hours, Surface.FEED: 0}},
            r"min_spacing_hours\[feed\] must be > 0 and <= 168 \(hours\)",
        ),
        ({"min_effect": True}, r"min_effect must be a number \(relative gain, 0\.02 = \+2 %\)"),
    ],
)
def test_driver_params_reject_values_that_make_no_sense(
    changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        DriverParams(**changes)


def test_driver_params_stay_hashable_when_given_lists() -> None:
    """A caller without type checking may pass a list or a set; the params freeze them."""
    durations: Any = [30.0, 60.0]
    generic: Any = {"fyp"}
    params = DriverParams(reel_durations_s=durations, generic_hashtags=generic)
    assert params.reel_durations_s == (30.0, 60.0)
    same = DriverParams(reel_durations_s=(30.0, 60.0), generic_hashtags=frozenset({"fyp"}))
    assert params == same and hash(params) == hash(same)
    assert hash(DEFAULT_DRIVER_PARAMS) == hash(DriverParams())
