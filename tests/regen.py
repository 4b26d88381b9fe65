"""Rewrite the expected files of golden cases from reflow's current output.

    python -m tests.regen [CASE ...]

Review the diff before committing: regenerating is how an output change is
proposed, never how a failing test is made to pass. Refuses to run under CI.
"""

from __future__ import annotations

import os
import sys

from .conftest import FIXTURES
from .test_golden import OUTPUTS, cases, run


def main(names: list[str]) -> int:
    if os.environ.get("CI"):
        print("tests.regen: refusing to rewrite expectations under CI", file=sys.stderr)
        return 2
    for case in cases():
        if names and case.name not in names:
            continue
        wanted = [n for n in OUTPUTS if (case / n).exists()] or ["expected.md"]
        for name in wanted:
            (case / name).write_text(run(case, OUTPUTS[name]), encoding="utf-8", newline="")
            print(f"wrote {case.relative_to(FIXTURES.parent)}/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
