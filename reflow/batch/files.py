"""Reading an input file (regular files only, binary refused early) and writing its result."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError, ReflowError
from .jobs import Result, Status, Task


def _read(path: Path, label: str, encoding: str | None) -> tuple[bytes, os.stat_result]:
    """A regular file's bytes and its status before reading; a folder or a device is refused.

    A FIFO is opened without blocking (and refused), and a binary file is refused from
    its first bytes, before the rest is read (a large image, a sparse disk image).
    """
    with _open_regular(path) as handle:
        info = os.fstat(handle.fileno())
        return _head(handle, label, encoding) + handle.read(), info


def _open_regular(path: Path) -> BinaryIO:
    """``path`` open for reading, if it is a regular file; a FIFO is opened without blocking."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    handle = open(fd, "rb")  # noqa: SIM115  (the caller closes it)
    if not stat.S_ISREG(os.fstat(fd).st_mode):  # a folder, a device, a FIFO
        handle.close()
        message = f"{path}: not a regular file"
        raise ReflowError(message)
    os.set_blocking(fd, True)
    return handle


def _head(handle: BinaryIO, label: str, encoding: str | None) -> bytes:
    """The first bytes of a file, read; a binary file is refused from them (BinaryInputError)."""
    from ..decode import SAMPLE_SIZE, detect, looks_binary

    head = handle.read(SAMPLE_SIZE)
    if looks_binary(head):
        try:  # the same verdict as decoding will give: UTF-16 text is not binary
            detect(head, complete=False, encoding=encoding)
        except InputError as error:  # binary, or a byte order --encoding leaves unclear
            raise type(error)(f"{label}: {error}") from None
    return head


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


def _finish(
    task: Task,
    data: bytes,
    new: bytes,
    diff: str,
    warnings: tuple[str, ...],
    read_as: os.stat_result | None = None,
    dropped: int = 0,
) -> Result:
    """Write ``new`` where it goes if that changes anything, and say what happened.

    ``read_as`` is the input's status when it was read: rewritten in place, it must still be
    that file with those bytes.
    """
    label, target = task.label, task.target
    refused = _link_refusal(task, warnings)
    if refused is not None:
        return refused
    in_place = target is None or target == task.path
    old = data if in_place else _existing(target)  # type: ignore[arg-type]
    status = Status.UNCHANGED if new == old else Status.CHANGED
    if status is Status.CHANGED and target is not None:
        from ..writes import Stamp, write_bytes  # not for --check

        stamp = Stamp.of(read_as, data) if in_place and read_as is not None else None
        try:
            make_folders(target.parent)
            write_bytes(target, new, expected=stamp)
        except OSError as error:
            return Result(label, Status.FAILED, f"{target}: {_reason(error)}", warnings=warnings)
    shown = "" if in_place else str(target)
    dropped = dropped if status is Status.CHANGED else 0
    return Result(label, status, diff=diff, target=shown, warnings=warnings, dropped=dropped)


def make_folders(folder: Path) -> None:
    """``folder`` and the folders above it that are missing, as ``mkdir -p`` makes them.

    A loop: ``Path.mkdir(parents=True)`` and ``os.makedirs`` call themselves a level each, and
    an output tree a thousand folders deep went past Python's recursion limit.
    """
    missing: list[Path] = []
    while not os.path.isdir(folder) and folder.parent != folder:
        missing.append(folder)
        folder = folder.parent
    for step in reversed(missing):
        try:
            os.mkdir(step)
        except FileExistsError:
            if not os.path.isdir(step):
                raise


def _link_refusal(task: Task, warnings: tuple[str, ...]) -> Result | None:
    """A FAILED result when ``task``'s output would go through a symlink in its output folder."""
    target = task.target
    if task.out_dir is None or target is None:
        return None
    link = _link_inside(task.out_dir, target)
    if link is None:
        return None
    which = "it" if link == target else str(link)
    message = f"{target}: not written: {which} is a symlink inside the output folder"
    return Result(task.label, Status.FAILED, message, warnings=warnings)


def _link_inside(out_dir: Path, target: Path) -> Path | None:
    """The first symlink on the way from ``out_dir`` (itself not looked at) to ``target``.

    A tree copied into the output folder may hold links to anywhere: writing through one
    would put a result outside the folder, or overwrite a file there.
    """
    try:
        parts = target.relative_to(out_dir).parts
    except ValueError:  # not under it (a caller's own task): nothing of the folder to check
        return None
    step = out_dir
    for part in parts:
        step = step / part
        try:
            if stat.S_ISLNK(os.lstat(step).st_mode):
                return step
        except FileNotFoundError:  # nothing further exists yet: nothing further is a link
            return None
        except OSError:  # not looked at: the write reports it
            return None
    return None


def _existing(target: Path) -> bytes | None:
    """The bytes already at an output path; None if there are none to compare (or a device)."""
    try:
        if not stat.S_ISREG(os.stat(target).st_mode):
            return None
        return target.read_bytes()
    except OSError:
        return None
