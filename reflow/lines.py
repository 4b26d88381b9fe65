"""Text chunks to lines: split on real line endings only, across chunk boundaries."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain

#: A line of its own that stands for a page break (a form feed in the input).
PAGE_BREAK = "\f"
#: A line of its own that says the input paused (a slow pipe): what has arrived may be written.
#: Never a real line: form feeds are always split out of real lines.
PAUSE = "\f\f\f"

# str.splitlines() would also split on \x85, \x1c-\x1e and \v, which can be mojibake or data.
_LINE_END = re.compile(r"\r\n?|[\n\u2028\u2029]")
# What makes _split_chunk do more than carry the text over (form feeds split lines too).
_ANY_END = "\r\n\u2028\u2029\f"


def _has_line_end(text: str) -> bool:
    # Five substring scans run at memchr speed; one regex character class is ~50x slower.
    return "\n" in text or "\r" in text or "\f" in text or "\u2028" in text or "\u2029" in text


def _has_other_end(text: str) -> bool:
    """Whether ``text`` holds a line end other than LF (or a form feed): the slow split."""
    return "\r" in text or "\f" in text or "\u2028" in text or "\u2029" in text


def _split_chunk(text: str) -> list[str]:
    if not _has_other_end(text):
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


def split_batches(chunks: Iterable[str]) -> Iterator[list[str]]:
    """Yield the complete lines of each chunk as one list (``[PAUSE]`` when the input paused).

    The lines are those of ``split_lines``; handing them over a chunk at a time lets the
    next stages work per list and the line loop run in C (``chain.from_iterable``).
    Memory: one chunk plus the unfinished line.
    """
    carry = ""
    # Chunks of a line that has not ended yet: joined once when it ends, not once per chunk
    # (a 50 MB line without a line break would otherwise cost quadratic time).
    unfinished: list[str] = []
    for chunk in chunks:
        if not chunk:  # the input paused
            yield [PAUSE]
            continue
        if carry and carry[-1] not in _ANY_END and not _has_line_end(chunk):
            unfinished.append(chunk)
            continue
        if unfinished:
            carry += "".join(unfinished)
            unfinished.clear()
        text = carry + chunk if carry else chunk
        # A CR at the end may be the first half of a CRLF that the next chunk completes.
        if text.endswith("\r"):
            parts = _split_chunk(text[:-1])
            carry = parts.pop() + "\r"
        else:
            parts = _split_chunk(text)
            carry = parts.pop()
        if parts:
            yield parts
    if unfinished:
        carry += "".join(unfinished)
    if carry:
        parts = _split_chunk(carry)
        if not parts[-1]:
            parts.pop()
        if parts:
            yield parts


def split_lines(chunks: Iterable[str]) -> Iterator[str]:
    """Yield each line without its terminator.

    CRLF, CR, LF, U+2028 and U+2029 end a line; a form feed becomes a
    ``PAGE_BREAK`` line of its own. A final line without a terminator is
    yielded too; a terminator at the very end does not make an empty line.
    Memory: one chunk plus the unfinished line.
    """
    return chain.from_iterable(split_batches(chunks))


#: The fences of a site generator's front matter: YAML's and TOML's.
FRONT_MATTER_FENCES = ("---", "+++")


def front_matter_end(lines: Sequence[str]) -> int:
    """The index of the line that closes the front matter ``lines`` open with (their first
    line a ``---`` or ``+++`` fence alone, a later line the same fence), else 0. An opening
    fence with no closing one is a rule in prose, not front matter."""
    if not lines:
        return 0
    fence = lines[0].rstrip()
    if fence not in FRONT_MATTER_FENCES:
        return 0
    for index in range(1, len(lines)):
        if lines[index].rstrip() == fence:
            return index
    return 0
