"""Markdown dialects: their syntax lines come out as written, their prose unwrapped."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType

import pytest

from reflow import dialects
from reflow.dialect_names import DIALECTS
from reflow.dialects import detect_dialect, line_roles
from reflow.markdown import format_markdown
from reflow.options import Options

from .conftest import ROOT, SHARED
from .test_markdown import OWN_CASES, assert_same_document

#: A Hexo site's package.json with the renderer "hexo init" installs.
_HEXO_MARKED = '{"dependencies": {"hexo": "^7.0.0", "hexo-renderer-marked": "^6.0.0"}}'


@dataclass(frozen=True)
class Shape:
    """One failure shape of issue 17: a small document, its kept lines and its joined prose."""

    name: str
    source: str
    kept: tuple[str, ...]  # lines that must come out byte-identical, each on its own
    joined: tuple[str, ...]  # prose that must come out on one line
    dialect: str = "auto"


SHAPES = [
    Shape(
        "colon-fence-docusaurus",
        "Before the box we\nwrite a little.\n:::note\nThe note says this\nover two lines.\n:::\n",
        (":::note", ":::"),
        ("The note says this over two lines.", "Before the box we write a little."),
    ),
    Shape(
        "colon-fence-titled",
        ":::warning Mind the gap\nA warning body\nthat wraps here.\n:::\n",
        (":::warning Mind the gap",),
        ("A warning body that wraps here.",),
    ),
    Shape(
        "myst-directive-options",
        ":::{note}\n:class: dropdown\n:name: my-note\nDirective body text\nin two lines.\n:::\n",
        (":::{note}", ":class: dropdown", ":name: my-note"),
        ("Directive body text in two lines.",),
    ),
    Shape(
        "myst-directive-not-prose",
        ":::{code-block} python\nx = 1\ny = 2\n\nz = 3\n:::\n",
        ("x = 1", "y = 2", "z = 3"),
        (),
    ),
    Shape(
        "definition-list",
        "Apples\n: A round fruit that\n  grows on trees.\n\n"
        "Pears\n~ Another fruit\n  shaped oddly.\n",
        ("Apples", "Pears"),
        (": A round fruit that grows on trees.", "~ Another fruit shaped oddly."),
    ),
    Shape(
        "definition-after-blank-line",
        "Term\n\n:   A definition body that\n    wraps over a few short lines.\n",
        ("Term",),
        (":   A definition body that wraps over a few short lines.",),
    ),
    Shape(
        "field-list",
        "A sentence that\nwraps.\n:param width: how wide\n:returns: the text\n",
        (":param width: how wide", ":returns: the text"),
        ("A sentence that wraps.",),
    ),
    Shape(
        "pandoc-simple-table",
        "  Name    Size\n-------  ------\n  apple   small\n  melon   large\n\nAfter the\ntable.\n",
        ("  Name    Size", "-------  ------", "  apple   small", "  melon   large"),
        ("After the table.",),
    ),
    Shape(
        "pandoc-grid-table",
        "+-------+-------+\n| one   | two   |\n+=======+=======+\n| three | four  |\n"
        "+-------+-------+\n",
        ("+-------+-------+", "| one   | two   |", "+=======+=======+", "| three | four  |"),
        (),
    ),
    Shape(
        "pandoc-title-and-div",
        "% A Title\n% An Author\n\n::: {.aside}\nAn aside that\nwraps twice.\n:::\n",
        ("% A Title", "% An Author", "::: {.aside}", ":::"),
        ("An aside that wraps twice.",),
    ),
    Shape(
        "github-alert",
        "> [!NOTE]\n> Useful words\n> for readers.\n",
        ("> [!NOTE]",),
        ("> Useful words for readers.",),
    ),
    Shape(
        "admonition-without-blank",
        'Some prose\nhere.\n!!! tip "Short cut"\n    Body of the tip\n    in two lines.\n',
        ('!!! tip "Short cut"',),
        ("Some prose here.",),
    ),
    Shape(
        "myst-target-and-comment",
        "(intro-label)=\nThe intro text\nruns on.\n% a comment line that stays\nMore text\nhere.\n",
        ("(intro-label)=", "% a comment line that stays"),
        ("The intro text runs on.", "More text here."),
    ),
    Shape(
        "attribute-lines",
        "A paragraph that\nwraps once.\n{ .annotate }\n\nAnother one\nhere.\n{: .note}\n",
        ("{ .annotate }", "Another one", "here.", "{: .note}"),  # kramdown's: kept whole
        ("A paragraph that wraps once.",),
    ),
    Shape(
        "abbreviations",
        "Text about HTML\nand CSS.\n\n"
        "*[HTML]: Hyper Text Markup Language\n*[CSS]: Cascading Style Sheets\n",
        ("*[HTML]: Hyper Text Markup Language", "*[CSS]: Cascading Style Sheets"),
        ("Text about HTML and CSS.",),
    ),
    Shape(
        "shortcode-across-blank-lines",
        "See {{< code-toggle file=\"hugo\" >}}\nbaseURL = 'x'\n\n- title = 'y'\n"
        "{{< /code-toggle >}} for both.\n",
        ("baseURL = 'x'", "- title = 'y'"),
        (),
    ),
    Shape(
        "liquid-raw-across-blank-lines",
        "{% highlight ruby %}{% raw %}\ndef a\n  1\n\nend\n{% endraw %}{% endhighlight %}\n",
        ("def a", "  1", "end"),
        (),
    ),
    Shape(
        "liquid-comment",
        "{% comment %}\nhidden words\n\n1. not a list\n{% endcomment %}\n",
        ("hidden words", "1. not a list"),
        (),
    ),
    Shape(
        "liquid-assign-run",
        "{% assign a = 1 %}\n{% assign b = 2 %}\nThe prose after\nthem.\n",
        ("{% assign a = 1 %}", "{% assign b = 2 %}"),
        ("The prose after them.",),
    ),
    Shape(
        "myst-math-label",
        "$$\na = b\n$$ (eq-one)\n\nText\n\\begin{align}\nx &= 1\n\nx &= 2\n\\end{align}\n",
        ("$$ (eq-one)", "\\begin{align}", "x &= 1", "x &= 2", "\\end{align}"),
        (),
    ),
    Shape(
        "mdx-imports-and-jsx",
        "import Tabs from '@theme/Tabs';\nimport {\n  TabItem,\n} from '@theme/TabItem';\n\n"
        '<Tabs\n  groupId="os">\n<TabItem value="a">\nTab prose that\nwraps.\n</TabItem>\n'
        "</Tabs>\n",
        ("import Tabs from '@theme/Tabs';", "import {", "  TabItem,", '  groupId="os">'),
        ("Tab prose that wraps.",),
        dialect="mdx",
    ),
    Shape(
        # A fence inside a component, past a blank line: MDX reads code there, CommonMark a
        # paragraph once the blank line ends the HTML block (Astro's docs, found joined).
        "mdx-fence-in-component",
        "Prose before\nthem.\n\n"
        '<Tabs>\n  <Fragment slot="a">\n  ```js\n  import { a } from "a";\n\n'
        "  export default f({\n    b: 1,\n  });\n  ```\n  </Fragment>\n</Tabs>\n",
        ("  export default f({", "    b: 1,", "  });"),
        ("Prose before them.",),
        dialect="mdx",
    ),
    Shape(
        "pre-in-table-cell",
        "<table><tr><td>\n<pre>\nline one\n\nline two\n  indented\n</pre>\n</td></tr></table>\n",
        ("line two", "  indented"),
        (),
    ),
    Shape(
        "summary-links",
        "# Summary\n\n[Preface](preface.md)\n[Intro](intro.md)\n\n- [Chapter](ch1.md)\n",
        ("[Preface](preface.md)", "[Intro](intro.md)"),
        (),
    ),
    Shape(
        # pymdownx blocks, in any dialect (FastAPI's translations live away from mkdocs.yml)
        "slash-fence-blocks",
        "/// note | 注意\nThe first line\nand the second.\n///\n\n/// details | Why\n"
        "    open: true\n    type: tip\nThe reason is\nsimple.\n///\n",
        ("/// note | 注意", "///", "/// details | Why", "    open: true", "    type: tip"),
        ("The first line and the second.", "The reason is simple."),
        dialect="commonmark",
    ),
    Shape(
        "mkdocstrings-options",
        "The API:\n\n::: shed.Door\n    options:\n        members:\n            - open\n\n"
        "Prose after\nit.\n",
        ("::: shed.Door", "    options:", "        members:", "            - open"),
        ("Prose after it.",),
        dialect="mkdocs",
    ),
]


def _lines(text: str) -> list[str]:
    return text.split("\n")


@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: s.name)
@pytest.mark.parametrize("width", [0, 24])
def test_shape_keeps_its_syntax_lines(shape: Shape, width: int) -> None:
    out = format_markdown(shape.source, Options(width=width, dialect=shape.dialect))
    for line in shape.kept:
        assert line in _lines(out), f"{line!r} not kept in:\n{out}"
    if width == 0:
        for prose in shape.joined:
            assert prose in _lines(out), f"{prose!r} not joined in:\n{out}"


@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: s.name)
@pytest.mark.parametrize("width", [0, 24])
def test_shape_is_equivalent_and_a_fixed_point(shape: Shape, width: int) -> None:
    options = Options(width=width, dialect=shape.dialect)
    out = format_markdown(shape.source, options)
    assert format_markdown(out, options) == out
    # Judged by the CommonMark renderer of tests/test_markdown.py, and by the shared checker,
    # which knows the dialects' syntax, where it is present.
    assert_same_document(shape.source, out)
    if CHECKER.exists():
        check = _checker()
        parser = check.build_parser()
        source, result = check.Doc(parser, shape.source), check.Doc(parser, out)
        equivalent, detail, *_ = check.compare(source, result)
        assert equivalent, detail


def test_mkdocs_admonition_bodies_are_prose_only_in_mkdocs() -> None:
    source = '!!! note "Title"\n\n    Body text that\n    wraps here.\n'
    assert format_markdown(source, Options(dialect="commonmark")) == source  # code there
    out = format_markdown(source, Options(dialect="mkdocs"))
    assert out == '!!! note "Title"\n\n    Body text that wraps here.\n'


def test_mkdocs_content_tab_bodies_are_prose_only_in_mkdocs() -> None:
    source = (
        '=== "First"\n    Tab text that\n    wraps.\n\n    - an item\n      that wraps\n\nAfter.\n'
    )
    assert "    - an item\n      that wraps\n" in format_markdown(source, Options(dialect="gfm"))
    out = format_markdown(source, Options(dialect="mkdocs"))
    assert out == '=== "First"\n    Tab text that wraps.\n\n    - an item that wraps\n\nAfter.\n'


def test_myst_prose_directive_fences_are_unwrapped_only_in_myst() -> None:
    source = (
        "```{note}\n:class: tip\nA note body\nthat wraps.\n```\n\n"
        "````{warning}\n---\nname: w\n---\n```{tip}\nInner tip\ntext.\n```\n````\n\n"
        "```{code-block}\nx = 1\ny = 2\n```\n"
    )
    assert format_markdown(source, Options(dialect="commonmark")) == source
    out = format_markdown(source, Options(dialect="myst"))
    assert out == source.replace("body\nthat", "body that").replace("tip\ntext", "tip text")


def test_long_tab_and_comment_lines_are_never_wrapped() -> None:
    tab = '=== "A rather long tab title that goes past the width"'
    comment = "% a long MyST comment that would show its tail if it were wrapped"
    source = f"{tab}\n\n{comment}\n"
    assert format_markdown(source, Options(width=20)) == source


def test_image_description_is_not_broken() -> None:
    source = "Look ![a small grey cat asleep on a mat](cat.png) here.\n"
    out = format_markdown(source, Options(width=20))
    assert "![a small grey cat asleep on a mat](cat.png)" in out


@pytest.mark.parametrize("dialect", DIALECTS)
def test_one_line_paragraphs_come_back_byte_identical(dialect: str) -> None:
    text = "".join(shape.source for shape in SHAPES)
    once = format_markdown(text, Options(dialect=dialect))
    assert format_markdown(once, Options(dialect=dialect)) == once
    for case in [*OWN_CASES, *sorted((SHARED / "markdown" / "cases").glob("*.md"))]:
        source = case.read_bytes().decode("utf-8")
        flat = format_markdown(source, Options(dialect=dialect))
        assert format_markdown(flat, Options(dialect=dialect)) == flat, case.name


def test_line_roles_name_their_rule() -> None:
    roles = line_roles(["Term", ": definition", ":::note", "> [!TIP]"], "commonmark")
    assert roles.protected == {0: "definition-term", 2: "colon-fence", 3: "alert-marker"}
    assert roles.starts == {1: "definition-body"}


# -- which dialect --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"mkdocs.yml": ""}, "mkdocs"),
        ({"pelicanconf.py": "MARKDOWN = {}"}, "mkdocs"),  # Pelican renders with Python-Markdown
        ({"hugo.toml": ""}, "hugo"),
        ({"config/_default/hugo.yaml": ""}, "hugo"),  # Hugo's configuration directory
        ({"config.toml": "", "content/.keep": ""}, "hugo"),
        ({"_config.yml": ""}, "jekyll"),
        ({"_config.yml": "title: Shed", "package.json": _HEXO_MARKED}, "hexo"),
        # hexo-renderer-marked with its "breaks" turned off, another Hexo renderer: no breaks
        ({"_config.yml": "marked:\n  breaks: false\n", "package.json": _HEXO_MARKED}, "jekyll"),
        (
            {
                "_config.yml": "",
                "package.json": '{"dependencies": {"hexo-renderer-markdown-it": "7"}}',
            },
            "jekyll",
        ),
        ({"_config.yml": "title: Shed", "_toc.yml": "root: intro"}, "myst"),  # Jupyter Book
        ({"docs/conf.py": "extensions = ['myst_parser']"}, "myst"),
        ({"myst.yml": "version: 1"}, "myst"),  # mystmd, Jupyter Book 2
        ({"docusaurus.config.js": ""}, "mdx"),
        ({".obsidian/app.json": "{}"}, "obsidian"),
        ({"docs/.obsidian/app.json": "{}", "mkdocs.yml": ""}, "obsidian"),  # the nearer one
        ({"logseq/config.edn": "{}"}, "obsidian"),  # a Logseq graph shows line breaks too
        ({"config.toml": ""}, "commonmark"),
        ({"docs/conf.py": "extensions = []"}, "commonmark"),
    ],
)
def test_dialect_is_detected_from_the_repository(
    tmp_path: Path, files: dict[str, str], expected: str
) -> None:
    (tmp_path / ".git").mkdir()
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content)
    page = tmp_path / "docs" / "guide" / "page.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text("x\n")
    assert detect_dialect(str(page))[0] == expected


def test_mdx_files_are_mdx_and_in_the_default_include(tmp_path: Path) -> None:
    assert detect_dialect("page.mdx") == ("mdx", ".mdx file")
    page = tmp_path / "page.mdx"
    page.write_text("import X from './x';\n\nSome prose\nhere.\n")
    run = _reflow("--check", str(tmp_path))
    assert run.returncode == 1, run.stderr
    assert "page.mdx" in run.stderr
    assert "Markdown dialect mdx (.mdx file)" in _reflow("-v", str(page)).stderr
    _reflow("-i", str(tmp_path))
    assert page.read_text() == "import X from './x';\n\nSome prose here.\n"


@pytest.mark.parametrize("suffix", [".qmd", ".Rmd"])
def test_quarto_and_r_markdown_files_are_pandoc_markdown(tmp_path: Path, suffix: str) -> None:
    assert detect_dialect(f"report{suffix}") == ("pandoc", f"{suffix} file")
    page = tmp_path / f"report{suffix}"
    # Front matter made the file "a site generator's page" to text mode, which skipped it;
    # read as text, a tight list came out loose.
    text = (
        "---\ntitle: Rain\n---\n\n- one: {{< kbd Ctrl-S >}}\n- two\n\n"
        "```{r}\nx <- 1\n\ny <- 2\n```\n\nThe last\nline.\n"
    )
    page.write_text(text)
    _reflow("-i", "--include", f"*{suffix}", str(tmp_path))
    assert page.read_text() == text.replace("The last\nline.", "The last line.")
    assert "Markdown dialect pandoc" in _reflow("-v", "--check", str(page)).stderr


def test_mdx_javascript_keeps_its_lines() -> None:
    # MDX reads the lines under an import or export, to a blank line, as one ESM block, and an
    # expression that opens a line with "{" runs to its closing brace: JavaScript, whose
    # lines joined would not parse ("const a = 1 const b = 2").
    esm = "export const shed = {\n  door: 'north',\n  roof: 'tin'\n}\n"
    expression = "{\n  (function () {\n    const a = 1\n    const b = 2\n  })()\n}\n"
    prose = "The shed is\nsmall.\n"
    text = f"{esm}\n{expression}\n{prose}"
    roles = line_roles(text.split("\n"), "mdx")
    assert {roles.protected.get(n) for n in range(4)} == {"esm-line"}
    assert {roles.protected.get(n) for n in range(5, 11)} == {"expression-block"}
    assert 12 not in roles.protected
    assert (
        format_markdown(text, Options(dialect="mdx"))
        == f"{esm}\n{expression}\nThe shed is small.\n"
    )
    # Elsewhere a brace opens no such block.
    assert "expression-block" not in line_roles(text.split("\n"), "gfm").protected.values()


def test_a_pipe_table_whose_header_is_short_keeps_its_rows() -> None:
    # Hugo's goldmark pads a header row shorter than its delimiter row and renders a table;
    # CommonMark reads a paragraph, whose lines must not be joined.
    table = "Condition|Return value\n:--|:--|:--\n`N > 0`|A slice\n`N < 0`|An error\n"
    text = f"Intro.\n\n{table}\nA paragraph that\nwraps.\n"
    for dialect in ("hugo", "gfm", "commonmark"):
        assert (
            format_markdown(text, Options(dialect=dialect))
            == f"Intro.\n\n{table}\nA paragraph that wraps.\n"
        )
    # A rule of dashes under a line without pipes is a heading's underline, not a table.
    assert "table-row" not in line_roles(["Title", "---"], "gfm").protected.values()


def test_a_nunjucks_set_block_keeps_its_lines_and_an_assignment_opens_none() -> None:
    block = "{%- set sample -%}\nlet a = 1\n// b\n\nlet c = 2\nlet d = 3\n{%- endset -%}\n"
    roles = line_roles(block.split("\n"), "commonmark")
    assert {roles.protected.get(n) for n in range(1, 6)} == {"liquid-code"}
    assert format_markdown(block, Options()) == block
    # "{% set x = 1 %}" assigns on its line: the endset below closes nothing it opened.
    text = "{% set x = 1 %}\nSome prose\nhere.\n\nMore\nprose.\n{% endset %}\n"
    assert "liquid-code" not in line_roles(text.split("\n"), "commonmark").protected.values()


def test_an_obsidian_vault_keeps_its_line_breaks(tmp_path: Path) -> None:
    # Obsidian shows a paragraph's single newlines as line breaks.
    (tmp_path / ".obsidian").mkdir()
    page = tmp_path / "Notes" / "page.md"
    page.parent.mkdir()
    text = "**Question?**\nThe answer,\nline by line, in a paragraph much longer than twenty.\n"
    page.write_text(text)
    for args in ((), ("--width", "20"), ("--wrap", "auto")):
        run = _reflow("-v", *args, str(page))
        assert run.stdout == text, args
    assert "Markdown dialect obsidian (.obsidian/)" in run.stderr
    assert _reflow("--dialect", "gfm", str(page)).stdout != text


def test_a_logseq_graph_keeps_its_outline(tmp_path: Path) -> None:
    # Logseq shows a block's newlines as line breaks and reads its outline by indentation:
    # an outline nested deep enough is one paragraph to CommonMark, bullets and all.
    (tmp_path / "logseq").mkdir()
    (tmp_path / "logseq" / "config.edn").write_text("{}")
    page = tmp_path / "pages" / "Shed.md"
    page.parent.mkdir()
    text = (
        "- Jobs\n\t- The roof\n\t  id:: 64a1\n\t\t- Felt\n\t\t\t- Nails for the felt\n"
        "\t\t\t- A hammer\n\t\t- Gutter\n- A second block\n  over two lines\n"
    )
    page.write_text(text)
    for args in ((), ("--width", "20"), ("--wrap", "auto")):
        run = _reflow("-v", *args, str(page))
        assert run.stdout == text, args
    assert "Markdown dialect obsidian (logseq/config.edn)" in run.stderr


def test_a_hexo_site_rendered_by_marked_keeps_its_line_breaks(tmp_path: Path) -> None:
    # hexo-renderer-marked (what "hexo init" installs) shows a paragraph's single newlines as
    # line breaks unless the site's _config.yml sets "breaks: false" under "marked:".
    (tmp_path / ".git").mkdir()
    (tmp_path / "_config.yml").write_text("title: Harbour notes\ntheme: plain\n")
    (tmp_path / "package.json").write_text(_HEXO_MARKED)
    page = tmp_path / "source" / "_posts" / "tides.md"
    page.parent.mkdir(parents=True)
    text = "Updated the tide tables\nShrank the chart images\n\n{% note %}\nSee the office.\n"
    page.write_text(text + "{% endnote %}\n")
    for args in ((), ("--width", "20"), ("--wrap", "auto")):
        run = _reflow("-v", *args, str(page))
        assert run.stdout == text + "{% endnote %}\n", args
    assert "Markdown dialect hexo (_config.yml and hexo-renderer-marked)" in run.stderr
    (tmp_path / "_config.yml").write_text("title: Harbour notes\nmarked:\n  breaks: false\n")
    assert _reflow(str(page)).stdout.startswith("Updated the tide tables Shrank the chart")


def test_dialect_option_and_setting(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("!!! note\n\n    Body text\n    wraps.\n")
    run = _reflow("-v", "--dialect", "mkdocs", str(page))
    assert run.stdout == "!!! note\n\n    Body text wraps.\n"
    assert "Markdown dialect mkdocs (chosen)" in run.stderr
    (tmp_path / ".reflow.toml").write_text('dialect = "mkdocs"\n')
    assert _reflow(str(page)).stdout == run.stdout
    bad = _reflow("--dialect", "rst", str(page))
    assert bad.returncode == 2 and "rst" in bad.stderr


def _reflow(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reflow", *args], capture_output=True, text=True, cwd=ROOT
    )


# -- linear time on hostile input (issue 18, item 8) ---------------------------------------

HOSTILE = {
    "unclosed-braces": lambda n: "text {{ " * n + "\n",
    "unclosed-braces-per-line": lambda n: "text {{ x\n" * n,
    "unclosed-comment-repaired": lambda n: "cafÃ© <!-- " * n + "\n",
    "block-tags-without-end": lambda n: "{% if x %} word\n" * n,
    "shortcodes-without-end": lambda n: "{{< note >}} word\n" * n,
    "unclosed-block-tags": lambda n: "a {% b " * n + "\n",
    "reference-like-lines": lambda n: "[a]: <x\nword word word word word\n" * n,
    "image-openers": lambda n: "![a " * n + "\n",
    "table-rules": lambda n: "-- --\n" * n,
    "span-openers": lambda n: "<pre>\n\\begin{x}\n{% raw %}\n$$\n" * n,
    "fence-openers": lambda n: "<div>\n\n```js\nword word\n" * n,
    # each "+++" line looks up only the blank lines right above it for TOML front matter
    "plus-lines-after-blank-lines": lambda n: "\n" * n + "text\n" + "+++\n" * n,
}


@pytest.mark.parametrize("family", sorted(HOSTILE))
def test_hostile_input_takes_linear_time(family: str) -> None:
    make = HOSTILE[family]
    width = 25 if family == "reference-like-lines" else 0
    timings = []
    for n in (30, 300, 3000):
        text = make(n)
        start = time.perf_counter()
        format_markdown(text, Options(width=width))
        timings.append(time.perf_counter() - start)
    # 100x the input: linear is ~100x the time; quadratic would be 10,000x
    assert timings[2] < 1000 * max(timings[0], 0.002), timings


# -- the token-tree checker ------------------------------------------------------------------

CHECKER = SHARED / "markdown" / "check.py"


@lru_cache(maxsize=1)
def _checker() -> ModuleType:
    if not CHECKER.exists():
        pytest.skip("shared Markdown checker absent")
    spec = importlib.util.spec_from_file_location("reflow_dialects_check", CHECKER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_safety_net_reparses_a_stretch_not_the_whole_document(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Without its marker rule every paragraph's first wrap starts a list, so each needs a
    # round of the safety net: the characters parsed per input character must not grow
    # with the number of such paragraphs (issue 18: ~43 whole-document re-parses).
    import reflow.markdown as md_mode

    monkeypatch.setattr(md_mode.rewrap, "_must_not_start", lambda word: False)
    monkeypatch.setattr(md_mode.document, "_must_not_start", lambda word: False)
    monkeypatch.setattr(md_mode.settle, "_STRETCH_LINES", 20)
    md = md_mode.parser("commonmark")
    parsed: list[int] = []
    real_parse = md.parse

    def counting_parse(src: str, env: object = None) -> object:
        parsed.append(len(src))
        return real_parse(src, env)

    monkeypatch.setattr(md, "parse", counting_parse)
    ratios = []
    for count in (10, 100, 1000):
        text = "Only the entry numbered 1. is\nnew here.\n\n" * count
        parsed.clear()
        out = format_markdown(text, Options(width=24, dialect="commonmark"))
        assert out == "Only the entry\nnumbered 1. is new here.\n\n" * count
        ratios.append(sum(parsed) / len(text))
    assert ratios[2] < 2 * ratios[0] + 10, ratios


@pytest.mark.parametrize(
    ("source", "dialect"),
    [
        ("A short line of prose\n[shed]: https://example.com/shed\nthat goes on.\n", "mkdocs"),
        ("#Tools of the shed\nand the garden.\n", "mkdocs"),
        ("* Compost day\n      * Turning the bays\n", "mkdocs"),
        ("####### Seven marks make\na heading here.\n", "pandoc"),
    ],
)
def test_lines_only_a_dialect_reads_as_blocks_are_kept_there_and_joined_elsewhere(
    source: str, dialect: str
) -> None:
    import reflow

    kept = reflow.normalize(source, source="markdown", dialect=dialect)
    assert kept == source  # the dialect's block line stays a line of its own
    joined = reflow.normalize(source, source="markdown", dialect="commonmark")
    assert joined == " ".join(source.split()) + "\n"  # CommonMark reads one paragraph


def _first_chars(parsed: re._parser.SubPattern) -> set[str] | None:
    """The characters a match of a parsed pattern can start with (None: any, or not known)."""
    constants = re._constants
    for op, arg in parsed:
        if op is constants.AT:
            continue  # zero width
        if op is constants.LITERAL:
            return {chr(arg)}
        if op is constants.IN:
            found = set()
            for item, value in arg:
                if item is constants.LITERAL:
                    found.add(chr(value))
                elif item is constants.RANGE:
                    found |= {chr(code) for code in range(value[0], value[1] + 1)}
                else:
                    return None  # a negated set or a category
            return found
        if op is constants.BRANCH:
            found = set()
            for branch in arg[1]:
                more = _first_chars(branch)
                if more is None:
                    return None
                found |= more
            return found
        if op is constants.SUBPATTERN:
            return _first_chars(arg[3])
        if op in (constants.MAX_REPEAT, constants.MIN_REPEAT, constants.POSSESSIVE_REPEAT):
            return _first_chars(arg[2]) if arg[0] >= 1 else None
        return None
    return None


@pytest.mark.parametrize("name", sorted(dialects.LINE_RULES))
def test_a_line_rule_matches_only_lines_starting_as_it_declares(name: str) -> None:
    # line_rule asks a rule only about lines that start with one of its declared characters.
    first, pattern = dialects.LINE_RULES[name]
    starts = _first_chars(re._parser.parse(pattern.pattern, pattern.flags))
    assert starts is not None
    assert starts <= set(first)


def test_line_rules_are_asked_by_first_character() -> None:
    # Each rule's own example line is protected by that rule, and a line starting otherwise
    # is asked about no line rule at all.
    examples = {
        ":::note": "colon-fence",
        ":class: tip": "field-line",
        "% comment": "percent-line",
        "[!NOTE]": "alert-marker",
        "[!EDITION-2021]": "alert-marker",
        "[!tidal-log]": "alert-marker",
        "[!NOTE](https://example.org) is a link.": None,
        "**Warning**": "legacy-alert",
        "**💡 Tip**": "legacy-alert",
        "**⚠️ WARNING**": "legacy-alert",
        "**Warning**: a bold label before its text.": None,
        "!!! note": "admonition-marker",
        "(label)=": "target-line",
        "r[harbour.tides.intro]": "rule-marker",
        "r[harbour.tides.intro] and its text": None,
        "rain[s] fell": None,
        "{ .annotate }": "attribute-line",
        "*[HTML]: Hyper Text Markup Language": "abbreviation",
        "| verse": "table-line",
        "-----  -----": "table-rule",
        'import x from "y"': "esm-line",
        "<Tabs>": "component-tag",
        "<div>": "tag-line",
        "$$": "math-line",
        "├── pages": "drawing-line",
        "\u00a0\u00a0 └── 404.vue": "drawing-line",
        "↓ ↓": "drawing-line",
        "→ and then the next line": None,
        "{{ page.title }}": "template-line",
        "A plain line of prose.": None,
    }
    assert {line: dialects.line_rule(line, "commonmark") for line in examples} == examples


def test_a_page_is_checked_again_in_the_dialect_of_its_own_repository(tmp_path: Path) -> None:
    # Run from this checkout on a page of an MkDocs site elsewhere: the second run of the
    # safety check once looked the dialect up from the page's bare name, in the working
    # folder, found none, joined the line Python-Markdown reads as a reference definition,
    # and refused the file as unstable.
    site = tmp_path / "site"
    (site / ".git").mkdir(parents=True)
    (site / "mkdocs.yml").write_text("site_name: Harbour\n")
    (site / "docs").mkdir()
    page = site / "docs" / "deploying.md"
    page.write_text(
        "# Deploying\n\nThe harbour office runs two\n[kinds of sites]: project sites and"
        " user\nsites, which differ.\n\nEach site is built\nfrom the same pages.\n\n"
        "[kinds of sites]: https://example.org/kinds\n"
    )
    run = _reflow("-i", str(page))
    assert run.returncode == 0, run.stderr
    assert page.read_text() == (
        "# Deploying\n\nThe harbour office runs two\n[kinds of sites]: project sites and"
        " user\nsites, which differ.\n\nEach site is built from the same pages.\n\n"
        "[kinds of sites]: https://example.org/kinds\n"
    )
