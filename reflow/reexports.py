"""Packages whose re-exported names stay settable: setting one sets it where it is read."""

from __future__ import annotations

import sys
from types import ModuleType

_MISSING = object()


class _SettablePackage(ModuleType):
    """A package that passes a name set on it (a test's ``monkeypatch``) to its modules.

    A package re-exports names its modules define or import, and those modules read their
    own binding: setting only the package's copy would change nothing. So each module of the
    package that holds the same object under the name gets the new value too.
    """

    def __setattr__(self, name: str, value: object) -> None:
        old = self.__dict__.get(name, _MISSING)
        if old is not _MISSING:
            inside = self.__name__ + "."
            for module_name, module in list(sys.modules.items()):
                if module_name.startswith(inside) and vars(module).get(name, _MISSING) is old:
                    setattr(module, name, value)
        super().__setattr__(name, value)


def settable(package: str) -> None:
    """Make ``package`` (already imported: call it at the end of its ``__init__``) settable."""
    sys.modules[package].__class__ = _SettablePackage
