"""Article furniture: pull quotes and repeats, and what --body-only keeps.

Each kind's recognition, with its look-alikes, is a case table in tests/cases/.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

import reflow
from reflow import furniture as fur

BODY = (
    "The ferry will run every fifteen minutes during the day, and the county has agreed to "
    "station an ambulance on the east bank for the length of the work."
)
QUOTE = (
    "“We are choosing between closing it on our schedule and having it closed for us,” "
    "the committee chair said at the end of the meeting."
)


def kinds(text: str, **options: object) -> list[tuple[str, str]]:
    return [(str(b.kind), b.text) for b in reflow.iter_blocks(text, **options)]


def caption_article() -> str:
    return (
        "Traffic crossing the Old Mill Bridge\n"
        "in Harborview at dusk on Thursday. Credit\n"
        "Lena Marsh/Harborview Ledger\n"
        "|\n"
        f"{BODY}\n"
    )


def test_pull_quote_before_its_paragraph_is_dropped_by_default() -> None:
    text = f"[{QUOTE}]\n\nBy Ada Lindqvist\n\n{BODY}\n\n{QUOTE}\n"
    out = reflow.normalize(text)
    assert out.count("We are choosing between") == 1
    assert "[" not in out


def test_keep_duplicates_keeps_the_pull_quote() -> None:
    text = f"[{QUOTE}]\n\n{BODY}\n\n{QUOTE}\n"
    out = reflow.normalize(text, keep_duplicates=True)
    assert out.count("We are choosing between") == 2
    assert [k for k, _ in kinds(text, keep_duplicates=True)].count("pull_quote") == 1


def test_bracketed_quote_that_is_not_repeated_stays() -> None:
    text = f"[{QUOTE}]\n\n{BODY}\n"
    out = reflow.normalize(text)
    assert out.count("We are choosing between") == 1
    assert kinds(text)[0][0] == "paragraph"


def test_two_bracketed_copies_before_their_paragraph_both_go() -> None:
    # The first bracketed block holds the others back, so both copies are still held
    # when the paragraph arrives.
    text = f"[Harbour notes]\n\n[{QUOTE}]\n\n[{QUOTE}]\n\n{BODY}\n\n{QUOTE}\n"
    first = reflow.normalize(text)
    assert first.count("We are choosing between") == 1
    assert "[We are" not in first
    assert reflow.normalize(first) == first


def test_repeated_paragraph_is_kept_in_the_flow_and_dropped_on_request() -> None:
    # Another paragraph stands between the copies: the repeat is part of the text.
    text = f"{BODY}\n\n{QUOTE}\n\n{BODY}\n"
    assert reflow.normalize(text).count("The ferry will run") == 2
    assert reflow.normalize(text, drop_repeats=True).count("The ferry will run") == 1


def test_repeated_paragraph_right_after_its_twin_is_written_once() -> None:
    text = f"{QUOTE}\n\n{BODY}\n\n{BODY}\n"
    assert reflow.normalize(text).count("The ferry will run") == 1


def test_body_only_keeps_title_headings_and_body() -> None:
    text = (
        "# Harbour plan\n\nBy Ada Lindqvist\n\n"
        + caption_article()
        + "\n## Next steps\n\n"
        + QUOTE
        + "\n"
    )
    out = reflow.normalize(text, body_only=True)
    assert "# Harbour plan" in out and "## Next steps" in out
    assert BODY in out and "the committee chair said" in out
    assert "Ada Lindqvist" not in out and "Lena Marsh" not in out and "Traffic crossing" not in out


_CODE_ALPHABET = "ab Z_1.-/(=&|:{};\\}])$%#>~!<\t\u00a0"


@settings(max_examples=1000, deadline=None)
@given(
    st.text(alphabet=_CODE_ALPHABET, max_size=30)
    | st.sampled_from(["git push deploy main", "pip install reflow", "x = 3", "See pp. 4-5."])
)
def test_looks_like_code_is_one_search_of_all_its_signs(line: str) -> None:
    # looks_like_code matches the start's signs there and searches for the others only in a
    # line holding one of their characters: the same answer as one search of every sign.
    start, inside = (
        fur._SOURCES[name][0].removeprefix("(?x)")
        for name in ("code-line-start", "code-line-inside")
    )
    whole = re.compile(f"(?x)^(?:{start})|(?:{inside})|[{{}};\\\\]$")
    line = line.strip()
    assert fur.looks_like_code(line) == (whole.search(line) is not None)
