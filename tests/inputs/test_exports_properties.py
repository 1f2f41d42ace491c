"""Property: a Business Suite export written from known posts reads back to those posts."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from igalgo.domain import Format
from igalgo.inputs.exports.aliases import COUNT_FIELDS
from tests.inputs.exports_helpers import ENGLISH, csv_text, read, write

TYPES = {
    Format.PHOTO: "IG image",
    Format.CAROUSEL: "IG carousel",
    Format.REEL: "IG reel",
    Format.VIDEO: "IG video",
    Format.STORY: "IG story",
}
OPTIONAL = ("post_id", "account_id", "description", "views", "likes", "comments", "saves",
            "shares", "follows")  # fmt: skip

counts = st.one_of(st.none(), st.integers(min_value=0, max_value=50_000_000))
post = st.fixed_dictionaries(
    {
        "format": st.sampled_from(list(TYPES)),
        "minutes": st.integers(min_value=0, max_value=60 * 24 * 365 * 5),
        "description": st.text(
            st.characters(blacklist_categories=["Cs", "Cc"]) | st.sampled_from('\n,"'),
            max_size=30,
        ),
        **{name: counts for name in COUNT_FIELDS if name != "profile_visits"},
    }
)


def _cell(value: int | None, grouped: bool) -> str:
    if value is None:
        return ""
    return f"{value:,}" if grouped else str(value)


@settings(max_examples=60, deadline=None)
@given(
    posts=st.lists(post, min_size=1, max_size=8),
    optional=st.permutations(OPTIONAL),
    kept=st.integers(min_value=0, max_value=len(OPTIONAL)),
    grouped=st.booleans(),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_a_written_export_reads_back(
    posts: list[dict[str, object]],
    optional: list[str],
    kept: int,
    grouped: bool,
    encoding: str,
) -> None:
    start = datetime(2021, 1, 1, tzinfo=UTC)
    fields = ["published_at", "post_type", "reach", *optional[:kept]]
    if "post_id" not in fields:
        fields.append("post_id")
    rows = []
    for index, item in enumerate(posts):
        when = start + timedelta(minutes=int(str(item["minutes"])))
        row = {
            "post_id": f"17{index:05d}",
            "account_id": "1784",
            "description": str(item["description"]),
            "published_at": when.strftime("%m/%d/%Y %H:%M"),
            "post_type": TYPES[Format(str(item["format"]))],
        }
        for name in COUNT_FIELDS:
            if name in item:
                value = item[name]
                row[name] = _cell(value if isinstance(value, int) else None, grouped)
        rows.append(row)
    with tempfile.TemporaryDirectory() as folder:
        path = write(
            Path(folder) / "e.csv", csv_text(ENGLISH, rows, fields=fields), encoding=encoding
        )
        reading = read(
            path, timezone="UTC", export_timezone="UTC", now=datetime(2030, 1, 1, tzinfo=UTC)
        )
    by_id = {read_post.id: read_post for read_post in reading.posts}
    assert len(by_id) == len(posts)
    for index, item in enumerate(posts):
        got = by_id[f"17{index:05d}"]
        assert got.format is Format(str(item["format"]))
        assert got.published_at == start + timedelta(minutes=int(str(item["minutes"])))
        for name in COUNT_FIELDS:
            expected = item.get(name) if name in fields else None
            assert getattr(got, name) == expected, name
        assert got.account_id == ("1784" if "account_id" in fields else None)
