"""Safe file writes: all of the new content or none of it, through a temp file and os.replace."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from .temp_names import TEMP_SUFFIX, is_temp_name, temp_name

__all__ = [
    "TEMP_SUFFIX",
    "Pending",
    "Stamp",
    "WriteRefused",
    "atomic_writer",
    "is_temp_name",
    "pending_replacement",
    "write_bytes",
]

# os.replace fails with these where the target is a bind mount of a single file.
_NO_REPLACE = frozenset({errno.EBUSY, errno.EXDEV})
# Extended attributes the file system cannot hold: nothing to keep.
_NO_XATTRS = frozenset({errno.ENOTSUP, errno.EOPNOTSUPP})


class WriteRefused(OSError):
    """A file reflow leaves alone rather than replace unsafely; ``strerror`` says why."""

    def __init__(self, why: str, code: int = errno.EPERM) -> None:
        super().__init__(code, why)


@dataclass(frozen=True, slots=True)
class Stamp:
    """What a file was when it was read: identity, size, modification time and a digest."""

    device: int
    inode: int
    size: int
    mtime_ns: int
    digest: bytes

    @classmethod
    def of(cls, info: os.stat_result, data: bytes) -> Stamp:
        """The stamp of a file whose ``os.fstat`` before reading was ``info`` and bytes ``data``."""
        return cls.read(info, _digest([data]))

    @classmethod
    def read(cls, info: os.stat_result, digest: bytes) -> Stamp:
        """The stamp of a file read in pieces: ``info`` before reading, ``digest`` of its bytes
        (``new_digest`` fed every piece)."""
        return cls(info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, digest)

    def matches(self, path: Path) -> bool:
        """True when ``path`` is still the same file with the same bytes."""
        try:
            info = os.stat(path)
            if (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns) != (
                self.device,
                self.inode,
                self.size,
                self.mtime_ns,
            ):
                return False
            with open(path, "rb") as handle:
                return _digest(iter(lambda: handle.read(1 << 20), b"")) == self.digest
        except OSError:
            return False


def new_digest() -> Any:
    """A digest of the kind a ``Stamp`` holds, to be fed a file's bytes piece by piece."""
    import hashlib  # only when a file is about to be replaced

    return hashlib.blake2b(digest_size=16)


def _digest(chunks: Iterable[bytes]) -> bytes:
    digest = new_digest()
    for chunk in chunks:
        digest.update(chunk)
    return digest.digest()


def _is_special(path: Path) -> bool:
    """True for an existing target that is not a regular file: a device, a FIFO, a socket."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return False
    return not stat.S_ISREG(mode)


def _temp_beside(target: Path) -> tuple[int, Path]:
    """A new temporary file in ``target``'s folder, so os.replace never crosses file systems.

    Where the folder cannot take one, the write is refused: rewriting the file in place
    instead would leave it half old, half new if that write failed (a full disk).
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_NOFOLLOW", 0)
    while True:
        temp = temp_name(target)
        try:
            return os.open(temp, flags, 0o600), temp
        except FileExistsError:
            continue
        except OSError as error:
            why = (
                f"cannot create a temporary file beside it ({_reason(error)}), so it is left alone"
            )
            raise WriteRefused(why, error.errno or errno.EPERM) from None


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


def _read_umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


# Read once, at import: os.umask can only be read by setting it, which would race with
# other threads creating files (Dask workers run several threads in one process).
_UMASK = _read_umask()


def _new_file_mode() -> int:
    return 0o666 & ~_UMASK


def _refusal(info: os.stat_result, target: Path) -> str | None:
    """Why the existing file ``target`` must not be replaced, or None."""
    if info.st_nlink > 1:
        return (
            f"it has {info.st_nlink} hard links, and replacing it would split it from the "
            "others, so it is left alone"
        )
    # Root may write anything: a file whose mode grants no write to anyone is still read-only.
    if not info.st_mode & 0o222 or not os.access(target, os.W_OK):
        return "it is read-only, so it is left alone"
    return None


def _keep_metadata(fd: int, info: os.stat_result | None, target: Path) -> None:
    """Give the new file (open as ``fd``) the owner, group, mode and extended attributes of
    the one it replaces (``info``, ``target``); a new file gets the usual mode."""
    if info is None:
        os.fchmod(fd, _new_file_mode())
        return
    if hasattr(os, "fchown"):
        # Owner and group where permitted (root, or a group the user is in); before the
        # mode, since a change of owner clears the set-user-ID bit.
        try:
            os.fchown(fd, info.st_uid, info.st_gid)
        except PermissionError:
            with contextlib.suppress(PermissionError):
                os.fchown(fd, -1, info.st_gid)
    os.fchmod(fd, stat.S_IMODE(info.st_mode))
    _copy_xattrs(fd, target)  # after the mode: an access ACL sets the group bits too


