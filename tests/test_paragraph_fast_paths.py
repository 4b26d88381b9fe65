"""The paragraph builder's shortcuts give exactly what the plain ways of computing give."""

from __future__ import annotations

import importlib.util
import random
import re
import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reflow import dehyphen, facts
from reflow import paragraphs as paragraphs_module
from reflow.facts import is_title_case
from reflow.joining import Joiner
from reflow.lines import split_lines
from reflow.measure import is_hangul_pair
from reflow.model import Block, Kind, Note
from reflow.paragraphs import _block, build_blocks
from reflow.profile import document_words, learn
from reflow.repair import repair_lines

from .strategies import documents, hostile_text

ROOT = Path(__file__).resolve().parent.parent


def _generated(variant: str, size: int) -> str:
    spec = importlib.util.spec_from_file_location("bench_gen", ROOT / "bench" / "gen.py")
    assert spec is not None and spec.loader is not None
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    return b"".join(gen.generate(variant, size)).decode("utf-8", errors="replace")


# -- the main loop's shortcuts -----------------------------------------------------------------


def _blocks(text: str) -> list[tuple[object, ...]]:
    lines = list(repair_lines(split_lines([text])))
    return [
        (b.kind, b.text, b.first_line, b.last_line, b.level, tuple(map(str, b.notes)))
        for b in build_blocks(lines, explain=True, repair=True)
    ]


