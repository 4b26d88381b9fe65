"""The compiled modules are built from the current source and give what that source gives."""

from __future__ import annotations

import ast
import json
import os
import random
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import reflow
from reflow.options import Options

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "reflow"
CORPUS = ROOT.parent / "shared" / "corpus" / "dev" / "input"

COMPILED = reflow.compiled_modules()
needs_compiled = pytest.mark.skipif(not COMPILED, reason="no compiled modules: pure Python")

#: What the comparison runs each input with: (to, width, explain).
OPTION_SETS = [
    ("markdown", 0, False),
    ("markdown", 72, False),
    ("text", 0, False),
    ("text", 60, False),
    ("jsonl", 0, True),
]


def _setup_modules() -> list[str]:
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "COMPILED":
            return sorted(ast.literal_eval(node.value))
    raise LookupError("COMPILED in setup.py")


def _setup_decision() -> dict[str, object]:
    """setup.py's ``compiling`` and what it calls, run apart from ``setup()``."""
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    wanted = {"EDITABLE_COMMANDS", "editable", "compiling"}
    nodes = [
        node
        for node in tree.body
        if (isinstance(node, ast.FunctionDef) and node.name in wanted)
        or (isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") in wanted)
    ]
    namespace: dict[str, object] = {"os": os, "sys": sys}
    exec(compile(ast.Module(nodes, type_ignores=[]), "setup.py", "exec"), namespace)
    return namespace


@pytest.mark.parametrize(
    ("argv", "env", "compiles"),
    [
        (["bdist_wheel"], {}, True),  # pip install . / a wheel
        (["build_ext", "--inplace"], {}, True),
        (["editable_wheel", "--dist-info-dir", "x"], {}, False),  # pip install -e .
        (["develop"], {}, False),
        (["editable_wheel"], {"REFLOW_COMPILE": "1"}, True),  # CI
        (["bdist_wheel"], {"REFLOW_COMPILE": "0"}, False),
        (["bdist_wheel"], {"REFLOW_PURE_PYTHON": "1"}, False),
    ],
)
def test_compiled_on_request_for_development(
    argv: list[str], env: dict[str, str], compiles: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    decision = _setup_decision()
    for name in ("REFLOW_COMPILE", "REFLOW_PURE_PYTHON"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "argv", ["setup.py", *argv])
    assert decision["compiling"]() is compiles  # type: ignore[operator]


@pytest.mark.skipif(not os.environ.get("CI"), reason="only CI insists on a compiler")
def test_ci_runs_every_module_compiled() -> None:
    # A build that fell back to Python passes every other test, slowly: CI says so instead.
    assert _setup_modules() == COMPILED


@needs_compiled
def test_compiled_modules_are_built_from_the_current_source() -> None:
    # Every .pxd counts for every module: a module compiles in the declarations it cimports.
    declarations = list(PACKAGE.glob("*.pxd"))
    stale = []
    for name in COMPILED:
        (built,) = PACKAGE.glob(f"{name}.*.so")
        sources = [PACKAGE / f"{name}.py", *declarations]
        newest = max(path.stat().st_mtime for path in sources)
        if built.stat().st_mtime < newest:
            stale.append(name)
    assert not stale, (
        f"edited after compiling: {stale}; rebuild with: REFLOW_COMPILE=1 pip install -e ."
    )


def _scrambled(text: str, seed: int) -> str:
    """The text's words hard-wrapped again at another width, with its blank lines dropped."""
    rng = random.Random(seed)
    paragraphs = [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]
    lines: list[str] = []
    for paragraph in paragraphs:
        wrapped = textwrap.wrap(paragraph, rng.randint(30, 100), break_on_hyphens=True)
        if rng.random() < 0.3 and wrapped:
            first, _, rest = wrapped[0].partition(" ")
            wrapped[0:1] = [first, rest] if rest else [first]
        lines += wrapped
        if rng.random() < 0.3:
            lines.append("")
    return "\n".join(lines) + "\n"


def _inputs() -> list[bytes]:
    paths = sorted(ROOT.glob("fixtures/*/input.*")) + sorted(ROOT.glob("bench/articles/*"))
    inputs = [path.read_bytes() for path in paths]
    for seed, data in enumerate(list(inputs)):
        inputs.append(_scrambled(data.decode("utf-8", "replace"), seed).encode())
    corpus = sorted(CORPUS.glob("*/*.txt")) if CORPUS.is_dir() else []
    inputs += [path.read_bytes() for path in corpus[:: max(1, len(corpus) // 40)]]
    return inputs


_RUN = """
import json, sys
import reflow
from reflow.options import Options
assert not reflow.compiled_modules(), reflow.__file__
results = []
for data in json.load(sys.stdin):
    for to, width, explain in json.loads(sys.argv[1]):
        options = Options(to=to, width=width, explain=explain)
        try:
            results.append(reflow.normalize_bytes(data.encode("latin-1"), options))
        except reflow.ReflowError as error:
            results.append(f"{type(error).__name__}: {error}")
json.dump(results, sys.stdout)
"""


@needs_compiled
def test_compiled_output_is_the_python_sources_output(tmp_path: Path) -> None:
    # The package as plain Python: the same source files, nothing compiled beside them.
    shutil.copytree(
        PACKAGE, tmp_path / "reflow", ignore=shutil.ignore_patterns("*.so", "*.c", "__pycache__")
    )
    inputs = _inputs()
    expected = []
    for data in inputs:
        for to, width, explain in OPTION_SETS:
            try:
                expected.append(
                    reflow.normalize_bytes(data, Options(to=to, width=width, explain=explain))
                )
            except reflow.ReflowError as error:
                expected.append(f"{type(error).__name__}: {error}")
    pure = subprocess.run(
        [sys.executable, "-c", _RUN, json.dumps(OPTION_SETS)],
        input=json.dumps([data.decode("latin-1") for data in inputs]),
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        cwd=tmp_path,  # "-c" puts the working directory first on the path
        check=False,
    )
    assert pure.returncode == 0, pure.stderr[-2000:]
    got = json.loads(pure.stdout)
    assert len(got) == len(expected)
    differing = [index for index, (a, b) in enumerate(zip(got, expected, strict=True)) if a != b]
    assert not differing, f"{len(differing)} outputs differ, the first: {differing[0]}"
