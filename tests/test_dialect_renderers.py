"""Dialect shapes and fixtures render the same with the dialect's own renderer after reflow."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from collections.abc import Callable

import pytest
from markdown_it import MarkdownIt

from reflow.markdown import format_markdown
from reflow.options import Options

from .conftest import ROOT
from .test_dialects import SHAPES

WIDTHS = [0, 40]  # --wrap no, and -w 40

Renderer = Callable[[str], str]


def _fixture(case: str) -> tuple[str, str]:
    """A golden case's input and the dialect its case.toml names."""
    folder = ROOT / "fixtures" / case
    dialect = tomllib.loads((folder / "case.toml").read_text())["dialect"]
    return (folder / "input.md").read_text(encoding="utf-8"), dialect


def _documents(case: str) -> list[object]:
    """The dialect's golden case and every shape of issue 17, each named by its id."""
    shapes = [pytest.param(shape.source, id=shape.name) for shape in SHAPES]
    return [pytest.param(_fixture(case)[0], id=case), *shapes]


_PRE = re.compile(r"(<pre\b.*?</pre>)", re.DOTALL)


def _normalised(html: str) -> str:
    """The HTML with each run of whitespace outside <pre> read as one space.

    A soft line break and a space render alike, so unwrapping or re-wrapping prose changes
    only these runs; code in <pre> must stay byte-identical and is compared as it is.
    """
    pieces = _PRE.split(html)
    for index in range(0, len(pieces), 2):
        pieces[index] = re.sub(r"\s+", " ", pieces[index])
    return "".join(pieces).strip()


def _assert_renders_the_same(render: Renderer, source: str, dialect: str, width: int) -> None:
    out = format_markdown(source, Options(width=width, dialect=dialect))
    before, after = _normalised(render(source)), _normalised(render(out))
    assert after == before, f"reflow output:\n{out}\nrenders as\n{after}\ninstead of\n{before}"


# -- MkDocs: Python-Markdown with the extensions MkDocs-Material sites enable ----------------


def _python_markdown() -> Renderer:
    markdown = pytest.importorskip("markdown")
    pytest.importorskip("pymdownx")
    extensions = [
        "admonition",
        "attr_list",
        "def_list",
        "abbr",
        "footnotes",
        "tables",
        "pymdownx.details",
        "pymdownx.superfences",
        "pymdownx.tabbed",
        # FastAPI's "/// note | Title" … "///" blocks
        "pymdownx.blocks.admonition",
        "pymdownx.blocks.details",
        "pymdownx.blocks.tab",
    ]
    configs = {"pymdownx.tabbed": {"alternate_style": True}}
    return lambda text: markdown.markdown(text, extensions=extensions, extension_configs=configs)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("source", _documents("md-dialect-mkdocs"))
def test_mkdocs_renders_the_same(source: str, width: int) -> None:
    _assert_renders_the_same(_python_markdown(), source, "mkdocs", width)


# -- MyST: myst-parser's docutils renderer ---------------------------------------------------


def _myst() -> Renderer:
    pytest.importorskip("myst_parser")
    from docutils.core import publish_parts
    from myst_parser.docutils_ import Parser

    settings = {
        "myst_enable_extensions": ["colon_fence", "deflist", "amsmath", "dollarmath", "fieldlist"],
        "report_level": 5,  # unknown roles and references are the same before and after
        "halt_level": 5,
        "output_encoding": "unicode",
    }

    def render(text: str) -> str:
        parts = publish_parts(text, parser=Parser(), writer="html5", settings_overrides=settings)
        return str(parts["html_body"])

    return render


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("source", _documents("md-dialect-myst"))
def test_myst_renders_the_same(source: str, width: int) -> None:
    _assert_renders_the_same(_myst(), source, "myst", width)


# -- Jekyll: python-liquid, then CommonMark ---------------------------------------------------

# python-liquid has no Jekyll `highlight` tag and cannot read Hugo shortcodes: both texts get
# the same stand-ins (a <pre> block, an HTML comment) before rendering.
_STAND_INS = [
    (re.compile(r"\{%-?\s*highlight\s+(\w+)\s*-?%\}"), r'<pre class="\1">'),
    (re.compile(r"\{%-?\s*endhighlight\s*-?%\}"), "</pre>"),
    (re.compile(r"\{\{<"), "<!--"),
    (re.compile(r">\}\}"), "-->"),
]


def _liquid_text(text: str) -> str:
    liquid = pytest.importorskip("liquid")
    for pattern, stand_in in _STAND_INS:
        text = pattern.sub(stand_in, text)
    return str(liquid.render(text))


