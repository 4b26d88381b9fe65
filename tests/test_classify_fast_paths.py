"""classify's prefilters, made from the rules' looks (``rules_that_may_fire``), skip a rule only
where it cannot fire."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from pathlib import Path

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
    assert every | set(fur.CJ_BYLINE_FIRST_CHARS) == set(fur.BYLINE_FIRST_CHARS)


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
