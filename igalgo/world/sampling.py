"""One chunk of drafts through every surface: the reach samples of each surface and the
unique reach across them.

Feed goes first, as its early popularity feeds Explore and Reels. Sample arrays are
float32 (rows, samples).
"""

from __future__ import annotations

import numpy as np

from igalgo.engine.arrays import SAMPLE_DTYPE, SampleArray
from igalgo.engine.kernels import lognormal, single
from igalgo.world.account import AccountModel
from igalgo.world.calibrated import appeal_multipliers
from igalgo.world.draws import APPEAL, DAY, Chunk, Draws, ReachSamples
from igalgo.world.params import ModelParams
from igalgo.world.schedule import ScheduleContext
from igalgo.world.surfaces.registry import SURFACE_MODULES, SURFACES, unique_reach


def appeal_draws(
    batch: Chunk, normal: SampleArray, default_log_sd: float
) -> tuple[SampleArray, SampleArray, SampleArray]:
    """The appeal multipliers of the chunk's drafts from the appeal's standard normals, with
    the log level and log spread they were drawn with: one row for all drafts unless a
    calibration gives them their own."""
    shape = batch.appeal
    if shape is None or shape.plain:
        spread = default_log_sd if shape is None else float(shape.log_sd[0])
        column = np.full((1, 1), spread, dtype=SAMPLE_DTYPE)
        return lognormal(normal, spread)[None, :], np.zeros_like(column), column
    log_sd = single(shape.log_sd)[:, None]
    log_level = single(shape.log_level)[:, None]
    return appeal_multipliers(normal[None, :], log_level, log_sd), log_level, log_sd


def sample_chunk(
    batch: Chunk,
    model: AccountModel,
    context: ScheduleContext,
    normals: SampleArray,
    params: ModelParams,
) -> ReachSamples:
    """Sample reach on every surface for one chunk of drafts (arrays drafts x samples).

    Sample arrays are float32: reach counts need no more precision, and it halves the memory
    traffic that dominates the cost.
    """
    count, samples = batch.rows.size, normals.shape[1]
    sim = params.uncertainty
    appeal, appeal_log_level, appeal_log_sd = appeal_draws(
        batch, normals[APPEAL], sim.appeal_log_sd
    )
    shared = Draws(
        model=model,
        context=context,
        normals=normals,
        params=params,
        appeal=appeal,
        appeal_log_level=appeal_log_level,
        appeal_log_sd=appeal_log_sd,
        day=lognormal(normals[DAY], sim.day_activity_log_sd),
        content=batch.interactions.sum(axis=1) * batch.quality,
        non_follower_content=batch.interactions.sum(axis=1),
        level_weights=single(model.tiers * model.levels),
    )
    eligible = {s: context.eligible[s][batch.rows] for s in SURFACES}
    # A surface that reaches one side only gets one shared, read-only block of zeros for the
    # other.
    nobody = np.zeros((count, samples), dtype=SAMPLE_DTYPE)
    nobody.flags.writeable = False
    out = ReachSamples(
        followers={
            m.SURFACE: np.zeros_like(nobody) if m.REACHES_FOLLOWERS else nobody
            for m in SURFACE_MODULES
        },
        non_followers={
            m.SURFACE: np.zeros_like(nobody) if m.REACHES_NON_FOLLOWERS else nobody
            for m in SURFACE_MODULES
        },
        popularity=np.ones((count, samples), dtype=SAMPLE_DTYPE),
        follower_units=np.zeros_like(nobody),
        non_follower_units=np.zeros_like(nobody),
        eligible=eligible,
        shared=shared,
        feed_index=np.full(count, -1),
    )
    for each in SURFACE_MODULES:  # Feed first: its early popularity feeds the others.
        rows = np.flatnonzero(eligible[each.SURFACE])
        if rows.size:
            each.sample(batch, rows, shared, out)
    out.unique = unique_reach(out.followers, out.non_followers, eligible, model, params)
    return out
