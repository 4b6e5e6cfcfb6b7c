"""How long one paper takes as a whole process, beside Python's own start-up.

    python benchmarks/report.py [--root DIR] [--runs N]

Prints the median of N runs (default 5) for ``python -c pass``, ``shsv --version`` and
``shsv report`` of each seed paper in md, html and pdf, each as seconds and as a ratio
to Python's start-up, measured in one run (the machine is shared and noisy).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAPERS = (
    "lancaster-2011-07-26-shared-services-programme",
    "lancaster-revenues-and-benefits-minute",
    "huntingdonshire-2014-10-23-shared-services",
    "cambridgeshire-2009-12-15-local-government-shared-services",
)


def shsv() -> list[str]:
    found = shutil.which("shsv", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "shsv"]


def timed(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    floor = timed([sys.executable, "-c", "pass"], args.runs)
    rows = [("python -c pass", floor), ("shsv --version", timed([*shsv(), "--version"], args.runs))]
    with tempfile.TemporaryDirectory() as out:
        for paper in PAPERS:
            for fmt in ("md", "html", "pdf"):
                command = [*shsv(), "report", paper, "--root", str(args.root), "-f", fmt]
                command += ["-o", str(Path(out) / f"{paper}.{fmt}")]
                rows.append((f"report {paper} {fmt}", timed(command, args.runs)))
    width = max(len(name) for name, _ in rows)
    print(f"{'command':<{width}}  {'median s':>8}  {'x python':>8}")
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds:8.3f}  {seconds / floor:8.1f}")


if __name__ == "__main__":
    main()
