"""Bounded memory: large text files stream with every check kept; long Markdown goes in chunks."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reflow import api, batch, streamed
from reflow.batch import Job, Status, Task, convert_file, large_files, options_for
from reflow.batch.large_files import _convert_streamed
from reflow.options import Options
from reflow.safety import (
    BlockCheck,
    SpellingMatch,
    WordFeed,
    WordMatch,
    beyond_spacing,
    output_spelling,
    spelling,
    word_stream,
)

from .test_cli import ROOT, child_env

FIXTURES = ROOT / "fixtures"
_TEXT_CASES = sorted(p.parent.name for p in FIXTURES.glob("*/input.txt"))

_WORDS = (
    "harbour lantern meadow copper quarry orchard ferry granite willow beacon thistle "
    "cobble marrow tinder saddle furrow"
).split()


def prose(paragraphs: int, seed: int = 3) -> str:
    """Numbered hard-wrapped paragraphs, none repeating another (so none is dropped)."""
    out: list[str] = []
    for n in range(paragraphs):
        words = [_WORDS[(n * 7 + k * (seed + n % 5)) % len(_WORDS)] for k in range(60)]
        words[0] = f"Paragraph {n} opens with {words[0]}"
        text = " ".join(words) + "."
        lines, line = [], ""
        for word in text.split(" "):
            if line and len(line) + 1 + len(word) > 70:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        out.append("\n".join([*lines, line]))
    return "\n\n".join(out) + "\n"


def _convert(path: Path, job: Job, *, stream: bool, monkeypatch: pytest.MonkeyPatch) -> Status:
    monkeypatch.setattr(large_files, "STREAM_SIZE", 0 if stream else 1 << 62)
    return convert_file(Task(path, path), job).status


def _streamed_only(task: Task, job: Job) -> batch.Result | None:
    return _convert_streamed(task, job, options_for(job, task.label), [])


# --- streamed equals whole ------------------------------------------------------------------


@pytest.mark.parametrize("case", _TEXT_CASES)
def test_streamed_in_place_equals_whole_on_golden_inputs(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = (FIXTURES / case / "input.txt").read_bytes()
    whole, stream = tmp_path / "whole.txt", tmp_path / "stream.txt"
    whole.write_bytes(data)
    stream.write_bytes(data)
    job = Job()
    assert _convert(stream, job, stream=True, monkeypatch=monkeypatch) == _convert(
        whole, job, stream=False, monkeypatch=monkeypatch
    )
    assert stream.read_bytes() == whole.read_bytes()


@pytest.mark.parametrize(
    ("encoding", "newline", "job"),
    [
        ("utf-8", "\r\n", Job()),
        ("utf-8-sig", "\n", Job()),
        ("utf-16", "\r\n", Job()),
        ("utf-16", "\n", Job(output_encoding="utf-8", line_ending="crlf")),
        ("utf-8", "\r", Job(options=Options(width=40), line_ending="lf")),
    ],
)
def test_streamed_output_keeps_encoding_bom_and_line_ending_as_whole_does(
    encoding: str, newline: str, job: Job, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = prose(40).replace("\n", newline).encode(encoding)
    whole, stream = tmp_path / "whole.txt", tmp_path / "stream.txt"
    whole.write_bytes(data)
    stream.write_bytes(data)
    assert _streamed_only(Task(stream, stream), job) is not None  # it did stream
    _convert(whole, job, stream=False, monkeypatch=monkeypatch)
    assert stream.read_bytes() == whole.read_bytes() != data


@pytest.mark.parametrize("output_encoding", ["keep", "utf-8"])
def test_a_legacy_encoding_takes_the_whole_file_path(output_encoding: str, tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes(("Caf\u00e9 cr\u00e8me, na\u00efve fa\u00e7ade.\n" * 300).encode("cp1252"))
    job = Job(output_encoding=output_encoding)  # type: ignore[arg-type]
    assert _streamed_only(Task(path, path), job) is None
    assert path.read_bytes().startswith(b"Caf\xe9")


def test_check_and_out_dir_stream_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "in" / "a.txt"
    source.parent.mkdir()
    source.write_text(prose(30), encoding="utf-8")
    job = Job()
    assert _streamed_only(Task(source), job).status is Status.CHANGED  # type: ignore[union-attr]
    out = tmp_path / "out"
    task = Task(source, out / "a.txt", out_dir=out)
    assert _streamed_only(task, job).status is Status.CHANGED  # type: ignore[union-attr]
    assert _streamed_only(task, job).status is Status.UNCHANGED  # type: ignore[union-attr]
    monkeypatch.setattr(large_files, "STREAM_SIZE", 1 << 62)
    assert (out / "a.txt").read_text(encoding="utf-8") == api.normalize(prose(30))
    assert source.read_text(encoding="utf-8") == prose(30)


# --- the checks still hold ------------------------------------------------------------------


def _losing(word: str, after: int) -> object:
    """A renderer that leaves ``word`` out of every piece after the first ``after``."""
    real = streamed.render

    def render(blocks: object, options: Options, **kwargs: object) -> Iterator[str]:
        for n, piece in enumerate(real(blocks, options, **kwargs)):  # type: ignore[arg-type]
            yield piece.replace(f" {word} ", " ") if n >= after else piece

    return render


def test_a_word_lost_late_in_a_streamed_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    text = prose(200)
    path.write_text(text, encoding="utf-8")
    faulty = _losing("orchard", after=150)
    # Both the streamed and the whole-file conversion lose it; the checks render on their own.
    monkeypatch.setattr(streamed, "render", faulty)
    monkeypatch.setattr(api, "render", faulty)
    assert _streamed_only(Task(path, path), Job()) is None  # the streamed check found it
    monkeypatch.setattr(large_files, "STREAM_SIZE", 0)
    result = convert_file(Task(path, path), Job())
    assert result.status is Status.FAILED
    assert "would lose words" in result.message
    assert path.read_text(encoding="utf-8") == text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]  # no temporary file left


def test_an_edit_during_a_streamed_run_is_detected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(prose(200), encoding="utf-8")
    edited = prose(200).replace("Paragraph 0 ", "Paragraph zero ", 1)
    real = streamed.render

    def render_while_edited(blocks: object, options: Options) -> Iterator[str]:
        for n, piece in enumerate(real(blocks, options)):  # type: ignore[arg-type]
            if n == 100 and path.read_text(encoding="utf-8") != edited:
                path.write_text(edited, encoding="utf-8")
            yield piece

    monkeypatch.setattr(streamed, "render", render_while_edited)
    result = _streamed_only(Task(path, path), Job())
    assert result is not None
    assert result.status is Status.FAILED
    assert "changed while reflow was converting it" in result.message
    assert path.read_text(encoding="utf-8") == edited
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def _second_run_differs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make the stream's second run of a file give another digest than its first; the list
    returned grows by one entry a run."""
    real = streamed.convert_stream
    runs: list[str] = []

    def second_run_differs(*args: object, **kwargs: object) -> streamed.Output:
        output = real(*args, **kwargs)  # type: ignore[arg-type]
        runs.append("run")
        if len(runs) == 2:
            output.digest = bytes(16)
        return output

    monkeypatch.setattr(streamed, "convert_stream", second_run_differs)
    return runs


