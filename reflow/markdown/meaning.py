"""The safety net's view of a document: its meaning as a comparable list, and where two differ."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..safety import repaired_words, word_stream
from .protected import is_template_paragraph
from .rewrap import _CJK_SPACE

if TYPE_CHECKING:
    from markdown_it.token import Token

_ASCII_SPACE = re.compile(r"[ \t\n\r\f\v]+")  # NBSP and other Unicode spaces are content

# Block tokens whose content must stay byte-exact.
_EXACT = frozenset(
    {"fence", "code_block", "html_block", "front_matter", "math_block", "math_block_label"}
)


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
