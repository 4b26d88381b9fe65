"""Score a checkout of reflow document by document, compare two such runs, list a page's misses.

    python train/perdoc.py score DATA OUT.json [--checkout DIR] [--renditions a_w3m,d_pdf]
                                               [--jobs 2]
    python train/perdoc.py compare BEFORE.json AFTER.json [--rendition d_pdf]
    python train/perdoc.py misses DATA RENDITION ID [--checkout DIR]

``score`` runs the checkout's reflow in process over every input of a corpus folder (the layout
of train/corpus.py and ../shared/corpus/dev), as ``reflow --to markdown -`` reads stdin, and
scores each output with the shared scorer's own ``score_output``: it writes, per
``rendition/id``, [paragraphs recovered, gold paragraphs, tokens found, gold tokens] and prints
the totals per rendition. ``compare`` prints the documents whose figures differ between two
runs and the totals; ``misses`` prints a document's gold paragraphs that no output block
equals, with the output blocks that hold their first or last words.

The checkout is put first on the import path, and checked: an editable install of another
checkout in the same environment would win over it (setuptools' finder comes before the path).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from multiprocessing import Pool
from pathlib import Path
from types import ModuleType

from evaluate import HERE, SHARED
from evaluate import load_scorer as _load

#: What each document's row holds, in order.
FIELDS = ("recovered", "n_pars", "tok_matched", "n_tokens")
Row = list[int]


def load_scorer() -> ModuleType:
    """The shared scorer (``evaluate.load_scorer``, from its usual place)."""
    return _load(SHARED / "eval" / "score.py")


def use_checkout(checkout: Path) -> ModuleType:
    """Import reflow from ``checkout``, or stop if another copy answers the import."""
    sys.path.insert(0, str(checkout))
    import reflow.api

    found = Path(reflow.api.__file__).resolve()
    if checkout.resolve() not in found.parents:
        sys.exit(f"perdoc: reflow imports from {found}, not {checkout} (an editable install?)")
    return reflow.api


def convert(api: ModuleType, data: bytes) -> str:
    out = io.BytesIO()
    api.stream(io.BytesIO(data), out, to="markdown", name="<stdin>")
    return out.getvalue().decode("utf-8", "replace")


_state: dict[str, ModuleType] = {}


def _start(checkout: str) -> None:
    _state["api"] = use_checkout(Path(checkout))
    _state["scorer"] = load_scorer()


def _score_one(task: tuple[str, str, str]) -> tuple[str, Row]:
    key, input_path, gold_path = task
    data = Path(input_path).read_bytes()
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    try:
        output = convert(_state["api"], data)
    except Exception:  # a crash scores as an empty output, and shows in the figures
        output = ""
    figures = _state["scorer"].score_output(
        gold["paragraphs"], output, data.decode("utf-8", "replace")
    )
    return key, [figures[name] for name in FIELDS]


def score(data: Path, checkout: Path, renditions: set[str] | None, jobs: int) -> dict[str, Row]:
    tasks = [
        (f"{folder.name}/{path.stem}", str(path), str(data / "gold" / f"{path.stem}.json"))
        for folder in sorted((data / "input").iterdir())
        if renditions is None or folder.name in renditions
        for path in sorted(folder.glob("*.txt"))
    ]
    with Pool(jobs, initializer=_start, initargs=(str(checkout),)) as pool:
        return dict(pool.imap_unordered(_score_one, tasks, chunksize=4))


def totals(rows: dict[str, Row]) -> dict[str, Row]:
    """The figures summed per rendition, and over all of them ("ALL")."""
    summed: dict[str, Row] = {}
    for key, row in rows.items():
        for name in (key.split("/", 1)[0], "ALL"):
            total = summed.setdefault(name, [0] * len(FIELDS))
            for at, value in enumerate(row):
                total[at] += value
    return dict(sorted(summed.items(), key=lambda item: (item[0] == "ALL", item[0])))


def differences(
    before: dict[str, Row], after: dict[str, Row], rendition: str | None = None
) -> tuple[list[tuple[str, Row, Row]], dict[str, tuple[int, int]]]:
    """The documents whose paragraphs or tokens differ, and each rendition's paragraphs
    recovered before and after (a document missing from a run counts as nothing)."""
    empty = [0] * len(FIELDS)
    changed: list[tuple[str, Row, Row]] = []
    recovered: dict[str, tuple[int, int]] = {}
    for key in sorted(set(before) | set(after)):
        name = key.split("/", 1)[0]
        if rendition and name != rendition:
            continue
        old, new = before.get(key, empty), after.get(key, empty)
        was, now = recovered.get(name, (0, 0))
        recovered[name] = (was + old[0], now + new[0])
        if old[0] != new[0] or old[2] != new[2]:
            changed.append((key, old, new))
    return changed, recovered


def misses(data: Path, rendition: str, doc_id: str, checkout: Path) -> list[tuple[str, list[str]]]:
    scorer = load_scorer()
    raw = (data / "input" / rendition / f"{doc_id}.txt").read_bytes()
    output = convert(use_checkout(checkout), raw)
    gold = json.loads((data / "gold" / f"{doc_id}.json").read_text(encoding="utf-8"))
    wanted = [norm for norm in map(scorer.norm_par, gold["paragraphs"]) if norm]
    blocks = [norm for norm in map(scorer.norm_par, scorer.blocks(output)) if norm]
    found = scorer.recovered(wanted, blocks)
    return [
        (paragraph, [b for b in blocks if paragraph[:25] in b or paragraph[-25:] in b])
        for paragraph, hit in zip(wanted, found, strict=True)
        if not hit
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("score")
    run.add_argument("data", type=Path)
    run.add_argument("out", type=Path)
    run.add_argument("--checkout", type=Path, default=HERE.parent)
    run.add_argument("--renditions")
    run.add_argument("--jobs", type=int, default=2)
    both = commands.add_parser("compare")
    both.add_argument("before", type=Path)
    both.add_argument("after", type=Path)
    both.add_argument("--rendition")
    one = commands.add_parser("misses")
    one.add_argument("data", type=Path)
    one.add_argument("rendition")
    one.add_argument("doc_id")
    one.add_argument("--checkout", type=Path, default=HERE.parent)
    args = parser.parse_args(argv)
    if args.command == "score":
        wanted = set(args.renditions.split(",")) if args.renditions else None
        rows = score(args.data, args.checkout, wanted, args.jobs)
        args.out.write_text(json.dumps(rows) + "\n", encoding="utf-8")
        for name, (hit, pars, found, tokens) in totals(rows).items():
            print(f"{name:14s} par {hit / max(1, pars):.4f} ({hit}/{pars})  "
                  f"tok {found / max(1, tokens):.4f}")  # fmt: skip
    elif args.command == "compare":
        before = json.loads(args.before.read_text(encoding="utf-8"))
        after = json.loads(args.after.read_text(encoding="utf-8"))
        changed, recovered = differences(before, after, args.rendition)
        for key, old, new in changed:
            print(f"{key:44s} {old[0]:5d} -> {new[0]:5d}   tokens lost "
                  f"{old[3] - old[2]} -> {new[3] - new[2]}")  # fmt: skip
        for name, (was, now) in recovered.items():
            print(f"{name} {was} -> {now} ({now - was:+d})")
    else:
        for paragraph, blocks in misses(args.data, args.rendition, args.doc_id, args.checkout):
            print("GOLD:", paragraph[:300])
            for block in blocks:
                print("   OUT:", block[:300])
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
