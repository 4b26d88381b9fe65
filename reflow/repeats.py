"""Keys that tell whether two paragraphs hold the same words: fingerprints and cheaper keys."""

from __future__ import annotations

from .patterns import LazyPatterns

#: Marks at a block's edges that are no part of its words: a paragraph in brackets or quotes
#: (a pull quote) has its twin's fingerprint.
FINGERPRINT_EDGE = "[](){}“”‘’\"'«»*_ "

#: The patterns below, by name, compiled the first time they are used (``_pattern``), not at
#: import: few runs need them (ASCII and typographic text takes bytes methods).
#: ``repeats._WORD`` and the other still give the compiled pattern.
_PATTERNS = LazyPatterns(__name__)
_SOURCES = _PATTERNS.sources
_SOURCES.update({"_NON_WORD": (r"[\W_]+", 0), "_WORD": (r"[^\W_]+", 0)})
_pattern = _PATTERNS.__getitem__
__getattr__ = _PATTERNS.attribute


# For ASCII text the same words come from C-level bytes methods, several times faster than the
# regex: every byte that is not a lowercase ASCII letter or digit becomes a space.
_ASCII_NON_WORD = bytes.maketrans(
    bytes(range(256)),
    bytes(b if (48 <= b <= 57 or 97 <= b <= 122) else 32 for b in range(256)),
)
# Typographic punctuation that is never part of a word; replaced by spaces, it lets most
# typographic UTF-8 paragraphs take the ASCII path.
_TYPOGRAPHIC_PUNCTUATION = "’‘“”—–…"
#: The bytes of its UTF-8 forms. The 64 characters whose UTF-8 form has no other byte are all
#: punctuation, spaces or symbols, outside words: tests/test_repeat_keys.py checks
#: every one. So in UTF-8 text with no other byte above 127, its words are the ASCII ones.
_TYPOGRAPHIC_BYTES = bytes(sorted(set(_TYPOGRAPHIC_PUNCTUATION.encode())))
# For UTF-8: a lowercase ASCII letter or digit stays, an uppercase one is lowercased, other
# ASCII bytes and the typographic bytes become spaces; the bytes of other characters stay.
_UTF8_NON_WORD = bytes.maketrans(
    bytes(range(256)),
    bytes(
        b + 32  # an uppercase letter
        if 65 <= b <= 90
        else b
        if (48 <= b <= 57 or 97 <= b <= 122) or (b >= 128 and b not in _TYPOGRAPHIC_BYTES)
        else 32
        for b in range(256)
    ),
)


def fingerprint(text: str) -> str:
    """The words of ``text``, lowercased: what must match for two blocks to be one.

    Equal to ``_NON_WORD.sub(" ", text.strip(FINGERPRINT_EDGE).lower()).strip()``: the words
    (runs of letters and digits) joined by single spaces.
    """
    if len(text) > _SLICE:
        # A huge paragraph (a file without line breaks) in slices cut at spaces: one pass over
        # it all would hold every word at once, many times the text's size. No word spans a
        # cut, and lowercasing looks no further than a word (final sigma), so the words agree.
        parts: list[str] = []
        start = 0
        while start < len(text):
            cut = text.find(" ", start + _SLICE)
            end = len(text) if cut < 0 else cut
            piece = text[start:end].lower()
            if len(piece) > 2 * _SLICE:  # a long run without spaces: no word list for it
                parts.append(_pattern("_NON_WORD").sub(" ", piece).strip())
            else:
                parts.append(_fingerprint_lower(piece))
            start = end + 1
        return " ".join([part for part in parts if part])
    # First the words of ASCII (and typographic) text, from bytes methods.
    # (A lone surrogate, from text read with "surrogateescape", is no word character; its
    # bytes keep this path from answering.)
    words = b" ".join(text.encode("utf-8", "surrogatepass").translate(_UTF8_NON_WORD).split())
    if words.isascii():
        return words.decode("ascii")
    return _fingerprint_lower(text.lower())


#: Characters fingerprinted at a time in huge paragraphs.
_SLICE = 64 * 1024


def _fingerprint_lower(low: str) -> str:
    """``fingerprint`` of text already lowercased."""
    if not low.isascii():
        for mark in _TYPOGRAPHIC_PUNCTUATION:
            if mark in low:
                low = low.replace(mark, " ")
        if not low.isascii():
            return _words_of_lower(low)
    return b" ".join(low.encode("ascii").translate(_ASCII_NON_WORD).split()).decode("ascii")


#: Characters outside words that text in European languages has between its words: turned
#: into spaces first, they leave most such paragraphs to the bytes methods below.
_SPACING_MARKS = "\u00a0\u202f«»"
#: In UTF-8: an ASCII letter or digit stays (the text is lowercased), any other ASCII byte
#: becomes a space, and the bytes of other characters stay.
_UTF8_ASCII_SEPARATORS = bytes.maketrans(
    bytes(range(256)),
    bytes(b if (48 <= b <= 57 or 97 <= b <= 122 or b >= 128) else 32 for b in range(256)),
)


def _words_of_lower(low: str) -> str:
    """``" ".join(_WORD.findall(low))`` for lowercased text that is not ASCII.

    Split at its ASCII separators with bytes methods, its words are the regex's when every
    character left is a letter or digit (``isalnum``, the regex's class less "_"); else the
    regex answers. Many times faster than the regex on accented text.
    """
    for mark in _SPACING_MARKS:
        if mark in low:
            low = low.replace(mark, " ")
    try:
        words = low.encode("utf-8").translate(_UTF8_ASCII_SEPARATORS).split()
    except UnicodeEncodeError:  # a lone surrogate
        words = []
    if words and b"".join(words).decode("utf-8").isalnum():
        return b" ".join(words).decode("utf-8")
    return " ".join(_pattern("_WORD").findall(low))


