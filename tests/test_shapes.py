"""Shapes text browsers and converters draw are read as structure: tables, rules, labels."""

from __future__ import annotations

import shutil
import subprocess
import textwrap

import pytest

import reflow
from reflow.furniture import (
    column_rows,
    grid_cells,
    grid_walls,
    holds_prose,
    is_bare_url,
    is_box_row,
    is_dash_columns,
    is_drawn_rule,
    is_label_line,
    strip_empty_images,
)


def blocks(text: str, **options: object) -> list[tuple[str, str]]:
    return [(str(b.kind), b.text) for b in reflow.iter_blocks(text, **options)]


def rules(text: str) -> list[str]:
    return [n.rule for b in reflow.iter_blocks(text, explain=True) for n in b.notes]


def md(text: str, **options: object) -> str:
    return reflow.normalize(text, **options)


def assert_fixed_point(text: str) -> None:
    once = md(text)
    assert md(once, source="text") == once
    plain = reflow.normalize(text, to="text")
    assert reflow.normalize(plain, to="text") == plain


INTRO = (
    "The small ferry that leaves the harbour every morning has become the quickest\n"
    "way to reach the outer islands since the bridge closed for repairs last winter,\n"
    "and the timetable below shows when it sails.\n"
)
AFTER = (
    "Passengers with bicycles should arrive a quarter of an hour early, because the\n"
    "crew loads them through a narrow side door before anyone else is allowed on\n"
    "board.\n"
)

# -- tables drawn in box-drawing characters (w3m) ------------------------------------------------

BOX = (
    "┌─────────┬───────┬────────┐\n"
    "│   Day   │Departs│  Fare  │\n"
    "├─────────┼───────┼────────┤\n"
    "│Monday   │07:15  │12 euros│\n"
    "├─────────┼───────┼────────┤\n"
    "│Saturday │11:00  │15 euros│\n"
    "└─────────┴───────┴────────┘\n"
)


def test_box_table_is_kept_as_rows() -> None:
    text = f"{INTRO}\n{BOX}\n{AFTER}"
    table = textwrap.indent(BOX, "    ").rstrip("\n")
    assert ("table", table) in blocks(text)
    assert "box-table" in rules(text)
    assert_fixed_point(text)


def test_box_table_without_blank_lines_keeps_the_prose_apart() -> None:
    # w3m's output with its blank lines removed: the rows once ran into the prose around them.
    text = f"{INTRO}{BOX}{AFTER}"
    found = blocks(text)
    assert found[0] == ("paragraph", " ".join(INTRO.split()))
    assert found[1][0] == "table" and found[1][1].count("\n") == BOX.count("\n") - 1
    assert found[2] == ("paragraph", " ".join(AFTER.split()))


@pytest.mark.parametrize("line", ["│Monday   │07:15  │", "├────┼────┤", "└────┘", "║ a ║"])
def test_box_rows(line: str) -> None:
    assert is_box_row(line)


@pytest.mark.parametrize("line", ["┌────┐", "│ a note", "| a | b |", "—— a dash ——", "│"])
def test_box_row_look_alikes(line: str) -> None:
    assert not is_box_row(line)


# -- pandoc's simple tables and grids -------------------------------------------------------

HEADLESS = (
    "  ---------------- ------------------------------------------------\n"
    "  Harbour office   Open daily from six until noon, closed on holidays\n"
    "  Lost property    Ask at the kiosk beside the ticket machines\n"
    "  ---------------- ------------------------------------------------\n"
)


def test_simple_table_without_head_row_is_kept_whole() -> None:
    text = f"{INTRO}\n{HEADLESS}\n{AFTER}"
    rows = [row[2:] for row in HEADLESS.splitlines()]
    assert ("table", "\n".join("    " + row for row in rows)) in blocks(text)
    assert "simple-table" in rules(text)
    assert_fixed_point(text)


def test_simple_table_takes_its_head_row() -> None:
    # A head row of single-blank gaps is no table in columns by itself: the rule under it is.
    table = "  Tea Coffee\n  --- ------\n  two three\n"
    text = f"{INTRO}\n{table}\n{AFTER}"
    assert ("table", "    Tea Coffee\n    --- ------\n    two three") in blocks(text)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("----------- --------- ----------", True),
        ("---- ----", True),
        ("----------------", False),  # a rule, or a heading's underline
        ("-- --", False),  # runs too short
        ("----   ----", False),  # too far apart: no one rule
        ("---- text ----", False),
    ],
)
def test_dash_columns(line: str, expected: bool) -> None:
    assert is_dash_columns(line) is expected


