"""YAML in, validated domain objects out: the only module that imports yaml.

The pipeline is bytes -> text -> YAML nodes -> checked values -> :class:`~igalgo.domain.Account`
or :class:`~igalgo.domain.DraftsFile`:

* :func:`read_source` (from :mod:`igalgo.sources`) reads a file or standard input with a size
  limit and a UTF-8 check; shipped profiles are found there too.
* PyYAML's parser and composer (on ``SafeLoader``) turn the text into nodes that carry line
  and column marks. Nothing is ever constructed by PyYAML: no Python objects, no tags.
  Composition is bounded in depth and node count, and aliases are counted as expanded, so an
  alias bomb is refused before anything is built.
* The nodes are checked against the declarations in :mod:`igalgo.formats`, one field at a
  time, and every problem is collected (with its location and path) before
  :class:`~igalgo.errors.InputError` is raised.

Scalars are read with PyYAML's YAML 1.1 resolver, the same rules as ``yaml.safe_load``, and
its traps are explained rather than silently accepted: unquoted ``19:30`` is the base-60
integer 1170, ``no``/``on``/``yes``/``off`` are booleans, ``1e3`` is text, ``0700`` is octal.

Any input, however broken, ends in a return value or an :class:`~igalgo.errors.InputError`.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, time
from enum import StrEnum
from pathlib import Path
from typing import Any, Final, Protocol, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import yaml
from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

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
from igalgo.formats import (
    CLOCK_TIME_PATTERN,
    DATETIME_PATTERN,
    DRAFT,
    DRAFTS_FILE,
    HASHTAG_PATTERN,
    MAX_DEPTH,
    MAX_NODES,
    PROFILE,
    ErrorCode,
    Field,
    Kind,
    Shape,
)
from igalgo.sources import (
    DEMO_DRAFTS,
    EMPTY_HINT,
    STDIN,
    STDIN_NAME,
    path_exists,
    profiles_directory,
    read_source,
    shipped_hint,
    shipped_profiles,
)

__all__ = [
    "DEMO_DRAFTS",
    "STDIN",
    "STDIN_NAME",
    "load_account",
    "load_document",
    "load_drafts",
    "parse_account_text",
    "parse_drafts_text",
    "profiles_directory",
    "read_source",
    "shipped_profiles",
]

_TAG: Final = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP, _MERGE = (
    _TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "merge")
)
_TEXT_KINDS: Final = frozenset(
    {Kind.TEXT, Kind.CHOICE, Kind.CLOCK_TIME, Kind.TIMEZONE, Kind.HASHTAG, Kind.DATETIME}
)
_SCALARS: Final = yaml.constructor.SafeConstructor()
"""Used only for its YAML 1.1 int, float and bool readers on plain scalar nodes."""


class _Position(Protocol):
    """Where a YAML mark points; PyYAML has a Python and a C class for marks."""

    @property
    def line(self) -> int:
        """0-based line."""

    @property
    def column(self) -> int:
        """0-based column."""


class _RefusedError(Exception):
    """Raised inside the loader to abandon a file with one problem; never escapes this module."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


# --- composing ------------------------------------------------------------------------------


_PARSER: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = (
    yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
)
"""Where YAML events come from: libyaml's parser when PyYAML has it, else PyYAML's own.

Both are YAML 1.1 parsers with the safe resolver. Only their events are used: the nodes are
composed by :class:`_Composer` below, because PyYAML's composer is recursive (deep nesting
exhausts Python's stack), has no bound on size, and in pure Python composes only about
20,000 nodes a second, too slow to refuse a hostile 1 MiB file quickly."""


