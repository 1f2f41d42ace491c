"""``read_exports``: every export file read, checked together and merged into one history.

Each file's kind is found from its content, never from its name: JSON that is a Graph API media
response or a Download-your-information insights file, else CSV (Business Suite). The checks
that need every file (the same post twice, posts of another account, posts in the future) run
once all files are read; then every problem of every file is raised at once.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Hashable, Mapping, Sequence
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from igalgo.domain import Format
from igalgo.errors import InputError, Location
from igalgo.inputs.exports.aliases import COLUMN_ALIASES, alias_table, closest, normal
from igalgo.inputs.exports.business_suite import read_business_suite
from igalgo.inputs.exports.codes import (
    MAX_JSON_OBJECTS_PER_POST,
    MAX_POSTS,
    VIEWS_PER_REACH_RANGE,
    ExportErrorCode,
)
from igalgo.inputs.exports.decoding import ExportText, read_export
from igalgo.inputs.exports.dyi import dyi_lists, read_dyi
from igalgo.inputs.exports.graph import graph_media, is_media_list, read_graph
from igalgo.inputs.exports.locating import FileReport, JsonLocator, Locator, resolve
from igalgo.inputs.exports.model import (
    Candidate,
    CsvConventions,
    ExportFile,
    ExportKind,
    ExportReading,
    Options,
    different,
    shown_account,
)
from igalgo.inputs.exports.values import json_int
from igalgo.inputs.formats import ErrorCode

OPTIONS_NAME = "<options>"
"""The report name of problems with the reading's options rather than with a file."""


BUSINESS_SUITE_ZONE = "America/Los_Angeles"
"""The zone of Business Suite's `Publish time`: US Pacific (with daylight saving), whatever
the account's zone; checked on two real exports against the times in their permalinks (issue
21: 112 of 112 and 142 of 142 posts)."""


def read_exports(
    paths: Sequence[str],
    *,
    timezone: str,
    export_timezone: str | None = None,
    columns: Mapping[str, str] | None = None,
    post_types: Mapping[str, str] | None = None,
    views_per_reach: float | None = None,
    now: datetime | None = None,
) -> ExportReading:
    """Read the account's exports (paths, or ``-`` for standard input) into one history.

    ``timezone`` is the account's IANA zone, the zone of every returned time.
    ``export_timezone`` is the zone Business Suite's local publish times are in (default
    :data:`BUSINESS_SUITE_ZONE`: Business Suite writes US Pacific time whatever the account's
    zone); Graph API times carry their offsets and Download-your-information times are Unix
    seconds, so neither reads it. ``columns`` maps field names (the keys of
    :data:`~igalgo.inputs.exports.aliases.COLUMN_ALIASES`) to header names for languages the
    alias table lacks. ``post_types`` maps a CSV's post-type values to formats (``{"Reel":
    "reel", "Carrousel": "carousel"}``), looked up before the known ones.
    ``views_per_reach`` derives reach from views where an export has no reach. ``now``
    (default: the current time; a naive one is in ``timezone``) is the time no post may be
    later than.

    Raises :class:`~igalgo.errors.InputError` with every problem of every file.
    """
    options_report = FileReport(OPTIONS_NAME)
    zone = _zone(timezone, options_report)
    local = _zone(export_timezone or BUSINESS_SUITE_ZONE, options_report)
    _check_columns(columns, options_report)
    types = _post_types(post_types, options_report)
    low, high = VIEWS_PER_REACH_RANGE
    if views_per_reach is not None and not low <= views_per_reach <= high:  # NaN too
        options_report.error(
            ExportErrorCode.INVALID_OPTION,
            f"views_per_reach must be a number from {low:g} to {high:g}, not {views_per_reach:g}",
            None,
            hint="views per unique account reached is 1 or more, typically 1.1 to 2",
        )
    if not paths:
        options_report.error(ExportErrorCode.INVALID_OPTION, "no export files given", None)
    if options_report.errors or zone is None or local is None:
        raise InputError(resolve([options_report])[0])
    options = Options(zone, columns, views_per_reach, alias_table(columns), local, types)
    reference = now or datetime.now(UTC)
    if reference.tzinfo is None:
        reference = reference.replace(tzinfo=zone)

    reports: list[FileReport] = []
    files: list[ExportFile] = []
    per_file: list[tuple[FileReport, list[Candidate]]] = []
    total = 0
    for path in paths:
        if total > MAX_POSTS:  # refused already: the other files are not read
            break
        try:
            source = read_export(path)
        except InputError as error:
            report = FileReport(path)
            for problem in error.problems:
                report.error(problem.code, problem.message, problem.location, hint=problem.hint)
            reports.append(report)
            continue
        report = FileReport(source.name)
        kind, candidates, ignored, conventions = _read_one(source, options, report)
        candidates = _with_lines(candidates)
        total += len(candidates)
        if total > MAX_POSTS:
            _too_many(report, Location(source.name, 1, 1), "these exports together have")
        reports.append(report)
        per_file.append((report, candidates))
        if kind is not None:
            files.append(
                ExportFile(
                    source.name, kind, source.encoding, len(candidates), ignored, conventions
                )
            )
    _check_together(per_file, reference)
    problems, notices = resolve(reports)
    if problems:
        raise InputError(problems)
    posts = [candidate.post for _, candidates in per_file for candidate in candidates]
    posts.sort(key=lambda post: (post.published_at, post.id))
    return ExportReading(tuple(posts), tuple(files), tuple(notices))


