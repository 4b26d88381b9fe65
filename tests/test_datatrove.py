"""reflow as a datatrove step: a local pipeline gives each document what reflow.normalize gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("datatrove")
pytest.importorskip("orjson")  # datatrove's JSON Lines reader and writer need it

from datatrove.data import Document
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from reflow import normalize
from reflow.errors import OptionsError
from reflow.integrations.datatrove import ReflowFormatter
from reflow.options import Options

# Written for these tests: documents in the shapes a crawl or a PDF extraction leaves.
DOCUMENTS = {
    "wrapped": (
        "The night train to the coast left twenty minutes late, and most of\n"
        "the passengers slept through the long stop at the border, where two\n"
        "officers walked the corridor with torches.\n"
        "\n"
        "By morning the fields had given way to salt marsh and the first\n"
        "gulls were following the carriages.\n"
    ),
    "hyphens": (
        "Her grandmother kept a notebook of recipes, each one care-\n"
        "fully dated, and the oldest pages were stained with tea and\n"
        "flour from a kitchen that no longer exists.\n"
    ),
    "mojibake": "The caf\u00c3\u00a9 on the corner\nopened again in spring.\n",
    "no-blank-lines": (
        "Rain closed the mountain road on Tuesday.\n"
        "Crews expect to clear the rockfall by the\n"
        "end of the week, weather permitting.\n"
        "Residents of the upper village were asked to stay\n"
        "at home until then.\n"
    ),
    "clean": "A single paragraph that is already one line.\n",
    "crlf": "Lines ending the\r\nold way are joined\r\nall the same.\r\n",
}


def write_shards(folder: Path) -> None:
    """Two JSON Lines shards, so that each of two tasks reads one."""
    folder.mkdir()
    items = list(DOCUMENTS.items())
    for shard, part in enumerate((items[::2], items[1::2])):
        lines = [json.dumps({"id": key, "text": text}) + "\n" for key, text in part]
        (folder / f"shard-{shard}.jsonl").write_text("".join(lines), encoding="utf-8")


def read_outputs(folder: Path) -> dict[str, str]:
    texts: dict[str, str] = {}
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            texts[record["id"]] = record["text"]
    return texts


def test_a_local_pipeline_gives_each_document_the_text_of_normalize(tmp_path: Path) -> None:
    write_shards(tmp_path / "in")
    pipeline = [
        JsonlReader(str(tmp_path / "in")),
        ReflowFormatter(),
        JsonlWriter(str(tmp_path / "out"), compression=None),
    ]
    LocalPipelineExecutor(pipeline, tasks=2, workers=2, logging_dir=str(tmp_path / "logs")).run()

    got = read_outputs(tmp_path / "out")
    plain = Options(to="text")
    assert got == {key: normalize(text, plain) for key, text in DOCUMENTS.items()}
    assert got["hyphens"].startswith("Her grandmother kept a notebook of recipes, each one care")
    assert "caf\u00e9" in got["mojibake"]
    assert got["clean"] == DOCUMENTS["clean"]
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text(encoding="utf-8"))
    ours = next(step["stats"] for step in stats if "reflow" in step["name"])
    changed = ours["reflow_changed"]  # a bare count, or a summary with its total
    assert (changed if isinstance(changed, int) else changed["total"]) == len(DOCUMENTS) - 1


def test_options_reach_every_document() -> None:
    step = ReflowFormatter(Options(to="markdown"), width=40)
    documents = [Document(text=text, id=key) for key, text in DOCUMENTS.items()]
    out = {doc.id: doc.text for doc in step.run(iter(documents))}
    assert out == {
        key: normalize(text, Options(to="markdown", width=40)) for key, text in DOCUMENTS.items()
    }
    assert max(len(line) for text in out.values() for line in text.splitlines()) <= 40


def test_json_lines_output_is_refused_for_documents() -> None:
    with pytest.raises(OptionsError, match="datatrove document holds text"):
        ReflowFormatter(to="jsonl")
    with pytest.raises(OptionsError, match="unknown option"):
        ReflowFormatter(wrap_at=72)
