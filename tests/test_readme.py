"""The README tells the truth: its commands are CI's, and it documents every option."""

from __future__ import annotations

import re

from click.testing import CliRunner

from reflow.cli import command

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_ci_runs_the_readme_test_command() -> None:
    ci_lines = [
        line.strip() for line in CI.splitlines() if line.strip() and not line.startswith("#")
    ]
    test_command = ci_lines[-1]
    assert "pytest" in test_command
    assert f"\n{test_command}\n" in README


def test_readme_tries_reflow_on_a_bundled_example() -> None:
    match = re.search(r"pip install \. && reflow (\S+)", README)
    assert match is not None
    assert (ROOT / match.group(1)).is_file()


def test_every_option_is_in_the_readme() -> None:
    help_text = CliRunner().invoke(command, ["--help"]).output
    options = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", help_text))
    assert options, "no options found in --help"
    missing = sorted(option for option in options if option not in README)
    assert not missing, f"options missing from the README: {missing}"
