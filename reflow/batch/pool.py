"""Running many files, here or in worker processes, and yielding their results in order."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from ..errors import ReflowError
from .convert import convert_file
from .jobs import Job, Result, Task

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.synchronize import Event

_stop: Event | None = None


def _worker_start(stop: Event) -> None:
    """In each worker: Ctrl-C is the parent's to handle, and ``stop`` says when to give up."""
    import signal

    global _stop
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # SIGTERM (to the whole group, say) ends the run as Ctrl-C does: the file under way first.
    signal.signal(signal.SIGTERM, lambda _signum, _frame: stop.set())
    _stop = stop


def _convert_chunk(tasks: Sequence[Task], job: Job) -> list[Result]:
    results = []
    for task in tasks:
        if _stop is not None and _stop.is_set():
            break  # interrupted: leave the rest alone
        results.append(convert_file(task, job))
    return results


def _chunk_size(tasks: int, jobs: int) -> int:
    """Files per chunk: small enough that the workers end together, at most 16."""
    return max(1, min(16, tasks // (jobs * 8)))


def run(tasks: Sequence[Task], job: Job, *, jobs: int = 1) -> Iterator[Result]:
    """Convert ``tasks`` and yield their results in the order of ``tasks``.

    With ``jobs > 1`` and more than one task, files go to that many worker
    processes in small chunks. Close the iterator (or let it end) to stop: on
    Ctrl-C in the caller, workers finish the file they are on (files are written
    whole or not at all) and start no other.
    """
    if jobs <= 1 or len(tasks) <= 1:
        for task in tasks:
            yield convert_file(task, job)
        return
    yield from _run_pool(tasks, job, jobs)


class WorkerDied(ReflowError):
    """A worker process ended before it sent the results of the files it was given."""


def _died(task: Task) -> Result:
    """The result of a file whose worker process ended while converting it, alone."""
    from .jobs import Status

    message = (
        f"{task.label}: not converted: the worker process converting it ended unexpectedly "
        "(killed, or out of memory); a file is written whole or not at all"
    )
    return Result(task.label, Status.FAILED, message)


def _run_pool(tasks: Sequence[Task], job: Job, jobs: int) -> Iterator[Result]:
    """``run`` with a process pool: chunks of files pickled to the workers, results back.

    On Linux the workers are forked (the default before Python 3.14), so each starts with what
    this process has loaded; elsewhere the platform's default starts them. A hand-written pool
    (forked workers sent index ranges on pipes, results marshalled back) saved 25 to 40 ms a
    run and nothing on a large one: not enough to keep it (docs/performance.md).

    A worker that dies (killed, out of memory, a crash in compiled code) breaks the whole
    pool, and every file not yet done with it: those are converted again one at a time in a
    worker of their own, so that the one that kills its worker again fails alone and the
    others are done.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    if context.get_start_method() == "fork":
        # What the workers will need is loaded once, here, rather than by each of them.
        if job.diff:
            import difflib  # noqa: F401
        if any(task.target is not None for task in tasks):
            from .. import writes  # noqa: F401
    size = _chunk_size(len(tasks), jobs)
    chunks = [tasks[i : i + size] for i in range(0, len(tasks), size)]
    workers = min(jobs, len(chunks))
    stops: list[Event] = []

    def pool(count: int) -> ProcessPoolExecutor:
        # An event of its own: a broken pool's survivors are ended by SIGTERM, which sets theirs.
        stops.append(context.Event())
        return ProcessPoolExecutor(
            count, mp_context=context, initializer=_worker_start, initargs=(stops[-1],)
        )

    executor = pool(workers)
    try:
        futures = [executor.submit(_convert_chunk, chunk, job) for chunk in chunks]
        for index, future in enumerate(futures):
            try:
                results = future.result()
            except BrokenProcessPool:
                executor.shutdown(wait=True, cancel_futures=True)
                executor = pool(1)
                for chunk, later in zip(chunks[index:], futures[index:], strict=True):
                    if later.done() and not later.cancelled() and later.exception() is None:
                        yield from later.result()  # done before the pool broke
                        continue
                    for task in chunk:
                        result, executor = _alone(executor, task, job, pool)
                        yield result
                break
            yield from results
    except BaseException:
        stops[-1].set()
        executor.shutdown(wait=True, cancel_futures=True)
        raise
    executor.shutdown(wait=True)


def _alone(
    executor: ProcessPoolExecutor, task: Task, job: Job, pool: Callable[[int], ProcessPoolExecutor]
) -> tuple[Result, ProcessPoolExecutor]:
    """``task`` converted in ``executor``'s one worker; a new one if that worker died on it."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        results = executor.submit(_convert_chunk, [task], job).result()
    except BrokenProcessPool:
        executor.shutdown(wait=True)
        return _died(task), pool(1)
    if not results:  # the worker was told to stop (SIGTERM): the caller stops at the signal
        raise WorkerDied(f"{task.label}: not converted")
    return results[0], executor
