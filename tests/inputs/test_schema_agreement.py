"""The JSON Schemas judge a file as igalgo does, but for the known, documented differences.

An editor with the YAML language server reads YAML 1.2 and applies the generated schemas;
igalgo reads YAML 1.1 and runs its own checks. Over the YAML test corpus and variants of the
shipped profiles and drafts, every file gets both verdicts, as ``igalgo validate`` gives its
own (the app layer, and the command once over the variants) and as ``jsonschema`` gives the
editor's on a YAML 1.2 reading. Where they disagree, the reason must be one of
:data:`docs.tools.schema_differences.SCHEMA_DIFFERENCES` (listed in docs/formats.md), and
each listed difference must show up at least once, so that the list stays true.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from docs.tools.schema_differences import SCHEMA_DIFFERENCES
from docs.tools.schemas import drafts_schema, profile_schema
from igalgo.app.validate import validate_files
from tests.conftest import PROFILES, SHARED, RunCli

CORPUS = sorted((SHARED / "yaml-test-suite" / "cases").glob("*.yaml"))


# --- the editor's reading: YAML 1.2 core schema ----------------------------------------------


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML with the YAML 1.2 core schema's implicit types (as the YAML language server):
    booleans are true/false only, integers decimal, 0o octal or 0x hex, no base 60, no
    timestamps, no merge keys."""


Yaml12Loader.yaml_implicit_resolvers = {}
_RESOLVERS = [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", "~nN"),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+.0123456789",
    ),
]
for _tag, _pattern, _first in _RESOLVERS:
    Yaml12Loader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


def _int12(loader: yaml.SafeLoader, node: yaml.Node) -> int:
    text = str(loader.construct_scalar(node))  # type: ignore[arg-type]
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text)


def _float12(loader: yaml.SafeLoader, node: yaml.Node) -> float:
    text = str(loader.construct_scalar(node)).lower()  # type: ignore[arg-type]
    return float(text.replace(".inf", "inf").replace(".nan", "nan"))


def _bool12(loader: yaml.SafeLoader, node: yaml.Node) -> bool:
    return str(loader.construct_scalar(node)).lower() == "true"  # type: ignore[arg-type]


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _int12)
Yaml12Loader.add_constructor("tag:yaml.org,2002:float", _float12)
Yaml12Loader.add_constructor("tag:yaml.org,2002:bool", _bool12)


def _as_json(value: Any) -> Any:
    """A parsed value as the language server hands it to JSON Schema: keys as text."""
    if isinstance(value, dict):
        return {str(key).lower() if isinstance(key, bool) else str(key): _as_json(v)
                for key, v in value.items()}  # fmt: skip
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    return value


def _read(text: str, loader: type[yaml.SafeLoader]) -> tuple[bool, Any]:
    """(parsed, value) of one YAML document; (False, None) when it cannot be read."""
    try:
        return True, _as_json(yaml.load(text, Loader=loader))
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        return False, None


def _same(first: Any, second: Any) -> bool:
    """Equal, NaN included."""
    if isinstance(first, float) and isinstance(second, float):
        return first == second or (math.isnan(first) and math.isnan(second))
    if isinstance(first, dict) and isinstance(second, dict):
        return first.keys() == second.keys() and all(_same(first[k], second[k]) for k in first)
    if isinstance(first, list) and isinstance(second, list):
        return len(first) == len(second) and all(map(_same, first, second))
    return type(first) is type(second) and first == second


_VALIDATORS = {
    "profile": jsonschema.Draft202012Validator(profile_schema()),
    "drafts": jsonschema.Draft202012Validator(drafts_schema()),
}


def schema_verdict(text: str) -> bool:
    """True when an editor with the schemas finds no problem: YAML 1.2 reading, the drafts
    schema for a mapping with a `drafts` key (as igalgo detects), else the profile schema."""
    parsed, value = _read(text, Yaml12Loader)
    if not parsed:
        return False
    kind = "drafts" if isinstance(value, dict) and "drafts" in value else "profile"
    return _VALIDATORS[kind].is_valid(value)


# --- the two verdicts of one file -------------------------------------------------------------


