"""furniture's shortcuts decide what its patterns would, and its patterns compile on first use.

The reference is each function as it was before its shortcuts, with its pattern as it was
written then (copied here verbatim): every shortcut must give what the reference gives, on
generated lines and on every line and paragraph of the fixtures and bench articles.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from functools import cache
from itertools import chain
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reflow import furniture as fur
from reflow.lines import split_batches
from reflow.model import Kind
from reflow.paragraphs import build_blocks

ROOT = Path(__file__).resolve().parent.parent

# -- the reference: the patterns and functions as they were ------------------------------------

_BYLINE = re.compile(
    r"""(?x)
    ^(?:[Bb]y|BY)\s+
    (?:[A-Z][\w’'.\-]*\.?\s*){1,4}             # a name: capitalised words and initials
    (?:(?:,\s*|\s+and\s+|\s*&\s*)(?:[A-Z][\w’'.\-]*\.?\s*){1,4}){0,4}   # more names
    (?:\s*[,|]\s*.*|\s+(?:for|of|at|in)\s+.*)?$  # ", Reuters" / "| Updated …" / "for The Times"
    """
)
_SEPARATOR = re.compile(r"^\s*(?:[|•·◦▪/\\~=_*#+-]\s*){1,12}$")
_STAR_TAGS = re.compile(r"^\s*(?:\*[^\s*]+\*\s*)+$")
_CREDIT_LINE = re.compile(
    r"""(?x)
    ^(?:
        (?:Photo|Image|Credit|Illustration|Photograph|Video|Source)s?\s*(?:by\b|:)\s*\S.*
      | \((?:AP|Reuters|AFP|Getty)\b[^)]*\)
      | (?:Courtesy\s+of|Illustration\s+by|Photo\s+by|Photograph\s+by)\s+\S.*
      | (?:摄影|撮影|写真|图片?|圖片?)\s*[:：]\s*\S.*
      | .{0,60}\bvia\s+Getty\s+Images
      | (?=[A-Z][\w.’'\- ]{1,40}/)[A-Z][\w.’'\-]*(?:[ ]+(?:[a-z]{1,4}[ ]+){0,2}[A-Z][\w.’'\-]*)*[ ]*
        /(?:[A-Z][\w.’'&\- ]{1,60})(?:\s+[—–-]\s+Getty\s+Images)?
    )\s*$
    """
)
_CREDIT_SLASH = re.compile(
    r"(?=[A-Z][\w.’'\- ]{1,40}/)[A-Z][\w.’'\-]*(?:[ ]+(?:[a-z]{1,4}[ ]+){0,2}[A-Z][\w.’'\-]*)*[ ]*"
    r"/(?:[A-Z][\w.’'&\- ]{1,60})(?:\s+[—–-]\s+Getty\s+Images)?\s*$"
)
_DATELINE_HEAD = re.compile(
    r"""(?x)
    ^(?P<place>
        [A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){0,3}     # WASHINGTON, NEW YORK, ST. LOUIS
        (?:,\s+[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?)?   # , N.Y. / , Calif. / , England
        (?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?            # , March 3
        (?:\s+\((?:AP|Reuters|AFP|UPI|dpa|Bloomberg)\))?  # (Reuters)
    )\s*(?P<dash>[—–]|--|-)\s
    """
)


_CJ_NAME = "[\u3040-\u30ff\u3400-\u9fff]{1,4}"
_CJ_BYLINE = re.compile(
    f"(?:(?:记者|記者)(?:\\s+|\\s*[:：]\\s*)|(?:文|撰文)\\s*[:：/／]\\s*)"
    f"{_CJ_NAME}(?:[ \u3000・、]{_CJ_NAME}){{0,2}}"
)


def _is_byline(line: str) -> bool:
    stripped = line.strip()
    if stripped[:1] in ("记", "記", "文", "撰"):
        return len(stripped) <= 20 and _CJ_BYLINE.fullmatch(stripped) is not None
    if len(stripped) > 120 or stripped[:3].lower() != "by ":
        return False
    return _BYLINE.match(stripped) is not None


def _is_separator(line: str) -> bool:
    first = line.lstrip()[:1]
    if not first or first not in fur._SEPARATOR_CHARS:
        return False
    # (Words between stars are a help file's tags, no separator: furniture's star-tag.)
    return _SEPARATOR.match(line) is not None and _STAR_TAGS.match(line) is None


def _is_credit_line(line: str) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > 120 or fur.ends_sentence(stripped.rstrip(")")):
        return stripped.startswith("(") and _CREDIT_LINE.match(stripped) is not None
    return _CREDIT_LINE.match(stripped) is not None


def _dateline_of(text: str) -> str | None:
    if len(text) < 12 or not text[:1].isupper() or not text[1:2].isupper():
        return None
    match = _DATELINE_HEAD.match(text)
    if match is None:
        return None
    place = match.group("place")
    letters = [c for c in place if c.isalpha()]
    first = place.split()[0].rstrip(",")
    if not first.isupper() or len(letters) < 3:
        return None
    return f"{place} {match.group('dash')}"


# -- what they are compared on -----------------------------------------------------------------


def _generated(size: int) -> str:
    """The benchmark's article stream (bench/gen.py): furniture in the seed's style."""
    spec = importlib.util.spec_from_file_location("bench_gen", ROOT / "bench" / "gen.py")
    assert spec is not None and spec.loader is not None
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    return b"".join(gen.generate("utf8", size)).decode("utf-8")


@cache
def _corpus() -> list[str]:
    """Every line, stripped line and paragraph of the fixtures, the bench articles, some of
    the benchmark's stream and the shared dev corpus (where it is present)."""
    paths = sorted((ROOT / "fixtures").glob("*/input.*"))
    paths += sorted((ROOT / "bench" / "articles").glob("*"))
    paths += sorted((ROOT.parent / "shared" / "corpus" / "dev" / "input").glob("*/*.txt"))
    texts = [path.read_bytes().decode("utf-8", errors="replace") for path in paths]
    found: set[str] = set()
    for text in [*texts, _generated(200_000)]:
        for line in text.splitlines():
            found.update((line, line.strip()))
        blocks = build_blocks(chain.from_iterable(split_batches([text])))
        found.update(b.text for b in blocks if b.kind in (Kind.PARAGRAPH, Kind.VERSE))
    return sorted(found)


#: Furniture and its look-alikes, in the shapes the shortcuts take and the ones they leave
#: to the patterns.
_EXAMPLES = [
    "By Tomasz Ribeiro and Ada Lindqvist",
    "By Grace Oyelaran and Desmond Achebe",
    "BY ADA LINDQVIST | Updated March 4, 2026",
    "By Ada Lindqvist, Reuters",
    "By Ada Lindqvist for The Harbour Courier",
    "by A and B and C and D and E",
    "by A and B and C and D and E and F",
    "By Ann Bo Cy Di Ed",
    "By Ann  Lee",
    "By Zoë Lee",
    "By the end of the year the channel will be closed.",
    "By 2030 the harbour expects twice the traffic.",
    "bY Ann Lee",
    "By and Lee",
    "By Ann and",
    "|",
    " | ",
    "* * *",
    "x",
    "Lena Marsh/Harborview Ledger",
    "Tobias Mwangi/Lowmarsh Courier",
    "A/B",
    "Ab/Cd",
    "Ab/cd",
    "Ann Lee/Harbour/Ledger",
    "Ann Lee/Harbour Ledger — Getty Images",
    "Ann Lee/Harbour Ledger.",
    "(AP Photo/Jonas Berg)",
    "Harbour Authority via Getty Images",
    "Courtesy of the Port Elsin Historical Society",
    "Illustration by Mira Osei",
    "Photo: Lena Marsh",
    "Source: Harbour Authority",
    "写真：山田 花子",
    "摄影: 刘芳",
    "图片：港湾事务所",
    "写真家の山田花子さん",
    "The input/output ratio of the pumps fell to half.",
    "WASHINGTON — The harbour will close in March.",
    "HARBORVIEW — The city council voted late on Thursday.",
    "ST. LOUIS, Mo. (AP) — The harbour will close in March.",
    "NEW YORK – The harbour will close in March.",
    "CARROW POINT — The plan for the old granary.",
    "SALT LAKE CITY — The harbour will close in March.",
    "AB CD EF GH — The harbour will close in March.",
    "AB CD EF GH IJ — The harbour will close in March.",
    "AB C — The harbour will close in March.",
    "AB  CD — The harbour will close in March.",
    "AB, CD — The harbour will close in March.",
    "AB CD (AP) — The harbour will close in March.",
    "PARIS -- The harbour will close in March.",
    "AB — The harbour will close in March.",
    "ABC —The harbour will close in March.",
    "ABC —\tThe harbour will close in March.",
    "ABCDEFGHIJK —",
    "ABCDEFGHIJ —",
    "ÉCOLE — The harbour will close in March.",
    "NASA said on Monday that the launch would slip to June.",
]

#: Pieces of furniture that the generated lines are made of.
_PIECES = [
    *"aZÉé .,:;!?()[]*/|-&'’\t\u00a0—–•",
    "By ",
    "by ",
    "BY ",
    "Ann",
    "Lee",
    "Bo",
    "X",
    " and ",
    "and",
    " & ",
    ", ",
    " | Updated",
    " for ",
    "Photo",
    "Photo by ",
    "Credit: ",
    "Courtesy of ",
    "(AP ",
    "Getty Images",
    " via ",
    " — ",
    " – ",
    " -- ",
    "WASHINGTON",
    "ST. LOUIS",
    "PARIS",
    ", N.Y.",
    ", March 3",
    " (Reuters)",
    "Harbour Ledger",
]

_LINES = st.lists(st.sampled_from(_PIECES), max_size=10).map("".join)


def _lines(text: str) -> list[str]:
    return [text, text.strip(), f" {text}", f"{text} "]


# -- the shortcuts against the reference --------------------------------------------------------


@given(_LINES)
def test_byline_as_the_pattern_decides(text: str) -> None:
    for line in _lines(text):
        assert fur.is_byline(line) == _is_byline(line), line
        if fur._is_plain_byline(line):
            assert _BYLINE.match(line) is not None, line


@given(_LINES)
def test_separator_as_the_pattern_decides(text: str) -> None:
    for line in [*_lines(text), text[:1], text[-1:]]:
        assert fur.is_separator(line) == _is_separator(line), line


@given(_LINES)
def test_credit_line_as_the_pattern_decides(text: str) -> None:
    for line in _lines(text):
        assert fur.is_credit_line(line) == _is_credit_line(line), line
        if line:
            assert fur._is_credit_shape(line) == (_CREDIT_LINE.match(line) is not None), line
        if fur._is_plain_credit(line):
            assert _CREDIT_SLASH.match(line) is not None, line


@given(_LINES)
def test_dateline_as_the_pattern_decides(text: str) -> None:
    for line in _lines(text):
        assert fur.dateline_of(line) == _dateline_of(line), line


@given(st.text(alphabet="ABZ .'’-—–\t\u00a0\u2003xé", max_size=24))
def test_dateline_in_any_characters(text: str) -> None:
    for line in (text, text + " the harbour will close", "AB" + text + " the harbour"):
        assert fur.dateline_of(line) == _dateline_of(line), line


@given(st.text(alphabet="ABab /\t\u00a0.é-", max_size=70))
def test_plain_credit_only_where_the_pattern_matches(text: str) -> None:
    for line in (text, "A" + text, text.replace(" ", "/", 1)):
        if line and fur._is_plain_credit(line):
            assert _CREDIT_SLASH.match(line) is not None, line
        if line:
            assert fur._is_credit_shape(line) == (_CREDIT_LINE.match(line) is not None), line


@given(
    st.lists(st.sampled_from(["Ann", "Bo", "X", "and", "", "Zoë", "lee", "A.", "&"]), max_size=12)
)
def test_plain_byline_only_where_the_pattern_matches(words: list[str]) -> None:
    for head in ("By", "by", "BY", "bY"):
        line = " ".join([head, *words])
        if fur._is_plain_byline(line):
            assert _BYLINE.match(line) is not None, line
        assert fur.is_byline(line) == _is_byline(line), line


def test_plain_credit_at_the_pattern_s_bounds() -> None:
    # 1 to 40 characters after the first before the "/", 1 to 60 after the capital after it.
    for before in range(45):
        for after in range(65):
            for line in (f"A{'b' * before}/C{'d' * after}", f"A{' ' * before}/C{' d' * after}"):
                if fur._is_plain_credit(line):
                    assert _CREDIT_SLASH.match(line) is not None, line
                assert fur._is_credit_shape(line) == (_CREDIT_LINE.match(line) is not None)


def test_plain_byline_at_the_pattern_s_bounds() -> None:
    # One to four names a group, five groups at most.
    for names in range(1, 7):
        for groups in range(1, 8):
            line = "By " + " and ".join([" ".join(["Ann"] * names)] * groups)
            if fur._is_plain_byline(line):
                assert _BYLINE.match(line) is not None, line
            assert fur.is_byline(line) == _is_byline(line), line


@pytest.mark.parametrize("text", _EXAMPLES)
def test_examples_as_the_patterns_decide(text: str) -> None:
    assert fur.is_byline(text) == _is_byline(text)
    assert fur.is_separator(text) == _is_separator(text)
    assert fur.is_credit_line(text) == _is_credit_line(text)
    assert fur.dateline_of(text) == _dateline_of(text)


def test_credit_line_asked_again() -> None:
    # is_credit_line keeps its last answer for the same line (classify asks twice in a row).
    lines = [text for text in _EXAMPLES if _is_credit_line(text)][:3] + _EXAMPLES[:3]
    for first in lines:
        for second in lines:
            for line in (first, first, second, first, "".join(first), second):
                assert fur.is_credit_line(line) == _is_credit_line(line), line


def test_shortcuts_take_the_plain_shapes() -> None:
    # Each shortcut is taken where it is meant to be (else it would save nothing).
    assert fur._is_plain_byline("By Grace Oyelaran and Desmond Achebe")
    assert fur._is_plain_credit("Tobias Mwangi/Lowmarsh Courier")
    assert fur.dateline_of("HARBORVIEW — The city council voted late.") == "HARBORVIEW —"
    assert fur._plain_dateline("CARROW POINT — The plan was approved.") == "CARROW POINT —"
    assert not fur._names_in_first_brackets("[“We are not choosing,” said Ann Lee.]")
    assert fur._names_in_first_brackets("[logo]")
    assert not fur._is_plain_byline("By Ada Lindqvist, Reuters")
    assert fur.is_byline("By Ada Lindqvist, Reuters")


def test_corpus_as_the_patterns_decide() -> None:
    lines = _corpus()
    assert len(lines) > 2000
    assert sum(map(_is_byline, lines)) > 10 and sum(map(_is_credit_line, lines)) > 10
    assert sum(_dateline_of(line) is not None for line in lines) > 10
    for line in lines:
        assert fur.is_byline(line) == _is_byline(line), line
        assert fur.is_separator(line) == _is_separator(line), line
        assert fur.is_credit_line(line) == _is_credit_line(line), line
        assert fur.dateline_of(line) == _dateline_of(line), line


def test_credit_line_is_the_pattern_it_was() -> None:
    # The three groups joined again are the pattern as it was written, up to its layout.
    assert fur._CREDIT_LINE.flags & re.VERBOSE
    assert re.sub(r"\s+", "", fur._CREDIT_LINE.pattern) == re.sub(
        r"\s+", "", _CREDIT_LINE.pattern.removeprefix("(?x)")
    )
    assert fur.CREDIT_LEAD_FIRST_CHARS == "PICVS(摄撮写图圖"


def test_patterns_are_the_patterns_they_were() -> None:
    # (_BYLINE is written possessively now: tests/test_linear_time.py checks it matches the
    # same lines as the reference above.)
    for name, pattern in (
        ("_SEPARATOR", _SEPARATOR),
        ("_DATELINE_HEAD", _DATELINE_HEAD),
    ):
        compiled = getattr(fur, name)
        assert (compiled.pattern, compiled.flags) == (pattern.pattern, pattern.flags), name


@given(st.text(alphabet="[]ab. \t\u00a0\u2003/", max_size=12))
def test_bracket_precheck_never_hides_a_match(text: str) -> None:
    for line in ("[" + text, "[" + text + "]", f"[{text}] [b]"):
        if fur._pattern("_BRACKETED_NAMES").match(line) is not None:
            assert fur._names_in_first_brackets(line), line


def test_bracket_precheck_at_the_pattern_s_bounds() -> None:
    for size in range(305):
        line = "[" + "a" * size + "]"
        matches = fur._pattern("_BRACKETED_NAMES").match(line) is not None
        assert matches == (1 <= size <= 300)
        assert fur._names_in_first_brackets(line) == matches


# -- patterns compiled on first use ---------------------------------------------------------------


def test_every_pattern_compiles_and_is_found_by_name() -> None:
    for name, (source, flags) in fur._SOURCES.items():
        compiled = fur._pattern(name)
        assert isinstance(compiled, re.Pattern)
        assert (compiled.pattern, compiled.flags & flags) == (source, flags)
        assert compiled is fur._pattern(name)  # compiled once
        if name.startswith("_"):
            assert getattr(fur, name) is compiled
    with pytest.raises(AttributeError, match="_NO_SUCH_PATTERN"):
        fur._NO_SUCH_PATTERN  # noqa: B018


def test_importing_furniture_compiles_no_pattern() -> None:
    script = (
        "import re, reflow\n"
        "made = []\n"
        "compile = re.compile\n"
        "re.compile = lambda *args, **kwargs: made.append(args) or compile(*args, **kwargs)\n"
        "import reflow.furniture as fur\n"
        "assert not made, made\n"
        "import reflow.classify as cls\n"  # model's imports compile patterns of their own
        "ours = {source for source, _flags in fur._SOURCES.values()}\n"
        "ours |= {source for source, _flags in cls._SOURCES.values()}\n"
        "assert not [args for args in made if args[0] in ours], made\n"
        "assert fur.is_byline('By Ann Lee, Reuters') and made[-1][0] in ours, made\n"
        "assert cls._without_credit_word('Dawn. Credits:') == 'Dawn.'\n"
        "assert made[-1][0] == cls._SOURCES['_CREDIT_KEYWORD_TAIL'][0], made\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, cwd=ROOT)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("记者 王 明", True),
        ("記者：山本 太郎", True),
        ("文：中村 翔", True),
        ("文／高橋 美咲", True),
        ("撰文：李 华", True),
        ("记者招待会", False),  # a press conference: no space or colon after 记者
        ("记者从市政府获悉，今年的潮汐表已经发布。", False),
        ("文化", False),
        ("文：", False),
    ],
)
def test_chinese_and_japanese_bylines(line: str, expected: bool) -> None:
    assert fur.is_byline(line) is expected
    assert _is_byline(line) is expected
