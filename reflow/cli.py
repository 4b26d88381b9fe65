"""The ``reflow`` command: a thin click shell over the library."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import signal
import sys
from collections.abc import Callable, Iterator, Mapping
from typing import IO, TYPE_CHECKING, Any, BinaryIO, cast

import click
from click.core import ParameterSource

from . import __version__
from .dialect_names import DIALECTS
from .errors import InputError, OptionsError, ReflowError
from .versions import installed_versions

#: ``options.MAX_WIDTH``, restated: importing options here would load the decoder for --version.
MAX_WIDTH = 10_000

if TYPE_CHECKING:  # batch loads only for -i, --out-dir, --check and --diff (~13 ms)
    from pathlib import Path  # ~4 ms: loaded only where a path object is needed

    from .batch import Job, Result, Task
    from .model import Note
    from .options import Options

EXIT_OK = 0
EXIT_CHANGED = 1
EXIT_USAGE = 2
EXIT_INPUT_FAILED = 123
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141
EXIT_TERMINATED = 143  # 128 + SIGTERM, as a shell reports a process that a kill ended

#: Wider than any screen or page; larger values only risk overflowing compiled arithmetic.
#: More worker processes than any machine reflow runs on has cores.
MAX_JOBS = 1024

#: batch.REWRITE_INCLUDE and CONVERT_INCLUDE for the help text, without loading batch;
#: tests/test_cli.py checks them.
DEFAULT_INCLUDE_HELP = "*.md, *.markdown, *.mdx; with --out-dir also *.txt"


def _versions() -> str:
    from . import compiled_modules

    compiled = len(compiled_modules())
    parts = [
        f"reflow {__version__} ({compiled} modules compiled)"
        if compiled
        else f"reflow {__version__} (pure Python)"
    ]
    for name, found in installed_versions(("ftfy", "chardet", "click")).items():
        parts.append(f"{name} {found}" if found is not None else f"{name} (not installed)")
    parts.append(f"Python {sys.version.split()[0]}")
    return ", ".join(parts)


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(_versions())
        ctx.exit(0)


#: --color (True) or --no-color (False); None lets the terminal and environment decide.
_colour_choice: bool | None = None


def _dumb(environ: Mapping[str, str]) -> bool:
    return environ.get("TERM") == "dumb"  # Emacs' shell, some CI logs: no escape sequences


def colour_allowed(
    stream: IO[Any] | None, environ: Mapping[str, str] = os.environ, choice: bool | None = None
) -> bool:
    """Colour as ``--color``/``--no-color`` say; else only on a terminal that is not dumb, and
    never when ``NO_COLOR`` is set (no-color.org: a command-line option overrides it).

    ``stream`` is None where its descriptor was closed (``reflow FILE 2>&-``): Python then
    sets ``sys.stderr`` (or ``sys.stdout``) to None, and click writes nothing to it."""
    choice = _colour_choice if choice is None else choice
    if choice is not None:
        return choice
    return (
        not environ.get("NO_COLOR")
        and not _dumb(environ)
        and stream is not None
        and stream.isatty()
    )


def want_progress(stream: IO[Any] | None, environ: Mapping[str, str] = os.environ) -> bool:
    """A progress bar only on a terminal that is not dumb, never under CI or pre-commit."""
    return (
        stream is not None
        and stream.isatty()
        and not _dumb(environ)
        and not environ.get("CI")
        and not environ.get("PRE_COMMIT")  # pre-commit runs hooks on a pty
    )


#: What must not reach a terminal raw from a file name (or anything quoted in a message):
#: control characters (escape sequences, newlines), line and paragraph separators, bidi
#: overrides, and lone surrogates (bytes of a name that were not UTF-8).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the byte that was not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` as one line that is safe on a terminal: the characters above written as
    Python escapes (``\\x1b``, ``\\n``), as repr() would, and the rest as they are."""
    return _UNPRINTABLE.sub(_escape, text)


