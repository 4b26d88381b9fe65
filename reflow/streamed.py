"""One large text file converted in bounded memory: read, convert, check and write as it goes."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from .decode import Detection, Warn
from .model import Block, Kind
from .options import Options
from .pipeline import blocks_from_bytes
from .render import render
from .safety import UNICODE_CODECS, BlockCheck

#: Bytes read at a time from a streamed file.
READ_SIZE = 1 << 20
#: Characters of output gathered before one write.
WRITE_SIZE = 1 << 18

_FIRST_LINE_END = re.compile(r"\r\n?|\n")


class NotStreamable(Exception):
    """The file needs the whole-file path: its encoding is a legacy one, and the check that
    it gives its bytes back exactly (``safety.encoding_problem``) reads the whole file."""


def streamable(options: Options) -> bool:
    """Whether text ``options`` convert a file block by block: a line style that needs the
    whole text (``keep``, ``auto``, ``sentence``) and JSON Lines are converted whole."""
    return options.wrap in ("no", "width") and options.to != "jsonl"


@dataclass(slots=True)
class Output:
    """What a streamed conversion wrote: its size and digest, and how the input was read."""

    size: int
    digest: bytes
    detection: Detection
    #: Blocks left out as repeats of the body (pull quotes), unless kept on request.
    pull_quotes: int


class _LineEnding:
    """The input's first line ending, found as its decoded text goes by (a CR at the end of
    one piece may be the first half of a CRLF)."""

    __slots__ = ("_cr", "found", "last")

    def __init__(self) -> None:
        self.found: str | None = None
        self._cr = False
        #: the text's last character so far (a file whose last line has no break keeps it so)
        self.last = ""

    def __call__(self, text: str) -> None:
        if text:
            self.last = text[-1]
        if self.found is not None or not text:
            return
        if self._cr:
            self.found = "\r\n" if text[0] == "\n" else "\r"
            return
        match = _FIRST_LINE_END.search(text)
        if match is None:
            return
        if match.group() == "\r" and match.end() == len(text):
            self._cr = True
        else:
            self.found = match.group()

    def end(self) -> str:
        return self.found or ("\r" if self._cr else "\n")


def read_pieces(handle: BinaryIO, digest: Any | None = None) -> Iterator[bytes]:
    """A file's bytes in ``READ_SIZE`` pieces, each fed to ``digest`` too."""
    while data := handle.read(READ_SIZE):
        if digest is not None:
            digest.update(data)
        yield data


def convert_stream(
    chunks: Iterable[bytes],
    write: Callable[[bytes], object],
    options: Options,
    *,
    name: str,
    warn: Warn | None = None,
    keep_encoding: bool = True,
    line_ending: str = "keep",
    check: BlockCheck | None = None,
) -> Output:
    """Convert text ``chunks`` and ``write`` the result's bytes as they come, as ``batch``
    would write the whole result: in the input's encoding and BOM (``keep_encoding``) or
    UTF-8, with the input's first line ending (``keep``), ``lf`` or ``crlf``.

    ``check`` is told the lines, blocks and output on the way. Raises ``NotStreamable`` for
    an input in a legacy encoding, and ``UnicodeEncodeError`` when the result has a
    character the encoding cannot hold.
    """
    from .writes import new_digest

    found: list[Detection] = []
    first_end = _LineEnding()
    opts = options.replace(explain=True) if check is not None else options
    blocks: Iterable[Block] = blocks_from_bytes(
        chunks,
        opts,
        name=name,
        warn=warn,
        detection=found,
        on_text=first_end,
        on_lines=check.lines if check is not None else None,
    )
    pull_quotes = 0

    def on_block(block: Block) -> None:
        nonlocal pull_quotes
        if block.kind is Kind.PULL_QUOTE:
            pull_quotes += 1
        if check is not None:
            check.block(block)

    blocks = _told(blocks, on_block)
    digest = new_digest()
    size = 0
    encoding: str | None = None
    ending = {"lf": "\n", "crlf": "\r\n"}.get(line_ending)
    pending: list[str] = []
    gathered = 0
    carry = ""  # a CR that may be the first half of a CRLF in the next piece

    def flush(final: bool = False) -> None:
        nonlocal size, encoding, ending, carry
        if ending is None and first_end.found is None and not final:
            return  # no line ending read yet (only form feeds, say): the output waits for one
        text = carry + "".join(pending)
        pending.clear()
        carry = ""
        if not final and text.endswith(("\r", "\n")):
            # a CR may be the first half of a CRLF, and the last line break is dropped where
            # the input's last line has none (as batch.output_text drops it)
            keep = 2 if text.endswith("\r\n") else 1
            text, carry = text[:-keep], text[-keep:]
        if "\r" in text:  # as batch.output_text: CRLF and CR become the ending asked for
            text = text.replace("\r\n", "\n")
        if final and first_end.last not in ("", "\r", "\n") and text.endswith("\n"):
            text = text[:-1]
        if ending is None:
            ending = first_end.end()
        if ending != "\n":
            text = text.replace("\n", ending)
        data = b""
        if encoding is None:
            detection = found[0] if found else Detection("utf-8", "utf-8")
            if detection.encoding not in UNICODE_CODECS:
                # safety.encoding_problem reads the whole file: written in its own encoding or
                # in UTF-8, a legacy one must first give its bytes back exactly.
                raise NotStreamable(detection.encoding)
            if keep_encoding:
                encoding, data = detection.encoding, detection.bom
            else:
                encoding = "utf-8"
        data += text.encode(encoding)
        if data:
            digest.update(data)
            size += len(data)
            write(data)

    for piece in render(blocks, options):
        if check is not None:
            check.output(piece)
        pending.append(piece)
        gathered += len(piece)
        if gathered >= WRITE_SIZE:
            flush()
            gathered = 0
    flush(final=True)
    detection = found[0] if found else Detection("utf-8", "utf-8")
    return Output(size, digest.digest(), detection, pull_quotes)


def _told(blocks: Iterable[Block], on_block: Callable[[Block], None]) -> Iterator[Block]:
    for block in blocks:
        on_block(block)
        yield block


def same_bytes(path: Path, size: int, digest: bytes) -> bool:
    """Whether the regular file at ``path`` holds ``size`` bytes with this digest."""
    from .writes import new_digest

    try:
        if os.stat(path).st_size != size:
            return False
        check = new_digest()
        with open(path, "rb") as handle:
            for _ in read_pieces(handle, check):
                pass
    except OSError:
        return False
    return check.digest() == digest


@contextlib.contextmanager
def scratch_file() -> Iterator[BinaryIO]:
    """An unnamed temporary file for a result that is only compared (``--check``)."""
    with tempfile.TemporaryFile() as handle:
        yield handle  # type: ignore[misc]
