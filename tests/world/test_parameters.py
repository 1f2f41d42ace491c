"""Parameters as declared data: every field has a unit and a range, checked on construction."""

from __future__ import annotations

import dataclasses
from dataclasses import replace

import pytest

from igalgo.domain import AccountType
from igalgo.parameters import Declared, Evidence, FrozenMap, declared_bounds, declared_sources
from igalgo.world.actions import ActionParams
from igalgo.world.audience import AudienceParams
from igalgo.world.params import ModelParams
from igalgo.world.surfaces.explore import ExploreParams
from igalgo.world.surfaces.feed import FeedParams
from igalgo.world.surfaces.stories import StoriesParams

GROUPS = [getattr(ModelParams(), group.name) for group in dataclasses.fields(ModelParams)]


@pytest.mark.parametrize("group", GROUPS, ids=lambda group: type(group).__name__)
def test_every_model_parameter_declares_its_unit_and_range(group: Declared) -> None:
    assert isinstance(group, Declared)
    bounds = declared_bounds(type(group))
    assert set(bounds) == {item.name for item in dataclasses.fields(group)}
    assert all(bound.unit for bound in bounds.values())


@pytest.mark.parametrize("group", GROUPS, ids=lambda group: type(group).__name__)
def test_every_model_parameter_declares_its_evidence(group: Declared) -> None:
    # A field without a Source would count as assumed silently: each must say what it rests on.
    sources = declared_sources(type(group))
    assert set(sources) == {item.name for item in dataclasses.fields(group)}
    for name, source in sources.items():
        assert source.evidence is not Evidence.FITTED, name  # fitted is what calibrate adds
        if source.evidence is not Evidence.ASSUMED:
            assert source.reference, f"{name}: a published or stated grade names its source"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: FeedParams(window_hours=0), r"FeedParams.window_hours must be >= 1 \(hours\)"),
        (lambda: FeedParams(recency_half_life_hours=-2.0), r"must be > 0 \(hours\), got -2.0"),
        (lambda: FeedParams(session_depth=float("nan")), r"session_depth must be > 0"),
        (lambda: FeedParams(early_window_hours=48), "shorter than window_hours"),
        (lambda: StoriesParams(frame_exit_rates=(0.2, 1.5)), r"frame_exit_rates\[1\]"),
        (lambda: StoriesParams(frame_exit_rates=()), "at least one value"),
        (lambda: ExploreParams(stages=9), r"stages must be between 0 and 6 \(stages\)"),
        (lambda: ActionParams(action_ratios=(0.5, 0.5, 0.5, 0.5)), r"action_ratios\[0\] must be 1"),
        (
            lambda: AudienceParams(account_priority=FrozenMap({AccountType.PERSONAL: 1.0})),
            "account_priority has no value for creator, business",
        ),
        (lambda: AudienceParams(sessions_per_day=(1.0, 2.0)), "must have 3 values"),
        (lambda: AudienceParams(pool_minimum="many"), r"must be a number \(accounts\)"),  # type: ignore[arg-type]  # the point of the test
    ],
)
def test_a_bad_value_names_the_field_and_its_unit(make: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make()  # type: ignore[operator]  # a lambda from the table above


def test_parameters_stay_hashable_and_maps_read_only() -> None:
    params = ModelParams()
    assert hash(params) == hash(ModelParams())
    assert replace(params.audience, pool_minimum=1.0) != params.audience
    priority = params.audience.account_priority
    with pytest.raises(TypeError):
        priority[AccountType.PERSONAL] = 2.0  # type: ignore[index]  # the point of the test
    assert dict(priority) == {
        AccountType.PERSONAL: 1.25,
        AccountType.CREATOR: 1.0,
        AccountType.BUSINESS: 0.85,
    }
