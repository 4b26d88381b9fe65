"""Safety checks: a result keeps every word of its input, and a second run changes nothing."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TypeVar

from .dehyphen import LINE_END_HYPHENS
from .furniture import ALIGNMENT_GAP
from .lines import split_batches, split_lines
from .repair import repair_text

if TYPE_CHECKING:
    from .decode import Detection
    from .model import Block
    from .options import Options


@dataclass(frozen=True, slots=True)
class Conversion:
    """One whole input converted: the text as decoded, the result, and what decided both."""

    text: str
    output: str
    detection: Detection
    #: The blocks the output was rendered from; None in Markdown mode, which has none.
    blocks: tuple[Block, ...] | None


# --- Equivalence: the output keeps the input's words, in order ---------------------------------

#: The note the paragraph builder leaves for each page header, footer or number it drops.
FURNITURE_RULE = "page-furniture-removed"

_BETWEEN_WORDS = re.compile(r"\W+")


def word_stream(text: str) -> str:
    """The letters and digits of ``text`` in order.

    Joining wrapped lines, de-hyphenating, escaping and Markdown markup change
    only what lies between words, so they leave this stream as it was. (A caption's last
    word "Credit" moves to the credit after it: the order stays.)
    """
    # What lies between words is deleted rather than the words listed: a list of a large
    # file's words would cost several times the file.
    return _BETWEEN_WORDS.sub("", text)


def repaired_words(text: str, *, skip_lines: Collection[int] = (), repaired: bool = True) -> str:
    """``word_stream`` of ``text`` after the per-line repairs reflow makes.

    Lines are numbered as the pipeline numbers them (``split_lines``, from 1);
    those in ``skip_lines`` are left out.
    """
    words: list[str] = []
    for batch in _kept_batches(text, skip_lines):
        if repaired:
            batch = [repair_text(line) for line in batch]
        words.append(word_stream("\n".join(batch)))
    return "".join(words)


def _kept_batches(text: str, skip_lines: Collection[int]) -> Iterator[list[str]]:
    """The lines of ``text`` a batch at a time, those numbered in ``skip_lines`` left out."""
    number = 0
    # A slice of the text at a time: a list of all of a large file's lines would cost
    # several times the file.
    for batch in split_batches(_slices(text)):
        first = number + 1
        number += len(batch)
        if skip_lines:
            batch = [line for n, line in enumerate(batch, first) if n not in skip_lines]
        yield batch


#: Characters of a text split into lines at a time by the word checks.
_SLICE = 1 << 20


def _slices(text: str) -> Iterator[str]:
    for start in range(0, len(text), _SLICE):
        yield text[start : start + _SLICE]


def rejoined_words(text: str, *, skip_lines: Collection[int] = ()) -> str:
    """``repaired_words`` as if every line were joined to the next before repairing.

    reflow repairs a paragraph again once its lines are joined (mojibake cut by a
    line end); this is the same repair over the whole text, for the rare case
    where that second repair changed a word.
    """
    lines = split_lines([text])
    if skip_lines:
        lines = (line for number, line in enumerate(lines, 1) if number not in skip_lines)
    return word_stream(repair_text(" ".join(" ".join(map(repair_text, lines)).split())))


def _where(want: str, have: str, what: str = "words differ") -> str:
    pairs = enumerate(zip(want, have, strict=False))
    at = next((i for i, (a, b) in pairs if a != b), min(len(want), len(have)))
    near, got = want[max(0, at - 30) : at + 30], have[max(0, at - 30) : at + 30]
    return f"{what} near {near!r} (output: {got!r})"


def lost_words(
    before: str,
    after: str,
    *,
    removed: Iterable[str] = (),
    skip_lines: Collection[int] = (),
    repaired: bool = True,
) -> str | None:
    """None when ``after`` keeps the words of ``before`` in order, else where they part.

    ``removed`` are texts reflow reports having dropped (duplicates, page
    furniture): their words may be missing from ``after``. ``skip_lines`` are
    input line numbers reflow reports having dropped. ``repaired=False`` compares
    against the input as it is (for ``--no-repair``).
    """
    want = repaired_words(before, skip_lines=skip_lines, repaired=repaired)
    have = word_stream(after)
    if want == have:
        return None
    if repaired:
        # The paragraphs were repaired again once joined: repair both sides as one line.
        rejoined = rejoined_words(before, skip_lines=skip_lines)
        if rejoined == have or rejoined == word_stream(repair_text(" ".join(after.split()))):
            return None
    for text in removed:
        gone = word_stream(text)
        if gone and gone in want:
            want = want.replace(gone, "", 1)
    if want == have:
        return None
    return _where(want, have)


def check_conversion(conversion: Conversion, options: Options) -> str | None:
    """None when ``conversion`` lost no word beyond the removals it reports, else why not.

    Each block is rendered on its own: a block that renders to nothing was removed
    on purpose (a pull quote repeating the body, a separator, furniture left out by
    ``--body-only``) and is visible as such. Every block, removed or not, must carry
    the input's words in order (less the page furniture lines the builder reports),
    and the output must carry exactly the words of the blocks it kept.
    """
    from .render import render

    if conversion.blocks is None:  # Markdown mode removes nothing
        return lost_words(conversion.text, conversion.output, repaired=options.repair)
    flavour = "text" if options.to == "jsonl" else options.to
    shown = options.replace(to=flavour, explain=False)
    # Against the input, each block is written as text: Markdown writes a text browser's
    # "o" bullet as "-", a marker and no word of the input's.
    everything = shown.replace(to="text", keep_duplicates=True, body_only=False)
    kept_words: list[str] = []
    all_words: list[str] = []
    furniture: set[int] = set()
    for block in conversion.blocks:
        furniture.update(note.line for note in block.notes if note.rule == FURNITURE_RULE)
        piece = "".join(render([block], shown))
        if piece:
            kept_words.append(word_stream(piece))
        # Against the input: the block as joined (before any repair of the joined text), and
        # whole; a block no renderer writes (a separator) counts with its own text.
        source = block if block.unrepaired is None else replace(block, text=block.unrepaired)
        whole = "".join(render([source], everything))
        all_words.append(word_stream(whole) if whole else word_stream(source.text))
    want = repaired_words(conversion.text, skip_lines=furniture, repaired=options.repair)
    have = "".join(all_words)
    if want != have and not (
        options.repair and rejoined_words(conversion.text, skip_lines=furniture) == have
    ):
        return _where(want, have)
    if options.to != "jsonl":
        want, have = "".join(kept_words), word_stream(conversion.output)
        if want != have:
            return _where(want, have)
    return None


class WordFeed:
    """``word_stream`` of a text given piece by piece: a word cut between two pieces is held
    back until the next one completes it."""

    __slots__ = ("_carry",)

    def __init__(self) -> None:
        self._carry = ""

    def __call__(self, piece: str) -> str:
        """The words of everything given so far that no later piece can still change."""
        text = self._carry + piece if self._carry else piece
        cut = len(text)
        while cut and (text[cut - 1].isalnum() or text[cut - 1] == "_"):
            cut -= 1
        self._carry = text[cut:]
        return word_stream(text[:cut]) if cut else ""

    def end(self) -> str:
        """The words still held back."""
        carry, self._carry = self._carry, ""
        return word_stream(carry)


class WordMatch:
    """Two word streams compared as they are given, holding only what one side is ahead by.

    ``problem`` is None while every word given on one side matches the other's, in order.
    """

    __slots__ = ("_have", "_want", "problem")

    def __init__(self) -> None:
        self._want = ""
        self._have = ""
        self.problem: str | None = None

    def want(self, words: str) -> None:
        """Words (a ``word_stream``) the output must have next."""
        if words and self.problem is None:
            self._want += words
            self._settle()

    def have(self, words: str) -> None:
        """Words (a ``word_stream``) the output has next."""
        if words and self.problem is None:
            self._have += words
            self._settle()

    def _settle(self) -> None:
        want, have = self._want, self._have
        common = min(len(want), len(have))
        if not common:
            return
        if want[:common] != have[:common]:
            self.problem = self._part(want, have)
            return
        self._want, self._have = want[common:], have[common:]

    def _part(self, want: str, have: str) -> str:
        return _where(want, have)

    def end(self) -> str | None:
        """None when both streams ended alike, else where they part."""
        if self.problem is None and (self._want or self._have):
            self.problem = self._part(self._want, self._have)
        return self.problem


# --- In place: a text file's rewrite changes its spacing only --------------------------------

# The two marks are high surrogates, which text decoded from a file never holds (undecodable
# bytes become cp1252 characters, or low surrogates under surrogateescape). They were NUL and
# U+0001: a NUL in the text then passed for a line-end hyphen that may go, and a file whose
# NUL the pipeline drops was rewritten in place although a control character must stay.
#: Stands, in ``spelling``, for a hyphen that ends a line: de-hyphenation may drop it.
LINE_END_HYPHEN = "\ud800"
#: Stands, in ``spelling``, for a tab or three spaces or more inside a line: columns lined up
#: (a table, a config example), which a join would close up.
ALIGNMENT = "\ud801"
_LINE_END_HYPHEN = re.compile(f"[{re.escape(LINE_END_HYPHENS)}]" + r"(?=[ \t]*(?:\r\n|\n|\r))")
_ALIGNMENT = re.compile(ALIGNMENT_GAP)
_SPACES = re.compile(r"\s+")


def spelling(text: str) -> str:
    """The characters of ``text`` but its spacing (of whole lines), each hyphen that ends a
    line and each gap that lines up a column marked."""
    return output_spelling(_LINE_END_HYPHEN.sub(LINE_END_HYPHEN, text))


def output_spelling(text: str) -> str:
    """``spelling`` of a result (of whole lines): its gaps marked, its hyphens as they are."""
    return _SPACES.sub("", _ALIGNMENT.sub(ALIGNMENT, text))


class _LineFeed:
    """Pieces of a text given back as whole lines: what ends with the last newline so far."""

    __slots__ = ("_carry",)

    def __init__(self) -> None:
        self._carry = ""

    def __call__(self, piece: str) -> str:
        text = self._carry + piece
        cut = text.rfind("\n") + 1
        self._carry = text[cut:]
        return text[:cut]

    def end(self) -> str:
        carry, self._carry = self._carry, ""
        return carry


class SpellingMatch(WordMatch):
    """``WordMatch`` of two ``spelling`` streams: a hyphen that ended a line on the input's
    side may be gone on the output's (a word de-hyphenated) or kept."""

    __slots__ = ()

    def _settle(self) -> None:
        want, have = self._want, self._have
        at = got = 0  # how far each side is settled (a hyphen dropped puts ``want`` ahead)
        while True:
            same = _common_length(want, at, have, got)
            at, got = at + same, got + same
            if at == len(want) or got == len(have):
                break  # (a hyphen the output has not come to yet stays undecided)
            if want[at] != LINE_END_HYPHEN:
                self.problem = self._part(want[at:], have[got:])
                return
            at += 1
            got += have[got] in LINE_END_HYPHENS  # the hyphen kept, or dropped
        self._want, self._have = want[at:], have[got:]

    def _part(self, want: str, have: str) -> str:
        shown = str.maketrans({LINE_END_HYPHEN: "-", ALIGNMENT: "   "})
        return _where(want.translate(shown), have.translate(shown), "the text differs")

    def end(self) -> str | None:
        if self.problem is None and self._want and not self._have:
            self._want = self._want.replace(LINE_END_HYPHEN, "")
        return super().end()