def _liquid_then_commonmark(text: str) -> str:
    return MarkdownIt("commonmark").render(_liquid_text(text))


_LIQUID_DOCUMENTS = [
    pytest.param(_fixture("md-dialect-templates")[0], id="md-dialect-templates"),
    *(pytest.param(s.source, id=s.name) for s in SHAPES if s.name.startswith("liquid-")),
]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("source", _LIQUID_DOCUMENTS)
def test_jekyll_liquid_renders_the_same(source: str, width: int) -> None:
    _assert_renders_the_same(_liquid_then_commonmark, source, "jekyll", width)
    out = format_markdown(source, Options(width=width, dialect="jekyll"))
    highlighted = _PRE.findall(_liquid_text(source))
    assert _PRE.findall(_liquid_text(out)) == highlighted  # raw bodies byte for byte


def test_liquid_check_sees_a_joined_raw_body() -> None:
    # The check itself: joining the lines of a {% raw %} body must be caught.
    source = next(s.source for s in SHAPES if s.name == "liquid-raw-across-blank-lines")
    joined = source.replace("def a\n  1", "def a 1")
    assert _normalised(_liquid_then_commonmark(joined)) != _normalised(
        _liquid_then_commonmark(source)
    )


# -- pandoc: only where the binary is installed ----------------------------------------------


def _pandoc() -> Renderer:
    binary = shutil.which("pandoc")
    if binary is None:
        try:  # pypandoc-binary bundles one
            import pypandoc

            binary = pypandoc.get_pandoc_path()
        except (ImportError, OSError):
            pytest.skip("pandoc is not installed")

    def render(text: str) -> str:
        run = subprocess.run(
            [binary, "-f", "markdown", "-t", "html", "--wrap=preserve"],
            input=text,
            capture_output=True,
            text=True,
            check=True,
        )
        return run.stdout

    return render


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("source", _documents("md-dialect-pandoc"))
def test_pandoc_renders_the_same(source: str, width: int) -> None:
    _assert_renders_the_same(_pandoc(), source, "pandoc", width)


# Found by running the shared Markdown cases through each renderer: lines that only the dialect
# reads as blocks (rules reference-definition and hash-line keep them as lines).


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    ("renderer", "dialect", "source"),
    [
        pytest.param(
            _python_markdown,
            "mkdocs",
            "#Tools of the shed\nand the garden.\n",
            id="mkdocs-heading-without-space",
        ),
        pytest.param(
            _python_markdown,
            "mkdocs",
            "A short line of prose\n[shed]: https://example.com/shed\nthat goes on.\n",
            id="mkdocs-reference-definition-inside-paragraph",
        ),
        pytest.param(
            _pandoc,
            "pandoc",
            "####### Seven marks make\na heading here.\n",
            id="pandoc-seven-hashes-heading",
        ),
    ],
)
def test_lines_only_the_dialect_reads_as_blocks(
    renderer: Callable[[], Renderer], dialect: str, source: str, width: int
) -> None:
    _assert_renders_the_same(renderer(), source, dialect, width)


@pytest.mark.parametrize(
    ("renderer", "source", "joined"),
    [
        (_python_markdown, 'Prose.\n!!! tip "A"\n    Body.\n', 'Prose. !!! tip "A"\n    Body.\n'),
        (
            _python_markdown,
            "HTML.\n\n*[HTML]: Markup\n*[C]: C\n",
            "HTML.\n\n*[HTML]: Markup *[C]: C\n",
        ),
        (_myst, "Text.\n% a comment\nMore text.\n", "Text. % a comment More text.\n"),
        (_myst, ":::{note}\n:class: tip\nBody.\n:::\n", ":::{note}\n:class: tip Body.\n:::\n"),
    ],
    ids=["mkdocs-admonition", "mkdocs-abbreviation", "myst-comment", "myst-directive-option"],
)
def test_renderer_check_sees_a_harmful_join(
    renderer: Callable[[], Renderer], source: str, joined: str
) -> None:
    # The check itself: a join of the kind issue 17 lists must change the rendered HTML.
    render = renderer()
    assert _normalised(render(joined)) != _normalised(render(source))


def test_normalising_keeps_code_and_drops_soft_breaks() -> None:
    assert _normalised("<p>a\nb</p>\n<pre>x\n\ny</pre>") == "<p>a b</p> <pre>x\n\ny</pre>"
    assert _normalised("<pre>x y</pre>") != _normalised("<pre>x\ny</pre>")
