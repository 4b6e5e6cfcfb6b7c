"""Exports for analysts: CSV files, one JSON document, or a SQLite database.

Each function returns what to write (text or bytes); the command writes it. The
SQLite database is built in memory with sqlite-utils (the optional ``export`` extra)
and handed over as bytes, so the file on disk appears whole or not at all.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from typing import Any

from shsv import __version__
from shsv.errors import UsageError
from shsv.model import KINDS
from shsv.repository import Repository
from shsv.tables import FULL_TEXT, Table, build

EXTRA_HINT = "pip install 'shsv[export]'"


def as_json(repo: Repository) -> str:
    """One document: every record as it is kept, by kind, and the file each came from."""
    document = {
        "shsv": __version__,
        "records": {
            folder: [record.model_dump(mode="json") for record in repo.of_kind(model)]
            for folder, model in KINDS.items()
        },
        "files": dict(sorted(repo.paths.items())),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def table_csv(table: Table) -> str:
    """The table as CSV (RFC 4180), without the search column."""
    columns = [column for column in table.columns if column != FULL_TEXT]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in table.rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return buffer.getvalue()


def as_csv(repo: Repository) -> dict[str, str]:
    """``{file name: CSV text}``: a file per table (see ``shsv.tables``)."""
    return {f"{table.name}.csv": table_csv(table) for table in build(repo)}


def as_sqlite(repo: Repository) -> bytes:
    """A SQLite database with foreign keys and full-text search, ready for Datasette."""
    try:
        from sqlite_utils import Database
    except ImportError:
        raise UsageError(
            f"--format sqlite needs sqlite-utils, in the optional 'export' extra: {EXTRA_HINT}"
        ) from None
    connection = sqlite3.connect(":memory:")
    try:
        db = Database(connection)
        tables = build(repo)
        for table in _in_creation_order(tables):
            db.table(table.name).create(table.columns, pk=table.pk, foreign_keys=table.foreign_keys)
        for table in tables:
            db.table(table.name).insert_all(table.rows)
            if table.search:
                db.table(table.name).enable_fts(table.search)
        return connection.serialize()
    finally:
        connection.close()


def _in_creation_order(tables: list[Table]) -> list[Table]:
    """Each table after the tables its foreign keys point at (sqlite-utils checks them)."""
    done: set[str] = set()
    pending, ordered = list(tables), []
    while pending:
        ready = [t for t in pending if {fk[1] for fk in t.foreign_keys} <= done | {t.name}]
        assert ready, f"foreign keys go round in a circle: {[t.name for t in pending]}"
        ordered += ready
        done.update(t.name for t in ready)
        pending = [t for t in pending if t.name not in done]
    return ordered
