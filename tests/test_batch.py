"""Batch conversion as a library: finding files, converting each safely, writing, in parallel."""

from __future__ import annotations

import codecs
import errno
import json
import os
import tempfile
from pathlib import Path

import pytest

import reflow.batch as batch
from reflow.api import Conversion, convert_bytes
from reflow.batch import (
    Job,
    Selection,
    Status,
    Tally,
    Task,
    convert_file,
    find_files,
    out_dir_target,
)
from reflow.options import Options
from reflow.safety import check_conversion, lost_words
from reflow.writes import TEMP_SUFFIX, WriteRefused, write_bytes

# Written for these tests: two hard-wrapped paragraphs and what reflow makes of them as text.
WRAPPED = (
    "The harbour committee met on a grey morning and agreed, after\n"
    "some argument, to repaint the lighthouse before the autumn\n"
    "storms arrived in earnest.\n"
    "\n"
    "A second paragraph follows here, also wrapped at a\n"
    "narrow width so that reflow has some work to do.\n"
)
UNWRAPPED = (
    "The harbour committee met on a grey morning and agreed, after some argument, to repaint "
    "the lighthouse before the autumn storms arrived in earnest.\n"
    "\n"
    "A second paragraph follows here, also wrapped at a narrow width so that reflow has some "
    "work to do.\n"
)


def names(found: list[tuple[Path, Path]], root: Path) -> list[str]:
    return [path.relative_to(root).as_posix() for path, _base in found]


def write(path: Path, text: str = WRAPPED) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return path


# --- finding files -----------------------------------------------------------------------------


def test_folders_are_walked_in_sorted_order_with_the_default_globs(tmp_path: Path) -> None:
    for name in (
        "b.md",
        "a.txt",
        "sub/c.markdown",
        "sub/deeper/d.txt",
        "e.rst",
        "f.py",
        "sub/g.TXT",
        "sub/h.MD",
    ):
        write(tmp_path / name)
    found = find_files([str(tmp_path)])
    # Suffix globs match whatever the case of the name (issue 18: *.MD was missed).
    assert names(found, tmp_path) == [
        "a.txt",
        "b.md",
        "sub/c.markdown",
        "sub/deeper/d.txt",
        "sub/g.TXT",
        "sub/h.MD",
    ]
    assert all(base == tmp_path for _path, base in found)


def test_hidden_folders_are_skipped_but_a_named_hidden_file_is_taken(tmp_path: Path) -> None:
    write(tmp_path / ".cache" / "a.txt")
    write(tmp_path / ".git" / "b.md")
    write(tmp_path / "visible" / "c.txt")
    assert names(find_files([str(tmp_path)]), tmp_path) == ["visible/c.txt"]
    named = tmp_path / ".cache" / "a.txt"
    assert find_files([str(named)]) == [(named, named.parent)]


def test_include_and_exclude_are_gitignore_style_globs(tmp_path: Path) -> None:
    for name in ("notes.txt", "drafts/one.txt", "keep/drafts.txt", "page.text", "x.min.md"):
        write(tmp_path / name)
    selection = Selection(include=("*.txt", "*.text", "*.md"), exclude=("drafts/", "*.min.md"))
    assert names(find_files([str(tmp_path)], selection), tmp_path) == [
        "keep/drafts.txt",
        "notes.txt",
        "page.text",
    ]


def test_gitignore_files_are_respected_nested_and_negated(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".gitignore", "generated/\n*.draft.txt\n")
    write(tmp_path / "docs" / ".gitignore", "private*.md\n!private-but-public.md\n")
    for name in (
        "a.txt",
        "generated/out.txt",
        "run.draft.txt",
        "docs/private-notes.md",
        "docs/private-but-public.md",
        "docs/open.md",
    ):
        write(tmp_path / name)
    found = names(find_files([str(tmp_path)]), tmp_path)
    assert found == ["a.txt", "docs/open.md", "docs/private-but-public.md"]
    # Walking a subfolder still applies the repository's top-level .gitignore.
    write(tmp_path / "docs" / "trace.draft.txt")
    assert names(find_files([str(tmp_path / "docs")]), tmp_path) == [
        "docs/open.md",
        "docs/private-but-public.md",
    ]
    everything = find_files([str(tmp_path)], Selection(respect_gitignore=False))
    assert len(everything) == 7


