"""Use cases that the command line and library users call."""

from __future__ import annotations

from collections.abc import Sequence

from igalgo.domain import Account, Draft, DraftEstimate
from igalgo.world.simulation import ModelParams, simulate_drafts

__all__ = ["DEFAULT_SAMPLES", "ModelParams", "score_drafts"]

DEFAULT_SAMPLES: int = 1024
"""Monte Carlo samples per draft when the caller does not say. A power of two, so the Sobol
points are balanced; enough to reproduce feed, stories and total P50 within 2 % across seeds
(tests/test_statistics.py), Explore and Reels P50 too, as those are conditioned on the
draft's appeal (tests/test_conditioning.py)."""


def score_drafts(
    account: Account,
    drafts: Sequence[Draft],
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
    compete: bool = True,
    params: ModelParams | None = None,
) -> list[DraftEstimate]:
    """Estimate reach per surface, total unique reach and expected actions for each draft.

    On Linux, a call with more drafts than one chunk (``SimulationParams.chunk_elements``
    draft-samples) runs its chunks in two worker processes that stay up for later calls
    (:mod:`igalgo.engine.workers`; ``SimulationParams(workers=1)`` keeps everything in this
    process; the numbers are the same).

    ``compete=True`` treats the drafts as one schedule: the account's drafts published close
    together compete with each other. ``compete=False`` scores each draft as if it were the
    account's only new post. The same ``seed`` gives the same random draws for the i-th draft,
    so a counterfactual (same draft, one field changed) differs only by that change.
    """
    if samples < 1:
        raise ValueError(f"samples must be at least 1, got {samples}")
    return simulate_drafts(
        account,
        drafts,
        samples=samples,
        seed=seed,
        compete=compete,
        params=params or ModelParams(),
    )
