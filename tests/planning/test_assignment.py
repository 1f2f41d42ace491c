"""The exact optimisers behind ``igalgo plan``, checked against brute force on small cases."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from igalgo.planning.assignment import (
    Assignment,
    assign_drafts,
    best_weekly_slots,
    hungarian,
)

# --- the Hungarian method -------------------------------------------------------------------


def brute_force_assignment(cost: np.ndarray) -> float:
    """The smallest total cost over every injective row -> column map."""
    rows, columns = cost.shape
    return min(
        float(sum(cost[row, column] for row, column in enumerate(chosen)))
        for chosen in itertools.permutations(range(columns), rows)
    )


@pytest.mark.parametrize("seed", range(60))
def test_hungarian_matches_brute_force(seed: int) -> None:
    rng = np.random.default_rng(seed)
    rows = int(rng.integers(1, 5))
    columns = int(rng.integers(rows, 7))
    # Small integers make ties common, the hard case for augmenting-path code.
    cost = rng.integers(-5, 6, size=(rows, columns)).astype(float)
    result = hungarian(cost)
    assert len(set(result.tolist())) == rows
    assert all(0 <= column < columns for column in result)
    assert cost[np.arange(rows), result].sum() == pytest.approx(brute_force_assignment(cost))


def test_hungarian_rejects_more_rows_than_columns() -> None:
    with pytest.raises(ValueError, match="rows <= columns"):
        hungarian(np.zeros((3, 2)))


def test_hungarian_rejects_infinite_costs() -> None:
    with pytest.raises(ValueError, match="finite"):
        hungarian(np.array([[np.inf, 1.0]]))


# --- best slots on a repeating week ----------------------------------------------------------


def circular_gap(a: int, b: int, size: int) -> int:
    """Distance between two positions on a circle of ``size``."""
    return min(abs(a - b), size - abs(a - b))


def brute_force_circle(values: list[float], count: int, spacing: int) -> float | None:
    """Best total of exactly ``count`` usable positions pairwise ``spacing`` apart, or None."""
    size = len(values)
    best: float | None = None
    for chosen in itertools.combinations(range(size), count):
        if any(np.isnan(values[p]) for p in chosen):
            continue
        if any(circular_gap(a, b, size) < spacing for a, b in itertools.combinations(chosen, 2)):
            continue
        total = sum(values[p] for p in chosen)
        best = total if best is None else max(best, total)
    return best


@pytest.mark.parametrize("seed", range(80))
def test_best_weekly_slots_matches_brute_force(seed: int) -> None:
    rng = np.random.default_rng(1000 + seed)
    size = int(rng.integers(4, 13))
    spacing = int(rng.integers(1, 5))
    count = int(rng.integers(1, 5))
    values = rng.integers(0, 6, size=size).astype(float)
    if seed % 4 == 0:
        values[rng.integers(0, size)] = np.nan
    chosen = best_weekly_slots(values.tolist(), count, spacing)
    # The result is feasible ...
    assert list(chosen) == sorted(set(chosen))
    assert all(not np.isnan(values[p]) for p in chosen)
    assert all(circular_gap(a, b, size) >= spacing for a, b in itertools.combinations(chosen, 2))
    # ... as large as possible, and best among choices of that size.
    expected_count = max(
        c for c in range(count + 1) if brute_force_circle(values.tolist(), c, spacing) is not None
    )
    assert len(chosen) == expected_count
    if expected_count:
        best = brute_force_circle(values.tolist(), expected_count, spacing)
        assert sum(values[p] for p in chosen) == pytest.approx(best)


def test_best_weekly_slots_respects_the_wrap_of_the_week() -> None:
    # The two best hours are Sunday 23:00 and Monday 00:00: one hour apart across the wrap.
    values = [0.0] * 168
    values[167], values[0], values[80] = 10.0, 9.0, 1.0
    assert best_weekly_slots(values, 2, 3) == (80, 167)


def test_best_weekly_slots_edge_cases() -> None:
    assert best_weekly_slots([], 3, 2) == ()
    assert best_weekly_slots([1.0, 2.0], 0, 1) == ()
    assert best_weekly_slots([np.nan, np.nan], 1, 1) == ()
    assert best_weekly_slots([1.0, 5.0, 2.0], 5, 1) == (0, 1, 2)


# --- draft-to-slot assignment ---------------------------------------------------------------


def brute_force_plan(
    values: np.ndarray, hours: np.ndarray, weeks: np.ndarray, per_week: int, spacing: float
) -> tuple[int, float]:
    """(most drafts placed, best total among such plans) by trying every plan."""
    drafts, slots = values.shape
    best = (0, 0.0)
    for choice in itertools.product([None, *range(slots)], repeat=drafts):
        used = [s for s in choice if s is not None]
        if len(set(used)) != len(used):
            continue
        if any(np.isnan(values[d, s]) for d, s in enumerate(choice) if s is not None):
            continue
        if any(sum(weeks[s] == w for s in used) > per_week for w in set(weeks.tolist())):
            continue
        if any(abs(hours[a] - hours[b]) < spacing for a, b in itertools.combinations(used, 2)):
            continue
        total = sum(values[d, s] for d, s in enumerate(choice) if s is not None)
        candidate = (len(used), float(total))
        if candidate[0] > best[0] or (candidate[0] == best[0] and candidate[1] > best[1] + 1e-9):
            best = candidate
    return best


def check_feasible(
    result: Assignment,
    values: np.ndarray,
    hours: np.ndarray,
    weeks: np.ndarray,
    per_week: int,
    spacing: float,
) -> None:
    """The plan obeys every constraint and its total is what it says."""
    used = [s for s in result.slots if s is not None]
    assert len(set(used)) == len(used)
    for week in set(weeks.tolist()):
        assert sum(weeks[s] == week for s in used) <= per_week
    for a, b in itertools.combinations(used, 2):
        assert abs(hours[a] - hours[b]) >= spacing - 1e-9
    placed = [(d, s) for d, s in enumerate(result.slots) if s is not None]
    assert all(not np.isnan(values[d, s]) for d, s in placed)
    assert result.total == pytest.approx(sum(values[d, s] for d, s in placed))


def random_instance(
    seed: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int, float]:
    """A small random instance: up to 4 drafts, up to 7 slots in one or two weeks."""
    rng = np.random.default_rng(5000 + seed)
    drafts = int(rng.integers(1, 5))
    slots = int(rng.integers(1, 8))
    hours = np.sort(rng.choice(np.arange(0, 30), size=slots, replace=False)).astype(float)
    rng.shuffle(hours)  # callers need not give slots in time order
    weeks = (hours >= 15).astype(np.int64)
    # Small integer values make ties common; a shared time-of-day shape makes slots compete.
    shape = rng.integers(0, 4, size=slots)
    values = (rng.integers(0, 4, size=(drafts, 1)) + shape[None, :]).astype(float)
    values[rng.random(values.shape) < 0.15] = np.nan
    per_week = int(rng.integers(1, 4))
    spacing = float(rng.integers(1, 6))
    return values, hours, weeks, per_week, spacing


def dense_instance(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, int, float]:
    """Consecutive hours and a wide spacing: the bound's plans conflict, so the search branches."""
    rng = np.random.default_rng(9000 + seed)
    drafts = int(rng.integers(2, 5))
    slots = int(rng.integers(5, 9))
    hours = np.arange(slots, dtype=float)
    weeks = (hours >= slots // 2 + 1).astype(np.int64) if seed % 2 else np.zeros(slots, np.int64)
    peak = rng.integers(0, slots)
    shape = 4.0 - np.abs(hours - peak)
    values = np.maximum(shape[None, :] + rng.integers(0, 3, size=(drafts, slots)), 0.0)
    return values, hours, weeks, int(rng.integers(1, 4)), float(rng.integers(2, 5))


INSTANCES = [("sparse", seed) for seed in range(150)] + [("dense", seed) for seed in range(150)]


@pytest.mark.parametrize(("kind", "seed"), INSTANCES)
def test_assignment_is_optimal_against_brute_force(kind: str, seed: int) -> None:
    make = random_instance if kind == "sparse" else dense_instance
    values, hours, weeks, per_week, spacing = make(seed)
    result = assign_drafts(values, hours, weeks, per_week=per_week, spacing=spacing)
    check_feasible(result, values, hours, weeks, per_week, spacing)
    count, total = brute_force_plan(values, hours, weeks, per_week, spacing)
    assert result.optimal
    assert result.placed == count
    assert result.total == pytest.approx(total)
    assert result.upper_bound == pytest.approx(total)


def test_assignment_prefers_placing_every_draft_over_one_big_value() -> None:
    # Slot 1 conflicts with slots 0 and 2; putting either draft there leaves the other out.
    values = np.array([[1.0, 100.0, 1.0], [1.0, 100.0, 1.0]])
    hours = np.array([0.0, 2.0, 4.0])
    result = assign_drafts(values, hours, np.zeros(3, dtype=np.int64), per_week=5, spacing=3.0)
    assert sorted(s for s in result.slots if s is not None) == [0, 2]
    assert result.total == pytest.approx(2.0)


def test_assignment_spacing_is_in_elapsed_hours() -> None:
    # Two slots an hour apart on the clock but two hours apart in elapsed time (a clock change).
    values = np.array([[5.0, 5.0], [5.0, 5.0]])
    result = assign_drafts(
        values, np.array([0.0, 2.0]), np.zeros(2, dtype=np.int64), per_week=2, spacing=2.0
    )
    assert result.placed == 2


def test_assignment_with_no_slots_or_no_drafts() -> None:
    empty = assign_drafts(
        np.zeros((2, 0)), np.zeros(0), np.zeros(0, dtype=np.int64), per_week=3, spacing=2
    )
    assert empty.slots == (None, None) and empty.total == 0 and empty.optimal
    none = assign_drafts(
        np.zeros((0, 3)), np.arange(3.0), np.zeros(3, dtype=np.int64), per_week=3, spacing=2
    )
    assert none.slots == () and none.optimal


def test_assignment_rejects_negative_values() -> None:
    with pytest.raises(ValueError, match=">= 0"):
        assign_drafts(
            np.array([[-1.0]]), np.zeros(1), np.zeros(1, dtype=np.int64), per_week=1, spacing=1
        )


def realistic_instance(
    drafts: int, weeks: int, seed: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Hourly slots over ``weeks`` weeks with an evening peak, weekday effects and noise."""
    rng = np.random.default_rng(seed)
    hours = np.arange(168 * weeks, dtype=float)
    hour_of_day = hours % 24
    day = (hours // 24) % 7
    shape = 0.2 + np.exp(-0.5 * ((hour_of_day - 19.5) / 2.5) ** 2)
    shape *= 1 + 0.1 * np.sin(day)
    strength = rng.uniform(0.5, 3.0, size=(drafts, 1))
    values = strength * shape[None, :] * rng.normal(1.0, 0.03, size=(drafts, hours.size))
    return values, hours, (hours // 168).astype(np.int64)


@pytest.mark.parametrize(("drafts", "weeks", "per_week", "spacing"), [(10, 2, 7, 4), (30, 4, 7, 6)])
def test_assignment_on_realistic_sizes_is_proven_optimal(
    drafts: int, weeks: int, per_week: int, spacing: float
) -> None:
    values, hours, week_of = realistic_instance(drafts, weeks, seed=drafts)
    result = assign_drafts(values, hours, week_of, per_week=per_week, spacing=spacing)
    check_feasible(result, values, hours, week_of, per_week, spacing)
    assert result.optimal
    assert result.placed == min(drafts, per_week * weeks)


@pytest.mark.parametrize("limit", [{"node_limit": 0}, {"work_limit": 0}])
def test_search_limits_give_a_feasible_plan_and_an_honest_bound(limit: dict[str, int]) -> None:
    values, hours, week_of = realistic_instance(12, 2, seed=7)
    full = assign_drafts(values, hours, week_of, per_week=6, spacing=5)
    assert full.optimal and full.nodes > 0  # an instance that needs a search
    result = assign_drafts(values, hours, week_of, per_week=6, spacing=5, **limit)
    check_feasible(result, values, hours, week_of, 6, 5)
    assert not result.optimal and result.nodes <= 2  # stops at the first check past the limit
    assert result.total <= full.total + 1e-9
    assert result.upper_bound >= full.total - 1e-9
