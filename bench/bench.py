"""Measure reflow's throughput, memory, growth and start-up next to the alternatives, in one run.

    python bench/bench.py                 # 1 and 10 MB inputs; a few minutes
    python bench/bench.py --big           # adds 100 MB inputs and a 100 MB pipe
    python bench/bench.py --gigabyte      # adds 1 GB generated on the fly through a pipe
    python bench/bench.py --checkout      # this checkout's source instead of the installed build

It measures the reflow that this interpreter imports outside the checkout (the installed
build), or with ``--checkout`` the checkout's source through ``PYTHONPATH``; its header names
the build each child process imports: path, and compiled modules or pure Python.

Prints Markdown tables; it is not a test (timings depend on the machine and its load). Inputs
are generated deterministically by ``bench/gen.py`` into ``bench/out/`` (git-ignored). Every
program runs as a child process, one at a time; CPU time is the child's own work (for Python
tools: from before their import to the end, without the interpreter's start-up; for ``cat``
and ``fmt``: the whole process), wall time and peak RSS are the whole process's. Figures are
medians of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
SEED = ROOT / "fixtures" / "seed-style-article" / "input.txt"
MB = 1_000_000
TIME = Path("/usr/bin/time")

sys.path.insert(0, str(HERE))
import gen  # noqa: E402  (bench/ is not a package: the generator sits beside this script)

# The targets, checked at the end.
TARGET_MBPS = {"plain": 20.0, "width 72": 12.0, "mojibake": 10.0}
TARGET_LOOP_RATIO = 15.0
TARGET_RSS_MB = 50.0
TARGET_STARTUP_RATIO = 4.0
HEAVY_MODULES = ("chardet", "ftfy", "markdown_it", "wordfreq", "textwrap3", "wcwidth")

#: The environment of every measured child: which reflow they import (set by ``main``).
CHILD_ENV: dict[str, str] = {}
#: The children's working folder: not the checkout, where ``python -m`` would import its source.
CHILD_CWD = OUT
PROBE = (
    "import json, os, reflow; print(json.dumps({'path': os.path.dirname(reflow.__file__), "
    "'compiled': reflow.compiled_modules()}))"
)


@dataclass(frozen=True, slots=True)
class Run:
    """One child process's figures."""

    cpu: float  # seconds of CPU for the work (see the module docstring)
    wall: float  # seconds, whole process
    rss_mb: float  # peak resident set size, whole process
    status: int


# -- children ----------------------------------------------------------------------------------


def child(kind: str, path: str, report: str, args: Sequence[str]) -> None:
    """Run one tool in this (child) process and write its CPU and wall time to ``report``."""
    cpu0, wall0 = time.process_time(), time.perf_counter()
    extra: dict[str, object] = {}
    if kind == "lines":  # the bare Python line loop: the floor for any line-by-line tool
        with open(path, encoding="utf-8", errors="surrogateescape") as infile:
            for _line in infile:
                pass
    elif kind == "ftfy":
        import ftfy

        with open(path, encoding="utf-8", errors="surrogateescape") as infile:
            sys.stdout.write(ftfy.fix_text(infile.read()))
    elif kind == "unstructured":
        from unstructured.cleaners.core import group_broken_paragraphs

        with open(path, encoding="utf-8", errors="surrogateescape") as infile:
            sys.stdout.write(group_broken_paragraphs(infile.read()))
    elif kind in ("reflow", "modules"):
        from reflow.cli import main

        try:
            main([*args, path] if path else list(args))
        except SystemExit as done:
            extra["exit"] = done.code
        sys.stdout.flush()
        if kind == "modules":
            extra["modules"] = [name for name in HEAVY_MODULES if name in sys.modules]
    else:
        message = f"unknown child kind {kind!r}"
        raise SystemExit(message)
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    Path(report).write_text(json.dumps({"cpu": cpu, "wall": wall, **extra}), encoding="utf-8")


def _python_argv(kind: str, path: str, report: str, args: Sequence[str] = ()) -> list[str]:
    return [sys.executable, str(Path(__file__)), "--child", kind, path, report, "--", *args]


