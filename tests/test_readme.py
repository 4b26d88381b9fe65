"""The README tells the truth: its commands are CI's, its examples run, its --help is current.

Every ``sh`` and ``python`` code block of README.md, docs/*.md and bench/README.md runs as
written, each in a scratch folder of its own (see ``sandbox``): Python blocks as a script, shell
blocks one line at a time through bash, with ``reflow`` being this checkout's. Two conventions:

- ``pip install …`` is never run (the test runs the checkout, installing nothing); what follows
  its ``&&`` is (``pip install . && reflow FILE`` runs ``reflow FILE``).
- A block that cannot run here (it needs the network, a cluster, or is this test suite) is
  preceded by an HTML comment ``<!-- not run: REASON -->``, which renders as nothing.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

from reflow.cli import command

from .conftest import FIXTURES, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
DOCUMENTS = [
    ROOT / "README.md",
    *sorted((ROOT / "docs").glob("*.md")),
    ROOT / "bench" / "README.md",
]
NOT_RUN = re.compile(r"<!--\s*not run:\s*(.+?)\s*-->")
PIP_INSTALL = re.compile(r"^pip install [^&]*(?:&&\s*|$)")
SEED_INPUT = FIXTURES / "seed-style-article" / "input.txt"
#: Exit codes a README command may end with: done, or --check/--diff found changes.
FINE = (0, 1)
#: Optional integrations an example may import, and the modules each needs.
OPTIONAL = {"datatrove": ("datatrove", "orjson"), "dask": ("dask", "distributed")}


@dataclass(frozen=True, slots=True)
class CodeBlock:
    """A fenced code block of a Markdown document."""

    document: Path
    line: int  # 1-based line of the opening fence
    language: str
    text: str
    not_run: str | None  # the reason given by a ``<!-- not run: … -->`` just before it

    @property
    def label(self) -> str:
        return f"{self.document.relative_to(ROOT)}:{self.line}"


def code_blocks(document: Path) -> list[CodeBlock]:
    tokens = MarkdownIt("commonmark").parse(document.read_text(encoding="utf-8"))
    blocks = []
    for index, token in enumerate(tokens):
        if token.type != "fence" or token.map is None:
            continue
        before = tokens[index - 1] if index else None
        marker = NOT_RUN.search(before.content) if before and before.type == "html_block" else None
        language = token.info.split()[0] if token.info.strip() else ""
        blocks.append(
            CodeBlock(
                document, token.map[0] + 1, language, token.content, marker and marker.group(1)
            )
        )
    return blocks


ALL_BLOCKS = [block for document in DOCUMENTS for block in code_blocks(document)]
RUNNABLE = [block for block in ALL_BLOCKS if block.language in ("sh", "python")]


# Written for this test: a hard-wrapped Markdown page and a text note, as a content repository
# holds them, and a record of a crawl for the datatrove example.
NOTES_MD = """\
# Field notes

The survey team walked the eastern ridge on the second day and
counted the nests along the old wall, which had fallen in two
places since the last visit.

