# cython: annotation_typing=False
"""The learned paragraph-break score: named features of two lines, and their fitted weights."""

from __future__ import annotations

import json
import os
from array import array
from collections.abc import MutableSequence

from .furniture import looks_like_code
from .measure import has_wide, is_wide, width

#: The fitted weights (``train/fit.py`` writes them; nothing in it is set by hand).
WEIGHTS_FILE = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "data", "break_weights.json"
)

#: How a web address starts.
WEB_ADDRESS = ("http://", "https://", "www.")
#: Characters that open a quotation or an aside: a line that starts with one may start a paragraph.
OPENING = "“‘\"'«(["

#: Words that open a sentence far more often than they stand alone as a heading, or open one.
FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "but",
        "and",
        "or",
        "so",
        "yet",
        "for",
        "nor",
        "if",
        "as",
        "at",
        "by",
        "in",
        "on",
        "of",
        "to",
        "from",
        "with",
        "into",
        "after",
        "before",
        "during",
        "since",
        "while",
        "when",
        "where",
        "why",
        "how",
        "what",
        "who",
        "which",
        "that",
        "this",
        "these",
        "those",
        "there",
        "here",
        "it",
        "its",
        "he",
        "she",
        "we",
        "they",
        "i",
        "you",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
        "one",
        "some",
        "many",
        "most",
        "more",
        "last",
        "next",
        "every",
        "each",
        "no",
        "not",
        "now",
        "then",
        "still",
        "also",
        "even",
        "just",
        "only",
        "once",
        "though",
        "although",
        "because",
        "until",
        "unless",
    ]
)


#: The longest first word (with its opening quotes) that may be one of ``FUNCTION_WORDS``.
_LONGEST_OPENER = max(map(len, FUNCTION_WORDS)) + 2

#: Words that open a sentence by pointing back at the one before it: the pronouns that stand
#: for what it named, the conjunctions that join two clauses, and the adverbs that link a
#: sentence to the last ("It was …", "But …", "However, …"). (A grammatical class, not a list
#: counted on the corpus: the feature ``next-refers-back`` weighs it.)
REFERS_BACK = frozenset(
    [
        "it",
        "its",
        "it's",
        "it’s",
        "they",
        "their",
        "them",
        "he",
        "his",
        "him",
        "she",
        "her",
        "this",
        "that",
        "these",
        "those",
        "such",
        "and",
        "but",
        "or",
        "nor",
        "so",
        "yet",
        "for",
        "however",
        "therefore",
        "thus",
        "hence",
        "instead",
        "also",
        "moreover",
        "furthermore",
        "nevertheless",
        "nonetheless",
        "meanwhile",
        "otherwise",
        "still",
        "then",
        "likewise",
        "similarly",
        "besides",
        "indeed",
        "consequently",
        "accordingly",
    ]
)
#: The longest first word (with an opening quote and a comma after it) of ``REFERS_BACK``.
_LONGEST_BACK_REFERENCE = max(map(len, REFERS_BACK)) + 2


def starts_like_a_sentence(line: str) -> bool:
    """The line's first word is one of ``FUNCTION_WORDS`` (a caption's "A soldier guarding",
    not a heading's "Configuration options")."""
    space = line.find(" ")
    if space < 0:
        space = len(line)
    if space > _LONGEST_OPENER:  # (most lines: no copy of the word to look up)
        return False
    return line[:space].lower().strip(OPENING) in FUNCTION_WORDS


def refers_back(line: str) -> bool:
    """The line's first word is one of ``REFERS_BACK`` ("However, the crews …")."""
    space = line.find(" ")
    if space < 0:
        space = len(line)
    if space > _LONGEST_BACK_REFERENCE:  # (most lines: no copy of the word to look up)
        return False
    return line[:space].lower().strip(OPENING).rstrip(",;:") in REFERS_BACK