def test_a_file_named_directly_is_taken_unless_force_exclude(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".gitignore", "ignored.txt\n")
    ignored, excluded = write(tmp_path / "ignored.txt"), write(tmp_path / "drafts.txt")
    selection = Selection(exclude=("drafts*",))
    assert len(find_files([str(ignored), str(excluded)], selection)) == 2
    skipped: list[tuple[str, str]] = []
    forced = Selection(exclude=("drafts*",), force_exclude=True)
    assert (
        find_files(
            [str(ignored), str(excluded)], forced, on_skip=lambda p, w: skipped.append((p, w))
        )
        == []
    )
    assert [why for _path, why in skipped] == ["ignored by .gitignore", "excluded"]


def test_symlinks_are_not_followed_out_of_the_tree(tmp_path: Path) -> None:
    tree, outside = tmp_path / "tree", tmp_path / "outside"
    write(outside / "secret.txt")
    write(outside / "folder" / "deep.txt")
    write(tree / "real.txt")
    (tree / "to-outside.txt").symlink_to(outside / "secret.txt")
    (tree / "to-folder").symlink_to(outside / "folder")
    (tree / "alias.txt").symlink_to(tree / "real.txt")  # inside the tree: the same file, once
    (tree / "broken.txt").symlink_to(tree / "missing.txt")
    skipped: dict[str, str] = {}
    found = find_files([str(tree)], on_skip=lambda p, w: skipped.setdefault(Path(p).name, w))
    assert names(found, tree) == ["alias.txt"]  # sorted first; real.txt is the same file
    assert skipped == {
        "broken.txt": "a broken symlink",
        "real.txt": "named twice",
        "to-folder": "a symlink to a folder, not followed",
        "to-outside.txt": "a symlink out of the tree, not followed",
    }


def test_the_output_folder_inside_the_tree_is_never_entered(tmp_path: Path) -> None:
    write(tmp_path / "a.txt")
    write(tmp_path / "out" / "a.txt")
    assert names(find_files([str(tmp_path)], avoid=tmp_path / "out"), tmp_path) == ["a.txt"]


