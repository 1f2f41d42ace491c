"""How a drafts file's ``account:`` names its profile, and what errors may show of that file.

A reference in a drafts file resolves in this order (docs/formats.md, "Accounts"):

1. ``-`` is refused (standard input is the command line's to give: ``--account -``);
2. a path to an existing file: a relative path starts in the drafts file's directory (the
   current directory for a drafts file read from standard input), an absolute one is taken
   as written, and symbolic links are followed;
3. else a shipped profile name (``igalgo profiles``);
4. else an ``unknown-account`` error.

With ``confine`` (``--confine-accounts``, for CI that checks files it does not trust) a path
must stay inside the drafts file's directory once links are resolved; shipped names work as
before. A trusted profiles folder (``--profiles DIR``, ``IGALGO_PROFILES``) adds, after step 2,
``DIR/NAME.yaml`` (or ``.yml``) for a bare name, and is a second folder a confined path may
be in; a link inside it that leads out of it is refused like any other path outside.

The profile a drafts file names may be any file its author chose (``account: /etc/shadow``),
so when it is not a valid profile, its problems are reported without its text
(:func:`redacted`): where the first one is, its code, how many there are, and how to see
them (``igalgo validate`` the profile itself, a file the user names).
"""

from __future__ import annotations

import os
from pathlib import Path

from igalgo.errors import Problem
from igalgo.inputs.sources import path_exists, shipped_profiles
from igalgo.language import tr, tr_plural


def inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` is in ``folder`` (or below) once both are resolved, links followed;
    False when either cannot be resolved (a deleted current directory)."""
    try:
        resolved, root = os.path.realpath(path), os.path.realpath(folder)
    except OSError:
        return False
    return os.path.commonpath([resolved, root]) == root


def resolve(
    reference: str, base_dir: Path, confine: bool, profiles: Path | None = None
) -> tuple[str | None, bool]:
    """The file a drafts file's account reference reads, and whether it is a path refused by
    ``confine`` (outside ``base_dir`` and the trusted ``profiles`` folder once links are
    followed; a profile found by name in ``profiles`` must stay in it, confined or not);
    ``(None, False)`` when it names nothing."""
    candidate = base_dir / reference
    if path_exists(candidate):
        trusted = profiles is not None and inside(candidate, profiles)
        return str(candidate), confine and not (inside(candidate, base_dir) or trusted)
    if profiles is not None and _bare_name(reference):
        for suffix in (".yaml", ".yml"):
            named = profiles / f"{reference}{suffix}"
            if path_exists(named):
                return str(named), not inside(named, profiles)
    shipped = shipped_profiles().get(reference)
    return (str(shipped), False) if shipped is not None else (None, False)


def outside_message(reference: str, profiles: Path | None) -> tuple[str, str]:
    """The message and hint of an ``account-outside`` problem for ``reference`` (shown)."""
    trusted = "" if profiles is None else " and the --profiles folder"
    return (
        f"{reference} is outside the drafts file's directory{trusted} (--confine-accounts; "
        "links are followed)",
        "use a shipped profile name, a profile file beside the drafts file, or name a trusted "
        "folder with --profiles DIR (IGALGO_PROFILES)",
    )


def _bare_name(reference: str) -> bool:
    """A profile's name, not a path: no separator, not ``.`` or ``..``, no suffix."""
    return (
        bool(reference)
        and reference not in (".", "..")
        and "/" not in reference
        and os.sep not in reference
        and not reference.startswith(".")
    )


def redacted(problems: list[Problem], profile: str) -> list[Problem]:
    """The problems of a profile a drafts file names, with the profile's own text left out.

    Problems located elsewhere (the drafts file, a missing profile's name) are kept; of the
    ones inside the profile, only the first is reported, with its place and code, the count,
    and how to see them all.
    """
    kept = [p for p in problems if p.location is None or p.location.file != profile]
    inner = [p for p in problems if p.location is not None and p.location.file == profile]
    if not inner:
        return kept
    first = inner[0]
    message = tr_plural(
        "the account's profile is not valid ({problems} problem, the first here); its text is not "
        "shown because a drafts file named it",
        "the account's profile is not valid ({problems} problems, the first here); its text is not "
        "shown because a drafts file named it",
        len(inner),
        problems=len(inner),
    )
    hint = tr("see them with `{command}`", command=f"igalgo validate {profile}")
    return [*kept, Problem(first.code, message, first.location, "", hint)]
