# cython: annotation_typing=False
"""What the break decision asks of one tidy line alone (furniture, sentence end), as bits."""

from __future__ import annotations

import re

from . import furniture as fur

# What the break decision (``paragraphs._Builder.decide``) asks of one tidy line alone, as bits
# of an int (``line_facts``).
SEP = 1  # a separator, under 60 characters
JUNK = 2  # page chrome, under 60 characters
PH = 4  # an image or widget placeholder
BY = 8  # a byline
MAYBE_PH = 16  # the cheap first look for a placeholder
CREDIT_KW = 32  # ends in a credit keyword ("Credit", "Photo:")
CREDIT_END = 64  # ends with its credit ("(Image: GETTY)")
DATELINE = 128  # a dateline place alone, under 40 characters
ENDS = 256  # ends a sentence
STRICT = 512  # ends a sentence, not with a colon
TIMESTAMP = 1024  # only dates its page ("Published June 6, 2020"), under 60 characters
STANDS_ALONE = SEP | JUNK | PH | BY  # furniture: a line that stands alone

# Sets of characters, as strings.
_SEPARATOR_FIRST = "".join(sorted(fur._SEPARATOR_CHARS))
_CJ_BYLINE_FIRST = fur.CJ_BYLINE_FIRST_CHARS
_JUNK_FIRST = "".join(sorted(fur.JUNK_FIRST_CHARS))
# The first three letters of furniture._JUNK's phrases, in lower case: a line that starts with
# three other ASCII characters is no junk (IGNORECASE matches no other ASCII to them). Two
# letters let through most lines that open with "Co", "Re" or "Pr", and the pattern is slow.
_JUNK_STARTS = frozenset("adv spo con sha sup ski rea rel twe ema pri com sub sig log".split())
_TITLES = fur._TITLES
# The longest title: a longer word is none (``lower`` makes no word shorter).
_TITLE_LONGEST = max(map(len, _TITLES))
_CREDIT_LAST = "".join(sorted(fur.CREDIT_LAST_CHARS))
_CREDIT_KEYWORDS = fur.CREDIT_KEYWORDS
# The keywords by their last letter: a line that ends in that letter can end in only these.
_CREDIT_KEYWORDS_BY_LAST = {
    last: tuple(word for word in _CREDIT_KEYWORDS if word[-1] == last)
    for last in {word[-1] for word in _CREDIT_KEYWORDS}
}
_TERMINAL = "".join(sorted(fur._TERMINAL))
_CLOSERS = fur._CLOSERS
# An image file's name (``names_image``).
_IMAGE_HINT = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|avif)", re.IGNORECASE)
# The characters that can follow the dot where _IMAGE_HINT matches ("ſ" is an "s" to it).
_IMAGE_HINT_SECOND = frozenset("jpgwsaJPGWSA\u017f")
_is_separator, _is_junk, _dateline_word = fur.is_separator, fur.is_junk, fur.dateline_word
_is_placeholder, _is_byline = fur.is_placeholder, fur.is_byline
_is_timestamp = fur.is_timestamp
_ends_with_credit_keyword, _ends_with_credit = fur.ends_with_credit_keyword, fur.ends_with_credit

# Which of those sets a character is in, as bits (``_char_class``).
_IN_SEPARATOR_FIRST = 1
_IN_JUNK_FIRST = 2
_IN_CREDIT_LAST = 4
_IN_TERMINAL = 8
_IN_CLOSERS = 16
_IN_IMAGE_HINT_SECOND = 32


def _classes_of(char: str) -> int:
    """The ``_IN_*`` bits of one character."""
    return (
        (_IN_SEPARATOR_FIRST if char in _SEPARATOR_FIRST else 0)
        | (_IN_JUNK_FIRST if char in _JUNK_FIRST else 0)
        | (_IN_CREDIT_LAST if char in _CREDIT_LAST else 0)
        | (_IN_TERMINAL if char in _TERMINAL else 0)
        | (_IN_CLOSERS if char in _CLOSERS else 0)
        | (_IN_IMAGE_HINT_SECOND if char in _IMAGE_HINT_SECOND else 0)
    )


# The bits of the ASCII characters, looked up by code point (one character each).
_ASCII_CLASSES = "".join([chr(_classes_of(chr(code))) for code in range(128)])


def _char_class(char: str) -> int:
    """``_classes_of(char)``: looked up for ASCII (compiled: an array read)."""
    code = ord(char)
    if code < 128:
        return ord(_ASCII_CLASSES[code])
    return _classes_of(char)


def names_image(line: str) -> bool:
    """``_IMAGE_HINT.search(line) is not None``: searched from the first dot that may start it.

    Most lines have a dot or two, and none of an image name; the regex is not asked about them.
    """
    size = len(line)
    dot = line.find(".")
    while 0 <= dot < size - 1:
        if _char_class(line[dot + 1]) & _IN_IMAGE_HINT_SECOND:
            return _IMAGE_HINT.search(line, dot) is not None
        dot = line.find(".", dot + 1)
    return False


