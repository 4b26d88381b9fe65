"""The paragraph rules, one behaviour each, with the look-alikes that must not trigger them.

Cases that read as data (de-hyphenation, datelines, orphans, lists, CJK) are in tests/cases/.
"""

from __future__ import annotations

import email
import quopri
import textwrap

import pytest

import reflow
from reflow import breaks, measure
from reflow.paragraphs import _introduces_code, _opens_quotation, _plain_word
from reflow.profile import learn

from .conftest import FIXTURES


def blocks(text: str, **options: object) -> list[tuple[str, str]]:
    return [(str(b.kind), b.text) for b in reflow.iter_blocks(text, **options)]


def texts(text: str, **options: object) -> list[str]:
    return [t for _, t in blocks(text, **options)]


def wrap(paragraph: str, width: int = 72) -> list[str]:
    return textwrap.wrap(paragraph, width, break_on_hyphens=False, break_long_words=False)


LONG_A = (
    "The harbour commission met on Monday to weigh a plan that would dredge the "
    "northern channel for the first time in a generation, a job its engineers "
    "say cannot wait another winter."
)
LONG_B = (
    "Fishermen who work the channel said the silt had already closed two of the "
    "moorings they rely on, and that a third would be gone by spring if nothing "
    "was done about it soon."
)
LONG_C = (
    "The commission will vote next month, after a public hearing at the library "
    "on the twelfth, and the work could begin as early as the first week of May."
)


def seed_style(paragraphs: list[str], width: int = 80) -> str:
    out: list[str] = []
    for paragraph in paragraphs:
        first, rest = paragraph.split(" ", 1)
        out.append(first)
        out.extend(wrap(rest, width))
    return "\n".join(out) + "\n"


def no_blank_lines(paragraphs: list[str], width: int = 72) -> str:
    return "\n".join(line for p in paragraphs for line in wrap(p, width)) + "\n"


# -- no-ops ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("One paragraph on one line.\n", id="single line"),
        pytest.param(f"{LONG_A}\n\n{LONG_B}\n", id="one line per paragraph, blank between"),
        pytest.param(f"{LONG_A}\n{LONG_B}\n{LONG_C}\n", id="one line per paragraph, no blanks"),
    ],
)
def test_clean_text_keeps_its_paragraphs(text: str) -> None:
    expected = [p for p in text.split("\n") if p.strip()]
    assert texts(text) == expected


# -- blank-line separated text ---------------------------------------------------------------


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = "\n".join(wrap(LONG_A)) + "\n\n" + "\n".join(wrap(LONG_B)) + "\n"
    assert texts(text) == [LONG_A, LONG_B]


WRAPPED_A = "\n".join(wrap(LONG_A))
WRAPPED_B = "\n".join(wrap(LONG_B))


def test_a_full_line_runs_on_into_a_furniture_look_alike() -> None:
    # Where blank lines separate paragraphs, a line that was wrapped continues, even into a
    # line that alone would look like furniture: a bracketed tag, "By …", "Photo".
    head = "Ferry services across the estuary will be suspended for most of next"
    for tail in ("[VIDEO]", "By the harbour office", "Photo"):
        text = f"{WRAPPED_A}\n\n{head}\n{tail}\n\n{WRAPPED_B}\n"
        assert texts(text) == [LONG_A, f"{head} {tail}", LONG_B], tail


def test_after_a_full_line_an_image_and_a_credit_still_stand_apart() -> None:
    head = "Ferry services across the estuary will be suspended for most of next"
    image = "[harbour-2041-7f3a.jpg?width=1080]"
    assert texts(f"{WRAPPED_A}\n\n{head}\n{image}\n\n{WRAPPED_B}\n")[1:3] == [head, image]
    caption = "Passengers waiting on the east bank of the estuary on Tuesday morning. Credit"
    got = blocks(f"{WRAPPED_A}\n\n{caption}\nLena Marsh/Harborview Ledger\n\n{WRAPPED_B}\n")
    assert ("credit", "Credit: Lena Marsh/Harborview Ledger") in got  # the word moved to it


