"""YAML in, validated domain objects out: the only module that imports yaml.

The pipeline is bytes -> text -> YAML nodes -> checked values -> :class:`~igalgo.domain.Account`
or :class:`~igalgo.domain.DraftsFile`:

* :func:`read_source` (from :mod:`igalgo.inputs.sources`) reads a file or standard input with a size
  limit and a UTF-8 check; shipped profiles are found there too.
* PyYAML's parser (on ``SafeLoader``) turns the text into events, which :class:`_Composer`
  composes into igalgo's own nodes (:mod:`igalgo.inputs.nodes`) with line and column. PyYAML's
  safe constructor reads the value of each int, float and bool scalar; nothing else is
  constructed by PyYAML. Composition is bounded in depth and node
  count, and aliases are counted as expanded, so an alias bomb is refused before anything is
  checked.
* :mod:`igalgo.inputs.checks` checks the nodes against the declarations in
  :mod:`igalgo.inputs.formats`,
  one field at a time, collects every problem (with its location and path) and raises
  :class:`~igalgo.errors.InputError`, or builds the domain values.

Scalars are tagged by PyYAML's YAML 1.1 resolver and read by its safe constructor, as
``yaml.safe_load`` reads them.

Any input, however broken, ends in a return value or an :class:`~igalgo.errors.InputError`.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, NoReturn, Protocol

import yaml

from igalgo.domain import Account, DraftsFile
from igalgo.errors import InputError, Location, Problem
from igalgo.inputs.checks import check_account, check_drafts
from igalgo.inputs.formats import DRAFTS_FILE, MAX_DEPTH, MAX_NODES, PROFILE, ErrorCode
from igalgo.inputs.interaction_format import rate_meaning_notes
from igalgo.inputs.messages import shown
from igalgo.inputs.nodes import (
    BOOL_TAG,
    FLOAT_TAG,
    INT_TAG,
    NULL_TAG,
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
)
from igalgo.inputs.old_ways import old_way_notes
from igalgo.inputs.sources import (
    EMPTY_HINT,
    STDIN,
    STDIN_NAME,
    path_exists,
    read_source,
    shipped_hint,
    shipped_profiles,
)


class _Position(Protocol):
    """Where a YAML mark points; PyYAML has a Python and a C class for marks."""

    @property
    def line(self) -> int:
        """0-based line."""

    @property
    def column(self) -> int:
        """0-based column."""

    @property
    def index(self) -> int:
        """0-based character offset in the text."""


class _RefusedError(Exception):
    """Raised inside the loader to abandon a file with one problem; never escapes this module."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


# --- positions --------------------------------------------------------------------------------

_YAML11_ONLY_BREAKS = ("\x85", "\u2028", "\u2029")
"""Characters YAML 1.1 (PyYAML, libyaml) counts as line breaks and editors do not."""


