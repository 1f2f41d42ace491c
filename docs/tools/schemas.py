"""Generator of docs/schema/*.schema.json, the JSON Schemas (2020-12) ``igalgo schema NAME`` prints.

``python -m docs.tools.schemas`` writes them; the wheel ships them (pyproject's force-include)
and :mod:`igalgo.output.schemas` reads them. tests/docs/test_schema_files.py regenerates every
one and compares it with the committed file, so a schema cannot list a value the code does not
produce.

The input schemas (``profile``, ``drafts``) are generated from the declarations in
:mod:`igalgo.inputs.formats`, the same ones the loader checks against, so an editor that validates
with them (the shipped profiles point yaml-language-server at ``docs/schema/``) agrees with
``igalgo validate``. Checks that depend on other files (the account reference, the time zone
database, daylight-saving gaps, unique draft ids) are the loader's alone. The output schemas are
in :mod:`docs.tools.score_schema`, :mod:`docs.tools.plan_schema` and
:mod:`docs.tools.calibration_schema`.

To add a schema, register a function that returns it in :data:`SCHEMAS` and its name in
:data:`igalgo.output.schemas.SCHEMA_NAMES`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import time
from enum import Enum
from pathlib import Path
from typing import Any

from docs.tools.calibration_schema import calibration_schema
from docs.tools.plan_schema import plan_schema
from docs.tools.score_schema import output_schema
from igalgo.domain import Format
from igalgo.inputs.declarations import (
    CLOCK_TIME_PATTERN,
    COLOUR_PATTERN,
    DATE_PATTERN,
    DATETIME_PATTERN,
    HASHTAG_PATTERN,
    REACH_PATTERN,
    WEEK_TIME_PATTERN,
    YAML11_BOOLEAN_WORDS,
    Field,
    Kind,
    Shape,
)
from igalgo.inputs.formats import DRAFTS_FILE, PROFILE

DIALECT = "https://json-schema.org/draft/2020-12/schema"
"""The JSON Schema version of every igalgo schema."""

SCHEMA_ID_BASE = "https://igalgo.invalid/schema/"
"""Prefix of the schemas' ``$id`` (a name, not a place to download from)."""


def profile_schema() -> dict[str, Any]:
    """The schema of an account profile file."""
    schema = _shape_schema(PROFILE)
    return {"$schema": DIALECT, "$id": SCHEMA_ID_BASE + "profile.schema.json", **schema}


def drafts_schema() -> dict[str, Any]:
    """The schema of a drafts file; the inline profile form is ``$defs/profile``."""
    schema = _shape_schema(DRAFTS_FILE)
    return {
        "$schema": DIALECT,
        "$id": SCHEMA_ID_BASE + "drafts.schema.json",
        **schema,
        "$defs": {"profile": _shape_schema(PROFILE)},
    }


SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    "profile": profile_schema,
    "drafts": drafts_schema,
    "output": output_schema,
    "plan": plan_schema,
    "calibration": calibration_schema,
}
"""Every schema ``igalgo schema NAME`` can print, by name, and the function that builds it."""

SCHEMA_DIRECTORY = Path(__file__).resolve().parents[1] / "schema"
"""docs/schema/, where the generated schemas are committed."""