def measure(
    argv: list[str], *, stdin: int | None = None, report: str | None = None, quiet: bool = False
) -> Run:
    """Run ``argv`` with stdout to /dev/null; CPU from ``report`` if given, else rusage."""
    started = time.perf_counter()
    stderr = subprocess.DEVNULL if quiet else None
    # A child's peak RSS as the kernel reports it includes the image of the process that
    # started it (Linux counts the old memory at exec), so a small wrapper starts the program
    # and reports its own peak: GNU time, where installed.
    rss_file = None
    if TIME.exists():
        rss_file = Path(tempfile.mkstemp(prefix="reflow-bench-rss-")[1])
        argv = [str(TIME), "-q", "-o", str(rss_file), "-f", "%M", *argv]
    proc = subprocess.Popen(
        argv, stdin=stdin, stdout=subprocess.DEVNULL, stderr=stderr, env=CHILD_ENV, cwd=CHILD_CWD
    )
    _, status, usage = os.wait4(proc.pid, 0)  # the wrapper's figures include the program's
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    if report is not None:
        cpu = json.loads(Path(report).read_text(encoding="utf-8"))["cpu"]
    rss_mb = usage.ru_maxrss / 1024
    if rss_file is not None:
        rss_mb = int(rss_file.read_text(encoding="utf-8").split()[-1]) / 1024
        rss_file.unlink()
    return Run(cpu, wall, rss_mb, proc.returncode)


def child_env(checkout: bool) -> dict[str, str]:
    """The environment that makes a child import the checkout's reflow, or only an installed one."""
    others = [
        entry
        for entry in os.environ.get("PYTHONPATH", "").split(os.pathsep)
        if entry and Path(entry).resolve() != ROOT
    ]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(([str(ROOT)] if checkout else []) + others)}
    env.pop("CI", None)
    if not env["PYTHONPATH"]:
        del env["PYTHONPATH"]
    return env


def measured_build() -> dict[str, object] | None:
    """The reflow a child imports, asked of a child started as the measured ones are."""
    probe = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=CHILD_ENV,
        cwd=CHILD_CWD,
        capture_output=True,
        text=True,
        check=False,
    )
    return json.loads(probe.stdout) if probe.returncode == 0 else None


def median_run(make: Callable[[], Run], repeat: int) -> Run:
    runs = [make() for _ in range(repeat)]
    return Run(
        statistics.median(r.cpu for r in runs),
        statistics.median(r.wall for r in runs),
        statistics.median(r.rss_mb for r in runs),
        max(r.status for r in runs),
    )


# -- the tools ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tool:
    """A program measured over an input file."""

    name: str
    kind: str  # "process" or a child kind
    args: tuple[str, ...] = ()

    def run(self, path: Path, scratch: Path) -> Run:
        if self.kind == "process":
            return measure([*self.args, str(path)])
        report = str(scratch / "report.json")
        return measure(_python_argv(self.kind, str(path), report, self.args), report=report)


def _importable(module: str) -> bool:
    probe = [sys.executable, "-c", f"import {module}"]
    return subprocess.run(probe, capture_output=True, check=False).returncode == 0


def alternatives(size: int) -> tuple[list[Tool], list[str]]:
    """The other tools measured beside reflow, and notes on those that are left out."""
    tools = [Tool("cat", "process", ("cat",)), Tool("python `for line in file`", "lines")]
    notes: list[str] = []
    if shutil.which("fmt"):
        tools.append(Tool("GNU fmt -w 72", "process", ("fmt", "-w", "72")))
    else:
        notes.append("GNU fmt: not installed, skipped")
    if size <= 10 * MB:  # ftfy is slow enough that larger inputs only repeat the same figure
        tools.append(Tool("ftfy.fix_text", "ftfy"))
    else:
        notes.append(f"ftfy.fix_text: not run at {size // MB} MB (its speed is flat; see 10 MB)")
    if _importable("unstructured.cleaners.core"):
        tools.append(Tool("unstructured group_broken_paragraphs", "unstructured"))
    else:
        notes.append("unstructured: not installed, skipped")
    if not shutil.which("pandoc"):
        notes.append("pandoc: not installed, skipped")
    elif size > 10 * MB:  # ~160 MB of memory per MB of input: 100 MB would need 16 GB
        notes.append(f"pandoc: not run at {size // MB} MB (its speed is flat; see 10 MB)")
    else:
        tools.append(
            Tool(
                "pandoc -f markdown -t plain",
                "process",
                ("pandoc", "-f", "markdown", "-t", "plain", "--wrap=none"),
            )
        )
    return tools, notes


REFLOW = Tool("reflow", "reflow")
REFLOW_72 = Tool("reflow --width 72", "reflow", ("--width", "72"))


# -- sections ----------------------------------------------------------------------------------


def _input(variant: str, size: int) -> Path:
    return gen.write(OUT / f"{variant}-{size // MB}MB.txt", variant, size)


