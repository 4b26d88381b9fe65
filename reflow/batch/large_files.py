"""A large text file converted as it is read, in bounded memory, with the same checks."""

from __future__ import annotations

import os
import stat
from typing import BinaryIO

from ..api import markdown_mode
from ..errors import ReflowError
from ..options import Options
from ..safety import second_run
from .files import _head, _link_refusal, _open_regular, _reason, make_folders
from .jobs import Job, Result, Status, Task

#: Text files at least this large are converted as they are read, in bounded memory
#: (smaller ones whole: a few per cent faster, and the memory is small anyway).
STREAM_SIZE = 1 << 20
#: A streamed file whose words part from its result, or whose second run differs, goes to the
#: whole-file path for the exact verdict (a repair of joined lines can excuse a difference) and
#: the log, only up to this size: that path holds about 30 times the file (`bench/memory.py`:
#: 167 MB for 5 MB, 1,462 MB for 50 MB), and 4 MB keeps it near issue 18's ceiling of 150 MB.
#: A larger file is left as written on the stream's own verdict (precision first).
WHOLE_CHECK_SIZE = 4 << 20


def _streams(task: Task, job: Job, options: Options) -> bool:
    """Whether ``task`` is a large text file that ``_convert_streamed`` can take."""
    from ..streamed import streamable

    if task.data is not None or job.diff or not streamable(options):
        return False
    if markdown_mode(options, task.label):
        return False
    try:
        info = os.stat(task.path)
    except OSError:
        return False  # the whole-file path reports it
    return stat.S_ISREG(info.st_mode) and info.st_size >= STREAM_SIZE


