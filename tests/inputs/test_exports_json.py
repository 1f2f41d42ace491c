"""Graph API media pages and Download-your-information insights files."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from igalgo.domain import Format
from igalgo.inputs.exports import ExportKind, WarningCode
from tests.inputs.exports_helpers import dyi_entry, graph_media, read, write, write_json

MADRID = ZoneInfo("Europe/Madrid")

PAGE = {
    "data": [
        graph_media("1801", "2025-06-12T19:20:02+0000", reach=2006, views=3100, likes=157),
        graph_media(
            "1802",
            "2025-06-13T08:00:00+0000",
            "CAROUSEL_ALBUM",
            reach=900,
            saved=12,
            shares=3,
            follows=2,
            profile_visits=30,
            comments=4,
        ),
        graph_media("1803", "2025-06-14T20:30:00+0000", "VIDEO", "REELS", reach=5000, views=9000),
        graph_media("1804", "2025-06-15T09:00:00+0000", "IMAGE", "STORY", reach=300),
    ],
    "paging": {"cursors": {"before": "QVFI", "after": "QVFJ"}},
}


def test_a_graph_api_page(tmp_path: Path) -> None:
    path = write_json(tmp_path / "media.json", PAGE)
    reading = read(path)
    photo, carousel, reel, story = reading.posts
    assert photo.id == "1801" and photo.format is Format.PHOTO
    assert photo.published_at == datetime(2025, 6, 12, 19, 20, 2, tzinfo=UTC)
    assert photo.published_at.tzinfo == MADRID  # given in the account's zone
    assert (photo.reach, photo.views, photo.likes, photo.saves) == (2006, 3100, 157, None)
    assert carousel.format is Format.CAROUSEL
    assert (carousel.saves, carousel.shares, carousel.follows) == (12, 3, 2)
    assert (carousel.profile_visits, carousel.comments) == (30, 4)
    assert reel.format is Format.REEL and story.format is Format.STORY
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[photo.source_line - 1].strip() == "{"
    assert lines[photo.source_line].strip() == '"id": "1801",'
    (file,) = reading.files
    assert file.kind is ExportKind.GRAPH_API_JSON and file.ignored_columns == ()


def test_a_list_of_pages_and_a_bare_data_list(tmp_path: Path) -> None:
    first = {"data": PAGE["data"][:2], "paging": {"next": "https://example.invalid/next"}}
    second = {"data": PAGE["data"][2:]}
    pages = read(write_json(tmp_path / "pages.json", [first, second]))
    bare = read(write_json(tmp_path / "bare.json", PAGE["data"]))
    assert [post.id for post in pages.posts] == ["1801", "1802", "1803", "1804"]
    assert [post.id for post in bare.posts] == ["1801", "1802", "1803", "1804"]


def test_unused_metrics_and_keys_are_listed(tmp_path: Path) -> None:
    media = graph_media("9", "2025-06-12T19:20:02+0000", reach=5, total_interactions=7)
    media["caption"] = "hello"
    reading = read(write_json(tmp_path / "m.json", {"data": [media]}))
    assert reading.files[0].ignored_columns == ("caption", "insights.total_interactions")


def test_total_value_and_the_count_fields(tmp_path: Path) -> None:
    media = graph_media("9", "2025-06-12T19:20:02+0000")
    media["insights"] = {"data": [{"name": "reach", "total_value": {"value": 42}}]}
    media["like_count"] = 8
    media["comments_count"] = 2
    (post,) = read(write_json(tmp_path / "m.json", {"data": [media]})).posts
    assert (post.reach, post.likes, post.comments) == (42, 8, 2)


def test_views_win_over_impressions_and_plays(tmp_path: Path) -> None:
    media = graph_media("9", "2025-06-12T19:20:02+0000", impressions=1, views=70, reach=5)
    old = graph_media("10", "2025-06-12T19:20:02+0000", "VIDEO", "REELS", plays=33, reach=5)
    reading = read(write_json(tmp_path / "m.json", {"data": [media, old]}))
    assert {post.id: post.views for post in reading.posts} == {"9": 70, "10": 33}


def test_a_video_without_product_type_is_a_feed_video_with_a_warning(tmp_path: Path) -> None:
    media = graph_media("9", "2025-06-12T19:20:02+0000", "VIDEO", None, reach=5)
    reading = read(write_json(tmp_path / "m.json", {"data": [media]}))
    assert reading.posts[0].format is Format.VIDEO
    assert [warning.code for warning in reading.warnings] == [WarningCode.FORMAT_GUESSED]


def test_graph_views_only_with_a_ratio(tmp_path: Path) -> None:
    media = graph_media("9", "2025-06-12T19:20:02+0000", views=300)
    (post,) = read(write_json(tmp_path / "m.json", {"data": [media]}), views_per_reach=1.5).posts
    assert post.reach == 200 and post.reach_from_views


POSTS_JSON = {
    "organic_insights_posts": [
        dyi_entry(
            1749756002,
            "media/posts/202506/1_abc.jpg",
            {
                "Impressions": "3,100",
                "Accounts reached": "2,006",
                "Likes": "157",
                "Comments": "4",
                "Saves": "--",
                "Shares": "2",
                "Follows": "1",
                "Profile visits": "12",
                "Explore": "1,200",
            },
        ),
        dyi_entry(1749800000, "media/posts/202506/2_def.mp4", {"Accounts reached": "900"}),
    ]
}


def test_a_dyi_posts_file(tmp_path: Path) -> None:
    reading = read(write_json(tmp_path / "posts.json", POSTS_JSON))
    photo, video = reading.posts
    assert photo.id == "media/posts/202506/1_abc.jpg" and photo.format is Format.PHOTO
    assert photo.published_at == datetime.fromtimestamp(1749756002, UTC)
    assert (photo.reach, photo.views, photo.likes, photo.comments) == (2006, 3100, 157, 4)
    assert photo.saves is None  # "--" is missing
    assert (photo.shares, photo.follows, photo.profile_visits) == (2, 1, 12)
    assert video.format is Format.VIDEO
    (file,) = reading.files
    assert file.kind is ExportKind.DYI_JSON and file.ignored_columns == ("Explore",)
    assert [warning.code for warning in reading.warnings] == [WarningCode.FORMAT_GUESSED]


def test_a_dyi_reels_file(tmp_path: Path) -> None:
    entry = dyi_entry(
        1749756002,
        "media/reels/202506/r.mp4",
        {
            "Duration": "0:32",
            "Accounts reached": "40,210",
            "Instagram Plays": "55,000",
            "Instagram Likes": "3,100",
            "Instagram Comments": "120",
            "Instagram Shares": "410",
            "Instagram Saves": "260",
        },
    )
    strings = entry["string_map_data"]
    assert isinstance(strings, dict)
    strings["Upload Timestamp"] = strings.pop("Creation Timestamp")
    (reel,) = read(write_json(tmp_path / "reels.json", {"organic_insights_reels": [entry]})).posts
    assert reel.format is Format.REEL and reel.duration_s == 32
    assert (reel.reach, reel.views, reel.likes, reel.comments) == (40210, 55000, 3100, 120)
    assert (reel.shares, reel.saves) == (410, 260)


def test_portuguese_labels_garbled_as_latin1_are_repaired(tmp_path: Path) -> None:
    def garbled(text: str) -> str:
        return text.encode("utf-8").decode("latin-1")

    entry = {
        "media_map_data": {"Media Thumbnail": {"uri": "media/posts/x.jpg"}},
        "string_map_data": {
            garbled("Registro de data e hora da criação"): {"timestamp": 1749756002},
            garbled("Contas alcançadas"): {"value": "1.500"},
            garbled("Impressões"): {"value": "2.000"},
            "Curtidas": {"value": "80"},
        },
    }
    path = tmp_path / "posts.json"
    write(path, json.dumps({"organic_insights_posts": [entry]}))  # \u-escaped like the DYI
    (post,) = read(path).posts
    assert (post.reach, post.views, post.likes) == (1500, 2000, 80)
    assert post.published_at == datetime.fromtimestamp(1749756002, UTC)


def test_a_columns_mapping_names_dyi_labels_too(tmp_path: Path) -> None:
    entry = dyi_entry(1749756002, "media/posts/x.jpg", {"Erreichte Konten": "2.100"})
    path = write_json(tmp_path / "posts.json", {"organic_insights_posts": [entry]})
    (post,) = read(path, columns={"reach": "Erreichte Konten"}).posts
    assert post.reach == 2100


def test_csv_and_json_posts_are_merged_and_sorted(tmp_path: Path) -> None:
    media = write_json(tmp_path / "media.json", PAGE)
    dyi = write_json(tmp_path / "posts.json", POSTS_JSON)
    reading = read(dyi, media)
    times = [post.published_at for post in reading.posts]
    assert times == sorted(times) and len(times) == 6
    assert [file.kind for file in reading.files] == [ExportKind.DYI_JSON, ExportKind.GRAPH_API_JSON]