def _fmt_rate(size: int, seconds: float) -> str:
    if seconds <= 0.0005:
        return "—"
    rate = size / MB / seconds
    return f"{rate:,.0f}" if rate >= 100 else f"{rate:.1f}"


def throughput(sizes: list[int], repeat: int, scratch: Path) -> dict[tuple[str, int, str], Run]:
    """Every tool over every input variant and size; prints one table per size."""
    results: dict[tuple[str, int, str], Run] = {}
    for size in sizes:
        tools, notes = alternatives(size)
        runs = repeat if size <= 10 * MB else 1
        print(f"\n### {size // MB} MB inputs (median of {runs})\n")
        print("| input | program | MB/s (CPU) | MB/s (wall) | peak RSS MB | CPU × line loop |")
        print("| --- | --- | ---: | ---: | ---: | ---: |")
        for variant in ("ascii", "utf8", "mojibake", "french"):
            path = _input(variant, size)
            mine = [REFLOW, REFLOW_72] if variant in ("ascii", "utf8") else [REFLOW]
            for tool in [*tools, *mine]:
                run = median_run(lambda tool=tool, path=path: tool.run(path, scratch), runs)
                results[(variant, size, tool.name)] = run
                loop = results.get((variant, size, "python `for line in file`"))
                ratio = f"{run.cpu / loop.cpu:.1f}×" if loop and loop.cpu > 0 else "—"
                flag = "" if run.status == 0 else f" (exit {run.status})"
                print(
                    f"| {variant} | {tool.name}{flag} | {_fmt_rate(size, run.cpu)} | "
                    f"{_fmt_rate(size, run.wall)} | {run.rss_mb:.0f} | {ratio} |",
                    flush=True,
                )
        for note in notes:
            print(f"\n- {note}")
    return results


def pipe_memory(sizes: list[int]) -> dict[int, Run]:
    """reflow reading generated text from a pipe (nothing on disk): its peak RSS per size."""
    print("\n### Memory: generated UTF-8 text piped through `reflow -` (nothing on disk)\n")
    print("| input | reflow CPU s | MB/s (CPU) | peak RSS MB |")
    print("| ---: | ---: | ---: | ---: |")
    results: dict[int, Run] = {}
    for size in sizes:
        producer = subprocess.Popen(
            [sys.executable, str(HERE / "gen.py"), "utf8", str(size)], stdout=subprocess.PIPE
        )
        assert producer.stdout is not None
        run = measure([sys.executable, "-m", "reflow", "-"], stdin=producer.stdout.fileno())
        producer.stdout.close()
        producer.wait()
        results[size] = run
        label = f"{size // MB:,} MB" if size < 1000 * MB else f"{size / 1000 / MB:g} GB"
        print(
            f"| {label} | {run.cpu:.1f} | {_fmt_rate(size, run.cpu)} | {run.rss_mb:.0f} |",
            flush=True,
        )
    return results


