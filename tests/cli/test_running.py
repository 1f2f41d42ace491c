"""How the tests run ``igalgo`` (tests/cli/running.py): always this tree's code, in this process
as a process would run it, and with this process as it was afterwards."""

from __future__ import annotations

import gc
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import igalgo
from tests.cli.running import (
    REPO,
    NeedsProcessError,
    igalgo_executable,
    run_in_process,
    run_in_subprocess,
)

DEMO = "profiles/demo-drafts.yaml"


def test_the_tests_import_this_tree() -> None:
    assert Path(igalgo.__file__).resolve() == REPO / "igalgo" / "__init__.py"


def test_a_process_runs_this_tree_whatever_is_installed_or_in_its_directory(
    tmp_path: Path,
) -> None:
    for folder in (tmp_path, tmp_path / "site"):  # the current directory, and PYTHONPATH
        impostor = folder / "igalgo"
        impostor.mkdir(parents=True)
        (impostor / "__init__.py").write_text("raise SystemExit('an igalgo of another tree')\n")
        (impostor / "__main__.py").write_text("")
    done = subprocess.run(
        [sys.executable, "-v", igalgo_executable(), "--version"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path / "site")},
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout == f"igalgo {igalgo.__version__}\n"
    loaded = set(re.findall(r"(/[^\s']*/igalgo/[^\s']*\.py)\b", done.stderr))
    assert REPO / "igalgo" / "__main__.py" in {Path(path) for path in loaded}
    assert {path for path in loaded if not Path(path).is_relative_to(REPO / "igalgo")} == set()


@pytest.mark.parametrize(
    ("args", "stdin", "env"),
    [
        (["--help"], None, {}),
        (["score", "--help"], None, {"COLUMNS": "72"}),
        (["score", DEMO, "--samples", "32"], None, {"COLUMNS": "60"}),
        (["score", "-", "--format", "json", "--samples", "32"], Path(DEMO), {}),
        (["score", DEMO, "--fail-under", "feed=100000", "--samples", "32"], None, {}),
        (["plan", "--surface", "tv", "--account", "bakery"], None, {}),
        (["validate", "profiles/bakery.yaml", "missing.yaml"], None, {}),
    ],
    ids=["help", "score help at 72", "table at 60", "stdin", "gate failed", "usage", "missing"],
)
def test_a_run_in_this_process_is_the_run_of_a_process(
    args: list[str], stdin: Path | None, env: dict[str, str]
) -> None:
    text = (REPO / stdin).read_text(encoding="utf-8") if stdin else None
    inside = run_in_process(*args, input=text, env=env)
    outside = run_in_subprocess(*args, input=text, env=env)
    assert (inside.returncode, inside.stdout, inside.stderr) == (
        outside.returncode,
        outside.stdout,
        outside.stderr,
    )


def _process_state() -> dict[str, object]:
    handlers = {number: signal.getsignal(number) for number in signal.valid_signals()}
    return {
        "cwd": os.getcwd(),
        "environ": dict(os.environ),
        "argv": list(sys.argv),
        "streams": (sys.stdin, sys.stdout, sys.stderr),
        "hook": sys.excepthook,
        "signals": {n: h for n, h in handlers.items() if n != signal.SIGKILL},
        "collector": (gc.isenabled(), gc.get_freeze_count()),
        "timer": signal.getitimer(signal.ITIMER_REAL),
    }


@pytest.mark.parametrize(
    "args",
    [
        ["score", str(REPO / DEMO), "--samples", "32", "--format", "csv"],
        ["score", "missing.yaml"],
        ["plan", "--surface", "feed", "--account", "bakery", "--samples", "16", "--weeks", "1"],
        ["--version"],
    ],
)
def test_a_run_in_this_process_leaves_the_process_as_it_was(
    args: list[str], tmp_path: Path
) -> None:
    before = _process_state()
    done = run_in_process(*args, cwd=tmp_path)
    assert done.returncode in (0, 2), done.stderr
    assert _process_state() == before


def test_a_run_in_this_process_ends_at_its_timeout() -> None:
    before = _process_state()
    with pytest.raises(subprocess.TimeoutExpired):
        run_in_process("score", DEMO, "--samples", "200000", timeout=0.2)
    assert _process_state() == before


def test_what_an_interpreter_reads_when_it_starts_needs_a_process() -> None:
    with pytest.raises(NeedsProcessError, match="PYTHONIOENCODING"):
        run_in_process("score", DEMO, env={"PYTHONIOENCODING": "ascii"})


def test_a_run_that_would_redirect_a_descriptor_of_this_process_needs_a_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A reader gone from standard output makes igalgo point descriptor 1 at /dev/null: here
    that would be the test process's own output."""
    from igalgo.app import validate
    from igalgo.errors import OutputClosedError

    def closed() -> list[object]:
        raise OutputClosedError

    monkeypatch.setattr(validate, "list_shipped_profiles", closed)
    before = _process_state()
    with pytest.raises(NeedsProcessError, match="descriptor 1"):
        run_in_process("profiles")
    assert _process_state() == before
