"""A data repository: every sound record by id, and what is wrong.

Loaded whole (``Repository.load``) for commands that use every record, such as the
timeline and exports; or loaded lazily (``Repository.open``) for commands that use a
few, such as one paper: validation runs (from the cache when it can) and each record is
read again from its file only when it is asked for, so a paper from a national-scale
repository needs neither every record in memory nor every file parsed twice.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from shsv.checks.registry import Context
from shsv.diagnostics import Diagnostic, Severity
from shsv.errors import RecordError, UsageError
from shsv.layout import DATA
from shsv.model import KIND_NAMES, KINDS, Meeting, Record, Report

if TYPE_CHECKING:
    from shsv.dates import DateSpan

R = TypeVar("R", bound=Record)
_FOLDERS = {model: folder for folder, model in KINDS.items()}


class LazyRecords(Mapping[str, Record]):
    """Sound records by id, each read from its file when first asked for; the most
    recently used ``keep`` of them are held."""

    def __init__(self, root: Path, paths: dict[str, str], keep: int = 4096) -> None:
        self._root = root
        self._paths = paths
        self._held: OrderedDict[str, Record] = OrderedDict()
        self._keep = keep

    def __getitem__(self, record_id: str) -> Record:
        held = self._held.get(record_id)
        if held is not None:
            self._held.move_to_end(record_id)
            return held
        from shsv.validate import read_record

        record = read_record(self._root, self._paths[record_id])
        if record is None or record.id != record_id:
            raise KeyError(record_id)  # changed since it was validated
        self._held[record_id] = record
        if len(self._held) > self._keep:
            self._held.popitem(last=False)
        return record

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


@dataclass(slots=True)
class Repository:
    root: Path
    records: Mapping[str, Record]
    paths: dict[str, str]
    """Each sound record's file, relative to the root."""
    diagnostics: list[Diagnostic]
    files: int

    @classmethod
    def load(cls, root: Path, as_of: date) -> Repository:
        """Every sound record read into memory, on every core for a large repository."""
        from shsv.validate import run

        outcome = run(root, Context(as_of=as_of), keep_records=True)
        return cls(root, outcome.records, outcome.paths, outcome.diagnostics, outcome.files)

    @classmethod
    def open(cls, root: Path, as_of: date, *, cache: bool = True) -> Repository:
        """Validated (through the cache unless ``cache`` is false), records read on
        demand."""
        from shsv.validate import run

        outcome = run(root, Context(as_of=as_of), cache=cache)
        records = LazyRecords(root, outcome.paths)
        return cls(root, records, outcome.paths, outcome.diagnostics, outcome.files)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    def ids_of(self, model: type[Record]) -> list[str]:
        """The ids of one kind's records, sorted, without reading any file."""
        prefix = f"{DATA}/{_FOLDERS[model]}/"
        return sorted(i for i, rel in self.paths.items() if rel.startswith(prefix))

    def each(self, model: type[R]) -> Iterator[R]:
        """Every record of one kind, by id, each read as it is reached (a large
        repository's records are never all held at once)."""
        for record_id in self.ids_of(model):
            record = self.records.get(record_id)
            if isinstance(record, model):
                yield record

    def of_kind(self, model: type[R]) -> list[R]:
        """Every record of one kind, by id; only files in that kind's folder are read."""
        return list(self.each(model))

    def report_date(self, report: Report) -> DateSpan | None:
        """A report's date: that of its last meeting with a date."""
        meetings = (self.find(ref.meeting, Meeting) for ref in report.meetings)
        dates = [meeting.date for meeting in meetings if meeting and meeting.date]
        return dates[-1] if dates else None

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
