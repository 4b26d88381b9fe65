"""reflow on Dask: a LocalCluster writes the files and reports the results the local batch does."""

from __future__ import annotations

import json
import random
import shutil
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("distributed")

import dask.bag as db
from distributed import Client, LocalCluster

from reflow import normalize, normalize_bytes
from reflow.batch import Job, Status, run
from reflow.cli import main
from reflow.errors import OptionsError
from reflow.integrations.dask import (
    ClusterError,
    convert_corpus,
    normalize_bag,
    plan_tasks,
    run_on_cluster,
)
from reflow.options import Options

# Words for generated articles about a made-up river town; long ones get split at line ends.
WORDS = (
    "the ferry crossed river at dawn while merchants counted crates of salt and lamp oil "
    "on quay a boy sold bread to sailors who argued about weather tides harbour master "
    "wrote every arrival in his ledger with careful hand"
).split()
LONG_WORDS = ("understanding", "neighbourhood", "considerable", "extraordinary", "particularly")


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS + list(LONG_WORDS)) for _ in range(rng.randint(6, 16))]
    return " ".join(words).capitalize() + rng.choice(".!?.")


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))


def hard_wrapped(rng: random.Random, paragraphs: int, width: int, blank_lines: bool) -> str:
    """Paragraphs wrapped at ``width`` as a PDF or a mail client leaves them."""
    blocks = []
    for _ in range(paragraphs):
        lines = textwrap.wrap(paragraph(rng), width, break_on_hyphens=False)
        for i, line in enumerate(lines[:-1]):
            word = line.rsplit(" ", 1)[-1]
            if word in LONG_WORDS and rng.random() < 0.7:  # a word split by a hyphen
                cut = len(word) // 2
                lines[i] = line[: len(line) - len(word) + cut] + "-"
                lines[i + 1] = word[cut:] + " " + lines[i + 1]
        blocks.append("\n".join(lines))
    return ("\n\n" if blank_lines else "\n").join(blocks) + "\n"


def write_corpus(root: Path) -> None:
    """A small messy corpus: wrapped articles, other encodings, Markdown, clean and binary files."""
    rng = random.Random(9)
    for n in range(8):
        text = hard_wrapped(rng, rng.randint(2, 5), rng.randint(38, 72), blank_lines=n % 3 != 0)
        (root / "articles").mkdir(parents=True, exist_ok=True)
        (root / "articles" / f"{n:02}.txt").write_text(text, encoding="utf-8", newline="")
    crlf = hard_wrapped(rng, 3, 60, blank_lines=True).replace("\n", "\r\n")
    (root / "mail").mkdir()
    (root / "mail" / "crlf.txt").write_bytes(crlf.encode("utf-8"))
    latin = "Un café\nnaïve au bord de\nla rivière, déjà fermé.\n\n"
    latin += hard_wrapped(rng, 2, 50, blank_lines=True)
    (root / "mail" / "latin1.txt").write_bytes(latin.encode("latin-1"))
    bom = hard_wrapped(rng, 2, 45, blank_lines=True)
    (root / "mail" / "bom.txt").write_bytes(b"\xef\xbb\xbf" + bom.encode("utf-8"))
    notes = "# Ferry notes\n\n" + hard_wrapped(rng, 3, 55, blank_lines=True)
    (root / "notes.md").write_text(notes, encoding="utf-8")
    (root / "clean.txt").write_text(paragraph(rng) + "\n\n" + paragraph(rng) + "\n")
    (root / "blob.txt").write_bytes(b"\x00\x01\x02 not text \x00" * 20)
    (root / ".hidden").mkdir()
    (root / ".hidden" / "left-out.txt").write_text("never\nread\n")


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def outcome(results: object) -> list[tuple[str, str, str, str]]:
    return [(r.label, str(r.status), r.message, r.target) for r in results]  # type: ignore[attr-defined]


def reflow_cli(*args: str) -> tuple[int, str]:
    """The command run in this process; its exit code and stderr."""
    with CliRunner().isolation() as (_out, err, _both):
        try:
            main(list(args))
            code = 0
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 1
        return code, err.getvalue().decode()


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    # Two single-threaded workers on the loopback; threads in this process start in well
    # under a second, where worker processes would each load reflow's word list again.
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=False,
            protocol="tcp",
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        Client(cluster, set_as_default=False) as connected,
    ):
        yield connected


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    write_corpus(root)
    return root


def test_the_generated_corpus_is_messy_enough_to_matter(corpus: Path) -> None:
    tasks, _refused = plan_tasks([corpus], mode="check")
    results = {Path(r.label).name: r.status for r in run(tasks, Job())}
    assert results["blob.txt"] is Status.SKIPPED
    assert results["clean.txt"] is Status.UNCHANGED
    assert sum(status is Status.CHANGED for status in results.values()) >= 10
    assert "left-out.txt" not in results


