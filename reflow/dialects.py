"""Markdown dialects: which one a file is written in, and the lines its syntax owns."""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from .dialect_names import DIALECTS
from .furniture import ALERT_LABEL

__all__ = ["DIALECTS", "LineRoles", "detect_dialect", "line_roles", "resolve_dialect"]


# -- which dialect: from the repository around a file --------------------------------------

_REPO_MARKERS = (".git", ".hg")


def _folder_dialect(folder: str) -> tuple[str, str] | None:
    """The dialect a site generator's own file in ``folder`` names, and that file's name."""

    def has(name: str) -> bool:
        return os.path.isfile(os.path.join(folder, name))

    if os.path.isdir(os.path.join(folder, ".obsidian")):  # a vault, opened in Obsidian once
        return "obsidian", ".obsidian/"
    # A Logseq graph: like Obsidian, Logseq shows each line break of a block as one, and its
    # outline is read by indentation, not as CommonMark reads it (which takes an outline
    # nested deep enough for one paragraph, bullets and all)
    if has(os.path.join("logseq", "config.edn")):
        return "obsidian", "logseq/config.edn"
    if has("mkdocs.yml") or has("mkdocs.yaml"):
        return "mkdocs", "mkdocs.yml"
    # Pelican renders Markdown with Python-Markdown, as MkDocs does (reference definitions
    # inside a paragraph, "#" headings without a space, nested lists at four columns)
    if has("pelicanconf.py"):
        return "mkdocs", "pelicanconf.py"
    for name in os.listdir(folder) if os.path.isdir(folder) else ():
        if name.startswith("docusaurus.config."):
            return "mdx", name
    if has("hugo.toml") or has("hugo.yaml") or has("hugo.json"):
        return "hugo", "hugo.toml"
    defaults = os.path.join("config", "_default")  # Hugo's configuration directory
    if any(
        has(os.path.join(defaults, f"{name}.{kind}"))
        for name in ("hugo", "config")
        for kind in ("toml", "yaml", "json")
    ):
        return "hugo", "config/_default/"
    if has("config.toml") and os.path.isdir(os.path.join(folder, "content")):
        return "hugo", "config.toml and content/"
    if has("_toc.yml"):  # Jupyter Book's table of contents, beside its own _config.yml
        return "myst", "_toc.yml"
    if has("myst.yml"):  # the MyST command line's project (mystmd, Jupyter Book 2)
        return "myst", "myst.yml"
    if has("_config.yml"):
        if _hexo_breaks(folder):
            return "hexo", "_config.yml and hexo-renderer-marked"
        return "jekyll", "_config.yml"
    for conf in ("conf.py", os.path.join("docs", "conf.py"), os.path.join("source", "conf.py")):
        path = os.path.join(folder, conf)
        if os.path.isfile(path) and _mentions(path, "myst"):
            return "myst", conf
    return None


#: A ``breaks: false`` line of a site's ``_config.yml`` (under ``marked:``, the only renderer
#: setting of that name a Hexo site's configuration holds).
_BREAKS_OFF = re.compile(r"^[ \t]+breaks:[ \t]*false\b", re.MULTILINE)


def _hexo_breaks(folder: str) -> bool:
    """True for a Hexo site that renders with hexo-renderer-marked (``hexo init``'s renderer),
    whose ``breaks`` option is on unless the site's ``_config.yml`` turns it off: each line
    break of a paragraph is shown as one there."""
    if not _mentions(os.path.join(folder, "package.json"), '"hexo-renderer-marked"'):
        return False
    return _BREAKS_OFF.search(_head(os.path.join(folder, "_config.yml"))) is None


def _mentions(path: str, word: str) -> bool:
    return word in _head(path)


