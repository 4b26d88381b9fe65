# cython: annotation_typing=False
"""Give prose blocks their editorial kind: byline, caption, credit, pull quote, junk."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from . import furniture as fur
from .furniture import (
    dateline_of,
    ends_sentence,
    ends_with_credit,
    ends_with_credit_keyword,
    is_bracketed_word,
    is_byline,
    is_credit_line,
    is_junk,
    is_placeholder,
    is_separator,
    looks_like_credit,
)
from .model import BODY_KINDS, Block, Kind, Note, make_block
from .patterns import LazyPatterns
from .repeats import FINGERPRINT_EDGE, fingerprint, key_of


def replace(block: Block, /, **changes: object) -> Block:
    """``dataclasses.replace`` for a Block, several times faster (no walk over its fields).

    A frozen dataclass's ``__init__`` sets each field with ``object.__setattr__``; setting the
    slots directly makes the same object. tests/test_performance_contracts.py checks it
    against ``dataclasses.replace``.
    """
    kind = changes.pop("kind", block.kind)
    text = changes.pop("text", block.text)
    dateline = changes.pop("dateline", block.dateline)
    notes = changes.pop("notes", block.notes)
    if changes:
        message = f"replace() got unexpected fields {sorted(changes)}"
        raise TypeError(message)
    return _remade(block, kind, text, dateline, notes)  # type: ignore[arg-type]


def _remade(
    block: Block, kind: Kind, text: str, dateline: str | None, notes: tuple[Note, ...]
) -> Block:
    """``replace`` with every field it may change given, in order (no keywords to sort out)."""
    return make_block(
        kind,
        text,
        block.first_line,
        block.last_line,
        block.level,
        dateline,
        notes,
        block.unrepaired,
    )


def _as_kind(block: Block, kind: Kind) -> Block:
    """``replace(block, kind=kind)``: what most rules return."""
    return _remade(block, kind, block.text, block.dateline, block.notes)


# The kinds classify tests for and gives, looked up once (an Enum attribute costs a lookup).
_PARAGRAPH, _VERSE, _CAPTION, _CREDIT = Kind.PARAGRAPH, Kind.VERSE, Kind.CAPTION, Kind.CREDIT
_BYLINE, _SEPARATOR, _JUNK, _PULL_QUOTE = Kind.BYLINE, Kind.SEPARATOR, Kind.JUNK, Kind.PULL_QUOTE
#: The kinds of the text's flow, from which a repeat's distance is counted (furniture, such as
#: a caption or credit, stands beside the flow).
_FLOW_KINDS = tuple(BODY_KINDS)

#: How far a pull quote may stand from the body paragraph it repeats: blocks of the text's
#: flow, and their characters.
DUPLICATE_LOOKAHEAD_BLOCKS = 40
DUPLICATE_LOOKAHEAD_CHARS = 32 * 1024
#: Blocks out of the flow (furniture, dropped copies, other pull quotes) wait too, up to this
#: many times those limits: memory stays bounded whatever the input.
HOLD_LIMIT_FACTOR = 4
#: Shorter blocks may repeat on purpose (product names, headlines, "Read more"): only blocks
#: at least this long are taken for duplicates.
MIN_DUPLICATE_CHARS = 80
#: How many earlier paragraphs are remembered to recognise a later repeat.
REMEMBERED_PARAGRAPHS = 2000
#: By default a plain repeat is dropped only this close to the copy it repeats, counted in
#: blocks of the text's flow (1: right after it, with at most furniture between, such as a
#: credit). Measured with bench/repeats.py: on the dev corpus a third of the true duplicates
#: stand right after their twin and no real repeat does; repeats that are content (an
#: interview's question before each one-paragraph answer, a meal plan's line under each day,
#: a chorus between verses) start at distance 2, where dev's teasers with a kicker between
#: also stand: those stay, as text whose place is not sure.
NEAR_REPEAT_BLOCKS = 1


#: The patterns below, by name, compiled the first time they are used (``_pattern``), not at
#: import: few runs need them. ``classify._CREDIT_KEYWORD_TAIL`` gives the compiled pattern.
_PATTERNS = LazyPatterns(__name__)
_SOURCES = _PATTERNS.sources
_SOURCES["_CREDIT_KEYWORD_TAIL"] = (r"\s*Credits?\s*:?$", 0)
_pattern = _PATTERNS.__getitem__
__getattr__ = _PATTERNS.attribute


_CLOSING_MARK = {"[": "]", "(": ")", "“": "”", '"': '"', "‘": "’", "«": "»"}
#: The marks that open a pull quote: the keys of _CLOSING_MARK.
_OPENING_MARKS = "".join(_CLOSING_MARK)


def _is_wrapped_in_marks(text: str) -> bool:
    if not text or text[0] not in _OPENING_MARKS:
        return False
    closing = _CLOSING_MARK[text[:1]]
    return text.rstrip().endswith(closing)


def _wrap_depth(text: str) -> int:
    """How many pairs of brackets or quotes wrap the whole of ``text`` (0: none)."""
    depth = 0
    while _is_wrapped_in_marks(text):
        depth += 1
        text = text.rstrip()[1:-1].strip()
    return depth


RuleTest = Callable[[Block, Block | None, Block | None], Block | None]


@dataclass(frozen=True, slots=True)
class Look:
    """A cheap look at a paragraph's text that a rule's first test makes: where no look of a
    rule passes, the rule cannot fire, and is not asked. Each field given must hold; an empty
    one asks nothing.

    The look sees the text the rule reads: stripped of blanks at its edges unless ``as_is``.
    """

    first: str = ""  # the characters the text may start with
    last: str = ""  # the characters it may end with
    holds: str = ""  # a piece of text it must hold
    capitals: int = 0  # how many of its first characters must be uppercase
    at_least: int = 0  # its fewest characters
    below: int = 0  # it has fewer characters than this (0: no bound)
    as_is: bool = False  # the rule reads the text as it is, blanks at its edges and all
    following: bool = False  # the rule needs a block after it
    after_caption: bool = False  # the rule needs a caption before it
    check: Callable[[str], bool] | None = None  # a cheap test of the rule's own, asked last


@dataclass(frozen=True, slots=True)
class Rule:
    """A named classify rule: its test, and the looks one of which passes where it fires."""

    name: str
    test: RuleTest
    looks: tuple[Look, ...]
    #: Where the rule reads the block after the paragraph though it fires without one (its
    #: looks that need one read it too): classify reads ahead only there, so that output
    #: keeps streaming when a slow pipe pauses (the next block may not exist yet).
    reads_ahead: tuple[Look, ...] = ()


#: Captions with their credit in the text, or before a credit line, are shorter than this.
CAPTION_BELOW_CHARS = 400
#: A credit standing alone is shorter than this; one right after a caption, than the next.
CREDIT_BELOW_CHARS = 100
CREDIT_AFTER_CAPTION_BELOW_CHARS = 120


def _separator(block: Block, previous: Block | None, following: Block | None) -> Block | None:
    if is_separator(block.text):
        return _as_kind(block, _SEPARATOR)
    return None


def _junk(block: Block, previous: Block | None, following: Block | None) -> Block | None:
    text = block.text
    if is_junk(text) or (is_placeholder(text) and not is_bracketed_word(text)):
        return _as_kind(block, _JUNK)
    return None


def _byline(block: Block, previous: Block | None, following: Block | None) -> Block | None:
    if is_byline(block.text):
        return _as_kind(block, _BYLINE)
    return None


def _credit_after_caption(
    block: Block, previous: Block | None, following: Block | None
) -> Block | None:
    if previous is not None and previous.kind is _CAPTION and is_credit_line(block.text):
        return _as_kind(block, _CREDIT)
    text = block.text
    if (
        previous is not None
        and previous.kind is _CAPTION
        and len(text) < CREDIT_AFTER_CAPTION_BELOW_CHARS
        and not ends_sentence(text)
        and text[:1].isupper()
    ):
        return _as_kind(block, _CREDIT)
    return None


#: The last character a line can have when ``fur.ends_with_credit_keyword`` holds (after
#: trailing blanks): a colon or the last letter of Credit(s), Photo, Photograph, Image,
#: Illustration.
CREDIT_KEYWORD_LAST_CHARS = fur.CREDIT_LAST_CHARS


def _without_credit_word(text: str) -> str:
    """``_CREDIT_KEYWORD_TAIL.sub("", text)``, without searching the whole paragraph.

    Only "Credit(s)", blanks and a colon may follow a match's "Credit": a match holds the
    last one, and starts where the blanks before it start (or nowhere). \\s and str.isspace
    are the same characters. tests/test_classify_fast_paths.py compares the two.
    """
    start = text.rfind("Credit")
    if start < 0:
        return text
    while start and text[start - 1].isspace():
        start -= 1
    if text.endswith("Credit"):
        return text[:start]  # the match: blanks and "Credit" to the end
    match = _pattern("_CREDIT_KEYWORD_TAIL").match(text, start)
    if match is None:
        return text
    return text[:start] + text[match.end() :]


def _caption_with_credit_keyword(
    block: Block, previous: Block | None, following: Block | None
) -> Block | None:
    text = block.text
    # "Credit" moves to the credit line ("Credit: …"), so only when a credit follows. Other
    # keywords ("Photo", "Image") stay in the caption: the credit line would not say them.
    if (
        following is not None
        and len(text) < CAPTION_BELOW_CHARS
        and ends_with_credit_keyword(text)
        and looks_like_credit(following.text)
    ):
        caption = _without_credit_word(text)
        if caption and " " in caption:
            return _remade(block, _CAPTION, caption, block.dateline, block.notes)
    return None


def _caption_in_emphasis(
    block: Block, previous: Block | None, following: Block | None
) -> Block | None:
    """reflow's own Markdown for a caption, ``*…*`` before ``Credit: …``, read back as one."""
    text = block.text
    if len(text) > 2 and text[0] == text[-1] == "*" and text[1] != "*" and "*" not in text[1:-1]:
        credit_follows = (
            following is not None
            and len(text) < CAPTION_BELOW_CHARS  # where classify reads ahead (its reads_ahead)
            and following.text.startswith("Credit: ")
        )
        if credit_follows or ends_with_credit(text[1:-1]):
            return _remade(block, _CAPTION, text[1:-1], block.dateline, block.notes)
    return None


