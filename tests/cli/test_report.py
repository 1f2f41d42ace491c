"""``igalgo report`` through the command line: one self-contained page per account, the sections
in order, every number equal to the JSON of ``score`` and ``plan``, user text escaped, the
agency's branding, the accuracy section with and without an export, several drafts files into
a folder, and bad input (exit 2, a located message)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from igalgo.cli import drawing
from igalgo.output.report_phrases import SECTION_TITLES
from tests.cli.running import run_in_process
from tests.conftest import PROFILES, igalgo_executable, schema_errors
from tests.inputs.synthetic_exports import business_suite_csv, synthetic_posts

DEMO = str(PROFILES / "demo-drafts.yaml")
SAMPLES = ("--samples", "256")
"""Fewer samples than the default keep the runs short; score and plan get the same."""
BEFORE_THE_DEMO_WEEK = {"IGALGO_TODAY": "2026-11-29"}
"""A Sunday: the plan's first week is the demo drafts' week (2026-11-30 to 2026-12-06)."""

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
    b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
"""A 1 x 1 PNG image."""


class Numbers(HTMLParser):
    """Every element's ``data-json`` path and ``data-value``, the section titles, and tags."""

    def __init__(self) -> None:
        super().__init__()
        self.numbers: list[tuple[str, str]] = []
        self.titles: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._in_h2 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if "data-json" in found:
            self.numbers.append((str(found["data-json"]), str(found["data-value"])))
        self._in_h2 = tag == "h2"

    def handle_endtag(self, tag: str) -> None:
        self._in_h2 = False if tag == "h2" else self._in_h2

    def handle_data(self, data: str) -> None:
        if self._in_h2:
            self.titles.append(data.strip())


def parsed(html: str) -> Numbers:
    parser = Numbers()
    parser.feed(html)
    return parser


def report(
    tmp: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``igalgo report`` in ``tmp`` with the demo week as the plan's first."""
    return run_in_process("report", *args, *SAMPLES, cwd=tmp, env=env or BEFORE_THE_DEMO_WEEK)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """The demo's report page, and the JSON of score and plan on the same inputs."""
    tmp = tmp_path_factory.mktemp("report")
    done = report(tmp, "--account", "bakery", "--drafts", DEMO, "--output", "zon.html")
    assert done.returncode == 0, done.stderr
    assert "wrote zon.html" in done.stdout
    score = run_in_process("score", DEMO, "--format", "json", *SAMPLES, env=BEFORE_THE_DEMO_WEEK)
    plan = run_in_process(
        "plan", "--drafts", DEMO, "--format", "json", *SAMPLES, env=BEFORE_THE_DEMO_WEEK
    )
    assert score.returncode == 0 and plan.returncode == 0
    html = (tmp / "zon.html").read_text(encoding="utf-8")
    return html, json.loads(score.stdout), json.loads(plan.stdout)


def test_the_sections_come_in_the_order_a_client_reads_them(
    demo: tuple[str, dict[str, Any], dict[str, Any]],
) -> None:
    html, _, _ = demo
    assert parsed(html).titles == list(SECTION_TITLES.values())


def _at(document: Any, path: str) -> Any:
    for key in path.split("."):
        document = document[int(key)] if isinstance(document, list) else document[key]
    return document


def test_every_number_on_the_page_is_the_jsons(
    demo: tuple[str, dict[str, Any], dict[str, Any]],
) -> None:
    html, score, plan = demo
    documents = {"score": score["files"][0], "plan": plan}
    numbers = parsed(html).numbers
    assert len(numbers) > 100
    paths = {path.split(".", 1)[0] for path, _ in numbers}
    assert paths == {"score", "plan"}
    for path, value in numbers:
        root, rest = path.split(".", 1)
        assert str(_at(documents[root], rest)) == value, path
    # The first week's reach: the sums of its posts' ranges in the plan JSON.
    first = [p["reach"] for p in plan["schedule"]["posts"] if p["week"] == 0]
    week = re.search(r'id="week-reach" data-p10="(\d+)" data-p50="(\d+)" data-p90="(\d+)"', html)
    assert week is not None
    assert [int(v) for v in week.groups()] == [
        sum(r[q] for r in first) for q in ("p10", "p50", "p90")
    ]
    assert f"{sum(r['p50'] for r in first):,}" in html


def test_the_page_is_self_contained_and_its_charts_accessible(
    demo: tuple[str, dict[str, Any], dict[str, Any]],
) -> None:
    html, _, _ = demo
    tags = parsed(html).tags
    assert not [t for t, _ in tags if t in {"script", "link", "iframe", "object", "embed"}]
    for _, attributes in tags:
        for name in ("src", "href", "xlink:href"):
            value = attributes.get(name) or ""
            assert not value or value.startswith(("#", "data:")), value
    assert "url(http" not in html and "@import" not in html
    charts = [a for t, a in tags if t == "svg"]
    assert len(charts) >= 3
    assert all(a.get("role") == "img" and a.get("aria-label") for a in charts)
    assert html.count("<svg") == html.count("<title>") - 1 == html.count("<desc>")
    assert "<text" in html  # text in the charts is text, not paths
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_a_script_in_a_draft_id_stays_text(tmp_path: Path) -> None:
    hostile = "<script>alert(1)</script>"
    drafts = tmp_path / "hostile.yaml"
    drafts.write_text(
        f"account: bakery\ndrafts:\n  - id: '{hostile}'\n    format: photo\n"
        '    publish_at: "2026-12-01 19:30"\n    caption: "x"\n',
        encoding="utf-8",
    )
    done = report(tmp_path, "--drafts", str(drafts), "--output", "page.html")
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "page.html").read_text(encoding="utf-8")
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert [t for t, _ in parsed(html).tags if t == "script"] == []