class _Console:
    """Where messages go: stderr, at the chosen verbosity, clear of a progress bar."""

    def __init__(self, verbosity: int) -> None:
        self.verbosity = verbosity
        self.colour = colour_allowed(sys.stderr)
        self.bar_shown = False

    def _echo(self, text: str, colour: str | None = None) -> None:
        text = printable(text)
        if self.bar_shown:
            text = "\r\x1b[2K" + text  # wipe the bar's line; it redraws on its next step
        if colour and self.colour:
            text = click.style(text, fg=colour)
        click.echo(text, err=True, color=self.colour)

    def error(self, message: str) -> None:
        self._echo(f"reflow: error: {message}", "red")

    def warn(self, message: str) -> None:
        if self.verbosity >= 0:
            self._echo(f"reflow: warning: {message}", "yellow")

    def info(self, message: str, level: int = 0) -> None:
        if self.verbosity >= level:
            self._echo(message)


def _explainer(name: str) -> Callable[[Note], None]:
    def on_note(note: Note) -> None:
        click.echo(printable(f"reflow: explain: {name}: {note}"), err=True)

    return on_note


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised where it lands so that it ends the run as Ctrl-C does."""


class _Interrupted(Exception):
    """Ctrl-C or SIGTERM, caught inside the command (click would print a blank line for it)."""

    def __init__(self, stop: KeyboardInterrupt) -> None:
        super().__init__()
        self.terminated = isinstance(stop, _Terminated)


def _raise_terminated(_signum: int, _frame: object) -> None:
    raise _Terminated


class _Tagged:
    """The output of one input under ``--to jsonl``: each line gets the input's name first."""

    def __init__(self, out: BinaryIO, source: str) -> None:
        from json.encoder import encode_basestring, encode_basestring_ascii

        try:
            quoted = encode_basestring(source).encode("utf-8")
        except UnicodeEncodeError:  # bytes of the name that were not UTF-8: JSON escapes
            quoted = encode_basestring_ascii(source).encode("ascii")
        self.out = out
        self.head = b'{"source": ' + quoted + b", "
        self.line_start = True

    def write(self, data: bytes) -> int:
        if not data:
            return 0
        # JSON strings escape their newlines: every newline ends a record.
        tagged = data.replace(b"\n{", b"\n" + self.head)
        if self.line_start and tagged.startswith(b"{"):
            tagged = self.head + tagged[1:]
        self.line_start = data.endswith(b"\n")
        self.out.write(tagged)
        return len(data)

    def flush(self) -> None:
        self.out.flush()


class _Incomplete(Exception):
    """An input failed: the -o file is not replaced by an output that lacks it."""


class _OutputFailed(Exception):
    """Writing the output (stdout or -o) failed: every further input would fail the same way."""

    def __init__(self, name: str, error: OSError) -> None:
        super().__init__(f"{name}: {(error.strerror or str(error)).lower()}")


class _Sink:
    """The output stream, telling a failed write (a full disk) apart from a failed read."""

    def __init__(self, raw: BinaryIO, name: str) -> None:
        self.raw, self.name = raw, name

    def write(self, data: bytes) -> int:
        try:
            return self.raw.write(data)
        except BrokenPipeError:
            raise
        except OSError as error:
            raise _OutputFailed(self.name, error) from None

    def flush(self) -> None:
        try:
            self.raw.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise _OutputFailed(self.name, error) from None


def _stdout() -> BinaryIO:
    """Standard output as bytes; ``_OutputFailed`` when fd 1 was closed (``reflow FILE >&-``),
    which Python shows as ``sys.stdout`` None: the output has nowhere to go."""
    if sys.stdout is None:
        raise _OutputFailed("<stdout>", OSError(errno.EBADF, "standard output is closed"))
    return sys.stdout.buffer


def _stdin() -> BinaryIO:
    """Standard input as bytes; Python sets ``sys.stdin`` to None when fd 0 was closed."""
    if sys.stdin is None:
        raise InputError("<stdin>: standard input is closed")
    return sys.stdin.buffer


