"""Validate a data repository: each file, then across records, then positions.

Pure: takes a root and a context, returns diagnostics (and, when asked, the records).
It never prints, exits or reads the clock.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shsv import schema
from shsv.cache import Entry, Stat, Store, Writer, fingerprint, loads, open_store, stat_of
from shsv.checks import registry
from shsv.checks.cross import Summary, check_all, summarise
from shsv.collector import leave, no_gc
from shsv.diagnostics import Diagnostic
from shsv.fastread import read_fast
from shsv.findings import Finding
from shsv.layout import DATA, RecordFile, discover, inside
from shsv.model import KINDS, Record
from shsv.pool import Progress, Task, check_all_files
from shsv.rules import BY_CODE
from shsv.yamlbase import Problem
from shsv.yamltext import read_bytes


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
    from shsv.yamlread import read  # the exact reader: only now is PyYAML needed

    doc = read(raw)
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
    data = read_data(raw, fast=fast)
    if isinstance(data, Problem):
        result.diagnostics.append(_from_problem(file.rel, data))
        return result
    record, findings = schema.check(KINDS[file.folder], data)
    if record is not None:
        if record.id != file.stem:
            findings.append(
                Finding(
                    "R303",
                    ("id",),
                    f"id {record.id} differs from the file "
                    f"name {file.name}; rename one to match the other",
                )
            )
        findings.extend(registry.run(record, context))
        result.summary = summarise(record, file.rel)
        result.record = record
    result.diagnostics = place(file.rel, raw, findings)
    return result


def read_data(raw: bytes, *, fast: bool = True) -> Any:
    """A file's plain data (by the fast path when it can take the file, else by the
    exact reader), or the ``Problem`` that stops it being read."""
    data = read_fast(raw) if fast else None
    if data is not None:
        return data
    from shsv.yamlread import read  # the exact reader: only now is PyYAML needed

    doc = read(raw)
    return doc if isinstance(doc, Problem) else doc.data


def read_record(root: Path, rel: str) -> Record | None:
    """The record in one file that validation found sound, read again (no checks, no
    positions); None if it no longer reads as one."""
    file = record_file(root, rel)
    raw = read_file(root, file)
    if isinstance(raw, Diagnostic) or file.folder is None:
        return None
    data = read_data(raw)
    if isinstance(data, Problem):
        return None
    record, _ = schema.check(KINDS[file.folder], data)
    return record


def record_file(root: Path, rel: str) -> RecordFile:
    """The record file at ``rel`` (as ``discover`` names it) under ``root``."""
    parts = rel.split("/")
    folder = parts[1] if len(parts) > 2 and parts[1] in KINDS else None
    return RecordFile(str(root / rel), rel, folder)


def read_file(root: Path, file: RecordFile) -> bytes | Diagnostic:
    if not inside(root, file.path):
        return diagnostic(
            file.rel, 1, 1, "Y117", "the file is a link to outside the repository; refused"
        )
    raw = read_bytes(file.path)
    return _from_problem(file.rel, raw) if isinstance(raw, Problem) else raw


def run(
    root: Path,
    context: registry.Context,
    *,
    fast: bool = True,
    keep_records: bool = False,
    progress: Progress | None = None,
    cache: bool = False,
    jobs: int | None = None,
) -> Outcome:
    """Validate every record file under ``root/data``.

    ``cache`` reuses and updates the results kept in ``.shsv-cache/`` (never with
    ``keep_records``: records are not cached); ``jobs`` caps the processes phase one
    may use (default: one per core, when there are enough files to pay for them).
    """
    # Every object made here lives on or dies by reference counting: the cyclic
    # collector would only walk them all again, and did, for up to a twentieth of a run.
    with no_gc():
        outcome, writer = _run(root, context, fast, keep_records, progress, cache, jobs)
        if writer:  # (written while phase two ran, and while _run's working set went)
            writer.wait()
    return outcome


def _run(
    root: Path,
    context: registry.Context,
    fast: bool,
    keep_records: bool,
    progress: Progress | None,
    cache: bool,
    jobs: int | None,
) -> tuple[Outcome, Writer | None]:
    """The outcome, and the writer of the cache, if it is kept."""
    files = discover(root)
    store = open_store(root, fingerprint(f"fast={fast}")) if cache and not keep_records else None
    writer = Writer(store) if store else None
    entries, records, fresh, changed = _phase_one(
        root, files, context, store, writer, fast, keep_records, jobs, progress
    )
    if writer and changed:
        writer.start()  # written while phase two runs
    try:
        outcome = _phase_two(root, files, entries, records, fresh, store, writer)
    except BaseException:
        if writer:
            writer.abandon()
        raise
    leave(files, entries, fresh, store)
    return outcome, writer


def _phase_two(
    root: Path,
    files: list[RecordFile],
    entries: dict[str, Entry],
    records: dict[str, Record],
    fresh: dict[str, Summary],
    store: Store | None,
    writer: Writer | None,
) -> Outcome:
    diagnostics: list[Diagnostic] = []
    broken: set[str] = set()
    outcome = Outcome(diagnostics, len(files))
    for file in files:
        entry = entries[file.rel]
        diagnostics.extend(entry.diagnostics)
        if entry.id is None:
            broken.add(file.stem)
        else:
            outcome.paths.setdefault(entry.id, file.rel)
        record = records.get(file.rel)
        if record is not None:
            outcome.records.setdefault(record.id, record)
    key = _state(files, entries)
    if store and store.cross and store.cross[0] == key:
        cross = store.cross[1]
    else:
        if writer and not writer.started:
            writer.start()
        found = (fresh.get(f.rel) or entries[f.rel].summary() for f in files)
        summaries = [summary for summary in found if summary]
        cross = tuple(cross_diagnostics(root, summaries, frozenset(broken)))
    diagnostics.extend(cross)
    diagnostics.sort()
    if writer and writer.started:
        writer.finish((key, cross))
    return outcome


def _phase_one(
    root: Path,
    files: list[RecordFile],
    context: registry.Context,
    store: Store | None,
    writer: Writer | None,
    fast: bool,
    keep: bool,
    jobs: int | None,
    progress: Progress | None,
) -> tuple[dict[str, Entry], dict[str, Record], dict[str, Summary], bool]:
    """Every file's entry (from the cache when its stat shows it unchanged), the
    records when asked for, the summaries of the files checked now (as they are for
    the files this process checked; for the others, unpickled as they arrive, while the
    workers are still busy, rather than all at the end), and whether
    any entry differs from the cache's: a stat now trusted, a check redone for
    another context, a new result. Each entry goes to ``writer`` too, as it is
    settled, to be pickled for the cache while the workers are still busy."""
    entries: dict[str, Entry] = {}
    tasks: list[Task] = []
    for file in files:
        known = store.entries.get(file.rel) if store else None
        # (A file the cache does not know needs no stat: on a cold run, none does.)
        if known and known.fresh(_stat(file.where), context):
            entries[file.rel] = known
            if writer:
                writer.keep(known)
            continue
        tasks.append(Task(file, known.digest if known and known.fits(context) else None))
    records: dict[str, Record] = {}
    summaries: dict[str, Summary] = {}
    ready = len(entries)
    report = (lambda done, _: progress(ready + done, len(files))) if progress else None
    changed = False
    for done in check_all_files(
        root, tasks, context, fast=fast, keep=keep, jobs=jobs, progress=report
    ):
        known = store.entries.get(done.rel) if store else None
        if done.entry is None:  # the content the cache knows: only its stat may be new
            assert store is not None and known is not None
            before = known.stat
            entries[done.rel] = store.settle(known, done.stat)
            changed |= known.stat != before
        else:
            entries[done.rel] = store.settle(done.entry, done.stat) if store else done.entry
            changed |= done.entry != known
        if writer:
            writer.add(entries[done.rel])
        if done.summary is not None:
            summaries[done.rel] = done.summary
        elif done.entry is not None and done.entry.pickled is not None:
            summaries[done.rel] = loads(done.entry.pickled)
        if done.record is not None:
            records[done.rel] = done.record
    return entries, records, summaries, changed


def _stat(path: str) -> Stat:
    """A link's own stat never matches a cached one (its target may change unseen)."""
    try:
        result = os.lstat(path)
    except OSError:
        return (-1, -1, -1)
    return (-1, -1, -1) if stat.S_ISLNK(result.st_mode) else stat_of(result)


def _state(files: list[RecordFile], entries: dict[str, Entry]) -> bytes:
    """A digest of every file's path and content: phase two's result depends on no more."""
    h = hashlib.blake2b(digest_size=16)
    for file in files:
        h.update(file.rel.encode() + b"\0" + entries[file.rel].digest)
    return h.digest()


def cross_diagnostics(
    root: Path, summaries: list[Summary], broken: frozenset[str] = frozenset()
) -> list[Diagnostic]:
    by_file: dict[str, list[Finding]] = {}
    for rel, finding in check_all(summaries, broken):
        by_file.setdefault(rel, []).append(finding)
    out: list[Diagnostic] = []
    for rel, findings in by_file.items():
        raw = read_file(root, record_file(root, rel))
        # Read again to place the findings: a file changed meanwhile says why it cannot be.
        out.extend([raw] if isinstance(raw, Diagnostic) else place(rel, raw, findings))
    return out
