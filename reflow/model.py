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


class _OpenBlock:
    """A Block's twin, not frozen: ``make_block`` fills it and makes it a Block.

    Same slots in the same order, so Python lets the object change class (``__class__``
    assignment checks the two layouts agree).
    """

    __slots__ = tuple(f.name for f in fields(Block))


assert _OpenBlock.__slots__ == Block.__slots__  # type: ignore[attr-defined]
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
    """``Block(kind, text, …)``, built slot by slot.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``; plain
    stores into the twin's slots make the same object several times faster (the builder and
    classify make one per paragraph). tests/test_paragraph_fast_paths.py compares the two.
    """
    block = _NEW(_OpenBlock)
    block.kind = kind
    block.text = text
    block.first_line = first_line
    block.last_line = last_line
    block.level = level
    block.dateline = dateline
    block.notes = notes
    block.unrepaired = unrepaired
    block.__class__ = Block  # type: ignore[assignment]
    return block  # type: ignore[return-value]
