"""One exception tree and one table of exit codes.

Library code raises these; only :func:`igalgo.cli.app.main` turns them into exit codes and
messages.
"""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass
from enum import IntEnum
from typing import Final

from igalgo.language import Text, localized


class ExitCode(IntEnum):
    """Process exit codes, the contract for scripts and CI."""

    OK = 0
    """Everything worked."""
    GATE_FAILED = 1
    """A requested gate (``--fail-under``) failed."""
    INVALID_INPUT = 2
    """Usage error or invalid input."""
    INTERNAL_ERROR = 3
    """A bug in igalgo."""
    TERMINATED = 143
    """Stopped by SIGTERM (128 + the signal's number, as shells report it)."""


WRITE_ERRORS: Final = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EBADF, errno.EROFS, errno.ENXIO}
)
"""``errno`` values that mean an output could not be written (a full disk, a closed or broken
stream): the environment's failure, a usage error (exit 2) rather than a bug."""

UNSAFE_CHARACTERS: Final = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
"""Characters that change what a terminal shows instead of showing themselves: C0 and C1
controls (ESC starts escape sequences), line and paragraph separators, and the bidirectional
controls that reorder text ("Trojan Source"); and lone surrogates (a JSON ``"\\ud800"``),
which no encoding can write."""


def printable(text: str, keep: str = "") -> str:
    """``text`` with every :data:`UNSAFE_CHARACTERS` character but those in ``keep`` written as
    an escape (``\\x1b``, ``\\u202e``), so that a file name or value echoed on a terminal
    shows as text and cannot drive it. Idempotent: escapes are printable."""

    def escape(match: re.Match[str]) -> str:
        character = match.group()
        if character in keep:
            return character
        code = ord(character)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return UNSAFE_CHARACTERS.sub(escape, text)


@dataclass(frozen=True)
class Location:
    """A place in an input file; line and column are 1-based."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{printable(self.file)}:{self.line}:{self.column}"


def _one_line(message: str) -> str:
    """``message`` with the control characters of its quoted values escaped."""
    if not UNSAFE_CHARACTERS.search(message):
        return message
    if isinstance(message, Text):
        params = {
            key: printable(value) if type(value) is str else value
            for key, value in message.params.items()
        }
        return Text(message.msgid, params, message.plural, message.quantity)
    return printable(message)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, with where it is and what to do about it."""

    code: str
    """Stable machine-readable id, e.g. ``invalid-time``."""
    message: str
    location: Location | None = None
    path: str = ""
    """Where in the document, e.g. ``drafts[2].publish_at``; empty for the whole file."""
    hint: str | None = None

    def __post_init__(self) -> None:
        """A message is one line: a value it quotes from the file has its line ends escaped."""
        object.__setattr__(self, "message", _one_line(self.message))

    def format(self) -> str:
        """``FILE:LINE:COL: error[CODE]: PATH: message`` plus a ``hint:`` line when there is one,
        with anything that could drive a terminal escaped (:func:`printable`)."""
        where = f"{self.location}: " if self.location else ""
        path = f"{self.path}: " if self.path else ""
        text = printable(f"{where}error[{self.code}]: {path}{localized(self.message)}")
        if self.hint:
            text += f"\n  hint: {printable(localized(self.hint))}"
        return text


class IgalgoError(Exception):
    """Base of every error igalgo raises on purpose."""

    exit_code: ExitCode = ExitCode.INTERNAL_ERROR


class InputError(IgalgoError):
    """One or more problems in a user's input; all of them are collected before raising."""

    exit_code = ExitCode.INVALID_INPUT

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems


class UsageError(IgalgoError):
    """The command line asks for something that cannot be done."""

    exit_code = ExitCode.INVALID_INPUT


class GateFailedError(IgalgoError):
    """A ``--fail-under`` gate failed; the message names each draft and surface, one a line."""

    exit_code = ExitCode.GATE_FAILED


class ProblemsReportedError(IgalgoError):
    """Some inputs were invalid and their problems have been reported already (the valid ones
    were still processed); the message says only what else there is to say, if anything."""

    exit_code = ExitCode.INVALID_INPUT

    def __init__(self, message: str = "") -> None:
        super().__init__(message)


class OutputClosedError(IgalgoError):
    """The reader of standard output went away (``igalgo score ... | head``): the command stops
    quietly, and that is not a failure."""

    exit_code = ExitCode.OK


class Terminated(BaseException):
    """A signal that ends the process arrived (SIGTERM, SIGHUP, SIGINT, ...): a BaseException,
    so that cleanup (an ``--output`` file's temporary) runs on the way out and no ``except
    Exception`` stops it. The exit code is 128 + the signal's number, as shells report it."""

    def __init__(self, signum: int = 15) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        """128 + the signal's number (143 for SIGTERM, :attr:`ExitCode.TERMINATED`)."""
        return 128 + self.signum
