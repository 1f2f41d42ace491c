"""The package as a user installs it: entry points, version, help, usage errors."""

from __future__ import annotations

import gc
import re
import subprocess
import sys

import pytest

from igalgo import __version__
from igalgo.errors import GateFailedError, ProblemsReportedError, Terminated, UsageError
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


class _BoomError(RuntimeError):
    pass


@pytest.mark.parametrize(
    ("raised", "code", "stderr"),
    [
        (UsageError("--sort-by: nope"), 2, "--sort-by: nope\n"),
        (GateFailedError("igalgo: gate failed: x"), 1, "igalgo: gate failed: x\n"),
        (ProblemsReportedError(), 2, ""),
        (Terminated(15), 143, ""),
        (_BoomError("oops"), 3, "igalgo: internal error: _BoomError: oops\n"),
    ],
)
def test_main_maps_what_a_command_raises_to_one_exit_code(
    raised: BaseException,
    code: int,
    stderr: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from igalgo.cli import app

    def command() -> None:
        raise raised

    monkeypatch.delenv("IGALGO_DEBUG", raising=False)
    monkeypatch.setattr(app, "app", command)
    with pytest.raises(SystemExit) as exited:
        app.main()
    assert exited.value.code == code
    assert capsys.readouterr().err.startswith(stderr)


def test_igalgo_debug_shows_the_traceback_of_a_bug(monkeypatch: pytest.MonkeyPatch) -> None:
    from igalgo.cli import app

    def command() -> None:
        raise _BoomError("oops")

    monkeypatch.setenv("IGALGO_DEBUG", "1")
    monkeypatch.setattr(app, "app", command)
    with pytest.raises(_BoomError):
        app.main()


def test_no_exit_code_is_written_as_a_bare_number_in_the_command_line() -> None:
    pattern = re.compile(r"(sys\.exit|typer\.Exit|SystemExit)\(\s*\d")
    for path in (REPO / "igalgo").rglob("*.py"):
        assert not pattern.search(path.read_text(encoding="utf-8")), path
