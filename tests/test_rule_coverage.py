"""Every named rule is cited by at least one golden case in fixtures/ (or says why it cannot be).

The rule names are read from the package, not restated: the notes reflow's source writes
(``Note("name", …)``), the rules ``decide`` returns, classify's ``RULES``, the dialect tables
of reflow/dialects.py and the named patterns of reflow/furniture.py. The golden cases are run
with ``explain`` on (text cases) or read with ``line_roles`` (Markdown cases), and every name
must turn up in at least one of them.
"""

from __future__ import annotations

import ast
import tomllib
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import reflow
from reflow import classify, dialects, furniture
from reflow.model import Note

from .conftest import FIXTURES, ROOT

PACKAGE = ROOT / "reflow"

#: Rules that no golden case can cite, and why.
CANNOT_APPEAR = {
    # ``decide``'s verdicts for a line that runs on: they change nothing, so --explain is
    # silent about them ("signals" is cited only where it breaks a paragraph in unwrapped
    # text, as "break:signals").
    "continues": "a line that runs on is not a decision worth a note",
    "no-paragraph-habit": "a full line that runs on (nothing ends paragraphs): not a note either",
}

#: The duplicate rules' reasons (classify writes ``duplicate:{why}``; checked below to be in
#: the source, so that a renamed reason fails here instead of passing unseen).
DUPLICATE_REASONS = ("any-repeat", "decorated-copy", "near-copy")

#: Dialect rules set by name in dialects.py's code rather than in its tables.
DIALECT_RULES_IN_CODE = (
    "template-line",
    "definition-term",
    "colon-directive",
    "code-fence",
    "open-tag",
    "link-list",
    "table-row",
    "expression-block",
    "block-options",
    "jsx-tag",
    "jsx-text",
    "code-paragraph",
    "definition-run",
    "component-block",
    "metadata-block",
    "property-line",
    "snippet-paragraph",
)

#: The rules by which a line begins a block of its own (``LineRoles.starts``).
DIALECT_START_RULES = ("definition-body", "footnote-label", "nested-bullet")