# -- text without blank lines ----------------------------------------------------------------


def test_paragraphs_found_without_blank_lines() -> None:
    assert texts(no_blank_lines([LONG_A, LONG_B, LONG_C])) == [LONG_A, LONG_B, LONG_C]


def test_a_deeper_indent_after_a_full_headline_starts_a_block() -> None:
    # w3m indents a block quote; without blank lines the indent is what marks it.
    headline = "Harbour Dredging Is Finally Approved, But The Channel Stays Shut Until March"
    quote = wrap(LONG_B, 68)
    text = no_blank_lines([LONG_A]) + headline + "\n" + "\n".join("    " + q for q in quote)
    assert texts(text + "\n") == [LONG_A, headline, LONG_B]


def test_capitalised_line_that_continues_a_sentence() -> None:
    paragraph = (
        "Reporters from the paper asked the mayor what the dredging would cost, and "
        "The Port Elsin Courier reported the answer the next morning on its front page."
    )
    lines = wrap(paragraph, 74)
    assert any(line.startswith("The Port") or " The " in line for line in lines)
    assert texts("\n".join(lines) + "\n") == [paragraph]


# -- seed style: orphaned first words ---------------------------------------------------------


def test_orphaned_first_words_open_their_paragraphs() -> None:
    assert texts(seed_style([LONG_A, LONG_B, LONG_C])) == [LONG_A, LONG_B, LONG_C]


def test_orphan_with_opening_quote() -> None:
    quote = (
        "“It’s the silt,” said a skipper who has fished the channel for thirty years, "
        "“not the weather.”"
    )
    assert texts(seed_style([LONG_A, quote, LONG_B])) == [LONG_A, quote, LONG_B]


BRIEFS = [
    "Harbour Commission staff said on Monday that the dredging contract had gone to a firm "
    "from Port Elsin, which won it with the lowest of the four bids received.",
    "Fenwick Marine will bring two barges up the estuary in the first week of May, weather "
    "permitting, and expects the work to take about six weeks in all.",
    "Council members asked whether the work would close the ferry landing for more than a few "
    "days at a time during the busy summer season.",
    "Engineers told them the landing would stay open throughout, with a signed detour for foot "
    "passengers after dark and a shuttle bus at weekends.",
]


def test_orphan_habit_is_seen_whatever_the_width() -> None:
    # Capitalised orphans ("Harbour" / "Commission staff …") join only once the habit is
    # learned; last lines that fill most of the width must still count as paragraph ends.
    for width in (60, 72, 100):
        assert texts(seed_style(BRIEFS, width)) == BRIEFS, width


def book_style(paragraphs: list[str], width: int) -> str:
    return "\n".join(line for p in paragraphs for line in wrap("    " + p, width)) + "\n"


def test_indented_first_lines_mark_paragraphs_in_book_style() -> None:
    # Only the indent tells where a paragraph opens: a full line ending a sentence is
    # followed by more of its paragraph, and one-line paragraphs are indented too.
    choppy = (
        "The ferry did not run. The bridge was shut for repairs. Buses ran late all day. "
        "The council met at noon. Nobody from the county came. The harbour master said "
        "nothing. Traders on the quay were angry. Some of them closed early. Others waited."
    )
    short = ["The ferry did not run on Sunday.", "Nor did it run on Monday."]
    paragraphs = [LONG_A, choppy, *short, LONG_B, *BRIEFS, choppy, LONG_C]
    for width in range(40, 101):
        assert texts(book_style(paragraphs, width)) == paragraphs, width


def test_two_word_paragraph_in_seed_style_stays_whole() -> None:
    heading = "Further reading"
    got = texts(seed_style([LONG_A, heading, LONG_B, LONG_C]))
    assert got == [LONG_A, heading, LONG_B, LONG_C]


