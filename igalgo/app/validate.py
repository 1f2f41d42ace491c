"""Use cases behind ``igalgo validate`` and ``igalgo profiles``: plain data, no printing."""

from __future__ import annotations

from dataclasses import dataclass

from igalgo.app.files import stdin_at_most_once
from igalgo.domain import Account, DraftsFile
from igalgo.errors import InputError, Problem
from igalgo.inputs.loader import load_account, load_document_with_notes
from igalgo.inputs.sources import shipped_profiles


@dataclass(frozen=True)
class ValidationResult:
    """What checking one file found."""

    source: str
    """The file as given (``-`` for standard input)."""
    document: Account | DraftsFile | None
    """The loaded profile or drafts file; None when there are problems."""
    problems: tuple[Problem, ...] = ()
    """Every problem found, in this file and in a profile it refers to."""
    notes: tuple[str, ...] = ()
    """Located notes on values written the old way that still load, saying what to write."""

    @property
    def ok(self) -> bool:
        """True when the file is valid."""
        return not self.problems


def validate_files(sources: list[str], *, confine_accounts: bool = False) -> list[ValidationResult]:
    """Check each source (path, ``-`` or shipped profile name), profile or drafts, detected.

    Never raises for a bad file: its problems are in its result. ``confine_accounts`` as in
    :func:`igalgo.inputs.loader.load_drafts`. Raises UsageError for ``-`` given twice.
    """
    stdin_at_most_once(("FILE", source) for source in sources)
    results: list[ValidationResult] = []
    for source in sources:
        try:
            document, notes = load_document_with_notes(source, confine_accounts=confine_accounts)
        except InputError as error:
            results.append(ValidationResult(source, None, tuple(error.problems)))
        else:
            results.append(ValidationResult(source, document, notes=notes))
    return results


@dataclass(frozen=True)
class ShippedProfile:
    """One shipped example profile, loaded."""

    name: str
    """What to write in ``account:`` (the file stem)."""
    account: Account


def list_shipped_profiles() -> list[ShippedProfile]:
    """Every shipped profile, loaded and sorted by name; raises InputError if one is broken."""
    return [
        ShippedProfile(name, load_account(str(path))) for name, path in shipped_profiles().items()
    ]
