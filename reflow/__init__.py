"""reflow: turn messy, hard-wrapped text into clean Markdown or plain text."""

from __future__ import annotations

from .api import is_markdown_name, iter_blocks, normalize, normalize_bytes, stream
from .errors import BinaryInputError, InputError, OptionsError, ReflowError, UnsafeResultError
from .model import Block, Kind, Note
from .options import Options

__version__ = "0.1.0"

__all__ = [
    "BinaryInputError",
    "Block",
    "InputError",
    "Kind",
    "Note",
    "Options",
    "OptionsError",
    "ReflowError",
    "UnsafeResultError",
    "__version__",
    "is_markdown_name",
    "iter_blocks",
    "normalize",
    "normalize_bytes",
    "stream",
]
