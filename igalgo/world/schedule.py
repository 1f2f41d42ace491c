"""Per-draft quantities that depend on the whole schedule: author diversity, story frames, the
followers' attention shared with the account's other posts, and each surface's value and
retrieval factors of the draft."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

import numpy as np

from igalgo.domain import FORMAT_SURFACES, Draft, Surface
from igalgo.engine.arrays import BoolArray, FloatArray, IntArray
from igalgo.world import attention as attention_model
from igalgo.world.account import AccountModel
from igalgo.world.actions import DraftSignals
from igalgo.world.attention import AttentionParams
from igalgo.world.diversity import diversity_multipliers
from igalgo.world.params import ModelParams
from igalgo.world.surfaces import explore, feed, reels
from igalgo.world.surfaces.stories import STORIES_MODEL
from igalgo.world.surfaces.surface import ContextType, SurfaceContext

SURFACES: tuple[Surface, ...] = tuple(Surface)


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

    @property
    def size(self) -> int:
        """Number of rows wanted."""
        return len(self.starts) if self.rows is None else self.rows.size

    def picked(self) -> list[Draft]:
        """The drafts of the rows wanted."""
        own = np.arange(len(self.drafts)) if self.index is None else self.index
        chosen = own if self.rows is None else own[self.rows]
        return [self.drafts[int(k)] for k in chosen]

    def attention_load(self, surface: Surface, per_week: float, min_gap: float) -> FloatArray:
        """Attention load of each draft of the schedule on ``surface``: from the schedule and,
        outside it, the account's usual posts (``per_week``)."""
        members = self.eligible[surface]
        attention = self.params.attention
        return attention_load(
            self.starts, members, per_week, min_gap, self.compete, attention, self.groups
        )


