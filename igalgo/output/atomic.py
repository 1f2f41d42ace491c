"""Writing an output file without destroying anything of the user's.

``igalgo score --output PATH`` (and ``--svg``, ``plan --output``) decides first what PATH is
(:func:`output_target`, before anything runs), then writes it (:func:`atomic_writer`):

* a regular file, or a name that does not exist yet, is written into a temporary file beside
  it (same file system, so the final rename is atomic), flushed to disk and renamed over it
  with :func:`os.replace`: readers see the old content or the new, never half of it;
* a symbolic link is followed: its target is replaced, and the link stays a link;
* a character device or a FIFO (``/dev/null``, ``/dev/stdout``, a named pipe) is written
  directly, as a shell's ``>`` would: it cannot be replaced, only written to;
* a read-only file is refused unless the caller allows it (``--force``); a directory, a
  block device or a socket is refused.

If anything interrupts the run before the rename (an error, Ctrl-C, a signal turned into an
exception by the CLI), the temporary file is removed and PATH is untouched. Temporary names
are short (``.igalgo-NAME.RANDOM.tmp`` with NAME cut to 64 bytes), so a name near the file
system's limit does not fail because of the temporary one
(docs/decisions/0062-output-files.md).
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import secrets
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from igalgo.errors import UsageError, printable

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

TEMPORARY_NAME_BYTES = 64
"""How much of the output's name a temporary file's name repeats, in bytes (UTF-8)."""

_NAME_ATTEMPTS = 100
"""How many random temporary names are tried before giving up (as ``tempfile`` does)."""


class TargetKind(Enum):
    """How an output is written."""

    REPLACED = "replaced"
    """A regular file, or a new one: written beside it and renamed over it."""
    DIRECT = "direct"
    """A character device or a FIFO: opened and written, never replaced."""


@dataclass(frozen=True)
class OutputTarget:
    """Where an output goes, decided before anything runs."""

    given: Path
    """The path as the user wrote it (used in messages)."""
    path: Path
    """What is written: ``given`` with symbolic links followed."""
    kind: TargetKind
    option: str
    """The option that named it, for messages (``--output``, ``--svg``)."""


def output_target(path: Path, *, option: str = "--output", force: bool = False) -> OutputTarget:
    """Decide how ``path`` is written; raises UsageError (naming ``option``) for what cannot or
    must not be written: a directory, a missing or unwritable directory, a read-only file
    (unless ``force``), a block device or socket, a name the system refuses."""
    shown = printable(str(path))
    try:
        resolved = Path(os.path.realpath(path))
    except (OSError, ValueError) as error:  # a deleted current directory
        raise UsageError(f"{option}: cannot write {shown}: {_reason(error)}") from None
    try:
        mode = os.stat(resolved).st_mode
    except FileNotFoundError:
        mode = None
    except (OSError, ValueError) as error:  # a name too long, a NUL byte, a loop of links
        raise UsageError(f"{option}: cannot write {shown}: {_reason(error)}") from None
    if mode is None or stat.S_ISREG(mode):
        directory = resolved.parent
        if not directory.is_dir():
            raise UsageError(
                f"{option}: cannot write in {printable(str(directory))}: no such directory"
            )
        if not os.access(directory, os.W_OK | os.X_OK):
            raise UsageError(
                f"{option}: cannot write in {printable(str(directory))}: {_refusal(directory)}"
            )
        if mode is not None and not force and _read_only(resolved, mode):
            raise UsageError(
                f"{option}: {shown} is read-only; make it writable, or pass --force to replace it"
            )
        return OutputTarget(path, resolved, TargetKind.REPLACED, option)
    if stat.S_ISDIR(mode):
        raise UsageError(f"{option}: {shown} is a directory; give a file name")
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return OutputTarget(path, resolved, TargetKind.DIRECT, option)
    raise UsageError(f"{option}: {shown} is not a regular file, a character device or a FIFO")


def _refusal(directory: Path) -> str:
    """Why a directory ``access`` says is not writable is not: its file system is mounted
    read-only, or its permissions."""
    try:
        read_only = bool(os.statvfs(directory).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs on this platform
        read_only = False
    return "read-only file system" if read_only else "permission denied"


def _read_only(path: Path, mode: int) -> bool:
    """Read-only for this process, or for everyone (so that root, whom ``access`` lets write
    anything, still respects a 0444 file)."""
    return not os.access(path, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower() if error.errno == errno.ENAMETOOLONG else error.strerror
    return str(error)


@contextlib.contextmanager
def atomic_writer(
    path: Path | OutputTarget, *, newline: str | None = "", force: bool = False
) -> Iterator[TextIO]:
    """A text file to write into; it replaces the target only when the block ends normally.

    ``path`` is a path (checked here by :func:`output_target`, with ``force``) or a target
    checked already. ``newline=""`` writes text exactly as given (CSV brings its own
    ``\\r\\n``). Raises :class:`~igalgo.errors.UsageError`, naming the option, when the
    target cannot be written: before anything is produced, or when a write fails (a full
    disk).
    """
    target = path if isinstance(path, OutputTarget) else output_target(path, force=force)
    if target.kind is TargetKind.DIRECT:
        try:
            raw = _File(target, str(target.path))
        except OSError as error:
            raise _unwritable(target, error) from None
        with _text(raw, newline) as file:
            yield file
        return
    prefix = ".igalgo-" + _cut(target.path.name, TEMPORARY_NAME_BYTES) + "."
    temporary: str | None = None
    try:
        for _ in range(_NAME_ATTEMPTS):
            # The name is bound before the file exists, so that however early an interruption
            # comes, the finally clause below knows what to remove.
            name = str(target.path.parent / f"{prefix}{secrets.token_hex(6)}.tmp")
            temporary = name
            try:
                raw = _File(target, name, exclusive=True)
                break
            except FileExistsError:
                temporary = None  # another file's name: never ours to remove
            except OSError as error:
                temporary = None
                raise UsageError(
                    f"{target.option}: cannot write in {printable(str(target.path.parent))}: "
                    f"{_reason(error)}"
                ) from None
        else:
            raise UsageError(
                f"{target.option}: cannot write in {printable(str(target.path.parent))}: "
                "no free temporary name"
            )
        with _text(raw, newline) as file:
            yield file
            file.flush()
            try:
                os.fsync(file.fileno())
            except OSError as error:
                raise _unwritable(target, error) from None
        _keep_permissions(target.path, name)
        try:
            os.replace(name, target.path)
        except OSError as error:
            raise _unwritable(target, error) from None
        temporary = None
    finally:
        if temporary is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)


class _File(io.FileIO):
    """The bytes of an output file; a write that fails (a full disk, a broken FIFO) is a
    UsageError naming the option, not an OSError that could be anything's."""

    def __init__(self, target: OutputTarget, file: str, *, exclusive: bool = False) -> None:
        """Open ``file`` for writing; ``exclusive`` creates it (``O_CREAT | O_EXCL``, mode 0600)
        and raises FileExistsError when the name is taken."""
        if exclusive:
            super().__init__(file, "x", opener=_private)
        else:
            super().__init__(file, "w")
        self.target = target

    def write(self, data: ReadableBuffer, /) -> int:
        """Write, or raise UsageError."""
        try:
            return super().write(data)
        except BrokenPipeError:
            raise  # the reader of a FIFO went away: the same as a closed standard output
        except OSError as error:
            raise _unwritable(self.target, error) from None


def _private(path: str, flags: int) -> int:
    """Open with mode 0600, as ``mkstemp`` does, until :func:`_keep_permissions` sets the mode."""
    return os.open(path, flags, 0o600)


def _text(raw: _File, newline: str | None) -> TextIO:
    """UTF-8 text over ``raw``."""
    return io.TextIOWrapper(io.BufferedWriter(raw), encoding="utf-8", newline=newline)


def _unwritable(target: OutputTarget, error: OSError) -> UsageError:
    return UsageError(
        f"{target.option}: cannot write {printable(str(target.given))}: {_reason(error)}"
    )


def _cut(name: str, limit: int) -> str:
    """``name`` cut to at most ``limit`` bytes of UTF-8, never inside a character."""
    return name.encode("utf-8", "surrogateescape")[:limit].decode("utf-8", "ignore")


def _keep_permissions(path: Path, temporary: str) -> None:
    """Give the new file the old one's mode, or the usual mode of a new file.

    Temporary files are created readable by their owner only; a report replacing one that others
    could read should stay readable.
    """
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temporary, mode)
