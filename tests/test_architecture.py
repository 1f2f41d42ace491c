"""The layering of docs/architecture.md: which package may import which, and where typer, rich,
yaml and numpy, random numbers and process-wide settings are allowed."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "igalgo"

VOCABULARY = {"domain", "errors", "parameters"}
"""The shared vocabulary every package may use."""

ALLOWED: dict[str, set[str]] = {
    "domain": set(),
    "errors": set(),
    "parameters": set(),
    "engine": {"parameters"},
    "inputs": VOCABULARY,
    "world": VOCABULARY | {"engine"},
    "advice": VOCABULARY | {"engine", "world"},
    "planning": VOCABULARY | {"engine", "world", "advice"},
    "fitting": VOCABULARY | {"engine", "world"},
    "app": VOCABULARY | {"engine", "world", "advice", "planning", "fitting", "inputs"},
    "output": VOCABULARY | {"engine", "world", "advice", "planning", "fitting", "inputs", "app"},
    "cli": VOCABULARY
    | {"engine", "world", "advice", "planning", "fitting", "inputs", "app", "output"},
    "__init__": {"app", "inputs", "world", "engine"},
    "__main__": {"cli"},
}
"""The igalgo packages each package may import (docs/architecture.md, one row each)."""

THIRD_PARTY: dict[str, set[str]] = {
    "typer": {"cli"},
    "rich": {"cli", "output/render.py", "output/render_plan.py", "output/render_calibration.py"},
    "yaml": {"inputs/loader.py"},
    "numpy": {
        "engine",
        "world",
        "planning",
        "fitting",
        "advice/move_search.py",
        "advice/verify.py",
    },
}
"""Where each third-party library may be imported: a package, or one module."""


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def package_of(path: Path) -> str:
    """``world`` for igalgo/world/..., ``domain`` for igalgo/domain.py."""
    first = path.relative_to(PACKAGE).parts[0]
    return first.removesuffix(".py")


def imported(path: Path) -> set[str]:
    """Every module ``path`` imports, wherever the import statement is (functions too)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            if node.module == "igalgo":  # from igalgo import x
                names.update(f"igalgo.{alias.name}" for alias in node.names)
    return names


def test_every_package_is_in_the_table() -> None:
    assert {package_of(path) for path in modules()} == set(ALLOWED)


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_a_package_imports_only_what_the_architecture_allows(package: str) -> None:
    found = set()
    for path in modules():
        if package_of(path) != package:
            continue
        for name in imported(path):
            parts = name.split(".")
            if parts[0] == "igalgo" and len(parts) > 1:
                target = parts[1]
                if target not in ALLOWED[package] | {package, "__version__"}:
                    found.add((path.relative_to(PACKAGE).as_posix(), name))
    assert found == set()


def _allowed_place(path: Path, places: set[str]) -> bool:
    relative = path.relative_to(PACKAGE).as_posix()
    return relative in places or package_of(path) in places


@pytest.mark.parametrize("library", sorted(THIRD_PARTY))
def test_third_party_libraries_stay_where_they_belong(library: str) -> None:
    users = {
        path.relative_to(PACKAGE).as_posix()
        for path in modules()
        if any(name.split(".")[0] == library for name in imported(path))
    }
    assert users, f"nothing imports {library}"
    assert {
        user for user in users if not _allowed_place(PACKAGE / user, THIRD_PARTY[library])
    } == set()


def test_the_engine_knows_nothing_of_instagram() -> None:
    words = ("Surface", "Format", "follower", "reel", "story", "explore", "feed")
    for path in sorted((PACKAGE / "engine").rglob("*.py")):
        code = ast.unparse(ast.parse(path.read_text(encoding="utf-8")))
        # Docstrings and comments may say what the engine is used for; names may not.
        tree = ast.parse(code)
        identifiers = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
        identifiers |= {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
        identifiers |= {
            node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.ClassDef)
        }
        assert not {
            name for name in identifiers if any(w.lower() in name.lower() for w in words)
        }, path


@pytest.mark.parametrize(
    "module",
    [
        "igalgo.world.model",
        "igalgo.advice.drivers",
        "igalgo.advice.checklist",
        "igalgo.planning.schedule",
        "igalgo.app.score",
        "igalgo.app.plan",
        "igalgo.app.calibrate",
        "igalgo.output.report",
        "igalgo.output.calibration_report",
        "igalgo.output.plan_report",
        "igalgo.output.ics",
    ],
)
def test_the_library_loads_no_cli_rendering_or_yaml(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "print(','.join(sorted(m for m in ('typer', 'rich', 'yaml', 'click') if m in sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert result.stdout.strip() == ""


@pytest.mark.parametrize("module", ["igalgo.inputs.checks", "igalgo.inputs.nodes"])
def test_the_checks_and_their_nodes_load_no_yaml(module: str) -> None:
    """Only the loader parses YAML; checking the composed nodes works without yaml."""
    code = f"import sys, {module}\nprint('yaml' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert result.stdout.strip() == "False"


def test_only_the_engine_randomness_draws_random_numbers() -> None:
    users = set()
    for path in modules():
        text = path.read_text(encoding="utf-8")
        roots = {name.split(".")[0] for name in imported(path)}
        if "random" in roots or "default_rng" in text or "np.random" in text:
            users.add(path.relative_to(PACKAGE).as_posix())
    assert users == {"engine/randomness.py"}


PROCESS_SETTINGS = (
    "gc.disable(",
    "gc.freeze(",
    "mallopt",
    "OPENBLAS_NUM_THREADS",
    "signal.signal(",
)
"""Calls that change the whole process: only the command line makes them (cli/runtime.py);
the worker processes set their own signals (engine/workers.py), never the caller's."""


def test_only_the_command_line_runtime_changes_the_process() -> None:
    users = {
        path.relative_to(PACKAGE).as_posix()
        for path in modules()
        if any(call in path.read_text(encoding="utf-8") for call in PROCESS_SETTINGS)
    }
    assert users == {"cli/runtime.py", "engine/workers.py"}


def test_modules_stay_small() -> None:
    sizes = {
        path.relative_to(PACKAGE).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in modules()
    }
    assert {name: size for name, size in sizes.items() if size > 600} == {}


def test_the_top_level_holds_only_the_vocabulary_and_entry_points() -> None:
    top = {path.name for path in PACKAGE.glob("*.py")}
    assert top == {"__init__.py", "__main__.py", "domain.py", "errors.py", "parameters.py"}
