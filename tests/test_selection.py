"""Which files reflow touches, shown with the real command on scratch repositories (issue 20).

A content repository holds prose and much that is not: build files, requirement and word
lists, test scripts, a virtual environment, logs, data, command output. -i, --check and --diff
take Markdown unless told to take text; every mode leaves what is not prose byte for byte.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import reflow
from reflow.safety import beyond_spacing

from .samples import (
    CMAKE,
    COMMAND_OUTPUT,
    COMMAND_SCRIPT,
    CSV,
    ENTRY_POINTS,
    GENERATED_MARKDOWN,
    LOG,
    NOT_PROSE,
    PROSE,
    REQUIREMENTS,
    TEST_CASES_MARKDOWN,
    TXTAR_SCRIPT,
    WORD_LIST,
)
from .test_batch import UNWRAPPED, WRAPPED, write
from .test_cli import child_env, command, reflow_cli

WRAPPED_MD = "# Harbour\n\n" + WRAPPED
UNWRAPPED_MD = "# Harbour\n\n" + UNWRAPPED

#: Files a content repository holds that are not prose, under their usual names.
REPOSITORY_NOT_PROSE = {
    "CMakeLists.txt": CMAKE,
    "requirements-dev.txt": REQUIREMENTS,
    "docs/wordlist.txt": WORD_LIST,
    "testdata/script/build_tide.txt": TXTAR_SCRIPT,
    "testdata/script/usage.txt": COMMAND_SCRIPT,
    "logs/server.txt": LOG,
    "data/readings.txt": CSV,
    "book/ch01/output.txt": COMMAND_OUTPUT,
    "LICENSE.txt": "Anyone may use this text\nfor any purpose, as long as this notice stays.\n",
    "LICENSE.md": "Anyone may use this text\nfor any purpose, as long as this notice stays.\n",
    # Markdown too is left alone when its first lines say a tool made it.
    "docs/api/tides.md": GENERATED_MARKDOWN,
    # and when it holds markdown-it's test cases (a plugin's tests, outside any fixtures/)
    "packages/tide-roles/tests/roles.md": TEST_CASES_MARKDOWN,
    # A virtual environment that .gitignore does not cover, under a name no default excludes.
    "tools-env/pyvenv.cfg": "home = /usr/bin\n",
    "tools-env/lib/python3.12/site-packages/tide-1.0.dist-info/entry_points.txt": ENTRY_POINTS,
    "tools-env/notes.md": WRAPPED_MD,
    **{f"misc/{name}": text for name, (text, _rule) in NOT_PROSE.items()},
}
PROSE_TEXT = {f"notes/{name}": text for name, text in PROSE.items()}
MARKDOWN = {"docs/guide.md": WRAPPED_MD, "docs/CHANGES.MD": WRAPPED_MD}


def scratch_repository(root: Path) -> Path:
    (root / ".git").mkdir(parents=True)
    for files in (REPOSITORY_NOT_PROSE, PROSE_TEXT, MARKDOWN):
        for relative, text in files.items():
            write(root / relative, text)
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def as_text(text: str) -> str:
    """What stdout mode makes of a text file: what --out-dir must write for it."""
    return reflow.normalize(text, to="text")


def in_place(text: str) -> str:
    """What -i must write for a text file: stdout mode's result if that changes only its
    spacing, else the file as it was (an underline dropped, code split, a "#" gone)."""
    result = as_text(text)
    return result if beyond_spacing(text, result) is None else text


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return scratch_repository(tmp_path / "repo")


def test_in_place_takes_markdown_by_default_and_any_case_of_its_suffix(repo: Path) -> None:
    before = snapshot(repo)
    run = reflow_cli("-i", "-j", "1", str(repo))
    assert run.code == 0, run.err
    after = snapshot(repo)
    changed = sorted(name for name in before if before[name] != after[name])
    assert changed == ["docs/CHANGES.MD", "docs/guide.md"]
    assert after["docs/CHANGES.MD"].decode() == UNWRAPPED_MD


@pytest.mark.parametrize("mode", ["-i", "--check", "--diff"])
def test_text_when_included_converts_prose_and_leaves_the_rest_byte_identical(
    repo: Path, mode: str
) -> None:
    before = snapshot(repo)
    run = reflow_cli(mode, "--include", "*.txt", "--include", "*.md", "-j", "1", str(repo))
    after = snapshot(repo)
    for relative in REPOSITORY_NOT_PROSE:
        assert after[relative] == before[relative], relative
    if mode == "-i":
        assert run.code == 0, run.err
        for relative, text in PROSE_TEXT.items():
            assert after[relative].decode() == in_place(text), relative
        assert after["notes/article.txt"] != before["notes/article.txt"]
        assert after["notes/README.txt"] == before["notes/README.txt"]  # its "=====", "# Install"
        assert after["docs/guide.md"].decode() == UNWRAPPED_MD
    else:
        assert run.code == 1, run.err
        assert after == before
        named = run.out if mode == "--diff" else run.err
        assert str(repo / "notes" / "article.txt") in named
        assert not any(str(repo / relative) in named for relative in REPOSITORY_NOT_PROSE)


def test_a_config_include_opts_text_in(repo: Path) -> None:
    write(repo / "pyproject.toml", '[tool.reflow]\ninclude = ["*.txt", "*.md"]\n')
    before = snapshot(repo)
    assert reflow_cli("-i", "-j", "1", str(repo)).code == 0
    after = snapshot(repo)
    assert after["notes/article.txt"].decode() == in_place(PROSE["article.txt"])
    assert all(after[relative] == before[relative] for relative in REPOSITORY_NOT_PROSE)


def test_out_dir_converts_text_and_markdown_and_writes_nothing_for_the_rest(
    repo: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    before = snapshot(repo)
    run = reflow_cli("--out-dir", str(out), "-j", "1", str(repo))
    assert run.code == 0, run.err
    assert snapshot(repo) == before
    written = snapshot(out)
    assert sorted(written) == sorted([*PROSE_TEXT, *MARKDOWN])
    for relative, text in PROSE_TEXT.items():
        assert written[relative].decode() == as_text(text), relative


def test_verbose_lists_each_file_left_alone_with_its_reason(repo: Path) -> None:
    run = reflow_cli("-v", "--check", "--include", "*.txt", "--include", "*.md", str(repo))
    skipped = {
        line.removeprefix("skipped ").split(": ", 1)[0]: line.split(": ", 1)[1]
        for line in run.err_lines
        if line.startswith("skipped ")
    }
    assert skipped[str(repo / "CMakeLists.txt")] == (
        "not prose (build-file: CMakeLists.txt is a build file)"
    )
    assert skipped[str(repo / "tools-env")] == "a virtual environment (holds pyvenv.cfg)"
    assert skipped[str(repo / "LICENSE.md")].startswith("not prose (licence: ")
    assert skipped[str(repo / "docs" / "api" / "tides.md")] == (
        "not prose (generated: its line 1 says it is generated ('This file is automatically"
        " generated'))"
    )
    for name, (_text, rule) in NOT_PROSE.items():
        assert skipped[str(repo / "misc" / name)].startswith(f"not prose ({rule}: "), name
    for relative in PROSE_TEXT:
        assert str(repo / relative) not in skipped


def test_a_named_file_that_is_not_prose_is_left_alone_too(repo: Path) -> None:
    before = snapshot(repo)
    names = [str(repo / relative) for relative in ("CMakeLists.txt", "misc/nautical-words.txt")]
    assert reflow_cli("-i", *names).code == 0
    assert snapshot(repo) == before


# --- folders no walk enters ----------------------------------------------------------------


DEFAULT_EXCLUDED = (
    "build",
    "dist",
    "node_modules",
    "venv",
    "site-packages",
    "_build",
    "__pypackages__",
    "buck-out",
    "tide.egg-info",
    # tests' data: inputs and expected outputs a test compares byte for byte
    "fixtures",
    "testdata",
    "test_data",
    "__snapshots__",
    "tests/data",
    "test/data",
)


def test_tools_folders_and_virtual_environments_are_not_walked(tmp_path: Path) -> None:
    for folder in DEFAULT_EXCLUDED:
        write(tmp_path / folder / "page.md", WRAPPED_MD)
    write(tmp_path / ".env" / "pyvenv.cfg", "home = /usr/bin\n")
    write(tmp_path / "py312" / "pyvenv.cfg", "home = /usr/bin\n")
    write(tmp_path / "py312" / "page.md", WRAPPED_MD)
    kept = write(tmp_path / "docs" / "build-notes.md", WRAPPED_MD)  # a name, not a folder
    kept_data = write(tmp_path / "docs" / "data" / "page.md", WRAPPED_MD)  # not under tests
    run = reflow_cli("-v", "-i", "-j", "1", str(tmp_path))
    assert run.code == 0
    assert kept.read_text(encoding="utf-8") == UNWRAPPED_MD
    assert kept_data.read_text(encoding="utf-8") == UNWRAPPED_MD
    for folder in (*DEFAULT_EXCLUDED, "py312"):
        assert (tmp_path / folder / "page.md").read_text(encoding="utf-8") == WRAPPED_MD
    assert f"skipped {tmp_path / 'build'}: excluded by default" in run.err_lines
    # A folder named on the command line is walked: that is how to format one of them.
    assert reflow_cli("-i", str(tmp_path / "build")).code == 0
    assert (tmp_path / "build" / "page.md").read_text(encoding="utf-8") == UNWRAPPED_MD


def test_a_test_suites_folder_is_not_walked_but_a_chapter_on_tests_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The suite's folder holds its code and expected outputs beside the Markdown it reads
    # (pandoc's test/writer.markdown beside writer.native); a book's chapters on testing
    # are pages, with nothing but pages and pictures beside them.
    (tmp_path / ".git").mkdir()
    expected = write(tmp_path / "test" / "writer.markdown", WRAPPED_MD)
    write(tmp_path / "test" / "writer.native", '[Para [Str "x"]]\n')
    case = write(tmp_path / "test" / "command" / "4021.md", WRAPPED_MD)
    script = write(tmp_path / "pkg" / "tests" / "run_cases.py", "print(1)\n")
    suite_note = write(tmp_path / "pkg" / "tests" / "notes.md", WRAPPED_MD)
    chapter = write(tmp_path / "src" / "tests" / "running.md", WRAPPED_MD)
    write(tmp_path / "src" / "tests" / "diagram.svg", "<svg/>\n")
    write(tmp_path / "src" / "tests" / "pictures" / "flow.png", "png\n")
    # a suite whose code is only in the folders below its own (prettier's tests/format/…)
    deep_case = write(tmp_path / "lib" / "tests" / "format" / "quote" / "case.md", WRAPPED_MD)
    write(tmp_path / "lib" / "tests" / "format" / "quote" / "format.test.js", "run()\n")
    assert script.exists()
    run = reflow_cli("-v", "-i", "-j", "1", str(tmp_path))
    assert run.code == 0
    for kept in (expected, case, suite_note, deep_case):
        assert kept.read_text(encoding="utf-8") == WRAPPED_MD
    assert chapter.read_text(encoding="utf-8") == UNWRAPPED_MD
    assert f"skipped {tmp_path / 'test'}: excluded by default (a test suite's folder)" in (
        run.err_lines
    )
    # The hook names the files one by one: the same folders are left out.
    write(tmp_path / "src" / "tests" / "running.md", WRAPPED_MD)
    monkeypatch.chdir(tmp_path)
    named = [
        "test/writer.markdown",
        "test/command/4021.md",
        "src/tests/running.md",
        "lib/tests/format/quote/case.md",
    ]
    run = reflow_cli("-v", "-i", "--force-exclude", *named)
    assert run.code == 0
    assert "skipped test/command/4021.md: in test: excluded by default (a test suite's folder)" in (
        run.err_lines
    )
    assert (
        "skipped lib/tests/format/quote/case.md: in tests: excluded by default"
        " (a test suite's folder)" in run.err_lines
    )
    assert case.read_text(encoding="utf-8") == WRAPPED_MD
    assert deep_case.read_text(encoding="utf-8") == WRAPPED_MD
    assert chapter.read_text(encoding="utf-8") == UNWRAPPED_MD


# --- files named on the command line, as pre-commit names them -------------------------------


def test_force_exclude_puts_named_files_through_include_and_the_default_excludes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    notes = write(tmp_path / "notes.txt", WRAPPED)
    page = write(tmp_path / "page.md", WRAPPED_MD)
    built = write(tmp_path / "dist" / "page.md", WRAPPED_MD)
    sample = write(tmp_path / "tests" / "data" / "sample.md", WRAPPED_MD)  # a test's input
    monkeypatch.chdir(tmp_path)
    named = ["notes.txt", "page.md", "dist/page.md", "tests/data/sample.md"]
    run = reflow_cli("-v", "-i", "--force-exclude", *named)
    assert run.code == 0
    assert "skipped notes.txt: not included" in run.err_lines
    assert "skipped dist/page.md: in dist: excluded by default" in run.err_lines
    assert "skipped tests/data/sample.md: in data: excluded by default (tests' data)" in (
        run.err_lines
    )
    assert sample.read_text(encoding="utf-8") == WRAPPED_MD
    assert notes.read_text(encoding="utf-8") == WRAPPED
    assert built.read_text(encoding="utf-8") == WRAPPED_MD
    assert page.read_text(encoding="utf-8") == UNWRAPPED_MD
    # include = ["*.md"] in the project protects text files from the hook ...
    write(tmp_path / "pyproject.toml", '[tool.reflow]\ninclude = ["*.md"]\n')
    assert reflow_cli("-i", "--force-exclude", "notes.txt").code == 0
    assert notes.read_text(encoding="utf-8") == WRAPPED
    # ... and opts them in when it names them.
    write(tmp_path / "pyproject.toml", '[tool.reflow]\ninclude = ["*.txt", "*.md"]\n')
    assert reflow_cli("-i", "--force-exclude", "notes.txt").code == 0
    assert notes.read_text(encoding="utf-8") == UNWRAPPED
    # Without --force-exclude a named file is taken as it is.
    write(tmp_path / "pyproject.toml", '[tool.reflow]\ninclude = ["*.md"]\n')
    assert reflow_cli("-i", "dist/page.md").code == 0
    assert built.read_text(encoding="utf-8") == UNWRAPPED_MD


# --- issue 18: output folders, empty paths, FIFOs, huge binary files ----------------------------


def test_out_dir_never_writes_through_a_link_inside_it(tmp_path: Path) -> None:
    source, out, elsewhere = tmp_path / "in", tmp_path / "out", tmp_path / "elsewhere"
    write(source / "a.txt")
    write(source / "b.txt")
    write(source / "sub" / "c.txt")
    victim = write(elsewhere / "victim.txt", "keep me\n")
    out.mkdir()
    (out / "a.txt").symlink_to(victim)  # a file link, as a cloned tree might ship
    (out / "sub").symlink_to(elsewhere, target_is_directory=True)  # a folder link
    run = reflow_cli("--out-dir", str(out), "-j", "1", str(source))
    assert run.code == 123
    assert run.err_lines == [
        f"reflow: error: {out / 'a.txt'}: not written: it is a symlink inside the output folder",
        f"wrote {source / 'b.txt'} -> {out / 'b.txt'}",
        f"reflow: error: {out / 'sub' / 'c.txt'}: not written: {out / 'sub'} is a symlink "
        "inside the output folder",
        "1 file written, 2 failed",
    ]
    assert victim.read_text(encoding="utf-8") == "keep me\n"
    assert sorted(path.name for path in elsewhere.iterdir()) == ["victim.txt"]
    assert (out / "b.txt").read_text(encoding="utf-8") == UNWRAPPED


@pytest.mark.parametrize("where", ["same", "inside", "containing", "file-folder"])
def test_out_dir_overlapping_an_input_is_a_usage_error(tmp_path: Path, where: str) -> None:
    source = tmp_path / "in"
    notes = write(source / "notes.txt")
    given, out = {
        "same": (source, source),
        "inside": (source, source / "out"),
        "containing": (source, tmp_path),
        "file-folder": (notes, source),
    }[where]
    run = reflow_cli("--out-dir", str(out), str(given))
    assert run.code == 2
    assert len(run.err_lines) == 1 and run.err_lines[0].startswith("reflow: error: --out-dir ")
    assert notes.read_text(encoding="utf-8") == WRAPPED
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["in", "notes.txt"]


@pytest.mark.parametrize("mode", [["-i"], ["--check"], ["--out-dir", "out"], []])
def test_an_empty_path_is_a_usage_error_not_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: list[str]
) -> None:
    page = write(tmp_path / "page.md", WRAPPED_MD)
    monkeypatch.chdir(tmp_path)
    run = reflow_cli(*mode, "")
    assert (run.code, run.err_lines) == (
        2,
        ["reflow: error: an empty path names no file or folder (see reflow --help)"],
    )
    assert page.read_text(encoding="utf-8") == WRAPPED_MD


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("mode", ["--check", "-i"])
def test_a_fifo_named_on_the_command_line_never_blocks(tmp_path: Path, mode: str) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    page = write(tmp_path / "page.md", WRAPPED_MD)
    done = subprocess.run(
        command(mode, "-j", "1", str(fifo), str(page)),
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=60,  # before the fix: blocked forever, waiting for a writer
        check=False,
    )
    assert done.returncode == 123
    assert f"reflow: error: {fifo}: not a regular file" in done.stderr.splitlines()
    assert str(page) in done.stderr  # the other file was processed


def test_a_huge_sparse_binary_file_is_refused_from_its_first_bytes(tmp_path: Path) -> None:
    big = tmp_path / "disk.txt"
    with open(big, "wb") as handle:
        handle.truncate(2 << 30)  # 2 GB of NUL bytes that take no room on disk
    # A parent of its own, so that the peak memory measured is reflow's alone.
    measure = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "print(done.stderr, end='')\n"
    )
    for mode in ("--check", "-i"):
        done = subprocess.run(
            [sys.executable, "-c", measure, *command(mode, str(big))],
            capture_output=True,
            text=True,
            env=child_env(),
            timeout=300,
            check=True,
        )
        first, *messages = done.stdout.splitlines()
        code, peak_kib = (int(word) for word in first.split())
        assert code == 123  # named directly: a file that cannot be read as text fails
        assert messages[0] == f"reflow: error: {big}: looks like binary data, not text"
        assert peak_kib < 300 * 1024, f"{peak_kib} KiB: the file was read whole"
    assert big.stat().st_size == 2 << 30
