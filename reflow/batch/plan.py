"""Where each found file's result goes (``--out-dir`` targets), as the run's tasks."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..api import is_markdown_name
from .jobs import Result, Status, Task
from .walk import _inside

#: Suffixes that name a file's kind; ``--out-dir`` with an explicit ``--to`` swaps them.
_KIND_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".mdx", ".jsonl"})
_SUFFIX_FOR = {"markdown": ".md", "text": ".txt", "jsonl": ".jsonl"}


def out_dir_overlap(paths: Sequence[str], out_dir: Path) -> str | None:
    """Why ``out_dir`` cannot take the results of ``paths`` (it overlaps an input), or None.

    An output folder that is an input folder, or inside one, or holds one, would have
    results written over inputs or read back as inputs; a file's own folder as the output
    folder would have the file replaced.
    """
    out = os.path.realpath(out_dir)
    for given in paths:
        if given == "-":
            continue
        if os.path.isdir(given):
            folder = os.path.realpath(given)
            if _inside(out, folder) or _inside(folder, out):
                relation = (
                    "is" if out == folder else "is inside" if _inside(out, folder) else "holds"
                )
                return f"--out-dir {out_dir} {relation} the input folder {given}"
        elif os.path.realpath(os.path.dirname(os.path.abspath(given))) == out:
            return f"--out-dir {out_dir} is the folder of {given}: the result would replace it"
    return None


def out_dir_target(path: Path, base: Path, out_dir: Path, to: str | None) -> Path:
    """Where ``--out-dir`` puts ``path``: its place under ``base``, with the suffix of ``to``.

    ``to`` is the explicit ``--to`` (None keeps the name): ``--to markdown`` turns
    ``notes.txt`` into ``notes.md``, and ``README`` into ``README.md``.
    """
    relative = Path(os.path.relpath(path, base))
    if to is None:
        return out_dir / relative
    suffix = _SUFFIX_FOR[to]
    if relative.suffix.lower() == suffix or (to == "markdown" and is_markdown_name(relative.name)):
        return out_dir / relative
    if relative.suffix.lower() in _KIND_SUFFIXES:
        return out_dir / relative.with_suffix(suffix)
    return out_dir / relative.with_name(relative.name + suffix)


def plan_tasks(
    found: Iterable[tuple[Path, Path]], *, out_dir: Path | None, to: str | None, write_back: bool
) -> tuple[list[Task], list[Result]]:
    """Tasks for the files ``find_files`` found, and the files refused before any work.

    Without ``out_dir`` a file's target is itself (``write_back``) or nothing; under
    ``out_dir`` it is its place there (``out_dir_target``), and a second file bound for a
    target already taken is refused.
    """
    tasks: list[Task] = []
    refused: list[Result] = []
    targets: dict[Path, Path] = {}
    for path, base in found:
        if out_dir is None:
            tasks.append(Task(path, path if write_back else None))
            continue
        target = out_dir_target(path, base, out_dir, to)
        if target in targets:
            message = f"{path}: not written: {targets[target]} already goes to {target}"
            refused.append(Result(str(path), Status.FAILED, message))
            continue
        targets[target] = path
        tasks.append(Task(path, target, out_dir=out_dir))
    return tasks, refused