def _sniffed(infile: BinaryIO, options: Options) -> Options:
    """Unnamed stdin that plainly is a Markdown file (``cat post.md | reflow -``: front
    matter first) goes through Markdown mode, as the file would: read as text, its front
    matter, tables, lists and code would be joined.
    Only what the first read brought is looked at, so a slow pipe is not waited on."""
    from .api import SNIFF_SIZE, looks_like_markdown

    peek = getattr(infile, "peek", None)
    if peek is not None:
        head = peek(SNIFF_SIZE)[:SNIFF_SIZE]
    elif infile.seekable():
        start = infile.tell()
        head = infile.read(SNIFF_SIZE)
        infile.seek(start)
    else:
        return options
    sample = head.decode("utf-8", errors="replace")
    return options.replace(source="markdown") if looks_like_markdown(sample) else options


def _convert(path: str, out: BinaryIO, options: Options, stdin_name: str | None) -> None:
    """One input to ``out``; raises for this input only."""
    from .api import stream  # the whole pipeline: not loaded for --version or --help

    on_note = _explainer(path) if options.explain else None
    say = _Console(0).warn
    source = stdin_name if path == "-" else path
    if options.to == "jsonl" and source:  # several inputs must say which block is whose
        out = cast(BinaryIO, _Tagged(out, source))
    if path == "-":
        infile = _stdin()
        if stdin_name is None and options.source == "auto" and options.to == "markdown":
            options = _sniffed(infile, options)
        stream(infile, out, options, name=stdin_name or "<stdin>", warn=say, on_note=on_note)
        return
    with open(path, "rb") as infile:
        stream(infile, out, options, name=path, warn=say, on_note=on_note)


def _to_stdout(inputs: list[str], out: BinaryIO, options: Options, stdin_name: str | None) -> int:
    """The filter mode (``reflow FILE...``): each input in turn; returns how many failed."""
    failed = 0
    console = _Console(0)
    for path in inputs:
        try:
            _convert(path, out, options, stdin_name)
        except (_OutputFailed, BrokenPipeError):
            raise
        except (ReflowError, OSError) as error:
            failed += 1
            console.error(_describe(path, error))
        except Exception as error:  # a bug must not become a traceback
            from .bugreport import crash_report

            failed += 1
            console.error(crash_report(path, error))
    return failed


def _describe(path: str, error: Exception) -> str:
    if isinstance(error, OSError) and not isinstance(error, ReflowError):
        return f"{path}: {(error.strerror or str(error)).lower()}"
    return str(error)


def _detach_stdout() -> None:
    """Point stdout at /dev/null, so Python's flush at exit cannot fail a second time."""
    if sys.stdout is None:  # closed from the start: nothing to flush
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _quiet_broken_pipe() -> None:
    """The reader went away (``reflow big.txt | head``): stop quietly, as cat does."""
    _detach_stdout()
    sys.exit(EXIT_BROKEN_PIPE)


def _apply_config(ctx: click.Context, params: dict[str, Any], console: _Console) -> set[str]:
    """Fill every option not given on the command line from the project's config file.

    Returns the names of the options the file set.
    """
    from .config import KEYS, UNTRUSTED, ConfigError, find_config, load_config

    given = params["config"]
    if given:
        from pathlib import Path

        path: Path | None = Path(given)
    else:
        stdin_name = params["stdin_filename"]
        # stdin named by --stdin-filename is looked up from where that file would be.
        paths = [stdin_name if p == "-" and stdin_name else p for p in params["paths"] or ["-"]]
        path = find_config(paths)
    if path is None:
        return set()
    console.info(f"reflow: using {path}", level=1)
    by_name = {p.name: p for p in ctx.command.params}
    applied: set[str] = set()
    for name, value in load_config(path).items():
        if ctx.get_parameter_source(name) not in (ParameterSource.DEFAULT, None):
            continue  # the command line (or the environment) wins
        if name in UNTRUSTED and value != by_name[name].default:
            key = next(k for k, (n, _t) in KEYS.items() if n == name)
            console.warn(f"{path}: {key!r} is ignored: {UNTRUSTED[name]}")
            continue
        if name == "jobs" and isinstance(value, int) and not isinstance(value, bool):
            value = min(value, _cores())  # a repository cannot ask for more than the machine
        try:
            params[name] = by_name[name].type_cast_value(ctx, value)
        except click.BadParameter as error:
            key = next(k for k, (n, _t) in KEYS.items() if n == name)
            message = f"{path}: {key!r}: {error.message}"
            raise ConfigError(message) from None
        applied.add(name)
    return applied