def test_in_seed_style_a_heading_after_a_full_line_of_code_starts_a_paragraph() -> None:
    # A full line cut before a lone word reads as that word's paragraph; a line of code is
    # not a sentence the word could close.
    code = '{{ $crossings := where site.Data.timetable "route" "eq" "east" | first 10 }}'
    river = LONG_A.replace("harbour", "river")
    text = (
        seed_style([LONG_A, LONG_B]) + code + "\nWinter\ntimetable\n" + seed_style([LONG_C, river])
    )
    assert texts(text) == [LONG_A, LONG_B, code, "Winter timetable", LONG_C, river]


# -- page furniture --------------------------------------------------------------------------


def pdf_pages() -> str:
    header = "3/14/26, 9:15 AM  Harbour dredging plan | Port Elsin Courier"
    footer = "https://courier.example/harbour-dredging"
    body = wrap(LONG_A + " " + LONG_B, 70) + wrap(LONG_C, 70)
    pages = [body[:3], body[3:6], body[6:]]
    out = []
    for number, page in enumerate(pages, 1):
        out.append(header)
        out.append("")
        out.extend(page)
        out.append(footer)
        out.append("")
        out.append(f"{number}/{len(pages)}")
        out.append("\f")
    return "\n".join(out)


def test_page_headers_footers_and_numbers_are_removed() -> None:
    got = " ".join(texts(pdf_pages()))
    assert "Port Elsin Courier" not in got
    assert "courier.example" not in got
    assert "2/3" not in got


def test_paragraph_cut_by_a_page_break_is_joined_again() -> None:
    got = texts(pdf_pages())
    assert LONG_A + " " + LONG_B in got or (LONG_A in got and LONG_B in got)
    assert LONG_C in got


def test_a_sentence_tail_that_recurs_next_to_page_breaks_is_never_taken_for_a_header() -> None:
    # Two pages open with the running header and then the same carried-over tail: by count
    # alone it repeats next to two breaks, as a header does, but it is a paragraph's words.
    header = "Internet-Draft        Harbour Log Transfer        December 2026"
    tail = "   confirm a block before it has been written to stable storage."

    def page(number: int, lines: list[str]) -> str:
        footer = f"Holm                    Expires June 2027                [Page {number}]"
        return "\n".join([*lines, "", footer])

    pages = [
        page(
            1, ["   A relay that receives a block MUST acknowledge it once it can", "   MUST NOT"]
        ),
        page(
            2,
            [
                header,
                "",
                tail,
                "",
                "   The sender keeps each block until the relay has",
                "   acknowledged it. A sender MUST NOT",
            ],
        ),
        page(
            3,
            [
                header,
                "",
                tail,
                "",
                "   Blocks are numbered from one in the order the sender",
                "   first sends them.",
            ],
        ),
    ]
    got = " ".join(texts("\n\f\n".join(pages) + "\n"))
    assert got.count(tail.strip()) == 2
    assert "Harbour Log Transfer" not in got


def test_bare_number_line_in_running_text_is_kept() -> None:
    text = "The vote was\n7\nto 2 in favour of the plan.\n"
    assert "7" in " ".join(texts(text))


# -- the profile -----------------------------------------------------------------------------


def test_profile_learns_the_wrap_width() -> None:
    lines = no_blank_lines([LONG_A, LONG_B, LONG_C] * 3, width=60).split("\n")
    profile = learn(lines)
    assert profile.wrapped
    assert 58 <= profile.fill <= 66


def test_profile_reads_lines_of_words_too_long_to_share_one_as_wrapped() -> None:
    # Each line end came where a line of 20 columns or more could not take the next word: the
    # lines reflow's own wrapping makes of long words, read as wrapped at the widest of them.
    profile = learn(["Electroencephalographers", "Counterrevolutionaries"])
    assert profile.wrapped
    assert profile.fill == 21  # the 24-column word is one a wrapper leaves whole
    assert learn(["The Lighthousekeepers", "Harbourmasterships"]).fill == 22
    # A title over its line, or a list of names, stopped early somewhere: no width to learn.
    assert not learn(["Harbour", "Lighthouse", "Breakwater"]).wrapped
    assert not learn(["Notice", "The ferry leaves the harbour at nine tonight."]).wrapped
    assert not learn(["Electroencephalographers", "Harbour", "Lighthouse"]).wrapped


