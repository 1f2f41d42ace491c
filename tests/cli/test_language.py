"""Choosing the language on the command line: ``--lang``, ``IGALGO_LANG``, the locale; an
unknown one is a usage error; machine output is the same in every language."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO, RunCli

DEMO = str(REPO / "profiles" / "demo-drafts.yaml")
FAST = ("--samples", "64")


def test_an_unknown_language_is_a_usage_error(run_cli: RunCli) -> None:
    done = run_cli("score", DEMO, *FAST, "--lang", "de")
    assert done.returncode == 2
    assert "--lang: unknown language 'de' (expected one of en, nl)" in done.stderr
    assert done.stdout == ""


def test_an_unknown_igalgo_lang_is_a_usage_error(run_cli: RunCli) -> None:
    done = run_cli("score", DEMO, *FAST, env={"IGALGO_LANG": "klingon"})
    assert done.returncode == 2
    assert "IGALGO_LANG: unknown language 'klingon'" in done.stderr


def test_lang_nl_speaks_dutch_and_en_english(run_cli: RunCli) -> None:
    dutch = run_cli("score", DEMO, *FAST, "--lang", "nl").stdout
    english = run_cli("score", DEMO, *FAST, "--lang", "en").stdout
    assert "4.200 volgers" in dutch and "niet-volgers" in dutch and "Strategiechecklist" in dutch
    assert "4,200 followers" in english and "Strategy checklist" in english


def test_igalgo_lang_chooses_dutch(run_cli: RunCli) -> None:
    done = run_cli("score", DEMO, *FAST, env={"IGALGO_LANG": "nl"})
    assert "4.200 volgers" in done.stdout


def test_the_locale_chooses_dutch(run_process: RunCli) -> None:
    done = run_process(
        "score", DEMO, *FAST, env={"IGALGO_LANG": "", "LC_ALL": "", "LANG": "nl_NL.UTF-8"}
    )
    assert done.returncode == 0, done.stderr
    assert "4.200 volgers" in done.stdout


@pytest.mark.parametrize("output_format", ["json", "ndjson", "csv"])
def test_machine_output_is_the_same_in_every_language(run_cli: RunCli, output_format: str) -> None:
    english = run_cli("score", DEMO, *FAST, "--format", output_format, "--lang", "en")
    dutch = run_cli("score", DEMO, *FAST, "--format", output_format, "--lang", "nl")
    assert english.returncode == dutch.returncode == 0
    assert dutch.stdout == english.stdout


def test_a_profile_may_name_the_language_of_its_reports(run_cli: RunCli, tmp_path: Path) -> None:
    profile = (REPO / "profiles" / "bakery.yaml").read_text(encoding="utf-8")
    (tmp_path / "client.yaml").write_text(profile + "language: nl\n", encoding="utf-8")
    plan = ("plan", "--account", str(tmp_path / "client.yaml"), "--samples", "64")
    assert "volgers" in run_cli(*plan).stdout
    assert "followers" in run_cli(*plan, "--lang", "en").stdout  # --lang wins
    checked = run_cli("validate", str(tmp_path / "client.yaml"))
    assert checked.returncode == 0, checked.stderr


def test_a_profile_naming_an_unknown_language_is_located(run_cli: RunCli, tmp_path: Path) -> None:
    profile = (REPO / "profiles" / "bakery.yaml").read_text(encoding="utf-8")
    (tmp_path / "client.yaml").write_text(profile + "language: de\n", encoding="utf-8")
    done = run_cli("validate", str(tmp_path / "client.yaml"))
    assert done.returncode == 2
    assert "client.yaml:" in done.stderr and "language" in done.stderr
