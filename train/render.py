"""Render a document's blocks as a clean HTML page and as the text our users get from it."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path

from htmldom import Block

TIMEOUT = 120


def available(tool: str) -> bool:
    return shutil.which(tool) is not None


# -- HTML --------------------------------------------------------------------------------------


def _inline(block: Block) -> str:
    return block.html or html.escape(block.text)


def page_html(blocks: list[Block], language: str, title: str, css: str = "") -> str:
    """One page of the article alone: headline, body blocks, figures and their credits."""
    out: list[str] = []
    lists: list[str] = []  # the open <ul>/<ol> tags, innermost last

    def close_lists(depth: int = 0) -> None:
        while len(lists) > depth:
            out.append(f"</li></{lists.pop()}>")

    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.kind == "li":
            depth = max(1, block.depth)
            if len(lists) >= depth:
                close_lists(depth)
                out.append("</li>")
            while len(lists) < depth:
                tag = "ol" if block.ordered else "ul"
                lists.append(tag)
                out.append(f"<{tag}>")
            out.append(f"<li>{_inline(block)}")
            index += 1
            continue
        close_lists()
        kind = block.kind
        if kind == "h":
            tag = "h1" if index == 0 else "h2"
            out.append(f"<{tag}>{_inline(block)}</{tag}>")
        elif kind == "quote":
            group = []
            while index < len(blocks) and blocks[index].kind == "quote":
                group.append(f"<p>{_inline(blocks[index])}</p>")
                index += 1
            out.append("<blockquote>" + "".join(group) + "</blockquote>")
            continue
        elif kind == "code":
            out.append(f"<pre>{html.escape(block.text)}</pre>")
        elif kind == "table":
            out.append(block.html)
        elif kind == "caption":
            inner = f"<p>{_inline(block)}</p>"
            if index + 1 < len(blocks) and blocks[index + 1].kind == "credit":
                inner += f'<p class="credit">{_inline(blocks[index + 1])}</p>'
                index += 1
            out.append(f"<figure><figcaption>{inner}</figcaption></figure>")
        elif kind == "credit":
            out.append(f'<p class="credit">{_inline(block)}</p>')
        elif kind == "byline":
            out.append(f'<p class="byline">{_inline(block)}</p>')
        elif kind == "dateline":
            out.append(f'<p class="dateline"><time>{_inline(block)}</time></p>')
        elif kind == "pullquote":
            out.append(f'<blockquote class="pullquote"><p>{_inline(block)}</p></blockquote>')
        elif kind == "verse":
            out.append("<p>" + "<br>".join(html.escape(x) for x in block.text.split("\n")) + "</p>")
        else:
            out.append(f"<p>{_inline(block)}</p>")
        index += 1
    close_lists()
    body = "\n".join(out)
    return (
        f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n<style>{css}</style>\n</head>\n"
        f"<body>\n<article>\n{body}\n</article>\n</body>\n</html>\n"
    )


# -- wrapping (for the styles made from the gold) ----------------------------------------------

_WIDE = re.compile(
    r"[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)
_TOKEN = re.compile(
    r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+"
)


def columns(text: str) -> int:
    return sum(2 if _WIDE.match(c) or unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap_text(text: str, width: int) -> list[str]:
    """Greedy wrap by display columns; a line may break between two CJK characters (no space
    there), elsewhere only at spaces; a word longer than the line stands alone."""
    lines: list[str] = []
    line, used = "", 0
    position = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        spaced = match.start() > position  # whitespace before this token
        position = match.end()
        size = columns(token)
        gap = 1 if spaced and line else 0
        if line and used + gap + size > width:
            lines.append(line)
            line, used = token, size
        else:
            line += (" " if gap else "") + token
            used += gap + size
    if line:
        lines.append(line)
    return lines


def seed_lines(blocks: list[Block], width: int) -> list[str]:
    """The seed article's style: each paragraph's first word alone on its line, the rest
    wrapped, no blank lines; code, tables and verse keep their lines. Headings and list items
    open with a lone word too, as in the shared corpus's ``e_seed`` (every gold paragraph);
    captions, credits, bylines, datelines and pull quotes are set as the seed sets them."""
    out: list[str] = []
    for block in blocks:
        if block.kind in ("code", "table", "verse", "lines"):
            out += [line for line in block.text.split("\n") if line.strip()]
        elif block.kind in ("p", "quote", "h", "li"):
            first, _, rest = block.text.partition(" ")
            if rest and len(first) < 30:
                out.append(first)
                out += wrap_text(rest, width)
            elif _WIDE.match(block.text[:1] or " ") and len(block.text) > 2:
                out.append(block.text[:1])  # a drop capital: the first character alone
                out += wrap_text(block.text[1:], width)
            else:
                out += wrap_text(block.text, width)
        elif block.kind == "caption":
            out += wrap_text(block.text, max(30, width * 2 // 3))
        else:
            out += wrap_text(block.text, width)
    return out


# -- outside renderers -------------------------------------------------------------------------


def run(command: list[str], data: bytes | None = None) -> str | None:
    try:
        result = subprocess.run(command, input=data, capture_output=True, timeout=TIMEOUT)
    except (subprocess.TimeoutExpired, OSError):
        return None
    if result.returncode:
        return None
    return result.stdout.decode("utf-8", "replace")


def w3m(page: str, width: int) -> str | None:
    command = ["w3m", "-dump", "-cols", str(width), "-I", "UTF-8", "-O", "UTF-8", "-T", "text/html"]
    return run(command, page.encode())


def lynx(path: Path, width: int) -> str | None:
    return run(["lynx", "-dump", "-nolist", "-width", str(width), "-assume_charset=utf-8",
                "-display_charset=utf-8", str(path)])  # fmt: skip


def pandoc(page: str, width: int) -> str | None:
    return run(["pandoc", "--sandbox", "-f", "html", "-t", "plain", "--columns", str(width)],
               page.encode())  # fmt: skip


_PRINT_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2}, \d{1,2}:\d{2}\s?[AP]M\b")


def pdf(path: Path, url: str, date: str) -> tuple[str, str] | None:
    """Chromium's print of the page (with its own header and footer: date, title, address,
    page n/m), read back by pdftotext plain and with -layout."""
    target = path.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="reflow-chromium-") as profile:
        command = [
            "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-extensions", f"--user-data-dir={profile}",
            f"--print-to-pdf={target}", path.as_uri(),
        ]  # fmt: skip
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            return None
    if not target.exists():
        return None
    out = []
    for extra in ([], ["-layout"]):
        text = run(["pdftotext", "-enc", "UTF-8", *extra, str(target), "-"])
        if text is None:
            return None
        text = text.replace(path.as_uri(), url)
        out.append(_PRINT_DATE.sub(date, text))
    target.unlink()
    return out[0], out[1]
