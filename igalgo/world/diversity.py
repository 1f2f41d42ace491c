"""Author diversity: the account's own posts live at the same time rank behind each other.

X's multiplier ``(1 - floor) * decay**k + floor`` for the k-th post of the same author,
applied to the account's own drafts that are live at the same time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Annotated

import numpy as np

from igalgo.engine.arrays import BoolArray, FloatArray, IntArray
from igalgo.parameters import Declared, assumed, at_least, share, stated


@dataclass(frozen=True)
class DiversityParams(Declared):
    """Author diversity among the account's own posts live at the same time."""

    decay: Annotated[
        float,
        share("multiplier per post"),
        stated("§5d: one author's posts are spaced; size from X's ranker"),
    ] = 0.5
    """Value multiplier per earlier-ranked post of the same author. Source: X author diversity
    decay 0.5 (sources.md X: heuristics & filters)."""

    floor: Annotated[
        float,
        share("multiplier"),
        stated("§5d: one author's posts are spaced; size from X's ranker"),
    ] = 0.25
    """Lowest author-diversity multiplier. Source: X floor 0.25 (sources.md X: heuristics &
    filters)."""

    max_neighbours: Annotated[int, at_least(1, "posts"), assumed("numerical")] = 8
    """Own posts considered on each side in time (count). Assumption: beyond eight the
    multiplier is at its floor anyway (0.5**8 < 0.004)."""


def diversity_multipliers(
    start_hours: FloatArray,
    strength: FloatArray,
    eligible: BoolArray,
    hours: int,
    window_hours: float,
    half_life_hours: float,
    params: DiversityParams,
    wanted: IntArray | None = None,
) -> FloatArray:
    """Author-diversity multiplier for each draft in each hour of its life: (drafts, hours),
    or only for the drafts at ``wanted``, (wanted, hours) in that order.

    ``start_hours`` are absolute publication times in hours; ``strength`` is each draft's
    ranking value. In hour t of draft i, every other eligible draft j that is live (published
    at most ``window_hours`` before) competes in the same sessions. Ranked by value decayed
    with age (half-life ``half_life_hours``), i gets X's multiplier for its position k among
    them: ``(1 - floor) * decay**k + floor``.
    """
    total = len(start_hours)
    picked = np.arange(total) if wanted is None else np.asarray(wanted, dtype=np.int64)
    result = np.ones((picked.size, hours))
    rows = np.flatnonzero(eligible)
    if rows.size < 2:
        return result
    order = rows[np.argsort(start_hours[rows], kind="stable")]
    times = start_hours[order]
    count = len(order)
    # Each sorted position's row of the result (-1: not wanted).
    slot = np.full(total, -1, dtype=np.int64)
    slot[picked] = np.arange(picked.size)
    out_row = slot[order]
    # Both posts' values decay at the same rate, so their order does not change with the hour:
    # j ranks ahead of i whenever both are live iff log v_j + rate t_j > log v_i + rate t_i.
    rate = math.log(2.0) / half_life_hours
    rank_score = np.log(np.maximum(strength[order], 1e-12)) + rate * (times - times[0])
    # Every ordered pair up to max_neighbours apart in time order, at once: a pair too far apart
    # to share an hour of i's life gets first == last and adds nothing.
    reach = min(params.max_neighbours, count - 1)
    steps = np.concatenate((np.arange(1, reach + 1), -np.arange(1, reach + 1)))
    own = np.repeat(np.flatnonzero(out_row >= 0), steps.size)
    step = np.tile(steps, own.size // steps.size)
    other = own + step
    inside = (other >= 0) & (other < count)
    own, step, other = own[inside], step[inside], other[inside]
    # Ties go to the draft listed first, so two identical drafts still compete.
    wins = (rank_score[other] > rank_score[own]) | (
        (step < 0) & (rank_score[other] == rank_score[own])
    )
    # j is live in hour h of i's life for h in [gap, gap + window).
    gap = times[other] - times[own] - 1e-9
    first = np.clip(np.ceil(gap), 0, hours).astype(np.int64)
    last = np.clip(np.ceil(gap + window_hours), 0, hours).astype(np.int64)
    keep = wins & (last > first)
    if not keep.any():
        return result
    width = hours + 1
    target = out_row[own[keep]]
    changes = np.bincount(
        np.concatenate((target * width + first[keep], target * width + last[keep])),
        weights=np.concatenate((np.ones(target.size), -np.ones(target.size))),
        minlength=picked.size * width,
    )
    ahead = np.cumsum(changes.reshape(picked.size, width)[:, :hours], axis=1)
    levels = (1.0 - params.floor) * params.decay ** np.arange(2 * params.max_neighbours + 1)
    live = out_row[out_row >= 0]
    result[live] = levels[np.rint(ahead[live]).astype(np.int64)] + params.floor
    return result
