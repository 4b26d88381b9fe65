"""Counting the results of a run for its summary line."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .jobs import Result, Status


@dataclass(slots=True)
class Tally:
    """How many files ended each way."""

    counts: dict[Status, int] = field(default_factory=lambda: dict.fromkeys(Status, 0))

    def add(self, result: Result) -> None:
        self.counts[result.status] += 1

    def __getitem__(self, status: Status) -> int:
        return self.counts[status]

    def summary(self, mode: Literal["in-place", "check", "out-dir"]) -> str:
        """``12 files reformatted, 300 unchanged, 1 failed`` (--check: "would be reformatted")."""
        changed = {"in-place": "reformatted", "check": "would be reformatted", "out-dir": "written"}
        words = {
            Status.CHANGED: changed[mode],
            Status.UNCHANGED: "unchanged",
            Status.SKIPPED: "skipped",
            Status.FAILED: "failed",
        }
        parts = []
        for status, word in words.items():
            count = self.counts[status]
            if not count:
                continue
            if not parts:
                parts.append(f"{count} file{'s' if count != 1 else ''} {word}")
            else:
                parts.append(f"{count} {word}")
        return ", ".join(parts) if parts else "no files to reflow"