def test_branding_from_the_profile_and_the_options(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(PNG)
    profile = (PROFILES / "bakery.yaml").read_text(encoding="utf-8")
    profile += 'report:\n  agency: "Studio <Noord>"\n  logo: logo.png\n  accent: "#0A5C8A"\n'
    (tmp_path / "zon.yaml").write_text(profile, encoding="utf-8")
    checked = run_in_process("validate", str(tmp_path / "zon.yaml"))
    assert checked.returncode == 0, checked.stderr
    done = report(tmp_path, "--account", "zon.yaml", "--output", "a.html")
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert "Studio &lt;Noord&gt;" in html
    assert 'src="data:image/png;base64,' in html
    assert "--accent: #0a5c8a;" in html
    again = report(
        tmp_path,
        "--account",
        "zon.yaml",
        "--output",
        "b.html",
        "--accent",
        "#112233",
        "--agency",
        "Other",
    )
    assert again.returncode == 0, again.stderr
    other = (tmp_path / "b.html").read_text(encoding="utf-8")
    assert "--accent: #112233;" in other and "Other" in other and "Noord" not in other


def test_the_drafts_chart_is_in_the_profiles_language(tmp_path: Path) -> None:
    """The drafts' chart is drawn while the plan is made, before the page: in the language of
    the account's profile all the same."""
    profile = (PROFILES / "bakery.yaml").read_text(encoding="utf-8") + "language: nl\n"
    (tmp_path / "zon.yaml").write_text(profile, encoding="utf-8")
    done = report(tmp_path, "--account", "zon.yaml", "--drafts", DEMO, "--output", "nl.html")
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "nl.html").read_text(encoding="utf-8")
    (chart,) = [svg for svg in html.split("<svg")[1:] if 'id="drafts0-' in svg]
    assert "<title>Verwacht bereik per concept en onderdeel</title>" in chart


def test_the_report_block_is_in_the_profile_schema() -> None:
    from docs.tools.schemas import profile_schema

    schema = profile_schema()
    good = {"name": "x", "followers": 10, "report": {"agency": "A", "accent": "#aabbcc"}}
    assert schema_errors(good, schema) == []
    assert schema_errors({**good, "report": {"accent": "blue"}}, schema) != []
    assert schema_errors({**good, "report": {"colour": "#aabbcc"}}, schema) != []


@pytest.mark.parametrize(
    ("block", "code"),
    [
        ('  accent: "blue"\n', "invalid-colour"),
        ("  accent: #aabbcc\n", "wrong-type"),
        ('  colour: "#aabbcc"\n', "unknown-key"),
    ],
)
def test_a_bad_report_block_is_located(tmp_path: Path, block: str, code: str) -> None:
    profile = (PROFILES / "bakery.yaml").read_text(encoding="utf-8") + "report:\n" + block
    (tmp_path / "p.yaml").write_text(profile, encoding="utf-8")
    done = run_in_process("validate", str(tmp_path / "p.yaml"))
    assert done.returncode == 2
    lines = len(profile.splitlines())
    assert re.search(rf"p\.yaml:{lines}:\d+: error\[{code}\]", done.stdout + done.stderr)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--logo", "missing.png"), "--logo: no logo file missing.png"),
        (("--logo", "page.txt"), "not a PNG, JPEG, GIF, WebP or SVG image"),
        (("--accent", "red"), '--accent: expected a colour "#RRGGBB"'),
        ((), "give --account PROFILE or --drafts FILE"),
    ],
)
def test_bad_options_exit_2_with_a_message(
    tmp_path: Path, args: tuple[str, ...], said: str
) -> None:
    (tmp_path / "page.txt").write_text("hello", encoding="utf-8")
    account = ("--account", "bakery") if args else ()
    done = report(tmp_path, *account, *args)
    assert done.returncode == 2
    assert said in done.stderr
    assert "Traceback" not in done.stderr
    assert not list(tmp_path.glob("*.html"))