def _zone(name: str, report: FileReport) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        report.error(
            ErrorCode.INVALID_TIMEZONE,
            f"`{name}` is not an IANA time-zone name",
            None,
            hint="the account's zone as in its profile, e.g. Europe/Madrid or America/New_York",
        )
        return None


def _check_columns(columns: Mapping[str, str] | None, report: FileReport) -> None:
    headers: dict[str, str] = {}
    for name, header in (columns or {}).items():
        if name not in COLUMN_ALIASES:
            near = closest(name, COLUMN_ALIASES)
            report.error(
                ExportErrorCode.INVALID_OPTION,
                f"`{name}` is not a column igalgo reads",
                None,
                hint=f"did you mean `{near}`?" if near else "columns: " + ", ".join(COLUMN_ALIASES),
            )
        elif not normal(header):
            report.error(ExportErrorCode.INVALID_OPTION, f"the header for `{name}` is empty", None)
        elif normal(header) in headers:
            report.error(
                ExportErrorCode.INVALID_OPTION,
                f"`{header}` is given for both `{headers[normal(header)]}` and `{name}`",
                None,
            )
        else:
            headers[normal(header)] = name


def _post_types(
    post_types: Mapping[str, str] | None, report: FileReport
) -> dict[str, Format] | None:
    """The user's post-type values by normalised text; a format that is none is reported."""
    if not post_types:
        return None
    found: dict[str, Format] = {}
    allowed = [fmt.value for fmt in Format]
    for value, name in post_types.items():
        if not normal(value):
            report.error(ExportErrorCode.INVALID_OPTION, "a post-type value is empty", None)
        elif name not in allowed:
            near = closest(str(name), allowed)
            report.error(
                ExportErrorCode.INVALID_OPTION,
                f"`{name}` (for the post type `{value}`) is not a format",
                None,
                hint=(f"did you mean `{near}`? " if near else "")
                + "formats: "
                + ", ".join(allowed),
            )
        else:
            found[normal(value)] = Format(name)
    return found


