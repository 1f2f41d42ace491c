"""The greedy placer behind ``igalgo plan``: it keeps every rule, and on small cases it places as
many drafts as brute force does (docs/decisions/0105-greedy-placement.md)."""

from __future__ import annotations

import itertools
import time

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from igalgo.planning.placement import place_drafts

Instance = tuple[np.ndarray, np.ndarray, np.ndarray, int, float]


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
    slots: tuple[int | None, ...],
    values: np.ndarray,
    hours: np.ndarray,
    weeks: np.ndarray,
    per_week: int,
    spacing: float,
) -> None:
    """The plan obeys every rule: one draft a slot, allowed slots, weekly caps, spacing."""
    assert len(slots) == len(values)
    used = [s for s in slots if s is not None]
    assert len(set(used)) == len(used)
    for week in set(weeks.tolist()):
        assert sum(weeks[s] == week for s in used) <= per_week
    for a, b in itertools.combinations(used, 2):
        assert abs(hours[a] - hours[b]) >= spacing - 1e-9
    assert all(not np.isnan(values[d, s]) for d, s in enumerate(slots) if s is not None)


def check_against_brute_force(instance: Instance) -> None:
    """Feasible, and as many drafts placed as the best plan places."""
    values, hours, weeks, per_week, spacing = instance
    slots = place_drafts(values, hours, weeks, per_week=per_week, spacing=spacing)
    check_feasible(slots, values, hours, weeks, per_week, spacing)
    count, _ = brute_force_plan(values, hours, weeks, per_week, spacing)
    assert sum(s is not None for s in slots) == count


