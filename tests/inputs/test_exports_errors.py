"""Bad exports: one located problem per case (code, line, column), all of them at once."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from igalgo.errors import Location
from igalgo.inputs.exports import EXPORT_ERROR_CODE_MEANINGS, MAX_EXPORT_BYTES, ExportErrorCode
from igalgo.inputs.exports.codes import MAX_PROBLEMS_PER_FILE
from igalgo.inputs.exports.locating import FileReport, resolve
from igalgo.inputs.formats import ErrorCode
from tests.inputs.exports_helpers import (
    ENGLISH,
    POSTS,
    column_of,
    csv_text,
    dyi_entry,
    graph_media,
    only,
    problems,
    where,
    write,
    write_json,
)

HEADER = "Post ID,Account ID,Publish time,Post type,Reach,Likes"
ROW = "1,1784,10/03/2025 08:31,IG reel,100,3"


def export(tmp_path: Path, *rows: str, header: str = HEADER, name: str = "e.csv") -> Path:
    """A small export with ``header`` and ``rows``."""
    return write(tmp_path / name, "\n".join((header, *rows)) + "\n")


# --- columns ------------------------------------------------------------------------------


def test_a_missing_publish_time_gets_a_did_you_mean(tmp_path: Path) -> None:
    header = "Post ID,Publsh time,Post type,Reach"
    problem = only(problems(export(tmp_path, header=header)), ExportErrorCode.MISSING_COLUMN)
    assert where(problem) == (1, column_of(header, "Publsh"))
    assert problem.hint is not None and "did you mean `Publish time`?" in problem.hint


def test_a_missing_post_type_without_a_near_miss(tmp_path: Path) -> None:
    header = "Post ID,Publish time,Reach"
    problem = only(problems(export(tmp_path, header=header)), ExportErrorCode.MISSING_COLUMN)
    assert where(problem) == (1, 1) and "`Post type`" in problem.message
    assert problem.hint is not None and '--columns "HEADER=post_type"' in problem.hint


def test_a_missing_reach(tmp_path: Path) -> None:
    header = "Publish time,Post type,Likes"
    problem = only(problems(export(tmp_path, header=header)), ExportErrorCode.MISSING_COLUMN)
    assert where(problem) == (1, 1) and "Reach" in problem.message


def test_views_without_reach_need_the_ratio(tmp_path: Path) -> None:
    header = "Publish time,Post type,Views"
    path = export(tmp_path, "10/03/2025 08:31,IG reel,100", header=header)
    problem = only(problems(path), ExportErrorCode.NEEDS_VIEWS_PER_REACH)
    assert where(problem) == (1, column_of(header, "Views"))
    assert problem.hint is not None and "views_per_reach" in problem.hint


def test_a_column_given_twice(tmp_path: Path) -> None:
    header = "Publish time,Post type,Reach,Reach"
    path = export(tmp_path, "10/03/2025 08:31,IG reel,1,1", header=header)
    problem = only(problems(path), ExportErrorCode.DUPLICATE_COLUMN)
    assert where(problem) == (1, header.rindex("Reach") + 1)


# --- cells --------------------------------------------------------------------------------


def test_an_unparseable_publish_time(tmp_path: Path) -> None:
    row = "1,1784,yesterday 8am,IG reel,100,3"
    problem = only(problems(export(tmp_path, row)), ExportErrorCode.INVALID_PUBLISH_TIME)
    assert where(problem) == (2, column_of(row, "yesterday")) and problem.path == "Publish time"


def test_a_time_skipped_by_daylight_saving(tmp_path: Path) -> None:
    row = "1,1784,03/09/2025 02:30,IG reel,100,3"  # US Pacific jumps from 02:00 to 03:00
    problem = only(problems(export(tmp_path, row)), ErrorCode.NONEXISTENT_TIME)
    assert where(problem) == (2, column_of(row, "03/09"))
    assert "America/Los_Angeles" in problem.message
    madrid = "1,1784,03/30/2025 02:30,IG reel,100,3"  # with --timezone, that zone's gaps
    path = export(tmp_path, madrid)
    problem = only(problems(path, export_timezone="Europe/Madrid"), ErrorCode.NONEXISTENT_TIME)
    assert where(problem) == (2, column_of(madrid, "03/30"))


def test_an_unparseable_number(tmp_path: Path) -> None:
    row = "1,1784,10/03/2025 08:31,IG reel,lots,3"
    problem = only(problems(export(tmp_path, row)), ExportErrorCode.INVALID_NUMBER)
    assert where(problem) == (2, column_of(row, "lots")) and problem.path == "Reach"


def test_a_count_that_is_not_whole(tmp_path: Path) -> None:
    row = "1,1784,10/03/2025 08:31,IG reel,12.5,3"
    problem = only(problems(export(tmp_path, row)), ExportErrorCode.INVALID_NUMBER)
    assert where(problem) == (2, column_of(row, "12.5"))


def test_a_negative_count(tmp_path: Path) -> None:
    row = "1,1784,10/03/2025 08:31,IG reel,100,-3"
    problem = only(problems(export(tmp_path, row)), ExportErrorCode.NEGATIVE_COUNT)
    assert where(problem) == (2, column_of(row, "-3")) and problem.path == "Likes"


def test_an_unknown_post_type_gets_a_did_you_mean(tmp_path: Path) -> None:
    row = "1,1784,10/03/2025 08:31,IG reell,100,3"
    problem = only(problems(export(tmp_path, row)), ExportErrorCode.UNKNOWN_POST_TYPE)
    assert where(problem) == (2, column_of(row, "IG reell"))
    assert problem.hint == "did you mean `IG reel`?"


def test_a_blank_post_type(tmp_path: Path) -> None:
    row = "1,1784,10/03/2025 08:31,,100,3"
    problem = only(problems(export(tmp_path, row)), ExportErrorCode.MISSING_VALUE)
    assert where(problem) == (2, column_of(row, ",,") + 1)


def test_a_row_of_one_day_instead_of_lifetime(tmp_path: Path) -> None:
    header = "Publish time,Post type,Date,Reach"
    row = "10/03/2025 08:31,IG reel,10/04/2025,100"
    problem = only(problems(export(tmp_path, row, header=header)), ExportErrorCode.NOT_LIFETIME)
    assert where(problem) == (2, column_of(row, "10/04"))


def test_a_cell_below_a_multi_line_caption_is_located_on_its_line(tmp_path: Path) -> None:
    header = "Description,Publish time,Post type,Reach"
    path = export(tmp_path, '"one\ntwo",10/03/2025 08:31,IG reel,-1', header=header)
    problem = only(problems(path), ExportErrorCode.NEGATIVE_COUNT)
    assert where(problem) == (3, len('two",10/03/2025 08:31,IG reel,') + 1)


def test_a_row_with_more_cells_than_the_header(tmp_path: Path) -> None:
    row = ROW + ",surplus"
    problem = only(problems(export(tmp_path, row)), ExportErrorCode.CSV_SYNTAX)
    assert where(problem) == (2, column_of(row, "surplus"))


def test_malformed_csv(tmp_path: Path) -> None:
    path = export(tmp_path, ROW, '2,1784,"10/04/2025 08:31"x,IG reel,100,3')
    problem = only(problems(path), ExportErrorCode.CSV_SYNTAX)
    assert where(problem) == (3, 1)


# --- posts --------------------------------------------------------------------------------


def test_a_duplicate_post_id_in_one_file(tmp_path: Path) -> None:
    path = export(tmp_path, ROW, "1,1784,10/04/2025 08:31,IG reel,100,3")
    problem = only(problems(path), ExportErrorCode.DUPLICATE_POST)
    assert where(problem) == (3, 1) and f"{path}:2" in problem.message


def test_a_duplicate_post_id_across_files(tmp_path: Path) -> None:
    first = export(tmp_path, ROW, name="a.csv")
    second = export(tmp_path, "9,1784,10/05/2025 08:31,IG reel,1,1", ROW, name="b.csv")
    problem = only(problems(first, second), ExportErrorCode.DUPLICATE_POST)
    assert problem.location is not None and problem.location.file == str(second)
    assert where(problem) == (3, 1)


def test_the_same_post_in_a_csv_and_a_graph_page(tmp_path: Path) -> None:
    csv_path = export(tmp_path, ROW)
    media = graph_media("1", "2025-10-03T06:31:00+0000", reach=100)
    json_path = write_json(tmp_path / "m.json", {"data": [media]})
    problem = only(problems(csv_path, json_path), ExportErrorCode.DUPLICATE_POST)
    line = json_path.read_text(encoding="utf-8").splitlines().index('      "id": "1",') + 1
    assert where(problem) == (line, len('      "id": ') + 1)


def test_a_post_in_the_future(tmp_path: Path) -> None:
    row = "1,1784,10/03/2025 08:31,IG reel,100,3"
    now = datetime(2025, 10, 1, tzinfo=ZoneInfo("UTC"))
    problem = only(problems(export(tmp_path, row), now=now), ExportErrorCode.FUTURE_POST)
    assert where(problem) == (2, column_of(row, "10/03"))


def test_two_accounts_in_one_file(tmp_path: Path) -> None:
    other = "2,1785,10/04/2025 08:31,IG reel,100,3"
    problem = only(problems(export(tmp_path, ROW, other)), ExportErrorCode.MIXED_ACCOUNTS)
    assert where(problem) == (3, column_of(other, "1785"))


def test_two_usernames_in_one_file(tmp_path: Path) -> None:
    header = "Account username,Publish time,Post type,Reach"
    rows = ("bakery,10/03/2025 08:31,IG reel,1", "@Bakery,10/04/2025 08:31,IG reel,1")
    other = "florist,10/05/2025 08:31,IG reel,1"
    problem = only(
        problems(export(tmp_path, *rows, other, header=header)), ExportErrorCode.MIXED_ACCOUNTS
    )
    assert where(problem) == (4, 1) and "@florist" in problem.message


def test_two_accounts_across_files(tmp_path: Path) -> None:
    first = export(tmp_path, ROW, name="a.csv")
    second = export(tmp_path, "2,1785,10/04/2025 08:31,IG reel,100,3", name="b.csv")
    problem = only(problems(first, second), ExportErrorCode.MIXED_ACCOUNTS)
    assert problem.location is not None and problem.location.file == str(second)
    assert where(problem) == (2, 3)


# --- files --------------------------------------------------------------------------------


def test_an_export_without_posts(tmp_path: Path) -> None:
    problem = only(problems(export(tmp_path)), ExportErrorCode.EMPTY_EXPORT)
    assert where(problem) == (1, 1)


def test_an_empty_file(tmp_path: Path) -> None:
    problem = only(problems(write(tmp_path / "e.csv", "\n")), ErrorCode.EMPTY_FILE)
    assert where(problem) == (1, 1)


def test_a_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.truncate(MAX_EXPORT_BYTES + 1)
    problem = only(problems(path), ExportErrorCode.EXPORT_TOO_LARGE)
    assert where(problem) == (1, 1) and "50 MiB" in problem.message


def test_a_yaml_profile_is_not_an_export(tmp_path: Path) -> None:
    path = write(tmp_path / "bakery.yaml", "name: Secret Bakery\nfollowers: 1200\n")
    problem = only(problems(path), ExportErrorCode.NOT_AN_EXPORT)
    assert where(problem) == (1, 1) and "YAML" in problem.message
    assert "Secret" not in problem.format()


def test_a_random_csv_is_not_an_export_and_is_not_quoted(tmp_path: Path) -> None:
    path = write(tmp_path / "prices.csv", "ingredient,price\nsecret flour,3\n")
    problem = only(problems(path), ExportErrorCode.NOT_AN_EXPORT)
    assert where(problem) == (1, 1) and "2 columns" in problem.message
    assert "ingredient" not in problem.format() and "secret" not in problem.format()
    assert problem.hint is not None and "Publish time" in problem.hint


def test_json_that_is_no_export(tmp_path: Path) -> None:
    path = write_json(tmp_path / "x.json", {"name": "secret", "followers": 3})
    problem = only(problems(path), ExportErrorCode.NOT_AN_EXPORT)
    assert where(problem) == (1, 1) and "secret" not in problem.format()


def test_account_insights_are_not_media(tmp_path: Path) -> None:
    document = {"data": [{"name": "reach", "period": "day", "values": [{"value": 3}]}]}
    problem = only(problems(write_json(tmp_path / "x.json", document)), "not-an-export")
    assert "not of media" in problem.message


def test_dyi_account_insights_are_not_posts(tmp_path: Path) -> None:
    document = {"organic_insights_audience": [{"string_map_data": {}}]}
    problem = only(problems(write_json(tmp_path / "x.json", document)), "not-an-export")
    assert "not posts.json or reels.json" in problem.message


def test_invalid_json(tmp_path: Path) -> None:
    path = write(tmp_path / "x.json", '{"data": [\n  {"id": "1",}\n]}')
    problem = only(problems(path), ExportErrorCode.JSON_SYNTAX)
    assert where(problem) == (2, 14)


def test_a_spreadsheet_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    problem = only(problems(path), ExportErrorCode.NOT_TEXT)
    assert "ZIP" in problem.message


def test_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_bytes((HEADER + "\n1,1784,10/03/2025 08:31,IG r").encode() + b"\xe9el,1,1\n")
    problem = only(problems(path), ExportErrorCode.NOT_TEXT)
    assert where(problem) == (2, len("1,1784,10/03/2025 08:31,IG r") + 1)


def test_a_missing_file_and_a_directory(tmp_path: Path) -> None:
    found = problems(tmp_path / "nope.csv", tmp_path)
    assert [problem.code for problem in found] == [ErrorCode.FILE_NOT_FOUND, ErrorCode.IS_DIRECTORY]


# --- JSON values ---------------------------------------------------------------------------


def test_a_negative_graph_insight_is_located_at_its_value(tmp_path: Path) -> None:
    path = write_json(
        tmp_path / "m.json", {"data": [graph_media("1", "2025-06-12T19:20:02+0000", reach=-5)]}
    )
    problem = only(problems(path), ExportErrorCode.NEGATIVE_COUNT)
    line = path.read_text(encoding="utf-8").splitlines().index('                "value": -5') + 1
    assert where(problem) == (line, len('                "value": ') + 1)
    assert problem.path == "data[0].insights.data[0].values[0].value"


def test_a_graph_media_without_timestamp(tmp_path: Path) -> None:
    media = graph_media("1", "x", reach=5)
    del media["timestamp"]
    path = write(tmp_path / "m.json", '{"data": [\n  ' + json.dumps(media) + "\n]}")
    problem = only(problems(path), ExportErrorCode.MISSING_VALUE)
    assert where(problem) == (2, 3)


def test_a_graph_ad_is_not_a_post(tmp_path: Path) -> None:
    media = graph_media("1", "2025-06-12T19:20:02+0000", product="AD", reach=5)
    path = write(tmp_path / "m.json", '{"data": [' + json.dumps(media) + "]}")
    problem = only(problems(path), ExportErrorCode.UNKNOWN_POST_TYPE)
    text = path.read_text(encoding="utf-8")
    assert where(problem) == (1, text.index('"AD"') + 1)


def test_a_graph_media_that_is_not_an_object(tmp_path: Path) -> None:
    media = graph_media("1", "2025-06-12T19:20:02+0000", reach=5)
    path = write(tmp_path / "m.json", '{"data": [' + json.dumps(media) + ', "oops"]}')
    problem = only(problems(path), ExportErrorCode.WRONG_JSON_TYPE)
    assert where(problem) == (1, path.read_text(encoding="utf-8").index('"oops"') + 1)


def test_a_graph_time_without_offset(tmp_path: Path) -> None:
    media = graph_media("1", "2025-06-12T19:20:02", reach=5)
    path = write(tmp_path / "m.json", '{"data": [' + json.dumps(media) + "]}")
    problem = only(problems(path), ExportErrorCode.INVALID_PUBLISH_TIME)
    assert where(problem) == (1, path.read_text(encoding="utf-8").index('"2025') + 1)


def test_an_unparseable_dyi_value(tmp_path: Path) -> None:
    entry = dyi_entry(1749756002, "media/posts/x.jpg", {"Accounts reached": "many"})
    path = write_json(tmp_path / "posts.json", {"organic_insights_posts": [entry]})
    problem = only(problems(path), ExportErrorCode.INVALID_NUMBER)
    line = path.read_text(encoding="utf-8").splitlines().index('          "value": "many"') + 1
    assert where(problem) == (line, len('          "value": ') + 1)


def test_a_dyi_file_without_reach(tmp_path: Path) -> None:
    entry = dyi_entry(1749756002, "media/posts/x.jpg", {"Acounts reachd": "5"})
    path = write_json(tmp_path / "posts.json", {"organic_insights_posts": [entry]})
    problem = only(problems(path), ExportErrorCode.MISSING_COLUMN)
    assert where(problem) == (1, 1) and problem.hint is not None and "Acounts" in problem.hint


# --- all at once, options ------------------------------------------------------------------


def test_every_problem_of_every_file_at_once_in_line_order(tmp_path: Path) -> None:
    first = export(tmp_path, "1,1784,bad,IG reel,-1,3", "2,1784,10/03/2025 08:31,IG x,1,1")
    second = write(tmp_path / "p.yaml", "name: x\n")
    found = problems(first, second)
    assert [(problem.code, where(problem)[0]) for problem in found] == [
        (ExportErrorCode.INVALID_PUBLISH_TIME, 2),
        (ExportErrorCode.NEGATIVE_COUNT, 2),
        (ExportErrorCode.UNKNOWN_POST_TYPE, 3),
        (ExportErrorCode.NOT_AN_EXPORT, 1),
    ]
    assert all(problem.format().count("error[") == 1 for problem in found)


def test_a_file_of_garbage_rows_is_one_summary_line(tmp_path: Path) -> None:
    rows = [f"{n},1784,never,IG reel,1,1" for n in range(MAX_PROBLEMS_PER_FILE + 20)]
    [found] = problems(export(tmp_path, *rows))
    assert found.code == ExportErrorCode.INVALID_PUBLISH_TIME
    assert found.message.startswith(f"{MAX_PROBLEMS_PER_FILE + 20} rows: `never` is not a")
    assert found.message.endswith("(lines 2, 3, 4, 5, 6, ...)")
    assert where(found) == (2, 8)


def test_a_file_of_many_different_problems_stops_at_the_problem_cap() -> None:
    report = FileReport("x.json")
    for n in range(MAX_PROBLEMS_PER_FILE + 20):
        report.error("invalid-number", f"problem {n}", Location("x.json", n + 1, 1))
    found, _ = resolve([report])
    assert len(found) == MAX_PROBLEMS_PER_FILE + 1
    assert found[-1].code == ExportErrorCode.TOO_MANY_PROBLEMS and "20 more" in found[-1].message


@pytest.mark.parametrize(
    ("options", "code", "text"),
    [
        ({"timezone": "Mars/Olympus"}, ErrorCode.INVALID_TIMEZONE, "IANA"),
        ({"columns": {"rech": "Bereik"}}, ExportErrorCode.INVALID_OPTION, "`reach`"),
        ({"columns": {"reach": " "}}, ExportErrorCode.INVALID_OPTION, "empty"),
        ({"columns": {"reach": "X", "views": "x"}}, ExportErrorCode.INVALID_OPTION, "both"),
        ({"views_per_reach": 0.0}, ExportErrorCode.INVALID_OPTION, "from 0.1 to 1000"),
        ({"views_per_reach": float("nan")}, ExportErrorCode.INVALID_OPTION, "from 0.1 to 1000"),
    ],
)
def test_options_that_cannot_be_used(
    tmp_path: Path, options: dict[str, object], code: str, text: str
) -> None:
    problem = only(problems(export(tmp_path, ROW), **options), code)
    assert problem.location is None and text in problem.format()


def test_no_files() -> None:
    only(problems(), ExportErrorCode.INVALID_OPTION)


def test_every_code_has_a_meaning_and_the_full_header_reads(tmp_path: Path) -> None:
    assert set(EXPORT_ERROR_CODE_MEANINGS) == set(ExportErrorCode)
    assert not set(ExportErrorCode) & {code.value for code in ErrorCode}
    path = write(tmp_path / "ok.csv", csv_text(ENGLISH, POSTS))
    assert problems(path, now=datetime(2025, 1, 1, tzinfo=ZoneInfo("UTC")))[0].code == (
        ExportErrorCode.FUTURE_POST
    )
