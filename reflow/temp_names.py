"""The names of the temporary files reflow writes beside a target, so a walk can leave them out."""

from __future__ import annotations

import os
from pathlib import Path

#: Suffix of every temporary file: ".<target name>.<8 hex digits>.reflow-tmp", beside it.
TEMP_SUFFIX = ".reflow-tmp"
# Room for the random part and the suffix within a 255-byte file name.
_MAX_STEM = 200


def temp_name(target: Path) -> Path:
    """A fresh temporary path beside ``target`` (random: the caller creates it exclusively)."""
    stem = target.name if len(os.fsencode(target.name)) <= _MAX_STEM else target.name[:50]
    return target.parent / f".{stem}.{os.urandom(4).hex()}{TEMP_SUFFIX}"


def is_temp_name(name: str) -> bool:
    """True for the name of a temporary file reflow makes (a killed run may leave one)."""
    return name.startswith(".") and name.endswith(TEMP_SUFFIX)