@st.composite
def plan_shaped(draw: st.DrawFn) -> Instance:
    """A small plan: hourly slots over 1-3 "days" of 2-4 hours, a week boundary at a day,
    1-4 drafts sharing one hour profile (each scaled) and each allowed in a range of days,
    a weekly cap and a spacing of at most a day, as :func:`igalgo.planning.schedule` gives."""
    day_hours = draw(st.integers(2, 4))
    days = draw(st.integers(1, 3))
    hours = np.arange(day_hours * days, dtype=float)
    day = (hours // day_hours).astype(np.int64)
    weeks = (day >= draw(st.integers(1, days))).astype(np.int64)
    shape = np.array(draw(st.lists(st.integers(0, 3), min_size=hours.size, max_size=hours.size)))
    drafts = draw(st.integers(1, 4))
    values = np.array([draw(st.integers(1, 3)) * shape for _ in range(drafts)], dtype=float)
    for row in values:
        if draw(st.booleans()):
            first = draw(st.integers(0, days - 1))
            last = draw(st.integers(first, days - 1))
            row[(day < first) | (day > last)] = np.nan
    return values, hours, weeks, draw(st.integers(1, 3)), float(draw(st.integers(1, day_hours)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instance=plan_shaped())
def test_greedy_places_as_many_drafts_as_brute_force_on_small_plans(instance: Instance) -> None:
    check_against_brute_force(instance)


def random_instance(seed: int) -> Instance:
    """Up to 4 drafts, up to 7 slots anywhere in 30 hours, one or two weeks, random holes."""
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
    return values, hours, weeks, int(rng.integers(1, 4)), float(rng.integers(1, 6))


def dense_instance(seed: int) -> Instance:
    """Consecutive hours and a wide spacing: the most valuable hours leave too little room."""
    rng = np.random.default_rng(9000 + seed)
    drafts = int(rng.integers(2, 5))
    slots = int(rng.integers(5, 9))
    hours = np.arange(slots, dtype=float)
    weeks = (hours >= slots // 2 + 1).astype(np.int64) if seed % 2 else np.zeros(slots, np.int64)
    peak = rng.integers(0, slots)
    shape = 4.0 - np.abs(hours - peak)
    values = np.maximum(shape[None, :] + rng.integers(0, 3, size=(drafts, slots)), 0.0)
    return values, hours, weeks, int(rng.integers(1, 4)), float(rng.integers(2, 5))


@pytest.mark.parametrize("seed", range(100))
def test_greedy_places_as_many_drafts_as_brute_force_with_holes(seed: int) -> None:
    check_against_brute_force(random_instance(seed))


@pytest.mark.parametrize("seed", range(100))
def test_greedy_places_as_many_drafts_as_brute_force_when_packing_matters(seed: int) -> None:
    check_against_brute_force(dense_instance(seed))


def test_placing_every_draft_comes_before_one_big_value() -> None:
    # Slot 1 conflicts with slots 0 and 2; putting either draft there leaves the other out.
    values = np.array([[1.0, 100.0, 1.0], [1.0, 100.0, 1.0]])
    hours = np.array([0.0, 2.0, 4.0])
    slots = place_drafts(values, hours, np.zeros(3, dtype=np.int64), per_week=5, spacing=3.0)
    assert sorted(s for s in slots if s is not None) == [0, 2]


def test_the_most_valuable_draft_gets_the_most_valuable_slot() -> None:
    values = np.array([[1.0, 3.0, 2.0], [2.0, 6.0, 4.0]])
    slots = place_drafts(
        values, np.array([0.0, 5.0, 10.0]), np.zeros(3, dtype=np.int64), per_week=1, spacing=1
    )
    assert slots == (None, 1)


def test_a_draft_with_one_allowed_hour_gets_it() -> None:
    # The free draft would take hour 1, the best; the constrained one goes first.
    values = np.array([[1.0, 5.0, 1.0], [np.nan, 2.0, np.nan]])
    slots = place_drafts(
        values, np.array([0.0, 1.0, 2.0]), np.zeros(3, dtype=np.int64), per_week=3, spacing=1
    )
    assert slots[1] == 1 and slots[0] in (0, 2)


def test_weekly_caps_may_differ_by_week() -> None:
    values = np.ones((3, 4))
    hours, weeks = np.array([0.0, 10.0, 200.0, 210.0]), np.array([0, 0, 1, 1])
    slots = place_drafts(values, hours, weeks, per_week=[0, 2], spacing=5)
    assert sorted(s for s in slots if s is not None) == [2, 3]


def test_spacing_is_in_elapsed_hours() -> None:
    # Two slots an hour apart on the clock but two hours apart in elapsed time (a clock change).
    values = np.array([[5.0, 5.0], [5.0, 5.0]])
    slots = place_drafts(
        values, np.array([0.0, 2.0]), np.zeros(2, dtype=np.int64), per_week=2, spacing=2.0
    )
    assert set(slots) == {0, 1}


def test_no_slots_or_no_drafts() -> None:
    empty = place_drafts(
        np.zeros((2, 0)), np.zeros(0), np.zeros(0, dtype=np.int64), per_week=3, spacing=2
    )
    assert empty == (None, None)
    none = place_drafts(
        np.zeros((0, 3)), np.arange(3.0), np.zeros(3, dtype=np.int64), per_week=3, spacing=2
    )
    assert none == ()


def test_negative_values_and_mismatched_shapes_are_refused() -> None:
    with pytest.raises(ValueError, match=">= 0"):
        place_drafts(
            np.array([[-1.0]]), np.zeros(1), np.zeros(1, dtype=np.int64), per_week=1, spacing=1
        )
    with pytest.raises(ValueError, match="one per slot"):
        place_drafts(
            np.ones((1, 2)), np.zeros(3), np.zeros(3, dtype=np.int64), per_week=1, spacing=1
        )


def realistic_instance(drafts: int, weeks: int, seed: int) -> tuple[np.ndarray, ...]:
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


@pytest.mark.parametrize(
    ("drafts", "weeks", "per_week", "spacing"),
    [(10, 2, 7, 4), (30, 4, 7, 6), (300, 8, 7, 12), (300, 8, 300, 12)],
)
def test_realistic_sizes_fill_every_week_in_little_time(
    drafts: int, weeks: int, per_week: int, spacing: float
) -> None:
    values, hours, week_of = realistic_instance(drafts, weeks, seed=drafts)
    began = time.process_time()
    slots = place_drafts(values, hours, week_of, per_week=per_week, spacing=spacing)
    seconds = time.process_time() - began
    check_feasible(slots, values, hours, week_of, per_week, spacing)
    room = min(per_week, int(168 // spacing))  # the spacing fits 168 // spacing posts a week
    assert sum(s is not None for s in slots) == min(drafts, room * weeks)
    assert seconds < 5.0  # about 0.1 s on the 2-core development machine
