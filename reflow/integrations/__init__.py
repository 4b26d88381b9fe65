"""Adapters that plug reflow into other engines; each needs its optional extra."""

from __future__ import annotations

from ..errors import ReflowError


class MissingExtraError(ReflowError, ImportError):
    """An optional dependency (an extra such as ``reflow[dask]``) is not installed."""
