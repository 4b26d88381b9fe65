"""Text mode takes time linear in its input: hostile families at 1x, 10x and 100x their size.

Each family repeats the pieces one of reflow's patterns or loops is built from, the shape a
backtracking pattern tries exponentially or quadratically many ways. A growth test, not a
timed one: it compares each size with the one ten times smaller, and fails only when the
time grows far faster than the input (a ratio above 25 where 10 is linear), with a floor so
that timings of a few milliseconds do not decide anything. An alarm turns a hang into a
failure. The patterns rewritten to be linear are also compared with their first, backtracking
forms on short strings, where those are still fast: they match the same lines.
"""

from __future__ import annotations

import ast
import re
import signal
import time
from collections.abc import Callable
from functools import cache
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

import reflow
from reflow import furniture, paragraphs

from .conftest import ROOT

#: Growth from one size to the next (ten times larger) above which the time is super-linear.
RATIO = 25.0
#: Times below this count as this (seconds): noise, start-up and caches, not growth.
FLOOR = 0.01
#: Seconds one conversion may take before the test calls it a hang.
HANG = 10

#: name -> (the document of ``n`` units, the unit count at 1x).
FAMILIES: dict[str, tuple[Callable[[int], str], int]] = {
    # An all-caps byline with an agency: names the pattern could cut letter by letter.
    "byline": (lambda n: "By " + "AB & " * n + "(AP)", 2),
    "byline-lines": (lambda n: "BY ABCDEFGH & IJKLMN & OPQRST (AP)\n" * n, 4),
    # An image name that fails at its end, glued names the pattern could cut many ways.
    "image-names": (lambda n: "?" + "a.png" * n + "x", 3),
    "image-queries": (lambda n: "a.png?" * n + "\u00a0x", 3),
    # Runs of no-break spaces with no space among them.
    "no-break-spaces": (lambda n: "a" + "\u00a0" * n + "b", 1000),
    "no-break-and-spaces": (lambda n: "a" + "\u00a0 " * n + "b", 200),
    # Quote markers, separators, rules, list and heading markers, bracketed names.
    "quote-markers": (lambda n: ">" * n, 3000),
    "separators": (lambda n: "| " * n + "x", 200),
    "dashes": (lambda n: "- " * n + "x", 200),
    "hashes": (lambda n: "#" * n + " x", 400),
    "brackets": (lambda n: "[a]" * n + " [b c", 100),
    "placeholder-slashes": (lambda n: "[" + "/" * n + " x", 400),
    "caps-dateline": (lambda n: "WASHINGTON " * n + "- x", 40),
    "credit-slash": (lambda n: "Ann Lee/" * n + "x", 50),
    "tabs-and-spaces": (lambda n: "a" + " \t" * n + "b", 200),
    "hyphen-lines": (lambda n: "pre-\n" * n, 60),
    "numbered-lines": (lambda n: "1.\n" * n, 40),
    # Drawn tables and grids: each border or rule reads ahead (bounded) from where it stands.
    "grid-borders": (lambda n: "+---+\n" * n, 40),
    "grid-rows": (lambda n: "+---+\n" + "| a |\n" * n, 40),
    "grid-cells": (lambda n: "+-----+\n| a b c d e f g h i j k l m. |\n" * n, 20),
    "box-rows": (lambda n: "│a│\n" * n, 40),
    "dash-columns": (lambda n: "  --- ---\n  a b\n" * n, 20),
    "label-lines": (lambda n: "Meal 3\n" * n + "\n", 40),
    # Lone numbers, none a page apart: each may open a run that counts up (bare page numbers).
    "lone-numbers": (lambda n: "".join(f"{k % 7}\n" for k in range(n)), 100),
    # A run of Chinese without a space, cut into lines of the text output's width.
    "chinese-run": (lambda n: "中" * n, 400),
}
#: Families converted with a width (re-wrapped), not 0 (one line a paragraph).
WIDTHS = {"chinese-run": 72}


class _Hang(Exception):
    pass


def _raise_hang(signum: int, frame: object) -> None:
    raise _Hang


