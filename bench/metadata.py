"""Benchmark reflow's metadata reader against importlib.metadata: what reading three versions
costs a fresh interpreter (the import included).

    python bench/metadata.py [--runs 30]

reflow reads ftfy's version on every run that repairs a line, and three versions for
``--version``; ``reflow.versions`` reads them from the ``.dist-info`` folder names instead of
importing importlib.metadata. Prints CPU milliseconds (best and median of the runs), which swing
less than wall time on a shared machine. Runs from an empty folder: ``python -c`` puts the
current folder on sys.path, and importlib.metadata would list it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECTS = ("ftfy", "chardet", "click")
TIMED = "import re, time; start = time.process_time(); {}; print(time.process_time() - start)"
WAYS = {
    "reflow.versions": (
        f"from reflow.versions import installed_versions; installed_versions({PROJECTS!r})"
    ),
    "importlib.metadata": (
        f"from importlib.metadata import version; [version(name) for name in {PROJECTS!r}]"
    ),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    times: dict[str, list[float]] = {way: [] for way in WAYS}
    with tempfile.TemporaryDirectory(prefix="reflow-bench-") as empty:
        for _ in range(args.runs):
            for way, code in WAYS.items():  # interleaved: other load hits both alike
                done = subprocess.run(
                    [sys.executable, "-c", TIMED.format(code)],
                    cwd=empty,
                    env=env,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                times[way].append(float(done.stdout) * 1000)
    print(f"versions of {', '.join(PROJECTS)} in a fresh interpreter, CPU ms, {args.runs} runs")
    for way, found in times.items():
        print(f"{way:<20} best {min(found):6.1f}  median {statistics.median(found):6.1f}")


if __name__ == "__main__":
    main()
