"""Run a command as a whole process and measure its wall time and peak memory.

Times come from runs left alone. Peak memory comes from one more run, sampled: the
largest sum, over the process and all its children, of their proportional set size
(PSS: shared pages split between the processes sharing them, so forked workers are
not counted twice), read from /proc every 20 ms. Reading /proc costs CPU, so that run
is not timed. Where /proc has no PSS, resident set sizes are summed (an overcount).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

SAMPLE = 0.02


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu: float
    """User and system time of the process and every child it waited for."""
    peak_mb: float
    code: int


@dataclass(frozen=True)
class Figure:
    """The medians of several runs, and the peak of one more."""

    seconds: float
    cpu: float
    peak_mb: float
    runs: int
    codes: tuple[int, ...]


def _children(pid: int) -> list[int]:
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []
    found: list[int] = []
    for task in tasks:
        try:
            text = Path(f"/proc/{pid}/task/{task}/children").read_text()
        except OSError:
            continue
        found.extend(int(child) for child in text.split())
    return found


def _memory_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    try:
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


def _tree_kb(pid: int) -> int:
    total, todo, seen = 0, [pid], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        total += _memory_kb(current)
        todo.extend(_children(current))
    return total


def run(command: Sequence[str], *, sample: bool = False) -> Run:
    started = time.perf_counter()
    process = subprocess.Popen(
        list(command),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    peak = 0
    while True:
        # wait4 gives the CPU time of the whole tree (workers included), which other
        # work on a shared machine disturbs far less than the wall-clock time.
        pid, status, usage = os.wait4(process.pid, os.WNOHANG if sample else 0)
        if pid:
            break
        peak = max(peak, _tree_kb(process.pid))
        time.sleep(SAMPLE)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, peak / 1024, process.returncode)


def median(
    command: Sequence[str],
    repeat: int,
    *,
    before: Callable[[int], None] | None = None,
) -> Figure:
    """``repeat`` timed runs and one sampled for memory, ``before(i)`` first each time
    (to clear a cache, edit a file)."""
    runs = []
    for i in range(repeat + 1):
        if before:
            before(i)
        runs.append(run(command, sample=i == repeat))
    timed = runs[:-1]
    return Figure(
        statistics.median(r.seconds for r in timed),
        statistics.median(r.cpu for r in timed),
        runs[-1].peak_mb,
        len(timed),
        tuple(r.code for r in runs),
    )
