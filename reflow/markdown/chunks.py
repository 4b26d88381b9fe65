"""Where a long document is cut into chunks that format as they would within the whole."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..dialects import line_roles
from .parsing import _EOL, _parse_form, parser
from .protected import _SWITCH, switch_state

if TYPE_CHECKING:
    from markdown_it.token import Token

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
    # A window that ends inside front matter reads no front matter, only its lines, and
    # would cut at a blank line in it.
    first = _front_matter_end(parsed)
    md = parser(dialect)
    env: dict[str, Any] = {}
    cuts = [0]
    start = 0
    while count - start > CHUNK_LINES:
        end = start + CHUNK_LINES
        while True:
            tokens: list[Token] = []
            md.block.parse("\n".join(parsed[start:end]) + "\n", md, env, tokens)
            cut = _last_cut(tokens, parsed, start, blocked, first)
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
    tokens: list[Token], parsed: list[str], start: int, blocked: dict[int, str], first: int
) -> int | None:
    """The last line of a window (``tokens``, parsed from line ``start``) where a chunk may
    begin: before a top-level block after line ``first``, outside ``reflow: off`` regions."""
    tops = [t.map[0] for t in tokens if t.level == 0 and t.nesting >= 0 and t.map]
    # The window's last block may run on past the window: a chunk never begins there.
    last = tops[-1] if tops else 0
    cut: int | None = None
    off = False  # a window begins where a chunk may: outside any region
    held = False  # after a <!-- prettier-ignore -->: its block stays with it
    for token in tokens:
        if token.level == 0 and token.nesting >= 0 and token.map and 0 < token.map[0] < last:
            line = start + token.map[0]
            if not off and not held and line > first and _allowed(line, parsed, blocked):
                cut = line
        if token.level == 0 and token.nesting >= 0 and token.map:
            held = False
        if token.type == "html_block":
            for match in _SWITCH.finditer(token.content):
                state = switch_state(match)
                if state == "next":
                    held = True
                else:
                    off = state == "off"
    return cut


def _allowed(line: int, parsed: list[str], blocked: dict[int, str]) -> bool:
    return (
        line > 0
        and not parsed[line - 1].strip()
        and line not in blocked
        and line - 1 not in blocked
        and not parsed[line].startswith(("---", "+++"))
    )


def _front_matter_end(parsed: list[str]) -> int:
    """The last line front matter may take (from a ``---`` or ``+++`` line after nothing but
    blank lines to the next such line), else 0."""
    for n, line in enumerate(parsed):
        if line.strip():
            fence = line[:3]
            if fence not in ("---", "+++"):
                return 0
            return next((k for k in range(n + 1, len(parsed)) if parsed[k][:3] == fence), 0)
    return 0


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
