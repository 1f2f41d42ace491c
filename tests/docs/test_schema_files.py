"""docs/schema/*.schema.json are what docs/tools/schemas.py generates from the code's enums and
declarations, and ``igalgo schema NAME`` prints those files byte for byte, from a checkout and
from the wheel's layout.

``python -m docs.tools.schemas`` (or ``IGALGO_UPDATE_DOCS=1 pytest tests/docs``) rewrites them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import jsonschema
import pytest

from docs.tools.schemas import SCHEMA_DIRECTORY, SCHEMAS
from docs.tools.schemas import schema_text as generated_text
from igalgo.output import schemas
from igalgo.output.schemas import SCHEMA_NAMES, schema_directory, schema_text
from tests.conftest import REPO, RunCli


def test_the_generators_and_the_command_know_the_same_names() -> None:
    assert tuple(SCHEMAS) == SCHEMA_NAMES
    assert SCHEMA_DIRECTORY == REPO / "docs" / "schema"
    assert sorted(path.name for path in SCHEMA_DIRECTORY.glob("*.json")) == sorted(
        f"{name}.schema.json" for name in SCHEMA_NAMES
    )


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_the_committed_schema_is_the_generated_one(name: str) -> None:
    expected = generated_text(name)
    path = SCHEMA_DIRECTORY / f"{name}.schema.json"
    if os.environ.get("IGALGO_UPDATE_DOCS"):
        path.write_text(expected, encoding="utf-8")
    assert path.read_bytes() == expected.encode("utf-8"), (
        f"{path.relative_to(REPO)} is stale: python -m docs.tools.schemas"
    )
    jsonschema.Draft202012Validator.check_schema(SCHEMAS[name]())


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_the_command_prints_the_committed_file(name: str, run_cli: RunCli) -> None:
    assert schema_directory() == SCHEMA_DIRECTORY  # a checkout (or an editable install)
    committed = (SCHEMA_DIRECTORY / f"{name}.schema.json").read_text(encoding="utf-8")
    assert schema_text(name) == committed
    result = run_cli("schema", name)
    assert result.returncode == 0
    assert result.stdout == committed


def test_an_unknown_name_is_not_read_from_the_folder() -> None:
    with pytest.raises(KeyError):
        schema_text("../schema/plan")


def test_the_wheel_ships_the_folder_where_the_reader_looks(tmp_path: Path) -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    included = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert included["docs/schema"] == "igalgo/schema"
    # The wheel's layout: igalgo/output/schemas.py next to igalgo/schema/, no docs/ around.
    package = tmp_path / "site" / "igalgo"
    (package / "output").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "output" / "__init__.py").write_text("", encoding="utf-8")
    assert schemas.__file__ is not None
    shutil.copy(schemas.__file__, package / "output" / "schemas.py")
    shutil.copytree(SCHEMA_DIRECTORY, package / "schema")
    code = (
        "from igalgo.output.schemas import schema_directory, schema_text\n"
        "print(schema_directory())\n"
        "print(schema_text('plan'), end='')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path / "site")},
    )
    folder, text = done.stdout.split("\n", 1)
    assert folder == str(package / "schema")
    assert text == (SCHEMA_DIRECTORY / "plan.schema.json").read_text(encoding="utf-8")