def _options(params: dict[str, Any]) -> Options:
    from .options import Options

    return Options(
        to=params["to"],
        source=params["source"],
        width=params["width"],
        wrap=params["wrap"],
        encoding=params["encoding"],
        repair=not params["no_repair"],
        dehyphenate=not params["no_dehyphenate"],
        keep_duplicates=params["keep_duplicates"],
        drop_repeats=params["drop_repeats"],
        body_only=params["body_only"],
        explain=params["explain"],
        dialect=params["dialect"],
    )


def _show_dialect(params: dict[str, Any], options: Options, console: _Console) -> None:
    """Say which Markdown dialect applies (for -v): the chosen one, or the first path's.

    Nothing is said when none was chosen or found: plain CommonMark is no news.
    """
    from .dialects import detect_dialect

    if options.dialect != "auto":
        dialect, why = options.dialect, "chosen"
    else:
        first = next((p for p in params["paths"] if p != "-"), params["stdin_filename"])
        dialect, why = detect_dialect(first)
        if why == "default":
            return
    console.info(f"reflow: Markdown dialect {dialect} ({why})", level=1)


def _mode(params: dict[str, Any]) -> str:
    """Which of stdout, in-place, out-dir or check (--check/--diff) was asked for."""
    chosen = [
        name
        for name, on in (
            ("-i", params["in_place"]),
            ("--out-dir", params["out_dir"] is not None),
            ("--check/--diff", params["check"] or params["diff"]),
            ("-o", params["output"] is not None),
        )
        if on
    ]
    if len(chosen) > 1:
        raise click.UsageError(f"{' and '.join(chosen)} cannot be used together")
    mode = {"-i": "in-place", "--out-dir": "out-dir", "--check/--diff": "check", "-o": "stdout"}
    return mode[chosen[0]] if chosen else "stdout"


class _WrapStyle(click.ParamType):
    """``--wrap``: a style name (checked by Options) or a width, bounded as ``--width`` is."""

    name = "wrap"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value).strip()
        if text.isdigit() and int(text) > MAX_WIDTH:
            self.fail(f"{text} is not in the range 0<=x<={MAX_WIDTH}", param, ctx)
        return text


CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.command(context_settings=CONTEXT)
# Not readable=True: an unreadable file is that file's failure (123), not a usage error.
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True, readable=False, path_type=str))
@click.option(
    "-i", "--in-place", is_flag=True, help="Rewrite files in place (only those that change)."
)
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=str),
    help="Write the results under DIR, mirroring the input folders; the inputs stay as they are.",
)
@click.option(
    "--check", is_flag=True, help="Write nothing; list the files that would change, exit 1 if any."
)
@click.option(
    "--diff",
    is_flag=True,
    help="Write nothing; print a unified diff of each change, exit 1 if any.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Write to this file instead of stdout (atomically).",
)
@click.option(
    "--to",
    type=click.Choice(["markdown", "text", "jsonl"]),
    default="markdown",
    show_default=True,
    help="Output format. Without it, -i/--out-dir/--check/--diff keep each file's kind.",
)
@click.option(
    "--from",
    "source",
    type=click.Choice(["auto", "text", "markdown"]),
    default="auto",
    show_default=True,
    help=(
        "Input format; auto means Markdown for .md/.markdown/.mdx/.qmd/.Rmd files, and for"
        " unnamed stdin that opens with front matter."
    ),
)
@click.option(
    "--dialect",
    type=click.Choice(["auto", *DIALECTS]),
    default="auto",
    show_default=True,
    help="Markdown dialect; auto detects it from the file's suffix and repository.",
)
@click.option(
    "--stdin-filename", help="File name to assume for stdin (chooses Markdown mode for .md)."
)
@click.option(
    "-w",
    "--width",
    type=click.IntRange(min=0, max=MAX_WIDTH),
    default=0,
    show_default=True,
    help="Re-wrap paragraphs at N display columns; 0 writes one line per paragraph.",
)
@click.option(
    "--wrap",
    metavar="no|N|keep|sentence|auto",
    type=_WrapStyle(),
    default="no",
    show_default=True,
    help="Line style: one line per paragraph, wrapped at N columns (-w N), line breaks as "
    "written, one sentence per line, or each file's own (only paragraphs out of it change).",
)
@click.option("--encoding", help="Input encoding (default: BOM, else UTF-8, else detected).")
@click.option(
    "--keep-duplicates",
    is_flag=True,
    help="Keep pull quotes and other blocks that repeat a body paragraph.",
)
@click.option(
    "--drop-repeats",
    is_flag=True,
    help="Drop every paragraph that repeats an earlier one, not only copies out of the flow.",
)
@click.option("--body-only", is_flag=True, help="Write only the title, headings and body text.")
@click.option("--no-repair", is_flag=True, help="Do not repair mojibake or control characters.")
@click.option("--no-dehyphenate", is_flag=True, help="Keep every end-of-line hyphen.")
@click.option(
    "--explain", is_flag=True, help="Report every decision that changed the text on stderr."
)
@click.option(
    "--include",
    multiple=True,
    metavar="GLOB",
    help=f"Files a folder contributes (repeatable) [default: {DEFAULT_INCLUDE_HELP}].",
)
@click.option(
    "--exclude",
    multiple=True,
    metavar="GLOB",
    help="Leave out matching files and folders (repeatable).",
)
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Apply --include, --exclude and .gitignore to files named directly too.",
)
@click.option(
    "--respect-gitignore/--no-respect-gitignore",
    default=True,
    show_default=True,
    help="Leave out files that .gitignore ignores.",
)
@click.option(
    "--line-ending",
    type=click.Choice(["keep", "lf", "crlf"]),
    default="keep",
    show_default=True,
    help="Line endings of written files; keep means each file's own.",
)
@click.option(
    "--output-encoding",
    type=click.Choice(["keep", "utf-8"]),
    default="keep",
    show_default=True,
    help="Encoding of written files; keep means each file's own (and its BOM).",
)
@click.option(
    "--fast/--safe",
    default=False,
    show_default=True,
    envvar="REFLOW_FAST",
    show_envvar=True,
    help="--fast skips the check that no word is lost and a second run changes nothing.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1, max=MAX_JOBS),
    help="Worker processes [default: all cores].",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    envvar="REFLOW_SCHEDULER",
    show_envvar=True,
    help="Convert on this Dask scheduler (tcp://host:8786) instead of local processes; "
    "needs reflow[dask], and the files where every worker sees them.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@click.option("-v", "--verbose", count=True, help="Also list unchanged and skipped files.")
@click.option(
    "--color/--no-color",
    "colour",
    default=None,
    help="Colour messages and diffs [default: on a terminal, unless NO_COLOR is set or TERM=dumb].",
)
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=str),
    help="Read settings from this file instead of searching for pyproject.toml/.reflow.toml.",
)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show the versions of reflow, ftfy, chardet and Python.",
)
def command(**params: Any) -> None:
    """Turn messy, hard-wrapped text into clean Markdown or plain text.

    Reads PATHS (or stdin when none or "-") and writes the result to stdout. With -i,
    --out-dir, --check or --diff, PATHS may be folders.
    """
    global _colour_choice
    _colour_choice = params["colour"]
    ctx = click.get_current_context()
    console = _Console(-1 if params["quiet"] else params["verbose"])
    try:
        from_config = _apply_config(ctx, params, console)
        options = _options(params)
    except OptionsError as error:
        raise click.UsageError(str(error)) from None
    if console.verbosity >= 1 and options.to == "markdown" and options.source != "text":
        _show_dialect(params, options, console)
    mode = _mode(params)
    paths: list[str] = list(params["paths"])
    _check_paths_exist(paths)
    if not paths and mode in ("stdout", "check") and sys.stdin is not None and sys.stdin.isatty():
        raise click.UsageError("no PATHS given and stdin is a terminal: name files or pipe text in")
    if mode == "stdout":
        try:
            _run_stdout(paths or ["-"], params, options)
        except KeyboardInterrupt as stop:
            raise _Interrupted(stop) from None
        return
    explicit_to = (
        "to" in from_config or ctx.get_parameter_source("to") is ParameterSource.COMMANDLINE
    )
    if explicit_to and options.to == "jsonl" and mode != "out-dir":
        raise click.UsageError(
            "--to jsonl writes a new kind of file: use it with --out-dir or stdout"
        )
    if not paths and mode == "check":
        paths = ["-"]
    if not paths:
        raise click.UsageError(
            f"{'-i' if mode == 'in-place' else '--out-dir'} needs PATHS (files or folders)"
        )
    if "-" in paths and mode != "check":
        raise click.UsageError(
            "stdin cannot be written in place: leave out -i/--out-dir to filter it"
        )
    from .batch import Job

    job = Job(
        options=options,
        explicit_to=explicit_to,
        diff=params["diff"],
        safe=not params["fast"],
        line_ending=params["line_ending"],
        output_encoding=params["output_encoding"],
    )
    try:
        code = _run_batch(paths, params, job, mode, console)
    except KeyboardInterrupt as stop:  # click would print a blank line for KeyboardInterrupt
        raise _Interrupted(stop) from None
    except BrokenPipeError:  # --diff's reader went away; click would exit 1 ("would change")
        _quiet_broken_pipe()
    sys.exit(code)


