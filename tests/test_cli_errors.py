"""Errors as black reports them (issues 18 and 20): the same status for a file in every mode,
internal errors owned up to, untrusted settings, bad numbers, signals and hostile file names."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import BinaryIO

import pytest

import reflow
import reflow.api
import reflow.batch as batch
from reflow.api import Conversion
from reflow.cli import _cores
from reflow.options import Options

from . import test_cli
from .test_batch import UNWRAPPED, WRAPPED, write
from .test_cli import child_env, command, reflow_cli, reflow_process

MODES = [[], ["-i"], ["--check"], ["--diff"]]
PICTURE = b"\x89PNG\r\n\x1a\n" + bytes(range(32)) * 4


@pytest.fixture
def logs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where internal-error logs go during the test (not the machine's temporary folder)."""
    folder = tmp_path / "logs"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def unstable(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make reflow's first pass over each file differ from what a second pass makes of it."""
    real = batch.convert_bytes
    seen: set[bytes] = set()

    def first_pass_adds_a_line(
        data: bytes, options: Options | None = None, **kwargs: object
    ) -> Conversion:
        conversion = real(data, options, **kwargs)  # type: ignore[arg-type]
        if data in seen or data.endswith(b"\n\n\n"):
            return conversion  # the second pass: what the first one wrote, read back
        seen.add(data)
        output = conversion.output + "\n\n"
        return Conversion(conversion.text, output, conversion.detection, None)

    monkeypatch.setattr(batch.convert, "convert_bytes", first_pass_adds_a_line)


# --- the same status whatever the mode (issue 20) ------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_a_binary_file_named_directly_fails_in_every_mode_and_the_others_are_done(
    tmp_path: Path, mode: list[str]
) -> None:
    picture = tmp_path / "picture.txt"
    picture.write_bytes(PICTURE)
    notes = write(tmp_path / "notes.txt")
    run = reflow_cli(*mode, "-j", "1", "--to", "text", str(picture), str(notes))
    assert run.code == 123
    assert run.err_lines[0] == f"reflow: error: {picture}: looks like binary data, not text"
    assert picture.read_bytes() == PICTURE
    if mode == ["-i"]:
        assert notes.read_text(encoding="utf-8") == UNWRAPPED
    elif not mode:
        assert run.out == UNWRAPPED
    else:
        assert run.err_lines[1] == f"would reformat {notes}"


def test_a_binary_file_found_in_a_folder_is_skipped_in_every_mode(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "picture.txt").write_bytes(PICTURE)
    write(tmp_path / "docs" / "notes.txt", UNWRAPPED)
    for mode in MODES[1:]:
        run = reflow_cli(*mode, "-j", "1", "--include", "*.txt", str(tmp_path / "docs"))
        assert run.code == 0, mode
        assert run.err_lines == [
            f"reflow: warning: {tmp_path / 'docs' / 'picture.txt'}: looks like binary data, "
            "not text; skipped",
            "1 file unchanged, 1 skipped",
        ]


@pytest.mark.parametrize("mode", MODES)
def test_an_unreadable_file_named_directly_fails_alone_in_every_mode(
    tmp_path: Path, mode: list[str]
) -> None:
    secret = write(tmp_path / "secret.txt")
    secret.chmod(0)
    notes = write(tmp_path / "notes.txt")
    done = reflow_process(
        *mode, "-j", "1", "--to", "text", str(secret), str(notes), unprivileged=True
    )
    assert done.returncode == 123
    assert done.stderr.splitlines()[0] == f"reflow: error: {secret}: permission denied"
    if not mode:
        assert done.stdout == UNWRAPPED
    elif mode == ["-i"]:
        assert notes.read_text(encoding="utf-8") == UNWRAPPED


def test_a_file_in_a_closed_folder_fails_alone_and_is_not_called_missing(tmp_path: Path) -> None:
    hidden = write(tmp_path / "closed" / "notes.txt")
    hidden.parent.chmod(0)
    notes = write(tmp_path / "notes.txt")
    try:
        done = reflow_process("--check", "-j", "1", str(hidden), str(notes), unprivileged=True)
    finally:
        hidden.parent.chmod(0o755)
    assert done.returncode == 123
    assert done.stderr.splitlines() == [
        f"reflow: error: {hidden}: permission denied",
        f"would reformat {notes}",
        "1 file would be reformatted, 1 failed",
    ]


