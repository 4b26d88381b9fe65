"""The safety checks: the output keeps every word of the input, and is a fixed point."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .repair import repair_text

_WORD = re.compile(r"\w+")
# Words the renderers add by convention (a credit is written "Credit: …").
_ADDED_WORDS = frozenset({"Credit"})


def word_stream(text: str) -> str:
    """The letters and digits of ``text`` in order, with conventional added words left out.

    Joining wrapped lines, de-hyphenating, escaping and Markdown markup change
    only what lies between words, so they leave this stream as it was.
    """
    return "".join(w for w in _WORD.findall(text) if w not in _ADDED_WORDS)


def repaired_words(text: str) -> str:
    """``word_stream`` of ``text`` after the per-line repairs reflow makes."""
    lines = re.split(r"\r\n?|[\n\u2028\u2029\f]", text)
    return word_stream("\n".join(repair_text(line) for line in lines))


def lost_words(before: str, after: str, *, removed: Iterable[str] = ()) -> str | None:
    """None when ``after`` keeps the words of ``before`` in order, else where they part.

    ``removed`` are texts reflow reports having dropped (duplicates, page
    furniture): their words may be missing from ``after``.
    """
    want = repaired_words(before)
    have = word_stream(after)
    if want == have:
        return None
    for text in removed:
        gone = word_stream(text)
        if gone and gone in want:
            want = want.replace(gone, "", 1)
    if want == have:
        return None
    at = next((i for i, (a, b) in enumerate(zip(want, have, strict=False)) if a != b), min(len(want), len(have)))
    return f"words differ near {want[max(0, at - 30) : at + 30]!r} (output: {have[max(0, at - 30) : at + 30]!r})"
