"""``igalgo validate``, ``schema`` and ``profiles``, run through the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from docs.tools.schemas import SCHEMAS, drafts_schema, profile_schema
from igalgo.inputs.loader import load_account
from igalgo.inputs.sources import shipped_profiles
from tests.conftest import PROFILES, REPO, RunCli

BAD_PROFILE = """\
name: Zon
followers: -1
posting:
  times: [19:30]
"""


def test_validate_a_profile_and_a_drafts_file(run_cli: RunCli) -> None:
    demo = PROFILES / "demo-drafts.yaml"
    result = run_cli("validate", "profiles/bakery.yaml", str(demo))
    assert result.returncode == 0, result.stderr
    drafts = demo.read_text(encoding="utf-8").count("\n  - id: ")
    assert result.stdout.splitlines() == [
        'profiles/bakery.yaml: ok (profile "Bakkerij Zon")',
        f'{demo}: ok ({drafts} drafts for "Bakkerij Zon")',
        "2 files checked: all valid",
    ]
    assert result.stderr == ""


def test_validate_warns_of_a_caption_on_a_story(run_cli: RunCli, tmp_path: Path) -> None:
    drafts = tmp_path / "stories.yaml"
    drafts.write_text(
        "account: bakery\n"
        "drafts:\n"
        "  - {id: frame, format: story, publish_at: '2026-12-03 07:15', caption: 'Hi there'}\n"
        "  - {id: plain, format: story, publish_at: '2026-12-03 12:00'}\n",
        encoding="utf-8",
    )
    result = run_cli("validate", str(drafts), cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"igalgo: warning: {drafts}: draft 'frame' is a story: a story shows no caption or "
        "hashtags, so its caption is not used"
    ]


def test_validate_a_shipped_profile_by_name(run_cli: RunCli) -> None:
    result = run_cli("validate", "bakery")
    assert result.returncode == 0
    assert result.stdout.startswith('bakery: ok (profile "Bakkerij Zon")')


def test_validate_reports_every_problem_with_location_and_exits_2(
    run_cli: RunCli, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD_PROFILE, encoding="utf-8")
    result = run_cli("validate", str(bad), "profiles/bakery.yaml")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"{bad}:2:12: error[out-of-range]: followers: must be between 0 and 1,000,000,000, got -1",
        f"{bad}:4:11: error[invalid-time]: posting.times[0]: "
        'expected a quoted time "HH:MM", got integer 1170 (from 19:30)',
        '  hint: unquoted 19:30 is a base-60 number in YAML 1.1; quote it: "19:30"',
    ]
    assert result.stdout.splitlines() == [
        'profiles/bakery.yaml: ok (profile "Bakkerij Zon")',
        "2 files checked: 1 valid, 1 with problems (2 problems)",
    ]


def test_validate_a_missing_file_and_a_directory(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("validate", str(tmp_path / "nope.yaml"), str(tmp_path))
    assert result.returncode == 2
    assert "error[file-not-found]" in result.stderr
    assert "error[is-directory]" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_needs_a_file(run_cli: RunCli) -> None:
    result = run_cli("validate")
    assert result.returncode == 2
    assert "Missing argument" in result.stderr


def test_validate_help_teaches_with_examples(run_cli: RunCli) -> None:
    result = run_cli("validate", "--help")
    assert result.returncode == 0
    assert "Examples:" in result.stdout
    assert "igalgo validate profiles/bakery.yaml" in result.stdout
    assert "Exit codes" in result.stdout


def test_schema_prints_the_registered_schemas_as_sorted_json(run_cli: RunCli) -> None:
    for name, expected in (("profile", profile_schema()), ("drafts", drafts_schema())):
        result = run_cli("schema", name)
        assert result.returncode == 0
        assert json.loads(result.stdout) == expected
        assert result.stdout == json.dumps(expected, indent=2, sort_keys=True) + "\n"
    assert {"profile", "drafts"} <= set(SCHEMAS)


def test_schema_with_an_unknown_name_lists_the_known_ones(run_cli: RunCli) -> None:
    result = run_cli("schema", "nope")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "profile" in result.stderr and "drafts" in result.stderr


def test_profiles_lists_every_shipped_profile(run_cli: RunCli) -> None:
    result = run_cli("profiles")
    assert result.returncode == 0
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["NAME", "ACCOUNT", "TYPE", "FOLLOWERS", "NICHE", "TIME", "ZONE"]
    assert [row.split()[0] for row in rows] == list(shipped_profiles())
    bakery = next(row for row in rows if row.startswith("bakery "))
    account = load_account("bakery")
    assert account.name in bakery
    assert f"{account.followers:,}" in bakery
    assert account.timezone in bakery


def test_the_core_imports_neither_typer_nor_rich() -> None:
    code = (
        "import sys, igalgo.app.validate, igalgo.output.schemas;"
        "print(sorted(m for m in ('typer', 'rich', 'click') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert result.stdout.strip() == "[]"
