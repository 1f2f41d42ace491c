"""Checks composed nodes against the declarations of :mod:`igalgo.inputs.formats` and builds
domain values.

Works on igalgo's own nodes (:mod:`igalgo.inputs.nodes`), never on yaml's:
:mod:`igalgo.inputs.loader` composes the nodes and calls :func:`check_account` or
:func:`check_drafts`. Every field is checked and every problem collected, with its location
and path, before :class:`~igalgo.errors.InputError` is raised.

The nodes carry the tags of PyYAML's YAML 1.1 resolver, and their traps are explained rather
than silently accepted: unquoted ``19:30`` is the base-60 integer 1170, ``no``/``on``/``yes``/
``off`` are booleans, ``1e3`` is text, ``0700`` is octal.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, time
from enum import StrEnum
from pathlib import Path
from typing import Any, Final, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from igalgo.domain import (
    WEEKDAYS,
    Account,
    Draft,
    DraftsFile,
    FollowerActivity,
    Format,
    Interaction,
    Market,
    Posting,
)
from igalgo.errors import InputError, Location, Problem
from igalgo.inputs.formats import (
    CLOCK_TIME_PATTERN,
    DATETIME_PATTERN,
    DRAFT,
    DRAFTS_FILE,
    HASHTAG_PATTERN,
    PROFILE,
    ErrorCode,
    Field,
    Kind,
    Shape,
)
from igalgo.inputs.nodes import (
    BOOL_TAG,
    FLOAT_TAG,
    INT_TAG,
    MERGE_TAG,
    NULL_TAG,
    STR_TAG,
    TAG_PREFIX,
    TIMESTAMP_TAG,
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
)
from igalgo.inputs.sources import STDIN, path_exists, shipped_hint, shipped_profiles

__all__ = ["check_account", "check_drafts", "shown"]

_TEXT_KINDS: Final = frozenset(
    {Kind.TEXT, Kind.CHOICE, Kind.CLOCK_TIME, Kind.TIMEZONE, Kind.HASHTAG, Kind.DATETIME}
)

AccountLoader = Callable[[str], Account]
"""Loads the account a drafts file names (a path, ``-`` or a shipped profile name)."""


def check_account(root: Node, name: str) -> Account:
    """Check a profile document from the file ``name`` (used in messages); build its Account."""
    return _Checker(name, None).account_file(root)


def check_drafts(
    root: Node, name: str, base_dir: Path, override: str | None, load_account: AccountLoader
) -> DraftsFile:
    """Check a drafts document from the file ``name`` and build it, with its account resolved.

    A relative account path in the file is relative to ``base_dir``; ``override`` (path, ``-``
    or shipped name) replaces the file's ``account:``. ``load_account`` loads a referenced
    profile; its problems join this file's.
    """
    return _Checker(name, load_account).drafts_file(root, base_dir, override)


_LARGEST: Final = 10**15
"""Integers beyond this are refused before any arithmetic (no field needs more)."""

_INVALID: Final = object()
"""Returned by a field check whose problem has been recorded; never reaches the domain."""


def _days(**values: float) -> tuple[float, ...]:
    return tuple(values[day] for day in WEEKDAYS)


_BUILDERS: Final[dict[str, Any]] = {
    "market": Market,
    "posting": Posting,
    "follower_activity": FollowerActivity,
    "interaction": Interaction,
    "days": _days,
}
"""Which domain value each nested mapping of the profile declaration builds, by title."""


@dataclasses.dataclass
class _Mapped:
    """A checked mapping: its valid values and the nodes of its keys, by name."""

    values: dict[str, Any]
    keys: dict[str, ScalarNode]


class _Checker:
    """Checks the nodes of one file against the declarations and collects every problem."""

    def __init__(self, name: str, load_account: AccountLoader | None) -> None:
        self.name = name
        self.load_account = load_account
        """How a drafts file's account is loaded; None while a profile is checked."""
        self.problems: list[Problem] = []
        self.zone: ZoneInfo | None = None
        """The account's zone while drafts are checked; None when the account is unusable."""

    # reporting

    def report(
        self,
        code: ErrorCode,
        node: Node,
        path: str,
        message: str,
        hint: str | None = None,
    ) -> object:
        """Record a problem at ``node`` and return the invalid marker."""
        where = Location(self.name, node.line, node.column)
        self.problems.append(Problem(code, message, where, path, hint))
        return _INVALID

    def fail_if_problems(self) -> None:
        """Raise everything collected so far, each file's problems in line order."""
        if self.problems:
            files: dict[str, int] = {}
            for found in self.problems:
                files.setdefault(found.location.file if found.location else "", len(files))

            def order(found: Problem) -> tuple[int, int, int]:
                where = found.location
                if where is None:
                    return (files[""], 0, 0)
                return (files[where.file], where.line, where.column)

            raise InputError(sorted(self.problems, key=order))

    # whole files

    def account_file(self, root: Node) -> Account:
        """Check a profile document and build its Account."""
        account = self.profile(root, "")
        self.fail_if_problems()
        assert isinstance(account, Account)  # no problems means a valid account was built
        return account

    def drafts_file(self, root: Node, base_dir: Path, override: str | None) -> DraftsFile:
        """Check a drafts document (resolving its account) and build the DraftsFile."""
        if not isinstance(root, MappingNode):
            self.report(
                ErrorCode.WRONG_TYPE,
                root,
                "",
                f"a drafts file is a mapping with `account` and `drafts`, got {_describe(root)}",
            )
            self.fail_if_problems()
        assert isinstance(root, MappingNode)
        skip = frozenset({"account"}) if override is not None else frozenset()
        entries = self.keys(root, DRAFTS_FILE, "", skip)
        account: object = _INVALID
        if override is not None:
            account = self.external_account(override, None, None, "")
        elif "account" in entries:
            account = self.account_reference(entries["account"][1], base_dir)
        else:
            self.report(
                ErrorCode.MISSING_KEY,
                root,
                "",
                "missing required key `account`",
                "add `account: NAME` (a shipped profile, see `igalgo profiles`) or a path, "
                "or pass --account",
            )
        if isinstance(account, Account):
            self.zone = _zone_or_none(account.timezone)
        drafts: object = _INVALID
        if "drafts" in entries:
            drafts = self.draft_list(entries["drafts"][1])
        else:
            self.report(
                ErrorCode.MISSING_KEY,
                root,
                "",
                "missing required key `drafts`",
                "add `drafts:` with a list of drafts",
            )
        self.fail_if_problems()
        assert isinstance(account, Account) and isinstance(drafts, tuple)
        return DraftsFile(source=self.name, account=account, drafts=drafts)

    # accounts

    def profile(self, node: Node, path: str) -> object:
        """Check a profile mapping (top level or inline) and build an Account."""
        if not isinstance(node, MappingNode):
            what = "an account profile" if not path else "an inline account"
            return self.report(
                ErrorCode.WRONG_TYPE,
                node,
                path,
                f"{what} is a mapping of `key: value` lines, got {_describe(node)}",
                "start with `name: ...` and `followers: ...`; see `igalgo schema profile`",
            )
        mapped = self.mapping(node, PROFILE, path)
        if mapped is None or len(mapped.values) < len(mapped.keys):
            return _INVALID
        if "name" not in mapped.values or "followers" not in mapped.values:
            return _INVALID
        return Account(**mapped.values)

    def account_reference(self, node: Node, base_dir: Path) -> object:
        """The drafts file's `account`: a shipped name, a relative path, or an inline profile."""
        if isinstance(node, MappingNode):
            return self.profile(node, "account")
        declared = DRAFTS_FILE.field("account")
        assert declared is not None
        text = self.text(node, declared, "account")
        if not isinstance(text, str):
            return _INVALID
        return self.external_account(text, base_dir, node, "account")

    def external_account(
        self, reference: str, base_dir: Path | None, node: Node | None, path: str
    ) -> object:
        """Load an account from a file or shipped name; its problems join this file's."""
        candidate = Path(reference) if base_dir is None else base_dir / reference
        if reference == STDIN or path_exists(candidate):
            source = reference if reference == STDIN else str(candidate)
        elif reference in shipped_profiles():
            source = str(shipped_profiles()[reference])
        elif node is not None:
            return self.report(
                ErrorCode.UNKNOWN_ACCOUNT,
                node,
                path,
                f"no profile file {shown(str(candidate))} and no shipped profile named "
                f"{_quoted(reference)}",
                shipped_hint(reference),
            )
        else:
            source = reference  # from the command line: read_source says what is wrong
        assert self.load_account is not None  # only drafts files refer to accounts
        try:
            return self.load_account(source)
        except InputError as error:
            for found in error.problems:
                if found.location is None and node is not None:  # a missing file, a directory
                    where = Location(self.name, node.line, node.column)
                    found = dataclasses.replace(found, location=where, path=path)
                self.problems.append(found)
            return _INVALID

    # drafts

    def draft_list(self, node: Node) -> object:
        """Check the `drafts` list, every draft and the uniqueness of ids."""
        declared = DRAFTS_FILE.field("drafts")
        assert declared is not None and declared.items is not None
        if not isinstance(node, SequenceNode):
            return self.report(
                ErrorCode.WRONG_TYPE,
                node,
                "drafts",
                f"expected a list of drafts, got {_describe(node)}",
                "start each draft with `- id: ...` on its own line under `drafts:`",
            )
        if len(node.items) < declared.min_items:
            return self.report(
                ErrorCode.WRONG_LENGTH,
                node,
                "drafts",
                "the list of drafts is empty",
                "add at least one draft",
            )
        drafts: list[Draft] = []
        first_ids: dict[str, int] = {}
        valid = True
        for index, item in enumerate(node.items):
            path = f"drafts[{index}]"
            draft = self.draft(item, path)
            if isinstance(draft, Draft):
                drafts.append(draft)
            else:
                valid = False
            id_node = _find_value(item, "id")
            if not isinstance(id_node, ScalarNode) or id_node.tag != STR_TAG:
                continue  # a missing or mistyped id is reported by draft()
            draft_id = id_node.text
            if draft_id in first_ids:
                self.report(
                    ErrorCode.DUPLICATE_ID,
                    id_node,
                    f"{path}.id",
                    f"duplicate id {draft_id!r} (first used by drafts[{first_ids[draft_id]}])",
                    "give every draft its own id",
                )
                valid = False
            else:
                first_ids[draft_id] = index
        return tuple(drafts) if valid else _INVALID

    def draft(self, node: Node, path: str) -> object:
        """Check one draft: its fields, then the rules that depend on its format."""
        if not isinstance(node, MappingNode):
            return self.report(
                ErrorCode.WRONG_TYPE,
                node,
                path,
                f"a draft is a mapping of `key: value` lines, got {_describe(node)}",
            )
        mapped = self.mapping(node, DRAFT, path)
        if mapped is None:
            return _INVALID
        fmt = mapped.values.get("format")
        ok = len(mapped.values) == len(mapped.keys)
        if isinstance(fmt, Format):
            ok = self.format_rules(node, mapped, fmt, path) and ok
        if not ok or not all(f.name in mapped.values for f in DRAFT.fields if f.required):
            return _INVALID
        return Draft(**mapped.values)

    def format_rules(self, node: MappingNode, mapped: _Mapped, fmt: Format, path: str) -> bool:
        """Fields allowed, required and limited per format; False when any is broken."""
        ok = True
        for declared in DRAFT.fields:
            name = declared.name
            if declared.formats is not None and fmt not in declared.formats and name in mapped.keys:
                allowed = ", ".join(sorted(declared.formats))
                self.report(
                    ErrorCode.NOT_ALLOWED,
                    mapped.keys[name],
                    f"{path}.{name}",
                    f"`{name}` does not apply to a {fmt}",
                    f"`{name}` is only for: {allowed}; remove it or change the format",
                )
                ok = False
            if fmt in declared.required_for and name not in mapped.keys:
                self.report(
                    ErrorCode.MISSING_KEY,
                    node,
                    path,
                    f"a {fmt} needs `{name}`",
                    f"add `{name}:` ({declared.description})",
                )
                ok = False
            value = mapped.values.get(name)
            limit = declared.maximum_for(fmt) if declared.maximum_for else None
            if limit is not None and isinstance(value, float | int) and value > limit:
                self.report(
                    ErrorCode.OUT_OF_RANGE,
                    _find_value(node, name) or node,
                    f"{path}.{name}",
                    f"a {fmt} is at most {_show(limit)} s long on Instagram, got {_show(value)}",
                    "shorten it, or choose a format that allows it",
                )
                ok = False
        return ok

    # mappings

    def keys(
        self, node: MappingNode, shape: Shape, path: str, skip: frozenset[str] = frozenset()
    ) -> dict[str, tuple[ScalarNode, Node]]:
        """The known keys of ``node`` with their value nodes; key problems are recorded."""
        entries: dict[str, tuple[ScalarNode, Node]] = {}
        for key, value in node.pairs:
            if not isinstance(key, ScalarNode) or key.tag == MERGE_TAG:
                what = (
                    "merge keys (<<)"
                    if isinstance(key, ScalarNode)
                    else "keys that are collections"
                )
                self.report(
                    ErrorCode.UNSUPPORTED_YAML,
                    key,
                    path,
                    f"igalgo does not accept {what}",
                    "write each key out as a plain name",
                )
                continue
            name = key.text
            where = _join(path, shown(name))
            if name in entries:
                first_line = entries[name][0].line
                self.report(
                    ErrorCode.DUPLICATE_KEY,
                    key,
                    where,
                    f"duplicate key `{shown(name)}` (first at line {first_line})",
                    "YAML would silently keep only one of them; remove or rename one",
                )
                continue
            if shape.field(name) is None:
                self.report(
                    ErrorCode.UNKNOWN_KEY,
                    key,
                    where,
                    f"unknown key `{shown(name)}`",
                    _unknown_key_hint(name, shape),
                )
                continue
            entries[name] = (key, value)
        for name in skip:
            entries.pop(name, None)
        return entries

    def mapping(self, node: MappingNode, shape: Shape, path: str) -> _Mapped | None:
        """Check every key of ``node`` against ``shape``; None when required keys are missing."""
        entries = self.keys(node, shape, path)
        mapped = _Mapped(values={}, keys={})
        for name, (key, value_node) in entries.items():
            declared = shape.field(name)
            assert declared is not None  # keys() drops unknown keys
            mapped.keys[name] = key
            value = self.value(value_node, declared, _join(path, name))
            if value is not _INVALID:
                mapped.values[name] = value
        missing = [f.name for f in shape.fields if f.required and f.name not in entries]
        for name in missing:
            declared = shape.field(name)
            assert declared is not None
            self.report(
                ErrorCode.MISSING_KEY,
                node,
                path,
                f"missing required key `{name}`",
                f"add `{name}:` ({declared.description})",
            )
        return None if missing else mapped

    # values

    def value(self, node: Node, declared: Field, path: str) -> object:
        """Check one value against its declaration; the checked Python value or _INVALID."""
        kind = declared.kind
        if kind in _TEXT_KINDS:
            return self.text_kind(node, declared, path)
        if kind in (Kind.INTEGER, Kind.NUMBER):
            return self.number(node, declared, path)
        if kind is Kind.BOOLEAN:
            if isinstance(node, ScalarNode) and node.tag == BOOL_TAG:
                value = _scalar(node)  # None for other text under an explicit !!bool
                if isinstance(value, bool):
                    return value
            return self.wrong_type(node, declared, path)
        if kind is Kind.LIST:
            return self.sequence(node, declared, path)
        if kind is Kind.MAPPING:
            return self.nested(node, declared, path)
        raise AssertionError(f"{kind} is handled by its owner")  # Kind.ACCOUNT: drafts_file

    def nested(self, node: Node, declared: Field, path: str) -> object:
        """A nested mapping (market, posting, ...) built into its domain value."""
        assert declared.shape is not None
        if not isinstance(node, MappingNode):
            return self.wrong_type(node, declared, path)
        mapped = self.mapping(node, declared.shape, path)
        if mapped is None or len(mapped.values) < len(mapped.keys):
            return _INVALID
        if declared.needs_positive and not any(v > 0 for v in mapped.values.values()):
            return self.report(
                ErrorCode.ALL_ZERO,
                node,
                path,
                "all values are zero",
                "they are relative: give the busiest entry 1.0 and the others in proportion",
            )
        return _BUILDERS[declared.shape.title](**mapped.values)

    def sequence(self, node: Node, declared: Field, path: str) -> object:
        """A list: its length, then every item."""
        assert declared.items is not None
        if not isinstance(node, SequenceNode):
            return self.wrong_type(node, declared, path)
        count = len(node.items)
        low, high = declared.min_items, declared.max_items
        length_ok = low <= count and (high is None or count <= high)
        if not length_ok:
            if low == high:
                wanted = f"exactly {low}"
            elif high is not None and count > high:
                wanted = f"at most {high}"
            else:
                wanted = f"at least {low}"
            self.report(
                ErrorCode.WRONG_LENGTH,
                node,
                path,
                f"expected {wanted} values, got {count}",
                _length_hint(declared),
            )
        items = [
            self.value(item, declared.items, f"{path}[{index}]")
            for index, item in enumerate(node.items)
        ]
        if not length_ok or any(item is _INVALID for item in items):
            return _INVALID
        if declared.needs_positive and not any(isinstance(v, float | int) and v > 0 for v in items):
            return self.report(
                ErrorCode.ALL_ZERO,
                node,
                path,
                "all values are zero",
                "they are relative: give the busiest entry 1.0 and the others in proportion",
            )
        return tuple(items)

    def text(self, node: Node, declared: Field, path: str) -> object:
        """A YAML string (not a number, boolean, date or null that happens to look like one)."""
        if not isinstance(node, ScalarNode) or node.tag != STR_TAG:
            return self.wrong_type(node, declared, path)
        value = node.text
        if not value.strip() and declared.default != "":
            return self.report(
                ErrorCode.EMPTY_VALUE,
                node,
                path,
                "the value is empty",
                "write a value, or remove the key if it is optional",
            )
        if declared.max_length is not None and len(value) > declared.max_length:
            return self.report(
                ErrorCode.TOO_LONG,
                node,
                path,
                f"{len(value)} characters, at most {declared.max_length} allowed",
                "shorten it",
            )
        return value

    def text_kind(self, node: Node, declared: Field, path: str) -> object:
        """Text, then what the kind makes of it (choice, clock time, zone, date, hashtag)."""
        kind = declared.kind
        if kind is Kind.DATETIME and isinstance(node, ScalarNode) and node.tag == TIMESTAMP_TAG:
            return self.datetime(node, node.text, path)  # read as written, not as UTC
        value = self.text(node, declared, path)
        if not isinstance(value, str):
            return value
        if kind is Kind.CHOICE:
            assert declared.choices is not None
            return self.choice(node, value, declared.choices, path)
        if kind is Kind.CLOCK_TIME:
            if not re.fullmatch(CLOCK_TIME_PATTERN, value):
                return self.report(
                    ErrorCode.INVALID_TIME,
                    node,
                    path,
                    f'expected a local time "HH:MM", got {_quoted(value)}',
                    'write two-digit hours and minutes, 00:00 to 23:59, e.g. "08:30"',
                )
            return time(int(value[:2]), int(value[3:]))
        if kind is Kind.TIMEZONE:
            if _zone_or_none(value) is None:
                close = _close_matches(value, sorted(available_timezones()), n=1)
                hint = f"did you mean {close[0]}?" if close else "use an IANA name"
                return self.report(
                    ErrorCode.INVALID_TIMEZONE,
                    node,
                    path,
                    f"unknown time zone {_quoted(value)}",
                    hint + " (like Europe/Amsterdam or America/New_York)",
                )
            return value
        if kind is Kind.DATETIME:
            return self.datetime(node, value, path)
        if kind is Kind.HASHTAG:
            if not re.fullmatch(HASHTAG_PATTERN, value):
                return self.report(
                    ErrorCode.INVALID_HASHTAG,
                    node,
                    path,
                    f"{_quoted(value)} is not one hashtag",
                    "write each hashtag as its own list item, without spaces",
                )
            return value.removeprefix("#")
        return value

    def choice(self, node: Node, value: str, choices: type[StrEnum], path: str) -> object:
        """One of an enum's values, with a did-you-mean."""
        allowed = [member.value for member in choices]
        if value in allowed:
            return choices(value)
        close = _close_matches(value.lower(), allowed, n=1, cutoff=0.5)
        hint = f"did you mean {close[0]!r}? " if close else ""
        return self.report(
            ErrorCode.UNKNOWN_VALUE,
            node,
            path,
            f"unknown value {_quoted(value)}",
            f"{hint}allowed: {', '.join(allowed)}",
        )

    def datetime(self, node: Node, value: str, path: str) -> object:
        """publish_at: local time in the account's zone, or ISO 8601 with an offset."""
        raw = value.strip()
        parsed: datetime | None = None
        reason = ""
        if re.fullmatch(DATETIME_PATTERN, raw):
            try:
                parsed = datetime.fromisoformat(raw)
            except ValueError as error:
                reason = f" ({error})"
        if parsed is None:
            date_only = re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", raw) is not None
            return self.report(
                ErrorCode.INVALID_DATETIME,
                node,
                path,
                f'expected "YYYY-MM-DD HH:MM" or ISO 8601 with an offset, '
                f"got {_quoted(raw)}{reason}",
                "add the local time: " + f'"{raw} 19:30"'
                if date_only
                else 'e.g. "2026-12-01 19:30" (local) or "2026-12-01T19:30:00+01:00"',
            )
        zone = self.zone
        if parsed.tzinfo is not None:
            return parsed.astimezone(zone) if zone is not None else parsed
        if zone is None:  # the account has a problem of its own; check the rest anyway
            return parsed.replace(tzinfo=UTC)
        local = parsed.replace(tzinfo=zone, fold=0)  # ambiguous (autumn) times: the first one
        on_clock = local.astimezone(UTC).astimezone(zone)
        if on_clock.replace(tzinfo=None) != parsed:
            return self.report(
                ErrorCode.NONEXISTENT_TIME,
                node,
                path,
                f"{shown(raw)} does not exist in {zone.key}: clocks jump forward then",
                f'use the time the clocks show, "{on_clock:%Y-%m-%d %H:%M}", or give an offset',
            )
        return local

    def number(self, node: Node, declared: Field, path: str) -> object:
        """An integer or a number: YAML 1.1 resolution, its traps, finiteness and range."""
        if not isinstance(node, ScalarNode) or node.tag not in (INT_TAG, FLOAT_TAG):
            return self.wrong_type(node, declared, path)
        raw = node.text
        value = _scalar(node)
        if value is None or isinstance(value, bool) or not isinstance(value, int | float):
            return self.wrong_type(node, declared, path)  # an explicit tag on other text
        if node.tag == INT_TAG and (":" in raw or re.fullmatch(r"[-+]?0[0-7_]+", raw)):
            what = "base-60" if ":" in raw else "octal"
            return self.report(
                ErrorCode.AMBIGUOUS_NUMBER,
                node,
                path,
                f"YAML 1.1 reads {shown(raw)} as the {what} number {shown(value)}",
                "write the plain decimal number you mean"
                + (" without the leading zero" if what == "octal" else ""),
            )
        if isinstance(value, int) and abs(value) > _LARGEST:
            return self.report(ErrorCode.OUT_OF_RANGE, node, path, f"{shown(raw)} is far too large")
        if not math.isfinite(value):
            return self.report(
                ErrorCode.OUT_OF_RANGE,
                node,
                path,
                f"{shown(raw)} is not a finite number",
                "write an ordinary number",
            )
        if declared.kind is Kind.INTEGER:
            if not float(value).is_integer():
                return self.report(
                    ErrorCode.WRONG_TYPE,
                    node,
                    path,
                    f"expected a whole number, got {shown(raw)}",
                    "drop the fraction",
                )
            value = int(value)
        else:
            value = float(value)
        return self.check_range(node, declared, path, value)

    def check_range(self, node: Node, declared: Field, path: str, value: float) -> object:
        """Report a number outside the declared minimum and maximum."""
        low, high = declared.minimum, declared.maximum
        if (low is not None and value < low) or (high is not None and value > high):
            if low is not None and high is not None:
                wanted = f"between {_show(low)} and {_show(high)}"
            elif low is not None:
                wanted = f"at least {_show(low)}"
            else:
                wanted = f"at most {_show(high or 0)}"
            hint = None
            if high == 1 and 1 < value <= 100:
                hint = f"a rate is a fraction: {value:g}% is {value / 100:g}"
            return self.report(
                ErrorCode.OUT_OF_RANGE, node, path, f"must be {wanted}, got {_show(value)}", hint
            )
        return value

    def wrong_type(self, node: Node, declared: Field, path: str) -> object:
        """Report a value of the wrong type, explaining YAML 1.1's surprises."""
        expected = _EXPECTED[declared.kind]
        code = _TYPE_CODES.get(declared.kind, ErrorCode.WRONG_TYPE)
        return self.report(
            code,
            node,
            path,
            f"expected {expected}, got {_describe(node)}",
            _type_hint(node, declared),
        )


