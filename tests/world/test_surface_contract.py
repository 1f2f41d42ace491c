"""One contract, checked on every registered surface module (in the spirit of scikit-learn's
``parametrize_with_checks``): each check takes a surface module, and each (module, check)
pair is its own test, so ``-k stories`` checks one surface on its own.

Each surface owns its context, value model and sampling; whatever they are, a surface must:
be registered in ``Surface`` order and keep its declared sides (a followers-only surface
reaches no non-followers, and so on); give an ineligible format no reach; build a context
whose rows can be taken apart; never lose reach when the draft's appeal, its quality or the
account's followers rise; give the same numbers for any chunking, worker count and position in
the batch; give the same numbers for the same seed; and give finite, non-negative, ordered
quantiles.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import fields, replace
from typing import Any

import numpy as np
import pytest

from igalgo.domain import FORMAT_SURFACES, Draft, Format, Quality, Surface
from igalgo.engine.settings import EngineSettings
from igalgo.world.draws import APPEAL, ReachSamples
from igalgo.world.model import DEFAULT_PARAMS, Simulation, score_drafts
from igalgo.world.sampling import sample_chunk
from igalgo.world.schedule import ScheduleContext
from igalgo.world.simulation import prepare
from igalgo.world.surfaces.registry import SURFACE_MODULES, SURFACES
from igalgo.world.surfaces.surface import SurfaceModule
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
RUN = Simulation(ACCOUNT, DEFAULT_PARAMS, SETTINGS)


def shown(module: SurfaceModule, **changes: Any) -> Draft:
    return replace(make_draft(SHOWN_BY[module.SURFACE]), **changes)


def series(module: SurfaceModule, count: int, hours: float) -> list[Draft]:
    at = [shifted(WEDNESDAY_19H, hours * i) for i in range(count)]
    return [shown(module, id=f"d{i}", publish_at=when) for i, when in enumerate(at)]


def median(module: SurfaceModule, **changes: Any) -> float:
    (estimate,) = score_drafts(ACCOUNT, [shown(module, **changes)], settings=SETTINGS)
    return estimate.surfaces[module.SURFACE].reach.p50


def sampled(module: SurfaceModule, normals_shift: float = 0.0) -> ReachSamples:
    model, context, normals, (chunk,) = prepare(RUN, [shown(module)], False)
    normals = normals.copy()
    normals[APPEAL] += np.float32(normals_shift)
    return sample_chunk(chunk, model, context, normals, DEFAULT_PARAMS)


def check_registered_in_surface_order(module: SurfaceModule) -> None:
    assert SURFACES[SURFACE_MODULES.index(module)] is module.SURFACE
    assert tuple(Surface) == SURFACES
    assert module.competition_hours(DEFAULT_PARAMS) >= 1


def check_declared_sides(module: SurfaceModule) -> None:
    samples = sampled(module)
    followers = samples.followers[module.SURFACE][0]
    others = samples.non_followers[module.SURFACE][0]
    assert (followers.max() > 0.0) == module.REACHES_FOLLOWERS
    assert (others.max() > 0.0) == module.REACHES_NON_FOLLOWERS
    assert np.all(samples.unique[0] >= np.maximum(followers, others) * (1 - 1e-6))


def check_ineligible_format_reaches_nobody(module: SurfaceModule) -> None:
    for fmt in Format:
        (estimate,) = score_drafts(ACCOUNT, [make_draft(fmt)], settings=SETTINGS)
        reached = estimate.surfaces[module.SURFACE]
        assert reached.eligible == (module.SURFACE in FORMAT_SURFACES[fmt])
        if not reached.eligible:
            assert reached.reach.p90 == reached.reach.mean == reached.followers == 0.0
            assert reached.non_followers == 0.0


def check_context_rows_can_be_taken_apart(module: SurfaceModule) -> None:
    drafts = [
        shown(module, id=f"d{i}", publish_at=shifted(WEDNESDAY_19H, 3.0 * i)) for i in range(5)
    ]
    rows = np.array([3, 1])
    whole = prepare(RUN, drafts, True)[1]
    kept = prepare(RUN, drafts, True, rows=rows)[1]
    for context in (whole.take(rows), kept):
        assert isinstance(context, ScheduleContext)
        own = context.surfaces[module.SURFACE]
        expected = whole.surfaces[module.SURFACE]
        for field in fields(own):
            assert np.array_equal(getattr(own, field.name), getattr(expected, field.name)[rows])


def check_reach_never_falls_as_the_appeal_rises(module: SurfaceModule) -> None:
    # The same draws with the appeal's row shifted up: sample by sample, never less reach.
    before = sampled(module).reach(module.SURFACE)[0]
    after = sampled(module, 0.5).reach(module.SURFACE)[0]
    assert np.all(after >= before * (1 - 1e-5) - 1e-4)
    if module.SURFACE is not Surface.STORIES:  # a story's tray position ignores the appeal
        assert after.mean() > before.mean()


def check_reach_never_falls_as_quality_rises(module: SurfaceModule) -> None:
    medians = [median(module, quality=quality) for quality in Quality]  # low, standard, high
    assert medians == sorted(medians)
    assert medians[-1] > medians[0]


def check_reach_never_falls_as_followers_grow(module: SurfaceModule) -> None:
    medians = [
        score_drafts(make_account(followers, 0.02), [shown(module)], settings=SETTINGS)[0]
        .surfaces[module.SURFACE]
        .reach.p50
        for followers in (0, 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000)
    ]
    # Within the Monte Carlo's precision below 10 followers (tests/world/test_no_cliffs.py).
    assert all(later >= 0.99 * earlier for earlier, later in itertools.pairwise(medians))


def check_chunking_workers_and_batch_position_change_nothing(module: SurfaceModule) -> None:
    drafts = [
        shown(module, id=f"d{i}", publish_at=shifted(WEDNESDAY_19H, 7.0 * i)) for i in range(12)
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


def check_the_same_seed_gives_the_same_numbers(module: SurfaceModule) -> None:
    draft = shown(module)
    first = score_drafts(ACCOUNT, [draft], settings=SETTINGS, seed=4)
    assert score_drafts(ACCOUNT, [draft], settings=SETTINGS, seed=4) == first
    other = score_drafts(ACCOUNT, [draft], settings=SETTINGS, seed=5)
    assert other[0].surfaces[module.SURFACE] != first[0].surfaces[module.SURFACE]


def check_numbers_are_finite_non_negative_and_ordered(module: SurfaceModule) -> None:
    for followers in (0, 1, 250, 40_000, 5_000_000):
        account = make_account(followers, 0.05)
        (estimate,) = score_drafts(account, [shown(module)], settings=SETTINGS)
        reached = estimate.surfaces[module.SURFACE]
        values = [*vars(reached.reach).values(), reached.followers, reached.non_followers]
        assert all(math.isfinite(value) and value >= 0.0 for value in values)
        assert reached.reach.p10 <= reached.reach.p50 <= reached.reach.p90
        assert reached.reach.p90 <= estimate.total.p90 + 1e-6


CHECKS: tuple[Callable[[SurfaceModule], None], ...] = (
    check_registered_in_surface_order,
    check_declared_sides,
    check_ineligible_format_reaches_nobody,
    check_context_rows_can_be_taken_apart,
    check_reach_never_falls_as_the_appeal_rises,
    check_reach_never_falls_as_quality_rises,
    check_reach_never_falls_as_followers_grow,
    check_chunking_workers_and_batch_position_change_nothing,
    check_the_same_seed_gives_the_same_numbers,
    check_numbers_are_finite_non_negative_and_ordered,
)


@pytest.mark.parametrize(
    ("module", "check"),
    [(module, check) for module in SURFACE_MODULES for check in CHECKS],
    ids=[
        f"{m.SURFACE}-{c.__name__.removeprefix('check_')}" for m in SURFACE_MODULES for c in CHECKS
    ],
)
def test_surface_contract(module: SurfaceModule, check: Callable[[SurfaceModule], None]) -> None:
    check(module)
