"""Chunks of work done in order, here or in worker processes, with the same results."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from igalgo.engine import workers

Result = TypeVar("Result")

Remote = Callable[[int], tuple[Callable[..., Any], tuple[Any, ...]]]
"""Chunk index -> (a picklable function, its arguments) that computes the chunk elsewhere."""


def map_chunks(
    count: int,
    local: Callable[[int], Result],
    remote: Remote,
    worker_count: int,
) -> Iterator[Result]:
    """The result of every chunk ``0 .. count - 1``, in order.

    With several chunks and more than one worker, chunks go to the shared worker pool
    (:func:`igalgo.engine.workers.pool`) as ``remote(i)``; else, and for the chunks left when
    a worker dies, each is ``local(i)`` in this process. Callers guarantee both give the same
    result. Results are yielded as they come back, so the caller can use one while the
    workers compute the next.
    """
    executor = workers.pool(worker_count) if count > 1 else None
    done = 0
    if executor is not None:
        from concurrent.futures.process import BrokenProcessPool

        try:
            jobs = []
            for index in range(count):
                function, arguments = remote(index)
                jobs.append(executor.submit(function, *arguments))
            for job in jobs:
                result: Result = job.result()
                done += 1
                yield result
        except BrokenProcessPool:  # a worker died (killed): the rest is done here
            workers.forget(executor)
        except BaseException:
            # Left early (an ending signal, Ctrl-C, an error, a caller that stopped reading):
            # the pool is dropped without waiting. Its chunks are never cancelled from here:
            # the pool's own thread settles them, and would fail on a future cancelled under it
            # when the workers died of the same signal (docs/decisions/0136-hardening-round-3.md).
            workers.abandon(executor)
            raise
    for index in range(done, count):
        yield local(index)
