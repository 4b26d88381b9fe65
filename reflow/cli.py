"""The ``reflow`` command: a thin click shell over the library."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import click

from . import __version__
from .api import stream
from .errors import InputError, OptionsError, ReflowError
from .model import Note
from .options import Options
from .writes import atomic_writer

EXIT_OK = 0
EXIT_CHANGED = 1
EXIT_USAGE = 2
EXIT_INPUT_FAILED = 123
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141


def _versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    parts = [f"reflow {__version__}"]
    for name in ("ftfy", "chardet", "click"):
        try:
            parts.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            parts.append(f"{name} (not installed)")
    parts.append(f"Python {sys.version.split()[0]}")
    return ", ".join(parts)


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(_versions())
        ctx.exit(0)


def _say(message: str) -> None:
    click.echo(f"reflow: {message}", err=True)


def _explainer(name: str) -> Callable[[Note], None]:
    def on_note(note: Note) -> None:
        click.echo(f"reflow: explain: {name}: {note}", err=True)

    return on_note


def _convert(path: str, out: BinaryIO, options: Options) -> None:
    """One input to ``out``; raises InputError or OSError for this input only."""
    on_note = _explainer(path) if options.explain else None
    if path == "-":
        name = options_name = "<stdin>"
        stdin_name = click.get_current_context().params.get("stdin_filename")
        if stdin_name:
            options_name = stdin_name
        stream(sys.stdin.buffer, out, options, name=options_name, warn=_say, on_note=on_note)
        del name
        return
    if os.path.isdir(path):
        message = f"{path}: is a folder (use -i, --out-dir, --check or --diff for folders)"
        raise InputError(message)
    with open(path, "rb") as infile:
        stream(infile, out, options, name=path, warn=_say, on_note=on_note)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True, path_type=str))
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), help="Write to this file instead of stdout (atomically).")
@click.option("--to", "to", type=click.Choice(["markdown", "text", "jsonl"]), default="markdown", show_default=True, help="Output format.")
@click.option("--from", "source", type=click.Choice(["auto", "text", "markdown"]), default="auto", show_default=True, help="Input format; auto means Markdown for .md/.markdown files.")
@click.option("--stdin-filename", help="File name to assume for stdin (chooses Markdown mode for .md).")
@click.option("-w", "--width", type=click.IntRange(min=0), default=0, show_default=True, help="Re-wrap paragraphs at N display columns; 0 writes one line per paragraph.")
@click.option("--encoding", help="Input encoding (default: BOM, else UTF-8, else detected).")
@click.option("--keep-duplicates", is_flag=True, help="Keep pull quotes and other blocks that repeat a body paragraph.")
@click.option("--body-only", is_flag=True, help="Write only the title, headings and body text.")
@click.option("--no-repair", is_flag=True, help="Do not repair mojibake or control characters.")
@click.option("--no-dehyphenate", is_flag=True, help="Keep every end-of-line hyphen.")
@click.option("--explain", is_flag=True, help="Report every decision that changed the text on stderr.")
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version, help="Show the versions of reflow, ftfy, chardet and Python.")
def command(paths: tuple[str, ...], output: str | None, to: str, source: str, stdin_filename: str | None, width: int, encoding: str | None, keep_duplicates: bool, body_only: bool, no_repair: bool, no_dehyphenate: bool, explain: bool) -> None:
    """Turn messy, hard-wrapped text into clean Markdown or plain text.

    Reads PATHS (or stdin when none or "-") and writes the result to stdout.
    """
    try:
        options = Options(
            to=to,  # type: ignore[arg-type]
            source=source,  # type: ignore[arg-type]
            width=width,
            encoding=encoding,
            repair=not no_repair,
            dehyphenate=not no_dehyphenate,
            keep_duplicates=keep_duplicates,
            body_only=body_only,
            explain=explain,
        )
    except OptionsError as error:
        raise click.UsageError(str(error)) from None
    inputs = list(paths) or ["-"]
    failed = 0
    if output and output != "-":
        with atomic_writer(Path(output)) as out:
            failed = _run_all(inputs, out, options)
    else:
        try:
            failed = _run_all(inputs, sys.stdout.buffer, options)
        except BrokenPipeError:
            _quiet_broken_pipe()
    if failed:
        sys.exit(EXIT_INPUT_FAILED)


def _run_all(inputs: list[str], out: BinaryIO, options: Options) -> int:
    failed = 0
    for path in inputs:
        try:
            _convert(path, out, options)
        except (ReflowError, OSError) as error:
            if isinstance(error, BrokenPipeError):
                raise
            failed += 1
            _say(_describe(path, error))
    return failed


def _describe(path: str, error: Exception) -> str:
    if isinstance(error, OSError) and not isinstance(error, ReflowError):
        reason = error.strerror or str(error)
        return f"{error.filename or path}: {reason.lower() if reason else reason}"
    return str(error)


def _quiet_broken_pipe() -> None:
    """The reader went away (``reflow big.txt | head``): stop quietly, as cat does."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(EXIT_BROKEN_PIPE)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the command, mapping interrupts and closed pipes to exit codes."""
    try:
        command.main(args=argv, prog_name="reflow", standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.ClickException as error:
        error.show()
        sys.exit(EXIT_USAGE if isinstance(error, click.UsageError) else error.exit_code)
    except click.exceptions.Abort:
        _say("interrupted")
        sys.exit(EXIT_INTERRUPTED)
    except KeyboardInterrupt:
        _say("interrupted")
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        _quiet_broken_pipe()
    except ReflowError as error:
        _say(str(error))
        sys.exit(EXIT_INPUT_FAILED)
