"""Read the training sources from their git mirrors into documents of known blocks."""

from __future__ import annotations

import concurrent.futures
import hashlib
import html
import random
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from htmldom import Block, extract_blocks, parse, remove, select

MIRRORS = Path("/work/.mirror")
MAX_BLOCKS = 160  # longer documents are cut here: they add time, not variety


@dataclass
class Source:
    """Where a source lives and what it may be used for."""

    name: str
    mirror: str  # folder under MIRRORS
    repo: str  # owner/name on GitHub
    licence: str
    what: str
    cap: int  # at most this many documents
    language: str = "en"


@dataclass
class Document:
    """One document: where it came from and its blocks in reading order."""

    source: str
    repo: str
    commit: str
    path: str
    sha256: str
    licence: str
    language: str
    blocks: list[Block]
    part: int | None = None  # the chapter, for a book split into several documents
    site: str = ""  # the host shown in a printed page's footer
    native: dict[str, str] = field(default_factory=dict)  # renditions made by the source itself
    native_width: int | None = None
    page: str = ""  # the whole page as saved, rendered as it is (menus and all) where given


SOURCES: dict[str, Source] = {
    s.name: s
    for s in [
        Source("postlight", "postlight+parser", "postlight/parser", "MIT OR Apache-2.0",
               "saved news and blog pages (fixtures/), article body by the site's selector", 200),
        Source("rustblog", "rust-lang+blog.rust-lang.org", "rust-lang/blog.rust-lang.org",
               "MIT OR Apache-2.0", "Rust blog posts, Markdown", 260),
        Source("rustbook", "rust-lang+book", "rust-lang/book", "MIT OR Apache-2.0",
               "The Rust Programming Language, chapters in Markdown", 110),
        Source("peps", "python+peps", "python/peps", "Public domain or CC0-1.0-Universal",
               "Python Enhancement Proposals, reStructuredText through pandoc", 240),
        Source("gutenberg", "GITenberg+*", "GITenberg/*", "Public domain (Project Gutenberg)",
               "five books split into chapters, English and French", 200),
        Source("reactja", "reactjs+ja.react.dev", "reactjs/ja.react.dev", "CC-BY-4.0",
               "React documentation in Japanese, MDX", 150, "ja"),
        Source("reactzh", "reactjs+zh-hans.react.dev", "reactjs/zh-hans.react.dev", "CC-BY-4.0",
               "React documentation in Chinese, MDX", 150, "zh"),
        Source("jekyll", "jekyll+jekyll", "jekyll/jekyll", "MIT",
               "Jekyll documentation (docs/_docs), Markdown with Liquid", 90),
        Source("hugo", "gohugoio+hugoDocs", "gohugoio/hugoDocs", "Apache-2.0",
               "Hugo documentation (content/en), Markdown with shortcodes", 200),
        Source("mkdocs", "squidfunk+mkdocs-material", "squidfunk/mkdocs-material", "MIT",
               "Material for MkDocs documentation (docs/), Markdown with admonitions", 90),
        Source("families", "", "reflow", "this project's own text",
               "mail threads and Internet-Drafts from bench/families.py (own word lists)", 100),
        # news-like posts with long paragraphs, a shape the documentation sources lack
        Source("digitalgov", "GSA+digitalgov.gov", "GSA/digitalgov.gov",
               "Public domain (US government work) and CC0-1.0",
               "Digital.gov news posts (content/news), Markdown with Hugo shortcodes", 150),
        Source("blog18f", "18F+18f.gsa.gov", "18F/18f.gsa.gov",
               "Public domain (US government work) and CC0-1.0",
               "18F blog posts (content/posts), Markdown with Nunjucks tags", 110),
        Source("goblog", "golang+website", "golang/website", "BSD-3-Clause",
               "The Go blog (_content/blog), Markdown with Go template actions", 120),
        Source("nodeblog", "nodejs+nodejs.org", "nodejs/nodejs.org", "MIT",
               "The Node.js blog's prose posts (announcements, community, events), MDX", 80),
        Source("reactko", "reactjs+ko.react.dev", "reactjs/ko.react.dev", "CC-BY-4.0",
               "React documentation in Korean, MDX", 150, "ko"),
        # Korean wrapped by character (w3m): where its line ends fell on a space
        # (train/fit_hangul.py); reactko stays the check
        Source("vueko", "vuejs-translations+docs-ko", "vuejs-translations/docs-ko", "CC-BY-4.0",
               "Vue documentation in Korean, VitePress Markdown", 150, "ko"),
        Source("viteko", "vitejs+docs-ko", "vitejs/docs-ko", "MIT",
               "Vite documentation in Korean, VitePress Markdown", 80, "ko"),
        # postlight's pages whole, menus, sidebars and comments in the text as in dev's
        Source("postlightpage", "postlight+parser", "postlight/parser", "MIT OR Apache-2.0",
               "postlight's saved pages rendered whole; the gold is postlight's", 200),
    ]
}  # fmt: skip


