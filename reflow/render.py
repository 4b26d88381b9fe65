"""Blocks to output text: Markdown, plain text, or JSON Lines."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from .furniture import BULLETS, is_alert_label
from .measure import first_unit_width
from .model import BODY_KINDS, Block, Kind
from .options import Options
from .paragraphs import _tidy, opens_structure
from .wrap import display_width, wrap

# The kinds, looked up once (each ``Kind.X`` is a lookup through the Enum's metaclass).
_PARAGRAPH, _HEADING, _LIST, _CODE = Kind.PARAGRAPH, Kind.HEADING, Kind.LIST, Kind.CODE
_QUOTE, _TABLE, _VERSE, _RULE = Kind.QUOTE, Kind.TABLE, Kind.VERSE, Kind.RULE
_CAPTION, _CREDIT, _BYLINE = Kind.CAPTION, Kind.CREDIT, Kind.BYLINE
_PULL_QUOTE, _SEPARATOR, _JUNK = Kind.PULL_QUOTE, Kind.SEPARATOR, Kind.JUNK

# A paragraph whose text starts like this would turn into Markdown structure: escape it.
_BLOCK_START = re.compile(
    r"""(?x)
    ^(?: \#{1,6}(?=[ \t]|$)         # heading
       | [-+*](?=[ \t]|$)           # bullet
       | \d{1,9}(?=[.)](?:[ \t]|$)) # ordered item: escape the "." after the number
       | >                          # quote
       | [=]+[ \t]*$ | -+[ \t]*$    # setext underline
       | `{3,} | ~{3,}              # fence
       | <[A-Za-z!?/]               # HTML block
       | \|                         # table row
    )"""
)

#: The first characters of ``_BLOCK_START`` besides digits (``\\d``: all of them pass
#: ``str.isdigit``). tests/test_performance_contracts.py checks the two agree.
BLOCK_START_CHARS = frozenset("#-+*>=`~<|")

_BULLETS = BULLETS + "·o"
_LIST_ITEM = re.compile(
    rf"^([ \t]*)([-*+{BULLETS}·]|o(?= )|\d{{1,9}}[.)]|[a-z]\)|\(\w{{1,3}}\))([ \t][ \t\u00a0]*)"
)


def escape_block_start(text: str) -> str:
    """Backslash-escape the character that would make ``text`` start a Markdown construct.

    >>> escape_block_start("1984. It was a cold day")
    '1984\\\\. It was a cold day'
    >>> escape_block_start("# of people")
    '\\\\# of people'
    """
    first = text[:1]
    if first not in BLOCK_START_CHARS and not first.isdigit():
        return text  # cheap first look: no construct starts with this character
    match = _BLOCK_START.match(text)
    if match is None:
        return text
    if text[0].isdigit():
        end = match.end()
        return text[:end] + "\\" + text[end:]
    return "\\" + text


def escape_reader_start(line: str, alone: bool = False, markdown: bool = False) -> str:
    """Backslash-escape what would make reflow, reading ``line`` back at a paragraph's start,
    take it for a list, heading, quote, fence or table (``paragraphs.opens_structure``): the
    "." or ")" after an item's number or letter, else the first character. Not where the
    block read back would be written the same: a rule, or a paragraph of one line (``alone``)
    that is a table row or a list item as reflow writes one.

    >>> escape_reader_start("# of people")
    '\\\\# of people'
    >>> escape_reader_start("12. September came", alone=False)
    '12\\\\. September came'
    >>> escape_reader_start("(42) Comments", alone=True)
    '(42) Comments'
    """
    kind = opens_structure(line)
    if kind is None or kind is _RULE:
        return line
    if alone and (kind is _TABLE or (kind is _LIST and _list_item(line, 0, markdown) == line)):
        return line
    if line[0].isdigit() or line[0].isalpha():  # "12. item", "a) item"
        end = 1
        while line[end].isdigit():
            end += 1
        return line[:end] + "\\" + line[end:]
    return "\\" + line


