"""Every catchable signal that ends igalgo while it writes ``--output`` leaves the old file as
it was and no temporary file behind, and igalgo exits 128 + the signal's number."""

from __future__ import annotations

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
