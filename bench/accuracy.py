"""Accuracy benchmark: paragraph recovery and lost words on the project's own articles.

    python bench/accuracy.py [--show]

Each article in bench/articles/ (written by this project) is rendered into the shapes
reflow meets in the wild, from its clean paragraphs: w3m-like (wrapped at 80, blank lines),
lynx-like (indented, wrapped at 76), pandoc-like (wrapped at 72), the seed's shape (each
paragraph's first word alone on a line, no blank lines), the w3m shape with its blank lines
removed, a PDF-like shape (ragged widths, page headers and footers, form feeds), the seed's
shape at 60 and 100 columns, and a book shape (first lines indented, no blank lines). reflow
runs on each; the script prints, per shape, the share of paragraphs that come out as exactly
one block ("par") and the words lost. `cat` (the input as it is) is the baseline.

A second table scores the families of bench/families.py (mail threads, Internet-Drafts, pages
printed to PDF; the rows that need pdftotext or xml2rfc where those are installed, see
docs/families.md), generated with a fixed seed, per family and rendition, in Markdown and text
output: paragraph recovery ("par") and token recall ("tok"), measured by the shared corpus's
scorer (../shared/eval/score.py, or REFLOW_SHARED) when it is present, else by this script's own
block match and lost words; and, in text output, the share of blocks kept as lines (commands,
closings, signatures: "lines kept", which the scorer, blind to line breaks, cannot see), the
share of quoted mail blocks that keep their depth of ">" markers ("quotes kept"), and the words
lost. `--families-only` prints that table alone, `--misses` the gold
blocks each rendition missed.

`--training DIR` prints instead the leave-one-source-out figures on the training corpus and the
dev figures (bench/loso.py, which takes the same options).
"""

from __future__ import annotations

import difflib
import os
import random
import re
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import reflow  # noqa: E402

sys.path.insert(0, str(HERE))
import families  # noqa: E402

SHARED = Path(os.environ.get("REFLOW_SHARED", HERE.parent.parent / "shared"))

Block = tuple[str, str]  # (kind, text): kind is "p", "h", "li", "by"


def read_article(path: Path) -> list[Block]:
    blocks: list[Block] = []
    for chunk in path.read_text(encoding="utf-8").split("\n\n"):
        chunk = chunk.strip()
        if not chunk:
            continue
        if chunk.startswith("#"):
            blocks.append(("h", chunk.lstrip("#").strip()))
        elif chunk.startswith("- "):
            blocks.extend(("li", line[2:]) for line in chunk.split("\n"))
        elif chunk.startswith("By "):
            blocks.append(("by", chunk))
        else:
            blocks.append(("p", " ".join(chunk.split())))
    return blocks


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    return textwrap.wrap(
        text,
        width,
        initial_indent=indent,
        subsequent_indent=indent,
        break_on_hyphens=False,
        break_long_words=False,
    )


def w3m(blocks: list[Block], blank: bool = True) -> str:
    out: list[str] = []
    for kind, text in blocks:
        if kind == "li":
            lines = wrap(text, 80, "    ")
            lines[0] = "  • " + lines[0][4:]
        else:
            lines = wrap(text, 80)
        out.extend(lines)
        if blank and kind != "li":
            out.append("")
    return "\n".join(out) + "\n"


def lynx(blocks: list[Block]) -> str:
    out: list[str] = []
    for kind, text in blocks:
        if kind == "li":
            lines = wrap(text, 76, "       ")
            lines[0] = "     * " + lines[0][7:]
            out.extend(lines)
            continue
        out.extend(wrap(text, 76, "   "))
        out.append("")
    return "\n".join(out) + "\n"


def pandoc(blocks: list[Block]) -> str:
    out: list[str] = []
    for kind, text in blocks:
        if kind == "li":
            lines = wrap(text, 72, "    ")
            lines[0] = "-   " + lines[0][4:]
            out.extend(lines)
            continue
        out.extend(wrap(text, 72))
        out.append("")
    return "\n".join(out) + "\n"


def seed(blocks: list[Block], width: int = 80) -> str:
    out: list[str] = []
    for kind, text in blocks:
        if kind == "p" and " " in text:
            first, rest = text.split(" ", 1)
            out.append(first)
            out.extend(wrap(rest, width))
        else:
            out.extend(wrap(text, width))
    return "\n".join(out) + "\n"


