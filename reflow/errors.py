"""The exceptions reflow raises, each carrying what the CLI needs for a one-line message."""

from __future__ import annotations


class ReflowError(Exception):
    """Base class for every error reflow raises on purpose."""


class OptionsError(ReflowError, ValueError):
    """An option has a value reflow cannot use."""


class InputError(ReflowError):
    """An input cannot be processed (binary, unknown encoding, unreadable)."""


class BinaryInputError(InputError):
    """The input looks like binary data, not text."""


class UnsafeResultError(ReflowError):
    """The result would lose words or is not stable; the input is left alone."""
