"""Every process-wide setting the command line makes, in one place; the library makes none.

A command-line run is one short process that imports numpy and the engine, scores, and
exits, so it tunes the process for that: the cycle collector waits until the imports are
done, OpenBLAS starts one thread, freed memory stays in the process, worker processes are
forked before any other thread starts, and SIGTERM becomes an exception so that cleanup
runs. A program that uses igalgo as a library keeps its own settings.
(docs/decisions/0040-process-settings-of-the-command-line.md)
"""

from __future__ import annotations

import functools
import gc
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TextIO

from igalgo.errors import Terminated


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


def one_blas_thread() -> None:
    """Ask OpenBLAS for one thread (unless the environment says otherwise): numpy starts one
    per core on import, and the engine uses no BLAS routine."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


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


def start_workers(count: int) -> None:
    """Fork the ``count`` worker processes now, before a thread (the progress bar's) starts:
    a fork copies only the calling thread (see :mod:`igalgo.engine.workers`)."""
    from igalgo.engine import workers

    workers.pool(count)


def silence_stdout() -> None:
    """Point stdout at /dev/null so that Python's exit flush does not fail on a closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


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


def _terminate(signum: int, frame: FrameType | None) -> None:
    """SIGTERM handler: leave through the normal exception path (cleanup runs)."""
    raise Terminated(signum)


@contextmanager
def command_process() -> Iterator[None]:
    """The settings of a command-line run, undone at the end where a host program would see
    them: the collector is on again and the SIGTERM handler is the previous one."""
    one_blas_thread()
    pause_collector()
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        gc.enable()
