"""--output writes atomically: the old file or the new one, never half of one."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from igalgo.errors import UsageError
from igalgo.output import atomic
from igalgo.output.atomic import atomic_writer


def _leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def test_writes_the_new_content(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    with atomic_writer(target) as file:
        file.write("new\r\n")
    assert target.read_bytes() == b"new\r\n"  # newline="" keeps text exactly
    assert _leftovers(tmp_path) == []


def test_failure_half_way_keeps_the_old_file_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old complete report\n")
    with pytest.raises(RuntimeError), atomic_writer(target) as file:
        file.write('{"partial": ')
        file.flush()
        raise RuntimeError("engine failed half way")
    assert target.read_text() == "old complete report\n"
    assert _leftovers(tmp_path) == []


def test_interrupt_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "report.ndjson"
    target.write_text("old\n")
    with pytest.raises(KeyboardInterrupt), atomic_writer(target) as file:
        file.write("line 1\n")
        raise KeyboardInterrupt
    assert target.read_text() == "old\n"
    assert _leftovers(tmp_path) == []


def test_an_interrupt_as_the_temporary_is_created_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A signal that arrives after the system created the temporary file, before its name
    reached Python, still finds the name bound: the file is removed."""

    def created_then_interrupted(path: str, flags: int) -> int:
        os.close(os.open(path, flags, 0o600))
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic, "_private", created_then_interrupted)
    target = tmp_path / "report.ndjson"
    target.write_text("old\n")
    with pytest.raises(KeyboardInterrupt), atomic_writer(target):
        pass
    assert target.read_text() == "old\n"
    assert _leftovers(tmp_path) == []


def test_a_taken_temporary_name_is_skipped_and_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = iter(["taken", "free"])
    monkeypatch.setattr(atomic.secrets, "token_hex", lambda _: next(names))
    taken = tmp_path / ".igalgo-out.json.taken.tmp"
    taken.write_text("someone else's")
    with atomic_writer(tmp_path / "out.json") as file:
        file.write("new")
    assert (tmp_path / "out.json").read_text() == "new"
    assert taken.read_text() == "someone else's"


def test_no_file_appears_when_there_was_none(tmp_path: Path) -> None:
    target = tmp_path / "new.csv"
    with pytest.raises(ValueError), atomic_writer(target) as file:
        file.write("a,b\r\n")
        raise ValueError
    assert not target.exists()
    assert _leftovers(tmp_path) == []


def test_keeps_the_old_files_permissions(tmp_path: Path) -> None:
    target = tmp_path / "shared.json"
    target.write_text("old")
    target.chmod(0o644)
    with atomic_writer(target) as file:
        file.write("new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_a_new_file_gets_the_usual_mode_not_mkstemps_private_one(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        with atomic_writer(tmp_path / "fresh.json") as file:
            file.write("{}")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "fresh.json").stat().st_mode) == 0o644


def test_missing_directory_and_directory_target_are_usage_errors(tmp_path: Path) -> None:
    with (
        pytest.raises(UsageError, match="cannot write in"),
        atomic_writer(tmp_path / "no" / "x.json"),
    ):
        pass
    with pytest.raises(UsageError, match="is a directory"), atomic_writer(tmp_path):
        pass


@pytest.mark.skipif(not hasattr(os, "ST_RDONLY"), reason="needs statvfs")
def test_a_read_only_file_system_is_named_so_not_permission_denied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A directory on a file system mounted read-only: ``access`` says no, as for permissions,
    and the message says which (issue 27, item 15)."""
    real_statvfs = os.statvfs

    class ReadOnly:
        f_flag = os.ST_RDONLY

    monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)
    monkeypatch.setattr(os, "statvfs", lambda path: ReadOnly())
    with pytest.raises(UsageError, match=r"cannot write in .*: read-only file system$"):
        atomic.output_target(tmp_path / "out.yaml")
    monkeypatch.setattr(os, "statvfs", real_statvfs)
    with pytest.raises(UsageError, match=r"permission denied$"):
        atomic.output_target(tmp_path / "out.yaml")
