"""Resource bombs, and a measurement of one in a process of its own.

Shared by ``tests/test_bombs.py`` (generous bounds) and ``benchmarks/bombs.py``
(prints the figures). Each bomb is measured in a fresh child process, so a crash of
the Rust parser (a segfault) shows as the child's exit code instead of killing the
test run, and the peak memory is the bomb's own.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path


def _laughs() -> bytes:
    lines = ["id: x", "lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        lines.append(f"lol{i}: &lol{i} [" + ", ".join([f"*lol{i - 1}"] * 10) + "]")
    return ("\n".join(lines) + "\n").encode()


def _indented(depth: int) -> bytes:
    return "".join(" " * i + f"k{i}:\n" for i in range(depth)).encode() + b" " * depth + b"x\n"


# name: (builder, the code it must be refused with)
BOMBS: dict[str, tuple[Callable[[], bytes], str]] = {
    "billion-laughs": (_laughs, "Y106"),
    "flow-list-1000": (lambda: b"id: x\na: " + b"[" * 1000 + b"]" * 1000 + b"\n", "Y110"),
    "flow-list-100000": (lambda: b"id: x\na: " + b"[" * 100_000 + b"]" * 100_000 + b"\n", "Y110"),
    "flow-map-1000": (lambda: b"id: x\na: " + b"{a: " * 1000 + b"1" + b"}" * 1000 + b"\n", "Y110"),
    "flow-map-100000": (
        lambda: b"id: x\na: " + b"{a: " * 100_000 + b"1" + b"}" * 100_000 + b"\n",
        "Y110",
    ),
    "unclosed-100000": (lambda: b"id: x\na: " + b"[" * 100_000 + b"\n", "Y110"),
    "block-list-1000": (lambda: b"- " * 1000 + b"x\n", "Y110"),
    "block-list-100000": (lambda: b"- " * 100_000 + b"x\n", "Y110"),
    "block-map-1000": (lambda: _indented(1000), "Y110"),
    # Lines broken at bare CRs, which a scan for lines at LF would not see
    "cr-block-list-100000": (lambda: b"a:\r" + b"- " * 100_000 + b"x\n", "Y110"),
    "file-10mb": (lambda: b"id: x\nnotes:\n  - " + b"x" * 10_000_000 + b"\n", "Y109"),
    "keys-100000": (
        lambda: ("id: x\n" + "".join(f"k{i:x}: 1\n" for i in range(100_000))).encode(),
        "Y111",
    ),
    "items-100000": (lambda: b"id: x\nnotes: [" + b"1, " * 100_000 + b"1]\n", "Y111"),
}

# The child: read the bomb from a file the way validate does, then check it.
_CHILD = """
import json, resource, sys, time
from datetime import date
from pathlib import Path
from shsv.checks.registry import Context
from shsv.layout import RecordFile
from shsv.validate import check_file, read_file
path, fast = Path(sys.argv[1]), sys.argv[2] == "fast"
file = RecordFile(str(path), "data/councils/" + path.name, "councils")
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
raw = read_file(path.parent, file)
if isinstance(raw, bytes):
    result = check_file(file, raw, Context(date(2020, 1, 1)), fast=fast)
    codes = [d.code for d in result.diagnostics]
else:
    codes = [raw.code]
seconds = time.perf_counter() - started
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "megabytes": (after - before) / 1024, "codes": codes}))
"""


def measure(name: str, folder: Path, path: str) -> dict[str, object]:
    """Check one bomb on one reading path ("fast" or "exact") in a child process."""
    build, _ = BOMBS[name]
    bomb = folder / f"{name}.yaml"
    if not bomb.exists():
        bomb.write_bytes(build())
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(bomb), path],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    result: dict[str, object] = {"returncode": done.returncode, "stderr": done.stderr[-2000:]}
    if done.returncode == 0:
        result.update(json.loads(done.stdout))
    return result
