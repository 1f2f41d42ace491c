"""Parameters as declared data: every field says its unit and allowed range, and is checked
when its dataclass is constructed.

A parameter field is declared as ``window_hours: Annotated[int, at_least(1, "hours")] = 48``;
classes that derive from :class:`Declared` check each such field in ``__post_init__`` and
raise ``ValueError`` naming the field, its unit and the range. Per-key tables are
:class:`FrozenMap`, a read-only, hashable mapping, so parameter objects stay hashable (they key
caches) and nothing rebuilds a dict on every call.
"""

from __future__ import annotations

import math
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields, replace
from enum import Enum
from typing import Any, TypeVar

Key = TypeVar("Key")
Value = TypeVar("Value")


class FrozenMap(Mapping[Key, Value]):
    """A read-only mapping that can be hashed: per-key parameter tables."""

    __slots__ = ("_hash", "_items")

    def __init__(self, items: Mapping[Key, Value]) -> None:
        self._items = dict(items)
        self._hash: int | None = None

    def __getitem__(self, key: Key) -> Value:
        return self._items[key]

    def __iter__(self) -> Iterator[Key]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._items.items()))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return self._items == dict(other.items())
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenMap({self._items!r})"


class Evidence(Enum):
    """What a model effect rests on, from the strongest to the weakest source; every effect a
    driver can measure, and so every piece of advice, names one."""

    FITTED = "fitted"
    """Fitted to the account's own published posts by ``igalgo calibrate``."""
    PUBLISHED = "published"
    """A published figure: a study or a platform document that gives a number (docs/sources.md)."""
    STATED = "stated"
    """Instagram states the direction of the effect but gives no size; the size is ours."""
    ASSUMED = "assumed"
    """Our assumption: neither a figure nor a statement of Instagram's supports it."""


@dataclass(frozen=True)
class Source:
    """What one parameter rests on, declared beside its :class:`Bound` in the field's
    ``Annotated`` metadata: ``Annotated[float, positive("x"), published("Author 2023")]``."""

    evidence: Evidence
    """The grade of the support."""
    reference: str = ""
    """Where it comes from: a short citation of docs/sources.md, or why it is assumed."""


def published(reference: str) -> Source:
    """A parameter set from a published figure (``reference`` names it)."""
    return Source(Evidence.PUBLISHED, reference)


def stated(reference: str) -> Source:
    """A parameter whose direction Instagram states (``reference``) and whose size is ours."""
    return Source(Evidence.STATED, reference)


def assumed(reason: str = "") -> Source:
    """A parameter that is our assumption."""
    return Source(Evidence.ASSUMED, reason)


_SOURCES: dict[type, dict[str, Source]] = {}
"""Each declared class's sources, read from its type hints once."""


def declared_sources(cls: type) -> dict[str, Source]:
    """The :class:`Source` of each field of the dataclass ``cls`` that declares one."""
    if cls not in _SOURCES:
        hints = typing.get_type_hints(cls, include_extras=True)
        _SOURCES[cls] = {
            item.name: extra
            for item in fields(cls)
            for extra in getattr(hints.get(item.name), "__metadata__", ())
            if isinstance(extra, Source)
        }
    return _SOURCES[cls]