def _common_length(left: str, start: int, right: str, other: int) -> int:
    """How many characters ``left`` from ``start`` and ``right`` from ``other`` share: found
    by windows that double, then by halves (string comparison runs in C; the cost follows the
    length shared, not the strings')."""
    size = min(len(left) - start, len(right) - other)
    low, step = 0, 64  # the first ``low`` agree
    while low < size:
        high = min(size, low + step)
        if left[start + low : start + high] != right[other + low : other + high]:
            break
        low, step = high, step * 2
    else:
        return size
    while high - low > 1:  # the first ``high`` do not agree
        middle = (low + high) // 2
        if left[start + low : start + middle] == right[other + low : other + middle]:
            low = middle
        else:
            high = middle
    return low


def beyond_spacing(before: str, after: str, *, skip_lines: Collection[int] = ()) -> str | None:
    """None when ``after`` differs from ``before`` in spacing only (line breaks, blanks, a
    line-end hyphen de-hyphenated), else where they part. Lines of ``before`` numbered in
    ``skip_lines`` (from 1, as the pipeline numbers them) are left out of it."""
    match = SpellingMatch()
    for batch in _kept_batches(before, skip_lines):
        match.want(spelling("\n".join(batch) + "\n"))
    match.have(output_spelling(after))
    return match.end()