def line_facts(line: str) -> int:
    """The ``SEP`` ... ``STRICT`` bits of a tidy line (stripped, not empty).

    Each is the furniture test ``decide`` makes, behind a cheap look at the characters that
    test needs (for a stripped line); tests/test_paragraph_fast_paths.py checks they agree.
    """
    facts = 0
    first, last = line[0], line[-1]
    head, tail = _char_class(first), _char_class(last)
    size = len(line)
    if size < 60:
        if head & _IN_SEPARATOR_FIRST and _is_separator(line):
            facts = SEP
        if (
            head & _IN_JUNK_FIRST
            and (line[:3].lower() in _JUNK_STARTS or not line[:3].isascii())
            and _is_junk(line)
        ):
            facts |= JUNK
        # _DATELINE_WORD's first two characters: capitals, or a capital and one of ".'’-".
        if (
            size < 40
            and "A" <= first <= "Z"
            and size > 1
            and ("A" <= line[1] <= "Z" or line[1] in ".'’-")
            and _dateline_word(line)
        ):
            facts |= DATELINE
        # A timestamp's last character: a digit, "PM", "EST", "UTC", "Uhr", "日", "发布", or the
        # "." of "a.m." (asked apart: most short lines end in a full stop); and it has a digit
        # (a lone word ending in "t" has none). Literals: compiled, switches.
        if (
            last.isdigit()
            or (
                (last in "mMtTcCr日布新" or (last == "." and size > 1 and line[size - 2] in "mM"))
                and _has_digit(line)
            )
        ) and _is_timestamp(line):
            facts |= TIMESTAMP
    if last == "]" or names_image(line):
        facts |= MAYBE_PH | PH if _is_placeholder(line) else MAYBE_PH
    if (
        ((first == "B" or first == "b") and line[:3].lower() == "by ") or first in _CJ_BYLINE_FIRST
    ) and _is_byline(line):
        facts |= BY
    if (
        tail & _IN_CREDIT_LAST
        and (
            line[:-1].rstrip().endswith(_CREDIT_KEYWORDS)
            if last == ":"
            else line.endswith(_CREDIT_KEYWORDS_BY_LAST.get(last, ()))
        )
        and _ends_with_credit_keyword(line)
    ):
        facts |= CREDIT_KW
    if last == ")" and _ends_with_credit(line):
        facts |= CREDIT_END
    # The line without its closing quotes and brackets ends at ``stop``.
    stop = size
    if tail & _IN_CLOSERS:
        stop -= 1
        while stop and _char_class(line[stop - 1]) & _IN_CLOSERS:
            stop -= 1
    if stop:
        end = line[stop - 1]
        if end == ".":
            # Not ``_abbreviated``: a title ("Mr.") or a lone initial ("John F.") ends no sentence.
            # The last word, before its dot and without the quotes or bracket it opens with:
            start = line.rfind(" ", 0, stop) + 1
            while start < stop - 1 and line[start] in "“‘\"'(":
                start += 1
            length = stop - 1 - start
            if not (length == 1 and line[start].isupper()) and (
                length > _TITLE_LONGEST or line[start : stop - 1].lower() not in _TITLES
            ):
                facts |= ENDS | STRICT
        elif _char_class(end) & _IN_TERMINAL:
            facts |= ENDS if end == ":" else ENDS | STRICT
    return facts


def _has_digit(line: str) -> bool:
    # A loop, not any(...): a compiled function holds no generator.
    for char in line:  # noqa: SIM110
        if "0" <= char <= "9" or char.isdigit():
            return True
    return False


def maybe_placeholder(line: str) -> bool:
    """Cheap first look: a bracketed token, or an image file name."""
    return line[-1] == "]" or names_image(line)


#: The last ``is_title_case`` question and answer: ``decide`` may ask twice about one line.
_title_case_text = ""
_title_case_answer = False


def is_title_case(text: str) -> bool:
    """Most words of four letters or more start with a capital: a headline."""
    global _title_case_text, _title_case_answer
    if text is _title_case_text:
        return _title_case_answer
    # The first characters of the words of four characters or more (between single spaces),
    # of which those that are letters count: at least three, and four in five of them capitals.
    letters = capitals = 0
    run = 0  # characters of the current word so far
    initial = " "
    for char in text:
        if char == " ":
            run = 0
        elif run == 0:
            initial = char
            run = 1
        else:
            run += 1
            if run == 4 and initial.isalpha():
                letters += 1
                if initial.isupper():
                    capitals += 1
    answer = letters >= 3 and capitals >= 0.8 * letters
    _title_case_text, _title_case_answer = text, answer
    return answer
