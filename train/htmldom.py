"""A small HTML tree on the standard library's parser: simple CSS selectors and block extraction."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
}
# A start tag of one of these closes an open element of the same family (HTML's implied ends).
IMPLIED_END = {
    "p": {"p"},
    "li": {"li"},
    "dt": {"dt", "dd"},
    "dd": {"dt", "dd"},
    "tr": {"tr", "td", "th"},
    "td": {"td", "th"},
    "th": {"td", "th"},
    "option": {"option"},
}
# Block starts that close an open <p> (the parser would otherwise nest them inside it).
CLOSES_P = {
    "div",
    "p",
    "ul",
    "ol",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "figure",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "nav",
    "form",
    "hr",
    "dl",
}
# Not shown, or shown differently by each renderer (w3m writes a superscript as ^1).
DROP = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "object",
    "canvas",
    "select",
    "sup",
}
INLINE_KEEP = {"a", "em", "i", "strong", "b", "code", "sub", "small", "abbr", "cite"}
# Elements whose text never runs into a neighbour's.
SPACED = {
    "p",
    "div",
    "li",
    "td",
    "th",
    "tr",
    "dd",
    "dt",
    "blockquote",
    "section",
    "figcaption",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "table",
    "pre",
    "figure",
    "article",
}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass(eq=False)
class Node:
    """An element: its tag, attributes and children (elements or text strings)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = None

    def elements(self) -> list[Node]:
        return [child for child in self.children if isinstance(child, Node)]

    def iter(self) -> list[Node]:
        """Every element below this one, in document order."""
        out: list[Node] = []
        stack = list(reversed(self.elements()))
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(reversed(node.elements()))
        return out

    def text(self) -> str:
        parts: list[str] = []
        stack: list[Node | str] = [self]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                parts.append(item)
            elif item.tag not in DROP:
                if item.tag == "br" or item.tag in SPACED:
                    parts.append(" ")
                    stack.append(" ")
                stack.extend(reversed(item.children))
        return " ".join("".join(parts).split())

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.stack = [self.root]

    def _close(self, tags: set[str], scope: int = 6) -> None:
        for depth in range(len(self.stack) - 1, max(0, len(self.stack) - 1 - scope), -1):
            if self.stack[depth].tag in tags:
                del self.stack[depth:]
                return

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in IMPLIED_END:
            self._close(IMPLIED_END[tag], scope=2 if tag == "p" else 6)
        if tag in CLOSES_P and self.stack[-1].tag == "p":
            self.stack.pop()
        node = Node(tag, {k: v or "" for k, v in attrs}, parent=self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, parent=self.stack[-1])
        self.stack[-1].children.append(node)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(markup: str) -> Node:
    builder = _Builder()
    builder.feed(markup)
    builder.close()
    return builder.root


# -- selectors ---------------------------------------------------------------------------------

_COMPOUND = re.compile(
    r"""(?P<tag>[a-zA-Z][\w-]*|\*)?(?P<rest>(?:[#.][\w-]+|\[[\w-]+(?:[~*^$|]?=(?:"[^"]*"|'[^']*'|[^\]]*))?\])*)$"""
)
_PART = re.compile(r"""([#.])([\w-]+)|\[([\w-]+)(?:([~*^$|]?=)("[^"]*"|'[^']*'|[^\]]*))?\]""")


def _compound(text: str) -> list[tuple[str, str, str, str]] | None:
    """``tag#id.class[attr=value]`` -> a list of tests, or None when it is not that simple."""
    match = _COMPOUND.match(text)
    if not match:
        return None
    tests: list[tuple[str, str, str, str]] = []
    if match["tag"] and match["tag"] != "*":
        tests.append(("tag", match["tag"].lower(), "", ""))
    for part in _PART.finditer(match["rest"]):
        if part[1] == "#":
            tests.append(("attr", "id", "=", part[2]))
        elif part[1] == ".":
            tests.append(("class", part[2], "", ""))
        else:
            tests.append(("attr", part[3], part[4] or "", (part[5] or "").strip("\"'")))
    return tests


def _matches(node: Node, tests: list[tuple[str, str, str, str]]) -> bool:
    for kind, name, op, value in tests:
        if kind == "tag" and node.tag != name:
            return False
        if kind == "class" and name not in node.classes():
            return False
        if kind == "attr":
            if name not in node.attrs:
                return False
            have = node.attrs[name]
            if op == "=" and have != value:
                return False
            if op == "~=" and value not in have.split():
                return False
            if op == "*=" and value not in have:
                return False
            if op == "^=" and not have.startswith(value):
                return False
            if op == "$=" and not have.endswith(value):
                return False
    return True


def select(root: Node, selector: str) -> list[Node] | None:
    """Elements matching a simple selector (compounds joined by spaces or ``>``); None when the
    selector uses anything else (pseudo-classes, sibling combinators, groups)."""
    tokens = selector.replace(">", " > ").split()
    chain: list[tuple[str, list[tuple[str, str, str, str]]]] = []
    combinator = " "
    for token in tokens:
        if token == ">":
            combinator = ">"
            continue
        tests = _compound(token)
        if tests is None or not tests:
            return None
        chain.append((combinator, tests))
        combinator = " "
    if not chain:
        return None

    def fits(node: Node, index: int) -> bool:
        if not _matches(node, chain[index][1]):
            return False
        if index == 0:
            return True
        parent = node.parent
        if chain[index][0] == ">":
            return parent is not None and fits(parent, index - 1)
        while parent is not None:
            if fits(parent, index - 1):
                return True
            parent = parent.parent
        return False

    return [node for node in root.iter() if fits(node, len(chain) - 1)]


def remove(node: Node) -> None:
    if node.parent is not None:
        node.parent.children = [c for c in node.parent.children if c is not node]
        node.parent = None