class _Composer:
    """Builds YAML nodes from parser events without recursion, within MAX_DEPTH and MAX_NODES.

    Does what ``yaml.composer.Composer`` does (tags from the YAML 1.1 resolver, anchors,
    aliases to the same node object, marks on every node) and nothing is constructed.
    """

    def __init__(self, text: str, name: str) -> None:
        self.parser: Any = _PARSER(text)
        """Used for get_event, resolve and dispose only; the C and Python classes' stubs
        disagree on mark types, hence Any."""
        self.name = name
        self.anchors: dict[str, Node] = {}
        self.open: list[tuple[Node, list[Node]]] = []
        """Collections being composed, innermost last, with their children so far."""
        self.root: Node | None = None
        self.composed = 0
        self.documents = 0

    def compose(self) -> Node | None:
        """The single document's root node (None for an empty stream)."""
        try:
            while True:
                event: yaml.Event = self.parser.get_event()
                if isinstance(event, yaml.StreamEndEvent):
                    return self.root
                self.take(event)
        finally:
            self.parser.dispose()

    def take(self, event: yaml.Event) -> None:
        """Add one event to the tree."""
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise _RefusedError(
                    _problem(
                        ErrorCode.MULTIPLE_DOCUMENTS,
                        self.name,
                        event.start_mark,
                        "",
                        "a second YAML document starts here",
                        "one file holds one profile or one drafts list; remove the extra `---`",
                    )
                )
        elif isinstance(event, yaml.AliasEvent):
            node = self.anchors.get(str(event.anchor))
            if node is None:
                raise _RefusedError(
                    _problem(
                        ErrorCode.YAML_SYNTAX,
                        self.name,
                        event.start_mark,
                        "",
                        f"alias *{_shown(event.anchor)} refers to no anchor before it",
                        "define `&name` before using `*name`",
                    )
                )
            self.attach(node)
        elif isinstance(event, yaml.ScalarEvent):
            tag = event.tag
            if tag is None or tag == "!":
                tag = self.parser.resolve(ScalarNode, event.value, event.implicit)
            self.count(event)
            scalar = ScalarNode(
                tag, event.value, _mark(event.start_mark), _mark(event.end_mark), event.style
            )
            self.attach(scalar, event.anchor)
        elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            self.start_collection(event)
        elif isinstance(event, yaml.CollectionEndEvent):
            node, children = self.open.pop()
            node.end_mark = _mark(event.end_mark)
            if isinstance(node, MappingNode):
                node.value = list(zip(children[0::2], children[1::2], strict=True))
            else:
                node.value = children

    def start_collection(self, event: yaml.SequenceStartEvent | yaml.MappingStartEvent) -> None:
        """Open a sequence or mapping (refusing it beyond MAX_DEPTH)."""
        if len(self.open) >= MAX_DEPTH:
            raise _RefusedError(
                _problem(
                    ErrorCode.TOO_DEEP,
                    self.name,
                    event.start_mark,
                    "",
                    f"collections are nested more than {MAX_DEPTH} levels deep",
                )
            )
        self.count(event)
        is_mapping = isinstance(event, yaml.MappingStartEvent)
        kind = MappingNode if is_mapping else SequenceNode
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.parser.resolve(kind, None, event.implicit)
        node = kind(tag, [], _mark(event.start_mark), None, event.flow_style)
        self.attach(node, event.anchor)
        self.open.append((node, []))

    def count(self, event: yaml.Event) -> None:
        """Count one more node, refusing documents with more than MAX_NODES."""
        self.composed += 1
        if self.composed > MAX_NODES:
            raise _RefusedError(
                _problem(
                    ErrorCode.TOO_MANY_NODES,
                    self.name,
                    event.start_mark,
                    "",
                    f"the document has more than {MAX_NODES} values",
                    "igalgo's files are small; split the drafts over several files",
                )
            )

    def attach(self, node: Node, anchor: str | None = None) -> None:
        """Make ``node`` the root or the next child of the innermost open collection."""
        if anchor is not None:
            self.anchors[anchor] = node  # a later anchor of the same name replaces it (YAML 1.2)
        if self.open:
            self.open[-1][1].append(node)
        else:
            self.root = node


def _mark(mark: object) -> Mark | None:
    """libyaml's marks have the same line and column as PyYAML's; only their class differs."""
    return cast("Mark | None", mark)


def _compose(text: str, name: str) -> Node:
    """Parse ``text`` into one YAML node tree, or raise InputError with one located problem."""
    try:
        root = _compose_single(text, name)
        if root is None or (isinstance(root, ScalarNode) and root.tag == _NULL):
            raise _RefusedError(
                Problem(
                    code=ErrorCode.EMPTY_FILE,
                    message="the document is empty",
                    location=Location(name, 1, 1),
                    hint=EMPTY_HINT,
                )
            )
        _check_expansion(root, name)
    except _RefusedError as refused:
        raise InputError([refused.problem]) from None
    return root


