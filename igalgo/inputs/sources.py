"""Where igalgo's input comes from: files, standard input and the shipped profiles.

Bytes become text here, with a size limit and a UTF-8 check; :mod:`igalgo.inputs.loader` makes
documents of the text. No YAML is involved.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from igalgo.errors import InputError, Location, Problem
from igalgo.inputs.formats import MAX_INPUT_BYTES, ErrorCode
from igalgo.language import tr

STDIN: Final = "-"
"""The source name that means standard input."""

STDIN_NAME: Final = "<stdin>"
"""How standard input is named in messages."""

DEMO_DRAFTS: Final = "demo-drafts.yaml"
"""The shipped demo drafts file; it lives beside the profiles but is not one."""


def path_exists(path: Path) -> bool:
    """Whether ``path`` exists; False for names the OS refuses (too long, NUL bytes)."""
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def same_file(first: str | Path, second: str | Path) -> bool:
    """Whether two names reach the same file (links followed, hard links too); a name that
    does not exist is the same as another only when their resolved paths are equal."""
    try:
        return os.path.samefile(first, second)
    except (OSError, ValueError):
        try:
            return os.path.realpath(first) == os.path.realpath(second)
        except (OSError, ValueError):
            return False


def profile_file(source: str) -> str | None:
    """The file a profile source (``--account``) reads: the path, or a shipped profile's file;
    None for standard input and for a name that is neither (reading it will say so)."""
    if source == STDIN:
        return None
    if path_exists(Path(source)):
        return source
    shipped = shipped_profiles().get(source)
    return str(shipped) if shipped is not None else None


# --- files and standard input ---------------------------------------------------------------

UTF8_BOM: Final = b"\xef\xbb\xbf"
"""The byte-order mark some editors put before UTF-8 text; dropped by every reader."""


@dataclass(frozen=True)
class SizeLimit:
    """The most bytes a kind of file may have, and the problem a larger file is."""

    most: int
    """Bytes; a file of more is refused before it is decoded."""
    code: str
    message: str
    hint: str


YAML_LIMIT: Final = SizeLimit(
    MAX_INPUT_BYTES,
    ErrorCode.FILE_TOO_LARGE,
    f"the file is larger than {MAX_INPUT_BYTES} bytes (1 MiB)",
    "igalgo's files are small; split the drafts over several files",
)
"""The limit of profiles and drafts files."""


def read_bytes(source: str, *, limit: SizeLimit, folder_hint: str) -> tuple[str, bytes]:
    """The one way igalgo reads a user's file: ``(display name, bytes)`` of ``source`` (a path,
    or ``-`` for standard input).

    A path must be a regular file, opened without blocking (a FIFO or a device is refused at
    once, never waited on); at most ``limit.most`` bytes are accepted. Each refusal is an
    :class:`InputError` with one problem; ``folder_hint`` says what to do about a directory.
    """
    if source == STDIN:
        name = STDIN_NAME
        stream = sys.stdin.buffer if sys.stdin is not None else None
        if stream is None:
            raise _one(ErrorCode.UNREADABLE, name, "standard input is not available")
        data = stream.read(limit.most + 1)
    else:
        name = source
        data = _read_file(source, limit.most, folder_hint)
    if len(data) > limit.most:
        raise _one(limit.code, name, limit.message, hint=limit.hint, line=1)
    return name, data


def read_source(source: str, *, keep_bom: bool = False) -> tuple[str, str]:
    """Read ``source`` (a path, or ``-`` for standard input) as UTF-8 text.

    Returns ``(display name, text)``; a leading byte-order mark is dropped, or kept as
    ``\ufeff`` with ``keep_bom`` (for a file written back, as a calibrated profile is).
    Refuses files over :data:`~igalgo.inputs.formats.MAX_INPUT_BYTES`, bytes that are not
    UTF-8, empty files, directories, FIFOs, devices and missing files, each as an
    :class:`InputError` with one problem.
    """
    name, data = read_bytes(source, limit=YAML_LIMIT, folder_hint="name a .yaml file inside it")
    text = _decode(name, data)
    return name, ("\ufeff" + text if keep_bom and data.startswith(UTF8_BOM) else text)


def _read_file(source: str, most: int, folder_hint: str) -> bytes:
    """At most ``most + 1`` bytes of a regular file. Anything else is refused before it is
    read: a FIFO would block until someone writes to it (for ever, in CI), a device never
    ends."""
    try:
        # Non-blocking, so that opening a FIFO returns at once instead of waiting for a writer;
        # reading a regular file is unaffected.
        descriptor = os.open(source, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(descriptor, "rb") as handle:
            mode = os.fstat(handle.fileno()).st_mode
            if stat.S_ISDIR(mode):
                raise IsADirectoryError(source)
            if not stat.S_ISREG(mode):
                raise _one(
                    ErrorCode.NOT_A_FILE,
                    source,
                    f"{source} is not a regular file (a FIFO, a device or a socket)",
                    hint=f"pass its content on standard input: igalgo ... - < {source}",
                )
            return handle.read(most + 1)
    except FileNotFoundError:
        raise _one(
            ErrorCode.FILE_NOT_FOUND,
            source,
            tr("no such file: {path}", path=source),
            hint=tr("check the path (relative paths start in the current directory)"),
        ) from None
    except IsADirectoryError:
        raise _one(
            ErrorCode.IS_DIRECTORY, source, f"{source} is a directory, not a file", hint=folder_hint
        ) from None
    except (OSError, ValueError) as error:  # permissions, I/O errors, NUL in the path
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise _one(
            ErrorCode.UNREADABLE, source, f"cannot read {source}: {reason}", line=1
        ) from None


def _decode(name: str, data: bytes) -> str:
    """UTF-8 text without its byte-order mark; refuses other bytes and an empty file."""
    data = data.removeprefix(UTF8_BOM)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        line_start = data.rfind(b"\n", 0, error.start) + 1
        column = len(data[line_start : error.start].decode("utf-8", errors="replace")) + 1
        utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
        raise InputError(
            [
                Problem(
                    code=ErrorCode.NOT_UTF8,
                    message=f"byte 0x{data[error.start]:02x} is not valid UTF-8",
                    location=Location(name, line, column),
                    hint="save the file as UTF-8" + (" (it looks like UTF-16)" if utf16 else ""),
                )
            ]
        ) from None
    if not text.strip():
        raise _one(ErrorCode.EMPTY_FILE, name, "the file is empty", line=1, hint=EMPTY_HINT)
    return text


def _one(
    code: str, name: str, message: str, *, hint: str | None = None, line: int = 0
) -> InputError:
    """An InputError with one whole-file problem (located at line 1 when ``line`` is 1)."""
    location = Location(name, line, 1) if line else None
    return InputError([Problem(code=code, message=message, location=location, hint=hint)])


EMPTY_HINT: Final = "write a profile (see `igalgo schema profile`) or a drafts file"
"""What to do about an empty file."""


# --- shipped profiles ---------------------------------------------------------------------


def profiles_directory() -> Path:
    """Where the shipped profiles are: inside the installed package, else the repository's."""
    # A plain path, not importlib.resources (an import a command-line start can do without):
    # igalgo is installed as files, never zipped.
    package = Path(__file__).resolve().parents[1]
    packaged = package / "profiles"
    if packaged.is_dir():
        return packaged
    return package.parent / "profiles"  # a checkout


def shipped_profiles() -> dict[str, Path]:
    """Shipped profile names (file stems) and their files, sorted by name.

    Every ``*.yaml`` in :func:`profiles_directory` except drafts files (the demo drafts and any
    file with a top-level ``drafts:`` key).
    """
    folder = profiles_directory()
    if not folder.is_dir():
        return {}
    found: dict[str, Path] = {}
    for path in sorted(folder.glob("*.yaml")):
        if path.name == DEMO_DRAFTS:
            continue
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            text = ""  # listed anyway: loading it reports what is wrong
        if re.search(r"^drafts\s*:", text, re.MULTILINE):
            continue
        found[path.stem] = path
    return found


def shipped_hint(name: str) -> str:
    """A hint for a profile name that is not found: the closest shipped name, or the list."""
    import difflib  # only on this error path

    names = list(shipped_profiles())
    close = difflib.get_close_matches(name, names, n=1)
    if close:
        return tr("did you mean the shipped profile `{name}`?", name=close[0])
    if names:
        return tr("shipped profiles: {names} (or give a path)", names=", ".join(names))
    return tr("give the path of a profile file")