# -- blocks ------------------------------------------------------------------------------------


def inline_html(node: Node) -> str:
    """The node's content as clean inline HTML: text, links and emphasis; nothing else."""
    out: list[str] = []

    def walk(item: Node | str) -> None:
        if isinstance(item, str):
            out.append(html.escape(re.sub(r"\s+", " ", item)))
            return
        if item.tag in DROP or item.tag in ("img", "picture", "video", "audio", "button"):
            return
        if item.tag == "br":
            out.append(" ")
            return
        if item.tag in SPACED:
            out.append(" ")
        keep = item.tag in INLINE_KEEP
        if keep:
            href = item.attrs.get("href", "") if item.tag == "a" else ""
            out.append(f'<a href="{html.escape(href)}">' if href else f"<{item.tag}>")
        for child in item.children:
            walk(child)
        if keep:
            out.append("</a>" if item.tag == "a" and href else f"</{item.tag}>")
        if item.tag in SPACED:
            out.append(" ")

    for child in node.children:
        walk(child)
    return re.sub(r"\s+", " ", "".join(out)).strip()


BLOCK_TAGS = HEADINGS | {"p", "li", "blockquote", "figcaption", "pre", "table", "dd", "dt"}
# Containers that hold no block of their own but whose direct text is a block (div-soup pages).
TEXT_CONTAINERS = {"div", "section", "article", "span", "font", "td", "center", "main"}


def table_text(node: Node) -> tuple[str, str]:
    """A table as (gold text: one line per row, cells joined by ' | ', and clean HTML)."""
    rows_text, rows_html = [], []
    for row in [n for n in node.iter() if n.tag == "tr"]:
        cells = [c for c in row.elements() if c.tag in ("td", "th")]
        texts = [c.text() for c in cells]
        if not any(texts):
            continue
        rows_text.append(" | ".join(t for t in texts))
        tags = ["th" if c.tag == "th" else "td" for c in cells]
        rows_html.append(
            "<tr>"
            + "".join(f"<{g}>{inline_html(c)}</{g}>" for g, c in zip(tags, cells, strict=True))
            + "</tr>"
        )
    return "\n".join(rows_text), "<table>" + "".join(rows_html) + "</table>"


def has_block_child(node: Node) -> bool:
    blockish = BLOCK_TAGS | {"div", "section", "article", "main", "ul", "ol", "figure", "dl"}
    return any(n.tag in blockish for n in node.iter())


@dataclass
class Block:
    """One gold block: its kind, its text as a reader sees it (whitespace collapsed; code and
    tables keep their lines) and the clean HTML that shows it; list items know their depth."""

    kind: str
    text: str
    html: str = ""
    depth: int = 0
    ordered: bool = False


INLINE_BLOCKERS = {"ul", "ol", "pre", "table", "blockquote", "p", "div", "figure", "dl"}


def extract_blocks(root: Node) -> list[Block]:
    """Reading-order blocks below ``root``. A list item's own words are its block; what it
    holds beyond them (nested lists, code, further paragraphs) comes out as blocks of its own."""
    blocks: list[Block] = []

    def add(kind: str, node: Node, depth: int = 0, ordered: bool = False) -> None:
        text = node.text()
        if text:
            blocks.append(Block(kind, text, inline_html(node), depth, ordered))

    def item(node: Node, depth: int, ordered: bool, quoted: bool) -> None:
        head = Node("li")
        rest = Node("div")
        for child in node.children:
            if isinstance(child, Node) and child.tag in INLINE_BLOCKERS:
                if child.tag == "p" and not head.text() and not rest.children:
                    head.children.extend(child.children)
                else:
                    rest.children.append(child)
            elif rest.children:
                rest.children.append(child)
            else:
                head.children.append(child)
        add("li", head, depth, ordered)
        walk(rest, quoted, depth)

    def walk(node: Node, quoted: bool, depth: int = 0) -> None:
        for child in node.elements():
            tag = child.tag
            if tag in DROP or tag in ("nav", "form", "button", "footer", "aside", "header"):
                continue
            if tag == "pre":
                text = "\n".join(line.rstrip() for line in child_text_lines(child)).strip("\n")
                if text.strip():
                    blocks.append(Block("code", text, html.escape(text)))
            elif tag == "table":
                text, markup = table_text(child)
                if text:
                    blocks.append(Block("table", text, markup))
            elif tag in HEADINGS:
                add("h", child)
            elif tag in ("ul", "ol"):
                for sub in child.elements():
                    if sub.tag == "li":
                        item(sub, depth + 1, tag == "ol", quoted)
                    else:
                        walk(sub, quoted, depth)
            elif tag == "li":
                item(child, depth + 1, False, quoted)
            elif tag == "figcaption":
                add("caption", child)
            elif tag == "blockquote":
                if has_block_child(child):
                    walk(child, True, depth)
                else:
                    add("quote", child)
            elif tag in ("p", "dd", "dt"):
                if any(n.tag in INLINE_BLOCKERS for n in child.elements()):
                    walk(child, quoted, depth)
                else:
                    add("quote" if quoted else "p", child)
            elif tag in TEXT_CONTAINERS and not has_block_child(child):
                if len(child.text()) > 40:
                    add("quote" if quoted else "p", child)  # div soup: the text is the block
            else:
                walk(child, quoted, depth)

    walk(root, False)
    return blocks


def child_text_lines(node: Node) -> list[str]:
    parts: list[str] = []

    def walk(item: Node | str) -> None:
        if isinstance(item, str):
            parts.append(item)
        elif item.tag == "br":
            parts.append("\n")
        elif item.tag not in DROP:
            for child in item.children:
                walk(child)

    walk(node)
    return "".join(parts).expandtabs(4).split("\n")
