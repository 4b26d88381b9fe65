"""Learn a document's habits (wrap width, blank lines, indents, orphans) from its first lines."""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import compress, pairwise
from typing import NamedTuple

from . import hangul
from .furniture import (
    BULLETS,
    ends_sentence,
    ends_sentence_strictly,
    is_page_number,
    looks_like_code,
)
from .lines import PAGE_BREAK
from .measure import (
    first_unit_width,
    has_hangul,
    has_wide,
    is_cj,
    is_cj_pair,
    is_hangul_pair,
    is_wide,
    lone_word,
    width,
)

_BULLET = re.compile(rf"^\s*(?:[-*+{BULLETS}o]|\d{{1,3}}[.)])\s")
# A code fence, as the paragraph builder opens and closes one (``paragraphs._FENCE``).
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")

#: How much of the document the profile looks at before the first block is written.
WINDOW_BYTES = 64 * 1024
#: The fewest wraps left to measure a text's width by, once lines that are none are set aside.
MIN_PROSE_WRAPS = 3
#: The indent that sets a block apart from the prose (reflow's own text output indents code
#: by four, as Markdown does).
SET_IN_COLUMNS = 4
#: How many wraps at the margin, for each wrap inside blocks set in (code told as such aside),
#: let those be set aside (a Korean page's text output read back: 89 wraps at the margin to
#: 348 in its code; set-in prose wraps where the margin's does, so little hangs on it).
MIN_SET_IN_SHARE = 0.1
#: The lines that look like code a block set in holds at least to be taken for a program's
#: (a PDF's prose or list set in through ``pdftotext -layout`` shows one: "(originally …",
#: "selected image(s)").
CODE_LINES_SET_IN = 2
#: The narrowest width that lines of lone words are taken to be wrapped at (``_lone_word_fill``):
#: a list of short names is no text wrapped at 10 columns.
NARROWEST_WRAP = 20

#: The fewest lone words over a sentence in lower case that show the seed's habit where the
#: sentence ends say too little (``has_orphan_habit``): the same as lone words needed there.
RUNS_ON_STARTS = 2

#: Under the seed's habit, a line of Chinese, Japanese or Korean narrower than this share of
#: the page's width is taken for no wrap, whatever follows it (``learn``).
SHORT_WIDE_SHARE = 0.5
#: How far apart (the middle half, in characters) the wraps between lines of Korean prose may
#: lie, in a text under the seed's habit whose widths in columns scatter as in proportional
#: type, for it to read as wrapped by counting characters; and how many such wraps it needs
#: (as many as any wrapped text). In the Korean training folder this reads 102 of the seed
#: style's 149 documents with the habit so (its seed style's paragraphs found: 7,315 → 7,413
#: of 8,373), and no document of its other renditions, nor any of the other training folders'
#: or dev's.
CHARACTER_WRAP_SPREAD = 4
MIN_CHARACTER_WRAPS = MIN_PROSE_WRAPS


class StartEvidence(NamedTuple):
    """How paragraphs start after a line that stopped early on a sentence's end: the counts
    ``learn`` weighs to decide the seed's habit (``orphan_habit``)."""

    #: A lone word over the rest of its sentence ("The" / "official agreed to …").
    lone_words: int = 0
    #: A lone word over a capital: a heading over its text, as often ("Glossary" / "Codec …").
    lone_before_capital: int = 0
    #: A line that opens a paragraph and is itself full (it wrapped): the other habit's sign.
    full_starts: int = 0
    #: A line that opens something and stopped early too: verse, dialogue, a one-line item.
    short_starts: int = 0
    #: Anywhere, a capitalised word alone over a sentence that runs on in lower case ("As" /
    #: "a recurring feature, our team combs …"): the seed's first word, whatever the line
    #: before it (``_runs_on_starts``).
    runs_on: int = 0


def _habit_weights() -> dict[str, float]:
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "orphan_habit.json")
    with open(path, encoding="utf-8") as handle:
        return {str(key): float(value) for key, value in json.load(handle)["weights"].items()}


#: How much a lone word over a capital and a short start weigh against a lone word and a full
#: start, fitted on the training corpus by train/fit_habit.py (docs/learned-breaks.md).
HABIT_WEIGHTS = _habit_weights()


def has_orphan_habit(evidence: StartEvidence, weights: Mapping[str, float] = HABIT_WEIGHTS) -> bool:
    """The seed's habit: paragraphs open with a lone word more often than with a full line
    (``weights`` as in HABIT_WEIGHTS; train/fit_habit.py tries others)."""
    lone, capital, full, short, runs_on = evidence
    if lone + capital >= 2 and lone + weights["lone_before_capital"] * capital > (
        full + weights["short_starts"] * short
    ):
        return True
    # Where few sentences end short of the line (a page of deals, of reference entries, of
    # headings over their text), the lone words over the rest of their sentence say it on
    # their own, if they outnumber the lines that opened otherwise. In the training corpus
    # (both folders, every rendition, as reflow reads them) this judged 1,589 more
    # paragraphs' documents right, none wrong: the seed style's documents found 2,783 → 1,194
    # paragraphs in documents taken for no habit; no other rendition's document took it.
    return runs_on >= RUNS_ON_STARTS and runs_on > full + short


