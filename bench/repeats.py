"""How far a repeated paragraph stands from its twin: true duplicates against real repeats.

    python bench/repeats.py [--corpus DIR] [--real FILE ...] [--min-chars N]

``--corpus`` holds ``input/<rendition>/<id>.txt`` and ``gold/<id>.json`` (``{"paragraphs":
[...]}``), as ../shared/corpus/dev does. Each input is read into blocks with nothing dropped;
each paragraph of at least ``--min-chars`` characters whose words equal an earlier one's is a
repeat. Its distance is counted as ``classify`` counts it: 1 + the blocks of the text's flow
between it and its twin (furniture and paragraphs in brackets or quotes do not count). A repeat
is *real* when the gold holds its words at least as many times as the input has shown them so
far (dropping it would lose content), else a *true duplicate*. Every repeat in a ``--real``
file is real (texts written for the purpose: fixtures/repeats-in-flow/input.txt).

The script prints both distributions, and what a rule "drop a copy wrapped in more brackets
or quotes than its twin, or within D blocks of it" drops for each D: that is how
``classify.NEAR_REPEAT_BLOCKS`` was chosen (the corpus is a check, not training data).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import reflow  # noqa: E402
from reflow.classify import _wrap_depth, fingerprint  # noqa: E402
from reflow.model import BODY_KINDS, Kind  # noqa: E402

#: The kinds a repeat is looked for among (a dropped copy is a pull quote).
_PROSE = {Kind.PARAGRAPH, Kind.VERSE, Kind.PULL_QUOTE}

#: (distance, one of the pair wrapped in more marks than the other, real) of one repeat.
Repeat = tuple[int, bool, bool]


def repeats_of(data: bytes, min_chars: int) -> list[tuple[str, int, bool, int]]:
    """(fingerprint, distance, wrapped differently, occurrence) of every repeat in one input."""
    blocks = [b for b in reflow.iter_blocks(data, keep_duplicates=True) if b.text]
    last: dict[str, tuple[int, int]] = {}  # fingerprint -> (flow count after it, its depth)
    shown: Counter[str] = Counter()
    found = []
    flow = 0
    for block in blocks:
        keyed = block.kind in _PROSE and len(block.text) >= min_chars
        depth = _wrap_depth(block.text) if keyed else 0
        if keyed:
            key = fingerprint(block.text)
            shown[key] += 1
            if key in last:
                after, twin_depth = last[key]
                found.append((key, flow - after + 1, depth != twin_depth, shown[key]))
        if (block.kind in BODY_KINDS or block.kind is Kind.PULL_QUOTE) and not depth:
            flow += 1
        if keyed:
            last[key] = (flow, depth)
    return found


def corpus_repeats(corpus: Path, min_chars: int) -> list[Repeat]:
    gold = {}
    for path in sorted((corpus / "gold").glob("*.json")):
        paragraphs = json.loads(path.read_text(encoding="utf-8"))["paragraphs"]
        gold[path.stem] = Counter(fingerprint(p) for p in paragraphs)
    found: list[Repeat] = []
    for folder in sorted((corpus / "input").iterdir()):
        for path in sorted(folder.glob("*.txt")):
            counts = gold.get(path.stem, Counter())
            for key, distance, decorated, occurrence in repeats_of(path.read_bytes(), min_chars):
                found.append((distance, decorated, counts[key] >= occurrence))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--real", type=Path, nargs="*", default=[])
    parser.add_argument("--min-chars", type=int, default=80)
    args = parser.parse_args()
    found: list[Repeat] = corpus_repeats(args.corpus, args.min_chars) if args.corpus else []
    for path in args.real:
        found += [(d, dec, True) for _, d, dec, _ in repeats_of(path.read_bytes(), args.min_chars)]
    print(f"repeats of {args.min_chars}+ characters, by distance from the twin (1: right after)")
    print(f"{'distance':>10} {'true dups':>10} {'real':>6}   of which wrapped unlike the twin")
    for distance in sorted({d for d, _, _ in found}):
        here = [(decorated, real) for d, decorated, real in found if d == distance]
        true = [decorated for decorated, real in here if not real]
        real = [decorated for decorated, real in here if real]
        wrapped = f"{sum(true)} true, {sum(real)} real"
        print(f"{distance:>10} {len(true):>10} {len(real):>6}   {wrapped}")
    total_real = sum(1 for _, _, real in found if real)
    total_true = len(found) - total_real
    print("\ndropped by 'one of the pair wrapped more, or within D blocks of it':")
    print(f"{'D':>3} {'true dups':>13} {'real repeats':>13}")
    for near in range(9):
        dropped = [real for d, decorated, real in found if decorated or d <= near]
        dropped_real = sum(dropped)
        dropped_true = len(dropped) - dropped_real
        print(f"{near:>3} {dropped_true:>7}/{total_true:<5} {dropped_real:>7}/{total_real:<5}")


if __name__ == "__main__":
    main()
