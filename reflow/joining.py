# cython: annotation_typing=False
"""A paragraph's lines joined into its text: a space, or none after a split word, path or CJK."""

from __future__ import annotations

from collections.abc import Callable

from . import furniture as fur
from . import hangul
from .dehyphen import LINE_END_HYPHENS, should_join, split_word
from .measure import is_cj_pair, is_hangul, is_hangul_pair, width
from .model import Note
from .profile import hangul_parts

#: In proportional type (a PDF) a full line holds more or fewer characters: one stopped short
#: only below this share of its paragraph's widest. In Korean printed to PDF (train-data-kopdf,
#: 80 pages of vueko and viteko, both renditions), no line cut inside a word was narrower than
#: 0.849 of its paragraph's widest (2,247 such lines), while the monospaced test, two columns
#: under the widest, took 92 of them for lines that ended at a space (in d_pdf; besides 71
#: that did, which the syllable model spaces as well: it is right on 98.5% of the rest).
PROPORTIONAL_FULL_SHARE = 0.8


class Joiner:
    """Joins the lines of one paragraph: one space, or none after a split word or in CJK."""

    def __init__(
        self,
        vocabulary: frozenset[str] | Callable[[], frozenset[str]],
        dehyphenate: bool,
        hangul_split_anywhere: bool = False,
        cj_split_anywhere: bool = True,
        inner_words: frozenset[str] | Callable[[], frozenset[str]] = frozenset(),
        proportional: bool = False,
    ) -> None:
        # The document's words, or a function that gives them: only a split word asks.
        self._vocabulary = vocabulary
        # Its words that stand inside a line, not at either end (where a wrapper may have cut
        # them): only Korean wrapped by character asks.
        self._inner_words = inner_words
        self.dehyphenate = dehyphenate
        self.hangul_split_anywhere = hangul_split_anywhere
        # Chinese and Japanese wrapped at spaces only (pandoc, lynx): a line ends where a space
        # was, and the join keeps it.
        self.cj_split_anywhere = cj_split_anywhere
        self.proportional = proportional

    @property
    def vocabulary(self) -> frozenset[str]:
        if callable(self._vocabulary):
            self._vocabulary = self._vocabulary()
        return self._vocabulary

    @property
    def inner_words(self) -> frozenset[str]:
        if callable(self._inner_words):
            self._inner_words = self._inner_words()
        return self._inner_words

    def join(self, lines: list[tuple[int, str]], notes: list[Note] | None) -> str:
        """The text of (input line number, line) pairs."""
        return self.join_lines([number for number, _ in lines], [line for _, line in lines], notes)

    def join_lines(self, numbers: list[int], texts: list[str], notes: list[Note] | None) -> str:
        """The text of lines ``texts``, whose input line numbers are ``numbers``."""
        if len(texts) == 1:
            return texts[0]
        # One space between lines is what ``append`` does unless a line is empty, or one (not
        # the last) ends in a hyphen, a soft hyphen, a backslash, or a wide character (CJK or
        # Hangul: every one of those is at or past U+2E80), or, in Korean wrapped by character,
        # in a name over Hangul. Such a join also makes no notes.
        final = len(texts) - 1
        for index in range(final + 1):
            line = texts[index]
            if not line:
                break
            if index < final:
                last = line[-1]
                if (
                    last >= "\u2e80"
                    or last == "-"
                    or last == "\u00ad"
                    or last == "\u2010"
                    or last == "\\"
                ):
                    break
                if (last == "/" or last == "." or last == "_") and fur.may_end_in_path(
                    line, len(line)
                ):
                    break
                if self.hangul_split_anywhere and _name_then_hangul(line, texts[index + 1]):
                    break
        else:
            return " ".join(texts)
        short = (
            self._stopped_short(texts, self.proportional) if self.hangul_split_anywhere else None
        )
        text = texts[0]
        for index in range(1, len(texts)):
            if short is not None and short[index - 1] and is_hangul_pair(text, texts[index]):
                # Korean wrapped by character is cut inside a word only where a line is full:
                # one that stopped short ended at a space (the seed's lone first word).
                if notes is not None:
                    notes.append(Note("hangul-line-stopped-short", numbers[index]))
                text = text + " " + texts[index]
            else:
                text = self.append(text, texts[index], numbers[index], notes)
        return text

    @staticmethod
    def _stopped_short(texts: list[str], proportional: bool = False) -> list[bool]:
        """Which lines end short of the paragraph's widest by more than one wide character
        (and the column w3m leaves empty when a syllable does not fit); in proportional type,
        by more than ``PROPORTIONAL_FULL_SHARE`` allows."""
        widths = [width(text) for text in texts]
        full = max(widths) * PROPORTIONAL_FULL_SHARE if proportional else max(widths) - 2
        return [value < full for value in widths]

    def append(self, text: str, line: str, number: int, notes: list[Note] | None) -> str:
        if not text:
            return line
        if not line:
            return text
        last = text[-1]
        if last == "\u00ad":  # a soft hyphen at a line end is always a split word
            if len(line) == 1 and line in LINE_END_HYPHENS:
                # The hyphen a PDF shows for it, alone on its line (``pdftotext -raw`` of a
                # Chromium PDF): the soft hyphen stays, to join the word's rest.
                return text
            if notes is not None:
                notes.append(Note("soft-hyphen", number))
            return text[:-1] + line
        if last in LINE_END_HYPHENS and text[-2:-1] == "\u00ad":
            # A soft hyphen and the hyphen a PDF shows for it (Chromium's U+2010): a split word.
            if notes is not None:
                notes.append(Note("soft-hyphen", number))
            return text[:-2] + line
        if (last == "/" or last == "-" or last == "." or last == "_") and fur.continues_path(
            text, line
        ):
            if notes is not None:
                notes.append(Note("path-rejoined", number))
            return text + line
        # (U+2010 is the hyphen groff sets at a man page's line ends.)
        if (
            (last == "-" or last == "\u2010")
            and len(text) > 1
            and text[-2].isalnum()
            and line[:1].isalnum()
        ):
            halves = split_word(text[-60:], line) if self.dehyphenate else None
            if halves is not None and should_join(*halves, self.vocabulary):
                if notes is not None:
                    notes.append(Note("dehyphenate", number, f"{halves[0]}-|{halves[1]}"))
                return text[:-1] + line
            return text + line  # a real compound ("well-known", "2019-20"): keep the hyphen
        if self.cj_split_anywhere and is_cj_pair(text, line):
            return text + line
        if self.hangul_split_anywhere and (
            is_hangul_pair(text, line) or _name_then_hangul(text, line)
        ):
            values = self._hangul_values(text, line)
            fitted = hangul.model()
            if hangul.score(values, fitted) > 0:
                if notes is not None:
                    notes.append(Note("hangul-spaced", number, hangul.weighed_most(values, fitted)))
                return text + " " + line
            return text + line
        if last == "\\" and not text.endswith("\\\\"):
            return text[:-1] + "\n" + line  # a Markdown hard break stays a line break
        return text + " " + line

    def _hangul_values(self, text: str, line: str) -> list[float]:
        """Korean wrapped by character: what says whether the line end fell on a space (the
        words on either side of it, as cut, and the words inside the document's lines)."""
        return hangul.features(*hangul_parts(text, line), self.inner_words, hangul.model())


def _name_then_hangul(left: str, right: str) -> bool:
    """A Latin word or a number, then Hangul: a Korean ending may be glued to it ("React" /
    "가", "2023" / "년"), cut there by a wrap by character; or a word may follow it."""
    last = left[-1:]
    return last.isascii() and last.isalnum() and bool(right) and is_hangul(right[0])
