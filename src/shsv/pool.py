"""Phase one over many files: each file read once, hashed, and checked unless the cache
already knows its content; on every core when there are enough files to pay for it.

Several processes share the work through ``shsv.forked`` (or, where processes cannot be
forked, a ``multiprocessing`` pool). A forked child costs about as much as checking a
dozen files, so from ``FORK_THRESHOLD`` files to check on, every core is used; a pool's
workers start and talk through their queues more slowly, and pay only from
``POOL_THRESHOLD`` (both measured by ``benchmarks/fork_threshold.py`` and
``benchmarks/run.py``). The files go in batches of at most ``BATCH``, smaller when there
are few, so that each process has several to take.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, cast

from shsv.cache import Entry, Stat, digest, dumps, loads, stat_of
from shsv.checks.cross import Summary
from shsv.checks.registry import Context
from shsv.forked import batches, forked
from shsv.layout import RecordFile
from shsv.yamlbase import DEFAULT_LIMITS, Problem
from shsv.yamltext import NOFOLLOW, read_regular

FORK_THRESHOLD = 64
"""Measured on 2 cores (``benchmarks/fork_threshold.py``): 35 files take one process
4.0 ms and two 5.8; 56 files 9.0 and 7.9; 88 files 16.4 and 12.4; 196 files 39.9 and
25.4. So from a little under 50 files two pay; 64 leaves a margin."""
POOL_THRESHOLD = 1_000
BATCH = 64
"""Files per task at most: enough to make the pipe cheap, few enough to keep every core
busy to the end."""
MIN_BATCH = 16

Progress = Callable[[int, int], None]


@dataclass(slots=True)
class Task:
    """(Not frozen, like ``RecordFile``: one is made for each file.)"""

    file: RecordFile
    known: bytes | None = None
    """The digest of the cached entry for this file, if there is one that fits."""


@dataclass(frozen=True, slots=True)
class Done:
    """A file's result: a new entry, or none when its content matched ``known``."""

    rel: str
    stat: Stat | None
    entry: Entry | None = None
    record: Any = None
    summary: Summary | None = None
    """The entry's summary itself, when the result stays in the process that made it
    (another process unpickles it from the entry)."""


class Watched:
    """Stands in for the context and notes whether any check read it."""

    def __init__(self, context: Context) -> None:
        self._context = context
        self.read = False

    def __getattr__(self, name: str) -> Any:
        self.read = True
        return getattr(self._context, name)


def jobs_default() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def check_one(
    root: Path, task: Task, context: Context, fast: bool, keep: bool, plain: bool, here: bool
) -> Done:
    """Phase one for one file. ``plain``: ``data/`` itself is no link out of the root,
    so a file that is no link is inside it too. ``here``: the result stays in this
    process (so the summary goes with it as it is)."""
    from shsv.validate import check_file, read_file

    file = task.file
    raw, stat = _read(file) if plain else (None, None)
    if raw is None:
        got = read_file(root, file)  # a link, or unreadable: it checks and says why
        if not isinstance(got, bytes):
            return Done(file.rel, None, Entry(file.rel, b"", (got,), None))
        raw = got  # a link within the repository; its stat is never trusted
    found = digest(raw)
    if task.known == found:
        return Done(file.rel, stat)
    watched = Watched(context)
    result = check_file(file, raw, cast(Context, watched), fast=fast)
    read = context if watched.read else None
    entry = Entry.of(file.rel, found, tuple(result.diagnostics), result.summary, read)
    summary = result.summary if here else None
    return Done(file.rel, stat, entry, result.record if keep else None, summary)


def _read(file: RecordFile) -> tuple[bytes | None, Stat | None]:
    """The file's bytes and stat, or (None, None) when ``read_file`` must decide.

    Links are followed only after ``read_file`` has checked where they lead, so plain
    files (nearly all of them) skip resolving their path.
    """
    if not NOFOLLOW:
        return None, None
    got = read_regular(file.where, DEFAULT_LIMITS.max_bytes, follow=False)
    # A link, a pipe, a file over the limit or unreadable: read_file says why. One whose
    # size changed while it was read is left to it too: its stat would not match.
    if isinstance(got, Problem) or len(got[0]) != got[1].st_size:
        return None, None
    return got[0], stat_of(got[1])


Work = tuple[Path, Sequence[Task], Context, bool, bool, bool]
_work: Work | None = None
"""A pool worker's share of the run, set once as it starts, so that a batch is sent
as just its range of tasks."""


def _check(work: Work, here: bool, start: int, stop: int) -> list[Done]:
    root, tasks, context, fast, plain, keep = work
    return [check_one(root, task, context, fast, keep, plain, here) for task in tasks[start:stop]]


def _batch(span: tuple[int, int]) -> bytes:
    assert _work is not None
    # Pickled here as plain tuples: the default pickling of slotted dataclasses costs
    # the parent, which unpickles every result, more than checking takes the workers.
    return dumps(_check(_work, False, *span))


def _worker(work: Work) -> None:
    global _work
    _work = work
    gc.disable()  # the objects made here die by reference counting


def check_all_files(
    root: Path,
    tasks: Sequence[Task],
    context: Context,
    *,
    fast: bool = True,
    keep: bool = False,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> Iterator[Done]:
    """Each task's result, in no particular order."""
    from shsv.layout import DATA, inside

    jobs = jobs or jobs_default()
    total = len(tasks)
    work = (root, tasks, context, fast, inside(root, root / DATA), keep)
    fork = hasattr(os, "fork")
    if jobs < 2 or total < (FORK_THRESHOLD if fork else POOL_THRESHOLD):
        results: Iterator[list[Done]] = (
            _check(work, True, *span) for span in batches(total, BATCH)
        )
    elif fork:
        results = _forked(work, jobs)
    else:
        results = _pooled(work, jobs)
    done = 0
    for batch in results:  # (validate.run has paused the cyclic collector)
        yield from batch
        done += len(batch)
        if progress:
            progress(done, total)


def batch_size(total: int, jobs: int) -> int:
    """About four batches for each process, within MIN_BATCH and BATCH."""
    return min(BATCH, max(MIN_BATCH, total // (4 * jobs)))


def _forked(work: Work, jobs: int) -> Iterator[list[Done]]:
    total = len(work[1])
    here, there = partial(_check, work, True), partial(_check, work, False)
    return forked(here, total, batch_size(total, jobs), jobs, there)


def _pooled(work: Work, jobs: int) -> Iterator[list[Done]]:
    """Where processes cannot be forked: a pool of workers, each given the work once."""
    with multiprocessing.Pool(jobs, initializer=_worker, initargs=(work,)) as pool:
        spans = batches(len(work[1]), batch_size(len(work[1]), jobs))
        for blob in pool.imap_unordered(_batch, spans):
            yield loads(blob)