def _convert_streamed(task: Task, job: Job, options: Options, warnings: list[str]) -> Result | None:
    """``convert_file`` for a large text file, holding only a stretch of it at a time.

    The result goes to a temporary file as it is made (beside the target; for ``--check``,
    an unnamed one) while the words of input and output are compared; a changed result is
    converted again from that file (the second run must give it back byte for byte), and
    only then, if the input is still what was read, does it replace the target. A result
    that changes more than spacing in place, and a target that refuses the write, are
    reported from the stream (that verdict is exact). None when the file needs the
    whole-file path instead: a legacy encoding, a second run in Markdown mode, or, up to
    ``WHOLE_CHECK_SIZE``, a difference in words or between the runs (the whole-file checks
    give the exact verdict and the log); a larger file is then left as written.
    """
    import contextlib
    from itertools import chain

    from ..safety import BlockCheck
    from ..streamed import (
        NotStreamable,
        convert_stream,
        read_pieces,
        same_bytes,
        scratch_file,
    )
    from ..writes import Stamp, new_digest, pending_replacement

    label, target = task.label, task.target
    refused = _link_refusal(task, tuple(warnings))
    if refused is not None:
        return refused
    in_place = target is None or target == task.path
    if target is not None and not in_place:
        with contextlib.suppress(FileNotFoundError):
            if not stat.S_ISREG(os.stat(target).st_mode):
                return None  # a device: written directly by the whole-file path
        make_folders(target.parent)
    check = (
        BlockCheck(options, spacing_only=in_place and options.to == "text") if job.safe else None
    )
    keep_encoding = job.output_encoding == "keep"
    with contextlib.ExitStack() as stack:
        handle = stack.enter_context(_open_regular(task.path))
        read_as = os.fstat(handle.fileno())
        read = new_digest()
        head = _head(handle, label, options.encoding)
        read.update(head)
        pending = None
        refusal: OSError | None = None  # the target cannot be replaced: said if it changes
        out: BinaryIO | None = None
        if target is not None:
            try:
                pending = stack.enter_context(pending_replacement(target))
                out = pending.handle
            except OSError as error:
                refusal = error
        if out is None and check is not None:
            out = stack.enter_context(scratch_file())
        try:
            output = convert_stream(
                chain([head], read_pieces(handle, read)),
                out.write if out is not None else len,
                options,
                name=label,
                warn=warnings.append,
                keep_encoding=keep_encoding,
                line_ending=job.line_ending,
                check=check,
            )
        except NotStreamable:
            return None
        except UnicodeEncodeError as error:
            message = (
                f"{label}: not changed: the result has {error.object[error.start : error.end]!r}, "
                f"which {error.encoding} cannot hold (try --output-encoding utf-8)"
            )
            return Result(label, Status.FAILED, message, warnings=tuple(warnings))
        data_digest = read.digest()
        changed = output.size != read_as.st_size or output.digest != data_digest
        if changed and check is not None:
            if check.end() is not None:
                if check.lost is None:  # every word kept, more than spacing changed: exact
                    verdict = spacing_refusal(label, check.respelt or "")
                    return Result(label, *verdict, warnings=tuple(warnings))
                if read_as.st_size <= WHOLE_CHECK_SIZE:
                    return None
                message = f"{label}: not changed: the result would lose words: {check.lost}"
                return Result(label, Status.FAILED, message, warnings=tuple(warnings))
            if options.to != "jsonl" and out is not None:
                # The second run reads the written file: same options, its name choosing the mode.
                name = (target or task.path).name
                if markdown_mode(options, name):
                    return None
                out.flush()
                again_from = (
                    stack.enter_context(open(pending.temp, "rb")) if pending is not None else out
                )
                again_from.seek(0)

                def run_again() -> tuple[int, bytes]:
                    again = convert_stream(
                        read_pieces(again_from),
                        len,
                        options,
                        name=name,
                        keep_encoding=keep_encoding,
                        line_ending=job.line_ending,
                    )
                    return again.size, again.digest

                try:
                    stable = second_run((output.size, output.digest), run_again) is None
                except (NotStreamable, ReflowError, UnicodeError):
                    stable = False
                if not stable:
                    if read_as.st_size <= WHOLE_CHECK_SIZE:
                        return None
                    message = _unstable_without_texts(label, options, read_as.st_size)
                    return Result(label, Status.FAILED, message, warnings=tuple(warnings))
        if in_place or target is None:
            unchanged = not changed
        else:  # --out-dir: unchanged if the output folder already holds the result
            unchanged = same_bytes(target, output.size, output.digest)
        dropped = 0 if unchanged or options.keep_duplicates else output.pull_quotes
        if not unchanged and refusal is not None:
            message = f"{target}: {_reason(refusal)}"
            return Result(label, Status.FAILED, message, warnings=tuple(warnings))
        if not unchanged and pending is not None:
            stamp = Stamp.read(read_as, data_digest) if in_place else None
            try:
                pending.install(stamp)
            except OSError as error:
                message = f"{target}: {_reason(error)}"
                return Result(label, Status.FAILED, message, warnings=tuple(warnings))
    status = Status.UNCHANGED if unchanged else Status.CHANGED
    shown = "" if in_place else str(target)
    return Result(label, status, target=shown, warnings=tuple(warnings), dropped=dropped)


def spacing_refusal(label: str, where: str) -> tuple[Status, str]:
    """The verdict on a text file rewritten where it is whose result changes more than its
    spacing (``safety.beyond_spacing``'s ``where``)."""
    return Status.SKIPPED, (
        f"{label}: left as written: the result would change more than its spacing: {where}"
    )


def _unstable_without_texts(label: str, options: Options, size: int) -> str:
    """The report of a second run that changed a result too large to log whole."""
    from ..bugreport import write_log

    log = write_log(
        f"reflow produced unstable output on {label}: a second run changes the result",
        {
            "options": repr(options),
            "input": f"{size:,} bytes, too large to log: run reflow on it twice to see the change",
        },
    )
    where = f" with the log {log}" if log else ""
    return (
        f"INTERNAL ERROR: reflow produced unstable output on {label}; the file is left as it "
        f"was. Please report this bug{where}"
    )