def _caption_with_credit_tail(
    block: Block, previous: Block | None, following: Block | None
) -> Block | None:
    if len(block.text) < CAPTION_BELOW_CHARS and ends_with_credit(block.text):
        return _as_kind(block, _CAPTION)
    return None


def _standalone_credit(
    block: Block, previous: Block | None, following: Block | None
) -> Block | None:
    if len(block.text) < CREDIT_BELOW_CHARS and is_credit_line(block.text):
        return _as_kind(block, _CREDIT)
    return None


def _dateline(block: Block, previous: Block | None, following: Block | None) -> Block | None:
    place = dateline_of(block.text)
    if place is not None:
        return _remade(block, block.kind, block.text, place, block.notes)
    return None


#: The ordered rules: the first that returns a block decides. ``--explain`` cites the name.
#: Each rule's looks are the first tests it (or the furniture it calls) makes; the prefilters
#: below are made from them, and tests/test_classify_fast_paths.py checks that no rule fires
#: where none of its looks passes.
RULES: tuple[Rule, ...] = (
    Rule("separator", _separator, (Look(first=fur._SEPARATOR_CHARS),)),
    Rule(
        "junk",
        _junk,
        (
            Look(first=fur.JUNK_FIRST_CHARS, below=fur.JUNK_BELOW_CHARS),  # is_junk
            # is_placeholder: bracketed names, or image names
            Look(first="[", below=fur.PLACEHOLDER_MAX_CHARS + 1),
            Look(last=fur.IMAGE_NAME_LAST_CHARS, below=fur.PLACEHOLDER_MAX_CHARS + 1),
            Look(holds="?", below=fur.PLACEHOLDER_MAX_CHARS + 1),  # a query string
        ),
    ),
    Rule("byline", _byline, (Look(first=fur.BYLINE_FIRST_CHARS),)),
    Rule(
        "caption-credit-keyword",
        _caption_with_credit_keyword,
        (
            Look(
                last=CREDIT_KEYWORD_LAST_CHARS,
                below=CAPTION_BELOW_CHARS,
                following=True,
                check=ends_with_credit_keyword,
            ),
        ),
    ),
    Rule(
        "caption-emphasis",
        _caption_in_emphasis,
        (Look(first="*", last="*", at_least=3, as_is=True),),
        reads_ahead=(Look(first="*", last="*", below=CAPTION_BELOW_CHARS, as_is=True),),
    ),
    Rule("credit-after-caption", _credit_after_caption, (Look(after_caption=True),)),
    Rule(
        "credit-line",
        _standalone_credit,
        (
            Look(first=fur.CREDIT_LEAD_FIRST_CHARS, below=CREDIT_BELOW_CHARS),
            Look(first=fur.CREDIT_SLASH_FIRST_CHARS, holds="/", below=CREDIT_BELOW_CHARS),
            Look(holds=fur.CREDIT_VIA_WORD, below=CREDIT_BELOW_CHARS),
        ),
    ),
    Rule(
        "caption-credit-tail",
        _caption_with_credit_tail,
        (Look(last=")", below=CAPTION_BELOW_CHARS, as_is=True),),
    ),
    Rule(
        "dateline",
        _dateline,
        (Look(capitals=2, at_least=fur.DATELINE_MIN_CHARS, as_is=True),),
    ),
)


