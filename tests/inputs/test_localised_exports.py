"""Dutch and other localised Business Suite exports: semicolons, dashed and dotted day-first
dates decided over the whole column, decimal commas, Dutch headers and post types, the user's
post-type values, one summary line per kind of problem, and no known column headers named with
a --columns that maps them."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from igalgo.domain import Format
from igalgo.errors import InputError, UsageError
from igalgo.inputs.exports import ExportErrorCode, WarningCode
from igalgo.inputs.exports.mapping import ExportMapping, parse_options, read_mapping
from tests.inputs.exports_helpers import ENGLISH, csv_text, only, problems, read, where, write
from tests.inputs.synthetic_exports import (
    DUTCH,
    PLAIN_DUTCH_POST_TYPES,
    dutch_business_suite_csv,
    synthetic_posts,
)

POSTS = synthetic_posts()
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def test_a_dutch_export_reads_as_the_english_one(tmp_path: Path) -> None:
    path = dutch_business_suite_csv(tmp_path / "nl.csv", POSTS)
    reading = read(path, timezone="Europe/Amsterdam")
    assert len(reading.posts) == len(POSTS)
    by_time = sorted(POSTS, key=lambda post: post.published_at)
    for read_post, true_post in zip(reading.posts, by_time, strict=True):
        assert read_post.format is true_post.format
        assert read_post.published_at == true_post.published_at.replace(second=0, microsecond=0)
        assert read_post.reach == round(true_post.reach or 0)
        assert read_post.likes == round(true_post.likes or 0)
        if true_post.duration_s:
            assert read_post.duration_s == pytest.approx(true_post.duration_s + 0.5, abs=0.06)
    conventions = reading.files[0].conventions
    assert conventions is not None
    assert conventions.describe() == "semicolons, DD-MM-YYYY dates, decimal comma"
    assert reading.files[0].ignored_columns == ()
    [warning] = reading.warnings
    assert warning.code is WarningCode.DAY_FIRST_DATES and "month 13" in warning.message


@pytest.mark.parametrize(
    ("written", "order"),
    [("03-08-2026 12:00", "DD-MM-YYYY"), ("03.08.2026 12:00", "DD.MM.YYYY"),
     ("03.08.2026 12.00", "DD.MM.YYYY")],
)  # fmt: skip
def test_an_undecided_dashed_or_dotted_date_is_day_first_and_said(
    tmp_path: Path, written: str, order: str
) -> None:
    rows = [
        {"published_at": written, "post_type": "Instagram-reel", "reach": "1.234"},
        {"published_at": written.replace("03", "05", 1), "post_type": "Reel", "reach": "7"},
    ]
    fields = ("published_at", "post_type", "reach")
    path = write(tmp_path / "nl.csv", csv_text(DUTCH, rows, fields=fields, delimiter=";"))
    reading = read(path, timezone="Europe/Amsterdam", post_types={"Reel": "reel"}, now=NOW)
    first = reading.posts[0]
    assert first.published_at.astimezone(ZoneInfo("America/Los_Angeles")) == datetime(
        2026, 8, 3, 12, 0, tzinfo=ZoneInfo("America/Los_Angeles")
    )
    assert first.reach == 1234
    conventions = reading.files[0].conventions
    assert conventions is not None and conventions.date_order == order
    [warning] = reading.warnings
    assert warning.code is WarningCode.DAY_FIRST_DATES
    assert "no day in the publish times is above 12" in warning.message
    assert warning.hint is not None and "MM/DD/YYYY" in warning.hint


NOW = datetime(2027, 1, 1, tzinfo=AMSTERDAM)


def test_a_second_number_above_12_decides_month_first_for_the_whole_column(
    tmp_path: Path,
) -> None:
    rows = [
        {"published_at": "03-08-2026 12:00", "post_type": "IG reel", "reach": "10"},
        {"published_at": "03-18-2026 12:00", "post_type": "IG reel", "reach": "10"},
    ]
    fields = ("published_at", "post_type", "reach")
    path = write(tmp_path / "us.csv", csv_text(DUTCH, rows, fields=fields, delimiter=";"))
    reading = read(path, timezone="America/Los_Angeles", now=NOW)
    assert [post.published_at.month for post in reading.posts] == [3, 3]
    assert reading.warnings == ()
    conventions = reading.files[0].conventions
    assert conventions is not None and conventions.date_order == "MM-DD-YYYY"


def test_a_date_without_a_time_is_midnight_and_said(tmp_path: Path) -> None:
    rows = [{"published_at": "23.08.2026", "post_type": "Instagram-reel", "reach": "10"}]
    fields = ("published_at", "post_type", "reach")
    path = write(tmp_path / "nl.csv", csv_text(DUTCH, rows, fields=fields, delimiter=";"))
    reading = read(path, timezone="America/Los_Angeles", now=NOW)
    assert reading.posts[0].published_at.hour == 0
    codes = [warning.code for warning in reading.warnings]
    assert codes == [WarningCode.DAY_FIRST_DATES, WarningCode.NO_TIME_OF_DAY]


def test_unknown_post_types_are_one_line_with_their_values_and_rows(tmp_path: Path) -> None:
    path = dutch_business_suite_csv(tmp_path / "nl.csv", POSTS, post_types=PLAIN_DUTCH_POST_TYPES)
    found = problems(path, timezone="Europe/Amsterdam")
    [problem] = found
    assert problem.code == ExportErrorCode.UNKNOWN_POST_TYPE
    assert problem.message.startswith(f"{len(POSTS)} rows: `")
    assert "(lines 2, 3, 4, 5, 6, ...)" in problem.message
    for value in set(PLAIN_DUTCH_POST_TYPES.values()):
        assert f"`{value}`" in problem.message
    assert where(problem)[0] == 2
    assert problem.hint is not None and "--values" in problem.hint


def test_the_users_values_map_the_post_types(tmp_path: Path) -> None:
    path = dutch_business_suite_csv(tmp_path / "nl.csv", POSTS, post_types=PLAIN_DUTCH_POST_TYPES)
    values = {label: fmt.value for fmt, label in PLAIN_DUTCH_POST_TYPES.items()}
    reading = read(path, timezone="Europe/Amsterdam", post_types=values)
    assert [post.format for post in reading.posts] == [
        post.format for post in sorted(POSTS, key=lambda post: post.published_at)
    ]


def test_a_value_mapped_to_no_format_is_an_option_problem(tmp_path: Path) -> None:
    path = dutch_business_suite_csv(tmp_path / "nl.csv", POSTS)
    problem = only(problems(path, post_types={"Reel": "reels"}), ExportErrorCode.INVALID_OPTION)
    assert "`reels`" in problem.message and problem.hint is not None and "`reel`" in problem.hint


def test_a_few_problems_of_a_kind_stay_one_line_each(tmp_path: Path) -> None:
    rows = [
        {"published_at": "03-08-2026 12:00", "post_type": "Reel", "reach": "10"},
        {"published_at": "04-08-2026 12:00", "post_type": "Reel", "reach": "10"},
    ]
    fields = ("published_at", "post_type", "reach")
    path = write(tmp_path / "nl.csv", csv_text(DUTCH, rows, fields=fields, delimiter=";"))
    found = problems(path, timezone="Europe/Amsterdam", now=NOW)
    assert [p.message for p in found] == ["`Reel` is not an Instagram post type"] * 2


GERMAN = {
    "published_at": "Veröffentlichungszeit",
    "post_type": "Beitragstyp",
    "reach": "Reichweite",
    "likes": "Gefällt mir",
}


def test_no_known_column_headers_names_them_and_suggests_columns(tmp_path: Path) -> None:
    rows = [{"published_at": "03.08.2026 12:00", "post_type": "IG reel", "reach": "1.234"}]
    path = write(tmp_path / "de.csv", csv_text(GERMAN, rows, delimiter=";"))
    problem = only(problems(path), ExportErrorCode.NOT_AN_EXPORT)
    assert problem.message.startswith(
        "no known column headers: the first row has 4 columns separated by semicolons "
        "(`Veröffentlichungszeit`, `Beitragstyp`, `Reichweite`, `Gefällt mir`)"
    )
    assert "plain text" not in problem.message
    assert problem.hint is not None
    assert '--columns "Veröffentlichungszeit=published_at,Beitragstyp=post_type,HEADER=reach"' in (
        problem.hint
    )
    mapping = parse_options(["Veröffentlichungszeit=published_at,Beitragstyp=type"], [])
    mapping.columns["reach"] = "Reichweite"
    reading = read(path, columns=mapping.columns, now=NOW)
    assert reading.posts[0].reach == 1234 and reading.posts[0].format is Format.REEL


def test_columns_and_values_read_either_way_round() -> None:
    mapping = parse_options(
        ["Berichttype=type,reach=Bereik", "Aantal keer opgeslagen=saves"],
        ["type:Reel=reel,Carrousel=carousel", "Foto, vierkant=photo"],
    )
    assert mapping.columns == {
        "post_type": "Berichttype",
        "reach": "Bereik",
        "saves": "Aantal keer opgeslagen",
    }
    assert mapping.post_types == {
        "Reel": "reel",
        "Carrousel": "carousel",
        "Foto, vierkant": "photo",
    }


@pytest.mark.parametrize(
    ("columns", "values", "said"),
    [
        (["Berichttype=soort"], [], "neither 'Berichttype' nor 'soort'"),
        (["Berichttype"], [], "expected HEADER=NAME"),
        ([], ["Reel=reels"], "'reels' is not a format; did you mean 'reel'?"),
        (["Bereik=reach,reach=X"], [], "'reach' is given twice"),
    ],
)
def test_a_mapping_mistake_is_a_usage_error(
    columns: list[str], values: list[str], said: str
) -> None:
    with pytest.raises(UsageError, match=said):
        parse_options(columns, values)


def test_a_mapping_file_holds_columns_and_values(tmp_path: Path) -> None:
    path = write(
        tmp_path / "nl.txt",
        "# Dutch export\nBerichttype = post_type\nPublicatie = published_at  # when\n\n"
        "post_type: Reel = reel\ntype: Carrousel = carousel\n",
    )
    mapping = read_mapping(str(path), ExportMapping({"reach": "Bereik"}))
    assert mapping.columns == {
        "reach": "Bereik",
        "post_type": "Berichttype",
        "published_at": "Publicatie",
    }
    assert mapping.post_types == {"Reel": "reel", "Carrousel": "carousel"}


def test_a_mapping_file_mistake_is_located(tmp_path: Path) -> None:
    path = write(tmp_path / "nl.txt", "Berichttype = post_type\n  post_type: Reel = rell\n")
    with pytest.raises(InputError) as caught:
        read_mapping(str(path))
    [problem] = caught.value.problems
    assert problem.location is not None and (problem.location.line, problem.location.column) == (
        2,
        3,
    )
    assert "'rell' is not a format" in problem.message


@pytest.mark.parametrize(
    ("written", "order"),
    [("2026-08-03T12:00:00", "ISO 8601"), ("1785758400", "Unix time"),
     ("08/03/2026 12:00", "MM/DD/YYYY")],
)  # fmt: skip
def test_the_report_names_how_times_were_written(tmp_path: Path, written: str, order: str) -> None:
    rows = [{"published_at": written, "post_type": "IG reel", "reach": "10"}]
    fields = ("published_at", "post_type", "reach")
    path = write(tmp_path / "en.csv", csv_text(ENGLISH, rows, fields=fields))
    conventions = read(path, timezone="Europe/Amsterdam", now=NOW).files[0].conventions
    assert conventions is not None
    assert conventions.describe() == f"commas, {order} dates"