- Nests: eleven, three of them new.
- Weather: wind from the north.
"""
GUIDE_TXT = """\
Before you set out, check that the gate at the car park is open;
the warden closes it at dusk and the road back is long.
"""
CRAWL_RECORD = {"id": "page-1", "text": "A line cut\nin two by a crawler.\n"}


def sandbox(folder: Path) -> dict[str, str]:
    """Fill ``folder`` with the files the documents' examples name; returns their environment.

    The folder is a git repository with one commit, so the adoption steps can commit in it;
    ``reflow`` on the PATH runs this checkout through the test's own interpreter.
    """
    work = folder / "work"
    (work / "fixtures" / "seed-style-article").mkdir(parents=True)
    shutil.copyfile(SEED_INPUT, work / "fixtures" / "seed-style-article" / "input.txt")
    for name in ("article.txt", "notes.txt", "scraped.txt"):
        shutil.copyfile(SEED_INPUT, work / name)
    (work / "docs").mkdir()
    (work / "docs" / "notes.md").write_text(NOTES_MD, encoding="utf-8")
    (work / "docs" / "guide.txt").write_text(GUIDE_TXT, encoding="utf-8")
    (work / "crawl").mkdir()
    (work / "crawl" / "part.jsonl").write_text(json.dumps(CRAWL_RECORD) + "\n", encoding="utf-8")
    bin_folder = folder / "bin"
    bin_folder.mkdir()
    shim = bin_folder / "reflow"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m reflow "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    env = {
        **os.environ,
        "PATH": os.pathsep.join([str(bin_folder), os.environ.get("PATH", "")]),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "GIT_AUTHOR_NAME": "Readme Test",
        "GIT_AUTHOR_EMAIL": "readme@example.org",
        "GIT_COMMITTER_NAME": "Readme Test",
        "GIT_COMMITTER_EMAIL": "readme@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(folder),  # no user's git configuration
        "NO_COLOR": "1",
    }
    for argv in (["git", "init", "-q"], ["git", "add", "."], ["git", "commit", "-qm", "start"]):
        subprocess.run(argv, cwd=work, env=env, check=True, capture_output=True)
    return env


def shell_commands(text: str) -> list[str]:
    """The commands of a shell block, one a line, without the ``pip install`` steps."""
    commands = []
    for line in text.splitlines():
        line = PIP_INSTALL.sub("", line.strip())
        if line and not line.startswith("#"):
            commands.append(line)
    return commands


@pytest.mark.parametrize("block", RUNNABLE, ids=lambda block: block.label)
def test_code_block_runs_as_written(block: CodeBlock, tmp_path: Path) -> None:
    if block.not_run:
        pytest.skip(f"marked not run: {block.not_run}")
    if shutil.which("git") is None or shutil.which("bash") is None:
        pytest.skip("needs git and bash")
    for package, modules in OPTIONAL.items():
        imported = re.search(rf"^\s*(from|import) {package}\b", block.text, re.M)
        missing = [module for module in modules if importlib.util.find_spec(module) is None]
        if imported and missing:
            pytest.skip(f"{', '.join(missing)} not installed (reflow[{package}])")
    env = sandbox(tmp_path)
    work = tmp_path / "work"
    if block.language == "python":
        script = work / "readme_example.py"
        script.write_text(block.text, encoding="utf-8")
        done = subprocess.run(
            [sys.executable, script.name], cwd=work, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, f"{block.label}:\n{done.stderr}"
        return
    commands = shell_commands(block.text)
    assert commands, f"{block.label}: no command to run"
    for line in commands:
        done = subprocess.run(
            ["bash", "-c", line], cwd=work, env=env, capture_output=True, text=True
        )
        assert done.returncode in FINE, (
            f"{block.label}: `{line}` exited {done.returncode}:\n{done.stderr}"
        )
        assert "Traceback" not in done.stderr, f"{block.label}: `{line}`:\n{done.stderr}"


def test_the_adoption_steps_leave_a_formatted_repository(tmp_path: Path) -> None:
    """The README's adoption block, run in a repository: one commit, named for git blame."""
    (block,) = [
        b for b in RUNNABLE if b.document.name == "README.md" and "blame.ignoreRevsFile" in b.text
    ]
    env = sandbox(tmp_path)
    work = tmp_path / "work"
    for line in shell_commands(block.text):
        subprocess.run(["bash", "-c", line], cwd=work, env=env, check=True, capture_output=True)
    log = subprocess.run(
        ["git", "log", "--format=%H %s"], cwd=work, env=env, capture_output=True, text=True
    ).stdout.splitlines()
    assert len(log) == 3, log  # the start, the formatting commit, the ignore list
    formatting = log[1].split()[0]
    ignored = (work / ".git-blame-ignore-revs").read_text(encoding="utf-8").split()
    assert ignored == [formatting]
    assert "The survey team walked the eastern ridge on the second day and counted" in (
        work / "docs" / "notes.md"
    ).read_text(encoding="utf-8")
    assert (work / "docs" / "guide.txt").read_text(encoding="utf-8") == GUIDE_TXT  # not opted in


