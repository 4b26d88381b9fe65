"""Fit the paragraph-break weights (reflow/data/break_weights.json) on the training corpus.

    python train/fit.py [--corpus DIR ...] [--no-own] [--per-source N] [--rounds 2] [--jobs 2]
                        [--write] [--dump FILE] [--from-dump FILE] [--join-cost 2]

reflow runs over every rendition of the corpus (``train/corpus.py`` makes it; its layout is in
docs/learned-breaks.md) with the break score recording (``reflow.breaks.recording``): each break
it weighs gives the features of its two lines. The truth of each is read from the gold: the
input lines are aligned to the gold blocks' tokens in order, and a paragraph ends between lines
``a`` and ``b`` when ``a``'s last aligned token and ``b``'s first are in different blocks (a
line that aligns to no gold token, such as a menu, teaches nothing and is skipped, and so does a
line of code or of a table). A logistic
regression (L2, Newton's method) is fitted to those; the decisions depend a little on the
weights in use, so the corpus is run again with the fitted weights (``--rounds``) and refitted.
``--write`` writes the weights, with the corpus manifest's hash, the date and the training
metrics, to the package's data file. bench/loso.py validates the same fit leaving one source out.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import math
import multiprocessing
import re
import sys
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "train"))

import reflow  # noqa: E402
from reflow import breaks, paragraphs, pipeline  # noqa: E402

DEFAULT_CORPUS = Path("/work/train-data")
#: Gold blocks whose lines are kept as they are (the scorer does not ask that they be one
#: block): a decision between two lines of one of them teaches nothing. (At their edges the
#: truth is a break: prose joined to a code line loses its paragraph.)
KEPT_AS_LINES = frozenset({"code", "table"})
#: The L2 penalty on the weights (not on the bias), in units of one decision's log-loss.
L2 = 1.0
#: What a wrong decision costs, in paragraphs: a break inside a paragraph splits one, a missed
#: break joins two. So a break is worth making where its odds are better than 1 to 2, and the
#: bias written out is the fitted one plus log(2) (score >= 0 is then odds >= 1/2).
COST_OF_A_WRONG_JOIN = 2.0
COST_OF_A_WRONG_SPLIT = 1.0
BIAS_FOR_COSTS = math.log(COST_OF_A_WRONG_JOIN / COST_OF_A_WRONG_SPLIT)
#: The boosted trees' settings (``--trees``): four levels, a node no smaller than 20
#: decisions, L2 = 1 on the leaves, rate 0.1 (chosen held out: docs/learned-breaks.md).
TREE_SETTINGS = {
    "max_depth": 4,
    "min_samples_leaf": 20,
    "l2_regularization": 1.0,
    "learning_rate": 0.1,
}
#: How many trees, and their share of the score (the linear part weighs the rest): chosen
#: held out (100, 200 and 300 trees, share 0.5 and 1; docs/learned-breaks.md).
TREES = 100
TREES_SHARE = 0.5

# Wide characters are a token each (CJK has no spaces); other tokens are runs of word characters.
_WIDE = "\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
_TOKEN = re.compile(rf"[{_WIDE}]|[^\W{_WIDE}]+")


@dataclass
class Document:
    """One rendition of one corpus document."""

    doc_id: str
    source: str
    rendition: str
    input_path: Path
    gold_path: Path


@dataclass
class Run:
    """What one document gave: its decisions (features, truth) and its output's score."""

    document: Document
    values: list[list[float]] = field(default_factory=list)
    truths: list[int] = field(default_factory=list)
    lines: list[tuple[str, str]] = field(default_factory=list)  # a and b, as written
    # Every break a rule of ``decide`` settled: (rule, whether it broke, the truth).
    rules: list[tuple[str, bool, int]] = field(default_factory=list)
    score: dict[str, int] = field(default_factory=dict)
    error: str = ""


def documents(corpus: Path, per_source: int = 0) -> list[Document]:
    """Every rendition of every document in ``corpus``, in a fixed order; with
    ``per_source``, of that many documents of each source at most, spread evenly over it."""
    found: list[Document] = []
    for folder in sorted((corpus / "input").iterdir()):
        for path in sorted(folder.glob("*.txt")):
            doc_id = path.stem
            source = doc_id.rsplit("-", 1)[0]
            gold = corpus / "gold" / f"{doc_id}.json"
            if gold.is_file():
                found.append(Document(doc_id, source, folder.name, path, gold))
    if per_source:
        ids: dict[str, list[str]] = {}
        for doc in found:
            ids.setdefault(doc.source, [])
            if doc.doc_id not in ids[doc.source]:
                ids[doc.source].append(doc.doc_id)
        kept: set[str] = set()
        for names in ids.values():
            names.sort()
            step = max(1.0, len(names) / per_source)
            kept.update(names[int(index * step)] for index in range(min(per_source, len(names))))
        found = [doc for doc in found if doc.doc_id in kept]
    return found