def test_a_missing_path_is_kept_so_its_failure_is_reported_in_place(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = convert_file(Task(missing, missing), Job())
    assert find_files([str(missing)]) == [(missing, tmp_path)]
    assert result.status is Status.FAILED
    assert result.message == f"{missing}: no such file or directory"


@pytest.mark.parametrize(
    ("name", "to", "expected"),
    [
        ("a/notes.txt", None, "a/notes.txt"),
        ("a/notes.txt", "markdown", "a/notes.md"),
        ("a/notes.md", "markdown", "a/notes.md"),
        ("a/notes.markdown", "markdown", "a/notes.markdown"),
        ("a/notes.md", "text", "a/notes.txt"),
        ("README", "markdown", "README.md"),
        ("a/v1.2.txt", "jsonl", "a/v1.2.jsonl"),
    ],
)
def test_out_dir_mirrors_the_tree_and_names_the_kind(
    name: str, to: str | None, expected: str
) -> None:
    assert out_dir_target(Path("in") / name, Path("in"), Path("out"), to) == Path("out") / expected


# --- converting one file -----------------------------------------------------------------------


def test_a_changed_file_is_rewritten_and_a_clean_one_is_not_touched(tmp_path: Path) -> None:
    messy, clean = write(tmp_path / "messy.txt"), write(tmp_path / "clean.txt", UNWRAPPED)
    os.utime(clean, ns=(1_000_000_000, 1_000_000_000))
    before = clean.stat()
    results = [convert_file(Task(p, p), Job()) for p in (messy, clean)]
    assert [r.status for r in results] == [Status.CHANGED, Status.UNCHANGED]
    assert messy.read_text(encoding="utf-8") == UNWRAPPED
    after = clean.stat()
    assert (after.st_mtime_ns, after.st_ino) == (before.st_mtime_ns, before.st_ino)
    assert convert_file(Task(messy, messy), Job()).status is Status.UNCHANGED


def test_in_place_keeps_the_kind_of_each_file_unless_to_is_explicit(tmp_path: Path) -> None:
    assert batch.options_for(Job(), "notes.md").to == "markdown"
    assert batch.options_for(Job(), "notes.txt").to == "text"
    assert (
        batch.options_for(Job(options=Options(to="markdown"), explicit_to=True), "a.txt").to
        == "markdown"
    )
    # "1984." opens a line: plain text leaves it, Markdown from text escapes it (it would
    # start a list), and a Markdown file already means a list item by it.
    text = "1984. It was a cold day in the\nvillage and nobody went out.\n"
    joined = "1984. It was a cold day in the village and nobody went out.\n"
    txt, md, explicit = (write(tmp_path / name, text) for name in ("a.txt", "a.md", "b.txt"))
    convert_file(Task(txt, txt), Job())
    convert_file(Task(md, md), Job())
    convert_file(Task(explicit, explicit), Job(options=Options(to="markdown"), explicit_to=True))
    assert txt.read_text(encoding="utf-8") == joined
    assert md.read_text(encoding="utf-8") == joined
    assert explicit.read_text(encoding="utf-8") == joined.replace("1984.", "1984\\.")


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("cp1252", b""),
    ],
)
def test_encoding_bom_and_crlf_are_kept(tmp_path: Path, encoding: str, bom: bytes) -> None:
    text = WRAPPED.replace("grey", "gr\u00e9y").replace("\n", "\r\n")
    path = tmp_path / "a.txt"
    path.write_bytes(bom + text.encode(encoding))
    assert convert_file(Task(path, path), Job()).status is Status.CHANGED
    data = path.read_bytes()
    assert data.startswith(bom)
    expected = UNWRAPPED.replace("grey", "gr\u00e9y").replace("\n", "\r\n")
    assert data[len(bom) :].decode(encoding) == expected


def test_crlf_markdown_is_fixed_in_place_with_crlf_kept(tmp_path: Path) -> None:
    # Markdown mode copies lines outside paragraphs with their "\r\n"; the ending must not
    # be added twice (which the second-run check would then refuse).
    source = "# Notes\n\n" + WRAPPED + "\n```\ncode\n```\n"
    path = tmp_path / "a.md"
    path.write_bytes(source.replace("\n", "\r\n").encode("utf-8"))
    assert convert_file(Task(path, path), Job()).status is Status.CHANGED
    data = path.read_bytes()
    assert b"\r\r" not in data
    assert data.count(b"\r\n") == data.count(b"\n")
    assert data.decode("utf-8").replace("\r\n", "\n") == (
        "# Notes\n\n" + UNWRAPPED + "\n```\ncode\n```\n"
    )
    assert convert_file(Task(path, path), Job()).status is Status.UNCHANGED


def test_a_file_without_a_final_line_break_keeps_it_so(tmp_path: Path) -> None:
    # SvelteKit's test apps serve "42" and "hello" (no line break) and compare the text read
    # back; a hook that added one failed their tests. Text and Markdown alike keep it so.
    answer = tmp_path / "answer.txt"
    answer.write_bytes(b"42")
    assert convert_file(Task(answer, answer), Job()).status is Status.UNCHANGED
    assert answer.read_bytes() == b"42"
    for name in ("notes.txt", "notes.md"):
        path = tmp_path / name
        path.write_bytes(WRAPPED.rstrip("\n").replace("\n", "\r\n").encode("utf-8"))
        assert convert_file(Task(path, path), Job()).status is Status.CHANGED
        assert path.read_bytes() == UNWRAPPED.rstrip("\n").replace("\n", "\r\n").encode("utf-8")
        assert convert_file(Task(path, path), Job()).status is Status.UNCHANGED


