"""Validate a data repository: each file, then across records, then positions.

Pure: takes a root and a context, returns diagnostics (and, when asked, the records).
It never prints, exits or reads the clock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from shsv import schema, yamlread
from shsv.checks import registry
from shsv.checks.cross import Summary, check_all, summarise
from shsv.diagnostics import Diagnostic
from shsv.fastread import read_fast
from shsv.findings import Finding
from shsv.layout import DATA, RecordFile, discover, inside
from shsv.model import KINDS, Record
from shsv.rules import BY_CODE
from shsv.yamlread import Problem


@dataclass(slots=True)
class FileResult:
    """What phase one learnt about one file."""

    rel: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    summary: Summary | None = None
    record: Record | None = None


@dataclass(slots=True)
class Outcome:
    diagnostics: list[Diagnostic]
    files: int
    records: dict[str, Record] = field(default_factory=dict)
    """Valid records by id (only when asked for)."""
    paths: dict[str, str] = field(default_factory=dict)
    """Each record id's file, relative to the root."""


def diagnostic(rel: str, line: int, column: int, code: str, message: str) -> Diagnostic:
    return Diagnostic(rel, line, column, code, BY_CODE[code].severity, message)


def _from_problem(rel: str, problem: Problem) -> Diagnostic:
    return diagnostic(rel, problem.line, problem.column, problem.code, problem.message)


def place(rel: str, raw: bytes, findings: Iterable[Finding]) -> list[Diagnostic]:
    """Give findings their line and column by reading the file with positions."""
    findings = list(findings)
    if not findings:
        return []
    doc = yamlread.read(raw)
    if isinstance(doc, Problem):  # the exact reader has the last word
        return [_from_problem(rel, doc)]
    out = []
    for finding in findings:
        line, column = doc.position(finding.loc, key=finding.on_key)
        out.append(diagnostic(rel, line, column, finding.code, finding.message))
    return out


def check_file(
    file: RecordFile, raw: bytes, context: registry.Context, *, fast: bool = True
) -> FileResult:
    """Phase one for one file: read it, check its schema and its own rules."""
    result = FileResult(file.rel)
    if file.folder is None:
        kinds = ", ".join(KINDS)
        result.diagnostics.append(
            diagnostic(
                file.rel,
                1,
                1,
                "R306",
                f"not in a kind folder; move it under {DATA}/ into one of: {kinds}",
            )
        )
        return result
    data = read_fast(raw) if fast else None
    if data is None:
        doc = yamlread.read(raw)
        if isinstance(doc, Problem):
            result.diagnostics.append(_from_problem(file.rel, doc))
            return result
        data = doc.data
    record, findings = schema.check(KINDS[file.folder], data)
    if record is not None:
        if record.id != file.stem:
            findings.append(
                Finding(
                    "R303",
                    ("id",),
                    f"id {record.id} differs from the file "
                    f"name {file.path.name}; rename one to match the other",
                )
            )
        findings.extend(registry.run(record, context))
        result.summary = summarise(record, file.rel)
        result.record = record
    result.diagnostics = place(file.rel, raw, findings)
    return result


def read_file(root: Path, file: RecordFile) -> bytes | Diagnostic:
    if not inside(root, file.path):
        return diagnostic(
            file.rel, 1, 1, "Y117", "the file is a link to outside the repository; refused"
        )
    raw = yamlread.read_bytes(file.path)
    return _from_problem(file.rel, raw) if isinstance(raw, Problem) else raw


Progress = Callable[[int, int], None]


def run(
    root: Path,
    context: registry.Context,
    *,
    fast: bool = True,
    keep_records: bool = False,
    progress: Progress | None = None,
) -> Outcome:
    """Validate every record file under ``root/data``."""
    files = discover(root)
    diagnostics: list[Diagnostic] = []
    summaries: list[Summary] = []
    broken: set[str] = set()
    outcome = Outcome(diagnostics, len(files))
    for done, file in enumerate(files, 1):
        raw = read_file(root, file)
        if isinstance(raw, Diagnostic):
            diagnostics.append(raw)
            broken.add(file.stem)
            continue
        result = check_file(file, raw, context, fast=fast)
        diagnostics.extend(result.diagnostics)
        if result.summary is None:
            broken.add(file.stem)
        else:
            summaries.append(result.summary)
            outcome.paths.setdefault(result.summary.id, file.rel)
        if keep_records and result.record is not None:
            outcome.records.setdefault(result.record.id, result.record)
        if progress:
            progress(done, len(files))
    diagnostics.extend(cross_diagnostics(root, summaries, frozenset(broken)))
    diagnostics.sort()
    return outcome


def cross_diagnostics(
    root: Path, summaries: list[Summary], broken: frozenset[str] = frozenset()
) -> list[Diagnostic]:
    by_file: dict[str, list[Finding]] = {}
    for rel, finding in check_all(summaries, broken):
        by_file.setdefault(rel, []).append(finding)
    out: list[Diagnostic] = []
    for rel, findings in by_file.items():
        out.extend(place(rel, (root / rel).read_bytes(), findings))
    return out