@dataclass(frozen=True)
class Verdicts:
    """What igalgo and the schema say about one file, and why they may differ."""

    path: Path
    igalgo_ok: bool
    schema_ok: bool
    codes: frozenset[str]
    messages: tuple[str, ...]
    readings_differ: bool
    """YAML 1.1 and YAML 1.2 read the text into different values (or only one reads it)."""

    def difference(self) -> str | None:
        """The id of the known difference that explains a disagreement; None when they agree;
        ``unexplained`` when none does."""
        if self.igalgo_ok == self.schema_ok:
            return None
        if self.readings_differ:
            return "yaml-1.1-readings"
        if not self.igalgo_ok:
            for known in SCHEMA_DIFFERENCES:
                if not self.codes or not self.codes <= known.codes:
                    continue
                pattern = re.compile(known.messages, re.IGNORECASE)
                if all(pattern.search(message) for message in self.messages):
                    return known.id
        return "unexplained"


def verdicts(paths: list[Path]) -> Iterator[Verdicts]:
    """Both verdicts for each file, igalgo's from ``igalgo validate``'s use case."""
    for path, result in zip(paths, validate_files([str(p) for p in paths]), strict=True):
        text = path.read_bytes().decode("utf-8", errors="replace")
        old, new = _read(text, yaml.SafeLoader), _read(text, Yaml12Loader)
        yield Verdicts(
            path,
            result.ok,
            schema_verdict(text),
            frozenset(str(p.code) for p in result.problems),
            tuple(p.message for p in result.problems),
            old[0] != new[0] or not _same(old[1], new[1]),
        )


# --- generated variants of the shipped files --------------------------------------------------


CALIBRATION = {
    "version": '  igalgo_version: "0.1.0"',
    "posts": "  posts: 40",
    "first": "  first_post: 2025-01-07",
    "last": "  last_post: 2025-06-30",
    "rate": "  engagement_rate: 0.021",
    "formats": "  formats: {photo: {posts: 20, appeal: 0.8, appeal_log_sd: 0.6}, "
    "story: {posts: 10, appeal: 1.2}}",
    "weekdays": "  weekday_appeal: [1.1, 1, 0.95, 1, 1, 0.9, 1.05]",
    "quality": "  quality: {inside_p10_p90: 0.78, median_log_error: 0.35, checked_on: backtest}",
}
"""The lines of a valid ``calibration:`` mapping, by name."""


def _calibration(**changes: str) -> str:
    """The calibration's lines with some replaced (an empty text drops the line)."""
    lines = {**CALIBRATION, **changes}
    return "\n".join(line for line in lines.values() if line)


CALIBRATION_VARIANTS = {
    "as-written": _calibration(),
    "dates-quoted": _calibration(first='  first_post: "2025-01-07"'),
    "date-with-time": _calibration(first="  first_post: 2025-01-07 10:00"),
    "date-no-such-day": _calibration(last="  last_post: 2025-02-30"),
    "date-number": _calibration(first="  first_post: 20250107"),
    # Quoted dates: both read the same text, and only igalgo compares the two.
    "dates-reversed": _calibration(
        first='  first_post: "2025-07-01"', last='  last_post: "2025-06-30"'
    ),
    "formats-too-many-posts": _calibration(
        posts="  posts: 25", first='  first_post: "2025-01-07"', last='  last_post: "2025-06-30"'
    ),
    "version-number": _calibration(version="  igalgo_version: 0.1"),
    "version-missing": _calibration(version=""),
    "posts-zero": _calibration(posts="  posts: 0"),
    "rate-zero": _calibration(rate="  engagement_rate: 0"),
    "rate-one": _calibration(rate="  engagement_rate: 1"),
    "appeal-zero": _calibration(formats="  formats: {photo: {posts: 20, appeal: 0}}"),
    "spread-negative": _calibration(
        formats="  formats: {photo: {posts: 20, appeal: 1, appeal_log_sd: -0.1}}"
    ),
    "story-spread": _calibration(
        formats="  formats: {story: {posts: 10, appeal: 1, appeal_log_sd: 0.5}}"
    ),
    "format-unknown": _calibration(formats="  formats: {reels: {posts: 10, appeal: 1}}"),
    "weekdays-short": _calibration(weekdays="  weekday_appeal: [1, 1, 1]"),
    "weekday-zero": _calibration(weekdays="  weekday_appeal: [1, 1, 1, 1, 1, 1, 0]"),
    "checked-unknown": _calibration(quality="  quality: {checked_on: tested}"),
    "share-too-high": _calibration(quality="  quality: {inside_p10_p90: 1.5}"),
}
"""Calibration mappings for the profile variants: valid, and broken in one way each."""

