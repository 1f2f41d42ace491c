"""igalgo: a content-strategy advisor for Instagram.

The library API is imported on first use, so that ``import igalgo`` (and ``igalgo
--version``) loads no numpy.
"""

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from igalgo.engine.settings import DEFAULT_SAMPLES, EngineSettings
    from igalgo.world.model import ModelParams, score_drafts

__all__ = ["DEFAULT_SAMPLES", "EngineSettings", "ModelParams", "__version__", "score_drafts"]

_LAZY = {
    "score_drafts": "igalgo.world.model",
    "ModelParams": "igalgo.world.model",
    "DEFAULT_SAMPLES": "igalgo.engine.settings",
    "EngineSettings": "igalgo.engine.settings",
}


def __getattr__(name: str) -> Any:
    """Import the library API on first use, so ``import igalgo`` does not load numpy."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'igalgo' has no attribute {name!r}")
