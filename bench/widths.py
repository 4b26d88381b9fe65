"""Paragraph recovery on the shared corpus's gold paragraphs re-wrapped at several widths.

    python bench/widths.py [--shapes seed,book,noblank,blank] [--widths 60,72,100]

The development corpus (``../shared/corpus/dev``, not part of this repository) holds each
article's gold paragraphs. This script re-wraps them with ``textwrap`` in a few shapes and
scores reflow on each with the corpus's own scorer (``../shared/eval/score.py``), so that a
width the corpus renditions do not use (60 or 100 columns) shows whether anything is tuned to
80. It exits quietly when the shared data is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("REFLOW_SHARED", ROOT.parent / "shared"))
sys.path.insert(0, str(ROOT))

import reflow  # noqa: E402


def wrap(paragraph: str, width: int, indent: str = "") -> list[str]:
    return textwrap.wrap(
        indent + paragraph, width, break_on_hyphens=False, break_long_words=False
    ) or [paragraph]


def render(paragraphs: list[str], shape: str, width: int) -> str:
    """The paragraphs in one of the shapes reflow meets."""
    lines: list[str] = []
    for paragraph in paragraphs:
        if shape == "seed" and " " in paragraph:  # the first word alone on its line
            first, rest = paragraph.split(" ", 1)
            lines += [first, *wrap(rest, width)]
        elif shape == "book":  # the first line indented, no blank lines
            lines += wrap(paragraph, width, "    ")
        else:
            lines += wrap(paragraph, width)
            if shape == "blank":
                lines.append("")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shapes", default="seed,book,noblank,blank")
    parser.add_argument("--widths", default="60,72,100")
    args = parser.parse_args(argv)
    gold_dir = SHARED / "corpus" / "dev" / "gold"
    if not gold_dir.is_dir() or not (SHARED / "eval" / "score.py").is_file():
        print(f"no shared corpus at {SHARED}: nothing to measure")
        return 0
    sys.path.insert(0, str(SHARED / "eval"))
    import score  # the corpus's own scorer

    golds = [json.loads(path.read_text()) for path in sorted(gold_dir.glob("*.json"))]
    widths = [int(w) for w in args.widths.split(",")]
    print("| shape | " + " | ".join(f"{w} columns" for w in widths) + " |")
    print("|---|" + "---|" * len(widths))
    for shape in args.shapes.split(","):
        row = []
        for width in widths:
            total = recovered = 0
            for gold in golds:
                paragraphs = [p for p in gold["paragraphs"] if p.strip()]
                text = render(paragraphs, shape, width)
                result = score.score_output(paragraphs, reflow.normalize(text), text)
                total += result["n_pars"]
                recovered += result["recovered"]
            row.append(f"{recovered / total:.3f}")
        print(f"| {shape} | " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
