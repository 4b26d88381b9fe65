"""Safe writes: never in place, never over a file that changed, keeping owner, mode and xattrs."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from reflow import batch, writes
from reflow.batch import Job, Status, Task, convert_file
from reflow.writes import TEMP_SUFFIX, Stamp, WriteRefused, is_temp_name, write_bytes

from .test_batch import UNWRAPPED, WRAPPED, write
from .test_cli import reflow_cli

needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file away")


def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(TEMP_SUFFIX))


def _stamp(path: Path) -> Stamp:
    return Stamp.of(os.stat(path), path.read_bytes())


# --- no in-place fallback -------------------------------------------------------------------


def test_no_temporary_file_means_no_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "a.txt")
    real_open = os.open

    def full_folder(name: str | Path, flags: int, mode: int = 0o777) -> int:
        if str(name).endswith(TEMP_SUFFIX):
            raise OSError(errno.EDQUOT, "Disk quota exceeded")
        return real_open(name, flags, mode)

    monkeypatch.setattr(os, "open", full_folder)
    with pytest.raises(WriteRefused, match="cannot create a temporary file beside it"):
        write_bytes(path, b"new\n")
    assert path.read_text(encoding="utf-8") == WRAPPED


# --- the content stamp ----------------------------------------------------------------------


def test_a_file_edited_since_it_was_read_is_left_alone(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt")
    stamp = _stamp(path)
    path.write_text(WRAPPED + "A line added meanwhile.\n", encoding="utf-8")
    with pytest.raises(WriteRefused, match="changed while reflow was converting it"):
        write_bytes(path, b"new\n", expected=stamp)
    assert path.read_text(encoding="utf-8").endswith("A line added meanwhile.\n")
    assert _temps(tmp_path) == []


def test_same_size_same_time_other_bytes_is_a_change(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt")
    info = os.stat(path)
    stamp = _stamp(path)
    path.write_text(WRAPPED.replace("a", "b"), encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # the edit hides its time
    assert not stamp.matches(path)
    assert _stamp(write(tmp_path / "b.txt")) != stamp  # another file: another inode


def test_an_edit_during_conversion_is_kept_and_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "a.txt")
    edited = WRAPPED + "\nWritten by a person while reflow worked.\n"
    real_convert = batch.convert_bytes

    def convert_while_edited(*args: object, **kwargs: object) -> batch.Conversion:
        path.write_text(edited, encoding="utf-8")
        return real_convert(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(batch.convert, "convert_bytes", convert_while_edited)
    result = convert_file(Task(path, path), Job())
    assert result.status is Status.FAILED
    assert result.message == (
        f"{path}: it changed while reflow was converting it, so it is left alone (run again)"
    )
    assert path.read_text(encoding="utf-8") == edited


# --- metadata -------------------------------------------------------------------------------


@needs_root
def test_owner_and_group_are_kept(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt")
    os.chown(path, 4321, 5432)
    write_bytes(path, b"new\n")
    info = os.stat(path)
    assert (info.st_uid, info.st_gid, path.read_bytes()) == (4321, 5432, b"new\n")


def test_special_mode_bits_are_kept(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt")
    path.chmod(0o2751)
    write_bytes(path, b"new\n")
    assert path.stat().st_mode & 0o7777 == 0o2751


def test_extended_attributes_are_kept(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt")
    try:
        os.setxattr(path, "user.origin", b"field notes")
    except (AttributeError, OSError):
        pytest.skip("no user extended attributes here")
    write_bytes(path, b"new\n")
    assert os.getxattr(path, "user.origin") == b"field notes"


def test_an_attribute_that_cannot_be_kept_stops_the_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "a.txt")
    monkeypatch.setattr(os, "listxattr", lambda _path: ["security.label"], raising=False)
    monkeypatch.setattr(os, "getxattr", lambda _path, _name: b"x", raising=False)

    def refuse(*_args: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "setxattr", refuse, raising=False)
    with pytest.raises(WriteRefused, match=r"cannot keep its extended attribute security\.label"):
        write_bytes(path, b"new\n")
    assert path.read_text(encoding="utf-8") == WRAPPED
    assert _temps(tmp_path) == []


def test_a_hard_linked_file_is_refused_and_stays_linked(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt")
    other = tmp_path / "b.txt"
    os.link(path, other)
    done = reflow_cli("-i", str(path))
    assert done.code == 123
    assert done.err_lines[0] == (
        f"reflow: error: {path}: it has 2 hard links, and replacing it would split it from the "
        "others, so it is left alone"
    )
    assert path.read_text(encoding="utf-8") == WRAPPED
    assert os.path.samefile(path, other)


def test_a_read_only_file_is_refused_and_said_so(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt")
    path.chmod(0o444)  # refused for root too: nobody may write it
    done = reflow_cli("-i", str(path))
    assert done.code == 123
    assert done.err_lines[0] == f"reflow: error: {path}: it is read-only, so it is left alone"
    assert path.read_text(encoding="utf-8") == WRAPPED
    assert path.stat().st_mode & 0o777 == 0o444


# --- temporary files ------------------------------------------------------------------------


def test_temporary_files_are_named_so_they_are_recognised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "notes.txt")
    seen: list[str] = []
    real_replace = os.replace

    def spy(source: str | Path, target: str | Path) -> None:
        seen.append(Path(source).name)
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", spy)
    write_bytes(path, b"new\n")
    (name,) = seen
    assert name.startswith(".notes.txt.") and is_temp_name(name)
    assert not is_temp_name("notes.txt") and not is_temp_name("draft.reflow-tmp")


def test_a_temporary_file_left_by_a_killed_run_is_not_an_input(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    write(folder / "a.txt")
    stale = write(folder / f".a.txt.0badf00d{TEMP_SUFFIX}")
    done = reflow_cli("-i", "--include", "*", "-v", str(folder))
    assert done.code == 0, done.err
    assert stale.read_text(encoding="utf-8") == WRAPPED
    assert (folder / "a.txt").read_text(encoding="utf-8") == UNWRAPPED


def _fail_on(name: str) -> Callable[..., None]:
    def fail(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.EIO, f"{name} failed")

    return fail


@pytest.mark.parametrize(
    ("module", "step"),
    [(os, "fsync"), (os, "fchmod"), (os, "replace"), (writes, "_keep_metadata")],
)
def test_no_temporary_file_is_left_when_a_step_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: object, step: str
) -> None:
    path = write(tmp_path / "a.txt")
    monkeypatch.setattr(module, step, _fail_on(step))
    result = convert_file(Task(path, path), Job())
    assert result.status is Status.FAILED
    assert path.read_text(encoding="utf-8") == WRAPPED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_no_temporary_file_is_left_when_the_write_itself_fails(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt")
    with pytest.raises(RuntimeError), writes.atomic_writer(path) as handle:
        handle.write(b"half of the new ")
        raise RuntimeError("the conversion broke off")
    assert path.read_text(encoding="utf-8") == WRAPPED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
