"""What every surface's sampler reads and writes for one chunk of drafts.

The simulation (:mod:`igalgo.world.sampling`) cuts the drafts into chunks, gives each random
quantity its row of the engine's block of standard normals (:data:`APPEAL` ...), and calls
each surface's ``sample(chunk, rows, draws, out)`` in turn with the :class:`Draws` of the
chunk; the surface writes its reach into :class:`ReachSamples`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np

from igalgo.domain import Draft, Surface
from igalgo.engine.arrays import BoolArray, FloatArray, IntArray, SampleArray
from igalgo.world.account import AccountModel
from igalgo.world.calibrated import AppealShape

if TYPE_CHECKING:
    from igalgo.world.params import ModelParams
    from igalgo.world.schedule import ScheduleContext
    from igalgo.world.surfaces.feed import FeedLater
    from igalgo.world.surfaces.staged import Staged

# Rows of the engine's block of standard normals; each random quantity has its own row. The
# quantities that matter most come first: the first Sobol dimensions are the most uniform.
APPEAL = 0
"""The draft's appeal (how viewers react relative to the prediction)."""
EARLY = 1
"""The interactions drawn in the feed's early window."""
MAX_STAGES = 6
"""Most stages of a staged distribution (each has its own row)."""
EXPLORE_STAGE = 2
"""First of Explore's stage rows."""
REELS_STAGE = EXPLORE_STAGE + MAX_STAGES
"""First of Reels' stage rows."""
DAY = REELS_STAGE + MAX_STAGES
"""The day's follower activity."""
FOLLOWER_COUNT = DAY + 1
"""Who exactly of the followers is reached on Feed and Stories."""
REELS_FOLLOWERS = DAY + 2
"""Who exactly of the followers is reached in the Reels tab."""
DIMENSIONS = DAY + 3
"""Rows of the block."""


@dataclass(frozen=True)
class Chunk:
    """A chunk of drafts: the drafts, their rows in the whole list, their local hour of week."""

    drafts: list[Draft]
    rows: IntArray
    hour_of_week: IntArray
    interactions: FloatArray
    """Expected likes, comments, saves and shares per reference viewer (drafts, 4)."""
    quality: FloatArray
    """Followers' interaction multiplier from the drafts' production quality (drafts,)."""
    appeal: AppealShape | None = None
    """Each draft's appeal distribution when the account's calibration changes it; None: the
    model's for every draft."""

    def alone(self, context: ScheduleContext) -> tuple[Chunk, ScheduleContext]:
        """This chunk and the context's rows of it, as if the chunk were the whole list
        (what a worker process needs: no draft objects, no other chunk's rows)."""
        batch = replace(self, drafts=[], rows=np.arange(self.rows.size))
        return batch, context.take(self.rows)


@dataclass
class ReachSamples:
    """A chunk's sampled reach, filled surface by surface: one (drafts, samples) array per
    surface and side, and what it takes to draw them again at other appeals."""

    followers: dict[Surface, SampleArray]
    """Followers reached on each surface."""
    non_followers: dict[Surface, SampleArray]
    """Non-followers reached on each surface."""
    popularity: SampleArray
    """Early popularity ratio: interactions drawn in the early window / predicted."""
    follower_units: SampleArray
    """Follower interactions per draft and sample, in units of the reference per-viewer rate
    (before the draft's content signals): sum over surfaces and tiers of reached x level x
    appeal."""
    non_follower_units: SampleArray
    """The same for non-followers."""
    eligible: dict[Surface, BoolArray]
    """Whether each draft's format can reach each surface."""
    shared: Draws
    """What every surface's sampler read."""
    feed_index: IntArray
    """Each chunk row's row in ``feed_later`` (-1 for drafts not on Feed)."""
    feed_later: FeedLater | None = None
    staged: dict[Surface, Staged] = field(default_factory=dict)
    """The staged distributions of the conditioned surfaces, to draw again."""
    unique: SampleArray = field(init=False)
    """Unique accounts reached across surfaces (once every surface is sampled)."""

    def reach(self, surface: Surface) -> SampleArray:
        """Accounts reached on ``surface`` (followers + non-followers)."""
        return self.followers[surface] + self.non_followers[surface]


@dataclass(frozen=True)
class Draws:
    """What every surface's sampler of a chunk reads."""

    model: AccountModel
    context: ScheduleContext
    normals: SampleArray
    params: ModelParams
    appeal: SampleArray
    """The appeal multiplier per sample: (1, samples) when every draft shares its distribution,
    else (drafts, samples); read it with :meth:`appeal_of`."""
    appeal_log_level: SampleArray
    """The log of the multiplier a calibration puts on the appeal, (1, 1) or (drafts, 1) as
    :attr:`appeal`."""
    appeal_log_sd: SampleArray
    """The spread of the log appeal, (1, 1) or (drafts, 1) as :attr:`appeal`."""
    day: SampleArray
    content: FloatArray
    """Followers' interactions per reference viewer of each draft of the chunk."""
    non_follower_content: FloatArray
    """Non-followers' interactions per reference viewer, before the account's level (on
    Explore and Reels quality acts through its documented reach factors instead)."""
    level_weights: SampleArray
    """Followers per tier times the tier's interaction level."""

    def appeal_of(self, rows: IntArray) -> SampleArray:
        """The appeal of the chunk's drafts at ``rows``, broadcastable to (rows, samples)."""
        return self.appeal if self.appeal.shape[0] == 1 else self.appeal[rows]

    def appeal_shape_of(self, rows: IntArray) -> tuple[SampleArray, SampleArray]:
        """The log level and log spread of the appeal of the drafts at ``rows``, each (rows, 1)."""
        shape = (rows.size, 1)
        if self.appeal_log_sd.shape[0] == 1:
            return (
                np.broadcast_to(self.appeal_log_level, shape).copy(),
                np.broadcast_to(self.appeal_log_sd, shape).copy(),
            )
        return self.appeal_log_level[rows], self.appeal_log_sd[rows]
