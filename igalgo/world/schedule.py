"""Per-draft quantities that depend on the whole schedule: where each draft can be shown and
each surface's own context (author diversity, story frames, the followers' attention shared
with the account's other posts, the draft's value and retrieval factors)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from igalgo.domain import Draft, Surface
from igalgo.engine.arrays import BoolArray, FloatArray, IntArray
from igalgo.world import attention
from igalgo.world.account import AccountModel
from igalgo.world.actions import DraftSignals
from igalgo.world.diversity import DiversityParams, diversity_multipliers
from igalgo.world.params import ModelParams
from igalgo.world.surfaces.registry import SURFACE_MODULES, SURFACES, competition_hours
from igalgo.world.surfaces.surface import ContextType, SurfaceContext


@dataclass(frozen=True)
class Schedule:
    """What a surface's context is computed from: the drafts, the schedule they make and the
    account. Arrays per draft of the schedule are over all of it (every draft competes); a
    context keeps the rows wanted only (:meth:`pick`)."""

    drafts: Sequence[Draft]
    """The distinct drafts (with ``index``, schedules share them)."""
    starts: FloatArray
    """Publication hour of each draft of the schedule (schedules moved apart)."""
    model: AccountModel
    signals: DraftSignals
    """Content signals of ``drafts``."""
    compete: bool
    params: ModelParams
    eligible: dict[Surface, BoolArray]
    """Whether each draft of the schedule can be shown on each surface."""
    groups: IntArray | None
    rows: IntArray | None
    """The rows of the schedule the context is for (None: all)."""
    index: IntArray | None
    """The schedule's drafts as positions into ``drafts`` (None: the same)."""

    def gather(self, values: FloatArray) -> FloatArray:
        """Per-draft ``values`` of ``drafts`` as values per draft of the schedule."""
        return values if self.index is None else values[self.index]

    def pick(self, values: FloatArray) -> FloatArray:
        """Values per draft of the schedule, for the rows wanted only."""
        return values if self.rows is None else values[self.rows]

    def chosen(self) -> IntArray:
        """The drafts of the rows wanted, as positions into ``drafts``."""
        own = np.arange(len(self.drafts)) if self.index is None else self.index
        return own if self.rows is None else own[self.rows]

    def per_draft(self, values: Callable[[Sequence[Draft]], FloatArray]) -> FloatArray:
        """``values`` (one per draft, of the draft alone) of the rows wanted, found once per
        distinct draft: the schedules a move is verified in share most of their drafts."""
        distinct, rows = self._distinct
        found: FloatArray = values(distinct)[rows]
        return found

    @cached_property
    def _distinct(self) -> tuple[list[Draft], IntArray]:
        """The distinct drafts of the rows wanted and each row's place among them (found once
        for every per-draft quantity of every surface)."""
        distinct, rows = np.unique(self.chosen(), return_inverse=True)
        return [self.drafts[int(k)] for k in distinct], rows

    @property
    def non_follower_level(self) -> float:
        """The account's non-follower interaction rate relative to a reference account's."""
        actions = self.params.actions
        return self.model.non_follower_level / actions.non_follower_interaction_ratio

    def diversity(
        self, strength: FloatArray, surface: Surface, hours: int, rule: DiversityParams
    ) -> FloatArray:
        """Author-diversity multiplier of each row wanted in each of the ``hours`` hours of
        its life among the drafts on ``surface`` live with it, ranked by ``strength`` (per
        draft of the schedule): (rows, hours), 1 when the drafts do not compete."""
        if not self.compete:
            return np.ones((len(self.pick(self.starts)), hours))
        half_life = self.params.feed.recency_half_life_hours
        members = self.eligible[surface]
        return diversity_multipliers(
            self.starts, strength, members, hours, hours, half_life, rule, self.rows
        )

    def attention(
        self, surface: Surface, per_week: float, min_gap_hours: float, *budgets: float
    ) -> list[FloatArray]:
        """Share of its followers' attention each row wanted keeps on ``surface`` under each
        of the ``budgets`` (:class:`~igalgo.world.attention.AttentionParams`), from the load of
        the account's posts there. With ``compete`` they are the schedule's posts over the
        span they cover, with the account's usual posts (``per_week``) before and after it
        (each group its own span); without, every draft sits alone among the usual posts."""
        members, params = self.eligible[surface], self.params.attention
        covered: tuple[float | FloatArray, float | FloatArray] | None = None
        load = np.zeros(len(self.starts))
        if self.compete and members.any():
            times = self.starts[members]
            covered = (float(times.min()), float(times.max()))
            if self.groups is not None:
                covered = _group_spans(times, self.groups[members])
            load = attention.schedule_load(
                self.starts, members, params.half_life_hours, params.window_hours, min_gap_hours
            )
        load = load + attention.background_load(
            self.starts,
            members,
            per_week,
            covered,
            params.half_life_hours,
            params.window_hours,
            min_gap_hours,
        )
        return [self.pick(attention.attention_share(load, budget)) for budget in budgets]


