"""Repair each line with ftfy (mojibake, control characters, NFC), keeping its typography."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from .lines import PAUSE

if TYPE_CHECKING:
    import ftfy

# Lines made only of these characters are left alone by ftfy with reflow's settings, so they
# skip it: printable ASCII, tab, and the typography ftfy keeps when uncurl_quotes is off
# (quotes, dashes, ellipsis, bullet, middle dot, prime). tests/test_repair.py proves the
# shortcut gives the same bytes as repairing every line.
_TYPOGRAPHY = "\u2018\u2019\u201c\u201d\u2010\u2011\u2012\u2013\u2014\u2015\u2026\u2022\u00b7\u2032"
NEEDS_REPAIR = re.compile(f"[^\\t\\x0c\\x20-\\x7e{_TYPOGRAPHY}]")

OnChange = Callable[[int, str, str], None]


@lru_cache(maxsize=1)
def fixer_config() -> ftfy.TextFixerConfig:
    """ftfy's settings for reflow: repair what is broken, restyle nothing."""
    import ftfy

    return ftfy.TextFixerConfig(
        unescape_html=False,  # `&lt;div&gt;` in Markdown must stay as written
        uncurl_quotes=False,  # typography is content
        fix_character_width=False,  # full-width CJK punctuation is correct text
        fix_line_breaks=False,  # lines are already split
        explain=False,
    )


def repair_line(line: str) -> str:
    """One line through ftfy, always; the result is still one line."""
    import ftfy

    fixed = ftfy.fix_text(line, config=fixer_config())
    if "\n" in fixed or "\r" in fixed:
        fixed = fixed.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    return fixed


def repair_batches(
    batches: Iterable[list[str]], on_change: OnChange | None = None
) -> Iterator[list[str]]:
    """Repair lists of lines (as ``split_batches`` yields them); ``PAUSE`` lines are not counted.

    One search over a whole list finds most lists clean, so their lines cost nothing;
    otherwise each line is checked and only those that need it go through ftfy.
    """
    needs_repair = NEEDS_REPAIR.search
    number = 0
    for batch in batches:
        if batch[0] is PAUSE:
            yield batch
            continue
        # Tab is in the safe class, so the joined text is clean exactly when every line is.
        if needs_repair("\t".join(batch)) is None:
            number += len(batch)
            yield batch
            continue
        out = batch.copy()
        for index, line in enumerate(batch):
            if needs_repair(line) is None:
                continue
            fixed = repair_line(line)
            if on_change is not None and fixed != line:
                on_change(number + index + 1, line, fixed)
            out[index] = fixed
        number += len(batch)
        yield out


def repair_lines(lines: Iterable[str], on_change: OnChange | None = None) -> Iterator[str]:
    """Yield each line repaired; lines ftfy cannot change skip it (one regex search each)."""
    needs_repair = NEEDS_REPAIR.search
    number = 0
    for line in lines:
        if line is PAUSE:
            yield line
            continue
        number += 1
        if needs_repair(line) is None:
            yield line
            continue
        fixed = repair_line(line)
        if on_change is not None and fixed != line:
            on_change(number, line, fixed)
        yield fixed


def repair_text(text: str) -> str:
    """Repair a piece of text that holds no line breaks (used by the Markdown mode)."""
    if NEEDS_REPAIR.search(text) is None:
        return text
    return repair_line(text)
