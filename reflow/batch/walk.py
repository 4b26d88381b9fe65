"""Finding the files that folders and names stand for: globs, .gitignore, default excludes."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..api import is_markdown_name
from ..temp_names import is_temp_name
from .files import _reason
from .jobs import OnSkip, Selection

if TYPE_CHECKING:
    import pathspec

#: Folders a walk never enters, as black's defaults (tools' caches and output, installed
#: packages), and the folders of tests' data (inputs and expected outputs a test compares
#: byte for byte); hidden folders are left out anyway. A folder holding pyvenv.cfg (a virtual
#: environment, whatever its name) and ``*.egg-info`` are left out too, and so is a ``data``
#: folder right inside a ``test`` or ``tests`` folder (see ``TEST_DATA_PARENTS``).
DEFAULT_EXCLUDE_FOLDERS = frozenset(
    {
        "__fixtures__",
        "__snapshots__",
        "fixtures",
        "test-data",
        "test_data",
        "testdata",
        ".direnv",
        ".eggs",
        ".git",
        ".hg",
        ".ipynb_checkpoints",
        ".mypy_cache",
        ".nox",
        ".pytest_cache",
        ".ruff_cache",
        ".svn",
        ".tox",
        ".venv",
        ".vscode",
        "__pycache__",
        "__pypackages__",
        "_build",
        "buck-out",
        "build",
        "dist",
        "node_modules",
        "site-packages",
        "venv",
    }
)


#: The folders whose ``data`` folder holds tests' data (curl's ``tests/data``: the Markdown
#: inputs of its man-page tests, whose output is compared byte for byte). A ``data`` folder
#: elsewhere (a site generator's) is walked.
TEST_DATA_PARENTS = frozenset({"test", "tests"})

#: What a folder of documentation holds: its pages and their pictures. A ``test`` or ``tests``
#: folder holding any other file (the suite's code, the inputs' expected outputs) is the
#: suite's own, and its Markdown is tests' data: pandoc's ``test/`` (``writer.markdown`` is the
#: Markdown writer's expected output, beside ``.native`` and ``.html`` files), Jekyll's
#: ``test/source`` (``.rb`` beside it), mdBook's, cargo's and mystmd's ``tests/`` (``.rs``,
#: ``.ts``), and prettier's ``tests/``, whose code is in the folders below it. A book's
#: chapters on testing (rustc-dev-guide's ``src/tests/``, Markdown alone) are walked. (Over
#: 60 repositories: 1,315 Markdown files under a ``test``/``tests`` folder with code right in
#: it and 300 under one with code only below it, all tests' data or notes on running them;
#: 23 under one without code at any depth, all chapters.)
DOCUMENT_SUFFIXES = frozenset(
    ".md .markdown .mdx .txt .rst .adoc .png .jpg .jpeg .gif .svg .webp".split()
)


def _spec(patterns: Iterable[str]) -> pathspec.GitIgnoreSpec:
    import pathspec  # ~10 ms to import: only for globs that _Globs cannot answer itself

    return pathspec.GitIgnoreSpec.from_lines(list(patterns))


#: A glob that only names a suffix: "*.txt", "*.tar.gz".
_SUFFIX_GLOB = re.compile(r"\*(\.[\w.+-]+)")


class _Globs:
    """gitignore-style globs (``--include``, ``--exclude``), as pathspec matches them.

    The usual ones, suffix globs like the default ``*.md``, are answered without pathspec and
    whatever the case of the name (``README.MD`` is Markdown too): such a glob matches a path
    one of whose parts ends with the suffix (a folder ``notes.txt`` takes in what is under
    it), and no glob matches nothing. Other globs go to pathspec, case-sensitive as git's;
    all of them do when one is a negation ("!..."), whose meaning depends on the order.
    """

    __slots__ = ("spec", "suffixes")

    def __init__(self, patterns: Sequence[str]) -> None:
        self.suffixes: tuple[str, ...] = ()
        self.spec: pathspec.GitIgnoreSpec | None = None
        if any(pattern.startswith("!") for pattern in patterns):
            self.spec = _spec(patterns)
            return
        found = [(pattern, _SUFFIX_GLOB.fullmatch(pattern)) for pattern in patterns]
        self.suffixes = tuple(match.group(1).lower() for _pattern, match in found if match)
        others = [pattern for pattern, match in found if not match]
        if others:
            self.spec = _spec(others)

    def match_file(self, path: str) -> bool:
        suffixes = self.suffixes
        if suffixes:
            lower = path.lower()
            if lower.endswith(suffixes):
                return True
            # A folder's name may carry the suffix too ("notes.txt/a.md").
            if "/" in lower and any(part.endswith(suffixes) for part in lower.split("/")):
                return True
        return self.spec is not None and bool(self.spec.match_file(path))


def _repo_top(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


@dataclass(frozen=True, slots=True)
class _Ignores:
    """The .gitignore files that apply in one folder, outermost first (innermost decides)."""

    levels: tuple[tuple[Path, pathspec.GitIgnoreSpec], ...] = ()
    #: False under --no-respect-gitignore: no .gitignore is read at all.
    active: bool = True

    @classmethod
    def above(cls, folder: Path) -> _Ignores:
        """The rules from the top of ``folder``'s repository down to ``folder`` itself."""
        top = _repo_top(folder)
        ignores = cls()
        if top is None:  # not in a repository: only the tree's own .gitignore files count
            return ignores.enter(folder)
        exclude = top / ".git" / "info" / "exclude"
        if exclude.is_file():
            ignores = cls(((top, _spec(_lines(exclude))),))
        for step in (*reversed(folder.relative_to(top).parents), folder.relative_to(top)):
            ignores = ignores.enter(top / step)
        return ignores

    def enter(self, folder: Path) -> _Ignores:
        """The rules inside ``folder``: these plus its own .gitignore, if it has one."""
        own = folder / ".gitignore"
        if not self.active or not own.is_file():
            return self
        return _Ignores((*self.levels, (folder, _spec(_lines(own)))))

    def ignored(self, path: Path, *, folder: bool) -> bool:
        for base, spec in reversed(self.levels):
            try:
                relative = path.relative_to(base).as_posix()
            except ValueError:
                continue
            decided = spec.check_file(relative + "/" if folder else relative).include
            if decided is not None:
                return decided
        return False


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