def book(blocks: list[Block], width: int = 66) -> str:
    """A book or a plain-text e-text: each paragraph's first line indented, no blank lines."""
    out: list[str] = []
    for kind, text in blocks:
        lines = wrap(text, width) if kind != "p" else wrap("    " + text, width)
        out.extend(lines)
    return "\n".join(out) + "\n"


def pdf(blocks: list[Block]) -> str:
    rng = random.Random(7)
    body: list[str] = []
    for _kind, text in blocks:
        words, line = text.split(), ""
        limit = rng.randint(86, 98)
        for word in words:
            if line and len(line) + 1 + len(word) > limit:
                body.append(line)
                line, limit = word, rng.randint(86, 98)
            else:
                line = f"{line} {word}" if line else word
        body.append(line)
    pages = [body[i : i + 18] for i in range(0, len(body), 18)]
    out: list[str] = []
    for number, page in enumerate(pages, 1):
        out += ["3/14/26, 9:15 AM", "", "Harbour Courier — Features", ""]
        out += page
        out += ["", "https://courier.example/features/article", "", f"{number}/{len(pages)}", "\f"]
    return "\n".join(out)


SHAPES: dict[str, Callable[[list[Block]], str]] = {
    "w3m": w3m,
    "lynx": lynx,
    "pandoc": pandoc,
    "seed": seed,
    "w3m-noblank": lambda b: w3m(b, blank=False),
    "pdf": pdf,
    # The same shapes at other widths, so that nothing is tuned to 80 columns.
    "seed-60": lambda b: seed(b, 60),
    "seed-100": lambda b: seed(b, 100),
    "book-66": book,
    "book-90": lambda b: book(b, 90),
}


def norm(text: str) -> str:
    text = re.sub(r"^(?:#{1,6}|[-*•]|\d+[.)])\s+", "", text.strip())
    text = text.replace("\\", "").replace("*", "")
    return " ".join(text.split())


def output_blocks(text: str) -> list[str]:
    return [norm(b) for b in re.split(r"\n\s*\n", text) if b.strip()]


def lost_words(source: str, output: str) -> int:
    want, have = re.findall(r"\w+", source), re.findall(r"\w+", output)
    matcher = difflib.SequenceMatcher(None, want, have, autojunk=False)
    return len(want) - sum(size for _, _, size in matcher.get_matching_blocks())


def score(blocks: list[Block], output: str) -> tuple[int, int]:
    have = output_blocks(output)
    found = sum(1 for _, text in blocks if norm(text) in have)
    return found, len(blocks)


def load_scorer() -> tuple[Callable[[list[str], str, str], dict[str, int]], Callable[[str], str]]:
    """The shared corpus's scorer and its normaliser when present, else stand-ins."""
    path = SHARED / "eval" / "score.py"
    if path.is_file():
        sys.path.insert(0, str(path.parent))
        import score  # the corpus's own scorer

        return score.score_output, score.norm_par

    def own_score(gold: list[str], output: str, _input: str) -> dict[str, int]:
        have = output_blocks(output)
        words = len(re.findall(r"\w+", " ".join(gold)))
        return {
            "n_pars": len(gold),
            "recovered": sum(1 for text in gold if norm(text) in have),
            "n_tokens": words,
            "tok_matched": words - lost_words(" ".join(gold), output),
        }

    return own_score, norm


