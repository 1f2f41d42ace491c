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
    "yaml": {"inputs/loader.py"},
}
"""Third-party modules that exactly one igalgo module may import."""

TYPER_USERS = {
    "cli/app.py",
    "cli/conversion.py",
    "cli/options.py",
    "cli/score.py",
    "cli/plan.py",
    "cli/files.py",
}
"""The command-line modules that declare typer commands and options: typer stays in cli/."""


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


def test_typer_is_imported_only_by_the_command_line() -> None:
    users = {
        p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*.py")
        if "typer" in _imported_roots(p)
    }
    assert users == TYPER_USERS


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
    assert users <= {
        "cli/score.py",
        "cli/plan.py",
        "output/render.py",
        "output/render_plan.py",
    }
    assert users


def test_only_igalgo_randomness_draws_random_numbers() -> None:
    users = set()
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "random" in _imported_roots(path) or "default_rng" in text or "np.random" in text:
            users.add(path.name)
    assert users == {"randomness.py"}


PROCESS_SETTINGS = (
    "gc.disable(",
    "gc.freeze(",
    "mallopt",
    "OPENBLAS_NUM_THREADS",
    "signal.SIGTERM",
)
"""Calls that change the whole process: only the command line makes them (cli/runtime.py)."""


def test_only_the_command_line_runtime_changes_the_process() -> None:
    users = {
        p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*.py")
        if any(call in p.read_text(encoding="utf-8") for call in PROCESS_SETTINGS)
    }
    assert users == {"cli/runtime.py"}


def test_the_library_does_not_import_the_command_line() -> None:
    users = set()
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith("cli/") or relative == "__main__.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("igalgo.cli"):
                users.add(relative)
            if isinstance(node, ast.Import) and any(
                a.name.startswith("igalgo.cli") for a in node.names
            ):
                users.add(relative)
    assert users == set()


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