Identity = tuple[int, int] | str


class _Walk:
    """One folder named on the command line, walked for the files the selection takes."""

    __slots__ = ("avoid", "exclude", "include", "root", "skip")

    def __init__(
        self, root: Path, include: _Globs, exclude: _Globs, avoid: Sequence[str], skip: OnSkip
    ) -> None:
        self.root, self.include, self.exclude, self.avoid, self.skip = (
            root,
            include,
            exclude,
            avoid,
            skip,
        )

    def files(self, respect_gitignore: bool) -> Iterator[tuple[Path, Identity, str]]:
        """The files in sorted path order, not following symlinks to folders or out of the tree.

        Each comes with its identity (``_identity``), from the stat the walk makes anyway,
        and its path under the root ("/"-separated).
        """
        absolute = Path(os.path.abspath(self.root))
        ignores = _Ignores.above(absolute) if respect_gitignore else _Ignores(active=False)
        return self._folder(self.root, absolute, "", ignores, os.path.realpath(self.root))

    def _folder(
        self, shown: Path, absolute: Path, prefix: str, ignores: _Ignores, real_root: str
    ) -> Iterator[tuple[Path, Identity, str]]:
        """``prefix`` is the folder's path under the root, with a trailing "/" (globs match it).

        The folders open are a stack, not a generator each: a tree a thousand folders deep
        went past Python's recursion limit (a RecursionError traceback).
        """
        # Each folder's real path too: a folder the walk enters is no symlink, so its real path
        # is its parent's and its name (os.path.realpath of each cost time by the depth).
        real = real_root
        stack = [(shown, absolute, prefix, ignores, real, self._listing(shown, absolute))]
        while stack:
            shown, absolute, prefix, ignores, real, entries = stack[-1]
            entry = next(entries, None)
            if entry is None:
                stack.pop()
                continue
            # Per file: one Path (what is shown and converted); the rest are strings.
            path, relative = shown / entry.name, prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                if entry.name.startswith("."):
                    continue  # hidden folders (.git, .venv, .cache) are never content
                entry_abs, entry_real = absolute / entry.name, os.path.join(real, entry.name)
                why = self._folder_skipped(entry_abs, relative, ignores, entry_real)
                if why:
                    self.skip(str(path), why)
                else:
                    inner = ignores.enter(entry_abs)
                    listing = self._listing(path, entry_abs)
                    stack.append((path, entry_abs, relative + "/", inner, entry_real, listing))
            elif entry.is_symlink() and os.path.isdir(entry.path):
                self.skip(str(path), "a symlink to a folder, not followed")
            elif self.include.match_file(relative):
                why, identity = self._file_skipped(entry, relative, ignores, real_root)
                if why:
                    self.skip(str(path), why)
                else:
                    yield path, identity, relative

    def _listing(self, shown: Path, absolute: Path) -> Iterator[os.DirEntry[str]]:
        """A folder's entries in name order; none (said) if it cannot be listed."""
        try:
            entries = sorted(os.scandir(absolute), key=lambda e: e.name)
        except OSError as error:
            self.skip(str(shown), f"cannot list: {_reason(error)}")
            return iter(())
        return iter(entries)

    def _folder_skipped(
        self, folder: Path, relative: str, ignores: _Ignores, real: str
    ) -> str | None:
        if real in self.avoid:
            return "the output folder"
        why = _excluded_by_default(folder)
        if why:
            return why
        if self.exclude.match_file(relative + "/"):
            return "excluded"
        if ignores.ignored(folder, folder=True):
            return "ignored by .gitignore"
        return None

    def _file_skipped(
        self, entry: os.DirEntry[str], relative: str, ignores: _Ignores, real_root: str
    ) -> tuple[str | None, Identity]:
        """Why the walk leaves out this file (None: it is taken), and its identity."""
        path = entry.path  # absolute: the walk lists absolute folders
        if is_temp_name(entry.name):
            return "a temporary file of reflow (a killed run left it)", path
        if self.exclude.match_file(relative):
            return "excluded", path
        if ignores.levels and ignores.ignored(Path(path), folder=False):
            return "ignored by .gitignore", path
        if entry.is_symlink() and not _inside(os.path.realpath(path), real_root):
            return "a symlink out of the tree, not followed", path
        try:
            found = entry.stat()  # follows a symlink, as os.stat does
        except OSError:
            return "a broken symlink", path
        if not stat.S_ISREG(found.st_mode):
            return "not a regular file", path
        return None, (found.st_dev, found.st_ino)