# -- git ---------------------------------------------------------------------------------------


def git_dir(mirror: str) -> Path:
    repo = MIRRORS / mirror / "repo"
    return repo / ".git" if (repo / ".git").is_dir() else repo


def git(mirror: str, *args: str) -> bytes:
    command = ["git", f"--git-dir={git_dir(mirror)}", *args]
    return subprocess.run(command, check=True, capture_output=True).stdout


def head(mirror: str) -> str:
    return git(mirror, "rev-parse", "HEAD").decode().strip()


def files(mirror: str, under: str = "") -> list[str]:
    args = ["ls-tree", "-r", "--name-only", "HEAD"] + ([under] if under else [])
    return git(mirror, *args).decode("utf-8", "replace").splitlines()


def show(mirror: str, path: str) -> bytes:
    return git(mirror, "show", f"HEAD:{path}")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def pick(paths: list[str], cap: int, seed: str) -> list[str]:
    """A fixed-seed sample, in path order, with room for documents that will be skipped."""
    paths = sorted(paths)
    random.Random(seed).shuffle(paths)
    return paths[: int(cap * 1.5) + 5]


def usable(blocks: list[Block]) -> bool:
    prose = [b for b in blocks if b.kind in ("p", "li", "quote")]
    return len(prose) >= 3 and sum(len(b.text) for b in prose) >= 400


# -- Markdown ----------------------------------------------------------------------------------

_FRONT = re.compile(r"\A(?:---|\+\+\+)[ \t]*\n(.*?)\n(?:---|\+\+\+)[ \t]*\n", re.S)
_TITLE = re.compile(r"""^title\s*[:=]\s*["']?(.*?)["']?\s*$""", re.M)
_FENCE = re.compile(r"^\s*(```|~~~)")


def front_matter(text: str) -> tuple[str, str]:
    """(title, body) with YAML or TOML front matter removed."""
    match = _FRONT.match(text)
    if not match:
        return "", text
    title = _TITLE.search(match[1])
    return (title[1].strip() if title else ""), text[match.end() :]


def outside_fences(text: str, fix: Callable[[str], str | None]) -> str:
    """Apply ``fix`` to each line outside code fences (None drops the line)."""
    out: list[str] = []
    fenced = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
            out.append(line)
            continue
        if fenced:
            out.append(line)
            continue
        fixed = fix(line)
        if fixed is not None:
            out.append(fixed)
    return "\n".join(out)


def strip_liquid(text: str) -> str:
    def fix(line: str) -> str | None:
        line = re.sub(r"\{%-?\s*highlight\s+(\w+).*?%\}", r"```\1", line)
        line = re.sub(r"\{%-?\s*endhighlight\s*-?%\}", "```", line)
        if re.fullmatch(r"\s*\{%.*%\}\s*", line):
            return None
        line = re.sub(r"\{%.*?%\}", "", line)
        return re.sub(r"\{\{.*?\}\}", "", line)

    return outside_fences(text, fix)


