"""What the export readers share: the reading's options, the posts read so far, the result."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo

from igalgo.domain import Format, PublishedPost
from igalgo.inputs.exports.codes import ExportErrorCode, Notice
from igalgo.inputs.exports.locating import FileReport, Place
from igalgo.language import Joined, tr


class ExportKind(StrEnum):
    """The kinds of export igalgo reads, told apart by their content."""

    BUSINESS_SUITE_CSV = "business-suite-csv"
    """Meta Business Suite's content export (Insights > Content > Export data), any language."""
    GRAPH_API_JSON = "graph-api-json"
    """Pages of ``GET /{ig-user-id}/media`` with ``insights.metric(...)`` expanded."""
    DYI_JSON = "dyi-json"
    """``past_instagram_insights/posts.json`` or ``reels.json`` of "Download your information"."""


@dataclass(frozen=True)
class Options:
    """How to read: the account's zone, the zone of Business Suite's times, extra column names
    and the views-to-reach ratio."""

    zone: ZoneInfo
    """The account's zone: every time is given in it."""
    columns: Mapping[str, str] | None
    """Field name -> header, for languages the alias table lacks."""
    views_per_reach: float | None
    """Views per unique account, to derive reach from views when an export has no reach."""
    aliases: Mapping[str, str]
    """Normalised header -> field: the alias table with :attr:`columns` on top."""
    local_zone: ZoneInfo | None = None
    """The zone Business Suite's local publish times are written in (US Pacific unless
    ``--timezone`` says otherwise); None: :attr:`zone`."""
    post_types: Mapping[str, Format] | None = None
    """Normalised post-type value -> format, the user's (``--values``), looked up before the
    alias table's."""

    @property
    def export_zone(self) -> ZoneInfo:
        """The zone local publish times are read in."""
        return self.local_zone or self.zone


@dataclass(frozen=True)
class Candidate:
    """A post read from a file, with where its id, time and account are for later checks."""

    post: PublishedPost
    """The post as read (its ``source_line`` is 0 until a JSON reader's records are located)."""
    id_place: Place
    """Where the post's id is, for a duplicate post."""
    time_place: Place
    """Where the publish time is, for a post in the future."""
    account_place: Place
    """Where the account is, for a post of another account."""
    id_generated: bool = False
    """True when the export has no id and igalgo made one (such ids are never duplicates)."""
    record_place: Place = None
    """Where the post's record starts, when :attr:`PublishedPost.source_line` is still 0."""


@dataclass(frozen=True)
class CsvConventions:
    """How a CSV export was written, as read: what the report says of a localised file."""

    delimiter: str
    """``,``, ``;`` or a tab."""
    date_order: str | None
    """How the publish times were read: ``MM/DD/YYYY``, ``DD-MM-YYYY``, ``DD.MM.YYYY``...,
    ``ISO 8601``; None when no publish time was read."""
    decimal_mark: str | None
    """``,`` or ``.`` as seen in a number with a fraction (a duration); None: none seen."""

    def describe(self) -> str:
        """One line for the report: ``semicolons, DD-MM-YYYY dates, decimal comma`` (English,
        and said again in the reader's language by :func:`igalgo.language.localized`)."""
        names = {",": tr("commas"), ";": tr("semicolons"), "\t": tr("tabs")}
        parts: list[str] = [names.get(self.delimiter, repr(self.delimiter))]
        if self.date_order:
            parts.append(tr("{order} dates", order=self.date_order))
        if self.decimal_mark:
            parts.append(tr("decimal comma") if self.decimal_mark == "," else tr("decimal point"))
        return Joined(parts)


@dataclass(frozen=True)
class ExportFile:
    """One export as read: its kind, encoding, how many posts and which columns were unused."""

    name: str
    """The file as named in messages (``<stdin>`` for standard input)."""
    kind: ExportKind
    encoding: str
    """``utf-8``, ``utf-8-sig``, ``utf-16-le`` or ``utf-16-be``."""
    posts: int
    """How many posts the file gave."""
    ignored_columns: tuple[str, ...]
    """Columns (JSON: keys and metric names) the reader does not use, in file order."""
    conventions: CsvConventions | None = None
    """A CSV's delimiter, date order and decimal mark as read; None for JSON."""


@dataclass(frozen=True)
class ExportReading:
    """Every published post of the exports, sorted by publication time, and what was ignored."""

    posts: tuple[PublishedPost, ...]
    files: tuple[ExportFile, ...]
    """The files in the order given."""
    warnings: tuple[Notice, ...]
    """Things worth telling the user that did not stop the reading, in file then line order."""

    @property
    def ignored_columns(self) -> dict[str, tuple[str, ...]]:
        """File name -> the columns it had that were ignored (files without any are absent)."""
        return {file.name: file.ignored_columns for file in self.files if file.ignored_columns}


class AccountTracker:
    """Notices posts of a second account in one file; each new account is reported once.

    Accounts are compared by id when both posts have one, else by username (an account may
    rename itself, so a username change under the same id is no second account).
    """

    def __init__(self, report: FileReport) -> None:
        self.report = report
        self._first: tuple[str | None, str | None] | None = None
        self._reported: set[tuple[str | None, str | None]] = set()

    def see(self, account_id: str | None, username: str | None, place: Place) -> None:
        """Check the account of one post, at ``place``."""
        if account_id is None and username is None:
            return
        key = (account_id, username.casefold() if username else None)
        if self._first is None:
            self._first = key
            return
        if not different(self._first, key) or key in self._reported:
            return
        self._reported.add(key)
        self.report.error(
            ExportErrorCode.MIXED_ACCOUNTS,
            f"this post is of {shown_account(*key)}, the file's first post of "
            f"{shown_account(*self._first)}",
            place,
            hint="export each account to its own file; igalgo calibrates one account",
        )


def different(one: tuple[str | None, str | None], other: tuple[str | None, str | None]) -> bool:
    """Whether two (id, case-folded username) pairs are surely different accounts."""
    if one[0] is not None and other[0] is not None:
        return one[0] != other[0]
    return one[1] is not None and other[1] is not None and one[1] != other[1]


def shown_account(account_id: str | None, username: str | None) -> str:
    """An account as named in messages: ``@name (id 1784...)``."""
    if username and account_id:
        return f"@{username} (id {account_id})"
    return f"@{username}" if username else f"account {account_id}"