def _check_paths_exist(paths: list[str]) -> None:
    """A path that does not exist is a usage error, found before any work (as black's).

    One that exists but cannot be looked at (a folder above it is closed) is that file's
    failure, reported in its turn while the others are processed.
    """
    for path in paths:
        if path == "":
            raise click.UsageError("an empty path names no file or folder")
        if path == "-":
            continue
        try:
            os.stat(path)  # follows links: a dangling symlink counts as missing
        except (FileNotFoundError, NotADirectoryError):
            raise click.UsageError(f"{path}: no such file or directory") from None
        except (OSError, ValueError):
            pass


def _run_stdout(inputs: list[str], params: dict[str, Any], options: Options) -> None:
    folders = [path for path in inputs if path != "-" and os.path.isdir(path)]
    if folders:
        message = (
            f"{folders[0]} is a folder: add -i, --out-dir DIR, --check or --diff to process folders"
        )
        raise click.UsageError(message)
    output, stdin_name = params["output"], params["stdin_filename"]
    try:
        if output and output != "-":
            from pathlib import Path

            from .writes import atomic_writer

            with contextlib.suppress(_Incomplete), atomic_writer(Path(output)) as handle:
                sink = _Sink(handle, output)
                failed = _to_stdout(inputs, cast(BinaryIO, sink), options, stdin_name)
                sink.flush()
                if failed:  # leave the old file rather than put an incomplete one in its place
                    _Console(0).error(f"{output}: not written, as an input failed")
                    raise _Incomplete
        else:
            sink = _Sink(_stdout(), "<stdout>")
            failed = _to_stdout(inputs, cast(BinaryIO, sink), options, stdin_name)
            sink.flush()
    except BrokenPipeError:
        _quiet_broken_pipe()
    except (_OutputFailed, OSError) as error:
        to_file = bool(output and output != "-")
        name = output if to_file else "<stdout>"
        text = str(error) if isinstance(error, _OutputFailed) else _describe(name, error)
        _Console(0).error(text)
        if not to_file:
            _detach_stdout()
        sys.exit(EXIT_INPUT_FAILED)
    if failed:
        sys.exit(EXIT_INPUT_FAILED)