def _escape_markdown(line: str, alone: bool = False) -> str:
    """A line that starts a block: escaped for Markdown, then for reflow's reader."""
    return escape_reader_start(escape_block_start(line), alone, markdown=True)


def _sentence_lines(text: str) -> list[str]:
    """A paragraph one sentence a line (``--wrap sentence``); a hard break stays one."""
    from .sentences import split_sentences  # loads sentencex: only for this style

    return [line for part in text.split("\n") for line in split_sentences(part) or [part]]


def _paragraph_lines(
    text: str,
    width: int,
    prefix: str = "",
    *,
    sentences: bool = False,
    escape: Callable[[str], str] | None = None,
) -> list[str]:
    """The lines of a paragraph: wrapped at ``width``, a hard break ("\\n") kept; ``escape``
    is applied to the line each hard break starts (a line after a hard break is read back
    as a new line, where a marker would start a list or a quote)."""
    if sentences:
        return _sentence_lines(text)
    lines: list[str] = []
    for part in text.split("\n"):  # "\n" inside a paragraph is a hard break
        if escape is not None:
            lines.extend(_escaped_lines(part, width, escape, len(prefix)) or [""])
        elif width:
            lines.extend(wrap(part, width, initial=len(prefix), subsequent=len(prefix)))
        else:
            lines.append(part)
    return lines


def _escaped_lines(text: str, width: int, escape: Callable[..., str], indent: int = 0) -> list[str]:
    """``text`` (no hard break in it) wrapped at ``width`` (0: one line), its first line
    escaped by ``escape``. The backslash an escape adds is wrapped with its word: added
    after wrapping, it could make the line one column too wide, and a second run wrap it
    again."""
    lines = wrap(text, width, initial=indent, subsequent=indent) if width else [text]
    if not lines:
        return lines
    first = escape(lines[0], alone=len(lines) == 1)
    if first == lines[0]:
        return lines
    if not width:
        return [first]
    at = 0  # where the backslash went
    while first[at] == text[at]:
        at += 1
    return wrap(text[:at] + first[at] + text[at:], width, initial=indent, subsequent=indent)


def _list_item(text: str, width: int, markdown: bool, sentences: bool = False) -> str:
    """A list item: Markdown bullets for text-browser ones; wrapped under its marker (or one
    sentence a line under it, ``--wrap sentence``)."""
    out = []
    for row in text.split("\n"):
        match = _LIST_ITEM.match(row)
        if match is None:
            out.append(row)
            continue
        if opens_structure(row) is _RULE:
            # An asterism set in from the margin ("*       *       *") was read as an item;
            # at the margin, it reads back as the rule it is, which is written tidied.
            out.append(_tidy(row))
            continue
        indent, marker, gap = match.group(1), match.group(2), match.group(3).replace("\u00a0", "")
        if markdown and marker in _BULLETS:
            marker = "-"
        if markdown and len(gap.expandtabs(4)) > 4:
            # Five blanks or more after a marker open code inside the item in Markdown (a man
            # page's "*      The item before it …"): one keeps the item's text its text.
            gap = " "
        head = f"{indent}{marker}{gap}"
        body = row[match.end() :]
        if sentences:
            # As Markdown mode writes an item in this style: read back, it is split so.
            hang = " " * len(head)
            lines = _sentence_lines(_tidy(body)) or [""]
            out.append("\n".join([head + lines[0], *(hang + line for line in lines[1:])]))
            continue
        if not width:
            out.append(head + body)
            continue
        # Blanks as the reader tidies a wrapped line: a tab inside a word ("meas\tured"), or a
        # no-break space before a space, would be a space on the next line of a second run.
        body = _tidy(body)
        hang = " " * len(head)
        lines = wrap(body, width, initial=len(head), subsequent=len(hang)) or [""]
        out.append("\n".join([head + lines[0], *(hang + line for line in lines[1:])]))
    return "\n".join(out)


