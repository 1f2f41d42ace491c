"""Followers reached from their expected exposure, tier by tier."""

from __future__ import annotations

import numpy as np

from igalgo.engine.arrays import SAMPLE_DTYPE, FloatArray, SampleArray
from igalgo.engine.kernels import single
from igalgo.world.draws import Draws


def followers_reached(
    exposure: FloatArray,
    shared: Draws,
    appeal: SampleArray,
    retention: FloatArray | None = None,
) -> tuple[SampleArray, SampleArray]:
    """Mean followers reached and follower interaction units, per draft and sample, when a
    tier-k follower is reached with probability ``1 - exp(-D exposure_k)`` (times
    ``retention``, e.g. the share of a story's viewers still watching at its frame).

    Units are reached followers times their tier's interaction level times the drafts'
    ``appeal`` (broadcastable to drafts x samples): what interactions are counted in. Tier by
    tier on (drafts, samples) arrays, as ``N - sum_k N_k exp(-D exposure_k)``: no (drafts,
    tiers, samples) array and no ``expm1``; in float32 the absolute error stays under 1e-7
    accounts per follower.
    """
    count = exposure.shape[0]
    missed = np.zeros((count, shared.day.size), dtype=SAMPLE_DTYPE)
    missed_units = np.zeros_like(missed)
    minus_day = -shared.day
    term = np.empty_like(missed)
    for k, size in enumerate(shared.model.tiers.tolist()):
        np.multiply(single(exposure[:, k : k + 1]), minus_day, out=term)
        np.exp(term, out=term)
        missed_units += shared.level_weights[k] * term
        term *= np.float32(size)
        missed += term
    mean = np.subtract(np.float32(shared.model.tiers.sum()), missed, out=missed)
    units = np.subtract(shared.level_weights.sum(), missed_units, out=missed_units)
    np.maximum(units, np.float32(0.0), out=units)  # rounding: never below nobody
    units *= appeal
    if retention is not None:
        mean *= single(retention)[:, None]
        units *= single(retention)[:, None]
    return mean, units
