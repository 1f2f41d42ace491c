"""The client report's drawing process: forked as ``igalgo report`` starts, it imports
matplotlib while the command reads its inputs and its workers score and plan (the import is
the command's largest piece of work after the model's, and this process has a core to itself
then), and draws each chart the page asks for. If it dies, or a chart fails there, the command
draws the charts itself (:func:`igalgo.output.report_html.draw_here`), the same ones.

(docs/decisions/0144-report-drawn-beside-the-plan.md)
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from igalgo.output.chart_parts import Chart

STOP_WAIT_S = 2.0
"""The longest the command waits for the drawing process to end, in seconds."""


class Drawing:
    """Charts drawn in a process of their own (:meth:`draw`), or in this one once that is
    gone. Start it before any thread or worker process: it is forked."""

    def __init__(self) -> None:
        """Fork the drawing process, which starts importing matplotlib at once."""
        import multiprocessing

        context = multiprocessing.get_context("fork")
        here, there = context.Pipe()
        for stream in (sys.stdout, sys.stderr):  # nothing buffered is written twice
            with contextlib.suppress(OSError, ValueError):  # closed: nothing to write anyway
                stream.flush()
        self._process: BaseProcess | None = context.Process(
            target=_serve, args=(there, os.getpid()), name="igalgo-report-drawing", daemon=True
        )
        self._process.start()
        there.close()
        self._connection: Connection | None = here

    def draw(self, function: str, arguments: tuple[Any, ...]) -> Chart:
        """The chart of ``function`` (a chart function of :mod:`igalgo.output.report_charts`)
        with ``arguments``, in the active language: drawn in the drawing process, or here
        when it is gone or the chart failed there."""
        from igalgo.language import active_language
        from igalgo.output.report_html import draw_here

        chart = self._asked(function, arguments, active_language())
        return chart if chart is not None else draw_here(function, arguments)

    def _asked(self, function: str, arguments: tuple[Any, ...], language: str) -> Chart | None:
        """The chart from the drawing process, or None (it is gone, or the chart failed)."""
        from multiprocessing.connection import wait

        if self._connection is None or self._process is None:
            return None
        try:
            self._connection.send((function, arguments, language))
            wait([self._connection, self._process.sentinel])
            chart: Chart | None = self._connection.recv() if self._connection.poll() else None
        except (EOFError, OSError):  # the process died: its end of the pipe is closed
            chart = None
        if chart is None:
            self.stop()
        return chart

    def stop(self) -> None:
        """End the drawing process (charts are drawn here from now on)."""
        connection, process = self._connection, self._process
        self._connection = self._process = None
        if connection is not None:
            with contextlib.suppress(OSError):  # gone already
                connection.send(None)
            connection.close()
        if process is not None:
            process.join(STOP_WAIT_S)
            if process.is_alive():
                process.kill()
                process.join(STOP_WAIT_S)


def _serve(connection: Connection, parent: int) -> None:
    """The drawing process: matplotlib imported (the cycle collector paused meanwhile), then
    each request drawn and answered until the command says stop or is gone."""
    from igalgo.cli import runtime

    runtime.helper_process(parent)
    runtime.pause_collector()
    runtime.imports_done("igalgo.output.report_charts")
    from igalgo.language import activate
    from igalgo.output import report_charts

    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):  # the command is gone
            return
        if request is None:
            return
        function, arguments, language = request
        try:
            activate(language)
            chart = getattr(report_charts, function)(*arguments)
        except Exception:  # the command draws it again, and reports the failure as its own
            chart = None
        connection.send(chart)
