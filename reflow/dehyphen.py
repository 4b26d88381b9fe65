"""Decide whether a word split by an end-of-line hyphen is one word, with evidence."""

from __future__ import annotations

import math
from collections.abc import Set
from functools import lru_cache

#: wordfreq's Zipf scale: 3.0 is about once per million words ("previous" 4.6, "wellknown" 1.3).
ATTESTED_ZIPF = 3.0
#: A joined word this common wins even when its second half is a word too ("international" 5.0).
COMMON_ZIPF = 4.0

_EDGE = ".,;:!?()[]{}“”‘’\"'*_«»"


@lru_cache(maxsize=1)
def _small_english() -> dict[str, int] | None:
    """wordfreq's small English list read from its data file: word -> bucket (-centibels).

    Importing wordfreq (and langcodes, regex, ftfy with it) takes ~0.15 s, more than
    reflow needs for megabytes of text; the list itself loads in a few ms. None when
    the file cannot be read so: then wordfreq itself answers.
    """
    try:
        import gzip
        from importlib.util import find_spec
        from pathlib import Path

        import msgpack

        spec = find_spec("wordfreq")
        if spec is None or not spec.submodule_search_locations:
            return None
        path = Path(next(iter(spec.submodule_search_locations)), "data", "small_en.msgpack.gz")
        with gzip.open(path, "rb") as infile:
            data = msgpack.load(infile, raw=False)
    except Exception:  # any trouble: ask wordfreq the usual way
        return None
    header = data[0] if data else None
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        return None
    # As wordfreq's get_frequency_dict: bucket i holds the words of frequency 10 ** (-i / 100),
    # and a word in two buckets has the later one.
    return {word: index for index, bucket in enumerate(data[1:]) for word in bucket}


#: wordfreq's ``zipf_to_freq(0.0)``: the frequency of an unknown word at ``minimum=0``.
_FREQ_MIN = 10**0.0 / 1e9


def _zipf_of_plain_word(index: int | None) -> float:
    """``wordfreq.zipf_frequency(word, "en", wordlist="small")`` for a word of a-z only,
    given its bucket in the list (None: not in it), computed as wordfreq 3 does: such a
    word is one token, with no digits, looked up as it is."""
    if index is None:
        freq = _FREQ_MIN
    else:
        unrounded = max(10 ** (-index / 100), _FREQ_MIN)
        freq = round(unrounded, math.floor(-math.log(unrounded, 10)) + 3)
    return round(math.log(freq, 10) + 9, 2)


@lru_cache(maxsize=8192)
def _zipf(word: str) -> float:
    if word.isascii() and word.isalpha() and word.islower():  # a-z only: the list suffices
        table = _small_english()
        if table is not None:
            return float(_zipf_of_plain_word(table.get(word)))
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # the lexicon is optional: without it only the document is evidence
        return 0.0
    # The "small" list holds the words seen at least once per million (Zipf >= 3): all that
    # ATTESTED_ZIPF asks about, in half the memory of the large one.
    return float(zipf_frequency(word, "en", wordlist="small"))


#: The hyphens that split a word at a line's end: ASCII's, and U+2010, which groff sets at a
#: man page's line ends. (The joiner's and the break rules' compiled tests name them as
#: literals; tests/test_performance_contracts.py checks they agree.)
LINE_END_HYPHENS = "-\u2010"


def split_word(left_line: str, right_line: str) -> tuple[str, str] | None:
    """The two halves of a word hyphenated across a line end, or None.

    ``left_line`` must end in a hyphen after a letter and ``right_line`` start with
    a lowercase letter.
    """
    if len(left_line) < 2 or left_line[-1] not in LINE_END_HYPHENS or not left_line[-2].isalpha():
        return None
    if not right_line[:1].islower():
        return None
    space = left_line.rfind(" ")
    left = left_line[space + 1 : -1].lstrip(_EDGE)
    end = right_line.find(" ")
    right = (right_line if end < 0 else right_line[:end]).rstrip(_EDGE)
    if not left or not right or not left.replace("-", "").isalpha() or not right.isalpha():
        return None
    return left, right


def should_join(left: str, right: str, vocabulary: Set[str]) -> bool:
    """True when ``left + right`` is a word attested in the document or the lexicon.

    ``well-`` + ``known`` keeps its hyphen: the document writes it with one, or
    ``wellknown`` is not a word. When unsure, the hyphen stays.
    """
    if "-" in left:  # "state-of-the-" + "art": a compound, keep its hyphens
        return False
    joined = (left + right).lower()
    hyphenated = f"{left}-{right}".lower()
    if hyphenated in vocabulary:
        return False
    if joined in vocabulary:
        return True
    frequency = _zipf(joined)
    if frequency < ATTESTED_ZIPF:
        return False
    # "re-" + "election": both halves stand as words, and the compound may be written either
    # way; keep the hyphen unless the joined word is far more common than that ("some-thing").
    return _zipf(right.lower()) < ATTESTED_ZIPF or frequency >= COMMON_ZIPF
