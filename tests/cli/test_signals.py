"""Every catchable signal that ends igalgo while it writes ``--output`` leaves the old file as
it was and no temporary file behind, and igalgo exits 128 + the signal's number."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from igalgo.cli.runtime import ending_signals
from tests.conftest import igalgo_executable


@pytest.fixture(scope="module")
def many_drafts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough drafts that scoring them takes a few seconds."""
    path = tmp_path_factory.mktemp("many") / "many.yaml"
    lines = ["account: bakery", "drafts:"]
    lines += [
        f"  - {{id: d{i}, format: photo, publish_at: '2026-12-{1 + i % 28:02d} {i % 24:02d}:00'}}"
        for i in range(3000)
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


SIGNALS = [
    signal.SIGHUP,
    signal.SIGINT,
    signal.SIGQUIT,
    signal.SIGTERM,
    signal.SIGUSR1,
    signal.SIGUSR2,
    signal.SIGALRM,
    signal.SIGRTMIN,
]


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("number", SIGNALS, ids=[signal.Signals(s).name for s in SIGNALS])
def test_a_signal_during_output_keeps_the_old_file_and_removes_the_temporary(
    many_drafts: Path, tmp_path: Path, number: int
) -> None:
    out = tmp_path / "out.ndjson"
    out.write_text("old\n")
    args = ["score", str(many_drafts), "--format", "ndjson", "--output", str(out)]
    process = subprocess.Popen(
        [igalgo_executable(), *args, "--samples", "64"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while not temporaries(tmp_path) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert process.poll() is None, "the run ended before it could be interrupted"
    process.send_signal(number)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 128 + number
    assert stderr == b""
    assert out.read_text() == "old\n"
    assert temporaries(tmp_path) == []


def test_the_ending_signals_are_all_that_a_handler_can_catch() -> None:
    handled = set(ending_signals())
    assert {signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1, signal.SIGTERM} <= handled
    assert not {signal.SIGKILL, signal.SIGSTOP, signal.SIGSEGV, signal.SIGCHLD} & handled
    assert set(range(signal.SIGRTMIN, signal.SIGRTMAX + 1)) <= handled


@pytest.fixture(scope="module")
def ten_thousand_drafts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A drafts file as large as CI runs see: scoring it keeps the workers busy for minutes."""
    path = tmp_path_factory.mktemp("large") / "big.yaml"
    lines = ["account: bakery", "drafts:"]
    lines += [
        f"  - {{id: d{i}, format: photo, "
        f"publish_at: '2027-03-{1 + i % 28:02d} {8 + i % 12:02d}:00'}}"
        for i in range(10_000)
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


def _group_members(group: int) -> int:
    """How many processes are in process group ``group`` (Linux: read from /proc)."""
    members = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # ended meanwhile
        members += fields[0] != "Z" and int(fields[2]) == group  # state, ppid, pgrp
    return members


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")
@pytest.mark.parametrize(
    ("number", "after"),
    [(signal.SIGTERM, 0.5), (signal.SIGHUP, 3.0), (signal.SIGTERM, 6.0)],
    ids=["SIGTERM-early", "SIGHUP", "SIGTERM-later"],
)
def test_a_signal_to_the_process_group_ends_the_run_and_its_workers(
    ten_thousand_drafts: Path, tmp_path: Path, number: int, after: float
) -> None:
    """What CI cancellation, systemd and ``kill 0`` do: the signal reaches igalgo and its
    workers at once. The run ends with 128 + N, no traceback and no process left, however the
    workers died (issue 27, item 3)."""
    out = tmp_path / "out.ndjson"
    args = ["score", str(ten_thousand_drafts), "--format", "ndjson", "--output", str(out)]
    process = subprocess.Popen(
        [igalgo_executable(), *args, "--jobs", "2", "--samples", "64"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as setsid gives it
    )
    try:
        deadline = time.monotonic() + 60
        while (
            _group_members(process.pid) < 3
            and process.poll() is None
            and time.monotonic() < deadline
        ):
            time.sleep(0.05)  # until igalgo and its two workers run
        time.sleep(after)  # chunks in flight in the workers
        assert process.poll() is None, "the run ended before it could be interrupted"
        os.killpg(process.pid, number)
        _, stderr = process.communicate(timeout=30)
    finally:
        if _group_alive(process.pid):
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 128 + number
    assert b"Traceback" not in stderr and b"Error" not in stderr, stderr.decode()
    deadline = time.monotonic() + 5
    while _group_alive(process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _group_alive(process.pid), "a worker outlived the run"