def _sources() -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def _literal(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


@cache
def _string_literals() -> frozenset[str]:
    return frozenset(
        value
        for _path, tree in _sources()
        for node in ast.walk(tree)
        if (value := _literal(node)) is not None
    )


@cache
def text_rules() -> frozenset[str]:
    """The rules text mode cites: every constant ``Note`` name in the package, what a
    ``decide`` returns or a ``…, rule = …, "name"`` assignment names, the classify rules
    and the duplicate reasons."""
    found: set[str] = set()
    for _path, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Note":
                if node.args and (name := _literal(node.args[0])) is not None:
                    found.add(name)
            elif isinstance(node, ast.FunctionDef) and node.name == "decide":
                for inner in ast.walk(node):
                    if (
                        isinstance(inner, ast.Return)
                        and isinstance(inner.value, ast.Tuple)
                        and (name := _literal(inner.value.elts[-1])) is not None
                    ):
                        found.add(name)
            elif (
                isinstance(node, ast.Assign)
                and getattr(node.targets[0], "id", None) == "rule"
                and (name := _literal(node.value)) is not None
            ):
                found.add(name)  # rule = "name", a rule chosen before its block is made
            elif (
                isinstance(node, ast.Assign)
                and isinstance(node.targets[0], ast.Tuple)
                and getattr(node.targets[0].elts[-1], "id", None) == "rule"
                and isinstance(node.value, ast.Tuple)
                and (name := _literal(node.value.elts[-1])) is not None
            ):
                found.add(name)
    found.update(f"kind:{rule.name}" for rule in classify.RULES)
    found.update(f"duplicate:{why}" for why in DUPLICATE_REASONS)
    return frozenset(found)


@cache
def dialect_rules() -> frozenset[str]:
    """The names Markdown mode protects lines under (``LineRoles.protected``)."""
    found = set(dialects.LINE_RULES)
    for table in dialects.DIALECT_LINE_RULES.values():
        found.update(table)
    found.update(name for name, _opener, _closer in dialects._SPANS)
    found.update(DIALECT_RULES_IN_CODE)
    found.update(DIALECT_START_RULES)
    return frozenset(found)


def _case_options(case: Path) -> dict[str, object]:
    config = case / "case.toml"
    return tomllib.loads(config.read_text(encoding="utf-8")) if config.exists() else {}


@cache
def cited() -> dict[str, frozenset[str]]:
    """Each rule name cited by a golden case -> the cases citing it."""
    found: dict[str, set[str]] = {}
    for case in sorted(path for path in FIXTURES.iterdir() if path.is_dir()):
        (source,) = sorted(case.glob("input.*"))
        options = _case_options(case)
        names: set[str] = set()
        if source.suffix == ".md":
            dialect = str(options.get("dialect", "commonmark"))
            lines = source.read_text(encoding="utf-8").split("\n")
            roles = dialects.line_roles(lines, dialect)
            names.update(roles.protected.values())
            names.update(roles.starts.values())
        else:
            notes: list[Note] = []
            for block in reflow.iter_blocks(
                source.read_bytes(), name=source.name, explain=True, on_note=notes.append, **options
            ):
                notes.extend(block.notes)
            # "break:signals(runs-on -2.6, …)": the rule is named before the features it weighed.
            names.update(note.rule.partition("(")[0] for note in notes)
        for name in names:
            found.setdefault(name, set()).add(case.name)
    return {name: frozenset(cases) for name, cases in found.items()}


def test_the_rule_names_are_found() -> None:
    # The readers above must keep finding the rules if the code moves: a few that must be there.
    assert {"join-wrapped-lines", "dehyphenate", "orphan-opener", "kind:byline"} <= text_rules()
    assert {"colon-fence", "reference-definition", "liquid-code"} <= dialect_rules()
    for name in (*DUPLICATE_REASONS, *DIALECT_RULES_IN_CODE, *DIALECT_START_RULES, *CANNOT_APPEAR):
        assert name in _string_literals(), f"{name!r} is no longer a name in reflow/"


def test_every_text_rule_has_a_golden_case() -> None:
    names = cited()
    missing = sorted(
        rule
        for rule in text_rules() - CANNOT_APPEAR.keys()
        if rule not in names and f"break:{rule}" not in names
    )
    assert not missing, f"rules no golden case in fixtures/ cites: {missing}"


def test_every_dialect_rule_has_a_golden_case() -> None:
    missing = sorted(dialect_rules() - cited().keys())
    assert not missing, f"dialect rules no Markdown case in fixtures/ protects a line by: {missing}"


def test_every_cited_name_is_a_known_rule() -> None:
    # The other way round: a golden case citing a name these readers do not know means they
    # missed a rule (and the coverage test above could not see it go uncovered).
    known = text_rules() | dialect_rules()
    unknown = sorted(
        name
        for name in cited()
        if name not in known and not (name.startswith("break:") and name[6:] in known)
    )
    assert not unknown, unknown


def test_every_furniture_pattern_matches_a_golden_line() -> None:
    # The named patterns of reflow/furniture.py, which the rules above are made of: each one
    # must find something in the golden inputs, or a rule built on it is untested there.
    lines = [
        line.strip()
        for path in sorted(FIXTURES.glob("*/input.*"))
        for line in path.read_bytes().decode("utf-8", errors="replace").splitlines()
    ]
    unmatched = [
        name
        for name in furniture._SOURCES
        if not any(furniture._pattern(name).search(line) for line in lines)
    ]
    assert not unmatched, f"furniture patterns no golden input line matches: {unmatched}"


# The file-selection rules of reflow/prose.py (is a file prose at all?) decide before any
# conversion, so no golden case can show them: tests/test_prose.py holds a sample for each.
