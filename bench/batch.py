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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "seed-style-article" / "expected.txt"


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
        [sys.executable, "-m", "reflow", "-q", *args],
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


def timed_in_place(source: Path, jobs: int, repeat: int) -> list[tuple[float, float]]:
    """``reflow -i`` over a fresh copy of ``source`` each time (every file is rewritten)."""
    times = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="reflow-bench-") as scratch:
            copy = Path(scratch) / "tree"
            shutil.copytree(source, copy)
            times.append(reflow("-i", "-j", str(jobs), str(copy)))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="reflow-bench-") as scratch:
        tree = Path(scratch) / "tree"
        size = generate(tree, args.files)
        one = next(tree.rglob("*.txt"))
        rows: list[tuple[str, float, str]] = []
        serial = timed_in_place(tree, 1, args.repeat)
        parallel = timed_in_place(tree, 2, args.repeat)
        (best1, cpu1), (best2, cpu2) = min(serial), min(parallel)
        median1 = statistics.median(wall for wall, _cpu in serial)
        median2 = statistics.median(wall for wall, _cpu in parallel)
        rows.append(
            ("-i -j 1: wall s (best of runs)", best1, f"median {median1:.2f} s, CPU {cpu1:.2f} s")
        )
        rows.append(
            ("-i -j 2: wall s (best of runs)", best2, f"median {median2:.2f} s, CPU {cpu2:.2f} s")
        )
        rows.append(("speedup -j 2 over -j 1", best1 / best2, "target >= 1.7x"))
        startup, _cpu = min(reflow("--check", "-j", "1", str(one)) for _ in range(args.repeat))
        rows.append(
            ("one file --check: wall s", startup, "start-up + 1 file: what a hook pays per run")
        )
        per_file = (best1 - startup) / (args.files - 1)
        rows.append(
            ("per file, -j 1: ms", per_file * 1000, "convert + safety checks + fsync'd write")
        )
        per_file2 = (best2 - startup) / (args.files - 1)
        rows.append(("per file, -j 2: ms", per_file2 * 1000, "wall time / file"))
        fixed = Path(scratch) / "fixed"
        shutil.copytree(tree, fixed)
        reflow("-i", "-j", "2", str(fixed))
        check, _cpu = min(reflow("--check", "-j", "2", str(fixed)) for _ in range(args.repeat))
        rows.append(
            ("--check -j 2, all clean: wall s", check, "no file changes: no safety check, no write")
        )
        rows.append(
            (
                "throughput -j 2: MB/s",
                size / 1e6 / best2,
                f"{size / 1e6:.1f} MB in {args.files} files",
            )
        )
    python = sys.version.split()[0]
    print(f"reflow batch benchmark: {args.files} files, {os.cpu_count()} cores, Python {python}")
    print(f"load average at the start: {load:.2f} (other work on the machine skews the figures)")
    print(f"{'measure':<40} {'value':>10}  note")
    print(f"{'-' * 40} {'-' * 10}  {'-' * 30}")
    for name, value, note in rows:
        print(f"{name:<40} {value:>10.3f}  {note}")


if __name__ == "__main__":
    main()
