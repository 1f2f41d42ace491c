"""The median of a reach that depends steeply on the draft's appeal, by conditioning on it.

Explore and Reels reach grows several-fold per unit of log appeal, so its distribution is
wide, and the plain sample median of 1,024 draws moves by several per cent between seeds: a
draw's pass or fail at a promotion stage flips which side of the median it lands on. This
module estimates that median from the conditional distribution instead.

For every path ``i`` (the draws of everything except the appeal: the early window, the
day, each stage's count) reach is a non-decreasing function ``R_i(z)`` of the appeal's
standard normal ``z``. So ``P(R <= r) = E_i[Phi(z_i*(r))]`` with ``z_i*(r)`` the appeal at
which path ``i`` reaches exactly ``r``: a smooth function of the paths, which quasi-Monte
Carlo integrates far more precisely than the step ``1{R_i <= r}``. The median solves
``mean_i Phi(z_i*(m)) = 1/2``.

Each path's ``z_i*`` is found by a few evaluations of ``R_i`` (regula falsi inside a
bracket, or a step along the typical slope towards a side not found yet), starting from the
path's own draw, while the level ``m`` moves by a Newton step on
``mean_i Phi(z_i*(m)) - 1/2`` after each evaluation. Between evaluated points ``z_i*`` is
interpolated linearly in log reach. What it buys and what else was tried:
docs/decisions/0002-conditioned-medians.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.floating[Any]]
"""float32 inside (half the memory traffic), float64 at the edges."""

Evaluate = Callable[[Array], Array]
"""Log reach of each (row, path) at the given appeal normals, both of shape (rows, paths)."""


def conditioned_median(
    evaluate: Evaluate,
    own_z: Array,
    own_log: Array,
    start: Array,
    slope: Array,
    evaluations: int,
) -> Array:
    """Median of reach per row, conditioned on the appeal normal.

    ``own_z`` (paths,) are the paths' own appeal normals, ``own_log`` (rows, paths) their
    log reach from the plain simulation, ``start`` (rows,) the plain log median and
    ``slope`` (rows,) a typical d log reach / d z (used to step outside a bracket).
    Returns the log median per row.
    """
    level = start.astype(np.float32)[:, None]
    slope = np.maximum(slope, 0.05).astype(np.float32)[:, None]
    bracket = _Bracket.start(own_z.astype(np.float32), own_log.astype(np.float32), level, slope)
    for _ in range(evaluations):
        z = bracket.proposal(level)
        bracket.add(z, evaluate(z).astype(np.float32, copy=False), level)
        level = _newton_step(bracket, level)
    return level[:, 0].astype(np.float64)


_REACH = 3.0
"""How far in z a side of a bracket that no evaluation has found yet is assumed to lie."""


@dataclass
class _Bracket:
    """Per path, the nearest points below (``low``) and at or above (``high``) the level,
    as z and log reach. A side no evaluation has found yet is a stand-in ``_REACH`` away
    from the other along the typical slope (``low_known``, ``high_known``, 1 or 0, say
    which), so that every path always has two points.

    Updates are arithmetic blends ``x += mask * (new - x)`` with 0/1 float masks, which are far
    cheaper than numpy's masked copies (docs/decisions/0002)."""

    low_z: Array
    low_log: Array
    high_z: Array
    high_log: Array
    low_known: Array
    high_known: Array
    slope: Array

    @classmethod
    def start(cls, z: Array, log: Array, level: Array, slope: Array) -> _Bracket:
        under = (log < level).astype(np.float32)
        z = np.broadcast_to(z, log.shape)
        bracket = cls(z.copy(), log.copy(), z.copy(), log.copy(), under, 1.0 - under, slope)
        bracket._stand_ins()
        return bracket

    def _stand_ins(self) -> None:
        """Place the stand-ins ``_REACH`` away from the known side."""
        shift = np.float32(_REACH)
        unknown = 1.0 - self.high_known
        _blend(self.high_z, self.low_z + shift, unknown)
        _blend(self.high_log, self.low_log + shift * self.slope, unknown)
        unknown = 1.0 - self.low_known
        _blend(self.low_z, self.high_z - shift, unknown)
        _blend(self.low_log, self.high_log - shift * self.slope, unknown)

    def proposal(self, level: Array) -> Array:
        """Where to evaluate next: regula falsi, kept off the bracket's ends."""
        share = np.subtract(level, self.low_log)
        share /= np.maximum(self.high_log - self.low_log, np.float32(1e-6))
        np.clip(share, np.float32(0.05), np.float32(0.95), out=share)
        share *= self.high_z - self.low_z
        share += self.low_z
        return share

    def add(self, z: Array, log: Array, level: Array) -> None:
        """Make a new point from inside the bracket its low or high side."""
        under = (log < level).astype(np.float32)
        _blend(self.low_z, z, under)
        _blend(self.low_log, log, under)
        np.maximum(self.low_known, under, out=self.low_known)
        over = 1.0 - under
        _blend(self.high_z, z, over)
        _blend(self.high_log, log, over)
        np.maximum(self.high_known, over, out=self.high_known)
        self._stand_ins()

    def inverse(self, level: Array) -> tuple[Array, Array]:
        """Each path's appeal normal at ``level`` and its derivative d z / d level, linear
        between the bracket's points."""
        step = np.subtract(self.high_z, self.low_z)
        step /= np.maximum(self.high_log - self.low_log, np.float32(1e-6))
        z = np.subtract(level, self.low_log)
        z *= step
        z += self.low_z
        return z, step


def _blend(target: Array, value: Array, mask: Array) -> None:
    """``target = value`` where ``mask`` is 1, unchanged where it is 0 (in place)."""
    change = np.subtract(value, target)
    change *= mask
    target += change


def _newton_step(bracket: _Bracket, level: Array) -> Array:
    """One Newton step of ``level`` (rows, 1) towards ``mean_i Phi(z_i*(level)) = 1/2``.

    The brackets stay as they are: where the level moved past a bracket's end, ``z_i*`` is
    extrapolated along it, and the next evaluation lands inside it (moving the brackets with
    the level cost more and gave no better medians, docs/decisions/0002)."""
    z, step = bracket.inverse(level)
    pdf = normal_pdf(z)
    share = normal_cdf(z, pdf).mean(axis=1, dtype=np.float64, keepdims=True)
    step *= pdf
    density = step.mean(axis=1, dtype=np.float64, keepdims=True)
    move = np.clip((0.5 - share) / np.maximum(density, 1e-6), -_REACH / 6, _REACH / 6)
    result: Array = (level + move).astype(np.float32)
    return result


def normal_pdf(z: Array) -> Array:
    """The standard normal density."""
    result: Array = np.exp(z * z * -0.5) * 0.3989422804014327  # float32 stays float32
    return result


def normal_cdf(z: Array, pdf: Array | None = None) -> Array:
    """The standard normal distribution function (Abramowitz & Stegun 26.2.17, absolute
    error below 7.5e-8); ``pdf``, if given, is :func:`normal_pdf` of ``z``."""
    t = 1.0 / (1.0 + 0.2316419 * np.abs(z))
    poly = t * (
        0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429)))
    )
    upper = (normal_pdf(z) if pdf is None else pdf) * poly  # P(Z > |z|)
    flip = (z >= 0.0).astype(upper.dtype)  # 1 - upper where z >= 0, as a blend (see _Bracket)
    flip *= 1.0 - 2.0 * upper
    upper += flip
    return upper