def test_line_ending_and_output_encoding_can_be_overridden(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + WRAPPED.replace("\n", "\r\n").encode("utf-16-le"))
    convert_file(Task(path, path), Job(line_ending="lf", output_encoding="utf-8"))
    assert path.read_bytes() == UNWRAPPED.encode("utf-8")
    convert_file(Task(path, path), Job(line_ending="crlf"))
    assert path.read_bytes() == UNWRAPPED.replace("\n", "\r\n").encode("utf-8")


def test_a_character_the_encoding_cannot_hold_fails_the_file(tmp_path: Path) -> None:
    # Read as Latin-1, byte 0x92 is a C1 control; the repair makes it the cp1252 apostrophe
    # it was meant to be, which Latin-1 cannot hold.
    # (Written to another folder: where it is, a file is rewritten in its spacing only.)
    path = tmp_path / "a.txt"
    path.write_bytes(b"The keeper\x92s lamp was lit\nagain at dusk.\n")
    target = tmp_path / "out" / "a.txt"
    result = convert_file(Task(path, target), Job(options=Options(encoding="latin-1")))
    assert result.status is Status.FAILED
    assert result.message == (
        f"{path}: not changed: the result has '\u2019', which iso8859-1 cannot hold "
        "(try --output-encoding utf-8)"
    )
    assert not target.exists()
    job = Job(options=Options(encoding="latin-1"), output_encoding="utf-8")
    assert convert_file(Task(path, target), job).status is Status.CHANGED
    assert target.read_text(encoding="utf-8") == "The keeper\u2019s lamp was lit again at dusk.\n"
    # In place, the repair is more than spacing: the file is left as it was, and says why.
    result = convert_file(Task(path, path), job)
    assert result.status is Status.SKIPPED
    assert "left as written: the result would change more than its spacing" in result.message


def test_binary_files_are_skipped_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(32)) * 8)
    result = convert_file(Task(path, path), Job())
    assert result.status is Status.SKIPPED
    assert result.message == f"{path}: looks like binary data, not text; skipped"


def test_a_folder_given_as_a_file_fails_with_one_line(tmp_path: Path) -> None:
    result = convert_file(Task(tmp_path, tmp_path), Job())
    assert (result.status, result.message) == (Status.FAILED, f"{tmp_path}: is a directory")


def lossy(monkeypatch: pytest.MonkeyPatch, *, drop: str = "", first_only: bool = False) -> None:
    """Make reflow's conversion faulty (drop a word, or differ on the first pass only)."""
    real = batch.convert_bytes
    calls: list[int] = []

    def faulty(data: bytes, options: Options | None = None, **kwargs: object) -> Conversion:
        conversion = real(data, options, **kwargs)  # type: ignore[arg-type]
        calls.append(1)
        if first_only and len(calls) > 1:
            return conversion
        output = conversion.output.replace(drop, "", 1) if drop else conversion.output + "\n\n"
        return Conversion(conversion.text, output, conversion.detection, None)

    monkeypatch.setattr(batch.convert, "convert_bytes", faulty)


def test_a_result_that_loses_a_word_is_not_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "a.txt")
    lossy(monkeypatch, drop="lighthouse ")
    result = convert_file(Task(path, path), Job())
    assert result.status is Status.FAILED
    assert result.message.startswith(
        f"{path}: not changed: the result would lose words: words differ near"
    )
    assert path.read_text(encoding="utf-8") == WRAPPED
    fast = convert_file(Task(path, path), Job(safe=False))
    assert fast.status is Status.CHANGED
    assert "lighthouse" not in path.read_text(encoding="utf-8")