def _seconds(text: str, repeats: int, width: int = 0) -> float:
    """The least time of ``repeats`` text conversions of ``text``."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        reflow.normalize(text, to="text", width=width)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs an interval timer")
@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_time_grows_linearly(family: str) -> None:
    make, base = FAMILIES[family]
    width = WIDTHS.get(family, 0)
    reflow.normalize(make(base), to="text", width=width)  # loads modules, compiles patterns
    previous = signal.signal(signal.SIGALRM, _raise_hang)
    signal.setitimer(signal.ITIMER_REAL, HANG)
    try:
        times = [
            _seconds(make(base * scale), 3 if scale < 100 else 2, width) for scale in (1, 10, 100)
        ]
    except _Hang:
        pytest.fail(f"{family}: one conversion took more than {HANG} s")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    for small, large in pairwise(times):
        assert large <= RATIO * max(small, FLOOR), (family, times)


# -- the rewritten patterns match what their first forms matched --------------------------------

_BYLINE_BEFORE = re.compile(
    r"""(?x)
    ^(?:[Bb]y|BY)\s+
    (?:[A-Z][\w’'.\-]*\.?\s*){1,4}
    (?:(?:,\s*|\s+and\s+|\s*&\s*)(?:[A-Z][\w’'.\-]*\.?\s*){1,4}){0,4}
    (?:\s*[,|]\s*.*|\s+(?:for|of|at|in)\s+.*)?$
    """
)
_IMAGE_NAME_BEFORE = re.compile(
    r"^(?:\S+\.(?:jpe?g|png|gif|webp|svg|avif)(?:\?\S*)?[ \t]*)+$", re.IGNORECASE
)
_LEADING_PLACEHOLDERS_BEFORE = re.compile(
    r"^((?:\[[^\[\]\s]{1,300}\][ \t]*){2,}|\[[^\[\]\s]{0,300}[\d_./\-][^\[\]\s]{0,300}\]"
    r"|\[(?:IMG|INLINE)\]|\[[a-z]{2,40}\](?=[A-Z\d]))"
    r"[ \t]*(?=[^\s\[])"
)
_SPACES_BEFORE = re.compile("[ \t\u00a0]*[ \t][ \t\u00a0]*")


@cache
def _paragraphs_pattern(name: str) -> re.Pattern[str]:
    """paragraphs.py's pattern ``name``, read from its source (compiled, the module keeps its
    patterns as C variables, not attributes); read once, not once an example."""
    tree = ast.parse((ROOT / "reflow" / "paragraphs.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == name:
            assert isinstance(node.value, ast.Call)
            return re.compile(*[ast.literal_eval(arg) for arg in node.value.args])
    raise LookupError(name)


def _pieces(*pieces: str, most: int = 12) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=most).map("".join)


_BYLINE_PIECES = _pieces(
    *("Ann", "A", "AB", "Lee", "lee", "É", "é", "1", "Reuters", "(AP)", "x"),
    *(" ", "  ", "\t", "\u00a0", "\n", ",", ", ", " and ", "and", " & ", "&", ".", "’", "'", "-"),
    *(" for ", "for", " of ", " in ", "at", "|", " | "),
)


@given(st.sampled_from(["By ", "by ", "BY ", "B", ""]), _BYLINE_PIECES)
def test_byline_matches_what_it_matched(start: str, rest: str) -> None:
    line = start + rest
    before = _BYLINE_BEFORE.match(line)
    now = furniture._BYLINE.match(line)
    assert (before is None) == (now is None)
    assert before is None or now is None or before.group().rstrip() == now.group().rstrip()


@given(
    _pieces(
        *("a", "b.", ".png", ".PNG", ".jpg", ".jpeg", ".ſvg", "?", "?w=3", "x", ".", "png"),
        *(" ", "\t", "\u00a0", "\n", "\x0b", "\u3000", "/", "é"),
    )
)
def test_image_name_matches_what_it_matched(text: str) -> None:
    stripped = text.strip()  # as is_placeholder asks
    before = _IMAGE_NAME_BEFORE.match(stripped) is not None
    assert (furniture._IMAGE_NAME.match(stripped) is not None) == before


@given(
    _pieces(
        *("[", "]", "a", "1", "/", "_", ".", "-", " ", "\t", "x", "[a]", "[1]", "[a b]", "\n"),
        *("[IMG]", "[ab]", "A"),
    ),
    st.integers(0, 305),
    st.sampled_from(["]", "] x", "]x", "", "1]"]),
)
def test_leading_placeholders_match_what_they_matched(text: str, long: int, end: str) -> None:
    for line in (text, "[" + "a" * long + "/" + "b" * (305 - long) + end + text):
        before = _LEADING_PLACEHOLDERS_BEFORE.match(line)
        now = _paragraphs_pattern("_LEADING_PLACEHOLDERS").match(line)
        assert (before and (before.group(1), before.end())) == (now and (now.group(1), now.end()))


@given(_pieces(" ", "\t", "\u00a0", "a", "\n", "  ", "\u00a0\u00a0", most=16))
def test_spaces_collapse_as_they_did(text: str) -> None:
    assert _paragraphs_pattern("_SPACES").sub(" ", text) == _SPACES_BEFORE.sub(" ", text)
    assert paragraphs._tidy(text) == _SPACES_BEFORE.sub(" ", text.strip())
