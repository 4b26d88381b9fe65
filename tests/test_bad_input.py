"""Bad input through the real command line: one clear stderr line, the documented exit code,
the rest of the text intact, never a traceback.

Batch and folder faults (missing paths, folders, unreadable files, unwritable output, a full
disk, Ctrl-C) belong to tests/test_cli_batch*.py; this file covers what a single file or stdin
can throw at the filter.
"""

from __future__ import annotations

import codecs
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reflow import lines as lines_module
from reflow.lines import split_lines
from reflow.safety import lost_words

from .conftest import ROOT

EXIT_OK, EXIT_INPUT_FAILED, EXIT_BROKEN_PIPE = 0, 123, 141

#: Opt in to the 50 MB run and the timing comparison: REFLOW_SLOW=1 python -m pytest ...
SLOW = bool(os.environ.get("REFLOW_SLOW"))

PROSE = (
    "The ferry crossed the narrow river before the\n"
    "market opened, and the harbor master counted\n"
    "every crate twice.\n"
    "\n"
    "A quiet morning followed the storm.\n"
)
PROSE_OUT = (
    "The ferry crossed the narrow river before the market opened, and the harbor master "
    "counted every crate twice.\n\nA quiet morning followed the storm.\n"
)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # The checkout, whether or not reflow is installed (CI installs it, a checkout may not).
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.pop("REFLOW_CONFIG", None)
    return env


