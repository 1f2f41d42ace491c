"""The layering style.md asks for: typer, rich and yaml stay at the edges of igalgo."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "igalgo"

CORE_MODULES = (
    "igalgo.world.model",
    "igalgo.world.simulation",
    "igalgo.advice.drivers",
    "igalgo.advice.checklist",
    "igalgo.advice.wording",
    "igalgo.app.score",
    "igalgo.app.plan",
    "igalgo.planning.slots",
    "igalgo.planning.frequency",
    "igalgo.planning.schedule",
    "igalgo.output.report",
    "igalgo.output.plan_report",
)
"""The library: what the CLI calls and library users import."""

OWNERS = {
    "typer": {"cli/main.py"},
    "yaml": {"inputs/loader.py"},
}
"""Third-party modules that exactly one igalgo module may import."""


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_modules_load_no_cli_rendering_or_yaml(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "print(','.join(sorted(m for m in ('typer', 'rich', 'yaml') if m in sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert result.stdout.strip() == ""


def _imported_roots(path: Path) -> set[str]:
    """Top-level names of every module ``path`` imports, wherever the import statement is."""
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_each_edge_library_is_imported_by_its_one_owner() -> None:
    importers: dict[str, set[str]] = {name: set() for name in OWNERS}
    for path in sorted(PACKAGE.rglob("*.py")):
        for name in _imported_roots(path) & OWNERS.keys():
            importers[name].add(path.relative_to(PACKAGE).as_posix())
    assert importers == OWNERS


@pytest.mark.parametrize("module", ["igalgo.inputs.checks", "igalgo.inputs.nodes"])
def test_the_checks_and_their_nodes_load_no_yaml(module: str) -> None:
    """Only the loader parses YAML; checking the composed nodes works without yaml."""
    assert "yaml" not in _imported_roots(REPO / (module.replace(".", "/") + ".py"))
    code = f"import sys, {module}\nprint('yaml' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert result.stdout.strip() == "False"


def test_rich_is_imported_only_by_renderers_and_the_cli() -> None:
    users = {
        p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*.py")
        if "rich" in _imported_roots(p)
    }
    assert users <= {"cli/main.py", "output/render.py", "output/render_plan.py"}
    assert users


def test_only_igalgo_randomness_draws_random_numbers() -> None:
    users = set()
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "random" in _imported_roots(path) or "default_rng" in text or "np.random" in text:
            users.add(path.name)
    assert users == {"randomness.py"}


DOWNSTREAM = {
    "advice": {"planning", "app", "output", "cli"},
    "planning": {"app", "output", "cli"},
}
"""Packages each package must not import: data flows advice -> planning -> app -> output."""


@pytest.mark.parametrize("package", sorted(DOWNSTREAM))
def test_advice_and_planning_import_nothing_downstream(package: str) -> None:
    found = set()
    for path in sorted((PACKAGE / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                parts = name.split(".")
                if parts[0] == "igalgo" and len(parts) > 1 and parts[1] in DOWNSTREAM[package]:
                    found.add((path.relative_to(PACKAGE).as_posix(), name))
    assert found == set()