def schema_text(name: str) -> str:
    """Schema ``name`` as the JSON text igalgo prints and ``docs/schema/`` holds."""
    return json.dumps(SCHEMAS[name](), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main() -> None:
    """Write every schema to docs/schema/NAME.schema.json."""
    for name in SCHEMAS:
        path = SCHEMA_DIRECTORY / f"{name}.schema.json"
        path.write_text(schema_text(name), encoding="utf-8")


def _shape_schema(shape: Shape) -> dict[str, Any]:
    """A closed object: declared keys only, required ones listed, per-format rules for drafts."""
    schema: dict[str, Any] = {
        "title": shape.title,
        "description": shape.description,
        "type": "object",
        "properties": {field.name: _field_schema(field) for field in shape.fields},
        "additionalProperties": False,
    }
    required = [field.name for field in shape.fields if field.required]
    if required:
        schema["required"] = required
    rules = [_format_rule(shape, fmt) for fmt in Format]
    rules = [rule for rule in rules if rule is not None]
    rules += [{"not": {"required": list(group)}} for group in shape.exclusive]
    if rules:
        schema["allOf"] = rules
    return schema


def _format_rule(shape: Shape, fmt: Format) -> dict[str, Any] | None:
    """``if format is fmt then ...``: fields it may not have, must have, and their limits."""
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in shape.fields:
        if field.formats is not None and fmt not in field.formats:
            properties[field.name] = False
            continue
        if fmt in field.required_for:
            required.append(field.name)
        limit = field.maximum_for(fmt) if field.maximum_for else None
        if limit is not None:
            properties[field.name] = {"maximum": limit}
    if not properties and not required:
        return None
    then: dict[str, Any] = {}
    if properties:
        then["properties"] = properties
    if required:
        then["required"] = required
    return {
        "if": {"properties": {"format": {"const": fmt.value}}, "required": ["format"]},
        "then": then,
    }


def _field_schema(field: Field) -> dict[str, Any]:
    schema = _kind_schema(field)
    if field.description:
        schema["description"] = field.description
    if field.default is not None:
        schema["default"] = _json_value(field.default)
    return schema


def _kind_schema(field: Field) -> dict[str, Any]:
    kind = field.kind
    if kind is Kind.TEXT:
        schema: dict[str, Any] = {"type": "string"}
        if field.default != "":
            schema["pattern"] = r"\S"  # not empty or only spaces (patterns are not anchored)
    elif kind is Kind.INTEGER or kind is Kind.NUMBER:
        schema = {"type": "integer" if kind is Kind.INTEGER else "number"}
        if field.minimum is not None:
            schema["exclusiveMinimum" if field.minimum_excluded else "minimum"] = field.minimum
        if field.maximum is not None:
            schema["maximum"] = field.maximum
        if field.positive_minimum is not None:  # zero, or at least the positive minimum
            schema["not"] = {"exclusiveMinimum": 0, "exclusiveMaximum": field.positive_minimum}
    elif kind is Kind.BOOLEAN:
        # YAML 1.1's yes/no/on/off are booleans to igalgo and text to a YAML 1.2 editor.
        schema = {"anyOf": [{"type": "boolean"}, {"enum": list(YAML11_BOOLEAN_WORDS)}]}
    elif kind is Kind.CHOICE:
        assert field.choices is not None
        schema = {"type": "string", "enum": [member.value for member in field.choices]}
    elif kind is Kind.CLOCK_TIME:
        schema = {"type": "string", "pattern": CLOCK_TIME_PATTERN}
    elif kind is Kind.DATETIME:
        schema = {
            "type": "string",
            "anyOf": [{"pattern": DATETIME_PATTERN}, {"pattern": WEEK_TIME_PATTERN}],
        }
    elif kind is Kind.DATE:
        schema = {"type": "string", "pattern": DATE_PATTERN}
    elif kind is Kind.TIMEZONE:
        schema = {"type": "string", "minLength": 1}
    elif kind is Kind.HASHTAG:
        schema = {"type": "string", "pattern": HASHTAG_PATTERN}
    elif kind is Kind.COLOUR:
        schema = {"type": "string", "pattern": COLOUR_PATTERN}
    elif kind is Kind.LIST:
        assert field.items is not None
        schema = {"type": "array", "items": _field_schema(field.items)}
        if field.min_items:
            schema["minItems"] = field.min_items
        if field.max_items is not None:
            schema["maxItems"] = field.max_items
        if field.needs_positive:
            schema["contains"] = {"exclusiveMinimum": 0}
    elif kind is Kind.MAPPING:
        assert field.shape is not None
        schema = _shape_schema(field.shape)
        if field.needs_positive:
            schema["anyOf"] = [
                {"properties": {name: {"exclusiveMinimum": 0}}} for name in field.shape.names
            ]
    elif kind is Kind.REACH:
        schema = {
            "anyOf": [
                {"type": "number", "minimum": 0},
                {"type": "string", "pattern": REACH_PATTERN},
            ]
        }
    else:  # Kind.ACCOUNT
        schema = {"oneOf": [{"type": "string", "minLength": 1}, {"$ref": "#/$defs/profile"}]}
    if field.max_length is not None:
        schema["maxLength"] = field.max_length
    return schema


def _json_value(value: object) -> object:
    """A declared default as JSON: enums by value, times as "HH:MM", tuples as lists."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, tuple | list):
        return [_json_value(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _json_value(item) for key, item in value.items()}
    return value


if __name__ == "__main__":
    main()
