"""One exception tree and one table of exit codes.

Core code raises these; only ``igalgo.cli.main`` turns them into exit codes and messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


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


@dataclass(frozen=True)
class Location:
    """A place in an input file; line and column are 1-based."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


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

    def format(self) -> str:
        """``FILE:LINE:COL: error[CODE]: PATH: message`` plus a ``hint:`` line when there is one."""
        where = f"{self.location}: " if self.location else ""
        path = f"{self.path}: " if self.path else ""
        text = f"{where}error[{self.code}]: {path}{self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
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
