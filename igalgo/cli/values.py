"""Command-line values converted without pydantic: the few kinds igalgo's commands take.

:mod:`igalgo.cli.conversion` hands typer a :class:`ValueKind` per parameter instead of
typer's pydantic adapters, for the kinds listed here (text, whole numbers with bounds, paths,
choices from an enum, and lists of those); any other kind is left to typer. Errors are
``ValueError`` with typer's wording ("'tv' is not one of 'feed', ..."); the CLI turns them
into usage errors (exit 2). Nothing here imports typer.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin


@dataclass(frozen=True)
class ValueKind:
    """How to convert one parameter's value (or each of its values, for a list)."""

    base: type[Any]
    """``str``, ``bool``, ``int``, ``Path`` or an ``Enum`` subclass."""
    many: bool = False
    """A list of values (repeatable option or variadic argument)."""
    minimum: float | None = None
    maximum: float | None = None
    case_sensitive: bool = True
    """For choices: whether ``FEED`` is refused where ``feed`` is expected."""
    dir_okay: bool = True
    """For paths: whether an existing directory is accepted."""
    readable: bool = True
    """For paths: whether an existing path must be readable."""

    def convert(self, value: Any) -> Any:
        """The converted value; raises ValueError with a message for the user."""
        if self.many:
            items = value if isinstance(value, (list, tuple)) else [value]
            return [self.convert_one(item) for item in items]
        return self.convert_one(value)

    def convert_one(self, value: Any) -> Any:
        """One value of the parameter's base kind."""
        base = self.base
        if isinstance(base, type) and issubclass(base, Enum):
            return self._choice(value)
        if base is bool:
            return self._flag(value)
        if base is int:
            return self._integer(value)
        if base is Path:
            return self._path(value)
        return value if isinstance(value, str) else str(value)

    def _choice(self, value: Any) -> Enum:
        choices: list[Enum] = [*self.base.__members__.values()]
        if isinstance(value, Enum):
            return value  # a member given as a default
        wanted = str(value) if self.case_sensitive else str(value).casefold()
        for choice in choices:
            name = str(choice.value)
            if (name if self.case_sensitive else name.casefold()) == wanted:
                return choice
        names = ", ".join(repr(str(choice.value)) for choice in choices)
        import difflib

        values = [str(choice.value) for choice in choices]
        close = difflib.get_close_matches(str(value).casefold(), values, n=1, cutoff=0.6)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise ValueError(f"{value!r} is not one of {names}.{hint}")

    def _flag(self, value: Any) -> bool:
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE or word == "":
            return False
        raise ValueError(f"{value!r} is not a valid boolean.")

    def _integer(self, value: Any) -> int:
        if isinstance(value, bool):
            raise ValueError(f"{value!r} is not a valid integer.")
        low, high = self.minimum, self.maximum
        if isinstance(value, int):
            number = value
        else:
            try:
                number = int(str(value).strip())
            except ValueError:
                bounds = (
                    f" in the range {_range_words(low, high)}"
                    if (low, high) != (None, None)
                    else ""
                )
                raise ValueError(f"{value!r} is not a valid integer{bounds}.") from None
        if (low is not None and number < low) or (high is not None and number > high):
            raise ValueError(f"{number} is not in the range {_range_words(low, high)}.")
        return number

    def _path(self, value: Any) -> Path:
        path = value if isinstance(value, Path) else Path(str(value))
        try:
            mode = os.stat(path).st_mode
        except OSError:
            return path  # a file still to be written
        if not self.dir_okay and stat.S_ISDIR(mode):
            raise ValueError(f"file {str(value)!r} is a directory.")
        if self.readable and not os.access(path, os.R_OK):
            raise ValueError(f"path {str(value)!r} is not readable.")
        return path


_TRUE = frozenset({"1", "true", "t", "yes", "y", "on"})
_FALSE = frozenset({"0", "false", "f", "no", "n", "off"})


def _range_words(low: float | None, high: float | None) -> str:
    """``x>=1``, ``x<=52`` or ``1<=x<=52`` (click's way of writing a range)."""
    if low is not None and high is not None:
        return f"{_bound(low)}<=x<={_bound(high)}"
    if low is not None:
        return f"x>={_bound(low)}"
    return f"x<={_bound(high)}"


def _bound(number: float | None) -> str:
    """A bound as written: whole numbers in full (1048576, not 1.04858e+06)."""
    if number is None:
        return ""
    return str(int(number)) if float(number).is_integer() else f"{number:g}"


def value_kind(
    annotation: Any,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    clamp: bool = False,
    case_sensitive: bool = True,
    dir_okay: bool = True,
    readable: bool = True,
    path_checks: bool = False,
    parser: Any = None,
) -> ValueKind | None:
    """The kind of a parameter declared as ``annotation``, or None when this module does not
    handle it (then typer converts it as usual).

    Handled: ``str``, ``bool`` (flags), ``int`` (bounds, no clamping), ``Path`` (the
    ``dir_okay`` and ``readable`` checks), an ``Enum`` subclass, and ``list[...]`` of those.
    ``path_checks`` says that the parameter asks for other path checks (exists, writable,
    ...), ``parser`` that it has a custom parser: both are left to typer.
    """
    many = get_origin(annotation) is list
    base = get_args(annotation)[0] if many else annotation
    if parser is not None or clamp or not isinstance(base, type):
        return None
    if base is Path and path_checks:
        return None
    if not (base in (str, int, bool, Path) or issubclass(base, Enum)):
        return None
    return ValueKind(base, many, minimum, maximum, case_sensitive, dir_okay, readable)
