"""``--output`` and ``--svg`` destroy nothing of the user's: ``-`` is stdout, regular files are
replaced atomically, links are followed, devices and FIFOs are written in place, read-only
files and the run's own inputs are refused before anything runs, naming the option at fault."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from tests.conftest import PROFILES, RunCli

FAST = ("--samples", "32")
PLAN_FAST = (*FAST, "--start", "2026-12-07")


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    """A copy of the demo drafts whose account is a profile file beside it."""
    (tmp_path / "bakery.yaml").write_text((PROFILES / "bakery.yaml").read_text())
    text = (
        (PROFILES / "demo-drafts.yaml")
        .read_text()
        .replace("account: bakery", "account: bakery.yaml")
    )
    path = tmp_path / "drafts.yaml"
    path.write_text(text)
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_output_dash_is_standard_output(run_cli: RunCli, drafts: Path) -> None:
    scored = run_cli(
        "score", str(drafts), "--format", "csv", "--output", "-", *FAST, cwd=drafts.parent
    )
    assert scored.returncode == 0, scored.stderr
    assert scored.stdout.startswith("source,account,draft,")
    planned = run_cli(
        "plan", "--surface", "feed", "--account", "bakery", "--output", "-", *PLAN_FAST,
        cwd=drafts.parent,
    )  # fmt: skip
    assert planned.returncode == 0 and "Bakkerij Zon" in planned.stdout
    assert not (drafts.parent / "-").exists()


def test_svg_dash_is_standard_output_and_cannot_share_it(run_cli: RunCli, drafts: Path) -> None:
    report = drafts.parent / "report.txt"
    done = run_cli(
        "score", str(drafts), "--output", str(report), "--svg", "-", *FAST, cwd=drafts.parent
    )
    assert done.returncode == 0 and done.stdout.startswith("<svg")
    refused = run_cli("score", str(drafts), "--svg", "-", *FAST, cwd=drafts.parent)
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr.startswith("--svg: '-' (standard output) is taken by the results")


def test_a_symbolic_link_is_followed_and_stays_a_link(run_cli: RunCli, drafts: Path) -> None:
    target = drafts.parent / "reports" / "latest.json"
    target.parent.mkdir()
    target.write_text("old\n")
    link = drafts.parent / "latest.json"
    link.symlink_to(target)
    done = run_cli("score", str(drafts), "--format", "json", "--output", str(link), *FAST)
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert target.read_text().startswith("{")
    assert leftovers(drafts.parent) == leftovers(target.parent) == []


def test_a_fifo_is_written_directly_and_stays_a_fifo(run_cli: RunCli, drafts: Path) -> None:
    fifo = drafts.parent / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    done = run_cli("score", str(drafts), "--format", "csv", "--output", str(fifo), *FAST)
    reader.join(timeout=30)
    if reader.is_alive():  # nothing opened the FIFO for writing: let the reader go
        with open(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK), "wb"):
            pass
    assert done.returncode == 0, done.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received[0].startswith(b"source,account,draft,")
    assert leftovers(drafts.parent) == []


ROOT_ONLY = pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
"""Device nodes are made in the test's own folder (never /dev's: a failing igalgo would replace
them)."""


@ROOT_ONLY
def test_a_device_node_is_written_directly_never_replaced(run_cli: RunCli, drafts: Path) -> None:
    null = drafts.parent / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # the same device as /dev/null
    done = run_cli("score", str(drafts), "--format", "json", "--output", str(null), *FAST)
    assert done.returncode == 0, done.stderr
    assert stat.S_ISCHR(null.stat().st_mode)
    assert leftovers(drafts.parent) == []


@ROOT_ONLY
def test_a_full_device_is_an_error_naming_the_option(run_cli: RunCli, drafts: Path) -> None:
    full = drafts.parent / "full"
    os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))  # the same device as /dev/full
    done = run_cli("score", str(drafts), "--output", str(full), *FAST)
    assert done.returncode == 2
    assert done.stderr == f"--output: cannot write {full}: No space left on device\n"
    assert stat.S_ISCHR(full.stat().st_mode)
    assert leftovers(drafts.parent) == []


def test_a_read_only_output_is_refused_unless_forced(run_cli: RunCli, drafts: Path) -> None:
    report = drafts.parent / "report.json"
    report.write_text("keep me\n")
    report.chmod(0o444)
    refused = run_cli("score", str(drafts), "--format", "json", "--output", str(report), *FAST)
    assert refused.returncode == 2
    assert refused.stderr == (
        f"--output: {report} is read-only; make it writable, or pass --force to replace it\n"
    )
    assert report.read_text() == "keep me\n"
    forced = run_cli(
        "score", str(drafts), "--format", "json", "--output", str(report), "--force", *FAST
    )
    assert forced.returncode == 0, forced.stderr
    assert report.read_text().startswith("{")
    assert stat.S_IMODE(report.stat().st_mode) == 0o444  # the mode it had


@pytest.mark.parametrize("length", [250, 255])
def test_long_output_names_work(run_cli: RunCli, drafts: Path, length: int) -> None:
    report = drafts.parent / ("r" * (length - 5) + ".json")
    done = run_cli("score", str(drafts), "--format", "json", "--output", str(report), *FAST)
    assert done.returncode == 0, done.stderr
    assert report.read_text().startswith("{")
    assert leftovers(drafts.parent) == []


def test_a_name_longer_than_the_system_allows_is_a_usage_error(
    run_cli: RunCli, drafts: Path
) -> None:
    report = drafts.parent / ("r" * 295 + ".json")
    done = run_cli("score", str(drafts), "--format", "json", "--output", str(report), *FAST)
    assert done.returncode == 2
    assert done.stderr == f"--output: cannot write {report}: file name too long\n"
    assert done.stdout == "" and leftovers(drafts.parent) == []


def test_a_missing_directory_names_the_option_at_fault(run_cli: RunCli, drafts: Path) -> None:
    done = run_cli("score", str(drafts), "--svg", "/nonexistent/x.svg", *FAST)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == "--svg: cannot write in /nonexistent: no such directory\n"


# --- the run's own inputs (issue 15, item 3) --------------------------------------------------


def test_output_onto_the_drafts_file_is_refused_before_anything_runs(
    run_cli: RunCli, drafts: Path
) -> None:
    before = drafts.read_bytes()
    for option in ("--output", "--svg"):
        done = run_cli("score", str(drafts), option, str(drafts), *FAST)
        assert done.returncode == 2 and done.stdout == ""
        assert done.stderr == (
            f"{option}: {drafts} is an input of this run (a drafts file); igalgo never "
            "replaces an input, choose another file\n"
        )
    assert drafts.read_bytes() == before and leftovers(drafts.parent) == []


@pytest.mark.parametrize(
    "args, what",
    [
        (["score", "{drafts}", "--output", "{profile}"], "the account of {drafts}"),
        (
            ["score", "{drafts}", "--account", "{profile}", "--output", "{profile}"],
            "the profile of --account",
        ),
        (
            ["plan", "--surface", "feed", "--drafts", "{drafts}", "--output", "{drafts}"],
            "a drafts file",
        ),
        (
            ["plan", "--surface", "feed", "--drafts", "{drafts}", "--output", "{profile}"],
            "the account of {drafts}",
        ),
        (
            ["plan", "--surface", "feed", "--account", "{profile}", "--output", "{profile}"],
            "the profile of --account",
        ),
    ],
    ids=[
        "score: drafts' account",
        "score: --account",
        "plan: --drafts",
        "plan: drafts' account",
        "plan: --account",
    ],
)
def test_output_onto_any_input_is_refused(
    run_cli: RunCli, drafts: Path, args: list[str], what: str
) -> None:
    profile = drafts.parent / "bakery.yaml"
    before = profile.read_bytes(), drafts.read_bytes()
    names = {"drafts": str(drafts), "profile": str(profile)}
    done = run_cli(*[arg.format(**names) for arg in args], *FAST)
    assert done.returncode == 2 and done.stdout == ""
    output = args[-1].format(**names)
    assert done.stderr == (
        f"--output: {output} is an input of this run ({what.format(**names)}); igalgo never "
        "replaces an input, choose another file\n"
    )
    assert (profile.read_bytes(), drafts.read_bytes()) == before


def test_an_input_reached_through_a_link_is_refused_too(run_cli: RunCli, drafts: Path) -> None:
    link = drafts.parent / "same.yaml"
    link.symlink_to(drafts)
    done = run_cli("score", str(drafts), "--output", str(link), *FAST)
    assert done.returncode == 2 and "is an input of this run" in done.stderr
    assert link.is_symlink()


def test_output_and_svg_naming_the_same_file_is_refused(run_cli: RunCli, drafts: Path) -> None:
    report = drafts.parent / "report"
    done = run_cli("score", str(drafts), "--output", str(report), "--svg", str(report), *FAST)
    assert done.returncode == 2 and not report.exists()
    assert done.stderr == f"--svg: {report} is also --output; give each its own file\n"
