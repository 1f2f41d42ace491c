"""A client report printed to PDF by a headless Chromium (``igalgo report --pdf``).

The page's own print stylesheet lays it out on A4; Chromium only prints it. The browser is
``chromium`` or ``chromium-browser`` on PATH, or the program ``IGALGO_CHROMIUM`` names. It
runs with a fresh profile directory, without network access to anything but the page's file,
and is stopped after :data:`PRINT_TIMEOUT_S`. The PDF replaces its target only when complete.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from igalgo.errors import UsageError, printable

BROWSERS = ("chromium", "chromium-browser")
"""The programs tried on PATH, in order."""

BROWSER_VARIABLE = "IGALGO_CHROMIUM"
"""An environment variable naming the browser program to use instead."""

PRINT_TIMEOUT_S = 120.0
"""Longest a print may take before the browser is stopped (a report prints in seconds)."""

INSTALL_HINT = (
    "install Chromium (Debian/Ubuntu: sudo apt-get install chromium; Fedora: sudo dnf install "
    "chromium; macOS: brew install --cask chromium) or name the program in IGALGO_CHROMIUM; "
    "or leave out --pdf and print the HTML from any browser (A4, no margins added)"
)
"""What to do when no browser is found."""


def find_browser() -> str | None:
    """The headless browser to print with, or None when there is none."""
    named = os.environ.get(BROWSER_VARIABLE, "").strip()
    if named:
        return shutil.which(named)
    for name in BROWSERS:
        found = shutil.which(name)
        if found is not None:
            return found
    return None


def browser_command(browser: str, page: Path, pdf: Path, profile: Path) -> list[str]:
    """The command that prints ``page`` (an HTML file) to ``pdf``."""
    return [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-extensions",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        f"--user-data-dir={profile}",
        "--no-pdf-header-footer",
        f"--print-to-pdf={pdf}",
        page.resolve().as_uri(),
    ]


def print_pdf(page: Path, pdf: Path) -> None:
    """Print the HTML file ``page`` to ``pdf`` (replaced only when the print succeeded).

    Raises UsageError (exit 2) when no browser is found, with how to get one, and when the
    browser fails or takes longer than :data:`PRINT_TIMEOUT_S`.
    """
    browser = find_browser()
    if browser is None:
        named = os.environ.get(BROWSER_VARIABLE, "").strip()
        what = (
            f"{BROWSER_VARIABLE}={named} is not a program"
            if named
            else ("no chromium or chromium-browser on PATH")
        )
        raise UsageError(f"--pdf: {what}; {INSTALL_HINT}")
    target = pdf.resolve()
    with tempfile.TemporaryDirectory(prefix="igalgo-pdf-") as work:
        printed = Path(work) / "report.pdf"
        command = browser_command(browser, page, printed, Path(work) / "profile")
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                timeout=PRINT_TIMEOUT_S,
                check=False,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired:
            raise UsageError(
                f"--pdf: {browser} took longer than {PRINT_TIMEOUT_S:.0f} s and was stopped"
            ) from None
        except OSError as error:
            raise UsageError(f"--pdf: cannot run {browser}: {error.strerror or error}") from None
        if done.returncode != 0 or not printed.is_file() or printed.stat().st_size == 0:
            said = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise UsageError(
                f"--pdf: {browser} could not print the report (exit {done.returncode}) "
                f"{printable(said[0])}".rstrip()
            )
        try:
            shutil.copyfile(printed, target.with_name(f".{target.name}.igalgo-tmp"))
            os.replace(target.with_name(f".{target.name}.igalgo-tmp"), target)
        except OSError as error:
            raise UsageError(
                f"--pdf: cannot write {printable(str(pdf))}: {error.strerror or error}"
            ) from None
