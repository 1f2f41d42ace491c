"""The input-format reference, ``docs/formats.md``, written from :mod:`igalgo.inputs.formats`.

:func:`formats_markdown` returns the whole page; a test fails when the committed file differs
(``python docs/tools/formats_reference.py`` rewrites it). A documentation tool, not part of the
installed package.
"""

from __future__ import annotations

from datetime import time
from enum import Enum
from pathlib import Path

from igalgo.domain import DEFAULT_LIMITS, Format
from igalgo.inputs.declarations import (
    CLOCK_TIME_PATTERN,
    DATETIME_PATTERN,
    HASHTAG_PATTERN,
    Field,
    Kind,
    Shape,
)
from igalgo.inputs.formats import (
    DRAFT,
    DRAFTS_FILE,
    ERROR_CODE_MEANINGS,
    MAX_DEPTH,
    MAX_INPUT_BYTES,
    MAX_NODES,
    PROFILE,
)
from igalgo.inputs.schema_differences import SCHEMA_DIFFERENCES

_INTRO = """\
# Input formats

<!-- Generated from igalgo/inputs/formats.py by docs/tools/formats_reference.py; do not edit.
     Rewrite with: python docs/tools/formats_reference.py -->

igalgo reads two kinds of YAML file: an **account profile** (one account) and a **drafts
file** (an account and the posts planned for it). `igalgo validate FILE...` checks either
kind and reports every problem with its line and column. Their JSON Schemas (2020-12) are
`igalgo schema profile` and `igalgo schema drafts`, also written out in
[`docs/schema/`](schema/); start a file with

```yaml
# yaml-language-server: $schema=../docs/schema/profile.schema.json
```

and an editor with the YAML language server checks it as you type (adjust the path).
This page, the schemas and the loader's checks are all generated from one declaration,
`igalgo/inputs/formats.py`.
"""

_YAML_NOTES = """\
## YAML traps igalgo catches

igalgo reads YAML the way `yaml.safe_load` does (YAML 1.1), and reports the places where that
differs from what a person (or a YAML 1.2 editor) reads:

- Unquoted `19:30` is the base-60 integer 1170 (but `08:30` is text): quote times, `"19:30"`.
- Unquoted `no`, `yes`, `on`, `off`, `true`, `false` are booleans: quote them where text is
  meant (`location: "no"`).
- `1e3` is text (a YAML 1.1 float needs a dot and a signed exponent, `1.0e+3`): write `1000`.
- `0700` is the octal number 448 and `1:30` the base-60 number 90: write plain decimals.
- An empty value (`location:`) is null, not an empty text: write a value or remove the key.
- A duplicate key would silently keep only one value: igalgo reports it.
- `2026-12-01` unquoted is a date, and `publish_at` needs a time as well.

Booleans (`watermark`) accept YAML 1.1's `yes`/`no` as well as `true`/`false`.
Numbers may use `_` as a digit separator (`1_000_000`). Whole-number fields accept `4200.0`.
Anchors and aliases (`&name`, `*name`) work; merge keys (`<<`) do not.
"""


def formats_markdown() -> str:
    """The reference page for both input formats, as Markdown."""
    parts = [_INTRO, _section("Account profile", PROFILE, level=2, prefix="")]
    parts.append(_section("Drafts file", DRAFTS_FILE, level=2, prefix=""))
    parts.append(
        _section(
            "Draft (one item of `drafts`)",
            DRAFT,
            level=3,
            prefix="drafts[].",
        )
    )
    parts.append(_format_rules())
    parts.append(_times())
    parts.append(_YAML_NOTES)
    parts.append(_schema_differences())
    parts.append(_limits())
    parts.append(_error_codes())
    return "\n".join(part.rstrip("\n") + "\n" for part in parts)


def _section(title: str, shape: Shape, *, level: int, prefix: str) -> str:
    lines = [f"{'#' * level} {title}", "", shape.description, "", *_table(shape, prefix)]
    lines += _nested(shape, level=level + 1, prefix=prefix)
    return "\n".join(lines) + "\n"


