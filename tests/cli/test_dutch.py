"""igalgo in Dutch on the shipped demo: golden files of the score and plan tables, and no
English sentence left in any human output of any command.

The golden files (tests/golden/score_demo_nl.txt, plan_demo_nl.txt) are the demo drafts at
100 columns, seed 0, ``--lang nl``; regenerate them with
``IGALGO_UPDATE_GOLDEN=1 pytest tests/cli/test_dutch.py`` and review the diff.

The no-English check runs each command twice, in English and in Dutch. Every piece of English
text of the catalog (a message id cut at its placeholders, three words or more) that the English
run printed must be absent from the Dutch run, unless its Dutch translation contains it too;
and none of a list of common English words may stand in the Dutch text once the demo's own
names (draft ids, file names, the account) are taken out.
"""

from __future__ import annotations

import html
import os
import re
import string
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from docs.tools import catalogs
from tests.conftest import REPO, RunCli
from tests.inputs.synthetic_exports import dutch_business_suite_csv, synthetic_posts

DEMO = "profiles/demo-drafts.yaml"  # relative: run_cli runs in the checkout
GOLDEN = REPO / "tests" / "golden"
PLAN_SAMPLES = ("--samples", "256")
PAST = "2026-12-20"
"""A today after every demo draft: the runs then also print the date warnings."""

ENGLISH_WORDS = frozenset(
    """the and with reach followers follower draft drafts your would than which every each
    from this that they their expects typically recommended samples should only""".split()  # noqa: SIM905 - a list of words reads best as words
)
"""Common English words no Dutch sentence of igalgo contains (``post``, ``model``, ``is`` and
``week`` are Dutch too, so they are not here)."""