_CODE_SHORTCODES = {"code", "code-toggle", "highlight", "datatable"}


def strip_shortcodes(text: str) -> str:
    def fix(line: str) -> str | None:
        match = re.fullmatch(r"\s*\{\{[<%]\s*(/?)([\w-]+).*?[>%]\}\}\s*", line)
        if match:
            return "```" if match[2] in _CODE_SHORTCODES else None
        return re.sub(r"\{\{[<%].*?[>%]\}\}", "", line)

    return outside_fences(text, fix)


def strip_mdx(text: str) -> str:
    """Drop JSX component lines (and multi-line opening tags), imports, exports, heading ids."""
    in_tag = False

    def fix(line: str) -> str | None:
        nonlocal in_tag
        stripped = line.strip()
        if in_tag:
            in_tag = not stripped.endswith(">")
            return None
        if re.match(r"</?[A-Z][\w.]*", stripped):
            in_tag = not stripped.endswith(">")
            return None
        if re.match(r"(import|export)\s", stripped):
            return None
        return re.sub(r"\s*\{/\*.*?\*/\}", "", line)

    return outside_fences(text, fix)


def strip_vitepress(text: str) -> str:
    """Drop `:::` container lines, lines of HTML tags alone and heading ids."""

    def fix(line: str) -> str | None:
        stripped = line.strip()
        if stripped.startswith(":::") or re.fullmatch(r"(</?[a-zA-Z][^>]*>\s*)+", stripped):
            return None
        return re.sub(r"\s*\{#[\w-]+\}\s*$", "", line)

    return outside_fences(text, fix)


def strip_mkdocs(text: str) -> str:
    """Admonitions and tabs lose their marker line and their indent; attribute lists go."""
    out: list[str] = []
    indent = None
    for line in text.split("\n"):
        if re.match(r"\s*(!!!|\?\?\?\+?|===)\s", line):
            indent = len(line) - len(line.lstrip()) + 4
            continue
        if indent is not None:
            if line.strip() and len(line) - len(line.lstrip()) < indent:
                indent = None
            else:
                line = line[indent:] if line.startswith(" " * indent) else line.lstrip()
        line = re.sub(r"\{\s*[.#:][^}]*\}", "", line)
        out.append(line)
    return "\n".join(out)


def strip_gotemplates(text: str) -> str:
    """The Go site's template actions: ``{{raw `…`}}`` holds code (a fence), a line that is
    one action (``{{play …}}``, ``{{video …}}``) goes, and one inside a line is dropped."""
    out: list[str] = []
    raw = False
    for line in text.split("\n"):
        if raw:
            if "`}}" in line:
                raw = False
                line = line.replace("`}}", "")
                if line.strip():
                    out.append(line)
                out.append("```")
            else:
                out.append(line)
            continue
        if re.match(r"\s*\{\{raw\s*`", line):
            raw = "`}}" not in line
            out.append("```")
            rest = re.sub(r"\s*\{\{raw\s*`", "", line).replace("`}}", "")
            if rest.strip():
                out.append(rest)
            if not raw:
                out.append("```")
            continue
        if re.fullmatch(r"\s*\{\{.*\}\}\s*", line):
            continue
        out.append(re.sub(r"\{\{.*?\}\}", "", line))
    return "\n".join(out)


def strip_mdbook(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if not re.match(r"\s*\{\{#", line))


def markdown_blocks(text: str, title: str = "") -> list[Block]:
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").enable("table").render(text)
    blocks = extract_blocks(parse(rendered))
    title = html.unescape(title)  # front matter may hold entities (digitalgov's &#8217;)
    if title and not (blocks and blocks[0].kind == "h"):
        blocks.insert(0, Block("h", " ".join(title.split()), _escape(title)))
    return blocks[:MAX_BLOCKS]


