"""Graph API media with insights (JSON): pages of ``GET /{ig-user-id}/media``.

A file holds one page (``{"data": [...], "paging": {...}}``), a list of pages, or the bare
``data`` list of media. Each media's lifetime numbers are in its expanded
``insights.data[].values[0].value`` (or ``total_value.value``); ``like_count`` and
``comments_count`` stand in for missing ``likes`` and ``comments`` insights.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from igalgo.domain import Format, PublishedPost
from igalgo.inputs.exports.aliases import COUNT_FIELDS
from igalgo.inputs.exports.codes import ExportErrorCode, WarningCode
from igalgo.inputs.exports.locating import FileReport, JsonLocator, JsonPath, dotted
from igalgo.inputs.exports.model import AccountTracker, Candidate, Options
from igalgo.inputs.exports.values import ValueProblemError, check_count, json_kind, parse_iso_time

GRAPH_METRICS: Final[Mapping[str, str]] = {
    "reach": "reach",
    "views": "views",
    "impressions": "views",  # before API v22 (2025)
    "plays": "views",  # reels, before views
    "likes": "likes",
    "comments": "comments",
    "saved": "saves",
    "shares": "shares",
    "follows": "follows",
    "profile_visits": "profile_visits",
}
"""Insight metric name -> field; for views the first of the names present wins."""

FALLBACK_FIELDS: Final[Mapping[str, str]] = {"like_count": "likes", "comments_count": "comments"}
"""Media fields that give a count when its insight is absent."""

USED_FIELDS: Final = frozenset(
    {"id", "media_type", "media_product_type", "timestamp", "insights", "username", "owner"}
    | set(FALLBACK_FIELDS)
)

PRODUCT_TYPES: Final[Mapping[str, Format]] = {"STORY": Format.STORY, "REELS": Format.REEL}
"""``media_product_type`` values that decide the format on their own."""

MEDIA_TYPES: Final[Mapping[str, Format]] = {
    "IMAGE": Format.PHOTO,
    "CAROUSEL_ALBUM": Format.CAROUSEL,
    "VIDEO": Format.VIDEO,
}
"""``media_type`` values of feed media (``media_product_type`` FEED or absent)."""


def graph_media(document: object) -> list[tuple[JsonPath, list[object]]] | None:
    """The media lists of a Graph API document with their paths, or None if it is not one."""
    if isinstance(document, dict) and isinstance(document.get("data"), list):
        return [(("data",), document["data"])]
    if not isinstance(document, list) or not document:
        return None
    if all(isinstance(page, dict) and isinstance(page.get("data"), list) for page in document):
        return [((index, "data"), page["data"]) for index, page in enumerate(document)]
    if all(
        isinstance(item, dict) and ("timestamp" in item or "media_type" in item)
        for item in document
    ):
        return [((), document)]
    return None


def is_media_list(lists: list[tuple[JsonPath, list[object]]]) -> bool:
    """Whether some item of the lists is a media (has a timestamp or a media type)."""
    items = [item for _, media in lists for item in media]
    return not items or any(
        isinstance(item, dict) and ("timestamp" in item or "media_type" in item) for item in items
    )


def read_graph(
    lists: list[tuple[JsonPath, list[object]]],
    name: str,
    options: Options,
    locator: JsonLocator,
    report: FileReport,
) -> tuple[list[Candidate], tuple[str, ...]]:
    """The posts of a Graph API file's media lists, and the keys it did not use."""
    reader = _Media(name, options, locator, report)
    candidates: list[Candidate] = []
    for path, media in lists:
        for index, item in enumerate(media):
            post = reader.read((*path, index), item)
            if post is not None:
                candidates.append(post)
    if not any(media for _, media in lists):
        report.error(
            ExportErrorCode.EMPTY_EXPORT,
            "the Graph API response holds no media",
            locator.at(0),
            hint="request the media of an account that has published, or drop this page",
        )
    elif not reader.had_reach and reader.had_views and options.views_per_reach is None:
        report.error(
            ExportErrorCode.NEEDS_VIEWS_PER_REACH,
            "the media have views insights but no reach",
            locator.at(0),
            hint="request insights.metric(reach,...) too, or give views_per_reach to derive "
            "reach as views / ratio",
        )
    elif not reader.had_reach and not reader.had_views and candidates:
        report.error(
            ExportErrorCode.MISSING_COLUMN,
            "no media has a reach insight",
            locator.at(0),
            hint="request fields=id,media_type,media_product_type,timestamp,"
            "insights.metric(reach,views,likes,comments,saved,shares,follows,profile_visits)",
        )
    return candidates, tuple(reader.ignored)


