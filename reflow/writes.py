"""Safe file writes: all of the new content or none of it, through a temp file and os.replace."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

#: Suffix of the temporary files this module creates (and always removes).
TEMP_SUFFIX = ".reflow-tmp"

# mkstemp fails with these where the folder cannot take a new file; os.replace fails with
# EBUSY/EXDEV where the target is a bind mount of a single file. Then the file is rewritten
# in place, the new content being in memory already.
_NO_NEW_FILE = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})
_NO_REPLACE = frozenset({errno.EBUSY, errno.EXDEV})


def _is_special(path: Path) -> bool:
    """True for an existing target that is not a regular file: a device, a FIFO, a socket."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return False
    return not stat.S_ISREG(mode)


def _temp_beside(target: Path) -> tuple[int, str]:
    """A new temporary file in ``target``'s folder, so os.replace never crosses file systems."""
    return tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)


def _read_umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


# Read once, at import: os.umask can only be read by setting it, which would race with
# other threads creating files (Dask workers run several threads in one process).
_UMASK = _read_umask()


def _new_file_mode() -> int:
    return 0o666 & ~_UMASK


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C (and SIGTERM) back while a file is half-written; they land right after."""
    held = {signal.SIGINT, signal.SIGTERM}
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (AttributeError, OSError, ValueError):  # no pthread_sigmask on this platform
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[BinaryIO]:
    """Write ``path`` all at once or not at all.

    A symlink is written through (its target changes); an existing file keeps
    its permissions. If the body raises (or is interrupted), the temporary file
    is removed and ``path`` is untouched. A device such as ``/dev/null`` or
    ``/dev/full`` is written directly: replacing it would put a file in its place.
    """
    target = Path(os.path.realpath(path))
    if _is_special(target):
        with open(target, "wb") as handle:
            yield handle
        return
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = _new_file_mode()
    fd, temp = _temp_beside(target)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def _rewrite_in_place(target: Path, data: bytes) -> None:
    """Overwrite ``target`` keeping its inode (the caller holds signals back meanwhile)."""
    with open(target, "r+b") as handle:
        handle.write(data)
        handle.truncate()
        handle.flush()
        os.fsync(handle.fileno())


def write_bytes(path: Path, data: bytes) -> None:
    """Replace the content of ``path`` with ``data`` safely.

    Through a symlink the target changes and the link stays. The file keeps its
    permissions. Where the folder cannot take a temporary file (a read-only
    folder) or the target cannot be replaced (a bind-mounted file), the file is
    rewritten in place. On OSError (a full disk, say) ``path`` is unchanged,
    except for a device target, which has no old content to keep.
    """
    target = Path(os.path.realpath(path))
    # Ctrl-C waits for the write to finish: no temporary file is left behind, ever.
    with _signals_held():
        _write_bytes(target, data)


def _write_bytes(target: Path, data: bytes) -> None:
    if _is_special(target):
        with open(target, "wb") as handle:
            handle.write(data)
        return
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = _new_file_mode()
    try:
        fd, temp = _temp_beside(target)
    except OSError as error:
        if error.errno in _NO_NEW_FILE and target.exists():
            _rewrite_in_place(target, data)
            return
        raise
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        try:
            os.replace(temp, target)
        except OSError as error:
            if error.errno not in _NO_REPLACE or not target.exists():
                raise
            _rewrite_in_place(target, data)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
