# cython: annotation_typing=False
"""Repair each line (ftfy's mojibake, controls and NFC; lynx's apostrophes), typography kept."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING

from .lines import PAUSE

if TYPE_CHECKING:
    import ftfy

# Lines made only of these characters are left alone by ftfy with reflow's settings, so they
# skip it: printable ASCII, tab, and the typography ftfy keeps when uncurl_quotes is off
# (quotes, dashes, ellipsis, bullet, middle dot, prime). tests/test_performance_contracts.py
# proves the shortcut gives the same bytes as repairing every line.
_TYPOGRAPHY = "\u2018\u2019\u201c\u201d\u2010\u2011\u2012\u2013\u2014\u2015\u2026\u2022\u00b7\u2032"
NEEDS_REPAIR = re.compile(f"[^\\t\\x0c\\x20-\\x7e{_TYPOGRAPHY}]")
#: Text of those characters only: ``_CLEAN.fullmatch(text)`` when ``NEEDS_REPAIR`` finds
#: nothing. A possessive run of one class is about twice as fast as the search.
_CLEAN = re.compile(f"[\\t\\x0c\\x20-\\x7e{_TYPOGRAPHY}]*+")

#: The characters besides printable ASCII that the class lets through.
_SAFE_OTHER = "\t\x0c" + _TYPOGRAPHY
# Compiled by Cython (setup.py), this module loads from a shared object, where a loop over the
# characters is a C loop and beats the regex's character class.
_COMPILED = not __file__.endswith(".py")

OnChange = Callable[[int, str, str], None]

# The ASCII characters outside that class: controls other than tab and form feed, and DEL.
_UNSAFE_ASCII = bytes(c for c in range(128) if not (c in (9, 12) or 0x20 <= c <= 0x7E))


def is_clean(text: str) -> bool:
    """``NEEDS_REPAIR.search(text) is None``: whether ftfy leaves every line of ``text`` alone.

    ASCII text is checked by deleting the unsafe bytes (a C loop), several times faster than
    the regex's character class.
    """
    if text.isascii():
        return len(text.encode("ascii").translate(None, _UNSAFE_ASCII)) == len(text)
    if _COMPILED:
        return _clean_by_characters(text)
    return _CLEAN.fullmatch(text) is not None


def _clean_by_characters(text: str) -> bool:
    """``is_clean``, one character at a time."""
    # A plain loop, as Cython makes it a C loop (a generator would be a closure).
    for char in text:  # noqa: SIM110
        if not ("\x20" <= char <= "\x7e" or char in _SAFE_OTHER):
            return False
    return True


# -- lines outside that class that ftfy still leaves alone (accented letters, mostly) --------
# ftfy's mojibake test (ftfy.badness.BADNESS_RE), with which its encoding fix starts, matches
# only text that holds one of _MOJIBAKE_ALONE, or two characters in a row from
# _MOJIBAKE_CHARS (every non-ASCII character the pattern names). Its other fixers change
# only _FIXED_CHARS (ligatures, control characters and so terminal escapes, surrogates) and
# text that is not in NFC. tests/test_performance_contracts.py derives these sets from the
# installed ftfy's pattern and tables, and proves each alternative of the pattern needs them.
_MOJIBAKE_ALONE = "\x80-\x9f\u00c2\u00c3\u0152\u0153"
_MOJIBAKE_CHARS = (
    "\x80-\xfc\u0100-\u0107\u010c-\u0113\u0116-\u011b\u011e\u011f\u0122\u0123"
    "\u012a\u012b\u012f\u0130\u0136\u0137\u0139-\u013e\u0141-\u0143\u0145\u0147"
    "\u014c\u0150\u0152\u0153\u0155\u0158\u015a\u015b\u015e-\u0162\u0164\u0165"
    "\u016a\u016e\u0170\u0172\u0178-\u017e\u0192\u02c6\u02c7\u02d8\u02db-\u02dd"
    "\u0384-\u0386\u0388-\u038a\u038c\u038e\u038f\u0391-\u03c9\u0401-\u045f"
    "\u0490\u0491\u2013-\u2015\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026"
    "\u2030\u2039\u203a\u2044\u20a7\u20ac\u2116\u2122\u2202\u2206\u220f\u2211"
    "\u221a\u221e\u2229\u222b\u2248\u2260\u2261\u2264\u2265\u2310\u2502\u250c"
    "\u2510\u2518\u251c\u2524\u252c\u253c\u2550-\u256c\u2580\u2584\u2588\u258c"
    "\u2590-\u2593\u25ca\uf8ff\ufb01\ufb02\ufffd"
)
_LIGATURES = "\u0132\u0133\u0149\u01c4-\u01cc\u01f1-\u01f3\ufb00-\ufb06"
_FIXED_CHARS = (
    "\x00-\x08\x0b\x0e-\x1f\x7f\u206a-\u206f\ufeff\ufff9-\ufffc\ud800-\udfff" + _LIGATURES
)
#: Where ftfy's attention starts: a lone sign (group 1), or two named characters in a row.
_SIGNS = re.compile(
    f"([{_MOJIBAKE_ALONE}{_FIXED_CHARS}])|[{_MOJIBAKE_CHARS}](?=[{_MOJIBAKE_CHARS}])"
)
#: ``_next_sign``'s answers besides a position: no sign, or a lone sign (ftfy may change it).
_NO_SIGN, _LONE_SIGN = -1, -2
#: The longest text ftfy's mojibake pattern matches (a test reads it off the pattern).
_LONGEST_MOJIBAKE = 7


def ftfy_may_change(line: str) -> bool:
    """False when ftfy, with reflow's settings, certainly returns the one-line ``line`` as it is.

    Text in French, German or Polish is rarely in the safe class, and ftfy's mojibake search
    costs about 17 µs a line. Here its pattern is asked only about the few characters around a
    pair of named characters that one of its alternatives holds side by side ("Ã©", not
    "l’É"); ftfy is loaded only for a line with a pair of named characters.
    """
    import unicodedata

    table = _character_bits() if _COMPILED else ""
    start = 0
    while True:
        found = _next_sign(line, start, table)
        if found == _NO_SIGN:
            return not unicodedata.is_normalized("NFC", line)
        if found == _LONE_SIGN:
            return True
        # Every match holds a lone sign or its alternative's own pair of named characters in
        # a row (tests/test_performance_contracts.py); a pair no alternative has needs no look.
        masks = _pair_masks()
        if masks is None or masks[0].get(line[found], 0) & masks[1].get(line[found + 1], 0):
            # A match that holds the pair starts and ends within _LONGEST_MOJIBAKE of it.
            window = (max(0, found + 2 - _LONGEST_MOJIBAKE), found + _LONGEST_MOJIBAKE)
            if _badness_pattern().search(line, *window) is not None:
                return True
        start = found + 1


@lru_cache(maxsize=1)
def _badness_pattern() -> re.Pattern[str]:
    from ftfy.badness import BADNESS_RE

    return BADNESS_RE


def _pattern_item_chars(item: tuple[object, object]) -> frozenset[str] | None:
    """The characters one parsed regex item (``re._parser``) matches, if it is a character
    or a class of characters and ranges; None for anything else (a category, a negation)."""
    from re import _constants as sre

    op, arg = item
    if op is sre.LITERAL:
        return frozenset(chr(arg))  # type: ignore[arg-type]
    if op is not sre.IN:
        return None
    chars: set[str] = set()
    for inner, value in arg:  # type: ignore[attr-defined]
        if inner is sre.LITERAL:
            chars.add(chr(value))
        elif inner is sre.RANGE:
            chars.update(map(chr, range(value[0], value[1] + 1)))
        else:
            return None
    return frozenset(chars)


@lru_cache(maxsize=1)
def _pair_masks() -> tuple[dict[str, int], dict[str, int]] | None:
    """Read off ftfy's mojibake pattern: by character, the alternatives whose own pair of named
    characters it can start, and those whose pair it can end (a bit each). None when an
    alternative has no such pair and no lone sign: then every pair is looked at."""
    from itertools import pairwise

    pattern = _badness_pattern()
    named = frozenset(map(chr, _class_members(_MOJIBAKE_CHARS)))
    alone = frozenset(map(chr, _class_members(_MOJIBAKE_ALONE)))
    try:  # re._parser is the standard library's own: another Python may shape it otherwise
        from re import _constants as sre
        from re import _parser

        (top,) = _parser.parse(pattern.pattern, pattern.flags).data
    except (ImportError, ValueError, TypeError, AttributeError):
        return None
    if top[0] is not sre.BRANCH:
        return None
    first: dict[str, int] = {}
    second: dict[str, int] = {}
    for bit, alternative in enumerate(top[1][1]):  # type: ignore[index]
        items = [_pattern_item_chars(item) for item in alternative if item[0] is not sre.AT]
        pairs = [
            (left, right)
            for left, right in pairwise(items)
            if left is not None and right is not None and left <= named and right <= named
        ]
        if not pairs:
            if any(chars is not None and chars <= alone for chars in items):
                continue  # ``_next_sign`` reports its lone sign
            return None
        left, right = min(pairs, key=lambda pair: len(pair[0]) * len(pair[1]))
        for char in left:
            first[char] = first.get(char, 0) | 1 << bit
        for char in right:
            second[char] = second.get(char, 0) | 1 << bit
    return first, second


def _next_sign(line: str, start: int, table: str) -> int:
    """Where ``_SIGNS`` first matches ``line`` from ``start``: its position, or _NO_SIGN, or
    _LONE_SIGN when the match is a lone sign."""
    if _COMPILED:
        return _next_sign_by_characters(line, start, table)
    match = _SIGNS.search(line, start)
    if match is None:
        return _NO_SIGN
    return _LONE_SIGN if match.group(1) is not None else match.start()


#: The bits of ``_character_bits``: a character of _MOJIBAKE_CHARS; one of _MOJIBAKE_ALONE or
#: _FIXED_CHARS.
_NAMED, _ALONE = 1, 2


def _class_members(char_class: str) -> list[int]:
    """The code points of a regex class written as characters and ``a-b`` ranges."""
    codes: list[int] = []
    index = 0
    while index < len(char_class):
        if index + 2 < len(char_class) and char_class[index + 1] == "-":
            codes.extend(range(ord(char_class[index]), ord(char_class[index + 2]) + 1))
            index += 3
        else:
            codes.append(ord(char_class[index]))
            index += 1
    return codes


@lru_cache(maxsize=1)
def _character_bits() -> str:
    """``_NAMED`` and ``_ALONE`` bits by code point, a character each, up to the classes' last
    member: a code point past the table's end is in neither class."""
    named = _class_members(_MOJIBAKE_CHARS)
    alone = _class_members(_MOJIBAKE_ALONE + _FIXED_CHARS)
    bits = bytearray(max(*named, *alone) + 1)
    for code in named:
        bits[code] |= _NAMED
    for code in alone:
        bits[code] |= _ALONE
    return bits.decode("latin-1")


