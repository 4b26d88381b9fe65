"""The only module that knows the stage order: bytes or text in, blocks or output out."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import BinaryIO

from .classify import classify
from .decode import Detection, Warn, decode
from .lines import split_batches
from .model import Block, Note
from .options import Options
from .paragraphs import build_blocks
from .render import render
from .repair import repair_batches

#: Bytes read from a file at a time.
CHUNK_SIZE = 64 * 1024

OnNote = Callable[[Note], None]
#: Told each list of input lines (as split, before repairs) on its way into the stages.
OnLines = Callable[[list[str]], None]


def _told(batches: Iterable[list[str]], on_lines: OnLines) -> Iterator[list[str]]:
    for batch in batches:
        on_lines(batch)
        yield batch


def blocks_from_text(
    chunks: Iterable[str],
    options: Options,
    *,
    on_note: OnNote | None = None,
    on_lines: OnLines | None = None,
) -> Iterator[Block]:
    """Text chunks -> lines -> repaired lines -> blocks -> classified blocks."""
    # Lines travel in per-chunk lists until here: no Python generator step per line.
    batches: Iterable[list[str]] = split_batches(chunks)
    if on_lines is not None:
        batches = _told(batches, on_lines)
    if options.repair:
        on_change = None
        if on_note is not None and options.explain:
            report = on_note

            def on_change(number: int, before: str, after: str) -> None:
                report(Note("repair", number, f"{before!r} -> {after!r}"))

        batches = repair_batches(batches, on_change)
    blocks = build_blocks(
        chain.from_iterable(batches),
        explain=options.explain,
        dehyphenate=options.dehyphenate,
        repair=options.repair,
    )
    return classify(blocks, explain=options.explain, drop_repeats=options.drop_repeats)


def _is_pipe(infile: BinaryIO) -> bool:
    try:
        mode = os.fstat(infile.fileno()).st_mode
    except (OSError, ValueError, AttributeError):
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or stat.S_ISSOCK(mode)


def read_chunks(
    infile: BinaryIO, *, before_wait: Callable[[], None] | None = None
) -> Iterator[bytes]:
    """Read a binary file in chunks.

    On a pipe, when no input is ready, yield ``b""`` (a pause) and call
    ``before_wait`` first, so output written so far can be flushed while the
    writer on the other side takes its time.
    """
    pipe = _is_pipe(infile)
    if pipe:
        import select  # only pipes are polled
    read = getattr(infile, "read1", infile.read)
    while True:
        if pipe:
            ready, _, _ = select.select([infile], [], [], 0)
            if not ready:
                if before_wait is not None:
                    before_wait()
                yield b""
                # Resumed: the stages have written all the pause let them; flush that too
                # before the read below blocks.
                if before_wait is not None:
                    before_wait()
        data = read(CHUNK_SIZE)
        if not data:
            return
        yield data


def blocks_from_bytes(
    chunks: Iterable[bytes],
    options: Options,
    *,
    name: str = "<stdin>",
    warn: Warn | None = None,
    on_note: OnNote | None = None,
    detection: list[Detection] | None = None,
    on_text: Callable[[str], None] | None = None,
    on_lines: OnLines | None = None,
) -> Iterator[Block]:
    """Byte chunks -> decoded text -> blocks (``on_text`` is told each decoded chunk)."""
    text = decode(chunks, encoding=options.encoding, name=name, warn=warn, detection=detection)
    if on_text is not None:
        text = _passed(text, on_text)
    return blocks_from_text(text, options, on_note=on_note, on_lines=on_lines)


def _passed(chunks: Iterable[str], on_text: Callable[[str], None]) -> Iterator[str]:
    for chunk in chunks:
        on_text(chunk)
        yield chunk


def _with_notes(blocks: Iterable[Block], on_note: OnNote | None) -> Iterator[Block]:
    for block in blocks:
        if on_note is not None:
            for note in block.notes:
                on_note(note)
        yield block


def render_blocks(
    blocks: Iterable[Block], options: Options, *, on_note: OnNote | None = None
) -> Iterator[str]:
    """Blocks -> output strings, reporting each block's notes on the way."""
    if on_note is None:  # no generator step per block when nobody listens
        return render(blocks, options)
    return render(_with_notes(blocks, on_note), options)
