"""``igalgo validate``, ``igalgo schema`` and ``igalgo profiles``: the commands about files."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from igalgo.cli.options import ConfineOption, LangOption, ProfilesOption, use_language
from igalgo.output.schemas import SCHEMA_NAMES

VALIDATE_EPILOG = """\
Examples:

  igalgo validate profiles/bakery.yaml profiles/demo-drafts.yaml

  igalgo validate bakery          (a shipped profile, by name)

  cat week.yaml | igalgo validate -

Each file is detected as a profile or as a drafts file (one with a top-level `drafts:` key);
a drafts file's account (shipped name, path or inline mapping) is checked as well. Every
problem is printed on stderr as FILE:LINE:COL: error[CODE]: PATH: message, followed by a
hint; the codes are explained in docs/formats.md. The field reference: igalgo schema profile.

A drafts file's dates before now (to the minute, in its account's zone; IGALGO_TODAY may
fix the day, "YYYY-MM-DD HH:MM" the time too) are warnings on stderr; --strict makes a
warning fail the check (exit 1).

Exit codes: 0 every file is valid; 1 with --strict, every file is valid but there are
warnings; 2 at least one is not (or a usage error).
"""


def validate(
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE",
            help="Profiles or drafts files (YAML); '-' reads standard input; a shipped "
            "profile name works too.",
            show_default=False,
        ),
    ],
    confine_accounts: ConfineOption = False,
    profiles: ProfilesOption = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Fail (exit 1) on warnings too: dates in the past, fields that do nothing.",
        ),
    ] = False,
    lang: LangOption = None,
) -> None:
    """Check profiles and drafts files, reporting every problem with its line and column."""
    from igalgo.app.validate import validate_files
    from igalgo.cli.options import clock_override, today_override
    from igalgo.cli.runtime import diagnose
    from igalgo.errors import GateFailedError, ProblemsReportedError
    from igalgo.language import gettext, ngettext

    use_language(lang)
    results = validate_files(
        files,
        confine_accounts=confine_accounts,
        profiles=profiles,
        today=today_override(),
        clock=clock_override(),
    )
    for result in results:
        if result.document is not None:
            summary = _document_summary(result.document)
            _echo(gettext("{source}: ok ({summary})").format(source=result.source, summary=summary))
        for note in result.notes:
            diagnose(note)
        for warning in result.warnings:
            diagnose(f"igalgo: warning: {result.source}: {warning}")
        for problem in result.problems:
            diagnose(problem.format())
    invalid = [result for result in results if not result.ok]
    count = sum(len(result.problems) for result in invalid)
    checked = ngettext("{count} file checked", "{count} files checked", len(results)).format(
        count=len(results)
    )
    if invalid:
        problems = ngettext("{count} problem", "{count} problems", count).format(count=count)
        _echo(
            gettext("{checked}: {valid} valid, {invalid} with problems ({problems})").format(
                checked=checked,
                valid=len(results) - len(invalid),
                invalid=len(invalid),
                problems=problems,
            )
        )
        raise ProblemsReportedError()
    warned = sum(len(result.warnings) for result in results)
    if strict and warned:
        _echo(f"{checked}: all valid, {warned} warning{'s' if warned != 1 else ''} (--strict)")
        raise GateFailedError()
    _echo(gettext("{checked}: all valid").format(checked=checked))


def _echo(line: str) -> None:
    """A line on stdout, escaped (it names a file and an account); when the reader has gone
    (``| head``) the rest is dropped and checking goes on, so that the exit code still says
    whether every file is valid."""
    from igalgo.cli.runtime import silence_stdout
    from igalgo.errors import printable

    try:
        typer.echo(printable(line))
    except BrokenPipeError:
        silence_stdout()


def _document_summary(document: object) -> str:
    """``profile "Name"`` or ``12 drafts for "Name"``."""
    from igalgo.domain import Account, DraftsFile
    from igalgo.language import gettext, ngettext

    if isinstance(document, DraftsFile):
        count = len(document.drafts)
        return ngettext('{count} draft for "{name}"', '{count} drafts for "{name}"', count).format(
            count=count, name=document.account.name
        )
    assert isinstance(document, Account)
    if document.gates:
        return f'profile "{document.name}", gates {", ".join(document.gates)}'
    return gettext('profile "{name}"').format(name=document.name)


SCHEMA_EPILOG = """\
Examples:

  igalgo schema profile > profile.schema.json

  igalgo schema drafts

The schemas of the input formats are also in docs/schema/. Editors that use the YAML
language server check a file whose first line is:

  # yaml-language-server: $schema=PATH/TO/profile.schema.json

igalgo validate checks more than a schema can: time zones, daylight-saving gaps, unique ids,
and the account a drafts file names.
"""


def schema(
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help=f"Which format: {', '.join(SCHEMA_NAMES)}.",
            show_default=False,
        ),
    ],
) -> None:
    """Print the JSON Schema (2020-12) of one of igalgo's formats on stdout."""
    from igalgo.errors import UsageError
    from igalgo.output.schemas import schema_text

    if name not in SCHEMA_NAMES:
        raise UsageError(f"unknown schema {name!r}; choose one of: {', '.join(SCHEMA_NAMES)}")
    sys.stdout.write(schema_text(name))


PROFILES_EPILOG = """\
Use a shipped profile by name: write `account: bakery` in a drafts file, or pass
--account bakery to igalgo score. Copy one from the profiles/ folder to start your own.

Example:

  igalgo profiles
"""


def profiles() -> None:
    """List the shipped example profiles: name, account, type, followers, niche, time zone."""
    from igalgo.app.validate import list_shipped_profiles

    rows = [["NAME", "ACCOUNT", "TYPE", "FOLLOWERS", "NICHE", "TIME ZONE"]]
    for shipped in list_shipped_profiles():
        account = shipped.account
        rows.append(
            [
                shipped.name,
                account.name,
                str(account.account_type),
                f"{account.followers:,}",
                str(account.market.niche),
                account.timezone,
            ]
        )
    for line in _columns(rows, right_aligned={3}):
        typer.echo(line)


def _columns(rows: list[list[str]], right_aligned: set[int]) -> list[str]:
    """Rows as plain-text columns two spaces apart."""
    widths = [max(len(row[index]) for row in rows) for index in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            cell.rjust(width) if index in right_aligned else cell.ljust(width)
            for index, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return lines