def _next_sign_by_characters(line: str, start: int, table: str) -> int:
    """``_next_sign``, one character at a time (``table``: ``_character_bits()``)."""
    size = len(table)
    previous_named = False
    for index in range(start, len(line)):
        code = ord(line[index])
        if 0x20 <= code < 0x7F:  # printable ASCII, most of any line, is in neither class
            previous_named = False
            continue
        bits = ord(table[code]) if code < size else 0
        # In the regex's order: a pair is found where it starts, before a lone sign after it.
        if bits & _NAMED and previous_named:
            return index - 1
        if bits & _ALONE:
            return _LONE_SIGN
        previous_named = bits & _NAMED != 0
    return _NO_SIGN


@lru_cache(maxsize=1)
def fixer_config() -> ftfy.TextFixerConfig:
    """ftfy's settings for reflow: repair what is broken, restyle nothing."""
    import ftfy

    return ftfy.TextFixerConfig(
        unescape_html=False,  # `&lt;div&gt;` in Markdown must stay as written
        uncurl_quotes=False,  # typography is content
        fix_character_width=False,  # full-width CJK punctuation is correct text
        fix_line_breaks=False,  # lines are already split
        explain=False,
    )


# The ftfy line whose fix_and_explain loop _fix_line repeats step for step.
_FTFY_CHECKED = "6.3."
# fix_and_explain's fixers after fix_encoding, in its order; those reflow's settings turn on run.
_FIXER_ORDER = (
    "fix_c1_controls",
    "fix_latin_ligatures",
    "fix_character_width",
    "uncurl_quotes",
    "fix_line_breaks",
    "fix_surrogates",
    "remove_terminal_escapes",
    "remove_control_chars",
)