COMMANDS = {
    "score table": ("score", DEMO),
    "score markdown": ("score", DEMO, "--format", "markdown"),
    "plan table": ("plan", "--drafts", DEMO, *PLAN_SAMPLES),
    "validate": ("validate", DEMO, "profiles/bakery.yaml"),
}


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("IGALGO_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs"


def test_the_dutch_score_table_of_the_demo_matches_its_golden_file(run_cli: RunCli) -> None:
    done = run_cli("score", DEMO, "--lang", "nl")
    assert done.returncode == 0, done.stderr
    _golden("score_demo_nl.txt", done.stdout)


def test_the_dutch_plan_table_of_the_demo_matches_its_golden_file(run_cli: RunCli) -> None:
    done = run_cli("plan", "--drafts", DEMO, *PLAN_SAMPLES, "--lang", "nl")
    assert done.returncode == 0, done.stderr
    _golden("plan_demo_nl.txt", done.stdout)


def _pieces(message: str) -> Iterator[str]:
    """The literal text of a message id between its placeholders."""
    for literal, _, _, _ in string.Formatter().parse(message):
        yield from (piece.strip() for piece in re.split(r"[\n]", literal))


@cache
def english_pieces() -> tuple[tuple[str, str], ...]:
    """(English piece of three words or more, the Dutch translation of its message)."""
    with catalogs.po_path("nl").open("rb") as handle:
        catalog = read_po(handle, locale="nl")
    found = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for msgid in ids:
            for piece in _pieces(msgid):
                if len(piece.split()) >= 3:
                    found.append((piece, " ".join(strings)))
    return tuple(found)


def _own_names(text: str) -> str:
    """``text`` without the demo's names: draft ids, file names, the account and its zone."""
    text = re.sub(r"'[^'\n]*'", " ", text)  # quoted draft ids
    text = re.sub(r"\b[\w.-]+\.yaml\b", " ", text)
    text = re.sub(r"\b[a-z0-9]+(?:-[a-z0-9]+)+\b", " ", text)  # ids like croissant-reel
    return text.replace("Bakkerij Zon", " ").replace("Europe/Amsterdam", " ")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_no_dutch_output_contains_an_english_sentence(run_cli: RunCli, command: str) -> None:
    args = COMMANDS[command]
    env = {"IGALGO_TODAY": PAST}
    english = run_cli(*args, "--lang", "en", env=env)
    dutch = run_cli(*args, "--lang", "nl", env=env)
    assert english.returncode == dutch.returncode == 0, dutch.stderr
    shown_en = " ".join((english.stdout + english.stderr).split())
    shown_nl = " ".join((dutch.stdout + dutch.stderr).split())
    left = sorted(
        {
            piece
            for piece, translated in english_pieces()
            if piece in shown_en and piece in shown_nl and piece not in translated
        }
    )
    assert left == [], f"untranslated English in {command}"
    words = set(re.findall(r"[A-Za-z]+", _own_names(dutch.stdout + dutch.stderr)))
    assert sorted(words & ENGLISH_WORDS) == [], f"English words in {command}"


def _page_text(path: Path) -> str:
    """The text a reader sees on a report page: no style, no markup (chart texts kept)."""
    page = path.read_text(encoding="utf-8")
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_the_dutch_client_report_has_no_english_sentence(run_cli: RunCli, tmp_path: Path) -> None:
    pages = {}
    for code in ("en", "nl"):
        page = tmp_path / f"report-{code}.html"
        args = ("report", "--drafts", DEMO, *PLAN_SAMPLES, "--output", str(page))
        done = run_cli(*args, "--lang", code, env={"IGALGO_TODAY": PAST})
        assert done.returncode == 0, done.stderr
        pages[code] = _page_text(page) + done.stderr
    shown_en, shown_nl = (" ".join(pages[code].split()) for code in ("en", "nl"))
    left = sorted(
        {
            piece
            for piece, translated in english_pieces()
            if piece in shown_en and piece in shown_nl and piece not in translated
        }
    )
    assert left == []
    assert '<html lang="nl">' in (tmp_path / "report-nl.html").read_text(encoding="utf-8")
    words = set(re.findall(r"[A-Za-z]+", _own_names(pages["nl"])))
    assert sorted(words & ENGLISH_WORDS) == []


def _untranslated(shown_en: str, shown_nl: str) -> list[str]:
    """The catalog's English pieces that both runs printed, unless the Dutch translation of
    their message has them too (whitespace is compared collapsed)."""
    shown_en, shown_nl = " ".join(shown_en.split()), " ".join(shown_nl.split())
    return sorted(
        {
            piece
            for piece, translated in english_pieces()
            if piece in shown_en and piece in shown_nl and piece not in translated
        }
    )


def test_the_dutch_calibrate_report_and_its_warnings_have_no_english_sentence(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """``igalgo calibrate`` on a Dutch Business Suite export (semicolons, dashed day-first
    dates, decimal commas): the report, the "read as" line, the calibration's summary and the
    backtest's verdict, and the warnings, in Dutch; the JSON report the same in both."""
    dutch_business_suite_csv(tmp_path / "inhoud.csv", synthetic_posts(count=40))
    args = ("calibrate", "inhoud.csv", "--account", "bakery")
    english = run_cli(*args, "--lang", "en", cwd=tmp_path)
    dutch = run_cli(*args, "--lang", "nl", cwd=tmp_path)
    assert english.returncode == dutch.returncode == 0, dutch.stderr
    read = " ".join(english.stdout.split())
    assert "inhoud.csv read as: semicolons, DD-MM-YYYY dates, decimal comma." in read
    assert "warning[day-first-dates]" in read
    said = " ".join(dutch.stdout.split())
    assert "inhoud.csv gelezen als: puntkomma's, datums als DD-MM-YYYY, decimale komma." in said
    assert "warning[day-first-dates]: " in said  # the stable prefix and code stay English
    assert "afgestemd op 40 posts" in said
    assert re.search(r"Oordeel: (verslaat|niet beter|te weinig)", said), said
    shown_en, shown_nl = english.stdout + english.stderr, dutch.stdout + dutch.stderr
    assert _untranslated(shown_en, shown_nl) == []
    words = set(re.findall(r"[A-Za-z]+", _own_names(shown_nl)))
    assert sorted(words & ENGLISH_WORDS) == []
    machine = [
        run_cli(*args, "--format", "json", "--lang", code, cwd=tmp_path) for code in ("en", "nl")
    ]
    assert machine[0].returncode == 0, machine[0].stderr
    assert machine[0].stdout == machine[1].stdout
    assert '"summary": "calibrated on 40 posts' in machine[0].stdout


MISTAKES = {
    "profile.yaml": "name: Bakkerij Zon\nfollowers: 25.000\ntimezone: Europe/Amsterdam\n",
    "drafts.yaml": (
        "account: bakery\n"
        "drafts:\n"
        '  - id: a\n    format: reell\n    publish_at: "2026-12-01 19:30"\n'
        '  - id: b\n    format: photo\n    publish_at: "2026-12-01 25:30"\n'
        "  - id: c\n    format: photo\n    window: {from: 2026-12-01, to: 2026-12-07}\n"
        "    times: [19:30]\n"
        '  - id: d\n    publish_at: "2026-12-02 19:30"\n'
    ),
}
"""A manager's common mistakes: the thousands trap, an unknown value, an invalid time, an
unquoted clock time, a missing field (and, in the test, a file that is not there)."""


def test_validate_errors_say_their_sentences_in_dutch_with_stable_codes(
    run_cli: RunCli, tmp_path: Path
) -> None:
    for name, text in MISTAKES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    args = ("validate", "profile.yaml", "drafts.yaml", "missing.yaml")
    english = run_cli(*args, "--lang", "en", cwd=tmp_path)
    dutch = run_cli(*args, "--lang", "nl", cwd=tmp_path)
    assert english.returncode == dutch.returncode == 2
    codes = [re.findall(r"error\[[a-z-]+\]", run.stderr) for run in (english, dutch)]
    assert codes[0] == codes[1] and "error[ambiguous-number]" in codes[0]
    assert {"error[unknown-value]", "error[missing-key]", "error[file-not-found]"} <= set(codes[0])
    said = " ".join(dutch.stderr.split())
    assert "error[ambiguous-number]: followers: 25.000 lijkt een aantal" in said
    assert "hint: bedoel je 25000?" in said
    assert "did you mean 25000?" in english.stderr
    assert _untranslated(english.stdout + english.stderr, dutch.stdout + dutch.stderr) == []


def _calendar_text(calendar: str) -> str:
    """The human text of an iCalendar file: its SUMMARY and DESCRIPTION values, unfolded and
    unescaped, without the captions (the user's own words)."""
    unfolded = calendar.replace("\r\n ", "")
    values = re.findall(r"^(?:SUMMARY|DESCRIPTION):(.*)$", unfolded, flags=re.M)
    text = "\n".join(values).replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";")
    return "\n".join(
        line for line in text.splitlines() if not line.startswith(("Caption", "Bijschrift"))
    )


def test_the_dutch_calendar_has_no_english_sentence_and_the_same_events(
    run_cli: RunCli,
) -> None:
    args = ("plan", "--drafts", DEMO, *PLAN_SAMPLES, "--format", "ics")
    english = run_cli(*args, "--lang", "en")
    dutch = run_cli(*args, "--lang", "nl")
    assert english.returncode == dutch.returncode == 0, dutch.stderr
    fixed = r"^(?:UID|DTSTART|DTSTAMP|DURATION):.*$"
    assert re.findall(fixed, english.stdout, flags=re.M) == re.findall(
        fixed, dutch.stdout, flags=re.M
    )
    shown_en, shown_nl = _calendar_text(english.stdout), _calendar_text(dutch.stdout)
    assert "Planned by igalgo plan" in shown_en and "Gepland door igalgo plan" in shown_nl
    assert _untranslated(shown_en, shown_nl) == []
    words = set(re.findall(r"[A-Za-z]+", _own_names(shown_nl)))
    assert sorted(words & ENGLISH_WORDS) == []


def test_the_check_finds_english_in_an_untranslated_run(run_cli: RunCli) -> None:
    """The check itself: the English run fails it."""
    english = run_cli("score", DEMO, "--lang", "en")
    words = set(re.findall(r"[A-Za-z]+", _own_names(english.stdout)))
    assert {"the", "reach", "followers"} <= words
    shown = " ".join(english.stdout.split())
    assert any(piece in shown for piece, _ in english_pieces())