@dataclass(frozen=True, slots=True)
class Profile:
    """What the first ``WINDOW_BYTES`` of a document say about how it was written.

    ``fill`` is the line length a wrapped line reaches once the next word is
    added: a line whose next word would have fitted under ``fill`` stopped early,
    for a reason. It is infinite for text that is not hard-wrapped.
    """

    fill: float = float("inf")
    wrapped: bool = False
    proportional: bool = False
    hangul_split_anywhere: bool = False
    cj_split_anywhere: bool = True  # Chinese and Japanese wrapped by character (w3m), or at spaces
    blank_separated: bool = False
    ends_without_blank: bool = False
    base_indent: int = 0
    indent_habit: bool = False
    orphan_habit: bool = False
    #: The line length the text reaches in characters, a wide one counting as one (as the
    #: seed's wrapping counts them): the longest ordinary lines', as ``fill`` is in columns.
    char_fill: float = float("inf")
    #: Wrapped by counting characters, a wide one as one (the seed's style of Korean): ``fill``
    #: is in characters, and room is measured so.
    by_characters: bool = False
    furniture: frozenset[str] = frozenset()
    vocabulary: frozenset[str] = frozenset()


def _first_word(line: str) -> str:
    stripped = line.lstrip()
    space = stripped.find(" ")
    return stripped if space < 0 else stripped[:space]