# -- the prefilters, made from the rules' looks -----------------------------------------------
#
# Every look has a bit. For a paragraph, the looks whose first and last characters and size
# pass are read from tables (one lookup each), then those of its context, then the few looks
# with a further test are asked; the rules that may fire are those with a look left.

#: Each look, with the index of its rule in RULES (-1: a look under which a rule reads ahead).
_LOOKS: tuple[tuple[int, Look], ...] = (
    *((index, look) for index, rule in enumerate(RULES) for look in rule.looks),
    *((-1, look) for rule in RULES for look in rule.reads_ahead),
)
_ALL_LOOKS = (1 << len(_LOOKS)) - 1
_ALL_RULES = (1 << len(RULES)) - 1
#: Each rule's bit in the masks ``rules_that_may_fire`` makes: bit ``i`` for ``RULES[i]``.
_RULE_BITS = {rule.name: 1 << index for index, rule in enumerate(RULES)}


def _look_mask(wanted: Callable[[Look], bool]) -> int:
    """The bits of the looks for which ``wanted`` holds."""
    mask = 0
    for bit, (_index, look) in enumerate(_LOOKS):
        if wanted(look):
            mask |= 1 << bit
    return mask


#: The looks under which classify reads the next block: the rules' reads_ahead, and every
#: look that needs one.
_READ_AHEAD = _look_mask(lambda look: look.following) | sum(
    1 << bit for bit, (index, _look) in enumerate(_LOOKS) if index < 0
)
_AS_IS = _look_mask(lambda look: look.as_is)
_WITHOUT_FOLLOWING = _ALL_LOOKS & ~_look_mask(lambda look: look.following)
_WITHOUT_CAPTION = _ALL_LOOKS & ~_look_mask(lambda look: look.after_caption)


