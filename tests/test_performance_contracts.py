"""The fast paths give exactly what the slow ones would, and the filter streams (issue 7)."""

from __future__ import annotations

import dataclasses
import itertools
import json
import os
import re
import select
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from unittest import mock

import textwrap3
from hypothesis import example, given, settings
from hypothesis import strategies as st
from wcwidth import wcswidth

import reflow
from reflow import classify, furniture, repair, repeats
from reflow.classify import CREDIT_KEYWORD_LAST_CHARS
from reflow.lines import split_lines
from reflow.model import Block, Kind, Note
from reflow.options import Options
from reflow.pipeline import blocks_from_bytes, render_blocks
from reflow.repeats import fingerprint
from reflow.wrap import NARROW_NON_ASCII, display_width, is_marker_word, wrap

from .strategies import documents, hostile_text

ROOT = Path(__file__).resolve().parent.parent

# -- ftfy only where it can change something -------------------------------------------------

_SAFE_NON_ASCII = (
    "\u2018\u2019\u201c\u201d\u2010\u2011\u2012\u2013\u2014\u2015\u2026\u2022\u00b7\u2032"
)
#: Lines of the class that skips ftfy, weighted towards what could fool it: sequences that
#: look like the tail of mojibake (’ and • are the last characters of cp1252 mojibake).
safe_lines = st.lists(
    st.sampled_from(
        [*"\t\x0c abcAZ09.,;:!?'\"&;#<>-_*`~()[]{}/\\|", *_SAFE_NON_ASCII, "&amp;", "&lt;", "--"]
    ),
    max_size=40,
).map("".join)

_WORDS = ["café", "naïve", "Zürich", "don’t", "“quoted”", "smörgåsbord", "Ελλάδα", "Москва"]


def _mojibake(word: str, kind: int) -> str:
    """``word`` broken the ways scraped text breaks."""
    data = word.encode("utf-8")
    if kind == 0:
        return data.decode("cp1252", errors="replace")
    if kind == 1:
        return data.decode("latin-1")
    if kind == 2:
        return data.decode("sloppy-windows-1251")
    if kind == 3:  # twice broken
        return data.decode("cp1252", errors="replace").encode("utf-8").decode("latin-1")
    return word


@st.composite
def messy_lines(draw: st.DrawFn) -> list[str]:
    """Lines mixing clean text with mojibake, ligatures, controls, NBSP, CJK and combining marks."""
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy codecs used above)

    pieces = st.one_of(
        safe_lines,
        hostile_text.map(lambda text: text.replace("\n", " ").replace("\r", " ")),
        st.builds(_mojibake, st.sampled_from(_WORDS), st.integers(0, 4)),
        st.sampled_from(
            [
                "ﬁne ﬂour",
                "a\u00a0b",
                "\x1b[1mbold\x1b[0m",
                "日本語の文章",
                "e\u0301",
                "\x00\x08",
                "weʼre",  # lynx's apostrophe
                "Qurʼan",  # U+02BC as a letter
            ]
        ),
    )
    line = st.lists(pieces, max_size=4).map(" ".join)
    return draw(st.lists(line, min_size=1, max_size=8))


@given(safe_lines)
def test_lines_in_the_safe_class_are_what_ftfy_returns(line: str) -> None:
    # Why this holds: reflow's ftfy settings restyle nothing, and every non-ASCII character of
    # the class is a cp1252 byte 0x80-0xBF (a UTF-8 continuation byte) or absent from cp1252,
    # so no run of them re-encodes to UTF-8 that ftfy could decode.
    assert repair.NEEDS_REPAIR.search(line) is None
    assert repair.repair_line(line) == line


@given(messy_lines())
def test_skipping_clean_lines_gives_the_bytes_of_repairing_every_line(lines: list[str]) -> None:
    every = [repair.repair_line(line) for line in lines]
    assert list(repair.repair_lines(lines)) == every
    assert [line for batch in repair.repair_batches([lines]) for line in batch] == every


