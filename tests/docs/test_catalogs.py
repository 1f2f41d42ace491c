"""The translation catalogs: up to date with the code, compiled, complete, and each
translation keeps its message's placeholders (``python -m docs.tools.catalogs`` fixes the
first two; a translator the others)."""

from __future__ import annotations

import re
import string

import pytest
from babel.messages.pofile import read_po

from docs.tools import catalogs
from igalgo.language import ENGLISH, LANGUAGES


def test_the_catalogs_are_up_to_date_compiled_and_complete() -> None:
    assert catalogs.problems() == [], "run: python -m docs.tools.catalogs, then translate"


def test_the_languages_igalgo_offers_are_english_and_its_catalogs() -> None:
    assert sorted(LANGUAGES) == sorted([ENGLISH, *catalogs.languages()])


def _fields(text: str) -> set[str]:
    """The named placeholders of a ``str.format`` template."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("code", catalogs.languages())
def test_every_translation_keeps_the_placeholders_of_its_message(code: str) -> None:
    with catalogs.po_path(code).open("rb") as handle:
        catalog = read_po(handle, locale=code)
    wrong = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for translated in strings:
            if _fields(translated) != _fields(ids[-1]):
                wrong.append((ids[0], translated))
    assert wrong == []


def test_missing_and_fuzzy_translations_are_found() -> None:
    """The completeness check itself: an empty or fuzzy entry is reported."""
    catalog = catalogs.template()
    some = [message for message in catalog if message.id][:2]
    some[0].string = "vertaald"
    some[0].flags.add("fuzzy")
    found = catalogs.missing(catalog)
    assert some[0].id in found and some[1].id in found


def test_every_message_id_is_a_plain_template() -> None:
    """No positional ``{}`` or ``%s``: a translator may reorder named placeholders only."""
    positional = [
        message.id
        for message in catalogs.template()
        if message.id
        for text in (message.id if isinstance(message.id, tuple) else (message.id,))
        if re.search(r"\{\}|\{\d|%[sd]", text)
    ]
    assert positional == []
