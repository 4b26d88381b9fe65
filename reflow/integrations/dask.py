"""Clean a corpus on a Dask cluster: whole files per task, converted as the local batch does."""

from __future__ import annotations

import contextlib
import json
import os
from collections import deque
from collections.abc import Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, Literal

from .. import __version__
from ..api import normalize, normalize_bytes
from ..batch import (
    Job,
    LineEnding,
    OutputEncoding,
    Result,
    Selection,
    Status,
    Tally,
    Task,
    convert_file,
    find_files,
    run,
)
from ..batch import plan_tasks as batch_plan
from ..errors import OptionsError, ReflowError
from ..options import DEFAULT_OPTIONS, Options, OutputFormat
from . import MissingExtraError

try:
    import dask.bag as db
    from distributed import Client, Future, default_client
except ImportError as error:  # say which extra brings it, not just which module is missing
    message = f"Dask is not installed ({error}): pip install 'reflow[dask]'"
    raise MissingExtraError(message) from error


class ClusterError(ReflowError):
    """The Dask cluster cannot be reached or cannot run reflow on these files."""


Mode = Literal["in-place", "out-dir", "check"]
PathLike = str | os.PathLike[str]
DEFAULT_SELECTION = Selection()
#: Files per Dask task at most: enough to keep the scheduler's per-task cost (about a
#: millisecond) small next to the work, few enough that the workers stay evenly busy.
MAX_CHUNK = 64


# --- Running tasks on a cluster ----------------------------------------------------------------


def _convert_chunk(tasks: Sequence[Task], job: Job) -> list[Result]:
    """On a worker: the batch's own per-file conversion, file after file."""
    return [convert_file(task, job) for task in tasks]


def _worker_version() -> str:
    """On a worker: the reflow it runs (a different one could give different output)."""
    return __version__


