"""The safety net: re-parse the result, and move the paragraph at fault on to a plainer form."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..options import Options
from ..styles import LineStyle
from .meaning import _first_difference, _meaning
from .parsing import _parse_form
from .rewrap import _advance
from .rewritable import _Para

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_MAX_ROUNDS = 40  # safety-net re-parses before the remaining suspects are all reverted

#: Lines in a stretch of a long document that the safety net settles on its own.
_STRETCH_LINES = 200


def _stretches(
    tokens: list[Token], parsed: list[str], changing: list[_Para]
) -> list[tuple[int, int, int, list[_Para]]]:
    """Stretches (first line, end line, first paragraph ordinal, their changing paragraphs).

    Stretches start at top-level blocks, at least ``_STRETCH_LINES`` apart; a short
    document is one stretch and needs no stretches of its own.
    """
    count = len(parsed)
    if count <= 2 * _STRETCH_LINES:
        return []
    cuts = [0]
    ordinals = [0]
    paragraphs = 0
    for token in tokens:
        top = token.level == 0 and token.nesting >= 0 and token.map
        # A stretch must not open with "---" or "+++": read first, it would be front matter.
        if (
            top
            and token.map[0] - cuts[-1] >= _STRETCH_LINES
            and not parsed[token.map[0]].startswith(("---", "+++"))
        ):
            cuts.append(token.map[0])
            ordinals.append(paragraphs)
        if token.type == "paragraph_open":
            paragraphs += 1
    if len(cuts) == 1:
        return []  # one block: the whole-document check is the only one needed
    cuts.append(count)
    found: list[tuple[int, int, int, list[_Para]]] = []
    k = 0  # changing is in line order: each paragraph is looked at once
    for n in range(len(cuts) - 1):
        first, last = cuts[n], cuts[n + 1]
        group: list[_Para] = []
        while k < len(changing) and changing[k].start < last:
            group.append(changing[k])
            k += 1
        if group:
            found.append((first, last, ordinals[n], group))
    return found


@dataclass(slots=True)
class _Settler:
    """The safety net: re-parse, compare, and move the paragraph at fault to a plainer form."""

    md: MarkdownIt
    lines: list[tuple[str, str]]
    options: Options
    newline: str
    by_ordinal: dict[int, list[_Para]]
    style: LineStyle
    #: A chunk's parses know the whole document's reference definitions.
    references: dict[str, Any] = field(default_factory=dict)

    def env(self) -> dict[str, Any]:
        """A fresh parser environment (with the document's reference definitions, if any)."""
        return {"references": dict(self.references)} if self.references else {}

    def __call__(
        self,
        first: int,
        last: int,
        changing: list[_Para],
        ordinal: int,
        before: list[tuple[Any, ...]] | None = None,
        rounds: int | None = None,
    ) -> str | None:
        """Lines ``first`` to ``last`` with every paragraph in a form that keeps their meaning.

        None when too many rounds went by (the caller keeps the lines as written), or when
        ``rounds`` were not enough (the paragraph at fault has moved on to its next form).
        """
        md, lines = self.md, self.lines
        if before is None:
            original = "".join(raw + ending for raw, ending in lines[first:last])
            env = self.env()
            before = _meaning(md.parse(_parse_form(original), env), env, ordinal)[0]
        for round_ in range(rounds or _MAX_ROUNDS + len(changing)):
            result, starts = _assemble(lines, changing, first, last)
            env_after = self.env()
            tokens = md.parse(_parse_form(result), env_after)
            after, after_lines = _meaning(tokens, env_after, ordinal)
            loose = {p.ordinal for p in changing if p.current is not None and p.repaired}
            n = _first_difference(before, after, loose)
            if n is None:
                return result
            suspects = [p for p in changing if p.current is not None]
            if not suspects:
                break
            culprit = _culprit(n, after, after_lines, suspects, starts, self.by_ordinal)
            if round_ >= _MAX_ROUNDS:
                # Too many rounds: every suspect from the culprit on keeps its lines as written.
                for para in suspects:
                    if para.start >= culprit.start:
                        para.styles.clear()
                        para.current = None
            else:
                _advance(culprit, self.options, self.newline, self.style)
        return None


def _assemble(
    lines: list[tuple[str, str]], paras: list[_Para], first: int, last: int
) -> tuple[str, dict[int, int]]:
    """Lines ``first`` to ``last`` with each paragraph in its current form; and each one's
    first output line (counted from ``first``)."""
    out: list[str] = []
    starts: dict[int, int] = {}
    row = first
    count = 0
    for para in paras:
        for raw, ending in lines[row : para.start]:
            out.append(raw + ending)
        count += para.start - row
        starts[para.start] = count
        new = para.current if para.current is not None else para.tried[0]
        out.extend(new)
        count += len(new)
        row = para.end
    out.extend(raw + ending for raw, ending in lines[row:last])
    return "".join(out), starts


def _culprit(
    n: int,
    after: list[tuple[Any, ...]],
    after_lines: list[int],
    suspects: list[_Para],
    starts: dict[int, int],
    by_ordinal: dict[int, list[_Para]],
) -> _Para:
    """The rewritten paragraph (or run of one) most likely to have caused the difference."""
    if n < len(after) and after[n][0] == "text":
        for owner in by_ordinal.get(after[n][1], ()):
            if owner.current is not None:
                return owner
    line = after_lines[min(n, len(after_lines) - 1)] if after_lines else 0
    earlier = [p for p in suspects if starts[p.start] <= line]
    return max(earlier, key=lambda p: starts[p.start]) if earlier else suspects[0]
