"""Every name a .pxd declares still exists in its .py: a stale name would compile silently and
drop its C type (a local, a global, a function, a class member or a cimported name)."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "reflow"
DECLARATIONS = sorted(PACKAGE.glob("*.pxd"))

_FUNCTION = re.compile(r"c?p?def\s+(?:[\w\s.*\[\]]*?\s)?(\w+)\s*\(")
_LOCALS = re.compile(r"@cython\.locals\((.*)\)$", re.DOTALL)
_CIMPORT = re.compile(r"from\s+reflow\.(\w+)\s+cimport\s+\(?([^)]*)\)?$", re.DOTALL)
_MODIFIERS = ("public ", "readonly ")


@dataclass
class Declared:
    """What one .pxd (or one of its classes) declares, each with its line for the message."""

    functions: dict[str, int] = field(default_factory=dict)
    variables: dict[str, int] = field(default_factory=dict)
    # function name -> the local names its @cython.locals types
    locals: dict[str, dict[str, int]] = field(default_factory=dict)


def _statements(path: Path) -> list[tuple[int, int, str]]:
    """The .pxd's statements: (line, indent, text), a bracketed statement joined on one line."""
    found: list[tuple[int, int, str]] = []
    pending = ""
    start = indent = 0
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if not pending:
            if not line.strip():
                continue
            start, indent = number, len(line) - len(line.lstrip())
        pending += " " + line.strip()
        if pending.count("(") == pending.count(")"):
            found.append((start, indent, pending.strip()))
            pending = ""
    return found


def _variable_names(text: str) -> list[str]:
    """The names of ``cdef TYPE a, b[4], c``."""
    body = text.removeprefix("cdef ").lstrip()
    for modifier in _MODIFIERS:
        body = body.removeprefix(modifier)
    first, *rest = body.split(",")
    names = [first.split()[-1], *(part.strip() for part in rest)]
    return [name.split("[")[0].lstrip("*") for name in names]


def parse_pxd(path: Path) -> tuple[Declared, dict[str, Declared], dict[str, list[str]]]:
    """The module's declarations, its classes', and the names it cimports from each module."""
    module = Declared()
    classes: dict[str, Declared] = {}
    cimports: dict[str, list[str]] = {}
    current = module
    pending: dict[str, int] = {}
    for number, indent, text in _statements(path):
        if indent == 0:
            current = module
        if text.startswith("cdef class "):
            name = text.removeprefix("cdef class ").split(":")[0].split("(")[0].strip()
            current = classes.setdefault(name, Declared())
            continue
        imported = _CIMPORT.match(text)
        if imported:
            names = [name.strip() for name in imported.group(2).split(",") if name.strip()]
            cimports.setdefault(imported.group(1), []).extend(names)
            continue
        if text.startswith(("import ", "from ")):
            continue
        typed = _LOCALS.match(text)
        if typed:
            for assignment in typed.group(1).split(","):
                if "=" in assignment:
                    pending[assignment.split("=")[0].strip()] = number
            continue
        if text.startswith("@"):
            continue  # another decorator (cython.final, …)
        function = _FUNCTION.match(text)
        if function:
            current.functions[function.group(1)] = number
            current.locals[function.group(1)] = pending
            pending = {}
        elif text.startswith("cdef "):
            for name in _variable_names(text):
                current.variables[name] = number
        else:
            raise AssertionError(f"{path.name}:{number}: not understood: {text}")
    return module, classes, cimports


def _stored(nodes: list[ast.stmt]) -> set[str]:
    """Names bound in ``nodes`` (assigned, loop and with targets, imports), nested functions
    and classes left out."""
    found: set[str] = set()
    stack: list[ast.AST] = list(nodes)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            found.add(node.id)
        elif isinstance(node, ast.Global | ast.Nonlocal):
            found.update(node.names)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            found.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, ast.arg):
            found.add(node.arg)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            continue  # its own scope
        stack.extend(ast.iter_child_nodes(node))
    return found


def _locals_of(function: ast.FunctionDef) -> set[str]:
    arguments = function.args
    every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
    every += [arg for arg in (arguments.vararg, arguments.kwarg) if arg is not None]
    return {arg.arg for arg in every} | _stored(function.body)


def _functions(nodes: list[ast.stmt]) -> dict[str, ast.FunctionDef]:
    return {node.name: node for node in nodes if isinstance(node, ast.FunctionDef)}


def _members(cls: ast.ClassDef) -> set[str]:
    """A class's attributes: set on ``self`` in its methods, or in its body."""
    found = _stored(cls.body)
    for node in ast.walk(cls):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.ctx, ast.Store)
            and isinstance(node.value, ast.Name)
            and node.value.id == "self"
        ):
            found.add(node.attr)
    return found


def _stale(declared: Declared, functions: dict[str, ast.FunctionDef], names: set[str]) -> list[str]:
    stale = [
        f"function {name} (line {line})"
        for name, line in declared.functions.items()
        if name not in functions
    ]
    stale += [
        f"name {name} (line {line})"
        for name, line in declared.variables.items()
        if name not in names
    ]
    for name, typed in declared.locals.items():
        if name in functions:
            bound = _locals_of(functions[name])
            stale += [
                f"local {local} of {name} (line {line})"
                for local, line in typed.items()
                if local not in bound
            ]
    return stale


@pytest.mark.parametrize("pxd", DECLARATIONS, ids=lambda path: path.name)
def test_every_declared_name_exists_in_the_source(pxd: Path) -> None:
    source = ast.parse(pxd.with_suffix(".py").read_text(encoding="utf-8"))
    module, classes, cimports = parse_pxd(pxd)
    stale = _stale(module, _functions(source.body), _stored(source.body))
    sources = {node.name: node for node in source.body if isinstance(node, ast.ClassDef)}
    for name, members in classes.items():
        if name not in sources:
            stale.append(f"class {name}")
            continue
        cls = sources[name]
        stale += [f"{name}.{item}" for item in _stale(members, _functions(cls.body), _members(cls))]
    for other, names in cimports.items():
        # A cimported name is a function, a class or a module-level name of the other module.
        body = ast.parse((PACKAGE / f"{other}.py").read_text("utf-8")).body
        defined = {*_functions(body), *_stored(body)}
        defined |= {node.name for node in body if isinstance(node, ast.ClassDef)}
        stale += [f"cimported {other}.{name}" for name in names if name not in defined]
    assert not stale, f"{pxd.name} declares what {pxd.stem}.py no longer has: {stale}"


def test_a_stale_name_is_found(tmp_path: Path) -> None:
    # The check itself: a renamed local, a removed global and a removed function are named.
    (tmp_path / "m.py").write_text("X = 1\n\ndef f(a):\n    b = a\n    return b\n")
    (tmp_path / "m.pxd").write_text(
        "import cython\ncdef int X, Y\n@cython.locals(b=int, c=int)\ncpdef f(a)\ncdef g()\n"
    )
    module, _classes, _cimports = parse_pxd(tmp_path / "m.pxd")
    source = ast.parse((tmp_path / "m.py").read_text())
    stale = _stale(module, _functions(source.body), _stored(source.body))
    assert stale == ["function g (line 5)", "name Y (line 2)", "local c of f (line 3)"]
