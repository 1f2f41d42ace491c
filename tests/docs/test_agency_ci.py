"""docs/agency-ci.md: its job script is docs/agency-ci/ci.sh, and the outputs it shows for a
passing, a failing and a broken pull request are what the script prints, read back with jq and,
where jq is absent, with Python."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.running import igalgo_executable
from tests.conftest import REPO

DOC = (REPO / "docs" / "agency-ci.md").read_text(encoding="utf-8")
EXAMPLE = REPO / "docs" / "agency-ci"

BLOCK = re.compile(r"<!-- (file|output): ([\w./-]+) -->\n```\w*\n(.*?)```", re.DOTALL)
BLOCKS = {name: text for _, name, text in BLOCK.findall(DOC)}

PULL_REQUESTS = {"passing": None, "failing": "webshop-flash-sale.yaml", "broken": "coach-typo.yaml"}
"""Each output the document shows, and the file its pull request adds to drafts/."""

EXIT_CODES = {"passing": 0, "failing": 1, "broken": 2}


def test_the_document_shows_the_script_as_it_is() -> None:
    assert BLOCKS["agency-ci/ci.sh"] == (EXAMPLE / "ci.sh").read_text(encoding="utf-8")
    assert set(PULL_REQUESTS) <= set(BLOCKS)


def _path_without_jq(folder: Path) -> str:
    """A PATH with igalgo and python3 on it, and no jq."""
    folder.mkdir()
    (folder / "python3").symlink_to(sys.executable)
    (folder / "igalgo").symlink_to(igalgo_executable())
    return str(folder)


@pytest.mark.parametrize("reader", ["jq", "python"])
@pytest.mark.parametrize("pull_request", list(PULL_REQUESTS))
def test_the_script_prints_what_the_document_shows(
    tmp_path: Path, pull_request: str, reader: str
) -> None:
    if reader == "jq" and shutil.which("jq") is None:
        pytest.skip("jq is not installed (the python reader is tested)")
    repository = tmp_path / "content"
    shutil.copytree(EXAMPLE, repository, ignore=shutil.ignore_patterns("pull-request"))
    added = PULL_REQUESTS[pull_request]
    if added is not None:
        shutil.copy(EXAMPLE / "pull-request" / added, repository / "drafts" / added)
    tools = str(Path(igalgo_executable()).parent)
    path = f"{tools}{os.pathsep}{os.environ.get('PATH', '')}"
    if reader == "python":
        path = _path_without_jq(tmp_path / "bin")
    env = {k: v for k, v in os.environ.items() if not k.startswith("IGALGO_")}
    env.update(PATH=path, IGALGO_TODAY="2026-11-30", COLUMNS="100")
    done = subprocess.run(
        ["/bin/sh", "ci.sh"],
        cwd=repository,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == EXIT_CODES[pull_request], done.stderr
    assert done.stdout == BLOCKS[pull_request], f"stale output in docs/agency-ci.md: {done.stdout}"
    assert (repository / "reach.json").is_file()  # written whatever the run came to
