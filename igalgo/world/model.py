"""The model's front door: reach estimates of drafts for an account."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from igalgo.domain import Account, Draft, DraftEstimate
from igalgo.engine.arrays import FloatArray
from igalgo.engine.settings import DEFAULT_SAMPLES, DEFAULT_SETTINGS, EngineSettings
from igalgo.world.params import ModelParams
from igalgo.world.simulation import simulate_drafts, simulate_schedules, simulate_typical_at

__all__ = [
    "DEFAULT_PARAMS",
    "DEFAULT_SAMPLES",
    "EngineSettings",
    "ModelParams",
    "score_drafts",
    "score_kept",
    "score_schedules",
    "typical_at",
]

DEFAULT_PARAMS = ModelParams()
"""The calibrated model."""


def score_drafts(
    account: Account,
    drafts: Sequence[Draft],
    *,
    seed: int = 0,
    compete: bool = True,
    params: ModelParams | None = None,
    settings: EngineSettings | None = None,
) -> list[DraftEstimate]:
    """Estimate reach per surface, total unique reach and expected actions for each draft.

    ``compete=True`` treats the drafts as one schedule: the account's drafts published close
    together compete with each other. ``compete=False`` scores each draft as if it were the
    account's only new post. The same ``seed`` gives the same random draws for the i-th draft,
    so a counterfactual (same draft, one field changed) differs only by that change.

    Runs in the calling process unless ``settings.workers`` asks for worker processes
    (:mod:`igalgo.engine.workers`); the numbers are the same either way.
    """
    return simulate_drafts(
        account,
        drafts,
        seed=seed,
        compete=compete,
        params=params or DEFAULT_PARAMS,
        settings=settings or DEFAULT_SETTINGS,
    )


def score_schedules(
    account: Account,
    schedules: Sequence[Sequence[Draft]],
    keep: Sequence[Sequence[int]],
    *,
    seed: int = 0,
    params: ModelParams | None = None,
    settings: EngineSettings | None = None,
) -> list[FloatArray]:
    """The medians of the posts at ``keep[k]`` of each schedule ``schedules[k]``, as
    ``score_drafts(schedule, compete=True)`` gives them, for many schedules in one call: the
    posts of a schedule compete among themselves only, and only the posts kept are sampled.
    One (kept, 1 + surfaces) array per schedule: total reach, then each surface in ``Surface``
    order (0 where the format cannot show)."""
    return simulate_schedules(
        account,
        schedules,
        keep,
        seed=seed,
        params=params or DEFAULT_PARAMS,
        settings=settings or DEFAULT_SETTINGS,
    )


def typical_at(
    account: Account,
    drafts: Sequence[Draft],
    times: Sequence[Sequence[datetime]],
    *,
    seed: int = 0,
    params: ModelParams | None = None,
    settings: EngineSettings | None = None,
) -> list[FloatArray]:
    """For each draft on its own (``compete=False``) at each of ``times[i]``: the median
    total reach and the median reach of each surface in ``Surface`` order (0 where the format
    cannot show), one row per time; the medians ``score_drafts`` gives the moved copies."""
    return simulate_typical_at(
        account,
        drafts,
        times,
        seed=seed,
        params=params or DEFAULT_PARAMS,
        settings=settings or DEFAULT_SETTINGS,
    )


def score_kept(
    account: Account,
    drafts: Sequence[Draft],
    keep: Sequence[int],
    *,
    seed: int = 0,
    params: ModelParams | None = None,
    settings: EngineSettings | None = None,
) -> list[DraftEstimate]:
    """The estimates ``score_drafts(drafts, compete=True)`` gives the drafts at ``keep``, in
    that order, without sampling the others (they are there as the schedule)."""
    return simulate_drafts(
        account,
        drafts,
        seed=seed,
        compete=True,
        params=params or DEFAULT_PARAMS,
        settings=settings or DEFAULT_SETTINGS,
        keep=keep,
    )