def dropped_lines(blocks: Iterable[Block]) -> set[int]:
    """The input lines of the blocks a result leaves out as repeats of another."""
    from .model import Kind

    return {
        number
        for block in blocks
        if block.kind is Kind.PULL_QUOTE
        for number in range(block.first_line, block.last_line + 1)
    }


class BlockCheck:
    """``check_conversion`` in bounded memory, for output streamed block by block.

    Told the input's lines (as split, before repairs) as the pipeline reads them, each block
    as it is rendered, and each piece of output: the input's words are compared with the
    blocks' as far as both have gone, so only the stretch between the reading and the
    rendering is held. ``end`` gives None or where the words part; a difference the whole
    check could still excuse (a repair of joined lines) is a difference here: the caller
    then runs the whole check.
    """

    def __init__(self, options: Options, *, spacing_only: bool = False) -> None:
        flavour = "text" if options.to == "jsonl" else options.to
        self._shown = options.replace(to=flavour, explain=False)
        self._everything = self._shown.replace(to="text", keep_duplicates=True, body_only=False)
        self._repair = options.repair
        self._keep_duplicates = options.keep_duplicates
        self._jsonl = options.to == "jsonl"
        self._lines: deque[tuple[int, str]] = deque()
        self._number = 0
        self._furniture: set[int] = set()
        self._input = WordMatch()  # the input's words against every block's
        self._output = WordMatch()  # the kept blocks' words against the output's
        self._output_words = WordFeed()
        #: With ``spacing_only``, the output must differ from the input in spacing only
        #: (``beyond_spacing``): a text file rewritten in place.
        self._spelling = SpellingMatch() if spacing_only else None
        self._output_lines = _LineFeed()
        self._dropped: set[int] = set()  # lines of blocks left out as repeats
        #: After ``end``: where the words part (a difference the whole check might excuse),
        #: and where the text changes beyond its spacing (exact: the whole check says the same).
        self.lost: str | None = None
        self.respelt: str | None = None

    def lines(self, batch: list[str]) -> None:
        """The next input lines, as the pipeline splits them."""
        start = self._number
        self._lines.extend(enumerate(batch, start + 1))
        self._number = start + len(batch)

    def block(self, block: Block) -> None:
        """The next block, before it is rendered."""
        from .render import render

        self._furniture.update(n.line for n in block.notes if n.rule == FURNITURE_RULE)
        if self._spelling is not None and not self._keep_duplicates:
            self._dropped.update(dropped_lines([block]))
        # Lines up to the block's last are read and settled: their furniture notes are in.
        self._release(block.last_line)
        piece = "".join(render([block], self._shown))
        if piece:
            self._output.want(word_stream(piece))
        source = block if block.unrepaired is None else replace(block, text=block.unrepaired)
        whole = "".join(render([source], self._everything))
        self._input.have(word_stream(whole) if whole else word_stream(source.text))

    def output(self, piece: str) -> None:
        """The next piece of the output."""
        if self._spelling is not None:
            self._spelling.have(output_spelling(self._output_lines(piece)))
        if not self._jsonl:
            self._output.have(self._output_words(piece))

    def _release(self, last: int) -> None:
        lines, furniture, dropped = self._lines, self._furniture, self._dropped
        released: list[str] = []
        spelt: list[str] = []
        while lines and lines[0][0] <= last:
            number, line = lines.popleft()
            if number in dropped:
                dropped.discard(number)
            else:
                spelt.append(line)
            if number in furniture:
                furniture.discard(number)
            else:
                released.append(line)
        if spelt and self._spelling is not None:
            self._spelling.want(spelling("\n".join(spelt) + "\n"))
        if released:
            if self._repair:
                released = [repair_text(line) for line in released]
            self._input.want(word_stream("\n".join(released)))

    def end(self) -> str | None:
        """None when no word was lost (and, with ``spacing_only``, nothing but spacing
        changed), else where the texts part; ``lost`` and ``respelt`` then say which."""
        self._release(self._number)
        self._output.have(self._output_words.end())
        if self._spelling is not None:
            self._spelling.have(output_spelling(self._output_lines.end()))
            self.respelt = self._spelling.end()
        self.lost = self._input.end() or (None if self._jsonl else self._output.end())
        return self.lost or self.respelt


