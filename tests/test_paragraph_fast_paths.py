"""The paragraph builder's shortcuts give exactly what the plain ways of computing give."""

from __future__ import annotations

import random
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reflow import dehyphen
from reflow.model import Block, Kind, Note
from reflow.paragraphs import Joiner, _block, _is_title_case
from reflow.profile import document_words, learn

# -- title case ------------------------------------------------------------------------------


def _is_title_case_plainly(text: str) -> bool:
    long_words = [w for w in text.split(" ") if len(w) >= 4 and w[0].isalpha()]
    if len(long_words) < 3:
        return False
    capitals = sum(1 for w in long_words if w[0].isupper())
    return capitals >= 0.8 * len(long_words)


_INITIALS = 'AaBzZÉéǅ½Ⅻ1ⒶⓐΣσ"(İ'
_words = st.tuples(st.sampled_from(_INITIALS + "AAAAB"), st.integers(min_value=0, max_value=5)).map(
    lambda pair: pair[0] + "x" * pair[1]
)


@settings(max_examples=500)
@given(st.lists(_words, max_size=12), st.sampled_from([" ", "  ", " \t"]))
def test_title_case_is_the_plain_count(words: list[str], separator: str) -> None:
    text = separator.join(words)
    assert _is_title_case(text) == _is_title_case_plainly(text)
    assert _is_title_case(text) == _is_title_case_plainly(text)  # asked twice: remembered


# -- joining a paragraph's lines -------------------------------------------------------------

_line_ends = st.sampled_from(
    ["word", "word,", "word.", "wo-", "re-", "x\u00ad", "back\\", "漢字", "한국", "é", "”", ""]
)


@settings(max_examples=500)
@given(st.lists(st.tuples(_line_ends, _line_ends), min_size=1, max_size=6), st.booleans())
def test_one_space_join_is_what_append_makes(pairs: list[tuple[str, str]], hangul: bool) -> None:
    joiner = Joiner(frozenset({"reelection"}), True, hangul)
    lines = [(number, f"{a} {b}".strip()) for number, (a, b) in enumerate(pairs, 1)]
    notes: list[Note] = []
    text = lines[0][1]
    for number, line in lines[1:]:
        text = joiner.append(text, line, number, notes)
    joined_notes: list[Note] = []
    assert joiner.join(lines, joined_notes) == text
    assert joined_notes == notes


def test_vocabulary_may_come_late() -> None:
    asked = []

    def words() -> frozenset[str]:
        asked.append(1)
        return frozenset({"wellknown"})

    joiner = Joiner(words, True)
    assert joiner.join([(1, "a well-"), (2, "known b")], None) == "a wellknown b"
    joiner.join([(1, "a well-"), (2, "known b")], None)
    assert asked == [1]


def test_learned_vocabulary_is_the_document_words() -> None:
    lines = ["The ΟΔΟΣ. “Quoted” İstanbul", "", "\f", "well-known (words) ’s", "  indented  "]
    assert learn(lines).vocabulary == document_words(lines)
    assert learn(lines, words=False).vocabulary == frozenset()
    assert "οδος" in document_words(lines) and "well-known" in document_words(lines)


# -- blocks ------------------------------------------------------------------------------------


def test_blocks_made_slot_by_slot_are_blocks() -> None:
    notes = (Note("rule", 3, "detail"),)
    made = _block(Kind.QUOTE, "text", 3, 5, 2, notes)
    plain = Block(Kind.QUOTE, "text", 3, 5, level=2, notes=notes)
    assert made == plain and hash(made) == hash(plain) and repr(made) == repr(plain)
    assert made.notes == notes and made.dateline is None
    assert made.to_dict() == plain.to_dict()


# -- the lexicon -------------------------------------------------------------------------------


def test_lexicon_read_directly_matches_wordfreq() -> None:
    wordfreq = pytest.importorskip("wordfreq")
    table = dehyphen._small_english()
    assert table is not None
    plain = [w for w in table if w.isascii() and w.isalpha() and w.islower()]
    rng = random.Random(7)
    rng.shuffle(plain)
    made_up = [
        "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(1, 12)))
        for _ in range(2000)
    ]
    for word in [*plain[:3000], *made_up, "wellknown", "international", "a"]:
        expected = wordfreq.zipf_frequency(word, "en", wordlist="small")
        assert dehyphen._zipf_of_plain_word(table.get(word)) == expected, word