def test_an_unstable_streamed_result_goes_to_the_whole_file_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(prose(50), encoding="utf-8")
    runs = _second_run_differs(monkeypatch)
    assert _streamed_only(Task(path, path), Job()) is None
    assert len(runs) == 2
    assert path.read_text(encoding="utf-8") == prose(50)


def _furnished(paragraphs: int) -> str:
    """``prose`` with a caption, its credit and a lone separator: in place, more than spacing."""
    caption = "Gulls over the breakwater at low tide on Sunday. Credit\nIda Fenn/Quay Gazette\n|\n"
    return caption + prose(paragraphs)


def _no_whole_file_path(monkeypatch: pytest.MonkeyPatch) -> None:
    import reflow.batch.convert as convert_module

    def whole(*args: object, **kwargs: object) -> object:
        raise AssertionError("the whole-file path was taken")

    monkeypatch.setattr(convert_module, "convert_bytes", whole)


@pytest.mark.parametrize("check", [False, True])
def test_a_streamed_file_changed_beyond_spacing_is_refused_by_the_stream(
    check: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(_furnished(200), encoding="utf-8")
    task = Task(path) if check else Task(path, path)
    monkeypatch.setattr(large_files, "STREAM_SIZE", 1 << 62)
    whole = convert_file(task, Job())
    monkeypatch.setattr(large_files, "STREAM_SIZE", 0)
    _no_whole_file_path(monkeypatch)  # it held ~30x the file to say the same
    result = convert_file(task, Job())
    assert result.status is whole.status is Status.SKIPPED
    assert "change more than its spacing" in result.message
    assert path.read_text(encoding="utf-8") == _furnished(200)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_a_streamed_file_that_cannot_be_replaced_is_said_so_by_the_stream(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, done = tmp_path / "a.txt", tmp_path / "done.txt"
    path.write_text(prose(200), encoding="utf-8")
    done.write_text(api.normalize(prose(200)), encoding="utf-8")
    path.chmod(0o444)
    done.chmod(0o444)
    monkeypatch.setattr(large_files, "STREAM_SIZE", 0)
    _no_whole_file_path(monkeypatch)
    result = convert_file(Task(path, path), Job())
    assert result.status is Status.FAILED
    assert result.message == f"{path}: it is read-only, so it is left alone"
    assert path.read_text(encoding="utf-8") == prose(200)
    assert convert_file(Task(done, done), Job()).status is Status.UNCHANGED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "done.txt"]


def test_above_the_whole_check_size_a_word_lost_is_refused_on_the_stream_verdict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(prose(200), encoding="utf-8")
    monkeypatch.setattr(streamed, "render", _losing("orchard", after=150))
    monkeypatch.setattr(large_files, "STREAM_SIZE", 0)
    monkeypatch.setattr(large_files, "WHOLE_CHECK_SIZE", path.stat().st_size - 1)
    _no_whole_file_path(monkeypatch)
    result = convert_file(Task(path, path), Job())
    assert result.status is Status.FAILED
    assert "would lose words" in result.message and "orchard" in result.message
    assert path.read_text(encoding="utf-8") == prose(200)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_above_the_whole_check_size_an_unstable_result_is_an_internal_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(prose(50), encoding="utf-8")
    _second_run_differs(monkeypatch)
    monkeypatch.setattr(large_files, "WHOLE_CHECK_SIZE", 0)
    monkeypatch.setenv("TMPDIR", str(tmp_path / "logs"))
    (tmp_path / "logs").mkdir()
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    result = _streamed_only(Task(path, path), Job())
    assert result is not None and result.status is Status.FAILED
    assert result.message.startswith(f"INTERNAL ERROR: reflow produced unstable output on {path}")
    assert path.read_text(encoding="utf-8") == prose(50)
    logs = list((tmp_path / "logs").iterdir())
    assert len(logs) == 1 and "too large to log" in logs[0].read_text(encoding="utf-8")


def test_word_feed_holds_a_word_cut_between_pieces() -> None:
    feed = WordFeed()
    text = "A Credit line, then Cred" + "it again and snow_drift."
    got = feed(text[:24]) + feed(text[24:]) + feed.end()
    assert got == word_stream(text)


def test_word_match_reports_where_the_streams_part() -> None:
    match = WordMatch()
    for piece in ("alpha", "beta", "gamma"):
        match.want(piece)
    match.have("alphabeta")
    assert match.problem is None
    match.have("gamme")
    assert match.problem is not None and "gamma" in match.problem
    ended = WordMatch()
    ended.want("one")
    assert ended.end() is not None


def test_block_check_finds_a_word_missing_from_one_block_of_many() -> None:
    options = Options()
    text = prose(60)
    blocks = list(batch.convert_bytes(text.encode(), options, notes=True).blocks or ())
    check = BlockCheck(options)
    check.lines(text.split("\n")[:-1])
    for n, block in enumerate(blocks):
        check.block(block)
        piece = api.render([block], options)
        shown = "".join(piece)
        check.output(shown.replace(" quarry ", " ") if n == 45 else shown)
    assert check.end() is not None
    intact = BlockCheck(options)
    intact.lines(text.split("\n")[:-1])
    for block in blocks:
        intact.block(block)
        intact.output("".join(api.render([block], options)))
    assert intact.end() is None


# --- growth ---------------------------------------------------------------------------------

_PEAK = """
import resource, sys
import reflow.batch.large_files
reflow.batch.large_files.STREAM_SIZE = 0  # stream at every size, so both sizes take the same path
from reflow.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _peak_kib(*args: str) -> int:
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, *args],
        env=child_env(),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return int(done.stdout.split()[-1])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss in KiB on Linux")
def test_in_place_memory_does_not_grow_with_the_file(tmp_path: Path) -> None:
    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    small.write_text(prose(400), encoding="utf-8")  # about 0.2 MB
    large.write_text(prose(4000), encoding="utf-8")  # ten times that
    assert large.stat().st_size > 9 * small.stat().st_size
    peaks = [_peak_kib("-i", str(path)) for path in (small, large)]
    # Whole-file conversion holds ~30x the file: 1.7 MB more cost 34 MB more before streaming.
    assert peaks[1] < peaks[0] + 8 * 1024, peaks
    assert large.read_text(encoding="utf-8").startswith("Paragraph 0 opens with harbour ")
    assert sorted(os.listdir(tmp_path)) == ["large.txt", "small.txt"]  # no temporary file left


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss in KiB on Linux")
def test_a_refusal_in_place_does_not_grow_with_the_file(tmp_path: Path) -> None:
    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    small.write_text(_furnished(400), encoding="utf-8")
    large.write_text(_furnished(4000), encoding="utf-8")
    peaks = [_peak_kib("-i", str(path)) for path in (small, large)]
    # The refusal took the whole-file path after the stream: 5 MB peaked at 177 MB.
    assert peaks[1] < peaks[0] + 8 * 1024, peaks
    assert large.read_text(encoding="utf-8") == _furnished(4000)


# --- Markdown in chunks ---------------------------------------------------------------------

from reflow.dialects import resolve_dialect  # noqa: E402
from reflow.markdown import chunks, format_markdown  # noqa: E402
from reflow.markdown.chunks import _chunks  # noqa: E402

from .conftest import SHARED  # noqa: E402

SHARED_CASES = SHARED / "markdown" / "cases"
_MD_INPUTS = sorted(FIXTURES.glob("*/input.md")) + (
    sorted(SHARED_CASES.glob("*.md")) if SHARED_CASES.is_dir() else []
)
_MD_OPTIONS = [
    Options(source="markdown"),
    Options(source="markdown", width=40),
    Options(source="markdown", wrap="auto"),
    Options(source="markdown", wrap="sentence"),
]


def _whole_and_chunked(
    text: str, options: Options, name: str, lines: int, monkeypatch: pytest.MonkeyPatch
) -> tuple[str, str, int]:
    monkeypatch.setattr(chunks, "CHUNK_LINES", 1 << 30)
    whole = format_markdown(text, options, name)
    monkeypatch.setattr(chunks, "CHUNK_LINES", lines)
    found = _chunks(text, resolve_dialect(options.dialect, name))
    return whole, format_markdown(text, options, name), len(found[0]) if found else 1


@pytest.mark.parametrize("options", _MD_OPTIONS, ids=["no", "w40", "auto", "sentence"])
def test_chunked_markdown_equals_the_whole_document_conversion(
    options: Options, monkeypatch: pytest.MonkeyPatch
) -> None:
    chunked_cases = 0
    for path in _MD_INPUTS:
        text = path.read_bytes().decode("utf-8")
        for lines in (1, 3, 8):
            whole, chunked, chunks = _whole_and_chunked(
                text, options, str(path), lines, monkeypatch
            )
            assert chunked == whole, (path, lines)
            chunked_cases += chunks > 1
    assert chunked_cases >= 10  # the cases were cut, not formatted whole


@pytest.mark.skipif(
    not (SHARED / "markdown" / "check.py").exists() or not SHARED_CASES.is_dir(),
    reason="shared Markdown cases absent",
)
def test_chunked_markdown_passes_the_shared_checker(monkeypatch: pytest.MonkeyPatch) -> None:
    from .test_markdown import _checker

    check = _checker()
    parser = check.build_parser()
    monkeypatch.setattr(chunks, "CHUNK_LINES", 3)
    failures = []
    for path in sorted(SHARED_CASES.glob("*.md")):
        text = path.read_bytes().decode("utf-8")
        out = format_markdown(text, Options(source="markdown"), str(path))
        equivalent, detail, faithful, why, _ = check.compare(
            check.Doc(parser, text), check.Doc(parser, out)
        )
        if not (equivalent and faithful):
            failures.append(f"{path.name}: {detail or why}")
    assert not failures, "\n".join(failures)


def _chunk_offsets(text: str, lines: int, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Where each chunk of ``text`` begins, cut with windows of ``lines`` lines."""
    monkeypatch.setattr(chunks, "CHUNK_LINES", lines)
    found = _chunks(text, "commonmark")
    assert found is not None
    offsets = found[0]
    assert offsets[0] == 0
    assert all(text[at - 1] == "\n" for at in offsets[1:])  # each at a line's start
    return offsets


@pytest.mark.parametrize(
    "block",
    [
        "- a list item\n\n  still the item after a blank line\n\n- another item\n",
        "```\ncode line\n\ncode after a blank line\n```\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n",
        "<pre>\nkept\n\nafter a blank line\n</pre>\n",
        "<!-- reflow: off -->\n\nkept as\nwritten\n\n<!-- reflow: on -->\n",
        "{% raw %}\n\ntemplate text\n\n{% endraw %}\n",
        "> a quote\n>\n> its second paragraph\n",
        "<!-- prettier-ignore -->\n\nset by\nhand\n",
    ],
    ids=["list", "fence", "table", "html", "off-region", "template-span", "quote", "ignore-next"],
)
def test_a_chunk_never_begins_inside_a_block_or_span(
    block: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    para = "A paragraph of\nwrapped words.\n"
    text = "\n".join([para] * 3 + [block] + [para] * 3)
    offsets = _chunk_offsets(text, 2, monkeypatch)
    assert len(offsets) > 2
    begin = text.index(block)
    assert not [at for at in offsets if begin < at < begin + len(block)]


def test_chunks_know_reference_definitions_made_anywhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    para = "A paragraph that links to [the harbour][harbour]\nand goes on.\n"
    text = "\n".join([para] * 12 + ["[harbour]: https://example.org/harbour\n"])
    monkeypatch.setattr(chunks, "CHUNK_LINES", 4)
    found = _chunks(text, "commonmark")
    assert found is not None and len(found[0]) > 2
    assert "HARBOUR" in found[1]  # labels as markdown-it normalizes them
    whole, chunked, _ = _whole_and_chunked(text, Options(source="markdown"), "a.md", 4, monkeypatch)
    assert chunked == whole != text


def test_footnotes_keep_a_document_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    para = "A paragraph with a note[^1]\nand more words.\n"
    text = "\n".join([para] * 12 + ["[^1]: The note.\n"])
    monkeypatch.setattr(chunks, "CHUNK_LINES", 4)
    assert _chunks(text, "commonmark") is None


_MD_PEAK = """
import resource, sys
import reflow.markdown.chunks
reflow.markdown.chunks.CHUNK_LINES = 200
from reflow.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""


def _markdown_document(sections: int) -> str:
    out = []
    for n in range(sections):
        out.append(f"## Part {n}\n\n{prose(2, seed=n % 7)}\n- item one of {n}\n- item two\n")
        out.append("| k | v |\n|---|---|\n" + "".join(f"| {n} | {k} |\n" for k in range(5)))
    return "\n".join(out)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss in KiB on Linux")
def test_markdown_memory_does_not_grow_with_the_document(tmp_path: Path) -> None:
    peaks = []
    for sections in (40, 400):
        path = tmp_path / f"doc{sections}.md"
        path.write_text(_markdown_document(sections), encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-c", _MD_PEAK, "--from", "markdown", "-"],
            stdin=path.open("rb"),
            env=child_env(),
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        assert done.stdout.startswith("## Part 0\n\nParagraph 0 opens with harbour ")
        peaks.append(int(done.stderr.split()[-1]))
    # Formatted whole, 0.38 MB more cost 23 MB more; in chunks, under 1 MB.
    assert peaks[1] < peaks[0] + 8 * 1024, peaks


def test_a_read_only_file_already_formatted_is_unchanged_not_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(api.normalize(prose(30), to="text"), encoding="utf-8")
    path.chmod(0o444)
    job = Job(options=Options(to="text"), explicit_to=True)
    streamed_result = _streamed_only(Task(path, path), job)  # said by the stream itself
    assert streamed_result is not None and streamed_result.status is Status.UNCHANGED
    monkeypatch.setattr(large_files, "STREAM_SIZE", 1 << 62)
    assert convert_file(Task(path, path), job).status is Status.UNCHANGED


def test_a_document_without_a_place_to_cut_is_parsed_a_few_times_not_once_a_window(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "A line of a paragraph that never ends\n" * 2000  # no blank line: no cut
    windows: list[int] = []
    real = chunks._last_cut

    def counted(tokens: list[object], *args: object) -> int | None:
        windows.append(len(tokens))
        return real(tokens, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(chunks, "_last_cut", counted)
    monkeypatch.setattr(chunks, "CHUNK_LINES", 10)
    assert _chunks(text, "commonmark") is None
    assert len(windows) <= 10  # the window doubles: log2(2000 / 10) + 1 parses, not 200


# --- in place, a text file changes its spacing only ----------------------------------------

#: A text file reflow would take apart: a heading's underline, a comment, a command.
_NOT_ONLY_SPACING = (
    "Tide tables\n===========\n\n# kept for the harbour master\n\n"
    + prose(40)
    + "\n  tide --station 17\n"
)


@pytest.mark.parametrize("stream", [False, True])
def test_in_place_a_text_file_changes_its_spacing_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stream: bool
) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(_NOT_ONLY_SPACING, encoding="utf-8")
    assert _convert(path, Job(), stream=stream, monkeypatch=monkeypatch) is Status.SKIPPED
    assert path.read_text(encoding="utf-8") == _NOT_ONLY_SPACING
    result = convert_file(Task(path, path), Job())
    assert "left as written: the result would change more than its spacing" in result.message
    # Written elsewhere, it is converted as ever.
    target = tmp_path / "out" / "notes.txt"
    assert convert_file(Task(path, target), Job()).status is Status.CHANGED
    assert "===" not in target.read_text(encoding="utf-8")
    # Its paragraphs alone, hard-wrapped and de-hyphenated, change in place.
    # Columns lined up, which a join would close up: left as written too.
    aligned = prose(40) + "\nStation   High water   Low water\nNorth pier   06:10   12:25\n"
    path.write_text(aligned, encoding="utf-8")
    assert _convert(path, Job(), stream=stream, monkeypatch=monkeypatch) is Status.SKIPPED
    text = prose(40).replace("Paragraph 5 opens", "Para-\ngraph 5 opens")
    path.write_text(text, encoding="utf-8")
    assert _convert(path, Job(), stream=stream, monkeypatch=monkeypatch) is Status.CHANGED
    assert "Paragraph 5 opens" in path.read_text(encoding="utf-8")
    # A NUL the pipeline drops is a control character the file holds: left as written.
    nul = prose(40).replace("Paragraph 5 opens", "Paragraph 5\x00 opens")
    path.write_text(nul, encoding="utf-8")
    assert _convert(path, Job(), stream=stream, monkeypatch=monkeypatch) is Status.SKIPPED
    assert path.read_text(encoding="utf-8") == nul


@pytest.mark.parametrize(
    ("before", "after", "same"),
    [
        ("a wrapped\nline  here\n", "a wrapped line here\n", True),
        ("exam-\nple and well-\nknown\n", "example and well-known\n", True),
        ("ends with a hyphen-\n", "ends with a hyphen\n", True),
        # groff's hyphen (U+2010) at a man page's line ends, dropped or kept.
        ("expan\u2010\nsion and read\u2010\nonly\n", "expansion and read\u2010only\n", True),
        ("Title\n=====\nText\n", "Title\n\nText\n", False),
        ("# a comment\nentry\n", "a comment entry\n", False),
        ("a \x1b[1mbold\x1b[0m word\n", "a bold word\n", False),
        ("a mid-word hyphen\n", "a midword hyphen\n", False),
        # Columns lined up (tabs, three spaces or more) stay lined up; two spaces are prose's.
        (
            "kern.*    /var/log/kern\t# the kernel\nnext\n",
            "kern.*    /var/log/kern\t# the kernel\n\nnext\n",
            True,
        ),
        (
            "kern.*    /var/log/kern\nuser.*    /var/log/user\n",
            "kern.* /var/log/kern user.* /var/log/user\n",
            False,
        ),
        ("One sentence.  Another\nwrapped.\n", "One sentence. Another wrapped.\n", True),
        # A NUL or U+0001 of the text's own is a control character, not the marks the check
        # writes for a line-end hyphen or a lined-up gap (they were those characters).
        ("a stray\x00 NUL in\nthe text\n", "a stray NUL in the text\n", False),
        ("the word-\x00\nbreak\n", "the wordbreak\n", False),
        ("a\x01b\nc\n", "a   b c\n", False),
    ],
)
def test_spacing_only_is_judged_alike_whole_and_in_pieces(
    before: str, after: str, same: bool
) -> None:
    assert (beyond_spacing(before, after) is None) is same
    # Both a few lines at a time, as BlockCheck gives them.
    lines, result = before.splitlines(keepends=True), after.splitlines(keepends=True)
    for size in (1, 2, 3):
        match = SpellingMatch()
        for start in range(0, max(len(lines), len(result)), size):
            match.want(spelling("".join(lines[start : start + size])))
            match.have(output_spelling("".join(result[start : start + size])))
        assert (match.end() is None) is same, size


@pytest.mark.parametrize(
    ("piece", "options"),
    [
        ("=", {}),  # a rule line: the pattern's backtracking kept a frame a character
        ("- ", {}),
        ("  -", {}),  # cells apart by blanks: each listed
        ("+", {}),  # a grid border's walls: each listed
        ("中", {"to": "text", "width": 72}),  # a run of Chinese cut into lines, each cached
        ("{", {"source": "markdown"}),  # a template line's pattern, backtracking
    ],
)
def test_one_hostile_line_takes_memory_in_proportion_to_itself(
    piece: str, options: dict[str, object]
) -> None:
    import tracemalloc

    text = piece * (300_000 // len(piece)) + "\n"
    api.normalize("warm up\n", **options)  # patterns compiled, tables loaded
    tracemalloc.start()
    try:
        api.normalize(text, **options)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # The line itself and its copies (stripped, repaired, joined, cut into lines, rendered):
    # a few times its size, where the faults took 36 to 2,500 times.
    assert peak / sys.getsizeof(text) < 16