@pytest.mark.parametrize("mode", MODES[1:])
def test_an_unstable_result_is_an_internal_error_with_a_log_and_the_file_is_kept(
    tmp_path: Path, logs: Path, monkeypatch: pytest.MonkeyPatch, mode: list[str]
) -> None:
    notes = write(tmp_path / "notes.txt")
    other = write(tmp_path / "other.txt")
    unstable(monkeypatch)
    run = reflow_cli(*mode, "-j", "1", str(notes))
    [log] = logs.iterdir()
    assert run.code == 123
    assert run.err_lines == [
        f"reflow: error: INTERNAL ERROR: reflow produced unstable output on {notes}; the file "
        f"is left as it was. Please report this bug with the log {log}",
        "1 file failed",
    ]
    assert run.out == ""  # no diff for a result that is not written
    assert notes.read_text(encoding="utf-8") == WRAPPED
    assert f"--- input, as decoded ---\n{WRAPPED}" in log.read_text(encoding="utf-8")
    assert other.read_text(encoding="utf-8") == WRAPPED


@pytest.mark.parametrize("mode", MODES)
def test_a_crash_is_an_internal_error_with_its_traceback_logged(
    tmp_path: Path, logs: Path, monkeypatch: pytest.MonkeyPatch, mode: list[str]
) -> None:
    broken, notes = (
        write(tmp_path / "broken.txt", "Trigger the fault here.\n"),
        write(tmp_path / "notes.txt"),
    )
    real_bytes, real_stream = batch.convert_bytes, reflow.api.stream

    def fault(data: bytes) -> None:
        if b"Trigger the fault" in data:
            message = "a fault planted by the test"
            raise ZeroDivisionError(message)

    def faulty_bytes(data: bytes, *args: object, **kwargs: object) -> Conversion:
        fault(data)
        return real_bytes(data, *args, **kwargs)  # type: ignore[arg-type]

    def faulty_stream(infile: BinaryIO, *args: object, **kwargs: object) -> None:
        data = infile.read()
        fault(data)
        real_stream(io.BytesIO(data), *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(batch.convert, "convert_bytes", faulty_bytes)
    monkeypatch.setattr(reflow.api, "stream", faulty_stream)
    run = reflow_cli(*mode, "-j", "1", "--to", "text", str(broken), str(notes))
    [log] = logs.iterdir()
    assert run.code == 123
    assert run.err_lines[0] == (
        f"reflow: error: INTERNAL ERROR: reflow failed on {broken}: ZeroDivisionError: a fault "
        f"planted by the test. Please report this bug with the log {log}"
    )
    assert "Traceback (most recent call last)" in log.read_text(encoding="utf-8")
    assert broken.read_text(encoding="utf-8") == "Trigger the fault here.\n"
    if not mode:
        assert run.out == UNWRAPPED
    elif mode == ["-i"]:
        assert notes.read_text(encoding="utf-8") == UNWRAPPED


# --- smaller items (issue 20) --------------------------------------------------------------------


def test_a_diff_keeps_the_bom_so_that_git_applies_it(tmp_path: Path) -> None:
    original = b"\xef\xbb\xbf" + WRAPPED.encode()
    (tmp_path / "notes.txt").write_bytes(original)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    diff = reflow_process("--diff", "notes.txt", cwd=tmp_path)
    assert diff.returncode == 1
    assert diff.stdout.splitlines()[3] == "-\ufeff" + WRAPPED.splitlines()[0]
    (tmp_path / "change.patch").write_text(diff.stdout, encoding="utf-8")
    applied = subprocess.run(
        ["git", "apply", "-p0", "change.patch"], cwd=tmp_path, capture_output=True, check=False
    )
    assert applied.returncode == 0, applied.stderr
    assert (tmp_path / "notes.txt").read_bytes() == b"\xef\xbb\xbf" + UNWRAPPED.encode()


def test_a_diff_keeps_escape_sequences_the_file_holds_so_that_git_applies_it(
    tmp_path: Path,
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"A \x1b[1mbold\x1b[0m word\nwrapped here.\n")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    # (Unrepaired: a file is rewritten where it is only in its spacing.)
    diff = reflow_process("--diff", "--no-repair", "notes.txt", cwd=tmp_path)
    assert "-A \x1b[1mbold\x1b[0m word\n" in diff.stdout
    (tmp_path / "change.patch").write_text(diff.stdout, encoding="utf-8")
    subprocess.run(["git", "apply", "-p0", "change.patch"], cwd=tmp_path, check=True)
    assert notes.read_text(encoding="utf-8") == "A \x1b[1mbold\x1b[0m word wrapped here.\n"


def test_jsonl_from_several_files_names_the_file_of_each_block(tmp_path: Path) -> None:
    first = write(tmp_path / "first.txt")
    second = write(tmp_path / "second.txt", "# Tide tables\n\nLow water at noon.\n")
    run = reflow_cli("--to", "jsonl", str(first), str(second))
    assert run.code == 0
    records = [json.loads(line) for line in run.out.splitlines()]
    assert [(r["source"], r["kind"]) for r in records] == [
        (str(first), "paragraph"),
        (str(first), "paragraph"),
        (str(second), "heading"),
        (str(second), "paragraph"),
    ]
    assert list(records[0])[:2] == ["source", "kind"]
    assert [r["text"] for r in records[:2]] == UNWRAPPED.rstrip("\n").split("\n\n")
    stdin = reflow_cli("--to", "jsonl", "--stdin-filename", "pasted.txt", stdin=WRAPPED.encode())
    assert {json.loads(line)["source"] for line in stdin.out.splitlines()} == {"pasted.txt"}


def test_the_config_for_stdin_is_found_from_stdin_filename(tmp_path: Path) -> None:
    config = write(tmp_path / "project" / ".reflow.toml", "width = 40\n")
    (tmp_path / ".git").mkdir()  # the search stops here, whatever is above the test folder
    name = str(tmp_path / "project" / "notes.txt")
    run = reflow_cli("-v", "--stdin-filename", name, stdin=WRAPPED.encode())
    assert run.code == 0
    assert run.err_lines == [f"reflow: using {config}"]
    assert max(len(line) for line in run.out.splitlines()) <= 40
    assert run.out == reflow.normalize(WRAPPED, width=40)


def on_a_terminal(args: list[str], term: str) -> str:
    """stdout and stderr on one pseudo-terminal, outside CI and pre-commit, colour allowed."""
    return test_cli.on_a_terminal(
        args, stdout_too=True, CI=None, PRE_COMMIT=None, NO_COLOR=None, TERM=term
    )


def test_a_dumb_terminal_gets_no_escape_codes(tmp_path: Path) -> None:
    for i in range(3):
        write(tmp_path / f"{i}.txt")
    picture = tmp_path / "picture.txt"
    picture.write_bytes(PICTURE)
    args = ["--diff", "-j", "1", "--include", "*.txt", str(tmp_path)]
    assert "\x1b[" in on_a_terminal(args, "xterm")  # colour and the progress bar
    dumb = on_a_terminal(args, "dumb")
    assert "\x1b" not in dumb
    assert f"reflow: warning: {picture}: looks like binary data" in dumb
    assert "+" + UNWRAPPED.splitlines()[0] in dumb


def test_color_and_no_color_override_the_terminal_and_no_color(tmp_path: Path) -> None:
    notes, picture = write(tmp_path / "notes.txt"), tmp_path / "picture.txt"
    picture.write_bytes(PICTURE)
    args = ["--diff", "-j", "1", str(notes), str(picture)]
    forced = reflow_cli("--color", *args, env={"NO_COLOR": "1", "TERM": "dumb"})
    assert forced.err_lines[1].startswith("\x1b[31mreflow: error: ")  # red, though not a tty
    assert "\x1b[32m+" in forced.out  # the diff's added lines in green
    assert "\x1b[" not in reflow_cli(*args).err  # not a terminal: auto means no colour
    plain = on_a_terminal(["--no-color", *args], "xterm")
    assert "\x1b[3" not in plain
    assert f"reflow: error: {picture}: looks like binary data, not text" in plain


# --- settings a repository may not make (issue 18, item 7) ---------------------------------------


def test_a_config_file_cannot_name_a_scheduler(tmp_path: Path) -> None:
    config = write(tmp_path / ".reflow.toml", 'scheduler = "tcp://192.0.2.1:8786"\n')
    notes = write(tmp_path / "notes.txt")
    run = reflow_cli("--check", "-j", "1", str(notes))
    assert run.code == 1  # checked here, by local processes; nothing was sent anywhere
    assert run.err_lines == [
        f"reflow: warning: {config}: 'scheduler' is ignored: a configuration file cannot send "
        "files to a scheduler (use --scheduler or REFLOW_SCHEDULER)",
        f"would reformat {notes}",
        "1 file would be reformatted",
    ]


def test_a_config_file_cannot_turn_the_safety_check_off(
    tmp_path: Path, logs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = write(tmp_path / ".reflow.toml", "fast = true\n")
    notes = write(tmp_path / "notes.txt")
    unstable(monkeypatch)
    run = reflow_cli("-i", "-j", "1", str(notes))
    assert run.code == 123
    assert run.err_lines[0] == (
        f"reflow: warning: {config}: 'fast' is ignored: a configuration file cannot turn the "
        "safety check off (use --fast or REFLOW_FAST)"
    )
    assert run.err_lines[1].startswith("reflow: error: INTERNAL ERROR: reflow produced unstable")
    assert notes.read_text(encoding="utf-8") == WRAPPED
    # The environment is the user's own: it may.
    assert reflow_cli("-i", "-j", "1", str(notes), env={"REFLOW_FAST": "1"}).code == 0
    assert notes.read_text(encoding="utf-8") != WRAPPED
    write(tmp_path / ".reflow.toml", "fast = false\n")  # asking for safety is no harm
    assert "ignored" not in reflow_cli("--check", str(notes)).err


def test_jobs_from_a_config_file_are_capped_at_the_cores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / ".reflow.toml", "jobs = 1000\n")
    notes = write(tmp_path / "notes.txt")
    asked: list[int] = []
    real = batch.run

    def run(tasks: list[batch.Task], job: batch.Job, *, jobs: int = 1) -> object:
        asked.append(jobs)
        return real(tasks, job, jobs=1)

    monkeypatch.setattr(batch, "run", run)
    assert reflow_cli("--check", str(notes)).code == 1
    assert reflow_cli("--check", "-j", "3", str(notes)).code == 1  # the command line may
    assert asked == [min(1000, _cores()), 3]


# --- bad numbers are usage errors (issue 18, item 12) --------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--width", "1e20"], "Invalid value for '-w' / '--width': '1e20' is not a valid integer"),
        (["--width", str(10**20)], f"Invalid value for '-w' / '--width': {10**20} is not in"),
        (["-w", "-1"], "Invalid value for '-w' / '--width': -1 is not in the range 0<=x<=10000."),
        (["-j", str(2**64)], f"Invalid value for '-j' / '--jobs': {2**64} is not in the range"),
        (["-j", "-3"], "Invalid value for '-j' / '--jobs': -3 is not in the range 1<=x<=1024."),
    ],
)
def test_huge_or_negative_numbers_are_usage_errors(
    tmp_path: Path, args: list[str], message: str
) -> None:
    notes = write(tmp_path / "notes.txt")
    for mode in ([], ["--check"]):
        run = reflow_cli(*mode, *args, str(notes))
        assert run.code == 2
        [line] = run.err_lines
        assert line.startswith(f"reflow: error: {message}")