@dataclass(frozen=True)
class Bound:
    """The unit and allowed range of one parameter (of each element, for tuples and maps)."""

    unit: str
    """What the number counts or measures, as the error message says it."""
    low: float | None = None
    """Smallest allowed value (None: no lower limit)."""
    high: float | None = None
    """Largest allowed value (None: no upper limit)."""
    low_excluded: bool = False
    """True when ``low`` itself is not allowed (a strictly positive value)."""
    length: int | None = None
    """Number of elements a tuple must have."""
    keys: type[Enum] | None = None
    """The enum whose every member a map must have as a key."""
    whole: bool = False
    """True when the value must be a whole number (set for fields typed ``int``)."""

    def words(self) -> str:
        """The range in words, e.g. ``> 0`` or ``between 0 and 1``."""
        if self.low is not None and self.high is not None:
            if self.low_excluded:
                return f"> {self.low:g} and <= {self.high:g}"
            return f"between {self.low:g} and {self.high:g}"
        if self.low is not None:
            return f"{'>' if self.low_excluded else '>='} {self.low:g}"
        if self.high is not None:
            return f"<= {self.high:g}"
        return "any number"

    def check(self, name: str, value: object) -> None:
        """Raise ``ValueError`` naming ``name`` unless ``value`` is within this bound."""
        if isinstance(value, Mapping):
            if self.keys is not None:
                missing = [member.value for member in self.keys if member not in value]
                if missing:
                    raise ValueError(f"{name} has no value for {', '.join(map(str, missing))}")
            for key, item in value.items():
                self._check_value(f"{name}[{getattr(key, 'value', key)}]", item)
            return
        self._check_value(name, value)

    def _check_value(self, name: str, value: object) -> None:
        """A number, or a tuple of numbers (of :attr:`length` when set)."""
        if isinstance(value, tuple):
            if self.length is not None and len(value) != self.length:
                raise ValueError(f"{name} must have {self.length} values, got {len(value)}")
            if not value:
                raise ValueError(f"{name} must have at least one value")
            for position, item in enumerate(value):
                self._check_number(f"{name}[{position}]", item)
            return
        self._check_number(name, value)

    def _check_number(self, name: str, value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{name} must be a number ({self.unit}), got {value!r}")
        if self.whole and not isinstance(value, int):
            raise ValueError(f"{name} must be a whole number ({self.unit}), got {value!r}")
        number = float(value)
        below = self.low is not None and (
            number < self.low or (self.low_excluded and number == self.low)
        )
        above = self.high is not None and number > self.high
        if math.isnan(number) or math.isinf(number) or below or above:
            raise ValueError(f"{name} must be {self.words()} ({self.unit}), got {value!r}")


def positive(unit: str, **options: Any) -> Bound:
    """A strictly positive number."""
    return Bound(unit, 0.0, low_excluded=True, **options)


def non_negative(unit: str, **options: Any) -> Bound:
    """Zero or more."""
    return Bound(unit, 0.0, **options)


def at_least(low: float, unit: str, **options: Any) -> Bound:
    """``low`` or more."""
    return Bound(unit, low, **options)


def between(low: float, high: float, unit: str, **options: Any) -> Bound:
    """From ``low`` to ``high``, both included."""
    return Bound(unit, low, high, **options)


def above_up_to(low: float, high: float, unit: str, **options: Any) -> Bound:
    """More than ``low``, at most ``high``."""
    return Bound(unit, low, high, low_excluded=True, **options)


def share(unit: str = "fraction", **options: Any) -> Bound:
    """A fraction or probability, from 0 to 1."""
    return Bound(unit, 0.0, 1.0, **options)


class Declared:
    """Base of parameter dataclasses: checks every field declared with a :class:`Bound`.

    A map, tuple or frozenset given as another mapping or iterable (a dict, a list, a set)
    is frozen first, so that the parameters stay hashable and read-only.
    """

    def __post_init__(self) -> None:
        for name, kind in _frozen_kinds(type(self)).items():
            value = getattr(self, name)
            if isinstance(value, kind):
                continue
            if kind is FrozenMap and isinstance(value, Mapping):
                object.__setattr__(self, name, FrozenMap(value))
            elif kind is not FrozenMap and isinstance(value, list | set | tuple | frozenset):
                object.__setattr__(self, name, kind(value))
        for name, bound in declared_bounds(type(self)).items():
            bound.check(f"{type(self).__name__}.{name}", getattr(self, name))
        self.check_relations()

    def check_relations(self) -> None:
        """Checks between fields (e.g. one window shorter than another); none by default."""

    def check_order(self, lower: str, upper: str, unit: str) -> None:
        """Raise ValueError when field ``lower`` is above field ``upper`` (an inverted band)."""
        low, high = getattr(self, lower), getattr(self, upper)
        if low > high:
            raise ValueError(
                f"{type(self).__name__}.{lower} must not exceed {upper} ({unit}), "
                f"got {low!r} > {high!r}"
            )


_BOUNDS: dict[type, dict[str, Bound]] = {}
"""Each declared class's bounds, read from its type hints once."""


def declared_bounds(cls: type) -> dict[str, Bound]:
    """The :class:`Bound` of each field of the dataclass ``cls`` that declares one; a field
    typed ``int`` (or a tuple or map of ``int``) must hold whole numbers."""
    if cls not in _BOUNDS:
        hints = typing.get_type_hints(cls, include_extras=True)
        bounds: dict[str, Bound] = {}
        for item in fields(cls):
            hint = hints.get(item.name)
            for extra in getattr(hint, "__metadata__", ()):
                if isinstance(extra, Bound):
                    whole = int in _number_types(typing.get_args(hint)[0])
                    bounds[item.name] = replace(extra, whole=extra.whole or whole)
        _BOUNDS[cls] = bounds
    return _BOUNDS[cls]


def _number_types(hint: Any) -> set[Any]:
    """The element types a hint holds numbers of: ``int`` for ``int``, ``tuple[int, ...]``,
    ``Mapping[Surface, int]``."""
    origin = typing.get_origin(hint)
    if origin is None:
        return {hint}
    arguments = [a for a in typing.get_args(hint) if a is not Ellipsis]
    if origin in (Mapping, typing.Mapping) or (
        isinstance(origin, type) and issubclass(origin, Mapping)
    ):
        return set(arguments[-1:])
    return set(arguments)


_KINDS: dict[type, dict[str, type]] = {}
"""Each declared class's fields that hold maps, tuples or frozensets, and the frozen type."""


def _frozen_kinds(cls: type) -> dict[str, type]:
    """The fields of ``cls`` typed as a mapping, tuple or frozenset, with the type to freeze a
    given value into."""
    if cls not in _KINDS:
        hints = typing.get_type_hints(cls)
        kinds: dict[str, type] = {}
        for item in fields(cls):
            origin = typing.get_origin(hints.get(item.name)) or hints.get(item.name)
            if origin in (Mapping, typing.Mapping):
                kinds[item.name] = FrozenMap
            elif origin in (tuple, frozenset):
                kinds[item.name] = origin
        _KINDS[cls] = kinds
    return _KINDS[cls]
