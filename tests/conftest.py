"""Shared test fixtures: where things are, and how to run the installed entry point."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
"""The repository checkout the tests run in."""

PROFILES = REPO / "profiles"
"""Shipped example profiles and the demo drafts file."""

TODAY = "2026-11-30"
"""The date the command-line tests run igalgo on (``IGALGO_TODAY``): a Monday before the demo
drafts' week."""

SHARED = REPO.parent / "shared"
"""The project's shared material (YAML corpus, calibration targets), beside the checkout."""


def igalgo_executable() -> str:
    """The installed ``igalgo`` console script of the interpreter running the tests."""
    beside = Path(sys.executable).with_name("igalgo")
    if beside.exists():
        return str(beside)
    found = shutil.which("igalgo")
    if found is None:
        pytest.fail("the igalgo console script is not installed: run `pip install '.[test]'`")
    return found


RunCli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run_cli() -> RunCli:
    """Run the installed ``igalgo`` command; returns the completed process (text mode)."""

    def run(
        *args: str,
        input: str | None = None,
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
        timeout: float = 60,
    ) -> subprocess.CompletedProcess[str]:
        full_env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR"}}
        full_env.setdefault("COLUMNS", "100")
        # The demo drafts' week is "now" for the tests: no past-date warnings, and undated
        # drafts are scored in the week of 2026-12-07, whatever the real date.
        full_env.setdefault("IGALGO_TODAY", TODAY)
        if env:
            full_env.update(env)
        return subprocess.run(
            [igalgo_executable(), *args],
            input=input,
            capture_output=True,
            text=True,
            env=full_env,
            cwd=cwd or REPO,
            timeout=timeout,
            check=False,
        )

    return run


def argv(*parts: str | Path) -> Sequence[str]:
    """Command-line arguments as strings."""
    return [str(part) for part in parts]


def schema_errors(
    value: object, schema: dict[str, Any], definition: str | None = None
) -> list[str]:
    """Every way ``value`` breaks the JSON Schema (2020-12) ``schema``, or its
    ``$defs/definition``, as ``json-path: message`` lines (empty when valid); a failed
    ``oneOf`` lists what each of its branches found, too."""
    import jsonschema

    target = schema if definition is None else {**schema, "$ref": f"#/$defs/{definition}"}
    if definition is not None:
        target = {key: target[key] for key in ("$schema", "$defs", "$ref") if key in target}
    validator = jsonschema.Draft202012Validator(target)
    found: list[str] = []

    def add(errors: Iterable[jsonschema.ValidationError]) -> None:
        for error in sorted(errors, key=lambda e: (list(e.absolute_path), e.message)):
            found.append(f"{error.json_path}: {error.message}")
            add(error.context or [])

    add(validator.iter_errors(value))
    return found
