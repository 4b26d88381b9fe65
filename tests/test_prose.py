"""The prose test: each rule stops its kind of file, and prose of every shape gets through."""

from __future__ import annotations

from pathlib import Path

import pytest

from reflow.prose import (
    CONTENT_RULES,
    NAME_RULES,
    SAMPLE_BYTES,
    content_verdict,
    name_verdict,
    read_head,
    sample_lines,
    verdict,
)

from .samples import NOT_PROSE, PROSE


@pytest.mark.parametrize("name", sorted(NOT_PROSE))
def test_each_content_rule_stops_its_kind_and_is_cited(name: str) -> None:
    text, rule = NOT_PROSE[name]
    assert name_verdict(name, markdown=False) is None  # the content alone decides here
    why = content_verdict(name, text.encode(), complete=True)
    assert why is not None and why.startswith(f"not prose ({rule}: "), why


@pytest.mark.parametrize("name", sorted(PROSE))
def test_prose_of_every_shape_gets_through(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_text(PROSE[name], encoding="utf-8")
    assert verdict(str(path), name, markdown=False) is None


def test_every_rule_is_exercised_by_the_samples() -> None:
    cited = {rule for _text, rule in NOT_PROSE.values()}
    assert cited == {rule.name for rule in CONTENT_RULES}


@pytest.mark.parametrize(
    ("relative", "rule"),
    [
        ("CMakeLists.txt", "build-file"),
        ("src/Makefile", "build-file"),
        ("cmake/warnings.cmake", "build-file"),
        ("requirements.txt", "requirement-list"),
        ("requirements-dev.txt", "requirement-list"),
        ("docs/constraints.txt", "requirement-list"),
        ("requirements/base.txt", "requirement-list"),
        ("entry_points.txt", "machine-read"),
        ("tide-1.0.dist-info/top_level.txt", "machine-read"),
        ("tide.egg-info/PKG-INFO", "machine-read"),
        ("robots.txt", "machine-read"),
        ("bindep.txt", "machine-read"),
        (".gitignore", "machine-read"),
        ("docs/.dockerignore", "machine-read"),
        ("templates/Tides.gitignore", "data-or-code"),
        ("LICENSE", "licence"),
        ("COPYING.txt", "licence"),
        ("license.txt", "licence"),
        ("LICENSE-MIT.md", "licence"),
        ("COPYING.LESSER", "licence"),
        ("AUTHORS.rst", "licence"),
        ("LICENSES/MIT.txt", "licence"),
        ("notes/NOTICE", "licence"),
        ("stations.csv", "data-or-code"),
        ("server.log", "data-or-code"),
        ("server.log.txt", "data-or-code"),
        ("tide.py", "data-or-code"),
        ("docs/tides.rst", "data-or-code"),
    ],
)
def test_name_rules(relative: str, rule: str) -> None:
    why = name_verdict(relative, markdown=False)
    assert why is not None and why.startswith(f"not prose ({rule}: "), why
    assert rule in {named.name for named in NAME_RULES}


@pytest.mark.parametrize(
    "relative",
    [
        "notes.txt",
        "README.txt",
        "licensed-work.txt",
        "docs/authorship.txt",
        "notice-of-meeting.txt",
        "authors.txt",
        "requirement.md",
    ],
)
def test_names_that_only_look_close_are_prose(relative: str) -> None:
    assert name_verdict(relative, markdown=False) is None


def test_markdown_is_only_stopped_by_the_licence_rule() -> None:
    assert name_verdict("LICENSE.md", markdown=True) is not None
    assert name_verdict("CMakeLists.md", markdown=True) is None
    assert name_verdict("requirements.md", markdown=True) is None


def test_the_sample_is_bounded_and_its_cut_line_left_out(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    line = "station,time,height\n"
    path.write_text(line * (3 * SAMPLE_BYTES // len(line)), encoding="utf-8")
    found = read_head(str(path))
    assert found is not None
    head, complete = found
    assert (len(head), complete) == (SAMPLE_BYTES, False)
    lines = sample_lines(head, complete=False)
    assert lines is not None and all(sample == line.rstrip("\n") for sample in lines)


def test_utf16_text_is_sampled_and_nul_bytes_leave_the_verdict_to_the_converter() -> None:
    words = "\n".join(["bollard", "capstan", "gunwale", "hawser", "keelson", "lanyard"] * 2)
    assert content_verdict("w.txt", words.encode("utf-16"), complete=True) is not None
    assert sample_lines(b"\x00" * 100, complete=True) is None
