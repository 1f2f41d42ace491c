"""The default model against Instagram's rules and statements of 2024-2026 (targets T21-T27 of
docs/sources.md): one test per target, named after its id, and the direction of each new draft
flag. Small sample counts where the statistic allows, to keep the file fast."""

from __future__ import annotations

import statistics
from dataclasses import replace

import pytest

from igalgo.domain import Account, Audio, Draft, Format, Niche, Origin, Quality, Surface
from igalgo.errors import InputError
from igalgo.inputs.loader import parse_drafts_text
from igalgo.output.report import per_reach
from tests.engine_helpers import at_slots, make_account, make_draft, score

FLAGS = ("muted", "borders", "text_heavy", "reposted")
"""The draft flags Meta names as shown less (sources.md §8)."""


def medians(draft: Draft, followers: int = 15_000, samples: int = 600) -> dict[Surface, float]:
    """Median reach per surface of ``draft`` for a mid-sized creator."""
    (estimate,) = score(make_account(followers, 0.015), [draft], samples=samples)
    return {surface: s.reach.p50 for surface, s in estimate.surfaces.items()}


@pytest.mark.parametrize("fmt", [Format.REEL, Format.PHOTO, Format.STORY])
def test_t22_no_reach_bonus_without_evidence(fmt: Format) -> None:
    def close(first: Draft, second: Draft) -> None:
        a, b = medians(first), medians(second)
        for surface in Surface:
            if b[surface] > 0:
                assert abs(a[surface] / b[surface] - 1.0) < 0.05, (fmt, surface, a, b)

    close(make_draft(fmt, audio=Audio.TRENDING), make_draft(fmt, audio=Audio.LICENSED))
    close(make_draft(fmt, quality=Quality.HIGH), make_draft(fmt, quality=Quality.STANDARD))


def test_t22_low_quality_watermark_and_muted_stay_penalties() -> None:
    plain = medians(make_draft(Format.REEL))
    for changed in (
        make_draft(Format.REEL, quality=Quality.LOW),
        make_draft(Format.REEL, watermark=True),
        make_draft(Format.REEL, muted=True),
    ):
        assert medians(changed)[Surface.REELS] < 0.8 * plain[Surface.REELS], changed


@pytest.mark.parametrize("followers", [3_000, 15_000, 100_000])
@pytest.mark.parametrize(
    ("fmt", "niche"), [(Format.PHOTO, Niche.LIFESTYLE), (Format.CAROUSEL, Niche.EDUCATION)]
)
def test_t21_explore_is_a_long_shot_for_a_typical_post(
    followers: int, fmt: Format, niche: Niche
) -> None:
    account = make_account(followers, 0.015, niche=niche)
    estimates = score(account, at_slots(make_draft(fmt)), samples=1000)
    typical = statistics.median(
        e.surfaces[Surface.EXPLORE].reach.p50 / e.total.p50 for e in estimates
    )
    overall = statistics.median(
        e.surfaces[Surface.EXPLORE].reach.mean / e.total.mean for e in estimates
    )
    assert 0.03 <= typical <= 0.25, typical
    assert 0.15 <= overall <= 0.75, overall


def test_t23_a_reel_over_three_minutes_reaches_no_non_followers() -> None:
    (long_reel,) = score(make_account(15_000, 0.015), [make_draft(Format.REEL, duration_s=200.0)])
    assert long_reel.surfaces[Surface.REELS].non_followers == 0.0
    assert long_reel.surfaces[Surface.EXPLORE].reach.p90 == 0.0
    assert long_reel.surfaces[Surface.REELS].followers > 0.0  # followers still see it


@pytest.mark.parametrize("followers", [3_000, 40_000])
def test_t23_a_45_to_90_s_reel_is_not_below_a_15_to_30_s_reel(followers: int) -> None:
    account = make_account(followers, 0.015)
    short = [make_draft(Format.REEL, duration_s=s) for s in (15.0, 30.0)]
    longer = [make_draft(Format.REEL, duration_s=s) for s in (45.0, 60.0, 90.0)]
    short_best = max(e.total.p50 for e in score(account, short))
    longer_worst = min(e.total.p50 for e in score(account, longer))
    assert longer_worst >= 0.98 * short_best


@pytest.mark.parametrize("fmt", [Format.PHOTO, Format.CAROUSEL])
def test_t24_music_makes_photos_and_carousels_reach_the_reels_tab(fmt: Format) -> None:
    account = make_account(15_000, 0.015)
    plain, with_music = score(account, [make_draft(fmt), make_draft(fmt, music=True)])
    assert not plain.surfaces[Surface.REELS].eligible
    assert plain.surfaces[Surface.REELS].reach.p50 == 0.0
    assert with_music.surfaces[Surface.REELS].eligible
    assert with_music.surfaces[Surface.REELS].reach.p50 > 0.0


def test_music_only_adds_the_reels_surface() -> None:
    account = make_account(15_000, 0.015)
    plain, with_music = score(
        account, [make_draft(Format.PHOTO), make_draft(Format.PHOTO, music=True)]
    )
    for surface in (Surface.FEED, Surface.EXPLORE):
        assert with_music.surfaces[surface].reach == plain.surfaces[surface].reach, surface
    assert with_music.total.p50 >= plain.total.p50


