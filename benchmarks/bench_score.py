"""Benchmark of the simulation engine: drafts per second and peak memory.

Run from the repository root:

    python benchmarks/bench_score.py                  # 1k, 10k and 100k drafts
    python benchmarks/bench_score.py --drafts 10000 --samples 512
    python benchmarks/bench_score.py --drafts 10000 --plain-medians   # no conditioned medians

Drafts are generated (a fixed random mix of formats, times over a year, captions, hashtags,
audio, quality) and spread evenly over the shipped profiles (profiles/*.yaml); each profile's
drafts are scored as one schedule with ``compete=True``, the costliest case. Reported: wall
time, drafts per second, draft-samples per second, and peak memory (the process's maximum
resident set size, which includes Python and numpy themselves).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from igalgo.domain import Account, Audio, Draft, Format, Quality  # noqa: E402  (path set above)
from igalgo.engine import workers  # noqa: E402
from igalgo.engine.settings import EngineSettings  # noqa: E402
from igalgo.inputs.loader import load_account  # noqa: E402
from igalgo.world.model import DEFAULT_SAMPLES, score_drafts  # noqa: E402

CAPTIONS = ("", "New today", "How we make it: five steps, save this for later!", "Which one?")


def shipped_accounts() -> list[Account]:
    """Every shipped profile (the demo drafts file is not a profile)."""
    paths = sorted(p for p in (REPO / "profiles").glob("*.yaml") if "drafts" not in p.name)
    return [load_account(str(path)) for path in paths]


def generate_drafts(count: int, seed: int) -> list[Draft]:
    """``count`` varied drafts published over one year."""
    rng = random.Random(seed)
    start = datetime(2026, 1, 5, tzinfo=UTC)
    drafts = []
    for index in range(count):
        fmt = rng.choice(list(Format))
        timed = fmt in (Format.REEL, Format.VIDEO, Format.STORY)
        drafts.append(
            Draft(
                id=f"d{index}",
                format=fmt,
                publish_at=start + timedelta(minutes=rng.randrange(365 * 24 * 60)),
                caption=rng.choice(CAPTIONS),
                hashtags=tuple(f"tag{i}" for i in range(rng.randrange(6))),
                location=rng.choice((None, "Utrecht")),
                audio=rng.choice(list(Audio)),
                duration_s=rng.choice((8.0, 15.0, 30.0, 60.0, 95.0)) if timed else None,
                slides=rng.randrange(2, 11) if fmt is Format.CAROUSEL else None,
                quality=rng.choice(list(Quality)),
                watermark=rng.random() < 0.1,
            )
        )
    return drafts


def split(drafts: Sequence[Draft], parts: int) -> list[list[Draft]]:
    """``drafts`` dealt round-robin into ``parts`` schedules."""
    return [list(drafts[i::parts]) for i in range(parts)]


def peak_memory_mb() -> tuple[float, float]:
    """Maximum resident set size so far of this process and of its largest worker process
    (stopped first, so that it is counted), MB (Linux reports KiB)."""
    workers.stop()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    return own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0


def run(
    count: int, settings: EngineSettings, accounts: Sequence[Account]
) -> tuple[float, tuple[float, float]]:
    """Score ``count`` drafts across ``accounts``; returns the seconds and the peak memory
    (MB) of this process and of its largest worker."""
    schedules = split(generate_drafts(count, seed=count), len(accounts))
    for account in accounts:  # warm the per-account calibration, as a CLI run would
        score_drafts(account, schedules[0][:1], settings=settings)
    began = time.perf_counter()
    scored = 0
    for account, schedule in zip(accounts, schedules, strict=True):
        scored += len(
            score_drafts(
                account,
                schedule,
                settings=settings,
                compete=True,
            )
        )
    seconds = time.perf_counter() - began
    assert scored == count
    return seconds, peak_memory_mb()


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, run the benchmark sizes, print one line per size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, nargs="*", default=[1_000, 10_000, 100_000])
    parser.add_argument("--samples", type=int, default=DEFAULT_SAMPLES)
    parser.add_argument(
        "--plain-medians", action="store_true", help="sample medians, not conditioned ones"
    )
    args = parser.parse_args(argv)
    settings = EngineSettings(samples=args.samples, workers=2)
    if args.plain_medians:
        settings = settings.plain()
    accounts = shipped_accounts()
    plain = ", plain medians" if args.plain_medians else ""
    print(f"{len(accounts)} shipped profiles, {args.samples} samples per draft{plain}")
    for count in args.drafts:
        seconds, (own, worker) = run(count, settings, accounts)
        print(
            f"{count:>7} drafts: {seconds:7.2f} s  {count / seconds:8.0f} drafts/s  "
            f"{count * args.samples / seconds / 1e6:6.2f} M draft-samples/s  "
            f"peak memory {own:4.0f} MB + workers {worker:4.0f} MB each"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
