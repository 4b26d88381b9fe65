"""Leave-one-source-out validation of the learned break decision, and the dev figures.

    python bench/loso.py --training DIR [--no-own] [--baseline CHECKOUT] [--jobs 2] [--rounds 2]
                         [--decisions DUMP] [--no-dev] [--json OUT] [--join-cost 2]
    python bench/accuracy.py --training DIR ...     (the same)

The break weights are fitted on the training corpus as train/fit.py fits them; then, for each
source, they are fitted again without that source's documents and reflow runs on that source
with them. The table gives, per source and rendition, paragraph recovery ("par") and token
recall ("tok") of those held-out runs, scored by the shared corpus's scorer
(../shared/eval/score.py). Then the dev corpus (../shared/corpus/dev) is scored with the
package's weights, as its README says (dev is a check, never training data). ``--baseline``
scores another checkout's reflow (say, one with hand-set weights) on the same documents.
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
    docs: list[fit.Document],
    rounds: int,
    jobs: int,
    recorded: Path | None = None,
    trees: int = 0,
    share: float = 0.0,
) -> tuple[dict[tuple[str, str], dict[str, int]], dict[str, dict[str, float]]]:
    """Per (source, rendition), the summed scores of runs with weights (and ``trees`` trees)
    fitted without the source; and per source, those linear weights. ``recorded``: the
    decisions ``train/fit.py --dump`` wrote, used instead of running the corpus again."""
    if recorded is None:
        _, _, runs = fit.fit_corpus(docs, rounds, jobs, trees, share)
        x, y, sources = fit.decisions(runs)
    else:
        x, y, sources = fit.load_dump(recorded)
    names = sorted(set(sources) | {doc.source for doc in docs})
    tasks: list[fit.Task] = []
    fitted: dict[str, dict[str, float]] = {}
    for source in names:
        keep = np.array([s != source for s in sources])
        kept = [s for s in sources if s != source]
        model, _ = fit.fit_model(x[keep], y[keep], kept, trees, share)
        fitted[source] = {**model.weights, "bias": model.bias}
        tasks += [
            (doc, model.weights, model.bias, True, model.trees)
            for doc in docs
            if doc.source == source
        ]
    totals: dict[tuple[str, str], dict[str, int]] = {}
    for result in fit.run_all(tasks, jobs):
        add(totals, result.document, result.score)
        for rule, broke, truth in result.rules:
            rules = totals.setdefault(("rule", rule), {"docs": 0})
            rules["docs"] += 1  # (here: decisions)
            key = "breaks" if broke else "joins"
            rules[key] = rules.get(key, 0) + 1
            rules[f"{key}_right"] = rules.get(f"{key}_right", 0) + (truth == broke)
    return totals, fitted


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "-"


#: Reads document paths on stdin, one a line, and writes each one's reflow output as a JSON
#: line: run with another checkout on PYTHONPATH, it gives that checkout's figures beside ours.
_BASELINE = (
    "import json, sys, reflow\n"
    "for path in sys.stdin:\n"
    "    text = open(path.strip(), encoding='utf-8', errors='replace').read()\n"
    "    print(json.dumps(reflow.normalize(text)), flush=True)\n"
)


def baseline(checkout: Path, docs: list[fit.Document], jobs: int) -> dict[tuple[str, str], dict]:
    """Per (source, rendition), the summed scores of the reflow in ``checkout``."""
    scorer = fit.load_scorer()
    environment = {**os.environ, "PYTHONPATH": str(checkout)}
    shares = [docs[index::jobs] for index in range(jobs)]
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", _BASELINE],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=environment,
            text=True,
        )
        for _ in shares
    ]
    for worker, share in zip(workers, shares, strict=True):
        assert worker.stdin is not None
        worker.stdin.write("".join(f"{doc.input_path}\n" for doc in share))
        worker.stdin.close()
    totals: dict[tuple[str, str], dict[str, int]] = {}
    for worker, share in zip(workers, shares, strict=True):
        assert worker.stdout is not None
        for doc, line in zip(share, worker.stdout, strict=False):
            gold = json.loads(doc.gold_path.read_text(encoding="utf-8"))
            text = doc.input_path.read_text(encoding="utf-8", errors="replace")
            add(totals, doc, scorer(gold["paragraphs"], json.loads(line), text))
        worker.wait()
    return totals


def add(totals: dict[tuple[str, str], dict[str, int]], doc: fit.Document, score: dict) -> None:
    total = totals.setdefault((doc.source, doc.rendition), {"docs": 0})
    total["docs"] += 1
    for name in ("n_pars", "recovered", "n_tokens", "tok_matched"):
        total[name] = total.get(name, 0) + score.get(name, 0)


def print_table(
    totals: dict[tuple[str, str], dict[str, int]],
    compared: dict[tuple[str, str], dict[str, int]] | None,
) -> None:
    renditions = sorted({rendition for _, rendition in totals})
    sources = sorted({source for source, _ in totals})
    print("Paragraph recovery (par) and token recall (tok), weights fitted without the source")
    extra = " | base par | base tok" if compared else ""
    print(f"\n| source | rendition | docs | paragraphs | par | tok{extra} |")
    print("|---" * (6 + 2 * bool(compared)) + "|")
    rows = [(s, r) for s in sources for r in renditions if (s, r) in totals]
    rows += [("all", r) for r in renditions] + [(s, "all") for s in sources] + [("all", "all")]
    for source, rendition in rows:
        picked = [
            key for key in totals if source in (key[0], "all") and rendition in (key[1], "all")
        ]

        def summed(table: dict[tuple[str, str], dict[str, int]], name: str) -> int:
            return sum(table.get(key, {}).get(name, 0) for key in picked)  # noqa: B023

        cells = [
            str(summed(totals, "docs")),
            str(summed(totals, "n_pars")),
            ratio(summed(totals, "recovered"), summed(totals, "n_pars")),
            ratio(summed(totals, "tok_matched"), summed(totals, "n_tokens")),
        ]
        if compared:
            cells.append(ratio(summed(compared, "recovered"), summed(compared, "n_pars")))
            cells.append(ratio(summed(compared, "tok_matched"), summed(compared, "n_tokens")))
        print(f"| {source} | {rendition} | " + " | ".join(cells) + " |")


def print_rules(rules: dict[str, dict[str, int]]) -> None:
    """How often each named rule of ``decide`` was right about the gold (every line break
    between prose lines that the gold can judge; the shortcuts off, so each goes to a rule)."""
    print(
        "\nThe named rules before the score: breaks and joins they settled, and the share right\n"
    )
    print("| rule | decisions | breaks | right | joins | right |")
    print("|---|---|---|---|---|---|")
    for rule, counts in sorted(rules.items(), key=lambda item: -item[1]["docs"]):
        cells = [str(counts["docs"])]
        for key in ("breaks", "joins"):
            made = counts.get(key, 0)
            cells += [str(made), ratio(counts.get(f"{key}_right", 0), made)]
        print(f"| {rule} | " + " | ".join(cells) + " |")


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
    fit.add_corpus_options(parser)  # --corpus, --no-own, --per-source, --trees, --join-cost
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--no-dev", action="store_true", help="leave out the dev figures")
    parser.add_argument(
        "--decisions", type=Path, help="the decisions train/fit.py --dump recorded (faster)"
    )
    parser.add_argument(
        "--baseline", type=Path, help="another checkout of reflow, scored beside (base par, tok)"
    )
    parser.add_argument("--json", type=Path, help="write the figures and fold weights here")
    options = parser.parse_args(argv)
    fit.set_join_cost(options.join_cost)
    options.corpus = [options.training, *(options.corpus or [])]
    corpora = fit.corpus_folders(options)
    docs = [doc for corpus in corpora for doc in fit.documents(corpus, options.per_source)]
    totals, fitted = held_out(
        docs, options.rounds, options.jobs, options.decisions, options.trees, options.trees_share
    )
    compared = baseline(options.baseline, docs, options.jobs) if options.baseline else None
    rules = {key[1]: totals.pop(key) for key in [k for k in totals if k[0] == "rule"]}
    print_table(totals, compared)
    print_rules(rules)
    if options.json:
        rows = [{"source": s, "rendition": r, **t} for (s, r), t in sorted(totals.items())]
        options.json.write_text(json.dumps({"rows": rows, "folds": fitted}, indent=1))
    if not options.no_dev:
        dev_figures(options.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
