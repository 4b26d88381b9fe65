"""Batch mode's machinery (issue 7): the worker pool, the chunks it is sent, cheap globs.

Counted, not timed: bench/batch.py measures the speed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import reflow.batch as batch
from reflow.batch import Job, Result, Selection, Status, Task, find_files, run
from reflow.batch.walk import _Globs

from .test_batch import UNWRAPPED, WRAPPED, write
from .test_cli import child_env

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the workers are forked on Linux")


def _tree(folder: Path, count: int) -> list[Task]:
    """``count`` files of every outcome: changed, unchanged, binary, not UTF-8, empty."""
    contents = [
        WRAPPED.encode(),
        UNWRAPPED.encode(),
        b"\x00\x01\x02" * 40,
        "Caf\u00e9 owners\nmet on Monday.\n".encode("cp1252"),
        b"",
    ]
    for i in range(count):
        (folder / f"{i:03}.txt").parent.mkdir(parents=True, exist_ok=True)
        (folder / f"{i:03}.txt").write_bytes(contents[i % len(contents)])
    return [Task(path, None) for path, _base in find_files([str(folder)])]


@pytest.mark.parametrize("jobs", [2, 3])
def test_workers_give_the_serial_results_in_order(tmp_path: Path, jobs: int) -> None:
    tasks = _tree(tmp_path, 150)  # chunks of 16 down to 1: more than the workers hold at once
    job = Job(diff=True)
    serial = list(run(tasks, job, jobs=1))
    assert list(run(tasks, job, jobs=jobs)) == serial
    statuses = {result.status for result in serial}
    assert statuses == {Status.CHANGED, Status.UNCHANGED, Status.SKIPPED}
    assert any(result.warnings for result in serial) and any(result.diff for result in serial)


def test_more_jobs_than_files_start_a_worker_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    forks: list[int] = []
    real_fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(0) or real_fork())
    tasks = _tree(tmp_path, 3)
    assert list(run(tasks, Job(), jobs=8)) == list(run(tasks, Job(), jobs=1))
    assert len(forks) == 3


def test_a_result_larger_than_a_pipe_comes_through_whole(tmp_path: Path) -> None:
    big = write(tmp_path / "big.txt", WRAPPED * 2000)  # a diff of about 500 KB
    tasks = [Task(big), *(Task(write(tmp_path / f"{i}.txt")) for i in range(3))]
    job = Job(diff=True)
    results = list(run(tasks, job, jobs=2))
    assert len(results[0].diff) > 1 << 16  # a pipe holds 64 KiB
    assert results == list(run(tasks, job, jobs=1))


def test_files_written_in_place_are_the_serial_ones(tmp_path: Path) -> None:
    def in_place(folder: str, jobs: int) -> list[Status]:
        tasks = [Task(task.path, task.path) for task in _tree(tmp_path / folder, 40)]
        return [result.status for result in run(tasks, Job(), jobs=jobs)]

    assert in_place("parallel", 2) == in_place("serial", 1)
    for path in (tmp_path / "serial").iterdir():
        assert (tmp_path / "parallel" / path.name).read_bytes() == path.read_bytes()


def test_closing_early_waits_for_every_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    forked: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    tasks = [Task(write(tmp_path / f"{i:03}.txt"), tmp_path / f"{i:03}.txt") for i in range(200)]
    results = run(tasks, Job(), jobs=2)
    assert next(results).status is Status.CHANGED
    results.close()
    assert len(forked) == 2
    for pid in forked:  # already reaped: the workers were waited for
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
    contents = {path.read_text(encoding="utf-8") for path in tmp_path.iterdir()}
    assert contents <= {WRAPPED, UNWRAPPED}  # every file whole: old or new, no temp file left


@pytest.mark.parametrize("target", [False, True])
def test_a_file_that_kills_its_worker_fails_alone_and_the_others_are_done(
    target: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = [write(tmp_path / f"{i:03}.txt") for i in range(60)]
    tasks = [Task(path, path if target else None) for path in paths]
    real = batch.convert_file

    def dying(task: Task, job: Job) -> Result:
        if task.path.name == "041.txt":
            os._exit(3)  # in the worker: as if it were killed
        return real(task, job)

    monkeypatch.setattr(batch.pool, "convert_file", dying)
    results = list(run(tasks, Job(), jobs=2))
    assert [result.label for result in results] == [str(path) for path in paths]
    died = results[41]
    assert died.status is Status.FAILED
    assert died.message.startswith(f"{paths[41]}: not converted: the worker process converting it")
    others = {result.status for n, result in enumerate(results) if n != 41}
    # Written in place, files a dead chunk had done before its worker died are found unchanged.
    assert others == ({Status.CHANGED, Status.UNCHANGED} if target else {Status.CHANGED})
    assert paths[41].read_text(encoding="utf-8") == WRAPPED
    if target:
        assert all(
            path.read_text(encoding="utf-8") == UNWRAPPED for n, path in enumerate(paths) if n != 41
        )


# --- globs without pathspec --------------------------------------------------------------------

_PART = st.text(alphabet="ab.xtmdTM-_", min_size=0, max_size=6)


@given(
    st.lists(st.from_regex(r"\*\.[a-zA-Z.+_-]{1,5}", fullmatch=True), max_size=3),
    st.lists(_PART, min_size=1, max_size=4).map("/".join),
    st.booleans(),
)
def test_suffix_globs_match_as_pathspec_does(patterns: list[str], path: str, folder: bool) -> None:
    import pathspec

    path = path + "/" if folder else path
    globs = _Globs(patterns)
    assert globs.spec is None  # answered without pathspec
    # Suffix globs take a name whatever its case (README.MD is Markdown too): pathspec, which
    # is case-sensitive as git is, is asked about the lower-cased glob and path.
    lower = [pattern.lower() for pattern in patterns]
    expected = pathspec.GitIgnoreSpec.from_lines(lower).match_file(path.lower())
    assert globs.match_file(path) == expected


def test_other_globs_go_to_pathspec() -> None:
    globs = _Globs(["*.txt", "drafts/"])
    assert globs.spec is not None
    assert globs.match_file("drafts/a.md") and globs.match_file("a.txt")
    assert not globs.match_file("notes.md")


_PROBE = """
import json, sys
from reflow.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps([m for m in ("pathspec", "difflib", "reflow.writes") if m in sys.modules]))
"""


def _loaded(cwd: Path, *args: str) -> list[str]:
    """Which of the three modules a run loads.

    Long options only: click looks a short option up among the long ones first, and imports
    difflib to suggest a spelling when that fails.
    """
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, "--quiet", *args],
        capture_output=True,
        text=True,
        env=child_env(),
        cwd=cwd,
        timeout=60,
        check=False,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_check_loads_neither_pathspec_nor_the_writer(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / "docs" / "a.md")
    write(tmp_path / "b.md", UNWRAPPED)
    assert _loaded(tmp_path, "--check", "docs", "b.md") == []
    assert _loaded(tmp_path, "--check", "--exclude", "drafts/", "docs") == ["pathspec"]
    assert _loaded(tmp_path, "--diff", "docs") == ["difflib"]
    assert _loaded(tmp_path, "--in-place", "docs") == ["reflow.writes"]


def test_walking_keeps_one_of_two_names_for_a_file(tmp_path: Path) -> None:
    write(tmp_path / "a.txt")
    os.link(tmp_path / "a.txt", tmp_path / "b.txt")
    skipped: list[tuple[str, str]] = []
    found = find_files(
        [str(tmp_path), str(tmp_path / "b.txt")],
        Selection(),
        on_skip=lambda p, w: skipped.append((p, w)),
    )
    assert [path.name for path, _base in found] == ["a.txt"]
    assert skipped == [
        (str(tmp_path / "b.txt"), "named twice"),
        (str(tmp_path / "b.txt"), "named twice"),
    ]
