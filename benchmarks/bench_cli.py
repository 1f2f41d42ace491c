"""Benchmark of the command line's workloads against the bare engine, as ratios in one run.

Run from the repository root:

    python benchmarks/bench_cli.py                      # every workload, once
    python benchmarks/bench_cli.py --repeat 3           # three series, best and range
    python benchmarks/bench_cli.py --only accounts agency

Each workload runs in a fresh child process (no cache carried over, its own peak memory),
through the functions the command calls (``score_files`` and the NDJSON writer of ``igalgo
score``, ``plan_surface`` of ``igalgo plan``) with the command's defaults (1,024 samples, two
worker processes), or as a subprocess of ``igalgo`` itself where start-up is the point. The
bare engine is :func:`igalgo.world.model.score_drafts` per file with ``compete=True`` and no
drivers. The machine's speed varies between runs; compare the ratios of one run.

Workloads (the targets of issue 14):

- ``accounts``: 200 accounts of one draft each, bare engine (target: at most 0.6 s, 3 ms a
  fixed cost per account);
- ``agency``: 200 drafts files of 50 drafts (an agency's month, each its own account),
  ``score --format ndjson`` against the bare engine on the same files (target 2.5x);
- ``large``: a heavy account's year, one file of 10,000 drafts (27 a day, dates spread over
  the year), the same comparison (target 3x, issue 23);
- ``plan``: ``plan --surface feed --drafts`` of 1,000 undated drafts over 8 weeks (target 3x
  the bare engine on 10,000 drafts) and of 2,000 over 16 weeks (2.5x the 1,000-draft plan);
- ``demo``: ``igalgo score profiles/demo-drafts.yaml`` (0.4 s) and ``igalgo --version``
  (1.5x ``python -c "import typer"``), best of several runs;
- ``stream``: 10,000 and 100,000 drafts (files of 1,000: a file holds at most 1 MiB)
  through ``score --format ndjson`` as a subprocess, peak memory of the command and of its
  largest worker (target: 100,000 at most 1.3x 10,000).
"""

from __future__ import annotations

import argparse
import compileall
import json
import math
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_score import generate_drafts  # noqa: E402  (path set above)

from igalgo.domain import Draft, Format  # noqa: E402

SAMPLES = 1024
JOBS = 2
TODAY = "2026-11-30"
PLAN_START = "2026-12-07"
ACCOUNTS = 200
AGENCY_DRAFTS = 50
LARGE_DRAFTS = 10_000
NICHES = ("food", "fitness", "fashion", "travel", "music", "b2b", "beauty", "home", "tech")
POPULARITY = ("low", "medium", "high")


# --- the inputs ------------------------------------------------------------------------------


def profile(name: str) -> dict[str, Any]:
    """A shipped profile as a mapping (to be changed and written inline)."""
    text = (REPO / "profiles" / f"{name}.yaml").read_text(encoding="utf-8")
    loaded: dict[str, Any] = yaml.safe_load(text)
    return loaded


SHIPPED = ("bakery", "fitness-coach", "fashion-brand", "travel-photographer", "personal")


def client(index: int) -> dict[str, Any]:
    """The ``index``-th client of the agency: a shipped profile with its own size, market and
    engagement rate (every client is a different account)."""
    rng = random.Random(index)
    account = profile(SHIPPED[index % len(SHIPPED)])
    account["name"] = f"client {index}"
    account["followers"] = int(math.exp(rng.uniform(math.log(300), math.log(300_000))))
    account["market"] = {"niche": rng.choice(NICHES), "popularity": rng.choice(POPULARITY)}
    if rng.random() < 0.7:
        account["interaction"] = {"engagement_rate": round(rng.uniform(0.005, 0.08), 4)}
    else:
        account.pop("interaction", None)
    return account


