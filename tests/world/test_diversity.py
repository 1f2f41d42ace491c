"""Author diversity: the multipliers of every pair at once equal those of the rule as written
(pair offsets one after the other), on random schedules."""

from __future__ import annotations

import math

import numpy as np
import pytest

from igalgo.world.diversity import DiversityParams, diversity_multipliers


def by_the_rule(start, strength, eligible, hours, window, half_life, params, wanted=None):
    """The multipliers as the rule says them: for each hour of each wanted draft, the eligible
    drafts live then (published at most ``window`` hours before) that rank ahead of it, at most
    ``max_neighbours`` on each side in time order, ranked by value decayed with age."""
    total = len(start)
    picked = np.arange(total) if wanted is None else np.asarray(wanted)
    out = np.ones((picked.size, hours))
    rows = np.flatnonzero(eligible)
    if rows.size < 2:
        return out
    order = list(rows[np.argsort(start[rows], kind="stable")])
    rate = math.log(2.0) / half_life
    base = start[order[0]]
    score = {r: math.log(max(strength[r], 1e-12)) + rate * (start[r] - base) for r in order}
    for k, i in enumerate(picked):
        if not eligible[i]:
            continue
        at = order.index(i)
        for hour in range(hours):
            ahead = 0
            for step in range(-params.max_neighbours, params.max_neighbours + 1):
                if step == 0 or not 0 <= at + step < len(order):
                    continue
                j = order[at + step]
                gap = start[j] - start[i] - 1e-9
                live = math.ceil(gap) <= hour < math.ceil(gap + window)
                wins = score[j] > score[i] or (step < 0 and score[j] == score[i])
                ahead += live and wins
            out[k, hour] = (1 - params.floor) * params.decay**ahead + params.floor
    return out


@pytest.mark.parametrize("seed", range(12))
def test_every_pair_at_once_gives_the_rule_as_written(seed: int) -> None:
    rng = np.random.default_rng(seed)
    count = int(rng.integers(1, 30))
    start = np.round(rng.uniform(0, 24 * rng.integers(1, 6), count), int(rng.integers(0, 2)))
    strength = rng.choice([0.5, 1.0, 2.0, 3.0], count)  # ties happen
    eligible = rng.random(count) < 0.8
    hours, window = int(rng.choice([24, 48])), float(rng.choice([24, 48, 72]))
    params = DiversityParams(max_neighbours=int(rng.integers(1, 9)))
    wanted = None if seed % 2 else rng.permutation(count)[: max(1, count // 2)]
    found = diversity_multipliers(start, strength, eligible, hours, window, 12.0, params, wanted)
    expected = by_the_rule(start, strength, eligible, hours, window, 12.0, params, wanted)
    assert np.array_equal(found, expected)
