"""Decide whether a word split by an end-of-line hyphen is one word, with evidence."""

from __future__ import annotations

from collections.abc import Set
from functools import lru_cache

#: wordfreq's Zipf scale: 3.0 is about once per million words ("previous" 4.6, "wellknown" 1.3).
ATTESTED_ZIPF = 3.0
#: A joined word this common wins even when its second half is a word too ("international" 5.0).
COMMON_ZIPF = 4.0

_EDGE = ".,;:!?()[]{}“”‘’\"'*_«»"


@lru_cache(maxsize=8192)
def _zipf(word: str) -> float:
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # the lexicon is optional: without it only the document is evidence
        return 0.0
    # The "small" list holds the words seen at least once per million (Zipf >= 3): all that
    # ATTESTED_ZIPF asks about, in half the memory of the large one.
    return float(zipf_frequency(word, "en", wordlist="small"))


def split_word(left_line: str, right_line: str) -> tuple[str, str] | None:
    """The two halves of a word hyphenated across a line end, or None.

    ``left_line`` must end in a hyphen after a letter and ``right_line`` start with
    a lowercase letter.
    """
    if len(left_line) < 2 or left_line[-1] != "-" or not left_line[-2].isalpha():
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