def test_profile_does_not_take_short_chinese_lines_for_wraps_in_seed_style() -> None:
    # Chinese in the seed style, wrapped at 60 columns, each section under a heading and a
    # byline, each paragraph's first character alone: a wide line over another looks like a
    # wrap, but those that stop short of half the page are headings and bylines, and must not
    # pull the fill down to their width.
    sentence = (
        "港湾事务所的测量船 Marlow 号每年春季出海测量各个港口的水深和潮流，并把结果整理成新表。"
    )
    lines: list[str] = []
    for heading in ("北湾港口", "西码头", "南岸渔港", "东堤"):
        lines += [heading, "记者 刘 芳"]
        for text in (sentence * 3, sentence * 2):
            lines.append(text[0])
            line = ""
            for char in text[1:]:  # wrapped at 60 columns, between any two characters
                if measure.width(line + char) > 60:
                    lines.append(line.strip())
                    line = ""
                line += char
            lines.append(line.strip())
    profile = learn(lines)
    assert profile.orphan_habit
    assert profile.wrapped
    assert 58 <= profile.fill <= 64


#: Code a seed-style page of documentation keeps line by line: each line over one in lower case.
_JS_CODE = [
    "function tideAt(port, hour) {",
    "const table = tables.get(port);",
    "return table.levels[hour];",
    "}",
]


def test_profile_does_not_take_code_over_lower_case_for_wraps_in_seed_style() -> None:
    # Code over a line in lower case looks like a wrap ("function tideAt(port, hour) {" /
    # "const table = …"); in the seed style it is code kept as written, and its short widths
    # must not pull the fill of the text wrapped at 80 columns down to theirs.
    lines: list[str] = []
    for first, second in ((LONG_A, LONG_B), (LONG_C, LONG_A), (LONG_B, LONG_C)):
        lines += seed_style([first, second]).rstrip("\n").split("\n") + _JS_CODE * 3
    profile = learn(lines)
    assert profile.orphan_habit
    assert 78 <= profile.fill <= 84


def test_profile_sees_orphan_habit_only_in_seed_style() -> None:
    assert learn(seed_style([LONG_A, LONG_B, LONG_C] * 2).split("\n")).orphan_habit
    assert not learn(no_blank_lines([LONG_A, LONG_B, LONG_C] * 2).split("\n")).orphan_habit


#: Code in a page of documentation: a comment's full stop, then the code it describes.
_GO_CODE = ["// Sub returns x minus y.", "func Sub(y, x int) int {", "\treturn x - y", "}"]


def test_profile_sees_orphan_habit_past_code_and_numbered_headings() -> None:
    # A page of documentation in the seed style: numbered headings ("1." alone, then the
    # rest) and code whose comments end in full stops, none of which opens a paragraph.
    lines: list[str] = []
    for number, (first, second) in enumerate([(LONG_A, LONG_B), (LONG_C, LONG_A)], 1):
        lines += [f"{number}.", "Section heading"]
        lines += seed_style([first, second]).rstrip("\n").split("\n") + _GO_CODE
    lines += ["3.", "Last heading", *seed_style([LONG_B]).rstrip("\n").split("\n")]
    assert learn(lines).orphan_habit
    assert not learn(no_blank_lines([LONG_A, LONG_B, LONG_C] * 2).split("\n")).orphan_habit


#: A song in a story: each line short, each ending a sentence or a clause, none a paragraph.
_SONG = [
    "The tide comes in at seven,",
    "The boats go out at nine!",
    "Sing low, the harbour sleeps,",
    "Sing high, the ferry calls.",
]


