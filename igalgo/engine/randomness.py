"""The random numbers of the Monte Carlo: the one place of igalgo that draws them.

:func:`random_normals` returns a fixed (dimension, sample) block of standard normals for a
seed: a Sobol sequence (quasi-Monte Carlo, Joe & Kuo direction numbers) shifted at random by
the standard library's ``random.Random(seed)`` and mapped to normals by Wichura's AS 241.
Callers give each random quantity a row of the block; every row of a call uses the same
block (common random numbers).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from igalgo.engine.arrays import SAMPLE_DTYPE, SampleArray

_SOBOL_BITS = 30
_SOBOL_POLYNOMIALS = (1, 3, 7, 11, 13, 19, 25, 37, 41, 47, 55, 59, 61, 67, 91, 97, 103)
_SOBOL_INITIAL: tuple[tuple[int, ...], ...] = (
    (1,),
    (1,),
    (1, 3),
    (1, 3, 1),
    (1, 1, 1),
    (1, 1, 3, 3),
    (1, 3, 5, 13),
    (1, 1, 5, 5, 17),
    (1, 1, 5, 5, 5),
    (1, 1, 7, 11, 19),
    (1, 1, 5, 1, 1),
    (1, 1, 1, 3, 11),
    (1, 3, 5, 5, 31),
    (1, 3, 3, 9, 7, 49),
    (1, 1, 1, 15, 21, 21),
    (1, 3, 1, 13, 27, 49),
    (1, 1, 1, 15, 7, 5),
)
"""Primitive polynomials and initial direction numbers of the first 17 Sobol dimensions:
Joe & Kuo (2008), new-joe-kuo-6.21201 (the table SciPy's ``qmc.Sobol`` uses)."""


def _direction_numbers(polynomial: int, initial: tuple[int, ...]) -> list[int]:
    """Sobol direction numbers of one dimension, scaled to ``_SOBOL_BITS`` bits."""
    if polynomial == 1:
        numbers = [1] * _SOBOL_BITS
    else:
        degree = polynomial.bit_length() - 1
        numbers = list(initial[:degree])
        for k in range(degree, _SOBOL_BITS):
            value = numbers[k - degree] ^ (numbers[k - degree] << degree)
            for i in range(1, degree):
                if (polynomial >> (degree - i)) & 1:
                    value ^= numbers[k - i] << i
            numbers.append(value)
    return [numbers[k] << (_SOBOL_BITS - 1 - k) for k in range(_SOBOL_BITS)]


def sobol_points(samples: int, dimensions: int) -> NDArray[np.int64]:
    """The first ``samples`` points of the (unscrambled) Sobol sequence as integers in
    [0, 2**30): shape (dimensions, samples)."""
    if dimensions > len(_SOBOL_POLYNOMIALS):
        raise ValueError(f"at most {len(_SOBOL_POLYNOMIALS)} Sobol dimensions")
    directions = np.array(
        [
            _direction_numbers(poly, init)
            for poly, init in zip(_SOBOL_POLYNOMIALS[:dimensions], _SOBOL_INITIAL, strict=False)
        ],
        dtype=np.int64,
    )
    index = np.arange(samples, dtype=np.int64)
    points = np.zeros((dimensions, samples), dtype=np.int64)
    for bit in range(_SOBOL_BITS):
        digit = (index >> bit) & 1
        if not digit.any():
            break
        points ^= digit[None, :] * directions[:, bit : bit + 1]
    return points


def resampled_rows(seed: int, draws: int, rows: int) -> NDArray[np.int64]:
    """``draws`` bootstrap resamples of ``rows`` rows (with replacement), (draws, rows),
    from a seeded generator: the same seed gives the same resamples."""
    picks: NDArray[np.int64] = np.random.default_rng(seed).integers(0, rows, size=(draws, rows))
    return picks


@lru_cache(maxsize=16)
def random_normals(seed: int, samples: int, dimensions: int) -> SampleArray:
    """A (dimensions, samples) block of standard normals from a randomised Sobol sequence.

    Quasi-Monte Carlo: the Sobol points fill the unit cube far more evenly than independent
    draws, which makes percentiles of reach much more stable for the same number of samples.
    A random digital shift per dimension (XOR with a random 30-bit integer from the standard
    library's ``random.Random(seed)``, whose integer seeding is reproducible across Python
    versions) makes every point uniformly distributed on the grid of 2**30 cells, whose
    midpoints are used: estimates stay unbiased (to 1e-9) and different seeds give different,
    equally valid blocks. Blocks are cached (read-only), as every score of the same seed and
    sample count uses the same one. The standard library's generator, not numpy's, as a short
    run would pay numpy.random's import for a few integers (docs/decisions/0001).
    """
    import random

    rng = random.Random(seed)
    shifts = np.array([[rng.getrandbits(_SOBOL_BITS)] for _ in range(dimensions)], dtype=np.int64)
    points = sobol_points(samples, dimensions) ^ shifts
    uniform = ((points + 0.5) / float(1 << _SOBOL_BITS)).astype(np.float64)
    normals = inverse_normal_cdf(uniform)
    result: SampleArray = normals.astype(SAMPLE_DTYPE)
    result.flags.writeable = False  # cached and shared: nobody may change it
    return result


# Wichura (1988), Algorithm AS 241 (PPND16): rational approximations of the standard normal
# quantile with a relative error below 1e-16, the algorithm of Python's NormalDist.inv_cdf.
_AS241_CENTRAL = (
    (
        3.387132872796366608,
        133.14166789178437745,
        1971.5909503065514427,
        13731.693765509461125,
        45921.953931549871457,
        67265.770927008700853,
        33430.575583588128105,
        2509.0809287301226727,
    ),
    (
        1.0,
        42.313330701600911252,
        687.1870074920579083,
        5394.1960214247511077,
        21213.794301586595867,
        39307.89580009271061,
        28729.085735721942674,
        5226.495278852854561,
    ),
)
_AS241_NEAR = (
    (
        1.42343711074968357734,
        4.6303378461565452959,
        5.7694972214606914055,
        3.64784832476320460504,
        1.27045825245236838258,
        0.24178072517745061177,
        0.0227238449892691845833,
        7.7454501427834140764e-4,
    ),
    (
        1.0,
        2.05319162663775882187,
        1.6763848301838038494,
        0.68976733498510000455,
        0.14810397642748007459,
        0.0151986665636164571966,
        5.475938084995344946e-4,
        1.05075007164441684324e-9,
    ),
)
_AS241_FAR = (
    (
        6.6579046435011037772,
        5.4637849111641143699,
        1.7848265399172913358,
        0.29656057182850489123,
        0.026532189526576123093,
        0.0012426609473880784386,
        2.71155556874348757815e-5,
        2.01033439929228813265e-7,
    ),
    (
        1.0,
        0.59983220655588793769,
        0.13692988092273580531,
        0.0148753612908506148525,
        7.868691311456132591e-4,
        1.8463183175100546818e-5,
        1.4215117583164458887e-7,
        2.04426310338993978564e-15,
    ),
)


def _ratio(
    coefficients: tuple[tuple[float, ...], tuple[float, ...]], x: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Numerator / denominator polynomials in ``x`` (coefficients from degree 0 up)."""
    numerator, denominator = (np.full_like(x, c[-1]) for c in coefficients)
    for a, b in zip(coefficients[0][-2::-1], coefficients[1][-2::-1], strict=True):
        numerator *= x
        numerator += a
        denominator *= x
        denominator += b
    result: NDArray[np.float64] = numerator / denominator
    return result


def inverse_normal_cdf(p: NDArray[np.float64]) -> NDArray[np.float64]:
    """The standard normal quantile of each probability in (0, 1), vectorised (AS 241)."""
    q = p - 0.5
    central = np.abs(q) <= 0.425
    result = np.empty_like(p)
    qc = q[central]
    result[central] = qc * _ratio(_AS241_CENTRAL, 0.180625 - qc * qc)
    tail = ~central
    r = np.sqrt(-np.log(np.where(q[tail] < 0.0, p[tail], 1.0 - p[tail])))
    near = r <= 5.0
    values = np.where(near, _ratio(_AS241_NEAR, r - 1.6), _ratio(_AS241_FAR, r - 5.0))
    result[tail] = np.where(q[tail] < 0.0, -values, values)
    return result