def _at_first(char: str) -> int:
    """The looks that pass at a text whose first character is ``char``."""
    return _look_mask(lambda look: not look.first or char in look.first)


def _at_last(char: str) -> int:
    """The looks that pass at a text whose last character is ``char``."""
    return _look_mask(lambda look: not look.last or char in look.last)


def _at_size(size: int) -> int:
    """The looks that pass at a text of ``size`` characters."""
    return _look_mask(
        lambda look: look.at_least <= size and not (look.below and size >= look.below)
    )


#: The looks that pass at any first (or last) character: those that name none.
_ANY_FIRST = _look_mask(lambda look: not look.first)
_ANY_LAST = _look_mask(lambda look: not look.last)
#: The looks that pass at each first (and last) character: ASCII by code, others by name.
_FIRST_ASCII = [_at_first(chr(code)) for code in range(128)]
_LAST_ASCII = [_at_last(chr(code)) for code in range(128)]
_FIRST_OTHER = {
    char: _at_first(char) for _index, look in _LOOKS for char in look.first if ord(char) >= 128
}
_LAST_OTHER = {
    char: _at_last(char) for _index, look in _LOOKS for char in look.last if ord(char) >= 128
}
#: The looks that pass at each size, up to the largest bound (past it, the same as there).
_SIZE_CAP = max(max(look.at_least, look.below) for _index, look in _LOOKS)
_BY_SIZE = [_at_size(size) for size in range(_SIZE_CAP + 1)]
#: The looks with a further test (text it holds, capitals, a check of its own), in order.
_FURTHER = tuple(
    (1 << bit, look.holds, look.capitals, look.check, look.as_is)
    for bit, (_index, look) in enumerate(_LOOKS)
    if look.holds or look.capitals or look.check is not None
)
_FURTHER_LOOKS = sum(entry[0] for entry in _FURTHER)
#: The rules each set of looks leaves (a mask of rule bits), made the first time it comes.
_RULES_OF: dict[int, int] = {}


