"""How the Monte Carlo runs: sample count, chunk size, worker processes, conditioned medians.

None of these is a model assumption. The numbers do not depend on ``chunk_elements`` or
``workers`` (tested); ``samples`` and the conditioning set how precise they are.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Annotated

from igalgo.parameters import Declared, above_up_to, at_least, between

DEFAULT_SAMPLES = 1024
"""Monte Carlo samples per draft when the caller does not say: a power of two, so that the
Sobol points are balanced (docs/decisions/0002-conditioned-medians.md)."""

MAX_SAMPLES = 1 << 20
"""Most samples per draft accepted (memory grows with drafts x samples)."""


@dataclass(frozen=True)
class EngineSettings(Declared):
    """Settings of the Monte Carlo machinery, validated on construction."""

    samples: Annotated[int, between(1, MAX_SAMPLES, "samples per draft")] = DEFAULT_SAMPLES
    """Samples per draft."""

    chunk_elements: Annotated[int, at_least(1, "drafts x samples")] = 1 << 18
    """Drafts x samples simulated at once: bounds memory whatever the number of drafts."""

    workers: Annotated[int, between(1, 64, "processes")] = 1
    """Worker processes that simulate chunks at once when a call has several chunks; 1 keeps
    everything in the calling process (the library default; the command line asks for
    more with ``--jobs``)."""

    conditioned_share: Annotated[float, above_up_to(0, 1, "share of the samples")] = 0.25
    """Share of the samples used as paths whose reach is drawn again at other appeals, for
    the medians of the heavy-tailed surfaces (:mod:`igalgo.engine.conditioning`)."""

    conditioned_evaluations: Annotated[int, between(0, 64, "redraws")] = 4
    """Times each path is drawn again; 0 reports plain sample medians instead."""

    def plain(self) -> EngineSettings:
        """These settings with plain sample medians (faster, noisier): for searches that only
        rank candidates with common random numbers and rescore the one they pick."""
        return replace(self, conditioned_evaluations=0)

    def with_samples(self, samples: int) -> EngineSettings:
        """These settings with another sample count."""
        return replace(self, samples=samples)


DEFAULT_SETTINGS = EngineSettings()
"""The settings a library call uses unless told otherwise (in-process, 1024 samples)."""
