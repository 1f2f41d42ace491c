"""JSON export problems are located by a walk of the text with public :mod:`json` only: every
path's offset is where that very value starts, whatever the spacing, escapes or nesting."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from igalgo.inputs.exports.locating import JsonLocator, JsonPath, dotted, value_offsets

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(alphabet=st.characters(codec="utf-8"), max_size=8)
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=20,
)


def paths(value: object, path: JsonPath = ()) -> dict[JsonPath, object]:
    """Every path of a decoded value, with the value there."""
    found: dict[JsonPath, object] = {path: value}
    if isinstance(value, list):
        for index, item in enumerate(value):
            found |= paths(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            found |= paths(item, (*path, key))
    return found


@given(
    value=VALUES,
    indent=st.sampled_from([None, 0, 2, "\t"]),
    ascii_only=st.booleans(),
    separators=st.sampled_from([None, (",", ":"), (" , ", " : ")]),
)
def test_every_path_is_found_where_its_value_starts(
    value: object, indent: int | str | None, ascii_only: bool, separators: tuple[str, str] | None
) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_only, separators=separators)
    expected = paths(value)
    offsets = value_offsets(f" \n{text}\r\n", set(expected))
    assert set(offsets) == set(expected)
    decoder = json.JSONDecoder()
    for path, wanted in expected.items():
        found, _ = decoder.raw_decode(f" \n{text}\r\n", offsets[path])
        assert found == wanted, (dotted(path), found, wanted)


def test_of_duplicate_keys_the_last_counts_as_in_json() -> None:
    text = '{"data": [{"reach": 1}, {"reach": 2,\n "reach": "lots"}]}'
    offsets = value_offsets(text, {("data", 1, "reach")})
    assert text[offsets[("data", 1, "reach")] :].startswith('"lots"')


def test_a_path_is_located_at_its_line_and_column() -> None:
    text = '{\n  "data": [\n    {"id": "1", "insights": {"reach": -3}}\n  ]\n}\n'
    path = ("data", 0, "insights", "reach")
    location = JsonLocator("media.json", text).locate([path])[path]
    assert (location.line, location.column) == (3, text.splitlines()[2].index("-3") + 1)
    assert dotted(path) == "data[0].insights.reach"
