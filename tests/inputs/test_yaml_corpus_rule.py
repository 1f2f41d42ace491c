"""The YAML-corpus tests fail, not skip, where the corpus is expected and missing: when ``CI``
is true or ``IGALGO_YAML_CORPUS`` names its place (tests/inputs/test_yaml_corpus.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

FILES = ("tests/__init__.py", "tests/conftest.py", "tests/inputs/__init__.py")
CORPUS_TESTS = "tests/inputs/test_yaml_corpus.py"


def run_without_corpus(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the corpus tests from a copy of the tests beside which there is no corpus."""
    checkout = tmp_path / "checkout"
    for name in (*FILES, CORPUS_TESTS):
        (checkout / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / name, checkout / name)
    base = {k: v for k, v in os.environ.items() if k not in {"CI", "IGALGO_YAML_CORPUS"}}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", CORPUS_TESTS],
        env={**base, **env},
        cwd=checkout,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    "env",
    [{"CI": "true"}, {"IGALGO_YAML_CORPUS": "{tmp}/elsewhere"}],
    ids=["CI=true", "IGALGO_YAML_CORPUS"],
)
def test_a_missing_corpus_fails_where_it_is_expected(tmp_path: Path, env: dict[str, str]) -> None:
    done = run_without_corpus(tmp_path, **{k: v.format(tmp=tmp_path) for k, v in env.items()})
    assert done.returncode == 1, done.stdout
    assert "the YAML test suite is not at" in done.stdout
    assert "skipped" not in done.stdout


def test_a_missing_corpus_is_skipped_elsewhere(tmp_path: Path) -> None:
    done = run_without_corpus(tmp_path, CI="false")
    assert done.returncode == 0, done.stdout
    assert "skipped" in done.stdout and "failed" not in done.stdout
