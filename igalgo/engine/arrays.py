"""The array types of the Monte Carlo."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

SAMPLE_DTYPE = np.float32
"""Floating type of every (rows, samples) array: counts of accounts need no more precision,
and it halves the memory traffic that dominates the cost."""

SampleArray = NDArray[np.float32]
"""A (rows, samples) or (samples,) array of sampled values."""

FloatArray = NDArray[np.float64]
"""Per-row quantities and summaries, in double precision."""

IntArray = NDArray[np.int64]
"""Indices and counts."""

BoolArray = NDArray[np.bool_]
"""Masks."""
