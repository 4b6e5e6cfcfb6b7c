"""The registry of record checks: small pure functions, each with its stable codes.

A check takes one validated record and the context, and yields findings. Its
docstring is its user documentation. Cross-record checks live in ``cross``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from shsv.findings import Finding
from shsv.model import Record


@dataclass(frozen=True, slots=True)
class Context:
    as_of: date
    """The date the records are judged at (the CLI's --as-of; default today)."""


RecordCheck = Callable[[Any, Context], Iterable[Finding]]
R = TypeVar("R", bound=Record)


@dataclass(frozen=True, slots=True)
class Check:
    kind: type[Record]
    codes: tuple[str, ...]
    run: RecordCheck


CHECKS: list[Check] = []
_FOR_KIND: dict[type[Record], tuple[RecordCheck, ...]] = {}
"""The checks that apply to each record class, in registration order, so a record is
not tested against every check. Emptied whenever a check is registered (as
``functools.singledispatch`` empties its dispatch cache), so it never lags ``CHECKS``."""


def check(
    kind: type[R], *codes: str
) -> Callable[
    [Callable[[R, Context], Iterable[Finding]]], Callable[[R, Context], Iterable[Finding]]
]:
    """Register a check of records of ``kind`` that may report ``codes``."""

    def register(
        function: Callable[[R, Context], Iterable[Finding]],
    ) -> Callable[[R, Context], Iterable[Finding]]:
        CHECKS.append(Check(kind, codes, function))
        _FOR_KIND.clear()
        return function

    return register


def run(record: Record, context: Context) -> list[Finding]:
    """Every registered check that applies to this record's kind."""
    cls = type(record)
    runs = _FOR_KIND.get(cls)
    if runs is None:
        runs = _FOR_KIND[cls] = tuple(c.run for c in CHECKS if issubclass(cls, c.kind))
    found: list[Finding] = []
    for check_record in runs:
        found.extend(check_record(record, context))
    return found
