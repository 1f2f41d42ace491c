"""The package as a user installs it: entry points, version, help, usage errors."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

from igalgo import __version__
from tests.conftest import REPO, RunCli


def test_version_through_the_entry_point(run_cli: RunCli) -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"igalgo {__version__}"
    assert result.stderr == ""


def test_python_dash_m_runs_the_same_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "igalgo", "--version"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"igalgo {__version__}"


def test_help_teaches_the_commands(run_cli: RunCli) -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    assert "Instagram" in result.stdout
    assert "--version" in result.stdout


def test_unknown_option_is_a_usage_error_without_traceback(run_cli: RunCli) -> None:
    result = run_cli("--no-such-option")
    assert result.returncode == 2
    assert "No such option" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "argv", [["--version"], ["validate", "profiles/bakery.yaml"], ["score", "no-such-file.yaml"]]
)
def test_main_leaves_the_cycle_collector_on(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # main() pauses the collector during start-up; a program that calls it keeps its own.
    from igalgo.cli.app import main

    monkeypatch.chdir(REPO)
    monkeypatch.setattr(sys, "argv", ["igalgo", *argv])
    assert gc.isenabled()
    with pytest.raises(SystemExit):
        main()
    capsys.readouterr()
    assert gc.isenabled()


def test_licence_is_mit() -> None:
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