_TYPE_CODES: Final = {
    Kind.CLOCK_TIME: ErrorCode.INVALID_TIME,
    Kind.DATETIME: ErrorCode.INVALID_DATETIME,
}
"""Times of the wrong type (typically unquoted 19:30, an integer) get the time's own code."""

_EXPECTED: Final = {
    Kind.TEXT: "text",
    Kind.CHOICE: "one of the listed words",
    Kind.CLOCK_TIME: 'a quoted time "HH:MM"',
    Kind.TIMEZONE: "a time-zone name",
    Kind.HASHTAG: "a hashtag",
    Kind.DATETIME: 'a quoted date and time "YYYY-MM-DD HH:MM"',
    Kind.INTEGER: "a whole number",
    Kind.NUMBER: "a number",
    Kind.BOOLEAN: "true or false",
    Kind.LIST: "a list",
    Kind.MAPPING: "a mapping of `key: value` lines",
    Kind.ACCOUNT: "a profile name, a path or a mapping",
}


def _scalar(node: ScalarNode) -> object:
    """The YAML 1.1 value of an int, float or bool scalar, as ``yaml.safe_load`` reads it.

    None when the text cannot be read as that type: an explicit tag on other text
    (``!!bool maybe``) or an integer longer than Python converts (4300 digits).
    """
    try:
        if node.tag == INT_TAG:
            return _yaml11_int(node.text)
        if node.tag == FLOAT_TAG:
            return _yaml11_float(node.text)
        if node.tag == BOOL_TAG:
            return _yaml11_bool(node.text)
    except (ValueError, OverflowError, KeyError, IndexError):
        return None
    return node.text