# --- Stability: a second run changes nothing -----------------------------------------------

Fingerprint = TypeVar("Fingerprint")


def second_run(result: Fingerprint, run_again: Callable[[], Fingerprint]) -> Fingerprint | None:
    """None when reflow, run again on its own output, gives ``result`` back; else what the
    second run gave (black's second check: a result that is not a fixed point is never written).

    ``result`` is what identifies the output: its bytes, or for a file streamed to disk its
    size and digest; ``run_again`` converts the output as the next run would read it.
    """
    again = run_again()
    return None if again == result else again


# --- Encoding: the file's bytes survive being read and written back ------------------------

#: Codecs in which every string has exactly one encoding and every decoded string reads back.
UNICODE_CODECS = frozenset({"utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"})
# ASCII only: a no-break space may be half of a misread double-byte character.
_SPACING = re.compile(r"[ \t\n\r\f\v]+")


def encoding_problem(data: bytes, conversion: Conversion, written: str | None) -> str | None:
    """None when replacing ``data`` by the conversion loses no character to the encoding, else why.

    Outside UTF-8 (whose stray bytes are repaired on purpose), the input's encoding must
    read its bytes without error and give them back byte for byte; ``written``, the output
    text when it is written in the input's own encoding (None for UTF-8 output), must read
    back as itself. An encoding that is only a guess (not UTF-8, chardet unsure) may be
    misread text, so its file is written back only in that encoding and only when the
    conversion changed nothing but spacing and line breaks: every other character, read
    right or wrong, then keeps its bytes.
    """
    found = conversion.detection
    if found.encoding in UNICODE_CODECS:
        return None
    guess = f"its encoding is a guess (not UTF-8, chardet unsure; read as {found.encoding})"
    if found.guessed and written is None:
        return f"{guess}: name it with --encoding to write it as UTF-8"
    body = data[len(found.bom) :]
    try:
        text = body.decode(found.encoding)
    except UnicodeDecodeError as error:
        return f"byte {len(found.bom) + error.start} is not valid {found.encoding}"
    if text != conversion.text or text.encode(found.encoding) != body:
        return (
            f"{found.encoding} does not give its bytes back exactly, so a rewrite would change them"
        )
    if written is None:
        return None
    if found.guessed and _SPACING.sub("", written) != _SPACING.sub("", text):
        return f"{guess}, and reflow would change more than spacing: name it with --encoding"
    if written.encode(found.encoding).decode(found.encoding) != written:
        return f"the result would not read back as itself in {found.encoding}"
    return None
