"""Regular expressions kept by name as source, each compiled the first time it is used."""

from __future__ import annotations

import re


class LazyPatterns(dict[str, re.Pattern[str]]):
    """A module's patterns by name, compiled on first lookup (``patterns["_BYLINE"]``).

    Compiling every pattern at import costs milliseconds, and a run needs few of them. Once
    compiled, a lookup is a plain dict lookup (``__missing__`` runs only the first time).
    """

    def __init__(self, module: str) -> None:
        super().__init__()
        self.module = module
        #: Each pattern's source and flags, by name.
        self.sources: dict[str, tuple[str, int]] = {}

    def __missing__(self, name: str) -> re.Pattern[str]:
        source, flags = self.sources[name]
        compiled = self[name] = re.compile(source, flags)
        return compiled

    def attribute(self, name: str) -> re.Pattern[str]:
        """The module's ``__getattr__``: ``module._BYLINE`` gives the compiled pattern too."""
        if name in self.sources:
            return self[name]
        message = f"module {self.module!r} has no attribute {name!r}"
        raise AttributeError(message)