def _edges_pass(seen: str, size: int) -> int:
    """The looks that pass at the first and last characters and the size of ``seen``."""
    code = ord(seen[0])
    mask = _FIRST_ASCII[code] if code < 128 else _FIRST_OTHER.get(seen[0], _ANY_FIRST)
    code = ord(seen[size - 1])
    mask &= _LAST_ASCII[code] if code < 128 else _LAST_OTHER.get(seen[size - 1], _ANY_LAST)
    return mask & _BY_SIZE[size if size < _SIZE_CAP else _SIZE_CAP]


def _opens_in_capitals(text: str, count: int) -> bool:
    """Whether the first ``count`` characters of ``text`` are all uppercase."""
    if len(text) < count:
        return False
    # A loop, not all(...): a compiled cdef function holds no generator.
    for index in range(count):  # noqa: SIM110
        if not text[index].isupper():
            return False
    return True


def passing_looks(text: str, after_caption: bool, following: bool) -> int:
    """The looks that pass for a paragraph of ``text``, as a mask of their bits (``_LOOKS``),
    given whether a caption stands before it and a block after it."""
    size = len(text)
    if not size:
        return _ALL_LOOKS  # the rules decide
    looks = _edges_pass(text, size)
    stripped = text
    if text[0].isspace() or text[size - 1].isspace():
        stripped = text.strip()
        if not stripped:
            return _ALL_LOOKS
        looks = (looks & _AS_IS) | (_edges_pass(stripped, len(stripped)) & ~_AS_IS)
    if not following:
        looks &= _WITHOUT_FOLLOWING
    if not after_caption:
        looks &= _WITHOUT_CAPTION
    if looks & _FURTHER_LOOKS:
        for bit, holds, capitals, check, as_is in _FURTHER:
            if looks & bit:
                seen = text if as_is else stripped
                if (
                    (holds and holds not in seen)
                    or (capitals and not _opens_in_capitals(seen, capitals))
                    or (check is not None and not check(seen))
                ):
                    looks &= ~bit
    return looks


def _rules_of(looks: int) -> int:
    """The rules (a mask of their bits) that have a look among ``looks``."""
    known = _RULES_OF.get(looks)
    if known is not None:
        return known
    found = 0
    for bit, (index, _look) in enumerate(_LOOKS):
        if index >= 0 and looks >> bit & 1:
            found |= 1 << index
    _RULES_OF[looks] = found
    return found


def rules_that_may_fire(text: str, previous: Block | None, following: Block | None) -> int:
    """The rules one of whose looks passes for a paragraph of ``text``, as a mask of their
    bits (``_RULE_BITS``): the others cannot fire, and ``_apply_rules`` does not ask them."""
    after_caption = previous is not None and previous.kind is _CAPTION
    return _rules_of(passing_looks(text, after_caption, following is not None))


def cannot_match(text: str, previous: Block | None, following: Block | None) -> bool:
    """True when no rule of ``RULES`` can fire for a paragraph of ``text``: plainly body text."""
    return not rules_that_may_fire(text, previous, following)


