"""The symbols of the table reports, in Unicode and in plain ASCII.

The reports draw reach bars, rules and a heatmap with a few non-ASCII characters. A stream
that cannot encode them (``PYTHONIOENCODING=ascii``, ``LC_ALL=C`` without UTF-8 mode, an old
Windows console) gets :data:`ASCII` instead; :func:`glyphs_for` decides from the stream's
encoding. The renderers take the glyphs as an argument; the CLI chooses them.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass


@dataclass(frozen=True)
class Glyphs:
    """The characters a table report draws with."""

    median: str
    """Marks the median on a reach bar."""
    inside: str
    """The P10-P90 part of a reach bar."""
    outside: str
    """The rest of a reach bar."""
    rule: str
    """The line under a table's header."""
    shades: str
    """The heatmap's five levels, lowest first."""
    mark: str
    """Marks a recommended slot in the heatmap."""

    @property
    def characters(self) -> str:
        """Every character of the set, to check that a stream can encode them."""
        return self.median + self.inside + self.outside + self.rule + self.shades + self.mark

    @property
    def ascii(self) -> bool:
        """True when every character is ASCII."""
        return self.characters.isascii()


UNICODE = Glyphs(median="●", inside="━", outside="·", rule="─", shades="·░▒▓█", mark="●")
"""The usual set."""

ASCII = Glyphs(median="o", inside="=", outside=".", rule="-", shades=".:+*#", mark="o")
"""For streams that cannot encode :data:`UNICODE`; the shades grow denser as in Unicode."""


def glyphs_for(encoding: str | None) -> Glyphs:
    """:data:`UNICODE` when ``encoding`` can encode every one of its characters, else
    :data:`ASCII` (also for an unknown encoding)."""
    if not encoding:
        return ASCII
    try:
        codecs.lookup(encoding)
        UNICODE.characters.encode(encoding)
    except (LookupError, UnicodeEncodeError):
        return ASCII
    return UNICODE
