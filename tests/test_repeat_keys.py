"""The cheap keys classify finds repeats by decide as the fingerprints they stand for."""

from __future__ import annotations

from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reflow import classify as cls
from reflow import repeats as rep
from reflow.model import Block, Kind

# -- cheap keys: the same repeats as fingerprints -----------------------------------------------

_WORDY = st.lists(
    st.sampled_from(
        [
            *"aAbB0 .,’“”—-_*",
            *("ab", "é", "É", "ß", "\u212a", "İ", "Σ", "ς", " b"),
            *("«", "»", "\u00a0", "\u202f", "e\u0301", "²", "٣", "ǅ", "€", "ﬁ"),
        ]
    ),
    max_size=30,
).map("".join)


@given(_WORDY)
def test_cheap_key_is_the_fingerprint_without_spaces(text: str) -> None:
    assert rep.cheap_key(text) == rep.fingerprint(text).replace(" ", "").encode("utf-8")


def test_typographic_bytes_make_no_word_characters() -> None:
    # cheap_key and fingerprint drop every character whose UTF-8 form has only these bytes.
    made = []
    for code in range(0x80, 0x110000):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        if all(byte in rep._TYPOGRAPHIC_BYTES for byte in char.encode()):
            made.append(char)
            assert not rep._WORD.search(char) and not rep._WORD.search(char.lower()), hex(code)
    assert set(rep._TYPOGRAPHIC_PUNCTUATION) <= set(made)
    assert len(made) == 64


_EDGES = st.text(alphabet=rep.FINGERPRINT_EDGE, max_size=4)


@given(_WORDY, _EDGES, _EDGES, _EDGES, _EDGES)
def test_edge_marks_change_no_fingerprint(core: str, a: str, b: str, c: str, d: str) -> None:
    # classify takes two texts for the same words when they are equal without the edge marks
    # (x.strip(edge) == y.strip(edge): each is that core between runs of edge marks).
    assert rep.fingerprint(a + core + b) == rep.fingerprint(c + core + d)


def test_cheap_key_of_a_huge_paragraph() -> None:
    text = ("Word, “another” word — and 42 more. " * 5000) + "Σ end"
    assert rep.cheap_key(text) == rep.fingerprint(text).replace(" ", "").encode("utf-8")
    ascii_text = "Word, another word and 42 more. " * 5000
    assert rep.cheap_key(ascii_text) == rep.fingerprint(ascii_text).replace(" ", "").encode()


# Paragraphs whose words run together the same way but differ ("ab c" / "a bc"): cheap keys
# meet, fingerprints do not. Long enough (MIN_DUPLICATE_CHARS) to be checked for repeats.
_TAIL = " the harbour will close for dredging in the spring and reopen by the autumn"
_VARIANTS = ["ab cd", "a bcd", "abc d", "AB, cd", "ab-cd", "abcd"]


def _block(index: int) -> Block:
    words = _VARIANTS[index % len(_VARIANTS)] + _TAIL
    shape = index // len(_VARIANTS)
    text = {0: words + ".", 1: f"“{words}.”", 2: f"[{words}]", 3: "Short one."}[shape]
    return Block(Kind.PARAGRAPH, text, index, index)


def _outcome(blocks: list[Block], **options: object) -> list[tuple[str, str, tuple[str, ...]]]:
    found = cls.classify(blocks, explain=True, **options)  # type: ignore[arg-type]
    return [(str(b.kind), b.text, tuple(str(note) for note in b.notes)) for b in found]


@pytest.mark.parametrize("drop_repeats", [False, True])
@pytest.mark.parametrize("remembered", [2, 2000])
@given(st.lists(st.integers(0, 4 * len(_VARIANTS) - 1), max_size=40))
def test_cheap_keys_decide_as_fingerprints_do(
    remembered: int, drop_repeats: bool, picks: list[int]
) -> None:
    blocks = [_block(index) for index in picks]
    with (
        mock.patch.object(cls, "REMEMBERED_PARAGRAPHS", remembered),
        mock.patch.object(cls, "DUPLICATE_LOOKAHEAD_BLOCKS", 3),
    ):
        assert _outcome(blocks, drop_repeats=drop_repeats) == _outcome(
            blocks, drop_repeats=drop_repeats, _exact=True
        )


def test_colliding_keys_switch_to_fingerprints() -> None:
    first, second, repeat = _block(0), _block(1), _block(0)  # "ab cd …", "a bcd …", "ab cd …"
    assert rep.cheap_key(first.text) == rep.cheap_key(second.text)
    kinds = [str(b.kind) for b in cls.classify([first, second, repeat], drop_repeats=True)]
    assert kinds == ["paragraph", "paragraph", "pull_quote"]
    # By default the repeat stands apart from its twin, and stays.
    kinds = [str(b.kind) for b in cls.classify([first, second, repeat])]
    assert kinds == ["paragraph", "paragraph", "paragraph"]


@given(_WORDY)
def test_number_keys_are_cheap_keys(text: str) -> None:
    key = rep.cheap_key(text)
    assert rep._number_key(text) == (rep._hash_of_key(key) if key.isascii() else key)
    assert set(rep._TYPOGRAPHIC_PUNCTUATION) == set("’‘“”—–…")


@pytest.mark.parametrize("keys", ["cheap", "number", "exact"])
@given(st.lists(st.integers(0, 9), max_size=60))
def test_repeats_of_the_last_paragraphs_remembered(keys: str, picks: list[int]) -> None:
    # With drop_repeats, a paragraph repeats when its words first came among the last
    # REMEMBERED_PARAGRAPHS different paragraphs; a repeat does not make the first one newer.
    texts = [f"Number {pick}{_TAIL}." for pick in picks]
    blocks = [Block(Kind.PARAGRAPH, text, n, n) for n, text in enumerate(texts)]
    with (
        mock.patch.object(cls, "REMEMBERED_PARAGRAPHS", 3),
        mock.patch.object(rep, "NUMBER_KEYS", keys == "number"),
    ):
        found = cls.classify(blocks, drop_repeats=True, _exact=keys == "exact")
        kinds = [b.kind for b in found]
    remembered: list[str] = []  # oldest first
    expected = []
    for text in texts:
        if text in remembered:
            expected.append(Kind.PULL_QUOTE)
            continue
        expected.append(Kind.PARAGRAPH)
        remembered.append(text)
        if len(remembered) > 3:
            del remembered[0]
    assert kinds == expected


@pytest.mark.parametrize("number_keys", [False, True])
@given(st.lists(st.integers(0, 4 * len(_VARIANTS) - 1), max_size=40))
def test_number_keys_decide_as_fingerprints_do(number_keys: bool, picks: list[int]) -> None:
    blocks = [_block(index) for index in picks]
    with mock.patch.object(rep, "NUMBER_KEYS", number_keys):
        assert _outcome(blocks) == _outcome(blocks, _exact=True)
        assert _outcome(blocks, drop_repeats=True) == _outcome(
            blocks, drop_repeats=True, _exact=True
        )
