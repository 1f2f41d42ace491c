"""The names exports give their columns, post types and lifetime rows, in every language known.

This is the one declaration of the header aliases: the CSV reader and the Download-your-
information reader look names up here, and a user's ``columns`` mapping (``--columns
HEADER=NAME``, :mod:`~igalgo.inputs.exports.mapping`) adds to it for other languages. It is
data, not code: supporting a language means adding its names to the tables below.

Evidence for each language (the English names are those Business Suite writes today):

* English and Spanish Business Suite headers: the headers of real exports as quoted in igalgo's
  brief. Older exports say ``Impressions`` where newer ones say ``Views``.
* Portuguese Business Suite headers: ``Horário de publicação``, ``Alcance`` and
  ``Visualizações`` from the brief; the other Portuguese names (``Identificação da
  publicação``, ``Curtidas``...) from a public project's test of a Portuguese export, which is
  weaker evidence.
* Download-your-information keys (``Accounts reached``, ``Instagram Plays``, ``Contas
  alcançadas``...): public parsers of ``past_instagram_insights/posts.json`` and ``reels.json``.
* Localised post types (``Reel de IG``, ``Imagem do IG``): assumed from the one Portuguese
  example found (``Imagem do IG``) and Meta's Spanish wording; the English ``IG ...`` types
  are always accepted too.
* Dutch Business Suite headers (``Publicatietijdstip``, ``Berichttype``, ``Bereik``,
  ``Weergaven``, ``Vind-ik-leuks``, ``Opmerkingen``, ``Aantal keer opgeslagen``, ``Aantal keer
  gedeeld``, ``Volgt``, ``Duur (sec.)``, ``Bericht-ID``, ``Gebruikersnaam account``,
  ``Accountnaam``, ``Omschrijving``, ``Profielbezoeken``): three public parsers of Dutch
  exports agree on them. ``Reacties`` and ``Duur (sec)`` are the issue's own words;
  ``Account-ID``, ``Datum``, ``Opmerking over gegevens``, ``Impressies`` and the lifetime
  words are unverified (docs/decisions/0141-dutch-and-localised-exports.md). Any other name is
  one ``--columns`` away.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Final

from igalgo.domain import Format

COUNT_FIELDS: Final = (
    "reach",
    "views",
    "likes",
    "comments",
    "saves",
    "shares",
    "follows",
    "profile_visits",
)
"""The counts a post carries, in :class:`~igalgo.domain.PublishedPost` order."""

COLUMN_ALIASES: Final[Mapping[str, tuple[str, ...]]] = {
    # Each field's names in order of preference: when an export has two of them (``Views`` and
    # ``Impressions``), the first wins and the other is listed as ignored.
    "post_id": (
        "Post ID",
        "Identificador de la publicación",
        "Identificação da publicação",
        "Bericht-ID",
    ),
    "account_id": (
        "Account ID",
        "Identificador de la cuenta",
        "Identificação da conta",
        "Account-ID",
    ),
    "account_username": (
        "Account username",
        "Nombre de usuario de la cuenta",
        "Nome de usuário da conta",
        "Gebruikersnaam account",
    ),
    "account_name": ("Account name", "Nombre de la cuenta", "Nome da conta", "Accountnaam"),
    "description": ("Description", "Descripción", "Descrição", "Caption", "Omschrijving"),
    "duration": (
        "Duration (sec)",
        "Duración (segundos)",
        "Duração (s)",
        "Duration",
        "Duur (sec.)",
        "Duur (sec)",
    ),
    "published_at": (
        "Publish time",
        "Hora de publicación",
        "Horário de publicação",
        "Creation Timestamp",
        "Upload Timestamp",
        "Publicatietijdstip",
    ),
    "permalink": ("Permalink", "Enlace permanente", "Link permanente"),
    "post_type": ("Post type", "Tipo de publicación", "Tipo de publicação", "Berichttype"),
    "data_comment": (
        "Data comment",
        "Comentario sobre los datos",
        "Comentário sobre os dados",
        "Opmerking over gegevens",
    ),
    "date": ("Date", "Fecha", "Data", "Datum"),
    "reach": (
        "Reach",
        "Alcance",
        "Accounts reached",
        "Cuentas alcanzadas",
        "Contas alcançadas",
        "Bereik",
    ),
    "views": (
        "Views",
        "Visualizaciones",
        "Visualizações",
        "Instagram Plays",
        "Plays",
        "Impressions",
        "Impresiones",
        "Impressões",
        "Weergaven",
        "Impressies",
    ),
    "likes": ("Likes", "Me gusta", "Curtidas", "Instagram Likes", "Vind-ik-leuks"),
    "comments": (
        "Comments",
        "Comentarios",
        "Comentários",
        "Instagram Comments",
        "Opmerkingen",
        "Reacties",
    ),
    "saves": (
        "Saves",
        "Veces guardado",
        "Salvamentos",
        "Guardados",
        "Instagram Saves",
        "Aantal keer opgeslagen",
    ),
    "shares": (
        "Shares",
        "Veces que se ha compartido",
        "Compartilhamentos",
        "Instagram Shares",
        "Aantal keer gedeeld",
    ),
    # In Spanish exports ``Seguidores`` is the follows column (new follows from the post).
    "follows": ("Follows", "Seguidores", "Seguimentos", "Volgt"),
    "profile_visits": (
        "Profile visits",
        "Visitas al perfil",
        "Visitas ao perfil",
        "Profielbezoeken",
    ),
}
"""Every column igalgo knows, by field name (the names ``columns`` mappings use)."""

REQUIRED_FIELDS: Final = ("published_at", "post_type", "reach")
"""Columns a Business Suite export must have (reach may be replaced by views and a ratio)."""

POST_TYPES: Final[Mapping[str, Format]] = {
    "IG image": Format.PHOTO,
    "IG carousel": Format.CAROUSEL,
    "IG reel": Format.REEL,
    "IG video": Format.VIDEO,
    "IG story": Format.STORY,
    # Spanish (assumed wording).
    "Imagen de IG": Format.PHOTO,
    "Carrusel de IG": Format.CAROUSEL,
    "Reel de IG": Format.REEL,
    "Video de IG": Format.VIDEO,
    "Historia de IG": Format.STORY,
    # Portuguese (``Imagem do IG`` seen once; the rest assumed by analogy).
    "Imagem do IG": Format.PHOTO,
    "Carrossel do IG": Format.CAROUSEL,
    "Reel do IG": Format.REEL,
    "Vídeo do IG": Format.VIDEO,
    "Story do IG": Format.STORY,
    # Dutch (``Instagram-reel`` and ``Instagram-verhaal`` seen in one public parser of Dutch
    # exports; the others assumed by analogy: docs/decisions/0141-dutch-and-localised-exports.md).
    "Instagram-afbeelding": Format.PHOTO,
    "Instagram-carrousel": Format.CAROUSEL,
    "Instagram-reel": Format.REEL,
    "Instagram-video": Format.VIDEO,
    "Instagram-verhaal": Format.STORY,
}
"""Business Suite's ``Post type`` values and the formats they are."""

