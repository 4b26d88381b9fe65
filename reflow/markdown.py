"""Markdown mode: unwrap or re-wrap a Markdown file's paragraph lines, copying every other byte."""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from .dialects import PROSE_DIRECTIVES, LineRoles, line_roles, resolve_dialect
from .options import Options
from .repair import repair_text
from .safety import repaired_words, word_stream
from .styles import LineStyle, Segment, chosen_style, detect_style
from .wrap import is_marker_word

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

# markdown-it splits lines exactly here (its normalize step turns \r\n and \r into \n).
_EOL = re.compile(r"\r\n|\r|\n")

# Chinese and Japanese write no spaces between words, so two lines of such text join with
# none. Hangul is left out on purpose: Korean separates words with spaces.
_CJK = "\u2e80-\u312f\u3190-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0002ffff"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_CJK_SPACE = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")
_ASCII_SPACE = re.compile(r"[ \t\n\r\f\v]+")  # NBSP and other Unicode spaces are content

SOFT_HYPHEN = "\u00ad"
# Stand for a space or tab that wrapping must not break at (see _glue); private-use
# characters, so they never mean anything in real text.
_GLUE = "\ue000"
_GLUE_TAB = "\ue001"
_TO_GLUE = str.maketrans({" ": _GLUE, "\t": _GLUE_TAB})
_FROM_GLUE = str.maketrans({_GLUE: " ", _GLUE_TAB: "\t"})

# What may stand before a paragraph's first character on its line: container markup
# (block-quote markers, list markers, footnote labels) and indentation.
_PREFIX_PART = re.compile(
    r"(?P<space>[ \t]+)|(?P<quote>>)"
    r"|(?P<item>[-+*]|\d{1,9}[.)])(?=[ \t]|$)|(?P<note>\[\^[^\]\s]+\]:)"
)

# <!-- reflow: off --> ... <!-- reflow: on --> protects a region.
_SWITCH = re.compile(r"<!--\s*reflow:\s*(off|on)\s*-->", re.IGNORECASE)

# Template constructs a site generator expands before Markdown. A paragraph in which one
# spans lines holds code or markup whose line breaks matter, so it is left as written:
# a {{ or {% whose line ends before it is closed, a paired tag or shortcode whose end is
# on a later line, a kramdown attribute line (which applies to the paragraph it ends).
# Each is searched only up to the last closer of its line, so that a run of openers without
# one costs a single scan (see _tags).
_BLOCK_TAG = re.compile(r"\{%-?\s*(\w+)[^\n]*?%\}")  # Liquid/Jinja {% name … %}
_BLOCK_END = re.compile(r"\{%-?\s*end(\w+)\b")
_SHORTCODE = re.compile(r"\{\{([<%])\s*(\w+)[^\n]*?[>%]\}\}")  # Hugo {{< name >}} / {{% name %}}
_SHORTCODE_END = re.compile(r"\{\{[<%]\s*/(\w+)\b")
_ATTRIBUTE_LINE = re.compile(r"^[ \t]*\{:[^}\n]*\}[ \t]*$", re.MULTILINE)  # kramdown {: .class}

# Spans of paragraph text that repairs never touch: what is written there is not prose.
_PROTECTED = re.compile(
    r"""(?x)
    (?<!`)(?P<ticks>`+)(?!`).*?(?<!`)(?P=ticks)(?!`)     # code span
    | <[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>            # autolink
    | <[^\s<>@]+@[^\s<>]+>                               # e-mail autolink
    | <!--(?:.*?-->|.*)                                  # HTML comment (to the end if unclosed)
    | </?[A-Za-z][^<>]*>                                 # HTML tag
    | \]\([^)]*\)?                                       # link destination and title
    | \$\$?[^$]+\$\$?                                    # math
    | &(?:\#[0-9]{1,7}|\#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});  # entity
    | \{\{(?:.*?\}\}|.*) | \{%(?:.*?%\}|.*)              # template tags (to the end if unclosed)
    """,
    re.DOTALL,
)

_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>")

# Code spans (whose blanks are content) and the runs of blanks elsewhere.
_BLANKS = re.compile(r"(?P<code>(?<!`)(?P<ticks>`+)(?!`).*?(?<!`)(?P=ticks)(?!`))|[ \t]{2,}|\t")
_CODE_BLANKS = re.compile(r"[ \t]{2,}|\t")

# Spaces inside these must not become line breaks when wrapping.
# A space in an image's description, in a template tag or a task box: searched for only up to
# the last closer, so that unclosed openers cost one scan.
_UNBREAKABLE = (
    (re.compile(r"!\[[^\]]*\]"), "]"),
    (re.compile(r"\{\{.*?\}\}"), "}}"),
    (re.compile(r"\{%.*?%\}"), "%}"),
    (re.compile(r"^\[[ xX]\] "), "] "),
)

# A definition list's ": " or "~ " marker at the start of a definition's text.
_DEFINITION_MARK = re.compile(r"[:~][ \t]+(?=\S)")

_BREAKS = ("softbreak", "hardbreak")
SOFT, HARD, INNER = "soft", "hard", "inner"

# Block tokens whose content must stay byte-exact.
_EXACT = frozenset(
    {"fence", "code_block", "html_block", "front_matter", "math_block", "math_block_label"}
)

_MAX_ROUNDS = 40  # safety-net re-parses before the remaining suspects are all reverted


# -- the parser ---------------------------------------------------------------------------


