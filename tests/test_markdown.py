"""Markdown mode: paragraphs are unwrapped or re-wrapped and every other byte stays as it was."""

from __future__ import annotations

import importlib.util
import io
import re
import subprocess
import sys
from functools import lru_cache
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

import reflow
from reflow import markdown as md_mode
from reflow.options import Options
from reflow.wrap import display_width

from .conftest import ROOT, SHARED


def unwrap(text: str) -> str:
    return md_mode.format_markdown(text, Options(source="markdown"))


def rewrap(text: str, width: int) -> str:
    return md_mode.format_markdown(text, Options(source="markdown", width=width))


# -- an independent judge: the HTML a CommonMark renderer makes, blanks collapsed ---------


@lru_cache(maxsize=1)
def _renderer():  # type: ignore[no-untyped-def]
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark").enable("table")
    md.use(front_matter_plugin).use(footnote_plugin)
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False)
    return md.disable("math_inline")


_CJK_GAP = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])")


def rendered(text: str) -> str:
    html = re.sub(r"\s+", " ", _renderer().render(text))
    return _CJK_GAP.sub("", html)


def assert_same_document(before: str, after: str) -> None:
    assert rendered(after) == rendered(before)


# -- unwrapping: (id, input, expected) ----------------------------------------------------

UNWRAP = [
    (
        "paragraph",
        "A short paragraph that an editor\nwrapped at a narrow width\nfor no good reason.\n",
        "A short paragraph that an editor wrapped at a narrow width for no good reason.\n",
    ),
    (
        "single-trailing-space-is-soft",
        "One trailing space \nis not a break.\n",
        "One trailing space is not a break.\n",
    ),
    (
        "hard-break-spaces-and-backslash",
        "Lines of an address:\nFlat 2  \nMill Lane\\\nSouthby\n",
        "Lines of an address: Flat 2  \nMill Lane\\\nSouthby\n",
    ),
    (
        "escaped-backslash-is-soft",
        "A literal backslash \\\\\nthen more text.\n",
        "A literal backslash \\\\ then more text.\n",
    ),
    (
        "backslash-in-code-span-is-soft",
        "The path `C:\\`\ncontinues here.\n",
        "The path `C:\\` continues here.\n",
    ),
    (
        "list-with-lazy-lines",
        "- The first item, wrapped\n  with an indented line\nand a lazy one.\n- The second.\n",
        "- The first item, wrapped with an indented line and a lazy one.\n- The second.\n",
    ),
    (
        "continuation-line-starting-with-a-number",
        "- An item about the year\n  1984. It was a leap year.\n",
        "- An item about the year 1984. It was a leap year.\n",
    ),
    (
        "unindented-number-after-an-item-is-a-new-list",
        "- An item about the year\n1984. A list of its own.\n",
        "- An item about the year\n1984. A list of its own.\n",
    ),
    (
        "ordered-and-nested",
        "3. Third, with a nested list:\n   * a nested item that\n     wraps;\n   * short.\n",
        "3. Third, with a nested list:\n   * a nested item that wraps;\n   * short.\n",
    ),
    (
        "quotes-nested-and-lazy",
        "> Quoted text\n> on two lines.\n>\n> > Nested quote\n> > also wrapped.\n\n"
        "> A quote with\na lazy line.\n",
        "> Quoted text on two lines.\n>\n> > Nested quote also wrapped.\n\n"
        "> A quote with a lazy line.\n",
    ),
    (
        "quote-inside-list",
        "- Item:\n\n  > a quote inside\n  > the item.\n",
        "- Item:\n\n  > a quote inside the item.\n",
    ),
    (
        "footnote-definition",
        "Text[^n].\n\n[^n]: The note, wrapped\n    onto a second line.\n",
        "Text[^n].\n\n[^n]: The note, wrapped onto a second line.\n",
    ),
    (
        "links-images-html-spanning-lines",
        'See [the long\nlink](https://example.org "a title\nthat wraps") and ![an\nimage](a.png)'
        ' and <abbr\ntitle="x">HTML</abbr>.\n',
        'See [the long link](https://example.org "a title that wraps") and ![an image](a.png)'
        ' and <abbr title="x">HTML</abbr>.\n',
    ),
    (
        "code-span-blanks-are-kept",
        "Run `make   \nall` now.\n",
        "Run `make    all` now.\n",
    ),
    (
        # CommonMark strips the indent of the line under the span's newline (`make    all`),
        # markdown-it keeps it (`make      all`): no join reads the same to both.
        "code-span-over-an-indented-line-keeps-its-break",
        "Run `make   \n  all` now\nand later.\n",
        "Run `make   \n  all` now and later.\n",
    ),
    (
        "table-next-to-paragraph",
        "Text before\nthe table:\n| a | b |\n|---|---|\n| 1 | 2 |\n\nAfter the\ntable.\n",
        "Text before the table:\n| a | b |\n|---|---|\n| 1 | 2 |\n\nAfter the table.\n",
    ),
    (
        "headings-and-rules-untouched",
        "# Title ##\n\nSetext heading\nover two lines\n---\n\n***\n\nBody\ntext.\n",
        "# Title ##\n\nSetext heading\nover two lines\n---\n\n***\n\nBody text.\n",
    ),
    (
        "front-matter-yaml",
        "---\ntitle: x\nnote: >\n  folded\n  text\n---\n\nBody\ntext.\n",
        "---\ntitle: x\nnote: >\n  folded\n  text\n---\n\nBody text.\n",
    ),
    (
        "front-matter-toml",
        '+++\ntitle = "x"\nnote = """\nkept\nas is\n"""\n+++\n\nBody\ntext.\n',
        '+++\ntitle = "x"\nnote = """\nkept\nas is\n"""\n+++\n\nBody text.\n',
    ),
    (
        # Zola reads TOML front matter after blank lines too.
        "front-matter-toml-after-blank-lines",
        '\n\n+++\ntitle = "x"\n\n[extra]\nk = 1\n+++\n\nBody\ntext.\n',
        '\n\n+++\ntitle = "x"\n\n[extra]\nk = 1\n+++\n\nBody text.\n',
    ),
    (
        "plus-lines-after-text-are-no-front-matter",
        "Text first.\n\n+++\na = 1\nb = 2\n+++\n",
        "Text first.\n\n+++\na = 1 b = 2\n+++\n",
    ),
    (
        "code-html-math-refs-untouched",
        "```\nfenced\ncode\n```\n\n    indented\n    code\n\n<div>\nraw\nhtml\n</div>\n\n"
        "$$\na = b\n$$\n\n[ref]: https://example.org\n  'a title'\n",
        "```\nfenced\ncode\n```\n\n    indented\n    code\n\n<div>\nraw\nhtml\n</div>\n\n"
        "$$\na = b\n$$\n\n[ref]: https://example.org\n  'a title'\n",
    ),
    (
        "templates-spanning-lines",
        "{{< note >}}\nShortcode body\nkept.\n{{< /note >}}\n\n{% raw %}\nLiquid\n{% endraw %}\n\n"
        "A {{ value\n}} split tag.\n\nText with\nan attribute line.\n{: .note}\n",
        "{{< note >}}\nShortcode body\nkept.\n{{< /note >}}\n\n{% raw %}\nLiquid\n{% endraw %}\n\n"
        "A {{ value\n}} split tag.\n\nText with\nan attribute line.\n{: .note}\n",
    ),
    (
        # Each raw pair closes on its line, but an end tag of the name stands on a later line
        # than an opener: kept as written, as the shared checker keeps it (Jekyll's docs).
        "raw-pairs-on-several-lines-kept",
        "Output with\n{% raw %}`{{ v }}`{% endraw %} and logic with\n{% raw %}`{%`{% endraw %}.\n",
        "Output with\n{% raw %}`{{ v }}`{% endraw %} and logic with\n{% raw %}`{%`{% endraw %}.\n",
    ),
    (
        "one-line-template-tags-move",
        "The {{ page.title }} and\n{% include x.html %} tags.\n",
        "The {{ page.title }} and {% include x.html %} tags.\n",
    ),
    (
        "reflow-off-region",
        "Before\nit.\n\n<!-- reflow: off -->\nKept\nas is.\n<!-- reflow: on -->\n\nAfter\nit.\n",
        "Before it.\n\n<!-- reflow: off -->\nKept\nas is.\n<!-- reflow: on -->\n\nAfter it.\n",
    ),
    (
        "reflow-off-to-the-end",
        "Joined\nhere.\n\n<!-- reflow:off -->\n\nNot\nhere.\n",
        "Joined here.\n\n<!-- reflow:off -->\n\nNot\nhere.\n",
    ),
    (
        "cjk-and-hangul",
        "中文的句子，\n不加空格。\n\n日本語の文章\nです。\n\n한국어 문장은\n띄어 씁니다.\n",
        "中文的句子，不加空格。\n\n日本語の文章です。\n\n한국어 문장은 띄어 씁니다.\n",
    ),
    (
        "crlf",
        "A file with\r\nCRLF endings.\r\n\r\n- an item\r\n  that wraps\r\n",
        "A file with CRLF endings.\r\n\r\n- an item that wraps\r\n",
    ),
    ("no-final-newline", "No final\nnewline.", "No final newline."),
    ("empty", "", ""),
    ("only-front-matter", "---\ntitle: x\n---\n", "---\ntitle: x\n---\n"),
    (
        "tab-after-quote-marker",
        ">\tTabbed quote\n>\ttext.\n",
        ">\tTabbed quote text.\n",
    ),
    (
        "line-end-hyphen-kept",
        "A well-\nknown rule and an e-\nmail.\n",
        "A well- known rule and an e- mail.\n",
    ),
    (
        "entities-and-escapes-kept",
        "&copy; &amp; and \\*\n\\# stay as written.\n",
        "&copy; &amp; and \\* \\# stay as written.\n",
    ),
    (
        "decomposed-accents-kept",
        "A cafe\u0301 that\nstays decomposed.\n",
        "A cafe\u0301 that stays decomposed.\n",
    ),
    (
        # An HTML line break at a line's end breaks it for the reader, as a hard break does:
        # the writer's lines stay; the lines between them join.
        "html-line-breaks-kept",
        "**Type:** `boolean`<br/>\n**Default:** `false`<BR />\n**Available for:**\nServerless\n",
        "**Type:** `boolean`<br/>\n**Default:** `false`<BR />\n**Available for:** Serverless\n",
    ),
]