def sentence_then_capital_no_blanks(
    strict: bool, b_first: str, blank_separated: bool, ends_without_blank: bool, indent_habit: bool
) -> bool:
    """Paragraphs end without blank lines (nor open with an indent), a ends a sentence (not with
    a colon: ``strict``) and b starts with a capital or an opening quote: the feature
    ``sentence-then-capital-no-blanks``, and the class the rule ``full-sentence-end`` breaks
    (with a full line)."""
    return (
        not blank_separated
        and ends_without_blank
        and not indent_habit
        and strict
        and (b_first.isupper() or b_first in OPENING)
    )


def _indent_of(line: str) -> int:
    """The spaces and tabs that open ``line``."""
    index = 0
    while index < len(line) and line[index] in " \t":
        index += 1
    return index


#: The features, in the order ``features`` gives their values. Each is 0 or 1 unless its
#: description gives a range. "a" is the line before the break in question, "b" the line after;
#: "full" means that a did not stop early (b's first word would not have fitted on it).
FEATURES: dict[str, str] = {
    "stopped-early": "a ended with room for b's first word (or the text is not wrapped)",
    "room": "the room left on a after b's first word, a share of the fill width, -1 to 1",
    "a-fill": "a's width as a share of the fill width, 0 to 1.5",
    "ends-sentence": "a ends a sentence (a colon counts)",
    "ends-colon": "a ends with a colon",
    "ends-comma": "a ends with a comma or a semicolon",
    "ends-dash": "a ends with a hyphen, a soft hyphen or a dash",
    "ends-open": "a ends with a letter or digit (no punctuation)",
    "title-case": "a is a headline in Title Case, b does not start in lower case",
    "short-label": (
        "a is a short label: at most four words, no final punctuation, under half the fill "
        "(never in wide characters, nor are the counts of words below)"
    ),
    "next-lower": "b starts in lower case",
    "runs-on": "a ends with a letter, a comma or a semicolon and b starts in lower case (spaced)",
    "cjk-continues": "a and b meet at wide (CJK) characters, a not ending a sentence",
    "next-capital": "b starts with a capital, a digit or an opening quote or bracket",
    "next-short": "b is under half the fill width",
    "next-url": "b starts with a web address",
    "a-one-word": "a is one word",
    "b-one-word": "b is one word",
    "a-alone": "a is the only line of its paragraph so far",
    "lone-opener": "a is one word, the only line of its paragraph so far",
    "blank-separated": "the document separates paragraphs with blank lines",
    "blank-separated-stopped-early": "both of those",
    "blank-separated-label": "the document separates paragraphs with blank lines; a is a label",
    "sentence-then-capital-no-blanks": (
        "paragraphs end without blank lines (no indent habit), a ends a sentence, not with a "
        "colon, and b starts with a capital or an opening quote"
    ),
    "indented-past-body": "paragraphs open with an indent, and b is indented past the body",
    "full-not-indented": "paragraphs open with an indent, a is full and b is not indented",
    "indented-more": "no indent habit, and b is indented more than a",
    "orphan-habit": "paragraphs open with their first word alone on a line (seed style)",
    "orphan-habit-stopped-early": "that habit, and a stopped early",
    "unwrapped": "the text is not wrapped (each paragraph one line)",
    "proportional": "the text was set in proportional type (a PDF): widths are rough",
    "proportional-stopped-early": "that, and a stopped early",
    "full-ends-sentence": "a is full and ends a sentence",
    "full-ends-open": "a is full and ends with a letter or digit",
    "full-ends-comma": "a is full and ends with a comma or a semicolon",
    "full-next-capital": "a is full and b starts with a capital, a digit or an opening",
    "full-next-lower": "a is full and b starts in lower case",
    "full-cjk-continues": "a is full and a and b meet at wide characters",
    "wide": "a or b has wide (CJK) characters: their words are not set apart by spaces",
    "wide-stopped-early": "that, and a stopped early",
    "starts-like-a-sentence": "a's first word is a function word (The, A, In, ...): no heading",
    "next-code": (
        "a stopped early and b has a sign of code or a command (a prompt, an option, a path, a "
        "call, an operator, ...; a full line is wrapped, whatever the next holds)"
    ),
    "next-refers-back": (
        "b's first word points back at the sentence before (It, They, This, But, However, ...)"
    ),
}
#: Features that depend on the two lines' text alone: ``train/fit.py`` can compute them anew
#: for decisions it recorded before they were added.
TEXT_FEATURES = {
    "starts-like-a-sentence": lambda a, b: float(
        not (has_wide(a) or has_wide(b)) and starts_like_a_sentence(a)
    ),
    "next-refers-back": lambda a, b: float(not (has_wide(a) or has_wide(b)) and refers_back(b)),
}
#: Features that are the product of two others (both 1: a signal that means more, or less, in
#: one kind of text), with their factors; ``features`` appends them in this order.
PRODUCTS: dict[str, tuple[str, str]] = {
    "orphan-habit-runs-on": ("orphan-habit", "runs-on"),
    "full-not-indented-ends-sentence": ("full-not-indented", "ends-sentence"),
    "full-not-indented-next-capital": ("full-not-indented", "next-capital"),
    "indented-past-body-ends-sentence": ("indented-past-body", "ends-sentence"),
    "unwrapped-cjk-continues": ("unwrapped", "cjk-continues"),
    "sentence-then-back-reference-no-blanks": (
        "sentence-then-capital-no-blanks",
        "next-refers-back",
    ),
}
FEATURES.update({name: f"{first} and {second}" for name, (first, second) in PRODUCTS.items()})
NAMES: tuple[str, ...] = tuple(FEATURES)
_FACTORS = [(NAMES.index(first), NAMES.index(second)) for first, second in PRODUCTS.values()]
#: Where the products' values start (``write_features`` writes the others before them).
_BASE = len(NAMES) - len(PRODUCTS)
#: Where ``write_features`` writes each feature's value: its place in ``NAMES``.
_STOPPED_EARLY = NAMES.index("stopped-early")
_ROOM = NAMES.index("room")
_A_FILL = NAMES.index("a-fill")
_ENDS_SENTENCE = NAMES.index("ends-sentence")
_ENDS_COLON = NAMES.index("ends-colon")
_ENDS_COMMA = NAMES.index("ends-comma")
_ENDS_DASH = NAMES.index("ends-dash")
_ENDS_OPEN = NAMES.index("ends-open")
_TITLE_CASE = NAMES.index("title-case")
_SHORT_LABEL = NAMES.index("short-label")
_NEXT_LOWER = NAMES.index("next-lower")
_RUNS_ON = NAMES.index("runs-on")
_CJK_CONTINUES = NAMES.index("cjk-continues")
_NEXT_CAPITAL = NAMES.index("next-capital")
_NEXT_SHORT = NAMES.index("next-short")
_NEXT_URL = NAMES.index("next-url")
_A_ONE_WORD = NAMES.index("a-one-word")
_B_ONE_WORD = NAMES.index("b-one-word")
_A_ALONE = NAMES.index("a-alone")
_LONE_OPENER = NAMES.index("lone-opener")
_BLANK_SEPARATED = NAMES.index("blank-separated")
_BLANK_SEPARATED_STOPPED_EARLY = NAMES.index("blank-separated-stopped-early")
_BLANK_SEPARATED_LABEL = NAMES.index("blank-separated-label")
_SENTENCE_THEN_CAPITAL_NO_BLANKS = NAMES.index("sentence-then-capital-no-blanks")
_INDENTED_PAST_BODY = NAMES.index("indented-past-body")
_FULL_NOT_INDENTED = NAMES.index("full-not-indented")
_INDENTED_MORE = NAMES.index("indented-more")
_ORPHAN_HABIT = NAMES.index("orphan-habit")
_ORPHAN_HABIT_STOPPED_EARLY = NAMES.index("orphan-habit-stopped-early")
_UNWRAPPED = NAMES.index("unwrapped")
_PROPORTIONAL = NAMES.index("proportional")
_PROPORTIONAL_STOPPED_EARLY = NAMES.index("proportional-stopped-early")
_FULL_ENDS_SENTENCE = NAMES.index("full-ends-sentence")
_FULL_ENDS_OPEN = NAMES.index("full-ends-open")
_FULL_ENDS_COMMA = NAMES.index("full-ends-comma")
_FULL_NEXT_CAPITAL = NAMES.index("full-next-capital")
_FULL_NEXT_LOWER = NAMES.index("full-next-lower")
_FULL_CJK_CONTINUES = NAMES.index("full-cjk-continues")
_WIDE = NAMES.index("wide")
_WIDE_STOPPED_EARLY = NAMES.index("wide-stopped-early")
_STARTS_LIKE_A_SENTENCE = NAMES.index("starts-like-a-sentence")
_NEXT_CODE = NAMES.index("next-code")
_NEXT_REFERS_BACK = NAMES.index("next-refers-back")