def test_profile_sees_orphan_habit_past_verse() -> None:
    # A story in the seed style with a song between its paragraphs (Project Gutenberg's
    # children's books): the song's short lines, one over another, start nothing, so they
    # must not outvote the paragraphs' lone first words.
    lines: list[str] = []
    for first, second in ((LONG_A, LONG_B), (LONG_C, LONG_A), (LONG_B, LONG_C)):
        lines += seed_style([first, second]).rstrip("\n").split("\n") + _SONG
    profile = learn(lines)
    assert profile.orphan_habit
    # And the story's paragraphs come back whole.
    assert LONG_C in texts("\n".join(lines) + "\n")
    # The same story without the seed's habit has none.
    plain = [line for p in (LONG_A, LONG_B, LONG_C) for line in wrap(p, 80)] + _SONG
    assert not learn(plain * 3).orphan_habit


def test_profile_takes_one_word_headings_over_capitals_for_little_seed_habit() -> None:
    # A PDF's release notes: a one-word heading, then its text, which opens with a capital;
    # and paragraphs after paragraphs. The lone words are headings, not first words.
    lines: list[str] = wrap(LONG_C, 72)
    for heading, paragraph in [
        ("libuv", LONG_A),
        ("npm", LONG_B),
        ("zlib", LONG_C),
        ("v8", LONG_A),
    ]:
        lines += [heading, *wrap("Now " + paragraph[0].lower() + paragraph[1:], 72)]
    for paragraph in (LONG_B, LONG_C, LONG_B):
        lines += wrap(paragraph, 72)
    assert not learn(lines).orphan_habit
    # The seed style itself: the rest in lower case.
    assert learn(seed_style([LONG_A, LONG_B, LONG_C, LONG_A]).split("\n")).orphan_habit


def test_explain_names_the_rules() -> None:
    text = seed_style([LONG_A, LONG_B, LONG_C, LONG_A.replace("harbour", "river")])
    blocks_notes = [
        note.rule for block in reflow.iter_blocks(text, explain=True) for note in block.notes
    ]
    assert "orphan-opener" in blocks_notes
    assert any(rule.startswith("break:orphan") for rule in blocks_notes)


def test_seed_style_keeps_a_captions_opening_words_with_their_line() -> None:
    # A caption whose first words stand on a short line of their own, then run on in lower
    # case: in seed style a paragraph opens with one word alone, never with such a line.
    caption = "A ferry leaving\nthe harbour at dawn with its deck full of commuters\n"
    text = seed_style([LONG_A, LONG_B]) + caption + seed_style([LONG_C, LONG_B])
    found = blocks(text, explain=True)
    assert "A ferry leaving the harbour at dawn with its deck full of commuters" in texts(text)
    notes = [n.rule for b in reflow.iter_blocks(text, explain=True) for n in b.notes]
    assert "opening-words" in notes
    assert len(found) == 5


def test_a_paragraph_without_end_is_written_out_in_bounded_pieces() -> None:
    # Memory stays bounded on text that never ends a paragraph: at most MAX_BLOCK_LINES
    # lines are held, even when every line runs on in lower case (the builder's hot path).
    from reflow.paragraphs import MAX_BLOCK_LINES

    words = ("the tide came in slowly over the flats and the gulls went about it " * 5000).split()
    text = "\n".join(wrap("The " + " ".join(words))) + "\n"
    got = list(reflow.iter_blocks(text))
    assert len(text.splitlines()) > 2 * MAX_BLOCK_LINES
    assert max(block.last_line - block.first_line + 1 for block in got) == MAX_BLOCK_LINES
    assert " ".join(block.text for block in got).split() == text.split()


