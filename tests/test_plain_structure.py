"""Plain text that is not an article keeps its structure: mail, verse, page headers, tables."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator

import pytest

import reflow
from reflow.furniture import continues_path, is_mail_closing, looks_like_code


def blocks(text: str, **options: object) -> list[tuple[str, str]]:
    return [(str(b.kind), b.text) for b in reflow.iter_blocks(text, **options)]


def md(text: str, **options: object) -> str:
    return reflow.normalize(text, **options)


def txt(text: str, **options: object) -> str:
    return reflow.normalize(text, to="text", **options)


def assert_fixed_point(text: str) -> None:
    """Markdown and text output read back as themselves."""
    once = md(text)
    assert md(once, source="text") == once
    plain = txt(text, width=72)
    assert txt(plain, width=72) == plain


INTRO = (
    "I tried the steps you suggested last week and they got me most of the way there,\n"
    "but the last one still stops with a permission error:\n"
)
COMMANDS = (
    "    cd /srv/mirror\n    git fetch --prune origin\n    sudo systemctl restart mirror-sync\n"
)
NEWS = (
    "The harbour commission met on Monday to weigh a plan that would dredge the\n"
    "northern channel for the first time in a generation, a job its engineers\n"
    "say cannot wait another winter.\n"
)


# -- mail: commands, quotes, closings, signatures ---------------------------------------------


def test_indented_commands_stay_code_in_markdown_and_lines_in_text() -> None:
    text = f"{INTRO}\n{COMMANDS}\nThat is where it stops, every time I run it again.\n"
    assert ("code", COMMANDS.rstrip("\n")) in blocks(text)
    assert COMMANDS in md(text)
    assert COMMANDS in txt(text, width=72)
    assert_fixed_point(text)


def test_indented_commands_are_explained() -> None:
    text = f"{INTRO}\n{COMMANDS}"
    notes = [n for b in reflow.iter_blocks(text, explain=True) for n in b.notes]
    assert any(n.rule == "indented-code" for n in notes)


def test_indented_prose_is_not_code() -> None:
    # A block quote indented in a text browser: wrapped sentences, no command in sight.
    quoted = textwrap.indent(NEWS, "      ")
    text = f"{INTRO}\n{quoted}\nAnd then the meeting moved on to other business of the day.\n"
    assert all(kind != "code" for kind, _ in blocks(text))


def test_one_indented_word_line_after_a_heading_is_not_code() -> None:
    text = "Menu\n\n    Sections / Sports\n\nThe game was played in the rain on Sunday.\n"
    assert all(kind != "code" for kind, _ in blocks(text))


@pytest.mark.parametrize(
    "line",
    ["cd /srv/mirror", "git fetch --prune origin", "x = parse(line)", "$ make test", "}"],
)
def test_looks_like_code(line: str) -> None:
    assert looks_like_code(line)


@pytest.mark.parametrize(
    "line",
    ["Whose fields these are I think I know", "and miles of road before the sea,", "Jane Holm"],
)
def test_verse_lines_do_not_look_like_code(line: str) -> None:
    assert not looks_like_code(line)


REPLY = (
    "On Thursday, Tomas Berg wrote:\n"
    "> The restart needs the service account, not yours. Ask Lena to add you\n"
    "> to the ops group and it should go through.\n"
)


def test_quoted_reply_keeps_its_markers_in_text_output() -> None:
    out = txt(REPLY, width=72)
    assert "> The restart needs the service account, not yours." in out
    assert all(line.startswith("> ") for line in out.splitlines()[2:])
    assert md(REPLY).splitlines()[2].startswith("> ")
    assert_fixed_point(REPLY)


def test_nested_quote_keeps_both_markers_in_text_output() -> None:
    assert txt("> > An older message, quoted twice.\n") == "> > An older message, quoted twice.\n"


CLOSING = "I will try again after lunch and let you know how it goes.\n\nThanks,\nJane\n"


def test_closing_and_name_are_not_joined() -> None:
    assert ("verse", "Thanks,\nJane") in blocks(CLOSING)
    assert md(CLOSING).endswith("Thanks,\\\nJane\n")
    assert txt(CLOSING).endswith("Thanks,\nJane\n")
    assert_fixed_point(CLOSING)


def test_closing_right_after_the_last_sentence_is_set_apart() -> None:
    text = "I will let you know how it goes.\nBest regards,\nJane Holm\n"
    assert blocks(text)[-1] == ("verse", "Best regards,\nJane Holm")


@pytest.mark.parametrize(
    "text",
    [
        # "Thanks," opening a sentence that runs on.
        "Thanks,\nin part, to the new harbour law, the boats came back.\n",
        # A closing word followed by a long line of prose.
        "Best,\nThe commission will vote next month after a public hearing at the library.\n",
        # A name line followed by more prose, not by the end.
        "Thanks,\nJane\nwill be there too.\n",
    ],
)
def test_closing_look_alikes_are_left_alone(text: str) -> None:
    assert all(kind != "verse" or "\n" not in t for kind, t in blocks(text))


def test_mail_closing_needs_its_comma() -> None:
    assert is_mail_closing("Thanks,") and is_mail_closing("Kind regards,")
    assert not is_mail_closing("Thanks") and not is_mail_closing("Thanks, everyone, for coming.")


SIGNATURE = "See you on Monday.\n\n-- \nJane Holm\nPlatform team, room 4.12\n+46 8 555 0142\n"


def test_signature_separator_and_lines_are_kept() -> None:
    out = txt(SIGNATURE, width=72)
    assert out.endswith("\n-- \nJane Holm\nPlatform team, room 4.12\n+46 8 555 0142\n")
    assert "Jane Holm\\\nPlatform team, room 4.12\\\n+46 8 555 0142" in md(SIGNATURE)
    assert_fixed_point(SIGNATURE)


def test_a_lone_double_dash_with_nothing_after_it_is_no_signature() -> None:
    assert all(kind != "verse" for kind, _ in blocks("The vote was close.\n\n--\n"))


QUOTED_MESSAGE = (
    "On Monday, Tomas wrote:\n"
    "> The disk on the mirror is nearly full. Free some space with these\n"
    "> before you restart the service:\n"
    ">\n"
    ">     cd /srv/mirror\n"
    ">     git gc --prune=now\n"
    ">\n"
    "> Thanks,\n"
    "> Tomas\n"
    ">\n"
    "> -- \n"
    "> Tomas Berg\n"
    "> Operations, room 2.07\n"
)


def test_commands_closing_and_signature_inside_a_quote_keep_their_lines() -> None:
    quoted = [(kind, text) for kind, text in blocks(QUOTED_MESSAGE) if kind == "quote"]
    assert quoted[1:] == [
        ("quote", "    cd /srv/mirror\n    git gc --prune=now"),
        ("quote", "Thanks,\nTomas"),
        ("quote", "-- \nTomas Berg\nOperations, room 2.07"),
    ]
    out = txt(QUOTED_MESSAGE, width=72)
    assert ">     cd /srv/mirror\n>     git gc --prune=now\n" in out
    assert "> Thanks,\n> Tomas\n" in out
    assert out.endswith("> -- \n> Tomas Berg\n> Operations, room 2.07\n")
    markdown = md(QUOTED_MESSAGE)
    assert ">     cd /srv/mirror\n>     git gc --prune=now\n" in markdown  # code in the quote
    assert "> Thanks,\\\n> Tomas\n" in markdown
    assert_fixed_point(QUOTED_MESSAGE)


def test_rules_inside_a_quote_apply_at_each_level() -> None:
    text = "> > An older message, quoted twice.\n> >\n> > Regards,\n> > Marek\n"
    assert blocks(text)[-1] == ("quote", "Regards,\nMarek")
    assert txt(text).endswith("> > Regards,\n> > Marek\n")
    assert_fixed_point(text)


def test_quoted_prose_that_is_indented_or_ends_in_a_comma_is_still_joined() -> None:
    # One indented line is no block of commands; "Thanks," running on is no closing; a
    # closing whose name line is at another quote level is none either.
    text = (
        "> The report is late.\n>\n>     It will come on Friday, with the figures.\n>\n"
        "> Thanks,\n> in part, to the new hire, we caught up.\n>\n"
        "> Thanks,\n> > Jane\n"
    )
    assert all("\n" not in text for _, text in blocks(text))


# -- a URL or path cut at a line end -----------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [
        ("the log is at https://files.example.org/ops/", "logs/run.log today", True),
        ("the log is at https://files.example.org/ops/run-", "2026-12-04.log today", True),
        ("the lock file /var/lib/mirror/state/sync_", "lock.pid is left", True),
        ("the page at www.example.", "org/harbour/plan explains it", True),
        # After ". - _" the piece must look like a path piece, not a word of a new sentence.
        ("the plan is at https://example.org/harbour/plan.", "The vote is next", False),
        ("it was a well-", "known plan", False),
        ("cats and/", "or dogs", False),
        ("see https://example.org/a/", "", False),
    ],
)
def test_continues_path(first: str, second: str, joined: bool) -> None:
    assert continues_path(first, second) is joined


def test_url_cut_after_a_slash_is_rejoined_without_a_space() -> None:
    text = (
        "The log for the failed run is on the shared drive under\n"
        "https://files.example.org/ops/logs/\n"
        "mirror-sync-2026-12-04.log if you want to read it yourself.\n"
    )
    url = "https://files.example.org/ops/logs/mirror-sync-2026-12-04.log"
    assert url in md(text)
    assert url in txt(text, width=72)
    notes = [n.rule for b in reflow.iter_blocks(text, explain=True) for n in b.notes]
    assert "path-rejoined" in notes


def test_sentence_ending_in_a_url_is_not_glued_to_the_next() -> None:
    text = (
        "The full plan is published by the harbour commission at https://example.org/plan/.\n"
        "The vote will follow the public hearing, which takes place at the library.\n"
    )
    assert "plan/. The vote" in md(text)


# -- verse and addresses set apart by their indent ---------------------------------------------

ESSAY = (
    "My grandmother kept a notebook on the kitchen windowsill, and in it she\n"
    "wrote down the tides and now and then a few lines of her own:\n"
)
POEM = (
    "    The boats are sleeping in the ice,\n"
    "      their ropes gone stiff as bone;\n"
    "    the gulls have left us, once or twice,\n"
    "      to stand the cold alone.\n"
)


def test_indented_verse_keeps_its_lines() -> None:
    text = f"{ESSAY}\n{POEM}\nI have read those lines many times since then, and still wonder.\n"
    kinds = blocks(text)
    assert kinds[1][0] == "verse" and kinds[1][1].count("\n") == 3
    assert "The boats are sleeping in the ice,\\\ntheir ropes gone stiff as bone;\\\n" in md(text)
    assert POEM in txt(text, width=72)  # the indents stay in text output
    assert_fixed_point(text)


def test_indented_address_keeps_its_lines() -> None:
    text = f"{ESSAY}\n    Harbour Office\n    2 Quay Street\n    Port Elsin\n"
    assert md(text).endswith("Harbour Office\\\n2 Quay Street\\\nPort Elsin\n")
    assert_fixed_point(text)


def test_indented_wrapped_prose_is_not_verse() -> None:
    # Every line but the last is full: a wrapped quotation, which is joined as before.
    quoted = textwrap.indent(NEWS, "    ")
    text = f"{ESSAY}\n{quoted}"
    assert all(kind != "verse" for kind, _ in blocks(text))


def test_indented_short_lines_after_a_menu_are_not_verse() -> None:
    # A web page's link list, indented by a text browser: no prose before it.
    text = "Sections\n\n    About the Newsroom\n    Corrections\n    News Archive\n"
    assert all(kind != "verse" or "\n" not in t for kind, t in blocks(text))


# -- running page headers and footers without form feeds ---------------------------------------

HEADER = "Internet-Draft             Harbour Sync Protocol          December 2026"


def footer(page: int) -> str:
    return f"Holm                    Expires June 7, 2027                    [Page {page}]"


def draft(pages: int, cut_sentence: bool = True) -> str:
    """A draft of ``pages`` pages of 30 lines, each page cutting a paragraph in two."""
    body = "   The mirror that receives a block writes it to disk and then says so to\n"
    out: list[str] = []
    for page in range(1, pages + 1):
        if page > 1:
            out += [HEADER, ""]
        out += ["   the sender, which waits for that word before it sends the next block."]
        out += [body.rstrip("\n")] * 24 if cut_sentence else [""] * 24
        out += ["", "", footer(page), ""]
    return "\n".join(out) + "\n"


def test_running_headers_and_footers_are_removed_and_the_paragraph_rejoined() -> None:
    text = draft(3)
    out = md(text)
    assert "Page" not in out and "Internet-Draft" not in out and "Expires" not in out
    assert len(out.strip().split("\n\n")) == 1  # one paragraph: the pages cut it twice
    plain = txt(text, width=72)
    assert "[Page" not in plain and "Harbour Sync Protocol" not in plain


def test_running_headers_are_explained() -> None:
    notes = [
        note
        for block in reflow.iter_blocks(draft(2), explain=True)
        for note in block.notes
        if note.detail == "running-header"
    ]
    assert [note.line for note in notes] == [28, 30, 59]


def test_running_headers_past_the_learning_window_are_removed_too() -> None:
    text = draft(400)  # far longer than the window the profile is learned from
    assert len(text) > 4 * 64 * 1024
    out = md(text)
    assert "[Page" not in out and "Internet-Draft" not in out


@pytest.mark.parametrize(
    "lines",
    [
        # The number does not count up.
        [footer(3), footer(3), footer(3)],
        # Counts up, but not a page apart.
        [footer(1), footer(2), footer(3)],
    ],
)
def test_repeated_lines_that_are_not_page_furniture_stay(lines: list[str]) -> None:
    prose = NEWS.rstrip("\n").split("\n")
    gap = 30 if lines[0] == lines[1] else 3
    text = "\n".join(line for footer_line in lines for line in [*prose * (gap // 3), footer_line])
    out = md(text + "\n", keep_duplicates=True)  # (the prose repeats itself)
    assert out.count("Expires June 7, 2027") == 3


def test_numbered_lines_in_prose_are_not_running_footers() -> None:
    # A news story's numbered points: they count up, but are no layout of fields.
    prose = NEWS.rstrip("\n").split("\n")
    parts = [f"Point {n}: the harbour commission met again." for n in range(1, 4)]
    text = "\n\n".join("\n".join(prose * 8) + "\n" + part for part in parts) + "\n"
    assert md(text, keep_duplicates=True).count("Point ") == 3


# -- tables laid out in columns ----------------------------------------------------------------

TABLE = (
    "Option           Default     What it does\n"
    "--interval N     300         Seconds between two checks of the source;\n"
    "                             a shorter interval costs more traffic.\n"
    "--quiet          off         Writes nothing but errors, for runs from\n"
    "                             cron.\n"
)


def test_table_in_columns_is_kept_as_it_is() -> None:
    text = f"{INTRO}\n{TABLE}\nOptions given on the command line win over the file.\n"
    kept = textwrap.indent(TABLE, "    ")
    assert ("table", kept.rstrip("\n")) in blocks(text)
    assert kept in md(text)
    assert kept in txt(text, width=60)  # never re-wrapped, never interleaved
    assert_fixed_point(text)


def test_table_ends_before_the_paragraph_that_follows_it() -> None:
    text = f"{TABLE}Options given on the command line win over those in the file.\n"
    assert blocks(text)[-1] == (
        "paragraph",
        "Options given on the command line win over those in the file.",
    )


def _right(left: str, right: str = "") -> str:
    return f"    {left:<30}{right:>40}".rstrip()


def test_a_table_is_made_of_the_columns_of_its_own_rows() -> None:
    # "K. Holm" lines up with "B. Sato", two rows under the table, and nothing in it: read
    # back without those rows (a blank line after the table), it was split off.
    rows = [
        _right("Harbour Working Group", "T. Brekke"),
        _right("Note: 14", "Fjord Light"),
        _right("Category: Informational", "A. Lindqvist"),
        _right("", "K. Holm"),
        _right("", "Port Elsin Office"),
        _right("", "B. Sato"),
    ]
    text = "\n".join(rows) + "\n\nThe keepers met twice a year.\n"
    assert ("table", "\n".join(rows[:3])) in blocks(text)
    for width in (0, 60):
        first = txt(text, width=width)
        assert txt(first, width=width) == first


@pytest.mark.parametrize(
    "text",
    [
        # Two blanks after each sentence, a typist's habit: no columns.
        "   This draft is submitted in full conformance with the rules.  Drafts are\n"
        "   working documents of the task force.  Note that other groups may also\n"
        "   distribute working documents as drafts, and often do so.\n",
        # A list whose markers are followed by blanks.
        "-   home page\n-   world news\n-   politics today\n",
        # Form fields a text browser drew.
        "[                    ]\n[                    ]\n[                    ]\n",
    ],
)
def test_column_look_alikes_are_not_tables(text: str) -> None:
    assert all(kind != "table" for kind, _ in blocks(text))


def test_a_document_that_opens_with_a_lone_layout_line_keeps_it() -> None:
    # The first line of a draft, laid out in fields, is no running header for being first.
    text = "Network Working Group                                  J. Holm\n\n" + draft(2)
    assert "Network Working Group" in md(text)


# -- page numbers copied out of a PDF: no form feeds, often inside a paragraph ----------------

_TOWNS = ["Port Elsin", "Greyhaven", "Lowmere", "Saltcombe", "Kettleby", "Brinmoor", "Holt"]
_DEEDS = ["mended the sea wall", "opened the library", "dredged the channel", "sold the ferry"]


def _report(paragraphs: int) -> list[str]:
    """Paragraphs of distinct sentences (no line repeats another), one string each."""
    out = []
    for index in range(paragraphs):
        sentences = [
            f"In {1950 + index * 7 + k} the council of {_TOWNS[(index + k) % len(_TOWNS)]} "
            f"{_DEEDS[(index * 3 + k) % len(_DEEDS)]} in week {k + index + 2}."
            for k in range(9)
        ]
        out.append(" ".join(sentences))
    return out


def _paged(paragraphs: list[str], every: int, head: Callable[[int], list[str]]) -> str:
    """The paragraphs wrapped at 70 columns, blank lines between, and ``head(page)`` every
    ``every`` lines wherever it falls (mid-paragraph as often as not)."""
    lines = "\n\n".join(textwrap.fill(p, 70) for p in paragraphs).split("\n")
    out: list[str] = []
    for index, line in enumerate(lines):
        if index and index % every == 0:
            out += head(index // every + 1)
        out.append(line)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize(
    "head",
    [
        lambda n: [f"— {n} —"],
        lambda n: [f"Page {n}"],
        lambda n: [f"{n}"],
        lambda n: ["THE COUNCIL REPORT", f"{n}"],
    ],
    ids=["dashes", "page", "bare", "title-over-number"],
)
def test_page_numbers_without_form_feeds_go_and_the_paragraphs_they_cut_join(
    head: Callable[[int], list[str]],
) -> None:
    paragraphs = _report(12)
    text = "The Council Report\n\n" + _paged(paragraphs, 33, head)
    assert head(4)[-1] in text.split("\n")  # three numbers at least, mid-paragraph
    out = md(text)
    assert out.rstrip("\n").split("\n\n") == ["The Council Report", *paragraphs]
    assert_fixed_point(text)


def test_two_bare_numbers_a_page_apart_may_be_sections_and_stay() -> None:
    text = _paged(_report(7), 33, lambda n: [f"{n}"])
    assert [line for line in text.split("\n") if line.isdigit()] == ["2", "3"]
    assert md(text).split() == text.split()  # every word kept, the numbers too


@pytest.mark.parametrize(
    "page",
    [
        ["— 2 —"],
        ["Page 2"],
        ["2"],
        ["Greyhaven Evening Post      2"],
        ["THE COUNCIL REPORT", "2"],  # a running title over the number
        ["The Northern Ledger — The Council Report...", "Page 2"],
    ],
)
def test_one_page_number_that_cuts_a_sentence_goes(page: list[str]) -> None:
    # A short document: one page break, inside a sentence, after a full line. No wrapper
    # leaves a number alone there.
    lines = textwrap.fill(" ".join(_report(2)), 70).split("\n")
    assert not lines[5].endswith(".") and lines[6][:1].islower()
    text = "\n".join([*lines[:6], *page, *lines[6:]]) + "\n"
    assert md(text) == " ".join(_report(2)) + "\n"


def test_a_running_title_that_is_also_the_documents_title_stays() -> None:
    lines = textwrap.fill(" ".join(_report(2)), 70).split("\n")
    page = ["THE COUNCIL REPORT", "2"]
    text = "THE COUNCIL REPORT\n\n" + "\n".join([*lines[:6], *page, *lines[6:]]) + "\n"
    out = md(text)
    # The title stands elsewhere too: it is the text's own, and stays everywhere (the page
    # number under it still goes).
    assert out.startswith("THE COUNCIL REPORT\n\n")
    assert out.count("THE COUNCIL REPORT") == 2
    assert " 2 " not in out


@pytest.mark.parametrize(
    "above",
    [
        "The ferry ran late.",  # a sentence of the text, not a title
        ", as the council had asked,",
        "kept to the winter timetable",  # the sentence's own words, in lower case
    ],
)
def test_a_line_of_text_over_a_page_number_stays(above: str) -> None:
    lines = textwrap.fill(" ".join(_report(2)), 70).split("\n")
    text = "\n".join([*lines[:6], above, "2", *lines[6:]]) + "\n"
    assert above in md(text)


@pytest.mark.parametrize(
    "text",
    [
        # A short line before it: the sentence's own number ("was 7 to 2").
        "The vote on the channel was\n7\nto 2 in favour of the plan.\n",
        # After a sentence's end, or a colon: a number of the text's own.
        "The council met again on Monday and voted on the dredging plan.\n"
        "2\nmembers were absent.\n",
        "The clerk read out the number of members who had sent apologies:\n"
        "2\nwere ill, the rest away.\n",
        # Rows of a table, laid out in fields, with a number at the end.
        "C type                  Rust equivalent          size in bytes    align\n"
        "unsigned char           u8                       1\n"
        "short                   i16                      2\n"
        "unsigned short          u16                      2\n",
    ],
    ids=["short-line", "after-sentence", "after-colon", "table-rows"],
)
def test_numbers_that_are_the_texts_own_stay(text: str) -> None:
    assert md(text).split() == text.split()


def test_two_bare_numbers_under_one_running_title_go() -> None:
    text = _paged(_report(7), 33, lambda n: ["THE COUNCIL REPORT", f"{n}"])
    assert [line for line in text.split("\n") if line.isdigit()] == ["2", "3"]
    assert md(text).rstrip("\n").split("\n\n") == _report(7)


def test_a_line_of_text_above_some_page_numbers_only_stays() -> None:
    # The same sentence ends the first two pages, but not the third: text, not a header.
    paragraphs = _report(12)
    lines = "\n\n".join(textwrap.fill(p, 70) for p in paragraphs).split("\n")
    repeated = "The ferry kept to its winter timetable."
    out_lines: list[str] = []
    for index, line in enumerate(lines):
        if index and index % 33 == 0:
            page = index // 33 + 1
            out_lines += [repeated] if page < 4 else []
            out_lines += ["", f"— {page} —", ""]
        out_lines.append(line)
    out = md("\n".join(out_lines) + "\n", keep_duplicates=True)
    assert "— 2 —" not in out and "— 4 —" not in out
    assert out.count(repeated) == 2


def test_layout_pdf_header_on_every_page_and_footer_counting_pages() -> None:
    head = "12/4/26, 9:14 AM                    Harbour vote | Port Elsin Gazette"
    foot = "https://gazette.example.org/harbour/vote                            {}/2"
    body = NEWS.rstrip("\n")
    text = f"{head}\n\n{body}\n\n{foot.format(1)}\n\f{head}\n\n{body}\n\n{foot.format(2)}\n\f"
    out = md(text, keep_duplicates=True)
    assert "Gazette" not in out and "gazette.example.org" not in out
    assert out.count("The harbour commission met on Monday") == 2


# -- a title in a larger type (pdftotext -layout) -----------------------------------------------

SPACED_TITLE = (
    "      Harbour  commission  votes  to  dredge  the  northern\n"
    "      channel  after  a  decade  of  delays\n"
)


def test_spaced_out_title_stands_apart_from_the_first_paragraph() -> None:
    text = SPACED_TITLE + textwrap.indent(NEWS, "      ")
    title = "Harbour commission votes to dredge the northern channel after a decade of delays"
    assert blocks(text)[0] == ("paragraph", title)
    assert md(text).startswith(title + "\n\nThe harbour commission met")
    assert txt(text).startswith(title + "\n\nThe harbour commission met")
    notes = [n.rule for b in reflow.iter_blocks(text, explain=True) for n in b.notes]
    assert "spaced-title" in notes
    assert_fixed_point(text)


@pytest.mark.parametrize(
    "line",
    [
        "The vote was close.  Two members were absent.",  # two blanks after a sentence
        "Name   Age",  # two words: a table's head, at most
        "H a r b o u r",  # letter-spaced, one blank apart
        "Price      $1,349.00         $50",  # columns: gaps too wide for a title
    ],
)
def test_spaced_title_look_alikes(line: str) -> None:
    from reflow.furniture import is_spaced_title

    assert not is_spaced_title(line)


def test_running_header_pass_holds_few_lines_back() -> None:
    from reflow.furniture import running_furniture
    from reflow.pages import MAX_PADDING, strip_running_furniture

    lines = draft(50).split("\n")
    keys = running_furniture(lines[:200])
    assert keys
    read = 0

    def source() -> Iterator[str]:
        nonlocal read
        for line in lines:
            read += 1
            yield line

    written = 0
    for _ in strip_running_furniture(source(), keys):
        written += 1
        assert read - written <= MAX_PADDING + 1
    assert written == len(lines)  # one line out for each line in: line numbers stay right


def test_page_furniture_next_to_a_form_feed_becomes_markers() -> None:
    from reflow.lines import PAGE_BREAK
    from reflow.pages import FURNITURE, is_page_furniture, strip_page_furniture
    from reflow.profile import Profile, furniture_key

    keys = frozenset({furniture_key("Harbour Trust Report 2021")})
    assert is_page_furniture("  ", keys)
    assert is_page_furniture("Page 4 of 9", keys)
    assert is_page_furniture("Harbour Trust Report 2024", keys)  # the digits are masked
    assert not is_page_furniture("The ferry ran twice a day.", keys)
    pages = [
        "Harbour Trust Report 2021",
        "The ferry ran twice a day",
        "until the storm.",
        "4",
        PAGE_BREAK,
        "Harbour Trust Report 2021",
        "The pier was closed in May.",
    ]
    kept = list(strip_page_furniture(pages, Profile(furniture=keys)))
    # One line out for each line in (line numbers stay right), the furniture as markers.
    assert kept == [
        FURNITURE,
        "The ferry ran twice a day",
        "until the storm.",
        FURNITURE,
        PAGE_BREAK,
        FURNITURE,
        "The pier was closed in May.",
    ]


def test_indented_lines_too_wide_for_verse_are_left_to_the_paragraph_rules() -> None:
    wide = (
        "    Smaller boats will be able to use the south passage, which the commission\n"
        "    will mark with temporary buoys while the work goes on this spring.\n"
    )
    assert all(kind != "verse" for kind, _ in blocks(f"{ESSAY}\n{wide}"))


def test_verse_repeated_as_a_pull_quote_keeps_its_lines() -> None:
    # A repeat of a verse block is written as a pull quote (--keep-duplicates): its lines stay
    # lines, with hard breaks and no indent (which would make code inside the quote).
    from dataclasses import replace

    from reflow.model import Kind
    from reflow.options import Options
    from reflow.render import render_markdown, render_text

    (verse,) = [b for b in reflow.iter_blocks(f"{ESSAY}\n{POEM}") if b.kind is Kind.VERSE]
    repeat = replace(verse, kind=Kind.PULL_QUOTE)
    quoted = render_markdown(repeat, Options())
    assert quoted is not None
    assert quoted.startswith("> The boats are sleeping in the ice,\\\n> their ropes gone")
    assert md(quoted + "\n", source="text") == quoted + "\n"
    assert render_text(repeat, Options(to="text")) == POEM.rstrip("\n")