def _percentile(values: list[int], share: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


_ASCII_DIGITS_MASKED = str.maketrans("0123456789", "##########")


def furniture_key(line: str) -> str:
    """A page header or footer with its numbers masked, so page 2's matches page 3's."""
    key = line.strip().lower()
    if key.isascii():  # isdigit() is 0-9 there
        return key.translate(_ASCII_DIGITS_MASKED)
    return "".join("#" if c.isdigit() else c for c in key)


#: The punctuation a word is stripped of at its ends to be looked up.
WORD_EDGES = ".,;:!?()[]“”‘’\"'"


def hangul_parts(text: str, line: str) -> tuple[str, str]:
    """The words on either side of a line end, as a wrap may have cut them, unpunctuated:
    what the syllable model (``reflow/hangul.py``) weighs."""
    left = text[text.rfind(" ") + 1 :].strip(WORD_EDGES)
    space = line.find(" ")
    return left, (line if space < 0 else line[:space]).strip(WORD_EDGES)


def document_words(lines: list[str], *, inner: bool = False) -> frozenset[str]:
    """The words of the window ``lines``, lowercased, without punctuation: ``vocabulary``.

    ``inner``: only those that stand inside a line, neither first nor last on it (where a
    wrapper may have cut one).
    """
    words: set[str] = set()
    for line in lines:
        if len(words) >= 50_000:
            break
        stripped = line.strip()
        if not stripped or line == PAGE_BREAK:
            continue
        # The first few KB of a line are evidence enough (a 50 MB line must not be split).
        # Lowering the whole head first gives the same words: lower() neither makes nor
        # changes the stripped punctuation, and a space bounds its final-sigma context.
        parts = stripped[:4096].lower().split(" ")
        words.update([w.strip(WORD_EDGES) for w in (parts[1:-1] if inner else parts)])
    words.discard("")
    return frozenset(words)


def learn(lines: list[str], *, words: bool = True, paged: bool = False) -> Profile:
    """Profile the window ``lines`` (already repaired); ``paged`` where they had form feeds
    (taken out with the pages' furniture) or have them.

    With ``words=False`` the profile's ``vocabulary`` is left empty, for a caller that
    takes ``document_words(lines)`` itself when (if ever) it needs them.
    """
    words_of = lines  # (the vocabulary counts code too: a split word may be in it)
    if any(map(_FENCE.match, lines)):
        lines = _without_fenced_code(lines)
    paged = paged or PAGE_BREAK in lines
    # (Before the widths are read: a run of Chinese or Japanese wrapped only at spaces moves
    # up whole, not a character at a time.)
    cj_split_anywhere = _cj_split_anywhere(lines)
    cj_words = not cj_split_anywhere
    fills: list[int] = []
    unspaced_at: list[tuple[int, str]] = []  # where fills has wide characters without a space
    wide_at: list[int] = []  # where fills has a wide line over another (no case to tell a wrap)
    cased_at: list[tuple[int, str]] = []  # where fills has a line over one in lower case
    wrapped_widths: list[int] = []  # widths of the lines those sums start from
    # The same sums in characters, a wide one counting as one, and the lengths they start
    # from, at lines of Korean prose over more of it (0 elsewhere): the seed's wraps.
    char_fills: list[int] = []
    char_widths: list[int] = []
    lengths: list[int] = []
    char_lengths: list[int] = []  # lengths in characters
    wide_lengths: list[int] = []
    continuation_indents: Counter[int] = Counter()  # the body's own indent, without openings
    sentence_ends: list[tuple[int, int]] = []  # (width with the next word, the next's indent)
    # What every pass below asks of a line, asked once (mapped at C speed where it can be);
    # a blank line after the last one stands for the end.
    strips = [line.strip() for line in lines]
    strips.append("")
    strict = list(map(ends_sentence_strictly, strips))
    bullets = [match is not None for match in map(_BULLET.match, lines)]
    bullets.append(False)
    lines_after = lines[1:]
    lines_after.append("")
    set_in = _set_in_blocks(lines, strips, bullets)
    korean = _has_hangul_text(lines)  # (only then are the wraps counted in characters)
    set_in_at: set[int] = set()  # where fills has a line of a block set in whole
    for index, line in enumerate(lines):
        stripped = strips[index]
        if not stripped or line == PAGE_BREAK:
            continue
        nxt = lines_after[index]
        nxt_stripped = strips[index + 1]
        has_space = " " in stripped
        if has_space:
            if not bullets[index]:  # list items are not wrapped at the text's width
                lengths.append(len(line.rstrip()) if line.isascii() else width(line))
                char_lengths.append(len(line.rstrip()))
        elif not stripped.isascii() and first_unit_width(stripped, True, cj_words) < width(
            stripped
        ):
            # Chinese or Japanese without a space, more than one unit: its width says how wide a
            # line can be (for the seed's lone words), though not, in a short text, where it
            # wrapped.
            wide_lengths.append(width(line))
        nxt_is_text = bool(nxt_stripped) and nxt != PAGE_BREAK
        if nxt_is_text:
            # (The first character of the next line's first word is nxt_stripped[0].)
            first = nxt_stripped[0]
            # A lowercase start continues the sentence: evidence of where this line wrapped.
            # (Not after a sentence end, and not a lone word: those may be lowercase orphans.)
            # Chinese and Japanese have no case: a wide character after one that ends no sentence.
            if first.islower():
                continues = (
                    has_space
                    and " " in nxt_stripped
                    and not bullets[index]
                    and not bullets[index + 1]
                )
            else:
                continues = False
            unspaced = wide = False
            if not continues and first >= "\u1100":  # wide scripts start at U+1100
                continues = wide = is_wide(first) and is_wide(stripped[-1])
                unspaced = not has_space
            if continues and not strict[index]:
                if unspaced:
                    unspaced_at.append((len(fills), stripped))
                if wide:
                    wide_at.append(len(fills))
                else:
                    cased_at.append((len(fills), stripped))
                if set_in[index]:
                    set_in_at.add(len(fills))
                wrapped_widths.append(width(line))
                fills.append(wrapped_widths[-1] + 1 + first_unit_width(nxt, True, cj_words))
                prose = (
                    korean
                    and has_space
                    and " " in nxt_stripped
                    and stripped[-1] not in ":："
                    and has_hangul(stripped)
                    and has_hangul(nxt_stripped)
                    and not looks_like_code(stripped)
                    and not looks_like_code(nxt_stripped)
                )
                char_widths.append(len(line.rstrip()) if prose else 0)
                char_fills.append(char_widths[-1] + 1 + len(_first_word(nxt)) if prose else 0)
                continuation_indents[len(nxt) - len(nxt.lstrip(" "))] += 1
            if has_space and ends_sentence(stripped) and not bullets[index + 1]:
                # Judged once the width is known: only a line that stopped early surely ends
                # its paragraph (a full one may end a sentence inside it). A list's items are
                # indented, not paragraphs. Nor is an indented line of code (after a comment's
                # "// ..." in a program reflow wrote out indented).
                next_indent = len(nxt) - len(nxt.lstrip(" "))
                if not (next_indent and looks_like_code(nxt_stripped)):
                    sentence_ends.append(
                        (width(line) + 1 + first_unit_width(nxt, True, cj_words), next_indent)
                    )
    line_width = _percentile(lengths + wide_lengths, 0.97) if lengths or wide_lengths else 80
    # A paragraph's first line is full where the text wraps: from the low end of the fills,
    # as the measure below takes it (before the lines the habit sets aside).
    full_width = _wrap_fill(fills) if len(fills) >= 3 else line_width
    # A paged text (form feeds: pdftotext's pages, a printout) was set by a typesetter, never
    # in the seed's style, whose lone first words come from scraping: where a page of option
    # names over their text looked like it (Vite's reference printed to PDF), every join the
    # habit made was wrong. (In the training folders, 12 of 1,452 printed documents took the
    # habit, 10 of them Korean; their 199 orphan-opener joins were all wrong, and 140 of their
    # 189 seed-wide-runs-on joins; none of the texts in the seed's style has a form feed.)
    orphan_habit = not paged and has_orphan_habit(
        _paragraph_starts(lines, line_width, strips, strict, full_width)
    )
    # Not wraps, though they look like them, in the seed style: in Chinese or Japanese, a
    # paragraph's first word alone (its text up to the first space) over the wide characters it
    # runs on into, and a wide line that stopped short of half the page over another, a heading
    # or a byline (those scripts have no lower case to say a line goes on); and a line of code
    # over one in lower case (the seed's style keeps code's lines: `function Cup() {` /
    # `return …`); unless too few wraps would be left to measure (a short text's few lines are
    # its evidence). (Elsewhere a PDF's page of Japanese 200 columns wide and more reads as
    # wrapped only through its wide lines; code is set aside below.)
    code_at: set[int] = (
        {at for at, text in cased_at if looks_like_code(text)}
        if orphan_habit or not wide_at
        else set()
    )
    not_wraps: set[int] = set()
    if orphan_habit:
        not_wraps.update(at for at in wide_at if wrapped_widths[at] < SHORT_WIDE_SHARE * line_width)
        not_wraps.update(code_at)
        if len(fills) - len(not_wraps) < MIN_PROSE_WRAPS:
            not_wraps.clear()
        not_wraps.update(at for at, text in unspaced_at if lone_word(text, line_width))
    # Anywhere, a line of code over one in lower case is no wrap where the prose gives the
    # width itself: a program's short lines set among prose made the fill short of the
    # prose's width (reflow's own text output read back). Not in Chinese or Japanese, whose
    # wraps have no case: a text browser's page (React's docs) may show its width only
    # through its code.
    if not wide_at:
        code_at -= not_wraps
        if len(fills) - len(not_wraps) - len(code_at) >= MIN_PROSE_WRAPS:
            not_wraps |= code_at
    # Nor, where the prose at the margin gives the width, the lines of a block set in whole by
    # four columns or more: reflow's own text output indents code so, and a program's lines
    # that read as no code (CSS's "display: flex;" over "flex-direction: column;", an object's
    # "name: 'Moai'," over "artist: …") made a Korean page's fill 41 and 63 where it wrapped
    # at 72, so that a second run split its paragraphs.
    left_in = set_in_at - not_wraps
    margin_wraps = len(fills) - len(not_wraps) - len(left_in)
    if set_in_at and margin_wraps >= max(MIN_PROSE_WRAPS, MIN_SET_IN_SHARE * len(left_in)):
        not_wraps |= set_in_at
    if not_wraps:
        fills = [fill for at, fill in enumerate(fills) if at not in not_wraps]
        wrapped_widths = [w for at, w in enumerate(wrapped_widths) if at not in not_wraps]
        char_fills = [fill for at, fill in enumerate(char_fills) if at not in not_wraps]
        char_widths = [w for at, w in enumerate(char_widths) if at not in not_wraps]
    spaced_fills = [fill for fill in char_fills if fill]
    hangul_split_anywhere = korean and _hangul_split_anywhere(lines, paged)
    wrapped = proportional = by_characters = False
    fill = float("inf")
    if len(fills) < 3 and len(lengths) >= 2 and _percentile(lengths, 0.5) <= 100:
        # Too little text to see continuations: take the longest line as the measure.
        wrapped = True
        fill = float(max(lengths) + 1)
    elif len(fills) >= 3 and _percentile(fills, 0.5) <= 200:
        wrapped = True
        # Monospaced wrapping: a continuation line plus the next word passes the width, so the
        # low end of these sums is the width + 1; proportional type (PDF) spreads them wider.
        # The median guard keeps a few unwrapped short lines (a caption) from dragging it down.
        # (Whole columns: a line of the fill's width minus one fits, one of the fill does not.)
        fill = float(_wrap_fill(fills))
        # Never past the longest ordinary line plus one: that line's next word did not fit.
        if lengths:
            fill = min(fill, float(_percentile(lengths, 0.97) + 1))
        # Nor past the widest line that did wrap, plus one: beyond it nothing was ever cut.
        fill = min(fill, float(max(wrapped_widths) + 1))
        # Monospaced text wraps within a few columns of one width; proportional type (a PDF),
        # or columns of several widths, spread far wider: judge lines by their neighbours.
        proportional = _percentile(fills, 0.5) - _percentile(fills, 0.05) > 8
        if (
            orphan_habit
            and proportional
            and not hangul_split_anywhere
            and len(spaced_fills) >= MIN_CHARACTER_WRAPS
            and _spread(spaced_fills) <= CHARACTER_WRAP_SPREAD
        ):
            # The seed's style wraps Korean by counting characters, a wide one as one: its
            # wraps between lines of Korean prose reach one length in characters where their
            # widths in columns scatter, as in proportional type. The width is the characters'
            # (room is then measured in characters: ``by_characters``). Not where Korean is
            # cut inside words: Korean printed to PDF, its type proportional, took the habit
            # wrongly on 5 pages of train-data-kopdf's PDFs, whose measure is in columns.
            by_characters = True
            proportional = False
            # (Never past the longest of those lines plus one: a wrapped line is no longer.)
            fill = float(min(_percentile(spaced_fills, 0.25), max(char_widths) + 1))
    elif len(fills) < 3 and len(lengths) < 2:
        fill = _lone_word_fill(lines, strips, bullets)
        wrapped = fill < float("inf")
    # The width a line could reach: the wrap threshold where there is one.
    page_width = _percentile(lengths, 0.97) if lengths else 80
    if wrapped and not proportional:
        page_width = int(fill - 1)
    then_blank, then_text = _paragraph_ends(lines, page_width, strips, strict, bullets)
    # The indent of lines that continue a sentence; failing that, the commonest one (a tie
    # goes to the indent seen first).
    # (Where no line continues another, a list item's paragraphs set in under its text are the
    # item's, not the body's: reflow's own Markdown read back, one line a paragraph, held 387
    # lines at a numbered list's column 4 to 188 at the margin, which took its numbered items
    # for headings set out left of the body.)
    base_indent = (
        continuation_indents or _body_indents(lines, strips, bullets) or Counter([0])
    ).most_common(1)[0][0]
    return Profile(
        fill=fill,
        wrapped=wrapped,
        proportional=proportional,
        hangul_split_anywhere=hangul_split_anywhere,
        cj_split_anywhere=cj_split_anywhere,
        blank_separated=then_blank >= 1 and then_blank >= then_text,
        ends_without_blank=then_text >= 1,
        base_indent=base_indent,
        indent_habit=_indent_habit(sentence_ends, fill, base_indent),
        # Seed style: after a sentence that ends a line, the next line is a lone word.
        orphan_habit=orphan_habit,
        by_characters=by_characters,
        char_fill=float(_percentile(char_lengths, 0.97) + 1) if char_lengths else float("inf"),
        furniture=_page_furniture(lines),
        vocabulary=document_words(words_of) if words else frozenset(),
    )


def _body_indents(lines: list[str], strips: list[str], bullets: list[bool]) -> Counter[int]:
    """The indents of the lines with a space, but for those set in under a list item's text,
    its paragraphs and nested items (``strips`` and ``bullets`` are ``learn``'s)."""
    indents: Counter[int] = Counter()
    item_column = -1  # where the text of the list item the lines may belong to starts
    for index, line in enumerate(lines):
        stripped = strips[index]
        if not stripped or line == PAGE_BREAK:
            continue
        indent = len(line) - len(line.lstrip(" "))
        if item_column > 0 and indent >= item_column:
            continue  # (a nested list's items too)
        if bullets[index]:
            match = _BULLET.match(line)
            item_column = len(line) - len(line[match.end() :].lstrip()) if match else -1
        else:
            item_column = -1
        if " " in stripped:
            indents[indent] += 1
    return indents


def _set_in_blocks(lines: list[str], strips: list[str], bullets: list[bool]) -> list[bool]:
    """Per line, whether its block (the lines between blank ones) is set in whole by
    ``SET_IN_COLUMNS`` or more, with ``CODE_LINES_SET_IN`` lines or more that look like code
    and no list item: a program's, not prose or a list set in (a PDF's page through
    ``pdftotext -layout``, lynx's nested items) (``strips`` and ``bullets`` are ``learn``'s)."""
    flags = [False] * len(lines)
    start = 0
    for index in range(len(lines) + 1):
        if index == len(lines) or not strips[index] or lines[index] == PAGE_BREAK:
            if (
                index > start
                and all(lines[at][:SET_IN_COLUMNS].isspace() for at in range(start, index))
                and not any(bullets[start:index])
                and sum(looks_like_code(strips[at]) for at in range(start, index))
                >= CODE_LINES_SET_IN
            ):
                flags[start:index] = [True] * (index - start)
            start = index + 1
    return flags


def _spread(fills: list[int]) -> int:
    """How far apart the middle half of ``fills`` lies."""
    return _percentile(fills, 0.75) - _percentile(fills, 0.25)


def _wrap_fill(fills: list[int]) -> int:
    """The fill that wrapped lines reach: the low end of their fills, unless a few short lines
    (a caption left unwrapped) drag it far below the middle."""
    return max(_percentile(fills, 0.05), int(0.85 * _percentile(fills, 0.5)))


def _lone_word_fill(lines: list[str], strips: list[str], bullets: list[bool]) -> float:
    """``learn``'s fill for lines that show it no width: one word each, but one line at most
    (``strips`` and ``bullets`` are ``learn``'s, one item longer than ``lines``).

    Such lines are reflow's own wrapping of words too long to share a line ("…©—3" /
    "D2dauo‘1" at 20 columns), or a title over its line, or a list of names. They read as
    wrapped only when every line end came where a line as wide as the widest of them (one of a
    single word aside: a wrapper leaves a word wider than the line whole), and
    ``NARROWEST_WRAP`` columns at least, could not have taken the next word; the fill is then
    that width plus one, so each of those line ends reads as a wrap. Otherwise some line
    stopped early, and the text is not wrapped (infinite).
    """
    widest = NARROWEST_WRAP
    ends: list[int] = []  # a line's width plus the next line's first unit, at each line end
    for index, line in enumerate(lines):
        stripped = strips[index]
        if not stripped:
            continue
        if bullets[index]:
            return float("inf")  # a list: its items are no wrapped lines
        line_width = width(line)
        if line_width > widest and first_unit_width(stripped) < width(stripped):
            widest = line_width
        if strips[index + 1]:
            ends.append(line_width + 1 + first_unit_width(lines[index + 1]))
    fill = widest + 1
    return float(fill) if ends and min(ends) >= fill else float("inf")


def _without_fenced_code(lines: list[str]) -> list[str]:
    """``lines`` with the lines of fenced code blocks blank: code shows no wrap width (a short
    line of code before one that starts in lower case is no wrapped line), and a 20-column
    code block in 90-column prose made every full line of it read as a paragraph's end."""
    out: list[str] = []
    fence = ""
    for line in lines:
        if fence:
            stripped = line.strip()
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = ""  # the closing fence, as the paragraph builder closes it
            out.append("")
            continue
        match = _FENCE.match(line)
        if match is not None:
            fence = match.group(1)
            out.append("")
            continue
        out.append(line)
    return out


def _indent_habit(sentence_ends: list[tuple[int, int]], fill: float, base_indent: int) -> bool:
    """Paragraphs open with an indented line (books, PDFs): after most lines that end a
    sentence and stop early, the next line is indented past the body."""
    ends = [indent > base_indent for used, indent in sentence_ends if used <= fill]
    indented = sum(ends)
    return indented >= 3 and indented >= 0.6 * len(ends)


def _paragraph_ends(
    lines: list[str],
    width_of_page: int,
    strips: list[str] | None = None,
    strict: list[bool] | None = None,
    bullets: list[bool] | None = None,
) -> tuple[int, int]:
    """What follows lines that end a sentence: (a blank line, more text after a short line).

    A sentence end before a blank line is a paragraph break made with a blank line; one on
    a short line followed directly by more text is a paragraph that ended without one.
    List items are left out: a list runs on without blank lines in either kind of text.
    """
    then_blank = then_text = 0
    if strips is None:
        strips = [line.strip() for line in lines]
    if strict is None:
        strict = list(map(ends_sentence_strictly, strips))
    if bullets is None:
        bullets = [match is not None for match in map(_BULLET.match, lines)]
    # Only the lines that end a sentence (a blank one ends none), the last line aside.
    for index in compress(range(len(lines) - 1), strict):
        if bullets[index]:
            continue
        line, nxt = lines[index], lines[index + 1]
        if not strips[index + 1]:
            then_blank += 1
        elif (
            width(line) + 1 + first_unit_width(nxt) <= width_of_page  # the next word fitted
            and (" " in strips[index] or has_wide(strips[index]))
            and not bullets[index + 1]
            and nxt != PAGE_BREAK
        ):
            then_text += 1
    return then_blank, then_text


#: Korean wrapped by character fills its lines to within one wide character (w3m leaves a
#: column empty where a syllable does not fit). Of the line ends between two syllables, most
#: do so (four in five); or, where blank lines are gone and each paragraph's short last line
#: runs into the next one's Hangul, most of those within ``HANGUL_NEAR_COLUMNS`` of the widest
#: (five syllables, a long word) do, ``HANGUL_FULL_SHARE`` of them and ``HANGUL_MIN_ENDS`` at
#: least. Read off the Korean training corpus (train/README.md): there the renditions wrapped
#: by character (w3m, w3m without blank lines: 280 documents) share 0.94 or more near the
#: width, those wrapped at spaces (lynx, pandoc, the seed style: 244) 0.75 at most; the
#: threshold is halfway. Either test alone calls none of the latter wrapped by character.
HANGUL_NEAR_COLUMNS = 10
HANGUL_MIN_ENDS = 8
HANGUL_FULL_SHARE = 0.845
#: Type with no column to fill (a PDF's) shows it by where its lines end: the syllable model
#: reads ``HANGUL_INSIDE_SHARE`` of its line ends or more as falling inside a word. In the
#: Korean training corpus, the renditions wrapped by character (w3m) 0.44 or more, those
#: wrapped at spaces (lynx, pandoc, the seed style: 405 documents) 0.27 at most: halfway.
#: Asked only of paged text (a PDF's) or text without a blank line: of the 145 documents the
#: test decided in the Korean training folders (train-data-ko, train-data-kopdf) and React's
#: Korean pages, 140 are paged PDFs and 5 w3m text without blank lines, none text with blank
#: lines and no pages; there a short text's few line ends are no evidence (reflow's own
#: Korean text, wrapped at spaces at 100 columns, has 4 of its 10 read as inside words).
HANGUL_INSIDE_SHARE = 0.355


def _has_hangul_text(lines: list[str]) -> bool:
    """Whether ``lines`` hold a Hangul syllable; none at all, the common case, is seen at C
    speed."""
    return not all(map(str.isascii, lines)) and any(map(has_hangul, lines))


def _hangul_split_anywhere(lines: list[str], paged: bool = False) -> bool:
    """Korean wrapped by character (w3m, a PDF), not at spaces: its lines fill the width, or
    end inside words.

    Then a line break between two Hangul syllables falls inside a word, and the syllable
    model weighs it; text wrapped at spaces (pandoc) keeps the space.
    """
    if not _has_hangul_text(lines):
        return False
    ends = zip(map(str.rstrip, lines), map(str.lstrip, lines[1:]), strict=False)
    pairs = [(line, nxt) for line, nxt in ends if is_hangul_pair(line, nxt)]
    if len(pairs) < HANGUL_MIN_ENDS:  # a few lines that happen to fill the width prove nothing
        return False
    widths = sorted(width(line) for line, _ in pairs)
    full = widths[-1] - 2
    if widths[len(widths) // 5] >= full:
        return True
    near = [w for w in widths if w >= widths[-1] - HANGUL_NEAR_COLUMNS]
    filled = sum(w >= full for w in near)
    if len(near) >= HANGUL_MIN_ENDS and filled >= HANGUL_FULL_SHARE * len(near):
        return True
    if not paged and not all(map(str.strip, lines)):
        return False  # (blank lines, no pages: see HANGUL_INSIDE_SHARE)
    fitted = hangul.model()
    inside = sum(
        hangul.score(hangul.features(*hangul_parts(line, nxt), frozenset(), fitted), fitted) <= 0
        for line, nxt in pairs
    )
    return inside >= HANGUL_INSIDE_SHARE * len(pairs)


def _cj_split_anywhere(lines: list[str]) -> bool:
    """Chinese or Japanese wrapped by character (w3m, a PDF), not only at spaces (pandoc and
    lynx leave a run of them whole, past the width if need be).

    Wrapped by character, most line ends fall between two such characters, at the width.
    Wrapped at spaces, hardly any do: the line ends fall where a space was, beside a word in
    Latin letters or between two of them in a line of wide text. Where neither shows
    clearly: by character (a join then adds no space).
    """
    # No wide character at all, the common case: seen at C speed.
    if all(map(str.isascii, lines)) or not any(map(has_wide, lines)):
        return True
    within = beside = 0
    # Only lines that run near the width are asked: a short one (a comment over code) ended
    # where its writer ended it.
    near = 0.6 * _percentile([width(line) for line in lines if line.strip()] or [0], 0.5)
    for line, nxt in pairwise(lines):
        left, right = line.rstrip(), nxt.lstrip()
        if not left or not right or width(left) < near:
            continue
        if is_cj(left[-1]):
            if is_cj(right[0]):
                within += 1
            elif right[0].isascii() and right[0].isalnum():
                beside += 1
        elif (
            left[-1].isascii()
            and left[-1].isalnum()
            and (is_cj(right[0]) or (right[0].isascii() and right[0].isalnum() and has_wide(left)))
        ):
            beside += 1
    # A short page may show few ends at spaces, but one wrapped by character shows many
    # within a run.
    return not ((beside >= 8 and 4 * within < beside) or (within == 0 and beside >= 2))


def _paragraph_starts(
    lines: list[str],
    page_width: float,
    strips: list[str] | None = None,
    strict: list[bool] | None = None,
    full_width: float | None = None,
) -> StartEvidence:
    """How paragraphs start after a short line that ends a sentence: lone words or not.

    In the seed's style every paragraph's first word stands alone on its line
    ("The" / "official agreed to …"); elsewhere the next line is a full one. A line that
    starts something and is short as well (a verse, a line of dialogue) says little either
    way; ``full_width`` is where a line counts as full (the page's width if not given).
    """
    lone = capital = full = short = 0
    if strips is None:
        strips = [line.strip() for line in lines]
        strips.append("")
    if strict is None:
        strict = list(map(ends_sentence_strictly, strips))
    if full_width is None:
        full_width = page_width
    # Only lines after one that ends a sentence (a blank line or a page break ends none).
    for index in compress(range(1, len(lines)), strict):  # strict[index - 1], that is
        stripped = strips[index]
        if not stripped or lines[index] == PAGE_BREAK:
            continue
        # The line before stopped early: this line's first word would have fitted on it.
        if width(strips[index - 1]) + 1 + first_unit_width(stripped) > page_width:
            continue
        following = strips[index + 1] if index + 1 < len(lines) else ""
        if not lone_word(stripped, page_width):
            # Not after a lone "1." (a numbered heading's own first word), nor in code: a
            # comment's full stop before the next line of code opens no paragraph.
            before = strips[index - 1]
            if (" " in before or has_wide(before)) and not (
                looks_like_code(stripped) or looks_like_code(before)
            ):
                if following and width(stripped) + 1 + first_unit_width(following) > full_width:
                    full += 1
                else:
                    short += 1
        elif (
            not strict[index]
            and (stripped[0].isalnum() or stripped[0] in "“‘\"'")
            and index + 1 < len(lines)
            and not lone_word(following, page_width)  # the paragraph's rest follows it
            # (Nor two characters of Chinese or Japanese or more, then more of them: the seed
            # breaks after the text up to a space, or after a first character; a heading over
            # its paragraph looks so.)
            and (len(stripped) == 1 or not is_cj_pair(stripped, following))
        ):
            # A capital after it may open the text under a heading ("libuv" / "Now shipping
            # libuv 1.32.0").
            if following[0].isupper():
                capital += 1
            else:
                lone += 1
    return StartEvidence(lone, capital, full, short, _runs_on_starts(strips))


def _runs_on_starts(strips: list[str]) -> int:
    """How many times a capitalised word of letters (not in capitals) stands alone after a
    line of text, over a sentence of four words or more that runs on in lower case, spaced
    as prose and no code (``strips``: the lines, stripped): a paragraph's first word set
    apart ("As" / "a recurring feature, our team combs the Web …"). (Not a word in lower
    case, an identifier over its description; nor over a short line, a heading's rest.)
    Korean has no case: there a word that ends in Hangul, not a sentence's end, over a line
    of four words or more with Hangul in it counts ("컴포넌트를" / "클래스 대신 함수로 …",
    "PureComponent는" / "Component와 비슷하지만 …")."""
    found = 0
    for index in range(1, len(strips) - 1):
        word = strips[index]
        if not word or " " in word or not strips[index - 1]:
            continue
        if has_hangul(word[-1]):
            # (Over every rendition of the three training folders this put the habit into 4
            # of the 9 seed-style Korean documents it missed, 140 of their 264 paragraphs, and
            # into no other document: without blank lines a heading over its text looks so
            # too, but never as often as paragraphs open with a full line there.)
            rest = strips[index + 1]
            if has_hangul(rest) and not ends_sentence(word) and _running_prose(rest):
                found += 1
            continue
        if not word[0].isupper():
            continue
        rest = strips[index + 1]
        if (
            rest[:1].islower()
            and not word.isupper()
            and word.replace("'", "").replace("’", "").isalpha()
            and _running_prose(rest)
        ):
            found += 1
    return found


def _running_prose(line: str) -> bool:
    """A (stripped) line of four words or more spaced as prose, no code (``_runs_on_starts``):
    not a program's output in columns ("PASS" / "ok   example/…")."""
    return line.count(" ") >= 3 and "  " not in line and not looks_like_code(line)


def _is_carried_tail(line: str) -> bool:
    """A paragraph's last words carried over a page break: never a header or footer.

    It opens in lower case and ends a sentence (``confirm a block before it was stored.``);
    when the same tail recurs by chance next to two breaks, taking it for furniture would
    delete words. A running header or footer opens with a capital, a digit or a mark.
    """
    stripped = line.strip()
    return stripped[:1].islower() and ends_sentence(stripped)


def _page_furniture(lines: list[str]) -> frozenset[str]:
    """Header and footer lines that repeat next to page breaks (numbers masked)."""
    if PAGE_BREAK not in lines:
        return frozenset()
    breaks = [i for i, line in enumerate(lines) if line == PAGE_BREAK]
    # Each line near a break counts once, however many breaks it is near: on short pages
    # every line is near two breaks, and must still repeat on other pages to be furniture.
    near: set[int] = set()
    for at in breaks:
        near.update(range(max(0, at - 4), min(len(lines), at + 5)))
    counts: Counter[str] = Counter(
        furniture_key(lines[index])
        for index in near
        if lines[index].strip()
        and lines[index] != PAGE_BREAK
        and not _is_carried_tail(lines[index])
    )
    pages = len(breaks)
    needed = 2 if pages < 4 else max(2, pages // 3)
    return frozenset(
        key for key, count in counts.items() if count >= needed and not is_page_number(key)
    )