# Repairs change the text on purpose, so the HTML judge does not apply to them.
REPAIRS = [
    (
        "soft-hyphen-at-line-end",
        "An exam\u00ad\nple of a soft hyphen.\n",
        "An example of a soft hyphen.\n",
    ),
    (
        "mojibake-in-prose",
        "The caf\u00c3\u00a9 was\nopen.\n",
        "The caf\u00e9 was open.\n",
    ),
    (
        "mojibake-in-code-span-kept",
        "Prose caf\u00c3\u00a9 and\n`caf\u00c3\u00a9` code.\n",
        "Prose caf\u00e9 and `caf\u00c3\u00a9` code.\n",
    ),
    (
        # U+02BC is lynx's apostrophe in plain text; in Markdown an author wrote it.
        "modifier-apostrophe-kept",
        "The children\u02bcs\nportal.\n",
        "The children\u02bcs portal.\n",
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in UNWRAP], ids=[c[0] for c in UNWRAP])
def test_unwrap(text: str, expected: str) -> None:
    out = unwrap(text)
    assert out == expected
    assert_same_document(text, out)
    assert unwrap(out) == out


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in REPAIRS], ids=[c[0] for c in REPAIRS]
)
def test_repairs_apply_to_prose_only(text: str, expected: str) -> None:
    out = unwrap(text)
    assert out == expected
    assert unwrap(out) == out


