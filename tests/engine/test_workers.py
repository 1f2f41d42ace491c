"""Worker processes (igalgo.engine.workers): same numbers, no orphans, and a killed worker costs
nothing but time."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from igalgo.domain import Format
from igalgo.engine import workers
from igalgo.engine.settings import EngineSettings
from igalgo.world.model import score_drafts
from tests.conftest import REPO
from tests.engine_helpers import WEDNESDAY_19H, make_account, make_draft, shifted

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="worker processes are used on Linux only"
)

ACCOUNT = make_account(8_000, 0.02)
DRAFTS = [
    replace(make_draft(fmt, shifted(WEDNESDAY_19H, 5.0 * i)), id=f"{fmt}{i}")
    for i in range(6)
    for fmt in Format
]
CHUNKED = EngineSettings(chunk_elements=1 << 12)  # 4 drafts a chunk: many chunks


def _score(count: int) -> list[object]:
    return list(score_drafts(ACCOUNT, DRAFTS, settings=replace(CHUNKED, workers=count)))


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status  # a zombie has exited


def _wait_until_dead(pids: list[int], seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(_alive(pid) for pid in pids):
            return True
        time.sleep(0.05)
    return False


def test_a_killed_worker_changes_no_number() -> None:
    alone = _score(1)
    assert _score(2) == alone
    executor = workers.pool(2)
    assert executor is not None
    pids = list(executor._processes)
    os.kill(pids[0], signal.SIGKILL)
    assert _wait_until_dead(pids[:1])
    assert _score(2) == alone  # the broken pool is dropped, the chunks are done here
    assert _score(2) == alone  # and a new pool serves the next call
    assert workers.pool(2) is not executor


def test_workers_end_with_a_killed_parent(tmp_path: Path) -> None:
    # Killed the moment its workers exist, 20 times: the death signal is set before a
    # worker can be orphaned (or it sees that it already is), so none is left 2 s later.
    script = (
        "import sys\n"
        "from igalgo.engine import workers\n"
        "print(*workers.pool(2)._processes, flush=True)\n"
        "sys.stdin.read()\n"
    )
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    for _ in range(20):
        with subprocess.Popen(
            [sys.executable, "-c", script],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=tmp_path,
            env=environment,
        ) as parent:
            try:
                assert parent.stdout is not None
                pids = [int(pid) for pid in parent.stdout.readline().split()]
                assert len(pids) == 2
            finally:
                parent.kill()
        assert _wait_until_dead(pids, seconds=2.0)


def test_one_worker_or_another_platform_means_no_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    assert workers.pool(1) is None
    monkeypatch.setattr(sys, "platform", "darwin")
    assert workers.pool(2) is None


def test_a_short_run_imports_no_process_machinery() -> None:
    # concurrent.futures.process and multiprocessing cost ~30 ms of a command-line run.
    script = (
        "import sys\n"
        "from igalgo.world.model import score_drafts\n"
        "from tests.engine_helpers import make_account, make_draft\n"
        "score_drafts(make_account(), [make_draft()])\n"
        "print(sorted(m for m in sys.modules if m.startswith(('multiprocessing', "
        "'concurrent.futures.process'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    assert done.stdout.strip() == "[]"


def _score_in_child(results: object) -> None:
    results.put(_score(2))  # type: ignore[attr-defined]


def test_a_forked_child_of_the_caller_starts_its_own_workers() -> None:
    import multiprocessing

    expected = _score(2)  # the parent's pool is up
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    child = context.Process(target=_score_in_child, args=(results,))
    child.start()
    try:
        assert results.get(timeout=60) == expected
    finally:
        child.join(timeout=10)
    assert child.exitcode == 0
