"""Measure reflow's peak memory per mode on large generated text and Markdown files.

    python bench/memory.py                       # 50 MB text, 10 MB Markdown (several minutes)
    python bench/memory.py --text-mb 5 --md-mb 1 # a quick look
    python bench/memory.py --modes in-place,check --kinds markdown

Each run is ``reflow`` (the checkout's source through ``PYTHONPATH``, or the installed build
with ``--installed``) in a child process of its own; peak RSS is the child's ``ru_maxrss``
(``resource.getrusage(RUSAGE_CHILDREN)`` read after each run, which only grows, so each run
gets a fresh helper process). Prints a Markdown table: mode, input, size, peak RSS, the ratio
to the input's size, the wall time, the CPU time, the exit code and reflow's summary line (so
that a run that left the file as written is not taken for a rewrite). Inputs are generated
deterministically into ``bench/out/`` (git-ignored): ``text``, body paragraphs in the seed's
style hard-wrapped at 80 columns (``-i`` rewrites it: only its spacing changes); ``article``,
the same articles with their pull quote, byline, caption, credit and ``|`` separator (``-i``
and ``--check`` leave it as written, since the result marks up and drops characters there);
Markdown with headings, prose, lists, tables, fenced code, block quotes and reference links.
It is not a test (figures depend on the machine).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
MB = 1_000_000

sys.path.insert(0, str(HERE))
import gen  # noqa: E402  (bench/ is not a package: the generator sits beside this script)

MODES = ("in-place", "check", "diff", "stdout")
KINDS = ("text", "article", "markdown")

# The helper: run reflow as its one child, then print the exit code, the child's peak RSS in
# KiB, the wall time and the child's CPU time.
_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
with open(sys.argv[1], "rb") as stdin, open(sys.argv[2], "wb") as stdout:
    code = subprocess.call(sys.argv[3:], stdin=stdin, stdout=stdout)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(code, usage.ru_maxrss, round(wall, 2), round(usage.ru_utime + usage.ru_stime, 2))
"""


def _prose(rng: random.Random) -> list[str]:
    """A paragraph of bench/gen.py's sentences, hard-wrapped at 72 columns."""
    words = " ".join(gen._sentence(rng) for _ in range(rng.randint(2, 5))).split(" ")
    return gen._fill(words, 72)


def _markdown_sections(rng: random.Random) -> Iterator[str]:
    """Markdown of every common block kind, in sections; our own words (bench/gen.py's)."""
    section = 0
    while True:
        section += 1
        out = [f"## Section {section}", ""]
        for _ in range(rng.randint(2, 4)):
            out += [*_prose(rng), ""]
        out += [f"See [the notes][note-{section % 50}] and [the index](#section-{section}).", ""]
        for k in range(rng.randint(2, 5)):
            out += [
                f"- item {k}: {line}" if n == 0 else f"  {line}"
                for n, line in enumerate(_prose(rng)[:2])
            ]
        out += [""]
        out += ["| name | count | remark |", "|---|---:|---|"]
        out += [
            f"| row {k} | {rng.randint(1, 999)} | {gen._sentence(rng)[:30]} |" for k in range(8)
        ]
        out += [""]
        if section % 3 == 0:
            out += ["```python", "def f(x):", "    return x  # kept as it is", "```", ""]
        if section % 4 == 0:
            out += [f"> {line}" for line in _prose(rng)] + [""]
        if section % 50 == 0:
            out += [f"[note-{k}]: https://example.org/notes/{k}" for k in range(50)] + [""]
        yield "\n".join(out) + "\n"


def write_markdown(path: Path, size: int, seed: int = 7) -> Path:
    """A Markdown file of about ``size`` bytes (reused when already there)."""
    if path.exists() and path.stat().st_size >= size:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    written = 0
    with open(path, "w", encoding="utf-8") as out:
        out.write("# A generated handbook\n\n")
        for section in _markdown_sections(rng):
            out.write(section)
            written += len(section)
            if written >= size:
                break
        out.write("\n".join(f"[note-{k}]: https://example.org/notes/{k}" for k in range(50)))
        out.write("\n")
    return path


def inputs(kind: str, mb: float) -> Path:
    """The generated input of ``kind`` and about ``mb`` megabytes."""
    size = int(mb * MB)
    if kind == "text":
        return gen.write(OUT / f"memory-body-{mb:g}mb.txt", "body", size)
    if kind == "article":
        return gen.write(OUT / f"memory-{mb:g}mb.txt", "utf8", size)
    return write_markdown(OUT / f"memory-{mb:g}mb.md", size)


def measure(
    mode: str, source: Path, env: dict[str, str], reflow: list[str]
) -> tuple[int, float, float, float, str]:
    """(exit code, peak RSS in MB, wall seconds, CPU seconds, the summary line reflow wrote
    last on stderr) of one run of ``mode`` on a copy of ``source``."""
    with tempfile.TemporaryDirectory(dir=OUT) as folder:
        path = Path(folder) / source.name
        shutil.copyfile(source, path)
        stdin, args = os.devnull, [str(path)]
        if mode == "in-place":
            args = ["-i", str(path)]
        elif mode == "check":
            args = ["--check", str(path)]
        elif mode == "diff":
            args = ["--diff", str(path)]
        else:
            stdin, args = (
                str(path),
                ["-"] if source.suffix == ".txt" else ["--from", "markdown", "-"],
            )
        command = [sys.executable, "-c", _MEASURE, stdin, os.devnull, *reflow, *args]
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
        code, rss, wall, cpu = done.stdout.split()
        said = done.stderr.strip().splitlines()[-1:] or [""]
    return int(code), int(rss) / 1024, float(wall), float(cpu), said[0]


def main(argv: list[str] | None = None) -> int:
    """Generate the inputs, run every mode on each and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--text-mb", type=float, default=50.0, help="text input size")
    parser.add_argument("--md-mb", type=float, default=10.0, help="Markdown input size")
    parser.add_argument("--modes", default=",".join(MODES), help="in-place,check,diff,stdout")
    parser.add_argument("--kinds", default=",".join(KINDS), help="text,article,markdown")
    parser.add_argument("--installed", action="store_true", help="the installed reflow")
    args = parser.parse_args(argv)
    env = dict(os.environ)
    if not args.installed:
        env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    reflow = [sys.executable, "-m", "reflow"]
    compiled = subprocess.run(
        [*reflow[:1], "-c", "import reflow.paragraphs as p; print(p.__file__)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    build = "compiled" if compiled.endswith((".so", ".pyd")) else "pure Python"
    print(f"reflow from {Path(compiled).parent} ({build})\n")
    print("| mode | input | MB | peak RSS MB | RSS / input | wall s | CPU s | exit | said |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---|")
    for kind in args.kinds.split(","):
        source = inputs(kind, args.md_mb if kind == "markdown" else args.text_mb)
        size = source.stat().st_size / MB
        for mode in args.modes.split(","):
            code, rss, wall, cpu, said = measure(mode, source, env, reflow)
            ratio = f"{rss / size:.1f}x"
            row = f"| {mode} | {kind} | {size:.1f} | {rss:.0f} | {ratio} | {wall} | {cpu} | {code} "
            print(f"{row}| {said} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