def _toml_front_matter(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """Hugo and Zola front matter: a ``+++`` first line up to the next ``+++`` line."""
    if start != 0 or state.blkIndent != 0 or state.tShift[0] != 0:
        return False
    if state.src[state.bMarks[0] : state.eMarks[0]].rstrip() != "+++":
        return False
    line = 1
    while line < end:
        text = state.src[state.bMarks[line] : state.eMarks[line]]
        if text.rstrip() == "+++":
            break
        line += 1
    else:
        return False  # never closed: ordinary Markdown
    if silent:
        return True
    token = state.push("front_matter", "", 0)
    token.hidden = True
    token.block = True
    token.markup = "+++"
    token.content = state.src[state.bMarks[1] : state.bMarks[line]]
    token.map = [0, line + 1]
    state.line = line + 1
    return True


_TAB_MARKER = re.compile(r'===[+!]?[ \t]+"')


def _content_tab(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """MkDocs-Material content tabs: a ``=== "Title"`` line and its four-space-indented body."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False  # indented code
    begin = state.bMarks[start] + state.tShift[start]
    if not _TAB_MARKER.match(state.src, begin, state.eMarks[start]):
        return False
    if silent:
        return True
    indent = state.sCount[start] + 4
    line = start + 1
    blank_before = False
    while line < end:
        empty = state.bMarks[line] + state.tShift[line] >= state.eMarks[line]
        if empty:
            if blank_before:
                break  # two blank lines end the tab
            blank_before = True
        elif state.sCount[line] < indent:
            break
        else:
            blank_before = False
        line += 1
    old = (state.parentType, state.lineMax, state.blkIndent)
    state.parentType, state.lineMax, state.blkIndent = "tab", line, indent  # type: ignore[assignment]
    token = state.push("tab_open", "div", 1)
    token.block = True
    token.info = state.src[begin : state.eMarks[start]]
    token.map = [start, line]
    state.md.block.tokenize(state, start + 1, line)
    token = state.push("tab_close", "div", -1)
    token.block = True
    state.parentType, state.lineMax, state.blkIndent = old
    state.line = line
    return True


def _recording(rule: Callable[[StateInline, bool], bool]) -> Callable[[StateInline, bool], bool]:
    """Wrap an inline rule so every line break it makes remembers where its newline is."""

    def recorded(state: StateInline, silent: bool) -> bool:
        pos = state.pos
        count = len(state.tokens)
        if not rule(state, silent):
            return False
        if not silent and len(state.tokens) > count and state.tokens[-1].type in _BREAKS:
            newline = pos if state.src[pos] == "\n" else pos + 1  # "\\\n" starts at the backslash
            state.tokens[-1].meta = {"newline": newline, "source": state.src}
        return True

    return recorded


@cache
def parser(dialect: str = "commonmark") -> MarkdownIt:
    """CommonMark with GFM tables and strikethrough, front matter, footnotes and $$ math.

    MkDocs adds its admonitions and content tabs, whose four-space-indented bodies are prose
    there (code in every other dialect).
    """
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline.escape import escape
    from markdown_it.rules_inline.newline import newline
    from mdit_py_plugins.dollarmath import dollarmath_plugin
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark")
    md.enable(["table", "strikethrough"])
    md.use(front_matter_plugin)
    md.block.ruler.before(
        "table",
        "toml_front_matter",
        _toml_front_matter,
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )
    md.use(footnote_plugin)
    # $$ blocks only: in content repositories a "$" is far more often shell or money than
    # inline math, and reading it as math would swallow emphasis and code spans.
    md.use(
        dollarmath_plugin,
        allow_space=False,
        allow_digits=False,
        double_inline=True,
        allow_labels=dialect == "myst",  # "$$ … $$ (label)" closes a block in MyST only
    )
    md.disable("math_inline")
    if dialect == "mkdocs":
        from mdit_py_plugins.admon import admon_plugin

        md.use(admon_plugin)
        md.block.ruler.before(
            "code", "content_tab", _content_tab, {"alt": ["paragraph", "reference", "blockquote"]}
        )
    md.inline.ruler.at("newline", _recording(newline))
    md.inline.ruler.at("escape", _recording(escape))
    return md


# -- the document's lines and paragraphs --------------------------------------------------


def _split(text: str) -> list[tuple[str, str]]:
    """(line, line ending) pairs, split where markdown-it splits; the last may lack an ending."""
    lines: list[tuple[str, str]] = []
    start = 0
    for match in _EOL.finditer(text):
        lines.append((text[start : match.start()], match.group()))
        start = match.end()
    if start < len(text):
        lines.append((text[start:], ""))
    return lines


@dataclass(slots=True)
class _Line:
    prefix: str  # container markup before the text
    body: str  # the text, no outer blanks
    trailing: str  # blanks after the text (a hard break's two spaces)
    lead: str  # blanks before the text that the parser keeps (inside a code span)
    ending: str  # "\n", "\r\n", "\r" or "" at the end of a file


@dataclass(slots=True, eq=False)
class _Para:
    ordinal: int  # position among the paragraphs in token order
    start: int  # first line (0-based)
    end: int  # line after the last
    lines: list[_Line]
    breaks: list[str]  # how each line but the last ends: SOFT, HARD or INNER (code, HTML)
    # The forms still to try, best first: (with repairs?, which words may not start a line).
    styles: list[tuple[bool, Callable[[str], bool]]] = field(default_factory=list)
    tried: list[list[str]] = field(default_factory=list)  # the form as written, then the others
    current: list[str] | None = None  # the form in use; None means as written
    repaired: bool = False  # the form in use changes the text by repairs


def _line_breaks(inline: Token) -> list[str] | None:
    """How each content line of ``inline`` ends: a soft or hard break, or inside a span.

    A newline that made no break token of this paragraph lies inside a code span,
    inline HTML, a link title or an image description.
    """
    content = inline.content
    newlines = [i for i, ch in enumerate(content) if ch == "\n"]
    where = {pos: k for k, pos in enumerate(newlines)}
    breaks = [INNER] * len(newlines)
    for child in inline.children or []:
        if child.type not in _BREAKS:
            continue
        meta = child.meta or {}
        k = where.get(meta.get("newline", -1))
        if k is None or meta.get("source") != content:
            return None  # a break we cannot place: leave the paragraph alone
        breaks[k] = HARD if child.type == "hardbreak" else SOFT
    return breaks


def _line_parts(raw: str, parsed: str, content: str, first: bool, last: bool) -> _Line | None:
    """Split a source line into prefix, body and trailing blanks, using the parser's content."""
    if first and last:
        core = content
    elif first:
        core = content.rstrip(" \t")
    elif last:
        core = content.lstrip(" \t")
    else:
        core = content.strip(" \t")
    if not core:
        return None
    # The text ends the line but for blanks, so its last occurrence is the right one.
    pos = parsed.rfind(core)
    if pos < 0 or parsed[pos + len(core) :].strip():
        return None
    prefix = raw[:pos]
    if not _is_container_prefix(prefix):
        return None
    lead = "" if first else content[: len(content) - len(content.lstrip(" \t"))]
    return _Line(prefix, raw[pos : pos + len(core)], raw[pos + len(core) :], lead, "")


def _is_container_prefix(prefix: str) -> bool:
    pos = 0
    while pos < len(prefix):
        match = _PREFIX_PART.match(prefix, pos)
        if match is None:
            # Unicode blanks markdown-it trims before a paragraph's first character.
            if prefix[pos].isspace():
                pos += 1
                continue
            return False
        pos = match.end()
    return True


def _continuation(prefix: str) -> str:
    """The prefix for a paragraph's later lines: markers of list items and footnotes blanked."""
    parts: list[str] = []
    pos = 0
    while pos < len(prefix):
        match = _PREFIX_PART.match(prefix, pos)
        if match is None:
            pos += 1  # a Unicode blank before the text belongs to the first line only
            continue
        kind = match.lastgroup
        if kind == "note":  # footnote bodies continue four columns in
            parts.append("    ")
            space = _PREFIX_PART.match(prefix, match.end())
            pos = space.end() if space is not None and space.lastgroup == "space" else match.end()
            continue
        parts.append(" " * len(match.group()) if kind == "item" else match.group())
        pos = match.end()
    return "".join(parts)


def _columns(prefix: str) -> int:
    """Display columns of a prefix, tabs to the next multiple of four."""
    column = 0
    for ch in prefix:
        column = column + 4 - column % 4 if ch == "\t" else column + 1
    return column


def is_template_paragraph(content: str) -> bool:
    """True when a site-generator construct spans lines of this paragraph content."""
    if "\n" not in content:
        return False
    if "{" in content:
        rows = content.split("\n")
        # a {{ or {% whose line ends before it is closed (the last line ends the content)
        for row in rows[:-1]:
            if row.rfind("{{") > row.rfind("}}") or row.rfind("{%") > row.rfind("%}"):
                return True
        if "{%" in content and _pair_spans_lines(content, rows, _BLOCK_TAG, 1, _BLOCK_END, "%}"):
            return True
        if _pair_spans_lines(content, rows, _SHORTCODE, 2, _SHORTCODE_END, "}}"):
            return True
    return _ATTRIBUTE_LINE.search(content) is not None


def _tags(rows: list[str], pattern: re.Pattern[str], closer: str) -> Iterable[re.Match[str]]:
    """Matches of ``pattern`` line by line, each line searched only up to its last ``closer``.

    Past the last closer no tag can end, and a lazy search from every opener there would
    cost the length of the line each time.
    """
    for row in rows:
        end = row.rfind(closer)
        if end >= 0:
            yield from pattern.finditer(row, 0, end + len(closer))


def _pair_spans_lines(
    content: str,
    rows: list[str],
    opener: re.Pattern[str],
    group: int,
    ender: re.Pattern[str],
    closer: str,
) -> bool:
    """True when a tag's first end tag after it (``{% endname``, ``{{< /name``) is on a later line.

    End tags are found once and looked up by position, so many tags without one stay linear.
    """
    offsets = [0]
    for row in rows:
        offsets.append(offsets[-1] + len(row) + 1)
    ends: dict[str, list[int]] = {}
    for match in ender.finditer(content):
        ends.setdefault(match.group(1), []).append(match.start())
    if not ends:
        return False
    for row_number, row in enumerate(rows):
        for match in _tags([row], opener, closer):
            found = ends.get(match.group(group))
            if not found:
                continue
            k = bisect_left(found, offsets[row_number] + match.end())
            if k < len(found) and found[k] >= offsets[row_number + 1]:
                return True
    return False


def _protected_lines(tokens: list[Token], count: int) -> set[int]:
    """Lines inside <!-- reflow: off --> ... <!-- reflow: on --> regions."""
    switches: list[tuple[int, int, str]] = []
    for token in tokens:
        if token.type == "html_block" and token.map:
            for match in _SWITCH.finditer(token.content):
                switches.append((token.map[0], token.map[1], match.group(1).lower()))
    protected: set[int] = set()
    off_at: int | None = None
    for start, end, state in sorted(switches):
        if state == "off" and off_at is None:
            off_at = start
        elif state == "on" and off_at is not None:
            protected.update(range(off_at, end))
            off_at = None
    if off_at is not None:
        protected.update(range(off_at, count))
    return protected


def _paragraphs(
    tokens: list[Token], lines: list[tuple[str, str]], parsed: list[str], roles: LineRoles
) -> list[_Para]:
    """The paragraphs reflow may rewrite, each split into prefix, body and trailing blanks.

    A paragraph holding lines that a dialect's syntax owns is cut into runs around them:
    those lines are kept as written, and a line that starts a block begins a new run.
    """
    protected = _protected_lines(tokens, len(lines))
    found: list[_Para] = []
    ordinal = -1
    for i, token in enumerate(tokens):
        if token.type != "paragraph_open":
            continue
        ordinal += 1
        inline = tokens[i + 1]
        if not token.map or inline.type != "inline":
            continue
        start, end = token.map
        if end > len(lines) or any(n in protected for n in range(start, end)):
            continue
        content = inline.content
        pieces = content.split("\n")
        if len(pieces) != end - start or is_template_paragraph(content):
            continue
        breaks = _line_breaks(inline)
        if breaks is None:
            continue
        para_lines: list[_Line | None] = []
        for k, piece in enumerate(pieces):
            if start + k in roles.protected:
                para_lines.append(None)
                continue
            raw, ending = lines[start + k]
            part = _line_parts(raw, parsed[start + k], piece, k == 0, k == len(pieces) - 1)
            if part is None:
                break
            part.ending = ending
            para_lines.append(part)
        else:
            found.extend(_runs(ordinal, start, para_lines, breaks, roles.starts))
    return found


def _runs(
    ordinal: int, start: int, lines: list[_Line | None], breaks: list[str], starts: set[int]
) -> list[_Para]:
    """The runs of a paragraph's lines between protected ones (None), cut before ``starts``."""
    runs: list[_Para] = []
    first = 0
    for k in range(len(lines) + 1):
        cut = k == len(lines) or lines[k] is None or (k > first and start + k in starts)
        if not cut:
            continue
        if k > first:
            run = [line for line in lines[first:k] if line is not None]
            runs.append(_Para(ordinal, start + first, start + k, run, breaks[first : k - 1]))
        first = k + 1 if k < len(lines) and lines[k] is None else k
    return runs


# -- rewriting one paragraph --------------------------------------------------------------


def _is_cjk_pair(left: str, right: str) -> bool:
    return bool(left and right and _CJK_CHAR.match(left[-1]) and _CJK_CHAR.match(right[0]))


def _join(lines: list[_Line], breaks: list[str], *, repair: bool, exact: bool) -> str:
    """One segment's lines as one line: a space, or none between CJK or after a soft hyphen.

    With ``exact``, the blanks around a newline inside a code span are kept as they are.
    """
    text = lines[0].body
    for before, line, kind in zip(lines, lines[1:], breaks, strict=False):
        body = line.body
        if kind == INNER and exact:
            # Inside a code span the blanks around a newline are content: keep them.
            text += before.trailing + " " + line.lead + body
        elif kind == INNER:
            # Re-wrapping may break the span again, and a tab in the prefix would then
            # add blanks each time: one space keeps the result a fixed point.
            text += " " + body
        elif repair and text.endswith(SOFT_HYPHEN):
            text = text[:-1] + body  # a word split by an invisible hyphen
        elif _is_cjk_pair(text, body):
            text += body
        else:
            # An ASCII hyphen stays a hyphen followed by a space, as the renderer already
            # shows it: in hand-written Markdown a line-end hyphen is the author's own
            # ("e-mail", "pre- and post-"), and removing it would change the text.
            text += " " + body
    return text


def _repair_prose(text: str) -> str:
    """ftfy on the prose of ``text``; code, HTML, links, math and entities stay as written."""
    if repair_text(text) == text:  # the common case: nothing to repair anywhere
        return text
    pieces: list[str] = []
    pos = 0
    for match in _PROTECTED.finditer(text):
        pieces.append(_repair_piece(text[pos : match.start()]))
        pieces.append(match.group())
        pos = match.end()
    pieces.append(_repair_piece(text[pos:]))
    return "".join(pieces)


def _repair_piece(piece: str) -> str:
    fixed = repair_text(piece)
    # Normalisation alone (decomposed accents composed) is not a repair: the text was right.
    if fixed != piece and fixed == unicodedata.normalize("NFC", piece):
        return piece
    return fixed


def _must_not_start(word: str) -> bool:
    """Words that would make block structure at a line start (wrap's list, plus footnotes, math)."""
    if _AUTOLINK.match(word):  # "<https://…>" cannot start an HTML block
        return False
    return is_marker_word(word) or word.startswith(("[^", "$$", "{:"))


def _must_not_start_strict(word: str) -> bool:
    """The fallback when a wrap still changed the structure: no punctuation at a line start."""
    return not word[:1].isalnum() or is_marker_word(word)


def _glue(text: str) -> str:
    """Mark the blanks wrapping must keep; other runs of blanks become one space.

    Kept: blanks in a code span other than single spaces (they are content), spaces in
    template tags, after a backslash or a soft hyphen, and between CJK characters.
    """
    if "`" in text or "  " in text or "\t" in text:
        text = _BLANKS.sub(_glue_blanks, text)
    if "{" in text or "[" in text:
        for pattern, closer in _UNBREAKABLE:
            end = text.rfind(closer)
            if end >= 0:
                end += len(closer)
                glued = pattern.sub(lambda m: m.group().replace(" ", _GLUE), text[:end])
                text = glued + text[end:]
    if not text.isascii():
        # A break between two CJK characters would come back without its space.
        text = _CJK_SPACE.sub(_GLUE, text)
    if "\\" not in text and SOFT_HYPHEN not in text:
        return text
    words = text.split(" ")
    out = [words[0]]
    for word in words[1:]:
        previous = out[-1]
        backslashes = len(previous) - len(previous.rstrip("\\"))
        # A line ending in "\" would be a hard break; one ending in a soft hyphen would be
        # joined to the next line's word when reflow reads its own output.
        if backslashes % 2 or previous.endswith(SOFT_HYPHEN):
            out[-1] = previous + _GLUE + word
        else:
            out.append(word)
    return " ".join(out)


def _glue_blanks(match: re.Match[str]) -> str:
    if match.group("code") is None:
        return " "
    return _CODE_BLANKS.sub(lambda m: m.group().translate(_TO_GLUE), match.group())


def _unglue(text: str) -> str:
    return text.translate(_FROM_GLUE)


def _render(
    para: _Para,
    *,
    repair: bool,
    ftfy: bool,
    style: LineStyle,
    must_not_start: Callable[[str], bool],
    newline: str,
) -> list[str]:
    """The paragraph's new lines, endings included, in the line ``style``.

    ``repair`` joins words split by a soft hyphen; ``ftfy`` also repairs the prose. A
    segment the style keeps (``keep``, or ``auto`` and already in the file's style) keeps
    its line breaks: only ``ftfy`` touches it.
    """
    lines = para.lines
    cont = _continuation(lines[0].prefix)
    definition = _DEFINITION_MARK.match(lines[0].body)
    if definition is not None:  # a definition's later lines line up with its text
        cont += " " * _columns(definition.group())
    out: list[str] = []
    seg_start = 0
    for k in range(len(lines)):
        if k < len(para.breaks) and para.breaks[k] != HARD:
            continue
        segment = lines[seg_start : k + 1]
        if style.keeps(_shape(segment), must_not_start):
            for line in segment:
                body = _repair_prose(line.body) if ftfy else line.body
                out.append(line.prefix + body + line.trailing + line.ending)
            seg_start = k + 1
            continue
        text = _join(segment, para.breaks[seg_start:k], repair=repair, exact=style.one_line)
        if ftfy:
            text = _repair_prose(text)
        tail = segment[-1].trailing + segment[-1].ending
        if style.one_line:
            out.append(segment[0].prefix + text + tail)
        else:
            first = lines[0].prefix if seg_start == 0 else cont
            marker = definition.group() if definition is not None and seg_start == 0 else ""
            wrapped = style.break_text(
                marker.translate(_TO_GLUE) + _glue(text[len(marker) :]),
                _columns(first),
                _columns(cont),
                must_not_start,
            )
            for n, piece in enumerate(wrapped):
                piece = _unglue(piece)
                end = tail if n == len(wrapped) - 1 else (lines[0].ending or newline)
                out.append((first if n == 0 else cont) + piece + end)
        seg_start = k + 1
    return out


def _shape(segment: list[_Line]) -> Segment:
    """A segment's lines as the line styles judge them: prefix columns and text."""
    return [(_columns(line.prefix), line.body) for line in segment]


def _segments(para: _Para) -> list[Segment]:
    """The paragraph's lines cut at its hard breaks."""
    cut = [k + 1 for k, kind in enumerate(para.breaks) if kind == HARD]
    bounds = zip([0, *cut], [*cut, len(para.lines)], strict=True)
    return [_shape(para.lines[start:end]) for start, end in bounds]


def _original(para: _Para) -> list[str]:
    return [line.prefix + line.body + line.trailing + line.ending for line in para.lines]


def _prepare(para: _Para, options: Options, newline: str, style: LineStyle) -> None:
    """List the forms to try for ``para`` and take the best one."""
    para.tried = [_original(para)]
    if options.repair or any(line.body.endswith(SOFT_HYPHEN) for line in para.lines):
        para.styles.append((True, _must_not_start))
    para.styles.append((False, _must_not_start))
    if style.kind in ("width", "sentence"):
        para.styles.append((False, _must_not_start_strict))
    _advance(para, options, newline, style)


def _advance(para: _Para, options: Options, newline: str, style: LineStyle) -> None:
    """Move ``para`` to its next-best form, or back to its lines as written when none is left.

    Forms are made only when needed: most paragraphs keep their first one.
    """
    while para.styles:
        repaired, predicate = para.styles.pop(0)
        lines = _render(
            para,
            repair=repaired,
            ftfy=repaired and options.repair,
            style=style,
            must_not_start=predicate,
            newline=newline,
        )
        if lines == para.tried[0]:
            break  # already in its best form: plainer forms are no better
        if lines not in para.tried:
            para.tried.append(lines)
            para.current, para.repaired = lines, repaired
            return
    para.styles.clear()
    para.current, para.repaired = None, False


# -- the safety net: the document's meaning, as a comparable list -------------------------


def _ws(text: str) -> str:
    return _CJK_SPACE.sub("", _ASCII_SPACE.sub(" ", text))


def _attrs(token: Token, skip: Iterable[str] = ()) -> str:
    attrs = {k: v for k, v in (token.attrs or {}).items() if k not in skip}
    if "title" in attrs:  # a link title may wrap like the text around it
        attrs["title"] = _ws(str(attrs["title"]))
    return json.dumps(attrs, sort_keys=True, ensure_ascii=False) if attrs else ""


def _inline_items(children: list[Token], owner: int) -> list[tuple[Any, ...]]:
    """The inline content: text runs (soft breaks as spaces) and every other token."""
    items: list[tuple[Any, ...]] = []
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            items.append(("text", owner, _ws("".join(buffer))))
            buffer.clear()

    for child in children:
        kind = child.type
        if kind in ("text", "text_special"):
            buffer.append(child.content)
        elif kind == "softbreak":
            buffer.append(" ")
        else:
            flush()
            if kind == "hardbreak":
                items.append(("hardbreak",))
            elif kind in ("code_inline", "html_inline", "math_inline", "math_inline_double"):
                items.append((kind, _ws(child.content)))
            elif kind == "image":
                items.append((kind, _attrs(child, ("alt",)), _ws(child.content).strip()))
            elif kind.startswith("footnote"):
                items.append((kind, (child.meta or {}).get("label")))
            else:
                items.append((kind, child.tag, child.nesting, child.markup, _attrs(child)))
    flush()
    # Blanks at either end of the paragraph, or next to a hard break, are not content.
    for n, item in enumerate(items):
        if item[0] != "text":
            continue
        text = item[2]
        if n == 0 or items[n - 1][0] == "hardbreak":
            text = text.lstrip(" ")
        if n == len(items) - 1 or items[n + 1][0] == "hardbreak":
            text = text.rstrip(" ")
        items[n] = ("text", owner, text)
    return [item for item in items if item[0] != "text" or item[2]]


def _meaning(
    tokens: list[Token], env: dict[str, Any], first_ordinal: int = 0
) -> tuple[list[tuple[Any, ...]], list[int]]:
    """The document as comparable items, with the source line each item came from.

    ``first_ordinal`` numbers the paragraphs of a stretch as in the whole document.
    """
    items: list[tuple[Any, ...]] = []
    lines: list[int] = []
    line = 0
    ordinal = first_ordinal - 1
    for i, token in enumerate(tokens):
        if token.map:
            line = token.map[0]
        if token.type == "inline":
            in_paragraph = i > 0 and tokens[i - 1].type == "paragraph_open"
            owner = ordinal if in_paragraph else -1
            if in_paragraph and is_template_paragraph(token.content):
                found: list[tuple[Any, ...]] = [("verbatim", token.content)]
            else:
                found = _inline_items(token.children or [], owner)
            items.extend(found)
            lines.extend([line] * len(found))
            continue
        if token.type == "paragraph_open":
            ordinal += 1
        key: tuple[Any, ...] = (token.type, token.tag, token.nesting, token.hidden, token.markup)
        key += (_attrs(token), token.info.strip() if token.type == "fence" else "")
        if token.type in _EXACT:
            key += (token.content,)
        if token.type.startswith("footnote"):
            key += ((token.meta or {}).get("label"),)
        items.append(key)
        lines.append(line)
    for label, ref in sorted(env.get("references", {}).items()):
        items.append(("reference", label, ref.get("href"), _ws(ref.get("title") or "")))
        lines.append(line)
    return items, lines


def _first_difference(
    before: list[tuple[Any, ...]], after: list[tuple[Any, ...]], loose: set[int]
) -> int | None:
    """Index of the first item that differs; text of ``loose`` paragraphs may differ by repairs."""
    for n, (a, b) in enumerate(zip(before, after, strict=False)):
        if a == b:
            continue
        repaired = a[0] == "text" == b[0] and a[1] == b[1] and a[1] in loose
        # Repairs change letters (mojibake) or only what lies between them (soft hyphens).
        if repaired and word_stream(b[2]) in (repaired_words(a[2]), word_stream(a[2])):
            continue
        return n
    if len(before) != len(after):
        return min(len(before), len(after))
    return None


# -- the whole file -----------------------------------------------------------------------


def format_markdown(text: str, options: Options, name: str | None = None) -> str:
    """Unwrap (or re-wrap, in ``options.wrap``'s line style) a Markdown document's paragraphs.

    Only paragraph lines change; every other line is copied byte for byte. Each
    rewritten paragraph is checked by parsing the result again: a paragraph whose
    new form would change the document's structure falls back to a plainer form,
    and in the end to its lines as written. ``name`` (the file's path) lets the
    ``auto`` dialect be detected from the file's suffix and repository.

    A long document is formatted a chunk at a time (see ``_chunks``), so that memory
    follows the chunk and not the document.
    """
    if not text:
        return text
    dialect = resolve_dialect(options.dialect, name)
    chunked = _chunks(text, dialect)
    if chunked is None:
        return _format_whole(text, options, dialect)
    starts, references = chunked
    ends = [*starts[1:], len(text)]
    shared = _Shared(_usual_newline(text), None, references)
    if options.wrap == "auto":
        segments = (
            segment
            for start, end in zip(starts, ends, strict=True)
            for para in _chunk_paragraphs(text[start:end], dialect, references)
            for segment in _segments(para)
        )
        shared.style = detect_style(segments, _must_not_start)
    return "".join(
        _format_whole(text[start:end], options, dialect, shared)
        for start, end in zip(starts, ends, strict=True)
    )


def _format_whole(text: str, options: Options, dialect: str, shared: _Shared | None = None) -> str:
    """``format_markdown`` of one document (or chunk) in a known dialect."""
    result = _format(text, options, dialect, shared)
    if dialect == "myst" and "{" in result:
        result = _directive_bodies(result, options)
    return result


@dataclass(slots=True)
class _Shared:
    """What every chunk of a long document shares: decided once, for the whole document."""

    newline: str
    style: LineStyle | None  # under ``auto``: the document's line style
    references: dict[str, Any]  # link reference definitions, usable from any chunk

    def env(self) -> dict[str, Any]:
        """A parser environment that knows every reference definition of the document."""
        return {"references": dict(self.references)} if self.references else {}


def _usual_newline(text: str) -> str:
    """The most frequent line ending of ``text`` (ties: the first to appear), else "\n"."""
    crlf = text.count("\r\n")
    counts = {"\r\n": crlf, "\r": text.count("\r") - crlf, "\n": text.count("\n") - crlf}
    firsts = {
        "\r\n": text.find("\r\n"),
        "\r": _first(_LONE_CR, text),
        "\n": _first(_LONE_LF, text),
    }
    found = [ending for ending, count in counts.items() if count]
    if not found:
        return "\n"
    return min(found, key=lambda ending: (-counts[ending], firsts[ending]))


_LONE_CR = re.compile(r"\r(?!\n)")
_LONE_LF = re.compile(r"(?<!\r)\n")


def _first(pattern: re.Pattern[str], text: str) -> int:
    match = pattern.search(text)
    return match.start() if match else -1


def _format(text: str, options: Options, dialect: str, shared: _Shared | None = None) -> str:
    """``format_markdown`` in a known dialect, directive bodies left as they are.

    ``shared``: for a chunk of a long document, its usual newline, line style and
    reference definitions.
    """
    lines = _split(text)
    parsed_text = _parse_form(text)
    parsed = parsed_text.split("\n")
    md = parser(dialect)
    env: dict[str, Any] = shared.env() if shared is not None else {}
    tokens = md.parse(parsed_text, env)
    paras = _paragraphs(tokens, lines, parsed, line_roles(parsed, dialect))
    if shared is not None:
        newline = shared.newline
    else:
        # New line breaks (from wrapping) copy the paragraph's own, else the file's usual one.
        endings = Counter(ending for _, ending in lines if ending)
        newline = endings.most_common(1)[0][0] if endings else "\n"
    # The line style: the one asked for, or (auto) the file's own.
    if options.wrap == "auto":
        style = (
            shared.style
            if shared is not None and shared.style is not None
            else detect_style(
                (segment for para in paras for segment in _segments(para)), _must_not_start
            )
        )
    else:
        style = chosen_style(str(options.wrap), options.width)
    for para in paras:
        _prepare(para, options, newline, style)
    changing = sorted((para for para in paras if para.current is not None), key=lambda p: p.start)
    if not changing:
        return text
    by_ordinal: dict[int, list[_Para]] = {}
    for para in changing:
        by_ordinal.setdefault(para.ordinal, []).append(para)
    references = shared.references if shared is not None else {}
    settle = _Settler(md, lines, options, newline, by_ordinal, style, references)
    before = _meaning(tokens, env)[0]
    result = settle(0, len(lines), changing, 0, before, rounds=1)
    if result is not None:
        return result  # the usual case: every paragraph's first form is right
    # Each stretch of a long document is settled on its own, so that a re-parse costs the
    # stretch and not the whole document; one whole-document check then confirms it.
    for first, last, ordinal, group in _stretches(tokens, parsed, changing):
        if settle(first, last, group, ordinal) is None:
            for para in group:
                para.styles.clear()
                para.current = None
    result = settle(0, len(lines), changing, 0, before)
    return text if result is None else result


def _chunk_paragraphs(text: str, dialect: str, references: dict[str, Any]) -> list[_Para]:
    """The paragraphs of one chunk (for detecting the line style of the whole document)."""
    parsed_text = _parse_form(text)
    parsed = parsed_text.split("\n")
    tokens = parser(dialect).parse(parsed_text, {"references": dict(references)})
    return _paragraphs(tokens, _split(text), parsed, line_roles(parsed, dialect))


# -- long documents in chunks ---------------------------------------------------------------

#: Lines of a long document looked at, and about the most formatted, at a time.
CHUNK_LINES = 2000


def _chunks(text: str, dialect: str) -> tuple[list[int], dict[str, Any]] | None:
    """Where a long document is cut into chunks that format as they would within the whole
    (the offset each chunk begins at), and the document's link reference definitions (which
    any chunk may use); None to format it whole.

    A first, light pass parses the block structure a window of ``CHUNK_LINES`` lines at a
    time (no inline parsing). A chunk ends only before a top-level block that follows a
    blank line: never inside a list, a fence, a table, an HTML block or front matter.
    Parsing from a block that begins at the top level gives the blocks that parsing the
    whole would, since only reference and footnote definitions carry anything forward;
    the first are collected here and given to every chunk, and a document with footnote
    definitions is formatted whole. Nor does a chunk end inside a span a dialect protects
    (``dialects.line_roles``), inside a ``reflow: off`` region, or before a ``---`` or
    ``+++`` line (which would open front matter).
    """
    if text.count("\n") + text.count("\r") <= 2 * CHUNK_LINES:
        return None
    parsed = _parse_form(text).split("\n")
    count = len(parsed)
    roles = line_roles(parsed, dialect)
    blocked = roles.protected
    md = parser(dialect)
    env: dict[str, Any] = {}
    cuts = [0]
    start = 0
    while count - start > CHUNK_LINES:
        end = start + CHUNK_LINES
        while True:
            tokens: list[Token] = []
            md.block.parse("\n".join(parsed[start:end]) + "\n", md, env, tokens)
            cut = _last_cut(tokens, parsed, start, blocked)
            if cut is not None or end >= count:
                break
            # No place to cut (one block longer than the window, or no blank line): the window
            # doubles, so that a document without a cut is parsed about twice, not once a window.
            end = min(count, start + 2 * (end - start))
        if env.get("footnotes"):
            return None  # footnote definitions number their references document-wide
        if cut is None:
            break
        cuts.append(cut)
        start = cut
    if len(cuts) == 1:
        return None
    return _line_offsets(text, cuts), env.get("references", {})


def _last_cut(
    tokens: list[Token], parsed: list[str], start: int, blocked: dict[int, str]
) -> int | None:
    """The last line of a window (``tokens``, parsed from line ``start``) where a chunk may
    begin: before a top-level block, outside ``reflow: off`` regions."""
    tops = [t.map[0] for t in tokens if t.level == 0 and t.nesting >= 0 and t.map]
    # The window's last block may run on past the window: a chunk never begins there.
    last = tops[-1] if tops else 0
    cut: int | None = None
    off = False  # a window begins where a chunk may: outside any region
    for token in tokens:
        if token.level == 0 and token.nesting >= 0 and token.map and 0 < token.map[0] < last:
            line = start + token.map[0]
            if not off and _allowed(line, parsed, blocked):
                cut = line
        if token.type == "html_block":
            for match in _SWITCH.finditer(token.content):
                off = match.group(1).lower() == "off"
    return cut


def _allowed(line: int, parsed: list[str], blocked: dict[int, str]) -> bool:
    return (
        line > 0
        and not parsed[line - 1].strip()
        and line not in blocked
        and line - 1 not in blocked
        and not parsed[line].startswith(("---", "+++"))
    )


def _line_offsets(text: str, lines: list[int]) -> list[int]:
    """Where each of ``lines`` (sorted line numbers, as markdown-it counts) begins in ``text``."""
    offsets: list[int] = []
    wanted = iter(lines)
    target = next(wanted)
    if target == 0:
        offsets.append(0)
        target = next(wanted, None)
    if target is None:
        return offsets
    for line, match in enumerate(_EOL.finditer(text), 1):
        if line == target:
            offsets.append(match.end())
            target = next(wanted, None)
            if target is None:
                break
    return offsets


#: Lines in a stretch of a long document that the safety net settles on its own.
_STRETCH_LINES = 200


def _stretches(
    tokens: list[Token], parsed: list[str], changing: list[_Para]
) -> list[tuple[int, int, int, list[_Para]]]:
    """Stretches (first line, end line, first paragraph ordinal, their changing paragraphs).

    Stretches start at top-level blocks, at least ``_STRETCH_LINES`` apart; a short
    document is one stretch and needs no stretches of its own.
    """
    count = len(parsed)
    if count <= 2 * _STRETCH_LINES:
        return []
    cuts = [0]
    ordinals = [0]
    paragraphs = 0
    for token in tokens:
        top = token.level == 0 and token.nesting >= 0 and token.map
        # A stretch must not open with "---" or "+++": read first, it would be front matter.
        if (
            top
            and token.map[0] - cuts[-1] >= _STRETCH_LINES
            and not parsed[token.map[0]].startswith(("---", "+++"))
        ):
            cuts.append(token.map[0])
            ordinals.append(paragraphs)
        if token.type == "paragraph_open":
            paragraphs += 1
    if len(cuts) == 1:
        return []  # one block: the whole-document check is the only one needed
    cuts.append(count)
    found: list[tuple[int, int, int, list[_Para]]] = []
    k = 0  # changing is in line order: each paragraph is looked at once
    for n in range(len(cuts) - 1):
        first, last = cuts[n], cuts[n + 1]
        group: list[_Para] = []
        while k < len(changing) and changing[k].start < last:
            group.append(changing[k])
            k += 1
        if group:
            found.append((first, last, ordinals[n], group))
    return found


@dataclass(slots=True)
class _Settler:
    """The safety net: re-parse, compare, and move the paragraph at fault to a plainer form."""

    md: MarkdownIt
    lines: list[tuple[str, str]]
    options: Options
    newline: str
    by_ordinal: dict[int, list[_Para]]
    style: LineStyle
    #: A chunk's parses know the whole document's reference definitions.
    references: dict[str, Any] = field(default_factory=dict)

    def env(self) -> dict[str, Any]:
        """A fresh parser environment (with the document's reference definitions, if any)."""
        return {"references": dict(self.references)} if self.references else {}

    def __call__(
        self,
        first: int,
        last: int,
        changing: list[_Para],
        ordinal: int,
        before: list[tuple[Any, ...]] | None = None,
        rounds: int | None = None,
    ) -> str | None:
        """Lines ``first`` to ``last`` with every paragraph in a form that keeps their meaning.

        None when too many rounds went by (the caller keeps the lines as written), or when
        ``rounds`` were not enough (the paragraph at fault has moved on to its next form).
        """
        md, lines = self.md, self.lines
        if before is None:
            original = "".join(raw + ending for raw, ending in lines[first:last])
            env = self.env()
            before = _meaning(md.parse(_parse_form(original), env), env, ordinal)[0]
        for round_ in range(rounds or _MAX_ROUNDS + len(changing)):
            result, starts = _assemble(lines, changing, first, last)
            env_after = self.env()
            tokens = md.parse(_parse_form(result), env_after)
            after, after_lines = _meaning(tokens, env_after, ordinal)
            loose = {p.ordinal for p in changing if p.current is not None and p.repaired}
            n = _first_difference(before, after, loose)
            if n is None:
                return result
            suspects = [p for p in changing if p.current is not None]
            if not suspects:
                break
            culprit = _culprit(n, after, after_lines, suspects, starts, self.by_ordinal)
            if round_ >= _MAX_ROUNDS:
                # Too many rounds: every suspect from the culprit on keeps its lines as written.
                for para in suspects:
                    if para.start >= culprit.start:
                        para.styles.clear()
                        para.current = None
            else:
                _advance(culprit, self.options, self.newline, self.style)
        return None


_DIRECTIVE_INFO = re.compile(r"\{([\w-]+)\}")
_OPTION_LINE = re.compile(r":[\w-]+:(?:[ \t]|$)")


def _directive_bodies(text: str, options: Options) -> str:
    """MyST: the body of each top-level prose directive fence (```` ```{note} ````) formatted
    as a document of its own, after its ``:option:`` lines or ``---`` block.

    Kept only when the document's blocks and every fence's info string come out the same.
    """
    md = parser("myst")
    tokens = md.parse(_parse_form(text))
    lines = _split(text)
    replaced: list[tuple[int, int, str]] = []
    for token in tokens:
        if token.type != "fence" or token.level != 0 or not token.map:
            continue
        match = _DIRECTIVE_INFO.match(token.info.strip())
        if match is None or match.group(1) not in PROSE_DIRECTIVES:
            continue
        opener, end = token.map
        closing = lines[end - 1][0].strip() if end - 1 > opener else ""
        if not lines[opener][0].startswith(token.markup) or not closing.startswith(token.markup):
            continue  # indented or never closed
        start = opener + 1
        if start < end - 1 and lines[start][0].strip() == "---":
            start = next(
                (n + 1 for n in range(start + 1, end - 1) if lines[n][0].strip() == "---"), end - 1
            )
        while start < end - 1 and _OPTION_LINE.match(lines[start][0]):
            start += 1
        body = "".join(raw + ending for raw, ending in lines[start : end - 1])
        new = format_markdown(body, options.replace(dialect="myst")) if body.strip() else body
        if new != body:
            replaced.append((start, end - 1, new))
    if not replaced:
        return text
    out: list[str] = []
    row = 0
    for start, stop, new in replaced:
        out.extend(raw + ending for raw, ending in lines[row:start])
        out.append(new)
        row = stop
    out.extend(raw + ending for raw, ending in lines[row:])
    result = "".join(out)

    def shape(found: list[Token]) -> list[tuple[str, str, int]]:
        return [(t.type, t.info, t.level) for t in found if t.level == 0]

    return result if shape(md.parse(_parse_form(result))) == shape(tokens) else text


def _parse_form(text: str) -> str:
    """What markdown-it reads (its normalize step), so line numbers match ``_split``."""
    return _EOL.sub("\n", text).replace("\x00", "\ufffd")


def _assemble(
    lines: list[tuple[str, str]], paras: list[_Para], first: int, last: int
) -> tuple[str, dict[int, int]]:
    """Lines ``first`` to ``last`` with each paragraph in its current form; and each one's
    first output line (counted from ``first``)."""
    out: list[str] = []
    starts: dict[int, int] = {}
    row = first
    count = 0
    for para in paras:
        for raw, ending in lines[row : para.start]:
            out.append(raw + ending)
        count += para.start - row
        starts[para.start] = count
        new = para.current if para.current is not None else para.tried[0]
        out.extend(new)
        count += len(new)
        row = para.end
    out.extend(raw + ending for raw, ending in lines[row:last])
    return "".join(out), starts


def _culprit(
    n: int,
    after: list[tuple[Any, ...]],
    after_lines: list[int],
    suspects: list[_Para],
    starts: dict[int, int],
    by_ordinal: dict[int, list[_Para]],
) -> _Para:
    """The rewritten paragraph (or run of one) most likely to have caused the difference."""
    if n < len(after) and after[n][0] == "text":
        for owner in by_ordinal.get(after[n][1], ()):
            if owner.current is not None:
                return owner
    line = after_lines[min(n, len(after_lines) - 1)] if after_lines else 0
    earlier = [p for p in suspects if starts[p.start] <= line]
    return max(earlier, key=lambda p: starts[p.start]) if earlier else suspects[0]
