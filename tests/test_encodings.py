"""Legacy encodings: detected, converted and written back in their own encoding, or left alone."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from reflow.api import Conversion, convert_bytes
from reflow.batch import Job, Status, Task, convert_file
from reflow.decode import UTF8_SHARE, Detection, detect, utf8_share, validate_encoding
from reflow.errors import InputError, OptionsError
from reflow.options import Options
from reflow.safety import encoding_problem, word_stream

from .legacy_prose import JAPANESE, LEGACY_PROSE, RUSSIAN
from .test_cli import reflow_cli

REPLACEMENT = "\ufffd"


def _same_codec(a: str, b: str) -> bool:
    return codecs.lookup(a).name == codecs.lookup(b).name


# --- detection -------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", sorted(LEGACY_PROSE))
def test_legacy_prose_is_never_taken_for_utf8(encoding: str) -> None:
    text = LEGACY_PROSE[encoding]
    data = text.encode(encoding)
    found = detect(data, complete=True)
    assert found.encoding != "utf-8"
    assert data.decode(found.encoding) == text


@pytest.mark.parametrize("encoding", sorted(set(LEGACY_PROSE) - {"iso2022_jp"}))  # 8-bit ones
def test_no_legacy_line_is_overwhelmingly_utf8(encoding: str) -> None:
    # The threshold's margin on this side: one line is the shortest, least sure sample.
    for line in LEGACY_PROSE[encoding].splitlines(keepends=True):
        assert utf8_share(line.encode(encoding)) < UTF8_SHARE


def test_utf8_with_a_few_stray_cp1252_bytes_is_still_utf8() -> None:
    data = "Zoë’s café served crème brûlée – “again”.\n".encode() + "A “quoted” word.\n".encode(
        "cp1252"
    )
    assert utf8_share(data) >= UTF8_SHARE
    assert detect(data, complete=True) == Detection("utf-8", "utf-8")


def test_few_utf8_characters_among_stray_bytes_go_to_chardet() -> None:
    # One é against two stray bytes is no evidence of UTF-8: chardet (or the guess) decides.
    data = "Café society.\n".encode() + b"A stray \x81 byte and caf\xe9 here.\n"
    assert utf8_share(data) == 0.5
    assert detect(data, complete=True).source in ("chardet", "fallback")


def test_iso_2022_jp_is_told_by_its_escapes_and_terminal_resets_are_not() -> None:
    data = JAPANESE.encode("iso2022_jp")
    assert data.isascii()
    assert detect(data, complete=True) == Detection("iso2022_jp", "iso-2022")
    reset = b"plain \x1b(B\x1b[m text\n"  # what `tput sgr0` prints: no double-byte set
    assert detect(reset, complete=True).encoding == "utf-8"


def test_iso_2022_jp_that_would_not_be_written_back_the_same_is_left_alone(tmp_path: Path) -> None:
    # "ESC $ @" (the 1978 set) where Python writes "ESC $ B": readable, but not given back.
    before = JAPANESE.encode("iso2022_jp").replace(b"\x1b$B", b"\x1b$@")
    assert detect(before, complete=True).encoding == "iso2022_jp"
    path = tmp_path / "old.txt"
    path.write_bytes(before)
    done = reflow_cli("-i", str(path))
    assert done.code == 123
    assert "iso2022_jp does not give its bytes back exactly" in done.err
    assert path.read_bytes() == before
    assert word_stream(reflow_cli(str(path)).out) == word_stream(JAPANESE)


@pytest.mark.parametrize("encoding", sorted(LEGACY_PROSE))
def test_stdout_conversion_decodes_legacy_prose(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(LEGACY_PROSE[encoding].encode(encoding))
    done = reflow_cli(str(path))
    assert done.code == 0
    assert REPLACEMENT not in done.out
    assert word_stream(done.out) == word_stream(LEGACY_PROSE[encoding])


# --- writing back ---------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", sorted(LEGACY_PROSE))
def test_in_place_writes_legacy_prose_back_in_its_own_encoding(
    tmp_path: Path, encoding: str
) -> None:
    text = LEGACY_PROSE[encoding]
    path = tmp_path / "notes.txt"
    path.write_bytes(text.encode(encoding))
    done = reflow_cli("-i", str(path))
    after = path.read_bytes().decode(encoding)  # strict: every byte is valid in its encoding
    assert done.code == 0, done.err
    assert after != text  # the lines became paragraphs
    assert REPLACEMENT not in after
    assert word_stream(after) == word_stream(text)
    if encoding == "iso2022_jp":
        assert b"\x1b$B" in path.read_bytes()


@pytest.mark.parametrize("encoding", sorted(LEGACY_PROSE))
def test_every_single_line_is_converted_right_or_left_alone(tmp_path: Path, encoding: str) -> None:
    # Single lines are where detection is least sure: an unsure one must be refused.
    for number, line in enumerate(LEGACY_PROSE[encoding].splitlines(keepends=True)):
        path = tmp_path / f"{number}.txt"
        before = (line + "\n" + line).encode(encoding)
        path.write_bytes(before)
        result = convert_file(Task(path, path), Job())
        after = path.read_bytes()
        if result.status is Status.FAILED:
            assert after == before, result.message
            assert "not changed" in result.message
        else:
            assert result.status in (Status.CHANGED, Status.UNCHANGED), result.message
            decoded = after.decode(encoding)
            assert REPLACEMENT not in decoded
            assert word_stream(decoded) == word_stream(line + line)


def test_a_guessed_encoding_is_written_back_when_only_spacing_changes(tmp_path: Path) -> None:
    # Short Western text in cp1252: chardet is unsure, so cp1252 is a guess. Joining lines
    # keeps every other character, and so its bytes, whatever the file's real encoding.
    path = tmp_path / "note.txt"
    path.write_bytes("Café owners\nmet on Monday.\n".encode("cp1252"))
    assert reflow_cli("-i", str(path)).code == 0
    assert path.read_bytes() == "Café owners met on Monday.\n".encode("cp1252")


def test_a_guessed_encoding_is_refused_when_more_than_spacing_changes(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    before = b"# Notes \xff\xfe\n\nPlain words\nwrapped here.\n"  # the heading mark would go
    path.write_bytes(before)
    done = reflow_cli("-i", str(path))
    assert done.code == 123
    assert (
        f"{path}: not changed: its encoding is a guess (not UTF-8, chardet unsure; read as "
        "cp1252), and reflow would change more than spacing: name it with --encoding"
    ) in done.err
    assert path.read_bytes() == before
    as_utf8 = reflow_cli("-i", "--output-encoding", "utf-8", str(path))
    assert as_utf8.code == 123
    assert "name it with --encoding to write it as UTF-8" in as_utf8.err
    assert path.read_bytes() == before


def test_bytes_that_would_not_be_written_back_the_same_are_refused(tmp_path: Path) -> None:
    # 0x87 0x90 is NEC's row-13 code for ≒; cp932 writes the character as 0x81 0xE0.
    before = JAPANESE.encode("cp932").replace("。\n".encode("cp932"), b"\x87\x90\n", 1)
    assert before.decode("cp932").encode("cp932") != before
    path = tmp_path / "nec.txt"
    path.write_bytes(before)
    result = convert_file(Task(path, path), Job())
    assert result.status is Status.FAILED
    assert "cp932 does not give its bytes back exactly" in result.message
    assert path.read_bytes() == before


def test_a_result_that_would_not_read_back_is_refused() -> None:
    # cp932 writes the cent sign as the fullwidth one: the written file would read differently.
    data = JAPANESE.encode("cp932")
    found = Detection("cp932", "chardet", confidence=1.0)
    conversion = Conversion(JAPANESE, JAPANESE, found, None)
    assert encoding_problem(data, conversion, JAPANESE) is None
    problem = encoding_problem(data, conversion, JAPANESE + "100\u00a2\n")
    assert problem == "the result would not read back as itself in cp932"


def test_utf8_output_of_a_legacy_file_is_allowed(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(RUSSIAN.encode("cp866"))
    result = convert_file(Task(path, path), Job(output_encoding="utf-8"))
    assert result.status is Status.CHANGED, result.message
    assert word_stream(path.read_text(encoding="utf-8")) == word_stream(RUSSIAN)


# --- --encoding ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["base64", "hex", "zlib", "rot13", "bz2", "idna", "punycode", "unicode_escape"]
)
def test_codecs_that_are_no_file_encoding_are_usage_errors(tmp_path: Path, name: str) -> None:
    with pytest.raises(OptionsError):
        validate_encoding(name)
    path = tmp_path / "a.txt"
    path.write_text("Some words\nwrapped here.\n", encoding="utf-8")
    done = reflow_cli("--encoding", name, str(path))
    assert done.code == 2
    assert len(done.err_lines) == 1
    assert "not a text file encoding" in done.err


def test_an_unknown_encoding_is_a_usage_error(tmp_path: Path) -> None:
    done = reflow_cli("--encoding", "klingon", str(tmp_path))
    assert (done.code, done.err_lines) == (
        2,
        ["reflow: error: unknown encoding 'klingon' (see reflow --help)"],
    )


def test_utf8_sig_adds_no_bom_to_a_file_without_one(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"Some words\nwrapped here.\n")
    assert reflow_cli("-i", "--encoding", "utf-8-sig", str(path)).code == 0
    assert path.read_bytes() == b"Some words wrapped here.\n"
    with_bom = tmp_path / "b.txt"
    with_bom.write_bytes(codecs.BOM_UTF8 + b"Some words\nwrapped here.\n")
    assert reflow_cli("-i", "--encoding", "utf-8-sig", str(with_bom)).code == 0
    assert with_bom.read_bytes() == codecs.BOM_UTF8 + b"Some words wrapped here.\n"


def test_utf16_without_a_bom_takes_the_byte_order_the_bytes_show(tmp_path: Path) -> None:
    text = "Some words\nwrapped here.\n"
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("utf-16-be"))
    assert reflow_cli("-i", "--encoding", "utf-16", str(path)).code == 0
    assert path.read_bytes() == "Some words wrapped here.\n".encode("utf-16-be")  # no BOM added
    assert detect(codecs.BOM_UTF16_LE + b"a\x00", complete=True, encoding="utf-16") == Detection(
        "utf-16-le", "user", codecs.BOM_UTF16_LE
    )


def test_utf16_without_a_bom_or_a_visible_byte_order_fails_that_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^notes\.txt: no BOM.*name utf-16-le or utf-16-be"):
        convert_bytes(b"\x01\x02\x03\x04", Options(encoding="utf-16"), name="notes.txt")
    paths = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for path in paths:
        path.write_bytes(b"Some words\nwrapped here.\n")
    for mode in ([], ["--check"]):
        run = reflow_cli(*mode, "--encoding", "utf-16", *map(str, paths))
        assert run.code == 123
        # Each file named: a message without its name did not say which of them failed.
        assert [line for line in run.err_lines if "no BOM" in line] == [
            f"reflow: error: {path}: no BOM, and the byte order is unclear: "
            "name utf-16-le or utf-16-be"
            for path in paths
        ]
