"""A data repository loaded whole: every valid record by id, and what is wrong."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from shsv.checks.registry import Context
from shsv.diagnostics import Diagnostic, Severity
from shsv.errors import RecordError, UsageError
from shsv.model import KIND_NAMES, Record

R = TypeVar("R", bound=Record)


@dataclass(slots=True)
class Repository:
    root: Path
    records: dict[str, Record]
    paths: dict[str, str]
    diagnostics: list[Diagnostic]
    files: int

    @classmethod
    def load(cls, root: Path, as_of: date) -> Repository:
        from shsv.validate import run

        outcome = run(root, Context(as_of=as_of), keep_records=True)
        return cls(root, outcome.records, outcome.paths, outcome.diagnostics, outcome.files)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    def of_kind(self, model: type[R]) -> list[R]:
        return sorted(
            (r for r in self.records.values() if isinstance(r, model)), key=lambda r: r.id
        )

    def find(self, record_id: str, model: type[R]) -> R | None:
        record = self.records.get(record_id)
        return record if isinstance(record, model) else None

    def get(self, record_id: str, model: type[R]) -> R:
        """The record, or a usage error that says what exists instead."""
        record = self.records.get(record_id)
        if isinstance(record, model):
            return record
        kind = KIND_NAMES.get(model, "record")
        if record is not None:
            raise UsageError(f"{record_id} is a {KIND_NAMES[type(record)]}, not a {kind}")
        problems = [d for d in self.errors if d.path.endswith(f"/{record_id}.yaml")]
        if problems:
            first = problems[0]
            raise RecordError(
                f"{kind} {record_id} has errors, e.g. {first.path}:{first.line}:"
                f"{first.column}: {first.code} {first.message}; "
                "run shsv validate"
            )
        raise UsageError(f"no {kind} has the id {record_id}; shsv list {kind}s shows them")
