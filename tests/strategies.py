"""Shared hypothesis strategies: hostile bytes and text, and generated hard-wrapped documents."""

from __future__ import annotations

import codecs
import os
import random
import textwrap
from dataclasses import dataclass, field

from hypothesis import settings
from hypothesis import strategies as st

#: Whether the "deep" hypothesis profile is loaded (tests/conftest.py).
DEEP = os.environ.get("HYPOTHESIS_PROFILE") == "deep"

#: Settings for the properties that must hold. Under CI their examples are fixed
#: (derandomized), so a rare heuristic gap found by chance cannot turn one CI run red and the
#: next green; locally every run explores new input (and HYPOTHESIS_PROFILE=long, 5000).
_FIXED = bool(os.environ.get("CI")) or DEEP
guard = settings(derandomize=_FIXED, database=None if _FIXED else settings().database)

#: Examples per invariant for the properties over random widths. The main suite runs a modest,
#: fixed set; the "deep" profile (.ci/run's second step) runs as many as it asks of every
#: property, fixed too; REFLOW_FUZZ_EXAMPLES=N explores N new examples each on every run.
FUZZ_EXAMPLES = int(os.environ.get("REFLOW_FUZZ_EXAMPLES", "0") or 0)
fuzz = (
    settings(max_examples=FUZZ_EXAMPLES, database=None, deadline=None)
    if FUZZ_EXAMPLES
    else settings(
        derandomize=True,
        database=None,
        max_examples=settings.default.max_examples if DEEP else 60,
        deadline=None,
    )
)

#: The widths a re-wrap is checked at: none (one line a paragraph), or 20 to 100 columns.
widths = st.one_of(st.just(0), st.integers(20, 100))

# -- hostile input ---------------------------------------------------------------------------

#: Characters that stress the line splitter, repair and Markdown escaping: every kind of line
#: end (real and look-alike), form feeds, controls, BOMs, soft hyphens, wide and combining
#: characters, surrogate-free astral symbols, and the punctuation that opens Markdown structure.
TRICKY_CHARS = (
    "\n\r\t\f\v\x00\x1b\x7f\x85\x1c\x1d\x1e\u2028\u2029\ufeff\u00ad\u200b\u00a0"
    "#>-*+_=`~|<[]()!.:;,'\"\\1234567890 "
    "é\u0301Ωж中文字\u3000。ﬁ“”‘’—–…•·Ã©â€™\U0001f600"
)

#: Text built from tricky characters, letters and spaces, small enough to stay fast (the
#: no-crash properties add fully arbitrary Unicode).
hostile_text = st.text(alphabet=TRICKY_CHARS + "abcdefghijklmnopqrstuvwxyzABCDEFGHI", max_size=120)

_ENCODINGS = (
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "cp1252",
    "latin-1",
)


@st.composite
def encoded_text(draw: st.DrawFn) -> bytes:
    """Hostile text encoded in one of the encodings reflow detects (errors replaced)."""
    text = draw(hostile_text)
    encoding = draw(st.sampled_from(_ENCODINGS))
    return text.encode(encoding, errors="replace")


_PREFIXES = (
    b"",
    codecs.BOM_UTF8,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF16_BE,
    codecs.BOM_UTF32_LE,
    codecs.BOM_UTF32_BE,
    b"\x89PNG\r\n\x1a\n",
    b"\x7fELF",
)

#: Arbitrary bytes, bytes behind a BOM or a binary signature, and encoded hostile text.
hostile_bytes = st.one_of(
    st.binary(max_size=200),
    st.builds(lambda p, b: p + b, st.sampled_from(_PREFIXES), st.binary(max_size=120)),
    encoded_text(),
)

# -- generated documents ---------------------------------------------------------------------

