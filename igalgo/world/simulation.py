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
from itertools import chain
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from igalgo.domain import Draft, DraftEstimate
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
from igalgo.world.summary import median_summary, summarise
from igalgo.world.surfaces.registry import SURFACES
from igalgo.world.surfaces.watching import WATCHED, reel_watch

if TYPE_CHECKING:
    from igalgo.world.model import Simulation

_Out = TypeVar("_Out")


def simulate_drafts(
    run: Simulation,
    drafts: Sequence[Draft],
    *,
    compete: bool,
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
    batches, summaries = _summaries(run, drafts, compete, summarise, rows=rows)
    # A chunk's result objects are built as soon as its summary is back, while the workers
    # go on with the next chunks.
    return [
        estimate
        for batch, summary in zip(batches, summaries, strict=True)
        for estimate in _watched(run, summary.estimates(batch.drafts))
    ]


_Finish = Callable[[Chunk, ReachSamples, ModelParams, EngineSettings], _Out]


def simulate_alone_split(
    run: Simulation, drafts: Sequence[Draft], estimated: int
) -> tuple[list[DraftEstimate], FloatArray]:
    """Every draft on its own (``compete=False``) in one pass: the estimates of the first
    ``estimated`` drafts (as :func:`simulate_drafts`) and the medians
    (:meth:`~igalgo.world.summary.Summary.medians`) of the others, for changed copies that
    are only compared with their originals."""
    if not drafts:
        return [], np.zeros((0, 1 + len(SURFACES)))
    batches, summaries = _summaries(run, drafts, False, summarise)
    estimates: list[DraftEstimate] = []
    tables = [np.zeros((0, 1 + len(SURFACES)))]
    for batch, summary in zip(batches, summaries, strict=True):
        cut = min(max(estimated - int(batch.rows[0]), 0), batch.rows.size)
        estimates += _watched(run, summary.estimates(batch.drafts[:cut]))
        tables.append(summary.medians()[cut:])
    return estimates, np.concatenate(tables)


def _watched(run: Simulation, estimates: list[DraftEstimate]) -> list[DraftEstimate]:
    """The estimates with their watch figures, for the formats people watch."""
    reels = run.model_params.reels
    return [
        replace(estimate, watch=reel_watch(estimate.draft, reels))
        if estimate.draft.format in WATCHED
        else estimate
        for estimate in estimates
    ]


def _summaries(
    run: Simulation,
    drafts: Sequence[Draft],
    compete: bool,
    finish: _Finish[_Out],
    **chosen: IntArray | None,
) -> tuple[list[Chunk], Iterator[_Out]]:
    """The chunks :func:`prepare` makes of ``drafts`` (``chosen``: its keyword arguments)
    and what ``finish`` makes of each chunk's samples (:func:`summarise` or
    :func:`median_summary`), in order, here or in worker processes
    (:func:`igalgo.engine.chunks.map_chunks`); a chunk's numbers do not depend on where they
    were computed (tested)."""
    seed, params, settings = run.seed, run.model_params, run.settings
    model, context, normals, batches = prepare(run, drafts, compete, **chosen)

    def local(index: int) -> _Out:
        sampled = sample_chunk(batches[index], model, context, normals, params)
        return finish(batches[index], sampled, params, settings)

    def remote(index: int) -> tuple[Callable[..., _Out], tuple[object, ...]]:
        batch, alone = batches[index].alone(context)
        return _summarise_alone, (batch, alone, model, seed, params, settings, finish)

    return batches, map_chunks(len(batches), local, remote, settings.workers)


def _summarise_alone(
    batch: Chunk,
    context: ScheduleContext,
    model: AccountModel,
    seed: int,
    params: ModelParams,
    settings: EngineSettings,
    finish: _Finish[_Out],
) -> _Out:
    """A chunk's summary in a worker process, which draws the (cached) random block itself
    instead of receiving it."""
    normals = random_normals(seed, settings.samples, DIMENSIONS)
    sampled = sample_chunk(batch, model, context, normals, params)
    return finish(batch, sampled, params, settings)


def sample_reach(run: Simulation, drafts: Sequence[Draft], *, compete: bool) -> ReachSamples:
    """The raw samples behind :func:`simulate_drafts`, for all drafts at once (for analysis
    and tests; memory grows with drafts x samples)."""
    if not drafts:
        raise ValueError("sample_reach needs at least one draft")
    whole = replace(run.settings, chunk_elements=len(drafts) * run.settings.samples)
    model, context, normals, (batch,) = prepare(replace(run, settings=whole), drafts, compete)
    return sample_chunk(batch, model, context, normals, run.model_params)


def simulate_schedules(
    run: Simulation, schedules: Sequence[Sequence[Draft]], keep: Sequence[Sequence[int]]
) -> list[FloatArray]:
    """The medians (:meth:`~igalgo.world.summary.Summary.medians`) of the posts at
    ``keep[k]`` of each schedule ``schedules[k]``, every schedule's posts competing among
    themselves only: the numbers of ``simulate_drafts(schedule, compete=True)`` at those
    positions, for many schedules in one pass (only the posts kept are sampled)."""
    found = _schedule_summaries(run, schedules, keep, median_summary)
    if found is None:
        return [np.zeros((0, 1 + len(SURFACES))) for _ in schedules]
    table = np.concatenate(list(found[1]))
    return np.split(table, np.cumsum([len(kept) for kept in keep])[:-1])


def simulate_schedule_estimates(
    run: Simulation, schedules: Sequence[Sequence[Draft]], keep: Sequence[Sequence[int]]
) -> list[list[DraftEstimate]]:
    """:func:`simulate_schedules` as estimates: those ``simulate_drafts(schedule,
    compete=True)`` gives the posts at ``keep[k]`` of each schedule (a schedule of one post is
    that post on its own, as ``compete=False`` scores it)."""
    found = _schedule_summaries(run, schedules, keep, summarise)
    if found is None:
        return [[] for _ in schedules]
    estimates = [
        estimate
        for batch, summary in zip(*found, strict=True)
        for estimate in _watched(run, summary.estimates(batch.drafts))
    ]
    ends = np.cumsum([len(kept) for kept in keep]).tolist()
    return [estimates[end - len(kept) : end] for kept, end in zip(keep, ends, strict=True)]


def _schedule_summaries(
    run: Simulation,
    schedules: Sequence[Sequence[Draft]],
    keep: Sequence[Sequence[int]],
    finish: _Finish[_Out],
) -> tuple[list[Chunk], Iterator[_Out]] | None:
    """The chunks of the posts at ``keep`` of every schedule, each competing within its own
    schedule, and ``finish`` of each; None when no post is kept."""
    # Schedules share most of their posts: each draft object is prepared once, in the order
    # first met.
    every = list(chain.from_iterable(schedules))
    if not every:
        return None
    ids = np.fromiter(map(id, every), dtype=np.int64, count=len(every))
    _, first, inverse = np.unique(ids, return_index=True, return_inverse=True)
    met = np.argsort(first, kind="stable")
    unique = [every[k] for k in first[met].tolist()]
    rank = np.empty(met.size, dtype=np.int64)
    rank[met] = np.arange(met.size)
    sizes = np.array([len(schedule) for schedule in schedules], dtype=np.int64)
    groups = np.repeat(np.arange(len(schedules)), sizes)
    offsets = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    parts = [np.asarray(kept, dtype=np.int64) + at for kept, at in zip(keep, offsets, strict=True)]
    rows = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
    if rows.size == 0:
        return None
    index = rank[inverse.reshape(-1)]
    return _summaries(run, unique, True, finish, groups=groups, rows=rows, index=index)


def prepare(
    run: Simulation,
    drafts: Sequence[Draft],
    compete: bool,
    *,
    groups: IntArray | None = None,
    rows: IntArray | None = None,
    index: IntArray | None = None,
    hour_of_week: IntArray | None = None,
) -> tuple[AccountModel, ScheduleContext, SampleArray, list[Chunk]]:
    """What every chunk shares (account model, schedule context, random block) and the chunks
    of the drafts at ``rows`` (default all; the context is then theirs only); ``groups`` and
    ``index`` (the schedule's drafts as positions into ``drafts``) as in
    :meth:`ScheduleContext.build`. ``hour_of_week`` is the hour each row is sampled at
    (default: its draft's own)."""
    account, params, settings = run.account, run.model_params, run.settings
    model = account_model(account, params)
    normals = random_normals(run.seed, settings.samples, DIMENSIONS)
    own = np.arange(len(drafts)) if index is None else index
    starts = np.array([d.publish_at.timestamp() / 3600.0 for d in drafts])[own]
    signals = draft_signals(drafts, account.market.niche, params.actions)
    context = ScheduleContext.build(
        drafts, starts, model, signals, compete, params, groups, rows, index
    )
    wanted = own if rows is None else own[rows]
    if hour_of_week is None:
        hours = audience.hours_of_week([d.publish_at for d in drafts], account.timezone)
        hour_of_week = hours[wanted]
    shape = None
    if account.calibration is not None:
        shape = appeal_shape(
            [drafts[int(k)] for k in wanted],
            account.calibration,
            hour_of_week,
            params.uncertainty.appeal_log_sd,
        )
    batches = _chunks(drafts, wanted, hour_of_week, signals, shape, settings)
    return model, context, normals, batches


def simulate_typical_at(
    run: Simulation, drafts: Sequence[Draft], times: Sequence[Sequence[datetime]]
) -> list[FloatArray]:
    """Each draft on its own (``compete=False``) published at each of ``times[i]`` instead
    of its own time: per draft a (times, 1 + surfaces) array of the median total reach and
    the median reach of each surface (0 where its format cannot show), as
    :func:`simulate_drafts` gives them for the moved copies, without building the copies.
    Alone, a draft's schedule context does not depend on its time, only its hour does."""
    counts = np.array([len(t) for t in times], dtype=np.int64)
    rows = np.repeat(np.arange(len(drafts)), counts)
    if rows.size == 0:
        return [np.zeros((0, 1 + len(SURFACES))) for _ in drafts]
    flat = [when for each in times for when in each]
    hour_of_week = audience.hours_of_week(flat, run.account.timezone)
    _, tables = _summaries(run, drafts, False, median_summary, rows=rows, hour_of_week=hour_of_week)
    table = np.concatenate(list(tables))
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