@settings(max_examples=40)
@given(messy_lines())
def test_pipeline_output_is_the_same_with_ftfy_on_every_line(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    shortcut = reflow.normalize(text)
    with (  # every line "needs" it
        mock.patch.object(repair, "NEEDS_REPAIR", re.compile("")),
        mock.patch.object(repair, "is_clean", lambda _text: False),
    ):
        assert reflow.normalize(text) == shortcut


@given(messy_lines())
def test_ftfy_line_is_ftfy_fix_text(lines: list[str]) -> None:
    import ftfy

    for line in lines:
        expected = ftfy.fix_text(line, config=repair.fixer_config())
        expected = expected.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
        assert repair.ftfy_line(line) == expected
        assert repair.repair_line(line) == repair.restore_apostrophes(expected)


@given(st.one_of(safe_lines, messy_lines().map("\t".join), st.text(max_size=30)))
def test_clean_check_equals_the_regex(text: str) -> None:
    assert repair.is_clean(text) == (repair.NEEDS_REPAIR.search(text) is None)
    # The character loop the compiled build asks, and the regex pure Python asks.
    assert repair._clean_by_characters(text) == (repair.NEEDS_REPAIR.search(text) is None)
    assert (repair._CLEAN.fullmatch(text) is not None) == (repair.NEEDS_REPAIR.search(text) is None)
    ascii_text = text.encode("ascii", "replace").decode("ascii")
    assert repair.is_clean(ascii_text) == (repair.NEEDS_REPAIR.search(ascii_text) is None)


# -- lines outside the safe class that ftfy leaves alone --------------------------------------


def _class_chars(item: tuple[object, object]) -> set[str] | None:
    """The characters one parsed regex item matches, if it is a plain literal or class."""
    from re import _constants as sre

    op, arg = item
    if op is sre.LITERAL:
        return {chr(arg)}  # type: ignore[arg-type]
    if op is not sre.IN:
        return None
    chars: set[str] = set()
    for inner, value in arg:  # type: ignore[union-attr]
        if inner is sre.LITERAL:
            chars.add(chr(value))
        elif inner is sre.RANGE:
            chars |= {chr(code) for code in range(value[0], value[1] + 1)}
        else:  # a negated class or a category (\s, \w): too wide to name
            return None
    return chars


def _chars_of(char_class: str) -> set[str]:
    from re import _parser

    (item,) = _parser.parse(f"[{char_class}]").data
    chars = _class_chars(item)
    assert chars is not None
    return chars


def _operations(items: list[tuple[object, object]]) -> set[object]:
    """The operations of a parsed pattern, through its branches and repeats."""
    from re import _constants as sre

    found: set[object] = set()
    for op, arg in items:
        found.add(op)
        if op is sre.BRANCH:
            for branch in arg[1]:  # type: ignore[index]
                found |= _operations(list(branch))
        elif op is sre.MAX_REPEAT:
            found |= _operations(list(arg[2]))  # type: ignore[index]
    found.discard(sre.MAX_REPEAT)  # a repeat of the items above ("\s?") reads nothing more
    return found


def test_what_ftfy_may_change_is_derived_from_ftfys_own_pattern_and_tables() -> None:
    from re import _constants as sre
    from re import _parser

    import ftfy.chardata
    import ftfy.fixes
    from ftfy.badness import BADNESS_RE

    parsed = _parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    # ftfy_may_change searches a window of _LONGEST_MOJIBAKE around a pair: no match is longer,
    # and none looks beyond itself (no lookaround: only these operations).
    assert parsed.getwidth()[1] == repair._LONGEST_MOJIBAKE
    assert _operations(parsed.data) <= {sre.ANY, sre.AT, sre.BRANCH, sre.IN, sre.LITERAL}
    (branch_op,) = parsed.data
    assert branch_op[0] is sre.BRANCH and not BADNESS_RE.flags & re.IGNORECASE
    alternatives = [list(alternative) for alternative in branch_op[1][1]]
    named = {
        char
        for alternative in alternatives
        for item in alternative
        for char in (_class_chars(item) or ())
        if not char.isascii()
    }
    assert _chars_of(repair._MOJIBAKE_CHARS) == named
    alone = _chars_of(repair._MOJIBAKE_ALONE)
    # Every alternative matches two named characters in a row, or one of ``alone``: the proof
    # that a line with neither is no mojibake to ftfy (items other than plain characters,
    # "\s?" among them, break a run).
    for alternative in alternatives:
        items = [_class_chars(item) for item in alternative if item[0] is not sre.AT]
        in_a_row = any(
            first is not None and second is not None and first <= named and second <= named
            for first, second in itertools.pairwise(items)
        )
        assert in_a_row or any(chars is not None and chars <= alone for chars in items)
    # Read the same way at run time: each alternative's own pair, so that pairs of named
    # characters that no alternative holds in a row ("l’État", "«\u00a0") are not looked at.
    masks = repair._pair_masks()
    assert masks is not None
    assert not masks[0].get("’", 0) & masks[1].get("É", 0)
    assert masks[0].get("Ã", 0) & masks[1].get("©", 0)
    # The other fixers reflow's settings run, and what each of them can change.
    config = repair.fixer_config()
    assert [name for name in repair._FIXER_ORDER if getattr(config, name)] == [
        "fix_c1_controls",
        "fix_latin_ligatures",
        "fix_surrogates",
        "remove_terminal_escapes",
        "remove_control_chars",
    ]
    assert config.normalization == "NFC"
    assert config.max_decode_length == repair._MAX_SEGMENT
    fixed = _chars_of(repair._FIXED_CHARS)
    assert {chr(code) for code in ftfy.chardata.LIGATURES} == _chars_of(repair._LIGATURES)
    assert {chr(code) for code in ftfy.chardata.CONTROL_CHARS} <= fixed
    assert _chars_of(ftfy.chardata.C1_CONTROL_RE.pattern[1:-1]) <= alone
    assert _chars_of(ftfy.fixes.SURROGATE_RE.pattern[1:-1]) <= fixed
    assert ftfy.fixes.ANSI_RE.pattern.startswith("\x1b") and "\x1b" in fixed


def _next_sign_by_regex(line: str, start: int) -> int:
    match = repair._SIGNS.search(line, start)
    if match is None:
        return repair._NO_SIGN
    return repair._LONE_SIGN if match.group(1) is not None else match.start()


def test_the_character_loop_is_the_regex() -> None:
    # Compiled, ftfy_may_change asks the loop; in Python, the regex. Every code point of the
    # Basic Multilingual Plane alone and beside characters of each kind, then some beyond it.
    table = repair._character_bits()
    neighbours = ("", "a", "é", "«", "\u0153", "\x00", "é\x01", "\x01é")
    codes = [*range(0x10000), *range(0x10000, 0x110000, 97), 0x10FFFF]
    for code in codes:
        char = chr(code)
        for left in neighbours:
            for line in (left + char, char + left, f"ab{char}{left}"):
                for start in (0, 1):
                    expected = _next_sign_by_regex(line, start)
                    found = repair._next_sign_by_characters(line, start, table)
                    assert found == expected, (f"U+{code:04X}", line, start)


#: Lines in the languages the safe class leaves out, with the characters ftfy's mojibake test
#: names placed side by side, and mojibake, ligatures, controls and combining marks among them.
_NAMED = sorted(_chars_of(repair._MOJIBAKE_CHARS))
latin_lines = st.lists(
    st.one_of(
        st.sampled_from(["Größe", "réélu", "łódź", "façade", "Ærø", "€5", "naïve", "Ελλάδα"]),
        st.text(st.sampled_from([*"ab ,.", *_NAMED]), max_size=6),
        st.builds(_mojibake, st.sampled_from(_WORDS), st.integers(0, 4)),
        st.sampled_from(["ﬁ", "e\u0301", "\x1b[1m", "\x07", "\ufeff", "\u0149", "Ã ", "Â»"]),
    ),
    max_size=8,
).map(" ".join)


@settings(max_examples=500)
@given(latin_lines)
def test_lines_ftfy_may_not_change_are_what_ftfy_returns(line: str) -> None:
    import ftfy

    expected = ftfy.fix_text(line, config=repair.fixer_config())
    if not repair.ftfy_may_change(line):
        assert expected == line
    assert repair.ftfy_line(line) == expected


def test_every_character_ftfy_may_not_change_is_left_alone() -> None:
    import ftfy

    config = repair.fixer_config()
    for code in range(0x80, 0x3000):
        char = chr(code)
        for line in (char, f"a{char}b", f"{char} {char}"):
            if not repair.ftfy_may_change(line):
                assert ftfy.fix_text(line, config=config) == line, f"U+{code:04X}"


# -- cheap checks agree with the regexes they stand before ------------------------------------

_NON_WORD = re.compile(r"[\W_]+")
_EDGE = "[](){}“”‘’\"'«»*_ "


@given(
    st.one_of(
        hostile_text,
        st.text(max_size=80),
        st.builds(_mojibake, st.sampled_from(_WORDS), st.integers(0, 3)),
    )
)
def test_fast_fingerprint_equals_the_regex_definition(text: str) -> None:
    import ftfy.bad_codecs  # noqa: F401

    assert fingerprint(text) == _NON_WORD.sub(" ", text.strip(_EDGE).lower()).strip()


@given(
    st.lists(
        st.one_of(
            st.sampled_from(["Élu", "l’État", "«\u00a0Oui\u00a0»", "12\u202f000", "ΟΔΟΣ", "İ"]),
            st.sampled_from(["e\u0301", "a_b", "x²", "٣", "ǅ", "\udc80", "—", "€5", "ß", "-"]),
            st.text(max_size=4),
        ),
        max_size=12,
    ).map(" ".join)
)
def test_fingerprint_of_accented_text_equals_the_regex_definition(text: str) -> None:
    assert fingerprint(text) == _NON_WORD.sub(" ", text.strip(_EDGE).lower()).strip()


def test_a_lone_surrogate_in_text_is_no_crash_without_repair() -> None:
    # Text read with errors="surrogateescape" keeps undecodable bytes as lone surrogates; with
    # repair off nothing replaces them, and the repeat keys must take them as they are.
    paragraph = "Words here \udc80 and more words, long enough to be keyed as a repeat." * 2
    text = f"{paragraph}\n\n{paragraph}\n"
    # The second copy is a repeat, found through the keys, and left out.
    assert reflow.normalize(text, Options(repair=False)) == f"{paragraph}\n"
    assert repeats.cheap_key(paragraph) == fingerprint(paragraph).replace(" ", "").encode()


@given(
    st.lists(
        st.sampled_from(["ΟΔΟΣ", "Σ", "word", "—", " ", "  ", "x" * 5000, "Ünï", "’"]), max_size=60
    )
)
def test_fingerprint_of_a_huge_paragraph_equals_the_regex_definition(pieces: list[str]) -> None:
    text = " ".join(pieces) * 8  # often past the slice size, with cuts in varied places
    assert fingerprint(text) == _NON_WORD.sub(" ", text.strip(_EDGE).lower()).strip()


_KEYWORD_ENDINGS = st.sampled_from(
    ["Credit", "Credits", "Photo", "Photograph", "Image", "Illustration"]
)


@given(
    st.text(alphabet="abc CdPt:.", max_size=20),
    _KEYWORD_ENDINGS,
    st.sampled_from(["", ":", " :", "  ", " ", "\t", ".", "s"]),
)
def test_credit_keyword_precheck_never_hides_a_match(head: str, keyword: str, tail: str) -> None:
    text = f"{head} {keyword}{tail}"
    if furniture.ends_with_credit_keyword(text):
        assert text.rstrip()[-1:] in CREDIT_KEYWORD_LAST_CHARS


@given(
    st.text(alphabet="ab \t\n\u00a0:sCreditPhotgImaeIlusn", max_size=12),
    st.sampled_from(["", *furniture.CREDIT_KEYWORDS, "Photos", "credit", "XCredit"]),
    st.sampled_from(["", ":", " :", "  ", " ", "\t", ".", "s", "::", ": ", "\n", " :\n"]),
)
def test_credit_keyword_check_equals_the_regex(head: str, keyword: str, tail: str) -> None:
    for text in (f"{head} {keyword}{tail}", f"{head}{keyword}{tail}", head, keyword + tail):
        expected = furniture._CREDIT_KEYWORD.search(text.rstrip()) is not None
        assert furniture.ends_with_credit_keyword(text) == expected, text


def test_credit_keywords_are_the_patterns() -> None:
    alternatives = "(?:" + "|".join(furniture.CREDIT_KEYWORDS) + ")"
    assert furniture._CREDIT_KEYWORD.pattern == r"(?:^|\s)" + alternatives + r"\s*:?$"


def test_block_start_precheck_never_hides_a_match() -> None:
    from reflow.render import _BLOCK_START, BLOCK_START_CHARS

    for code in range(0x110000):
        char = chr(code)
        if char in BLOCK_START_CHARS or char.isdigit():
            continue
        for tail in ("", " ", ". x", ") x", "\t", "x", "=", "-"):
            assert _BLOCK_START.match(char + tail) is None, f"U+{code:04X}"


def test_list_first_chars_are_the_bullets() -> None:
    # paragraphs writes furniture.BULLETS out where it tests one character against them (a
    # literal compiles to a switch): the two must not drift apart.
    # (Read from the source file: compiled, the module has no source to inspect.)
    source = (ROOT / "reflow" / "paragraphs.py").read_text(encoding="utf-8")
    assert f'first in "-*+({furniture.BULLETS}"' in source
    assert f'marker in "{furniture.BULLETS}"' in source


def test_junk_first_chars_are_the_phrases_first_letters() -> None:
    first_letters = re.compile(r"[ascrtepl]", re.IGNORECASE)
    every = {chr(c) for c in range(0x110000) if first_letters.fullmatch(chr(c))}
    assert every == set(furniture.JUNK_FIRST_CHARS)
    # Every alternative of the pattern (and a few inner words: harmless) starts with one.
    for piece in furniture._JUNK.pattern.split("|")[1:]:
        word = re.search(r"[a-z]+", piece)
        assert word is not None and word.group()[0] in furniture.JUNK_FIRST_CHARS, piece


_JUNK_PHRASES = [
    *("Advertisement", "sponsored content", "Continue reading", "Share this:", "Read more"),
    *("Related", "Tweet", "email | print", "Comments", "Subscribe", "Sign up", "Log in"),
    *("skip to main content", "Supported by", "advertising", "SHARE THIS STORY", "ſhare"),
]


@given(
    st.sampled_from(["", " ", "\t", "\u00a0", "x", "É", "ſ", "K"]),
    st.sampled_from(_JUNK_PHRASES),
    st.sampled_from(["", " ", "  \t"]),
)
def test_junk_precheck_never_hides_a_match(head: str, phrase: str, tail: str) -> None:
    for line in (head + phrase + tail, head + phrase[1:] + tail, phrase + tail):
        if furniture._JUNK.match(line) is not None:
            assert furniture.is_junk(line) == (len(line) < 60)


def test_dateline_word_pattern_starts_with_a_capital() -> None:
    assert furniture._DATELINE_WORD.pattern.startswith("^[A-Z]")


_IMAGE_EXTENSIONS = ["jpg", "jpeg", "png", "gif", "webp", "svg", "avif", "JPG", "Png", "gIF"]


@given(
    st.lists(
        st.tuples(
            st.text(alphabet="ab.-_/:?[]", min_size=1, max_size=8),
            st.sampled_from(_IMAGE_EXTENSIONS),
            st.sampled_from(["", "?", "?w=300", "?x=a.", "?é"]),
            st.sampled_from(["", " ", "\t", "  "]),
        ),
        min_size=1,
        max_size=3,
    ),
    st.text(alphabet="ab .?[]\tgfp", max_size=12),
)
def test_placeholder_prechecks_never_hide_a_match(
    names: list[tuple[str, str, str, str]], noise: str
) -> None:
    line = "".join(f"{stem}.{ext}{query}{gap}" for stem, ext, query, gap in names)
    for text in (line, noise, f"[{noise}]", line + noise):
        stripped = text.strip()
        if furniture._IMAGE_NAME.match(stripped) is not None:
            assert stripped[-1:] in furniture.IMAGE_NAME_LAST_CHARS or "?" in stripped
        if furniture._BRACKETED_NAMES.match(stripped) is not None:
            assert stripped[:1] == "["
    assert furniture.is_placeholder(line)


def test_image_name_last_chars_are_the_extensions_last_letters() -> None:
    # IGNORECASE lets some non-ASCII letters match ASCII ones ("ſ" matches "s"): none of
    # them matches a last letter of an extension.
    endings = re.compile(r"(?:jpe?g|png|gif|webp|svg|avif)$", re.IGNORECASE)
    last = {chr(c) for c in range(0x110000) if re.fullmatch("[gfp]", chr(c), re.IGNORECASE)}
    assert last == set(furniture.IMAGE_NAME_LAST_CHARS)
    assert "(?:jpe?g|png|gif|webp|svg|avif)" in furniture._IMAGE_NAME.pattern
    assert all(endings.search(f"a.{ext}") for ext in _IMAGE_EXTENSIONS)


@given(
    st.sampled_from(list(Kind)),
    st.text(max_size=5),
    st.sampled_from([None, "PARIS —"]),
    st.sampled_from([(), (Note("x", 1),)]),
    st.dictionaries(st.sampled_from(["kind", "text", "dateline", "notes"]), st.none()),
)
def test_fast_block_replace_equals_dataclasses_replace(
    kind: Kind, text: str, dateline: str | None, notes: tuple[Note, ...], which: dict[str, None]
) -> None:
    block = Block(Kind.PARAGRAPH, "a b", 3, 7, 2, None, (Note("y", 2),))
    values = {"kind": kind, "text": text, "dateline": dateline, "notes": notes}
    changes = {name: values[name] for name in which}
    fast, slow = classify.replace(block, **changes), dataclasses.replace(block, **changes)
    assert fast == slow
    assert fast.notes == slow.notes


@given(st.text(alphabet="#-+*=_>|<•▪◦·`~aZ.)19 ", max_size=6))
def test_marker_word_precheck_agrees_with_the_regex(word: str) -> None:
    from reflow.wrap import _MARKER_WORD

    assert is_marker_word(word) == (_MARKER_WORD.fullmatch(word) is not None)


def test_narrow_characters_are_what_the_regex_and_the_loop_let_through() -> None:
    from reflow.wrap import _NARROW, _narrow_by_characters

    for code in range(0x110000):
        char = chr(code)
        expected = _NARROW.fullmatch(char) is not None
        assert _narrow_by_characters(char) == expected, f"U+{code:04X}"
        assert _narrow_by_characters(f"a’{char}—") == expected, f"U+{code:04X}"


def test_narrow_characters_take_one_column() -> None:
    ranges = re.findall(r"(.)-(.)", NARROW_NON_ASCII)
    assert len(ranges) == NARROW_NON_ASCII.count("-")
    for low, high in ranges:
        for code in range(ord(low), ord(high) + 1):
            assert wcswidth(chr(code)) == 1, f"U+{code:04X} is not one column wide"


@given(st.text(alphabet="ab \t\x01\x7féß’“—…•\u00ad\u0301日本\u200b\uff21\U0001f600", max_size=12))
def test_display_width_shortcut_equals_wcwidth(text: str) -> None:
    width = wcswidth(text)
    assert display_width(text) == (width if width >= 0 else len(text))


# -- the greedy fill is textwrap3's -------------------------------------------------------------

_ASCII_WORD = st.text(
    alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=14
)


@given(st.lists(_ASCII_WORD, max_size=40), st.integers(1, 90), st.integers(0, 6), st.integers(0, 6))
@example(["Credit", "0"], 1, 0, 0)
def test_greedy_fill_equals_textwrap3(words: list[str], width: int, first: int, later: int) -> None:
    text = " ".join(words)
    want = textwrap3.wrap(
        text,
        width + max(first, later),
        initial_indent=" " * first,
        subsequent_indent=" " * later,
        break_long_words=False,
        break_on_hyphens=False,
    )
    got = wrap(
        text,
        width + max(first, later),
        initial=first,
        subsequent=later,
        must_not_start=lambda _: False,
    )
    assert got == [line.lstrip(" ") for line in want]
    # With the default rule the fill only differs where a word would start Markdown structure
    # (or the first word is a marker, which keeps the next word on its line), or follows a
    # caption's credit keyword ("Credit 0": the two travel together), or a reader would join
    # the two words across a break ("pre-" and "war").
    from itertools import pairwise

    from reflow.wrap import ends_in_credit_keyword, joins_across

    if (
        not any(is_marker_word(word) for word in words)
        and not (words and words[0].endswith(":"))
        and not any(ends_in_credit_keyword(word) for word in words[:-1])
        and not any(joins_across(left, right) for left, right in pairwise(words))
    ):
        assert wrap(text, width + max(first, later), initial=first, subsequent=later) == got


def test_greedy_fill_equals_textwrap3_at_every_width() -> None:
    # Every exact fit and every overflow by one column, deterministically.
    words = [("abcdefghijklmnop" * 2)[: 1 + (index * 5) % 9] for index in range(40)]
    words[7] = "w" * 25  # longer than the narrow widths: it stays whole
    text = " ".join(words)
    for width in range(1, 60):
        for first, later in ((0, 0), (2, 0), (0, 3), (4, 2)):
            want = textwrap3.wrap(
                text,
                width + 4,
                initial_indent=" " * first,
                subsequent_indent=" " * later,
                break_long_words=False,
                break_on_hyphens=False,
            )
            got = wrap(text, width + 4, initial=first, subsequent=later)
            assert got == [line.lstrip(" ") for line in want], (width, first, later)


def _reference_wrap(text: str, width: int, initial: int, subsequent: int) -> list[str]:
    """The word-by-word fill ``wrap`` documents: marker words glued to the word before (a
    first line that is one keeps the next), and words a reader would join to it across a
    break ("日本 日本"); a unit that holds Chinese or
    Japanese characters (wherever it starts: "pre- 日本") may break between any two of them,
    with no space."""
    from reflow.measure import is_cj
    from reflow.wrap import joins_across

    units: list[str] = []
    for word in text.split(" "):
        if word and units and (is_marker_word(word) or joins_across(units[-1], word)):
            units[-1] += " " + word
        elif word:
            units.append(word)
    pieces: list[tuple[str, bool]] = []  # (text, joined to the one before without a space)
    for unit in units:
        start = 0
        for index in range(1, len(unit)):
            if is_cj(unit[index - 1]) and is_cj(unit[index]):
                pieces.append((unit[start:index], start > 0))
                start = index
        pieces.append((unit[start:], start > 0))
    lines: list[str] = []
    opened_inside: list[bool] = []  # whether a line starts inside a unit (no space before it)
    used = room = 0
    for piece, joined in pieces:
        size = wcswidth(piece) if wcswidth(piece) >= 0 else len(piece)
        gap = 0 if joined else 1
        if lines and used + gap + size <= room:
            lines[-1] += (" " if gap else "") + piece
            used += gap + size
        else:
            room = width - (initial if not lines else subsequent)
            lines.append(piece)
            opened_inside.append(joined)
            used = size
    if len(lines) > 1 and (
        is_marker_word(lines[0]) or (lines[0][-1:] == ":" and " " not in lines[0])
    ):
        # Alone, a marker or a label reads apart (no space where the line ended in a unit).
        lines[:2] = [lines[0] + ("" if opened_inside[1] else " ") + lines[1]]
    return lines


@given(
    st.lists(
        st.sampled_from(
            [
                "a",
                "word",
                "#",
                "-",
                "1984.",
                "b)",
                "’tis",
                "café",
                "—",
                "日本",
                "pre-",
                "x" * 20,
                ">q",
                "``` "[:3],
            ]
        ),
        max_size=30,
    ),
    st.integers(1, 50),
    st.integers(0, 4),
    st.integers(0, 4),
)
def test_one_pass_fill_equals_word_by_word_fill(
    words: list[str], width: int, first: int, later: int
) -> None:
    text = " ".join(words)
    assert wrap(text, width, initial=first, subsequent=later) == _reference_wrap(
        text, width, first, later
    )


# -- streaming ---------------------------------------------------------------------------------


def _chunked(data: bytes, cuts: list[int]) -> Iterator[bytes]:
    start = 0
    for cut in sorted(set(cuts)):
        if start < cut < len(data):
            yield data[start:cut]
            start = cut
    yield data[start:]


_FRAGMENTS = [
    "\r\n",
    "\r",
    "\n",
    "\n\n",
    "\f",
    "é",
    "’",
    "日本",
    "\u2028",
    "Ã©",
    " ",
    "-\n",
    "x" * 70,
]


@settings(max_examples=60)
@given(
    st.one_of(
        documents().map(lambda doc: doc.text),
        st.lists(st.one_of(st.sampled_from(_FRAGMENTS), hostile_text), max_size=30).map("".join),
    ),
    st.lists(st.integers(1, 4000), max_size=12),
    st.sampled_from([Options(), Options(width=40), Options(to="text")]),
)
def test_chunked_stream_equals_whole_read(text: str, cuts: list[int], options: Options) -> None:
    data = text.encode("utf-8")

    def run(chunks: Iterable[bytes]) -> str:
        try:
            return "".join(render_blocks(blocks_from_bytes(chunks, options), options))
        except reflow.ReflowError as error:  # binary-looking input: refused either way
            return f"refused: {type(error).__name__}"

    assert run(_chunked(data, cuts)) == run([data])


def test_a_line_split_over_many_chunks_is_one_line() -> None:
    line = "word " * 30_000
    chunks = [line[i : i + 1000] for i in range(0, len(line), 1000)]
    assert list(split_lines([*chunks, "\nnext\n"])) == [line, "next"]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "PRE_COMMIT")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return env


