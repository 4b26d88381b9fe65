"""Text chunks to lines: split on real line endings only, across chunk boundaries."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

#: A line of its own that stands for a page break (a form feed in the input).
PAGE_BREAK = "\f"
#: A line of its own that says the input paused (a slow pipe): what has arrived may be written.
#: Never a real line: form feeds are always split out of real lines.
PAUSE = "\f\f\f"

# str.splitlines() would also split on \x85, \x1c-\x1e and \v, which can be mojibake or data.
_LINE_END = re.compile(r"\r\n?|[\n\u2028\u2029]")
_SLOW = re.compile(r"[\r\u2028\u2029\f]")


def _has_line_end(text: str) -> bool:
    # Five substring scans run at memchr speed; one regex character class is ~50x slower.
    return "\n" in text or "\r" in text or "\f" in text or "\u2028" in text or "\u2029" in text


def _split_chunk(text: str) -> list[str]:
    if _SLOW.search(text) is None:
        return text.split("\n")
    parts = _LINE_END.split(text)
    if "\f" not in text:
        return parts
    out: list[str] = []
    for part in parts:
        if "\f" not in part:
            out.append(part)
            continue
        pieces = part.split("\f")
        for index, piece in enumerate(pieces):
            if index:
                out.append(PAGE_BREAK)
            if piece.strip():
                out.append(piece)
    return out


def split_lines(chunks: Iterable[str]) -> Iterator[str]:
    """Yield each line without its terminator.

    CRLF, CR, LF, U+2028 and U+2029 end a line; a form feed becomes a
    ``PAGE_BREAK`` line of its own. A final line without a terminator is
    yielded too; a terminator at the very end does not make an empty line.
    Memory: one chunk plus the unfinished line.
    """
    carry = ""
    # Chunks of an unfinished line, joined only once a line end arrives: re-joining and
    # re-splitting the whole carry for every chunk made a long line cost quadratic time.
    pending: list[str] = []
    for chunk in chunks:
        if not chunk:  # the input paused
            yield PAUSE
            continue
        if not _has_line_end(chunk):
            pending.append(chunk)
            continue
        if pending:
            carry += "".join(pending)
            pending = []
        text = carry + chunk if carry else chunk
        # A CR at the end may be the first half of a CRLF that the next chunk completes.
        if text.endswith("\r"):
            parts = _split_chunk(text[:-1])
            tail = parts.pop()
            carry = tail + "\r"
            yield from parts
            continue
        parts = _split_chunk(text)
        carry = parts.pop()
        yield from parts
    if pending:
        carry += "".join(pending)
    if carry:
        parts = _split_chunk(carry)
        if not parts[-1]:
            parts.pop()
        yield from parts
