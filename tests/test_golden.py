"""Every fixtures/<case>/ runs through reflow and must give its expected files exactly."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import reflow
from reflow.safety import lost_words

from .conftest import FIXTURES

OUTPUTS = {"expected.md": "markdown", "expected.txt": "text", "expected.jsonl": "jsonl"}


def cases() -> list[Path]:
    found = sorted(p for p in FIXTURES.iterdir() if p.is_dir() and any(p.glob("input.*")))
    assert found, "no golden cases found under fixtures/"
    return found


def case_options(case: Path) -> dict[str, object]:
    config = case / "case.toml"
    return tomllib.loads(config.read_text(encoding="utf-8")) if config.exists() else {}


def input_of(case: Path) -> Path:
    (path,) = sorted(case.glob("input.*"))
    return path


def run(case: Path, to: str) -> str:
    source = input_of(case)
    options = {"to": to, **case_options(case)}
    return reflow.normalize_bytes(source.read_bytes(), name=source.name, **options)


@pytest.mark.parametrize("case", cases(), ids=lambda p: p.name)
def test_golden(case: Path) -> None:
    expected_files = [case / name for name in OUTPUTS if (case / name).exists()]
    assert expected_files, f"{case.name} has no expected output"
    for path in expected_files:
        got = run(case, OUTPUTS[path.name])
        assert got == path.read_text(encoding="utf-8"), f"{case.name}/{path.name} differs"


@pytest.mark.parametrize("case", cases(), ids=lambda p: p.name)
def test_golden_output_is_a_fixed_point(case: Path) -> None:
    options = case_options(case)
    first = run(case, "markdown")
    source = "markdown" if input_of(case).suffix == ".md" else "text"
    assert reflow.normalize(first, source=source, **options) == first


@pytest.mark.parametrize(
    "case", [c for c in cases() if (c / "expected.txt").exists()], ids=lambda p: p.name
)
def test_golden_text_output_is_a_fixed_point(case: Path) -> None:
    options = case_options(case)
    first = run(case, "text")
    assert reflow.normalize(first, **{"to": "text", **options}) == first


@pytest.mark.parametrize("case", cases(), ids=lambda p: p.name)
def test_golden_keeps_every_word(case: Path) -> None:
    options = {k: v for k, v in case_options(case).items() if k != "keep_duplicates"}
    source = input_of(case)
    data = source.read_bytes()
    text = data.decode("utf-8", errors="replace")
    if case_options(case).get("body_only"):
        pytest.skip("body-only output drops furniture on purpose")
    out = reflow.normalize_bytes(data, name=source.name, keep_duplicates=True, **options)
    # Page headers, footers and numbers are the one thing reflow removes; it reports each.
    blocks = reflow.iter_blocks(data, name=source.name, keep_duplicates=True, explain=True)
    removed_at = {n.line for b in blocks for n in b.notes if n.rule == "page-furniture-removed"}
    # By line, as the safety check counts them: a header's text may also be the page's own
    # (the headline Chromium's header repeats), which a removal by text could take instead.
    assert lost_words(text, out, skip_lines=removed_at) is None
