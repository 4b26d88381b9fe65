"""Fit the two weights of the seed's habit (``profile.has_orphan_habit``) on the training corpus.

Every document is read as reflow reads it, and the evidence its profile weighed is kept
(``profile.StartEvidence``). The truth is the rendition: the seed's style opens every paragraph
with a lone word, no other rendition does. A weight pair is scored by the paragraphs of the
documents it judges wrongly (a document's paragraphs are what a wrong habit costs); the pair
with the fewest is written to ``reflow/data/orphan_habit.json``. Each source is also left out in
turn, to show the weights hold on text they were not fitted on.

    python train/fit_habit.py --corpus ../train-data --corpus ../train-data-2 --write
"""

from __future__ import annotations

import argparse
import datetime
import json
import multiprocessing
import sys
from collections import defaultdict
from pathlib import Path

import fit

import reflow
from reflow import profile

#: The weights tried: eighths from 0 to 1 (a lone word over a capital, or a short start, counts
#: at most as much as the plain evidence it may be).
GRID = [step / 8 for step in range(9)]
#: The weights before they were fitted (a capital halved a lone word; every start counted).
HAND_SET = (0.5, 1.0)

Row = tuple[str, str, bool, profile.StartEvidence, int]


def has_habit(rendition: str) -> bool:
    return "seed" in rendition


def _evidence(document: fit.Document) -> Row | None:
    seen: list[profile.StartEvidence] = []
    original = profile._paragraph_starts

    def recording(*args, **options):  # type: ignore[no-untyped-def]
        seen.append(original(*args, **options))
        return seen[-1]

    profile._paragraph_starts = recording  # type: ignore[assignment]
    try:
        reflow.normalize(document.input_path.read_text(encoding="utf-8", errors="replace"))
    except Exception:  # a document reflow refuses says nothing about habits
        return None
    finally:
        profile._paragraph_starts = original  # type: ignore[assignment]
    if not seen:
        return None
    gold = json.loads(document.gold_path.read_text(encoding="utf-8"))
    # The last profile learned is the one the paragraphs were built with.
    return (
        document.source,
        document.rendition,
        has_habit(document.rendition),
        seen[-1],
        len(gold["paragraphs"]),
    )


def cost(rows: list[Row], capital: float, short: float) -> int:
    weights = {"lone_before_capital": capital, "short_starts": short}
    return sum(n for _, _, truth, ev, n in rows if profile.has_orphan_habit(ev, weights) != truth)


def best(rows: list[Row]) -> tuple[float, float]:
    return min(((a, b) for a in GRID for b in GRID), key=lambda pair: cost(rows, *pair))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, action="append", required=True)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--write", action="store_true", help="write the package's weights file")
    options = parser.parse_args()
    documents = [doc for corpus in options.corpus for doc in fit.documents(corpus)]
    with multiprocessing.get_context("fork").Pool(options.jobs) as pool:
        rows = [row for row in pool.imap(_evidence, documents, chunksize=8) if row]
    capital, short = best(rows)
    total = sum(row[4] for row in rows)
    print(f"{len(rows)} documents, {total} paragraphs")
    print(f"fitted: lone word over a capital {capital}, short start {short}")
    for name, pair in (("fitted", (capital, short)), ("hand-set", HAND_SET)):
        print(f"  {name:9} paragraphs in wrongly judged documents: {cost(rows, *pair)}")
    print("\nLeft out in turn (weights fitted on the other sources):")
    print("| source | weights | held-out cost | hand-set cost |\n|---|---|---|---|")
    by_source: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_source[row[0]].append(row)
    held = hand = 0
    for source, own in sorted(by_source.items()):
        others = [row for row in rows if row[0] != source]
        pair = best(others)
        held += cost(own, *pair)
        hand += cost(own, *HAND_SET)
        print(f"| {source} | {pair} | {cost(own, *pair)} | {cost(own, *HAND_SET)} |")
    print(f"| all | | {held} | {hand} |")
    if options.write:
        path = Path(profile.__file__).parent / "data" / "orphan_habit.json"
        data = {
            "about": "Fitted by train/fit_habit.py (docs/learned-breaks.md). Do not edit by hand.",
            "weights": {"lone_before_capital": capital, "short_starts": short},
            "corpora": {str(corpus): fit.manifest_hash(corpus) for corpus in options.corpus},
            "date": datetime.date.today().isoformat(),
            "documents": len(rows),
            "cost": cost(rows, capital, short),
            "hand_set_cost": cost(rows, *HAND_SET),
        }
        path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
