"""Every process-wide setting the command line makes, in one place; the library makes none.

A command-line run is one short process that imports numpy and the engine, scores, and
exits, so it tunes the process for that: the cycle collector waits until the imports are
done, OpenBLAS starts one thread, freed memory stays in the process, worker processes are
forked before any other thread starts, and every signal that would end the process becomes
an exception so that cleanup runs. A program that uses igalgo as a library keeps its own settings.
(docs/decisions/0040-process-settings-of-the-command-line.md)
"""

from __future__ import annotations

import errno
import functools
import gc
import io
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any, NoReturn, TextIO

from igalgo.errors import Terminated, printable
from igalgo.language import localized


def pause_collector() -> None:
    """Stop the cycle collector while modules are imported: they create many long-lived
    objects that it would scan again and again."""
    gc.disable()


def imports_done(*modules: str) -> None:
    """Import ``modules`` (what a command needs later), then turn the cycle collector back
    on, leaving the objects made so far (modules, classes) out of its future passes."""
    import importlib

    for name in modules:
        importlib.import_module(name)
    gc.freeze()
    gc.enable()


@functools.lru_cache(maxsize=1)
def retain_freed_memory() -> bool:
    """Keep freed memory in the process for reuse (glibc's ``mallopt``); True if applied.

    Every chunk allocates and frees the same few megabytes of sample arrays; with glibc's
    defaults the freed blocks go back to the operating system and the next chunk faults them
    in again page by page. Raising the mmap threshold to 32 MiB and the trim threshold to
    256 MiB keeps them (once per process; other C libraries are left alone).
    """
    import ctypes

    try:
        # The process's own symbols include the C library's; no find_library (a subprocess).
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc: no mallopt
        return False
    mmap_threshold, trim_threshold = -3, -1  # glibc's M_MMAP_THRESHOLD, M_TRIM_THRESHOLD
    return bool(mallopt(mmap_threshold, 32 << 20)) and bool(mallopt(trim_threshold, 256 << 20))


def helper_process(parent: int) -> None:
    """In a process the command forks to help it (the report's drawing process): default
    signal handling with Ctrl-C ignored (the command handles it), and death with the command
    ``parent``, as the engine's workers (:func:`igalgo.engine.workers.follow_parent`)."""
    from igalgo.engine import workers

    workers.follow_parent(parent)


def start_workers(count: int) -> None:
    """Fork the ``count`` worker processes now, before a thread (the progress bar's) starts:
    a fork copies only the calling thread (see :mod:`igalgo.engine.workers`)."""
    from igalgo.engine import workers

    workers.pool(count)


def silence_stdout() -> None:
    """Point standard output at /dev/null: what is still written (buffered text, the rest of
    a run that goes on to decide its exit code) is dropped, and Python's exit flush cannot
    fail on a closed pipe or a full disk (it would make the exit code 120)."""
    _to_devnull(1)  # standard output's descriptor


def _to_devnull(descriptor: int) -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)