def _copy_xattrs(fd: int, source: Path) -> None:
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(source)
    except OSError as error:
        if error.errno in _NO_XATTRS:
            return
        raise
    for name in names:
        try:
            os.setxattr(fd, name, os.getxattr(source, name))
        except OSError as error:
            if error.errno in _NO_XATTRS:
                continue
            why = (
                f"cannot keep its extended attribute {name} ({_reason(error)}), so it is left alone"
            )
            raise WriteRefused(why, error.errno or errno.EPERM) from None


def _existing(target: Path) -> os.stat_result | None:
    """The regular file at ``target`` (None if there is none), or WriteRefused saying why not."""
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return None
    why = _refusal(info, target)
    if why:
        raise WriteRefused(why)
    return info


def _install(temp: Path, target: Path, expected: Stamp | None) -> None:
    """Rename the finished temporary file over ``target``, if ``target`` is what was read."""
    if expected is not None and not expected.matches(target):
        why = "it changed while reflow was converting it, so it is left alone (run again)"
        raise WriteRefused(why, errno.EAGAIN)
    try:
        os.replace(temp, target)
    except OSError as error:
        if error.errno not in _NO_REPLACE:
            raise
        why = f"it cannot be replaced ({_reason(error)}; a bind-mounted file?), so it is left alone"
        raise WriteRefused(why, error.errno) from None


@contextlib.contextmanager
def _replacement(target: Path, expected: Stamp | None = None) -> Iterator[BinaryIO]:
    """A handle on a temporary file that replaces ``target`` when the body ends without error.

    On any error (or interruption) the temporary file is removed and ``target`` is untouched.
    """
    info = _existing(target)
    fd, temp = _temp_beside(target)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            _keep_metadata(handle.fileno(), info, target)
            os.fsync(handle.fileno())
        _install(temp, target, expected)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


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

    A symlink is written through (its target changes); an existing file keeps its owner,
    group, permissions and extended attributes; a read-only or hard-linked file is refused
    (``WriteRefused``). If the body raises (or is interrupted), the temporary file is removed
    and ``path`` is untouched. A device such as ``/dev/null`` or ``/dev/full`` is written
    directly: replacing it would put a file in its place.
    """
    target = Path(os.path.realpath(path))
    if _is_special(target):
        with open(target, "wb") as handle:
            yield handle
        return
    with _replacement(target) as handle:
        yield handle


def write_bytes(path: Path, data: bytes, *, expected: Stamp | None = None) -> None:
    """Replace the content of ``path`` with ``data`` safely.

    Through a symlink the target changes and the link stays. The file keeps its owner
    and group (where permitted), permissions and extended attributes. ``WriteRefused``
    (an OSError) leaves ``path`` as it was: a read-only file, one with other hard links,
    a folder that cannot take a temporary file, a target that cannot be replaced, or a
    file that no longer matches ``expected`` (it changed since it was read). On any other
    OSError (a full disk, say) ``path`` is unchanged too, except for a device target,
    which has no old content to keep.
    """
    target = Path(os.path.realpath(path))
    # Ctrl-C waits for the write to finish: no temporary file is left behind, ever.
    with _signals_held():
        if _is_special(target):
            with open(target, "wb") as handle:
                handle.write(data)
            return
        with _replacement(target, expected) as handle:
            handle.write(data)


class Pending:
    """A new file being written beside ``target`` (``handle``, at ``temp``); ``install``
    puts it in ``target``'s place, else it is removed when its ``pending_replacement`` ends."""

    def __init__(self, handle: BinaryIO, temp: Path, target: Path, info: os.stat_result | None):
        self.handle = handle
        self.temp = temp
        self.target = target
        self._info = info
        self.installed = False

    def install(self, expected: Stamp | None = None) -> None:
        """Replace the target with what was written, if the target is still ``expected``.

        ``WriteRefused`` if it changed since it was read (the new file is then removed).
        """
        with _signals_held():
            handle = self.handle
            handle.flush()
            _keep_metadata(handle.fileno(), self._info, self.target)
            os.fsync(handle.fileno())
            handle.close()
            _install(self.temp, self.target, expected)
            self.installed = True


@contextlib.contextmanager
def pending_replacement(path: Path) -> Iterator[Pending]:
    """A temporary file beside ``path`` (a regular file, or none yet) to be written piece by
    piece: it replaces ``path`` only when ``install`` is called, whole; otherwise (an error,
    an interruption, or a result not to be written) it is removed and ``path`` is untouched.

    The refusals are ``write_bytes``'s: a read-only or hard-linked file, a folder that cannot
    take a temporary file, a file that changed since it was read.
    """
    target = Path(os.path.realpath(path))
    info = _existing(target)
    fd, temp = _temp_beside(target)
    pending: Pending | None = None
    try:
        pending = Pending(os.fdopen(fd, "wb"), temp, target, info)
        yield pending
    finally:
        if pending is None:
            os.close(fd)
        elif not pending.handle.closed:
            pending.handle.close()
        if pending is None or not pending.installed:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
