"""The seed article (read from ../shared, skipped when absent) comes out as its 19 paragraphs."""

from __future__ import annotations

import json

import pytest

import reflow


@pytest.mark.parametrize("to", ["markdown", "text"])
def test_seed_paragraphs_and_furniture(seed_text: str, to: str) -> None:
    out = reflow.normalize(seed_text, to=to)
    blocks = [block.strip() for block in out.split("\n\n") if block.strip()]
    assert len(blocks) == 22  # byline, caption, credit and the 19 body paragraphs
    assert all("\n" not in block for block in blocks)  # each paragraph one line, one block
    assert blocks[0] == "By David E. Sanger and Michael R. Gordon"
    assert "A Japanese soldier guarding a PAC-3" in blocks[1]
    assert blocks[2] == "Credit: Kazuhiro Nogi/Agence France-Presse — Getty Images"
    assert blocks[3].startswith("WASHINGTON — Secretary of State Rex Tillerson")
    assert blocks[-1].startswith("“It’s not easy to execute,”")
    assert any(block.endswith("the American banking system.") for block in blocks)
    assert not any(block.strip() == "|" for block in blocks)
    assert out.count("One senior administration official involved") == 1
    assert not any(" " not in block for block in blocks)  # no one-word paragraph left


def test_seed_kinds_in_jsonl(seed_text: str) -> None:
    records = [json.loads(line) for line in reflow.normalize(seed_text, to="jsonl").splitlines()]
    kinds = [record["kind"] for record in records]
    assert kinds[:4] == ["byline", "caption", "credit", "separator"]
    assert kinds[4:] == ["paragraph"] * 19
    assert records[4]["dateline"] == "WASHINGTON —"


def test_seed_keeps_the_pull_quote_when_asked(seed_text: str) -> None:
    out = reflow.normalize(seed_text, keep_duplicates=True)
    assert out.count("One senior administration official involved") == 2


def test_seed_body_only_is_the_19_paragraphs(seed_text: str) -> None:
    out = reflow.normalize(seed_text, body_only=True)
    assert len([block for block in out.split("\n\n") if block.strip()]) == 19