Step = Callable[[str], str]


@lru_cache(maxsize=1)
def _fix_steps() -> tuple[Step, ...] | None:
    """One round of ftfy.fix_and_explain with reflow's settings, or None for another ftfy."""
    import unicodedata
    from functools import partial

    import ftfy

    config = fixer_config()
    if not ftfy.__version__.startswith(_FTFY_CHECKED) or config.unescape_html or config.explain:
        return None
    steps: list[Step] = [partial(_fix_encoding, config=config)] if config.fix_encoding else []
    steps += [ftfy.FIXERS[name] for name in _FIXER_ORDER if getattr(config, name)]
    if config.normalization is not None:
        steps.append(partial(unicodedata.normalize, config.normalization))
    return tuple(steps)


def _fix_encoding(text: str, config: ftfy.TextFixerConfig) -> str:
    """``ftfy.fix_encoding(text)``: its steps until nothing changes, or the text is clean.

    A clean text would pass one more step unchanged (``is_clean``); skipping that step saves
    ftfy's mojibake search over the repaired line, a third of its time.
    """
    from ftfy import _fix_encoding_one_step_and_explain as one_step

    while True:
        fixed = one_step(text, config).text
        if fixed == text or is_clean(fixed):
            return fixed
        text = fixed


def _fix_line(line: str, steps: tuple[Step, ...]) -> str:
    """``ftfy.fix_text(line)`` for a line: fix_and_explain's rounds until nothing changes.

    It stops early once the text is in the class ftfy leaves alone (``is_clean``): the next
    round would change nothing. Repaired mojibake usually is (curly quotes, dashes), which
    saves a whole round of ftfy's checks, half of its time.
    """
    text = line
    while True:
        before = text
        for step in steps:
            text = step(text)
        if text == before or is_clean(text):
            return text


