"""Fit where Korean wrapped by character had its spaces (``reflow/hangul.py``).

w3m wraps Korean at the width, between any two syllables: a line end may fall inside a word or
where a space was, and the space is gone. The model weighs the syllables on either side (how
often a space follows the left part's last one or two, or comes before the right part's first
one or two, in Korean prose) and what the document itself shows (whether either part, or the
two joined, stands as a word inside its lines).

The syllable tables are counted from the gold paragraphs of a Korean corpus (``--corpus``, made
by train/corpus.py from the ``vueko`` and ``viteko`` sources); the weights are fitted on the
line ends of its w3m rendition, each document's features read from tables counted on the
other half of the corpus (so the fit sees the tables as they will meet text they were not
counted on). ``--check`` reports the decisions on other corpora (React's Korean documentation,
dev), fitted on none of them.

    python train/fit_hangul.py --corpus ../train-data-ko --check ../unseen-ko --write
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import re
import sys
from collections import Counter
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import fit
import numpy as np

import reflow
from reflow import hangul
from reflow.measure import is_hangul
from reflow.profile import WORD_EDGES, document_words, learn

MIN_COUNT = 3  # a syllable or pair seen fewer times is left out of its table (read as average)
SMOOTHING = 2.0  # pseudo-counts at the average rate, so a rare syllable says little
_HANGUL_RUN = re.compile("[\uac00-\ud7a3]+")

Tables = tuple[dict[str, float], dict[str, float], dict[str, float], dict[str, float]]
LineEnd = tuple[str, str, str, bool, frozenset[str]]  # document, left, right, spaced, inner words


def gold_texts(corpus: Path, ids: set[str] | None = None) -> list[str]:
    texts = []
    for path in sorted((corpus / "gold").glob("*.json")):
        if ids is None or path.stem in ids:
            paragraphs = json.loads(path.read_text(encoding="utf-8"))["paragraphs"]
            texts.append("\n".join(" ".join(p.split()) for p in paragraphs))
    return texts


def tables(texts: list[str]) -> Tables:
    """Log-odds, against the average, that a space follows a word's last one or two
    syllables and comes before its first one or two (counted where another Hangul word is on
    the other side of the space)."""
    spaced: list[Counter[str]] = [Counter() for _ in range(4)]
    seen: list[Counter[str]] = [Counter() for _ in range(4)]
    for text in texts:
        for match in _HANGUL_RUN.finditer(text):
            word, start, end = match.group(), match.start(), match.end()
            space_after = text[end : end + 1] == " " and is_hangul(text[end + 1 : end + 2] or "a")
            space_before = start > 1 and text[start - 1] == " " and is_hangul(text[start - 2])
            for size, after, before in ((1, 0, 2), (2, 1, 3)):
                for index in range(size, len(word)):  # inside the word: no space
                    seen[after][word[index - size : index]] += 1
                    seen[before][word[len(word) - index : len(word) - index + size]] += 1
                if len(word) >= size:
                    if space_after:
                        seen[after][word[-size:]] += 1
                        spaced[after][word[-size:]] += 1
                    if space_before:
                        seen[before][word[:size]] += 1
                        spaced[before][word[:size]] += 1
    result = []
    for count, total in zip(spaced, seen, strict=True):
        rate = sum(count.values()) / max(1, sum(total.values()))
        prior = math.log(rate / (1 - rate))
        table = {}
        for key, n in total.items():
            if n >= MIN_COUNT:
                p = (count[key] + SMOOTHING * rate) / (n + SMOOTHING)
                table[key] = round(math.log(p / (1 - p)) - prior, 2)
        result.append(dict(sorted(table.items())))
    return result[0], result[1], result[2], result[3]


def line_ends(corpus: Path, rendition: str = "a_w3m") -> Iterator[LineEnd]:
    """Every line end between two Hangul syllables in a document reflow reads as Korean
    wrapped by character, with the truth where the gold tells it (the left part and the right
    one found in it spaced, or joined, but not both)."""
    folder = corpus / "input" / rendition
    for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
        gold = corpus / "gold" / f"{path.stem}.json"
        if not gold.is_file():
            continue
        lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
        if not learn(lines, words=False).hangul_split_anywhere:
            continue
        paragraphs = json.loads(gold.read_text(encoding="utf-8"))["paragraphs"]
        text = "\n".join(" ".join(p.split()) for p in paragraphs)
        inner = document_words(lines, inner=True)
        for a, b in pairwise(lines):
            a, b = a.rstrip(), b.lstrip()
            if not (a and b and is_hangul(a[-1]) and is_hangul(b[0])):
                continue
            left = a[a.rfind(" ") + 1 :]
            space = b.find(" ")
            right = b if space < 0 else b[:space]
            spaced, joined = left + " " + right in text, left + right in text
            if spaced != joined:
                yield path.stem, left.strip(WORD_EDGES), right.strip(WORD_EDGES), spaced, inner


def as_model(weights: np.ndarray, found: Tables) -> hangul.HangulModel:
    return hangul.HangulModel(tuple(float(w) for w in weights[:-1]), float(weights[-1]), *found)


def matrix(ends: list[LineEnd], model_of: dict[str, hangul.HangulModel]) -> np.ndarray:
    return np.array(
        [hangul.features(left, right, inner, model_of[doc]) for doc, left, right, _, inner in ends]
    )


def report(
    name: str, ends: list[LineEnd], model: hangul.HangulModel | dict[str, hangul.HangulModel]
) -> dict[str, float]:
    """How the model (or each document's) decides ``ends``: printed and returned."""
    model_of = model if isinstance(model, dict) else dict.fromkeys({e[0] for e in ends}, model)
    said = [
        hangul.score(hangul.features(left, right, inner, model_of[doc]), model_of[doc]) > 0
        for doc, left, right, _, inner in ends
    ]
    truth = [spaced for _, _, _, spaced, _ in ends]
    pairs = list(zip(said, truth, strict=True))
    right = sum(s == t for s, t in pairs)
    found = sum(s and t for s, t in pairs)
    wrongly = sum(s and not t for s, t in pairs)
    figures = {
        "line_ends": len(ends),
        "spaced": sum(truth),
        "accuracy": round(right / max(1, len(ends)), 4),
        "spaces_found": found,
        "spaces_put_inside_words": wrongly,
    }
    print(f"{name}: " + ", ".join(f"{k} {v}" for k, v in figures.items()))
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="the Korean training corpus")
    parser.add_argument("--check", type=Path, action="append", default=[], help="held out")
    parser.add_argument("--write", action="store_true", help="write reflow/data/hangul_spaces.json")
    args = parser.parse_args(argv)

    ends = list(line_ends(args.corpus))
    if not ends:
        print(f"no Korean wrapped by character in {args.corpus}", file=sys.stderr)
        return 1
    documents = sorted({doc for doc, *_ in ends})
    halves = [set(documents[0::2]), set(documents[1::2])]
    crossed = [tables(gold_texts(args.corpus, half)) for half in reversed(halves)]
    unfitted = np.zeros(len(hangul.FEATURES) + 1)
    model_of = {doc: as_model(unfitted, crossed[0 if doc in halves[0] else 1]) for doc in documents}
    x = matrix(ends, model_of)
    y = np.array([spaced for _, _, _, spaced, _ in ends], dtype=float)
    beta = fit.fit(x, y)
    found = tables(gold_texts(args.corpus))
    model = as_model(beta, found)
    weights = {n: round(float(w), 4) for n, w in zip(hangul.FEATURES, beta[:-1], strict=True)}
    print("weights: " + ", ".join(f"{n} {w:+.2f}" for n, w in weights.items()))
    print(f"bias {beta[-1]:+.2f}; tables {', '.join(str(len(t)) for t in found)}")
    crossed_of = {doc: as_model(beta, crossed[0 if doc in halves[0] else 1]) for doc in documents}
    checks = {"training": report("training (tables of the other half)", ends, crossed_of)}
    for corpus in args.check:
        checks[corpus.name] = report(f"check {corpus.name}", list(line_ends(corpus)), model)
        if (Path(reflow.__file__).parent / "data" / "hangul_spaces.json").is_file():
            checks[corpus.name + " before"] = report(
                f"check {corpus.name}, the package's model", list(line_ends(corpus)), hangul.model()
            )
    if args.write:
        path = Path(reflow.__file__).parent / "data" / "hangul_spaces.json"
        data = {
            "fitted": datetime.date.today().isoformat(),
            "by": "train/fit_hangul.py",
            "corpus": str(args.corpus.name),
            "documents": len(documents),
            "line_ends": len(ends),
            "checks": {k: v for k, v in checks.items() if not k.endswith(" before")},
            "weights": weights,
            "bias": round(float(beta[-1]), 4),
            "after": found[0],
            "after_two": found[1],
            "before": found[2],
            "before_two": found[3],
        }
        path.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        print(f"-> {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
