"""reflow: turn messy, hard-wrapped text into clean Markdown or plain text."""

from __future__ import annotations

from .errors import BinaryInputError, InputError, OptionsError, ReflowError, UnsafeResultError

# Type checkers take any name TYPE_CHECKING as true; importing typing for it costs ~3 ms.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from .api import is_markdown_name, iter_blocks, normalize, normalize_bytes, stream
    from .model import Block, Kind, Note
    from .options import Options

__version__ = "0.1.0"

# These load on first use (the functions load the whole pipeline), so that ``reflow --version``
# and ``--help`` need none of it.
_LAZY = {
    **dict.fromkeys(("is_markdown_name", "iter_blocks", "normalize", "normalize_bytes"), "api"),
    **dict.fromkeys(("stream",), "api"),
    **dict.fromkeys(("Block", "Kind", "Note"), "model"),
    **dict.fromkeys(("Options",), "options"),
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
        globals()[name] = value  # found directly from now on
        return value
    message = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(message)


def compiled_modules() -> list[str]:
    """The modules of this installation that run compiled by Cython (setup.py); [] if none.

    The others run as the Python they are compiled from, which gives the same output, slower.
    """
    import os
    from importlib.machinery import EXTENSION_SUFFIXES

    names = os.listdir(os.path.dirname(__file__))
    return sorted(
        name.partition(".")[0] for name in names if name.endswith(tuple(EXTENSION_SUFFIXES))
    )


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


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
    "compiled_modules",
    "is_markdown_name",
    "iter_blocks",
    "normalize",
    "normalize_bytes",
    "stream",
]