def _item_paragraph(
    text: str, width: int, column: int, escape: Callable[..., str], sentences: bool
) -> str:
    """A list item's next paragraph (rule ``list-item-paragraph``): set in to the column of
    the item's text, so that it is read back inside the item (Markdown goes on numbering the
    list), and wrapped there."""
    hang = " " * column
    if sentences:
        lines = _sentence_lines(text)
        lines[0] = escape(lines[0])
    elif "\n" not in text:
        lines = _escaped_lines(text, width, escape, column)
    else:
        lines = _paragraph_lines(text, width, hang, escape=escape)
        return "\\\n".join(hang + line for line in lines)
    return "\n".join(hang + line for line in lines)


def _text_column(out: str) -> int:
    """The column where the text of the last list item in ``out`` starts (-1: none)."""
    for row in reversed(out.split("\n")):
        match = _LIST_ITEM.match(row)
        if match is not None:
            return match.end()
    return -1


def render_markdown(block: Block, options: Options) -> str | None:
    """One block as Markdown, or None to leave it out."""
    kind, text, width = block.kind, block.text, options.width
    sentences = options.wrap == "sentence"
    if sentences and (kind is _PARAGRAPH or kind is _JUNK) and "\n" not in text:
        lines = _sentence_lines(text)
        lines[0] = _escape_markdown(lines[0])
        return "\n".join(lines)
    if kind is _PARAGRAPH or kind is _JUNK:
        if "\n" not in text:  # the common case: one line, or one wrapped paragraph
            if not width:
                return _escape_markdown(text, alone=True)
            return "\n".join(_escaped_lines(text, width, _escape_markdown))
        lines = _paragraph_lines(text, width, escape=_escape_markdown)
        return "\\\n".join(lines)
    if kind is _HEADING:
        return "#" * max(1, min(block.level, 6)) + " " + text
    if kind is _QUOTE or kind is _PULL_QUOTE:
        prefix = "> " * max(1, block.level)
        if "\n" not in text:
            lines = _paragraph_lines(text, width, prefix, sentences=sentences)
            return "\n".join(prefix + line for line in lines)
        if kind is _QUOTE and text[:1] == " ":
            # Commands kept inside a quote (rule ``indented-code``): code inside the quote.
            return "\n".join(prefix + row for row in text.split("\n"))
        # Lines kept inside a quote (a hard break; a closing or a signature; verse or a closing
        # repeated as a pull quote) keep a hard break, and no indent, which would make code
        # inside the quote.
        rows = [
            _paragraph_lines(row.lstrip(" "), width, prefix, sentences=sentences)
            for row in text.split("\n")
        ]
        return "\\\n".join("\n".join(prefix + line for line in lines) for lines in rows)
    if kind is _CAPTION:
        return "\n".join(_paragraph_lines(f"*{text}*", width, sentences=sentences))
    if kind is _BYLINE or kind is _CREDIT:
        lines = _paragraph_lines(text, width, sentences=sentences)
        lines[0] = _escape_markdown(lines[0])
        return "\n".join(lines)
    if kind is _LIST:
        return _list_item(text, width, markdown=True, sentences=sentences)
    if kind is _VERSE:
        # Each row keeps its line end (a hard break); a row wider than --width is wrapped, so
        # that a second run, which reads it back as a paragraph, writes the same lines.
        rows = []
        for row in text.split("\n"):
            # (An indented verse's rows keep their indent in text output only: in Markdown,
            # four spaces would make code.)
            lines = _paragraph_lines(row.lstrip(" "), width) or [""]
            lines[0] = _escape_markdown(lines[0])
            rows.append("\n".join(lines))
        return "\\\n".join(rows)
    if kind is _SEPARATOR:
        return None
    return text  # code, table, rule: as written


