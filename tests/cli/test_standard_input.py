"""Standard input is read once, and only where the command line says so."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import PROFILES, TODAY, RunCli, igalgo_executable

DRAFTS = 'account: "-"\ndrafts:\n  - {id: a, format: photo, publish_at: "2026-12-01 10:00"}\n'
PROFILE = (PROFILES / "bakery.yaml").read_text()


@pytest.mark.parametrize("command", ["validate", "score"])
def test_a_drafts_file_cannot_name_standard_input_as_its_account(
    run_cli: RunCli, tmp_path: Path, command: str
) -> None:
    drafts = tmp_path / "drafts.yaml"
    drafts.write_text(DRAFTS)
    for source, stdin, name in [(str(drafts), PROFILE, str(drafts)), ("-", DRAFTS, "<stdin>")]:
        done = run_cli(command, source, input=stdin)
        assert done.returncode == 2
        assert done.stderr.startswith(
            f"{name}:1:10: error[unknown-account]: account: `-` (standard input) cannot be a "
            "drafts file's account\n"
        )


def test_score_dash_with_account_dash_is_refused(run_cli: RunCli) -> None:
    drafts = (PROFILES / "demo-drafts.yaml").read_text()
    done = run_cli("score", "-", "--account", "-", input=drafts)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == "'-' (standard input) can be given only once: as a FILE or as --account\n"


def test_plan_drafts_dash_with_account_dash_is_refused(run_cli: RunCli) -> None:
    drafts = (PROFILES / "demo-drafts.yaml").read_text()
    done = run_cli("plan", "--surface", "feed", "--drafts", "-", "--account", "-", input=drafts)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == "'-' (standard input) can be given only once: --drafts or --account\n"


def test_a_deleted_current_directory_is_no_internal_error(tmp_path: Path) -> None:
    script = (
        'mkdir gone && cd gone && rmdir ../gone && "$IGALGO" score - --samples 32 < "$DRAFTS"'
        ' > /dev/null && "$IGALGO" score - --samples 32 --output x.txt < "$DRAFTS"'
    )
    done = subprocess.run(
        ["bash", "-c", script],
        env={
            "IGALGO": igalgo_executable(),
            "DRAFTS": str(PROFILES / "demo-drafts.yaml"),
            "IGALGO_TODAY": TODAY,
        },
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr == "--output: cannot write x.txt: No such file or directory\n"
