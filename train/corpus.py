"""Build the training corpus: documents of known paragraphs rendered the ways users' text is made.

    python train/corpus.py --out DIR [--limit N] [--jobs 2] [--sources a,b] [--pdf-share 0.4]

Reads the sources (train/sources.py) from their git mirrors, adds synthetic furniture where a
page lacks it, renders every document with w3m, lynx, pandoc, Chromium + pdftotext (a share of
the documents), the seed article's style and w3m without blank lines, and writes DIR/manifest.json,
DIR/gold/<id>.json and DIR/input/<rendition>/<id>.txt (the layout of ../shared/corpus/dev). A
renderer that is not installed is skipped. The corpus is written beside DIR and renamed into
place, so a reader never sees half of it.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import math
import os
import random
import re
import shutil
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import furniture  # noqa: E402
import render  # noqa: E402
import sources  # noqa: E402
from htmldom import Block  # noqa: E402

SEED = 16  # the issue that asked for this corpus
RENDITIONS = ["a_w3m", "b_lynx", "c_pandoc", "d_pdf", "d_pdf_layout", "e_seed", "f_noblank"]
# Blocks that must come out as one block each; code, tables and page furniture are not.
PARAGRAPH_KINDS = {"p", "h", "li", "quote", "caption", "credit", "byline", "dateline", "verse",
                   "lines"}  # fmt: skip
# Blocks that repeat the body's own words: a pull quote is a sentence of the text set apart in
# quotation marks, a decorated copy, which issue 16 counts as right to drop. The gold lists it
# among the blocks and does not ask for it (kept, it costs nothing; dropped, no word is lost).
COPY_KINDS = {"pullquote"}
MIN_AGREEMENT = 0.9  # a rendition that shows less of the gold's words than this is left out
SITES = {
    "rustblog": "blog.rust-lang.org", "rustbook": "doc.rust-lang.org", "reactja": "ja.react.dev",
    "reactzh": "zh-hans.react.dev", "jekyll": "jekyllrb.com", "hugo": "gohugo.io",
    "mkdocs": "squidfunk.github.io", "digitalgov": "digital.gov", "blog18f": "18f.gsa.gov",
}  # fmt: skip
RENDITION_NOTES = {
    "e_seed": "from the gold: first word of each paragraph, heading and list item alone (its text "
    "up to the first space), the rest wrapped at W characters by Python's textwrap, no blank "
    "lines, page headers in 60% of documents",
}
FONTS = ["serif", "sans-serif", "Georgia, serif", "Helvetica, Arial, sans-serif", "monospace"]


# -- words, for the agreement check ------------------------------------------------------------

_QUOTES = {ord(c): "'" for c in "\u2018\u2019\u201a\u201b"} | {
    ord(c): '"' for c in "\u201c\u201d\u201e\u201f"
}
_TOKEN = re.compile(r"[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[\w]+")


def words(text: str) -> Counter[str]:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return Counter(_TOKEN.findall(text))


def agreement(gold: Counter[str], text: str) -> float:
    """Share of the gold's words (letters and digits) that the rendition shows."""
    total = sum(gold.values())
    if not total:
        return 1.0
    have = words(text)
    return sum(min(count, have[word]) for word, count in gold.items()) / total


# -- one document ------------------------------------------------------------------------------


def url_of(doc: sources.Document) -> str:
    stem = Path(doc.path).stem
    site = doc.site or SITES.get(doc.source, "example.org")
    if doc.part is not None:
        return f"https://{site}/{stem}/part-{doc.part}"
    return f"https://{site}/{stem}/"


