"""What a batch run works on and gives back: the file selection, tasks, settings, results."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..options import Options

#: The files a folder gives -i, --check and --diff unless ``--include`` says otherwise:
#: rewriting in place is opt-in per kind, and Markdown is the kind taken without asking.
REWRITE_INCLUDE = ("*.md", "*.markdown", "*.mdx")
#: The files a folder gives ``--out-dir``, which leaves its inputs alone: text files too.
CONVERT_INCLUDE = ("*.txt", *REWRITE_INCLUDE)

LineEnding = Literal["keep", "lf", "crlf"]
OutputEncoding = Literal["keep", "utf-8"]
OnSkip = Callable[[str, str], None]


class Status(enum.StrEnum):
    """What happened to one file."""

    CHANGED = "changed"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Selection:
    """Which files a folder contributes (``--include``/``--exclude``, gitignore-style globs)."""

    include: tuple[str, ...] = CONVERT_INCLUDE
    exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    #: Apply ``include``, ``exclude``, the default excludes and ``.gitignore`` to files named
    #: on the command line too (for hooks).
    force_exclude: bool = False


@dataclass(frozen=True, slots=True)
class Task:
    """One input: a file (or stdin's bytes) and where its result goes."""

    path: Path
    #: Where the result is written; None when nothing is written (--check, --diff).
    target: Path | None = None
    #: The input itself when it is not a file (stdin).
    data: bytes | None = None
    name: str = ""
    #: Named on the command line (or stdin), not found in a folder: if it cannot be read as
    #: text, that is a failure (as black's), not a skip.
    named: bool = False
    #: Under ``--out-dir``: the output folder, inside which no symlink is written through.
    out_dir: Path | None = None

    @property
    def label(self) -> str:
        """How messages name this input."""
        return self.name or str(self.path)


@dataclass(frozen=True, slots=True)
class Job:
    """How every file of one run is converted and written."""

    options: Options = field(default_factory=Options)
    #: ``--to`` was given: otherwise each file keeps its kind (Markdown for .md, else text).
    explicit_to: bool = False
    diff: bool = False
    safe: bool = True
    line_ending: LineEnding = "keep"
    output_encoding: OutputEncoding = "keep"


@dataclass(frozen=True, slots=True)
class Result:
    """The outcome for one input, sent back from a worker."""

    label: str
    status: Status
    #: For a failure or a skip: the one-line reason, naming the file.
    message: str = ""
    #: The unified diff, when asked for and the file changed.
    diff: str = ""
    #: Where the result was (or would be) written, when that is not the input.
    target: str = ""
    warnings: tuple[str, ...] = ()
    #: Blocks left out of the result as repeats of another (``classify``'s duplicate rules).
    dropped: int = 0