def manifest_hash(corpus: Path) -> str:
    manifest = corpus / "manifest.json"
    return hashlib.sha256(manifest.read_bytes()).hexdigest() if manifest.is_file() else ""


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())


def line_blocks(lines: list[str], blocks: list[str]) -> list[tuple[int, int] | None]:
    """For each line, the gold blocks of its first and last tokens aligned in order (or None)."""
    seq_in: list[str] = []
    owner_in: list[int] = []
    for number, line in enumerate(lines):
        found = tokens(line)
        seq_in += found
        owner_in += [number] * len(found)
    seq_gold: list[str] = []
    owner_gold: list[int] = []
    for number, block in enumerate(blocks):
        found = tokens(block)
        seq_gold += found
        owner_gold += [number] * len(found)
    # Exact alignment where it is affordable; difflib's popular-token shortcut beyond.
    exact = len(seq_in) * len(seq_gold) <= 30_000_000
    matcher = SequenceMatcher(None, seq_in, seq_gold, autojunk=not exact)
    spans: list[tuple[int, int] | None] = [None] * len(lines)
    for start_in, start_gold, size in matcher.get_matching_blocks():
        for k in range(size):
            line, block = owner_in[start_in + k], owner_gold[start_gold + k]
            span = spans[line]
            spans[line] = (block, block) if span is None else (span[0], block)
    return spans


def load_scorer():  # type: ignore[no-untyped-def]
    """The shared corpus's scorer (``score_output``), or None where ../shared is absent."""
    sys.path.insert(0, str(ROOT / "bench"))
    import accuracy

    scorer, _ = accuracy.load_scorer()
    return scorer


def run(
    document: Document,
    weights: dict[str, float] | None,
    bias: float,
    rules: bool = False,
    trees: dict[str, object] | None = None,
) -> Run:
    """reflow over one document with ``weights``, ``bias`` and ``trees`` (weights None: the
    package's), recording the breaks it weighs; with ``rules``, also those its named rules
    settle (``Run.rules``)."""
    if weights is not None:
        breaks.use(weights, bias, trees)
    result = Run(document)
    text = document.input_path.read_text(encoding="utf-8", errors="replace")
    gold = json.loads(document.gold_path.read_text(encoding="utf-8"))
    captured: list[list[str]] = []
    original = pipeline.build_blocks

    def capturing(lines: Iterable[str], **options: bool) -> Iterator[object]:
        held = list(lines)
        captured.append(held)
        return original(held, **options)

    pipeline.build_blocks = capturing  # type: ignore[assignment]
    breaks.recording = recorded = []
    breaks.rule_log = settled = [] if rules else None
    # Every decision goes to ``decide`` when its rules are measured (the shortcuts agree).
    paragraphs.FAST_PATHS = not rules
    try:
        output = reflow.normalize(text)
    except Exception as error:  # (a corpus document must not stop the fit)
        result.error = f"{type(error).__name__}: {error}"
        return result
    finally:
        pipeline.build_blocks = original  # type: ignore[assignment]
        breaks.recording = breaks.rule_log = None
        paragraphs.FAST_PATHS = True
    if SCORER is not None:
        result.score = SCORER(gold["paragraphs"], output, text)
    if len(captured) != 1 or not (recorded or settled):
        return result
    lines = captured[0]
    blocks = gold.get("blocks") or [{"kind": "p", "text": text} for text in gold["paragraphs"]]
    spans = line_blocks(lines, [block["text"] for block in blocks])
    kinds = [block["kind"] for block in blocks]

    def truth(a_number: int, b_number: int) -> int | None:
        return truth_between(spans[a_number - 1], spans[b_number - 1], kinds)

    for a_number, b_number, values in recorded:
        known = truth(a_number, b_number)
        if known is not None:
            result.values.append(values)
            result.truths.append(known)
            result.lines.append((lines[a_number - 1], lines[b_number - 1]))
    for a_number, b_number, rule, broke in settled or ():
        known = truth(a_number, b_number)
        if known is not None and not rule.startswith("signals"):
            result.rules.append((rule, broke, known))
    return result