def _excluded_by_default(folder: Path) -> str | None:
    """Why a walk never enters ``folder`` whatever the selection (tools' folders), or None."""
    name = folder.name
    if name in DEFAULT_EXCLUDE_FOLDERS or name.endswith(".egg-info"):
        return "excluded by default"
    if name == "data" and folder.parent.name in TEST_DATA_PARENTS:
        return "excluded by default (tests' data)"
    if name in TEST_DATA_PARENTS and _holds_code(str(folder)):
        return "excluded by default (a test suite's folder)"
    if os.path.isfile(folder / "pyvenv.cfg"):
        return "a virtual environment (holds pyvenv.cfg)"
    return None


@lru_cache(maxsize=256)
def _holds_code(folder: str) -> bool:
    """True when ``folder`` or a folder below it holds a file that is neither a page nor a
    picture (``DOCUMENT_SUFFIXES``; hidden files and folders, and files without a suffix, do
    not count). Below too: prettier's ``tests/`` holds only folders, and its Markdown inputs
    sit three deep beside the ``format.test.js`` that reads them. The walk stops at the first
    such file, so a suite's folder costs little; a folder of chapters is read through once."""
    for top, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in files:
            suffix = os.path.splitext(name)[1].lower()
            if name.startswith(".") or not suffix or suffix in DOCUMENT_SUFFIXES:
                continue
            if os.path.isfile(os.path.join(top, name)):
                return True
    return False


