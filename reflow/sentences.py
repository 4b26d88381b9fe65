"""Split a paragraph into its sentences (sentencex), breaking only where a single space is."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from .wrap import is_marker_word

#: The language whose abbreviations and rules decide where sentences end. sentencex falls
#: back to it for languages it does not know, and its English rules keep "Dr.", "e.g.",
#: initials and decimals inside a sentence.
LANGUAGE = "en"


@lru_cache(maxsize=1)
def _segment() -> Callable[[str, str], object]:
    # Loaded on first use: most runs never split a sentence.
    from sentencex import segment

    return segment  # type: ignore[no-any-return]


def sentence_starts(text: str, must_not_start: Callable[[str], bool] = is_marker_word) -> list[int]:
    """Where in ``text`` a sentence after the first starts: each right after a single space.

    A boundary the library finds elsewhere (no space, two spaces, a line break) is not
    used, nor one before a word that must not start a line (``1984.``, ``-``) or after a
    "sentence" that is one such word (a list marker, ``Q.``): there the sentence runs on, so
    that the lines rejoined with one space give ``text`` back.
    """
    pieces = [str(piece) for piece in _segment()(LANGUAGE, text)]  # type: ignore[attr-defined]
    if "".join(pieces) != text:  # the library dropped or changed something: split nowhere
        return []
    starts: list[int] = []
    at = begin = 0
    for piece in pieces[:-1]:
        at += len(piece)
        if text[at - 1 : at] != " " or text[at - 2 : at - 1] in (" ", ""):
            continue
        if must_not_start(text[begin : at - 1]):
            continue  # a list marker or label ("1.", "Q.") is no sentence of its own
        if at >= len(text) or text[at] == " ":
            continue
        end = text.find(" ", at)
        if must_not_start(text[at:] if end < 0 else text[at:end]):
            continue
        starts.append(at)
        begin = at
    return starts


def split_sentences(text: str, must_not_start: Callable[[str], bool] = is_marker_word) -> list[str]:
    """``text`` as one line per sentence; ``" ".join`` of the result is ``text`` again."""
    if not text:
        return []
    lines: list[str] = []
    begin = 0
    for start in sentence_starts(text, must_not_start):
        lines.append(text[begin : start - 1])
        begin = start
    lines.append(text[begin:])
    return lines