def renditions(doc: sources.Document, rng: random.Random, pdf_share: float, workdir: Path
               ) -> tuple[list[Block], dict[str, str], dict[str, int | None]]:  # fmt: skip
    """The decorated blocks, each rendition's text and its width."""
    if doc.native:
        return doc.blocks, dict(doc.native), dict.fromkeys(doc.native, doc.native_width)
    if doc.page:
        return doc.blocks, *whole_page(doc, rng, pdf_share, workdir)
    blocks = furniture.decorate(doc.blocks, rng, doc.language)
    title = next((b.text for b in blocks if b.kind == "h"), Path(doc.path).stem)
    widths = {name: rng.randint(60, 100) for name in ("a_w3m", "b_lynx", "c_pandoc", "e_seed")}
    css = (
        f"body{{font-family:{rng.choice(FONTS)};font-size:{rng.randint(12, 17)}px;"
        f"max-width:{rng.randint(32, 60)}em;margin:auto;line-height:1.{rng.randint(3, 6)}}}"
        "figure{margin:1em 2em;font-size:85%}.byline,.dateline{font-size:90%}"
        ".pullquote{font-size:130%;font-style:italic}"
        "pre{white-space:pre-wrap}"  # a printed page clips a long line, and its words with it
    )
    page = render.page_html(blocks, doc.language, title, css)
    path = workdir / "page.html"
    path.write_text(page, encoding="utf-8")
    texts: dict[str, str] = {}
    sizes: dict[str, int | None] = {}
    header = furniture.page_header(rng, title)
    paged = rng.random() < 0.6  # page headers in the seed style and the no-blank rendition
    with_pdf = rng.random() < pdf_share
    if render.available("w3m"):
        text = render.w3m(page, widths["a_w3m"])
        if text is not None:
            texts["a_w3m"], sizes["a_w3m"] = text, widths["a_w3m"]
            lines = [line for line in text.split("\n") if line.strip()]
            used: list[str] = []
            if paged:
                lines, used = furniture.paginate(lines, rng, header)
            texts["f_noblank"], sizes["f_noblank"] = "\n".join(lines) + "\n", widths["a_w3m"]
            blocks = blocks + [Block("furniture", line) for line in used]
    if render.available("lynx"):
        text = render.lynx(path, widths["b_lynx"])
        if text is not None:
            texts["b_lynx"], sizes["b_lynx"] = text, widths["b_lynx"]
    if render.available("pandoc"):
        text = render.pandoc(page, widths["c_pandoc"])
        if text is not None:
            texts["c_pandoc"], sizes["c_pandoc"] = text, widths["c_pandoc"]
    if with_pdf and render.available("chromium") and render.available("pdftotext"):
        date = f"{rng.randint(1, 12)}/{rng.randint(1, 28)}/{rng.randint(19, 26)}, "
        date += f"{rng.randint(1, 12)}:{rng.randrange(60):02d} {rng.choice(['AM', 'PM'])}"
        printed = render.pdf(path, url_of(doc), date)
        if printed is not None:
            texts["d_pdf"], texts["d_pdf_layout"] = printed
            sizes["d_pdf"] = sizes["d_pdf_layout"] = None
    texts["e_seed"], blocks = seed_rendition(blocks, widths["e_seed"], rng, header, paged)
    sizes["e_seed"] = widths["e_seed"]
    return blocks, texts, sizes


def whole_page(doc: sources.Document, rng: random.Random, pdf_share: float, workdir: Path
               ) -> tuple[dict[str, str], dict[str, int | None]]:  # fmt: skip
    """A saved page rendered whole, as dev's renditions were made (w3m and lynx at 80 columns,
    pandoc at 72, the w3m text without its blank lines, a quarter printed): no synthetic
    furniture, no seed style (it is made from the gold alone)."""
    path = workdir / "page.html"
    path.write_text(doc.page, encoding="utf-8")
    made = {
        "a_w3m": (render.w3m(doc.page, 80) if render.available("w3m") else None, 80),
        "b_lynx": (render.lynx(path, 80) if render.available("lynx") else None, 80),
        "c_pandoc": (render.pandoc(doc.page, 72) if render.available("pandoc") else None, 72),
    }
    texts = {name: text for name, (text, _) in made.items() if text is not None}
    sizes: dict[str, int | None] = {name: made[name][1] for name in texts}
    if "a_w3m" in texts:
        lines = [line for line in texts["a_w3m"].split("\n") if line.strip()]
        texts["f_noblank"], sizes["f_noblank"] = "\n".join(lines) + "\n", 80
    if rng.random() < pdf_share and render.available("chromium") and render.available("pdftotext"):
        printed = render.pdf(path, url_of(doc), "1/1/20, 12:00 PM")
        if printed is not None:
            texts["d_pdf"], texts["d_pdf_layout"] = printed
            sizes["d_pdf"] = sizes["d_pdf_layout"] = None
    return texts, sizes


def seed_rendition(
    blocks: list[Block],
    width: int,
    rng: random.Random,
    header: Callable[[int], list[str]],
    paged: bool,
) -> tuple[str, list[Block]]:
    """The seed style's text of ``blocks`` (page furniture left out), paged with ``header``
    where ``paged``; and the blocks with the page headers it used added as furniture."""
    body = [b for b in blocks if b.kind != "furniture"]
    lines = render.seed_lines(body, width)
    used: list[str] = []
    if paged:
        lines, used = furniture.paginate(lines, rng, header)
    known = {b.text for b in blocks if b.kind == "furniture"}
    added = [Block("furniture", line) for line in dict.fromkeys(used) if line not in known]
    return "\n".join(lines) + "\n", blocks + added


def gold_paragraphs(blocks: list[Block]) -> list[str]:
    """The blocks a reader must get back one each, in order."""
    return [b.text for b in blocks if b.kind in PARAGRAPH_KINDS]


