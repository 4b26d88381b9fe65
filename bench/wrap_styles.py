"""How well ``--wrap auto`` detects a Markdown file's line style, and what an edit changes.

    python bench/wrap_styles.py

Each article in bench/articles/ (written by this project) is laid out in every line style a
content repository uses: one line per paragraph, one sentence per line, one sentence per line
with long sentences also broken after a clause, greedy wrapping at 50 to 100 columns, and even
filling as fmt does it (when fmt is installed). For each file the script prints the style
detected, whether ``--wrap auto`` leaves the file as it is, and, for each paragraph in turn
edited (a clause added to its second sentence), whether only that paragraph changed (with its
words right, and a second run changing nothing: "edits"), and whether it came out in the style
found before the edit ("in style").
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import reflow  # noqa: E402
from reflow.markdown.parsing import _parse_form, _split, parser  # noqa: E402
from reflow.markdown.rewrap import _must_not_start, _segments  # noqa: E402
from reflow.markdown.rewritable import _paragraphs  # noqa: E402
from reflow.sentences import split_sentences  # noqa: E402
from reflow.styles import LineStyle, detect_style, fits  # noqa: E402

WIDTHS = (50, 60, 66, 72, 80, 90, 100)
EDIT = ", as the committee noted in its minutes that year,"


def prose(article: Path) -> tuple[list[str], list[str]]:
    """The article's blocks that are not prose paragraphs (title, byline, headings, lists), put
    first, and its body paragraphs, one line each."""
    blocks = article.read_text(encoding="utf-8").strip().split("\n\n")
    head = [b for b in blocks if b.startswith(("#", "By ", "- "))]
    body = [b for b in blocks if b not in head]
    return head, body


def clause_lines(text: str) -> str:
    """One sentence per line, a sentence over 80 characters also broken after its first comma."""
    lines = []
    for sentence in split_sentences(text):
        comma = sentence.find(", ", 30)
        if len(sentence) > 80 and comma > 0:
            lines += [sentence[: comma + 1], sentence[comma + 2 :]]
        else:
            lines.append(sentence)
    return "\n".join(lines)


def lay_out(body: list[str], style: str) -> list[str]:
    if style == "no":
        return body
    if style == "sentence":
        return ["\n".join(split_sentences(text)) for text in body]
    if style == "clauses":
        return [clause_lines(text) for text in body]
    if style.startswith("fmt"):
        return [
            subprocess.run(
                ["fmt", "-w", style[3:]], input=text, capture_output=True, text=True, check=True
            ).stdout.rstrip("\n")
            for text in body
        ]
    width = int(style)
    return [
        "\n".join(textwrap.wrap(t, width, break_long_words=False, break_on_hyphens=False))
        for t in body
    ]


def lay_out_list(block: str, style: str) -> str:
    """A list wrapped like the paragraphs, each item under its marker; other blocks as they are."""
    width = style.removeprefix("fmt")
    if not block.startswith("- ") or not width.isdigit():
        return block
    return "\n".join(
        "\n".join(
            textwrap.wrap(
                item,
                int(width),
                subsequent_indent="  ",
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
        for item in block.split("\n")
    )


def expected(style: str) -> str:
    if style in ("no", "sentence"):
        return style
    if style == "clauses":
        return "sentence"
    return "width"


def detected(text: str) -> LineStyle:
    lines = _split(text)
    parsed = _parse_form(text)
    paras = _paragraphs(parser().parse(parsed, {}), lines, parsed.split("\n"))
    return detect_style((s for p in paras for s in _segments(p)), _must_not_start)


def edited(text: str) -> str:
    """``text`` with a clause added after the fourth word of its second sentence."""
    sentences = split_sentences(text)
    target = sentences[min(1, len(sentences) - 1)]
    words = target.split(" ")
    cut = min(4, len(words) - 1)
    new = " ".join(words[:cut]) + EDIT + " " + " ".join(words[cut:])
    return text.replace(target, new, 1)


def main() -> None:
    styles = ["no", "sentence", "clauses", *map(str, WIDTHS)]
    if shutil.which("fmt"):
        styles += ["fmt60", "fmt72", "fmt80"]
    print(
        f"{'article':<16} {'style':<9} {'detected':<12} {'kept':<5} {'edits':>8} {'in style':>11}"
    )
    right = files = kept_files = edits_ok = edits = in_style = styled = 0
    for article in sorted((HERE / "articles").glob("*.md")):
        top, body = prose(article)
        for style in styles:
            head = [lay_out_list(block, style) for block in top]
            laid = lay_out(body, style)
            text = "\n\n".join(head + laid) + "\n"
            found = detected(text)
            files += 1
            right += found.kind == expected(style)
            kept = reflow.normalize(text, source="markdown", wrap="auto") == text
            kept_files += kept
            ok = 0
            for index, paragraph in enumerate(body):
                changed_body = [*body[:index], edited(paragraph), *body[index + 1 :]]
                before = head + laid
                # The edit is made where a person makes it: inside the laid-out paragraph.
                words = edited(paragraph)
                insert_at = words.index(EDIT)
                anchor = paragraph[:insert_at]
                laid_edit = _insert(laid[index], anchor, EDIT)
                source = "\n\n".join(head + laid[:index] + [laid_edit] + laid[index + 1 :]) + "\n"
                result = reflow.normalize(source, source="markdown", wrap="auto")
                blocks = result.rstrip("\n").split("\n\n")
                others_kept = blocks[: len(head) + index] == before[: len(head) + index] and (
                    blocks[len(head) + index + 1 :] == before[len(head) + index + 1 :]
                )
                joined = " ".join(blocks[len(head) + index].split())
                same_words = joined == " ".join(changed_body[index].split())
                stable = reflow.normalize(result, source="markdown", wrap="auto") == result
                ok += others_kept and same_words and stable
                # In the style found before the edit (an edit may move the width found by one).
                segment = [(0, line) for line in blocks[len(head) + index].split("\n")]
                in_style += fits(segment, found, _must_not_start)
                edits += 1
            edits_ok += ok
            count = len(body)
            print(
                f"{article.stem:<16} {style:<9} {_name(found):<12} "
                f"{'yes' if kept else 'NO':<5} {ok:>6}/{count} {in_style - styled:>9}/{count}"
            )
            styled = in_style
    print(
        f"\nstyle detected right: {right}/{files}; files left as they were: {kept_files}/{files}; "
        f"edits that changed their paragraph only (words right, a second run keeps it): "
        f"{edits_ok}/{edits}; edited paragraphs in the style found before the edit: "
        f"{in_style}/{edits}"
    )


def _name(style: LineStyle) -> str:
    return style.kind + (str(style.width) if style.width else "")


def _insert(laid: str, anchor: str, clause: str) -> str:
    """Insert ``clause`` into a laid-out paragraph after the text ``anchor`` (whose spaces
    may be line breaks there)."""
    pattern = r"[ \n]".join(re.escape(word) for word in anchor.split(" "))
    match = re.match(pattern, laid)
    assert match is not None
    return laid[: match.end()] + clause + laid[match.end() :]


if __name__ == "__main__":
    main()
