"""Plain template drafts and local wall-clock hours, shared by the planner and the advice.

The planner's heatmap scores a template draft of a format at every hour of a week; the
timing advice of ``igalgo score`` searches the same templates over the hours of a draft's
day, so that both judge a time by the same numbers. Nothing here imports numpy, typer, rich
or yaml.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from igalgo.domain import DEFAULT_LIMITS, Audio, Draft, Format
from igalgo.parameters import Declared, above_up_to, between


@dataclass(frozen=True)
class TemplateShape(Declared):
    """What a plain template draft of each format looks like."""

    reel_s: Annotated[float, above_up_to(0, DEFAULT_LIMITS.reel_max_duration_s, "seconds")] = 30.0
    """Length of the template reel, seconds. Source: calibration T11 (30-90 s reels do not
    fall behind shorter ones)."""

    video_s: Annotated[float, above_up_to(0, DEFAULT_LIMITS.video_max_duration_s, "seconds")] = 60.0
    """Length of the template feed video, seconds. Assumption."""

    story_s: Annotated[float, above_up_to(0, DEFAULT_LIMITS.story_max_duration_s, "seconds")] = 15.0
    """Length of the template video story, seconds. Assumption: one story frame."""

    slides: Annotated[
        int,
        between(DEFAULT_LIMITS.carousel_min_slides, DEFAULT_LIMITS.carousel_max_slides, "slides"),
    ] = 5
    """Slides of the template carousel. Assumption (as the drivers' carousel)."""

    def duration_s(self, fmt: Format) -> float | None:
        """Length of the template of ``fmt``, or None for a format without one."""
        return {
            Format.REEL: self.reel_s,
            Format.VIDEO: self.video_s,
            Format.STORY: self.story_s,
        }.get(fmt)


DEFAULT_TEMPLATE = TemplateShape()
"""The template shape igalgo uses unless told otherwise."""


def template_draft(
    fmt: Format, publish_at: datetime, shape: TemplateShape = DEFAULT_TEMPLATE
) -> Draft:
    """A plain draft of ``fmt``: standard quality, no caption, hashtags or location.

    Plain on purpose: it ranks times, and the drivers measured on it show what the content
    choices add. Reels, videos and stories have original audio.
    """
    duration = shape.duration_s(fmt)
    return Draft(
        id=f"{fmt.value}-{publish_at:%Y%m%d-%H%M}",
        format=fmt,
        publish_at=publish_at,
        audio=Audio.NONE if duration is None else Audio.ORIGINAL,
        duration_s=duration,
        slides=shape.slides if fmt is Format.CAROUSEL else None,
    )


def local_time(day: date, hour: int, zone: ZoneInfo) -> datetime | None:
    """``day`` at ``hour``:00 in ``zone``, or None when clocks skip that hour.

    An hour that occurs twice (clocks going back) is its first occurrence.
    """
    wall = datetime(day.year, day.month, day.day, hour, tzinfo=zone)
    if wall.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != wall.replace(tzinfo=None):
        return None
    return wall


def day_hours(day: date, zone: ZoneInfo) -> list[datetime]:
    """Every local hour of ``day`` that exists in ``zone`` (23 when clocks go forward)."""
    return [when for hour in range(24) if (when := local_time(day, hour, zone)) is not None]
