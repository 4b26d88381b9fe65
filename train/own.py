"""Write the project's own generated documents as a small corpus in the training layout.

    python train/own.py --out DIR

The articles of bench/articles in the shapes of bench/accuracy.py, and the families of
bench/families.py (mail, Internet-Drafts, pages printed to PDF), laid out as the training
corpus is (docs/learned-breaks.md): ``manifest.json``, ``gold/<id>.json``,
``input/<rendition>/<id>.txt``. Every word is the project's own. It lets ``train/fit.py`` run
where the real corpus (``train/corpus.py``) has not been built, and adds shapes it lacks.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import accuracy  # noqa: E402  (bench/ is not a package)
import families  # noqa: E402

KINDS = {"p": "p", "h": "h", "li": "li", "by": "byline"}


def seed_narrow(blocks: list[accuracy.Block], width: int) -> str:
    """The seed's shape, with every third paragraph set in a narrower column (as its captions
    and pull quotes are): those lines stop early, and the block goes on."""
    out: list[str] = []
    for index, (kind, text) in enumerate(blocks):
        narrow = kind == "p" and index % 3 == 1
        measure = width // 2 + 5 if narrow else width
        if kind == "p" and " " in text and not narrow:
            first, rest = text.split(" ", 1)
            out.append(first)
            out.extend(accuracy.wrap(rest, measure))
        else:
            out.extend(accuracy.wrap(text, measure))
    return "\n".join(out) + "\n"


#: Shapes beyond bench/accuracy.py's: the seed's with narrow blocks, and books at more widths.
MORE_SHAPES = {
    **{f"seed-narrow-{width}": partial(seed_narrow, width=width) for width in (60, 72, 80, 100)},
    **{f"book-{width}": partial(accuracy.book, width=width) for width in (50, 60, 72, 80, 100)},
}


def write(out: Path) -> int:
    """Write the corpus to ``out``; the number of documents."""
    documents: list[dict[str, object]] = []

    def add(source: str, rendition: str, blocks: list[dict[str, str]], text: str) -> None:
        number = len(documents)
        doc_id = f"{source}-{number:05d}"
        gold = {
            "id": doc_id,
            "source": source,
            "url": f"reflow@{source}:{rendition}",
            "language": "en",
            "paragraphs": [block["text"] for block in blocks if block["kind"] != "furniture"],
            "blocks": blocks,
        }
        (out / "gold" / f"{doc_id}.json").write_text(json.dumps(gold), encoding="utf-8")
        folder = out / "input" / rendition
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        documents.append(
            {
                "id": doc_id,
                "source": source,
                "sha256": hashlib.sha256(text.encode()).hexdigest(),
                "renditions": {rendition: 0},
            }
        )

    (out / "gold").mkdir(parents=True, exist_ok=True)
    shapes = {**accuracy.SHAPES, **MORE_SHAPES}
    for article in sorted((ROOT / "bench" / "articles").glob("*.md")):
        blocks = accuracy.read_article(article)
        for shape, render in shapes.items():
            gold = [{"kind": KINDS[kind], "text": text} for kind, text in blocks]
            add("own-articles", shape, gold, render(blocks))
    for family, (renditions, make) in families.FAMILIES.items():
        for rendition in renditions:
            if families.missing_tool(rendition):
                continue
            for doc in make(rendition):
                gold = [{"kind": "p", "text": text} for text in doc.gold]
                add(f"own-{family}", rendition, gold, doc.text)
    manifest = {"documents": documents, "sources": {}}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return len(documents)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    options = parser.parse_args()
    print(f"{write(options.out)} documents in {options.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
