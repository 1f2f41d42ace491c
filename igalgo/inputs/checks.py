"""Checks composed nodes against the declarations of :mod:`igalgo.inputs.formats` and builds
domain values.

Works on igalgo's own nodes (:mod:`igalgo.inputs.nodes`), never on yaml's:
:mod:`igalgo.inputs.loader` composes the nodes and calls :func:`check_account` or
:func:`check_drafts`. Every field is checked and every problem collected, with its location
and path, before :class:`~igalgo.errors.InputError` is raised.

This module checks mappings, lists and whole files; single values are checked by
:mod:`igalgo.inputs.value_checks` (on the values the loader read with PyYAML's constructor),
and messages and hints worded by :mod:`igalgo.inputs.messages`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from igalgo.domain import (
    UNDATED,
    Account,
    Audio,
    Draft,
    DraftsFile,
    Format,
    Window,
)
from igalgo.errors import InputError, Location
from igalgo.inputs.accounts import outside_message, redacted, resolve
from igalgo.inputs.calibration_format import CALIBRATION
from igalgo.inputs.declarations import Field, Kind, Shape
from igalgo.inputs.formats import DRAFT, DRAFTS_FILE, PROFILE, ErrorCode
from igalgo.inputs.messages import (
    TEXT_KINDS,
    describe,
    length_hint,
    quoted,
    show_number,
    shown,
    unknown_key_hint,
)
from igalgo.inputs.nodes import (
    BOOL_TAG,
    MERGE_TAG,
    STR_TAG,
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    find_value,
)
from igalgo.inputs.sources import STDIN, profile_file, shipped_hint
from igalgo.inputs.value_checks import INVALID, ValueChecker, week_time_text, zone_or_none
from igalgo.language import Text, tr

__all__ = ["check_account", "check_drafts"]


AccountLoader = Callable[[str], Account]
"""Loads the account a drafts file names (a path, ``-`` or a shipped profile name)."""


def check_account(root: Node, name: str) -> Account:
    """Check a profile document from the file ``name`` (used in messages); build its Account."""
    return _Checker(name, None).account_file(root)


def check_drafts(
    root: Node,
    name: str,
    base_dir: Path,
    override: str | None,
    load_account: AccountLoader,
    *,
    confine: bool = False,
    profiles: Path | None = None,
    today: date | None = None,
) -> DraftsFile:
    """Check a drafts document from the file ``name`` and build it, with its account resolved.

    A relative account path in the file is relative to ``base_dir`` (and with ``confine``
    must stay inside it or ``profiles``); ``override`` (path, ``-`` or shipped name) replaces the
    file's ``account:``; ``today`` as for the loader. ``load_account`` loads a referenced profile;
    its problems join this file's (without its text, :mod:`igalgo.inputs.accounts`).
    """
    checker = _Checker(name, load_account, confine=confine)
    checker.profiles, checker.today = profiles, today
    return checker.drafts_file(root, base_dir, override)


@dataclasses.dataclass
class _Mapped:
    """A checked mapping: its valid values and the nodes of its keys, by name."""

    values: dict[str, Any]
    keys: dict[str, ScalarNode]


class _Checker(ValueChecker):
    """Checks the mappings and lists of one file against the declarations and builds the
    domain values."""

    def __init__(
        self, name: str, load_account: AccountLoader | None, *, confine: bool = False
    ) -> None:
        super().__init__(name)
        self.load_account = load_account
        """How a drafts file's account is loaded; None while a profile is checked."""
        self.confine = confine
        """Whether a profile path in the drafts file must stay in its directory."""
        self.account_source: str | None = None
        """The profile file a drafts file's account was read from, once it is."""

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
                f"a drafts file is a mapping with `account` and `drafts`, got {describe(root)}",
            )
            self.fail_if_problems()
        assert isinstance(root, MappingNode)
        skip = frozenset({"account"}) if override is not None else frozenset()
        entries = self.keys(root, DRAFTS_FILE, "", skip)
        account: object = INVALID
        if override is not None:
            account = self.external_account(override, None, None, "")
        elif "account" in entries:
            account = self.account_reference(entries["account"][1], base_dir)
        else:
            self.report(
                ErrorCode.MISSING_KEY,
                root,
                "",
                tr("missing required key `{key}`", key="account"),
                "add `account: NAME` (a shipped profile, see `igalgo profiles`) or a path, "
                "or pass --account",
            )
        if isinstance(account, Account):
            self.zone = zone_or_none(account.timezone)
        drafts: object = INVALID
        if "drafts" in entries:
            drafts = self.draft_list(entries["drafts"][1])
        else:
            self.report(
                ErrorCode.MISSING_KEY,
                root,
                "",
                tr("missing required key `{key}`", key="drafts"),
                tr("add `drafts:` with a list of drafts"),
            )
        self.fail_if_problems()
        assert isinstance(account, Account) and isinstance(drafts, tuple)
        return DraftsFile(self.name, account, drafts, self.account_source)

    # accounts

    def profile(self, node: Node, path: str) -> object:
        """Check a profile mapping (top level or inline) and build an Account."""
        if not isinstance(node, MappingNode):
            what = "an account profile" if not path else "an inline account"
            return self.report(
                ErrorCode.WRONG_TYPE,
                node,
                path,
                f"{what} is a mapping of `key: value` lines, got {describe(node)}",
                "start with `name: ...` and `followers: ...`; see `igalgo schema profile`",
            )
        mapped = self.mapping(node, PROFILE, path)
        if mapped is None or len(mapped.values) < len(mapped.keys):
            return INVALID
        return Account(**mapped.values)

    def account_reference(self, node: Node, base_dir: Path) -> object:
        """The drafts file's `account`: a shipped name, a relative path, or an inline profile."""
        if isinstance(node, MappingNode):
            return self.profile(node, "account")
        declared = DRAFTS_FILE.field("account")
        assert declared is not None
        text = self.text(node, declared, "account")
        if not isinstance(text, str):
            return INVALID
        if text == STDIN:
            # Standard input is the command line's to give: a file that reads it could hang a
            # CI job whose stdin stays open, or read the drafts file itself a second time.
            return self.report(
                ErrorCode.UNKNOWN_ACCOUNT,
                node,
                "account",
                "`-` (standard input) cannot be a drafts file's account",
                "name a profile file or a shipped profile, or pass --account - instead",
            )
        return self.external_account(text, base_dir, node, "account")

    def external_account(
        self, reference: str, base_dir: Path | None, node: Node | None, path: str
    ) -> object:
        """Load an account from a file or shipped name; its problems join this file's.

        ``node`` is the drafts file's ``account:`` value, None for ``--account`` (the command
        line's, trusted: read as given, its problems in full). A profile the drafts file
        names resolves as :mod:`igalgo.inputs.accounts` says, and its problems are reported
        without its text.
        """
        if node is None or base_dir is None:
            source = reference  # the loader finds a path, a shipped name or standard input
        else:
            found, outside = resolve(reference, base_dir, self.confine, self.profiles)
            if outside:
                message, hint = outside_message(shown(reference), self.profiles)
                return self.report(ErrorCode.ACCOUNT_OUTSIDE, node, path, message, hint)
            if found is None:
                return self.report(
                    ErrorCode.UNKNOWN_ACCOUNT,
                    node,
                    path,
                    f"no profile file {shown(str(base_dir / reference))} and no shipped "
                    f"profile named {quoted(reference)}",
                    shipped_hint(reference),
                )
            source = found
        assert self.load_account is not None  # only drafts files refer to accounts
        try:
            account = self.load_account(source)
        except InputError as error:
            problems = error.problems if node is None else redacted(error.problems, source)
            for found_problem in problems:
                if found_problem.location is None and node is not None:  # missing, a directory
                    where = Location(self.name, node.line, node.column)
                    found_problem = dataclasses.replace(found_problem, location=where, path=path)
                self.problems.append(found_problem)
            return INVALID
        self.account_source = profile_file(source) if node is None else source
        return account

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
                f"expected a list of drafts, got {describe(node)}",
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
            id_node = find_value(item, "id")
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
        return tuple(drafts) if valid else INVALID

    def draft(self, node: Node, path: str) -> object:
        """Check one draft: its fields, then the rules that depend on its format."""
        if not isinstance(node, MappingNode):
            return self.report(
                ErrorCode.WRONG_TYPE,
                node,
                path,
                f"a draft is a mapping of `key: value` lines, got {describe(node)}",
            )
        mapped = self.mapping(node, DRAFT, path)
        if mapped is None:
            return INVALID
        fmt = mapped.values.get("format")
        ok = len(mapped.values) == len(mapped.keys)
        if isinstance(fmt, Format):
            ok = self.format_rules(node, mapped, fmt, path) and ok
        ok = self.dating_rules(mapped, path) and ok
        if not ok:
            return INVALID
        values = dict(mapped.values)
        if values.get("audio") is Audio.NONE:
            values["muted"] = True  # the old way to say it (sources.md §8; docs/model.md)
        if "publish_at" not in values:
            return Draft(**values, publish_at=UNDATED, pinned=False)
        values["relative"] = week_time_text(find_value(node, "publish_at"))  # "tue 19:30"
        return Draft(**values)

    def dating_rules(self, mapped: _Mapped, path: str) -> bool:
        """A draft has a date or a window, not both, and a window ends on or after it starts."""
        window = mapped.values.get("window")
        if "window" in mapped.keys and "publish_at" in mapped.keys:
            self.report(
                ErrorCode.NOT_ALLOWED,
                mapped.keys["window"],
                f"{path}.window",
                "a draft has either `publish_at` or `window`, not both",
                "keep `publish_at` to publish at that time, or `window` to let igalgo choose "
                "a day in it",
            )
            return False
        if isinstance(window, Window) and window.last < window.first:
            self.report(
                ErrorCode.OUT_OF_RANGE,
                mapped.keys["window"],
                f"{path}.window",
                f"the window ends ({window.last}) before it starts ({window.first})",
                "give `to` a day on or after `from`",
            )
            return False
        return True

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
                    tr(
                        "`{key}` does not apply to a {format}", key=name, format=Text(fmt.value, {})
                    ),
                    tr(
                        "`{key}` is only for: {allowed}; remove it or change the format",
                        key=name,
                        allowed=allowed,
                    ),
                )
                ok = False
            if fmt in declared.required_for and name not in mapped.keys:
                self.report(
                    ErrorCode.MISSING_KEY,
                    node,
                    path,
                    tr("a {format} needs `{key}`", format=Text(fmt.value, {}), key=name),
                    tr("add `{key}:` ({description})", key=name, description=declared.description),
                )
                ok = False
            value = mapped.values.get(name)
            limit = declared.maximum_for(fmt) if declared.maximum_for else None
            if limit is not None and isinstance(value, float | int) and value > limit:
                self.report(
                    ErrorCode.OUT_OF_RANGE,
                    find_value(node, name) or node,
                    f"{path}.{name}",
                    f"a {fmt} is at most {show_number(limit)} s long on Instagram, "
                    f"got {show_number(value)}",
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
            if name in entries:
                first_line = entries[name][0].line
                self.report(
                    ErrorCode.DUPLICATE_KEY,
                    key,
                    _join(path, shown(name)),
                    f"duplicate key `{shown(name)}` (first at line {first_line})",
                    "YAML would silently keep only one of them; remove or rename one",
                )
                continue
            if shape.field(name) is None:
                self.report(
                    ErrorCode.UNKNOWN_KEY,
                    key,
                    _join(path, shown(name)),
                    tr("unknown key `{key}`", key=shown(name)),
                    unknown_key_hint(name, shape),
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
            if value is not INVALID:
                mapped.values[name] = value
        missing = [f for f in shape.fields if f.required and f.name not in entries]
        for declared in missing:
            self.report(
                ErrorCode.MISSING_KEY,
                node,
                path,
                tr("missing required key `{key}`", key=declared.name),
                tr(
                    "add `{key}:` ({description})",
                    key=declared.name,
                    description=declared.description,
                ),
            )
        return None if missing else mapped

    # values

    def value(self, node: Node, declared: Field, path: str) -> object:
        """Check one value against its declaration; the checked Python value or INVALID."""
        kind = declared.kind
        if kind in TEXT_KINDS:
            return self.text_kind(node, declared, path)
        if kind in (Kind.INTEGER, Kind.NUMBER):
            return self.number(node, declared, path)
        if kind is Kind.BOOLEAN:
            if isinstance(node, ScalarNode) and node.tag == BOOL_TAG:
                value = node.value  # None for other text under an explicit !!bool
                if isinstance(value, bool):
                    return value
            return self.wrong_type(node, declared, path)
        if kind is Kind.LIST:
            return self.sequence(node, declared, path)
        if kind is Kind.MAPPING:
            return self.nested(node, declared, path)
        if kind is Kind.REACH:
            return self.reach(node, declared, path)
        raise AssertionError(f"{kind} is handled by its owner")  # Kind.ACCOUNT: drafts_file

    def nested(self, node: Node, declared: Field, path: str) -> object:
        """A nested mapping (market, posting, ...) built into its domain value."""
        assert declared.shape is not None
        if not isinstance(node, MappingNode):
            return self.wrong_type(node, declared, path)
        mapped = self.mapping(node, declared.shape, path)
        if mapped is None or len(mapped.values) < len(mapped.keys):
            return INVALID
        if declared.shape is CALIBRATION and not self.calibration_rules(mapped, path):
            return INVALID
        if declared.needs_positive and not any(v > 0 for v in mapped.values.values()):
            return self.all_zero(node, path)
        return declared.shape.build(**mapped.values)

    def calibration_rules(self, mapped: _Mapped, path: str) -> bool:
        """What a calibration's values must say together: its first post is not after its
        last, its formats have no more posts than it has, and a format's own level (``slope``)
        comes with its ``model_reach`` and the calibration's ``overall_appeal``; False when one
        is broken."""
        values = mapped.values
        ok = True
        first, last = values.get("first_post"), values.get("last_post")
        if first is not None and last is not None and first > last:
            self.report(
                ErrorCode.INCONSISTENT_VALUES,
                mapped.keys["last_post"],
                _join(path, "last_post"),
                f"the last post ({last}) is before the first ({first})",
                "swap them, or run `igalgo calibrate` again",
            )
            ok = False
        fitted = sum(fit.posts for fit in values.get("formats", ()))
        posts = values.get("posts")
        if posts is not None and fitted > posts:
            self.report(
                ErrorCode.INCONSISTENT_VALUES,
                mapped.keys["formats"],
                _join(path, "formats"),
                f"the formats have {fitted:,} posts, more than the calibration's {posts:,}",
                "a format's posts are among the calibration's posts; run `igalgo calibrate` again",
            )
            ok = False
        own = [fit for fit in values.get("formats", ()) if fit.slope is not None]
        if own and values.get("overall_appeal") is None:
            self.report(
                ErrorCode.INCONSISTENT_VALUES,
                mapped.keys["formats"],
                _join(path, "formats"),
                f"{own[0].format.value} has a slope (an own level) but the calibration has no "
                "overall_appeal",
                "a calibration of own levels gives overall_appeal; run `igalgo calibrate` again",
            )
            ok = False
        lacking = [fit.format.value for fit in own if fit.model_reach is None]
        if lacking:
            self.report(
                ErrorCode.INCONSISTENT_VALUES,
                mapped.keys["formats"],
                _join(path, "formats"),
                f"{', '.join(lacking)}: a slope needs the model_reach it is measured from",
                "give model_reach with slope, or run `igalgo calibrate` again",
            )
            ok = False
        return ok

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
                length_hint(declared),
            )
        items = [
            self.value(item, declared.items, f"{path}[{index}]")
            for index, item in enumerate(node.items)
        ]
        if not length_ok or any(item is INVALID for item in items):
            return INVALID
        if declared.needs_positive and not any(isinstance(v, float | int) and v > 0 for v in items):
            return self.all_zero(node, path)
        return tuple(items)

    def all_zero(self, node: Node, path: str) -> object:
        """Report relative values (activity per hour or day) that are all zero."""
        return self.report(
            ErrorCode.ALL_ZERO,
            node,
            path,
            "all values are zero",
            "they are relative: give the busiest entry 1.0 and the others in proportion",
        )


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name