@pytest.mark.parametrize("flag", FLAGS)
@pytest.mark.parametrize("fmt", [Format.REEL, Format.PHOTO])
def test_every_new_flag_lowers_recommended_reach_and_never_raises_any(
    flag: str, fmt: Format
) -> None:
    account = make_account(15_000, 0.015)
    plain, flagged = score(account, [make_draft(fmt), make_draft(fmt, **{flag: True})])
    recommended = (Surface.EXPLORE, Surface.REELS) if fmt is Format.REEL else (Surface.EXPLORE,)
    for surface in Surface:
        assert flagged.surfaces[surface].reach.p50 <= plain.surfaces[surface].reach.p50
    for surface in recommended:
        assert flagged.surfaces[surface].reach.p50 < 0.9 * plain.surfaces[surface].reach.p50
    # Followers' Feed is not where Meta says these are shown less.
    assert flagged.surfaces[Surface.FEED].reach == plain.surfaces[Surface.FEED].reach


ACCOUNT_LINE = "account: {name: Zon, followers: 4200, timezone: Europe/Amsterdam}\n"


def test_t26_more_than_5_hashtags_is_a_located_error_that_names_the_rule() -> None:
    tags = ", ".join(f"t{i}" for i in range(6))
    when = 'publish_at: "2026-12-01 10:00"'
    text = f"{ACCOUNT_LINE}drafts:\n  - {{id: a, format: photo, {when}, hashtags: [{tags}]}}\n"
    with pytest.raises(InputError) as caught:
        parse_drafts_text(text, "d.yaml", None)
    (problem,) = caught.value.problems
    assert problem.path == "drafts[0].hashtags" and problem.location is not None
    assert "19 Dec 2025" in (problem.hint or "")


def test_audio_none_in_an_older_file_is_read_as_muted() -> None:
    when = 'publish_at: "2026-12-01 10:00"'
    reel = f"{{id: a, format: reel, {when}, duration_s: 20, audio: none}}"
    text = f"{ACCOUNT_LINE}drafts:\n  - {reel}\n"
    (draft,) = parse_drafts_text(text, "d.yaml", None).drafts
    assert draft.muted


def with_unoriginal_share(account: Account, unoriginal: float) -> Account:
    return replace(account, posting=replace(account.posting, unoriginal_share=unoriginal))


@pytest.mark.parametrize("fmt", [Format.PHOTO, Format.CAROUSEL, Format.REEL])
def test_t25_mostly_unoriginal_accounts_get_no_recommended_reach(fmt: Format) -> None:
    account = make_account(15_000, 0.015)
    (original,) = score(account, [make_draft(fmt)])
    (gated,) = score(with_unoriginal_share(account, 0.7), [make_draft(fmt)])
    assert gated.surfaces[Surface.EXPLORE].reach.p90 == 0.0
    assert gated.surfaces[Surface.REELS].non_followers == 0.0
    for surface in (Surface.FEED, Surface.REELS) if fmt is Format.REEL else (Surface.FEED,):
        before = original.surfaces[surface].followers
        assert gated.surfaces[surface].followers == pytest.approx(before, rel=0.05), surface


def test_t25_the_drafts_own_origin_counts_towards_the_30_days() -> None:
    # At exactly half, one more unoriginal post tips the account over; an original one not.
    account = with_unoriginal_share(make_account(15_000, 0.015), 0.5)
    own, repost = score(
        account, [make_draft(Format.PHOTO), make_draft(Format.PHOTO, origin=Origin.REPOST)]
    )
    assert own.surfaces[Surface.EXPLORE].reach.p50 > 0.0
    assert repost.surfaces[Surface.EXPLORE].reach.p90 == 0.0
    assert repost.surfaces[Surface.FEED].reach == own.surfaces[Surface.FEED].reach


def test_originality_leaves_follower_reach_alone() -> None:
    account = make_account(8_000, 0.02)
    drafts = [make_draft(Format.PHOTO), make_draft(Format.STORY), make_draft(Format.CAROUSEL)]
    plain = score(account, drafts)
    gated = score(with_unoriginal_share(account, 1.0), drafts)
    for before, after in zip(plain, gated, strict=True):
        for surface in (Surface.FEED, Surface.STORIES):
            assert after.surfaces[surface].reach == before.surfaces[surface].reach


def test_t27_every_draft_reports_per_reach_numbers_and_each_reel_its_watch() -> None:
    account = make_account(15_000, 0.015)
    drafts = [make_draft(fmt) for fmt in Format] + [make_draft(Format.REEL, duration_s=30.0)]
    for estimate in score(account, drafts):
        ratios = per_reach(estimate)
        assert 0.0 < ratios.likes_typical < 0.5 and 0.0 < ratios.likes_expected < 0.5
        assert 0.0 < ratios.sends_typical < ratios.likes_typical
        assert 0.0 < ratios.sends_expected < ratios.likes_expected
        watched = estimate.draft.format in (Format.REEL, Format.VIDEO)
        assert (estimate.watch is not None) == watched, estimate.draft.format
    thirty = score(account, [make_draft(Format.REEL, duration_s=30.0)])[0].watch
    assert thirty is not None
    assert 4.0 <= thirty.average_s <= 20.0
    assert 0.0 < thirty.skip_share < 1.0
