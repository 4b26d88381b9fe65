"""The reflow modules import one another without a cycle (type-only and deferred imports too)."""

from __future__ import annotations

import ast
from pathlib import Path

import reflow

PACKAGE = Path(reflow.__file__).resolve().parent

#: Deferred imports that still close a loop, left for the split of the compiled line modules
#: (issue 21): wrap asks measure for is_cj inside two functions, and measure imports wrap.
KNOWN_LOOPS = frozenset({("reflow.wrap", "reflow.measure")})


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, name: str, known: set[str]) -> set[str]:
    """The reflow modules ``path`` imports anywhere in it (``__init__`` re-exports aside)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        found.update(t for t in targets if t in known and t != name)
    return found


def import_graph() -> dict[str, set[str]]:
    """Each reflow module and the reflow modules it imports (the package itself left out: it
    re-exports the public API, and every module is inside it)."""
    paths = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    known = set(paths) - {"reflow"}
    graph = {name: _imports(path, name, known) for name, path in paths.items() if name in known}
    for importer, imported in KNOWN_LOOPS:
        graph[importer].discard(imported)
    return graph


def cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle in ``graph``, as the modules along it, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_reflow_modules_import_one_another_without_a_cycle() -> None:
    found = cycle(import_graph())
    assert found is None, " -> ".join(found or ())


def test_the_known_loops_are_still_there() -> None:
    """A loop that is gone comes off ``KNOWN_LOOPS``."""
    paths = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    known = set(paths) - {"reflow"}
    for importer, imported in KNOWN_LOOPS:
        assert imported in _imports(paths[importer], importer, known)


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def _in(package: str, modules: set[str]) -> set[str]:
    """The modules of ``package`` (itself and, if it is a package, its modules) in ``modules``."""
    return {name for name in modules if name == package or name.startswith(package + ".")}


def test_the_safety_checks_sit_below_the_api_and_markdown_mode() -> None:
    graph = import_graph()
    assert "reflow.safety" in graph["reflow.api"]
    markdown_mode = set().union(*(graph[name] for name in _in("reflow.markdown", set(graph))))
    assert "reflow.safety" in markdown_mode
    above = ("reflow.api", "reflow.markdown", "reflow.batch")
    assert not any(_in(package, graph["reflow.safety"]) for package in above)
