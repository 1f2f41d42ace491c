"""The agency's logo for ``igalgo report``: an image file read once, checked by its first bytes,
so that the report can embed it (a data URI) and open with no network."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from igalgo.errors import InputError, Problem

MAX_LOGO_BYTES = 1024 * 1024
"""Largest logo igalgo embeds, in bytes (1 MiB): a logo is a few kilobytes; a photo by mistake
would make every report heavy."""

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
"""The first bytes of the bitmap formats a browser shows, and their media types."""


@dataclass(frozen=True)
class Logo:
    """An image file's bytes and its media type."""

    data: bytes
    media_type: str
    """``image/png``, ``image/jpeg``, ``image/gif``, ``image/webp`` or ``image/svg+xml``."""


def media_type(data: bytes) -> str | None:
    """The media type of an image by its first bytes; None when it is none igalgo embeds."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<svg", b"<?xml")) and b"<svg" in data[:4096].lower():
        return "image/svg+xml"
    return None


def read_logo(path: Path, given_as: str) -> Logo:
    """Read the logo at ``path``; ``given_as`` names it in messages (the option or profile key).

    Raises InputError (exit 2) for a missing or unreadable file, one over
    :data:`MAX_LOGO_BYTES`, or one that is not a PNG, JPEG, GIF, WebP or SVG image.
    """
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_LOGO_BYTES + 1)
    except FileNotFoundError:
        raise _problem(given_as, f"no logo file {path}", "check the path") from None
    except IsADirectoryError:
        raise _problem(given_as, f"{path} is a directory, not an image", None) from None
    except OSError as error:
        raise _problem(given_as, f"cannot read {path}: {error.strerror or error}", None) from None
    if len(data) > MAX_LOGO_BYTES:
        raise _problem(
            given_as, f"{path} is larger than {MAX_LOGO_BYTES:,} bytes", "use a smaller image"
        )
    kind = media_type(data)
    if kind is None:
        raise _problem(
            given_as,
            f"{path} is not a PNG, JPEG, GIF, WebP or SVG image",
            "export the logo as PNG or SVG",
        )
    return Logo(data, kind)


def _problem(given_as: str, message: str, hint: str | None) -> InputError:
    """The one problem of a logo, named by where it was given."""
    return InputError([Problem("invalid-logo", f"{given_as}: {message}", hint=hint)])