def write_features(
    values: MutableSequence[float],
    a_raw: str,
    a: str,
    b_raw: str,
    b: str,
    ends: bool,
    strict: bool,
    title_case: bool,
    room: float,
    fill: float,
    wrapped: bool,
    proportional: bool,
    blank_separated: bool,
    ends_without_blank: bool,
    indent_habit: bool,
    base_indent: int,
    orphan_habit: bool,
    paragraph_lines: int,
    by_characters: bool = False,
) -> None:
    """Write into ``values`` (``NAMES``'s length) the values of ``FEATURES`` for a break between
    tidy lines ``a`` and ``b`` (``a_raw`` and ``b_raw`` as written); ``ends``, ``strict`` and
    ``title_case`` are the builder's facts of ``a`` (ends a sentence; not with a colon; a Title
    Case headline), ``room`` its room, and the rest the document's habits (``profile.Profile``).
    (In place, in the order of ``FEATURES``: scoring a break builds no list; ``features`` gives
    them as one.)"""
    a_last, b_first = a[-1], b[0]
    early = 1.0 if not wrapped or room > 0 else 0.0
    full = 1.0 - early
    finite = fill < 1e9  # an unwrapped text's fill is infinite: no line is a share of it
    # (Where the writer counted characters, the fill is in characters: so are the widths.)
    a_width = (len(a) if by_characters else width(a)) if finite else 0
    lower = 1.0 if b_first.islower() else 0.0
    cjk = 1.0 if not lower and not ends and is_wide(b_first) and is_wide(a_last) else 0.0
    b_indent = _indent_of(b_raw)
    a_indent = _indent_of(a_raw)
    past_body = indent_habit and b_indent > base_indent
    open_end = 1.0 if a_last.isalnum() else 0.0
    comma = 1.0 if a_last in ",;" else 0.0
    sentence = 1.0 if ends else 0.0
    capital = (
        1.0
        if not lower and not cjk and (b_first.isupper() or b_first.isdigit() or b_first in OPENING)
        else 0.0
    )
    # (str.isascii reads a flag: most lines need no search for wide characters)
    wide = 1.0 if (not a.isascii() and has_wide(a)) or (not b.isascii() and has_wide(b)) else 0.0
    spaced = 1.0 - wide  # (words apart by spaces: only then do their counts say anything)
    label = spaced if open_end and finite and 2 * a_width < fill and a.count(" ") < 4 else 0.0
    one_word = spaced if " " not in a else 0.0
    alone = 1.0 if paragraph_lines == 1 else 0.0
    blanks = 1.0 if blank_separated else 0.0
    habit = 1.0 if orphan_habit else 0.0
    rough = 1.0 if proportional else 0.0
    values[_STOPPED_EARLY] = early
    values[_ROOM] = max(-1.0, min(1.0, room / fill)) if finite else 1.0
    values[_A_FILL] = min(1.5, a_width / fill) if finite else 0.0
    values[_ENDS_SENTENCE] = sentence
    values[_ENDS_COLON] = 1.0 if a_last == ":" else 0.0
    values[_ENDS_COMMA] = comma
    values[_ENDS_DASH] = 1.0 if a_last in "-–—\u00ad" else 0.0
    values[_ENDS_OPEN] = open_end
    values[_TITLE_CASE] = 1.0 if open_end and not lower and title_case else 0.0
    values[_SHORT_LABEL] = label
    values[_NEXT_LOWER] = lower
    values[_RUNS_ON] = spaced if lower and (open_end or comma) and not a_last.isdigit() else 0.0
    values[_CJK_CONTINUES] = cjk
    values[_NEXT_CAPITAL] = capital
    values[_NEXT_SHORT] = (
        1.0 if finite and 2 * (len(b) if by_characters else width(b)) < fill else 0.0
    )
    values[_NEXT_URL] = (
        1.0 if (b_first == "h" or b_first == "w") and b.startswith(WEB_ADDRESS) else 0.0
    )
    values[_A_ONE_WORD] = one_word
    values[_B_ONE_WORD] = spaced if " " not in b else 0.0
    values[_A_ALONE] = alone
    values[_LONE_OPENER] = one_word * alone
    values[_BLANK_SEPARATED] = blanks
    values[_BLANK_SEPARATED_STOPPED_EARLY] = blanks * early
    values[_BLANK_SEPARATED_LABEL] = blanks * label
    values[_SENTENCE_THEN_CAPITAL_NO_BLANKS] = (
        1.0
        if sentence_then_capital_no_blanks(
            strict, b_first, blank_separated, ends_without_blank, indent_habit
        )
        else 0.0
    )
    values[_INDENTED_PAST_BODY] = 1.0 if past_body else 0.0
    values[_FULL_NOT_INDENTED] = 1.0 if indent_habit and not past_body and full else 0.0
    values[_INDENTED_MORE] = 1.0 if not indent_habit and b_indent > a_indent else 0.0
    values[_ORPHAN_HABIT] = habit
    values[_ORPHAN_HABIT_STOPPED_EARLY] = habit * early
    values[_UNWRAPPED] = 1.0 if not wrapped else 0.0
    values[_PROPORTIONAL] = rough
    values[_PROPORTIONAL_STOPPED_EARLY] = rough * early
    values[_FULL_ENDS_SENTENCE] = full * sentence
    values[_FULL_ENDS_OPEN] = full * open_end
    values[_FULL_ENDS_COMMA] = full * comma
    values[_FULL_NEXT_CAPITAL] = full * capital
    values[_FULL_NEXT_LOWER] = full * lower
    values[_FULL_CJK_CONTINUES] = full * cjk
    values[_WIDE] = wide
    values[_WIDE_STOPPED_EARLY] = wide * early
    values[_STARTS_LIKE_A_SENTENCE] = spaced if starts_like_a_sentence(a) else 0.0
    values[_NEXT_CODE] = early if early and looks_like_code(b) else 0.0
    values[_NEXT_REFERS_BACK] = spaced if spaced and refers_back(b) else 0.0
    for index in range(len(_FACTORS)):
        first, second = _FACTORS[index]
        values[_BASE + index] = values[first] * values[second]