#: ``TextFixerConfig.max_decode_length``: fix_text's longest segment (a test checks it).
_MAX_SEGMENT = 1_000_000


@lru_cache(maxsize=1)
def _ftfy_checked() -> bool:
    """Whether the installed ftfy is the line ``ftfy_may_change`` and ``_fix_line`` follow.

    Read from its metadata: importing ftfy takes ~130 ms, more than most files need.
    """
    from .versions import installed_versions

    found = installed_versions(["ftfy"])["ftfy"]
    return found is not None and found.startswith(_FTFY_CHECKED)


def repair_line(line: str, apostrophes: bool = True) -> str:
    """One line through ftfy and (unless told not to) ``restore_apostrophes``; the result is
    one line. Markdown's prose keeps its U+02BC: written by hand, not by lynx."""
    fixed = ftfy_line(line)
    if apostrophes and "\u02bc" in fixed:
        fixed = restore_apostrophes(fixed)
    return fixed


#: A letter of the Latin script (ASCII, Latin-1 and Latin Extended-A and -B).
_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
#: Where U+02BC stands for an apostrophe: anywhere but between two letters (a quotation mark,
#: "11.6ʼʼ"), or between them in an English contraction or possessive ("weʼre", "MENʼS",
#: "Pickʼem") or a French, Italian or Irish elision ("dʼun", "quʼil", "OʼHara").
_LYNX_APOSTROPHE = re.compile(
    "(?<![^\\W\\d_])\u02bc|\u02bc(?![^\\W\\d_])"
    f"|(?<=[{_LATIN}])\u02bc(?=(?:[dmstDMST]|re|ve|ll|em|RE|VE|LL|EM)(?![^\\W\\d_]))"
    f"|(?<=[cdjlmnstCDJLMNST])(?<![^\\W\\d_].)\u02bc(?=[{_LATIN}])"
    f"|(?<=qu|QU|Qu)\u02bc(?=[{_LATIN}])"
    f"|(?<=O)(?<![^\\W\\d_].)\u02bc(?=[A-Z])"
)