def truth_between(
    a_span: tuple[int, int] | None, b_span: tuple[int, int] | None, kinds: list[str]
) -> int | None:
    """Whether a gold block ends between two lines, given the blocks each spans (``line_blocks``)
    and the blocks' kinds: 1 or 0, or None where the gold cannot say or does not ask."""
    if a_span is None or b_span is None:
        return None
    if a_span[1] != b_span[0]:
        return 1  # (a code block's or a table's edge too: prose joined to it is lost)
    if kinds[b_span[0]] in KEPT_AS_LINES:
        return None  # their lines are kept as lines by other rules; the score does not decide
    return 0


#: One run: the document, the weights, the bias, whether to log the rules, and the trees.
Task = tuple[Document, dict[str, float] | None, float, bool, dict[str, object] | None]


def _run_task(task: Task) -> Run:
    return run(*task)


SCORER = None


def _init_worker() -> None:
    global SCORER
    SCORER = load_scorer()


def run_all(tasks: list[Task], jobs: int) -> list[Run]:
    """``run`` over ``tasks`` in ``jobs`` processes."""
    if jobs <= 1:
        _init_worker()
        return [_run_task(task) for task in tasks]
    with multiprocessing.get_context("fork").Pool(jobs, initializer=_init_worker) as pool:
        return pool.map(_run_task, tasks, chunksize=4)


def fit(
    x: np.ndarray, y: np.ndarray, l2: float = L2, sample: np.ndarray | None = None
) -> np.ndarray:
    """Logistic regression by Newton's method: the weights, the bias last."""
    rows = np.hstack([x, np.ones((len(x), 1))])
    weight = np.ones(len(x)) if sample is None else sample
    beta = np.zeros(rows.shape[1])
    penalty = np.full(rows.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(rows @ beta, -30, 30)))
        gradient = rows.T @ (weight * (p - y)) + penalty * beta
        hessian = (rows * (weight * p * (1 - p))[:, None]).T @ rows + np.diag(penalty)
        step = np.linalg.solve(hessian + 1e-9 * np.eye(len(beta)), gradient)
        beta -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return beta


def decisions(runs: list[Run]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """The features, truths and sources of every decision in ``runs``."""
    values = [v for r in runs for v in r.values]
    truths = [t for r in runs for t in r.truths]
    sources = [r.document.source for r in runs for _ in r.values]
    x = np.array(values, dtype=float).reshape(len(values), len(breaks.NAMES))
    return x, np.array(truths, dtype=float), sources


def balanced(sources: list[str]) -> np.ndarray:
    """Sample weights that give every source the same total weight (a large one does not
    drown the others), scaled to the number of decisions."""
    counts: dict[str, int] = {}
    for source in sources:
        counts[source] = counts.get(source, 0) + 1
    share = len(sources) / len(counts)
    return np.array([share / counts[source] for source in sources])


def as_weights(beta: np.ndarray) -> tuple[dict[str, float], float]:
    """The fitted weights by name, and the bias the decision uses (``BIAS_FOR_COSTS``)."""
    weights = zip(breaks.NAMES, beta[:-1], strict=True)
    bias = float(beta[-1]) + BIAS_FOR_COSTS
    return {name: round(float(w), 4) for name, w in weights}, round(bias, 4)


def metrics(x: np.ndarray, y: np.ndarray, beta: np.ndarray) -> dict[str, float]:
    z = x @ beta[:-1] + beta[-1]
    said = z + BIAS_FOR_COSTS >= 0
    p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
    loss = -np.mean(y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12))
    true_breaks = int(np.sum(said & (y == 1)))
    return {
        "decisions": len(y),
        "breaks": int(np.sum(y)),
        "accuracy": round(float(np.mean(said == (y == 1))), 4),
        "break_precision": round(true_breaks / max(1, int(np.sum(said))), 4),
        "break_recall": round(true_breaks / max(1, int(np.sum(y))), 4),
        "log_loss": round(float(loss), 4),
    }