def _fenced(code: str) -> str:
    """Indented code (or a table kept as written) as a fenced block: under a list item,
    Markdown reads four blanks as the item going on (its text joined on a second run), not as
    code. The four blanks that marked it as code go; any deeper indent is the code's own."""
    rows = [row[4:] if row[:4] == "    " else row.lstrip(" ") for row in code.split("\n")]
    fence = "~~~" if any(row.lstrip().startswith("```") for row in rows) else "```"
    return "\n".join([fence, *rows, fence])


def render_text(block: Block, options: Options) -> str | None:
    """One block as plain text, or None to leave it out."""
    kind, text, width = block.kind, block.text, options.width
    if kind is _SEPARATOR or not text:
        return None  # separators, and headings with no title, have no words to write
    if kind is _LIST:
        return _list_item(text, width, markdown=False, sentences=options.wrap == "sentence")
    if kind is _CODE or kind is _TABLE or kind is _RULE:
        return text
    elif kind is _QUOTE:
        # The quote markers stay: without them, a reply's quoted text reads as its own.
        prefix = "> " * max(1, block.level)
        sentences = options.wrap == "sentence"
        if "\n" in text:
            head, _, rest = text.partition("\n")
            if "\n" not in rest and is_alert_label(head):
                # An alert's label over its text (``alert-label``): the text is a paragraph.
                lines = [head, *_paragraph_lines(rest, width, prefix, sentences=sentences)]
                return "\n".join(prefix + line for line in lines)
            # Lines kept inside the quote (commands, a closing, a signature): each as written.
            return "\n".join(prefix + row for row in text.split("\n"))
        lines = _paragraph_lines(text, width, prefix, sentences=sentences)
        return "\n".join(prefix + line for line in lines)
    elif (kind is _VERSE or kind is _PULL_QUOTE) and (text[:1] == " " or text.startswith("-- \n")):
        if text[:1] == " " and width and not _stops_early(text.split("\n"), width):
            # Read back, indented rows are verse only where each stops with room for the next
            # row's first word (``indented-verse``); rows that would fill their lines at this
            # width keep their line ends as hard breaks instead, as in Markdown.
            text = "\n".join(row.lstrip(" ") for row in text.split("\n"))
            return "\\\n".join(_paragraph_lines(text, width, escape=escape_reader_start))
        return _verse_rows(text, width)
    if options.wrap == "sentence" and kind is not _VERSE and kind is not _HEADING:
        lines = _sentence_lines(text)
    elif (kind is _PARAGRAPH or kind is _JUNK) and "\n" in text:
        # A hard break (a backslash at a line's end in the input) is written as it was read:
        # as two plain lines, a second run would read them as one paragraph, or as two.
        return "\\\n".join(_paragraph_lines(text, width, escape=escape_reader_start))
    # Everything else is words in lines: with --width, every line wider than it is wrapped, so
    # that a second run (which sees plain paragraphs) writes the same lines.
    elif not width:
        # (the lines of its "\n"-split, joined again)
        return escape_reader_start(text, alone="\n" not in text)
    elif "\n" not in text:
        return "\n".join(_escaped_lines(text, width, escape_reader_start))
    else:
        lines = _paragraph_lines(text, width)
    # A first line the reader would take for a heading, a list item or a quote is escaped,
    # as in Markdown: written as it is, a second run would read structure there.
    lines[0] = escape_reader_start(lines[0], alone=len(lines) == 1)
    return "\n".join(lines)


def _stops_early(rows: list[str], width: int) -> bool:
    """Every row fits ``width``, and every row but the last with room for the next row's first
    word (the reader's ``_Builder._stops_early``, at the measure the output is wrapped at)."""
    sizes = [display_width(row) for row in rows]
    if max(sizes) > width:
        return False
    return all(
        size + 1 + first_unit_width(row) < width for size, row in zip(sizes, rows[1:], strict=False)
    )


