"""Markdown mode on a whole document: find, rewrite and check its paragraphs, a chunk at a time."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..dialects import PROSE_DIRECTIVES, line_roles, resolve_dialect
from ..options import Options
from ..styles import LineStyle, chosen_style, detect_style
from .chunks import _chunks
from .meaning import _meaning
from .parsing import _parse_form, _split, parser
from .rewrap import _must_not_start, _prepare, _segments
from .rewritable import _Para, _paragraphs
from .settle import _Settler, _stretches

if TYPE_CHECKING:
    from markdown_it.token import Token


_EMBEDDED_CODE_LINE = re.compile(r"^[ \t]*<%", re.MULTILINE)
# A pandoc template's conditional or loop opening a line ("$if(titleblock)$", "${for(author)}"),
# in a file that closes one ("$endif$", "${endfor}"): pandoc's data/templates/default.markdown.
_PANDOC_TEMPLATE_LINE = re.compile(r"^[ \t]*\$\{?(?:if|for)\([\w.-]+\)(?:\$|\})", re.MULTILINE)
_PANDOC_TEMPLATE_END = re.compile(r"\$end(?:if|for)\$|\$\{end(?:if|for)\}")


def _is_template(text: str) -> bool:
    """True for a file that is a template making a page, not a page: a line that opens with an
    EJS or ERB tag, or a pandoc template's "$if(…)$" or "$for(…)$" with its end in the file."""
    if _EMBEDDED_CODE_LINE.search(text):
        return True
    return "$" in text and (
        _PANDOC_TEMPLATE_LINE.search(text) is not None
        and _PANDOC_TEMPLATE_END.search(text) is not None
    )


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
    if not text or _is_template(text):
        # A line that opens with an EJS or ERB tag ("<% if (theme) { %>---") or a pandoc
        # template's "$if(…)$" or "$for(…)$": the file is a template that makes a page
        # (VitePress's scaffold, pandoc's data/templates/default.markdown, whose "$endif$"
        # lines were joined into "$endif$ $body$ $for(include-after)$"), its front matter and
        # all; no line of it is the page's own.
        return text
    dialect = resolve_dialect(options.dialect, name)
    if dialect in ("obsidian", "hexo"):
        # Obsidian shows each line break of a paragraph as one (unless "strict line breaks"
        # is on), and so does a Hexo site's hexo-renderer-marked (its "breaks" option is on
        # unless the site turns it off): a join or a new break would change what its reader
        # sees.
        options = options.replace(wrap="keep", width=0)
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