def test_shortcuts_take_what_decide_would(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the run-on shortcuts off, every line goes to ``decide``: the blocks are the same.

    (When ``decide``'s first rule changes, the shortcuts in ``_Builder.run`` must follow.)
    """
    texts = [path.read_text(errors="replace") for path in sorted(ROOT.glob("fixtures/*/input.*"))]
    texts += [_generated(variant, 40_000) for variant in ("ascii", "utf8", "mojibake")]
    with_shortcuts = [_blocks(text) for text in texts]
    monkeypatch.setattr(paragraphs_module, "FAST_PATHS", False)
    assert [_blocks(text) for text in texts] == with_shortcuts


def _lowercase_some_lines(text: str, every: int) -> str:
    """Lines that start in lower case where the shortcuts look: after short lines too."""
    lines = text.split("\n")
    return "\n".join(
        line[:1].lower() + line[1:] if index % every == 0 else line
        for index, line in enumerate(lines)
    )


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(documents().map(lambda doc: doc.text), hostile_text),
    st.integers(min_value=1, max_value=4),
)
def test_shortcuts_take_what_decide_would_on_any_document(text: str, every: int) -> None:
    text = _lowercase_some_lines(text, every)
    with_shortcuts = _blocks(text)
    paragraphs_module.FAST_PATHS = False
    try:
        assert _blocks(text) == with_shortcuts
    finally:
        paragraphs_module.FAST_PATHS = True


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
    assert is_title_case(text) == _is_title_case_plainly(text)
    assert is_title_case(text) == _is_title_case_plainly(text)  # asked twice: remembered


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
    # Korean wrapped by character: a line that stopped short of the others ended a word.
    short = Joiner._stopped_short([line for _, line in lines]) if hangul else [False] * len(lines)
    for (number, line), before_short in zip(lines[1:], short[:-1], strict=True):
        if before_short and is_hangul_pair(text, line):
            notes.append(Note("hangul-line-stopped-short", number))
            text = text + " " + line
        else:
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


def test_korean_cut_anywhere_gets_back_the_spaces_the_document_and_the_syllables_show() -> None:
    # Words that stand alone inside lines of the document ("항구에", "가야"; "하지만" whole).
    inner = frozenset({"항구에", "가야", "하지만"})
    joiner = Joiner(frozenset(), True, True, True, inner)
    notes: list[Note] = []
    # A line end on a space: the word after it is one the document has alone.
    assert joiner.join([(1, "버스를 타고"), (2, "항구에 간다")], notes) == "버스를 타고 항구에 간다"
    assert [note.rule for note in notes] == ["hangul-spaced"]
    assert notes[0].detail.startswith("right-stands-alone +")  # what weighed most, for --explain
    # A word cut by the wrap, a one-syllable ending, a word the document joins: no space.
    assert joiner.join([(1, "새 배가 도착"), (2, "한다")], None) == "새 배가 도착한다"
    assert joiner.join([(1, "그러나 하지"), (2, "만 섬은")], None) == "그러나 하지만 섬은"
    assert joiner.join([(1, "그는 항구"), (2, "에 갔다")], None) == "그는 항구에 갔다"
    # Words the document has nowhere else: the syllables tell ("-을" ends a word, "-게" and
    # "-겠" go on), where the document alone could not.
    assert joiner.join([(1, "문을 일찍"), (2, "닫을 생각")], None) == "문을 일찍 닫을 생각"
    assert (
        joiner.join([(1, "모든 회원들에"), (2, "게 알리겠다")], None) == "모든 회원들에게 알리겠다"
    )
    assert joiner.join([(1, "자세히 알리"), (2, "겠다고 했다")], None) == "자세히 알리겠다고 했다"
    # Cut inside a word only where a line is full: one that stopped short (the seed's lone
    # first word) ended at a space, whatever the syllables say.
    stopped: list[Note] = []
    lines = [(1, "회원들에"), (2, "게 새 규칙을 알리겠다고 했"), (3, "다")]
    assert joiner.join(lines, stopped) == "회원들에 게 새 규칙을 알리겠다고 했다"
    assert [note.rule for note in stopped] == ["hangul-line-stopped-short"]


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


# -- what decide asks of one line ------------------------------------------------------------


def _line_facts_plainly(line: str) -> int:
    from reflow import furniture as fur
    from reflow.facts import maybe_placeholder

    bits = [
        len(line) < 60 and fur.is_separator(line),
        len(line) < 60 and fur.is_junk(line),
        maybe_placeholder(line) and fur.is_placeholder(line),
        fur.is_byline(line),
        maybe_placeholder(line),
        fur.ends_with_credit_keyword(line),
        fur.ends_with_credit(line),
        len(line) < 40 and fur.dateline_word(line),
        fur.ends_sentence(line),
        fur.ends_sentence_strictly(line),
        len(line) < 60 and fur.is_timestamp(line),
    ]
    return sum(1 << index for index, bit in enumerate(bits) if bit)


_FURNITURE_LINES = [
    "|",
    "* * *",
    "---",
    "Advertisement",
    "ſhare this:",
    "Share | Tweet",
    "SKIP TO CONTENT",
    "sign up",
    "Log In",
    "Continue reading the main story",
    "Read more",
    "Related:",
    "Comments",
    "Subscribe",
    "Email • Print",
    "Sponsored Content",
    "Supported by",
    "Tweet",
    "s\u212aip to content",
    "\u017fkip to content",
    "Pr\u0131nt",
    "[logo]",
    "[a.jpg] [b.svg]",
    "photo.JPG?w=300",
    "By Ann Lee and Bo Chan, Reuters",
    "BY JOHN SMITH",
    "Published June 6, 2020",
    "Updated 1:39 am EST, Wednesday, November 20, 2019",
    "2026年3月12日 14:05 发布",
    "Residents waiting in Lowmarsh. Credit",
    "A harbour at dawn. Photo:",
    "Seen on Tuesday (Image: GETTY)",
    "WASHINGTON",
    "ST. LOUIS",
    "LONDON (Reuters)",
    "L'AQUILA",
    "Mr.",
    "He met John F.",
    "He met Dr.",
    "(Gen.",
    "“J.",
    "Ends here.",
    "It ended.”)",
    "Q:",
    "Why?",
    "The",
    "T",
    "x",
]


@settings(max_examples=1000)
@given(
    st.one_of(
        hostile_text,
        st.sampled_from(_FURNITURE_LINES),
        st.tuples(st.sampled_from(_FURNITURE_LINES), hostile_text).map("".join),
        st.tuples(hostile_text, st.sampled_from(_FURNITURE_LINES)).map("".join),
    )
)
def test_line_facts_are_the_furniture_tests(text: str) -> None:
    line = paragraphs_module._tidy(text)
    if line:
        assert facts.line_facts(line) == _line_facts_plainly(line)


def test_line_facts_of_corpus_lines() -> None:
    texts = [path.read_text(errors="replace") for path in sorted(ROOT.glob("fixtures/*/input.*"))]
    texts.append(_generated("ascii", 40_000))
    for text in texts:
        for raw in text.splitlines():
            line = paragraphs_module._tidy(raw)
            if line:
                assert facts.line_facts(line) == _line_facts_plainly(line), line


def test_junk_starts_are_the_phrases_first_three_letters() -> None:
    # ``line_facts`` asks the junk pattern only about lines whose first three characters,
    # lowercased, are in _JUNK_STARTS (or not ASCII). The regex module can say whether a text
    # could begin a match (``partial``): these must be exactly the ASCII starts that can.
    regex = pytest.importorskip("regex")
    from reflow import furniture

    pattern = regex.compile(furniture._JUNK.pattern)
    chars = [c for c in string.printable if not c.isspace()]  # tidy lines start with no blank
    starts = set()
    for first in chars:
        for second in chars:
            head = first + second
            assert pattern.match(head) is None, head  # no phrase is this short
            if pattern.match(head, partial=True):
                starts |= {
                    (head + c).lower() for c in chars if pattern.match(head + c, partial=True)
                }
    assert starts == facts._JUNK_STARTS


#: The image-name pattern as ``facts._IMAGE_HINT`` has it, asked about every position.
_IMAGE_NAME = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|avif)", re.IGNORECASE)


@settings(max_examples=1000)
@given(
    st.lists(
        st.sampled_from([".", "jpg", "JPEG", "pn", "g", "Gif", "webp", "ſvg", "avif", "x", " "]),
        max_size=8,
    ).map("".join)
    | hostile_text
)
def test_names_image_is_the_regex_search(text: str) -> None:
    assert facts.names_image(text) == (_IMAGE_NAME.search(text) is not None)


def test_only_these_characters_follow_the_dot_of_an_image_name() -> None:
    for code in range(0x110000):
        char = chr(code)
        if not 0xD800 <= code <= 0xDFFF and any(
            _IMAGE_NAME.match(f".{char}{rest}") for rest in ("pg", "ng", "if", "ebp", "vg", "vif")
        ):
            assert facts.names_image(
                f"x.{char}pg.{char}ng.{char}if.{char}ebp.{char}vg.{char}vif"
            ), repr(char)


# -- the first unit of a line ------------------------------------------------------------------


def _first_unit_width_plainly(text: str) -> int:
    from reflow.measure import is_cj, is_wide
    from reflow.wrap import display_width, ends_in_credit_keyword, is_marker_word, joins_across

    text = text.lstrip()
    space = text.find(" ")
    word = text if space < 0 else text[:space]
    if not word.isascii() and is_wide(word[0]):
        pairs = [i for i in range(1, len(word)) if is_cj(word[i - 1]) and is_cj(word[i])]
        if len(word) == 1 or not is_cj(word[0]) or pairs[:1] == [1]:
            return 2
        if pairs:
            return display_width(word[: pairs[0]])
    size = display_width(word)
    while space >= 0:
        end = text.find(" ", space + 1)
        word = text[space + 1 :] if end < 0 else text[space + 1 : end]
        if not (
            is_marker_word(word)
            or ends_in_credit_keyword(text[max(0, space - 13) : space])
            or joins_across(text[max(0, space - 2) : space], word)
        ):
            break
        size += 1 + display_width(word)
        space = end
    return size


_unit_words = st.sampled_from(
    [
        *("word", "1984.", "(4)", "#", "-", "a)", "B.", "Photo:", "Credit", "Ann", "", "漢字"),
        *("é", ">x", "pre-", "\u3000x", "漢x", "\\"),
    ]
)


@settings(max_examples=500)
@given(st.lists(_unit_words, min_size=1, max_size=6), st.sampled_from([" ", "  "]))
def test_first_unit_width_is_the_plain_one(words: list[str], separator: str) -> None:
    from reflow.measure import first_unit_width

    text = separator.join(words)
    assert first_unit_width(text) == _first_unit_width_plainly(text)
