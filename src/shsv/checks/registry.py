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


CHECKS: tuple[Check, ...] = ()
"""Every registered check, in registration order. A tuple, replaced on each
registration, never changed in place: ``run`` knows its table is current by identity."""

_FOR_KIND: dict[type[Record], tuple[tuple[Check, ...], tuple[RecordCheck, ...]]] = {}
"""Per record class: the ``CHECKS`` it was worked out from, and the checks that apply,
so a record is not tested against every check."""


def check(
    kind: type[R], *codes: str
) -> Callable[
    [Callable[[R, Context], Iterable[Finding]]], Callable[[R, Context], Iterable[Finding]]
]:
    """Register a check of records of ``kind`` that may report ``codes``."""

    def register(
        function: Callable[[R, Context], Iterable[Finding]],
    ) -> Callable[[R, Context], Iterable[Finding]]:
        global CHECKS
        CHECKS = (*CHECKS, Check(kind, codes, function))
        return function

    return register


def run(record: Record, context: Context) -> list[Finding]:
    """Every registered check that applies to this record's kind."""
    cls = type(record)
    known = _FOR_KIND.get(cls)
    if known is None or known[0] is not CHECKS:
        known = _FOR_KIND[cls] = (CHECKS, tuple(c.run for c in CHECKS if issubclass(cls, c.kind)))
    found: list[Finding] = []
    for check_record in known[1]:
        found.extend(check_record(record, context))
    return found
