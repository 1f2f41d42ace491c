"""Benchmark of ``igalgo calibrate``: the whole command on a long synthetic history.

Run from the repository root:

    python benchmarks/bench_calibrate.py                   # 1,000 posts over two years, --backtest
    python benchmarks/bench_calibrate.py --posts 200 --runs 5
    python benchmarks/bench_calibrate.py --write-export content.csv --posts 120   # only the file

The posts are drawn from the model itself (tests/inputs/synthetic_exports.py: the bakery with
weaker photos and stronger reels than the model expects) and written as a Business Suite CSV
ending a week before today, so that none is in the future. Each run is the installed console
script, ``igalgo calibrate EXPORT --account bakery --backtest``, timed from start to exit
(reading, the fit, the backtest and the report); reported: every run, the fastest and the
median.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.inputs.synthetic_exports import business_suite_csv, synthetic_posts  # noqa: E402


def write_export(path: Path, posts: int, days: int, seed: int) -> Path:
    """A Business Suite export of ``posts`` synthetic posts over the ``days`` before last week."""
    start = datetime.now(UTC) - timedelta(days=days + 7)
    return business_suite_csv(path, synthetic_posts(posts, seed, days=days, start=start))


def main() -> None:
    """Time the command (or only write the export)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000, help="posts in the history")
    parser.add_argument("--days", type=int, default=730, help="days the history spans")
    parser.add_argument("--runs", type=int, default=3, help="timed runs")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic posts")
    parser.add_argument("--no-backtest", action="store_true", help="calibrate only")
    parser.add_argument("--write-export", type=Path, help="write the export here and stop")
    options = parser.parse_args()
    if options.write_export is not None:
        write_export(options.write_export, options.posts, options.days, options.seed)
        print(f"wrote {options.posts} posts to {options.write_export}")
        return
    igalgo = Path(sys.executable).with_name("igalgo")
    with tempfile.TemporaryDirectory() as folder:
        export = write_export(Path(folder) / "content.csv", options.posts, options.days, 1)
        command = [str(igalgo), "calibrate", str(export), "--account", "bakery"]
        if not options.no_backtest:
            command.append("--backtest")
        times = []
        for run in range(options.runs):
            began = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times.append(time.perf_counter() - began)
            print(f"run {run + 1}: {times[-1]:.2f} s")
    what = "calibrate" + ("" if options.no_backtest else " --backtest")
    print(
        f"{what}, {options.posts:,} posts over {options.days} days: fastest {min(times):.2f} s, "
        f"median {statistics.median(times):.2f} s"
    )


if __name__ == "__main__":
    main()