def restore_apostrophes(line: str) -> str:
    """``line`` with lynx's apostrophes put back: ASCII ones, as the page had them.

    lynx writes the entity ``&apos;`` as U+02BC, the modifier letter apostrophe, which
    Ukrainian, Uzbek or transliterated Arabic write inside a word ("пʼять", "Qurʼan"); there it
    stays. Elsewhere, and in the shapes only an apostrophe takes, the page had "'".
    """
    return _LYNX_APOSTROPHE.sub("'", line)


def ftfy_line(line: str) -> str:
    """One line through ftfy (unless it certainly leaves it alone); the result is one line."""
    if (
        "\n" not in line
        and len(line) <= _MAX_SEGMENT
        and _ftfy_checked()
        and not ftfy_may_change(line)
    ):
        fixed = line  # what _fix_line gives such a line, without loading ftfy
    else:
        import ftfy

        config = fixer_config()
        steps = _fix_steps()
        if steps is None or "\n" in line or len(line) > config.max_decode_length:
            fixed = ftfy.fix_text(line, config=config)
        else:  # fix_text would fix the line as one segment
            fixed = _fix_line(line, steps)
    if "\n" in fixed or "\r" in fixed:
        fixed = fixed.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    return fixed


def repair_batches(
    batches: Iterable[list[str]], on_change: OnChange | None = None
) -> Iterator[list[str]]:
    """Repair lists of lines (as ``split_batches`` yields them); ``PAUSE`` lines are not counted.

    One search over a whole list finds most lists clean, so their lines cost nothing;
    otherwise the search goes on from each line that needs ftfy to the next one.
    """
    number = 0
    for batch in batches:
        if batch[0] is PAUSE:
            yield batch
            continue
        # Tab is in the safe class, so the joined text is clean exactly when every line is.
        joined = "\t".join(batch)
        if is_clean(joined):
            number += len(batch)
            yield batch
            continue
        out = batch.copy()
        # Where each line ends in the joined text (after its tab): a hit's line is found by
        # bisection, with no regex call per line.
        ends = list(accumulate([len(line) + 1 for line in batch]))
        search = NEEDS_REPAIR.search
        size = len(joined)
        start = 0
        while start < size:
            hit = search(joined, start)
            if hit is None:
                break
            index = bisect_right(ends, hit.start())
            start = ends[index]
            line = batch[index]
            fixed = repair_line(line)
            if on_change is not None and fixed != line:
                on_change(number + index + 1, line, fixed)
            out[index] = fixed
        number += len(batch)
        yield out


def repair_lines(lines: Iterable[str], on_change: OnChange | None = None) -> Iterator[str]:
    """Yield each line repaired; lines ftfy cannot change skip it (one regex search each)."""
    needs_repair = NEEDS_REPAIR.search
    number = 0
    for line in lines:
        if line is PAUSE:
            yield line
            continue
        number += 1
        if needs_repair(line) is None:
            yield line
            continue
        fixed = repair_line(line)
        if on_change is not None and fixed != line:
            on_change(number, line, fixed)
        yield fixed


def repair_text(text: str, apostrophes: bool = True) -> str:
    """Repair a piece of text that holds no line breaks (``repair_line``)."""
    if is_clean(text):
        return text
    return repair_line(text, apostrophes)
