"""Hypothesis strategies for any account and drafts igalgo's loader accepts: every declared
range in full (from igalgo.inputs.formats), every zone, every supported date."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo, available_timezones

from hypothesis import strategies as st

from igalgo.domain import (
    DEFAULT_LIMITS,
    Account,
    AccountType,
    Audio,
    Draft,
    FollowerActivity,
    Format,
    Interaction,
    Market,
    Niche,
    Popularity,
    Posting,
    Quality,
)
from igalgo.inputs.formats import (
    EARLIEST_DATE,
    FOLLOWER_ACTIVITY,
    INTERACTION,
    LATEST_DATE,
    POSTING,
    PROFILE,
    Field,
    Shape,
)

ZONES = tuple(sorted(available_timezones()))
"""Every zone the loader accepts."""


def declared(shape: Shape, name: str) -> Field:
    """The declaration of ``shape``'s key ``name``."""
    found = shape.field(name)
    assert found is not None, name
    return found


def numbers(field: Field) -> st.SearchStrategy[float]:
    """Any number the loader accepts for ``field``: its whole declared range, subnormals and
    the largest finite floats included."""
    low = field.minimum if field.minimum is not None else -sys.float_info.max
    high = field.maximum if field.maximum is not None else sys.float_info.max
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


def relative_values(field: Field, count: int) -> st.SearchStrategy[tuple[float, ...]]:
    """``count`` values of ``field``'s items, at least one above zero (the loader's rule),
    drawn over the whole range and, as often, all from one narrow band (1e-300, 1e+200)."""
    assert field.items is not None
    anywhere = numbers(field.items)
    band = st.sampled_from([1e-320, 1e-300, 1e-10, 1.0, 1e200, sys.float_info.max])
    values = st.one_of(
        st.lists(anywhere, min_size=count, max_size=count),
        band.flatmap(lambda b: st.lists(st.sampled_from([0.0, b]), min_size=count, max_size=count)),
    )
    return values.filter(lambda items: max(items) > 0).map(tuple)


HOURS = declared(FOLLOWER_ACTIVITY, "hours")
DAYS_FIELD = declared(FOLLOWER_ACTIVITY, "days")
assert DAYS_FIELD.shape is not None
DAY = DAYS_FIELD.shape.fields[0]

activity = st.builds(
    FollowerActivity,
    hours=relative_values(HOURS, 24),
    days=st.one_of(
        st.tuples(*[numbers(DAY)] * 7),
        st.sampled_from([1e-300, 1e200]).map(lambda b: (b,) * 7),
    ).filter(lambda days: max(days) > 0),
)


def frequency(name: str) -> st.SearchStrategy[float]:
    """A posting frequency the loader accepts: 0, or its declared range above zero."""
    field = declared(POSTING, name)
    assert field.maximum is not None and field.positive_minimum is not None
    return st.just(0.0) | st.floats(field.positive_minimum, field.maximum)


posting = st.builds(
    Posting,
    feed_per_week=frequency("feed_per_week"),
    reels_per_week=frequency("reels_per_week"),
    stories_per_week=frequency("stories_per_week"),
)

accounts = st.builds(
    Account,
    name=st.just("generated"),
    followers=st.integers(0, int(declared(PROFILE, "followers").maximum or 0)),
    account_type=st.sampled_from(AccountType),
    timezone=st.sampled_from(ZONES),
    market=st.builds(Market, st.sampled_from(Niche), st.sampled_from(Popularity)),
    posting=posting,
    follower_activity=activity,
    interaction=st.builds(Interaction, numbers(declared(INTERACTION, "engagement_rate"))),
)

FIRST = datetime.combine(EARLIEST_DATE, datetime.min.time())
LAST = datetime.combine(LATEST_DATE, datetime.max.time())
MINUTES = int((LAST - FIRST).total_seconds() // 60)


@st.composite
def drafts(draw: st.DrawFn, index: int = 0, zone: str = "UTC") -> Draft:
    """A draft the loader could build: any supported date (local time in ``zone``, or an
    offset of up to 14 h), any declared duration and slide count."""
    fmt = draw(st.sampled_from(Format))
    local = FIRST + timedelta(minutes=draw(st.integers(0, MINUTES)))
    offset = draw(st.none() | st.integers(-14 * 60, 14 * 60))
    tz = ZoneInfo(zone) if offset is None else timezone(timedelta(minutes=offset))
    moment = local.replace(tzinfo=tz)
    limit = DEFAULT_LIMITS.max_duration_s(fmt)
    timed = limit is not None and (fmt is not Format.STORY or draw(st.booleans()))
    return Draft(
        id=f"draft-{index}",
        format=fmt,
        publish_at=moment,
        caption=draw(st.text(max_size=300)),
        hashtags=tuple(draw(st.lists(st.text(min_size=1, max_size=10), max_size=5))),
        location=draw(st.none() | st.just("Utrecht")),
        audio=draw(st.sampled_from(Audio)),
        duration_s=draw(st.floats(1.0, limit)) if timed and limit is not None else None,
        slides=draw(st.integers(2, 20)) if fmt is Format.CAROUSEL else None,
        quality=draw(st.sampled_from(Quality)),
        watermark=draw(st.booleans()),
    )


@st.composite
def schedules(draw: st.DrawFn, zone: str = "UTC") -> list[Draft]:
    """One to six drafts; as often as not all within a few days (so that they compete)."""
    items = draw(st.lists(drafts(zone=zone), min_size=1, max_size=6))
    if draw(st.booleans()):
        first = items[0].publish_at
        items = [
            replace(d, publish_at=first + timedelta(hours=draw(st.integers(0, 96)))) for d in items
        ]
    return [replace(d, id=f"draft-{i}") for i, d in enumerate(items)]