def test_first_paragraph_is_written_before_the_input_ends() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "reflow", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
        cwd=ROOT,
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        proc.stdin.write(
            b"The harbour board met on Monday and voted, after a long evening of\n"
            b"argument, to rebuild the north pier before the winter storms arrive.\n\n"
        )
        proc.stdin.flush()
        received = b""
        deadline = time.monotonic() + 30
        while b"\n" not in received and time.monotonic() < deadline:
            ready, _, _ = select.select([proc.stdout], [], [], deadline - time.monotonic())
            if not ready:
                break
            piece = os.read(proc.stdout.fileno(), 4096)
            if not piece:
                break
            received += piece
        assert proc.poll() is None, "reflow ended although its input is still open"
        assert received.startswith(
            b"The harbour board met on Monday and voted, after a long evening of argument,"
        )
        proc.stdin.write(b"A second paragraph follows.\n")
        proc.stdin.close()
        rest = proc.stdout.read()
        assert proc.wait(timeout=30) == 0
        assert (received + rest).endswith(b"\n\nA second paragraph follows.\n")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


# -- lazy imports ------------------------------------------------------------------------------

_HEAVY = ("chardet", "ftfy", "markdown_it", "wordfreq", "textwrap3")

_PROBE = """
import json, sys
from reflow.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
sys.stdout.flush()
heavy = [m for m in {heavy!r} if m in sys.modules]
print(json.dumps(heavy), file=sys.stderr)
"""