def classify_one(
    block: Block, previous: Block | None, following: Block | None, explain: bool
) -> Block:
    """Apply the first matching rule to a paragraph block (one block of context each side).

    A line of verse is a paragraph too once written out, so the rules see it as one.
    """
    kind = block.kind
    if kind is _PARAGRAPH:
        may = rules_that_may_fire(block.text, previous, following)
        if not may:
            return block
    elif kind is _VERSE:
        if block.dateline is None and cannot_match(block.text, previous, following):
            return block
        found = classify_one(_as_kind(block, _PARAGRAPH), previous, following, explain)
        return block if found.kind is _PARAGRAPH and found.dateline is None else found
    else:
        return block
    return _apply_rules(block, previous, following, explain, may)


#: The rules each mask of ``rules_that_may_fire`` names, in order: made the first time a mask
#: comes (a few masks come again and again).
_NAMED_RULES: dict[int, tuple[Rule, ...]] = {}


def _apply_rules(
    block: Block,
    previous: Block | None,
    following: Block | None,
    explain: bool,
    may: int = -1,
) -> Block:
    """The first matching rule's block, or ``block`` when none matches. ``may``: the rules
    that may fire (``rules_that_may_fire``), when known."""
    if may < 0:
        may = rules_that_may_fire(block.text, previous, following)
    named = _NAMED_RULES.get(may)
    if named is None:
        named = tuple([rule for index, rule in enumerate(RULES) if may >> index & 1])
        _NAMED_RULES[may] = named
    for rule in named:
        found = rule.test(block, previous, following)
        if found is not None:
            if explain:
                note = Note(f"kind:{rule.name}", block.first_line)
                found = replace(found, notes=(*found.notes, note))
            return found
    return block


