"""Score a command on the training corpus with the shared scorer, per source and rendition.

    python train/evaluate.py --cmd 'reflow --to markdown -' [--data DIR] [--jobs 2]
                             [--sources a,b] [--limit-per-source N] [--json OUT.json]

../shared/eval/score.py (or REFLOW_SHARED/eval/score.py) knows the dev corpus's rendition names
only, and pools all documents. This script shows it the corpus through folders of links (the
no-blank rendition under the name the scorer knows, the -layout PDF text as a second run) and
splits its figures by source, the prefix of each document's id.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("REFLOW_SHARED", HERE.parent.parent / "shared"))
# The scorer's name for each of the corpus's renditions, run by run.
VIEWS = [
    {"a_w3m": "a_w3m", "b_lynx": "b_lynx", "c_pandoc": "c_pandoc", "d_pdf": "d_pdf",
     "e_seed": "e_seed", "f_noblank": "f_w3m_noblank"},
    {"d_pdf_layout": "d_pdf"},
    {"g_mail": "a_w3m", "h_draft": "b_lynx"},
]  # fmt: skip
COLUMNS = ["par", "tok"]


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("shared_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_view(data: Path, view: dict[str, str], ids: list[str], folder: Path) -> None:
    (folder / "gold").mkdir(parents=True)
    for doc_id in ids:
        (folder / "gold" / f"{doc_id}.json").symlink_to(data / "gold" / f"{doc_id}.json")
    for ours, theirs in view.items():
        if (data / "input" / ours).is_dir():
            (folder / "input").mkdir(exist_ok=True)
            (folder / "input" / theirs).symlink_to(data / "input" / ours)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cmd", required=True)
    parser.add_argument("--data", type=Path, default=Path("/work/train-data"))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--sources", help="comma list of sources (id prefixes)")
    parser.add_argument("--limit-per-source", type=int)
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args(argv)
    scorer_path = SHARED / "eval" / "score.py"
    if not scorer_path.exists():
        print(f"evaluate: no scorer at {scorer_path}", file=sys.stderr)
        return 2
    scorer = load_scorer(scorer_path)
    data = args.data.resolve()
    ids = sorted(p.stem for p in (data / "gold").glob("*.json"))
    wanted = set(args.sources.split(",")) if args.sources else None
    chosen: list[str] = []
    taken: dict[str, int] = defaultdict(int)
    for doc_id in ids:
        source = doc_id.rsplit("-", 1)[0]
        if wanted and source not in wanted:
            continue
        if args.limit_per_source and taken[source] >= args.limit_per_source:
            continue
        taken[source] += 1
        chosen.append(doc_id)
    items: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="reflow-evaluate-") as folder:
        for number, view in enumerate(VIEWS):
            place = Path(folder) / f"view{number}"
            make_view(data, view, chosen, place)
            if not (place / "input").is_dir():
                continue
            out = Path(folder) / f"view{number}.json"
            command = [sys.executable, str(scorer_path), "--cmd", args.cmd, "--data", str(place),
                       "--jobs", str(args.jobs), "--json", str(out)]  # fmt: skip
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            back = {theirs: ours for ours, theirs in view.items()}
            for item in json.loads(out.read_text(encoding="utf-8"))["items"]:
                item["rendition"] = back[item["rendition"]]
                items.append(item)
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for item in items:
        source = item["id"].rsplit("-", 1)[0]
        for key in [(source, item["rendition"]), (source, "all"), ("ALL", item["rendition"]),
                    ("ALL", "all")]:  # fmt: skip
            groups[key].append(item)
    summary = {f"{s}/{r}": scorer.summarise(group) for (s, r), group in groups.items()}
    renditions = [*sorted({r for _, r in groups if r != "all"}), "all"]
    sources_seen = [*sorted({s for s, _ in groups if s != "ALL"}), "ALL"]
    print(f"cmd: {args.cmd}   data: {data}   cells: par / tok")
    print("| source | docs | " + " | ".join(renditions) + " |")
    print("|---" * (len(renditions) + 2) + "|")
    for source in sources_seen:
        cells = []
        for rendition in renditions:
            row = summary.get(f"{source}/{rendition}")
            cells.append(f"{row['par']:.3f} / {row['tok']:.3f}" if row else "")
        docs = len({item["id"] for item in groups[(source, "all")]})
        print(f"| {source} | {docs} | " + " | ".join(cells) + " |")
    if args.json:
        args.json.write_text(json.dumps({"cmd": args.cmd, "summary": summary}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
