"""What is reported of a chunk's samples: quantiles per surface, the follower split, total
unique reach and expected actions, with conditioned medians where reach is heavy-tailed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

import numpy as np

from igalgo.domain import (
    ZERO_QUANTILES,
    ActionEstimate,
    Actions,
    Draft,
    DraftEstimate,
    Quantiles,
    Surface,
    SurfaceEstimate,
)
from igalgo.engine import conditioning
from igalgo.engine.arrays import BoolArray, FloatArray, IntArray, SampleArray
from igalgo.engine.kernels import log_reach, single
from igalgo.engine.quantiles import Z90, medians, quantile_table
from igalgo.engine.settings import EngineSettings
from igalgo.world.actions import follows_per_non_follower_unit
from igalgo.world.calibrated import OwnLevels
from igalgo.world.draws import APPEAL, Chunk, ReachSamples
from igalgo.world.params import ModelParams
from igalgo.world.redraw import Redraw
from igalgo.world.surfaces.registry import SURFACE_MODULES, SURFACES

UNREACHABLE = {s: SurfaceEstimate(s, False, ZERO_QUANTILES, 0.0, 0.0) for s in SURFACES}
"""The estimate of a surface a draft's format cannot reach (immutable, so shared)."""


@dataclass(frozen=True)
class Summary:
    """The numbers reported for a chunk's drafts, as arrays (no Python objects per draft)."""

    tables: dict[Surface, FloatArray]
    """Per surface (drafts, 6): P10, P50, P90, mean, median followers, median non-followers;
    rows of drafts the surface cannot show are unused."""
    totals: FloatArray
    """Total unique reach (drafts, 4): P10, P50, P90, mean."""
    actions: FloatArray
    """Actions (drafts, 2, 6): typical (medians), then expected (means), of likes, comments,
    saves, shares, profile visits and follows."""
    eligible: dict[Surface, BoolArray]
    """Whether each draft's format can reach each surface."""

    def estimates(self, drafts: Sequence[Draft]) -> list[DraftEstimate]:
        """One :class:`DraftEstimate` per draft of the chunk."""
        tables = {surface: table.tolist() for surface, table in self.tables.items()}
        eligible = {surface: self.eligible[surface].tolist() for surface in SURFACES}
        totals, actions = self.totals.tolist(), self.actions.tolist()
        results = []
        for row, draft in enumerate(drafts):
            surfaces = {}
            for surface in SURFACES:
                if eligible[surface][row]:
                    p10, p50, p90, mean, followers_p50, others_p50 = tables[surface][row]
                    surfaces[surface] = SurfaceEstimate(
                        surface, True, Quantiles(p10, p50, p90, mean), followers_p50, others_p50
                    )
                else:
                    surfaces[surface] = UNREACHABLE[surface]
            results.append(
                DraftEstimate(
                    draft=draft,
                    surfaces=surfaces,
                    total=Quantiles(*totals[row]),
                    actions=ActionEstimate(Actions(*actions[row][0]), Actions(*actions[row][1])),
                )
            )
        return results

    def medians(self) -> FloatArray:
        """The chunk's medians, (drafts, 1 + surfaces): total reach, then each surface in
        ``SURFACES`` order (0 where the format cannot show)."""
        table = np.zeros((len(self.totals), 1 + len(SURFACES)))
        table[:, 0] = self.totals[:, 1]
        for column, surface in enumerate(SURFACES, start=1):
            if surface in self.tables:
                table[:, column] = np.where(self.eligible[surface], self.tables[surface][:, 1], 0.0)
        return table


def summarise(
    batch: Chunk,
    sampled: ReachSamples,
    params: ModelParams,
    settings: EngineSettings,
) -> Summary:
    """Summaries of a chunk's samples: quantiles, follower split and expected actions."""
    count = batch.rows.size
    tables: dict[Surface, FloatArray] = {}
    for each in SURFACE_MODULES:
        surface = each.SURFACE
        rows = np.flatnonzero(sampled.eligible[surface])
        if not rows.size:
            continue
        table = tables[surface] = np.zeros((count, 6))
        # Indexing with ``rows`` makes copies, which may be sorted in place.
        if each.REACHES_FOLLOWERS and each.REACHES_NON_FOLLOWERS:  # both medians
            followers = sampled.followers[surface][rows]
            non_followers = sampled.non_followers[surface][rows]
            table[rows, :4] = quantile_table(followers + non_followers, in_place=True)
            table[rows, 4] = medians(followers)
            table[rows, 5] = medians(non_followers)
        else:  # one side: its median is the reach's
            side = sampled.followers if each.REACHES_FOLLOWERS else sampled.non_followers
            column = 4 if each.REACHES_FOLLOWERS else 5
            table[rows, :4] = quantile_table(side[surface][rows], in_place=True)
            table[rows, column] = table[rows, 1]
    counts = action_counts(batch, sampled, params)
    totals = quantile_table(sampled.unique.copy(), in_place=True)
    if settings.conditioned_evaluations > 0:
        condition_medians(sampled, tables, totals, settings)
    if batch.appeal is not None and batch.appeal.levels is not None:
        apply_own_levels(batch.appeal.levels, tables, totals, counts)
    return Summary(tables, totals, counts, sampled.eligible)


