"""One paragraph rewritten: lines joined, prose repaired, wrapped in a style, best form first."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from ..options import Options
from ..repair import repair_text
from ..styles import LineStyle, Segment
from ..wrap import is_marker_word
from .rewritable import (
    _QUOTED_VALUE,
    HARD,
    INNER,
    KEPT,
    VALUE,
    _columns,
    _continuation,
    _Line,
    _Para,
)

# Chinese and Japanese write no spaces between words, so two lines of such text join with
# none. Hangul is left out on purpose: Korean separates words with spaces.
_CJK = "\u2e80-\u312f\u3190-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0002ffff"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_CJK_SPACE = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")

SOFT_HYPHEN = "\u00ad"
# Stand for a space or tab that wrapping must not break at (see _glue); private-use
# characters, so they never mean anything in real text.
_GLUE = "\ue000"
_GLUE_TAB = "\ue001"
_TO_GLUE = str.maketrans({" ": _GLUE, "\t": _GLUE_TAB})
_FROM_GLUE = str.maketrans({_GLUE: " ", _GLUE_TAB: "\t"})

# Spans of paragraph text that repairs never touch: what is written there is not prose.
_PROTECTED = re.compile(
    r"""(?x)
    (?<!`)(?P<ticks>`+)(?!`).*?(?<!`)(?P=ticks)(?!`)     # code span
    | <[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>            # autolink
    | <[^\s<>@]+@[^\s<>]+>                               # e-mail autolink
    | <!--(?:.*?-->|.*)                                  # HTML comment (to the end if unclosed)
    | </?[A-Za-z][^<>]*>                                 # HTML tag
    | \]\([^)]*\)?                                       # link destination and title
    | \$\$?[^$]+\$\$?                                    # math
    | &(?:\#[0-9]{1,7}|\#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});  # entity
    | \{\{(?:.*?\}\}|.*) | \{%(?:.*?%\}|.*)              # template tags (to the end if unclosed)
    """,
    re.DOTALL,
)

_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>")

# Code spans (whose blanks are content) and the runs of blanks elsewhere.
_BLANKS = re.compile(r"(?P<code>(?<!`)(?P<ticks>`+)(?!`).*?(?<!`)(?P=ticks)(?!`))|[ \t]{2,}|\t")
_CODE_BLANKS = re.compile(r"[ \t]{2,}|\t")

# Spaces inside these must not become line breaks when wrapping.
# A space in an image's description, in a template tag or a task box: searched for only up to
# the last closer, so that unclosed openers cost one scan.
_UNBREAKABLE = (
    (re.compile(r"!\[[^\]]*\]"), "]"),
    (re.compile(r"\{\{.*?\}\}"), "}}"),
    (re.compile(r"\{%.*?%\}"), "%}"),
    (re.compile(r"^\[[ xX]\] "), "] "),
)

# An HTML tag (its quoted attribute values, ``_QUOTED_VALUE``, glued): a line break wrapping
# put in a value would be the value's own ('<abbr title="a long' / 'name">' shows it in the
# tooltip).
_HTML_TAG = re.compile(r"<[A-Za-z][^<>]*>")
# The parts of a value a VALUE break cuts: its start ending a segment, its end opening one.
_VALUE_START = re.compile(r"=[ \t]*[\"'][^\"']*$")
_VALUE_END = re.compile(r"^[^\"']*")

# A definition list's ": " or "~ " marker at the start of a definition's text.
_DEFINITION_MARK = re.compile(r"[:~][ \t]+(?=\S)")


#: The breaks a paragraph's lines are cut at: its hard breaks and the code spans' kept ones.
_CUTS = (HARD, KEPT, VALUE)


def _is_cjk_pair(left: str, right: str) -> bool:
    return bool(left and right and _CJK_CHAR.match(left[-1]) and _CJK_CHAR.match(right[0]))