def test_pdf_without_a_browser_says_how_to_get_one(tmp_path: Path) -> None:
    env = {**BEFORE_THE_DEMO_WEEK, "PATH": str(tmp_path), "IGALGO_CHROMIUM": ""}
    done = report(tmp_path, "--account", "bakery", "--output", "a.html", "--pdf", env=env)
    assert done.returncode == 2
    assert "--pdf: no chromium or chromium-browser on PATH" in done.stderr
    assert "apt-get install chromium" in done.stderr
    assert not (tmp_path / "a.pdf").exists()


def test_several_drafts_files_make_one_page_each_in_a_folder(tmp_path: Path) -> None:
    second = tmp_path / "second.yaml"
    second.write_text((PROFILES / "demo-drafts.yaml").read_text(encoding="utf-8"), "utf-8")
    second.write_text(
        second.read_text("utf-8").replace("account: bakery", "account: fitness-coach")
    )
    done = report(tmp_path, "--drafts", DEMO, "--drafts", str(second), "--output", "out")
    assert done.returncode == 0, done.stderr
    pages = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert pages == ["demo-drafts.html", "second.html"]
    text = (tmp_path / "out" / "second.html").read_text("utf-8")
    assert "Bakkerij Zon" not in text


def test_with_an_export_the_accuracy_section_has_a_verdict_and_a_chart(tmp_path: Path) -> None:
    posts = synthetic_posts()
    business_suite_csv(tmp_path / "content.csv", posts)
    done = report(tmp_path, "--account", "bakery", "--export", "content.csv", "--output", "c.html")
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "c.html").read_text(encoding="utf-8")
    section = html[html.index('<section id="accuracy">') : html.index('<section id="insights">')]
    assert "verdict-" in section
    verdicts = ("beats your own median by", "no better than your own median", "too few posts")
    assert any(said in section for said in verdicts)
    assert "Predicted ranges against what the newest posts reached" in section
    assert "mathdefault" not in section  # tick labels are plain numbers, not TeX
    assert "calibrated on" in html
    calibrated = run_in_process(
        "calibrate", "content.csv", "--account", "bakery", "--output", "cal.yaml", cwd=tmp_path
    )
    assert calibrated.returncode == 0, calibrated.stderr
    kept = report(tmp_path, "--account", "cal.yaml", "--output", "e.html")
    assert kept.returncode == 0, kept.stderr
    assert "This profile was calibrated on" in (tmp_path / "e.html").read_text("utf-8")
    plain = report(tmp_path, "--account", "bakery", "--output", "d.html")
    assert plain.returncode == 0
    assert "export the last months of posts" in (tmp_path / "d.html").read_text("utf-8")


def test_score_starts_without_the_reports_libraries() -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", igalgo_executable(), "score", DEMO, "--samples", "16"],
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    assert "igalgo.app.score" in imported
    assert not {"jinja2", "matplotlib", "markupsafe", "igalgo.output.report_html"} & imported


def test_an_input_is_never_overwritten(tmp_path: Path) -> None:
    drafts = tmp_path / "week.yaml"
    drafts.write_text((PROFILES / "demo-drafts.yaml").read_text("utf-8"), "utf-8")
    before = drafts.read_text("utf-8")
    done = report(tmp_path, "--drafts", str(drafts), "--output", str(drafts))
    assert done.returncode == 2
    assert "--output" in done.stderr
    assert drafts.read_text("utf-8") == before


def test_a_folder_that_cannot_be_made_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file", "utf-8")
    done = report(tmp_path, "--drafts", DEMO, "--drafts", DEMO, "--output", "taken/inner")
    assert done.returncode == 2
    assert "--output: cannot make the folder taken/inner" in done.stderr


def _gone(*_: object) -> None:
    os._exit(1)  # a drawing process that dies before it draws anything


def test_the_page_is_the_same_drawn_beside_the_workers_here_or_after_the_drawing_died(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With workers a process of its own draws the charts (it imports matplotlib while the
    command starts); with one process (``--jobs 1``) the command draws them; when the
    drawing process dies the command draws what is left: the same page, byte for byte."""
    pages = {}
    for name, args in (("drawn", ("--jobs", "2")), ("here", ("--jobs", "1"))):
        done = report(tmp_path, "--drafts", DEMO, "--output", f"{name}.html", *args)
        assert done.returncode == 0, done.stderr
        pages[name] = (tmp_path / f"{name}.html").read_bytes()
    monkeypatch.setattr(drawing, "_serve", _gone)
    done = report(tmp_path, "--drafts", DEMO, "--output", "died.html", "--jobs", "2")
    assert done.returncode == 0, done.stderr
    assert pages["drawn"] == pages["here"] == (tmp_path / "died.html").read_bytes()


def test_with_a_drawing_process_the_command_never_imports_matplotlib(tmp_path: Path) -> None:
    code = (
        "import runpy, sys\n"
        "sys.argv = ['igalgo', 'report', '--account', 'bakery', '--samples', '64',"
        " '--weeks', '1', '--jobs', '2', '--output', 'page.html']\n"
        "try:\n"
        "    runpy.run_module('igalgo', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('matplotlib' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "False"
    assert (tmp_path / "page.html").exists()
