"""When a post was created, from its permalink: the shortcode in ``instagram.com/p/CODE/``
(or ``/reel/CODE/``) is the post's media id written in Instagram's URL-safe base64 alphabet,
and the id's top 41 bits (``id >> 23``) are milliseconds since Instagram's own epoch.

The layout is Instagram's ("Sharding & IDs at Instagram", instagram-engineering.com: 41 bits
of milliseconds, 13 of shard, 10 of sequence); the epoch, 1314220021721 ms (2011-08-24
21:07:01.721 UTC), is the one public decoders use (the gist "Instagram ID Parsing",
gist.github.com/chris124567/6ac3a0e356cefeee17e411f4640d9b75, and a worked example on
codewithsundeep.com/discussion/solution/63683015: media id 2384288897814875714 was created
2020-08-26 13:43:27 UTC). A reader uses it only as a check of the time zone of an export's
publish times (docs/formats.md).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
"""Instagram's shortcode digits, 0 to 63."""

EPOCH_MS = 1314220021721
"""Instagram's epoch in Unix milliseconds (see the module's docstring for the sources)."""

TIME_SHIFT = 23
"""Bits below the time in a media id: 13 of shard and 10 of sequence."""

_PERMALINK = re.compile(
    r"instagram\.com/(?:[A-Za-z0-9_.]+/)?(?:p|reel|reels|tv)/([A-Za-z0-9_-]+)(?:[/?#]|$)"
)


def shortcode_of(permalink: str) -> str | None:
    """The shortcode of an Instagram permalink, or None when it is none."""
    found = _PERMALINK.search(permalink)
    return found.group(1) if found else None


def media_id(shortcode: str) -> int:
    """The media id a shortcode writes (``ValueError`` for a character outside the alphabet)."""
    value = 0
    for character in shortcode:
        digit = ALPHABET.find(character)
        if digit < 0:
            raise ValueError(f"{character!r} is not a shortcode character")
        value = value * 64 + digit
    return value


def created_at(identifier: int) -> datetime:
    """When the media with ``identifier`` was created (UTC, to the millisecond)."""
    milliseconds = (identifier >> TIME_SHIFT) + EPOCH_MS
    return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(milliseconds=milliseconds)


def permalink_time(permalink: str) -> datetime | None:
    """When the post of ``permalink`` was created, or None when the link holds no shortcode
    (or one whose time is not plausible: before 2012 or after 2100)."""
    code = shortcode_of(permalink)
    if code is None or len(code) > 12:
        return None
    try:
        moment = created_at(media_id(code))
    except (ValueError, OverflowError):
        return None
    return moment if 2012 <= moment.year < 2100 else None
