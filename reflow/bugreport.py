"""Write the details of an internal error to a log file that a bug report can carry."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Mapping

from . import __version__


def write_log(title: str, sections: Mapping[str, str]) -> str | None:
    """Write ``sections`` (heading: body) to a new temporary ``reflow-*.log``; return its path.

    The file is private to the user (mkstemp makes it 0600), as it may hold the input.
    None when no log could be written (a full or read-only temporary folder): the error is
    still reported, only without the log.
    """
    import shlex

    from . import compiled_modules

    lines = [
        title,
        f"reflow {__version__} ({len(compiled_modules())} modules compiled), "
        f"Python {sys.version.split()[0]}, {sys.platform}",
        f"command line: {shlex.join(sys.argv)}",
    ]
    for heading, body in sections.items():
        lines += ["", f"--- {heading} ---", body.rstrip("\n")]
    try:
        fd, path = tempfile.mkstemp(prefix="reflow-", suffix=".log")
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as log:
            log.write("\n".join(lines) + "\n")
    except OSError:
        return None
    return path


def crash_report(label: str, error: BaseException) -> str:
    """The one-line report of an exception reflow did not expect on ``label``, its traceback
    logged: a bug of reflow's, whatever the input."""
    import traceback

    details = "".join(traceback.format_exception(error))
    log = write_log(f"reflow failed on {label}", {"traceback": details})
    where = f" with the log {log}" if log else ""
    return (
        f"INTERNAL ERROR: reflow failed on {label}: {type(error).__name__}: {error}. "
        f"Please report this bug{where}"
    )