def _tasks(
    paths: list[str], params: dict[str, Any], job: Job, mode: str, console: _Console
) -> tuple[list[Task], list[Result]]:
    """What to convert, in order, and what is refused up front (closed stdin, a target twice)."""
    from pathlib import Path

    from .batch import (
        CONVERT_INCLUDE,
        REWRITE_INCLUDE,
        Result,
        Selection,
        Status,
        Task,
        find_files,
        out_dir_overlap,
        plan_tasks,
    )

    default_include = CONVERT_INCLUDE if mode == "out-dir" else REWRITE_INCLUDE
    selection = Selection(
        include=tuple(params["include"]) or default_include,
        exclude=tuple(params["exclude"]),
        respect_gitignore=params["respect_gitignore"],
        force_exclude=params["force_exclude"],
    )
    out_dir = Path(params["out_dir"]) if params["out_dir"] is not None else None
    overlap = out_dir_overlap(paths, out_dir) if out_dir is not None else None
    if overlap:
        raise click.UsageError(overlap)
    tasks: list[Task] = []
    refused: list[Result] = []
    if "-" in paths:
        name = params["stdin_filename"] or "<stdin>"
        try:
            tasks.append(Task(Path("-"), data=_stdin().read(), name=name, named=True))
        except InputError as error:
            refused.append(Result(name, Status.FAILED, str(error)))

    def skipped(path: str, why: str) -> None:
        console.info(f"skipped {path}: {why}", level=1)

    found = find_files([p for p in paths if p != "-"], selection, avoid=out_dir, on_skip=skipped)
    planned, refused_early = plan_tasks(
        found,
        out_dir=out_dir,
        to=job.options.to if job.explicit_to else None,
        write_back=mode != "check",
    )
    from dataclasses import replace

    files = {Path(p) for p in paths if p != "-" and not os.path.isdir(p)}
    planned = [replace(task, named=True) if task.path in files else task for task in planned]
    return tasks + planned, refused + refused_early


def _run_batch(
    paths: list[str], params: dict[str, Any], job: Job, mode: str, console: _Console
) -> int:
    """-i, --out-dir, --check and --diff: each file converted safely, a summary at the end."""
    from .batch import Status, Tally, run

    if params["scheduler"]:
        try:
            from .integrations.dask import run_on_cluster
        except ImportError as error:
            raise click.UsageError(f"--scheduler: {error}") from None
    tasks, refused = _tasks(paths, params, job, mode, console)
    tally = Tally()
    verb = {"in-place": "reformatted", "check": "would reformat", "out-dir": "wrote"}[mode]
    for result in refused:
        tally.add(result)
        _report(result, verb, console)
    if params["scheduler"]:
        results = run_on_cluster(tasks, job, client=params["scheduler"])
    else:
        results = run(tasks, job, jobs=params["jobs"] or _cores())
    try:
        with contextlib.closing(results), _progress(len(tasks), console) as step:
            for result in results:
                # A signal waits until the file is both counted and reported, so that the
                # summary printed on an interrupt counts the lines printed before it.
                with _signals_held():
                    tally.add(result)
                    _report(result, verb, console)
                step()
    except KeyboardInterrupt:
        # What was done before the interrupt ("no files to reflow" would be untrue if none was).
        if console.verbosity >= 0 and any(tally.counts.values()):
            console.info(tally.summary(mode))  # type: ignore[arg-type]
        raise
    if console.verbosity >= 0:
        console.info(tally.summary(mode))  # type: ignore[arg-type]
    if tally[Status.FAILED]:
        return EXIT_INPUT_FAILED
    if mode == "check" and tally[Status.CHANGED]:
        return EXIT_CHANGED
    return EXIT_OK


