"""Posts drawn from the model (tests/fitting/synthetic.py) written as every export igalgo reads:
Business Suite CSV (English or Spanish headers; UTF-8, UTF-8 with a BOM, or UTF-16 with the
daily files' ``sep=`` and title lines), Graph API media pages, and Download-your-information
posts.json, reels.json and stories.json. The files are the tests' own; no real data."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from igalgo.domain import Account, Calibration, Format, FormatCalibration, PublishedPost
from igalgo.inputs.exports.shortcode import ALPHABET, EPOCH_MS, TIME_SHIFT
from igalgo.inputs.loader import load_account
from tests.fitting.synthetic import generated_posts
from tests.inputs.exports_helpers import (
    ENGLISH,
    FIELDS,
    SPANISH,
    csv_text,
    daily_file,
    dyi_entry,
    graph_media,
    write,
    write_json,
)

PACIFIC = ZoneInfo("America/Los_Angeles")
"""The zone Business Suite writes publish times in."""

TRUTH = Calibration(
    posts=1,
    first_post=date(2025, 1, 1),
    last_post=date(2025, 1, 1),
    igalgo_version="truth",
    formats=(
        FormatCalibration(Format.PHOTO, 1, 0.6, 0.5),
        FormatCalibration(Format.REEL, 1, 2.5, 0.9),
    ),
    engagement_rate=0.03,
)
"""What the synthetic account's posts are drawn with: weaker photos and much stronger reels
than the model expects for the bakery, and livelier followers."""

POST_TYPES = {
    Format.PHOTO: "IG image",
    Format.CAROUSEL: "IG carousel",
    Format.VIDEO: "IG video",
    Format.REEL: "IG reel",
    Format.STORY: "IG story",
}

GRAPH_TYPES = {
    Format.PHOTO: ("IMAGE", "FEED"),
    Format.CAROUSEL: ("CAROUSEL_ALBUM", "FEED"),
    Format.VIDEO: ("VIDEO", "FEED"),
    Format.REEL: ("VIDEO", "REELS"),
    Format.STORY: ("IMAGE", "STORY"),
}


@cache
def bakery() -> Account:
    """The shipped bakery profile, the account the synthetic posts are of."""
    return load_account("bakery")


MIX = (
    (Format.PHOTO, 0.32),
    (Format.CAROUSEL, 0.18),
    (Format.VIDEO, 0.06),
    (Format.REEL, 0.3),
    (Format.STORY, 0.14),
)
"""Share of each format among the synthetic posts: few videos, so that one format has too few
posts to be fitted."""


START = datetime(2025, 1, 6, tzinfo=UTC)
"""When the synthetic history starts (a Monday)."""


@cache
def synthetic_posts(
    count: int = 48, seed: int = 1, *, days: int = 330, start: datetime = START
) -> tuple[PublishedPost, ...]:
    """``count`` posts of the bakery over ``days`` from ``start``, drawn from the model with
    :data:`TRUTH`."""
    posts = generated_posts(bakery(), TRUTH, count, seed=seed, days=days, start=start, mix=MIX)
    return tuple(posts)


def _number(value: float | None, grouped: bool = False) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if grouped else f"{value:.0f}"


def shortcode_for(moment: datetime, sequence: int = 0) -> str:
    """The shortcode of a post created at ``moment``, as Instagram makes them: the media id
    (milliseconds since Instagram's epoch, then 13 bits of shard and 10 of sequence) in its
    base64 alphabet."""
    milliseconds = round(moment.timestamp() * 1000) - EPOCH_MS
    identifier = (milliseconds << TIME_SHIFT) | (sequence % 1024)
    digits = ""
    while identifier:
        identifier, digit = divmod(identifier, 64)
        digits = ALPHABET[digit] + digits
    return digits


def business_suite_rows(
    posts: Sequence[PublishedPost],
    *,
    lifetime: str = "Lifetime",
    grouped: bool = True,
    zone: ZoneInfo = PACIFIC,
) -> list[dict[str, str]]:
    """The posts as Business Suite rows (field -> cell), counts with thousands separators,
    publish times in ``zone`` (Business Suite's: US Pacific), permalinks whose shortcodes
    encode the true times."""
    return [
        {
            "post_id": f"1790{index:04d}",
            "account_id": "17841400000000",
            "account_username": "bakkerijzon",
            "account_name": "Bakkerij Zon",
            "description": f"Post {index}, fresh from the oven",
            "duration": _number(post.duration_s),
            "published_at": f"{post.published_at.astimezone(zone):%m/%d/%Y %H:%M}",
            "permalink": f"https://www.instagram.com/p/{shortcode_for(post.published_at, index)}/",
            "post_type": POST_TYPES[post.format],
            "date": lifetime,
            "views": _number(None if post.reach is None else post.reach * 1.4, grouped),
            "reach": _number(post.reach, grouped),
            "likes": _number(post.likes, grouped),
            "shares": _number(post.shares, grouped),
            "follows": "",
            "comments": _number(post.comments, grouped),
            "saves": _number(post.saves, grouped),
        }
        for index, post in enumerate(posts)
    ]


def business_suite_csv(
    path: Path,
    posts: Sequence[PublishedPost],
    *,
    language: str = "english",
    encoding: str = "utf-8",
    fields: Sequence[str] | None = None,
    extra: Mapping[str, str] | None = None,
    zone: ZoneInfo = PACIFIC,
) -> Path:
    """A Business Suite content export of ``posts``: ``language`` english or spanish,
    ``encoding`` utf-8, utf-8-sig or utf-16 (the daily files' layout, with ``sep=`` and a title
    line), publish times in ``zone``."""
    header = SPANISH if language == "spanish" else ENGLISH
    lifetime = "Total" if language == "spanish" else "Lifetime"
    rows = business_suite_rows(posts, lifetime=lifetime, zone=zone)
    text = csv_text(header, rows, fields=fields, extra=extra)
    if encoding == "utf-16":
        return daily_file(path, text)
    return write(path, text, encoding=encoding)


def graph_pages(path: Path, posts: Sequence[PublishedPost], *, per_page: int = 20) -> Path:
    """Graph API ``/media`` pages (a list of pages) with lifetime insights."""
    pages = []
    for start in range(0, len(posts), per_page):
        media = []
        for index, post in enumerate(posts[start : start + per_page], start):
            media_type, product = GRAPH_TYPES[post.format]
            metrics = {
                name: int(value)
                for name, value in (
                    ("reach", post.reach),
                    ("likes", post.likes),
                    ("comments", post.comments),
                    ("saved", post.saves),
                    ("shares", post.shares),
                )
                if value is not None
            }
            stamp = f"{post.published_at.astimezone(UTC):%Y-%m-%dT%H:%M:%S+0000}"
            media.append(graph_media(f"1800{index:05d}", stamp, media_type, product, **metrics))
        pages.append({"data": media, "paging": {"cursors": {"before": "QVFI", "after": "QVFJ"}}})
    return write_json(path, pages)


DYI_FILES = {
    "posts.json": ("organic_insights_posts", (Format.PHOTO, Format.CAROUSEL, Format.VIDEO)),
    "reels.json": ("organic_insights_reels", (Format.REEL,)),
    "stories.json": ("organic_insights_stories", (Format.STORY,)),
}
"""The Download-your-information insights files, their list and the formats they hold."""


def dyi_files(folder: Path, posts: Sequence[PublishedPost]) -> list[Path]:
    """``past_instagram_insights/posts.json``, ``reels.json`` and ``stories.json`` of the posts
    (string counts with thousands separators; reels with the ``Instagram ...`` labels)."""
    written = []
    for name, (key, formats) in DYI_FILES.items():
        entries = []
        for index, post in enumerate(posts):
            if post.format not in formats:
                continue
            reel = post.format is Format.REEL
            prefix = "Instagram " if reel else ""
            labels = {
                "Accounts reached": _number(post.reach, grouped=True),
                f"{prefix}Likes": _number(post.likes, grouped=True),
                f"{prefix}Comments": _number(post.comments, grouped=True),
                f"{prefix}Saves": _number(post.saves, grouped=True),
                f"{prefix}Shares": _number(post.shares, grouped=True),
            }
            folder_name = "reels" if reel else "stories" if post.format is Format.STORY else "posts"
            suffix = "mp4" if post.format in (Format.REEL, Format.VIDEO) else "jpg"
            uri = f"media/{folder_name}/2025/{index}_{post.id}.{suffix}"
            stamp = int(post.published_at.timestamp())
            entries.append(dyi_entry(stamp, uri, {k: v or "--" for k, v in labels.items()}))
        if entries:
            written.append(write_json(folder / name, {key: entries}))
    return written


DUTCH = dict(
    zip(
        FIELDS,
        (
            "Bericht-ID",
            "Account-ID",
            "Gebruikersnaam account",
            "Accountnaam",
            "Omschrijving",
            "Duur (sec.)",
            "Publicatietijdstip",
            "Permalink",
            "Berichttype",
            "Opmerking over gegevens",
            "Datum",
            "Weergaven",
            "Bereik",
            "Vind-ik-leuks",
            "Aantal keer gedeeld",
            "Volgt",
            "Opmerkingen",
            "Aantal keer opgeslagen",
        ),
        strict=True,
    )
)
"""Field -> Dutch header, as public parsers of Dutch Business Suite exports name them
(docs/decisions/0141-dutch-and-localised-exports.md)."""

DUTCH_POST_TYPES = {
    Format.PHOTO: "Instagram-afbeelding",
    Format.CAROUSEL: "Instagram-carrousel",
    Format.VIDEO: "Instagram-video",
    Format.REEL: "Instagram-reel",
    Format.STORY: "Instagram-verhaal",
}
"""Dutch post types as igalgo knows them."""

PLAIN_DUTCH_POST_TYPES = {
    Format.PHOTO: "Foto",
    Format.CAROUSEL: "Carrousel",
    Format.VIDEO: "Video",
    Format.REEL: "Reel",
    Format.STORY: "Verhaal",
}
"""Post types igalgo does not know, which ``--values`` maps."""


def _dutch_number(value: float | None) -> str:
    """A count as Dutch writes it: ``1.234``."""
    return "" if value is None else f"{value:,.0f}".replace(",", ".")


def dutch_business_suite_csv(
    path: Path,
    posts: Sequence[PublishedPost],
    *,
    post_types: Mapping[Format, str] = DUTCH_POST_TYPES,
    header: Mapping[str, str] = DUTCH,
    date_format: str = "%d-%m-%Y %H:%M",
) -> Path:
    """A Dutch Business Suite export of ``posts``: semicolons, day-first dates with dashes
    (``date_format``), Dutch headers and post types, counts grouped with dots and durations
    with a decimal comma."""
    rows = business_suite_rows(posts, lifetime="Levensduur")
    for row, post in zip(rows, posts, strict=True):
        row["published_at"] = f"{post.published_at.astimezone(PACIFIC):{date_format}}"
        row["post_type"] = post_types[post.format]
        for name in ("views", "reach", "likes", "shares", "comments", "saves"):
            row[name] = _dutch_number(float(row[name].replace(",", "")) if row[name] else None)
        duration = post.duration_s
        row["duration"] = "" if duration is None else f"{duration + 0.5:.1f}".replace(".", ",")
    return write(path, csv_text(header, rows, delimiter=";"))
