"""Repeated paragraphs: copies out of the text's flow go, repeats that are content stay."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

import reflow
from reflow import classify as cls
from reflow.model import Kind

from .test_cli import reflow_cli, reflow_process

# Every text below was written for these tests.
QUESTION = (
    "If you could change one thing about the way the harbour is run, what would it be, and why?"
)
ANSWERS = [
    "Open the fuel dock before dawn; we lose the first hour of light waiting for the attendant.",
    "A roof over the mending sheds, because the rain does not care about my nets.",
    "Nothing at all: the rules are why the channel is still deep enough for my boat.",
    "Let the children back on the breakwater on Sundays, as we were when we were young.",
]
BREAKFAST = (
    "Breakfast: two eggs scrambled with spinach, a slice of rye toast and a mug of strong tea "
    "with milk"
)
WARNING = (
    "Warning: never stand between the winch drum and the cable, even when the motor is "
    "switched off, because a loaded cable can jump without any sound."
)
HEADLINE = (
    "Council votes to close the Old Mill Bridge for eleven months of repairs starting in spring"
)
BODY = (
    "The bridge opened in 1931 and was last rebuilt in 1978, when a barge struck its central "
    "pier during a flood."
)
OTHER = (
    "Engineers told the council in March that corrosion had eaten into three of the girders, "
    "and that the load limit would have to fall by winter."
)


def paragraphs(*blocks: str) -> str:
    return "\n\n".join(blocks) + "\n"


def dropped(text: str, **options: object) -> list[tuple[str, int, str]]:
    """(rule, line, detail) of every repeat left out."""
    return [
        (note.rule, note.line, note.detail)
        for block in reflow.iter_blocks(text, explain=True, **options)
        if block.kind is Kind.PULL_QUOTE
        for note in block.notes
        if note.rule.startswith("duplicate:")
    ]


def test_the_question_an_interview_puts_to_each_guest_stays() -> None:
    # Question and answer, again and again: each question is two blocks after the last.
    text = paragraphs(*(part for answer in ANSWERS for part in (QUESTION, answer)))
    assert len(QUESTION) >= cls.MIN_DUPLICATE_CHARS
    out = reflow.normalize(text)
    assert out == text
    assert dropped(text) == []
    # A corpus builder asks for every repeat to go: the first question stays.
    out = reflow.normalize(text, drop_repeats=True)
    assert out.count(QUESTION) == 1
    assert all(answer in out for answer in ANSWERS)


def test_a_meal_plans_daily_line_stays() -> None:
    days = [("Monday", "Supper: fish stew with potatoes and whatever the nets brought in")]
    days += [("Tuesday", "Supper: bean soup with smoked sausage and bread from the bakery")]
    days += [("Wednesday", "Supper: grilled sardines with salad and boiled potatoes")]
    text = paragraphs(*(part for day, supper in days for part in (day, BREAKFAST, supper)))
    assert reflow.normalize(text) == text
    # Only a label between the copies, no supper: the line still stays.
    text = paragraphs(*(part for day, _ in days for part in (day, BREAKFAST)))
    assert reflow.normalize(text) == text


def test_a_chorus_between_verses_stays() -> None:
    chorus = (
        "Haul away, my bonny boys, the tide is on the turn,\n"
        "haul away, my bonny boys, and bring her home astern."
    )
    verses = [
        "Out past the light where the cold currents run,\nwe shot the nets at the rise of the sun.",
        "The gulls came down and the wind came about,\nwe hauled till the last float was out.",
    ]
    text = paragraphs(verses[0], chorus, verses[1], chorus)
    assert reflow.normalize(text).count("bring her home astern") == 2


def test_a_headline_printed_twice_in_a_row_goes() -> None:
    text = paragraphs(HEADLINE, HEADLINE, BODY)
    assert reflow.normalize(text) == paragraphs(HEADLINE, BODY)
    assert dropped(text) == [("duplicate:near-copy", 3, "repeats line 1")]


def test_a_separator_between_the_copies_does_not_part_them() -> None:
    # The separator is not written out: the copies would stand side by side in the output.
    text = paragraphs(HEADLINE, "|", HEADLINE, BODY)
    once = reflow.normalize(text)
    assert once == paragraphs(HEADLINE, BODY)
    assert reflow.normalize(once) == once


def test_a_copy_two_blocks_away_stays() -> None:
    text = paragraphs(HEADLINE, BODY, HEADLINE)
    assert reflow.normalize(text) == text


@pytest.mark.parametrize("where", ["before", "after"])
def test_a_bracketed_pull_quote_of_a_body_paragraph_goes(where: str) -> None:
    quote = f"[{BODY}]"
    if where == "before":
        text = paragraphs(HEADLINE, quote, OTHER, BODY, OTHER.replace("March", "May"))
    else:
        text = paragraphs(HEADLINE, BODY, OTHER, OTHER.replace("March", "May"), quote)
    out = reflow.normalize(text)
    assert out.count("The bridge opened in 1931") == 1
    assert "[The bridge" not in out
    ((rule, _line, _detail),) = dropped(text)
    assert rule == "duplicate:decorated-copy"
    assert reflow.normalize(out) == out


def test_a_quoted_paragraph_loses_only_its_bracketed_copy() -> None:
    # The body paragraph is a quotation itself: the copy wrapped in one more pair goes.
    quoted = f"“{BODY}”"
    text = paragraphs(f"[{quoted}]", OTHER, quoted)
    assert reflow.normalize(text) == paragraphs(OTHER, quoted)


def test_equally_wrapped_copies_apart_both_stay() -> None:
    quoted = f"“{BODY}”"
    text = paragraphs(quoted, OTHER, quoted)
    assert reflow.normalize(text) == text


def test_the_flag_drops_every_repeat_and_explain_names_the_rule() -> None:
    text = paragraphs(WARNING, OTHER, BODY, WARNING)
    assert reflow.normalize(text) == text
    assert reflow.normalize(text, drop_repeats=True) == paragraphs(WARNING, OTHER, BODY)
    assert dropped(text, drop_repeats=True) == [("duplicate:any-repeat", 7, "repeats line 1")]


def test_keep_duplicates_keeps_even_what_the_flag_drops() -> None:
    text = paragraphs(WARNING, OTHER, WARNING)
    out = reflow.normalize(text, drop_repeats=True, keep_duplicates=True)
    assert out.count("Warning: never stand") == 2


def _warning_file(folder: Path) -> Path:
    # A .txt file of two sections with the same warning, hard-wrapped so that -i rewrites it.
    folder.mkdir(exist_ok=True)
    path = folder / "notes.txt"
    wrapped = WARNING.replace(" even when", "\neven when")
    text = paragraphs(
        "Starting the winch",
        wrapped,
        "Pull the choke, turn the key and let the motor\nrun for a minute before any load.",
        "Servicing the winch",
        wrapped,
        "Grease the bearings every fifty hours and check\nthe cable before every trip.",
    )
    path.write_text(text, encoding="utf-8")
    return path


def test_in_place_keeps_a_warning_under_two_headings(tmp_path: Path) -> None:
    path = _warning_file(tmp_path)
    run = reflow_cli("-i", str(path))
    assert run.code == 0
    assert run.err_lines[0] == f"reformatted {path}"
    assert path.read_text(encoding="utf-8").count("Warning: never stand") == 2


def test_in_place_with_the_flag_drops_the_second_warning_and_says_so(tmp_path: Path) -> None:
    path = _warning_file(tmp_path)
    run = reflow_cli("-i", "--drop-repeats", str(path))
    assert run.code == 0
    assert run.err_lines[0] == f"reformatted {path} (1 repeated block dropped)"
    assert path.read_text(encoding="utf-8").count("Warning: never stand") == 1


def test_the_flag_from_the_config_file(tmp_path: Path) -> None:
    path = _warning_file(tmp_path)
    (tmp_path / ".reflow.toml").write_text("drop-repeats = true\n", encoding="utf-8")
    run = reflow_cli("-i", str(path))
    assert run.err_lines[-2:] == [
        f"reformatted {path} (1 repeated block dropped)",
        "1 file reformatted",
    ]


def test_batch_workers_report_each_files_count(tmp_path: Path) -> None:
    # Two worker processes send their results back packed: the counts must survive that.
    one = _warning_file(tmp_path / "a")
    two = tmp_path / "b" / "headline.txt"
    two.parent.mkdir()
    two.write_text(paragraphs(HEADLINE, HEADLINE, "Short body\nwrapped here."), encoding="utf-8")
    done = reflow_process("-i", "-j", "2", str(one), str(two))
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        f"reformatted {one}",
        f"reformatted {two} (1 repeated block dropped)",
        "2 files reformatted",
    ]


# Whole paragraphs in several wraps, and short blocks of several kinds between them.
_LONG = [BODY, OTHER]
_WRAPS = ["{}", "[{}]", "“{}”", "[“{}”]"]
_SHORT = ["Tuesday", "|", "By Ada Lindqvist", "Advertisement", "# Harbour works"]
_PIECES = st.one_of(
    st.builds(
        lambda text, wrap: wrap.format(text), st.sampled_from(_LONG), st.sampled_from(_WRAPS)
    ),
    st.sampled_from(_SHORT),
)


@given(
    st.lists(_PIECES, max_size=12),
    st.booleans(),
    st.sampled_from(["markdown", "text"]),
    st.booleans(),
    st.integers(1, 3),
)
def test_a_second_run_drops_nothing_more(
    pieces: list[str], drop_repeats: bool, to: str, body_only: bool, near: int
) -> None:
    # Distances and the pull quote's wait count blocks of the flow, which a second run reads
    # again: what the first run dropped was not counted.
    text = paragraphs(*pieces) if pieces else ""
    options = {"drop_repeats": drop_repeats, "to": to, "body_only": body_only}
    with (
        mock.patch.object(cls, "NEAR_REPEAT_BLOCKS", near),
        mock.patch.object(cls, "DUPLICATE_LOOKAHEAD_BLOCKS", 3),
    ):
        once = reflow.normalize(text, **options)  # type: ignore[arg-type]
        assert reflow.normalize(once, **options) == once  # type: ignore[arg-type]