@dataclass(frozen=True)
class ScheduleContext:
    """Per-draft quantities that depend on the whole schedule."""

    signals: DraftSignals
    eligible: dict[Surface, BoolArray]
    """Whether each draft's format can reach each surface."""
    surfaces: dict[Surface, SurfaceContext]
    """Each registered surface's own context."""

    def of(self, surface: Surface, kind: type[ContextType]) -> ContextType:
        """The context of ``surface``, of the type that surface builds."""
        context = self.surfaces[surface]
        if not isinstance(context, kind):
            raise TypeError(f"{surface} has a {type(context).__name__}, not a {kind.__name__}")
        return context

    def take(self, rows: IntArray) -> ScheduleContext:
        """The context of the drafts at ``rows`` only."""
        return ScheduleContext(
            signals=self.signals.take(rows),
            eligible={surface: mask[rows] for surface, mask in self.eligible.items()},
            surfaces={surface: context.take(rows) for surface, context in self.surfaces.items()},
        )

    @staticmethod
    def build(
        drafts: Sequence[Draft],
        starts: FloatArray,
        model: AccountModel,
        signals: DraftSignals,
        compete: bool,
        params: ModelParams,
        groups: IntArray | None = None,
        rows: IntArray | None = None,
        index: IntArray | None = None,
    ) -> ScheduleContext:
        """The context of ``drafts`` published at ``starts`` (hours), or of the drafts at
        ``rows`` only (in that order; all drafts still compete). With ``compete`` and
        ``groups`` (a schedule number per draft), drafts compete only within their schedule:
        each schedule is moved in time, for these quantities only, far enough from the others
        that no window reaches across, and is bounded by its own span. With ``index`` the
        schedule's draft ``i`` is ``drafts[index[i]]`` (``signals`` are then the drafts'): what
        depends on the draft alone is found once per draft however many schedules hold it."""
        if compete and groups is not None and len(starts):
            starts = starts + groups * _group_spacing(starts, params)
        reachable = [d.surfaces for d in drafts]
        eligible = {}
        for surface in SURFACES:
            mask = np.array([surface in each for each in reachable], dtype=bool)
            eligible[surface] = mask if index is None else mask[index]
        schedule = Schedule(
            drafts, starts, model, signals, compete, params, eligible, groups, rows, index
        )
        return ScheduleContext(
            signals=signals if index is None and rows is None else signals.take(schedule.chosen()),
            eligible={s: mask if rows is None else mask[rows] for s, mask in eligible.items()},
            surfaces={each.SURFACE: each.context(schedule) for each in SURFACE_MODULES},
        )


def _group_spacing(starts: FloatArray, params: ModelParams) -> float:
    """Hours between two schedules scored together: more than their span and twice the longest
    window over which posts compete."""
    return float(np.ptp(starts)) + 2.0 * float(competition_hours(params)) + 1.0


def _group_spans(times: FloatArray, groups: IntArray) -> tuple[FloatArray, FloatArray]:
    """The first and last of ``times`` in each one's group, per time."""
    low = np.full(int(groups.max()) + 1, np.inf)
    high = np.full(int(groups.max()) + 1, -np.inf)
    np.minimum.at(low, groups, times)
    np.maximum.at(high, groups, times)
    return low[groups], high[groups]
