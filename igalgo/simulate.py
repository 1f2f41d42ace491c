"""Monte Carlo of a draft's reach: the only module of igalgo that uses randomness.

Provisional first version: a crude per-surface model behind the final API, so that the rest of
igalgo can be built on it. The staged-distribution model replaces it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from igalgo.domain import (
    FORMAT_SURFACES,
    ZERO_QUANTILES,
    Account,
    Actions,
    Draft,
    DraftEstimate,
    Format,
    Quantiles,
    Surface,
    SurfaceEstimate,
)


@dataclass(frozen=True)
class SimulationParams:
    """Monte Carlo settings."""

    reach_log_sd: float = 0.4
    """Log-normal spread of non-follower reach. Assumption."""


@dataclass(frozen=True)
class ModelParams:
    """Every parameter of the model, grouped per surface."""

    simulation: SimulationParams = field(default_factory=SimulationParams)


_FOLLOWER_RATE = {
    Surface.FEED: 0.15,
    Surface.STORIES: 0.07,
    Surface.EXPLORE: 0.0,
    Surface.REELS: 0.1,
}
_NON_FOLLOWER_RATE = {
    Surface.FEED: 0.0,
    Surface.STORIES: 0.0,
    Surface.EXPLORE: 0.05,
    Surface.REELS: 1.0,
}


def _quantiles(values: np.ndarray) -> Quantiles:
    p10, p50, p90 = np.percentile(values, [10, 50, 90])
    return Quantiles(float(p10), float(p50), float(p90), float(values.mean()))


def simulate_drafts(
    account: Account,
    drafts: Sequence[Draft],
    *,
    samples: int,
    seed: int,
    compete: bool,
    params: ModelParams,
) -> list[DraftEstimate]:
    """Estimate every draft's reach per surface (provisional crude model)."""
    rng = np.random.default_rng(seed)
    noise = rng.standard_normal((2, samples))
    results = []
    followers = float(account.followers)
    for draft in drafts:
        surfaces = {}
        totals = np.zeros(samples)
        for surface in Surface:
            if surface not in FORMAT_SURFACES[draft.format]:
                surfaces[surface] = SurfaceEstimate(surface, False, ZERO_QUANTILES, 0.0, 0.0)
                continue
            rate = _FOLLOWER_RATE[surface] * (1.2 if draft.format is Format.CAROUSEL else 1.0)
            from_followers = followers * rate * np.exp(0.1 * noise[0] - 0.005)
            sd = params.simulation.reach_log_sd
            from_others = (
                followers * _NON_FOLLOWER_RATE[surface] * np.exp(sd * noise[1] - sd * sd / 2)
            )
            reach = from_followers + from_others
            totals += reach
            surfaces[surface] = SurfaceEstimate(
                surface,
                True,
                _quantiles(reach),
                float(np.median(from_followers)),
                float(np.median(from_others)),
            )
        engaged = float(totals.mean()) * account.interaction.engagement_rate
        actions = Actions(
            likes=engaged * 0.85,
            comments=engaged * 0.05,
            saves=engaged * 0.06,
            shares=engaged * 0.04,
            profile_visits=engaged * 0.3,
            follows=engaged * 0.05,
        )
        results.append(DraftEstimate(draft, surfaces, _quantiles(totals), actions))
    return results