def _join(lines: list[_Line], breaks: list[str], *, repair: bool, exact: bool) -> str:
    """One segment's lines as one line: a space, or none between CJK or after a soft hyphen.

    With ``exact``, the blanks around a newline inside a code span are kept as they are.
    """
    text = lines[0].body
    for before, line, kind in zip(lines, lines[1:], breaks, strict=False):
        body = line.body
        if kind == INNER and exact:
            # Inside a code span the blanks around a newline are content: keep them.
            text += before.trailing + " " + line.lead + body
        elif kind == INNER:
            # Re-wrapping may break the span again, and a tab in the prefix would then
            # add blanks each time: one space keeps the result a fixed point.
            text += " " + body
        elif repair and text.endswith(SOFT_HYPHEN):
            text = text[:-1] + body  # a word split by an invisible hyphen
        elif _is_cjk_pair(text, body):
            text += body
        else:
            # An ASCII hyphen stays a hyphen followed by a space, as the renderer already
            # shows it: in hand-written Markdown a line-end hyphen is the author's own
            # ("e-mail", "pre- and post-"), and removing it would change the text.
            text += " " + body
    return text


def _repair_prose(text: str) -> str:
    """ftfy on the prose of ``text``; code, HTML, links, math and entities stay as written."""
    if repair_text(text, apostrophes=False) == text:  # the common case: nothing to repair
        return text
    pieces: list[str] = []
    pos = 0
    for match in _PROTECTED.finditer(text):
        pieces.append(_repair_piece(text[pos : match.start()]))
        pieces.append(match.group())
        pos = match.end()
    pieces.append(_repair_piece(text[pos:]))
    return "".join(pieces)


def _repair_piece(piece: str) -> str:
    fixed = repair_text(piece, apostrophes=False)
    # Normalisation alone (decomposed accents composed) is not a repair: the text was right.
    if fixed != piece and fixed == unicodedata.normalize("NFC", piece):
        return piece
    return fixed


def _must_not_start(word: str) -> bool:
    """Words that would make block structure at a line start (wrap's list, plus footnotes, math)."""
    if _AUTOLINK.match(word):  # "<https://…>" cannot start an HTML block
        return False
    return is_marker_word(word) or word.startswith(("[^", "$$", "{:"))


def _must_not_start_strict(word: str) -> bool:
    """The fallback when a wrap still changed the structure: no punctuation at a line start."""
    return not word[:1].isalnum() or is_marker_word(word)


def _glue(text: str) -> str:
    """Mark the blanks wrapping must keep; other runs of blanks become one space.

    Kept: blanks in a code span other than single spaces (they are content), spaces in
    template tags and HTML attribute values, after a backslash or a soft hyphen, and between
    CJK characters.
    """
    if "`" in text or "  " in text or "\t" in text:
        text = _BLANKS.sub(_glue_blanks, text)
    if "{" in text or "[" in text:
        for pattern, closer in _UNBREAKABLE:
            end = text.rfind(closer)
            if end >= 0:
                end += len(closer)
                glued = pattern.sub(lambda m: m.group().replace(" ", _GLUE), text[:end])
                text = glued + text[end:]
    if "<" in text and "=" in text:
        text = _HTML_TAG.sub(_glue_values, text)
    if not text.isascii():
        # A break between two CJK characters would come back without its space.
        text = _CJK_SPACE.sub(_GLUE, text)
    if "\\" not in text and SOFT_HYPHEN not in text:
        return text
    words = text.split(" ")
    out = [words[0]]
    for word in words[1:]:
        previous = out[-1]
        backslashes = len(previous) - len(previous.rstrip("\\"))
        # A line ending in "\" would be a hard break; one ending in a soft hyphen would be
        # joined to the next line's word when reflow reads its own output.
        if backslashes % 2 or previous.endswith(SOFT_HYPHEN):
            out[-1] = previous + _GLUE + word
        else:
            out.append(word)
    return " ".join(out)


def _glue_values(tag: re.Match[str]) -> str:
    return _QUOTED_VALUE.sub(_glue_match, tag.group())


def _glue_match(match: re.Match[str]) -> str:
    return match.group().translate(_TO_GLUE)


def _glue_blanks(match: re.Match[str]) -> str:
    if match.group("code") is None:
        return " "
    return _CODE_BLANKS.sub(lambda m: m.group().translate(_TO_GLUE), match.group())


def _unglue(text: str) -> str:
    return text.translate(_FROM_GLUE)


