"""Many files at once: find them, convert each safely, in parallel, and report in a stable order."""

from __future__ import annotations

from .convert import convert_bytes, convert_file, encode_output, options_for, output_text
from .diffs import diff_name, unified_diff
from .jobs import (
    CONVERT_INCLUDE,
    REWRITE_INCLUDE,
    Job,
    LineEnding,
    OnSkip,
    OutputEncoding,
    Result,
    Selection,
    Status,
    Task,
)
from .large_files import STREAM_SIZE
from .plan import out_dir_overlap, out_dir_target, plan_tasks
from .pool import WorkerDied, run
from .tally import Tally
from .walk import DEFAULT_EXCLUDE_FOLDERS, find_files

__all__ = [
    "CONVERT_INCLUDE",
    "DEFAULT_EXCLUDE_FOLDERS",
    "REWRITE_INCLUDE",
    "STREAM_SIZE",
    "Job",
    "LineEnding",
    "OnSkip",
    "OutputEncoding",
    "Result",
    "Selection",
    "Status",
    "Tally",
    "Task",
    "WorkerDied",
    "convert_bytes",
    "convert_file",
    "diff_name",
    "encode_output",
    "find_files",
    "options_for",
    "out_dir_overlap",
    "out_dir_target",
    "output_text",
    "plan_tasks",
    "run",
    "unified_diff",
]
