# cython: annotation_typing=False
"""Lines to blocks: decide every line break, rebuild paragraphs, keep structure as it is."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from functools import partial
from itertools import chain

from . import breaks as _breaks
from . import furniture as fur
from . import hangul
from .breaks import (
    FUNCTION_WORDS,
    refers_back,
    score,
    sentence_then_capital_no_blanks,
    write_features,
)
from .dehyphen import LINE_END_HYPHENS
from .facts import is_title_case, line_facts, names_image
from .joining import PROPORTIONAL_FULL_SHARE, Joiner
from .lines import PAGE_BREAK, PAUSE
from .measure import (
    first_unit_width,
    has_hangul,
    has_wide,
    is_cj,
    is_cj_pair,
    is_hangul,
    is_wide,
    lone_word,
    width,
)
from .model import Block, Kind, Note, make_block
from .pages import (
    FURNITURE,
    MARKERS,
    PADDING,
    RUNNING_FURNITURE,
    strip_page_furniture,
    strip_running_furniture,
)
from .profile import WINDOW_BYTES, Profile, document_words, furniture_key, learn
from .repair import is_clean, repair_line, repair_text

# The bits of ``line_facts`` (and how a web address starts, from breaks): compiled, this module
# reads them as C constants that paragraphs.pxd cimports from facts.pxd and breaks.pxd (where
# they are no Python names); as Python, from here.
if not __file__.endswith((".so", ".pyd")):
    from .breaks import WEB_ADDRESS
    from .facts import (
        BY,
        CREDIT_END,
        CREDIT_KW,
        DATELINE,
        ENDS,
        JUNK,
        MAYBE_PH,
        PH,
        SEP,
        STANDS_ALONE,
        STRICT,
        TIMESTAMP,
    )

# Kinds as module constants: an enum member looked up on its class costs a descriptor call.
_K_PARAGRAPH, _K_HEADING, _K_LIST = Kind.PARAGRAPH, Kind.HEADING, Kind.LIST
_K_CODE, _K_QUOTE, _K_TABLE = Kind.CODE, Kind.QUOTE, Kind.TABLE
_K_VERSE, _K_RULE, _K_JUNK = Kind.VERSE, Kind.RULE, Kind.JUNK


def _block(
    kind: Kind, text: str, first: int, last: int, level: int, notes: tuple[Note, ...]
) -> Block:
    return make_block(kind, text, first, last, level, None, notes)


#: A paragraph longer than this many lines is written out and a new one begun, so that
#: memory stays bounded on text with no paragraph breaks at all.
MAX_BLOCK_LINES = 2000

#: How far past the body's indent a block between blank lines must stand to be read as
#: commands, code or verse set apart from the prose (``_indented_block``).
INDENT_STEP = 4
#: The most lines a signature, a closing or a block set in less than an indent step may
#: hold (read ahead).
MAX_SET_APART_LINES = 40
#: The most lines an indented block may hold (read ahead): a program printed in a page
#: (a tutorial's data file) runs to a hundred lines and more.
MAX_INDENTED_LINES = 400
MAX_SIGNATURE_LINES = 8
#: The most lines of a mail's header block (folded fields count each line).
MAX_HEADER_LINES = 60
# A mail header field ("Subject: …": its name, a colon and a blank, a space or the tab some
# mailers write), or an mbox's "From " line: a sender's address, or a name and a date (git
# format-patch writes "From <commit> Mon Sep 17 00:00:00 2001", an archive "From nobody Sat
# Aug 27 …").
_HEADER_FIELD = re.compile(
    r"[A-Z][A-Za-z0-9-]{1,40}:[ \t]+\S|From \S+@\S+ "
    r"|From \S+ +[A-Z][a-z]{2} [A-Z][a-z]{2} +\d{1,2} "
)
_COMMON_FIELDS = frozenset({"from", "to", "subject", "date", "message-id", "cc", "reply-to"})
# A MIME multipart boundary line: "--" and the boundary (RFC 2046: up to 70 of these
# characters), "--" after it on the closing line ("------=_Part_12_34.56", "--=_NextPart_000",
# Thunderbird's "--------------8kQz3LhN0xWc2TfR5vYp1aBd").
#: A name written as code that calls or tags: ``prefetchDNS(href)``, ``useOptimistic(value,``.
_CALL = re.compile(r"\w\(")
_MIME_BOUNDARY = re.compile(r"--([0-9A-Za-z'()+_,./:=?-]{1,72})$")
# The boundary a Content-Type field names: boundary="…" (quoted or not).
_BOUNDARY_PARAMETER = re.compile(r"""\bboundary=(?:"([^"]+)"|([^";\s]+))""", re.IGNORECASE)
_TRANSFER_ENCODING = re.compile(r"content-transfer-encoding:[ \t]*([\w-]+)", re.IGNORECASE)
# A line of a base64 body (an attachment): 4 to 76 characters of its alphabet, no blank.
_BASE64_LINE = re.compile(r"[A-Za-z0-9+/]{4,76}={0,2}$")
#: The longest line of a quoted-printable body (RFC 2045), its soft break's "=" included.
QP_LINE_LENGTH = 76
#: The widest line of indented verse, less the block's indent: its lines are short, and a
#: longer one would be wrapped in text output (and not read back as the same verse).
MAX_VERSE_WIDTH = 60
#: Under a PDF's list item at the margin, a capitalised line goes on where the item's line
#: left less than this share of the text's fill: as full as the text's lines (in the PDFs of
#: the training corpus such lines go on 30 times in 32 past 0.8 of the widest line around,
#: and are a new block 114 times in 150 overall).
PDF_ITEM_SLACK = 0.2
#: The most rows a table laid out in columns is read ahead at once (a longer one goes on in
#: another block).
MAX_TABLE_ROWS = 60

#: The longest patch kept as one code block (``_unified_diff``); a longer one is cut into
#: blocks at hunk ends.
MAX_DIFF_LINES = 4000
# What starts a diff's file header besides "--- ", and the extended headers git writes
# between "diff --git" and "--- " (a mode, an index line, a rename, a binary file's note).
# What a diff starts with: a file header, or (quoted in a reply) a hunk alone.
_DIFF_STARTS = ("diff ", "--- ", "Index: ", "@@ -")
_DIFF_HEADERS = (
    "diff ",
    "Index: ",
    "index ",
    "===",
    "new file mode ",
    "deleted file mode ",
    "old mode ",
    "new mode ",
    "similarity index ",
    "dissimilarity index ",
    "rename from ",
    "rename to ",
    "copy from ",
    "copy to ",
)
# A diffstat (git format-patch writes one under the "---" after a commit message): a row per
# file ("path | 12 ++++--", "logo.png | Bin 0 -> 812 bytes"), then the summary, then the
# files made, deleted or renamed.
_DIFFSTAT_ROW = re.compile(r"\S.*? \|\s+(?:\d+ ?[-+]*|Bin(?: \d+ -> \d+ bytes)?)$")
_DIFFSTAT_SUMMARY = re.compile(
    r"\d+ files? changed(?:, \d+ insertions?\(\+\))?(?:, \d+ deletions?\(-\))?$"
)
_DIFFSTAT_AFTER = re.compile(r"(?:(?:create|delete) mode \d+|rename|copy|mode change) \S")
#: The least width of a rule drawn for ``<hr>``, as a share of the fill: lynx draws a text
#: field of a form in underscores too, narrower.
DRAWN_RULE_SHARE = 0.6
#: The most lines of a pandoc grid read ahead to find its bottom (a page laid out in one
#: grid cell is a whole article): a longer grid stays as it is.
MAX_GRID_LINES = 4000

#: The main loop's shortcuts for a sentence running on in lower case after a full line:
#: ``decide``'s first rule, taken without asking it. Tests turn them off to prove they agree.
#: A paragraph at MAX_BLOCK_LINES goes the long way, where it is written out.
FAST_PATHS = True

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
# (Three "=" or more alone are a rule too, as three "-" are: a plain text's section line
# between an interview's answers; under a title they are its setext underline, read first.)
# (Possessive: a backtracking repeat keeps a frame per character, 80 MB for one line of
# a million dashes.)
_RULE = re.compile(r"^ {0,3}([-*_=])(?:[ \t]*+\1){2,}+[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
# (A text browser may put a no-break space after the marker: "• \u00a0 Imprint".)
# The list markers that are one character (numbers and letters aside).
_BULLET_MARKERS = "-*+" + fur.BULLETS
#: A list marker pandoc sets alone on its line (the item opens with an image or a list).
_BARE_MARKERS = frozenset(_BULLET_MARKERS)
_LIST = re.compile(
    rf"^([ \t]*)([{re.escape(_BULLET_MARKERS)}]|\d{{1,3}}[.)]|[a-z][)]|\(\w{{1,3}}\)|o(?= ))"
    r"[ \t][ \t\u00a0]*(?=\S)"
)
_QUOTE = re.compile(r"^ {0,3}>")
_TABLE_ROW = re.compile(r"^\s*(?:\|.*\||\+[-=+:]{3,}\+)\s*$")
# Runs of blanks, and no-break spaces next to a blank (",\u00a0 next"): a no-break space
# there binds nothing, and a re-wrap would strip it at a line end.
# A run is taken whole from its first character (the lookbehind): tried from each no-break
# space of a long run of them with no blank in it, the plain form rescanned the run from every
# one (quadratic: 40,000 no-break spaces, 13 s).
_SPACES = re.compile("(?<![ \t\u00a0])\u00a0*+[ \t][ \t\u00a0]*+")
# "[1x1-white][33622-5946] In our use": image names glued to the text. One bracketed plain word
# ("[severe] pollution") is an editor's insertion, not an image: a name has a digit, _ - or .
# lynx's "[IMG]" and w3m's "[logo]News" (a lowercase name glued to the word after it: an
# editor's "[sic]" stands apart, and "[T]he" is one letter) are images too.
# (Possessive and atomic where going back cannot help: blanks and brackets end each name. The
# one-name form finds the last digit, _ . / or - in reach of the start, then needs the "]" in
# reach of it: 600 steps, not 300 x 300.)
_LEADING_PLACEHOLDERS = re.compile(
    r"^((?:\[[^\[\]\s]{1,300}\][ \t]*+){2,}+"
    r"|\[(?=[^\[\]\s]{0,601}\])(?>[^\[\]\s]{0,300}[\d_./\-])[^\[\]\s]{0,300}+\]"
    r"|\[(?:IMG|INLINE)\]|\[[a-z]{2,40}\](?=[A-Z\d]))"
    r"[ \t]*(?=[^\s\[])"
)


_OPENING = _breaks.OPENING
#: Words no clause ends with (articles, prepositions that take an object, possessives; not
#: "to", "on", "in", "for", "and": "want it to", "comes in", "watch out for" end headings).
_DANGLING_WORDS = frozenset(
    ["a", "an", "the", "of", "at", "by", "from", "with", "into", "onto", "upon", "than", "per",
     "my", "your", "our", "their", "its", "whose", "because", "although", "but"]
)  # fmt: skip


def _drop_capital(line: str, next_first: str) -> bool:
    """``line`` is one Chinese or Japanese character (not a numeral, a section's number) and the
    line after it opens with another: the first character of a paragraph, set apart."""
    return (
        len(line) == 1
        and is_cj(line)
        and line.isalpha()
        and line not in _CJ_NUMERALS
        and is_cj(next_first)
        and next_first.isalpha()
    )


def _dangles(line: str) -> bool:
    """``line`` (ending in a letter) ends with one of ``_DANGLING_WORDS``, or has several words
    and ends with a possessive or a contraction (``Trump’s``, ``it’s``: no clause ends there
    unmarked)."""
    last = line[line.rfind(" ") + 1 :]
    if last.lower() in _DANGLING_WORDS:
        return True
    return line[-1] == "s" and len(last) > 2 and last[-2] in "'’" and " " in line


# The first characters of drawn tables and rules (``_Builder._drawn``).
_DRAWN_FIRST = "-+" + fur.RULE_CHARS + fur.BOX_TOP_CORNERS + fur.BOX_ROW_FIRST

#: The least width, as a share of the fill, of a one-line paragraph after a label line
#: (``_prose_after_label``): a shorter line may be the next line of an address or a verse.
LABEL_PROSE_SHARE = 0.6


#: A sign of code no prose word holds, with a letter or digit (``_signed_word``).
_SIGN = re.compile(r"(?=.*[A-Za-z0-9]).*[!\"#$%&()*+,./:;<=>?@\[\\\]^_`{|}~]")


def _signed_word(word: str) -> bool:
    """Whether ``word`` is written with signs, as code or an address is (``Rc::as_ptr``,
    ``<b>``, ``x86_64-pc-solaris``), and whole: its brackets closed, no quotation opened, no
    Chinese or Japanese in it."""
    if word[:1] in "\"'“‘«":
        return False
    for char in word:
        if is_wide(char):
            return False
    for opener, closer in ("()", "[]", "<>", "{}"):
        if word.count(opener) != word.count(closer):
            return False
    return _SIGN.match(word.rstrip(".,:;!?")) is not None


#: Chinese numerals, which may number a section on a line of their own (``drop-capital``).
_CJ_NUMERALS = "一二三四五六七八九十"
#: A line wider than this many fills was never wrapped at the fill ("long-line"): the rules
#: that read a line as a wrapped one stop there.
_UNWRAPPED_FILLS = 1.3
#: What a line of a wide script opens with where it is no line of the paragraph above it
#: (``seed-wide-runs-on``): a quotation set apart, a tag.
_WIDE_LINE_OPENERS = '“"「『<'
#: The characters a line of code ends with (``furniture.looks_like_code``'s first test).
_CODE_LAST = fur.CODE_LAST_CHARS

#: The closing mark of each opening one in ``_OPENING``.
_CLOSERS = {"(": ")", "[": "]", "“": "”", "‘": "’", "«": "»", '"': '"', "'": "'"}


def _opens_quotation(word: str) -> bool:
    """Whether ``word`` opens a quotation or a bracket that it does not close (``“We``,
    ``(the``), not a whole quoted name (``'unknown'``, ``(EXPR)``, ``[Blog](../index.md)``)."""
    closer = _CLOSERS.get(word[:1])
    if closer is None:
        return False
    if closer == "'" or closer == "’":  # (also an apostrophe: "‘Tis", "'Twas")
        return len(word) == 1 or word.rstrip(".,;:!?")[-1:] != closer
    return closer not in word[1:]


def _introduces_code(a_raw: str, a: str, b_raw: str, b: str, blank_separated: bool) -> bool:
    """Whether ``a`` ends in a colon and ``b`` is a line of code, which a full line running on
    in lower case would otherwise join ("… 传递的 value props：" / "function Square({ value })
    {"). Where blank lines part paragraphs, only at another indent (lynx sets code at the
    margin, its text three columns in): at the same one, a blank line would have come before
    the code, and ``b`` is prose naming code ("… two types:" / "the std::pin::Pin<P> type,
    …"). (In the training corpus's decisions of this shape, 1,250 lines so kept apart were
    wrongly joined, 20 rightly.)"""
    last = a[-1]
    return (
        (last == ":" or last == "：" or (last in ".!?。！？" and fur.ends_sentence_strictly(a)))
        and not (blank_separated and _indent(a_raw) == _indent(b_raw))
        and fur.looks_like_code(b)
    )


def _capitalised(word: str) -> bool:
    """Whether ``word`` is a word in a capital and small letters (``Alongside``, ``État``)."""
    return word[0].isupper() and word[1:].islower() and word.isalpha()


def _plain_word(line: str) -> bool:
    """Whether ``line`` opens with a word of small letters only (``the``, ``fix,``,
    ``well-known``), not a name written in code (``os.getrandom()``, ``createElement``)."""
    first = line.split(" ", 1)[0].rstrip(",;")
    if "-" in first:  # (a compound's hyphens between letters: "well-known", not "--prune")
        first = first.replace("-", "") if first[0] != "-" and first[-1] != "-" else ""
    return first.isalpha() and first.islower()


def _is_bare_marker(text: str) -> bool:
    """A list marker alone on its (tidy) line."""
    return len(text) == 1 and text in _BARE_MARKERS


def _soft_hyphen_glyph(a: str, b: str, para: list[str]) -> bool:
    """``a`` and ``b`` hold a word split at a soft hyphen and the hyphen shown for it (one of
    ``LINE_END_HYPHENS``: Chromium's U+2010; ``split-word``): ``a`` ends in the soft hyphen
    and its glyph before a line in lower case, or in the soft hyphen over the glyph alone; or
    ``a`` is the glyph alone, under a line that ends in the soft hyphen, over a line in lower
    case."""
    if a[-2:-1] == "\u00ad" and a[-1] in LINE_END_HYPHENS:
        return b[:1].islower()
    if a[-1] == "\u00ad":
        return len(b) == 1 and b in LINE_END_HYPHENS
    return (
        len(a) == 1
        and a in LINE_END_HYPHENS
        and b[:1].islower()
        and len(para) > 1
        and para[-2].rstrip()[-1:] == "\u00ad"
    )


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _indents_alternate(rows: list[str]) -> bool:
    """Four lines or more whose indent changes at every line, between two indents only."""
    if len(rows) < 4:
        return False
    indents = [_indent(row) for row in rows]
    return len(set(indents)) == 2 and all(
        indents[at] != indents[at + 1] for at in range(len(indents) - 1)
    )


# Bracketed numbers at a line's start that a blank or punctuation follows: a citation a wrap
# moved there ("[20], and fetch", "[519-476]"), or a reference's label ("[1] Moreau, L."),
# not lynx's link numbers glued to the link ("[12]News") nor images.
_CITATIONS = re.compile(r"(?:\[\d{1,4}(?:[-–.:]\d{1,4}){0,3}\][ \t]*+)+")
#: The marker that opens a GitHub alert, a quote of one of five kinds ("> [!NOTE]").
_ALERT = re.compile(r"\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]")
#: A line that ends on an issue's or pull request's number set after its sentence or its
#: credit ("… is revoked (Colin Ihrig) #28892", "… no longer supported. #22617"): the
#: reference that closes a release note's or a minutes' item (rule ``reference-ends-item``).
_CLOSING_REFERENCE = re.compile(r"[.!?)] ?#\d{2,}(?:, #\d{2,})*")


def _leading_placeholders(text: str) -> re.Match[str] | None:
    """The images a text browser left at the start of ``text``, set apart from it."""
    leading = _LEADING_PLACEHOLDERS.match(text)
    if leading is not None and (
        # a definition's label: "[^1]: https://…" (a Markdown footnote kept in a text file)
        text[leading.end(1)] == ":"
        or (
            _CITATIONS.fullmatch(text, 0, leading.end(1)) is not None
            and not text[leading.end(1)].isalpha()  # (the pattern wants a character after it)
        )
    ):
        return None
    return leading


_GAP = re.compile(fur.ALIGNMENT_GAP)
_CLOSING_BRACKET = {"{": "}", "[": "]", "(": ")"}


def _bracketed_body(rows: list[str]) -> bool:
    """Rows that open a bracket at the first one's end and close it at the last one's start,
    the rows between indented past both (or, closing one and opening the next, at their
    level: ``}, {``): an object literal or a function's body (``const user = {`` /
    ``  name: 'Ada',`` / ``};``), whose inner lines need not look like code."""
    if len(rows) < 3:
        return False
    first, last = rows[0].rstrip(), rows[-1].lstrip()
    closer = _CLOSING_BRACKET.get(first[-1:])
    if closer is None or last[:1] != closer:
        return False
    outer = max(_indent(rows[0]), _indent(rows[-1]))
    return all(
        _indent(row) > outer or (_indent(row) == outer and row.lstrip()[:1] == closer)
        for row in rows[1:-1]
    )


def _lines_up(rows: list[str]) -> bool:
    """Two rows whose text goes on after a gap at the same column (an aligned grammar, a
    table): tidying their gaps would lose the alignment, so the rows are kept as written."""
    seen = set()
    for row in rows:
        for gap in _GAP.finditer(row):
            if gap.end() in seen:
                return True
            seen.add(gap.end())
    return False


def opens_structure(line: str) -> Kind | None:
    """The kind of block the reader starts with ``line`` when it meets it after a blank line,
    or None for a paragraph (``_Builder.shape``): a fence (CODE), a heading, a rule, a quote,
    a table row, a list item, or images set apart (JUNK, ``_LEADING_PLACEHOLDERS``). A
    renderer escapes a paragraph that starts so, so that a second run reads it back."""
    first = line[:1]
    if not first or first.isspace():
        return None
    if first.isalpha():  # only "a) item" (lynx's "o item" is indented)
        return _K_LIST if line[1:2] == ")" and _LIST.match(line) is not None else None
    if _FENCE.match(line) is not None:
        return _K_CODE
    if _ATX.match(line) is not None:
        return _K_HEADING
    if _RULE.match(line) is not None:
        return _K_RULE
    if _QUOTE.match(line) is not None:
        return _K_QUOTE
    if _TABLE_ROW.match(line) is not None:
        return _K_TABLE
    if _LIST.match(line) is not None:
        return _K_LIST
    if first == "[" and _leading_placeholders(line) is not None:
        return _K_JUNK
    return None


def _tidy(line: str) -> str:
    """One line of prose: no indent, no trailing blanks, runs of spaces collapsed."""
    stripped = line.strip()
    if "  " in stripped or "\t" in stripped or "\u00a0" in stripped:
        stripped = _SPACES.sub(" ", stripped)
    return stripped


def _korean_label(word: str) -> bool:
    """A lone Korean word that ends in a colon ("타입:", "기본값："): a label (rules
    ``label-after-name``, ``label-value``)."""
    return (
        len(word) > 1 and (word[-1] == ":" or word[-1] == "：") and is_hangul(word[-2])
    ) and word[:-1].isalpha()


class _Builder:
    """The state machine that turns lines into blocks. See ``build_blocks``."""

    def __init__(
        self,
        profile: Profile,
        explain: bool,
        dehyphenate: bool,
        repair: bool = False,
        vocabulary: Callable[[], frozenset[str]] | None = None,
        inner: Callable[[], frozenset[str]] | None = None,
        paged: bool = False,
        titles: tuple[str, ...] = (),
        raw_pages: bool = False,
    ) -> None:
        self.profile = profile
        self.explain = explain
        self.repair = repair
        self.joiner = Joiner(
            vocabulary or profile.vocabulary,
            dehyphenate,
            profile.hangul_split_anywhere,
            profile.cj_split_anywhere,
            inner or frozenset(),
            profile.proportional,
        )
        # The paragraph being built: its (tidy) lines and their input line numbers. The list
        # objects stay the same for the builder's life (``flush`` empties them).
        self.para: list[str] = []
        self.para_numbers: list[int] = []
        self.para_raw_last = ""  # the last raw line of the paragraph, for width decisions
        self.para_widths: list[int] = []  # display widths of the paragraph's raw prose lines
        self.para_kind = _K_PARAGRAPH
        self.quote_level = 0
        # While a rule reads a quote's lines (``_quoted_structure``): the quote's level, whose
        # markers ``peek`` takes off the lines it reads ahead (0 outside that).
        self.peek_level = 0
        # The last line was blank or an empty quote line: a quote's indented block may open.
        self.quote_opened = True
        self.notes: list[Note] = []
        self.opened_by_break = True  # the paragraph's first line came after a break
        # What the rules ask of the profile, read once (most lines ask something).
        self.fill = profile.fill
        self.wrapped = profile.wrapped
        self.proportional = profile.proportional
        self.blank_separated = profile.blank_separated
        self.ends_without_blank = profile.ends_without_blank
        self.base_indent = profile.base_indent
        self.indent_habit = profile.indent_habit
        self.orphan_habit = profile.orphan_habit
        self.char_fill = profile.char_fill
        # The seed's Korean, wrapped by counting characters: lines are measured so too.
        self.by_characters = profile.by_characters
        # Form feeds in the window: pages, as pdftotext writes a PDF's (or a man page, an RFC).
        self.paged = paged
        # Pages as ``pdftotext`` writes them without ``-layout``, which never leaves two blank
        # lines in a row (in the training corpus, 583 PDFs of 583 each way).
        self.raw_pages = raw_pages
        # The page's title as the header of every page prints it (``Profile.furniture``, a
        # browser's header: date and title, spaced apart by ``pdftotext -layout``): the
        # headline under it, in larger type, may take several lines (rule ``page-title``).
        self.titles = titles
        self.title_joined = False  # the open paragraph is such a headline: one block
        # A line of Chinese or Japanese without a space is a lone word in the seed's style
        # only where it stops short of the width (a paragraph's text up to its first space,
        # set alone); elsewhere any line without a space is one, as it always was (a page of
        # Japanese written a paragraph a line has short paragraphs after long ones).
        self.lone_width = profile.fill if profile.orphan_habit else float("inf")
        # Widths of the last eight prose lines (a ring, 0 where none yet), and the widest of
        # them: the local measure for proportional type (``remember``).
        self.recent: list[int] = [0] * 8
        self.recent_at = 0
        self.recent_widest = 0
        # Only blank-line separated, wrapped text has blocks of short lines (verse).
        self._short_lines = profile.blank_separated and profile.wrapped
        # Korean wrapped by character (w3m) moves up a syllable at a time, else a word.
        self.hangul_words = not profile.hangul_split_anywhere
        # Chinese and Japanese wrapped at spaces only (pandoc, lynx) move up a run at a time.
        self.cj_words = not profile.cj_split_anywhere
        # The input (``run``): its lines, those read ahead of the current one, the current
        # one's number, the open code fence's marker, and whether the last line was blank.
        self.lines: Iterator[str] = iter(())
        self.ahead: deque[str] = deque()
        self.number = 0
        self.fence = ""
        # The column where the text of the last list item made starts, and whether the open
        # paragraph is set in there after a blank line under it: the item's next paragraph
        # (rule ``list-item-paragraph``).
        self.item_column = -1
        self.item_paragraph = False
        self.item_loose = False  # the last list item read came after a blank line, or alone
        # Mail: the MIME boundaries named or met so far, and whether the body being read is
        # quoted-printable (its header block or its part's headers said so).
        self.boundaries: set[str] = set()
        self.quoted_printable = False
        self.previous_blank = True
        self.fast = FAST_PATHS  # read again when ``run`` starts
        # Blocks made and not yet yielded: ``run`` yields them after each line.
        self.out: list[Block] = []
        # The last block yielded, for rules that ask what came before a blank line.
        self.last_block: Block | None = None
        # ``room`` is asked about the same two lines several times per decision: the widths
        # of the last strings it measured (pure functions of the strings, held by identity).
        self._width_of: str | None = None
        self._width = 0
        self._unit_of: str | None = None
        self._unit = 0
        self._next_width_of: str | None = None
        self._next_width = 0
        # ``line_facts`` of the last ``b`` that ``decide`` looked at (held by identity).
        self._facts_of: str | None = None
        self._facts = 0
        # Where the score's features are written, break after break (``breaks.write_features``).
        self._values = _breaks.buffer()

    # -- emitting -------------------------------------------------------------------------

    def flush(self) -> None:
        """The open block's blocks to ``out``; the paragraph is emptied (same list objects)."""
        lines = self.para
        if not lines:
            return
        numbers, widths = self.para_numbers, self.para_widths
        kind, notes = self.para_kind, self.notes
        self.notes = []
        first, last = numbers[0], numbers[-1]
        out = self.out
        if kind is _K_LIST:
            # Each item is a block of its own, indented relative to the list's outermost items.
            common = min([_indent(line) for line in lines])
            # Where the last item's text starts: an item after a blank line (or alone) whose
            # text is no code may go on in a paragraph set in there (``list-item-paragraph``).
            # Not a numbered heading set out left of the body's prose, its text no sentence
            # (lynx's "1. Ditch the diet" at the margin, the body at 3).
            item = lines[-1]
            match = _LIST.match(item)
            self.item_column = -1
            if match and self.item_loose and not fur.looks_like_code(item[match.end() :]):
                column = match.end()
                if not (
                    _indent(item) < self.base_indent == column
                    and match.group(2)[0].isdigit()
                    and not (fur.ends_sentence(item) or item[-1] == ":")
                ):
                    self.item_column = column
            for index, line in enumerate(lines):
                end = numbers[index + 1] - 1 if index + 1 < len(lines) else last
                out.append(
                    _block(
                        _K_LIST,
                        line[common:],
                        numbers[index],
                        end,
                        0,
                        () if index else tuple(notes),
                    )
                )
        elif kind is _K_TABLE or kind is _K_VERSE or kind is _K_CODE:
            text = "\n".join(lines)
            out.append(_block(kind, text, first, last, 0, tuple(notes)))
        elif (
            kind is _K_PARAGRAPH
            and self._short_lines
            and len(lines) > 1
            and lines[0][-1] != "\\"  # Markdown hard breaks: the lines are one block already
            and not self.title_joined
            and self._is_short_line_block(lines, widths)
        ):
            # Verse, addresses, menus, lists without markers: every line stopped early on
            # purpose. Each line stays a line (a block of its own).
            for number, line in zip(numbers, lines, strict=True):
                # (Each line is read back as a paragraph: its empty images go now.)
                line = self._without_empty_images(line, number, notes)
                out.append(_block(_K_VERSE, line, number, number, 0, tuple(notes)))
                notes = []
        else:
            out.append(self._paragraph(kind, lines, numbers, notes))
        self.item_paragraph = False
        self.title_joined = False
        lines.clear()
        numbers.clear()
        widths.clear()

    def _without_empty_images(self, text: str, first: int, notes: list[Note]) -> str:
        """``text`` without the empty image placeholders at its start ("[]News", "[][]The"):
        no words (rule ``empty-image``)."""
        if "[" in text and (bare := fur.strip_empty_images(text)) != text and bare:
            if self.explain:
                notes.append(Note("empty-image", first))
            return bare
        return text

    def _paragraph(
        self, kind: Kind, lines: list[str], numbers: list[int], notes: list[Note]
    ) -> Block:
        """The block of a paragraph (or a quote's) from its lines: joined, and repaired."""
        first, last = numbers[0], numbers[-1]
        if len(lines) == 1:
            text = lines[0]
        else:
            if self.explain:
                notes.insert(0, Note("join-wrapped-lines", first, f"{len(lines)} lines"))
            text = self.joiner.join_lines(numbers, lines, notes if self.explain else None)
            head = lines[0]
            if (
                self.orphan_habit
                and len(head) > 1
                and " " not in head
                and is_cj_pair(head, lines[1])
                and width(head) + 4 <= self.lone_width
            ):
                # The seed's first word in Chinese or Japanese is the text up to the first
                # space (its first character alone where there is none): a space followed it.
                # (Not a line as wide as the page: a run too long for a line, cut where it
                # filled one.) In the training corpus's seed style: +431 paragraphs, none lost.
                if self.explain:
                    notes.append(Note("first-word-spaced", numbers[1]))
                text = head + " " + text[len(head) :]
        # (A paragraph's level 1: it goes on the list item before it, ``list-item-paragraph``.)
        level = self.quote_level if kind is _K_QUOTE else 1 if self.item_paragraph else 0
        text = self._without_empty_images(text, first, notes)
        if (
            self.repair
            and (len(lines) > 1 or self.para_raw_last != text)
            and not is_clean(text)  # ftfy leaves that as it is
        ):
            # Mojibake cut by a line end ("Ã" | "a") is only visible once the lines are
            # joined, and "Ã<tab>" only once blanks are tidied ("Ã " is "à" with its no-break
            # space lost); repairing the text as written makes a second run find nothing.
            if "\n" in text:
                # Kept hard breaks (never in clean text): a second run reads and repairs each
                # of their lines as a line ("Ã" + "g\\" written "Ã g\\" read back "à g\\").
                repaired = "\n".join([repair_text(part) for part in text.split("\n")])
            else:
                repaired = repair_line(text)  # (``repair_text``, whose first test was made)
            if repaired != text:
                if self.explain:
                    notes.append(Note("repair-joined", first))
                return Block(kind, repaired, first, last, level, None, tuple(notes), text)
        return _block(kind, text, first, last, level, tuple(notes))

    def _is_short_line_block(self, para: list[str], widths: list[int]) -> bool:
        """In blank-line separated text: a block whose every line ended with room to spare."""
        if len(para) < 2 or len(widths) != len(para):
            return False
        if not self.blank_separated or not self.wrapped:
            return False
        last = para[-1]
        if last.rstrip(": ").endswith(("Credit", "Credits")) and fur.ends_with_credit_keyword(last):
            # A caption whose "Credit" goes to the credit line after it (classify's rule
            # caption-credit-keyword): as lines, its last kept the word, and read back alone it
            # gave it up. ("Photo", "Image" stay in a caption: "Enlarge Image" may be a line.)
            return False
        for index in range(len(para) - 1):
            line, nxt = para[index], para[index + 1]
            # (A sentence runs on in lower case, after an opening quote too: "… goes to
            # 'main' or" / "'maint'." is no verse.)
            if nxt.lstrip(_OPENING)[:1].islower() or line.endswith(("-", ",")):
                return False
            if (
                self.fill
                - (widths[index] + 1 + first_unit_width(nxt, self.hangul_words, self.cj_words))
                <= 0
            ):
                return False
        return True

    def remember(self, line_width: int, text: str) -> None:
        """A prose line's width joins the recent ones, in place of the oldest; not a line of
        one unspaced word (a web address or a path alone), which may pass any measure, nor in
        proportional type a line of code, set in its own type and never wrapped at the text's
        width (a long one made the full lines after it look as if they had stopped early): one
        that ends as code does, or one wider than the text is ever wrapped with a sign of code
        in it. (Asking ``looks_like_code`` of every line cost a tenth of the compiled
        builder's time; these two tests keep all but 21 of the 148 paragraphs it gained.)"""
        if " " not in text and text.isascii():
            return
        if self.proportional and (
            text[-1] in _CODE_LAST
            or (
                line_width > _UNWRAPPED_FILLS * self.fill
                and text.isascii()
                and fur.looks_like_code(text)
            )
        ):
            return
        recent, at = self.recent, self.recent_at
        oldest = recent[at]
        recent[at] = line_width
        self.recent_at = (at + 1) % len(recent)
        if line_width >= self.recent_widest:
            self.recent_widest = line_width
        elif oldest == self.recent_widest:
            self.recent_widest = _widest(recent)

    # -- line shapes ------------------------------------------------------------------------

    def room(self, line: str, next_text: str) -> float:
        """Columns left on ``line`` after the next line's first word was added.

        Monospaced text has one width for the whole document. In proportional type
        a full line holds more or fewer characters, and a page mixes columns of
        several widths, so the measure is the widest of the lines around, less a
        margin for the spread of character widths.
        """
        if line is not self._width_of:
            self._width_of, self._width = line, self.measure(line)
        return self.room_after(self._width, next_text)

    def measure(self, line: str) -> int:
        """``line``'s length as the text was wrapped: display columns, or characters where
        the profile says the writer counted them (``Profile.by_characters``)."""
        if self.by_characters:
            return len(line.rstrip())
        return width(line)

    def _first_unit(self, text: str) -> int:
        """``first_unit_width`` as ``measure`` counts: where characters were counted, a
        word moves up whole (the seed's wrapping breaks only at spaces)."""
        if self.by_characters:
            text = text.lstrip()
            space = text.find(" ")
            return len(text) if space < 0 else space
        return first_unit_width(text, self.hangul_words, self.cj_words)

    def room_after(self, line_width: int, next_text: str) -> float:
        """``room`` for a line whose display width is already known."""
        if next_text is not self._unit_of:
            self._unit_of, self._unit = next_text, self._first_unit(next_text)
        used = line_width + 1 + self._unit
        if not self.proportional:
            return self.fill - used
        if next_text is not self._next_width_of:
            self._next_width_of, self._next_width = next_text, width(next_text)
        capacity = max(self.recent_widest, line_width, self._next_width, self.fill)
        return capacity - used

    def starts_list(self, line: str, text: str) -> bool:
        match = _LIST.match(line)
        if match is None:
            return False
        marker = match.group(2)
        if marker == "o" and match.group(1) == "":
            return False
        if not self.para or self.para_kind is _K_LIST or marker in "•◦▪‣□☆":  # fur.BULLETS
            return True  # these bullets never continue a sentence
        previous = self.para[-1]
        if fur.ends_sentence(previous) or previous.endswith(":") or fur.is_byline(previous):
            return True
        if fur.is_bare_url(previous):
            return True  # the URL under the item before (rule ``item-url``)
        if len(self.para) == 1 and lone_word(previous, self.lone_width):
            return False  # "Am\n12. September": an orphan's rest
        return self.room(self.para_raw_last, text) > 0

    # -- the break decision ---------------------------------------------------------------

    def decide(self, a_raw: str, a: str, b_raw: str, b: str) -> tuple[bool, str]:
        """Whether a paragraph ends between prose lines ``a`` and ``b``; and the rule.

        ``b`` is the current line: ``line_after`` gives the one after it, read only when a
        rule needs it. ``a`` and ``b`` are tidy lines (``_tidy``). What the rules ask of one
        line alone is ``line_facts``; those of ``b`` are kept, as ``b`` is usually the next
        call's ``a``.
        """
        fa = self._facts if a is self._facts_of else -1
        room: float | None = None  # self.room(a_raw, b), once asked
        if self.titles and len(self.para) <= _TITLE_LINES:
            headline = furniture_key(" ".join(self.para))
            if headline in self.titles:
                # The headline ends where the title does ("PEP 8 – Style Guide" / "By …").
                # (In the training corpus's PDFs, 603 such breaks right, 1 wrong; the joins
                # below, 195 right, none wrong.)
                return True, "page-title"
            headline += " " + furniture_key(b)
            for title in self.titles:
                if title.startswith(headline) and title[len(headline) : len(headline) + 1] in (
                    "",
                    " ",
                ):
                    # The headline's lines, in large type, wrapped where the header's line
                    # was not ("PEP 524 – Make os.urandom() blocking on" / "Linux").
                    self.title_joined = True
                    return False, "page-title"
        if (
            b[:2] == "$ "
            and (a[:2] == "$ " or a[-1] == ":")
            and b[2:3].isalnum()
            and _indent(a_raw) == _indent(b_raw)
        ) or (
            a[:2] == "$ "
            and ("a" <= a[2:3] <= "z" or a[2:3] in "./")
            and a[-1] != "\\"
            and a.isascii()
            and "$ " not in a[2:]
            and b[0].isupper()
            and b[-1] in ".:!?"
        ):
            # A command after its shell prompt, under another or under the line that
            # introduces it: never run into that line, however full it is ("… from the same
            # base:" / "$ git checkout topic ;# or …" / "$ git am mailbox"). Nor does the line
            # after a command go on with it where it reads as a sentence of its own ("$ go get
            # example.com/pkg" / "In main.go:"): in the training corpus, 81 lines that open
            # with a capital and end as a sentence or on a colon follow such a command, none
            # goes on from it. (Not any line: reflow's own text wraps a long command, and
            # its rest must read back as the command's. Not a command that ends in a
            # backslash; nor a paragraph that names two commands, "$ vite dev 및 $ vite
            # preview CLI 명령도 …": a second prompt, or text in another script, is prose.)
            return True, "prompt-lines"
        if (
            "0" <= a[-1] <= "9"
            and b[0] not in "#(),.;:"
            and (match := _CLOSING_REFERENCE.search(a)) is not None
            and match.end() == len(a)
        ):
            # An item closed by its reference, after its sentence's end or its credit's
            # parenthesis: whatever comes next opens a block, an item or a label ("…
            # (Colin Ihrig) #28892" / "build:"). Where a PDF lost a list's bullets nothing
            # else tells, and the line runs on to the width as often as not. (In the training
            # corpus, 31 such lines end their block, none goes on: PDFs 16, the seed style
            # 11, text without blank lines 4; the lines under them that go on are the next
            # reference, "#183" / "#234".)
            return True, "reference-ends-item"
        # The common cases first: a full line, then a sentence running on in lower case; or a
        # full line that ends mid-sentence, then anything but furniture or a headline's end.
        # (Every test is a pure function of the lines: the cheap ones come first.)
        if " " in b and " " in a:
            b0, a_last = b[0], a[-1]
            if (
                b0.islower()
                and not _introduces_code(a_raw, a, b_raw, b, self.blank_separated)
                and (room := self.room(a_raw, b)) <= 0
            ):
                return False, "continues"
            if (
                (a_last.isalnum() or a_last in ",;")
                and b0 not in "[|•*-+#>"
                and b[:3].lower() != "by "
                and b[-1] != "]"
                and (room if room is not None else (room := self.room(a_raw, b))) <= 0
            ):
                if fa < 0:
                    fa = line_facts(a)
                # (A timestamp goes to its rule: a subtitle's timing is "full" at its width.)
                if not fa & (CREDIT_KW | TIMESTAMP) and not is_title_case(a):
                    fb = line_facts(b)
                    self._facts_of, self._facts = b, fb
                    if not fb & (SEP | JUNK | MAYBE_PH) and not (
                        self.indent_habit and _indent(b_raw) > _indent(a_raw)
                    ):
                        return False, "continues"
        if (
            self.blank_separated
            and not self.proportional
            # (A word alone on a line inside a paragraph was wrapped too: "… in the reference"
            # / "here:" / a URL too long to share its line.)
            and (" " in a or len(self.para) > 1)
            and self.measure(a_raw) <= _UNWRAPPED_FILLS * self.fill  # longer: "long-line"
            and self.room(a_raw, b) <= 0
            and not (names_image(b) and fur.is_placeholder(b))
            and not (names_image(a) and fur.is_placeholder(a))
            and not fur.ends_with_credit_keyword(a)
            and not ("-->" in a and fur.is_timestamp(a))  # a subtitle's timing, at its width
        ):
            # Where blank lines separate paragraphs, a full line was wrapped: what follows it
            # is the same block, whatever it looks like ("[VIDEO]", "By …", "Photo"), except
            # an image a text browser put there (before it, or a row of them above it, a
            # caption under its images), or the credit after a caption's "Credit".
            # This is also what makes a second run over
            # reflow's own re-wrapped output change nothing.
            return False, "wrapped-line"
        if fa < 0:
            fa = line_facts(a)
        if b is self._facts_of:
            fb = self._facts
        else:
            fb = line_facts(b)
            self._facts_of, self._facts = b, fb
        # Furniture lines stand alone: separators, then junk, placeholders and bylines.
        a_furniture = fa & STANDS_ALONE
        if a_furniture & JUNK and self.orphan_habit and b[0].islower() and " " not in a:
            # Under the seed's habit a junk word alone over a line in lower case is a
            # paragraph's stranded first word ("Related" / "ideas are grouped …", "Comment"
            # / "by @ana posted on …"): only the next line's own furniture counts. (In the
            # training corpus's seed style such breaks were wrong 111 times in 115.)
            a_furniture = 0
        elif (
            a_furniture & PH
            and self.orphan_habit
            and (_CITATIONS.fullmatch(a) is not None or _ALERT.fullmatch(a) is not None)
        ):
            # So is a reference's label alone over its text ("[1]" / "Morris, R. A., …"): in
            # the seed style of the training corpus, 12 of 13 such lines open a paragraph. And
            # a GitHub alert's marker, the first word of its quote ("[!NOTE]" / "Image filters
            # such as …"): in that style, 107 such lines of 107.
            a_furniture = 0
        furniture = a_furniture | fb & STANDS_ALONE
        if furniture:
            if furniture & SEP:
                return True, "separator"
            if furniture & JUNK:
                return True, "junk-line"
            if furniture & PH:
                return True, "placeholder"
            # (Not "by …" in lower case after one word: "Produced" / "by Rick Niles, …",
            # "Photography" / "by …", a credit whose first word stands alone; in the training
            # corpus and dev, 17 such lines go on the word, none stands apart.)
            if not (fb & BY and b[:3] == "by " and " " not in a and not a_furniture):
                return True, "byline"
        b_first = b[0]
        if fa & CREDIT_KW and fur.looks_like_credit(b):
            return True, "caption-credit"
        if (
            fa & ENDS
            and b_first.isupper()
            and not self.blank_separated
            and " " in a
            and " " in b
            and not fb & CREDIT_KW
            and self._credit_ahead()
            and self.room(b_raw, self.line_after()) > 0
        ):
            # A caption under a paragraph that ended on its line's end, where no blank line
            # parts them: a credit that names itself one or two lines on, under a line that
            # stopped short (a caption is set narrower), says where the caption started ("…
            # at the end of the week." / "Volunteers walk home past the old mill" / "in
            # March." / "Photo: …"). (In the training corpus's seed style, PDFs and texts
            # without blank lines, 57 such lines were joined wrongly, 2 rightly. Where blank
            # lines part paragraphs, a caption has its own; and a full line is a paragraph's,
            # "Photo: …" in its sentence: reflow's own output, read back.)
            return True, "caption-over-credit"
        if fa & CREDIT_END and not b_first.islower():
            return True, "caption-end"
        if fa & DATELINE and b_first in "—–-":
            return False, "dateline"
        if a[-1] in "-\u00ad\u2010" and b_first.islower() and a[-2:-1].isalpha():
            # A word split at the line's end ("the north-" / "ern channel"): one paragraph
            # (in the training corpus's decisions of this shape, 23 joins, no break).
            return False, "split-word"
        if (a[-1] == "\u00ad" or a[-1] in LINE_END_HYPHENS) and _soft_hyphen_glyph(a, b, self.para):
            # A word Chromium split at a soft hyphen, printed to PDF: the soft hyphen and the
            # hyphen it shows (U+2010), glued ("plea\u00ad\u2010" / "sant") or, by
            # ``pdftotext -raw``, the hyphen alone on the line between ("plea\u00ad" / "\u2010"
            # / "sant"). One word (rule ``split-word``; joined by ``joining``).
            return False, "split-word"
        if a[-1].isalpha() and _dangles(a):
            # A line cut after a word no clause ends with ("… at the old mill at" /
            # "Kettleby this week.", "… to Resign as Trump’s" / "Ambassador"): one paragraph
            # (in the training corpus's decisions of this shape, 1,050 joins and 1 break; of
            # those the score weighed after a possessive, 36 joins).
            return False, "dangling-word"
        a_one_word = lone_word(a, self.lone_width)
        b_one_word = lone_word(b, self.lone_width)
        lone_opener = a_one_word and self.opened_by_break and len(self.para) == 1
        if (
            (fa | fb) & TIMESTAMP
            and not (fa & TIMESTAMP and b_first.islower())
            and not (
                fb & TIMESTAMP
                and (a[-1] in ":," or (lone_opener and self.orphan_habit and a[0].isdigit()))
            )
        ):
            # A line that only dates the page ("Published June 6, 2020", "Updated 1:39 am EST,
            # …") stands apart, unless the sentence runs on through it ("… no sooner than" /
            # "March 4, 2026" / "and …"), a label names it ("3.13.1:" / "Tuesday, 2024-12-03"),
            # it ends a list of a source's parts ("…, NHKニュース," / "2019年1月25日")
            # or, where the seed's style sets a paragraph's first word alone, a version's
            # number stands over its release date ("2.7.1" / "2010-11-27": in that style of
            # the training corpus, 51 such pairs one row, 2 apart; over any other lone word,
            # "Introduction" / "Published March 19, 2023", a date stood apart 96 times in
            # 102). Over the training corpus's renditions, 2,548 breaks so decided are
            # right, 13 wrong (lists of dates and of shop links).
            return True, "timestamp"
        if len(self.para) == 1 and self.opened_by_break and _drop_capital(a, b_first):
            # One Chinese or Japanese character alone over more of them: a paragraph's first,
            # set apart as a drop capital ("为" / "导航添加动画"); in the training corpus, 3,684
            # such lines run on, 2 stand apart.
            return False, "drop-capital"
        c: str | None = None  # the line after b, read when a rule needs it
        if self.orphan_habit and len(b) == 1:
            c = self.line_after()
            if c and _drop_capital(b, c[0]):
                # The same character seen from the line before: it opens the next block, so
                # the seed's style set a heading or paragraph with no space in it apart
                # ("用法" / "当" / "内容正在加载时…", "Next.js" / "全" / "ユーザは…"), even after a
                # full line. In the training corpus's seed style 3,355 such characters of 3,359
                # open a block; of the 197 the rules after this one joined, 194 did.
                return True, "before-drop-capital"
        if (
            self.orphan_habit
            and " | " in b
            and b_first != "|"
            and " | " not in a
            and not b_first.islower()
            and (c := self.line_after()).count(" | ") == b.count(" | ")
        ):
            # The seed's style writes a table a row a line, its cells parted by " | ": a row
            # with as many cells as the line under it opens a block, after a lone word too
            # ("Schedule" / "Phase | Duration | Description" / "Alpha | 6 months | …"). (In
            # the seed style of the three training folders the rules after this one joined 31
            # such lines, 29 of them wrongly: a sentence that names the "|" operator twice went
            # on. Rows under rows are left to the rules after: kept apart, code's and prose's
            # lines that each name "|" were split, and the score does not judge a table's rows.)
            return True, "table-row-start"
        if (
            len(self.para) == 1
            and not a_one_word
            and not b_one_word
            and a[0].isupper()
            and a[-1].isalnum()
            and b_first.islower()
            and _lower_word(b)
            and not fa & CREDIT_KW
            and not (fur.looks_like_code(b) or fur.looks_like_code(a))
        ):
            # A paragraph's first line, capitalised, cut inside a sentence that runs on in
            # lower case: its opening words set on a line of their own, as a caption's ("A
            # soldier guarding" / "a launcher …"), whatever room was left. (Held out, in the
            # training corpus: 248 of 250 such decisions right. Not before a name that keeps
            # a small letter, "About my6sense" / "my6sense offers …", nor around code.)
            return False, "opening-words"
        if self.orphan_habit and fur.opens_program(b) and not fur.looks_like_code(a):
            # The seed's style keeps code's lines as they were: a line only a program opens
            # with ("const fs = require('node:fs');", "// vite-env.d.ts", "{{ with … }}")
            # under prose or a lone word ("Example" over its code) opens a block. (In the
            # seed style of the three training folders the rules after this one joined 458
            # such lines, 455 of them wrongly: a line of Chinese or Japanese that opens with
            # "{{" or "//", and a label over its template's "{{ message }}", went on.)
            return True, "program-start"
        if (
            self.orphan_habit
            and a_one_word
            and b_one_word
            and is_hangul(a[-1])
            and a.isalpha()
            and b.isascii()
            and (b_first == "<" or _CALL.search(b) is not None)
        ):
            # A Korean word alone over a name written as code, a call or a tag ("레퍼런스" /
            # "useContext(SomeContext)", "문서" / "<KeepAlive>"): a heading of one word over
            # the heading or item the name opens, not a heading of two words. (In the seed
            # style of the Korean training folder, 34 such pairs are two blocks, 3 one; the
            # rules after this one joined 6 of the 34.)
            return True, "name-under-word"
        if (
            self.orphan_habit
            and a_one_word
            and b_one_word
            and _korean_label(b)
            and a[-1] != ":"
            and a[-1] != "："
            and not has_hangul(a)
            and (c := self.line_after())
            and " " not in c
        ):
            # A Korean label alone between a name or a value and one more word ("server.port"
            # / "타입:" / "number", "number" / "기본값:" / "5173"): it opens an item, label and
            # value (``label-value``), and the name over it is a heading or a value of its
            # own. (In the seed style of the Korean training folder, 74 such labels open a
            # block, none goes on the word over it; the rules after this one joined 71.)
            return True, "label-after-name"
        if (
            self.orphan_habit
            and len(self.para) == 1
            and a_one_word
            and b_one_word
            and _korean_label(a)
            and b[-1] != ":"
            and b_first != "<"
            and (c := self.line_after())
            and " " not in c
        ):
            # A Korean label alone, then one word, then another line of one word: the label's
            # value, an item of two words ("타입:" / "boolean" / "기본값:" / "false"), not a
            # label over a block of its own (the seed sets a block's first word alone, so
            # a block that opens with the value has a line of words under it). (In the seed
            # style of the Korean training folder, 102 such pairs are one block, 9 two; the
            # rules after this one broke 70 of the 102.)
            return False, "label-value"
        if self.orphan_habit:
            # Seed style: every paragraph's first word stands alone on its line. Inside a
            # wrapped paragraph a one-word line cannot happen except as its last line, so a
            # lone word opens a paragraph when a longer line follows it; two lone words in a
            # row are a short paragraph or a paragraph's last word followed by the next
            # one's first.
            if (
                len(self.para) == 1
                and self.opened_by_break
                and a[-1].islower()
                and b_first.isupper()
                and fb & ENDS
                and " " in a
                and " " in b
                and not fa & (CREDIT_KW | BY)
                and not fur.looks_like_credit(a)
                and not fur.looks_like_code(a)
            ):
                # A block that opens with several words is no paragraph here (those open
                # with one word alone): a caption set narrower than the text, whose sentence
                # ends on the next line, a name first ("… at the harbour in" / "Port Elsin
                # early on Saturday."). In the seed style of the training corpus, 297 such
                # lines close their sentence, none opens a block.
                return False, "caption-rest"
            if lone_opener:
                if b_one_word and _signed_word(a) and _signed_word(b):
                    # Two lone words written as code are two items of a list
                    # (`Option::unwrap` / `Rc::as_ptr`, `<b>` / `<base>`), not a paragraph's
                    # first words. (In the seed style of the training corpus, 573 such pairs
                    # are two blocks, 28 one.)
                    return True, "one-word-items"
                if b_one_word and not fb & STRICT:
                    c = self.line_after()
                    if (
                        c
                        and (
                            " " in c
                            or (
                                b_first.isupper()
                                and _plain_word(c.rstrip(".!?"))
                                and " " not in _tidy(self.text_ahead(2))
                            )
                        )
                        and not (
                            b[-1] == ":"
                            and a.isascii()
                            and a.isalpha()
                            and b[:-1].isalpha()
                            and fur.looks_like_code(c)
                        )
                    ):
                        # "Keyboard" / "Keyboards" / "are …"; and "Contents" / "Developer" /
                        # "sentiment" / "Developer": a word in lower case alone, with no text
                        # of its own under it, opens no paragraph ("npm" / "will not …" does),
                        # so it is the rest of the capitalised word over it, which opens one.
                        return True, "orphan-paragraph"
                    if (
                        a[0].islower()
                        and b_first.islower()
                        and c[:1].islower()
                        and " " not in c
                        and not fb & ENDS
                    ):
                        # Three words in lower case alone in a row, none with text of its own
                        # under it, are items of a list ("include" / "keep_files" /
                        # "layouts"), not a paragraph's first word over its rest: in the seed
                        # style of the training corpus, 535 such pairs are two blocks, 73 one
                        # ("file" / "descriptors", a list's item of two words).
                        return True, "lower-word-items"
                    # (Two words that introduce the code under them are one paragraph, "For" /
                    # "example:" / "git commit …": in the seed style of the training corpus,
                    # 32 such pairs to 0.)
                if fa & STRICT and is_wide(a[-1]):
                    # A run of Chinese or Japanese that ends a sentence (its "。") is a
                    # sentence, not a first word. (A Latin word that ends one, "II." over
                    # "Papa se fâche.", "_Viat_." over its speech, opens the text after it: in
                    # the seed style of the training corpus and dev, 462 such lines to 10.)
                    return True, "orphan-paragraph"
                if is_wide(a[-1]) and fur.is_keyword_credit(b):
                    # A caption with no space in it over its credit ("雨の中で開かれた朝市の様子"
                    # / "写真：高橋 美咲"): no first word of the credit's line. (In the seed
                    # style of the training corpus, 186 such lines joined, all wrongly.)
                    return True, "credit-under-caption"
                return False, "orphan-opener"
            if b_one_word:
                if fb & STRICT:
                    if not fa & ENDS and (
                        (room if room is not None else (room := self.room(a_raw, b))) <= 0
                        or self._ends_a_clause(a_raw, a, b)
                    ):
                        return False, "orphan-closer"
                else:
                    c = self.line_after()
                    if (
                        c
                        and b[-1] in ":："
                        and not fa & ENDS
                        and (room if room is not None else (room := self.room(a_raw, b))) <= 0
                        and fur.looks_like_code(c)
                    ):
                        # A full line's last word, which introduces the code under it
                        # ("… will update itself at the end of a normal" / "update:" /
                        # "$ rustup update"). (In the seed style of the training corpus, 248
                        # such words close their paragraph, 6 open one.)
                        return False, "orphan-closer"
                    if (
                        len(self.para) > 1
                        and not fa & ENDS
                        and a[-1] not in ":："
                        and is_cj(a[-1])
                        and is_cj(b_first)
                        and (room if room is not None else (room := self.room(a_raw, b))) <= 0
                        and self.measure(a_raw) <= _UNWRAPPED_FILLS * self.fill
                        and not (c[:1].isascii() and c[:1].isalpha())
                    ):
                        # Chinese or Japanese has no spaces to tell a lone first word from a
                        # line: after a full line inside a paragraph, cut mid-sentence, a run
                        # narrower than the page is that paragraph's next line, stopped short
                        # by its end or by a long word after it ("…サイエンティス" / "トで、…「敵対
                        # 的生成ネッ" / "トワーク…"). Not over a Latin word: the seed sets a
                        # paragraph's text up to its first space alone ("考虑使用" /
                        # "compilationMode: …"). (In the seed style of the training corpus, 82
                        # such lines go on, 3 open a block.)
                        return False, "full-cj-line"
                    if not c or " " in c:
                        return True, "orphan-start"
                    # b and c are lone words: b closes a full line's paragraph, or starts one.
                    # (A capitalised word after a line of code starts one, a heading's first:
                    # `{{ end }}` / `Metadata` / `The`; in the seed style of the training
                    # corpus and dev, 205 such words, none closing the code.) A web address
                    # that did not fit on the line closes its paragraph even after a sentence's
                    # end: with no text of its own under it, it is the sentence's reference
                    # ("… to stop working as expected." / "https://github.com/…/24322" /
                    # "Windows"). (In the seed style of the training corpus and the Go and
                    # Node.js sets, 71 such addresses close a paragraph, 17 stand alone.)
                    if (
                        (room if room is not None else (room := self.room(a_raw, b))) <= 0
                        and fa & STRICT
                        and (b_first == "h" or b_first == "w")
                        and b.startswith(WEB_ADDRESS)
                        and not c.startswith(WEB_ADDRESS)  # (a list of them, after a colon)
                    ):
                        return False, "address-closer"
                    if (
                        room <= 0
                        and not fa & ENDS
                        and not (b_first.isupper() and b.isalpha() and fur.looks_like_code(a))
                    ):
                        return False, "orphan-closer"
                    return True, "orphan-start"
        elif (
            lone_opener
            and not fa & STRICT
            and (
                a.lower().strip(_OPENING) in FUNCTION_WORDS
                or _opens_quotation(a)
                or (
                    b_first.islower()
                    and (
                        ((_capitalised(a) or a[0].isdigit()) and _plain_word(b))
                        or (
                            (
                                (is_wide(a[-1]) and a[-1] not in ":：")
                                or (self.blank_separated and not self.proportional)
                            )
                            and (room if room is not None else (room := self.room(a_raw, b))) <= 0
                        )
                    )
                )
            )
        ):
            # Without the seed's habit, a lone word is a paragraph's first only where it reads
            # as one: a word no heading is ("The", "In", "“We"), or a capitalised word or a number
            # before a sentence's next word ("Alongside" / "the match ergonomics fix, …",
            # "3.14" / "development begins: …"), or a full line of Chinese or Japanese, which
            # has no spaces to tell a word from a line ("… 使用 Hooks" / "useState …"), or a
            # word the next line's first could not follow where blank lines part paragraphs
            # (reflow's own "Email:" / "jane@example.org" at 20 columns). A heading
            # over text that opens with a name in lower case ("Returns" / "prerender returns a
            # Promise", "返り値" / "createElement は …") stands apart: in the training
            # corpus's PDFs and texts without blank lines, such lines joined were wrong 1,300
            # times in 1,400.
            return False, "orphan-opener"
        if b_one_word and not a_one_word and fb & ENDS and not fa & ENDS:
            if not b_first.isupper():
                return False, "orphan-closer"
            # A full line cut mid-sentence, then one word that ends it ("… pretense of the" /
            # "Democrats."): the paragraph's last word, whatever its case. (In the training
            # corpus's decisions of this shape, 105 joins and no break.)
            if (room if room is not None else (room := self.room(a_raw, b))) <= 0:
                return False, "orphan-closer"
            if c is None:
                c = self.line_after()
            if not c or c[:1].islower():
                return False, "orphan-closer"
        if (
            self.wrapped
            and not self.proportional
            and self.measure(a_raw) > _UNWRAPPED_FILLS * self.fill
            # (A line of one unit, a word or a URL, is one no wrapper could break: it says
            # nothing of the line after it.)
            and first_unit_width(a, self.hangul_words, self.cj_words) < width(a)
        ):
            return True, "long-line"
        if (
            len(self.para) == 1
            and (b_first.isupper() or b_first.isdigit())
            and (a[0] == "h" or a[0] == "w")
            and fur.is_bare_url(a)
        ):
            # A URL alone, set apart from the item it names: the item's link, not the first
            # line of the paragraph after it.
            return True, "item-url"
        if (
            self.blank_separated
            and len(self.para) == 1
            and self.opened_by_break
            and (b_first.isupper() or b_first.isdigit())
            and not fa & ENDS
            and fur.is_label_line(a)
            and self._prose_after_label(a_raw, b_raw, b, fb)
        ):
            return True, "label-line"
        if (
            self.blank_separated
            and fa & ENDS
            and (b_first.isupper() or b_first.isdigit())
            and fur.is_label_line(b)
            and (room if room is not None else (room := self.room(a_raw, b))) > 0
        ):
            # A label ("Meal 2") after a sentence that stopped short names what follows it:
            # joined, it would read as that sentence's last words ("… on the side. Meal 2").
            return True, "label-line"
        if room is None:
            room = self.room(a_raw, b)
        if (
            room <= 0
            and self.wrapped
            and not self.proportional
            and not (
                self.blank_separated
                or self.ends_without_blank
                or self.indent_habit
                or self.orphan_habit
            )
            and not _introduces_code(a_raw, a, b_raw, b, self.blank_separated)
        ):
            # Wrapped text that has shown no way of ending a paragraph (no blank lines, no
            # short last lines, no indents, no lone first words: one long paragraph, or
            # reflow's own output re-wrapped): a full line goes on, whatever ends it; but not
            # into a line of code after a colon or a sentence's end.
            return False, "no-paragraph-habit"
        if (
            room <= 0
            and self.indent_habit
            and not self.proportional
            and _indent(b_raw) <= self.base_indent
        ):
            # Where an indent opens every paragraph, a full line followed by a line at the
            # body's margin is one paragraph going on, whatever ends the line (book style;
            # in the training corpus's decisions of this shape, outside PDFs: 13 joins, 1 break).
            return False, "unindented-line"
        if (
            self.proportional
            and self.fill >= 70
            and a[-1].islower()
            and self.fill <= width(a_raw) >= 4 * room
            and "   " not in a_raw.strip()  # (not a grid's row, spaced out by -layout)
            and not is_title_case(a)  # (a headline as wide as the text under it)
            and not (fur.looks_like_code(a) or fur.looks_like_code(b))
        ):
            # In proportional type, a line as wide as the fill and near the widest around it,
            # cut after a word in lower case, is a sentence going on ("… of Fox News. When I
            # asked" / "Fox's director of IT …"): the learned score, reading room against a
            # fill measured from narrower columns, broke there. At a page's measure (70
            # columns or more), not a headline, not code, these breaks were wrong 74 times in
            # 80 in the training corpus, 9 in 9 on postlight's whole pages. Narrower, the text
            # is mostly a page of mixed columns without blank lines (seed style, a text
            # browser's page, code beside prose), where they were right 47 times in 70: there
            # the score decides.
            return False, "full-proportional-line"
        if (
            room <= 0
            and self.wrapped
            and not (self.orphan_habit or self.proportional)
            and sentence_then_capital_no_blanks(
                fa & STRICT != 0,
                b_first,
                self.blank_separated,
                self.ends_without_blank,
                self.indent_habit,
            )
            and not refers_back(b)
        ):
            # Without blank lines, a full line that ends a sentence before a capital ends its
            # paragraph about half the time, and nothing in the lines tells which: held out,
            # breaking at every one cost less than any score fitted (docs/learned-breaks.md).
            # A sentence that opens by pointing back at the last ("It", "However,") goes on
            # its paragraph more often: the score weighs those (``next-refers-back``).
            return True, "full-sentence-end"
        if (
            self.orphan_habit
            and " " in a
            and " " in b
            and (not fa & ENDS or len(a_raw.rstrip()) + 1 + b.find(" ") >= self.char_fill)
            and b_first not in _WIDE_LINE_OPENERS
            and has_wide(a)
            and has_wide(b)
            and " | " not in b
            and not fur.looks_like_code(b)
            and not fur.opens_program(b)
        ):
            # Under the seed's habit a paragraph opens with its first word alone, so a line of
            # words in a wide script under another goes on its paragraph, whatever room the
            # first left: the seed counts a wide character as one (as a Latin letter) where
            # reflow measures two, so room and the learned score misjudge such lines ("…
            # SolidStart가 있듯이, React도" / "기본적으로 라우팅을 …"). After a sentence's
            # end only where the next word would not have fitted in characters: text without
            # blank lines that only looked like the seed's (w3m's, wrapped in columns) ends a
            # paragraph so (in the Korean training folder's, 26 such lines of 30 stopped short
            # so, none of the seed's 115). Not a quotation set apart, a tag, a table's row or
            # code. (In the seed style of the three training folders, the rules after this one
            # decided 709 such pairs otherwise, 706 of them wrongly.)
            return False, "seed-wide-runs-on"
        if (
            room <= 0
            and self.orphan_habit
            and fa & STRICT
            and b_first.isalpha()
            and " " in b
            and has_wide(b)
            and not fur.looks_like_code(b)
        ):
            # Under the seed's habit a paragraph opens with its first word alone, so a line of
            # words in a wide script after a full one goes on the paragraph, though the full
            # line ended a sentence ("… 다르기 때문입니다." / "트랜스파일링은 파일 단위로 …"): the
            # learned score, weighing room in type it took for proportional, broke there. (In
            # the seed style of the training corpus and of Korean documentation rendered so,
            # 262 such breaks were wrong, 2 right; joins of this shape were right 156 times in
            # 164.)
            return False, "seed-wide-line"
        if (
            self.paged
            and b_first.isupper()
            and a[-1] != ","
            and a[-1] != ";"
            # (Not Chinese or Japanese running on into a Latin word: "…この新しい" / "API は …".)
            and not is_wide(a[-1])
            and room > _SET_IN_ROOM
            and _indent(a_raw) == _indent(b_raw) > self.base_indent
        ):
            # In pages (pdftotext -layout), lines set in past the prose are a list whose
            # bullets the PDF drew as shapes: one that stopped short of the next line's first
            # word, a capital, ends its item ("… such as fonts and images" / "A source map,
            # …"). The score, taking the blank lines between paragraphs for the only way one
            # ends, joined such lines: in the training corpus's PDFs, 227 of those joins were
            # wrong, 10 right (after a comma, 14 right and 6 wrong: not there; nor after a
            # wide character). All the breaks this rule makes there: 1,461 right, 28 wrong (a
            # name or a sentence of an item's cut before a capital).
            return True, "set-in-item"
        if (
            self.raw_pages
            and self.blank_separated
            and (b_first.isupper() or b_first.isdigit())
            and a[-1] != ","
            and a[-1] != ";"
            and room >= _STOPPED_SHORT * self.fill
        ):
            # pdftotext's own text (pages, no margin: not ``-layout``) parts paragraphs by
            # blank lines, but not a list's items whose bullets the PDF drew, nor the lines of
            # a table of dates: a line that stopped well short of the width before a capital
            # or a digit ends its block ("3.14.0 alpha 3: Tuesday, 2024-12-17" / "3.14.0
            # alpha 4: …"). The score, taking the blank lines for the only way a paragraph
            # ends, joined such lines: in the training corpus's PDFs, 134 of those joins were
            # wrong, 2 right. (In ``-layout``'s text the same shape is verse as often.)
            return True, "stopped-short"
        if (
            self.proportional
            and self.joiner.hangul_split_anywhere
            and is_hangul(a[-1])
            and is_hangul(b_first)
            and self._hangul_full(a_raw, b, room)
        ):
            if hangul.score(self.joiner._hangul_values(a, b), hangul.model()) <= 0:
                # Korean printed to PDF is cut between any two syllables: a line that fills
                # the measure, cut where the syllable model reads no space, is inside a word,
                # so the paragraph goes on ("… 직접 소스 코" / "드로 매핑되는 …"). Hangul's
                # wide glyphs make the proportional measure uneven, and the score broke at 361
                # such lines. (In Korean printed to PDF, train-data-kopdf's 80 pages in both
                # renditions, this rule's joins are right 521 times in 526.)
                return False, "hangul-cut-word"
            if self.paged and _indent(a_raw) <= self.base_indent and "   " not in a:
                # The same line cut where the syllable model reads a space (between two words) goes
                # on too: a line of Korean that fills the measure and ends in a syllable, no
                # sentence's end nor a mark, has more of its sentence under it ("… JavaScript 소스"
                # / "코드로 변환하는 …"). The score broke there, reading room that the uneven
                # proportional measure leaves. (In train-data-kopdf's 80 pages: in pdftotext's text
                # 126 breaks made joins rightly, 3 wrongly, a list's item of one line over the next;
                # in ``-layout``'s, 81 to 1, with lines set in past the body, a table's or a list's,
                # and lines with a column's gap in them left to the score, which broke 7 of those
                # rightly, 17 wrongly. Only in pages: in w3m's Korean without blank lines, reactko's
                # f_noblank, it cost 8 paragraphs.)
                return False, "hangul-full-line"
        a_last = a[-1]
        # The rest is weighed: the named features of ``breaks``, with their fitted weights.
        values = self._values
        write_features(
            values,
            a_raw,
            a,
            b_raw,
            b,
            fa & ENDS != 0,
            fa & STRICT != 0,
            a_last.isalnum() and not b_first.islower() and is_title_case(a),
            room,
            self.fill,
            self.wrapped,
            self.proportional,
            self.blank_separated,
            self.ends_without_blank,
            self.indent_habit,
            self.base_indent,
            self.orphan_habit,
            len(self.para),
            self.by_characters,
        )
        if _breaks.recording is not None:
            _breaks.recording.append((self.para_numbers[-1], self.number, list(values)))
        weighed = score(values)
        if weighed >= 0.0 and self.explain:
            return True, f"signals({_breaks.strongest(values)})"
        return weighed >= 0.0, "signals"

    def _hangul_full(self, a_raw: str, b: str, room: float) -> bool:
        """Line ``a_raw`` fills ``PROPORTIONAL_FULL_SHARE`` of the measure ``room`` was judged
        on (the room left after ``b``'s first unit, and that unit, are the rest of it): as a
        line of Korean printed to PDF does when it was cut (rules ``hangul-cut-word``,
        ``hangul-full-line``). (In train-data-kopdf's PDFs, where the syllable model reads no
        space at the cut, the score's breaks below that share are right 161 times in 232, and
        left to it.)"""
        line_width = width(a_raw)
        used = line_width + 1 + first_unit_width(b, self.hangul_words, self.cj_words)
        return line_width >= PROPORTIONAL_FULL_SHARE * (room + used)

    def _ends_a_clause(self, a_raw: str, a: str, b: str) -> bool:
        """Under the seed's habit, whether the lone word ``b`` that ends a sentence is the last
        word of the clause ``a`` cut, whatever room was left: ``a`` half a line at least, its
        last word in lower case or a comma after it, and ``b`` a word, not an abbreviation
        ("U.S.", "E.g.") or a quotation. A caption wrapped narrower than the text ends so
        ("… at Saltcombe on" / "Tuesday."). (In the seed style of the training corpus and
        dev, with room left: 101 such lines close their sentence, 5 open a paragraph.)"""
        last = a[-1]
        return (
            (last.islower() or last == ",")
            and b[0].isalpha()
            and 2 * self.measure(a_raw) >= self.fill
            and "." not in b.rstrip('.!?"”’)')
        )

    def _prose_after_label(self, a_raw: str, b_raw: str, b: str, fb: int) -> bool:
        """Whether a short line ``a`` (``furniture.is_label_line``), its block's first, stands
        apart from the line ``b`` after it: ``a`` stopped with room for ``b``'s first word, and
        ``b`` is prose (a full line, or a long one that ends a sentence), not the next line
        of an address or a verse (rule ``label-line``)."""
        if self.room(a_raw, b) <= 0 or " " not in b:
            return False
        b_width = self.measure(b_raw)
        if fb & STRICT and b_width >= LABEL_PROSE_SHARE * self.fill:
            return True
        c = self.line_after()
        return bool(c) and self.room_after(b_width, c) <= 0

    # -- the main loop --------------------------------------------------------------------

    def run(self, lines: Iterable[str]) -> Iterator[Block]:
        """Consume ``lines`` (with a two-line look-ahead) and yield blocks."""
        it = self.lines = iter(lines)
        ahead, out = self.ahead, self.out
        self.fast = FAST_PATHS
        while True:
            if ahead:
                raw = ahead.popleft()
            else:
                raw = next(it, None)  # type: ignore[assignment]
                if raw is None:
                    break
                if raw is PAUSE:
                    continue
            self.take(raw)
            if out:
                self.last_block = out[-1]
                yield from out
                out.clear()
        self.flush()
        if self.notes:  # notes on lines that made no block (a page of furniture only)
            out.append(_block(_K_JUNK, "", self.number, self.number, 0, tuple(self.notes)))
            self.notes = []
        yield from out
        out.clear()

    def peek(self, k: int) -> str:
        """The ``k``-th line after the current one, or "" past the end."""
        ahead = self.ahead
        while len(ahead) < k:
            line = next(self.lines, None)
            if line is None:
                return ""
            if line is not PAUSE:
                ahead.append(line)
        if self.peek_level:
            # Inside a quote: the line without its markers, or "" (a block's end) when it is
            # not at the quote's level.
            return _unquoted(ahead[k - 1], self.peek_level)
        return ahead[k - 1]

    def text_ahead(self, k: int) -> str:
        """The ``k``-th line of text after the current one, or "" past the end: the page
        furniture taken out before the builder (running headers and footers, form feeds and
        the blank lines that pad them) is not counted. A paragraph a page cut goes on over
        it (``take`` skips it), so a rule that reads ahead must read past it too: read as a
        blank line, the page number under "Once" (the seed's lone first word) hid "you have
        captured …" and the word was joined to the one over it."""
        seen = 0
        at = 0
        while True:
            at += 1
            line = self.peek(at)
            if line in MARKERS:  # (page furniture taken out; ``peek`` never gives a pause)
                continue
            seen += 1
            if seen == k:
                return line

    def line_after(self) -> str:
        """The line of text after the current one, tidy (``text_ahead``)."""
        return _tidy(self.text_ahead(1))

    def _credit_ahead(self) -> bool:
        """A credit that names itself (``Photo: …``) is one of the two lines after the current
        one, with no blank line before it."""
        for k in (1, 2):
            line = self.peek(k)
            if not line.strip():
                return False
            if fur.is_keyword_credit(line):
                return True
        return False

    def take(self, raw: str) -> None:
        """The next input line: it continues the open block or ends it (blocks go to ``out``)."""
        self.number += 1
        number = self.number
        if self.quoted_printable and raw[-1:] == "=":
            raw = self._soft_breaks(raw, number)
        # The open paragraph's lists: the same objects for the builder's life.
        para, numbers, widths = self.para, self.para_numbers, self.para_widths
        if (
            raw
            and raw[0].islower()
            and self.fast
            and para
            and self.para_kind is _K_PARAGRAPH
            and len(para) < MAX_BLOCK_LINES
        ):
            # The hot path: inside a paragraph, a line that starts in lower case (so no
            # indent, no structure) and continues a full line: most lines of running text.
            # It is the general path below, for the lines it takes, step by step: the
            # tidy text, a shape that can only be prose, then the "continues" case.
            text = stripped = raw.rstrip()
            if "  " in text or "\t" in text or "\u00a0" in text:
                text = _SPACES.sub(" ", text)
            if (
                " " in text  # so text[1] is there: text[0] is no blank
                and text[1] != ")"
                and (text[1] != " " or text[0] != "o")
                and " " in para[-1]
                and not "0" <= para[-1][-1] <= "9"  # (rule ``reference-ends-item`` asks)
                and not _introduces_code(
                    self.para_raw_last, para[-1], raw, text, self.blank_separated
                )
            ):
                # ``room_after(widths[-1], text) <= 0``, with what is known of the line.
                if stripped.isascii():
                    line_width, unit, text_width = len(stripped), text.find(" "), len(text)
                else:
                    line_width = self.measure(stripped)
                    unit = self._first_unit(text)
                    text_width = line_width if text is stripped else self.measure(text)
                used = widths[-1] + 1 + unit
                if self.proportional:
                    # The measure is the widest of the recent lines, this one and the fill
                    # (the last line's width is below ``used`` already).
                    full = self.fill <= used and text_width <= used and self.recent_widest <= used
                else:
                    full = self.fill <= used
                # A run of blanks: the general path asks for a table in columns before it
                # joins (``ps aux``'s rows start in lower case, after a full row).
                if (
                    full
                    and text is not stripped
                    and "  " in stripped
                    and self._column_table(raw, number)
                ):
                    self.previous_blank = False
                    return
                if full:
                    self.opened_by_break = False
                    para.append(text)
                    numbers.append(number)
                    widths.append(line_width)
                    self.remember(line_width, text)
                    self.para_raw_last = raw
                    self.previous_blank = False
                    return
            # Not taken: ``text`` is what ``_tidy`` makes of ``raw`` (it has no indent).
        else:
            if raw == PAGE_BREAK:
                return
            if raw == FURNITURE:
                if self.explain:
                    self.notes.append(Note("page-furniture-removed", number))
                return
            if raw == PADDING:
                return
            if raw == RUNNING_FURNITURE:
                if self.explain:
                    self.notes.append(Note("page-furniture-removed", number, "running-header"))
                return
            fence = self.fence
            if fence:
                para.append(raw)
                numbers.append(number)
                if raw.strip().startswith(fence) and not raw.strip().strip(fence[0]):
                    self.flush()
                    self.fence = ""
                return
            text = stripped = raw.strip()  # _tidy(raw), in line
            if "  " in text or "\t" in text or "\u00a0" in text:
                text = _SPACES.sub(" ", text)
            if not text:
                if self.para_kind is _K_LIST and para:
                    after = self.peek(1)
                    if after.strip() and _LIST.match(after):
                        # A loose list (blank lines between items) stays one list, so its
                        # items keep their nesting, as when reflow reads its own output.
                        self.previous_blank = True
                        return
                if para:
                    self.flush()
                self.previous_blank = True
                self.opened_by_break = True
                self.quote_opened = True
                return
        was_blank = self.previous_blank
        self.previous_blank = False
        # Set apart from the prose: a table in columns; indented commands, code or verse; a
        # mail's signature and its closing.
        first = text[0]
        # A patch: its file header, then hunks as long as their headers count.
        if (
            (first == "d" or first == "-" or first == "I" or first == "@")
            and text.startswith(_DIFF_STARTS)
            and self._unified_diff(raw, number)
        ):
            return
        if "|" in text and first != "|" and self._diffstat(raw, text, number):
            return
        if first == "-" and text[1:2] == "-" and self._mime_part(raw, text, number):
            return
        # Tables and rules that a text browser or converter drew: box-drawing characters,
        # pandoc's dash rules and grids, lynx's underscores.
        if first in _DRAWN_FIRST and self._drawn(raw, text, number):
            return
        # (``stripped`` is ``raw`` without its outer blanks: tidying replaced it only where it
        # had a run of blanks, or a tab or a no-break space.)
        if (
            text is not stripped
            and "  " in stripped
            and (self._column_table(raw, number) or self._spaced_title(stripped, number))
        ):
            return
        # (Before indented blocks: a header block quoted in a mail is indented.)
        if (
            was_blank
            and not para
            and "A" <= first <= "Z"
            and _HEADER_FIELD.match(text) is not None
            and self._mail_headers(raw, number)
        ):
            return
        if (
            was_blank
            and not para
            and (raw[0] == " " or raw[0] == "\t")
            and _indent(raw) >= INDENT_STEP
            and self._indented_block(raw, number)
        ):
            return
        if (
            was_blank
            and not para
            and (raw[0] == " " or raw[0] == "\t")
            and self._shallow_code(raw, number)
        ):
            return
        if (
            was_blank
            and not para
            and self.base_indent >= 2
            and _indent(raw) < self.base_indent
            # after the body's prose, or another such block (or a table kept as written)
            and (
                _indent(self.para_raw_last) == self.base_indent
                or (
                    self.last_block is not None
                    and (self.last_block.kind is _K_CODE or self.last_block.kind is _K_TABLE)
                )
            )
            and self._outdented_code(raw, number)
        ):
            return
        if was_blank and not para and fur.is_graph_line(text) and self._drawn_graph(raw, number):
            return
        if (
            (first == "-" or first == "\\")
            and fur.is_signature_separator(raw)
            and self._signature(number)
        ):
            return
        last = text[-1]
        if (last == "," or last == "!") and fur.is_mail_closing(text) and self._closing(text):
            return
        if first == "[" and fur.is_reference_definition(text):
            self._reference_definitions(text, number)
            return
        # Most lines start with a letter and are prose: ``shape`` only for the others.
        second = text[1:2]
        if first.isalpha() and second != ")" and (second != " " or first != "o"):
            shape = _K_PARAGRAPH
        else:
            shape = self.shape(raw, text, was_blank)
        out = self.out
        if shape is not _K_PARAGRAPH:
            if shape is _K_CODE:  # an opening fence
                if para:
                    self.flush()
                self.fence = _FENCE.match(raw).group(1)  # type: ignore[union-attr]
                self.para_kind = _K_CODE
                para.append(raw.rstrip())
                numbers.append(number)
            elif shape is _K_HEADING:
                if para:
                    self.flush()
                match = _ATX.match(raw)
                level = len(match.group(1)) if match else 1
                title = text.lstrip("#").strip().rstrip("#").strip() if match else text
                out.append(_block(_K_HEADING, title, number, number, level, ()))
                self.opened_by_break = True
            elif shape is _K_RULE:
                if para:
                    self.flush()
                out.append(_block(_K_RULE, text, number, number, 0, ()))
                self.opened_by_break = True
            elif shape is _K_QUOTE:
                level, inner = _quote_level(text)
                if para and (self.para_kind is not _K_QUOTE or self.quote_level != level):
                    self.flush()
                if not inner:
                    if para:
                        self.flush()
                    self.quote_opened = True
                    return
                opened, self.quote_opened = self.quote_opened, False
                if self._quoted_structure(raw, level, opened, number):
                    return
                if (
                    inner[0] == "*"
                    and fur.is_alert_label(inner)
                    and _unquoted(self.peek(1), level).strip()
                ):
                    # An alert's label ("> **Note**", "> **💡 Tip**") over its text stays the
                    # quote's first line: a hard break after it, as reflow writes it.
                    if para:
                        self.flush()
                    if self.explain:
                        self.notes.append(Note("alert-label", number))
                    inner += "\\"
                self.para_kind, self.quote_level = _K_QUOTE, level
                para.append(inner)
                numbers.append(number)
                self.para_raw_last = raw
            elif shape is _K_LIST:
                if para and self.para_kind is not _K_LIST:
                    self.flush()
                self.item_loose = was_blank or not para
                self.para_kind = _K_LIST
                para.append(raw.rstrip())
                numbers.append(number)
                self.para_raw_last = raw
            else:  # a table row
                if para and self.para_kind is not _K_TABLE:
                    self.flush()
                self.para_kind = _K_TABLE
                para.append(raw.rstrip())
                numbers.append(number)
            return
        if (
            not para
            and len(text) < 120
            and _SETEXT.match(nxt := self.peek(1))
            and any(c.isalnum() for c in text)  # "-" over "-" is two empty items
            # A line that ends in an address is a mail's trailer ("Signed-off-by: A <a@b>"
            # over git's "---"), no heading.
            and not (text[-1] == ">" and "@" in text)
        ):
            self.ahead.popleft()
            self.number = number = number + 1
            level = 1 if nxt.strip()[0] == "=" else 2
            out.append(_block(_K_HEADING, text, number - 1, number, level, ()))
            self.previous_blank = False
            self.opened_by_break = True
            return
        # Prose. Images a text browser left at the start of a line stand apart from it.
        if first == "[" and (leading := _leading_placeholders(text)) is not None:
            if para:
                self.flush()
            out.append(_block(_K_JUNK, leading.group(1).rstrip(), number, number, 0, ()))
            text = text[leading.end() :]
            self.opened_by_break = True
        # Decide whether it continues the open block.
        if para:
            kind = self.para_kind
            if kind is _K_LIST:
                if self.continues_item(raw, text):
                    para[-1] = self.joiner.append(para[-1], text, number, None)
                    self.para_raw_last = raw
                    return
                self.flush()
            elif kind is not _K_PARAGRAPH:
                self.flush()
        if para:
            a = para[-1]
            if (
                self.fast
                and len(para) < MAX_BLOCK_LINES
                and text[0].islower()
                and not "0" <= a[-1] <= "9"  # (rule ``reference-ends-item`` asks)
                and " " in text
                and " " in a
                and not _introduces_code(self.para_raw_last, a, raw, text, self.blank_separated)
                and self.room_after(widths[-1], text) <= 0
            ):
                # The common case, kept lean: a full line, then the sentence running on.
                self.opened_by_break = False
                line_width = self.measure(raw)
                para.append(text)
                numbers.append(number)
                widths.append(line_width)
                self.remember(line_width, text)
                self.para_raw_last = raw
                return
            if a[-1] == "\\" and a[-2:] != "\\\\":
                # A Markdown hard break (reflow's own verse, read back): the line goes on.
                breaks, rule = False, "hard-break"
            else:
                breaks, rule = self.decide(self.para_raw_last, a, raw, text)
                if _breaks.rule_log is not None:
                    _breaks.rule_log.append((self.para_numbers[-1], number, rule, breaks))
            if breaks or len(para) >= MAX_BLOCK_LINES:
                if self.explain and (rule != "signals" or not self.wrapped):
                    self.notes.append(Note(f"break:{rule}", number))
                self.flush()
                self.opened_by_break = True
            elif rule not in ("signals", "continues"):
                if self.explain:
                    self.notes.append(Note(rule, number))
                self.opened_by_break = False
            else:
                self.opened_by_break = False
        else:
            self.opened_by_break = True
        if not para:
            self.para_kind = _K_PARAGRAPH
            if (
                was_blank
                and (raw[0] == " " or raw[0] == "\t")
                and self.item_column > 0
                and not self.out
                and _indent(raw) == self.item_column
                and (previous := self.last_block) is not None
                and (
                    previous.kind is _K_LIST
                    or (previous.kind is _K_PARAGRAPH and previous.level == 1)
                )
            ):
                # A list item's next paragraph, set in to the item's text after a blank line:
                # still a paragraph (classify types it), written inside the item (rule
                # ``list-item-paragraph``).
                if self.explain:
                    self.notes.append(Note("list-item-paragraph", number))
                self.item_paragraph = True
        line_width = len(raw.rstrip()) if raw.isascii() else self.measure(raw)
        para.append(text)
        numbers.append(number)
        widths.append(line_width)
        self.remember(line_width, text)
        self.para_raw_last = raw

    def _quoted_structure(self, raw: str, level: int, opened: bool, number: int) -> bool:
        """Inside a quote, the rules that keep lines (``indented-code``, ``signature``,
        ``mail-closing``) read the quote's lines without their markers, as they read unquoted
        lines; a block they make becomes a quote of ``level`` that keeps its lines. True when
        one was made."""
        inner = _unquoted(raw, level)
        if not inner:
            return False
        text = _tidy(inner)
        first, last = text[0], text[-1]
        if not (
            (opened and (inner[0] == " " or inner[0] == "\t") and _indent(inner) >= INDENT_STEP)
            or first == "-"
            or first == "\\"
            or first == "d"
            or first == "@"
            or last == ","
            or last == "!"
        ):
            return False  # (most quoted lines: none of the rules can apply)
        made = len(self.out)
        self.quote_level = level  # (``flush`` writes the open quote paragraph at its level)
        self.peek_level = level
        try:
            kept = (
                (text.startswith(_DIFF_STARTS) and self._unified_diff(inner, number))
                or (
                    opened and _indent(inner) >= INDENT_STEP and self._indented_block(inner, number)
                )
                or (fur.is_signature_separator(inner) and self._signature(number))
                or (
                    (last == "," or last == "!")
                    and fur.is_mail_closing(text)
                    and self._closing(text)
                )
            )
        finally:
            self.peek_level = 0
        if not kept:
            return False
        block = self.out[-1]  # (the rule's block: what ``flush`` wrote comes before it)
        if len(self.out) > made:
            self.out[-1] = make_block(
                _K_QUOTE, block.text, block.first_line, block.last_line, level, None, block.notes
            )
        return True

    def _take_ahead(self, count: int) -> None:
        """The ``count`` lines read ahead after the current one are used: skip them."""
        for _ in range(count):
            self.ahead.popleft()
        self.number += count

    def _indented_block(self, raw: str, number: int) -> bool:
        """An indented block between blank lines, set apart from the prose: commands or code
        (most lines show it, none reads as a sentence) are kept as code, lines that each stop
        early (verse, an address) as verse. True when the block was made (rule
        ``indented-code`` or ``indented-verse``).
        """
        # Past the prose's indent: the body's, or the last paragraph's where that is less (a
        # document with few wrapped lines may learn its "body" indent from such a block).
        deepest = min(self.base_indent, _indent(self.para_raw_last)) + INDENT_STEP
        if _indent(raw) < deepest or _LIST.match(raw) or raw.lstrip()[:1] in ">|+":
            return False
        rows = [raw.rstrip()]
        while True:
            nxt = self.peek(len(rows))
            if not nxt.strip() or nxt in MARKERS:
                break  # the block ends at a blank line (or a page's end, or the input's)
            if _indent(nxt) < deepest or len(rows) >= MAX_INDENTED_LINES:
                return False
            rows.append(nxt.rstrip())
        stripped = [row.strip() for row in rows]
        if any(line[0] == "[" or _LIST.match(line) for line in stripped):
            return False  # images and widgets a text browser set apart, lists
        # After a paragraph of prose (for verse, one that ends a sentence or with the colon
        # that introduces it): in a web page's menus and link lists, indented short lines are
        # neither.
        before = self.para_raw_last
        # (The whole paragraph, not only its last line: where a paragraph ends is the wrap
        # width's doing, and reflow's own re-wrapping must read back as itself.)
        previous = self.last_block
        # (Words, not the line's blanks: reflow writes the line back without its indent.)
        label = _tidy(before)
        after_prose = label.count(" ") >= 4 or (
            previous is not None
            and previous.kind is _K_PARAGRAPH
            and previous.text.count(" ") >= 4
            and previous.text.endswith(_tidy(before))
        )
        # Verse goes by a list item's whole text too: reflow's text output sets the verse in
        # at the column of the item's wrapped text, and reads it back so.
        after_item = (
            not after_prose
            and previous is not None
            and previous.kind is _K_LIST
            and previous.text.count(" ") >= 5
            and previous.text.endswith(_tidy(before))
        )
        common = min([_indent(row) for row in rows])
        codes = sum([1 for line in stripped if fur.looks_like_code(line)])
        # Right after a code block (a blank line between), a block that shows code at all goes
        # on with it: pandoc and w3m set a <pre>'s own blank lines apart, and a statement
        # continued over lines ("use A\B," / "    C\D;") shows code on its last line only.
        after_code = (
            previous is not None
            and previous.kind is _K_CODE
            and 0 < number - previous.last_line <= 2
        )
        if (
            (
                2 * codes >= len(rows)
                or _lines_up([row.expandtabs(8) for row in rows])
                or (after_code and codes > 0)
                or _bracketed_body(rows)
            )
            and (len(rows) > 1 or (after_prose and not self.indent_habit) or after_code)
            and not any(fur.looks_like_sentence(line) for line in stripped)
        ):
            kind, rule = _K_CODE, "indented-code"
            rows = [row.expandtabs(8) for row in rows]
            common = min([_indent(row) for row in rows])
            text = "\n".join([" " * INDENT_STEP + row[common:] for row in rows])
        elif (
            len(rows) > 1
            # Not in pages (form feeds: pdftotext's PDF, or an RFC): there an indented run of
            # short lines is a list whose bullets the PDF drew as shapes, each line an item
            # (``pdftotext -layout`` sets it in past the prose). In the training corpus, the
            # lines this rule kept as verse in paged text were 151 such lists, one item a line
            # (764 paragraphs), 2 with an item wrapped, 39 pull quotes, 18 code, no verse (a
            # book's verse is set at the prose's margin; no Internet-Draft had such a block):
            # the break score decides each line instead. (Not by the profile's proportional
            # type alone: a short text may read so, a poem or an address in an essay.)
            and not self.paged
            and (
                # (A label that introduces the lines, a play's "THE MILL GIRLS:", is no menu.)
                (
                    (after_prose or after_item or label[-1:] == ":")
                    and fur.ends_sentence(before.rstrip())
                    and all(line[0].isalnum() or line[0] in _OPENING for line in stripped)
                )
                # Or lines set in by turns, as a poem's rhymes are ("Dear and great Friend!
                # …" / "  You long have held …" / "Have met …"): no prose is set so,
                # wherever it stands.
                or _indents_alternate(rows)
            )
            and max([width(row) for row in rows]) - common <= MAX_VERSE_WIDTH
            and self._stops_early(rows)
        ):
            kind, rule = _K_VERSE, "indented-verse"
            text = "\n".join(
                [" " * (INDENT_STEP + _indent(row) - common) + _tidy(row) for row in rows]
            )
        else:
            return False
        notes = (Note(rule, number, f"{len(rows)} lines"),) if self.explain else ()
        self.out.append(_block(kind, text, number, number + len(rows) - 1, 0, notes))
        self._take_ahead(len(rows) - 1)
        self.opened_by_break = True
        return True

    def _shallow_code(self, raw: str, number: int) -> bool:
        """Lines set in by less than an indent step (a README's two blanks) between blank
        lines, right under a paragraph that ends in a colon, three in four of them code and
        none a sentence: kept as code at their own indents (rule ``shallow-code``). Read as
        prose, commands ran into each other ("sed … .config sed … .config make"). True
        when made."""
        previous = self.last_block
        if (
            previous is None
            or previous.kind is not _K_PARAGRAPH
            or previous.text[-1:] != ":"
            or number - previous.last_line > 2
        ):
            return False
        shallow = min(self.base_indent, _indent(self.para_raw_last)) + 2
        if _indent(raw) < shallow or _LIST.match(raw):
            return False
        rows = [raw.rstrip()]
        while True:
            nxt = self.peek(len(rows))
            if not nxt.strip() or nxt in MARKERS:
                break
            if _indent(nxt) < shallow or len(rows) >= MAX_SET_APART_LINES:
                return False
            rows.append(nxt.rstrip())
        stripped = [row.strip() for row in rows]
        codes = sum([1 for line in stripped if fur.looks_like_code(line)])
        if (
            len(rows) < 2
            or 4 * codes < 3 * len(rows)
            or any(fur.looks_like_sentence(line) or _LIST.match(line) for line in stripped)
        ):
            return False
        notes = (Note("shallow-code", number, f"{len(rows)} lines"),) if self.explain else ()
        self._keep_as_code([row.expandtabs(8) for row in rows], number, notes)
        return True

    def _outdented_code(self, raw: str, number: int) -> bool:
        """Lines set out left of the body's indent between blank lines, most of them code and
        none a sentence: lynx indents a page's prose by three and sets its preformatted text
        at the margin, where joining it as prose put a statement inside a comment. Kept as
        code (rule ``outdented-code``); True when made."""
        rows = [raw.rstrip()]
        base = self.base_indent
        while True:
            nxt = self.peek(len(rows))
            if not nxt.strip() or nxt in MARKERS:
                break  # the block ends at a blank line (or a page's end, or the input's)
            if _indent(nxt) == base and not fur.looks_like_code(nxt.strip()):
                break  # back at the body's indent: its prose, with no blank line between
            if len(rows) >= MAX_SET_APART_LINES:
                return False
            rows.append(nxt.rstrip())
        if len(rows) < 2:
            return False  # one line at the margin: lynx sets a heading there
        stripped = [row.strip() for row in rows]
        if not fur.looks_like_code(stripped[0]) or any(_LIST.match(line) for line in stripped):
            return False
        # Every line code, or set deeper than the first (a body of code): a PDF's layout
        # puts a call's name at the margin over its description.
        first = _indent(rows[0])
        if not all(
            fur.looks_like_code(line) or _indent(row) > first
            for row, line in zip(rows, stripped, strict=True)
        ) or any(fur.looks_like_sentence(line) for line in stripped):
            return False
        notes = (Note("outdented-code", number, f"{len(rows)} lines"),) if self.explain else ()
        self._keep_as_code([row.expandtabs(8) for row in rows], number, notes)
        return True

    def _unified_diff(self, raw: str, number: int) -> bool:
        """A patch in a mail or a page: a unified diff's file headers (``diff --git``,
        ``Index:``, ``--- a/…`` over ``+++ b/…``) and its hunks, each as long as its ``@@``
        header counts, kept as code (rule ``unified-diff``). Read as prose, its lines were
        joined, and a lone ``-`` or ``+`` (a blank line taken out or put in) went as a
        separator. Lines at the first line's indent or deeper; a blank line in a hunk is
        context whose blank a mailer took off. A reply may quote a hunk alone (its ``@@``
        first) and cut it short: a hunk that stops early at a line of no diff ends the
        block at its last line. True when made (one hunk line at least)."""
        margin = _indent(raw)
        level = self.peek_level
        rows: list[str] = []
        complete = 0  # the rows up to the end of the last whole hunk (or the cut one's end)
        old = new = 0  # the lines the open hunk still has to show
        in_hunk = False  # a hunk is open, whole or not
        header = False  # a "--- " line over a "+++ " one has been read: a hunk may start
        nxt = raw
        while len(rows) < MAX_DIFF_LINES:
            if rows:
                nxt = self.peek(len(rows))
                if nxt in MARKERS or (nxt.strip() and _indent(nxt) < margin):
                    break
                if level and _quote_level(self.ahead[len(rows) - 1])[0] != level:
                    break  # out of the quote (peek gives "" for it, as for a blank line)
            line = nxt[margin:].rstrip("\r\n")
            if line == "-- ":
                break  # the signature under a patch, whatever a miscounted hunk still wants
            if old > 0 or new > 0:
                first = line[:1]
                if first == " " or not line.strip():
                    old, new = old - 1, new - 1
                elif first == "-":
                    old -= 1
                elif first == "+":
                    new -= 1
                elif first != "\\":  # "\ No newline at end of file"
                    break
                if old < 0 or new < 0:
                    break
                rows.append(nxt.rstrip())
                if (old == 0 and new == 0) or line.strip():
                    complete = len(rows)
                continue
            counts = fur.hunk_counts(line)
            if counts is not None and (header or in_hunk or not rows):
                old, new = counts
                in_hunk = True
                rows.append(nxt.rstrip())
                continue
            if line[:1] == "\\" and in_hunk and complete == len(rows):
                rows.append(nxt.rstrip())
                complete = len(rows)
                continue
            if line[:4] == "+++ " and rows and rows[-1][margin:][:4] == "--- ":
                header = True
                rows.append(nxt.rstrip())
                continue
            if line.startswith(_DIFF_HEADERS) or line[:4] == "--- ":
                rows.append(nxt.rstrip())  # the next file's headers, or git's extended ones
                header = in_hunk = False
                continue
            break
        while complete and not rows[complete - 1].strip():
            complete -= 1  # (a blank at the end is context a block cannot show)
        if not complete:
            return False
        notes = (Note("unified-diff", number, f"{complete} lines"),) if self.explain else ()
        self._keep_as_code(rows[:complete], number, notes)
        return True

    def _diffstat(self, raw: str, text: str, number: int) -> bool:
        """A patch's diffstat from this line on: its rows (``path | 12 ++--``), the summary
        (``2 files changed, …``) and the files made or renamed, kept as code (rule
        ``diffstat``); read as prose, a row ran into the next. True when made."""
        if _DIFFSTAT_ROW.match(text) is None:
            return False
        rows = [raw.rstrip()]
        while len(rows) < MAX_TABLE_ROWS and _DIFFSTAT_ROW.match(_tidy(self.peek(len(rows)))):
            rows.append(self.peek(len(rows)).rstrip())
        if _DIFFSTAT_SUMMARY.match(_tidy(self.peek(len(rows)))) is None:
            return False
        rows.append(self.peek(len(rows)).rstrip())
        while len(rows) < MAX_TABLE_ROWS and _DIFFSTAT_AFTER.match(_tidy(self.peek(len(rows)))):
            rows.append(self.peek(len(rows)).rstrip())
        notes = (Note("diffstat", number, f"{len(rows)} lines"),) if self.explain else ()
        self._keep_as_code(rows, number, notes)
        return True

    def _keep_as_code(
        self, rows: list[str], number: int, notes: tuple[Note, ...], taken: int = 0
    ) -> None:
        """``rows`` (the current line and those read ahead after it) as one code block, at
        their common indent, with the rule's ``notes``; ``taken`` input lines (``rows``'s
        count unless given: a folded header field is one row of two lines)."""
        self.flush()
        taken = taken or len(rows)
        margin = min([_indent(row) for row in rows if row.strip()])
        text = "\n".join([" " * INDENT_STEP + row[margin:] if row else "" for row in rows])
        self.out.append(_block(_K_CODE, text, number, number + taken - 1, 0, notes))
        self._take_ahead(taken - 1)
        self.opened_by_break = True

    def _drawn_graph(self, raw: str, number: int) -> bool:
        """A history graph drawn in text between blank lines (commits as ``o---o---M``,
        branches forking with ``/`` and ``\\``): kept as code at its own indents (rule
        ``drawn-graph``). Read as prose, its lines stood apart and a lone ``/`` went as a
        separator. Two lines at least, every one a graph line, one with an edge that forks
        (``/``, ``\\``, ``|``) and one with a run of dashes. True when made."""
        rows = [raw.rstrip()]
        while len(rows) < MAX_SET_APART_LINES:
            nxt = self.peek(len(rows))
            if not nxt.strip() or nxt in MARKERS:
                break
            if not fur.is_graph_line(nxt.strip()):
                return False
            rows.append(nxt.rstrip())
        else:
            return False
        if len(rows) < 2 or any(_TABLE_ROW.match(row) for row in rows):
            return False  # (a grid table's borders and rows are drawn too)
        drawn = "".join(rows)
        if "--" not in drawn or not ("/" in drawn or "\\" in drawn or "|" in drawn):
            return False
        notes = (Note("drawn-graph", number, f"{len(rows)} lines"),) if self.explain else ()
        self._keep_as_code([row.expandtabs(8) for row in rows], number, notes)
        return True

    def _spaced_title(self, stripped: str, number: int) -> bool:
        """A title in a larger type (``furniture.is_spaced_title``), and the lines that go on
        with it: a paragraph of its own, apart from the body that follows it (rule
        ``spaced-title``). True when made."""
        if not fur.is_spaced_title(stripped):
            return False
        if (
            self.para
            and self.wrapped
            and not fur.ends_sentence(self.para[-1])
            and len(stripped) + _indent(self.para_raw_last) >= self.fill - 2
        ):
            # A line of justified text (a man page's), as wide as the lines it goes on from,
            # inside a sentence: no title.
            return False
        rows = [stripped]
        while len(rows) < MAX_SET_APART_LINES:
            nxt = self.peek(len(rows)).strip()
            if not fur.is_spaced_title(nxt, words=2):
                break
            rows.append(nxt)
        self.flush()
        notes = (Note("spaced-title", number, f"{len(rows)} lines"),) if self.explain else ()
        text = " ".join([_tidy(row) for row in rows])
        self.out.append(_block(_K_PARAGRAPH, text, number, number + len(rows) - 1, 0, notes))
        self._take_ahead(len(rows) - 1)
        self.opened_by_break = True
        return True

    def _column_table(self, raw: str, number: int) -> bool:
        """Lines laid out in columns from here on (a table a text browser wrapped inside its
        cells): kept as they are, never joined (rule ``column-table``). True when made."""
        if len(fur.cells(raw)) < 2 or _LIST.match(raw):
            return False  # (a list marker and the blanks after it are no column)
        rows = [raw.rstrip().expandtabs(8)]
        while len(rows) < MAX_TABLE_ROWS:
            nxt = self.peek(len(rows))
            if not nxt.strip() or nxt in MARKERS or _LIST.match(nxt):
                break
            rows.append(nxt.rstrip().expandtabs(8))
        count = fur.column_rows(rows)
        if not count:
            return False
        self.flush()
        rows = rows[:count]
        common = min([_indent(row) for row in rows])
        text = "\n".join([" " * INDENT_STEP + row[common:] for row in rows])
        notes = (Note("column-table", number, f"{count} lines"),) if self.explain else ()
        self.out.append(_block(_K_TABLE, text, number, number + count - 1, 0, notes))
        self._take_ahead(count - 1)
        self.opened_by_break = True
        return True

    def _drawn(self, raw: str, text: str, number: int) -> bool:
        """A table or rule drawn in characters, from this line on: kept as rows, never joined
        (rules ``box-table``, ``simple-table``), a pandoc grid that boxes prose unboxed into
        its paragraphs (``layout-grid``), a line that lynx or w3m drew for ``<hr>`` a rule
        (``drawn-rule``). True when made."""
        first = text[0]
        if first in fur.RULE_CHARS:
            if (
                (first == "_" and _indent(raw) < INDENT_STEP)  # (there ``_RULE`` reads it)
                or len(text) < DRAWN_RULE_SHARE * self.fill  # lynx's form field
                or not fur.is_drawn_rule(text)
            ):
                return False
            self.flush()
            notes = (Note("drawn-rule", number),) if self.explain else ()
            self.out.append(_block(_K_RULE, text, number, number, 0, notes))
            self.opened_by_break = True
            return True
        if first == "+":
            return self._layout_grid(raw, text, number)
        rows = [raw.rstrip()]
        head = 0  # 1: the row before this line is the table's head row
        if first == "-":
            if not fur.is_dash_columns(text):
                return False
            rule = "simple-table"
            para = self.para
            if (
                len(para) == 1
                and self.para_kind is _K_PARAGRAPH
                and _indent(self.para_raw_last) == _indent(raw)
            ):
                # The head row just before the rule (no blank between: the paragraph is open).
                rows.insert(0, self.para_raw_last.rstrip())
                head = 1
            while len(rows) < MAX_TABLE_ROWS:
                nxt = self.peek(len(rows) - head)
                row = nxt.strip()
                if not row or nxt in MARKERS:
                    break
                rows.append(nxt.rstrip())
                if fur.is_dash_columns(row):
                    break  # the rule under a table without a head row
            if len(rows) < 3 or not (head or fur.is_dash_columns(rows[-1].strip())):
                return False
            if head:
                number = self.para_numbers[0]  # the table's first line: its head row
                self.para.clear()
                self.para_numbers.clear()
                self.para_widths.clear()
        else:
            if not (
                first in fur.BOX_TOP_CORNERS and "\u2500" <= text[-1] <= "\u257f"
            ) and not fur.is_box_row(text):
                return False
            rule = "box-table"
            while len(rows) < MAX_TABLE_ROWS:
                nxt = self.peek(len(rows))
                row = nxt.strip()
                if not fur.is_box_row(row):
                    break
                rows.append(nxt.rstrip())
                if row[0] in fur.BOX_BOTTOM_CORNERS:
                    break
            if len(rows) < 2:
                return False
        count = len(rows)
        taken = count - head - 1  # the lines read ahead
        self.flush()
        rows = [row.expandtabs(8) for row in rows]
        common = min([_indent(row) for row in rows])
        table = "\n".join([" " * INDENT_STEP + row[common:] for row in rows])
        notes = (Note(rule, number, f"{count} lines"),) if self.explain else ()
        last = self.number + taken
        self.out.append(_block(_K_TABLE, table, number, last, 0, notes))
        self._take_ahead(taken)
        self.opened_by_break = True
        return True

    def _layout_grid(self, raw: str, text: str, number: int) -> bool:
        """A pandoc grid table of one row and one or two cells, one of which holds prose and the
        other no words (a page laid out in a table, beside an image): the prose cell's
        paragraphs become blocks of their own (rule ``layout-grid``). True when made."""
        walls = fur.grid_walls(text)
        if not walls or len(walls) > 3 or _indent(raw) > 3:
            return False
        indent = _indent(raw)
        rows: list[str] = []
        while True:
            if len(rows) >= MAX_GRID_LINES:
                return False
            nxt = self.peek(len(rows) + 1)
            row = nxt.strip()
            if row[:1] == "+" and fur.grid_walls(row) == walls:
                break  # the bottom border
            if nxt in MARKERS or not (row[:1] == "|" and row[-1:] == "|"):
                return False  # another row follows, or no grid
            rows.append(nxt.rstrip()[indent:])
        after = self.peek(len(rows) + 2)
        if after.strip() and after not in MARKERS:
            return False  # a grid of several rows: a data table
        cells = fur.grid_cells(rows, walls)
        if cells is None:
            return False
        # The one cell that has words, and holds prose (the other, if any, an image or empty):
        # two cells of words side by side would be read one after the other, their words out
        # of the input's order, which the safety check refuses.
        worded = [column for column, cell in enumerate(cells) if fur.has_words(cell)]
        if len(worded) != 1 or not fur.holds_prose(cells[worded[0]]):
            return False
        self.flush()
        self._unboxed(cells[worded[0]], number + 1, worded[0])
        self._take_ahead(len(rows) + 1)
        self.opened_by_break = True
        return True

    def _unboxed(self, cell: list[str], first: int, column: int) -> None:
        """The blocks of one grid cell's lines (the line of ``cell[0]`` is ``first``): its
        paragraphs and list items, apart at empty lines; each joined as a paragraph is."""
        group: list[str] = []
        numbers: list[int] = []
        for offset, line in enumerate(cell):
            text = _tidy(line)
            if not text and len(group) == 1 and _is_bare_marker(group[0]):
                continue  # (a marker alone goes with the item's first block, past a blank)
            if group and (not text or _LIST.match(line) is not None or _is_bare_marker(text)):
                self._cell_block(group, numbers, column)
                group, numbers = [], []
            if text:
                group.append(text)
                numbers.append(first + offset)
        if group:
            self._cell_block(group, numbers, column)

    def _cell_block(self, group: list[str], numbers: list[int], column: int) -> None:
        """One paragraph or list item of a grid cell, its lines joined."""
        notes: list[Note] = []
        if self.explain:
            notes.append(Note("layout-grid", numbers[0], f"cell {column + 1}"))
        # (An item whose first block is no paragraph has its marker alone on a line.)
        item = _LIST.match(group[0]) is not None or _is_bare_marker(group[0])
        # Joined and tidied as any paragraph is (its empty images too): a second run reads
        # the cell's paragraphs unboxed.
        self.out.append(self._paragraph(_K_LIST if item else _K_PARAGRAPH, group, numbers, notes))

    def _stops_early(self, rows: list[str]) -> bool:
        """Every row but the last ended with room for the next row's first word."""
        # The measure is at least the widest of the recent prose lines (in proportional type,
        # or where a short document learned its fill from the block itself).
        measure = max(self.fill, self.recent_widest)
        for index in range(len(rows) - 1):
            nxt = rows[index + 1].lstrip()
            if (
                measure
                - (width(rows[index]) + 1 + first_unit_width(nxt, self.hangul_words, self.cj_words))
                <= 0
            ):
                return False
        return True

    def _signature(self, number: int) -> bool:
        """A mail's signature: the ``-- `` line and the lines after it up to a blank line, kept
        as lines (rule ``signature``). False when no line follows it."""
        rows: list[str] = []
        while True:
            nxt = self.peek(len(rows) + 1)
            if not nxt.strip() or nxt in MARKERS:
                break
            if len(rows) >= MAX_SIGNATURE_LINES:
                return False
            row = _tidy(nxt)
            if row[-1] == "\\" and row[-2:] != "\\\\":
                row = row[:-1].rstrip()  # a Markdown hard break (reflow's own output)
            rows.append(row)
        if not rows:
            return False
        self.flush()
        notes = (Note("signature", number, f"{len(rows)} lines"),) if self.explain else ()
        text = "\n".join(["-- ", *rows])
        self.out.append(_block(_K_VERSE, text, number, number + len(rows), 0, notes))
        self._take_ahead(len(rows))
        self.opened_by_break = True
        return True

    def _mail_headers(self, raw: str, number: int) -> bool:
        """A mail's header block (an mbox's ``From `` line, ``From:``, ``Subject:``, …): kept
        as code, each field on a line of its own, a folded one unfolded (rule
        ``mail-headers``). At least three fields, two of them ones every mail has. True when
        made. (Code, not lines with hard breaks: a field wrapped at ``--width`` would read
        back as the next field's text.)"""
        rows = [raw.strip()]
        lines, closed = self._header_fields(_indent(raw), rows, True)
        if not closed:
            return False
        names = {row.partition(":")[0].lower() for row in rows}
        if len(rows) < 3 or len(names & _COMMON_FIELDS) < 2:
            return False
        self._read_mime_fields(rows)
        notes = (Note("mail-headers", number, f"{len(rows)} fields"),) if self.explain else ()
        self._keep_as_code([_tidy(row) for row in rows], number, notes, lines)
        return True

    def _header_fields(
        self, margin: int, rows: list[str], first_is_field: bool
    ) -> tuple[int, bool]:
        """Read the header fields after the current line (``rows[0]``) into ``rows``, each at
        ``margin``, a folded one (set in further) unfolded onto the field before it (onto
        ``rows[0]`` too where ``first_is_field``). The input lines taken, the current one
        included, and whether a blank line (or the end) closed the fields."""
        lines = 1
        while lines < MAX_HEADER_LINES:
            nxt = self.peek(lines)
            if not nxt.strip() or nxt in MARKERS:
                return lines, True
            if _indent(nxt) > margin and (first_is_field or len(rows) > 1):
                rows[-1] = rows[-1] + " " + nxt.strip()  # a folded field goes on
            elif _indent(nxt) == margin and _HEADER_FIELD.match(nxt.strip()) is not None:
                rows.append(nxt.strip())
            else:
                return lines, False
            lines += 1
        return lines, False

    def _reference_definitions(self, text: str, number: int) -> None:
        """Link reference definitions (``[1]: https://…``), under the paragraph that cites
        them or not: each kept a line of its own, as written (rule ``reference-definition``).
        Joined into the paragraph, a second run of the Markdown would read no definition, and
        the text would show the addresses inside its sentence."""
        rows = [text]
        while len(rows) < MAX_SET_APART_LINES:
            nxt = _tidy(self.peek(len(rows)))
            if not (nxt[:1] == "[" and fur.is_reference_definition(nxt)):
                break
            rows.append(nxt)
        self.flush()
        notes = (
            (Note("reference-definition", number, f"{len(rows)} lines"),) if self.explain else ()
        )
        self.out.append(_block(_K_TABLE, "\n".join(rows), number, number + len(rows) - 1, 0, notes))
        self._take_ahead(len(rows) - 1)
        self.opened_by_break = True

    def _read_mime_fields(self, rows: list[str]) -> str:
        """What a header block (``rows``, folded fields unfolded) says of the body after it:
        the boundaries it names are remembered, and whether the body is quoted-printable.
        Its transfer encoding, lower case ("" for none)."""
        encoding = ""
        for row in rows:
            if row[:8].lower() != "content-":
                continue
            for quoted, bare in _BOUNDARY_PARAMETER.findall(row):
                self.boundaries.add(quoted or bare)
            found = _TRANSFER_ENCODING.match(row)
            if found:
                encoding = found.group(1).lower()
        self.quoted_printable = encoding == "quoted-printable"
        return encoding

    def _is_boundary(self, raw: str) -> bool:
        """Whether ``raw`` is a boundary line (opening or closing) of a known boundary."""
        found = _MIME_BOUNDARY.match(raw.strip()) if raw[:2] == "--" else None
        return found is not None and (
            found.group(1) in self.boundaries or self._closes(found.group(1))
        )

    def _closes(self, token: str) -> bool:
        """``token`` (a boundary line's, past its "--") closes a known boundary ("--" after it)."""
        return token[-2:] == "--" and token[:-2] in self.boundaries

    def _mime_part(self, raw: str, text: str, number: int) -> bool:
        """A MIME multipart boundary line and its part's header fields (``Content-Type:``,
        ``Content-Transfer-Encoding:``, …) up to the blank line before the part's body: kept
        as code, each field a line, as the mail's own header block is (rule ``mime-part``).
        A boundary is one named by a header block before, or one a ``Content-`` field
        follows; a closing one ("--" after it) only the first. A base64 body after the fields
        (an attachment) is kept as code too; a text body is read as any other text (a
        quoted-printable one with its soft line breaks undone). True when made."""
        found = _MIME_BOUNDARY.match(text)
        if found is None:
            return False
        token = found.group(1)
        known = token in self.boundaries
        if self._closes(token):
            # The closing boundary: what follows is the epilogue, or the enclosing part's.
            rows, lines, encoding = [text], 1, ""
            self.quoted_printable = False
        else:
            rows = [text]
            # (At the boundary's indent: as reflow writes it, code, four blanks in.)
            lines = self._header_fields(_indent(raw), rows, False)[0]
            fields = rows[1:]
            if not known and not any(row[:8].lower() == "content-" for row in fields):
                return False
            if fields and self.peek(lines).strip() and not known:
                return False  # fields must end at a blank line (or the part has none)
            self.boundaries.add(token)
            encoding = self._read_mime_fields(fields)
        detail = f"{len(rows) - 1} fields" if len(rows) > 1 else "closing" if lines == 1 else ""
        notes = (Note("mime-part", number, detail),) if self.explain else ()
        self._keep_as_code([_tidy(row) for row in rows], number, notes, lines)
        if encoding == "base64":
            self._base64_body()
        return True

    def _base64_body(self) -> None:
        """After a part's fields that say base64, its body (an attachment's data) up to the
        next blank line or boundary: kept as code, a block for each ``MAX_INDENTED_LINES``
        lines, not joined as prose (rule ``mime-part``)."""
        blanks = 0
        while blanks < 2 and self.peek(blanks + 1).strip() == "":
            blanks += 1  # (past the end too: no base64 line follows then)
        if not blanks:
            return
        while True:
            rows: list[str] = []
            while len(rows) < MAX_INDENTED_LINES:
                nxt = self.peek(blanks + len(rows) + 1).strip()
                if not _BASE64_LINE.match(nxt):
                    break
                rows.append(nxt)
            if not rows:
                return
            first = self.number + blanks + 1
            notes = (
                (Note("mime-part", first, f"base64, {len(rows)} lines"),) if self.explain else ()
            )
            code = "\n".join([" " * INDENT_STEP + row for row in rows])
            self.out.append(_block(_K_CODE, code, first, first + len(rows) - 1, 0, notes))
            self._take_ahead(blanks + len(rows))
            blanks = 0

    def _soft_breaks(self, raw: str, number: int) -> str:
        """In a quoted-printable body, a line that ends in "=" (a soft line break, the line no
        longer than the encoding allows) goes on with the next line, without the "=" and with
        no space: the line the writer wrote, its "=XX" escapes left as they are (rule
        ``quoted-printable-soft-break``). Joined as wrapped text, a word cut there was two."""
        joined = raw
        line = raw
        count = 0
        # (At most an indented block's lines: what is read ahead stays bounded.)
        while (
            line[-1:] == "="
            and len(line.rstrip("\r\n")) <= QP_LINE_LENGTH
            and count < MAX_INDENTED_LINES
        ):
            nxt = self.peek(count + 1)
            if not nxt.strip() or nxt in MARKERS:
                break
            joined = joined[:-1] + nxt
            line = nxt
            count += 1
        if count:
            if self.explain:
                self.notes.append(Note("quoted-printable-soft-break", number, f"{count} lines"))
            self._take_ahead(count)
        return joined

    def _closing(self, text: str) -> bool:
        """A mail's closing (``Thanks,``) and the name on the line after it, with a blank line,
        a signature or the end after that: two lines kept apart (rule ``mail-closing``)."""
        name = self.peek(1)
        after = self.peek(2)
        if not (
            after.strip() == ""
            or after in MARKERS
            or fur.is_signature_separator(after)
            or self._is_boundary(after)
        ):
            return False
        name = _tidy(name)
        if (
            not name
            or len(name) > 40
            or name.count(" ") > 3
            or not name[0].isupper()
            or name[-1] in fur._TERMINAL
            or name[-1] in ",;"
        ):
            return False
        self.flush()
        number = self.number
        notes = (Note("mail-closing", number),) if self.explain else ()
        self.out.append(_block(_K_VERSE, f"{text}\n{name}", number, number + 1, 0, notes))
        self._take_ahead(1)
        self.opened_by_break = True
        return True

    def continues_item(self, raw: str, text: str) -> bool:
        """A line after a list item belongs to it when indented under it or plainly continuing."""
        item_raw = self.para[-1]
        match = _LIST.match(item_raw)
        content_column = match.end() if match else 2
        if _indent(raw) >= content_column and _indent(raw) > 0:
            return True
        # A PDF's item at the margin lost its hanging indent: a line under it goes on where
        # the item's line was cut mid-sentence, in lower case ("… the reason for" /
        # "wrapping up …") whatever its length (proportional type says little of it), or with
        # a capital under a line as full as the text's ("3. Hold elections for … member
        # Board" / "Directors and …"). (In the PDFs of the training corpus, 357 such lines in
        # lower case go on, 4 do not; with a capital 30 to 2; in the other renditions these
        # shapes are as often a new block, so they are left to the rules below.)
        last = item_raw[-1:]
        if (
            self.proportional
            and not _indent(item_raw)
            and (last.isalnum() or last == ",")
            and not is_wide(last)
            and " " in text  # (not an address, "www.….br", nor a heading, "Configuration")
            and not fur.looks_like_code(text)
        ):
            if text[:1].islower():
                return True
            if text[:1].isupper():
                return self.room(self.para_raw_last, text) < PDF_ITEM_SLACK * self.fill
        # An item's line that ran to the width goes on at the margin in lower case (pandoc's
        # plain text of a paragraph that opens "1. …"), with blank lines between paragraphs or
        # not. A capital there may open the paragraph after a tight list.
        if text[:1].islower():
            return self.room(self.para_raw_last, text) <= 0
        return False

    def shape(self, raw: str, text: str, after_blank: bool) -> Kind:
        """The structural kind a line starts, or PARAGRAPH for prose."""
        first = text[0]
        if first.isalpha():
            # Most lines: prose. Only "a) item" and lynx's "o item" start structure with a letter.
            second = text[1:2]
            if second == ")" or (first == "o" and second == " "):
                return _K_LIST if self.starts_list(raw, text) else _K_PARAGRAPH
            return _K_PARAGRAPH
        if first in "`~" and _FENCE.match(raw):
            return _K_CODE
        if first == "#" and _ATX.match(raw) and (after_blank or not self.para or self._ended()):
            return _K_HEADING
        if first in "-*_=" and _RULE.match(raw):
            return _K_RULE
        if first == ">" and _QUOTE.match(raw):
            return _K_QUOTE
        if first in "|+" and _TABLE_ROW.match(raw):
            return _K_TABLE
        # (A literal: compiled, a test of a character against one is a switch.
        # tests/test_performance_contracts.py checks it holds "-*+(" and furniture.BULLETS.)
        if (first in "-*+(•◦▪‣□☆" or first.isdigit()) and self.starts_list(raw, text):
            return _K_LIST
        return _K_PARAGRAPH

    def _ended(self) -> bool:
        return bool(self.para) and fur.ends_sentence(self.para[-1])


#: How many columns a line set in past the prose must stop short of the next line's first
#: word to end a list item (rule ``set-in-item``): below 5, the training corpus's PDFs had 9
#: such joins wrong and 4 right; from 5 to 9, 21 wrong and 1 right.
_SET_IN_ROOM = 4
#: The share of the fill a line of pdftotext's text must stop short of to end its block before
#: a capital (rule ``stopped-short``): below it, in the training corpus's PDFs, the score's
#: joins of that shape were right 13 times in 40.
_STOPPED_SHORT = 0.15
#: The most lines a headline under the page's title takes (``_Builder.titles``).
_TITLE_LINES = 4
#: Where ``pdftotext -layout`` spaced a header's parts apart.
_HEADER_GAP = re.compile(r"\s{3,}")


def _titles(headers: Iterable[str]) -> tuple[str, ...]:
    """The parts of the page headers and footers ``headers`` that may be the page's title, as
    ``furniture_key`` writes them: those of two words or more (not a date, a page number or an
    address alone)."""
    found: list[str] = []
    for header in headers:
        for part in _HEADER_GAP.split(header.strip()):
            key = furniture_key(part)
            if " " in key and any(c.isalpha() for c in key) and key not in found:
                found.append(key)
    return tuple(found)


def _blank_run(lines: list[str]) -> bool:
    """Whether two blank lines follow each other in ``lines`` (a page break is no blank)."""
    blank = False
    for line in lines:
        if line.strip() or line == PAGE_BREAK:
            blank = False
        elif blank:
            return True
        else:
            blank = True
    return False


def _lower_word(line: str) -> bool:
    """``line``'s first word is in lower-case letters only: a sentence's word, not a name that
    keeps a small first letter ("eZ Systems", "my6sense", "iOS")."""
    word = line[: line.find(" ")] if " " in line else line
    word = word.rstrip(",;:.!?")
    return word.isalpha() and word.islower()


def _widest(widths: Iterable[int]) -> int:
    """The largest of ``widths`` (0 when there are none)."""
    widest = 0
    for line_width in widths:
        if line_width > widest:
            widest = line_width
    return widest


def _quote_level(text: str) -> tuple[int, str]:
    """How many ``>`` open ``text`` (spaces allowed after each), and the text after them.

    A no-break space after a ``>`` is one of those spaces: kept at the quote's start, it
    would follow the ``> `` reflow writes, and a second run tidies the two to one space.

    Walked by index, cut once: cutting after each ``>`` copied the rest every time, quadratic
    on a line of many ``>``.
    """
    level = 0
    at = 0
    size = len(text)
    while at < size and text[at] == ">":
        level += 1
        at += 1
        while at < size and (text[at] == " " or text[at] == "\u00a0"):
            at += 1
    return level, text[at:]


def _unquoted(raw: str, level: int) -> str:
    """``raw`` without its ``level`` quote markers (and the one space after each, so an indent
    under them stays), or "" when it is not a line of that quote level."""
    at = 0
    size = len(raw)
    for _ in range(level):
        if at >= size or raw[at] != ">":
            return ""
        at += 1
        if at < size and raw[at] == " ":
            at += 1
    if at < size and raw[at] == ">":
        return ""  # a deeper quote
    rest = raw[at:]
    return rest if rest.strip() else ""


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
    # The window's words are for dehyphenation, which most documents never ask for: they
    # are gathered when first needed, from the window kept for that (at most twice
    # WINDOW_BYTES: a window whose last line is longer gets its words at once).
    lazy = max(map(len, window), default=0) <= WINDOW_BYTES
    paged = PAGE_BREAK in window
    profile = learn(window, words=not lazy)
    stream: Iterable[str] = chain(window, it)
    learned_from = window
    if profile.furniture or PAGE_BREAK in window:
        stream = strip_page_furniture(stream, profile)
        # Learn the pages' text again without their headers, footers and the blank lines
        # around them, which say nothing about how paragraphs are separated.
        body = [line for line in strip_page_furniture(window, profile) if line not in MARKERS]
        profile = replace(learn(body, words=not lazy, paged=paged), furniture=profile.furniture)
        learned_from = body
    # Running headers and footers: without form feeds, or those the form feeds leave (the
    # header that opens the first page).
    headers: list[str] = list(profile.furniture)
    if running := fur.running_furniture(window):
        headers += [line for line in window if fur.running_key(line.strip()) in running]
        stream = strip_running_furniture(stream, running)
        stripped = strip_running_furniture(learned_from, running)
        body = [line for line in stripped if line not in MARKERS]
        profile = replace(learn(body, words=not lazy, paged=paged), furniture=profile.furniture)
        learned_from = body
    vocabulary = partial(document_words, learned_from) if lazy else None
    # (The words inside lines, for Korean wrapped by character: from the window too.)
    inner = partial(document_words, learned_from, inner=True) if lazy else None
    titles = _titles(headers) if headers else ()
    raw_pages = paged and not _blank_run(window)
    yield from _Builder(
        profile, explain, dehyphenate, repair, vocabulary, inner, paged, titles, raw_pages
    ).run(stream)