def reflow_cli(
    *args: str | Path, stdin: bytes | None = b"", cwd: Path | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m reflow ARGS`` with ``stdin`` as its input."""
    return subprocess.run(
        [sys.executable, "-m", "reflow", *map(str, args)],
        input=stdin,
        capture_output=True,
        env=_env(),
        cwd=cwd,
        timeout=timeout,
        check=False,
    )


_LEVELS = ("error: ", "warning: ")


def stderr_lines(result: subprocess.CompletedProcess[bytes]) -> list[str]:
    """The stderr lines, each without its ``reflow: `` prefix and severity word."""
    text = result.stderr.decode("utf-8", errors="replace")
    assert "Traceback" not in text, text
    lines = []
    for line in text.splitlines():
        assert line.startswith("reflow: "), line
        line = line.removeprefix("reflow: ")
        for level in _LEVELS:
            line = line.removeprefix(level)
        lines.append(line)
    return lines


def assert_quiet_success(result: subprocess.CompletedProcess[bytes]) -> str:
    """Exit 0, nothing on stderr; the output as text."""
    assert stderr_lines(result) == []
    assert result.returncode == EXIT_OK
    return result.stdout.decode("utf-8")


@pytest.fixture
def write(tmp_path: Path) -> Iterator[object]:
    def make(name: str, data: bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    yield make


# -- nothing to read ---------------------------------------------------------------------------


def test_empty_file_gives_empty_output(write) -> None:  # type: ignore[no-untyped-def]
    result = reflow_cli(write("empty.txt", b""))
    assert assert_quiet_success(result) == ""


def test_whitespace_only_gives_empty_output(write) -> None:  # type: ignore[no-untyped-def]
    result = reflow_cli(write("blank.txt", b"  \n\t\n\r\n \x0c \n   "))
    assert assert_quiet_success(result) == ""


def test_empty_stdin_gives_empty_output() -> None:
    assert assert_quiet_success(reflow_cli(stdin=b"")) == ""
    assert assert_quiet_success(reflow_cli("-", stdin=b"")) == ""


# -- binary data --------------------------------------------------------------------------------

PNG_LIKE = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 8
ELF_LIKE = (
    b"\x7fELF\x02\x01\x01\x00"
    + b"\x00" * 8
    + b"\x02\x00\x3e\x00\x01\x00\x00\x00"
    + bytes(range(256)) * 16
)
# Compressed-looking data without any signature: only the share of control bytes gives it away.
NO_SIGNATURE = bytes((i * 151 + 17) % 256 for i in range(4096))


@pytest.mark.parametrize(
    ("name", "data"),
    [("picture.png", PNG_LIKE), ("program", ELF_LIKE), ("blob.dat", NO_SIGNATURE)],
    ids=["png", "elf", "no-signature"],
)
def test_binary_is_refused_and_the_next_file_still_comes_through(  # type: ignore[no-untyped-def]
    write, name: str, data: bytes
) -> None:
    binary = write(name, data)
    text = write("after.txt", PROSE.encode())
    result = reflow_cli(binary, text)
    assert stderr_lines(result) == [f"{binary}: looks like binary data, not text"]
    assert result.returncode == EXIT_INPUT_FAILED
    assert result.stdout.decode("utf-8") == PROSE_OUT


def test_binary_on_stdin_is_refused() -> None:
    result = reflow_cli(stdin=ELF_LIKE)
    assert stderr_lines(result) == ["<stdin>: looks like binary data, not text"]
    assert result.returncode == EXIT_INPUT_FAILED
    assert result.stdout == b""


def test_a_few_nul_bytes_in_text_are_removed_not_refused(write) -> None:  # type: ignore[no-untyped-def]
    data = (
        b"The lantern\x00 hung by the door of the\nold granary.\n\n"
        b"Nobody\x00 lit it\x00 that winter.\n"
    )
    out = assert_quiet_success(reflow_cli(write("export.txt", data)))
    assert out == "The lantern hung by the door of the old granary.\n\nNobody lit it that winter.\n"


def test_terminal_escapes_and_controls_are_removed(write) -> None:  # type: ignore[no-untyped-def]
    data = b"A \x1b[1mbold\x1b[0m claim\x07 about the\x7f tide.\n"
    out = assert_quiet_success(reflow_cli(write("log.txt", data)))
    assert out == "A bold claim about the tide.\n"


# -- encodings ------------------------------------------------------------------------------------


def test_invalid_utf8_names_the_file_and_byte_offset(write) -> None:  # type: ignore[no-untyped-def]
    # ASCII text with two stray bytes: not UTF-8, so detection falls back and says so.
    data = b"The first line is fine.\nThe second has \xff\xfe in it.\nThe third is fine.\n"
    path = write("broken.txt", data)
    result = reflow_cli(path)
    offset = data.index(b"\xff")
    assert stderr_lines(result) == [
        f"{path}: not valid UTF-8 (first bad byte at {offset}); decoded as cp1252"
    ]
    assert result.returncode == EXIT_OK
    out = result.stdout.decode("utf-8")
    assert "The first line is fine." in out
    assert "The third is fine." in out
    assert lost_words(data.decode("cp1252"), out) is None


def test_invalid_bytes_in_utf8_text_are_reported_at_their_offset(write) -> None:  # type: ignore[no-untyped-def]
    # Overwhelmingly UTF-8 (13 of the 15 bytes past ASCII), so UTF-8 wins; the lone \x81 and
    # \xe9 are decoded as cp1252 and reported.
    data = (
        "Zoë’s café served crème brûlée.\n".encode()
        + b"A stray \x81 byte and caf\xe9 here.\nThe end.\n"
    )
    path = write("stray.txt", data)
    result = reflow_cli(path)
    offset = data.index(b"\x81")
    assert stderr_lines(result) == [
        f"{path}: 2 byte(s) not valid utf-8, first at byte {offset}; decoded them as cp1252"
    ]
    assert result.returncode == EXIT_OK
    out = result.stdout.decode("utf-8")
    assert "Zoë’s café served crème brûlée." in out
    assert "café here." in out
    assert "The end." in out


def test_mixed_utf8_and_cp1252_lines_both_come_out_right(write) -> None:  # type: ignore[no-untyped-def]
    data = (
        "The naïve baker’s café opened.\n\n".encode()
        + "The “new” café closed – briefly.\n\n".encode("cp1252")
        + "Zoë’s shop stayed open.\n".encode()
    )
    path = write("mixed.txt", data)
    result = reflow_cli(path)
    offset = len("The naïve baker’s café opened.\n\n".encode()) + len("The ")
    (line,) = stderr_lines(result)
    assert line.startswith(f"{path}: ")
    assert f"first at byte {offset}" in line
    assert result.returncode == EXIT_OK
    assert result.stdout.decode("utf-8") == (
        "The naïve baker’s café opened.\n\n"
        "The “new” café closed – briefly.\n\n"
        "Zoë’s shop stayed open.\n"
    )


UNICODE_PROSE = "Zoë’s café crossed the\nriver at dawn.\n\nThe naïve pilot waved.\n"
UNICODE_OUT = "Zoë’s café crossed the river at dawn.\n\nThe naïve pilot waved.\n"


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (b"", "utf-16-le"),
        (b"", "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
    ],
    ids=[
        "utf16le-bom",
        "utf16be-bom",
        "utf16le",
        "utf16be",
        "utf32le-bom",
        "utf32be-bom",
        "utf8-bom",
    ],
)
def test_unicode_encodings_are_decoded(write, bom: bytes, encoding: str) -> None:  # type: ignore[no-untyped-def]
    path = write("wide.txt", bom + UNICODE_PROSE.encode(encoding))
    assert assert_quiet_success(reflow_cli(path)) == UNICODE_OUT
    # The same through a pipe.
    assert assert_quiet_success(reflow_cli(stdin=path.read_bytes())) == UNICODE_OUT


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    "text",
    [
        "Паром пересёк узкую реку\nна рассвете.\n\nРынок открылся поздно.\n",
        "渡船在黎明时分\n穿过了狭窄的河流。\n\n集市开得很晚。\n",
    ],
    ids=["cyrillic", "chinese"],
)
def test_utf16_without_bom_in_other_scripts(write, text: str, encoding: str) -> None:  # type: ignore[no-untyped-def]
    """No NUL pattern to go by: the sample decodes to clean text in one byte order."""
    out = assert_quiet_success(reflow_cli(write("wide.txt", text.encode(encoding))))
    paragraphs = out.split("\n\n")
    assert len(paragraphs) == 2
    assert lost_words(text, out) is None


def test_cr_only_line_endings(write) -> None:  # type: ignore[no-untyped-def]
    data = PROSE.replace("\n", "\r").encode()
    out = assert_quiet_success(reflow_cli(write("classic-mac.txt", data)))
    assert out == PROSE_OUT


def test_mixed_line_endings(write) -> None:  # type: ignore[no-untyped-def]
    data = (
        b"The ferry crossed the narrow river before the\r\nmarket opened, and the harbor master"
        b"\rcounted\nevery crate twice.\r\n\r\nA quiet morning followed the storm.\r"
    )
    out = assert_quiet_success(reflow_cli(write("mixed-endings.txt", data)))
    assert out == PROSE_OUT


# -- size -----------------------------------------------------------------------------------------


def _one_line(size: int) -> bytes:
    words = b"harbor lantern quarry meadow tunnel orchard ferry market ".split()
    out = bytearray()
    index = 0
    while len(out) < size:
        out += words[index % len(words)] + b" "
        index += 7
    return bytes(out[:size]).rstrip() + b"."


def test_a_line_of_a_million_characters(write) -> None:  # type: ignore[no-untyped-def]
    data = _one_line(1_000_000)
    out = assert_quiet_success(reflow_cli(write("long-line.txt", data)))
    assert out.encode() == data + b"\n"


def test_a_word_of_a_million_characters_is_never_broken(write) -> None:  # type: ignore[no-untyped-def]
    word = b"ab" * 500_000
    data = b"Before the long word " + word + b" after it.\n"
    out = assert_quiet_success(reflow_cli(write("long-word.txt", data), "--width", "72"))
    assert out.encode() == b"Before the long word\n" + word + b"\nafter it.\n"


def test_megabytes_without_a_newline(write) -> None:  # type: ignore[no-untyped-def]
    data = _one_line(2_000_000)
    out = assert_quiet_success(reflow_cli(write("no-newline.txt", data)))
    assert out.encode() == data + b"\n"


def test_splitting_a_long_line_is_linear_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of one unfinished line are scanned once each, not re-scanned with all before them.

    Counted, not timed: the quadratic version re-split the whole carried line for every 64 KiB
    chunk, about (chunks / 2) times the input; the linear one touches each character twice.
    """
    scanned = 0
    real = lines_module._split_chunk

    def counting(text: str) -> list[str]:
        nonlocal scanned
        scanned += len(text)
        return real(text)

    monkeypatch.setattr(lines_module, "_split_chunk", counting)
    chunk = "word " * 1000
    chunks = [chunk] * 400 + ["end\nnext line\n"]
    assert list(split_lines(chunks)) == [chunk * 400 + "end", "next line"]
    total = sum(map(len, chunks))
    assert scanned <= 2 * total


@pytest.mark.skipif(not SLOW, reason="50 MB run: set REFLOW_SLOW=1 (takes ~15 s)")
def test_fifty_megabytes_without_a_newline(tmp_path: Path) -> None:
    path = tmp_path / "fifty.txt"
    data = _one_line(50_000_000)
    path.write_bytes(data)
    result = reflow_cli(path, timeout=300)
    assert stderr_lines(result) == []
    assert result.returncode == EXIT_OK
    assert result.stdout == data + b"\n"


@pytest.mark.skipif(not SLOW, reason="timing comparison: set REFLOW_SLOW=1")
def test_time_grows_linearly_with_a_long_line(tmp_path: Path) -> None:
    """A benchmark, opt-in: four times the input may take at most eight times as long."""

    def seconds(size: int) -> float:
        path = tmp_path / f"line-{size}.txt"
        path.write_bytes(_one_line(size))
        best = float("inf")
        for _ in range(2):
            start = time.perf_counter()
            assert reflow_cli(path).returncode == EXIT_OK
            best = min(best, time.perf_counter() - start)
        return best

    startup = seconds(10)
    small, large = seconds(4_000_000) - startup, seconds(16_000_000) - startup
    assert large < 8 * small, (small, large)


# -- structure ------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_deeply_nested_lists(write, suffix: str) -> None:  # type: ignore[no-untyped-def]
    text = "".join("  " * level + f"- item at level {level}\n" for level in range(200))
    out = assert_quiet_success(reflow_cli(write("nested" + suffix, text.encode())))
    assert lost_words(text, out) is None
    assert "item at level 199" in out


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_deeply_nested_quotes(write, suffix: str) -> None:  # type: ignore[no-untyped-def]
    text = "".join("> " * level + f"quoted at level {level}\n\n" for level in range(1, 201))
    text += "> " * 200 + "the deepest quote\n"
    out = assert_quiet_success(reflow_cli(write("quotes" + suffix, text.encode())))
    assert lost_words(text, out) is None


# -- pipes ----------------------------------------------------------------------------------------


def test_stdin_writer_that_stops_early_gives_what_arrived() -> None:
    """The writer dies mid-line: what arrived is cleaned and written, nothing is invented."""
    process = subprocess.Popen(
        [sys.executable, "-m", "reflow"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
    )
    # communicate() writes, then closes the pipe: EOF arrives in the middle of a word.
    out, err = process.communicate(b"The ferry crossed the\nnarrow river and the har", timeout=60)
    assert err == b""
    assert process.returncode == EXIT_OK
    assert out == b"The ferry crossed the narrow river and the har\n"


def test_closed_stdin_is_one_clear_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reflow"],
        capture_output=True,
        env=_env(),
        preexec_fn=lambda: os.close(0),  # the child starts without fd 0
        timeout=60,
        check=False,
    )
    assert len(stderr_lines(result)) == 1
    assert result.returncode == EXIT_INPUT_FAILED


@pytest.mark.parametrize("mode", [[], ["--diff"]])
def test_closed_stdout_is_one_clear_line_not_a_traceback(tmp_path: Path, mode: list[str]) -> None:
    """``reflow FILE >&-``: Python sets sys.stdout to None; the output has nowhere to go."""
    path = tmp_path / "notes.md"
    path.write_bytes(b"The ferry crossed the\nnarrow river.\n")
    result = subprocess.run(
        [sys.executable, "-m", "reflow", *mode, str(path)],
        capture_output=True,
        env=_env(),
        preexec_fn=lambda: os.close(1),  # the child starts without fd 1
        timeout=60,
        check=False,
    )
    assert stderr_lines(result) == ["<stdout>: standard output is closed"]
    assert result.returncode == EXIT_INPUT_FAILED
    assert path.read_bytes() == b"The ferry crossed the\nnarrow river.\n"


@pytest.mark.parametrize(
    ("args", "code"),
    [([], EXIT_OK), (["--explain"], EXIT_OK), (["--check", "-j", "2"], 1), (["-i"], EXIT_OK)],
)
def test_closed_stderr_changes_nothing_but_the_messages(
    tmp_path: Path, args: list[str], code: int
) -> None:
    """``reflow FILE 2>&-`` (a cron job, a daemon): messages are lost, the work and the exit
    code are not."""
    paths = [tmp_path / "a.md", tmp_path / "b.md"]
    for path in paths:
        path.write_bytes(b"The ferry crossed the\nnarrow river.\n")
    named = [str(paths[0])] if not args or args == ["--explain"] else [str(tmp_path)]
    result = subprocess.run(
        [sys.executable, "-m", "reflow", *args, *named],
        capture_output=True,
        env={**_env(), "CI": ""},  # a progress bar would be drawn on a terminal only
        preexec_fn=lambda: os.close(2),  # the child starts without fd 2
        timeout=60,
        check=False,
    )
    assert result.returncode == code
    if not args or args == ["--explain"]:
        assert result.stdout == b"The ferry crossed the narrow river.\n"
    if args == ["-i"]:
        assert all(p.read_bytes() == b"The ferry crossed the narrow river.\n" for p in paths)


def _many_paragraphs(count: int) -> bytes:
    rows = [
        f"Paragraph {n} says the harbor opened its gates\nearly on a quiet morning.\n"
        for n in range(count)
    ]
    return "\n".join(rows).encode()


@pytest.mark.parametrize("via", ["file", "stdin"])
def test_reader_closing_early_is_quiet(tmp_path: Path, via: str) -> None:
    """``reflow big.txt | head -1``: stop without a traceback or message, exit 141 (or 0)."""
    data = _many_paragraphs(40_000)  # ~3 MB of output: far past any pipe buffer
    path = tmp_path / "big.txt"
    path.write_bytes(data)
    args = [sys.executable, "-m", "reflow"] + ([str(path)] if via == "file" else [])
    with open(path, "rb") as source:
        process = subprocess.Popen(
            args,
            stdin=source if via == "stdin" else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_env(),
        )
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()  # what head does after its first line
        err = process.stderr.read()
        process.wait(timeout=60)
    assert first == b"Paragraph 0 says the harbor opened its gates early on a quiet morning.\n"
    assert err == b""
    assert process.returncode in (EXIT_BROKEN_PIPE, EXIT_OK)


# -- the library, given the wrong things --------------------------------------------------------

import io  # noqa: E402

import reflow  # noqa: E402
from reflow import cli, options  # noqa: E402
from reflow.errors import OptionsError  # noqa: E402


@pytest.mark.parametrize(
    ("call", "says"),
    [
        (lambda: reflow.normalize(b"The ferry\ncrossed.\n"), "normalize takes str, not bytes"),
        (lambda: reflow.normalize(None), "normalize takes str, not NoneType"),
        (lambda: reflow.normalize_bytes("The ferry\n"), "normalize_bytes takes bytes, not str"),
        (lambda: reflow.stream(io.StringIO("The ferry\n"), io.BytesIO()), "binary input"),
        (lambda: reflow.stream(io.BytesIO(b"The ferry\n"), io.StringIO()), "binary output"),
        (lambda: list(reflow.iter_blocks(None)), "str, bytes or a binary input"),
        (lambda: reflow.normalize("The ferry\n", options={"to": "text"}), "reflow.Options"),
    ],
)
def test_the_wrong_type_is_a_type_error_that_says_what_to_pass(call: object, says: str) -> None:
    """Not an AttributeError from deep in the pipeline, nor None read as an empty text."""
    with pytest.raises(TypeError, match=re.escape(says)):
        call()  # type: ignore[operator]


def test_a_text_stream_is_refused_before_any_output() -> None:
    out = io.StringIO()
    with pytest.raises(TypeError):
        reflow.stream(io.BytesIO(b"The ferry\ncrossed.\n"), out)
    assert out.getvalue() == ""


def test_an_unknown_option_is_named() -> None:
    with pytest.raises(OptionsError, match="unknown option 'colour'"):
        reflow.normalize("The ferry\n", colour=True)


@pytest.mark.parametrize(
    "given", [{"width": 10**12}, {"width": True}, {"wrap": "99999"}, {"width": -1}]
)
def test_a_width_past_the_bound_is_refused_by_the_library_as_by_the_command(
    given: dict[str, object],
) -> None:
    # Past it, a width overflows the compiled modules' C arithmetic (an OverflowError there).
    with pytest.raises(OptionsError, match="from 0 to 10,000"):
        reflow.normalize("The ferry\ncrossed.\n", to="text", **given)
    assert cli.MAX_WIDTH == options.MAX_WIDTH
    assert reflow.normalize("The ferry\ncrossed.\n", to="text", width=options.MAX_WIDTH) == (
        "The ferry crossed.\n"
    )


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_diff_reader_closing_early_exits_141_not_1(tmp_path: Path, jobs: str) -> None:
    """``reflow --diff docs/ | head``: click turned the broken pipe into exit 1, which --diff
    uses for "files would change"."""
    for n in range(40):
        (tmp_path / f"{n:02}.md").write_bytes(_many_paragraphs(60))  # diffs far past a pipe
    process = subprocess.Popen(
        [sys.executable, "-m", "reflow", "--diff", "-j", jobs, str(tmp_path)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    err = process.stderr.read().decode()
    assert process.wait(timeout=120) == EXIT_BROKEN_PIPE
    assert first == f"--- {tmp_path}/00.md\n".encode()
    assert "Traceback" not in err and "error" not in err
    assert not [p for p in tmp_path.iterdir() if p.suffix != ".md"]