def fit_trees(
    x: np.ndarray, y: np.ndarray, sample: np.ndarray, count: int, share: float
) -> dict[str, object]:
    """Gradient-boosted trees (scikit-learn's histogram boosting, which only fitting needs) on
    the same decisions, as the weights file holds them: every tree's nodes in flat lists (a
    leaf's feature is -1), the score before any tree plus the costs' offset, and the share of
    the score they weigh. A split's value is the mean of its leaves' (by the decisions that
    reached them): ``breaks.shares`` reads what each split added from them."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    model = HistGradientBoostingClassifier(**TREE_SETTINGS, max_iter=count, random_state=0)
    model.fit(x, y, sample_weight=sample)
    roots: list[int] = []
    feature: list[int] = []
    threshold: list[float] = []
    left: list[int] = []
    right: list[int] = []
    value: list[float] = []
    for (predictor,) in model._predictors:  # (scikit-learn's trees: one a round, two classes)
        nodes = predictor.nodes
        base = len(feature)
        roots.append(base)
        means = _split_means(nodes)
        for index, node in enumerate(nodes):
            leaf = bool(node["is_leaf"])
            feature.append(-1 if leaf else int(node["feature_idx"]))
            threshold.append(0.0 if leaf else round(float(node["num_threshold"]), 6))
            left.append(-1 if leaf else base + int(node["left"]))
            right.append(-1 if leaf else base + int(node["right"]))
            value.append(round(means[index], 6))
    return {
        "share": share,
        "baseline": round(float(np.ravel(model._baseline_prediction)[0]) + BIAS_FOR_COSTS, 6),
        "roots": roots,
        "feature": feature,
        "threshold": threshold,
        "left": left,
        "right": right,
        "value": value,
    }


def _split_means(nodes: np.ndarray) -> list[float]:
    """Each node's value: a leaf's own, a split's the mean of its leaves' weighed by count."""
    means = [0.0] * len(nodes)
    counts = [0] * len(nodes)

    def visit(index: int) -> None:
        node = nodes[index]
        if node["is_leaf"]:
            means[index], counts[index] = float(node["value"]), int(node["count"])
            return
        low, high = int(node["left"]), int(node["right"])
        visit(low)
        visit(high)
        counts[index] = counts[low] + counts[high]
        means[index] = (means[low] * counts[low] + means[high] * counts[high]) / max(
            1, counts[index]
        )

    visit(0)
    return means


@dataclass
class Model:
    """What the score uses: the linear weights and bias, and the trees (or None)."""

    weights: dict[str, float]
    bias: float
    trees: dict[str, object] | None = None


def fit_model(
    x: np.ndarray, y: np.ndarray, sources: list[str], trees: int, share: float
) -> tuple[Model, np.ndarray]:
    """The linear weights (every source weighed alike) and, with ``trees``, that many trees
    weighing ``share`` of the score; and the linear fit's coefficients."""
    sample = balanced(sources)
    beta = fit(x, y, sample=sample)
    weights, bias = as_weights(beta)
    grown = fit_trees(x, y, sample, trees, share) if trees else None
    return Model(weights, bias, grown), beta


def fit_corpus(
    docs: list[Document], rounds: int, jobs: int, trees: int = 0, share: float = 0.0
) -> tuple[Model, dict[str, float], list[Run]]:
    """Run and fit ``rounds`` times; the last model, its linear fit's metrics, and the runs."""
    model: Model | None = None
    runs: list[Run] = []
    beta = np.zeros(len(breaks.NAMES) + 1)
    for round_number in range(rounds):
        tasks: list[Task] = [
            (doc, None if model is None else model.weights, 0.0 if model is None else model.bias,
             False, None if model is None else model.trees)
            for doc in docs
        ]  # fmt: skip
        runs = run_all(tasks, jobs)
        x, y, sources = decisions(runs)
        model, beta = fit_model(x, y, sources, trees, share)
        print(
            f"round {round_number + 1}: {len(y)} decisions, {int(y.sum())} breaks; "
            f"{metrics(x, y, beta)}",
            file=sys.stderr,
        )
    x, y, _ = decisions(runs)
    assert model is not None
    return model, metrics(x, y, beta), runs


def write_weights(model: Model, corpora: list[Path], training: dict[str, float], path: str) -> None:
    data = {
        "about": "Fitted by train/fit.py; see docs/learned-breaks.md. Do not edit by hand.",
        "weights": model.weights,
        "bias": model.bias,
        "corpus_manifest_sha256": manifest_hash(corpora[0]),
        "corpora": {str(corpus): manifest_hash(corpus) for corpus in corpora},
        "date": datetime.date.today().isoformat(),
        "training": training,
    }
    text = json.dumps(data, indent=1)
    if model.trees:
        # One line for each of the trees' lists: thousands of numbers, read by no one.
        fields = ",\n".join(
            f"  {json.dumps(key)}: {json.dumps(value)}" for key, value in model.trees.items()
        )
        text = text[: -len("\n}")] + f',\n "trees": {{\n{fields}\n }}\n}}'
    Path(path).write_text(text + "\n", encoding="utf-8")


