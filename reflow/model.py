"""The small typed values that flow between pipeline stages."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, fields


class Kind(enum.StrEnum):
    """What a block is; the values appear in ``--to jsonl`` and ``--explain``."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST = "list"
    CODE = "code"
    QUOTE = "quote"
    TABLE = "table"
    VERSE = "verse"
    RULE = "rule"
    CAPTION = "caption"
    CREDIT = "credit"
    BYLINE = "byline"
    PULL_QUOTE = "pull_quote"
    SEPARATOR = "separator"
    JUNK = "junk"


#: Kinds kept by ``--body-only``.
BODY_KINDS = frozenset(
    {
        Kind.PARAGRAPH,
        Kind.HEADING,
        Kind.LIST,
        Kind.QUOTE,
        Kind.CODE,
        Kind.TABLE,
        Kind.VERSE,
        Kind.RULE,
    }
)


@dataclass(frozen=True, slots=True)
class Note:
    """One decision that changed the text: the rule that made it and where."""

    rule: str
    line: int
    detail: str = ""

    def __str__(self) -> str:
        tail = f": {self.detail}" if self.detail else ""
        return f"line {self.line}: {self.rule}{tail}"


@dataclass(frozen=True, slots=True)
class Block:
    """One output block.

    ``text`` is the block's content without markup: a paragraph's words on one
    line; for kinds made of lines (list, code, table, verse) the lines joined by
    ``\\n``. ``first_line``/``last_line`` are 1-based input line numbers.
    """

    kind: Kind
    text: str
    first_line: int = 0
    last_line: int = 0
    level: int = 0
    dateline: str | None = None
    notes: tuple[Note, ...] = field(default=(), compare=False)
    #: The joined text before the paragraph was repaired again, when that changed it: what
    #: the safety check compares with the input (the repair itself is reflow's to answer for).
    unrepaired: str | None = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict[str, object]:
        """The JSON Lines form of the block."""
        out: dict[str, object] = {"kind": str(self.kind), "text": self.text}
        if self.level:
            out["level"] = self.level
        if self.dateline:
            out["dateline"] = self.dateline
        out["lines"] = [self.first_line, self.last_line]
        if self.notes:
            out["notes"] = [str(note) for note in self.notes]
        return out


# A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``; setting
# the slots directly makes the same object about twice as fast (the builder and classify make
# one per paragraph). In field order; tests/test_paragraph_fast_paths.py compares the two.
_SET_FIELDS = tuple(vars(Block)[f.name].__set__ for f in fields(Block))
assert len(_SET_FIELDS) == 8, "make_block sets Block's eight fields"
_SET_KIND, _SET_TEXT, _SET_FIRST, _SET_LAST, _SET_LEVEL, _SET_DATELINE, _SET_NOTES, _SET_RAW = (
    _SET_FIELDS
)
_NEW = object.__new__


def make_block(
    kind: Kind,
    text: str,
    first_line: int = 0,
    last_line: int = 0,
    level: int = 0,
    dateline: str | None = None,
    notes: tuple[Note, ...] = (),
    unrepaired: str | None = None,
) -> Block:
    """``Block(kind, text, …)``, built slot by slot."""
    block = _NEW(Block)
    _SET_KIND(block, kind)
    _SET_TEXT(block, text)
    _SET_FIRST(block, first_line)
    _SET_LAST(block, last_line)
    _SET_LEVEL(block, level)
    _SET_DATELINE(block, dateline)
    _SET_NOTES(block, notes)
    _SET_RAW(block, unrepaired)
    return block