def _nested(shape: Shape, *, level: int, prefix: str) -> list[str]:
    """A subsection for each nested mapping of ``shape``, and theirs, one level deeper each;
    keys whose mappings have the same shape (a calibration's formats) share one."""
    lines: list[str] = []
    groups: dict[int, list[Field]] = {}
    for field in shape.fields:
        if field.kind is Kind.MAPPING and field.shape is not None:
            groups.setdefault(id(field.shape), []).append(field)
    for fields in groups.values():
        nested = fields[0].shape
        assert nested is not None
        if len(fields) == 1:
            heading = f"`{prefix}{fields[0].name}`"
            inner = f"{prefix}{fields[0].name}."
        else:
            heading = ", ".join(f"`{prefix}{field.name}`" for field in fields)
            inner = f"{prefix}FORMAT."
        lines += ["", f"{'#' * level} {heading}", "", nested.description, ""]
        lines += _table(nested, inner)
        lines += _nested(nested, level=level + 1, prefix=inner)
    return lines


def _table(shape: Shape, prefix: str) -> list[str]:
    rows = [
        "| key | type | required / default | allowed values | description |",
        "|---|---|---|---|---|",
    ]
    for field in shape.fields:
        rows.append(
            f"| `{prefix}{field.name}` | {_type(field)} | {_presence(field)} | "
            f"{_allowed(field)} | {_cell(field.description)} |"
        )
    return rows


def _type(field: Field) -> str:
    if field.kind is Kind.LIST and field.items is not None:
        return f"list of {_type(field.items)}"
    if field.kind is Kind.ACCOUNT:
        return "text or mapping"
    return str(field.kind)


def _presence(field: Field) -> str:
    if field.required:
        return "**required**"
    if field.required_for:
        return "required for " + ", ".join(sorted(field.required_for))
    if field.kind is Kind.MAPPING and field.default is None:
        assert field.shape is not None
        if any(inner.required for inner in field.shape.fields):
            return "optional"
        return "optional (each key has its default)"
    if field.default is None:
        return "optional"
    return f"default `{_value(field.default)}`"


def _allowed(field: Field) -> str:
    notes: list[str] = []
    if field.choices is not None:
        notes.append(", ".join(f"`{member.value}`" for member in field.choices))
    if field.minimum_excluded and field.minimum is not None:
        above = f"above {_number(field.minimum)}"
        if field.maximum is not None:
            above += f", at most {_number(field.maximum)}"
        notes.append(above)
    elif field.minimum is not None and field.maximum is not None:
        notes.append(f"{_number(field.minimum)} to {_number(field.maximum)}")
    elif field.minimum is not None:
        notes.append(f"at least {_number(field.minimum)}")
    elif field.maximum is not None:
        notes.append(f"at most {_number(field.maximum)}")
    if field.max_length is not None:
        notes.append(f"at most {field.max_length:,} characters")
    if field.kind is Kind.LIST:
        if field.min_items == field.max_items:
            notes.append(f"exactly {field.min_items} items")
        else:
            if field.min_items:
                notes.append(f"at least {field.min_items} item(s)")
            if field.max_items is not None:
                notes.append(f"at most {field.max_items} items")
        if field.items is not None and field.items.kind is not Kind.MAPPING:
            inner = _allowed(field.items)
            if inner:
                notes.append(f"each {inner}")
    if field.needs_positive:
        notes.append("not all zero")
    if field.formats is not None:
        notes.append("only on " + ", ".join(sorted(field.formats)))
    if field.maximum_for is not None:
        limits = [(fmt, field.maximum_for(fmt)) for fmt in Format]
        notes.append(
            "at most "
            + ", ".join(f"{_number(limit)} ({fmt})" for fmt, limit in limits if limit is not None)
        )
    if field.kind is Kind.CLOCK_TIME:
        notes.append('"HH:MM"')
    if field.kind is Kind.TIMEZONE:
        notes.append("an IANA time-zone name")
    if field.kind is Kind.DATE:
        notes.append("YYYY-MM-DD")
    return "; ".join(notes) or "—"


