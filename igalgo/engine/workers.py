"""Worker processes for the simulation: the one place that starts processes.

Processes, not threads, because the simulation's many short numpy calls keep taking the
interpreter lock (docs/decisions/0003-worker-processes.md). The pool is forked once, on first
use, and kept; each chunk's inputs travel to a worker and its summary back.

Only where ``fork`` is a safe way to start them (Linux) and when asked for more than one
worker; elsewhere everything runs in the calling process, with the same results. Forking
copies only the calling thread: a program that starts threads should call :func:`pool`
first (the command line does, before its progress bar). Workers ignore Ctrl-C, which the
main process handles, and die with the thread that forked them, so that no worker outlives
a killed parent. A pool whose workers died is dropped: :func:`pool` starts a new one, and
callers may redo the work themselves.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when the first pool starts, which a short run never does
    from concurrent.futures import ProcessPoolExecutor

_POOLS: dict[int, ProcessPoolExecutor] = {}
_LOCK = threading.Lock()


def _forget_in_child() -> None:
    """After a fork (ours or the caller's), the child has copies of the pools without their
    threads and processes: it starts its own when it needs them."""
    global _LOCK  # a lock held by another thread at the fork would stay held
    _POOLS.clear()
    _LOCK = threading.Lock()
    _stop_at_exit.cache_clear()  # a multiprocessing child starts with no exit hooks


os.register_at_fork(after_in_child=_forget_in_child)


def pool(count: int) -> ProcessPoolExecutor | None:
    """The shared pool of ``count`` worker processes, started on first use; None where the
    calling process should do the work itself (one worker, or not Linux)."""
    if count <= 1 or not sys.platform.startswith("linux"):
        return None
    with _LOCK:
        executor = _POOLS.get(count)
        if executor is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            executor = ProcessPoolExecutor(
                count,
                mp_context=multiprocessing.get_context("fork"),
                initializer=follow_parent,
                initargs=(os.getpid(),),
            )
            # The first task forks every worker, now, from this thread (with fork, the
            # executor starts them all at once and never again).
            executor.submit(int).result()
            _stop_at_exit()
            _POOLS[count] = executor
        return executor


def stop() -> None:
    """Stop every worker process (they are started again when needed)."""
    with _LOCK:
        for executor in _POOLS.values():
            executor.shutdown(wait=True, cancel_futures=True)
        _POOLS.clear()


def forget(executor: ProcessPoolExecutor) -> None:
    """Drop a pool whose workers died (the next :func:`pool` starts a new one)."""
    with _LOCK:
        for count, known in list(_POOLS.items()):
            if known is executor:
                del _POOLS[count]
    executor.shutdown(wait=True, cancel_futures=True)


def abandon(executor: ProcessPoolExecutor) -> None:
    """Drop a pool left in the middle of its work, at once: its workers are killed (a worker
    that ignores the signal that ended the run would otherwise finish its chunk first), and
    the pool's own thread fails or cancels the chunks left, which nothing waits for."""
    with _LOCK:
        for count, known in list(_POOLS.items()):
            if known is executor:
                del _POOLS[count]
    # The executor has no public way to reach its processes; _processes maps pid -> process.
    processes = getattr(executor, "_processes", None) or {}
    for process in list(processes.values()):
        try:
            process.kill()
        except (OSError, ValueError):  # ended already, or closed
            continue
    # A worker killed while sending a large result leaves half a message in the result pipe,
    # and the pool's thread would wait for the rest for ever: this process holds the pipe's
    # other end too. Closing that end (the workers, dead, hold none) ends the read at once.
    writer = getattr(getattr(executor, "_result_queue", None), "_writer", None)  # private
    if writer is not None:
        with contextlib.suppress(OSError):  # closed already
            writer.close()
    manager = getattr(executor, "_executor_manager_thread", None)  # private, as above
    executor.shutdown(wait=False, cancel_futures=True)
    if manager is not None:
        # Its workers dead, the pool's thread ends at once; waited for (boundedly), so that the
        # interpreter's exit does not wake it while it closes its pipes (an OSError printed).
        manager.join(timeout=ABANDON_WAIT_S)


ABANDON_WAIT_S = 10.0
"""The longest :func:`abandon` waits for a pool's own thread to end, in seconds."""


@functools.cache
def _stop_at_exit() -> None:
    """Stop the workers when this process exits, before multiprocessing joins its children
    (a process started by multiprocessing would wait for its workers forever) and while the
    interpreter is whole (an executor collected during its teardown prints an error)."""
    from multiprocessing import util

    util.Finalize(None, stop, exitpriority=100)


def follow_parent(parent: int) -> None:
    """In each worker: default signal handling, Ctrl-C ignored, and death with the thread that
    forked it.

    The death signal only covers a parent that dies after it is set, so a worker whose
    parent is already gone (it was killed between the fork and this call) exits at once.
    """
    import ctypes
    import signal

    for number in signal.valid_signals():  # handlers the parent set in Python (a command
        if callable(signal.getsignal(number)):  # line's cleanup): a worker just ends
            signal.signal(number, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        set_death_signal = ctypes.CDLL(None).prctl
    except (OSError, AttributeError):  # no prctl: the worker lives until the pool stops
        set_death_signal = None
    if set_death_signal is not None:
        pr_set_pdeathsig = 1
        set_death_signal(pr_set_pdeathsig, int(signal.SIGKILL))
    if os.getppid() != parent:
        os._exit(1)
