"""Bytes to text: a BOM, then ISO-2022 escapes, then UTF-8, then chardet on a bounded sample."""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .errors import BinaryInputError, InputError, OptionsError

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
    source: str  # "user", "bom", "utf-8", "utf-16", "iso-2022", "chardet" or "fallback"
    bom: bytes = b""
    #: For "chardet" and "fallback": where the sample stopped being UTF-8.
    not_utf8_at: int | None = None
    #: For "chardet": how sure chardet was (0 to 1).
    confidence: float | None = None

    @property
    def guessed(self) -> bool:
        """True when nothing in the bytes named the encoding and chardet was not sure either."""
        return self.source == "fallback"


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


#: Share of a sample's non-ASCII bytes that must form valid UTF-8 sequences for bytes that
#: are not valid UTF-8 to be read as UTF-8 with stray bad bytes (``python bench/encodings.py``).
#: Our own Japanese, Chinese, Korean and Russian prose in Shift-JIS, CP932, EUC-JP, GBK,
#: GB18030, Big5, EUC-KR, cp866, KOI8-R and cp1251 (1 to 4 lines, 160 samples) reaches 0.541
#: (EUC-JP, whose kanji bytes often pair up as UTF-8); UTF-8 prose in five scripts with 1 to 5
#: stray cp1252 characters per paragraph (250 samples) has at least 0.783. The rule sits
#: between the two, with more room on the legacy side, whose samples vary more.
UTF8_SHARE = 0.7

_NON_ASCII = re.compile(rb"[\x80-\xff]")
_STRAY = re.compile("[\udc80-\udcff]")


def utf8_share(sample: bytes) -> float:
    """The share of the non-ASCII bytes of ``sample`` that belong to valid UTF-8 sequences."""
    non_ascii = len(_NON_ASCII.findall(sample))
    if not non_ascii:
        return 1.0
    stray = len(_STRAY.findall(sample.decode("utf-8", errors="surrogateescape")))
    return (non_ascii - stray) / non_ascii


# ISO-2022 text is 7-bit, so valid UTF-8: only its designations of a double-byte set (ESC $ …)
# tell it apart. "ESC ( B" alone is no sign (terminals send it to select ASCII).
_ISO_2022_DESIGNATION = re.compile(rb"\x1b\$[@AB]|\x1b\$[()][@-Z]")
_ISO_2022_CODECS = ("iso2022_jp", "iso2022_jp_ext", "iso2022_jp_2", "iso2022_jp_2004", "iso2022_kr")


def _iso_2022_encoding(sample: bytes, complete: bool) -> str | None:
    """The ISO-2022 codec that reads ``sample`` and writes it back byte for byte, if any.

    Escapes that no codec gives back exactly (or reads at all) still make the sample
    ISO-2022: read as UTF-8, their escape bytes would be removed as control characters.
    Its file is then refused for writing back (``safety.encoding_problem``).
    """
    if not sample.isascii() or not _ISO_2022_DESIGNATION.search(sample):
        return None
    readers = []
    for name in _ISO_2022_CODECS:
        try:
            text = codecs.getincrementaldecoder(name)().decode(sample, final=complete)
        except UnicodeDecodeError:
            continue
        # A partial sample may end inside a double-byte run: it cannot be compared.
        if not complete or text.encode(name) == sample:
            return name
        readers.append(name)
    return readers[0] if readers else _ISO_2022_CODECS[0]


# Names codecs.lookup knows that are no encoding of a text file: bytes-to-bytes and
# str-to-str transforms, and codecs for other jobs (domain names, Python literals).
_NOT_FILE_ENCODINGS = frozenset(
    {"idna", "punycode", "undefined", "unicode-escape", "raw-unicode-escape", "mbcs", "oem"}
)


def validate_encoding(name: str) -> str:
    """The codec name for ``--encoding name``, or OptionsError (a usage error) saying why not."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        message = f"unknown encoding {name!r}"
        raise OptionsError(message) from None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_FILE_ENCODINGS:
        message = f"{name!r} is not a text file encoding (try utf-8, cp1252, shift_jis, ...)"
        raise OptionsError(message)
    return info.name


def _user_encoding(sample: bytes, name: str) -> Detection:
    """``--encoding name``; a BOM variant (utf-8-sig, utf-16, utf-32) keeps only a BOM it finds.

    So a file without a BOM is written back without one, and utf-16 or utf-32 without a BOM
    takes the byte order the bytes show, or is refused when they show none.
    """
    codec = validate_encoding(name)
    if codec not in ("utf-8-sig", "utf-16", "utf-32"):
        return Detection(codec, "user")
    width = {"utf-8-sig": "utf-8", "utf-16": "utf-16-", "utf-32": "utf-32-"}[codec]
    for bom, found in _BOMS:
        if found.startswith(width) and sample.startswith(bom):
            return Detection(found, "user", bom)
    if codec == "utf-8-sig":
        return Detection("utf-8", "user")
    if codec == "utf-16":
        order = _nul_pattern_encoding(sample) or _wide_script_encoding(sample)
    else:
        order = next((o for o in ("utf-32-le", "utf-32-be") if _decodes(sample, o)), None)
    if order is None:
        message = f"no BOM, and the byte order is unclear: name {codec}-le or {codec}-be"
        raise InputError(message)
    return Detection(order, "user")


def _decodes(sample: bytes, encoding: str) -> bool:
    try:
        codecs.getincrementaldecoder(encoding)().decode(sample)
    except UnicodeDecodeError:
        return False
    return True


def detect(sample: bytes, *, complete: bool, encoding: str | None = None) -> Detection:
    """Decide the encoding of a stream from its first bytes.

    ``complete`` says whether ``sample`` is the whole input (so a multi-byte
    character cut at its end is an error, not a boundary).
    """
    if encoding:
        return _user_encoding(sample, encoding)
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
    iso_2022 = _iso_2022_encoding(sample, complete)
    if iso_2022:
        return Detection(iso_2022, "iso-2022")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=complete)
        return Detection("utf-8", "utf-8")
    except UnicodeDecodeError as error:
        bad_at = error.start
    if utf8_share(sample) >= UTF8_SHARE:
        return Detection("utf-8", "utf-8")
    import chardet  # costs ~130 ms to import: only for input that is not UTF-8

    guess = chardet.detect(sample)
    name = guess.get("encoding")
    confidence = guess.get("confidence") or 0.0
    if name and confidence >= 0.5:
        try:
            return Detection(
                codecs.lookup(name).name, "chardet", not_utf8_at=bad_at, confidence=confidence
            )
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
    except InputError as error:  # binary, or a byte order --encoding leaves unclear
        message = f"{name}: {error}"
        raise type(error)(message) from None
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
