"""Use cases behind ``igalgo validate`` and ``igalgo profiles``: plain data, no printing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from igalgo.app.dating import now_in, past_notes
from igalgo.app.files import stdin_at_most_once, trusted_folder
from igalgo.domain import Account, DraftsFile, Format
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
    warnings: tuple[str, ...] = ()
    """What is valid but will not do what it seems to (a caption on a story)."""

    @property
    def ok(self) -> bool:
        """True when the file is valid."""
        return not self.problems


def validate_files(
    sources: list[str],
    *,
    confine_accounts: bool = False,
    profiles: Path | None = None,
    today: date | None = None,
    clock: time | None = None,
) -> list[ValidationResult]:
    """Check each source (path, ``-`` or shipped profile name), profile or drafts, detected.

    Never raises for a bad file: its problems are in its result. ``confine_accounts`` and
    ``profiles`` as in :func:`igalgo.inputs.loader.load_drafts`. A drafts file's dates
    before now (``today`` at ``clock``, else the current time, in its account's zone) are
    warnings, as ``igalgo score`` says them. Raises UsageError for ``-`` given twice.
    """
    stdin_at_most_once(("FILE", source) for source in sources)
    profiles = trusted_folder(profiles)
    results: list[ValidationResult] = []
    for source in sources:
        try:
            document, notes = load_document_with_notes(
                source, confine_accounts=confine_accounts, profiles=profiles, today=today
            )
        except InputError as error:
            results.append(ValidationResult(source, None, tuple(error.problems)))
        else:
            warnings = warnings_of(document, now_in(_zone(document), today, clock))
            results.append(ValidationResult(source, document, notes=notes, warnings=warnings))
    return results


def _zone(document: Account | DraftsFile) -> str:
    """The time zone of a profile or of a drafts file's account."""
    return document.account.timezone if isinstance(document, DraftsFile) else document.timezone


def warnings_of(document: Account | DraftsFile, now: datetime | None = None) -> tuple[str, ...]:
    """Valid fields that do nothing (a story shows no caption or hashtags, so igalgo ignores
    them, and Instagram shows none) and, with ``now``, dates before it and windows that ended."""
    if not isinstance(document, DraftsFile):
        return ()
    dated = past_notes(document.account, document.drafts, now) if now is not None else []
    return tuple(f"draft '{note.draft_id}' is {note.message}" for note in dated) + tuple(
        f"draft '{draft.id}' is a story: a story shows no caption or hashtags, so its "
        f"{' and '.join(name for name, value in fields if value)} is not used"
        for draft in document.drafts
        if draft.format is Format.STORY
        for fields in [(("caption", draft.caption.strip()), ("hashtags", draft.hashtags))]
        if any(value for _, value in fields)
    )


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
