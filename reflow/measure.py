"""How wide a line is on screen, and where its first break opportunity lies."""

from __future__ import annotations

import re

from .furniture import CREDIT_KEYWORDS
from .wrap import (
    _KEYWORD_LAST,
    _MARKER_START,
    KEYWORD_TAIL,
    display_width,
    ends_in_credit_keyword,
    is_marker_word,
)

# Wide scripts: a line may break between any two of their characters, and each takes two columns.
# Han, kana, CJK punctuation, full-width forms, Hangul.
WIDE = re.compile(
    r"[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)
# is_marker_word's and ends_in_credit_keyword's first looks, as strings: each is asked about
# one character (compiled: a C loop over a few characters).
_MARKER_FIRST = "".join(sorted(_MARKER_START))
_KEYWORD_LAST_CHARS = "".join(sorted(_KEYWORD_LAST))
# Chinese and Japanese: joined without a space (Hangul keeps its spaces).
CJ = re.compile(
    r"[\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60]"
)


def width(line: str) -> int:
    """Display columns of ``line`` without its trailing blanks."""
    if line.isascii():
        # ``len(line.rstrip())``, counted without making the stripped copy.
        end = len(line)
        while end and line[end - 1].isspace():
            end -= 1
        return end
    line = line.rstrip()
    if WIDE.search(line) is None:
        return len(line)
    return display_width(line)


def first_unit_width(text: str, hangul_words: bool = True) -> int:
    """Columns that must move up together to join the previous line: a word or a wide character.

    A Korean word moves whole, as Korean is wrapped at spaces, unless ``hangul_words`` is
    false (text wrapped by character: then a syllable is enough).

    A word that must not start a line ("1984.", "(4)", "#") travels with the word before it,
    as reflow's own wrapping keeps them (so that its re-wrapped output reads back the same).
    """
    text = text.lstrip()
    space = text.find(" ")
    if text.isascii():
        size = len(text) if space < 0 else space
    else:
        word = text if space < 0 else text[:space]
        if word.isascii():
            size = len(word)
        elif WIDE.match(word) and not (hangul_words and HANGUL.match(word)):
            return 2  # Chinese and Japanese break between any two characters
        else:  # Korean keeps its words whole, between spaces
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
        ):
            break
        size += 1 + display_width(text[start:stop])
        space = end
    return size


def is_cj_pair(left: str, right: str) -> bool:
    """Both sides of a line break are Chinese or Japanese: join them without a space."""
    if not left or not right or left[-1] < "\u2e80" or right[0] < "\u2e80":
        return False
    return CJ.match(left[-1]) is not None and CJ.match(right[0]) is not None


HANGUL = re.compile(r"[\uac00-\ud7a3]")


def is_hangul_pair(left: str, right: str) -> bool:
    """Both sides of a line break are Hangul syllables."""
    return bool(left and right and HANGUL.match(left[-1]) and HANGUL.match(right[0]))
