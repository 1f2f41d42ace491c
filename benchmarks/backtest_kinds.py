"""The rolling-origin backtest on synthetic histories of each kind (tests/fitting/synthetic.py:
stable, growth, collapse, a real timing effect, viral outliers, few posts), pooled over
seeds: median |log error| of the calibrated prediction, the uncalibrated model and the naive
baseline (the median of the format's earlier posts), and P10-P90 coverage.

Run ``python benchmarks/backtest_kinds.py`` (``--posts N``, ``--seeds K``); the table is the
one docs/decisions/0126-own-level-first.md quotes.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from igalgo.engine.settings import EngineSettings
from igalgo.fitting.estimate import fit_history
from igalgo.fitting.history import history_of
from igalgo.fitting.params import FitParams
from igalgo.fitting.rolling import judge, rolling_backtest
from igalgo.inputs.loader import load_account
from igalgo.world.model import Simulation
from igalgo.world.params import ModelParams
from tests.fitting.synthetic import KINDS, kind_of_history


def errors_of(kind: str, posts: int, seed: int, params: FitParams) -> dict[str, np.ndarray]:
    """Per predicted post of one history: the three absolute log errors and coverage."""
    account = replace(load_account("bakery"), calibration=None)
    history = history_of(kind_of_history(account, kind, posts, seed=seed))
    simulation = Simulation(account, ModelParams(), EngineSettings(), seed)
    observed = fit_history(simulation, history, fit=params).observations
    found: dict[str, list[float]] = {"calibrated": [], "uncalibrated": [], "naive": [], "in": []}

    def predictor(fitted: np.ndarray, held: np.ndarray):  # type: ignore[no-untyped-def]
        low, mid, high = observed.levels_predictor(params)(fitted, held)
        actual = observed.reach[held]
        for row, value in enumerate(actual):
            same = fitted[observed.codes[fitted] == observed.codes[held[row]]]
            naive = np.median(observed.reach[same if same.size else fitted])
            found["calibrated"].append(abs(value - mid[row]))
            found["uncalibrated"].append(abs(value - observed.model[held[row]]))
            found["naive"].append(abs(value - naive))
            found["in"].append(float(low[row] <= value <= high[row]))
        return low, mid, high

    rolling_backtest(observed, params, predictor)
    return {name: np.array(values) for name, values in found.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=200)
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args(argv)
    params = FitParams()
    print(
        "| kind | posts predicted | calibrated | uncalibrated | naive | calibrated / naive "
        "| inside P10-P90 | verdict (seed 1) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    ratios = []
    everything: dict[str, list[np.ndarray]] = {"calibrated": [], "naive": []}
    for kind in KINDS:
        runs = [errors_of(kind, args.posts, seed, params) for seed in range(1, args.seeds + 1)]
        pooled = {name: np.concatenate([run[name] for run in runs]) for name in runs[0]}
        calibrated, naive = np.median(pooled["calibrated"]), np.median(pooled["naive"])
        ratios.append(calibrated / naive)
        everything["calibrated"].append(pooled["calibrated"])
        everything["naive"].append(pooled["naive"])
        verdict = judge(runs[0]["calibrated"], runs[0]["naive"], params, seed=0)
        print(
            f"| {kind} | {pooled['naive'].size} | {calibrated:.3f} | "
            f"{np.median(pooled['uncalibrated']):.3f} | {naive:.3f} | {calibrated / naive:.2f} "
            f"| {pooled['in'].mean():.0%} | {verdict.sentence} |"
        )
    ours, theirs = (np.median(np.concatenate(everything[name])) for name in ("calibrated", "naive"))
    print(
        f"\nmean calibrated / naive over the kinds: {np.mean(ratios):.2f}; pooled over all "
        f"predicted posts: {ours:.3f} / {theirs:.3f} = {ours / theirs:.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
