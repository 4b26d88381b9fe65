# cython: annotation_typing=False
# (Compiled, wrap.pxd gives the C types: an ``int`` annotation could not agree with them.)
"""Re-wrap one paragraph at a display width, never starting a line with Markdown markup."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from .furniture import (
    BULLETS,
    CREDIT_KEYWORDS,
    CREDIT_LAST_CHARS,
    PATH_CUTS,
    continues_path,
    ends_with_credit_keyword,
    is_byline,
    may_end_in_path,
)

# A word that would make Markdown structure (or a new list, heading or quote when reflow reads
# its own output again) if it started a line. Such a word is glued to the word before it.
# (The bullets are the ones reflow reads a list item by: furniture.BULLETS.)
_MARKER_WORD = re.compile(
    r"""(?x)
    \#{1,6}                 # ATX heading
    | [-+*]                 # bullet
    | \d{1,9}[.)]           # ordered item: "1984." would start a list
    | [a-zA-Z][.)]          # "a)" items, read as lists by reflow
    | \(\w{1,3}\)            # "(4)" items, read as lists by reflow
    | [=\-]+                # setext underline or thematic break
    | [*_]{3,}              # thematic break
    | [>|<·BULLETS]\S*       # quote, table row, HTML block, bullets
    | ```.* | ~~~.*         # fences
    | \[[^\]\s]*\]\S*         # "[2]Set", "[IMG]": an image or link number set apart
    | [:~]                  # definition: ": text" under a line makes that line its term
    """.replace("BULLETS", BULLETS)
)


# The first characters a marker word can have (besides digits, and "a)" / "B." pairs): a word
# starting otherwise skips the regex. Keep in step with _MARKER_WORD.
_MARKER_START = frozenset("#-+*=_>|<·`~([:" + BULLETS)


# A caption's credit keyword ("… on Tuesday. Photo:" / "Ann Lee/AP") at the end of a line reads
# back as a caption and its credit: the word after the keyword travels with it. The keywords
# are furniture's; a line ending in one ends with one of these (a cheap first look).
_KEYWORD_LAST = CREDIT_LAST_CHARS
_KEYWORD_ENDINGS = tuple(word + colon for word in CREDIT_KEYWORDS for colon in ("", ":"))
#: How much of a line's end to look at for one: the longest keyword with its colon.
KEYWORD_TAIL = max(map(len, _KEYWORD_ENDINGS))


def ends_in_credit_keyword(tail: str) -> bool:
    """``tail`` (a line, or its last few characters) ends right at a credit keyword."""
    return tail[-1:] in _KEYWORD_LAST and ends_with_credit_keyword(tail)


def joins_across(left: str, right: str) -> bool:
    """Whether reflow, reading a line that ends in ``left`` before one that starts with
    ``right``, reads the break as anything but the one space it was: it joins the two without
    a space (``joining.Joiner.append``) after a hyphen between letters or digits ("pre-" |
    "and" reads back as "pre-and"), a soft hyphen, a lone backslash (a hard break), between two
    Chinese or Japanese characters; and it strips a blank other than a space at a line's end
    or start (an ideographic space, a tab). The wrapper never breaks a line there.

    ``left`` is the end of the text before the break (two characters are enough), ``right`` the
    text after it (one is enough).
    """
    last = left[-1:]
    if not last or not right:
        return False
    first = right[0]
    # (The space is the break itself; a no-break space the wrapper strips from a line's end.)
    if (last.isspace() and last not in " \u00a0") or (first.isspace() and first not in " \u00a0"):
        return True
    if last == "-":
        return len(left) > 1 and left[-2].isalnum() and right[0].isalnum()
    if last == "\\":
        return not left.endswith("\\\\")
    if last == "\u00ad":
        return True
    if last >= "\u2e80" and right[0] >= "\u2e80":
        from .measure import is_cj  # (measure imports this module)

        return is_cj(last) and is_cj(right[0])
    return False


def cuts_path(text: str, space: int) -> bool:
    """Whether a line ending at the space at ``space`` reads back as a URL or path cut after
    ``/ - . _`` that the next line goes on with (``furniture.continues_path``, rule
    ``path-rejoined``): the reader would join the two words without the space (``… si.com/`` +
    ``11/16``). The wrapper never breaks a line there."""
    last = text[space - 1 : space]
    if not last or last not in PATH_CUTS or not may_end_in_path(text, space):
        return False
    return continues_path(text[max(0, space - 300) : space], text[space + 1 : space + 301])


#: The blanks of one column besides the space and the no-break space (``is_narrow`` text).
NARROW_BLANKS = "\t\n\x0b\x0c\x1c\x1d\x1e\x1f"
#: The last characters of the text before a break that ``joins_across`` may refuse it after
#: (besides the wide ones, from U+2E80 on, and the blanks past ASCII); and the first
#: characters after it, the blanks.
JOINING_LAST = "-\\\u00ad" + NARROW_BLANKS


def is_marker_word(word: str) -> bool:
    """True for a word that must not start a wrapped line."""
    first = word[:1]
    if first in _MARKER_START or first.isdigit() or (len(word) == 2 and word[1] in ".)"):
        return _MARKER_WORD.fullmatch(word) is not None
    return False


# Characters outside ASCII that take exactly one column (Latin-1 but the soft hyphen, Latin
# Extended-A/B, Cyrillic letters, general punctuation: dashes, quotes, bullet, ellipsis). Text
# with no other non-ASCII character is as wide as it is long; tests/test_performance_contracts.py
# checks every one against wcwidth.
NARROW_NON_ASCII = "\u00a0-\u00ac\u00ae-\u024f\u0400-\u0482\u2010-\u2027"
#: Text of those characters only. (A possessive run of one class is about twice as fast as a
#: search for a character outside it.)
_NARROW = re.compile(f"[\\x00-\\x7f{NARROW_NON_ASCII}]*+")
# Compiled by Cython (setup.py), this module loads from a shared object, where a loop over the
# characters is a C loop and beats the regex's character class.
_COMPILED = not __file__.endswith(".py")


def is_narrow(text: str) -> bool:
    """Every character of ``text`` takes one column: ASCII or ``NARROW_NON_ASCII``."""
    if text.isascii():
        return True
    if _COMPILED:
        return _narrow_by_characters(text)
    return _NARROW.fullmatch(text) is not None


def _narrow_by_characters(text: str) -> bool:
    """``is_narrow`` for text that is not ASCII, one character at a time."""
    # A plain loop, as Cython makes it a C loop (a generator would be a closure).
    for char in text:
        if char >= "\x80" and not (
            "\u00a0" <= char <= "\u00ac"
            or "\u00ae" <= char <= "\u024f"
            or "\u0400" <= char <= "\u0482"
            or "\u2010" <= char <= "\u2027"
        ):
            return False
    return True


def _wide_width(text: str) -> int:
    # Words repeat, and are cached; a line or a long run of Chinese is not (the cache would
    # hold every one of them: 70 MB for one line of 50,000 characters cut into lines).
    return _word_width(text) if len(text) <= 64 else _columns(text)


@lru_cache(maxsize=4096)
def _word_width(word: str) -> int:
    return _columns(word)


def _columns(text: str) -> int:
    from wcwidth import wcswidth

    width = wcswidth(text)
    return width if width >= 0 else len(text)


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide CJK characters count 2."""
    # Curly quotes, dashes and accented letters are one column each: no need to load wcwidth
    # (~20 ms) for the typography of ordinary text.
    if is_narrow(text):
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
    """``_fill``, but with the default rule a first line that is a byline by itself (``By Ann
    Lee`` of ``By Ann Lee and Bo Park``) takes the next word or two if that makes it none
    (``By Ann Lee and``): the reader takes a byline line for a block of its own, and a second
    run would write two blocks. (Ending it earlier would not do: a line that had room for the
    next word reads as a paragraph's end.)"""
    lines = _fill(text, width, initial, subsequent, must_not_start)
    if len(lines) > 1 and must_not_start is is_marker_word and _alone_reads_apart(lines[0]):
        # (No space where the line ended inside a word: Chinese or Japanese glued to an
        # image's "[name]" was cut between two of its characters.)
        head = lines[0]
        inside = text.startswith(head) and not text[len(head) : len(head) + 1].isspace()
        glue = "" if inside else " "
        lines[:2] = [lines[0] + glue + lines[1]]
    if (
        must_not_start is not is_marker_word
        or len(lines) < 2
        or lines[0][:3].lower() != "by "
        or not is_byline(lines[0])
        or not text.startswith(lines[0] + " ")
    ):
        return lines
    words = text.split(" ")
    taken = lines[0].count(" ") + 1  # the words of the first line
    # (Not the whole byline: a line past the width where a word could go to the next.)
    for more in range(taken + 1, min(taken + 2, len(words) - 1) + 1):
        if not is_byline(" ".join(words[:more])):
            rest = " ".join(words[more:])
            return [
                " ".join(words[:more]),
                *_fill(rest, width, subsequent, subsequent, must_not_start),
            ]
    return lines  # "By Ann Lee | Updated …": every start is a byline, the whole a long line


def _alone_reads_apart(line: str) -> bool:
    """A first line that, alone over a word longer than the line, reads back as a block of
    its own: a marker ("*": a separator) or one word ending in a colon ("Payload:" over a
    hash: a label), escaped or not (``\\*`` read back alone is a separator too). It keeps the
    word after it, past the width."""
    return (
        is_marker_word(line)
        or (line[-1:] == ":" and " " not in line)
        or ("\\" in line and is_marker_word(line.replace("\\", "")))
    )


def _fill(
    text: str,
    width: int,
    initial: int,
    subsequent: int,
    must_not_start: Callable[[str], bool],
) -> list[str]:
    """Greedy fill of ``text`` (words separated by single spaces) into lines of ``width`` columns.

    ``initial``/``subsequent`` are the columns already taken on the first and
    later lines (for prefixes). A word longer than the line stays whole; a word
    for which ``must_not_start`` is true travels with the word before it (by
    default, also the word after a caption's credit keyword). For ASCII text and
    a ``must_not_start`` of its own, the result equals ``textwrap3.wrap(text,
    width, break_long_words=False, break_on_hyphens=False)``.
    """
    if width <= 0 or not text:
        return [text] if text else []
    if is_narrow(text) and "  " not in text and text[0] != " " and text[-1] != " ":
        lines = _fill_narrow(text, width - initial, width - subsequent, must_not_start)
        if "\u00a0" in text:
            # A no-break space before a break would end a line, where a second run strips it.
            lines = [line.rstrip() for line in lines]
        return lines
    words = text.split(" ")
    default = must_not_start is is_marker_word
    units: list[str] = []
    for word in words:
        if not word:
            continue
        if units and (
            must_not_start(word)
            or (
                default
                and (
                    ends_in_credit_keyword(units[-1][-KEYWORD_TAIL:])
                    or joins_across(units[-1][-2:], word)
                    or (
                        units[-1][-1] in PATH_CUTS
                        and cuts_path(units[-1] + " " + word, len(units[-1]))
                    )
                )
            )
        ):
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
            # (A word in Latin letters glued to Chinese or Japanese, "Phoneの最大の…", breaks
            # between its wide characters too: kept whole, a line that stopped short of it read
            # back as a paragraph's end.)
            if default and max(unit) >= "\u2e80":
                cut = _cj_cut(unit, 0, room - used - 1)
                if cut:
                    head, unit = unit[:cut], unit[cut:]
                    current.append(head)
                    size -= display_width(head)
            lines.append(" ".join(current))
            current, used, room = [], 0, width - subsequent
        if current:
            current.append(unit)
            used += 1 + size
            continue
        # Chinese and Japanese break between any two of their characters, as the reader
        # expects (a line that could have taken the next character reads as a paragraph end).
        start = 0
        while (
            default
            and size > room
            and (unit[start] >= "\u2e80" or (start == 0 and max(unit) >= "\u2e80"))
        ):
            cut = _cj_cut(unit, start, room, line_start=True)
            if cut == start:
                break
            head = unit[start:cut]
            lines.append(head)
            size -= display_width(head)
            start, room = cut, width - subsequent
        if start:
            unit = unit[start:]
        current, used = [unit], size
    if current:
        lines.append(" ".join(current))
    return [line.rstrip() for line in lines]


def _cj_cut(unit: str, start: int, columns: int, line_start: bool = False) -> int:
    """Where the longest piece of ``unit`` from ``start`` within ``columns`` ends between two
    Chinese or Japanese characters where a line may end (``measure.breaks_between_cj``; the
    reader joins them again without a space); ``start`` when there is none. At a
    ``line_start`` the first such piece is taken even when it is wider (as a word longer than
    the line is). (An index, not the rest: a long run of Chinese cut into lines is not copied
    again at every line.)"""
    from .measure import breaks_between_cj  # (measure imports this module)

    taken = 0
    cut = start
    for index in range(start, len(unit) - 1):
        char = unit[index]
        taken += display_width(char)
        if taken > columns and (cut > start or not line_start):
            break
        if breaks_between_cj(char, unit[index + 1]):
            cut = index + 1
    return cut


def _fill_narrow(
    text: str, room: int, later_room: int, must_not_start: Callable[[str], bool]
) -> list[str]:
    """``wrap`` for text of one-column characters and single spaces, a line at a time.

    A line may end at a space whose next word may start a line; it takes the last such space
    that keeps it within ``room`` columns, or else the first one (a unit longer than the line).
    That is the word-by-word greedy fill without a Python step per word.
    """
    quick = must_not_start is is_marker_word
    marker_start = _MARKER_START
    lines: list[str] = []
    size = len(text)
    start = 0
    while True:
        limit = start + room
        if limit >= size:
            lines.append(text[start:])
            return lines
        # (a negative end would count from the end of the text)
        cut = text.rfind(" ", start + 1, limit + 1) if limit > start else -1
        while cut > 0:
            # Whether the word after the space may start a line. First is_marker_word's own
            # first test, without building the word: most words pass it.
            if quick:
                if (
                    text[cut - 1] in _KEYWORD_LAST  # cheap first look: a keyword's last character
                    and text.endswith(_KEYWORD_ENDINGS, 0, cut)
                    and ends_in_credit_keyword(text[max(0, cut - KEYWORD_TAIL) : cut])
                ):
                    cut = text.rfind(" ", start + 1, cut)  # a credit keyword keeps its word
                    continue
                if (
                    text[cut - 1] in JOINING_LAST or text[cut + 1] in NARROW_BLANKS
                ) and joins_across(text[max(0, cut - 2) : cut], text[cut + 1]):
                    cut = text.rfind(" ", start + 1, cut)  # "pre- and" would read back "pre-and"
                    continue
                if text[cut - 1] in PATH_CUTS and cuts_path(text, cut):
                    cut = text.rfind(" ", start + 1, cut)  # a path would take the next word
                    continue
                first = text[cut + 1]
                if not (
                    first in marker_start
                    or first.isdigit()
                    or cut + 2 >= size  # a one-letter last word
                    or text[cut + 2] in ".)"
                ):
                    break
            end = text.find(" ", cut + 1)
            if not must_not_start(text[cut + 1 :] if end < 0 else text[cut + 1 : end]):
                break
            cut = text.rfind(" ", start + 1, cut)
        if cut < 0:  # nothing fits: the line is the first unit, however long
            cut = text.find(" ", start + 1)
            while cut > 0 and _blocked(text, cut, must_not_start):
                cut = text.find(" ", cut + 1)
            if cut < 0:
                lines.append(text[start:])
                return lines
        lines.append(text[start:cut])
        start = cut + 1
        room = later_room


def _blocked(text: str, space: int, must_not_start: Callable[[str], bool]) -> bool:
    """Whether the word after ``space`` must not start a line (so the line cannot end here)."""
    if must_not_start is is_marker_word and (
        ends_in_credit_keyword(text[max(0, space - KEYWORD_TAIL) : space])
        or joins_across(text[max(0, space - 2) : space], text[space + 1 : space + 2])
        or cuts_path(text, space)
    ):
        return True
    end = text.find(" ", space + 1)
    return must_not_start(text[space + 1 :] if end < 0 else text[space + 1 : end])
