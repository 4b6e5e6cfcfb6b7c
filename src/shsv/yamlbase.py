"""What every way of reading a record file shares, with no YAML parser imported: the
limits, the problem a read can stop at, and how places are named.

PyYAML took 11 ms to import, and a clean repository never needs it: the fast path reads
every file, and only a finding that needs its line and column, or a file the fast path
leaves alone, brings in the exact reader (``yamlread``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

Pos = tuple[int, int]
Loc = tuple[str | int, ...]
"""A place in a record's data: the keys and list indexes that lead to it."""


@dataclass(frozen=True, slots=True)
class Limits:
    """What one record file may hold; each bound refuses a resource bomb early."""

    max_bytes: int = 1_048_576
    max_depth: int = 48
    max_nodes: int = 50_000
    max_int_digits: int = 18


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a file could not be read, at a 1-based line and column."""

    line: int
    column: int
    code: str
    message: str


class RefusedError(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


# What libyaml counts as the end of a line, so that its line numbers index our lines.
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
