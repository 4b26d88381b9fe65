"""Re-wrap one paragraph at a display width, never starting a line with Markdown markup."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

# A word that would make Markdown structure (or a new list, heading or quote when reflow reads
# its own output again) if it started a line. Such a word is glued to the word before it.
_MARKER_WORD = re.compile(
    r"""(?x)
    \#{1,6}                 # ATX heading
    | [-+*]                 # bullet
    | \d{1,9}[.)]           # ordered item: "1984." would start a list
    | [a-zA-Z][.)]          # "a)" items, read as lists by reflow
    | [=\-]+                # setext underline or thematic break
    | [*_]{3,}              # thematic break
    | [>|<•▪◦·]\S*          # quote, table row, HTML block, bullets
    | ```.* | ~~~.*         # fences
    """
)


def is_marker_word(word: str) -> bool:
    """True for a word that must not start a wrapped line."""
    return _MARKER_WORD.fullmatch(word) is not None


@lru_cache(maxsize=4096)
def _wide_width(word: str) -> int:
    from wcwidth import wcswidth

    width = wcswidth(word)
    return width if width >= 0 else len(word)


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide CJK characters count 2."""
    if text.isascii():
        return len(text)
    return _wide_width(text)


def wrap(
    text: str,
    width: int,
    *,
    initial: int = 0,
    subsequent: int = 0,
    must_not_start: Callable[[str], bool] = is_marker_word,
) -> list[str]:
    """Greedy fill of ``text`` (words separated by single spaces) into lines of ``width`` columns.

    ``initial``/``subsequent`` are the columns already taken on the first and
    later lines (for prefixes). A word longer than the line stays whole; a word
    for which ``must_not_start`` is true travels with the word before it. For
    ASCII text the result equals ``textwrap3.wrap(text, width,
    break_long_words=False, break_on_hyphens=False)``.
    """
    if width <= 0 or not text:
        return [text] if text else []
    words = text.split(" ")
    units: list[str] = []
    for word in words:
        if not word:
            continue
        if units and must_not_start(word):
            units[-1] = units[-1] + " " + word
        else:
            units.append(word)
    lines: list[str] = []
    current: list[str] = []
    used = 0
    room = width - initial
    for unit in units:
        size = display_width(unit)
        if current and used + 1 + size > room:
            lines.append(" ".join(current))
            current, used, room = [unit], size, width - subsequent
        elif current:
            current.append(unit)
            used += 1 + size
        else:
            current, used = [unit], size
    if current:
        lines.append(" ".join(current))
    return lines
