"""How reproducible the median (P50) is across seeds, per surface.

Run from the repository root:

    python benchmarks/p50_spread.py                   # 1024 samples, 8 seeds
    python benchmarks/p50_spread.py --samples 16384 --seeds 8
    python benchmarks/p50_spread.py --plain-medians  # sample medians, not conditioned ones

For accounts of 2k, 40k and 300k followers (engagement rate 1.5 %) and one plain draft of every
format, each seed scores the drafts; the script prints, per surface and for the total reach of
each format, the worst relative range of P50 over the seeds, ``max / min - 1``. These are the
figures docs/model.md ("Statistical behaviour") quotes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from igalgo.domain import Format, Surface  # noqa: E402  (path set above)
from igalgo.engine.settings import EngineSettings  # noqa: E402
from igalgo.world.model import DEFAULT_SAMPLES, score_drafts  # noqa: E402
from tests.engine_helpers import make_account, make_draft  # noqa: E402

FOLLOWERS = (2_000, 40_000, 300_000)


def worst_ranges(seeds: int, settings: EngineSettings) -> dict[str, float]:
    """Worst ``max / min - 1`` of P50 over the seeds, per surface and per format's total."""
    worst: dict[str, float] = {}
    for followers in FOLLOWERS:
        account = make_account(followers, 0.015)
        drafts = [make_draft(fmt) for fmt in Format]
        runs = [score_drafts(account, drafts, settings=settings, seed=s) for s in range(seeds)]
        for index, draft in enumerate(drafts):
            values = {
                surface.value: [run[index].surfaces[surface].reach.p50 for run in runs]
                for surface in Surface
                if runs[0][index].surfaces[surface].reach.p50 > 0
            }
            values[f"total, {draft.format.value}"] = [run[index].total.p50 for run in runs]
            for name, medians in values.items():
                spread = max(medians) / min(medians) - 1.0
                worst[name] = max(worst.get(name, 0.0), spread)
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=DEFAULT_SAMPLES)
    parser.add_argument("--seeds", type=int, default=8)
    parser.add_argument(
        "--plain-medians", action="store_true", help="sample medians, not conditioned ones"
    )
    args = parser.parse_args()
    settings = EngineSettings(samples=args.samples, workers=2)
    if args.plain_medians:
        settings = settings.plain()
    plain = ", plain medians" if args.plain_medians else ""
    print(f"{args.samples} samples, {args.seeds} seeds, accounts of {FOLLOWERS} followers{plain}")
    for name, spread in worst_ranges(args.seeds, settings).items():
        print(f"  {name:20s} worst P50 range {spread:6.1%}")


if __name__ == "__main__":
    main()
