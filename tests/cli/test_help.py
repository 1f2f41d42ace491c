"""Help texts and wording: real metavars and defaults in ``--help``, did-you-mean for option
values, singular and plural, and what the markdown table says about time."""

from __future__ import annotations

from pathlib import Path

import pytest

from igalgo.cli.options import SAMPLES_DEFAULT
from igalgo.engine.settings import DEFAULT_SAMPLES
from tests.conftest import RunCli

COMMANDS = ["score", "plan", "calibrate", "validate", "schema", "profiles"]
DEMO = "profiles/demo-drafts.yaml"

TYPER_LEAKS = ["<list[str]>", "{FILE", "<int>", "<int range>", "<file>", "<text>", "...}...",
               "igalgo.DEFAULT_SAMPLES", "<path>", "[default: (", "FILE......"]  # fmt: skip
"""What typer writes for an undecorated parameter; none of it may reach igalgo's help."""


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_metavars_and_defaults_not_python_types(run_cli: RunCli, command: str) -> None:
    done = run_cli(command, "--help")
    assert done.returncode == 0, done.stderr
    for leak in TYPER_LEAKS:
        assert leak not in done.stdout, (command, leak)


def test_score_help_names_every_value_as_the_user_writes_it(run_cli: RunCli) -> None:
    text = run_cli("score", "--help").stdout
    assert text.startswith("Usage: igalgo score [OPTIONS] FILE...\n")
    assert "\n  FILE...  Drafts files (YAML)" in text
    words = " ".join(text.split())
    for shown in (
        "--surface [feed|stories|explore|reels]",
        "--format [table|json|ndjson|csv|markdown|brief]",
        "--seed N",
        "--samples N",
        "[default: 1024; 1<=x<=1048576]",
        "--jobs N",
        "--sort-by SURFACE",
        "Default: publish order.",
        "--fail-under SURFACE=REACH[%]",
        "REACH % of its account's followers (feed=15%)",
        "--output FILE",
        "--svg FILE",
        "[default: table]",
    ):
        assert shown in words, shown
    assert SAMPLES_DEFAULT == DEFAULT_SAMPLES


def test_plan_and_validate_help(run_cli: RunCli) -> None:
    plan = " ".join(run_cli("plan", "--help").stdout.split())
    for shown in (
        "--surface [feed|stories|explore|reels] The surface to plan for: feed, stories, explore "
        "or reels [default: feed posts, reels and stories together, for total unique reach].",
        "--per-week N Posts per week on the surface (without --surface: of each kind of post) "
        "[default: the recommended number].",
        "--weeks N Weeks to plan. [default: 2; 1<=x<=52]",
        "--start DATE First day of the plan, YYYY-MM-DD. Default: next Monday",
        "--format [table|json|csv|ics]",
        "--drafts FILE",
        "--output FILE",
    ):
        assert shown in plan, shown
    validate = run_cli("validate", "--help").stdout
    assert validate.startswith("Usage: igalgo validate [OPTIONS] FILE...\n")
    assert "Usage: igalgo schema [OPTIONS] NAME\n" in run_cli("schema", "--help").stdout


def test_calibrate_help_says_where_each_output_goes(run_cli: RunCli) -> None:
    text = run_cli("calibrate", "--help").stdout
    assert text.startswith("Usage: igalgo calibrate [OPTIONS] EXPORT...\n")
    words = " ".join(text.split())
    for shown in (
        "--account PROFILE",
        "--output FILE Write the calibrated profile to FILE (atomically); '-' writes it to "
        "stdout and the report to stderr. Default: the report only.",
        "--holdout-share SHARE",
        "Default: 0.6.",
        "--backtest / --no-backtest",
        "--columns HEADER=NAME,...",
        "--values VALUE=FORMAT,...",
        "--mapping FILE",
        "--views-per-reach R",
        "--format [table|json]",
        "Without --output only the report is written.",
        "igalgo calibrate content.csv --account bakery --output bakery-calibrated.yaml",
        "Exit codes: 0 ok; 2 usage error or invalid input",
    ):
        assert shown in words, shown


@pytest.mark.parametrize(
    ("args", "wanted"),
    [
        (["--sort-by", "reel"], "(did you mean 'reels'?)"),
        (["--sort-by", "Totl"], "(did you mean 'total'?)"),
        (["--fail-under", "reel=4"], "(did you mean 'reels'?)"),
        (["--surface", "reel"], "Did you mean 'reels'?"),
        (["--format", "jsno"], "Did you mean 'json'?"),
    ],
)
def test_a_mistyped_option_value_gets_a_did_you_mean(
    run_cli: RunCli, args: list[str], wanted: str
) -> None:
    done = run_cli("score", DEMO, *args)
    assert done.returncode == 2
    assert wanted in " ".join(done.stderr.split())


def test_no_suggestion_for_a_value_close_to_nothing(run_cli: RunCli) -> None:
    done = run_cli("score", DEMO, "--sort-by", "likes")
    assert done.returncode == 2 and "did you mean" not in done.stderr.lower()


def test_one_draft_is_singular(run_cli: RunCli, tmp_path: Path) -> None:
    one = tmp_path / "one.yaml"
    one.write_text(
        "account: bakery\ndrafts:\n"
        "  - {id: solo, format: photo, publish_at: '2026-12-01 18:00', watermark: true}\n",
        encoding="utf-8",
    )
    text = run_cli("score", str(one), "--samples", "32").stdout
    words = " ".join(text.split())
    assert f"{one}: 1 draft, seed 0" in words
    assert "1 drafts" not in words and "All 1 " not in words and "of 1 drafts" not in words
    assert "the only draft" in words.lower()


def test_the_markdown_table_says_the_time_zone(run_cli: RunCli) -> None:
    text = run_cli("score", DEMO, "--format", "markdown", "--samples", "16").stdout
    assert "| draft | format | publish at (Europe/Amsterdam) |" in text
