"""Shared test fixtures: where things are, and how to run the ``igalgo`` command of this tree."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# Property tests have no per-example deadline: on a shared machine a slow example is no failure.
settings.register_profile("igalgo", deadline=None)
settings.load_profile("igalgo")

REPO = Path(__file__).resolve().parents[1]
"""The repository checkout the tests run in."""

PROFILES = REPO / "profiles"
"""Shipped example profiles and the demo drafts file."""

TODAY = "2026-11-30"
"""The date the command-line tests run igalgo on (``IGALGO_TODAY``): a Monday before the demo
drafts' week."""

SHARED = REPO.parent / "shared"
"""The project's shared material (YAML corpus, calibration targets), beside the checkout."""

RunCli = Callable[..., subprocess.CompletedProcess[str]]
"""``run(*args, input=, env=, cwd=, timeout=)`` -> the completed run of ``igalgo``, text mode."""


def igalgo_executable() -> str:
    """An ``igalgo`` command of this tree's code (:func:`tests.cli.running.igalgo_executable`)."""
    from tests.cli import running  # here, so that this file runs without tests/cli (a copy does)

    return running.igalgo_executable()


@pytest.fixture
def run_cli() -> RunCli:
    """Run ``igalgo`` in this process (:func:`tests.cli.running.run_in_process`); returns the
    completed run (text mode), as a process run would."""
    from tests.cli.running import run_in_process

    return run_in_process


@pytest.fixture
def run_process() -> RunCli:
    """Run ``igalgo`` as its own process of this tree's code
    (:func:`tests.cli.running.run_in_subprocess`): for what only a process shows."""
    from tests.cli.running import run_in_subprocess

    return run_in_subprocess


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
