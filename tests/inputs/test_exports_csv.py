"""Business Suite content exports: encodings, languages, column layouts and values."""

from __future__ import annotations

import io
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from igalgo.domain import Format
from igalgo.inputs.exports import ExportKind, WarningCode
from igalgo.inputs.exports.aliases import COLUMN_ALIASES, POST_TYPES, normal
from tests.inputs.exports_helpers import (
    ENGLISH,
    POSTS,
    SPANISH,
    csv_text,
    daily_file,
    read,
    write,
)

MADRID = ZoneInfo("Europe/Madrid")
PACIFIC = ZoneInfo("America/Los_Angeles")


def test_an_english_export_reads_every_value(tmp_path: Path) -> None:
    reading = read(write(tmp_path / "export.csv", csv_text(ENGLISH, POSTS)))
    reel, photo, carousel = reading.posts
    assert reel.id == "18011" and reel.format is Format.REEL
    # Business Suite writes US Pacific time; igalgo gives it in the account's zone.
    assert reel.published_at == datetime(2025, 10, 3, 8, 31, tzinfo=PACIFIC)
    assert reel.published_at.tzinfo == MADRID and reel.published_at.hour == 17
    assert (reel.account_id, reel.account_username) == ("1784", "bakery")
    assert (reel.reach, reel.views, reel.likes, reel.comments) == (9100, 12400, 610, 57)
    assert (reel.saves, reel.shares, reel.follows, reel.profile_visits) == (230, 88, 41, None)
    assert reel.duration_s == 44 and not reel.reach_from_views
    assert (reel.source_file, reel.source_line) == (str(tmp_path / "export.csv"), 2)
    assert photo.format is Format.PHOTO and photo.duration_s is None
    assert photo.views is None and photo.shares is None  # blank cells are missing, not zero
    assert carousel.format is Format.CAROUSEL and carousel.follows is None
    assert carousel.source_line == 4
    (file,) = reading.files
    assert file.kind is ExportKind.BUSINESS_SUITE_CSV and file.encoding == "utf-8"
    assert file.posts == 3 and file.ignored_columns == ()
    assert reading.warnings == () and reading.ignored_columns == {}


def test_a_utf8_file_with_a_bom_reads_the_same(tmp_path: Path) -> None:
    plain = read(write(tmp_path / "plain.csv", csv_text(ENGLISH, POSTS)))
    bom = read(write(tmp_path / "bom.csv", csv_text(ENGLISH, POSTS), encoding="utf-8-sig"))
    assert [_values(post) for post in bom.posts] == [_values(post) for post in plain.posts]
    assert bom.files[0].encoding == "utf-8-sig"


def test_a_utf16_daily_file_with_sep_and_title_lines(tmp_path: Path) -> None:
    reading = read(daily_file(tmp_path / "daily.csv", csv_text(ENGLISH, POSTS)))
    assert [post.id for post in reading.posts] == ["18011", "18012", "18013"]
    assert reading.posts[0].source_line == 4  # after sep=, the title and the header
    assert reading.posts[0].reach == 9100
    assert reading.files[0].encoding == "utf-16-le"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_recognised(tmp_path: Path, encoding: str) -> None:
    reading = read(write(tmp_path / "e.csv", csv_text(ENGLISH, POSTS), encoding=encoding))
    assert len(reading.posts) == 3 and reading.files[0].encoding == encoding


def test_a_spanish_export(tmp_path: Path) -> None:
    rows = [
        {**post, "date": "Total", "post_type": kind}
        for post, kind in zip(POSTS, ("Reel de IG", "IG image", "Carrusel de IG"), strict=True)
    ]
    reading = read(write(tmp_path / "es.csv", csv_text(SPANISH, rows)))
    reel, photo, carousel = reading.posts
    assert (reel.format, photo.format, carousel.format) == (
        Format.REEL,
        Format.PHOTO,
        Format.CAROUSEL,
    )
    assert reel.follows == 41  # Seguidores is the follows column
    assert reel.reach == 9100 and reel.views == 12400 and reel.saves == 230
    assert reading.warnings == ()


def test_portuguese_headers(tmp_path: Path) -> None:
    text = (
        "Horário de publicação,Tipo de publicação,Alcance,Visualizações,Curtidas\n"
        "10/03/2025 08:31,Imagem do IG,1.234,2.000,12\n"
    )
    (post,) = read(write(tmp_path / "pt.csv", text)).posts
    assert post.format is Format.PHOTO
    assert (post.reach, post.views, post.likes) == (1234, 2000, 12)


def test_reordered_trimmed_columns_with_an_extra_one(tmp_path: Path) -> None:
    fields = ["reach", "post_type", "published_at"]
    text = csv_text(ENGLISH, POSTS, fields=fields, extra={"Category": "bread"})
    reading = read(write(tmp_path / "trim.csv", text))
    assert [post.reach for post in reading.posts] == [9100, 900, 2000]
    assert reading.posts[0].likes is None and reading.posts[0].account_id is None
    assert reading.posts[0].id == str(tmp_path / "trim.csv") + ":2"  # made up: no id column
    assert reading.ignored_columns == {str(tmp_path / "trim.csv"): ("Category",)}


def test_the_permalink_stands_in_for_a_missing_post_id(tmp_path: Path) -> None:
    text = csv_text(ENGLISH, POSTS, fields=["permalink", "published_at", "post_type", "reach"])
    reading = read(write(tmp_path / "p.csv", text))
    assert reading.posts[0].id == "https://www.instagram.com/reel/AAA"


