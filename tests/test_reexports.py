"""A name set on the batch or Markdown package is set where the package's modules read it."""

from __future__ import annotations

from pathlib import Path

import pytest

import reflow.batch
import reflow.markdown
from reflow.batch import Job, Task, large_files, options_for
from reflow.markdown import chunks, document, rewrap


def test_stream_size_set_on_the_package_decides_which_files_stream(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "small.txt"
    path.write_text("Some\nwrapped text.\n", encoding="utf-8")
    task, job = Task(path), Job()
    options = options_for(job, path.name)
    assert not large_files._streams(task, job, options)  # small: converted whole
    monkeypatch.setattr(reflow.batch, "STREAM_SIZE", 0)
    assert large_files.STREAM_SIZE == 0
    assert large_files._streams(task, job, options)
    monkeypatch.undo()
    assert large_files.STREAM_SIZE == reflow.batch.STREAM_SIZE == 1 << 20
    assert not large_files._streams(task, job, options)


def test_a_function_set_on_the_package_reaches_every_module_that_calls_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = rewrap._must_not_start

    def never(word: str) -> bool:
        return False

    monkeypatch.setattr(reflow.markdown, "_must_not_start", never)
    assert rewrap._must_not_start is never  # forms to try
    assert document._must_not_start is never  # the document's own style, under auto
    monkeypatch.undo()
    assert rewrap._must_not_start is document._must_not_start is real


def test_a_name_no_module_holds_stays_the_package_s_own(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reflow.markdown, "EXTRA_SETTING", 1, raising=False)
    assert not hasattr(chunks, "EXTRA_SETTING")
    assert reflow.markdown.EXTRA_SETTING == 1  # type: ignore[attr-defined]