def draft_entry(draft: Draft, dated: bool = True) -> dict[str, Any]:
    """A draft as a drafts file writes it."""
    entry: dict[str, Any] = {
        "id": draft.id,
        "format": draft.format.value,
        "caption": draft.caption,
        "hashtags": list(draft.hashtags),
        "quality": draft.quality.value,
        "watermark": draft.watermark,
    }
    if dated:
        entry["publish_at"] = draft.publish_at.isoformat()
    if draft.location:
        entry["location"] = draft.location
    if draft.format in (Format.REEL, Format.VIDEO, Format.STORY):
        entry["audio"] = draft.audio.value
    if draft.duration_s is not None:  # a story is at most 60 s long
        limit = 60.0 if draft.format is Format.STORY else draft.duration_s
        entry["duration_s"] = min(draft.duration_s, limit)
    if draft.slides is not None:
        entry["slides"] = draft.slides
    return entry


def write_file(path: Path, account: object, entries: list[dict[str, Any]]) -> str:
    """A drafts file with ``account`` (a profile name or an inline profile)."""
    text = yaml.safe_dump({"account": account, "drafts": entries}, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return str(path)


def month_drafts(count: int, seed: int) -> list[Draft]:
    """``count`` generated drafts dated over the four weeks from the plan's start."""
    import dataclasses

    rng = random.Random(seed)
    start = datetime.fromisoformat(PLAN_START).replace(tzinfo=UTC)
    return [
        dataclasses.replace(
            draft, publish_at=start + timedelta(minutes=rng.randrange(28 * 24 * 60))
        )
        for draft in generate_drafts(count, seed)
    ]


def agency_files(folder: Path, files: int = ACCOUNTS, drafts: int = AGENCY_DRAFTS) -> list[str]:
    """``files`` drafts files of ``drafts`` drafts, each of its own client."""
    return [
        write_file(
            folder / f"client-{index:03}.yaml",
            client(index),
            [draft_entry(d) for d in month_drafts(drafts, seed=index)],
        )
        for index in range(files)
    ]


def compact_line(draft: Draft, zone: ZoneInfo, dated: bool = True) -> str:
    """One draft as a flow mapping on one line with only its required fields and a
    watermark: a file of 10,000 drafts must stay under the loader's limits (1 MiB, 100,000
    values)."""
    fields = [f"id: {draft.id}", f"format: {draft.format.value}"]
    if dated:
        fields.append(f'publish_at: "{draft.publish_at.astimezone(zone):%Y-%m-%d %H:%M}"')
    entry = draft_entry(draft)
    for key in ("duration_s", "slides"):
        if key in entry:
            fields.append(f"{key}: {entry[key]:g}")
    if draft.watermark:
        fields.append("watermark: true")
    return "- {" + ",".join(fields) + "}\n"


def large_file(folder: Path, count: int, dated: bool = True, name: str = "large") -> str:
    """One bakery file of ``count`` drafts over a year (undated: for ``plan --drafts``)."""
    zone = ZoneInfo("Europe/Amsterdam")
    lines = [compact_line(d, zone, dated) for d in generate_drafts(count, seed=count)]
    path = folder / f"{name}-{count}.yaml"
    path.write_text("account: bakery\ndrafts:\n" + "".join(lines), encoding="utf-8")
    return str(path)


def stream_file(folder: Path, index: int) -> str:
    """The ``index``-th bakery file of 1,000 drafts over a year."""
    zone = ZoneInfo("Europe/Amsterdam")
    lines = [compact_line(d, zone) for d in generate_drafts(1_000, seed=index)]
    path = folder / f"part-{index:03}.yaml"
    path.write_text("account: bakery\ndrafts:\n" + "".join(lines), encoding="utf-8")
    return str(path)


def undated_file(folder: Path, count: int) -> str:
    """One bakery file of ``count`` undated drafts."""
    return large_file(folder, count, dated=False, name="undated")


# --- the workloads, each run in a child process ----------------------------------------------


def settings() -> Any:
    """The command's engine settings (``--samples 1024 --jobs 2``)."""
    from igalgo.cli.options import engine_settings

    return engine_settings(SAMPLES, JOBS)


CPU_AT_START: list[float] = []
"""This process's CPU seconds when the workload's clock started."""


def cpu_seconds(who: int) -> float:
    """User and system CPU seconds of this process or of its ended children."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def started() -> float:
    """Start the workload's clocks: wall time (returned) and this process's CPU time."""
    CPU_AT_START.append(cpu_seconds(resource.RUSAGE_SELF))
    return time.perf_counter()


def start_workers() -> None:
    """Fork the worker processes before the clock starts, as the command does early."""
    from igalgo.engine import workers

    workers.pool(JOBS)


def bare(sources: Sequence[str]) -> float:
    """Seconds of :func:`score_drafts` over the files' drafts, file by file (loaded first)."""
    from igalgo.inputs.loader import load_drafts
    from igalgo.world.model import score_drafts

    loaded = [load_drafts(source) for source in sources]
    engine = settings()
    start_workers()
    began = started()
    for drafts_file in loaded:
        score_drafts(drafts_file.account, drafts_file.drafts, settings=engine, compete=True)
    return time.perf_counter() - began


def score_ndjson(sources: Sequence[str]) -> float:
    """Seconds of ``igalgo score FILES --format ndjson`` through its functions, output
    discarded."""
    from datetime import date

    from igalgo.app.assess import ScoreOptions
    from igalgo.app.results import FileProblem
    from igalgo.app.score import score_files
    from igalgo.output.envelope import Run, ndjson_lines

    engine = settings()
    start_workers()
    run = Run(0, SAMPLES, ())
    began = started()
    lines = 0
    options = ScoreOptions(settings=engine, today=date.fromisoformat(TODAY))
    items = score_files(list(sources), options, lazy=True)
    for item in items:
        assert not isinstance(item, FileProblem), item.problems
        for _ in ndjson_lines(run, item.drafts_file, item.results, item.checklist):
            lines += 1
    return time.perf_counter() - began


def plan_drafts(source: str, weeks: int) -> float:
    """Seconds of ``igalgo plan --surface feed --drafts FILE --weeks N``."""
    from datetime import date

    from igalgo.app.plan import PlanOptions, plan_account
    from igalgo.domain import Surface
    from igalgo.inputs.loader import load_drafts

    engine = settings()
    start_workers()
    began = started()
    drafts_file = load_drafts(source)
    plan_account(
        drafts_file.account,
        drafts_file.drafts,
        PlanOptions(
            surface=Surface.FEED,
            start=date.fromisoformat(PLAN_START),
            weeks=weeks,
            settings=engine,
            today=date.fromisoformat(TODAY),
        ),
    )
    return time.perf_counter() - began


def child(name: str, arguments: list[str]) -> None:
    """Run one workload (in this child process) and print its seconds and peak memory."""
    workloads: dict[str, Callable[[], float]] = {
        "bare": lambda: bare(arguments),
        "score": lambda: score_ndjson(arguments),
        "plan": lambda: plan_drafts(arguments[0], int(arguments[1])),
    }
    seconds = workloads[name]()
    from igalgo.engine import workers

    workers.stop()
    # CPU seconds of the workload, its worker processes included (they end above): a measure
    # that a loaded machine changes less than wall time.
    cpu = cpu_seconds(resource.RUSAGE_SELF) - CPU_AT_START[0]
    cpu += cpu_seconds(resource.RUSAGE_CHILDREN)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
    print(json.dumps({"seconds": seconds, "cpu": cpu, "memory_mb": own, "worker_mb": children}))


def in_child(name: str, arguments: Sequence[str]) -> dict[str, float]:
    """Run a workload in a fresh child process; its seconds and peak memory."""
    command = [sys.executable, __file__, "--child", name, *arguments]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{name} failed:\n{done.stderr}")
    result: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    return result


def timed_command(command: Sequence[str], runs: int) -> list[float]:
    """Wall seconds of each of ``runs`` runs of ``command`` (output discarded)."""
    environment = {**os.environ, "IGALGO_TODAY": TODAY}
    out = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, env=environment, check=True, cwd=REPO)
        out.append(time.perf_counter() - began)
    return out


