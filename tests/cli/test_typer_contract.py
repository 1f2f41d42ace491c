"""The private part of typer that igalgo.cli.conversion relies on, checked on the installed typer.

Typer 0.29 keeps each parameter's converter in ``_runtime_param`` until first use; igalgo puts
its own converters there to skip pydantic (docs/decisions/0041-typer-values-without-pydantic.md).
On any other typer these tests fail and say what to check.
"""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import version
from typing import Annotated, Any

import pytest
import typer
import typer.core

from igalgo.cli.conversion import SUPPORTED_TYPER, Command, Converter
from tests.conftest import REPO

UNSUPPORTED = (
    "typer {found} is outside the releases igalgo.cli.conversion is written for ({low} to "
    "before {high}): check that typer still keeps each parameter's converter in "
    "`_runtime_param` and calls its `coerce(value, param=, ctx=)`, then widen SUPPORTED_TYPER "
    "and the typer pin in pyproject.toml together"
)


def _release(text: str) -> tuple[int, int]:
    major, minor = re.findall(r"\d+", text)[:2]
    return int(major), int(minor)


def _words(release: tuple[int, int]) -> str:
    return ".".join(map(str, release))


def test_the_installed_typer_is_a_supported_release() -> None:
    found = version("typer")
    low, high = SUPPORTED_TYPER
    if not low <= _release(found) < high:
        pytest.fail(UNSUPPORTED.format(found=found, low=_words(low), high=_words(high)))


def test_pyproject_pins_typer_to_the_supported_releases() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    pins = [d for d in project["project"]["dependencies"] if d.startswith("typer")]
    low, high = SUPPORTED_TYPER
    assert pins == [f"typer>={_words(low)},<{_words(high)}"]


def test_a_converter_put_in_runtime_param_converts_the_value(
    capsys: pytest.CaptureFixture[str],
) -> None:
    seen: list[Any] = []

    class Recording(Converter):
        def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
            seen.append(value)
            return super().coerce(value, param, ctx)

    app = typer.Typer()

    @app.command(cls=Command)
    def run(count: Annotated[int, typer.Option("--count", min=1)] = 1) -> None:
        typer.echo(f"count={count!r}")

    command = typer.main.get_command(app)
    option = next(p for p in command.params if p.name == "count")
    assert getattr(option, "_runtime_param", "missing") is None, (
        "typer no longer starts a parameter with `_runtime_param = None`"
    )
    command.main(["--count", "3"], standalone_mode=False)
    assert capsys.readouterr().out == "count=3\n"
    assert isinstance(option._runtime_param, Converter), "typer dropped igalgo's converter"
    option._runtime_param = Recording(option._runtime_param.kind)
    with pytest.raises(typer.BadParameter, match=r"0 is not in the range x>=1"):
        command.main(["--count", "0"], standalone_mode=False)
    assert seen == ["0"]
