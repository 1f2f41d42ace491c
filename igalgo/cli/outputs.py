"""``--output`` and ``--svg``: where a command's results go, decided before anything runs, and
the stream a command writes them into.

``-`` is standard output. Any other name is checked by :func:`igalgo.output.atomic.output_target`
(a writable directory, not read-only unless ``--force``, not a directory or block device) and
against the other options: two options never name the same file, nor both standard output.
That an output is not one of the run's inputs is the app layer's check
(:mod:`igalgo.app.files`), which knows the inputs.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from igalgo.errors import UsageError, printable
from igalgo.inputs.sources import STDIN, same_file
from igalgo.output.atomic import OutputTarget, output_target

if TYPE_CHECKING:
    from rich.console import RenderableType

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


def given(targets: Mapping[str, OutputTarget]) -> dict[str, Path]:
    """The files of ``targets`` as the options name them: what the app layer refuses as
    inputs."""
    return {option: target.given for option, target in targets.items()}


@contextmanager
def output_stream(target: OutputTarget | None, *, json_text: bool) -> Iterator[TextIO]:
    """The stream a command writes its results into: ``target`` written atomically (kept as
    it was if the block raises), or standard output, where a character the terminal cannot
    encode is escaped (as JSON does with ``json_text``) rather than fatal."""
    if target is None:
        from igalgo.cli.runtime import tolerate_unencodable

        tolerate_unencodable(sys.stdout, json_text=json_text)
        yield sys.stdout
        return
    from igalgo.output.atomic import atomic_writer

    with atomic_writer(target) as stream:
        yield stream


def write_view(view: RenderableType, sink: TextIO) -> None:
    """A rich view into ``sink``: in colour on a terminal; otherwise plain text without ANSI,
    :func:`~igalgo.cli.options.plain_width` wide, each line stripped. Either way every control
    character of the view's text is written as an escape (:func:`~igalgo.errors.printable`):
    the one escaping path of views, as :func:`~igalgo.cli.runtime.diagnose` is of messages."""
    import io

    from rich.console import Console

    from igalgo.cli.options import plain_width

    if sink.isatty():
        from rich.segment import Segment, Segments

        console = Console(file=sink, highlight=False)
        # Escaped segment by segment, after layout: the text of a view (an export's header cell,
        # a JSON key) cannot drive the terminal, and rich's own styles still reach it.
        segments = [
            segment
            if segment.control
            else Segment(printable(segment.text, keep="\n"), segment.style)
            for segment in console.render(view)
        ]
        console.print(Segments(segments), end="")
        return
    # Laid out into a string (UTF-8 to rich), so that rich keeps igalgo's own choice of
    # symbols rather than substituting its own for an ASCII stream.
    console = Console(
        file=io.StringIO(), width=plain_width(), no_color=True, color_system=None, highlight=False
    )
    with console.capture() as captured:
        console.print(view)
    for line in captured.get().splitlines():  # plain text: no escape of rich's own is in it
        sink.write(printable(line.rstrip()) + "\n")