def load(path: str = WEIGHTS_FILE) -> tuple[list[float], float, dict[str, object]]:
    """The weights of ``FEATURES`` in their order, the bias, and the whole file."""
    # (os.path and open, not pathlib: a plain run loads no pathlib; tests/test_startup.py)
    with open(path, encoding="utf-8") as file:
        data = json.load(file)
    weights = data["weights"]
    return [float(weights[name]) for name in NAMES], float(data["bias"]), data


WEIGHTS, BIAS, _DATA = load()
#: The fitted trees (``train/fit.py --trees``), or None: their score is averaged with the
#: linear one, each weighing ``TREES["share"]`` and the rest (docs/learned-breaks.md).
TREES: dict[str, object] | None = _DATA.get("trees")  # type: ignore[assignment]
# What ``score`` reads: the same, as C values when compiled (``use`` sets them all).
_weights: MutableSequence[float] = array("d", WEIGHTS)
_bias: float = BIAS
_share: float = 0.0  # the trees' share of the score
_baseline: float = 0.0  # the trees' score before any of them
_roots: MutableSequence[int] = array("i")
_feature: MutableSequence[int] = array("i")  # a node's feature, or -1 at a leaf
_threshold: MutableSequence[float] = array("d")  # left where the value is at most this
_left: MutableSequence[int] = array("i")
_right: MutableSequence[int] = array("i")
_value: MutableSequence[float] = array("d")  # a leaf's score; a split's, its leaves' mean
#: While fitting (``train/fit.py``), a list that every scored break adds its
#: (line number of a, line number of b, feature values) to; None otherwise.
recording: list[tuple[int, int, list[float]]] | None = None
#: While measuring (``bench/loso.py``), a list that every break ``decide`` settles adds its
#: (line number of a, line number of b, rule, whether it broke) to; None otherwise.
rule_log: list[tuple[int, int, str, bool]] | None = None


