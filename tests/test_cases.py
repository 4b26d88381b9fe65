"""The case tables in tests/cases/: one table per heuristic family, one parametrised test each.

A case is data (as ftfy's and tomli's test cases are): a ``label``, the ``input`` text, the
``options`` reflow runs with, and what must come out, any of:

- ``expected``: the whole output of ``reflow.normalize``;
- ``kinds``: the kind of every block ``reflow.iter_blocks`` makes, in order;
- ``texts``: the text of every block, in order;
- ``dateline``: the first block's dateline ("" for none);
- ``predicates``: furniture tests on the input's first line, e.g. ``{ is_byline = true }``.

Every case's output must also be a fixed point (a second run changes nothing) and keep every
word of the input (unless ``body_only`` asks for the body alone). A case that reflow gets
wrong today says so in ``known_failure`` (why): it runs as a strict xfail, so fixing the
heuristic turns it into a failure until the mark is removed.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

import reflow
from reflow import furniture
from reflow.safety import lost_words

CASES = Path(__file__).resolve().parent / "cases"
FAMILIES = sorted(path.stem for path in CASES.glob("*.toml"))
CHECKS = {"expected", "kinds", "texts", "dateline", "predicates"}


def load(family: str) -> list[dict[str, Any]]:
    return tomllib.loads((CASES / f"{family}.toml").read_text(encoding="utf-8"))["case"]


def params(family: str) -> list[Any]:
    found = []
    for case in load(family):
        marks = []
        if "known_failure" in case:
            marks.append(pytest.mark.xfail(reason=case["known_failure"], strict=True))
        found.append(pytest.param(case, id=case["label"], marks=marks))
    return found


def check(case: dict[str, Any]) -> None:
    text, options = case["input"], case.get("options", {})
    blocks = list(reflow.iter_blocks(text, **options))
    if "kinds" in case:
        assert [str(block.kind) for block in blocks] == case["kinds"]
    if "texts" in case:
        assert [block.text for block in blocks] == case["texts"]
    if "dateline" in case:
        assert (blocks[0].dateline or "") == case["dateline"]
    for name, holds in case.get("predicates", {}).items():
        assert getattr(furniture, name)(text.split("\n")[0]) is holds, name
    out = reflow.normalize(text, **options)
    if "expected" in case:
        assert out == case["expected"]
    assert reflow.normalize(out, **options) == out  # a second run changes nothing
    if not options.get("body_only"):  # (which drops furniture on purpose)
        assert lost_words(text, out) is None


def test_every_family_has_cases_and_every_case_checks_something() -> None:
    assert len(FAMILIES) >= 7
    assert {f"test_{family}" for family in FAMILIES} <= globals().keys()  # each one is run
    for family in FAMILIES:
        cases = load(family)
        assert cases, family
        labels = [case["label"] for case in cases]
        assert len(set(labels)) == len(labels), f"{family}: labels repeat"
        for case in cases:
            assert CHECKS & case.keys(), f"{family}: {case['label']} checks nothing"
            assert case.keys() <= CHECKS | {"label", "input", "options", "known_failure"}, case


@pytest.mark.parametrize("case", params("bylines"))
def test_bylines(case: dict[str, Any]) -> None:
    check(case)


@pytest.mark.parametrize("case", params("captions_and_credits"))
def test_captions_and_credits(case: dict[str, Any]) -> None:
    check(case)


@pytest.mark.parametrize("case", params("datelines"))
def test_datelines(case: dict[str, Any]) -> None:
    check(case)


@pytest.mark.parametrize("case", params("separators_and_junk"))
def test_separators_and_junk(case: dict[str, Any]) -> None:
    check(case)


@pytest.mark.parametrize("case", params("dehyphenation"))
def test_dehyphenation(case: dict[str, Any]) -> None:
    check(case)


@pytest.mark.parametrize("case", params("orphans"))
def test_orphans(case: dict[str, Any]) -> None:
    check(case)


@pytest.mark.parametrize("case", params("mojibake"))
def test_mojibake(case: dict[str, Any]) -> None:
    check(case)


@pytest.mark.parametrize("case", params("headings"))
def test_headings(case: dict[str, Any]) -> None:
    check(case)


@pytest.mark.parametrize("case", params("lists_and_structure"))
def test_lists_and_structure(case: dict[str, Any]) -> None:
    check(case)