# The three readers below are PyYAML's SafeConstructor.construct_yaml_int, _float and _bool
# (PyYAML 6), rule for rule, so that checking needs no yaml import; they raise what those
# raise on text that an explicit tag forced on them. tests/test_checks.py holds them to
# PyYAML's answers.

_YAML11_BOOLS: Final = {
    "yes": True,
    "no": False,
    "true": True,
    "false": False,
    "on": True,
    "off": False,
}


def _yaml11_bool(text: str) -> bool:
    """A YAML 1.1 boolean (KeyError when ``text`` is none)."""
    return _YAML11_BOOLS[text.lower()]


def _yaml11_int(text: str) -> int:
    """A YAML 1.1 integer: decimal, 0b binary, 0x hex, 0 octal or base-60 with colons."""
    value = text.replace("_", "")
    sign = +1
    if value[0] == "-":
        sign = -1
    if value[0] in "+-":
        value = value[1:]
    if value == "0":
        return 0
    if value.startswith("0b"):
        return sign * int(value[2:], 2)
    if value.startswith("0x"):
        return sign * int(value[2:], 16)
    if value[0] == "0":
        return sign * int(value, 8)
    if ":" in value:
        return sign * _sexagesimal([int(part) for part in value.split(":")], 0)
    return sign * int(value)


