"""Contracts of the simulation engine: its public API, its imports, and its parameters."""

from __future__ import annotations

import ast
import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

import igalgo
from igalgo.world import model as service
from igalgo.world.params import ModelParams
from tests.conftest import REPO

ENGINE_FILES = [
    *sorted((REPO / "igalgo" / "world").rglob("*.py")),
    *sorted((REPO / "igalgo" / "engine").rglob("*.py")),
]


def run_python(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    return result.stdout.strip()


def test_import_igalgo_stays_light() -> None:
    assert run_python("import sys, igalgo; print('numpy' in sys.modules)") == "False"


def test_score_drafts_is_exported_lazily_from_the_package() -> None:
    assert igalgo.score_drafts is service.score_drafts
    assert igalgo.DEFAULT_SAMPLES == service.DEFAULT_SAMPLES
    assert igalgo.ModelParams is ModelParams
    with pytest.raises(AttributeError):
        _ = igalgo.no_such_name


def test_engine_imports_no_cli_rendering_or_yaml() -> None:
    code = (
        "import sys, igalgo.world.model, igalgo.world.simulation; "
        "print(sorted(m for m in ('typer', 'rich', 'yaml', 'click') if m in sys.modules))"
    )
    assert run_python(code) == "[]"


def test_only_the_randomness_module_of_the_engine_draws_random_numbers() -> None:
    for path in ENGINE_FILES:
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        imported = {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        }
        uses = "np.random" in text or "random" in imported
        assert uses == (path.name == "randomness.py"), path


def parameter_classes(path: Path) -> list[ast.ClassDef]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node
        for node in tree.body
        if isinstance(node, ast.ClassDef) and node.name.endswith("Params")
    ]


def test_every_parameter_has_a_docstring_with_its_source_or_assumption() -> None:
    words = ("source", "assumption", "derived", "numerical")
    checked = 0
    for path in ENGINE_FILES:
        for cls in parameter_classes(path):
            body = cls.body
            for position, node in enumerate(body):
                if not isinstance(node, ast.AnnAssign) or not isinstance(node.target, ast.Name):
                    continue
                follower = body[position + 1] if position + 1 < len(body) else None
                assert isinstance(follower, ast.Expr), f"{cls.name}.{node.target.id}"
                assert isinstance(follower.value, ast.Constant)
                doc = str(follower.value.value).lower()
                grouping = ast.unparse(node.annotation).endswith("Params")
                if cls.name == "StagedParams" or grouping:
                    continue  # views and groups of parameters documented where they live
                assert any(word in doc for word in words), f"{cls.name}.{node.target.id}"
                checked += 1
    assert checked > 80


def test_model_params_are_frozen_hashable_and_complete() -> None:
    params = ModelParams()
    assert hash(params) == hash(ModelParams())
    with pytest.raises(dataclasses.FrozenInstanceError):
        params.feed = params.feed  # type: ignore[misc]  # the point of the test
    names = {field.name for field in dataclasses.fields(params)}
    assert names >= {"audience", "feed", "stories", "explore", "reels", "uncertainty"}


def test_default_samples_is_a_power_of_two() -> None:
    samples = service.DEFAULT_SAMPLES
    assert samples >= 512 and samples & (samples - 1) == 0
