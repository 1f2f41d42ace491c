"""The validate and profiles use cases, and the schema registry, called as a library."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docs.tools.schemas import DIALECT, SCHEMAS
from igalgo.app.validate import list_shipped_profiles, validate_files
from igalgo.domain import DEFAULT_LIMITS, Account, DraftsFile, Format
from igalgo.inputs.formats import ErrorCode
from igalgo.output.schemas import schema_text
from tests.conftest import PROFILES


def test_validate_files_keeps_the_order_and_never_raises(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: Zon\nfollowers: many\nfolowers: 1\n", encoding="utf-8")
    sources = [
        "bakery",
        str(bad),
        str(tmp_path / "missing.yaml"),
        str(PROFILES / "demo-drafts.yaml"),
    ]
    results = validate_files(sources)
    assert [result.source for result in results] == sources
    assert [result.ok for result in results] == [True, False, False, True]
    assert isinstance(results[0].document, Account)
    assert isinstance(results[3].document, DraftsFile)
    assert results[1].document is None
    assert [p.code for p in results[1].problems] == [ErrorCode.WRONG_TYPE, ErrorCode.UNKNOWN_KEY]
    assert [p.code for p in results[2].problems] == [ErrorCode.FILE_NOT_FOUND]


def test_audio_none_written_the_old_way_loads_muted_with_a_located_note(tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    old.write_text(
        "account: bakery\ndrafts:\n"
        '  - {id: a, format: reel, publish_at: "2026-12-01 10:00", duration_s: 20, audio: none}\n'
        '  - {id: b, format: reel, publish_at: "2026-12-02 10:00", duration_s: 20, muted: true}\n',
        encoding="utf-8",
    )
    (result,) = validate_files([str(old)])
    assert result.ok and isinstance(result.document, DraftsFile)
    assert [d.muted for d in result.document.drafts] == [True, True]
    (note,) = result.notes
    assert note.startswith(f"{old}:3:") and "write `muted: true` instead" in note
    (current,) = validate_files([str(PROFILES / "demo-drafts.yaml")])
    assert current.notes == ()


def test_a_rate_without_per_post_loads_in_its_old_meaning_with_a_located_note(
    tmp_path: Path,
) -> None:
    old = tmp_path / "old.yaml"
    old.write_text(
        "name: Zon\nfollowers: 4000\ninteraction:\n  engagement_rate: 0.025\n", encoding="utf-8"
    )
    marked = tmp_path / "marked.yaml"
    marked.write_text(
        "name: Zon\nfollowers: 4000\ninteraction: {engagement_rate: 0.013, per: post}\n",
        encoding="utf-8",
    )
    (result, current) = validate_files([str(old), str(marked)])
    assert result.ok and isinstance(result.document, Account)
    assert result.document.interaction.per is None
    (note,) = result.notes
    assert note.startswith(f"{old}:4:20: note: interaction.engagement_rate")
    assert "reference level" in note and "add `per: post` under `interaction:`" in note
    assert current.ok and current.notes == ()
    assert isinstance(current.document, Account) and current.document.interaction.per == "post"
    shipped = validate_files([str(path) for path in sorted(PROFILES.glob("*.yaml"))])
    assert [r.notes for r in shipped if r.notes] == []


def test_a_drafts_file_collects_the_problems_of_its_profile_file_first(tmp_path: Path) -> None:
    (tmp_path / "me.yaml").write_text("name: Me\nfollowers: -1\n", encoding="utf-8")
    drafts = tmp_path / "week.yaml"
    drafts.write_text(
        "drafts:\n  - {id: a, format: photo, publish_at: never}\naccount: me.yaml\n",
        encoding="utf-8",
    )
    (result,) = validate_files([str(drafts)])
    files = [p.location.file for p in result.problems if p.location]
    assert files == [str(tmp_path / "me.yaml"), str(drafts)]
    # the drafts file's own problem is not hidden by its account's
    assert result.problems[1].code == ErrorCode.INVALID_DATETIME


def test_list_shipped_profiles_loads_each_one() -> None:
    shipped = list_shipped_profiles()
    assert [profile.name for profile in shipped] == sorted(p.name for p in shipped)
    assert {profile.account.account_type for profile in shipped} == {
        "personal",
        "creator",
        "business",
    }
    followers = [profile.account.followers for profile in shipped]
    assert min(followers) <= 1_000 and max(followers) >= 1_000_000
    assert len({profile.account.timezone for profile in shipped}) >= 3


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_every_registered_schema_is_2020_12_json_with_sorted_keys(name: str) -> None:
    text = schema_text(name)
    schema = json.loads(text)
    assert schema["$schema"] == DIALECT
    assert text == json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_the_drafts_schema_states_the_per_format_rules() -> None:
    rules = {
        rule["if"]["properties"]["format"]["const"]: rule["then"]
        for rule in json.loads(schema_text("drafts"))["properties"]["drafts"]["items"]["allOf"]
        if "if" in rule
    }
    assert rules["carousel"]["required"] == ["slides"]
    assert rules["photo"]["properties"]["audio"] is False
    reel_limit = DEFAULT_LIMITS.max_duration_s(Format.REEL)
    assert rules["reel"]["properties"]["duration_s"] == {"maximum": reel_limit}
    assert "required" not in rules["story"]
    drafts = json.loads(schema_text("drafts"))["properties"]["drafts"]["items"]
    assert {"not": {"required": ["publish_at", "window"]}} in drafts["allOf"]
    assert "publish_at" not in drafts["required"]