def _compose_single(text: str, name: str) -> Node | None:
    try:
        return _Composer(text, name).compose()
    except yaml.MarkedYAMLError as error:
        raise _RefusedError(_syntax_problem(error, name)) from None
    except yaml.reader.ReaderError as error:
        raise _RefusedError(_reader_problem(error, text, name)) from None
    except yaml.YAMLError as error:  # any other parser complaint, still one line
        message = " ".join(str(error).split())
        raise _RefusedError(Problem(ErrorCode.YAML_SYNTAX, message, Location(name, 1, 1))) from None


def _syntax_problem(error: yaml.MarkedYAMLError, name: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    message = error.problem or error.context or "invalid YAML"
    if error.problem and error.context:
        message = f"{error.problem} ({error.context}"
        if error.context_mark is not None and error.context_mark is not mark:
            message += f" at line {error.context_mark.line + 1}"
        message += ")"
    return _problem(
        ErrorCode.YAML_SYNTAX,
        name,
        mark,
        "",
        " ".join(message.split()),
        _syntax_hint(message),
    )


def _syntax_hint(message: str) -> str | None:
    if "\t" in message or "tab" in message:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in message:
        return 'quote values that contain ": ", e.g. caption: "Note: fresh"'
    if "found character '@'" in message or "found character '`'" in message:
        return "quote values that start with @ or `"
    return None


def _reader_problem(error: yaml.reader.ReaderError, text: str, name: str) -> Problem:
    position = int(error.position)
    if _PARSER is not yaml.SafeLoader:  # libyaml counts bytes of the UTF-8 encoding
        position = len(text.encode("utf-8")[:position].decode("utf-8", errors="ignore"))
    position = max(0, min(position, len(text)))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    character = error.character
    code_point = character if isinstance(character, int) else ord(str(character)[:1] or "\0")
    return Problem(
        code=ErrorCode.YAML_SYNTAX,
        message=f"control character U+{code_point:04X} is not allowed in YAML",
        location=Location(name, line, column),
        hint="remove it (often left behind by copy and paste)",
    )


def _check_expansion(root: Node, name: str) -> None:
    """Refuse documents that alias themselves or expand to more than MAX_NODES values.

    Sizes are memoised per node, so this is linear in the composed document even when aliases
    would expand it exponentially; recursion follows composition depth only (<= MAX_DEPTH).
    """
    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(node: Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active:
            raise _RefusedError(
                _problem(
                    ErrorCode.ALIAS_CYCLE,
                    name,
                    node.start_mark,
                    "",
                    "an alias refers to a collection that contains it",
                    "aliases (*name) may only repeat finished values",
                )
            )
        if isinstance(node, ScalarNode):
            return 1
        active.add(key)
        total = 1
        for child in _children(node):
            total += size(child)
            if total > MAX_NODES:
                raise _RefusedError(
                    _problem(
                        ErrorCode.TOO_MANY_NODES,
                        name,
                        node.start_mark,
                        "",
                        f"through aliases this expands to more than {MAX_NODES} values",
                        'an "alias bomb" is refused; write the values out',
                    )
                )
        active.discard(key)
        sizes[key] = total
        return total

    size(root)


def _children(node: Node) -> Iterator[Node]:
    if isinstance(node, SequenceNode):
        yield from node.value
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            yield key
            yield value


def _problem(
    code: ErrorCode,
    name: str,
    mark: _Position | None,
    path: str,
    message: str,
    hint: str | None = None,
) -> Problem:
    location = Location(name, mark.line + 1, mark.column + 1) if mark else Location(name, 1, 1)
    return Problem(code=code, message=message, location=location, path=path, hint=hint)


# --- public loading API ---------------------------------------------------------------------


def load_account(source: str) -> Account:
    """Load an account profile from a path, ``-`` (standard input) or a shipped profile name."""
    name, text = _read_profile_source(source)
    return parse_account_text(text, name)


def load_drafts(source: str, account: str | None = None) -> DraftsFile:
    """Load a drafts file (path or ``-``); ``account`` (a profile source) overrides its own."""
    name, text = read_source(source)
    base_dir = Path.cwd() if source == STDIN else Path(source).parent
    drafts = parse_drafts_text(text, name, base_dir, account)
    return dataclasses.replace(drafts, source=source)


def load_document(source: str) -> Account | DraftsFile:
    """Load a profile or a drafts file, whichever ``source`` is (a top-level ``drafts`` key)."""
    name, text = _read_profile_source(source)
    root = _compose(text, name)
    if isinstance(root, MappingNode) and "drafts" in _key_names(root):
        base_dir = Path.cwd() if source == STDIN else Path(name).parent
        drafts = _Checker(name).drafts_file(root, base_dir, None)
        return dataclasses.replace(drafts, source=source)
    return _Checker(name).account_file(root)


def parse_account_text(text: str, name: str) -> Account:
    """Check the text of a profile named ``name`` (used in messages) and build the Account."""
    return _Checker(name).account_file(_compose(text, name))


def parse_drafts_text(
    text: str, name: str, base_dir: Path | None, account: str | None = None
) -> DraftsFile:
    """Check the text of a drafts file and build it, with its account resolved.

    A relative account path in the file is relative to ``base_dir`` (the current directory
    when None); ``account`` (path, ``-`` or shipped name) replaces the file's ``account:``.
    """
    return _Checker(name).drafts_file(_compose(text, name), base_dir or Path.cwd(), account)


def _read_profile_source(source: str) -> tuple[str, str]:
    """Like read_source, but a shipped profile name works too (an existing path wins)."""
    if source != STDIN and not path_exists(Path(source)):
        shipped = shipped_profiles().get(source)
        if shipped is not None:
            return read_source(str(shipped))
        try:
            return read_source(source)
        except InputError as error:
            problems = [dataclasses.replace(p, hint=shipped_hint(source)) for p in error.problems]
            raise InputError(problems) from None
    return read_source(source)


def _key_names(node: MappingNode) -> set[str]:
    return {key.value for key, _ in node.value if isinstance(key, ScalarNode)}


# --- checking -------------------------------------------------------------------------------

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

    def __init__(self, name: str) -> None:
        self.name = name
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
        self.problems.append(_problem(code, self.name, node.start_mark, path, message, hint))
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
                f"no profile file {_shown(str(candidate))} and no shipped profile named "
                f"{_quoted(reference)}",
                shipped_hint(reference),
            )
        else:
            source = reference  # from the command line: read_source says what is wrong
        try:
            return load_account(source)
        except InputError as error:
            for found in error.problems:
                if found.location is None and node is not None:  # a missing file, a directory
                    at = node.start_mark
                    where = Location(self.name, at.line + 1, at.column + 1) if at else None
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
        if len(node.value) < declared.min_items:
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
        for index, item in enumerate(node.value):
            path = f"drafts[{index}]"
            draft = self.draft(item, path)
            if isinstance(draft, Draft):
                drafts.append(draft)
            else:
                valid = False
            id_node = _find_value(item, "id")
            if not isinstance(id_node, ScalarNode) or id_node.tag != _STR:
                continue  # a missing or mistyped id is reported by draft()
            draft_id = str(id_node.value)
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
        for key, value in node.value:
            if not isinstance(key, ScalarNode) or key.tag == _MERGE:
                what = "merge keys (<<)" if key.tag == _MERGE else "keys that are collections"
                self.report(
                    ErrorCode.UNSUPPORTED_YAML,
                    key,
                    path,
                    f"igalgo does not accept {what}",
                    "write each key out as a plain name",
                )
                continue
            name = str(key.value)
            where = _join(path, _shown(name))
            if name in entries:
                first = entries[name][0].start_mark
                first_line = first.line + 1 if first else "?"
                self.report(
                    ErrorCode.DUPLICATE_KEY,
                    key,
                    where,
                    f"duplicate key `{_shown(name)}` (first at line {first_line})",
                    "YAML would silently keep only one of them; remove or rename one",
                )
                continue
            if shape.field(name) is None:
                self.report(
                    ErrorCode.UNKNOWN_KEY,
                    key,
                    where,
                    f"unknown key `{_shown(name)}`",
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
            if isinstance(node, ScalarNode) and node.tag == _BOOL:
                return _SCALARS.construct_yaml_bool(node)
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
        count = len(node.value)
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
            for index, item in enumerate(node.value)
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
        if not isinstance(node, ScalarNode) or node.tag != _STR:
            return self.wrong_type(node, declared, path)
        value = str(node.value)
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
        if kind is Kind.DATETIME and isinstance(node, ScalarNode) and node.tag == _TIMESTAMP:
            return self.datetime(node, str(node.value), path)  # read as written, not as UTC
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
        shown = local.astimezone(UTC).astimezone(zone)
        if shown.replace(tzinfo=None) != parsed:
            return self.report(
                ErrorCode.NONEXISTENT_TIME,
                node,
                path,
                f"{_shown(raw)} does not exist in {zone.key}: clocks jump forward then",
                f'use the time the clocks show, "{shown:%Y-%m-%d %H:%M}", or give an offset',
            )
        return local

    def number(self, node: Node, declared: Field, path: str) -> object:
        """An integer or a number: YAML 1.1 resolution, its traps, finiteness and range."""
        if not isinstance(node, ScalarNode) or node.tag not in (_INT, _FLOAT):
            return self.wrong_type(node, declared, path)
        raw = str(node.value)
        value = _scalar(node)
        if value is None or isinstance(value, bool) or not isinstance(value, int | float):
            return self.wrong_type(node, declared, path)  # an explicit tag on other text
        if node.tag == _INT and (":" in raw or re.fullmatch(r"[-+]?0[0-7_]+", raw)):
            what = "base-60" if ":" in raw else "octal"
            return self.report(
                ErrorCode.AMBIGUOUS_NUMBER,
                node,
                path,
                f"YAML 1.1 reads {_shown(raw)} as the {what} number {_shown(value)}",
                "write the plain decimal number you mean"
                + (" without the leading zero" if what == "octal" else ""),
            )
        if isinstance(value, int) and abs(value) > _LARGEST:
            return self.report(
                ErrorCode.OUT_OF_RANGE, node, path, f"{_shown(raw)} is far too large"
            )
        if not math.isfinite(value):
            return self.report(
                ErrorCode.OUT_OF_RANGE,
                node,
                path,
                f"{_shown(raw)} is not a finite number",
                "write an ordinary number",
            )
        if declared.kind is Kind.INTEGER:
            if not float(value).is_integer():
                return self.report(
                    ErrorCode.WRONG_TYPE,
                    node,
                    path,
                    f"expected a whole number, got {_shown(raw)}",
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
        if node.tag == _INT:
            return _SCALARS.construct_yaml_int(node)
        if node.tag == _FLOAT:
            return _SCALARS.construct_yaml_float(node)
        if node.tag == _BOOL:
            return _SCALARS.construct_yaml_bool(node)
    except (ValueError, OverflowError, KeyError, IndexError):
        return None
    return node.value


def _shown(value: object, limit: int = 40) -> str:
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
    raw = str(node.value)
    shown = _shown(raw)
    tag = node.tag
    value = _scalar(node) if isinstance(node, ScalarNode) else None
    if tag == _NULL:
        return "an empty value (null)"
    if tag in (_BOOL, _INT, _FLOAT) and value is None:
        return f"{shown!r} tagged {tag.removeprefix(_TAG)} but not readable as one"
    if tag == _BOOL:
        return f"boolean {str(value).lower()} (from {shown})"
    if tag == _INT:
        text = _shown(value)
        return f"integer {text}" + (f" (from {shown})" if text != raw else "")
    if tag == _FLOAT:
        return f"number {shown}"
    if tag == _TIMESTAMP:
        return f"date {shown}"
    if tag == _STR:
        return f"text {_quoted(raw)}"
    return f"a value tagged {_shown(tag)}"


def _type_hint(node: Node, declared: Field) -> str | None:
    """What to write instead, for the common ways a value ends up with the wrong type."""
    kind = declared.kind
    if isinstance(node, ScalarNode) and node.tag == _NULL:
        return "the value is empty: write one, or remove the key to use its default"
    if kind in _TEXT_KINDS and isinstance(node, ScalarNode):
        raw = str(node.value)
        if node.tag == _INT and ":" in raw:
            return f'unquoted {raw} is a base-60 number in YAML 1.1; quote it: "{raw}"'
        if node.tag == _BOOL:
            return f'unquoted {raw} is a boolean in YAML 1.1; quote it: "{raw}"'
        if node.tag in (_INT, _FLOAT, _TIMESTAMP) and raw.isprintable():
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
    raw = str(node.value).strip()
    if node.tag == _BOOL:
        return "write a number"
    if node.tag != _STR:
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
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == name:
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
