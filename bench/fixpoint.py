"""Unstable second runs over the property tests' generated documents, per width and format.

    python bench/fixpoint.py [--examples 2000] [--families plain,exotic,spaced,hostile]
                             [--widths 0,20,40,72,100] [--failures out.jsonl]

Each family draws the same documents on every run (derandomized), so two checkouts can be
compared figure for figure. A document is unstable at a width and format when converting
reflow's own output again changes it. Prints one row per family and format: the count of
unstable documents per width, out of the examples drawn.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import reflow  # noqa: E402
from tests.strategies import (  # noqa: E402
    documents,
    exotic_documents,
    hostile_text,
    spaced_documents,
)

FAMILIES: dict[str, st.SearchStrategy[str]] = {
    "plain": documents().map(lambda doc: doc.text),
    "exotic": exotic_documents(),
    "spaced": spaced_documents(),
    "hostile": hostile_text,
}
FORMATS = ("text", "markdown")


def count_unstable(
    family: str, examples: int, widths: list[int], failures: list[dict[str, object]]
) -> tuple[int, Counter[tuple[str, int]]]:
    """How many documents were drawn, and the unstable ones per (format, width)."""
    unstable: Counter[tuple[str, int]] = Counter()
    drawn = 0

    @settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(FAMILIES[family])
    def run(text: str) -> None:
        nonlocal drawn
        drawn += 1
        for to in FORMATS:
            for width in widths:
                first = reflow.normalize(text, to=to, width=width)
                second = reflow.normalize(first, to=to, width=width)
                if second != first:
                    unstable[to, width] += 1
                    failures.append(
                        {"family": family, "to": to, "width": width, "input": text, "first": first}
                    )

    run()
    return drawn, unstable


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000)
    parser.add_argument("--families", default=",".join(FAMILIES))
    parser.add_argument("--widths", default="0,20,40,72,100")
    parser.add_argument("--failures", type=Path, help="write each unstable case here (JSONL)")
    args = parser.parse_args(argv)
    widths = [int(width) for width in args.widths.split(",")]
    failures: list[dict[str, object]] = []
    print(f"{'family':8} {'to':8} {'drawn':>6} " + " ".join(f"w{width:<5}" for width in widths))
    for family in args.families.split(","):
        drawn, unstable = count_unstable(family, args.examples, widths, failures)
        for to in FORMATS:
            counts = " ".join(f"{unstable[to, width]:<6}" for width in widths)
            print(f"{family:8} {to:8} {drawn:>6} {counts}", flush=True)
    if args.failures:
        with args.failures.open("w", encoding="utf-8") as out:
            for failure in failures:
                out.write(json.dumps(failure, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
