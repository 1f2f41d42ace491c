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
from datetime import datetime

import numpy as np

from igalgo.domain import Account, Draft, DraftEstimate
from igalgo.engine.arrays import FloatArray, IntArray, SampleArray
from igalgo.engine.chunks import map_chunks
from igalgo.engine.randomness import random_normals
from igalgo.engine.settings import EngineSettings
from igalgo.world import audience
from igalgo.world.account import AccountModel
from igalgo.world.actions import DraftSignals, draft_signals
from igalgo.world.calibrated import AppealShape, appeal_shape
from igalgo.world.draws import DIMENSIONS, Chunk, ReachSamples
from igalgo.world.interaction import account_model
from igalgo.world.params import ModelParams
from igalgo.world.sampling import sample_chunk
from igalgo.world.schedule import ScheduleContext
from igalgo.world.summary import Summary, summarise
from igalgo.world.surfaces.registry import SURFACES


def simulate_drafts(
    account: Account,
    drafts: Sequence[Draft],
    *,
    seed: int,
    compete: bool,
    params: ModelParams,
    settings: EngineSettings,
    keep: Sequence[int] | None = None,
) -> list[DraftEstimate]:
    """Estimate every draft's reach per surface, total unique reach and expected actions, or
    only the drafts at ``keep`` (in that order; the others are there as their schedule).

    Drafts are simulated in chunks of ``settings.chunk_elements // settings.samples`` so that
    memory stays bounded whatever the number of drafts.
    """
    if not drafts or (keep is not None and not keep):
        return []
    rows = None if keep is None else np.asarray(keep, dtype=np.int64)
    model, context, _, batches = prepare(
        account, drafts, seed, compete, params, settings, rows=rows
    )
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
    return summarise(batch, sampled, params, settings)


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


def simulate_schedules(
    account: Account,
    schedules: Sequence[Sequence[Draft]],
    keep: Sequence[Sequence[int]],
    *,
    seed: int,
    params: ModelParams,
    settings: EngineSettings,
) -> list[FloatArray]:
    """The medians (:func:`median_table`) of the posts at ``keep[k]`` of each schedule
    ``schedules[k]``, every schedule's posts competing among themselves only: the numbers of
    ``simulate_drafts(schedule, compete=True)`` at those positions, for many schedules in one
    pass (only the posts kept are sampled)."""
    # Schedules share most of their posts: each draft is prepared once.
    unique: list[Draft] = []
    found: dict[int, int] = {}
    positions = []
    for schedule in schedules:
        for draft in schedule:
            position = found.get(id(draft))
            if position is None:
                position = found[id(draft)] = len(unique)
                unique.append(draft)
            positions.append(position)
    if not unique:
        return [np.zeros((0, 1 + len(SURFACES))) for _ in schedules]
    sizes = np.array([len(schedule) for schedule in schedules], dtype=np.int64)
    groups = np.repeat(np.arange(len(schedules)), sizes)
    offsets = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    parts = [np.asarray(kept, dtype=np.int64) + at for kept, at in zip(keep, offsets, strict=True)]
    rows = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
    if rows.size == 0:
        return [np.zeros((0, 1 + len(SURFACES))) for _ in schedules]
    index = np.array(positions, dtype=np.int64)
    model, context, _, batches = prepare(
        account, unique, seed, True, params, settings, groups=groups, rows=rows, index=index
    )
    summaries = _summarise_batches(batches, model, context, seed, params, settings)
    table = np.concatenate([median_table(summary) for summary in summaries])
    return np.split(table, np.cumsum([len(kept) for kept in keep])[:-1])