def _head(path: str) -> str:
    """The first 200,000 characters of a file, or "" when it cannot be read."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read(200_000)
    except OSError:
        return ""


@lru_cache(maxsize=256)
def _own_dialect(folder: str) -> tuple[str, str] | bool:
    """The dialect ``folder``'s own files name; else True at the top of a repository (look
    no further up), False elsewhere."""
    found = _folder_dialect(folder)
    if found is not None:
        return found
    return any(os.path.exists(os.path.join(folder, marker)) for marker in _REPO_MARKERS)


@lru_cache(maxsize=256)
def _detect_in(folder: str) -> tuple[str, str] | None:
    # A loop up the folders, not a call a level: a file a thousand folders deep went past
    # Python's recursion limit. Each folder's own answer is cached, so siblings ask once.
    while True:
        own = _own_dialect(folder)
        if own is True:
            return None
        if own is not False:
            return own  # type: ignore[return-value]
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def detect_dialect(name: str | None) -> tuple[str, str]:
    """The dialect of the file ``name`` and why: its suffix, else its repository's files.

    ``.mdx`` files are MDX, ``.qmd`` and ``.Rmd`` pandoc's; otherwise the nearest folder up
    to the repository's top with a site generator's configuration (or an Obsidian vault's
    ``.obsidian/``) decides; CommonMark when none does.
    """
    if name and str(name).lower().endswith(".mdx"):
        return "mdx", ".mdx file"
    if name and str(name).lower().endswith((".qmd", ".rmd")):  # Quarto, R Markdown: pandoc's
        return "pandoc", f"{os.path.splitext(str(name))[1]} file"
    if name and name not in ("-", "<input>", "<stdin>"):
        try:
            path = os.path.abspath(str(name))
            folder = path if os.path.isdir(path) else os.path.dirname(path)
            found = _detect_in(folder)
        except (OSError, ValueError):
            found = None
        if found is not None:
            return found
    return "commonmark", "default"


def resolve_dialect(chosen: str, name: str | None) -> str:
    """The dialect to use: ``chosen`` unless it is ``auto``."""
    return detect_dialect(name)[0] if chosen == "auto" else chosen


# -- the lines each dialect's syntax owns --------------------------------------------------
#
# Every dialect's markers are recognised in every dialect: a line that is not prose costs
# nothing when kept as written, so a wrong guess of dialect loses nothing. Each rule names
# what it protects (--explain and the tests cite the names).

# Block-quote markers and indentation before a line's own text.
_CONTAINER = re.compile(r"[ \t>]*")

# The box-drawing characters (U+2500 to U+257F) and the arrows (U+2190 to U+21FF).
_BOX_DRAWING = "".join(map(chr, range(0x2500, 0x2580)))
_ARROWS = "".join(map(chr, range(0x2190, 0x2200)))

#: Lines kept byte-identical and never joined to a neighbour, by rule name: the characters
#: such a line starts with (a cheap first look; tests/test_dialects.py checks each pattern
#: matches no line starting otherwise), and its pattern.
LINE_RULES: dict[str, tuple[str, re.Pattern[str]]] = {
    # ":::note", ":::{directive}", ":::warning Title", pandoc ":::: {.div}", a closing ":::"
    "colon-fence": (":", re.compile(r":{3,}")),
    # MDC's block components (Nuxt Content): "::note", '::tip{icon="bulb"}', "::card-group"
    # over their Markdown, and the "::" that closes one; joined, the text would be the
    # component's name and the closer a paragraph's last word
    "component-fence": (":", re.compile(r"::(?:[A-Za-z][\w-]*(?:[{\[].*)?)?[ \t]*$")),
    # MDC's inline components alone on their line: ':read-more{to="/guide"}', ":br :br"
    "component-line": (
        ":",
        re.compile(r"(?::[A-Za-z][\w-]*(?:\{[^{}\n]*\}|\[[^\]\n]*\])*[ \t]*)+$"),
    ),
    # MyST directive options ":class: tip" and field lists ":param x: text"
    "field-line": (":", re.compile(r":[^\s:][^:\n]*:(?:[ \t]|$)")),
    # pandoc title block, MyST "% comment"
    "percent-line": ("%", re.compile(r"%")),
    # GitHub alerts "> [!NOTE]", Obsidian callouts, mdbook-spec's "> [!EDITION-2024]" (a
    # callout's type may hold digits and hyphens: "[!my-note]")
    "alert-marker": ("[", re.compile(r"\[![A-Za-z][\w-]*\][+-]?(?:[ \t]|$)")),
    # a link reference definition whose destination a template writes, "[shed]: {% link
    # shed.md %}" (Jekyll), '[tide]: {{< ref "tide" >}}' (Hugo): CommonMark reads none until
    # the template is rendered, then one to a line; joined, the first would swallow the rest
    "template-reference": ("[", re.compile(r"\[[^\]\n]+\]:[ \t]*\{[{%]")),
    # DocFX's markers with arguments, alone on their line: '> [!div class="checklist"]' over
    # the list or link it styles, "[!INCLUDE [intro](includes/intro.md)]", "[!VIDEO url]";
    # joined, the marker would be the text's first words
    "docfx-marker": ("[", re.compile(r"\[![A-Za-z][\w-]*[ \t\[][^\n]*\][ \t]*$")),
    # GitHub's first alert syntax, "> **Note**" or "> **Warning**" alone on its line (its 2022
    # beta, still in many READMEs and in docs generated for GitHub), and its variants ("> **💡
    # Tip**"): a title line, which joined to the text under it would read as a bold first
    # word. The text path keeps the same lines (furniture.ALERT_LABEL, rule alert-label).
    "legacy-alert": ("*", re.compile(ALERT_LABEL)),
    # MkDocs admonitions "!!! note", collapsibles "??? tip", content tabs '=== "Tab"'
    "admonition-marker": ("!?=", re.compile(r"(?:!!!|\?\?\?\+?)[ \t]*\S|===[+!]?[ \t]+\"")),
    # pymdownx blocks (FastAPI's docs): '/// note | Title', '//// tab | Python', a closing
    # '///'. In every dialect: a translation's folder is rarely where mkdocs.yml is.
    "slash-fence": ("/", re.compile(r"/{3,}(?:[ \t]+[A-Za-z][\w-]*(?:[ \t]*\|.*)?)?[ \t]*$")),
    # a card's header and footer rules (sphinx-design, MyST's cards): "^^^" under the header,
    # "+++" over the footer (also a grid table's rule, "table-line"); joined, the header would
    # end in carets and run into the body
    "card-separator": ("^", re.compile(r"\^{3,}[ \t]*$")),
    # kramdown's end-of-block marker, "^" alone on its line (Jekyll's default parser): it
    # parts a list from the code block or list after it; joined, it is a caret in the text
    # and the blocks run together (ruby-lang.org's release posts: "* SIZE … = 4100024 ^")
    "block-end": ("^", re.compile(r"\^[ \t]*$")),
    # pymdownx.snippets' includes, '--8<-- "docs/snippets/start.md"' (Textual's docs, 731
    # lines, every one an include), and the bare '--8<--' that opens and closes a list of files
    # to include: the extension replaces a line that is only the marker and its file, so a
    # joined one is shown as written and the file goes missing; ";--8<--" is its escape
    "snippet-line": (
        ";-",
        re.compile(r"(?:;+-|-)-*+8<-++(?:[ \t]+(?:\"[^\"\n]+\"|'[^'\n]+'))?[ \t]*$"),
    ),
    # MyST "(label)=" targets
    "target-line": ("(", re.compile(r"\([^()\s]+\)=[ \t]*$")),
    # mdbook-spec's rule identifiers "r[items.fn.intro]" (the Rust Reference): alone on its
    # line over the rule's text, which joined would lose its anchor and show the brackets
    "rule-marker": ("r", re.compile(r"r\[[^\[\]\s]+\][ \t]*$")),
    # attribute lists "{ .annotate }", "{.class}", "{: .note}", "{#id}"; MDX "{/* … */}"
    "attribute-line": ("{", re.compile(r"\{[^{}\n]*\}[ \t]*$")),
    # abbreviations "*[HTML]: Hyper Text Markup Language"
    "abbreviation": ("*", re.compile(r"\*\[[^\]\n]+\]:")),
    # pandoc grid-table rules and rows, line blocks "| verse"
    "table-line": ("+|", re.compile(r"\+[-=:+]*\+[ \t]*$|\|")),
    # pandoc simple-table rules "-----  -----"
    "table-rule": ("-", re.compile(r"-{2,}(?:[ \t]+-{2,})+[ \t]*$")),
    # MDX ESM: import … from "x", import "x", export const …
    "esm-line": (
        "ie",
        re.compile(
            r"import[ \t]+(?:[\"']|.*[ \t}]from[ \t]*[\"'])"
            r"|export[ \t]+(?:default|const|let|var|function|class|async|\{|\*)"
        ),
    ),
    # a JSX component's tag "<Tabs>", "</TabItem>", "<Card title=…/>", a fragment "<>", "</>",
    # and one named by a member of an object, "<comp.Hero>", "<motion.div …>" (no HTML tag
    # name holds a dot)
    "component-tag": (
        "<",
        re.compile(r"</?(?:[A-Z][\w.]*(?:[ \t>/]|$)|[A-Za-z_$][\w$]*\.[\w$.]*(?:[ \t>/]|$)|>)"),
    ),
    # an empty bullet "*" alone (a meeting template's slot): CommonMark reads it as text
    # under a paragraph line, since an empty item cannot interrupt one, and would join it
    # ("Topics *"); written as a bullet, it stays one
    "empty-item": ("*+", re.compile(r"[*+][ \t]*$")),
    # a line that is one HTML tag and nothing else
    "tag-line": ("<", re.compile(r"</?[A-Za-z][\w.:-]*(?:[ \t][^<>\n]*)?/?>[ \t]*$")),
    # a drawing: a directory tree drawn with box-drawing characters ("├── docs", "│   └──
    # a.md", under "::: vue" or written as a paragraph; indented with no-break spaces where
    # copied from `tree`), or a line of arrows alone ("↓ ↓"); joined, the tree is one line
    "drawing-line": (
        _BOX_DRAWING + _ARROWS + "\u00a0",
        re.compile(
            r"[\u2500-\u257f]|\u00a0[ \t\u00a0]*[\u2500-\u257f]"
            r"|[\u2190-\u21ff][ \t\u2190-\u21ff]*$"
        ),
    ),
    # MyST, pandoc and LaTeX math: a "$$" line, a display on one line, "\begin{…}" / "\end{…}"
    "math-line": (
        "$\\",
        # (also "$$ x = … $$" alone on its line: VitePress's math reads it as a display,
        # which joined into the line above is literal dollars)
        re.compile(r"\$\$[ \t]*$|\$\$.*\$\$[ \t]*(?:\([^()\n]+\)[ \t]*)?$|\\(?:begin|end)\{"),
    ),
}

#: The line rules that may match a line, by its first character, in the order of LINE_RULES.
_LINE_RULES_BY_FIRST: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    char: tuple((name, pattern) for name, (first, pattern) in LINE_RULES.items() if char in first)
    for char in "".join(first for first, _pattern in LINE_RULES.values())
}

#: Lines only some dialects read as blocks inside a paragraph; CommonMark joins them (and the
#: shared cases want them joined there).
DIALECT_LINE_RULES: dict[str, dict[str, re.Pattern[str]]] = {
    "mkdocs": {
        # a link reference definition "[shed]: https://…": Python-Markdown reads one even inside
        # a paragraph, where joining it would show the URL and break every [shed] link
        "reference-definition": re.compile(r"\[[^\]^\n][^\]\n]*\]:[ \t]*\S"),
        # "#Heading" without a space is a heading to Python-Markdown: joined, the next line
        # would move into it
        "hash-line": re.compile(r"#"),
    },
    # "####### Seven" is a heading to pandoc
    "pandoc": {"hash-line": re.compile(r"#{7}")},
}

# Template tags (Liquid, Jinja, Hugo): each one matched up to its first closer only, and
# that closer's run of braces: Handlebars' "{{{body}}}" and raw blocks "{{{{raw}}}}" …
# "{{{{/raw}}}}" open with more than two.
# (Possessive: a tag ends at its first closer either way, and a backtracking repeat kept a
# frame a character, 130 bytes of a line of "{" a hundred thousand long.)
_TAG = r"\{%(?:[^%\n]|%(?!\}))*+%\}|\{\{(?:[^}\n]|\}(?!\}))*+\}\}++"
_TEMPLATE_LINE = re.compile(rf"(?:{_TAG}|[ \t])++")
# Logseq's properties and Dataview's fields, "tags:: garden, shed", "id:: 64a1…", a list item's
# own ("- collapsed:: true"): one to a line, which joined would run into each other.
_PROPERTY_LINE = re.compile(r"(?:[-*+][ \t]+)?[A-Za-z][\w-]*::(?:[ \t]|$)")
# A definition-list body line ": text" or "~ text" starts a block of its own.
_DEFINITION = re.compile(r"[:~][ \t]+\S")
# A bullet under a paragraph's line, in the dialects that render with Python-Markdown: CommonMark
# reads one there as a list item's text when it is indented more than three columns past that
# text ("* Talk" over "      * Slides"), Python-Markdown as a nested list (four to seven columns
# past the item's marker), which the joined line would show as "Talk * Slides". It begins a run
# of its own (a list item's first line begins one anyway).
_NESTED_BULLET = re.compile(r"[-*+][ \t]+\S")
_PYTHON_MARKDOWN = ("mkdocs",)
# A footnote label "[^note]: …" opening a line under a paragraph's line: markdown-it reads it
# as that paragraph's text (lazily, in a quote), GitHub and remark as a new footnote, which
# the joined line would swallow ("456 [^a]: a [^b]: …").
_FOOTNOTE_LABEL = re.compile(r"\[\^[^\]\s]+\]:")

# Spans whose every line, blank lines and all, is code or markup (name, opener, closer).
# Jinja's and Nunjucks' "{% set name %}" captures to "{% endset %}" (11ty's docs hold code
# samples so); "{% set name = value %}" is one line and closes nothing.
_SET_BLOCK = r"set(?=[ \t](?:[^=%\n]|%(?!\}))*%\})"
_LIQUID_CODE = f"raw|highlight|comment|codeblock|code|capture|javascript|{_SET_BLOCK}"
_SPANS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("liquid-code", re.compile(rf"\{{%-?[ \t]*({_LIQUID_CODE})\b"), r"\{{%-?[ \t]*end{0}\b"),
    ("shortcode-pair", re.compile(r"\{\{<[ \t]*(?!/)([\w/-]+)(?:(?!/>\}\}).)*>\}\}"), ""),
    # from the line's start, so that "`<pre>`" in prose opens nothing
    ("pre-element", re.compile(r"^(?:<[^<>]*>)*<(pre|script|style|textarea)\b", re.I), ""),
    ("math-environment", re.compile(r"\\begin\{([\w*]+)\}"), r"\\end\{{{0}\}}"),
    ("math-block", re.compile(r"^\$\$()(?!.*\$\$)"), r"\$\$"),
    # Logseq's Org-mode blocks in Markdown, "#+BEGIN_SRC clojure" … "#+END_SRC", "#+BEGIN_QUERY"
    # (a list item's own: "- #+BEGIN_QUOTE")
    ("org-block", re.compile(r"^(?:[-*+][ \t]+)?#\+BEGIN_(\w+)", re.I), r"#\+END_{0}\b"),
    # vuepress-plugin-flowchart's diagrams, "@flowstart" (or "@flowstart ant") over flowchart.js
    # lines ("st=>start: Begin", "st->op->e") to "@flowend": joined, the diagram is one line
    ("flowchart", re.compile(r"^@flowstart\b()"), r"^@flowend\b"),
    # a template action whose raw string runs over lines: Go's website writes its pages' data
    # as YAML in one ("{{projects `" over "  - company: …" lines to "`}}"), and code in
    # "{{raw `" … "`}}"; joined, the YAML's lines are one (165 such actions in golang/website,
    # every one data or code; nine more in 60 repositories, all in code samples)
    ("template-action", re.compile(r"^\{\{(?:[^`}\n]|\}(?!\}))*+`[^`\n]*+$()"), r"`[ \t]*-?\}}\}}"),
    # pymdownx.snippets' block form: a bare "--8<--" over the files to include, one to a line
    # (joined, they are one name that does not exist), to the next bare "--8<--"
    ("snippet-block", re.compile(r"^-++8<-++[ \t]*$()"), r"^-++8<-++[ \t]*$"),
)

#: MyST directives whose body is Markdown prose; the body of any other one is kept.
PROSE_DIRECTIVES = frozenset(
    "admonition attention caution danger error hint important note seealso tip warning todo "
    "dropdown tab-set tab-item card grid grid-item grid-item-card sidebar topic margin div "
    "versionadded versionchanged deprecated epigraph pull-quote highlights rubric".split()
)
_CLOSING_FENCE = re.compile(r":{3,}[ \t]*$")
_COLON_DIRECTIVE = re.compile(r"(:{3,})[ \t]*\{([A-Za-z][\w:.-]*)\}")


@dataclass(slots=True)
class LineRoles:
    """Lines of a document that dialect syntax owns (0-based line numbers)."""

    protected: dict[int, str] = field(default_factory=dict)  # line -> rule name
    #: lines that begin a block of their own (never joined to the line above) -> rule name
    starts: dict[int, str] = field(default_factory=dict)


def _own_text(line: str) -> str:
    return line[_CONTAINER.match(line).end() :]  # type: ignore[union-attr]


def line_roles(lines: list[str], dialect: str) -> LineRoles:
    """The protected lines and block-starting lines of ``lines`` (a document split at "\\n")."""
    roles = LineRoles()
    protected = roles.protected
    own = [_own_text(line) for line in lines]
    for n, text in enumerate(own):
        if not text:
            continue
        rule = line_rule(text, dialect)
        if rule is not None:
            protected[n] = rule
        elif n > 0 and own[n - 1].strip():
            if _DEFINITION.match(text):
                roles.starts[n] = "definition-body"
                protected.setdefault(n - 1, "definition-term")
            elif text[0] == "[" and _FOOTNOTE_LABEL.match(text):
                roles.starts[n] = "footnote-label"
            elif text[0] in "-*+" and dialect in _PYTHON_MARKDOWN and _NESTED_BULLET.match(text):
                roles.starts[n] = "nested-bullet"
    _protect_definition_runs(own, protected)
    _protect_metadata_block(lines, protected)
    _protect_block_options(lines, own, protected)
    _protect_member_blocks(own, protected)
    _protect_spans(own, protected)
    _protect_link_lists(own, protected)
    _protect_simple_tables(own, protected)
    _protect_pipe_tables(own, protected)
    _protect_jsx_text(own, protected)
    _protect_snippet_paragraphs(own, protected)
    if dialect == "mdx":
        _protect_mdx_blocks(own, protected)
    _protect_code_paragraphs(own, protected)
    return roles


# A link reference definition with a link's destination, "[mirrors]: /en/downloads/mirrors/",
# "[3]: https://…", "[licence]: {{ site.licence.url }}" (not "[Update]: the meeting moved").
_REFERENCE_DEFINITION = re.compile(r"\[[^\]\n]+\]:[ \t]*(?:<|[a-z][\w+.-]*:|/|#|\.|\{[{%])")


def _protect_definition_runs(own: list[str], protected: dict[int, str]) -> None:
    """Runs of link reference definitions that CommonMark reads as a paragraph: under one whose
    destination a template writes ("[license]: {{ site.license.url }}" over "[mirrors]:
    /en/downloads/mirrors/", on every translation of ruby-lang.org's download page), or two
    and more in a row where CommonMark rejects the first but kramdown and Python-Markdown read
    it ("[3]: http://…/engine.html(dan", an unbalanced parenthesis). The site generator
    reads one definition to a line; joined, the first would swallow the rest. (Over 40
    repositories: 169 paragraphs hold two such lines in a row, every one a list of
    definitions.)"""
    for n, text in enumerate(own):
        if protected.get(n) != "template-reference":
            if not (
                text.startswith("[")
                and n + 1 < len(own)
                and _REFERENCE_DEFINITION.match(text)
                and _REFERENCE_DEFINITION.match(own[n + 1])
            ):
                continue
            protected.setdefault(n, "definition-run")
        line = n + 1
        while line < len(own) and line not in protected and _REFERENCE_DEFINITION.match(own[line]):
            protected[line] = "definition-run"
            line += 1


# A line of a metadata header (Python-Markdown's meta extension, Pelican, MultiMarkdown):
# "Title: Mending the roof", "date: 2013-08-28 13:00", "Base Header Level: 2", or a value
# continued on a line indented four columns.
_METADATA_LINE = re.compile(r"[A-Za-z][\w-]*(?: [\w-]+){0,2}:(?:[ \t]|$)| {4,}\S")


def _protect_metadata_block(lines: list[str], protected: dict[int, str]) -> None:
    """A file's first lines, to a blank line, where each is a metadata line ``Key: value``
    (two at least): Pelican and Python-Markdown read them as the page's metadata, which
    joined would be one title ("Title: Mending the roof date: 2013-08-28 …")."""
    end = 0
    while end < len(lines) and lines[end].strip():
        line = lines[end].lstrip("\ufeff") if end == 0 else lines[end]
        if not _METADATA_LINE.match(line) or (end == 0 and line[0] == " "):
            return
        end += 1
    if end > 1:
        for n in range(end):
            protected.setdefault(n, "metadata-block")


# A JSX tag named by an object's member, "<comp.Hero" or "<Tabs.Item": the dot is in its name.
_MEMBER_TAG = re.compile(r"<[A-Za-z_$][\w$]*\.")


def _protect_member_blocks(own: list[str], protected: dict[int, str]) -> None:
    """The lines under a JSX tag named by an object's member (``<comp.Hero bg="x.svg">``), to
    a blank line. CommonMark reads ``<Hero bg="x.svg">`` and the lines under it as one HTML
    block and keeps them, but a dot is in no HTML tag's name: ``<comp.Hero>`` opens a
    paragraph there, whose lines (``<h1>Title</h1>`` / ``<p>Text</p>``, flow elements to
    MDX) would be joined into one paragraph of inline ones."""
    for n, text in enumerate(own):
        if protected.get(n) != "component-tag" or not _MEMBER_TAG.match(text):
            continue
        line = n + 1
        while line < len(own) and own[line].strip():
            protected.setdefault(line, "component-block")
            line += 1


# A fence line that opens a block: its colons or slashes, then a name, a title or {attributes}.
_FENCE_OPENER_LINE = re.compile(r"(?::{3,}|/{3,})[ \t]*[^:/ \t]")


def _protect_block_options(lines: list[str], own: list[str], protected: dict[int, str]) -> None:
    """The lines indented under a ``:::`` or ``///`` opener, to a blank line or one indented no
    deeper: mkdocstrings' ``::: module.name`` and pymdownx blocks take YAML options there,
    which joined would not parse (and whose role is unclear anywhere else)."""
    for n, text in enumerate(own):
        if protected.get(n) not in ("colon-fence", "slash-fence"):
            continue
        if not _FENCE_OPENER_LINE.match(text):
            continue
        indent = len(lines[n]) - len(text)
        line = n + 1
        while line < len(own) and own[line] and len(lines[line]) - len(own[line]) > indent:
            protected.setdefault(line, "block-options")
            line += 1


def line_rule(text: str, dialect: str) -> str | None:
    """The rule that protects a line whose own text (container markup removed) is ``text``."""
    for name, pattern in _LINE_RULES_BY_FIRST.get(text[0], ()):
        if pattern.match(text):
            return name
    if text[0] == "{" and _TEMPLATE_LINE.fullmatch(text):
        return "template-line"
    if "::" in text and _PROPERTY_LINE.match(text):
        return "property-line"
    if dialect == "mdx" and text.startswith(("import ", "export ")):
        return "esm-line"
    for name, pattern in DIALECT_LINE_RULES.get(dialect, {}).items():
        if pattern.match(text):
            return name
    return None


def _closer_lines(own: list[str], pattern: re.Pattern[str]) -> list[int]:
    return [n for n, text in enumerate(own) if pattern.search(text)]


def _protect_spans(own: list[str], protected: dict[int, str]) -> None:
    """Protect each paired construct that spans lines, blank lines included, to its closer.

    Every closer is looked up in a sorted list of the lines that hold one, so an opener
    without a closer costs one search, not a scan of the rest of the document.
    """
    closers: dict[str, list[int]] = {}
    reach: dict[str, int] = {}  # the last line of each rule's latest span: no opener inside
    fences = [
        n for n, text in enumerate(own) if text.startswith(":::") and _CLOSING_FENCE.match(text)
    ]
    fence_lines: list[int] | None = None  # lines that could close a code fence, once asked
    for n, text in enumerate(own):
        if (
            "{" in text
            or "<" in text
            or "\\" in text
            or "#+" in text
            or text.startswith(("$$", "@flowstart"))
            or "8<" in text
        ):
            for name, opener, closer in _SPANS:
                if reach.get(name, -1) >= n:
                    continue
                for match in opener.finditer(text):
                    close = _span_closer(name, closer, match.group(1))
                    if close not in closers:
                        closers[close] = _closer_lines(own, re.compile(close, re.IGNORECASE))
                    found = closers[close]
                    k = bisect_left(found, n)
                    # a closer on the opener's own line counts only after the opener
                    if k < len(found) and found[k] == n:
                        after = re.compile(close, re.IGNORECASE).search(text, match.end())
                        k += after is None
                    if k < len(found) and found[k] > n:
                        for line in range(n, found[k] + 1):
                            protected.setdefault(line, name)
                        reach[name] = found[k]
                        break
        if text.startswith(("```", "~~~")) and reach.get("code-fence", -1) < n:
            if fence_lines is None:
                fence_lines = [k for k, line in enumerate(own) if _FENCE_LINE.match(line)]
            end = _fence_end(own, n, fence_lines)
            if end is not None:
                for line in range(n, end + 1):
                    protected.setdefault(line, "code-fence")
                reach["code-fence"] = end
        elif text.startswith(":::") and reach.get("colon-directive", -1) < n:
            end = _directive_end(own, n, fences)
            if end is not None:
                for line in range(n, end + 1):
                    protected.setdefault(line, "colon-directive")
                reach["colon-directive"] = end
        elif text.startswith("<") and ">" not in text and re.match(r"<[A-Za-z]", text):
            _protect_until(own, n, ">", "open-tag", protected)
        elif re.match(r"import[ \t]+\{[^}]*$", text):
            _protect_until(own, n, "}", "esm-line", protected)


_FENCE_OPENER = re.compile(r"(`{3,}|~{3,})")
_FENCE_LINE = re.compile(r"(?:`{3,}|~{3,})[ \t]*$")


def _fence_end(own: list[str], n: int, fence_lines: list[int]) -> int | None:
    """The line that closes the code fence opened on line ``n``, else None; ``fence_lines``
    lists the lines that are only a fence (the candidates), so that a fence never closed costs
    one search, not a scan of the rest of the document.

    CommonMark already reads most fences as code; this is for those it does not: a fence
    inside a JSX component or an HTML block, which MDX reads as code and CommonMark, once a
    blank line ends the HTML block, as a paragraph whose lines could be joined.
    """
    match = _FENCE_OPENER.match(own[n])
    if match is None or (match.group(1)[0] == "`" and "`" in own[n][match.end() :]):
        return None  # ("```x```" is inline code)
    fence = match.group(1)
    for line in fence_lines[bisect_left(fence_lines, n + 1) :]:
        if own[line].startswith(fence):
            return line
    return None


def _span_closer(name: str, closer: str, tag: str) -> str:
    if name == "shortcode-pair":
        # "{{< /name >}}", and "{{</ name >}}" as Hugo's documentation writes it too
        return r"\{\{<[ \t]*/[ \t]*" + re.escape(tag) + r"[ \t]*>\}\}"
    if name == "pre-element":
        return "</" + tag + r"\s*>"
    return closer.format(re.escape(tag))


def _protect_until(own: list[str], n: int, mark: str, rule: str, protected: dict[int, str]) -> None:
    """Protect lines from ``n`` to the first later one holding ``mark``, if one comes soon."""
    for line in range(n + 1, min(n + 50, len(own))):
        if not own[line].strip():
            return  # a blank line first: not one construct
        if mark in own[line]:
            for k in range(n, line + 1):
                protected.setdefault(k, rule)
            return


def _directive_end(own: list[str], n: int, fences: list[int]) -> int | None:
    """The closing line of a MyST ``:::{name}`` directive that is not prose, else None.

    ``fences`` lists the lines that are only colons; the closer is the first one after
    ``n`` with at least the opener's colons.
    """
    match = _COLON_DIRECTIVE.match(own[n])
    if match is None or match.group(2) in PROSE_DIRECTIVES:
        return None
    colons = len(match.group(1))
    for line in fences[bisect_left(fences, n + 1) :]:
        if len(own[line].rstrip()) >= colons:
            return line
    return None


# A pipe table's delimiter row, "---|---", ":--|:--|:--", "| :-: |" (a pipe in it: a row of
# dashes alone is a rule or a heading's underline).
_DELIMITER_ROW = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")


def _protect_pipe_tables(own: list[str], protected: dict[int, str]) -> None:
    """Pipe tables, their header above the delimiter row and their rows below it to a blank line.

    CommonMark's GFM reads no table whose header has fewer cells than its delimiter row, and
    joins its lines as a paragraph's; Hugo's goldmark pads the header and renders the table.
    """
    for n, text in enumerate(own):
        if "|" not in text or "-" not in text or not _DELIMITER_ROW.match(text):
            continue
        if n == 0 or not own[n - 1].strip() or "|" not in own[n - 1]:
            continue  # no header row over it: no table
        protected.setdefault(n - 1, "table-row")
        line = n
        while line < len(own) and own[line].strip():
            protected.setdefault(line, "table-row")
            line += 1


# A JSX string expression opening a line, "{'  '}at App", "{'\\n\\n'}": how MDX writes the
# spaces and newlines a line cannot show otherwise.
_JSX_STRING = re.compile(r"""\{(?:'[^'\n]*'|"[^"\n]*"|`[^`\n]*`)\}""")


def _protect_jsx_text(own: list[str], protected: dict[int, str]) -> None:
    """The paragraph around a line that opens with a JSX string expression (React's docs write
    console output so, in a component that shows each newline): its line breaks are the text's
    own, and joined, a stack trace would be one line. In every dialect: such ``.md`` pages are
    compiled as MDX without saying so, and CommonMark would show the braces."""
    opening = [n for n, text in enumerate(own) if text.startswith("{") and _JSX_STRING.match(text)]
    _protect_paragraphs_around(own, opening, protected, "jsx-text")


def _protect_snippet_paragraphs(own: list[str], protected: dict[int, str]) -> None:
    """The paragraph around a pymdownx.snippets include line: the included file may open a
    block the lines under it belong to, or close one they end (Textual's docs open a
    ``<div class="highlight">`` in one snippet and close it in another, the syntax lines
    between them raw HTML to Python-Markdown, blank lines and all), so the lines that share
    a paragraph with an include are kept as written."""
    includes = sorted(line for line, rule in protected.items() if rule == "snippet-line")
    _protect_paragraphs_around(own, includes, protected, "snippet-paragraph")


def _protect_paragraphs_around(
    own: list[str], lines: list[int], protected: dict[int, str], rule: str
) -> None:
    """Keep, under ``rule``, every line of the paragraph (the run of non-blank lines) around
    each of ``lines`` (in order), each paragraph walked once."""
    reach = -1  # the last line of the latest paragraph kept
    for n in lines:
        if n <= reach:
            continue
        first = n
        while first > reach + 1 and own[first - 1].strip():
            first -= 1
        reach = n
        while reach + 1 < len(own) and own[reach + 1].strip():
            reach += 1
        for line in range(first, reach + 1):
            protected.setdefault(line, rule)


# A line of closing braces or brackets alone, "}", "])", "};", "},": code's, not prose's (a
# closing parenthesis alone is prose's too: "fleshed it out (" over a list of links over ")").
_CLOSING_LINE = re.compile(r"[}\]][}\]);,]*[ \t]*$")


def _protect_code_paragraphs(own: list[str], protected: dict[int, str]) -> None:
    """The lines down to a line that only closes braces or brackets, from a blank line above
    it: code written without a fence (a struct indented by a tab under a list item, a
    JSON reply under "// Result", a fence the author left unbalanced), which CommonMark
    reads as a paragraph and a join would make one line of. The closer must close what the
    lines above it open (one ends with its opener) or something opened above a blank line
    (none of them holds its opener); it is never the first line, and never inside a fence.
    """
    fence = ""
    first = 0  # where the lines above the next closer begin (after a blank, a fence, a run kept)
    ends: set[str] = set()  # the openers those lines end with
    holds: set[str] = set()  # the openers they hold
    for n, text in enumerate(own):
        if _is_fence(text):
            if not fence:
                fence = text[:3]
            elif text.startswith(fence):
                fence = ""
            first, ends, holds = n + 1, set(), set()
            continue
        if fence or not text.strip():
            first, ends, holds = n + 1, set(), set()
            continue
        if text[0] in "}]" and n > first and _CLOSING_LINE.match(text):
            opener = "{" if text[0] == "}" else "["
            if opener in ends or opener not in holds:
                for line in range(first, n + 1):
                    protected.setdefault(line, "code-paragraph")
                first, ends, holds = n + 1, set(), set()
                continue
        stripped = text.rstrip()
        if stripped[-1] in "{[":
            ends.add(stripped[-1])
        holds.update(char for char in "{[" if char in text)


def _is_fence(text: str) -> bool:
    return text.startswith(("```", "~~~"))


#: How far an MDX expression's closing brace is looked for.
_MAX_EXPRESSION_LINES = 500


def _tag_end(own: list[str], n: int) -> int | None:
    """The line where the JSX tag opening line ``n`` ends: its ``>`` outside braces and
    quotes (a prop's ``{`…`}`` may hold blank lines and ``>``); None past the limit."""
    depth = 0
    quote = ""
    for line in range(n, min(n + _MAX_EXPRESSION_LINES, len(own))):
        for char in own[line][1:] if line == n else own[line]:
            if quote:
                if char == quote:
                    quote = ""
            elif char == '"' or char == "'" or char == "`":
                quote = char
            elif char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
            elif char == ">" and depth <= 0:
                return line
    return None


def _protect_mdx_blocks(own: list[str], protected: dict[int, str]) -> None:
    """MDX's JavaScript: an ESM block (``export const info = {``) runs to a blank line; an
    expression that opens a line with ``{`` runs to the line where its braces close; a JSX
    tag that opens a line runs to its ``>`` (CommonMark reads ``<LinkButton`` and its props
    on the lines below as a paragraph, MDX as one element)."""
    n = 0
    while n < len(own):
        text = own[n]
        if (
            text.startswith("<")
            and text[1:2].isalpha()
            and protected.get(n, "component-tag") == "component-tag"
        ):
            end = _tag_end(own, n)
            if end is not None and end > n:
                for line in range(n, end + 1):
                    protected.setdefault(line, "jsx-tag")
                n = end + 1
                continue
        if protected.get(n) == "esm-line":
            line = n + 1
            while line < len(own) and own[line].strip():
                protected.setdefault(line, "esm-line")
                line += 1
            n = line
            continue
        if text.startswith("{") and n not in protected:
            depth = 0
            for line in range(n, min(n + _MAX_EXPRESSION_LINES, len(own))):
                depth += own[line].count("{") - own[line].count("}")
                if depth <= 0:
                    if line > n:
                        for k in range(n, line + 1):
                            protected.setdefault(k, "expression-block")
                        n = line
                    break
        n += 1


_LINK_LINE = re.compile(r"\[[^\]\n]*\]\([^)\n]*\)[ \t]*$")


def _protect_link_lists(own: list[str], protected: dict[int, str]) -> None:
    """Runs of two or more lines that are each one link (mdBook's SUMMARY.md chapters)."""
    run: list[int] = []
    for n, text in enumerate([*own, ""]):
        if text.startswith("[") and _LINK_LINE.match(text):
            run.append(n)
            continue
        if len(run) > 1:
            for line in run:
                protected.setdefault(line, "link-list")
        run = []


def _protect_simple_tables(own: list[str], protected: dict[int, str]) -> None:
    """Pandoc simple and multiline tables: the header above a rule and the rows below it."""
    first, rule = LINE_RULES["table-rule"]
    for n, text in enumerate(own):
        if not text or text[0] not in first or not rule.match(text):
            continue
        line = n - 1
        while line >= 0 and own[line].strip() and line not in protected:
            protected[line] = "table-row"
            line -= 1
        # A multiline table opens with a full rule and runs, blank lines and all, to one.
        multiline = line + 1 < n and re.fullmatch(r"-{3,}[ \t]*", own[line + 1]) is not None
        line = n + 1
        while line < len(own) and (own[line].strip() or multiline):
            if not multiline and rule.match(own[line]):
                break  # the next rule protects its own rows
            protected.setdefault(line, "table-row")
            if multiline and line > n + 1 and re.fullmatch(r"-{3,}[ \t]*", own[line]):
                break
            line += 1
