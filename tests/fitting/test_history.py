"""Published posts as the fit sees them."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from igalgo.domain import Audio, Format, PublishedPost
from igalgo.fitting.history import as_draft, history_of
from igalgo.inputs.loader import parse_drafts_text

START = datetime(2025, 3, 1, 18, 0, tzinfo=UTC)


def post(index: int, fmt: Format = Format.PHOTO, **numbers: float | None) -> PublishedPost:
    values: dict[str, float | None] = {"reach": 100.0 + index, "likes": 10.0}
    values.update(numbers)
    return PublishedPost(
        id=f"p{index}", format=fmt, published_at=START + timedelta(days=index), **values
    )


def test_posts_without_a_reach_are_left_out_and_the_rest_sorted_by_time() -> None:
    history = history_of([post(3), post(1, reach=None), post(2), post(0, reach=0.0)])
    assert [p.id for p in history.posts] == ["p2", "p3"]
    assert history.reach.tolist() == [102.0, 103.0]


def test_interactions_count_what_the_export_gives_and_need_likes() -> None:
    history = history_of(
        [
            post(0, comments=2.0, saves=None, shares=1.0),
            post(1, likes=None, comments=5.0),
        ]
    )
    assert history.interactions[0] == 13.0
    assert history.counted[0].tolist() == [True, True, False, True]
    assert math.isnan(history.interactions[1])


def test_a_post_becomes_the_draft_a_file_with_its_format_time_and_length_gives() -> None:
    reel = as_draft(PublishedPost(id="r", format=Format.REEL, published_at=START, duration_s=32.0))
    assert (reel.format, reel.publish_at, reel.duration_s) == (Format.REEL, START, 32.0)
    text = 'drafts:\n  - {id: r, format: reel, publish_at: "2025-03-01 18:00", duration_s: 32}\n'
    (written,) = parse_drafts_text(text, "drafts.yaml", None, "bakery").drafts
    # One context for fit and use: what the export does not say is what a draft file omits.
    assert (reel.audio, reel.caption, reel.quality) == (
        written.audio,
        written.caption,
        written.quality,
    )
    photo = as_draft(PublishedPost(id="x", format=Format.PHOTO, published_at=START, duration_s=9.0))
    assert photo.duration_s is None and photo.audio is Audio.NONE