class _EditorLines:
    """Turns a YAML mark into the 1-based line and column an editor shows.

    YAML 1.1 also breaks lines at U+0085, U+2028 and U+2029, so the parser's line numbers run
    ahead of an editor's after one of them. Text without them (nearly all) uses the parser's
    numbers as they are; otherwise positions are counted from the mark's character index,
    with line breaks where editors see them (``\\n``, ``\\r\\n``, ``\\r``).
    """

    def __init__(self, text: str) -> None:
        self.starts: list[int] | None = None
        """Where each editor line starts (character offsets); None: the parser's lines are."""
        if any(character in text for character in _YAML11_ONLY_BREAKS):
            self.starts = [0, *(m.end() for m in re.finditer(r"\r\n|\r|\n", text))]

    def at(self, mark: _Position | None) -> tuple[int, int] | None:
        """``(line, column)``, both 1-based; None for no mark."""
        if mark is None:
            return None
        if self.starts is None:
            return mark.line + 1, mark.column + 1
        line = bisect.bisect_right(self.starts, mark.index)
        return line, mark.index - self.starts[line - 1] + 1


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
    """Builds igalgo's nodes from parser events without recursion, within MAX_DEPTH and MAX_NODES.

    Does what ``yaml.composer.Composer`` does for the checks (scalar tags from the YAML 1.1
    resolver, anchors, aliases to the same node object, where each node starts); only scalar
    values are constructed. Collections keep no tag: the checks never read one.
    """

    def __init__(self, text: str, name: str) -> None:
        self.parser: Any = _PARSER(text)
        """Used for get_event, resolve and dispose only; the C and Python classes' stubs
        disagree on mark types, hence Any."""
        self.name = name
        self.lines = _EditorLines(text)
        self.anchors: dict[str, Node] = {}
        self.open: list[tuple[SequenceNode | MappingNode, list[Node]]] = []
        """Collections being composed, innermost last, with their children so far (a
        sequence's own item list; a mapping's keys and values, paired when it ends)."""
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
        """Add one event to the tree (scalars first: most events are)."""
        if isinstance(event, yaml.ScalarEvent):
            tag = event.tag
            if tag is None or tag == "!":
                tag = self.parser.resolve(yaml.ScalarNode, event.value, event.implicit)
            self.count(event)
            value = _constructed(tag, event.value)
            scalar = ScalarNode(tag, event.value, event.style, value, *self.start(event))
            self.attach(scalar, event.anchor)
        elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            self.start_collection(event)
        elif isinstance(event, yaml.CollectionEndEvent):
            node, children = self.open.pop()
            if isinstance(node, MappingNode):
                node.pairs.extend(zip(children[0::2], children[1::2], strict=True))
        elif isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.refuse(
                    ErrorCode.MULTIPLE_DOCUMENTS,
                    event,
                    "a second YAML document starts here",
                    "one file holds one profile or one drafts list; remove the extra `---`",
                )
        elif isinstance(event, yaml.AliasEvent):
            anchored = self.anchors.get(str(event.anchor))
            if anchored is None:
                self.refuse(
                    ErrorCode.YAML_SYNTAX,
                    event,
                    f"alias *{shown(event.anchor)} refers to no anchor before it",
                    "define `&name` before using `*name`",
                )
            self.attach(anchored)

    def start_collection(self, event: yaml.SequenceStartEvent | yaml.MappingStartEvent) -> None:
        """Open a sequence or mapping (refusing it beyond MAX_DEPTH)."""
        if len(self.open) >= MAX_DEPTH:
            self.refuse(
                ErrorCode.TOO_DEEP,
                event,
                f"collections are nested more than {MAX_DEPTH} levels deep",
            )
        self.count(event)
        children: list[Node] = []
        node: SequenceNode | MappingNode
        if isinstance(event, yaml.MappingStartEvent):
            node = MappingNode([], *self.start(event))
        else:
            node = SequenceNode(children, *self.start(event))
        self.attach(node, event.anchor)
        self.open.append((node, children))

    def start(self, event: yaml.Event) -> tuple[int, int]:
        """The 1-based line and column where an event starts (the parsers mark every event),
        as an editor counts them."""
        where = self.lines.at(event.start_mark)
        assert where is not None
        return where

    def count(self, event: yaml.Event) -> None:
        """Count one more node, refusing documents with more than MAX_NODES."""
        self.composed += 1
        if self.composed > MAX_NODES:
            self.refuse(
                ErrorCode.TOO_MANY_NODES,
                event,
                f"the document has more than {MAX_NODES} values",
                "igalgo's files are small; split the drafts over several files",
            )

    def refuse(
        self, code: ErrorCode, event: yaml.Event, message: str, hint: str | None = None
    ) -> NoReturn:
        """Abandon the file with one problem where ``event`` starts."""
        raise _RefusedError(
            _problem(code, self.name, self.lines.at(event.start_mark), message, hint)
        )

    def attach(self, node: Node, anchor: str | None = None) -> None:
        """Make ``node`` the root or the next child of the innermost open collection."""
        if anchor is not None:
            self.anchors[anchor] = node  # a later anchor of the same name replaces it (YAML 1.2)
        if self.open:
            self.open[-1][1].append(node)
        else:
            self.root = node


_CONSTRUCTOR = yaml.constructor.SafeConstructor()
"""PyYAML's own readers of YAML 1.1 scalars; they keep no state between values."""

_READERS: dict[str, Callable[[yaml.ScalarNode], object]] = {
    INT_TAG: _CONSTRUCTOR.construct_yaml_int,
    FLOAT_TAG: _CONSTRUCTOR.construct_yaml_float,
    BOOL_TAG: _CONSTRUCTOR.construct_yaml_bool,
}
"""The tags whose value the checks read; every other scalar is checked as its text."""