ARTICLE_CELL = [
    "What the frost taught me",
    "",
    "Every gardener on our street lost something to the early frost this",
    "year, and most of us learned that the plants we worried about least",
    "suffered the most.",
    "",
    "-   Cover the tomatoes.",
    "-   Pull the beans.",
]


def grid(cells: list[list[str]], widths: list[int]) -> str:
    border = "+" + "+".join("-" * width for width in widths) + "+"
    rows = []
    for index in range(max(len(cell) for cell in cells)):
        parts = []
        for cell, width in zip(cells, widths, strict=True):
            line = cell[index] if index < len(cell) else ""
            parts.append(" " + line.ljust(width - 1))
        rows.append("|" + "|".join(parts) + "|")
    return "\n".join([border, *rows, border]) + "\n"


def test_layout_grid_of_one_cell_is_unboxed() -> None:
    text = grid([ARTICLE_CELL], [72]) + "\n" + AFTER
    found = blocks(text)
    assert found[0] == ("paragraph", "What the frost taught me")
    assert found[1] == ("paragraph", " ".join(" ".join(ARTICLE_CELL[2:5]).split()))
    assert found[2:4] == [("list", "- Cover the tomatoes."), ("list", "- Pull the beans.")]
    assert found[4] == ("paragraph", " ".join(AFTER.split()))
    assert "layout-grid" in rules(text)
    assert not any("|" in block for _, block in found)
    assert_fixed_point(text)


def test_layout_grid_beside_an_image_keeps_the_prose_cell() -> None:
    text = grid([["[]"], ARTICLE_CELL[2:5]], [8, 72])
    assert blocks(text) == [("paragraph", " ".join(" ".join(ARTICLE_CELL[2:5]).split()))]


@pytest.mark.parametrize(
    "text",
    [
        # A data table of one row: no prose in it.
        "+------+-----------+\n| Tea  | two euros |\n+------+-----------+\n",
        # Two cells of prose side by side: read one after the other, their words would come
        # out of the input's order.
        grid([ARTICLE_CELL[2:5], ARTICLE_CELL[2:5]], [72, 72]),
        # A grid of several rows: a data table.
        "+------+\n| Tea. |\n+------+\n| Milk |\n+------+\n",
    ],
)
def test_grids_that_stay_tables(text: str) -> None:
    assert all(kind == "table" for kind, _ in blocks(text))


def test_grid_helpers() -> None:
    assert grid_walls("+----+------+") == [0, 5, 12]
    assert grid_walls("+---") is None
    assert grid_walls("+--++") is None
    assert grid_cells(["| ab | cdef |"], [0, 5, 12]) == [["ab"], ["cdef"]]
    assert grid_cells(["| ab  cdef   |"], [0, 5, 12]) is None  # a wall missing
    # Alignment colons beside the walls (a grid without a head row), nowhere else.
    assert grid_walls("+:--:+---:+") == [0, 5, 10]
    assert grid_walls("+-:--+") is None
    # Walls stand at display columns: a wide character takes two.
    assert grid_cells(["| 港の | ab |"], [0, 7, 12]) == [["港の"], ["ab"]]
    assert grid_cells(["| 港の   | ab |"], [0, 7, 12]) is None
    assert grid_cells(["| 港の朝|ab |"], [0, 7, 12]) is None  # a character across a wall
    assert holds_prose(ARTICLE_CELL)
    assert not holds_prose(["Tea", "two euros"])


# -- w3m's columns: a first-column cell wrapped onto the last row ---------------------------


def test_column_table_keeps_a_wrapped_word_on_its_last_row() -> None:
    rows = [
        "Harbour      Open daily from six until noon, closed on public holidays and",
        "office       during storms",
        "Lost         Ask at the kiosk beside the ticket machines on the lower deck",
        "property",
    ]
    assert column_rows(rows) == 4
    # A paragraph after the table, at the left edge, still is not a row.
    assert column_rows([*rows[:3], "The operator says a second boat will join the route."]) == 3


# -- lynx's rule for <hr> -------------------------------------------------------------------

LYNX_PARAGRAPH = (
    "   The first part of the letter described the journey north, which took\n"
    "   two days longer than planned because of a landslide that blocked the\n"
    "   only road through the valley for most of a week.\n"
)
LYNX_RULE = "     " + "_" * 66 + "\n"


def test_lynx_underscore_rule_is_a_rule() -> None:
    text = f"{LYNX_PARAGRAPH}{LYNX_RULE}\n{LYNX_PARAGRAPH}"
    found = blocks(text)
    assert [kind for kind, _ in found] == ["paragraph", "rule", "paragraph"]
    assert "_" not in found[0][1]
    assert "drawn-rule" in rules(text)
    assert_fixed_point(text)