def _render(
    para: _Para,
    *,
    repair: bool,
    ftfy: bool,
    style: LineStyle,
    must_not_start: Callable[[str], bool],
    newline: str,
) -> list[str]:
    """The paragraph's new lines, endings included, in the line ``style``.

    ``repair`` joins words split by a soft hyphen; ``ftfy`` also repairs the prose. A
    segment the style keeps (``keep``, or ``auto`` and already in the file's style) keeps
    its line breaks: only ``ftfy`` touches it.
    """
    lines = para.lines
    cont = _continuation(lines[0].prefix)
    definition = _DEFINITION_MARK.match(lines[0].body)
    if definition is not None:  # a definition's later lines line up with its text
        cont += " " * _columns(definition.group())
    out: list[str] = []
    seg_start = 0
    for k in range(len(lines)):
        if k < len(para.breaks) and para.breaks[k] not in _CUTS:
            continue
        segment = lines[seg_start : k + 1]
        if style.keeps(_shape(segment), must_not_start):
            for line in segment:
                body = _repair_prose(line.body) if ftfy else line.body
                out.append(line.prefix + body + line.trailing + line.ending)
            seg_start = k + 1
            continue
        text = _join(segment, para.breaks[seg_start:k], repair=repair, exact=style.one_line)
        if ftfy:
            text = _repair_prose(text)
        tail = segment[-1].trailing + segment[-1].ending
        if style.one_line:
            out.append(segment[0].prefix + text + tail)
        else:
            if seg_start == 0 or para.breaks[seg_start - 1] == KEPT:
                first = lines[seg_start].prefix  # (a code span's line keeps its indent)
            else:
                first = cont
            marker = definition.group() if definition is not None and seg_start == 0 else ""
            glued = _glue(text[len(marker) :])
            if seg_start > 0 and para.breaks[seg_start - 1] == VALUE:
                glued = _VALUE_END.sub(_glue_match, glued, count=1)
            if k < len(para.breaks) and para.breaks[k] == VALUE:
                glued = _VALUE_START.sub(_glue_match, glued, count=1)
            wrapped = style.break_text(
                marker.translate(_TO_GLUE) + glued,
                _columns(first),
                _columns(cont),
                must_not_start,
            )
            for n, piece in enumerate(wrapped):
                piece = _unglue(piece)
                end = tail if n == len(wrapped) - 1 else (lines[0].ending or newline)
                out.append((first if n == 0 else cont) + piece + end)
        seg_start = k + 1
    return out


def _shape(segment: list[_Line]) -> Segment:
    """A segment's lines as the line styles judge them: prefix columns and text."""
    return [(_columns(line.prefix), line.body) for line in segment]


def _segments(para: _Para) -> list[Segment]:
    """The paragraph's lines cut at its hard breaks."""
    cut = [k + 1 for k, kind in enumerate(para.breaks) if kind in _CUTS]
    bounds = zip([0, *cut], [*cut, len(para.lines)], strict=True)
    return [_shape(para.lines[start:end]) for start, end in bounds]


def _original(para: _Para) -> list[str]:
    return [line.prefix + line.body + line.trailing + line.ending for line in para.lines]


def _prepare(para: _Para, options: Options, newline: str, style: LineStyle) -> None:
    """List the forms to try for ``para`` and take the best one."""
    para.tried = [_original(para)]
    if options.repair or any(line.body.endswith(SOFT_HYPHEN) for line in para.lines):
        para.styles.append((True, _must_not_start))
    para.styles.append((False, _must_not_start))
    if style.kind in ("width", "sentence"):
        para.styles.append((False, _must_not_start_strict))
    _advance(para, options, newline, style)


def _advance(para: _Para, options: Options, newline: str, style: LineStyle) -> None:
    """Move ``para`` to its next-best form, or back to its lines as written when none is left.

    Forms are made only when needed: most paragraphs keep their first one.
    """
    while para.styles:
        repaired, predicate = para.styles.pop(0)
        lines = _render(
            para,
            repair=repaired,
            ftfy=repaired and options.repair,
            style=style,
            must_not_start=predicate,
            newline=newline,
        )
        if lines == para.tried[0]:
            break  # already in its best form: plainer forms are no better
        if lines not in para.tried:
            para.tried.append(lines)
            para.current, para.repaired = lines, repaired
            return
    para.styles.clear()
    para.current, para.repaired = None, False
