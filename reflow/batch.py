"""Many files at once: find them, convert each safely, in parallel, and report in a stable order."""

from __future__ import annotations

import enum
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Literal

from .api import convert_bytes, is_markdown_name, markdown_mode
from .errors import BinaryInputError, ReflowError
from .model import Kind
from .options import Options
from .safety import Conversion, check_conversion, encoding_problem, second_run
from .temp_names import is_temp_name

if TYPE_CHECKING:
    from multiprocessing.synchronize import Event

    import pathspec

#: The files a folder gives -i, --check and --diff unless ``--include`` says otherwise:
#: rewriting in place is opt-in per kind, and Markdown is the kind taken without asking.
REWRITE_INCLUDE = ("*.md", "*.markdown", "*.mdx")
#: The files a folder gives ``--out-dir``, which leaves its inputs alone: text files too.
CONVERT_INCLUDE = ("*.txt", *REWRITE_INCLUDE)
#: Folders a walk never enters, as black's defaults (tools' caches and output, installed
#: packages); hidden folders are left out anyway. A folder holding pyvenv.cfg (a virtual
#: environment, whatever its name) and ``*.egg-info`` are left out too.
DEFAULT_EXCLUDE_FOLDERS = frozenset(
    {
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
#: Suffixes that name a file's kind; ``--out-dir`` with an explicit ``--to`` swaps them.
_KIND_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".mdx", ".jsonl"})
_SUFFIX_FOR = {"markdown": ".md", "text": ".txt", "jsonl": ".jsonl"}
_FIRST_LINE_END = re.compile(r"\r\n?|\n")
_LINE_WITH_END = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+$")

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


# --- Finding files -------------------------------------------------------------------------


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
        """``prefix`` is the folder's path under the root, with a trailing "/" (globs match it)."""
        try:
            entries = sorted(os.scandir(absolute), key=lambda e: e.name)
        except OSError as error:
            self.skip(str(shown), f"cannot list: {_reason(error)}")
            return
        for entry in entries:
            # Per file: one Path (what is shown and converted); the rest are strings.
            path, relative = shown / entry.name, prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                if entry.name.startswith("."):
                    continue  # hidden folders (.git, .venv, .cache) are never content
                entry_abs = absolute / entry.name
                why = self._folder_skipped(entry_abs, relative, ignores)
                if why:
                    self.skip(str(path), why)
                else:
                    inner = ignores.enter(entry_abs)
                    yield from self._folder(path, entry_abs, relative + "/", inner, real_root)
            elif entry.is_symlink() and os.path.isdir(entry.path):
                self.skip(str(path), "a symlink to a folder, not followed")
            elif self.include.match_file(relative):
                why, identity = self._file_skipped(entry, relative, ignores, real_root)
                if why:
                    self.skip(str(path), why)
                else:
                    yield path, identity, relative

    def _folder_skipped(self, folder: Path, relative: str, ignores: _Ignores) -> str | None:
        if os.path.realpath(folder) in self.avoid:
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
    if os.path.isfile(folder / "pyvenv.cfg"):
        return "a virtual environment (holds pyvenv.cfg)"
    return None


