"""YAML 1.1 scalars read as PyYAML reads them, without importing yaml, and hints for numbers.

The nodes of :mod:`igalgo.inputs.nodes` carry the tags of PyYAML's resolver; these readers turn
an int, float or bool scalar's text into its value by PyYAML 6's rules (tests/inputs/test_checks.py
compares them with PyYAML). The number hints explain the YAML 1.1 readings that surprise:
unquoted ``19:30`` is the base-60 integer 1170, ``1e3`` is text, ``0700`` is octal.
"""

from __future__ import annotations

import math
import re
from typing import Final, TypeVar

from igalgo.inputs.nodes import BOOL_TAG, FLOAT_TAG, INT_TAG, STR_TAG, ScalarNode

__all__ = [
    "looks_numeric",
    "number_hint",
    "scalar_value",
    "show_number",
    "yaml11_bool",
    "yaml11_float",
    "yaml11_int",
]


def scalar_value(node: ScalarNode) -> object:
    """The YAML 1.1 value of an int, float or bool scalar, as ``yaml.safe_load`` reads it.

    None when the text cannot be read as that type: an explicit tag on other text
    (``!!bool maybe``) or an integer longer than Python converts (4300 digits).
    """
    try:
        if node.tag == INT_TAG:
            return yaml11_int(node.text)
        if node.tag == FLOAT_TAG:
            return yaml11_float(node.text)
        if node.tag == BOOL_TAG:
            return yaml11_bool(node.text)
    except (ValueError, OverflowError, KeyError, IndexError):
        return None
    return node.text


# The three readers below are PyYAML's SafeConstructor.construct_yaml_int, _float and _bool
# (PyYAML 6), rule for rule, so that checking needs no yaml import; they raise what those
# raise on text that an explicit tag forced on them.

_YAML11_BOOLS: Final = {
    "yes": True,
    "no": False,
    "true": True,
    "false": False,
    "on": True,
    "off": False,
}


def yaml11_bool(text: str) -> bool:
    """A YAML 1.1 boolean (KeyError when ``text`` is none)."""
    return _YAML11_BOOLS[text.lower()]


def yaml11_int(text: str) -> int:
    """A YAML 1.1 integer: decimal, 0b binary, 0x hex, 0 octal or base-60 with colons."""
    value = text.replace("_", "")
    sign = +1
    if value[0] == "-":
        sign = -1
    if value[0] in "+-":
        value = value[1:]
    if value == "0":
        return 0
    if value.startswith("0b"):
        return sign * int(value[2:], 2)
    if value.startswith("0x"):
        return sign * int(value[2:], 16)
    if value[0] == "0":
        return sign * int(value, 8)
    if ":" in value:
        return sign * _sexagesimal([int(part) for part in value.split(":")], 0)
    return sign * int(value)


def yaml11_float(text: str) -> float:
    """A YAML 1.1 float: .inf, .nan, base-60 with colons or anything float() reads."""
    value = text.replace("_", "").lower()
    sign = +1
    if value[0] == "-":
        sign = -1
    if value[0] in "+-":
        value = value[1:]
    if value == ".inf":
        return sign * math.inf
    if value == ".nan":
        return math.nan
    if ":" in value:
        return sign * _sexagesimal([float(part) for part in value.split(":")], 0.0)
    return sign * float(value)


_Number = TypeVar("_Number", int, float)


def _sexagesimal(digits: list[_Number], zero: _Number) -> _Number:
    """The base-60 number of YAML 1.1 (``1:30`` is 90), summed as PyYAML does."""
    total = zero
    base = 1
    for digit in reversed(digits):
        total += digit * base
        base *= 60
    return total


def number_hint(node: ScalarNode) -> str | None:
    """What to write instead of a scalar that is not the number it looks like."""
    raw = node.text.strip()
    if node.tag == BOOL_TAG:
        return "write a number"
    if node.tag != STR_TAG:
        return None
    if node.style in ("'", '"') and looks_numeric(raw):
        return "remove the quotes: a quoted value is text"
    if re.fullmatch(r"[-+]?[0-9]+(\.[0-9]*)?[eE][-+]?[0-9]+", raw):
        return (
            f"YAML 1.1 reads {raw} as text (a float needs a dot and a signed exponent, "
            f"like 1.0e+3); write {show_number(float(raw)).replace(',', '')} out in full"
        )
    if raw.endswith("%") and looks_numeric(raw[:-1]):
        return f"write a percentage as a fraction: {raw} is {float(raw[:-1]) / 100:g}"
    if re.fullmatch(r"[-+]?[0-9]{1,3}([,. ][0-9]{3})+", raw):
        return "write the digits without thousands separators, e.g. 4200"
    return None


def show_number(number: float) -> str:
    """A number for messages: 1,000,000 rather than 1e+06; 0.012 stays 0.012."""
    if float(number).is_integer() and abs(number) < 1e15:
        return f"{int(number):,}"
    return f"{number:g}"


def looks_numeric(text: str) -> bool:
    """True when ``float()`` reads ``text``."""
    try:
        float(text)
    except ValueError:
        return False
    return True