def test_huge_numbers_in_a_config_file_are_config_errors(tmp_path: Path) -> None:
    config = write(tmp_path / ".reflow.toml", "width = 9223372036854775807\n")
    run = reflow_cli(str(write(tmp_path / "notes.txt")))
    assert run.code == 2
    assert run.err_lines == [
        f"reflow: error: {config}: 'width': 9223372036854775807 is not in the range "
        "0<=x<=10000. (see reflow --help)"
    ]


# --- signals and names (issue 18, item 13) -------------------------------------------------------


@pytest.mark.parametrize(
    ("signum", "code", "word"),
    [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")],
)
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_signal_mid_batch_ends_with_the_summary_so_far_and_no_partial_file(
    tmp_path: Path, jobs: str, signum: int, code: int, word: str
) -> None:
    original = WRAPPED * 64
    expected = reflow.normalize(original, to="text")
    folder = tmp_path / "many"
    for i in range(400):
        write(folder / f"{i:03}.txt", original)
    child = subprocess.Popen(
        command("-i", "--include", "*.txt", "-j", jobs, str(folder)),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=child_env(),
        start_new_session=True,  # its own process group, as Ctrl-C or a service manager signals
    )
    assert child.stderr is not None
    first = child.stderr.readline()  # a file is done: the batch is under way
    os.killpg(child.pid, signum)
    rest = child.stderr.read()
    assert child.wait(timeout=60) == code
    lines = (first + rest).decode().splitlines()
    assert lines[0].startswith("reformatted ")
    assert lines[-1] == f"reflow: {word}"
    reported = sum(line.startswith("reformatted ") for line in lines)
    assert lines[-2] == f"{reported} file{'s' if reported > 1 else ''} reformatted"
    files = sorted(folder.iterdir())
    assert len(files) == 400 and all(p.suffix == ".txt" for p in files)  # no temp file left
    contents = [p.read_text(encoding="utf-8") for p in files]
    assert set(contents) <= {original, expected}
    assert contents.count(original) > 0, "the batch finished before the signal"


def test_an_interrupt_before_any_file_is_done_says_only_that(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = write(tmp_path / "notes.md")

    def interrupted(task: batch.Task, job: batch.Job) -> batch.Result:
        raise KeyboardInterrupt

    monkeypatch.setattr(batch.pool, "convert_file", interrupted)
    run = reflow_cli("-i", "-j", "1", str(notes))
    assert run.code == 130
    assert run.err_lines == ["reflow: interrupted"]  # not "no files to reflow"
    assert notes.read_text(encoding="utf-8") == WRAPPED


def test_sigterm_during_the_filter_ends_with_one_line() -> None:
    child = subprocess.Popen(
        command("--to", "text", "-"),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=child_env(),
    )
    assert child.stdin is not None and child.stdout is not None and child.stderr is not None
    child.stdin.write(b"The tide turned at noon.\n\nThe boats came in.\n\n")
    child.stdin.flush()  # then nothing: the filter writes what it has and waits for more
    assert child.stdout.readline() == b"The tide turned at noon.\n"
    child.send_signal(signal.SIGTERM)
    assert child.wait(timeout=60) == 143
    assert child.stderr.read() == b"reflow: terminated\n"
    child.stdin.close()
    child.stdout.close()
    child.stderr.close()


def test_file_names_with_escapes_and_newlines_are_shown_escaped(tmp_path: Path) -> None:
    hostile = write(tmp_path / "red\x1b[31m\nfake line.txt")
    run = reflow_cli("--diff", "-j", "1", "--include", "*.txt", str(tmp_path))
    shown = f"{tmp_path}/red\\x1b[31m\\nfake line.txt"
    assert run.code == 1
    assert run.err_lines == [f"would reformat {shown}", "1 file would be reformatted"]
    quoted = f'"{tmp_path}/red\\033[31m\\nfake line.txt"'
    assert run.out.splitlines()[:2] == [f"--- {quoted}", f"+++ {quoted}"]
    assert "\x1b" not in run.out + run.err
    binary = tmp_path / "bell\x07.txt"
    binary.write_bytes(PICTURE)
    named = reflow_cli(str(binary))
    assert named.err_lines == [
        f"reflow: error: {tmp_path}/bell\\x07.txt: looks like binary data, not text"
    ]
    assert hostile.read_text(encoding="utf-8") == WRAPPED


def test_a_diff_of_a_file_with_a_hostile_name_still_applies(tmp_path: Path) -> None:
    hostile = write(tmp_path / "tab\there.txt")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    diff = reflow_process("--diff", hostile.name, cwd=tmp_path)
    assert diff.stdout.startswith('--- "tab\\there.txt"\n')
    (tmp_path / "change.patch").write_text(diff.stdout, encoding="utf-8")
    subprocess.run(["git", "apply", "-p0", "change.patch"], cwd=tmp_path, check=True)
    assert hostile.read_text(encoding="utf-8") == UNWRAPPED


def test_a_tree_deeper_than_the_recursion_limit_is_walked_and_mirrored(tmp_path: Path) -> None:
    """Each folder was a generator (the walk), a call (the dialect's search up to the top)
    and a call of ``Path.mkdir(parents=True)`` (the output folder): a RecursionError."""
    import sys

    depth = sys.getrecursionlimit() + 200
    folder = tmp_path / "deep"
    folder.mkdir()
    for _ in range(depth):  # by hand: os.makedirs recurses too
        folder = folder / "a"
        folder.mkdir()
    notes = write(folder / "notes.md")
    out = tmp_path / "out"
    try:
        run = reflow_cli("--check", "-j", "1", str(tmp_path / "deep"))
        assert (run.code, run.err_lines[-1]) == (1, "1 file would be reformatted")
        run = reflow_cli("--out-dir", str(out), "-j", "1", str(tmp_path / "deep"))
        assert run.code == 0, run.err
        mirrored = out.joinpath(*["a"] * depth, "notes.md")
        assert mirrored.read_text(encoding="utf-8") == UNWRAPPED
        assert notes.read_text(encoding="utf-8") == WRAPPED
    finally:  # by hand: shutil.rmtree, which pytest cleans up with, recurses a level each
        for top in (tmp_path / "deep", out):
            _remove_chain(top)


def _remove_chain(top: Path) -> None:
    """Remove a chain of single folders ending in files, deepest first, without recursion."""
    chain = [top]
    while True:
        inner = [p for p in chain[-1].iterdir() if p.is_dir()] if chain[-1].is_dir() else []
        if not inner:
            break
        chain.append(inner[0])
    for folder in reversed(chain):
        for path in folder.iterdir() if folder.is_dir() else ():
            if not path.is_dir():
                path.unlink()
        if folder.is_dir():
            folder.rmdir()
