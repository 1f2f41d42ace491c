"""``--output`` and ``--svg``: where a command's results go, decided before anything runs.

``-`` is standard output. Any other name is checked by :func:`igalgo.output.atomic.output_target`
(a writable directory, not read-only unless ``--force``, not a directory or block device) and
against the other options: two options never name the same file, nor both standard output.
That an output is not one of the run's inputs is the app layer's check
(:mod:`igalgo.app.files`), which knows the inputs.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from igalgo.errors import UsageError, printable
from igalgo.inputs.sources import STDIN, same_file
from igalgo.output.atomic import OutputTarget, output_target

STDOUT = STDIN
"""The output name that means standard output."""


def is_stdout(path: Path | None) -> bool:
    """Whether an output option's value means standard output (``-``)."""
    return path is not None and str(path) == STDOUT


def output_targets(
    named: Mapping[str, Path | None], *, force: bool, stdout_option: str | None = None
) -> dict[str, OutputTarget]:
    """The file target of each option in ``named`` that names a file (not ``-``, not absent).

    ``stdout_option`` is the option whose results go to standard output when it is not
    given (``--output`` of ``score``), so that another option's ``-`` is refused then too.
    Raises UsageError for a target that cannot be written and for two options that name the
    same file, or both standard output.
    """
    to_stdout = [option for option, path in named.items() if is_stdout(path)]
    if stdout_option is not None and named.get(stdout_option) is None:
        to_stdout.insert(0, stdout_option)
    if len(to_stdout) > 1:
        first, second = to_stdout[:2]
        taken = first if named.get(first) is not None else f"the results (no {first})"
        raise UsageError(
            f"{second}: '-' (standard output) is taken by {taken}; give one of them a file name"
        )
    targets: dict[str, OutputTarget] = {}
    for option, path in named.items():
        if path is None or is_stdout(path):
            continue
        target = output_target(path, option=option, force=force)
        for other_option, other in targets.items():
            if same_file(target.path, other.path):
                raise UsageError(
                    f"{option}: {printable(str(path))} is also {other_option}; "
                    "give each its own file"
                )
        targets[option] = target
    return targets