def test_repairs_can_be_switched_off_but_soft_hyphens_still_join() -> None:
    text = "The caf\u00c3\u00a9 was\nopen for exam\u00ad\nple.\n"
    out = md_mode.format_markdown(text, Options(source="markdown", repair=False))
    assert out == "The caf\u00c3\u00a9 was open for example.\n"


@pytest.mark.parametrize("text", [c[2] for c in UNWRAP], ids=[c[0] for c in UNWRAP])
def test_clean_input_is_a_byte_identical_no_op(text: str) -> None:
    assert unwrap(text) == text


# -- re-wrapping: (id, width, input, expected) --------------------------------------------

WRAP = [
    (
        "year-stays-off-the-line-start",
        40,
        "The council first met in the old mill in 1984. It has met there since.\n",
        "The council first met in the old mill\nin 1984. It has met there since.\n",
    ),
    (
        "markers-stay-off-the-line-start",
        16,
        "Add one + two - three and # and > too.\n",
        "Add one + two -\nthree and #\nand > too.\n",
    ),
    (
        "list-item-indent",
        24,
        "10. An ordered item whose text\nneeds a few lines at this width.\n",
        "10. An ordered item\n    whose text needs a\n    few lines at this\n    width.\n",
    ),
    (
        "nested-quote-in-list",
        26,
        "- Item:\n\n  > > A nested quote inside a list item, wrapped.\n",
        "- Item:\n\n  > > A nested quote\n  > > inside a list item,\n  > > wrapped.\n",
    ),
    (
        "footnote-continuation",
        30,
        "Text[^a].\n\n[^a]: A footnote that is long enough to wrap twice.\n",
        "Text[^a].\n\n[^a]: A footnote that is long\n    enough to wrap twice.\n",
    ),
    (
        "hard-break-kept",
        20,
        "Short line  \nthen a longer line that has to wrap.\n",
        "Short line  \nthen a longer line\nthat has to wrap.\n",
    ),
    (
        "backslash-never-ends-a-line",
        8,
        "Path C:\\ and more.\n",
        "Path\nC:\\ and\nmore.\n",
    ),
    (
        "template-tag-stays-whole",
        20,
        "Read the {{ site.title }} page.\n",
        "Read the\n{{ site.title }}\npage.\n",
    ),
    (
        "task-box-stays-whole",
        14,
        "- [ ] Water the beans.\n",
        "- [ ] Water\n  the beans.\n",
    ),
    (
        "autolink-may-start-a-line",
        20,
        "Write to us at <mailto:a@example.org> soon.\n",
        "Write to us at\n<mailto:a@example.org>\nsoon.\n",
    ),
    (
        "cjk-joined-not-broken",
        10,
        "中文的\n句子。\n",
        "中文的句子。\n",
    ),
    (
        "crlf-kept-when-wrapping",
        12,
        "Windows line\r\nendings stay here.\r\n",
        "Windows line\r\nendings stay\r\nhere.\r\n",
    ),
    (
        "no-final-newline-when-wrapping",
        12,
        "No final newline here.",
        "No final\nnewline\nhere.",
    ),
]


