"""Lines to blocks: decide every line break, rebuild paragraphs, keep structure as it is."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from itertools import chain

from . import furniture as fur
from .dehyphen import should_join, split_word
from .lines import PAGE_BREAK, PAUSE
from .measure import WIDE, first_unit_width, is_cj_pair, is_hangul_pair, width
from .model import Block, Kind, Note
from .profile import WINDOW_BYTES, Profile, furniture_key, learn
from .repair import repair_text

#: Stands in for a page header, footer or number that was removed (keeps line numbers right).
FURNITURE = "\f\f"
_MARKERS = frozenset({FURNITURE, PAGE_BREAK, PAUSE})

#: A paragraph longer than this many lines is written out and a new one begun, so that
#: memory stays bounded on text with no paragraph breaks at all.
MAX_BLOCK_LINES = 2000

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_LIST = re.compile(r"^([ \t]*)([-*+•◦▪‣]|\d{1,3}[.)]|[a-z][)]|\(\w{1,3}\)|o(?= ))[ \t]+(?=\S)")
_QUOTE = re.compile(r"^ {0,3}>")
_TABLE_ROW = re.compile(r"^\s*(?:\|.*\||\+[-=+:]{3,}\+)\s*$")
_SPACES = re.compile(r"[ \t]+")
_IMAGE_HINT = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|avif)", re.IGNORECASE)
# "[1x1-white][33622-5946] In our use": image names glued to the text. One bracketed plain word
# ("[severe] pollution") is an editor's insertion, not an image: a name has a digit, _ - or .
_LEADING_PLACEHOLDERS = re.compile(
    r"^((?:\[[^\[\]\s]{1,300}\][ \t]*){2,}|\[[^\[\]\s]{0,300}[\d_./\-][^\[\]\s]{0,300}\])"
    r"[ \t]*(?=[^\s\[])"
)

# One-word lines that open a sentence far more often than they stand alone as a heading.
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

_OPENING = "“‘\"'«(["

#: Added to the break score of a full line that ends a sentence before a capital (no blank lines).
BREAK_TIE = 1.5


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


class Joiner:
    """Joins the lines of one paragraph: one space, or none after a split word or in CJK."""

    def __init__(
        self, vocabulary: frozenset[str], dehyphenate: bool, hangul_split_anywhere: bool = False
    ) -> None:
        self.vocabulary = vocabulary
        self.dehyphenate = dehyphenate
        self.hangul_split_anywhere = hangul_split_anywhere

    def join(self, lines: list[tuple[int, str]], notes: list[Note] | None) -> str:
        text = lines[0][1]
        for number, line in lines[1:]:
            text = self.append(text, line, number, notes)
        return text

    def append(self, text: str, line: str, number: int, notes: list[Note] | None) -> str:
        if not text:
            return line
        if not line:
            return text
        last = text[-1]
        if last == "\u00ad":  # a soft hyphen at a line end is always a split word
            if notes is not None:
                notes.append(Note("soft-hyphen", number))
            return text[:-1] + line
        if last == "-" and len(text) > 1 and text[-2].isalnum() and line[:1].isalnum():
            halves = split_word(text[-60:], line) if self.dehyphenate else None
            if halves is not None and should_join(*halves, self.vocabulary):
                if notes is not None:
                    notes.append(Note("dehyphenate", number, f"{halves[0]}-|{halves[1]}"))
                return text[:-1] + line
            return text + line  # a real compound ("well-known", "2019-20"): keep the hyphen
        if is_cj_pair(text, line):
            return text + line
        if self.hangul_split_anywhere and is_hangul_pair(text, line):
            return text + line
        if last == "\\" and not text.endswith("\\\\"):
            return text[:-1] + "\n" + line  # a Markdown hard break stays a line break
        return text + " " + line


def _tidy(line: str) -> str:
    """One line of prose: no indent, no trailing blanks, runs of spaces collapsed."""
    stripped = line.strip()
    if "  " in stripped or "\t" in stripped:
        stripped = _SPACES.sub(" ", stripped)
    return stripped


class _Builder:
    """The state machine that turns lines into blocks. See ``build_blocks``."""

    def __init__(
        self, profile: Profile, explain: bool, dehyphenate: bool, repair: bool = False
    ) -> None:
        self.profile = profile
        self.explain = explain
        self.repair = repair
        self.joiner = Joiner(profile.vocabulary, dehyphenate, profile.hangul_split_anywhere)
        # The paragraph being built: (input line number, tidy text) pairs.
        self.para: list[tuple[int, str]] = []
        self.para_raw_last = ""  # the last raw line of the paragraph, for width decisions
        self.para_widths: list[int] = []  # display widths of the paragraph's raw prose lines
        self.para_kind = Kind.PARAGRAPH
        self.quote_level = 0
        self.notes: list[Note] = []
        self.opened_by_break = True  # the paragraph's first line came after a break
        self.fill = profile.fill
        # Widths of the last few prose lines: the local measure for proportional type.
        self.recent: deque[int] = deque(maxlen=8)

    # -- emitting -------------------------------------------------------------------------

    def _note(self, rule: str, line: int, detail: str = "") -> None:
        if self.explain:
            self.notes.append(Note(rule, line, detail))

    def flush(self) -> Iterator[Block]:
        if not self.para:
            return
        para, kind, notes, widths = self.para, self.para_kind, self.notes, self.para_widths
        self.para, self.notes, self.para_widths = [], [], []
        first, last = para[0][0], para[-1][0]
        if kind is Kind.LIST:
            # Each item is a block of its own, indented relative to the list's outermost items.
            common = min(_indent(line) for _, line in para)
            for index, (number, line) in enumerate(para):
                end = para[index + 1][0] - 1 if index + 1 < len(para) else last
                yield Block(
                    Kind.LIST, line[common:], number, end, notes=tuple(notes) if not index else ()
                )
            return
        if kind in (Kind.TABLE, Kind.VERSE, Kind.CODE):
            text = "\n".join(line for _, line in para)
            yield Block(kind, text, first, last, notes=tuple(notes))
            return
        if kind is Kind.PARAGRAPH and self._is_short_line_block(para, widths):
            # Verse, addresses, menus, lists without markers: every line stopped early on
            # purpose. Each line stays a line (a block of its own).
            for number, line in para:
                yield Block(Kind.VERSE, line, number, number, notes=tuple(notes))
                notes = []
            return
        if len(para) > 1 and self.explain:
            notes.insert(0, Note("join-wrapped-lines", first, f"{len(para)} lines"))
        text = self.joiner.join(para, notes if self.explain else None)
        unrepaired = None
        if self.repair and "\n" not in text and (len(para) > 1 or self.para_raw_last != text):
            # Mojibake cut by a line end ("Ã" | "a") is only visible once the lines are
            # joined, and "Ã<tab>" only once blanks are tidied ("Ã " is "à" with its no-break
            # space lost); repairing the text as written makes a second run find nothing.
            repaired = repair_text(text)
            if repaired != text:
                if self.explain:
                    notes.append(Note("repair-joined", first))
                unrepaired, text = text, repaired
        level = self.quote_level if kind is Kind.QUOTE else 0
        yield Block(kind, text, first, last, level=level, notes=tuple(notes), unrepaired=unrepaired)

    def _is_short_line_block(self, para: list[tuple[int, str]], widths: list[int]) -> bool:
        """In blank-line separated text: a block whose every line ended with room to spare."""
        if len(para) < 2 or len(widths) != len(para):
            return False
        if not self.profile.blank_separated or not self.profile.wrapped:
            return False
        for index in range(len(para) - 1):
            line, nxt = para[index][1], para[index + 1][1]
            if nxt[:1].islower() or line.endswith(("-", ",")):
                return False
            if self.fill - (widths[index] + 1 + first_unit_width(nxt)) <= 0:
                return False
        return True

    # -- line shapes ------------------------------------------------------------------------

    def room(self, line: str, next_text: str) -> float:
        """Columns left on ``line`` after the next line's first word was added.

        Monospaced text has one width for the whole document. In proportional type
        a full line holds more or fewer characters, and a page mixes columns of
        several widths, so the measure is the widest of the lines around, less a
        margin for the spread of character widths.
        """
        return self.room_after(width(line), next_text)

    def room_after(self, line_width: int, next_text: str) -> float:
        """``room`` for a line whose display width is already known."""
        used = line_width + 1 + first_unit_width(next_text)
        if not self.profile.proportional:
            return self.fill - used
        capacity = max(max(self.recent, default=0), line_width, width(next_text), self.fill)
        return capacity - used

    def starts_list(self, line: str, text: str) -> bool:
        match = _LIST.match(line)
        if match is None:
            return False
        marker = match.group(2)
        if marker == "o" and match.group(1) == "":
            return False
        if not self.para or self.para_kind is Kind.LIST or marker in "•◦▪‣":
            return True  # these bullets never continue a sentence
        previous = self.para[-1][1]
        if fur.ends_sentence(previous) or previous.endswith(":") or fur.is_byline(previous):
            return True
        if len(self.para) == 1 and " " not in previous:  # "Am\n12. September": an orphan's rest
            return False
        return self.room(self.para_raw_last, text) > 0

    # -- the break decision ---------------------------------------------------------------

    def decide(
        self, a_raw: str, a: str, b_raw: str, b: str, line_after: Callable[[], str]
    ) -> tuple[bool, str]:
        """Whether a paragraph ends between prose lines ``a`` and ``b``; and the rule.

        ``line_after`` gives the (tidy) line after ``b``, read only when a rule needs it.
        """
        profile = self.profile
        # The common cases first: a full line, then a sentence running on in lower case; or a
        # full line that ends mid-sentence, then anything but furniture or a headline's end.
        if " " in b and " " in a:
            b0, a_last = b[0], a[-1]
            if b0.islower() and self.room(a_raw, b) <= 0:
                return False, "continues"
            if (
                (a_last.isalnum() or a_last in ",;")
                and b0 not in "[|•*-+#>"
                and b[:3].lower() != "by "
                and b[-1] != "]"
                and not fur.ends_with_credit_keyword(a)
                and not _is_title_case(a)
                and self.room(a_raw, b) <= 0
                and not (len(b) < 60 and (fur.is_junk(b) or fur.is_separator(b)))
                and not _maybe_placeholder(b)
                and not (profile.indent_habit and _indent(b_raw) > _indent(a_raw))
            ):
                return False, "continues"
        if (
            profile.blank_separated
            and not profile.proportional
            and " " in a
            and width(a_raw) <= self.fill
            and self.room(a_raw, b) <= 0
            and not (_IMAGE_HINT.search(b) and fur.is_placeholder(b))
            and not fur.ends_with_credit_keyword(a)
        ):
            # Where blank lines separate paragraphs, a full line was wrapped: what follows it
            # is the same block, whatever it looks like ("[VIDEO]", "By …", "Photo"), except
            # an image a text browser put there, or the credit after a caption's "Credit".
            # This is also what makes a second run over
            # reflow's own re-wrapped output change nothing.
            return False, "wrapped-line"
        c = line_after()
        # Furniture lines stand alone. Each test is guarded by a cheap look at the line.
        a_short, b_short = len(a) < 60, len(b) < 60
        if (b_short and fur.is_separator(b)) or (a_short and fur.is_separator(a)):
            return True, "separator"
        if (b_short and fur.is_junk(b)) or (a_short and fur.is_junk(a)):
            return True, "junk-line"
        if _maybe_placeholder(b) and fur.is_placeholder(b):
            return True, "placeholder"
        if _maybe_placeholder(a) and fur.is_placeholder(a):
            return True, "placeholder"
        if (b[:3].lower() == "by " and fur.is_byline(b)) or (
            a[:3].lower() == "by " and fur.is_byline(a)
        ):
            return True, "byline"
        b_first = b[:1]
        if fur.ends_with_credit_keyword(a) and fur.looks_like_credit(b):
            return True, "caption-credit"
        if fur.ends_with_credit(a) and not b_first.islower():
            return True, "caption-end"
        if fur.dateline_word(a) and b_first in "—–-" and len(a) < 40:
            return False, "dateline"
        a_one_word = " " not in a
        b_one_word = " " not in b
        lone_opener = a_one_word and self.opened_by_break and len(self.para) == 1
        if profile.orphan_habit:
            decided = self._decide_orphan_style(a_raw, a, b, c, lone_opener)
            if decided is not None:
                return decided
        elif (
            lone_opener
            and not fur.ends_sentence_strictly(a)
            and (
                b_first.islower()
                or a.lower().strip(_OPENING) in FUNCTION_WORDS
                or a[:1] in _OPENING
            )
        ):
            return False, "orphan-opener"
        if (
            b_one_word
            and not a_one_word
            and fur.ends_sentence(b)
            and not fur.ends_sentence(a)
            and (not b_first.isupper() or not c or c[:1].islower())
        ):
            return False, "orphan-closer"
        if profile.wrapped and not profile.proportional and width(a_raw) > 1.3 * self.fill:
            return True, "long-line"
        score = 0.0
        if not profile.wrapped or self.room(a_raw, b) > 0:
            score += 3.0
        else:
            score -= 1.5
        a_last = a[-1]
        if fur.ends_sentence(a):
            score += 1.5
        elif a_last in ",;":
            score -= 1.0
        elif a_last in "-–—":
            score -= 1.5
        else:
            score -= 1.0
        if a_last.isalnum() and _is_title_case(a) and not b_first.islower():
            score += 2.5  # a headline in Title Case does not run on into the next line
        if b_first.islower() or (
            WIDE.match(b_first) and WIDE.match(a_last) and not fur.ends_sentence(a)
        ):
            score -= 2.5  # a sentence running on (CJK has no case: a wide character continuing)
        elif b_first.isupper() or b_first.isdigit() or b_first in _OPENING:
            score += 0.5
        if profile.blank_separated:
            score -= 1.5
        elif (
            profile.ends_without_blank
            and not profile.indent_habit  # there, the indent tells (below)
            and fur.ends_sentence_strictly(a)
            and (b_first.isupper() or b_first in _OPENING)
        ):
            # In text whose paragraphs end without blank lines, a full line ending a sentence
            # before a capital ends its paragraph about as often as not; a wrong split costs
            # one paragraph, a wrong join two, so the tie goes to the break.
            score += BREAK_TIE
        b_indent, a_indent = _indent(b_raw), _indent(a_raw)
        if profile.indent_habit:
            # Paragraphs open with an indent: a line indented past the body opens one (even
            # after a one-line paragraph, itself indented); a line that is not, continues.
            score += 3.0 if b_indent > profile.base_indent else -1.5
        elif b_indent > a_indent:
            score += 1.5
        if profile.orphan_habit:
            score -= 3.0  # in this style, paragraphs start at lone words (decided above)
        return score >= 2.0, "signals"

    def _decide_orphan_style(
        self, a_raw: str, a: str, b: str, c: str, lone_opener: bool
    ) -> tuple[bool, str] | None:
        """Seed style: every paragraph's first word stands alone on its line.

        Inside a wrapped paragraph a one-word line cannot happen except as its
        last line, so a lone word opens a paragraph when a longer line follows
        it; two lone words in a row are a short paragraph or a paragraph's last
        word followed by the next one's first.
        """
        b_one_word = " " not in b
        c_one_word = bool(c) and " " not in c
        if lone_opener:
            if b_one_word and c and not c_one_word and not fur.ends_sentence_strictly(b):
                return True, "orphan-paragraph"  # "Keyboard" / "Keyboards" / "are highly …"
            if fur.ends_sentence_strictly(a) and not b[:1].islower():
                return True, "orphan-paragraph"
            return False, "orphan-opener"
        if not b_one_word:
            return None
        if fur.ends_sentence_strictly(b):
            full = self.room(a_raw, b) <= 0
            return (False, "orphan-closer") if full and not fur.ends_sentence(a) else None
        if not c or not c_one_word:
            return True, "orphan-start"
        # b and c are both lone words: b closes a full line's paragraph, or starts a new one.
        full = self.room(a_raw, b) <= 0
        if full and not fur.ends_sentence(a):
            return False, "orphan-closer"
        return True, "orphan-start"

    # -- the main loop --------------------------------------------------------------------

    def run(self, lines: Iterable[str]) -> Iterator[Block]:
        """Consume ``lines`` (with a two-line look-ahead) and yield blocks."""
        it = iter(lines)
        ahead: deque[str] = deque()
        number = 0
        fence = ""
        previous_blank = True
        monospaced = not self.profile.proportional
        fill = self.fill

        def peek(k: int) -> str:
            while len(ahead) < k:
                line = next(it, None)
                if line is None:
                    return ""
                if line is not PAUSE:
                    ahead.append(line)
            return ahead[k - 1]

        while True:
            if ahead:
                raw = ahead.popleft()
            else:
                raw = next(it, None)  # type: ignore[assignment]
                if raw is None:
                    break
                if raw is PAUSE:
                    continue
            number += 1
            # The hot path: inside a monospaced paragraph, a line that starts in lower case
            # with no indent, tab or double space, continuing a full line. Most lines of
            # running text are this; the general path below gives the same answer for them.
            if (
                monospaced
                and raw[:1].islower()
                and self.para
                and self.para_kind is Kind.PARAGRAPH
                and raw.isascii()
            ):
                text = raw.rstrip()
                space = text.find(" ")
                if (
                    space > 1
                    and text[1] != ")"  # "a) an item"
                    and "  " not in text
                    and "\t" not in text
                    and " " in self.para[-1][1]
                    and fill - (self.para_widths[-1] + 1 + space) <= 0
                ):
                    self.opened_by_break = False
                    self.para.append((number, text))
                    self.para_widths.append(len(text))
                    self.para_raw_last = raw
                    previous_blank = False
                    continue
            if raw == PAGE_BREAK:
                continue
            if raw == FURNITURE:
                self._note("page-furniture-removed", number)
                continue
            if fence:
                self.para.append((number, raw))
                if raw.strip().startswith(fence) and not raw.strip().strip(fence[0]):
                    yield from self.flush()
                    fence = ""
                continue
            text = _tidy(raw)
            if not text:
                if self.para_kind is Kind.LIST and self.para:
                    after = peek(1)
                    if after.strip() and _LIST.match(after):
                        # A loose list (blank lines between items) stays one list, so its
                        # items keep their nesting, as when reflow reads its own output.
                        previous_blank = True
                        continue
                yield from self.flush()
                previous_blank = True
                self.opened_by_break = True
                continue
            was_blank, previous_blank = previous_blank, False
            shape = self.shape(raw, text, was_blank)
            if shape is Kind.CODE:  # an opening fence
                yield from self.flush()
                fence = _FENCE.match(raw).group(1)  # type: ignore[union-attr]
                self.para_kind = Kind.CODE
                self.para.append((number, raw.rstrip()))
                continue
            if shape is Kind.HEADING:
                yield from self.flush()
                match = _ATX.match(raw)
                level = len(match.group(1)) if match else 1
                title = text.lstrip("#").strip().rstrip("#").strip() if match else text
                yield Block(Kind.HEADING, title, number, number, level=level)
                self.opened_by_break = True
                continue
            if shape is Kind.RULE:
                yield from self.flush()
                yield Block(Kind.RULE, text, number, number)
                self.opened_by_break = True
                continue
            if (
                shape is Kind.PARAGRAPH
                and not self.para
                and len(text) < 120
                and _SETEXT.match(nxt := peek(1))
                and any(c.isalnum() for c in text)  # "-" over "-" is two empty items
            ):
                ahead.popleft()
                number += 1
                level = 1 if nxt.strip()[0] == "=" else 2
                yield Block(Kind.HEADING, text, number - 1, number, level=level)
                previous_blank = False
                self.opened_by_break = True
                continue
            if shape is Kind.QUOTE:
                level, inner = _quote_level(text)
                if self.para and (self.para_kind is not Kind.QUOTE or self.quote_level != level):
                    yield from self.flush()
                if not inner:
                    yield from self.flush()
                    continue
                self.para_kind, self.quote_level = Kind.QUOTE, level
                self.para.append((number, inner))
                self.para_raw_last = raw
                continue
            if shape is Kind.LIST:
                if self.para and self.para_kind is not Kind.LIST:
                    yield from self.flush()
                self.para_kind = Kind.LIST
                self.para.append((number, raw.rstrip()))
                self.para_raw_last = raw
                continue
            if shape is Kind.TABLE:
                if self.para and self.para_kind is not Kind.TABLE:
                    yield from self.flush()
                self.para_kind = Kind.TABLE
                self.para.append((number, raw.rstrip()))
                continue
            # Prose. Images a text browser left at the start of a line stand apart from it.
            if text[0] == "[" and (leading := _LEADING_PLACEHOLDERS.match(text)) is not None:
                yield from self.flush()
                yield Block(Kind.JUNK, leading.group(1).rstrip(), number, number)
                text = text[leading.end() :]
                self.opened_by_break = True
            # Decide whether it continues the open block.
            if self.para and self.para_kind is Kind.LIST:
                if self.continues_item(raw, text):
                    line_no, item = self.para[-1]
                    self.para[-1] = (line_no, self.joiner.append(item, text, number, None))
                    self.para_raw_last = raw
                    continue
                yield from self.flush()
            elif self.para and self.para_kind is not Kind.PARAGRAPH:
                yield from self.flush()
            if self.para:
                a_raw, a = self.para_raw_last, self.para[-1][1]
                if (
                    self.para_kind is Kind.PARAGRAPH
                    and text[0].islower()
                    and " " in text
                    and " " in a
                    and self.room_after(self.para_widths[-1], text) <= 0
                ):
                    # The common case, kept lean: a full line, then the sentence running on.
                    self.opened_by_break = False
                    self.para.append((number, text))
                    self.para_widths.append(width(raw))
                    self.recent.append(self.para_widths[-1])
                    self.para_raw_last = raw
                    continue
                breaks, rule = self.decide(a_raw, a, raw, text, lambda: _tidy(peek(1)))
                if breaks or len(self.para) >= MAX_BLOCK_LINES:
                    if rule != "signals" or not self.profile.wrapped:
                        self._note(f"break:{rule}", number)
                    yield from self.flush()
                    self.opened_by_break = True
                elif rule not in ("signals", "continues"):
                    self._note(rule, number)
                    self.opened_by_break = False
                else:
                    self.opened_by_break = False
            else:
                self.opened_by_break = True
            if not self.para:
                self.para_kind = Kind.PARAGRAPH
            self.para.append((number, text))
            self.para_widths.append(width(raw))
            self.recent.append(self.para_widths[-1])
            self.para_raw_last = raw
        yield from self.flush()
        if self.notes:  # notes on lines that made no block (a page of furniture only)
            yield Block(Kind.JUNK, "", number, number, notes=tuple(self.notes))
            self.notes = []

    def continues_item(self, raw: str, text: str) -> bool:
        """A line after a list item belongs to it when indented under it or plainly continuing."""
        item_raw = self.para[-1][1]
        match = _LIST.match(item_raw)
        content_column = match.end() if match else 2
        if _indent(raw) >= content_column and _indent(raw) > 0:
            return True
        if text[:1].islower() and not self.profile.blank_separated:
            return self.room(self.para_raw_last, text) <= 0
        return False

    def shape(self, raw: str, text: str, after_blank: bool) -> Kind:
        """The structural kind a line starts, or PARAGRAPH for prose."""
        first = text[0]
        if first.isalpha():
            # Most lines: prose. Only "a) item" and lynx's "o item" start structure with a letter.
            second = text[1:2]
            if second == ")" or (first == "o" and second == " "):
                return Kind.LIST if self.starts_list(raw, text) else Kind.PARAGRAPH
            return Kind.PARAGRAPH
        if first in "`~" and _FENCE.match(raw):
            return Kind.CODE
        if first == "#" and _ATX.match(raw) and (after_blank or not self.para or self._ended()):
            return Kind.HEADING
        if first in "-*_" and _RULE.match(raw):
            return Kind.RULE
        if first == ">" and _QUOTE.match(raw):
            return Kind.QUOTE
        if first in "|+" and _TABLE_ROW.match(raw):
            return Kind.TABLE
        if (first in "-*+•◦▪‣(" or first.isdigit()) and self.starts_list(raw, text):
            return Kind.LIST
        return Kind.PARAGRAPH

    def _ended(self) -> bool:
        return bool(self.para) and fur.ends_sentence(self.para[-1][1])


def _maybe_placeholder(line: str) -> bool:
    """Cheap first look: a bracketed token, or an image file name."""
    return line[-1] == "]" or _IMAGE_HINT.search(line) is not None


def _is_title_case(text: str) -> bool:
    """Most words of four letters or more start with a capital: a headline."""
    long_words = [w for w in text.split(" ") if len(w) >= 4 and w[0].isalpha()]
    if len(long_words) < 3:
        return False
    capitals = sum(1 for w in long_words if w[0].isupper())
    return capitals >= 0.8 * len(long_words)


def _quote_level(text: str) -> tuple[int, str]:
    level = 0
    rest = text
    while rest.startswith(">"):
        level += 1
        rest = rest[1:].lstrip(" ")
    return level, rest


def strip_page_furniture(lines: Iterable[str], profile: Profile) -> Iterator[str]:
    """Drop page numbers and repeating headers/footers around page breaks (form feeds).

    Holds at most a few lines back, so a page footer can be dropped once the
    page break after it arrives. The document's start counts as a page break.
    """
    keys = profile.furniture
    held: deque[str] = deque()
    after_break = True

    def is_furniture(line: str) -> bool:
        stripped = line.strip()
        return not stripped or fur.is_page_number(stripped) or furniture_key(line) in keys

    for line in lines:
        if line is PAUSE:
            yield from held
            held.clear()
            yield PAUSE
            continue
        if line == PAGE_BREAK:
            dropped = 0
            while held and is_furniture(held[-1]):
                held.pop()
                dropped += 1
            yield from held
            held.clear()
            yield from [FURNITURE] * dropped
            yield PAGE_BREAK
            after_break = True
            continue
        if after_break:
            if is_furniture(line):
                yield FURNITURE
                continue
            after_break = False
        held.append(line)
        if len(held) > 8:
            yield held.popleft()
    yield from held


def build_blocks(
    lines: Iterable[str], *, explain: bool = False, dehyphenate: bool = True, repair: bool = False
) -> Iterator[Block]:
    """Turn repaired lines into blocks.

    The first ``WINDOW_BYTES`` of lines are held to learn the document's
    profile; after that, memory is one paragraph (at most ``MAX_BLOCK_LINES``
    lines) plus a two-line look-ahead.
    """
    it = iter(lines)
    window: list[str] = []
    size = 0
    for line in it:
        if line is PAUSE:
            if window:  # a slow pipe: learn from what has come, so output can start
                break
            continue
        window.append(line)
        size += len(line) + 1
        if size >= WINDOW_BYTES:
            break
    profile = learn(window)
    stream: Iterable[str] = chain(window, it)
    if profile.furniture or PAGE_BREAK in window:
        stream = strip_page_furniture(stream, profile)
        # Learn the pages' text again without their headers, footers and the blank lines
        # around them, which say nothing about how paragraphs are separated.
        body = [line for line in strip_page_furniture(window, profile) if line not in _MARKERS]
        profile = replace(learn(body), furniture=profile.furniture)
    yield from _Builder(profile, explain, dehyphenate, repair).run(stream)
