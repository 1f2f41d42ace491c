"""The client report in a real browser (headless Chromium through the DevTools protocol): it
opens with no console error and no request beyond its own file, it prints on A4 with every
section title and the key numbers on the pages and no line off a page, and ``--pdf`` writes
the PDF. Under CI (``CI`` true) these tests run, never skip: ``.ci/run`` installs Chromium and
poppler-utils when they are missing."""

from __future__ import annotations

import html as markup
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from igalgo.output.report_phrases import SECTION_TITLES
from tests.cli.running import run_in_process
from tests.conftest import PROFILES
from tests.output.browser import Visit, browser, visit

DEMO = str(PROFILES / "demo-drafts.yaml")
ENV = {"IGALGO_TODAY": "2026-11-29"}
MARGIN_PT = 28.0
"""Words must stay this far inside the page's edges (the print margins are 12 and 14 mm)."""


def _tools() -> str:
    """The browser, or skip (fail under CI) when it or pdftotext is missing."""
    found = browser()
    if found is None or shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None:
        message = "needs chromium and poppler-utils (apt-get install chromium poppler-utils)"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    return found


@pytest.fixture(scope="module")
def opened(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Visit]:
    """The demo report with an agency's branding, written and opened once."""
    program = _tools()
    tmp = tmp_path_factory.mktemp("browser")
    logo = tmp / "logo.svg"
    logo.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
        '<rect width="40" height="20" fill="#0a5c8a"/></svg>',
        "utf-8",
    )
    done = run_in_process(
        "report",
        "--account",
        "bakery",
        "--drafts",
        DEMO,
        "--output",
        "zon.html",
        "--agency",
        "Studio Noord",
        "--logo",
        str(logo),
        "--samples",
        "256",
        cwd=tmp,
        env=ENV,
    )
    assert done.returncode == 0, done.stderr
    page = tmp / "zon.html"
    seen = visit(page, program)
    shown = os.environ.get("IGALGO_SCREENSHOT")
    if shown:  # a person looks at it: IGALGO_SCREENSHOT=/tmp/report.png
        Path(shown).write_bytes(seen.screenshot)
        Path(shown).with_suffix(".pdf").write_bytes(seen.pdf)
    return page, page.read_text("utf-8"), seen


def test_the_page_opens_with_no_error_and_no_request_beyond_itself(
    opened: tuple[Path, str, Visit],
) -> None:
    page, _, seen = opened
    assert seen.errors == []
    assert [
        url
        for url in seen.requests
        if url != page.resolve().as_uri() and not url.startswith("data:")
    ] == []
    assert seen.screenshot.startswith(b"\x89PNG")
    assert len(seen.screenshot) > 50_000  # a page with charts, not a blank one


def test_the_detector_sees_errors_and_requests(tmp_path: Path) -> None:
    """The checks above can fail: a page that logs an error and fetches an image is caught."""
    program = _tools()
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><img src="http://127.0.0.1:9/x.png"><script>console.error("bad")</script>',
        "utf-8",
    )
    seen = visit(page, program)
    assert any("bad" in error for error in seen.errors)
    assert "http://127.0.0.1:9/x.png" in seen.requests


def _pdf_text(tmp: Path, pdf: bytes) -> tuple[str, str, int]:
    """The PDF's text laid out, its words with their boxes (``-bbox``), and its page count."""
    path = tmp / "printed.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    info = subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    pages = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    assert pages is not None
    return text, boxes, int(pages.group(1))


def test_the_print_has_every_section_the_key_numbers_and_no_line_off_the_page(
    opened: tuple[Path, str, Visit], tmp_path: Path
) -> None:
    _, html, seen = opened
    text, boxes, pages = _pdf_text(tmp_path, seen.pdf)
    flat = " ".join(text.split())
    for title in SECTION_TITLES.values():
        assert title in flat, title
    week = re.search(r'id="week-reach" data-p10="\d+" data-p50="(\d+)"', html)
    assert week is not None
    totals = re.findall(
        r'data-json="score\.drafts\.\d+\.total\.reach\.p50" data-value="(\d+)"', html
    )
    assert len(totals) == 10
    for number in [*totals, week.group(1), "4200"]:
        assert f"{int(number):,}" in flat, number
    assert "Studio Noord" in flat
    # Every word inside the page, clear of its edges: nothing cut or run off.
    for page in re.finditer(
        r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', boxes, re.DOTALL
    ):
        width, height = float(page.group(1)), float(page.group(2))
        assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 portrait
        for word in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
            page.group(3),
        ):
            x0, y0, x1, y1 = (float(word.group(i)) for i in range(1, 5))
            shown = markup.unescape(word.group(5))
            assert x0 >= MARGIN_PT and x1 <= width - MARGIN_PT, shown
            assert y0 >= MARGIN_PT and y1 <= height - MARGIN_PT, shown
    assert 2 <= pages <= 12


def test_pdf_option_prints_the_report(tmp_path: Path) -> None:
    _tools()
    done = run_in_process(
        "report",
        "--account",
        "bakery",
        "--output",
        "plain.html",
        "--pdf",
        "--samples",
        "128",
        cwd=tmp_path,
        env=ENV,
    )
    assert done.returncode == 0, done.stderr
    assert "wrote plain.pdf" in done.stdout
    pdf = (tmp_path / "plain.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    text, _, pages = _pdf_text(tmp_path, pdf)
    assert "The answer first" in text and pages >= 2
