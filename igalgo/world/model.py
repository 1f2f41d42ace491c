"""The model's front door: reach estimates of drafts for an account."""

from __future__ import annotations

from collections.abc import Sequence

from igalgo.domain import Account, Draft, DraftEstimate
from igalgo.engine.settings import DEFAULT_SAMPLES, DEFAULT_SETTINGS, EngineSettings
from igalgo.world.params import ModelParams
from igalgo.world.simulation import simulate_drafts

__all__ = ["DEFAULT_PARAMS", "DEFAULT_SAMPLES", "EngineSettings", "ModelParams", "score_drafts"]

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