@dataclass(frozen=True)
class ScheduleContext:
    """Per-draft quantities that depend on the whole schedule (author diversity, frames)."""

    signals: DraftSignals
    feed_log_value: FloatArray
    feed_diversity: FloatArray
    explore_diversity: FloatArray
    """Explore's same-author multiplier on the test audience (24-hour mean)."""
    reels_diversity: FloatArray
    """X's author-diversity multiplier among the account's reels (24-hour mean)."""
    explore_value: FloatArray
    reels_value: FloatArray
    feed_attention: FloatArray
    """Share of feed exposure left by the account's other posts (attention budget)."""
    reels_follower_attention: FloatArray
    """The same for followers in the Reels tab."""
    reels_non_follower_attention: FloatArray
    """Share of the Reels test audience left by the account's other reels."""
    eligible: dict[Surface, BoolArray]
    """Whether each draft's format can reach each surface."""
    explore_factor: FloatArray
    """Explore reach multiplier from the draft's penalties and quality (0 = gated)."""
    reels_factor: FloatArray
    """Reels reach multiplier from the reel's penalties and quality."""
    reels_recommendable: FloatArray
    """1 when the reel may be recommended to non-followers, 0 when it is too long."""
    explore_retrieval: FloatArray
    """Explore test-audience multiplier from the draft's hashtags, caption and location."""
    reels_retrieval: FloatArray
    """Reels test-audience multiplier from the reel's audio."""
    reels_watch: FloatArray
    """Interaction multiplier of a reel from its watch time."""
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
        values = {
            f.name: getattr(self, f.name)[rows]
            for f in fields(self)
            if f.name not in ("signals", "eligible", "surfaces")
        }
        eligible = {surface: mask[rows] for surface, mask in self.eligible.items()}
        surfaces = {surface: context.take(rows) for surface, context in self.surfaces.items()}
        return ScheduleContext(
            signals=self.signals.take(rows), eligible=eligible, surfaces=surfaces, **values
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

        def gather(values: Any) -> Any:
            return values if index is None else values[index]

        count = len(starts)
        if compete and groups is not None and count:
            starts = starts + groups * _group_spacing(starts, params)
        formats = [d.format for d in drafts]
        eligible = {
            surface: gather(np.array([surface in FORMAT_SURFACES[f] for f in formats], dtype=bool))
            for surface in SURFACES
        }
        in_feed = eligible[Surface.FEED]
        recommendable, is_reel = eligible[Surface.EXPLORE], eligible[Surface.REELS]
        log_value = gather(
            feed.feed_log_value(model.levels, signals, model.priority, params.feed, params.actions)
        )
        relative_nf = model.non_follower_level / params.actions.non_follower_interaction_ratio
        explore_value = gather(
            explore.explore_relative_value(relative_nf, signals, params.explore, params.actions)
        )
        reels_value = gather(
            reels.reels_relative_value(drafts, relative_nf, signals, params.reels, params.actions)
        )
        hours = params.feed.window_hours
        if compete:
            strength = np.exp(log_value[:, 1])
            feed_div = diversity_multipliers(
                starts,
                strength,
                in_feed,
                hours,
                params.feed.window_hours,
                params.feed.recency_half_life_hours,
                params.diversity,
                rows,
            )
            # Explore: only its same-author rule on the grid (a few percent); Reels: X's
            # author diversity among the account's reels.
            window = params.explore.diversity_window_hours
            explore_div = diversity_multipliers(
                starts,
                explore_value,
                recommendable,
                window,
                window,
                params.feed.recency_half_life_hours,
                params.explore.same_author(),
                rows,
            ).mean(axis=1)
            window = params.reels.diversity_window_hours
            reels_div = diversity_multipliers(
                starts,
                reels_value,
                is_reel,
                window,
                window,
                params.feed.recency_half_life_hours,
                params.diversity,
                rows,
            ).mean(axis=1)
        else:
            size = count if rows is None else rows.size
            feed_div = np.ones((size, hours))
            explore_div = reels_div = np.ones(size)
        attention = params.attention

        def load(members: BoolArray, per_week: float, min_gap: float) -> FloatArray:
            """Attention load from the schedule and, outside it, the account's usual posts."""
            return attention_load(starts, members, per_week, min_gap, compete, attention, groups)

        feed_load = load(in_feed, model.feed_per_week, 0.0)
        reels_load = load(is_reel, model.reels_per_week, 0.0)
        # The drafts of the rows kept, as positions into ``drafts``.
        own = np.arange(len(drafts)) if index is None else index
        chosen = own if rows is None else own[rows]
        picked = [drafts[int(k)] for k in chosen]

        def pick(values: FloatArray) -> FloatArray:
            return values if rows is None else values[rows]

        schedule = Schedule(
            drafts, starts, model, signals, compete, params, eligible, groups, rows, index
        )
        return ScheduleContext(
            signals=signals if index is None and rows is None else signals.take(chosen),
            feed_log_value=pick(log_value),
            feed_diversity=feed_div,
            explore_diversity=explore_div,
            reels_diversity=reels_div,
            explore_value=pick(explore_value),
            reels_value=pick(reels_value),
            feed_attention=pick(
                attention_model.attention_share(feed_load, attention.follower_budget)
            ),
            reels_follower_attention=pick(
                attention_model.attention_share(reels_load, attention.follower_budget)
            ),
            reels_non_follower_attention=pick(
                attention_model.attention_share(reels_load, attention.reels_non_follower_budget)
            ),
            eligible={
                surface: mask if rows is None else mask[rows] for surface, mask in eligible.items()
            },
            explore_factor=explore.reach_factors(picked, params.explore),
            reels_factor=reels.reach_factors(picked, params.reels),
            reels_recommendable=reels.recommendable(picked, params.reels),
            explore_retrieval=explore.retrieval_factors(picked, params.explore),
            reels_retrieval=reels.retrieval_factors(picked, params.reels),
            reels_watch=reels.watch_factor(reels.durations(picked, params.reels), params.reels),
            surfaces={model.surface: model.context(schedule) for model in (STORIES_MODEL,)},
        )


def attention_load(
    starts: FloatArray,
    members: BoolArray,
    per_week: float,
    min_gap_hours: float,
    compete: bool,
    params: AttentionParams,
    groups: IntArray | None = None,
) -> FloatArray:
    """Attention load of each member (see :class:`~igalgo.world.attention.AttentionParams`).

    With ``compete`` the members are the account's posts over the span they cover, and the
    account's usual posts (``per_week``) come before and after it; without, every draft sits
    alone among the usual posts. With ``groups`` each schedule covers its own span.
    """
    covered: tuple[float | FloatArray, float | FloatArray] | None = None
    scheduled = np.zeros(len(starts))
    if compete and members.any():
        times = starts[members]
        covered = (float(times.min()), float(times.max()))
        if groups is not None:
            covered = _group_spans(times, groups[members])
        scheduled = attention_model.schedule_load(
            starts, members, params.half_life_hours, params.window_hours, min_gap_hours
        )
    background = attention_model.background_load(
        starts,
        members,
        per_week,
        covered,
        params.half_life_hours,
        params.window_hours,
        min_gap_hours,
    )
    result: FloatArray = scheduled + background
    return result


def _group_spacing(starts: FloatArray, params: ModelParams) -> float:
    """Hours between two schedules scored together: more than their span and twice the longest
    window over which posts compete."""
    longest = max(
        params.attention.window_hours,
        params.feed.window_hours,
        params.stories.window_hours,
        params.explore.diversity_window_hours,
        params.reels.diversity_window_hours,
    )
    return float(np.ptp(starts)) + 2.0 * float(longest) + 1.0


def _group_spans(times: FloatArray, groups: IntArray) -> tuple[FloatArray, FloatArray]:
    """The first and last of ``times`` in each one's group, per time."""
    low = np.full(int(groups.max()) + 1, np.inf)
    high = np.full(int(groups.max()) + 1, -np.inf)
    np.minimum.at(low, groups, times)
    np.maximum.at(high, groups, times)
    return low[groups], high[groups]