def classify(
    blocks: Iterable[Block],
    *,
    explain: bool = False,
    drop_repeats: bool = False,
    _exact: bool = False,
) -> Iterator[Block]:
    """Classify paragraphs and drop (or mark) blocks that repeat a body paragraph.

    Paragraphs and verse of ``MIN_DUPLICATE_CHARS`` or more are compared by their words
    (``repeats.fingerprint``). By default a repeat is dropped only when it stands out of the text's
    flow: a copy wrapped in more brackets or quotes than its twin (rule ``decorated-copy``: a
    pull quote), or a copy within ``NEAR_REPEAT_BLOCKS`` blocks of its twin (``near-copy``: a
    headline printed twice, a teaser doubled). Any other repeat is content (an interview's
    question, a refrain) and stays. ``drop_repeats`` drops every repeat (``any-repeat``), as
    corpus builders want.

    A block in brackets or quotes is held for up to ``DUPLICATE_LOOKAHEAD_BLOCKS`` blocks of
    the flow (and ``DUPLICATE_LOOKAHEAD_CHARS`` characters) while later paragraphs are checked
    for the same words; that is the only look-ahead. Distances and the look-ahead count only
    blocks of the flow, which a second run reads the same: so it drops nothing more.

    Blocks are keyed by ``repeats.cheap_key`` until two different fingerprints share one (then by
    fingerprint, ``_exact``): until then each key stands for one fingerprint, so every
    decision is the same.
    """
    # The remembered paragraphs by key: (text, flow count after its last kept copy, that
    # copy's first line, the fewest pairs of brackets or quotes around a kept copy, and that
    # copy's first line); and the same keys, oldest first (the first to forget).
    seen: dict[object, tuple[str, int, int, int, int]] = {}
    order: deque[object] = deque()
    remember, forget = order.append, order.popleft  # bound once (compiled, a call each)
    # Blocks of the flow so far, and their characters: a repeat's distance from its twin and a
    # held candidate's wait are told by these counts. (A candidate itself does not count:
    # whether it stays is not known when later blocks are measured, and a second run must
    # count the same blocks when it was dropped.)
    flow = flow_chars = 0
    # Blocks waiting behind a candidate pull quote, in order: a candidate as the list
    # [block, key, why dropped ("" while kept), twin's first line, flow count when it came,
    # pairs of marks around it, flow characters when it came], any other block as itself.
    # (A list: it holds a few hundred blocks at most, and a list's append and pop(0) are
    # cheaper, compiled, than a deque's method calls.)
    held: list[object] = []
    held_chars = 0
    # The held candidates by key, in the order they are held: a key is looked up, not
    # compared with every held block (dozens wait behind a pull quote that repeats nothing).
    held_candidates: dict[object, list[list[object]]] = {}
    # Keys are cheap keys until two fingerprints share one, then fingerprints.
    exact = _exact

    def unhold() -> Block:
        """The block at the head of ``held``, taken out: what to yield for it."""
        nonlocal held_chars
        entry = held.pop(0)
        if type(entry) is not list:
            assert isinstance(entry, Block)
            held_chars -= len(entry.text)
            return entry
        head, key, why, twin_line = entry[:4]
        assert isinstance(head, Block)
        held_chars -= len(head.text)
        if key:
            same = held_candidates[key]
            del same[0]  # the oldest held candidate with this key: this one
            if not same:
                del held_candidates[key]
        if why:
            return _duplicate(head, explain, str(why), twin_line)
        return head

    def release() -> Iterator[Block]:
        """Every held block, in order (the input ended)."""
        while held:
            yield unhold()

    def same_words(text: str, other: str) -> bool:
        # A pull quote is most often its paragraph in brackets or quotes: the same words once
        # the edge marks that fingerprint strips first are gone (see ``fingerprint``).
        return (
            text == other
            or text.strip(FINGERPRINT_EDGE) == other.strip(FINGERPRINT_EDGE)
            or fingerprint(text) == fingerprint(other)
        )

    def rekey() -> None:
        """Key everything by fingerprint from now on: two fingerprints share a cheap key."""
        nonlocal exact
        exact = True
        # Different cheap keys have different fingerprints: the order and size carry over.
        records = [seen[key] for key in order]
        seen.clear()
        order.clear()
        for record in records:
            key = fingerprint(record[0])
            seen[key] = record
            order.append(key)
        held_candidates.clear()
        for entry in held:
            if type(entry) is list and entry[1]:
                head = entry[0]
                assert isinstance(head, Block)
                entry[1] = fingerprint(head.text)
                held_candidates.setdefault(entry[1], []).append(entry)

    # Each block is classified with the block before it (classified) and after it (raw) as
    # context; the next block is read ahead only when a rule may look at it (``reads_ahead``).
    # (The next block is read only after this one is out: a slow pipe may not have it yet.)
    previous: Block | None = None
    iterator = iter(blocks)
    following: Block | None = None
    paragraph, verse = _PARAGRAPH, _VERSE
    flow_kinds = _FLOW_KINDS
    after_caption = False  # whether ``previous`` is a caption
    credit_label = False  # whether it lost its last word "Credit" to the credit after it
    while True:
        if following is not None:
            current, following = following, None
        else:
            current = next(iterator, None)
            if current is None:
                break
        text = current.text
        kind = current.kind
        if kind is paragraph:
            # The looks that pass were a block to follow; the next block is read only where
            # a rule would read it.
            looks = passing_looks(text, after_caption, True)
            if looks & _READ_AHEAD:
                following = next(iterator, None)
            if following is None:
                looks &= _WITHOUT_FOLLOWING
            may = _rules_of(looks)
            # No rule may fire: plainly body text, what classify_one gives.
            block = _apply_rules(current, previous, following, explain, may) if may else current
        else:
            block = classify_one(current, previous, following, explain)
        if credit_label and block.kind is _CREDIT:
            # The "Credit" a caption ended with (``_caption_with_credit_keyword``) labels the
            # credit after it: moved, not written anew (a credit without one gets none).
            block = _remade(block, _CREDIT, "Credit: " + block.text, block.dateline, block.notes)
        credit_label = (
            block.kind is _CAPTION
            and block.text != text
            and _without_credit_word(text) == block.text
        )
        previous = block
        if block is not current:
            text = block.text
            kind = block.kind
        after_caption = kind is _CAPTION
        # Only paragraphs and verse read back as a paragraph: a repeat among them is found on
        # the first run, not only on the second (which would make a second run change the output).
        if len(text) < MIN_DUPLICATE_CHARS or not (kind is paragraph or kind is verse):
            key = ""
        else:
            key = key_of(text, exact)
        # Lines kept as written (verse; read back, a paragraph whose lines hard breaks hold)
        # are no pull quote: a second run must not drop what the first kept.
        candidate = kind is paragraph and "\n" not in text and _is_wrapped_in_marks(text)
        depth = 0
        if key:
            entries = held_candidates.get(key) if held_candidates else None
            record = seen.get(key)  # None: not seen
            if not exact and (record is not None or entries):
                # Where keys meet, the fingerprints must too; else key by fingerprint.
                if record is not None:
                    other = record[0]
                else:
                    assert entries
                    head = entries[0][0]
                    assert isinstance(head, Block)
                    other = head.text
                if not same_words(text, other):
                    rekey()
                    key = fingerprint(text)
                    entries = held_candidates.get(key)
                    record = seen.get(key)
            # How many pairs of brackets or quotes wrap it: a copy wrapped more than its twin
            # is a pull quote of it.
            depth = _wrap_depth(text) if candidate or kind is verse else 0
            # Held copies (in brackets or quotes) that this block shows to be out of the flow
            # go, and this one stays. With two bracketed copies before the paragraph they
            # repeat, both go (a second run would otherwise drop the other).
            marked = False
            for entry in entries or ():
                if entry[2]:
                    continue
                if drop_repeats:
                    why = "any-repeat"
                elif entry[5] > depth:  # type: ignore[operator]
                    why = "decorated-copy"
                elif entry[5] == depth and flow - entry[4] < NEAR_REPEAT_BLOCKS:  # type: ignore[operator]
                    why = "near-copy"
                else:
                    continue
                entry[2], entry[3] = why, block.first_line
                marked = True
                if drop_repeats:
                    break  # the oldest one, as before: the later ones wait for their own twin
            why = ""
            if record is not None and not marked:
                if drop_repeats:
                    why = "any-repeat"
                elif depth > record[3]:
                    why = "decorated-copy"
                elif flow - record[1] < NEAR_REPEAT_BLOCKS:
                    why = "near-copy"
            if why:
                assert record is not None
                twin_line = record[4] if why == "decorated-copy" else record[2]
                block = _duplicate(block, explain, why, twin_line)
                candidate = False
            else:
                # This copy stays: later repeats are measured from it, and a later copy
                # wrapped more than the least wrapped one kept is a pull quote.
                line = block.first_line
                if record is None:
                    record = (text, 0, 0, depth, line)
                    remember(key)
                    if len(order) > REMEMBERED_PARAGRAPHS:
                        del seen[forget()]
                elif depth < record[3]:
                    record = (record[0], 0, 0, depth, line)
                seen[key] = (record[0], flow if candidate else flow + 1, line, record[3], record[4])
                if not candidate:
                    flow += 1
                    flow_chars += len(text)
        elif text and (kind is paragraph or kind in flow_kinds):
            flow += 1
            flow_chars += len(text)
        if not held and not candidate:
            yield block  # nothing held and nothing to wait for: what append + release would do
            continue
        if candidate:
            entry = [block, key, "", 0, flow, depth, flow_chars]
            held.append(entry)
            if key:
                held_candidates.setdefault(key, []).append(entry)
        else:
            held.append(block)
        held_chars += len(text)
        # Release the blocks at the head that no longer wait for the paragraph they may repeat.
        while held:
            head = held[0]
            if (
                type(head) is list  # a candidate
                and not head[2]  # not repeated yet
                and flow - head[4] <= DUPLICATE_LOOKAHEAD_BLOCKS  # type: ignore[operator]
                and flow_chars - head[6] <= DUPLICATE_LOOKAHEAD_CHARS  # type: ignore[operator]
                and len(held) <= HOLD_LIMIT_FACTOR * DUPLICATE_LOOKAHEAD_BLOCKS
                and held_chars <= HOLD_LIMIT_FACTOR * DUPLICATE_LOOKAHEAD_CHARS
            ):
                break  # keep waiting for the body paragraph it may repeat
            yield unhold()
    yield from release()


def _duplicate(block: Block, explain: bool, why: str, twin: object) -> Block:
    """Mark a repeat of the block at line ``twin`` as a pull quote; the renderers leave it out
    unless duplicates are kept."""
    if explain:
        note = Note(f"duplicate:{why}", block.first_line, f"repeats line {twin}")
        notes = (*block.notes, note)
    else:
        notes = block.notes
    return _remade(block, _PULL_QUOTE, block.text, block.dateline, notes)