def peak_of_command(command: Sequence[str]) -> float:
    """Peak resident memory, MB, of the largest process of ``command`` (igalgo or one of its
    workers), run from a fresh interpreter so that no earlier run counts."""
    environment = {**os.environ, "IGALGO_TODAY": TODAY}
    probe = (
        "import resource, subprocess, sys; "
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, "
        "check=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *command],
        capture_output=True,
        text=True,
        env=environment,
        check=True,
        cwd=REPO,
    )
    return int(done.stdout.split()[-1]) / 1024.0


# --- the report ------------------------------------------------------------------------------


def line(name: str, seconds: float, reference: float | None, note: str = "") -> str:
    """One printed line: the workload, its seconds and its ratio to the reference."""
    ratio = f"{seconds / reference:6.2f}x" if reference else "       "
    return f"  {name:<52} {seconds:8.2f} s  {ratio}  {note}"


def load_average() -> str:
    """The machine's load average over 1, 5 and 15 minutes, as printed beside a series."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def cpu_note(run: dict[str, float], bare_run: dict[str, float]) -> str:
    """The ratio of two workloads' CPU seconds, workers included, in words."""
    return f"cpu {run['cpu']:.1f} s / {bare_run['cpu']:.1f} s = {run['cpu'] / bare_run['cpu']:.2f}x"


