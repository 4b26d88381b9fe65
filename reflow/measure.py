# cython: annotation_typing=False
"""How wide a line is on screen, and where its first break opportunity lies."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from .furniture import CREDIT_KEYWORDS
from .wrap import (
    _KEYWORD_LAST,
    _MARKER_START,
    JOINING_LAST,
    KEYWORD_TAIL,
    display_width,
    ends_in_credit_keyword,
    is_marker_word,
    joins_across,
)

# Compiled by Cython (setup.py), this module loads from a shared object: character loops are
# then C loops and beat a regex's character class; as Python, the regex is the faster way.
_COMPILED = not __file__.endswith(".py")

# Wide scripts: a line may break between any two of their characters, and each takes two columns.
# Han, kana, CJK punctuation, full-width forms, Hangul (code point ranges, first and last).
WIDE_RANGES = (
    (0x1100, 0x115F),
    (0x2E80, 0x303E),
    (0x3041, 0x33FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xA960, 0xA97F),
    (0xAC00, 0xD7A3),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFF60),
    (0xFFE0, 0xFFE6),
)
# Hangul syllables: Korean, wrapped at spaces like Latin text.
HANGUL_FIRST, HANGUL_LAST = 0xAC00, 0xD7A3
# is_marker_word's and ends_in_credit_keyword's first looks, as strings: each is asked about
# one character (compiled: a C loop over a few characters).
_MARKER_FIRST = "".join(sorted(_MARKER_START))
_KEYWORD_LAST_CHARS = "".join(sorted(_KEYWORD_LAST))


def is_wide(char: str) -> bool:
    """One character of a wide script (in ``WIDE_RANGES``)."""
    code = ord(char)
    if code < 0x2E80:  # Latin, Greek, Cyrillic, typography: at most two comparisons
        return 0x1100 <= code <= 0x115F
    return (
        code <= 0x303E
        or 0x3041 <= code <= 0x33FF
        or 0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xA960 <= code <= 0xA97F
        or 0xAC00 <= code <= 0xD7A3
        or 0xF900 <= code <= 0xFAFF
        or 0xFE30 <= code <= 0xFE4F
        or 0xFF00 <= code <= 0xFF60
        or 0xFFE0 <= code <= 0xFFE6
    )


def is_cj(char: str) -> bool:
    """One Chinese or Japanese character: joined to its neighbour without a space.

    ``WIDE_RANGES`` without Hangul (which keeps its spaces) and the full-width signs.
    """
    code = ord(char)
    if code < 0x2E80:
        return False
    return (
        code <= 0x303E
        or 0x3041 <= code <= 0x33FF
        or 0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFE30 <= code <= 0xFE4F
        or 0xFF00 <= code <= 0xFF60
    )


def is_hangul(char: str) -> bool:
    """One Hangul syllable."""
    return 0xAC00 <= ord(char) <= 0xD7A3  # HANGUL_FIRST, HANGUL_LAST


def _class_of(ranges: tuple[tuple[int, int], ...]) -> str:
    return "[" + "".join(f"{chr(first)}-{chr(last)}" for first, last in ranges) + "]"


@cache
def _search_wide() -> Callable[[str], re.Match[str] | None]:
    # Compiled on first use: a class of 40,000 code points takes re several milliseconds.
    return re.compile(_class_of(WIDE_RANGES)).search


@cache
def _search_hangul() -> Callable[[str], re.Match[str] | None]:
    return re.compile(_class_of(((HANGUL_FIRST, HANGUL_LAST),))).search


def has_wide(text: str) -> bool:
    """Whether any character of ``text`` is wide (compiled: one C loop; as Python: a regex)."""
    if _COMPILED:
        return _has_wide_by_characters(text)
    return _search_wide()(text) is not None


def _has_wide_by_characters(text: str) -> bool:
    # A plain loop, as Cython makes it a C loop (a generator would be a closure).
    for char in text:  # noqa: SIM110
        if char >= "\u1100" and is_wide(char):
            return True
    return False


def has_hangul(text: str) -> bool:
    """Whether ``text`` holds a Hangul syllable (compiled: one C loop; as Python: a regex)."""
    if _COMPILED:
        return _has_hangul_by_characters(text)
    return _search_hangul()(text) is not None


def _has_hangul_by_characters(text: str) -> bool:
    # A plain loop, as Cython makes it a C loop (a generator would be a closure).
    for char in text:  # noqa: SIM110
        if char >= "\uac00" and is_hangul(char):
            return True
    return False


def width(line: str) -> int:
    """Display columns of ``line`` without its trailing blanks."""
    if line.isascii():
        # ``len(line.rstrip())``, counted without making the stripped copy.
        end = len(line)
        while end and line[end - 1].isspace():
            end -= 1
        return end
    # Columns as the wrapper counts them (wide characters and emoji two, combining marks and
    # zero-width ones none): a line reflow filled must read back as full ("हिन्दी" is four
    # columns, not six characters).
    return display_width(line.rstrip())


# Chinese and Japanese line breaking (kinsoku): closing punctuation and brackets never start a
# line, opening brackets never end one.
_NO_LINE_START = frozenset("、。，．：；？！）］｝〕〉》」』】〙〗〟｠’”・ー…‥々")
_NO_LINE_END = frozenset("（［｛〔〈《「『【〘〖〝｟‘“")


def breaks_between_cj(left: str, right: str) -> bool:
    """Whether a line may end between the characters ``left`` and ``right``: both Chinese or
    Japanese, neither an ideographic space (a blank the reader strips at a line's end or
    start), and no closing punctuation starting the next line, no opening bracket ending this
    one."""
    return (
        is_cj(left)
        and is_cj(right)
        and left != "\u3000"
        and right != "\u3000"
        and right not in _NO_LINE_START
        and left not in _NO_LINE_END
    )


def first_unit_width(text: str, hangul_words: bool = True, cj_words: bool = False) -> int:
    """Columns that must move up together to join the previous line: a word or a wide character.

    A Korean word moves whole, as Korean is wrapped at spaces, unless ``hangul_words`` is
    false (text wrapped by character: then a syllable is enough). Chinese and Japanese move a
    character at a time, unless ``cj_words``: text wrapped at spaces only (pandoc, lynx), where
    a run of them up to a space moves whole.

    A word that must not start a line ("1984.", "(4)", "#") travels with the word before it,
    as reflow's own wrapping keeps them (so that its re-wrapped output reads back the same);
    so does a word after one that the reader would join to it across a break ("pre- and").
    """
    text = text.lstrip()
    space = text.find(" ")
    if text.isascii():
        size = len(text) if space < 0 else space
    else:
        word = text if space < 0 else text[:space]
        if word.isascii():
            size = len(word)
        elif is_wide(word[0]) and not (
            (hangul_words and is_hangul(word[0])) or (cj_words and is_cj(word[0]))
        ):
            # Chinese and Japanese break between any two of their characters ("中" of "中文"),
            # and a syllable is enough where Korean was wrapped by character. A Chinese or
            # Japanese character glued to other letters ("中teacher") is no such pair: the
            # word moves whole, as reflow's own wrapping keeps it.
            # A closing mark after the character moves up with it, as reflow's own
            # wrapping keeps them together.
            if not is_cj(word[0]):
                return 2
            for index in range(1, len(word)):
                if breaks_between_cj(word[index - 1], word[index]):
                    return display_width(word[:index])
            size = display_width(word)
        else:  # Korean keeps its words whole, between spaces (and so do CJ ``cj_words``)
            size = display_width(word)
    length = len(text)
    while space >= 0:
        end = text.find(" ", space + 1)
        start = space + 1
        stop = length if end < 0 else end
        # The cheap first looks of is_marker_word and ends_in_credit_keyword, in line: the
        # word's first characters, and the keyword's last (a line ends in a keyword only when
        # it ends in one of its spellings, or in a colon).
        last = text[space - 1]  # text is stripped at the start: space > 0
        if not (
            (
                start < stop
                and (
                    text[start] in _MARKER_FIRST
                    or text[start].isdigit()
                    or (stop - start == 2 and text[start + 1] in ".)")
                )
                and is_marker_word(text[start:stop])
            )
            or (
                last in _KEYWORD_LAST_CHARS
                and (last == ":" or text.endswith(CREDIT_KEYWORDS, 0, space))
                and ends_in_credit_keyword(text[max(0, space - KEYWORD_TAIL) : space])
            )
            or (
                (last in JOINING_LAST or last >= "\x80" or (start < stop and text[start].isspace()))
                # (Where Chinese and Japanese were wrapped at spaces, a break there keeps the
                # space: two runs apart need not travel together.)
                and not (cj_words and start < stop and is_cj(last) and is_cj(text[start]))
                and joins_across(text[max(0, space - 2) : space], text[start:stop])
            )
        ):
            break
        size += 1 + display_width(text[start:stop])
        space = end
    return size


def lone_word(line: str, page_width: float) -> bool:
    """A line of one word on a page ``page_width`` columns wide: no space in it, and, in
    Chinese or Japanese (words that take no spaces between them), not a full line: a
    seed-style page sets a paragraph's text up to its first space alone, or its first
    character."""
    if " " in line:
        return False
    return line.isascii() or width(line) + 2 <= page_width


def is_cj_pair(left: str, right: str) -> bool:
    """Both sides of a line break are Chinese or Japanese: join them without a space."""
    return bool(left and right and is_cj(left[-1]) and is_cj(right[0]))


def is_hangul_pair(left: str, right: str) -> bool:
    """Both sides of a line break are Hangul syllables."""
    return bool(left and right and is_hangul(left[-1]) and is_hangul(right[0]))