LIFETIME_DATES: Final = ("Lifetime", "Total", "Vitalício", "Levensduur", "Totaal")
"""What the ``Date`` column says on a row of lifetime totals (English, Spanish, Portuguese,
Dutch: the Dutch words assumed)."""

BLANKS: Final = frozenset({"", "-", "--", "\u2014", "\u2013"})
"""Cell texts that mean "no value": Business Suite leaves cells empty, DYI files say ``--``."""


@functools.lru_cache(maxsize=4096)
def normal(name: str) -> str:
    """``name`` as compared: NFC, case-folded, spaces collapsed, BOM and quotes stripped."""
    text = unicodedata.normalize("NFC", name).replace("\ufeff", "").strip().strip('"').strip()
    return re.sub(r"\s+", " ", text).casefold()


def alias_table(columns: Mapping[str, str] | None) -> dict[str, str]:
    """Normalised header name -> field, with the user's ``columns`` mapping taking precedence."""
    table = {normal(name): field for field, names in COLUMN_ALIASES.items() for name in names}
    for field, header in (columns or {}).items():
        table[normal(header)] = field
    return table


def preference(field: str, columns: Mapping[str, str] | None) -> tuple[str, ...]:
    """The normalised names of ``field`` in order of preference (the user's name first)."""
    names = list(COLUMN_ALIASES[field])
    if columns and field in columns:
        names.insert(0, columns[field])
    return tuple(dict.fromkeys(normal(name) for name in names))


def display_name(field: str, columns: Mapping[str, str] | None) -> str:
    """How ``field``'s column is named in messages: the user's name, else the English one."""
    if columns and field in columns:
        return columns[field]
    return COLUMN_ALIASES[field][0]


def closest(name: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to ``name`` (difflib, case-insensitive), or None."""
    by_normal = {normal(candidate): candidate for candidate in candidates}
    found = difflib.get_close_matches(normal(name), list(by_normal), n=1, cutoff=0.75)
    return by_normal[found[0]] if found else None


POST_TYPE_TABLE: Final[Mapping[str, Format]] = {normal(k): v for k, v in POST_TYPES.items()}
""":data:`POST_TYPES` by normalised value."""

LIFETIME_TABLE: Final = frozenset(normal(value) for value in LIFETIME_DATES)
""":data:`LIFETIME_DATES`, normalised."""
