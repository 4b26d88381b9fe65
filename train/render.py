"""Render a document's blocks as a clean HTML page and as the text our users get from it."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
import textwrap
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


def seed_wrap(text: str, width: int) -> list[str]:
    """The seed style's wrapping, as the shared corpus's ``e_seed`` has it: Python's textwrap,
    by characters (a line of Korean is as many characters as a line of English, not as many
    columns), breaking at spaces and hyphens only (a run of Chinese or Japanese without spaces
    is cut only where it is longer than the line)."""
    return textwrap.wrap(text, width)


def seed_lines(blocks: list[Block], width: int) -> list[str]:
    """The seed article's style: each paragraph's first word alone on its line, the rest
    wrapped, no blank lines; code, tables and verse keep their lines. Headings and list items
    open with a lone word too, as in the shared corpus's ``e_seed`` (every gold paragraph);
    captions, credits, bylines, datelines and pull quotes are set as the seed sets them.

    As there (checked on 1,102 of its 1,120 paragraphs), the first word is the text up to the
    first space however long it is, so that a paragraph of Chinese or Japanese without spaces
    is one line, and the rest is wrapped by ``seed_wrap``."""
    out: list[str] = []
    for block in blocks:
        if block.kind in ("code", "table", "verse", "lines"):
            out += [line for line in block.text.split("\n") if line.strip()]
        elif block.kind in ("p", "quote", "h", "li"):
            first, _, rest = " ".join(block.text.split()).partition(" ")
            out.append(first)
            out += seed_wrap(rest, width)
        elif block.kind == "caption":
            out += seed_wrap(block.text, max(30, width * 2 // 3))
        else:
            out += seed_wrap(block.text, width)
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
