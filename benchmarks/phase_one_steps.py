"""Microseconds per file of phase one's own Python work after the schema check.

    .venv/bin/python benchmarks/phase_one_steps.py [REPOSITORY] [--files N]

For N files (default 3,000) sampled from REPOSITORY (default: a generated one of 2,000
reports in a temporary folder): the record checks (``registry.run``), the summary for
phase two (``summarise``), pickling it (``cache.dumps``, in a worker) and unpickling
it (``cache.loads``, in the parent). Each record is checked just after it is built,
as in a run, so it is still in the processor's cache. "first" is the first pass in
this process (it pays for lazy imports such as the bank holidays' calendar); the
others are the best of three passes. Timings on a shared machine are noisy: compare
old against new in one session.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

import generate
from shsv import schema
from shsv.cache import dumps, loads
from shsv.checks import registry
from shsv.checks.cross import summarise
from shsv.layout import discover
from shsv.model import KINDS
from shsv.validate import read_data
from shsv.yamlscan import Problem

CONTEXT = registry.Context(as_of=date(2026, 11, 24))
STEPS = ("checks", "summarise", "dumps", "loads")


def _records(root: Path, count: int) -> list[tuple[Any, Any, str]]:
    """(model, data, path) of up to ``count`` files that read as YAML, a fixed sample."""
    files = [f for f in discover(root) if f.folder is not None]
    files = random.Random(1).sample(files, min(count, len(files)))
    out = []
    for file in files:
        data = read_data(file.path.read_bytes())
        if file.folder is not None and not isinstance(data, Problem):
            out.append((KINDS[file.folder], data, file.rel))
    return out


def one_pass(records: list[tuple[Any, Any, str]]) -> dict[str, float]:
    """Seconds spent in each step over all ``records``."""
    clock = time.perf_counter
    spent = dict.fromkeys(STEPS, 0.0)
    blobs = []
    for model, data, rel in records:
        record, _ = schema.check(model, data)
        if record is None:
            continue
        start = clock()
        registry.run(record, CONTEXT)
        checked = clock()
        summary = summarise(record, rel)
        summarised = clock()
        blobs.append(dumps(summary))
        spent["checks"] += checked - start
        spent["summarise"] += summarised - checked
        spent["dumps"] += clock() - summarised
    start = clock()
    for blob in blobs:
        loads(blob)
    spent["loads"] = clock() - start
    return spent


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path, nargs="?", help="a data repository")
    parser.add_argument("--files", type=int, default=3000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        root = args.root
        if root is None:
            root = Path(scratch) / "repo"
            generate.write(root, 2000)
        records = _records(root, args.files)
    gc.disable()  # as in phase one
    first = one_pass(records)
    passes = [one_pass(records) for _ in range(3)]
    per_file = 1e6 / len(records)
    print(f"{len(records)} files; microseconds per file")
    print(f"  {'checks (first pass)':22} {first['checks'] * per_file:7.2f}")
    for step in STEPS:
        print(f"  {step:22} {min(p[step] for p in passes) * per_file:7.2f}")


if __name__ == "__main__":
    sys.exit(main())