def _constructed(tag: str, text: str) -> object:
    """The value ``yaml.safe_load`` gives a scalar of an int, float or bool tag (None when its
    reader raises: an explicit tag on other text); the text itself for other tags."""
    reader = _READERS.get(tag)
    if reader is None:
        return text
    try:
        return reader(yaml.ScalarNode(tag, text))
    except (ValueError, OverflowError, KeyError, IndexError):
        return None


def _compose(text: str, name: str) -> Node:
    """Parse ``text`` into one YAML node tree, or raise InputError with one located problem."""
    try:
        root = _Composer(text, name).compose()
        if root is None or (isinstance(root, ScalarNode) and root.tag == NULL_TAG):
            raise _RefusedError(
                _problem(ErrorCode.EMPTY_FILE, name, None, "the document is empty", EMPTY_HINT)
            )
        _check_expansion(root, name)
    except _RefusedError as refused:
        problem = refused.problem
    except yaml.MarkedYAMLError as error:
        problem = _syntax_problem(error, name, _EditorLines(text))
    except yaml.reader.ReaderError as error:
        problem = _reader_problem(error, text, name)
    except yaml.YAMLError as error:  # any other parser complaint, still one line
        problem = _problem(ErrorCode.YAML_SYNTAX, name, None, " ".join(str(error).split()))
    else:
        return root
    raise InputError([problem])


