"""igalgo's translation catalogs: extract the messages, update each language's ``.po``, compile
the ``.mo`` the package ships, and check that nothing is missing.

``python -m docs.tools.catalogs`` does all of it (extract, update, compile) and then lists what
a translator still has to do; ``--check`` changes nothing and fails when the catalogs are not up
to date with the code or a message has no translation (what ``tests/docs/test_catalogs.py``
runs). ``--init CODE`` starts a new language (docs/decisions/0142-dutch-translations.md).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from igalgo.language import DOMAIN, LOCALE_DIRECTORY

REPO = Path(__file__).resolve().parents[2]

PACKAGE = REPO / "igalgo"

KEYWORDS = {
    "gettext": None,
    "ngettext": (1, 2),
    "tr": None,
    "tr_plural": (1, 2),
    "N_": None,
}
"""The functions whose first (and second, plural) argument is a message id."""

METHODS = [
    ("**.py", "python"),
    ("**/templates/**.html", "jinja2"),
]
"""Which files are read and how (the HTML report's templates through jinja2's extractor)."""

OPTIONS = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true"}}


def template() -> Catalog:
    """Every message id in the package, with the files that use it."""
    catalog = Catalog(project="igalgo", domain=DOMAIN, fuzzy=False)
    # Babel notes every f-string inside a marked call, values too (``hour=f"{h:02d}"``), on
    # stderr; message ids are plain literals, so the note says nothing here.
    with contextlib.redirect_stderr(io.StringIO()):
        found = list(
            extract_from_dir(
                str(PACKAGE), METHODS, OPTIONS, keywords=KEYWORDS, comment_tags=("Translators:",)
            )
        )
    for filename, lineno, message, comments, context in found:
        catalog.add(
            message,
            None,
            [(f"igalgo/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    return catalog


def po_path(code: str) -> Path:
    """The ``.po`` file of language ``code``."""
    return LOCALE_DIRECTORY / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages() -> list[str]:
    """The languages with a catalog in the package."""
    return sorted(path.parent.parent.name for path in LOCALE_DIRECTORY.glob("*/LC_MESSAGES/*.po"))


def updated(code: str, pot: Catalog) -> Catalog:
    """Language ``code``'s catalog with the messages of ``pot`` (new ones empty, gone ones
    dropped; never guessed: no fuzzy matching)."""
    with po_path(code).open("rb") as handle:
        catalog = read_po(handle, locale=code, domain=DOMAIN)
    catalog.update(pot, no_fuzzy_matching=True, update_header_comment=False)
    catalog.obsolete.clear()
    return catalog


def po_bytes(catalog: Catalog) -> bytes:
    """A catalog as ``.po`` text, without line numbers (stable under edits of the code)."""
    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=False, include_lineno=False, sort_output=True)
    return _without_dates(out.getvalue())


FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)
"""The creation and revision dates written into a ``.mo``, so that it changes only with its
messages (the ``.po`` leaves the dates out)."""


def mo_bytes(catalog: Catalog) -> bytes:
    """A catalog compiled as ``.mo`` (translated messages only, fuzzy ones left out)."""
    catalog.creation_date = catalog.revision_date = FIXED_DATE
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def _without_dates(text: bytes) -> bytes:
    """The header's creation and revision dates dropped, so the file changes only with its
    messages."""
    lines = text.split(b"\n")
    keep = [line for line in lines if not line.startswith((b'"POT-Creation-Date', b'"PO-Revision'))]
    return b"\n".join(keep)


def missing(catalog: Catalog) -> list[str]:
    """The message ids of ``catalog`` without a complete translation, or marked fuzzy."""
    out = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            out.append(message.id if isinstance(message.id, str) else message.id[0])
    return out


def problems() -> list[str]:
    """Everything not up to date: a ``.po`` behind the code, a ``.mo`` behind its ``.po``, a
    message without translation."""
    pot = template()
    found = []
    for code in languages():
        catalog = updated(code, pot)
        if po_path(code).read_bytes() != po_bytes(catalog):
            found.append(f"{po_path(code).relative_to(REPO)}: not up to date with the code")
        mo = po_path(code).with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != mo_bytes(catalog):
            found.append(f"{mo.relative_to(REPO)}: not compiled from its .po")
        found += [f"{code}: untranslated: {message!r}" for message in missing(catalog)]
    return found


def write_all() -> None:
    """Extract, update every ``.po`` and compile every ``.mo``."""
    pot = template()
    for code in languages():
        catalog = updated(code, pot)
        po_path(code).write_bytes(po_bytes(catalog))
        po_path(code).with_suffix(".mo").write_bytes(mo_bytes(catalog))


def start(code: str) -> None:
    """A new, empty catalog for language ``code``."""
    catalog = Catalog(locale=code, domain=DOMAIN, project="igalgo", fuzzy=False)
    catalog.update(template(), no_fuzzy_matching=True)
    po_path(code).parent.mkdir(parents=True, exist_ok=True)
    po_path(code).write_bytes(po_bytes(catalog))


def main(argv: Sequence[str] | None = None) -> int:
    """Update the catalogs (or only ``--check`` them, or ``--init`` a language)."""
    parser = argparse.ArgumentParser(prog="python -m docs.tools.catalogs", description=__doc__)
    parser.add_argument("--check", action="store_true", help="change nothing; fail if behind")
    parser.add_argument("--init", metavar="CODE", help="start a catalog for a new language")
    args = parser.parse_args(argv)
    if args.init:
        start(args.init)
    if not args.check:
        write_all()
    found = problems()
    for line in found:
        print(line, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