def _use_trees(trees: dict[str, object] | None) -> None:
    global TREES, _share, _baseline, _roots, _feature, _threshold, _left, _right, _value
    TREES = trees
    if not trees:
        _share, _baseline = 0.0, 0.0
        _roots, _feature, _threshold = array("i"), array("i"), array("d")
        _left, _right, _value = array("i"), array("i"), array("d")
        return
    _share, _baseline = float(trees["share"]), float(trees["baseline"])  # type: ignore[arg-type]
    _roots, _feature = array("i", trees["roots"]), array("i", trees["feature"])  # type: ignore[arg-type]
    _threshold, _value = array("d", trees["threshold"]), array("d", trees["value"])  # type: ignore[arg-type]
    _left, _right = array("i", trees["left"]), array("i", trees["right"])  # type: ignore[arg-type]


_use_trees(TREES)


def use(weights: dict[str, float], bias: float, trees: dict[str, object] | None = None) -> None:
    """Score with ``weights`` (by feature name), ``bias`` and ``trees`` (as the weights file
    holds them; None: the linear score alone) from now on (fitting, tests)."""
    global WEIGHTS, BIAS, _weights, _bias
    WEIGHTS, BIAS = [float(weights[name]) for name in NAMES], float(bias)
    _weights, _bias = array("d", WEIGHTS), BIAS
    _use_trees(trees)