# A duplicate is found by a cheap key first: the words run together (every byte but an ASCII
# letter or digit deleted, letters lowercased). Equal fingerprints give equal keys, so a key
# nobody holds means the fingerprint is new too; only when keys meet are the fingerprints
# compared (see ``classify.classify``).
_ASCII_LOWER = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")
#: The ASCII bytes outside words; with the bytes of every other character, those deleted.
_ASCII_PUNCTUATION = bytes(
    b for b in range(128) if not (48 <= b <= 57 or 65 <= b <= 90 or 97 <= b <= 122)
)
_ASCII_NOT_ALNUM = _ASCII_PUNCTUATION + bytes(range(128, 256))
_NOT_WORD_BYTES = _ASCII_PUNCTUATION + _TYPOGRAPHIC_BYTES


def cheap_key(text: str) -> bytes:
    """``fingerprint(text)`` without its spaces (UTF-8): equal fingerprints, equal keys."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_LOWER, _ASCII_NOT_ALNUM)
    if len(text) <= _SLICE:
        # The ASCII letters and digits, lowercased, and the bytes of other characters but the
        # typographic punctuation: ASCII when there were no others.
        key = text.encode("utf-8", "surrogatepass").translate(_ASCII_LOWER, _NOT_WORD_BYTES)
        if key.isascii():
            return key
        # Accented text: the lowercased characters but the ASCII ones outside words and the
        # marks that are never in one. Those left are the fingerprint's, with no space, when
        # every one is a letter or digit (``_words_of_lower``'s test).
        low = text.lower()
        for mark in _NEVER_IN_WORDS:
            if mark in low:
                low = low.replace(mark, "")
        try:
            key = low.encode("utf-8").translate(None, _ASCII_OUTSIDE_WORDS)
        except UnicodeEncodeError:  # a lone surrogate
            key = b""
        if key and key.decode("utf-8").isalnum():
            return key
    return fingerprint(text).replace(" ", "").encode("utf-8")


#: The characters ``cheap_key`` drops from accented text before its test.
_NEVER_IN_WORDS = _TYPOGRAPHIC_PUNCTUATION + _SPACING_MARKS
#: The ASCII bytes that are not a lowercase letter or digit.
_ASCII_OUTSIDE_WORDS = bytes(b for b in range(128) if not (48 <= b <= 57 or 97 <= b <= 122))


#: Compiled, paragraphs of ASCII words are keyed by a number made in one C loop over the
#: characters (``_number_key``); in Python by ``cheap_key``'s bytes, cheaper there. Either
#: way equal fingerprints give equal keys, so the decisions are the same (tested).
NUMBER_KEYS = not __file__.endswith(".py")


#: FNV's 64-bit prime, and the mask that keeps numbers to 64 bits in Python as in C.
_KEY_PRIME, _KEY_MASK = 1099511628211, 0xFFFFFFFFFFFFFFFF
#: What each ASCII character adds to a key: an uppercase letter its lowercase letter, a
#: lowercase letter or digit itself, any other character nothing (0), as in cheap_key.
_KEY_CHARS = bytes(
    b + 32 if 65 <= b <= 90 else b if (48 <= b <= 57 or 97 <= b <= 122) else 0 for b in range(128)
)
#: What each ASCII character multiplies the number by: the prime for a character of a word,
#: 1 for the others (which add nothing either, so leave the number as it was).
_KEY_MULTIPLIERS = tuple(_KEY_PRIME if added else 1 for added in _KEY_CHARS)


def _ascii_word_hash(text: str) -> int:
    """``_hash_of_key(cheap_key(text))`` without making bytes, or -1 when ``text`` holds a
    character that is neither ASCII nor typographic punctuation (then cheap_key must tell).

    Each ASCII character goes through the same two tables, with no branch to guess: compiled,
    the loop is a multiplication and an addition per character. The number wraps at 64 bits,
    compiled (unsigned) as in Python (masked; the mask is written out, so that the C compiler
    sees it keeps every bit and drops it).
    """
    h, mask = 0, 0xFFFFFFFFFFFFFFFF
    table = _KEY_CHARS
    added, multipliers = table, _KEY_MULTIPLIERS
    typographic = _TYPOGRAPHIC_PUNCTUATION
    for char in text:
        code = ord(char)
        if code >= 128:
            if char in typographic:
                continue
            return -1
        h = (h * multipliers[code] + added[code]) & mask
    return h


def _hash_of_key(key: bytes) -> int:
    """The number ``_ascii_word_hash`` makes of a key's bytes."""
    h, prime, mask = 0, _KEY_PRIME, _KEY_MASK
    for code in key:
        h = (h * prime + code) & mask
    return h


def _number_key(text: str) -> object:
    """A key for ``text`` as ``cheap_key`` gives, a number when its words are ASCII."""
    h = _ascii_word_hash(text)
    if h >= 0:
        return h
    key = cheap_key(text)
    return _hash_of_key(key) if key.isascii() else key


def key_of(text: str, exact: bool) -> object:
    """The key ``text`` is remembered by: its fingerprint when ``exact``, else a cheap key
    (a number, compiled). Equal fingerprints give equal keys either way."""
    if exact:
        return fingerprint(text)
    if NUMBER_KEYS:
        return _number_key(text)
    return cheap_key(text)
