"""Synthetic exports for the export readers' tests: every file is written by the tests."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from igalgo.errors import InputError, Problem
from igalgo.inputs.exports import ExportReading, read_exports

FIELDS = (
    "post_id",
    "account_id",
    "account_username",
    "account_name",
    "description",
    "duration",
    "published_at",
    "permalink",
    "post_type",
    "data_comment",
    "date",
    "views",
    "reach",
    "likes",
    "shares",
    "follows",
    "comments",
    "saves",
)
"""The columns of a full Business Suite export, in its order."""

ENGLISH_HEADER = (
    "Post ID,Account ID,Account username,Account name,Description,Duration (sec),"
    "Publish time,Permalink,Post type,Data comment,Date,Views,Reach,Likes,Shares,"
    "Follows,Comments,Saves"
)
"""The header line of an English Business Suite content export."""

ENGLISH = dict(zip(FIELDS, ENGLISH_HEADER.split(","), strict=True))
"""Field -> English header, as Business Suite exports it."""

SPANISH = dict(
    zip(
        FIELDS,
        (
            "identificador de la publicación",
            "Identificador de la cuenta",
            "Nombre de usuario de la cuenta",
            "Nombre de la cuenta",
            "Descripción",
            "Duración (segundos)",
            "Hora de publicación",
            "Enlace permanente",
            "Tipo de publicación",
            "Comentario sobre los datos",
            "Fecha",
            "Visualizaciones",
            "Alcance",
            "Me gusta",
            "Veces que se ha compartido",
            "Seguidores",
            "Comentarios",
            "Veces guardado",
        ),
        strict=True,
    )
)
"""Field -> Spanish header (``Seguidores`` is the follows column)."""

POSTS: tuple[Mapping[str, str], ...] = (
    {
        "post_id": "18011",
        "account_id": "1784",
        "account_username": "bakery",
        "account_name": "The Bakery",
        "description": "New bread, crusty",
        "duration": "44",
        "published_at": "10/03/2025 08:31",
        "permalink": "https://www.instagram.com/reel/AAA/",
        "post_type": "IG reel",
        "date": "Lifetime",
        "views": "12,400",
        "reach": "9,100",
        "likes": "610",
        "shares": "88",
        "follows": "41",
        "comments": "57",
        "saves": "230",
    },
    {
        "post_id": "18012",
        "account_id": "1784",
        "account_username": "bakery",
        "account_name": "The Bakery",
        "description": "Croissants",
        "duration": "0",
        "published_at": "10/04/2025 18:00",
        "permalink": "https://www.instagram.com/p/BBB/",
        "post_type": "IG image",
        "date": "Lifetime",
        "views": "",
        "reach": "900",
        "likes": "61",
        "shares": "",
        "follows": "4",
        "comments": "5",
        "saves": "23",
    },
    {
        "post_id": "18013",
        "account_id": "1784",
        "account_username": "bakery",
        "account_name": "The Bakery",
        "description": "Three cakes",
        "duration": "",
        "published_at": "10/05/2025 12:15",
        "permalink": "https://www.instagram.com/p/CCC/",
        "post_type": "IG carousel",
        "date": "Lifetime",
        "views": "3,210",
        "reach": "2,000",
        "likes": "150",
        "shares": "9",
        "follows": "",
        "comments": "12",
        "saves": "44",
    },
)
"""Three posts of one account (a reel, a photo, a carousel), as Business Suite writes them."""


def csv_text(
    header: Mapping[str, str],
    rows: Sequence[Mapping[str, str]],
    *,
    fields: Sequence[str] | None = None,
    delimiter: str = ",",
    extra: Mapping[str, str] | None = None,
) -> str:
    """A CSV with ``header``'s names for ``fields`` (default: all of ``header``), plus
    ``extra`` columns (header -> value on every row)."""
    names = list(fields or header)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow([header[name] for name in names] + list(extra or {}))
    for row in rows:
        writer.writerow([row.get(name, "") for name in names] + list((extra or {}).values()))
    return out.getvalue()


def write(path: Path, text: str, *, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` in ``encoding`` (``utf-16`` writes a little-endian BOM)."""
    path.write_bytes(text.encode(encoding))
    return path


def daily_file(path: Path, text: str) -> Path:
    """Business Suite's daily-file layout: UTF-16 LE with a BOM, ``sep=,``, a title, CRLF."""
    body = "sep=,\nInstagram content 10/01/2025 - 10/31/2025\n" + text
    path.write_bytes(b"\xff\xfe" + body.replace("\n", "\r\n").encode("utf-16-le"))
    return path


def write_json(path: Path, document: object) -> Path:
    """Write ``document`` as indented JSON (so that values sit on lines of their own)."""
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def read(*paths: Path | str, **options: object) -> ExportReading:
    """``read_exports`` with the test account's zone unless told otherwise."""
    options.setdefault("timezone", "Europe/Madrid")
    return read_exports([str(path) for path in paths], **options)  # type: ignore[arg-type]


def problems(*paths: Path | str, **options: object) -> list[Problem]:
    """The problems ``read_exports`` raises for ``paths``."""
    with pytest.raises(InputError) as caught:
        read(*paths, **options)
    return caught.value.problems


def only(found: list[Problem], code: str) -> Problem:
    """The one problem of ``found``, which must have ``code``."""
    assert [problem.code for problem in found] == [code], [p.format() for p in found]
    return found[0]


def where(problem: Problem) -> tuple[int, int]:
    """A problem's (line, column)."""
    assert problem.location is not None, problem.format()
    return problem.location.line, problem.location.column


def column_of(line: str, text: str) -> int:
    """The 1-based column where ``text`` starts in ``line``."""
    return line.index(text) + 1


def graph_media(
    media_id: str,
    timestamp: str,
    media_type: str = "IMAGE",
    product: str | None = "FEED",
    **metrics: int,
) -> dict[str, object]:
    """One media of a Graph API response with its lifetime insights."""
    item: dict[str, object] = {"id": media_id, "media_type": media_type, "timestamp": timestamp}
    if product is not None:
        item["media_product_type"] = product
    item["insights"] = {
        "data": [
            {
                "name": name,
                "period": "lifetime",
                "values": [{"value": value}],
                "title": name.title(),
                "id": f"{media_id}/insights/{name}/lifetime",
            }
            for name, value in metrics.items()
        ]
    }
    return item


def dyi_entry(timestamp: int, uri: str, labels: Mapping[str, str]) -> dict[str, object]:
    """One post of a Download-your-information insights file."""
    string_map: dict[str, object] = {"Creation Timestamp": {"timestamp": timestamp}}
    string_map.update({label: {"value": value} for label, value in labels.items()})
    return {
        "media_map_data": {
            "Media Thumbnail": {"uri": uri, "creation_timestamp": timestamp, "title": "caption"}
        },
        "string_map_data": string_map,
    }
