"""Monte Carlo of drafts' reach: the account model, the schedule context, chunks of drafts
through every surface, and their summaries.

For every draft the simulation samples, ``samples`` times over: the draft's unknown appeal,
how many followers are online that day, the early-engagement window (interactions actually
drawn among the first hour's viewers), each stage of the staged distribution on Explore and
Reels, and who exactly is reached. Every draft uses the same block of random numbers
(:mod:`igalgo.engine.randomness`), so a counterfactual (one field of a draft changed, same
seed) differs only by the change (common random numbers).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

import numpy as np

from igalgo.domain import Account, Draft, DraftEstimate
from igalgo.engine.arrays import SampleArray
from igalgo.engine.chunks import map_chunks
from igalgo.engine.randomness import random_normals
from igalgo.engine.settings import EngineSettings
from igalgo.world import audience
from igalgo.world.account import AccountModel
from igalgo.world.actions import draft_signals
from igalgo.world.calibrated import appeal_shape
from igalgo.world.draws import DIMENSIONS, Chunk
from igalgo.world.interaction import account_model
from igalgo.world.params import ModelParams
from igalgo.world.sampling import ReachSamples, sample_chunk
from igalgo.world.schedule import ScheduleContext
from igalgo.world.summary import Summary, summarise


def simulate_drafts(
    account: Account,
    drafts: Sequence[Draft],
    *,
    seed: int,
    compete: bool,
    params: ModelParams,
    settings: EngineSettings,
) -> list[DraftEstimate]:
    """Estimate every draft's reach per surface, total unique reach and expected actions.

    Drafts are simulated in chunks of ``settings.chunk_elements // settings.samples`` so that
    memory stays bounded whatever the number of drafts.
    """
    if not drafts:
        return []
    model, context, _, batches = prepare(account, drafts, seed, compete, params, settings)
    summaries = _summarise_batches(batches, model, context, seed, params, settings)
    # A chunk's result objects are built as soon as its summary is back, while the workers
    # go on with the next chunks.
    return [
        estimate
        for batch, summary in zip(batches, summaries, strict=True)
        for estimate in summary.estimates(batch.drafts)
    ]


def _summarise_batches(
    batches: list[Chunk],
    model: AccountModel,
    context: ScheduleContext,
    seed: int,
    params: ModelParams,
    settings: EngineSettings,
) -> Iterator[Summary]:
    """The summaries of all chunks, in order, here or in worker processes
    (:func:`igalgo.engine.chunks.map_chunks`); a chunk's numbers do not depend on where they
    were computed (tested)."""
    normals: list[SampleArray] = []

    def local(index: int) -> Summary:
        if not normals:
            normals.append(random_normals(seed, settings.samples, DIMENSIONS))
        return _summarise_batch(batches[index], model, context, normals[0], params, settings)

    def remote(index: int) -> tuple[Callable[..., Summary], tuple[object, ...]]:
        return _summarise_alone, (*batches[index].alone(context), model, seed, params, settings)

    return map_chunks(len(batches), local, remote, settings.workers)


def _summarise_batch(
    batch: Chunk,
    model: AccountModel,
    context: ScheduleContext,
    normals: SampleArray,
    params: ModelParams,
    settings: EngineSettings,
) -> Summary:
    sampled = sample_chunk(batch, model, context, normals, params)
    return summarise(batch, sampled, model, params, settings)


def _summarise_alone(
    batch: Chunk,
    context: ScheduleContext,
    model: AccountModel,
    seed: int,
    params: ModelParams,
    settings: EngineSettings,
) -> Summary:
    """:func:`_summarise_batch` in a worker process, which draws the (cached) random block
    itself instead of receiving it."""
    normals = random_normals(seed, settings.samples, DIMENSIONS)
    return _summarise_batch(batch, model, context, normals, params, settings)


def sample_reach(
    account: Account,
    drafts: Sequence[Draft],
    *,
    seed: int,
    compete: bool,
    params: ModelParams,
    settings: EngineSettings,
) -> ReachSamples:
    """The raw samples behind :func:`simulate_drafts`, for all drafts at once (for analysis
    and tests; memory grows with drafts x samples)."""
    if not drafts:
        raise ValueError("sample_reach needs at least one draft")
    whole = replace(settings, chunk_elements=len(drafts) * settings.samples)
    model, context, normals, (batch,) = prepare(account, drafts, seed, compete, params, whole)
    return sample_chunk(batch, model, context, normals, params)


def prepare(
    account: Account,
    drafts: Sequence[Draft],
    seed: int,
    compete: bool,
    params: ModelParams,
    settings: EngineSettings,
) -> tuple[AccountModel, ScheduleContext, SampleArray, list[Chunk]]:
    """What every chunk shares (account model, schedule context, random block) and the chunks."""
    model = account_model(account, params)
    normals = random_normals(seed, settings.samples, DIMENSIONS)
    starts = np.array([d.publish_at.timestamp() / 3600.0 for d in drafts])
    hour_of_week = audience.hours_of_week([d.publish_at for d in drafts], account.timezone)
    signals = draft_signals(drafts, account.market.niche, params.actions)
    context = ScheduleContext.build(drafts, starts, model, signals, compete, params)
    shape = None
    if account.calibration is not None:
        shape = appeal_shape(
            drafts, account.calibration, hour_of_week, params.uncertainty.appeal_log_sd
        )
    chunk = max(1, settings.chunk_elements // settings.samples)
    batches = [
        Chunk(
            list(drafts[begin : begin + chunk]),
            np.arange(begin, min(begin + chunk, len(drafts))),
            hour_of_week[begin : begin + chunk],
            signals.interactions[begin : begin + chunk],
            signals.quality[begin : begin + chunk],
            None if shape is None else shape.take(slice(begin, begin + chunk)),
        )
        for begin in range(0, len(drafts), chunk)
    ]
    return model, context, normals, batches