def series(folder: Path, only: set[str], sources: dict[str, Any]) -> dict[str, float]:
    """One run of every workload asked for; prints as it goes and returns the numbers."""
    found: dict[str, float] = {}
    if "accounts" in only:
        one = in_child("bare", sources["accounts"])
        found["accounts"] = one["seconds"]
        per_account = f"{one['seconds'] / ACCOUNTS * 1000:.1f} ms per account (target 0.6 s)"
        print(
            line(f"bare engine, {ACCOUNTS} accounts x 1 draft", one["seconds"], None, per_account)
        )
    if "agency" in only:
        bare_run = in_child("bare", sources["agency"])
        score_run = in_child("score", sources["agency"])
        base, full = bare_run["seconds"], score_run["seconds"]
        found["agency bare"], found["agency score"] = base, full
        cpu = cpu_note(score_run, bare_run)
        print(line(f"bare engine, {ACCOUNTS} files x {AGENCY_DRAFTS} drafts", base, None))
        print(line("score --format ndjson, the same files", full, base, f"(target 2.5x) {cpu}"))
    if "large" in only or "plan" in only:
        large_bare = in_child("bare", [sources["large"]])
        found["large bare"] = large_bare["seconds"]
        print(line(f"bare engine, 1 file x {LARGE_DRAFTS:,} drafts", found["large bare"], None))
    if "large" in only:
        score_run = in_child("score", [sources["large"]])
        full = found["large score"] = score_run["seconds"]
        cpu = cpu_note(score_run, large_bare)
        print(line("score --format ndjson, the same file", full, found["large bare"],
                   f"(target 3x) {cpu}"))  # fmt: skip
    if "plan" in only:
        small = in_child("plan", [sources["plan 1000"], "8"])
        found["plan 1000"] = small["seconds"]
        print(line("plan --surface feed, 1,000 undated drafts, 8 weeks", small["seconds"],
                   found["large bare"], f"(target 3x) {small['memory_mb']:.0f} MB"))  # fmt: skip
        big = in_child("plan", [sources["plan 2000"], "16"])
        found["plan 2000"] = big["seconds"]
        note = f"x the 1,000 (target 2.5x) {big['memory_mb']:.0f} MB"
        name = "plan --surface feed, 2,000 undated drafts, 16 weeks"
        print(line(name, big["seconds"], small["seconds"], note))
    if "demo" in only:
        # The bytecode an installed igalgo has (pip writes it): without it, a start with
        # PYTHONDONTWRITEBYTECODE set compiles every module whose bytecode is missing or stale.
        compileall.compile_dir(str(REPO / "igalgo"), quiet=1)
        igalgo = shutil.which("igalgo") or "igalgo"
        typer = min(timed_command([sys.executable, "-c", "import typer"], 10))
        version = min(timed_command([igalgo, "--version"], 10))
        demo = timed_command([igalgo, "score", "profiles/demo-drafts.yaml"], 10)
        found["demo"], found["version"], found["typer"] = min(demo), version, typer
        print(line("python -c 'import typer' (best of 10)", typer, None))
        print(line("igalgo --version (best of 10)", version, typer, "(target 1.5x)"))
        print(line("igalgo score profiles/demo-drafts.yaml (best of 10)", min(demo), None,
                   f"median {statistics.median(demo):.2f} s (target 0.4 s)"))  # fmt: skip
    if "stream" in only:
        igalgo = shutil.which("igalgo") or "igalgo"
        memory = {}
        for count in (10_000, 100_000):
            command = [igalgo, "score", *sources[f"stream {count}"], "--format", "ndjson"]
            began = time.perf_counter()
            memory[count] = peak_of_command(command)
            found[f"stream {count} s"] = time.perf_counter() - began
        found["stream ratio"] = memory[100_000] / memory[10_000]
        small_run = f"10,000 drafts {memory[10_000]:.0f} MB ({found['stream 10000 s']:.1f} s)"
        big_run = f"100,000 drafts {memory[100_000]:.0f} MB ({found['stream 100000 s']:.1f} s)"
        ratio = f"{found['stream ratio']:.2f}x (target 1.3x)"
        print(f"  score --format ndjson, peak memory: {small_run}, {big_run}: {ratio}")
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Generate the inputs, run the series, print each workload with its ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="series to run")
    parser.add_argument(
        "--only",
        nargs="*",
        default=["accounts", "agency", "large", "plan", "demo", "stream"],
        help="workloads to run",
    )
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], args.child[1:])
        return 0
    only = set(args.only)
    with tempfile.TemporaryDirectory(prefix="igalgo-bench-") as name:
        folder = Path(name)
        sources: dict[str, Any] = {}
        if "accounts" in only:
            (folder / "accounts").mkdir()
            sources["accounts"] = agency_files(folder / "accounts", drafts=1)
        if "agency" in only:
            (folder / "agency").mkdir()
            sources["agency"] = agency_files(folder / "agency")
        if only & {"large", "plan"}:
            sources["large"] = large_file(folder, LARGE_DRAFTS)
        if "plan" in only:
            sources["plan 1000"] = undated_file(folder, 1_000)
            sources["plan 2000"] = undated_file(folder, 2_000)
        if "stream" in only:
            # A file holds at most 1 MiB: the stream is files of 1,000 drafts each.
            (folder / "stream").mkdir()
            parts = [stream_file(folder / "stream", k) for k in range(100)]
            sources["stream 10000"], sources["stream 100000"] = parts[:10], parts
        results = []
        for number in range(args.repeat):
            print(f"series {number + 1} of {args.repeat} ({SAMPLES} samples, {JOBS} workers)")
            print(f"  load average {load_average()} (1, 5, 15 min) before the series")
            results.append(series(folder, only, sources))
            print(f"  load average {load_average()} after it")
        if args.repeat > 1:
            print("ranges over the series:")
            for key in results[0]:
                values = [r[key] for r in results]
                print(f"  {key:<20} {min(values):8.2f} .. {max(values):8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