def median_summary(
    batch: Chunk,
    sampled: ReachSamples,
    params: ModelParams,
    settings: EngineSettings,
) -> FloatArray:
    """:meth:`Summary.medians` of :func:`summarise`, the same numbers; with plain medians
    without the other quantiles, the follower split and the actions, which searches and
    move checks do not read."""
    if settings.conditioned_evaluations > 0:  # conditioning reads the P10 and P90
        return summarise(batch, sampled, params, settings).medians()
    table = np.zeros((batch.rows.size, 1 + len(SURFACES)))
    for column, surface in enumerate(SURFACES, start=1):
        rows = np.flatnonzero(sampled.eligible[surface])
        if rows.size:  # the side a surface does not reach is zeros, so the sum is its reach
            table[rows, column] = medians(sampled.reach(surface)[rows])
    table[:, 0] = medians(sampled.unique.copy())
    if batch.appeal is not None and batch.appeal.levels is not None:
        table *= batch.appeal.levels.factors(table[:, 0])[:, None]
    return table


def apply_own_levels(
    levels: OwnLevels, tables: dict[Surface, FloatArray], totals: FloatArray, counts: FloatArray
) -> None:
    """A calibration of own levels, in place: every number of a draft times its factor, and
    the total's P10 and P90 at the history's own range around the new P50."""
    factors = levels.factors(totals[:, 1])
    for table in tables.values():
        table *= factors[:, None]
    counts *= factors[:, None, None]
    totals[:, 1] *= factors
    totals[:, 3] *= factors
    totals[:, 0] = totals[:, 1] * np.exp(-levels.low)
    totals[:, 2] = totals[:, 1] * np.exp(levels.high)


def action_counts(batch: Chunk, sampled: ReachSamples, params: ModelParams) -> FloatArray:
    """Typical (median) and expected (mean) actions per draft, (drafts, 2, 6).

    Per sample, interactions are the reference rate times the draft's per-action signals
    times the interaction units reached (followers' units also times the draft's quality);
    profile visits come from followers' units and non-followers' units at their own rates,
    and follows from non-followers' visits. Interactions share one per-sample sum, so their
    medians cost one sort.
    """
    actions = params.actions
    followers, others = sampled.follower_units, sampled.non_follower_units
    interactions = followers * single(batch.quality)[:, None]
    interactions += others
    visits = followers * np.float32(actions.reference_profile_visit_rate)
    visits += others * np.float32(
        actions.non_follower_profile_visit_rate / actions.non_follower_interaction_ratio
    )
    follows = others * np.float32(follows_per_non_follower_unit(actions))
    counts = np.empty((batch.rows.size, 2, 6))
    per_action = batch.interactions * actions.reference_interactions_per_viewer
    for column, values in ((0, interactions), (4, visits), (5, follows)):
        counts[:, 1, column] = values.mean(axis=1, dtype=np.float64)
        counts[:, 0, column] = medians(values)  # sorts the temporary arrays in place
    counts[:, :, :4] = counts[:, :, :1] * per_action[:, None, :]
    return counts


def condition_medians(
    sampled: ReachSamples,
    tables: dict[Surface, FloatArray],
    totals: FloatArray,
    sim: EngineSettings,
) -> None:
    """Replace the plain sample medians of the conditioned surfaces and of the total reach
    of the drafts they can show by medians conditioned on the appeal
    (:mod:`igalgo.engine.conditioning`), in place."""
    samples = sampled.unique.shape[1]
    paths = min(max(1, round(samples * sim.conditioned_share)), samples)
    own_z = sampled.shared.normals[APPEAL, :paths].astype(np.float64)
    redraw = Redraw(sampled)
    conditioned = [m.SURFACE for m in SURFACE_MODULES if m.CONDITIONED and m.SURFACE in tables]
    jobs: list[tuple[FloatArray, IntArray, SampleArray, Callable[..., conditioning.Evaluate]]]
    jobs = [
        (
            tables[surface],
            np.flatnonzero(sampled.eligible[surface]),
            sampled.reach(surface),
            partial(redraw.surface, surface),
        )
        for surface in conditioned
    ]
    # A draft's total holds the heavy tail of every conditioned surface it can show; a story's
    # reach does not read the appeal, so its plain median is already reproducible.
    if conditioned:
        shown = np.logical_or.reduce([sampled.eligible[surface] for surface in conditioned])
        jobs.append((totals, np.flatnonzero(shown), sampled.unique, redraw.total))
    for table, rows, own, evaluator in jobs:
        if not rows.size:
            continue
        quantiles = table[rows, :3]
        p10, p50, p90 = (np.maximum(quantiles[:, k], 0.01) for k in range(3))
        spread = (np.log(p90) - np.log(p10)) / (2.0 * Z90)
        level = conditioning.conditioned_median(
            evaluator(rows, paths),
            own_z,
            log_reach(own[rows, :paths]),
            np.log(p50),
            spread,
            sim.conditioned_evaluations,
        )
        median = np.clip(np.exp(level), quantiles[:, 0], quantiles[:, 2])
        table[rows, 1] = np.where(quantiles[:, 1] > 0.0, median, 0.0)
    for each in SURFACE_MODULES:  # a one-sided surface's median is its reach's
        if each.SURFACE in conditioned and not each.REACHES_FOLLOWERS:
            tables[each.SURFACE][:, 5] = tables[each.SURFACE][:, 1]