def test_older_exports_say_impressions(tmp_path: Path) -> None:
    header = {**ENGLISH, "views": "Impressions"}
    reading = read(write(tmp_path / "old.csv", csv_text(header, POSTS)))
    assert reading.posts[0].views == 12400 and reading.warnings == ()


def test_views_win_over_impressions_when_both_are_there(tmp_path: Path) -> None:
    text = csv_text(ENGLISH, POSTS, extra={"Impressions": "1"})
    reading = read(write(tmp_path / "both.csv", text))
    assert reading.posts[0].views == 12400
    assert reading.ignored_columns == {str(tmp_path / "both.csv"): ("Impressions",)}
    (warning,) = reading.warnings
    assert warning.code is WarningCode.SHADOWED_COLUMN
    assert warning.location is not None and warning.location.line == 1


def test_a_columns_mapping_reads_another_language(tmp_path: Path) -> None:
    text = "Publicatietijd,Berichttype,Bereik,Vind-ik-leuks\n10/03/2025 08:31,IG reel,700,12\n"
    columns = {
        "published_at": "Publicatietijd",
        "post_type": "Berichttype",
        "reach": "Bereik",
        "likes": "vind-ik-leuks",  # header names are compared case-insensitively
    }
    (post,) = read(write(tmp_path / "nl.csv", text), columns=columns).posts
    assert (post.reach, post.likes, post.format) == (700, 12, Format.REEL)


def test_reach_is_derived_from_views_with_a_ratio(tmp_path: Path) -> None:
    text = csv_text(ENGLISH, POSTS, fields=["published_at", "post_type", "views"])
    reading = read(write(tmp_path / "v.csv", text), views_per_reach=1.24)
    reel = reading.posts[0]
    assert reel.reach == pytest.approx(12400 / 1.24) and reel.reach_from_views
    assert reading.posts[1].reach is None  # no views, no reach


def test_a_caption_over_several_lines_keeps_lines_right(tmp_path: Path) -> None:
    rows = [{**POSTS[0], "description": "line one\nline two\nline three"}, POSTS[1]]
    reading = read(write(tmp_path / "multi.csv", csv_text(ENGLISH, rows)))
    assert [post.source_line for post in reading.posts] == [2, 5]


def test_semicolons_and_dotted_thousands(tmp_path: Path) -> None:
    text = "Publish time;Post type;Reach;Likes\n10/03/2025 08:31;IG video;1.234.567;1 234\n"
    (post,) = read(write(tmp_path / "semi.csv", text)).posts
    assert (post.reach, post.likes, post.format) == (1234567, 1234, Format.VIDEO)


def test_day_first_times_are_recognised_and_said(tmp_path: Path) -> None:
    text = (
        "Publish time,Post type,Reach\n25/03/2025 08:31,IG story,10\n03/04/2025 09:00,IG story,5\n"
    )
    reading = read(write(tmp_path / "dmy.csv", text))
    assert [post.published_at.date().isoformat() for post in reading.posts] == [
        "2025-03-25",
        "2025-04-03",
    ]
    assert [warning.code for warning in reading.warnings] == [WarningCode.DAY_FIRST_DATES]


def test_iso_times_and_two_digit_years_and_am_pm(tmp_path: Path) -> None:
    text = (
        "Publish time,Post type,Reach\n"
        "2025-10-03 08:31,IG image,1\n"
        "2025-10-04T10:00:00+00:00,IG image,2\n"
        "10/05/25 7:05 PM,IG image,3\n"
    )
    times = [post.published_at for post in read(write(tmp_path / "t.csv", text)).posts]
    assert times == [
        datetime(2025, 10, 3, 8, 31, tzinfo=PACIFIC),
        datetime(2025, 10, 4, 12, 0, tzinfo=MADRID),  # an offset is kept
        datetime(2025, 10, 5, 19, 5, tzinfo=PACIFIC),
    ]


def test_posts_of_several_files_are_sorted_by_time(tmp_path: Path) -> None:
    late = write(tmp_path / "late.csv", csv_text(ENGLISH, POSTS[2:]))
    early = write(tmp_path / "early.csv", csv_text(ENGLISH, POSTS[:2]))
    reading = read(late, early)
    assert [post.id for post in reading.posts] == ["18011", "18012", "18013"]
    assert [file.name for file in reading.files] == [str(late), str(early)]


def test_a_near_miss_optional_column_is_ignored_with_a_did_you_mean(tmp_path: Path) -> None:
    text = "Publish time,Post type,Reach,Sahres\n10/03/2025 08:31,IG reel,7,1\n"
    reading = read(write(tmp_path / "near.csv", text))
    (warning,) = reading.warnings
    assert warning.code is WarningCode.IGNORED_COLUMNS and warning.hint == "did you mean `Shares`?"
    assert reading.posts[0].shares is None


def test_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    data = csv_text(ENGLISH, POSTS).encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    reading = read("-")
    assert len(reading.posts) == 3 and reading.posts[0].source_file == "<stdin>"


def test_the_alias_table_gives_each_name_one_meaning() -> None:
    names = [normal(name) for aliases in COLUMN_ALIASES.values() for name in aliases]
    assert len(names) == len(set(names))
    assert {normal(kind) for kind in POST_TYPES} == {normal(kind) for kind in POST_TYPES}
    assert len({normal(kind) for kind in POST_TYPES}) == len(POST_TYPES)


def _values(post: object) -> tuple[object, ...]:
    """A post's values without its source file."""
    fields = vars(post)
    return tuple(value for key, value in fields.items() if key != "source_file")