def _verse_rows(text: str, width: int) -> str:
    """Verse set apart by its indent, or a signature: each row as written, its indent kept (a
    signature's row wider than ``width`` is wrapped under it, so a second run writes the same
    lines)."""
    out = []
    for row in text.split("\n"):
        body = row.lstrip(" ")
        indent = len(row) - len(body)
        if not width or len(row) <= width:
            out.append(row)
        else:
            lines = wrap(body, width, initial=indent, subsequent=indent)
            out.extend(" " * indent + line for line in lines)
    return "\n".join(out)


def json_line_writer() -> Callable[[Block], str]:
    """A function giving ``JSONEncoder(ensure_ascii=False).encode(block.to_dict())`` + "\\n".

    The encoder builds its C encoder anew for each block; here the line is written out, its
    strings quoted by the function the encoder would use. (json is loaded on first use.)
    tests/test_render_fast_paths.py checks the two agree.
    """
    from json.encoder import encode_basestring as quote  # what ensure_ascii=False quotes with

    heads = {kind: '{"kind": ' + quote(str(kind)) + ', "text": ' for kind in Kind}
    number = int.__repr__  # what the encoder writes for an int

    def json_line(block: Block) -> str:
        line = heads[block.kind] + quote(block.text)
        if block.level:
            line += ', "level": ' + number(block.level)
        if block.dateline:
            line += ', "dateline": ' + quote(block.dateline)
        line += f', "lines": [{number(block.first_line)}, {number(block.last_line)}]'
        if block.notes:
            line += ', "notes": [' + ", ".join([quote(str(note)) for note in block.notes]) + "]"
        return line + "}\n"

    return json_line


def _keep(block: Block, options: Options) -> bool:
    if not block.text and block.kind is not _HEADING:
        return False  # a block that only carries notes
    if block.kind is _PULL_QUOTE and not options.keep_duplicates:
        return False
    if options.body_only:
        return block.kind in BODY_KINDS
    return True


RENDERERS: dict[str, Callable[[Block, Options], str | None]] = {
    "markdown": render_markdown,
    "text": render_text,
}


def render(
    blocks: Iterable[Block],
    options: Options,
    *,
    written: Callable[[Block], str | None] | None = None,
) -> Iterator[str]:
    """Yield the output piece by piece: one string per block, blank lines between them.

    ``written`` (``--wrap auto``) gives a block's lines as written when they are already in
    the file's style; those are written instead.
    """
    if options.to == "jsonl":
        json_line = json_line_writer()
        for block in blocks:
            if _keep(block, options):
                yield json_line(block)
        return
    renderer = RENDERERS[options.to]
    # _keep, inline: one call less per block.
    keep_duplicates, body_only = options.keep_duplicates, options.body_only
    heading, pull_quote = _HEADING, _PULL_QUOTE
    first = True
    after_list = False  # the last block written was a list item (or an item's paragraph)
    item_column = -1  # where the text of the last list item written starts
    for block in blocks:
        kind = block.kind
        if (
            (not block.text and kind is not heading)
            or (kind is pull_quote and not keep_duplicates)
            or (body_only and kind not in BODY_KINDS)
        ):
            continue
        in_item = kind is _PARAGRAPH and block.level and after_list and item_column > 0
        if in_item:
            markdown = renderer is render_markdown
            out = _item_paragraph(
                block.text,
                options.width,
                item_column,
                _escape_markdown if markdown else escape_reader_start,
                options.wrap == "sentence",
            )
        else:
            out = None if written is None else written(block)
            if out is None:
                out = renderer(block, options)
            if out is None:
                continue
        fenced = False
        if (
            after_list
            and (kind is _CODE or kind is _TABLE)
            and renderer is render_markdown
            and out[:4] == "    "
        ):
            out = _fenced(out)
            fenced = True
        # (Code after code fenced so is fenced too: after an item's paragraph, set in as deep as
        # the code, four blanks would not read back as code.)
        after_list = kind is _LIST or bool(in_item) or fenced
        if kind is _LIST:
            item_column = _text_column(out)
        if first:
            yield out + "\n"
            first = False
        else:
            yield f"\n{out}\n"