def test_lynx_form_field_is_no_rule() -> None:
    # lynx draws a text field in underscores too: short, beside its label.
    text = f"{LYNX_PARAGRAPH}\n   Email\n     ____________________\n"
    assert all(kind != "rule" for kind, _ in blocks(text))


@pytest.mark.parametrize(
    ("line", "expected"),
    [("_" * 66, True), ("━" * 80, True), ("_" * 9, False), ("__a__", False), ("_━" * 9, False)],
)
def test_drawn_rule(line: str, expected: bool) -> None:
    assert is_drawn_rule(line) is expected


# -- empty image placeholders ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[]News Sport Weather", "News Sport Weather"),
        ("[][]Photographers gathered", "Photographers gathered"),
        ("[] [] Photographers gathered", "Photographers gathered"),
        ("[]Share []Print", "Share Print"),
        ("- []Subscribe", "- Subscribe"),
        # Glued to a word inside a sentence that opened without one: Go's slices, kept.
        ("read it into a []byte buffer", "read it into a []byte buffer"),
        ("[] Go reads a []byte", "Go reads a []byte"),
        ("[IMG]Share", "[IMG]Share"),  # a word: the safety check counts it
        # After a word, or alone between blanks, a "[]" may be code or an empty list: kept.
        ("declare it as int[] values", "declare it as int[] values"),
        ("the list x = [] is empty", "the list x = [] is empty"),
        ("[]", "[]"),
    ],
)
def test_strip_empty_images(text: str, expected: str) -> None:
    assert strip_empty_images(text) == expected


def test_empty_images_glued_to_words_are_dropped_from_paragraphs() -> None:
    text = (
        "[][]Photographers gathered on the pier long before dawn to catch the\n"
        "first light on the old lighthouse, which is due to be painted.\n\n"
        "[]Share []Print\n"
    )
    assert blocks(text) == [
        (
            "paragraph",
            "Photographers gathered on the pier long before dawn to catch the first light"
            " on the old lighthouse, which is due to be painted.",
        ),
        ("paragraph", "Share Print"),
    ]
    assert "empty-image" in rules(text)
    assert_fixed_point(text)


@pytest.mark.parametrize(
    ("line", "image"),
    [("[IMG] Photographers gathered at dawn", "[IMG]"), ("[logo]News Sport Weather", "[logo]")],
)
def test_leading_image_names_stand_apart(line: str, image: str) -> None:
    found = blocks(line + "\n")
    assert found[0] == ("junk", image)
    assert found[1][0] == "paragraph"


@pytest.mark.parametrize("line", ["[sic] the harbour was closed", "[T]he harbour was closed"])
def test_editors_brackets_stay_in_the_text(line: str) -> None:
    assert blocks(line + "\n") == [("paragraph", line)]


# -- short label lines ----------------------------------------------------------------------

MEAL = (
    "Lentil soup with toasted bread and a handful of chopped parsley stirred in just\n"
    "before serving, with a wedge of lemon on the side.\n"
)
BLANK_SEPARATED = (
    "Each of the meals below takes less than half an hour to cook and uses the\n"
    "ingredients that most small shops will have on their shelves all year round.\n\n"
)


@pytest.mark.parametrize("label", ["Meal 3", "Day 2", "Sat 14 March, Leeds", "About the author"])
def test_label_line_stands_apart_from_the_prose_under_it(label: str) -> None:
    text = f"{BLANK_SEPARATED}{label}\n{MEAL}"
    assert blocks(text)[1:] == [("paragraph", label), ("paragraph", " ".join(MEAL.split()))]
    assert "break:label-line" in rules(text)
    assert_fixed_point(text)


@pytest.mark.parametrize(
    "text",
    [
        # An address: every line short, none of them prose.
        "Ann Green\n12 Mill Lane\nHarbour Town\n",
        # Verse whose second line ends a sentence, but short.
        "The woods are quiet now\nAnd all the birds have gone to rest.\n",
        # A sentence cut after a word that joins.
        "The committee met with\nMembers of the public who had come to hear the vote on the\n"
        "harbour plan and the new ferry timetable for the winter months ahead.\n",
    ],
)
def test_label_look_alikes_are_not_split(text: str) -> None:
    assert "break:label-line" not in rules(BLANK_SEPARATED + text)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Meal 3", True),
        ("Sat 14 March, Leeds", True),
        ("Day 2 (rest)", True),
        ("Meal 3.", False),  # a sentence
        ("Lunch, then", True),
        ("The committee met with", False),  # cut before the next line
        ("meal 3", False),  # lower case: a sentence's rest
        ("A line far too long to be a label for anything that follows it", False),
    ],
)
def test_is_label_line(line: str, expected: bool) -> None:
    assert is_label_line(line) is expected


