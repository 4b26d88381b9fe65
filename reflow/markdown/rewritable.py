"""The paragraphs Markdown mode may rewrite, each line cut into container prefix, text, blanks."""

from __future__ import annotations

import re
from collections.abc import Callable, Container
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..dialects import LineRoles
from .parsing import _BREAKS
from .protected import _protected_lines, is_template_paragraph

if TYPE_CHECKING:
    from markdown_it.token import Token

# What may stand before a paragraph's first character on its line: container markup
# (block-quote markers, list markers, footnote labels) and indentation.
_PREFIX_PART = re.compile(
    r"(?P<space>[ \t]+)|(?P<quote>>)"
    r"|(?P<item>[-+*]|\d{1,9}[.)])(?=[ \t]|$)|(?P<note>\[\^[^\]\s]+\]:)"
)

SOFT, HARD, INNER = "soft", "hard", "inner"
#: A newline inside a code span kept as written (see ``_paragraphs``): a hard break's cut,
#: and the line after it keeps its own indent.
KEPT = "kept"
#: A newline inside an HTML attribute value ('<abbr title="a long' / 'name">'): the value's
#: own (a tooltip shows it), kept as written, and no break is put in the value's parts.
VALUE = "value"


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
    # how each line but the last ends: SOFT, HARD, INNER (code, HTML), KEPT, VALUE
    breaks: list[str]
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
    previous = None
    html_from = 0  # where the next inline HTML is looked for in the content
    for child in inline.children or []:
        if child.type == "html_inline" and "\n" in child.content:
            html_from = _value_newlines(content, child.content, html_from, where, breaks)
        if child.type not in _BREAKS:
            previous = child
            continue
        meta = child.meta or {}
        k = where.get(meta.get("newline", -1))
        if k is None or meta.get("source") != content:
            return None  # a break we cannot place: leave the paragraph alone
        # A line that ends in an HTML line break ("**Type:** `boolean`<br/>"), or in MDC's
        # ("… at runtime. :br"), breaks there for the reader as a hard break does: the
        # writer's lines stay.
        hard = child.type == "hardbreak" or (previous is not None and _ends_in_break(previous))
        breaks[k] = HARD if hard else SOFT
        previous = child
    return breaks


#: A quoted attribute value in an HTML tag.
_QUOTED_VALUE = re.compile(r"=[ \t\n]*(\"[^\"]*\"|'[^']*')")


def _value_newlines(
    content: str, tag: str, start: int, where: dict[int, int], breaks: list[str]
) -> int:
    """Mark VALUE the newlines inside quoted attribute values of the inline HTML ``tag``,
    found in ``content`` from ``start``; returns where to look for the next tag."""
    pos = content.find(tag, start)
    if pos < 0:
        return start
    for value in _QUOTED_VALUE.finditer(tag):
        for offset in range(value.start(1), value.end(1)):
            if tag[offset] == "\n" and pos + offset in where:
                breaks[where[pos + offset]] = VALUE
    return pos + len(tag)


#: An inline HTML line break: <br>, <br/>, <br />, in any case.
_HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
#: MDC's line break (Nuxt Content), an inline component ending a line's text: ":br".
_MDC_BREAK = re.compile(r"(?:^|\s):br$")


def _ends_in_break(token: Token) -> bool:
    """True when the inline ``token`` before a line's end is a line break: ``<br>`` or ``:br``."""
    if token.type == "html_inline":
        return _HTML_BREAK.fullmatch(token.content) is not None
    return token.type == "text" and _MDC_BREAK.search(token.content) is not None


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
            for k, line in enumerate(para_lines[1:]):
                if line is not None and line.lead and breaks[k] == INNER:
                    # A code span's newline before an indented line: CommonMark strips the
                    # indent (`a b`), markdown-it keeps it (`a    b`). No joined form reads
                    # the same to both, so the break stays as written.
                    breaks[k] = KEPT
            found.extend(_runs(ordinal, start, para_lines, breaks, roles.starts))
    return found


def _runs(
    ordinal: int, start: int, lines: list[_Line | None], breaks: list[str], starts: Container[int]
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