def placeholder_free(blocks: list[Block]) -> bool:
    """No lorem ipsum: a design system's demo page ("list item list item") is not prose."""
    return not any("lorem ipsum" in b.text.lower() for b in blocks)


def prose(blocks: list[Block]) -> bool:
    return usable(blocks) and placeholder_free(blocks)


def markdown_source(
    name: str,
    under: str,
    pattern: str,
    prepare: Callable[[str], str],
    keep: Callable[[list[Block]], bool] = usable,
) -> Callable[[], Iterator[Document]]:
    def read() -> Iterator[Document]:
        source = SOURCES[name]
        commit = head(source.mirror)
        paths = [p for p in files(source.mirror, under) if re.search(pattern, p)]
        for path in pick(paths, source.cap, name):
            data = show(source.mirror, path)
            title, body = front_matter(data.decode("utf-8", "replace"))
            blocks = markdown_blocks(prepare(body), title)
            language = source.language
            if language != "en":  # pages not yet translated are in English
                language = script_language(" ".join(b.text for b in blocks), language)
            if keep(blocks):
                yield Document(name, source.repo, commit, path, sha256(data), source.licence,
                               language, blocks)  # fmt: skip

    return read


# -- PEPs --------------------------------------------------------------------------------------


def _rst_to_html(body: str) -> str | None:
    result = subprocess.run(
        ["pandoc", "--sandbox", "-f", "rst", "-t", "html"],
        input=body.encode(),
        capture_output=True,
        timeout=120,
    )
    return None if result.returncode else result.stdout.decode("utf-8", "replace")


def peps() -> Iterator[Document]:
    source = SOURCES["peps"]
    commit = head(source.mirror)
    paths = [p for p in files(source.mirror, "peps") if re.fullmatch(r"peps/pep-\d+\.rst", p)]
    chosen = pick(paths, source.cap, "peps")
    # pandoc takes most of the time: two at once, a batch at a time (the reader may stop early)
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        for start in range(0, len(chosen), 20):
            batch = []
            for path in chosen[start : start + 20]:
                data = show(source.mirror, path)
                header, _, body = data.decode("utf-8", "replace").partition("\n\n")
                directive = r"^\.\. (pep-banner|canonical-doc|canonical-pypa-spec|include)::.*$"
                batch.append((path, data, header, re.sub(directive, "", body, flags=re.M)))
            pages = pool.map(_rst_to_html, [body for *_, body in batch])
            for (path, data, header, _), page in zip(batch, pages, strict=True):
                if page is None:
                    continue
                blocks = extract_blocks(parse(page))
                title = re.search(r"^Title:\s*(.+)$", header, re.M)
                number = re.search(r"^PEP:\s*(\d+)", header, re.M)
                if title:
                    name = title[1].strip()
                    heading = f"PEP {number[1]} – {name}" if number else name
                    blocks.insert(0, Block("h", heading, _escape(heading)))
                blocks = blocks[:MAX_BLOCKS]
                if usable(blocks):
                    digest = sha256(data)
                    yield Document("peps", source.repo, commit, path, digest, source.licence,
                                   "en", blocks, site="peps.python.org")  # fmt: skip


# -- Project Gutenberg -------------------------------------------------------------------------

_START = re.compile(r"^\*\*\* ?START OF.*$|^\*\*\*START OF.*$", re.M | re.I)
_END = re.compile(r"^\*\*\* ?END OF.*$|^End of (the )?Project Gutenberg.*$", re.M | re.I)
_CHAPTER = re.compile(
    r"^(CHAPTER|Chapter|CHAPITRE|BOOK|PART|LETTRE|[IVXLC]+\.|[IVXLC]+$|\d+\.$|THE \w+ DAY)"
)


def gutenberg_text(mirror: str) -> tuple[str, bytes]:
    names = files(mirror)
    number = mirror.rsplit("_", 1)[1]
    for candidate in (f"{number}-0.txt", f"{number}.txt", f"{number}-8.txt"):
        if candidate in names:
            return candidate, show(mirror, candidate)
    raise FileNotFoundError(mirror)


