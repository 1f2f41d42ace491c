"""Which files a run reads and which it writes, for score, plan and calibrate alike.

Standard input is read once at most (:func:`stdin_at_most_once`). An output never replaces an
input: ``igalgo score x.yaml --output x.yaml`` would replace the drafts with the report; so
would an ``--output`` (or ``--svg``) naming the profile that ``--account`` or a drafts file's
``account:`` reads. :func:`refuse_inputs_as_outputs` raises a usage error naming the option
at fault, before anything is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from igalgo.domain import DraftsFile
from igalgo.errors import UsageError, printable
from igalgo.inputs.sources import STDIN, profile_file, same_file

Inputs = Iterable[tuple[str, str]]
"""Input files as (what they are, for messages; the file)."""


def stdin_at_most_once(named: Iterable[tuple[str, str | None]]) -> None:
    """Raise UsageError when more than one of ``named`` (what each is, as the message names
    it; its source, or None) is standard input."""
    reading = [what for what, source in named if source == STDIN]
    if len(reading) > 1:
        first, second = reading[:2]
        which = "" if first == second else f": {first} or {second}"
        raise UsageError(f"'-' (standard input) can be given only once{which}")


def refuse_inputs_as_outputs(outputs: Mapping[str, Path], inputs: Inputs) -> None:
    """Raise UsageError when an output (by the option that names it) is one of ``inputs``."""
    listed = list(inputs)
    for option, output in outputs.items():
        for what, source in listed:
            if same_file(output, source):
                raise UsageError(
                    f"{option}: {printable(str(output))} is an input of this run ({what}); "
                    "igalgo never replaces an input, choose another file"
                )


def command_line_inputs(
    sources: Iterable[str], account: str | None, what: str = "a drafts file"
) -> Inputs:
    """The inputs a command line names: files (``what`` they are; standard input aside) and
    the profile of ``--account`` (a path or a shipped profile's file)."""
    found = [(what, source) for source in sources if source != STDIN]
    account_file = profile_file(account) if account is not None else None
    if account_file is not None:
        found.append(("the profile of --account", account_file))
    return found


def account_input(drafts_file: DraftsFile) -> Inputs:
    """The profile file a loaded drafts file's account came from, if any."""
    if drafts_file.account_file is None:
        return []
    return [(f"the account of {printable(drafts_file.source)}", drafts_file.account_file)]


def trusted_folder(profiles: Path | None) -> Path | None:
    """``--profiles DIR`` (or ``IGALGO_PROFILES``) checked: None, or a directory; raises
    UsageError for anything else, before any file is read."""
    if profiles is None or not str(profiles):
        return None
    if not profiles.is_dir():
        raise UsageError(
            f"--profiles: {printable(str(profiles))} is not a directory (IGALGO_PROFILES "
            "names it when the option is not given)"
        )
    return profiles
