"""How the Monte Carlo runs: sample count, chunk size, worker processes, conditioned medians.

None of these is a model assumption. The numbers do not depend on ``chunk_elements`` or
``workers`` (tested); ``samples`` and the conditioning set how precise they are.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

DEFAULT_SAMPLES = 1024
"""Monte Carlo samples per draft when the caller does not say: a power of two, so that the
Sobol points are balanced (docs/decisions/0002-conditioned-medians.md)."""

MAX_SAMPLES = 1 << 20
"""Most samples per draft accepted (memory grows with drafts x samples)."""


@dataclass(frozen=True)
class EngineSettings:
    """Settings of the Monte Carlo machinery, validated on construction."""

    samples: int = DEFAULT_SAMPLES
    """Samples per draft (1 to :data:`MAX_SAMPLES`)."""

    chunk_elements: int = 1 << 18
    """Drafts x samples simulated at once: bounds memory whatever the number of drafts."""

    workers: int = 1
    """Worker processes that simulate chunks at once when a call has several chunks; 1 keeps
    everything in the calling process (the library default; the command line asks for
    more with ``--jobs``)."""

    conditioned_share: float = 0.25
    """Share of the samples used as paths whose reach is drawn again at other appeals, for
    the medians of the heavy-tailed surfaces (:mod:`igalgo.engine.conditioning`)."""

    conditioned_evaluations: int = 4
    """Times each path is drawn again; 0 reports plain sample medians instead."""

    def __post_init__(self) -> None:
        _check_int("samples", self.samples, 1, MAX_SAMPLES, "samples per draft")
        _check_int("chunk_elements", self.chunk_elements, 1, None, "drafts x samples")
        _check_int("workers", self.workers, 1, 64, "processes")
        _check_int("conditioned_evaluations", self.conditioned_evaluations, 0, 64, "redraws")
        if not 0.0 < self.conditioned_share <= 1.0:
            raise ValueError(
                f"conditioned_share must be in (0, 1] (a share of the samples), "
                f"got {self.conditioned_share!r}"
            )

    def plain(self) -> EngineSettings:
        """These settings with plain sample medians (faster, noisier): for searches that only
        rank candidates with common random numbers and rescore the one they pick."""
        return replace(self, conditioned_evaluations=0)

    def with_samples(self, samples: int) -> EngineSettings:
        """These settings with another sample count."""
        return replace(self, samples=samples)


def _check_int(name: str, value: object, low: int, high: int | None, unit: str) -> None:
    """Raise ValueError naming the field and its unit unless ``low <= value <= high``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be an integer ({unit}), got {value!r}")
    if value < low or (high is not None and value > high):
        bound = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise ValueError(f"{name} must be {bound} ({unit}), got {value}")


DEFAULT_SETTINGS = EngineSettings()
"""The settings a library call uses unless told otherwise (in-process, 1024 samples)."""
