"""Bytes to text: a BOM wins, then strict UTF-8, then chardet on a bounded sample."""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .errors import BinaryInputError, InputError

#: How much of the input detection looks at; chardet sees at most this much.
SAMPLE_SIZE = 64 * 1024

Warn = Callable[[str], None]

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Bytes that never occur in text: C0 controls other than tab, newlines, form feed, escape.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))

#: Share of control bytes above which a sample is binary. Text with a stray NUL or two (a
#: bad export) stays text and loses them in repair; compressed data has ~10%, executables more.
BINARY_CONTROL_SHARE = 0.05

# Signatures of common binary formats, refused whatever follows. Only signatures that no
# text starts with: ASCII ones ("MZ", "ID3", "RIFF") are left to the control-byte count.
_BINARY_MAGIC: tuple[bytes, ...] = (
    b"\x89PNG\r\n\x1a\n",
    b"\x7fELF",
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"%PDF-",  # a PDF itself, not text extracted from one
    b"PK\x03\x04",  # zip, docx, epub, jar
    b"\x1f\x8b",  # gzip
    b"\xfd7zXZ\x00",
    b"7z\xbc\xaf\x27\x1c",
    b"\x28\xb5\x2f\xfd",  # zstd
    b"\xca\xfe\xba\xbe",  # Mach-O universal, Java class
    b"\xcf\xfa\xed\xfe",  # Mach-O 64-bit
    b"\x00asm",  # WebAssembly
    b"SQLite format 3\x00",
)


@dataclass(frozen=True, slots=True)
class Detection:
    """Which encoding was used and what decided it."""

    encoding: str
    source: str  # "user", "bom", "utf-8", "utf-16", "chardet" or "fallback"
    bom: bytes = b""
    #: For "chardet" and "fallback": where the sample stopped being UTF-8.
    not_utf8_at: int | None = None


def _nul_pattern_encoding(sample: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII text leaves every other byte NUL."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nuls, odd_nuls = even.count(0), odd.count(0)
    if odd_nuls > 0.4 * len(odd) and even_nuls < 0.05 * len(even):
        return "utf-16-le"
    if even_nuls > 0.4 * len(even) and odd_nuls < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _wide_script_encoding(sample: bytes) -> str | None:
    """UTF-16 without a BOM in a non-Latin script (no NUL pattern): it decodes to clean text.

    Binary data decoded as UTF-16 meets lone surrogates, NULs, private-use and unassigned
    code points; text is printable. Of the two byte orders, the one whose spaces, newlines and
    punctuation come out as ASCII wins.
    """
    best, best_ascii = None, -1
    for name in ("utf-16-le", "utf-16-be"):
        try:  # not final: the sample may end inside a surrogate pair
            text = codecs.getincrementaldecoder(name)().decode(sample[: len(sample) & ~1])
        except UnicodeDecodeError:
            continue
        # Short samples, and samples without a single space or line break, are left to the
        # binary verdict: random bytes pass the printable test alone about once in a hundred.
        if len(text) < 24 or "\x00" in text or not any(c in text for c in " \n\r\t"):
            continue
        clean = sum(1 for char in text if char.isprintable() or char in "\t\n\r")
        ascii_units = sum(1 for char in text if char < "\x80")
        if clean >= 0.95 * len(text) and ascii_units > best_ascii:
            best, best_ascii = name, ascii_units
    return best


def looks_binary(sample: bytes) -> bool:
    """True for data that is not text in any 8-bit or UTF-8 encoding."""
    if not sample:
        return False
    if sample.startswith(_BINARY_MAGIC):
        return True
    if b"\x00" not in sample and not sample.translate(None, b"\t\n\r\x0c\x1b").isascii():
        return False
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > max(1, len(sample) * BINARY_CONTROL_SHARE)


def _mostly_utf8(sample: bytes) -> bool:
    """A file of UTF-8 with a few stray cp1252 bytes is UTF-8 (the stray bytes fall back)."""
    text = sample.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for char in text if char > "\x7f") - bad
    return good > 0


