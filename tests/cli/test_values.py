"""Option values converted without pydantic (igalgo.cli.values), and the names the command
line declares itself so that ``igalgo --help`` stays light."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import pytest

from docs.tools.schemas import SCHEMAS
from igalgo.cli.options import MAX_JOBS, MAX_SAMPLES, SurfaceName
from igalgo.cli.values import ValueKind, value_kind
from igalgo.domain import Surface
from igalgo.engine import settings
from igalgo.output.schemas import SCHEMA_NAMES
from igalgo.parameters import declared_bounds
from tests.conftest import PROFILES, RunCli

DEMO = str(PROFILES / "demo-drafts.yaml")


class Colour(StrEnum):
    RED = "red"
    BLUE = "blue"


def test_the_cli_names_match_the_domain_and_the_schemas() -> None:
    assert [s.value for s in SurfaceName] == [s.value for s in Surface]
    assert tuple(SCHEMAS) == SCHEMA_NAMES
    assert MAX_SAMPLES == settings.MAX_SAMPLES
    workers = declared_bounds(settings.EngineSettings)["workers"]
    assert (workers.low, workers.high) == (1, MAX_JOBS)


def test_kinds_igalgo_handles_and_the_ones_it_leaves_to_typer() -> None:
    assert value_kind(str) == ValueKind(str)
    assert value_kind(list[Colour], case_sensitive=False) == ValueKind(
        Colour, many=True, case_sensitive=False
    )
    assert value_kind(float) is None
    assert value_kind(int, clamp=True) is None
    assert value_kind(Path, path_checks=True) is None
    assert value_kind(str, parser=str.upper) is None
    assert value_kind(tuple[int, int]) is None


def test_integers_and_their_bounds() -> None:
    kind = ValueKind(int, minimum=1, maximum=52)
    assert kind.convert("7") == 7 and kind.convert(2) == 2
    with pytest.raises(ValueError, match=r"^0 is not in the range 1<=x<=52\.$"):
        kind.convert("0")
    with pytest.raises(ValueError, match=r"^'x' is not a valid integer in the range 1<=x<=52\.$"):
        kind.convert("x")
    with pytest.raises(ValueError, match=r"^'x' is not a valid integer\.$"):
        ValueKind(int).convert("x")
    with pytest.raises(ValueError, match="x>=1"):
        ValueKind(int, minimum=1).convert("-3")


def test_choices_by_value_with_or_without_case() -> None:
    loose = ValueKind(Colour, case_sensitive=False)
    assert loose.convert("RED") is Colour.RED and loose.convert(Colour.BLUE) is Colour.BLUE
    with pytest.raises(ValueError, match=r"^'green' is not one of 'red', 'blue'\.$"):
        loose.convert("green")
    with pytest.raises(ValueError):
        ValueKind(Colour).convert("RED")
    assert ValueKind(Colour, many=True).convert(("red", "blue")) == [Colour.RED, Colour.BLUE]


def test_paths_refuse_a_directory_where_a_file_is_meant(tmp_path: Path) -> None:
    kind = ValueKind(Path, dir_okay=False)
    assert kind.convert(str(tmp_path / "new.json")) == tmp_path / "new.json"
    with pytest.raises(ValueError, match="is a directory"):
        kind.convert(str(tmp_path))
    assert ValueKind(Path).convert(str(tmp_path)) == tmp_path


def test_flags_and_text() -> None:
    flag = ValueKind(bool)
    assert (flag.convert(True), flag.convert("yes"), flag.convert("0")) == (True, True, False)
    with pytest.raises(ValueError):
        flag.convert("maybe")
    assert ValueKind(str, many=True).convert(("a", "b")) == ["a", "b"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--samples", "0"],
            "Invalid value for '--samples': 0 is not in the range 1<=x<=1048576.",
        ),
        (
            ["--samples", "1000000000"],
            "Invalid value for '--samples': 1000000000 is not in the range 1<=x<=1048576.",
        ),
        (
            ["--samples", "1e23"],
            "Invalid value for '--samples': '1e23' is not a valid integer in the range "
            "1<=x<=1048576.",
        ),
        (["--seed", "abc"], "Invalid value for '--seed': 'abc' is not a valid integer in the"),
        (["--seed", "-1"], "Invalid value for '--seed': -1 is not in the range x>=0."),
        (["--format", "xml"], "'xml' is not one of 'table', 'json', 'ndjson', 'csv'"),
        (["--surface", "tv"], "'tv' is not one of 'feed', 'stories', 'explore', 'reels'."),
        (["--output", "."], "Invalid value for '--output': file '.' is a directory."),
    ],
)
def test_bad_values_are_usage_errors(run_cli: RunCli, args: list[str], message: str) -> None:
    result = run_cli("score", DEMO, *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_good_values_reach_the_command(run_cli: RunCli) -> None:
    result = run_cli(
        "score", DEMO, "--samples", "8", "--surface", "REELS", "--format", "JSON", "--seed", "2"
    )
    assert result.returncode == 0, result.stderr
    assert '"seed": 2' in result.stdout and '"samples": 8' in result.stdout
