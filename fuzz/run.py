"""The long fuzz run: hostile inputs through both reading paths, the schema, the
record checks, the checks across records and the formatter, counting every input.

Run: .venv/bin/python fuzz/run.py [--inputs 100000] [--seed 1] [--save DIR]

The properties are those of tests/test_fuzz.py (tests/hostile.py): every outcome is
data or a positioned diagnostic, the reading paths agree, and a reformatted file
reads back as the same data with the same comments. Any other exception is counted
with the input that raised it (saved under --save); the run exits 1 if there was one.
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from hostile import (
    check_everything,
    mutated_bytes,
    mutated_data,
    raw_bytes,
    reformat_keeps_everything,
)

Case = tuple[str, bytes]


class Tally:
    """What the run saw: inputs, diagnostics by code, failures, the slowest input."""

    def __init__(self, save: Path | None) -> None:
        self.by_strategy: Counter[str] = Counter()
        self.codes: Counter[str] = Counter()
        self.failures: Counter[str] = Counter()
        self.formatted = 0
        self.slowest = (0.0, "")
        self.slowest_input = b""
        self.save = save

    def one(self, strategy: str, rel: str, raw: bytes) -> None:
        self.by_strategy[strategy] += 1
        started = time.perf_counter()
        try:
            for d in check_everything(rel, raw):
                self.codes[d.code] += 1
            self.formatted += reformat_keeps_everything(raw)
        except Exception as exc:
            where = traceback.extract_tb(exc.__traceback__)[-1]
            key = f"{type(exc).__name__} at {Path(where.filename).name}:{where.lineno}: {exc}"
            self.failures[key[:300]] += 1
            if self.save is not None:
                self.save.mkdir(parents=True, exist_ok=True)
                (self.save / f"{_digest(raw)}.yaml").write_bytes(raw)
        seconds = time.perf_counter() - started
        if seconds > self.slowest[0]:
            self.slowest = (seconds, f"{strategy} {rel} {_digest(raw)}")
            self.slowest_input = raw


def _digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()[:16]


def _run(tally: Tally, name: str, strategy: st.SearchStrategy[Case], count: int, at: int) -> None:
    @seed(at)
    @settings(
        max_examples=count, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(strategy)
    def run(case: Case) -> None:
        tally.one(name, *case)

    run()


def main() -> int:
    parser = argparse.ArgumentParser(description="The long fuzz run of shsv's reading paths.")
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--save", type=Path, default=None)
    args = parser.parse_args()
    tally = Tally(args.save)
    strategies: dict[str, st.SearchStrategy[Case]] = {
        "mutated-bytes": mutated_bytes(),
        "mutated-data": mutated_data(),
        "raw-bytes": raw_bytes,
    }
    share = -(-args.inputs // len(strategies))
    started = time.perf_counter()
    for name, strategy in strategies.items():
        _run(tally, name, strategy, share, args.seed)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    total = sum(tally.by_strategy.values())
    print(f"inputs: {total:,} in {seconds:,.0f} s {dict(tally.by_strategy)}")
    print(f"of which reformatted and checked: {tally.formatted:,}")
    print(f"diagnostics by code: {dict(sorted(tally.codes.items()))}")
    print(f"slowest input: {tally.slowest[0] * 1000:.0f} ms ({tally.slowest[1]})")
    print(f"peak memory: {peak:,.0f} MB")
    print(f"exceptions other than diagnostics: {sum(tally.failures.values())}")
    if args.save is not None:
        args.save.mkdir(parents=True, exist_ok=True)
        (args.save / "slowest.yaml").write_bytes(tally.slowest_input)
    for key, count in tally.failures.most_common():
        print(f"  {count} x {key}")
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