def test_a_result_that_a_second_run_would_change_is_an_internal_error_with_a_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "a.txt")
    logs = tmp_path / "logs"
    logs.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(logs))
    lossy(monkeypatch, first_only=True)
    result = convert_file(Task(path, path), Job())
    assert result.status is Status.FAILED
    [log] = logs.iterdir()
    assert result.message == (
        f"INTERNAL ERROR: reflow produced unstable output on {path}; the file is left as it "
        f"was. Please report this bug with the log {log}"
    )
    assert path.read_text(encoding="utf-8") == WRAPPED
    details = log.read_text(encoding="utf-8")
    assert details.startswith(f"reflow produced unstable output on {path}")
    assert "\n--- input, as decoded ---\n" + WRAPPED in details
    assert "\n-\n-\n" in details  # the two blank lines the faulty first pass added, then lost


def test_the_diff_is_unified_and_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "one\ntwo")
    result = convert_file(Task(path, None), Job(diff=True))
    assert result.status is Status.CHANGED
    assert result.diff == (
        f"--- {path}\n+++ {path}\n@@ -1,2 +1 @@\n"
        "-one\n-two\n\\ No newline at end of file\n+one two\n\\ No newline at end of file\n"
    )
    assert path.read_text(encoding="utf-8") == "one\ntwo"


def test_out_dir_writes_only_when_the_target_differs(tmp_path: Path) -> None:
    source = write(tmp_path / "in" / "a.txt")
    target = tmp_path / "out" / "deep" / "a.md"
    job = Job(options=Options(to="markdown"), explicit_to=True)
    first = convert_file(Task(source, target), job)
    assert (first.status, first.target) == (Status.CHANGED, str(target))
    assert target.read_text(encoding="utf-8") == UNWRAPPED
    assert source.read_text(encoding="utf-8") == WRAPPED
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    assert convert_file(Task(source, target), job).status is Status.UNCHANGED
    assert target.stat().st_mtime_ns == 1_000_000_000


def test_out_dir_to_jsonl_is_checked_without_leaking_its_notes(tmp_path: Path) -> None:
    source, target = write(tmp_path / "a.txt"), tmp_path / "out" / "a.jsonl"
    job = Job(options=Options(to="jsonl"), explicit_to=True)
    assert convert_file(Task(source, target), job).status is Status.CHANGED
    rows = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [row["text"] for row in rows] == UNWRAPPED.rstrip("\n").split("\n\n")
    assert all("notes" not in row for row in rows)


# --- the safety check ------------------------------------------------------------------------


def test_removed_blocks_are_accounted_for_by_position() -> None:
    # A repeated sentence removed as a pull quote must not hide a word lost elsewhere.
    assert lost_words("alpha beta gamma beta", "alpha gamma beta", removed=["beta"]) is None
    assert lost_words("one two three", "one three", skip_lines=()) is not None
    assert lost_words("one\ntwo\nthree", "one three", skip_lines={2}) is None


def test_check_conversion_passes_the_project_fixture() -> None:
    fixture = (
        Path(__file__).resolve().parent.parent / "fixtures" / "seed-style-article" / "input.txt"
    )
    for to in ("markdown", "text", "jsonl"):
        options = Options(to=to)
        conversion = convert_bytes(fixture.read_bytes(), options, name=fixture.name, notes=True)
        assert check_conversion(conversion, options) is None, to


def test_check_conversion_names_a_lost_word() -> None:
    options = Options(to="text")
    good = convert_bytes(WRAPPED.encode(), options, notes=True)
    bad = Conversion(good.text, good.output.replace("autumn ", ""), good.detection, good.blocks)
    problem = check_conversion(bad, options)
    assert problem is not None and "autumn" in problem


