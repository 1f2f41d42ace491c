"""docs/formats.md is generated from igalgo.inputs.formats; the input schemas agree with the
loader (the schema files themselves: tests/docs/test_schema_files.py).

``python docs/tools/formats_reference.py`` (or ``IGALGO_UPDATE_DOCS=1 pytest tests/docs``) rewrites
the generated files.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from docs.tools.formats_reference import formats_markdown
from docs.tools.schemas import drafts_schema, profile_schema
from igalgo.errors import InputError
from igalgo.inputs.loader import parse_account_text, parse_drafts_text
from tests.conftest import PROFILES, REPO

GENERATED = {
    REPO / "docs" / "formats.md": formats_markdown,
}


@pytest.mark.parametrize("path", list(GENERATED), ids=lambda path: path.name)
def test_generated_file_is_up_to_date(path: Path) -> None:
    expected = GENERATED[path]()
    if os.environ.get("IGALGO_UPDATE_DOCS"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(expected, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == expected, (
        f"{path.relative_to(REPO)} is stale: IGALGO_UPDATE_DOCS=1 pytest {Path(__file__).name}"
    )


def test_the_docs_describe_every_field_and_every_niche() -> None:
    text = formats_markdown()
    for name in ("followers", "market.niche", "drafts[].publish_at", "drafts[].slides"):
        assert f"`{name}`" in text
    assert "`travel`" in text and "`b2b`" in text


@pytest.mark.parametrize("build", [profile_schema, drafts_schema])
def test_schemas_are_valid_json_schema_2020_12(build: Any) -> None:
    schema = build()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_shipped_files_point_editors_at_the_schemas() -> None:
    for path in sorted(PROFILES.glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        kind = "drafts" if path.name in ("demo-drafts.yaml", "demo-plan.yaml") else "profile"
        assert first == f"# yaml-language-server: $schema=../docs/schema/{kind}.schema.json"
        assert (path.parent / f"../docs/schema/{kind}.schema.json").resolve().is_file()


# --- the schema accepts what the loader accepts (where a schema can tell) --------------------
# Documents are written as JSON, which is also YAML, so the same text goes to both.

PROFILE_OK = {"name": "Zon", "followers": 4200}
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
DRAFT_OK = {"id": "a", "format": "photo", "publish_at": "2026-12-01 10:00"}

PROFILES_TO_COMPARE: list[dict[str, Any]] = [
    PROFILE_OK,
    {**PROFILE_OK, "followers": -1},
    {**PROFILE_OK, "followers": 1.5},
    {**PROFILE_OK, "name": " "},
    {**PROFILE_OK, "folowers": 1},
    {"name": "Zon"},
    {**PROFILE_OK, "account_type": "company"},
    {**PROFILE_OK, "market": {"niche": "food", "popularity": "high"}},
    {**PROFILE_OK, "market": {"niche": "fod"}},
    {**PROFILE_OK, "posting": {"times": ["08:00", "19:30"], "feed_per_week": 2.5}},
    {**PROFILE_OK, "posting": {"times": ["8:00"]}},
    {**PROFILE_OK, "posting": {"times": [1170]}},
    {**PROFILE_OK, "follower_activity": {"hours": [1] * 24}},
    {**PROFILE_OK, "follower_activity": {"hours": [1] * 23}},
    {**PROFILE_OK, "follower_activity": {"hours": [0] * 24}},
    {**PROFILE_OK, "follower_activity": {"hours": [1] * 23 + [-1]}},
    {**PROFILE_OK, "follower_activity": {"days": dict.fromkeys(WEEKDAYS, 1)}},
    {**PROFILE_OK, "follower_activity": {"days": dict.fromkeys(WEEKDAYS, 0)}},
    {**PROFILE_OK, "follower_activity": {"days": {"mon": 1}}},
    {**PROFILE_OK, "interaction": {"engagement_rate": 0.02}},
    {**PROFILE_OK, "interaction": {"engagement_rate": 2}},
]

DRAFTS_TO_COMPARE: list[dict[str, Any]] = [
    DRAFT_OK,
    {**DRAFT_OK, "publish_at": "2026-12-01T10:00:00+01:00"},
    {**DRAFT_OK, "publish_at": "2026-12-01"},
    {**DRAFT_OK, "publish_at": "tomorrow"},
    {**DRAFT_OK, "format": "reel", "duration_s": 30, "audio": "trending"},
    {**DRAFT_OK, "format": "reel"},
    {**DRAFT_OK, "format": "reel", "duration_s": 181},
    {**DRAFT_OK, "format": "video", "duration_s": 181},
    {**DRAFT_OK, "format": "story", "duration_s": 61},
    {**DRAFT_OK, "format": "story"},
    {**DRAFT_OK, "format": "carousel", "slides": 5},
    {**DRAFT_OK, "format": "carousel"},
    {**DRAFT_OK, "format": "carousel", "slides": 21},
    {**DRAFT_OK, "slides": 3},
    {**DRAFT_OK, "audio": "original"},
    {**DRAFT_OK, "hashtags": ["#a", "b", "c", "d", "e"]},
    {**DRAFT_OK, "hashtags": ["a", "b", "c", "d", "e", "f"]},
    {**DRAFT_OK, "hashtags": ["two words"]},
    {**DRAFT_OK, "caption": ""},
    {**DRAFT_OK, "caption": "x" * 2201},
    {**DRAFT_OK, "location": ""},
    {**DRAFT_OK, "quality": "high", "watermark": True},
    {**DRAFT_OK, "watermark": "maybe"},
    {**DRAFT_OK, "colour": "red"},
    {"id": "a", "format": "photo"},
]


def loader_accepts(parse: Any) -> bool:
    try:
        parse()
    except InputError:
        return False
    return True


def test_the_comparisons_include_accepted_and_refused_documents() -> None:
    accepted = [
        loader_accepts(lambda d=d: parse_account_text(json.dumps(d), "p.json"))
        for d in PROFILES_TO_COMPARE
    ]
    assert 3 <= sum(accepted) <= len(accepted) - 3


@pytest.mark.parametrize("document", PROFILES_TO_COMPARE, ids=lambda d: json.dumps(d)[:60])
def test_profile_schema_and_loader_agree(document: dict[str, Any]) -> None:
    text = json.dumps(document)
    by_loader = loader_accepts(lambda: parse_account_text(text, "p.json"))
    by_schema = jsonschema.Draft202012Validator(profile_schema()).is_valid(document)
    assert by_loader == by_schema


@pytest.mark.parametrize("draft", DRAFTS_TO_COMPARE, ids=lambda d: json.dumps(d)[:60])
@pytest.mark.parametrize("account", ["inline", "name"])
def test_drafts_schema_and_loader_agree(draft: dict[str, Any], account: str) -> None:
    inline = {**PROFILE_OK, "timezone": "Europe/Amsterdam"}
    document = {"account": inline if account == "inline" else "bakery", "drafts": [draft]}
    text = json.dumps(document)
    by_loader = loader_accepts(lambda: parse_drafts_text(text, "d.json", None))
    by_schema = jsonschema.Draft202012Validator(drafts_schema()).is_valid(document)
    assert by_loader == by_schema


def test_a_quoted_yes_is_the_one_documented_boolean_difference() -> None:
    """JSON's "yes" is text to igalgo, but the schema takes yes/no as text for booleans
    because that is how a YAML 1.2 editor reads an unquoted yes (docs/formats.md,
    `quoted-boolean-words`)."""
    document = {"account": "bakery", "drafts": [{**DRAFT_OK, "watermark": "yes"}]}
    text = json.dumps(document)
    assert not loader_accepts(lambda: parse_drafts_text(text, "d.json", None))
    assert jsonschema.Draft202012Validator(drafts_schema()).is_valid(document)
    unquoted = text.replace('"yes"', "yes")
    assert loader_accepts(lambda: parse_drafts_text(unquoted, "d.yaml", None))
