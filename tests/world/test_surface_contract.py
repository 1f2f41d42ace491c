"""One contract, checked on every surface (in the spirit of scikit-learn's check_estimator).

Each surface owns its candidates, value model and sampling; whatever they are, a surface must:
give an ineligible format no reach; never lose reach when the draft's appeal, its quality or
the account's followers rise; give the same numbers for any chunking, worker count and
position in the batch; give the same numbers for the same seed; and give finite,
non-negative, ordered quantiles.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import replace

import numpy as np
import pytest

from igalgo.domain import FORMAT_SURFACES, Format, Quality, Surface
from igalgo.engine.settings import EngineSettings
from igalgo.world.draws import APPEAL
from igalgo.world.model import DEFAULT_PARAMS, score_drafts
from igalgo.world.sampling import sample_chunk
from igalgo.world.simulation import prepare
from tests.engine_helpers import WEDNESDAY_19H, make_account, make_draft, shifted

SHOWN_BY = {
    Surface.FEED: Format.PHOTO,
    Surface.STORIES: Format.STORY,
    Surface.EXPLORE: Format.CAROUSEL,
    Surface.REELS: Format.REEL,
}
"""A format each surface shows."""

ACCOUNT = make_account(12_000, 0.02)
SETTINGS = EngineSettings(samples=256)


def median(surface: Surface, **changes: object) -> float:
    draft = replace(make_draft(SHOWN_BY[surface]), **changes)
    (estimate,) = score_drafts(ACCOUNT, [draft], settings=SETTINGS)
    return estimate.surfaces[surface].reach.p50


@pytest.mark.parametrize("surface", list(Surface))
def test_a_format_the_surface_cannot_show_reaches_nobody_there(surface: Surface) -> None:
    for fmt in Format:
        (estimate,) = score_drafts(ACCOUNT, [make_draft(fmt)], settings=SETTINGS)
        shown = estimate.surfaces[surface]
        assert shown.eligible == (surface in FORMAT_SURFACES[fmt])
        if not shown.eligible:
            assert shown.reach.p90 == shown.reach.mean == shown.followers == 0.0
            assert shown.non_followers == 0.0


@pytest.mark.parametrize("surface", list(Surface))
def test_reach_never_falls_as_the_appeal_rises(surface: Surface) -> None:
    # The same draws with the appeal's row shifted up: sample by sample, never less reach.
    draft = make_draft(SHOWN_BY[surface])
    model, context, normals, (chunk,) = prepare(
        ACCOUNT, [draft], 0, False, DEFAULT_PARAMS, SETTINGS
    )
    base = sample_chunk(chunk, model, context, normals, DEFAULT_PARAMS)
    raised = normals.copy()
    raised[APPEAL] += np.float32(0.5)
    better = sample_chunk(chunk, model, context, raised, DEFAULT_PARAMS)
    before, after = base.reach(surface)[0], better.reach(surface)[0]
    assert np.all(after >= before * (1 - 1e-5) - 1e-4)
    if surface is not Surface.STORIES:  # a story's tray position does not read the appeal
        assert after.mean() > before.mean()


@pytest.mark.parametrize("surface", list(Surface))
def test_reach_never_falls_as_quality_rises(surface: Surface) -> None:
    medians = [median(surface, quality=quality) for quality in Quality]  # low, standard, high
    assert medians == sorted(medians)
    assert medians[-1] > medians[0]


@pytest.mark.parametrize("surface", list(Surface))
def test_reach_never_falls_as_followers_grow(surface: Surface) -> None:
    draft = make_draft(SHOWN_BY[surface])
    medians = [
        score_drafts(make_account(followers, 0.02), [draft], settings=SETTINGS)[0]
        .surfaces[surface]
        .reach.p50
        for followers in (0, 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000)
    ]
    # Within the Monte Carlo's precision below 10 followers (tests/world/test_no_cliffs.py).
    assert all(later >= 0.99 * earlier for earlier, later in itertools.pairwise(medians))


@pytest.mark.parametrize("surface", list(Surface))
def test_chunking_workers_and_batch_position_change_nothing(surface: Surface) -> None:
    drafts = [
        replace(make_draft(SHOWN_BY[surface], shifted(WEDNESDAY_19H, 7.0 * i)), id=f"d{i}")
        for i in range(12)
    ]
    whole = score_drafts(ACCOUNT, drafts, settings=SETTINGS)
    for settings in (
        replace(SETTINGS, chunk_elements=SETTINGS.samples),  # one draft a chunk
        replace(SETTINGS, chunk_elements=3 * SETTINGS.samples, workers=2),
    ):
        assert score_drafts(ACCOUNT, drafts, settings=settings) == whole
    alone = score_drafts(ACCOUNT, drafts, settings=SETTINGS, compete=False)
    backwards = score_drafts(ACCOUNT, drafts[::-1], settings=SETTINGS, compete=False)
    assert backwards[::-1] == alone


@pytest.mark.parametrize("surface", list(Surface))
def test_the_same_seed_gives_the_same_numbers(surface: Surface) -> None:
    draft = make_draft(SHOWN_BY[surface])
    first = score_drafts(ACCOUNT, [draft], settings=SETTINGS, seed=4)
    assert score_drafts(ACCOUNT, [draft], settings=SETTINGS, seed=4) == first
    other = score_drafts(ACCOUNT, [draft], settings=SETTINGS, seed=5)
    assert other[0].surfaces[surface] != first[0].surfaces[surface]


@pytest.mark.parametrize("surface", list(Surface))
@pytest.mark.parametrize("followers", [0, 1, 250, 40_000, 5_000_000])
def test_numbers_are_finite_non_negative_and_ordered(surface: Surface, followers: int) -> None:
    account = make_account(followers, 0.05)
    (estimate,) = score_drafts(account, [make_draft(SHOWN_BY[surface])], settings=SETTINGS)
    shown = estimate.surfaces[surface]
    values = [*vars(shown.reach).values(), shown.followers, shown.non_followers]
    assert all(math.isfinite(value) and value >= 0.0 for value in values)
    assert shown.reach.p10 <= shown.reach.p50 <= shown.reach.p90
    assert shown.reach.p90 <= estimate.total.p90 + 1e-6