# Our own vocabulary: ordinary English words with no structural meaning to reflow, so a
# document built from them has exactly the structure the generator put in.
NOUNS = """
bridge harbor council ferry lantern market orchard quarry tunnel meadow library village
engineer teacher farmer river valley winter summer evening morning budget report street
window garden kitchen letter museum station tower meeting railway warehouse schedule
""".split()
VERBS = """
closed opened repaired painted delayed measured carried crossed watched finished approved
questioned rebuilt inspected visited counted described reopened planted followed
""".split()
ADJECTIVES = """
old narrow quiet busy northern wooden careful rainy distant yellow familiar patient
crowded early late modest steady well-known long-awaited
""".split()
LINKS = "the a their every another this that its".split()
JOINERS = "and but while because after before although until since".split()
PLACES = "Harrowgate Lindmoor Eastwick Fenbury Calder Marlowe Ashby Tolland".split()
FIRST_NAMES = "Ines Marek Sunniva Tobias Halima Oren Priya Lucan Adaeze Bram".split()
LAST_NAMES = "Halloran Oduya Vestergaard Quill Moreno Ashcombe Lindqvist Okonjo Tarrant".split()
AGENCIES = ["Northgate Courier", "Valley Press", "Fenbury Gazette", "Calder Daily"]

# Prose is built by a seeded random.Random: hypothesis draws the layout (kinds, widths, seeds)
# and shrinks it, while the words come cheaply; drawing every word through hypothesis cost
# ~70 ms a document, far over the suite's budget.


def clause(rng: random.Random) -> str:
    """A short clause: article, adjective, noun, verb, article, noun (in some variation)."""
    parts = [rng.choice(LINKS)]
    if rng.random() < 0.5:
        parts.append(rng.choice(ADJECTIVES))
    parts += [rng.choice(NOUNS), rng.choice(VERBS), rng.choice(LINKS), rng.choice(NOUNS)]
    if rng.random() < 0.25:
        parts.append("in " + rng.choice(PLACES))
    return " ".join(parts)


def sentence(rng: random.Random) -> str:
    """One to three clauses, capitalised, ending in terminal punctuation."""
    text = clause(rng)
    for _ in range(rng.randint(0, 2)):
        glue = rng.choice([", ", ", ", " "])
        text += glue + rng.choice(JOINERS) + " " + clause(rng)
    return text[0].upper() + text[1:] + rng.choice(".....?!")


def paragraph(rng: random.Random, min_sentences: int = 1) -> str:
    """A paragraph of ``min_sentences`` to four sentences, on one line."""
    return " ".join(sentence(rng) for _ in range(rng.randint(min_sentences, 4)))


def name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def list_item(rng: random.Random) -> str:
    """A list item's text: a clause, sometimes a full sentence."""
    text = clause(rng)
    return text[0].upper() + text[1:] + "." if rng.random() < 0.5 else text


_CODE_NAMES = ["total", "count", "ready", "items", "width", "offset", "value", "row"]
_CODE_SHAPES = ["{l} = {r}  +  1", "if {l}:", "return {r}(x, y)", "# {l} {r}"]


def code_lines(rng: random.Random) -> list[str]:
    """Lines of code-like text, with indentation and runs of spaces that must survive."""
    lines = []
    for _ in range(rng.randint(1, 5)):
        indent = " " * rng.choice([0, 0, 4, 8])
        shape = rng.choice(_CODE_SHAPES)
        lines.append(indent + shape.format(l=rng.choice(_CODE_NAMES), r=rng.choice(_CODE_NAMES)))
    return lines


@dataclass(frozen=True)
class Part:
    """One generated block: its kind and its content before wrapping."""

    kind: str  # "paragraph", "bullets", "numbered", "code", "caption", "byline"
    text: str = ""
    items: tuple[str, ...] = ()
    credit: str = ""


PART_KINDS = (
    "paragraph",
    "paragraph",
    "paragraph",
    "bullets",
    "numbered",
    "code",
    "caption",
    "byline",
)


def make_part(kind: str, seed: int) -> Part:
    """The part of ``kind`` that ``seed`` writes."""
    rng = random.Random(seed)
    if kind == "paragraph":
        return Part(kind, paragraph(rng))
    if kind in ("bullets", "numbered"):
        return Part(kind, items=tuple(list_item(rng) for _ in range(rng.randint(1, 4))))
    if kind == "code":
        return Part(kind, items=tuple(code_lines(rng)))
    if kind == "caption":
        return Part(kind, sentence(rng), credit=f"{name(rng)}/{rng.choice(AGENCIES)}")
    authors = [name(rng)]
    if rng.random() < 0.5 and (second := name(rng)) != authors[0]:
        authors.append(second)
    return Part(kind, "By " + " and ".join(authors))


