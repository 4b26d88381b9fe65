"""Article furniture: each kind recognised, and the body look-alikes left as body."""

from __future__ import annotations

import pytest

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


@pytest.mark.parametrize(
    "line",
    [
        "By Tomasz Ribeiro and Ada Lindqvist",
        "By Ada Lindqvist, Reuters",
        "By ADA LINDQVIST | Updated March 4, 2026",
        "By Ada Lindqvist for The Harbour Courier",
    ],
)
def test_bylines(line: str) -> None:
    assert fur.is_byline(line)
    assert kinds(f"{line}\n\n{BODY}\n")[0] == ("byline", line)


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the year the channel will be closed.",
        "By then, most of the fleet had moved to the southern quay.",
        "By 2030 the harbour expects twice the traffic.",
    ],
)
def test_byline_look_alikes_stay_body(line: str) -> None:
    assert not fur.is_byline(line)
    assert kinds(f"{line}\n")[0][0] == "paragraph"


@pytest.mark.parametrize(
    "line",
    [
        "Lena Marsh/Harborview Ledger",
        "(AP Photo/Jonas Berg)",
        "Harbour Authority via Getty Images",
        "Courtesy of the Port Elsin Historical Society",
        "Illustration by Mira Osei",
        "Photo: Lena Marsh",
        "Image: Harbour Authority",
    ],
)
def test_credit_shapes(line: str) -> None:
    assert fur.is_credit_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Credit card debt rose for the third quarter in a row.",
        "NASA said on Monday that the launch would slip to June.",
        "The input/output ratio of the pumps fell to half.",
        "Photographs of the old bridge hang in the library.",
    ],
)
def test_credit_look_alikes_stay_body(line: str) -> None:
    assert not fur.is_credit_line(line)
    assert kinds(f"{line}\n")[0][0] == "paragraph"


def caption_article() -> str:
    return (
        "Traffic crossing the Old Mill Bridge\n"
        "in Harborview at dusk on Thursday. Credit\n"
        "Lena Marsh/Harborview Ledger\n"
        "|\n"
        f"{BODY}\n"
    )


def test_caption_and_credit_stand_apart_from_the_body() -> None:
    got = kinds(caption_article())
    assert got[0] == (
        "caption",
        "Traffic crossing the Old Mill Bridge in Harborview at dusk on Thursday.",
    )
    assert got[1] == ("credit", "Lena Marsh/Harborview Ledger")
    assert got[2] == ("separator", "|")
    assert got[3] == ("paragraph", BODY)


def test_caption_convention_in_markdown_reads_back_as_itself() -> None:
    first = reflow.normalize(caption_article())
    assert "*Traffic crossing the Old Mill Bridge in Harborview at dusk on Thursday.*" in first
    assert "\nCredit: Lena Marsh/Harborview Ledger\n" in first
    assert "|" not in first
    assert reflow.normalize(first) == first


def test_a_body_line_ending_in_credit_keeps_the_word() -> None:
    text = (
        "Shoppers paid with the store’s own Credit\nCard in most of the cases the survey counted.\n"
    )
    out = reflow.normalize(text)
    assert "Credit Card" in out


def test_a_caption_ending_in_photo_keeps_the_word() -> None:
    # Only "Credit" moves to the credit line; "Photo" has nowhere to go but the caption.
    text = (
        "Ferry passengers waiting on the east bank in the rain on Tuesday morning. Photo\n"
        "Lena Marsh/Harborview Ledger\n\n" + BODY + "\n"
    )
    got = kinds(text)
    assert got[0] == (
        "caption",
        "Ferry passengers waiting on the east bank in the rain on Tuesday morning. Photo",
    )
    assert got[1] == ("credit", "Lena Marsh/Harborview Ledger")
    first = reflow.normalize(text)
    assert reflow.normalize(first) == first


def test_one_sentence_in_italics_is_body() -> None:
    assert kinds("*The ferry will not run on Sundays.*\n")[0][0] == "paragraph"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("WASHINGTON — The council voted on Thursday.", "WASHINGTON —"),
        ("LONDON (Reuters) - The council voted on Thursday.", "LONDON (Reuters) -"),
        ("BEIJING, March 3 — The council voted on Thursday.", "BEIJING, March 3 —"),
        ("PORT ELSIN, Maine — The council voted on Thursday.", "PORT ELSIN, Maine —"),
    ],
)
def test_datelines(text: str, place: str) -> None:
    (block,) = reflow.iter_blocks(text + "\n")
    assert block.dateline == place
    assert block.text == text


@pytest.mark.parametrize(
    "text",
    ["Washington — a city of committees — voted again.", "NASA said the launch would slip."],
)
def test_dateline_look_alikes(text: str) -> None:
    (block,) = reflow.iter_blocks(text + "\n")
    assert block.dateline is None


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


@pytest.mark.parametrize(
    "line",
    ["Advertisement", "Continue reading the main story", "Share this article", "ADVERTISEMENT"],
)
def test_junk_is_marked_and_dropped_only_with_body_only(line: str) -> None:
    text = f"{BODY}\n\n{line}\n\n{QUOTE}\n"
    assert ("junk", line) in kinds(text)
    assert line in reflow.normalize(text)
    assert line not in reflow.normalize(text, body_only=True)


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


def test_separators_dropped_from_text_and_markdown_but_rule_stays() -> None:
    text = f"{BODY}\n\n•\n\n* * *\n\n{QUOTE}\n"
    for to in ("markdown", "text"):
        out = reflow.normalize(text, to=to)
        assert "•" not in out
        assert "* * *" in out