PROFILE_VARIANTS: dict[str, tuple[str, str]] = {
    # name: (pattern of a line in profiles/bakery.yaml, its replacement)
    "as-shipped": ("^name: .*$", "name: Bakkerij Zon"),
    "followers-octal": ("^followers: .*$", "followers: 0700"),
    "followers-decimal": ("^followers: .*$", "followers: 700"),
    "followers-quoted": ("^followers: .*$", 'followers: "700"'),
    "followers-exponent": ("^followers: .*$", "followers: 1e3"),
    "followers-underscores": ("^followers: .*$", "followers: 1_000"),
    "followers-hex": ("^followers: .*$", "followers: 0x10"),
    "followers-0o": ("^followers: .*$", "followers: 0o17"),
    "followers-sexagesimal": ("^followers: .*$", "followers: 1:30"),
    "followers-negative": ("^followers: .*$", "followers: -5"),
    "followers-fraction": ("^followers: .*$", "followers: 4200.5"),
    "followers-whole-float": ("^followers: .*$", "followers: 4200.0"),
    "followers-thousands-dot": ("^followers: .*$", "followers: 25.000"),
    "followers-thousands-dots": ("^followers: .*$", "followers: 1.200.000"),
    "followers-thousands-comma": ("^followers: .*$", "followers: 25,000"),
    "followers-boolean": ("^followers: .*$", "followers: yes"),
    "followers-empty": ("^followers: .*$", "followers:"),
    "name-boolean": ("^name: .*$", "name: yes"),
    "name-quoted-boolean": ("^name: .*$", 'name: "yes"'),
    "name-blank": ("^name: .*$", 'name: "  "'),
    "name-number": ("^name: .*$", "name: 42"),
    "name-date": ("^name: .*$", "name: 2026-12-01"),
    "account-type-unknown": ("^account_type: .*$", "account_type: brand"),
    "timezone-unknown": ("^timezone: .*$", "timezone: Mars/Olympus_Mons"),
    "timezone-empty": ("^timezone: .*$", 'timezone: ""'),
    "times-unquoted": ("^  times: .*$", "  times: [08:00, 19:30]"),
    "times-early-unquoted": ("^  times: .*$", "  times: [08:00]"),
    "times-out-of-day": ("^  times: .*$", '  times: ["24:00"]'),
    "times-short": ("^  times: .*$", '  times: ["8:00"]'),
    "rate-exponent": ("^  engagement_rate: .*$", "  engagement_rate: 1e-2"),
    "rate-signed-exponent": ("^  engagement_rate: .*$", "  engagement_rate: 1.0e-2"),
    "rate-too-high": ("^  engagement_rate: .*$", "  engagement_rate: 2.5"),
    "gates-valid": ("^name: .*$", "name: Zon\ngates: {feed: 15%, reels: 2000, total: 0.5 %}"),
    "gates-words": ("^name: .*$", "name: Zon\ngates: {feed: lots}"),
    "gates-negative": ("^name: .*$", "name: Zon\ngates: {reels: -1}"),
    "gates-unknown": ("^name: .*$", "name: Zon\ngates: {feeds: 10%}"),
    "rate-leading-dot": ("^  engagement_rate: .*$", "  engagement_rate: .05"),
    "rate-percent": ("^  engagement_rate: .*$", '  engagement_rate: "2.5%"'),
    "rate-infinite": ("^  engagement_rate: .*$", "  engagement_rate: .inf"),
    "day-infinite": (
        "^  days: .*$",
        "  days: {mon: .inf, tue: 1, wed: 1, thu: 1, fri: 1, sat: 1, sun: 1}",
    ),
    "days-all-zero": (
        "^  days: .*$",
        "  days: {mon: 0, tue: 0, wed: 0, thu: 0, fri: 0, sat: 0, sun: 0}",
    ),
    "days-missing-one": (
        "^  days: .*$",
        "  days: {mon: 1, tue: 1, wed: 1, thu: 1, fri: 1, sat: 1}",
    ),
    "unknown-key": ("^name: .*$", "name: Bakkerij Zon\nfolowers: 3"),
    "duplicate-key": ("^name: .*$", "name: Bakkerij Zon\nname: Zon"),
    "merge-key": ("^market:$", "base: &base {niche: food}\nmarket:\n  <<: *base"),
    "two-documents": ("^name: .*$", "name: Bakkerij Zon\n---\nname: x"),
    "niche-unknown": ("^  niche: .*$", "  niche: bakeries"),
    "niche-boolean": ("^  niche: .*$", "  niche: no"),
    **{
        f"calibration-{name}": ("^interaction:$", f"calibration:\n{body}\ninteraction:")
        for name, body in CALIBRATION_VARIANTS.items()
    },
}

