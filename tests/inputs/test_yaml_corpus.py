"""Every input of the YAML test suite, as a profile and as a drafts file: ok or one clean error.

The corpus (402 real YAML documents, about a quarter of them invalid YAML) lives beside the
repository in ``shared/yaml-test-suite`` (or where ``IGALGO_YAML_CORPUS`` says). Where it is
expected, these tests fail without it rather than skip: when ``CI`` is set to a true value
(``true``, ``1``, ``yes``; CI services set ``CI=true``) or ``IGALGO_YAML_CORPUS`` is set. A
developer's checkout without the corpus skips them, saying where it was looked for.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from igalgo.domain import Account, DraftsFile
from igalgo.errors import InputError
from igalgo.inputs.loader import load_account, load_drafts
from tests.conftest import SHARED, RunCli

CORPUS = Path(os.environ.get("IGALGO_YAML_CORPUS") or SHARED / "yaml-test-suite")
CASES = sorted((CORPUS / "cases").glob("*.yaml")) if CORPUS.is_dir() else []


def corpus_expected() -> bool:
    """Whether a missing corpus is a failure: in CI, or when its place is given."""
    in_ci = os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}
    return in_ci or bool(os.environ.get("IGALGO_YAML_CORPUS"))


@pytest.fixture(autouse=True)
def _corpus() -> None:
    """Fail (where the corpus is expected) or skip when it is missing."""
    if CASES:
        return
    message = f"the YAML test suite is not at {CORPUS}"
    if corpus_expected():
        pytest.fail(f"{message}, and CI or IGALGO_YAML_CORPUS says it must be", pytrace=False)
    pytest.skip(message)


SAMPLE_EVERY = 16
"""The entry point runs once per file on every 16th case (and once over all of them)."""

_LOCATED = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<column>\d+): error\[[a-z0-9-]+\]: ")


@pytest.mark.parametrize("load", [load_account, load_drafts], ids=["as profile", "as drafts"])
def test_every_case_loads_or_raises_input_error_with_located_one_line_problems(
    load: object,
) -> None:
    assert callable(load)
    outcomes = {"ok": 0, "invalid": 0}
    for case in CASES:
        try:
            document = load(str(case))
        except InputError as error:
            outcomes["invalid"] += 1
            assert error.problems, case.name
            for problem in error.problems:
                assert problem.location is not None, (case.name, problem.format())
                assert problem.location.line >= 1, (case.name, problem.format())
                assert "\n" not in problem.message, (case.name, problem.format())
                assert problem.hint is None or "\n" not in problem.hint, case.name
        else:
            outcomes["ok"] += 1
            assert isinstance(document, Account | DraftsFile)
    assert sum(outcomes.values()) == len(CASES) >= 400


def _check_stderr(stderr: str) -> None:
    lines = stderr.splitlines()
    errors = [line for line in lines if not line.startswith("  hint: ")]
    assert errors, "an invalid file must say why"
    for line in errors:
        assert _LOCATED.match(line), line


SAMPLED = CASES[::SAMPLE_EVERY] or [Path("missing")]
"""The sampled cases; one placeholder when the corpus is missing, so that the test is
collected and :func:`_corpus` fails or skips it (an empty list would skip it silently)."""


@pytest.mark.parametrize("case", SAMPLED, ids=[case.stem for case in SAMPLED])
def test_the_entry_point_exits_0_or_2_with_located_errors(run_cli: RunCli, case: Path) -> None:
    result = run_cli("validate", str(case))
    assert result.returncode in (0, 2)
    assert "Traceback" not in result.stderr
    if result.returncode == 2:
        _check_stderr(result.stderr)
        assert all(line.startswith((str(case), "  hint: ")) for line in result.stderr.splitlines())


def test_the_entry_point_over_the_whole_corpus_at_once(run_cli: RunCli) -> None:
    result = run_cli("validate", *map(str, CASES), timeout=300)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    _check_stderr(result.stderr)
    reported = {m.group("file") for m in map(_LOCATED.match, result.stderr.splitlines()) if m}
    valid = {line.split(": ok (")[0] for line in result.stdout.splitlines() if ": ok (" in line}
    assert reported | valid == {str(case) for case in CASES}
    assert result.stdout.splitlines()[-1].startswith(f"{len(CASES)} files checked: ")