def gutenberg_paragraphs(text: str) -> list[Block]:
    start = _START.search(text)
    text = text[start.end() :] if start else text
    end = _END.search(text)
    text = text[: end.start()] if end else text
    blocks: list[Block] = []
    for chunk in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n")):
        lines = [line.rstrip() for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        joined = " ".join(" ".join(lines).split())
        if re.fullmatch(r"[\s*.\-_=]+", joined):
            continue
        indented = all(line.startswith(" ") for line in lines)
        short = all(len(line.strip()) < 56 for line in lines)
        if len(lines) >= 2 and (indented or short):
            # verse, a letter's address, a table of contents: its lines are its shape
            verse = "\n".join(line.strip() for line in lines)
            blocks.append(Block("verse", verse, "<br>".join(map(_escape, verse.split("\n")))))
        elif len(lines) == 1 and len(joined) < 70 and (_CHAPTER.match(joined) or joined.isupper()):
            blocks.append(Block("h", joined, _escape(joined)))
        else:
            blocks.append(Block("p", joined, _escape(joined)))
    return blocks


def _escape(text: str) -> str:
    return html.escape(text)


def gutenberg() -> Iterator[Document]:
    source = SOURCES["gutenberg"]
    mirrors = sorted(p.name for p in MIRRORS.glob("GITenberg+*") if p.is_dir())
    per_book = max(1, source.cap // max(1, len(mirrors)))
    for mirror in mirrors:
        path, data = gutenberg_text(mirror)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        head_text = text[:3000]
        language = "fr" if re.search(r"Language:\s*French", head_text) else "en"
        blocks = gutenberg_paragraphs(text)
        chapters: list[list[Block]] = [[]]
        for block in blocks:
            long_enough = sum(len(b.text) for b in chapters[-1]) > 6000
            if (block.kind == "h" and long_enough) or len(chapters[-1]) >= 70:
                chapters.append([])
            chapters[-1].append(block)
        chapters = [c for c in chapters if usable(c)]
        step = max(1, len(chapters) / per_book)
        chosen = sorted({int(i * step) for i in range(min(per_book, len(chapters)))})
        commit = head(mirror)
        repo = "GITenberg/" + mirror.split("+", 1)[1]
        for index in chosen:
            yield Document("gutenberg", repo, commit, path, sha256(data), source.licence,
                           language, chapters[index], part=index,
                           site="www.gutenberg.org")  # fmt: skip


# -- postlight fixtures ------------------------------------------------------------------------


def _js_array(js: str, key: str, start: int = 0) -> tuple[list[str], int]:
    """The plain string entries of ``key: [ ... ]`` (nested arrays skipped) after ``start``."""
    match = re.compile(rf"\b{key}\s*:\s*\[").search(js, start)
    if not match:
        return [], -1
    depth, index = 1, match.end()
    while index < len(js) and depth:
        depth += {"[": 1, "]": -1}.get(js[index], 0)
        index += 1
    body = js[match.end() : index - 1]
    flat = re.sub(r"\[[^\[\]]*\]", "", body)  # [selector, attribute] pairs are not content
    return [a or b for a, b in re.findall(r"""'([^']*)'|"([^"]*)\"""", flat)], index


def content_rules(js: str) -> tuple[list[str], list[str]]:
    """The content selectors and clean selectors of a custom extractor."""
    at = js.find("content:")
    if at < 0:
        return [], []
    selectors, _ = _js_array(js, "selectors", at)
    clean, _ = _js_array(js, "clean", at)
    return selectors, clean


def _largest_cluster(root) -> object | None:
    """The element holding the most paragraph text in its own <p> children."""
    weight: dict[int, tuple[int, object]] = {}
    for node in root.iter():
        if node.tag == "p" and node.parent is not None:
            length = len(node.text())
            if length >= 40:
                total, _ = weight.get(id(node.parent), (0, node.parent))
                weight[id(node.parent)] = (total + length, node.parent)
    if not weight:
        return None
    return max(weight.values(), key=lambda item: item[0])[1]


def script_language(text: str, fallback: str = "en") -> str:
    """ko, ja or zh by the script the text is written in, else ``fallback`` (or en when the
    fallback is one of those three and the text has none of their scripts)."""
    if len(re.findall(r"[\uac00-\ud7a3]", text)) > 50:
        return "ko"
    if len(re.findall(r"[\u3040-\u30ff]", text)) > 20:
        return "ja"
    if len(re.findall(r"[\u4e00-\u9fff]", text)) > 50:
        return "zh"
    return "en" if fallback in ("ja", "zh", "ko") else fallback


def _language(root, text: str) -> str:
    html_tags = [n for n in root.iter() if n.tag == "html"]
    lang = html_tags[0].attrs.get("lang", "") if html_tags else ""
    script = script_language(text, "")
    if script:
        return script
    if lang:
        return lang.split("-")[0].lower()
    words = text.lower().split()
    for code, marks in {
        "de": {"und", "der", "die", "nicht"},
        "fr": {"les", "des", "est", "une"},
        "es": {"los", "las", "por", "una"},
    }.items():
        if sum(w in marks for w in words) > len(words) * 0.04:
            return code
    return "en"


def postlight_blocks(page: str, js: str | None) -> list[Block]:
    root = parse(page)
    content = None
    if js:
        selectors, clean = content_rules(js)
        for selector in selectors:
            found = select(root, selector)
            if found and len(found[0].text()) > 200:
                content = found[0]
                for rule in clean:
                    for node in select(content, rule) or []:
                        remove(node)
                break
    blocks = extract_blocks(content) if content is not None else []
    if sum(b.kind == "p" for b in blocks) < 3:
        cluster = _largest_cluster(root)
        blocks = extract_blocks(cluster) if cluster is not None else []
    titles = [n.text() for n in root.iter() if n.tag == "h1" and n.text()]
    if not titles:
        titles = [n.text() for n in root.iter() if n.tag == "title" and n.text()]
    if titles and not (blocks and blocks[0].text == titles[0]):
        blocks.insert(0, Block("h", titles[0], _escape(titles[0])))
    return blocks[:MAX_BLOCKS]


def postlight(whole: bool = False) -> Iterator[Document]:
    """postlight's saved pages, their article's blocks as the gold; ``whole``: each to be
    rendered as it was saved (source ``postlightpage``), not rebuilt from those blocks."""
    source = SOURCES["postlightpage" if whole else "postlight"]
    commit = head(source.mirror)
    extractors = {p.split("/")[3] for p in files(source.mirror, "src/extractors/custom")
                  if p.count("/") >= 4}  # fmt: skip
    paths = [p for p in files(source.mirror, "fixtures") if p.endswith(".html")]
    for path in pick(paths, source.cap, "postlight"):
        data = show(source.mirror, path)
        page = data.decode("utf-8", "replace")
        site = Path(path).name.removesuffix(".html").split("--")[0]
        js = None
        for name in (site, f"www.{site}", site.removeprefix("www.")):
            if name in extractors:
                js = show(source.mirror, f"src/extractors/custom/{name}/index.js").decode()
                break
        try:
            blocks = postlight_blocks(page, js)
        except RecursionError:
            continue
        if usable(blocks):
            text = " ".join(b.text for b in blocks)
            language = _language(parse(page[:5000]), text)
            yield Document(source.name, source.repo, commit, path, sha256(data), source.licence,
                           language, blocks, site=site, page=page if whole else "")  # fmt: skip


# -- families (this project's generator) -------------------------------------------------------


def families() -> Iterator[Document]:
    """Mail threads and Internet-Drafts from bench/families.py, with seeds of their own (the
    benchmark's documents stay out of training)."""
    bench = Path(__file__).resolve().parent.parent / "bench"
    sys.path.insert(0, str(bench))
    import families as fam

    source = SOURCES["families"]
    data = (bench / "families.py").read_bytes()
    log = ["git", "-C", str(bench), "log", "-1", "--format=%H", "--", "families.py"]
    commit = subprocess.run(log, capture_output=True, text=True).stdout.strip()
    styles = sorted(fam.MAIL_STYLES)
    for index in range(source.cap):
        rng = random.Random(7_000_000 + index)
        if index % 5 < 3:
            thread = fam._mail_thread(rng)
            style = styles[index % len(styles)]
            if fam.MAIL_STYLES[style].top_posted:
                thread = fam._top_posted(thread)
            text = fam.render_mail(thread, fam.MAIL_STYLES[style])
            kinds = {"p": "p", "code": "code", "line": "lines", "lines": "lines"}
            blocks = [
                Block(kinds.get(kind, "p"), body, depth=depth) for depth, kind, body in thread
            ]
            native, width = {"g_mail": text}, fam.MAIL_STYLES[style].width
        else:
            draft = fam._draft(rng)
            title = draft.gold[0].removeprefix("The ")
            date = draft.lines[2].split()[-3] + " " + draft.lines[2].split()[-1]
            gap = 72 - len("Internet-Draft") - len(title) - len(date)
            header = f"Internet-Draft{' ' * (gap // 2)}{title}{' ' * (gap - gap // 2)}{date}"
            author = draft.lines[0].split()[-1]
            expires = draft.lines[3].removeprefix("Expires: ")
            paged = fam._paginate(draft.lines, header, f"{author}|{expires}", index % 2 == 0)
            blocks = [
                Block("h" if re.match(r"(\d+\.(\d+\.)?\s+|Abstract$|Status of)", g) else "p", g)
                for g in draft.gold
            ]
            native, width = {"h_draft": paged}, 72
        yield Document("families", source.repo, commit, "bench/families.py", sha256(data),
                       source.licence, "en", blocks, part=index, native=native,
                       native_width=width)  # fmt: skip


READERS: dict[str, Callable[[], Iterator[Document]]] = {
    "postlight": postlight,
    "postlightpage": lambda: postlight(whole=True),
    "rustblog": markdown_source("rustblog", "content", r"^content/.*\.md$", lambda t: t),
    "rustbook": markdown_source("rustbook", "src", r"^src/(ch|appendix).*\.md$", strip_mdbook),
    "peps": peps,
    "gutenberg": gutenberg,
    "reactja": markdown_source("reactja", "src/content", r"\.md$", strip_mdx),
    "reactzh": markdown_source("reactzh", "src/content", r"\.md$", strip_mdx),
    "reactko": markdown_source("reactko", "src/content", r"\.md$", strip_mdx),
    "vueko": markdown_source("vueko", "src", r"\.md$", strip_vitepress),
    "viteko": markdown_source(
        "viteko", "", r"^(guide|config|blog|changes)/.*\.md$", strip_vitepress
    ),
    "jekyll": markdown_source("jekyll", "docs/_docs", r"\.md$", strip_liquid),
    "hugo": markdown_source("hugo", "content/en", r"\.md$", strip_shortcodes),
    "mkdocs": markdown_source("mkdocs", "docs", r"\.md$", strip_mkdocs),
    "families": families,
    "digitalgov": markdown_source("digitalgov", "content/news", r"\.md$", strip_shortcodes, prose),
    "blog18f": markdown_source("blog18f", "content/posts", r"\.md$", strip_liquid, prose),
    "goblog": markdown_source("goblog", "_content/blog", r"\.md$", strip_gotemplates, prose),
    "nodeblog": markdown_source(
        "nodeblog",
        "apps/site/pages/en/blog",
        r"/blog/(announcements|community|uncategorized|events|npm|migrations|video)/.*\.mdx?$",
        strip_mdx,
        prose,
    ),
}
