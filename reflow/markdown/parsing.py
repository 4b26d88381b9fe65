"""The markdown-it parser of each dialect, and a document's lines as that parser counts them."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_inline import StateInline

# markdown-it splits lines exactly here (its normalize step turns \r\n and \r into \n).
_EOL = re.compile(r"\r\n|\r|\n")

_BREAKS = ("softbreak", "hardbreak")


def _opens_after_blank_lines(state: StateBlock, start: int, marker: str) -> bool:
    """Line ``start`` is ``marker`` alone at the margin, with only blank lines above it."""
    if state.blkIndent != 0 or state.tShift[start] != 0:
        return False
    if state.src[state.bMarks[start] : state.eMarks[start]].rstrip() != marker:
        return False
    # Backwards, so that each marker line costs only the blank lines right above it.
    return all(state.isEmpty(line) for line in range(start - 1, -1, -1))


def _toml_front_matter(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """Hugo and Zola front matter: a ``+++`` first line up to the next ``+++`` line.

    Zola reads it after blank lines too, so only blank lines may come before the opener.
    """
    if not _opens_after_blank_lines(state, start, "+++"):
        return False
    line = start + 1
    while line < end:
        text = state.src[state.bMarks[line] : state.eMarks[line]]
        if text.rstrip() == "+++":
            break
        line += 1
    else:
        return False  # never closed: ordinary Markdown
    return silent or _front_matter_token(state, start, line, "+++")


#: The first line of YAML front matter: a key ("title:", "event_type:") or a comment.
_YAML_START = re.compile(r"[A-Za-z_][\w-]*[ \t]*:(?:[ \t]|$)|#")


def _yaml_front_matter(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """YAML front matter after blank lines: a ``---`` line with only blank lines above it, YAML
    under it, up to the next ``---`` (or ``...``) line. Hugo skips blank lines before front
    matter; markdown-it reads a rule there, and the YAML under it as a paragraph it would join
    ("slug: … title: … date: …" on one line; over 60 repositories, 7 pages open so, all Hugo
    sites' and all YAML). On the first line, markdown-it's own rule reads it.
    """
    if start == 0 or not _opens_after_blank_lines(state, start, "---"):
        return False
    line = start + 1
    while line < end and state.isEmpty(line):
        line += 1
    if line >= end or not _YAML_START.match(state.src, state.bMarks[line], state.eMarks[line]):
        return False
    while line < end:
        if state.src[state.bMarks[line] : state.eMarks[line]].rstrip() in ("---", "..."):
            break
        line += 1
    else:
        return False  # never closed: ordinary Markdown
    return silent or _front_matter_token(state, start, line, "---")


def _front_matter_token(state: StateBlock, start: int, close: int, markup: str) -> bool:
    """Push front matter from line ``start`` to its closing line ``close`` as one hidden token."""
    token = state.push("front_matter", "", 0)
    token.hidden = True
    token.block = True
    token.markup = markup
    token.content = state.src[state.bMarks[start + 1] : state.bMarks[close]]
    token.map = [start, close + 1]
    state.line = close + 1
    return True


#: A kramdown-rfc section line, "--- abstract", "--- middle", "--- back", "--- note_Notes".
_RFC_SECTION = re.compile(r"---[ \t]+[A-Za-z_]")


def _rfc_front_matter(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """kramdown-rfc's YAML header (the IETF's Internet-Drafts written in Markdown): a ``---``
    first line up to the ``--- abstract`` line that opens the document's first section.
    The YAML has blank lines in it, and no plain ``---`` closes it, so it would read as a
    rule over paragraphs and lists ("title: … number: 9001 docName: …" joined)."""
    if start != 0 or not _opens_after_blank_lines(state, start, "---"):
        return False
    line = start + 1
    while line < end:
        text = state.src[state.bMarks[line] : state.eMarks[line]]
        if text.startswith("---"):
            break
        line += 1
    else:
        return False
    if not _RFC_SECTION.match(text):
        return False  # a plain "---" closes ordinary front matter (markdown-it's own rule)
    return silent or _front_matter_token(state, start, line, "---")


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
    md.block.ruler.before(
        "table",
        "yaml_front_matter",
        _yaml_front_matter,
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )
    md.block.ruler.before(
        "table",
        "rfc_front_matter",
        _rfc_front_matter,
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


def _parse_form(text: str) -> str:
    """What markdown-it reads (its normalize step), so line numbers match ``_split``."""
    return _EOL.sub("\n", text).replace("\x00", "\ufffd")
