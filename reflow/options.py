"""The one immutable options object every stage reads."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Literal

from .decode import validate_encoding
from .dialect_names import DIALECTS
from .errors import OptionsError

OutputFormat = Literal["markdown", "text", "jsonl"]
InputFormat = Literal["auto", "text", "markdown"]
#: The line styles ``wrap`` names besides a number of columns.
WRAP_STYLES = ("no", "keep", "sentence", "auto")


#: The widest line a width may ask for: past it, a width only overflows the compiled modules'
#: arithmetic (a C ``Py_ssize_t``); the command line's bound too (``cli.MAX_WIDTH``).
MAX_WIDTH = 10_000


def _check_width(width: object) -> None:
    if not isinstance(width, int) or isinstance(width, bool) or not 0 <= width <= MAX_WIDTH:
        message = f"width must be a whole number from 0 to {MAX_WIDTH:,}, not {width!r}"
        raise OptionsError(message)


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """How reflow reads and writes.

    - ``to``: ``markdown`` (default), ``text`` or ``jsonl``.
    - ``source``: ``auto`` (Markdown for ``.md``/``.markdown`` paths, else text), ``text`` or
      ``markdown`` (the ``--from`` option).
    - ``width``: re-wrap paragraphs at this many display columns; 0 (default) writes one line
      per paragraph.
    - ``wrap``: the line style: ``no`` (one line per paragraph, the default), a number of
      columns (``72`` or ``"72"``: the same as ``width``), ``keep`` (line breaks as written,
      repairs only), ``sentence`` (one sentence a line) or ``auto`` (each file's own style,
      detected; only paragraphs out of it change). After checking it is ``no``, ``width``
      (wrapped at ``width``), ``keep``, ``sentence`` or ``auto``.
    - ``encoding``: force the input encoding; ``None`` detects it (BOM, UTF-8, chardet).
    - ``repair``: fix mojibake and control characters with ftfy, keeping typography.
    - ``dehyphenate``: join words split by an end-of-line hyphen where the word is attested.
    - ``keep_duplicates``: keep pull quotes and other blocks that repeat a body paragraph.
    - ``drop_repeats``: drop every paragraph that repeats an earlier one, wherever it stands
      (for corpus builders); by default only copies out of the text's flow are dropped.
    - ``body_only``: keep only the title, headings and body text.
    - ``explain``: record every decision as a note on its block.
    - ``dialect``: the Markdown dialect of Markdown input (``auto`` detects it from the
      file's suffix and repository; see ``reflow.dialects``).
    """

    to: OutputFormat = "markdown"
    source: InputFormat = "auto"
    width: int = 0
    wrap: str | int = "no"
    encoding: str | None = None
    repair: bool = True
    dehyphenate: bool = True
    keep_duplicates: bool = False
    drop_repeats: bool = False
    body_only: bool = False
    explain: bool = False
    dialect: str = "auto"

    def __post_init__(self) -> None:
        if self.to not in ("markdown", "text", "jsonl"):
            message = f"unknown output format {self.to!r} (choose markdown, text or jsonl)"
            raise OptionsError(message)
        if self.source not in ("auto", "text", "markdown"):
            message = f"unknown input format {self.source!r} (choose auto, text or markdown)"
            raise OptionsError(message)
        _check_width(self.width)
        self._check_wrap()
        _check_width(self.width)  # a wrap of N columns sets it
        if self.dialect != "auto" and self.dialect not in DIALECTS:
            message = (
                f"unknown Markdown dialect {self.dialect!r} (choose auto, {', '.join(DIALECTS)})"
            )
            raise OptionsError(message)
        if self.encoding is not None:
            validate_encoding(self.encoding)

    def _check_wrap(self) -> None:
        """Reduce ``wrap`` to a style name, a number of columns going to ``width``."""
        wrap = self.wrap
        if isinstance(wrap, int) and not isinstance(wrap, bool):
            wrap = str(wrap)
        if isinstance(wrap, str) and wrap.strip().isdigit():
            columns = int(wrap)
            if self.width and columns and self.width != columns:
                message = f"wrap {columns} and width {self.width} disagree: give one of them"
                raise OptionsError(message)
            object.__setattr__(self, "width", columns or self.width)
            wrap = "width"
        if wrap not in (*WRAP_STYLES, "width"):
            message = f"unknown wrap {self.wrap!r} (choose no, keep, sentence, auto or a width N)"
            raise OptionsError(message)
        if wrap in ("no", "width"):
            wrap = "width" if self.width else "no"  # -w N is the short form of --wrap N
        elif self.width:
            message = f"wrap {wrap!r} does not take a width (width {self.width}): give one of them"
            raise OptionsError(message)
        object.__setattr__(self, "wrap", wrap)

    def replace(self, **changes: object) -> Options:
        """A copy with ``changes`` applied (validated again)."""
        return replace(self, **changes)  # type: ignore[arg-type]

    @classmethod
    def from_kwargs(cls, **kwargs: object) -> Options:
        """Build options from keyword arguments, naming any unknown one."""
        known = {f.name for f in fields(cls)}
        for key in kwargs:
            if key not in known:
                message = f"unknown option {key!r}"
                raise OptionsError(message)
        return cls(**kwargs)  # type: ignore[arg-type]


DEFAULT_OPTIONS = Options()