def load_dump(path: Path) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """The features, truths and sources of the decisions in a ``--dump`` file. A feature the
    dump lacks is computed when it depends on the lines' text alone (``breaks.TEXT_FEATURES``)
    or is a product of two it has (``breaks.PRODUCTS``)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    names, rows = data["names"], data["decisions"]
    columns = {name: [row["values"][index] for row in rows] for index, name in enumerate(names)}
    for name, of_text in breaks.TEXT_FEATURES.items():
        if name not in columns:
            lines = [(paragraphs._tidy(row["a"]), paragraphs._tidy(row["b"])) for row in rows]
            columns[name] = [of_text(a, b) if a and b else 0.0 for a, b in lines]
    for name, (first, second) in breaks.PRODUCTS.items():
        if name not in columns:
            columns[name] = [a * b for a, b in zip(columns[first], columns[second], strict=True)]
    x = np.array([columns[name] for name in breaks.NAMES], dtype=float).T.reshape(
        len(rows), len(breaks.NAMES)
    )
    y = np.array([row["truth"] for row in rows], dtype=float)
    return x, y, [row["id"].rsplit("-", 1)[0] for row in rows]


def fit_dump(path: Path, trees: int = 0, share: float = 0.0) -> tuple[Model, dict[str, float]]:
    """``fit_model`` on a dump's decisions: the model and the linear fit's metrics."""
    x, y, sources = load_dump(path)
    model, beta = fit_model(x, y, sources, trees, share)
    return model, metrics(x, y, beta)


def add_corpus_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--corpus",
        type=Path,
        action="append",
        help=f"a training corpus (more than one may be given; default {DEFAULT_CORPUS})",
    )
    parser.add_argument(
        "--no-own",
        action="store_true",
        help="leave out the project's own documents (train/own.py: books, mail, drafts)",
    )
    parser.add_argument(
        "--per-source",
        type=int,
        default=0,
        help="use at most this many documents of each source (all renditions of each)",
    )
    parser.add_argument(
        "--trees",
        type=int,
        default=TREES,
        help="also fit this many boosted trees (scikit-learn; 0: the linear score alone)",
    )
    parser.add_argument(
        "--trees-share",
        type=float,
        default=TREES_SHARE,
        help="the trees' share of the score, the linear part's the rest",
    )
    parser.add_argument(
        "--join-cost",
        type=float,
        default=COST_OF_A_WRONG_JOIN,
        help="what a missed break costs against a wrong one (sets the bias; see the doc)",
    )


def set_join_cost(cost: float) -> None:
    """Decide at odds of 1 to ``cost`` from now on (``as_weights`` adds its log to the bias)."""
    global BIAS_FOR_COSTS
    BIAS_FOR_COSTS = math.log(cost / COST_OF_A_WRONG_SPLIT)


def corpus_folders(options: argparse.Namespace) -> list[Path]:
    """The corpora to fit on: those named, and the project's own, written to a temporary
    folder (it holds shapes the web pages lack: books, mail, Internet-Drafts)."""
    corpora = list(options.corpus or [DEFAULT_CORPUS])
    if not options.no_own:
        import own

        folder = Path(tempfile.mkdtemp(prefix="reflow-own-"))
        own.write(folder)
        corpora.append(folder)
    return corpora


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_corpus_options(parser)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--write", action="store_true", help="write the package's weights file")
    parser.add_argument(
        "--dump", type=Path, help="write every decision (lines, features, truth) here, as JSON"
    )
    parser.add_argument(
        "--from-dump",
        type=Path,
        help="fit on the decisions a --dump wrote instead of running the corpus again",
    )
    options = parser.parse_args()
    set_join_cost(options.join_cost)
    corpora = corpus_folders(options)
    if options.from_dump:
        model, training = fit_dump(options.from_dump, options.trees, options.trees_share)
        runs: list[Run] = []
    else:
        docs = [doc for corpus in corpora for doc in documents(corpus, options.per_source)]
        model, training, runs = fit_corpus(
            docs, options.rounds, options.jobs, options.trees, options.trees_share
        )
    if options.dump and runs:
        dump = [
            {"id": r.document.doc_id, "rendition": r.document.rendition, "a": a, "b": b,
             "values": v, "truth": t}
            for r in runs
            for (a, b), v, t in zip(r.lines, r.values, r.truths, strict=True)
        ]  # fmt: skip
        data = {"names": list(breaks.NAMES), "decisions": dump}
        options.dump.write_text(json.dumps(data), encoding="utf-8")
    width = max(map(len, model.weights))
    for name, weight in sorted(model.weights.items(), key=lambda item: -abs(item[1])):
        print(f"{name:<{width}} {weight:+.3f}")
    print(f"{'bias':<{width}} {model.bias:+.3f}")
    if model.trees:
        print(f"{len(model.trees['roots'])} trees, share {model.trees['share']}")  # type: ignore[arg-type]
    print(json.dumps(training))
    if options.write:
        write_weights(model, corpora, training, breaks.WEIGHTS_FILE)
        print(f"wrote {breaks.WEIGHTS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