def test_a_cluster_writes_the_files_and_results_of_the_local_batch(
    client: Client, corpus: Path, tmp_path: Path
) -> None:
    options = Options(width=64)
    missing = corpus / "named-but-missing.txt"
    local_out, cluster_out = tmp_path / "local", tmp_path / "cluster"
    tasks, refused = plan_tasks([corpus, missing], mode="out-dir", out_dir=local_out)
    local = [*refused, *run(tasks, Job(options=options), jobs=1)]

    report = convert_corpus(
        [corpus, missing], options=options, out_dir=cluster_out, client=client, chunk_size=2
    )

    assert tree(cluster_out) == tree(local_out)
    assert len(tree(cluster_out)) >= 12
    moved = [
        tuple(part.replace(str(local_out), str(cluster_out)) for part in result)
        for result in outcome(local)
    ]
    assert outcome(report.results) == moved
    failed = {Path(r.label).name: r.message for r in report.failed}
    assert "no such file" in failed["named-but-missing.txt"]
    assert [Path(r.label).name for r in report.skipped] == ["blob.txt"]
    assert not report.ok


def test_in_place_and_check_on_a_cluster_match_the_local_command(
    client: Client, corpus: Path, tmp_path: Path
) -> None:
    by_cli = tmp_path / "by-cli"
    shutil.copytree(corpus, by_cli)
    before = tree(corpus)

    checked = convert_corpus(corpus, check=True, client=client)
    assert tree(corpus) == before  # --check writes nothing
    # The library takes text files in place by default; the command takes them when asked.
    reflow_cli("-i", "--include", "*.txt", "--include", "*.md", "-j", "1", str(by_cli))
    report = convert_corpus(corpus, in_place=True, client=client)

    assert tree(corpus) == tree(by_cli)
    assert tree(corpus) != before
    assert [r.label for r in report.changed] == [r.label for r in checked.changed]
    assert report.summary().startswith(f"{len(report.changed)} files reformatted, 1 unchanged")


def test_the_command_line_runs_on_a_scheduler_with_the_same_output(
    client: Client, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # relative paths: the workers get absolute ones, we see ours
    address = client.scheduler.address
    local = reflow_cli("-v", "-w", "50", "--out-dir", "here", "corpus")
    remote = reflow_cli("-v", "-w", "50", "--scheduler", address, "--out-dir", "there", "corpus")
    assert tree(tmp_path / "here") == tree(tmp_path / "there")
    assert len(tree(tmp_path / "there")) >= 12
    assert remote[0] == local[0]
    assert remote[1] == local[1].replace("-> here/", "-> there/")
    assert "wrote corpus/notes.md -> there/notes.md" in remote[1].splitlines()


def test_a_report_file_lists_every_file_with_its_reason(
    client: Client, corpus: Path, tmp_path: Path
) -> None:
    path = tmp_path / "report.jsonl"
    convert_corpus(corpus, check=True, client=client, report=path)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    statuses = {Path(r["path"]).name: r["status"] for r in records}
    assert statuses["blob.txt"] == "skipped"
    assert statuses["clean.txt"] == "unchanged"
    assert statuses["notes.md"] == "changed"
    blob = next(r for r in records if r["path"].endswith("blob.txt"))
    assert "binary" in blob["reason"]


def test_a_bag_of_documents_is_normalised_whole(client: Client) -> None:
    rng = random.Random(4)
    texts = [hard_wrapped(rng, 3, 40 + 5 * n, blank_lines=n % 2 == 0) for n in range(6)]
    options = Options(to="text")
    items: list[object] = [*texts[:3], texts[3].encode("utf-8"), {"id": 7, "text": texts[4]}]
    got = normalize_bag(db.from_sequence(items, npartitions=3), options).compute(scheduler=client)
    assert got[:3] == [normalize(text, options) for text in texts[:3]]
    assert got[3] == normalize_bytes(texts[3].encode("utf-8"), options)
    assert got[4] == {"id": 7, "text": normalize(texts[4], options)}
    assert got[0] != texts[0]


def test_exactly_one_mode_is_asked_for(corpus: Path, tmp_path: Path) -> None:
    with pytest.raises(OptionsError, match="exactly one"):
        convert_corpus(corpus, in_place=True, check=True)
    with pytest.raises(OptionsError, match="exactly one"):
        convert_corpus(corpus)
    with pytest.raises(OptionsError, match="jsonl"):
        convert_corpus(corpus, in_place=True, to="jsonl")


def test_without_a_cluster_the_corpus_is_converted_here(corpus: Path, tmp_path: Path) -> None:
    # One file, so the local batch runs in this process (no fork beside the cluster's threads).
    one = corpus / "articles" / "01.txt"
    report = convert_corpus(one, out_dir=tmp_path / "out", to="markdown")
    assert [r.status for r in report.results] == [Status.CHANGED]
    assert report.results[0].target == str(tmp_path / "out" / "01.md")
    written = (tmp_path / "out" / "01.md").read_text(encoding="utf-8")
    assert written == normalize(one.read_text(encoding="utf-8"))


def test_an_unreachable_scheduler_is_one_clear_error(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        tasks, _refused = plan_tasks([corpus], mode="check")
        with pytest.raises(ClusterError, match="cannot reach the Dask scheduler"):
            list(run_on_cluster(tasks, Job(), client="tcp://127.0.0.1:9"))
        # The address comes from the environment (a repository's config file may not give one).
        monkeypatch.setenv("REFLOW_SCHEDULER", "tcp://127.0.0.1:9")
        code, err = reflow_cli("--check", str(corpus))
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err
    assert code != 0


def test_the_first_import_path_gives_the_same_adapter() -> None:
    # docs/cluster.md gave ``reflow.distributed`` before the adapter joined the integrations.
    import reflow.distributed as first

    assert first.convert_corpus is convert_corpus
    assert first.normalize_bag is normalize_bag
    assert first.run_on_cluster is run_on_cluster