def test_the_examples_that_cannot_run_say_why() -> None:
    skipped = [block.label for block in RUNNABLE if block.not_run]
    assert all(block.not_run.strip() for block in RUNNABLE if block.not_run)
    # Only what needs an install, a cluster or the suite itself is exempt.
    assert len(skipped) <= 4, skipped


def test_help_block_is_the_current_help() -> None:
    """The Options section is ``COLUMNS=100 reflow --help``, regenerated when an option changes."""
    (block,) = [b for b in code_blocks(ROOT / "README.md") if b.text.startswith("$ reflow --help")]
    current = CliRunner().invoke(command, ["--help"], prog_name="reflow", terminal_width=98)
    assert block.text == "$ reflow --help\n" + current.output, (
        "regenerate the README's --help block: COLUMNS=100 python -m reflow --help"
    )


def test_before_and_after_are_what_reflow_does() -> None:
    """The Before and after excerpts are lines of the fixture and of reflow's output for it."""
    before = next(b for b in code_blocks(ROOT / "README.md") if b.language == "text")
    after = next(b for b in code_blocks(ROOT / "README.md") if b.language == "markdown")
    source_lines = SEED_INPUT.read_text(encoding="utf-8").splitlines()
    output = CliRunner().invoke(command, [str(SEED_INPUT)]).output.splitlines()
    for excerpt, lines in ((before, source_lines), (after, output)):
        shown = [line for line in excerpt.text.splitlines() if line and line != "…"]
        assert len(shown) >= 4
        for line in shown:
            head = line.split("…")[0]  # a line cut short by an ellipsis: its start
            assert any(
                candidate == line or ("…" in line and candidate.startswith(head))
                for candidate in lines
            ), f"not in {excerpt.label}'s source: {line!r}"


def test_ci_runs_the_readme_test_command() -> None:
    ci_lines = [
        line.strip() for line in CI.splitlines() if line.strip() and not line.startswith("#")
    ]
    # The README's test command, word for word; CI may run more after it.
    test_commands = [line for line in ci_lines if line.endswith("python -m pytest")]
    assert len(test_commands) == 1
    assert f"\n{test_commands[0]}\n" in README


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


def _anchors(document: Path) -> set[str]:
    """GitHub's anchors for a document's headings: lower case, punctuation gone, spaces to -."""
    headings = re.findall(r"^#+ (.+)$", document.read_text(encoding="utf-8"), re.M)
    return {re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings}


def test_every_relative_link_resolves() -> None:
    for document in DOCUMENTS:
        text = document.read_text(encoding="utf-8")
        for target, anchor in re.findall(r"\]\(([^)#\s]*)(?:#([^)\s]*))?\)", text):
            if "://" in target:
                continue
            linked = (document.parent / target) if target else document
            assert linked.exists(), f"{document.name}: broken link {target}"
            if anchor:
                assert anchor in _anchors(linked), f"{document.name}: no #{anchor} in {target}"


HEADER_ONLY = ["--skip", "throughput,memory,pathological,startup"]


def _bench_header(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # as the README's test command runs
    return subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench.py"), *args, *HEADER_ONLY],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_bench_names_the_checkout_it_measures_with_checkout() -> None:
    done = _bench_header("--checkout")
    assert done.returncode == 0, done.stderr
    assert (
        f"reflow measured: this checkout's source (--checkout), {ROOT / 'reflow'};" in done.stdout
    )


def test_bench_measures_the_installed_build_by_default() -> None:
    """bench/README.md: without --checkout, the checkout on PYTHONPATH is not what is measured."""
    done = _bench_header()
    if done.returncode == 2:  # no reflow installed for this interpreter: said plainly
        assert "no reflow installed" in done.stderr
        return
    assert done.returncode == 0, done.stderr
    (line,) = [line for line in done.stdout.splitlines() if line.startswith("reflow measured:")]
    if f", {ROOT / 'reflow'};" in line:
        assert "an editable install of this checkout" in line
    else:
        assert "the installed build" in line