def buffer() -> MutableSequence[float]:
    """A place for ``write_features`` to write one break's values (the builder keeps one)."""
    return array("d", bytes(8 * len(NAMES)))


def features(*facts: object) -> list[float]:
    """The values of ``FEATURES`` for a break, as a list (tests, the fit); ``facts`` are the
    arguments of ``write_features`` after ``values``."""
    values = buffer()
    write_features(values, *facts)  # type: ignore[arg-type]
    return list(values)


def _step(node: int, values: MutableSequence[float]) -> int:
    """The child of split ``node`` that ``values`` go to (left at or under its threshold)."""
    return _left[node] if values[_feature[node]] <= _threshold[node] else _right[node]


def _leaf(root: int, values: MutableSequence[float]) -> int:
    """The leaf of the tree at ``root`` that ``values`` reach."""
    node = root
    while _feature[node] >= 0:
        node = _step(node, values)
    return node


def score(values: MutableSequence[float]) -> float:
    """The break score of ``write_features``'s values: a paragraph ends where it is 0 or more.
    Each part is a log-odds with the costs' offset (docs/learned-breaks.md)."""
    weights = _weights
    total = _bias
    for index in range(len(weights)):
        total += weights[index] * values[index]
    if _share == 0.0:
        return total
    grown = _baseline
    for index in range(len(_roots)):
        grown += _value[_leaf(_roots[index], values)]
    return (1.0 - _share) * total + _share * grown


def shares(values: MutableSequence[float]) -> dict[str, float]:
    """What each feature added to ``score``: its weight times its value, and in each tree the
    change of the mean score at each split on it along the path taken (so the shares and the
    parts no feature owns, the biases and the trees' first means, sum to the score)."""
    linear = 1.0 - _share
    found = {
        name: linear * weight * value
        for name, weight, value in zip(NAMES, WEIGHTS, values, strict=True)
        if value and weight
    }
    for root in _roots:
        node = root
        while _feature[node] >= 0:
            name = NAMES[_feature[node]]
            after = _step(node, values)
            found[name] = found.get(name, 0.0) + _share * (_value[after] - _value[node])
            node = after
    return found


def strongest(values: MutableSequence[float], count: int = 3) -> str:
    """The ``count`` features that weighed most in a score, signed: "ends-sentence +1.3, ..."."""
    parts = sorted(
        ((share, name) for name, share in shares(values).items() if share),
        key=lambda part: -abs(part[0]),
    )
    return ", ".join(f"{name} {share:+.1f}" for share, name in parts[:count])