def find_files(
    paths: Sequence[str],
    selection: Selection = Selection(),
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
    from .prose import verdict

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


# --- Converting one file -------------------------------------------------------------------


def options_for(job: Job, name: str) -> Options:
    """The options for one file: its own kind (Markdown for .md/.markdown) unless --to was given."""
    if job.explicit_to:
        return job.options
    return job.options.replace(to="markdown" if is_markdown_name(name) else "text")


def output_text(conversion: Conversion, job: Job) -> str:
    """The output with the line ending asked for, or the input's first one (as black keeps it)."""
    if job.line_ending == "keep":
        found = _FIRST_LINE_END.search(conversion.text)
        ending = found.group() if found else "\n"
    else:
        ending = "\r\n" if job.line_ending == "crlf" else "\n"
    # Markdown mode copies lines outside paragraphs as they are, "\r\n" included.
    output = (
        conversion.output.replace("\r\n", "\n") if "\r" in conversion.output else conversion.output
    )
    return output if ending == "\n" else output.replace("\n", ending)


def encode_output(conversion: Conversion, job: Job, text: str | None = None) -> bytes:
    """The output as bytes in the input's encoding and BOM (unless told otherwise)."""
    text = output_text(conversion, job) if text is None else text
    if job.output_encoding == "utf-8":
        return text.encode("utf-8")
    detection = conversion.detection
    return detection.bom + text.encode(detection.encoding)


def _read(path: Path, label: str, encoding: str | None) -> tuple[bytes, os.stat_result]:
    """A regular file's bytes and its status before reading; a folder or a device is refused.

    A FIFO is opened without blocking (and refused), and a binary file is refused from
    its first bytes, before the rest is read (a large image, a sparse disk image).
    """
    with _open_regular(path) as handle:
        info = os.fstat(handle.fileno())
        return _head(handle, label, encoding) + handle.read(), info


def _open_regular(path: Path) -> BinaryIO:
    """``path`` open for reading, if it is a regular file; a FIFO is opened without blocking."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    handle = open(fd, "rb")  # noqa: SIM115  (the caller closes it)
    if not stat.S_ISREG(os.fstat(fd).st_mode):  # a folder, a device, a FIFO
        handle.close()
        message = f"{path}: not a regular file"
        raise ReflowError(message)
    os.set_blocking(fd, True)
    return handle


def _head(handle: BinaryIO, label: str, encoding: str | None) -> bytes:
    """The first bytes of a file, read; a binary file is refused from them (BinaryInputError)."""
    from .decode import SAMPLE_SIZE, detect, looks_binary

    head = handle.read(SAMPLE_SIZE)
    if looks_binary(head):
        try:  # the same verdict as decoding will give: UTF-16 text is not binary
            detect(head, complete=False, encoding=encoding)
        except BinaryInputError as error:
            raise BinaryInputError(f"{label}: {error}") from None
    return head


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


def _split_lines(text: str) -> list[str]:
    return _LINE_WITH_END.findall(text)


#: What git quotes in a diff header's file name: control characters, lone surrogates (bytes
#: that were not UTF-8), and the quote and backslash that quoting itself uses.
_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f-\x9f\ud800-\udfff"\\]')
_C_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\v": "\\v",
    "\f": "\\f",
    "\r": "\\r",
}


def _c_escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _C_ESCAPES:
        return _C_ESCAPES[char]
    if char in '"\\':
        return "\\" + char
    raw = char.encode("utf-8", errors="surrogateescape")
    return "".join(f"\\{byte:03o}" for byte in raw)


def diff_name(name: str) -> str:
    """``name`` as a diff header shows it: as it is, or C-quoted as git does when it holds
    control characters (an escape sequence or a newline must not reach the terminal raw, nor
    break the header)."""
    if not _UNSAFE_NAME.search(name):
        return name
    return '"' + _UNSAFE_NAME.sub(_c_escape, name) + '"'


def unified_diff(before: str, after: str, label: str) -> str:
    """A unified diff of two texts, marking a last line without a line ending as diff does."""
    import difflib  # only for --diff

    lines = []
    name = diff_name(label)
    for line in difflib.unified_diff(_split_lines(before), _split_lines(after), name, name):
        lines.append(
            line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
        )
    return "".join(lines)


def convert_file(task: Task, job: Job) -> Result:
    """Convert one input: check the result is safe, write it if it changed, and say what happened.

    Never raises for a problem with this file (it becomes a FAILED or SKIPPED result),
    so one bad file never stops a batch.
    """
    label = task.label
    warnings: list[str] = []
    try:
        options = options_for(job, task.name or task.path.name)
        if _streams(task, job, options):
            streamed = _convert_streamed(task, job, options, warnings)
            if streamed is not None:
                return streamed
            warnings.clear()  # the whole-file conversion below says them again
        data, read_as = (
            (task.data, None)
            if task.data is not None
            else _read(task.path, label, options.encoding)
        )
        conversion = convert_bytes(data, options, name=label, warn=warnings.append, notes=job.safe)
        text = output_text(conversion, job)
        try:
            new = encode_output(conversion, job, text)
        except UnicodeEncodeError as error:
            message = (
                f"{label}: not changed: the result has {error.object[error.start : error.end]!r}, "
                f"which {conversion.detection.encoding} cannot hold (try --output-encoding utf-8)"
            )
            return Result(label, Status.FAILED, message, warnings=tuple(warnings))
        kept = text if job.output_encoding == "keep" else None
        if new != data and (problem := encoding_problem(data, conversion, kept)):
            return Result(
                label, Status.FAILED, f"{label}: not changed: {problem}", warnings=tuple(warnings)
            )
        if job.safe and new != data:
            problem = _unsafe(conversion, text, new, options, task, job)
            if problem:
                return Result(label, Status.FAILED, problem, warnings=tuple(warnings))
        diff = ""
        if job.diff and new != data:
            # The BOM is part of the first line, as git sees it: without it `git apply` fails.
            bom = conversion.detection.bom
            before = "\ufeff" if bom else ""
            after = "\ufeff" if bom and new.startswith(bom) else ""
            diff = unified_diff(before + conversion.text, after + text, label)
        return _finish(
            task, data, new, diff, tuple(warnings), read_as, _dropped(conversion, options)
        )
    except BinaryInputError as error:
        if task.named:
            return Result(label, Status.FAILED, str(error), warnings=tuple(warnings))
        return Result(label, Status.SKIPPED, f"{error}; skipped", warnings=tuple(warnings))
    except ReflowError as error:
        return Result(label, Status.FAILED, str(error), warnings=tuple(warnings))
    except OSError as error:  # reading it; writing is reported by _finish
        return Result(label, Status.FAILED, f"{label}: {_reason(error)}", warnings=tuple(warnings))
    except Exception as error:  # a bug in reflow must not stop the batch: report it, go on
        from .bugreport import crash_report

        return Result(label, Status.FAILED, crash_report(label, error), warnings=tuple(warnings))


#: Text files at least this large are converted as they are read, in bounded memory
#: (smaller ones whole: a few per cent faster, and the memory is small anyway).
STREAM_SIZE = 1 << 20


def _streams(task: Task, job: Job, options: Options) -> bool:
    """Whether ``task`` is a large text file that ``_convert_streamed`` can take."""
    from .streamed import streamable

    if task.data is not None or job.diff or not streamable(options):
        return False
    if markdown_mode(options, task.label):
        return False
    try:
        info = os.stat(task.path)
    except OSError:
        return False  # the whole-file path reports it
    return stat.S_ISREG(info.st_mode) and info.st_size >= STREAM_SIZE


def _convert_streamed(task: Task, job: Job, options: Options, warnings: list[str]) -> Result | None:
    """``convert_file`` for a large text file, holding only a stretch of it at a time.

    The result goes to a temporary file as it is made (beside the target; for ``--check``,
    an unnamed one) while the words of input and output are compared; a changed result is
    converted again from that file (the second run must give it back byte for byte), and
    only then, if the input is still what was read, does it replace the target. None when
    the file needs the whole-file path instead: a legacy encoding, a difference in words or
    between the runs (the whole-file checks give the exact verdict and report it), or a
    second run in Markdown mode, or a target that refuses the write (said only if it changes).
    """
    import contextlib
    from itertools import chain

    from .safety import BlockCheck
    from .streamed import (
        NotStreamable,
        convert_stream,
        read_pieces,
        same_bytes,
        scratch_file,
    )
    from .writes import Stamp, new_digest, pending_replacement

    label, target = task.label, task.target
    refused = _link_refusal(task, tuple(warnings))
    if refused is not None:
        return refused
    in_place = target is None or target == task.path
    if target is not None and not in_place:
        with contextlib.suppress(FileNotFoundError):
            if not stat.S_ISREG(os.stat(target).st_mode):
                return None  # a device: written directly by the whole-file path
        target.parent.mkdir(parents=True, exist_ok=True)
    check = BlockCheck(options) if job.safe else None
    keep_encoding = job.output_encoding == "keep"
    with contextlib.ExitStack() as stack:
        handle = stack.enter_context(_open_regular(task.path))
        read_as = os.fstat(handle.fileno())
        read = new_digest()
        head = _head(handle, label, options.encoding)
        read.update(head)
        pending = None
        if target is not None:
            try:
                pending = stack.enter_context(pending_replacement(target))
            except OSError:
                return None  # refused (read-only, say): the whole-file path says so if it changed
            out: BinaryIO | None = pending.handle
        else:
            out = stack.enter_context(scratch_file()) if check is not None else None
        try:
            output = convert_stream(
                chain([head], read_pieces(handle, read)),
                out.write if out is not None else len,
                options,
                name=label,
                warn=warnings.append,
                keep_encoding=keep_encoding,
                line_ending=job.line_ending,
                check=check,
            )
        except NotStreamable:
            return None
        except UnicodeEncodeError as error:
            message = (
                f"{label}: not changed: the result has {error.object[error.start : error.end]!r}, "
                f"which {error.encoding} cannot hold (try --output-encoding utf-8)"
            )
            return Result(label, Status.FAILED, message, warnings=tuple(warnings))
        data_digest = read.digest()
        changed = output.size != read_as.st_size or output.digest != data_digest
        if changed and check is not None:
            if check.end() is not None:
                return None
            if options.to != "jsonl" and out is not None:
                # The second run reads the written file: same options, its name choosing the mode.
                name = (target or task.path).name
                if markdown_mode(options, name):
                    return None
                out.flush()
                again_from = (
                    stack.enter_context(open(pending.temp, "rb")) if pending is not None else out
                )
                again_from.seek(0)

                def run_again() -> tuple[int, bytes]:
                    again = convert_stream(
                        read_pieces(again_from),
                        len,
                        options,
                        name=name,
                        keep_encoding=keep_encoding,
                        line_ending=job.line_ending,
                    )
                    return again.size, again.digest

                try:
                    if second_run((output.size, output.digest), run_again) is not None:
                        return None
                except (NotStreamable, ReflowError, UnicodeError):
                    return None
        if in_place or target is None:
            unchanged = not changed
        else:  # --out-dir: unchanged if the output folder already holds the result
            unchanged = same_bytes(target, output.size, output.digest)
        dropped = 0 if unchanged or options.keep_duplicates else output.pull_quotes
        if not unchanged and pending is not None:
            stamp = Stamp.read(read_as, data_digest) if in_place else None
            try:
                pending.install(stamp)
            except OSError as error:
                message = f"{target}: {_reason(error)}"
                return Result(label, Status.FAILED, message, warnings=tuple(warnings))
    status = Status.UNCHANGED if unchanged else Status.CHANGED
    shown = "" if in_place else str(target)
    return Result(label, status, target=shown, warnings=tuple(warnings), dropped=dropped)


def _unsafe(
    conversion: Conversion, text: str, new: bytes, options: Options, task: Task, job: Job
) -> str | None:
    """Why writing ``new`` would be unsafe (a word lost, or not a fixed point), or None.

    A word lost is reported as the input's doing (its repairs can explain it); a result
    that a second run would change is reflow's bug, reported as one with a log.
    """
    label = task.label
    lost = check_conversion(conversion, options)
    if lost:
        return f"{label}: not changed: the result would lose words: {lost}"
    if options.to == "jsonl":  # JSON Lines is not read back as reflow input
        return None
    # The next run reads the written file: same options, its name choosing the mode.
    name = (task.target or task.path).name if task.data is None else task.label
    texts: list[str] = []

    def run_again() -> bytes:
        try:
            again = convert_bytes(new, options, name=name)
            texts.append(output_text(again, job))
            return encode_output(again, job)
        except (ReflowError, UnicodeError) as error:
            texts.append(f"(the second run failed: {error})\n")
            return b""

    if second_run(new, run_again) is None:
        return None
    again_text = texts[0]
    from .bugreport import write_log

    log = write_log(
        f"reflow produced unstable output on {label}: a second run changes the result",
        {
            "options": f"{options!r}\nline_ending={job.line_ending!r} "
            f"output_encoding={job.output_encoding!r} read as {name!r}",
            "first result -> second result": unified_diff(text, again_text, name),
            "input, as decoded": conversion.text,
        },
    )
    where = f" with the log {log}" if log else ""
    return (
        f"INTERNAL ERROR: reflow produced unstable output on {label}; the file is left as it "
        f"was. Please report this bug{where}"
    )


def _dropped(conversion: Conversion, options: Options) -> int:
    """How many repeated blocks the result leaves out."""
    if conversion.blocks is None or options.keep_duplicates:
        return 0
    return sum(1 for block in conversion.blocks if block.kind is Kind.PULL_QUOTE)


def _finish(
    task: Task,
    data: bytes,
    new: bytes,
    diff: str,
    warnings: tuple[str, ...],
    read_as: os.stat_result | None = None,
    dropped: int = 0,
) -> Result:
    """Write ``new`` where it goes if that changes anything, and say what happened.

    ``read_as`` is the input's status when it was read: rewritten in place, it must still be
    that file with those bytes.
    """
    label, target = task.label, task.target
    refused = _link_refusal(task, warnings)
    if refused is not None:
        return refused
    in_place = target is None or target == task.path
    old = data if in_place else _existing(target)  # type: ignore[arg-type]
    status = Status.UNCHANGED if new == old else Status.CHANGED
    if status is Status.CHANGED and target is not None:
        from .writes import Stamp, write_bytes  # not for --check

        stamp = Stamp.of(read_as, data) if in_place and read_as is not None else None
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_bytes(target, new, expected=stamp)
        except OSError as error:
            return Result(label, Status.FAILED, f"{target}: {_reason(error)}", warnings=warnings)
    shown = "" if in_place else str(target)
    dropped = dropped if status is Status.CHANGED else 0
    return Result(label, status, diff=diff, target=shown, warnings=warnings, dropped=dropped)


def _link_refusal(task: Task, warnings: tuple[str, ...]) -> Result | None:
    """A FAILED result when ``task``'s output would go through a symlink in its output folder."""
    target = task.target
    if task.out_dir is None or target is None:
        return None
    link = _link_inside(task.out_dir, target)
    if link is None:
        return None
    which = "it" if link == target else str(link)
    message = f"{target}: not written: {which} is a symlink inside the output folder"
    return Result(task.label, Status.FAILED, message, warnings=warnings)


def _link_inside(out_dir: Path, target: Path) -> Path | None:
    """The first symlink on the way from ``out_dir`` (itself not looked at) to ``target``.

    A tree copied into the output folder may hold links to anywhere: writing through one
    would put a result outside the folder, or overwrite a file there.
    """
    try:
        parts = target.relative_to(out_dir).parts
    except ValueError:  # not under it (a caller's own task): nothing of the folder to check
        return None
    step = out_dir
    for part in parts:
        step = step / part
        try:
            if stat.S_ISLNK(os.lstat(step).st_mode):
                return step
        except FileNotFoundError:  # nothing further exists yet: nothing further is a link
            return None
        except OSError:  # not looked at: the write reports it
            return None
    return None


def _existing(target: Path) -> bytes | None:
    """The bytes already at an output path; None if there are none to compare (or a device)."""
    try:
        if not stat.S_ISREG(os.stat(target).st_mode):
            return None
        return target.read_bytes()
    except OSError:
        return None


# --- Running many ----------------------------------------------------------------------------

_stop: Event | None = None


def _worker_start(stop: Event) -> None:
    """In each worker: Ctrl-C is the parent's to handle, and ``stop`` says when to give up."""
    import signal

    global _stop
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # SIGTERM (to the whole group, say) ends the run as Ctrl-C does: the file under way first.
    signal.signal(signal.SIGTERM, lambda _signum, _frame: stop.set())
    _stop = stop


def _convert_chunk(tasks: Sequence[Task], job: Job) -> list[Result]:
    results = []
    for task in tasks:
        if _stop is not None and _stop.is_set():
            break  # interrupted: leave the rest alone
        results.append(convert_file(task, job))
    return results


def _chunk_size(tasks: int, jobs: int) -> int:
    """Files per chunk: small enough that the workers end together, at most 16."""
    return max(1, min(16, tasks // (jobs * 8)))


def run(tasks: Sequence[Task], job: Job, *, jobs: int = 1) -> Iterator[Result]:
    """Convert ``tasks`` and yield their results in the order of ``tasks``.

    With ``jobs > 1`` and more than one task, files go to that many worker
    processes in small chunks. Close the iterator (or let it end) to stop: on
    Ctrl-C in the caller, workers finish the file they are on (files are written
    whole or not at all) and start no other.
    """
    if jobs <= 1 or len(tasks) <= 1:
        for task in tasks:
            yield convert_file(task, job)
        return
    yield from _run_pool(tasks, job, jobs)


class WorkerDied(ReflowError):
    """A worker process ended before it sent the results of the files it was given."""


def _run_pool(tasks: Sequence[Task], job: Job, jobs: int) -> Iterator[Result]:
    """``run`` with a process pool: chunks of files pickled to the workers, results back.

    On Linux the workers are forked (the default before Python 3.14), so each starts with what
    this process has loaded; elsewhere the platform's default starts them. A hand-written pool
    (forked workers sent index ranges on pipes, results marshalled back) saved 25 to 40 ms a
    run and nothing on a large one: not enough to keep it (docs/performance.md).
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    if context.get_start_method() == "fork":
        # What the workers will need is loaded once, here, rather than by each of them.
        if job.diff:
            import difflib  # noqa: F401
        if any(task.target is not None for task in tasks):
            from . import writes  # noqa: F401
    size = _chunk_size(len(tasks), jobs)
    chunks = [tasks[i : i + size] for i in range(0, len(tasks), size)]
    stop = context.Event()
    workers = min(jobs, len(chunks))
    executor = ProcessPoolExecutor(
        workers, mp_context=context, initializer=_worker_start, initargs=(stop,)
    )
    try:
        futures = [executor.submit(_convert_chunk, chunk, job) for chunk in chunks]
        for future in futures:
            try:
                results = future.result()
            except BrokenProcessPool:
                message = "a worker process ended unexpectedly"
                raise WorkerDied(message) from None
            yield from results
    except BaseException:
        stop.set()
        executor.shutdown(wait=True, cancel_futures=True)
        raise
    executor.shutdown(wait=True)


# --- Reporting -----------------------------------------------------------------------------


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
