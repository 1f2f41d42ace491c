"""Followers' limited attention to one account: the load of own posts against brute force."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from igalgo.world.attention import (
    AttentionParams,
    attention_share,
    attention_weight,
    background_load,
    schedule_load,
)

PARAMS = AttentionParams()
HALF_LIFE, WINDOW = PARAMS.half_life_hours, PARAMS.window_hours


def weight(gap: float) -> float:
    """The documented weight, written out for one gap."""
    if abs(gap) >= WINDOW:
        return 0.0
    edge = 2.0 ** (-WINDOW / HALF_LIFE)
    return (2.0 ** (-abs(gap) / HALF_LIFE) - edge) / (1.0 - edge)


def brute_schedule(times: list[float], members: list[bool], min_gap: float) -> list[float]:
    return [
        sum(
            weight(t - u)
            for j, (u, other) in enumerate(zip(times, members, strict=True))
            if j != i and other and (u <= t - min_gap or u >= t + min_gap)
        )
        if member
        else 0.0
        for i, (t, member) in enumerate(zip(times, members, strict=True))
    ]


def test_weight_is_one_at_the_same_moment_and_falls_continuously_to_zero() -> None:
    gaps = np.array([0.0, HALF_LIFE, WINDOW - 1e-9, WINDOW, 2 * WINDOW])
    weights = attention_weight(gaps, HALF_LIFE, WINDOW)
    assert weights[0] == 1.0
    assert 0.0 < weights[1] < 0.5
    assert weights[2] == pytest.approx(0.0, abs=1e-9)
    assert weights[3] == weights[4] == 0.0
    assert np.all(np.diff(attention_weight(np.linspace(0, 200, 401), HALF_LIFE, WINDOW)) <= 0)


@settings(max_examples=150, deadline=None)
@given(
    times=st.lists(
        st.one_of(st.floats(0, 500, allow_nan=False), st.sampled_from([0.0, 24.0, 100.0])),
        min_size=0,
        max_size=25,
    ),
    data=st.data(),
    min_gap=st.sampled_from([0.0, 24.0]),
)
def test_schedule_load_equals_the_pairwise_sum(
    times: list[float], data: st.DataObject, min_gap: float
) -> None:
    members = data.draw(st.lists(st.booleans(), min_size=len(times), max_size=len(times)))
    got = schedule_load(
        np.array(times, dtype=np.float64), np.array(members, dtype=bool), HALF_LIFE, WINDOW, min_gap
    )
    expected = brute_schedule(times, members, min_gap)
    assert got == pytest.approx(expected, rel=1e-9, abs=1e-9)


def test_schedule_load_over_years_and_at_one_minute_stays_exact_and_fast() -> None:
    # Years of hourly posts: far beyond one exponent's range (rebased blocks keep it finite).
    hours = np.arange(0.0, 5 * 8760.0, 1.0)
    load = schedule_load(hours, np.ones(hours.size, dtype=bool), HALF_LIFE, WINDOW)
    middle = sum(weight(k) for k in range(-143, 144) if k != 0)
    assert np.all(np.isfinite(load))
    assert load[hours.size // 2] == pytest.approx(middle, rel=1e-9)
    assert load[0] == pytest.approx(sum(weight(k) for k in range(1, 144)), rel=1e-9)
    # Many posts at the same minute: each carries all the others at weight 1, in linear time.
    count = 100_000
    started = time.perf_counter()
    crowd = schedule_load(np.zeros(count), np.ones(count, dtype=bool), HALF_LIFE, WINDOW)
    assert time.perf_counter() - started < 2.0
    assert np.all(crowd == count - 1)


@pytest.mark.parametrize("per_week", [0.5, 1.0, 3.0, 7.0, 14.0, 100.0, 700.0])
@pytest.mark.parametrize("covered", [None, (0.0, 50.0)])
@pytest.mark.parametrize("min_gap", [0.0, 24.0])
def test_background_load_sums_the_usual_posts_around_the_schedule(
    per_week: float, covered: tuple[float, float] | None, min_gap: float
) -> None:
    times = np.array([0.0, 10.0, 50.0])
    got = background_load(
        times, np.ones(3, dtype=bool), per_week, covered, HALF_LIFE, WINDOW, min_gap
    )
    spacing = 168.0 / per_week
    for value, t in zip(got, times, strict=True):
        start, end = (t, t) if covered is None else covered
        gaps = [
            d
            for k in range(1, math.ceil(WINDOW / spacing) + 2)
            for d in (t - start + k * spacing, end - t + k * spacing)
        ]
        assert value == pytest.approx(sum(weight(d) for d in gaps if d >= min_gap), rel=1e-9)


def test_no_usual_posts_and_non_members_carry_no_load() -> None:
    times = np.array([0.0, 1.0])
    assert not background_load(times, np.ones(2, dtype=bool), 0.0, None, HALF_LIFE, WINDOW).any()
    members = np.array([True, False])
    assert background_load(times, members, 7.0, None, HALF_LIFE, WINDOW)[1] == 0.0
    assert schedule_load(times, members, HALF_LIFE, WINDOW)[0] == 0.0


def test_attention_share_halves_at_the_budget() -> None:
    share = attention_share(np.array([0.0, 6.0, 60.0]), 6.0)
    assert share.tolist() == [1.0, 0.5, pytest.approx(1 / 11)]
