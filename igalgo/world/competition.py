"""Competition for a viewer's attention within one session.

A session shows only the first few posts of a ranked inventory: the draft's value relative to
competing posts sets its rank, and the session depth decides whether that rank is seen (the
seed's market with more supply than demand).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from igalgo.engine.arrays import FloatArray


def seen_probability(
    log_value: NDArray[np.floating[Any]],
    inventory: NDArray[np.floating[Any]] | float,
    depth: float,
    shape: float,
) -> FloatArray:
    """Chance that a post with relative value ``exp(log_value)`` is seen in one session.

    Competing posts' values follow a log-logistic distribution around the reference value
    (shape ``shape``), so a post of relative value v is outranked by a competitor with
    probability ``1 / (1 + v**shape)``; its expected rank among ``inventory`` competitors is
    ``inventory / (1 + v**shape)``. Session depth (posts looked at) is exponential with mean
    ``depth``, so the rank is reached with probability ``exp(-rank / depth)``.
    """
    # float32 is ample for a probability and halves the cost of the exponentials.
    advantage = np.exp(np.float32(shape) * log_value.astype(np.float32))
    advantage += np.float32(1.0)
    rank = np.divide(np.float32(1.0 / depth) * np.asarray(inventory, dtype=np.float32), advantage)
    result: FloatArray = np.exp(-rank).astype(np.float64)
    return result