@contextlib.contextmanager
def _connected(client: Client | str | None) -> Iterator[Client]:
    """The client to use: the one given, a new one for an address (closed after), or the default."""
    if isinstance(client, Client):
        yield client
        return
    if client is None:
        try:
            yield default_client()
        except ValueError:
            message = "no Dask client is running: pass client= (a Client or a scheduler address)"
            raise ClusterError(message) from None
        return
    try:
        connected = Client(client, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:  # ValueError: a malformed address
        message = f"cannot reach the Dask scheduler at {client}: {error}"
        raise ClusterError(message) from None
    try:
        yield connected
    finally:
        connected.close()


def _check_workers(client: Client, tasks: Sequence[Task]) -> None:
    """Refuse a cluster whose workers run another reflow or cannot see the files.

    Without this, every file would fail with "no such file or directory" on a cluster
    without a shared file system, and a different reflow could write different output.
    """
    try:
        versions = client.run(_worker_version)
    except Exception as error:
        message = f"the Dask workers cannot run reflow {__version__} (is it installed?): {error}"
        raise ClusterError(message) from None
    for worker, version in sorted(versions.items()):
        if version != __version__:
            message = (
                f"Dask worker {worker} runs reflow {version}, this machine {__version__}: "
                "install the same reflow on every worker"
            )
            raise ClusterError(message)
    sample = next((t.path for t in tasks if t.data is None and t.path.is_file()), None)
    if sample is None:
        return
    sample = Path(os.path.abspath(sample))  # the workers' working folder is not ours
    seen = client.run(os.path.isfile, str(sample))
    for worker, found in sorted(seen.items()):
        if not found:
            message = (
                f"Dask worker {worker} cannot see {sample}: the files must be on a file system "
                "every worker shares, at the same path"
            )
            raise ClusterError(message)


def _portable(task: Task) -> Task:
    """The task with absolute paths (a worker's working folder is not ours), named as given."""
    if task.data is not None:
        return task
    return replace(
        task,
        path=Path(os.path.abspath(task.path)),
        target=Path(os.path.abspath(task.target)) if task.target is not None else None,
        out_dir=Path(os.path.abspath(task.out_dir)) if task.out_dir is not None else None,
        name=task.label,
    )


def _as_given(result: Result, task: Task, shipped: Task) -> Result:
    """The result naming the output as the caller named it, as the local batch would."""
    if shipped.target is None or task.target is None or shipped.target == task.target:
        return result
    sent, given = str(shipped.target), str(task.target)
    target = given if result.target == sent else result.target
    message = given + result.message[len(sent) :] if result.message.startswith(sent) else None
    return replace(result, target=target, message=message or result.message)


def _lost(tasks: Sequence[Task], error: BaseException) -> list[Result]:
    """Each file of a chunk the cluster could not run (a worker died, the scheduler went)."""
    reason = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    return [
        Result(task.label, Status.FAILED, f"{task.label}: not converted: Dask failed: {reason}")
        for task in tasks
    ]


def _threads(client: Client) -> int:
    try:
        return max(1, sum(client.nthreads().values()))
    except Exception:  # an old or unusual scheduler: size chunks as for one thread
        return 1


def run_on_cluster(
    tasks: Sequence[Task],
    job: Job,
    *,
    client: Client | str | None = None,
    chunk_size: int | None = None,
) -> Iterator[Result]:
    """Convert ``tasks`` on a Dask cluster and yield their results in the order of ``tasks``.

    The cluster counterpart of ``reflow.batch.run``: each worker runs the batch's own
    ``convert_file`` on whole files (read, checked, written atomically where the task says),
    so the files and results are the ones a local run gives. ``client`` is a
    ``distributed.Client``, a scheduler address such as ``"tcp://host:8786"`` (connected
    for this run and closed after), or None for the current default client. The workers
    need the same reflow installed and the files at the same paths (a shared file system).

    Files go to the cluster in chunks of ``chunk_size`` (by default sized to the cluster's
    threads, at most ``MAX_CHUNK``). A chunk the cluster loses becomes a FAILED result for
    each of its files; closing the iterator (or Ctrl-C) cancels what has not started.
    """
    if not tasks:
        return
    with _connected(client) as connected:
        _check_workers(connected, tasks)
        shipped = [_portable(task) for task in tasks]
        size = chunk_size or max(1, min(MAX_CHUNK, len(tasks) // (_threads(connected) * 4)))
        starts = range(0, len(tasks), size)
        # pure=False: a run writes files, so an earlier run's results must never be reused.
        futures: deque[Future] = deque(
            connected.map(
                _convert_chunk, [shipped[i : i + size] for i in starts], job=job, pure=False
            )
        )
        try:
            for start in starts:
                future = futures.popleft()  # dropping it lets the cluster forget the chunk
                given, sent = tasks[start : start + size], shipped[start : start + size]
                try:
                    results = future.result()
                except Exception as error:
                    results = _lost(given, error)
                for result, task, ship in zip(results, given, sent, strict=True):
                    yield _as_given(result, task, ship)
        except BaseException:
            connected.cancel(list(futures))
            raise


# --- A corpus of files -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CorpusReport:
    """What happened to every file of a corpus, in the order the files were found."""

    results: tuple[Result, ...]
    mode: Mode

    def with_status(self, status: Status) -> tuple[Result, ...]:
        """The results that ended as ``status``."""
        return tuple(result for result in self.results if result.status is status)

    @property
    def changed(self) -> tuple[Result, ...]:
        return self.with_status(Status.CHANGED)

    @property
    def unchanged(self) -> tuple[Result, ...]:
        return self.with_status(Status.UNCHANGED)

    @property
    def skipped(self) -> tuple[Result, ...]:
        return self.with_status(Status.SKIPPED)

    @property
    def failed(self) -> tuple[Result, ...]:
        return self.with_status(Status.FAILED)

    @property
    def ok(self) -> bool:
        """True when no file failed."""
        return not self.failed

    def summary(self) -> str:
        """One line, as the CLI ends a batch: ``3 files written, 1 unchanged, 1 failed``."""
        tally = Tally()
        for result in self.results:
            tally.add(result)
        return tally.summary(self.mode)

    def records(self) -> list[dict[str, str]]:
        """One record per file: ``path``, ``status``, ``target`` and ``reason`` (may be empty)."""
        return [
            {
                "path": result.label,
                "status": str(result.status),
                "target": result.target,
                "reason": result.message,
            }
            for result in self.results
        ]

    def to_jsonl(self) -> str:
        """The records as JSON Lines, one file per line."""
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in self.records())


def plan_tasks(
    paths: Iterable[PathLike],
    *,
    mode: Mode,
    out_dir: PathLike | None = None,
    to: OutputFormat | None = None,
    selection: Selection = DEFAULT_SELECTION,
) -> tuple[list[Task], list[Result]]:
    """The tasks for ``paths`` (files and folders) and the files refused before any work.

    As the CLI plans a batch: folders contribute the files ``selection`` takes; under
    ``out-dir`` each file goes to its place under ``out_dir`` (suffix from ``to``), and a
    second file bound for a target already taken is refused.
    """
    names = [os.fspath(path) for path in paths]
    out = Path(out_dir) if out_dir is not None else None
    found = find_files(names, selection, avoid=out)
    return batch_plan(found, out_dir=out, to=to, write_back=mode == "in-place")


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def convert_corpus(
    paths: PathLike | Iterable[PathLike],
    *,
    options: Options | None = None,
    out_dir: PathLike | None = None,
    in_place: bool = False,
    check: bool = False,
    client: Client | str | None = None,
    to: OutputFormat | None = None,
    selection: Selection = DEFAULT_SELECTION,
    safe: bool = True,
    line_ending: LineEnding = "keep",
    output_encoding: OutputEncoding = "keep",
    report: PathLike | None = None,
    chunk_size: int | None = None,
) -> CorpusReport:
    """Clean a corpus of files on a Dask cluster, as ``reflow --out-dir/-i/--check`` does locally.

    ``paths`` are files and folders (folders contribute ``*.txt``, ``*.md`` and
    ``*.markdown`` unless ``selection`` says otherwise, ``.gitignore`` respected). Give
    exactly one of ``out_dir`` (write each result under it, mirroring the folders),
    ``in_place=True`` (rewrite the files that change) or ``check=True`` (write nothing).
    Each file is one task, read and converted whole, never split into lines; a file is
    written only when the result keeps every word and a second run would not change it
    (``safe=False`` skips that check), and written atomically.

    ``options`` are the conversion options; ``to=None`` keeps each file's kind (Markdown
    for ``.md``/``.markdown``, plain text otherwise) as the CLI does without ``--to``, and
    a format writes every file in it (``options.to`` is not used). ``client`` is a
    ``distributed.Client`` or a scheduler address (``"tcp://host:8786"``); None uses the
    current default client, or local processes when there is none. The workers need the
    same reflow installed and the files at the same paths.

    Returns a ``CorpusReport``: per file changed / unchanged / skipped / failed with the
    reason. ``report`` also writes it as JSON Lines to that path.
    """
    modes = [m for m, on in (("out-dir", out_dir is not None), ("in-place", in_place)) if on]
    if check:
        modes.append("check")
    if len(modes) != 1:
        message = "give exactly one of out_dir=, in_place=True or check=True"
        raise OptionsError(message)
    mode: Mode = modes[0]  # type: ignore[assignment]
    if to == "jsonl" and mode != "out-dir":
        message = "to='jsonl' writes a new kind of file: use it with out_dir="
        raise OptionsError(message)
    base = options or DEFAULT_OPTIONS
    job = Job(
        options=base.replace(to=to) if to is not None else base,
        explicit_to=to is not None,
        safe=safe,
        line_ending=line_ending,
        output_encoding=output_encoding,
    )
    given = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    tasks, refused = plan_tasks(given, mode=mode, out_dir=out_dir, to=to, selection=selection)
    if client is None:
        with contextlib.suppress(ValueError):
            client = default_client()
    if client is None:  # no cluster at all: the local worker processes, as the CLI uses
        results = run(tasks, job, jobs=_cores())
    else:
        results = run_on_cluster(tasks, job, client=client, chunk_size=chunk_size)
    try:
        done = CorpusReport((*refused, *results), mode)
    finally:
        if isinstance(results, Generator):  # interrupted: stop the workers' queued files
            results.close()
    if report is not None:
        from ..writes import write_bytes

        write_bytes(Path(report), done.to_jsonl().encode("utf-8"))
    return done


# --- A bag of documents ------------------------------------------------------------------------


def _normalize_item(item: object, options: Options, text_key: str) -> object:
    """One document: text, bytes (decoded as files are), or a record with a text field."""
    if isinstance(item, str):
        return normalize(item, options)
    if isinstance(item, bytes | bytearray):
        return normalize_bytes(bytes(item), options)
    if isinstance(item, Mapping):
        record: dict[Any, Any] = dict(item)
        record[text_key] = normalize(record[text_key], options)
        return record
    message = f"cannot normalise a {type(item).__name__}: expected str, bytes or a mapping"
    raise TypeError(message)


def normalize_bag(bag: db.Bag, options: Options | None = None, *, text_key: str = "text") -> db.Bag:
    """A bag of whole documents, each cleaned like ``reflow.normalize`` (lazily, per item).

    Items are texts (``str``), raw bytes (decoded as files are), or records (mappings)
    whose ``text_key`` field is cleaned and whose other fields are kept. Build the bag
    from whole documents, for example ``db.read_text("*.jsonl").map(json.loads)`` (one
    record per line) or ``db.from_sequence(paths).map(read)``; never from
    ``db.read_text`` over plain text files, which splits each file into lines.
    """
    # A partial keeps the options opaque to Dask, which would otherwise unpack a dataclass.
    return bag.map(partial(_normalize_item, options=options or DEFAULT_OPTIONS, text_key=text_key))
