"""Checks that parameter dataclasses run in ``__post_init__``, so a bad value fails where it is
made, with a message naming the field and its unit.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TypeVar

from igalgo.domain import Surface

T = TypeVar("T")


def check_number(
    name: str,
    value: object,
    unit: str,
    *,
    above: float | None = None,
    at_least: float | None = None,
    at_most: float | None = None,
) -> None:
    """Raise ValueError unless ``value`` is a finite number within the given bounds."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number ({unit}), got {value!r}")
    if above is not None and not value > above:
        raise ValueError(f"{name} must be above {above:g} ({unit}), got {value!r}")
    if at_least is not None and value < at_least:
        raise ValueError(f"{name} must be at least {at_least:g} ({unit}), got {value!r}")
    if at_most is not None and value > at_most:
        raise ValueError(f"{name} must be at most {at_most:g} ({unit}), got {value!r}")


def check_share(name: str, value: object, unit: str) -> None:
    """Raise ValueError unless ``value`` is a number in [0, 1]."""
    check_number(name, value, unit, at_least=0.0, at_most=1.0)


def check_integer(
    name: str, value: object, unit: str, *, at_least: int, at_most: int | None = None
) -> None:
    """Raise ValueError unless ``value`` is an integer (not a bool) within the bounds."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be an integer ({unit}), got {value!r}")
    check_number(name, value, unit, at_least=at_least, at_most=at_most)


def check_order(lower: str, low: float, upper: str, high: float, unit: str) -> None:
    """Raise ValueError when the threshold ``lower`` lies above the threshold ``upper``."""
    if low > high:
        raise ValueError(f"{lower} must not exceed {upper} ({unit}), got {low!r} > {high!r}")


def surface_map(
    name: str, value: Mapping[Surface, T], check: Callable[[str, object], None]
) -> Mapping[Surface, T]:
    """A read-only copy of a per-surface map after checking that it names every surface once
    and that ``check(field name, value)`` accepts each value."""
    if not isinstance(value, Mapping) or set(value) != set(Surface):
        wanted = ", ".join(surface.value for surface in Surface)
        got = sorted(str(key) for key in value) if isinstance(value, Mapping) else repr(value)
        raise ValueError(f"{name} must map every surface ({wanted}), got {got}")
    for surface in Surface:
        check(f"{name}[{surface.value}]", value[surface])
    return MappingProxyType({surface: value[surface] for surface in Surface})
