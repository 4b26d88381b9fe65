"""Benchmark batch mode: 2,000 generated files, one worker against two, and the cost per file.

    python bench/batch.py [--files 2000] [--repeat 3]

Prints a table; it is not a test (timings depend on the machine). The files are made
deterministically from the project's own fixture text: paragraphs of the seed-style article,
picked and hard-wrapped at varying widths by a seeded random generator.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "seed-style-article" / "expected.txt"
Row = tuple[str, float, str]


def paragraphs() -> list[str]:
    """The fixture's paragraphs, one line each (its clean text output)."""
    return [p for p in FIXTURE.read_text(encoding="utf-8").split("\n\n") if len(p.split()) > 8]


def generate(folder: Path, count: int, seed: int = 6) -> int:
    """Write ``count`` hard-wrapped files into nested folders; returns the bytes written."""
    rng = random.Random(seed)
    pool = paragraphs()
    total = 0
    for i in range(count):
        chosen = rng.sample(pool, k=rng.randint(2, min(8, len(pool))))
        width = rng.randint(52, 78)
        body = "\n\n".join(textwrap.fill(p, width, break_on_hyphens=False) for p in chosen) + "\n"
        path = folder / f"section-{i % 20:02}" / f"note-{i:04}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
        total += len(body.encode("utf-8"))
    return total


def reflow(*args: str) -> tuple[float, float]:
    """Wall time and CPU time (its processes' user + system) of one ``reflow`` run."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CI": "1"}  # CI: no progress bar
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        # The generated files are text, which folders give -i and --check only when asked.
        [sys.executable, "-m", "reflow", "-q", "--include", "*.txt", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(
            f"reflow {' '.join(args)} failed ({done.returncode}): {done.stderr[-500:]}"
        )
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def in_place(source: Path, jobs: int) -> tuple[float, float]:
    """``reflow -i`` over a fresh copy of ``source`` (every file is rewritten, fsync'd)."""
    with tempfile.TemporaryDirectory(prefix="reflow-bench-") as scratch:
        copy = Path(scratch) / "tree"
        shutil.copytree(source, copy)
        return reflow("-i", "-j", str(jobs), str(copy))


def compare(name: str, repeat: int, run: Callable[[int], tuple[float, float]]) -> list[Row]:
    """``run`` with one worker and with two, interleaved so that other load hits both alike."""
    timings: dict[int, list[tuple[float, float]]] = {1: [], 2: []}
    for _ in range(repeat):
        for jobs in (1, 2):
            timings[jobs].append(run(jobs))
    rows = []
    for jobs in (1, 2):
        wall, cpu = min(timings[jobs])
        median = statistics.median(w for w, _c in timings[jobs])
        rows.append(
            (
                f"{name} -j {jobs}: wall s",
                wall,
                f"best of {repeat}, median {median:.2f} s; CPU {cpu:.2f} s: {cpu / wall:.1f} cores",
            )
        )
    rows.append((f"{name}: speedup -j 2 / -j 1", rows[0][1] / rows[1][1], "target >= 1.7x"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="reflow-bench-") as scratch:
        tree = Path(scratch) / "tree"
        size = generate(tree, args.files)
        one = str(next(tree.rglob("*.txt")))
        # --check on the hard-wrapped tree does all the per-file work (convert, both safety
        # checks) and writes nothing; -i adds a temporary file, fsync and rename per file.
        rows = compare("--check", args.repeat, lambda j: reflow("--check", "-j", str(j), str(tree)))
        rows += compare("-i", args.repeat, lambda j: in_place(tree, j))
        startup = min(reflow("--check", one)[0] for _ in range(args.repeat))
        rows.append(("one file --check: wall s", startup, "start-up + 1 file: what a hook pays"))
        for name, value, _note in list(rows):
            if name.endswith(": wall s") and "-j" in name:
                per_file = (value - startup) / (args.files - 1) * 1000
                rows.append(
                    (f"{name[: -len(': wall s')]}: ms per file", per_file, "start-up left out")
                )
        fixed = Path(scratch) / "fixed"
        shutil.copytree(tree, fixed)
        reflow("-i", str(fixed))
        clean = min(reflow("--check", str(fixed))[0] for _ in range(args.repeat))
        rows.append(
            ("--check, all clean (default -j): wall s", clean, "nothing to change: no safety check")
        )
        best = min(value for name, value, _n in rows if name == "--check -j 2: wall s")
        rows.append(
            ("--check -j 2: MB/s", size / 1e6 / best, f"{size / 1e6:.1f} MB in {args.files} files")
        )
    python = sys.version.split()[0]
    print(f"reflow batch benchmark: {args.files} files, {os.cpu_count()} cores, Python {python}")
    print(f"load average at the start: {load:.2f} (other work on the machine skews the figures)")
    print(f"{'measure':<40} {'value':>10}  note")
    print(f"{'-' * 40} {'-' * 10}  {'-' * 40}")
    for name, value, note in rows:
        print(f"{name:<40} {value:>10.3f}  {note}")


if __name__ == "__main__":
    main()