def quoted_lines(text: str) -> str:
    """The lines of ``text`` without quote markers or the blanks around them: a kept block
    (commands, a closing, a signature, in a quote or not) is found in the output line by line."""
    lines = (re.sub(r"^[\s>]*", "", line).rstrip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def quote_depths(output: str, normal: Callable[[str], str]) -> dict[str, set[int]]:
    """Each output block (normalised) and the quote depths it has: the count of ``>`` that
    opens its every line, as text output writes them."""
    depths: dict[str, set[int]] = {}
    for block in re.split(r"\n\s*\n", output):
        if block.strip():
            markers = {
                len(re.match(r"[\s>]*", line).group().replace(" ", ""))
                for line in block.strip("\n").split("\n")
            }
            depth = markers.pop() if len(markers) == 1 else -1
            depths.setdefault(normal(block), set()).add(depth)
    return depths


def family_report(argv: list[str]) -> None:
    scorer, normal = load_scorer()
    scored_by = "shared scorer" if scorer.__module__ == "score" else "own measure"
    print(f"\nFamilies (bench/families.py, seed {families.SEED}; {scored_by})\n")
    columns = "docs | paragraphs | cat par | md par | md tok | text par | text tok | lines kept"
    print(f"| family | rendition | {columns} | quotes kept | words lost |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for family, (renditions, make) in families.FAMILIES.items():
        for rendition in renditions:
            missing = families.missing_tool(rendition)
            if missing:
                print(f"| {family} | {rendition} | {missing} not installed |" + " |" * 9)
                continue
            totals: dict[str, int] = {}
            docs = kept = multiline = lost = quotes = quotes_kept = 0
            for doc in make(rendition):
                docs += 1
                outputs = {
                    "cat": doc.text,
                    "md": reflow.normalize(doc.text),
                    "text": reflow.normalize(doc.text, to="text"),
                }
                for name, output in outputs.items():
                    result = scorer(doc.gold, output, doc.text)
                    for key in ("n_pars", "recovered", "n_tokens", "tok_matched"):
                        totals[f"{name}.{key}"] = totals.get(f"{name}.{key}", 0) + result[key]
                lines = quoted_lines(outputs["text"])
                for block in doc.gold:
                    if "\n" in block:
                        multiline += 1
                        kept += quoted_lines(block) in lines
                lost += lost_words(" ".join(doc.gold), outputs["text"])
                if doc.depths:
                    depth_of = quote_depths(outputs["text"], normal)
                    for block, depth in zip(doc.gold, doc.depths, strict=True):
                        if depth:
                            quotes += 1
                            quotes_kept += depth in depth_of.get(normal(block), ())
                if "--misses" in argv:
                    blocks = re.split(r"\n\s*\n", outputs["text"])
                    have = {normal(block) for block in blocks}
                    for text in doc.gold:
                        if normal(text) not in have:
                            print(f"  miss {rendition}: {text[:100]!r}")

            def ratio(name: str, part: str, whole: str, totals: dict[str, int] = totals) -> str:
                return f"{totals[f'{name}.{part}'] / max(1, totals[f'{name}.{whole}']):.3f}"

            print(
                f"| {family} | {rendition} | {docs} | {totals['md.n_pars']} "
                f"| {ratio('cat', 'recovered', 'n_pars')} "
                f"| {ratio('md', 'recovered', 'n_pars')} "
                f"| {ratio('md', 'tok_matched', 'n_tokens')} "
                f"| {ratio('text', 'recovered', 'n_pars')} "
                f"| {ratio('text', 'tok_matched', 'n_tokens')} "
                f"| {f'{kept / multiline:.3f}' if multiline else '-'} "
                f"| {f'{quotes_kept / quotes:.3f}' if quotes else '-'} | {lost} |"
            )


def main(argv: list[str]) -> int:
    if "--training" in argv:  # the learned break decision, validated on the training corpus
        import loso

        return loso.main(argv)
    if "--families-only" in argv:
        family_report(argv)
        return 0
    articles = sorted((HERE / "articles").glob("*.md"))
    fixture = HERE.parent / "fixtures" / "seed-style-article" / "expected.md"
    print(f"{len(articles)} articles; shapes: {', '.join(SHAPES)}\n")
    print("| shape | paragraphs | cat par | reflow par | words lost |")
    print("|---|---|---|---|---|")
    total_found = total = total_lost = 0
    for name, render in SHAPES.items():
        found = base = count = lost = 0
        for article in articles:
            blocks = read_article(article)
            source = render(blocks)
            output = reflow.normalize(source, keep_duplicates=True)
            got, n = score(blocks, output)
            base += score(blocks, source)[0]
            found += got
            count += n
            lost += lost_words(" ".join(t for _, t in blocks), output)
            if "--show" in argv and got < n:
                missing = [t for _, t in blocks if norm(t) not in output_blocks(output)]
                print(f"  {name} {article.name}: missing {missing[:2]}")
        total_found += found
        total += count
        total_lost += lost
        print(f"| {name} | {count} | {base / count:.3f} | {found / count:.3f} | {lost} |")
    print(f"| all | {total} | | {total_found / total:.3f} | {total_lost} |")
    del fixture
    family_report(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