class _Media:
    """Reads the media of one file."""

    def __init__(
        self, name: str, options: Options, locator: JsonLocator, report: FileReport
    ) -> None:
        self.name = name
        self.options = options
        self.locator = locator
        self.report = report
        self.accounts = AccountTracker(report)
        self.ignored: dict[str, None] = {}
        self.had_reach = False
        self.had_views = False

    def _error(self, path: JsonPath, code: str, message: str, hint: str | None = None) -> None:
        self.report.error(code, message, (self.locator, path), hint=hint, path=dotted(path))

    def read(self, path: JsonPath, item: object) -> Candidate | None:
        """The post of one media, or None when it has problems (each one reported)."""
        if not isinstance(item, dict):
            self._error(
                path,
                ExportErrorCode.WRONG_JSON_TYPE,
                f"expected a media object, found {json_kind(item)}",
            )
            return None
        before = len(self.report.errors)
        for key in item:
            if key not in USED_FIELDS:
                self.ignored[key] = None
        media_id = item.get("id")
        if media_id is None:
            self._error(
                path,
                ExportErrorCode.MISSING_VALUE,
                "this media has no `id`",
                "request fields=id,...",
            )
        elif isinstance(media_id, bool) or not isinstance(media_id, str | int):
            self._error(
                (*path, "id"),
                ExportErrorCode.WRONG_JSON_TYPE,
                f"expected the id as a string, found {json_kind(media_id)}",
            )
        when = None
        if "timestamp" not in item:
            self._error(
                path,
                ExportErrorCode.MISSING_VALUE,
                "this media has no `timestamp`",
                "request fields=id,timestamp,...",
            )
        else:
            try:
                when = parse_iso_time(item["timestamp"], self.options.zone)
            except ValueProblemError as problem:
                self._error((*path, "timestamp"), problem.code, problem.message, problem.hint)
        kind = self._format(path, item)
        counts = self._insights(path, item)
        account = self._account(path, item)
        if len(self.report.errors) > before or when is None or kind is None:
            return None
        assert media_id is not None
        reach, derived = counts.get("reach"), False
        views = counts.get("views")
        if reach is None and views is not None and self.options.views_per_reach:
            reach, derived = views / self.options.views_per_reach, True
        post = PublishedPost(
            id=str(media_id),
            format=kind,
            published_at=when,
            account_id=account[0],
            account_username=account[1],
            reach=reach,
            views=views,
            likes=counts.get("likes"),
            comments=counts.get("comments"),
            saves=counts.get("saves"),
            shares=counts.get("shares"),
            follows=counts.get("follows"),
            profile_visits=counts.get("profile_visits"),
            reach_from_views=derived,
            source_file=self.name,
        )
        return Candidate(
            post,
            id_place=(self.locator, (*path, "id")),
            time_place=(self.locator, (*path, "timestamp")),
            account_place=(self.locator, path),
            record_place=(self.locator, path),
        )

    def _format(self, path: JsonPath, item: dict[str, object]) -> Format | None:
        product = item.get("media_product_type")
        media_type = item.get("media_type")
        if isinstance(product, str) and product in PRODUCT_TYPES:
            return PRODUCT_TYPES[product]
        if product not in (None, "FEED"):
            self._error(
                (*path, "media_product_type"),
                ExportErrorCode.UNKNOWN_POST_TYPE,
                f"media_product_type `{product}` is not FEED, REELS or STORY",
                "ads and other products are not organic posts; leave them out",
            )
            return None
        if media_type is None:
            self._error(
                path,
                ExportErrorCode.MISSING_VALUE,
                "this media has neither `media_type` nor `media_product_type`",
                "request fields=media_type,media_product_type,...",
            )
            return None
        if not isinstance(media_type, str) or media_type not in MEDIA_TYPES:
            self._error(
                (*path, "media_type"),
                ExportErrorCode.UNKNOWN_POST_TYPE,
                f"media_type `{media_type}` is not IMAGE, VIDEO or CAROUSEL_ALBUM",
            )
            return None
        if media_type == "VIDEO" and product is None:
            self.report.warn(
                WarningCode.FORMAT_GUESSED,
                "a VIDEO without media_product_type is read as a feed video, not a reel",
                (self.locator, (*path, "media_type")),
                hint="request media_product_type to tell reels from feed videos",
            )
        return MEDIA_TYPES[media_type]

    def _insights(self, path: JsonPath, item: dict[str, object]) -> dict[str, float | None]:
        counts: dict[str, float | None] = {}
        ranks: dict[str, int] = {}
        order = list(GRAPH_METRICS)
        insights = item.get("insights")
        entries: list[object] = []
        where: JsonPath = (*path, "insights", "data")
        if isinstance(insights, dict) and isinstance(insights.get("data"), list):
            entries = insights["data"]
        elif isinstance(insights, list):  # some clients store the data list alone
            entries, where = insights, (*path, "insights")
        elif insights is not None:
            self._error(
                (*path, "insights"),
                ExportErrorCode.WRONG_JSON_TYPE,
                f"expected insights as an object with `data`, found {json_kind(insights)}",
            )
        for index, entry in enumerate(entries):
            entry_path = (*where, index)
            if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
                self._error(
                    entry_path,
                    ExportErrorCode.WRONG_JSON_TYPE,
                    "expected an insight object with a `name`",
                )
                continue
            metric = entry["name"]
            name = GRAPH_METRICS.get(metric)
            if name is None:
                self.ignored[f"insights.{metric}"] = None
                continue
            self.had_reach = self.had_reach or name == "reach"
            self.had_views = self.had_views or name == "views"
            value, value_path = _insight_value(entry, entry_path)
            try:
                count = check_count(value)
            except ValueProblemError as problem:
                self._error(value_path, problem.code, problem.message, problem.hint)
                continue
            rank = order.index(metric)
            if name in ranks and ranks[name] <= rank:
                self.ignored[f"insights.{metric}"] = None
                continue
            counts[name], ranks[name] = count, rank
        for key, name in FALLBACK_FIELDS.items():
            if counts.get(name) is None and key in item:
                try:
                    counts[name] = check_count(item[key])
                except ValueProblemError as problem:
                    self._error((*path, key), problem.code, problem.message, problem.hint)
        return {name: counts.get(name) for name in COUNT_FIELDS}

    def _account(self, path: JsonPath, item: dict[str, object]) -> tuple[str | None, str | None]:
        owner = item.get("owner")
        owner_id = owner.get("id") if isinstance(owner, dict) else None
        account_id = str(owner_id) if isinstance(owner_id, str | int) else None
        username = item.get("username")
        name = username.lstrip("@") if isinstance(username, str) and username else None
        self.accounts.see(account_id, name, (self.locator, path))
        return account_id, name


def _insight_value(entry: dict[str, object], path: JsonPath) -> tuple[object, JsonPath]:
    """An insight's lifetime value and its path: ``values[0].value`` or ``total_value.value``."""
    values = entry.get("values")
    if isinstance(values, list) and values and isinstance(values[0], dict):
        return values[0].get("value"), (*path, "values", 0, "value")
    total = entry.get("total_value")
    if isinstance(total, dict):
        return total.get("value"), (*path, "total_value", "value")
    return None, path
