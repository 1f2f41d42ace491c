"""Business Suite's publish times are US Pacific time: read as such, converted to the
account's zone, and checked against the creation times their permalinks' shortcodes encode."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from igalgo.inputs.exports import WarningCode
from igalgo.inputs.exports.shortcode import created_at, media_id, permalink_time, shortcode_of
from tests.inputs.exports_helpers import read
from tests.inputs.synthetic_exports import business_suite_csv, shortcode_for, synthetic_posts

BANGKOK = ZoneInfo("Asia/Bangkok")
POSTS = synthetic_posts()
TRUE_TIMES = [p.published_at.replace(second=0, microsecond=0) for p in POSTS]
"""To the minute, as Business Suite writes them."""
NOW = datetime(2030, 1, 1, tzinfo=UTC)


def test_a_media_id_gives_its_creation_time() -> None:
    # The worked example of codewithsundeep.com/discussion/solution/63683015.
    assert created_at(2384288897814875714).replace(microsecond=0) == datetime(
        2020, 8, 26, 13, 43, 27, tzinfo=UTC
    )


def test_a_permalink_gives_the_time_its_shortcode_encodes() -> None:
    moment = datetime(2025, 7, 14, 18, 5, 9, tzinfo=UTC)
    code = shortcode_for(moment, 7)
    assert shortcode_of(f"https://www.instagram.com/reel/{code}/?igsh=x") == code
    assert media_id(code) & 1023 == 7
    assert permalink_time(f"https://www.instagram.com/p/{code}/") == moment
    assert permalink_time("https://www.instagram.com/p/not*a*code/") is None
    assert permalink_time("https://example.com/p/ABC/") is None


def test_publish_times_are_read_as_pacific_and_given_in_the_account_zone(tmp_path: Path) -> None:
    path = business_suite_csv(tmp_path / "content.csv", POSTS)
    reading = read(path, timezone="Asia/Bangkok", now=NOW)
    assert [p.published_at for p in reading.posts] == TRUE_TIMES
    assert {p.published_at.tzinfo for p in reading.posts} == {BANGKOK}
    # Winter and summer posts: daylight saving is Pacific's, not the account's.
    offsets = {
        p.published_at.astimezone(ZoneInfo("America/Los_Angeles")).utcoffset() for p in POSTS
    }
    assert len(offsets) == 2
    assert not [w for w in reading.warnings if w.code is WarningCode.ZONE_DISAGREES]


def test_times_in_another_zone_are_caught_by_the_permalinks(tmp_path: Path) -> None:
    path = business_suite_csv(tmp_path / "content.csv", POSTS, zone=BANGKOK)
    reading = read(path, timezone="Asia/Bangkok", now=NOW)
    (warning,) = [w for w in reading.warnings if w.code is WarningCode.ZONE_DISAGREES]
    assert f"{len(POSTS)} of {len(POSTS)} publish times, read in America/Los_Angeles" in (
        warning.message
    )
    assert "(typically +14 h) from the times their permalinks encode" in warning.message
    assert warning.hint is not None and "--timezone" in warning.hint
    right = read(path, timezone="Asia/Bangkok", export_timezone="Asia/Bangkok", now=NOW)
    assert [p.published_at for p in right.posts] == TRUE_TIMES
    assert not [w for w in right.warnings if w.code is WarningCode.ZONE_DISAGREES]
