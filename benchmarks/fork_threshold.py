"""Where forking a process per core starts to pay: phase one of a cold validate (no
cache) in one process and forked over every core, on small generated repositories.

    .venv/bin/python benchmarks/fork_threshold.py [--reports 10,30,60,150,300] [--repeat 7]

Each repository is made under ``benchmarks/.work/`` (once) and validated in this
process: once to warm the page cache, then ``--repeat`` times each way, taking the best
run of each. A run in a new process costs the same start-up either way, so this is the
difference that decides ``shsv.pool.FORK_THRESHOLD``. Timings on a shared machine are
noisy: compare figures taken side by side in one run.
"""

from __future__ import annotations

import argparse
import time
from datetime import date
from pathlib import Path

import generate

HERE = Path(__file__).resolve().parent


def tree(reports: int) -> Path:
    root = HERE / ".work" / f"threshold-{reports}"
    if not (root / "data").is_dir():
        generate.write(root, reports)
    return root


def best(root: Path, jobs: int, repeat: int) -> float:
    from shsv import pool, validate
    from shsv.checks.registry import Context

    context = Context(as_of=date(2026, 11, 24))
    threshold = pool.FORK_THRESHOLD
    pool.FORK_THRESHOLD = 1  # fork whatever the size: the threshold is what is measured
    try:
        validate.run(root, context, jobs=jobs)
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            validate.run(root, context, jobs=jobs)
            times.append(time.perf_counter() - start)
    finally:
        pool.FORK_THRESHOLD = threshold
    return min(times)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", default="10,30,60,150,300")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    from shsv import pool
    from shsv.layout import discover

    cores = pool.jobs_default()
    print(f"phase one, cold, best of {args.repeat}; {cores} cores; ", end="")
    print(f"FORK_THRESHOLD = {pool.FORK_THRESHOLD} files")
    print(f"| files | one process | {cores} processes | ratio |")
    print("|---:|---:|---:|---:|")
    for reports in (int(n) for n in args.reports.split(",")):
        root = tree(reports)
        one, several = best(root, 1, args.repeat), best(root, cores, args.repeat)
        files = len(discover(root))
        print(
            f"| {files:,} | {one * 1000:.1f} ms | {several * 1000:.1f} ms | {several / one:.2f} |"
        )


if __name__ == "__main__":
    main()