def test_label_lines_without_blank_lines_keep_their_old_rule() -> None:
    # Without blank lines between paragraphs the break decision already keeps them apart.
    text = "Each of the meals below is quick.\nMeal 3\n" + MEAL
    assert ("paragraph", "Meal 3") in blocks(text)
    assert "break:label-line" not in rules(text)


# -- numbered items and their URL line ------------------------------------------------------

NUMBERED = (
    "These are the pieces our editors kept passing around the office this month, with a link\n"
    "to each one so that you can read them in full.\n"
    "1. Notes from a season of birdwatching\n"
    "https://example.org/stories/birdwatching-notes\n"
    "2. Why the old tram lines are coming back\n"
    "https://example.org/stories/tram-lines\n"
    "We will publish another list at the end of next month, and suggestions from readers are\n"
    "always welcome.\n"
)


def test_item_url_never_joins_the_paragraph_after_it() -> None:
    found = blocks(NUMBERED)
    assert found[-1] == (
        "paragraph",
        "We will publish another list at the end of next month, and suggestions from readers"
        " are always welcome.",
    )
    # The second item opens after the first one's URL: a list item, not a paragraph.
    items = [text for kind, text in found if kind == "list"]
    assert [item[:2] for item in items] == ["1.", "2."]
    assert all("We will" not in text for _, text in found[:-1])
    assert_fixed_point(NUMBERED)


def test_url_alone_before_a_capital_breaks() -> None:
    text = (
        "1. How lighthouse keepers spent the long winters\n\n"
        "https://example.org/stories/lighthouse-keepers\n"
        "Our favourite of the lot, a patient account of the routines that kept a remote station\n"
        "running when no supply boat could land for weeks at a time.\n"
    )
    found = blocks(text)
    assert ("paragraph", "https://example.org/stories/lighthouse-keepers") in found
    assert "break:item-url" in rules(text)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("https://example.org/a", True),
        ("www.example.org", True),
        ("https://example.org/a and more", False),
        ("http://", False),
        ("See https://example.org", False),
    ],
)
def test_is_bare_url(line: str, expected: bool) -> None:
    assert is_bare_url(line) is expected


# -- the real tools, where installed --------------------------------------------------------

PAGE = """<html><body>
<p>The small ferry that leaves the harbour every morning has become the quickest way to
reach the outer islands since the bridge closed for repairs last winter.</p>
<table border="1"><tr><th>Day</th><th>Departs</th></tr>
<tr><td>Monday</td><td>07:15</td></tr><tr><td>Saturday</td><td>11:00</td></tr></table>
<hr>
<div><b>Meal 3</b></div>
<div>Fried rice with frozen peas, spring onions and two eggs scrambled into the pan at
the very end, when the rice has started to crisp and the peas have thawed.</div>
</body></html>
"""


@pytest.mark.parametrize(
    "command",
    [
        ["w3m", "-dump", "-cols", "80", "-T", "text/html"],
        ["lynx", "-dump", "-nolist", "-width", "80", "-stdin"],
        ["pandoc", "-f", "html", "-t", "plain", "--columns", "72"],
    ],
    ids=["w3m", "lynx", "pandoc"],
)
def test_rendered_by_the_real_tools(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} is not installed")
    rendered = subprocess.run(
        command, input=PAGE, capture_output=True, text=True, check=True, timeout=60
    ).stdout
    found = blocks(rendered)
    texts = [text for _, text in found]
    # The rows stay rows: no paragraph holds a day of the timetable with its prose.
    assert not any("Monday" in text and "ferry" in text for text in texts)
    assert "Meal 3" in texts
    assert any(text.startswith("Fried rice") for text in texts)
    assert_fixed_point(rendered)


def test_drawn_blocks_keep_their_input_line_numbers() -> None:
    box = f"{INTRO}\n{BOX}\n{AFTER}"
    found = [(str(b.kind), b.first_line, b.last_line) for b in reflow.iter_blocks(box)]
    assert found == [("paragraph", 1, 3), ("table", 5, 11), ("paragraph", 13, 15)]
    headed = f"{INTRO}\n  Tea Coffee\n  --- ------\n  two three\n\n{AFTER}"
    found = [(str(b.kind), b.first_line, b.last_line) for b in reflow.iter_blocks(headed)]
    assert found == [("paragraph", 1, 3), ("table", 5, 7), ("paragraph", 9, 11)]
    boxed = grid([ARTICLE_CELL], [72]) + "\n" + AFTER
    found = [(str(b.kind), b.first_line, b.last_line) for b in reflow.iter_blocks(boxed)]
    assert found[:2] == [("paragraph", 2, 2), ("paragraph", 4, 6)]
    assert found[-1] == ("paragraph", 12, 14)
