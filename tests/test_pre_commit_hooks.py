"""The pre-commit hooks of .pre-commit-hooks.yaml: declared alike, matching the right files,
and run by ``pre-commit try-repo`` (and ``pre-commit run`` with a gate) in a temporary content
repository.

The runs use the ``-system`` hooks, which take the ``igalgo`` already installed for the tests:
the ``language: python`` hooks would have pre-commit install igalgo and its dependencies with
pip, which needs the package index (this machine's offline mirror lacks typer 0.29), and take
longer than this test may. The two kinds are checked to be the same hooks but for that.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import PROFILES, REPO

HOOKS_FILE = REPO / ".pre-commit-hooks.yaml"

BROKEN = "account: bakery\ndrafts:\n  - {id: late, format: photo, publish_at: 18:30}\n"


def _hooks() -> dict[str, dict[str, Any]]:
    hooks = yaml.safe_load(HOOKS_FILE.read_text(encoding="utf-8"))
    return {hook["id"]: hook for hook in hooks}


def test_each_hook_has_a_system_twin_that_differs_only_in_how_igalgo_is_found() -> None:
    hooks = _hooks()
    assert set(hooks) == {
        "igalgo-validate",
        "igalgo-score",
        "igalgo-validate-system",
        "igalgo-score-system",
    }
    for name in ("igalgo-validate", "igalgo-score"):
        python, system = hooks[name], hooks[f"{name}-system"]
        assert python["language"] == "python" and system["language"] == "system"
        same = {k: v for k, v in python.items() if k not in {"id", "language"}}
        assert same == {k: v for k, v in system.items() if k not in {"id", "language"}}
    assert hooks["igalgo-validate"]["entry"] == "igalgo validate"
    assert hooks["igalgo-score"]["entry"] == "igalgo score --format brief"
    assert hooks["igalgo-score"]["require_serial"] is True  # one run, one report
    assert all(hook["args"][-1] == "--" for hook in hooks.values())  # file names after it


def test_file_names_that_look_like_options_stay_file_names(
    content: tuple[Path, dict[str, str]],
) -> None:
    """pre-commit appends file names after the args: the hooks' ``--`` ends option parsing, so
    a file named ``--account=x-drafts.yaml`` reads no account from the symlink ``x-drafts.yaml``,
    ``--output=report-drafts.yaml`` overwrites nothing and ``-drafts.yaml`` is no option."""
    root, env = content
    secret = root.parent / "secret.txt"
    secret.write_text("root:$6$salt$hash-of-a-password:19000:0:99999:7:::\n", encoding="utf-8")
    (root / "x-drafts.yaml").symlink_to(secret)  # a symlink: pre-commit does not pass it itself
    demo = (PROFILES / "demo-drafts.yaml").read_text(encoding="utf-8")
    for name in ("--account=x-drafts.yaml", "--output=report-drafts.yaml", "-drafts.yaml"):
        (root / name).write_text(demo, encoding="utf-8")
    (root / "report-drafts.yaml").write_text(demo, encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=root, env=env, check=True)
    for hook in ("igalgo-validate-system", "igalgo-score-system"):
        ran = _pre_commit(root, env, "try-repo", str(REPO), hook, "--all-files")
        said = ran.stdout + ran.stderr
        assert ran.returncode == 0, said
        assert "hash-of-a-password" not in said and "No such option" not in said
        assert (root / "report-drafts.yaml").read_text(encoding="utf-8") == demo
    validated = _pre_commit(
        root, env, "try-repo", str(REPO), "igalgo-validate-system", "--all-files", "--verbose"
    )
    for name in ("--account=x-drafts.yaml", "--output=report-drafts.yaml", "-drafts.yaml"):
        assert f"{name}: ok" in validated.stdout, validated.stdout


@pytest.mark.parametrize(
    ("path", "validated", "scored"),
    [
        ("drafts/week.yaml", True, True),
        ("content/drafts/2026-12.yml", True, True),
        ("demo-drafts.yaml", True, True),
        ("profiles/bakery.yaml", True, False),
        ("bakery-profile.yaml", True, False),
        (".pre-commit-config.yaml", False, False),
        (".github/workflows/ci.yaml", False, False),
        ("drafts/notes.md", False, False),
    ],
)
def test_which_files_each_hook_gets(path: str, validated: bool, scored: bool) -> None:
    hooks = _hooks()
    assert bool(re.search(hooks["igalgo-validate"]["files"], path)) == validated
    assert bool(re.search(hooks["igalgo-score"]["files"], path)) == scored


def _content_repository(root: Path) -> dict[str, str]:
    """A git repository with a drafts file and a profile; the environment to run pre-commit."""
    (root / "drafts").mkdir(parents=True)
    (root / "profiles").mkdir()
    shutil.copy(PROFILES / "demo-drafts.yaml", root / "drafts" / "week.yaml")
    shutil.copy(PROFILES / "bakery.yaml", root / "profiles" / "bakery.yaml")
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(root.parent / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "COLUMNS": "100",
    }
    for args in (["init", "-q"], ["add", "-A"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True)
    return env


def _pre_commit(root: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def content(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    pytest.importorskip("pre_commit", reason="pre-commit is in the test extra")
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("needs git and a git checkout of igalgo")
    root = tmp_path / "content"
    return root, _content_repository(root)


def test_try_repo_validates_profiles_and_drafts(content: tuple[Path, dict[str, str]]) -> None:
    root, env = content
    passed = _pre_commit(root, env, "try-repo", str(REPO), "igalgo-validate-system", "--all-files")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"igalgo validate\.+Passed", passed.stdout)
    (root / "drafts" / "late.yaml").write_text(BROKEN, encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=root, env=env, check=True)
    failed = _pre_commit(root, env, "try-repo", str(REPO), "igalgo-validate-system", "--all-files")
    assert failed.returncode == 1
    assert re.search(r"igalgo validate\.+Failed", failed.stdout)
    assert "drafts/late.yaml:3:43: error[invalid-datetime]" in failed.stdout


def test_try_repo_scores_drafts_and_a_gate_fails_the_commit(
    content: tuple[Path, dict[str, str]],
) -> None:
    root, env = content
    scored = _pre_commit(root, env, "try-repo", str(REPO), "igalgo-score-system", "--all-files")
    assert scored.returncode == 0, scored.stdout + scored.stderr
    assert re.search(r"igalgo score\.+Passed", scored.stdout)
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.strip()
    committed = subprocess.run(
        ["git", "show", f"{head}:{HOOKS_FILE.name}"], cwd=REPO, capture_output=True, text=True
    )
    if committed.stdout != HOOKS_FILE.read_text(encoding="utf-8"):
        pytest.skip("pre-commit run reads the hooks of a commit: commit .pre-commit-hooks.yaml")
    (root / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {REPO}\n    rev: {head}\n    hooks:\n"
        "      - id: igalgo-score-system\n        args: [--fail-under, feed=50%, --]\n",
        encoding="utf-8",
    )
    gated = _pre_commit(root, env, "run", "--all-files")
    assert gated.returncode == 1, gated.stdout + gated.stderr
    assert re.search(r"igalgo score\.+Failed", gated.stdout)
    assert "gate failed: drafts/week.yaml: draft " in gated.stdout
    assert "(50 % of followers, --fail-under feed=50%)" in gated.stdout
    lines = [line for line in gated.stdout.splitlines() if line.startswith("gate failed: ")]
    assert (
        lines and f"igalgo: failed: 1 file, 10 drafts: {len(lines)} gate failures" in gated.stdout
    )
    assert len(gated.stdout.splitlines()) < len(lines) + 10  # no report: a line per failure


def test_try_repo_checks_the_agency_layout_in_brief(content: tuple[Path, dict[str, str]]) -> None:
    """Drafts in drafts/ name their client, whose profile and gates are in profiles/, the
    folder IGALGO_PROFILES trusts (the hooks' own args stay as they are); the score hook prints
    a line per finding and a summary."""
    root, env = content
    bakery = (PROFILES / "bakery.yaml").read_text(encoding="utf-8")
    client = root / "profiles" / "client.yaml"
    client.write_text(bakery + "gates:\n  feed: 1%\n", encoding="utf-8")
    week = (root / "drafts" / "week.yaml").read_text(encoding="utf-8")
    (root / "drafts" / "week.yaml").write_text(week.replace("account: bakery", "account: client"))
    subprocess.run(["git", "add", "-A"], cwd=root, env=env, check=True)
    trusted = {**env, "IGALGO_PROFILES": "profiles"}
    for hook in ("igalgo-validate-system", "igalgo-score-system"):
        ran = _pre_commit(root, trusted, "try-repo", str(REPO), hook, "--all-files", "--verbose")
        assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "igalgo: ok: 1 file, 10 drafts: 0 gate failures" in ran.stdout
    client.write_text(bakery + "gates:\n  feed: 90%\n", encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=root, env=env, check=True)
    failed = _pre_commit(root, trusted, "try-repo", str(REPO), "igalgo-score-system", "--all-files")
    assert failed.returncode == 1
    found = [line for line in failed.stdout.splitlines() if line.startswith("gate failed: ")]
    assert found and all("(90 % of followers, gates: feed=90% of profiles/client.yaml)" in line
                         for line in found)  # fmt: skip
    assert "igalgo: failed: 1 file, 10 drafts: " in failed.stdout
