"""The model's front door: reach estimates of drafts for an account."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from igalgo.domain import Account, Draft, DraftEstimate
from igalgo.engine.arrays import FloatArray
from igalgo.engine.settings import DEFAULT_SAMPLES, DEFAULT_SETTINGS, EngineSettings
from igalgo.world.draws import ReachSamples
from igalgo.world.params import ModelParams
from igalgo.world.simulation import sample_reach as simulate_reach
from igalgo.world.simulation import (
    simulate_alone_split,
    simulate_drafts,
    simulate_schedule_estimates,
    simulate_schedules,
    simulate_typical_at,
)

__all__ = [
    "DEFAULT_PARAMS",
    "DEFAULT_SAMPLES",
    "EngineSettings",
    "ModelParams",
    "Simulation",
    "score_drafts",
]

DEFAULT_PARAMS = ModelParams()
"""The calibrated model."""


@dataclass(frozen=True)
class Simulation:
    """One account's model run: the account, the model's parameters, the engine's settings and
    the seed, bound once, with the engine's entry points as methods. Advice, planning and the
    fit take this one object instead of threading the four through every call; a test double
    is a subclass that overrides the entry points."""

    account: Account
    """The account whose drafts are simulated."""
    model_params: ModelParams = field(default=DEFAULT_PARAMS)
    """The model's parameters (the defaults, or ones a caller gives)."""
    settings: EngineSettings = field(default=DEFAULT_SETTINGS)
    """How the Monte Carlo runs (samples, chunks, workers)."""
    seed: int = 0
    """Seed of the random block: the same seed gives the same draws for the i-th draft."""

    def with_samples(self, samples: int) -> Simulation:
        """The same run with ``samples`` Monte Carlo samples."""
        return replace(self, settings=self.settings.with_samples(samples))

    def with_samples_at_most(self, samples: int) -> Simulation:
        """The same run with at most ``samples`` samples (a search's own, capped by the
        caller's)."""
        return self.with_samples(min(samples, self.settings.samples))

    def plain(self) -> Simulation:
        """The same run with plain sample medians (see :meth:`EngineSettings.plain`)."""
        return replace(self, settings=self.settings.plain())

    def with_account(self, account: Account) -> Simulation:
        """The same run for another account (a variant of this one, say)."""
        return replace(self, account=account)

    def score_drafts(self, drafts: Sequence[Draft], *, compete: bool = True) -> list[DraftEstimate]:
        """:func:`score_drafts` with this run's account, parameters, settings and seed."""
        return simulate_drafts(self, drafts, compete=compete)

    def score_alone_split(
        self, drafts: Sequence[Draft], estimated: int
    ) -> tuple[list[DraftEstimate], FloatArray]:
        """``score_drafts(drafts, compete=False)`` in one call, as estimates for the first
        ``estimated`` drafts and as medians for the others (a (drafts, 1 + surfaces) array:
        total reach, then each surface in ``Surface`` order, 0 where the format cannot show)."""
        return simulate_alone_split(self, drafts, estimated)

    def score_kept(self, drafts: Sequence[Draft], keep: Sequence[int]) -> list[DraftEstimate]:
        """The estimates ``score_drafts(drafts, compete=True)`` gives the drafts at ``keep``, in
        that order, without sampling the others (they are there as the schedule)."""
        return simulate_drafts(self, drafts, compete=True, keep=keep)

    def score_schedules(
        self, schedules: Sequence[Sequence[Draft]], keep: Sequence[Sequence[int]]
    ) -> list[FloatArray]:
        """The medians of the posts at ``keep[k]`` of each schedule ``schedules[k]``, as
        ``score_drafts(schedule, compete=True)`` gives them, for many schedules in one call: the
        posts of a schedule compete among themselves only, and only the posts kept are sampled.
        One (kept, 1 + surfaces) array per schedule: total reach, then each surface in
        ``Surface`` order (0 where the format cannot show)."""
        return simulate_schedules(self, schedules, keep)

    def score_schedule_estimates(
        self, schedules: Sequence[Sequence[Draft]], keep: Sequence[Sequence[int]]
    ) -> list[list[DraftEstimate]]:
        """:meth:`score_schedules` as the estimates ``score_drafts(schedule, compete=True)``
        gives the posts kept (a schedule of one post scores it on its own, as
        ``compete=False`` does)."""
        return simulate_schedule_estimates(self, schedules, keep)

    def typical_at(
        self, drafts: Sequence[Draft], times: Sequence[Sequence[datetime]]
    ) -> list[FloatArray]:
        """For each draft on its own (``compete=False``) at each of ``times[i]``: the median
        total reach and the median reach of each surface in ``Surface`` order (0 where the
        format cannot show), one row per time; the medians ``score_drafts`` gives the moved
        copies."""
        return simulate_typical_at(self, drafts, times)

    def sample_reach(self, drafts: Sequence[Draft], *, compete: bool) -> ReachSamples:
        """The raw samples behind :meth:`score_drafts`, all drafts at once (memory grows with
        drafts x samples)."""
        return simulate_reach(self, drafts, compete=compete)


def score_drafts(
    account: Account,
    drafts: Sequence[Draft],
    *,
    seed: int = 0,
    compete: bool = True,
    params: ModelParams | None = None,
    settings: EngineSettings | None = None,
) -> list[DraftEstimate]:
    """Estimate reach per surface, total unique reach and expected actions for each draft.

    ``compete=True`` treats the drafts as one schedule: the account's drafts published close
    together compete with each other. ``compete=False`` scores each draft as if it were the
    account's only new post. The same ``seed`` gives the same random draws for the i-th draft,
    so a counterfactual (same draft, one field changed) differs only by that change.

    Runs in the calling process unless ``settings.workers`` asks for worker processes
    (:mod:`igalgo.engine.workers`); the numbers are the same either way.
    """
    run = Simulation(account, params or DEFAULT_PARAMS, settings or DEFAULT_SETTINGS, seed)
    return run.score_drafts(drafts, compete=compete)