def detect(sample: bytes, *, complete: bool, encoding: str | None = None) -> Detection:
    """Decide the encoding of a stream from its first bytes.

    ``complete`` says whether ``sample`` is the whole input (so a multi-byte
    character cut at its end is an error, not a boundary).
    """
    if encoding:
        return Detection(codecs.lookup(encoding).name, "user")
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return Detection(name, "bom", bom)
    utf16 = _nul_pattern_encoding(sample)
    if utf16:
        return Detection(utf16, "utf-16")
    if looks_binary(sample):
        wide = _wide_script_encoding(sample)
        if wide:
            return Detection(wide, "utf-16")
        message = "looks like binary data, not text"
        raise BinaryInputError(message)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=complete)
        return Detection("utf-8", "utf-8")
    except UnicodeDecodeError as error:
        bad_at = error.start
    if _mostly_utf8(sample):
        return Detection("utf-8", "utf-8")
    import chardet  # costs ~130 ms to import: only for input that is not UTF-8

    guess = chardet.detect(sample)
    name = guess.get("encoding")
    if name and (guess.get("confidence") or 0) >= 0.5:
        try:
            return Detection(codecs.lookup(name).name, "chardet", not_utf8_at=bad_at)
        except LookupError:
            pass
    return Detection("cp1252", "fallback", not_utf8_at=bad_at)


class _Fallback:
    """Decodes bytes that are invalid in the chosen encoding as cp1252, remembering where."""

    def __init__(self) -> None:
        self.first_offset: int | None = None
        self.count = 0
        self.base = 0

    def handle(self, error: UnicodeError) -> tuple[str, int]:
        assert isinstance(error, UnicodeDecodeError)
        bad = error.object[error.start : error.end]
        if self.first_offset is None:
            self.first_offset = self.base + error.start
        self.count += len(bad)
        return bad.decode("cp1252", errors="replace"), error.end


_current: list[_Fallback] = []


def _dispatch(error: UnicodeError) -> tuple[str, int]:
    return _current[-1].handle(error)


codecs.register_error("reflow-fallback", _dispatch)


def decode(
    chunks: Iterable[bytes],
    *,
    encoding: str | None = None,
    name: str = "<stdin>",
    warn: Warn | None = None,
    detection: list[Detection] | None = None,
) -> Iterator[str]:
    """Decode a stream of byte chunks into text chunks.

    Only the first ``SAMPLE_SIZE`` bytes are held for detection; after that each
    chunk is decoded as it arrives. Bytes that are invalid in the detected
    encoding never stop the stream: they are decoded as cp1252 and ``warn`` is
    told the byte offset of the first one. ``detection``, if given, receives the
    ``Detection`` used (so callers can keep a file's encoding and BOM).
    """
    iterator = iter(chunks)
    head: list[bytes] = []
    size = 0
    complete = False
    paused = False
    while size < SAMPLE_SIZE:
        chunk = next(iterator, None)
        if chunk is None:
            complete = True
            break
        if not chunk:  # the input paused: detect from what has arrived
            if size:
                paused = True
                break
            continue
        head.append(chunk)
        size += len(chunk)
    sample = b"".join(head)
    try:
        found = detect(sample[:SAMPLE_SIZE], complete=complete, encoding=encoding)
    except BinaryInputError as error:
        message = f"{name}: {error}"
        raise BinaryInputError(message) from None
    if detection is not None:
        detection.append(found)
    if found.not_utf8_at is not None and warn is not None:
        # Said up front: every byte is decoded, but the reader should know the guess was made.
        warn(
            f"{name}: not valid UTF-8 (first bad byte at {found.not_utf8_at}); "
            f"decoded as {found.encoding}"
        )
    try:
        decoder = codecs.getincrementaldecoder(found.encoding)(errors="reflow-fallback")
    except LookupError:
        message = f"{name}: unknown encoding {found.encoding!r}"
        raise InputError(message) from None
    fallback = _Fallback()
    fed = 0
    pending_sample: bytes | None = sample[len(found.bom) :]
    fed = len(found.bom)

    def feed(data: bytes, final: bool = False) -> str:
        nonlocal fed
        buffered = decoder.getstate()[0]
        fallback.base = fed - len(buffered)
        _current.append(fallback)
        try:
            text = decoder.decode(data, final=final)
        finally:
            _current.pop()
        fed += len(data)
        return text

    if pending_sample:
        text = feed(pending_sample, final=complete)
        if text:
            yield text
    pending_sample = None
    if paused:
        yield ""  # pass on the pause that ended detection, so what arrived can be written
    if not complete:
        for chunk in iterator:
            if not chunk:
                yield ""  # pass the pause on
                continue
            text = feed(chunk)
            if text:
                yield text
        text = feed(b"", final=True)
        if text:
            yield text
    if fallback.first_offset is not None and warn is not None:
        warn(
            f"{name}: {fallback.count} byte(s) not valid {found.encoding}, first at byte "
            f"{fallback.first_offset}; decoded them as cp1252"
        )
