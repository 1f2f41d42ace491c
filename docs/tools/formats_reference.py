"""The input-format reference, ``docs/formats.md``, written from :mod:`igalgo.inputs.formats` and
the export readers' declarations (:mod:`igalgo.inputs.exports`).

:func:`formats_markdown` returns the whole page; a test fails when the committed file differs
(``python docs/tools/formats_reference.py`` rewrites it). A documentation tool, not part of the
installed package.
"""

from __future__ import annotations

import textwrap
from datetime import time
from enum import Enum
from pathlib import Path

from docs.tools.schema_differences import SCHEMA_DIFFERENCES
from igalgo.domain import DEFAULT_LIMITS, Format
from igalgo.fitting.params import FitParams
from igalgo.inputs.declarations import (
    CLOCK_TIME_PATTERN,
    COLOUR_PATTERN,
    DATETIME_PATTERN,
    HASHTAG_PATTERN,
    Field,
    Kind,
    Shape,
)
from igalgo.inputs.exports import EXPORT_ERROR_CODE_MEANINGS, MAX_EXPORT_BYTES, WarningCode
from igalgo.inputs.exports.aliases import (
    BLANKS,
    COLUMN_ALIASES,
    LIFETIME_DATES,
    POST_TYPES,
    REQUIRED_FIELDS,
)
from igalgo.inputs.exports.codes import LATEST_YEAR, MAX_COUNT, MAX_POSTS
from igalgo.inputs.exports.dyi import DYI_LISTS
from igalgo.inputs.exports.graph import GRAPH_METRICS
from igalgo.inputs.exports.reading import BUSINESS_SUITE_ZONE
from igalgo.inputs.formats import (
    DRAFT,
    DRAFTS_FILE,
    ERROR_CODE_MEANINGS,
    MAX_DEPTH,
    MAX_INPUT_BYTES,
    MAX_NODES,
    PROFILE,
    SUPPORTED_DATES,
)

