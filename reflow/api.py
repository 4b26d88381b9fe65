"""The library's public functions: text or bytes in, clean text out."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import BinaryIO

from .decode import Detection, Warn, decode
from .lines import front_matter_end
from .model import Block
from .options import Options
from .pipeline import OnNote, blocks_from_bytes, blocks_from_text, read_chunks, render_blocks
from .render import render
from .safety import Conversion

#: Characters of output gathered before one write.
WRITE_SIZE = 32 * 1024


def _options(options: Options | None, kwargs: dict[str, object]) -> Options:
    if options is not None and not isinstance(options, Options):
        message = f"options must be reflow.Options, not {type(options).__name__}"
        raise TypeError(message)
    base = options or Options()
    if not kwargs:
        return base
    Options.from_kwargs(**kwargs)  # names an unknown option (dataclasses would not)
    return base.replace(**kwargs)


def _text(text: object, function: str) -> str:
    """``text`` if it is a str; else a TypeError naming the function to call instead (a
    mistaken type otherwise fails deep in the pipeline, or None reads as an empty text)."""
    if isinstance(text, str):
        return text
    hint = " (bytes: normalize_bytes)" if isinstance(text, bytes | bytearray) else ""
    message = f"{function} takes str, not {type(text).__name__}{hint}"
    raise TypeError(message)


def _data(data: object, function: str) -> bytes:
    """``data`` as bytes if it is bytes-like; else a TypeError (a str: call ``normalize``)."""
    if isinstance(data, bytes):
        return data
    if isinstance(data, bytearray | memoryview):
        return bytes(data)
    hint = " (str: normalize)" if isinstance(data, str) else ""
    message = f"{function} takes bytes, not {type(data).__name__}{hint}"
    raise TypeError(message)


def _binary(stream: object, function: str, *, output: bool = False, also: str = "") -> None:
    """A TypeError unless ``stream`` looks like a binary file object (a text one would fail
    at the first read or write, after the output had begun)."""
    import io

    needed = "write" if output else "read"
    if isinstance(stream, io.TextIOBase) or not callable(getattr(stream, needed, None)):
        kind = "output" if output else "input"
        message = (
            f"{function} needs {also}a binary {kind} file object (open(..., "
            f"{'wb' if output else 'rb'!r}), sys.std{'out' if output else 'in'}.buffer), "
            f"not {type(stream).__name__}"
        )
        raise TypeError(message)


#: Markdown files by suffix: Quarto's ``.qmd`` and R Markdown's ``.Rmd`` are pandoc's Markdown.
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx", ".qmd", ".rmd")


def is_markdown_name(name: str | None) -> bool:
    """True for paths that Markdown mode handles: ``.md``, ``.markdown``, ``.mdx``, ``.qmd``
    and ``.Rmd``."""
    if not name:
        return False
    path = str(name)
    # Without one of the suffixes at its end, no need to load pathlib (~4 ms).
    if not path.lower().endswith(MARKDOWN_SUFFIXES):
        return False
    from pathlib import PurePath

    return PurePath(path).suffix.lower() in MARKDOWN_SUFFIXES


#: How much of unnamed input (stdin) ``looks_like_markdown`` reads.
SNIFF_SIZE = 8192


def looks_like_markdown(sample: str) -> bool:
    """True when the start of an unnamed input (stdin) is plainly a Markdown file: it opens
    with front matter (a site's page, ``cat post.md | reflow -``). Read as text, its front
    matter, tables, lists and code would be joined.

    Nothing weaker: text browsers' and converters' renditions of documentation pages show
    Markdown's signs in their examples (of 12,600 such inputs of the training, unseen and dev
    corpora, 65 hold a closed code fence, 14 a pipe table's delimiter row and 208 two of an ATX
    heading, a link and a code span), and read as Markdown they would lose reflow's repairs;
    none opens with front matter. Other Markdown on stdin wants ``--from markdown`` or
    ``--stdin-filename``."""
    if sample.startswith("\ufeff"):
        sample = sample[1:]
    return front_matter_end(sample.split("\n")) > 0


def markdown_mode(options: Options, name: str | None) -> bool:
    """Markdown mode: Markdown in, Markdown out (``--to text`` reads Markdown as text)."""
    if options.to != "markdown":
        return False
    return options.source == "markdown" or (options.source == "auto" and is_markdown_name(name))


def _styled_by_text(options: Options) -> bool:
    """A text whose line style comes from the text itself (``keep``, ``auto``, and ``sentence``
    for a text already so written): read it whole."""
    return options.wrap in ("keep", "auto", "sentence") and options.to != "jsonl"


def _text_output(
    text: str, options: Options
) -> tuple[Options, str | None, Callable[[Block], str | None] | None]:
    """For ``keep``/``auto``: the options with the file's style decided; the kept lines under
    ``keep``; under ``auto``, what gives a paragraph already in the style its lines."""
    from .styles import kept_lines, text_style, written_lines

    options, style = text_style(text, options)
    if options.wrap == "keep":
        return options, kept_lines(text, options), None
    return options, None, written_lines(text, style) if style is not None else None


def iter_blocks(
    source: str | bytes | BinaryIO,
    options: Options | None = None,
    *,
    name: str = "<input>",
    warn: Warn | None = None,
    on_note: OnNote | None = None,
    **kwargs: object,
) -> Iterator[Block]:
    """The typed blocks of ``source`` (text, bytes, or a binary file object), streamed."""
    opts = _options(options, kwargs)
    if isinstance(source, str):
        return blocks_from_text([source], opts, on_note=on_note)
    if isinstance(source, bytes | bytearray | memoryview):
        return blocks_from_bytes([bytes(source)], opts, name=name, warn=warn, on_note=on_note)
    _binary(source, "iter_blocks", also="str, bytes or ")
    return blocks_from_bytes(read_chunks(source), opts, name=name, warn=warn, on_note=on_note)


def normalize(text: str, options: Options | None = None, **kwargs: object) -> str:
    """Clean ``text``: rebuild its paragraphs and render them (Markdown by default).

    >>> normalize("A hard-wrapped\\nparagraph.\\n\\nAnd another.")
    'A hard-wrapped paragraph.\\n\\nAnd another.\\n'
    """
    text = _text(text, "normalize")
    opts = _options(options, kwargs)
    if opts.source == "markdown" and opts.to == "markdown":
        from .markdown import format_markdown

        return format_markdown(text, opts)
    written = None
    if _styled_by_text(opts):
        opts, kept, written = _text_output(text, opts)
        if kept is not None:
            return kept
    return "".join(render(blocks_from_text([text], opts), opts, written=written))


def normalize_bytes(
    data: bytes,
    options: Options | None = None,
    *,
    name: str = "<input>",
    warn: Warn | None = None,
    **kwargs: object,
) -> str:
    """Decode ``data`` (BOM, UTF-8, else detected) and clean it like ``normalize``."""
    data = _data(data, "normalize_bytes")
    opts = _options(options, kwargs)
    if markdown_mode(opts, name):
        from .markdown import format_markdown

        text = "".join(decode([data], encoding=opts.encoding, name=name, warn=warn))
        return format_markdown(text, opts, name)
    if _styled_by_text(opts):
        return normalize(
            "".join(decode([data], encoding=opts.encoding, name=name, warn=warn)), opts
        )
    blocks = blocks_from_bytes([data], opts, name=name, warn=warn)
    return "".join(render_blocks(blocks, opts))


def stream(
    infile: BinaryIO,
    outfile: BinaryIO,
    options: Options | None = None,
    *,
    name: str = "<stdin>",
    warn: Warn | None = None,
    on_note: OnNote | None = None,
    **kwargs: object,
) -> None:
    """Clean a binary input stream into a binary output stream (UTF-8) in bounded memory.

    Output is written every few blocks and flushed whenever the input makes us wait.
    """
    _binary(infile, "stream")
    _binary(outfile, "stream", output=True)
    opts = _options(options, kwargs)
    if markdown_mode(opts, name) or _styled_by_text(opts):
        outfile.write(normalize_bytes(infile.read(), opts, name=name, warn=warn).encode("utf-8"))
        outfile.flush()
        return
    # Pieces are gathered and written (encoded) a few dozen blocks at a time, and whatever is
    # gathered is written before the input makes us wait, so streaming is as prompt as before.
    write = outfile.write
    pending: list[str] = []

    def write_pending() -> None:
        if pending:
            text = "".join(pending)
            pending.clear()
            write(text.encode("utf-8", errors="surrogateescape"))

    def before_wait() -> None:
        write_pending()
        outfile.flush()

    chunks = read_chunks(infile, before_wait=before_wait)
    blocks = blocks_from_bytes(chunks, opts, name=name, warn=warn, on_note=on_note)
    gathered = 0
    try:
        for piece in render_blocks(blocks, opts, on_note=on_note):
            pending.append(piece)
            gathered += len(piece)
            if gathered >= WRITE_SIZE:
                write_pending()
                gathered = 0
    finally:
        write_pending()  # what was rendered before an error is written, as it always was
    outfile.flush()


def convert_bytes(
    data: bytes,
    options: Options | None = None,
    *,
    name: str = "<input>",
    warn: Warn | None = None,
    notes: bool = False,
    **kwargs: object,
) -> Conversion:
    """Like ``normalize_bytes``, keeping what a caller needs to check and write the result back.

    ``notes=True`` records every decision on the blocks (as ``explain`` does) without letting
    the notes into the output, so a safety check can see what was removed and why.
    """
    data = _data(data, "convert_bytes")
    opts = _options(options, kwargs)
    found: list[Detection] = []
    text = "".join(decode([data], encoding=opts.encoding, name=name, warn=warn, detection=found))
    if not found:  # empty input: nothing was sampled, so nothing was detected
        found.append(Detection("utf-8", "utf-8"))
    if markdown_mode(opts, name):
        from .markdown import format_markdown

        return Conversion(text, format_markdown(text, opts, name), found[0], None)
    written = None
    if _styled_by_text(opts):
        opts, kept, written = _text_output(text, opts)
        if kept is not None:
            return Conversion(text, kept, found[0], None)
    blocks = tuple(blocks_from_text([text], opts.replace(explain=True) if notes else opts))
    # Only JSON Lines writes notes out: there they must not show unless explain asked for them.
    hide = notes and not opts.explain and opts.to == "jsonl"
    shown = tuple(replace(b, notes=()) for b in blocks) if hide else blocks
    return Conversion(text, "".join(render(shown, opts, written=written)), found[0], blocks)
