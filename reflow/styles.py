"""Line styles: what each does to a paragraph's lines, and which one a file is written in."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lines import split_lines
from .render import escape_block_start
from .repair import repair_text
from .sentences import sentence_starts, split_sentences
from .wrap import display_width, is_marker_word, wrap

if TYPE_CHECKING:
    from .model import Block
    from .options import Options

#: One line of a paragraph as written: the columns its prefix takes (list or quote markers,
#: indentation) and its text.
Line = tuple[int, str]
#: A paragraph's lines between two hard breaks: the unit a style is judged on.
Segment = Sequence[Line]

#: Narrower than this, a text is not taken for wrapped at a width (a column of short lines).
MIN_WIDTH = 20
#: Wider than this, a width is not one anybody fills lines at: the paragraphs voting for it are
#: one-liners (which fit every width past their own) and a stray long line or two, and filled
#: there a paragraph would break once in its middle. Such a file is one line a paragraph.
MAX_WIDTH = 200
#: Wrapped at N, a line may stop this share of N short of where the next word would have
#: overflowed: fmt and par fill paragraphs evenly rather than greedily (at 0.1, one of six
#: fmt-filled paragraphs at 60 columns was taken for ragged). A line stopping shorter was
#: made ragged by an edit, or strands a word.
SLACK = 0.15
#: A line may break inside a sentence after these (semantic line breaks put clauses on lines
#: of their own); anywhere else a break inside a sentence is out of the one-sentence style.
CLAUSE_ENDS = ",;:—–"
#: The share of the paragraphs that tell the styles apart which must already have the winning
#: style; below it the file has no style reflow is sure of, and its line breaks are kept.
MIN_SHARE = 2 / 3


@dataclass(frozen=True, slots=True)
class LineStyle:
    """How a paragraph's lines break.

    ``kind`` is ``no`` (one line), ``width`` (wrapped at ``width`` columns), ``sentence``
    (one sentence a line) or ``keep`` (as written). With ``auto``, a paragraph that already
    has the style keeps its lines (the file's own style, detected).
    """

    kind: str
    width: int = 0
    auto: bool = False

    @property
    def one_line(self) -> bool:
        """Each paragraph (up to a hard break) becomes one line."""
        return self.kind == "no"

    def keeps(self, segment: Segment, must_not_start: Callable[[str], bool]) -> bool:
        """Whether ``segment`` stays as written: under ``keep``, or in the style already."""
        if self.kind == "keep":
            return True
        return self.auto and fits(segment, self, must_not_start)

    def break_text(
        self, text: str, initial: int, subsequent: int, must_not_start: Callable[[str], bool]
    ) -> list[str]:
        """``text`` (one paragraph, single spaces) broken into this style's lines."""
        if self.kind == "width":
            return wrap(
                text,
                self.width,
                initial=initial,
                subsequent=subsequent,
                must_not_start=must_not_start,
            )
        if self.kind == "sentence":
            return split_sentences(text, must_not_start)
        return [text]


NO = LineStyle("no")
KEEP = LineStyle("keep")


def chosen_style(wrap_option: str, width: int) -> LineStyle:
    """The style an ``Options.wrap`` names; ``auto`` is decided per file by ``detect_style``."""
    if wrap_option == "width" and width > 0:
        return LineStyle("width", width)
    if wrap_option in ("keep", "sentence", "no"):
        return LineStyle(wrap_option)
    return NO


# -- judging one segment ------------------------------------------------------------------


def _units(
    text: str, must_not_start: Callable[[str], bool], whole_spans: bool = False
) -> list[str]:
    """The pieces a line may break between: words, a marker word glued to the one before;
    with ``whole_spans``, also a link's text (``[Go at Google: …](…)``) or a code span kept
    whole, as writers who move one to the next line rather than break it see them."""
    units: list[str] = []
    closer = ""  # what ends the link text or code span the last unit left open
    for word in text.split(" "):
        if not word:
            continue
        if closer:
            units[-1] += " " + word
            if closer in word:
                closer = ""
            continue
        if units and must_not_start(word):
            units[-1] += " " + word
        else:
            units.append(word)
        if whole_spans:
            closer = _opens(word)
    return units


def _opens(word: str) -> str:
    """The character that closes a link text or code span ``word`` opens and leaves open."""
    if word.count("`") % 2:
        return "`"
    bracket = word.rfind("[")
    if bracket >= 0 and "]" not in word[bracket:]:
        return "]"
    return ""


def width_range(
    segment: Segment, must_not_start: Callable[[str], bool], whole_spans: bool = False
) -> tuple[int, float]:
    """The widths ``segment`` could have been filled at: ``lo <= N <= hi`` (lo > hi: none).

    Filled at N, each line is at most N columns (unless it is one unbreakable unit) and
    the next line's first unit would not have fitted after it, give or take ``SLACK``.
    """
    lo, hi = 0, float("inf")
    for k, (columns, text) in enumerate(segment):
        used = columns + display_width(text)
        if len(_units(text, must_not_start, whole_spans)) > 1:
            lo = max(lo, used)
        if k + 1 < len(segment):
            following = _units(segment[k + 1][1], must_not_start, whole_spans)
            first = display_width(following[0]) if following else 0
            hi = min(hi, used + first)
    return lo, _widest(hi)


def _widest(reach: float) -> float:
    """The largest N for which a line reaching ``reach`` columns with the next word is full.

    Full means reaching past ``N - SLACK * N`` columns (rounded down): without slack, N is
    ``reach`` itself.
    """
    if reach == float("inf"):
        return reach
    width = int(reach / (1 - SLACK)) + 2
    while width - int(width * SLACK) > reach:
        width -= 1
    return width


def _texts(segment: Segment) -> list[str]:
    return [text for _, text in segment]


def fits_sentences(segment: Segment, must_not_start: Callable[[str], bool]) -> bool:
    """Every sentence starts a line; a line inside a sentence breaks only after a clause."""
    texts = _texts(segment)
    joined = " ".join(texts)
    starts = set(sentence_starts(joined, must_not_start))
    line_starts: set[int] = set()
    at = 0
    for k, text in enumerate(texts):
        if k:
            line_starts.add(at)
            previous = texts[k - 1].rstrip()
            if at not in starts and previous[-1:] not in CLAUSE_ENDS:
                return False
        at += len(text) + 1
    return starts <= line_starts


def fits(segment: Segment, style: LineStyle, must_not_start: Callable[[str], bool]) -> bool:
    """Whether ``segment`` already has ``style``."""
    if style.kind == "no":
        return len(segment) == 1
    if style.kind == "sentence":
        return fits_sentences(segment, must_not_start)
    if style.kind == "width":
        # A paragraph that moved a link or code span whole to the next line is in the style
        # too (the file's width is found without that allowance: it would find widths in
        # files that have none).
        lo, hi = width_range(segment, must_not_start, whole_spans=True)
        return lo <= style.width <= hi
    return True


# -- the file's style ---------------------------------------------------------------------


def detect_style(
    segments: Iterable[Segment], must_not_start: Callable[[str], bool] = is_marker_word
) -> LineStyle:
    """The style most of the file's paragraphs have, as an ``auto`` style; ``keep`` if unsure.

    Each segment (a paragraph's lines up to a hard break) votes for the styles it has:
    one line (``no``), one sentence a line, and every width it could have been filled at.
    The width is the one most segments fit, the narrowest of those. The style with the most
    votes wins (ties in the order no, sentence, width) if it holds at least ``MIN_SHARE`` of
    the segments that do not fit all three; a file where no segment tells them apart keeps
    its line breaks.
    """
    sized: list[tuple[bool, bool, int, float]] = []
    for segment in segments:
        if not segment:
            continue
        lo, hi = width_range(segment, must_not_start)
        sized.append(
            (len(segment) == 1, fits_sentences(segment, must_not_start), max(lo, MIN_WIDTH), hi)
        )
    width, width_votes = _best_width([(lo, hi) for _, _, lo, hi in sized if lo <= hi])
    votes = {
        "no": sum(1 for one, _, _, _ in sized if one),
        "sentence": sum(1 for _, sentences, _, _ in sized if sentences),
        "width": width_votes,
    }
    telling = [
        entry
        for entry in sized
        if not (entry[0] and entry[1] and width and entry[2] <= width <= entry[3])
    ]
    if not telling:
        return KEEP
    if width > MAX_WIDTH:
        # Not a candidate; the segments that fit it still tell no style from another.
        votes["width"] = 0
    kind = max(votes, key=lambda name: votes[name])  # the first of a tie, in the order above
    shared = len(sized) - len(telling)  # segments that vote for every style
    if (votes[kind] - shared) / len(telling) < MIN_SHARE:
        return KEEP
    return LineStyle(kind, width if kind == "width" else 0, auto=True)


def _best_width(ranges: Sequence[tuple[int, float]]) -> tuple[int, int]:
    """The narrowest width inside the most ranges, and how many; (0, 0) for none."""
    if not ranges:
        return 0, 0
    los = sorted(lo for lo, _ in ranges)
    his = sorted(hi for _, hi in ranges)
    best, votes = 0, 0
    for candidate in sorted(set(los)):
        # Ranges that have begun by the candidate, less those that ended before it.
        count = bisect_right(los, candidate) - bisect_left(his, candidate)
        if count > votes:
            best, votes = candidate, count
    return best, votes


# -- text files -----------------------------------------------------------------------------


def text_segments(text: str) -> list[Segment]:
    """A plain text's paragraphs as segments: runs of lines between blank lines.

    Code is no paragraph: fenced blocks and lines indented by a tab or four spaces are left
    out (as runs of their own end the run before).
    """
    segments: list[Segment] = []
    run: list[Line] = []
    fenced = False
    for line in split_lines([text]):
        stripped = line.rstrip()
        fence = stripped.lstrip().startswith(("```", "~~~"))
        if fence:
            fenced = not fenced
        if stripped and not (fence or fenced or line.startswith(("\t", "    "))):
            run.append((0, stripped))
        elif run:
            segments.append(run)
            run = []
    if run:
        segments.append(run)
    return segments


def text_style(text: str, options: Options) -> tuple[Options, LineStyle | None]:
    """The options with ``auto`` decided for a text file: its own width, one line, or keep.

    Also the style detected, by which a paragraph keeps its lines (see ``written_lines``).
    A text written one sentence a line is kept as it is, under ``auto`` and ``sentence``:
    read as text, such lines stop short of the width and would each become a paragraph.
    """
    if options.wrap not in ("auto", "sentence"):
        return options, None
    style = detect_style(text_segments(text))
    if options.wrap == "sentence":
        return options.replace(wrap="keep") if style.kind == "sentence" else options, None
    if style.kind == "width":
        return options.replace(wrap=style.width), style
    if style.kind == "no":
        return options.replace(wrap="no"), style
    return options.replace(wrap="keep"), None


def written_lines(text: str, style: LineStyle) -> Callable[[Block], str | None]:
    """For ``auto``: a paragraph block's lines as written, if already in ``style``; else None.

    Only a paragraph whose lines, joined with one space, are its text exactly (nothing
    repaired, de-hyphenated or dropped) and that no line of would start Markdown structure.
    """
    source = list(split_lines([text]))

    def written(block: Block) -> str | None:
        if block.kind != "paragraph" or not 0 < block.first_line <= block.last_line:
            return None
        lines = source[block.first_line - 1 : block.last_line]
        if len(lines) < 2 or " ".join(lines) != block.text:
            return None
        if any(_starts_structure(line) for line in lines):
            return None
        return (
            "\n".join(lines) if fits([(0, line) for line in lines], style, is_marker_word) else None
        )

    return written


def _starts_structure(line: str) -> bool:
    first = line.split(" ", 1)[0]
    return escape_block_start(line) != line or is_marker_word(first)


def kept_lines(text: str, options: Options) -> str:
    """``text`` with its line breaks as they are (``keep``): each line repaired, nothing else."""
    lines = list(split_lines([text]))
    if options.repair:
        lines = [repair_text(line) for line in lines]
    return "".join(line + "\n" for line in lines)
