"""Lines and columns are an editor's, even where YAML 1.1 sees line breaks that editors do not
(U+0085, U+2028, U+2029)."""

from __future__ import annotations

import pytest

from igalgo.errors import InputError
from igalgo.inputs.formats import ErrorCode
from igalgo.inputs.loader import parse_account_text, parse_drafts_text


@pytest.mark.parametrize("separator", ["\x85", "\u2028", "\u2029"], ids=["NEL", "LS", "PS"])
def test_a_yaml_only_line_break_does_not_shift_later_lines(separator: str) -> None:
    text = f'# a comment{separator}# still the first line\nname: "A"\nfollowers: many\n'
    with pytest.raises(InputError) as caught:
        parse_account_text(text, "p.yaml")
    (problem,) = caught.value.problems
    assert problem.code == ErrorCode.WRONG_TYPE
    assert problem.location is not None
    assert (problem.location.line, problem.location.column) == (3, 12)


def test_a_separator_at_the_end_of_a_line_counts_no_line_of_its_own() -> None:
    # For YAML 1.1 the comment's line ends twice (U+2028, then the newline): the zone is on
    # its fourth line, on an editor's third.
    text = "#\u2028\nfollowers: 1\ntimezone: Nowhere/Special\nname: A\n"
    with pytest.raises(InputError) as caught:
        parse_account_text(text, "p.yaml")
    (problem,) = caught.value.problems
    assert problem.location is not None
    assert (problem.location.line, problem.location.column) == (3, 11)


def test_syntax_errors_are_located_as_an_editor_counts_too() -> None:
    text = "# note\u2028 more\nname: A\nfollowers: x: y\n"
    with pytest.raises(InputError) as caught:
        parse_account_text(text, "p.yaml")
    (problem,) = caught.value.problems
    assert problem.code == ErrorCode.YAML_SYNTAX
    assert problem.location is not None and problem.location.line == 2


def test_files_without_such_characters_keep_the_parsers_positions() -> None:
    text = (
        "account: {name: Zon, followers: 10}\n"
        'drafts:\n  - {id: a, format: photo, publish_at: "x"}\n'
    )
    with pytest.raises(InputError) as caught:
        parse_drafts_text(text, "d.yaml", None)
    (problem,) = caught.value.problems
    assert problem.location is not None
    assert (problem.location.line, problem.location.column) == (3, 40)
