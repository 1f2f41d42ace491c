"""Files igalgo does not trust stay harmless: a profile a drafts file names is never echoed,
``--confine-accounts`` keeps account paths beside the drafts file, control characters are
refused where they could reach a terminal and escaped wherever text is echoed, and only
regular files are read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from igalgo.errors import InputError, printable
from igalgo.inputs.formats import ErrorCode
from igalgo.inputs.loader import load_drafts, parse_drafts_text
from tests.conftest import PROFILES, RunCli

FAST = ("--samples", "32")
SECRET = "root:$6$Secret.Hash:19000:0:99999:7:::\ndaemon:*:hunter2:0:99999:7:::\n"


DRAFT = '  - {id: a, format: photo, publish_at: "2026-12-01 10:00"}\n'


def drafts_naming(folder: Path, account: str, name: str = "drafts.yaml") -> Path:
    path = folder / name
    path.write_text(f'account: "{account}"\ndrafts:\n{DRAFT}')
    return path


def options(command: list[str]) -> list[str]:
    """Small sample counts where the command takes them."""
    return [*command, *FAST] if command[0] != "validate" else command


@pytest.mark.parametrize("command", ["validate", "score", "plan"])
def test_a_profile_named_by_a_drafts_file_is_never_echoed(
    run_cli: RunCli, tmp_path: Path, command: str
) -> None:
    secret = tmp_path / "shadow"
    secret.write_text(SECRET)
    drafts = drafts_naming(tmp_path, str(secret))
    args = ["plan", "--surface", "feed", "--drafts"] if command == "plan" else [command]
    done = run_cli(*options([*args, str(drafts)]))
    assert done.returncode == 2
    assert "Secret" not in done.stderr + done.stdout and "hunter2" not in done.stderr
    assert done.stderr.startswith(
        f"{secret}:1:1: error[unknown-key]: the account's profile is not valid ("
    )
    assert f"hint: see them with `igalgo validate {secret}`" in done.stderr


def test_the_profile_itself_still_shows_every_problem(run_cli: RunCli, tmp_path: Path) -> None:
    secret = tmp_path / "shadow"
    secret.write_text(SECRET)
    done = run_cli("validate", str(secret))  # named by the user: trusted
    assert done.returncode == 2 and "unknown key `root:$6$Secret.Hash" in done.stderr


@pytest.mark.parametrize(
    "reference", ["../outside.yaml", "{outside}", "link.yaml"], ids=["..", "absolute", "link"]
)
def test_confine_accounts_refuses_paths_that_leave_the_drafts_directory(
    run_cli: RunCli, tmp_path: Path, reference: str
) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text((PROFILES / "bakery.yaml").read_text())
    inner = tmp_path / "repo"
    inner.mkdir()
    (inner / "link.yaml").symlink_to(outside)
    drafts = drafts_naming(inner, reference.format(outside=outside))
    assert run_cli("validate", str(drafts)).returncode == 0  # without the option: read
    for command in (["validate"], ["score"], ["plan", "--surface", "feed", "--drafts"]):
        done = run_cli(*options([*command, str(drafts), "--confine-accounts"]))
        assert done.returncode == 2, command
        assert done.stderr.startswith(f"{drafts}:1:10: error[account-outside]: account: ")


def test_confine_accounts_keeps_shipped_names_and_files_beside(
    run_cli: RunCli, tmp_path: Path
) -> None:
    (tmp_path / "shop.yaml").write_text((PROFILES / "bakery.yaml").read_text())
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "shop.yaml").write_text((PROFILES / "bakery.yaml").read_text())
    for reference in ("bakery", "shop.yaml", "./sub/shop.yaml", "sub/../shop.yaml"):
        drafts = drafts_naming(tmp_path, reference)
        done = run_cli("validate", "--confine-accounts", str(drafts))
        assert done.returncode == 0, (reference, done.stderr)


def test_confine_accounts_in_the_library() -> None:
    text = f'account: "/etc/passwd"\ndrafts:\n{DRAFT}'
    with pytest.raises(InputError) as caught:
        parse_drafts_text(text, "d.yaml", Path("/tmp"), confine_accounts=True)
    assert [p.code for p in caught.value.problems] == [ErrorCode.ACCOUNT_OUTSIDE]


# --- control characters ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "field, value, path",
    [
        ("name", r"EVIL\e]0;pwned\a\e[2J", "account.name"),
        ("id", r"a\e[31m", "drafts[0].id"),
        ("location", r"x\u202ey", "drafts[0].location"),
        ("hashtags", r"a\x9bb", "drafts[0].hashtags[0]"),
        ("caption", r"bad\u2028line", "drafts[0].caption"),
        ("caption", r"bad\rline", "drafts[0].caption"),
    ],
)
def test_control_characters_are_refused_where_they_could_reach_a_terminal(
    field: str, value: str, path: str
) -> None:
    name = f'"{value}"' if field == "name" else "Zon"
    draft = {"id": "a", "format": "photo", "publish_at": '"2026-12-01 10:00"'}
    if field != "name":
        draft[field] = f'["{value}"]' if field == "hashtags" else f'"{value}"'
    pairs = ", ".join(f"{key}: {item}" for key, item in draft.items())
    text = f"account: {{name: {name}, followers: 10}}\ndrafts:\n  - {{{pairs}}}\n"
    with pytest.raises(InputError) as caught:
        parse_drafts_text(text, "d.yaml", None)
    (problem,) = caught.value.problems
    assert problem.code == ErrorCode.CONTROL_CHARACTER and problem.path == path
    assert problem.location is not None and problem.location.line in (1, 3)
    assert "\x1b" not in problem.format() and "\u202e" not in problem.format()


def test_a_caption_keeps_its_line_breaks_and_tabs(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(
        "account: bakery\ndrafts:\n  - id: a\n    format: photo\n"
        '    publish_at: "2026-12-01 10:00"\n    caption: "one\\ntwo\\tthree"\n'
    )
    assert load_drafts(str(path)).drafts[0].caption == "one\ntwo\tthree"


def test_a_file_name_with_escapes_is_echoed_escaped(run_cli: RunCli, tmp_path: Path) -> None:
    name = "evil\x1b]0;pwned\x07\x1b[2J\u202e.yaml"
    evil = tmp_path / name
    evil.write_text((PROFILES / "demo-drafts.yaml").read_text())
    runs = [
        run_cli("score", str(evil), *FAST),
        run_cli("score", str(evil), "--format", "csv", *FAST),
        run_cli("score", str(evil), "--format", "markdown", *FAST),
        run_cli("score", str(evil), "--fail-under", "feed=99999", *FAST),
        run_cli("validate", str(evil)),
        run_cli("plan", "--surface", "feed", "--drafts", str(evil), *FAST),
        run_cli("score", str(tmp_path / ("missing\x1b[2J.yaml"))),
    ]
    for done in runs:
        assert done.returncode in (0, 1, 2)
        for text in (done.stdout, done.stderr):
            assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert printable(name) in runs[4].stdout and printable(name) in runs[3].stderr


# --- only regular files ------------------------------------------------------------------------


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "fifo.yaml"
    os.mkfifo(path)
    return path


def test_a_fifo_is_refused_not_waited_for(run_cli: RunCli, fifo: Path) -> None:
    drafts = drafts_naming(fifo.parent, fifo.name)
    for args in (
        ["validate", str(fifo)],
        ["score", str(fifo)],
        ["score", str(drafts)],
        ["score", str(PROFILES / "demo-drafts.yaml"), "--account", str(fifo)],
    ):
        done = run_cli(*args, timeout=10)
        assert done.returncode == 2, args
        assert "error[not-a-file]: " in done.stderr
        assert "is not a regular file (a FIFO, a device or a socket)" in done.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused_not_read(run_cli: RunCli) -> None:
    done = run_cli("validate", "/dev/zero", timeout=10)
    assert done.returncode == 2 and "error[not-a-file]: /dev/zero" in done.stderr
