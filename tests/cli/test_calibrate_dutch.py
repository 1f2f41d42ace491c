"""``igalgo calibrate`` on a Dutch Business Suite export, end to end through the command line:
semicolons, dashed day-first dates, Dutch headers and decimal commas read and said; post types
it does not know summed up in one line, then mapped with --columns and --values or a mapping
file; an export of unknown headers named with the --columns that would read it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import RunCli
from tests.inputs.exports_helpers import csv_text, write
from tests.inputs.synthetic_exports import (
    PLAIN_DUTCH_POST_TYPES,
    dutch_business_suite_csv,
    synthetic_posts,
)

POSTS = synthetic_posts()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Dutch export with igalgo's Dutch post types, and one with plain Dutch words."""
    path = tmp_path_factory.mktemp("dutch")
    dutch_business_suite_csv(path / "inhoud.csv", POSTS)
    dutch_business_suite_csv(path / "eigen.csv", POSTS, post_types=PLAIN_DUTCH_POST_TYPES)
    return path


def test_a_dutch_export_calibrates_and_the_report_says_how_it_was_read(
    run_cli: RunCli, folder: Path
) -> None:
    done = run_cli("calibrate", "inhoud.csv", "--account", "bakery", "--no-backtest", cwd=folder)
    assert done.returncode == 0, done.stderr
    words = " ".join(done.stdout.split())
    assert f"calibrated on {len(POSTS)} posts" in words
    assert "inhoud.csv read as: semicolons, DD-MM-YYYY dates, decimal comma." in words
    assert "warning[day-first-dates]: the publish times are read as DD-MM-YYYY" in words
    data = json.loads(
        run_cli(
            "calibrate", "inhoud.csv", "--account", "bakery", "--no-backtest",
            "--format", "json", cwd=folder,
        ).stdout
    )  # fmt: skip
    [read_as] = [file["read_as"] for file in data["exports"]["files"]]
    assert read_as == {
        "delimiter": ";",
        "date_order": "DD-MM-YYYY",
        "decimal_mark": ",",
        "summary": "semicolons, DD-MM-YYYY dates, decimal comma",
    }
    assert data["exports"]["files"][0]["ignored_columns"] == []
    assert data["exports"]["with_reach"] == len(POSTS)


def test_unknown_post_types_are_one_line_not_one_per_row(run_cli: RunCli, folder: Path) -> None:
    done = run_cli("calibrate", "eigen.csv", "--account", "bakery", "--no-backtest", cwd=folder)
    assert done.returncode == 2 and done.stdout == ""
    errors = [line for line in done.stderr.splitlines() if "error[" in line]
    assert len(errors) == 1, done.stderr
    assert errors[0].startswith("eigen.csv:2:")
    assert f"error[unknown-post-type]: {len(POSTS)} rows: `" in errors[0]
    assert "(lines 2, 3, 4, 5, 6, ...)" in errors[0]
    assert "hint: " in done.stderr and "--values" in done.stderr
    assert "Traceback" not in done.stderr


def test_columns_and_values_map_an_export_of_other_words(run_cli: RunCli, folder: Path) -> None:
    values = ",".join(f"{label}={fmt.value}" for fmt, label in PLAIN_DUTCH_POST_TYPES.items())
    done = run_cli(
        "calibrate", "eigen.csv", "--account", "bakery", "--no-backtest",
        "--columns", "Berichttype=type", "--values", f"type:{values}", cwd=folder,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"calibrated on {len(POSTS)} posts" in done.stdout


def test_a_mapping_file_does_the_same(run_cli: RunCli, folder: Path, tmp_path: Path) -> None:
    lines = [f"post_type: {label} = {fmt.value}" for fmt, label in PLAIN_DUTCH_POST_TYPES.items()]
    mapping = write(tmp_path / "nl-mapping.txt", "# our words\n" + "\n".join(lines) + "\n")
    done = run_cli(
        "calibrate", "eigen.csv", "--account", "bakery", "--no-backtest",
        "--mapping", str(mapping), cwd=folder,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    broken = write(tmp_path / "broken.txt", "post_type: Reel = reels\n")
    done = run_cli(
        "calibrate", "eigen.csv", "--account", "bakery", "--mapping", str(broken), cwd=folder
    )
    assert done.returncode == 2
    assert f"{broken}:1:1: error[invalid-option]: 'reels' is not a format" in done.stderr


@pytest.mark.parametrize(
    ("option", "said"),
    [
        (("--values", "Reel=reels"), "--values: 'reels' is not a format; did you mean 'reel'?"),
        (("--columns", "Berichttype=soort"), "--columns: neither 'Berichttype' nor 'soort'"),
    ],
)
def test_a_mapping_mistake_exits_2(
    run_cli: RunCli, folder: Path, option: tuple[str, str], said: str
) -> None:
    done = run_cli("calibrate", "eigen.csv", "--account", "bakery", *option, cwd=folder)
    assert done.returncode == 2 and said in done.stderr


def test_unknown_headers_are_named_with_the_columns_to_map_them(
    run_cli: RunCli, tmp_path: Path
) -> None:
    header = {"published_at": "Zeit", "post_type": "Typ", "reach": "Reichweite"}
    rows = [{"published_at": "03.08.2026 12:00", "post_type": "IG reel", "reach": "1.234"}]
    write(tmp_path / "de.csv", csv_text(header, rows, delimiter=";"))
    done = run_cli("calibrate", "de.csv", "--account", "bakery", cwd=tmp_path)
    assert done.returncode == 2
    assert (
        "de.csv:1:1: error[not-an-export]: no known column headers: the first row has 3 columns "
        "separated by semicolons (`Zeit`, `Typ`, `Reichweite`)"
    ) in done.stderr
    assert '--columns "Zeit=published_at,Typ=post_type,HEADER=reach"' in done.stderr
    assert "plain text" not in done.stderr