def regold(corpus: Path) -> int:
    """Derive ``corpus``'s gold paragraphs from its gold blocks again (after ``PARAGRAPH_KINDS``
    changed); returns how many gold files changed. Inputs are left as they are."""
    changed = 0
    for gold_path in sorted((corpus / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        paragraphs = gold_paragraphs([Block(b["kind"], b["text"]) for b in gold["blocks"]])
        if paragraphs != gold["paragraphs"]:
            gold["paragraphs"] = paragraphs
            gold_path.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", "utf-8")
            changed += 1
    return changed


def reseed(corpus: Path, seed: int = SEED) -> int:
    """Render ``corpus``'s seed-style texts again from its gold (the other renditions, which
    need their renderers, are left as they are); returns how many were written.

    Each document keeps its width; page headers come from a generator of its own (the build's
    was shared with the renditions before it), in the same share of documents. The gold gains
    the new headers as furniture.
    """
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    written = 0
    for entry in manifest["documents"]:
        width = entry["renditions"].get("e_seed")
        gold_path = corpus / "gold" / f"{entry['id']}.json"
        if not width or not gold_path.is_file():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        blocks = [Block(b["kind"], b["text"]) for b in gold["blocks"]]
        rng = random.Random(f"{seed}:reseed:{entry['id']}")
        title = next((b.text for b in blocks if b.kind == "h"), Path(entry["path"]).stem)
        header = furniture.page_header(rng, title)
        text, blocks = seed_rendition(blocks, width, rng, header, rng.random() < 0.6)
        gold["blocks"] = [{"kind": b.kind, "text": b.text} for b in blocks]
        gold["paragraphs"] = gold_paragraphs(blocks)
        gold_path.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", "utf-8")
        (corpus / "input" / "e_seed" / f"{entry['id']}.txt").write_text(text, encoding="utf-8")
        written += 1
    manifest["renditions"]["e_seed"] = RENDITION_NOTES["e_seed"]
    (corpus / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return written


def build_one(doc_id: str, doc: sources.Document, seed: int, pdf_share: float) -> dict:
    rng = random.Random(f"{seed}:{doc_id}")
    with tempfile.TemporaryDirectory(prefix="reflow-corpus-") as folder:
        blocks, texts, sizes = renditions(doc, rng, pdf_share, Path(folder))
    gold_words = words(" ".join(b.text for b in blocks if b.kind != "furniture"))
    scores = {name: round(agreement(gold_words, text), 4) for name, text in texts.items()}
    dropped = sorted(name for name, score in scores.items() if score < MIN_AGREEMENT)
    for name in dropped:
        del texts[name]
        del sizes[name]
    url = f"{doc.repo}@{doc.commit}:{doc.path}" + (f"#{doc.part}" if doc.part is not None else "")
    gold = {
        "id": doc_id,
        "source": doc.source,
        "url": url,
        "language": doc.language,
        "paragraphs": gold_paragraphs(blocks),
        "blocks": [{"kind": b.kind, "text": b.text} for b in blocks],
    }
    entry = {
        "id": doc_id,
        "source": doc.source,
        "repo": doc.repo,
        "commit": doc.commit,
        "path": doc.path,
        "sha256": doc.sha256,
        "licence": doc.licence,
        "language": doc.language,
        "renditions": {name: sizes[name] for name in sorted(sizes)},
    }
    if doc.part is not None:
        entry["part"] = doc.part
    return {"gold": gold, "entry": entry, "texts": texts, "agreement": scores, "dropped": dropped}


# -- the corpus --------------------------------------------------------------------------------


def collect(names: list[str], limit: int | None) -> list[tuple[str, sources.Document]]:
    per_source = math.ceil(limit / len(names)) if limit else None
    chosen: list[tuple[str, sources.Document]] = []
    for name in names:
        cap = (
            sources.SOURCES[name].cap
            if per_source is None
            else min(per_source, sources.SOURCES[name].cap)
        )
        count = 0
        for doc in sources.READERS[name]():
            if count >= cap:
                break
            count += 1
            chosen.append((f"{name}-{count:04d}", doc))
        print(f"{name}: {count} documents", file=sys.stderr)
    return chosen[:limit] if limit else chosen


def source_table(docs: list[tuple[str, sources.Document]]) -> dict[str, dict]:
    table: dict[str, dict] = {}
    for _, doc in docs:
        info = sources.SOURCES[doc.source]
        first = {
            "repo": info.repo,
            "commit": doc.commit,
            "licence": info.licence,
            "what": info.what,
        }
        row = table.setdefault(doc.source, first)
        if row["repo"] != doc.repo:  # several repositories (the Gutenberg books)
            row.setdefault("repos", {})[doc.repo] = doc.commit
    for row in table.values():
        if "repos" in row:
            row["commit"] = ""
    return table


def write(out: Path, docs: list[tuple[str, sources.Document]], results: list[dict]) -> None:
    folder = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    (folder / "gold").mkdir()
    for result in results:
        doc_id = result["gold"]["id"]
        (folder / "gold" / f"{doc_id}.json").write_text(
            json.dumps(result["gold"], ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        for name, text in result["texts"].items():
            (folder / "input" / name).mkdir(parents=True, exist_ok=True)
            (folder / "input" / name / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    manifest = {
        "documents": [r["entry"] for r in results],
        "sources": source_table(docs),
        "renditions": {
            "a_w3m": "w3m -dump -cols W -I UTF-8 -O UTF-8 -T text/html",
            "b_lynx": "lynx -dump -nolist -width W -assume_charset=utf-8 -display_charset=utf-8",
            "c_pandoc": "pandoc --sandbox -f html -t plain --columns W",
            "d_pdf": "chromium --headless --print-to-pdf (its header and footer kept), pdftotext",
            "d_pdf_layout": "the same PDF, pdftotext -layout",
            "e_seed": RENDITION_NOTES["e_seed"],
            "f_noblank": "a_w3m without its blank lines, page headers in 60% of documents",
            "g_mail": "families: a mail client's hard-wrapped thread (bench/families.py)",
            "h_draft": "families: an Internet-Draft paginated like xml2rfc (bench/families.py)",
        },
        "seed": SEED,
    }
    (folder / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    agreement_rows = {r["gold"]["id"]: r["agreement"] for r in results}
    (folder / "agreement.json").write_text(json.dumps(agreement_rows, indent=0) + "\n")
    os.chmod(folder, 0o755)
    if out.exists():
        old = out.with_name(f".{out.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        out.rename(old)
        folder.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        folder.rename(out)


def build(docs: list[tuple[str, sources.Document]], out: Path, *, jobs: int = 2, seed: int = SEED,
          pdf_share: float = 0.4) -> list[dict]:  # fmt: skip
    """Render every document (``jobs`` at a time) and write the corpus to ``out``."""
    started = time.time()
    results: list[dict] = []
    if jobs <= 1:
        for doc_id, doc in docs:
            results.append(build_one(doc_id, doc, seed, pdf_share))
    else:
        with concurrent.futures.ProcessPoolExecutor(jobs) as pool:
            futures = [pool.submit(build_one, doc_id, doc, seed, pdf_share) for doc_id, doc in docs]
            for number, future in enumerate(futures, 1):
                results.append(future.result())
                if number % 100 == 0:
                    elapsed = time.time() - started
                    print(f"{number}/{len(docs)} rendered, {elapsed:.0f} s", file=sys.stderr)
    out.parent.mkdir(parents=True, exist_ok=True)
    write(out.resolve(), docs, results)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=Path("/work/train-data"))
    parser.add_argument("--limit", type=int, help="at most N documents, spread over the sources")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--sources", help=f"comma list (default all: {','.join(sources.SOURCES)})")
    parser.add_argument(
        "--pdf-share",
        type=float,
        default=0.4,
        help="share of documents printed to PDF (Chromium takes ~3 s a page)",
    )
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--manifest-copy", type=Path,
                        help="also write the manifest here (train/manifest.json)")  # fmt: skip
    parser.add_argument("--reseed", type=Path, metavar="DIR",
                        help="only render DIR's seed-style texts again, from its gold")  # fmt: skip
    parser.add_argument("--regold", type=Path, metavar="DIR",
                        help="only derive DIR's gold paragraphs from its blocks again")  # fmt: skip
    args = parser.parse_args(argv)
    if args.regold:
        changed = regold(args.regold)
        print(f"{changed} gold files changed -> {args.regold}", file=sys.stderr)
        return 0
    if args.reseed:
        written = reseed(args.reseed, args.seed)
        print(f"{written} seed-style texts -> {args.reseed}", file=sys.stderr)
        return 0
    names = args.sources.split(",") if args.sources else list(sources.SOURCES)
    unknown = [n for n in names if n not in sources.SOURCES]
    if unknown:
        print(f"corpus: unknown source {unknown[0]!r}", file=sys.stderr)
        return 2
    started = time.time()
    docs = collect(names, args.limit)
    results = build(docs, args.out, jobs=args.jobs, seed=args.seed, pdf_share=args.pdf_share)
    if args.manifest_copy:
        shutil.copyfile(args.out / "manifest.json", args.manifest_copy)
    counts = Counter(name for r in results for name in r["texts"])
    dropped = Counter(name for r in results for name in r["dropped"])
    print(
        f"{len(results)} documents in {time.time() - started:.0f} s -> {args.out}", file=sys.stderr
    )
    print(
        "renditions: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())), file=sys.stderr
    )
    if dropped:
        left = ", ".join(f"{k} {v}" for k, v in sorted(dropped.items()))
        print(f"left out (words disagree): {left}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
