"""A small JSON Schema (2020-12) validator for the subset igalgo's output schema uses.

Supported keywords: type, properties, required, additionalProperties (false), items, enum,
const, minimum, exclusiveMinimum, minItems, pattern, oneOf, $ref (local ``#/$defs/...``).
Any other keyword makes :func:`validate` fail loudly, so the schema cannot silently grow past
what the contract test checks. (A tiny validator instead of a new test dependency.)
"""

from __future__ import annotations

import re
from typing import Any

_KNOWN = {
    "$schema",
    "$id",
    "$defs",
    "$ref",
    "title",
    "description",
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "enum",
    "const",
    "minimum",
    "exclusiveMinimum",
    "minItems",
    "pattern",
    "oneOf",
}

_TYPES: dict[str, Any] = {
    "object": dict,
    "array": list,
    "string": str,
    "boolean": bool,
}


def _type_ok(value: Any, name: str) -> bool:
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, _TYPES[name])


def errors(value: Any, schema: dict[str, Any], root: dict[str, Any], path: str = "$") -> list[str]:
    """Every way ``value`` breaks ``schema``, as ``path: reason`` strings (empty when valid)."""
    unknown = set(schema) - _KNOWN
    if unknown:
        raise ValueError(f"schema keyword(s) not supported by the test validator: {unknown}")
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        return errors(value, root["$defs"][name], root, path)
    found: list[str] = []
    if "type" in schema and not _type_ok(value, schema["type"]):
        return [f"{path}: expected {schema['type']}, got {type(value).__name__}"]
    if "const" in schema and value != schema["const"]:
        found.append(f"{path}: expected {schema['const']!r}, got {value!r}")
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{path}: {value!r} not in {schema['enum']}")
    if "minimum" in schema and value < schema["minimum"]:
        found.append(f"{path}: {value} < minimum {schema['minimum']}")
    if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
        found.append(f"{path}: {value} <= exclusiveMinimum {schema['exclusiveMinimum']}")
    if "pattern" in schema and not re.search(schema["pattern"], value):
        found.append(f"{path}: {value!r} does not match {schema['pattern']}")
    if "oneOf" in schema:
        outcomes = [errors(value, s, root, path) for s in schema["oneOf"]]
        matching = sum(1 for outcome in outcomes if not outcome)
        if matching != 1:
            found.append(f"{path}: matches {matching} of oneOf, expected exactly 1")
        if matching == 0:  # say why, from the branch of the right type that came closest
            wrong_type = f"{path}: expected "
            found += min(outcomes, key=lambda o: (o[0].startswith(wrong_type), len(o)))
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                found.append(f"{path}: missing required key {key!r}")
        for key, item in value.items():
            if key in properties:
                found += errors(item, properties[key], root, f"{path}.{key}")
            elif schema.get("additionalProperties") is False:
                found.append(f"{path}: unexpected key {key!r}")
    if isinstance(value, list):
        if "minItems" in schema and len(value) < schema["minItems"]:
            found.append(f"{path}: fewer than {schema['minItems']} items")
        if "items" in schema:
            for index, item in enumerate(value):
                found += errors(item, schema["items"], root, f"{path}[{index}]")
    return found


def validate(value: Any, schema: dict[str, Any], definition: str | None = None) -> list[str]:
    """Errors of ``value`` against ``schema`` (or against ``$defs/definition`` of it)."""
    target = schema if definition is None else schema["$defs"][definition]
    return errors(value, target, schema)
