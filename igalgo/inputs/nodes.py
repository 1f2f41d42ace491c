"""igalgo's own YAML nodes: what the loader composes and the checks read.

Only what checking needs is kept: a scalar's text, tag, quoting style and value, a
collection's children, and where each value starts (1-based line and column, as in
messages). Nothing here imports yaml; :mod:`igalgo.inputs.loader` builds these nodes from the
parser's events (scalar values by PyYAML's constructor) and :mod:`igalgo.inputs.checks` turns
them into domain values.

Nodes compare by identity (``eq=False``): an alias is the very node its anchor names, and two
equal-looking values at different places are different nodes.
"""

from __future__ import annotations

import dataclasses
from typing import Final

TAG_PREFIX: Final = "tag:yaml.org,2002:"
"""Where YAML's standard tags live; ``!!int`` in a file is short for TAG_PREFIX + "int"."""
STR_TAG: Final = TAG_PREFIX + "str"
INT_TAG: Final = TAG_PREFIX + "int"
FLOAT_TAG: Final = TAG_PREFIX + "float"
BOOL_TAG: Final = TAG_PREFIX + "bool"
NULL_TAG: Final = TAG_PREFIX + "null"
TIMESTAMP_TAG: Final = TAG_PREFIX + "timestamp"
MERGE_TAG: Final = TAG_PREFIX + "merge"
"""The tag of ``<<``, YAML 1.1's merge key."""


@dataclasses.dataclass(frozen=True, slots=True, eq=False)
class ScalarNode:
    """One scalar as written: its text, the tag the YAML 1.1 resolver gave it, and its value."""

    tag: str
    """Full tag, e.g. ``tag:yaml.org,2002:int`` for unquoted 1170 or 19:30."""
    text: str
    """The scalar's text after YAML's quoting and folding rules."""
    style: str | None
    """Quoting style: ``'`` or ``"`` when quoted, ``|`` or ``>`` for block text, else None."""
    value: object
    """For an int, float or bool tag, the value PyYAML's safe constructor makes of the text
    (as ``yaml.safe_load`` reads it), or None when it cannot (``!!bool maybe``, an integer
    of more than 4300 digits); for any other tag, the text."""
    line: int
    """1-based line where the value starts."""
    column: int
    """1-based column where the value starts."""


@dataclasses.dataclass(frozen=True, slots=True, eq=False)
class SequenceNode:
    """A list. The loader fills ``items`` while it reads the list and never changes it after."""

    items: list[Node]
    """The items in order (an alias appears as the node it refers to)."""
    line: int
    """1-based line where the list starts."""
    column: int
    """1-based column where the list starts."""


@dataclasses.dataclass(frozen=True, slots=True, eq=False)
class MappingNode:
    """A mapping. The loader fills ``pairs`` when the mapping ends and never changes it after."""

    pairs: list[tuple[Node, Node]]
    """(key, value) pairs in the order written, duplicates included."""
    line: int
    """1-based line where the mapping starts."""
    column: int
    """1-based column where the mapping starts."""


Node = ScalarNode | SequenceNode | MappingNode
"""Any composed value."""


def find_value(node: Node, name: str) -> Node | None:
    """The value of key ``name`` of a mapping node, or None (also for other nodes)."""
    if isinstance(node, MappingNode):
        for key, value in node.pairs:
            if isinstance(key, ScalarNode) and key.text == name:
                return value
    return None
