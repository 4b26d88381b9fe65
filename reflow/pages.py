# cython: annotation_typing=False
"""Page furniture out of the line stream: page numbers, headers and footers, and running heads."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

from . import furniture as fur
from .lines import PAGE_BREAK, PAUSE
from .profile import Profile, furniture_key

#: Stands in for a page header, footer or number that was removed (keeps line numbers right).
FURNITURE = "\f\f"
#: Stands in for a blank line around a running header or footer: page padding, no break.
PADDING = "\f\f\f\f"
#: Stands in for a running page header or footer (text without form feeds) that was removed.
RUNNING_FURNITURE = "\f\f\f\f\f"
#: The lines that stand for a page break, a pause or removed furniture: no text of their own.
MARKERS = frozenset({FURNITURE, PADDING, RUNNING_FURNITURE, PAGE_BREAK, PAUSE})
#: The most blank lines held back in case a running header or footer follows them.
MAX_PADDING = 16


def is_page_furniture(line: str, keys: frozenset[str]) -> bool:
    """Whether ``line``, next to a page break, is blank, a page number or one of the page
    headers and footers ``keys`` (``Profile.furniture``)."""
    stripped = line.strip()
    return not stripped or fur.is_page_number(stripped) or furniture_key(line) in keys


def strip_page_furniture(lines: Iterable[str], profile: Profile) -> Iterator[str]:
    """Drop page numbers and repeating headers/footers around page breaks (form feeds).

    Holds at most a few lines back, so a page footer can be dropped once the
    page break after it arrives. The document's start counts as a page break.
    """
    keys = profile.furniture
    held: deque[str] = deque()
    after_break = True
    # The headers dropped since the break: the same line again under them is the page's own
    # text, the headline Chromium's header repeats as the page's title ("11/11/24, 6:58 AM"
    # / "Announcing Rust 1.0" / "Announcing Rust 1.0" / "By …"). In the training corpus's
    # PDFs, 279 headlines were lost so, and no header was printed twice in a row.
    dropped_keys: set[str] = set()
    for line in lines:
        if line is PAUSE:
            yield from held
            held.clear()
            yield PAUSE
            continue
        if line == PAGE_BREAK:
            dropped = 0
            while held and is_page_furniture(held[-1], keys):
                held.pop()
                dropped += 1
            yield from held
            held.clear()
            yield from [FURNITURE] * dropped
            yield PAGE_BREAK
            after_break = True
            dropped_keys.clear()
            continue
        if after_break:
            if is_page_furniture(line, keys):
                key = furniture_key(line)
                if key not in keys:
                    yield FURNITURE
                    continue
                if key not in dropped_keys:
                    dropped_keys.add(key)
                    yield FURNITURE
                    continue
            after_break = False
        held.append(line)
        if len(held) > 8:
            yield held.popleft()
    yield from held


def strip_running_furniture(lines: Iterable[str], keys: frozenset[str]) -> Iterator[str]:
    """Drop the running page headers and footers ``keys`` (``furniture.running_furniture``)
    of text without form feeds, and the blank lines that pad them, so that a paragraph a page
    cut goes on (rule ``running-header``). Holds back at most ``MAX_PADDING`` blank lines."""
    # The characters a line of one of the keys may start with (a digit for "#"): most lines
    # are told apart by their first, without the key of each.
    starts = {key[0] for key in keys if key}
    if "#" in starts:
        starts.update("0123456789")
    longest = fur.RUNNING_LINE_CHARS
    pending: deque[str] = deque()  # blank lines that a header or footer may follow
    padding = False  # just after a header or footer: blank lines are the page's padding
    for line in lines:
        if line is PAUSE:
            yield from pending
            pending.clear()
            yield PAUSE
            continue
        if line in MARKERS:
            # Page furniture the form feeds showed, or a page break: the blank lines next to
            # it pad the page too.
            yield from [PADDING] * len(pending)
            pending.clear()
            yield line
            padding = True
            continue
        stripped = line.strip()
        if not stripped:
            if padding:
                yield PADDING
                continue
            pending.append(line)
            if len(pending) > MAX_PADDING:
                yield pending.popleft()
            continue
        if (
            stripped[0] in starts
            and len(stripped) <= longest
            # (A bare page number among other numbers alone is taken by its text: the keys
            # mask digits, so no key is a number's text.)
            and (fur.running_key(stripped) in keys or stripped in keys)
        ):
            yield from [PADDING] * len(pending)
            pending.clear()
            yield RUNNING_FURNITURE
            padding = True
            continue
        if pending:
            yield from pending
            pending.clear()
        padding = False
        yield line
    yield from pending