_INTRO = """\
# Input formats

<!-- Generated from igalgo/inputs/formats.py by docs/tools/formats_reference.py; do not edit.
     Rewrite with: python docs/tools/formats_reference.py -->

igalgo reads two kinds of YAML file: an **account profile** (one account) and a **drafts
file** (an account and the posts planned for it); `igalgo calibrate` also reads the account's
Insights exports ([below](#insights-exports-igalgo-calibrate)). `igalgo validate FILE...`
checks either YAML kind and reports every problem with its line and column. Their JSON
Schemas (2020-12) are `igalgo schema profile` and `igalgo schema drafts`, also written out in
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
- U+0085, U+2028 and U+2029 are line breaks to YAML 1.1 but not to editors. igalgo gives
  every line and column as an editor counts them (breaks at `\\n`, `\\r\\n` and `\\r`), but
  the parser still ends a comment or a plain value at such a character, so avoid them (in a
  text value they are refused as control characters).

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
    parts.append(exports_markdown())
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
        inner = field.shape.fields if field.shape is not None else ()
        if any(f.required for f in inner):
            return "optional"
        return "optional (each key has its default)"
    if field.default is None:
        return "optional"
    return f"default `{_value(field.default)}`"


def _allowed(field: Field) -> str:
    notes: list[str] = []
    if field.choices is not None:
        notes.append(", ".join(f"`{member.value}`" for member in field.choices))
    if field.positive_minimum is not None and field.maximum is not None:
        notes.append(f"0, or {_number(field.positive_minimum)} to {_number(field.maximum)}")
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
    if field.kind is Kind.REACH:
        notes.append("accounts (`2000`) or a share of followers (`15%`)")
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
- Without `publish_at` a draft is undated: `igalgo score` scores it at its best slot of the
  coming week (from next Monday) and says so; `igalgo plan --drafts` places it in the planned
  weeks. `window: {{from: "2026-12-20", to: "2026-12-24"}}` keeps it within those local days
  (both included). A draft has `publish_at` or `window`, not both; `plan` keeps a dated draft
  at its time, where it competes with the posts it places. A date before now (to the minute,
  in the account's zone) or a window that ended is warned about by `score`, `plan` and
  `validate` (on stderr, and in `score`'s JSON; `validate --strict` fails on it);
  `IGALGO_TODAY=YYYY-MM-DD` (or `"YYYY-MM-DD HH:MM"`) sets the date (and time) igalgo takes as now.
- `publish_at: "tue 19:30"` (a weekday, `tue` or `Tuesday`, and `"HH:MM"`) is the next such day
  after today, tomorrow at the earliest, at that local time (a time in a daylight-saving gap is
  the time the clocks show then); the report says which date it became. Shipped demos use it,
  so they never date a post in the past.
- Dates are supported {SUPPORTED_DATES} (the date as written, before any conversion), in
  `publish_at` and in `igalgo plan --start`; a date outside is an `out-of-range` error.
- A local time that does not exist because clocks jump forward (a daylight-saving gap, e.g.
  02:30 on the last Sunday of March in Europe) is an error that says which time to use.
- A local time that happens twice because clocks go back is read as the **first** of the two
  (before the change, `fold=0`); give an offset to mean the second.
- Posting times in a profile are `"HH:MM"`, pattern `{CLOCK_TIME_PATTERN}`.
- Hashtags match `{HASHTAG_PATTERN}`; a leading `#` is dropped.
- The report's accent colour matches `{COLOUR_PATTERN}`; quote it (an unquoted `#` starts a
  YAML comment).

## Accounts and files igalgo does not trust

`account` in a drafts file names the profile, tried in this order:

1. the profile itself, as a mapping (`account: {{name: ..., followers: ...}}`);
2. a path to an existing file: a relative path starts in the **drafts file's directory** (the
   current directory for a drafts file read from standard input), an absolute path is taken
   as written, symbolic links are followed;
3. a shipped profile name (`igalgo profiles` lists them);
4. else `unknown-account`. `-` is refused too: standard input is the command line's to give
   (`--account -`), and a file that read it could hang a job whose standard input stays open.

`--account PROFILE` on the command line overrides the file's account and is read as given
(relative to the current directory, or a shipped name).

A drafts file may come from someone you do not trust (a pull request checked in CI), so:

- a profile that a drafts file names and that is not valid is reported **without its text**:
  where its first problem is, its code and how many there are (`igalgo validate PROFILE`
  shows them all), so `account: /etc/shadow` cannot print a line of it;
- `--confine-accounts` (score, plan, validate) accepts only shipped names and paths that stay
  inside the drafts file's directory once links are resolved (`account-outside`);
- `--profiles DIR` (or `IGALGO_PROFILES`, for score, plan and validate) names a trusted folder
  of profiles: after step 2 above, a bare name finds `DIR/NAME.yaml` (or `.yml`), and under
  `--confine-accounts` a path inside `DIR` is accepted too. A profile found there must stay
  inside `DIR` once links are resolved, confined or not: a link in `DIR` that leads out of it
  is `account-outside`. The pre-commit layout: drafts in `drafts/`, profiles in `profiles/`,
  `--confine-accounts --profiles profiles`;
- names, ids, locations, hashtags and captions with control characters (an escape sequence
  such as `"\\e[2J"`, a bidirectional override, a line separator) are refused
  (`control-character`; a caption may have line breaks and tabs), and file names and any
  other text igalgo echoes are printed with such characters escaped (`\\x1b`);
- only regular files are read: a FIFO, a device or a socket is refused (`not-a-file`) rather
  than read for ever; pipe such input into `-`.
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


# --- the Insights exports of igalgo calibrate ---------------------------------------------


WARNING_MEANINGS = {
    WarningCode.IGNORED_COLUMNS: "A column igalgo does not know that looks like one it does "
    "(with a did-you-mean); it is ignored.",
    WarningCode.SHADOWED_COLUMN: "Two columns mean the same (`Views` and `Impressions`): the "
    "first in order of preference is used.",
    WarningCode.DAY_FIRST_DATES: "Publish times are read day first (DD/MM/YYYY, DD-MM-YYYY, "
    "DD.MM.YYYY), because some would be month 13 or more, or, when no number in the column "
    "decides, because they are written with dashes or dots.",
    WarningCode.NO_TIME_OF_DAY: "Publish times without a time of day (`03.08.2026`): read as "
    "midnight, so their hour says nothing.",
    WarningCode.UNCHECKED_DATE: "The `Date` column does not say `Lifetime`: the numbers are read "
    "as lifetime totals anyway.",
    WarningCode.FORMAT_GUESSED: "The export does not say a post's format exactly (a feed video "
    "or a reel, a photo or a carousel in posts.json): the likelier one is taken.",
    WarningCode.ZONE_DISAGREES: "Most publish times lie a whole number of hours from the "
    "creation times their permalinks encode: they were read in the wrong zone (give "
    "`--timezone`).",
    WarningCode.MISSING_REACH: "Reserved (no reader reports it yet): posts without a reach are "
    "counted in the report instead (`exports.without_reach`) and left out of the fit.",
}
"""What each warning of the readers means."""


def _names(names: tuple[str, ...]) -> str:
    return ", ".join(f"`{name}`" for name in names)


def exports_markdown() -> str:
    """The exports section, as Markdown."""
    fit = FitParams()
    lines = [
        "## Insights exports (`igalgo calibrate`)",
        "",
        "`igalgo calibrate EXPORT... --account PROFILE` reads the account's own published "
        "posts from these files, told apart by their content (never their name); several files "
        "of one account may be given together, in any mix of kinds. Columns and keys are found "
        "by name, never by position. A blank cell is a missing value, not zero: "
        + ", ".join(f"`{blank}`" for blank in sorted(BLANKS) if blank)
        + " and an empty cell mean the same.",
        "",
        "### Meta Business Suite content export (CSV)",
        "",
        "Insights > Content > Export data. UTF-8 with or without a byte-order mark, or UTF-16 "
        "(Business Suite's daily files, which start with a `sep=,` line and a title line before "
        "the header); comma, semicolon or tab separated (the report says which, with the date "
        "order and the decimal mark it read). Required: "
        + ", ".join(f"`{COLUMN_ALIASES[name][0]}`" for name in REQUIRED_FIELDS)
        + " (reach may be replaced by views with `--views-per-reach`). `Publish time` is "
        f"`MM/DD/YYYY HH:MM` in US Pacific time (`{BUSINESS_SUITE_ZONE}`, daylight saving "
        "included) whatever the account's zone, as two real exports' permalinks showed (112 of "
        "112 and 142 of 142 posts); igalgo converts it to the profile's `timezone`. "
        "`--timezone ZONE` says the file's times are in ZONE instead. Dates may also be written "
        "with dashes or dots (`03-08-2026 12:00`, `03.08.2026 12.00`, `03.08.2026`: without a "
        "time, midnight, with the warning `no-time-of-day`). The order of day and month is "
        "decided over the whole column: a first number above 12 makes it day first, a second "
        "one month first; when none decides, slashes are month first (Business Suite's own) and "
        "dashes and dots day first, and the warning `day-first-dates` says so. Counts may have "
        "thousands separators (`1.234`, `1,234`), durations a decimal comma (`12,5`). ISO 8601 "
        "and Unix times are read too. Other columns are used "
        "when present; unknown ones are ignored and listed in the report. A `Permalink` "
        "(`instagram.com/p/CODE/`) encodes when the post was created: the shortcode is the "
        "media id in Instagram's base64 alphabet (`A-Z a-z 0-9 - _`), and `id >> 23` is "
        "milliseconds since Instagram's epoch, 1314220021721 (2011-08-24 21:07:01.721 UTC; "
        'the gist "Instagram ID Parsing", gist.github.com/chris124567/'
        "6ac3a0e356cefeee17e411f4640d9b75, and codewithsundeep.com/discussion/solution/63683015). "
        "When most publish times lie a whole number of hours from those creation times, the "
        "reader warns (`zone-disagrees`): the times were read in the wrong zone.",
        "",
        "| field (`--columns HEADER=NAME`) | headers read (English, Spanish, Portuguese, Dutch, "
        "others) |",
        "|---|---|",
    ]
    lines += [f"| `{field}` | {_cell(_names(names))} |" for field, names in COLUMN_ALIASES.items()]
    lines += [
        "",
        "Where two headers of one field are present, the first in the list wins. Post types: "
        + _names(tuple(POST_TYPES))
        + ". The `Date` column, when present, says "
        + _names(LIFETIME_DATES)
        + ' (lifetime totals). Another language: `--columns "Bereik=reach,Soort=type"` (a '
        "header and the field name of the first column, either way round; `type` is short for "
        "`post_type`; repeat `--columns` or separate with commas), and its post types with "
        '`--values "type:Reel=reel,Carrousel=carousel"` (a value and a format: photo, carousel, '
        "reel, video, story). A mapping file (`--mapping FILE`) holds both, one a line, `#` "
        "starting a comment: `Soort = post_type` maps a column, `post_type: Reel = reel` a "
        "value. Many rows with the same problem in one column are one line: how many rows, the "
        "first's problem, the first lines and the values. A file with no known column headers "
        "whose second row has a date is named with its columns and the `--columns` that would "
        "read it. The Dutch headers rest on public parsers of Dutch exports, some are unverified "
        "(docs/decisions/0141-dutch-and-localised-exports.md).",
        "",
        "### Graph API media with insights (JSON)",
        "",
        "Pages of `GET /{ig-user-id}/media?fields=id,media_type,media_product_type,timestamp,"
        "insights.metric(reach,views,likes,comments,saved,shares,follows,profile_visits)`: one "
        '`{"data": [...], "paging": {...}}` page, a list of pages, or the bare `data` list. '
        "`media_type` `IMAGE`, `VIDEO` or `CAROUSEL_ALBUM` and `media_product_type` `FEED`, "
        "`REELS` or `STORY` give the format; `timestamp` is ISO 8601 with an offset; each "
        "metric's lifetime value is `insights.data[].values[0].value` (or `total_value.value`). "
        "Metrics read: "
        + _names(tuple(GRAPH_METRICS))
        + "; `like_count` and `comments_count` stand in for missing likes and comments.",
        "",
        '### "Download your information" insights (JSON)',
        "",
        "`past_instagram_insights/posts.json`, `reels.json` and `stories.json` (lists "
        + _names(tuple(DYI_LISTS))
        + "): counts are strings with thousands separators, `--` is missing, labels are in the "
        "account's interface language (the same names as the CSV headers above, and "
        "`Accounts reached`, `Instagram Plays`...), text mis-decoded as Latin-1 is repaired. "
        "posts.json does not tell carousels from photos: its posts are photos, or videos when "
        "the media file is a video. Times are Unix seconds (`timestamp`, "
        "`creation_timestamp`): an instant, so no zone applies and `--timezone` changes "
        "nothing; igalgo gives them in the profile's zone. The Graph API's `timestamp` carries "
        "its offset, likewise.",
        "",
        "### What a history needs",
        "",
        f"Calibrating needs {fit.min_posts_per_format} posts with a reach of one format. Every "
        "format with posts gets its own level, shrunk towards the account's overall one by "
        "empirical Bayes (few posts stay near it); a format needs "
        f"{fit.min_posts_for_slope} posts for a slope of its own on the model's prediction and "
        f"{fit.min_posts_own_spread} for a P10-P90 range of its own (docs/model.md, "
        "Calibration). "
        f"An export is at most {MAX_EXPORT_BYTES:,} bytes (50 MiB), and one calibration reads "
        f"at most {MAX_POSTS:,} posts, all files together (calibrating that many takes under "
        f"1 GB of memory); a count is at most {MAX_COUNT:,}, a publish time in the years 2010 "
        f"to {LATEST_YEAR}. The posts of every file must "
        "be of one account, each post given once, none published after the run.",
        "",
        "### Export error codes",
        "",
        "Printed as `FILE:LINE:COL: error[CODE]: WHERE: message` with a `hint:` line, where "
        "WHERE is the CSV column or the JSON path of the value (`data[3].insights.reach`); the "
        "problems the readers share with profiles (missing file, empty file, time zone) use the "
        "codes above.",
        "",
        "| code | meaning |",
        "|---|---|",
    ]
    lines += [f"| `{code}` | {_cell(text)} |" for code, text in EXPORT_ERROR_CODE_MEANINGS.items()]
    lines += [
        "| `history-too-short` | No format has enough posts with a reach to fit anything "
        f"(at least {fit.min_posts_per_format} of one format). |",
        "",
        "### Export warnings",
        "",
        "Printed in the report (and in `--format json`'s `exports.warnings`); the reading goes on.",
        "",
        "| code | meaning |",
        "|---|---|",
    ]
    lines += [f"| `{code}` | {_cell(WARNING_MEANINGS[code])} |" for code in WarningCode]
    lines += [
        "",
        "### The calibrated profile",
        "",
        "`--output FILE` writes the input profile's text unchanged (keys, order, comments and "
        "line ends) with a commented `calibration:` mapping appended, or put in place of the "
        "one it had (see the `calibration` table above). Its values are rounded to three "
        "significant digits; `igalgo score` and `igalgo plan` then say `calibrated on N posts, "
        "FIRST to LAST` in their headers and use the levels and spreads of the formats it "
        "holds, its engagement rate and its weekday and hour effects instead of the model's "
        "defaults for an account like it.",
    ]
    return "\n".join(_wrapped(line) for line in lines) + "\n"


def _wrapped(line: str) -> str:
    """A paragraph wrapped to 95 columns; headings and table rows as they are."""
    if line.startswith(("#", "|")) or len(line) <= 95:
        return line
    return textwrap.fill(line, 95, break_long_words=False, break_on_hyphens=False)


PAGE = Path(__file__).resolve().parents[1] / "formats.md"
"""Where the page is written."""


def main() -> None:
    """Rewrite docs/formats.md."""
    PAGE.write_text(formats_markdown(), encoding="utf-8")


if __name__ == "__main__":
    main()
