"""Leave-one-source-out validation of the learned break decision, and the dev figures.

    python bench/loso.py --training DIR [--jobs 2] [--rounds 2] [--no-dev] [--json OUT]
    python bench/accuracy.py --training DIR ...     (the same)

The break weights are fitted on the training corpus as train/fit.py fits them; then, for each
source, they are fitted again without that source's documents and reflow runs on that source
with them. The table gives, per source and rendition, paragraph recovery ("par") and token
recall ("tok") of those held-out runs, scored by the shared corpus's scorer
(../shared/eval/score.py). Then the dev corpus (../shared/corpus/dev) is scored with the
package's weights, as its README says (dev is a check, never training data).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "train"))

import fit  # noqa: E402  (train/ is not a package)

SHARED = Path(os.environ.get("REFLOW_SHARED", ROOT.parent / "shared"))


def held_out(
    corpus: Path, rounds: int, jobs: int
) -> tuple[dict[tuple[str, str], dict[str, int]], dict[str, dict[str, float]]]:
    """Per (source, rendition), the summed scores of runs with weights fitted without the
    source; and per source, those weights."""
    docs = fit.documents(corpus)
    _, _, _, runs = fit.fit_corpus(corpus, rounds, jobs, docs)
    x, y, sources = fit.decisions(runs)
    names = sorted(set(sources) | {doc.source for doc in docs})
    tasks: list[tuple[fit.Document, dict[str, float] | None, float]] = []
    fitted: dict[str, dict[str, float]] = {}
    for source in names:
        keep = np.array([s != source for s in sources])
        beta = fit.fit(x[keep], y[keep], sample=fit.balanced([s for s in sources if s != source]))
        weights, bias = fit.as_weights(beta)
        fitted[source] = {**weights, "bias": bias}
        tasks += [(doc, weights, bias) for doc in docs if doc.source == source]
    totals: dict[tuple[str, str], dict[str, int]] = {}
    for result in fit.run_all(tasks, jobs):
        key = (result.document.source, result.document.rendition)
        total = totals.setdefault(key, {"docs": 0, "n_pars": 0, "recovered": 0})
        total["docs"] += 1
        for name in ("n_pars", "recovered", "n_tokens", "tok_matched"):
            total[name] = total.get(name, 0) + result.score.get(name, 0)
    return totals, fitted


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "-"


def print_table(totals: dict[tuple[str, str], dict[str, int]]) -> None:
    renditions = sorted({rendition for _, rendition in totals})
    sources = sorted({source for source, _ in totals})
    print("Paragraph recovery / token recall, weights fitted without the row's source\n")
    print("| source | docs | " + " | ".join(renditions) + " | all |")
    print("|---" * (len(renditions) + 3) + "|")
    for source in [*sources, "all"]:
        cells = []
        docs = 0
        whole: dict[str, int] = {}
        for rendition in renditions:
            parts = [t for (s, r), t in totals.items() if r == rendition and source in (s, "all")]
            summed = {k: sum(p.get(k, 0) for p in parts) for k in ("docs", "n_pars", "recovered")}
            summed["n_tokens"] = sum(p.get("n_tokens", 0) for p in parts)
            summed["tok_matched"] = sum(p.get("tok_matched", 0) for p in parts)
            for key, value in summed.items():
                whole[key] = whole.get(key, 0) + value
            if source != "all" and not summed["docs"]:
                cells.append("")
                continue
            docs += summed["docs"]
            cells.append(
                f"{ratio(summed['recovered'], summed['n_pars'])} / "
                f"{ratio(summed['tok_matched'], summed['n_tokens'])}"
            )
        total = (
            f"{ratio(whole['recovered'], whole['n_pars'])} / "
            f"{ratio(whole['tok_matched'], whole['n_tokens'])}"
        )
        print(f"| {source} | {docs} | " + " | ".join(cells) + f" | {total} |")


def dev_figures(jobs: int) -> None:
    scorer = SHARED / "eval" / "score.py"
    if not scorer.is_file():
        print(f"\n(no dev corpus: {scorer} is absent)")
        return
    print("\nDev corpus (../shared/corpus/dev), the package's weights\n")
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, str(scorer), "--cmd", "reflow --to markdown -", "--jobs", str(jobs)]
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    print("\n".join(line for line in result.stdout.splitlines() if line.startswith("|")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--training", type=Path, required=True, help="the training corpus")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--no-dev", action="store_true", help="leave out the dev figures")
    parser.add_argument("--json", type=Path, help="write the figures and fold weights here")
    options = parser.parse_args(argv)
    totals, fitted = held_out(options.training, options.rounds, options.jobs)
    print_table(totals)
    if options.json:
        rows = [{"source": s, "rendition": r, **t} for (s, r), t in sorted(totals.items())]
        options.json.write_text(json.dumps({"rows": rows, "folds": fitted}, indent=1))
    if not options.no_dev:
        dev_figures(options.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