def test_a_text_browsers_o_bullets_written_as_markdown_bullets_lose_no_word() -> None:
    # lynx writes bullets as "o"; Markdown writes them as "-": a marker, not a lost word.
    text = (
        "Things to bring to the harbour:\n\n"
        "   o a warm coat for the\n     early crossing\n"
        "   o two forms of identity\n\n"
        "The ferry leaves at seven.\n"
    )
    for to in ("markdown", "text"):
        options = Options(to=to)
        conversion = convert_bytes(text.encode(), options, notes=True)
        assert check_conversion(conversion, options) is None, to
    markdown = convert_bytes(text.encode(), Options(to="markdown"), notes=True)
    assert "- two forms of identity" in markdown.output
    lost = Conversion(
        markdown.text, markdown.output.replace("warm ", ""), markdown.detection, markdown.blocks
    )
    assert "warm" in (check_conversion(lost, Options(to="markdown")) or "")


# --- writing -----------------------------------------------------------------------------------


def test_writes_go_through_a_symlink_and_keep_permissions(tmp_path: Path) -> None:
    target = write(tmp_path / "real.txt")
    target.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_bytes(link, b"new\n")
    assert link.is_symlink()
    assert target.read_bytes() == b"new\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert not list(tmp_path.glob(f"*{TEMP_SUFFIX}"))


def test_a_full_device_raises_and_is_never_replaced_by_a_file() -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    with pytest.raises(OSError) as raised:
        write_bytes(Path("/dev/full"), b"x" * 100_000)
    assert raised.value.errno == errno.ENOSPC
    assert not Path("/dev/full").is_file()


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "a.txt")

    def refuse(_src: str, _dst: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        write_bytes(path, b"new\n")
    assert path.read_text(encoding="utf-8") == WRAPPED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_a_file_that_cannot_be_replaced_is_refused_not_rewritten_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "a.txt")

    def busy(_src: str, _dst: str) -> None:  # what os.replace says onto a bind-mounted file
        raise OSError(errno.EBUSY, "Device or resource busy")

    monkeypatch.setattr(os, "replace", busy)
    with pytest.raises(WriteRefused, match="cannot be replaced"):
        write_bytes(path, b"new\n")
    assert path.read_text(encoding="utf-8") == WRAPPED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


# --- running many ------------------------------------------------------------------------------


def test_two_workers_give_the_same_results_in_the_same_order(tmp_path: Path) -> None:
    contents = [WRAPPED.encode(), UNWRAPPED.encode(), b"\x00\x01\x02" * 40, b"one\ntwo\n"]
    for folder in ("serial", "parallel"):
        for i in range(24):
            (tmp_path / folder).mkdir(exist_ok=True)
            (tmp_path / folder / f"{i:02}.txt").write_bytes(contents[i % 4])

    def outcome(folder: str, jobs: int) -> list[tuple[str, Status]]:
        tasks = [Task(p, p) for p, _base in find_files([str(tmp_path / folder)])]
        return [(Path(r.label).name, r.status) for r in batch.run(tasks, Job(), jobs=jobs)]

    serial = outcome("serial", 1)
    assert serial == outcome("parallel", 2)
    assert [status for _name, status in serial[:4]] == [
        Status.CHANGED,
        Status.UNCHANGED,
        Status.SKIPPED,
        Status.CHANGED,
    ]
    for path in (tmp_path / "serial").iterdir():
        assert (tmp_path / "parallel" / path.name).read_bytes() == path.read_bytes()


def test_the_summary_adapts_its_wording() -> None:
    tally = Tally()
    for status in [Status.CHANGED] * 12 + [Status.UNCHANGED] * 300 + [Status.FAILED]:
        tally.add(batch.Result("x", status))
    assert tally.summary("in-place") == "12 files reformatted, 300 unchanged, 1 failed"
    assert tally.summary("check") == "12 files would be reformatted, 300 unchanged, 1 failed"
    one = Tally()
    one.add(batch.Result("x", Status.UNCHANGED))
    assert one.summary("check") == "1 file unchanged"
    assert Tally().summary("in-place") == "no files to reflow"
