"""``igalgo report``: options in, :func:`igalgo.app.report.client_reports`, HTML (and PDF) files
out. jinja2 and matplotlib are imported only when this command runs."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from igalgo.cli.options import (
    DEFAULT_JOBS,
    SAMPLES_DEFAULT,
    AccountOption,
    ForceOption,
    JobsOption,
    LangOption,
    SamplesOption,
    SeedOption,
    clock_override,
    today_override,
    use_language,
)
from igalgo.errors import UsageError

if TYPE_CHECKING:
    from igalgo.app.plan import LanePlan
    from igalgo.app.report import ClientReport
    from igalgo.app.results import AccountReport
    from igalgo.cli.drawing import Drawing
    from igalgo.domain import Account, Branding
    from igalgo.output.report_html import Draw

EPILOG = """\
\b
Examples:
  igalgo report --account bakery --drafts profiles/demo-drafts.yaml --output zon.html
  igalgo report --account bakery --drafts week.yaml --export content.csv --pdf
  igalgo report --drafts client-a.yaml --drafts client-b.yaml --output reports/
  igalgo report --account me.yaml --agency "Studio Noord" --logo logo.png --accent "#0a5c8a"

Writes one self-contained HTML page per account (styles, charts and logo inline: it opens
offline): the answer first (three recommendations with what they bring and how sure they
are), the plan of the coming --weeks, each draft's reach per surface, the best hours and
how often to post, how good the predictions are for this account (with --export: the
newest posts predicted from the older ones, against the account's own median), why the
numbers differ from Insights, and the checklist. The numbers are those of igalgo score
--format json and igalgo plan --format json with the same inputs, seed and samples.

One report: --output FILE (default: NAME-report.html here). Several --drafts files: one
page per file into the folder --output DIR (default: reports). --pdf prints each page to
A4 PDF beside it with a headless Chromium (chromium or chromium-browser on PATH, or
IGALGO_CHROMIUM). Branding: --agency, --logo and --accent, or a report: mapping in the
profile (agency, logo, accent).

Exit codes: 0 ok; 2 usage error or invalid input, or no browser for --pdf; 3 internal
error.
"""


def _load_drawing(drawing: Drawing | None = None) -> None:
    """Import jinja2 and the page's module, and matplotlib unless a drawing process draws the
    charts, with the cycle collector paused (called while workers score the drafts and make
    the plan); once."""
    from igalgo.cli import runtime

    if "igalgo.output.report_html" in sys.modules:
        return
    runtime.pause_collector()
    charts = () if drawing is not None else ("igalgo.output.report_charts",)
    runtime.imports_done("igalgo.output.report_html", *charts)


def _drawing(jobs: int) -> Drawing | None:
    """The process that draws the charts, started now when the command may use more than
    one process (``--jobs``) and can fork (Linux), as the engine's workers; else None."""
    if jobs <= 1 or not sys.platform.startswith("linux"):
        return None
    from igalgo.cli.drawing import Drawing

    return Drawing()


def _draw(drawing: Drawing | None) -> Draw:
    """How the charts are drawn: by the drawing process, or here."""
    if drawing is not None:
        return drawing.draw
    from igalgo.output.report_html import draw_here

    return draw_here


def _draw_drafts(
    scored: AccountReport | None, branding: Branding, lang: str | None, drawing: Drawing | None
) -> object:
    """What the page needs before the plan is known (called while workers make the plan): the
    drafts' charts in the report's language (``--lang``, else the profile's, as its page)."""
    _load_drawing(drawing)  # done already unless called on its own
    from igalgo.output.report_html import drafts_part

    if scored is not None:
        use_language(lang, scored.account.language)
    return drafts_part(scored, branding, _draw(drawing))


def _draw_lanes(
    account: Account,
    lanes: tuple[LanePlan, ...],
    branding: Branding,
    lang: str | None,
    drawing: Drawing | None,
) -> object:
    """The plan's heatmaps, drawn while a worker makes the rest of the plan, in the report's
    language (``--lang``, else the profile's, as its page)."""
    _load_drawing(drawing)  # done already unless called on its own
    from igalgo.output.report_html import lanes_part

    use_language(lang, account.language)
    return lanes_part(lanes, branding, _draw(drawing))


def _slug(text: str) -> str:
    """A file name made of ``text``: lower-case letters, digits and dashes."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]
    return slug or "report"


def report(
    account: AccountOption = None,
    drafts: Annotated[
        list[str] | None,
        typer.Option("--drafts", metavar="FILE", help="Drafts file (YAML); repeat for more."),
    ] = None,
    export: Annotated[
        list[str] | None,
        typer.Option(
            "--export",
            metavar="INSIGHTS",
            help="The account's Insights export(s) (as igalgo calibrate reads them): the "
            "account is calibrated on them and the report says how good the predictions are.",
        ),
    ] = None,
    weeks: Annotated[
        int, typer.Option("--weeks", min=1, max=52, metavar="N", help="Weeks to plan.")
    ] = 2,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            metavar="FILE|DIR",
            help="The HTML file (one report) or folder (several) [default: NAME-report.html, "
            "or the folder reports].",
            show_default=False,
        ),
    ] = None,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Also print each report to PDF (headless Chromium).")
    ] = False,
    agency: Annotated[
        str | None, typer.Option("--agency", metavar="NAME", help="The agency's name.")
    ] = None,
    logo: Annotated[
        str | None,
        typer.Option("--logo", metavar="FILE", help="Logo image (PNG, JPEG, GIF, WebP, SVG)."),
    ] = None,
    accent: Annotated[
        str | None,
        typer.Option("--accent", metavar="#RRGGBB", help="Accent colour of headings and charts."),
    ] = None,
    seed: SeedOption = 0,
    samples: SamplesOption = SAMPLES_DEFAULT,
    jobs: JobsOption = DEFAULT_JOBS,
    force: ForceOption = False,
    lang: LangOption = None,
) -> None:
    """Write a client report: one HTML page per account, printable to A4 and PDF."""
    drawing = _drawing(jobs)  # first: it imports matplotlib while this process starts
    try:
        from igalgo.app.dating import warning_lines
        from igalgo.app.report import ReportOptions, client_reports
        from igalgo.cli import runtime
        from igalgo.cli.options import engine_settings
        from igalgo.domain import Branding
        from igalgo.errors import UsageError
        from igalgo.inputs.declarations import COLOUR_PATTERN

        runtime.imports_done()
        use_language(lang)
        if accent is not None and not re.fullmatch(COLOUR_PATTERN, accent):
            raise UsageError(f'--accent: expected a colour "#RRGGBB", got {accent!r}')
        sources = list(drafts or [])
        folder = len(sources) > 1
        if folder and output is not None and output.exists() and not output.is_dir():
            raise UsageError(f"--output: {output} is a file; several --drafts write into a folder")
        if folder:
            _make_folder(output)
        options = ReportOptions(
            exports=tuple(export or ()),
            weeks=weeks,
            branding=Branding(agency=agency, logo=logo, accent=accent.lower() if accent else None),
            settings=engine_settings(samples, jobs),
            seed=seed,
            today=today_override(),
            clock=clock_override(),
            ready=lambda: _load_drawing(drawing),
            meanwhile=lambda scored, branding: _draw_drafts(scored, branding, lang, drawing),
            lanes_made=lambda account, lanes, branding: _draw_lanes(
                account, lanes, branding, lang, drawing
            ),
        )
        single = {"--output": output} if output is not None and not folder else None
        found = client_reports(account, sources, options, outputs=single)
        names: set[str] = set()
        for made in found:
            use_language(lang, made.account.language)  # each client's profile may name its own
            for line in warning_lines(made.source, made.warnings):
                runtime.diagnose(line)
            page = _page_path(made, output, folder, names)
            _write(made, page, force=force, draw=_draw(drawing))
            if pdf:
                from igalgo.output.report_pdf import print_pdf

                print_pdf(page, page.with_suffix(".pdf"))
                sys.stdout.write(f"wrote {page.with_suffix('.pdf')}\n")
    finally:
        if drawing is not None:
            drawing.stop()


def _make_folder(output: Path | None) -> None:
    """The folder several reports go into (``--output``, default ``reports``), made now,
    before anything is computed."""
    directory = output or Path("reports")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or error
        raise UsageError(f"--output: cannot make the folder {directory}: {reason}") from None


def _page_path(made: ClientReport, output: Path | None, folder: bool, taken: set[str]) -> Path:
    """Where one report goes: ``--output`` itself, or a file named after the drafts file (or
    the account) in the folder ``--output`` (default ``reports``), never the same twice."""
    if not folder:
        if output is None:
            return Path(f"{_slug(made.account.name)}-report.html")
        return output / f"{_slug(made.account.name)}-report.html" if output.is_dir() else output
    directory = output or Path("reports")
    stem = _slug(Path(made.source).stem if made.source != "-" else made.account.name)
    name, number = stem, 1
    while name in taken:
        number += 1
        name = f"{stem}-{number}"
    taken.add(name)
    return directory / f"{name}.html"


def _write(made: ClientReport, page: Path, *, force: bool, draw: Draw) -> None:
    """Render one report (the charts not drawn yet drawn by ``draw``) and write it atomically;
    say where on stdout."""
    from igalgo.app.dating import today_in
    from igalgo.output.atomic import atomic_writer
    from igalgo.output.report_html import report_html

    generated = today_in(made.account.timezone, today_override())
    text = report_html(made, generated, draw)
    with atomic_writer(page, force=force, newline="\n") as stream:
        stream.write(text)
    sys.stdout.write(f"wrote {page} ({len(text.encode('utf-8')) / 1024:,.0f} KiB)\n")