def diagnose(message: str) -> None:
    """Write ``message`` and a newline on stderr, escaped (:func:`~igalgo.errors.printable`:
    it may quote a file name). A stderr that cannot be written (closed, full, its reader
    gone) loses the message and the ones after it, never the run or its exit code."""
    if not message:
        return
    try:
        sys.stderr.write(printable(localized(message), keep="\n") + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        _to_devnull(2)  # standard error's descriptor


class ClosedOutput(io.TextIOBase):
    """Standard output when the process started without one (``igalgo score D >&-``): every
    write fails, as a write to a closed descriptor does, so the command reports it (exit 2)
    instead of finishing as if its results had gone somewhere."""

    def write(self, text: str) -> int:
        """Fail: there is nowhere to write."""
        raise OSError(errno.EBADF, "standard output is closed")

    def isatty(self) -> bool:
        """Not a terminal."""
        return False


def guard_standard_streams() -> None:
    """Make closed standard streams harmless.

    A descriptor 0, 1 or 2 that is closed is opened on /dev/null, so that no file igalgo opens
    later takes its number (an ``--output`` temporary opened as descriptor 1 would receive
    what is meant for standard output). Python's ``sys.stdout`` is then
    :class:`ClosedOutput` (writing to it is an error) and ``sys.stderr`` a /dev/null writer
    (diagnostics are lost, the exit code still says what happened).
    """
    for descriptor in (0, 1, 2):
        try:
            os.fstat(descriptor)
        except OSError:
            devnull = os.open(os.devnull, os.O_RDWR)
            if devnull != descriptor:
                os.dup2(devnull, descriptor)
                os.close(devnull)
    if sys.stdout is None:
        sys.stdout = ClosedOutput()
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115  # for the process


def ending_signals() -> list[int]:
    """Every signal that would end the process and that a handler can catch.

    Left out: SIGKILL and SIGSTOP (no handler can catch them), the faults a program causes
    itself (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS: no Python code can run
    safely after them), SIGPIPE (Python ignores it: writes fail with EPIPE instead) and
    SIGXFSZ (Python ignores it: writes fail with EFBIG), and the signals whose default is to
    do nothing or to stop. Real-time signals are included.
    """
    names = (
        *("SIGHUP", "SIGINT", "SIGQUIT", "SIGTERM", "SIGUSR1", "SIGUSR2", "SIGALRM"),
        *("SIGVTALRM", "SIGPROF", "SIGXCPU", "SIGIO", "SIGPWR", "SIGSTKFLT"),
    )
    found = {int(getattr(signal, name)) for name in names if hasattr(signal, name)}
    if hasattr(signal, "SIGRTMIN"):
        found.update(range(signal.SIGRTMIN, signal.SIGRTMAX + 1))
    return sorted(found)


_leaving = False
"""Set by the first ending signal: later ones are ignored while cleanup runs."""


JSON_ESCAPE = "igalgo-json-escape"
"""The codec error handler that writes an unencodable character as a JSON escape."""


def _json_escape(error: UnicodeError) -> tuple[str, int]:
    """``é`` -> ``\\u00e9`` (a pair of escapes beyond the Basic Multilingual Plane)."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    import json

    return json.dumps(error.object[error.start : error.end])[1:-1], error.end


def tolerate_unencodable(stream: TextIO, *, json_text: bool) -> None:
    """Make ``stream`` replace the characters its encoding cannot carry instead of failing,
    when that encoding is not a Unicode one (``PYTHONIOENCODING=ascii``, ``LC_ALL=C`` without
    UTF-8 mode): ``?`` in tables, CSV and calendars; with ``json_text``, JSON's own ``\\uXXXX``
    escapes, so that JSON and NDJSON stay exact and valid. The report's own symbols are
    already ASCII there (:func:`igalgo.output.glyphs.glyphs_for`)."""
    import codecs

    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        if codecs.lookup(encoding).name.startswith("utf"):
            return
    except LookupError:
        pass
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is None:
        return
    if json_text:
        try:
            codecs.lookup_error(JSON_ESCAPE)
        except LookupError:
            codecs.register_error(JSON_ESCAPE, _json_escape)
    reconfigure(errors=JSON_ESCAPE if json_text else "replace")


def ended_by_signal() -> bool:
    """Whether an ending signal arrived during the command (its cleanup has run by now)."""
    return _leaving


def exit_now(code: int) -> NoReturn:
    """End the process with ``code`` at once, standard streams flushed, without the
    interpreter's teardown (atexit hooks, joins of other threads)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # closed, or a full disk: nothing more to say
            continue
    os._exit(code)


def _terminate(signum: int, frame: FrameType | None) -> None:
    """Handler of the ending signals: leave through the normal exception path, so that
    cleanup runs (an ``--output`` file's temporary is removed); a second signal during that
    cleanup is ignored rather than cutting it short."""
    global _leaving
    if _leaving:
        return
    _leaving = True
    raise Terminated(signum)


@contextmanager
def command_process() -> Iterator[None]:
    """The settings of a command-line run, undone at the end where a host program would see
    them: the collector is on again and the signal handlers are the previous ones.
    (docs/decisions/0063-signals-end-through-cleanup.md)"""
    global _leaving
    guard_standard_streams()
    # numpy's OpenBLAS starts a thread per core on import; the engine uses no BLAS routine.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    pause_collector()
    previous: dict[int, Callable[[int, FrameType | None], Any] | int | None] = {}
    if threading.current_thread() is threading.main_thread():
        _leaving = False
        for ending in ending_signals():
            try:
                previous[ending] = signal.signal(ending, _terminate)
            except (OSError, ValueError):  # one the platform does not let a program catch
                continue
    try:
        yield
    finally:
        for ending, handler in previous.items():  # None: a handler not set from Python
            signal.signal(ending, signal.SIG_DFL if handler is None else handler)
        gc.enable()