def _read_one(
    source: ExportText, options: Options, report: FileReport
) -> tuple[ExportKind | None, list[Candidate], tuple[str, ...], CsvConventions | None]:
    """The kind, posts, ignored columns and (for a CSV) conventions of one decoded file."""
    if not source.text.lstrip().startswith(("{", "[")):
        candidates, ignored, conventions = read_business_suite(source, options, report)
        return ExportKind.BUSINESS_SUITE_CSV, candidates, ignored, conventions
    locator = JsonLocator(source.name, source.text)
    if source.text.count("{") > MAX_JSON_OBJECTS_PER_POST * MAX_POSTS:  # before parsing it
        _too_many(report, locator.at(0), "this JSON has objects for")
        return None, [], (), None
    try:
        document = json.loads(source.text, parse_int=json_int)
    except json.JSONDecodeError as error:
        report.error(
            ExportErrorCode.JSON_SYNTAX,
            f"invalid JSON: {error.msg}",
            Location(source.name, error.lineno, error.colno),
            hint="was the file cut short while saving or downloading?",
        )
        return None, [], (), None
    except RecursionError:
        report.error(ExportErrorCode.JSON_SYNTAX, "the JSON is nested too deeply", locator.at(0))
        return None, [], (), None
    media = graph_media(document)
    lists = dyi_lists(document)
    listed = [items for _, items in media or []] + [items for _, items in lists or []]
    if sum(len(items) for items in listed if isinstance(items, list)) > MAX_POSTS:
        _too_many(report, locator.at(0), "this file has")
        return None, [], (), None
    if media is not None and is_media_list(media):
        candidates, ignored = read_graph(media, source.name, options, locator, report)
        return ExportKind.GRAPH_API_JSON, candidates, ignored, None
    if lists:
        candidates, ignored = read_dyi(lists, source.name, options, locator, report)
        return ExportKind.DYI_JSON, candidates, ignored, None
    if lists is not None:
        looks = "a Download-your-information insights file, but not posts.json or reels.json"
    elif media is not None:
        looks = "a Graph API response, but not of media (no item has a timestamp)"
    else:
        looks = "JSON, but neither a Graph API media response nor a DYI insights file"
    report.error(
        ExportErrorCode.NOT_AN_EXPORT,
        f"this is not an export of posts: it is {looks}",
        locator.at(0),
        hint="expected GET /{ig-user-id}/media?fields=id,media_type,media_product_type,"
        "timestamp,insights.metric(...) pages, or past_instagram_insights/posts.json or "
        "reels.json",
    )
    return None, [], (), None


def _too_many(report: FileReport, where: Location, what: str) -> None:
    """The reading's one refusal of a history over :data:`MAX_POSTS` posts."""
    report.error(
        ExportErrorCode.TOO_MANY_POSTS,
        f"{what} more than {MAX_POSTS:,} posts, the most one calibration reads",
        where,
        hint="export the most recent years only (a few hundred posts calibrate well)",
    )


def _with_lines(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates with the source line of each JSON record filled in (one pass a file)."""
    places: dict[int, tuple[Locator, set[Hashable]]] = {}
    for candidate in candidates:
        if isinstance(candidate.record_place, tuple):
            locator, place = candidate.record_place
            places.setdefault(id(locator), (locator, set()))[1].add(place)
    found = {key: locator.locate(wanted) for key, (locator, wanted) in places.items()}
    located: list[Candidate] = []
    for candidate in candidates:
        if isinstance(candidate.record_place, tuple):
            locator, place = candidate.record_place
            post = dataclasses.replace(candidate.post, source_line=found[id(locator)][place].line)
            candidate = dataclasses.replace(candidate, post=post)
        located.append(candidate)
    return located


def _check_together(
    per_file: list[tuple[FileReport, list[Candidate]]], reference: datetime
) -> None:
    """Duplicate posts, posts of another account and posts after ``reference``."""
    seen: dict[str, Candidate] = {}
    first_account: tuple[tuple[str | None, str | None], str] | None = None
    for report, candidates in per_file:
        file_account_checked = False
        for candidate in candidates:
            post = candidate.post
            if not candidate.id_generated:
                earlier = seen.get(post.id)
                if earlier is None:
                    seen[post.id] = candidate
                else:
                    where = f"{earlier.post.source_file}:{earlier.post.source_line}"
                    report.error(
                        ExportErrorCode.DUPLICATE_POST,
                        f"post {post.id} was read already, at {where}",
                        candidate.id_place,
                        hint="give each export once; exports of overlapping date ranges "
                        "repeat posts",
                    )
            if post.published_at > reference:
                published = post.published_at.isoformat(timespec="minutes")
                limit = reference.astimezone(post.published_at.tzinfo)
                report.error(
                    ExportErrorCode.FUTURE_POST,
                    f"the post is published at {published}, after the reading's "
                    f"reference time {limit.isoformat(timespec='minutes')}",
                    candidate.time_place,
                    hint="is the time zone given the account's? a scheduled post is not "
                    "published yet",
                )
            key = (
                post.account_id,
                post.account_username.casefold() if post.account_username else None,
            )
            if key == (None, None) or file_account_checked:
                continue
            file_account_checked = True
            if first_account is None:
                first_account = (key, post.source_file)
            elif different(first_account[0], key):
                report.error(
                    ExportErrorCode.MIXED_ACCOUNTS,
                    f"this file is of {shown_account(*key)}, {first_account[1]} of "
                    f"{shown_account(*first_account[0])}",
                    candidate.account_place,
                    hint="calibrate one account at a time",
                )