@pytest.mark.parametrize("width", [47, 50, 89])
def test_a_last_word_alone_after_a_full_line_closes_its_paragraph(
    always_break: None, width: int
) -> None:
    # "… council made in" / "Kettleby." / "“We have …": the lone word ends the line's
    # sentence; a capital and the quote after it do not make it a paragraph of its own.
    last = (
        "The harbour master urged the town not to accept the promises that its own council "
        "made in Kettleby."
    )
    quoted = (
        "“We have dredged that channel before and we will do it again,” he said at the "
        "meeting on the quay."
    )
    assert wrap(last, width)[-1] == "Kettleby."
    text = no_blank_lines([last, quoted], width)
    notes = [n.rule for b in reflow.iter_blocks(text, explain=True) for n in b.notes]
    assert "orphan-closer" in notes
    assert texts(text)[0] == last


@pytest.mark.parametrize(
    ("a_raw", "b_raw", "blank_separated", "expected"),
    [
        # Without blank lines, a colon over a line of code: the code stands apart.
        ("pass its code to the function:", 'tide.next_high(harbour="elsin")', False, True),
        # lynx: the text three columns in, the code at the margin.
        ("   pass its code to the function:", 'tide.next_high(harbour="elsin")', True, True),
        # Blank lines part paragraphs and the line keeps the text's margin: prose naming code.
        (
            "implemented as two types:",
            "the tide::Harbour<C> type, and the Coastal trait.",
            True,
            False,
        ),
        # No colon: nothing is introduced.
        ("pass its code to the function", 'tide.next_high(harbour="elsin")', False, False),
        # A sentence's end over a line of code: the code stands apart too.
        ("然而，这是相同的代码。", "import { useState } from 'react';", False, True),
        ("The tables are read the same way.", 'tide.next_high(harbour="elsin")', False, True),
        # An abbreviation's point ends no sentence.
        ("as other libraries do, e.g.", 'tide.next_high(harbour="elsin")', False, False),
        # A colon over prose.
        ("the office said:", "the tables will be late this spring", False, False),
    ],
)
def test_a_colon_introduces_code_under_it(
    a_raw: str, b_raw: str, blank_separated: bool, expected: bool
) -> None:
    a, b = a_raw.strip(), b_raw.strip()
    assert _introduces_code(a_raw, a, b_raw, b, blank_separated) is expected


def test_every_opening_mark_has_its_closer() -> None:
    # paragraphs._CLOSERS pairs each of breaks.OPENING with its closing mark: a mark added to
    # one and not the other would stop opening a quotation ("“We" / "the rest …" joined).
    for mark in breaks.OPENING:
        assert _opens_quotation(mark + "We"), mark