def _format_rules() -> str:
    limited = [field for field in DRAFT.fields if field.formats is not None]
    header = "| format | " + " | ".join(f"`{field.name}`" for field in limited) + " |"
    lines = [
        "### Fields per format",
        "",
        "Which of the format-dependent keys a draft may have (✓), must have (**required**) or",
        "may not have (—). Instagram's limits are parameters (`igalgo.domain.FormatLimits`);",
        "reels were limited to 60 s in 2021 and to 3 minutes since 2025.",
        "",
        header,
        "|---|" + "---|" * len(limited),
    ]
    for fmt in Format:
        cells = []
        for field in limited:
            assert field.formats is not None
            if fmt in field.required_for:
                cells.append("**required**")
            elif fmt in field.formats:
                cells.append("✓")
            else:
                cells.append("—")
        lines.append(f"| `{fmt}` | " + " | ".join(cells) + " |")
    lines += [
        "",
        f"A carousel has {DEFAULT_LIMITS.carousel_min_slides} to "
        f"{DEFAULT_LIMITS.carousel_max_slides} slides; a post at most "
        f"{DEFAULT_LIMITS.max_hashtags} hashtags and {DEFAULT_LIMITS.max_caption_chars:,} "
        "caption characters. Draft ids must be unique in the file.",
    ]
    return "\n".join(lines) + "\n"


def _times() -> str:
    return f"""\
## Times and time zones

- `publish_at` is either local time in the account's `timezone`, `"YYYY-MM-DD HH:MM"`
  (seconds optional), or ISO 8601 with an offset, `"2026-12-01T19:30:00+01:00"` or `...Z`,
  which igalgo converts to the account's zone. Pattern: `{DATETIME_PATTERN}`.
- A local time that does not exist because clocks jump forward (a daylight-saving gap, e.g.
  02:30 on the last Sunday of March in Europe) is an error that says which time to use.
- A local time that happens twice because clocks go back is read as the **first** of the two
  (before the change, `fold=0`); give an offset to mean the second.
- Posting times in a profile are `"HH:MM"`, pattern `{CLOCK_TIME_PATTERN}`.
- Hashtags match `{HASHTAG_PATTERN}`; a leading `#` is dropped.
- `account` in a drafts file is a shipped profile name (`igalgo profiles` lists them), a path
  relative to the drafts file, or the profile itself as a mapping. `--account` overrides it.
"""


def _schema_differences() -> str:
    lines = [
        "## Where the schemas and igalgo differ",
        "",
        "An editor with the YAML language server reads YAML 1.2 and checks a file against the",
        "schemas; igalgo reads YAML 1.1 and runs its own checks. The schemas are generated so",
        "that both judge a file alike wherever JSON Schema can say so: a boolean field takes",
        "YAML 1.1's `yes`, `no`, `on` and `off` (text to the editor) as igalgo does. What JSON",
        "Schema cannot say is listed here; `tests/inputs/test_schema_agreement.py` compares",
        "both verdicts over the YAML test corpus and variants of the shipped files and finds no",
        "other difference. Where they differ, `igalgo validate` is the one that counts.",
        "",
        "| difference | what igalgo checks that the schema cannot |",
        "|---|---|",
    ]
    lines += [f"| `{known.id}` | {_cell(known.description)} |" for known in SCHEMA_DIFFERENCES]
    return "\n".join(lines) + "\n"


def _limits() -> str:
    return f"""\
## Limits on any input

| limit | value | why |
|---|---|---|
| file size | {MAX_INPUT_BYTES:,} bytes (1 MiB) | larger files are refused before parsing |
| nesting depth | {MAX_DEPTH} levels | igalgo's formats need four |
| values after alias expansion | {MAX_NODES:,} | refuses alias bombs ("billion laughs") at once |

Files must be UTF-8 (a byte-order mark is fine) and hold one YAML document.
`-` as a file name reads standard input.
"""


def _error_codes() -> str:
    lines = [
        "## Error codes",
        "",
        "Every problem is printed as `FILE:LINE:COL: error[CODE]: PATH: message`, then a",
        "`hint:` line; PATH is like `drafts[2].publish_at` (list positions count from 0).",
        "All problems of a file are reported in one run; the exit code is then 2.",
        "",
        "| code | meaning |",
        "|---|---|",
    ]
    lines += [f"| `{code}` | {_cell(text)} |" for code, text in ERROR_CODE_MEANINGS.items()]
    return "\n".join(lines) + "\n"


def _value(value: object) -> str:
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, time):
        return value.strftime('"%H:%M"')
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {_value(item)}" for key, item in value.items()) + "}"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return _number(value)
    return str(value)


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:g}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


PAGE = Path(__file__).resolve().parents[1] / "formats.md"
"""Where the page is written."""


def main() -> None:
    """Rewrite docs/formats.md."""
    PAGE.write_text(formats_markdown(), encoding="utf-8")


if __name__ == "__main__":
    main()
