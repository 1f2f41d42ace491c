"""Worker processes never outlive a killed ``igalgo``: killed (SIGKILL, no cleanup possible) the
moment its workers appear, 20 times, and none of them is alive 2 s later."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import igalgo_executable

RUNS = 20
PARALLEL = 4
"""Runs at once (each mostly waits for its start-up), so that the test stays quick."""

GRACE_SECONDS = 2.0

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="worker processes are Linux-only"
)


def children(pid: int) -> set[int]:
    """The processes ``pid``'s threads have started (Linux's /proc)."""
    found: set[int] = set()
    for listing in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found.update(int(child) for child in listing.read_text().split())
        except OSError:  # the thread or the process ended meanwhile
            continue
    return found


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting for its parent to reap it has ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


@pytest.fixture(scope="module")
def many_drafts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """800 drafts: several chunks at the default samples, so igalgo starts its workers."""
    path = tmp_path_factory.mktemp("many") / "many.yaml"
    lines = ["account: bakery", "drafts:"]
    lines += [
        f"  - {{id: d{i}, format: photo, publish_at: '2026-12-{1 + i % 28:02d} {i % 24:02d}:00'}}"
        for i in range(800)
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


def kill_when_workers_appear(drafts: Path) -> tuple[float, set[int]]:
    """Start igalgo, SIGKILL it as soon as it has a child; the time of the kill and the
    children seen."""
    process = subprocess.Popen(
        [igalgo_executable(), "score", str(drafts), "--jobs", "2", "--format", "ndjson"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    seen: set[int] = set()
    deadline = time.monotonic() + 30
    while not seen and process.poll() is None and time.monotonic() < deadline:
        seen = children(process.pid)
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    return time.monotonic(), seen | children(process.pid)


def test_no_worker_outlives_a_killed_igalgo(many_drafts: Path) -> None:
    killed: list[tuple[float, set[int]]] = []
    lock = threading.Lock()

    def runs(count: int) -> None:
        for _ in range(count):
            outcome = kill_when_workers_appear(many_drafts)
            with lock:
                killed.append(outcome)

    threads = [threading.Thread(target=runs, args=(RUNS // PARALLEL,)) for _ in range(PARALLEL)]
    for thread in threads:
        thread.start()
    survivors: list[int] = []
    checked = 0
    while checked < RUNS:  # each run's workers, GRACE_SECONDS after its kill
        with lock:
            due = sorted(killed)[checked:]
        if not due:
            time.sleep(0.01)
            continue
        moment, seen = due[0]
        time.sleep(max(0.0, moment + GRACE_SECONDS - time.monotonic()))
        assert seen, "a run ended before its workers appeared"
        survivors += [pid for pid in seen if alive(pid)]
        checked += 1
    for thread in threads:
        thread.join(timeout=60)
    assert survivors == []
