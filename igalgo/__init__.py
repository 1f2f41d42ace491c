"""igalgo: a content-strategy advisor for Instagram.

The library API, imported on first use so that ``import igalgo`` (and ``igalgo --version``)
loads no numpy:

- :func:`load_account`, :func:`load_drafts`: read a profile or a drafts file (YAML), checked;
- :func:`score_files`: what ``igalgo score`` does, file by file (:class:`ScoredFile` or
  :class:`FileProblem`), with :class:`ScoreOptions` and ``--fail-under`` gates
  (:func:`parse_gate`);
- :func:`assess_file`: one drafts file's :class:`AccountReport` (results and checklist);
- :func:`plan_account`: what ``igalgo plan`` does, for one surface or all of them
  (:class:`PlanOptions`), a :class:`Plan`;
- :func:`calibrate_account`: what ``igalgo calibrate`` fits (:class:`CalibrateOptions`), a
  :class:`CalibrationRun`;
- :func:`score_drafts`: the model's estimates of drafts, with :class:`ModelParams` and
  :class:`EngineSettings` (``DEFAULT_SAMPLES`` samples by default).
"""

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from igalgo.app.assess import ScoreOptions, assess_file
    from igalgo.app.calibrate import CalibrateOptions, CalibrationRun, calibrate_account
    from igalgo.app.gates import Gate, GateFailure, parse_gate
    from igalgo.app.plan import Plan, PlanOptions, plan_account
    from igalgo.app.results import AccountReport, DraftResult, FileProblem, ScoredFile
    from igalgo.app.score import score_files
    from igalgo.engine.settings import DEFAULT_SAMPLES, EngineSettings
    from igalgo.inputs.loader import load_account, load_drafts
    from igalgo.world.model import ModelParams, score_drafts

__all__ = [
    "DEFAULT_SAMPLES",
    "AccountReport",
    "CalibrateOptions",
    "CalibrationRun",
    "DraftResult",
    "EngineSettings",
    "FileProblem",
    "Gate",
    "GateFailure",
    "ModelParams",
    "Plan",
    "PlanOptions",
    "ScoreOptions",
    "ScoredFile",
    "__version__",
    "assess_file",
    "calibrate_account",
    "load_account",
    "load_drafts",
    "parse_gate",
    "plan_account",
    "score_drafts",
    "score_files",
]

_LAZY = {
    "score_drafts": "igalgo.world.model",
    "ModelParams": "igalgo.world.model",
    "DEFAULT_SAMPLES": "igalgo.engine.settings",
    "EngineSettings": "igalgo.engine.settings",
    "load_account": "igalgo.inputs.loader",
    "load_drafts": "igalgo.inputs.loader",
    "score_files": "igalgo.app.score",
    "ScoreOptions": "igalgo.app.assess",
    "assess_file": "igalgo.app.assess",
    "ScoredFile": "igalgo.app.results",
    "FileProblem": "igalgo.app.results",
    "AccountReport": "igalgo.app.results",
    "DraftResult": "igalgo.app.results",
    "Gate": "igalgo.app.gates",
    "GateFailure": "igalgo.app.gates",
    "parse_gate": "igalgo.app.gates",
    "Plan": "igalgo.app.plan",
    "PlanOptions": "igalgo.app.plan",
    "plan_account": "igalgo.app.plan",
    "calibrate_account": "igalgo.app.calibrate",
    "CalibrationRun": "igalgo.app.calibrate",
    "CalibrateOptions": "igalgo.app.calibrate",
}


def __getattr__(name: str) -> Any:
    """Import the library API on first use, so ``import igalgo`` does not load numpy."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'igalgo' has no attribute {name!r}")
