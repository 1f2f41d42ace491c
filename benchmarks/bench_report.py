"""Time ``igalgo report`` on the shipped bakery with the demo drafts: the whole command (a new
process: imports, scoring, planning, charts, the page), its HTML size, and the page count of
its PDF when a headless Chromium is found.

Run ``python benchmarks/bench_report.py`` (``--repeat K``, ``--samples N``); it prints the best
and median wall time and the CPU time of the process. The issue's target: within 2 s.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LAUNCHER = (
    "import atexit, resource, runpy, sys\n"
    "def said():\n"
    "    own = resource.getrusage(resource.RUSAGE_SELF)\n"
    "    print(f'own-cpu {own.ru_utime + own.ru_stime}', file=sys.stderr)\n"
    "atexit.register(said)\n"
    "sys.argv[0] = 'igalgo'\n"
    "runpy.run_module('igalgo', run_name='__main__')\n"
)
"""Runs igalgo and says the CPU time of its own process (the plan's worker not counted)."""

COMMAND = [
    sys.executable,
    "-c",
    LAUNCHER,
    "report",
    "--account",
    "bakery",
    "--drafts",
    str(REPO / "profiles" / "demo-drafts.yaml"),
]
TODAY = "2026-11-29"
"""The Sunday before the demo drafts' week: the plan's first week is theirs."""


def run(folder: Path, extra: list[str]) -> tuple[float, float, float]:
    """One run of the command: wall seconds, CPU seconds of the command and its worker, and
    CPU seconds of the command's own process."""
    env = {**os.environ, "IGALGO_TODAY": TODAY, "PYTHONPATH": str(REPO)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [*COMMAND, *extra], cwd=folder, env=env, check=True, capture_output=True, text=True
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    own = re.search(r"own-cpu ([\d.]+)", done.stderr)
    return wall, cpu, float(own.group(1)) if own else float("nan")


def main() -> None:
    """Time the report and print what it measured."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--samples", type=int, default=None)
    options = parser.parse_args()
    extra = ["--output", "zon.html"]
    if options.samples is not None:
        extra += ["--samples", str(options.samples)]
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        run(folder, extra)  # warm the file cache and bytecode
        times = [run(folder, extra) for _ in range(options.repeat)]
        walls = [wall for wall, _, _ in times]
        cpus = [cpu for _, cpu, _ in times]
        owns = [own for _, _, own in times]
        size = (folder / "zon.html").stat().st_size
        drafts = (REPO / "profiles" / "demo-drafts.yaml").read_text(encoding="utf-8")
        count = len(re.findall(r"^  - id:", drafts, re.MULTILINE))
        print(f"igalgo report, bakery + {count} demo drafts")
        print(
            f"  wall: best {min(walls):.2f} s, median {statistics.median(walls):.2f} s "
            f"({options.repeat} runs); CPU: best {min(cpus):.2f} s, median "
            f"{statistics.median(cpus):.2f} s"
        )
        print(
            f"  CPU of the command's own process (the critical path; the plan's worker runs "
            f"beside it): best {min(owns):.2f} s, median {statistics.median(owns):.2f} s"
        )
        print(f"  HTML: {size:,} bytes ({size / 1024:,.0f} KiB)")
        if shutil.which("chromium") or shutil.which("chromium-browser"):
            wall, _, _ = run(folder, [*extra, "--pdf"])
            pdf = folder / "zon.pdf"
            pages = "?"
            if shutil.which("pdfinfo"):
                info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
                found = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
                pages = found.group(1) if found else "?"
            print(f"  with --pdf: {wall:.2f} s; PDF {pdf.stat().st_size:,} bytes, {pages} pages")
        else:
            print("  no chromium on PATH: PDF not measured")


if __name__ == "__main__":
    main()
