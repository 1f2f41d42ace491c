"""Time ``igalgo report`` as a user runs it: one account (the shipped bakery) with 12 drafts
(the demo drafts, and drafts of the same week added up to 12), the whole command in a new
process (imports, scoring, planning, charts, the page), its HTML size, and the page count of
its PDF when a headless Chromium is found.

Run ``python benchmarks/bench_report.py`` (``--repeat K``, ``--samples N``); it prints the best
and median wall time, the CPU time of the command with its workers and of its own process, and
the load average before and after (``--each``: every run as it ends, with the load then).
``--against DIR`` times another checkout of igalgo (for
example the main branch's) in the same run, alternating with this one, so that both meet the
same load. Each checkout's bytecode is written first, as an installed igalgo has it. The
issue's target: within 2 s.
"""

from __future__ import annotations

import argparse
import compileall
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
from typing import Any

import yaml

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

DRAFTS = 12
"""Drafts in the timed report (the issue's: one account with 12 drafts)."""

MORE_DRAFTS: list[dict[str, Any]] = [
    {
        "id": "gingerbread-carousel",
        "format": "carousel",
        "publish_at": "2026-12-05 09:00",
        "caption": "Six gingerbread houses from our Saturday workshop",
        "hashtags": ["gingerbread", "christmas"],
        "slides": 6,
        "quality": "high",
    },
    {
        "id": "saturday-queue-story",
        "format": "story",
        "publish_at": "2026-12-06 08:30",
        "quality": "standard",
    },
]
"""Drafts of the demo week that make up 12 when the demo has fewer."""

TODAY = "2026-11-29"
"""The Sunday before the demo drafts' week: the plan's first week is theirs."""


def drafts_file(folder: Path) -> Path:
    """The demo drafts with drafts added up to :data:`DRAFTS`, written into ``folder``."""
    demo = yaml.safe_load((REPO / "profiles" / "demo-drafts.yaml").read_text(encoding="utf-8"))
    drafts = list(demo["drafts"])
    drafts += MORE_DRAFTS[: max(0, DRAFTS - len(drafts))]
    path = folder / "drafts.yaml"
    path.write_text(
        yaml.safe_dump({"account": "bakery", "drafts": drafts[:DRAFTS]}, sort_keys=False),
        encoding="utf-8",
    )
    return path


def run(code: Path, folder: Path, extra: list[str]) -> tuple[float, float, float]:
    """One run of the command with the igalgo of the checkout ``code``: wall seconds, CPU
    seconds of the command and its worker, and CPU seconds of the command's own process."""
    env = {**os.environ, "IGALGO_TODAY": TODAY, "PYTHONPATH": str(code)}
    command = [sys.executable, "-c", LAUNCHER, "report", "--account", "bakery"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [*command, *extra], cwd=folder, env=env, check=True, capture_output=True, text=True
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    own = re.search(r"own-cpu ([\d.]+)", done.stderr)
    return wall, cpu, float(own.group(1)) if own else float("nan")


def load() -> str:
    """The 1-minute load average (the machine is shared: every time depends on it)."""
    return f"{os.getloadavg()[0]:.1f}"


def summary(label: str, times: list[tuple[float, float, float]]) -> str:
    """Best and median wall time, CPU with the worker, and CPU of the command's own process."""
    walls = sorted(wall for wall, _, _ in times)
    cpus = sorted(cpu for _, cpu, _ in times)
    owns = sorted(own for _, _, own in times)
    return (
        f"  {label}: wall best {walls[0]:.2f} s, median {statistics.median(walls):.2f} s; "
        f"CPU (with the worker) best {cpus[0]:.2f} s, median {statistics.median(cpus):.2f} s; "
        f"CPU of its own process best {owns[0]:.2f} s, median {statistics.median(owns):.2f} s "
        f"({len(times)} runs)"
    )


def compiled(code: Path) -> None:
    """Write the bytecode of the checkout ``code``'s igalgo, as pip does when it installs it: a
    module without up-to-date bytecode is compiled again at every start when Python may not
    write it (``PYTHONDONTWRITEBYTECODE``), which would be timed as the command's own work."""
    compileall.compile_dir(str(code / "igalgo"), quiet=1)


def main() -> None:
    """Time the report and print what it measured."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--samples", type=int, default=None)
    parser.add_argument("--against", type=Path, default=None, metavar="DIR")
    parser.add_argument("--no-pdf", action="store_true", help="Do not time --pdf.")
    parser.add_argument(
        "--each", action="store_true", help="Print every run (wall, CPU, load) as it ends."
    )
    options = parser.parse_args()
    codes = {"this checkout": REPO}
    if options.against is not None:
        codes[str(options.against)] = options.against.resolve()
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        extra = ["--drafts", str(drafts_file(folder)), "--output", "zon.html"]
        if options.samples is not None:
            extra += ["--samples", str(options.samples)]
        print(f"igalgo report, bakery + {DRAFTS} drafts; load average {load()} at the start")
        for code in codes.values():
            compiled(code)
            run(code, folder, extra)  # warm the file cache
        times: dict[str, list[tuple[float, float, float]]] = {label: [] for label in codes}
        size = 0
        for _ in range(options.repeat):
            for label, code in codes.items():  # alternating: both meet the same load
                times[label].append(run(code, folder, extra))
                if options.each:
                    wall, cpu, own = times[label][-1]
                    print(
                        f"    {label}: wall {wall:.2f} s, CPU {cpu:.2f} s, own {own:.2f} s, "
                        f"load {load()}"
                    )
                if code == REPO:
                    size = (folder / "zon.html").stat().st_size
        for label in codes:
            print(summary(label, times[label]))
        print(f"  load average {load()} at the end")
        print(f"  HTML (this checkout's): {size:,} bytes ({size / 1024:,.0f} KiB)")
        if options.no_pdf:
            return
        if shutil.which("chromium") or shutil.which("chromium-browser"):
            wall, _, _ = run(REPO, folder, [*extra, "--pdf"])
            pdf = folder / "zon.pdf"
            pages = "?"
            if shutil.which("pdfinfo"):
                info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
                found = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
                pages = found.group(1) if found else "?"
            print(
                f"  with --pdf (this checkout): {wall:.2f} s, load {load()}; "
                f"PDF {pdf.stat().st_size:,} bytes, {pages} pages"
            )
        else:
            print("  no chromium on PATH: PDF not measured")


if __name__ == "__main__":
    main()