_SEEDS = st.integers(0, 2**20)
parts = st.builds(make_part, st.sampled_from(PART_KINDS), _SEEDS)


@dataclass(frozen=True)
class Document:
    """A generated document and the choices that laid it out as messy text."""

    parts: tuple[Part, ...]
    width: int
    blank_lines: bool
    orphans: bool
    text: str = field(default="", compare=False)


def _wrap(text: str, width: int, indent: str = "") -> list[str]:
    return textwrap.wrap(
        text,
        width,
        break_on_hyphens=False,
        break_long_words=False,
        subsequent_indent=indent,
    )


def lay_out(part: Part, width: int, orphans: bool) -> list[str]:
    """The hard-wrapped lines of one part, as a scraper or PDF extraction would leave them."""
    if part.kind == "paragraph":
        if orphans:  # the seed's habit: the first word alone, then the rest wrapped
            first, _, rest = part.text.partition(" ")
            return [first, *_wrap(rest, width)]
        return _wrap(part.text, width)
    if part.kind in ("bullets", "numbered"):
        lines = []
        for number, item in enumerate(part.items, 1):
            marker = "-" if part.kind == "bullets" else f"{number}."
            indent = " " * (len(marker) + 1)
            lines.extend(_wrap(f"{marker} {item}", width, indent))
        return lines
    if part.kind == "code":
        return ["```", *part.items, "```"]
    if part.kind == "caption":
        return [*_wrap(part.text + " Credit", width), part.credit]
    return [part.text]


def render_document(parts: tuple[Part, ...], width: int, blank_lines: bool, orphans: bool) -> str:
    """The whole document as text: parts laid out, with or without blank lines between them."""
    out: list[str] = []
    for index, part in enumerate(parts):
        if index and blank_lines:
            out.append("")
        out.extend(lay_out(part, width, orphans))
    return "\n".join(out) + "\n"


def _distinct(parts: list[Part]) -> bool:
    # Two equal paragraphs would be one body paragraph and its repeat (a pull quote): that
    # feature has its own tests (a repeated caption: test_repeated_caption_is_stable).
    texts = [p.text for p in parts if p.text]
    return len(texts) == len(set(texts)) and len(parts) == len(set(parts))


@st.composite
def documents(
    draw: st.DrawFn, *, blank_lines: bool | None = None, orphans: bool | None = None
) -> Document:
    """A document of mixed parts, hard-wrapped at a width from 40 to 100 columns.

    Three body paragraphs of two sentences or more are always among the parts: like a real
    article, the document must show its wrap width before its structure can be judged
    (a document of three lines has no habits to learn).
    """
    body = [Part("paragraph", paragraph(random.Random(draw(_SEEDS)), 2)) for _ in range(3)]
    others = draw(st.lists(parts, max_size=5))
    chosen = draw(st.permutations(body + others).filter(_distinct))
    width = draw(st.integers(40, 100))
    blank = draw(st.booleans()) if blank_lines is None else blank_lines
    orphan = draw(st.booleans()) if orphans is None else orphans
    text = render_document(tuple(chosen), width, blank, orphan)
    return Document(tuple(chosen), width, blank, orphan, text)


#: Words of other scripts, with accents, ligatures, emoji and combining marks.
EXOTIC_WORDS = (
    "Ωμέγα жизнь мост עברית العربية हिन्दी ไทย Ünïcödé naïve ß İstanbul été ﬁne 😀 e\u0301te"
).split()


@st.composite
def exotic_documents(draw: st.DrawFn) -> str:
    """A generated document with words of other scripts mixed into its paragraphs."""
    doc = draw(documents())
    words = doc.text.split(" ")
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(words)))
        words.insert(at, draw(st.sampled_from(EXOTIC_WORDS)))
    return " ".join(words)


@st.composite
def spaced_documents(draw: st.DrawFn) -> str:
    """A generated document with hostile spacing and control characters sprinkled in."""
    text = list(draw(documents()).text)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(text)))
        text.insert(at, draw(st.sampled_from("\t\u00a0\u200b\u3000\x0b\x1c\x85 \u00ad")))
    return "".join(text)
