"""The schema phase alone: ``shsv.schema.check`` per record file, and the calls it makes
back into Python.

    .venv/bin/python benchmarks/schema_check.py [TREE] [--sample 3000] [--repeat 7]

TREE is a generated repository (default: one of 2,000 reports made under
``benchmarks/.work/``). The files are read once with the fast reader; then every pass
checks the same sample of them and the best pass is printed in microseconds per file,
with how many shsv functions pydantic-core called per file (one profiled pass). Each
pass starts with no date parsed, as a fresh worker does. To compare two versions, run
this once with each on the same TREE in one session: the machine is noisy, so compare
best-of-N figures taken side by side.
"""

from __future__ import annotations

import argparse
import gc
import random
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from types import FrameType
from typing import Any

HERE = Path(__file__).resolve().parent


def default_tree() -> Path:
    tree = HERE / ".work" / "schema-2000"
    if not (tree / "data").is_dir():
        generate = [sys.executable, str(HERE / "generate.py"), str(tree), "--reports", "2000"]
        subprocess.run(generate, check=True)
    return tree


def load(tree: Path, sample: int) -> list[tuple[Any, Any]]:
    from shsv.fastread import read_fast
    from shsv.layout import discover
    from shsv.model import KINDS

    files = discover(tree)
    files = random.Random(1).sample(files, min(sample, len(files)))
    return [(KINDS[f.folder], read_fast(f.path.read_bytes())) for f in files]


def forget_dates() -> None:
    """Start with no date parsed, as a fresh worker does (older versions kept none)."""
    from shsv.model import types

    cached = getattr(types, "_parse_date", None)
    if cached is not None:
        cached.cache_clear()


def best_pass(items: list[tuple[Any, Any]], repeat: int) -> float:
    from shsv import schema

    times = []
    for _ in range(repeat + 1):  # the first pass warms up
        forget_dates()
        start = time.perf_counter()
        for model, data in items:
            schema.check(model, data)
        times.append(time.perf_counter() - start)
    return min(times[1:]) / len(items)


def callbacks(items: list[tuple[Any, Any]]) -> Counter[str]:
    """shsv functions called while the validator runs, by name."""
    from shsv.model import types

    source = str(Path(types.__file__).parent.parent)
    called: Counter[str] = Counter()
    forget_dates()

    def profile(frame: FrameType, event: str, arg: object) -> None:
        if event == "call" and frame.f_code.co_filename.startswith(source):
            called[frame.f_code.co_name] += 1

    for model, data in items:
        validate = model.__pydantic_validator__.validate_python
        sys.setprofile(profile)
        try:
            validate(data)
        except ValueError:
            pass
        finally:
            sys.setprofile(None)
    return called


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tree", nargs="?", type=Path)
    parser.add_argument("--sample", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    items = load(args.tree or default_tree(), args.sample)
    gc.disable()  # as in a worker, which turns the cyclic collector off
    per_file = best_pass(items, args.repeat)
    called = callbacks(items)
    print(
        f"{len(items)} files: schema.check {per_file * 1e6:.1f} µs per file (best of {args.repeat})"
    )
    total = sum(called.values()) / len(items)
    top = ", ".join(f"{name} {count / len(items):.2f}" for name, count in called.most_common(6))
    print(f"calls into shsv's Python per file: {total:.2f} ({top or 'none'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
