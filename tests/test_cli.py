"""The command line: modes, exit codes and messages, also when files, disks or users misbehave."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

import reflow
from reflow.cli import main, want_progress
from reflow.writes import TEMP_SUFFIX

from .test_batch import UNWRAPPED, WRAPPED, write

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


def reflow_cli(*args: str, stdin: bytes = b"", env: dict[str, str | None] | None = None) -> Run:
    """Run the command in this process, as the console script would."""
    with CliRunner().isolation(input=stdin, env=env) as (out, err, _both):
        try:
            main(list(args))
            code = 0
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else int(done.code is not None)
        return Run(code, out.getvalue().decode(), err.getvalue().decode())


def command(*args: str, unprivileged: bool = False) -> list[str]:
    """The command line to run reflow in a child process (without root's file powers if asked)."""
    cmd = [sys.executable, "-m", "reflow", *args]
    if not unprivileged or os.geteuid() != 0:
        return cmd
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    # Root ignores file permissions through these two capabilities: drop them for the child.
    return ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search", *cmd]


def child_env(**changes: str | None) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for key, value in changes.items():
        env.pop(key, None)
        if value is not None:
            env[key] = value
    return env


def reflow_process(
    *args: str, unprivileged: bool = False, **kwargs: object
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command(*args, unprivileged=unprivileged),
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=120,
        check=False,
        **kwargs,  # type: ignore[call-overload]
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A small content folder: one hard-wrapped file, one clean, one nested hard-wrapped.

    Its config opts text files in, which -i, --check and --diff leave out by default.
    """
    write(tmp_path / "docs" / ".reflow.toml", 'include = ["*.txt", "*.md"]\n')
    write(tmp_path / "docs" / "wrapped.txt")
    write(tmp_path / "docs" / "clean.txt", UNWRAPPED)
    write(
        tmp_path / "docs" / "guide" / "steps.md",
        "# Steps\n\nOpen the gate before\nthe cows arrive.\n",
    )
    return tmp_path / "docs"


# --- stdout mode, as before -----------------------------------------------------------------------


def test_a_file_goes_to_stdout_and_several_files_follow_each_other(tree: Path) -> None:
    one = reflow_cli(str(tree / "wrapped.txt"), "--to", "text")
    assert (one.code, one.out, one.err) == (0, UNWRAPPED, "")
    two = reflow_cli(str(tree / "wrapped.txt"), str(tree / "clean.txt"), "--to", "text")
    assert two.out == UNWRAPPED + UNWRAPPED
    assert (tree / "wrapped.txt").read_text(encoding="utf-8") == WRAPPED


def test_a_folder_without_a_batch_mode_is_a_usage_error(tree: Path) -> None:
    run = reflow_cli(str(tree))
    assert run.code == 2
    assert run.err_lines == [
        f"reflow: error: {tree} is a folder: add -i, --out-dir DIR, --check or --diff to process "
        "folders (see reflow --help)"
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-i", "--check"], "-i and --check/--diff cannot be used together"),
        (["--out-dir", "x", "-i"], "-i and --out-dir cannot be used together"),
        (
            ["-i", "--to", "jsonl"],
            "--to jsonl writes a new kind of file: use it with --out-dir or stdout",
        ),
        (["-i", "-"], "stdin cannot be written in place: leave out -i/--out-dir to filter it"),
        (["--no-such-flag"], "No such option '--no-such-flag'."),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(tree: Path, args: list[str], message: str) -> None:
    run = reflow_cli(*args, str(tree))
    assert run.code == 2
    assert run.err_lines == [f"reflow: error: {message} (see reflow --help)"]


# --- in place -------------------------------------------------------------------------------------


def test_in_place_fixes_a_folder_and_a_second_run_changes_nothing(tree: Path) -> None:
    clean = tree / "clean.txt"
    os.utime(clean, ns=(1_000_000_000, 1_000_000_000))
    first = reflow_cli("-i", "-j", "1", str(tree))
    assert first.code == 0
    assert first.err_lines == [
        f"reformatted {tree / 'guide' / 'steps.md'}",
        f"reformatted {tree / 'wrapped.txt'}",
        "2 files reformatted, 1 unchanged",
    ]
    assert (tree / "wrapped.txt").read_text(encoding="utf-8") == UNWRAPPED
    assert (tree / "guide" / "steps.md").read_text(encoding="utf-8") == (
        "# Steps\n\nOpen the gate before the cows arrive.\n"
    )
    assert clean.stat().st_mtime_ns == 1_000_000_000
    second = reflow_cli("-i", "-j", "1", str(tree))
    assert (second.code, second.err_lines) == (0, ["3 files unchanged"])


def test_in_place_through_a_symlink_changes_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    real = write(tmp_path / "real" / "notes.txt")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    run = reflow_cli("-i", str(link))
    assert (run.code, run.err_lines) == (0, [f"reformatted {link}", "1 file reformatted"])
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == UNWRAPPED


def test_quiet_prints_nothing_and_verbose_lists_everything(tree: Path) -> None:
    (tree / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(32)) * 4)
    quiet = reflow_cli("-q", "--check", "-j", "1", str(tree))
    assert (quiet.code, quiet.err) == (1, "")
    loud = reflow_cli("-v", "--check", "-j", "1", str(tree))
    assert loud.err_lines == [
        f"reflow: using {tree / '.reflow.toml'}",
        f"unchanged {tree / 'clean.txt'}",
        f"would reformat {tree / 'guide' / 'steps.md'}",
        f"reflow: warning: {tree / 'picture.txt'}: looks like binary data, not text; skipped",
        f"would reformat {tree / 'wrapped.txt'}",
        "2 files would be reformatted, 1 unchanged, 1 skipped",
    ]


def test_in_place_keeps_crlf_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes(b"\xef\xbb\xbf" + WRAPPED.replace("\n", "\r\n").encode())
    assert reflow_cli("-i", str(path)).code == 0
    assert path.read_bytes() == b"\xef\xbb\xbf" + UNWRAPPED.replace("\n", "\r\n").encode()


def test_jobs_do_not_change_the_output_or_its_order(tmp_path: Path) -> None:
    for folder in ("one", "two"):
        for i in range(12):
            write(tmp_path / folder / f"{i:02}.txt", WRAPPED if i % 3 else UNWRAPPED)
    serial = reflow_cli("--diff", "--include", "*.txt", "-j", "1", str(tmp_path / "one"))
    parallel = reflow_cli("--diff", "--include", "*.txt", "-j", "2", str(tmp_path / "two"))
    assert serial.code == parallel.code == 1
    assert serial.out.replace("/one/", "/two/") == parallel.out
    assert serial.err.replace("/one/", "/two/") == parallel.err
    assert serial.err_lines[-1] == "8 files would be reformatted, 4 unchanged"


# --- check and diff -------------------------------------------------------------------------------


def test_check_lists_what_would_change_writes_nothing_and_exits_1(tree: Path) -> None:
    before = {p: p.read_bytes() for p in tree.rglob("*") if p.is_file()}
    run = reflow_cli("--check", "-j", "1", str(tree))
    assert run.code == 1
    assert run.out == ""
    assert run.err_lines == [
        f"would reformat {tree / 'guide' / 'steps.md'}",
        f"would reformat {tree / 'wrapped.txt'}",
        "2 files would be reformatted, 1 unchanged",
    ]
    assert before == {p: p.read_bytes() for p in tree.rglob("*") if p.is_file()}
    clean = reflow_cli("--check", str(tree / "clean.txt"))
    assert (clean.code, clean.err_lines) == (0, ["1 file unchanged"])


def test_diff_prints_a_unified_diff_and_exits_1(tree: Path) -> None:
    path = tree / "wrapped.txt"
    run = reflow_cli("--diff", str(path))
    assert run.code == 1
    assert run.out.startswith(f"--- {path}\n+++ {path}\n@@ -1,6 +1,3 @@\n")
    assert f"+{UNWRAPPED.splitlines()[0]}\n" in run.out
    assert "-storms arrived in earnest.\n" in run.out
    assert path.read_text(encoding="utf-8") == WRAPPED


def test_check_reads_stdin_named_by_stdin_filename() -> None:
    run = reflow_cli("--check", "--stdin-filename", "notes.md", "-", stdin=WRAPPED.encode())
    assert (run.code, run.err_lines) == (
        1,
        ["would reformat notes.md", "1 file would be reformatted"],
    )
    clean = reflow_cli("--check", stdin=UNWRAPPED.encode())
    assert clean.code == 0


# --- out-dir --------------------------------------------------------------------------------------


def test_out_dir_mirrors_the_tree_and_to_markdown_renames_txt(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    run = reflow_cli("--out-dir", str(out), "--to", "markdown", "-j", "1", str(tree))
    assert run.code == 0
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        "clean.md",
        "guide/steps.md",
        "wrapped.md",
    ]
    assert (out / "wrapped.md").read_text(encoding="utf-8") == UNWRAPPED
    assert (tree / "wrapped.txt").read_text(encoding="utf-8") == WRAPPED
    assert run.err_lines[-1] == "3 files written"
    again = reflow_cli("--out-dir", str(out), "--to", "markdown", "-j", "1", str(tree))
    assert again.err_lines == ["3 files unchanged"]


def test_out_dir_without_to_keeps_names_and_kinds(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "copy"
    assert reflow_cli("--out-dir", str(out), str(tree / "wrapped.txt")).code == 0
    assert (out / "wrapped.txt").read_text(encoding="utf-8") == UNWRAPPED


# --- the library stays free of the command line ---------------------------------------------------


def test_the_library_never_imports_click() -> None:
    code = "import sys, reflow, reflow.batch, reflow.config, reflow.writes, reflow.safety\n"
    code += "sys.exit('click' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], env=child_env(), check=False, timeout=60)
    assert done.returncode == 0, "importing reflow loaded click"
    assert reflow.__version__


def test_filtering_a_file_does_not_load_batch(tmp_path: Path) -> None:
    (tmp_path / "in.txt").write_text("Some\nwrapped text.\n", encoding="utf-8")
    code = "import sys\nfrom reflow.cli import main\ntry:\n    main(sys.argv[1:])\n"
    code += "except SystemExit:\n    pass\nsys.stderr.write(str('reflow.batch' in sys.modules))"
    for args in (["--version"], [str(tmp_path / "in.txt")]):
        done = subprocess.run(
            [sys.executable, "-c", code, *args],
            env=child_env(),
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert done.stderr.endswith("False"), (args, done.stderr)


def test_the_help_names_the_default_include() -> None:
    from reflow.batch import CONVERT_INCLUDE, REWRITE_INCLUDE
    from reflow.cli import DEFAULT_INCLUDE_HELP

    extra = ", ".join(glob for glob in CONVERT_INCLUDE if glob not in REWRITE_INCLUDE)
    expected = f"{', '.join(REWRITE_INCLUDE)}; with --out-dir also {extra}"
    assert expected == DEFAULT_INCLUDE_HELP


# --- bad inputs and faults (issue 8) --------------------------------------------------------------


@pytest.mark.parametrize("mode", [[], ["-i"], ["--check"], ["--diff"], ["--out-dir", "out"]])
def test_a_path_that_does_not_exist_is_a_usage_error_before_any_work(
    tree: Path, mode: list[str]
) -> None:
    missing = tree / "nope.txt"
    args = [a if a != "out" else str(tree.parent / "out") for a in mode]
    run = reflow_cli(*args, "-j", "1", str(tree / "wrapped.txt"), str(missing), "--to", "text")
    assert (run.code, run.out) == (2, "")
    assert run.err_lines == [
        f"reflow: error: {missing}: no such file or directory (see reflow --help)"
    ]
    assert (tree / "wrapped.txt").read_text(encoding="utf-8") == WRAPPED
    assert not (tree.parent / "out").exists()
    empty = reflow_cli(*args, str(tree / "wrapped.txt"), "")
    assert (empty.code, empty.out) == (2, "")
    assert empty.err_lines == [
        "reflow: error: an empty path names no file or folder (see reflow --help)"
    ]


def test_an_output_file_is_not_replaced_when_an_input_fails(tree: Path, tmp_path: Path) -> None:
    output = write(tmp_path / "out.md", "Last week's result.\n")
    binary = tree / "picture.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(32)) * 4)
    run = reflow_cli("-o", str(output), str(tree / "wrapped.txt"), str(binary))
    assert run.code == 123
    assert run.err_lines == [
        f"reflow: error: {binary}: looks like binary data, not text",
        f"reflow: error: {output}: not written, as an input failed",
    ]
    assert output.read_text(encoding="utf-8") == "Last week's result.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "out.md"]
    assert reflow_cli("-o", str(output), "--to", "text", str(tree / "wrapped.txt")).code == 0
    assert output.read_text(encoding="utf-8") == UNWRAPPED


@pytest.mark.parametrize("flag", ["-o", "--config"])
def test_a_folder_where_a_file_was_expected_is_a_usage_error(tree: Path, flag: str) -> None:
    run = reflow_cli(flag, str(tree / "guide"), str(tree / "wrapped.txt"))
    assert run.code == 2
    name = "'-o' / '--output'" if flag == "-o" else "'--config'"
    assert run.err_lines == [
        f"reflow: error: Invalid value for {name}: File '{tree / 'guide'}' is a directory. "
        "(see reflow --help)"
    ]


def test_a_file_where_the_output_folder_was_expected_is_a_usage_error(tree: Path) -> None:
    run = reflow_cli("--out-dir", str(tree / "clean.txt"), str(tree))
    assert run.code == 2
    assert run.err_lines == [
        f"reflow: error: Invalid value for '--out-dir': Directory '{tree / 'clean.txt'}' "
        "is a file. (see reflow --help)"
    ]


def test_an_unreadable_file_fails_and_the_others_are_processed(tree: Path) -> None:
    secret = tree / "secret.txt"
    write(secret)
    secret.chmod(0)
    done = reflow_process("--check", "-j", "1", str(tree), unprivileged=True)
    assert done.returncode == 123
    assert done.stderr.splitlines() == [
        f"would reformat {tree / 'guide' / 'steps.md'}",
        f"reflow: error: {secret}: permission denied",
        f"would reformat {tree / 'wrapped.txt'}",
        "2 files would be reformatted, 1 unchanged, 1 failed",
    ]


def test_an_output_folder_that_cannot_be_written_fails_each_file(
    tree: Path, tmp_path: Path
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    done = reflow_process(
        "--out-dir", str(locked), "-j", "1", str(tree / "wrapped.txt"), unprivileged=True
    )
    assert done.returncode == 123
    assert done.stderr.splitlines() == [
        f"reflow: error: {locked / 'wrapped.txt'}: cannot create a temporary file beside it "
        "(permission denied), so it is left alone",
        "1 file failed",
    ]
    assert list(locked.iterdir()) == []


def test_a_read_only_folder_is_refused_never_rewritten_in_place(tree: Path) -> None:
    # No temporary file can be made: rewriting the file in place instead would leave it half
    # new, half old if that write failed, so the file is left alone and the run fails.
    path = tree / "wrapped.txt"
    tree.chmod(0o555)
    try:
        done = reflow_process("-i", str(path), unprivileged=True)
    finally:
        tree.chmod(0o755)
    assert (done.returncode, done.stderr) == (
        123,
        f"reflow: error: {path}: cannot create a temporary file beside it (permission denied), "
        "so it is left alone\n1 file failed\n",
    )
    assert path.read_text(encoding="utf-8") == WRAPPED
    assert not list(tree.glob(f"*{TEMP_SUFFIX}"))


needs_dev_full = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")


@needs_dev_full
def test_a_full_disk_as_output_file_fails_with_one_line(tree: Path) -> None:
    done = reflow_process("-o", "/dev/full", str(tree / "wrapped.txt"))
    assert (done.returncode, done.stderr) == (
        123,
        "reflow: error: /dev/full: no space left on device\n",
    )
    assert Path("/dev/full").is_char_device()


@needs_dev_full
@pytest.mark.parametrize(
    "args", [["wrapped.txt"], ["--diff", "-j", "1", "."]], ids=["file", "diff"]
)
def test_a_full_disk_as_stdout_fails_with_one_line(tree: Path, args: list[str]) -> None:
    # Writing a file's result, or the diff of a folder, to a full disk.
    paths = [str(tree / arg) if arg in ("wrapped.txt", ".") else arg for arg in args]
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            command(*paths), stdout=full, stderr=subprocess.PIPE, env=child_env(), check=False
        )
    assert (done.returncode, done.stderr) == (
        123,
        b"reflow: error: <stdout>: no space left on device\n",
    )


# --- feedback: progress and colour ----------------------------------------------------------------


def on_a_terminal(args: list[str], *, stdout_too: bool = False, **env: str | None) -> str:
    """Run reflow with stderr (and, ``stdout_too``, stdout) on a pseudo-terminal.

    Returns what the terminal showed. ``TERM`` is ``xterm`` unless ``env`` says otherwise.
    """
    leader, follower = os.openpty()
    try:
        child = subprocess.Popen(
            command(*args),
            stdin=subprocess.DEVNULL,
            stdout=follower if stdout_too else subprocess.DEVNULL,
            stderr=follower,
            env=child_env(**{"TERM": "xterm", **env}),
        )
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            shown += chunk
        child.wait(timeout=60)
    finally:
        os.close(leader)
    return shown.decode(errors="replace")


def test_want_progress_needs_a_terminal_and_no_ci_or_pre_commit() -> None:
    class Terminal:
        def isatty(self) -> bool:
            return True

    assert want_progress(Terminal(), {})  # type: ignore[arg-type]
    assert not want_progress(Terminal(), {"CI": "true"})  # type: ignore[arg-type]
    assert not want_progress(Terminal(), {"PRE_COMMIT": "1"})  # type: ignore[arg-type]
    with open(os.devnull, "w") as not_a_terminal:
        assert not want_progress(not_a_terminal, {})


def test_the_progress_bar_shows_on_a_terminal_but_not_under_pre_commit_or_ci(tree: Path) -> None:
    args = ["--check", "-j", "1", str(tree)]
    assert "3/3" in on_a_terminal(args, CI=None, PRE_COMMIT=None, NO_COLOR=None)
    assert "3/3" not in on_a_terminal(args, CI=None, PRE_COMMIT="1")
    assert "3/3" not in on_a_terminal(args, CI="true", PRE_COMMIT=None)


def test_check_with_stdin_closed_fails_with_one_line() -> None:
    done = subprocess.run(
        command("--check", "-"),
        capture_output=True,
        text=True,
        env=child_env(),
        preexec_fn=lambda: os.close(0),  # the child starts without fd 0
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr) == (
        123,
        "reflow: error: <stdin>: standard input is closed\n1 file failed\n",
    )


def test_no_paths_and_stdin_on_a_terminal_is_a_usage_error_not_a_hang() -> None:
    leader, follower = os.openpty()
    try:
        done = subprocess.run(
            command(), stdin=follower, capture_output=True, text=True, env=child_env(), timeout=60
        )
    finally:
        os.close(leader)
        os.close(follower)
    assert (done.returncode, done.stderr) == (
        2,
        "reflow: error: no PATHS given and stdin is a terminal: name files or pipe text in "
        "(see reflow --help)\n",
    )


def test_colour_only_without_no_color(tree: Path) -> None:
    args = ["--check", str(tree / "missing.txt")]
    assert "\x1b[31m" in on_a_terminal(args, NO_COLOR=None)
    plain = on_a_terminal(args, NO_COLOR="1")
    assert "\x1b[" not in plain
    assert f"reflow: error: {tree / 'missing.txt'}: no such file or directory" in plain


PIPED_MARKDOWN = """\
---
title: Tide tables
---

# Tide tables

The ferry keeps to the tide table below, which the harbour office
prints each spring and pins beside the ticket window.

| Day    | First sailing |
| ------ | ------------- |
| Monday | 06:40         |

- check the board before you queue
- bicycles go on the lower deck

```
ferry --route north
```
"""


@pytest.mark.parametrize("through", ["runner", "pipe"])
def test_markdown_piped_on_stdin_is_read_as_markdown(through: str) -> None:
    """``cat post.md | reflow -`` reads a site's page (front matter first) as the file would
    be: read as text, its table became a code block and its list items were spaced apart."""
    data = PIPED_MARKDOWN.encode()
    if through == "runner":
        out = reflow_cli("-", stdin=data).out
    else:
        done = subprocess.run(
            command("-"), input=data, capture_output=True, env=child_env(), check=True
        )
        out = done.stdout.decode()
    assert out == reflow_cli("--from", "markdown", "-", stdin=data).out
    assert "| Monday | 06:40         |\n" in out
    assert "\n- check the board before you queue\n- bicycles go" in out
    assert "The ferry keeps to the tide table below, which the harbour office prints" in out


def test_plain_text_piped_on_stdin_stays_text() -> None:
    text = b"The gale blew all night\nand the boats stayed in.\n\n    # and a comment\n"
    assert reflow_cli("-", stdin=text).out == reflow_cli("--from", "text", "-", stdin=text).out
    # A text browser's page about Markdown shows its signs in examples: still text.
    page = PIPED_MARKDOWN.split("---\n\n", 1)[1].encode()
    assert reflow_cli("-", stdin=page).out == reflow_cli("--from", "text", "-", stdin=page).out
    assert reflow_cli("--stdin-filename", "n.txt", "-", stdin=PIPED_MARKDOWN.encode()).out == (
        reflow_cli("--from", "text", "-", stdin=PIPED_MARKDOWN.encode()).out
    )