def _yaml11_float(text: str) -> float:
    """A YAML 1.1 float: .inf, .nan, base-60 with colons or anything float() reads."""
    value = text.replace("_", "").lower()
    sign = +1
    if value[0] == "-":
        sign = -1
    if value[0] in "+-":
        value = value[1:]
    if value == ".inf":
        return sign * math.inf
    if value == ".nan":
        return math.nan
    if ":" in value:
        return sign * _sexagesimal([float(part) for part in value.split(":")], 0.0)
    return sign * float(value)


_Number = TypeVar("_Number", int, float)


def _sexagesimal(digits: list[_Number], zero: _Number) -> _Number:
    """The base-60 number of YAML 1.1 (``1:30`` is 90), summed as PyYAML does."""
    total = zero
    base = 1
    for digit in reversed(digits):
        total += digit * base
        base *= 60
    return total


def shown(value: object, limit: int = 40) -> str:
    """A value as one short line for messages: control characters escaped, long text cut."""
    try:
        text = str(value)
    except ValueError:  # an integer too long to print
        return "a very long number"
    text = "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _quoted(text: str) -> str:
    """A user's text in quotes for messages, shortened to one line."""
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _describe(node: Node) -> str:
    """How a value reads to YAML 1.1, for messages: ``integer 1170``, ``text 'abc'``."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    raw = node.text
    raw_shown = shown(raw)
    tag = node.tag
    value = _scalar(node)
    if tag == NULL_TAG:
        return "an empty value (null)"
    if tag in (BOOL_TAG, INT_TAG, FLOAT_TAG) and value is None:
        return f"{raw_shown!r} tagged {tag.removeprefix(TAG_PREFIX)} but not readable as one"
    if tag == BOOL_TAG:
        return f"boolean {str(value).lower()} (from {raw_shown})"
    if tag == INT_TAG:
        text = shown(value)
        return f"integer {text}" + (f" (from {raw_shown})" if text != raw else "")
    if tag == FLOAT_TAG:
        return f"number {raw_shown}"
    if tag == TIMESTAMP_TAG:
        return f"date {raw_shown}"
    if tag == STR_TAG:
        return f"text {_quoted(raw)}"
    return f"a value tagged {shown(tag)}"


def _type_hint(node: Node, declared: Field) -> str | None:
    """What to write instead, for the common ways a value ends up with the wrong type."""
    kind = declared.kind
    if isinstance(node, ScalarNode) and node.tag == NULL_TAG:
        return "the value is empty: write one, or remove the key to use its default"
    if kind in _TEXT_KINDS and isinstance(node, ScalarNode):
        raw = node.text
        if node.tag == INT_TAG and ":" in raw:
            return f'unquoted {raw} is a base-60 number in YAML 1.1; quote it: "{raw}"'
        if node.tag == BOOL_TAG:
            return f'unquoted {raw} is a boolean in YAML 1.1; quote it: "{raw}"'
        if node.tag in (INT_TAG, FLOAT_TAG, TIMESTAMP_TAG) and raw.isprintable():
            return f'quote it: "{raw}"'
        return None
    if kind in (Kind.INTEGER, Kind.NUMBER) and isinstance(node, ScalarNode):
        return _number_hint(node)
    if kind is Kind.BOOLEAN:
        return "write true or false"
    if kind is Kind.LIST:
        return f"write a list, e.g. {declared.name or 'key'}: [a, b], or one `- item` per line"
    if kind is Kind.MAPPING:
        return "write `key: value` lines indented under the key"
    return None


def _number_hint(node: ScalarNode) -> str | None:
    raw = node.text.strip()
    if node.tag == BOOL_TAG:
        return "write a number"
    if node.tag != STR_TAG:
        return None
    if node.style in ("'", '"') and _looks_numeric(raw):
        return "remove the quotes: a quoted value is text"
    if re.fullmatch(r"[-+]?[0-9]+(\.[0-9]*)?[eE][-+]?[0-9]+", raw):
        return (
            f"YAML 1.1 reads {raw} as text (a float needs a dot and a signed exponent, "
            f"like 1.0e+3); write {_show(float(raw)).replace(',', '')} out in full"
        )
    if raw.endswith("%") and _looks_numeric(raw[:-1]):
        return f"write a percentage as a fraction: {raw} is {float(raw[:-1]) / 100:g}"
    if re.fullmatch(r"[-+]?[0-9]{1,3}([,. ][0-9]{3})+", raw):
        return "write the digits without thousands separators, e.g. 4200"
    return None


def _show(number: float) -> str:
    """A number for messages: 1,000,000 rather than 1e+06; 0.012 stays 0.012."""
    if float(number).is_integer() and abs(number) < 1e15:
        return f"{int(number):,}"
    return f"{number:g}"


def _looks_numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _length_hint(declared: Field) -> str | None:
    if declared.min_items == declared.max_items == 24:
        return "one value per local hour, 0 to 23"
    if declared.name == "hashtags":
        return "Instagram allows at most that many hashtags; keep the most relevant ones"
    return None


def _unknown_key_hint(name: str, shape: Shape) -> str:
    close = _close_matches(name, shape.names, n=1, cutoff=0.6)
    if close:
        return f"did you mean `{close[0]}`?"
    if name == "drafts" and shape is PROFILE:
        return "this looks like a drafts file; its profile goes under `account:`"
    return "known keys: " + ", ".join(shape.names)


def _find_value(node: Node, name: str) -> Node | None:
    if isinstance(node, MappingNode):
        for key, value in node.pairs:
            if isinstance(key, ScalarNode) and key.text == name:
                found: Node = value
                return found
    return None


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _zone_or_none(name: str) -> ZoneInfo | None:
    """The zone called ``name``, or None when there is no such IANA zone."""
    if not name or name != name.strip():
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # unknown, malformed, a directory
        return None


def _close_matches(
    word: str, candidates: Sequence[str], *, n: int, cutoff: float = 0.6
) -> list[str]:
    """difflib's close matches, imported only when an error needs a suggestion."""
    import difflib

    return difflib.get_close_matches(word, candidates, n=n, cutoff=cutoff)
