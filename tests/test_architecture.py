"""The layering of docs/architecture.md: which package may import which, no module that imports
itself through others, where typer, rich, yaml and numpy are allowed and where no third-party
library is, random numbers and process-wide settings."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "igalgo"

VOCABULARY = {"domain", "errors", "parameters", "language"}
"""The shared vocabulary every package may use."""

ALLOWED: dict[str, set[str]] = {
    "domain": {"parameters"},
    "errors": {"language"},
    "parameters": set(),
    "language": set(),
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
    "babel": {"language.py"},
    "jinja2": {"output/report_html.py"},
    "markupsafe": {"output/report_html.py"},
    "matplotlib": {"output/report_charts.py"},
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


STANDARD_LIBRARY = sys.stdlib_module_names | {"_typeshed"}
"""Modules of Python itself (``_typeshed``: the standard library's type stubs)."""


def third_party(path: Path) -> set[str]:
    """The third-party libraries ``path`` imports, anywhere in it (``TYPE_CHECKING`` too)."""
    roots = {name.split(".")[0] for name in imported(path)}
    return {root for root in roots if root != "igalgo" and root not in STANDARD_LIBRARY}


def test_every_third_party_library_is_declared() -> None:
    found = {root for path in modules() for root in third_party(path)}
    assert found <= set(THIRD_PARTY), "declare it in THIRD_PARTY and docs/architecture.md"


def packages_without_third_party(table: str) -> set[str]:
    """The packages whose cell in the third-party column of ``table`` (docs/architecture.md's
    markdown) says ``none``: ``domain`` for `domain.py`, ``app`` for `app/`."""
    found: set[str] = set()
    for line in table.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[3] == "none":
            found.update(
                name.removesuffix("/").removesuffix(".py")
                for name in re.findall(r"`([^`]+)`", cells[0])
            )
    return found


def test_the_third_party_column_is_read_from_the_table() -> None:
    table = "| package | what | may import | third-party |\n|---|---|---|---|\n"
    table += "| `domain.py`, `errors.py` | x | nothing | none |\n| `engine/` | y | z | numpy |\n"
    table += "| `app/` | use cases | everything above | none |\n"
    assert packages_without_third_party(table) == {"domain", "errors", "app"}


NO_THIRD_PARTY = packages_without_third_party(
    (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
)
"""The packages docs/architecture.md says use no third-party library."""


def test_the_table_names_real_packages_without_third_party() -> None:
    assert NO_THIRD_PARTY, "no third-party cell of docs/architecture.md says none"
    assert set(ALLOWED) >= NO_THIRD_PARTY


@pytest.mark.parametrize("package", sorted(NO_THIRD_PARTY))
def test_a_package_whose_cell_says_none_imports_no_third_party_library(package: str) -> None:
    found = {
        (path.relative_to(PACKAGE).as_posix(), library)
        for path in modules()
        if package_of(path) == package
        for library in third_party(path)
    }
    assert found == set()


# --- import cycles ---------------------------------------------------------------------------


def module_name(path: Path) -> str:
    """``igalgo.world.model`` for igalgo/world/model.py, ``igalgo.app`` for its __init__.py."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node of ``tree`` but the bodies of ``if TYPE_CHECKING:`` (their ``else`` runs)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in {
            "TYPE_CHECKING",
            "typing.TYPE_CHECKING",
        }:
            for branch in node.orelse:
                yield branch
                yield from _runtime_nodes(branch)
            continue
        yield node
        yield from _runtime_nodes(node)


def runtime_imports(
    source: str, module: str, known: set[str], *, package: bool = False
) -> set[str]:
    """The modules of ``known`` that ``module`` (its ``source``; ``package`` for an
    __init__.py) imports when it runs, at any level, functions too; ``from package import
    name`` counts as ``package.name`` when that is a module of ``known``, else as ``package``."""
    here = module.split(".") if package else module.split(".")[:-1]
    found: set[str] = set()
    for node in _runtime_nodes(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in known)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the module's package, one level up per extra dot
                anchor = here[: len(here) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                if f"{base}.{alias.name}" in known:
                    found.add(f"{base}.{alias.name}")
                elif base in known:
                    found.add(base)
    return found - {module}


def import_graph() -> dict[str, set[str]]:
    """Each module of igalgo -> the modules of igalgo it imports when it runs."""
    paths = {module_name(path): path for path in modules()}
    known = set(paths)
    return {
        name: runtime_imports(
            path.read_text(encoding="utf-8"), name, known, package=path.name == "__init__.py"
        )
        for name, path in paths.items()
    }


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """The shortest cycle through each module that imports itself through others, as
    ``["a", "b", "a"]`` starting at its first name, each once, in name order; empty when
    there is none."""
    found = set()
    for group in _strongly_connected(graph):
        for start in group:
            cycle = _shortest_cycle(graph, group, start)[:-1]
            first = cycle.index(min(cycle))
            found.add((*cycle[first:], *cycle[:first], cycle[first]))
    return sorted(list(cycle) for cycle in found)


def _shortest_cycle(graph: Mapping[str, set[str]], group: set[str], start: str) -> list[str]:
    """The shortest way from ``start`` back to it inside ``group`` (breadth first)."""
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for target in sorted(graph.get(node, set()) & group):
                if target == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return [start, *reversed(path[:-1]), start] if node != start else [start, start]
                if target not in came_from:
                    came_from[target] = node
                    following.append(target)
        frontier = following
    raise AssertionError(f"{start} is in a group of modules that import one another")


def _strongly_connected(graph: Mapping[str, set[str]]) -> list[set[str]]:
    """The groups of two or more nodes that all reach one another, and nodes that reach
    themselves (Tarjan's algorithm, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.get(root, set()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, targets = work[-1]
            target = next(targets, None)
            if target is not None:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph.get(target, set())))))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1 or node in graph.get(node, set()):
                    groups.append(group)
    return groups


