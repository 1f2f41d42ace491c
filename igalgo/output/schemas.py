"""The JSON Schemas (2020-12) ``igalgo schema NAME`` prints, read from the shipped files.

The schemas are static: the documentation tooling (``docs/tools/schemas.py``) generates them
from the enums and declarations the code uses into ``docs/schema/``, a test keeps the committed
files equal to what it generates, and the wheel ships that folder as ``igalgo/schema/``.
"""

from __future__ import annotations

from pathlib import Path

SCHEMA_NAMES = ("profile", "drafts", "output", "plan", "calibration")
"""Every schema ``igalgo schema NAME`` can print, in the order its help lists them."""


def schema_directory() -> Path:
    """Where the schemas are: inside the installed package, else the repository's docs/schema."""
    # A plain path, as for the profiles (igalgo.inputs.sources.profiles_directory): igalgo is
    # installed as files, never zipped.
    package = Path(__file__).resolve().parents[1]
    packaged = package / "schema"
    if packaged.is_dir():
        return packaged
    return package.parent / "docs" / "schema"  # a checkout


def schema_text(name: str) -> str:
    """Schema ``name`` (one of :data:`SCHEMA_NAMES`) as its JSON text, byte for byte."""
    if name not in SCHEMA_NAMES:
        raise KeyError(name)
    path = schema_directory() / f"{name}.schema.json"
    return path.read_bytes().decode("utf-8")
