"""The yaml-free checks and nodes hold to PyYAML: same YAML 1.1 values, same tags and places.

:mod:`igalgo.inputs.loader` composes igalgo's nodes from parser events and reads int, float
and bool scalars with PyYAML's safe constructor; both are compared here with PyYAML's own
composition and ``yaml.safe_load``. Where PyYAML's reader fails (an explicit tag on other
text), the checks report a problem.
"""

from __future__ import annotations

import json
import math

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from igalgo.errors import InputError
from igalgo.inputs import loader
from igalgo.inputs.nodes import (
    BOOL_TAG,
    FLOAT_TAG,
    INT_TAG,
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
)
from tests.conftest import PROFILES, SHARED

NUMBER_LIKE = st.text(alphabet="0123456789_:+-.xboeEinfaINFAN yYsStTrRuUlL", max_size=12)
"""Short texts made of what YAML 1.1 numbers and booleans are made of, and some other text."""

READ_TAGS = (INT_TAG, FLOAT_TAG, BOOL_TAG)
"""The tags whose scalars carry a constructed value."""


def same(left: object, right: object) -> bool:
    """Equal values of the same type; NaN is the same as NaN."""
    if isinstance(left, float) and isinstance(right, float) and math.isnan(left):
        return math.isnan(right)
    return type(left) is type(right) and left == right


def constructed_by_pyyaml(node: yaml.ScalarNode) -> object:
    """What ``yaml.safe_load`` makes of a scalar node, or None where it raises."""
    try:
        return yaml.constructor.SafeConstructor().construct_object(node)
    except (ValueError, OverflowError, KeyError, IndexError):
        return None


@pytest.mark.parametrize("tag", ["!!int", "!!float", "!!bool"])
@given(text=NUMBER_LIKE)
@example(text="")
@example(text="0b1_0")
@example(text="-0x_1F")
@example(text="0700")
@example(text="-19:30")
@example(text="1:2:3.5")
@example(text="9" * 5000)
@example(text="99999:" * 200 + "1")
@example(text="9.9:" * 200 + "1")
@example(text="-.INF")
@example(text=".NaN")
@example(text="On")
@example(text="maybe")
def test_tagged_scalars_are_read_as_safe_load_reads_them(tag: str, text: str) -> None:
    document = f"value: {tag} {json.dumps(text)}\n"
    root = loader._compose(document, "case.yaml")
    assert isinstance(root, MappingNode)
    ours = root.pairs[0][1]
    assert isinstance(ours, ScalarNode) and ours.text == text
    try:
        theirs = yaml.safe_load(document)["value"]
    except (ValueError, OverflowError, KeyError, IndexError):
        theirs = None
    assert same(ours.value, theirs), (tag, text)


def test_other_tags_keep_their_text() -> None:
    root = loader._compose('a: "19:30"\nb: 2026-01-07\nc: ~\nd: 19:30\n', "case.yaml")
    assert isinstance(root, MappingNode)
    values = [value.value for _, value in root.pairs if isinstance(value, ScalarNode)]
    assert values == ["19:30", "2026-01-07", "~", 1170]


def composed_by_pyyaml(text: str, parser: type[yaml.SafeLoader]) -> yaml.Node | None:
    """PyYAML's own composition of ``text``, or None when it is not one valid document."""
    try:
        return yaml.compose(text, Loader=parser)
    except yaml.YAMLError:
        return None