def pathological(scratch: Path, scale: int) -> list[tuple[str, float]]:
    """Inputs that punish quadratic code, each at two sizes ten times apart."""
    print(
        "\n### Pathological inputs: each at two sizes 10× apart; linear time means ~10× the CPU\n"
    )
    print("| input | small CPU s | large CPU s | ratio | large peak RSS MB |")
    print("| --- | ---: | ---: | ---: | ---: |")
    cases = [
        ("one line", "one-line", 5 * MB * scale // 10, "MB"),
        ("one-word lines", "one-word-lines", 610_000 * scale // 10, "lines"),
        ("bulleted list", "long-list", 480_000 * scale // 10, "items"),
    ]
    ratios: list[tuple[str, float]] = []
    for label, variant, small, _unit in cases:
        figures = []
        for size in (small, small * 10):
            path = gen.write(OUT / f"{variant}-{size}.txt", variant, size)
            figures.append(REFLOW.run(path, scratch))
        count = _describe_size(variant, small * 10)
        ratio = figures[1].cpu / max(figures[0].cpu, 1e-9)
        ratios.append((label, ratio))
        print(
            f"| {label} ({count}) | {figures[0].cpu:.2f} | {figures[1].cpu:.2f} | {ratio:.1f}× | "
            f"{figures[1].rss_mb:.0f} |",
            flush=True,
        )
    return ratios


def _describe_size(variant: str, size: int) -> str:
    path = OUT / f"{variant}-{size}.txt"
    if variant == "one-line":
        return f"{size / MB:g} MB, no line break"
    with path.open("rb") as infile:
        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: infile.read(1 << 20), b""))
    return f"{lines:,} {'lines' if variant == 'one-word-lines' else 'items'}"


def startup(scratch: Path, repeat: int) -> tuple[dict[str, Run], dict[str, list[str]]]:
    """Start-up time next to a bare interpreter, and which heavy modules each input loads."""
    print(f"\n### Start-up (median of {repeat}; `python -m reflow`, CPU = user + system)\n")
    print("| command | CPU ms | wall ms | × `python -c pass` (CPU) |")
    print("| --- | ---: | ---: | ---: |")
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        # The floor under any click command: reflow's share is what the rows below add to it.
        "python -c 'import click'": [sys.executable, "-c", "import click"],
        "reflow --version": [sys.executable, "-m", "reflow", "--version"],
        "reflow seed-style-article/input.txt": [sys.executable, "-m", "reflow", str(SEED)],
    }
    runs: dict[str, Run] = {}
    for label, argv in commands.items():
        runs[label] = median_run(lambda argv=argv: measure(argv), repeat)
        base = runs["python -c pass"].cpu
        print(
            f"| `{label}` | {runs[label].cpu * 1000:.0f} | {runs[label].wall * 1000:.0f} | "
            f"{runs[label].cpu / base:.1f}× |",
            flush=True,
        )
    ascii_seed = OUT / "small-ascii-seed.txt"
    if not ascii_seed.exists():
        ascii_seed.write_text(
            SEED.read_text(encoding="utf-8").translate(gen.TYPOGRAPHY_TO_ASCII), encoding="ascii"
        )
    samples = {
        "ASCII text (seed fixture)": ascii_seed,
        "ASCII text with split words (wordfreq looked up)": gen.write(
            OUT / "small-ascii.txt", "ascii", 20_000
        ),
        "UTF-8 text (seed fixture)": SEED,
        "UTF-8 with mojibake": gen.write(OUT / "small-mojibake.txt", "mojibake", 200_000),
    }
    cp1252 = OUT / "small-cp1252.txt"
    if not cp1252.exists():
        text = SEED.read_text(encoding="utf-8")
        cp1252.write_bytes(text.encode("cp1252"))
    samples["cp1252 text (not UTF-8)"] = cp1252
    loaded: dict[str, list[str]] = {}
    print("\n| input | heavy modules loaded |")
    print("| --- | --- |")
    for label, path in samples.items():
        report = scratch / "modules.json"
        measure(_python_argv("modules", str(path), str(report)), report=str(report), quiet=True)
        loaded[label] = json.loads(report.read_text(encoding="utf-8"))["modules"]
        print(f"| {label} | {', '.join(loaded[label]) or 'none'} |")
    return runs, loaded


# -- the verdict -------------------------------------------------------------------------------