def test_a_full_line_of_proportional_type_goes_on_whatever_the_score(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Rule full-proportional-line: with a score that would end a paragraph wherever it is
    # asked, the PDF's line as wide as the fill, cut after "When", still runs on; the Title
    # Case headline and the lines that end sentences are still left to the score.
    from reflow import paragraphs

    monkeypatch.setattr(paragraphs, "score", lambda values: 1.0)
    text = (FIXTURES / "pdf-proportional-lines" / "input.txt").read_text(encoding="utf-8")
    out = reflow.normalize(text)
    assert "approved in early June. When Tobias Rennet, the committee’s chair" in out
    assert "Night ferry crews ask for a second boat\n\nThe crews who run" in out
    assert "in dry dock.\n\nIn a letter" in out


def test_code_lines_do_not_widen_the_measure_of_proportional_type() -> None:
    # In proportional type the measure is the widest recent prose line: a line of code is set
    # in its own type and never wrapped at the text's width, so a long one (wider than the
    # text is ever wrapped) made every full line after it look as if it had stopped early
    # (the score then weighed a break).
    from dataclasses import replace

    from reflow.paragraphs import _Builder

    prose = [
        "The harbour office printed its new tide tables on Monday, a week",
        "later than planned, after the survey boat came back from the",
    ]
    code = (
        'tides = harbour_library.fetch_tables(name="Kettleby", year=2026, month=3, '
        'detail="full", cache=True)'
    )
    full = "northern channel with soundings that did not match the charts of"
    rules = {}
    for proportional in (True, False):
        profile = replace(learn([*prose, full]), proportional=proportional)
        builder = _Builder(profile, explain=False, dehyphenate=True)
        list(builder.run([*prose, code]))
        rules[proportional] = builder.decide(full, full, "Kettleby harbour", "Kettleby harbour")
    assert rules[True] == rules[False] == (False, "continues")


def test_text_with_no_paragraph_habit_keeps_code_after_a_colon_apart() -> None:
    # Rule no-paragraph-habit joins a full line to the next whatever ends it, in wrapped text
    # that shows no way of ending a paragraph; not a line of code after a colon.
    text = textwrap.dedent(
        """\
        The harbour office printed its new tide tables on Monday, a week
        later than planned, after the survey boat came back from the
        northern channel with soundings that did not match the old charts.
        The tables can be read from the office's library in code:
        tides = harbour_library.fetch_tables(name="Kettleby", year=2026, month=3, detail="full")
        The office will post printed copies to every harbour master on
        the coast before the end of the month, and it has asked for
        Kettleby's council to put one in the window of the ferry office.
        """
    )
    code = (
        'tides = harbour_library.fetch_tables(name="Kettleby", year=2026, month=3, detail="full")'
    )
    assert texts(text)[1] == code


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("the harbour", True),
        ("well-known budgets were cut", True),  # a compound is a plain word
        ("fix, then", True),
        ("createElement returns", False),
        ("os.getrandom() returns", False),
        ("--prune removes", False),
        ("re- and then", False),
    ],
)
def test_a_plain_word_opens_the_line(line: str, expected: bool) -> None:
    assert _plain_word(line) is expected


def test_a_lone_first_word_before_a_compound_in_lower_case_opens_its_paragraph() -> None:
    # Found by tests/test_structure_fuzz.py: "Another" / "well-known budget …" in a short text
    # with blank lines, where no habit of lone first words could be learned.
    text = (
        "That\nsteady meeting rebuilt another tower. Their busy valley\nreopened their "
        "evening in Lindmoor, until a familiar teacher\nreopened its museum, and the crowded "
        "bridge followed its\nbudget in Marlowe? A long-awaited farmer crossed their\n"
        "schedule.\n\nA\nmodest museum counted that teacher in Harrowgate, and its\nrainy "
        "orchard approved the harbor in Harrowgate. Every harbor\ndescribed every museum, "
        "before every station finished the\nkitchen but their summer painted this railway.\n"
        "\nAnother\nwell-known budget planted a valley, before that garden\ncounted the "
        "morning since a well-known meeting visited every\nriver? Its street approved its "
        "market, before this late\nschedule rebuilt their window. That long-awaited meadow\n"
        "approved that tower, but the kitchen closed every tower.\nAnother early report "
        "described the window, since a careful\nmeadow inspected its valley in Ashby.\n"
    )
    assert texts(text)[2].startswith("Another well-known budget planted a valley")


def test_quoted_printable_soft_breaks_give_the_lines_the_standard_library_decodes() -> None:
    # The mail's body undone by Python's email package, and reflow's output of it decoded by
    # quopri: the same text. reflow leaves the "=XX" escapes as written (its output keeps
    # the input's words), but its soft line breaks are gone, no word cut and no escape split.
    raw = (FIXTURES / "mail-quoted-printable" / "input.txt").read_text(encoding="utf-8")
    first = raw.split("\n\nFrom: ", 1)[0] + "\n"
    want = email.message_from_string(first).get_payload(decode=True).decode("utf-8")
    out = reflow.normalize(first, to="text")
    body = out.split("Content-Transfer-Encoding: quoted-printable\n\n", 1)[1]
    assert "=\n" not in body
    assert quopri.decodestring(body.encode("ascii")).decode("utf-8").rstrip("\n") == want.rstrip(
        "\n"
    )
