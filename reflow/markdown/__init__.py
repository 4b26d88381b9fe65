"""Markdown mode: unwrap or re-wrap a Markdown file's paragraph lines, copying every other byte."""

from __future__ import annotations

from ..reexports import settable
from .chunks import CHUNK_LINES, _last_cut
from .document import format_markdown
from .parsing import parser
from .protected import is_template_paragraph
from .rewrap import SOFT_HYPHEN, _must_not_start, _must_not_start_strict
from .settle import _STRETCH_LINES

# The private names are here for tests that set them, as they did before the package: to count
# the windows a long document is parsed in, or to let a wrap make a list or a footnote that the
# safety net must catch, in short stretches.
__all__ = [
    "CHUNK_LINES",
    "SOFT_HYPHEN",
    "_STRETCH_LINES",
    "_last_cut",
    "_must_not_start",
    "_must_not_start_strict",
    "format_markdown",
    "is_template_paragraph",
    "parser",
]

# Setting one of these names here sets it in the modules that read it.
settable(__name__)
