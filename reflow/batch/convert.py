"""Converting one file safely: its options, the output's line endings and encoding, the checks."""

from __future__ import annotations

import re

from ..api import convert_bytes, is_markdown_name
from ..dialects import resolve_dialect
from ..errors import BinaryInputError, ReflowError
from ..model import Kind
from ..options import Options
from ..safety import (
    Conversion,
    beyond_spacing,
    check_conversion,
    dropped_lines,
    encoding_problem,
    second_run,
)
from .diffs import unified_diff
from .files import _finish, _read, _reason
from .jobs import Job, Result, Status, Task
from .large_files import _convert_streamed, _streams, spacing_refusal

_FIRST_LINE_END = re.compile(r"\r\n?|\n")


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
    # A file whose last line has no line break keeps it so, as Markdown mode copies that line:
    # a one-line text file a program reads ("42", a test's expected answer) stays byte for byte.
    if conversion.text and conversion.text[-1] not in "\r\n" and output.endswith("\n"):
        output = output[:-1]
    return output if ending == "\n" else output.replace("\n", ending)


def encode_output(conversion: Conversion, job: Job, text: str | None = None) -> bytes:
    """The output as bytes in the input's encoding and BOM (unless told otherwise)."""
    text = output_text(conversion, job) if text is None else text
    if job.output_encoding == "utf-8":
        return text.encode("utf-8")
    detection = conversion.detection
    return detection.bom + text.encode(detection.encoding)


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
            verdict = _unsafe(conversion, text, new, options, task, job)
            if verdict:
                return Result(label, *verdict, warnings=tuple(warnings))
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
        from ..bugreport import crash_report

        return Result(label, Status.FAILED, crash_report(label, error), warnings=tuple(warnings))


def _in_place(task: Task) -> bool:
    """``task`` rewrites its file where it is (``-i``, or ``--check``/``--diff`` judging that)."""
    return task.data is None and (task.target is None or task.target == task.path)


def _unsafe(
    conversion: Conversion, text: str, new: bytes, options: Options, task: Task, job: Job
) -> tuple[Status, str] | None:
    """Why writing ``new`` would be unsafe (a word lost, more than spacing changed in place,
    or not a fixed point), or None.

    A word lost is reported as the input's doing (its repairs can explain it); a result
    that a second run would change is reflow's bug, reported as one with a log.
    """
    label = task.label
    lost = check_conversion(conversion, options)
    if lost:
        return Status.FAILED, f"{label}: not changed: the result would lose words: {lost}"
    if conversion.blocks is not None and options.to == "text" and _in_place(task):
        # A text file rewritten as text where it is: only its spacing may change. Text the
        # pipeline would drop, repair or mark up there (an underline, a "#", a control
        # character, a page header) says the file is not the prose reflow takes it for.
        # (Blocks left out as repeats are said as such.)
        skip = () if options.keep_duplicates else dropped_lines(conversion.blocks)
        beyond = beyond_spacing(conversion.text, text, skip_lines=skip)
        if beyond:
            return spacing_refusal(label, beyond)
    if options.to == "jsonl":  # JSON Lines is not read back as reflow input
        return None
    # The next run reads the written file: same options, its name choosing the mode, and the
    # dialect the first run found from where the file is (the bare name, looked up from the
    # working folder, would find another repository's, or none).
    name = (task.target or task.path).name if task.data is None else task.label
    again_options = options.replace(dialect=resolve_dialect(options.dialect, label))
    texts: list[str] = []

    def run_again() -> bytes:
        try:
            again = convert_bytes(new, again_options, name=name)
            texts.append(output_text(again, job))
            return encode_output(again, job)
        except (ReflowError, UnicodeError) as error:
            texts.append(f"(the second run failed: {error})\n")
            return b""

    if second_run(new, run_again) is None:
        return None
    again_text = texts[0]
    from ..bugreport import write_log

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
    return Status.FAILED, (
        f"INTERNAL ERROR: reflow produced unstable output on {label}; the file is left as it "
        f"was. Please report this bug{where}"
    )


def _dropped(conversion: Conversion, options: Options) -> int:
    """How many repeated blocks the result leaves out."""
    if conversion.blocks is None or options.keep_duplicates:
        return 0
    return sum(1 for block in conversion.blocks if block.kind is Kind.PULL_QUOTE)
