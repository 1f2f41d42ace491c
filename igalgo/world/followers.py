"""Followers reached from their expected exposure, tier by tier."""

from __future__ import annotations

import numpy as np

from igalgo.engine.arrays import SAMPLE_DTYPE, FloatArray, SampleArray
from igalgo.engine.kernels import sample_mean, single
from igalgo.world.draws import Draws


def followers_reached(
    exposure: FloatArray, shared: Draws, retention: FloatArray | None = None
) -> tuple[SampleArray, FloatArray]:
    """Mean followers reached per draft and sample, and expected follower interaction units
    per draft, when a tier-k follower is reached with probability ``1 - exp(-D exposure_k)``
    (times ``retention``, the share of a story's viewers still watching at its frame).

    Tier by tier on (drafts, samples) arrays, as ``N - sum_k N_k exp(-D exposure_k)``: no
    (drafts, tiers, samples) array and no ``expm1`` (several times slower than ``exp``); in
    float32 the absolute error stays under 1e-7 accounts per follower.
    """
    count = exposure.shape[0]
    missed = np.zeros((count, shared.day.size), dtype=SAMPLE_DTYPE)
    missed_units = np.zeros(count)
    minus_day = -shared.day
    for k, size in enumerate(shared.model.tiers.tolist()):
        term = single(exposure[:, k : k + 1]) * minus_day
        np.exp(term, out=term)
        missed_units += float(shared.level_weights[k]) * sample_mean(term, shared.appeal)
        term *= np.float32(size)
        missed += term
    mean = np.subtract(np.float32(shared.model.tiers.sum()), missed, out=missed)
    all_units = float(shared.level_weights.sum()) * float(shared.appeal.mean(dtype=np.float64))
    units = np.maximum(all_units - missed_units, 0.0)  # rounding: never below nobody
    if retention is not None:
        mean *= single(retention)[:, None]
        units *= retention
    return mean, units
