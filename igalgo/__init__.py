"""igalgo: a content-strategy advisor for Instagram.

The library API lives in :mod:`igalgo.world.model`; this module stays light so that
``igalgo --version`` starts fast.
"""

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from igalgo.world.model import DEFAULT_SAMPLES, ModelParams, score_drafts

__all__ = ["DEFAULT_SAMPLES", "ModelParams", "__version__", "score_drafts"]

_LAZY = {"score_drafts", "DEFAULT_SAMPLES", "ModelParams"}


def __getattr__(name: str) -> Any:
    """Import the library API on first use, so ``import igalgo`` does not load numpy."""
    if name in _LAZY:
        from igalgo.world import model as service

        return getattr(service, name)
    raise AttributeError(f"module 'igalgo' has no attribute {name!r}")
