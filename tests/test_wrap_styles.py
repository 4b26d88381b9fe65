"""Line styles: --wrap no|N|keep|sentence|auto, sentence splitting, and detecting a file's style."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import reflow
from reflow.dialects import line_roles
from reflow.errors import OptionsError
from reflow.markdown.parsing import _parse_form, _split, parser
from reflow.markdown.rewrap import _must_not_start, _segments
from reflow.markdown.rewritable import _paragraphs
from reflow.options import Options
from reflow.safety import word_stream
from reflow.sentences import split_sentences
from reflow.styles import KEEP, LineStyle, detect_style, fits

from .strategies import documents as text_documents
from .strategies import guard, paragraph

ROOT = Path(__file__).resolve().parent.parent

# Six paragraphs of the project's own prose, one line each: the samples are laid out from them.
PROSE = [
    "The lighthouse on Gull Point was switched off in 1994, when the last keeper retired and "
    "the coast guard decided that satellite navigation had made the tower a museum piece. For "
    "twenty years it stood dark. Dr. Imke Varga, who grew up in the cottage below it, wrote to "
    "the county every spring asking that the lamp be lit again, if only on the night of the "
    "regatta.",
    "Her letters were polite, detailed and, by her own count, ignored forty-one times. In 2015 "
    "a new clerk answered one. He had found the original lens in a barn near St. Albans, "
    'wrapped in sailcloth, with a note in the keeper\'s hand that said only "Do not sell."',
    "The restoration took three winters. Volunteers scraped eleven layers of paint from the "
    "gallery rail; a glazier from the U.S. side of the lake cut new panes for the lantern room "
    "at cost. The lens itself, a third-order Fresnel weighing about 350 kg, needed no work at "
    "all: the sailcloth had kept the dust out, and the brass fittings were as bright as the day "
    "they were packed.",
    "On the night the lamp was lit, the harbour was full. Boats came from as far as Kettle "
    "Bay, and the ferry ran two extra crossings. Varga, then eighty-three, climbed the 114 "
    "steps without stopping, which she said was the part of the evening she was proudest of. "
    "The beam turned once every 7.5 seconds, as it had in her childhood.",
    "The light is not a navigation aid any more. Its official status, according to the "
    'county\'s register, is "heritage illumination", which means it may be switched off for '
    "maintenance without notice to mariners. Nobody has switched it off yet. The keeper's note "
    "hangs framed in the cottage, next to a photograph of J. R. Varga, Imke's father.",
    "A small committee now looks after the tower. It meets on the first Monday of the month, "
    "keeps minutes that run to a page and a half, and has a budget of about $2,000 a year, "
    "most of which goes on light bulbs.",
]


def _wrapped(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False))


def sample(style: str, paragraphs: list[str] = PROSE) -> str:
    """The prose as a Markdown file in ``style``: no, sentence, or a width."""
    if style == "no":
        laid = paragraphs
    elif style == "sentence":
        laid = ["\n".join(split_sentences(text)) for text in paragraphs]
    else:
        laid = [_wrapped(text, int(style)) for text in paragraphs]
    return "# Gull Point\n\n" + "\n\n".join(laid) + "\n"


def detected(text: str) -> LineStyle:
    lines = _split(text)
    parsed = _parse_form(text)
    rows = parsed.split("\n")
    paras = _paragraphs(parser().parse(parsed, {}), lines, rows, line_roles(rows, "commonmark"))
    return detect_style((s for p in paras for s in _segments(p)), _must_not_start)


def markdown(text: str, wrap: str) -> str:
    return reflow.normalize(text, source="markdown", wrap=wrap)


# -- sentences ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Dr. Okafor arrived at 3 p.m. on Monday. She left early.", 2),
        ("The U.S. economy grew 3.14 percent, e.g. in farming. Exports fell.", 2),
        ("J. R. R. Tolkien wrote it in Oxford. Then he rested.", 2),
        ("She paused… and then went on. Later she slept.", 2),
        ("He said, “Stop here.” Then he left.", 2),
        ("“Is it over?” she asked. Nobody answered.", 2),
        ("Mr. and Mrs. Lee, of St. Louis, came too. They stayed.", 2),
        ("It cost $4.50 vs. $5 last year. Prices rose.", 2),
        ("Wait! What? Yes.", 3),
    ],
)
def test_abbreviations_initials_decimals_ellipses_and_quotes_end_no_sentence(
    text: str, count: int
) -> None:
    lines = split_sentences(text)
    assert len(lines) == count
    assert " ".join(lines) == text


def test_a_sentence_is_not_broken_where_its_next_word_would_start_markdown_structure() -> None:
    # "1984." or "-" at a line start would begin a list when the file is read again.
    text = "It came out in June. 1984. It sold well. - a dash starts this one."
    lines = split_sentences(text)
    assert all(not line.startswith(("1984.", "-")) for line in lines)
    assert " ".join(lines) == text


@guard
@given(st.integers(0, 2**32), st.integers(1, 6))
def test_sentence_lines_rejoin_to_the_paragraph(seed: int, count: int) -> None:
    rng = random.Random(seed)
    text = " ".join(paragraph(rng) for _ in range(count))
    lines = split_sentences(text)
    assert " ".join(lines) == text
    assert all(line and line == line.strip() for line in lines)


# -- options --------------------------------------------------------------------------------


def test_wrap_takes_a_style_or_a_width_and_w_n_stays_its_short_form() -> None:
    assert Options().wrap == "no"
    assert Options(wrap=72).width == 72
    assert Options(wrap="72") == Options(width=72)
    assert Options(width=72).wrap == "width"
    assert Options(wrap=72).replace(width=0).wrap == "no"
    assert Options(wrap="sentence").wrap == "sentence"
    for bad in ({"wrap": "sometimes"}, {"wrap": "auto", "width": 72}, {"wrap": 72, "width": 60}):
        with pytest.raises(OptionsError):
            Options(**bad)  # type: ignore[arg-type]


# -- detection ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("no", LineStyle("no", auto=True)),
        ("sentence", LineStyle("sentence", auto=True)),
        ("60", LineStyle("width", 60, auto=True)),
        ("72", LineStyle("width", 72, auto=True)),
        ("80", LineStyle("width", 80, auto=True)),
        ("100", LineStyle("width", 100, auto=True)),
    ],
)
def test_each_style_is_detected_and_a_file_in_it_is_left_alone(
    style: str, expected: LineStyle
) -> None:
    text = sample(style)
    assert detected(text) == expected
    assert markdown(text, "auto") == text


def test_a_file_filled_evenly_not_greedily_is_taken_for_its_width() -> None:
    # fmt and par fill lines evenly: some stop a few columns before the next word would
    # overflow. Written here the way they do it: each first line filled to 66 columns only.
    even = []
    for text in PROSE:
        first = textwrap.wrap(text, 66, break_long_words=False, break_on_hyphens=False)[0]
        even.append(first + "\n" + _wrapped(text[len(first) + 1 :], 72))
    text = "# Gull Point\n\n" + "\n\n".join(even) + "\n"
    assert detected(text).kind == "width"
    assert markdown(text, "auto") == text


def test_a_file_with_no_style_keeps_its_line_breaks() -> None:
    # Every paragraph broken at random places: nothing says which style the author wants.
    rng = random.Random(7)
    laid = []
    for text in PROSE:
        words = text.split(" ")
        cuts = sorted(rng.sample(range(1, len(words)), 4))
        laid.append(
            "\n".join(
                " ".join(words[a:b]) for a, b in zip([0, *cuts], [*cuts, len(words)], strict=True)
            )
        )
    text = "\n\n".join(laid) + "\n"
    assert detected(text) == KEEP
    assert markdown(text, "auto") == text


def test_a_file_split_between_two_styles_keeps_its_line_breaks() -> None:
    # Three paragraphs wrapped at 72 columns, three written one sentence a line: a file that
    # has two styles, neither two thirds of it; rewriting half of it to the style that came
    # first would be churn in a hook.
    wrapped = sample("72", PROSE[:3]).rstrip("\n")
    sentences = sample("sentence", PROSE[3:])
    text = wrapped + "\n\n" + sentences
    assert detected(text) == KEEP
    assert markdown(text, "auto") == text


def test_a_link_moved_whole_to_the_next_line_keeps_the_width_style() -> None:
    # Writers wrap at 72 but move a link to the next line whole rather than break its text.
    style = LineStyle("width", 72, auto=True)
    lines = [
        "As the use of Wasm has grown, so have use cases outside of the browser.",
        "Many cloud providers now run Wasm on the",
        "[WebAssembly System Interface (WASI)](https://wasi.dev/) syscall API.",
    ]
    assert fits([(0, line) for line in lines], style, _must_not_start)
    # Where the link would have fitted whole, the line stopped early: out of the style.
    early = [lines[0], "Many cloud providers now offer services that", "run Wasm [WASI](x)."]
    assert not fits([(0, line) for line in early], style, _must_not_start)


def test_a_stranded_word_and_a_line_made_long_by_an_edit_break_the_width_style() -> None:
    style = LineStyle("width", 72, auto=True)
    lines = _wrapped(PROSE[0], 72).split("\n")
    assert fits([(0, line) for line in lines], style, _must_not_start)
    stranded = [lines[0], *lines[1].split(" ", 1), *lines[2:]]
    assert not fits([(0, line) for line in stranded], style, _must_not_start)
    long = [lines[0] + " and more words", *lines[1:]]
    assert not fits([(0, line) for line in long], style, _must_not_start)


def test_clause_breaks_inside_a_sentence_keep_the_sentence_style() -> None:
    # Semantic line breaks: a long sentence may also break after a comma or semicolon.
    clauses = ["The restoration took three winters.", "Volunteers scraped the rail;", "it shone."]
    style = LineStyle("sentence", auto=True)
    assert fits([(0, line) for line in clauses], style, _must_not_start)
    assert not fits([(0, "The restoration took"), (0, "three winters.")], style, _must_not_start)


# -- auto: only the paragraphs out of style change ------------------------------------------


def _edited(text: str) -> str:
    return text.replace("The restoration took", "The restoration, paid for by a bake sale, took")


@pytest.mark.parametrize("style", ["no", "sentence", "72"])
def test_under_auto_an_edit_changes_its_paragraph_only(style: str) -> None:
    text = sample(style)
    edited = _edited(text)
    assert edited != text
    result = markdown(edited, "auto")
    expected = sample(style, [_edited(p) for p in PROSE])
    assert result == expected  # the edited paragraph in the file's style, the others as written
    assert markdown(result, "auto") == result


def test_under_auto_a_one_line_paragraph_in_a_wrapped_file_is_wrapped() -> None:
    lines = sample("72").split("\n\n")
    lines[2] = PROSE[1]  # pasted in on one line
    result = markdown("\n\n".join(lines), "auto")
    assert result == sample("72")


# -- keep -----------------------------------------------------------------------------------


@guard
@given(st.integers(0, 2**32), st.lists(st.integers(1, 9), min_size=1, max_size=5))
def test_keep_leaves_every_line_break_and_repairs_the_text(seed: int, sizes: list[int]) -> None:
    rng = random.Random(seed)
    paragraphs = []
    for size in sizes:
        words = paragraph(rng).split(" ")
        lines = [" ".join(words[k : k + size]) for k in range(0, len(words), size)]
        paragraphs.append("\n".join(lines))
    text = "\n\n".join(paragraphs) + "\n"
    assert markdown(text, "keep") == text
    broken = text.replace("the", "thÃ©", 1)  # mojibake of "é": repaired, lines kept
    repaired = markdown(broken, "keep")
    assert repaired.count("\n") == text.count("\n")
    assert repaired == text.replace("the", "thé", 1)


# -- idempotence and no lost word at every style --------------------------------------------

STYLES = ["no", "keep", "sentence", "auto", "40", "72"]


@st.composite
def documents(draw: st.DrawFn) -> str:
    """Markdown of generated prose laid out in a mix of styles, with lists and quotes."""
    rng = random.Random(draw(st.integers(0, 2**32)))
    blocks = []
    for layout in draw(
        st.lists(st.sampled_from(["no", "sentence", "30", "72", "ragged"]), min_size=1, max_size=6)
    ):
        text = paragraph(rng)
        if layout == "no":
            laid = text
        elif layout == "sentence":
            laid = "\n".join(split_sentences(text))
        elif layout == "ragged":
            words = text.split(" ")
            laid = "\n".join(" ".join(words[k : k + rng.randint(1, 8)]) for k in range(0, 40, 8))
            laid = "\n".join(line for line in laid.split("\n") if line) or text
        else:
            laid = _wrapped(text, int(layout))
        container = draw(st.sampled_from(["", "", "- ", "> "]))
        if container:
            hang = "  " if container == "- " else "> "
            laid = container + laid.replace("\n", "\n" + hang)
        blocks.append(laid)
    return "\n\n".join(blocks) + "\n"


@guard
@given(documents(), st.sampled_from(STYLES))
def test_every_style_is_a_fixed_point_and_loses_no_word(text: str, wrap: str) -> None:
    once = markdown(text, wrap)
    assert markdown(once, wrap) == once
    assert word_stream(once) == word_stream(text)


@guard
@given(
    text_documents(),
    st.sampled_from(["keep", "sentence", "auto"]),
    st.sampled_from(["text", "markdown"]),
)
def test_text_input_at_every_style_is_a_fixed_point_and_loses_no_word(
    document: object, wrap: str, to: str
) -> None:
    text = document.text  # type: ignore[attr-defined]
    once = reflow.normalize(text, wrap=wrap, to=to)
    assert reflow.normalize(once, wrap=wrap, to=to) == once
    if wrap == "keep":
        assert once.count("\n") == len(text.splitlines())


def test_sentence_style_puts_one_sentence_on_a_line_under_its_list_marker() -> None:
    text = "- " + PROSE[5] + "\n"
    assert markdown(text, "sentence") == (
        "- A small committee now looks after the tower.\n"
        "  It meets on the first Monday of the month, keeps minutes that run to a page and a "
        "half, and has a budget of about $2,000 a year, most of which goes on light bulbs.\n"
    )


# -- text mode ------------------------------------------------------------------------------


def test_text_input_is_written_one_sentence_a_line() -> None:
    text = _wrapped(PROSE[0], 60) + "\n\n" + _wrapped(PROSE[5], 60) + "\n"
    out = reflow.normalize(text, wrap="sentence")
    assert (
        out
        == "\n".join(split_sentences(PROSE[0]))
        + "\n\n"
        + "\n".join(split_sentences(PROSE[5]))
        + "\n"
    )
    # Read back as Markdown, it is already in its style.
    assert markdown(out, "sentence") == out


@pytest.mark.parametrize("to", ["markdown", "text"])
def test_a_text_list_item_is_written_one_sentence_a_line_as_markdown_mode_writes_it(
    to: str,
) -> None:
    # Text mode wrote an item's sentences on one line; Markdown mode, reading that back,
    # put them one a line: a second run of --out-dir changed the file.
    text = (
        "1. The east gate opens at dawn. The west gate stays shut until noon.\n\n"
        "2. Carts wait outside. Their drivers sleep on the grain sacks.\n"
    )
    out = reflow.normalize(text, wrap="sentence", to=to)
    assert out == (
        "1. The east gate opens at dawn.\n   The west gate stays shut until noon.\n\n"
        "2. Carts wait outside.\n   Their drivers sleep on the grain sacks.\n"
    )
    assert reflow.normalize(out, wrap="sentence", to=to) == out
    if to == "markdown":
        assert markdown(out, "sentence") == out


# -- the command line -----------------------------------------------------------------------


def _env() -> dict[str, str]:
    path = [str(ROOT), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(path)}


def _reflow(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reflow", *args],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=cwd,
        timeout=120,
        check=False,
    )


def test_cli_auto_diff_and_in_place_change_only_the_edited_paragraph(tmp_path: Path) -> None:
    original = sample("72")
    page = tmp_path / "page.md"
    page.write_text(_edited(original))
    diff = _reflow("--wrap", "auto", "--diff", "page.md", cwd=tmp_path)
    assert diff.returncode == 1
    changed = [
        line[1:] for line in diff.stdout.splitlines() if line[:1] in "+-" and line[:3] != "---"
    ]
    changed = [line for line in changed if line and not line.startswith("++ ")]
    edited_paragraph = _edited(original).split("\n\n")[3]
    assert "The restoration" in edited_paragraph
    for line in changed:
        assert line in edited_paragraph or line in _wrapped(_edited(PROSE[2]), 72)
    done = _reflow("--wrap", "auto", "-i", "page.md", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert page.read_text() == sample("72", [_edited(p) for p in PROSE])
    again = _reflow("--wrap", "auto", "--check", "page.md", cwd=tmp_path)
    assert again.returncode == 0


def test_cli_wrap_setting_from_the_config_file(tmp_path: Path) -> None:
    (tmp_path / ".reflow.toml").write_text("wrap = 72\n")
    (tmp_path / "page.md").write_text(sample("no"))
    done = _reflow("-i", "page.md", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "page.md").read_text() == sample("72")
    (tmp_path / ".reflow.toml").write_text('wrap = "sentence"\n')
    done = _reflow("-i", "page.md", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "page.md").read_text() == sample("sentence")


def test_cli_refuses_a_wrap_it_does_not_know_and_a_width_with_a_style(tmp_path: Path) -> None:
    (tmp_path / "page.md").write_text(sample("no"))
    for args in (["--wrap", "often"], ["--wrap", "sentence", "-w", "72"]):
        done = _reflow(*args, "page.md", cwd=tmp_path)
        assert done.returncode == 2
        assert done.stderr.count("\n") == 1 and "wrap" in done.stderr


def test_text_keep_writes_the_lines_as_they_are_repaired() -> None:
    text = "A line\nbroken  here,\n\nthÃ© rest\n"
    assert reflow.normalize(text, wrap="keep", to="text") == "A line\nbroken  here,\n\nthé rest\n"


def test_text_auto_keeps_paragraphs_in_the_files_width_and_rewraps_an_edited_one(
    tmp_path: Path,
) -> None:
    original = "\n\n".join(_wrapped(text, 72) for text in PROSE) + "\n"
    assert reflow.normalize(original, wrap="auto", to="text") == original
    page = tmp_path / "notes.txt"
    page.write_text(_edited(original))
    done = _reflow("--wrap", "auto", "-i", "notes.txt", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert page.read_text() == "\n\n".join(_wrapped(_edited(text), 72) for text in PROSE) + "\n"


def test_text_auto_keeps_a_text_written_one_sentence_a_line() -> None:
    # Read as text, each of these lines would become a paragraph of its own.
    text = "\n\n".join("\n".join(split_sentences(p)) for p in PROSE) + "\n"
    assert reflow.normalize(text, wrap="auto", to="text") == text


def test_a_text_file_put_one_sentence_a_line_in_place_stays_so(tmp_path: Path) -> None:
    page = tmp_path / "notes.txt"
    page.write_text("\n\n".join(_wrapped(text, 60) for text in PROSE) + "\n")
    done = _reflow("--wrap", "sentence", "-i", "notes.txt", cwd=tmp_path)
    assert done.returncode == 0, done.stderr  # the safety check's second run agrees
    assert page.read_text() == "\n\n".join("\n".join(split_sentences(p)) for p in PROSE) + "\n"
    assert _reflow("--wrap", "sentence", "--check", "notes.txt", cwd=tmp_path).returncode == 0


def test_sentencex_is_loaded_only_when_a_sentence_is_split() -> None:
    code = (
        "import sys, reflow\n"
        "reflow.normalize('One. Two.\\n\\nThree.', source='markdown', wrap=72)\n"
        "assert 'sentencex' not in sys.modules\n"
        "reflow.normalize('One. Two.', source='markdown', wrap='sentence')\n"
        "assert 'sentencex' in sys.modules\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=_env(), capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_a_word_the_reader_sets_apart_never_starts_a_wrapped_line() -> None:
    from reflow.wrap import wrap

    # Beowulf's "[2]Set" (a footnote's number glued to a word): at a line's start the reader
    # sets it apart as a text browser's link number, and a second run wrote another block.
    text = "Dane-country left he, the hero on his vessel, [2]Set he out on his vessel to sea."
    for width in range(10, 60):
        assert not any(line.startswith("[") for line in wrap(text, width)[1:]), width


def test_a_marker_or_a_label_never_stands_alone_on_the_first_line() -> None:
    from reflow.wrap import wrap

    # "*" over a word longer than the line (a run of Japanese, a long address): read back,
    # a lone "*" is a separator and was dropped.
    # Nor a label ending in a colon over a long token ("Payload:" over a hash: read back as a
    # label line, a paragraph of its own).
    for first in ("*", "-", "1.", "Payload:"):
        for rest in ("x" * 90 + " and more", "USB" + "ケ" * 50):
            lines = wrap(f"{first} {rest}", 40)
            assert lines[0] != first and lines[0].startswith(first + " "), (first, lines)


def test_an_escaped_marker_never_stands_alone_on_the_first_line() -> None:
    from reflow import normalize

    # A paragraph opening with "* " is escaped ("\*") after wrapping: alone over a run too
    # long for the line, "\*" read back was a separator, and a second run dropped it.
    text = "[Phones]\n     * https://example.org/" + "a" * 80 + " and the rest.\n     * Two.\n"
    for to in ("markdown", "text"):
        first = normalize(text, to=to, width=72)
        assert "\n\\*\n" not in first, first
        assert normalize(first, to=to, width=72) == first
