"""Vectorised kernels of the Monte Carlo on (rows, samples) float32 arrays.

Counts are drawn from a normal variate each, by the Wilson-Hilferty transform, so that a
changed input changes a count's size but never which random number it uses (common random
numbers). Nothing here knows what the rows or the counts stand for.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from igalgo.engine.arrays import SAMPLE_DTYPE, FloatArray, SampleArray


def sample_count(expected: SampleArray, normal: SampleArray, success: SampleArray) -> SampleArray:
    """Draw counts with mean ``expected`` and binomial variance from standard normals.

    Wilson-Hilferty: ``expected * (1 - c + z * sqrt(c))**3`` with ``c = 1 / (9 * expected)``
    is the classic normal approximation of a Gamma(expected) variable, whose mean and variance
    equal those of a Poisson count. Shrinking the deviation by ``sqrt(1 - success)`` gives
    binomial variance ``n p (1 - p)``. Negative values (rare, for small means) become 0.
    """
    shrink = np.sqrt(np.clip(1.0 - success, 0.0, 1.0))
    factor = count_factor(expected, normal, shrink, np.empty_like(expected), None)
    factor *= expected
    return factor


def count_factor(
    expected: SampleArray,
    normal: SampleArray,
    shrink: SampleArray,
    scratch: SampleArray,
    zeros: SampleArray | None,
) -> SampleArray:
    """Drawn count / expected count (a new array); ``scratch`` is overwritten; ``zeros``, if
    given, is an array of zeros of the same shape (kept by callers that draw many times).

    ``max(0, 1 + ((1 - c + z sqrt(c))**3 - 1) * shrink)`` with ``c = 1 / (9 expected)``; the
    cube less one is written ``u (3 + u (3 + u))`` with ``u = sqrt(c) (z - sqrt(c))``.
    """
    root = np.multiply(expected, np.float32(9.0), out=scratch)
    root += np.float32(9e-12)  # an expected count of 0 draws 0, without dividing by zero
    np.sqrt(root, out=root)
    np.reciprocal(root, out=root)  # sqrt(c)
    base = np.subtract(normal, root)
    base *= root  # u
    cube = np.add(base, np.float32(3.0), out=root)
    cube *= base
    cube += np.float32(3.0)
    cube *= base  # (1 + u)**3 - 1
    cube *= shrink
    cube += np.float32(1.0)
    # Against an array of zeros: numpy's maximum with a scalar is several times slower.
    if zeros is None:
        zeros = base
        zeros.fill(0.0)
    np.maximum(cube, zeros, out=base)
    return base


def single(values: FloatArray) -> SampleArray:
    return values.astype(SAMPLE_DTYPE)


def lognormal(normal: SampleArray, log_sd: float) -> SampleArray:
    """A mean-1 log-normal multiplier from standard normals."""
    result: SampleArray = np.exp(np.float32(log_sd) * normal - np.float32(log_sd**2 / 2.0))
    return result


def power(values: SampleArray, exponent: float) -> SampleArray:
    if exponent == 1.0:
        return values
    if exponent == 0.5:  # np.sqrt is several times faster than np.power
        return np.sqrt(values)
    result: SampleArray = values ** np.float32(exponent)
    return result


def binomial_draw(mean: SampleArray, normal: SampleArray, population: float) -> SampleArray:
    """A draw of how many of ``population`` are reached, given the mean.

    The sum of independent Bernoulli trials (one per member) is drawn from a normal with the
    binomial variance of the mean probability, m (1 - m / n): it bounds the exact
    sum_k n_k p_k (1 - p_k) of groups with different chances from above and needs no pass
    per group.
    """
    if population <= 0.0:
        return np.zeros_like(mean)
    spread = mean * np.float32(-1.0 / population)
    spread += np.float32(1.0)
    spread *= mean
    scratch = np.empty_like(spread)
    clip_in_place(spread, 0.0, None, scratch)
    np.sqrt(spread, out=spread)
    spread *= normal
    spread += mean
    clip_in_place(spread, 0.0, population, scratch)
    return spread


def clip_in_place(
    values: SampleArray, low: float, high: float | None, scratch: SampleArray
) -> None:
    """Clip ``values`` in place to ``[low, high]`` (``scratch`` is overwritten): against
    filled arrays, as numpy's maximum and minimum with a scalar are several times slower."""
    scratch.fill(low)
    np.maximum(values, scratch, out=values)
    if high is not None:
        scratch.fill(high)
        np.minimum(values, scratch, out=values)


def union(parts: Sequence[SampleArray], size: float) -> SampleArray:
    """Unique accounts reached by several surfaces, assuming independence within ``size``:
    ``size * (1 - prod(1 - part / size))``, built up as ``u + p (1 - u / size)`` (exact in
    float32 also for tiny parts, and no logarithms)."""
    if size <= 0.0:
        return np.zeros_like(parts[0])
    result = parts[0].copy()
    for part in parts[1:]:
        left = result * np.float32(-1.0 / size)
        left += np.float32(1.0)
        left *= part
        result += left
    return result


def log_reach(values: SampleArray) -> SampleArray:
    """Natural log of at least one hundredth of an account (never -inf)."""
    result: SampleArray = np.maximum(values, np.float32(0.01))
    return np.log(result, out=result)