DRAFT_VARIANTS: dict[str, tuple[str, str]] = {
    # name: (pattern of a line of the first draft in profiles/demo-drafts.yaml, replacement)
    "as-shipped": ("^    watermark: false$", "    watermark: false"),
    "watermark-yes": ("^    watermark: false$", "    watermark: yes"),
    "watermark-off": ("^    watermark: false$", "    watermark: off"),
    "watermark-On": ("^    watermark: false$", "    watermark: On"),
    "watermark-True": ("^    watermark: false$", "    watermark: True"),
    "watermark-quoted-yes": ("^    watermark: false$", '    watermark: "yes"'),
    "watermark-maybe": ("^    watermark: false$", "    watermark: maybe"),
    "watermark-number": ("^    watermark: false$", "    watermark: 1"),
    "publish-unquoted": (
        '^    publish_at: "tue 19:30"$',
        "    publish_at: 2026-12-01 19:30",
    ),
    "publish-unquoted-seconds": (
        '^    publish_at: "tue 19:30"$',
        "    publish_at: 2026-12-01 19:30:00",
    ),
    "publish-date-only": ('^    publish_at: "tue 19:30"$', "    publish_at: 2026-12-01"),
    "publish-no-such-day": (
        '^    publish_at: "tue 19:30"$',
        '    publish_at: "2026-02-30 19:30"',
    ),
    "publish-dst-gap": (
        '^    publish_at: "tue 19:30"$',
        '    publish_at: "2026-03-29 02:30"',
    ),
    "publish-offset": (
        '^    publish_at: "tue 19:30"$',
        '    publish_at: "2026-12-01T19:30:00+01:00"',
    ),
    "publish-time-only": ('^    publish_at: "tue 19:30"$', "    publish_at: 19:30"),
    "publish-weekday-long": ('^    publish_at: "tue 19:30"$', '    publish_at: "Tuesday 07:05"'),
    "publish-weekday-typo": ('^    publish_at: "tue 19:30"$', '    publish_at: "tues 19:30"'),
    "status-unknown": ("^    watermark: false$", "    status: done"),
    "caption-boolean": ('^    caption: "Warm.*$', "    caption: yes"),
    "caption-empty": ('^    caption: "Warm.*$', "    caption:"),
    "caption-number": ('^    caption: "Warm.*$', "    caption: 27"),
    "location-no": ("^    location: Utrecht$", "    location: no"),
    "location-quoted-no": ("^    location: Utrecht$", '    location: "no"'),
    "hashtag-space": ("^    hashtags: \\[bakery, .*$", '    hashtags: ["fresh bread"]'),
    "hashtag-double": ("^    hashtags: \\[bakery, .*$", '    hashtags: ["##bread"]'),
    "hashtag-hash": ("^    hashtags: \\[bakery, .*$", '    hashtags: ["#bread"]'),
    "hashtag-number": ("^    hashtags: \\[bakery, .*$", "    hashtags: [2026]"),
    "duration-exponent": ("^    duration_s: 25$", "    duration_s: 1e3"),
    "duration-too-long": ("^    duration_s: 25$", "    duration_s: 100000"),
    "duration-zero": ("^    duration_s: 25$", "    duration_s: 0"),
    "duration-missing": ("^    duration_s: 25$", ""),
    "slides-on-reel": ("^    duration_s: 25$", "    duration_s: 25\n    slides: 3"),
    "format-unknown": ("^    format: reel$", "    format: tiktok"),
    "format-capital": ("^    format: reel$", "    format: Reel"),
    "quality-unknown": ("^    quality: high$", "    quality: 4k"),
    "id-duplicate": ("^  - id: croissant-reel$", "  - id: sourdough-carousel"),
    "id-empty": ("^  - id: croissant-reel$", '  - id: ""'),
    "id-number": ("^  - id: croissant-reel$", "  - id: 7"),
    "account-unknown": ("^account: bakery$", "account: no-such-bakery"),
    "account-inline": (
        "^account: bakery$",
        "account: {name: Zon, followers: 4200, timezone: Europe/Amsterdam}",
    ),
    "account-inline-octal": ("^account: bakery$", "account: {name: Zon, followers: 0700}"),
    "account-inline-zone": (
        "^account: bakery$",
        "account: {name: Zon, followers: 10, timezone: Europe/Utrecht}",
    ),
    "account-missing": ("^account: bakery$", ""),
    "drafts-empty": ("^drafts:$", "drafts: []\nrest:"),
}


