"""Instagram's "Download your information" insights: ``past_instagram_insights/posts.json``
and ``reels.json`` (JSON).

The shape, from public parsers of these files (no official description exists)::

    {"organic_insights_posts": [               # reels.json: "organic_insights_reels"
      {"media_map_data": {"Media Thumbnail": {"uri": "media/posts/...jpg",
                                              "creation_timestamp": 1686597602,
                                              "title": "caption"}},
       "string_map_data": {"Creation Timestamp": {"timestamp": 1686597602},
                           "Accounts reached": {"value": "2,006"},
                           "Likes": {"value": "157"}, ...}}]}

Labels are in the language of the account's interface and, like all text in these files, may
be UTF-8 mis-decoded as Latin-1 (``Contas alcanÃ§adas``), which is repaired. Values are strings
with thousands separators; ``--`` is read as missing. The publication time is the label that
holds a ``timestamp``, whatever its language, else the thumbnail's ``creation_timestamp``.

Assumed where no example was found: ``organic_insights_stories`` (``stories.json``) holds
stories in the same shape; ``posts.json`` does not tell carousels from photos, so its posts are
photos, or videos when the thumbnail is a video file. Posts have no id: the thumbnail's ``uri``
is used, else the list and the time.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Final

from igalgo.domain import Format, PublishedPost
from igalgo.inputs.exports.aliases import (
    COLUMN_ALIASES,
    COUNT_FIELDS,
    closest,
    normal,
    preference,
)
from igalgo.inputs.exports.codes import ExportErrorCode, WarningCode
from igalgo.inputs.exports.locating import FileReport, JsonLocator, JsonPath, dotted
from igalgo.inputs.exports.model import Candidate, Options
from igalgo.inputs.exports.values import (
    ValueProblemError,
    check_count,
    json_kind,
    parse_duration,
    parse_epoch,
)

DYI_LISTS: Final[Mapping[str, Format | None]] = {
    "organic_insights_posts": None,
    "organic_insights_reels": Format.REEL,
    "organic_insights_stories": Format.STORY,
}
"""The post lists of the DYI insight files and their format (None: photo or video)."""

DYI_PREFIX: Final = "organic_insights_"
"""The prefix of every top-level key of a DYI insights file."""

VIDEO_SUFFIXES: Final = (".mp4", ".mov", ".m4v", ".webm")
"""Thumbnail files that show a post in ``posts.json`` is a video."""


def dyi_lists(document: object) -> list[tuple[str, object]] | None:
    """The post lists of a DYI insights file (possibly none), or None if it is not one."""
    if not isinstance(document, dict) or not any(
        isinstance(key, str) and key.startswith(DYI_PREFIX) for key in document
    ):
        return None
    return [(key, document[key]) for key in DYI_LISTS if key in document]


def repaired(text: str) -> str:
    """``text`` with UTF-8 that was decoded as Latin-1 put right (a no-op on other text)."""
    if not any("\x80" <= char <= "\xff" for char in text):
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def read_dyi(
    lists: list[tuple[str, object]],
    name: str,
    options: Options,
    locator: JsonLocator,
    report: FileReport,
) -> tuple[list[Candidate], tuple[str, ...]]:
    """The posts of a DYI insights file and the labels it did not use."""
    reader = _Entries(name, options, locator, report)
    candidates: list[Candidate] = []
    entries = 0
    for key, entries_list in lists:
        if not isinstance(entries_list, list):
            reader.error(
                (key,),
                ExportErrorCode.WRONG_JSON_TYPE,
                f"expected a list of posts, found {json_kind(entries_list)}",
            )
            continue
        entries += len(entries_list)
        for index, entry in enumerate(entries_list):
            post = reader.read(key, (key, index), entry)
            if post is not None:
                candidates.append(post)
    if entries == 0 and not report.errors:
        report.error(
            ExportErrorCode.EMPTY_EXPORT,
            "the file holds no posts",
            locator.at(0),
            hint="the download may cover a period without posts; request a longer one",
        )
    elif not reader.had_reach and reader.had_views and options.views_per_reach is None:
        report.error(
            ExportErrorCode.NEEDS_VIEWS_PER_REACH,
            "the posts have views (plays, impressions) but no accounts reached",
            locator.at(0),
            hint="give views_per_reach to derive reach as views / ratio",
        )
    elif not reader.had_reach and not reader.had_views and entries:
        near = next(
            (label for label in reader.ignored if closest(label, COLUMN_ALIASES["reach"])), None
        )
        report.error(
            ExportErrorCode.MISSING_COLUMN,
            "no post has an `Accounts reached` value",
            locator.at(0),
            hint=f"`{near}` is not a label igalgo knows: did you mean `Accounts reached`?"
            if near
            else "name the label of reach in the file's language with --columns reach=LABEL",
        )
    if reader.photos:
        report.warn(
            WarningCode.FORMAT_GUESSED,
            f"posts.json does not tell carousels from photos: {reader.photos} posts are read "
            "as photos",
            locator.at(0),
        )
    return candidates, tuple(reader.ignored)


class _Entries:
    """Reads the entries of one DYI file."""

    def __init__(
        self, name: str, options: Options, locator: JsonLocator, report: FileReport
    ) -> None:
        self.name = name
        self.options = options
        self.locator = locator
        self.report = report
        self.ignored: dict[str, None] = {}
        self.had_reach = False
        self.had_views = False
        self.photos = 0

    def error(self, path: JsonPath, code: str, message: str, hint: str | None = None) -> None:
        """Report a problem at the value of ``path``."""
        self.report.error(code, message, (self.locator, path), hint=hint, path=dotted(path))

    def read(self, key: str, path: JsonPath, entry: object) -> Candidate | None:
        """The post of one entry, or None when it has problems (each one reported)."""
        if not isinstance(entry, dict):
            self.error(
                path,
                ExportErrorCode.WRONG_JSON_TYPE,
                f"expected a post object, found {json_kind(entry)}",
            )
            return None
        before = len(self.report.errors)
        labels = entry.get("string_map_data", {})
        if not isinstance(labels, dict):
            self.error(
                (*path, "string_map_data"),
                ExportErrorCode.WRONG_JSON_TYPE,
                f"expected an object, found {json_kind(labels)}",
            )
            labels = {}
        thumbnail, thumbnail_path = _thumbnail(entry, path)
        when, time_path = self._time(path, labels, thumbnail, thumbnail_path)
        counts, duration = self._values(path, labels)
        if len(self.report.errors) > before or when is None:
            return None
        uri = thumbnail.get("uri")
        kind = DYI_LISTS.get(key)
        if kind is None:
            is_video = isinstance(uri, str) and uri.lower().endswith(VIDEO_SUFFIXES)
            kind = Format.VIDEO if is_video else Format.PHOTO
            self.photos += kind is Format.PHOTO
        generated = not (isinstance(uri, str) and uri)
        post_id = f"dyi:{key}:{int(when.timestamp())}" if generated else str(uri)
        reach, derived = counts.get("reach"), False
        views = counts.get("views")
        if reach is None and views is not None and self.options.views_per_reach:
            reach, derived = views / self.options.views_per_reach, True
        post = PublishedPost(
            id=post_id,
            format=kind,
            published_at=when,
            reach=reach,
            views=views,
            likes=counts.get("likes"),
            comments=counts.get("comments"),
            saves=counts.get("saves"),
            shares=counts.get("shares"),
            follows=counts.get("follows"),
            profile_visits=counts.get("profile_visits"),
            duration_s=duration if kind in (Format.REEL, Format.VIDEO) and duration else None,
            reach_from_views=derived,
            source_file=self.name,
        )
        return Candidate(
            post,
            id_place=(self.locator, path if generated else (*thumbnail_path, "uri")),
            time_place=(self.locator, time_path),
            account_place=(self.locator, path),
            id_generated=generated,
            record_place=(self.locator, path),
        )

    def _time(
        self,
        path: JsonPath,
        labels: dict[str, object],
        thumbnail: dict[str, object],
        thumbnail_path: JsonPath,
    ) -> tuple[datetime | None, JsonPath]:
        found: tuple[object, JsonPath] | None = None
        for label, data in labels.items():
            if isinstance(data, dict) and "timestamp" in data and "value" not in data:
                here = (*path, "string_map_data", label, "timestamp")
                if self.options.aliases.get(normal(repaired(label))) == "published_at":
                    found = (data["timestamp"], here)
                    break
                found = found or (data["timestamp"], here)
        if found is None and "creation_timestamp" in thumbnail:
            found = (thumbnail["creation_timestamp"], (*thumbnail_path, "creation_timestamp"))
        if found is None:
            self.error(path, ExportErrorCode.MISSING_VALUE, "this post has no timestamp")
            return None, path
        try:
            return parse_epoch(found[0], self.options.zone), found[1]
        except ValueProblemError as problem:
            self.error(found[1], problem.code, problem.message, problem.hint)
            return None, found[1]

    def _values(
        self, path: JsonPath, labels: dict[str, object]
    ) -> tuple[dict[str, float | None], float | None]:
        counts: dict[str, float | None] = {}
        ranks: dict[str, int] = {}
        duration = None
        for label, data in labels.items():
            fixed = repaired(label)
            key = normal(fixed)
            name = self.options.aliases.get(key)
            if not isinstance(data, dict) or "value" not in data:
                if name is None and not (isinstance(data, dict) and "timestamp" in data):
                    self.ignored[fixed] = None
                continue
            value_path = (*path, "string_map_data", label, "value")
            value = data["value"]
            self.had_reach = self.had_reach or name == "reach"
            self.had_views = self.had_views or name == "views"
            if name == "duration":
                try:
                    duration = parse_duration(str(value))
                except ValueProblemError as problem:
                    self.error(value_path, problem.code, problem.message, problem.hint)
                continue
            if name not in COUNT_FIELDS:
                if name is None:
                    self.ignored[fixed] = None
                continue
            try:
                count = check_count(value)
            except ValueProblemError as problem:
                self.error(value_path, problem.code, problem.message, problem.hint)
                continue
            names = preference(name, self.options.columns)
            rank = names.index(key) if key in names else len(names)
            if name in ranks and ranks[name] <= rank:
                self.ignored[fixed] = None
                continue
            counts[name], ranks[name] = count, rank
        return counts, duration


def _thumbnail(entry: dict[str, object], path: JsonPath) -> tuple[dict[str, object], JsonPath]:
    """The entry's media object (``Media Thumbnail`` in English) and its path, or ``{}``."""
    media = entry.get("media_map_data")
    if isinstance(media, dict):
        for label, data in media.items():
            if isinstance(data, dict) and ("uri" in data or "creation_timestamp" in data):
                return data, (*path, "media_map_data", label)
    return {}, path
