"""The benchmark's document families (bench/families.py) hold the gold they claim, in the shape
they claim: every gold block is in the rendered text, the same seed gives the same text, mail
is wrapped at its client's width, drafts are paginated with running headers and footers."""

from __future__ import annotations

import importlib.util
import re
import sys
from functools import cache
from itertools import pairwise
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


@cache
def _families() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_families", ROOT / "bench" / "families.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def _renditions() -> list[tuple[str, str]]:
    families = _families()
    return [
        (family, rendition)
        for family, (renditions, _make) in families.FAMILIES.items()
        for rendition in renditions
    ]


_FURNITURE = re.compile(
    r"^(?:Internet-Draft\s.*\d{4}|.*\[Page \d+\]"  # a draft's running header and footer
    r"|12/4/26, 9:14 AM.*|https://gazette\.\S+(?:\s+\d+/\d+)?|\d+/\d+)$"  # a browser's print
)


def _body_without_markup(text: str) -> str:
    """The rendered text with page furniture, quote markers and all whitespace removed."""
    lines: list[str] = []
    after_print_header = 0
    for line in text.replace("\f", "\n").split("\n"):
        stripped = line.strip()
        if stripped.startswith("12/4/26, 9:14 AM"):
            after_print_header = 3  # pdftotext without -layout puts the page's title below
        elif after_print_header and stripped:
            after_print_header = 0
            if not line.startswith(" "):
                continue
        if _FURNITURE.match(stripped):
            continue
        after_print_header = max(0, after_print_header - 1)
        lines.append(re.sub(r"^(?:> ?|>)+", "", line))
    return "".join("".join(lines).split())


def _needs_a_program(rendition: str) -> bool:
    """Whether the rendition needs a program (pdftotext, xml2rfc) this machine lacks."""
    return _families().missing_tool(rendition) is not None


@pytest.mark.parametrize(("family", "rendition"), _renditions())
def test_every_gold_block_is_in_the_text(family: str, rendition: str) -> None:
    if _needs_a_program(rendition):
        pytest.skip(f"{_families().missing_tool(rendition)} not installed")
    _renditions_of, make = _families().FAMILIES[family]
    for doc in make(rendition, 4):
        body = _body_without_markup(doc.text)
        assert doc.gold
        for block in doc.gold:
            assert "".join(block.split()) in body, (rendition, block[:60])


@pytest.mark.parametrize(("family", "rendition"), _renditions())
def test_the_same_seed_gives_the_same_text(family: str, rendition: str) -> None:
    if _needs_a_program(rendition):
        pytest.skip(f"{_families().missing_tool(rendition)} not installed")
    make = _families().FAMILIES[family][1]
    first = [(doc.gold, doc.text) for doc in make(rendition, 3)]
    second = [(doc.gold, doc.text) for doc in make(rendition, 3)]
    assert first == second
    assert len({text for _gold, text in first}) == 3  # and different documents


def test_mail_is_wrapped_at_the_clients_width() -> None:
    families = _families()
    for name, style in families.MAIL_STYLES.items():
        widest = 0
        for doc in families.mail_docs(name, 6):
            for line in doc.text.splitlines():
                if line.startswith(">") or "://" in line:
                    continue  # quoted lines carry their markers; a URL is never cut short
                widest = max(widest, len(line))
        assert style.width - 6 <= widest <= style.width, name


def test_drafts_have_a_footer_on_every_page_and_a_header_on_the_next() -> None:
    families = _families()
    for rendition in ("draft-ff", "draft-noff"):
        for doc in families.draft_docs(rendition, 4):
            lines = doc.text.split("\n")
            footers = [i for i, line in enumerate(lines) if re.search(r"\[Page \d+\]$", line)]
            numbers = [int(re.search(r"(\d+)\]$", lines[i]).group(1)) for i in footers]
            assert numbers == list(range(1, len(footers) + 1))
            assert len(footers) >= 2
            for at in footers[:-1]:
                following = lines[at + 1 : at + 3]
                assert any(line.lstrip("\f").startswith("Internet-Draft ") for line in following)
            assert ("\f" in doc.text) == (rendition == "draft-ff")
            gaps = [b - a for a, b in pairwise(footers)]
            assert all(50 <= gap <= 60 for gap in gaps), gaps


def test_the_imitated_layout_spaces_out_the_title() -> None:
    families = _families()
    doc = next(families.pdf_docs("pdf-layout-imitation", 1))
    first_title_word = doc.gold[0].split()[0]
    row = next(line for line in doc.text.split("\n") if line.strip().startswith(first_title_word))
    assert "  ".join(row.split()) == row.strip()
