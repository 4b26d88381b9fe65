"""Articles in the seed's shape come out as their byline, caption, credit and body paragraphs.

The shape: a bracketed pull quote first, a byline, a caption wrapped short and ending in
"Credit", the credit, a "|" separator, a dateline on a line of its own, then every paragraph's
first word alone on its line. Two samples: fixtures/seed-style-article (written for these
tests, always present) and the seed article itself, read from ../shared when it is there.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

import reflow

from .conftest import FIXTURES, SEED


@dataclass(frozen=True)
class Sample:
    """What one article in the seed's shape must come out as."""

    text: str
    byline: str
    caption_start: str
    credit: str
    dateline: str
    first_body: str  # the first body paragraph's start (after the dateline)
    last_body: str  # the last body paragraph's start
    pull_quote: str  # words of the pull quote, which repeats a body paragraph
    body_paragraphs: int


def own_sample() -> Sample:
    return Sample(
        text=(FIXTURES / "seed-style-article" / "input.txt").read_text(encoding="utf-8"),
        byline="By Tomasz Ribeiro and Ada Lindqvist",
        caption_start="*Traffic crossing the Old Mill Bridge in Harborview at dusk",
        credit="Credit: Lena Marsh/Harborview Ledger",
        dateline="HARBORVIEW —",
        first_body="HARBORVIEW — The city council voted late on Thursday",
        last_body="Work is scheduled to begin on the first Monday in October.",
        pull_quote="We are not choosing between a safe bridge",
        body_paragraphs=11,
    )


def shared_seed() -> Sample:
    if not SEED.exists():
        pytest.skip("the shared seed article is not present")
    return Sample(
        text=SEED.read_text(encoding="utf-8"),
        byline="By David E. Sanger and Michael R. Gordon",
        caption_start="*A Japanese soldier guarding a PAC-3",
        credit="Credit: Kazuhiro Nogi/Agence France-Presse — Getty Images",
        dateline="WASHINGTON —",
        first_body="WASHINGTON — Secretary of State Rex Tillerson",
        last_body="“It’s not easy to execute,”",
        pull_quote="One senior administration official involved",
        body_paragraphs=19,
    )


@pytest.fixture(params=["own", "shared"])
def sample(request: pytest.FixtureRequest) -> Sample:
    return own_sample() if request.param == "own" else shared_seed()


@pytest.mark.parametrize("to", ["markdown", "text"])
def test_paragraphs_and_furniture(sample: Sample, to: str) -> None:
    out = reflow.normalize(sample.text, to=to)
    blocks = [block.strip() for block in out.split("\n\n") if block.strip()]
    assert len(blocks) == 3 + sample.body_paragraphs  # byline, caption, credit, the body
    assert all("\n" not in block for block in blocks)  # each paragraph one line, one block
    assert blocks[0] == sample.byline
    caption = sample.caption_start if to == "markdown" else sample.caption_start.lstrip("*")
    assert blocks[1].startswith(caption)
    assert blocks[2] == sample.credit
    assert blocks[3].startswith(sample.first_body)
    assert blocks[-1].startswith(sample.last_body)
    assert not any(block.strip() == "|" for block in blocks)
    assert out.count(sample.pull_quote) == 1
    assert not any(" " not in block for block in blocks)  # no one-word paragraph left


def test_kinds_in_jsonl(sample: Sample) -> None:
    records = [json.loads(line) for line in reflow.normalize(sample.text, to="jsonl").splitlines()]
    kinds = [record["kind"] for record in records]
    assert kinds[:4] == ["byline", "caption", "credit", "separator"]
    assert kinds[4:] == ["paragraph"] * sample.body_paragraphs
    assert records[4]["dateline"] == sample.dateline


def test_keeps_the_pull_quote_when_asked(sample: Sample) -> None:
    out = reflow.normalize(sample.text, keep_duplicates=True)
    assert out.count(sample.pull_quote) == 2


def test_body_only_is_the_body_paragraphs(sample: Sample) -> None:
    out = reflow.normalize(sample.text, body_only=True)
    assert len([block for block in out.split("\n\n") if block.strip()]) == sample.body_paragraphs
