"""Writing a file so that readers see the old content or the new, never half of it.

``igalgo score --output PATH`` streams into a temporary file in PATH's directory (same file
system, so the final rename is atomic), flushes it to disk, then renames it over PATH with
:func:`os.replace`. If anything interrupts the run before that (an error, Ctrl-C, SIGTERM
turned into an exception by the CLI), the temporary file is removed and PATH is untouched.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from igalgo.errors import UsageError


@contextlib.contextmanager
def atomic_writer(path: Path, *, newline: str | None = "") -> Iterator[TextIO]:
    """A text file to write into; it replaces ``path`` only when the block ends normally.

    ``newline=""`` writes text exactly as given (CSV brings its own ``\\r\\n``).
    Raises :class:`~igalgo.errors.UsageError` when the directory does not exist or cannot be
    written, before anything is produced.
    """
    directory = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise UsageError(f"--output: {path} is a directory; give a file name")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as error:
        raise UsageError(f"--output: cannot write in {directory}: {error.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline=newline) as file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        _keep_permissions(path, temporary)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _keep_permissions(path: Path, temporary: str) -> None:
    """Give the new file the old one's mode, or the usual mode of a new file.

    ``mkstemp`` creates files readable by their owner only; a report replacing one that others
    could read should stay readable.
    """
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temporary, mode)
