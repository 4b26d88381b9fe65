"""classify's shortcuts decide what its rules and fingerprints would: the prefilters made from
the rules' looks (``rules_that_may_fire``) and the cheap duplicate keys (``cheap_key``)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reflow import classify as cls
from reflow import furniture as fur
from reflow.lines import split_batches
from reflow.model import Block, Kind, Note
from reflow.paragraphs import build_blocks

ROOT = Path(__file__).resolve().parent.parent

# -- the prefilters made from the rules' looks: no rule fires where they say none can ----------


def test_only_b_lowercases_to_b() -> None:
    # is_byline's first test is text[:3].lower() == "by ": its look wants "b"/"B" first only.
    every = {chr(c) for c in range(0x110000) if chr(c).lower()[:1] == "b"}
    assert every == set(fur.BYLINE_FIRST_CHARS)


def _no_rule_fires(text: str, previous: Block | None, following: Block | None) -> bool:
    block = Block(Kind.PARAGRAPH, text, 1, 1)
    return all(rule.test(block, previous, following) is None for rule in cls.RULES)


_CONTEXTS = [
    None,
    Block(Kind.PARAGRAPH, "Before.", 1, 1),
    Block(Kind.CAPTION, "A harbour at dawn", 1, 1),
]
_FOLLOWING = [
    None,
    Block(Kind.PARAGRAPH, "Ann Lee/AP", 3, 3),
    Block(Kind.PARAGRAPH, "Credit: Ann Lee", 3, 3),
    Block(Kind.PARAGRAPH, "x.", 3, 3),
]

_PIECES = [
    *"aZ09 .,:;!?()[]*/|-#~=_+\\\t\u00a0’“”—•",
    "By ",
    "by ",
    "Photo",
    "Credit",
    "Credits:",
    "Image",
    "Getty Images",
    " via ",
    "WASHINGTON — ",
    "(AP Photo/Ann Lee)",
    "(Image: GETTY)",
    "Advertisement",
    "Share this",
    "Courtesy of ",
    "a.jpg",
    "x.png?w=3",
    "[logo]",
    "Ann Lee/Harbour",
    "The harbour will close in March for the dredging ",
    "PARIS",
]


@given(
    st.lists(st.sampled_from(_PIECES), max_size=8).map("".join),
    st.sampled_from(_CONTEXTS),
    st.sampled_from(_FOLLOWING),
)
def test_cannot_match_only_where_no_rule_fires(
    text: str, previous: Block | None, following: Block | None
) -> None:
    if cls.cannot_match(text, previous, following):
        assert _no_rule_fires(text, previous, following)


def _corpus_texts() -> list[str]:
    paths = sorted((ROOT / "fixtures").glob("*/input.*"))
    paths += sorted((ROOT / "bench" / "articles").glob("*"))
    texts = []
    for path in paths:
        text = path.read_bytes().decode("utf-8", errors="replace")
        blocks = build_blocks(chain.from_iterable(split_batches([text])))
        texts += [block.text for block in blocks if block.kind in (Kind.PARAGRAPH, Kind.VERSE)]
    return texts


#: Furniture of every kind, each caught by a rule in some context.
_FURNITURE = [
    "* * *",
    "Advertisement",
    "Continue reading the main story",
    "[logo] [banner]",
    "harbour.jpg photo.png?w=300",
    "By Tomasz Ribeiro and Ada Lindqvist",
    "BY ADA LINDQVIST | Updated March 4, 2026",
    "The quay at dawn, before the dredgers arrive. Credit",
    "The quay at dawn, before the dredgers arrive. Photo:",
    "*The quay at dawn, before the dredgers arrive.*",
    "Lena Marsh for the Harbour Ledger",
    "Lena Marsh/Harborview Ledger",
    "(AP Photo/Jonas Berg)",
    "Harbour Authority via Getty Images",
    "Courtesy of the Port Elsin Historical Society",
    "Illustration by Mira Osei",
    "Source: Harbour Authority",
    "Video: Lena Marsh",
    "The quay at dawn, before the dredgers arrive (Image: GETTY)",
    "The quay at dawn, before the dredgers arrive (Reuters)",
    "WASHINGTON — The harbour will close in March.",
    "ST. LOUIS, Mo. (AP) — The harbour will close in March.",
]


@pytest.mark.parametrize("text", _FURNITURE)
def test_cannot_match_never_hides_furniture(text: str) -> None:
    fired = 0
    for previous in _CONTEXTS:
        for following in _FOLLOWING:
            if _no_rule_fires(text, previous, following):
                continue
            fired += 1
            assert not cls.cannot_match(text, previous, following)
    assert fired


def test_cannot_match_on_real_paragraphs() -> None:
    texts = _corpus_texts()
    assert len(texts) > 100
    skipped = 0
    for text in texts:
        for previous in _CONTEXTS:
            for following in _FOLLOWING:
                if cls.cannot_match(text, previous, following):
                    skipped += 1
                    assert _no_rule_fires(text, previous, following), text
    assert skipped > len(texts)  # it does skip the rules for body text


def test_a_line_after_a_caption_is_asked_about() -> None:
    # classify tells cannot_match of the block before only when it is a caption.
    caption = "The quay at dawn, before the dredgers arrive (Image: GETTY)"
    for after in ("Harbour Authority archive", "Lena Marsh/Harborview Ledger"):
        blocks = [Block(Kind.PARAGRAPH, caption, 1, 1), Block(Kind.PARAGRAPH, after, 2, 2)]
        assert [b.kind for b in cls.classify(blocks)] == [Kind.CAPTION, Kind.CREDIT]


# -- rules_that_may_fire: a rule is skipped only where it cannot fire -----------------------------


def _misses(text: str, previous: Block | None, following: Block | None) -> list[str]:
    """The rules that fire for ``text`` outside the mask rules_that_may_fire gives."""
    may = cls.rules_that_may_fire(text, previous, following)
    block = Block(Kind.PARAGRAPH, text, 1, 1)
    return [
        rule.name
        for rule in cls.RULES
        if not may & cls._RULE_BITS[rule.name] and rule.test(block, previous, following) is not None
    ]


@given(
    st.lists(st.sampled_from([*_PIECES, " ", "\t", "*", ")"]), max_size=8).map("".join),
    st.sampled_from(_CONTEXTS),
    st.sampled_from(_FOLLOWING),
)
def test_rules_skipped_only_where_they_cannot_fire(
    text: str, previous: Block | None, following: Block | None
) -> None:
    for line in (text, f" {text}", f"{text} ", f"*{text}*"):
        assert not _misses(line, previous, following), line


@pytest.mark.parametrize("text", _FURNITURE)
def test_furniture_rules_are_never_skipped(text: str) -> None:
    for previous in _CONTEXTS:
        for following in _FOLLOWING:
            for line in (text, f" {text}", f"{text}\t"):
                assert not _misses(line, previous, following), line


def _sized(head: str, tail: str, size: int) -> str:
    return head + "x" * (size - len(head) - len(tail)) + tail


#: Furniture at the sizes where the rules' first tests change their answer.
_AT_THE_LIMITS = [
    "PARIS — abcd",  # a dateline of 12 characters, the fewest
    "*a*",  # a caption in emphasis of 3
    _sized("The quay ", " (Image: GETTY)", 399),  # a caption with its credit, under 400
    _sized("The quay ", " Credit", 399),  # a caption before its credit, under 400
    _sized("A", "/Harbour Ledger", 41 + 16),  # the longest name before a credit's "/"
    _sized("Photo: ", "Lee", 99),  # a credit under 100
    "share | tweet | email | print | comments | subscribe | logs",  # junk under 60
    _sized("[", "]", 302),  # bracketed names, 300 long
    _sized("", ".jpg", 600),  # an image name, 600 long
]


@pytest.mark.parametrize("text", _AT_THE_LIMITS)
def test_rules_at_their_limits_are_never_skipped(text: str) -> None:
    fired = 0
    for previous in _CONTEXTS:
        for following in _FOLLOWING:
            assert not _misses(text, previous, following), text
            fired += not _no_rule_fires(text, previous, following)
    assert fired


def test_rules_skipped_on_real_paragraphs() -> None:
    texts = _corpus_texts()
    skipped = 0
    for text in texts:
        for previous in _CONTEXTS:
            for following in _FOLLOWING:
                assert not _misses(text, previous, following), text
                may = cls.rules_that_may_fire(text, previous, following)
                skipped += len(cls.RULES) - bin(may).count("1")
    assert skipped > len(texts) * len(cls.RULES)  # it does skip most rules


def _at_the_bounds(look: cls.Look, piece: str, pick: int) -> list[str]:
    """Texts that pass ``look``'s characters and hold ``piece``, at the sizes where its bounds
    change their answer (and a blank at either edge)."""
    first = look.first[pick % len(look.first)] if look.first else ""
    last = look.last[pick % len(look.last)] if look.last else ""
    core = first + piece + look.holds
    sizes = {look.at_least, look.below - 1, look.below, len(core) + len(last)}
    texts = []
    for size in sorted(sizes):
        filler = "x" * max(0, size - len(core) - len(last))
        text = core + filler + last
        texts += [text, f" {text}", f"{text}\t"]
    return texts


_ALL_LOOKS = [look for rule in cls.RULES for look in (*rule.looks, *rule.reads_ahead)]


@given(
    st.sampled_from(_ALL_LOOKS),
    st.sampled_from(["", *_PIECES, *_FURNITURE]),
    st.integers(0, 30),
    st.sampled_from(_CONTEXTS),
    st.sampled_from(_FOLLOWING),
)
def test_rules_fire_only_where_a_look_passes(
    look: cls.Look, piece: str, pick: int, previous: Block | None, following: Block | None
) -> None:
    # Texts made from the looks themselves, at their bounds: where a rule fires, one of its
    # looks passes, so the prefilters made from the looks never hide it.
    for text in _at_the_bounds(look, piece, pick):
        assert not _misses(text, previous, following), text


def test_read_ahead_where_a_rule_reads_the_next_block() -> None:
    # A caption before its credit line is told so only if classify read the next block.
    caption = "The quay at dawn, before the dredgers arrive. Credit"
    blocks = [Block(Kind.PARAGRAPH, caption, 1, 1), Block(Kind.PARAGRAPH, "Ann Lee/AP", 2, 2)]
    assert [b.kind for b in cls.classify(blocks)] == [Kind.CAPTION, Kind.CREDIT]
    blocks = [Block(Kind.PARAGRAPH, "*The quay at dawn.*", 1, 1), *blocks[1:]]
    blocks[1] = Block(Kind.PARAGRAPH, "Credit: Ann Lee", 2, 2)
    assert [b.kind for b in cls.classify(blocks)] == [Kind.CAPTION, Kind.CREDIT]


def test_body_text_does_not_read_ahead() -> None:
    # Output keeps streaming: a plain paragraph is given out before the next block is read.
    def blocks() -> Iterator[Block]:
        yield Block(Kind.PARAGRAPH, "The harbour will close in March for the dredging.", 1, 1)
        raise AssertionError("the next block was read before the paragraph came out")

    first = next(cls.classify(blocks()))
    assert first.text.startswith("The harbour")


def test_rule_bits_follow_the_rules() -> None:
    assert [cls._RULE_BITS[rule.name] for rule in cls.RULES] == [
        1 << index for index in range(len(cls.RULES))
    ]
    assert all(rule.looks for rule in cls.RULES)  # a rule with no look would never be asked


@given(st.lists(st.sampled_from(_PIECES), max_size=8).map("".join))
def test_rules_asked_in_order_give_the_first_that_fires(text: str) -> None:
    block = Block(Kind.PARAGRAPH, text, 1, 1)
    for previous in _CONTEXTS:
        for following in _FOLLOWING:
            expected = block
            for rule in cls.RULES:
                found = rule.test(block, previous, following)
                if found is not None:
                    expected = cls.replace(found, notes=(Note(f"kind:{rule.name}", 1),))
                    break
            found = cls._apply_rules(block, previous, following, True)
            assert (found, found.notes) == (expected, expected.notes)


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
    assert cls.cheap_key(text) == cls.fingerprint(text).replace(" ", "").encode("utf-8")


def test_typographic_bytes_make_no_word_characters() -> None:
    # cheap_key and fingerprint drop every character whose UTF-8 form has only these bytes.
    made = []
    for code in range(0x80, 0x110000):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        if all(byte in cls._TYPOGRAPHIC_BYTES for byte in char.encode()):
            made.append(char)
            assert not cls._WORD.search(char) and not cls._WORD.search(char.lower()), hex(code)
    assert set(cls._TYPOGRAPHIC_PUNCTUATION) <= set(made)
    assert len(made) == 64


@given(
    st.lists(
        st.sampled_from(
            ["Credit", "Credits", ":", " ", "\n", "\t", "\u00a0", "\x1c", "s", "x", "C"]
        ),
        max_size=10,
    ).map("".join)
)
def test_credit_word_removed_as_the_regex_does(text: str) -> None:
    assert cls._without_credit_word(text) == cls._CREDIT_KEYWORD_TAIL.sub("", text)


_EDGES = st.text(alphabet=cls._FINGERPRINT_EDGE, max_size=4)


@given(_WORDY, _EDGES, _EDGES, _EDGES, _EDGES)
def test_edge_marks_change_no_fingerprint(core: str, a: str, b: str, c: str, d: str) -> None:
    # classify takes two texts for the same words when they are equal without the edge marks
    # (x.strip(edge) == y.strip(edge): each is that core between runs of edge marks).
    assert cls.fingerprint(a + core + b) == cls.fingerprint(c + core + d)


def test_cheap_key_of_a_huge_paragraph() -> None:
    text = ("Word, “another” word — and 42 more. " * 5000) + "Σ end"
    assert cls.cheap_key(text) == cls.fingerprint(text).replace(" ", "").encode("utf-8")
    ascii_text = "Word, another word and 42 more. " * 5000
    assert cls.cheap_key(ascii_text) == cls.fingerprint(ascii_text).replace(" ", "").encode()


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
    assert cls.cheap_key(first.text) == cls.cheap_key(second.text)
    kinds = [str(b.kind) for b in cls.classify([first, second, repeat], drop_repeats=True)]
    assert kinds == ["paragraph", "paragraph", "pull_quote"]
    # By default the repeat stands apart from its twin, and stays.
    kinds = [str(b.kind) for b in cls.classify([first, second, repeat])]
    assert kinds == ["paragraph", "paragraph", "paragraph"]


@given(_WORDY)
def test_number_keys_are_cheap_keys(text: str) -> None:
    key = cls.cheap_key(text)
    assert cls._number_key(text) == (cls._hash_of_key(key) if key.isascii() else key)
    assert set(cls._TYPOGRAPHIC_PUNCTUATION) == set("’‘“”—–…")


@pytest.mark.parametrize("keys", ["cheap", "number", "exact"])
@given(st.lists(st.integers(0, 9), max_size=60))
def test_repeats_of_the_last_paragraphs_remembered(keys: str, picks: list[int]) -> None:
    # With drop_repeats, a paragraph repeats when its words first came among the last
    # REMEMBERED_PARAGRAPHS different paragraphs; a repeat does not make the first one newer.
    texts = [f"Number {pick}{_TAIL}." for pick in picks]
    blocks = [Block(Kind.PARAGRAPH, text, n, n) for n, text in enumerate(texts)]
    with (
        mock.patch.object(cls, "REMEMBERED_PARAGRAPHS", 3),
        mock.patch.object(cls, "_NUMBER_KEYS", keys == "number"),
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
    with mock.patch.object(cls, "_NUMBER_KEYS", number_keys):
        assert _outcome(blocks) == _outcome(blocks, _exact=True)
        assert _outcome(blocks, drop_repeats=True) == _outcome(
            blocks, drop_repeats=True, _exact=True
        )
