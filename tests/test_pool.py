"""Phase one on several processes finds exactly what one process finds."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import shsv.pool
from generated import generated
from shsv.checks.registry import Context
from shsv.forked import forked
from shsv.layout import discover
from shsv.pool import FORK_THRESHOLD, Task, check_all_files
from shsv.validate import run

AS_OF = Context(as_of=date(2026, 1, 1))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pooled")
    generated(root, 40, broken=0.2)
    return root


@pytest.mark.parametrize("way", ["_forked", "_pooled"])
def test_several_processes_find_what_one_process_finds(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, way: str
) -> None:
    used: list[int] = []
    real = getattr(shsv.pool, way)

    def pooled(work: Any, jobs: int) -> Iterator[Any]:
        used.append(jobs)
        return real(work, jobs)

    monkeypatch.setattr(shsv.pool, "FORK_THRESHOLD", 10)
    monkeypatch.setattr(shsv.pool, "POOL_THRESHOLD", 10)
    monkeypatch.setattr(shsv.pool, "BATCH", 7)
    monkeypatch.setattr(shsv.pool, "_forked", pooled)  # _pooled: as where there is no fork
    reported: list[tuple[int, int]] = []
    several = run(corpus, AS_OF, jobs=2, progress=lambda *done: reported.append(done))
    one = run(corpus, AS_OF, jobs=1)
    assert used == [2]
    assert several.diagnostics and several.diagnostics == one.diagnostics
    assert (several.files, several.paths) == (one.files, one.paths)
    assert reported[-1] == (one.files, one.files)


def test_below_the_threshold_one_process_does_it(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = run(corpus, AS_OF, jobs=1).files
    calls: list[int] = []
    real = shsv.pool._forked

    def forked(work: Any, jobs: int) -> Iterator[Any]:
        calls.append(len(work[1]))
        return real(work, jobs)

    monkeypatch.setattr(shsv.pool, "_forked", forked)
    monkeypatch.setattr(shsv.pool, "FORK_THRESHOLD", files + 1)
    run(corpus, AS_OF, jobs=2)
    assert calls == []
    monkeypatch.setattr(shsv.pool, "FORK_THRESHOLD", files)
    run(corpus, AS_OF, jobs=2)
    assert calls == [files]


def test_each_process_has_several_batches_to_take() -> None:
    size = shsv.pool.batch_size
    assert [size(n, 2) for n in (64, 88, 200, 511, 13_052)] == [16, 16, 25, 63, 64]
    assert size(13_052, 8) == 64 and size(1_000, 8) == 31


def test_records_come_back_whole_from_the_pool(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = run(corpus, AS_OF, keep_records=True, jobs=1)
    monkeypatch.setattr(shsv.pool, "FORK_THRESHOLD", 10)
    several = run(corpus, AS_OF, keep_records=True, jobs=2)
    assert len(several.records) == len(several.paths) > 40
    assert several.records == one.records


def test_every_batch_comes_back_once_from_whichever_process_took_it() -> None:
    parent = os.getpid()

    def check(start: int, stop: int) -> list[tuple[int, int]]:
        time.sleep(0.01)  # so that no process takes every batch before the others start
        return [(i, os.getpid()) for i in range(start, stop)]

    out = list(forked(check, 700, 7, 3))
    assert sorted(i for batch in out for i, _ in batch) == list(range(700))
    workers = {pid for batch in out for _, pid in batch}
    assert parent in workers and len(workers) > 1  # the parent works too


def test_children_run_the_remote_check_and_the_parent_its_own() -> None:
    parent = os.getpid()

    def here(start: int, stop: int) -> list[tuple[int, str]]:
        time.sleep(0.01)
        return [(i, "here") for i in range(start, stop)]

    def remote(start: int, stop: int) -> list[tuple[int, str]]:
        assert os.getpid() != parent
        time.sleep(0.01)
        return [(i, "remote") for i in range(start, stop)]

    out = [item for batch in forked(here, 300, 5, 2, remote) for item in batch]
    assert sorted(i for i, _ in out) == list(range(300))
    assert {where for _, where in out} == {"here", "remote"}


def test_the_parent_keeps_its_own_summaries_as_they_are(tmp_path: Path) -> None:
    """Only results sent down a pipe carry their summary pickled alone."""
    corpus = tmp_path / "corpus"
    generated(corpus, 40)
    tasks = [Task(file) for file in discover(corpus)]
    assert len(tasks) >= FORK_THRESHOLD
    done = list(check_all_files(corpus, tasks, AS_OF, jobs=2))
    mine = [d for d in done if d.summary is not None]
    assert mine  # (how many the child takes depends on timing)
    for d in mine:
        assert d.entry is not None and d.entry.summary() == d.summary


def test_a_child_that_dies_costs_time_not_results() -> None:
    parent = os.getpid()

    def check(start: int, stop: int) -> list[int]:
        if os.getpid() != parent:
            os._exit(3)  # every child dies on the first batch it takes
        return list(range(start, stop))

    out = list(forked(check, 500, 10, 3))
    assert sorted(i for batch in out for i in batch) == list(range(500))


def test_a_great_many_batches_still_fit_the_pipe() -> None:
    out = list(forked(lambda a, b: list(range(a, b)), 100_000, 1, 2))
    assert sorted(i for batch in out for i in batch) == list(range(100_000))
    assert len(out) <= 16_000 // 4  # batches grew so that their numbers fit 16 KiB
