"""docs/model.md against the code: the parameter table is generated, names are real."""

from __future__ import annotations

import ast
import dataclasses
import os
import re

from docs.tools.parameter_table import BEGIN, END, parameters_markdown
from igalgo.domain import Account, Calibration, Draft, FormatCalibration, Posting
from igalgo.engine.settings import EngineSettings
from igalgo.fitting.params import FitParams
from igalgo.parameters import Evidence
from igalgo.world.params import ModelParams
from tests.conftest import REPO

DOC = REPO / "docs" / "model.md"


def test_parameter_table_is_up_to_date() -> None:
    text = DOC.read_text(encoding="utf-8")
    start, stop = text.index(BEGIN), text.index(END) + len(END)
    generated = parameters_markdown()
    if os.environ.get("IGALGO_UPDATE_DOCS") and text[start:stop] != generated:
        DOC.write_text(text[:start] + generated + text[stop:], encoding="utf-8")
        text = DOC.read_text(encoding="utf-8")
    assert text[start:stop] == generated, "rerun with IGALGO_UPDATE_DOCS=1"


def test_the_parameter_table_grades_every_model_parameter() -> None:
    text = DOC.read_text(encoding="utf-8")
    table = text[text.index(BEGIN) : text.index("#### `fitting`")]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    count = sum(
        len(dataclasses.fields(getattr(ModelParams(), group.name)))
        for group in dataclasses.fields(ModelParams)
    )
    assert len(rows) == count
    grades = {f"**{grade.value}**" for grade in Evidence}
    for row in rows:
        cell = row.split(" | ")[3]
        assert cell.split(":")[0] in grades, row


def engine_names() -> set[str]:
    """Functions, classes and module-level names defined by the engine's modules."""
    names: set[str] = set()
    for path in [
        *(REPO / "igalgo" / "world").rglob("*.py"),
        *(REPO / "igalgo" / "engine").rglob("*.py"),
    ]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.ClassDef):
                names.add(node.name)
    return names


def test_every_name_in_the_prose_exists() -> None:
    text = DOC.read_text(encoding="utf-8")
    prose = text[: text.index(BEGIN)]
    params = ModelParams()
    known = {group.name for group in dataclasses.fields(params)}
    known |= {
        item.name
        for group in dataclasses.fields(params)
        for item in dataclasses.fields(getattr(params, group.name))
    }
    known |= engine_names()
    known |= {f.name for f in dataclasses.fields(EngineSettings)}
    known |= {f.name for cls in (Account, Draft, Posting) for f in dataclasses.fields(cls)}
    known |= {
        f.name
        for cls in (Calibration, FormatCalibration, FitParams)
        for f in dataclasses.fields(cls)
    }
    known |= {"c_a", "q_k", "s_k"}  # symbols of the equations
    mentioned = set(re.findall(r"`(?:[a-z]+\.)*([a-z][a-z0-9]*_[a-z0-9_]+)`", prose))
    assert mentioned, "the prose names parameters and functions"
    assert mentioned <= known, sorted(mentioned - known)


def test_every_seed_signal_row_names_parameters() -> None:
    text = DOC.read_text(encoding="utf-8")
    table = text[text.index("## Where each seed signal enters") : text.index("## Calibration")]
    rows = [line for line in table.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) > 20
    for row in rows[1:]:
        assert row.count("`") >= 2, row