def test_the_cycle_finder_names_every_cycle_and_only_cycles() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b", "x"}, "b": {"a"}, "x": {"y"}, "y": {"x"}, "z": {"z"}}) == [
        ["a", "b", "a"],
        ["x", "y", "x"],
        ["z", "z"],
    ]
    # The shortest through each module: a and c by a -> c -> a, b by b -> c -> a -> b.
    assert cycles({"a": {"b", "c"}, "b": {"c"}, "c": {"a"}}) == [
        ["a", "b", "c", "a"],
        ["a", "c", "a"],
    ]
    # Two cycles through one module are both named.
    assert cycles({"s": {"b", "g"}, "b": {"s"}, "g": {"s"}}) == [["b", "s", "b"], ["g", "s", "g"]]


def test_imports_for_type_checking_only_are_no_edge() -> None:
    known = {"p", "p.a", "p.b", "p.c", "p.d", "p.e"}
    source = (
        "from typing import TYPE_CHECKING\n"
        "import p.b\n"
        "if TYPE_CHECKING:\n    from p.c import Thing\nelse:\n    from p import d\n"
        "def late():\n    from p.e import thing\n"
        "from . import missing\n"
    )
    assert runtime_imports(source, "p.a", known) == {"p.b", "p.d", "p.e", "p"}
    relative = "from .b import x\nfrom . import c\nfrom .. import top\n"
    assert runtime_imports(relative, "p.a", known) == {"p.b", "p.c"}
    assert runtime_imports(relative, "p", known | {"p.top"}, package=True) == {"p.b", "p.c"}


def test_no_module_imports_itself_through_others() -> None:
    found = cycles(import_graph())
    assert found == [], "import cycles: " + "; ".join(" -> ".join(cycle) for cycle in found)


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
        "igalgo.app.report",
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
    vocabulary = {"domain.py", "errors.py", "parameters.py", "language.py"}
    assert top == {"__init__.py", "__main__.py", *vocabulary}