def prepare(
    account: Account,
    drafts: Sequence[Draft],
    seed: int,
    compete: bool,
    params: ModelParams,
    settings: EngineSettings,
    *,
    groups: IntArray | None = None,
    rows: IntArray | None = None,
    index: IntArray | None = None,
) -> tuple[AccountModel, ScheduleContext, SampleArray, list[Chunk]]:
    """What every chunk shares (account model, schedule context, random block) and the chunks
    of the drafts at ``rows`` (default all; the context is then theirs only); ``groups`` and
    ``index`` (the schedule's drafts as positions into ``drafts``) as in
    :meth:`ScheduleContext.build`."""
    model = account_model(account, params)
    normals = random_normals(seed, settings.samples, DIMENSIONS)
    own = np.arange(len(drafts)) if index is None else index
    starts = np.array([d.publish_at.timestamp() / 3600.0 for d in drafts])[own]
    hour_of_week = audience.hours_of_week([d.publish_at for d in drafts], account.timezone)
    signals = draft_signals(drafts, account.market.niche, params.actions)
    context = ScheduleContext.build(
        drafts, starts, model, signals, compete, params, groups, rows, index
    )
    shape = None
    if account.calibration is not None:
        shape = appeal_shape(
            drafts, account.calibration, hour_of_week, params.uncertainty.appeal_log_sd
        )
    wanted = own if rows is None else own[rows]
    kept_shape = None if shape is None else shape.take(wanted)
    batches = _chunks(drafts, wanted, hour_of_week[wanted], signals, kept_shape, settings)
    return model, context, normals, batches


def simulate_typical_at(
    account: Account,
    drafts: Sequence[Draft],
    times: Sequence[Sequence[datetime]],
    *,
    seed: int,
    params: ModelParams,
    settings: EngineSettings,
) -> list[FloatArray]:
    """Each draft on its own (``compete=False``) published at each of ``times[i]`` instead
    of its own time: per draft a (times, 1 + surfaces) array of the median total reach and
    the median reach of each surface (0 where its format cannot show), as
    :func:`simulate_drafts` gives them for the moved copies, without building the copies.
    Alone, a draft's schedule context does not depend on its time, only its hour does."""
    if not drafts:
        return []
    model = account_model(account, params)
    starts = np.array([d.publish_at.timestamp() / 3600.0 for d in drafts])
    signals = draft_signals(drafts, account.market.niche, params.actions)
    context = ScheduleContext.build(drafts, starts, model, signals, False, params)
    counts = np.array([len(t) for t in times], dtype=np.int64)
    rows = np.repeat(np.arange(len(drafts)), counts)
    if rows.size == 0:
        return [np.zeros((0, 1 + len(SURFACES))) for _ in drafts]
    context = context.take(rows)
    flat = [when for each in times for when in each]
    hour_of_week = audience.hours_of_week(flat, account.timezone)
    shape = None
    if account.calibration is not None:
        copies = [drafts[int(row)] for row in rows]
        shape = appeal_shape(
            copies, account.calibration, hour_of_week, params.uncertainty.appeal_log_sd
        )
    batches = _chunks(drafts, rows, hour_of_week, signals, shape, settings)
    summaries = _summarise_batches(batches, model, context, seed, params, settings)
    table = np.concatenate([median_table(summary) for summary in summaries])
    return np.split(table, np.cumsum(counts)[:-1])


def _chunks(
    drafts: Sequence[Draft],
    positions: IntArray,
    hour_of_week: IntArray,
    signals: DraftSignals,
    shape: AppealShape | None,
    settings: EngineSettings,
) -> list[Chunk]:
    """The chunks of the context's rows in order: row ``r`` is ``drafts[positions[r]]`` (its
    signals too) published at ``hour_of_week[r]`` with appeal ``shape`` row ``r``."""
    chunk = max(1, settings.chunk_elements // settings.samples)
    batches = []
    for begin in range(0, positions.size, chunk):
        part = positions[begin : begin + chunk]
        here = slice(begin, begin + part.size)
        batches.append(
            Chunk(
                [drafts[int(k)] for k in part],
                np.arange(begin, begin + part.size),
                hour_of_week[here],
                signals.interactions[part],
                signals.quality[part],
                None if shape is None else shape.take(here),
            )
        )
    return batches


def median_table(summary: Summary) -> FloatArray:
    """A chunk's medians, (drafts, 1 + surfaces): total reach, then each surface in ``Surface``
    order (0 where the format cannot show)."""
    columns = [summary.totals[:, 1]]
    for surface in SURFACES:
        if surface in summary.tables:
            columns.append(np.where(summary.eligible[surface], summary.tables[surface][:, 1], 0.0))
        else:
            columns.append(np.zeros(len(summary.totals)))
    table: FloatArray = np.column_stack(columns)
    return table