@pytest.mark.parametrize(
    ("width", "text", "expected"), [c[1:] for c in WRAP], ids=[c[0] for c in WRAP]
)
def test_rewrap(width: int, text: str, expected: str) -> None:
    out = rewrap(text, width)
    assert out == expected
    assert_same_document(text, out)
    assert rewrap(out, width) == out


def test_rewrap_respects_the_width_where_it_can() -> None:
    text = "> - " + " ".join(["word"] * 60) + "\n"
    out = rewrap(text, 30)
    assert all(display_width(line) <= 30 for line in out.splitlines())
    assert all(line.startswith(">   ") for line in out.splitlines()[1:])


# -- the safety net -----------------------------------------------------------------------


def test_safety_net_uses_a_stricter_wrap_when_a_marker_slips_through(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Without its marker rule the first wrap would start a line with "1." and so a list.
    monkeypatch.setattr(md_mode.rewrap, "_must_not_start", lambda word: False)
    monkeypatch.setattr(md_mode.document, "_must_not_start", lambda word: False)
    text = "Only the entry numbered 1. is new here.\n"
    out = rewrap(text, 24)
    assert_same_document(text, out)
    assert out == "Only the entry\nnumbered 1. is new here.\n"


def test_safety_net_keeps_the_paragraph_when_every_form_changes_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(md_mode.rewrap, "_must_not_start", lambda word: False)
    monkeypatch.setattr(md_mode.document, "_must_not_start", lambda word: False)
    monkeypatch.setattr(md_mode.rewrap, "_must_not_start_strict", lambda word: False)
    text = "Intro.\n\nOnly the entry numbered 1. is\nnew here.\n"
    out = rewrap(text, 24)
    assert out == text


def test_unwrap_never_lets_a_lazy_table_header_form() -> None:
    # markdown-it reads "… |" followed by "---" inside this item as a table once the
    # item's lines are joined; the paragraph must then stay as written.
    text = "1. a line\n   ending in |\n---\n"
    out = unwrap(text)
    assert_same_document(text, out)


# -- properties over generated documents --------------------------------------------------

_WORDS = st.sampled_from(
    [
        *("the", "a", "of", "word", "prose", "line", "well-", "café", "日本語", "です", "한국어"),
        *("1984.", "1.", "2)", "-", "+", "*", "#", ">", "<", "|", "=", "===", "---", "```", "~~~"),
        *("`code`", "`two", "words`", "**bold**", "_it_", "[link](https://example.org)"),
        *("![alt](i.png)", "\\", "\\\\", "{{", "x", "}}", "$$", "[^1]", "&amp;", "[ref]"),
        *("<b>", "<!--c-->", "<https://example.org>"),
    ]
)
_LINE = st.lists(_WORDS, min_size=1, max_size=7).map(" ".join)
_TAIL = st.sampled_from(["", "", "", "  ", "\\", " "])


@st.composite
def _paragraph(draw: st.DrawFn) -> str:
    first, rest = draw(
        st.sampled_from(
            [
                ("", ""),
                ("- ", "  "),
                ("1. ", "   "),
                ("> ", "> "),
                ("- > ", "  > "),
                ("[^1]: ", "    "),
            ]
        )
    )
    lines = draw(st.lists(st.tuples(_LINE, _TAIL, st.booleans()), min_size=1, max_size=4))
    out = []
    for n, (line, tail, lazy) in enumerate(lines):
        lead = first if n == 0 else ("" if lazy else rest)
        out.append(lead + line + (tail if n < len(lines) - 1 else ""))
    return "\n".join(out)


_BLOCK = st.one_of(
    _paragraph(),
    st.sampled_from(
        ["# Heading", "```\ncode\n```", "| a |\n|---|\n| 1 |", "<div>\nx\n</div>", "***"]
    ),
)
_DOC = st.tuples(
    st.lists(_BLOCK, min_size=1, max_size=5), st.sampled_from(["\n", "\r\n"]), st.booleans()
).map(lambda t: t[1].join(b.replace("\n", t[1]) + t[1] for b in t[0])[: None if t[2] else -1])


@pytest.mark.parametrize("width", [0, 12, 30, 72])
def test_a_code_span_kept_over_an_indented_line_stays_at_every_width(width: int) -> None:
    # Found by the deep fuzz: re-wrapped, the line under the kept newline took the item's
    # continuation indent instead of its own, and the next run joined it.
    text = "1. ``` `code`\n    the ``` and more\n"
    out = rewrap(text, width)
    assert out.splitlines()[1].startswith("    the ```")
    assert rewrap(out, width) == out


@given(_DOC, st.sampled_from([0, 0, 12, 30, 72]))
def test_generated_documents_keep_their_meaning_and_are_fixed_points(text: str, width: int) -> None:
    out = rewrap(text, width)
    assert_same_document(text.replace("\r\n", "\n"), out.replace("\r\n", "\n"))
    assert rewrap(out, width) == out
    assert out.endswith("\n") == text.endswith("\n")


# -- the library and command-line entry points --------------------------------------------


def test_markdown_names_choose_markdown_mode() -> None:
    data = b"* a list item\n  that wraps\n\n```\nkeep  \nme\n```\n"
    assert (
        reflow.normalize_bytes(data, name="notes.md")
        == "* a list item that wraps\n\n```\nkeep  \nme\n```\n"
    )
    assert reflow.normalize_bytes(data, name="notes.MARKDOWN") == reflow.normalize_bytes(
        data, name="n.md"
    )
    assert reflow.normalize(data.decode(), source="markdown") == reflow.normalize_bytes(
        data, name="n.md"
    )


def test_stream_keeps_crlf_in_markdown_mode() -> None:
    out = io.BytesIO()
    reflow.stream(io.BytesIO(b"Two\r\nlines.\r\n\r\n| a |\r\n|---|\r\n"), out, name="doc.md")
    assert out.getvalue() == b"Two lines.\r\n\r\n| a |\r\n|---|\r\n"


@pytest.mark.parametrize(
    "args",
    [["--from", "markdown", "-"], ["--stdin-filename", "post.md", "-"]],
    ids=["from", "stdin-name"],
)
def test_command_line_markdown_mode(args: list[str], tmp_path: Path) -> None:
    text = "- an item\n  that wraps\n\n    code  \n    block\n"
    run = subprocess.run(
        [sys.executable, "-m", "reflow", *args],
        input=text.encode(),
        capture_output=True,
        cwd=tmp_path,
        check=False,
    )
    assert run.returncode == 0, run.stderr.decode()
    assert run.stdout.decode() == "- an item that wraps\n\n    code  \n    block\n"


def test_import_reflow_does_not_load_the_markdown_parser() -> None:
    code = (
        "import sys, reflow\n"
        "print(sorted(m for m in sys.modules if m.startswith(('markdown_it', 'mdit'))))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert run.stdout.strip() == "[]"


# -- edge cases of our own, held to the same floors as the shared ones --------------------

OWN_CASES = sorted((Path(__file__).parent / "markdown_cases").glob("*.md"))


def _paragraph_lines(md_text: str) -> tuple[int, list[str]]:
    """The soft breaks left in paragraphs, and the paragraphs' lines."""
    lines = md_text.split("\n")
    tokens = _renderer().parse(md_text)
    softbreaks, in_paragraphs = 0, []
    for index, token in enumerate(tokens):
        if token.type == "paragraph_open" and token.map is not None:
            in_paragraphs.extend(lines[token.map[0] : token.map[1]])
            inline = tokens[index + 1].children or []
            softbreaks += sum(child.type == "softbreak" for child in inline)
    return softbreaks, in_paragraphs


def _avoidably_long(line: str, width: int) -> bool:
    """A paragraph line wider than ``width`` with a space it could have been broken at."""
    line = line.rstrip()
    if display_width(line) <= width:
        return False
    start = len(line) - len(line.lstrip())
    return any(
        display_width(line[: start + gap.start()]) <= width
        for gap in re.finditer(" +", line[start:])
        if gap.start() > 0
    )


@pytest.mark.parametrize("width", [0, 80])
@pytest.mark.parametrize("case", OWN_CASES, ids=lambda path: path.stem)
def test_own_cases_meet_the_floors(case: Path, width: int) -> None:
    # The floors the shared checker sets (below), judged by the CommonMark renderer above:
    # the same document, a fixed point, no soft break left unwrapped, no avoidable long line.
    text = case.read_bytes().decode("utf-8")
    out = rewrap(text, width)
    assert_same_document(text.replace("\r\n", "\n"), out.replace("\r\n", "\n"))
    assert rewrap(out, width) == out
    softbreaks, lines = _paragraph_lines(out.replace("\r\n", "\n"))
    if width == 0:
        assert softbreaks == 0
    else:
        assert not [line for line in lines if _avoidably_long(line, width)]


def test_own_cases_are_there() -> None:
    assert len(OWN_CASES) >= 6


# -- the shared edge cases and their checker ----------------------------------------------

CHECKER = SHARED / "markdown" / "check.py"
SHARED_CASES = SHARED / "markdown" / "cases"


@lru_cache(maxsize=1)
def _checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("reflow_shared_md_check", CHECKER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _shared_cases() -> list[Path]:
    return sorted(SHARED_CASES.glob("*.md")) if SHARED_CASES.is_dir() else []


@pytest.mark.skipif(
    not CHECKER.exists() or not _shared_cases(), reason="shared Markdown cases absent"
)
@pytest.mark.parametrize("width", [0, 80])
def test_shared_cases_meet_the_floors(width: int) -> None:
    check = _checker()
    parser = check.build_parser()
    failures = []
    for path in _shared_cases():
        text = path.read_bytes().decode("utf-8")
        out = rewrap(text, width)
        source, result = check.Doc(parser, text), check.Doc(parser, out)
        equivalent, detail, faithful, why, _ = check.compare(source, result)
        problems = []
        if not equivalent:
            problems.append(f"not equivalent: {detail}")
        if not faithful:
            problems.append(f"not faithful: {why}")
        if rewrap(out, width) != out:
            problems.append("not idempotent")
        # A display on one line ("$$ E = mc^2 $$") stays on it, the two breaks around it
        # kept: VitePress's math reads only such a line as a display (math.md: "stays on its
        # own line in a careful tool").
        displays = sum(2 for row in out.splitlines() if re.fullmatch(r"\$\$.+\$\$[ \t]*", row))
        if width == 0 and result.softbreaks > displays:
            problems.append(f"{result.softbreaks} soft breaks left")
        if width and result.long_lines(width)[1]:
            problems.append("avoidable long lines")
        if problems:
            failures.append(f"{path.name}: {'; '.join(problems)}")
    assert not failures, "\n".join(failures)


def test_a_page_template_with_embedded_code_is_left_as_written() -> None:
    # A scaffold's page, EJS tags around its front matter: the YAML was joined as prose.
    page = (
        "<% if (fancy) { %>---\n"
        "layout: home\n"
        "\n"
        "hero:\n"
        "  name: <%= title %>\n"
        "  tagline: A short tagline\n"
        "---\n"
        "<% } %>\n"
        "\n"
        "A paragraph of the page that is\n"
        "wrapped over two lines.\n"
    )
    assert reflow.normalize(page, source="markdown") == page
    # "<%" inside a line of prose is words about a template, not one.
    prose = "Write `<%= title %>` where the\ntitle goes.\n"
    joined = "Write `<%= title %>` where the title goes.\n"
    assert reflow.normalize(prose, source="markdown") == joined


def test_a_pandoc_template_is_left_as_written() -> None:
    # pandoc's own Markdown template: its "$endif$" and "$for(…)$" lines were joined into
    # "$endif$ $body$ $for(include-after)$", a template pandoc could no longer read.
    template = (
        "$if(banner)$\n"
        "$banner$\n"
        "\n"
        "$endif$\n"
        "$for(preamble)$\n"
        "$preamble$\n"
        "\n"
        "$endfor$\n"
        "$body$\n"
        "${if(colophon)}\n"
        "${colophon}\n"
        "${endif}\n"
    )
    assert reflow.normalize(template, source="markdown") == template
    # Math that happens to open a line, in a file with no template's end, is prose.
    prose = "The pressure is\n$if(t)$ at first,\nthen it falls.\n"
    assert reflow.normalize(prose, source="markdown") == (
        "The pressure is $if(t)$ at first, then it falls.\n"
    )
