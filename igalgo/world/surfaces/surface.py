"""What a surface is: the interface every surface module implements (in the spirit of recsim's
choice models), so that the simulation, its summaries and its redraws loop over the registered
surfaces (:mod:`igalgo.world.surfaces.registry`) and a contract test checks each one alone."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Protocol, Self, TypeVar

from igalgo.domain import Surface
from igalgo.engine.arrays import IntArray

if TYPE_CHECKING:
    from igalgo.world.account import AccountModel
    from igalgo.world.draws import Chunk, Draws, ReachSamples
    from igalgo.world.params import ModelParams
    from igalgo.world.schedule import Schedule


@dataclass(frozen=True)
class SurfaceContext:
    """Per-draft quantities a surface computes from the whole schedule; every field is an
    array whose first axis is the draft."""

    def take(self, rows: IntArray) -> Self:
        """The context of the drafts at ``rows`` only."""
        return type(self)(*(getattr(self, f.name)[rows] for f in fields(self)))


ContextType = TypeVar("ContextType", bound=SurfaceContext)


class SurfaceModule(Protocol):
    """What a surface module declares and defines (each of :mod:`~igalgo.world.surfaces.feed`,
    ``stories``, ``explore`` and ``reels`` is one). Surfaces are sampled in registry order;
    Feed comes first, as its early popularity feeds the others."""

    SURFACE: Surface
    """The surface the module samples."""
    REACHES_FOLLOWERS: bool
    """Whether the surface shows posts to the account's followers."""
    REACHES_NON_FOLLOWERS: bool
    """Whether it shows posts to non-followers (False: its reach counts followers only)."""
    CONDITIONED: bool
    """Whether its median is conditioned on the appeal: a heavy-tailed, staged reach kept in
    ``ReachSamples.staged`` to be drawn again."""

    def competition_hours(self, params: ModelParams) -> float:
        """Hours over which two of the account's posts compete on this surface."""

    def non_follower_pool(self, model: AccountModel, params: ModelParams) -> float:
        """The non-followers its reach is drawn from: unique reach counts the non-followers
        it adds to those of the surfaces before it as independent draws within this pool."""

    def context(self, schedule: Schedule) -> SurfaceContext:
        """Its per-draft quantities that depend on the whole schedule."""

    def sample(self, batch: Chunk, rows: IntArray, shared: Draws, out: ReachSamples) -> None:
        """Sample the reach of the chunk's drafts at ``rows`` (those it can show) into
        ``out``: its followers and non-followers reached and their interaction units."""