def verdict(
    results: dict[tuple[str, int, str], Run],
    sizes: list[int],
    memory: dict[int, Run],
    ratios: list[tuple[str, float]],
    starts: dict[str, Run],
    loaded: dict[str, list[str]],
) -> None:
    """Each target of issue 7 with the measured figure."""
    big = max(sizes)
    print(f"\n### Targets (CPU figures at {big // MB} MB)\n")
    print("| target | measured | met |")
    print("| --- | --- | --- |")

    def row(target: str, measured: str, ok: bool) -> None:
        print(f"| {target} | {measured} | {'yes' if ok else '**no**'} |")

    checks = (
        ("plain", "utf8", "reflow"),
        ("width 72", "utf8", "reflow --width 72"),
        ("mojibake", "mojibake", "reflow"),
    )
    for label, variant, name in checks:
        run = results[(variant, big, name)]
        rate = big / MB / run.cpu
        row(
            f"{label}: ≥ {TARGET_MBPS[label]:g} MB/s",
            f"{rate:.1f} MB/s",
            rate >= TARGET_MBPS[label],
        )
    loop = results[("utf8", big, "python `for line in file`")]
    ratio = results[("utf8", big, "reflow")].cpu / loop.cpu
    row(f"CPU ≤ {TARGET_LOOP_RATIO:g}× the line loop", f"{ratio:.0f}×", ratio <= TARGET_LOOP_RATIO)
    for size, run in memory.items():
        row(
            f"peak RSS < {TARGET_RSS_MB:g} MB, {size // MB:,} MB piped",
            f"{run.rss_mb:.0f} MB",
            run.rss_mb < TARGET_RSS_MB,
        )
    if len(sizes) > 1:
        small = min(sizes)
        per_small = results[("utf8", small, "reflow")].cpu / small
        per_big = results[("utf8", big, "reflow")].cpu / big
        growth = per_big / per_small
        row(
            f"linear growth {small // MB}→{big // MB} MB (CPU per MB)",
            f"{growth:.2f}× ",
            growth <= 1.3,
        )
    for label, value in ratios:
        row(f"{label}: linear (10× input → ≤ 15× CPU)", f"{value:.1f}×", value <= 15)
    base = starts["python -c pass"].cpu
    for label in ("reflow --version", "reflow seed-style-article/input.txt"):
        value = starts[label].cpu / base
        row(
            f"start-up `{label}` ≤ {TARGET_STARTUP_RATIO:g}× python",
            f"{value:.1f}×",
            value <= TARGET_STARTUP_RATIO,
        )
    utf8_free = "chardet" not in loaded["UTF-8 text (seed fixture)"]
    row(
        "UTF-8 input never loads chardet",
        ", ".join(loaded["UTF-8 text (seed fixture)"]) or "nothing heavy",
        utf8_free,
    )
    ascii_free = "ftfy" not in loaded["ASCII text (seed fixture)"]
    row(
        "ASCII input does not load ftfy",
        ", ".join(loaded["ASCII text (seed fixture)"]) or "nothing heavy",
        ascii_free,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,10", help="input sizes in MB (default 1,10)")
    parser.add_argument("--big", action="store_true", help="add 100 MB inputs and a 100 MB pipe")
    parser.add_argument("--gigabyte", action="store_true", help="add 1 GB through a pipe")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per figure (median); 1 at 100 MB"
    )
    parser.add_argument(
        "--skip",
        default="",
        help="comma-separated sections to skip: throughput,memory,pathological,startup",
    )
    parser.add_argument(
        "--checkout",
        action="store_true",
        help="measure this checkout's source (PYTHONPATH) instead of the installed reflow",
    )
    parser.add_argument(
        "--child", nargs=3, metavar=("KIND", "PATH", "REPORT"), help=argparse.SUPPRESS
    )
    parser.add_argument("rest", nargs="*", help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.child:
        child(*options.child, options.rest)
        return 0
    sizes = [int(float(s) * MB) for s in options.sizes.split(",") if s]
    if options.big and 100 * MB not in sizes:
        sizes.append(100 * MB)
    skip = set(options.skip.split(","))
    command = " ".join(["python bench/bench.py", *(argv if argv is not None else sys.argv[1:])])
    print(f"reflow benchmark: `{command}`")
    load = os.getloadavg()[0]
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, load average {load:.1f} at start"
    )
    OUT.mkdir(parents=True, exist_ok=True)  # the generated inputs, also when only start-up runs
    CHILD_ENV.update(child_env(options.checkout))
    build = measured_build()
    if build is None:
        print(
            f"error: {sys.executable} has no reflow installed; install it (pip install .) "
            "or measure the checkout (--checkout)",
            file=sys.stderr,
        )
        return 2
    package = Path(str(build["path"]))
    in_checkout = package.resolve().is_relative_to(ROOT)
    where = (
        "this checkout's source (--checkout)"
        if options.checkout
        else "an editable install of this checkout"
        if in_checkout
        else "the installed build"
    )
    compiled = ", ".join(build["compiled"]) or "none (pure Python)"  # type: ignore[arg-type]
    print(f"reflow measured: {where}, {package}; compiled modules: {compiled}")
    if in_checkout:
        # An install byte-compiles reflow; a source tree may hold no bytecode, or stale bytecode
        # that is never rewritten (PYTHONDONTWRITEBYTECODE), and then every run compiles the
        # modules it imports again (cli.py alone: ~12 ms). Measure what an install runs.
        import compileall

        compileall.compile_dir(str(package), quiet=1)
    with tempfile.TemporaryDirectory(prefix="reflow-bench-") as tmp:
        scratch = Path(tmp)
        results = throughput(sizes, options.repeat, scratch) if "throughput" not in skip else {}
        pipe_sizes = (
            [10 * MB]
            + ([100 * MB] if options.big else [])
            + ([1000 * MB] if options.gigabyte else [])
        )
        memory = pipe_memory(pipe_sizes) if "memory" not in skip else {}
        ratios = pathological(scratch, 10) if "pathological" not in skip else []
        starts, loaded = startup(scratch, 10) if "startup" not in skip else ({}, {})
        if not skip - {""}:
            verdict(results, sizes, memory, ratios, starts, loaded)
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