def differences(ours: Node, theirs: yaml.Node, seen: dict[int, int]) -> list[str]:
    """Where igalgo's node tree differs from PyYAML's (tags of collections aside)."""
    if id(ours) in seen:  # an alias: the same node as before on both sides
        return [] if seen[id(ours)] == id(theirs) else [f"alias at {ours.line}"]
    seen[id(ours)] = id(theirs)
    mark = theirs.start_mark
    if (ours.line, ours.column) != (mark.line + 1, mark.column + 1):
        return [f"{ours.line}:{ours.column} is {mark.line + 1}:{mark.column + 1} in PyYAML"]
    if isinstance(ours, ScalarNode) and isinstance(theirs, yaml.ScalarNode):
        found = (ours.tag, ours.text, ours.style)
        wanted = (theirs.tag, theirs.value, theirs.style)
        if found != wanted:
            return [f"{found} != {wanted}"]
        value = constructed_by_pyyaml(theirs) if ours.tag in READ_TAGS else theirs.value
        return [] if same(ours.value, value) else [f"{ours.value!r} != {value!r}"]
    if isinstance(ours, SequenceNode) and isinstance(theirs, yaml.SequenceNode):
        pairs = list(zip(ours.items, theirs.value, strict=False))
        if len(ours.items) != len(theirs.value):
            return [f"list at {ours.line} has {len(ours.items)} items"]
        return [d for a, b in pairs for d in differences(a, b, seen)]
    if isinstance(ours, MappingNode) and isinstance(theirs, yaml.MappingNode):
        if len(ours.pairs) != len(theirs.value):
            return [f"mapping at {ours.line} has {len(ours.pairs)} pairs"]
        below: list[str] = []
        for (key, value), (their_key, their_value) in zip(ours.pairs, theirs.value, strict=True):
            below += differences(key, their_key, seen) + differences(value, their_value, seen)
        return below
    return [f"{type(ours).__name__} at {ours.line} is {type(theirs).__name__} in PyYAML"]


CORPUS = sorted((SHARED / "yaml-test-suite" / "cases").glob("*.yaml"))
TEXTS = [path.read_text(encoding="utf-8") for path in sorted(PROFILES.glob("*.yaml")) + CORPUS]


@pytest.mark.parametrize(
    "parser", [yaml.CSafeLoader if yaml.__with_libyaml__ else None, yaml.SafeLoader]
)
def test_composed_nodes_match_pyyaml(
    parser: type[yaml.SafeLoader] | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    if parser is None:
        pytest.skip("PyYAML has no libyaml here")
    monkeypatch.setattr(loader, "_PARSER", parser)
    compared = 0
    for text in TEXTS:
        theirs = composed_by_pyyaml(text, parser)
        if theirs is None:
            continue
        try:
            ours = loader._compose(text, "case.yaml")
        except InputError:
            continue  # empty, too deep, a cycle: refused, as test_hostile and test_loader show
        assert differences(ours, theirs, {}) == [], text
        compared += 1
    assert compared >= (200 if CORPUS else len(TEXTS))


def test_nodes_carry_places_styles_and_aliases() -> None:
    root = loader._compose("name: Zon\nfollowers:\n  - 1\n  - &a {x: 'y'}\n  - *a\n", "p.yaml")
    assert isinstance(root, MappingNode)
    (_, name), (key, followers) = root.pairs
    assert (name.line, name.column, key.line, key.column) == (1, 7, 2, 1)
    assert isinstance(followers, SequenceNode)
    first, mapping, alias = followers.items
    assert isinstance(first, ScalarNode) and (first.tag, first.text) == (INT_TAG, "1")
    assert alias is mapping and (mapping.line, mapping.column) == (4, 5)
    assert isinstance(mapping, MappingNode)
    quoted = mapping.pairs[0][1]
    assert isinstance(quoted, ScalarNode) and quoted.style == "'"


def test_an_explicit_bool_tag_on_other_text_is_a_problem_not_a_crash() -> None:
    text = (
        "account: {name: Zon, followers: 4200, timezone: Europe/Amsterdam}\n"
        'drafts:\n  - {id: a, format: photo, publish_at: "2026-12-01 10:00", '
        "watermark: !!bool maybe}\n"
    )
    with pytest.raises(InputError) as caught:
        loader.parse_drafts_text(text, "d.yaml", None)
    (problem,) = caught.value.problems
    assert problem.format() == (
        "d.yaml:3:71: error[wrong-type]: drafts[0].watermark: expected true or false, "
        "got 'maybe' tagged bool but not readable as one\n  hint: write true or false"
    )