_HELD_SIGNALS = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM held back for the block's length (delivered as it ends)."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no masks
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _cores() -> int:
    """The cores this process may use (fewer than the machine's under a CPU affinity mask)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


@contextlib.contextmanager
def _progress(total: int, console: _Console) -> Iterator[Callable[[], None]]:
    if total < 2 or console.verbosity < 0 or not want_progress(sys.stderr):
        yield lambda: None
        return
    with click.progressbar(length=total, file=sys.stderr, label="reflow", show_pos=True) as bar:
        console.bar_shown = True
        try:
            yield lambda: bar.update(1)
        finally:
            console.bar_shown = False


def _report(result: Result, verb: str, console: _Console) -> None:
    from .batch import Status

    for warning in result.warnings:
        console.warn(warning)
    if result.status is Status.FAILED:
        console.error(result.message)
    elif result.status is Status.SKIPPED:
        console.warn(result.message)
    elif result.status is Status.CHANGED:
        if result.diff:
            colour = colour_allowed(sys.stdout)
            try:
                if sys.stdout is None:  # closed: the diff asked for cannot be shown
                    raise OSError(errno.EBADF, "standard output is closed")
                if colour:
                    click.echo(_coloured_diff(result.diff), nl=False, color=True)
                else:  # as it is: click.echo would strip escape sequences the file holds
                    sys.stdout.write(result.diff)
                sys.stdout.flush()
            except BrokenPipeError:
                raise
            except OSError as error:
                raise _OutputFailed("<stdout>", error) from None
        shown = f"{result.label} -> {result.target}" if result.target else result.label
        if result.dropped:
            plural = "s" if result.dropped != 1 else ""
            shown += f" ({result.dropped} repeated block{plural} dropped)"
        console.info(f"{verb} {shown}")
    else:
        console.info(f"unchanged {result.label}", level=1)


def _coloured_diff(diff: str) -> str:
    colours = {"+": "green", "-": "red", "@": "cyan"}
    lines = []
    for line in diff.splitlines(keepends=True):
        colour = None if line.startswith(("+++", "---")) else colours.get(line[:1])
        lines.append(click.style(line, fg=colour) if colour else line)
    return "".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the command, mapping errors, interrupts and closed pipes to exit codes."""
    global _colour_choice
    _colour_choice = None
    try:
        previous = signal.signal(signal.SIGTERM, _raise_terminated)
    except ValueError:  # not the main thread (reflow called from a thread): leave it be
        previous = None
    try:
        _main(argv)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _main(argv: list[str] | None) -> None:
    try:
        command.main(args=argv, prog_name="reflow", standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.ClickException as error:  # one line, not click's usage block
        hint = " (see reflow --help)" if isinstance(error, click.UsageError) else ""
        _Console(0).error(f"{error.format_message()}{hint}")
        sys.exit(EXIT_USAGE if isinstance(error, click.UsageError) else error.exit_code)
    except (click.exceptions.Abort, KeyboardInterrupt, _Interrupted) as stop:
        terminated = (
            stop.terminated
            if isinstance(stop, _Interrupted)
            else isinstance(stop, _Terminated) or isinstance(stop.__context__, _Terminated)
        )
        click.echo(f"reflow: {'terminated' if terminated else 'interrupted'}", err=True)
        sys.exit(EXIT_TERMINATED if terminated else EXIT_INTERRUPTED)
    except BrokenPipeError:
        _quiet_broken_pipe()
    except _OutputFailed as error:  # a full disk under --diff's output
        _Console(0).error(str(error))
        _detach_stdout()
        sys.exit(EXIT_INPUT_FAILED)
    except ReflowError as error:
        _Console(0).error(str(error))
        sys.exit(EXIT_INPUT_FAILED)