def _variant(source: Path, pattern: str, replacement: str) -> str:
    text = source.read_text(encoding="utf-8")
    changed, count = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert count == 1, (source.name, pattern)
    return changed


@pytest.fixture(scope="module")
def variants(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Every variant written to a file (drafts variants keep `account: bakery`, a shipped
    profile, so that they are judged on their own)."""
    root = tmp_path_factory.mktemp("variants")
    paths = []
    for name, (pattern, replacement) in PROFILE_VARIANTS.items():
        path = root / f"profile-{name}.yaml"
        path.write_text(_variant(PROFILES / "bakery.yaml", pattern, replacement), "utf-8")
        paths.append(path)
    for name, (pattern, replacement) in DRAFT_VARIANTS.items():
        path = root / f"drafts-{name}.yaml"
        path.write_text(_variant(PROFILES / "demo-drafts.yaml", pattern, replacement), "utf-8")
        paths.append(path)
    for shipped in sorted(PROFILES.glob("*.yaml")):
        path = root / f"shipped-{shipped.name}"
        path.write_text(shipped.read_text(encoding="utf-8"), encoding="utf-8")
        paths.append(path)
    return paths


def _report(found: list[Verdicts]) -> str:
    return "\n".join(
        f"{v.path.name}: igalgo {'ok' if v.igalgo_ok else sorted(v.codes)}, schema "
        f"{'ok' if v.schema_ok else 'invalid'}"
        for v in found
    )


def test_the_shipped_files_are_valid_for_both() -> None:
    paths = sorted(PROFILES.glob("*.yaml"))
    found = list(verdicts(paths))
    assert all(v.igalgo_ok and v.schema_ok for v in found), _report(found)


def test_every_disagreement_over_the_variants_is_a_known_difference(variants: list[Path]) -> None:
    found = list(verdicts(variants))
    unexplained = [v for v in found if v.difference() == "unexplained"]
    assert unexplained == [], _report(unexplained)
    seen = {v.difference() for v in found} - {None}
    assert seen == {d.id for d in SCHEMA_DIFFERENCES}, "every listed difference occurs"
    by_name = {v.path.stem: v for v in found}
    # The two the issue names: igalgo and the editor now agree on `watermark: yes` ...
    for name in ("watermark-yes", "watermark-off", "watermark-On", "watermark-quoted-yes"):
        assert by_name[f"drafts-{name}"].schema_ok, name
    assert not by_name["drafts-watermark-maybe"].schema_ok
    # ... and `followers: 0700` is one of the listed YAML 1.1 readings, with igalgo's hint.
    assert by_name["profile-followers-octal"].difference() == "yaml-1.1-readings"
    assert by_name["profile-followers-octal"].codes == {"ambiguous-number"}
    agree = sum(v.difference() is None for v in found)
    assert agree >= 0.6 * len(found), f"only {agree} of {len(found)} agree"


@pytest.mark.skipif(not CORPUS, reason="the YAML test suite is not beside the repository")
def test_every_disagreement_over_the_yaml_test_corpus_is_a_known_difference() -> None:
    found = list(verdicts(CORPUS))
    assert len(found) >= 400
    unexplained = [v for v in found if v.difference() == "unexplained"]
    assert unexplained == [], _report(unexplained)


def test_the_command_gives_the_same_verdicts(run_cli: RunCli, variants: list[Path]) -> None:
    """``igalgo validate`` itself, once over every variant, says what its use case says."""
    done = run_cli("validate", *map(str, variants), timeout=120)
    ok = {line.split(": ok (")[0] for line in done.stdout.splitlines() if ": ok (" in line}
    expected = {str(v.path) for v in verdicts(variants) if v.igalgo_ok}
    assert ok == expected
    assert done.returncode == (2 if len(ok) < len(variants) else 0)


def test_the_differences_are_documented() -> None:
    text = (PROFILES.parent / "docs" / "formats.md").read_text(encoding="utf-8")
    for known in SCHEMA_DIFFERENCES:
        assert f"`{known.id}`" in text, known.id
    assert json.dumps(drafts_schema()).count('"yes"') >= 1
