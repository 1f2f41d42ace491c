"""Medians conditioned on the appeal (igalgo.engine.conditioning) and their use in the engine."""

from __future__ import annotations

import math

import numpy as np
import pytest

from igalgo.domain import Format, Surface
from igalgo.engine.conditioning import conditioned_median, normal_cdf, normal_pdf
from igalgo.engine.randomness import inverse_normal_cdf
from igalgo.engine.settings import EngineSettings
from igalgo.world.model import score_drafts
from tests.engine_helpers import make_account, make_draft

PLAIN = EngineSettings().plain()


def test_normal_cdf_and_pdf_match_the_closed_forms() -> None:
    z = np.linspace(-7.0, 7.0, 281)
    expected = np.array([0.5 * math.erfc(-x / math.sqrt(2.0)) for x in z])
    assert np.abs(normal_cdf(z) - expected).max() < 1e-7
    density = np.exp(-0.5 * z * z) / math.sqrt(2.0 * math.pi)
    assert np.allclose(normal_pdf(z), density, rtol=1e-12)


def _paths(count: int) -> np.ndarray:
    """``count`` evenly spread standard normals (cell midpoints)."""
    return inverse_normal_cdf((np.arange(count) + 0.5) / count)


@pytest.mark.parametrize("noise_sd", [0.1, 0.5, 1.5])
def test_conditioned_median_of_a_linear_model_is_the_exact_median(noise_sd: float) -> None:
    # log R = 2 z + e with e symmetric around 1: the median of log R is 1 exactly. The paths
    # carry e; each starts from its own z, far from where it reaches the median.
    paths = 256
    noise = 1.0 + noise_sd * _paths(paths)
    own_z = np.random.default_rng(3).permutation(_paths(paths))
    rows = 3

    def evaluate(z: np.ndarray) -> np.ndarray:
        result: np.ndarray = 2.0 * z + noise[None, :]
        return result

    own_log = evaluate(np.broadcast_to(own_z, (rows, paths)))
    start = np.array([0.5, 1.0, 1.6])  # a plain median that is off either way
    level = conditioned_median(evaluate, own_z, own_log, start, np.full(rows, 2.0), 4)
    assert level == pytest.approx(np.ones(rows), abs=0.01)


def test_conditioned_median_of_a_kinked_model_matches_brute_force() -> None:
    # A reach that stays at its floor until the appeal passes a path's own threshold, then
    # grows steeply: the shape of a staged distribution that only takes off above the bar.
    paths = 256
    thresholds = -0.5 + 0.4 * _paths(paths)  # about a third of the draws stay at the floor
    own_z = np.random.default_rng(5).permutation(_paths(paths))

    def evaluate(z: np.ndarray) -> np.ndarray:
        result: np.ndarray = np.log(100.0 + 5000.0 * np.maximum(z - thresholds[None, :], 0.0) ** 2)
        return result

    own_log = evaluate(own_z[None, :])
    level = conditioned_median(evaluate, own_z, own_log, np.median(own_log, axis=1), np.ones(1), 6)
    dense = _paths(4096)
    brute = np.median(evaluate(np.repeat(dense[:, None], paths, axis=1)).ravel())
    assert math.exp(level[0]) == pytest.approx(math.exp(brute), rel=0.03)


@pytest.mark.parametrize("followers", [2_000, 40_000, 300_000])
def test_default_medians_of_explore_and_reels_reproduce_within_2_percent(followers: int) -> None:
    account = make_account(followers, 0.015)
    drafts = [make_draft(Format.CAROUSEL), make_draft(Format.REEL)]
    runs = [score_drafts(account, drafts, seed=seed) for seed in range(5)]
    values = {
        "carousel explore": [run[0].surfaces[Surface.EXPLORE].reach.p50 for run in runs],
        "reel explore": [run[1].surfaces[Surface.EXPLORE].reach.p50 for run in runs],
        "reels": [run[1].surfaces[Surface.REELS].reach.p50 for run in runs],
        "reel total": [run[1].total.p50 for run in runs],
    }
    for name, medians in values.items():
        assert max(medians) <= 1.02 * min(medians), (name, medians)


@pytest.mark.parametrize("followers", [2_000, 40_000])
def test_conditioned_medians_agree_with_the_plain_median_of_many_samples(followers: int) -> None:
    account = make_account(followers, 0.015)
    drafts = [make_draft(Format.REEL)]
    (conditioned,) = score_drafts(account, drafts, seed=1)
    (plain,) = score_drafts(account, drafts, seed=2, settings=PLAIN.with_samples(16384))
    # Within 3 %, or within two accounts where a median is a few dozen accounts (Explore's
    # typical test audience), where one account is several percent.
    for surface in (Surface.EXPLORE, Surface.REELS):
        estimate = conditioned.surfaces[surface].reach
        assert estimate.p10 <= estimate.p50 <= estimate.p90
        assert estimate.p50 == pytest.approx(plain.surfaces[surface].reach.p50, rel=0.03, abs=2)
    assert conditioned.total.p50 == pytest.approx(plain.total.p50, rel=0.03, abs=2)


def test_conditioning_changes_only_the_medians_it_conditions() -> None:
    account = make_account(10_000, 0.015)
    drafts = [make_draft(fmt) for fmt in Format]
    plain = score_drafts(account, drafts, settings=PLAIN)
    conditioned = score_drafts(account, drafts)
    for before, after in zip(plain, conditioned, strict=True):
        for surface in Surface:
            old, new = before.surfaces[surface].reach, after.surfaces[surface].reach
            assert (old.p10, old.p90, old.mean) == (new.p10, new.p90, new.mean)
            if surface in (Surface.FEED, Surface.STORIES) or not new.p50:
                assert old.p50 == new.p50
        reels_before, reels_after = before.surfaces[Surface.REELS], after.surfaces[Surface.REELS]
        assert reels_before.followers == reels_after.followers
        assert reels_before.non_followers == reels_after.non_followers
        assert before.actions == after.actions
        old, new = before.total, after.total
        assert (old.p10, old.p90, old.mean) == (new.p10, new.p90, new.mean)
        if before.draft.format is Format.STORY:  # a story's reach does not read the appeal
            assert old.p50 == new.p50
