"""Running the ``igalgo`` command in tests, always the code of this tree.

:func:`run_in_process` runs it inside the test's own process with typer's ``CliRunner`` (fast:
no interpreter start, no re-import of numpy); it is what the ``run_cli`` fixture does. Tests
that need a real process (signals, closed or full streams, terminals, worker processes,
settings the interpreter reads when it starts such as ``PYTHONIOENCODING``) use
:func:`run_in_subprocess` (the ``run_process`` fixture) or start :func:`igalgo_executable`
themselves: a small script that imports igalgo from this tree before anything installed.
"""

from __future__ import annotations

import atexit
import functools
import gc
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

from tests.conftest import REPO, TODAY

PROCESS_SETTINGS = ("PYTHON", "LC_", "LANG")
"""Prefixes of environment variables that only a new interpreter reads (stream encodings,
locale): a run that sets one needs a real process."""


# --- a real process ---------------------------------------------------------------------------

_WRAPPER = '''#!{python}
"""The igalgo command of {repo}, written by tests/cli/running.py: the installed console
script's lines, with the tree under test first on the path."""
import sys

sys.path[0] = {repo!r}  # this script's folder: nothing to import there
from igalgo.__main__ import run

sys.exit(run())
'''


@functools.cache
def igalgo_executable() -> str:
    """An ``igalgo`` command that runs this tree's code whatever else is installed or lies in
    the current directory (a script named ``igalgo``, made once per test session)."""
    folder = Path(tempfile.mkdtemp(prefix="igalgo-command-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    script = folder / "igalgo"
    script.write_text(_WRAPPER.format(python=sys.executable, repo=str(REPO)), encoding="utf-8")
    script.chmod(0o755)
    return str(script)


def command_environment(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of a command-line test run: this process's, without colour settings,
    with ``COLUMNS=100``, ``IGALGO_TODAY`` and ``IGALGO_LANG=en`` unless set, then ``env``."""
    full = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR"}}
    full.setdefault("COLUMNS", "100")
    # The demo drafts' week is "now" for the tests: no past-date warnings, and undated drafts
    # are scored in the week of 2026-12-07, whatever the real date.
    full.setdefault("IGALGO_TODAY", TODAY)
    # English unless a test says otherwise, whatever the locale of the machine running it.
    full.setdefault("IGALGO_LANG", "en")
    full.update(env or {})
    return full


def run_in_subprocess(
    *args: str,
    input: str | None = None,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """Run ``igalgo args`` as its own process (in the checkout unless ``cwd``)."""
    return subprocess.run(
        [igalgo_executable(), *args],
        input=input,
        capture_output=True,
        text=True,
        env=command_environment(env),
        cwd=cwd or REPO,
        timeout=timeout,
        check=False,
    )


# --- in this process -----------------------------------------------------------------------------


class NeedsProcessError(AssertionError):
    """The run did something only a real process can show: use ``run_process``."""


def run_in_process(
    *args: str,
    input: str | None = None,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """Run ``igalgo args`` inside this process, as :func:`run_in_subprocess` would run it:
    the same environment, directory, exit code and text, through the same ``main``.

    What the command line sets for its process (signal handlers, the cycle collector, the
    environment, the hook for uncaught exceptions, the working directory) is put back
    afterwards, and the worker processes a run started are stopped as the end of its process
    would stop them. ``timeout`` is kept with a timer signal (in the main thread).
    """
    refused = sorted(key for key in env or {} if key.startswith(PROCESS_SETTINGS))
    if refused:
        raise NeedsProcessError(f"{refused} take effect when an interpreter starts: run_process")
    from typer.testing import CliRunner

    changes: dict[str, str | None] = {"NO_COLOR": None, "FORCE_COLOR": None}
    changes.update({k: v for k, v in command_environment(env).items() if os.environ.get(k) != v})
    runner = CliRunner(charset="utf-8")
    with _process_state_kept(cwd or REPO), runner.isolation(input=input, env=changes) as streams:
        _click_help_width_from_columns()
        code = _main_with_timeout(list(args), timeout)
        sys.stdout.flush()
        sys.stderr.flush()
        stdout, stderr = (stream.getvalue() for stream in streams[:2])
    return subprocess.CompletedProcess(
        ["igalgo", *args], code, _as_text_pipe(stdout), _as_text_pipe(stderr)
    )


def _as_text_pipe(data: bytes) -> str:
    """What reading a pipe in text mode gives (``subprocess.run(text=True)``): UTF-8 here, line
    ends made ``\\n``."""
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def _click_help_width_from_columns() -> None:
    """Undo ``CliRunner``'s fixed 80-column help: a process lays help out by ``COLUMNS``."""
    import typer.testing

    typer.testing.formatting.FORCED_WIDTH = None  # CliRunner's isolation restores its value


class _TimeoutError(Exception):
    """The timer of :func:`_main_with_timeout` went off outside the command."""


def _main_with_timeout(args: list[str], timeout: float) -> int:
    """``igalgo.cli.app.main`` on ``args``; its exit code. A run that outlives ``timeout``
    is ended by SIGALRM, an ending signal the command line handles like any other, and
    raises ``subprocess.TimeoutExpired`` as a process run would."""
    from igalgo.cli import app as cli_app
    from igalgo.cli import runtime

    typer_app, to_devnull = cli_app.app, runtime._to_devnull

    def command() -> Any:
        return typer_app(args=args, prog_name="igalgo")  # the console script's name

    def refuse(descriptor: int) -> None:
        raise NeedsProcessError(f"the run redirected descriptor {descriptor}: run_process")

    def expired(signum: int, frame: FrameType | None) -> None:
        raise _TimeoutError

    timed = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGALRM, expired) if timed else None
    deadline = time.monotonic() + timeout
    cli_app.app = command  # type: ignore[assignment]  # main() calls the module's `app`
    runtime._to_devnull = refuse  # type: ignore[assignment]  # dup2 would hit this process's fds
    sys.argv = ["igalgo", *args]
    try:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            cli_app.main()
        except SystemExit as done:
            code = done.code
        else:
            raise AssertionError("igalgo.cli.app.main returned instead of exiting")
    except _TimeoutError:
        code = 128 + signal.SIGALRM
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, signal.SIG_DFL if previous is None else previous)
        cli_app.app = typer_app
        runtime._to_devnull = to_devnull
    if code == 128 + signal.SIGALRM and time.monotonic() >= deadline:
        raise subprocess.TimeoutExpired(["igalgo", *args], timeout)
    assert isinstance(code, int), code
    return code


@contextmanager
def _process_state_kept(cwd: Path) -> Iterator[None]:
    """Put back what a command-line run sets for its process: the working directory, the
    environment, ``sys.argv``, the exception hook, signal handlers and the cycle collector;
    worker processes the run started are stopped."""
    from igalgo import language
    from igalgo.cli.runtime import ending_signals
    from igalgo.engine import workers

    saved_cwd, saved_environ, saved_argv = os.getcwd(), dict(os.environ), sys.argv
    saved_hook, collecting = sys.excepthook, gc.isenabled()
    saved_signals = {number: signal.getsignal(number) for number in ending_signals()}
    os.chdir(cwd)
    try:
        yield
    finally:
        workers.stop()
        language.activate(language.ENGLISH)  # the language a run chose is this process's
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_environ)
        sys.argv, sys.excepthook = saved_argv, saved_hook
        for number, handler in saved_signals.items():
            if handler is not None and signal.getsignal(number) is not handler:
                signal.signal(number, handler)
        gc.unfreeze()  # the run froze every object alive then (igalgo.cli.runtime.imports_done)
        if collecting:
            gc.enable()
