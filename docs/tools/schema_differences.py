"""Where the JSON Schemas and the loader may judge a file differently, declared once.

JSON Schema cannot say every rule the loader checks (YAML 1.1 readings, the calendar, time-zone
names, unique ids, values that depend on each other). Each such rule is listed here, shown in
docs/formats.md, and checked by tests/inputs/test_schema_agreement.py, which compares both
verdicts over the YAML test corpus and variants of the shipped files.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SchemaDifference:
    """A way in which the JSON Schemas, applied by an editor that reads YAML 1.2, can judge a
    file otherwise than igalgo, because JSON Schema cannot express the rule."""

    id: str
    description: str
    codes: frozenset[str] = frozenset()
    """The error codes igalgo reports where only it refuses the file."""
    messages: str = ""
    """A pattern every such problem's message matches (empty: any message of those codes)."""


SCHEMA_DIFFERENCES = (
    SchemaDifference(
        "yaml-1.1-readings",
        "A value that YAML 1.1 (igalgo) and YAML 1.2 (the editor) read differently: unquoted "
        "`19:30` (the number 1170 / text), `yes`, `no`, `on`, `off` where text is expected "
        "(booleans / text), `0700` (octal 448 / 700), `1e3` (text / 1000), `1_000` (1000 / "
        "text), `0o17` (text / 15), an unquoted date. The schema judges the editor's reading; "
        "igalgo's message says what it read and how to write the value so both agree.",
    ),
    SchemaDifference(
        "quoted-boolean-words",
        'A quoted `"yes"` (or `"no"`, `"on"`, `"off"`) where a boolean is expected: text to '
        "igalgo, which wants it unquoted; the schema accepts the words as text because that is "
        "how an editor reads them unquoted.",
        frozenset({"wrong-type"}),
        r"^expected true or false, got text '(yes|no|on|off)'$",
    ),
    SchemaDifference(
        "time-zone-names",
        "A time zone must be in the IANA time-zone database (the schema: any text).",
        frozenset({"invalid-timezone"}),
    ),
    SchemaDifference(
        "calendar",
        "Dates and times must exist: no 2026-02-30 or 24:00, and no local time that a "
        "daylight-saving change skips (the schema checks the pattern only).",
        frozenset({"invalid-datetime", "invalid-time", "nonexistent-time", "invalid-date"}),
    ),
    SchemaDifference(
        "unique-ids", "Draft ids must be unique within a file.", frozenset({"duplicate-id"})
    ),
    SchemaDifference(
        "calibration-consistency",
        "A calibration's `first_post` is on or before its `last_post`, and its formats have no "
        "more posts than it has (the schema checks each value alone).",
        frozenset({"inconsistent-values"}),
    ),
    SchemaDifference(
        "account-reference",
        "A drafts file's `account:` must name a shipped profile or a profile file that exists "
        "and is valid (the schema: any text).",
        frozenset({"unknown-account", "file-not-found", "wrong-file-kind"}),
    ),
    SchemaDifference(
        "whole-counts",
        "A count (followers, slides, posts per week) written with a thousands separator "
        "(`25.000`, which both read as 25.0; `1.200.000`; `25,000`) or a whole count written "
        "as a decimal number (`4200.0`, `1.5e+6`): igalgo refuses it and says the number "
        "meant; JSON Schema sees only the number, not how it was written.",
        frozenset({"ambiguous-number", "wrong-type"}),
        r"thousands separator|^expected a whole number, got",
    ),
    SchemaDifference(
        "finite-numbers",
        "Numbers must be finite: `.inf` and `.nan` are refused (JSON has no such numbers; "
        "a field without a maximum would take them).",
        frozenset({"out-of-range"}),
    ),
    SchemaDifference(
        "yaml-structure",
        "Rules about the YAML itself: no duplicate keys, one document, no merge keys (`<<`), "
        "no list or mapping as a key, at most 50 levels and 100,000 values, no alias to its "
        "own collection (an editor's YAML parser reports some of these itself).",
        frozenset(
            {
                "duplicate-key",
                "multiple-documents",
                "unsupported-yaml",
                "too-deep",
                "too-many-nodes",
                "alias-cycle",
            }
        ),
    ),
)
"""The known differences between the schemas and the loader, listed in docs/formats.md and
checked by tests/inputs/test_schema_agreement.py, which compares both verdicts over the YAML
test corpus and variants of the shipped files."""