def _loaded(tmp_path: Path, data: bytes | None, *args: str) -> list[str]:
    argv = [sys.executable, "-c", _PROBE.format(heavy=_HEAVY), *args]
    if data is not None:
        path = tmp_path / "input.txt"
        path.write_bytes(data)
        argv.append(str(path))
    done = subprocess.run(argv, capture_output=True, env=_env(), cwd=ROOT, timeout=60, check=False)
    return json.loads(done.stderr.decode().strip().splitlines()[-1])


_ASCII_ARTICLE = (
    b"The\ncouncil met on Monday to weigh a plan for the old granary, which has stood\n"
    b"empty since the mill closed.\nResidents\nasked for more time before any vote.\n"
)


def test_version_loads_no_heavy_module(tmp_path: Path) -> None:
    assert _loaded(tmp_path, None, "--version") == []


def test_ascii_input_loads_no_heavy_module(tmp_path: Path) -> None:
    assert _loaded(tmp_path, _ASCII_ARTICLE) == []


def test_utf8_input_never_loads_chardet(tmp_path: Path) -> None:
    text = "The “granary” plan — dropped… Café owners cheered. Ã© is mojibake.\n"
    assert "chardet" not in _loaded(tmp_path, text.encode("utf-8"))


def test_only_text_that_is_not_utf8_loads_chardet(tmp_path: Path) -> None:
    text = "The “granary” plan was dropped, and café owners cheered on Monday.\n" * 3
    assert "chardet" in _loaded(tmp_path, text.encode("cp1252"))


def test_every_line_end_hyphen_is_one_to_the_joiner_and_the_break_rules() -> None:
    # The joiner's fast path and the split-word break rule name the hyphens as literals
    # (compiled, a switch); dehyphen.LINE_END_HYPHENS is their one list.
    from reflow.dehyphen import LINE_END_HYPHENS
    from reflow.joining import Joiner

    for hyphen in LINE_END_HYPHENS:
        joiner = Joiner(frozenset({"expansion"}), True)
        assert joiner.join([(1, f"the history expan{hyphen}"), (2, "sion works")], None) == (
            "the history expansion works"
        )
        text = (
            "The shell keeps a list of the commands you typed, and the history expan"
            f"{hyphen}\nsion feature brings back an earlier command when you ask for one.\n"
        )
        assert "history expansion feature" in reflow.normalize(text, width=0)
