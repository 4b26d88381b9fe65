"""Markdown mode: unwrap or re-wrap a Markdown file's paragraph lines, copying every other byte."""

from __future__ import annotations

from .chunks import CHUNK_LINES
from .document import format_markdown
from .parsing import parser
from .protected import is_template_paragraph
from .rewrap import SOFT_HYPHEN

__all__ = [
    "CHUNK_LINES",
    "SOFT_HYPHEN",
    "format_markdown",
    "is_template_paragraph",
    "parser",
]
