"""Plain template drafts and their shape."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from igalgo.advice.templates import DEFAULT_TEMPLATE, TemplateShape, day_hours, template_draft
from igalgo.domain import Audio, Format

WHEN = datetime(2026, 12, 8, 19, tzinfo=ZoneInfo("Europe/Amsterdam"))


def test_a_template_is_plain_and_shaped_by_its_format() -> None:
    shape = TemplateShape(reel_s=45.0, slides=3)
    reel = template_draft(Format.REEL, WHEN, shape)
    assert (reel.id, reel.duration_s, reel.audio) == ("reel-20261208-1900", 45.0, Audio.ORIGINAL)
    assert reel.caption == "" and reel.hashtags == () and reel.location is None
    carousel = template_draft(Format.CAROUSEL, WHEN, shape)
    assert (carousel.slides, carousel.duration_s, carousel.audio) == (3, None, Audio.NONE)
    assert template_draft(Format.STORY, WHEN).duration_s == DEFAULT_TEMPLATE.story_s


def test_a_day_has_the_hours_that_exist_in_its_zone() -> None:
    zone = ZoneInfo("Europe/Amsterdam")
    assert len(day_hours(datetime(2027, 3, 28).date(), zone)) == 23  # clocks go forward
    assert len(day_hours(datetime(2027, 10, 31).date(), zone)) == 24  # 02:00 counted once


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"reel_s": 0.0}, r"reel_s must be > 0 and <= 180 \(seconds\)"),
        ({"reel_s": 600.0}, r"reel_s must be > 0 and <= 180 \(seconds\)"),
        ({"video_s": -5.0}, r"video_s must be > 0 and <= 3600 \(seconds\)"),
        ({"story_s": 90.0}, r"story_s must be > 0 and <= 60 \(seconds\)"),
        ({"slides": 1}, r"slides must be between 2 and 20 \(slides\)"),
        ({"slides": 5.0}, r"slides must be a whole number \(slides\)"),
    ],
)
def test_template_shape_rejects_values_that_make_no_sense(
    changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        TemplateShape(**changes)