def _syntax_problem(error: yaml.MarkedYAMLError, name: str, lines: _EditorLines) -> Problem:
    mark = error.problem_mark or error.context_mark
    message = error.problem or error.context or "invalid YAML"
    if error.problem and error.context:
        message = f"{error.problem} ({error.context}"
        if error.context_mark is not None and error.context_mark is not mark:
            context = lines.at(error.context_mark)
            message += f" at line {context[0] if context else 1}"
        message += ")"
    return _problem(
        ErrorCode.YAML_SYNTAX,
        name,
        lines.at(mark),
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
    return _problem(
        ErrorCode.YAML_SYNTAX,
        name,
        (line, column),
        f"control character U+{code_point:04X} is not allowed in YAML",
        "remove it (often left behind by copy and paste)",
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
                    (node.line, node.column),
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
                        (node.line, node.column),
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
        yield from node.items
    elif isinstance(node, MappingNode):
        for key, value in node.pairs:
            yield key
            yield value


def _problem(
    code: ErrorCode,
    name: str,
    where: tuple[int, int] | None,
    message: str,
    hint: str | None = None,
) -> Problem:
    """A problem at ``where`` (line and column, 1-based; None: the start of the file)."""
    location = Location(name, *where) if where else Location(name, 1, 1)
    return Problem(code=code, message=message, location=location, hint=hint)


# --- public loading API ---------------------------------------------------------------------


def load_account(source: str) -> Account:
    """Load an account profile from a path, ``-`` (standard input) or a shipped profile name."""
    name, text = read_profile_source(source)
    return parse_account_text(text, name)


def load_drafts(
    source: str,
    account: str | None = None,
    *,
    confine_accounts: bool = False,
    profiles: Path | None = None,
    today: date | None = None,
) -> DraftsFile:
    """Load a drafts file (path or ``-``); ``account`` (a profile source) overrides its own.

    With ``confine_accounts`` a profile path in the file must stay inside the file's
    directory or the trusted folder ``profiles`` (:mod:`igalgo.inputs.accounts`). A date in
    the coming week (``"tue 19:30"``) counts from ``today`` (None: today in the account's zone).
    """
    name, text = read_source(source)
    base_dir = _current_directory() if source == STDIN else Path(source).parent
    drafts = parse_drafts_text(
        text,
        name,
        base_dir,
        account,
        confine_accounts=confine_accounts,
        profiles=profiles,
        today=today,
    )
    return dataclasses.replace(drafts, source=source)


def load_document(source: str, *, confine_accounts: bool = False) -> Account | DraftsFile:
    """Load a profile or a drafts file, whichever ``source`` is (a top-level ``drafts`` key)."""
    return load_document_with_notes(source, confine_accounts=confine_accounts)[0]


def load_document_with_notes(
    source: str,
    *,
    confine_accounts: bool = False,
    profiles: Path | None = None,
    today: date | None = None,
) -> tuple[Account | DraftsFile, tuple[str, ...]]:
    """:func:`load_document`, and a located note for each value written the old way that
    still loads (what to write instead); ``profiles`` and ``today`` as for :func:`load_drafts`."""
    name, text = read_profile_source(source)
    root = _compose(text, name)
    if isinstance(root, MappingNode) and "drafts" in _key_names(root):
        base_dir = _current_directory() if source == STDIN else Path(name).parent
        drafts = check_drafts(
            root,
            name,
            base_dir,
            None,
            load_account,
            confine=confine_accounts,
            profiles=profiles,
            today=today,
        )
        return dataclasses.replace(drafts, source=source), old_way_notes(root, name)
    return check_account(root, name), rate_meaning_notes(root, name)


def parse_account_text(text: str, name: str) -> Account:
    """Check the text of a profile named ``name`` (used in messages) and build the Account.

    A drafts file (one with a top-level ``drafts`` key) is refused with one problem that says
    so and where it goes instead.
    """
    root = _compose(text, name)
    if isinstance(root, MappingNode) and "drafts" in _key_names(root):
        raise InputError(
            [
                _kind_problem(
                    root,
                    name,
                    "this is a drafts file, not an account profile: give it to "
                    "`igalgo score FILE` or `igalgo plan --drafts FILE`; a profile has "
                    "`name:` and `followers:`",
                )
            ]
        )
    return check_account(root, name)


def parse_drafts_text(
    text: str,
    name: str,
    base_dir: Path | None,
    account: str | None = None,
    *,
    confine_accounts: bool = False,
    profiles: Path | None = None,
    today: date | None = None,
) -> DraftsFile:
    """Check the text of a drafts file and build it, with its account resolved.

    A relative account path in the file is relative to ``base_dir`` (the current directory
    when None; with ``confine_accounts`` it must stay inside it or ``profiles``); ``account``
    (path, ``-`` or shipped name) replaces the file's ``account:``; ``today`` as for
    :func:`load_drafts`.
    """
    root = _compose(text, name)
    if isinstance(root, MappingNode) and _looks_like_profile(root):
        shown_name = "PROFILE" if name == STDIN_NAME else name
        raise InputError(
            [
                _kind_problem(
                    root,
                    name,
                    "this is an account profile, not a drafts file: give it to --account "
                    f"(`igalgo score DRAFTS --account {shown_name}`, `igalgo plan --surface "
                    f"SURFACE --account {shown_name}`)",
                )
            ]
        )
    directory = base_dir or _current_directory()
    return check_drafts(
        root,
        name,
        directory,
        account,
        load_account,
        confine=confine_accounts,
        profiles=profiles,
        today=today,
    )


def _current_directory() -> Path:
    """Where relative paths of standard input's drafts start: the current directory, or
    ``.`` when it has been deleted (a path in it then simply does not exist)."""
    try:
        return Path.cwd()
    except OSError:
        return Path(".")


def _looks_like_profile(root: MappingNode) -> bool:
    """A mapping with a profile's keys and neither of a drafts file's (``account``, ``drafts``)."""
    keys = _key_names(root)
    return bool(keys & set(PROFILE.names)) and not keys & set(DRAFTS_FILE.names)


def _kind_problem(root: MappingNode, name: str, message: str) -> Problem:
    """The one problem of a file of the other kind, located at its first key."""
    return _problem(ErrorCode.WRONG_FILE_KIND, name, (root.line, root.column), message)


def read_profile_source(source: str, *, keep_bom: bool = False) -> tuple[str, str]:
    """``(display name, text)`` of a profile: like read_source, but a shipped profile name works
    too (an existing path wins); ``keep_bom`` as for read_source."""
    if source != STDIN and not path_exists(Path(source)):
        shipped = shipped_profiles().get(source)
        if shipped is not None:
            return read_source(str(shipped), keep_bom=keep_bom)
        try:
            return read_source(source, keep_bom=keep_bom)
        except InputError as error:
            problems = [dataclasses.replace(p, hint=shipped_hint(source)) for p in error.problems]
            raise InputError(problems) from None
    return read_source(source, keep_bom=keep_bom)


def _key_names(node: MappingNode) -> set[str]:
    return {key.text for key, _ in node.pairs if isinstance(key, ScalarNode)}
