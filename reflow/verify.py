"""The safety checks: the output keeps every word and character of the input, and is stable."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from .lines import split_lines
from .repair import repair_text

if TYPE_CHECKING:
    from .api import Conversion
    from .options import Options

_WORD = re.compile(r"\w+")
# Words the renderers add by convention (a credit is written "Credit: …").
_ADDED_WORDS = frozenset({"Credit"})
#: The note the paragraph builder leaves for each page header, footer or number it drops.
FURNITURE_RULE = "page-furniture-removed"


def word_stream(text: str) -> str:
    """The letters and digits of ``text`` in order, with conventional added words left out.

    Joining wrapped lines, de-hyphenating, escaping and Markdown markup change
    only what lies between words, so they leave this stream as it was.
    """
    return "".join(w for w in _WORD.findall(text) if w not in _ADDED_WORDS)


def repaired_words(text: str, *, skip_lines: Collection[int] = (), repaired: bool = True) -> str:
    """``word_stream`` of ``text`` after the per-line repairs reflow makes.

    Lines are numbered as the pipeline numbers them (``split_lines``, from 1);
    those in ``skip_lines`` are left out.
    """
    lines = split_lines([text])
    if skip_lines:
        lines = (line for number, line in enumerate(lines, 1) if number not in skip_lines)
    if repaired:
        lines = (repair_text(line) for line in lines)
    return word_stream("\n".join(lines))


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


def _where(want: str, have: str) -> str:
    pairs = enumerate(zip(want, have, strict=False))
    at = next((i for i, (a, b) in pairs if a != b), min(len(want), len(have)))
    near, got = want[max(0, at - 30) : at + 30], have[max(0, at - 30) : at + 30]
    return f"words differ near {near!r} (output: {got!r})"


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


# Codecs in which every string has exactly one encoding and every decoded string reads back.
_UNICODE_CODECS = frozenset({"utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"})
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
    if found.encoding in _UNICODE_CODECS:
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