def find_files(
    paths: Sequence[str],
    selection: Selection = Selection(),  # noqa: B008  (frozen)
    *,
    avoid: Path | None = None,
    on_skip: OnSkip | None = None,
) -> list[tuple[Path, Path]]:
    """Every file ``paths`` stand for, as ``(file, folder it was found under)``, in order.

    A folder contributes the files the selection takes (recursively; hidden folders,
    tools' folders, ``.gitignore``-d files and symlinks out of the tree left out); a
    file named directly is taken as it is (``force_exclude`` puts it through the
    selection too), even when it does not exist, so its failure is reported where it
    stands. A file that is not prose (``prose.verdict``) is left out, wherever it
    came from. Each real file comes once. ``avoid`` is a folder never entered
    (``--out-dir``).
    """
    from ..prose import verdict

    skip = on_skip or (lambda _path, _why: None)
    include, exclude = _Globs(selection.include), _Globs(selection.exclude)
    avoid_real = [os.path.realpath(avoid)] if avoid is not None else []
    seen: set[Identity] = set()
    found: list[tuple[Path, Path]] = []
    for given in paths:
        root = Path(given)
        candidates: Iterable[tuple[Path, Path, Identity, str]]
        if os.path.isdir(root):  # False, not PermissionError, in a closed folder
            walk = _Walk(root, include, exclude, avoid_real, skip)
            candidates = (
                (file, root, real, relative)
                for file, real, relative in walk.files(selection.respect_gitignore)
            )
        else:
            why = (
                _force_excluded(root, selection, include, exclude)
                if selection.force_exclude
                else None
            )
            if why:
                skip(given, why)
                continue
            candidates = [(root, root.parent, _identity(root), given)]
        for file, base, real, relative in candidates:
            if real in seen:
                skip(str(file), "named twice")
                continue
            seen.add(real)
            why = verdict(str(file), relative, markdown=is_markdown_name(file.name))
            if why:
                skip(str(file), why)
                continue
            found.append((file, base))
    return found


def _identity(path: Path) -> Identity:
    """What makes two paths the same file: device and inode (a missing file: its own path)."""
    try:
        found = os.stat(path)
    except OSError:
        return os.path.abspath(path)
    return found.st_dev, found.st_ino


def _force_excluded(
    path: Path, selection: Selection, include: _Globs, exclude: _Globs
) -> str | None:
    """Why ``--force-exclude`` leaves out a file named directly, or None.

    Globs see the path from the current folder (where hooks run: the repository's top);
    the default excludes apply to the folders below it (or below the file's repository).
    """
    absolute = Path(os.path.abspath(path))
    relative = Path(os.path.relpath(absolute)).as_posix()
    if not include.match_file(relative):
        return "not included"
    top = Path.cwd() if not relative.startswith("../") else _repo_top(absolute.parent)
    if top is not None:
        for folder in absolute.parents:
            if len(folder.parts) <= len(top.parts):
                break
            why = _excluded_by_default(folder)
            if why:
                return f"in {folder.name}: {why}"
    if exclude.match_file(relative):
        return "excluded"
    if selection.respect_gitignore and _Ignores.above(absolute.parent).ignored(
        absolute, folder=False
    ):
        return "ignored by .gitignore"
    return None
